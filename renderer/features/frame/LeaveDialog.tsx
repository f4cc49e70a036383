/** Asks before leaving a profile with unsaved changes. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

export function LeaveDialog({ open, onStay, onLeave }: { open: boolean; onStay(): void; onLeave(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onStay()}>
      <DialogSurface>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            onStay();
          }}
        >
          <DialogBody>
            <DialogTitle>{t('leave.title')}</DialogTitle>
            <DialogContent>{t('leave.body')}</DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={onLeave}>
                {t('leave.discard')}
              </Button>
              <Button appearance="primary" type="submit">
                {t('leave.stay')}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
