/** The side panel of a log entry: who, where, when, then the same run view as the send dialog. */
import { useEffect, useState, type CSSProperties } from 'react';
import {
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  InlineDrawer,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss24Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { api } from '../../api';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';
import { RunResult } from '../run-result/RunResult';

const useStyles = makeStyles({
  drawer: { maxWidth: '60vw' },
  meta: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: `0 0 ${tokens.spacingVerticalM}`,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, overflowWrap: 'anywhere' },
});

export function LogDetailPanel({ id, onClose }: { id: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  // What was loaded, and for which entry: a stale answer for another row is never shown.
  const [loaded, setLoaded] = useState<{ id: string; record: RunRecord | null; error: string | null } | null>(
    null,
  );
  const current = loaded && loaded.id === id ? loaded : null;
  const record = current?.record ?? null;
  const error = current?.error ?? null;

  useEffect(() => {
    if (!id) return;
    let live = true;
    void api.invoke('log:get', { id }).then((result) => {
      if (!live) return;
      setLoaded(
        result.ok
          ? { id, record: result.value, error: null }
          : { id, record: null, error: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, [id]);

  return (
    <InlineDrawer
      open={id !== null}
      position="end"
      separator
      className={styles.drawer}
      style={{ '--fui-Drawer--size': '420px' } as CSSProperties}
      aria-label={t('log.panel.label')}
      data-testid="log-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          action={
            <Button
              appearance="subtle"
              aria-label={t('common.close')}
              icon={<Dismiss24Regular />}
              onClick={onClose}
            />
          }
        >
          {record
            ? record.dryRun
              ? t('log.panel.titleDryRun')
              : t('log.panel.title')
            : t('log.panel.loading')}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {!record && !error && <Spinner size="small" />}
        {record && (
          <>
            <dl className={styles.meta}>
              <dt className={styles.term}>{t('log.panel.when')}</dt>
              <dd className={styles.def}>{format.dateTime(record.startedAt)}</dd>
              <dt className={styles.term}>{t('log.panel.profile')}</dt>
              <dd className={styles.def}>{record.profileName}</dd>
              <dt className={styles.term}>{t('log.panel.server')}</dt>
              <dd className={`${styles.def} ${shared.mono}`}>
                {t('log.panel.serverValue', {
                  host: record.host,
                  port: record.port,
                  protocol: t(`security.${record.security}`),
                })}
              </dd>
              <dt className={styles.term}>{t('log.panel.recipient')}</dt>
              <dd className={styles.def}>{record.to}</dd>
              <dt className={styles.term}>{t('log.panel.total')}</dt>
              <dd className={styles.def}>{format.duration(record.timings.total)}</dd>
            </dl>
            <RunResult record={record} />
          </>
        )}
      </DrawerBody>
    </InlineDrawer>
  );
}
