/**
 * "About <provider>" beside the form of a profile made from a preset: the provider's
 * settings, what goes into username and password, its notes (a dated one shows its date),
 * the other ports as one-click buttons, and the provider's own documentation.
 */
import { useId } from 'react';
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CalendarClock16Regular, CheckmarkCircle16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { presetHints, presetNote, presetPortNote, type Preset } from '../../../electron/services/presets';
import type { Security } from '../../../electron/services/settings/profile';
import { say } from '../../i18n';
import { useSharedStyles } from '../../shared/styles';
import { ExternalLink } from './ExternalLink';

export const useSidePanelStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

const useStyles = makeStyles({
  server: { overflowWrap: 'anywhere' },
  hints: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  def: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  notes: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  dated: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  ports: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  port: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: '2px' },
  inUse: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  links: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

/** A note's date (YYYY-MM-DD, a calendar day) in words, the same in every time zone. */
function useNoteDate() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'en', {
    dateStyle: 'long',
    timeZone: 'UTC',
  });
  return (iso: string) => format.format(new Date(`${iso}T00:00:00Z`));
}

export function AboutPreset({
  preset,
  port,
  security,
  onUsePort,
}: {
  preset: Preset;
  /** The form's port (as typed) and protocol: the option in use is marked. */
  port: string;
  security: Security;
  onUsePort(settings: { port: number; security: Security }): void;
}) {
  const { t } = useTranslation();
  const panel = useSidePanelStyles();
  const styles = useStyles();
  const shared = useSharedStyles();
  const noteDate = useNoteDate();
  const titleId = useId();
  const portsId = useId();
  const notesId = useId();

  const options = preset.alternatives?.length
    ? [
        { port: preset.port, security: preset.security, note: t('about.defaultPort') },
        ...preset.alternatives.map((option) => ({
          ...option,
          note: say(presetPortNote(preset, option.port)),
        })),
      ]
    : [];
  const hints = presetHints(preset);
  const server = preset.regions ? preset.host.replace('{region}', t('about.regionPlaceholder')) : preset.host;

  return (
    <section
      className={panel.panel}
      aria-labelledby={titleId}
      data-testid="about-preset"
      data-preset={preset.id}
    >
      <h2 id={titleId} className={panel.title}>
        {t('about.title', { name: preset.name })}
      </h2>
      {preset.host && (
        <Text size={200} className={mergeClasses(shared.mono, styles.server)}>
          {t('about.server', { host: server, port: preset.port, protocol: t(`security.${preset.security}`) })}
        </Text>
      )}
      <dl className={styles.hints}>
        <dt className={styles.term}>{t('about.username')}</dt>
        <dd className={styles.def}>{say(hints.username)}</dd>
        <dt className={styles.term}>{t('about.password')}</dt>
        <dd className={styles.def}>{say(hints.password)}</dd>
      </dl>
      {preset.notes.length > 0 && (
        <>
          <h3 id={notesId} className={panel.subheading}>
            {t('about.notes')}
          </h3>
          <ul className={styles.notes} aria-labelledby={notesId}>
            {preset.notes.map((note) => (
              <li key={note.id} data-dated={note.until ? 'true' : undefined}>
                {note.until ? (
                  <span className={styles.dated}>
                    <Badge
                      appearance="tint"
                      color="warning"
                      shape="rounded"
                      icon={<CalendarClock16Regular />}
                    >
                      <time dateTime={note.until}>{noteDate(note.until)}</time>
                    </Badge>
                    <span>{say(presetNote(preset, note))}</span>
                  </span>
                ) : (
                  say(presetNote(preset, note))
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {options.length > 0 && (
        <>
          <h3 id={portsId} className={panel.subheading}>
            {t('about.ports')}
          </h3>
          <ul className={styles.ports} aria-labelledby={portsId}>
            {options.map((option) => {
              const protocol = t(`security.${option.security}`);
              const inUse = port.trim() === String(option.port) && security === option.security;
              return (
                <li key={`${option.port}-${option.security}`} className={styles.port}>
                  {inUse ? (
                    <Text size={200} className={styles.inUse}>
                      <CheckmarkCircle16Filled aria-hidden />
                      {t('about.inUse', { port: option.port, protocol })}
                    </Text>
                  ) : (
                    <Button
                      size="small"
                      onClick={() => onUsePort({ port: option.port, security: option.security })}
                    >
                      {t('about.usePort', { port: option.port, protocol })}
                    </Button>
                  )}
                  <Text size={200} className={panel.muted}>
                    {option.note}
                  </Text>
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className={styles.links}>
        <ExternalLink href={preset.documentationUrl}>
          {t('about.documentation', { name: preset.name })}
        </ExternalLink>
        {preset.appPasswordUrl && preset.appPassword !== 'google' && (
          <ExternalLink href={preset.appPasswordUrl}>{t('about.appPassword')}</ExternalLink>
        )}
      </div>
    </section>
  );
}
