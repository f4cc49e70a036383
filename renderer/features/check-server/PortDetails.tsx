/**
 * What one port said, diagnosis first: the summary (or the failure callout with its code),
 * then how the port speaks, its greeting, the EHLO keywords before and after STARTTLS, and,
 * collapsed, the TLS details and the transcript.
 */
import { Fragment } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  MessageBar,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';
import { FailureCallout } from '../run-result/FailureCallout';
import { TlsDetails } from '../run-result/TlsDetails';
import { Transcript } from '../run-result/Transcript';
import { EhloKeywords } from './EhloKeywords';
import type { PortProbe } from './useServerProbe';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  banner: { padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`, display: 'inline-block' },
  panel: { paddingBottom: tokens.spacingVerticalM },
});

function sameKeywords(a: string[] | null, b: string[]): boolean {
  return a !== null && a.length === b.length && a.every((keyword, i) => keyword === b[i]);
}

/** The EHLO lists worth showing for how the port speaks, each with its label's i18n key. */
function ehloRows(probe: PortProbe) {
  const rows: { key: 'plain' | 'before' | 'after' | 'overTls'; keywords: string[] }[] = [];
  if (probe.security === 'none') {
    rows.push({ key: 'plain', keywords: probe.capabilitiesBeforeTls ?? probe.capabilities });
  } else if (probe.security === 'starttls') {
    if (probe.capabilitiesBeforeTls) rows.push({ key: 'before', keywords: probe.capabilitiesBeforeTls });
    // After a failed upgrade the "capabilities" are still the plain ones: nothing came after.
    if (probe.tls && !sameKeywords(probe.capabilitiesBeforeTls, probe.capabilities)) {
      rows.push({ key: 'after', keywords: probe.capabilities });
    }
  } else if (probe.security === 'tls' && (probe.capabilities.length > 0 || probe.code === 'OK')) {
    rows.push({ key: 'overTls', keywords: probe.capabilities });
  }
  return rows;
}

export function PortDetails({ probe }: { probe: PortProbe }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  const ok = probe.code === 'OK';

  return (
    <div className={styles.root} data-testid="port-details" data-port={probe.port}>
      {ok ? (
        <MessageBar intent="success" layout="multiline" data-testid="probe-summary">
          <MessageBarBody>{probe.summary}</MessageBarBody>
        </MessageBar>
      ) : (
        <FailureCallout record={{ summary: probe.summary, code: probe.code, fix: null }} />
      )}
      <dl className={styles.list}>
        <dt className={styles.term}>{t('probe.detail.mode')}</dt>
        <dd className={styles.def} data-testid="probe-mode">
          {t(`probe.mode.${probe.security ?? 'unknown'}`)}
        </dd>
        {probe.banner !== null && (
          <>
            <dt className={styles.term}>{t('probe.detail.greeting')}</dt>
            <dd className={styles.def}>
              <code className={mergeClasses(shared.monoBlock, styles.banner)} data-testid="probe-banner">
                {probe.banner}
              </code>
            </dd>
          </>
        )}
        {ehloRows(probe).map((row) => (
          <Fragment key={row.key}>
            <dt className={styles.term}>{t(`probe.ehlo.${row.key}`)}</dt>
            <dd className={styles.def}>
              <EhloKeywords keywords={row.keywords} label={t(`probe.ehlo.${row.key}`)} />
            </dd>
          </Fragment>
        ))}
        <dt className={styles.term}>{t('probe.detail.time')}</dt>
        <dd className={styles.def}>{format.duration(probe.ms)}</dd>
      </dl>
      <Accordion multiple collapsible>
        {probe.tls && (
          <AccordionItem value="tls">
            <AccordionHeader size="small">
              {t(probe.tls.authorized ? 'probe.tlsHeaderTrusted' : 'probe.tlsHeaderUntrusted', {
                protocol: probe.tls.protocol,
              })}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <TlsDetails tls={probe.tls} />
            </AccordionPanel>
          </AccordionItem>
        )}
        <AccordionItem value="transcript">
          <AccordionHeader size="small">
            {t('run.evidence.transcriptCount', { count: probe.transcript.length })}
          </AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <Transcript lines={probe.transcript} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
