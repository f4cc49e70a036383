/**
 * The profile form's Trusted certificates: which imported certificates this profile trusts
 * beyond the system's store (a multi-select), "Fetch from this server…" (the fetch dialog
 * for the form's address, port and protocol; what the user trusts there is ticked here) and
 * a link to the Trusted certificates page. It edits the form (unsaved until Save).
 */
import { Button, Dropdown, Link, Option, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../shared/notify';
import type { FieldRefs } from '../profile/fieldRefs';
import { FormField } from '../profile/FormSection';
import type { ProfileForm } from '../profile/useProfileForm';
import { useCertificateFlows, useTrustedList } from './CertificateFlows';
import { ExpiryChip, commonName, shortFingerprint } from './certificateParts';
import type { FetchTarget, TrustedItem } from './types';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  dropdown: { flex: '1 1 auto', minWidth: 0 },
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  optionLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  fetch: { flexShrink: 0 },
});

/** Adds a pinned certificate to the form's list (once). */
export function addTrusted(form: ProfileForm, id: string): void {
  const ids = form.values.trustedCertificateIds;
  if (!ids.includes(id)) form.set('trustedCertificateIds', [...ids, id]);
}

export function TrustedCertificatesField({ form, refs }: { form: ProfileForm; refs: FieldRefs }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const notify = useNotify();
  const flows = useCertificateFlows();
  const list = useTrustedList();
  const items = list.items ?? [];
  const ids = form.values.trustedCertificateIds;
  const known = items.filter((item) => ids.includes(item.id));
  const unknown = list.items === null ? 0 : ids.filter((id) => !items.some((item) => item.id === id)).length;

  const label = (item: TrustedItem) => commonName(item.certificate.subject);
  const text = [
    ...known.map(label),
    ...(unknown > 0 ? [t('trusted.picker.missing', { count: unknown })] : []),
  ].join(t('common.listSeparator'));

  const security = form.values.security;
  const target: FetchTarget | null =
    form.probeTarget && security !== 'none' ? { ...form.probeTarget, security } : null;

  const fetchFromServer = () => {
    if (!target) return;
    flows.openFetch({
      target,
      autoFetch: true,
      onPinned: (certificate) => {
        addTrusted(form, certificate.id);
        notify(t('trusted.toast.pinnedForProfile', { name: commonName(certificate.certificate.subject) }));
      },
    });
  };

  const hint = (
    <>
      {items.length === 0 && list.items !== null
        ? t('trusted.picker.noneImported')
        : t('trusted.picker.hint')}{' '}
      <Link as="button" type="button" onClick={() => flows.goTo('trusted')}>
        {t('trusted.picker.manage')}
      </Link>
    </>
  );

  return (
    <FormField label={t('profile.fields.trustedCertificateIds')} hint={hint}>
      {(fieldProps) => (
        <div className={styles.row}>
          <Dropdown
            {...fieldProps}
            ref={refs.register('trustedCertificateIds')}
            className={styles.dropdown}
            multiselect
            disabled={list.items !== null && items.length === 0 && ids.length === 0}
            placeholder={t('trusted.picker.placeholder')}
            value={text}
            selectedOptions={ids}
            onOptionSelect={(_, data) =>
              form.set(
                'trustedCertificateIds',
                data.selectedOptions.filter((id) => items.some((item) => item.id === id) || ids.includes(id)),
              )
            }
          >
            {items.map((item) => (
              <Option key={item.id} value={item.id} text={label(item)}>
                <span className={styles.option}>
                  <span className={styles.optionLine}>
                    <Text weight="semibold">{label(item)}</Text>
                    <ExpiryChip expiry={item.certificate.expiry} />
                  </span>
                  <Text size={200} className={styles.muted}>
                    {t('trusted.picker.optionDetail', {
                      source: item.sourceDetail,
                      fingerprint: shortFingerprint(item.certificate.fingerprint256),
                    })}
                  </Text>
                </span>
              </Option>
            ))}
          </Dropdown>
          {target && (
            <Button
              className={styles.fetch}
              size="small"
              appearance="secondary"
              icon={<ArrowDownload16Regular />}
              onClick={fetchFromServer}
            >
              {t('trusted.picker.fetch')}
            </Button>
          )}
        </div>
      )}
    </FormField>
  );
}
