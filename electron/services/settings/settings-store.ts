/**
 * The profiles, kept in the JSON store (settings.json in the data folder, mode 0600).
 *
 * Settings are never lost:
 * - Keys this version does not know (written by a newer one) are kept as they are, at the
 *   top level, on each profile and in its fields, and written back with every save.
 * - A profile that fails validation is kept verbatim and listed as broken with the reason;
 *   the others load. Saving it (repair) replaces it; deleting it removes it.
 * - A file that cannot be read at all (not JSON, not a settings document) is renamed beside
 *   itself (settings.json.unreadable-<date>), a notice says where it went, and the app
 *   starts empty.
 * Every write replaces the whole document through the store's atomic write.
 */
import { chmodSync, existsSync, renameSync, statSync } from 'node:fs';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../i18n/languages';
import { sentence, type Sentence } from '../i18n/sentence';
import { issueSentences } from '../messages';
import { profileFieldsSchema, salvageProfileFields } from './profile-schema';
import { pickProfileFields, type ProfileFields } from './profile';
import type { JsonStore, StoreFactory } from './store';

const storedProfileSchema = z.object({
  id: z.string().min(1),
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

/** A profile that fails validation: kept as written, shown with the reason, repairable. */
export interface BrokenProfile {
  /** Its id as written, or a stand-in (`broken-<n>`) when it has none. */
  id: string;
  /** What is wrong with it, said in the reader's language where it is shown. */
  reason: Sentence[];
  /** What the form can start from to repair it: the valid fields, defaults for the rest. */
  salvaged: StoredProfile;
}

type Json = Record<string, unknown>;

type Entry =
  | { kind: 'ok'; profile: StoredProfile; unknown: Json; unknownFields: Json }
  | { kind: 'broken'; broken: BrokenProfile; raw: unknown };

const PROFILE_KEYS = Object.keys(storedProfileSchema.shape);

/** The store's file name in the data folder: electron-store's `name` and conf's `configName` + .json. */
export const SETTINGS_FILE = 'settings.json';
/** Settings and logs are the user's alone. */
export const PRIVATE_FILE_MODE = 0o600;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function without(source: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(source).filter(([key]) => !keys.includes(key)));
}

function readEntry(raw: unknown, index: number): Entry {
  const record = isObject(raw) ? raw : {};
  const fields = isObject(record['fields']) ? record['fields'] : {};
  const known = { ...record, fields: pickProfileFields(fields as ProfileFields) };
  const parsed = storedProfileSchema.safeParse(known);
  if (parsed.success) {
    return {
      kind: 'ok',
      profile: parsed.data,
      unknown: without(record, PROFILE_KEYS),
      unknownFields: without(fields, Object.keys(parsed.data.fields)),
    };
  }
  const id = typeof record['id'] === 'string' && record['id'] !== '' ? record['id'] : `broken-${index + 1}`;
  const now = new Date().toISOString();
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : now);
  return {
    kind: 'broken',
    raw,
    broken: {
      id,
      reason: isObject(raw) ? reasonOf(parsed.error.issues) : [sentence('errors.notAProfile')],
      salvaged: {
        id,
        fields: salvageProfileFields(fields),
        passwordSet: record['passwordSet'] === true,
        imapPasswordSet: record['imapPasswordSet'] === true,
        oauthClientSecretSet: record['oauthClientSecretSet'] === true,
        oauthSignedIn: record['oauthSignedIn'] === true,
        createdAt: text('createdAt'),
        updatedAt: text('updatedAt'),
      },
    },
  };
}

/** What the user can fix: the fields' issues when there are any, else the record's. */
function reasonOf(issues: readonly z.core.$ZodIssue[]): Sentence[] {
  const inFields = issues.filter((issue) => issue.path[0] === 'fields');
  return issueSentences(inFields.length > 0 ? inFields : issues);
}

function writeEntry(entry: Entry): unknown {
  if (entry.kind === 'broken') return entry.raw;
  const { profile, unknown, unknownFields } = entry;
  return { ...unknown, ...profile, fields: { ...unknownFields, ...profile.fields } };
}

