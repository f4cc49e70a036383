/**
 * OAuth2 end to end on real parts: a real authorization server (oidc-provider, on loopback),
 * a rig in OAuth mode (Postfix submission, Dovecot checking each bearer token with its
 * oauth2 passdb against the server's introspection endpoint), the real keychain, and
 * Chromium driven by Playwright as the user on the server's login and consent pages.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_ID_HEADER } from '../../../electron/services/smtp/test-message';
import type { ProfileFields } from '../../../electron/services/settings/profile';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { startRig, type Rig } from '../../rig/rig';
import { launchConsentBrowser, type ConsentBrowser } from '../../support/consent-browser';
import { startAuthServer, type AuthServer } from '../../support/oauth-server';
import { profileFields, tempServices, type TempServices } from '../../support/temp-services';

let auth: AuthServer;
let rig: Rig;
let browser: ConsentBrowser;
let temp: TempServices;
const ALICE = 'alice@rig.test';
/** bob's access tokens live 2 seconds on this server. */
const BOB = 'bob@rig.test';
/** Every token a test saw, to look for afterwards in files, logs and reports. */
const tokens = new Set<string>();
const records: RunRecord[] = [];
let trustedCa: string;

beforeAll(async () => {
  auth = await startAuthServer({ shortLivedAccounts: [BOB] });
  rig = await startRig({ oauth2: { introspectionUrl: auth.introspectionUrl } });
  browser = await launchConsentBrowser();
  if (!existsSync(resolve(pkg.bin['mail-preflight']))) throw new Error('Run "npm run build" first.');
  temp = tempServices();
  // This rig has a CA of its own: trusted the way a user would, by importing it.
  const [ca] = await temp.services.certificates.importTrusted(
    temp.services.files.remember([rig.caFile]).token,
  );
  trustedCa = ca!.id;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rig?.stop();
  await auth?.stop();
  temp?.dispose();
});

function oauthFields(mailbox: string, overrides: Partial<NonNullable<ProfileFields['oauth2']>> = {}) {
  return profileFields({
    name: `oauth-${randomUUID()}`,
    host: 'localhost',
    port: rig.ports.submission,
    security: 'starttls',
    username: mailbox,
    from: mailbox,
    trustedCertificateIds: [trustedCa],
    auth: 'oauth2',
    oauth2: {
      provider: 'custom',
      tenant: '',
      issuer: auth.issuer,
      authorizationEndpoint: '',
      tokenEndpoint: '',
      deviceAuthorizationEndpoint: '',
      clientId: auth.clientId,
      scopes: auth.scopes,
      ...overrides,
    },
  });
}

async function send(profileId: string, to: string) {
  const record = await temp.services.runs.sendForProfile({ runId: randomUUID(), profileId, to });
  records.push(record);
  return record;
}

/** A run with a ready access token, as `--oauth2-token-env` gives one. */
async function sendWithToken(fields: ProfileFields, token: string) {
  const record = await temp.services.runs.run({
    runId: randomUUID(),
    profileId: null,
    fields,
    password: null,
    accessToken: async () => ({ token, refreshed: false }),
    to: fields.from,
    dryRun: false,
    tls: await temp.services.certificates.materialFor(fields),
  });
  records.push(record);
  return record;
}

const CLI = resolve(pkg.bin['mail-preflight']);

/** The built command line, with this test's data folder; its output is read as it comes. */
function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, MAIL_PREFLIGHT_DATA_DIR: temp.dataDir, ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (d) => {
    stdout += d;
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d) => (stderr += d));
  child.stdin.end();
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return {
    done,
    stdout: () => stdout,
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) resolve(match);
        };
        waiters.push(check);
        check();
      }),
  };
}

/** A new access token for alice through a device sign-in of a throw-away profile. */
async function freshToken(): Promise<string> {
  const profile = await temp.services.profiles.create(oauthFields(ALICE));
  let approval: Promise<unknown> = Promise.resolve();
  await temp.services.oauth.signIn(profile.id, {
    device: {
      onCode: (c) => (approval = browser.approve(c.verificationUri, ALICE, { userCode: c.userCode })),
    },
  });
  await approval;
  return (await temp.services.oauth.accessToken(profile.id, profile)).token;
}

const arrived = (record: RunRecord, mailbox: string) =>
  rig.waitForMessage(mailbox, (raw) => new RegExp(`^${RUN_ID_HEADER}: ${record.id}\r?$`, 'mi').test(raw));

