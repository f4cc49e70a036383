/**
 * Why the delivery check could not look into the mailbox: connecting, TLS, or the IMAP
 * login failed. One sentence of cause, a fix (with the ImapSettings change that would do it
 * where there is one), the IMAP server's own words, and a cause in the vocabulary of the
 * SMTP diagnosis codes. Never the password: every text is scrubbed of it on the way out.
 */
import type { DiagnosisCode } from '../diagnosis/codes';
import { UNTRUSTED_CERT_CODES } from '../diagnosis/diagnose';
import { createTranslator, saySeconds, translateKey, type Language, type Translate } from '../i18n';
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

/** A step of the check a sentence names (`imapFailure.step.<step>`: "the IMAP login"). */
type ImapStep = 'login' | 'folderList' | 'message' | 'deletion';

/** Raised by the delivery check itself for steps imapflow does not time (e.g. the login). */
export class ImapStepError extends Error {
  readonly code: 'RESPONSE_TIMEOUT' | 'MAILBOX_UNAVAILABLE';
  readonly imapResponse: string | null;
  /** For RESPONSE_TIMEOUT: how long it waited, and for which step. */
  readonly waitedMs: number | null;
  readonly step: ImapStep;
  /** For MAILBOX_UNAVAILABLE: the folder the server would not open. */
  readonly folder: string | null;

  /** `message` is for logs (English); the reader's sentence is made from the code, step and folder. */
  constructor(
    code: ImapStepError['code'],
    message: string,
    options: { imapResponse?: string | null; waitedMs?: number; step?: ImapStep; folder?: string } = {},
  ) {
    super(message);
    this.name = 'ImapStepError';
    this.code = code;
    this.imapResponse = options.imapResponse ?? null;
    this.waitedMs = options.waitedMs ?? null;
    this.step = options.step ?? 'login';
    this.folder = options.folder ?? null;
  }
}

/**
 * A verdict's sentences by name: `imapFailure.verdict.<variant>.<summary>` and `.<fix>`
 * (some variants have a second summary or fix, e.g. `fix143`), with their parameters.
 */
