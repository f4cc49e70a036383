/**
 * The authorization server's refusals (invalid_client, invalid_grant, access_denied,
 * expired_token, ...) become OAUTH_SIGN_IN_FAILED, with the provider's own words kept:
 * administrators search for AADSTS numbers and Google's error descriptions.
 */
import * as oauth from 'oauth4webapi';
import { AppError } from '../errors';
import { sentence, type Sentence } from '../i18n/sentence';

export class OAuthSignInError extends AppError {
  /** The OAuth2 error code (`invalid_grant`, ...) when the server named one. */
  readonly oauthError: string | null;

  constructor(message: Sentence, oauthError: string | null = null) {
    super('OAUTH_SIGN_IN_FAILED', message);
    this.name = 'OAuthSignInError';
    this.oauthError = oauthError;
  }
}

/** The refusals whose meaning for the administrator the catalogue says (oauth.refusal.<code>), before the server's own words. */
const REFUSALS = [
  'invalid_client',
  'unauthorized_client',
  'invalid_grant',
  'invalid_scope',
  'access_denied',
  'expired_token',
  'invalid_request',
] as const;

function isKnownRefusal(code: string): code is (typeof REFUSALS)[number] {
  return (REFUSALS as readonly string[]).includes(code);
}

/** The provider's own words: its error code and description, verbatim (never translated). */
export function describeOAuthError(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError) {
    return error.error_description ? `${error.error}: ${error.error_description}` : error.error;
  }
  if (error instanceof Error && 'cause' in error && error.cause instanceof Error)
    return `${error.message} (${error.cause.message})`;
  return error instanceof Error ? error.message : String(error);
}

/** Wraps any failure of a sign-in or refresh as OAUTH_SIGN_IN_FAILED (an OAuthSignInError stays as it is). */
export function toSignInError(error: unknown, server: string): OAuthSignInError {
  if (error instanceof OAuthSignInError) return error;
  const code =
    error instanceof oauth.ResponseBodyError || error instanceof oauth.AuthorizationResponseError
      ? error.error
      : null;
  const meaning =
    code && isKnownRefusal(code)
      ? sentence(`oauth.refusal.${code}`)
      : sentence('oauth.refusal.other', { server });
  return new OAuthSignInError(
    sentence('oauth.refused', { meaning, server, words: describeOAuthError(error) }),
    code,
  );
}
