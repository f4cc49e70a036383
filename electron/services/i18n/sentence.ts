/**
 * A sentence as data: a catalogue key and its parameters. Services that speak to the user
 * from deep inside (an error, a start-up notice) hand over a Sentence; whoever shows it
 * (the IPC edge, the CLI) puts it into the reader's words with their translator, so no
 * service needs to know the reader's language. Data only: `say` (translator.ts) puts one into
 * words, so a module that only makes sentences (the presets' migration warning, which the
 * window's first screen loads) does not carry the translator and its catalogues.
 */
import type { ParseKeys } from 'i18next';

/** Every key of locales/en.json (plural keys without their suffix). */
export type MessageKey = ParseKeys;

/**
 * Values for a sentence's placeholders; a list of strings is joined for the language
 * ({{names, list}}), and a sentence (or several, side by side) is said in the reader's
 * language first: a field's label, a reason from the catalogue.
 */
export type SentenceParams = Record<
  string,
  string | number | readonly string[] | Sentence | readonly Sentence[]
>;

export interface Sentence {
  key: MessageKey;
  params?: SentenceParams;
}

export function sentence(key: MessageKey, params?: SentenceParams): Sentence {
  return params ? { key, params } : { key };
}
