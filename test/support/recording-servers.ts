/**
 * Servers that record every login they receive, to prove where a saved secret went:
 * nodemailer's smtp-server (a real SMTP server offering AUTH PLAIN and LOGIN over plain
 * text, so a client that would send the password does), and a minimal IMAP listener that
 * greets, answers CAPABILITY and records every byte (LOGIN included) before refusing it.
 * Both keep the raw bytes of every session: a test searches them for the password.
 */
import { createServer, type Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { SMTPServer } from 'smtp-server';

export interface Recorder {
  host: string;
  port: number;
  /** Every AUTH the server completed or refused: mechanism, username, password. */
  logins: Array<{ method: string; username: string; password: string }>;
  /** Everything clients sent, every session concatenated. */
  raw(): string;
  /** Forgets what was recorded so far (between test cases). */
  reset(): void;
  close(): Promise<void>;
}

function recordRaw(socket: Socket, chunks: Buffer[]): void {
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
}

/** An SMTP server on `host` (loopback by default) that records AUTH, accepts any login and any mail. */
export async function startRecordingSmtp(host = '127.0.0.1'): Promise<Recorder> {
  const chunks: Buffer[] = [];
  const logins: Recorder['logins'] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    disableReverseLookup: true,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      logins.push({ method: auth.method, username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  server.on('error', () => undefined);
  server.server.on('connection', (socket: Socket) => recordRaw(socket, chunks));
  await new Promise<void>((done) => server.listen(0, host, done));
  return {
    host,
    port: (server.server.address() as { port: number }).port,
    logins,
    raw: () => Buffer.concat(chunks).toString('latin1'),
    reset: () => {
      chunks.length = 0;
      logins.length = 0;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** An IMAP listener that records what clients send and refuses every login. */
export async function startRecordingImap(host = '127.0.0.1'): Promise<Recorder> {
  const chunks: Buffer[] = [];
  const logins: Recorder['logins'] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    recordRaw(socket, chunks);
    socket.write('* OK [CAPABILITY IMAP4rev1] recorder ready\r\n');
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const [tag = '*', command = ''] = line.split(' ');
        const verb = command.toUpperCase();
        if (verb === 'CAPABILITY') socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (verb === 'LOGIN') {
          const [, , username = '', password = ''] = line.split(' ');
          logins.push({ method: 'LOGIN', username, password });
          socket.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
        } else if (verb === 'LOGOUT') socket.end(`* BYE\r\n${tag} OK bye\r\n`);
        else socket.write(`${tag} BAD not here\r\n`);
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  return {
    host,
    port: (server.address() as { port: number }).port,
    logins,
    raw: () => Buffer.concat(chunks).toString('latin1'),
    reset: () => {
      chunks.length = 0;
      logins.length = 0;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** The machine's own address that is not loopback (eth0's), for the plain-text consent cases. */
export function nonLoopbackAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    const found = list?.find((i) => i.family === 'IPv4' && !i.internal);
    if (found) return found.address;
  }
  return null;
}
