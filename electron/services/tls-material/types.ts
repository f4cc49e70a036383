/**
 * The shapes of TLS material as the rest of the app sees them (IPC results, the CLI's
 * output, the UI's lists). Types only: importing this file pulls in no Node module.
 */
import type { CertificateInfo } from '../smtp/report';
import type { Sentence } from '../i18n/sentence';

export type ExpiryState = 'ok' | 'soon' | 'expired' | 'not-yet-valid';

export interface CertificateSummary extends CertificateInfo {
  selfSigned: boolean;
  isCA: boolean;
  /** 'RSA' | 'RSA-PSS' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA', null when unknown. */
  keyType: string | null;
  /** RSA/DSA modulus bits or the EC curve's bits (Ed25519 256, Ed448 456). */
  keySize: number | null;
  /** True when the certificate has no extended key usage or it includes clientAuth (or any). */
  clientAuth: boolean;
  /** 'soon' means it expires within 30 days. */
  expiry: ExpiryState;
}

export type KeystoreFormat = 'pkcs12' | 'pem' | 'jks';

export interface KeystoreInfo {
  id: string;
  /** The file name, plus " (alias)" when the key was picked from several (JKS, PKCS#12). */
  name: string;
  format: KeystoreFormat;
  alias: string | null;
  /** The leaf: the certificate that matches the private key. */
  certificate: CertificateSummary;
  /** Leaf first, then the rest of the certificates that were in the file. */
  chain: CertificateSummary[];
  importedAt: string;
  /** Sentences worth showing next to the key (expired, not yet valid, no clientAuth, expiring soon). */
  warnings: Sentence[];
}

export interface ImportFile {
  name: string;
  bytes: Buffer;
}

export type KeystoreInspection =
  /** Encrypted, and no passphrase or a wrong one was given ('The passphrase is wrong.'). */
  | { kind: 'needs-passphrase'; message: Sentence }
  /** Several private-key entries (JKS, or a PKCS#12 with several keys): pick one. */
  | { kind: 'needs-alias'; aliases: string[] }
  | { kind: 'ready'; preview: Omit<KeystoreInfo, 'id' | 'importedAt'> };

export interface TrustedCertificate {
  id: string;
  certificate: CertificateSummary;
  importedAt: string;
  source: 'file' | 'server';
  /** The file name, or host:port of the server it was fetched from. */
  sourceDetail: string;
}

export interface FetchedChain {
  host: string;
  port: number;
  /** As the server presented it, leaf first. */
  chain: Array<CertificateSummary & { pem: string }>;
  authorized: boolean;
  /** Node's verification code (DEPTH_ZERO_SELF_SIGNED_CERT, …), shown beside the sentences; null when trusted. */
  authorizationError: string | null;
  /** Why it is not trusted, one sentence per reason; none when trusted. */
  problems: Sentence[];
}
