/** Addresses: From (required) and Reply-To (optional); they become the message headers. */
import { useTranslation } from 'react-i18next';
import type { FieldRefs } from './fieldRefs';
import { useFormStyles } from './formStyles';
import { TextField } from './TextField';
import type { ProfileForm } from './useProfileForm';

export function AddressesSection({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  return (
    <section className={styles.section} aria-labelledby="section-addresses">
      <h2 id="section-addresses" className={styles.sectionTitle}>
        {t('profile.sections.addresses')}
      </h2>
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
    </section>
  );
}
