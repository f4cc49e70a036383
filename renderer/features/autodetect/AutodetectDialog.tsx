/**
 * The shell of a dialog built around the autodetect finder ("Find settings", "New profile"):
 * its form's submit (Enter, or the finder's Find) runs autodetect, and its one action
 * closes it.
 */
import type { ReactNode } from 'react';
import { Button } from '@fluentui/react-components';
import { FormDialog } from '../../shared/FormDialog';
import type { Autodetect } from './useAutodetect';

export function AutodetectDialog({
  title,
  className,
  finder,
  closeLabel,
  onClose,
  children,
}: {
  title: string;
  /** Of the dialog surface. */
  className?: string;
  finder: Autodetect;
  closeLabel: string;
  onClose(): void;
  children: ReactNode;
}) {
  return (
    <FormDialog
      title={title}
      aria-label={title}
      className={className}
      stacked
      noValidate
      onDismiss={onClose}
      onSubmit={() => void finder.find()}
      actions={
        <Button appearance="secondary" onClick={onClose}>
          {closeLabel}
        </Button>
      }
    >
      {children}
    </FormDialog>
  );
}
