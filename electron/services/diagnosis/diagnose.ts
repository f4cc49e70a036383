/**
 * Turns what went wrong in a run into a diagnosis: a code, one sentence of cause, and a
 * fix (words and, where a settings change would do it, that change). It reads the whole
 * context, not just the error string: the phase, what the server offered, whether the run
 * was anonymous, which protocol and port were chosen.
 */
import type { Fix, Phase, ServerResponse } from '../smtp/report';
import type { Security } from '../settings/profile-schema';
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

const fix = (text: string, settings: Record<string, unknown> = {}): Fix => ({ text, settings });
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
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
  if (context.error instanceof KnownFailure) return { ...context.error.diagnosis, response };
  // The authorization server refused the refresh during the login: its words are the summary.
  if (context.error instanceof AppError && context.error.code === 'OAUTH_SIGN_IN_FAILED') {
    const again = 'Sign in again (“Sign in” in the profile, or mail-preflight login).';
    return { code: 'OAUTH_SIGN_IN_FAILED', summary: context.error.message, fix: fix(again), response: null };
  }
  const result = classify(context, error, response);
  return { ...result, response };
}

type Classified = Omit<Diagnosis, 'response'>;

function classify(ctx: FailureContext, error: ErrorShape, response: ServerResponse | null): Classified {
  const code = rootCode(error);
  const message = error.message ?? '';
  const { host, port } = ctx;

  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA') {
    return {
      code: 'DNS_NOT_FOUND',
      summary: `The server name ${host} does not resolve in DNS.`,
      fix: fix(
        'Check the server address for typos; on a server, check that its DNS resolver can see this name.',
      ),
    };
  }
  if (code === 'ECONNREFUSED') {
    return {
      code: 'CONNECTION_REFUSED',
      summary: `Nothing is listening on ${host} port ${port}.`,
      fix: fix(
        'Check the port: submission is usually 587 (STARTTLS) or 465 (SMTPS), server-to-server mail 25.',
      ),
    };
  }
  if (['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'ENETDOWN'].includes(code)) {
    return {
      code: 'NETWORK_UNREACHABLE',
      summary: `There is no network route from this machine to ${host}.`,
      fix: fix(
        'Check this machine’s network connection, VPN or proxy; the server’s address may be on a network you cannot reach from here.',
      ),
    };
  }
  const timedOut = code === 'ETIMEDOUT' || /timed? ?out|timeout/i.test(message);

  if (ctx.phase === 'dns' && timedOut) {
    return {
      code: 'DNS_NOT_FOUND',
      summary: `The DNS lookup of ${host} did not answer within ${seconds(ctx.timeoutMs)}.`,
      fix: fix('Check this machine’s DNS resolver, or enter the server’s IP address to test without DNS.'),
    };
  }
  if (ctx.phase === 'connect' && timedOut) {
    const port25 = port === 25;
    return {
      code: 'CONNECTION_TIMEOUT',
      summary: `${host} did not accept a connection on port ${port} within ${seconds(ctx.timeoutMs)}.`,
      fix: port25
        ? fix(
            'Many ISPs and cloud providers block outbound port 25; use the submission port 587 with STARTTLS.',
            { port: 587, security: 'starttls' },
          )
        : fix(
            'A firewall is probably dropping the connection: check the port, and that this network may reach the server.',
          ),
    };
  }
  if (ctx.phase === 'tls' || ctx.phase === 'starttls' || code.startsWith('ERR_SSL_')) {
    const tls = classifyTls(ctx, error, response);
    if (tls) return tls;
  }
  if (response && refusesClientCertificate(ctx, response)) {
    return {
      code: 'TLS_CLIENT_CERT_REQUIRED',
      summary: `${host} ended the session because it wants a client certificate that was not presented or not accepted.`,
      fix: fix('Select the SSL key (client certificate) the server expects in the profile.'),
    };
  }
  if (ctx.phase === 'greeting') {
    if (response && (response.code === 421 || response.code === 554)) {
      return {
        code: 'SERVER_BUSY',
        summary: `${host} refused the session at its greeting.`,
        fix: fix(
          'The server is busy or refuses this client’s address; try later, or ask its administrator whether this address is blocked.',
        ),
      };
    }
    if (timedOut) {
      if (ctx.security !== 'tls' && port === 465) {
        return {
          code: 'IMPLICIT_TLS_EXPECTED',
          summary: `Port ${port} expects TLS from the first byte.`,
          fix: fix('Choose SMTPS (implicit TLS) for this port.', { security: 'tls' }),
        };
      }
      return {
        code: 'GREETING_TIMEOUT',
        summary: `${host} accepted the connection but sent no greeting within ${seconds(ctx.timeoutMs)}.`,
        fix: fix(
          ctx.security === 'tls'
            ? 'Check the port and protocol: a plain SMTP port with SMTPS chosen also stays silent.'
            : 'If this port expects TLS from the start, choose SMTPS; otherwise the server may be overloaded.',
        ),
      };
    }
  }
  if (ctx.phase === 'auth' && /^(XOAUTH2|OAUTHBEARER)$/.test(ctx.authMechanism ?? '')) {
    const challenge = (ctx.error as { oauthChallenge?: string } | null)?.oauthChallenge ?? null;
    const token = classifyTokenRefusal({ host, mailbox: ctx.mailbox ?? '', response, challenge });
    if (token) return token;
  }
  if (ctx.phase === 'auth' || code === 'EAUTH') {
    const auth = classifyAuth(ctx, response, message);
    if (auth) return auth;
  }
  if (response) {
    const reply = classifyReply(ctx, response);
    if (reply) return reply;
  }
  if (timedOut) {
    return {
      code: 'RESPONSE_TIMEOUT',
      summary: `${host} stopped answering during ${phaseName(ctx.phase)} for ${seconds(ctx.timeoutMs)}.`,
      fix: fix(
        'The server or a firewall in between stalled the session; try again, and if it persists ask the server’s administrator.',
      ),
    };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /closed unexpectedly|socket hang up/i.test(message)) {
    return {
      code: 'CONNECTION_LOST',
      summary: `${host} closed the connection during ${phaseName(ctx.phase)}.`,
      fix: fix(
        'The server ended the session without a reply; its log says why. A firewall or an overloaded server can also cause this.',
      ),
    };
  }
  const said = (error.response ?? '').trim();
  const other = OTHER_PROTOCOLS.find(([pattern]) => pattern.test(said))?.[1];
  if (other) {
    return {
      code: 'PROTOCOL_ERROR',
      summary: `${host} port ${port} speaks ${other}, not SMTP.`,
      fix: fix(
        'Check the port: mail is submitted on 587 (SMTP+STARTTLS) or 465 (SMTPS), and server-to-server on 25.',
      ),
    };
  }
  return {
    code: 'PROTOCOL_ERROR',
    summary: `${host} answered in a way Mail Preflight does not understand during ${phaseName(ctx.phase)}.`,
    fix: fix('Check that this port speaks SMTP; the transcript shows what the server sent.'),
  };
}

