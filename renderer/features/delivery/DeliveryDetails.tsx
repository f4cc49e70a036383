/**
 * What the recipient's mailbox showed (the run's "Delivery" evidence): where the message was
 * filed and how long it took to arrive, how the mailbox was watched, the Received chain as
 * hops with the delay at each, SPF/DKIM/DMARC as chips with a sentence for each that did
 * not pass, and the spam headers verbatim.
 */
import { useMemo } from 'react';
import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { DeliveryReport, Hop } from '../../../electron/services/delivery/types';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';
import { AuthResultChip } from './AuthResultChip';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, overflowWrap: 'anywhere' },
  part: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  table: { tableLayout: 'auto' },
  cell: {
    verticalAlign: 'top',
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
  },
  host: { overflowWrap: 'anywhere' },
  number: { textAlign: 'end', whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  numberHeader: { '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' } },
  time: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  chips: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  explanation: { paddingLeft: tokens.spacingHorizontalXXS },
  results: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  result: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
  },
});

/** "Inbox", or the folder's own name ("Junk"). */
export function useFolderName() {
  const { t } = useTranslation();
  return (folder: string | null) =>
    !folder || folder.toUpperCase() === 'INBOX' ? t('delivery.inbox') : folder;
}

function useTimeOfDay() {
  const { i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const format = useMemo(
    () => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    [lang],
  );
  return (iso: string | null) => {
    const date = iso ? new Date(iso) : null;
    return date && !Number.isNaN(date.getTime()) ? format.format(date) : '—';
  };
}

function HopsTable({ hops }: { hops: Hop[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  const time = useTimeOfDay();
  return (
    <Table
      size="extra-small"
      className={styles.table}
      aria-label={t('delivery.hops.label')}
      data-testid="hops"
    >
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.numberHeader}>{t('delivery.hops.number')}</TableHeaderCell>
          <TableHeaderCell>{t('delivery.hops.from')}</TableHeaderCell>
          <TableHeaderCell>{t('delivery.hops.by')}</TableHeaderCell>
          <TableHeaderCell>{t('delivery.hops.with')}</TableHeaderCell>
          <TableHeaderCell>{t('delivery.hops.at')}</TableHeaderCell>
          <TableHeaderCell className={styles.numberHeader}>{t('delivery.hops.delay')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {hops.map((hop, index) => (
          <TableRow key={index}>
            <TableCell className={mergeClasses(styles.cell, styles.number)}>{index + 1}</TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.host, shared.mono)}>
              {hop.from ?? hop.ip ?? '—'}
            </TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.host, shared.mono)}>
              {hop.by ?? '—'}
            </TableCell>
            <TableCell className={mergeClasses(styles.cell, shared.mono)}>{hop.with ?? '—'}</TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.time)}>{time(hop.at)}</TableCell>
            <TableCell className={mergeClasses(styles.cell, styles.number)}>
              {hop.delayMs === null ? '—' : format.duration(hop.delayMs)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function DeliveryDetails({ report }: { report: DeliveryReport }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  const folderName = useFolderName();
  const spamHeaders = Object.entries(report.spamHeaders);
  const watched = report.junkFolder
    ? t('delivery.watched.inboxAndJunk', { junk: report.junkFolder })
    : t('delivery.watched.inboxOnly');

  let cleanup: string | null = null;
  if (report.deleted) cleanup = t('delivery.cleanup.deleted');
  else if (report.leftSeen) cleanup = t('delivery.cleanup.leftSeen', { folder: folderName(report.folder) });
  else if (report.cleanupError) cleanup = t('delivery.cleanup.failed', { reason: report.cleanupError });

  return (
    <div className={styles.root} data-testid="delivery-details">
      <dl className={styles.list}>
        <dt className={styles.term}>{t('delivery.details.folder')}</dt>
        <dd className={styles.def} data-testid="delivery-folder">
          {report.found
            ? report.spam
              ? t('delivery.details.folderSpam', { folder: folderName(report.folder) })
              : folderName(report.folder)
            : t('delivery.details.notFound')}
        </dd>
        {report.found && report.arrivalMs !== null && (
          <>
            <dt className={styles.term}>{t('delivery.details.arrival')}</dt>
            <dd className={styles.def}>
              {t('delivery.details.arrivalValue', { duration: format.duration(report.arrivalMs) })}
            </dd>
          </>
        )}
        <dt className={styles.term}>{t('delivery.details.watched')}</dt>
        <dd className={styles.def}>
          {report.watch
            ? t('delivery.details.watchValue', {
                folders: watched,
                how: report.watch === 'idle' ? t('delivery.watch.idle') : t('delivery.watch.poll'),
              })
            : watched}
        </dd>
        {cleanup && (
          <>
            <dt className={styles.term}>{t('delivery.details.cleanup')}</dt>
            <dd className={styles.def}>{cleanup}</dd>
          </>
        )}
      </dl>

      {report.hops.length > 0 && (
        <div className={styles.part}>
          <h4 className={styles.heading}>{t('delivery.hops.title', { count: report.hops.length })}</h4>
          <HopsTable hops={report.hops} />
        </div>
      )}

      {report.authentication.length > 0 && (
        <div className={styles.part}>
          <h4 className={styles.heading}>{t('delivery.auth.title')}</h4>
          {report.authenticationSource && (
            <Text size={200} className={styles.muted}>
              {report.authenticationSource === 'receiver'
                ? t('delivery.auth.byReceiver')
                : t('delivery.auth.byMailPreflight')}
            </Text>
          )}
          <ul className={styles.results}>
            {report.authentication.map((result, index) => (
              <li key={`${result.method}-${index}`} className={styles.result}>
                <div className={styles.chips}>
                  <AuthResultChip result={result} />
                  {result.detail && (
                    <Text size={200} className={mergeClasses(shared.mono, styles.muted)}>
                      {result.detail}
                    </Text>
                  )}
                </div>
                {result.explanation && <Text className={styles.explanation}>{result.explanation}</Text>}
              </li>
            ))}
          </ul>
        </div>
      )}

      {spamHeaders.length > 0 && (
        <div className={styles.part}>
          <h4 className={styles.heading}>{t('delivery.spamHeaders')}</h4>
          <pre
            className={shared.monoBlock}
            data-testid="spam-headers"
            tabIndex={0}
            aria-label={t('delivery.spamHeaders')}
          >
            {spamHeaders.map(([name, value]) => `${name}: ${value}`).join('\n')}
          </pre>
        </div>
      )}
    </div>
  );
}
