/**
 * Trusted certificates: certificates of servers (or of their CA) that profiles trust beyond
 * the system's store. A table (subject, issuer, valid until, source, fingerprint, used by);
 * "Import certificate…" (PEM or DER, one certificate or a bundle, chosen in main's file
 * dialog) and "Fetch from server…" (the shared fetch dialog); delete asks first.
 */
import { useState } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  CertificateRegular,
  Delete20Regular,
  DocumentAdd20Regular,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNotify } from '../../shared/notify';
import { useSharedStyles } from '../../shared/styles';
import { CertificateEmptyState, CertificatePage } from './CertificatePage';
import { useCertificateFlows, useTrustedList } from './CertificateFlows';
import { DeleteCertificateDialog } from './DeleteCertificateDialog';
import { DistinguishedName, Fingerprint, UsedBy, ValidUntil, commonName } from './certificateParts';
import { useCertificateTableStyles } from './tableStyles';
import type { TrustedItem } from './types';

const COLUMNS: Array<{ key: string; width: string }> = [
  { key: 'subject', width: '20%' },
  { key: 'issuer', width: '17%' },
  { key: 'validUntil', width: '116px' },
  { key: 'source', width: '15%' },
  { key: 'fingerprint', width: '168px' },
  { key: 'usedBy', width: '14%' },
  { key: 'actions', width: '44px' },
];

export function TrustedCertificatesScreen({ onProfilesChanged }: { onProfilesChanged(): void }) {
  const { t } = useTranslation();
  const styles = useCertificateTableStyles();
  const shared = useSharedStyles();
  const notify = useNotify();
  const flows = useCertificateFlows();
  const list = useTrustedList();
  const [pageError, setPageError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<TrustedItem | null>(null);
  const error = pageError ?? list.error;

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

  const headers: Record<string, string> = {
    subject: t('certificate.columns.subject'),
    issuer: t('certificate.columns.issuer'),
    validUntil: t('certificate.columns.validUntil'),
    source: t('certificate.columns.source'),
    fingerprint: t('certificate.columns.fingerprint'),
    usedBy: t('certificate.columns.usedBy'),
    actions: t('certificate.columns.actions'),
  };

  return (
    <CertificatePage
      title={t('trusted.title')}
      description={t('trusted.description')}
      actions={actions}
      error={error}
      onDismissError={() => setPageError(null)}
      loading={list.items === null}
    >
      {list.items?.length === 0 && !list.error && (
        <CertificateEmptyState
          icon={<CertificateRegular />}
          title={t('trusted.emptyTitle')}
          hint={t('trusted.emptyHint')}
          actions={actions}
        />
      )}
      {list.items && list.items.length > 0 && (
        <div className={styles.wrap}>
          <Table size="small" className={styles.table} aria-label={t('trusted.tableLabel')}>
            <TableHeader className={styles.header}>
              <TableRow>
                {COLUMNS.map((column) => (
                  <TableHeaderCell key={column.key} style={{ width: column.width }}>
                    {column.key === 'actions' ? (
                      <span className={shared.visuallyHidden}>{headers[column.key]}</span>
                    ) : (
                      headers[column.key]
                    )}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((item) => {
                const cert = item.certificate;
                const name = commonName(cert.subject);
                return (
                  <TableRow key={item.id} data-trusted-id={item.id}>
                    <TableCell className={styles.cell}>
                      <DistinguishedName dn={cert.subject} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      {cert.selfSigned ? (
                        <span className={styles.muted}>{t('certificate.selfSigned')}</span>
                      ) : (
                        <DistinguishedName dn={cert.issuer} />
                      )}
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <ValidUntil cert={cert} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <span>{item.sourceDetail}</span>
                      <span className={styles.secondary}>
                        {item.source === 'server' ? t('trusted.sourceServer') : t('trusted.sourceFile')}
                      </span>
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <Fingerprint value={cert.fingerprint256} of={name} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <UsedBy names={item.usedBy} />
                    </TableCell>
                    <TableCell className={styles.actionsCell}>
                      <Button
                        appearance="subtle"
                        icon={<Delete20Regular />}
                        aria-label={t('trusted.deleteOne', { name })}
                        onClick={() => setDeleting(item)}
                      />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {deleting && (
        <DeleteCertificateDialog
          kind="trusted"
          name={commonName(deleting.certificate.subject)}
          usedBy={deleting.usedBy}
          onDelete={async () => {
            const result = await api.invoke('trusted:delete', { id: deleting.id });
            return result.ok ? null : result.error.message;
          }}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            notify(t('trusted.toast.deleted', { name: commonName(deleting.certificate.subject) }));
            setDeleting(null);
            flows.changed('trusted');
            if (deleting.usedBy.length > 0) onProfilesChanged();
          }}
        />
      )}
    </CertificatePage>
  );
}
