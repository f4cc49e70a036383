/**
 * The Gmail / Google Workspace walkthrough's steps, its links, and which step fixes a failed
 * run: 534-5.7.9 (AUTH_APP_PASSWORD_REQUIRED: the normal password was used) and 535-5.7.8
 * (AUTH_FAILED from Google: a wrong app password, or a username that is not the address).
 */
import type { RunRecord } from '../../../electron/services/smtp/report';

export const GUIDE_STEPS = ['account', 'twoStep', 'create', 'paste', 'username', 'from', 'send'] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];

/** Google's own pages the steps link to (the app-password page comes from the preset). */
export const GOOGLE_LINKS = {
  twoStep: 'https://myaccount.google.com/signinoptions/twosv',
  sendMailAs: 'https://support.google.com/mail/answer/22370',
} as const;

/** Run codes that mean Google refused the login. */
export const GOOGLE_AUTH_CODES: ReadonlySet<string> = new Set(['AUTH_APP_PASSWORD_REQUIRED', 'AUTH_FAILED']);

/** Google signs its replies "… - gsmtp" and links its help pages. */
export function isGoogleReply(text: string | null | undefined): boolean {
  return /\bgsmtp\b|support\.google\.com\/(?:mail|a)\b/i.test(text ?? '');
}

/** Where the guide opens: the steps that fix the failure, the first of them the target. */
export interface GuideFocus {
  /** Tells two requests apart (the same failure twice opens the guide twice). */
  nonce: number;
  steps: GuideStep[];
  /** The run's diagnosis in one sentence: why the guide was opened. */
  summary: string;
}

/**
 * The steps that fix a failed run, or null when the guide does not help: 534-5.7.9 always
 * (only Google says it), a refused login when the profile is a Google one or the reply is
 * Google's.
 */
export function guideStepsFor(
  record: Pick<RunRecord, 'code' | 'server'>,
  googleProfile: boolean,
): GuideStep[] | null {
  if (record.code === 'AUTH_APP_PASSWORD_REQUIRED') return ['create', 'paste'];
  if (record.code === 'AUTH_FAILED' && (googleProfile || isGoogleReply(record.server.response?.text))) {
    return ['paste', 'username'];
  }
  return null;
}
