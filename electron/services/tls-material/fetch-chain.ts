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
import { tlsOptions } from '../smtp/tls-options';
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

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const fail = (message: string) => new AppError('INVALID_INPUT', message);
/** A library's message inside our sentence: without its own final period. */
const clause = (message: string) => message.trim().replace(/\.$/, '');

/** Settles with the promise, or fails with `message` after `ms` and runs `onTimeout`. */
function within<T>(promise: Promise<T>, ms: number, message: string, onTimeout: () => void): Promise<T> {
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
      return fail(`The host name ${host} was not found in DNS; check the server address.`);
    case 'ECONNREFUSED':
      return fail(`${hostPort} refused the connection; check the server address and port.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return fail(`${hostPort} cannot be reached from this computer (no route to it).`);
    default:
      return fail(`Could not connect to ${hostPort}: ${clause(error.message)}.`);
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
  return within(
    connected,
    timeoutMs,
    `${hostPort} did not accept a connection within ${seconds(timeoutMs)}.`,
    () => socket.destroy(),
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
  const read = (step: string, timeoutMessage: string) =>
    within(
      reader.next().catch(() => {
        throw fail(`${hostPort} closed the connection during ${step}.`);
      }),
      timeoutMs,
      timeoutMessage,
      destroy,
    );
  try {
    const greeting = await read(
      'the SMTP greeting',
      `${hostPort} sent no SMTP greeting within ${seconds(timeoutMs)}; if it expects TLS at once, choose implicit TLS.`,
    );
    if (greeting.code !== 220) throw fail(`${hostPort} refused the session: "${replyText(greeting)}".`);

    socket.write(`EHLO ${EHLO_NAME}\r\n`);
    const ehlo = await read('EHLO', `${hostPort} did not answer EHLO within ${seconds(timeoutMs)}.`);
    if (ehlo.code !== 250) throw fail(`${hostPort} did not accept EHLO: "${replyText(ehlo)}".`);
    const offersStartTls = ehlo.lines.some((line) => /^250[- ]STARTTLS\b/i.test(line));
    if (!offersStartTls) {
      throw fail(`${hostPort} does not offer STARTTLS, so it has no certificate to show on this port.`);
    }

    socket.write('STARTTLS\r\n');
    const ready = await read('STARTTLS', `${hostPort} did not answer STARTTLS within ${seconds(timeoutMs)}.`);
    if (ready.code !== 220) throw fail(`${hostPort} refused STARTTLS: "${replyText(ready)}".`);
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
    return fail(`${hostPort} did not answer with TLS; if it speaks plain SMTP first, choose STARTTLS.`);
  }
  if (/unsupported protocol|UNSUPPORTED_PROTOCOL|no protocols available/i.test(text)) {
    return fail(`${hostPort} offers only TLS versions older than 1.2, which Mail Preflight does not accept.`);
  }
  if (/ECONNRESET|socket hang up|disconnected/i.test(text)) {
    return fail(`${hostPort} closed the connection during the TLS handshake.`);
  }
  return fail(`The TLS handshake with ${hostPort} failed: ${clause(error.message)}.`);
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
    `The TLS handshake with ${hostPort} did not finish within ${seconds(options.timeoutMs)}.`,
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

const CHAIN_REASONS: Record<string, (leaf: X509Certificate) => string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: () => 'is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: () => 'is issued by a private CA whose root is not trusted here',
  UNABLE_TO_GET_ISSUER_CERT: () =>
    'has an unknown issuer (the server did not send it and it is not trusted here)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () =>
    'has an unknown issuer (the server did not send it and it is not trusted here)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () =>
    'has an unknown issuer (the server did not send it and it is not trusted here)',
  CERT_UNTRUSTED: () => 'is not trusted for this purpose',
  INVALID_CA: () => 'is issued by a certificate that is not a CA',
  CERT_REVOKED: () => 'has been revoked',
  CERT_SIGNATURE_FAILURE: () => 'carries a signature that does not verify',
};

/**
 * Why the chain is not trusted, in one sentence: the chain's own problem (OpenSSL reports
 * only the first it meets), then expiry and the name, which are checked here for every
 * certificate so that none hides behind another.
 */
export function describeProblem(
  chain: X509Certificate[],
  authorizationError: string | null,
  name: string,
  now = new Date(),
): string {
  const leaf = chain[0]!;
  const phrases: string[] = [];
  const reason = authorizationError ? CHAIN_REASONS[authorizationError] : undefined;
  if (reason) phrases.push(reason(leaf));

  if (now < leaf.validFromDate) phrases.push(`is not valid before ${day(leaf.validFromDate)}`);
  if (now > leaf.validToDate) phrases.push(`expired on ${day(leaf.validToDate)}`);
  for (const cert of chain.slice(1)) {
    if (now > cert.validToDate) {
      phrases.push(`relies on "${commonName(cert)}", which expired on ${day(cert.validToDate)}`);
    }
  }

  const legacy = leaf.toLegacyObject();
  if (checkServerIdentity(name, legacy)) {
    phrases.push(`does not name ${name} (it is issued for ${certificateNames(leaf).join(', ')})`);
  }

  if (phrases.length === 0) {
    return `The server's certificate is not trusted (${authorizationError ?? 'verification failed'}).`;
  }
  const list =
    phrases.length === 1
      ? phrases[0]
      : `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
  return `The server's certificate ${list}.`;
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
    if (chain.length === 0) throw fail(`${hostPort} presented no certificate.`);
    const error = secure.authorizationError as Error | string | null | undefined;
    const authorizationError = error ? String(error instanceof Error ? error.message : error) : null;
    const authorized = secure.authorized;
    const now = new Date();
    return {
      host,
      port,
      chain: chain.map((cert) => ({ ...summarizeCertificate(cert, now), pem: cert.toString() })),
      authorized,
      problem: authorized
        ? null
        : describeProblem(chain, authorizationError, options.servername ?? host, now),
    };
  } finally {
    secure?.destroy();
    socket.destroy();
  }
}
