/**
 * i18next over the catalogues (locales/*.json, the same files the main process and the
 * CLI read). Every visible string goes through a key there. The language starts as the
 * browser's (the OS's, in Electron) and follows AppInfo once main has answered: the one
 * chosen in the app, kept in the settings. English (the fallback) is in the first script;
 * any other catalogue is a chunk of its own, loaded only when its language is chosen, so
 * the first screen does not carry a catalogue it will not show (npm run bench).
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import type { Sentence } from '../../electron/ipc/contract';
import { loadCatalogue, NAMESPACE } from '../../electron/services/i18n/catalogues';
import {
  DEFAULT_LANGUAGE,
  joinSentences,
  firstSpokenLanguage,
  spokenParams,
  type Language,
} from '../../electron/services/i18n/languages';

export const defaultNS = NAMESPACE;
export const resources = { en: { translation: en } } as const;

/** The page says which language it is in: screen readers pick their voice, fonts their glyphs. */
function markDocument(language: string): void {
  document.documentElement.lang = language;
}

i18n.on('languageChanged', markDocument);

const firstLanguage = firstSpokenLanguage(navigator.languages ?? [navigator.language]);

void i18n.use(initReactI18next).init({
  resources,
  partialBundledLanguages: true,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** Switches every mounted component to `language` at once (no restart), its catalogue loaded first. */
export async function applyLanguage(language: Language): Promise<void> {
  if (i18n.language === language) return;
  await loadCatalogue(i18n, language);
  await i18n.changeLanguage(language);
}

/** Settles once the browser's language is ready: main.tsx renders after it, never in the wrong language. */
export const ready: Promise<void> = applyLanguage(firstLanguage).catch(() => undefined);

/**
 * Translates a key that arrives as data (a zod message, an IPC `fields` entry). Unknown
 * keys read as the generic "This value is not valid." instead of showing the raw key.
 */
export function translateKey(key: string | undefined, params?: Sentence['params']): string | undefined {
  if (!key) return undefined;
  if (!i18n.exists(key)) return i18n.t('validation.invalid');
  return i18n.t(key as 'validation.invalid', spokenParams(params, (inner: Sentence) => say(inner)) ?? {});
}

/**
 * A report's English words in the current language, where main also sent them as
 * sentences (`warningSentences` beside `warnings`); words without a sentence stay as they are.
 */
export function sayWords(words: readonly string[], sentences: readonly Sentence[] = []): string[] {
  const english = i18n.getFixedT('en');
  // As main said it: a sentence given as a parameter (a hosted relay's note) said first.
  const inEnglish = (s: Sentence): string =>
    english(s.key as 'validation.invalid', spokenParams(s.params, inEnglish) ?? {});
  return words.map((word) => {
    const match = sentences.find((s) => inEnglish(s) === word);
    return match ? say(match) : word;
  });
}

/** Sentences main sent as data (key and parameters), in the current language, side by side. */
export function say(sentences: Sentence | readonly Sentence[]): string {
  const list = Array.isArray(sentences) ? sentences : [sentences as Sentence];
  return joinSentences(list.map((s) => translateKey(s.key, s.params) ?? ''));
}

export default i18n;