describe('OAuth2 sign-in and XOAUTH2 against a real authorization server and Dovecot', () => {
  let alice: string;

  it('the device flow completes when the user approves the code, and the token sends a message that arrives', async () => {
    const profile = await temp.services.profiles.create(oauthFields(ALICE));
    alice = profile.id;
    const shown: string[] = [];
    let approval: Promise<unknown> = Promise.resolve();
    const signedIn = await temp.services.oauth.signIn(profile.id, {
      device: {
        onCode: (code) => {
          shown.push(code.userCode);
          approval = browser.approve(code.verificationUri, ALICE, { userCode: code.userCode });
        },
      },
    });
    await approval;
    expect(shown).toHaveLength(1);
    expect(signedIn.oauthSignedIn).toBe(true);

    const record = await send(profile.id, ALICE);
    expect(record).toMatchObject({ ok: true, code: 'OK', auth: { mechanism: 'XOAUTH2', oauth2: true } });
    expect(record.transcript.map((l) => l.line)).toContain('AUTH XOAUTH2 <redacted>');
    await arrived(record, ALICE);
    tokens.add((await temp.services.oauth.accessToken(profile.id, profile)).token);
  }, 60_000);

  it('a sign-in saved for client A and mailbox X is used for no other client or mailbox: sign in again', async () => {
    const saved = temp.services.profiles.get(alice);
    const otherMailbox = { ...saved, username: BOB, from: BOB };
    const otherClient = { ...saved, oauth2: { ...saved.oauth2!, clientId: 'another-client' } };
    for (const fields of [otherMailbox, otherClient]) {
      // Used, the refresh token would be refused (invalid_client) or send as alice: neither happens.
      const run = temp.services.runs.sendForProfile({
        runId: randomUUID(),
        profileId: alice,
        to: BOB,
        fields,
      });
      await expect(run).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(run).rejects.toThrow(
        `The saved sign-in is for ${ALICE} with another client or provider than these settings: sign in again for these settings.`,
      );
      await expect(temp.services.oauth.accessToken(alice, fields)).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    // The keychain entry is untouched: the profile as saved still has its sign-in.
    expect((await temp.services.oauth.accessToken(alice, saved)).token).toBeTruthy();
  });

  it('a revoked access token is refused by the mail server: OAUTH_TOKEN_REJECTED', async () => {
    const fields = temp.services.profiles.get(alice);
    const { token } = await temp.services.oauth.accessToken(alice, fields);
    tokens.add(token);
    await auth.revoke(token);
    const record = await sendWithToken(fields, token);
    expect(record).toMatchObject({ ok: false, code: 'OAUTH_TOKEN_REJECTED', phase: 'auth' });
    expect(record.summary).toBe(`localhost refused the OAuth2 token for ${ALICE}.`);
    expect(record.fix?.text).toMatch(/sign in again as alice@rig\.test/);
  });

  it('the loopback flow in Chromium: consent on the server’s page, a page telling the user to return, then a refresh when the token expired', async () => {
    const opened: string[] = [];
    let page: Awaited<ReturnType<ConsentBrowser['approve']>> | undefined;
    const profile = await temp.services.profiles.create(oauthFields(BOB));
    await temp.services.oauth.signIn(profile.id, {
      openBrowser: async (url) => {
        opened.push(url);
        page = await browser.approve(url, BOB);
      },
    });
    const authorize = new URL(opened[0]!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await expect.poll(() => page?.textContent('body')).toMatch(/return to Mail Preflight/);

    const first = await temp.services.oauth.accessToken(profile.id, profile);
    tokens.add(first.token);
    expect(first.refreshed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 2500)); // bob's tokens live 2 s

    const expired = await sendWithToken(profile, first.token);
    expect(expired).toMatchObject({ ok: false, code: 'OAUTH_TOKEN_REJECTED' });

    const record = await send(profile.id, BOB);
    expect(record).toMatchObject({ ok: true, auth: { mechanism: 'XOAUTH2', tokenRefreshed: true } });
    await arrived(record, BOB);

    // The sign-in revoked at the server: the next refresh is refused, in the run's login.
    const refreshToken = (await temp.services.secrets.get('oauth-refresh-token', profile.id))!;
    tokens.add(refreshToken);
    await auth.revoke(refreshToken);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const refused = await send(profile.id, BOB);
    expect(refused).toMatchObject({ ok: false, code: 'OAUTH_SIGN_IN_FAILED', phase: 'auth' });
    expect(refused.summary).toMatch(/no longer valid.*said: “invalid_grant/);
  }, 60_000);

  it('a client the authorization server does not know: OAUTH_SIGN_IN_FAILED with its words', async () => {
    const profile = await temp.services.profiles.create(oauthFields(ALICE, { clientId: 'not-registered' }));
    const signIn = temp.services.oauth.signIn(profile.id, { device: { onCode: () => undefined } });
    await expect(signIn).rejects.toMatchObject({
      code: 'OAUTH_SIGN_IN_FAILED',
      oauthError: 'invalid_client',
    });
    await expect(signIn).rejects.toThrow(/does not know this client ID.*said: “invalid_client/);
  });

  it('consent declined in the browser: OAUTH_SIGN_IN_FAILED (access_denied), nothing kept', async () => {
    const profile = await temp.services.profiles.create(oauthFields(ALICE));
    const signIn = temp.services.oauth.signIn(profile.id, {
      openBrowser: async (url) => void (await browser.decline(url, ALICE)),
    });
    await expect(signIn).rejects.toMatchObject({ code: 'OAUTH_SIGN_IN_FAILED', oauthError: 'access_denied' });
    expect(temp.services.profiles.get(profile.id).oauthSignedIn).toBe(false);
    expect(await temp.services.secrets.get('oauth-refresh-token', profile.id)).toBeNull();
  });

  it('sign out removes the refresh token; a run then asks for a sign-in', async () => {
    const saved = await temp.services.secrets.get('oauth-refresh-token', alice);
    expect(saved).toBeTruthy();
    tokens.add(saved!);
    const profile = await temp.services.oauth.signOut(alice);
    expect(profile.oauthSignedIn).toBe(false);
    expect(await temp.services.secrets.get('oauth-refresh-token', alice)).toBeNull();
    await expect(send(alice, ALICE)).rejects.toThrow(/not signed in yet/);
  });

  describe('the command line', () => {
    let name: string;

    /** `login --device` for the profile, the code approved as alice in Chromium. */
    async function loginWithDevice(profileName: string) {
      const login = startCli(['login', '--profile', profileName, '--device']);
      const code = await login.waitFor(/enter the code (\S+)/);
      expect(login.stdout()).toMatch(new RegExp(`open ${auth.issuer}/device on any device`));
      await browser.approve(`${auth.issuer}/device`, ALICE, { userCode: code[1]! });
      return login.done;
    }

    it('login --device prints the address and code, waits for the approval, and later runs use the sign-in', async () => {
      name = (await temp.services.profiles.create(oauthFields(ALICE))).name;
      const done = await loginWithDevice(name);
      expect(done).toMatchObject({ status: 0 });
      expect(done.stdout).toMatch(/Signed in: “oauth-.*” sends as alice@rig\.test with OAuth2\./);

      const run = await startCli(['test', '--profile', name, '--to', ALICE, '--json']).done;
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({
        ok: true,
        auth: { mechanism: 'XOAUTH2', oauth2: true, tokenRefreshed: true },
      });
      records.push(report);
    }, 60_000);

    it('profiles set-auth moves a saved password profile to OAuth2; after login --device a run sends and the message arrives', async () => {
      const { oauth2, ...passwordFields } = oauthFields(ALICE);
      const profile = await temp.services.profiles.create(
        { ...passwordFields, auth: 'password', username: 'relay-user' },
        'old-relay-password',
      );
      const switched = await startCli([
        'profiles',
        'set-auth',
        profile.name,
        'oauth2',
        '--provider',
        'custom',
        '--issuer',
        oauth2!.issuer,
        '--client-id',
        oauth2!.clientId,
        '--scopes',
        oauth2!.scopes,
        '--mailbox',
        ALICE,
      ]).done;
      expect(switched).toMatchObject({ status: 0, stderr: '' });
      expect(switched.stdout).toMatch(
        /now logs in with OAuth2 \(Another OAuth2 server\) as alice@rig\.test\. The saved password was removed from the keychain\./,
      );
      expect(await temp.services.secrets.get('smtp-password', profile.id)).toBeNull();

      expect(await loginWithDevice(profile.name)).toMatchObject({ status: 0 });
      const run = await startCli(['test', '--profile', profile.name, '--to', ALICE, '--json']).done;
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ ok: true, auth: { mechanism: 'XOAUTH2', oauth2: true } });
      records.push(report);
      await rig.waitForMessage(ALICE, (raw) => raw.includes(report.runId));
    }, 60_000);

    it('logout removes the sign-in; a run then says to log in (exit 2)', async () => {
      expect((await startCli(['logout', '--profile', name]).done).status).toBe(0);
      const run = await startCli(['test', '--profile', name, '--to', ALICE]).done;
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/not signed in yet.*Run: mail-preflight login --profile "oauth-/);
    });

    it('--auth oauth2 --oauth2-token-env with a revoked token: OAUTH_TOKEN_REJECTED (exit 1), the token nowhere in the output', async () => {
      const ready = await freshToken();
      tokens.add(ready);
      await auth.revoke(ready);
      const run = await startCli(
        [
          'test',
          '--host',
          'localhost',
          '--port',
          String(rig.ports.submission),
          '--ca',
          rig.caFile,
          '--user',
          ALICE,
          '--from',
          ALICE,
          '--to',
          ALICE,
          '--auth',
          'oauth2',
          '--oauth2-token-env',
          'TOKEN',
          '--json',
        ],
        { TOKEN: ready },
      ).done;
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({
        code: 'OAUTH_TOKEN_REJECTED',
        phase: 'auth',
        auth: { mechanism: 'XOAUTH2' },
      });
      expect(run.stdout).not.toContain(ready);
      records.push(report);
    });
  });

  it('no token appears in any file, log entry, transcript or report', async () => {
    expect(tokens.size).toBeGreaterThanOrEqual(3);
    const forms = [...tokens].flatMap((t) => [t, Buffer.from(t).toString('base64')]);
    const haystacks = [
      ...temp.files().map((f) => f.content),
      JSON.stringify(records),
      JSON.stringify(await temp.services.log.list({ offset: 0, limit: 1000 })),
      readFileSync(rig.logs.postfix, 'utf8'),
      readFileSync(rig.logs.dovecot, 'utf8'),
    ];
    for (const form of forms) for (const text of haystacks) expect(text).not.toContain(form);
  });
});
