/**
 * Why the delivery check could not look into the mailbox: connecting, TLS, or the IMAP
 * login failed. One sentence of cause, a fix (with the ImapSettings change that would do it
 * where there is one), the IMAP server's own words, and a cause in the vocabulary of the
 * SMTP diagnosis codes. Never the password: every text is scrubbed of it on the way out.
 */
import type { DiagnosisCode } from '../diagnosis/codes';
import { UNTRUSTED_CERT_CODES } from '../diagnosis/diagnose';
import type { Fix } from '../smtp/report';
import type { DeliveryFailure, ImapSettings } from './types';

interface ImapErrorShape {
  code?: string;
  message?: string;
  reason?: string;
  response?: unknown;
  responseText?: string;
  responseStatus?: string;
  serverResponseCode?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  cert?: { subjectaltname?: string };
}

/** Raised by the delivery check itself for steps imapflow does not time (e.g. the login). */
export class ImapStepError extends Error {
  readonly code: 'RESPONSE_TIMEOUT' | 'MAILBOX_UNAVAILABLE';
  readonly imapResponse: string | null;
  /** For RESPONSE_TIMEOUT: how long it waited, and for what ("the IMAP login"). */
  readonly waitedMs: number | null;
  readonly what: string;

  constructor(
    code: ImapStepError['code'],
    message: string,
    options: { imapResponse?: string | null; waitedMs?: number; what?: string } = {},
  ) {
    super(message);
    this.name = 'ImapStepError';
    this.code = code;
    this.imapResponse = options.imapResponse ?? null;
    this.waitedMs = options.waitedMs ?? null;
    this.what = options.what ?? 'the IMAP login';
  }
}

const fix = (text: string, settings: Record<string, unknown> = {}): Fix => ({ text, settings });
const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

function shapeOf(error: unknown): ImapErrorShape {
  return typeof error === 'object' && error !== null ? (error as ImapErrorShape) : { message: String(error) };
}

/** The server's tagged reply without its tag: "NO [AUTHENTICATIONFAILED] Authentication failed." */
function imapResponseOf(error: ImapErrorShape): string | null {
  if (error instanceof ImapStepError) return error.imapResponse;
  if (typeof error.response === 'string' && error.response.trim()) {
    return error.response.trim().replace(/^[A-Za-z0-9.]+\s+(?=(?:OK|NO|BAD|BYE)\b)/, '');
  }
  if (error.responseText) {
    const code = error.serverResponseCode ? `[${error.serverResponseCode}] ` : '';
    return `${error.responseStatus ?? 'NO'} ${code}${error.responseText}`.trim();
  }
  return null;
}

function portFix(settings: ImapSettings): Record<string, unknown> {
  if (settings.security === 'tls') return settings.port === 993 ? {} : { port: 993 };
  return settings.port === 143 ? {} : { port: 143 };
}

