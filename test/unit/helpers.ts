/**
 * Shared setup of the unit tests: temp data folders, the real services and handler table
 * over them, profile fields and log records to start from, scripted SMTP servers on
 * loopback, and the few assertions every file makes the same way.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { expect, onTestFinished } from 'vitest';
import type { Channel, EventName, EventPayload, Result } from '../../electron/ipc/contract';
import { createHandlers, type HandlerContext, type Handlers } from '../../electron/ipc/handlers';
import { invokeChannel } from '../../electron/ipc/invoke';
import { createServices, type Services } from '../../electron/services/services';
import type { SecretBackend } from '../../electron/services/secrets/secret-store';
import { confStoreFactory } from '../../electron/services/settings/conf-store';
import { emptyProfileFields, type ProfileFields } from '../../electron/services/settings/profile';
import { SETTINGS_FILE } from '../../electron/services/settings/settings-store';
import type { RunRecord } from '../../electron/services/smtp/report';

/** A password no code has a reason to print: finding it anywhere is a leak. */
export const CANARY_PASSWORD = 'canary-Pa55w0rd-7f3c1e';

// ---------------------------------------------------------------------------------------
// Temp folders

/** A fresh temp folder, removed when the current test finishes. */
export function useTempDir(prefix = 'mail-preflight-unit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The bytes of each file (null when absent), to prove an operation changed nothing. */
export function snapshotFiles(paths: readonly string[]): Array<string | null> {
  return paths.map((p) => (existsSync(p) ? readFileSync(p).toString('base64') : null));
}

// ---------------------------------------------------------------------------------------
// Secrets

/**
 * A Map-backed SecretBackend. The handler-table tests use this one stand-in so that they
 * run anywhere; the real OS keychain (gnome-keyring's Secret Service) is tested for real
 * in keychain.test.ts under scripts/with-keyring.sh.
 */
export class InMemorySecretBackend implements SecretBackend {
  readonly entries = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.entries.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<void> {
    this.entries.delete(account);
  }
}

// ---------------------------------------------------------------------------------------
// Services and the handler table

export interface Table<B extends SecretBackend = InMemorySecretBackend> {
  dataDir: string;
  services: Services;
  handlers: Handlers;
  backend: B;
  /** Every event the handlers emitted, in order. */
  events: Array<{ event: EventName; payload: unknown }>;
  /** Unexpected errors the boundary sent to the developer log. */
  internalErrors: unknown[];
  call(channel: unknown, input?: unknown): Promise<Result<unknown>>;
  /** Calls a channel that must succeed and returns its value. */
  ok<T = unknown>(channel: Channel, input?: unknown): Promise<T>;
  settingsFile: string;
  logFiles: string[];
}

export function openServices(dataDir: string, secretBackend: SecretBackend, timeoutMs = 5_000): Services {
  return createServices({
    dataDir,
    version: '0.0.0-test',
    storeFactory: confStoreFactory(dataDir),
    secretBackend,
    timeoutMs,
  });
}

/**
 * The real handler table over real services in `dataDir` (a fresh temp folder by default),
 * with secrets in `backend` (the in-memory stand-in unless a test passes the real keychain).
 */
export function openTable(dataDir?: string): Table;
export function openTable<B extends SecretBackend>(dataDir: string, backend: B): Table<B>;
export function openTable(
  dataDir = useTempDir(),
  backend: SecretBackend = new InMemorySecretBackend(),
): Table<SecretBackend> {
  const services = openServices(dataDir, backend);
  const handlers = createHandlers(services);
  const events: Table['events'] = [];
  const internalErrors: unknown[] = [];
  const context: HandlerContext = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      events.push({ event, payload });
    },
    logError(_channel, error) {
      internalErrors.push(error);
    },
    language: () => services.language(),
  };
  const call = (channel: unknown, input?: unknown) => invokeChannel(handlers, channel, input, context);
  return {
    dataDir,
    services,
    handlers,
    backend,
    events,
    internalErrors,
    call,
    async ok<T>(channel: Channel, input?: unknown): Promise<T> {
      const result = await call(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value as T;
    },
    settingsFile: join(dataDir, SETTINGS_FILE),
    logFiles: [services.log.currentFile, services.log.previousFile],
  };
}

// ---------------------------------------------------------------------------------------
// Data to start from

/** Valid profile fields (a submission relay with a login); override what a test is about. */
export function validFields(overrides: Partial<ProfileFields> = {}): ProfileFields {
  return {
    ...emptyProfileFields(),
    name: 'Production relay',
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    anonymous: false,
    username: 'alerts@example.com',
    from: 'alerts@example.com',
    replyTo: '',
    clientKeyId: null,
    trustedCertificateIds: [],
    lastRecipient: '',
    ...overrides,
  };
}

