/**
 * The working pane before any profile exists: what to do next — start from Gmail, Microsoft
 * 365 or your own server, or pick another provider.
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { MailCheckmarkRegular, MoreHorizontal20Regular, Server20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { presetById, type PresetId } from '../../../electron/services/presets';

const useStyles = makeStyles({
  root: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalXXL,
    textAlign: 'center',
  },
  icon: { fontSize: '48px', color: tokens.colorBrandForeground1 },
  hint: { color: tokens.colorNeutralForeground3, maxWidth: '460px' },
  starts: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'center',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
  },
});

/** The quick starts the empty state names. */
const QUICK_STARTS: readonly PresetId[] = ['gmail', 'microsoft-365'];

export function EmptyState({ onStart, onMore }: { onStart(presetId: PresetId): void; onMore(): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <MailCheckmarkRegular className={styles.icon} aria-hidden />
      <Text as="h1" size={500} weight="semibold">
        {t('empty.title')}
      </Text>
      <Text className={styles.hint}>{t('empty.hint')}</Text>
      <div className={styles.starts} role="group" aria-label={t('empty.startsLabel')}>
        {QUICK_STARTS.map((id) => (
          <Button key={id} appearance="secondary" onClick={() => onStart(id)}>
            {presetById(id)?.name ?? id}
          </Button>
        ))}
        <Button appearance="secondary" icon={<Server20Regular />} onClick={() => onStart('custom')}>
          {t('empty.ownServer')}
        </Button>
        <Button
          appearance="subtle"
          icon={<MoreHorizontal20Regular />}
          aria-haspopup="dialog"
          onClick={onMore}
        >
          {t('empty.more')}
        </Button>
      </div>
    </div>
  );
}
