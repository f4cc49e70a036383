/**
 * Trusted certificates: certificates of servers (or of their CAs) the user imported from a
 * file or fetched from the server and confirmed. A profile picks which of them its runs
 * trust: `trustFor(ids)` gives imported files to `TlsMaterial.ca` (beside the system
 * store) and pinned server certificates to `TlsMaterial.pins` (the only trust for the host).
 *
 * On disk: `<dataDir>/trusted/<id>.pem` (the certificate) and `<id>.json` (where it came
 * from, when), the id being the first 16 hex digits of the SHA-256 fingerprint, so the same
 * certificate cannot be stored twice.
 *
 * What `pin` stores, and why (tested in test/unit/tls-material/fetch-chain.test.ts):
 * OpenSSL accepts a certificate of `ca` as a trust anchor only when it is self-signed —
 * unless partial chains are allowed (Node's `allowPartialTrustChain`). So when the chain
 * the server presented ends in a self-signed certificate (a private CA's root, or a
 * self-signed server certificate) that one is pinned: it verifies with plain `ca`, and a
 * pinned root keeps working when the server's certificate is renewed. When the server did
 * not send its root (the chain ends in a certificate whose issuer is missing), the leaf is
 * pinned — the narrowest trust that names exactly this server; pinning a presented
 * intermediate instead would trust everything that intermediate issues. A pinned leaf
 * verifies only with `allowPartialTrustChain: true` in the run's TLS options.
 */
import { type X509Certificate } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors';
import {
  fingerprintId,
  isSelfSigned,
  parseCertificate,
  shortFingerprint,
  summarizeCertificate,
} from './certificate-summary';
import { ensurePrivateDir, readJson, SerialQueue, writePrivateFile } from './files';
import { MESSAGES } from './messages';
import type { Sentence } from '../i18n/sentence';
import { isPemText, pemBlocks } from './pem';
import type { ImportFile, TrustedCertificate } from './types';

export const TRUSTED_DIR = 'trusted';
const ID_PATTERN = /^[0-9a-f]{16}$/;

interface TrustedMeta {
  version: 1;
  id: string;
  importedAt: string;
  source: 'file' | 'server';
  sourceDetail: string;
}

const invalid = (message: Sentence) => new AppError('INVALID_INPUT', message);
const notFound = () => new AppError('NOT_FOUND', MESSAGES.trustedNotFound);

/** Every certificate of a PEM file (one or a bundle) or of a DER file, once each. */
export function certificatesOfFile(bytes: Buffer): X509Certificate[] {
  let certificates: X509Certificate[];
  if (isPemText(bytes)) {
    const { blocks, incomplete } = pemBlocks(bytes.toString('utf8'));
    const certificateBlocks = blocks.filter(
      (block) => block.label === 'CERTIFICATE' || block.label === 'X509 CERTIFICATE',
    );
    if (certificateBlocks.length === 0)
      throw invalid(incomplete ? MESSAGES.certificateDamaged : MESSAGES.noCertificateInPem);
    certificates = certificateBlocks.map((block) => {
      const cert = parseCertificate(block.text);
      if (!cert) throw invalid(MESSAGES.certificateDamaged);
      return cert;
    });
    if (incomplete) throw invalid(MESSAGES.certificateDamaged);
  } else {
    const cert = parseCertificate(bytes);
    if (!cert) {
      // A DER SEQUENCE cut short is a damaged certificate; anything else is another kind of file.
      throw invalid(
        bytes[0] === 0x30 && bytes.length > 16 ? MESSAGES.certificateDamaged : MESSAGES.notACertificate,
      );
    }
    certificates = [cert];
  }
  const seen = new Set<string>();
  return certificates.filter(
    (cert) => !seen.has(cert.fingerprint256) && Boolean(seen.add(cert.fingerprint256)),
  );
}

/** For the CLI's `--ca FILE`: the file's certificates as PEM, used in place, never stored. */
export function caPemsFromFile(bytes: Buffer): string[] {
  return certificatesOfFile(bytes).map((cert) => cert.toString());
}

/** Which certificate of a presented chain (leaf first) `pin` trusts: see the file's header. */
export function certificateToPin(chain: X509Certificate[]): X509Certificate {
  const last = chain[chain.length - 1];
  if (!last) throw invalid(MESSAGES.emptyChain);
  return isSelfSigned(last) ? last : chain[0]!;
}

