/**
 * One profile in the working pane: header, the seed's sections (Server, Authentication,
 * Addresses), the unsaved-changes bar, and the dialogs it opens (password, delete, send,
 * check server).
 */
import { useEffect, useState } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import type { Profile } from '../../../electron/services/settings/profile-schema';
import { api } from '../../api';
import { translateKey } from '../../i18n';
import { useNotify } from '../../shared/notify';
import { CheckServerDialog } from '../check-server/CheckServerDialog';
import { SendTestDialog } from '../send/SendTestDialog';
import { AddressesSection } from './AddressesSection';
import { AuthenticationSection } from './AuthenticationSection';
import { DeleteProfileDialog } from './DeleteProfileDialog';
import { useFieldRefs } from './fieldRefs';
import { PasswordDialog } from './PasswordDialog';
import { ProfileHeader } from './ProfileHeader';
import { ServerSection } from './ServerSection';
import { UnsavedChangesBar } from './UnsavedChangesBar';
import { FIELD_ORDER, useProfileForm, type FieldName } from './useProfileForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100%' },
  body: {
    flex: '1 1 auto',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXL}`,
  },
  refused: { margin: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL} 0`, maxWidth: '800px' },
  reasons: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

type Dialogs = 'password' | 'delete' | 'send' | 'dryRun' | 'check' | null;

export function ProfileEditor({
  profile,
  onSaved,
  onDeleted,
  onRunFinished,
  onDirtyChange,
}: {
  /** The saved profile, or null for a new one. */
  profile: ProfileListItem | null;
  onSaved(profile: Profile, created: boolean): void;
  onDeleted(): void;
  onRunFinished(): void;
  onDirtyChange(dirty: boolean): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const notify = useNotify();
  const form = useProfileForm(profile);
  const refs = useFieldRefs();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<{ message: string | null } | null>(null);
  const isNew = profile === null;

  useEffect(() => onDirtyChange(form.dirty), [form.dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const refuse = (message: string | null, field?: FieldName) => {
    form.showAllErrors();
    setRefused({ message });
    const target = field ?? form.firstInvalid;
    if (target) refs.focus(target);
  };

  const save = async () => {
    const fields = form.parsedFields;
    if (!fields) return refuse(null);
    setSaving(true);
    const result = isNew
      ? await api.invoke('profiles:create', {
          fields,
          ...(form.password !== '' ? { password: form.password } : {}),
        })
      : await api.invoke('profiles:update', { id: profile.id, fields });
    setSaving(false);
    if (!result.ok) {
      const fieldErrors = result.error.fields ?? {};
      form.setServerErrors(fieldErrors);
      return refuse(
        result.error.message,
        FIELD_ORDER.find((key) => key in fieldErrors),
      );
    }
    setRefused(null);
    form.setPassword('');
    notify(isNew ? t('profile.toast.created') : t('profile.toast.saved'));
    onSaved(result.value, isNew);
  };

  const discard = () => {
    form.reset();
    setRefused(null);
  };

  const startSend = (dryRun: boolean) => {
    if (!form.parsedFields) {
      refuse(null);
      notify(t('profile.toast.fixBeforeSend'), 'error');
      return;
    }
    setDialog(dryRun ? 'dryRun' : 'send');
  };

  const startCheck = () => {
    if (form.probeInvalid) {
      form.touch(form.probeInvalid);
      refs.focus(form.probeInvalid);
      notify(t('profile.toast.fixBeforeCheck'), 'error');
      return;
    }
    setDialog('check');
  };

  /** "Apply fix" and "Use these settings": into the form, unsaved; the user tests, then saves. */
  const applyFix = (settings: Record<string, unknown>) => {
    form.applySettings(settings);
    setDialog(null);
    notify(t('profile.toast.fixApplied'), 'info');
  };

  const reasons = refused
    ? FIELD_ORDER.flatMap((key) => {
        const message = form.errorFor(key);
        return message
          ? [
              {
                key,
                text: t('profile.refused.reason', {
                  field: t(`profile.fields.${key}`),
                  message: translateKey(message),
                }),
              },
            ]
          : [];
      })
    : [];
  const showRefused = refused !== null && (reasons.length > 0 || refused.message !== null);

  return (
    <>
      <form
        className={styles.root}
        noValidate
        aria-label={t('profile.formLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ProfileHeader
          form={form}
          refs={refs}
          lastRun={profile?.lastRun ?? null}
          canSend={!isNew}
          onSend={startSend}
          onCheck={startCheck}
          onDelete={isNew ? null : () => setDialog('delete')}
        />
        {showRefused && (
          <MessageBar intent="error" layout="multiline" className={styles.refused}>
            <MessageBarBody>
              <MessageBarTitle>{t('profile.refused.title')}</MessageBarTitle>
              {reasons.length === 0 && refused?.message}
              {reasons.length > 0 && (
                <ul className={styles.reasons}>
                  {reasons.map((reason) => (
                    <li key={reason.key}>{reason.text}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.body}>
          <ServerSection form={form} refs={refs} />
          <AuthenticationSection
            form={form}
            refs={refs}
            isNew={isNew}
            passwordSet={profile?.passwordSet ?? false}
            onChangePassword={() => setDialog('password')}
          />
          <AddressesSection form={form} refs={refs} />
        </div>
        {(form.dirty || isNew) && (
          <UnsavedChangesBar isNew={isNew} refused={showRefused} saving={saving} onDiscard={discard} />
        )}
      </form>
      {/* Dialogs sit outside the form: React events bubble through portals, and a dialog's
          own submit must not also save the profile. */}
      {profile && (
        <>
          <PasswordDialog
            profile={profile}
            open={dialog === 'password'}
            onClose={() => setDialog(null)}
            onSaved={(saved) => {
              setDialog(null);
              notify(t('profile.toast.passwordSaved'));
              onSaved(saved, false);
            }}
          />
          <DeleteProfileDialog
            profile={profile}
            open={dialog === 'delete'}
            onClose={() => setDialog(null)}
            onDeleted={() => {
              setDialog(null);
              notify(t('profile.toast.deleted', { name: profile.name }));
              onDeleted();
            }}
          />
          {(dialog === 'send' || dialog === 'dryRun') && form.parsedFields && (
            <SendTestDialog
              profile={profile}
              fields={form.parsedFields}
              dryRun={dialog === 'dryRun'}
              onClose={() => setDialog(null)}
              onFinished={onRunFinished}
              onApplyFix={applyFix}
            />
          )}
        </>
      )}
      {dialog === 'check' && form.probeTarget && (
        <CheckServerDialog
          host={form.probeTarget.host}
          port={form.probeTarget.port}
          security={form.values.security}
          onApply={(settings) => applyFix({ ...settings })}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
