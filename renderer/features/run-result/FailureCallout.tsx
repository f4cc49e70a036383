/**
 * The diagnosis of a failed run (or of a port "Check server" tried): the cause in one
 * sentence (title), what to change (body), the diagnosis code for searching, "Apply fix"
 * when the fix is a settings change, and a guide that fixes it where there is one.
 */
import type { ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Wrench16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { useSharedStyles } from '../../shared/styles';
import { useDescribeSettings } from './describeSettings';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fix: { display: 'block' },
  meta: { color: tokens.colorNeutralForeground3 },
});

/** What a diagnosis needs: a run record, or one port of a probe report. */
export type Diagnosis = Pick<RunRecord, 'summary' | 'code' | 'fix'>;

export function FailureCallout({
  record,
  onApplyFix,
  actions,
  intent = 'error',
}: {
  record: Diagnosis;
  /** 'warning' for an outcome that worked but needs attention (delivered to Junk). */
  intent?: 'error' | 'warning';
  onApplyFix?: (settings: Record<string, unknown>) => void;
  /** More buttons for this failure (a guide that fixes it: "Open the Gmail guide"). */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const describe = useDescribeSettings();
  const settings = record.fix?.settings ?? {};
  const canApply = onApplyFix !== undefined && Object.keys(settings).length > 0;

  return (
    <MessageBar intent={intent} layout="multiline" data-testid="failure-callout">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{record.summary}</MessageBarTitle>
        {record.fix?.text && <Text className={styles.fix}>{record.fix.text}</Text>}
        <Text size={200} className={styles.meta}>
          {t('run.code')} <span className={shared.mono}>{record.code}</span>
          {canApply && ` · ${t('run.fixChanges', { changes: describe(settings) })}`}
        </Text>
      </MessageBarBody>
      {(canApply || actions) && (
        <MessageBarActions>
          {canApply && (
            <Button
              appearance="primary"
              size="small"
              icon={<Wrench16Regular />}
              onClick={() => onApplyFix(settings)}
            >
              {t('run.applyFix')}
            </Button>
          )}
          {actions}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
