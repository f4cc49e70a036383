/**
 * SSL keys: the keystores (the client's key pair and certificates) a profile can present as
 * its client certificate. A table (name, subject, issuer, valid until, key, client
 * authentication, fingerprint, used by); "Import key…" opens main's file dialog (a PEM key
 * and its chain may be two files), then the import dialog; delete asks first and names the
 * profiles that use the key.
 */
import { useState } from 'react';
import { Button } from '@fluentui/react-components';
import { KeyMultipleRegular, ArrowImport20Regular, Warning16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ChannelResult } from '../../../electron/ipc/contract';
import { api } from '../../api';
import { useNotify } from '../../shared/notify';
import { CertificatePage } from '../trusted-certificates/CertificatePage';
import { useCertificateFlows, useKeyList } from '../trusted-certificates/CertificateFlows';
import { CertificateTable, type CertificateColumn } from '../trusted-certificates/CertificateTable';
import { useCertificateFormat } from '../trusted-certificates/certificateParts';
import { useCertificateTableStyles } from '../trusted-certificates/tableStyles';
import type { KeyItem } from '../trusted-certificates/types';
import { ImportKeyDialog } from './ImportKeyDialog';
import { say } from '../../i18n';

type Chosen = NonNullable<ChannelResult<'files:choose'>>;

export function SslKeysScreen({ onProfilesChanged }: { onProfilesChanged(): void }) {
  const { t } = useTranslation();
  const styles = useCertificateTableStyles();
  const notify = useNotify();
  const format = useCertificateFormat();
  const flows = useCertificateFlows();
  const list = useKeyList();
  const [pageError, setPageError] = useState<string | null>(null);
  const [choosing, setChoosing] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);

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

  const columns: Array<CertificateColumn<KeyItem>> = [
    {
      key: 'name',
      width: '18%',
      header: t('sslKeys.columns.name'),
      cell: (item) => (
        <>
          <span className={styles.name}>{item.name}</span>
          {item.warnings.length > 0 && (
            <span className={styles.warning} data-testid="key-warning">
              <Warning16Filled aria-hidden className={styles.warningIcon} />
              <span>{say(item.warnings)}</span>
            </span>
          )}
        </>
      ),
    },
    { key: 'subject', width: '14%' },
    { key: 'issuer', width: '11%' },
    { key: 'validUntil', width: '116px' },
    {
      key: 'key',
      width: '80px',
      header: t('sslKeys.columns.key'),
      cell: (item) => format.key(item.certificate),
    },
    {
      key: 'clientAuth',
      width: '64px',
      header: t('sslKeys.columns.clientAuth'),
      cell: (item) => (item.certificate.clientAuth ? t('sslKeys.clientAuthYes') : t('sslKeys.clientAuthNo')),
    },
    { key: 'fingerprint', width: '168px' },
    { key: 'usedBy', width: '10%' },
  ];

  return (
    <CertificatePage
      title={t('sslKeys.title')}
      description={t('sslKeys.description')}
      actions={importButton('primary')}
      error={pageError}
      onDismissError={() => setPageError(null)}
      list={list}
      empty={{
        icon: <KeyMultipleRegular />,
        title: t('sslKeys.emptyTitle'),
        hint: t('sslKeys.emptyHint'),
        actions: importButton('secondary'),
      }}
    >
      <CertificateTable
        kind="key"
        label={t('sslKeys.tableLabel')}
        items={list.items}
        columns={columns}
        nameOf={(item) => item.name}
        onProfilesChanged={onProfilesChanged}
      />
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
    </CertificatePage>
  );
}
