/**
 * The diagnosis table (diagnose.ts): for each code it can produce, an error shaped the
 * way it really arrives (nodemailer's `code`/`response`/`command`, Node's system and TLS
 * errors, the runner's own timeouts) and the context around it. The user sees the code,
 * one sentence of cause and a fix, often with the settings change that would do it.
 */
import { describe, expect, it } from 'vitest';
import { DIAGNOSIS_CODES } from '../../electron/services/diagnosis/codes';
import { diagnose, KnownFailure, type FailureContext } from '../../electron/services/diagnosis/diagnose';
import { parseResponse, queueIdOf } from '../../electron/services/diagnosis/server-response';
import { TimeoutError } from '../../electron/services/smtp/connect';
import { AppError } from '../../electron/services/errors';
import { expectOneSentence } from './helpers';

// ---------------------------------------------------------------------------------------
// Errors as they arrive

/** nodemailer's _formatError: code, the server's reply, the command, the reply in the message. */
function smtpError(code: string, response: string | false, command: string, message = 'Failed'): Error {
  return Object.assign(new Error(response ? `${message}: ${response}` : message), {
    code,
    command,
    ...(response ? { response, responseCode: Number(response.slice(0, 3)) } : {}),
  });
}

/** A Node system error (dns, net). */
function systemError(code: string, syscall: string, detail: string): Error {
  return Object.assign(new Error(`${syscall} ${code} ${detail}`), { code, syscall, errno: -1 });
}

/** A Node TLS error of the implicit-TLS handshake (connect.ts hands it over unwrapped). */
function tlsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const AUTH_CAPS = ['PIPELINING', 'SIZE 10240000', 'STARTTLS', 'AUTH PLAIN LOGIN', '8BITMIME'];

/** A run that is not anonymous has logged in (235) by the time it reaches MAIL. */
const afterLogin = (o: Partial<FailureContext>) =>
  !o.anonymous && ['mail', 'rcpt', 'data'].includes(o.phase ?? '');

