/**
 * The settings file on disk (settings-store.ts over the real conf store): a damaged file is
 * kept for the user and the app still starts; every save leaves a whole, valid file.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo, ProfileListItem } from '../../electron/ipc/contract';
import type { Profile } from '../../electron/services/settings/profile-schema';
import { openTable, useTempDir, validFields } from './helpers';

function writeSettings(dataDir: string, bytes: string): void {
  writeFileSync(`${dataDir}/settings.json`, bytes);
}

describe.each([
  ['not JSON', '{bad', 'it is not valid JSON'],
  ['JSON of another version', '{"version": 99}', 'it does not hold settings this version understands'],
  [
    'a profile that breaks the schema',
    JSON.stringify({ version: 1, profiles: [{ id: 'x', fields: { port: 'smtp' }, passwordSet: false }] }),
    'it does not hold settings this version understands',
  ],
])('a damaged settings file (%s)', (_label, bytes, reason) => {
  async function startDamaged() {
    const dataDir = useTempDir();
    writeSettings(dataDir, bytes);
    const table = openTable(dataDir);
    const info = await table.ok<AppInfo>('app:info');
    return { dataDir, table, info };
  }

  it('is moved aside with its bytes intact, and one notice names where', async () => {
    const { dataDir, info } = await startDamaged();

    expect(info.notices).toHaveLength(1);
    const notice = info.notices[0] ?? '';
    expect(notice).not.toMatch(/[\r\n]/);
    expect(notice).toContain(`(${reason})`);
    expect(notice).toMatch(/^Your settings file could not be read .*started with empty settings\./);
    const movedTo = /moved aside to (\/.+\.json), so Mail Preflight started with empty settings\.$/.exec(
      notice,
    )?.[1];
    expect(movedTo, notice).toBeDefined();
    expect(dirname(movedTo!)).toBe(dataDir);
    expect(basename(movedTo!)).toMatch(/^settings\.damaged-[\dTZ-]+\.json$/);
    expect(readFileSync(movedTo!, 'utf8')).toBe(bytes);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('settings.damaged-'))).toEqual([
      basename(movedTo!),
    ]);
  });

  it('the app starts with no profiles, and a later save writes valid JSON', async () => {
    const { table } = await startDamaged();
    expect(await table.ok<ProfileListItem[]>('profiles:list')).toEqual([]);

    const created = await table.ok<Profile>('profiles:create', { fields: validFields() });

    const saved = JSON.parse(readFileSync(table.settingsFile, 'utf8'));
    expect(saved.version).toBe(1);
    expect(saved.profiles).toHaveLength(1);
    expect(saved.profiles[0]).toMatchObject({ id: created.id, fields: validFields(), passwordSet: false });
  });

  it('after the move the next start is clean: no notice, the new profile is there', async () => {
    const { dataDir, table } = await startDamaged();
    await table.ok('profiles:create', { fields: validFields() });

    const restarted = openTable(dataDir);
    expect((await restarted.ok<AppInfo>('app:info')).notices).toEqual([]);
    expect((await restarted.ok<ProfileListItem[]>('profiles:list')).map((p) => p.name)).toEqual([
      validFields().name,
    ]);
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
