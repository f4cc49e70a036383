/**
 * PBES2 (RFC 8018), what OpenSSL 3 encrypts a PKCS#12's key and certificates with (PBKDF2
 * with HMAC-SHA-256, AES-256-CBC), its key derived by Node's PBKDF2 (OpenSSL's, BoringSSL's
 * in Electron) rather than by forge's: forge derives in JavaScript, which for a file near
 * MAX_ITERATIONS (pkcs12.ts) took seconds per derivation where Node takes a fraction of one.
 *
 * The cipher stays forge's, as in forge's own PBES2: the data is a few kilobytes, and single
 * DES, which old exporters used, is not in OpenSSL 3's default provider.
 */
import { pbkdf2Sync } from 'node:crypto';
import forge from 'node-forge';

const { oids } = forge.pki;

/** PBES2-params as the file gives them (the PBKDF2 salt and count, PRF, cipher and IV). */
export interface Pbes2Params {
  kdfOid: string;
  salt: string;
  iterations: number;
  /** null: the PRF is absent, which means HMAC-SHA-1. */
  prfOid: string | null;
  cipherOid: string;
  iv: string;
}

/** The PRFs forge's PBES2 knows, as Node's digest names. */
const PRF_DIGESTS: Record<string, string> = {
  [oids['hmacWithSHA1']!]: 'sha1',
  [oids['hmacWithSHA224']!]: 'sha224',
  [oids['hmacWithSHA256']!]: 'sha256',
  [oids['hmacWithSHA384']!]: 'sha384',
  [oids['hmacWithSHA512']!]: 'sha512',
};

/** The ciphers forge's PBES2 knows: forge's name and the key length. */
const CIPHERS: Record<string, { algorithm: forge.cipher.Algorithm; keyLength: number }> = {
  [oids['aes128-CBC']!]: { algorithm: 'AES-CBC', keyLength: 16 },
  [oids['aes192-CBC']!]: { algorithm: 'AES-CBC', keyLength: 24 },
  [oids['aes256-CBC']!]: { algorithm: 'AES-CBC', keyLength: 32 },
  [oids['des-EDE3-CBC']!]: { algorithm: '3DES-CBC', keyLength: 24 },
  [oids['desCBC']!]: { algorithm: 'DES-CBC', keyLength: 8 },
};

/**
 * A started decipher for PBES2 with this password (its UTF-8 bytes, as PBKDF2 takes them).
 * Throws when the file asks for a derivation or a cipher forge's PBES2 does not have either.
 */
export function pbes2Decipher(params: Pbes2Params, password: string): forge.cipher.BlockCipher {
  if (params.kdfOid !== oids['pkcs5PBKDF2']) throw new Error(`key derivation ${params.kdfOid}`);
  const digest = PRF_DIGESTS[params.prfOid ?? oids['hmacWithSHA1']!];
  if (!digest) throw new Error(`PRF ${params.prfOid}`);
  const cipher = CIPHERS[params.cipherOid];
  if (!cipher) throw new Error(`cipher ${params.cipherOid}`);
  const key = pbkdf2Sync(
    password,
    Buffer.from(params.salt, 'binary'),
    params.iterations,
    cipher.keyLength,
    digest,
  );
  const decipher = forge.cipher.createDecipher(cipher.algorithm, key.toString('binary'));
  decipher.start({ iv: params.iv });
  return decipher;
}
