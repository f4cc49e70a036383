/** The languages and the translator of the main process and the CLI (see translator.ts). */
export {
  LANGUAGES,
  DEFAULT_LANGUAGE,
  isLanguage,
  languageOfLocale,
  cliLanguage,
  joinSentences,
  type Language,
} from './languages';
export {
  createTranslator,
  loadLanguage,
  loadEveryLanguage,
  loadTranslator,
  translateKey,
  say,
  saySeconds,
  ENGLISH,
  type Translate,
} from './translator';
export { sentence, type Sentence, type SentenceParams, type MessageKey } from './sentence';
