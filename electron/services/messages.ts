/**
 * Validation sentences for the IPC boundary and the CLI, from the same catalogues the
 * renderer loads (locales/*.json), so a refused value reads the same everywhere.
 */
import {
  createTranslator,
  joinSentences,
  say,
  sentence,
  type MessageKey,
  type Sentence,
  type Translate,
} from './i18n';

/** A schema field → the catalogue key of its label, as the form shows it. */
const FIELD_LABELS = {
  name: 'profile.fields.name',
  host: 'profile.fields.host',
  port: 'profile.fields.port',
  security: 'profile.fields.security',
  username: 'profile.fields.username',
  password: 'profile.fields.password',
  from: 'profile.fields.from',
  replyTo: 'profile.fields.replyTo',
  ehloName: 'profile.fields.ehloName',
  to: 'send.recipient',
  lastRecipient: 'send.recipient',
} as const;

function isLabelled(field: unknown): field is keyof typeof FIELD_LABELS {
  return typeof field === 'string' && Object.hasOwn(FIELD_LABELS, field);
}

/** What a validation found wrong where: a zod issue, or a rule's problem (settings/field-rules.ts). */
export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * A failed validation as sentences, one per field (at most four): "Port: Port must be
 * between 1 and 65535." Messages are catalogue keys (`validation.*`); anything else (zod's
 * own words for a value of the wrong type) reads as the generic sentence.
 */
export function issueSentences(issues: readonly Issue[]): Sentence[] {
  return issues
    .filter((a, i) => issues.findIndex((b) => b.path.join('.') === a.path.join('.')) === i)
    .slice(0, 4)
    .map((issue) => {
      const field = issue.path.filter((p) => p !== 'fields').at(-1);
      const message = sentence(
        issue.message.startsWith('validation.') ? (issue.message as MessageKey) : 'validation.invalid',
      );
      return isLabelled(field)
        ? sentence('profile.refused.reason', { field: sentence(FIELD_LABELS[field]), message })
        : message;
    });
}

/** One line for a failed validation, in the reader's language: "Port: Port must be between 1 and 65535. From: …". */
export function describeIssues(issues: readonly Issue[], t: Translate = createTranslator('en')): string {
  return joinSentences(issueSentences(issues).map((s) => say(s, t))) || t('validation.invalid');
}
