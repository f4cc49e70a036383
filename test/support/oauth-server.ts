/**
 * A real OAuth 2.0 authorization server on loopback for tests: panva's `oidc-provider`
 * (the certified OpenID Connect implementation), with authorization code + PKCE, refresh
 * tokens, the device authorization grant (RFC 8628), introspection (RFC 7662) and
 * revocation (RFC 7009), and its own login and consent pages, which tests drive in Chromium.
 *
 * Clients:
 *   - `mail-preflight-test`: what an administrator registers for the app: a public native
 *     client (no secret), loopback redirects on any port (RFC 8252 7.3), device grant.
 *   - `dovecot`: the mail server's own confidential client; Dovecot's oauth2 passdb asks
 *     the introspection endpoint with it (HTTP Basic in the URL).
 * Access tokens are opaque, for one resource (`urn:mail-preflight:smtp`, scope `mail.send`),
 * and carry the account's `email` in the introspection answer, which Dovecot takes as the
 * user name. The login page takes any password: the account id is the mailbox typed in.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';

export const TEST_CLIENT_ID = 'mail-preflight-test';
export const MAIL_SCOPE = 'mail.send';
const RESOURCE = 'urn:mail-preflight:smtp';
const INTROSPECTOR = { id: 'dovecot', secret: 'dovecot-introspection-secret' };

export interface AuthServer {
  issuer: string;
  clientId: string;
  /** The scopes a sign-in asks for. */
  scopes: string;
  /** Dovecot's introspection URL, with its client's credentials in it. */
  introspectionUrl: string;
  /** Revokes a token as the client would (refresh or access token). */
  revoke(token: string): Promise<void>;
  stop(): Promise<void>;
}

export interface AuthServerOptions {
  /** Lifetime of an access token in seconds (default 3600). */
  accessTokenTtl?: number;
  /** Lifetime of a device code in seconds (default 600). */
  deviceCodeTtl?: number;
  /** Accounts whose access tokens live only 2 seconds (to see them expire and be refreshed). */
  shortLivedAccounts?: string[];
}

export async function startAuthServer(options: AuthServerOptions = {}): Promise<AuthServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/', 'http://localhost/'],
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
      },
      {
        client_id: INTROSPECTOR.id,
        client_secret: INTROSPECTOR.secret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    scopes: ['openid', 'offline_access', MAIL_SCOPE],
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: MAIL_SCOPE, audience: RESOURCE, accessTokenFormat: 'opaque' }),
      },
    },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id }) }),
    extraTokenClaims: (_ctx, token) =>
      'accountId' in token && token.accountId ? { email: token.accountId } : undefined,
    pkce: { required: () => true },
    ttl: {
      AccessToken: (_ctx, token) =>
        options.shortLivedAccounts?.includes(String(token.accountId)) ? 2 : (options.accessTokenTtl ?? 3600),
      DeviceCode: options.deviceCodeTtl ?? 600,
      RefreshToken: 86_400,
    },
    cookies: { keys: ['test-cookie-key'] },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  server.on('request', callback);
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    scopes: `${MAIL_SCOPE} offline_access`,
    introspectionUrl: `http://${INTROSPECTOR.id}:${INTROSPECTOR.secret}@127.0.0.1:${(server.address() as AddressInfo).port}/token/introspection`,
    async revoke(token) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, client_id: TEST_CLIENT_ID }),
      });
      if (!response.ok) throw new Error(`revocation failed: ${response.status} ${await response.text()}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
