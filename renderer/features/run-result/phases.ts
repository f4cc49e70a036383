/** The phase list of a run, live (from progress events) or final (from the record). */
import {
  PHASES,
  type Phase,
  type PhaseState,
  type RunProgress,
  type RunRecord,
} from '../../../electron/services/smtp/report';

export interface LivePhase {
  phase: Phase;
  state: PhaseState;
  ms: number | null;
}

const order = (phase: Phase) => PHASES.indexOf(phase);

/** Folds one progress event into the list, keeping the protocol's order. */
export function mergeProgress(phases: LivePhase[], progress: RunProgress): LivePhase[] {
  const next = phases.filter((p) => p.phase !== progress.phase);
  next.push({ phase: progress.phase, state: progress.state, ms: progress.ms });
  return next.sort((a, b) => order(a.phase) - order(b.phase));
}

/** The phases worth showing: skipped ones (TLS on a STARTTLS port, DNS for an IP) are left out. */
export function visiblePhases(record: RunRecord | null, live: LivePhase[]): LivePhase[] {
  const source: LivePhase[] = record
    ? record.phases.map((p) => ({ phase: p.phase, state: p.state, ms: p.ms }))
    : live;
  return source.filter((p) => p.state !== 'skipped').sort((a, b) => order(a.phase) - order(b.phase));
}
