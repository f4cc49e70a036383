/**
 * Advanced: what most profiles leave as it is. The EHLO name, for servers that refuse the
 * name Mail Preflight picks by itself (this machine's FQDN, else its address literal).
 */
import { useTranslation } from 'react-i18next';
import type { FieldRefs } from './fieldRefs';
import { FormSection } from './FormSection';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

export function AdvancedSection({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  return (
    <FormSection id="section-advanced" title={t('profile.sections.advanced')}>
      <TextField
        form={form}
        refs={refs}
        name="ehloName"
        hint={t('profile.hints.ehloName')}
        placeholder={t('profile.placeholders.ehloName')}
        spellCheck={false}
      />
    </FormSection>
  );
}
