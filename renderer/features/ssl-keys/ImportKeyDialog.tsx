/**
 * Importing an SSL key, after the user chose its file(s) in main's file dialog: main reads
 * the keystore (the renderer sees only a token and the names); the dialog asks for the
 * passphrase when it is needed ("The passphrase is wrong." inline under the field), for
 * the key when the keystore holds several, then shows what will be imported (subject,
 * issuer, validity, key, client authentication, fingerprint, and a warning such as
 * "expired") before Import. A file that cannot be read says why in one sentence, with
 * "Choose another file…".
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ChannelResult } from '../../../electron/ipc/contract';
import { api, type Result } from '../../api';
import { StepFormDialog } from '../../shared/StepFormDialog';
import { useFormat } from '../../shared/format';
import { CertificateFacts, Fact, commonName } from '../trusted-certificates/certificateParts';
import type { KeyItem, KeystoreInspection, KeystorePreview } from '../trusted-certificates/types';
import { say } from '../../i18n';

type Chosen = NonNullable<ChannelResult<'files:choose'>>;
type InspectInput = { passphrase?: string; alias?: string };

type Step =
  | { kind: 'reading' }
  /** `wrong`: the passphrase given was refused (the sentence to show under the field). */
  | { kind: 'passphrase'; wrong: string | null }
  | { kind: 'alias'; aliases: string[] }
  | { kind: 'preview'; preview: KeystorePreview }
  | { kind: 'failed'; message: string };

const useStyles = makeStyles({
  surface: { maxWidth: '680px', width: 'calc(100vw - 48px)' },
  muted: { color: tokens.colorNeutralForeground3 },
  files: { overflowWrap: 'anywhere' },
  spinner: { justifyContent: 'flex-start' },
  preview: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
});

const FORMAT_KEYS = {
  pkcs12: 'sslKeys.format.pkcs12',
  pem: 'sslKeys.format.pem',
  jks: 'sslKeys.format.jks',
} as const;

