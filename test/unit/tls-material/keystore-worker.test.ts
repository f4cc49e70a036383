/**
 * Keystores are parsed in a worker thread: a PKCS#12 with a costly MAC (900,000 iterations:
 * seconds of forge's key derivation) opens while the caller's event loop keeps ticking, with
 * the same result an in-thread parse gives; one just under the iteration cap for the MAC, the
 * key and the certificates opens within the time limit; a parse that runs past the time
 * limit is stopped with one sentence.
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/tls-material/keystore-worker.test.ts
 */
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../../electron/services/i18n';
import { KeystoreStore } from '../../../electron/services/tls-material';
import { MESSAGES } from '../../../electron/services/tls-material/messages';
import { parseKeystoreInWorker } from '../../../electron/services/tls-material/parse-in-worker';
import { MAX_ITERATIONS } from '../../../electron/services/tls-material/pkcs12';
import { type ClientKeystore, makeCa, makeClientCert } from '../../fixtures/make-pki';
import { expectAppError, useDataDir, useKeychain } from './support';

const PASSPHRASE = 'Correct-Horse-7';
const ITERATIONS = 900_000;
const NEAR_CAP = 990_000;
const keychain = useKeychain();

let costly: ClientKeystore;
let nearCap: ClientKeystore;

beforeAll(() => {
  const ca = makeCa();
  costly = makeClientCert(ca, {
    format: 'p12',
    passphrase: PASSPHRASE,
    keyType: 'ec',
    name: 'costly-client',
    macIterations: ITERATIONS,
  });
  nearCap = makeClientCert(ca, {
    format: 'p12',
    passphrase: PASSPHRASE,
    keyType: 'ec',
    name: 'near-cap-client',
    iterations: NEAR_CAP,
  });
}, 60_000);

describe('keystores parse in a worker thread', () => {
  it(`a PKCS#12 of ${ITERATIONS} iterations opens while the event loop keeps ticking`, async () => {
    expect(ITERATIONS).toBeLessThanOrEqual(MAX_ITERATIONS);
    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 20);
    delay.enable();
    const started = performance.now();
    const inspected = await store.inspect(costly.files, PASSPHRASE);
    const took = performance.now() - started;
    delay.disable();
    clearInterval(ticker);

    expect(inspected).toMatchObject({
      kind: 'ready',
      preview: {
        format: 'pkcs12',
        certificate: { fingerprint256: costly.fingerprint256, keyType: 'EC' },
      },
    });
    if (inspected.kind !== 'ready') return;
    expect(inspected.preview.certificate.subject).toMatch(/CN=costly-client/);
    // The derivation is costly (so the measurement means something), and it ran elsewhere:
    // the longest stall of this thread stays far below the parse, and the timer kept firing.
    expect(took).toBeGreaterThan(500);
    expect(delay.max / 1e6, `longest event-loop stall during a ${Math.round(took)} ms parse`).toBeLessThan(
      200,
    );
    expect(ticks).toBeGreaterThan(took / 20 / 2);
  }, 60_000);

  it(`a PKCS#12 of ${NEAR_CAP} iterations for the MAC, the key and the certificates opens within the time limit`, async () => {
    expect(NEAR_CAP).toBeLessThanOrEqual(MAX_ITERATIONS);
    // What `openssl pkcs12 -export -iter N -maciter` makes: three derivations near the cap,
    // the two of PBES2 (PBKDF2) the costliest in JavaScript.
    const shown = spawnSync(
      'openssl',
      ['pkcs12', '-info', '-noout', '-in', nearCap.paths[0]!, '-passin', `pass:${PASSPHRASE}`],
      {
        encoding: 'utf8',
      },
    );
    const info = shown.stdout + shown.stderr; // OpenSSL versions differ in where each line goes
    expect(info).toContain(`MAC: sha256, Iteration ${NEAR_CAP}`);
    const pbes2 = `PBES2, PBKDF2, AES-256-CBC, Iteration ${NEAR_CAP}, PRF hmacWithSHA256`;
    expect(info.split(pbes2)).toHaveLength(3); // the certificates' safe and the key's bag

    const store = new KeystoreStore(useDataDir(), keychain.secrets);
    const inspected = await store.inspect(nearCap.files, PASSPHRASE);
    expect(inspected).toMatchObject({
      kind: 'ready',
      preview: { format: 'pkcs12', certificate: { fingerprint256: nearCap.fingerprint256, keyType: 'EC' } },
    });
    if (inspected.kind !== 'ready') return;
    expect(inspected.preview.certificate.subject).toMatch(/CN=near-cap-client/);
  }, 60_000);

  it('a parse that runs past the time limit is stopped, with one sentence', async () => {
    const started = performance.now();
    await expectAppError(
      parseKeystoreInWorker(costly.files, PASSPHRASE, 300),
      say(MESSAGES.keystoreTooSlow(0.3)),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(say(MESSAGES.keystoreTooSlow(30))).toMatch(/^Opening this keystore took more than 30 seconds/);
  });
});
