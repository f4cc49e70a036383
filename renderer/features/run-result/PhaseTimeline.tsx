/**
 * The vertical list of phases: a spinner while one runs, then a check or a cross and its
 * milliseconds. Whatever `after(phase)` returns is shown right under that phase (the
 * failure callout sits at the phase that failed). While Delivery runs, it says whose
 * mailbox is watched; a phase that ended in a warning (delivered to Junk) shows one.
 */
import type { ReactNode } from 'react';
import { Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, DismissCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../electron/services/smtp/report';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';
import type { LivePhase } from './phases';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  row: {
    display: 'grid',
    gridTemplateColumns: '20px minmax(0, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    minHeight: '28px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  failedRow: { backgroundColor: tokens.colorPaletteRedBackground1 },
  warningRow: { backgroundColor: tokens.colorStatusWarningBackground1 },
  warning: { color: tokens.colorStatusWarningForeground3 },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  ms: { color: tokens.colorNeutralForeground3, fontVariantNumeric: 'tabular-nums' },
  after: { padding: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS} 28px` },
  waiting: { color: tokens.colorNeutralForeground3 },
  note: { color: tokens.colorNeutralForeground3, marginLeft: tokens.spacingHorizontalS },
});

export function PhaseTimeline({
  phases,
  running,
  after,
  mailbox,
  warningAt,
}: {
  phases: LivePhase[];
  /** True while the run goes on (shows a "starting" row before the first event). */
  running: boolean;
  after?: (phase: Phase) => ReactNode;
  /** The mailbox the delivery check watches, for "Waiting for the message in …'s mailbox". */
  mailbox?: string;
  /** A phase that failed only in the sense of "needs attention" (Delivery to Junk). */
  warningAt?: Phase | null;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();

  return (
    <ol className={styles.list} aria-label={t('run.phasesLabel')} data-testid="phases">
      {phases.length === 0 && running && (
        <li className={styles.row}>
          <Spinner size="extra-tiny" />
          <Text className={styles.waiting}>{t('run.starting')}</Text>
          <span />
        </li>
      )}
      {phases.map((p) => {
        const extra = after?.(p.phase);
        const warned = p.state === 'failed' && p.phase === warningAt;
        const waiting = p.phase === 'delivery' && p.state === 'running';
        return (
          <li key={p.phase} data-phase={p.phase} data-state={p.state}>
            <div
              className={mergeClasses(
                styles.row,
                p.state === 'failed' && (warned ? styles.warningRow : styles.failedRow),
              )}
            >
              {p.state === 'running' && <Spinner size="extra-tiny" aria-hidden />}
              {p.state === 'ok' && <CheckmarkCircle16Filled className={styles.ok} aria-hidden />}
              {p.state === 'failed' &&
                (warned ? (
                  <Warning16Filled className={styles.warning} aria-hidden />
                ) : (
                  <DismissCircle16Filled className={styles.failed} aria-hidden />
                ))}
              {p.state === 'skipped' && <span />}
              <Text weight={p.state === 'failed' ? 'semibold' : 'regular'}>
                {t(`phases.${p.phase}`)}
                <span className={shared.visuallyHidden}>
                  {warned ? t('run.state.warning') : t(`run.state.${p.state}`)}
                </span>
                {waiting && (
                  <Text size={200} className={styles.note} data-testid="delivery-waiting">
                    {mailbox ? t('run.deliveryWaiting', { mailbox }) : t('run.deliveryWaitingAny')}
                  </Text>
                )}
              </Text>
              <Text size={200} className={mergeClasses(styles.ms, shared.mono)}>
                {p.ms !== null && p.state !== 'running' ? format.duration(p.ms) : ''}
              </Text>
            </div>
            {extra && <div className={styles.after}>{extra}</div>}
          </li>
        );
      })}
    </ol>
  );
}
