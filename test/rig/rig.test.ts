/**
 * Proves the mail rig (rig.ts) is what it claims: real Postfix + Dovecot,
 * each listener behaving as documented, mail landing in the Maildir, and a
 * clean stop. Uses its own rig (not the shared global one) because it stops it.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRig } from './rig.ts';
import type { Rig } from './rig.ts';
import { rigImapClient } from '../support/rig-imap.ts';

interface SwaksResult {
  code: number;
  output: string;
}

interface SwaksOptions {
  port: number;
  tls?: 'starttls' | 'implicit';
  auth?: { mech: 'PLAIN' | 'LOGIN'; user: string; password: string };
  from?: string;
  to: string;
  /** Stop after this SMTP step (e.g. 'RCPT', 'AUTH') instead of sending a message. */
  quitAfter?: string;
  /** Marker to put in Subject and body. */
  marker?: string;
  extra?: string[];
}

/** Runs swaks against the rig; never rejects (exit code and transcript are the result). */
function swaks(o: SwaksOptions): Promise<SwaksResult> {
  const args = ['--server', rig.host, '--port', String(o.port), '--to', o.to];
  if (o.tls === 'starttls') args.push('--tls');
  if (o.tls === 'implicit') args.push('--tlsc');
  if (o.auth)
    args.push('--auth', o.auth.mech, '--auth-user', o.auth.user, '--auth-password', o.auth.password);
  if (o.from) args.push('--from', o.from);
  if (o.quitAfter) args.push('--quit-after', o.quitAfter);
  if (o.marker) args.push('--header', `Subject: rig test ${o.marker}`, '--body', `marker ${o.marker}\n`);
  args.push(...(o.extra ?? []));
  return new Promise((resolve) => {
    execFile('swaks', args, { encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function tlsHandshake(options: tls.ConnectionOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect(options, () => resolve(socket));
    socket.on('error', reject);
  });
}

let rig: Rig;
let startMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  rig = await startRig();
  startMs = performance.now() - t0;
  console.info(`rig started in ${startMs.toFixed(0)} ms (${rig.dir})`);
}, 30_000);

afterAll(async () => {
  await rig?.stop();
});

describe('mail rig', () => {
  it('exposes the documented shape', () => {
    expect(rig.host).toBe('127.0.0.1');
    expect(new Set(Object.values(rig.ports)).size).toBe(5);
    expect(rig.caPem).toContain('BEGIN CERTIFICATE');
    expect(existsSync(rig.caFile)).toBe(true);
    expect(rig.serverName).toBe('mail.rig.test');
    expect(rig.user.address).toBe('alice@rig.test');
    expect(rig.otherUsers.map((u) => u.address)).toContain('bob@rig.test');
    expect(rig.heldAddress).toBe('held@rig.test');
    expect(rig.maildir('alice')).toBe(path.join(rig.dir, 'mail', 'rig.test', 'alice', 'Maildir'));
    expect(rig.maildir('alice@rig.test')).toBe(rig.maildir('alice'));
  });

  it('submission: STARTTLS + AUTH PLAIN delivers to the Maildir', async () => {
    const marker = randomUUID();
    const result = await swaks({
      port: rig.ports.submission,
      tls: 'starttls',
      auth: { mech: 'PLAIN', user: rig.user.username, password: rig.user.password },
      from: rig.user.address,
      to: rig.user.address,
      marker,
      extra: ['--tls-verify', '--tls-ca-path', rig.caFile], // chain check against the rig CA
    });
    expect(result.output).toMatch(/^<~ +235 /m);
    expect(result.code, result.output).toBe(0);
    const raw = await rig.waitForMessage(rig.user.address, (m) => m.includes(marker));
    expect(raw).toMatch(/^Delivered-To: alice@rig\.test/im);
    expect(raw).toMatch(/with ESMTPSA/); // Postfix's Received: header for TLS + SASL
  });

  it('smtps: implicit TLS + AUTH LOGIN delivers to another user', async () => {
    const marker = randomUUID();
    const bob = rig.otherUsers[0]!;
    const result = await swaks({
      port: rig.ports.smtps,
      tls: 'implicit',
      auth: { mech: 'LOGIN', user: rig.user.username, password: rig.user.password },
      from: rig.user.address,
      to: bob.address,
      marker,
    });
    expect(result.code, result.output).toBe(0);
    const raw = await rig.waitForMessage('bob', (m) => m.includes(marker));
    expect(raw).toContain(`Subject: rig test ${marker}`);
  });

  it('plain port: delivers mail for rig.test without TLS or AUTH', async () => {
    const marker = randomUUID();
    const result = await swaks({
      port: rig.ports.plain,
      from: 'someone@example.com',
      to: rig.user.address,
      marker,
    });
    expect(result.output).not.toMatch(/STARTTLS|AUTH/);
    expect(result.code, result.output).toBe(0);
    await rig.waitForMessage(rig.user.address, (m) => m.includes(marker));
  });

  it('plain port: refuses relaying and unknown users', async () => {
    const common = { port: rig.ports.plain, from: 'someone@example.com', quitAfter: 'RCPT' };
    const relay = await swaks({ ...common, to: 'victim@example.org' });
    expect(relay.output).toMatch(/554 5\.7\.1 <victim@example\.org>: Relay access denied/);
    const unknown = await swaks({ ...common, to: 'nobody@rig.test' });
    expect(unknown.output).toMatch(/550 5\.1\.1 <nobody@rig\.test>/);
  });

  it('submission: anonymous senders are refused', async () => {
    const common = { port: rig.ports.submission, from: 'someone@example.com', quitAfter: 'RCPT' };
    const noTls = await swaks({ ...common, to: 'victim@example.org' });
    expect(noTls.output).toMatch(/530 5\.7\.0 Must issue a STARTTLS command first/);
    expect(noTls.output).not.toMatch(/^<- +250-AUTH/m); // no AUTH offered before STARTTLS

    const tlsRelay = await swaks({ ...common, tls: 'starttls', to: 'victim@example.org' });
    expect(tlsRelay.output).toMatch(/554 5\.7\.1 <victim@example\.org>: Relay access denied/);

    const tlsLocal = await swaks({ ...common, tls: 'starttls', to: rig.user.address });
    expect(tlsLocal.output).toMatch(
      /554 5\.7\.1 <alice@rig\.test>: Recipient address rejected: Access denied/,
    );
  });

  it('wrong passwords fail fast (no auth failure delay, no anvil penalty)', async () => {
    const attempt = (password: string) =>
      swaks({
        port: rig.ports.submission,
        tls: 'starttls',
        auth: { mech: 'PLAIN', user: rig.user.username, password },
        to: rig.user.address,
        quitAfter: 'AUTH',
      });
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) expect((await attempt('wrong')).output).toMatch(/535 5\.7\.8/);
    expect((await attempt(rig.user.password)).output).toMatch(/235 2\.7\.0/);
    // 4 TLS sessions; with Dovecot's defaults this takes > 2 s (0.5 s per failure + 2 s penalty).
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('authenticated mail to other domains lands in the sink, not the internet', async () => {
    const marker = randomUUID();
    const result = await swaks({
      port: rig.ports.submission,
      tls: 'starttls',
      auth: { mech: 'PLAIN', user: rig.user.username, password: rig.user.password },
      from: rig.user.address,
      to: 'friend@example.com',
      marker,
    });
    expect(result.code, result.output).toBe(0);
    const raw = await rig.waitForMessage(rig.sink.address, (m) => m.includes(marker));
    expect(raw).toMatch(/^To: friend@example\.com/m); // headers untouched
  });

  it('sieve files X-Spam-Flag: YES into Junk', async () => {
    const marker = randomUUID();
    const result = await swaks({
      port: rig.ports.plain,
      from: 'spammer@example.com',
      to: rig.user.address,
      marker,
      extra: ['--header', 'X-Spam-Flag: YES'],
    });
    expect(result.code, result.output).toBe(0);
    const raw = await rig.waitForMessage(rig.user.address, (m) => m.includes(marker), 10_000, {
      folder: 'Junk',
    });
    expect(raw).toMatch(/^X-Spam-Flag: YES/m);
    // Already delivered (to Junk), so a single look at the INBOX is conclusive.
    await expect(rig.waitForMessage(rig.user.address, (m) => m.includes(marker), 0)).rejects.toThrow(
      /no matching message/,
    );
  });

  it('held address: accepted with 250 on every path, kept in the hold queue, never delivered', async () => {
    const marker = randomUUID();
    const plain = await swaks({
      port: rig.ports.plain,
      from: 'someone@example.com',
      to: rig.heldAddress,
      marker,
    });
    const submitted = await swaks({
      port: rig.ports.submission,
      tls: 'starttls',
      auth: { mech: 'PLAIN', user: rig.user.username, password: rig.user.password },
      from: rig.user.address,
      to: rig.heldAddress,
      marker,
    });
    const queueIds: string[] = [];
    for (const result of [plain, submitted]) {
      expect(result.code, result.output).toBe(0);
      const queued = /^<[-~] +250 2\.0\.0 Ok: queued as ([0-9A-F]+)/m.exec(result.output); // ~ = over TLS
      expect(queued, result.output).not.toBeNull();
      queueIds.push(queued![1]!);
    }
    const holdDir = path.join(rig.dir, 'postfix', 'spool', 'hold');
    expect((await readdir(holdDir)).sort()).toEqual(expect.arrayContaining(queueIds));

    // Two seconds: far longer than a delivery takes here (tens of ms).
    const inAnyMaildir = async (): Promise<string[]> => {
      const hits: string[] = [];
      const files = await readdir(path.join(rig.dir, 'mail'), { recursive: true });
      for (const file of files) {
        if (!/(^|\/)(new|cur)\/[^/]+$/.test(file)) continue;
        const text = await readFile(path.join(rig.dir, 'mail', file), 'utf8').catch(() => '');
        if (text.includes(marker)) hits.push(file);
      }
      return hits;
    };
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      expect(await inAnyMaildir()).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await inAnyMaildir()).toEqual([]);
    expect((await readdir(holdDir)).sort()).toEqual(expect.arrayContaining(queueIds));
  });

  it('IMAP (cleartext) login works and lists INBOX and Junk', async () => {
    const client = rigImapClient(rig);
    await client.connect();
    try {
      const boxes = await client.list();
      expect(boxes.map((b) => b.path)).toContain('INBOX');
      expect(boxes.find((b) => b.specialUse === '\\Junk')?.path).toBe('Junk');
      const status = await client.status('INBOX', { messages: true });
      expect(status && status.messages).toBeGreaterThan(0);
    } finally {
      await client.logout();
    }
  });

  it('IMAPS login works with the rig CA and server name', async () => {
    const client = new ImapFlow({
      host: rig.host,
      port: rig.ports.imaps,
      secure: true,
      tls: { ca: rig.caPem, servername: rig.serverName },
      auth: { user: rig.user.username, pass: rig.user.password },
      logger: false,
    });
    await client.connect();
    try {
      const boxes = await client.list();
      expect(boxes.map((b) => b.path)).toContain('INBOX');
    } finally {
      await client.logout();
    }
  });

  it('TLS: the certificate verifies for mail.rig.test and localhost, not for 127.0.0.1', async () => {
    for (const servername of [rig.serverName, 'localhost']) {
      const socket = await tlsHandshake({ host: rig.host, port: rig.ports.smtps, ca: rig.caPem, servername });
      expect(socket.authorized).toBe(true);
      expect(['TLSv1.2', 'TLSv1.3']).toContain(socket.getProtocol());
      socket.destroy();
    }
    await expect(
      tlsHandshake({ host: rig.host, port: rig.ports.imaps, ca: rig.caPem }),
    ).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    await expect(
      tlsHandshake({ host: rig.host, port: rig.ports.smtps, servername: rig.serverName }),
    ).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    await expect(
      tlsHandshake({
        host: rig.host,
        port: rig.ports.smtps,
        ca: rig.caPem,
        servername: rig.serverName,
        maxVersion: 'TLSv1.1',
        minVersion: 'TLSv1',
      }),
    ).rejects.toThrow();
  });

  it('stop() closes every port, removes the dir and is idempotent', async () => {
    const t0 = performance.now();
    await rig.stop();
    const stopMs = performance.now() - t0;
    console.info(`rig stopped in ${stopMs.toFixed(0)} ms (started in ${startMs.toFixed(0)} ms)`);
    for (const port of Object.values(rig.ports)) {
      expect(await portAccepts(port), `port ${port}`).toBe(false);
    }
    expect(existsSync(rig.dir)).toBe(false);
    await rig.stop(); // second call: no-op
  });
});
