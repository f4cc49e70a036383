/**
 * Turns what went wrong in a run into a diagnosis: a code, one sentence of cause, and a
 * fix (words and, where a settings change would do it, that change). It reads the whole
 * context, not just the error string: the phase, what the server offered, whether the run
 * was anonymous, which protocol and port were chosen.
 */
import type { Fix, Phase, ServerResponse } from '../smtp/report';
import type { Security } from '../settings/profile';
import { createTranslator, translateKey, type Language } from '../i18n';
import type { DiagnosisCode } from './codes';
import { meaningsOf } from './reply-words';
import { parseResponse } from './server-response';
import { classifyTokenRefusal } from './token-refusal';
import { AppError } from '../errors';

export interface FailureContext {
  phase: Phase | null;
  error: unknown;
  host: string;
  port: number;
  security: Security;
  anonymous: boolean;
  /** EHLO keywords the server offered last (e.g. "AUTH PLAIN LOGIN", "STARTTLS"). */
  capabilities: readonly string[];
  timeoutMs: number;
  /** The login succeeded (235): from here on no verdict may ask for a login. */
  authenticated: boolean;
  /** The envelope, when the run got that far (a recipient outside the sender's domain may be a relay refusal). */
  from?: string | null;
  to?: string | null;
  /** The name given in EHLO, and whether the user chose it (profile field, --ehlo) or it was automatic. */
  ehlo?: { name: string; chosen: boolean };
  /** The SASL mechanism of the login, when there was one (XOAUTH2 and OAUTHBEARER carry a token). */
  authMechanism?: string | null;
  /** The login user (for a token login: the mailbox). */
  mailbox?: string | null;
  /** The language of the summary and the fix (the run's language); English when unset. */
  language?: Language;
  /** The run trusts pinned certificates only (TlsMaterial.pins): an untrusted chain is not the pin. */
  pinned?: boolean;
}

export interface Diagnosis {
  code: DiagnosisCode;
  summary: string;
  fix: Fix | null;
  response: ServerResponse | null;
}

interface ErrorShape {
  code?: string;
  originalCode?: string;
  message?: string;
  response?: string;
  /** The peer certificate a TLS name check failed on (Node's ERR_TLS_CERT_ALTNAME_INVALID). */
  cert?: { subjectaltname?: string };
}

/** Node's codes for a chain that does not end at a trusted root. */
export const UNTRUSTED_CERT_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** Values for a verdict's placeholders ({{host}} and {{port}} are always there). */
type Params = Record<string, string | number>;

/**
 * A verdict in the run's language: `diagnosis.<CODE>.<variant>.summary` and `.fix` from the
 * catalogues (locales/*.json), with the host, the port and `params` filled in.
 */
function verdict(
  ctx: Pick<FailureContext, 'host' | 'port' | 'language'>,
  code: DiagnosisCode,
  variant: string,
  params: Params = {},
  settings: Record<string, unknown> = {},
): Classified {
  const t = createTranslator(ctx.language ?? 'en');
  const values = { host: ctx.host, port: ctx.port, ...params };
  const key = `diagnosis.${code}.${variant}`;
  return {
    code,
    summary: translateKey(t, `${key}.summary`, values),
    fix: { text: translateKey(t, `${key}.fix`, values), settings },
  };
}

import { PIN_MISMATCH_ERROR } from '../smtp/tls-options';

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const offers = (caps: readonly string[], keyword: string) =>
  caps.some((c) => c.toUpperCase().split(/\s+/)[0] === keyword);
/** Gmail and Google Workspace: by the host name, or by the reply (Gmail signs its replies "gsmtp"). */
const isGmail = (host: string, replyText = '') =>
  /(^|\.)(gmail|googlemail|google)\.com$/i.test(host) ||
  /\bgsmtp$|support\.google\.com\/(mail|a)\//i.test(replyText.trim());

/**
 * A TLS alert that means the server refused the client's certificate or wanted one. Under
 * TLS 1.3 the server sends it after the client's handshake is done, so it arrives when the
 * client first reads (the greeting on SMTPS, EHLO after STARTTLS), not as a handshake error.
 */
const CLIENT_CERT_ALERT =
  /ALERT_CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_CERTIFICATE_UNKNOWN|ALERT_ACCESS_DENIED|certificate required|alert bad certificate|alert unknown ca|handshake failure.*certificate|peer did not return a certificate/i;

/** Other protocols that greet first, by their first line: what the port speaks instead. */
const OTHER_PROTOCOLS: Array<[RegExp, string]> = [
  [/^SSH-\d/, 'SSH'],
  [/^\* OK\b/i, 'IMAP'],
  [/^\+OK\b/, 'POP3'],
  [/^HTTP\/\d/i, 'HTTP'],
];

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : { message: String(error) };
}

