/**
 * Why a mail server refused an OAuth2 access token (XOAUTH2 / OAUTHBEARER), and what fits:
 *   - Gmail: a 334 challenge whose base64 JSON names the status and the scope it wants,
 *     then 535 5.7.8 → OAUTH_TOKEN_REJECTED (expired or revoked, wrong scope, other account);
 *   - Microsoft 365: 535 5.7.3 "Authentication unsuccessful" → OAUTH_TOKEN_REJECTED
 *     (SMTP.Send missing, token for another mailbox, or SMTP AUTH off for the mailbox);
 *   - Microsoft 365: 5.7.139 / 5.7.30 (SMTP AUTH disabled) → AUTH_BASIC_DISABLED, whose fix
 *     for a token login is turning SMTP AUTH on for the mailbox, not a password.
 * diagnose.ts asks here first when the login was a token login.
 */
import type { ServerResponse } from '../smtp/report';
import type { DiagnosisCode, Fix } from './codes';

export interface TokenRefusalContext {
  host: string;
  /** The XOAUTH2 / OAUTHBEARER user. */
  mailbox: string;
  response: ServerResponse | null;
  /** The decoded JSON of the server's 334 challenge, when it sent one. */
  challenge: string | null;
}

interface TokenRefusal {
  code: DiagnosisCode;
  summary: string;
  fix: Fix;
}

const ENABLE_SMTP_AUTH =
  'turn on Authenticated SMTP for the mailbox in the Microsoft 365 admin centre (Users › Active users › Mail › Manage email apps), or in Exchange Online PowerShell: Set-CASMailbox -Identity MAILBOX -SmtpClientAuthenticationDisabled $false';

const isMicrosoft = (host: string, text: string) =>
  /(^|\.)(office365|outlook)\.com$/i.test(host) || /\bAADSTS|outlook\.office|5\.7\.(3|139|30)\b/i.test(text);

/** The scope a Gmail-style challenge asks for, if it names one. */
function wantedScope(challenge: string | null): string | null {
  if (!challenge) return null;
  try {
    const parsed = JSON.parse(challenge) as { scope?: unknown };
    return typeof parsed.scope === 'string' && parsed.scope.trim() ? parsed.scope.trim() : null;
  } catch {
    return null;
  }
}

export function classifyTokenRefusal(ctx: TokenRefusalContext): TokenRefusal | null {
  const { host, mailbox, response, challenge } = ctx;
  const text = response?.text ?? '';
  const enhanced = response?.enhanced ?? '';
  const withMailbox = (s: string) => s.replace('MAILBOX', mailbox);
  if (enhanced === '5.7.139' || enhanced === '5.7.30' || /SmtpClientAuthentication is disabled/i.test(text)) {
    return {
      code: 'AUTH_BASIC_DISABLED',
      summary: `Microsoft 365 has SMTP AUTH turned off for ${mailbox}, so even a valid OAuth2 token is refused.`,
      fix: { text: withMailbox(`An administrator must ${ENABLE_SMTP_AUTH}.`), settings: {} },
    };
  }
  if (!response || response.code < 500) return null;
  if (isMicrosoft(host, text)) {
    return {
      code: 'OAUTH_TOKEN_REJECTED',
      summary: `Microsoft 365 refused the OAuth2 token for ${mailbox}.`,
      fix: {
        text: withMailbox(
          'Check that the client has the delegated permission SMTP.Send (scope https://outlook.office.com/SMTP.Send), that you signed in as MAILBOX (a token for another mailbox is refused), and that SMTP AUTH is allowed for the mailbox: ' +
            `${ENABLE_SMTP_AUTH}, then sign in again.`,
        ),
        settings: {},
      },
    };
  }
  const scope = wantedScope(challenge);
  return {
    code: 'OAUTH_TOKEN_REJECTED',
    summary: `${host} refused the OAuth2 token for ${mailbox}.`,
    fix: {
      text:
        `The token is expired or revoked, lacks the scope the server needs${scope ? ` (it asks for ${scope})` : ''}, ` +
        `or was issued for another account than ${mailbox}: sign in again as ${mailbox} (“Sign in”, or mail-preflight login).`,
      settings: {},
    },
  };
}
