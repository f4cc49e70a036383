/**
 * The shell of a dialog that runs a check and shows its outcome ("Check server", "Check the
 * From domain's DNS"): a wide stacked dialog with a muted line saying what is checked, a
 * secondary button to run (again) and Close; plus the check's spinner and its refusal.
 */
import type { ReactElement, ReactNode } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { FormDialog } from './FormDialog';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: 'calc(100vw - 48px)' },
  muted: { color: tokens.colorNeutralForeground3 },
  spinner: { justifyContent: 'flex-start', padding: `${tokens.spacingVerticalS} 0` },
  reasons: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

export function CheckDialog({
  title,
  intro,
  run,
  onClose,
  children,
}: {
  title: string;
  /** What is checked, in a muted line above the outcome. */
  intro: ReactNode;
  /** The secondary action that runs a check (again). */
  run: { label: string; icon: ReactElement; disabled: boolean; onClick(): void };
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <FormDialog
      title={title}
      aria-label={title}
      className={styles.surface}
      stacked
      onDismiss={onClose}
      onSubmit={onClose}
      actions={
        <>
          <Button appearance="secondary" icon={run.icon} disabled={run.disabled} onClick={run.onClick}>
            {run.label}
          </Button>
          <Button appearance="primary" type="submit">
            {t('common.close')}
          </Button>
        </>
      }
    >
      <Text size={200} className={styles.muted}>
        {intro}
      </Text>
      {children}
    </FormDialog>
  );
}

/** A check under way. */
export function CheckSpinner({ label }: { label: string }) {
  const styles = useStyles();
  return <Spinner size="tiny" labelPosition="after" className={styles.spinner} label={label} />;
}

/** A check that was refused: its message and, if any, the reasons. */
export function CheckRefused({
  message,
  reasons = [],
  testId,
}: {
  message: string;
  reasons?: string[];
  testId: string;
}) {
  const styles = useStyles();
  return (
    <MessageBar intent="error" layout="multiline" data-testid={testId}>
      <MessageBarBody>
        {message}
        {reasons.length > 0 && (
          <ul className={styles.reasons}>
            {reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
