/**
 * One test run (run-test.ts) against real sockets: scripted smtp-server instances, a
 * silent TCP server, a closed port, an unresolvable name and real TLS with certificates
 * made by openssl, all on 127.0.0.1 and random ports. What is asserted is what the user
 * reads: the verdict, the diagnosis code, the failed phase, the server's reply, the times.
 */
import { describe, expect, it } from 'vitest';
import { PHASES, type RunProgress } from '../../electron/services/smtp/report';
import { runTest, type RunRequest } from '../../electron/services/smtp/run-test';
import { runRequest as request } from '../support/run-request';
import type { SMTPServerOptions } from 'smtp-server';
import {
  CANARY_AUTH,
  CANARY_PASSWORD,
  expectNoSecret,
  expectOneSentence,
  freePort,
  selfSignedCertificate,
  startSilentServer,
  startSmtpServer,
  timed,
} from './helpers';

/** Runs a test and keeps every progress event. */
async function run(overrides: Partial<RunRequest>) {
  const progress: RunProgress[] = [];
  const { value, ms } = await timed(() => runTest(request(overrides), (p) => progress.push(p)));
  return { ...value, ms, progress };
}

/** The states each phase went through, in order. */
function statesByPhase(progress: RunProgress[]): Record<string, string[]> {
  const states: Record<string, string[]> = {};
  for (const p of progress) (states[p.phase] ??= []).push(p.state);
  return states;
}

