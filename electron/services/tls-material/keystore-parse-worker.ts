/**
 * The worker thread's side of parse-in-worker.ts: parses the keystore files it was started
 * with (`workerData`) and posts one reply. KeyObject and X509Certificate cannot cross to
 * another thread, so the keys go back as PKCS#8 DER and the certificates as DER, and an
 * AppError as its code and sentence; parse-in-worker.ts rebuilds them.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type AppErrorCode } from '../errors';
import type { Sentence } from '../i18n/sentence';
import { parseKeystore } from './keystore-parsers';
import type { KeystoreFormat } from './types';

export interface WorkerRequest {
  files: Array<{ name: string; bytes: Uint8Array }>;
  passphrase: string | undefined;
}

export interface WireEntry {
  alias: string | null;
  /** PKCS#8 DER. */
  key: Uint8Array | null;
  problem: Sentence | null;
  /** DER, in the file's order. */
  certificates: Uint8Array[];
}

export type WorkerReply =
  | { kind: 'needs-passphrase'; wrong: boolean }
  | { kind: 'parsed'; format: KeystoreFormat; encrypted: boolean; fileName?: string; entries: WireEntry[] }
  | { kind: 'app-error'; code: AppErrorCode; sentence: Sentence | string; fields?: Record<string, string> }
  | { kind: 'failed'; message: string };

const der = (key: KeyObject | null) => (key ? key.export({ type: 'pkcs8', format: 'der' }) : null);
const raw = (certificate: X509Certificate) => certificate.raw;

function reply({ files, passphrase }: WorkerRequest): WorkerReply {
  try {
    const outcome = parseKeystore(
      files.map(({ name, bytes }) => ({
        name,
        bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
      })),
      passphrase,
    );
    if (outcome.kind === 'needs-passphrase') return outcome;
    const { format, encrypted, fileName, entries } = outcome.keystore;
    return {
      kind: 'parsed',
      format,
      encrypted,
      ...(fileName === undefined ? {} : { fileName }),
      entries: entries.map((entry) => ({
        alias: entry.alias,
        key: der(entry.key),
        problem: entry.problem,
        certificates: entry.certificates.map(raw),
      })),
    };
  } catch (error) {
    if (error instanceof AppError) {
      return {
        kind: 'app-error',
        code: error.code,
        sentence: error.sentence ?? error.message,
        ...(error.fields ? { fields: error.fields } : {}),
      };
    }
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.postMessage(reply(workerData as WorkerRequest));
