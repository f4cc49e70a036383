/**
 * The raw evidence, collapsed: what the recipient's mailbox showed (delivery check), the
 * From domain's DNS, the server's exact reply, TLS details and the transcript.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { useSharedStyles } from '../../shared/styles';
import { DeliveryDetails } from '../delivery/DeliveryDetails';
import { DnsFindings } from '../dns-check/DnsFindings';
import { TlsDetails } from './TlsDetails';
import { Transcript } from './Transcript';

const useStyles = makeStyles({
  panel: { paddingBottom: tokens.spacingVerticalM },
  muted: { color: tokens.colorNeutralForeground3 },
  caps: { marginTop: tokens.spacingVerticalS },
});

export function replyText(record: RunRecord): string | null {
  const r = record.server.response;
  if (!r) return null;
  // The text usually starts with the enhanced code already ("5.7.8 Error: …"): once is enough.
  const enhanced = r.enhanced && !r.text.startsWith(r.enhanced) ? r.enhanced : null;
  return [String(r.code), enhanced, r.text].filter(Boolean).join(' ');
}

export function RunEvidence({ record }: { record: RunRecord }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const reply = replyText(record);

  return (
    <Accordion multiple collapsible>
      {record.delivery && (
        <AccordionItem value="delivery">
          <AccordionHeader size="small">{t('run.evidence.delivery')}</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <DeliveryDetails report={record.delivery} />
          </AccordionPanel>
        </AccordionItem>
      )}
      {record.dns && (
        <AccordionItem value="dns">
          <AccordionHeader size="small">
            {t('run.evidence.dns', { domain: record.dns.domain })}
          </AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <DnsFindings report={record.dns} />
          </AccordionPanel>
        </AccordionItem>
      )}
      <AccordionItem value="reply">
        <AccordionHeader size="small">{t('run.evidence.reply')}</AccordionHeader>
        <AccordionPanel className={styles.panel}>
          {reply ? (
            <pre className={shared.monoBlock} data-testid="server-reply">
              {reply}
            </pre>
          ) : (
            <Text className={styles.muted}>{t('run.evidence.noReply')}</Text>
          )}
          {record.server.banner && (
            <div className={styles.caps}>
              <Text size={200} className={styles.muted}>
                {t('run.evidence.banner')}
              </Text>
              <pre className={shared.monoBlock}>{record.server.banner}</pre>
            </div>
          )}
          {record.server.capabilities.length > 0 && (
            <div className={styles.caps}>
              <Text size={200} className={styles.muted}>
                {t('run.evidence.capabilities')}
              </Text>
              <pre className={shared.monoBlock}>{record.server.capabilities.join('\n')}</pre>
            </div>
          )}
        </AccordionPanel>
      </AccordionItem>
      {record.tls && (
        <AccordionItem value="tls">
          <AccordionHeader size="small">{t('run.evidence.tls')}</AccordionHeader>
          <AccordionPanel className={styles.panel}>
            <TlsDetails tls={record.tls} />
          </AccordionPanel>
        </AccordionItem>
      )}
      <AccordionItem value="transcript">
        <AccordionHeader size="small">
          {t('run.evidence.transcriptCount', { count: record.transcript.length })}
        </AccordionHeader>
        <AccordionPanel className={styles.panel}>
          <Transcript lines={record.transcript} />
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
