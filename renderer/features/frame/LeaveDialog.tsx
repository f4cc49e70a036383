/** Asks before leaving a profile with unsaved changes. */
import { Button } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../shared/FormDialog';

export function LeaveDialog({ open, onStay, onLeave }: { open: boolean; onStay(): void; onLeave(): void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={open}
      title={t('leave.title')}
      onDismiss={onStay}
      onSubmit={onStay}
      actions={
        <>
          <Button appearance="secondary" onClick={onLeave}>
            {t('leave.discard')}
          </Button>
          <Button appearance="primary" type="submit">
            {t('leave.stay')}
          </Button>
        </>
      }
    >
      {t('leave.body')}
    </FormDialog>
  );
}