/**
 * A server that checks the client certificate only after the handshake succeeded (Postfix's
 * smtpd_tls_req_ccert, check_ccert_access) says so in a 421 or 5xx whose words mention it.
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
  const { host, port } = ctx;
  const code = rootCode(error);
  const message = error.message ?? '';
  if (ctx.phase === 'starttls' && !offers(ctx.capabilities, 'STARTTLS')) {
    return {
      code: 'STARTTLS_NOT_OFFERED',
      summary: `${host} does not offer STARTTLS on port ${port}.`,
      fix:
        port === 465
          ? fix('This port speaks TLS from the first byte: choose SMTPS.', { security: 'tls' })
          : fix(
              'Use the server’s TLS port (usually 465 with SMTPS, or 587 with STARTTLS), or ask its administrator to enable STARTTLS.',
            ),
    };
  }
  if (ctx.phase === 'starttls' && response && response.code >= 400) {
    return {
      code: 'TLS_HANDSHAKE_FAILED',
      summary: `${host} refused to start TLS.`,
      fix: fix(
        'The server announced STARTTLS but refused it; its administrator should check its TLS configuration.',
      ),
    };
  }
  if (
    /wrong version number|packet length too long|unknown protocol|http request/i.test(message) ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER'
  ) {
    return {
      code: 'PLAINTEXT_PORT',
      summary: `Port ${port} speaks plain SMTP, not TLS from the first byte.`,
      fix: fix(
        port === 465
          ? 'Choose SMTP+STARTTLS or SMTP for this port.'
          : 'Choose SMTP+STARTTLS for this port (or SMTPS on port 465).',
        { security: 'starttls' },
      ),
    };
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return {
      code: 'TLS_CERT_EXPIRED',
      summary: `The certificate of ${host} has expired.`,
      fix: fix(
        'The server’s administrator must renew its certificate; Mail Preflight will not send over an expired one.',
      ),
    };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return {
      code: 'TLS_CERT_EXPIRED',
      summary: `The certificate of ${host} is not valid yet.`,
      fix: fix(
        'Check this machine’s clock, or ask the server’s administrator to check the certificate’s dates.',
      ),
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = (error.cert?.subjectaltname ?? '')
      .split(/,\s*/)
      .filter((name) => name.startsWith('DNS:'))
      .map((name) => name.slice(4));
    return {
      code: 'TLS_CERT_HOSTNAME_MISMATCH',
      summary: `The certificate of ${host} is issued for another name.`,
      fix: fix(
        names.length
          ? `The certificate is for ${names.join(', ')}: enter one of these names as the server address (it must lead to this server), or ask for a certificate that includes ${host}.`
          : 'Use the host name the certificate names (see the TLS details), or ask for a certificate that includes this name.',
      ),
    };
  }
  if (UNTRUSTED_CERT_CODES.has(code)) {
    return {
      code: 'TLS_CERT_UNTRUSTED',
      summary: `The certificate of ${host} is not signed by an authority this machine trusts.`,
      fix: fix(
        'If this is your own CA or a self-signed server, import its certificate under Trusted certificates and select it in the profile.',
      ),
    };
  }
  if (CLIENT_CERT_ALERT.test(`${code} ${message}`)) {
    return {
      code: 'TLS_CLIENT_CERT_REQUIRED',
      summary: `${host} wants a client certificate that was not presented or not accepted.`,
      fix: fix('Select the SSL key (client certificate) the server expects in the profile.'),
    };
  }
  if (/ETIMEDOUT|timed? ?out/i.test(code + message)) return null;
  if (
    /PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|protocol version|unsupported protocol/i.test(`${code} ${message}`)
  ) {
    return {
      code: 'TLS_HANDSHAKE_FAILED',
      summary: `${host} offers only TLS versions older than TLS 1.2, which are no longer safe.`,
      fix: fix(
        'The server’s administrator must enable TLS 1.2 or 1.3; Mail Preflight does not fall back to older versions.',
      ),
    };
  }
  return {
    code: 'TLS_HANDSHAKE_FAILED',
    summary: `The TLS handshake with ${host} failed.`,
    fix: fix(
      'The server and Mail Preflight share no TLS version or cipher (TLS 1.2 is the minimum), or the server broke off; the TLS details say more.',
    ),
  };
}

