/**
 * Errors the services raise on purpose: each carries a code and one sentence for the user.
 * The services own this type; the IPC edge (ipc/invoke.ts) maps it to the contract's error
 * shape, so no service depends on the IPC layer.
 *
 * The sentence is a catalogue key with its parameters (a Sentence), put into the reader's
 * language where it is shown (the IPC edge, the CLI); `message` holds it in English for
 * logs and stack traces.
 */
import type { Sentence } from './i18n/sentence';
import { say } from './i18n/translator';
import type { Translate } from './i18n/translator';

export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'KEYCHAIN_UNAVAILABLE'
  | 'FORBIDDEN'
  | 'INTERNAL'
  /** The OAuth2 authorization server refused a sign-in or a refresh (DESIGN.md). */
  | 'OAUTH_SIGN_IN_FAILED'
  /** The run needs the user's explicit consent first (see consent.ts); nothing was sent. */
  | 'CONSENT_REQUIRED';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Null for a sentence given as plain words: shown as it is, in whatever language it is in. */
  readonly sentence: Sentence | null;
  readonly fields?: Record<string, string>;

  constructor(code: AppErrorCode, sentence: Sentence | string, fields?: Record<string, string>) {
    super(typeof sentence === 'string' ? sentence : say(sentence));
    this.name = 'AppError';
    this.code = code;
    this.sentence = typeof sentence === 'string' ? null : sentence;
    if (fields) this.fields = fields;
  }

  /** The sentence in the reader's language (its plain words when it has no catalogue key). */
  say(t?: Translate): string {
    return this.sentence ? say(this.sentence, t) : this.message;
  }
}