/** Tightens the file to 0600 when it was found readable by others. */
function makePrivate(path: string): void {
  try {
    if ((statSync(path).mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
  } catch {
    // Not there yet: the store creates it 0600.
  }
}

export class SettingsStore {
  readonly notices: Sentence[];
  private readonly store: JsonStore;
  /** The document's top-level keys besides `profiles`, as read (version included). */
  private readonly top: Json;
  private entries: Entry[];

  private constructor(store: JsonStore, top: Json, entries: Entry[], notices: Sentence[]) {
    this.store = store;
    this.top = top;
    this.entries = entries;
    this.notices = notices;
  }

  /** Opens the store; an unreadable file is kept beside itself and the store starts empty. */
  static open(factory: StoreFactory, path: string, now: () => Date = () => new Date()): SettingsStore {
    makePrivate(path);
    let problem: 'notices.settingsNotUnderstood' | 'notices.settingsNotJson';
    try {
      const store = factory();
      const document = store.store;
      if (Object.keys(document).length === 0) return new SettingsStore(store, { version: 1 }, [], []);
      const profiles = document['profiles'] ?? [];
      if (Array.isArray(profiles)) {
        const top = without(document, ['profiles']);
        return new SettingsStore(store, { version: 1, ...top }, profiles.map(readEntry), []);
      }
      problem = 'notices.settingsNotUnderstood';
    } catch {
      problem = 'notices.settingsNotJson';
    }
    const keptAs = keepAside(path, now());
    const fresh = factory();
    fresh.store = { version: 1, profiles: [] };
    return new SettingsStore(
      fresh,
      { version: 1 },
      [],
      [keptAs ? sentence(problem, { path: keptAs }) : sentence('notices.settingsUnreadable')],
    );
  }

  get path(): string {
    return this.store.path;
  }

  list(): StoredProfile[] {
    return this.entries.flatMap((e) => (e.kind === 'ok' ? [structuredClone(e.profile)] : []));
  }

  /** The profiles that fail validation, in file order. */
  broken(): BrokenProfile[] {
    return this.entries.flatMap((e) => (e.kind === 'broken' ? [structuredClone(e.broken)] : []));
  }

  find(id: string): StoredProfile | undefined {
    return this.list().find((p) => p.id === id);
  }

  findBroken(id: string): BrokenProfile | undefined {
    return this.broken().find((p) => p.id === id);
  }

  findByName(name: string): StoredProfile | undefined {
    const wanted = name.trim().toLowerCase();
    return this.list().find((p) => p.fields.name.trim().toLowerCase() === wanted);
  }

  findBrokenByName(name: string): BrokenProfile | undefined {
    const wanted = name.trim().toLowerCase();
    return this.broken().find((p) => p.salvaged.fields.name.trim().toLowerCase() === wanted);
  }

  /**
   * Inserts or replaces one profile (a broken one too: that is its repair) and writes the
   * whole document atomically. Unknown keys of the profile it replaces stay.
   */
  put(profile: StoredProfile): void {
    const index = this.entries.findIndex((e) => idOf(e) === profile.id);
    const previous = this.entries[index];
    const entry: Entry = {
      kind: 'ok',
      profile: structuredClone(profile),
      unknown: previous?.kind === 'ok' ? previous.unknown : {},
      unknownFields: previous?.kind === 'ok' ? previous.unknownFields : {},
    };
    const next = [...this.entries];
    if (index === -1) next.push(entry);
    else next[index] = entry;
    this.write(next);
  }

  /**
   * The language chosen in the app, or undefined while it follows the OS. A language this
   * version does not speak (written by a newer one) reads as undefined and stays in the file.
   */
  get language(): Language | undefined {
    const chosen = this.top['language'];
    return (LANGUAGES as readonly unknown[]).includes(chosen) ? (chosen as Language) : undefined;
  }

  setLanguage(language: Language | undefined): void {
    if (language) this.top['language'] = language;
    else delete this.top['language'];
    this.write(this.entries);
  }

  remove(id: string): void {
    this.write(this.entries.filter((e) => idOf(e) !== id));
  }

  private write(next: Entry[]): void {
    this.store.store = { ...structuredClone(this.top), profiles: next.map(writeEntry) };
    this.entries = next;
  }
}

function idOf(entry: Entry): string {
  return entry.kind === 'ok' ? entry.profile.id : entry.broken.id;
}

export function profileFields(profile: StoredProfile): ProfileFields {
  return structuredClone(profile.fields);
}

/** Renames an unreadable file beside itself: settings.json.unreadable-2026-12-06T09-40-00-000Z. */
function keepAside(path: string, when: Date): string | undefined {
  if (!existsSync(path)) return undefined;
  const target = `${path}.unreadable-${when.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, target);
  return target;
}
