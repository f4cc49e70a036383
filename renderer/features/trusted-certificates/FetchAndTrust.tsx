/**
 * "Fetch and trust…" on a run that failed because the server's certificate is not trusted
 * (TLS_CERT_UNTRUSTED) or is not the pinned one (TLS_PIN_MISMATCH: a look at the new
 * certificate before trusting it): opens the fetch dialog for the run's host, port and protocol. In
 * the send dialog the profile editor closes that dialog first (one modal at a time) and
 * ticks what the user trusted in the form; in the test log the dialog opens directly.
 */
import { useCallback } from 'react';
import { Button } from '@fluentui/react-components';
import { ShieldKeyhole16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { useNotify } from '../../shared/notify';
import type { ProfileForm } from '../profile/useProfileForm';
import { useCertificateFlows } from './CertificateFlows';
import { commonName } from './certificateParts';
import { addTrusted } from './TrustedCertificatesField';
import type { FetchTarget } from './types';

/** Where to fetch from, when this failed run is one that trusting a certificate can fix. */
export function fetchTargetOf(record: RunRecord): FetchTarget | null {
  const fetchable = record.code === 'TLS_CERT_UNTRUSTED' || record.code === 'TLS_PIN_MISMATCH';
  if (!fetchable || record.security === 'none') return null;
  return { host: record.host, port: record.port, security: record.security };
}

export function FetchAndTrustButton({
  target,
  onFetchAndTrust,
}: {
  target: FetchTarget;
  /** Who opens the dialog (the profile editor); without it the dialog opens here. */
  onFetchAndTrust?: (target: FetchTarget) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const flows = useCertificateFlows();
  const open = () => {
    if (onFetchAndTrust) {
      onFetchAndTrust(target);
      return;
    }
    flows.openFetch({
      target,
      autoFetch: true,
      onPinned: (certificate) =>
        notify(t('trusted.toast.pinned', { name: commonName(certificate.certificate.subject) })),
    });
  };
  return (
    <Button appearance="primary" size="small" icon={<ShieldKeyhole16Regular />} onClick={open}>
      {t('trusted.fetchAndTrust')}
    </Button>
  );
}

/**
 * The profile editor's "Fetch and trust…": closes its dialogs, opens the fetch dialog, and
 * ticks the certificate the user trusted in the form (unsaved, like Apply fix).
 */
export function useFetchAndTrust(form: ProfileForm, closeDialogs: () => void) {
  const { t } = useTranslation();
  const notify = useNotify();
  const flows = useCertificateFlows();
  return useCallback(
    (target: FetchTarget) => {
      closeDialogs();
      flows.openFetch({
        target,
        autoFetch: true,
        onPinned: (certificate) => {
          addTrusted(form, certificate.id);
          notify(t('trusted.toast.pinnedForProfile', { name: commonName(certificate.certificate.subject) }));
        },
      });
    },
    [closeDialogs, flows, form, notify, t],
  );
}
