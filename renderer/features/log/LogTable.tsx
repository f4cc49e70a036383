/**
 * The log as a grid whose body is virtualized (@tanstack/react-virtual): only the visible
 * rows exist in the DOM, and their pages are fetched as they come into view. Arrow keys
 * move between rows; Enter or a click opens a row's details.
 */
import { useEffect, useRef } from 'react';
import {
  SkeletonItem,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
  useArrowNavigationGroup,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { LogSummary } from '../../../electron/ipc/contract';
import { useFormat } from '../../shared/format';
import { VerdictBadge } from '../../shared/status';
import { useSharedStyles } from '../../shared/styles';

const ROW_HEIGHT = 36;
const COLUMNS = '164px minmax(64px, 1fr) minmax(112px, 1.4fr) 100px minmax(92px, 1fr) 72px';

const useStyles = makeStyles({
  table: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, minWidth: '600px' },
  grid: { display: 'grid', gridTemplateColumns: COLUMNS, alignItems: 'center', height: `${ROW_HEIGHT}px` },
  header: { flexShrink: 0, backgroundColor: tokens.colorNeutralBackground2 },
  scroller: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', overflowX: 'hidden' },
  body: { position: 'relative', width: '100%' },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  cellText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  right: {
    justifyContent: 'flex-end',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * A cell's text on one line: a long profile name, address or code ends in an ellipsis (the
 * rows keep one height, for the virtualizer) and reads whole on hover, and in the details.
 */
function CellText({ children, className }: { children: string; className?: string }) {
  const styles = useStyles();
  return (
    <span className={mergeClasses(styles.cellText, className)} title={children}>
      {children}
    </span>
  );
}

export function LogTable({
  total,
  rowAt,
  ensureRows,
  selectedId,
  onOpen,
}: {
  total: number;
  rowAt(index: number): LogSummary | undefined;
  ensureRows(first: number, last: number): void;
  selectedId: string | null;
  onOpen(entry: LogSummary): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  const scrollRef = useRef<HTMLDivElement>(null);
  const arrows = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });

  // TanStack Virtual returns new functions each render on purpose; this app does not use the
  // React Compiler, so the rule's warning about memoising them does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, ensureRows]);

  const headers = [
    t('log.columns.time'),
    t('log.columns.profile'),
    t('log.columns.recipient'),
    t('log.columns.result'),
    t('log.columns.code'),
    t('log.columns.total'),
  ];

  return (
    <Table
      noNativeElements
      role="grid"
      aria-readonly
      aria-label={t('log.tableLabel')}
      aria-rowcount={total + 1}
      size="small"
      className={styles.table}
    >
      <TableHeader className={styles.header}>
        <TableRow aria-rowindex={1} className={styles.grid}>
          {headers.map((header, i) => (
            <TableHeaderCell key={header} className={i === headers.length - 1 ? styles.right : undefined}>
              {header}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <div ref={scrollRef} className={styles.scroller} data-testid="log-scroller" {...arrows}>
        <TableBody className={styles.body} style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {items.map((item) => {
            const entry = rowAt(item.index);
            const selected = entry !== undefined && entry.id === selectedId;
            return (
              <TableRow
                key={item.key}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                tabIndex={entry ? 0 : -1}
                data-log-id={entry?.id}
                className={mergeClasses(styles.grid, styles.row, selected && styles.selected)}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => entry && onOpen(entry)}
                onKeyDown={(event) => {
                  if (entry && (event.key === 'Enter' || event.key === ' ')) {
                    event.preventDefault();
                    onOpen(entry);
                  }
                }}
              >
                {entry ? (
                  <>
                    <TableCell role="gridcell">
                      <CellText>{format.dateTime(entry.startedAt)}</CellText>
                    </TableCell>
                    <TableCell role="gridcell">
                      <CellText>{entry.profileName}</CellText>
                    </TableCell>
                    <TableCell role="gridcell">
                      <CellText>{entry.to}</CellText>
                    </TableCell>
                    <TableCell role="gridcell">
                      <VerdictBadge status={entry.verdict} dryRun={entry.dryRun} />
                    </TableCell>
                    <TableCell role="gridcell">
                      <CellText
                        className={mergeClasses(shared.mono, entry.verdict !== 'failed' && styles.muted)}
                      >
                        {entry.code}
                      </CellText>
                    </TableCell>
                    <TableCell role="gridcell" className={styles.right}>
                      {format.duration(entry.totalMs)}
                    </TableCell>
                  </>
                ) : (
                  headers.map((header) => (
                    <TableCell role="gridcell" key={header}>
                      <SkeletonItem size={12} aria-hidden />
                    </TableCell>
                  ))
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </div>
    </Table>
  );
}
