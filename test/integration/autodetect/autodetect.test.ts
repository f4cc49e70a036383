/**
 * Autodetect against real parts on loopback: the rig's Postfix (implicit TLS, STARTTLS with
 * AUTH, plain MX-style), a listener that accepts and never greets, a closed port, and a DNS
 * server serving MX records for test domains. Candidate hosts and ports are injected so that
 * the matrix points at these listeners; the rig's CA is trusted through NODE_EXTRA_CA_CERTS
 * (the rig project's global setup), as a workstation trusts its company's CA.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autodetect, type AutodetectOptions, type Candidate } from '../../../electron/services/autodetect';
import { AppError } from '../../../electron/services/errors';
import { startDnsServer, type DnsServer } from '../../support/dns-server';
import { getRig } from '../../rig/inject';
import { leftoverLatin } from '../../unit/i18n/catalogue-rules';

const rig = getRig();
let dns: DnsServer;
let silent: Server;
let silentPort: number;
const silentSockets = new Set<Socket>();
let closedPort: number;
let slow: Server;
let slowPort: number;
const slowSockets = new Set<Socket>();

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

beforeAll(async () => {
  dns = await startDnsServer({
    'acme-workspace.test': {
      MX: [
        { exchange: 'alt1.aspmx.l.google.com', priority: 5 },
        { exchange: 'aspmx.l.google.com', priority: 1 },
      ],
    },
    'contoso.test': { MX: [{ exchange: 'contoso-test.mail.protection.outlook.com', priority: 0 }] },
    'zoho-org.test': { MX: [{ exchange: 'mx.zoho.com', priority: 10 }] },
    'selfhosted.test': { MX: [{ exchange: 'mx.selfhosted.test', priority: 10 }] },
    'nullmx.test': { MX: [{ exchange: '.', priority: 0 }] },
    'slow-dns.test': { silent: true },
  });
  // Accepts the connection, never says a word.
  silent = createServer((socket) => {
    silentSockets.add(socket);
    socket.on('close', () => silentSockets.delete(socket));
    socket.on('error', () => socket.destroy());
  });
  silentPort = await listen(silent);
  // Greets and answers EHLO, each after 700 ms: every step within a 1 s timeout, the whole over it.
  slow = createServer((socket) => {
    slowSockets.add(socket);
    socket.on('close', () => slowSockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const later = (line: string) => setTimeout(() => socket.writable && socket.write(line), 700);
    later('220 slow.test ESMTP\r\n');
    socket.on('data', (data: Buffer) => {
      if (/^EHLO/i.test(data.toString())) later('250-slow.test\r\n250 8BITMIME\r\n');
    });
  });
  slowPort = await listen(slow);
  // A port that was just free: nothing listens there (connection refused).
  const closed = createServer();
  closedPort = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  for (const socket of silentSockets) socket.destroy();
  for (const socket of slowSockets) socket.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await new Promise<void>((resolve) => slow.close(() => resolve()));
  await dns.stop();
});

/** Points the matrix at the listeners: every candidate host gets every port below. */
function loopback(
  hosts: string[],
  ports: NonNullable<AutodetectOptions['candidatePorts']>,
): AutodetectOptions {
  return {
    resolver: dns.resolver,
    candidateHosts: () => hosts,
    candidatePorts: ports,
    probeTimeoutMs: 1000,
    staggerMs: 50,
  };
}

const at = (candidates: Candidate[], host: string, port: number) =>
  candidates.find((c) => c.host === host && c.port === port);

