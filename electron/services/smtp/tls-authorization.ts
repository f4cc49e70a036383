/**
 * Why a server's certificate did not verify, in words: Node reports OpenSSL's verification
 * codes (and its own, for the host name) as `authorizationError`; the catalogues explain each
 * known one (`tlsAuthorization.<CODE>`), and any other reads as the generic sentence naming
 * the code. The code itself stays beside the sentence wherever it is shown: it is what a
 * search or the server's administrator knows. Pure (no Node, no catalogues): the renderer
 * shares it.
 */
import type { Sentence } from '../i18n/sentence';

/** The codes the catalogues explain; every one has `tlsAuthorization.<CODE>` in each catalogue. */
export const TLS_AUTHORIZATION_CODES = [
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_CHAIN_TOO_LONG',
  'PATH_LENGTH_EXCEEDED',
  'ERR_TLS_PIN_MISMATCH',
] as const;
export type TlsAuthorizationCode = (typeof TLS_AUTHORIZATION_CODES)[number];

function isKnownAuthorizationCode(code: string): code is TlsAuthorizationCode {
  return (TLS_AUTHORIZATION_CODES as readonly string[]).includes(code);
}

/** The sentence for a verification code: the catalogue's own for a known code, else the generic one naming it. */
export function authorizationSentence(code: string): Sentence {
  return isKnownAuthorizationCode(code)
    ? { key: `tlsAuthorization.${code}` }
    : { key: 'tlsAuthorization.other', params: { code } };
}
