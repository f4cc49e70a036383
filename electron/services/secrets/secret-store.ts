/**
 * Secrets (SMTP passwords, later keystore passphrases) live in the OS keychain and nowhere
 * else. The backend is a small interface so the keychain library stays replaceable; there
 * is deliberately no plaintext fallback: without a keychain the user is told what to do.
 */
import { AppError } from '../errors';
import { sentence, type Sentence } from '../i18n/sentence';

export interface SecretBackend {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Deletes the secret; deleting one that is not there is not an error. */
  delete(account: string): Promise<void>;
}

export const KEYCHAIN_UNAVAILABLE = sentence('errors.keychainUnavailable');

/** Raised by a backend when the OS keychain itself cannot be reached. */
export class KeychainUnavailableError extends AppError {
  constructor() {
    super('KEYCHAIN_UNAVAILABLE', KEYCHAIN_UNAVAILABLE);
    this.name = 'KeychainUnavailableError';
  }
}

/** What a secret belongs to; with the owner's id it names the keychain entry. */
export type SecretKind =
  'smtp-password' | 'keystore-passphrase' | 'imap-password' | 'oauth-client-secret' | 'oauth-refresh-token';

const account = (kind: SecretKind, id: string) => `${kind}:${id}`;

export class SecretStore {
  private readonly backend: SecretBackend;

  constructor(backend: SecretBackend) {
    this.backend = backend;
  }

  get(kind: SecretKind, id: string): Promise<string | null> {
    return this.backend.get(account(kind, id));
  }

  set(kind: SecretKind, id: string, secret: string): Promise<void> {
    return this.backend.set(account(kind, id), secret);
  }

  delete(kind: SecretKind, id: string): Promise<void> {
    return this.backend.delete(account(kind, id));
  }

  /** Reads a key that is never written, to learn whether the keychain answers at all. */
  async availability(): Promise<{ available: boolean; message: Sentence | null }> {
    try {
      await this.backend.get('availability-probe');
      return { available: true, message: null };
    } catch (error) {
      if (error instanceof KeychainUnavailableError)
        return { available: false, message: KEYCHAIN_UNAVAILABLE };
      throw error;
    }
  }
}
