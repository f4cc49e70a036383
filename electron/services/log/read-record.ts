/** One line of the test log read back, checked for the fields the log's list and detail show. */
import { z } from 'zod';
import type { RunRecord } from '../smtp/report';

/**
 * What a log line must hold to be listed and opened. A line of another shape (written by
 * hand, by another version, or torn by a crash) is skipped and counted, never fatal.
 */
const recordShape = z.looseObject({
  id: z.string(),
  startedAt: z.string(),
  profileId: z.string().nullable(),
  profileName: z.string(),
  to: z.string(),
  verdict: z.enum(['delivered', 'accepted', 'failed']),
  code: z.string(),
  summary: z.string(),
  timings: z.looseObject({ total: z.number() }),
  dryRun: z.boolean(),
  transcript: z.array(z.unknown()),
  phases: z.array(z.unknown()),
});

export function readRecord(line: string): RunRecord | null {
  try {
    const value: unknown = JSON.parse(line);
    return recordShape.safeParse(value).success ? (value as RunRecord) : null;
  } catch {
    return null;
  }
}
