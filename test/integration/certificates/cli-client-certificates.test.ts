/**
 * The CLI's client certificates, used in place (never imported): `--client-cert` with a
 * PKCS#12, a PEM certificate plus `--client-key`, or a Java KeyStore plus
 * `--client-cert-alias`, against smtp-server demanding a client certificate. A wrong
 * passphrase is bad input: exit 2, one sentence, and the server never hears from the CLI.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeClientCert, makeJks } from '../../fixtures/make-pki';
import {
  clientCertProfile,
  importKeystore,
  pki,
  runCli,
  servicesForFile,
  startClientCertServer,
  trustFile,
  type ClientCertServer,
} from './support';

const { dataDir, services } = servicesForFile();
let server: ClientCertServer;

beforeAll(async () => {
  server = await startClientCertServer('tls');
});

/** `mail-preflight test` to the client-cert server, trusting its CA with --ca. */
const cliTest = (clientCertArgs: string[], env: Record<string, string> = {}) =>
  runCli(
    [
      'test',
      '--host',
      'localhost',
      '--port',
      String(server.port),
      '--security',
      'tls',
      '--anonymous',
      '--from',
      'preflight@example.test',
      '--to',
      'someone@example.test',
      '--ca',
      pki().ca.certPath,
      ...clientCertArgs,
    ],
    dataDir,
    env,
  );

const passphrase = () => `pass-${randomUUID()}`;
const name = (format: string) => `cli-${format}-${randomUUID().slice(0, 8)}`;

describe('mail-preflight test --client-cert', () => {
  const CASES: Array<{
    name: string;
    make: () => { args: string[]; env?: Record<string, string>; subject: string };
  }> = [
    {
      name: 'a PKCS#12 with --client-cert-password-env',
      make: () => {
        const p12 = makeClientCert(pki().ca, { format: 'p12', passphrase: passphrase(), name: name('p12') });
        return {
          args: ['--client-cert', p12.paths[0]!, '--client-cert-password-env', 'CLIENT_PASS'],
          env: { CLIENT_PASS: p12.passphrase! },
          subject: p12.subject,
        };
      },
    },
    {
      name: 'a PKCS#12 of 900,000 iterations, parsed in the worker thread beside the built CLI',
      make: () => {
        const p12 = makeClientCert(pki().ca, {
          format: 'p12',
          passphrase: passphrase(),
          name: name('p12-costly'),
          macIterations: 900_000,
        });
        return {
          args: ['--client-cert', p12.paths[0]!, '--client-cert-password-env', 'CLIENT_PASS'],
          env: { CLIENT_PASS: p12.passphrase! },
          subject: p12.subject,
        };
      },
    },
    {
      name: 'a PEM certificate with --client-key',
      make: () => {
        const pem = makeClientCert(pki().ca, {
          format: 'pem',
          pemFiles: 'two',
          keyType: 'ec',
          name: name('pem'),
        });
        return {
          args: ['--client-cert', pem.paths[0]!, '--client-key', pem.paths[1]!],
          subject: pem.subject,
        };
      },
    },
    {
      name: 'a Java KeyStore of several keys with --client-cert-alias',
      make: () => {
        const jks = makeJks(pki().ca, {
          aliases: ['first', 'second'],
          passphrase: passphrase(),
          keyType: 'ec',
        });
        return {
          args: [
            '--client-cert',
            jks.paths[0]!,
            '--client-cert-alias',
            'second',
            '--client-cert-password-env',
            'KS_PASS',
          ],
          env: { KS_PASS: jks.passphrase! },
          subject: 'second',
        };
      },
    },
  ];

  it.each(CASES)('presents $name (exit 0)', async ({ make }) => {
    const { args, env, subject } = make();
    const before = server.clientSubjects.length;
    const result = await cliTest(args, env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Accepted by localhost/);
    expect(server.clientSubjects.slice(before)).toEqual([subject]);
  });

  it('refuses a wrong passphrase (exit 2): one sentence, and nothing reaches the server', async () => {
    const p12 = makeClientCert(pki().ca, { format: 'p12', passphrase: passphrase(), keyType: 'ec' });
    const connections = server.connections;
    const result = await cliTest(
      ['--client-cert', p12.paths[0]!, '--client-cert-password-env', 'CLIENT_PASS'],
      {
        CLIENT_PASS: `not-${p12.passphrase}`,
      },
    );
    expect(result).toEqual({ status: 2, stdout: '', stderr: 'mail-preflight: The passphrase is wrong.\n' });
    expect(server.connections).toBe(connections);
  });

  it("--profile NAME presents the profile's SSL key and trusts its certificates, as the app does", async () => {
    const keystore = makeClientCert(pki().ca, { format: 'p12', passphrase: passphrase(), keyType: 'ec' });
    const key = await importKeystore(services, keystore);
    const caId = await trustFile(services, pki().ca.certPath);
    const profile = await services.profiles.create(clientCertProfile(server, caId, { clientKeyId: key.id }));
    const before = server.clientSubjects.length;

    const result = await runCli(['test', '--profile', profile.name, '--to', 'someone@example.test'], dataDir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(server.clientSubjects.slice(before)).toEqual([keystore.subject]);
  });
});
