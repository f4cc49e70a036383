/**
 * The SSL keys (client keystores) the user imported.
 *
 * On disk, `<dataDir>/keystores/<id>/` holds the ORIGINAL file bytes — still encrypted by
 * their own passphrase, never decrypted on disk — and `meta.json` (name, format, alias, the
 * public certificates for the lists). The passphrase goes to the OS keychain only
 * (kind 'keystore-passphrase', the keystore's id). Keys are decrypted in memory, for the
 * preview and for a run's handshake (`material`), and never written.
 *
 * Bad input stores nothing: everything is checked first, the files are written in a temp
 * folder and renamed into place only once the keychain has the passphrase.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors';
import type { SecretStore } from '../secrets/secret-store';
import { clientCertificateWarnings, parseCertificate, summarizeCertificate } from './certificate-summary';
import { keystoreBinding } from '../secrets/binding';
import { ensurePrivateDir, readJson, SerialQueue, writePrivateFile } from './files';
import { MESSAGES } from './messages';
import type { Sentence } from '../i18n/sentence';
import type { Opened, OpenOutcome } from './open-keystore';
import type { ImportFile, KeystoreFormat, KeystoreInfo, KeystoreInspection } from './types';

export const KEYSTORES_DIR = 'keystores';
export const KEYSTORE_META_FILE = 'meta.json';
const ID_PATTERN = /^[0-9a-f]{16}$/;

interface KeystoreMeta {
  version: 1;
  id: string;
  name: string;
  format: KeystoreFormat;
  alias: string | null;
  importedAt: string;
  /** Whether a passphrase is in the keychain for it. */
  encrypted: boolean;
  /** The original files, as stored in the folder (`file-0`, ...). */
  files: Array<{ name: string; stored: string }>;
  /** Public certificates (PEM), leaf first: the lists need no passphrase. */
  chain: string[];
}

const invalid = (message: Sentence) => new AppError('INVALID_INPUT', message);

function infoFromMeta(meta: KeystoreMeta): KeystoreInfo {
  const chain = meta.chain.map((pem) => summarizeCertificate(parseCertificate(pem)!));
  const certificate = chain[0]!;
  return {
    id: meta.id,
    name: meta.name,
    format: meta.format,
    alias: meta.alias,
    certificate,
    chain,
    importedAt: meta.importedAt,
    warnings: clientCertificateWarnings(certificate),
  };
}

/** Opening keystores (and the worker that parses them) loads with the first keystore opened. */
const parsers = () => import('./open-keystore');

export class KeystoreStore {
  private readonly dir: string;
  private readonly secrets: SecretStore;
  private readonly queue = new SerialQueue();

  constructor(dataDir: string, secrets: SecretStore) {
    this.dir = join(dataDir, KEYSTORES_DIR);
    this.secrets = secrets;
  }

  /** Checks the files and the passphrase; tells what is still needed, or shows the key. */
  async inspect(files: ImportFile[], passphrase?: string, alias?: string): Promise<KeystoreInspection> {
    const outcome = await this.evaluate(files, passphrase, alias);
    return outcome.kind === 'opened' ? { kind: 'ready', preview: outcome.opened.preview } : outcome;
  }

  /** Imports what `inspect` calls ready; anything else is an AppError with its sentence. */
  import(files: ImportFile[], passphrase?: string, alias?: string): Promise<KeystoreInfo> {
    return this.queue.run(async () => {
      const outcome = await this.evaluate(files, passphrase, alias);
      if (outcome.kind !== 'opened') throw invalid((await parsers()).inspectionSentence(outcome));
      return this.store(files, outcome.opened, passphrase);
    });
  }

  async list(): Promise<KeystoreInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const infos = await Promise.all(
      names.filter((name) => ID_PATTERN.test(name)).map((name) => this.readInfo(name)),
    );
    return infos
      .filter((info): info is KeystoreInfo => info !== null)
      .sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<KeystoreInfo> {
    return infoFromMeta(await this.requireMeta(id));
  }

  /** Removes the keystore's files and its passphrase from the keychain. */
  delete(id: string): Promise<void> {
    return this.queue.run(async () => {
      const meta = await this.requireMeta(id);
      // The keychain first: if it cannot be reached, nothing is removed and the user can retry.
      if (meta.encrypted) await this.secrets.delete('keystore-passphrase', id);
      await rm(join(this.dir, id), { recursive: true, force: true });
    });
  }

