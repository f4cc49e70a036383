/**
 * The two questions an import may need: which to do when profiles of the file's names exist
 * already (replace them, keep both, or import nothing), and why a file was refused (one
 * sentence per problem; nothing was imported).
 */
import { Button, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../shared/FormDialog';

export function ImportClashDialog({
  names,
  onCancel,
  onChoose,
}: {
  names: string[];
  onCancel(): void;
  onChoose(choice: 'replace' | 'keep-both'): void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog
      title={t('profileTransfer.clashTitle', { count: names.length })}
      stacked
      onDismiss={onCancel}
      // Enter keeps both: the choice that loses nothing.
      onSubmit={() => onChoose('keep-both')}
      actions={
        <>
          <Button appearance="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button appearance="secondary" onClick={() => onChoose('replace')}>
            {t('profileTransfer.replace')}
          </Button>
          <Button appearance="primary" type="submit">
            {t('profileTransfer.keepBoth')}
          </Button>
        </>
      }
    >
      <Text>{t('profileTransfer.clashBody', { count: names.length })}</Text>
      <ul aria-label={t('profileTransfer.clashList')}>
        {names.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      <Text>{t('profileTransfer.clashHint')}</Text>
    </FormDialog>
  );
}

export function ImportRefusedDialog({ problems, onClose }: { problems: string[]; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <FormDialog
      title={t('profileTransfer.refusedTitle')}
      stacked
      onDismiss={onClose}
      onSubmit={onClose}
      actions={
        <Button appearance="primary" type="submit">
          {t('common.close')}
        </Button>
      }
    >
      <MessageBar intent="error">
        <MessageBarBody>{t('profileTransfer.refusedBody')}</MessageBarBody>
      </MessageBar>
      <ul>
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </FormDialog>
  );
}
