/**
 * A profile's OAuth2 sign-in and its tokens.
 *
 * The refresh token is kept in the keychain under the profile, bound like every saved
 * secret (SecretStore.getBound) to what it was issued for: provider, authorization server,
 * client ID and mailbox (secrets/binding.ts, oauth2Binding). A profile whose settings no
 * longer match does not use it, it must sign in again (DESIGN.md "Where a saved secret
 * may go"). Access tokens live only in this object's memory and are refreshed when they are
 * within a minute of expiring; a refresh token the server rotates is saved at once.
 */
import type * as oauth from 'oauth4webapi';
import { AppError } from '../errors';
import { sentence } from '../i18n/sentence';
import type { ProfileService } from '../profiles';
import { oauth2Binding, oauth2ClientBinding, sameBinding, type SecretBinding } from '../secrets/binding';
import type { SecretStore } from '../secrets/secret-store';
import type { OAuth2Settings, Profile, ProfileFields } from '../settings/profile';
import type { ResolvedServer } from './authorization-server';
import type { DeviceCode } from './device-sign-in';
import type { ClientCredentials } from './loopback-sign-in';
import type { AccessToken } from '../smtp/run-test';

/** The OAuth2 client and the sign-in flows, loaded with the first sign-in or token. */
const flows = () => import('./flows');

/** Opens an address in the user's browser (shell.openExternal in the app). */
export type OpenBrowser = (url: string) => Promise<void>;

export interface SignInOptions {
  /** Overrides the injected browser opener (the CLI prints the address where none opens). */
  openBrowser?: OpenBrowser;
  /** Run the device authorization grant instead, showing the code through this callback. */
  device?: { onCode(code: DeviceCode): void };
}

/** An access token is refreshed when it has less than a minute left (or half its life, if shorter). */
const REFRESH_MARGIN_MS = 60_000;

interface CachedToken {
  token: string;
  /** When to get a new one: a minute before it expires, or halfway for a short-lived token. */
  refreshAt: number;
  binding: SecretBinding;
}

/**
 * Google's installed-app clients return a refresh token only with offline access and an
 * explicit consent, as do OpenID Connect servers for `offline_access`. Microsoft issues one
 * for `offline_access` without: forcing its consent prompt would stop users of tenants
 * where only an administrator may consent.
 */
function extraParams(settings: OAuth2Settings): Record<string, string> {
  if (settings.provider === 'google') return { access_type: 'offline', prompt: 'consent' };
  if (settings.provider === 'custom' && settings.scopes.split(/\s+/).includes('offline_access'))
    return { prompt: 'consent' };
  return {};
}

export class OAuthService {
  private readonly profiles: ProfileService;
  private readonly secrets: SecretStore;
  private readonly openBrowser: OpenBrowser | undefined;
  private readonly cache = new Map<string, CachedToken>();

  constructor(profiles: ProfileService, secrets: SecretStore, openBrowser?: OpenBrowser) {
    this.profiles = profiles;
    this.secrets = secrets;
    this.openBrowser = openBrowser;
  }

  /** Signs the profile in (browser, or a code with `device`) and keeps the refresh token. */
  async signIn(profileId: string, options: SignInOptions = {}): Promise<Profile> {
    const profile = this.profiles.get(profileId);
    const settings = this.settingsOf(profile);
    const { resolveAuthorizationServer, deviceSignIn, loopbackSignIn, OAuthSignInError } = await flows();
    const server = await resolveAuthorizationServer(settings);
    const credentials = await this.credentials(profile, settings);
    const scopes = settings.scopes.trim();
    let tokens: oauth.TokenEndpointResponse;
    if (options.device) {
      tokens = await deviceSignIn(server, credentials, { scopes, onCode: options.device.onCode });
    } else {
      const openBrowser = options.openBrowser ?? this.openBrowser;
      if (!openBrowser) throw new AppError('INVALID_INPUT', sentence('oauth.noBrowser'));
      tokens = await loopbackSignIn(server, credentials, {
        scopes,
        loginHint: profile.username.trim(),
        extraParams: extraParams(settings),
        openBrowser,
      });
    }
    if (!tokens.refresh_token) {
      throw new OAuthSignInError(
        sentence('oauth.noRefreshToken', { server: new URL(server.as.issuer).host }),
      );
    }
    const binding = oauth2Binding(profile, settings);
    await this.secrets.set('oauth-refresh-token', profileId, tokens.refresh_token, binding);
    this.remember(profileId, tokens, binding);
    return this.profiles.setOAuthSignedIn(profileId, true);
  }

  /** Forgets the sign-in: the refresh token leaves the keychain, the access token memory. */
  async signOut(profileId: string): Promise<Profile> {
    this.cache.delete(profileId);
    await this.secrets.delete('oauth-refresh-token', profileId);
    return this.profiles.setOAuthSignedIn(profileId, false);
  }

