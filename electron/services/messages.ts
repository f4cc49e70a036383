/**
 * English sentences for the main process and the CLI, from the same catalogue the renderer
 * loads into i18next (locales/en.json), so a validation message reads the same everywhere.
 */
import type { z } from 'zod';
import en from '../../locales/en.json' with { type: 'json' };

type Catalogue = { [key: string]: string | Catalogue };

/** Looks a dotted key up in the English catalogue; unknown keys fall back to a generic line. */
export function english(key: string): string {
  let node: string | Catalogue | undefined = en as Catalogue;
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  return typeof node === 'string' ? node : (en as { validation: { invalid: string } }).validation.invalid;
}

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  host: 'Server address',
  port: 'Port',
  security: 'Protocol',
  username: 'Username',
  password: 'Password',
  from: 'From',
  replyTo: 'Reply-To',
  to: 'Recipient',
  lastRecipient: 'Recipient',
};

/** One line for a failed validation: "Port: Port must be between 1 and 65535. From: …". */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues
    .filter((a, i) => issues.findIndex((b) => b.path.join('.') === a.path.join('.')) === i)
    .slice(0, 4)
    .map((issue) => {
      const field = issue.path.filter((p) => p !== 'fields').at(-1);
      const sentence = issue.message.startsWith('validation.')
        ? english(issue.message)
        : english('validation.invalid');
      const label = typeof field === 'string' ? FIELD_NAMES[field] : undefined;
      return label ? `${label}: ${sentence}` : sentence;
    });
  return parts.join(' ') || english('validation.invalid');
}
