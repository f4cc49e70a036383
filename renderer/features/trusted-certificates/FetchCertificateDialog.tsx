/**
 * "Fetch from server": connects to a host and port (STARTTLS or implicit TLS), shows the
 * chain the server presented — each certificate's subject, issuer, validity, names and
 * SHA-256 fingerprint in full — and why this machine does not trust it, then asks to trust
 * one certificate with its fingerprint in view. Nothing is stored until "Trust this
 * certificate". Changing the host, port or protocol drops the chain shown, so Enter never
 * trusts a chain fetched for another server.
 */
import { useEffect, useId, useRef, useState } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
  type InputProps,
} from '@fluentui/react-components';
import { ArrowSync16Regular, ShieldCheckmark16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { hostSchema, portSchema } from '../../../electron/services/settings/profile-schema';
import { api } from '../../api';
import { say, translateKey } from '../../i18n';
import { StepFormDialog } from '../../shared/StepFormDialog';
import { useSharedStyles } from '../../shared/styles';
import { CertificateFacts, commonName } from './certificateParts';
import type { FetchTarget, FetchedChain, TrustedCertificate } from './types';

const useStyles = makeStyles({
  surface: { maxWidth: '780px', width: 'calc(100vw - 48px)' },
  muted: { color: tokens.colorNeutralForeground3 },
  target: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 96px max-content',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  radios: { flexWrap: 'nowrap' },
  /** Fills its grid column (an input's own size would push into the next one). */
  input: { width: '100%', minWidth: 0 },
  innerInput: { width: '100%', minWidth: 0 },
  spinner: { justifyContent: 'flex-start' },
  chainHeader: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalS,
  },
  chainHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  chain: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0 },
  cert: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  pinned: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  certHeader: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  confirm: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  fingerprint: { overflowWrap: 'anywhere' },
});

type Security = FetchTarget['security'];

/**
 * Which certificate "Trust" stores (as the trust store decides): the root when the server
 * sent a self-signed one (a private CA, or a self-signed server), else the server's own.
 */
export function certificateToTrust(chain: FetchedChain['chain']): number {
  const last = chain.length - 1;
  return last > 0 && chain[last]?.selfSigned ? last : 0;
}

function parseTarget(host: string, port: string, security: Security) {
  const hostResult = hostSchema.safeParse(host);
  const portNumber = /^\d{1,5}$/.test(port.trim()) ? Number(port.trim()) : Number.NaN;
  const portResult = portSchema.safeParse(portNumber);
  const errors = {
    host: hostResult.success ? undefined : hostResult.error.issues[0]?.message,
    port: portResult.success ? undefined : portResult.error.issues[0]?.message,
  };
  const target: FetchTarget | null =
    hostResult.success && portResult.success ? { host: host.trim(), port: portNumber, security } : null;
  return { target, errors };
}

/** The host or the port: a required field that fills its column of the target row. */
function TargetField({
  label,
  error,
  value,
  onValue,
  ...inputProps
}: {
  label: string;
  /** The schema's message key, once errors show. */
  error: string | undefined;
  value: string;
  onValue(value: string): void;
} & Pick<InputProps, 'autoFocus' | 'spellCheck' | 'autoComplete' | 'inputMode'>) {
  const styles = useStyles();
  return (
    <Field label={label} required validationMessage={translateKey(error)}>
      <Input
        className={styles.input}
        input={{ className: styles.innerInput }}
        value={value}
        {...inputProps}
        onChange={(_, data) => onValue(data.value)}
      />
    </Field>
  );
}

