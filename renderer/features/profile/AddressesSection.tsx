/**
 * Addresses: From (required) and Reply-To (optional); they become the message headers.
 * Beside the title, "Check the From domain's DNS" (MX, SPF for this server, DMARC, DKIM).
 */
import { useTranslation } from 'react-i18next';
import { CheckDnsButton } from '../dns-check/CheckDnsButton';
import type { FieldRefs } from './fieldRefs';
import { FormSection } from './FormSection';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

export function AddressesSection({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  return (
    <FormSection
      id="section-addresses"
      title={t('profile.sections.addresses')}
      action={<CheckDnsButton form={form} refs={refs} />}
    >
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
