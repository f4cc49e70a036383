/**
 * SSL keys and trusted certificates as the app uses them: imports from files the user chose
 * in main's file dialog (by token: the renderer never sees key material), the profiles
 * that use each one, fetching and pinning a server's chain, and the TLS material a
 * profile's runs present and trust.
 */
import { randomUUID } from 'node:crypto';
import type { ChosenFileRegistry } from './chosen-files';
import { AppError } from './errors';
import { sentence } from './i18n/sentence';
import type { ProfileService } from './profiles';
import type { ProfileFields } from './settings/profile';
import type { TlsMaterial } from './smtp/tls-options';
import type {
  FetchedChain,
  KeystoreInfo,
  KeystoreInspection,
  KeystoreStore,
  TrustedCertificate,
  TrustStore,
} from './tls-material';

export interface UsedBy {
  /** Names of the profiles that use this key or certificate. */
  usedBy: string[];
}

export interface FetchRequest {
  host: string;
  port: number;
  security: 'starttls' | 'tls';
}

/** A fetched chain waits here for the user's confirmation; pinning takes what was fetched. */
const FETCH_LIFETIME_MS = 10 * 60 * 1000;

export class CertificateService {
  private readonly fetched = new Map<string, { chain: FetchedChain; expires: number }>();
  private readonly keystores: KeystoreStore;
  private readonly trust: TrustStore;
  private readonly files: ChosenFileRegistry;
  private readonly profiles: ProfileService;
  private readonly timeoutMs: number;

  constructor(parts: {
    keystores: KeystoreStore;
    trust: TrustStore;
    files: ChosenFileRegistry;
    profiles: ProfileService;
    timeoutMs: number;
  }) {
    this.keystores = parts.keystores;
    this.trust = parts.trust;
    this.files = parts.files;
    this.profiles = parts.profiles;
    this.timeoutMs = parts.timeoutMs;
  }

  async listKeystores(): Promise<Array<KeystoreInfo & UsedBy>> {
    const profiles = this.profiles.all();
    return (await this.keystores.list()).map((key) => ({
      ...key,
      usedBy: profiles.filter((p) => p.clientKeyId === key.id).map((p) => p.name),
    }));
  }

  async inspectKeystore(token: string, passphrase?: string, alias?: string): Promise<KeystoreInspection> {
    return this.keystores.inspect(await this.files.read(token), passphrase, alias);
  }

  async importKeystore(token: string, passphrase?: string, alias?: string): Promise<KeystoreInfo> {
    const info = await this.keystores.import(await this.files.read(token), passphrase, alias);
    this.files.forget(token);
    return info;
  }

  /** Deletes the key; the profiles that used it go back to presenting none. */
  async deleteKeystore(id: string): Promise<void> {
    await this.keystores.get(id);
    for (const profile of this.profiles.all().filter((p) => p.clientKeyId === id)) {
      await this.profiles.update(profile.id, { ...profile, clientKeyId: null });
    }
    await this.keystores.delete(id);
  }

  async listTrusted(): Promise<Array<TrustedCertificate & UsedBy>> {
    const profiles = this.profiles.all();
    return (await this.trust.list()).map((cert) => ({
      ...cert,
      usedBy: profiles.filter((p) => p.trustedCertificateIds.includes(cert.id)).map((p) => p.name),
    }));
  }

  async importTrusted(token: string): Promise<TrustedCertificate[]> {
    const [file, ...more] = await this.files.read(token);
    if (!file || more.length) throw new AppError('INVALID_INPUT', sentence('errors.oneCertificateFile'));
    const imported = await this.trust.importFile(file);
    this.files.forget(token);
    return imported;
  }

  /** Connects and reads the chain the server presents, for the user to look at before pinning. */
  async fetchChain(request: FetchRequest, ca?: string[]): Promise<FetchedChain & { token: string }> {
    const { fetchServerChain } = await import('./tls-material/fetch-chain');
    const chain = await fetchServerChain({ ...request, timeoutMs: this.timeoutMs, ...(ca ? { ca } : {}) });
    const token = randomUUID();
    this.fetched.set(token, { chain, expires: Date.now() + FETCH_LIFETIME_MS });
    return { ...chain, token };
  }

  /** Trusts the chain fetched under `token` (see TrustStore.pin for which certificate). */
  async pin(token: string): Promise<TrustedCertificate> {
    const entry = this.fetched.get(token);
    if (!entry || entry.expires < Date.now()) {
      throw new AppError('INVALID_INPUT', sentence('errors.fetchExpired'));
    }
    const pinned = await this.trust.pin(
      entry.chain.chain.map((c) => c.pem),
      `${entry.chain.host}:${entry.chain.port}`,
    );
    this.fetched.delete(token);
    return pinned;
  }

  /** Deletes the certificate; the profiles that trusted it stop doing so. */
  async deleteTrusted(id: string): Promise<void> {
    await this.trust.get(id);
    for (const profile of this.profiles.all().filter((p) => p.trustedCertificateIds.includes(id))) {
      const trustedCertificateIds = profile.trustedCertificateIds.filter((t) => t !== id);
      await this.profiles.update(profile.id, { ...profile, trustedCertificateIds });
    }
    await this.trust.delete(id);
  }

  /** The names of a profile's SSL key and trusted certificates, as the lists show them (exports). */
  async namesFor(
    fields: Pick<ProfileFields, 'clientKeyId' | 'trustedCertificateIds'>,
  ): Promise<{ clientKey: string | null; trusted: string[] }> {
    const clientKey = fields.clientKeyId ? (await this.keystores.get(fields.clientKeyId)).name : null;
    const trusted = fields.trustedCertificateIds.length
      ? (await this.trust.list())
          .filter((c) => fields.trustedCertificateIds.includes(c.id))
          .map((c) => c.sourceDetail)
      : [];
    return { clientKey, trusted };
  }

  /** What a profile's runs present (its SSL key) and trust beyond the system store. */
  async materialFor(
    fields: Pick<ProfileFields, 'clientKeyId' | 'trustedCertificateIds'>,
  ): Promise<TlsMaterial> {
    const material: TlsMaterial = {};
    if (fields.clientKeyId) Object.assign(material, await this.keystores.material(fields.clientKeyId));
    if (fields.trustedCertificateIds.length) {
      const { ca, pins } = await this.trust.trustFor(fields.trustedCertificateIds);
      if (ca.length) material.ca = ca;
      if (pins.length) material.pins = pins;
    }
    return material;
  }
}