  /**
   * An access token for a run with these settings (the form as it stands, or the saved
   * profile): the one in memory while it is fresh, else a new one from the refresh token.
   */
  async accessToken(profileId: string, fields: ProfileFields): Promise<AccessToken> {
    const settings = this.settingsOf(fields);
    const binding = oauth2Binding(fields, settings);
    const cached = this.cache.get(profileId);
    if (cached && sameBinding(cached.binding, binding) && Date.now() < cached.refreshAt)
      return { token: cached.token, refreshed: false };
    const refreshToken = await this.refreshToken(profileId, binding);
    const profile = this.profiles.get(profileId);
    const server = await (await flows()).resolveAuthorizationServer(settings);
    const credentials = await this.credentials(profile, settings);
    const tokens = await this.refresh(server, credentials, refreshToken);
    if (tokens.refresh_token && tokens.refresh_token !== refreshToken)
      await this.secrets.set('oauth-refresh-token', profileId, tokens.refresh_token, binding);
    this.remember(profileId, tokens, binding);
    return { token: tokens.access_token, refreshed: true };
  }

  /**
   * Whether the saved sign-in fits these settings; else one sentence (INVALID_INPUT): not
   * signed in, or signed in for another mailbox, client or provider.
   */
  async assertSignedIn(profileId: string, fields: ProfileFields): Promise<void> {
    await this.refreshToken(profileId, oauth2Binding(fields, this.settingsOf(fields)));
  }

  /**
   * The client secret (Google's installed-app clients), kept in the keychain bound to the
   * profile's saved client (unbound while it has none; bound to it once it is used).
   */
  async setClientSecret(profileId: string, secret: string | null): Promise<Profile> {
    const client = this.profiles.get(profileId).oauth2;
    if (secret === null) await this.secrets.delete('oauth-client-secret', profileId);
    else
      await this.secrets.set(
        'oauth-client-secret',
        profileId,
        secret,
        client ? oauth2ClientBinding(client) : undefined,
      );
    return this.profiles.setOAuthClientSecretSet(profileId, secret !== null);
  }

  private async refresh(server: ResolvedServer, credentials: ClientCredentials, refreshToken: string) {
    const { oauthApi, toSignInError } = await flows();
    try {
      const response = await oauthApi.refreshTokenGrantRequest(
        server.as,
        credentials.client,
        credentials.auth,
        refreshToken,
        server.requestOptions,
      );
      return await oauthApi.processRefreshTokenResponse(server.as, credentials.client, response);
    } catch (error) {
      throw toSignInError(error, new URL(server.as.issuer).host);
    }
  }

  private settingsOf(fields: ProfileFields): OAuth2Settings {
    if (fields.auth !== 'oauth2' || !fields.oauth2)
      throw new AppError('INVALID_INPUT', sentence('oauth.passwordLogin'));
    return fields.oauth2;
  }

  /**
   * The client and how it authenticates: with its client secret when one was saved for this
   * client; a secret saved for another client is never sent (the user sets it again).
   */
  private async credentials(profile: Profile, settings: OAuth2Settings): Promise<ClientCredentials> {
    const { oauthApi } = await flows();
    const client = { client_id: settings.clientId.trim() };
    if (!profile.oauthClientSecretSet) return { client, auth: oauthApi.None() };
    const saved = await this.secrets.getBound(
      'oauth-client-secret',
      profile.id,
      oauth2ClientBinding(settings),
      profile.oauth2 ? { adopt: oauth2ClientBinding(profile.oauth2) } : {},
    );
    if (saved.state === 'elsewhere')
      throw new AppError('INVALID_INPUT', sentence('oauth.clientSecretElsewhere'));
    return {
      client,
      auth: saved.state === 'bound' ? oauthApi.ClientSecretPost(saved.secret) : oauthApi.None(),
    };
  }

  private remember(profileId: string, tokens: oauth.TokenEndpointResponse, binding: SecretBinding): void {
    const lifetime = (tokens.expires_in ?? 3600) * 1000;
    const now = Date.now();
    this.cache.set(profileId, {
      token: tokens.access_token,
      refreshAt: now + lifetime - Math.min(REFRESH_MARGIN_MS, lifetime / 2),
      binding,
    });
  }

  /** The saved refresh token, only when it was issued for `binding`. */
  private async refreshToken(profileId: string, binding: SecretBinding): Promise<string> {
    const saved = await this.secrets.getBound('oauth-refresh-token', profileId, binding);
    if (saved.state === 'bound') return saved.secret;
    if (saved.state === 'missing') throw new AppError('INVALID_INPUT', sentence('oauth.notSignedIn'));
    const mailbox = saved.savedFor?.['mailbox'];
    throw new AppError(
      'INVALID_INPUT',
      mailbox === undefined
        ? sentence('oauth.signedInOtherwise')
        : sentence('oauth.signedInElsewhere', { mailbox }),
    );
  }
}
