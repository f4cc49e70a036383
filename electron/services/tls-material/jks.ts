/**
 * Java KeyStore (.jks, magic 0xFEEDFEED), as `keytool -storetype JKS` writes it.
 *
 * jks-js reads the container and checks its keyed SHA-1 integrity digest (the password as
 * UTF-16BE, "Mighty Aphrodite", the body). Its own key decryption turns RSA keys into PKCS#1
 * and fails on Ed25519, so the keys are recovered here with Sun's key protector (JDK
 * `sun.security.provider.KeyProtector`): the protected key is salt (20 bytes) ‖ encrypted
 * key ‖ check (20 bytes); the key stream is SHA-1(password ‖ previous digest) chained from
 * the salt, XORed with the encrypted key; the check is SHA-1(password ‖ plain key). The
 * plain key is PKCS#8 DER, which Node reads whatever its algorithm.
 *
 * One passphrase opens both the store and its keys (keytool's default); a key with a
 * password of its own gets a sentence that says how to align them.
 */
import { createHash, createPrivateKey, type KeyObject } from 'node:crypto';
import { parseJks as readJksContainer } from 'jks-js';
import forge from 'node-forge';
import { AppError } from '../errors';
import { parseCertificate } from './certificate-summary';
import { MESSAGES } from './messages';
import type { Sentence } from '../i18n/sentence';
import type { KeyEntry, ParseOutcome } from './parse-outcome';

export const JKS_MAGIC = 0xfeedfeed;
export const JCEKS_MAGIC = 0xcececece;
const KEY_PROTECTOR_OID = '1.3.6.1.4.1.42.2.17.1.1';
const SALT_LENGTH = 20;
const DIGEST_LENGTH = 20;

interface JksKeyEntry {
  alias: string;
  chain: Array<{ certType: string; value: Buffer }>;
  protectedPrivateKey: Buffer;
}

function isKeyEntry(entry: object): entry is JksKeyEntry {
  return 'protectedPrivateKey' in entry;
}

/** Java's char[] password as bytes: each UTF-16 code unit, big-endian. */
function passwordBytes(password: string): Buffer {
  return Buffer.from(password, 'utf16le').swap16();
}

/** The encrypted bytes inside Sun's EncryptedPrivateKeyInfo, or null when it is not one. */
function protectedBytes(encryptedPrivateKeyInfo: Buffer): Buffer | null {
  try {
    const info = forge.asn1.fromDer(forge.util.createBuffer(encryptedPrivateKeyInfo.toString('binary')));
    const [algorithm, data] = info.value as forge.asn1.Asn1[];
    const algorithmOid = ((algorithm?.value as forge.asn1.Asn1[] | undefined) ?? [])[0];
    if (!algorithmOid || forge.asn1.derToOid(algorithmOid.value as string) !== KEY_PROTECTOR_OID) return null;
    return typeof data?.value === 'string' ? Buffer.from(data.value, 'binary') : null;
  } catch {
    return null;
  }
}

/** Sun's key protector, reversed: the PKCS#8 DER of the key, or null for a wrong password. */
export function recoverJksKey(encryptedPrivateKeyInfo: Buffer, password: string): Buffer | null {
  const data = protectedBytes(encryptedPrivateKeyInfo);
  if (!data || data.length <= SALT_LENGTH + DIGEST_LENGTH) return null;
  const pass = passwordBytes(password);
  const salt = data.subarray(0, SALT_LENGTH);
  const encrypted = data.subarray(SALT_LENGTH, data.length - DIGEST_LENGTH);
  const check = data.subarray(data.length - DIGEST_LENGTH);
  const stream: Buffer[] = [];
  let digest = salt;
  for (let length = 0; length < encrypted.length; length += DIGEST_LENGTH) {
    digest = createHash('sha1').update(pass).update(digest).digest();
    stream.push(digest);
  }
  const xorKey = Buffer.concat(stream);
  const plain = Buffer.alloc(encrypted.length);
  for (let i = 0; i < plain.length; i++) plain[i] = encrypted[i]! ^ xorKey[i]!;
  const expected = createHash('sha1').update(pass).update(plain).digest();
  return expected.equals(check) ? plain : null;
}

function keyEntries(bytes: Buffer, password: string): JksKeyEntry[] {
  return (readJksContainer(bytes, password) as object[]).filter(isKeyEntry);
}

function openEntry(entry: JksKeyEntry, password: string): KeyEntry {
  const certificates = entry.chain.map((cert) => {
    const parsed = parseCertificate(cert.value);
    if (!parsed) throw new AppError('INVALID_INPUT', MESSAGES.damaged);
    return parsed;
  });
  const plain = recoverJksKey(entry.protectedPrivateKey, password);
  let key: KeyObject | null = null;
  let problem: Sentence | null = MESSAGES.jksKeyPassword;
  if (plain) {
    try {
      key = createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' });
      problem = null;
    } catch {
      problem = MESSAGES.damaged;
    }
  }
  return { alias: entry.alias, key, problem, certificates };
}

export function parseJks(bytes: Buffer, passphrase?: string): ParseOutcome {
  // A JKS is always protected (keytool demands a password of 6 characters or more).
  if (!passphrase) return { kind: 'needs-passphrase', wrong: false };
  let entries: JksKeyEntry[];
  try {
    entries = keyEntries(bytes, passphrase);
  } catch (error) {
    if (!(error instanceof Error) || error.message !== 'Password verification failed') {
      throw new AppError('INVALID_INPUT', MESSAGES.damaged); // cut short, or not a JKS inside
    }
    // The digest failed: a wrong passphrase, or the right one over a damaged file. A key
    // that recovers with this passphrase (the key protector has its own check) tells.
    let unchecked: JksKeyEntry[];
    try {
      unchecked = keyEntries(bytes, '');
    } catch {
      throw new AppError('INVALID_INPUT', MESSAGES.damaged);
    }
    if (unchecked.some((entry) => recoverJksKey(entry.protectedPrivateKey, passphrase))) {
      throw new AppError('INVALID_INPUT', MESSAGES.damagedIntegrity);
    }
    return { kind: 'needs-passphrase', wrong: true };
  }
  if (entries.length === 0) throw new AppError('INVALID_INPUT', MESSAGES.jksNoKey);
  return {
    kind: 'parsed',
    keystore: {
      format: 'jks',
      encrypted: true,
      entries: entries.map((entry) => openEntry(entry, passphrase)),
    },
  };
}