  /**
   * The key and its chain as PEM for `tls.connect` (cert: leaf then the rest of the chain;
   * key: unencrypted PKCS#8), decrypted in memory with the keychain's passphrase. Callers
   * hand it to the TLS options and drop it; it must never be written or logged.
   */
  async material(id: string): Promise<{ cert: string; key: string }> {
    const meta = await this.requireMeta(id);
    const folder = join(this.dir, id);
    const files = await Promise.all(
      meta.files.map(async (file) => ({ name: file.name, bytes: await readFile(join(folder, file.stored)) })),
    );
    let passphrase: string | undefined;
    if (meta.encrypted) {
      // The passphrase opens these very files only: a swapped file does not get it.
      const binding = keystoreBinding(files.map((file) => file.bytes));
      const read = await this.secrets.getBound('keystore-passphrase', id, binding, { adopt: binding });
      if (read.state === 'missing') throw invalid(MESSAGES.keystorePassphraseMissing(meta.name));
      if (read.state === 'elsewhere') throw invalid(MESSAGES.keystoreChanged(meta.name));
      passphrase = read.secret;
    }
    const outcome = await (await parsers()).openKeystore(files, passphrase, meta.alias ?? undefined);
    if (outcome.kind !== 'opened') throw invalid(MESSAGES.keystorePassphraseMissing(meta.name));
    return outcome.opened.material();
  }

  // -------------------------------------------------------------------------------------

  /** Opens the files, then refuses a key that is already imported. */
  private async evaluate(files: ImportFile[], passphrase?: string, alias?: string): Promise<OpenOutcome> {
    const outcome = await (await parsers()).openNewKeystore(files, passphrase, alias);
    if (outcome.kind !== 'opened') return outcome;
    const fingerprint = outcome.opened.preview.certificate.fingerprint256;
    const duplicate = (await this.list()).find(
      (existing) => existing.certificate.fingerprint256 === fingerprint,
    );
    if (duplicate) throw invalid(MESSAGES.duplicateKey(duplicate.name));
    return outcome;
  }

  private async store(
    files: ImportFile[],
    opened: Opened,
    passphrase: string | undefined,
  ): Promise<KeystoreInfo> {
    const id = randomBytes(8).toString('hex');
    const createdRoot = await ensurePrivateDir(this.dir);
    const temp = join(this.dir, `.import-${id}`);
    let secretWritten = false;
    try {
      await ensurePrivateDir(temp);
      const stored = files.map((file, index) => ({ name: file.name, stored: `file-${index}` }));
      for (const [index, file] of files.entries())
        await writePrivateFile(join(temp, stored[index]!.stored), file.bytes);
      const meta: KeystoreMeta = {
        version: 1,
        id,
        name: opened.preview.name,
        format: opened.preview.format,
        alias: opened.preview.alias,
        importedAt: new Date().toISOString(),
        encrypted: opened.encrypted,
        files: stored,
        chain: opened.chain.map((cert) => cert.toString()),
      };
      await writePrivateFile(join(temp, KEYSTORE_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
      if (opened.encrypted) {
        const binding = keystoreBinding(files.map((file) => file.bytes));
        await this.secrets.set('keystore-passphrase', id, passphrase!, binding);
        secretWritten = true;
      }
      await rename(temp, join(this.dir, id));
      return infoFromMeta(meta);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      if (secretWritten) await this.secrets.delete('keystore-passphrase', id).catch(() => undefined);
      if (createdRoot) await rmdir(this.dir).catch(() => undefined);
      throw error;
    }
  }

  /** One key for the list; a folder whose meta.json is unreadable is left out, not fatal. */
  private async readInfo(id: string): Promise<KeystoreInfo | null> {
    try {
      const meta = await this.readMeta(id);
      return meta && infoFromMeta(meta);
    } catch {
      return null;
    }
  }

  private async readMeta(id: string): Promise<KeystoreMeta | null> {
    if (!ID_PATTERN.test(id)) return null;
    return readJson<KeystoreMeta>(join(this.dir, id, KEYSTORE_META_FILE));
  }

  private async requireMeta(id: string): Promise<KeystoreMeta> {
    const meta = await this.readMeta(id);
    if (!meta) throw new AppError('NOT_FOUND', MESSAGES.keystoreNotFound);
    return meta;
  }
}