/** The system or TLS error code behind nodemailer's wrapper code. */
function rootCode(e: ErrorShape): string {
  return e.originalCode ?? e.code ?? '';
}

export function diagnose(context: FailureContext): Diagnosis {
  const error = shapeOf(context.error);
  const response = parseResponse(error.response);
  if (context.error instanceof KnownFailure) {
    const known = context.error;
    return { ...verdict(context, known.code, known.variant, known.params, known.settings), response };
  }
  // The authorization server refused the refresh during the login: its sentence (with the
  // provider's own words) is the summary.
  if (context.error instanceof AppError && context.error.code === 'OAUTH_SIGN_IN_FAILED') {
    const t = createTranslator(context.language ?? 'en');
    const again = t('diagnosis.OAUTH_SIGN_IN_FAILED.refresh.fix', { command: 'mail-preflight login' });
    return {
      code: 'OAUTH_SIGN_IN_FAILED',
      summary: context.error.say(t),
      fix: { text: again, settings: {} },
      response: null,
    };
  }
  const result = classify(context, error, response);
  return { ...result, response };
}

type Classified = Omit<Diagnosis, 'response'>;

function classify(ctx: FailureContext, error: ErrorShape, response: ServerResponse | null): Classified {
  const code = rootCode(error);
  const message = error.message ?? '';
  const { port } = ctx;

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return verdict(ctx, 'DNS_NOT_FOUND', 'notFound');
  }
  if (code === 'ECONNREFUSED') return verdict(ctx, 'CONNECTION_REFUSED', 'default');
  if (['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN'].includes(code)) {
    return verdict(ctx, 'NETWORK_UNREACHABLE', 'default');
  }
  const timedOut = code === 'ETIMEDOUT' || /timed? ?out|timeout/i.test(message);

  const waited = { seconds: seconds(ctx.timeoutMs) };
  if (ctx.phase === 'dns' && timedOut) return verdict(ctx, 'DNS_NOT_FOUND', 'timeout', waited);
  if (ctx.phase === 'connect' && timedOut) {
    return port === 25
      ? verdict(ctx, 'CONNECTION_TIMEOUT', 'port25', waited, { port: 587, security: 'starttls' })
      : verdict(ctx, 'CONNECTION_TIMEOUT', 'default', waited);
  }
  if (ctx.phase === 'tls' || ctx.phase === 'starttls' || code.startsWith('ERR_SSL_')) {
    const tls = classifyTls(ctx, error, response);
    if (tls) return tls;
  }
  if (response && refusesClientCertificate(ctx, response)) {
    return verdict(ctx, 'TLS_CLIENT_CERT_REQUIRED', 'afterHandshake');
  }
  if (ctx.phase === 'greeting') {
    if (response && (response.code === 421 || response.code === 554)) {
      return verdict(ctx, 'SERVER_BUSY', 'greeting');
    }
    if (timedOut) {
      if (ctx.security !== 'tls' && port === 465) {
        return verdict(ctx, 'IMPLICIT_TLS_EXPECTED', 'greeting', {}, { security: 'tls' });
      }
      return verdict(ctx, 'GREETING_TIMEOUT', ctx.security === 'tls' ? 'tls' : 'plain', waited);
    }
  }
  if (ctx.phase === 'auth' && /^(XOAUTH2|OAUTHBEARER)$/.test(ctx.authMechanism ?? '')) {
    const challenge = (ctx.error as { oauthChallenge?: string } | null)?.oauthChallenge ?? null;
    const token = classifyTokenRefusal({ host: ctx.host, mailbox: ctx.mailbox ?? '', response, challenge });
    if (token) return verdict(ctx, token.code, token.variant, token.params);
  }
  if (ctx.phase === 'auth' || code === 'EAUTH') {
    const auth = classifyAuth(ctx, response, message);
    if (auth) return auth;
  }
  if (response) {
    const reply = classifyReply(ctx, response);
    if (reply) return reply;
  }
  const during = { phase: phaseName(ctx) };
  if (timedOut) return verdict(ctx, 'RESPONSE_TIMEOUT', 'default', { ...during, ...waited });
  if (code === 'ECONNRESET' || code === 'EPIPE' || /closed unexpectedly|socket hang up/i.test(message)) {
    return verdict(ctx, 'CONNECTION_LOST', 'default', during);
  }
  const said = (error.response ?? '').trim();
  const other = OTHER_PROTOCOLS.find(([pattern]) => pattern.test(said))?.[1];
  if (other) return verdict(ctx, 'PROTOCOL_ERROR', 'otherProtocol', { protocol: other });
  return verdict(ctx, 'PROTOCOL_ERROR', 'unknown', during);
}