export function FetchCertificateDialog({
  initial,
  autoFetch,
  onClose,
  onPinned,
}: {
  initial: Partial<FetchTarget>;
  autoFetch: boolean;
  onClose(): void;
  onPinned(certificate: TrustedCertificate): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const chainHeadingId = useId();
  const [host, setHost] = useState(initial.host ?? '');
  const [port, setPort] = useState(initial.port ? String(initial.port) : '587');
  const [security, setSecurity] = useState<Security>(initial.security ?? 'starttls');
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState<'fetch' | 'pin' | null>(null);
  const [fetched, setFetched] = useState<FetchedChain | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  const { target, errors } = parseTarget(host, port, security);

  /** Any change to where it connects drops what was fetched from elsewhere. */
  const edit = (apply: () => void) => {
    apply();
    request.current += 1;
    setFetched(null);
    setError(null);
    setBusy(null);
  };

  const fetchChain = async () => {
    setShowErrors(true);
    if (!target) return;
    const mine = ++request.current;
    setBusy('fetch');
    setError(null);
    setFetched(null);
    const result = await api.invoke('trusted:fetch', target);
    if (mine !== request.current) return;
    setBusy(null);
    if (result.ok) setFetched(result.value);
    else setError(result.error.message);
  };

  const pin = async () => {
    if (!fetched) return;
    setBusy('pin');
    setError(null);
    const result = await api.invoke('trusted:pin', { token: fetched.token });
    setBusy(null);
    if (result.ok) onPinned(result.value);
    else setError(result.error.message);
  };

  // Opened for a server the user already named ("Fetch and trust…"): fetch at once.
  const fetchedOnOpen = useRef(false);
  useEffect(() => {
    if (!autoFetch || fetchedOnOpen.current) return;
    fetchedOnOpen.current = true;
    void fetchChain();
    // Once, on open, with the target it opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const trustIndex = fetched ? certificateToTrust(fetched.chain) : 0;
  const toTrust = fetched?.chain[trustIndex];

  return (
    <StepFormDialog
      title={t('fetchDialog.title')}
      className={styles.surface}
      onCancel={onClose}
      onSubmit={() => void (fetched ? pin() : fetchChain())}
      submitLabel={fetched ? t('fetchDialog.trust') : t('fetchDialog.fetch')}
      busy={busy === (fetched ? 'pin' : 'fetch')}
    >
      <Text size={200} className={styles.muted}>
        {t('fetchDialog.explain')}
      </Text>
      <div className={styles.target}>
        <TargetField
          label={t('fetchDialog.host')}
          error={showErrors ? errors.host : undefined}
          value={host}
          onValue={(value) => edit(() => setHost(value))}
          autoFocus={!autoFetch}
          spellCheck={false}
          autoComplete="off"
        />
        <TargetField
          label={t('fetchDialog.port')}
          error={showErrors ? errors.port : undefined}
          value={port}
          onValue={(value) => edit(() => setPort(value))}
          inputMode="numeric"
        />
        <Field label={t('fetchDialog.protocol')}>
          <RadioGroup
            layout="horizontal"
            className={styles.radios}
            value={security}
            onChange={(_, data) => edit(() => setSecurity(data.value as Security))}
          >
            <Radio value="starttls" label={t('security.starttls')} />
            <Radio value="tls" label={t('security.tls')} />
          </RadioGroup>
        </Field>
      </div>
      {busy === 'fetch' && target && (
        <Spinner
          size="tiny"
          labelPosition="after"
          className={styles.spinner}
          label={t('fetchDialog.fetching', { host: target.host, port: target.port })}
        />
      )}
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="fetch-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {fetched && toTrust && (
        <>
          {fetched.problems.length > 0 ? (
            <MessageBar intent="warning" layout="multiline" data-testid="fetch-problem">
              <MessageBarBody>
                <MessageBarTitle>{t('fetchDialog.notTrustedTitle')}</MessageBarTitle>
                {say(fetched.problems)}
                {fetched.authorizationError && (
                  <>
                    {' '}
                    <code className={shared.mono} data-testid="fetch-code">
                      {fetched.authorizationError}
                    </code>
                  </>
                )}
              </MessageBarBody>
            </MessageBar>
          ) : (
            <MessageBar intent="success" layout="multiline" data-testid="fetch-problem">
              <MessageBarBody>
                <MessageBarTitle>{t('fetchDialog.trustedTitle')}</MessageBarTitle>
                {t('fetchDialog.trustedBody')}
              </MessageBarBody>
            </MessageBar>
          )}
          <section aria-labelledby={chainHeadingId}>
            <div className={styles.chainHeader}>
              <h3 id={chainHeadingId} className={styles.chainHeading}>
                {t('fetchDialog.chainHeading', {
                  count: fetched.chain.length,
                  host: fetched.host,
                  port: fetched.port,
                })}
              </h3>
              <Button
                size="small"
                appearance="subtle"
                icon={<ArrowSync16Regular />}
                disabled={busy !== null}
                onClick={() => void fetchChain()}
              >
                {t('fetchDialog.fetchAgain')}
              </Button>
            </div>
            <ol className={styles.chain} data-testid="fetched-chain">
              {fetched.chain.map((cert, index) => (
                <li
                  key={`${cert.fingerprint256}-${index}`}
                  className={mergeClasses(styles.cert, index === trustIndex && styles.pinned)}
                  data-testid="fetched-certificate"
                >
                  <div className={styles.certHeader}>
                    <Text weight="semibold">
                      {index === 0
                        ? t('fetchDialog.serverCertificate')
                        : t('fetchDialog.issuerCertificate', { n: index })}
                    </Text>
                    {cert.selfSigned && (
                      <Badge appearance="outline" shape="rounded" color="informative">
                        {t('certificate.selfSigned')}
                      </Badge>
                    )}
                    {cert.isCA && (
                      <Badge appearance="outline" shape="rounded" color="informative">
                        {t('certificate.authority')}
                      </Badge>
                    )}
                    {index === trustIndex && (
                      <Badge
                        appearance="filled"
                        shape="rounded"
                        color="brand"
                        icon={<ShieldCheckmark16Regular aria-hidden />}
                      >
                        {t('fetchDialog.willTrust')}
                      </Badge>
                    )}
                  </div>
                  <CertificateFacts cert={cert} showKey={false} />
                </li>
              ))}
            </ol>
          </section>
          <div className={styles.confirm} data-testid="trust-confirm">
            <Text weight="semibold">
              {t('fetchDialog.confirmTitle', { name: commonName(toTrust.subject) })}
            </Text>
            <Text size={200} className={styles.muted}>
              {trustIndex === 0 ? t('fetchDialog.confirmLeaf') : t('fetchDialog.confirmRoot')}
            </Text>
            <Text size={200} className={mergeClasses(shared.mono, styles.fingerprint)}>
              {t('fetchDialog.confirmFingerprint', { fingerprint: toTrust.fingerprint256 })}
            </Text>
          </div>
        </>
      )}
    </StepFormDialog>
  );
}
