/**
 * Sets or changes a saved profile's password (write-only: it goes to the keychain): the SMTP
 * password, with `kind="imap"` the delivery check's IMAP password, with
 * `kind="clientSecret"` the OAuth2 client secret.
 */
import { useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { passwordSchema } from '../../../electron/services/settings/profile-schema';
import { type Profile } from '../../../electron/services/settings/profile';
import { api } from '../../api';
import { translateKey } from '../../i18n';
import { FormDialog } from '../../shared/FormDialog';
import { SubmitButton } from '../../shared/SubmitButton';

export function PasswordDialog({
  profile,
  open,
  onClose,
  onSaved,
  kind = 'smtp',
  username,
}: {
  profile: Profile;
  open: boolean;
  onClose(): void;
  onSaved(profile: Profile): void;
  /** Which secret: the SMTP server's password (default), the IMAP mailbox's, or the OAuth2 client secret. */
  kind?: 'smtp' | 'imap' | 'clientSecret';
  /** Whose password, as the form shows it now; the saved username by default. */
  username?: string;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const imap = kind === 'imap';
  const secret = kind === 'clientSecret';
  const isSet = imap ? profile.imapPasswordSet : secret ? profile.oauthClientSecretSet : profile.passwordSet;
  const title = secret
    ? t('profile.oauth.secretDialog.title')
    : imap
      ? isSet
        ? t('passwordDialog.titleChangeImap')
        : t('passwordDialog.titleSetImap')
      : isSet
        ? t('passwordDialog.titleChange')
        : t('passwordDialog.titleSet');
  const owner = username || (imap ? profile.delivery.username : profile.username) || profile.name;

  const close = () => {
    setPassword('');
    setFieldError(undefined);
    setError(null);
    onClose();
  };

  const save = async () => {
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message);
      return;
    }
    setBusy(true);
    const result = secret
      ? await api.invoke('oauth:setClientSecret', { id: profile.id, secret: password })
      : await api.invoke(imap ? 'profiles:setImapPassword' : 'profiles:setPassword', {
          id: profile.id,
          password,
        });
    setBusy(false);
    if (!result.ok) {
      setFieldError(result.error.fields?.password);
      setError(result.error.message);
      return;
    }
    setPassword('');
    setError(null);
    onSaved(result.value);
  };

  return (
    <FormDialog
      open={open}
      title={title}
      onDismiss={close}
      onSubmit={() => void save()}
      stacked
      actions={
        <>
          <Button appearance="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <SubmitButton busy={busy}>{t('passwordDialog.save')}</SubmitButton>
        </>
      }
    >
      {secret
        ? t('profile.oauth.secretDialog.body', { clientId: owner })
        : imap
          ? t('passwordDialog.bodyImap', { username: owner })
          : t('passwordDialog.body', { username: owner })}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field
        label={secret ? t('profile.oauth.clientSecret') : t('passwordDialog.label')}
        required
        validationMessage={translateKey(fieldError)}
      >
        <Input
          type="password"
          autoFocus
          autoComplete="new-password"
          value={password}
          onChange={(_, data) => {
            setPassword(data.value);
            setFieldError(undefined);
          }}
        />
      </Field>
    </FormDialog>
  );
}
