/**
 * What to use, from a check: "Use port 587 with SMTP+STARTTLS", set against what the form
 * has, with "Use these settings" when they differ (into the form, unsaved, like Apply fix);
 * or, when nothing worked, that no server answered and what to look at.
 */
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Wrench16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { SECURITY_MODES, type Security } from '../../../electron/services/settings/profile';
import { useFormat } from '../../shared/format';
import type { ProbeReport } from './useServerProbe';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
});

export interface ProposedSettings {
  port: number;
  security: Security;
}

/** The report's proposal as form settings, if it has one. */
export function proposedSettings(report: ProbeReport): ProposedSettings | null {
  const settings = report.fix?.settings ?? {};
  const { port, security } = settings as { port?: unknown; security?: unknown };
  if (typeof port !== 'number' || !(SECURITY_MODES as readonly unknown[]).includes(security)) return null;
  return { port, security: security as Security };
}

export function ProbeProposal({
  report,
  current,
  onUse,
}: {
  report: ProbeReport;
  /** The form's port and protocol. */
  current: ProposedSettings;
  onUse(settings: ProposedSettings): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const proposed = proposedSettings(report);

  if (!proposed) {
    const silent = report.ports.every((p) => p.security === null);
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="probe-proposal">
        <MessageBarBody className={styles.body}>
          <MessageBarTitle>
            {silent
              ? t('probe.proposal.noServer', {
                  host: report.host,
                  ports: format.list(report.ports.map((p) => String(p.port))),
                })
              : t('probe.proposal.noneWorks', { host: report.host })}
          </MessageBarTitle>
          {silent && t('probe.proposal.noServerHint')}
        </MessageBarBody>
      </MessageBar>
    );
  }

  const differs = proposed.port !== current.port || proposed.security !== current.security;
  return (
    <MessageBar intent={differs ? 'info' : 'success'} layout="multiline" data-testid="probe-proposal">
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>
          {t('probe.proposal.use', { port: proposed.port, protocol: t(`security.${proposed.security}`) })}
        </MessageBarTitle>
        {differs
          ? t('probe.proposal.formDiffers', {
              port: current.port,
              protocol: t(`security.${current.security}`),
            })
          : t('probe.proposal.formMatches')}
      </MessageBarBody>
      {differs && (
        <MessageBarActions>
          <Button
            appearance="primary"
            size="small"
            icon={<Wrench16Regular />}
            onClick={() => onUse(proposed)}
          >
            {t('probe.useSettings')}
          </Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
