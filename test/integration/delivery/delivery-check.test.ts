/**
 * The delivery check against the real rig: messages go through the real Postfix, Dovecot
 * LMTP delivers them (its Sieve files spam into Junk), and checkDelivery finds them over
 * real IMAP — or says why it cannot. DNS for the own SPF/DKIM/DMARC check comes from a table.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { checkDelivery } from '../../../electron/services/delivery';
import type {
  CheckDeliveryOptions,
  DeliveryProgress,
  DeliveryResult,
  ImapSettings,
} from '../../../electron/services/delivery';
import { runTest, type RunRequest } from '../../../electron/services/smtp/run-test';
import { RUN_ID_HEADER } from '../../../electron/services/smtp/test-message';
import { getRig } from '../../rig/inject';
import { tableResolver } from '../../unit/delivery/table-resolver';

const rig = getRig();
const CANARY = 'canary-Imap-Pa55w0rd-4e1d';

/** rig.test's DNS as a real domain would publish it: SPF allows the relay (loopback here). */
const dns = () =>
  tableResolver({
    'rig.test TXT': 'v=spf1 ip4:127.0.0.1 -all',
    '_dmarc.rig.test TXT': 'v=DMARC1; p=none',
  });

function imapSettings(overrides: Partial<ImapSettings> = {}): ImapSettings {
  return {
    host: rig.host,
    port: rig.ports.imap,
    security: 'none',
    user: rig.user.username,
    password: rig.user.password,
    ...overrides,
  };
}

/** Every delivered copy's X-Mail-Preflight-Id line, in alice's INBOX or Junk (Maildir). */
async function inMaildir(runId: string, folder?: string): Promise<boolean> {
  return rig
    .waitForMessage(rig.user.address, (raw) => raw.includes(runId), 0, folder ? { folder } : {})
    .then(
      () => true,
      () => false,
    );
}

const plainSmtp = nodemailer.createTransport({
  host: rig.host,
  port: rig.ports.plain,
  secure: false,
  ignoreTLS: true,
});

