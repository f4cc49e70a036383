/**
 * Opening a keystore in memory: parse the files, pick the key entry (by alias when there
 * are several), find the leaf that matches the key and the chain behind it, and describe
 * it. Shared by the store (inspect, import, material) and by the CLI's `--client-cert`,
 * which uses a keystore file directly without importing it.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { AppError } from '../errors';
import { clientCertificateWarnings, summarizeCertificate } from './certificate-summary';
import type { KeyEntry, ParsedKeystore } from './parse-outcome';
import { MESSAGES } from './messages';
import { parseKeystoreInWorker } from './parse-in-worker';
import type { Sentence } from '../i18n/sentence';
import type { ImportFile, KeystoreInfo, KeystoreInspection } from './types';

export type KeystorePreview = Omit<KeystoreInfo, 'id' | 'importedAt'>;

export interface Opened {
  preview: KeystorePreview;
  /** Whether opening it took a passphrase (which then belongs in the keychain). */
  encrypted: boolean;
  /** Leaf first, as summarised in the preview. */
  chain: X509Certificate[];
  key: KeyObject;
  /** PEM for tls.connect: the chain (leaf first) and the key as unencrypted PKCS#8. */
  material(): { cert: string; key: string };
}

export type OpenOutcome = Exclude<KeystoreInspection, { kind: 'ready' }> | { kind: 'opened'; opened: Opened };

const invalid = (message: Sentence) => new AppError('INVALID_INPUT', message);

/** The alias a caller names an entry by (PKCS#12 keys without a friendly name are numbered). */
const aliasOf = (entry: KeyEntry, index: number) => entry.alias ?? `key ${index + 1}`;

/**
 * `openKeystore` for files never checked before (an import, the CLI's --client-cert): a
 * PKCS#12 that asks for too many iterations is refused at once, on this thread, without a
 * worker. A stored keystore passed this at its import, so its runs skip it, and with it
 * node-forge on this thread (the worker checks again all the same).
 */
export async function openNewKeystore(
  files: ImportFile[],
  passphrase?: string,
  alias?: string,
): Promise<OpenOutcome> {
  if (files.length === 1) (await import('./pkcs12')).refuseCostlyPkcs12(files[0]!.bytes);
  return openKeystore(files, passphrase, alias);
}

/** The sentence for an outcome that is not ready (what `import` throws). */
export function inspectionSentence(outcome: Exclude<KeystoreInspection, { kind: 'ready' }>): Sentence {
  return outcome.kind === 'needs-alias' ? MESSAGES.chooseAlias(outcome.aliases) : outcome.message;
}

/** The entry's leaf (the certificate of its key), then the rest of the file in its order. */
function chainOf(entry: KeyEntry): { key: KeyObject; chain: X509Certificate[] } {
  if (!entry.key) throw invalid(entry.problem ?? MESSAGES.damaged);
  const key = entry.key;
  const leaf = entry.certificates.find((cert) => cert.checkPrivateKey(key));
  if (!leaf) throw invalid(entry.certificates.length ? MESSAGES.keyMismatch : MESSAGES.keyOnly);
  const seen = new Set([leaf.fingerprint256]);
  const rest = entry.certificates.filter((cert) => {
    if (seen.has(cert.fingerprint256)) return false;
    seen.add(cert.fingerprint256);
    return true;
  });
  return { key, chain: [leaf, ...rest] };
}

/** The entry named `alias`, the only one, or the sorted aliases to choose from. */
function chooseEntry(parsed: ParsedKeystore, alias: string | undefined): KeyEntry | string[] {
  const { entries } = parsed;
  if (alias) {
    const found = entries.find((entry, index) => aliasOf(entry, index) === alias);
    if (!found) throw invalid(MESSAGES.unknownAlias(alias));
    return found;
  }
  if (entries.length > 1) return entries.map(aliasOf).sort((a, b) => a.localeCompare(b));
  return entries[0]!;
}

/**
 * Opens the files with the passphrase (an empty one counts as none) and the alias, parsing
 * them in a worker thread (parse-in-worker.ts). Bad input rejects with an AppError and its
 * sentence; a missing or wrong passphrase, or a missing alias, is an outcome, so that the UI
 * can ask for it.
 */
export async function openKeystore(
  files: ImportFile[],
  passphrase?: string,
  alias?: string,
): Promise<OpenOutcome> {
  const outcome = await parseKeystoreInWorker(files, passphrase || undefined);
  if (outcome.kind === 'needs-passphrase') {
    return {
      kind: 'needs-passphrase',
      message: outcome.wrong ? MESSAGES.passphraseWrong : MESSAGES.passphraseNeeded,
    };
  }
  const parsed = outcome.keystore;
  const chosen = chooseEntry(parsed, alias || undefined);
  if (Array.isArray(chosen)) return { kind: 'needs-alias', aliases: chosen };
  const { key, chain } = chainOf(chosen);

  const several = parsed.entries.length > 1;
  const chosenAlias = chosen.alias ?? (several ? aliasOf(chosen, parsed.entries.indexOf(chosen)) : null);
  const showAlias = chosenAlias !== null && (parsed.format === 'jks' || several);
  const summaries = chain.map((cert) => summarizeCertificate(cert));
  const certificate = summaries[0]!;
  return {
    kind: 'opened',
    opened: {
      encrypted: parsed.encrypted,
      chain,
      key,
      material: () => ({
        cert: chain.map((cert) => cert.toString()).join(''),
        key: key.export({ type: 'pkcs8', format: 'pem' }) as string,
      }),
      preview: {
        name: `${parsed.fileName ?? files[0]!.name}${showAlias ? ` (${chosenAlias})` : ''}`,
        format: parsed.format,
        alias: chosenAlias,
        certificate,
        chain: summaries,
        warnings: clientCertificateWarnings(certificate),
      },
    },
  };
}

/**
 * For the CLI's `--client-cert FILE [--client-key FILE]`: the TLS material of keystore files
 * used in place, never stored. A passphrase or alias that is missing or wrong is an AppError
 * with its sentence, like any other bad input.
 */
export async function keystoreMaterialFromFiles(
  files: ImportFile[],
  passphrase?: string,
  alias?: string,
): Promise<{ cert: string; key: string; preview: KeystorePreview }> {
  const outcome = await openNewKeystore(files, passphrase, alias);
  if (outcome.kind !== 'opened') throw invalid(inspectionSentence(outcome));
  return { ...outcome.opened.material(), preview: outcome.opened.preview };
}
