/**
 * The IPC handler table as the renderer reaches it: the real table (createHandlers) over
 * real services in a temp data folder (real conf store, real log file), called through
 * invokeChannel exactly as register.ts and the browser harness call it.
 *
 * Secrets go to InMemorySecretBackend (helpers.ts), the one stand-in of these tests: the
 * table's behaviour does not depend on which keychain holds a password, and the real
 * keychain (gnome-keyring's Secret Service) is tested for real in keychain.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CHANNELS,
  type Channel,
  type IpcError,
  type LogPage,
  type ProfileListItem,
} from '../../electron/ipc/contract';
import en from '../../locales/en.json' with { type: 'json' };
import type { Profile } from '../../electron/services/settings/profile';
import type { RunRecord } from '../../electron/services/smtp/report';
import {
  CANARY_AUTH,
  CANARY_PASSWORD,
  expectNoSecret,
  expectOneSentence,
  openTable,
  sampleRecord,
  snapshotFiles,
  freePort,
  startSmtpServer,
  validFields,
  type Table,
} from './helpers';

const NO_PASSWORD_YET =
  'This profile has no password yet: set one with “Set password”, or turn on “Connect anonymously”.';

/** A table holding one profile (with a password) and one log entry, as a user's would. */
async function populatedTable(): Promise<{ table: Table; profile: Profile; logId: string }> {
  const table = openTable();
  const profile = await table.ok<Profile>('profiles:create', {
    fields: validFields(),
    password: CANARY_PASSWORD,
  });
  const record = sampleRecord({ profileId: profile.id });
  await table.services.log.append(record);
  return { table, profile, logId: record.id };
}

function expectError(result: Awaited<ReturnType<Table['call']>>, code: IpcError['code']): IpcError {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error('unreachable');
  expect(result.error.code).toBe(code);
  expectOneSentence(result.error.message);
  // Only the documented keys cross the boundary: no stack, no library error object.
  for (const key of Object.keys(result.error)) expect(['code', 'message', 'fields']).toContain(key);
  expect(JSON.stringify(result)).not.toMatch(/ZodError|"stack"|"issues"/);
  return result.error;
}

// ---------------------------------------------------------------------------------------
// Invalid input, channel by channel

type Ids = { id: string; logId: string };
type InvalidCase = [label: string, input: (ids: Ids) => unknown];

const CRLF = '\r\n';
const withFields = (overrides: Record<string, unknown>) => ({
  ...validFields({ name: 'Other relay' }),
  ...overrides,
});
const { from: _droppedFrom, ...fieldsWithoutFrom } = validFields({ name: 'Other relay' });
const sendInput = (ids: Ids, overrides: Record<string, unknown> = {}) => ({
  runId: randomUUID(),
  profileId: ids.id,
  to: 'ops@example.com',
  ...overrides,
});
const listInput = (overrides: Record<string, unknown> = {}) => ({ offset: 0, limit: 50, ...overrides });

