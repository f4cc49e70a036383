/**
 * Profiles as the UI and the CLI see them: the stored settings plus whether a password is
 * set (never the password itself) and the newest run from the log.
 *
 * A profile and its password are saved together or not at all: the keychain is written
 * first, and a settings write that fails afterwards takes the secret back out.
 *
 * Each password is bound to the settings it was saved with (secrets/binding.ts); saving the
 * profile with new values binds its passwords to them, since the user typed them there.
 */
import { randomUUID } from 'node:crypto';
import type { LogSummary } from './log/types';
import { AppError } from './errors';
import { sentence, type Sentence } from './i18n/sentence';
import type { TestLog } from './log/test-log';
import type { SecretStore } from './secrets/secret-store';
import { imapBinding, oauth2Binding, oauth2ClientBinding, sameBinding, smtpBinding } from './secrets/binding';
import { profileFieldsSchema } from './settings/profile-schema';
import {
  pickProfileFields,
  type Profile,
  type ProfileFields,
  type ProfileFieldsInput,
} from './settings/profile';
import type { SettingsStore, StoredProfile } from './settings/settings-store';

export interface ProfileListItem extends Profile {
  lastRun: LogSummary | null;
  /**
   * Set when the profile in the settings file fails validation: why, as sentences.
   * The other fields are what could be kept of it (defaults for the rest); saving them
   * repairs it, deleting removes it. Absent for a sound profile.
   */
  broken?: Sentence[];
}

/** A switch of the profile's login (see ProfileService.switchAuth). */
export interface AuthSwitch {
  /** The profile's fields with the new `auth` (and OAuth2 client, mailbox or username). */
  fields: ProfileFieldsInput;
  /** With `password`: the password to save for the profile's server and username. */
  password?: string | undefined;
  /** With `oauth2`: the client secret to save (Google's installed-app clients have one). */
  clientSecret?: string | undefined;
}

/** A login's secret that another login cannot use. */
export type LoginSecret = 'smtp-password' | 'oauth-refresh-token' | 'oauth-client-secret';

export interface AuthSwitched {
  profile: Profile;
  /** The secrets the new login cannot use, which left the keychain. */
  removed: LoginSecret[];
}

function toProfile(stored: StoredProfile): Profile {
  return {
    ...structuredClone(stored.fields),
    id: stored.id,
    passwordSet: stored.passwordSet,
    imapPasswordSet: stored.imapPasswordSet,
    oauthClientSecretSet: stored.oauthClientSecretSet,
    oauthSignedIn: stored.oauthSignedIn,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
  };
}

export class ProfileService {
  private readonly openSettings: () => SettingsStore;
  private readonly secrets: SecretStore;
  private readonly log: TestLog;

  /** `settings` opens the store on first use: a run from explicit settings never reads it. */
  constructor(settings: () => SettingsStore, secrets: SecretStore, log: TestLog) {
    this.openSettings = settings;
    this.secrets = secrets;
    this.log = log;
  }

  private get settings(): SettingsStore {
    return this.openSettings();
  }

  /** Every profile with its newest run; broken ones (see ProfileListItem.broken) last. */
  async listWithLastRun(): Promise<ProfileListItem[]> {
    const latest = await this.log.latestByProfile();
    const lastRun = (id: string) => latest.get(id) ?? null;
    return [
      ...this.settings.list().map((p) => ({ ...toProfile(p), lastRun: lastRun(p.id) })),
      ...this.settings
        .broken()
        .map((b) => ({ ...toProfile(b.salvaged), lastRun: lastRun(b.id), broken: b.reason })),
    ];
  }

  /** A profile of that name that fails validation, with the reason (the CLI names it). */
  findBrokenByName(name: string): { name: string; reason: Sentence[] } | undefined {
    const broken = this.settings.findBrokenByName(name);
    return broken && { name: broken.salvaged.fields.name, reason: broken.reason };
  }

  /** Every profile, without the log lookup of listWithLastRun. */
  all(): Profile[] {
    return this.settings.list().map(toProfile);
  }

  get(id: string): Profile {
    return toProfile(this.stored(id));
  }