function ctx(overrides: Partial<FailureContext>): FailureContext {
  return {
    authenticated: afterLogin(overrides),
    from: 'alerts@example.com',
    to: 'ops@example.com',
    phase: null,
    error: new Error('unset'),
    host: 'smtp.example.com',
    port: 587,
    security: 'starttls',
    anonymous: false,
    capabilities: AUTH_CAPS,
    timeoutMs: 10_000,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------
// The table

interface Case {
  name: string;
  context: FailureContext;
  code: string;
  /** The settings change the fix offers; {} when the fix is words only. */
  settings?: Record<string, unknown>;
  response?: { code: number; enhanced: string | null } | null;
  /** The sentence of cause, where the case is about its words. */
  summary?: string;
}

const CASES: Case[] = [
  {
    name: 'getaddrinfo ENOTFOUND',
    context: ctx({
      phase: 'dns',
      host: 'smtp.exmaple.com',
      error: systemError('ENOTFOUND', 'getaddrinfo', 'smtp.exmaple.com'),
    }),
    code: 'DNS_NOT_FOUND',
  },
  {
    name: 'getaddrinfo EAI_AGAIN (no resolver)',
    context: ctx({ phase: 'dns', error: systemError('EAI_AGAIN', 'getaddrinfo', 'smtp.example.com') }),
    code: 'DNS_NOT_FOUND',
  },
  {
    name: 'the DNS lookup timed out',
    context: ctx({ phase: 'dns', error: new TimeoutError('The DNS lookup', 10_000) }),
    code: 'DNS_NOT_FOUND',
  },
  {
    name: 'connect ECONNREFUSED',
    context: ctx({
      phase: 'connect',
      port: 2525,
      error: systemError('ECONNREFUSED', 'connect', '192.0.2.10:2525'),
    }),
    code: 'CONNECTION_REFUSED',
  },
  {
    name: 'connect ENETUNREACH',
    context: ctx({ phase: 'connect', error: systemError('ENETUNREACH', 'connect', '2001:db8::25:587') }),
    code: 'NETWORK_UNREACHABLE',
  },
  {
    name: 'port 25 connect timeout (ISP blocks 25)',
    context: ctx({
      phase: 'connect',
      port: 25,
      security: 'none',
      error: new TimeoutError('The TCP connection', 10_000),
    }),
    code: 'CONNECTION_TIMEOUT',
    settings: { port: 587, security: 'starttls' },
  },
  {
    name: 'port 587 connect timeout (a firewall)',
    context: ctx({ phase: 'connect', error: new TimeoutError('The TCP connection', 10_000) }),
    code: 'CONNECTION_TIMEOUT',
  },
  {
    name: 'TLS CERT_HAS_EXPIRED',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: tlsError('CERT_HAS_EXPIRED', 'certificate has expired'),
    }),
    code: 'TLS_CERT_EXPIRED',
  },
  {
    name: 'TLS CERT_NOT_YET_VALID',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: tlsError('CERT_NOT_YET_VALID', 'certificate is not yet valid'),
    }),
    code: 'TLS_CERT_EXPIRED',
  },
  {
    name: 'TLS ERR_TLS_CERT_ALTNAME_INVALID',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: tlsError(
        'ERR_TLS_CERT_ALTNAME_INVALID',
        "Hostname/IP does not match certificate's altnames: Host: smtp.example.com. is not in the cert's altnames: DNS:mail.other.example",
      ),
    }),
    code: 'TLS_CERT_HOSTNAME_MISMATCH',
  },
  {
    name: 'TLS with a pin: a chain that does not lead to the pinned certificate',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      pinned: true,
      error: tlsError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'),
    }),
    code: 'TLS_PIN_MISMATCH',
  },
  {
    name: 'TLS with a pin: the name check passed, the pinned fingerprint is not in the chain',
    context: ctx({
      phase: 'starttls',
      pinned: true,
      error: tlsError('ERR_TLS_PIN_MISMATCH', 'The server’s certificate is not the pinned one.'),
    }),
    code: 'TLS_PIN_MISMATCH',
  },
  {
    name: 'TLS DEPTH_ZERO_SELF_SIGNED_CERT',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: tlsError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
    }),
    code: 'TLS_CERT_UNTRUSTED',
  },
  {
    name: 'TLS UNABLE_TO_VERIFY_LEAF_SIGNATURE (nodemailer-wrapped, originalCode kept)',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: Object.assign(tlsError('ESOCKET', 'unable to verify the first certificate'), {
        originalCode: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      }),
    }),
    code: 'TLS_CERT_UNTRUSTED',
  },
  {
    name: 'ERR_SSL_WRONG_VERSION_NUMBER: SMTPS chosen on a plain port',
    context: ctx({
      phase: 'tls',
      port: 587,
      security: 'tls',
      error: tlsError(
        'ERR_SSL_WRONG_VERSION_NUMBER',
        'C0B7A1E2:error:0A00010B:SSL routines:ssl3_get_record:wrong version number',
      ),
    }),
    code: 'PLAINTEXT_PORT',
    settings: { security: 'starttls' },
  },
  {
    name: 'the server wants a client certificate',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: tlsError(
        'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
        'C0B7:error:0A00045C:SSL routines:ssl3_read_bytes:tlsv13 alert certificate required',
      ),
    }),
    code: 'TLS_CLIENT_CERT_REQUIRED',
  },
  {
    name: 'a client certificate asked for after the handshake, refused at RCPT (qmail-tls: "cert")',
    context: ctx({
      phase: 'rcpt',
      anonymous: true,
      capabilities: ['PIPELINING', '8BITMIME'],
      to: 'ops@example.org',
      error: smtpError(
        'EENVELOPE',
        "553 sorry, that domain isn't in my list of allowed rcpthosts; no valid cert for gatewaying (#5.7.1)",
        'RCPT TO',
      ),
    }),
    code: 'TLS_CLIENT_CERT_REQUIRED',
  },
  {
    name: 'no shared TLS version or cipher',
    context: ctx({
      phase: 'tls',
      port: 465,
      security: 'tls',
      error: tlsError(
        'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
        'C0B7:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure',
      ),
    }),
    code: 'TLS_HANDSHAKE_FAILED',
  },
  {
    name: 'STARTTLS refused by a server that does not offer it',
    context: ctx({
      phase: 'starttls',
      capabilities: ['PIPELINING', 'AUTH PLAIN LOGIN'],
      error: smtpError(
        'ETLS',
        '502 5.5.1 Error: command not implemented',
        'STARTTLS',
        'Error upgrading connection with STARTTLS',
      ),
    }),
    code: 'STARTTLS_NOT_OFFERED',
  },
  {
    name: 'STARTTLS on 465 (SMTPS port) not offered',
    context: ctx({
      phase: 'starttls',
      port: 465,
      capabilities: [],
      error: smtpError(
        'ETLS',
        '502 5.5.1 Error: command not implemented',
        'STARTTLS',
        'Error upgrading connection with STARTTLS',
      ),
    }),
    code: 'STARTTLS_NOT_OFFERED',
    settings: { security: 'tls' },
  },
  {
    name: 'STARTTLS offered, then refused with 454',
    context: ctx({
      phase: 'starttls',
      error: smtpError(
        'ETLS',
        '454 4.7.0 TLS not available due to local problem',
        'STARTTLS',
        'Error upgrading connection with STARTTLS',
      ),
    }),
    code: 'TLS_HANDSHAKE_FAILED',
    response: { code: 454, enhanced: '4.7.0' },
  },
  {
    name: '421 at the greeting',
    context: ctx({
      phase: 'greeting',
      error: smtpError(
        'EPROTOCOL',
        '421 4.3.2 Service not available, closing transmission channel',
        'CONN',
        'Invalid greeting',
      ),
    }),
    code: 'SERVER_BUSY',
    response: { code: 421, enhanced: '4.3.2' },
  },
  {
    name: '554 at the greeting (client address blocked)',
    context: ctx({
      phase: 'greeting',
      error: smtpError(
        'EPROTOCOL',
        '554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org',
        'CONN',
        'Invalid greeting',
      ),
    }),
    code: 'SERVER_BUSY',
  },
  {
    name: 'greeting timeout on 465 with STARTTLS chosen',
    context: ctx({
      phase: 'greeting',
      port: 465,
      security: 'starttls',
      error: Object.assign(smtpError('ETIMEDOUT', false, 'CONN', 'Greeting never received'), {
        timeoutType: 'GREETING_TIMEOUT',
      }),
    }),
    code: 'IMPLICIT_TLS_EXPECTED',
    settings: { security: 'tls' },
  },
  {
    name: 'greeting timeout on another port',
    context: ctx({
      phase: 'greeting',
      port: 2525,
      security: 'none',
      error: Object.assign(smtpError('ETIMEDOUT', false, 'CONN', 'Greeting never received'), {
        timeoutType: 'GREETING_TIMEOUT',
      }),
    }),
    code: 'GREETING_TIMEOUT',
  },
  {
    name: 'Gmail 534-5.7.9 Application-specific password required',
    context: ctx({
      phase: 'auth',
      host: 'smtp.gmail.com',
      error: smtpError(
        'EAUTH',
        '534-5.7.9 Application-specific password required. For more information, go to\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor d9443c01a7336-1e2b2f3a4b5sm123456pla.12 - gsmtp',
        'AUTH PLAIN',
        'Invalid login',
      ),
    }),
    code: 'AUTH_APP_PASSWORD_REQUIRED',
    response: { code: 534, enhanced: '5.7.9' },
  },
  {
    name: 'Microsoft 535 5.7.139 SmtpClientAuthentication is disabled for the Tenant',
    context: ctx({
      phase: 'auth',
      host: 'smtp.office365.com',
      error: smtpError(
        'EAUTH',
        '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information. [SN4PR0501CA0054.namprd05.prod.outlook.com 2024-01-01T00:00:00.000Z 08DC0AEFA3E1F5C2]',
        'AUTH LOGIN',
        'Invalid login',
      ),
    }),
    code: 'AUTH_BASIC_DISABLED',
    response: { code: 535, enhanced: '5.7.139' },
  },
  {
    name: 'Microsoft 535 5.7.30 Basic authentication is not supported',
    context: ctx({
      phase: 'auth',
      host: 'smtp.office365.com',
      error: smtpError(
        'EAUTH',
        '535 5.7.30 Basic authentication is not supported for Client Submission.',
        'AUTH LOGIN',
        'Invalid login',
      ),
    }),
    code: 'AUTH_BASIC_DISABLED',
  },
  {
    name: 'Gmail XOAUTH2: 334 with the base64 JSON status, then 535 5.7.8',
    context: ctx({
      phase: 'auth',
      host: 'smtp.gmail.com',
      authMechanism: 'XOAUTH2',
      mailbox: 'admin@example.com',
      error: Object.assign(
        smtpError(
          'EAUTH',
          '535-5.7.8 Username and Password not accepted. For more information, go to\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp',
          'AUTH XOAUTH2',
          'Invalid login',
        ),
        { oauthChallenge: '{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}' },
      ),
    }),
    code: 'OAUTH_TOKEN_REJECTED',
    summary: 'smtp.gmail.com refused the OAuth2 token for admin@example.com.',
    response: { code: 535, enhanced: '5.7.8' },
  },
  {
    name: 'Microsoft XOAUTH2: 535 5.7.3 Authentication unsuccessful',
    context: ctx({
      phase: 'auth',
      host: 'smtp.office365.com',
      authMechanism: 'XOAUTH2',
      mailbox: 'relay@contoso.com',
      error: smtpError(
        'EAUTH',
        '535 5.7.3 Authentication unsuccessful [LO4P123CA0001.GBRP123.PROD.OUTLOOK.COM]',
        'AUTH XOAUTH2',
        'Invalid login',
      ),
    }),
    code: 'OAUTH_TOKEN_REJECTED',
    summary: 'Microsoft 365 refused the OAuth2 token for relay@contoso.com.',
  },
  {
    name: 'Microsoft XOAUTH2 with SMTP AUTH off for the mailbox: 5.7.139',
    context: ctx({
      phase: 'auth',
      host: 'smtp.office365.com',
      authMechanism: 'XOAUTH2',
      mailbox: 'relay@contoso.com',
      error: smtpError(
        'EAUTH',
        '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Mailbox.',
        'AUTH XOAUTH2',
        'Invalid login',
      ),
    }),
    code: 'AUTH_BASIC_DISABLED',
    summary:
      'Microsoft 365 has SMTP AUTH turned off for relay@contoso.com, so even a valid OAuth2 token is refused.',
  },
  {
    name: 'the authorization server refused the refresh during the login',
    context: ctx({
      phase: 'auth',
      authMechanism: 'XOAUTH2',
      error: new AppError(
        'OAUTH_SIGN_IN_FAILED',
        'The sign-in is no longer valid (expired, revoked or for another client): sign in again. login.microsoftonline.com said: “invalid_grant: AADSTS70008”.',
      ),
    }),
    code: 'OAUTH_SIGN_IN_FAILED',
  },
  {
    name: '538 encryption required for the login',
    context: ctx({
      phase: 'auth',
      security: 'none',
      port: 25,
      error: smtpError(
        'EAUTH',
        '538 5.7.11 Encryption required for requested authentication mechanism',
        'AUTH PLAIN',
        'Invalid login',
      ),
    }),
    code: 'AUTH_REQUIRES_TLS',
    settings: { security: 'starttls' },
  },
  {
    name: '504 unrecognized authentication type',
    context: ctx({
      phase: 'auth',
      capabilities: ['AUTH CRAM-MD5 GSSAPI'],
      error: smtpError('EAUTH', '504 5.5.4 Unrecognized authentication type', 'AUTH PLAIN', 'Invalid login'),
    }),
    code: 'AUTH_MECHANISM_UNSUPPORTED',
  },
  {
    name: 'EAUTH 535 5.7.8 Username and Password not accepted',
    context: ctx({
      phase: 'auth',
      error: smtpError(
        'EAUTH',
        '535 5.7.8 Username and Password not accepted',
        'AUTH PLAIN',
        'Invalid login',
      ),
    }),
    code: 'AUTH_FAILED',
    response: { code: 535, enhanced: '5.7.8' },
  },
  {
    name: '454 temporary authentication failure',
    context: ctx({
      phase: 'auth',
      error: smtpError('EAUTH', '454 4.7.0 Temporary authentication failure', 'AUTH PLAIN', 'Invalid login'),
    }),
    code: 'TEMPORARY_FAILURE',
  },
  {
    name: 'anonymous, AUTH offered, 554 5.7.1 Relay access denied at RCPT',
    context: ctx({
      phase: 'rcpt',
      anonymous: true,
      error: smtpError(
        'EENVELOPE',
        '554 5.7.1 <ops@example.org>: Relay access denied',
        'RCPT TO',
        'Recipient command failed',
      ),
    }),
    code: 'AUTH_REQUIRED',
    settings: { anonymous: false },
    response: { code: 554, enhanced: '5.7.1' },
  },
  {
    name: 'logged in, 554 5.7.1 Relay access denied at RCPT',
    context: ctx({
      phase: 'rcpt',
      anonymous: false,
      error: smtpError(
        'EENVELOPE',
        '554 5.7.1 <ops@example.org>: Relay access denied',
        'RCPT TO',
        'Recipient command failed',
      ),
    }),
    code: 'RELAY_DENIED',
  },
  {
    name: '530 5.7.0 Authentication required at MAIL',
    context: ctx({
      phase: 'mail',
      anonymous: true,
      capabilities: ['PIPELINING', '8BITMIME'],
      error: smtpError('EENVELOPE', '530 5.7.0 Authentication required', 'MAIL FROM', 'Mail command failed'),
    }),
    code: 'AUTH_REQUIRED',
    settings: { anonymous: false },
  },
  {
    name: '552 message too large at DATA',
    context: ctx({
      phase: 'data',
      error: smtpError('EMESSAGE', '552 5.3.4 Error: message file too big', 'DATA', 'Message failed'),
    }),
    code: 'MESSAGE_TOO_LARGE',
    response: { code: 552, enhanced: '5.3.4' },
  },
  {
    name: '451 rate limit at RCPT',
    context: ctx({
      phase: 'rcpt',
      error: smtpError(
        'EENVELOPE',
        '451 4.7.1 <ops@example.com>: Recipient address rejected: Rate limit exceeded, try again later',
        'RCPT TO',
        'Recipient command failed',
      ),
    }),
    code: 'RATE_LIMITED',
  },
  {
    name: '451 local error at DATA',
    context: ctx({
      phase: 'data',
      error: smtpError('EMESSAGE', '451 4.3.0 Error: queue file write error', 'DATA', 'Message failed'),
    }),
    code: 'TEMPORARY_FAILURE',
  },
  {
    name: 'Microsoft 550 5.7.60 Client does not have permissions to send as this sender',
    context: ctx({
      phase: 'data',
      host: 'smtp.office365.com',
      error: smtpError(
        'EMESSAGE',
        '550 5.7.60 SMTP; Client does not have permissions to send as this sender [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]',
        'DATA',
        'Message failed',
      ),
    }),
    code: 'SENDER_REJECTED',
  },
  {
    name: '553 sender not owned by the user at MAIL',
    context: ctx({
      phase: 'mail',
      error: smtpError(
        'EENVELOPE',
        '553 5.7.1 <ceo@example.com>: Sender address rejected: not owned by user alerts@example.com',
        'MAIL FROM',
        'Mail command failed',
      ),
    }),
    code: 'SENDER_REJECTED',
  },
  {
    name: 'Postfix refusing the EHLO name at RCPT (reject_non_fqdn_helo_hostname)',
    context: ctx({
      phase: 'rcpt',
      ehlo: { name: 'vm', chosen: true },
      error: smtpError(
        'EENVELOPE',
        '504 5.5.2 <vm>: Helo command rejected: need fully-qualified hostname',
        'RCPT TO',
        'Recipient command failed',
      ),
    }),
    code: 'EHLO_NAME_REJECTED',
    settings: { ehloName: '' },
  },
  {
    name: 'Exim refusing the EHLO argument at EHLO',
    context: ctx({
      phase: 'ehlo',
      error: smtpError('EPROTOCOL', '501 Syntactically invalid EHLO argument(s)', 'EHLO', 'Invalid greeting'),
    }),
    code: 'EHLO_NAME_REJECTED',
  },
  {
    name: '550 5.1.1 user unknown at RCPT',
    context: ctx({
      phase: 'rcpt',
      error: smtpError(
        'EENVELOPE',
        '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table',
        'RCPT TO',
        'Recipient command failed',
      ),
    }),
    code: 'RECIPIENT_REJECTED',
  },
  {
    name: '554 rejected as spam after DATA',
    context: ctx({
      phase: 'data',
      error: smtpError(
        'EMESSAGE',
        '554 5.7.1 Message rejected: spam content detected',
        'DATA',
        'Message failed',
      ),
    }),
    code: 'MESSAGE_REJECTED',
  },
  {
    name: 'socket timeout after DATA',
    context: ctx({
      phase: 'data',
      error: Object.assign(smtpError('ETIMEDOUT', false, 'CONN', 'Timeout'), {
        timeoutType: 'SOCKET_TIMEOUT',
      }),
    }),
    code: 'RESPONSE_TIMEOUT',
  },
  {
    name: 'ECONNRESET during EHLO',
    context: ctx({
      phase: 'ehlo',
      error: Object.assign(systemError('ECONNRESET', 'read', ''), {
        code: 'ESOCKET',
        originalCode: 'ECONNRESET',
      }),
    }),
    code: 'CONNECTION_LOST',
  },
  {
    name: 'Connection closed unexpectedly at MAIL',
    context: ctx({
      phase: 'mail',
      error: smtpError('ECONNECTION', false, 'CONN', 'Connection closed unexpectedly'),
    }),
    code: 'CONNECTION_LOST',
  },
  {
    name: 'an HTTP server on the port',
    context: ctx({
      phase: 'greeting',
      error: smtpError('EPROTOCOL', 'HTTP/1.1 400 Bad Request', 'CONN', 'Invalid greeting'),
    }),
    code: 'PROTOCOL_ERROR',
  },
  {
    name: 'the runner’s own finding (no AUTH offered) passes through',
    context: ctx({
      phase: 'auth',
      error: new KnownFailure('AUTH_NOT_OFFERED', 'default', {}, { anonymous: true }),
    }),
    code: 'AUTH_NOT_OFFERED',
    settings: { anonymous: true },
  },
  {
    name: 'a non-ASCII address to a server without SMTPUTF8',
    context: ctx({
      phase: 'mail',
      error: new KnownFailure('SMTPUTF8_NOT_OFFERED', 'default', { address: 'jösé@example.com' }),
    }),
    code: 'SMTPUTF8_NOT_OFFERED',
    summary:
      'smtp.example.com does not accept non-ASCII addresses such as jösé@example.com (it does not offer SMTPUTF8), so nothing was sent.',
  },
];

