/**
 * The test-message log: every run, one JSON line each, appended to a file in the data
 * folder. Records arrive already redacted (the runner scrubs secrets before a report
 * exists). The log is bounded on disk: when the current file passes `maxBytes` it becomes
 * the previous file, replacing the one before, so the log never holds more than twice that.
 *
 * Reads are served from a cache that is rebuilt only when a file changed on disk (the CLI
 * may append while the app runs).
 */
import { appendFile, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
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
  private cache: { key: string; newestFirst: RunRecord[] } | null = null;

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
    await appendFile(this.currentFile, torn ? '\n' + line : line, { mode: 0o600 });
  }

  async list(query: LogQuery): Promise<LogPage> {
    const matching = (await this.records()).filter(
      (r) =>
        (query.profileId === undefined || r.profileId === query.profileId) &&
        (query.verdict === undefined || r.verdict === query.verdict),
    );
    return {
      total: matching.length,
      items: matching.slice(query.offset, query.offset + query.limit).map(summarize),
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
    const stats = await Promise.all(
      [this.previousFile, this.currentFile].map((f) => stat(f).catch(() => null)),
    );
    const key = stats.map((s) => (s ? `${s.size}:${s.mtimeMs}` : '-')).join('|');
    if (this.cache?.key === key) return this.cache.newestFirst;
    const texts = await Promise.all(
      [this.previousFile, this.currentFile].map((f) => readFile(f, 'utf8').catch(() => '')),
    );
    const oldestFirst: RunRecord[] = [];
    for (const line of texts.join('\n').split('\n')) {
      if (!line) continue;
      try {
        oldestFirst.push(JSON.parse(line) as RunRecord);
      } catch {
        // A torn last line (a crash mid-append) is skipped, not fatal.
      }
    }
    this.cache = { key, newestFirst: oldestFirst.reverse() };
    return this.cache.newestFirst;
  }
}
