/**
 * Every bad keystore a user can bring gets one clear sentence and stores nothing: no file
 * under the data folder changes and no keychain entry is written. (An expired certificate
 * is the exception the issue asks for: imported, with a warning.)
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/tls-material
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  KEYCHAIN_UNAVAILABLE,
  KeychainUnavailableError,
  SecretStore,
} from '../../../electron/services/secrets/secret-store';
import { KeystoreStore, keystoreMaterialFromFiles } from '../../../electron/services/tls-material';
import { MESSAGES } from '../../../electron/services/tls-material/messages';
import type { ImportFile } from '../../../electron/services/tls-material/types';
import { say, type Sentence } from '../../../electron/services/i18n';
import {
  type Ca,
  type ClientKeystore,
  committedJks,
  keytoolAvailable,
  makeCa,
  makeClientCert,
  makeJks,
} from '../../fixtures/make-pki';
import { english, expectAppError, jpegBytes, snapshot, useDataDir, useKeychain } from './support';

const PASSPHRASE = 'Correct-Horse-7';
const keychain = useKeychain();

let ca: Ca;
let p12: ClientKeystore;
let p12Legacy: ClientKeystore;
let pem: ClientKeystore;
let pemEncrypted: ClientKeystore;
let pemLegacyEncrypted: ClientKeystore;
let jks: ClientKeystore | null;

beforeAll(() => {
  ca = makeCa();
  p12 = makeClientCert(ca, { format: 'p12', passphrase: PASSPHRASE });
  p12Legacy = makeClientCert(ca, { format: 'p12-legacy', passphrase: PASSPHRASE });
  pem = makeClientCert(ca, { format: 'pem', pemFiles: 'two' });
  pemEncrypted = makeClientCert(ca, { format: 'pem-encrypted', passphrase: PASSPHRASE });
  pemLegacyEncrypted = makeClientCert(ca, { format: 'pem-legacy-encrypted', passphrase: PASSPHRASE });
  jks = keytoolAvailable ? makeClientCert(ca, { format: 'jks', passphrase: PASSPHRASE }) : null;
}, 120_000);

afterEach(() => keychain.clear());
afterAll(() => keychain.clear());

/**
 * A store over a data folder that already holds one key, so that "unchanged" is a real
 * comparison; returns a check that nothing was added.
 */
async function storeWithOneKey() {
  const dataDir = useDataDir();
  const store = new KeystoreStore(dataDir, keychain.secrets);
  const existing = await store.import(pem.files);
  const before = snapshot(dataDir);
  const accountsBefore = keychain.accounts();
  return {
    dataDir,
    store,
    existing,
    expectNothingStored: async () => {
      expect(snapshot(dataDir)).toEqual(before);
      expect(keychain.accounts()).toEqual(accountsBefore);
      expect(await store.list()).toEqual([existing]);
    },
  };
}

/** inspect and import both refuse the files with this sentence, and nothing is stored. */
async function expectRefused(files: ImportFile[], message: Sentence, passphrase?: string, alias?: string) {
  const { store, expectNothingStored } = await storeWithOneKey();
  await expectAppError(store.inspect(files, passphrase, alias), message);
  await expectAppError(store.import(files, passphrase, alias), message);
  await expectNothingStored();
}

const one = (name: string, bytes: Buffer): ImportFile[] => [{ name, bytes }];
const cut = (file: ImportFile, fraction = 0.5): ImportFile[] =>
  one(file.name, file.bytes.subarray(0, Math.floor(file.bytes.length * fraction)));

