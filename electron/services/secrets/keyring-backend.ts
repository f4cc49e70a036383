/**
 * The OS keychain through @napi-rs/keyring: Keychain on macOS, Credential Manager on
 * Windows, the Secret Service (GNOME Keyring, KWallet) on Linux. N-API with prebuilt
 * binaries, so the same build loads in Node and in Electron without a rebuild.
 *
 * On Linux the entry is pinned to the Secret Service: the library would otherwise fall back
 * to the kernel keyring, which forgets everything at reboot — a password that silently
 * vanishes is worse than a clear "no keychain" message.
 *
 * The native module loads with the first call, so a run that needs no secret (a CLI run
 * with --password-env) does not load it.
 */
import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring';
import { KeychainUnavailableError, type SecretBackend } from './secret-store';

export const KEYCHAIN_SERVICE = 'Mail Preflight';

const OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

export class KeyringBackend implements SecretBackend {
  private readonly service: string;

  constructor(service = KEYCHAIN_SERVICE) {
    this.service = service;
  }

  get(account: string): Promise<string | null> {
    return this.call(account, (entry) => entry.getPassword());
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call(account, (entry) => entry.setPassword(secret));
  }

  async delete(account: string): Promise<void> {
    await this.call(account, (entry) => entry.deleteCredential());
  }

  /**
   * Every failure of the keychain itself (no Secret Service on the bus, no bus, a locked
   * store the user refused to unlock) becomes one sentence; the library's own text can
   * name D-Bus internals that mean nothing to an administrator.
   */
  private async call<T>(account: string, action: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    try {
      const { AsyncEntry } = await import('@napi-rs/keyring');
      return await action(new AsyncEntry(this.service, account, OPTIONS));
    } catch {
      throw new KeychainUnavailableError();
    }
  }
}
