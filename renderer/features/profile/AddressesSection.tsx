/** Addresses: From (required) and Reply-To (optional); they become the message headers. */
import { useTranslation } from 'react-i18next';
import type { FieldRefs } from './fieldRefs';
import { FormSection } from './FormSection';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

export function AddressesSection({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  return (
    <FormSection id="section-addresses" title={t('profile.sections.addresses')}>
      <TextField
        form={form}
        refs={refs}
        name="from"
        required
        type="email"
        placeholder={t('profile.placeholders.from')}
        spellCheck={false}
      />
      <TextField
        form={form}
        refs={refs}
        name="replyTo"
        hint={t('profile.hints.replyTo')}
        type="email"
        spellCheck={false}
      />
    </FormSection>
  );
}
