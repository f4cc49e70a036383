/**
 * Opens the connection a run needs, one timed phase at a time: dns (skipped for an IP
 * address), connect (TCP), and tls for implicit TLS. The socket is then handed to
 * nodemailer, which speaks SMTP over it. Doing these steps here rather than inside
 * nodemailer is what lets each be timed, bounded by our timeout and diagnosed on its own.
 */
import { lookup } from 'node:dns/promises';
import { connect as tcpConnect, isIP, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { nodeTls } from './node-tls';
import type { PhaseClock } from './phase-clock';
import { tlsOptions, type TlsMaterial } from './tls-options';

export class TimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(what: string, ms: number) {
    super(`${what} did not finish within ${Math.round(ms / 100) / 10} s`);
  }
}

/** Rejects after `ms` unless the promise settles first; `onTimeout` cleans up. */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new TimeoutError(what, ms));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The host's addresses in the resolver's order (an IP address stands for itself). */
export async function resolveHost(host: string, clock: PhaseClock, timeoutMs: number): Promise<string[]> {
  if (isIP(host)) {
    clock.skip('dns');
    return [host];
  }
  clock.begin('dns');
  const addresses = await withTimeout(lookup(host, { all: true }), timeoutMs, 'The DNS lookup');
  if (addresses.length === 0) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  return addresses.map((a) => a.address);
}

function connectOne(address: string, port: number): { socket: Socket; connected: Promise<Socket> } {
  const socket = tcpConnect({ host: address, port });
  const connected = new Promise<Socket>((resolve, reject) => {
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
  return { socket, connected };
}

/**
 * Connects to the first address that accepts, in the resolver's order ("localhost" may
 * give ::1 before 127.0.0.1). The timeout covers all attempts; the last error is reported.
 */
export function openTcp(
  addresses: string[],
  port: number,
  clock: PhaseClock,
  timeoutMs: number,
): Promise<Socket> {
  clock.begin('connect');
  let current: Socket | undefined;
  const attempt = async (): Promise<Socket> => {
    let lastError: unknown;
    for (const address of addresses) {
      const { socket, connected } = connectOne(address, port);
      current = socket;
      try {
        return await connected;
      } catch (error) {
        socket.destroy();
        lastError = error;
      }
    }
    throw lastError;
  };
  return withTimeout(attempt(), timeoutMs, 'The TCP connection', () => current?.destroy());
}

/** An error the TLS socket met after its handshake, before the SMTP session took it over. */
const earlyErrors = new WeakMap<TLSSocket, Error>();

/**
 * Throws the error the socket met between its handshake and now, if any. In TLS 1.3 the
 * client's handshake ends before the server has checked the client certificate, so a
 * server that wants one sends its alert ("certificate required") just after; it may arrive
 * while nodemailer is still loading, before the session listens to the socket.
 */
export function throwIfFailedEarly(socket: Socket): void {
  const error = earlyErrors.get(socket as TLSSocket);
  if (error) throw error;
}

export function startTls(
  socket: Socket,
  host: string,
  material: TlsMaterial | undefined,
  clock: PhaseClock,
  timeoutMs: number,
): Promise<TLSSocket> {
  clock.begin('tls');
  const secure = nodeTls().connect({ ...tlsOptions(host, material), socket });
  const handshake = new Promise<TLSSocket>((resolve, reject) => {
    secure.once('secureConnect', () => {
      secure.removeListener('error', reject);
      // Kept until the session listens (see throwIfFailedEarly); an unheard 'error' would throw.
      secure.once('error', (error) => earlyErrors.set(secure, error));
      resolve(secure);
    });
    secure.once('error', reject);
  });
  return withTimeout(handshake, timeoutMs, 'The TLS handshake', () => secure.destroy());
}
