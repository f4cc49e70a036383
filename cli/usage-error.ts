/**
 * Bad usage or input: one clear line on stderr, nothing sent, exit status 2. The line is a
 * catalogue sentence (or words built from several, given as a function of the translator),
 * said in the command's language where it is caught (cli/language.ts); `message` holds it
 * in English (or as given, for words already in the reader's language).
 */
import type { Sentence } from '../electron/services/i18n/sentence';
import { say } from '../electron/services/i18n/translator';
import type { Translate } from '../electron/services/i18n/translator';

/** A catalogue sentence, words built with the reader's translator, or words already in the reader's language. */
export type Saying = Sentence | ((t?: Translate) => string) | string;

export class UsageError extends Error {
  readonly #saying: Saying;

  constructor(saying: Saying) {
    super(typeof saying === 'string' ? saying : typeof saying === 'function' ? saying() : say(saying));
    this.name = 'UsageError';
    this.#saying = saying;
  }

  /** The line in the reader's language. */
  say(t?: Translate): string {
    const saying = this.#saying;
    return typeof saying === 'string' ? saying : typeof saying === 'function' ? saying(t) : say(saying, t);
  }
}

export { EXIT } from './exit';
