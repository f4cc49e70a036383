/**
 * A PKCS#12 that asks for more key-derivation iterations than MAX_ITERATIONS is refused at
 * once with one sentence, whichever derivation asks (the MAC, a shrouded key, an encrypted
 * safe), before any derivation runs; an ordinary export still imports.
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/tls-material/keystore-iterations.test.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../../electron/services/i18n';
import { KeystoreStore } from '../../../electron/services/tls-material';
import { MESSAGES } from '../../../electron/services/tls-material/messages';
import { MAX_ITERATIONS } from '../../../electron/services/tls-material/pkcs12';
import type { ImportFile } from '../../../electron/services/tls-material/types';
import { type Ca, type ClientKeystore, makeCa, makeClientCert } from '../../fixtures/make-pki';
import { expectAppError, snapshot, useDataDir, useKeychain } from './support';

const PASSPHRASE = 'Correct-Horse-7';
const HOSTILE = 2_000_000;
const keychain = useKeychain();

let ca: Ca;
let client: ClientKeystore;

/** `openssl pkcs12 -export` of the client's key and chain, in its temp dir, with these options. */
function export12(name: string, options: string[]): ImportFile {
  const [certPath, keyPath] = client.paths as [string, string];
  const out = join(dirname(certPath), name);
  execFileSync('openssl', [
    'pkcs12',
    '-export',
    ...options,
    '-inkey',
    keyPath,
    '-in',
    certPath,
    '-passout',
    `pass:${PASSPHRASE}`,
    '-out',
    out,
  ]);
  return { name: basename(out), bytes: readFileSync(out) };
}

beforeAll(() => {
  ca = makeCa();
  client = makeClientCert(ca, { format: 'pem', pemFiles: 'two' });
}, 60_000);

describe('key-derivation iterations', () => {
  const iter = ['-iter', String(HOSTILE)];
  const hostile = () =>
    [
      ['the MAC', export12('mac.p12', [...iter, '-certpbe', 'NONE', '-keypbe', 'NONE'])],
      ['a shrouded key bag (PBES2)', export12('key.p12', [...iter, '-nomaciter', '-certpbe', 'NONE'])],
      ['an encrypted safe (PBES2)', export12('safe.p12', [...iter, '-nomaciter', '-keypbe', 'NONE'])],
      [
        'a legacy shrouded key bag (pkcs-12PbeParams), no MAC',
        export12('legacy.p12', [...iter, '-nomac', '-certpbe', 'NONE', '-keypbe', 'PBE-SHA1-3DES']),
      ],
    ] as const;

  it(`more than ${MAX_ITERATIONS} are refused within 100 ms with one sentence, and nothing is stored`, async () => {
    expect(say(MESSAGES.tooManyIterations)).toMatch(/more than 1,000,000 key-derivation iterations/);
    for (const [where, file] of hostile()) {
      const dataDir = useDataDir();
      const store = new KeystoreStore(dataDir, keychain.secrets);
      const before = snapshot(dataDir);
      for (const passphrase of [PASSPHRASE, undefined]) {
        const started = performance.now();
        await expectAppError(store.import([file], passphrase), MESSAGES.tooManyIterations);
        expect(performance.now() - started, `${where}, passphrase ${passphrase ?? 'none'}`).toBeLessThan(100);
      }
      const started = performance.now();
      await expectAppError(store.inspect([file], PASSPHRASE), MESSAGES.tooManyIterations);
      expect(performance.now() - started, where).toBeLessThan(100);
      expect(snapshot(dataDir), where).toEqual(before);
      expect(keychain.accounts(), where).toEqual([]);
    }
  }, 60_000);

  it('an ordinary export (OpenSSL defaults) still imports', async () => {
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const imported = await store.import([export12('ordinary.p12', [])], PASSPHRASE);
    expect(imported.certificate.fingerprint256).toBe(client.fingerprint256);
    expect(await store.list()).toEqual([imported]);
    keychain.clear();
  });
});
