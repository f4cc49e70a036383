/**
 * The services' and the CLI's side of the catalogues: one i18next instance with every
 * catalogue (locales/*.json, the same files the renderer loads), and a fixed-language `t`
 * per language, so plurals (`_one`/`_other`), interpolation and the fallback to English
 * work exactly as they do in the UI. Built on first use and cached: importing this module
 * costs no more than parsing the catalogues.
 */
import i18next, { type TFunction, type i18n } from 'i18next';
import en from '../../../locales/en.json' with { type: 'json' };
import ja from '../../../locales/ja.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, spokenParams, type Language } from './languages';
import type { Sentence } from './sentence';

export type { Language } from './languages';

/** A translate function bound to one language; keys are typed from locales/en.json. */
export type Translate = TFunction;

export const CATALOGUES = { en, ja } as const satisfies Record<Language, unknown>;

let instance: i18n | undefined;
const translators = new Map<Language, Translate>();

function shared(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: { en: { translation: CATALOGUES.en }, ja: { translation: CATALOGUES.ja } },
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      initAsync: false,
      interpolation: { escapeValue: false }, // plain text: a terminal, a log, a React text node
      returnNull: false,
    });
  }
  return instance;
}

/** `t` for one language: `createTranslator('ja')('validation.portRange')`. */
export function createTranslator(language: Language): Translate {
  let translate = translators.get(language);
  if (!translate) {
    translate = shared().getFixedT(language);
    translators.set(language, translate);
  }
  return translate;
}

/**
 * Translates a key that arrives as data (a zod issue's message, an error's key) rather
 * than as a literal in code. Unknown keys read as the generic "This value is not valid."
 * rather than as the raw key.
 */
export function translateKey(t: Translate, key: string, params?: Record<string, unknown>): string {
  if (!shared().exists(key)) return t('validation.invalid');
  // A key known only at run time: i18next's typing cannot check it; exists() just did.
  return t(key as 'validation.invalid', params ?? {});
}

/** The sentence in the reader's language; English when no translator is given (logs, tests). */
export function say(message: Sentence, t: Translate = createTranslator('en')): string {
  return translateKey(
    t,
    message.key,
    spokenParams(message.params, (inner: Sentence) => say(inner, t)),
  );
}
