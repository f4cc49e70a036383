/**
 * Where a profile's OAuth2 client signs in: the authorization server's endpoints, as
 * oauth4webapi describes them. Google and Microsoft are known (no discovery round trip for
 * them); a custom provider gives its issuer (its metadata is read from the well-known
 * address) or the endpoints themselves.
 *
 * Plain HTTP is refused except on loopback (a development or test server on this machine).
 */
import * as oauth from 'oauth4webapi';
import type { OAuth2Settings } from '../settings/profile';
import { sentence } from '../i18n/sentence';
import { OAuthSignInError, describeOAuthError } from './sign-in-error';

export interface ResolvedServer {
  as: oauth.AuthorizationServer;
  /** Options for every oauth4webapi request: plain HTTP only towards loopback. */
  requestOptions: { [oauth.allowInsecureRequests]?: boolean };
  /** Where the browser is sent back to: Microsoft registers `http://localhost`, others 127.0.0.1. */
  redirectHost: 'localhost' | '127.0.0.1';
}

const GOOGLE: oauth.AuthorizationServer = {
  issuer: 'https://accounts.google.com',
  authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  token_endpoint: 'https://oauth2.googleapis.com/token',
  device_authorization_endpoint: 'https://oauth2.googleapis.com/device/code',
  revocation_endpoint: 'https://oauth2.googleapis.com/revoke',
};

function microsoft(tenant: string): oauth.AuthorizationServer {
  const base = `https://login.microsoftonline.com/${encodeURIComponent(tenant)}`;
  return {
    issuer: `${base}/v2.0`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopbackUrl(value: string): boolean {
  try {
    return LOOPBACK.has(new URL(value).hostname);
  } catch {
    return false;
  }
}

function optionsFor(urls: string[]): ResolvedServer['requestOptions'] {
  return urls.every((u) => u === '' || isLoopbackUrl(u)) ? { [oauth.allowInsecureRequests]: true } : {};
}

export async function resolveAuthorizationServer(settings: OAuth2Settings): Promise<ResolvedServer> {
  if (settings.provider === 'google') return { as: GOOGLE, requestOptions: {}, redirectHost: '127.0.0.1' };
  if (settings.provider === 'microsoft')
    return { as: microsoft(settings.tenant.trim()), requestOptions: {}, redirectHost: 'localhost' };
  if (settings.issuer === '') {
    const as: oauth.AuthorizationServer = {
      issuer: new URL(settings.tokenEndpoint).origin,
      authorization_endpoint: settings.authorizationEndpoint,
      token_endpoint: settings.tokenEndpoint,
      ...(settings.deviceAuthorizationEndpoint
        ? { device_authorization_endpoint: settings.deviceAuthorizationEndpoint }
        : {}),
    };
    const urls = [
      settings.authorizationEndpoint,
      settings.tokenEndpoint,
      settings.deviceAuthorizationEndpoint,
    ];
    return { as, requestOptions: optionsFor(urls), redirectHost: '127.0.0.1' };
  }
  const issuer = new URL(settings.issuer);
  const requestOptions = optionsFor([settings.issuer]);
  try {
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...requestOptions });
    return {
      as: await oauth.processDiscoveryResponse(issuer, response),
      requestOptions,
      redirectHost: '127.0.0.1',
    };
  } catch (error) {
    throw new OAuthSignInError(
      sentence('oauth.metadataUnreadable', { origin: issuer.origin, words: describeOAuthError(error) }),
    );
  }
}
