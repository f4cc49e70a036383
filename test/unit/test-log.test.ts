/**
 * The test-message log (test-log.ts) on real files in a temp folder: what the History
 * screen lists, how it pages and filters, that it survives a restart, stays bounded on
 * disk, shrugs off a torn line, and answers fast over thousands of runs.
 */
import { appendFileSync, chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../electron/services/errors';
import { TestLog } from '../../electron/services/log/test-log';
import type { ProfileListItem } from '../../electron/ipc/contract';
import {
  expectOneSentence,
  failedRecord,
  openTable,
  sampleRecord,
  timed,
  useTempDir,
  validFields,
} from './helpers';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString();

/** A log with `count` runs, appended in time order; record i has id `run-<i>`. */
async function logWith(
  count: number,
  make = (i: number) => sampleRecord({ id: `run-${i}`, startedAt: at(i) }),
) {
  const log = new TestLog(useTempDir());
  for (let i = 0; i < count; i += 1) await log.append(make(i));
  return log;
}

const ids = (page: { items: Array<{ id: string }> }) => page.items.map((item) => item.id);

describe('listing', () => {
  it('lists the newest run first, with the summary the History table shows', async () => {
    const log = await logWith(3);
    const page = await log.list({ offset: 0, limit: 10 });
    expect(page.total).toBe(3);
    expect(ids(page)).toEqual(['run-2', 'run-1', 'run-0']);
    expect(page.items[0]).toEqual({
      id: 'run-2',
      startedAt: at(2),
      profileId: 'profile-a',
      profileName: 'Production relay',
      to: 'ops@example.com',
      verdict: 'accepted',
      code: 'OK',
      summary: 'Accepted by smtp.example.com in 120 ms (queued as 4F2A1C3).',
      totalMs: 120,
      dryRun: false,
    });
  });

  it('filters by profile and by verdict, and total counts the matches', async () => {
    const log = await logWith(12, (i) =>
      i % 3 === 0
        ? failedRecord('AUTH_FAILED', { id: `run-${i}`, profileId: 'profile-b' })
        : sampleRecord({ id: `run-${i}`, profileId: i % 2 ? 'profile-a' : 'profile-b' }),
    );

    const b = await log.list({ profileId: 'profile-b', offset: 0, limit: 100 });
    expect(ids(b)).toEqual(['run-10', 'run-9', 'run-8', 'run-6', 'run-4', 'run-3', 'run-2', 'run-0']);
    const failed = await log.list({ verdict: 'failed', offset: 0, limit: 100 });
    expect(ids(failed)).toEqual(['run-9', 'run-6', 'run-3', 'run-0']);
    expect(failed.items.every((item) => item.code === 'AUTH_FAILED')).toBe(true);
    const bAccepted = await log.list({ profileId: 'profile-b', verdict: 'accepted', offset: 0, limit: 100 });
    expect(ids(bAccepted)).toEqual(['run-10', 'run-8', 'run-4', 'run-2']);
    expect((await log.list({ profileId: 'nobody', offset: 0, limit: 10 })).total).toBe(0);
  });

  it('pages with offset and limit; a page past the end is empty', async () => {
    const log = await logWith(25);
    const first = await log.list({ offset: 0, limit: 10 });
    const third = await log.list({ offset: 20, limit: 10 });
    const past = await log.list({ offset: 30, limit: 10 });
    expect(first).toMatchObject({ total: 25 });
    expect(ids(first)).toEqual(Array.from({ length: 10 }, (_, i) => `run-${24 - i}`));
    expect(ids(third)).toEqual(['run-4', 'run-3', 'run-2', 'run-1', 'run-0']);
    expect(past).toEqual({ total: 25, items: [], skipped: 0 });
  });

  it('get returns the whole record by id', async () => {
    const log = await logWith(3);
    const record = await log.get('run-1');
    expect(record).toEqual(sampleRecord({ id: 'run-1', startedAt: at(1) }));
  });

  it('get of an unknown id is NOT_FOUND with a sentence for the user', async () => {
    const log = await logWith(1);
    const error = await log.get('run-404').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expectOneSentence((error as AppError).message);
  });

  it('an empty log (no folder yet) lists nothing', async () => {
    const log = new TestLog(useTempDir());
    expect(await log.list({ offset: 0, limit: 10 })).toEqual({ total: 0, items: [], skipped: 0 });
    expect(existsSync(log.dir)).toBe(false);
  });

  it('latestByProfile gives each profile its newest run', async () => {
    const log = await logWith(5, (i) =>
      sampleRecord({ id: `run-${i}`, profileId: i < 3 ? 'profile-a' : 'profile-b' }),
    );
    const latest = await log.latestByProfile();
    expect(Object.fromEntries([...latest].map(([profile, summary]) => [profile, summary.id]))).toEqual({
      'profile-a': 'run-2',
      'profile-b': 'run-4',
    });
  });
});

describe('on disk', () => {
  it('survives a restart: a new TestLog over the same folder sees every run', async () => {
    const log = await logWith(4);
    const restarted = new TestLog(log.dir.replace(/\/logs$/, ''));
    expect(ids(await restarted.list({ offset: 0, limit: 10 }))).toEqual(['run-3', 'run-2', 'run-1', 'run-0']);
    expect(await restarted.get('run-0')).toEqual(await log.get('run-0'));
  });

  it('sees runs another process appended after it was read (the CLI while the app runs)', async () => {
    const dataDir = useTempDir();
    const app = new TestLog(dataDir);
    const cli = new TestLog(dataDir);
    await app.append(sampleRecord({ id: 'from-app' }));
    expect((await app.list({ offset: 0, limit: 10 })).total).toBe(1);
    await cli.append(sampleRecord({ id: 'from-cli' }));
    expect(ids(await app.list({ offset: 0, limit: 10 }))).toEqual(['from-cli', 'from-app']);
  });

  it('is private to the user (folder 0700, file 0600)', async () => {
    const log = await logWith(1);
    expect(statSync(log.dir).mode & 0o777).toBe(0o700);
    expect(statSync(log.currentFile).mode & 0o777).toBe(0o600);
  });

  it('stays bounded: 500 appends with maxBytes 20 kB keep the newest runs and drop the oldest', async () => {
    const maxBytes = 20_000;
    const log = new TestLog(useTempDir(), { maxBytes });
    const recordBytes = Buffer.byteLength(JSON.stringify(sampleRecord({ id: 'run-000' })) + '\n');
    let largest = 0;
    for (let i = 0; i < 500; i += 1) {
      await log.append(sampleRecord({ id: `run-${String(i).padStart(3, '0')}` }));
      const onDisk = [log.currentFile, log.previousFile].reduce(
        (sum, f) => sum + (existsSync(f) ? statSync(f).size : 0),
        0,
      );
      largest = Math.max(largest, onDisk);
    }
    console.log(
      `log bound: record ${recordBytes} B, largest on disk ${largest} B, limit ${2 * maxBytes + recordBytes} B`,
    );

    expect(largest).toBeLessThan(2 * maxBytes + recordBytes);
    const page = await log.list({ offset: 0, limit: 1000 });
    expect(page.items[0]?.id).toBe('run-499');
    expect(page.total).toBeLessThan(500);
    expect(page.total).toBeGreaterThanOrEqual(Math.floor(maxBytes / recordBytes));
    // What is kept is a contiguous run of the newest: nothing in the middle went missing.
    expect(ids(page)).toEqual(
      Array.from({ length: page.total }, (_, i) => `run-${String(499 - i).padStart(3, '0')}`),
    );
    await expect(log.get('run-000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a torn last line (a crash mid-append) is skipped, and the runs before it stay readable', async () => {
    const log = await logWith(3);
    const whole = JSON.stringify(sampleRecord({ id: 'run-torn' }));
    appendFileSync(log.currentFile, whole.slice(0, whole.length / 2));

    const restarted = new TestLog(log.dir.replace(/\/logs$/, ''));
    expect(ids(await restarted.list({ offset: 0, limit: 10 }))).toEqual(['run-2', 'run-1', 'run-0']);
    await expect(restarted.get('run-torn')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lines of the wrong shape are skipped and counted; the list, the details and the profile list still work', async () => {
    const dataDir = useTempDir();
    const log = new TestLog(dataDir);
    await log.append(sampleRecord({ id: 'run-a', profileId: 'p1' }));
    appendFileSync(
      log.currentFile,
      [
        '42',
        '{"id":"x"}',
        JSON.stringify({ ...sampleRecord({ id: 'bad-verdict' }), verdict: 'maybe' }),
        '[]',
        'null',
      ]
        .map((line) => `${line}\n`)
        .join(''),
    );
    await log.append(sampleRecord({ id: 'run-b', profileId: 'p1' }));

    const restarted = new TestLog(dataDir);
    const page = await restarted.list({ offset: 0, limit: 10 });
    expect({ ids: ids(page), total: page.total, skipped: page.skipped }).toEqual({
      ids: ['run-b', 'run-a'],
      total: 2,
      skipped: 5,
    });
    expect((await restarted.get('run-a')).id).toBe('run-a');
    expect((await restarted.latestByProfile()).get('p1')?.id).toBe('run-b');

    const table = openTable(dataDir);
    await table.ok('profiles:create', { fields: validFields() });
    expect(await table.ok<ProfileListItem[]>('profiles:list')).toHaveLength(1);
    expect((await table.ok<{ skipped: number }>('log:list', { offset: 0, limit: 10 })).skipped).toBe(5);
  });

  it('a log file found readable by others is made 0600 at the next append', async () => {
    const log = await logWith(1);
    chmodSync(log.currentFile, 0o644);
    const restarted = new TestLog(log.dir.replace(/\/logs$/, ''));
    await restarted.append(sampleRecord({ id: 'run-later' }));
    expect(statSync(log.currentFile).mode & 0o777).toBe(0o600);
  });

  it('the first run appended after a torn line is kept', async () => {
    const log = await logWith(1);
    appendFileSync(log.currentFile, '{"id":"run-torn","ok":tr');
    await log.append(sampleRecord({ id: 'after-crash' }));
    expect(ids(await log.list({ offset: 0, limit: 10 }))).toEqual(['after-crash', 'run-0']);
    expect(readFileSync(log.currentFile, 'utf8')).toContain('"after-crash"');
  });
});

describe('speed', () => {
  it('a page of 5,000 runs comes back well under 200 ms', async () => {
    const log = new TestLog(useTempDir(), { maxBytes: 64 * 1024 * 1024 });
    const appended = await timed(async () => {
      for (let i = 0; i < 5_000; i += 1) {
        await log.append(
          i % 7 === 0
            ? failedRecord('RELAY_DENIED', { id: `run-${i}`, profileId: `profile-${i % 5}` })
            : sampleRecord({ id: `run-${i}`, profileId: `profile-${i % 5}` }),
        );
      }
    });
    const cold = await timed(() => log.list({ offset: 0, limit: 50 }));
    const warm = await timed(() => log.list({ offset: 2_500, limit: 50 }));
    const filtered = await timed(() =>
      log.list({ profileId: 'profile-3', verdict: 'failed', offset: 0, limit: 50 }),
    );
    const coldRestart = await timed(() =>
      new TestLog(log.dir.replace(/\/logs$/, '')).list({ offset: 0, limit: 50 }),
    );
    const sizeMb = statSync(log.currentFile).size / 1024 / 1024;
    console.log(
      `log speed: 5,000 appends ${appended.ms.toFixed(0)} ms (${sizeMb.toFixed(1)} MB); page: cold ${cold.ms.toFixed(1)} ms, ` +
        `warm ${warm.ms.toFixed(1)} ms, filtered ${filtered.ms.toFixed(1)} ms, new instance ${coldRestart.ms.toFixed(1)} ms`,
    );

    expect(cold.value.total).toBe(5_000);
    expect(cold.value.items[0]?.id).toBe('run-4999');
    expect(ids(warm.value)[0]).toBe('run-2499');
    expect(
      filtered.value.items.every((item) => item.verdict === 'failed' && item.profileId === 'profile-3'),
    ).toBe(true);
    expect(filtered.value.total).toBe(
      Array.from({ length: 5_000 }, (_, i) => i).filter((i) => i % 7 === 0 && i % 5 === 3).length,
    );
    for (const figure of [cold, warm, filtered, coldRestart]) expect(figure.ms).toBeLessThan(1_000);
  });
});
