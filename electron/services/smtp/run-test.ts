/**
 * One test run: connect, greet, secure, log in, hand over the envelope and the test
 * message, and report every step with its time, the server's words and a diagnosis.
 *
 * Timeouts are explicit and short (10 s per step unless configured), never nodemailer's
 * defaults of minutes. The transcript is redacted by position as it is recorded (transcript.ts).
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Security } from '../settings/profile';
import { createTranslator, type Language } from '../i18n';
import { diagnose, KnownFailure } from '../diagnosis/diagnose';
import { parseResponse, queueIdOf } from '../diagnosis/server-response';
import { openTcp, resolveHost, startTls, throwIfFailedEarly } from './connect';
import { PhaseClock } from './phase-clock';
import type { Phase, PhaseRecord, RunProgress, RunReport, TlsInfo } from './report';
import { SmtpSession } from './smtp-session';
import { GREETING_GRACE_MS, speaksImplicitTls } from './implicit-tls-probe';
import { composeTestMessage, messageIdFor } from './test-message';
import { addressLiteral, machineFqdn } from './ehlo-name';
import { firstNeedingSmtpUtf8, withAsciiDomain } from './address-encoding';
import { describeTls } from './tls-info';
import { tlsOptions, type TlsMaterial } from './tls-options';
import { isTlsSocket } from './node-tls';
import { REDACTED, Transcript } from './transcript';
import { chooseTokenMechanism, tokenAuthHandlers } from './token-auth';

export interface RunRequest {
  runId: string;
  profileName: string;
  host: string;
  port: number;
  security: Security;
  /**
   * null for an anonymous run. An OAuth2 login gets its access token in the auth phase (a
   * refresh is part of logging in, timed and diagnosed with it) and logs in with XOAUTH2 or
   * OAUTHBEARER.
   */
  auth: { user: string; pass: string } | { user: string; accessToken: () => Promise<AccessToken> } | null;
  from: string;
  replyTo: string;
  to: string;
  /** Stop after RCPT TO (then RSET and QUIT): nothing is sent. */
  dryRun: boolean;
  /** Stop once the session is set up (greeting, EHLO, STARTTLS): what the server offers. */
  probe?: boolean;
  timeoutMs: number;
  tls?: TlsMaterial;
  /** The name given in EHLO; by default this machine's FQDN, else the connection's address literal. */
  clientName?: string;
  /** The language of the diagnosis (summary and fix); English when unset. */
  language?: Language;
}

/** An OAuth2 access token for one run, and whether it was refreshed for it. */
export interface AccessToken {
  token: string;
  refreshed: boolean;
}

export interface RunOutcome {
  report: RunReport;
  phases: PhaseRecord[];
  /** The keywords of every EHLO reply in order (before and after STARTTLS). */
  ehlo: string[][];
}

/** nodemailer names the command that failed; that, not the clock, says which phase failed. */
const PHASE_OF_COMMAND: Array<[RegExp, Phase]> = [
  [/^(EHLO|HELO|LHLO)/i, 'ehlo'],
  [/^STARTTLS/i, 'starttls'],
  [/^AUTH/i, 'auth'],
  [/^MAIL/i, 'mail'],
  [/^RCPT/i, 'rcpt'],
  [/^DATA/i, 'data'],
];

function phaseOfCommand(command: unknown): Phase | null {
  if (typeof command !== 'string') return null;
  return PHASE_OF_COMMAND.find(([pattern]) => pattern.test(command))?.[1] ?? null;
}

/**
 * Follows the transcript: the banner, the EHLO keywords, and the phase clock.
 *
 * A phase is the command waiting for its reply. Every client line gets exactly one reply
 * (a 334 challenge, a 354 "go ahead" and the final 250 of DATA included), so the replies
 * are matched to a queue of sent commands. This keeps the phases right when the client
 * pipelines MAIL, RCPT and DATA: a phase ends when its reply arrives, not when the next
 * command leaves.
 */
class SessionObserver {
  banner: string | null = null;
  /** The keywords of each EHLO reply, in order; the last one is what the session may use. */
  readonly ehlo: string[][] = [];
  private ehloReply: string[] | null = null;
  private readonly awaiting: Array<Phase | null> = [];
  private readonly clock: PhaseClock;
  private readonly bannerListeners: Array<() => void> = [];

  constructor(transcript: Transcript, clock: PhaseClock) {
    this.clock = clock;
    transcript.onLine(({ dir, line }) => (dir === 'C' ? this.sent(line) : this.received(line)));
  }

