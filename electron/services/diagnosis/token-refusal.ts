/**
 * Why a mail server refused an OAuth2 access token (XOAUTH2 / OAUTHBEARER), and what fits:
 *   - Gmail: a 334 challenge whose base64 JSON names the status and the scope it wants,
 *     then 535 5.7.8 → OAUTH_TOKEN_REJECTED (expired or revoked, wrong scope, other account);
 *   - Microsoft 365: 535 5.7.3 "Authentication unsuccessful" → OAUTH_TOKEN_REJECTED
 *     (SMTP.Send missing, token for another mailbox, or SMTP AUTH off for the mailbox);
 *   - Microsoft 365: 5.7.139 / 5.7.30 (SMTP AUTH disabled) → AUTH_BASIC_DISABLED, whose fix
 *     for a token login is turning SMTP AUTH on for the mailbox, not a password.
 * diagnose.ts asks here first when the login was a token login, and says the verdict in the
 * run's language: diagnosis.<code>.<variant> in the catalogues, with the mailbox (and the
 * scope a Gmail challenge asks for) as parameters.
 */
import type { ServerResponse } from '../smtp/report';
import type { DiagnosisCode } from './codes';

export interface TokenRefusalContext {
  host: string;
  /** The XOAUTH2 / OAUTHBEARER user. */
  mailbox: string;
  response: ServerResponse | null;
  /** The decoded JSON of the server's 334 challenge, when it sent one. */
  challenge: string | null;
}

/** The verdict: its code, its catalogue variant and the values of its placeholders. */
interface TokenRefusal {
  code: DiagnosisCode;
  variant: string;
  params: Record<string, string>;
}

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
  if (enhanced === '5.7.139' || enhanced === '5.7.30' || /SmtpClientAuthentication is disabled/i.test(text))
    return { code: 'AUTH_BASIC_DISABLED', variant: 'tokenLogin', params: { mailbox } };
  if (!response || response.code < 500) return null;
  if (isMicrosoft(host, text))
    return { code: 'OAUTH_TOKEN_REJECTED', variant: 'microsoft', params: { mailbox } };
  const scope = wantedScope(challenge);
  return scope
    ? { code: 'OAUTH_TOKEN_REJECTED', variant: 'scope', params: { mailbox, scope } }
    : { code: 'OAUTH_TOKEN_REJECTED', variant: 'default', params: { mailbox } };
}