describe('accepted', () => {
  it('a plain send is accepted with the queue id, every phase timed and in order', async () => {
    const server = await startSmtpServer();
    const { report, phases, progress } = await run({ port: server.port });

    expect(report).toMatchObject({
      ok: true,
      verdict: 'accepted',
      code: 'OK',
      phase: null,
      fix: null,
      queueId: '4F2A1C3',
    });
    expect(report.summary).toMatch(/^Accepted by 127\.0\.0\.1 in \d+ ms \(queued as 4F2A1C3\)\.$/);
    expect(report.server.response).toMatchObject({ code: 250 });
    expect(report.messageId).toMatch(/^<mail-preflight\.[0-9a-f-]+@example\.com>$/);
    expect(server.seen).toMatchObject({
      mailFrom: ['alerts@example.com'],
      rcptTo: ['ops@example.com'],
      dataCalls: 1,
    });

    expect(phases.map((p) => `${p.phase}:${p.state}`)).toEqual([
      'dns:skipped',
      'connect:ok',
      'tls:skipped',
      'greeting:ok',
      'ehlo:ok',
      'starttls:skipped',
      'auth:skipped',
      'mail:ok',
      'rcpt:ok',
      'data:ok',
    ]);
    const order = phases.map((p) => PHASES.indexOf(p.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const p of phases) expect(Number.isInteger(p.ms) && p.ms >= 0).toBe(true);
    expect(report.timings.total).toBeGreaterThanOrEqual(
      phases.reduce((sum, p) => sum + p.ms, 0) - phases.length, // each phase is rounded on its own
    );
    expect(Object.keys(report.timings).sort()).toEqual([
      'connect',
      'data',
      'ehlo',
      'greeting',
      'mail',
      'rcpt',
      'total',
    ]);

    expect(statesByPhase(progress)).toEqual({
      dns: ['skipped'],
      connect: ['running', 'ok'],
      tls: ['skipped'],
      greeting: ['running', 'ok'],
      ehlo: ['running', 'ok'],
      starttls: ['skipped'],
      auth: ['skipped'],
      mail: ['running', 'ok'],
      rcpt: ['running', 'ok'],
      data: ['running', 'ok'],
    });
    expect(
      progress.every((p) =>
        p.state === 'ok' || p.state === 'failed' ? typeof p.ms === 'number' : p.ms === null,
      ),
    ).toBe(true);
  });

  it('a login succeeds and the password appears nowhere in the outcome', async () => {
    const server = await startSmtpServer(CANARY_AUTH);
    const outcome = await run({
      port: server.port,
      auth: { user: 'alerts@example.com', pass: CANARY_PASSWORD },
    });

    expect(outcome.report).toMatchObject({ verdict: 'accepted', code: 'OK' });
    expect(outcome.phases.find((p) => p.phase === 'auth')?.state).toBe('ok');
    expect(server.seen.auths).toEqual(['alerts@example.com']);
    expect(outcome.report.transcript.some((l) => /^AUTH (PLAIN|LOGIN)/.test(l.line))).toBe(true);
    expect(outcome.report.transcript.some((l) => l.line.startsWith('235'))).toBe(true);
    expectNoSecret({ report: outcome.report, phases: outcome.phases, progress: outcome.progress });
    expectNoSecret(
      JSON.stringify(outcome.report),
      Buffer.from(`\0alerts@example.com\0${CANARY_PASSWORD}`).toString('base64'),
    );
  });

  it('a dry run stops after RCPT with RSET: nothing is sent', async () => {
    const server = await startSmtpServer();
    const { report, phases } = await run({ port: server.port, dryRun: true });

    expect(report).toMatchObject({
      ok: true,
      verdict: 'accepted',
      code: 'OK',
      messageId: null,
      queueId: null,
    });
    expect(report.summary).toMatch(
      /^127\.0\.0\.1 would accept mail from alerts@example\.com to ops@example\.com \(checked without sending\) in \d+ ms\.$/,
    );
    expect(server.seen).toMatchObject({
      mailFrom: ['alerts@example.com'],
      rcptTo: ['ops@example.com'],
      dataCalls: 0,
    });
    const commands = report.transcript.filter((l) => l.dir === 'C').map((l) => l.line.split(/[ :]/)[0]);
    expect(commands.slice(commands.indexOf('MAIL'))).toEqual(['MAIL', 'RCPT', 'RSET', 'QUIT']);
    expect(phases.find((p) => p.phase === 'data')?.state).toBe('skipped');
    expect(phases.find((p) => p.phase === 'rcpt')?.state).toBe('ok');
  });

  it('says an accepted send and an envelope check in the run’s language', async () => {
    const server = await startSmtpServer();
    const sent = await run({ port: server.port, language: 'ja' });
    expect(sent.report.summary).toMatch(/^127\.0\.0\.1 が \d+ ミリ秒で受理しました（キュー ID: 4F2A1C3）。$/);
    const checked = await run({ port: server.port, dryRun: true, language: 'ja' });
    expect(checked.report.summary).toMatch(
      /^127\.0\.0\.1 は alerts@example\.com から ops@example\.com へのメールを受け付けます（送信せずに確認しました。\d+ ミリ秒）。$/,
    );
    expect(checked.report.code).toBe('OK');
  });

  it('STARTTLS with a certificate trusted through the profile’s certificates', async () => {
    const { key, cert } = selfSignedCertificate(['DNS:localhost']);
    const server = await startSmtpServer({ disabledCommands: [], key, cert });
    const { report, phases } = await run({
      port: server.port,
      security: 'starttls',
      tls: { ca: [cert], servername: 'localhost' },
    });

    expect(report).toMatchObject({ verdict: 'accepted', code: 'OK' });
    expect(phases.find((p) => p.phase === 'starttls')?.state).toBe('ok');
    expect(report.tls).toMatchObject({ authorized: true, authorizationError: null });
    expect(report.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(report.tls?.chain[0]?.subjectAltNames).toEqual(['DNS:localhost']);
  });
});

describe('failed', () => {
  it('a wrong password is AUTH_FAILED in the auth phase with the 535 reply', async () => {
    const server = await startSmtpServer(CANARY_AUTH);
    const { report, phases, progress } = await run({
      port: server.port,
      auth: { user: 'alerts@example.com', pass: 'wrong-password' },
    });

    expect(report).toMatchObject({
      ok: false,
      verdict: 'failed',
      code: 'AUTH_FAILED',
      phase: 'auth',
      queueId: null,
    });
    expect(report.server.response?.code).toBe(535);
    expectOneSentence(report.summary);
    expect(report.fix?.text).toBeTruthy();
    expect(phases.at(-1)).toMatchObject({ phase: 'auth', state: 'failed' });
    expect(statesByPhase(progress)['auth']).toEqual(['running', 'failed']);
    expect(server.seen.mailFrom).toEqual([]);
    expectNoSecret(report, 'wrong-password');
  });

  /** A server that refuses every recipient with 550 5.1.1 (it offers PIPELINING, as Postfix and Gmail do). */
  const refuseRecipients: SMTPServerOptions = {
    onRcptTo(address, _session, callback) {
      callback(
        Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), {
          responseCode: 550,
        }),
      );
    },
  };

  it('a refused recipient is RECIPIENT_REJECTED in the rcpt phase', async () => {
    const server = await startSmtpServer(refuseRecipients);
    const { report, phases } = await run({ port: server.port, to: 'nobody@example.com' });

    expect(report).toMatchObject({ verdict: 'failed', code: 'RECIPIENT_REJECTED', phase: 'rcpt' });
    expect(report.server.response).toMatchObject({ code: 550, enhanced: '5.1.1' });
    expect(phases.at(-1)).toMatchObject({ phase: 'rcpt', state: 'failed' });
    expect(server.seen.dataCalls).toBe(0);
  });

  // KNOWN BUG (reported): nodemailer pipelines MAIL, RCPT and DATA; the runner starts a phase
  // when the client line goes out, so the live progress (the app's timeline while running,
  // the CLI's ✓/✗ lines) says "RCPT TO ✓, DATA ✗" although the run failed at RCPT. The final
  // record is corrected (markFailed), the live events are not. Make this an it() once fixed.
  it('the live progress of a refused recipient says rcpt failed, not data', async () => {
    const server = await startSmtpServer(refuseRecipients);
    const { progress } = await run({ port: server.port, to: 'nobody@example.com' });

    expect(statesByPhase(progress)['rcpt']).toEqual(['running', 'failed']);
    expect(statesByPhase(progress)['data']).toBeUndefined();
  });

  it('a server that never greets is GREETING_TIMEOUT within 1.5 s of a 1 s timeout', async () => {
    const silent = await startSilentServer();
    const { report, ms, progress } = await run({ port: silent.port, timeoutMs: 1_000 });
    console.log(`greeting timeout: failed after ${ms.toFixed(0)} ms (timeoutMs 1000)`);

    expect(report).toMatchObject({ verdict: 'failed', code: 'GREETING_TIMEOUT', phase: 'greeting' });
    expect(report.summary).toBe(`127.0.0.1 accepted the connection but sent no greeting within 1 s.`);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(1_500);
    expect(statesByPhase(progress)).toMatchObject({
      connect: ['running', 'ok'],
      greeting: ['running', 'failed'],
    });
  });

  it('nothing listening is CONNECTION_REFUSED within 1 s', async () => {
    const port = await freePort();
    const { report, ms, progress } = await run({ port, timeoutMs: 5_000 });
    console.log(`connection refused: failed after ${ms.toFixed(0)} ms`);

    expect(report).toMatchObject({ verdict: 'failed', code: 'CONNECTION_REFUSED', phase: 'connect' });
    expect(report.summary).toBe(`Nothing is listening on 127.0.0.1 port ${port}.`);
    expect(ms).toBeLessThan(1_000);
    expect(statesByPhase(progress)['connect']).toEqual(['running', 'failed']);
  });

  it('a .invalid host name is DNS_NOT_FOUND in the dns phase', async () => {
    const { report, ms, progress } = await run({ host: 'smtp.mail-preflight.invalid', port: 587 });
    console.log(`dns not found: failed after ${ms.toFixed(0)} ms`);

    expect(report).toMatchObject({ verdict: 'failed', code: 'DNS_NOT_FOUND', phase: 'dns' });
    expectOneSentence(report.summary);
    expect(report.summary).toContain('smtp.mail-preflight.invalid');
    expect(statesByPhase(progress)['dns']).toEqual(['running', 'failed']);
  });

  it('SMTPS chosen for a plain SMTP port is PLAINTEXT_PORT with the STARTTLS fix', async () => {
    const server = await startSmtpServer();
    const { report } = await run({ port: server.port, security: 'tls' });

    expect(report).toMatchObject({ verdict: 'failed', code: 'PLAINTEXT_PORT', phase: 'tls' });
    expect(report.fix?.settings).toEqual({ security: 'starttls' });
  });

  it('a self-signed certificate over SMTPS is TLS_CERT_UNTRUSTED', async () => {
    const { key, cert } = selfSignedCertificate(['DNS:localhost']);
    const server = await startSmtpServer({ secure: true, key, cert });
    const { report } = await run({ port: server.port, security: 'tls', tls: { servername: 'localhost' } });

    expect(report).toMatchObject({ verdict: 'failed', code: 'TLS_CERT_UNTRUSTED', phase: 'tls' });
  });

  it('a trusted certificate for another name is TLS_CERT_HOSTNAME_MISMATCH', async () => {
    const { key, cert } = selfSignedCertificate(['DNS:mail.other.example'], 'mail.other.example');
    const server = await startSmtpServer({ secure: true, key, cert });
    const { report } = await run({
      host: 'localhost',
      port: server.port,
      security: 'tls',
      tls: { ca: [cert] },
    });

    expect(report).toMatchObject({ verdict: 'failed', code: 'TLS_CERT_HOSTNAME_MISMATCH', phase: 'tls' });
  });

  it('STARTTLS chosen where the server offers none is STARTTLS_NOT_OFFERED', async () => {
    const server = await startSmtpServer();
    const { report } = await run({ port: server.port, security: 'starttls' });

    expect(report).toMatchObject({ verdict: 'failed', code: 'STARTTLS_NOT_OFFERED', phase: 'starttls' });
    expect(server.seen.mailFrom).toEqual([]);
  });

  it('a self-signed certificate over STARTTLS is TLS_CERT_UNTRUSTED', async () => {
    const { key, cert } = selfSignedCertificate(['DNS:localhost']);
    const server = await startSmtpServer({ disabledCommands: [], key, cert });
    const { report } = await run({
      port: server.port,
      security: 'starttls',
      tls: { servername: 'localhost' },
    });

    expect(report).toMatchObject({ verdict: 'failed', phase: 'starttls' });
    expect(report.code).toBe('TLS_CERT_UNTRUSTED');
  });

  it('a login on plain SMTP where AUTH comes only after STARTTLS is AUTH_REQUIRES_TLS', async () => {
    const { key, cert } = selfSignedCertificate(['DNS:localhost']);
    const server = await startSmtpServer({ disabledCommands: [], key, cert });
    const { report } = await run({
      port: server.port,
      security: 'none',
      auth: { user: 'alerts@example.com', pass: CANARY_PASSWORD },
    });

    expect(report).toMatchObject({ verdict: 'failed', code: 'AUTH_REQUIRES_TLS', phase: 'auth' });
    expect(report.fix?.settings).toEqual({ security: 'starttls' });
    expect(server.seen.auths).toEqual([]);
  });

  it('a login where the server offers none is AUTH_NOT_OFFERED', async () => {
    const server = await startSmtpServer({ disabledCommands: ['AUTH', 'STARTTLS'] });
    const { report } = await run({
      port: server.port,
      auth: { user: 'alerts@example.com', pass: CANARY_PASSWORD },
    });

    expect(report).toMatchObject({ verdict: 'failed', code: 'AUTH_NOT_OFFERED', phase: 'auth' });
    expect(report.fix?.settings).toEqual({ anonymous: true });
  });

  it('anonymous, AUTH offered, relay denied at RCPT is AUTH_REQUIRED with the one-click fix', async () => {
    const server = await startSmtpServer({
      allowInsecureAuth: true,
      onRcptTo(address, _session, callback) {
        callback(
          Object.assign(new Error(`5.7.1 <${address.address}>: Relay access denied`), { responseCode: 554 }),
        );
      },
    });
    const { report } = await run({ port: server.port, to: 'ops@example.org' });

    expect(report).toMatchObject({ verdict: 'failed', code: 'AUTH_REQUIRED', phase: 'rcpt' });
    expect(report.server.capabilities.some((c) => c.startsWith('AUTH'))).toBe(true);
    expect(report.fix?.settings).toEqual({ anonymous: false });
  });
});
