/**
 * i18next with the English catalogue (locales/en.json), the same file the main process and
 * the CLI read for validation sentences. Every visible string goes through a key there.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../locales/en.json';

export const defaultNS = 'translation';
export const resources = { en: { translation: en } } as const;

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS,
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

/**
 * Translates a key that arrives as data (a zod message, an IPC `fields` entry). Unknown
 * keys read as the generic "This value is not valid." instead of showing the raw key.
 */
export function translateKey(key: string | undefined): string | undefined {
  if (!key) return undefined;
  return i18n.exists(key) ? i18n.t(key as 'validation.invalid') : i18n.t('validation.invalid');
}

export default i18n;