describe('diagnose', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const diagnosis = diagnose(c.context);

    expect(diagnosis.code).toBe(c.code);
    expect(DIAGNOSIS_CODES).toContain(diagnosis.code);
    expectOneSentence(diagnosis.summary);
    expect(diagnosis.fix).not.toBeNull();
    expect(diagnosis.fix?.text).toMatch(/\S.*\.$/);
    expect(diagnosis.fix?.settings).toEqual(c.settings ?? {});
    if (c.response !== undefined) expect(diagnosis.response).toMatchObject(c.response ?? {});
    if (c.summary !== undefined) expect(diagnosis.summary).toBe(c.summary);
  });

  it('every code a failed run can end in, short of the delivery check, has a case here', () => {
    const covered = new Set(CASES.map((c) => c.code));
    const notFromDiagnose = ['OK', 'DELIVERY_NOT_CONFIRMED', 'DELIVERY_CHECK_FAILED', 'DELIVERED_TO_SPAM'];
    expect(DIAGNOSIS_CODES.filter((code) => !covered.has(code) && !notFromDiagnose.includes(code))).toEqual(
      [],
    );
  });

  it('the summary names the host and port the user typed', () => {
    const refused = diagnose(CASES.find((c) => c.name === 'connect ECONNREFUSED')!.context);
    expect(refused.summary).toBe('Nothing is listening on smtp.example.com port 2525.');
    const timeout = diagnose(
      CASES.find((c) => c.name === 'port 25 connect timeout (ISP blocks 25)')!.context,
    );
    expect(timeout.summary).toBe('smtp.example.com did not accept a connection on port 25 within 10 s.');
  });

  it('for Gmail a refused password points to the app password', () => {
    const gmail = diagnose(
      ctx({
        phase: 'auth',
        host: 'smtp.gmail.com',
        error: smtpError(
          'EAUTH',
          '535-5.7.8 Username and Password not accepted.\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials - gsmtp',
          'AUTH PLAIN',
        ),
      }),
    );
    expect(gmail.code).toBe('AUTH_FAILED');
    expect(gmail.fix?.text).toMatch(/app password/);
  });

  // Over STARTTLS nodemailer reports the handshake's error as ESOCKET with the TLS code kept
  // in originalCode, and the command CONN (so the phase comes from the clock: starttls).
  it.each([
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'TLS_CERT_EXPIRED'],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match certificate's altnames: Host: smtp.example.com. is not in the cert's altnames: DNS:mx.example.net",
      'TLS_CERT_HOSTNAME_MISMATCH',
    ],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'TLS_CERT_UNTRUSTED'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', 'TLS_CERT_UNTRUSTED'],
  ])('over STARTTLS: %s → %s', (originalCode, message, code) => {
    const error = Object.assign(smtpError('ESOCKET', false, 'CONN', message), { originalCode });
    const diagnosis = diagnose(ctx({ phase: 'starttls', error }));
    expect(diagnosis.code).toBe(code);
    expectOneSentence(diagnosis.summary);
  });
});