export function ImportKeyDialog({
  chosen: initialChoice,
  onClose,
  onImported,
}: {
  chosen: Chosen;
  onClose(): void;
  onImported(key: ChannelResult<'keystores:import'>): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const [chosen, setChosen] = useState(initialChoice);
  const [step, setStep] = useState<Step>({ kind: 'reading' });
  const [passphrase, setPassphrase] = useState('');
  const [alias, setAlias] = useState('');
  const [busy, setBusy] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);
  const passphraseRef = useRef<HTMLInputElement>(null);
  /** The passphrase and alias main accepted so far (sent again with every later call). */
  const accepted = useRef<InspectInput>({});

  /** Shows what main made of the keystore with this passphrase and alias. */
  const apply = useCallback((result: Result<KeystoreInspection>, input: InspectInput) => {
    if (!result.ok) {
      setStep({ kind: 'failed', message: result.error.message });
      return;
    }
    const inspection = result.value;
    if (inspection.kind === 'needs-passphrase') {
      setStep({
        kind: 'passphrase',
        wrong: input.passphrase !== undefined ? say(inspection.message) : null,
      });
      passphraseRef.current?.select();
      return;
    }
    accepted.current = input;
    if (inspection.kind === 'needs-alias') {
      setAlias(inspection.aliases[0] ?? '');
      setStep({ kind: 'alias', aliases: inspection.aliases });
    } else {
      setStep({ kind: 'preview', preview: inspection.preview });
    }
  }, []);

  const inspect = async (token: string, input: InspectInput) => {
    setBusy(true);
    setImportError(null);
    const result = await api.invoke('keystores:inspect', { token, ...input });
    setBusy(false);
    apply(result, input);
  };

  // The file was chosen before the dialog opened: read it at once (no passphrase yet).
  useEffect(() => {
    let live = true;
    void api.invoke('keystores:inspect', { token: chosen.token }).then((result) => live && apply(result, {}));
    return () => {
      live = false;
    };
  }, [chosen.token, apply]);

  const chooseAgain = async () => {
    const result = await api.invoke('files:choose', { purpose: 'keystore' });
    if (!result.ok) {
      setStep({ kind: 'failed', message: result.error.message });
      return;
    }
    if (!result.value) return; // cancelled: stay with what is shown
    accepted.current = {};
    setPassphrase('');
    setAlias('');
    setStep({ kind: 'reading' });
    setChosen(result.value);
  };

  const importKey = async () => {
    setBusy(true);
    setImportError(null);
    const result = await api.invoke('keystores:import', { token: chosen.token, ...accepted.current });
    setBusy(false);
    if (result.ok) onImported(result.value);
    else setImportError(result.error.message);
  };

  const submit = () => {
    if (busy) return;
    switch (step.kind) {
      case 'passphrase':
        void inspect(chosen.token, { passphrase });
        break;
      case 'alias':
        void inspect(chosen.token, { ...accepted.current, alias });
        break;
      case 'preview':
        void importKey();
        break;
      case 'failed':
        void chooseAgain();
        break;
      default:
        break;
    }
  };

  const close = () => {
    setPassphrase('');
    onClose();
  };

  const primary =
    step.kind === 'preview'
      ? t('sslKeys.importDialog.import')
      : step.kind === 'failed'
        ? t('sslKeys.importDialog.chooseAnother')
        : t('sslKeys.importDialog.continue');

  return (
    <StepFormDialog
      title={t('sslKeys.importDialog.title')}
      className={styles.surface}
      onCancel={close}
      onSubmit={submit}
      submitLabel={step.kind !== 'reading' ? primary : null}
      busy={busy}
    >
      <Text className={styles.files}>
        {t('sslKeys.importDialog.files', { count: chosen.names.length, names: format.list(chosen.names) })}
      </Text>
      {step.kind === 'reading' && (
        <Spinner
          size="tiny"
          labelPosition="after"
          className={styles.spinner}
          label={t('sslKeys.importDialog.reading')}
        />
      )}
      {step.kind === 'failed' && (
        <MessageBar intent="error" layout="multiline" data-testid="import-error">
          <MessageBarBody>{step.message}</MessageBarBody>
        </MessageBar>
      )}
      {step.kind === 'passphrase' && (
        <>
          <Text>{t('sslKeys.importDialog.passphraseIntro')}</Text>
          <Field
            label={t('sslKeys.importDialog.passphrase')}
            required
            hint={step.wrong ? undefined : t('sslKeys.importDialog.passphraseHint')}
            validationMessage={step.wrong ?? undefined}
          >
            <Input
              ref={passphraseRef}
              type="password"
              autoFocus
              autoComplete="off"
              value={passphrase}
              onChange={(_, data) => setPassphrase(data.value)}
            />
          </Field>
        </>
      )}
      {step.kind === 'alias' && (
        <Field
          label={t('sslKeys.importDialog.alias')}
          hint={t('sslKeys.importDialog.aliasHint', { count: step.aliases.length })}
        >
          <Select
            autoFocus
            value={alias}
            onChange={(_, data) => setAlias(data.value)}
            // A select does not submit its form on Enter by itself; here Enter continues too.
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              submit();
            }}
          >
            {step.aliases.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {step.kind === 'preview' && <KeyPreview preview={step.preview} />}
      {importError && (
        <MessageBar intent="error" layout="multiline" data-testid="import-error">
          <MessageBarBody>{importError}</MessageBarBody>
        </MessageBar>
      )}
    </StepFormDialog>
  );
}

/** What will be imported: the key's certificate in full, its chain and any warning. */
export function KeyPreview({ preview }: { preview: KeystorePreview | KeyItem }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const format = useFormat();
  const cert = preview.certificate;
  const issuers = preview.chain.slice(1).map((c) => commonName(c.subject));
  return (
    <div className={styles.preview} data-testid="key-preview">
      <Text weight="semibold">{t('sslKeys.importDialog.previewTitle', { name: preview.name })}</Text>
      {preview.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="key-warning">
          <MessageBarBody>{say(preview.warnings)}</MessageBarBody>
        </MessageBar>
      )}
      <CertificateFacts
        cert={cert}
        extra={
          <>
            <Fact term={t('sslKeys.columns.clientAuth')}>
              {cert.clientAuth ? t('sslKeys.clientAuthYes') : t('sslKeys.clientAuthNo')}
            </Fact>
            <Fact term={t('sslKeys.importDialog.format')}>{t(FORMAT_KEYS[preview.format])}</Fact>
            <Fact term={t('sslKeys.importDialog.chain')}>
              {issuers.length > 0 ? format.list(issuers) : t('sslKeys.importDialog.chainNone')}
            </Fact>
          </>
        }
      />
    </div>
  );
}
