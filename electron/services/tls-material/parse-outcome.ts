/** What a keystore parser returns: the types the parsers of each format share. */
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { KeystoreFormat } from './types';
import type { Sentence } from '../i18n/sentence';

/** One private key of a keystore with the certificates that go with it. */
export interface KeyEntry {
  /** The JKS alias or PKCS#12 friendly name; null when the format has none. */
  alias: string | null;
  /** The key, decrypted (in memory only); null when it could not be, see `problem`. */
  key: KeyObject | null;
  problem: Sentence | null;
  /** In the file's order; the leaf is the one that matches the key. */
  certificates: X509Certificate[];
}

export interface ParsedKeystore {
  format: KeystoreFormat;
  /** Whether opening it took a passphrase (then the passphrase goes to the keychain). */
  encrypted: boolean;
  entries: KeyEntry[];
  /** The file the keystore is named after; the parser of several files says which. */
  fileName?: string;
}

export type ParseOutcome =
  { kind: 'parsed'; keystore: ParsedKeystore } | { kind: 'needs-passphrase'; wrong: boolean };
