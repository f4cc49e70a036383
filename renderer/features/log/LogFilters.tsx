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

/** One filter: "All …" (no filter) or one of `options`. */
function FilterDropdown<T extends string>({
  label,
  allText,
  options,
  value,
  onSelect,
}: {
  label: string;
  allText: string;
  options: { value: T; text: string }[];
  value: T | undefined;
  onSelect(value: T | undefined): void;
}) {
  const styles = useStyles();
  const selected = value ?? ALL;
  const text = selected === ALL ? allText : (options.find((o) => o.value === selected)?.text ?? '');
  return (
    <Field label={label} size="small">
      <Dropdown
        className={styles.dropdown}
        size="small"
        value={text}
        selectedOptions={[selected]}
        onOptionSelect={(_, data) => {
          const next = data.optionValue as T | typeof ALL | undefined;
          onSelect(next && next !== ALL ? next : undefined);
        }}
      >
        <Option value={ALL}>{allText}</Option>
        {options.map((o) => (
          <Option key={o.value} value={o.value}>
            {o.text}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}

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

  return (
    <div className={styles.root}>
      <FilterDropdown
        label={t('log.filters.profile')}
        allText={t('log.filters.allProfiles')}
        options={profiles.map((p) => ({ value: p.id, text: p.name }))}
        value={filter.profileId}
        onSelect={(profileId) => onChange({ ...filter, profileId })}
      />
      <FilterDropdown
        label={t('log.filters.result')}
        allText={t('log.filters.allResults')}
        options={VERDICTS.map((v) => ({ value: v, text: t(`status.${v}`) }))}
        value={filter.verdict}
        onSelect={(verdict) => onChange({ ...filter, verdict })}
      />
      <Text size={200} className={styles.count} aria-live="polite">
        {total === null ? '' : t('log.count', { count: total, formatted: format.count(total) })}
      </Text>
    </div>
  );
}
