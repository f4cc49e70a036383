/**
 * The OS keychain for real: KeyringBackend (@napi-rs/keyring) against gnome-keyring's
 * Secret Service on a private D-Bus session. Run it under the wrapper that provides one:
 *
 *   scripts/with-keyring.sh npx vitest run test/unit/keychain.test.ts
 *
 * Outside the wrapper the real-keychain tests are skipped (their titles say so); the test
 * of the clear error without a Secret Service runs everywhere, in a child process whose
 * D-Bus address points nowhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppInfo, ProfileListItem } from '../../electron/ipc/contract';
import { KeyringBackend } from '../../electron/services/secrets/keyring-backend';
import { say } from '../../electron/services/i18n';
import { KEYCHAIN_UNAVAILABLE, SecretStore } from '../../electron/services/secrets/secret-store';
import type { Profile } from '../../electron/services/settings/profile';
import { CANARY_PASSWORD, expectOneSentence, openTable, useTempDir, validFields } from './helpers';

const IN_KEYRING = process.env['MAIL_PREFLIGHT_IN_DBUS'] === '1';
/** One service name per run, so parallel runs on one keyring never see each other's entries. */
const SERVICE = `mail-preflight-unit-${process.pid}-${randomUUID().slice(0, 8)}`;

function secretTool(...args: string[]): { status: number | null; stdout: string } {
  const run = spawnSync('secret-tool', args, { encoding: 'utf8', timeout: 10_000 });
  return { status: run.status, stdout: run.stdout };
}

/** What `secret-tool lookup` finds for an entry, or null. */
function lookup(account: string, service = SERVICE): string | null {
  const { status, stdout } = secretTool('lookup', 'service', service, 'username', account);
  return status === 0 ? stdout : null;
}

describe.skipIf(!IN_KEYRING)('KeyringBackend on the real Secret Service (scripts/with-keyring.sh)', () => {
  const backend = new KeyringBackend(SERVICE);

  afterAll(() => {
    spawnSync('secret-tool', ['clear', 'service', SERVICE]);
  });

  it('sets, gets, overwrites and deletes a password', async () => {
    const account = `acct-${randomUUID()}`;
    expect(await backend.get(account)).toBeNull();

    await backend.set(account, CANARY_PASSWORD);
    expect(await backend.get(account)).toBe(CANARY_PASSWORD);

    await backend.set(account, 'second-password');
    expect(await backend.get(account)).toBe('second-password');
    expect(lookup(account)).toBe('second-password');

    await backend.delete(account);
    expect(await backend.get(account)).toBeNull();
    expect(lookup(account)).toBeNull();
  });

  it('deleting a password that is not there is not an error', async () => {
    const account = `never-written-${randomUUID()}`;
    await expect(backend.delete(account)).resolves.toBeUndefined();
    expect(await backend.get(account)).toBeNull();
  });

  it('keeps any single-line password verbatim (spaces, quotes, non-ASCII)', async () => {
    const account = `acct-${randomUUID()}`;
    const password = ` pässwörd "ключ" 🔑 \\ $HOME `;
    await backend.set(account, password);
    expect(await backend.get(account)).toBe(password);
    expect(lookup(account)).toBe(password);
  });

  it('is an ordinary Secret Service item: secret-tool finds it by service and username', async () => {
    const account = `acct-${randomUUID()}`;
    await backend.set(account, CANARY_PASSWORD);

    expect(lookup(account)).toBe(CANARY_PASSWORD);
    // secret-tool prints the secret to stdout and the attributes to stderr.
    const found = spawnSync('secret-tool', ['search', '--all', 'service', SERVICE], { encoding: 'utf8' });
    const search = found.stdout + found.stderr;
    expect(search).toContain(`secret = ${CANARY_PASSWORD}`);
    expect(search).toContain(`attribute.service = ${SERVICE}`);
    expect(search).toContain(`attribute.username = ${account}`);
    // Another service's entry of the same account is a different secret.
    expect(lookup(account, `${SERVICE}-other`)).toBeNull();
  });

  it('reads a password that another tool stored under the same attributes', async () => {
    const account = `acct-${randomUUID()}`;
    execFileSync(
      'secret-tool',
      ['store', '--label', 'stored by secret-tool', 'service', SERVICE, 'username', account],
      {
        input: 'from-secret-tool',
      },
    );
    expect(await backend.get(account)).toBe('from-secret-tool');
  });

  it('SecretStore.getBound gives the secret only for the binding it was saved with', async () => {
    const store = new SecretStore(backend);
    const id = randomUUID();
    const binding = { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'u' };
    await store.set('smtp-password', id, CANARY_PASSWORD, binding);

    const same = { ...binding, host: 'SMTP.Example.com.' }; // hosts compare as DNS does
    expect(await store.getBound('smtp-password', id, same)).toEqual({
      state: 'bound',
      secret: CANARY_PASSWORD,
    });
    for (const other of [
      { host: 'smtp.other.example' },
      { port: 25 },
      { security: 'none' },
      { username: 'v' },
    ]) {
      expect(await store.getBound('smtp-password', id, { ...binding, ...other })).toEqual({
        state: 'elsewhere',
        savedFor: binding,
      });
    }
    expect(await store.getBound('smtp-password', randomUUID(), binding)).toEqual({ state: 'missing' });

    await store.rebind('smtp-password', id, { ...binding, host: 'smtp.other.example' });
    expect(await store.getBound('smtp-password', id, binding)).toMatchObject({ state: 'elsewhere' });
    expect(await store.getBound('smtp-password', id, { ...binding, host: 'smtp.other.example' })).toEqual({
      state: 'bound',
      secret: CANARY_PASSWORD,
    });
  });

  it('a secret saved before bindings existed is bound to the owner’s saved settings on first read', async () => {
    const store = new SecretStore(backend);
    const id = randomUUID();
    await backend.set(`smtp-password:${id}`, CANARY_PASSWORD); // as earlier versions stored it
    const saved = { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'u' };

    expect(await store.getBound('smtp-password', id, saved)).toEqual({ state: 'elsewhere', savedFor: null });
    const elsewhere = { ...saved, host: 'smtp.other.example' };
    expect(await store.getBound('smtp-password', id, elsewhere, { adopt: saved })).toEqual({
      state: 'elsewhere',
      savedFor: saved,
    });
    expect(await store.getBound('smtp-password', id, saved)).toEqual({
      state: 'bound',
      secret: CANARY_PASSWORD,
    });
    expect(JSON.parse(lookup(`smtp-password:${id}`)!).binding).toEqual(saved);
  });

  it('SecretStore reports the keychain available', async () => {
    expect(await new SecretStore(backend).availability()).toEqual({ available: true, message: null });
  });

  it('a profile password goes to the keychain under smtp-password:<id> and leaves with the profile', async () => {
    const real = openTable(useTempDir(), new KeyringBackend(SERVICE));
    const profile = await real.ok<Profile>('profiles:create', {
      fields: validFields(),
      password: CANARY_PASSWORD,
    });
    // One entry holds the password and what it is bound to (DESIGN.md "Where a saved secret may go").
    expect(JSON.parse(lookup(`smtp-password:${profile.id}`)!)).toEqual({
      'mail-preflight-bound-secret': 1,
      binding: { host: 'smtp.example.com', port: 587, security: 'starttls', username: 'alerts@example.com' },
      secret: CANARY_PASSWORD,
    });
    expect((await real.ok<AppInfo>('app:info')).keychain).toEqual({ available: true, message: null });
    expect((await real.ok<ProfileListItem[]>('profiles:list'))[0]?.passwordSet).toBe(true);

    await real.ok('profiles:setPassword', { id: profile.id, password: 'rotated-password' });
    expect(JSON.parse(lookup(`smtp-password:${profile.id}`)!).secret).toBe('rotated-password');

    await real.ok('profiles:delete', { id: profile.id });
    expect(lookup(`smtp-password:${profile.id}`)).toBeNull();
  });
});

