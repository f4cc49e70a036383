/**
 * Shared setup of the certificate integration tests (SSL keys and trusted certificates on
 * real parts):
 *
 * - `pki()`: this test file's CA and a server certificate for "localhost" (openssl, once).
 * - `startClientCertServer('tls' | 'starttls')`: nodemailer's smtp-server demanding a client
 *   certificate issued by that CA (`requestCert`, `rejectUnauthorized`); it records the
 *   client certificate's CN of every session it let through, and every TCP connection.
 * - `importKeystore` / `trustFile`: imports the way the app does, through a chosen-file
 *   token (`files.remember` plays the OS file dialog).
 * - `servicesChild(dataDir)`: the same services in a Node process started WITHOUT
 *   NODE_EXTRA_CA_CERTS (the test workers trust the rig's CA through it), see
 *   ./services-child.ts.
 * - `runCli(args, ...)`: the built `mail-preflight`, also without NODE_EXTRA_CA_CERTS.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TLSSocket } from 'node:tls';
import { SMTPServer } from 'smtp-server';
import { afterAll, onTestFinished } from 'vitest';
import type { Services } from '../../../electron/services/services';
import type { ProfileFields } from '../../../electron/services/settings/profile';
import {
  makeCa,
  makeServerCert,
  type Ca,
  type ClientKeystore,
  type ServerCert,
} from '../../fixtures/make-pki';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';
import { runBuiltCli, type CliResult } from '../../support/run-cli';

// ---------------------------------------------------------------------------------------
// PKI and the server that demands a client certificate

let made: { ca: Ca; server: ServerCert } | undefined;

/** One CA per test file: it issues the smtp-server's certificate and the client certificates. */
export function pki(): { ca: Ca; server: ServerCert } {
  if (!made) {
    const ca = makeCa({ name: `Client-cert test CA ${randomUUID().slice(0, 8)}` });
    made = { ca, server: makeServerCert(ca, { names: ['localhost'], keyType: 'ec' }) };
  }
  return made;
}

export interface ClientCertServer {
  port: number;
  security: 'tls' | 'starttls';
  /** The CN of the client certificate of every TLS session the server accepted, in order. */
  clientSubjects: string[];
  /** TCP connections the server saw, refused handshakes included. */
  connections: number;
  /** Messages it received. */
  messages: number;
}

/**
 * smtp-server over implicit TLS or STARTTLS that goes on only with a client certificate
 * issued by `pki().ca`. Closed when the test file ends.
 */
export async function startClientCertServer(security: 'tls' | 'starttls'): Promise<ClientCertServer> {
  const { ca, server: certificate } = pki();
  const seen: ClientCertServer = { port: 0, security, clientSubjects: [], connections: 0, messages: 0 };
  const server = new SMTPServer({
    logger: false,
    secure: security === 'tls',
    key: certificate.keyPem,
    cert: certificate.chainPem,
    ca: [ca.certPem],
    requestCert: true,
    rejectUnauthorized: true,
    authOptional: true,
    closeTimeout: 500,
    disableReverseLookup: true,
    onSecure(socket, _session, callback) {
      seen.clientSubjects.push((socket as TLSSocket).getPeerCertificate().subject.CN as string);
      callback();
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        seen.messages += 1;
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  server.server.on('connection', () => (seen.connections += 1));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  seen.port = (server.server.address() as { port: number }).port;
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  return seen;
}

// ---------------------------------------------------------------------------------------
// The services, in this process or in the child

/**
 * The services as a test calls them, in this process or in the child (where every call is
 * asynchronous): helpers take either and await every call.
 */
type Callable<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K] extends (
    ...args: infer A
  ) => infer R
    ? (...args: A) => Awaited<R> | Promise<Awaited<R>>
    : never;
};
export type AnyServices = {
  [S in 'profiles' | 'certificates' | 'files' | 'runs' | 'secrets' | 'log']: Callable<Services[S]>;
};

/** Real services over a fresh data folder (in this process), removed when the file ends. */
export function servicesForFile(): TempServices {
  const temp = tempServices();
  afterAll(() => temp.dispose());
  return temp;
}

/** Real services over a fresh data folder (in this process), removed when the test ends. */
export function servicesForTest(): TempServices {
  const temp = tempServices();
  onTestFinished(() => temp.dispose());
  return temp;
}

/** Imports a keystore fixture as the SSL-keys page does: the chosen files' token, passphrase, alias. */
export async function importKeystore(services: AnyServices, keystore: ClientKeystore, alias?: string) {
  const { token } = await services.files.remember(keystore.paths);
  return services.certificates.importKeystore(token, keystore.passphrase, alias);
}

/** Trusts a certificate file as the trusted-certificates page does; returns its id. */
export async function trustFile(services: AnyServices, path: string): Promise<string> {
  const { token } = await services.files.remember([path]);
  const [trusted] = await services.certificates.importTrusted(token);
  return trusted!.id;
}

/** An anonymous profile for the client-cert server, trusting its CA (`caId`). */
export function clientCertProfile(
  server: ClientCertServer,
  caId: string,
  overrides: Partial<ProfileFields> = {},
): ProfileFields {
  return profileFields({
    name: `Client-cert ${server.security} ${randomUUID().slice(0, 8)}`,
    host: 'localhost',
    port: server.port,
    security: server.security,
    anonymous: true,
    from: 'preflight@example.test',
    trustedCertificateIds: [caId],
    ...overrides,
  });
}

/** "Send test message" for a saved profile; the run's record as the UI shows it. */
export async function send(services: AnyServices, profileId: string, to = 'someone@example.test') {
  return services.runs.sendForProfile({ runId: randomUUID(), profileId, to });
}

/** This environment without NODE_EXTRA_CA_CERTS: the machine does not trust the rig's CA. */
function envWithoutRigCa(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  delete env['NODE_EXTRA_CA_CERTS'];
  return env;
}

export interface ServicesChild {
  services: AnyServices;
  /** Ends the child (stdin closed) and waits for it. */
  stop(): Promise<void>;
}

/**
 * The services over `dataDir` in a child process that does not trust the rig's CA; stopped
 * when the test ends.
 */
export function servicesChild(dataDir: string): ServicesChild {
  const child = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, 'services-child.ts'), dataDir],
    { env: envWithoutRigCa({}), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  exited.then(() => {
    for (const { reject } of pending.values()) reject(new Error(`services child exited: ${stderr}`));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as
      | { id: number; ok: true; value: unknown }
      | { id: number; ok: false; error: { code: string; message: string } };
    const call = pending.get(answer.id)!;
    pending.delete(answer.id);
    if (answer.ok) call.resolve(answer.value);
    else call.reject(Object.assign(new Error(answer.error.message), answer.error));
  });
  let nextId = 0;
  const method =
    (service: string, name: string) =>
    (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ id, service, method: name, args })}\n`);
      });
  const services = new Proxy({} as AnyServices, {
    get: (_, service: string) => new Proxy({}, { get: (__, name: string) => method(service, name) }),
  });
  const stop = async () => {
    child.stdin.end();
    await exited;
  };
  onTestFinished(stop);
  return { services, stop };
}

// ---------------------------------------------------------------------------------------
// The command line

export type { CliResult } from '../../support/run-cli';

/** The built CLI over `dataDir`, in an environment that does not trust the rig's CA. */
export function runCli(
  args: string[],
  dataDir: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return runBuiltCli(args, envWithoutRigCa({ MAIL_PREFLIGHT_DATA_DIR: dataDir, ...env }));
}