function ehloNameRejected(ctx: FailureContext): Classified {
  const name = ctx.ehlo ? ` (“${ctx.ehlo.name}”)` : '';
  return {
    code: 'EHLO_NAME_REJECTED',
    summary: `${ctx.host} refused the name this computer gave in EHLO${name}.`,
    fix: ctx.ehlo?.chosen
      ? fix(
          'The server wants a fully qualified domain name (host.example.com) or an address literal ([192.0.2.7]): leave the EHLO name empty for the automatic one, or enter this computer’s full name.',
          { ehloName: '' },
        )
      : fix(
          'The server wants a name it can check: enter this computer’s full domain name (as it is in DNS) as the EHLO name under Advanced, or use --ehlo NAME.',
        ),
  };
}

const rateLimited = (host: string): Classified => ({
  code: 'RATE_LIMITED',
  summary: `${host} is limiting how much this account or address may send.`,
  fix: fix('Wait and try again; if it persists, the provider’s sending limits for this account are reached.'),
});

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
    return {
      code: 'AUTH_APP_PASSWORD_REQUIRED',
      summary: 'Gmail needs an app password for this account.',
      fix: fix(
        'Turn on 2-Step Verification for the Google account, create an app password (16 letters) and use it as the password.',
      ),
    };
  }
  if (
    enhanced === '5.7.139' ||
    enhanced === '5.7.30' ||
    /SmtpClientAuthentication is disabled|basic authentication is disabled/i.test(text)
  ) {
    return {
      code: 'AUTH_BASIC_DISABLED',
      summary: 'Microsoft 365 has SMTP AUTH turned off for this tenant or mailbox.',
      fix: fix(
        'Ask the Microsoft 365 administrator to enable Authenticated SMTP for this mailbox; Basic authentication for SMTP AUTH is being switched off by default for existing tenants at the end of December 2026.',
      ),
    };
  }
  const words = response ? meaningsOf(response) : new Set<string>();
  if (
    response?.code === 538 ||
    words.has('tlsFirst') ||
    (response?.code === 530 && /STARTTLS|TLS/i.test(text))
  ) {
    return {
      code: 'AUTH_REQUIRES_TLS',
      summary: `${host} accepts the password only over an encrypted connection.`,
      fix: fix('Choose SMTP+STARTTLS for this port.', { security: 'starttls' }),
    };
  }
  if (words.has('rateLimit')) return rateLimited(host);
  if (words.has('sender')) return senderRejected(host);
  if (response?.code === 504 || enhanced === '5.5.4' || /mechanism/i.test(response?.text ?? '')) {
    return {
      code: 'AUTH_MECHANISM_UNSUPPORTED',
      summary: `${host} does not support the login method Mail Preflight tried.`,
      fix: fix(
        `The server offers: ${ctx.capabilities.find((c) => /^AUTH\b/i.test(c)) ?? 'no AUTH'}. Ask its administrator to enable PLAIN or LOGIN over TLS.`,
      ),
    };
  }
  if (response && response.code >= 500) {
    return {
      code: 'AUTH_FAILED',
      summary: `${host} refused the username or password.`,
      fix: isGmail(host, response.text)
        ? fix(
            'For Gmail the username is the full address and the password must be an app password (16 letters), not the account password.',
          )
        : fix(
            'Check the username (often the full address) and set the password again with “Change password”.',
          ),
    };
  }
  if (response && response.code >= 400) {
    return {
      code: 'TEMPORARY_FAILURE',
      summary: `${host} could not check the password just now.`,
      fix: fix('The server’s authentication backend failed temporarily; try again in a minute.'),
    };
  }
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
  const { host, phase } = ctx;
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

  if (words.has('mailboxFull')) {
    return {
      code: 'MESSAGE_TOO_LARGE',
      summary: `The recipient’s mailbox at ${host} has no room for this message.`,
      fix: fix('The recipient must make room in the mailbox; meanwhile test with another address.'),
    };
  }
  if (words.has('messageSize') || (code === 552 && !/^5\.7\./.test(enhanced ?? ''))) {
    return {
      code: 'MESSAGE_TOO_LARGE',
      summary: `${host} refuses messages this large.`,
      fix: fix('The server’s size limit is lower than this message; its EHLO SIZE line gives the limit.'),
    };
  }
  // Postfix checks the HELO name when the recipient arrives (smtpd_delay_reject): "Helo
  // command rejected: need fully-qualified hostname" comes as the reply to RCPT TO.
  if (words.has('heloName') && code >= 500) return ehloNameRejected(ctx);
  if (words.has('rateLimit')) return rateLimited(host);
  if (words.has('tlsFirst') && ctx.security === 'none') return tlsRequired(host);
  if (words.has('clientBlocked')) return clientBlocked(host);
  if (words.has('recipientNotAllowed')) return recipientRejected(host);
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
  if (ctx.authenticated && phase === 'mail' && code >= 500) return senderRejected(host);
  if (
    ctx.authenticated &&
    phase === 'rcpt' &&
    policy &&
    !words.has('relay') &&
    !words.has('unknownRecipient')
  ) {
    return senderRejected(host);
  }
  if (words.has('relay')) return relayDenied(ctx);
  if (words.has('sender') || enhanced === '5.7.60' || (phase === 'mail' && code >= 500)) {
    return senderRejected(host);
  }
  if (code === 530 && !ctx.authenticated) return authRequired(ctx);
  if (words.has('unknownRecipient') && (phase === 'rcpt' || phase === 'data')) return recipientRejected(host);
  if (genericRefusal && ctx.anonymous && !offersAuth) return relayDenied(ctx);
  if (phase === 'rcpt' && enhanced === '5.7.1') return relayDenied(ctx);
  if (code >= 400 && code < 500) {
    return {
      code: 'TEMPORARY_FAILURE',
      summary: `${host} could not take the message just now (a temporary refusal).`,
      fix: fix('Try again in a few minutes; the server’s reply says what it was waiting for.'),
    };
  }
  if (phase === 'rcpt' && code >= 500) return recipientRejected(host);
  if (phase === 'data' && code >= 500) {
    return {
      code: 'MESSAGE_REJECTED',
      summary: `${host} refused the message after reading it.`,
      fix: fix('The server’s content or policy checks refused it; its reply says why.'),
    };
  }
  return null;
}

