/**
 * "Check the From domain's DNS": what receivers look up for mail from the form's From
 * address sent through the form's server — MX, SPF (does it allow this relay?), DMARC, the
 * DKIM key of the selector, alignment — as findings with their fixes and raw records.
 */
import { useEffect, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../electron/ipc/contract';
import type { DnsCheckReport } from '../../../electron/services/dns-check/types';
import { api } from '../../api';
import { translateKey } from '../../i18n';
import { useFormat } from '../../shared/format';
import { FormDialog } from '../../shared/FormDialog';
import { DnsFindings } from './DnsFindings';

const useStyles = makeStyles({
  surface: { maxWidth: '720px', width: 'calc(100vw - 48px)' },
  muted: { color: tokens.colorNeutralForeground3 },
  spinner: { justifyContent: 'flex-start', padding: `${tokens.spacingVerticalS} 0` },
  reasons: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

type DnsCheckState =
  | { status: 'loading' }
  | { status: 'done'; report: DnsCheckReport }
  | { status: 'refused'; message: string; reasons: string[] };

export type DnsCheckInput = ChannelInput<'dns:check'>;

/** The domain of an address, for the title before the check has said it. */
function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export function CheckDnsDialog({ input, onClose }: { input: DnsCheckInput; onClose(): void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<DnsCheckState>({ status: 'loading' });
  const { from, relayHost, dkimSelector } = input;

  useEffect(() => {
    let live = true;
    void api
      .invoke('dns:check', { from, relayHost, ...(dkimSelector ? { dkimSelector } : {}) })
      .then((result) => {
        if (!live) return;
        setState(
          result.ok
            ? { status: 'done', report: result.value }
            : {
                status: 'refused',
                message: result.error.message,
                reasons: Object.values(result.error.fields ?? {}).map((key) => translateKey(key) ?? key),
              },
        );
      });
    return () => {
      live = false;
    };
  }, [from, relayHost, dkimSelector, attempt]);

  const domain = state.status === 'done' ? state.report.domain : domainOf(from);
  const title = t('dns.dialog.title', { domain });

  return (
    <FormDialog
      title={title}
      aria-label={title}
      className={styles.surface}
      stacked
      onDismiss={onClose}
      onSubmit={onClose}
      actions={
        <>
          <Button
            appearance="secondary"
            icon={<ArrowClockwise16Regular />}
            disabled={state.status === 'loading'}
            onClick={() => {
              setState({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            {t('dns.dialog.again')}
          </Button>
          <Button appearance="primary" type="submit">
            {t('common.close')}
          </Button>
        </>
      }
    >
      <Text size={200} className={styles.muted}>
        {dkimSelector
          ? t('dns.dialog.route', { from, relay: relayHost, selector: dkimSelector })
          : t('dns.dialog.routeNoSelector', { from, relay: relayHost })}
        {state.status === 'done' &&
          ` · ${t('dns.lookedUp', { duration: format.duration(state.report.timings.total) })}`}
      </Text>
      {state.status === 'loading' && (
        <Spinner
          size="tiny"
          labelPosition="after"
          label={t('dns.dialog.loading')}
          className={styles.spinner}
        />
      )}
      {state.status === 'refused' && (
        <MessageBar intent="error" layout="multiline" data-testid="dns-refused">
          <MessageBarBody>
            {state.message}
            {state.reasons.length > 0 && (
              <ul className={styles.reasons}>
                {state.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'done' && <DnsFindings report={state.report} header={false} />}
    </FormDialog>
  );
}
