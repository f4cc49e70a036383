/**
 * The Gmail / Google Workspace app-password field: what Google shows is 16 lower-case letters
 * in four groups of four separated by spaces ("abcd efgh ijkl mnop").
 *
 * Decisions, per input:
 * - spaces (and any other white space a copy may bring, such as a non-breaking space or a line
 *   break) anywhere: removed; "abcd efgh ijkl mnop" and "abcdefghijklmnop" give the same value;
 * - dashes: refused, not removed. Google never shows dashes; a dashed password
 *   ("abcd-efgh-ijkl-mnop") is Apple's app-specific password format or a retyped guess, and
 *   silently accepting it would hide that the wrong password was pasted;
 * - digits or other characters: refused (most likely the account's normal password, which
 *   Google refuses over SMTP anyway);
 * - anything but 16 letters: refused, with the count;
 * - upper-case letters: accepted and lower-cased. Google generates lower-case letters only,
 *   so an upper-case one comes from Caps Lock or retyping, and the lower-case form is the
 *   password Google issued.
 * Reasons never repeat the input (it is a secret). A reason is a catalogue sentence
 * (`appPasswordCheck.*`) the walkthrough says in the reader's language.
 *
 * Pure: no Node or DOM imports and no translator, so the walkthrough can check as the user types.
 */
import { sentence, type Sentence } from '../i18n/sentence';

export type AppPasswordResult = { ok: true; value: string } | { ok: false; reason: Sentence };

const DASHES = /[-\u2010-\u2015\u2212]/;

export function normaliseGoogleAppPassword(input: string): AppPasswordResult {
  const compact = input.replace(/\s+/g, '');
  if (compact === '') return { ok: false, reason: sentence('appPasswordCheck.empty') };
  if (DASHES.test(compact)) return { ok: false, reason: sentence('appPasswordCheck.dashes') };
  if (/[^a-z]/i.test(compact)) return { ok: false, reason: sentence('appPasswordCheck.notLetters') };
  if (compact.length !== 16) {
    return { ok: false, reason: sentence('appPasswordCheck.length', { letters: compact.length }) };
  }
  return { ok: true, value: compact.toLowerCase() };
}
