/**
 * PEM keystores: a private key (PKCS#8, encrypted as `ENCRYPTED PRIVATE KEY` or not, or a
 * traditional RSA/EC key, encrypted with `Proc-Type: 4,ENCRYPTED` or not) and its
 * certificate chain, in one file or in several (a DER certificate file is accepted among
 * them). Node's crypto (OpenSSL) decrypts and reads the key.
 */
import { createPrivateKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { AppError } from '../errors';
import { parseCertificate } from './certificate-summary';
import type { ImportFile } from './types';
import { MESSAGES } from './messages';
import type { Sentence } from '../i18n/sentence';
import type { ParseOutcome } from './parse-outcome';

export interface PemBlock {
  label: string;
  /** The whole block, BEGIN to END line, headers included. */
  text: string;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;
const BEGIN = /-----BEGIN [A-Z0-9 ]+-----/g;

export function isPemText(bytes: Buffer): boolean {
  return bytes
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .includes('-----BEGIN ');
}

/** The complete blocks of a PEM text, and whether some BEGIN line has no END (a cut file). */
export function pemBlocks(text: string): { blocks: PemBlock[]; incomplete: boolean } {
  const blocks = [...text.matchAll(BLOCK)].map((match) => ({ label: match[1] ?? '', text: match[0] }));
  const begins = text.match(BEGIN)?.length ?? 0;
  return { blocks, incomplete: begins > blocks.length };
}

const PRIVATE_KEY_LABELS = new Set([
  'PRIVATE KEY',
  'ENCRYPTED PRIVATE KEY',
  'RSA PRIVATE KEY',
  'EC PRIVATE KEY',
  'DSA PRIVATE KEY',
]);
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const PUBLIC_KEY_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY']);

function isEncrypted(block: PemBlock): boolean {
  return block.label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(block.text);
}

const invalid = (message: Sentence) => new AppError('INVALID_INPUT', message);

interface Collected {
  certificates: X509Certificate[];
  keyBlocks: PemBlock[];
  derKeys: KeyObject[];
  publicKeys: number;
  opensshKeys: number;
  /** Which file each certificate came from, to name the keystore after the leaf's file. */
  certificateFiles: Map<X509Certificate, string>;
}

function collect(files: ImportFile[]): Collected {
  const collected: Collected = {
    certificates: [],
    keyBlocks: [],
    derKeys: [],
    publicKeys: 0,
    opensshKeys: 0,
    certificateFiles: new Map(),
  };
  const addCertificate = (cert: X509Certificate, file: string) => {
    if (collected.certificates.some((known) => known.fingerprint256 === cert.fingerprint256)) return;
    collected.certificates.push(cert);
    collected.certificateFiles.set(cert, file);
  };
  for (const file of files) {
    if (!isPemText(file.bytes)) {
      // A DER certificate (a .crt/.cer next to a PEM key), or an unencrypted DER PKCS#8 key.
      const cert = parseCertificate(file.bytes);
      if (cert) {
        addCertificate(cert, file.name);
        continue;
      }
      try {
        collected.derKeys.push(createPrivateKey({ key: file.bytes, format: 'der', type: 'pkcs8' }));
        continue;
      } catch {
        throw invalid(MESSAGES.notAKeystore);
      }
    }
    const { blocks, incomplete } = pemBlocks(file.bytes.toString('utf8'));
    if (incomplete) throw invalid(MESSAGES.damaged);
    for (const block of blocks) {
      if (CERTIFICATE_LABELS.has(block.label)) {
        const cert = parseCertificate(block.text);
        if (!cert) throw invalid(MESSAGES.damaged);
        addCertificate(cert, file.name);
      } else if (PRIVATE_KEY_LABELS.has(block.label)) {
        collected.keyBlocks.push(block);
      } else if (PUBLIC_KEY_LABELS.has(block.label)) {
        collected.publicKeys += 1;
      } else if (block.label === 'OPENSSH PRIVATE KEY') {
        collected.opensshKeys += 1;
      }
      // Anything else (EC PARAMETERS, CERTIFICATE REQUEST, X509 CRL) is not part of a key.
    }
  }
  return collected;
}

/** Reads the one private key, or says that its passphrase is missing or wrong. */
function openKey(collected: Collected, passphrase: string | undefined): KeyObject | 'needs' | 'wrong' {
  const [derKey] = collected.derKeys;
  if (derKey) return derKey;
  const block = collected.keyBlocks[0]!;
  const encrypted = isEncrypted(block);
  if (encrypted && !passphrase) return 'needs';
  try {
    return createPrivateKey({ key: block.text, format: 'pem', ...(encrypted ? { passphrase } : {}) });
  } catch {
    // An encrypted key that does not decrypt (OpenSSL's "bad decrypt", or garbage that
    // happened to pad correctly) is a wrong passphrase; a plain one that fails is damaged.
    if (encrypted) return 'wrong';
    throw invalid(MESSAGES.damaged);
  }
}

export function parsePem(files: ImportFile[], passphrase?: string): ParseOutcome {
  const collected = collect(files);
  const keyCount = collected.keyBlocks.length + collected.derKeys.length;
  if (keyCount === 0) {
    if (collected.certificates.length > 0) throw invalid(MESSAGES.certificateOnly);
    if (collected.publicKeys > 0) throw invalid(MESSAGES.publicKeyOnly);
    if (collected.opensshKeys > 0) throw invalid(MESSAGES.opensshKey);
    throw invalid(MESSAGES.notAKeystore);
  }
  if (keyCount > 1) throw invalid(MESSAGES.severalPemKeys);
  const key = openKey(collected, passphrase);
  if (key === 'needs' || key === 'wrong') return { kind: 'needs-passphrase', wrong: key === 'wrong' };
  if (collected.certificates.length === 0) throw invalid(MESSAGES.keyOnly);
  const encrypted = collected.keyBlocks.some(isEncrypted);
  const leaf = collected.certificates.find((cert) => cert.checkPrivateKey(key));
  return {
    kind: 'parsed',
    keystore: {
      format: 'pem',
      encrypted,
      entries: [{ alias: null, key, problem: null, certificates: collected.certificates }],
      // Named after the file that holds the leaf certificate (with two files, the .crt).
      fileName: (leaf && collected.certificateFiles.get(leaf)) ?? files[0]!.name,
    },
  };
}
