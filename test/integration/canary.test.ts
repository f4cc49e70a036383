/**
 * Canary passwords through the app's services (the IPC handler table) and the built CLI,
 * against the real rig: after a successful login, a wrong password and a delivery check
 * over IMAP, no file the app or the CLI wrote (data folder, temp HOME), no IPC result, no
 * transcript, log entry, JSON or terminal output holds a password in clear, base64 (every
 * offset) or hex. A short password is proven not derivable from where the masks fell.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/ipc/handlers';
import { invokeChannel } from '../../electron/ipc/invoke';
import { Transcript } from '../../electron/services/smtp/transcript';
import { getRig } from '../rig/inject';
import { runBuiltCli } from '../support/run-cli';
import { findSecret } from '../support/secret-search';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';

const rig = getRig();
const bob = rig.otherUsers[0]!;
const SMTP_CANARY = `smtp-canary-${randomUUID()}`;
const IMAP_CANARY = `imap-canary-${randomUUID()}`;
const USERNAMES = [rig.user.username, bob.username];
/** Every password of these runs: the canaries and the rig's real ones. */
const PASSWORDS = [SMTP_CANARY, IMAP_CANARY, rig.user.password, bob.password];

let temp: TempServices;
let home: string;
/** Everything the runs returned or printed, searched at the end. */
const seen: string[] = [];

beforeAll(() => {
  temp = tempServices();
  home = mkdtempSync(join(tmpdir(), 'mail-preflight-home-'));
});
afterAll(() => {
  temp.dispose();
  rmSync(home, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path, 'latin1')];
  });
}

function expectNoPassword(texts: readonly string[]): void {
  const all = texts.join('\n');
  for (const password of PASSWORDS) expect(findSecret(all, password, USERNAMES)).toBeNull();
}

const authLines = (transcript: ReadonlyArray<{ dir: string; line: string }>) =>
  transcript.filter((l) => /^(AUTH|<redacted>|334)/.test(l.line)).map((l) => `${l.dir}: ${l.line}`);

describe('canary passwords through the IPC handler table', () => {
  const handlers = () => createHandlers(temp.services);
  async function call(channel: string, input: unknown): Promise<unknown> {
    const table = handlers();
    const result = await invokeChannel(table, channel, input, {
      emit: (_e, p) => seen.push(JSON.stringify(p)),
    });
    seen.push(JSON.stringify(result));
    return result;
  }
  async function sendWith(password: string) {
    const created = (await call('profiles:create', {
      fields: profileFields({
        name: `canary-${randomUUID()}`,
        port: rig.ports.submission,
        username: rig.user.username,
        from: rig.user.address,
      }),
      password,
    })) as { ok: true; value: { id: string } };
    return (await call('runs:send', {
      runId: randomUUID(),
      profileId: created.value.id,
      to: rig.user.address,
    })) as {
      ok: true;
      value: { code: string; transcript: Array<{ dir: string; line: string }> };
    };
  }

  it('success and a wrong password: the AUTH exchange is masked by position, the same whatever the password', async () => {
    const good = await sendWith(rig.user.password);
    const wrong = await sendWith(SMTP_CANARY);
    const short = await sendWith('a1');
    expect(good).toMatchObject({ ok: true, value: { code: 'OK' } });
    expect(wrong).toMatchObject({ ok: true, value: { code: 'AUTH_FAILED' } });
    expect(short).toMatchObject({ ok: true, value: { code: 'AUTH_FAILED' } });
    const [mechanism] = authLines(good.value.transcript);
    expect(mechanism).toMatch(/^C: AUTH (PLAIN|LOGIN)/);
    // The masks are the same for a 2-character and a 49-character password: nothing about
    // the short one (length, place, spelling) can be read from them.
    expect(authLines(short.value.transcript)).toEqual(authLines(wrong.value.transcript));
    expect(JSON.stringify(short)).not.toContain(Buffer.from(`\0${rig.user.username}\0a1`).toString('base64'));
    await call('log:list', { offset: 0, limit: 100 });
  });
});

/**
 * The runs let nodemailer choose, and it chooses PLAIN while the rig also offers LOGIN: LOGIN
 * goes through nodemailer's own connection, with the runs' transcript logger, to Dovecot.
 */
