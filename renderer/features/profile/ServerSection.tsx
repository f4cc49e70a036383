/**
 * Server: (for a regional provider, the region,) address — with the migration warning under
 * it —, port and protocol, with the usual port as a hint and a mismatch warning; "Find
 * settings" beside the title runs autodetect.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import { Search16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../electron/services/presets';
import { USUAL_PORT } from '../../../electron/services/settings/profile-schema';
import { translateKey } from '../../i18n';
import { RegionField } from '../presets/RegionField';
import { FormField, FormSection } from './FormSection';
import { useFormStyles } from './formStyles';
import { MigrationWarning } from './MigrationWarning';
import { portAdvice, portAfterProtocolChange } from './portAdvice';
import { ProtocolPicker } from './ProtocolPicker';
import { TextField } from './TextField';
import type { FieldRefs } from './fieldRefs';
import type { ProfileForm } from './useProfileForm';

export function ServerSection({
  form,
  refs,
  preset,
  onFindSettings,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  /** The provider the profile is about, if any (a regional one asks for the region). */
  preset?: Preset;
  onFindSettings(): void;
}) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  const { values } = form;
  const advice = portAdvice(values.port, values.security);

  return (
    <FormSection
      id="section-server"
      title={t('profile.sections.server')}
      action={
        <Button size="small" appearance="subtle" icon={<Search16Regular />} onClick={onFindSettings}>
          {t('autodetect.open')}
        </Button>
      }
    >
      {preset?.regions && <RegionField preset={preset} form={form} />}
      <TextField
        form={form}
        refs={refs}
        name="host"
        required
        placeholder={t('profile.placeholders.host')}
        spellCheck={false}
        autoComplete="off"
      />
      <MigrationWarning host={values.host} />
      <TextField
        form={form}
        refs={refs}
        name="port"
        required
        className={styles.narrow}
        inputMode="numeric"
        autoComplete="off"
      />
      <FormField
        label={t('profile.fields.security')}
        hint={t('profile.hints.usualPort', {
          protocol: t(`security.${values.security}`),
          port: USUAL_PORT[values.security],
        })}
        validationMessage={translateKey(form.errorFor('security'))}
      >
        {(control) => (
          <ProtocolPicker
            value={values.security}
            labelledBy={control['aria-labelledby']}
            describedBy={control['aria-describedby']}
            onChange={(next) => {
              form.set('security', next);
              const port = portAfterProtocolChange(values.port, next);
              if (port !== values.port) form.set('port', port);
            }}
          />
        )}
      </FormField>
      {advice && (
        <MessageBar intent="warning" layout="multiline" className={styles.warning}>
          <MessageBarBody>
            {advice.kind === 'expectsImplicitTls'
              ? t('profile.advice.expectsImplicitTls', {
                  port: advice.port,
                  protocol: t(`security.${values.security}`),
                })
              : t('profile.advice.expectsPlainStart', { port: advice.port })}
          </MessageBarBody>
          <MessageBarActions>
            {advice.kind === 'expectsImplicitTls' ? (
              <>
                <Button size="small" onClick={() => form.set('security', 'tls')}>
                  {t('profile.advice.useProtocol', { protocol: t('security.tls') })}
                </Button>
                <Button size="small" onClick={() => form.set('port', String(advice.suggestedPort))}>
                  {t('profile.advice.usePort', { port: advice.suggestedPort })}
                </Button>
              </>
            ) : (
              <>
                <Button size="small" onClick={() => form.set('security', advice.suggestedSecurity)}>
                  {t('profile.advice.useProtocol', { protocol: t(`security.${advice.suggestedSecurity}`) })}
                </Button>
                <Button size="small" onClick={() => form.set('port', String(USUAL_PORT.tls))}>
                  {t('profile.advice.usePort', { port: USUAL_PORT.tls })}
                </Button>
              </>
            )}
          </MessageBarActions>
        </MessageBar>
      )}
    </FormSection>
  );
}
