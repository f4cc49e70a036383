/**
 * The languages Mail Preflight speaks, and how a locale name (a BCP 47 tag from the OS or
 * the browser, or a POSIX locale from the environment) maps onto one of them. Pure: the
 * renderer, the main process and the CLI share it.
 */
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The catalogue every other one falls back to, and the language of unknown locales. */
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of a locale name, or undefined when Mail Preflight does not speak it:
 * 'ja', 'ja-JP', 'ja_JP.UTF-8' and 'ja_JP@euro' are Japanese; 'en-GB' and 'en_US.UTF-8'
 * English; 'C', 'POSIX' and 'fr_FR' undefined.
 */
export function languageOfLocale(locale: string | null | undefined): Language | undefined {
  const primary = locale
    ?.trim()
    .split(/[-_.@]/, 1)[0]
    ?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}

/** The first of these locales (a browser's, in its order of preference) that Mail Preflight speaks, else English. */
export function firstSpokenLanguage(locales: readonly string[]): Language {
  for (const locale of locales) {
    const language = languageOfLocale(locale);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/** The environment variables the CLI reads, in POSIX's order of precedence. */
const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/**
 * The CLI's language: `--lang` when given, else the first of LC_ALL, LC_MESSAGES and LANG
 * that is set (as POSIX reads them: a set LC_ALL=C means C, whatever LANG says), else
 * English. A locale Mail Preflight does not speak reads as English.
 */
export function cliLanguage(
  flag: Language | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Language {
  if (flag) return flag;
  const locale = LOCALE_VARIABLES.map((name) => env[name]).find((value) => value?.trim());
  return languageOfLocale(locale) ?? DEFAULT_LANGUAGE;
}

/** Sentences side by side: a space after "." in English, none after Japanese "。". */
export function joinSentences(sentences: readonly string[]): string {
  return sentences.join(' ').replace(/(?<=[。！？]) /g, '');
}

type Spoken = Record<string, string | number | readonly string[]>;

/** A sentence as data (sentence.ts's Sentence; this module stays free of its imports). */
interface SentenceLike {
  key: string;
}

function isSentence(value: unknown): value is SentenceLike {
  return typeof value === 'object' && value !== null && 'key' in value;
}

/**
 * A sentence's parameters as i18next takes them: a parameter that is itself a sentence (or a
 * list of them, said side by side) is said first, in the same language, by `speak`. Here,
 * free of the catalogues, so the renderer (which loads its catalogues its own way) shares it.
 */
export function spokenParams<S extends SentenceLike>(
  params: Readonly<Record<string, unknown>> | undefined,
  speak: (sentence: S) => string,
): Spoken | undefined {
  if (!params) return undefined;
  const spoken: Spoken = {};
  for (const [name, value] of Object.entries(params)) {
    if (isSentence(value)) spoken[name] = speak(value as S);
    else if (Array.isArray(value) && value.some(isSentence)) spoken[name] = joinSentences(value.map(speak));
    else spoken[name] = value as string | number | readonly string[];
  }
  return spoken;
}
