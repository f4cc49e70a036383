/**
 * Microsoft 365 turns Basic authentication (a password) for SMTP AUTH off by default for
 * existing tenants at the end of December 2026, and its removal is announced for 2027. A
 * run of a profile that logs in to Microsoft 365 with a password says so beside its
 * verdict, whether it passed or not, and offers the move to OAuth2 as one click: the
 * settings change the UI applies (the form then asks for the client ID and a sign-in).
 */
import type { Language } from '../i18n/languages';
import { createTranslator } from '../i18n/translator';
import type { RunReport } from '../smtp/report';
import { defaultOAuth2Settings, type ProfileFields } from '../settings/profile';

/** The last day Basic authentication for SMTP AUTH is on by default for existing tenants. */
export const BASIC_AUTH_SWITCH_OFF = new Date('2026-12-31T00:00:00Z');

const MICROSOFT_365_HOSTS = /^(smtp|smtp-legacy)\.office365\.com$/i;

function usesPasswordOnMicrosoft365(fields: ProfileFields, host: string): boolean {
  return !fields.anonymous && fields.auth === 'password' && MICROSOFT_365_HOSTS.test(host.trim());
}

/** The notice in the run's language (oauth.basicAuth.*): the days left, or that the switch happened. */
export function basicAuthNotice(now: Date, language: Language = 'en'): string {
  const t = createTranslator(language);
  const days = Math.ceil((BASIC_AUTH_SWITCH_OFF.getTime() - now.getTime()) / 86_400_000);
  return days > 0 ? t('oauth.basicAuth.before', { count: days }) : t('oauth.basicAuth.after');
}

/** The settings of the move: OAuth2 with Microsoft, the mailbox kept as the XOAUTH2 user. */
export function moveToOAuth2(fields: ProfileFields): Record<string, unknown> {
  return { auth: 'oauth2', oauth2: fields.oauth2 ?? defaultOAuth2Settings('microsoft') };
}

export function withBasicAuthRetirement(
  report: RunReport,
  fields: ProfileFields,
  host: string,
  { now = new Date(), language = 'en' }: { now?: Date; language?: Language | undefined } = {},
): RunReport {
  if (!usesPasswordOnMicrosoft365(fields, host)) return report;
  const notice = basicAuthNotice(now, language);
  const settings = moveToOAuth2(fields);
  const basicRefused = report.code === 'AUTH_BASIC_DISABLED';
  return {
    ...report,
    warnings: [...(report.warnings ?? []), notice],
    advice: { text: notice, settings },
    fix: basicRefused && report.fix ? { text: `${report.fix.text} ${notice}`, settings } : report.fix,
  };
}