describe('wrong or missing passphrase', () => {
  const formats = () =>
    [
      ['PKCS#12 (AES)', p12],
      ['PKCS#12 (legacy)', p12Legacy],
      ['PEM, ENCRYPTED PRIVATE KEY', pemEncrypted],
      ['PEM, Proc-Type encrypted', pemLegacyEncrypted],
      ...(jks ? [['JKS', jks] as const] : []),
      ['JKS (committed fixture)', committedJks()],
    ] as const;

  it('asks for the passphrase, then says it is wrong; import refuses both; nothing is stored', async () => {
    for (const [label, keystore] of formats()) {
      const { store, expectNothingStored } = await storeWithOneKey();
      expect(await store.inspect(keystore.files), label).toEqual({
        kind: 'needs-passphrase',
        message: MESSAGES.passphraseNeeded,
      });
      expect(await store.inspect(keystore.files, 'not-the-passphrase'), label).toEqual({
        kind: 'needs-passphrase',
        message: MESSAGES.passphraseWrong,
      });
      await expectAppError(store.import(keystore.files), MESSAGES.passphraseNeeded);
      await expectAppError(store.import(keystore.files, 'not-the-passphrase'), MESSAGES.passphraseWrong);
      await expectNothingStored();
    }
  });
});

describe('damaged files', () => {
  it('a truncated PKCS#12, PEM or JKS is damaged or incomplete', async () => {
    await expectRefused(cut(p12.files[0]!), MESSAGES.damaged, PASSPHRASE);
    await expectRefused(cut(p12Legacy.files[0]!, 0.9), MESSAGES.damaged, PASSPHRASE);
    await expectRefused(cut(pemEncrypted.files[0]!), MESSAGES.damaged, PASSPHRASE);
    if (jks) await expectRefused(cut(jks.files[0]!), MESSAGES.damaged, PASSPHRASE);
    const committed = committedJks();
    await expectRefused(cut(committed.files[0]!), MESSAGES.damaged, committed.passphrase);
  });

  it('a PKCS#12 with bytes overwritten in the middle fails its integrity check, and says so rather than "wrong passphrase"', async () => {
    const bytes = Buffer.from(p12.files[0]!.bytes);
    bytes.fill(0x41, Math.floor(bytes.length / 2), Math.floor(bytes.length / 2) + 8);
    await expectRefused(one('damaged.p12', bytes), MESSAGES.damagedIntegrity, PASSPHRASE);
  });

  it('a JKS with bytes overwritten in a certificate fails its integrity check', async () => {
    const source = jks ?? committedJks();
    const bytes = Buffer.from(source.files[0]!.bytes);
    // The certificates follow the (first) protected key; the last quarter is certificate data.
    const at = Math.floor(bytes.length * 0.75);
    bytes.fill(0x41, at, at + 8);
    await expectRefused(one('damaged.jks', bytes), MESSAGES.damagedIntegrity, source.passphrase);
  });

  it('an unencrypted PEM key with a damaged body is damaged', async () => {
    const keyFile = pem.files[1]!;
    const lines = keyFile.bytes.toString('utf8').split('\n');
    lines[3] = lines[3]!.slice(0, 20); // a line of the key cut short
    await expectRefused(
      [pem.files[0]!, { name: keyFile.name, bytes: Buffer.from(lines.join('\n')) }],
      MESSAGES.damaged,
    );
  });
});

