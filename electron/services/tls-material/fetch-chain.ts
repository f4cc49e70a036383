/**
 * "Fetch from server": connect the way the profile does (implicit TLS, or plain SMTP then
 * EHLO and STARTTLS), take the certificate chain the server presents, and say whether runs
 * would trust it and, if not, why — so that the user can look at it and choose to pin it.
 *
 * Read-only: nothing is sent but EHLO and STARTTLS (never AUTH, never mail), and the
 * connection is closed as soon as the handshake has shown the certificates. To show a chain
 * that is NOT trusted the handshake cannot reject it, so verification is computed but not
 * enforced on this one socket; the trust it is computed against is the runs' own
 * (`tlsOptions`: system store, NODE_EXTRA_CA_CERTS, plus the given `ca`), and the name is
 * checked separately so that a self-signed certificate for the wrong name says both.
 */
import { X509Certificate } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import {
  checkServerIdentity,
  connect as tlsConnect,
  type DetailedPeerCertificate,
  type TLSSocket,
} from 'node:tls';
import { AppError } from '../errors';
import { sentence, type Sentence } from '../i18n/sentence';
import { authorizationSentence } from '../smtp/tls-authorization';
import { FETCH_MESSAGES } from './messages';
import { tlsOptions } from '../smtp/tls-options';
import { legacyObject } from '../smtp/node-tls';
import { summarizeCertificate } from './certificate-summary';
import type { FetchedChain } from './types';

export interface FetchChainOptions {
  host: string;
  port: number;
  security: 'starttls' | 'tls';
  /** The name to verify (and send as SNI) when it differs from `host`. */
  servername?: string;
  /** Extra trusted certificates (PEM), as the profile's runs would use them. */
  ca?: string[];
  /** For each step: connect, greeting, EHLO, STARTTLS, handshake. */
  timeoutMs: number;
}

export const EHLO_NAME = 'mail-preflight';

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const fail = (message: Sentence) => new AppError('INVALID_INPUT', message);
/** A library's message inside our sentence: without its own final period. */
const clause = (message: string) => message.trim().replace(/\.$/, '');

/** Settles with the promise, or fails with `message` after `ms` and runs `onTimeout`. */
function within<T>(promise: Promise<T>, ms: number, message: Sentence, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(fail(message));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function connectError(error: NodeJS.ErrnoException, host: string, hostPort: string): AppError {
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return fail(FETCH_MESSAGES.hostNotFound(host));
    case 'ECONNREFUSED':
      return fail(FETCH_MESSAGES.refused(hostPort));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(FETCH_MESSAGES.unreachable(hostPort));
    default:
      return fail(FETCH_MESSAGES.connectFailed(hostPort, clause(error.message)));
  }
}

function openTcp(host: string, port: number, hostPort: string, timeoutMs: number): Promise<Socket> {
  const socket = tcpConnect({ host, port });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      // Later errors surface through the SMTP reader, the TLS socket or a timeout.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => reject(connectError(error, host, hostPort)));
  });
  return within(connected, timeoutMs, FETCH_MESSAGES.connectTimeout(hostPort, seconds(timeoutMs)), () =>
    socket.destroy(),
  );
}

// ---------------------------------------------------------------------------------------
// Just enough SMTP for STARTTLS

interface Reply {
  code: number;
  lines: string[];
}

/** Reads SMTP replies (multi-line ones whole) from a plain socket until detached. */
function replyReader(socket: Socket) {
  let buffer = '';
  let lines: string[] = [];
  let closed: Error | null = null;
  let waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | null = null;

  const deliver = () => {
    if (!waiting) return;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      lines.push(line);
      if (/^\d{3}(?: |$)/.test(line)) {
        const reply = { code: Number(line.slice(0, 3)), lines };
        lines = [];
        const { resolve } = waiting;
        waiting = null;
        resolve(reply);
        return;
      }
    }
    if (closed) {
      const { reject } = waiting;
      waiting = null;
      reject(closed);
    }
  };
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    deliver();
  };
  const onClose = (error?: Error) => {
    closed ??= error instanceof Error ? error : new Error('closed');
    deliver();
  };
  socket.on('data', onData);
  socket.on('end', onClose);
  socket.on('close', onClose);
  socket.on('error', onClose);

  return {
    next(): Promise<Reply> {
      return new Promise<Reply>((resolve, reject) => {
        waiting = { resolve, reject };
        deliver();
      });
    },
    detach(): void {
      socket.off('data', onData);
      socket.off('end', onClose);
      socket.off('close', onClose);
      socket.off('error', onClose);
    },
  };
}

