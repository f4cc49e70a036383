/**
 * A dialog that walks through steps with one primary button (Continue, Fetch, Import, Trust…)
 * and Cancel: a `FormDialog` named by its title, its content a column, validation left to
 * the dialog. `submitLabel` null hides the primary button (while there is nothing to submit).
 */
import type { ReactNode } from 'react';
import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { FormDialog } from './FormDialog';
import { SubmitButton } from './SubmitButton';

export function StepFormDialog({
  title,
  className,
  onCancel,
  onSubmit,
  submitLabel,
  busy,
  children,
}: {
  title: string;
  /** Of the dialog surface (its width). */
  className?: string;
  /** Cancel, Esc or a click outside. */
  onCancel(): void;
  /** The primary button or Enter. */
  onSubmit(): void;
  submitLabel: ReactNode | null;
  /** The primary button shows a spinner and is disabled. */
  busy: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog
      title={title}
      aria-label={title}
      className={className}
      stacked
      noValidate
      onDismiss={onCancel}
      onSubmit={onSubmit}
      actions={
        <>
          <Button appearance="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          {submitLabel !== null && <SubmitButton busy={busy}>{submitLabel}</SubmitButton>}
        </>
      }
    >
      {children}
    </FormDialog>
  );
}
