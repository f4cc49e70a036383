/**
 * "Check server": what the server at the form's address and port offers, without signing
 * in or sending — the mode it speaks, its greeting, the EHLO keywords before and after
 * STARTTLS and the TLS session. "Check the usual ports" tries 465, 587, 25 and 2525 side by
 * side and proposes one; "Use these settings" puts a proposal into the form, unsaved.
 */
import { useEffect, useId, useRef } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ServerMultiple20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Security } from '../../../electron/services/settings/profile';
import { CheckDialog, CheckRefused, CheckSpinner } from '../../shared/CheckDialog';
import { PortDetails } from './PortDetails';
import { ProbeProposal, proposedSettings, type ProposedSettings } from './ProbeProposal';
import { UsualPorts } from './UsualPorts';
import { useServerProbe, type ProbeState } from './useServerProbe';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  usual: {
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

function Refused({ state }: { state: ProbeState }) {
  if (state.status !== 'refused') return null;
  return <CheckRefused message={state.message} testId="probe-refused" />;
}

export function CheckServerDialog({
  host,
  port,
  security,
  onApply,
  onClose,
}: {
  /** The form's address and port, as typed (valid), saved or not. */
  host: string;
  port: number;
  /** The form's protocol, to tell whether a proposal would change anything. */
  security: Security;
  onApply(settings: ProposedSettings): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const single = useServerProbe(host, port, true);
  const usual = useServerProbe(host, undefined, false);
  const usualRef = useRef<HTMLElement>(null);
  const current: ProposedSettings = { port, security };
  const portHeadingId = useId();
  const usualHeadingId = useId();

  // The usual ports' section appears below the port's details: bring it into view.
  useEffect(() => {
    if (usual.state.status !== 'idle') usualRef.current?.scrollIntoView({ block: 'nearest' });
  }, [usual.state.status]);

  const report = single.state.status === 'done' ? single.state.report : null;
  const probed = report?.ports[0];
  const proposal = report ? proposedSettings(report) : null;
  const proposalDiffers = proposal !== null && (proposal.port !== port || proposal.security !== security);

  return (
    <CheckDialog
      title={t('probe.title')}
      intro={t('probe.explain', { host })}
      run={{
        label: t('probe.checkUsual'),
        icon: <ServerMultiple20Regular />,
        // One check at a time. (So, too, Close is the first thing in focus as the dialog opens.)
        disabled: single.state.status === 'running' || usual.state.status === 'running',
        onClick: usual.start,
      }}
      onClose={onClose}
    >
      <section className={styles.section} aria-labelledby={portHeadingId} data-testid="probe-port">
        <h3 id={portHeadingId} className={styles.heading}>
          {t('probe.portHeading', { host, port })}
        </h3>
        {single.state.status === 'running' && <CheckSpinner label={t('probe.running', { host, port })} />}
        <Refused state={single.state} />
        {probed && <PortDetails probe={probed} />}
        {report && proposalDiffers && <ProbeProposal report={report} current={current} onUse={onApply} />}
      </section>
      {usual.state.status !== 'idle' && (
        <section
          ref={usualRef}
          className={mergeClasses(styles.section, styles.usual)}
          aria-labelledby={usualHeadingId}
          data-testid="probe-usual"
        >
          <h3 id={usualHeadingId} className={styles.heading}>
            {t('probe.usualHeading', { host })}
          </h3>
          {usual.state.status === 'running' && <CheckSpinner label={t('probe.runningUsual', { host })} />}
          <Refused state={usual.state} />
          {usual.state.status === 'done' && (
            <>
              <UsualPorts ports={usual.state.report.ports} />
              <ProbeProposal report={usual.state.report} current={current} onUse={onApply} />
            </>
          )}
        </section>
      )}
    </CheckDialog>
  );
}
