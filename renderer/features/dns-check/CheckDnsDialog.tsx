/**
 * "Check the From domain's DNS": what receivers look up for mail from the form's From
 * address sent through the form's server — MX, SPF (does it allow this relay?), DMARC, the
 * DKIM key of the selector, alignment — as findings with their fixes and raw records.
 */
import { useEffect, useState } from 'react';
import { ArrowClockwise16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../electron/ipc/contract';
import type { DnsCheckReport } from '../../../electron/services/dns-check/types';
import { api } from '../../api';
import { translateKey } from '../../i18n';
import { CheckDialog, CheckRefused, CheckSpinner } from '../../shared/CheckDialog';
import { useFormat } from '../../shared/format';
import { DnsFindings } from './DnsFindings';

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
    <CheckDialog
      title={title}
      intro={
        <>
          {dkimSelector
            ? t('dns.dialog.route', { from, relay: relayHost, selector: dkimSelector })
            : t('dns.dialog.routeNoSelector', { from, relay: relayHost })}
          {state.status === 'done' &&
            ` · ${t('dns.lookedUp', { duration: format.duration(state.report.timings.total) })}`}
        </>
      }
      run={{
        label: t('dns.dialog.again'),
        icon: <ArrowClockwise16Regular />,
        disabled: state.status === 'loading',
        onClick: () => {
          setState({ status: 'loading' });
          setAttempt((n) => n + 1);
        },
      }}
      onClose={onClose}
    >
      {state.status === 'loading' && <CheckSpinner label={t('dns.dialog.loading')} />}
      {state.status === 'refused' && (
        <CheckRefused message={state.message} reasons={state.reasons} testId="dns-refused" />
      )}
      {state.status === 'done' && <DnsFindings report={state.report} header={false} />}
    </CheckDialog>
  );
}