export class TrustStore {
  private readonly dir: string;
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.dir = join(dataDir, TRUSTED_DIR);
  }

  /**
   * Trusts every certificate of a PEM (one or a bundle) or DER file. Certificates already
   * trusted are skipped; when all of them are, that is the error.
   */
  importFile(file: ImportFile): Promise<TrustedCertificate[]> {
    return this.queue.run(async () => {
      const certificates = certificatesOfFile(file.bytes);
      const fresh: X509Certificate[] = [];
      for (const cert of certificates) if (!(await this.has(cert))) fresh.push(cert);
      if (fresh.length === 0) {
        throw invalid(
          certificates.length === 1
            ? MESSAGES.alreadyTrusted(shortFingerprint(certificates[0]!.fingerprint256))
            : MESSAGES.allAlreadyTrusted(certificates.length),
        );
      }
      const stored: TrustedCertificate[] = [];
      for (const cert of fresh) stored.push(await this.store(cert, 'file', file.name));
      return stored;
    });
  }

  /**
   * Trusts a server's certificate the user confirmed after `fetchServerChain`: given the
   * chain as presented (PEM, leaf first) and "host:port", stores the self-signed end of the
   * chain if it has one, else the leaf (see the file's header).
   */
  pin(pemChain: string[], source: string): Promise<TrustedCertificate> {
    return this.queue.run(async () => {
      const chain = pemChain.map((pem) => {
        const cert = parseCertificate(pem);
        if (!cert) throw invalid(MESSAGES.certificateDamaged);
        return cert;
      });
      const chosen = certificateToPin(chain);
      if (await this.has(chosen))
        throw invalid(MESSAGES.alreadyTrusted(shortFingerprint(chosen.fingerprint256)));
      return this.store(chosen, 'server', source);
    });
  }

  async list(): Promise<TrustedCertificate[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const ids = names.filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
    // An unreadable entry is left out of the list rather than failing it.
    const entries = await Promise.all(ids.map((id) => this.read(id).catch(() => null)));
    return entries
      .filter((entry): entry is TrustedCertificate => entry !== null)
      .sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<TrustedCertificate> {
    const entry = await this.read(id);
    if (!entry) throw notFound();
    return entry;
  }

  delete(id: string): Promise<void> {
    return this.queue.run(async () => {
      if (!(await this.read(id))) throw notFound();
      await rm(join(this.dir, `${id}.json`), { force: true });
      await rm(join(this.dir, `${id}.pem`), { force: true });
    });
  }

  /** The certificates' PEM, for `TlsMaterial.ca`; an unknown id is NOT_FOUND. */
  /**
   * A profile's trust, split by what it means: certificates fetched from a server and
   * pinned are the only trust for that profile's host (`pins`, see smtp/tls-options.ts);
   * imported files (a private CA, say) are trusted beside the system's roots (`ca`).
   */
  async trustFor(ids: string[]): Promise<{ ca: string[]; pins: string[] }> {
    const pems = await this.pems(ids);
    const sources = await Promise.all(ids.map(async (id) => (await this.read(id))?.source));
    return {
      ca: pems.filter((_, index) => sources[index] !== 'server'),
      pins: pems.filter((_, index) => sources[index] === 'server'),
    };
  }

  async pems(ids: string[]): Promise<string[]> {
    return Promise.all(
      ids.map(async (id) => {
        if (!(await this.read(id))) throw notFound();
        return (await this.readPem(id))!;
      }),
    );
  }

  // -------------------------------------------------------------------------------------

  private async has(cert: X509Certificate): Promise<boolean> {
    return (await this.read(fingerprintId(cert.fingerprint256))) !== null;
  }

  private async store(
    cert: X509Certificate,
    source: 'file' | 'server',
    sourceDetail: string,
  ): Promise<TrustedCertificate> {
    const id = fingerprintId(cert.fingerprint256);
    const meta: TrustedMeta = { version: 1, id, importedAt: new Date().toISOString(), source, sourceDetail };
    await ensurePrivateDir(this.dir);
    // The certificate first: the .json is what makes it listed.
    await writePrivateFile(join(this.dir, `${id}.pem`), cert.toString());
    await writePrivateFile(join(this.dir, `${id}.json`), `${JSON.stringify(meta, null, 2)}\n`);
    return { id, certificate: summarizeCertificate(cert), importedAt: meta.importedAt, source, sourceDetail };
  }

  private async readPem(id: string): Promise<string | null> {
    if (!ID_PATTERN.test(id)) return null;
    try {
      return await readFile(join(this.dir, `${id}.pem`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private async read(id: string): Promise<TrustedCertificate | null> {
    if (!ID_PATTERN.test(id)) return null;
    const meta = await readJson<TrustedMeta>(join(this.dir, `${id}.json`));
    const pem = meta && (await this.readPem(id));
    const cert = pem ? parseCertificate(pem) : null;
    if (!meta || !cert) return null;
    return {
      id,
      certificate: summarizeCertificate(cert),
      importedAt: meta.importedAt,
      source: meta.source,
      sourceDetail: meta.sourceDetail,
    };
  }
}
