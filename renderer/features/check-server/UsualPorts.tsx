/** The usual ports side by side: port, how it speaks, the result (icon + words) and the time. */
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
import { CheckmarkCircle16Filled, DismissCircle16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';
import type { PortProbe } from './useServerProbe';

const useStyles = makeStyles({
  port: { width: '64px' },
  mode: { width: '128px' },
  time: { width: '72px', textAlign: 'end' },
  result: { display: 'flex', flexDirection: 'column', padding: `${tokens.spacingVerticalXS} 0` },
  verdict: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  ok: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  failed: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  why: { color: tokens.colorNeutralForeground3 },
  number: { fontVariantNumeric: 'tabular-nums' },
});

/** A few words for the table; the port's own summary says the rest. */
export type ShortResult = 'refused' | 'timeout' | 'unreachable' | 'unknownHost' | 'tls' | 'failed';

export function shortResult(code: string): ShortResult {
  if (code === 'CONNECTION_REFUSED') return 'refused';
  if (/_TIMEOUT$/.test(code)) return 'timeout';
  if (code === 'NETWORK_UNREACHABLE') return 'unreachable';
  if (code === 'DNS_NOT_FOUND') return 'unknownHost';
  if (/^(TLS_|IMPLICIT_TLS|PLAINTEXT_PORT|STARTTLS_)/.test(code)) return 'tls';
  return 'failed';
}

/**
 * A probe's result in a line: a green tick or a red cross, a word or two, and for a failure
 * its code (shared with the autodetect candidates).
 */
export function ProbeVerdict({
  ok,
  words,
  code,
  className,
  codeClassName,
}: {
  ok: boolean;
  words: string;
  /** Shown after the words when the probe failed. */
  code?: string | null;
  /** The line's layout. */
  className?: string;
  codeClassName?: string;
}) {
  const styles = useStyles();
  const shared = useSharedStyles();
  return (
    <span className={className}>
      {ok ? (
        <CheckmarkCircle16Filled aria-hidden className={styles.ok} />
      ) : (
        <DismissCircle16Filled aria-hidden className={styles.failed} />
      )}
      <Text weight="semibold">{words}</Text>
      {!ok && code && <span className={mergeClasses(shared.mono, styles.why, codeClassName)}>{code}</span>}
    </span>
  );
}

export function UsualPorts({ ports }: { ports: PortProbe[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();

  return (
    <Table size="small" aria-label={t('probe.table.label')} data-testid="usual-ports">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className={styles.port}>{t('probe.table.port')}</TableHeaderCell>
          <TableHeaderCell className={styles.mode}>{t('probe.table.mode')}</TableHeaderCell>
          <TableHeaderCell>{t('probe.table.result')}</TableHeaderCell>
          <TableHeaderCell className={styles.time}>{t('probe.table.time')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {ports.map((probe) => {
          const ok = probe.code === 'OK';
          const auth = probe.capabilities.find((c) => /^AUTH\b/i.test(c));
          return (
            <TableRow key={probe.port} data-port={probe.port} data-code={probe.code}>
              <TableCell className={mergeClasses(styles.port, styles.number)}>{probe.port}</TableCell>
              <TableCell className={styles.mode}>
                {probe.security ? t(`security.${probe.security}`) : t('probe.table.noMode')}
              </TableCell>
              <TableCell>
                <div className={styles.result}>
                  <ProbeVerdict
                    className={styles.verdict}
                    ok={ok}
                    words={ok ? t('probe.result.ok') : t(`probe.result.${shortResult(probe.code)}`)}
                    code={probe.code}
                  />
                  <Text size={200} className={styles.why}>
                    {ok
                      ? auth
                        ? t('probe.result.offers', { auth })
                        : t('probe.result.noLogin')
                      : probe.summary}
                  </Text>
                </div>
              </TableCell>
              <TableCell className={mergeClasses(styles.time, styles.number)}>
                {format.duration(probe.ms)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