describe('parseResponse', () => {
  it.each([
    [
      '250 2.0.0 Ok: queued as 4F2A1C3',
      { code: 250, enhanced: '2.0.0', text: '2.0.0 Ok: queued as 4F2A1C3' },
    ],
    ['250 OK', { code: 250, enhanced: null, text: 'OK' }],
    [
      '535 5.7.8 Error: authentication failed',
      { code: 535, enhanced: '5.7.8', text: '5.7.8 Error: authentication failed' },
    ],
    [
      '534-5.7.9 Application-specific password required.\r\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp',
      {
        code: 534,
        enhanced: '5.7.9',
        text: '5.7.9 Application-specific password required. 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor - gsmtp',
      },
    ],
    [
      '421 4.7.0 Try again later, closing connection. (EHLO)',
      { code: 421, enhanced: '4.7.0', text: '4.7.0 Try again later, closing connection. (EHLO)' },
    ],
    ['220', { code: 220, enhanced: null, text: '' }],
  ])('%j', (raw, expected) => {
    expect(parseResponse(raw)).toEqual(expected);
  });

  it.each([[''], [null], [undefined], ['garbage'], ['HTTP/1.1 400 Bad Request']])(
    '%j is not a reply',
    (raw) => {
      expect(parseResponse(raw)).toBeNull();
    },
  );
});

