/**
 * The From domain's DNS check, finding by finding (MX, SPF, DMARC, DKIM, alignment): the
 * status as icon and word, the sentence of what was found, the fix, and the raw record in
 * monospace. The run's "DNS" evidence panel and the "Check DNS" dialog both show it.
 */
import { Badge, Text, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import {
  CheckmarkCircle16Filled,
  DismissCircle16Filled,
  Info16Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { CheckStatus, DnsCheckReport } from '../../../electron/services/dns-check/types';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  finding: {
    display: 'grid',
    gridTemplateColumns: '96px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':first-child': { borderTop: 'none', paddingTop: 0 },
  },
  status: { paddingTop: '1px' },
  body: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'stretch',
    gap: tokens.spacingVerticalXS,
    minWidth: 0,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  fix: { display: 'block' },
  fixLabel: { fontWeight: tokens.fontWeightSemibold },
});

const LOOK: Record<CheckStatus, { color: BadgeProps['color']; Icon: typeof Info16Regular }> = {
  pass: { color: 'success', Icon: CheckmarkCircle16Filled },
  warn: { color: 'warning', Icon: Warning16Filled },
  fail: { color: 'danger', Icon: DismissCircle16Filled },
  info: { color: 'informative', Icon: Info16Regular },
};

export function DnsStatusBadge({ status }: { status: CheckStatus }) {
  const { t } = useTranslation();
  const { color, Icon } = LOOK[status];
  return (
    <Badge appearance="tint" shape="rounded" color={color} icon={<Icon aria-hidden />}>
      {t(`dns.status.${status}`)}
    </Badge>
  );
}

export function DnsFindings({
  report,
  header = true,
}: {
  report: DnsCheckReport;
  /** "rig.test · looked up in 26 ms" above the findings (the dialog says it in its own line). */
  header?: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  return (
    <div className={styles.root} data-testid="dns-findings">
      {header && (
        <Text size={200} className={styles.muted}>
          {t('dns.checked', { domain: report.domain, duration: format.duration(report.timings.total) })}
        </Text>
      )}
      <ul className={styles.list} aria-label={t('dns.findingsLabel', { domain: report.domain })}>
        {report.findings.map((finding) => (
          <li
            key={finding.check}
            className={styles.finding}
            data-testid="dns-finding"
            data-check={finding.check}
            data-status={finding.status}
          >
            <div className={styles.status}>
              <DnsStatusBadge status={finding.status} />
            </div>
            <div className={styles.body}>
              <Text className={styles.name}>{t(`dns.check.${finding.check}`)}</Text>
              <Text>{finding.summary}</Text>
              {finding.fix && (
                <Text className={styles.fix}>
                  <span className={styles.fixLabel}>{t('dns.fix')}</span> {finding.fix}
                </Text>
              )}
              {finding.record && (
                <pre
                  className={shared.monoBlock}
                  tabIndex={0}
                  aria-label={t('dns.recordLabel', { check: t(`dns.check.${finding.check}`) })}
                >
                  {finding.record}
                </pre>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
