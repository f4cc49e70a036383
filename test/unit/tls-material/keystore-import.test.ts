/**
 * KeystoreStore with every format an administrator brings: PKCS#12 (OpenSSL 3's default
 * AES and the -legacy RC2/3DES), PEM (one file or two; key plain, PKCS#8-encrypted or
 * Proc-Type-encrypted) and Java KeyStores (keytool-made, several aliases). Each is
 * inspected, imported (original bytes on disk, passphrase in the keychain only), listed,
 * turned into TLS material that a client-certificate server accepts, and deleted.
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/tls-material
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, createSecureContext, createServer, type Server, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeystoreStore } from '../../../electron/services/tls-material';
import { MESSAGES } from '../../../electron/services/tls-material/messages';
import { keystoreBinding } from '../../../electron/services/secrets/binding';
import type { KeystoreFormat } from '../../../electron/services/tls-material/types';
import {
  type Ca,
  type ClientKeystore,
  committedJks,
  keytoolAvailable,
  makeCa,
  makeClientCert,
  makeJks,
  makeKeytoolJks,
  makeServerCert,
  type ServerCert,
} from '../../fixtures/make-pki';
import { allFileText, expectAppError, modes, snapshot, useDataDir, useKeychain } from './support';

const PASSPHRASE = 'Correct-Horse-7';
const keychain = useKeychain();

let ca: Ca;
let serverCert: ServerCert;
/** A TLS server that demands a client certificate issued by `ca`; records who connected. */
let clientCertServer: Server;
let port = 0;
const seenClients: string[] = [];

beforeAll(async () => {
  ca = makeCa();
  serverCert = makeServerCert(ca, { names: ['localhost'] });
  clientCertServer = createServer(
    {
      cert: serverCert.certPem,
      key: serverCert.keyPem,
      ca: [ca.certPem],
      requestCert: true,
      rejectUnauthorized: true,
    },
    (socket) => {
      const peer = socket.getPeerCertificate();
      seenClients.push(String(peer.subject?.CN ?? ''));
      socket.end('hello\n');
    },
  );
  clientCertServer.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => clientCertServer.listen(0, '127.0.0.1', resolve));
  port = (clientCertServer.address() as { port: number }).port;
}, 120_000);

afterAll(async () => {
  keychain.clear();
  await new Promise((resolve) => clientCertServer.close(resolve));
});

afterEach(() => keychain.clear());

