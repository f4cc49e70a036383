/**
 * Misbehaving SMTP servers on loopback, for the fault suite and the benchmark.
 *
 * `startScriptedServer` speaks just enough SMTP to get a client to the step under test and
 * then does exactly what the script says there: a provider's multi-line refusal byte for
 * byte, silence, a dropped connection, an SSH banner, a greeting four seconds late. Over
 * plain TCP or implicit TLS (`tls` options), so certificate faults reuse the same script.
 *
 * Every server takes the cleanup registrar explicitly (a test's own `onTestFinished`, or
 * the benchmark's list): the suite runs its cases concurrently, and vitest's global
 * `onTestFinished` (what test/unit/helpers.ts uses) cannot tell concurrent tests apart.
 *
 * Plain Node ESM with erasable types only, so that `node scripts/bench.ts` imports it as is.
 */
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** Registers a clean-up step (a vitest test context's `onTestFinished`, or the bench's). */
export type Cleanup = (step: () => Promise<void> | void) => void;

/**
 * What the server answers: reply lines ("250 Ok", or several lines of a multi-line reply
 * separated by "\n", sent with CRLF), `silent` (never answer), or `close` (drop the
 * connection without a word).
 */
export type Reply = string | 'silent' | 'close';

export interface Script {
  /** The first thing the server says; 220 by default. */
  greeting?: Reply;
  /** How long the server waits before greeting (postscreen-style delays). */
  greetingDelayMs?: number;
  /** EHLO keywords offered after the first line of the EHLO reply. */
  ehlo?: string[];
  /**
   * Replies by command verb (EHLO, MAIL, RCPT, DATA, AUTH, ...) and "." for the end of the
   * message. A verb not listed gets the default of an accepting server.
   */
  replies?: Record<string, Reply>;
  /** Implicit TLS: the handshake comes before the greeting. */
  tls?: TlsOptions;
}

export const SERVER_NAME = 'fault.test';

const DEFAULT_REPLIES: Record<string, Reply> = {
  HELO: `250 ${SERVER_NAME}`,
  AUTH: '235 2.7.0 Authentication successful',
  MAIL: '250 2.1.0 Ok',
  RCPT: '250 2.1.5 Ok',
  DATA: '354 End data with <CR><LF>.<CR><LF>',
  '.': '250 2.0.0 Ok: queued as FAULT42',
  RSET: '250 2.0.0 Ok',
  NOOP: '250 2.0.0 Ok',
  QUIT: '221 2.0.0 Bye',
};

export interface Listening {
  port: number;
}

/** Listens on 127.0.0.1 and a free port; on cleanup drops every connection and closes. */
async function listen(server: Server, cleanup: Cleanup): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as { port: number }).port };
}

function wire(reply: string): string {
  return reply.split('\n').join('\r\n') + '\r\n';
}

/** One SMTP session following `script`. */
function converse(socket: Socket, script: Script): void {
  const replies = { ...DEFAULT_REPLIES, ...script.replies };
  const ehlo = [SERVER_NAME, ...(script.ehlo ?? ['8BITMIME', 'ENHANCEDSTATUSCODES'])];
  let buffered = '';
  let greeted = false;
  let inData = false;
  let stopped = false;

  /** Sends a reply; false once the script has gone silent or closed. */
  const answer = (reply: Reply): boolean => {
    if (reply === 'silent') stopped = true;
    else if (reply === 'close') {
      stopped = true;
      socket.destroy();
    } else socket.write(wire(reply));
    return !stopped;
  };
  const onLine = (line: string): boolean => {
    if (inData) {
      if (line !== '.') return true;
      inData = false;
      return answer(replies['.']!);
    }
    const verb = line.split(' ')[0]!.toUpperCase();
    if (verb === 'EHLO' && !('EHLO' in replies)) {
      return answer(ehlo.map((k, i) => `250${i < ehlo.length - 1 ? '-' : ' '}${k}`).join('\n'));
    }
    const reply = replies[verb] ?? '502 5.5.2 Command not recognized';
    if (!answer(reply)) return false;
    if (verb === 'DATA' && reply.startsWith('354')) inData = true;
    if (verb === 'QUIT') socket.end();
    return true;
  };
  const drain = () => {
    let end: number;
    while (greeted && !stopped && (end = buffered.indexOf('\r\n')) !== -1) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      onLine(line);
    }
  };

  socket.on('error', () => undefined);
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    drain();
  });
  const greet = () => {
    if (socket.destroyed) return;
    greeted = answer(script.greeting ?? `220 ${SERVER_NAME} ESMTP`);
    drain();
  };
  if (script.greetingDelayMs) setTimeout(greet, script.greetingDelayMs).unref();
  else greet();
}

/** A server on 127.0.0.1 that follows `script` in every session. */
export function startScriptedServer(script: Script, cleanup: Cleanup): Promise<Listening> {
  const server = script.tls
    ? createTlsServer(script.tls, (socket) => converse(socket, script))
    : createTcpServer((socket) => converse(socket, script));
  // A TLS client that gives up mid-handshake is not this server's failure.
  server.on('tlsClientError', () => undefined);
  return listen(server, cleanup);
}

/** A TCP listener that accepts connections and never says a word. */
export function startSilentServer(cleanup: Cleanup): Promise<Listening> {
  return startScriptedServer({ greeting: 'silent' }, cleanup);
}

/** nodemailer's smtp-server on 127.0.0.1: a real server library where its own rules make the fault. */
export async function startLibraryServer(options: SMTPServerOptions, cleanup: Cleanup): Promise<Listening> {
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 500,
    ...options,
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as { port: number }).port };
}
