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
 * Messages never repeat the input (it is a secret).
 *
 * Pure: no Node or DOM imports, so the walkthrough can check as the user types.
 */
export type AppPasswordResult = { ok: true; value: string } | { ok: false; message: string };

const DASHES = /[-\u2010-\u2015\u2212]/;

export function normaliseGoogleAppPassword(input: string): AppPasswordResult {
  const compact = input.replace(/\s+/g, '');
  if (compact === '') {
    return {
      ok: false,
      message: 'Paste the app password: the 16 letters Google showed when you created it.',
    };
  }
  if (DASHES.test(compact)) {
    return {
      ok: false,
      message:
        'Google shows an app password as four groups of four letters separated by spaces, not dashes (dashes are how Apple shows its app-specific passwords): copy the password again from the Google page.',
    };
  }
  if (/[^a-z]/i.test(compact)) {
    return {
      ok: false,
      message:
        'An app password has letters only (a to z), and this one has digits or other characters: paste the 16 letters Google showed, not the Google account password.',
    };
  }
  if (compact.length !== 16) {
    return {
      ok: false,
      message: `An app password has exactly 16 letters, and this one has ${compact.length}: copy all four groups of four from the Google page.`,
    };
  }
  return { ok: true, value: compact.toLowerCase() };
}
