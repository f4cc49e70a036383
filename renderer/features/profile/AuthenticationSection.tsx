/**
 * Authentication: "Connect anonymously" greys out (and keeps) the username and password;
 * the password is write-only ("Set · Change password"); then the SSL key (the client
 * certificate) and the certificates this profile trusts beyond the system's store.
 */
import { useId } from 'react';
import { Button, Input, Label, Switch, Text } from '@fluentui/react-components';
import { Key20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { ClientKeyField } from '../ssl-keys/ClientKeyField';
import { TrustedCertificatesField } from '../trusted-certificates/TrustedCertificatesField';
import type { FieldRefs } from './fieldRefs';
import { FormField, FormSection } from './FormSection';
import { useFormStyles } from './formStyles';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

export function AuthenticationSection({
  form,
  refs,
  isNew,
  passwordSet,
  onChangePassword,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  isNew: boolean;
  passwordSet: boolean;
  onChangePassword(): void;
}) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  const passwordLabelId = useId();
  const passwordStatusId = useId();
  const { values } = form;
  const off = values.anonymous;

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
      <TextField
        form={form}
        refs={refs}
        name="username"
        required={!off}
        disabled={off}
        spellCheck={false}
        autoComplete="username"
      />
      {isNew ? (
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
        <div
          className={styles.row}
          role="group"
          aria-labelledby={passwordLabelId}
          aria-disabled={off || undefined}
        >
          <Label id={passwordLabelId} className={styles.rowLabel} disabled={off}>
            {t('profile.fields.password')}
          </Label>
          <div className={styles.rowValue}>
            <Text id={passwordStatusId} className={off ? styles.muted : undefined}>
              {passwordSet ? t('profile.password.set') : t('profile.password.notSet')}
            </Text>
            <Text aria-hidden className={styles.muted}>
              ·
            </Text>
            <Button
              appearance="secondary"
              size="small"
              icon={<Key20Regular />}
              disabled={off}
              aria-describedby={passwordStatusId}
              onClick={onChangePassword}
            >
              {passwordSet ? t('profile.password.change') : t('profile.password.setAction')}
            </Button>
          </div>
        </div>
      )}
      <ClientKeyField form={form} refs={refs} />
      <TrustedCertificatesField form={form} refs={refs} />
    </FormSection>
  );
}
