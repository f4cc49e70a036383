/**
 * Secrets (SMTP and IMAP passwords, keystore passphrases, later OAuth2 refresh tokens) live
 * in the OS keychain and nowhere else. The backend is a small interface so the keychain
 * library stays replaceable; there is deliberately no plaintext fallback: without a
 * keychain the user is told what to do.
 *
 * Every secret is saved together with its binding: what it was saved for (see
 * DESIGN.md "Where a saved secret may go"). Both sit in the one keychain entry, so they are
 * written atomically and editing the settings file cannot point a secret elsewhere.
 */
import { AppError } from '../errors';
import { sentence, type Sentence } from '../i18n/sentence';
import { sameBinding, type SecretBinding } from './binding';

export type { SecretBinding } from './binding';

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

/**
 * A bound read: the secret only when the binding asked for is the one it was saved with.
 * `elsewhere` names what it was saved for (null: saved before bindings existed and no
 * `adopt` binding was given), so the caller can say so and ask for consent.
 */
export type BoundSecret =
  | { state: 'bound'; secret: string }
  | { state: 'missing' }
  | { state: 'elsewhere'; savedFor: SecretBinding | null };

const account = (kind: SecretKind, id: string) => `${kind}:${id}`;

/** The keychain entry's value: a versioned envelope of the secret and its binding. */
const ENVELOPE = 'mail-preflight-bound-secret';
interface Entry {
  secret: string;
  binding: SecretBinding | null;
}

function seal(secret: string, binding: SecretBinding): string {
  return JSON.stringify({ [ENVELOPE]: 1, binding, secret });
}

/** A value written before bindings existed is the bare secret: unbound. */
function open(value: string): Entry {
  if (value.startsWith(`{"${ENVELOPE}":1,`)) {
    try {
      const parsed = JSON.parse(value) as { binding?: unknown; secret?: unknown };
      if (typeof parsed.secret === 'string' && typeof parsed.binding === 'object' && parsed.binding) {
        return { secret: parsed.secret, binding: parsed.binding as SecretBinding };
      }
    } catch {
      // not an envelope after all: a password that merely looks like one
    }
  }
  return { secret: value, binding: null };
}

export class SecretStore {
  private readonly backend: SecretBackend;

  constructor(backend: SecretBackend) {
    this.backend = backend;
  }

  /**
   * The secret, only if it was saved for `binding` (compared value by value, host names
   * without case). Use this for every read that sends a secret anywhere.
   *
   * `adopt` is for secrets saved before bindings existed: such a secret is bound to `adopt`
   * (what its owner's saved settings say today, the only place it has ever been used) and
   * then compared like any other.
   *
   * @example
   *   const read = await secrets.getBound('smtp-password', profile.id, smtpBinding(form));
   *   if (read.state === 'elsewhere') // ask: "Send the saved password to smtp.other.example?"
   */
  async getBound(
    kind: SecretKind,
    id: string,
    binding: SecretBinding,
    options: { adopt?: SecretBinding } = {},
  ): Promise<BoundSecret> {
    const value = await this.backend.get(account(kind, id));
    if (value === null) return { state: 'missing' };
    let entry = open(value);
    if (entry.binding === null && options.adopt) {
      entry = { secret: entry.secret, binding: options.adopt };
      await this.backend.set(account(kind, id), seal(entry.secret, options.adopt));
    }
    if (entry.binding && sameBinding(entry.binding, binding)) return { state: 'bound', secret: entry.secret };
    return { state: 'elsewhere', savedFor: entry.binding };
  }

  /**
   * The secret whatever it was saved for. To send it to a server, only after the user's
   * explicit consent that names the new destination ("Send the saved password to
   * smtp.other.example?"); otherwise for what sends it nowhere by itself (an export the user
   * asked for, a check that it exists). The binding is left as it was.
   */
  async get(kind: SecretKind, id: string): Promise<string | null> {
    const value = await this.backend.get(account(kind, id));
    return value === null ? null : open(value).secret;
  }

  /**
   * Saves the secret bound to what it is for. Without a binding it is saved bare, as before
   * bindings existed: getBound then treats it as unbound (see `adopt`).
   */
  set(kind: SecretKind, id: string, secret: string, binding?: SecretBinding): Promise<void> {
    return this.backend.set(account(kind, id), binding ? seal(secret, binding) : secret);
  }

  /**
   * Binds a saved secret to new values, when the user saved its owner with them (they typed
   * the new host where the secret is kept). Nothing happens when no secret is saved or the
   * binding is already this one.
   */
  async rebind(kind: SecretKind, id: string, binding: SecretBinding): Promise<void> {
    const value = await this.backend.get(account(kind, id));
    if (value === null) return;
    const entry = open(value);
    if (entry.binding && sameBinding(entry.binding, binding)) return;
    await this.backend.set(account(kind, id), seal(entry.secret, binding));
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
