/**
 * The exports, read and used by the targets' own tools against the real rig, for each of
 * the rig's security modes (plain port anonymous, submission with STARTTLS + AUTH, SMTPS +
 * AUTH): Postfix reads the main.cf lines (postconf) and a second Postfix configured from
 * them relays a message through the rig; msmtp shows the values (--pretend) and sends with
 * the exported account; Django's send_mail sends with the exported EMAIL_* settings. Each
 * message is found in the rig's Maildir. The only thing added to an export is what it
 * names as the administrator's part: the password (sasl_passwd + postmap, or the
 * SMTP_PASSWORD environment variable) and the trusted CA file.
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormatId } from '../../../electron/services/export';
import type { Security } from '../../../electron/services/settings/profile';
import { trustFile } from '../certificates/support';
import { getRig } from '../../rig/inject';
import { createPostfixQueue, POSTFIX_SERVICES } from '../../rig/rig';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';

const run = promisify(execFile);
const rig = getRig();
let temp: TempServices;
let rigCaId: string;

/** The rig's three listeners, each with the security mode it speaks. */
const MODES: Array<{ security: Security; port: () => number; anonymous: boolean }> = [
  { security: 'none', port: () => rig.ports.plain, anonymous: true },
  { security: 'starttls', port: () => rig.ports.submission, anonymous: false },
  { security: 'tls', port: () => rig.ports.smtps, anonymous: false },
];

beforeAll(async () => {
  temp = tempServices();
  rigCaId = await trustFile(temp.services, rig.caFile);
});
afterAll(() => temp.dispose());

/** alice's profile on one of the rig's listeners, by the name in its certificate, trusting its CA. */
async function exportFor(mode: (typeof MODES)[number], format: ExportFormatId): Promise<string> {
  const profile = await temp.services.profiles.create(
    profileFields({
      name: `${format} ${mode.security} ${randomUUID().slice(0, 8)}`,
      host: 'localhost',
      port: mode.port(),
      security: mode.security,
      anonymous: mode.anonymous,
      username: mode.anonymous ? '' : rig.user.username,
      from: rig.user.address,
      trustedCertificateIds: [rigCaId],
    }),
    mode.anonymous ? undefined : rig.user.password,
  );
  const result = await temp.services.exports.preview(profile.id, format, 'en');
  if (!result.ok) throw new Error(result.reason);
  expect(result.text).not.toContain(rig.user.password);
  return result.text;
}

const settingLines = (text: string, pattern: RegExp) =>
  text.split('\n').flatMap((line) => {
    const match = pattern.exec(line);
    return match ? [[match[1]!, match[2]!] as const] : [];
  });

const arrived = (marker: string) =>
  rig.waitForMessage(rig.user.address, (raw) => raw.includes(marker), 20_000);

// ---------------------------------------------------------------------------------------
// Postfix: a second instance, configured from the export, relaying through the rig

/** A Postfix from a temp dir, its main.cf being a few instance lines plus the export. */
async function startRelay(exported: string, password: string) {
  const dir = await mkdtemp(join(tmpdir(), 'mp-relay-'));
  await chmod(dir, 0o755); // Postfix's own processes (as postfix) reach their queue and data in it
  const etc = join(dir, 'etc');
  await mkdir(etc);
  await createPostfixQueue(join(dir, 'spool'), join(dir, 'data'));
  const [smtpdPort] = await freePort();
  // The administrator's part: the export's paths point into their config folder (here,
  // this one), and the trusted CA file goes where TRUSTED_CA_FILE stands.
  const config = exported.replaceAll('/etc/postfix/', `${etc}/`).replaceAll('TRUSTED_CA_FILE', rig.caFile);
  await writeFile(
    join(etc, 'main.cf'),
    [
      'compatibility_level = 3.6',
      `queue_directory = ${join(dir, 'spool')}`,
      `data_directory = ${join(dir, 'data')}`,
      'mail_owner = postfix',
      'setgid_group = postdrop',
      `maillog_file = ${join(dir, 'postfix.log')}`,
      `maillog_file_prefixes = ${dir}`,
      'inet_interfaces = 127.0.0.1',
      'inet_protocols = ipv4',
      'myhostname = relay.export.test',
      'mydestination =',
      'mynetworks = 127.0.0.1/32',
      'alias_maps =',
      'local_recipient_maps =',
      'smtpd_peername_lookup = no',
      'smtp_dns_support_level = disabled',
      'smtp_host_lookup = native',
      'queue_run_delay = 1s',
      'minimal_backoff_time = 1s',
      'maximal_backoff_time = 2s',
      '',
      config,
    ].join('\n'),
  );
  await writeFile(join(etc, 'master.cf'), `127.0.0.1:${smtpdPort} inet n - n - - smtpd\n${POSTFIX_SERVICES}`);
  // The sasl_passwd line the export gives as a comment, with the password in its place, then postmap.
  const saslLine = /^#\s+(\[.*\]:\d+ .*)$/m.exec(config)?.[1];
  if (saslLine) {
    await writeFile(join(etc, 'sasl_passwd'), saslLine.replace('SMTP_PASSWORD', password) + '\n', {
      mode: 0o600,
    });
    await run('postmap', ['-c', etc, `hash:${join(etc, 'sasl_passwd')}`]);
  }
  // Postfix will not read a file modified within the last second; backdate them.
  const past = new Date(Date.now() - 60_000);
  for (const name of await readdir(etc)) await utimes(join(etc, name), past, past);
  // Output to a file, never a pipe: the daemon would inherit it and keep the spawn from finishing.
  const startLog = openSync(join(dir, 'start.out'), 'a');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('postfix', ['-c', etc, 'start'], { stdio: ['ignore', startLog, startLog] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`postfix start exited ${code}: ${readFileSync(join(dir, 'start.out'), 'utf8')}`)),
    );
  }).finally(() => closeSync(startLog));
  return {
    etc,
    config,
    port: smtpdPort!,
    log: () => readFile(join(dir, 'postfix.log'), 'utf8').catch(() => ''),
    async stop() {
      const pidFile = join(dir, 'spool', 'pid', 'master.pid');
      const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
      if (pid > 1) {
        process.kill(pid, 'SIGTERM');
        for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++)
          await new Promise((r) => setTimeout(r, 20));
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve([port]));
    });
  });
}