/**
 * A server that checks the client certificate only after the handshake succeeded (Postfix's
 * smtpd_tls_req_ccert, check_ccert_access; qmail-tls relaying for listed certificates) says so
 * in a 421 or 5xx whose words mention it.
 */
function refusesClientCertificate(ctx: FailureContext, response: ServerResponse): boolean {
  const afterHandshake =
    ctx.security !== 'none' && !['dns', 'connect', 'tls', 'starttls'].includes(ctx.phase ?? 'connect');
  return (
    afterHandshake &&
    (response.code === 421 || response.code >= 500) &&
    meaningsOf(response).has('clientCertificate')
  );
}

function classifyTls(
  ctx: FailureContext,
  error: ErrorShape,
  response: ServerResponse | null,
): Classified | null {
  const { port } = ctx;
  const code = rootCode(error);
  const message = error.message ?? '';
  if (ctx.phase === 'starttls' && !offers(ctx.capabilities, 'STARTTLS')) {
    return port === 465
      ? verdict(ctx, 'STARTTLS_NOT_OFFERED', 'port465', {}, { security: 'tls' })
      : verdict(ctx, 'STARTTLS_NOT_OFFERED', 'default');
  }
  if (ctx.phase === 'starttls' && response && response.code >= 400) {
    return verdict(ctx, 'TLS_HANDSHAKE_FAILED', 'starttlsRefused');
  }
  if (
    /wrong version number|packet length too long|unknown protocol|http request/i.test(message) ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER'
  ) {
    return verdict(ctx, 'PLAINTEXT_PORT', port === 465 ? 'port465' : 'default', {}, { security: 'starttls' });
  }
  if (code === PIN_MISMATCH_ERROR || (ctx.pinned && UNTRUSTED_CERT_CODES.has(code))) {
    // The fingerprints come with the run's second look at the chain (runs.ts, pin-verdict.ts).
    return verdict(ctx, 'TLS_PIN_MISMATCH', 'default');
  }
  if (code === 'CERT_HAS_EXPIRED') return verdict(ctx, 'TLS_CERT_EXPIRED', 'expired');
  if (code === 'CERT_NOT_YET_VALID') return verdict(ctx, 'TLS_CERT_EXPIRED', 'notYetValid');
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = (error.cert?.subjectaltname ?? '')
      .split(/,\s*/)
      .filter((name) => name.startsWith('DNS:'))
      .map((name) => name.slice(4));
    return names.length
      ? verdict(ctx, 'TLS_CERT_HOSTNAME_MISMATCH', 'names', { names: names.join(', ') })
      : verdict(ctx, 'TLS_CERT_HOSTNAME_MISMATCH', 'default');
  }
  if (UNTRUSTED_CERT_CODES.has(code)) return verdict(ctx, 'TLS_CERT_UNTRUSTED', 'default');
  if (CLIENT_CERT_ALERT.test(`${code} ${message}`)) return verdict(ctx, 'TLS_CLIENT_CERT_REQUIRED', 'alert');
  if (/ETIMEDOUT|timed? ?out/i.test(code + message)) return null;
  if (
    /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|protocol version|unsupported protocol/i.test(`${code} ${message}`)
  ) {
    return verdict(ctx, 'TLS_HANDSHAKE_FAILED', 'oldVersion');
  }
  return verdict(ctx, 'TLS_HANDSHAKE_FAILED', 'default');
}

function ehloNameRejected(ctx: FailureContext): Classified {
  const flag = { flag: '--ehlo NAME' };
  if (!ctx.ehlo) return verdict(ctx, 'EHLO_NAME_REJECTED', 'unnamed', flag);
  return ctx.ehlo.chosen
    ? verdict(ctx, 'EHLO_NAME_REJECTED', 'chosen', { name: ctx.ehlo.name }, { ehloName: '' })
    : verdict(ctx, 'EHLO_NAME_REJECTED', 'automatic', { name: ctx.ehlo.name, ...flag });
}

