/** The working pane before any profile exists: what to do next, and the button for it. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, MailCheckmarkRegular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

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
  hint: { color: tokens.colorNeutralForeground3, maxWidth: '420px' },
});

export function EmptyState({ onCreate }: { onCreate(): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <MailCheckmarkRegular className={styles.icon} aria-hidden />
      <Text as="h1" size={500} weight="semibold">
        {t('empty.title')}
      </Text>
      <Text className={styles.hint}>{t('empty.hint')}</Text>
      <Button appearance="primary" icon={<Add20Regular />} onClick={onCreate}>
        {t('frame.newProfile')}
      </Button>
    </div>
  );
}
