/**
 * The OAuth2 client (oauth4webapi) and the sign-in flows (the loopback one serves HTTP), as
 * one module that OAuthService loads with its first sign-in or token: a run that logs in
 * with a password, or not at all, loads none of it.
 */
export * as oauthApi from 'oauth4webapi';
export { resolveAuthorizationServer } from './authorization-server';
export { deviceSignIn } from './device-sign-in';
export { loopbackSignIn } from './loopback-sign-in';
export { OAuthSignInError, toSignInError } from './sign-in-error';