/** Sends through the rig's MX-style port; resolves with Date.now() when DATA was accepted. */
async function sendPlain(to: string, runId: string, headers: Record<string, string> = {}): Promise<number> {
  const info = await plainSmtp.sendMail({
    from: 'Someone <someone@rig.test>',
    to,
    subject: `Delivery check ${runId}`,
    text: 'A delivery check test message.',
    headers: { [RUN_ID_HEADER]: runId, ...headers },
  });
  expect(info.response).toMatch(/^250 /);
  return Date.now();
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const figures: string[] = [];
afterAll(() => {
  plainSmtp.close();
  if (figures.length) console.info(`delivery check on the rig:\n  ${figures.join('\n  ')}`);
});

describe('found in the mailbox', () => {
  it('the app’s own test message, watched while it is sent: INBOX, hops, own authentication, cleanup', async () => {
    const runId = randomUUID();
    const events: DeliveryProgress[] = [];
    const accepted = deferred<number>();
    const resolver = dns();
    const t0 = performance.now();
    const check = checkDelivery({
      imap: imapSettings(),
      runId,
      acceptedAt: accepted.promise,
      timeoutMs: 10_000,
      cleanup: true,
      onProgress: (e) => events.push(e),
      resolver,
    });
    const request: RunRequest = {
      runId,
      profileName: 'Delivery check',
      host: 'localhost',
      port: rig.ports.submission,
      security: 'starttls',
      auth: { user: rig.user.username, pass: rig.user.password },
      from: rig.user.address,
      replyTo: '',
      to: rig.user.address,
      dryRun: false,
      timeoutMs: 10_000,
    };
    const outcome = await runTest(request, (p) => {
      if (p.phase === 'data' && p.state === 'ok') accepted.resolve(Date.now());
    });
    if (!outcome.report.ok) accepted.reject(new Error(outcome.report.summary));
    expect(outcome.report).toMatchObject({ ok: true, verdict: 'accepted' });

    const result = await check;
    const totalMs = performance.now() - t0;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const { report } = result;
    expect(report).toMatchObject({
      found: true,
      folder: 'INBOX',
      spam: false,
      watch: 'idle',
      junkFolder: 'Junk',
      deleted: true,
      cleanupError: null,
      authenticationSource: 'mail-preflight',
      spamHeaders: {},
    });
    expect(report.arrivalMs).toBeGreaterThanOrEqual(0);
    expect(report.arrivalMs).toBeLessThan(5_000);

    // Postfix (submission, TLS + SASL) then Dovecot LMTP, oldest first.
    expect(report.hops.length).toBeGreaterThanOrEqual(2);
    const [smtpHop, lmtpHop] = report.hops.slice(-2);
    expect(smtpHop).toMatchObject({ by: 'mail.rig.test', with: 'ESMTPSA', ip: '127.0.0.1' });
    expect(lmtpHop).toMatchObject({ with: 'LMTP', from: 'mail.rig.test' });
    for (const hop of report.hops) expect(Date.parse(hop.at!)).not.toBeNaN();
    expect(lmtpHop!.delayMs).toBeGreaterThanOrEqual(0);

    // No Authentication-Results from the rig: Mail Preflight's own check, from the table DNS.
    const byMethod = Object.fromEntries(report.authentication.map((a) => [a.method, a]));
    expect(byMethod.spf).toMatchObject({ result: 'pass', explanation: null });
    expect(byMethod.dmarc).toMatchObject({ result: 'pass', explanation: null });
    expect(byMethod.dkim?.result).toBe('none');
    expect(byMethod.dkim?.explanation).toMatch(/^DKIM: the message is not signed; .*rig\.test.*\.$/);
    expect(resolver.queries).toContain('rig.test TXT');

    expect(events.map((e) => e.state)).toEqual(['connecting', 'watching', 'watching', 'found']);
    expect(events.filter((e) => e.state === 'watching').map((e) => e.folder)).toEqual(
      expect.arrayContaining(['INBOX', 'Junk']),
    );
    expect(events.at(-1)).toEqual({ state: 'found', folder: 'INBOX' });

    // Cleanup: gone from the Maildir.
    expect(await inMaildir(runId)).toBe(false);
    figures.push(
      `INBOX, watched during the send (IDLE): arrival ${report.arrivalMs} ms, whole check ${totalMs.toFixed(0)} ms`,
    );
  });

  it('a message already there when the check starts is found at once', async () => {
    const runId = randomUUID();
    const acceptedAt = await sendPlain(rig.user.address, runId);
    await rig.waitForMessage(rig.user.address, (raw) => raw.includes(runId)); // delivered before the check
    const t0 = performance.now();
    const result = await checkDelivery({
      imap: imapSettings(),
      runId,
      acceptedAt,
      timeoutMs: 5_000,
      cleanup: false,
      resolver: dns(),
    });
    const checkMs = performance.now() - t0;
    expect(result).toMatchObject({ ok: true, report: { found: true, folder: 'INBOX', deleted: false } });
    expect(checkMs).toBeLessThan(2_000);
    expect(await inMaildir(runId)).toBe(true); // no cleanup asked, none done
    figures.push(
      `INBOX, already delivered: arrival ${result.ok ? result.report.arrivalMs : '-'} ms (upper bound), check ${checkMs.toFixed(0)} ms`,
    );
  });

  it('a timeout already used up when the watch starts still gets one look into each folder', async () => {
    const runId = randomUUID();
    await sendPlain(rig.user.address, runId);
    await rig.waitForMessage(rig.user.address, (raw) => raw.includes(runId));
    const acceptedAt = Date.now() - 60_000; // e.g. a slow login after a long send
    const result = await checkDelivery({
      imap: imapSettings(),
      runId,
      acceptedAt,
      timeoutMs: 1_000,
      cleanup: true,
    });
    expect(result).toMatchObject({ ok: true, report: { found: true, folder: 'INBOX', deleted: true } });
    expect(result.ok && result.report.arrivalMs).toBeGreaterThanOrEqual(60_000);

    const missing = await checkDelivery({
      imap: imapSettings(),
      runId: randomUUID(),
      acceptedAt,
      timeoutMs: 1_000,
      cleanup: false,
    });
    expect(missing).toMatchObject({ ok: false, failure: { code: 'DELIVERY_NOT_CONFIRMED' } });
  });

  it('spam filed by the real Sieve into Junk: the \\Junk folder, spam true, spam headers', async () => {
    const runId = randomUUID();
    const accepted = deferred<number>();
    const check = checkDelivery({
      imap: imapSettings(),
      runId,
      acceptedAt: accepted.promise,
      timeoutMs: 10_000,
      cleanup: true,
      resolver: dns(),
    });
    accepted.resolve(await sendPlain(rig.user.address, runId, { 'X-Spam-Flag': 'YES' }));
    const result = await check;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.report).toMatchObject({
      found: true,
      folder: 'Junk',
      junkFolder: 'Junk',
      spam: true,
      watch: 'idle',
      deleted: true,
      spamHeaders: { 'X-Spam-Flag': 'YES' },
    });
    expect(await inMaildir(runId, 'Junk')).toBe(false);
    expect(await inMaildir(runId)).toBe(false);
    figures.push(`Junk (IDLE on a second connection): arrival ${result.report.arrivalMs} ms`);
  });

  it('polling instead of IDLE finds it in INBOX and in Junk', async () => {
    for (const [folder, headers] of [
      ['INBOX', {}],
      ['Junk', { 'X-Spam-Flag': 'YES' }],
    ] as const) {
      const runId = randomUUID();
      const accepted = deferred<number>();
      const events: DeliveryProgress[] = [];
      const check = checkDelivery({
        imap: imapSettings(),
        runId,
        acceptedAt: accepted.promise,
        timeoutMs: 10_000,
        cleanup: true,
        watch: 'poll',
        onProgress: (e) => events.push(e),
        resolver: dns(),
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // let it poll empty folders first
      accepted.resolve(await sendPlain(rig.user.address, runId, headers));
      const result = await check;
      expect(result).toMatchObject({
        ok: true,
        report: { found: true, folder, watch: 'poll', deleted: true },
      });
      expect(events).toContainEqual({ state: 'watching', folder: 'Junk', watch: 'poll' });
      if (result.ok) figures.push(`${folder} by polling (1 s): arrival ${result.report.arrivalMs} ms`);
    }
  });

  it('IMAP with STARTTLS and over implicit TLS verify against the rig CA', async () => {
    for (const security of ['starttls', 'tls'] as const) {
      const runId = randomUUID();
      const acceptedAt = await sendPlain(rig.user.address, runId);
      const result = await checkDelivery({
        imap: imapSettings({
          security,
          port: security === 'tls' ? rig.ports.imaps : rig.ports.imap,
          ca: [rig.caPem],
          servername: rig.serverName,
        }),
        runId,
        acceptedAt,
        timeoutMs: 5_000,
        cleanup: true,
        resolver: dns(),
      });
      expect(result, security).toMatchObject({
        ok: true,
        report: { found: true, folder: 'INBOX', deleted: true },
      });
    }
  });
});

describe('not confirmed', () => {
  it('a message Postfix accepts and holds never arrives: DELIVERY_NOT_CONFIRMED at the timeout', async () => {
    const runId = randomUUID();
    const t0 = performance.now();
    const acceptedAt = await sendPlain(rig.heldAddress, runId);
    const result = await checkDelivery({
      imap: imapSettings(),
      runId,
      acceptedAt,
      timeoutMs: 2_000,
      cleanup: true,
      resolver: dns(),
    });
    const elapsed = performance.now() - t0;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toEqual({
      code: 'DELIVERY_NOT_CONFIRMED',
      cause: null,
      summary:
        'The server accepted the message, but it did not arrive in alice@rig.test’s mailbox (Inbox or Junk) within 2 s.',
      fix: { text: expect.stringMatching(/bounce.*queue.*SPF and DMARC/), settings: {} },
      imapResponse: null,
    });
    expect(result.report).toMatchObject({ found: false, folder: null, watch: 'idle', junkFolder: 'Junk' });
    expect(elapsed).toBeGreaterThanOrEqual(1_950);
    expect(elapsed).toBeLessThanOrEqual(3_000);
    figures.push(`held message, 2 s timeout: DELIVERY_NOT_CONFIRMED after ${elapsed.toFixed(0)} ms`);
  });

  it('aborting ends the watch at once and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const check = checkDelivery({
      imap: imapSettings(),
      runId: randomUUID(),
      acceptedAt: Date.now(),
      timeoutMs: 30_000,
      cleanup: false,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.state === 'watching')
          setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
      },
    });
    const t0 = performance.now();
    await expect(check).rejects.toThrow('cancelled by the user');
    expect(performance.now() - t0).toBeLessThan(1_000);
  });

  it('a failed send (acceptedAt rejects) rejects the check with the same reason', async () => {
    const accepted = deferred<number>();
    const check = checkDelivery({
      imap: imapSettings(),
      runId: randomUUID(),
      acceptedAt: accepted.promise,
      timeoutMs: 30_000,
      cleanup: false,
    });
    setTimeout(() => accepted.reject(new Error('the relay refused the message')), 200);
    await expect(check).rejects.toThrow('the relay refused the message');
  });
});

