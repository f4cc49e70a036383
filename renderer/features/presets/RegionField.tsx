/**
 * The region of a provider with regional endpoints (Amazon SES): picking one fills the
 * server address from the preset's template (email-smtp.<region>.amazonaws.com). The region
 * is read back from the address, so it is never stored twice.
 */
import { Select } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { presetHost, type Preset } from '../../../electron/services/presets';
import { FormField } from '../profile/FormSection';
import type { ProfileForm } from '../profile/useProfileForm';
import { regionOfHost } from './presetSetup';

export function RegionField({ preset, form }: { preset: Preset; form: ProfileForm }) {
  const { t } = useTranslation();
  const regions = preset.regions ?? [];
  const region = regionOfHost(preset, form.values.host) ?? '';
  return (
    <FormField label={t('about.region')} hint={t('about.regionHint', { name: preset.name })} required>
      <Select
        value={region}
        onChange={(_, data) => {
          if (!data.value) return;
          form.set('host', presetHost(preset, data.value));
          form.touch('host');
        }}
      >
        <option value="" disabled>
          {t('about.regionChoose')}
        </option>
        {regions.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </Select>
    </FormField>
  );
}