  /** Finds a profile by name, ignoring case (the CLI's --profile). */
  findByName(name: string): Profile | undefined {
    const stored = this.settings.findByName(name);
    return stored && toProfile(stored);
  }

  async create(input: ProfileFieldsInput, password?: string): Promise<Profile> {
    const fields = profileFieldsSchema.parse(pickProfileFields(input));
    this.assertNameFree(fields.name);
    const now = new Date().toISOString();
    const stored: StoredProfile = {
      id: randomUUID(),
      fields,
      passwordSet: false,
      imapPasswordSet: false,
      oauthClientSecretSet: false,
      oauthSignedIn: false,
      createdAt: now,
      updatedAt: now,
    };
    if (password !== undefined) {
      await this.secrets.set('smtp-password', stored.id, password, smtpBinding(fields));
      stored.passwordSet = true;
    }
    try {
      this.settings.put(stored);
    } catch (error) {
      if (stored.passwordSet) await this.secrets.delete('smtp-password', stored.id).catch(() => undefined);
      throw error;
    }
    return toProfile(stored);
  }

  /**
   * Replaces the profile's fields (for a broken profile this is its repair); a Profile may be
   * passed as is (only its fields are kept). The saved passwords are bound to the new host,
   * port, security and username: the user typed them there. An OAuth2 sign-in is never
   * re-pointed: one issued for another provider, client or mailbox than the new fields name
   * leaves the keychain, so the form says "Not signed in" rather than a sign-in it cannot use.
   */
  async update(id: string, input: ProfileFieldsInput): Promise<Profile> {
    const fields = profileFieldsSchema.parse(pickProfileFields(input));
    const stored = this.stored(id, { orBroken: true });
    this.assertNameFree(fields.name, id);
    const signInLost = stored.oauthSignedIn && !(await this.signInFits(id, fields));
    const saved = this.save({ ...stored, fields, oauthSignedIn: stored.oauthSignedIn && !signInLost });
    if (stored.passwordSet) await this.secrets.rebind('smtp-password', id, smtpBinding(fields));
    if (stored.imapPasswordSet) await this.secrets.rebind('imap-password', id, imapBinding(fields.delivery));
    if (signInLost) await this.secrets.delete('oauth-refresh-token', id);
    return saved;
  }

  /**
   * Switches how the profile logs in (`profiles set-auth` in the CLI; the form does it by
   * saving), keeping every other field. Nothing changes unless the fields pass the form's
   * schema. What the new login cannot use leaves the keychain: switched to OAuth2, the
   * saved password; back to a password, the OAuth2 sign-in; a sign-in of another client or
   * mailbox, and a client secret of another client. The OAuth2 client and its secret stay,
   * unused, while the profile logs in with a password (as the form keeps them).
   */
  async switchAuth(id: string, change: AuthSwitch): Promise<AuthSwitched> {
    const fields = profileFieldsSchema.parse(pickProfileFields(change.fields));
    const stored = this.stored(id);
    this.assertNameFree(fields.name, id);
    const oauth2 = fields.auth === 'oauth2' ? fields.oauth2 : null;
    const previous = stored.fields.oauth2;
    const removed: LoginSecret[] = [];
    if (stored.passwordSet && oauth2) removed.push('smtp-password');
    // Back to a password, the sign-in goes even though the OAuth2 client stays in the fields.
    if (stored.oauthSignedIn && !(oauth2 && (await this.signInFits(id, fields)))) {
      removed.push('oauth-refresh-token');
    }
    const otherClient =
      oauth2 && (!previous || !sameBinding(oauth2ClientBinding(previous), oauth2ClientBinding(oauth2)));
    if (stored.oauthClientSecretSet && otherClient && change.clientSecret === undefined)
      removed.push('oauth-client-secret');

    if (!oauth2 && change.password !== undefined)
      await this.secrets.set('smtp-password', id, change.password, smtpBinding(fields));
    else if (!oauth2 && stored.passwordSet)
      await this.secrets.rebind('smtp-password', id, smtpBinding(fields));
    if (oauth2 && change.clientSecret !== undefined)
      await this.secrets.set('oauth-client-secret', id, change.clientSecret, oauth2ClientBinding(oauth2));
    const profile = this.save({
      ...stored,
      fields,
      passwordSet:
        !removed.includes('smtp-password') && (stored.passwordSet || change.password !== undefined),
      oauthSignedIn: stored.oauthSignedIn && !removed.includes('oauth-refresh-token'),
      oauthClientSecretSet:
        !removed.includes('oauth-client-secret') &&
        (stored.oauthClientSecretSet || (oauth2 !== null && change.clientSecret !== undefined)),
    });
    for (const kind of removed) await this.secrets.delete(kind, id);
    return { profile, removed };
  }

