/**
 * The settings file on disk (settings-store.ts over the real conf store): a damaged file is
 * kept for the user and the app still starts; every save leaves a whole, valid file.
 */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo, ProfileListItem } from '../../electron/ipc/contract';
import { createTranslator, joinSentences, say } from '../../electron/services/i18n';
import type { Profile } from '../../electron/services/settings/profile';
import { openTable, useTempDir, validFields } from './helpers';

function writeSettings(dataDir: string, bytes: string): void {
  writeFileSync(`${dataDir}/settings.json`, bytes);
}

describe.each([
  ['not JSON', '{bad', 'it is not valid JSON'],
  [
    'JSON without a profile list',
    '{"version": 1, "profiles": {"x": 1}}',
    'it does not hold settings this version understands',
  ],
])('an unreadable settings file (%s)', (_label, bytes, reason) => {
  async function startUnreadable() {
    const dataDir = useTempDir();
    writeSettings(dataDir, bytes);
    const table = openTable(dataDir);
    const info = await table.ok<AppInfo>('app:info');
    return { dataDir, table, info };
  }

  it('is kept beside itself with its bytes intact, and one notice names where', async () => {
    const { dataDir, info } = await startUnreadable();

    expect(info.notices).toHaveLength(1);
    const notice = info.notices[0] ?? '';
    expect(notice).not.toMatch(/[\r\n]/);
    expect(notice).toContain(`(${reason})`);
    const keptAs =
      /^Your settings file could not be read \(.+\), so Mail Preflight started with empty settings\. It was kept as (\/.+)\.$/.exec(
        notice,
      )?.[1];
    expect(keptAs, notice).toBeDefined();
    expect(dirname(keptAs!)).toBe(dataDir);
    expect(basename(keptAs!)).toMatch(/^settings\.json\.unreadable-[\dTZ-]+$/);
    expect(readFileSync(keptAs!, 'utf8')).toBe(bytes);
    expect(readdirSync(dataDir).filter((f) => f.includes('unreadable'))).toEqual([basename(keptAs!)]);
  });

  it('the app starts with no profiles, and a later save writes valid JSON', async () => {
    const { table } = await startUnreadable();
    expect(await table.ok<ProfileListItem[]>('profiles:list')).toEqual([]);

    const created = await table.ok<Profile>('profiles:create', { fields: validFields() });

    const saved = JSON.parse(readFileSync(table.settingsFile, 'utf8'));
    expect(saved.version).toBe(1);
    expect(saved.profiles).toHaveLength(1);
    expect(saved.profiles[0]).toMatchObject({ id: created.id, fields: validFields(), passwordSet: false });
  });

  it('after the move the next start is clean: no notice, the new profile is there', async () => {
    const { dataDir, table } = await startUnreadable();
    await table.ok('profiles:create', { fields: validFields() });

    const restarted = openTable(dataDir);
    expect((await restarted.ok<AppInfo>('app:info')).notices).toEqual([]);
    expect((await restarted.ok<ProfileListItem[]>('profiles:list')).map((p) => p.name)).toEqual([
      validFields().name,
    ]);
  });
});

/** A settings file as a newer version might write it: unknown keys at every level. */
function newerFile(profiles: unknown[]) {
  return JSON.stringify({ version: 1, theme: { accent: 'teal' }, profiles });
}
/** The broken profile's reason as the Japanese window says it. */
const JAPANESE_PORT_REASON = 'サーバーポート：サーバーポートは 1〜65535 の範囲で指定してください。';

