/**
 * One run, diagnosis first: the phases (live while running), the outcome where it happened
 * (the failure callout under the failed phase, or the success line), then the evidence.
 * The send dialog and the test log's side panel both show runs with this component.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Phase, RunRecord } from '../../../electron/services/smtp/report';
import { FailureCallout } from './FailureCallout';
import { PhaseTimeline } from './PhaseTimeline';
import { visiblePhases, type LivePhase } from './phases';
import { RunEvidence } from './RunEvidence';
import { RunOutcome } from './RunOutcome';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function RunResult({
  record,
  live = [],
  running = false,
  onApplyFix,
}: {
  record: RunRecord | null;
  live?: LivePhase[];
  running?: boolean;
  onApplyFix?: (settings: Record<string, unknown>) => void;
}) {
  const styles = useStyles();
  const phases = visiblePhases(record, live);
  const failed = record && !record.ok ? record : null;
  const failedAt: Phase | null = failed
    ? (phases.find((p) => p.state === 'failed')?.phase ??
      (failed.phase && phases.some((p) => p.phase === failed.phase) ? failed.phase : null))
    : null;

  return (
    <div className={styles.root}>
      <PhaseTimeline
        phases={phases}
        running={running}
        after={(phase) =>
          failed && phase === failedAt ? <FailureCallout record={failed} onApplyFix={onApplyFix} /> : null
        }
      />
      {failed && failedAt === null && <FailureCallout record={failed} onApplyFix={onApplyFix} />}
      {record?.ok && <RunOutcome record={record} />}
      {record && <RunEvidence record={record} />}
    </div>
  );
}
