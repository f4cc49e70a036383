/**
 * The TLS session and the server's certificate chain (fingerprints in monospace): protocol
 * and cipher (or that no session was set up, when the certificate was refused), whether the
 * certificate verified and why not as a sentence, then each certificate of the chain.
 */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TlsInfo } from '../../../electron/services/smtp/report';
import { useSharedStyles } from '../../shared/styles';
import { useCertificateFormat } from '../trusted-certificates/certificateParts';
import { authorizationSentence } from '../../../electron/services/smtp/tls-authorization';
import { say } from '../../i18n';

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

/**
 * Why the certificate did not verify, as a sentence from Node's code (the code itself is
 * shown beside it). A record from before the codes were kept holds a sentence already.
 */
function verificationSentence(tls: TlsInfo, t: TFunction): string {
  if (tls.authorized) return t('run.tls.verifiedSentence');
  const reason = tls.authorizationError?.trim();
  if (!reason) return t('run.tls.notVerifiedUnknown');
  if (/\s/.test(reason)) return reason;
  return t('run.tls.notVerifiedCode', { reason: say(authorizationSentence(reason)) });
}

export function TlsDetails({ tls }: { tls: TlsInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useCertificateFormat();
  // A refused certificate ends the handshake: the chain was read by a second look.
  const session = tls.protocol !== '';
  // Node's code beside its sentence: what a search, or the server's administrator, knows.
  const code =
    !tls.authorized && /^[A-Z0-9_]+$/.test(tls.authorizationError ?? '') ? tls.authorizationError : null;
  return (
    <div>
      <dl className={styles.list}>
        {session ? (
          <>
            <dt className={styles.term}>{t('run.tls.protocol')}</dt>
            <dd className={styles.def} data-testid="tls-protocol">
              {tls.protocol}
            </dd>
            <dt className={styles.term}>{t('run.tls.cipher')}</dt>
            <dd className={`${styles.def} ${shared.mono}`}>{tls.cipher}</dd>
          </>
        ) : (
          <>
            <dt className={styles.term}>{t('run.tls.protocol')}</dt>
            <dd className={styles.def}>{t('run.tls.noSession')}</dd>
          </>
        )}
        <dt className={styles.term}>{t('run.tls.verified')}</dt>
        <dd className={styles.def} data-testid="tls-verified">
          {verificationSentence(tls, t)}
          {code && (
            <>
              {' '}
              <code className={shared.mono} data-testid="tls-code">
                {code}
              </code>
            </>
          )}
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
            <dt className={styles.term}>{t('run.tls.validity')}</dt>
            <dd className={styles.def}>
              {t('certificate.validityValue', {
                from: format.date(cert.validFrom),
                to: format.date(cert.validTo),
              })}
            </dd>
            <dt className={styles.term}>{t('run.tls.fingerprint')}</dt>
            <dd className={`${styles.def} ${shared.mono}`}>{cert.fingerprint256}</dd>
          </dl>
        </div>
      ))}
    </div>
  );
}