const INVALID: Record<Channel, InvalidCase[]> = {
  'app:info': [
    ['wrong type', () => 42],
    ['extra unknown field', () => ({ verbose: true })],
    ['a string with CR/LF', () => `x${CRLF}y`],
  ],
  'app:setLanguage': [
    ['a language it does not speak', () => ({ language: 'fr' })],
    ['missing field (language)', () => ({})],
    ['extra unknown field', () => ({ language: 'ja', region: 'JP' })],
  ],
  'profiles:list': [
    ['wrong type', () => 'all'],
    ['extra unknown field', () => ({ filter: 'relay' })],
  ],
  'profiles:create': [
    ['wrong type (port as text)', () => ({ fields: withFields({ port: '587' }) })],
    ['wrong type (no object)', () => 'Production relay'],
    ['missing field (from)', () => ({ fields: fieldsWithoutFrom })],
    ['missing field (fields)', () => ({ password: 'x' })],
    ['extra unknown field', () => ({ fields: withFields({}), password: 'x', passwordSet: true })],
    ['CR/LF in name', () => ({ fields: withFields({ name: `Relay${CRLF}Bcc: x@example.com` }) })],
    ['CR/LF in host', () => ({ fields: withFields({ host: `smtp.example.com${CRLF}` }) })],
    ['CR/LF in username', () => ({ fields: withFields({ username: `u${CRLF}RCPT TO:<x@example.com>` }) })],
    ['CR/LF in from', () => ({ fields: withFields({ from: `a@example.com${CRLF}Bcc: x@example.com` }) })],
    [
      'CR/LF in password',
      () => ({ fields: withFields({}), password: `secret${CRLF}MAIL FROM:<x@example.com>` }),
    ],
    ['empty password', () => ({ fields: withFields({}), password: '' })],
  ],
  'profiles:update': [
    ['wrong type (id as number)', () => ({ id: 42, fields: withFields({}) })],
    ['wrong type (anonymous as text)', ({ id }) => ({ id, fields: withFields({ anonymous: 'yes' }) })],
    ['missing field (fields)', ({ id }) => ({ id })],
    ['extra unknown field', ({ id }) => ({ id, fields: withFields({}), password: 'x' })],
    ['CR/LF in id', ({ id }) => ({ id: `${id}${CRLF}`, fields: withFields({}) })],
    ['CR/LF in from', ({ id }) => ({ id, fields: withFields({ from: `a@example.com${CRLF}` }) })],
    ['CR/LF in username', ({ id }) => ({ id, fields: withFields({ username: `a${CRLF}b` }) })],
  ],
  'profiles:setPassword': [
    ['wrong type', ({ id }) => ({ id, password: 123456 })],
    ['missing field (password)', ({ id }) => ({ id })],
    ['extra unknown field', ({ id }) => ({ id, password: 'new-secret', persist: 'plaintext' })],
    ['CR/LF in password', ({ id }) => ({ id, password: `new${CRLF}secret` })],
    ['CR/LF in id', ({ id }) => ({ id: `${id}\n`, password: 'new-secret' })],
  ],
  'profiles:setImapPassword': [
    ['wrong type', ({ id }) => ({ id, password: 42 })],
    ['missing field (password)', ({ id }) => ({ id })],
    ['CR/LF in password', ({ id }) => ({ id, password: `a${CRLF}b` })],
  ],
  'profiles:delete': [
    ['wrong type', () => ({ id: 1 })],
    ['missing field (id)', () => ({})],
    ['extra unknown field', ({ id }) => ({ id, force: true })],
    ['CR/LF in id', ({ id }) => ({ id: `${id}${CRLF}` })],
    ['path traversal in id', () => ({ id: '../settings' })],
  ],
  'oauth:signIn': [
    ['wrong type', () => ({ id: 1 })],
    ['missing field (id)', () => ({})],
    ['extra unknown field', ({ id }) => ({ id, device: true })],
  ],
  'oauth:signOut': [
    ['missing field (id)', () => ({})],
    ['path traversal in id', () => ({ id: '../settings' })],
  ],
  'oauth:setClientSecret': [
    ['missing field (secret)', ({ id }) => ({ id })],
    ['CR/LF in secret', ({ id }) => ({ id, secret: `s${CRLF}x` })],
    ['empty secret', ({ id }) => ({ id, secret: '' })],
  ],
  'profiles:exportFile': [
    ['wrong type', () => ({ ids: 'all' })],
    ['extra unknown field', () => ({ includeSecrets: true })],
    ['path traversal in an id', () => ({ ids: ['../settings'] })],
  ],
  'profiles:importFile': [
    ['wrong type (token)', () => ({ token: 42, onConflict: 'refuse' })],
    ['missing field (onConflict)', () => ({ token: randomUUID() })],
    ['unknown choice', () => ({ token: randomUUID(), onConflict: 'overwrite' })],
    ['a path instead of a token', () => ({ token: '/etc/passwd', onConflict: 'refuse' })],
  ],
  'exports:formats': [
    ['missing field (lang)', () => ({})],
    ['unknown language', () => ({ lang: 'de' })],
  ],
  'exports:preview': [
    ['unknown format', ({ id }) => ({ profileId: id, format: 'sendmail', lang: 'en' })],
    ['missing field (format)', ({ id }) => ({ profileId: id, lang: 'en' })],
    ['extra unknown field', ({ id }) => ({ profileId: id, format: 'env', lang: 'en', includeSecrets: true })],
  ],
  'exports:save': [
    ['missing field (includeSecrets)', ({ id }) => ({ profileId: id, format: 'env', lang: 'en' })],
    [
      'a path from the renderer',
      ({ id }) => ({ profileId: id, format: 'env', lang: 'en', includeSecrets: false, path: '/tmp/x' }),
    ],
    ['wrong type', ({ id }) => ({ profileId: id, format: 'env', lang: 'en', includeSecrets: 'yes' })],
  ],
  'servers:probe': [
    ['wrong type (port as text)', () => ({ host: 'smtp.example.com', port: '587' })],
    ['missing field (host)', () => ({ port: 587 })],
    ['port out of range', () => ({ host: 'smtp.example.com', port: 70000 })],
    ['extra unknown field', () => ({ host: 'smtp.example.com', user: 'x' })],
    ['CR/LF in host', () => ({ host: `smtp.example.com${CRLF}QUIT` })],
  ],
  'servers:autodetect': [
    ['wrong type', () => ({ input: 42 })],
    ['empty', () => ({ input: '  ' })],
    ['CR/LF', () => ({ input: `example.com${CRLF}` })],
  ],
  'dns:check': [
    ['missing field (relayHost)', () => ({ from: 'ops@example.com' })],
    ['a bad From', () => ({ from: 'not-an-address', relayHost: 'smtp.example.com' })],
    [
      'a bad selector',
      () => ({ from: 'ops@example.com', relayHost: 'smtp.example.com', dkimSelector: 'a b' }),
    ],
    ['CR/LF in from', () => ({ from: `ops@example.com${CRLF}`, relayHost: 'smtp.example.com' })],
  ],
  'runs:send': [
    ['wrong type (dryRun as text)', (ids) => sendInput(ids, { dryRun: 'yes' })],
    ['wrong type (runId not a UUID)', (ids) => sendInput(ids, { runId: 'run-1' })],
    ['missing field (to)', (ids) => sendInput(ids, { to: undefined })],
    ['extra unknown field', (ids) => sendInput(ids, { secret: 'x' })],
    ['CR/LF in a password typed for the run', (ids) => sendInput(ids, { password: `x${CRLF}y` })],
    [
      'a consent of an unknown kind',
      (ids) => sendInput(ids, { consents: [{ kind: 'anything', host: 'x' }] }),
    ],
    ['CR/LF in to', (ids) => sendInput(ids, { to: `ops@example.com${CRLF}RCPT TO:<x@example.com>` })],
    ['CR/LF in fields.username', (ids) => sendInput(ids, { fields: withFields({ username: `u${CRLF}` }) })],
    [
      'CR/LF in fields.from',
      (ids) => sendInput(ids, { fields: withFields({ from: `a@example.com${CRLF}` }) }),
    ],
  ],
  'files:choose': [
    ['wrong purpose', () => ({ purpose: 'anything' })],
    ['missing field (purpose)', () => ({})],
  ],
  'keystores:list': [['wrong type', () => 'all']],
  'keystores:inspect': [
    ['token not a UUID', () => ({ token: '/etc/passwd' })],
    ['extra unknown field', () => ({ token: randomUUID(), path: '/tmp/x.p12' })],
  ],
  'keystores:import': [
    ['token not a UUID', () => ({ token: '../keystores' })],
    ['passphrase of the wrong type', () => ({ token: randomUUID(), passphrase: 42 })],
    ['CR/LF in the alias', () => ({ token: randomUUID(), alias: `a${CRLF}b` })],
  ],
  'keystores:delete': [
    ['path traversal in id', () => ({ id: '../settings' })],
    ['missing field (id)', () => ({})],
  ],
  'trusted:list': [['extra unknown field', () => ({ all: true })]],
  'trusted:import': [['token not a UUID', () => ({ token: 'x' })]],
  'trusted:fetch': [
    ['security none', () => ({ host: 'smtp.example.com', port: 25, security: 'none' })],
    ['port out of range', () => ({ host: 'smtp.example.com', port: 0, security: 'tls' })],
    ['CR/LF in host', () => ({ host: `smtp.example.com${CRLF}`, port: 465, security: 'tls' })],
  ],
  'trusted:pin': [['token not a UUID', () => ({ token: 'abc' })]],
  'trusted:delete': [['path traversal in id', () => ({ id: '../../etc' })]],
  'log:list': [
    ['wrong type (offset as text)', () => listInput({ offset: '0' })],
    ['missing field (limit)', () => ({ offset: 0 })],
    ['extra unknown field', () => listInput({ orderBy: 'id' })],
    ['CR/LF in profileId', ({ id }) => listInput({ profileId: `${id}${CRLF}` })],
    ['unknown verdict', () => listInput({ verdict: 'maybe' })],
    ['limit out of range', () => listInput({ limit: 100_000 })],
  ],
  'log:get': [
    ['wrong type', () => ({ id: 42 })],
    ['missing field (id)', () => ({})],
    ['extra unknown field', ({ logId }) => ({ id: logId, full: true })],
    ['CR/LF in id', ({ logId }) => ({ id: `${logId}${CRLF}` })],
  ],
};

