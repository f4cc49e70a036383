/**
 * The diagnosis codes: a public contract (DESIGN.md). Add codes; never rename one.
 */
export const DIAGNOSIS_CODES = [
  'OK',
  'DNS_NOT_FOUND',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMEOUT',
  'NETWORK_UNREACHABLE',
  'IMPLICIT_TLS_EXPECTED',
  'PLAINTEXT_PORT',
  'GREETING_TIMEOUT',
  'SERVER_BUSY',
  'STARTTLS_NOT_OFFERED',
  'TLS_CERT_UNTRUSTED',
  'TLS_CERT_HOSTNAME_MISMATCH',
  'TLS_CERT_EXPIRED',
  /** The profile pinned a certificate and the server presented another one. */
  'TLS_PIN_MISMATCH',
  'TLS_HANDSHAKE_FAILED',
  'TLS_CLIENT_CERT_REQUIRED',
  'AUTH_NOT_OFFERED',
  'AUTH_REQUIRES_TLS',
  'AUTH_REQUIRED',
  'AUTH_FAILED',
  'AUTH_APP_PASSWORD_REQUIRED',
  'AUTH_BASIC_DISABLED',
  'AUTH_MECHANISM_UNSUPPORTED',
  'RELAY_DENIED',
  'SENDER_REJECTED',
  'RECIPIENT_REJECTED',
  'MESSAGE_TOO_LARGE',
  'MESSAGE_REJECTED',
  'RATE_LIMITED',
  'TEMPORARY_FAILURE',
  'CONNECTION_LOST',
  'RESPONSE_TIMEOUT',
  'PROTOCOL_ERROR',
  'DELIVERY_NOT_CONFIRMED',
  'DELIVERY_CHECK_FAILED',
  'DELIVERED_TO_SPAM',
  'EHLO_NAME_REJECTED',
  'OAUTH_TOKEN_REJECTED',
  'OAUTH_SIGN_IN_FAILED',
  'SMTPUTF8_NOT_OFFERED',
] as const;

export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

/** What would fix a failure: a sentence, and where possible the settings change (one click in the UI). */
export interface Fix {
  text: string;
  settings: Record<string, unknown>;
}
