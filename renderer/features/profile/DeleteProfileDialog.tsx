/** Confirms deleting a profile; its password leaves the keychain, its log entries stay. */
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../../electron/services/settings/profile';
import { api } from '../../api';
import { FormDialog } from '../../shared/FormDialog';

export function DeleteProfileDialog({
  profile,
  open,
  onClose,
  onDeleted,
}: {
  profile: Profile;
  open: boolean;
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const remove = async () => {
    setBusy(true);
    const result = await api.invoke('profiles:delete', { id: profile.id });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    onDeleted();
  };

  return (
    <FormDialog
      open={open}
      title={t('deleteDialog.title', { name: profile.name })}
      onDismiss={() => {
        setError(null);
        onClose();
      }}
      onSubmit={() => void remove()}
      actions={
        <>
          <Button appearance="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" disabled={busy}>
            {t('deleteDialog.confirm')}
          </Button>
        </>
      }
    >
      {t('deleteDialog.body')}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </FormDialog>
  );
}