  get capabilities(): string[] {
    return this.ehlo.at(-1) ?? [];
  }

  /** The SASL mechanisms of the last EHLO's AUTH line. */
  get authMechanisms(): string[] {
    const line = this.capabilities.find((c) => /^AUTH[ =]/i.test(c));
    return line ? line.slice(5).trim().split(/\s+/) : [];
  }

  offers(keyword: string): boolean {
    return this.capabilities.some((c) => c.toUpperCase().split(/\s+/)[0] === keyword);
  }

  private sent(line: string): void {
    if (/^(EHLO|HELO) /i.test(line)) this.ehloReply = [];
    // Lines of an AUTH exchange are redacted answers to 334 challenges: still the login.
    const phase = line === REDACTED ? 'auth' : phaseOfCommand(line);
    this.awaiting.push(phase);
    if (this.awaiting.length === 1 && phase) this.clock.begin(phase);
  }

  /** Calls back once, when the server's first line arrives. */
  onBanner(listener: () => void): void {
    this.bannerListeners.push(listener);
  }

  private received(line: string): void {
    if (this.banner === null) {
      this.banner = line.replace(/^\d{3}[ -]?/, '');
      for (const listener of this.bannerListeners) listener();
    }
    const last = !/^\d{3}-/.test(line);
    if (this.ehloReply) {
      this.ehloReply.push(line);
      if (last) {
        if (/^250/.test(line)) this.ehlo.push(this.ehloReply.slice(1).map((l) => l.slice(4)));
        this.ehloReply = null;
      }
    }
    if (!last) return;
    const answered = this.awaiting.shift();
    if (answered === 'data' && /^354/.test(line)) this.awaiting.unshift('data'); // the message follows
    if (/^[45]/.test(line)) return; // a refusal: the run's own error handling ends the phase
    const next = this.awaiting[0];
    if (next) this.clock.begin(next);
  }
}

