/**
 * SSL keys on real parts: smtp-server demands a client certificate (implicit TLS and
 * STARTTLS); a profile without a key is refused, and with a key imported in each format the
 * app reads — picked in the profile as its SSL key — the run is accepted and the server saw
 * that key's certificate. Passphrases go to the OS keychain and into no file.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeClientCert,
  makeJks,
  type ClientCertOptions,
  type ClientKeystore,
} from '../../fixtures/make-pki';
import {
  clientCertProfile,
  importKeystore,
  pki,
  send,
  servicesForFile,
  startClientCertServer,
  trustFile,
  type ClientCertServer,
} from './support';

const temp = servicesForFile();
const { services } = temp;
let servers: ClientCertServer[];
let caId: string;

beforeAll(async () => {
  servers = await Promise.all([startClientCertServer('tls'), startClientCertServer('starttls')]);
  caId = await trustFile(services, pki().ca.certPath);
});

/** A profile per server, presenting `clientKeyId` (or no key). */
const profilesFor = (clientKeyId: string | null) =>
  Promise.all(
    servers.map((server) => services.profiles.create(clientCertProfile(server, caId, { clientKeyId }))),
  );

describe('a server that demands a client certificate', () => {
  it('refuses a profile without an SSL key: TLS_CLIENT_CERT_REQUIRED, in the TLS or STARTTLS phase', async () => {
    const [implicit, starttls] = await profilesFor(null);
    const records = [await send(services, implicit!.id), await send(services, starttls!.id)];
    expect(records.map(({ verdict, code, phase }) => ({ verdict, code, phase }))).toEqual([
      { verdict: 'failed', code: 'TLS_CLIENT_CERT_REQUIRED', phase: 'tls' },
      { verdict: 'failed', code: 'TLS_CLIENT_CERT_REQUIRED', phase: 'starttls' },
    ]);
    for (const record of records) {
      expect(record.summary).toBe(
        'localhost wants a client certificate that was not presented or not accepted.',
      );
      expect(record.fix?.text).toMatch(/Select the SSL key/);
    }
    expect(servers.map((s) => s.messages)).toEqual([0, 0]);
  });

  const passphrase = () => `pass-${randomUUID()}`;
  /** RSA for the commonest case (a .p12), EC elsewhere: quicker to make, and both key types get presented. */
  const FORMATS: Array<{ name: string; make: () => ClientKeystore; alias?: string; encrypted: boolean }> = [
    {
      name: 'PKCS#12 (OpenSSL 3: AES, RSA key)',
      make: () => client('p12', { passphrase: passphrase(), keyType: 'rsa' }),
      encrypted: true,
    },
    {
      name: 'PKCS#12 (legacy: RC2, 3DES)',
      make: () => client('p12-legacy', { passphrase: passphrase() }),
      encrypted: true,
    },
    { name: 'PEM key and chain in one file', make: () => client('pem'), encrypted: false },
    {
      name: 'PEM certificate and key in two files',
      make: () => client('pem', { pemFiles: 'two' }),
      encrypted: false,
    },
    {
      name: 'PEM with an encrypted key',
      make: () => client('pem-encrypted', { passphrase: passphrase() }),
      encrypted: true,
    },
    {
      name: 'Java KeyStore with several keys, picked by alias',
      make: () => makeJks(pki().ca, { aliases: ['alpha', 'beta'], passphrase: passphrase(), keyType: 'ec' }),
      alias: 'beta',
      encrypted: true,
    },
  ];

  function client(
    format: ClientCertOptions['format'],
    options: Partial<ClientCertOptions> = {},
  ): ClientKeystore {
    return makeClientCert(pki().ca, {
      format,
      name: `client-${format}-${randomUUID().slice(0, 8)}`,
      keyType: 'ec',
      ...options,
    });
  }

  it.each(FORMATS)('presents a $name over implicit TLS and STARTTLS', async ({ make, alias, encrypted }) => {
    const keystore = make();
    const { token } = services.files.remember(keystore.paths);
    if (alias) {
      expect(await services.certificates.inspectKeystore(token, keystore.passphrase)).toEqual({
        kind: 'needs-alias',
        aliases: keystore.aliases,
      });
    }
    const key = await importKeystore(services, keystore, alias);
    const subject = alias ?? keystore.subject;
    expect(key.certificate.subject).toContain(`CN=${subject}`);

    const profiles = await profilesFor(key.id);
    const before = servers.map((s) => s.clientSubjects.length);
    for (const profile of profiles) {
      const record = await send(services, profile.id);
      expect(record).toMatchObject({ verdict: 'accepted', code: 'OK' });
      expect(record.tls).toMatchObject({ authorized: true, authorizationError: null });
      expect(record.tls?.chain[0]?.subject).toContain('CN=localhost');
    }
    // Each server accepted one session, and it carried the chosen key's certificate.
    expect(servers.map((s, i) => s.clientSubjects.slice(before[i]))).toEqual([[subject], [subject]]);
    expect((await services.certificates.listKeystores()).find((k) => k.id === key.id)?.usedBy).toEqual(
      profiles.map((p) => p.name),
    );

    // The passphrase is in the keychain, under the key's id, and in no file of the data folder.
    expect(await services.secrets.get('keystore-passphrase', key.id)).toBe(
      encrypted ? keystore.passphrase : null,
    );
    if (keystore.passphrase) {
      const leaks = temp.files().filter((file) => file.content.includes(keystore.passphrase!));
      expect(leaks.map((file) => file.path)).toEqual([]);
    }
  });
});