describe('autodetect: known providers, fastest first', () => {
  it('knows gmail.com offline: no DNS query, no probe', async () => {
    const queries = dns.queries.length;
    let probed = false;
    const report = await autodetect('Someone <someone@GMAIL.com>', {
      resolver: dns.resolver,
      candidateHosts: () => ((probed = true), []),
    });
    expect(dns.queries.length).toBe(queries);
    expect(probed).toBe(false);
    expect(report).toMatchObject({ input: 'Someone <someone@GMAIL.com>', domain: 'gmail.com', mx: null });
    expect(report.candidates).toEqual([
      {
        host: 'smtp.gmail.com',
        port: 465,
        security: 'tls',
        source: 'preset',
        presetId: 'gmail',
        ok: true,
        ms: null,
        reason: 'gmail.com is a Gmail domain: the bundled Gmail settings apply (known settings, not probed).',
      },
    ]);
    expect(report.best).toBe(report.candidates[0]);
    expect(report.timings.total).toBeLessThan(50);
  });

  it('maps MX records at Google to Google Workspace (and its relay), without probing', async () => {
    let probed = false;
    const report = await autodetect('acme-workspace.test', {
      resolver: dns.resolver,
      candidateHosts: () => ((probed = true), []),
    });
    expect(probed).toBe(false);
    expect(report.mx).toEqual({ hosts: ['aspmx.l.google.com', 'alt1.aspmx.l.google.com'], error: null });
    expect(report.candidates.map((c) => [c.source, c.presetId, c.host, c.port, c.security])).toEqual([
      ['mx', 'google-workspace', 'smtp.gmail.com', 465, 'tls'],
      ['mx', 'google-workspace-relay', 'smtp-relay.gmail.com', 587, 'starttls'],
    ]);
    expect(report.best?.presetId).toBe('google-workspace');
    expect(report.best?.reason).toBe(
      'The MX records of acme-workspace.test point to aspmx.l.google.com, which is Google Workspace: the bundled Google Workspace settings apply (known settings, not probed).',
    );
    expect(report.candidates[1]?.reason).toMatch(/Google Workspace SMTP relay is another option/);
  });

  it('maps *.mail.protection.outlook.com to Microsoft 365, and Zoho MX to its organisation host', async () => {
    const m365 = await autodetect('admin@contoso.test', { resolver: dns.resolver });
    expect(m365.best).toMatchObject({
      source: 'mx',
      presetId: 'microsoft-365',
      host: 'smtp.office365.com',
      port: 587,
      security: 'starttls',
    });
    const zoho = await autodetect('zoho-org.test', { resolver: dns.resolver });
    expect(zoho.best).toMatchObject({ presetId: 'zoho', host: 'smtppro.zoho.com', port: 465 });
  });
});

