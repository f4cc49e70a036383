/**
 * How a certificate reads everywhere (the SSL keys and trusted certificates tables, the
 * import preview, the fetched chain, the profile's pickers): subject and issuer, validity
 * with a chip when it is close to its end or past it (icon + word + colour), the SHA-256
 * fingerprint in monospace (shortened in tables, with a copy button; in full where the
 * user decides to trust it), and the profiles that use it.
 */
import { useCallback, useMemo, type ReactElement, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Text,
  Tooltip,
  makeStyles,
  mergeClasses,
  tokens,
  type BadgeProps,
} from '@fluentui/react-components';
import { Clock16Regular, Copy16Regular, ErrorCircle16Filled, Warning16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format';
import { useNotify } from '../../shared/notify';
import { useSharedStyles } from '../../shared/styles';
import type { CertificateSummary } from './types';

const useStyles = makeStyles({
  chip: { whiteSpace: 'nowrap', flexShrink: 0 },
  validUntil: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  nowrap: { whiteSpace: 'nowrap' },
  fingerprint: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
  dn: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  def: { margin: 0, overflowWrap: 'anywhere' },
  defRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

/** "CN=mail.example.com, O=Example" → "mail.example.com" (the whole name when it has no CN). */
export function commonName(dn: string): string {
  const match = /(?:^|,\s*)CN=([^,]+)/.exec(dn);
  return match?.[1]?.trim() || dn;
}

/** The rest of a distinguished name once its CN is shown on its own. */
function withoutCommonName(dn: string): string {
  return dn
    .split(/,\s*/)
    .filter((part) => !part.startsWith('CN='))
    .join(', ');
}

/** "3F:A2:…:0B" (first four and last two bytes): enough to recognise, not to verify. */
export function shortFingerprint(fingerprint256: string): string {
  const parts = fingerprint256.split(':');
  if (parts.length <= 6) return fingerprint256;
  return `${parts.slice(0, 4).join(':')}…${parts.slice(-2).join(':')}`;
}

export function useCertificateFormat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'en';
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }),
    [lang],
  );
  const date = useCallback(
    (iso: string) => {
      const value = new Date(iso);
      return Number.isNaN(value.getTime()) ? iso : dateFormat.format(value);
    },
    [dateFormat],
  );
  /** "RSA 2048", "EC 256", or "Unknown". */
  const key = useCallback(
    (cert: Pick<CertificateSummary, 'keyType' | 'keySize'>) =>
      cert.keyType
        ? cert.keySize
          ? t('certificate.keyValue', { type: cert.keyType, size: cert.keySize })
          : cert.keyType
        : t('certificate.keyUnknown'),
    [t],
  );
  return { date, key };
}

const EXPIRY: Record<
  Exclude<CertificateSummary['expiry'], 'ok'>,
  { color: BadgeProps['color']; icon: ReactElement }
> = {
  soon: { color: 'warning', icon: <Warning16Filled aria-hidden /> },
  expired: { color: 'danger', icon: <ErrorCircle16Filled aria-hidden /> },
  'not-yet-valid': { color: 'warning', icon: <Clock16Regular aria-hidden /> },
};

/** "Expires soon" / "Expired" / "Not yet valid"; nothing while the certificate is fine. */
export function ExpiryChip({ expiry }: { expiry: CertificateSummary['expiry'] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (expiry === 'ok') return null;
  const look = EXPIRY[expiry];
  return (
    <Badge
      className={styles.chip}
      appearance="tint"
      shape="rounded"
      color={look.color}
      icon={look.icon}
      data-expiry={expiry}
    >
      {t(`certificate.expiry.${expiry}`)}
    </Badge>
  );
}

/** The end date with its chip, for a table cell. */
export function ValidUntil({ cert }: { cert: CertificateSummary }) {
  const styles = useStyles();
  const format = useCertificateFormat();
  return (
    <span className={styles.validUntil}>
      <span className={styles.nowrap}>{format.date(cert.validTo)}</span>
      <ExpiryChip expiry={cert.expiry} />
    </span>
  );
}

/** The shortened fingerprint and a button that copies it in full. */
export function Fingerprint({ value, of }: { value: string; of: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const notify = useNotify();
  const copy = () =>
    void navigator.clipboard.writeText(value).then(
      () => notify(t('certificate.fingerprintCopied')),
      () => notify(t('certificate.copyFailed'), 'error'),
    );
  return (
    <span className={styles.fingerprint}>
      <span className={mergeClasses(shared.mono, styles.nowrap)} data-fingerprint={value}>
        {shortFingerprint(value)}
      </span>
      <Tooltip content={t('certificate.copyFingerprint')} relationship="description" withArrow>
        <Button
          size="small"
          appearance="subtle"
          icon={<Copy16Regular />}
          aria-label={t('certificate.copyFingerprintOf', { name: of })}
          onClick={copy}
        />
      </Tooltip>
    </span>
  );
}

/** A subject or issuer: its CN, then the rest of the name, muted. */
export function DistinguishedName({ dn }: { dn: string }) {
  const styles = useStyles();
  const rest = withoutCommonName(dn);
  const cn = commonName(dn);
  return (
    <span className={styles.dn}>
      <span>{cn}</span>
      {cn !== dn && rest && (
        <Text size={200} className={styles.muted}>
          {rest}
        </Text>
      )}
    </span>
  );
}

/** The profiles using a key or certificate ("Production relay, Gmail test"), or "Not used". */
export function UsedBy({ names }: { names: string[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  if (names.length === 0) return <span className={styles.muted}>{t('certificate.notUsed')}</span>;
  return <span>{format.list(names)}</span>;
}

/**
 * One certificate in full: subject, issuer, validity (with its chip), the names it covers,
 * its key, and the SHA-256 fingerprint in full, monospace. `extra` rows go before the
 * fingerprint (client authentication for an SSL key).
 */
export function CertificateFacts({
  cert,
  showKey = true,
  extra,
}: {
  cert: CertificateSummary;
  showKey?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useCertificateFormat();
  return (
    <dl className={styles.facts}>
      <dt className={styles.term}>{t('certificate.subject')}</dt>
      <dd className={mergeClasses(styles.def, shared.mono)}>{cert.subject}</dd>
      <dt className={styles.term}>{t('certificate.issuer')}</dt>
      <dd className={mergeClasses(styles.def, shared.mono)}>
        {cert.selfSigned ? t('certificate.selfSignedIssuer', { issuer: cert.issuer }) : cert.issuer}
      </dd>
      <dt className={styles.term}>{t('certificate.validity')}</dt>
      <dd className={mergeClasses(styles.def, styles.defRow)}>
        <span>
          {t('certificate.validityValue', {
            from: format.date(cert.validFrom),
            to: format.date(cert.validTo),
          })}
        </span>
        <ExpiryChip expiry={cert.expiry} />
      </dd>
      {cert.subjectAltNames.length > 0 && (
        <>
          <dt className={styles.term}>{t('certificate.names')}</dt>
          <dd className={mergeClasses(styles.def, shared.mono)}>{cert.subjectAltNames.join(', ')}</dd>
        </>
      )}
      {showKey && (
        <>
          <dt className={styles.term}>{t('certificate.key')}</dt>
          <dd className={styles.def}>{format.key(cert)}</dd>
        </>
      )}
      {extra}
      <dt className={styles.term}>{t('certificate.fingerprint')}</dt>
      <dd className={mergeClasses(styles.def, shared.mono)} data-testid="fingerprint-full">
        {cert.fingerprint256}
      </dd>
    </dl>
  );
}

/** A term and its definition inside CertificateFacts' list. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.def}>{children}</dd>
    </>
  );
}
