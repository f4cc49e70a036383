/** The test log: filters, the virtualized table and the side panel of the selected entry. */
import { useState } from 'react';
import { MessageBar, MessageBarBody, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import { LogDetailPanel } from './LogDetailPanel';
import { LogFilters } from './LogFilters';
import { LogTable } from './LogTable';
import { useLogPages, type LogFilter } from './useLogPages';

const useStyles = makeStyles({
  root: { display: 'flex', height: '100%', minHeight: 0 },
  main: {
    flex: '1 1 auto',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    overflow: 'hidden',
  },
  top: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  tableArea: { flex: '1 1 auto', minHeight: 0, overflowX: 'auto' },
  empty: { display: 'block', padding: tokens.spacingHorizontalXL, color: tokens.colorNeutralForeground3 },
});

export function TestLogScreen({ profiles }: { profiles: ProfileListItem[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [filter, setFilter] = useState<LogFilter>({});
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const log = useLogPages(filter);
  const filtered = filter.profileId !== undefined || filter.verdict !== undefined;

  return (
    <div className={styles.root}>
      <div className={styles.main}>
        <div className={styles.top}>
          <h1 className={styles.title}>{t('log.title')}</h1>
          <LogFilters profiles={profiles} filter={filter} total={log.total} onChange={setFilter} />
          {log.skipped > 0 && (
            <Text size={200} data-testid="log-skipped">
              {t('log.skipped', { count: log.skipped })}
            </Text>
          )}
        </div>
        {log.error && (
          <MessageBar intent="error">
            <MessageBarBody>{log.error}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.tableArea}>
          {log.total === null && !log.error && <Spinner size="small" label={t('log.loading')} />}
          {log.total === 0 && (
            <Text className={styles.empty}>{filtered ? t('log.emptyFiltered') : t('log.empty')}</Text>
          )}
          {log.total !== null && log.total > 0 && (
            <LogTable
              total={log.total}
              rowAt={log.rowAt}
              ensureRows={log.ensureRows}
              selectedId={selectedId}
              onOpen={(entry) => setSelectedId(entry.id)}
            />
          )}
        </div>
      </div>
      <LogDetailPanel id={selectedId} onClose={() => setSelectedId(null)} />
    </div>
  );
}