  async setPassword(id: string, password: string): Promise<Profile> {
    const stored = this.stored(id);
    await this.secrets.set('smtp-password', id, password, smtpBinding(stored.fields));
    return this.save({ ...stored, passwordSet: true });
  }

  /** The delivery check's IMAP password, write-only like the SMTP one. */
  async setImapPassword(id: string, password: string): Promise<Profile> {
    const stored = this.stored(id);
    await this.secrets.set('imap-password', id, password, imapBinding(stored.fields.delivery));
    return this.save({ ...stored, imapPasswordSet: true });
  }

  /** Records whether an OAuth2 refresh token is in the keychain (oauth/oauth-service.ts keeps it). */
  setOAuthSignedIn(id: string, signedIn: boolean): Profile {
    return this.save({ ...this.stored(id), oauthSignedIn: signedIn });
  }

  /** Records whether an OAuth2 client secret is in the keychain. */
  setOAuthClientSecretSet(id: string, set: boolean): Profile {
    return this.save({ ...this.stored(id), oauthClientSecretSet: set });
  }

  async delete(id: string): Promise<void> {
    const stored = this.stored(id, { orBroken: true });
    if (stored.passwordSet) await this.secrets.delete('smtp-password', id);
    if (stored.imapPasswordSet) await this.secrets.delete('imap-password', id);
    if (stored.oauthSignedIn) await this.secrets.delete('oauth-refresh-token', id);
    if (stored.oauthClientSecretSet) await this.secrets.delete('oauth-client-secret', id);
    this.settings.remove(id);
  }

  /** Remembers the recipient of the last test (the send dialog's default). */
  rememberRecipient(id: string, to: string): void {
    const stored = this.settings.find(id);
    if (!stored || stored.fields.lastRecipient === to) return;
    this.settings.put({ ...stored, fields: { ...stored.fields, lastRecipient: to } });
  }

  /** Whether the saved OAuth2 sign-in was issued for these fields' provider, client and mailbox. */
  private async signInFits(id: string, fields: ProfileFields): Promise<boolean> {
    if (!fields.oauth2) return false;
    const saved = await this.secrets.getBound(
      'oauth-refresh-token',
      id,
      oauth2Binding(fields, fields.oauth2),
    );
    return saved.state === 'bound';
  }

  private save(next: StoredProfile): Profile {
    const saved = { ...next, updatedAt: new Date().toISOString() };
    this.settings.put(saved);
    return toProfile(saved);
  }

  /** The stored profile; with `orBroken`, what could be kept of a broken one (to repair or delete it). */
  private stored(id: string, options: { orBroken?: boolean } = {}): StoredProfile {
    const stored =
      this.settings.find(id) ?? (options.orBroken ? this.settings.findBroken(id)?.salvaged : undefined);
    if (stored) return stored;
    const broken = this.settings.findBroken(id);
    if (broken)
      throw new AppError('INVALID_INPUT', sentence('errors.profileBroken', { reason: broken.reason }));
    throw new AppError('NOT_FOUND', sentence('errors.profileNotFound'));
  }

  private assertNameFree(name: string, exceptId?: string): void {
    const other = this.settings.findByName(name);
    if (other && other.id !== exceptId) {
      throw new AppError('INVALID_INPUT', sentence('validation.nameTaken'), {
        name: 'validation.nameTaken',
      });
    }
  }
}
