/**
 * Times the phases of a run and reports each as it starts and ends. Phases follow one
 * another: starting one ends the one before as passed; a failure ends the current one.
 */
import type { Phase, PhaseRecord, PhaseState } from './report';

export type ProgressListener = (phase: Phase, state: PhaseState, ms: number | null) => void;

export class PhaseClock {
  readonly records: PhaseRecord[] = [];
  private current: { phase: Phase; startedAt: number } | null = null;
  private readonly listener: ProgressListener;

  constructor(listener: ProgressListener) {
    this.listener = listener;
  }

  get phase(): Phase | null {
    return this.current?.phase ?? null;
  }

  begin(phase: Phase): void {
    if (this.current?.phase === phase) return;
    this.end('ok');
    this.current = { phase, startedAt: performance.now() };
    this.listener(phase, 'running', null);
  }

  skip(phase: Phase): void {
    this.end('ok');
    this.records.push({ phase, state: 'skipped', ms: 0 });
    this.listener(phase, 'skipped', null);
  }

  /** Ends the current phase; `failed` marks where the run stopped. */
  end(state: 'ok' | 'failed'): void {
    if (!this.current) return;
    const ms = Math.round(performance.now() - this.current.startedAt);
    const existing = this.records.find((r) => r.phase === this.current?.phase);
    if (existing) {
      // EHLO runs twice around STARTTLS; both count as the ehlo phase.
      existing.ms += ms;
      existing.state = state;
    } else {
      this.records.push({ phase: this.current.phase, state, ms });
    }
    this.listener(this.current.phase, state, existing?.ms ?? ms);
    this.current = null;
  }

  timings(): Partial<Record<Phase, number>> {
    const timings: Partial<Record<Phase, number>> = {};
    for (const record of this.records) if (record.state !== 'skipped') timings[record.phase] = record.ms;
    return timings;
  }
}
