/**
 * Opens an IMAP connection for the delivery check with imapflow, on Mail Preflight's
 * terms: certificates always verified (system roots + NODE_EXTRA_CA_CERTS + the profile's
 * trusted certificates), TLS 1.2 at least, STARTTLS required when chosen, short explicit
 * timeouts instead of the library's minutes, and no logger (nothing the connection does
 * can put the password into a log).
 *
 * No IMAP protocol line is logged or kept anywhere (`logger: false`, `emitLogs: false`), so
 * there is no LOGIN or AUTHENTICATE line to redact; a transcript of IMAP would have to mask
 * LOGIN's arguments and AUTHENTICATE's continuations by position, as smtp/transcript.ts does.
 */
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { tlsOptions } from '../smtp/tls-options';
import { ImapStepError } from './imap-failure';
import type { ImapSettings } from './types';

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** No traffic for this long on an open connection ends it (IDLE is renewed well before). */
const SOCKET_TIMEOUT_MS = 30_000;
/** IDLE is broken and restarted this often, which also keeps NATs and the socket timer happy. */
const MAX_IDLE_MS = 15_000;

export function imapFlowOptions(settings: ImapSettings, connectTimeoutMs: number): ImapFlowOptions {
  // imapflow merges `tls` over its own connect options: `host` there would replace the
  // address connected to with the certificate name, so only the TLS parts are passed.
  const { host: _name, ...tls } = tlsOptions(settings.host, {
    ...(settings.ca?.length ? { ca: settings.ca } : {}),
    ...(settings.servername ? { servername: settings.servername } : {}),
  });
  return {
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    ...(settings.servername ? { servername: settings.servername } : {}),
    tls,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    emitLogs: false,
    clientInfo: { name: 'Mail Preflight' },
    disableAutoIdle: true,
    disableCompression: true,
    connectionTimeout: connectTimeoutMs,
    greetingTimeout: connectTimeoutMs,
    socketTimeout: Math.max(SOCKET_TIMEOUT_MS, connectTimeoutMs),
    maxIdleTime: MAX_IDLE_MS,
  };
}

/** Rejects after `ms` unless `promise` settles first; `onTimeout` runs before the rejection. */
export function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  error: () => Error,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onTimeout?.();
        reject(error());
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Connects and logs in. Each step has imapflow's own short timeout (connect, greeting);
 * the whole, login included, is bounded by 1.5 × `connectTimeoutMs`.
 * `track` receives the client at once, so an abort can close it mid-connect.
 */
export async function openImap(
  settings: ImapSettings,
  connectTimeoutMs: number,
  track: (client: ImapFlow) => void,
): Promise<ImapFlow> {
  const client = new ImapFlow(imapFlowOptions(settings, connectTimeoutMs));
  // imapflow also reports connection errors as events; without a listener Node would throw them.
  client.on('error', () => undefined);
  track(client);
  // Connecting and the greeting have imapflow's own timers (their errors say which step
  // stalled); this bounds the login too, which imapflow would wait for until socketTimeout.
  const waitedMs = Math.round(connectTimeoutMs * 1.5);
  try {
    await withDeadline(
      client.connect(),
      waitedMs,
      () =>
        new ImapStepError('RESPONSE_TIMEOUT', 'The IMAP login did not finish in time.', {
          waitedMs,
          step: 'login',
        }),
      () => client.close(),
    );
    return client;
  } catch (error) {
    client.close();
    throw error;
  }
}

/** Logs out politely when the server answers quickly, and closes the connection in any case. */
export async function closeImap(client: ImapFlow, politeMs = 500): Promise<void> {
  if (client.usable) {
    await withDeadline(client.logout(), politeMs, () => new Error('logout timed out')).catch(() => undefined);
  }
  client.close();
}
