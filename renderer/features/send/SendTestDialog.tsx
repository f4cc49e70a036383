/**
 * "Send test message" (or "Check without sending"): asks for the recipient, then runs the
 * form as it stands (even unsaved) and shows the phases filling in, then the result.
 */
import { useState, type ReactNode } from 'react';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Send20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { addressSchema } from '../../../electron/services/settings/profile-schema';
import { type Profile, type ProfileFields } from '../../../electron/services/settings/profile';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { translateKey } from '../../i18n';
import { FormDialog } from '../../shared/FormDialog';
import { RunResult } from '../run-result/RunResult';
import type { FetchTarget } from '../trusted-certificates/types';
import { useTestRun } from './useTestRun';
import { answer, ConsentPrompt, onlyPlaintext, type TypedPasswords } from './ConsentPrompt';

const NOTHING_TYPED: TypedPasswords = { password: '', imapPassword: '' };

const useStyles = makeStyles({
  surface: { maxWidth: '680px', width: 'calc(100vw - 48px)' },
  route: { color: tokens.colorNeutralForeground3 },
});

export function SendTestDialog({
  profile,
  fields,
  dryRun,
  onClose,
  onFinished,
  onApplyFix,
  failureActions,
  onFetchAndTrust,
}: {
  profile: Profile;
  /** The form's current values (validated), which the run uses instead of the saved ones. */
  fields: ProfileFields;
  dryRun: boolean;
  onClose(): void;
  onFinished(): void;
  onApplyFix(settings: Record<string, unknown>): void;
  /** More buttons for a failure ("Open the Gmail guide"). */
  failureActions?: (record: RunRecord) => ReactNode;
  /** "Fetch and trust…" of an untrusted server certificate (the editor opens the fetch dialog). */
  onFetchAndTrust?: (target: FetchTarget) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [to, setTo] = useState(fields.lastRecipient || profile.lastRecipient || '');
  const [toError, setToError] = useState<string | undefined>();
  const [remembered, setRemembered] = useState(to);
  const { state, start, reset } = useTestRun(onFinished);
  const asking = state.status === 'idle';
  const running = state.status === 'running';
  const [typed, setTyped] = useState<TypedPasswords>(NOTHING_TYPED);

  /** Runs again with the user's answer: the consents given, or the passwords typed. */
  const accept = () => {
    if (state.status !== 'consent') return;
    const { run, requests } = state;
    setTyped(NOTHING_TYPED);
    void start({
      ...run,
      consents: [...(run.consents ?? []), ...answer(requests, typed)],
      ...(typed.password ? { password: typed.password } : {}),
      ...(typed.imapPassword ? { imapPassword: typed.imapPassword } : {}),
    });
  };

  const submit = () => {
    if (state.status === 'consent') return accept();
    if (!asking) return;
    const checked = addressSchema.safeParse(to.trim());
    if (!checked.success) {
      setToError(checked.error.issues[0]?.message);
      return;
    }
    setRemembered(checked.data);
    void start({
      profileId: profile.id,
      to: checked.data,
      dryRun,
      fields: { ...fields, lastRecipient: checked.data },
    });
  };

  const title = dryRun ? t('send.titleDryRun') : t('send.title');
  /** The mailbox the delivery check watches for the message, if it is on. */
  const watched = fields.delivery.enabled && !dryRun ? fields.delivery.username : undefined;
  const route = t('send.route', {
    host: fields.host,
    port: fields.port,
    protocol: t(`security.${fields.security}`),
  });

  return (
    <FormDialog
      title={title}
      aria-label={title}
      className={styles.surface}
      noValidate
      stacked
      onDismiss={onClose}
      onSubmit={submit}
      actions={
        state.status === 'consent' ? (
          <>
            <Button appearance="secondary" onClick={onClose}>
              {t('consent.cancel')}
            </Button>
            <Button appearance="primary" type="submit" icon={<Send20Regular />}>
              {onlyPlaintext(state.requests) ? t('consent.acceptPlaintext') : t('consent.accept')}
            </Button>
          </>
        ) : asking ? (
          <>
            <Button appearance="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button appearance="primary" type="submit" icon={<Send20Regular />}>
              {dryRun ? t('send.check') : t('send.send')}
            </Button>
          </>
        ) : (
          <>
            <Button appearance="secondary" disabled={running} onClick={reset}>
              {t('send.again')}
            </Button>
            <Button appearance="primary" onClick={onClose}>
              {t('common.close')}
            </Button>
          </>
        )
      }
    >
      <Text size={200} className={styles.route}>
        {route}
      </Text>
      {asking ? (
        <>
          <Text>
            {dryRun
              ? t('send.explainDryRun')
              : watched
                ? t('send.explainDelivery', { from: fields.from, mailbox: watched })
                : t('send.explain', { from: fields.from })}
          </Text>
          <Field label={t('send.recipient')} required validationMessage={translateKey(toError)}>
            <Input
              type="email"
              autoFocus
              value={to}
              spellCheck={false}
              placeholder={t('send.recipientPlaceholder')}
              onChange={(_, data) => {
                setTo(data.value);
                setToError(undefined);
              }}
            />
          </Field>
        </>
      ) : (
        <>
          <Text>{t('send.recipientShown', { to: remembered })}</Text>
          {state.status === 'consent' && (
            <ConsentPrompt requests={state.requests} typed={typed} onType={setTyped} />
          )}
          {state.status === 'refused' && (
            <MessageBar intent="error" layout="multiline" data-testid="send-refused">
              <MessageBarBody>{state.message}</MessageBarBody>
            </MessageBar>
          )}
          <RunResult
            record={state.status === 'done' ? state.record : null}
            live={state.status === 'running' || state.status === 'refused' ? state.phases : []}
            running={running}
            onApplyFix={onApplyFix}
            failureActions={failureActions}
            onFetchAndTrust={onFetchAndTrust}
            mailbox={watched}
          />
        </>
      )}
    </FormDialog>
  );
}
