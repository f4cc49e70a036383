/**
 * The profiles, kept in the JSON store (settings.json in the data folder).
 *
 * The file is checked with zod when it is opened. A file that is not JSON, or not a
 * settings document this version understands, is moved aside next to itself (kept for the
 * user, never deleted), a notice says so, and the app starts with empty settings. Every
 * write replaces the whole document through the store's atomic write, so nothing is ever
 * half-saved.
 */
import { existsSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../i18n/languages';
import { sentence, type Sentence } from '../i18n/sentence';
import { profileFieldsSchema, type ProfileFields } from './profile-schema';
import type { JsonStore, StoreFactory } from './store';

const storedProfileSchema = z.object({
  id: z.string(),
  fields: profileFieldsSchema,
  passwordSet: z.boolean(),
  /** The delivery check's IMAP password is in the keychain (absent before that check existed). */
  imapPasswordSet: z.boolean().default(false),
  /** OAuth2 secrets in the keychain (absent before OAuth2 existed). */
  oauthClientSecretSet: z.boolean().default(false),
  oauthSignedIn: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

const documentSchema = z.object({
  version: z.literal(1),
  profiles: z.array(storedProfileSchema),
  /**
   * The language chosen in the app; absent while the app follows the OS. A language this
   * version does not speak (written by a newer one) reads as absent, never as a bad file.
   */
  language: z.enum(LANGUAGES).optional().catch(undefined),
});
type SettingsDocument = z.infer<typeof documentSchema>;

/** The store's file name in the data folder: electron-store's `name` and conf's `configName` + .json. */
export const SETTINGS_FILE = 'settings.json';

const EMPTY: SettingsDocument = { version: 1, profiles: [] };

function isEmptyStore(store: Record<string, unknown>): boolean {
  return Object.keys(store).length === 0;
}

export class SettingsStore {
  readonly notices: Sentence[];
  private readonly store: JsonStore;
  private document: SettingsDocument;

  private constructor(store: JsonStore, document: SettingsDocument, notices: Sentence[]) {
    this.store = store;
    this.document = document;
    this.notices = notices;
  }

  /** Opens the store; a damaged file is moved aside and the store starts empty. */
  static open(factory: StoreFactory, path: string, now: () => Date = () => new Date()): SettingsStore {
    let problem: 'notices.settingsNotUnderstood' | 'notices.settingsNotJson';
    try {
      const store = factory();
      if (isEmptyStore(store.store)) return new SettingsStore(store, structuredClone(EMPTY), []);
      const parsed = documentSchema.safeParse(store.store);
      if (parsed.success) return new SettingsStore(store, parsed.data, []);
      problem = 'notices.settingsNotUnderstood';
    } catch {
      problem = 'notices.settingsNotJson';
    }
    const movedTo = moveAside(path, now());
    const fresh = factory();
    fresh.store = { ...EMPTY };
    return new SettingsStore(fresh, structuredClone(EMPTY), [
      movedTo ? sentence(problem, { path: movedTo }) : sentence('notices.settingsUnreadable'),
    ]);
  }

  get path(): string {
    return this.store.path;
  }

  list(): StoredProfile[] {
    return structuredClone(this.document.profiles);
  }

  find(id: string): StoredProfile | undefined {
    const found = this.document.profiles.find((p) => p.id === id);
    return found && structuredClone(found);
  }

  findByName(name: string): StoredProfile | undefined {
    const wanted = name.trim().toLowerCase();
    const found = this.document.profiles.find((p) => p.fields.name.trim().toLowerCase() === wanted);
    return found && structuredClone(found);
  }

  /** Inserts or replaces one profile and writes the whole document atomically. */
  put(profile: StoredProfile): void {
    const profiles = this.document.profiles.filter((p) => p.id !== profile.id);
    const index = this.document.profiles.findIndex((p) => p.id === profile.id);
    profiles.splice(index === -1 ? profiles.length : index, 0, structuredClone(profile));
    this.write({ ...this.document, profiles });
  }

  /** The language chosen in the app, or undefined while it follows the OS. */
  get language(): Language | undefined {
    return this.document.language;
  }

  setLanguage(language: Language | undefined): void {
    const { language: _previous, ...rest } = this.document;
    this.write(language ? { ...rest, language } : rest);
  }

  remove(id: string): void {
    this.write({ ...this.document, profiles: this.document.profiles.filter((p) => p.id !== id) });
  }

  private write(next: SettingsDocument): void {
    this.store.store = structuredClone(next);
    this.document = next;
  }
}

export function profileFields(profile: StoredProfile): ProfileFields {
  return structuredClone(profile.fields);
}

function moveAside(path: string, when: Date): string | undefined {
  if (!existsSync(path)) return undefined;
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  const target = path.replace(/\.json$/, '') + `.damaged-${stamp}.json`;
  renameSync(path, target);
  return target;
}
