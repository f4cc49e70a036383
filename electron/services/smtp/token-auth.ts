/**
 * SMTP login with an OAuth2 access token: XOAUTH2 (Google, Microsoft) and OAUTHBEARER
 * (RFC 7628), as nodemailer custom authentication handlers, so the exchange is ours to
 * read: a server that refuses the token first answers `334` with a base64 JSON status
 * (Gmail: `{"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}`), the
 * client answers with an empty line (XOAUTH2) or ^A (OAUTHBEARER), then the final 535.
 * That decoded status travels with the error, for the diagnosis.
 */
import type SMTPConnection from 'nodemailer/lib/smtp-connection';

export const TOKEN_MECHANISMS = ['XOAUTH2', 'OAUTHBEARER'] as const;
export type TokenMechanism = (typeof TOKEN_MECHANISMS)[number];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The initial client response of each mechanism (what the transcript must never show). */
export function tokenResponse(mechanism: TokenMechanism, user: string, token: string): string {
  return mechanism === 'XOAUTH2'
    ? b64(`user=${user}\x01auth=Bearer ${token}\x01\x01`)
    : b64(`n,a=${user.replace(/=/g, '=3D').replace(/,/g, '=2C')},\x01auth=Bearer ${token}\x01\x01`);
}

/** The mechanism to use: XOAUTH2 where offered (what Google and Microsoft document), else OAUTHBEARER. */
export function chooseTokenMechanism(offered: readonly string[]): TokenMechanism | null {
  const names = new Set(offered.map((m) => m.toUpperCase()));
  return TOKEN_MECHANISMS.find((m) => names.has(m)) ?? null;
}

/** The server's error status in a 334 challenge, decoded (base64 JSON); null when it is not one. */
export function decodeChallenge(text: string): string | null {
  const decoded = Buffer.from(text.trim(), 'base64').toString('utf8');
  return /^\s*\{[\s\S]*\}\s*$/.test(decoded) ? decoded.trim() : null;
}

function handler(mechanism: TokenMechanism) {
  return async (ctx: SMTPConnection.CustomAuthenticationContext): Promise<void> => {
    const { user, pass } = ctx.auth.credentials;
    const first = await ctx.sendCommand(`AUTH ${mechanism} ${tokenResponse(mechanism, user, pass)}`);
    let final = first;
    let challenge: string | null = null;
    if (first.status === 334) {
      challenge = decodeChallenge(first.text ?? '');
      final = await ctx.sendCommand(mechanism === 'XOAUTH2' ? '' : '\x01');
    }
    if (final.status === 235) {
      ctx.resolve();
      return;
    }
    ctx.reject(Object.assign(new Error('Invalid login'), challenge ? { oauthChallenge: challenge } : {}));
  };
}

/**
 * The name a login asks for to run our handler: nodemailer replaces a plain `XOAUTH2`
 * method with PLAIN unless given its own token generator, so the handlers go by names of
 * their own (each still sends `AUTH XOAUTH2` / `AUTH OAUTHBEARER` itself).
 */
export const handlerName = (mechanism: TokenMechanism) => `TOKEN-${mechanism}`;

/** nodemailer's `customAuth` option: both token mechanisms. */
export const tokenAuthHandlers: SMTPConnection.CustomAuthenticationHandlers = Object.fromEntries(
  TOKEN_MECHANISMS.map((m) => [handlerName(m), handler(m)]),
);
