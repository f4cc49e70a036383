/**
 * Keystores are parsed in a worker thread: a PKCS#12 just under the iteration cap (a MAC of
 * 900,000 iterations: seconds of forge's key derivation) opens while the
 * caller's event loop keeps ticking, with the same result an in-thread parse gives; a parse
 * that runs past the time limit is stopped with one sentence.
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/tls-material/keystore-worker.test.ts
 */
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
const keychain = useKeychain();

let costly: ClientKeystore;

beforeAll(() => {
  costly = makeClientCert(makeCa(), {
    format: 'p12',
    passphrase: PASSPHRASE,
    keyType: 'ec',
    name: 'costly-client',
    macIterations: ITERATIONS,
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