function classifyAuth(
  ctx: FailureContext,
  response: ServerResponse | null,
  message: string,
): Classified | null {
  const { host } = ctx;
  const text = `${response?.text ?? ''} ${message}`;
  const enhanced = response?.enhanced ?? '';
  if (
    enhanced === '5.7.9' ||
    (response?.code === 534 && /application-specific password|apppassword/i.test(text))
  ) {
    return verdict(ctx, 'AUTH_APP_PASSWORD_REQUIRED', 'default');
  }
  if (
    enhanced === '5.7.139' ||
    enhanced === '5.7.30' ||
    /SmtpClientAuthentication is disabled|basic authentication is disabled/i.test(text)
  ) {
    return verdict(ctx, 'AUTH_BASIC_DISABLED', 'default');
  }
  const words = response ? meaningsOf(response) : new Set<string>();
  if (
    response?.code === 538 ||
    words.has('tlsFirst') ||
    (response?.code === 530 && /STARTTLS|TLS/i.test(text))
  ) {
    return verdict(ctx, 'AUTH_REQUIRES_TLS', 'password', {}, { security: 'starttls' });
  }
  if (words.has('rateLimit')) return verdict(ctx, 'RATE_LIMITED', 'default');
  if (words.has('sender')) return verdict(ctx, 'SENDER_REJECTED', 'default');
  if (response?.code === 504 || enhanced === '5.5.4' || /mechanism/i.test(response?.text ?? '')) {
    const offered = ctx.capabilities.find((c) => /^AUTH\b/i.test(c));
    return offered
      ? verdict(ctx, 'AUTH_MECHANISM_UNSUPPORTED', 'offered', { offered })
      : verdict(ctx, 'AUTH_MECHANISM_UNSUPPORTED', 'none');
  }
  if (response && response.code >= 500) {
    return verdict(ctx, 'AUTH_FAILED', isGmail(host, response.text) ? 'gmail' : 'default');
  }
  if (response && response.code >= 400) return verdict(ctx, 'TEMPORARY_FAILURE', 'auth');
  return null;
}

const domainOf = (address: string | null | undefined) => address?.split('@').at(-1)?.toLowerCase() ?? '';

/** The recipient's domain is neither the sender's nor one of its subdomains (or parents). */
function outsideSenderDomain(from: string | null | undefined, to: string | null | undefined): boolean {
  const [a, b] = [domainOf(from), domainOf(to)];
  if (!a || !b) return false;
  return a !== b && !a.endsWith(`.${b}`) && !b.endsWith(`.${a}`);
}

/** Enhanced codes of policy refusals and "other": the ones a generic refusal comes with. */
const GENERIC_ENHANCED = /^[45]\.(7\.\d+|0\.0)$/;
/** Words of a refusal that is about the moment, not about this client. */
const TEMPORARY_WORDS = /temporar|try (again )?later|defer|busy|timeout|greylist|graylist/i;

/**
 * A server reply to MAIL, RCPT or DATA (or a refusal at any other step). The words decide
 * before the status class: "Relay access denied" is a relay refusal whether it comes as 454
 * or 554, "message too big" is a size limit whether it comes as 552 or a bare 550. Then the
 * context: an anonymous client refused by a server that offers AUTH is told to log in, a
 * client that has logged in (235) never is.
 */