describe('files of another kind', () => {
  it('a JPEG is not a keystore', async () => {
    await expectRefused(one('photo.jpg', jpegBytes()), MESSAGES.notAKeystore);
    await expectRefused(one('photo.jpg', jpegBytes()), MESSAGES.notAKeystore, PASSPHRASE);
  });

  it('a text file and an empty file are not keystores', async () => {
    await expectRefused(one('notes.txt', Buffer.from('smtp.example.com:587\n')), MESSAGES.notAKeystore);
    await expectRefused(one('empty.p12', Buffer.alloc(0)), MESSAGES.notAKeystore);
  });

  it('a PEM public key alone is refused: the private key is needed', async () => {
    const publicKey = execFileSync('openssl', ['pkey', '-pubout'], { input: pem.keyPem });
    expect(publicKey.toString()).toContain('BEGIN PUBLIC KEY');
    await expectRefused(one('client.pub', publicKey), MESSAGES.publicKeyOnly);
  });

  it('certificates without a key, and a key without a certificate, each say what is missing', async () => {
    await expectRefused([pem.files[0]!], MESSAGES.certificateOnly);
    await expectRefused([pem.files[1]!], MESSAGES.keyOnly);
    const der = execFileSync('openssl', ['x509', '-outform', 'DER'], { input: pem.certPem });
    await expectRefused(one('client.cer', der), MESSAGES.certificateOnly);
  });

  it('a PKCS#12 with no private key (openssl pkcs12 -export -nokeys) says so', async () => {
    const noKey = makeClientCert(ca, { format: 'p12-nokey', passphrase: PASSPHRASE });
    await expectRefused(noKey.files, MESSAGES.pkcs12NoKey, PASSPHRASE);
  });

  it('a PKCS#12 together with another file is refused', async () => {
    await expectRefused([...p12.files, pem.files[0]!], MESSAGES.severalContainers, PASSPHRASE);
  });

  it.skipIf(!keytoolAvailable)('a JCEKS keystore says how to convert it', async () => {
    const dir = join(ca.dir, 'jceks');
    execFileSync('mkdir', ['-p', dir]);
    const path = join(dir, 'store.jceks');
    execFileSync(
      'keytool',
      [
        '-genkeypair',
        '-storetype',
        'JCEKS',
        '-keystore',
        path,
        '-storepass',
        PASSPHRASE,
        '-keypass',
        PASSPHRASE,
        '-alias',
        'k',
        '-keyalg',
        'EC',
        '-dname',
        'CN=k',
        '-validity',
        '10',
      ],
      { stdio: 'ignore' },
    );
    await expectRefused(one('store.jceks', readFileSync(path)), MESSAGES.jceks, PASSPHRASE);
  });

  it.skipIf(!keytoolAvailable)('a JKS of trusted certificates only has no key', async () => {
    const path = join(ca.dir, 'truststore.jks');
    execFileSync(
      'keytool',
      [
        '-importcert',
        '-noprompt',
        '-storetype',
        'JKS',
        '-keystore',
        path,
        '-storepass',
        PASSPHRASE,
        '-alias',
        'ca',
        '-file',
        ca.certPath,
      ],
      { stdio: 'ignore' },
    );
    await expectRefused(one('truststore.jks', readFileSync(path)), MESSAGES.jksNoKey, PASSPHRASE);
  });
});

describe('keys and certificates that do not belong together', () => {
  it('a PEM key that does not match its certificate is refused (two files, and one file)', async () => {
    const other = makeClientCert(ca, { format: 'pem', pemFiles: 'two' });
    await expectRefused([pem.files[0]!, other.files[1]!], MESSAGES.keyMismatch);
    const oneFile = Buffer.from(other.keyPem + pem.chainPem);
    await expectRefused(one('mixed.pem', oneFile), MESSAGES.keyMismatch);
  });

  it('two private keys in the files are refused', async () => {
    const other = makeClientCert(ca, { format: 'pem', pemFiles: 'two' });
    await expectRefused([...pem.files, other.files[1]!], MESSAGES.severalPemKeys);
  });
});

describe('certificates imported with a warning', () => {
  it('an expired certificate is imported, with the warning runs will repeat', async () => {
    const dataDir = useDataDir();
    const store = new KeystoreStore(dataDir, keychain.secrets);
    const expired = makeClientCert(ca, { format: 'p12', passphrase: PASSPHRASE, expired: true });
    const warning = 'This certificate expired on 2020-01-02; it is imported, but runs will flag it.';
    const inspection = await store.inspect(expired.files, PASSPHRASE);
    expect(inspection).toMatchObject({ kind: 'ready', preview: { certificate: { expiry: 'expired' } } });
    expect(inspection.kind === 'ready' && english(inspection.preview.warnings)).toBe(warning);
    const info = await store.import(expired.files, PASSPHRASE);
    expect(english(info.warnings)).toBe(warning);
    expect(english((await store.list())[0]!.warnings)).toBe(warning);
  });

  it('a certificate that expires within 30 days, or does not allow client authentication, is flagged', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const soon = makeClientCert(ca, { format: 'pem', validDays: 10 });
    const soonInfo = await store.import(soon.files);
    expect(soonInfo.certificate.expiry).toBe('soon');
    expect(english(soonInfo.warnings)).toMatch(
      /^This certificate expires on \d{4}-\d{2}-\d{2}; renew it soon\.$/,
    );

    const serverOnly = makeClientCert(ca, { format: 'pem', clientAuth: false });
    const serverOnlyInfo = await store.import(serverOnly.files);
    expect(serverOnlyInfo.certificate.clientAuth).toBe(false);
    expect(english(serverOnlyInfo.warnings)).toBe(
      'This certificate does not allow client authentication (its extended key usage leaves it out), so servers may refuse it.',
    );
  });
});