const storedAs = (id: string, fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  fields,
  passwordSet: false,
  imapPasswordSet: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('a file written by a newer version', () => {
  it('loses no unknown key when this version saves: top level, per profile, per profile field', async () => {
    const dataDir = useTempDir();
    writeSettings(
      dataDir,
      newerFile([
        storedAs('a', { ...validFields({ name: 'Kept' }), signature: 'Regards' }, { color: 'red' }),
        storedAs('b', validFields({ name: 'Edited' })),
      ]),
    );
    const table = openTable(dataDir);
    expect((await table.ok<AppInfo>('app:info')).notices).toEqual([]);
    expect((await table.ok<ProfileListItem[]>('profiles:list')).map((p) => p.name)).toEqual([
      'Kept',
      'Edited',
    ]);

    await table.ok('profiles:update', { id: 'b', fields: validFields({ name: 'Edited', port: 2525 }) });
    await table.ok('profiles:update', {
      id: 'a',
      fields: validFields({ name: 'Kept', port: 465, security: 'tls' }),
    });
    await table.ok('profiles:create', { fields: validFields({ name: 'New' }) });

    const saved = JSON.parse(readFileSync(table.settingsFile, 'utf8'));
    expect(saved.theme).toEqual({ accent: 'teal' });
    expect(saved.profiles[0]).toMatchObject({
      id: 'a',
      color: 'red',
      fields: { signature: 'Regards', port: 465 },
    });
    expect(saved.profiles[1]).toMatchObject({ id: 'b', fields: { port: 2525 } });
    expect(saved.profiles.map((p: { fields: { name: string } }) => p.fields.name)).toEqual([
      'Kept',
      'Edited',
      'New',
    ]);
  });
});

describe('a profile that fails validation', () => {
  function startWithBroken() {
    const dataDir = useTempDir();
    const broken = storedAs('bad', { ...validFields({ name: 'Old relay' }), port: 'smtp' });
    writeSettings(dataDir, newerFile([storedAs('good', validFields({ name: 'Good' })), broken]));
    return { dataDir, broken, table: openTable(dataDir) };
  }

  it('is listed as broken with its reason while the others load; nothing is moved aside', async () => {
    const { dataDir, table } = startWithBroken();
    expect((await table.ok<AppInfo>('app:info')).notices).toEqual([]);
    const list = await table.ok<ProfileListItem[]>('profiles:list');
    const reason = (p: ProfileListItem, language: 'en' | 'ja') =>
      p.broken && joinSentences(p.broken.map((s) => say(s, createTranslator(language))));
    expect(list.map((p) => [p.id, p.name, reason(p, 'en')])).toEqual([
      ['good', 'Good', undefined],
      ['bad', 'Old relay', 'Port: Port must be between 1 and 65535.'],
    ]);
    expect(reason(list[1]!, 'ja')).toBe(JAPANESE_PORT_REASON);
    expect(list[1]).toMatchObject({ host: validFields().host, port: 587 }); // the defaults where invalid
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
  });

  it('stays in the file, byte for byte, when another profile is saved', async () => {
    const { table, broken } = startWithBroken();
    await table.ok('profiles:update', { id: 'good', fields: validFields({ name: 'Good', port: 2525 }) });
    const saved = JSON.parse(readFileSync(table.settingsFile, 'utf8'));
    expect(saved.profiles[1]).toEqual(broken);
  });

  it('is repaired by saving it, and can be deleted', async () => {
    const { table, dataDir } = startWithBroken();
    const repaired = await table.ok<Profile>('profiles:update', {
      id: 'bad',
      fields: validFields({ name: 'Old relay', port: 25 }),
    });
    expect(repaired).toMatchObject({ id: 'bad', port: 25 });
    const list = await openTable(dataDir).ok<ProfileListItem[]>('profiles:list');
    expect(list.map((p) => [p.name, p.broken])).toEqual([
      ['Good', undefined],
      ['Old relay', undefined],
    ]);

    const other = startWithBroken();
    await other.table.ok('profiles:delete', { id: 'bad' });
    expect((await other.table.ok<ProfileListItem[]>('profiles:list')).map((p) => p.id)).toEqual(['good']);
    expect(JSON.parse(readFileSync(other.table.settingsFile, 'utf8')).profiles).toHaveLength(1);
  });

  it('cannot be sent from until it is repaired: the reason, not “no longer exists”', async () => {
    const { table } = startWithBroken();
    const result = await table.call('profiles:setPassword', { id: 'bad', password: 'x' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        message: 'This profile cannot be used until it is repaired: Port: Port must be between 1 and 65535.',
      },
    });
  });
});

describe('file modes', () => {
  it('the settings file is created 0600, and one found 0644 is made 0600', async () => {
    const table = openTable();
    await table.ok('profiles:create', { fields: validFields() });
    expect(statSync(table.settingsFile).mode & 0o777).toBe(0o600);

    const dataDir = useTempDir();
    writeSettings(dataDir, newerFile([]));
    chmodSync(`${dataDir}/settings.json`, 0o644);
    await openTable(dataDir).ok('profiles:list');
    expect(statSync(`${dataDir}/settings.json`).mode & 0o777).toBe(0o600);
  });
});

describe('saving', () => {
  it('a missing or empty file starts empty without a notice', async () => {
    const dataDir = useTempDir();
    const fresh = openTable(dataDir);
    expect((await fresh.ok<AppInfo>('app:info')).notices).toEqual([]);
    writeSettings(dataDir, '{}');
    expect((await openTable(dataDir).ok<AppInfo>('app:info')).notices).toEqual([]);
    expect(readdirSync(dataDir).some((f) => f.includes('damaged'))).toBe(false);
  });

  it('50 rapid saves: after each the file parses and holds that save; no temp file is left', async () => {
    const table = openTable();
    const created = await table.ok<Profile>('profiles:create', { fields: validFields() });

    for (let i = 1; i <= 50; i += 1) {
      const fields = validFields({ port: 1000 + i, name: `Relay ${i}` });
      await table.ok('profiles:update', { id: created.id, fields });
      const onDisk = JSON.parse(readFileSync(table.settingsFile, 'utf8'));
      expect(onDisk.profiles).toHaveLength(1);
      expect(onDisk.profiles[0].fields).toEqual(fields);
    }

    expect(readdirSync(table.dataDir).sort()).toEqual(['settings.json']);
    const restarted = openTable(table.dataDir);
    expect((await restarted.ok<ProfileListItem[]>('profiles:list'))[0]).toMatchObject({
      name: 'Relay 50',
      port: 1050,
    });
  });

  it('50 saves fired without waiting all land, and the file is whole afterwards', async () => {
    const table = openTable();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        table.call('profiles:create', { fields: validFields({ name: `Relay ${i}`, port: 2000 + i }) }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const onDisk = JSON.parse(readFileSync(table.settingsFile, 'utf8'));
    expect(onDisk.profiles.map((p: { fields: { port: number } }) => p.fields.port).sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => 2000 + i),
    );
    expect(readdirSync(table.dataDir).sort()).toEqual(['settings.json']);
  });
});
