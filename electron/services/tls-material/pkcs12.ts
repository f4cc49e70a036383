/**
 * PKCS#12 (.p12, .pfx) read in memory: the MAC is checked, the encrypted safes and
 * shrouded key bags are decrypted, and the keys and certificates come out as exact DER
 * bytes for Node's crypto.
 *
 * Why not forge's `pkcs12FromAsn1` or Node alone: Node (OpenSSL 3 without its legacy
 * provider) refuses the RC2-40 encryption of `openssl pkcs12 -legacy` and of older Java and
 * Windows exports, and has no API that hands out the key of a PFX; forge decrypts both the
 * legacy and the OpenSSL 3 default (PBES2 AES-256-CBC, HMAC-SHA-256 MAC) but parses RSA
 * keys and certificates only and re-encodes what it parses. So the container's structure
 * is walked here with forge's ASN.1 reader and forge's PBE ciphers (RC2, 3DES, AES), and
 * every key and certificate is handed to Node untouched, which reads RSA, EC and EdDSA.
 *
 * PBES2's keys are derived by Node's PBKDF2 (pbes2.ts); the PKCS#12 KDF (the MAC's key, and
 * the legacy PBE's) stays forge's. Node has no call for it; hashing each iteration through
 * Node's crypto costs as much as forge's JavaScript (900,000 SHA-256 iterations: 1.5 to 2 s
 * either way on a busy 2-core machine), the call's own overhead being most of it; and
 * OpenSSL checks a MAC only inside `tls.createSecureContext({ pfx })`, which decrypts the
 * rest too and tells a failed MAC by a reason string that Electron's BoringSSL words otherwise.
 */
