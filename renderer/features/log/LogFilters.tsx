/** Filters of the test log: by profile and by result. */
import { Dropdown, Field, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import type { Verdict } from '../../../electron/services/smtp/report';
import { useFormat } from '../../shared/format';
import type { LogFilter } from './useLogPages';

const ALL = '*';
const VERDICTS: Verdict[] = ['delivered', 'accepted', 'failed'];

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'end', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  dropdown: { minWidth: '200px' },
  count: {
    marginLeft: 'auto',
    color: tokens.colorNeutralForeground3,
    paddingBottom: tokens.spacingVerticalXS,
  },
});

export function LogFilters({
  profiles,
  filter,
  total,
  onChange,
}: {
  profiles: ProfileListItem[];
  filter: LogFilter;
  total: number | null;
  onChange(filter: LogFilter): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const profileValue = filter.profileId ?? ALL;
  const profileText =
    profileValue === ALL
      ? t('log.filters.allProfiles')
      : (profiles.find((p) => p.id === profileValue)?.name ?? '');
  const verdictValue = filter.verdict ?? ALL;
  const verdictText =
    verdictValue === ALL ? t('log.filters.allResults') : t(`status.${verdictValue as Verdict}`);

  return (
    <div className={styles.root}>
      <Field label={t('log.filters.profile')} size="small">
        <Dropdown
          className={styles.dropdown}
          size="small"
          value={profileText}
          selectedOptions={[profileValue]}
          onOptionSelect={(_, data) => {
            const id = data.optionValue;
            onChange({ ...filter, profileId: id && id !== ALL ? id : undefined });
          }}
        >
          <Option value={ALL}>{t('log.filters.allProfiles')}</Option>
          {profiles.map((p) => (
            <Option key={p.id} value={p.id}>
              {p.name}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label={t('log.filters.result')} size="small">
        <Dropdown
          className={styles.dropdown}
          size="small"
          value={verdictText}
          selectedOptions={[verdictValue]}
          onOptionSelect={(_, data) => {
            const v = data.optionValue as Verdict | typeof ALL | undefined;
            onChange({ ...filter, verdict: v && v !== ALL ? v : undefined });
          }}
        >
          <Option value={ALL}>{t('log.filters.allResults')}</Option>
          {VERDICTS.map((v) => (
            <Option key={v} value={v}>
              {t(`status.${v}`)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Text size={200} className={styles.count} aria-live="polite">
        {total === null ? '' : t('log.count', { count: total, formatted: format.count(total) })}
      </Text>
    </div>
  );
}
