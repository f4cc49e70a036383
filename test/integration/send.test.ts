/**
 * Test messages through the real rig: Postfix with STARTTLS + SASL and implicit TLS,
 * Dovecot delivering into a Maildir, the password in the real keychain. Each test looks
 * for what a user would: the message in the mailbox, the code and the server's reply.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannel } from '../../electron/ipc/invoke';
import { createHandlers } from '../../electron/ipc/handlers';
import { RUN_ID_HEADER } from '../../electron/services/smtp/test-message';
import { getRig } from '../rig/inject';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';

const rig = getRig();
let temp: TempServices;

beforeAll(() => {
  temp = tempServices();
});
afterAll(() => temp.dispose());

async function createProfile(overrides: Parameters<typeof profileFields>[0], password?: string) {
  return temp.services.profiles.create(
    profileFields({
      username: rig.user.username,
      from: rig.user.address,
      ...overrides,
      name: `p-${randomUUID()}`,
    }),
    password,
  );
}

async function send(profileId: string, to = rig.user.address, dryRun = false) {
  const progress: string[] = [];
  const record = await temp.services.runs.sendForProfile(
    { runId: randomUUID(), profileId, to, dryRun },
    (p) => progress.push(`${p.phase}:${p.state}`),
  );
  return { record, progress };
}

describe('a test message through the real Postfix', () => {
  it('STARTTLS with AUTH on the submission port lands in the mailbox', async () => {
    const profile = await createProfile(
      { port: rig.ports.submission, security: 'starttls' },
      rig.user.password,
    );
    const { record, progress } = await send(profile.id);

    expect(record.summary).toMatch(/^Accepted by localhost in \d+ ms \(queued as [0-9A-F]+\)\.$/);
    expect(record).toMatchObject({ ok: true, verdict: 'accepted', code: 'OK', phase: null });
    expect(record.queueId).toMatch(/^[0-9A-F]+$/);
    expect(record.tls).toMatchObject({ authorized: true, authorizationError: null });
    expect(record.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(record.tls?.chain[0]?.subjectAltNames).toContain('DNS:mail.rig.test');
    expect(record.phases.map((p) => `${p.phase}:${p.state}`)).toEqual([
      'dns:ok',
      'connect:ok',
      'tls:skipped',
      'greeting:ok',
      'ehlo:ok',
      'starttls:ok',
      'auth:ok',
      'mail:ok',
      'rcpt:ok',
      'data:ok',
    ]);
    expect(progress).toContain('starttls:running');
    expect(progress.at(-1)).toBe('data:ok');

    const raw = await rig.waitForMessage(rig.user.address, (m) => m.includes(record.id));
    const message = raw.replace(/\r?\n[ \t]+/g, ' '); // unfold header lines
    expect(message).toMatch(new RegExp(`^${RUN_ID_HEADER}: ${record.id}$`, 'mi'));
    expect(message).toMatch(/^Subject: Mail Preflight test message \(p-/m);
    expect(message).toContain(`Profile:   ${profile.name}`);
    expect(message).toContain(`Server:    localhost:${rig.ports.submission}`);
  });

  it('implicit TLS on the SMTPS port lands in the mailbox', async () => {
    const profile = await createProfile({ port: rig.ports.smtps, security: 'tls' }, rig.user.password);
    const { record } = await send(profile.id, rig.otherUsers[0]!.address);

    expect(record).toMatchObject({ ok: true, verdict: 'accepted' });
    expect(record.phases.find((p) => p.phase === 'tls')?.state).toBe('ok');
    expect(record.phases.find((p) => p.phase === 'starttls')?.state).toBe('skipped');
    await rig.waitForMessage(rig.otherUsers[0]!.address, (raw) => raw.includes(record.id));
  });

  it('a wrong password fails at AUTH with the server’s 535', async () => {
    const profile = await createProfile({ port: rig.ports.submission }, 'not-the-password');
    const { record } = await send(profile.id);

    expect(record).toMatchObject({ ok: false, verdict: 'failed', code: 'AUTH_FAILED', phase: 'auth' });
    expect(record.server.response).toMatchObject({ code: 535, enhanced: '5.7.8' });
    expect(record.fix?.text).toMatch(/password/);
  });

  it('anonymous on the submission port is told to log in, with the one-click fix', async () => {
    const profile = await createProfile({ port: rig.ports.submission, anonymous: true }, rig.user.password);
    const { record } = await send(profile.id, 'someone@elsewhere.example');

    expect(record).toMatchObject({ ok: false, code: 'AUTH_REQUIRED', phase: 'rcpt' });
    expect(record.fix?.settings).toEqual({ anonymous: false });
    expect(record.server.response?.code).toBe(554);
  });

  it('the envelope check stops after RCPT and sends nothing', async () => {
    const profile = await createProfile({ port: rig.ports.submission }, rig.user.password);
    const { record } = await send(profile.id, rig.otherUsers[0]!.address, true);

    expect(record).toMatchObject({ ok: true, verdict: 'accepted', dryRun: true, messageId: null });
    expect(record.transcript.map((l) => l.line)).toContain('RSET');
    expect(record.transcript.some((l) => l.line === 'DATA')).toBe(false);
  });

  it('“Connect anonymously” ignores but keeps the username and password', async () => {
    const profile = await createProfile({ port: rig.ports.plain, security: 'none' }, rig.user.password);
    const anonymous = await temp.services.profiles.update(profile.id, { ...profile, anonymous: true });
    expect(anonymous).toMatchObject({ anonymous: true, username: rig.user.username, passwordSet: true });

    const { record } = await send(profile.id);
    expect(record).toMatchObject({ ok: true, verdict: 'accepted' });
    expect(record.transcript.some((l) => l.line.startsWith('AUTH'))).toBe(false);

    const back = await temp.services.profiles.update(profile.id, { ...anonymous, anonymous: false });
    expect(back).toMatchObject({ anonymous: false, username: rig.user.username, passwordSet: true });
    expect(await temp.services.secrets.get('smtp-password', profile.id)).toBe(rig.user.password);
  });

  it('the log keeps every attempt, newest first, across a restart', async () => {
    const before = await temp.services.log.list({ offset: 0, limit: 1000 });
    const profile = await createProfile({ port: rig.ports.plain, security: 'none', anonymous: true });
    const { record } = await send(profile.id);

    const restarted = temp.restart();
    const after = await restarted.log.list({ offset: 0, limit: 1000 });
    expect(after.total).toBe(before.total + 1);
    expect(after.items[0]).toMatchObject({ id: record.id, verdict: 'accepted', profileId: profile.id });
    expect((await restarted.log.get(record.id)).transcript.length).toBeGreaterThan(5);
    expect(restarted.profiles.get(profile.id).lastRecipient).toBe(rig.user.address);
  });
});

describe('secrets stay secret', () => {
  it('a canary password reaches no file, log line, transcript or IPC result', async () => {
    const canary = `canary-${randomUUID()}`;
    const handlers = createHandlers(temp.services);
    const results: unknown[] = [];
    const call = async (channel: string, input: unknown) => {
      const result = await invokeChannel(handlers, channel, input, { emit: (_e, p) => results.push(p) });
      results.push(result);
      return result;
    };
    const created = (await call('profiles:create', {
      fields: profileFields({
        name: `canary-${randomUUID()}`,
        port: rig.ports.submission,
        username: rig.user.username,
      }),
      password: canary,
    })) as { ok: true; value: { id: string } };
    await call('profiles:setPassword', { id: created.value.id, password: canary });
    await call('profiles:list', undefined);
    const run = await call('runs:send', {
      runId: randomUUID(),
      profileId: created.value.id,
      to: rig.user.address,
    });
    expect(run).toMatchObject({ ok: true, value: { code: 'AUTH_FAILED' } });
    await call('log:list', { offset: 0, limit: 10 });

    const forms = [
      canary,
      Buffer.from(canary).toString('base64'),
      Buffer.from(`\0${rig.user.username}\0${canary}`).toString('base64'),
    ];
    const everything =
      JSON.stringify(results) +
      temp
        .files()
        .map((f) => f.content)
        .join('\n');
    for (const form of forms) expect(everything).not.toContain(form);
    expect(await temp.services.secrets.get('smtp-password', created.value.id)).toBe(canary);
  });
});
