/**
 * The shell every dialog of the app shares: a modal Fluent `Dialog` whose body is a form, so
 * Enter submits (`onSubmit`) and Esc or a click outside dismisses (`onDismiss`). A dialog
 * brings only its title, content and action buttons (the primary one `type="submit"`).
 * The submit event stops at the dialog: React events bubble through portals, and a dialog's
 * submit must never also submit a form it was opened from.
 */
import type { ReactNode } from 'react';
import {
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';

const useStyles = makeStyles({
  stacked: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function FormDialog({
  open = true,
  title,
  onDismiss,
  onSubmit,
  actions,
  children,
  stacked = false,
  noValidate,
  className,
  'aria-label': ariaLabel,
}: {
  open?: boolean;
  title: ReactNode;
  onDismiss(): void;
  onSubmit(): void;
  actions: ReactNode;
  children: ReactNode;
  /** Lays the content out as a column with the usual gap between its parts. */
  stacked?: boolean;
  /** Leaves validation to the dialog (the browser shows no bubbles of its own). */
  noValidate?: boolean;
  /** Of the dialog surface. */
  className?: string;
  'aria-label'?: string;
}) {
  const styles = useStyles();
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onDismiss()}>
      <DialogSurface className={className} aria-label={ariaLabel}>
        <form
          noValidate={noValidate}
          onSubmit={(event) => {
            event.preventDefault();
            event.stopPropagation();
            onSubmit();
          }}
        >
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={mergeClasses(stacked && styles.stacked)}>{children}</DialogContent>
            <DialogActions>{actions}</DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
