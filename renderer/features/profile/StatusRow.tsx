/**
 * A form row whose value is a state with one action beside it, not an input:
 * "Password  Set · Change password", "Client secret  Not set · Set client secret",
 * "Sign-in  Signed in as … · Sign out". The row is a group named by its label, and the
 * action is described by the state, so a screen reader reads "Change password, Set".
 */
import { useId, type ReactNode } from 'react';
import { Label, Text } from '@fluentui/react-components';
import { useFormStyles } from './formStyles';

export function StatusRow({
  label,
  status,
  disabled = false,
  statusTestId,
  action,
}: {
  label: string;
  status: string;
  /** Greys out the label and the state (the action disables itself). */
  disabled?: boolean;
  statusTestId?: string;
  /** The action, given the id of the state text for its `aria-describedby`. */
  action(statusId: string): ReactNode;
}) {
  const styles = useFormStyles();
  const labelId = useId();
  const statusId = useId();
  return (
    <div className={styles.row} role="group" aria-labelledby={labelId} aria-disabled={disabled || undefined}>
      <Label id={labelId} className={styles.rowLabel} disabled={disabled}>
        {label}
      </Label>
      <div className={styles.rowValue}>
        <Text id={statusId} className={disabled ? styles.muted : undefined} data-testid={statusTestId}>
          {status}
        </Text>
        <Text aria-hidden className={styles.muted}>
          ·
        </Text>
        {action(statusId)}
      </div>
    </div>
  );
}