const replyText = (reply: Reply) => reply.lines.join(' ').trim();

async function negotiateStartTls(socket: Socket, hostPort: string, timeoutMs: number): Promise<void> {
  const reader = replyReader(socket);
  const destroy = () => socket.destroy();
  const read = (step: 'greeting' | 'ehlo' | 'starttls', timeoutMessage: Sentence) =>
    within(
      reader.next().catch(() => {
        throw fail(FETCH_MESSAGES.closedDuring(hostPort, step));
      }),
      timeoutMs,
      timeoutMessage,
      destroy,
    );
  try {
    const greeting = await read('greeting', FETCH_MESSAGES.noGreeting(hostPort, seconds(timeoutMs)));
    if (greeting.code !== 220) throw fail(FETCH_MESSAGES.sessionRefused(hostPort, replyText(greeting)));

    socket.write(`EHLO ${EHLO_NAME}\r\n`);
    const ehlo = await read('ehlo', FETCH_MESSAGES.noEhloAnswer(hostPort, seconds(timeoutMs)));
    if (ehlo.code !== 250) throw fail(FETCH_MESSAGES.ehloRefused(hostPort, replyText(ehlo)));
    const offersStartTls = ehlo.lines.some((line) => /^250[- ]STARTTLS\b/i.test(line));
    if (!offersStartTls) throw fail(FETCH_MESSAGES.noStartTls(hostPort));

    socket.write('STARTTLS\r\n');
    const ready = await read('starttls', FETCH_MESSAGES.noStartTlsAnswer(hostPort, seconds(timeoutMs)));
    if (ready.code !== 220) throw fail(FETCH_MESSAGES.startTlsRefused(hostPort, replyText(ready)));
  } finally {
    reader.detach();
  }
}

// ---------------------------------------------------------------------------------------
// The handshake and the chain

function handshakeError(
  error: NodeJS.ErrnoException,
  hostPort: string,
  security: 'starttls' | 'tls',
): AppError {
  const text = `${error.code ?? ''} ${error.message}`;
  if (
    security === 'tls' &&
    /wrong version number|packet length too long|WRONG_VERSION|http request/i.test(text)
  ) {
    return fail(FETCH_MESSAGES.notTls(hostPort));
  }
  if (/unsupported protocol|UNSUPPORTED_PROTOCOL|no protocols available/i.test(text)) {
    return fail(FETCH_MESSAGES.oldTls(hostPort));
  }
  if (/ECONNRESET|socket hang up|disconnected/i.test(text)) {
    return fail(FETCH_MESSAGES.closedDuringHandshake(hostPort));
  }
  return fail(FETCH_MESSAGES.handshakeFailed(hostPort, clause(error.message)));
}

function handshake(socket: Socket, options: FetchChainOptions, hostPort: string): Promise<TLSSocket> {
  const name = options.servername ?? options.host;
  const secure = tlsConnect({
    ...tlsOptions(name, { ca: options.ca ?? [], servername: name }),
    socket,
    // Read-only inspection: this socket only shows the certificates of a server that may
    // not be trusted yet. Verification still runs (authorized/authorizationError are read
    // below); nothing but EHLO/STARTTLS was sent, nothing is sent over TLS, and the socket
    // is destroyed right after. Runs never use this: their tlsOptions reject untrusted servers.
    rejectUnauthorized: false,
  });
  const done = new Promise<TLSSocket>((resolve, reject) => {
    // Errors after the handshake (the server resetting as we close) matter to no one.
    secure.once('secureConnect', () => {
      secure.on('error', () => undefined);
      resolve(secure);
    });
    secure.once('error', (error: NodeJS.ErrnoException) =>
      reject(handshakeError(error, hostPort, options.security)),
    );
  });
  return within(
    done,
    options.timeoutMs,
    FETCH_MESSAGES.handshakeTimeout(hostPort, seconds(options.timeoutMs)),
    () => secure.destroy(),
  );
}

