/**
 * `mail-preflight profiles set-auth`: an administrator switches a saved profile between a
 * password and OAuth2 from the command line, with the built CLI, the real settings file and
 * the real keychain. Signing in and sending after the switch: test/integration/oauth.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { oauth2Binding, oauth2ClientBinding } from '../../electron/services/secrets/binding';
import { SETTINGS_FILE } from '../../electron/services/settings/settings-store';
import { runBuiltCli } from '../support/run-cli';
import { profileFields, tempServices, type TempServices } from '../support/temp-services';

const NAME = 'Contoso relay';
const MAILBOX = 'relay@contoso.example';
const PASSWORD = 'saved-relay-password';
const ISSUER = 'https://login.contoso.example';

let temp: TempServices;
let id: string;

const settingsFile = () => join(temp.dataDir, SETTINGS_FILE);
const readSettings = () => JSON.parse(readFileSync(settingsFile(), 'utf8'));
const run = (args: string[], env: NodeJS.ProcessEnv = {}, stdin = '') =>
  runBuiltCli(args, { ...process.env, MAIL_PREFLIGHT_DATA_DIR: temp.dataDir, ...env }, stdin);
const setAuth = (method: string, flags: string[], env: NodeJS.ProcessEnv = {}, stdin = '') =>
  run(['profiles', 'set-auth', NAME, method, ...flags], env, stdin);
const CUSTOM = [
  '--provider',
  'custom',
  '--issuer',
  ISSUER,
  '--client-id',
  'relay-client',
  '--mailbox',
  MAILBOX,
];

beforeEach(async () => {
  temp = tempServices();
  const profile = await temp.services.profiles.create(
    profileFields({
      name: NAME,
      host: 'smtp.contoso.example',
      port: 587,
      username: 'relay-user',
      from: MAILBOX,
      replyTo: 'it@contoso.example',
      ehloName: 'relay.contoso.example',
    }),
    PASSWORD,
  );
  id = profile.id;
  // Keys a newer version wrote, on the profile and in its fields: they must survive.
  const settings = readSettings();
  settings.profiles[0].laterKey = { kept: true };
  settings.profiles[0].fields.laterField = 'kept';
  writeFileSync(settingsFile(), JSON.stringify(settings));
});

afterEach(async () => {
  await temp.restart().profiles.delete(id);
  temp.dispose();
});

describe('profiles set-auth', () => {
  it('switches a password profile to OAuth2: settings file, export and keychain agree, and one line says what changed', async () => {
    const result = await setAuth('oauth2', [...CUSTOM, '--client-secret-env', 'SECRET'], {
      SECRET: 'relay-client-secret',
    });
    expect(result).toEqual({
      status: 0,
      stderr: '',
      stdout:
        `“${NAME}” now logs in with OAuth2 (Another OAuth2 server) as ${MAILBOX}. ` +
        'The saved password was removed from the keychain. ' +
        `Sign in next: mail-preflight login --profile "${NAME}" (with --device on a machine without a browser).\n`,
    });

    const [stored] = readSettings().profiles;
    expect(stored).toMatchObject({
      laterKey: { kept: true },
      passwordSet: false,
      oauthClientSecretSet: true,
      oauthSignedIn: false,
      fields: {
        laterField: 'kept',
        name: NAME,
        host: 'smtp.contoso.example',
        port: 587,
        security: 'starttls',
        anonymous: false,
        username: MAILBOX,
        from: MAILBOX,
        replyTo: 'it@contoso.example',
        ehloName: 'relay.contoso.example',
        auth: 'oauth2',
        oauth2: {
          provider: 'custom',
          issuer: ISSUER,
          clientId: 'relay-client',
          scopes: 'offline_access',
          tenant: '',
          tokenEndpoint: '',
        },
      },
    });
    const exported = await run(['profiles', 'export', '--profile', NAME]);
    expect(JSON.parse(exported.stdout).profiles[0]).toMatchObject({
      auth: 'oauth2',
      username: MAILBOX,
      oauth2: { provider: 'custom', clientId: 'relay-client' },
    });
    expect(exported.stdout).not.toContain('relay-client-secret');
    expect(await temp.services.secrets.get('smtp-password', id)).toBeNull();
    // The client secret is saved for this client only.
    expect(
      await temp.services.secrets.getBound(
        'oauth-client-secret',
        id,
        oauth2ClientBinding(stored.fields.oauth2),
      ),
    ).toEqual({ state: 'bound', secret: 'relay-client-secret' });
  });

  it('switches back to a password: the sign-in leaves the keychain, the OAuth2 client stays for later, the new password is bound to the server', async () => {
    expect((await setAuth('oauth2', CUSTOM)).status).toBe(0);
    const profile = temp.restart().profiles.get(id);
    await temp.services.secrets.set(
      'oauth-refresh-token',
      id,
      'a-refresh-token',
      oauth2Binding(profile, profile.oauth2!),
    );
    temp.services.profiles.setOAuthSignedIn(id, true);

    const result = await setAuth(
      'password',
      ['--user', 'relay-user', '--password-stdin'],
      {},
      'new-password',
    );
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe(
      `“${NAME}” now logs in with a password as relay-user. ` +
        'The OAuth2 sign-in was removed from the keychain. ' +
        'The password was saved in the keychain for this server and username.\n',
    );
    expect(readSettings().profiles[0]).toMatchObject({
      laterKey: { kept: true },
      passwordSet: true,
      oauthSignedIn: false,
      fields: {
        laterField: 'kept',
        auth: 'password',
        username: 'relay-user',
        oauth2: { clientId: 'relay-client' },
      },
    });
    expect(await temp.services.secrets.get('oauth-refresh-token', id)).toBeNull();
    const saved = temp.restart().profiles.get(id);
    const read = await temp.services.secrets.getBound('smtp-password', id, {
      host: saved.host,
      port: saved.port,
      security: saved.security,
      username: 'relay-user',
    });
    expect(read).toEqual({ state: 'bound', secret: 'new-password' });
  });

  it('says it in Japanese with --lang ja', async () => {
    const result = await setAuth('oauth2', [...CUSTOM, '--lang', 'ja']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^「Contoso relay」は OAuth2（その他の OAuth2 サーバー）で relay@contoso\.example としてログインするようになりました。保存されていたパスワードをキーチェーンから削除しました。/,
    );
  });

  describe('bad input: one line on stderr, exit 2, nothing changed', () => {
    const cases: Array<[string, string, string[], RegExp, NodeJS.ProcessEnv?]> = [
      [
        'no provider for a profile without an OAuth2 client',
        'oauth2',
        ['--client-id', 'x'],
        /^Give --provider google, microsoft or custom/,
      ],
      [
        'a Microsoft tenant that is not one',
        'oauth2',
        ['--provider', 'microsoft', '--tenant', 'contoso com', '--client-id', 'x'],
        /^Enter the tenant ID or domain, or “organizations”\.$/,
      ],
      [
        'a custom provider without issuer or endpoints',
        'oauth2',
        ['--provider', 'custom', '--client-id', 'x'],
        /^Enter the issuer, or the authorization and token endpoints\.$/,
      ],
      [
        'an issuer that is not an address',
        'oauth2',
        ['--provider', 'custom', '--issuer', 'javascript:alert(1)', '--client-id', 'x'],
        /^Enter an address such as https:\/\/login\.example\.com\.$/,
      ],
      [
        'no client ID',
        'oauth2',
        ['--provider', 'google'],
        /^Enter the client ID of your app registration\.$/,
      ],
      [
        'a mailbox that is not one line',
        'oauth2',
        [...CUSTOM.slice(0, -1), 'a\nb@contoso.example'],
        /line breaks/i,
      ],
      [
        'a password flag with oauth2',
        'oauth2',
        [...CUSTOM, '--password-env', 'PW'],
        /^--password-env does not go with set-auth oauth2\.$/,
      ],
      [
        'an OAuth2 flag with password',
        'password',
        ['--client-id', 'x'],
        /^--client-id does not go with set-auth password\.$/,
      ],
      [
        'a client secret variable that is not set',
        'oauth2',
        [...CUSTOM, '--client-secret-env', 'UNSET_SECRET'],
        /^The environment variable UNSET_SECRET \(from --client-secret-env\) is not set or empty\.$/,
      ],
      [
        'a method that is not one',
        'kerberos',
        [],
        /^The login must be oauth2 or password, not “kerberos”\.$/,
      ],
      ['a provider that is not one', 'oauth2', ['--provider', 'yahoo'], /yahoo/],
    ];
    for (const [what, method, flags, message, env] of cases) {
      it(what, async () => {
        const before = readFileSync(settingsFile(), 'utf8');
        const result = await setAuth(method, flags, env);
        expect(result.status).toBe(2);
        expect(result.stdout).toBe('');
        const lines = result.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]!.replace(/^(mail-preflight: |error: )/, '')).toMatch(message);
        expect(readFileSync(settingsFile(), 'utf8')).toBe(before);
        expect(await temp.services.secrets.get('smtp-password', id)).toBe(PASSWORD);
      });
    }

    it('an unknown profile', async () => {
      const result = await run(['profiles', 'set-auth', 'No such relay', 'oauth2', ...CUSTOM]);
      expect(result).toEqual({
        status: 2,
        stdout: '',
        stderr: 'mail-preflight: There is no profile named “No such relay”.\n',
      });
    });

    it('in Japanese with --lang ja', async () => {
      const result = await setAuth('oauth2', ['--client-id', 'x', '--lang', 'ja']);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(
        /^mail-preflight: --provider に "google"、"microsoft"、"custom" のいずれかを指定してください。/,
      );
    });
  });
});