function classifyReply(ctx: FailureContext, response: ServerResponse): Classified | null {
  const { phase } = ctx;
  const { code, enhanced } = response;
  const words = meaningsOf(response);
  const envelope = phase === 'mail' || phase === 'rcpt';
  const offersAuth = offers(ctx.capabilities, 'AUTH');
  const policy = code === 530 || /^5\.7\.(0|1|57)$/.test(enhanced ?? '');
  // A refusal in generic words ("Administrative prohibition", "Invalid recipient", "I cannot
  // deliver mail for") of a recipient outside the sender's domain: most likely no relaying.
  const genericRefusal =
    phase === 'rcpt' &&
    (code >= 500 || (code >= 450 && !TEMPORARY_WORDS.test(response.text))) &&
    !words.has('unknownRecipient') &&
    (enhanced === null || GENERIC_ENHANCED.test(enhanced)) &&
    outsideSenderDomain(ctx.from, ctx.to);

  if (words.has('mailboxFull')) return verdict(ctx, 'MESSAGE_TOO_LARGE', 'mailboxFull');
  if (words.has('messageSize') || (code === 552 && !/^5\.7\./.test(enhanced ?? ''))) {
    return verdict(ctx, 'MESSAGE_TOO_LARGE', 'size');
  }
  // Postfix checks the HELO name when the recipient arrives (smtpd_delay_reject): "Helo
  // command rejected: need fully-qualified hostname" comes as the reply to RCPT TO.
  if (words.has('heloName') && code >= 500) return ehloNameRejected(ctx);
  if (words.has('rateLimit')) return verdict(ctx, 'RATE_LIMITED', 'default');
  if (words.has('tlsFirst') && ctx.security === 'none') {
    return verdict(ctx, 'AUTH_REQUIRES_TLS', 'mail', {}, { security: 'starttls' });
  }
  if (words.has('clientBlocked')) return verdict(ctx, 'SERVER_BUSY', 'blocked');
  if (words.has('recipientNotAllowed')) return verdict(ctx, 'RECIPIENT_REJECTED', 'default');
  if (ctx.anonymous && !ctx.authenticated) {
    const askedToLogIn =
      words.has('loginFirst') ||
      (envelope &&
        offersAuth &&
        !words.has('unknownRecipient') &&
        !words.has('sender') &&
        (policy || words.has('relay') || genericRefusal));
    if (askedToLogIn) return authRequired(ctx);
  }
  // After a login the recipient is not yet known at MAIL: a refusal there is about the
  // sender, whatever it says; so is a policy refusal (530, 5.7.x) of a recipient.
  if (ctx.authenticated && phase === 'mail' && code >= 500) return verdict(ctx, 'SENDER_REJECTED', 'default');
  if (
    ctx.authenticated &&
    phase === 'rcpt' &&
    policy &&
    !words.has('relay') &&
    !words.has('unknownRecipient')
  ) {
    return verdict(ctx, 'SENDER_REJECTED', 'default');
  }
  if (words.has('relay')) return relayDenied(ctx);
  if (words.has('sender') || enhanced === '5.7.60' || (phase === 'mail' && code >= 500)) {
    return verdict(ctx, 'SENDER_REJECTED', 'default');
  }
  if (code === 530 && !ctx.authenticated) return authRequired(ctx);
  if (words.has('unknownRecipient') && (phase === 'rcpt' || phase === 'data')) {
    return verdict(ctx, 'RECIPIENT_REJECTED', 'default');
  }
  if (genericRefusal && ctx.anonymous && !offersAuth) return relayDenied(ctx);
  if (phase === 'rcpt' && enhanced === '5.7.1') return relayDenied(ctx);
  if (code >= 400 && code < 500) return verdict(ctx, 'TEMPORARY_FAILURE', 'reply');
  if (phase === 'rcpt' && code >= 500) return verdict(ctx, 'RECIPIENT_REJECTED', 'default');
  if (phase === 'data' && code >= 500) return verdict(ctx, 'MESSAGE_REJECTED', 'default');
  return null;
}

function authRequired(ctx: FailureContext): Classified {
  // A server that offers AUTH only after STARTTLS: the login needs the encrypted session too.
  const tlsFirst =
    ctx.security === 'none' && !offers(ctx.capabilities, 'AUTH') && offers(ctx.capabilities, 'STARTTLS');
  return tlsFirst
    ? verdict(ctx, 'AUTH_REQUIRED', 'tlsFirst', {}, { anonymous: false, security: 'starttls' })
    : verdict(ctx, 'AUTH_REQUIRED', 'default', {}, { anonymous: false });
}

/**
 * A relay refusal. Logged in: this account may not relay there. Anonymous without a login
 * to offer: the server does not relay for this client's address, unless the recipient
 * simply does not exist (servers that refuse both in the same generic words).
 */
function relayDenied(ctx: FailureContext): Classified {
  if (ctx.authenticated) return verdict(ctx, 'RELAY_DENIED', 'loggedIn');
  if (ctx.anonymous && !offers(ctx.capabilities, 'AUTH')) return verdict(ctx, 'RELAY_DENIED', 'noLogin');
  return verdict(ctx, 'RELAY_DENIED', 'default');
}

/** The phase as a sentence names it ("the DNS lookup", "MAIL FROM"), in the run's language. */
function phaseName(ctx: FailureContext): string {
  return translateKey(createTranslator(ctx.language ?? 'en'), `diagnosis.phase.${ctx.phase ?? 'session'}`);
}

/**
 * A failure the runner recognised itself, before or instead of an error from the wire
 * (e.g. the server offers no AUTH at all): the verdict's code, its catalogue variant and
 * parameters, and the settings change, put into words in the run's language by diagnose().
 */
export class KnownFailure extends Error {
  readonly code: DiagnosisCode;
  readonly variant: string;
  readonly params: Params;
  readonly settings: Record<string, unknown>;

  constructor(
    code: DiagnosisCode,
    variant: string,
    params: Params = {},
    settings: Record<string, unknown> = {},
  ) {
    super(`${code} (${variant})`);
    this.name = 'KnownFailure';
    this.code = code;
    this.variant = variant;
    this.params = params;
    this.settings = settings;
  }
}
