/**
 * Reads a keystore the user chose, whatever its format: the format is told by the bytes
 * (a ".jks" written by a current keytool is PKCS#12 inside), then the format's parser
 * opens it with the passphrase. Everything happens in memory; nothing here writes a file.
 *
 * A parser either opens the keystore, or says that it needs a passphrase (none given, or a
 * wrong one), or throws an AppError with one sentence for the user.
 */
import { AppError } from '../errors';
import { parseCertificate } from './certificate-summary';
import { JCEKS_MAGIC, JKS_MAGIC, parseJks } from './jks';
import { MESSAGES } from './messages';
import type { Sentence } from '../i18n/sentence';
import { isPemText, parsePem } from './pem';
import { looksLikePkcs12, parsePkcs12 } from './pkcs12';
import type { ImportFile } from './types';
import type { ParseOutcome } from './parse-outcome';

const invalid = (message: Sentence) => new AppError('INVALID_INPUT', message);

/** The declared length of a DER SEQUENCE at the start of the bytes, or null. */
function derSequenceLength(bytes: Buffer): number | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length;
}

function parseOne(file: ImportFile, passphrase: string | undefined): ParseOutcome {
  const { bytes } = file;
  const magic = bytes.length >= 4 ? bytes.readUInt32BE(0) : null;
  if (magic === JKS_MAGIC) return parseJks(bytes, passphrase);
  if (magic === JCEKS_MAGIC) throw invalid(MESSAGES.jceks);
  if (isPemText(bytes)) return parsePem([file], passphrase);
  if (looksLikePkcs12(bytes)) return parsePkcs12(bytes, passphrase);
  if (bytes[0] === 0x30) {
    // A DER key or certificate alone is read as PEM would be (it says what is missing).
    if (parseCertificate(bytes)) throw invalid(MESSAGES.certificateOnly);
    const declared = derSequenceLength(bytes);
    if (declared !== null && declared > bytes.length) throw invalid(MESSAGES.damaged);
    return parsePem([file], passphrase);
  }
  throw invalid(MESSAGES.notAKeystore);
}

export function parseKeystore(files: ImportFile[], passphrase?: string): ParseOutcome {
  if (files.length === 0) throw invalid(MESSAGES.noFiles);
  if (files.length === 1) {
    const outcome = parseOne(files[0]!, passphrase);
    if (outcome.kind === 'parsed') outcome.keystore.fileName ??= files[0]!.name;
    return outcome;
  }
  // Several files: a PEM key and its certificates. A container must come alone.
  for (const file of files) {
    const magic = file.bytes.length >= 4 ? file.bytes.readUInt32BE(0) : null;
    if (
      magic === JKS_MAGIC ||
      magic === JCEKS_MAGIC ||
      (!isPemText(file.bytes) && looksLikePkcs12(file.bytes))
    ) {
      throw invalid(MESSAGES.severalContainers);
    }
  }
  return parsePem(files, passphrase);
}