interface Classified {
  cause: DiagnosisCode;
  variant: string;
  params?: Record<string, string | number>;
  summary?: string;
  fix?: string;
  settings?: Record<string, unknown>;
}

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
  t: Translate,
): Classified {
  const { host, port } = settings;
  const code = error.code ?? '';
  const message = error.message ?? '';
  const said = `${error.responseText ?? ''} ${typeof error.response === 'string' ? error.response : ''}`;

  if (error instanceof ImapStepError && error.code === 'RESPONSE_TIMEOUT') {
    const what = t(`imapFailure.step.${error.step}`);
    const params = { what, seconds: saySeconds(t, error.waitedMs ?? connectTimeoutMs) };
    return { cause: 'RESPONSE_TIMEOUT', variant: 'stepTimeout', params };
  }
  if (error instanceof ImapStepError && error.code === 'MAILBOX_UNAVAILABLE') {
    return { cause: 'PROTOCOL_ERROR', variant: 'mailboxUnavailable', params: { folder: error.folder ?? '' } };
  }
  if (error.authenticationFailed || error.serverResponseCode === 'AUTHENTICATIONFAILED') {
    if (/application-specific password|app password/i.test(said)) {
      return { cause: 'AUTH_APP_PASSWORD_REQUIRED', variant: 'appPassword' };
    }
    if (/outlook\.office365\.com|outlook\.com|office365\.com$/i.test(settings.host)) {
      return { cause: 'AUTH_BASIC_DISABLED', variant: 'basicDisabled' };
    }
    if (error.serverResponseCode === 'UNAVAILABLE') {
      return { cause: 'TEMPORARY_FAILURE', variant: 'temporary' };
    }
    return { cause: 'AUTH_FAILED', variant: 'authFailed' };
  }
  if (
    /PRIVACYREQUIRED|LOGINDISABLED|plaintext authentication (?:is )?(?:not allowed|disallowed)/i.test(said)
  ) {
    return { cause: 'AUTH_REQUIRES_TLS', variant: 'requiresTls', settings: { security: 'starttls' } };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return { cause: 'DNS_NOT_FOUND', variant: 'dnsNotFound' };
  }
  if (code === 'ECONNREFUSED') {
    return { cause: 'CONNECTION_REFUSED', variant: 'refused', settings: portFix(settings) };
  }
  if (['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN'].includes(code)) {
    return { cause: 'NETWORK_UNREACHABLE', variant: 'unreachable' };
  }
  const waited = { seconds: saySeconds(t, connectTimeoutMs) };
  if (code === 'CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return {
      cause: 'CONNECTION_TIMEOUT',
      variant: 'connectTimeout',
      params: waited,
      settings: portFix(settings),
    };
  }
  if (code === 'GREETING_TIMEOUT') {
    if (settings.security !== 'tls') {
      return {
        cause: 'IMPLICIT_TLS_EXPECTED',
        variant: 'implicitTlsExpected',
        params: waited,
        settings: { security: 'tls' },
      };
    }
    return {
      cause: 'GREETING_TIMEOUT',
      variant: 'greetingTimeout',
      params: waited,
      settings: portFix(settings),
    };
  }
  if (error.tlsFailed && /does not support STARTTLS|STARTTLS is not possible/i.test(message)) {
    return {
      cause: 'STARTTLS_NOT_OFFERED',
      variant: 'starttlsNotOffered',
      settings: { security: 'tls', port: 993 },
    };
  }
  if (
    code === 'ERR_SSL_WRONG_VERSION_NUMBER' ||
    /wrong version number|packet length too long|unknown protocol/i.test(message)
  ) {
    return {
      cause: 'PLAINTEXT_PORT',
      variant: 'plaintextPort',
      ...(port === 143 ? { fix: 'fix143' } : {}),
      settings: { security: 'starttls' },
    };
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      cause: 'TLS_CERT_EXPIRED',
      variant: code === 'CERT_HAS_EXPIRED' ? 'certExpired' : 'certNotYetValid',
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
      variant: 'hostnameMismatch',
      params: { name, names: names.join(', '), usable: usable ?? '' },
      ...(names.length ? {} : { summary: 'summaryUnnamed' }),
      ...(usable ? { settings: { servername: usable } } : { fix: 'fixUnnamed' }),
    };
  }
  if (UNTRUSTED_CERT_CODES.has(code)) {
    return { cause: 'TLS_CERT_UNTRUSTED', variant: 'certUntrusted' };
  }
  if (error.tlsFailed || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    const reason = error.reason ?? (message || code);
    return { cause: 'TLS_HANDSHAKE_FAILED', variant: 'handshakeFailed', params: { reason } };
  }
  if (
    ['ECONNRESET', 'EPIPE', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText'].includes(code) ||
    code === 'ClosedAfterConnectTLS'
  ) {
    return { cause: 'CONNECTION_LOST', variant: 'connectionLost' };
  }
  if (code === 'ETIMEOUT') {
    return { cause: 'RESPONSE_TIMEOUT', variant: 'stoppedAnswering' };
  }
  const reason = (message || code || t('imapFailure.unknownError')).replace(/\.?\s*$/, '');
  return { cause: 'PROTOCOL_ERROR', variant: 'generic', params: { reason } };
}

function scrub(text: string, secret: string): string {
  return secret.length >= 3 ? text.split(secret).join('<redacted>') : text;
}

/**
 * DELIVERY_CHECK_FAILED for an error met while connecting to, logging in to or reading the
 * mailbox; its summary and fix in `language` (English when unset), the server's words as it
 * said them.
 */
export function imapFailure(
  error: unknown,
  settings: ImapSettings,
  connectTimeoutMs: number,
  language: Language = 'en',
): DeliveryFailure {
  const t = createTranslator(language);
  const shape = shapeOf(error);
  const classified = classify(shape, settings, connectTimeoutMs, t);
  const key = `imapFailure.verdict.${classified.variant}`;
  const params = { host: settings.host, port: settings.port, user: settings.user, ...classified.params };
  const summary = translateKey(t, `${key}.${classified.summary ?? 'summary'}`, params);
  const fix = translateKey(t, `${key}.${classified.fix ?? 'fix'}`, params);
  const response = imapResponseOf(shape);
  const secret = settings.password;
  return {
    code: 'DELIVERY_CHECK_FAILED',
    cause: classified.cause,
    summary: scrub(summary, secret),
    fix: { text: scrub(fix, secret), settings: classified.settings ?? {} },
    imapResponse: response === null ? null : scrub(response, secret),
  };
}

/** "The IMAP server did not delete the test message from INBOX." in `language`. */
export function notDeletedReason(folder: string, language: Language = 'en'): string {
  return createTranslator(language)('imapFailure.notDeleted', { folder });
}
