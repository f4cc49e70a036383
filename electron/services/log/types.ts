/** The test log's list types: types only, shared with the renderer through the contract. */
import type { Verdict } from '../smtp/report';

/** One line of the test log's list: enough for the table; the rest comes from log:get. */
export interface LogSummary {
  id: string;
  startedAt: string;
  profileId: string | null;
  profileName: string;
  to: string;
  verdict: Verdict;
  code: string;
  summary: string;
  totalMs: number;
  dryRun: boolean;
}

export interface LogPage {
  total: number;
  items: LogSummary[];
  /** Lines of the log files that are not a run of the expected shape: skipped, counted here. */
  skipped: number;
}
