/**
 * Confirms deleting an SSL key or a trusted certificate, naming the profiles that use it
 * ("Used by: Production relay") and what happens to them.
 */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../shared/FormDialog';
import { SubmitButton } from '../../shared/SubmitButton';
import { useFormat } from '../../shared/format';

export function DeleteCertificateDialog({
  kind,
  name,
  usedBy,
  onDelete,
  onClose,
  onDeleted,
}: {
  kind: 'key' | 'trusted';
  name: string;
  usedBy: string[];
  /** Deletes; an error message when it could not. */
  onDelete(): Promise<string | null>;
  onClose(): void;
  onDeleted(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title =
    kind === 'key'
      ? t('deleteCertificate.titleKey', { name })
      : t('deleteCertificate.titleTrusted', { name });

  const remove = async () => {
    setBusy(true);
    const message = await onDelete();
    setBusy(false);
    if (message) setError(message);
    else onDeleted();
  };

  return (
    <FormDialog
      title={title}
      aria-label={title}
      stacked
      onDismiss={onClose}
      onSubmit={() => void remove()}
      actions={
        <>
          <Button appearance="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <SubmitButton busy={busy}>{t('deleteCertificate.confirm')}</SubmitButton>
        </>
      }
    >
      <Text>{kind === 'key' ? t('deleteCertificate.bodyKey') : t('deleteCertificate.bodyTrusted')}</Text>
      {usedBy.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="delete-used-by">
          <MessageBarBody>
            <MessageBarTitle>
              {t('deleteCertificate.usedBy', { profiles: format.list(usedBy) })}
            </MessageBarTitle>
            {kind === 'key' ? t('deleteCertificate.usedByKey') : t('deleteCertificate.usedByTrusted')}
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Text>{t('deleteCertificate.notUsed')}</Text>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </FormDialog>
  );
}
