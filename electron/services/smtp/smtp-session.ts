/**
 * Promise wrappers around nodemailer's SMTPConnection, each step racing the connection's
 * own failure (an 'error' event, a close), so that no step can wait forever and no error
 * escapes as an unhandled event.
 *
 * nodemailer is loaded with the first session, once a connection is open: a run that
 * fails before (DNS, a refused connection) does not load it (see `npm run bench`). The first
 * run of a process pays for that load (a few ms, bundled) inside its greeting phase.
 */
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { handlerName, type TokenMechanism } from './token-auth';

type Envelope = { from: string; to: string[] };

/** nodemailer keeps the command queue private; the envelope-only check needs two commands. */
interface ConnectionInternals {
  _sendCommand(command: string): void;
  _responseActions: Array<(response: string) => void>;
  _socket: unknown;
}

export class SmtpSession {
  readonly connection: SMTPConnection;
  private readonly failure: Promise<never>;

  static async open(options: SMTPConnection.Options): Promise<SmtpSession> {
    const { default: Connection } = await import('nodemailer/lib/smtp-connection');
    return new SmtpSession(new Connection(options));
  }

  private constructor(connection: SMTPConnection) {
    this.connection = connection;
    this.failure = new Promise<never>((_, reject) => {
      this.connection.on('error', reject);
    });
    // Observed here so a failure that no step is waiting for is not an unhandled rejection.
    this.failure.catch(() => undefined);
  }

  /** The socket after STARTTLS (nodemailer swaps it in place). */
  get socket(): unknown {
    return (this.connection as unknown as ConnectionInternals)._socket;
  }

  connect(): Promise<void> {
    return this.race<void>((done) => this.connection.connect((error?: Error) => done(error)));
  }

  login(user: string, pass: string): Promise<void> {
    return this.race<void>((done) =>
      this.connection.login({ user, pass }, (error) => done(error ?? undefined)),
    );
  }

  /** Logs in with an access token through the token mechanisms (the session needs `customAuth: tokenAuthHandlers`). */
  tokenLogin(user: string, token: string, mechanism: TokenMechanism): Promise<void> {
    return this.race<void>((done) =>
      this.connection.login({ type: 'custom', method: handlerName(mechanism), user, pass: token }, (error) =>
        done(error ?? undefined),
      ),
    );
  }

  /** The SASL mechanism nodemailer chose for the last login. */
  get authMethod(): string | null {
    return (this.connection as unknown as { _authMethod?: string | false })._authMethod || null;
  }

  send(envelope: Envelope, message: Buffer): Promise<SMTPConnection.SentMessageInfo> {
    return this.race((done) =>
      this.connection.send(envelope, message, (error, info) => done(error ?? undefined, info)),
    );
  }

  /**
   * Sends one command and resolves with the reply; a 4xx or 5xx reply rejects with the
   * same error shape nodemailer uses (`response`, `command`), so diagnosis reads both alike.
   */
  command(line: string, command: string): Promise<string> {
    const internals = this.connection as unknown as ConnectionInternals;
    return this.race<string>((done) => {
      internals._responseActions.push((reply) => {
        if (/^[45]/.test(reply))
          done(Object.assign(new Error(reply), { code: 'EENVELOPE', response: reply, command }));
        else done(undefined, reply);
      });
      internals._sendCommand(line);
    });
  }

  reset(): Promise<void> {
    return this.race<void>((done) => this.connection.reset((error) => done(error ?? undefined)));
  }

  /** QUIT, then close; never throws and never waits long. */
  close(): void {
    try {
      if (!this.connection.destroyed) this.connection.quit();
    } catch {
      // The connection was already gone.
    }
    setTimeout(() => this.connection.close(), 500).unref();
  }

  private race<T>(start: (done: (error?: Error, value?: T) => void) => void): Promise<T> {
    const step = new Promise<T>((resolve, reject) => {
      start((error, value) => (error ? reject(error) : resolve(value as T)));
    });
    return Promise.race([step, this.failure]);
  }
}
