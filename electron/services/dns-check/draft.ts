/**
 * A finding as the checks make it: its summary and fix as catalogue sentences (the
 * `dnsFinding.*` keys), put into the reader's words once the check is done (index.ts), so
 * that the checks need not know the language. Records, domains and selectors stay verbatim
 * as the sentences' parameters.
 */
import type { Sentence } from '../i18n/sentence';
import { say, type Translate } from '../i18n/translator';
import type { CheckStatus, DnsCheckName, DnsFinding } from './types';

export interface DraftFinding {
  check: DnsCheckName;
  status: CheckStatus;
  summary: Sentence;
  fix: Sentence | null;
  record: string | null;
}

/** A finding builder for one check: `finding('warn', summary, fix, record)`. */
export function findingsOf(check: DnsCheckName) {
  return (
    status: CheckStatus,
    summary: Sentence,
    fix: Sentence | null,
    record: string | null,
  ): DraftFinding => ({
    check,
    status,
    summary,
    fix,
    record,
  });
}

/** The finding in the reader's words. */
export function sayFinding(draft: DraftFinding, t: Translate): DnsFinding {
  return { ...draft, summary: say(draft.summary, t), fix: draft.fix && say(draft.fix, t) };
}
