/**
 * SSL keys: the keystores (the client's key pair and certificates) a profile can present as
 * its client certificate. A table (name, subject, issuer, valid until, key, client
 * authentication, fingerprint, used by); "Import key…" opens main's file dialog (a PEM key
 * and its chain may be two files), then the import dialog; delete asks first and names the
 * profiles that use the key.
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
  Delete20Regular,
  KeyMultipleRegular,
  ArrowImport20Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ChannelResult } from '../../../electron/ipc/contract';
import { api } from '../../api';
import { useNotify } from '../../shared/notify';
import { useSharedStyles } from '../../shared/styles';
import { CertificateEmptyState, CertificatePage } from '../trusted-certificates/CertificatePage';
import { useCertificateFlows, useKeyList } from '../trusted-certificates/CertificateFlows';
import { DeleteCertificateDialog } from '../trusted-certificates/DeleteCertificateDialog';
import {
  DistinguishedName,
  Fingerprint,
  UsedBy,
  ValidUntil,
  useCertificateFormat,
} from '../trusted-certificates/certificateParts';
import { useCertificateTableStyles } from '../trusted-certificates/tableStyles';
import type { KeyItem } from '../trusted-certificates/types';
import { ImportKeyDialog } from './ImportKeyDialog';

const COLUMNS: Array<{ key: string; width: string }> = [
  { key: 'name', width: '18%' },
  { key: 'subject', width: '14%' },
  { key: 'issuer', width: '11%' },
  { key: 'validUntil', width: '116px' },
  { key: 'key', width: '80px' },
  { key: 'clientAuth', width: '64px' },
  { key: 'fingerprint', width: '168px' },
  { key: 'usedBy', width: '10%' },
  { key: 'actions', width: '44px' },
];

type Chosen = NonNullable<ChannelResult<'files:choose'>>;

export function SslKeysScreen({ onProfilesChanged }: { onProfilesChanged(): void }) {
  const { t } = useTranslation();
  const styles = useCertificateTableStyles();
  const shared = useSharedStyles();
  const notify = useNotify();
  const format = useCertificateFormat();
  const flows = useCertificateFlows();
  const list = useKeyList();
  const [pageError, setPageError] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [deleting, setDeleting] = useState<KeyItem | null>(null);
  const error = pageError ?? list.error;

  const chooseFile = async () => {
    setPageError(null);
    setChoosing(true);
    const result = await api.invoke('files:choose', { purpose: 'keystore' });
    setChoosing(false);
    if (!result.ok) setPageError(result.error.message);
    else if (result.value) setChosen(result.value);
  };

  const importButton = (appearance: 'primary' | 'secondary') => (
    <Button
      appearance={appearance}
      icon={<ArrowImport20Regular />}
      disabled={choosing}
      onClick={() => void chooseFile()}
    >
      {t('sslKeys.import')}
    </Button>
  );

  const headers: Record<string, string> = {
    name: t('sslKeys.columns.name'),
    subject: t('certificate.columns.subject'),
    issuer: t('certificate.columns.issuer'),
    validUntil: t('certificate.columns.validUntil'),
    key: t('sslKeys.columns.key'),
    clientAuth: t('sslKeys.columns.clientAuth'),
    fingerprint: t('certificate.columns.fingerprint'),
    usedBy: t('certificate.columns.usedBy'),
    actions: t('certificate.columns.actions'),
  };

  return (
    <CertificatePage
      title={t('sslKeys.title')}
      description={t('sslKeys.description')}
      actions={importButton('primary')}
      error={error}
      onDismissError={() => setPageError(null)}
      loading={list.items === null}
    >
      {list.items?.length === 0 && !list.error && (
        <CertificateEmptyState
          icon={<KeyMultipleRegular />}
          title={t('sslKeys.emptyTitle')}
          hint={t('sslKeys.emptyHint')}
          actions={importButton('secondary')}
        />
      )}
      {list.items && list.items.length > 0 && (
        <div className={styles.wrap}>
          <Table size="small" className={styles.table} aria-label={t('sslKeys.tableLabel')}>
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
                return (
                  <TableRow key={item.id} data-key-id={item.id}>
                    <TableCell className={styles.cell}>
                      <span className={styles.name}>{item.name}</span>
                      {item.warning && (
                        <span className={styles.warning} data-testid="key-warning">
                          <Warning16Filled aria-hidden className={styles.warningIcon} />
                          <span>{item.warning}</span>
                        </span>
                      )}
                    </TableCell>
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
                    <TableCell className={styles.cell}>{format.key(cert)}</TableCell>
                    <TableCell className={styles.cell}>
                      {cert.clientAuth ? t('sslKeys.clientAuthYes') : t('sslKeys.clientAuthNo')}
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <Fingerprint value={cert.fingerprint256} of={item.name} />
                    </TableCell>
                    <TableCell className={styles.cell}>
                      <UsedBy names={item.usedBy} />
                    </TableCell>
                    <TableCell className={styles.actionsCell}>
                      <Button
                        appearance="subtle"
                        icon={<Delete20Regular />}
                        aria-label={t('sslKeys.deleteOne', { name: item.name })}
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
      {chosen && (
        <ImportKeyDialog
          key={chosen.token}
          chosen={chosen}
          onClose={() => setChosen(null)}
          onImported={(key) => {
            setChosen(null);
            flows.changed('keys');
            notify(t('sslKeys.toast.imported', { name: key.name }));
          }}
        />
      )}
      {deleting && (
        <DeleteCertificateDialog
          kind="key"
          name={deleting.name}
          usedBy={deleting.usedBy}
          onDelete={async () => {
            const result = await api.invoke('keystores:delete', { id: deleting.id });
            return result.ok ? null : result.error.message;
          }}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            notify(t('sslKeys.toast.deleted', { name: deleting.name }));
            setDeleting(null);
            flows.changed('keys');
            if (deleting.usedBy.length > 0) onProfilesChanged();
          }}
        />
      )}
    </CertificatePage>
  );
}
