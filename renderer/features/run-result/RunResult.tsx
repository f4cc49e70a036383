/**
 * One run, diagnosis first: what is worth knowing beside the verdict (warnings), the phases
 * (live while running), the outcome where it happened (the failure callout under the failed
 * phase, or the success line), then the evidence.
 * The send dialog and the test log's side panel both show runs with this component.
 */
import type { ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Phase, RunRecord } from '../../../electron/services/smtp/report';
import { FetchAndTrustButton, fetchTargetOf } from '../trusted-certificates/FetchAndTrust';
import type { FetchTarget } from '../trusted-certificates/types';
import { FailureCallout } from './FailureCallout';
import { PhaseTimeline } from './PhaseTimeline';
import { visiblePhases, type LivePhase } from './phases';
import { RunEvidence } from './RunEvidence';
import { RunOutcome } from './RunOutcome';
import { sayWords } from '../../i18n';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function RunResult({
  record,
  live = [],
  running = false,
  onApplyFix,
  failureActions,
  onFetchAndTrust,
  mailbox,
}: {
  record: RunRecord | null;
  /** The mailbox the delivery check watches (while the run goes on). */
  mailbox?: string;
  live?: LivePhase[];
  running?: boolean;
  onApplyFix?: (settings: Record<string, unknown>) => void;
  /** More buttons for the failure callout of this record ("Open the Gmail guide"). */
  failureActions?: (record: RunRecord) => ReactNode;
  /**
   * "Fetch and trust…" of an untrusted certificate, when the caller opens the fetch dialog
   * itself (the send dialog closes first); without it the button opens the dialog.
   */
  onFetchAndTrust?: (target: FetchTarget) => void;
}) {
  const styles = useStyles();
  const { t } = useTranslation();
  const phases = visiblePhases(record, live);
  const failed = record && !record.ok ? record : null;
  const failedAt: Phase | null = failed
    ? (phases.find((p) => p.state === 'failed')?.phase ??
      (failed.phase && phases.some((p) => p.phase === failed.phase) ? failed.phase : null))
    : null;

  const trustTarget = failed ? fetchTargetOf(failed) : null;
  const trustAction = trustTarget && (
    <FetchAndTrustButton target={trustTarget} onFetchAndTrust={onFetchAndTrust} />
  );
  // Delivered, but to Junk: it worked and needs attention, a warning rather than an error.
  const warningAt: Phase | null = failed?.code === 'DELIVERED_TO_SPAM' ? 'delivery' : null;
  const callout = failed ? (
    <FailureCallout
      record={failed}
      intent={warningAt ? 'warning' : 'error'}
      onApplyFix={onApplyFix}
      actions={
        trustAction ? (
          <>
            {failureActions?.(failed)}
            {trustAction}
          </>
        ) : (
          failureActions?.(failed)
        )
      }
    />
  ) : null;

  const warnings = record?.warnings ?? [];
  const shownWarnings = sayWords(warnings, record?.warningSentences);
  return (
    <div className={styles.root}>
      {warnings.map((warning, index) => (
        <MessageBar key={warning} intent="warning" layout="multiline" data-testid="run-warning">
          <MessageBarBody>{shownWarnings[index]}</MessageBarBody>
          {record?.advice?.text === warning && onApplyFix && (
            <MessageBarActions>
              <Button size="small" onClick={() => onApplyFix(record.advice!.settings)}>
                {t('run.moveToOAuth2')}
              </Button>
            </MessageBarActions>
          )}
        </MessageBar>
      ))}
      <PhaseTimeline
        phases={phases}
        running={running}
        mailbox={mailbox}
        warningAt={warningAt}
        after={(phase) => (failed && phase === failedAt ? callout : null)}
      />
      {failed && failedAt === null && callout}
      {record?.ok && <RunOutcome record={record} />}
      {record && <RunEvidence record={record} />}
    </div>
  );
}