/** A plausible log record of an accepted run; override what a test is about. */
export function sampleRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  const id = overrides.id ?? randomUUID();
  return {
    ok: true,
    verdict: 'accepted',
    code: 'OK',
    phase: null,
    summary: 'Accepted by smtp.example.com in 120 ms (queued as 4F2A1C3).',
    fix: null,
    server: {
      banner: 'smtp.example.com ESMTP Postfix',
      capabilities: ['PIPELINING', 'SIZE 10240000', 'STARTTLS', 'AUTH PLAIN LOGIN', '8BITMIME'],
      response: { code: 250, enhanced: '2.0.0', text: '2.0.0 Ok: queued as 4F2A1C3' },
    },
    tls: null,
    timings: { connect: 3, greeting: 10, ehlo: 2, mail: 1, rcpt: 1, data: 5, total: 120 },
    messageId: `<mail-preflight.${id}@example.com>`,
    queueId: '4F2A1C3',
    transcript: [
      { dir: 'S', line: '220 smtp.example.com ESMTP Postfix' },
      { dir: 'C', line: 'EHLO workstation' },
      { dir: 'S', line: '250-smtp.example.com' },
      { dir: 'S', line: '250 AUTH PLAIN LOGIN' },
      { dir: 'C', line: 'AUTH PLAIN <redacted>' },
      { dir: 'S', line: '235 2.7.0 Authentication successful' },
      { dir: 'C', line: 'MAIL FROM:<alerts@example.com>' },
      { dir: 'S', line: '250 2.1.0 Ok' },
      { dir: 'C', line: 'RCPT TO:<ops@example.com>' },
      { dir: 'S', line: '250 2.1.5 Ok' },
      { dir: 'C', line: 'DATA' },
      { dir: 'S', line: '354 End data with <CR><LF>.<CR><LF>' },
      { dir: 'S', line: '250 2.0.0 Ok: queued as 4F2A1C3' },
    ],
    id,
    startedAt: new Date().toISOString(),
    profileId: 'profile-a',
    profileName: 'Production relay',
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    to: 'ops@example.com',
    dryRun: false,
    phases: [
      { phase: 'dns', state: 'ok', ms: 1 },
      { phase: 'connect', state: 'ok', ms: 3 },
    ],
    ...overrides,
  };
}

/** The same record as a failed run with the given diagnosis code. */
export function failedRecord(code: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return sampleRecord({ ok: false, verdict: 'failed', code, phase: 'auth', queueId: null, ...overrides });
}

// ---------------------------------------------------------------------------------------
// Assertions

/**
 * A message for a user: one line, one sentence, ending in a full stop, with nothing of a
 * stack trace or a library's internals in it.
 */
export function expectOneSentence(text: unknown): void {
  expect(typeof text).toBe('string');
  const s = text as string;
  expect(s.length).toBeGreaterThan(3);
  expect(s).not.toMatch(/[\r\n]/);
  expect(s).toMatch(/[.]$/);
  // A second sentence would start after a terminator with a capital letter.
  expect(s).not.toMatch(/[.!?]\s+\p{Lu}/u);
  expect(s).not.toMatch(/ZodError|\bat .+:\d+:\d+|Invalid input: expected|undefined|\[object/);
}

/** No trace of the secret in anything the user or a file could see. */
export function expectNoSecret(value: unknown, secret = CANARY_PASSWORD): void {
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  expect(json).not.toContain(secret);
  expect(json).not.toContain(Buffer.from(secret).toString('base64'));
}

// ---------------------------------------------------------------------------------------
// Scripted SMTP servers on loopback

export interface ScriptedServer {
  port: number;
  /** What the server saw, to assert on. */
  seen: { mailFrom: string[]; rcptTo: string[]; dataCalls: number; auths: string[] };
}

/**
 * An smtp-server on 127.0.0.1 and a random port, closed when the test finishes. Handlers in
 * `options` replace the defaults (accept everything, answer DATA "Ok: queued as 4F2A1C3").
 */
export async function startSmtpServer(options: SMTPServerOptions = {}): Promise<ScriptedServer> {
  const seen: ScriptedServer['seen'] = { mailFrom: [], rcptTo: [], dataCalls: 0, auths: [] };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    ...options,
    onMailFrom(address, session, callback) {
      seen.mailFrom.push(address.address);
      if (options.onMailFrom) options.onMailFrom(address, session, callback);
      else callback();
    },
    onRcptTo(address, session, callback) {
      seen.rcptTo.push(address.address);
      if (options.onRcptTo) options.onRcptTo(address, session, callback);
      else callback();
    },
    onAuth(auth, session, callback) {
      seen.auths.push(auth.username ?? '');
      if (options.onAuth) options.onAuth(auth, session, callback);
      else callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      seen.dataCalls += 1;
      stream.resume();
      stream.on('end', () => {
        if (options.onData) options.onData(stream, session, callback);
        else callback(null, 'Ok: queued as 4F2A1C3');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as { port: number }).port, seen };
}

/** smtp-server options for a server that takes a login (also over plain SMTP) only with CANARY_PASSWORD. */
export const CANARY_AUTH: SMTPServerOptions = {
  allowInsecureAuth: true,
  onAuth(auth, _session, callback) {
    if (auth.password === CANARY_PASSWORD) callback(null, { user: auth.username });
    else callback(new Error('Error: authentication failed: authentication failure'));
  },
};

/** A TCP server that accepts connections and never says a word (no SMTP greeting). */
export async function startSilentServer(): Promise<{ port: number }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as { port: number }).port };
}

/** A loopback port with nothing listening on it (bound once, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A self-signed server certificate made by the real openssl, valid for a day, for the
 * names in `altNames` (e.g. ['DNS:localhost']). PEM strings.
 */
export function selfSignedCertificate(
  altNames: string[],
  commonName = 'localhost',
): { key: string; cert: string } {
  const dir = useTempDir('mail-preflight-cert-');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      `subjectAltName=${altNames.join(',')}`,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
}

/** Milliseconds an async step took, and its value. */
export async function timed<T>(step: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await step();
  return { value, ms: performance.now() - started };
}