/** Connects with the material to the client-certificate server; resolves with its greeting. */
function presentTo(material: { cert: string; key: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connect(
      { host: '127.0.0.1', port, servername: 'localhost', ca: [ca.certPem], ...material },
      () => undefined,
    );
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

/** What material() returns is a key and the certificate chain that belongs to it. */
function expectUsableMaterial(material: { cert: string; key: string }, leafFingerprint: string) {
  expect(() => createSecureContext(material)).not.toThrow();
  const leaf = new X509Certificate(material.cert);
  expect(leaf.fingerprint256).toBe(leafFingerprint);
  expect(leaf.checkPrivateKey(createPrivateKey(material.key))).toBe(true);
  expect(material.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
}

interface FormatCase {
  label: string;
  make: () => ClientKeystore;
  format: KeystoreFormat;
  encrypted: boolean;
  keyType: string;
  keySize: number;
}

const cases: FormatCase[] = [
  {
    label: 'PKCS#12 as OpenSSL 3 writes it (PBES2 AES-256-CBC, SHA-256 MAC)',
    make: () => makeClientCert(ca, { format: 'p12', passphrase: PASSPHRASE }),
    format: 'pkcs12',
    encrypted: true,
    keyType: 'RSA',
    keySize: 2048,
  },
  {
    label: 'PKCS#12 -legacy (RC2-40 certificates, 3DES key, SHA-1 MAC) with an EC key',
    make: () => makeClientCert(ca, { format: 'p12-legacy', passphrase: PASSPHRASE, keyType: 'ec' }),
    format: 'pkcs12',
    encrypted: true,
    keyType: 'EC',
    keySize: 256,
  },
  {
    label: 'PKCS#12 with an EC key (AES)',
    make: () => makeClientCert(ca, { format: 'p12', passphrase: PASSPHRASE, keyType: 'ec' }),
    format: 'pkcs12',
    encrypted: true,
    keyType: 'EC',
    keySize: 256,
  },
  {
    label: 'PEM, key and chain in one file, unencrypted',
    make: () => makeClientCert(ca, { format: 'pem' }),
    format: 'pem',
    encrypted: false,
    keyType: 'RSA',
    keySize: 2048,
  },
  {
    label: 'PEM, certificate file and key file',
    make: () => makeClientCert(ca, { format: 'pem', pemFiles: 'two', keyType: 'ec' }),
    format: 'pem',
    encrypted: false,
    keyType: 'EC',
    keySize: 256,
  },
  {
    label: 'PEM with an ENCRYPTED PRIVATE KEY (PKCS#8)',
    make: () => makeClientCert(ca, { format: 'pem-encrypted', passphrase: PASSPHRASE }),
    format: 'pem',
    encrypted: true,
    keyType: 'RSA',
    keySize: 2048,
  },
  {
    label: 'PEM with a Proc-Type: 4,ENCRYPTED key, in two files',
    make: () =>
      makeClientCert(ca, {
        format: 'pem-legacy-encrypted',
        passphrase: PASSPHRASE,
        pemFiles: 'two',
        keyType: 'ec',
      }),
    format: 'pem',
    encrypted: true,
    keyType: 'EC',
    keySize: 256,
  },
  ...(keytoolAvailable
    ? [
        {
          label: 'Java KeyStore (keytool -importkeystore -deststoretype JKS)',
          make: () => makeClientCert(ca, { format: 'jks', passphrase: PASSPHRASE }),
          format: 'jks' as const,
          encrypted: true,
          keyType: 'RSA',
          keySize: 2048,
        },
      ]
    : []),
];

describe('KeystoreStore: each format, from inspection to deletion', () => {
  it.each(cases)('$label', async ({ make, format, encrypted, keyType, keySize }) => {
    const dataDir = useDataDir();
    const store = new KeystoreStore(dataDir, keychain.secrets);
    const keystore = make();

    if (encrypted) {
      expect(await store.inspect(keystore.files)).toEqual({
        kind: 'needs-passphrase',
        message: MESSAGES.passphraseNeeded,
      });
    }
    const inspection = await store.inspect(keystore.files, keystore.passphrase);
    if (inspection.kind !== 'ready') throw new Error(`not ready: ${JSON.stringify(inspection)}`);
    const { preview } = inspection;
    expect(preview.format).toBe(format);
    // PKCS#12 and JKS carry the alias (friendly name) the fixture gave: the CN.
    expect(preview.alias).toBe(format === 'pem' ? null : keystore.subject);
    expect(preview.certificate).toMatchObject({
      fingerprint256: keystore.fingerprint256,
      keyType,
      keySize,
      clientAuth: true,
      selfSigned: false,
      isCA: false,
      expiry: 'ok',
    });
    expect(preview.certificate.subject).toContain(`CN=${keystore.subject}`);
    expect(preview.certificate.issuer).toContain(`CN=${ca.name}`);
    expect(preview.chain.map((cert) => cert.fingerprint256)).toEqual([
      keystore.fingerprint256,
      ca.fingerprint256,
    ]);
    expect(preview.chain[1]).toMatchObject({ isCA: true, selfSigned: true });
    expect(preview.warnings).toEqual([]);
    // Named after the file (for two PEM files: the certificate's).
    expect(preview.name).toBe(keystore.files[0]!.name + (format === 'jks' ? ` (${keystore.subject})` : ''));
    // Inspecting stored nothing.
    expect(snapshot(dataDir)).toEqual([]);
    expect(keychain.accounts()).toEqual([]);

    const info = await store.import(keystore.files, keystore.passphrase);
    expect(info).toMatchObject({ ...preview, id: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(Date.parse(info.importedAt)).toBeGreaterThan(Date.now() - 60_000);

    // On disk: the original bytes, untouched, and meta.json — owner-only.
    const folder = join(dataDir, 'keystores', info.id);
    keystore.files.forEach((file, index) => {
      expect(readFileSync(join(folder, `file-${index}`)).equals(file.bytes)).toBe(true);
    });
    expect(modes(dataDir)).toEqual(
      [
        'keystores/ 700',
        `keystores/${info.id}/ 700`,
        `keystores/${info.id}/meta.json 600`,
        ...keystore.files.map((_, index) => `keystores/${info.id}/file-${index} 600`),
      ].sort(),
    );
    // No passphrase and no decrypted key in any file.
    const written = allFileText(dataDir);
    expect(written).not.toContain(PASSPHRASE);
    const keyBody = keystore.keyPem.split('\n').slice(1, 3).join('\n');
    if (encrypted) expect(written).not.toContain(keyBody);

    // The passphrase is in the keychain, under the keystore's id, and nowhere else.
    expect(keychain.accounts()).toEqual(encrypted ? [`keystore-passphrase:${info.id}`] : []);
    // Bound to the keystore's bytes: a swapped file does not get it.
    if (encrypted) {
      expect(JSON.parse(keychain.lookup(`keystore-passphrase:${info.id}`)!)).toEqual({
        'mail-preflight-bound-secret': 1,
        binding: keystoreBinding(keystore.files.map((file) => file.bytes)),
        secret: PASSPHRASE,
      });
    }

    expect(await store.list()).toEqual([info]);
    expect(await store.get(info.id)).toEqual(info);

    // The material: the key and the chain, which a client-certificate server accepts.
    const material = await store.material(info.id);
    expectUsableMaterial(material, keystore.fingerprint256);
    expect(material.cert).toContain(ca.certPem.trim().split('\n')[1]);
    expect(await presentTo(material)).toBe('hello\n');
    expect(seenClients.at(-1)).toBe(keystore.subject);

    // Another file in its place does not get the saved passphrase.
    if (encrypted) {
      const stored = join(folder, 'file-0');
      const original = readFileSync(stored);
      writeFileSync(stored, Buffer.concat([original, Buffer.from('\n')]));
      await expectAppError(store.material(info.id), MESSAGES.keystoreChanged(info.name), 'INVALID_INPUT');
      writeFileSync(stored, original);
    }

    await store.delete(info.id);
    expect(existsSync(folder)).toBe(false);
    expect(await store.list()).toEqual([]);
    expect(keychain.accounts()).toEqual([]);
    await expectAppError(store.get(info.id), MESSAGES.keystoreNotFound, 'NOT_FOUND');
    await expectAppError(store.material(info.id), MESSAGES.keystoreNotFound, 'NOT_FOUND');
    await expectAppError(store.delete(info.id), MESSAGES.keystoreNotFound, 'NOT_FOUND');
  });

  it('survives a restart: a new store over the same folder lists and uses the key', async () => {
    const dataDir = useDataDir();
    const keystore = makeClientCert(ca, { format: 'p12', passphrase: PASSPHRASE });
    const info = await new KeystoreStore(dataDir, keychain.secrets).import(
      keystore.files,
      keystore.passphrase,
    );
    const again = new KeystoreStore(dataDir, keychain.secrets);
    expect(await again.list()).toEqual([info]);
    expectUsableMaterial(await again.material(info.id), keystore.fingerprint256);
  });

  it('says so when the passphrase left the keychain', async () => {
    const dataDir = useDataDir();
    const store = new KeystoreStore(dataDir, keychain.secrets);
    const keystore = makeClientCert(ca, { format: 'pem-encrypted', passphrase: PASSPHRASE });
    const info = await store.import(keystore.files, keystore.passphrase);
    await keychain.secrets.delete('keystore-passphrase', info.id);
    await expectAppError(store.material(info.id), MESSAGES.keystorePassphraseMissing(info.name));
  });

  it('treats an unknown or malformed id as NOT_FOUND (no path is built from it)', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    for (const id of ['0123456789abcdef', '../../etc', '']) {
      await expectAppError(store.get(id), MESSAGES.keystoreNotFound, 'NOT_FOUND');
    }
  });
});

describe.skipIf(!keytoolAvailable)('Java KeyStores made by keytool', () => {
  it('reads keytool -genkeypair -storetype JKS with RSA, EC and Ed25519 keys (self-signed)', async () => {
    for (const keyType of ['rsa', 'ec', 'ed25519'] as const) {
      const dataDir = useDataDir();
      const store = new KeystoreStore(dataDir, keychain.secrets);
      const keystore = makeKeytoolJks({ aliases: ['only'], passphrase: PASSPHRASE, keyType });
      const inspection = await store.inspect(keystore.files, PASSPHRASE);
      if (inspection.kind !== 'ready') throw new Error(`not ready: ${JSON.stringify(inspection)}`);
      expect(inspection.preview).toMatchObject({
        format: 'jks',
        alias: 'only',
        name: 'keytool.jks (only)',
        certificate: {
          fingerprint256: keystore.fingerprint256,
          selfSigned: true,
          keyType: { rsa: 'RSA', ec: 'EC', ed25519: 'Ed25519' }[keyType],
        },
      });
      expect(inspection.preview.chain).toHaveLength(1);
      const info = await store.import(keystore.files, PASSPHRASE);
      expectUsableMaterial(await store.material(info.id), keystore.fingerprint256);
    }
  });

  it('reads a .jks that keytool wrote in its default format (PKCS#12 inside) as PKCS#12', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const keystore = makeKeytoolJks({ aliases: ['java'], passphrase: PASSPHRASE, storeType: 'PKCS12' });
    const inspection = await store.inspect(keystore.files, PASSPHRASE);
    expect(inspection).toMatchObject({
      kind: 'ready',
      preview: {
        format: 'pkcs12',
        name: 'keytool.jks',
        alias: 'java',
        certificate: { fingerprint256: keystore.fingerprint256 },
      },
    });
    const info = await store.import(keystore.files, PASSPHRASE);
    expectUsableMaterial(await store.material(info.id), keystore.fingerprint256);
  });

  it('asks which alias when a JKS holds several keys, and imports the one chosen', async () => {
    const dataDir = useDataDir();
    const store = new KeystoreStore(dataDir, keychain.secrets);
    const keystore = makeJks(ca, { aliases: ['first', 'second'], passphrase: PASSPHRASE, trustedCa: true });

    expect(await store.inspect(keystore.files)).toEqual({
      kind: 'needs-passphrase',
      message: MESSAGES.passphraseNeeded,
    });
    expect(await store.inspect(keystore.files, PASSPHRASE)).toEqual({
      kind: 'needs-alias',
      aliases: ['first', 'second'],
    });
    await expectAppError(store.import(keystore.files, PASSPHRASE), MESSAGES.chooseAlias(['first', 'second']));
    await expectAppError(store.inspect(keystore.files, PASSPHRASE, 'third'), MESSAGES.unknownAlias('third'));
    expect(snapshot(dataDir)).toEqual([]);
    expect(keychain.accounts()).toEqual([]);

    const second = await store.import(keystore.files, PASSPHRASE, 'second');
    expect(second).toMatchObject({ name: 'keystore.jks (second)', alias: 'second', format: 'jks' });
    expect(second.certificate.subject).toContain('CN=second');
    expect(second.chain.map((cert) => cert.fingerprint256)).toEqual([
      second.certificate.fingerprint256,
      ca.fingerprint256,
    ]);
    const first = await store.import(keystore.files, PASSPHRASE, 'first');
    expect(first.certificate.fingerprint256).toBe(keystore.fingerprint256);

    const material = await store.material(second.id);
    expectUsableMaterial(material, second.certificate.fingerprint256);
    expect(await presentTo(material)).toBe('hello\n');
    expect(seenClients.at(-1)).toBe('second');
    expect((await store.list()).map((info) => info.alias).sort()).toEqual(['first', 'second']);
  });
});

describe('the committed test/fixtures/client.jks (for machines without a JDK)', () => {
  it('is a keytool JKS with two aliases that imports and gives usable material', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const { files, passphrase, aliases } = committedJks();
    const choose = await store.inspect(files, passphrase);
    expect(choose).toEqual({ kind: 'needs-alias', aliases });
    const info = await store.import(files, passphrase, 'client-b');
    expect(info).toMatchObject({
      name: 'client.jks (client-b)',
      certificate: { keyType: 'EC', keySize: 256 },
    });
    expectUsableMaterial(await store.material(info.id), info.certificate.fingerprint256);
  });
});

describe('PKCS#12 details', () => {
  it('takes a PKCS#12 with an empty password without asking, and stores no passphrase', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const keystore = makeClientCert(ca, { format: 'p12', passphrase: '' });
    const inspection = await store.inspect(keystore.files);
    expect(inspection.kind).toBe('ready');
    const info = await store.import(keystore.files);
    expect(keychain.accounts()).toEqual([]);
    expectUsableMaterial(await store.material(info.id), keystore.fingerprint256);
  });

  it('reads a passphrase with non-ASCII characters (UTF-8 for PBES2, BMPString for the MAC)', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    for (const format of ['p12', 'p12-legacy', 'pem-encrypted'] as const) {
      const keystore = makeClientCert(ca, { format, passphrase: 'Pässwörd-€' });
      expect((await store.inspect(keystore.files, 'Pässwörd-€')).kind).toBe('ready');
      expect(await store.inspect(keystore.files, 'Passwort-E')).toEqual({
        kind: 'needs-passphrase',
        message: MESSAGES.passphraseWrong,
      });
    }
  });

  it('says a wrong passphrase is wrong when only the MAC uses it (key and certificates not encrypted), and opens with the right one', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    // `openssl pkcs12 -export -keypbe NONE -certpbe NONE`: nothing to decrypt, only the MAC to check.
    const keystore = makeClientCert(ca, {
      format: 'p12',
      passphrase: 'Correct-Horse-7',
      macIterations: 2048,
    });
    expect(await store.inspect(keystore.files, 'not-the-passphrase')).toEqual({
      kind: 'needs-passphrase',
      message: MESSAGES.passphraseWrong,
    });
    await expectAppError(store.import(keystore.files, 'not-the-passphrase'), MESSAGES.passphraseWrong);
    expect(await store.inspect(keystore.files)).toEqual({
      kind: 'needs-passphrase',
      message: MESSAGES.passphraseNeeded,
    });
    const info = await store.import(keystore.files, 'Correct-Horse-7');
    expect(info.certificate.fingerprint256).toBe(keystore.fingerprint256);
    expect(keychain.accounts()).toEqual([`keystore-passphrase:${info.id}`]);
    expectUsableMaterial(await store.material(info.id), keystore.fingerprint256);
  });
});
