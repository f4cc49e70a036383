/**
 * Microsoft 365 turns Basic authentication (a password) for SMTP AUTH off by default for
 * existing tenants at the end of December 2026, and its removal is announced for 2027. A
 * run of a profile that logs in to Microsoft 365 with a password says so beside its
 * verdict, whether it passed or not, and offers the move to OAuth2 as one click: the
 * settings change the UI applies (the form then asks for the client ID and a sign-in).
 */
import type { RunReport } from '../smtp/report';
import { defaultOAuth2Settings, type ProfileFields } from '../settings/profile-schema';

/** The last day Basic authentication for SMTP AUTH is on by default for existing tenants. */
export const BASIC_AUTH_SWITCH_OFF = new Date('2026-12-31T00:00:00Z');

const MICROSOFT_365_HOSTS = /^(smtp|smtp-legacy)\.office365\.com$/i;

function usesPasswordOnMicrosoft365(fields: ProfileFields, host: string): boolean {
  return !fields.anonymous && fields.auth === 'password' && MICROSOFT_365_HOSTS.test(host.trim());
}

export function basicAuthNotice(now: Date): string {
  const days = Math.ceil((BASIC_AUTH_SWITCH_OFF.getTime() - now.getTime()) / 86_400_000);
  return days > 0
    ? `Microsoft 365 switches password (Basic) logins for SMTP AUTH off by default on 31 December 2026, in ${days} ${days === 1 ? 'day' : 'days'}: move this profile to OAuth2, which keeps working.`
    : 'Since 31 December 2026 Microsoft 365 has password (Basic) logins for SMTP AUTH off by default, and their removal is announced for 2027: move this profile to OAuth2.';
}

/** The settings of the move: OAuth2 with Microsoft, the mailbox kept as the XOAUTH2 user. */
export function moveToOAuth2(fields: ProfileFields): Record<string, unknown> {
  return { auth: 'oauth2', oauth2: fields.oauth2 ?? defaultOAuth2Settings('microsoft') };
}

export function withBasicAuthRetirement(
  report: RunReport,
  fields: ProfileFields,
  host: string,
  now = new Date(),
): RunReport {
  if (!usesPasswordOnMicrosoft365(fields, host)) return report;
  const notice = basicAuthNotice(now);
  const settings = moveToOAuth2(fields);
  const basicRefused = report.code === 'AUTH_BASIC_DISABLED';
  return {
    ...report,
    warnings: [...(report.warnings ?? []), notice],
    advice: { text: notice, settings },
    fix: basicRefused && report.fix ? { text: `${report.fix.text} ${notice}`, settings } : report.fix,
  };
}
