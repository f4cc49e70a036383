/** The sticky "Unsaved changes · Discard · Save" bar at the bottom of the profile pane. */
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircle16Filled, Circle16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from '../../shared/SubmitButton';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  text: { flex: '1 1 auto', display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  dot: { color: tokens.colorPaletteMarigoldForeground1 },
  refused: { color: tokens.colorPaletteRedForeground1 },
});

export function UnsavedChangesBar({
  isNew,
  refused,
  saving,
  onDiscard,
}: {
  isNew: boolean;
  refused: boolean;
  saving: boolean;
  onDiscard(): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.bar} role="region" aria-label={t('unsaved.region')}>
      <Text className={mergeClasses(styles.text, refused && styles.refused)} aria-live="polite">
        {refused ? (
          <ErrorCircle16Filled aria-hidden />
        ) : (
          <Circle16Filled aria-hidden className={styles.dot} />
        )}
        {refused ? t('unsaved.refused') : isNew ? t('unsaved.new') : t('unsaved.changes')}
      </Text>
      <Button appearance="secondary" onClick={onDiscard} disabled={saving}>
        {t('unsaved.discard')}
      </Button>
      <SubmitButton busy={saving}>{isNew ? t('unsaved.create') : t('unsaved.save')}</SubmitButton>
    </div>
  );
}