function tlsRequired(host: string): Classified {
  return {
    code: 'AUTH_REQUIRES_TLS',
    summary: `${host} takes mail and logins only over an encrypted connection.`,
    fix: fix('Choose SMTP+STARTTLS for this port.', { security: 'starttls' }),
  };
}

function clientBlocked(host: string): Classified {
  return {
    code: 'SERVER_BUSY',
    summary: `${host} refuses mail from this machine’s address.`,
    fix: fix(
      'The server blocks this client’s address (a block list or its own policy); ask its administrator, or send through the relay meant for this machine.',
    ),
  };
}

function recipientRejected(host: string): Classified {
  return {
    code: 'RECIPIENT_REJECTED',
    summary: `${host} refused the recipient address.`,
    fix: fix('Check the recipient address; the server’s reply says why it refused it.'),
  };
}

function authRequired(ctx: FailureContext): Classified {
  // A server that offers AUTH only after STARTTLS: the login needs the encrypted session too.
  const tlsFirst =
    ctx.security === 'none' && !offers(ctx.capabilities, 'AUTH') && offers(ctx.capabilities, 'STARTTLS');
  return {
    code: 'AUTH_REQUIRED',
    summary: `${ctx.host} wants a login before it takes mail from this client.`,
    fix: fix(
      tlsFirst
        ? 'Turn off “Connect anonymously”, enter the account’s username and password, and choose SMTP+STARTTLS (the server offers a login only after it).'
        : 'Turn off “Connect anonymously” and enter the account’s username and password.',
      tlsFirst ? { anonymous: false, security: 'starttls' } : { anonymous: false },
    ),
  };
}

