/**
 * The table both certificate pages share: the columns every certificate has (subject, issuer
 * valid until with its chip, fingerprint with a copy button, used by), the page's own columns
 * in between, and a delete button per row that asks first (naming the profiles that use it)
 * and tells when it is done. A page passes its columns in order; a column given only by its
 * key and width is one of the shared ones.
 */
import { useState, type ReactNode } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useNotify } from '../../shared/notify';
import { useSharedStyles } from '../../shared/styles';
import { useCertificateFlows } from './CertificateFlows';
import { DeleteCertificateDialog } from './DeleteCertificateDialog';
import { DistinguishedName, Fingerprint, UsedBy, ValidUntil } from './certificateParts';
import { useCertificateTableStyles } from './tableStyles';
import type { CertificateSummary } from './types';

/** What every row of either table has. */
export interface CertificateRow {
  id: string;
  certificate: CertificateSummary;
  usedBy: string[];
}

type SharedColumnKey = 'subject' | 'issuer' | 'validUntil' | 'fingerprint' | 'usedBy';

/** One of the columns every certificate table has, placed and sized by the page. */
interface SharedColumn {
  key: SharedColumnKey;
  width: string;
}

/** A column only one page has. */
interface OwnColumn<T> {
  key: string;
  width: string;
  header: string;
  cell(item: T): ReactNode;
}

export type CertificateColumn<T> = SharedColumn | OwnColumn<T>;

/** What differs between deleting an SSL key and a trusted certificate. */
const KINDS = {
  key: {
    channel: 'keystores:delete',
    list: 'keys',
    deleteOne: 'sslKeys.deleteOne',
    deleted: 'sslKeys.toast.deleted',
    rowId: 'data-key-id',
  },
  trusted: {
    channel: 'trusted:delete',
    list: 'trusted',
    deleteOne: 'trusted.deleteOne',
    deleted: 'trusted.toast.deleted',
    rowId: 'data-trusted-id',
  },
} as const;

const ACTIONS_WIDTH = '44px';

export function CertificateTable<T extends CertificateRow>({
  kind,
  label,
  items,
  columns,
  nameOf,
  onProfilesChanged,
}: {
  kind: keyof typeof KINDS;
  /** The table's accessible name. */
  label: string;
  /** Nothing is shown while there are none (the page shows its empty state instead). */
  items: T[] | null;
  /** In order; the delete column comes last. */
  columns: Array<CertificateColumn<T>>;
  /** How the row is named: in the copy and delete buttons' labels and the delete dialog. */
  nameOf(item: T): string;
  /** After deleting something a profile used. */
  onProfilesChanged(): void;
}) {
  const { t } = useTranslation();
  const styles = useCertificateTableStyles();
  const shared = useSharedStyles();
  const notify = useNotify();
  const flows = useCertificateFlows();
  const [deleting, setDeleting] = useState<T | null>(null);
  const config = KINDS[kind];

  const sharedHeaders: Record<SharedColumnKey, string> = {
    subject: t('certificate.columns.subject'),
    issuer: t('certificate.columns.issuer'),
    validUntil: t('certificate.columns.validUntil'),
    fingerprint: t('certificate.columns.fingerprint'),
    usedBy: t('certificate.columns.usedBy'),
  };

  const sharedCell = (key: SharedColumnKey, item: T): ReactNode => {
    const cert = item.certificate;
    switch (key) {
      case 'subject':
        return <DistinguishedName dn={cert.subject} />;
      case 'issuer':
        return cert.selfSigned ? (
          <span className={styles.muted}>{t('certificate.selfSigned')}</span>
        ) : (
          <DistinguishedName dn={cert.issuer} />
        );
      case 'validUntil':
        return <ValidUntil cert={cert} />;
      case 'fingerprint':
        return <Fingerprint value={cert.fingerprint256} of={nameOf(item)} />;
      case 'usedBy':
        return <UsedBy names={item.usedBy} />;
    }
  };

  const headerOf = (column: CertificateColumn<T>) =>
    'header' in column ? column.header : sharedHeaders[column.key];
  const cellOf = (column: CertificateColumn<T>, item: T) =>
    'cell' in column ? column.cell(item) : sharedCell(column.key, item);

  return (
    <>
      {items && items.length > 0 && (
        <div className={styles.wrap}>
          <Table size="small" className={styles.table} aria-label={label}>
            <TableHeader className={styles.header}>
              <TableRow>
                {columns.map((column) => (
                  <TableHeaderCell key={column.key} style={{ width: column.width }}>
                    {headerOf(column)}
                  </TableHeaderCell>
                ))}
                <TableHeaderCell style={{ width: ACTIONS_WIDTH }}>
                  <span className={shared.visuallyHidden}>{t('certificate.columns.actions')}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id} {...{ [config.rowId]: item.id }}>
                  {columns.map((column) => (
                    <TableCell key={column.key} className={styles.cell}>
                      {cellOf(column, item)}
                    </TableCell>
                  ))}
                  <TableCell className={styles.actionsCell}>
                    <Button
                      appearance="subtle"
                      icon={<Delete20Regular />}
                      aria-label={t(config.deleteOne, { name: nameOf(item) })}
                      onClick={() => setDeleting(item)}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {deleting && (
        <DeleteCertificateDialog
          kind={kind}
          name={nameOf(deleting)}
          usedBy={deleting.usedBy}
          onDelete={async () => {
            const result = await api.invoke(config.channel, { id: deleting.id });
            return result.ok ? null : result.error.message;
          }}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            notify(t(config.deleted, { name: nameOf(deleting) }));
            setDeleting(null);
            flows.changed(config.list);
            if (deleting.usedBy.length > 0) onProfilesChanged();
          }}
        />
      )}
    </>
  );
}