describe('without a Secret Service', () => {
  /**
   * Runs the real backend in a child `node` whose session bus does not exist. Node runs the
   * .ts sources directly, with the project's resolve hook (scripts/resolve-ts.ts).
   */
  function runWithoutKeychain(): Record<string, unknown> {
    const dir = useTempDir();
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const moduleUrl = (path: string) => pathToFileURL(join(root, path)).href;
    writeFileSync(
      join(dir, 'probe.mjs'),
      `const { KeyringBackend } = await import(${JSON.stringify(moduleUrl('electron/services/secrets/keyring-backend.ts'))});
const { SecretStore } = await import(${JSON.stringify(moduleUrl('electron/services/secrets/secret-store.ts'))});
const backend = new KeyringBackend(${JSON.stringify(SERVICE)});
const out = {};
try { await backend.set('probe', 'secret'); out.set = 'stored'; } catch (e) { out.set = { code: e.code, message: e.message }; }
try { out.get = await backend.get('probe'); } catch (e) { out.get = { code: e.code, message: e.message }; }
out.availability = await new SecretStore(backend).availability();
console.log(JSON.stringify(out));
`,
    );
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' };
    const stdout = execFileSync(
      process.execPath,
      ['--no-warnings', '--import', moduleUrl('scripts/resolve-ts.ts'), join(dir, 'probe.mjs')],
      {
        env,
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  }

  it('every call fails with the one plain KEYCHAIN_UNAVAILABLE sentence, and availability() says so', () => {
    const out = runWithoutKeychain();

    const message = say(KEYCHAIN_UNAVAILABLE);
    expect(out['set']).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', message });
    expect(out['get']).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', message });
    expect(out['availability']).toEqual({ available: false, message: KEYCHAIN_UNAVAILABLE });
    expectOneSentence(message);
    expect(message).not.toMatch(/d-?bus|org\.freedesktop|secret service|platform|napi/i);
  });
});
