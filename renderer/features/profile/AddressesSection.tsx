/** Addresses: From (required) and Reply-To (optional); they become the message headers. */
import { Field, Input } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { translateKey } from '../../i18n';
import type { FieldRefs } from './fieldRefs';
import { useFormStyles } from './formStyles';
import type { ProfileForm } from './useProfileForm';

export function AddressesSection({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  const { values } = form;
  return (
    <section className={styles.section} aria-labelledby="section-addresses">
      <h2 id="section-addresses" className={styles.sectionTitle}>
        {t('profile.sections.addresses')}
      </h2>
      <Field
        className={styles.field}
        orientation="horizontal"
        label={t('profile.fields.from')}
        required
        validationMessage={translateKey(form.errorFor('from'))}
      >
        <Input
          ref={refs.register('from')}
          type="email"
          value={values.from}
          placeholder={t('profile.placeholders.from')}
          spellCheck={false}
          onChange={(_, data) => form.set('from', data.value)}
          onBlur={() => form.touch('from')}
        />
      </Field>
      <Field
        className={styles.field}
        orientation="horizontal"
        label={t('profile.fields.replyTo')}
        hint={t('profile.hints.replyTo')}
        validationMessage={translateKey(form.errorFor('replyTo'))}
      >
        <Input
          ref={refs.register('replyTo')}
          type="email"
          value={values.replyTo}
          spellCheck={false}
          onChange={(_, data) => form.set('replyTo', data.value)}
          onBlur={() => form.touch('replyTo')}
        />
      </Field>
    </section>
  );
}
