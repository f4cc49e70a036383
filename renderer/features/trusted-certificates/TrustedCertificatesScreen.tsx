/**
 * Trusted certificates: certificates of servers (or of their CA) that profiles trust beyond
 * the system's store. A table (subject, issuer, valid until, source, fingerprint, used by);
 * "Import certificate…" (PEM or DER, one certificate or a bundle, chosen in main's file
 * dialog) and "Fetch from server…" (the shared fetch dialog); delete asks first.
 */
import { useState } from 'react';
import { Button } from '@fluentui/react-components';
import { ArrowDownload20Regular, CertificateRegular, DocumentAdd20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNotify } from '../../shared/notify';
import { CertificatePage } from './CertificatePage';
import { useCertificateFlows, useTrustedList } from './CertificateFlows';
import { CertificateTable, type CertificateColumn } from './CertificateTable';
import { commonName } from './certificateParts';
import { useCertificateTableStyles } from './tableStyles';
import type { TrustedItem } from './types';

export function TrustedCertificatesScreen({ onProfilesChanged }: { onProfilesChanged(): void }) {
  const { t } = useTranslation();
  const styles = useCertificateTableStyles();
  const notify = useNotify();
  const flows = useCertificateFlows();
  const list = useTrustedList();
  const [pageError, setPageError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  const importCertificate = async () => {
    setPageError(null);
    setImporting(true);
    const chosen = await api.invoke('files:choose', { purpose: 'certificate' });
    if (!chosen.ok || !chosen.value) {
      setImporting(false);
      if (!chosen.ok) setPageError(chosen.error.message);
      return;
    }
    const result = await api.invoke('trusted:import', { token: chosen.value.token });
    setImporting(false);
    if (!result.ok) {
      setPageError(result.error.message);
      return;
    }
    flows.changed('trusted');
    const [first] = result.value;
    notify(
      result.value.length === 1 && first
        ? t('trusted.toast.imported', { name: commonName(first.certificate.subject) })
        : t('trusted.toast.importedMany', { count: result.value.length }),
    );
  };

  const fetchFromServer = () =>
    flows.openFetch({
      onPinned: (certificate) =>
        notify(t('trusted.toast.pinned', { name: commonName(certificate.certificate.subject) })),
    });

  const actions = (
    <>
      <Button appearance="primary" icon={<ArrowDownload20Regular />} onClick={fetchFromServer}>
        {t('trusted.fetch')}
      </Button>
      <Button
        appearance="secondary"
        icon={<DocumentAdd20Regular />}
        disabled={importing}
        onClick={() => void importCertificate()}
      >
        {t('trusted.import')}
      </Button>
    </>
  );

  const columns: Array<CertificateColumn<TrustedItem>> = [
    { key: 'subject', width: '20%' },
    { key: 'issuer', width: '17%' },
    { key: 'validUntil', width: '116px' },
    {
      key: 'source',
      width: '15%',
      header: t('certificate.columns.source'),
      cell: (item) => (
        <>
          <span>{item.sourceDetail}</span>
          <span className={styles.secondary}>
            {item.source === 'server' ? t('trusted.sourceServer') : t('trusted.sourceFile')}
          </span>
        </>
      ),
    },
    { key: 'fingerprint', width: '168px' },
    { key: 'usedBy', width: '14%' },
  ];

  return (
    <CertificatePage
      title={t('trusted.title')}
      description={t('trusted.description')}
      actions={actions}
      error={pageError}
      onDismissError={() => setPageError(null)}
      list={list}
      empty={{
        icon: <CertificateRegular />,
        title: t('trusted.emptyTitle'),
        hint: t('trusted.emptyHint'),
        actions,
      }}
    >
      <CertificateTable
        kind="trusted"
        label={t('trusted.tableLabel')}
        items={list.items}
        columns={columns}
        nameOf={(item) => commonName(item.certificate.subject)}
        onProfilesChanged={onProfilesChanged}
      />
    </CertificatePage>
  );
}