describe('autodetect: probing candidate hosts × ports', () => {
  it('probes the matrix in parallel, keeps every candidate with its reason, and picks TLS with AUTH', async () => {
    const ports = [
      { port: rig.ports.smtps, security: 'tls' as const },
      { port: rig.ports.submission, security: 'starttls' as const },
      { port: rig.ports.plain, security: 'starttls' as const },
      { port: silentPort, security: 'starttls' as const },
      { port: closedPort, security: 'starttls' as const },
    ];
    const started = performance.now();
    const report = await autodetect('ops@selfhosted.test', loopback(['localhost', '127.0.0.1'], ports));
    const elapsed = performance.now() - started;

    expect(report.mx).toEqual({ hosts: ['mx.selfhosted.test'], error: null });
    expect(report.candidates).toHaveLength(10);
    const { candidates } = report;

    const smtps = at(candidates, 'localhost', rig.ports.smtps)!;
    expect(report.best).toBe(smtps);
    expect(candidates[0]).toBe(smtps);
    expect(smtps).toMatchObject({ source: 'probe', security: 'tls', ok: true, code: 'OK' });
    expect(smtps.capabilities).toEqual(expect.arrayContaining([expect.stringMatching(/^AUTH\b.*PLAIN/)]));
    expect(smtps.reason).toMatch(
      new RegExp(
        `^localhost:${rig.ports.smtps} answered with implicit TLS \\(TLSv1\\.[23]\\) and offers AUTH PLAIN.* — chosen\\.$`,
      ),
    );

    const submission = at(candidates, 'localhost', rig.ports.submission)!;
    expect(submission).toMatchObject({ security: 'starttls', ok: true });
    expect(submission.reason).toMatch(
      new RegExp(
        `^localhost:${rig.ports.submission} answered with SMTP with STARTTLS \\(TLSv1\\.[23]\\) and offers AUTH .*; not chosen: localhost:${rig.ports.smtps} comes first in the candidate order\\.$`,
      ),
    );

    const plain = at(candidates, 'localhost', rig.ports.plain)!;
    expect(plain).toMatchObject({ security: 'none', ok: true, code: 'OK' });
    expect(plain.reason).toBe(
      `localhost:${rig.ports.plain} answered with plain SMTP without TLS and offers no login; not chosen: no TLS.`,
    );

    expect(at(candidates, 'localhost', silentPort)).toMatchObject({
      ok: false,
      code: 'GREETING_TIMEOUT',
      reason: `localhost:${silentPort} accepted the connection but sent no greeting (timed out after 1 s).`,
    });
    expect(at(candidates, 'localhost', closedPort)).toMatchObject({
      ok: false,
      code: 'CONNECTION_REFUSED',
      security: 'starttls',
      reason: `localhost:${closedPort} refused the connection.`,
    });

    // The rig's certificate names localhost and mail.rig.test, not the IP address.
    const byIp = at(candidates, '127.0.0.1', rig.ports.smtps)!;
    expect(byIp).toMatchObject({ ok: false, code: 'TLS_CERT_HOSTNAME_MISMATCH' });
    expect(byIp.reason).toMatch(
      /^127\.0\.0\.1:\d+ failed: the certificate of 127\.0\.0\.1 is issued for another name \(TLS_CERT_HOSTNAME_MISMATCH\)\.$/,
    );

    // Working candidates first (ranked), then failures in the order tried.
    const okFlags = candidates.map((c) => c.ok);
    expect(okFlags.indexOf(false)).toBe(okFlags.lastIndexOf(true) + 1);
    for (const candidate of candidates) {
      expect(candidate.source).toBe('probe');
      expect(candidate.ms).toBeGreaterThanOrEqual(0);
      expect(candidate.reason).toMatch(/\.$/);
    }

    // The whole matrix (10 probes, one of them waiting out its timeout) within 3 s.
    expect(report.timings.total).toBeLessThan(3000);
    expect(elapsed).toBeLessThan(3000);
    console.info(
      `autodetect matrix: ${candidates.length} probes in ${report.timings.total} ms (probes ${report.timings.probes} ms, MX ${report.timings.mx} ms)`,
    );
  });

  it('tries a port declared as implicit TLS with TLS first, and falls back when it speaks plain SMTP', async () => {
    const report = await autodetect(
      'selfhosted.test',
      loopback(
        ['localhost'],
        [
          { port: rig.ports.plain, security: 'tls' },
          { port: silentPort, security: 'tls' },
        ],
      ),
    );
    expect(report.best).toMatchObject({
      host: 'localhost',
      port: rig.ports.plain,
      security: 'none',
      ok: true,
    });
    expect(at(report.candidates, 'localhost', silentPort)).toMatchObject({
      ok: false,
      security: 'tls',
      reason: `localhost:${silentPort} accepted the connection but did not answer the TLS handshake (timed out after 1 s).`,
    });
    expect(report.timings.total).toBeLessThan(3000);
  });

  it('reports a probe that runs over its time budget as timed out, without waiting for it', async () => {
    const report = await autodetect(
      'selfhosted.test',
      loopback(['localhost'], [{ port: slowPort, security: 'starttls' }]),
    );
    expect(report.candidates).toEqual([
      {
        host: 'localhost',
        port: slowPort,
        security: 'starttls',
        source: 'probe',
        ok: false,
        ms: expect.any(Number),
        reason: `localhost:${slowPort} timed out after 1 s.`,
        code: 'CONNECTION_TIMEOUT',
      },
    ]);
    expect(report.candidates[0]!.ms).toBeLessThan(1400);
    expect(report.timings.total).toBeLessThan(1500);
  });

  it('probes behind known MX settings when asked to, and ranks the provider first', async () => {
    const report = await autodetect('acme-workspace.test', {
      ...loopback(['localhost'], [{ port: rig.ports.submission, security: 'starttls' }]),
      probeWhenKnown: true,
    });
    expect(report.candidates.map((c) => c.source)).toEqual(['mx', 'mx', 'probe']);
    expect(report.best?.presetId).toBe('google-workspace');
    expect(report.candidates[2]?.reason).toMatch(
      /; not chosen: the known Google Workspace settings rank first\.$/,
    );
  });

  it('goes on to probe when the MX lookup times out, is empty or names no known provider', async () => {
    const slow = await autodetect(
      'slow-dns.test',
      loopback(['localhost'], [{ port: closedPort, security: 'starttls' }]),
    );
    expect(slow.mx).toEqual({
      hosts: [],
      error: 'The MX lookup of slow-dns.test did not answer within 1 s.',
    });
    expect(slow.best).toBeNull();
    expect(slow.candidates).toHaveLength(1);
    expect(slow.timings.total).toBeLessThan(2000);

    const nullMx = await autodetect('nullmx.test', loopback([], []));
    expect(nullMx.mx?.error).toBe('nullmx.test has no MX record naming a mail server.');
    const missing = await autodetect('missing.test', loopback([], []));
    expect(missing.mx?.error).toBe('missing.test does not exist in DNS.');
    expect(missing).toMatchObject({ candidates: [], best: null });
  });

  it('gives every reason in the asked language: known settings, MX, and each probe', async () => {
    const ja = { language: 'ja' as const };
    const gmail = await autodetect('someone@gmail.com', { resolver: dns.resolver, ...ja });
    expect(gmail.best?.reason).toBe(
      'gmail.com は Gmail のドメインです。同梱の Gmail の設定を使います（既知の設定のため、調べていません）。',
    );
    const nullMx = await autodetect('nullmx.test', { ...loopback([], []), ...ja });
    expect(nullMx.mx?.error).toBe('nullmx.test には、メールサーバーを示す MX レコードがありません。');

    const report = await autodetect('ops@selfhosted.test', {
      ...loopback(
        ['localhost'],
        [
          { port: rig.ports.smtps, security: 'tls' },
          { port: rig.ports.plain, security: 'starttls' },
          { port: closedPort, security: 'starttls' },
        ],
      ),
      ...ja,
    });
    const [smtps, plain, closed] = [rig.ports.smtps, rig.ports.plain, closedPort].map((port) =>
      at(report.candidates, 'localhost', port)!,
    );
    expect(report.best).toBe(smtps);
    expect(smtps!.reason).toMatch(
      new RegExp(
        `^localhost:${rig.ports.smtps} は暗黙的 TLS（TLSv1\\.[23]）で応答し、AUTH PLAIN.* に対応しています。これを選びました。$`,
      ),
    );
    expect(plain!.reason).toBe(
      `localhost:${rig.ports.plain} は TLS を使わない平文の SMTP で応答し、ログインには対応していません。TLS を使えないため、選びませんでした。`,
    );
    expect(closed!.reason).toBe(`localhost:${closedPort} は接続を拒否しました。`);
    // Codes and JSON keys stay as they are; no English word is left in a reason.
    expect(report.candidates.map((c) => c.code)).toEqual(['OK', 'OK', 'CONNECTION_REFUSED']);
    expect(report.candidates.flatMap((c) => leftoverLatin(c.reason))).toEqual([]);
  });

  it('stops at once when aborted', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const running = autodetect('selfhosted.test', {
      ...loopback(['localhost'], [{ port: silentPort, security: 'starttls' }]),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('cancelled by the user')), 100);
    await expect(running).rejects.toThrow('cancelled by the user');
    expect(performance.now() - started).toBeLessThan(600);
  });

  it('refuses input that is neither an address nor a domain', async () => {
    for (const input of ['', 'not a domain', 'user@', 'localhost']) {
      await expect(autodetect(input, { resolver: dns.resolver }), input).rejects.toSatisfy(
        (error) => error instanceof AppError && error.code === 'INVALID_INPUT',
      );
    }
  });
});