export async function runTest(
  request: RunRequest,
  onProgress?: (progress: RunProgress) => void,
): Promise<RunOutcome> {
  const started = performance.now();
  const sentAt = new Date();
  const transcript = new Transcript(started);
  let authMechanism: string | null = null;
  let tokenRefreshed = false;
  const clock = new PhaseClock((phase, state, ms) =>
    onProgress?.({ runId: request.runId, phase, state, ms }),
  );
  const observer = new SessionObserver(transcript, clock);
  const { host, port, security, timeoutMs } = request;
  /** The run's language: the test message and the summary of a run that passed (a failure's is the diagnosis'). */
  const t = createTranslator(request.language ?? 'en');

  let socket: Socket | undefined;
  let session: SmtpSession | undefined;
  let tls: TlsInfo | null = null;
  let finalReply: string | null;
  let queueId: string | null = null;
  let messageId: string | null = null;
  let authenticated = false;
  // The handshake after STARTTLS is read when the client speaks over it for the first time
  // (EHLO again), so a session refused right after it (a client certificate) still shows it;
  // read once that line is written (a line is logged before it is written), not before.
  transcript.onLine(({ dir }) => {
    const secured = session?.socket;
    if (dir === 'C' && tls === null && isTlsSocket(secured))
      queueMicrotask(() => (tls ??= describeTls(secured)));
  });

  const success = (
    summary: string,
    reply: string | null,
    id: string | null,
    queue: string | null,
  ): RunOutcome => ({
    phases: clock.records,
    ehlo: observer.ehlo,
    report: {
      ok: true,
      verdict: 'accepted',
      code: 'OK',
      phase: null,
      summary,
      fix: null,
      server: {
        banner: observer.banner,
        capabilities: observer.capabilities,
        response: parseResponse(reply),
      },
      tls,
      timings: { ...clock.timings(), total: Math.round(performance.now() - started) },
      messageId: id,
      queueId: queue,
      transcript: [...transcript.lines],
      auth: authReport(request.auth, authMechanism, tokenRefreshed),
    },
  });

  // Looked up beside the DNS and TCP phases (once per process), so it costs a run nothing.
  const fqdn = request.clientName ? null : machineFqdn();
  let clientName: string | undefined;
  let message: Promise<Buffer> | undefined;
  const composed = () => (message ??= composeTestMessage({ ...request, sentAt }, t));
  try {
    const addresses = await resolveHost(host, clock, timeoutMs);
    socket = await openTcp(addresses, port, clock, timeoutMs);
    // Composed while the server greets and answers: ready when DATA is, off the run's path.
    // Not before the connection is open: a run refused there does not load the composer.
    // (Awaited at DATA; a run that stops before it has no use for the message.)
    if (!request.dryRun) composed().catch(() => undefined);
    clientName = request.clientName ?? (await fqdn) ?? addressLiteral(socket.localAddress);
    if (security === 'tls') {
      socket = await startTls(socket, host, request.tls, clock, timeoutMs);
      tls = describeTls(socket as TLSSocket);
    } else {
      clock.skip('tls');
    }

    clock.begin('greeting');
    session = await SmtpSession.open({
      connection: socket,
      secure: security === 'tls',
      secured: security === 'tls',
      host: request.tls?.servername ?? host,
      port,
      name: clientName,
      requireTLS: security === 'starttls',
      ignoreTLS: security === 'none',
      opportunisticTLS: false,
      tls: tlsOptions(host, request.tls),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      logger: transcript.logger(),
      debug: true,
      // Only a token run gets the token mechanisms: a password must never go out as a bearer token.
      ...(request.auth && 'accessToken' in request.auth ? { customAuth: tokenAuthHandlers } : {}),
    });
    throwIfFailedEarly(socket);
    await Promise.race([session.connect(), implicitTlsWatch(request, addresses, socket, observer)]);
    clock.end('ok');
    if (security !== 'starttls') clock.skip('starttls');

    if (request.probe) {
      session.close();
      return success(t('run.summary.answered', { host, port }), null, null, null);
    }

    if (request.auth) {
      clock.begin('auth');
      if (!observer.offers('AUTH')) throw noAuthOffered(request, observer);
      if ('accessToken' in request.auth) {
        const mechanism = chooseTokenMechanism(observer.authMechanisms);
        if (!mechanism) throw noTokenMechanism(request, observer);
        authMechanism = mechanism;
        const { token, refreshed } = await request.auth.accessToken();
        tokenRefreshed = refreshed;
        await session.tokenLogin(request.auth.user, token, mechanism);
      } else {
        await session.login(request.auth.user, request.auth.pass);
        authMechanism = session.authMethod;
      }
      authenticated = true;
      clock.end('ok');
    } else {
      clock.skip('auth');
    }

    // Checked before MAIL FROM, so a server that cannot take the address is never asked to.
    const international = firstNeedingSmtpUtf8([request.from, request.replyTo, request.to]);
    if (international && !observer.offers('SMTPUTF8')) {
      clock.begin('mail');
      throw new KnownFailure('SMTPUTF8_NOT_OFFERED', 'default', { address: international });
    }
    // nodemailer asks for SMTPUTF8 itself when an envelope address is still not ASCII.
    const from = withAsciiDomain(request.from);
    const to = withAsciiDomain(request.to);

    if (request.dryRun) {
      const utf8 = international && observer.offers('SMTPUTF8') ? ' SMTPUTF8' : '';
      await session.command(`MAIL FROM:<${from}>${utf8}`, 'MAIL FROM');
      finalReply = await session.command(`RCPT TO:<${to}>`, 'RCPT TO');
      clock.end('ok');
      await session.reset();
      clock.skip('data');
    } else {
      messageId = messageIdFor(request.runId, request.from);
      const info = await session.send({ from, to: [to] }, await composed());
      clock.end('ok');
      finalReply = info.response ?? null;
      queueId = finalReply ? queueIdOf(finalReply) : null;
    }
    session.close();

    const ms = Math.round(performance.now() - started);
    const summary = request.dryRun
      ? t('run.summary.checked', { host, from: request.from, to: request.to, ms })
      : queueId
        ? t('run.summary.acceptedQueued', { host, ms, queueId })
        : t('run.summary.accepted', { host, ms });
    return success(summary, finalReply, messageId, queueId);
  } catch (error) {
    const failedPhase = failedPhaseOf(error, clock.phase, security);
    clock.end('failed');
    session?.close();
    socket?.destroy();
    const diagnosis = diagnose({
      phase: failedPhase,
      error,
      host,
      port,
      security,
      anonymous: request.auth === null,
      capabilities: observer.capabilities,
      timeoutMs,
      authenticated,
      from: request.from,
      to: request.to,
      ...(clientName ? { ehlo: { name: clientName, chosen: request.clientName !== undefined } } : {}),
      authMechanism,
      mailbox: request.auth?.user ?? null,
      ...(request.language ? { language: request.language } : {}),
      pinned: Boolean(request.tls?.pins?.length),
    });
    return {
      phases: markFailed(clock.records, failedPhase),
      ehlo: observer.ehlo,
      report: {
        ok: false,
        verdict: 'failed',
        code: diagnosis.code,
        phase: failedPhase,
        summary: diagnosis.summary,
        fix: diagnosis.fix,
        server: {
          banner: observer.banner,
          capabilities: observer.capabilities,
          response: diagnosis.response,
        },
        tls,
        timings: { ...clock.timings(), total: Math.round(performance.now() - started) },
        messageId,
        queueId: null,
        transcript: [...transcript.lines],
        auth: authReport(request.auth, authMechanism, tokenRefreshed),
      },
    };
  }
}

