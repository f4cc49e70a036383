/**
 * The authorization server's refusals (invalid_client, invalid_grant, access_denied,
 * expired_token, ...) become OAUTH_SIGN_IN_FAILED, with the provider's own words kept:
 * administrators search for AADSTS numbers and Google's error descriptions.
 */
import * as oauth from 'oauth4webapi';
import { AppError } from '../errors';
import { sentence, type MessageKey, type Sentence } from '../i18n/sentence';

export class OAuthSignInError extends AppError {
  /** The OAuth2 error code (`invalid_grant`, ...) when the server named one. */
  readonly oauthError: string | null;

  constructor(message: Sentence, oauthError: string | null = null) {
    super('OAUTH_SIGN_IN_FAILED', message);
    this.name = 'OAuthSignInError';
    this.oauthError = oauthError;
  }
}

/** What each refusal means for the administrator (oauth.refusal.*), before the server's own words. */
const MEANING: Record<string, MessageKey> = {
  invalid_client: 'oauth.refusal.invalid_client',
  unauthorized_client: 'oauth.refusal.unauthorized_client',
  invalid_grant: 'oauth.refusal.invalid_grant',
  invalid_scope: 'oauth.refusal.invalid_scope',
  access_denied: 'oauth.refusal.access_denied',
  expired_token: 'oauth.refusal.expired_token',
  invalid_request: 'oauth.refusal.invalid_request',
};

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
    code && Object.hasOwn(MEANING, code)
      ? sentence(MEANING[code]!)
      : sentence('oauth.refusal.other', { server });
  return new OAuthSignInError(
    sentence('oauth.refused', { meaning, server, words: describeOAuthError(error) }),
    code,
  );
}
