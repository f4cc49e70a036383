/** The profile's last result: "Accepted · 412 ms · 3 min ago" or "Failed · <the cause>". */
import { Text, Tooltip, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { LogSummary } from '../../../electron/ipc/contract';
import { useFormat } from '../../shared/format';
import { VerdictBadge } from '../../shared/status';
import { useNow } from '../../shared/useNow';

const useStyles = makeStyles({
  root: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  detail: {
    color: tokens.colorNeutralForeground2,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    minWidth: 0,
  },
});

export function LastResultChip({ lastRun }: { lastRun: LogSummary | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const now = useNow();

  if (!lastRun) {
    return (
      <span className={styles.root} data-testid="last-result">
        <VerdictBadge status="never" />
        <Text size={200} className={styles.detail}>
          {t('profile.lastResult.never')}
        </Text>
      </span>
    );
  }
  // A run that is not a plain pass (failed, delivered to Junk, delivery not confirmed) says why.
  const detail =
    lastRun.verdict === 'failed' || lastRun.code !== 'OK'
      ? lastRun.summary
      : t('profile.lastResult.detail', {
          duration: format.duration(lastRun.totalMs),
          ago: format.ago(lastRun.startedAt, now),
        });
  return (
    <span className={styles.root} data-testid="last-result">
      <VerdictBadge status={lastRun.verdict} dryRun={lastRun.dryRun} />
      <Tooltip content={detail} relationship="description">
        <Text size={200} className={styles.detail} tabIndex={0}>
          {detail}
        </Text>
      </Tooltip>
    </span>
  );
}
