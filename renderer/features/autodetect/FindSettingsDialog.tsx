/**
 * "Find settings" from the Server section: autodetect for an address or a domain (the
 * form's From address to begin with); "Use" puts a candidate's server address, port and
 * protocol into the form, unsaved, like Apply fix.
 */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Candidate } from '../../../electron/services/autodetect/types';
import { AutodetectDialog } from './AutodetectDialog';
import { AutodetectFinder } from './AutodetectFinder';
import { useAutodetect } from './useAutodetect';

const useStyles = makeStyles({
  surface: { maxWidth: '820px', width: 'calc(100vw - 48px)' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function FindSettingsDialog({
  initialInput,
  onUse,
  onClose,
}: {
  /** An address or a domain to start with (the form's From address), or ''. */
  initialInput: string;
  onUse(candidate: Candidate): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const finder = useAutodetect(initialInput);

  return (
    <AutodetectDialog
      title={t('autodetect.title')}
      className={styles.surface}
      finder={finder}
      closeLabel={t('common.close')}
      onClose={onClose}
    >
      <Text size={200} className={styles.muted}>
        {t('autodetect.explain')}
      </Text>
      <AutodetectFinder finder={finder} autoFocus onUse={(candidate) => onUse(candidate)} />
    </AutodetectDialog>
  );
}