describe('DELIVERY_CHECK_FAILED: IMAP could not connect or log in', () => {
  async function failure(settings: Partial<ImapSettings>, extra: Partial<CheckDeliveryOptions> = {}) {
    const t0 = performance.now();
    const result = await checkDelivery({
      imap: imapSettings(settings),
      runId: randomUUID(),
      acceptedAt: Date.now(),
      timeoutMs: 5_000,
      cleanup: false,
      ...extra,
    });
    const ms = performance.now() - t0;
    expect(result.ok, JSON.stringify(result)).toBe(false);
    if (result.ok) throw new Error('unreachable');
    expect(result.failure.code).toBe('DELIVERY_CHECK_FAILED');
    expect(result.report).toBeNull();
    expect(result.failure.summary).toMatch(/^[^\n]+\.$/); // one sentence
    return { failure: result.failure, ms };
  }

  it('a wrong IMAP password, fast, with the server’s words', async () => {
    const { failure: f, ms } = await failure({ password: CANARY });
    expect(f).toMatchObject({
      cause: 'AUTH_FAILED',
      summary: '127.0.0.1 refused the IMAP login of alice@rig.test: the user name or the password is wrong.',
      imapResponse: 'NO [AUTHENTICATIONFAILED] Authentication failed.',
    });
    expect(f.fix?.text).toMatch(/app password/);
    expect(ms).toBeLessThan(2_000);
    figures.push(`wrong password: DELIVERY_CHECK_FAILED in ${ms.toFixed(0)} ms`);
  });

  it('nothing listening', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, rig.host, resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const { failure: f } = await failure({ port });
    expect(f).toMatchObject({
      cause: 'CONNECTION_REFUSED',
      summary: `Nothing is listening for IMAP on 127.0.0.1 port ${port}.`,
      fix: { settings: { port: 143 } },
    });
  });

  it('the certificate does not name the address connected to (no servername)', async () => {
    const { failure: f } = await failure({ port: rig.ports.imaps, security: 'tls', ca: [rig.caPem] });
    expect(f).toMatchObject({
      cause: 'TLS_CERT_HOSTNAME_MISMATCH',
      summary: 'The IMAP server’s certificate is for mail.rig.test, localhost, not for 127.0.0.1.',
      fix: { settings: { servername: 'mail.rig.test' } },
    });
  });

  it('TLS chosen for the plain IMAP port, and plain IMAP for the TLS port', async () => {
    const tlsOnPlain = await failure({ port: rig.ports.imap, security: 'tls', servername: rig.serverName });
    expect(tlsOnPlain.failure).toMatchObject({
      cause: 'PLAINTEXT_PORT',
      fix: { settings: { security: 'starttls' } },
    });

    const plainOnTls = await failure({ port: rig.ports.imaps, security: 'none' }, { connectTimeoutMs: 800 });
    expect(plainOnTls.failure).toMatchObject({
      cause: 'IMPLICIT_TLS_EXPECTED',
      summary: `127.0.0.1 port ${rig.ports.imaps} sent no IMAP greeting within 0.8 s; it probably expects TLS from the first byte.`,
      fix: { settings: { security: 'tls' } },
    });
    expect(plainOnTls.ms).toBeLessThan(2_000);
  });

  it('without the rig CA (a process that does not trust it) the certificate is untrusted; with it, it verifies', async () => {
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const inChild = (imap: ImapSettings): Promise<DeliveryResult> =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(import.meta.dirname, 'check-delivery-child.ts')], {
          env,
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += String(d)));
        child.stderr.on('data', (d: Buffer) => (err += String(d)));
        child.on('error', reject);
        child.on('close', (code) => {
          if (code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
          else resolve(JSON.parse(out) as DeliveryResult);
        });
        child.stdin.end(
          JSON.stringify({
            imap,
            runId: randomUUID(),
            acceptedAt: Date.now(),
            timeoutMs: 500,
            cleanup: false,
          }),
        );
      });
    const imaps = imapSettings({ port: rig.ports.imaps, security: 'tls', servername: rig.serverName });

    const untrusted = await inChild(imaps);
    expect(untrusted).toMatchObject({
      ok: false,
      report: null,
      failure: {
        code: 'DELIVERY_CHECK_FAILED',
        cause: 'TLS_CERT_UNTRUSTED',
        summary:
          'The certificate of the IMAP server 127.0.0.1 is not signed by an authority this machine trusts.',
      },
    });
    // The same process with the CA given to the check logs in (and finds nothing: not confirmed).
    const trusted = await inChild({ ...imaps, ca: [rig.caPem] });
    expect(trusted).toMatchObject({ ok: false, failure: { code: 'DELIVERY_NOT_CONFIRMED' } });
  });
});

