/**
 * The test-message log: every run, one JSON line each, appended to a file in the data
 * folder. Records arrive already redacted (the runner scrubs secrets before a report
 * exists). The log is bounded on disk: when the current file passes `maxBytes` it becomes
 * the previous file, replacing the one before, so the log never holds more than twice that.
 *
 * Reads are served from a cache that is rebuilt only when a file changed on disk (the CLI
 * may append while the app runs).
 */
import { appendFile, chmod, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogPage, LogSummary } from './types';
import { AppError } from '../errors';
import { sentence } from '../i18n/sentence';
import type { RunRecord, Verdict } from '../smtp/report';

export interface LogQuery {
  profileId?: string | undefined;
  verdict?: Verdict | undefined;
  offset: number;
  limit: number;
}

const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const PRIVATE_FILE_MODE = 0o600;

async function endsWithNewline(file: string, size: number): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return true;
  try {
    const { buffer } = await handle.read(Buffer.alloc(1), 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

export function summarize(record: RunRecord): LogSummary {
  return {
    id: record.id,
    startedAt: record.startedAt,
    profileId: record.profileId,
    profileName: record.profileName,
    to: record.to,
    verdict: record.verdict,
    code: record.code,
    summary: record.summary,
    totalMs: record.timings.total,
    dryRun: record.dryRun,
  };
}

export class TestLog {
  readonly dir: string;
  readonly currentFile: string;
  readonly previousFile: string;
  private readonly maxBytes: number;
  private cache: { key: string; newestFirst: RunRecord[]; skipped: number } | null = null;
  private modeChecked = false;

  constructor(dataDir: string, options: { maxBytes?: number } = {}) {
    this.dir = join(dataDir, 'logs');
    this.currentFile = join(this.dir, 'test-log.jsonl');
    this.previousFile = join(this.dir, 'test-log.1.jsonl');
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  async append(record: RunRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const line = JSON.stringify(record) + '\n';
    const size = (await stat(this.currentFile).catch(() => null))?.size ?? 0;
    if (size > 0 && size + Buffer.byteLength(line) > this.maxBytes) {
      await rename(this.currentFile, this.previousFile);
    }
    // After a crash mid-append the file ends in a torn line: start on a fresh line.
    const torn = size > 0 && !(await endsWithNewline(this.currentFile, size));
    await appendFile(this.currentFile, torn ? '\n' + line : line, { mode: PRIVATE_FILE_MODE });
    await this.makePrivate();
  }

  /** A log found readable by others (written before this rule, or copied in) becomes 0600, once per process. */
  private async makePrivate(): Promise<void> {
    if (this.modeChecked) return;
    this.modeChecked = true;
    for (const file of [this.currentFile, this.previousFile]) {
      const found = await stat(file).catch(() => null);
      if (found && (found.mode & 0o777) !== PRIVATE_FILE_MODE) await chmod(file, PRIVATE_FILE_MODE);
    }
  }

  async list(query: LogQuery): Promise<LogPage> {
    const { newestFirst, skipped } = await this.read();
    const matching = newestFirst.filter(
      (r) =>
        (query.profileId === undefined || r.profileId === query.profileId) &&
        (query.verdict === undefined || r.verdict === query.verdict),
    );
    return {
      total: matching.length,
      items: matching.slice(query.offset, query.offset + query.limit).map(summarize),
      skipped,
    };
  }

  async get(id: string): Promise<RunRecord> {
    const found = (await this.records()).find((r) => r.id === id);
    if (!found) throw new AppError('NOT_FOUND', sentence('errors.logEntryNotFound'));
    return found;
  }

  /** The newest run of each profile, for the sidebar's status dots. */
  async latestByProfile(): Promise<Map<string, LogSummary>> {
    const latest = new Map<string, LogSummary>();
    for (const record of await this.records()) {
      if (record.profileId && !latest.has(record.profileId)) latest.set(record.profileId, summarize(record));
    }
    return latest;
  }

  private async records(): Promise<RunRecord[]> {
    return (await this.read()).newestFirst;
  }

  private async read(): Promise<{ newestFirst: RunRecord[]; skipped: number }> {
    const stats = await Promise.all(
      [this.previousFile, this.currentFile].map((f) => stat(f).catch(() => null)),
    );
    const key = stats.map((s) => (s ? `${s.size}:${s.mtimeMs}` : '-')).join('|');
    if (this.cache?.key === key) return this.cache;
    const texts = await Promise.all(
      [this.previousFile, this.currentFile].map((f) => readFile(f, 'utf8').catch(() => '')),
    );
    // The line check (zod) loads with the first read: a run that only appends (the CLI's) does not load it.
    const { readRecord } = await import('./read-record');
    const oldestFirst: RunRecord[] = [];
    let skipped = 0;
    for (const line of texts.join('\n').split('\n')) {
      if (!line.trim()) continue;
      const record = readRecord(line);
      if (record) oldestFirst.push(record);
      else skipped += 1;
    }
    this.cache = { key, newestFirst: oldestFirst.reverse(), skipped };
    return this.cache;
  }
}
