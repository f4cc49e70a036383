/**
 * The language of the app, at the foot of the sidebar: the OS's (the default) or one
 * chosen here. A choice is kept in the settings and applies at once, without a restart.
 * Each language is named in its own words, so a reader finds theirs whatever is shown.
 */
import { Field, Select, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../electron/ipc/contract';
import { LANGUAGES, isLanguage, type Language } from '../../../electron/services/i18n/languages';

const SYSTEM = 'system';

const useStyles = makeStyles({
  root: {
    minWidth: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
  },
  // A native select is as wide as its longest option: held to the sidebar's width, a long
  // "System language (…)" is cut inside the box rather than pushing it over the working pane.
  select: { minWidth: 0, '& select': { minWidth: 0, maxWidth: '100%' } },
});

export function LanguagePicker({
  info,
  onChange,
}: {
  info: AppInfo | null;
  onChange(choice: Language | null): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!info) return null;
  return (
    <Field className={styles.root} label={t('language.label')} size="small">
      <Select
        className={styles.select}
        size="small"
        value={info.languageChoice ?? SYSTEM}
        onChange={(_, data) => onChange(isLanguage(data.value) ? data.value : null)}
      >
        <option value={SYSTEM}>
          {t('language.system', { name: t(`language.names.${info.systemLanguage}`) })}
        </option>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.names.${language}`)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