/**
 * Where a run failed: the command nodemailer names, else the clock's phase. A TLS alert that
 * arrives after the handshake (TLS 1.3 refuses a client certificate on the first read) is
 * the handshake's failure, not the greeting's or EHLO's that happened to be waiting.
 */
function failedPhaseOf(error: unknown, current: Phase | null, security: Security): Phase {
  const { command, code, originalCode } = error as {
    command?: unknown;
    code?: unknown;
    originalCode?: unknown;
  };
  const tlsAlert = String(originalCode ?? code ?? '').startsWith('ERR_SSL_');
  if (tlsAlert && security === 'tls' && (current === 'greeting' || current === 'ehlo')) return 'tls';
  if (tlsAlert && security === 'starttls' && current === 'ehlo') return 'starttls';
  return phaseOfCommand(command) ?? current ?? 'connect';
}

/** With PIPELINING the clock may have moved on; the record of the failed phase says failed. */
function markFailed(records: PhaseRecord[], phase: Phase): PhaseRecord[] {
  const failedAt = records.findIndex((r) => r.phase === phase);
  if (failedAt === -1) return [...records, { phase, state: 'failed', ms: 0 }];
  return records.slice(0, failedAt + 1).map((r, i) => (i === failedAt ? { ...r, state: 'failed' } : r));
}

/**
 * While a plain or STARTTLS session waits for its greeting, checks after a grace period
 * whether the port speaks TLS from the first byte; rejects with IMPLICIT_TLS_EXPECTED if
 * it does, and otherwise never settles (the greeting, or its timeout, decides).
 */
function implicitTlsWatch(
  request: RunRequest,
  addresses: string[],
  socket: Socket,
  observer: SessionObserver,
) {
  return new Promise<never>((_, reject) => {
    if (request.security === 'tls') return;
    // Half the timeout at most, so a short --timeout still gets its answer before it runs out.
    const grace = Math.min(GREETING_GRACE_MS, request.timeoutMs / 2);
    const timer = setTimeout(async () => {
      if (observer.banner !== null) return;
      const address = socket.remoteAddress ?? addresses[0]!;
      const tls = await speaksImplicitTls(address, request.port, request.host, request.tls, grace);
      if (tls && observer.banner === null) {
        reject(new KnownFailure('IMPLICIT_TLS_EXPECTED', 'probed', {}, { security: 'tls' }));
      }
    }, grace);
    socket.once('close', () => clearTimeout(timer));
    observer.onBanner(() => clearTimeout(timer));
  });
}

function authReport(
  auth: RunRequest['auth'],
  mechanism: string | null,
  refreshed: boolean,
): RunReport['auth'] {
  if (!auth || !mechanism) return null;
  return { mechanism, oauth2: 'accessToken' in auth, tokenRefreshed: refreshed };
}

function noTokenMechanism(request: RunRequest, observer: SessionObserver): KnownFailure {
  const offered = observer.authMechanisms.join(' ') || '—';
  return new KnownFailure(
    'AUTH_MECHANISM_UNSUPPORTED',
    'noOAuth',
    { offered, mechanisms: 'XOAUTH2, OAUTHBEARER' },
    { auth: 'password' },
  );
}

function noAuthOffered(request: RunRequest, observer: SessionObserver): KnownFailure {
  if (request.security === 'none' && observer.offers('STARTTLS')) {
    return new KnownFailure('AUTH_REQUIRES_TLS', 'afterStarttls', {}, { security: 'starttls' });
  }
  return request.port === 25
    ? new KnownFailure('AUTH_NOT_OFFERED', 'port25', {}, { port: 587, security: 'starttls' })
    : new KnownFailure('AUTH_NOT_OFFERED', 'default', {}, { anonymous: true });
}
