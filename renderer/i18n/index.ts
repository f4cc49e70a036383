/**
 * i18next with every catalogue (locales/*.json, the same files the main process and the
 * CLI read). Every visible string goes through a key there. The language starts as the
 * browser's (the OS's, in Electron) and follows AppInfo once main has answered: the one
 * chosen in the app, kept in the settings.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';
import ja from '../../locales/ja.json';
import type { Sentence } from '../../electron/ipc/contract';
import {
  DEFAULT_LANGUAGE,
  joinSentences,
  languageOfLocale,
  type Language,
} from '../../electron/services/i18n/languages';

export const defaultNS = 'translation';
export const resources = { en: { translation: en }, ja: { translation: ja } } as const;

/** The first of the browser's languages that Mail Preflight speaks. */
function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const language = languageOfLocale(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/** The page says which language it is in: screen readers pick their voice, fonts their glyphs. */
function markDocument(language: string): void {
  document.documentElement.lang = language;
}

i18n.on('languageChanged', markDocument);

void i18n.use(initReactI18next).init({
  resources,
  lng: browserLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  defaultNS,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/** Switches every mounted component to `language` at once (no restart). */
export function applyLanguage(language: Language): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

/**
 * Translates a key that arrives as data (a zod message, an IPC `fields` entry). Unknown
 * keys read as the generic "This value is not valid." instead of showing the raw key.
 */
export function translateKey(key: string | undefined, params?: Sentence['params']): string | undefined {
  if (!key) return undefined;
  return i18n.exists(key) ? i18n.t(key as 'validation.invalid', params ?? {}) : i18n.t('validation.invalid');
}

/** Sentences main sent as data (key and parameters), in the current language, side by side. */
export function say(sentences: Sentence | readonly Sentence[]): string {
  const list = Array.isArray(sentences) ? sentences : [sentences as Sentence];
  return joinSentences(list.map((s) => translateKey(s.key, s.params) ?? ''));
}

export default i18n;
