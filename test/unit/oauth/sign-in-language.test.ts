/**
 * The loopback sign-in speaks the reader's language: the page the browser is sent back to
 * follows the browser's Accept-Language, and the refusal (OAUTH_SIGN_IN_FAILED) is a
 * catalogue sentence with the provider's own words kept verbatim. The browser here is a
 * plain HTTP request carrying the authorization server's refusal to the real listener.
 */
import { describe, expect, it, vi } from 'vitest';
import { createTranslator } from '../../../electron/services/i18n';
import { resolveAuthorizationServer } from '../../../electron/services/oauth/authorization-server';
import { loopbackSignIn } from '../../../electron/services/oauth/loopback-sign-in';
import type { OAuthSignInError } from '../../../electron/services/oauth/sign-in-error';
import { defaultOAuth2Settings } from '../../../electron/services/settings/profile';

const modules = { loopbackSignIn, resolveAuthorizationServer };

/** Declines the sign-in as the authorization server would, from a browser speaking `language`. */
async function declinedIn(language: string, { loopbackSignIn, resolveAuthorizationServer } = modules) {
  const server = await resolveAuthorizationServer({
    ...defaultOAuth2Settings('custom'),
    clientId: 'test-client',
    authorizationEndpoint: 'http://127.0.0.1:9/authorize',
    tokenEndpoint: 'http://127.0.0.1:9/token',
  });
  let page: { status: number; html: string } | undefined;
  const error = await loopbackSignIn(
    server,
    { client: { client_id: 'test-client' }, auth: (await import('oauth4webapi')).None() },
    {
      scopes: 'offline_access',
      loginHint: '',
      openBrowser: async (url) => {
        const authorize = new URL(url);
        const back = new URL(authorize.searchParams.get('redirect_uri')!);
        back.searchParams.set('error', 'access_denied');
        back.searchParams.set('error_description', 'The user said no');
        back.searchParams.set('state', authorize.searchParams.get('state')!);
        const response = await fetch(back, { headers: { 'accept-language': language } });
        page = { status: response.status, html: await response.text() };
      },
    },
  ).then(
    () => null,
    (e: unknown) => e as OAuthSignInError,
  );
  return { page: page!, error: error! };
}

describe('the loopback sign-in in the reader’s language', () => {
  it('a Japanese browser gets the Japanese page; the refusal says it in either language with the server’s words', async () => {
    const { page, error } = await declinedIn('ja,en-US;q=0.8');
    expect(page.status).toBe(400);
    expect(page.html).toContain('<html lang="ja">');
    expect(page.html).toContain('<h1>サインインが完了しませんでした</h1>');
    expect(error).toMatchObject({ code: 'OAUTH_SIGN_IN_FAILED', oauthError: 'access_denied' });
    expect(error.say(createTranslator('ja'))).toBe(
      'サインインが拒否されました（同意が得られませんでした）（127.0.0.1:9 の応答: 「access_denied: The user said no」）。',
    );
    expect(error.say(createTranslator('en'))).toBe(
      'The sign-in was declined (consent was not given) (127.0.0.1:9 said: “access_denied: The user said no”).',
    );
  });

  it('any other browser gets the English page', async () => {
    const { page } = await declinedIn('fr-FR,fr;q=0.9');
    expect(page.html).toContain('<html lang="en">');
    expect(page.html).toContain('Close this tab and return to Mail Preflight to see why.');
  });

  it('a Japanese browser gets the Japanese page from a process that loaded only English (the CLI)', async () => {
    vi.resetModules();
    const fresh = {
      ...(await import('../../../electron/services/oauth/authorization-server')),
      ...(await import('../../../electron/services/oauth/loopback-sign-in')),
    };
    const { page } = await declinedIn('ja', fresh);
    expect(page.html).toContain('<h1>サインインが完了しませんでした</h1>');
  });
});