describe('queueIdOf', () => {
  it.each([
    ['Postfix', '250 2.0.0 Ok: queued as 4F2A1C3', '4F2A1C3'],
    [
      'Gmail',
      '250 2.0.0 OK  1700000000 d9443c01a7336-1e2b2f3a4b5sm123456pla.12 - gsmtp',
      'd9443c01a7336-1e2b2f3a4b5sm123456pla.12',
    ],
    ['Exim', '250 OK id=1rABCD-0001Xy-2Z', '1rABCD-0001Xy-2Z'],
    [
      'Amazon SES',
      '250 Ok 0100018c5d3b5e2f-8a1b2c3d-4e5f-6789-abcd-ef0123456789-000000',
      '0100018c5d3b5e2f-8a1b2c3d-4e5f-6789-abcd-ef0123456789-000000',
    ],
    [
      'Microsoft 365 (older form)',
      '250 2.6.0 <mail-preflight.2@example.com> [Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com] Queued mail for delivery',
      'mail-preflight.2@example.com',
    ],
    [
      'Microsoft 365',
      '250 2.6.0 <mail-preflight.1@example.com> [InternalId=12345678901234, Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com] 10873 bytes in 0.123, 86.114 KB/sec Queued mail for delivery',
      'mail-preflight.1@example.com',
    ],
  ])('%s', (_server, reply, id) => {
    expect(queueIdOf(reply)).toBe(id);
  });

  it.each([['250 OK'], ['250 2.0.0 Message accepted for delivery'], ['']])('%j has no queue id', (reply) => {
    expect(queueIdOf(reply)).toBeNull();
  });
});
