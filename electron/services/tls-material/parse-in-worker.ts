/**
 * Keystores are parsed in a worker thread, never on the caller's: opening a PKCS#12 derives
 * its MAC key (and a legacy file's keys) with forge, in JavaScript, and a file may ask for up
 * to MAX_ITERATIONS iterations for each derivation (pkcs12.ts), seconds of CPU that on the
 * main process would freeze every window, and on the CLI its timers. Every format goes
 * through here (an encrypted PEM key's derivation is OpenSSL's, but its count is the file's
 * to choose too).
 *
 * The worker is keystore-parse-worker.ts, bundled into one file by the build
 * (scripts/bundled-worker-plugin.ts); it answers with DER, rebuilt here into KeyObject and
 * X509Certificate, and with AppErrors as code and sentence, so callers see what an in-thread
 * parse would give them. One that runs past the time limit is terminated and the caller gets
 * one sentence. (A count above the cap is refused before any worker starts: open-keystore.ts.)
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors';
import type { WorkerReply, WorkerRequest } from './keystore-parse-worker';
import bundledWorkerUrl from './keystore-parse-worker?bundledWorker';
import { MESSAGES } from './messages';
import type { ParseOutcome } from './parse-outcome';
import type { ImportFile } from './types';

/** A parse within MAX_ITERATIONS takes seconds; one past this looks hung to the user, and is stopped. */
export const PARSE_TIME_LIMIT_MS = 30_000;

/**
 * In the packaged app the worker is unpacked from app.asar (electron-builder.yml asarUnpack):
 * the worker thread then loads a plain file and depends on no asar support of its own.
 */
const workerUrl = new URL(bundledWorkerUrl.replace(/\.asar\//, '.asar.unpacked/'));

function outcomeOf(reply: WorkerReply): ParseOutcome {
  switch (reply.kind) {
    case 'needs-passphrase':
      return reply;
    case 'parsed': {
      const { kind: _kind, entries, ...keystore } = reply;
      return {
        kind: 'parsed',
        keystore: {
          ...keystore,
          entries: entries.map((entry) => ({
            alias: entry.alias,
            key: entry.key && createPrivateKey({ key: Buffer.from(entry.key), format: 'der', type: 'pkcs8' }),
            problem: entry.problem,
            certificates: entry.certificates.map((certificate) => new X509Certificate(certificate)),
          })),
        },
      };
    }
    case 'app-error':
      throw new AppError(reply.code, reply.sentence, reply.fields);
    case 'failed':
      throw new Error(reply.message);
  }
}

/** parseKeystore (keystore-parsers.ts), in a worker thread, stopped after `timeLimitMs`. */
export function parseKeystoreInWorker(
  files: ImportFile[],
  passphrase: string | undefined,
  timeLimitMs = PARSE_TIME_LIMIT_MS,
): Promise<ParseOutcome> {
  const request: WorkerRequest = { files: files.map(({ name, bytes }) => ({ name, bytes })), passphrase };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: request });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new AppError('INVALID_INPUT', MESSAGES.keystoreTooSlow(timeLimitMs / 1000))));
      void worker.terminate();
    }, timeLimitMs);
    worker.once('message', (reply: WorkerReply) =>
      settle(() => {
        try {
          resolve(outcomeOf(reply));
        } catch (error) {
          reject(error);
        }
      }),
    );
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The keystore worker stopped (exit code ${code}).`))),
    );
  });
}
