/**
 * The profile form's SSL key picker: None, or one of the imported keys (name and subject;
 * expired ones flagged), with the chosen key's warning under it and a link to the SSL keys
 * page. It edits the form like any other field (unsaved until Save).
 */
import { Dropdown, Link, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useCertificateFlows, useKeyList } from '../trusted-certificates/CertificateFlows';
import { ExpiryChip, commonName } from '../trusted-certificates/certificateParts';
import type { KeyItem } from '../trusted-certificates/types';
import type { FieldRefs } from '../profile/fieldRefs';
import { FormField } from '../profile/FormSection';
import type { ProfileForm } from '../profile/useProfileForm';
import { say } from '../../i18n';

const NONE = '__none__';

const useStyles = makeStyles({
  dropdown: { minWidth: '0', width: '100%' },
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  optionLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

export function ClientKeyField({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const flows = useCertificateFlows();
  const list = useKeyList();
  const value = form.values.clientKeyId;
  const keys = list.items ?? [];
  const selected = keys.find((key) => key.id === value);
  const missing = value !== '' && list.items !== null && !selected;

  const label = (key: KeyItem) => {
    const base = t('sslKeys.picker.option', { name: key.name, subject: commonName(key.certificate.subject) });
    return key.certificate.expiry === 'expired' ? t('sslKeys.picker.optionExpired', { option: base }) : base;
  };
  const text =
    value === ''
      ? t('sslKeys.picker.none')
      : selected
        ? label(selected)
        : list.items === null
          ? t('common.loading')
          : t('sslKeys.picker.missing');

  const warning = missing
    ? t('sslKeys.picker.missingHint')
    : selected && selected.certificate.expiry !== 'ok'
      ? selected.warnings.length
        ? say(selected.warnings)
        : t(`certificate.expiry.${selected.certificate.expiry}`)
      : selected && form.values.security === 'none'
        ? t('sslKeys.picker.plainHint')
        : undefined;

  const hint = (
    <>
      {keys.length === 0 && list.items !== null ? t('sslKeys.picker.noneImported') : t('sslKeys.picker.hint')}{' '}
      <Link as="button" type="button" onClick={() => flows.goTo('ssl-keys')}>
        {t('sslKeys.picker.manage')}
      </Link>
    </>
  );

  return (
    <FormField
      label={t('profile.fields.clientKeyId')}
      hint={hint}
      validationState={warning ? 'warning' : 'none'}
      validationMessage={warning}
    >
      <Dropdown
        ref={refs.register('clientKeyId')}
        className={styles.dropdown}
        value={text}
        selectedOptions={[value === '' ? NONE : value]}
        onOptionSelect={(_, data) => {
          if (data.optionValue === undefined) return;
          form.set('clientKeyId', data.optionValue === NONE ? '' : data.optionValue);
        }}
      >
        <Option value={NONE}>{t('sslKeys.picker.none')}</Option>
        {keys.map((key) => (
          <Option key={key.id} value={key.id} text={label(key)}>
            <span className={styles.option}>
              <span className={styles.optionLine}>
                <Text weight="semibold">{key.name}</Text>
                <ExpiryChip expiry={key.certificate.expiry} />
              </span>
              <Text size={200} className={styles.muted}>
                {key.certificate.subject}
              </Text>
            </span>
          </Option>
        ))}
        {missing && (
          <Option value={value} text={t('sslKeys.picker.missing')}>
            {t('sslKeys.picker.missing')}
          </Option>
        )}
      </Dropdown>
    </FormField>
  );
}