function senderRejected(host: string): Classified {
  return {
    code: 'SENDER_REJECTED',
    summary: `${host} does not let this account send as the From address.`,
    fix: fix('Use the account’s own address as From, or an alias the account may send as.'),
  };
}

/**
 * A relay refusal. Logged in: this account may not relay there. Anonymous without a login
 * to offer: the server does not relay for this client's address, unless the recipient
 * simply does not exist (servers that refuse both in the same generic words).
 */
function relayDenied(ctx: FailureContext): Classified {
  const summary = `${ctx.host} will not relay mail from this client to that recipient.`;
  if (ctx.authenticated) {
    return {
      code: 'RELAY_DENIED',
      summary,
      fix: fix(
        'This account may not send to that recipient through this server: ask the server’s administrator to allow relaying for it, or check that the From address belongs to the account.',
      ),
    };
  }
  if (ctx.anonymous && !offers(ctx.capabilities, 'AUTH')) {
    return {
      code: 'RELAY_DENIED',
      summary,
      fix: fix(
        'The server does not relay mail for this client: ask its administrator for relay permission for this machine’s address, or use a server that relays for it (if the recipient is in the server’s own domain, the address may simply not exist).',
      ),
    };
  }
  return {
    code: 'RELAY_DENIED',
    summary,
    fix: fix(
      'Log in with an account that may relay, or ask the server’s administrator to allow this client’s address.',
    ),
  };
}

const PHASE_NAMES: Record<Phase, string> = {
  dns: 'the DNS lookup',
  connect: 'the connection',
  tls: 'the TLS handshake',
  greeting: 'the greeting',
  ehlo: 'EHLO',
  starttls: 'STARTTLS',
  auth: 'the login',
  mail: 'MAIL FROM',
  rcpt: 'RCPT TO',
  data: 'DATA',
  delivery: 'the delivery check',
};

function phaseName(phase: Phase | null): string {
  return phase ? PHASE_NAMES[phase] : 'the session';
}

/**
 * A failure the runner recognised itself, before or instead of an error from the wire
 * (e.g. the server offers no AUTH at all). It carries its diagnosis ready-made.
 */
export class KnownFailure extends Error {
  readonly diagnosis: Omit<Diagnosis, 'response'>;

  constructor(code: DiagnosisCode, summary: string, fixed: Fix | null) {
    super(summary);
    this.name = 'KnownFailure';
    this.diagnosis = { code, summary, fix: fixed };
  }
}