describe.each(MODES)('postfix, $security', (mode) => {
  it('postconf reads the exported main.cf lines, and a Postfix configured from them relays through the rig', async () => {
    const exported = await exportFor(mode, 'postfix');
    const relay = await startRelay(exported, rig.user.password);
    try {
      const settings = settingLines(relay.config, /^(\w+) = (.*)$/).filter(([key]) =>
        exported.includes(`\n${key} = `),
      );
      expect(settings.map(([key]) => key)).toContain('relayhost');
      const { stdout, stderr } = await run('postconf', [
        '-c',
        relay.etc,
        '-h',
        ...settings.map(([key]) => key),
      ]);
      expect(stderr).toBe(''); // no "unused parameter" warning: every key is Postfix's own
      expect(stdout.trimEnd().split('\n')).toEqual(settings.map(([, value]) => value));

      const marker = `export-postfix-${randomUUID()}`;
      await nodemailer
        .createTransport({ host: '127.0.0.1', port: relay.port, secure: false, ignoreTLS: true })
        .sendMail({ from: rig.user.address, to: rig.user.address, subject: marker, text: marker });
      const raw = await arrived(marker).catch(async (error: Error) => {
        throw new Error(`${error.message}\n--- relay postfix.log ---\n${await relay.log()}`);
      });
      expect(raw).toMatch(/relay\.export\.test/); // it came through the exported relay
    } finally {
      await relay.stop();
    }
  });
});

// ---------------------------------------------------------------------------------------
// msmtp: the exported account

/** Runs msmtp with `input` on its standard input (closed after it), resolving with what it printed. */
function msmtp(args: string[], env: NodeJS.ProcessEnv, input: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('msmtp', args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve({ stdout: stdout + stderr })
        : reject(new Error(`msmtp exited ${code}: ${stderr}`)),
    );
    child.stdin.end(input);
  });
}

describe.each(MODES)('msmtp, $security', (mode) => {
  it('msmtp --pretend shows the exported values, and msmtp -C sends through the rig', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mp-msmtp-'));
    try {
      const file = join(dir, 'msmtprc');
      // The administrator's part: the trusted CA file where TRUSTED_CA_FILE stands.
      await writeFile(file, (await exportFor(mode, 'msmtp')).replaceAll('TRUSTED_CA_FILE', rig.caFile), {
        mode: 0o600,
      });
      const env = { ...process.env, SMTP_PASSWORD: rig.user.password };
      const pretend = await msmtp(['-C', file, '--pretend', rig.user.address], env, '');
      expect(pretend.stdout).toMatch(/^host += localhost$/m);
      expect(pretend.stdout).toMatch(new RegExp(`^port += ${mode.port()}$`, 'm'));
      expect(pretend.stdout).toMatch(new RegExp(`^tls += ${mode.security === 'none' ? 'off' : 'on'}$`, 'm'));
      if (mode.security !== 'none')
        expect(pretend.stdout).toMatch(
          new RegExp(`^tls_starttls += ${mode.security === 'starttls' ? 'on' : 'off'}$`, 'm'),
        );
      expect(pretend.stdout).toMatch(new RegExp(`^from += ${rig.user.address}$`, 'm'));
      expect(pretend.stdout).toMatch(
        mode.anonymous ? /^auth += (off|none)$/m : new RegExp(`^user += ${rig.user.username}$`, 'm'),
      );

      const marker = `export-msmtp-${randomUUID()}`;
      await msmtp(
        ['-C', file, '--timeout=10', rig.user.address],
        env,
        `Subject: ${marker}\nTo: ${rig.user.address}\n\n${marker}\n`,
      );
      await arrived(marker);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------
// Django: send_mail with the exported settings

const DJANGO_SEND = `
import runpy, sys
from django.conf import settings
exported = runpy.run_path(sys.argv[1])
settings.configure(**{k: v for k, v in exported.items() if k.isupper()})
from django.core.mail import send_mail
send_mail(sys.argv[2], sys.argv[2], None, [sys.argv[3]])
`;

describe.each(MODES)('django, $security', (mode) => {
  it('send_mail with the exported EMAIL_* settings sends through the rig', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mp-django-'));
    try {
      const file = join(dir, 'settings.py');
      await writeFile(file, await exportFor(mode, 'django'));
      const marker = `export-django-${randomUUID()}`;
      // Debian's python3 with python3-django, the password where the export reads it.
      await run('/usr/bin/python3', ['-c', DJANGO_SEND, file, marker, rig.user.address], {
        env: { ...process.env, SMTP_PASSWORD: rig.user.password },
      });
      const raw = await arrived(marker);
      expect(raw).toMatch(new RegExp(`^From: ${rig.user.address}`, 'm')); // DEFAULT_FROM_EMAIL
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
