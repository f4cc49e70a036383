/**
 * Sign-in in the system browser (RFC 8252): authorization code with PKCE (S256), the
 * answer caught by a one-shot HTTP listener on 127.0.0.1 at a port the OS picks. The
 * listener answers exactly one redirect (the `state` must match), shows a page telling the
 * user to go back to the app, and closes; it also closes when the time runs out.
 *
 * The browser is opened by an injected function (Electron's shell.openExternal in the app,
 * Playwright in tests, the CLI prints the address where no browser can be opened), so this
 * module stays plain Node.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import type { ResolvedServer } from './authorization-server';
import { firstSpokenLanguage, type Language } from '../i18n/languages';
import { sentence } from '../i18n/sentence';
import { createTranslator, loadEveryLanguage } from '../i18n/translator';
import { OAuthSignInError, toSignInError } from './sign-in-error';

export interface ClientCredentials {
  client: oauth.Client;
  auth: oauth.ClientAuth;
}

export interface LoopbackSignInOptions {
  scopes: string;
  /** The mailbox, offered to the login page as a hint. */
  loginHint: string;
  /** Extra authorization parameters (Google: access_type=offline, prompt=consent). */
  extraParams?: Record<string, string>;
  /** Opens the address in the user's browser; rejects when no browser can be opened. */
  openBrowser(url: string): Promise<void>;
  /** How long to wait for the browser's answer (default 5 minutes). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** The browser's first language we speak (Accept-Language: "ja,en-US;q=0.9"), else English. */
function browserLanguage(request: IncomingMessage): Language {
  const tags = (request.headers['accept-language'] ?? '').split(',').map((tag) => tag.split(';')[0]!);
  return firstSpokenLanguage(tags);
}

/**
 * The page the browser shows after the redirect, in the browser's language (oauth.page.*):
 * plain text, nothing from the request echoed.
 */
function page(request: IncomingMessage, response: ServerResponse, outcome: 'signedIn' | 'failed'): void {
  const language = browserLanguage(request);
  const t = createTranslator(language);
  const [title, text] = [t(`oauth.page.${outcome}.title`), t(`oauth.page.${outcome}.text`)];
  response.writeHead(outcome === 'signedIn' ? 200 : 400, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
  });
  response.end(
    `<!doctype html><html lang="${language}"><meta charset="utf-8"><title>${title}</title>` +
      `<body style="font:16px system-ui,sans-serif;max-width:36em;margin:4em auto">` +
      `<h1>${title}</h1><p>${text}</p></body></html>`,
  );
}

export async function loopbackSignIn(
  server: ResolvedServer,
  credentials: ClientCredentials,
  options: LoopbackSignInOptions,
): Promise<oauth.TokenEndpointResponse> {
  const { as, requestOptions, redirectHost } = server;
  if (!as.authorization_endpoint) throw new OAuthSignInError(sentence('oauth.noAuthorizationEndpoint'));
  // The page speaks the browser's language, which need not be the reader's (the CLI loads
  // only the reader's catalogue): it must be there before the browser comes back.
  await loadEveryLanguage();
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const listener = createServer();
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', resolve);
  });
  const redirectUri = `http://${redirectHost}:${(listener.address() as AddressInfo).port}/`;
  try {
    const url = new URL(as.authorization_endpoint);
    const params: Record<string, string> = {
      client_id: credentials.client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: options.scopes,
      state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...(options.loginHint ? { login_hint: options.loginHint } : {}),
      ...options.extraParams,
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);

    const answer = waitForRedirect(listener, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, (request) => {
      const current = new URL(request.url ?? '/', redirectUri);
      return oauth.validateAuthResponse(as, credentials.client, current, state);
    });
    answer.catch(() => undefined); // awaited below, unless opening the browser fails first
    await options.openBrowser(url.href);
    const callback = await answer;
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      credentials.client,
      credentials.auth,
      callback,
      redirectUri,
      verifier,
      requestOptions,
    );
    return await oauth.processAuthorizationCodeResponse(as, credentials.client, response);
  } catch (error) {
    throw toSignInError(error, new URL(as.issuer).host);
  } finally {
    listener.closeAllConnections();
    listener.close();
  }
}

/**
 * Resolves with the first redirect the browser brings back (anything but the favicon), or
 * rejects with the authorization server's refusal, a state mismatch, or the timeout.
 */
function waitForRedirect(
  listener: ReturnType<typeof createServer>,
  timeoutMs: number,
  validate: (request: IncomingMessage) => URLSearchParams,
): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new OAuthSignInError(sentence('oauth.browserTimeout')));
    }, timeoutMs);
    timer.unref(); // the open listener keeps the process alive; a closed one must not be held up
    listener.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (request.method !== 'GET' || !request.url?.startsWith('/?')) {
        response.writeHead(404).end();
        return;
      }
      listener.removeAllListeners('request');
      clearTimeout(timer);
      try {
        resolve(validate(request));
        page(request, response, 'signedIn');
      } catch (error) {
        reject(error);
        page(request, response, 'failed');
      }
    });
  });
}
