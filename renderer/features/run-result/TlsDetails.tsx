/** The TLS session and the server's certificate chain (fingerprints in monospace). */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TlsInfo } from '../../../electron/services/smtp/report';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, overflowWrap: 'anywhere' },
  cert: {
    marginTop: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
});

export function TlsDetails({ tls }: { tls: TlsInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  return (
    <div>
      <dl className={styles.list}>
        <dt className={styles.term}>{t('run.tls.protocol')}</dt>
        <dd className={styles.def}>{tls.protocol}</dd>
        <dt className={styles.term}>{t('run.tls.cipher')}</dt>
        <dd className={`${styles.def} ${shared.mono}`}>{tls.cipher}</dd>
        <dt className={styles.term}>{t('run.tls.verified')}</dt>
        <dd className={styles.def}>
          {tls.authorized
            ? t('run.tls.trusted')
            : t('run.tls.notTrusted', { reason: tls.authorizationError ?? '' })}
        </dd>
      </dl>
      {tls.chain.map((cert, index) => (
        <div key={`${cert.fingerprint256}-${index}`} className={styles.cert}>
          <Text weight="semibold" size={200}>
            {index === 0 ? t('run.tls.serverCertificate') : t('run.tls.issuerCertificate', { n: index })}
          </Text>
          <dl className={styles.list}>
            <dt className={styles.term}>{t('run.tls.subject')}</dt>
            <dd className={`${styles.def} ${shared.mono}`}>{cert.subject}</dd>
            <dt className={styles.term}>{t('run.tls.issuer')}</dt>
            <dd className={`${styles.def} ${shared.mono}`}>{cert.issuer}</dd>
            {cert.subjectAltNames.length > 0 && (
              <>
                <dt className={styles.term}>{t('run.tls.names')}</dt>
                <dd className={`${styles.def} ${shared.mono}`}>{cert.subjectAltNames.join(', ')}</dd>
              </>
            )}
            <dt className={styles.term}>{t('run.tls.validTo')}</dt>
            <dd className={styles.def}>{cert.validTo}</dd>
            <dt className={styles.term}>{t('run.tls.fingerprint')}</dt>
            <dd className={`${styles.def} ${shared.mono}`}>{cert.fingerprint256}</dd>
          </dl>
        </div>
      ))}
    </div>
  );
}