describe('the IMAP password stays secret', () => {
  it('appears in no result, no thrown error and no console output', async () => {
    const spies = [
      ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) => vi.spyOn(console, m)),
      vi.spyOn(process.stdout, 'write'),
      vi.spyOn(process.stderr, 'write'),
    ];
    const seen: string[] = [];
    try {
      // A wrong password, a TLS failure and a full successful check with the right one.
      const runs: Array<Promise<unknown>> = [
        checkDelivery({
          imap: imapSettings({ password: CANARY }),
          runId: randomUUID(),
          acceptedAt: Date.now(),
          timeoutMs: 1_000,
          cleanup: false,
        }),
        checkDelivery({
          imap: imapSettings({ password: CANARY, port: rig.ports.imaps, security: 'tls', ca: [rig.caPem] }),
          runId: randomUUID(),
          acceptedAt: Date.now(),
          timeoutMs: 1_000,
          cleanup: false,
        }),
      ];
      const runId = randomUUID();
      const acceptedAt = await sendPlain(rig.user.address, runId);
      runs.push(
        checkDelivery({
          imap: imapSettings(),
          runId,
          acceptedAt,
          timeoutMs: 5_000,
          cleanup: true,
          resolver: dns(),
        }),
      );
      const aborted = new AbortController();
      runs.push(
        checkDelivery({
          imap: imapSettings({ password: CANARY }),
          runId: randomUUID(),
          acceptedAt: Date.now(),
          timeoutMs: 5_000,
          cleanup: false,
          signal: aborted.signal,
        }).catch((error: unknown) => ({ thrown: String(error), stack: (error as Error).stack })),
      );
      aborted.abort(new Error('stop'));
      for (const result of await Promise.all(runs)) seen.push(JSON.stringify(result));
      expect(seen[2]).toContain('"found":true');
    } finally {
      for (const spy of spies) {
        seen.push(...spy.mock.calls.map((call) => call.map(String).join(' ')));
        spy.mockRestore();
      }
    }
    const everything = seen.join('\n');
    for (const secret of [CANARY, rig.user.password]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(Buffer.from(secret).toString('base64'));
      expect(everything).not.toContain(Buffer.from(`\0${rig.user.username}\0${secret}`).toString('base64'));
    }
  });
});
