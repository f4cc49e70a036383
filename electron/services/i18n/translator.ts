/**
 * The services' and the CLI's side of the catalogues: one i18next instance over
 * locales/*.json (the same files the renderer loads), and a fixed-language `t` per
 * language, so plurals (`_one`/`_other`), interpolation and the fallback to English work
 * exactly as they do in the UI. It holds English from the start; another language's
 * catalogue is loaded by `loadLanguage` (catalogues.ts says why). Built on first use and
 * cached: importing this module costs no more than parsing the English catalogue.
 */
import i18next, { type TFunction, type i18n } from 'i18next';
import en from '../../../locales/en.json' with { type: 'json' };
import { loadCatalogue, NAMESPACE } from './catalogues';
import { DEFAULT_LANGUAGE, LANGUAGES, spokenParams, type Language } from './languages';
import type { Sentence } from './sentence';

export type { Language } from './languages';

/** A translate function bound to one language; keys are typed from locales/en.json. */
export type Translate = TFunction;

/** locales/en.json, the reference catalogue: which keys exist (a phase's name, for one). */
export const ENGLISH = en;

let instance: i18n | undefined;
const translators = new Map<Language, Translate>();

function shared(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: { en: { [NAMESPACE]: en } },
      lng: DEFAULT_LANGUAGE,
      fallbackLng: DEFAULT_LANGUAGE,
      initAsync: false,
      interpolation: { escapeValue: false }, // plain text: a terminal, a log, a React text node
      returnNull: false,
    });
  }
  return instance;
}

/**
 * Loads `language`'s catalogue into the translators, once: the Electron main process loads
 * every language before it answers the window, the CLI only the reader's.
 */
export async function loadLanguage(language: Language): Promise<void> {
  await loadCatalogue(shared(), language);
}

/** Every language's catalogue: the Electron main process (and its tests) speak them all. */
export async function loadEveryLanguage(): Promise<void> {
  await Promise.all(LANGUAGES.map(loadLanguage));
}

/**
 * `t` for one language: `createTranslator('ja')('validation.portRange')`. The language's
 * catalogue must have been loaded (`loadLanguage`): a translator for one that was not would
 * quietly speak English.
 */
export function createTranslator(language: Language): Translate {
  let translate = translators.get(language);
  if (!translate) {
    if (!shared().hasResourceBundle(language, NAMESPACE))
      throw new Error(`The ${language} catalogue is not loaded: await loadLanguage('${language}') first.`);
    translate = shared().getFixedT(language);
    translators.set(language, translate);
  }
  return translate;
}

/** `createTranslator(language)` once `language`'s catalogue is loaded: what the CLI speaks with. */
export async function loadTranslator(language: Language): Promise<Translate> {
  await loadLanguage(language);
  return createTranslator(language);
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

/** A duration in seconds, to a tenth: "1.5 seconds", "1.5 秒". */
export function saySeconds(t: Translate, ms: number): string {
  return t('units.seconds', { value: Math.round(ms / 100) / 10 });
}

/** The sentence in the reader's language; English when no translator is given (logs, tests). */
export function say(message: Sentence, t: Translate = createTranslator('en')): string {
  return translateKey(
    t,
    message.key,
    spokenParams(message.params, (inner: Sentence) => say(inner, t)),
  );
}