describe("AUTH LOGIN against the rig, recorded by the runs' transcript", () => {
  async function loginWith(password: string): Promise<{ error: unknown; lines: string[] }> {
    const { default: Connection } = await import('nodemailer/lib/smtp-connection');
    const transcript = new Transcript(performance.now());
    const connection = new Connection({
      host: '127.0.0.1',
      port: rig.ports.smtps,
      secure: true,
      servername: rig.serverName,
      tls: { ca: rig.caPem },
      logger: transcript.logger(),
      debug: true,
    });
    await new Promise<void>((done, fail) => {
      connection.once('error', fail);
      connection.connect(() => done());
    });
    const error = await new Promise((done) =>
      connection.login({ user: rig.user.username, pass: password, method: 'LOGIN' }, done),
    );
    connection.quit();
    const lines = transcript.lines.map((l) => `${l.dir}: ${l.line}`);
    seen.push(JSON.stringify(transcript), String(error));
    return { error, lines };
  }

  it('the username and password lines are masked; the prompts stay; the mask says nothing of the password', async () => {
    const good = await loginWith(rig.user.password);
    const wrong = await loginWith(SMTP_CANARY);
    const short = await loginWith('a1');
    expect(good.error).toBeFalsy();
    expect(wrong.error).toBeTruthy();
    const exchange = (lines: string[]) => lines.slice(lines.indexOf('C: AUTH LOGIN'), -1);
    expect(exchange(good.lines).slice(0, 5)).toEqual([
      'C: AUTH LOGIN',
      'S: 334 VXNlcm5hbWU6',
      'C: <redacted>',
      'S: 334 UGFzc3dvcmQ6',
      'C: <redacted>',
    ]);
    expect(exchange(short.lines).slice(0, 5)).toEqual(exchange(wrong.lines).slice(0, 5));
    expect(short.lines.join('\n')).not.toContain(Buffer.from('a1').toString('base64'));
  });
});

describe('canary passwords through the built CLI', () => {
  const smtps = [
    'test',
    ...['--host', '127.0.0.1', '--port', String(rig.ports.smtps), '--security', 'tls'],
    ...['--servername', rig.serverName, '--ca', rig.caFile],
    ...['--user', rig.user.username, '--from', rig.user.address, '--password-env', 'SMTP_PW'],
  ];
  const imaps = [
    '--verify-delivery',
    ...['--imap-host', 'localhost', '--imap-port', String(rig.ports.imaps), '--imap-security', 'tls'],
    ...['--imap-user', bob.username, '--imap-password-env', 'IMAP_PW', '--delivery-timeout', '10'],
  ];
  const cli = async (args: string[], smtpPassword: string, imapPassword = bob.password) => {
    const env = {
      ...process.env,
      HOME: home,
      MAIL_PREFLIGHT_DATA_DIR: temp.dataDir,
      SMTP_PW: smtpPassword,
      IMAP_PW: imapPassword,
    };
    const result = await runBuiltCli(args, env);
    seen.push(result.stdout, result.stderr);
    return result;
  };

  it('JSON and human output, success, wrong SMTP and IMAP passwords, with --verify-delivery', async () => {
    const delivered = await cli([...smtps, '--to', bob.address, '--json', ...imaps], rig.user.password);
    expect(JSON.parse(delivered.stdout)).toMatchObject({ verdict: 'delivered' });

    const human = await cli([...smtps, '--to', bob.address], SMTP_CANARY);
    expect(human.status).toBe(1);
    expect(human.stdout + human.stderr).toMatch(/AUTH_FAILED|password/);

    const wrongSmtp = await cli([...smtps, '--to', bob.address, '--json'], SMTP_CANARY);
    expect(JSON.parse(wrongSmtp.stdout)).toMatchObject({ code: 'AUTH_FAILED' });

    const wrongImap = await cli(
      [...smtps, '--to', bob.address, '--json', ...imaps],
      rig.user.password,
      IMAP_CANARY,
    );
    expect(wrongImap.stdout).toContain('DELIVERY_CHECK_FAILED');
  });
});

describe('afterwards', () => {
  it('no password in any file, IPC result, transcript, log, JSON or terminal output', () => {
    const files = [...filesUnder(temp.dataDir), ...filesUnder(home)];
    expect(files.length).toBeGreaterThan(0);
    expect(seen.join('\n')).toContain('<redacted>');
    expectNoPassword([...seen, ...files]);
  });
});