function classify(
  error: ImapErrorShape,
  settings: ImapSettings,
  connectTimeoutMs: number,
): { cause: DiagnosisCode; summary: string; fix: Fix | null } {
  const { host, port, user } = settings;
  const code = error.code ?? '';
  const message = error.message ?? '';
  const said = `${error.responseText ?? ''} ${typeof error.response === 'string' ? error.response : ''}`;

  if (error instanceof ImapStepError && error.code === 'RESPONSE_TIMEOUT') {
    return {
      cause: 'RESPONSE_TIMEOUT',
      summary: `${host} did not answer ${error.what} within ${seconds(error.waitedMs ?? connectTimeoutMs)}.`,
      fix: fix('The IMAP server is overloaded or stalled; try again later, or check the IMAP host and port.'),
    };
  }
  if (error instanceof ImapStepError && error.code === 'MAILBOX_UNAVAILABLE') {
    return {
      cause: 'PROTOCOL_ERROR',
      summary: error.message,
      fix: fix('Check that the IMAP user is the mailbox the test message was sent to.'),
    };
  }
  if (error.authenticationFailed || error.serverResponseCode === 'AUTHENTICATIONFAILED') {
    if (/application-specific password|app password/i.test(said)) {
      return {
        cause: 'AUTH_APP_PASSWORD_REQUIRED',
        summary: `Google refused the IMAP login of ${user} because the account needs an app password.`,
        fix: fix(
          'Turn on 2-Step Verification for the account, create an app password (16 letters) and enter it as the IMAP password.',
        ),
      };
    }
    if (/outlook\.office365\.com|outlook\.com|office365\.com$/i.test(host)) {
      return {
        cause: 'AUTH_BASIC_DISABLED',
        summary: `Microsoft 365 refused the IMAP login of ${user}; it no longer accepts passwords over IMAP (Basic authentication is off).`,
        fix: fix(
          'Check delivery with a mailbox that allows IMAP password logins, or check the Microsoft 365 mailbox by hand.',
        ),
      };
    }
    if (error.serverResponseCode === 'UNAVAILABLE') {
      return {
        cause: 'TEMPORARY_FAILURE',
        summary: `${host} could not log ${user} in just now (a temporary failure on the server).`,
        fix: fix('Try again in a minute.'),
      };
    }
    return {
      cause: 'AUTH_FAILED',
      summary: `${host} refused the IMAP login of ${user}: the user name or the password is wrong.`,
      fix: fix(
        'Enter the mailbox’s IMAP user name and password again; providers with 2-step sign-in need an app password, and some need IMAP switched on for the mailbox.',
      ),
    };
  }
  if (
    /PRIVACYREQUIRED|LOGINDISABLED|plaintext authentication (?:is )?(?:not allowed|disallowed)/i.test(said)
  ) {
    return {
      cause: 'AUTH_REQUIRES_TLS',
      summary: `${host} accepts IMAP logins only over TLS.`,
      fix: fix('Choose STARTTLS (port 143) or TLS (port 993) for IMAP.', { security: 'starttls' }),
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return {
      cause: 'DNS_NOT_FOUND',
      summary: `The IMAP server name ${host} does not resolve in DNS.`,
      fix: fix('Check the IMAP server address for typos (often imap.<domain> or mail.<domain>).'),
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      cause: 'CONNECTION_REFUSED',
      summary: `Nothing is listening for IMAP on ${host} port ${port}.`,
      fix: fix('Check the IMAP port: 993 for IMAP over TLS, 143 for IMAP with STARTTLS.', portFix(settings)),
    };
  }
  if (['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN'].includes(code)) {
    return {
      cause: 'NETWORK_UNREACHABLE',
      summary: `There is no network route from this machine to ${host}.`,
      fix: fix('Check this machine’s network connection, VPN or proxy.'),
    };
  }
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return {
      cause: 'CONNECTION_TIMEOUT',
      summary: `${host} did not accept an IMAP connection on port ${port} within ${seconds(connectTimeoutMs)}.`,
      fix: fix(
        'A firewall may drop the connection, or the port is wrong: 993 for IMAP over TLS, 143 for STARTTLS.',
        portFix(settings),
      ),
    };
  }
  if (code === 'GREETING_TIMEOUT') {
    if (settings.security !== 'tls') {
      return {
        cause: 'IMPLICIT_TLS_EXPECTED',
        summary: `${host} port ${port} sent no IMAP greeting within ${seconds(connectTimeoutMs)}; it probably expects TLS from the first byte.`,
        fix: fix('Choose TLS for IMAP on this port.', { security: 'tls' }),
      };
    }
    return {
      cause: 'GREETING_TIMEOUT',
      summary: `${host} port ${port} accepted TLS but sent no IMAP greeting within ${seconds(connectTimeoutMs)}.`,
      fix: fix('Check that this port is the IMAP port (993 for IMAP over TLS).', portFix(settings)),
    };
  }
  if (error.tlsFailed && /does not support STARTTLS|STARTTLS is not possible/i.test(message)) {
    return {
      cause: 'STARTTLS_NOT_OFFERED',
      summary: `${host} does not offer STARTTLS for IMAP on port ${port}.`,
      fix: fix('Choose TLS on port 993, the usual IMAP-over-TLS port.', { security: 'tls', port: 993 }),
    };
  }
  if (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number|packet length too long|unknown protocol/i.test(message)
  ) {
    return {
      cause: 'PLAINTEXT_PORT',
      summary: `${host} port ${port} speaks plain IMAP, not TLS from the first byte.`,
      fix: fix(
        port === 143
          ? 'Choose STARTTLS for this port.'
          : 'Choose STARTTLS for this port, or TLS on port 993.',
        { security: 'starttls' },
      ),
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      cause: 'TLS_CERT_EXPIRED',
      summary:
        code === 'CERT_HAS_EXPIRED'
          ? `The certificate of the IMAP server ${host} has expired.`
          : `The certificate of the IMAP server ${host} is not valid yet.`,
      fix: fix(
        code === 'CERT_HAS_EXPIRED'
          ? 'The server’s administrator must renew its certificate.'
          : 'Check this machine’s clock, or ask the server’s administrator to check the certificate’s dates.',
      ),
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = (error.cert?.subjectaltname ?? '')
      .split(/,\s*/)
      .filter((name) => name.startsWith('DNS:'))
      .map((name) => name.slice(4));
    const usable = names.find((name) => !name.startsWith('*.'));
    const name = settings.servername ?? host;
    return {
      cause: 'TLS_CERT_HOSTNAME_MISMATCH',
      summary: names.length
        ? `The IMAP server’s certificate is for ${names.join(', ')}, not for ${name}.`
        : `The IMAP server’s certificate is issued for another name than ${name}.`,
      fix: usable
        ? fix(
            `Enter ${usable} as the IMAP server name (the name checked in the certificate), or ask for a certificate that includes ${name}.`,
            { servername: usable },
          )
        : fix('Use the host name the certificate names, or ask for a certificate that includes this name.'),
    };
  }
  if (UNTRUSTED_CERT_CODES.has(code)) {
    return {
      cause: 'TLS_CERT_UNTRUSTED',
      summary: `The certificate of the IMAP server ${host} is not signed by an authority this machine trusts.`,
      fix: fix(
        'If this is your own CA or a self-signed server, import its certificate under Trusted certificates and select it in the profile (on the command line: --ca or --imap-ca).',
      ),
    };
  }
  if (error.tlsFailed || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return {
      cause: 'TLS_HANDSHAKE_FAILED',
      summary: `The TLS handshake with the IMAP server ${host} failed (${error.reason ?? (message || code)}).`,
      fix: fix(
        'The server may offer only TLS versions older than 1.2 or no cipher in common; its administrator should check its TLS configuration.',
      ),
    };
  }
  if (
    ['ECONNRESET', 'EPIPE', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText'].includes(code) ||
    code === 'ClosedAfterConnectTLS'
  ) {
    return {
      cause: 'CONNECTION_LOST',
      summary: `${host} closed the IMAP connection unexpectedly.`,
      fix: fix('Check that this port speaks IMAP; a firewall or an overloaded server can also cause this.'),
    };
  }
  if (code === 'ETIMEOUT') {
    return {
      cause: 'RESPONSE_TIMEOUT',
      summary: `${host} stopped answering on the IMAP connection.`,
      fix: fix('The IMAP server is overloaded or the network drops the connection; try again later.'),
    };
  }
  return {
    cause: 'PROTOCOL_ERROR',
    summary: `The IMAP check with ${host} failed: ${(message || code || 'unknown error').replace(/\.?\s*$/, '')}.`,
    fix: fix('Check that the IMAP host and port are those of the recipient’s mailbox.'),
  };
}

function scrub(text: string, secret: string): string {
  return secret.length >= 3 ? text.split(secret).join('<redacted>') : text;
}

/** DELIVERY_CHECK_FAILED for an error met while connecting to, logging in to or reading the mailbox. */
export function imapFailure(
  error: unknown,
  settings: ImapSettings,
  connectTimeoutMs: number,
): DeliveryFailure {
  const shape = shapeOf(error);
  const { cause, summary, fix: fixed } = classify(shape, settings, connectTimeoutMs);
  const response = imapResponseOf(shape);
  const secret = settings.password;
  return {
    code: 'DELIVERY_CHECK_FAILED',
    cause,
    summary: scrub(summary, secret),
    fix: fixed ? { text: scrub(fixed.text, secret), settings: fixed.settings } : null,
    imapResponse: response === null ? null : scrub(response, secret),
  };
}