import { createPrivateKey, type KeyObject, type X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../errors';
import { parseCertificate } from './certificate-summary';
import { MESSAGES } from './messages';
import { type Pbes2Params, pbes2Decipher } from './pbes2';
import type { KeyEntry, ParseOutcome } from './parse-outcome';

type Asn1 = forge.asn1.Asn1;
const { asn1, util, pki } = forge;
const oids = pki.oids;

/** forge's PKCS#12 PBE ciphers (RC2, 3DES), untyped in @types/node-forge. */
interface Pbe {
  getCipher(oid: string, params: Asn1, password: string): forge.cipher.BlockCipher;
}
const pbe = (pki as unknown as { pbe: Pbe }).pbe;

/** The file is not well-formed PKCS#12 (damaged or truncated). */
class Malformed extends Error {}
/** A decryption failed: the password does not open it. */
class CannotDecrypt extends Error {}
/** An algorithm forge does not have. */
class Unsupported extends Error {}

const MAC_DIGESTS: Record<string, () => forge.md.MessageDigest> = {
  [oids['sha1']!]: () => forge.md.sha1.create(),
  [oids['sha256']!]: () => forge.md.sha256.create(),
  [oids['sha384']!]: () => forge.md.sha384.create(),
  [oids['sha512']!]: () => forge.md.sha512.create(),
};

// ---------------------------------------------------------------------------------------
// ASN.1 helpers (forge nodes: `value` is an array when constructed, a byte string if not)

function children(node: Asn1 | undefined): Asn1[] {
  if (!node || !Array.isArray(node.value)) throw new Malformed('expected a constructed value');
  return node.value;
}

function child(node: Asn1 | undefined, index: number): Asn1 {
  const found = children(node)[index];
  if (!found) throw new Malformed(`missing element ${index}`);
  return found;
}

function oid(node: Asn1 | undefined): string {
  if (!node || node.type !== asn1.Type.OID || typeof node.value !== 'string')
    throw new Malformed('expected an OID');
  return asn1.derToOid(node.value);
}

/** An OCTET STRING's bytes, also when BER splits it into chunks. */
function octets(node: Asn1 | undefined): string {
  if (!node) throw new Malformed('expected an OCTET STRING');
  if (typeof node.value === 'string') return node.value;
  return node.value.map((part) => octets(part)).join('');
}

/** The content of an `[0] EXPLICIT` wrapper. */
function explicit0(node: Asn1 | undefined): Asn1 {
  if (!node || node.tagClass !== asn1.Class.CONTEXT_SPECIFIC || node.type !== 0) {
    throw new Malformed('expected [0]');
  }
  return child(node, 0);
}

function integer(node: Asn1 | undefined): number {
  if (!node || typeof node.value !== 'string') throw new Malformed('expected an INTEGER');
  return parseInt(util.bytesToHex(node.value), 16);
}

function fromDer(bytes: string): Asn1 {
  try {
    return asn1.fromDer(util.createBuffer(bytes));
  } catch (error) {
    throw new Malformed(error instanceof Error ? error.message : String(error));
  }
}

const toBuffer = (bytes: string) => Buffer.from(bytes, 'binary');

// ---------------------------------------------------------------------------------------
// Iteration counts

/**
 * The most key-derivation iterations a file may ask for. Every count is read from the ASN.1
 * and checked before its derivation runs: the PKCS#12 KDF is forge's, in JavaScript (a
 * million iterations take one to two seconds, each derivation), so a hostile count would
 * hold the worker for as long as the file says. Exporters use 2,048 (OpenSSL) to 600,000.
 */
export const MAX_ITERATIONS = 1_000_000;

function refuseCostly(iterations: number): void {
  if (iterations > MAX_ITERATIONS) throw new AppError('INVALID_INPUT', MESSAGES.tooManyIterations);
}

/**
 * The iteration count in a PBE AlgorithmIdentifier: PBES2's PBKDF2-params (salt, count, …)
 * inside its keyDerivationFunc, or pkcs-12PbeParams / PBEParameter (salt, count).
 */
function pbeIterations(algorithm: Asn1): number {
  const params = child(algorithm, 1);
  if (oid(child(algorithm, 0)) === oids['pkcs5PBES2']) return integer(child(child(child(params, 0), 1), 1));
  return integer(child(params, 1));
}

// ---------------------------------------------------------------------------------------
// The PFX

interface MacData {
  digestOid: string;
  digest: string;
  salt: string;
  iterations: number;
}

interface Pfx {
  /** The DER of the AuthenticatedSafe (what the MAC covers). */
  authSafe: string;
  mac: MacData | null;
}

/** True when the bytes have the outer shape of a PFX (version 3, data content). */
export function looksLikePkcs12(bytes: Buffer): boolean {
  try {
    readPfx(bytes);
    return true;
  } catch {
    return false;
  }
}

function readPfx(bytes: Buffer): Pfx {
  const root = fromDer(bytes.toString('binary'));
  const [version, contentInfo, macData] = children(root);
  if (integer(version) !== 3) throw new Malformed('not PKCS#12 version 3');
  if (oid(child(contentInfo, 0)) !== oids['data']) throw new Unsupported('public-key integrity mode');
  const authSafe = octets(explicit0(child(contentInfo, 1)));
  let mac: MacData | null = null;
  if (macData) {
    const digestInfo = child(macData, 0);
    const iterations = children(macData)[2];
    mac = {
      digestOid: oid(child(child(digestInfo, 0), 0)),
      digest: octets(child(digestInfo, 1)),
      salt: octets(child(macData, 1)),
      iterations: iterations ? integer(iterations) : 1,
    };
  }
  return { authSafe, mac };
}

/**
 * The PKCS#12 MAC with one password candidate. `null` is the "no password" of old
 * encoders, '' the empty password: OpenSSL accepts either, and so does this.
 */
function macMatches(pfx: Pfx, mac: MacData, password: string | null): boolean {
  const makeDigest = MAC_DIGESTS[mac.digestOid];
  if (!makeDigest) throw new Unsupported(`MAC digest ${mac.digestOid}`);
  if (mac.iterations < 1) throw new Malformed('MAC iterations');
  const md = makeDigest();
  const key = forge.pkcs12.generateKey(
    password as string,
    util.createBuffer(mac.salt),
    3,
    mac.iterations,
    md.digestLength,
    makeDigest(),
  );
  const hmac = forge.hmac.create();
  hmac.start(md, key);
  hmac.update(pfx.authSafe);
  return hmac.digest().getBytes() === mac.digest;
}

// ---------------------------------------------------------------------------------------
// Bags

interface Bag {
  der: string;
  friendlyName: string | null;
  localKeyId: string | null;
  /** Whether the password decrypted it (a shrouded key, or anything in an encrypted safe). */
  decrypted: boolean;
}

interface Bags {
  keys: Bag[];
  certificates: Bag[];
}

/**
 * PBES2-params: the key derivation (PBKDF2-params: salt, count, optional key length and
 * PRF) and the encryption scheme with its IV.
 */
function pbes2Params(params: Asn1): Pbes2Params {
  const [kdf, scheme] = children(params);
  const [salt, count, ...optional] = children(child(kdf, 1));
  if (salt?.type !== asn1.Type.OCTETSTRING) throw new Unsupported('PBKDF2 salt from another source');
  const prf = optional.find((node) => node.type === asn1.Type.SEQUENCE);
  return {
    kdfOid: oid(child(kdf, 0)),
    salt: octets(salt),
    iterations: integer(count),
    prfOid: prf ? oid(child(prf, 0)) : null,
    cipherOid: oid(child(scheme, 0)),
    iv: octets(child(scheme, 1)),
  };
}

function decrypt(algorithm: Asn1, encrypted: string, password: string | null): string {
  refuseCostly(pbeIterations(algorithm));
  const algorithmOid = oid(child(algorithm, 0));
  const params = child(algorithm, 1);
  let cipher: forge.cipher.BlockCipher;
  try {
    // PBES2 by Node's PBKDF2 (the password's UTF-8 bytes); the PKCS#12 PBE by forge's KDF,
    // which makes its own BMPString of the password.
    cipher =
      algorithmOid === oids['pkcs5PBES2']
        ? pbes2Decipher(pbes2Params(params), password ?? '')
        : pbe.getCipher(algorithmOid, params, password ?? '');
  } catch (error) {
    throw new Unsupported(error instanceof Error ? error.message : String(error));
  }
  cipher.update(util.createBuffer(encrypted));
  if (!cipher.finish()) throw new CannotDecrypt('bad padding');
  return cipher.output.getBytes();
}

/**
 * Refuses the file when any count that can be read without the password is too high: the
 * MAC's, each encrypted safe's, each shrouded key's in the plain safes. (Keys inside an
 * encrypted safe are checked by `decrypt`, before their own derivation.)
 */
function refuseCostlyPfx(pfx: Pfx): void {
  if (pfx.mac) refuseCostly(pfx.mac.iterations);
  const scanSafe = (safeContents: Asn1): void => {
    for (const safeBag of children(safeContents)) {
      const type = oid(child(safeBag, 0));
      const value = explicit0(child(safeBag, 1));
      if (type === oids['pkcs8ShroudedKeyBag']) refuseCostly(pbeIterations(child(value, 0)));
      if (type === oids['safeContentsBag']) scanSafe(value);
    }
  };
  for (const contentInfo of children(fromDer(pfx.authSafe))) {
    const type = oid(child(contentInfo, 0));
    if (type === oids['data']) scanSafe(fromDer(octets(explicit0(child(contentInfo, 1)))));
    if (type === oids['encryptedData']) {
      refuseCostly(pbeIterations(child(child(explicit0(child(contentInfo, 1)), 1), 1)));
    }
  }
}

/**
 * The iteration check alone, without the password and without deriving anything: a file
 * that asks too much is refused by its caller at once (openNewKeystore, before a worker
 * starts). A file that is not well-formed PKCS#12 passes; the parse says what it is.
 */
export function refuseCostlyPkcs12(bytes: Buffer): void {
  try {
    refuseCostlyPfx(readPfx(bytes));
  } catch (error) {
    if (error instanceof AppError) throw error;
  }
}

function attributes(set: Asn1 | undefined): { friendlyName: string | null; localKeyId: string | null } {
  let friendlyName: string | null = null;
  let localKeyId: string | null = null;
  if (set && Array.isArray(set.value)) {
    for (const attribute of set.value) {
      const type = oid(child(attribute, 0));
      const first = children(child(attribute, 1))[0];
      if (!first || typeof first.value !== 'string') continue;
      // forge's reader has already decoded the BMPString into a JS string.
      if (type === oids['friendlyName']) friendlyName = first.value;
      if (type === oids['localKeyId']) localKeyId = first.value;
    }
  }
  return { friendlyName, localKeyId };
}

function readSafeContents(der: string, password: string | null, bags: Bags, decrypted: boolean): void {
  let safeContents: Asn1;
  try {
    safeContents = fromDer(der);
  } catch (error) {
    // Decrypted bytes that are not ASN.1: a wrong password that happened to pad correctly.
    throw new CannotDecrypt(error instanceof Error ? error.message : String(error));
  }
  for (const safeBag of children(safeContents)) {
    const type = oid(child(safeBag, 0));
    const value = explicit0(child(safeBag, 1));
    const attrs = { ...attributes(children(safeBag)[2]), decrypted };
    if (type === oids['keyBag']) {
      bags.keys.push({ der: asn1.toDer(value).getBytes(), ...attrs });
    } else if (type === oids['pkcs8ShroudedKeyBag']) {
      const plain = decrypt(child(value, 0), octets(child(value, 1)), password);
      bags.keys.push({ der: plain, ...attrs, decrypted: true });
    } else if (type === oids['certBag']) {
      if (oid(child(value, 0)) !== oids['x509Certificate']) continue;
      bags.certificates.push({ der: octets(explicit0(child(value, 1))), ...attrs });
    } else if (type === oids['safeContentsBag']) {
      readSafeContents(asn1.toDer(value).getBytes(), password, bags, decrypted);
    }
    // CRL and secret bags carry nothing a TLS client needs.
  }
}

/**
 * Every bag of every safe. `lenient` skips the safes that fail to decrypt or parse, to learn
 * whether the password opens anything at all in a file whose MAC does not match.
 */
function readBags(pfx: Pfx, password: string | null, lenient = false): Bags {
  const bags: Bags = { keys: [], certificates: [] };
  for (const contentInfo of children(fromDer(pfx.authSafe))) {
    try {
      readContentInfo(contentInfo, password, bags);
    } catch (error) {
      if (!lenient || error instanceof AppError) throw error;
    }
  }
  return bags;
}

function readContentInfo(contentInfo: Asn1, password: string | null, bags: Bags): void {
  const type = oid(child(contentInfo, 0));
  if (type === oids['data']) {
    readSafeContents(octets(explicit0(child(contentInfo, 1))), password, bags, false);
  } else if (type === oids['encryptedData']) {
    const encryptedData = explicit0(child(contentInfo, 1));
    const info = child(encryptedData, 1);
    const encrypted = children(info)[2];
    if (!encrypted) return; // an empty encrypted safe
    readSafeContents(decrypt(child(info, 1), octets(encrypted), password), password, bags, true);
  } else {
    throw new Unsupported(`content type ${type}`);
  }
}

// ---------------------------------------------------------------------------------------
// From bags to key entries

interface OpenedKey {
  key: KeyObject;
  bag: Bag;
}

function openKeys(bags: Bags): OpenedKey[] {
  return bags.keys.map((bag) => {
    try {
      return { key: createPrivateKey({ key: toBuffer(bag.der), format: 'der', type: 'pkcs8' }), bag };
    } catch (error) {
      throw new CannotDecrypt(error instanceof Error ? error.message : String(error));
    }
  });
}

function openCertificates(bags: Bags): Array<{ cert: X509Certificate; bag: Bag }> {
  return bags.certificates.map((bag) => {
    const cert = parseCertificate(toBuffer(bag.der));
    if (!cert) throw new Malformed('a certificate bag does not hold a certificate');
    return { cert, bag };
  });
}

function toEntries(bags: Bags): KeyEntry[] {
  const keys = openKeys(bags);
  const certificates = openCertificates(bags);
  const leafOf = (key: KeyObject) => certificates.find(({ cert }) => cert.checkPrivateKey(key));
  const leaves = new Set(keys.map(({ key }) => leafOf(key)?.cert));
  return keys.map(({ key, bag }, index) => {
    const leaf = leafOf(key);
    const alias = bag.friendlyName ?? leaf?.bag.friendlyName ?? (keys.length > 1 ? `key ${index + 1}` : null);
    // Every certificate of the file, except the leaves of the other keys.
    const certs = certificates
      .filter(({ cert }) => cert === leaf?.cert || !leaves.has(cert))
      .map(({ cert }) => cert);
    return { alias, key, problem: null, certificates: certs };
  });
}

// ---------------------------------------------------------------------------------------

/**
 * Something this password decrypts reads as what it should be, a key or a certificate: it is
 * the right password. What the file holds unencrypted tells nothing about the password (in
 * a file encrypted with none, `-keypbe NONE -certpbe NONE`, only the MAC uses it).
 */
function opens(pfx: Pfx, password: string): boolean {
  try {
    const { keys, certificates } = readBags(pfx, password, true);
    const isKey = (bag: Bag) => {
      try {
        return Boolean(createPrivateKey({ key: toBuffer(bag.der), format: 'der', type: 'pkcs8' }));
      } catch {
        return false;
      }
    };
    const isCertificate = (bag: Bag) => parseCertificate(toBuffer(bag.der)) !== null;
    return (
      keys.some((bag) => bag.decrypted && isKey(bag)) ||
      certificates.some((bag) => bag.decrypted && isCertificate(bag))
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    return false;
  }
}

function asAppError(error: unknown): never {
  if (error instanceof AppError) throw error;
  if (error instanceof Unsupported) throw new AppError('INVALID_INPUT', MESSAGES.unsupportedPkcs12);
  throw new AppError('INVALID_INPUT', MESSAGES.damaged);
}

export function parsePkcs12(bytes: Buffer, passphrase?: string): ParseOutcome {
  let pfx: Pfx;
  try {
    pfx = readPfx(bytes);
  } catch (error) {
    return asAppError(error);
  }
  const given = passphrase !== undefined && passphrase !== '';
  const candidates: Array<string | null> = given ? [passphrase] : ['', null];
  try {
    refuseCostlyPfx(pfx);
    let password: string | null | undefined;
    if (pfx.mac) {
      const mac = pfx.mac;
      password = candidates.find((candidate) => macMatches(pfx, mac, candidate));
      if (password === undefined) {
        // A wrong passphrase, or the right one and a damaged file: only decrypting tells, and
        // a file with nothing encrypted cannot tell; its passphrase reads as wrong.
        if (given && opens(pfx, passphrase)) throw new AppError('INVALID_INPUT', MESSAGES.damagedIntegrity);
        return { kind: 'needs-passphrase', wrong: given };
      }
    } else {
      password = candidates.find((candidate) => {
        try {
          openKeys(readBags(pfx, candidate));
          return true;
        } catch (error) {
          if (error instanceof CannotDecrypt) return false;
          throw error;
        }
      });
      if (password === undefined) return { kind: 'needs-passphrase', wrong: given };
    }
    const bags = readBags(pfx, password);
    if (bags.keys.length === 0) throw new AppError('INVALID_INPUT', MESSAGES.pkcs12NoKey);
    return {
      kind: 'parsed',
      keystore: { format: 'pkcs12', encrypted: Boolean(password), entries: toEntries(bags) },
    };
  } catch (error) {
    // The MAC held, so the password is right: whatever fails now is the file.
    return asAppError(error);
  }
}