/** The chain as Node links it, leaf first, each certificate once. */
function presentedChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function commonName(cert: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(cert.subject)?.[1] ?? cert.subject.split('\n')[0] ?? '';
}

function certificateNames(cert: X509Certificate): string[] {
  const names = (cert.subjectAltName ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter(Boolean);
  return names.length ? names : [commonName(cert)];
}

/**
 * Codes whose reason is said here with its facts (the dates, the names), for every
 * certificate of the chain rather than only for the first OpenSSL met.
 */
const CHECKED_HERE = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/**
 * Why the chain is not trusted, one sentence per reason: the chain's own problem (OpenSSL
 * reports only the first it meets; the catalogue's sentence for its code), then expiry and
 * the name, which are checked here for every certificate so that none hides behind another.
 */
export function describeProblems(
  chain: X509Certificate[],
  authorizationError: string | null,
  name: string,
  now = new Date(),
): Sentence[] {
  const leaf = chain[0]!;
  const problems: Sentence[] = [];
  if (authorizationError && !CHECKED_HERE.has(authorizationError)) {
    problems.push(authorizationSentence(authorizationError));
  }

  if (now < leaf.validFromDate)
    problems.push(sentence('fetchChain.problem.notYetValid', { date: day(leaf.validFromDate) }));
  if (now > leaf.validToDate)
    problems.push(sentence('fetchChain.problem.expired', { date: day(leaf.validToDate) }));
  for (const cert of chain.slice(1)) {
    if (now > cert.validToDate) {
      problems.push(
        sentence('fetchChain.problem.issuerExpired', { name: commonName(cert), date: day(cert.validToDate) }),
      );
    }
  }

  const legacy = legacyObject(leaf);
  if (checkServerIdentity(name, legacy)) {
    problems.push(sentence('fetchChain.problem.wrongName', { name, names: certificateNames(leaf) }));
  }

  if (problems.length === 0) {
    problems.push(
      authorizationError
        ? authorizationSentence(authorizationError)
        : sentence('fetchChain.problem.otherUnknown'),
    );
  }
  return problems;
}

/**
 * Connects (implicit TLS, or plain + EHLO + STARTTLS), takes the chain the server presents,
 * and says whether and why it is not trusted. Never sends AUTH or mail.
 *
 * `chain` is leaf first as Node links it: the certificates the server sent, and — when the
 * trust store holds it — the root that completes them.
 */
export async function fetchServerChain(options: FetchChainOptions): Promise<FetchedChain> {
  const { host, port, timeoutMs } = options;
  const hostPort = `${host}:${port}`;
  const socket = await openTcp(host, port, hostPort, timeoutMs);
  let secure: TLSSocket | undefined;
  try {
    if (options.security === 'starttls') await negotiateStartTls(socket, hostPort, timeoutMs);
    secure = await handshake(socket, options, hostPort);
    const chain = presentedChain(secure);
    if (chain.length === 0) throw fail(FETCH_MESSAGES.noCertificate(hostPort));
    const error = secure.authorizationError as Error | string | null | undefined;
    const authorizationError = error ? String(error instanceof Error ? error.message : error) : null;
    const authorized = secure.authorized;
    const now = new Date();
    return {
      host,
      port,
      chain: chain.map((cert) => ({ ...summarizeCertificate(cert, now), pem: cert.toString() })),
      authorized,
      authorizationError,
      problems: authorized
        ? []
        : describeProblems(chain, authorizationError, options.servername ?? host, now),
    };
  } finally {
    secure?.destroy();
    socket.destroy();
  }
}
