/**
 * Server: (for a regional provider, the region,) address — with the migration warning under
 * it —, port and protocol, with the usual port as a hint and a mismatch warning; "Find
 * settings" beside the title runs autodetect.
 */
import { Button } from '@fluentui/react-components';
import { Search16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { Preset } from '../../../electron/services/presets';
import { USUAL_PORT, type Security } from '../../../electron/services/settings/profile';
import { RegionField } from '../presets/RegionField';
import { FormSection } from './FormSection';
import { MigrationWarning } from './MigrationWarning';
import { portAdvice, portAfterProtocolChange } from './portAdvice';
import { ServerAddressFields, type PortWarning } from './ServerAddressFields';
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
  const { values } = form;
  const protocol = (mode: Security) => t(`security.${mode}`);
  const advice = portAdvice(values.port, values.security);
  const warning: PortWarning | null =
    advice === null
      ? null
      : advice.kind === 'expectsImplicitTls'
        ? {
            message: t('profile.advice.expectsImplicitTls', {
              port: advice.port,
              protocol: protocol(values.security),
            }),
            fixes: [
              {
                label: t('profile.advice.useProtocol', { protocol: protocol('tls') }),
                apply: () => form.set('security', 'tls'),
              },
              {
                label: t('profile.advice.usePort', { port: advice.suggestedPort }),
                apply: () => form.set('port', String(advice.suggestedPort)),
              },
            ],
          }
        : {
            message: t('profile.advice.expectsPlainStart', { port: advice.port }),
            fixes: [
              {
                label: t('profile.advice.useProtocol', { protocol: protocol(advice.suggestedSecurity) }),
                apply: () => form.set('security', advice.suggestedSecurity),
              },
              {
                label: t('profile.advice.usePort', { port: USUAL_PORT.tls }),
                apply: () => form.set('port', String(USUAL_PORT.tls)),
              },
            ],
          };

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
      <ServerAddressFields
        form={form}
        refs={refs}
        hostField="host"
        portField="port"
        securityField="security"
        hostPlaceholder={t('profile.placeholders.host')}
        afterHost={<MigrationWarning host={values.host} />}
        usualPort={USUAL_PORT}
        labelOf={protocol}
        portAfterProtocolChange={portAfterProtocolChange}
        warning={warning}
      />
    </FormSection>
  );
}
