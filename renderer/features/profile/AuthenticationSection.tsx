/**
 * Authentication: "Connect anonymously" greys out (and keeps) the username and password;
 * "Log in with" a password (write-only: "Set · Change password") or OAuth2 (the client
 * registration and the sign-in, see OAuthFields); then the SSL key (the client
 * certificate) and the certificates this profile trusts beyond the system's store.
 */
import { Button, Input, Radio, RadioGroup, Switch } from '@fluentui/react-components';
import { Key20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ClientKeyField } from '../ssl-keys/ClientKeyField';
import { TrustedCertificatesField } from '../trusted-certificates/TrustedCertificatesField';
import type { FieldRefs } from './fieldRefs';
import { FormField, FormSection } from './FormSection';
import { OAuthFields, type SignInState } from './OAuthFields';
import type { Profile } from '../../../electron/services/settings/profile';
import { StatusRow } from './StatusRow';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

export function AuthenticationSection({
  form,
  refs,
  isNew,
  passwordSet,
  onChangePassword,
  profile,
  signIn,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  isNew: boolean;
  passwordSet: boolean;
  onChangePassword(): void;
  /** The saved profile (null while new), for the OAuth2 sign-in state. */
  profile: Profile | null;
  signIn: SignInState;
}) {
  const { t } = useTranslation();
  const { values } = form;
  const off = values.anonymous;
  const oauth2 = values.auth === 'oauth2';

  return (
    <FormSection id="section-auth" title={t('profile.sections.authentication')}>
      <FormField
        label={t('profile.fields.anonymous')}
        hint={off ? t('profile.hints.anonymousOn') : undefined}
      >
        <Switch
          ref={refs.register('anonymous')}
          checked={values.anonymous}
          onChange={(_, data) => {
            form.set('anonymous', data.checked);
            form.touch('username');
          }}
        />
      </FormField>
      <FormField label={t('profile.fields.auth')}>
        <RadioGroup
          ref={refs.register('auth')}
          layout="horizontal"
          disabled={off}
          value={values.auth}
          onChange={(_, data) => form.set('auth', data.value === 'oauth2' ? 'oauth2' : 'password')}
        >
          <Radio value="password" label={t('profile.oauth.password')} />
          <Radio value="oauth2" label={t('profile.oauth.oauth2')} />
        </RadioGroup>
      </FormField>
      <TextField
        form={form}
        refs={refs}
        name="username"
        label={oauth2 ? t('profile.oauth.mailbox') : undefined}
        hint={oauth2 && !off ? t('profile.oauth.mailboxHint') : undefined}
        required={!off}
        disabled={off}
        spellCheck={false}
        autoComplete="username"
      />
      {oauth2 && !off ? (
        <OAuthFields form={form} refs={refs} profile={profile} signIn={signIn} />
      ) : isNew ? (
        <FormField
          label={t('profile.fields.password')}
          hint={off ? undefined : t('profile.hints.passwordNew')}
        >
          <Input
            type="password"
            value={form.password}
            disabled={off}
            autoComplete="new-password"
            onChange={(_, data) => form.setPassword(data.value)}
          />
        </FormField>
      ) : (
        <StatusRow
          label={t('profile.fields.password')}
          status={passwordSet ? t('profile.password.set') : t('profile.password.notSet')}
          disabled={off}
          action={(statusId) => (
            <Button
              appearance="secondary"
              size="small"
              icon={<Key20Regular />}
              disabled={off}
              aria-describedby={statusId}
              onClick={onChangePassword}
            >
              {passwordSet ? t('profile.password.change') : t('profile.password.setAction')}
            </Button>
          )}
        />
      )}
      <ClientKeyField form={form} refs={refs} />
      <TrustedCertificatesField form={form} refs={refs} />
    </FormSection>
  );
}
