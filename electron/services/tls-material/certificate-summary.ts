/**
 * What Mail Preflight shows about one certificate: the run report's CertificateInfo (same
 * formatting as a handshake's chain, so a key or a trusted certificate reads the same as
 * in a run) plus what an administrator needs to judge it: self-signed or CA, key type and
 * size, whether it may identify a client, and where it stands in its validity period.
 */
import { X509Certificate } from 'node:crypto';
import { describeCertificate } from '../smtp/tls-info';
import { legacyObject } from '../smtp/node-tls';
import type { CertificateSummary, ExpiryState } from './types';
import type { Sentence } from '../i18n/sentence';
import { MESSAGES } from './messages';

export type { CertificateSummary, ExpiryState };

export const EXPIRY_SOON_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE_OID = '2.5.29.37.0';

const KEY_TYPES: Record<string, string> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA-PSS',
  ec: 'EC',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
  dsa: 'DSA',
  x25519: 'X25519',
  x448: 'X448',
};

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  'P-256': 256,
  secp256k1: 256,
  secp384r1: 384,
  'P-384': 384,
  secp521r1: 521,
  'P-521': 521,
  secp224r1: 224,
  prime192v1: 192,
  brainpoolP256r1: 256,
  brainpoolP384r1: 384,
  brainpoolP512r1: 512,
};

const FIXED_KEY_BITS: Record<string, number> = { ed25519: 256, ed448: 456, x25519: 256, x448: 448 };

/** Parses one PEM or DER certificate; null when the bytes are not a certificate. */
export function parseCertificate(input: string | Buffer): X509Certificate | null {
  try {
    return new X509Certificate(input);
  } catch {
    return null;
  }
}

/** The id of a certificate in the trust store: the first 16 hex digits of its SHA-256. */
export function fingerprintId(fingerprint256: string): string {
  return fingerprint256.replace(/:/g, '').slice(0, 16).toLowerCase();
}

/** The start of a fingerprint, enough to recognise it in a sentence: "AB:CD:…:EF…". */
export function shortFingerprint(fingerprint256: string): string {
  return `${fingerprint256.split(':').slice(0, 8).join(':')}…`;
}

export function isSelfSigned(cert: X509Certificate): boolean {
  try {
    return cert.checkIssued(cert) && cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

function keyDescription(cert: X509Certificate): { keyType: string | null; keySize: number | null } {
  const key = cert.publicKey;
  const type = key.asymmetricKeyType;
  if (!type) return { keyType: null, keySize: null };
  const details = key.asymmetricKeyDetails ?? {};
  const keySize =
    details.modulusLength ??
    (details.namedCurve ? (CURVE_BITS[details.namedCurve] ?? null) : (FIXED_KEY_BITS[type] ?? null));
  return { keyType: KEY_TYPES[type] ?? type.toUpperCase(), keySize };
}

export function expiryState(validFrom: Date, validTo: Date, now = new Date()): ExpiryState {
  if (now.getTime() < validFrom.getTime()) return 'not-yet-valid';
  if (now.getTime() > validTo.getTime()) return 'expired';
  if (validTo.getTime() - now.getTime() <= EXPIRY_SOON_DAYS * DAY_MS) return 'soon';
  return 'ok';
}

export function summarizeCertificate(cert: X509Certificate, now = new Date()): CertificateSummary {
  const extendedKeyUsage = cert.keyUsage as string[] | undefined;
  return {
    ...describeCertificate(legacyObject(cert)),
    selfSigned: isSelfSigned(cert),
    isCA: cert.ca,
    ...keyDescription(cert),
    clientAuth:
      !extendedKeyUsage ||
      extendedKeyUsage.includes(CLIENT_AUTH_OID) ||
      extendedKeyUsage.includes(ANY_EXTENDED_KEY_USAGE_OID),
    expiry: expiryState(cert.validFromDate, cert.validToDate, now),
  };
}

/** The date part of an ISO timestamp: 2020-01-02. */
const day = (iso: string) => iso.slice(0, 10);

/**
 * What is worth a warning about a client certificate, in sentences (none when nothing):
 * expired or not yet valid (imported all the same, flagged by runs), no client
 * authentication in its extended key usage, or expiring within 30 days.
 */
export function clientCertificateWarnings(summary: CertificateSummary): Sentence[] {
  const sentences: Sentence[] = [];
  if (summary.expiry === 'expired') sentences.push(MESSAGES.certificateExpired(day(summary.validTo)));
  else if (summary.expiry === 'not-yet-valid')
    sentences.push(MESSAGES.certificateNotYetValid(day(summary.validFrom)));
  if (!summary.clientAuth) sentences.push(MESSAGES.certificateNoClientAuth);
  if (summary.expiry === 'soon') sentences.push(MESSAGES.certificateExpiresSoon(day(summary.validTo)));
  return sentences;
}