describe('invalid input is refused and changes nothing', () => {
  it('every channel of the contract has invalid cases here', () => {
    expect(Object.keys(INVALID).sort()).toEqual([...CHANNELS].sort());
  });

  for (const channel of CHANNELS) {
    it.each(INVALID[channel])(`${channel}: %s → INVALID_INPUT`, async (_label, makeInput) => {
      const { table, profile, logId } = await populatedTable();
      const watched = [table.settingsFile, ...table.logFiles];
      const before = snapshotFiles(watched);
      const secretsBefore = [...table.backend.entries];

      const error = expectError(
        await table.call(channel, makeInput({ id: profile.id, logId })),
        'INVALID_INPUT',
      );

      expect(error.message).not.toContain(CANARY_PASSWORD);
      // The form looks each field's message up in the catalogue: only known i18n keys.
      for (const key of Object.values(error.fields ?? {})) {
        expect(key).toMatch(/^validation\.\w+$/);
        expect(Object.keys(en.validation)).toContain(key.slice('validation.'.length));
      }
      expect(snapshotFiles(watched)).toEqual(before);
      expect([...table.backend.entries]).toEqual(secretsBefore);
      expect(table.events).toEqual([]);
      expect(table.internalErrors).toEqual([]);
    });
  }

  it('names the field and its rule, in words and as an i18n key for the form', async () => {
    const table = openTable();
    const result = await table.call('profiles:create', { fields: validFields({ port: 70000 }) });
    const error = expectError(result, 'INVALID_INPUT');
    expect(error.message).toBe('Port: Port must be between 1 and 65535.');
    expect(error.fields).toEqual({ port: 'validation.portRange' });

    const injected = await table.call('profiles:create', {
      fields: validFields({ from: `a@example.com${CRLF}Bcc: x@y.z` }),
    });
    expect(expectError(injected, 'INVALID_INPUT').fields).toEqual({ from: 'validation.noLineBreaks' });
  });

  it.each([['profiles:export'], ['__proto__'], ['constructor'], [''], [42], [undefined]])(
    'an unknown channel name %j → INVALID_INPUT',
    async (channel) => {
      const { table } = await populatedTable();
      const before = snapshotFiles([table.settingsFile, ...table.logFiles]);
      const error = expectError(await table.call(channel, {}), 'INVALID_INPUT');
      expect(error.message).toBe('There is no such command.');
      expect(snapshotFiles([table.settingsFile, ...table.logFiles])).toEqual(before);
    },
  );

  it('an unknown key inside the profile fields is refused and never reaches the settings file', async () => {
    const table = openTable();
    const result = await table.call('profiles:create', {
      fields: { ...validFields(), password: CANARY_PASSWORD },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expectNoSecret(JSON.stringify(result));
    expect(existsSync(table.settingsFile)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------
// Valid flows

describe('profiles', () => {
  it('create → list shows it with passwordSet, and the password is nowhere but the keychain', async () => {
    const table = openTable();
    const results: unknown[] = [];
    const created = await table.ok<Profile>('profiles:create', {
      fields: validFields(),
      password: CANARY_PASSWORD,
    });
    results.push(created);
    const list = await table.ok<ProfileListItem[]>('profiles:list');
    results.push(list, await table.ok('app:info'));

    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ ...validFields(), id: created.id, passwordSet: true, lastRun: null });
    expect(JSON.parse(table.backend.entries.get(`smtp-password:${created.id}`)!)).toMatchObject({
      secret: CANARY_PASSWORD,
    });
    for (const result of results) expectNoSecret(result);
    expectNoSecret(readFileSync(table.settingsFile, 'utf8'));
  });

  it('app:info reports version, data folder, a working keychain and no notices', async () => {
    const table = openTable();
    expect(await table.ok('app:info')).toEqual({
      version: '0.0.0-test',
      dataDir: table.dataDir,
      keychain: { available: true, message: null },
      notices: [],
      language: 'en',
      languageChoice: null,
      systemLanguage: 'en',
    });
  });

  it('app:setLanguage keeps the choice across a restart, and speaks it at the edge', async () => {
    const table = openTable();
    expect(await table.ok('app:setLanguage', { language: 'ja' })).toMatchObject({
      language: 'ja',
      languageChoice: 'ja',
    });
    const refused = await table.call('profiles:create', { fields: validFields({ port: 70000 }) });
    expect(!refused.ok && refused.error.message).toBe(
      'サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。',
    );
    const restarted = openTable(table.dataDir);
    expect(await restarted.ok('app:info')).toMatchObject({ language: 'ja', languageChoice: 'ja' });
    expect(await restarted.ok('app:setLanguage', { language: null })).toMatchObject({
      language: 'en',
      languageChoice: null,
    });
  });

  it('update changes the stored fields and keeps the password', async () => {
    const table = openTable();
    const created = await table.ok<Profile>('profiles:create', {
      fields: validFields(),
      password: CANARY_PASSWORD,
    });
    const fields = validFields({ port: 465, security: 'tls', replyTo: 'noreply@example.com' });
    const updated = await table.ok<Profile>('profiles:update', { id: created.id, fields });

    expect(updated).toMatchObject({
      ...fields,
      id: created.id,
      passwordSet: true,
      createdAt: created.createdAt,
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    const [listed] = await table.ok<ProfileListItem[]>('profiles:list');
    expect(listed).toMatchObject({ port: 465, security: 'tls', replyTo: 'noreply@example.com' });
    expect(JSON.parse(readFileSync(table.settingsFile, 'utf8')).profiles[0].fields.port).toBe(465);
    expect(JSON.parse(table.backend.entries.get(`smtp-password:${created.id}`)!)).toMatchObject({
      secret: CANARY_PASSWORD,
    });
    expectNoSecret(updated);
  });

  it('a duplicate name is refused (ignoring case and spaces) on create and on update', async () => {
    const table = openTable();
    await table.ok('profiles:create', { fields: validFields({ name: 'Production relay' }) });
    const other = await table.ok<Profile>('profiles:create', { fields: validFields({ name: 'Gmail test' }) });
    const before = snapshotFiles([table.settingsFile]);

    const onCreate = expectError(
      await table.call('profiles:create', {
        fields: validFields({ name: ' production RELAY ' }),
        password: 'x',
      }),
      'INVALID_INPUT',
    );
    expect(onCreate).toEqual({
      code: 'INVALID_INPUT',
      message: 'Another profile already has this name.',
      fields: { name: 'validation.nameTaken' },
    });
    const onUpdate = expectError(
      await table.call('profiles:update', {
        id: other.id,
        fields: validFields({ name: 'Production Relay' }),
      }),
      'INVALID_INPUT',
    );
    expect(onUpdate.fields).toEqual({ name: 'validation.nameTaken' });
    expect(snapshotFiles([table.settingsFile])).toEqual(before);
    // The refused create must not have left its password behind in the keychain.
    expect(table.backend.entries.size).toBe(0);
    // Keeping its own name is not a clash.
    await table.ok('profiles:update', {
      id: other.id,
      fields: validFields({ name: 'Gmail test', port: 25 }),
    });
  });

  it('setPassword stores the secret, sets passwordSet, and never returns it', async () => {
    const table = openTable();
    const created = await table.ok<Profile>('profiles:create', { fields: validFields() });
    expect(created.passwordSet).toBe(false);
    expect(table.backend.entries.size).toBe(0);

    const updated = await table.ok<Profile>('profiles:setPassword', {
      id: created.id,
      password: CANARY_PASSWORD,
    });
    expect(updated.passwordSet).toBe(true);
    expect(JSON.parse(table.backend.entries.get(`smtp-password:${created.id}`)!)).toMatchObject({
      secret: CANARY_PASSWORD,
    });
    expectNoSecret(updated);
    expectNoSecret(await table.ok('profiles:list'));
    expect((await table.ok<ProfileListItem[]>('profiles:list'))[0]?.passwordSet).toBe(true);
  });

  it('delete removes the profile and its secret', async () => {
    const table = openTable();
    const keep = await table.ok<Profile>('profiles:create', {
      fields: validFields({ name: 'Keep' }),
      password: 'keep-me',
    });
    const gone = await table.ok<Profile>('profiles:create', {
      fields: validFields({ name: 'Gone' }),
      password: CANARY_PASSWORD,
    });

    expect(await table.ok('profiles:delete', { id: gone.id })).toBeNull();

    expect((await table.ok<ProfileListItem[]>('profiles:list')).map((p) => p.name)).toEqual(['Keep']);
    expect([...table.backend.entries.keys()]).toEqual([`smtp-password:${keep.id}`]);
    expect(readFileSync(table.settingsFile, 'utf8')).not.toContain(gone.id);
  });

  it('a profile without a password cannot be tested unless it is anonymous', async () => {
    const table = openTable();
    const created = await table.ok<Profile>('profiles:create', { fields: validFields() });
    const before = snapshotFiles(table.logFiles);

    const result = await table.call('runs:send', {
      runId: randomUUID(),
      profileId: created.id,
      to: 'ops@example.com',
    });

    expect(expectError(result, 'INVALID_INPUT').message).toBe(NO_PASSWORD_YET);
    expect(snapshotFiles(table.logFiles)).toEqual(before);
    expect(table.events).toEqual([]);
  });
});

describe('unknown ids', () => {
  const unknownId = '00000000-0000-4000-8000-000000000000';
  const cases: Array<[Channel, unknown]> = [
    ['profiles:update', { id: unknownId, fields: validFields({ name: 'Other' }) }],
    ['profiles:setPassword', { id: unknownId, password: CANARY_PASSWORD }],
    ['profiles:delete', { id: unknownId }],
    ['runs:send', { runId: randomUUID(), profileId: unknownId, to: 'ops@example.com' }],
    ['log:get', { id: unknownId }],
  ];

  it.each(cases)('%s → NOT_FOUND, nothing changed', async (channel, input) => {
    const { table } = await populatedTable();
    const watched = [table.settingsFile, ...table.logFiles];
    const before = snapshotFiles(watched);
    const secretsBefore = [...table.backend.entries];

    expectError(await table.call(channel, input), 'NOT_FOUND');

    expect(snapshotFiles(watched)).toEqual(before);
    expect([...table.backend.entries]).toEqual(secretsBefore);
  });
});

describe('runs:send and the log over the table', () => {
  it('the diagnosis speaks the app’s language: Japanese once it is chosen', async () => {
    const table = openTable();
    const port = await freePort();
    const fields = validFields({ host: '127.0.0.1', port, security: 'none', anonymous: true, username: '' });
    const profile = await table.ok<Profile>('profiles:create', { fields });
    const send = () =>
      table.ok<RunRecord>('runs:send', { runId: randomUUID(), profileId: profile.id, to: 'ops@example.com' });

    expect((await send()).summary).toBe(`Nothing is listening on 127.0.0.1 port ${port}.`);
    await table.ok('app:setLanguage', { language: 'ja' });
    const record = await send();
    expect(record).toMatchObject({
      code: 'CONNECTION_REFUSED',
      summary: `127.0.0.1 のポート ${port} で待ち受けているサービスがありません。`,
    });
    expect(record.fix?.text).toMatch(/^サーバーポートを確認してください/);
  });

  it('a real send: progress events, a log entry, the last run on the profile, no password anywhere', async () => {
    const server = await startSmtpServer(CANARY_AUTH);
    const table = openTable();
    const fields = validFields({ host: '127.0.0.1', port: server.port, security: 'none' });
    const profile = await table.ok<Profile>('profiles:create', { fields, password: CANARY_PASSWORD });
    const runId = randomUUID();

    const record = await table.ok<RunRecord>('runs:send', {
      runId,
      profileId: profile.id,
      to: 'ops@example.com',
    });

    expect(record).toMatchObject({
      id: runId,
      verdict: 'accepted',
      code: 'OK',
      queueId: '4F2A1C3',
      profileId: profile.id,
    });
    expect(server.seen.auths).toEqual(['alerts@example.com']);
    expect(table.events.length).toBeGreaterThan(0);
    expect(
      table.events.every(
        (e) => e.event === 'run:progress' && (e.payload as { runId: string }).runId === runId,
      ),
    ).toBe(true);

    const page = await table.ok<LogPage>('log:list', { profileId: profile.id, offset: 0, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: runId,
      verdict: 'accepted',
      code: 'OK',
      to: 'ops@example.com',
    });
    expect(await table.ok('log:get', { id: runId })).toEqual(record);
    const [listed] = await table.ok<ProfileListItem[]>('profiles:list');
    expect(listed?.lastRun?.id).toBe(runId);
    expect(listed?.lastRecipient).toBe('ops@example.com');

    expectNoSecret(record);
    expectNoSecret(table.events);
    const logText = readFileSync(table.services.log.currentFile, 'utf8');
    expect(logText).toContain(runId);
    expectNoSecret(logText);
    expectNoSecret(readFileSync(table.settingsFile, 'utf8'));
  });

  it('the unsaved form (fields) is tested instead of the stored profile, and an anonymous one needs no password', async () => {
    const server = await startSmtpServer();
    const table = openTable();
    const profile = await table.ok<Profile>('profiles:create', { fields: validFields() });
    const form = validFields({ host: '127.0.0.1', port: server.port, security: 'none', anonymous: true });

    const record = await table.ok<RunRecord>('runs:send', {
      runId: randomUUID(),
      profileId: profile.id,
      to: 'ops@example.com',
      dryRun: true,
      fields: form,
    });

    expect(record).toMatchObject({
      verdict: 'accepted',
      code: 'OK',
      dryRun: true,
      host: '127.0.0.1',
      port: server.port,
    });
    expect(server.seen.auths).toEqual([]);
    expect(server.seen.dataCalls).toBe(0);
  });
});