describe('the keychain', () => {
  it('when the keychain cannot be reached, the import fails with its sentence and leaves no file', async () => {
    const dataDir = useDataDir();
    const unreachable = new SecretStore({
      get: async () => {
        throw new KeychainUnavailableError();
      },
      set: async () => {
        throw new KeychainUnavailableError();
      },
      delete: async () => {
        throw new KeychainUnavailableError();
      },
    });
    const store = new KeystoreStore(dataDir, unreachable);
    expect((await store.inspect(p12.files, PASSPHRASE)).kind).toBe('ready');
    await expectAppError(store.import(p12.files, PASSPHRASE), KEYCHAIN_UNAVAILABLE, 'KEYCHAIN_UNAVAILABLE');
    expect(snapshot(dataDir)).toEqual([]);
    // A key without a passphrase needs no keychain.
    expect((await store.import(pem.files)).format).toBe('pem');
  });
});

describe('several entries and duplicates', () => {
  it.skipIf(!keytoolAvailable)('a JKS with several keys needs an alias; with one it imports', async () => {
    const several = makeJks(ca, { aliases: ['alpha', 'beta'], passphrase: PASSPHRASE });
    const { store, expectNothingStored } = await storeWithOneKey();
    expect(await store.inspect(several.files, PASSPHRASE)).toEqual({
      kind: 'needs-alias',
      aliases: ['alpha', 'beta'],
    });
    await expectAppError(store.import(several.files, PASSPHRASE), MESSAGES.chooseAlias(['alpha', 'beta']));
    await expectAppError(store.import(several.files, PASSPHRASE, 'gamma'), MESSAGES.unknownAlias('gamma'));
    await expectNothingStored();
    expect((await store.import(several.files, PASSPHRASE, 'beta')).alias).toBe('beta');
  });

  it('a key imported twice is recognised by its fingerprint, whatever the format', async () => {
    const { store, existing, expectNothingStored } = await storeWithOneKey();
    const message = MESSAGES.duplicateKey(existing.name);
    expect(say(message)).toBe(`This key is already imported as “${pem.files[0]!.name}”.`);
    await expectAppError(store.inspect(pem.files), message);
    await expectAppError(store.import(pem.files), message);
    // The same certificate and key, now in one file in another order.
    await expectAppError(
      store.import(one('again.pem', Buffer.concat([pem.files[1]!.bytes, pem.files[0]!.bytes]))),
      message,
    );
    await expectNothingStored();
  });
});

describe('keystoreMaterialFromFiles (the CLI: files used in place)', () => {
  it('gives the material, or throws the same sentences as an import', async () => {
    const { cert, key, preview } = await keystoreMaterialFromFiles(p12Legacy.files, PASSPHRASE);
    expect(preview.certificate.fingerprint256).toBe(p12Legacy.fingerprint256);
    expect(cert).toContain(p12Legacy.certPem.split('\n')[1]);
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await expect(keystoreMaterialFromFiles(p12.files)).rejects.toThrow(say(MESSAGES.passphraseNeeded));
    await expect(keystoreMaterialFromFiles(p12.files, 'nope')).rejects.toThrow(say(MESSAGES.passphraseWrong));
    await expect(keystoreMaterialFromFiles(one('photo.jpg', jpegBytes()))).rejects.toThrow(
      say(MESSAGES.notAKeystore),
    );
    const committed = committedJks();
    await expect(keystoreMaterialFromFiles(committed.files, committed.passphrase)).rejects.toThrow(
      say(MESSAGES.chooseAlias(committed.aliases)),
    );
    expect(
      (await keystoreMaterialFromFiles(committed.files, committed.passphrase, 'client-a')).preview.alias,
    ).toBe('client-a');
  });
});
