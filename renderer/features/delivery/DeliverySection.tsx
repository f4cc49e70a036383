/**
 * Delivery check: after the server accepts a test message, watch the recipient's mailbox over
 * IMAP (Inbox and Junk) until it arrives. A switch turns it on; then the mailbox's server,
 * port, protocol (IMAP | IMAP+STARTTLS | IMAPS), username, its write-only password, how long
 * to wait and whether to delete the message once found. Below, whatever the switch says:
 * the From domain's DNS check with each run and the DKIM selector it looks up.
 */
import { Suspense, useId, useState, type ReactNode } from 'react';
import { Button, Checkbox, Input, Label, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Key20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { USUAL_IMAP_PORT, type Profile, type Security } from '../../../electron/services/settings/profile';
import { translateKey } from '../../i18n';
import type { FieldRefs } from '../profile/fieldRefs';
import { FormField, FormSection } from '../profile/FormSection';
import { useFormStyles } from '../profile/formStyles';
import { ServerAddressFields, type PortWarning } from '../profile/ServerAddressFields';
import { TextField, bindInput } from '../profile/TextField';
import type { ProfileForm } from '../profile/useProfileForm';
import { imapPortAdvice, imapPortAfterProtocolChange } from './imapPorts';
import { lazyNamed } from '../../shared/lazyNamed';

const PasswordDialog = lazyNamed(() => import('../profile/PasswordDialog'), 'PasswordDialog');

const useStyles = makeStyles({
  /** A switch or checkbox that carries its own label, in the controls' column. */
  option: {
    display: 'grid',
    gridTemplateColumns: '180px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    maxWidth: '660px',
  },
  optionControl: { gridColumn: '2', display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  optionHint: {
    color: tokens.colorNeutralForeground3,
    // Under the label text, past the control's own indicator.
    paddingLeft: tokens.spacingHorizontalS,
  },
  seconds: { maxWidth: '160px' },
  selector: { maxWidth: '240px' },
  /** The From domain's DNS: its own group, apart from the mailbox's settings. */
  dns: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '660px',
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke3}`,
  },
  /** The IMAP settings, set off from the switch that governs them. */
  imap: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

/** A switch or checkbox that carries its own label, with an optional hint under it. */
function Option({ hint, children }: { hint?: string; children(hintId: string | undefined): ReactNode }) {
  const styles = useStyles();
  const hintId = useId();
  return (
    <div className={styles.option}>
      <div className={styles.optionControl}>
        {children(hint === undefined ? undefined : hintId)}
        {hint !== undefined && (
          <Text id={hintId} size={200} className={styles.optionHint}>
            {hint}
          </Text>
        )}
      </div>
    </div>
  );
}

export function DeliverySection({
  form,
  refs,
  profile,
  onPasswordSaved,
}: {
  form: ProfileForm;
  refs: FieldRefs;
  /** The saved profile; null while it is new (the IMAP password waits for the first save). */
  profile: Profile | null;
  onPasswordSaved(profile: Profile): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const formStyles = useFormStyles();
  const { values } = form;
  const passwordLabelId = useId();
  const passwordStatusId = useId();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const imapProtocol = (mode: Security) => t(`delivery.security.${mode}`);
  const advice = imapPortAdvice(values.deliveryPort, values.deliverySecurity);
  const warning: PortWarning | null = advice && {
    message:
      advice.kind === 'expectsImplicitTls'
        ? t('delivery.advice.expectsImplicitTls', { port: advice.port })
        : t('delivery.advice.expectsPlainStart', { port: advice.port }),
    fixes: [
      {
        label: t('profile.advice.useProtocol', {
          protocol: imapProtocol(advice.kind === 'expectsImplicitTls' ? 'tls' : 'starttls'),
        }),
        apply: () => form.set('deliverySecurity', advice.kind === 'expectsImplicitTls' ? 'tls' : 'starttls'),
      },
    ],
  };
  const passwordSet = profile?.imapPasswordSet ?? false;

  return (
    <FormSection id="section-delivery" title={t('profile.sections.delivery')}>
      <Option hint={t('delivery.hints.enabled')}>
        {(hintId) => (
          <Switch
            ref={refs.register('deliveryEnabled')}
            label={t('profile.fields.deliveryEnabled')}
            checked={values.deliveryEnabled}
            aria-describedby={hintId}
            onChange={(_, data) => form.set('deliveryEnabled', data.checked)}
          />
        )}
      </Option>

      {values.deliveryEnabled && (
        <div className={styles.imap} role="group" aria-label={t('delivery.imapGroup')}>
          <ServerAddressFields
            form={form}
            refs={refs}
            hostField="deliveryHost"
            portField="deliveryPort"
            securityField="deliverySecurity"
            hostPlaceholder={t('delivery.placeholders.host')}
            usualPort={USUAL_IMAP_PORT}
            labelOf={imapProtocol}
            portAfterProtocolChange={imapPortAfterProtocolChange}
            warning={warning}
          />
          <TextField
            form={form}
            refs={refs}
            name="deliveryUsername"
            required
            hint={t('delivery.hints.username')}
            spellCheck={false}
            autoComplete="off"
          />
          <div className={formStyles.row} role="group" aria-labelledby={passwordLabelId}>
            <Label id={passwordLabelId} className={formStyles.rowLabel}>
              {t('profile.fields.imapPassword')}
            </Label>
            <div className={formStyles.rowValue}>
              <Text id={passwordStatusId}>
                {passwordSet ? t('profile.password.set') : t('profile.password.notSet')}
              </Text>
              <Text aria-hidden className={formStyles.muted}>
                ·
              </Text>
              {profile ? (
                <Button
                  appearance="secondary"
                  size="small"
                  icon={<Key20Regular />}
                  aria-describedby={passwordStatusId}
                  onClick={() => setPasswordOpen(true)}
                >
                  {passwordSet ? t('profile.password.change') : t('profile.password.setAction')}
                </Button>
              ) : (
                <Text className={formStyles.muted}>{t('delivery.password.afterSave')}</Text>
              )}
            </div>
          </div>
          <FormField
            label={t('profile.fields.deliveryTimeout')}
            hint={t('delivery.hints.timeout')}
            required
            validationMessage={translateKey(form.errorFor('deliveryTimeout'))}
          >
            <Input
              {...bindInput(form, refs, 'deliveryTimeout')}
              className={styles.seconds}
              inputMode="numeric"
              autoComplete="off"
              contentAfter={<Text aria-hidden>{t('delivery.seconds')}</Text>}
            />
          </FormField>
          <Option>
            {() => (
              <Checkbox
                ref={refs.register('deliveryCleanup')}
                label={t('profile.fields.deliveryCleanup')}
                checked={values.deliveryCleanup}
                onChange={(_, data) => form.set('deliveryCleanup', data.checked === true)}
              />
            )}
          </Option>
        </div>
      )}

      <div className={styles.dns} role="group" aria-label={t('delivery.dnsGroup')}>
        <Option hint={t('delivery.hints.dnsCheck')}>
          {(hintId) => (
            <Checkbox
              ref={refs.register('deliveryDnsCheck')}
              label={t('profile.fields.deliveryDnsCheck')}
              checked={values.deliveryDnsCheck}
              aria-describedby={hintId}
              onChange={(_, data) => form.set('deliveryDnsCheck', data.checked === true)}
            />
          )}
        </Option>
        <TextField
          form={form}
          refs={refs}
          name="dkimSelector"
          hint={t('delivery.hints.dkimSelector')}
          className={styles.selector}
          spellCheck={false}
          autoComplete="off"
        />
      </div>

      {profile && passwordOpen && (
        <Suspense fallback={null}>
          <PasswordDialog
            kind="imap"
            profile={profile}
            username={values.deliveryUsername.trim()}
            open
            onClose={() => setPasswordOpen(false)}
            onSaved={(saved) => {
              setPasswordOpen(false);
              onPasswordSaved(saved);
            }}
          />
        </Suspense>
      )}
    </FormSection>
  );
}
