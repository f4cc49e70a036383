/**
 * "New profile": pick the provider (grouped: personal accounts, work accounts, sending
 * services, your own server — Custom last), or type an address and let autodetect propose
 * the settings. Choosing starts the profile form with the preset's values (unsaved).
 */
import { useId } from 'react';
import { Button, Divider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { AutodetectReport, Candidate } from '../../../electron/services/autodetect/types';
import { presetById, type Preset } from '../../../electron/services/presets';
import { useSharedStyles } from '../../shared/styles';
import { AutodetectDialog } from '../autodetect/AutodetectDialog';
import { AutodetectFinder } from '../autodetect/AutodetectFinder';
import { useAutodetect } from '../autodetect/useAutodetect';
import { presetGroups } from './presetGroups';
import { newProfileStart, type NewProfileStart } from './presetSetup';

const useStyles = makeStyles({
  surface: { maxWidth: '920px', width: 'calc(100vw - 48px)' },
  intro: { color: tokens.colorNeutralForeground3 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(196px, 1fr))',
    gap: tokens.spacingHorizontalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  choice: {
    width: '100%',
    height: '100%',
    minHeight: '48px',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    justifyContent: 'center',
    gap: '2px',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  // The host and port (or what a regional or custom preset means) wrap rather than end in an
  // ellipsis: a long host name or a longer language still reads whole in a narrow card.
  detail: { color: tokens.colorNeutralForeground3, maxWidth: '100%', overflowWrap: 'anywhere' },
});

/** "smtp.office365.com:587", or what Custom and SES mean (the protocol shows once chosen). */
function usePresetDetail() {
  const { t } = useTranslation();
  return (preset: Preset) => {
    if (preset.id === 'custom') return t('picker.customDetail');
    if (preset.regions) return t('picker.regionalDetail', { port: preset.port });
    return t('picker.detail', { host: preset.host, port: preset.port });
  };
}

export function PresetPicker({
  onChoose,
  onClose,
}: {
  onChoose(start: NewProfileStart): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const finder = useAutodetect();
  const detail = usePresetDetail();
  const baseId = useId();

  const applyCandidate = (candidate: Candidate, report: AutodetectReport) => {
    const preset = candidate.presetId ? presetById(candidate.presetId) : undefined;
    onChoose(
      newProfileStart(preset?.id ?? 'custom', {
        server: { host: candidate.host, port: candidate.port, security: candidate.security },
        ...(report.input.includes('@') ? { address: report.input.trim() } : {}),
      }),
    );
  };

  return (
    <AutodetectDialog
      title={t('picker.title')}
      className={styles.surface}
      finder={finder}
      closeLabel={t('common.cancel')}
      onClose={onClose}
    >
      <Text className={styles.intro}>{t('picker.intro')}</Text>
      <section className={styles.group} aria-labelledby={`${baseId}-find`}>
        <h3 id={`${baseId}-find`} className={styles.heading}>
          {t('picker.findHeading')}
        </h3>
        <AutodetectFinder finder={finder} onUse={applyCandidate} />
      </section>
      <Divider />
      {presetGroups().map((group) => {
        const headingId = `${baseId}-${group.key}`;
        return (
          <section key={group.key} className={styles.group} aria-labelledby={headingId}>
            <h3 id={headingId} className={styles.heading}>
              {t(`picker.groups.${group.key}`)}
            </h3>
            <ul className={styles.grid} aria-labelledby={headingId}>
              {group.presets.map((preset) => (
                <li key={preset.id}>
                  <Button
                    className={styles.choice}
                    appearance="outline"
                    data-preset={preset.id}
                    onClick={() => onChoose(newProfileStart(preset.id))}
                  >
                    <span className={styles.name}>{preset.name}</span>
                    <span className={`${shared.mono} ${styles.detail}`}>{detail(preset)}</span>
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </AutodetectDialog>
  );
}
