/**
 * The authorization server's refusals (invalid_client, invalid_grant, access_denied,
 * expired_token, ...) become OAUTH_SIGN_IN_FAILED, with the provider's own words kept:
 * administrators search for AADSTS numbers and Google's error descriptions.
 */
import * as oauth from 'oauth4webapi';
import { AppError } from '../errors';

export class OAuthSignInError extends AppError {
  /** The OAuth2 error code (`invalid_grant`, ...) when the server named one. */
  readonly oauthError: string | null;

  constructor(message: string, oauthError: string | null = null) {
    super('OAUTH_SIGN_IN_FAILED', message);
    this.name = 'OAuthSignInError';
    this.oauthError = oauthError;
  }
}

/** What each refusal means for the administrator, before the server's own words. */
const MEANING: Record<string, string> = {
  invalid_client:
    'The authorization server does not know this client ID (or its secret is wrong): check the client registration.',
  unauthorized_client: 'This client is not allowed this kind of sign-in: check the client registration.',
  invalid_grant: 'The sign-in is no longer valid (expired, revoked or for another client): sign in again.',
  invalid_scope: 'The authorization server refused the scopes: check them against the client registration.',
  access_denied: 'The sign-in was declined (consent was not given).',
  expired_token: 'The code was not confirmed in time: start the sign-in again.',
  invalid_request: 'The authorization server refused the request.',
};

/** The provider's own words: its error code and description, verbatim. */
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
  const meaning = (code && MEANING[code]) ?? `The sign-in at ${server} did not complete.`;
  return new OAuthSignInError(`${meaning} ${server} said: “${describeOAuthError(error)}”.`, code);
}
