/**
 * One profile in the working pane: header, the seed's sections (Server, Authentication,
 * Addresses, Delivery check), the unsaved-changes bar, and the dialogs it opens (password, delete, send,
 * check server, find settings). Beside the form, for a profile made from a provider preset:
 * the Gmail guide (Gmail and Google Workspace) and "About <provider>".
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { BookOpen16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import { presetById, type PresetId } from '../../../electron/services/presets';
import { isValidAddress, pickProfileFields, type Profile } from '../../../electron/services/settings/profile';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { api } from '../../api';
import { say, translateKey } from '../../i18n';
import { lazyNamed } from '../../shared/lazyNamed';
import { useNotify } from '../../shared/notify';
import { DeliverySection } from '../delivery/DeliverySection';
import { guideStepsFor, type GuideFocus } from '../gmail-guide/gmailGuide';
import { AboutPreset } from '../presets/AboutPreset';
import {
  effectivePreset,
  isGoogleAccountPreset,
  startFields,
  type GooglePresetId,
  type NewProfileStart,
} from '../presets/presetSetup';
import { useFetchAndTrust } from '../trusted-certificates/FetchAndTrust';
import { AddressesSection } from './AddressesSection';
import { AdvancedSection } from './AdvancedSection';
import { AuthenticationSection } from './AuthenticationSection';
import { useFieldRefs } from './fieldRefs';
import { ProfileHeader } from './ProfileHeader';
import { ServerSection } from './ServerSection';
import { UnsavedChangesBar } from './UnsavedChangesBar';
import { FIELD_ORDER, fieldOfPath, useProfileForm, type FieldName } from './useProfileForm';

// Opened on demand, so each loads then (see shared/lazyNamed.ts).
const GmailGuide = lazyNamed(() => import('../gmail-guide/GmailGuide'), 'GmailGuide');
const SendTestDialog = lazyNamed(() => import('../send/SendTestDialog'), 'SendTestDialog');
const CheckServerDialog = lazyNamed(() => import('../check-server/CheckServerDialog'), 'CheckServerDialog');
const FindSettingsDialog = lazyNamed(() => import('../autodetect/FindSettingsDialog'), 'FindSettingsDialog');
const PasswordDialog = lazyNamed(() => import('./PasswordDialog'), 'PasswordDialog');
const ExportDialog = lazyNamed(() => import('../export/ExportDialog'), 'ExportDialog');
const DeleteProfileDialog = lazyNamed(() => import('./DeleteProfileDialog'), 'DeleteProfileDialog');

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100%' },
  body: {
    flex: '1 1 auto',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXL}`,
  },
  /** The form and, beside it, the provider's guide and notes (under it in a narrow window). */
  withSide: {
    '@media (min-width: 1120px)': { gridTemplateColumns: 'minmax(0, 1fr) minmax(300px, 360px)' },
  },
  sections: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  side: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    paddingTop: tokens.spacingVerticalM,
  },
  refused: { margin: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL} 0`, maxWidth: '800px' },
  reasons: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL },
});

type Dialogs =
  'password' | 'clientSecret' | 'delete' | 'export' | 'send' | 'dryRun' | 'check' | 'find' | null;

export function ProfileEditor({
  profile,
  start,
  onSaved,
  onDeleted,
  onRunFinished,
  onDirtyChange,
}: {
  /** The saved profile, or null for a new one. */
  profile: ProfileListItem | null;
  /** A new profile: the preset (and autodetect's findings) it starts from. */
  start?: NewProfileStart;
  onSaved(profile: Profile, created: boolean): void;
  onDeleted(): void;
  onRunFinished(): void;
  onDirtyChange(dirty: boolean): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const notify = useNotify();
  const initial = useMemo(() => (start ? startFields(start) : undefined), [start]);
  const form = useProfileForm(profile, initial);
  const refs = useFieldRefs();
  const [dialog, setDialog] = useState<Dialogs>(null);
  /** "Fetch and trust…" of a run: the send dialog closes, what is trusted is ticked here. */
  const fetchAndTrust = useFetchAndTrust(form, () => setDialog(null));
  const [saving, setSaving] = useState(false);
  const [signingIn, setSigningIn] = useState(false);
  const [refused, setRefused] = useState<{ message: string | null } | null>(null);
  const isNew = profile === null;

  // The provider: as chosen (new profile, or the one a saved profile started from), unless
  // the server address now names another one.
  const [chosenPreset, setChosenPreset] = useState<PresetId | undefined>(() => {
    const id = profile ? profile.presetId : start?.presetId;
    return id ? presetById(id)?.id : undefined;
  });
  const preset = effectivePreset(chosenPreset, form.values);
  /** The Gmail guide was asked for by a run that Google refused (whatever the preset). */
  const [guideFocus, setGuideFocus] = useState<GuideFocus | null>(null);
  const googleKind: GooglePresetId | undefined = isGoogleAccountPreset(preset?.id)
    ? preset.id
    : guideFocus
      ? 'gmail'
      : undefined;
  const googlePreset = googleKind ? presetById(googleKind) : undefined;

  useEffect(() => onDirtyChange(form.dirty), [form.dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  /** Sign in (the system browser; resolves when it came back) or out; the outcome as a toast. */
  const oauthCall = async (channel: 'oauth:signIn' | 'oauth:signOut', done: string) => {
    if (!profile) return;
    setSigningIn(true);
    const result = await api.invoke(channel, { id: profile.id });
    setSigningIn(false);
    if (!result.ok) {
      notify(result.error.message, 'error');
      return;
    }
    notify(done);
    onSaved(result.value, false);
  };

  const refuse = (message: string | null, field?: FieldName) => {
    form.showAllErrors();
    setRefused({ message });
    const target = field ?? form.firstInvalid;
    if (target) refs.focus(target);
  };

  const save = async () => {
    const fields = form.parsedFields ?? (await form.checkedFields());
    if (!fields) return refuse(null);
    setSaving(true);
    const result = isNew
      ? await api.invoke('profiles:create', {
          // The provider it was made for: its guide and notes stay with it.
          fields: { ...fields, presetId: preset?.id ?? fields.presetId },
          ...(form.password !== '' ? { password: form.password } : {}),
        })
      : await api.invoke('profiles:update', { id: profile.id, fields });
    setSaving(false);
    if (!result.ok) {
      const fieldErrors = result.error.fields ?? {};
      form.setServerErrors(fieldErrors);
      return refuse(
        result.error.message,
        FIELD_ORDER.find((key) => Object.keys(fieldErrors).some((path) => fieldOfPath(path) === key)),
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

  const startSend = async (dryRun: boolean) => {
    if (!form.parsedFields && !(await form.checkedFields())) {
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
  const applyFix = (settings: Record<string, unknown>, message = t('profile.toast.fixApplied')) => {
    form.applySettings(settings);
    setDialog(null);
    notify(message, 'info');
  };

  /** The Gmail guide, at the steps that fix a run Google refused. */
  const guideAction = (record: RunRecord) => {
    const steps = guideStepsFor(record, googleKind !== undefined);
    if (!steps) return null;
    return (
      <Button
        size="small"
        icon={<BookOpen16Regular />}
        onClick={() => {
          setDialog(null);
          setGuideFocus((current) => ({ nonce: (current?.nonce ?? 0) + 1, steps, summary: record.summary }));
        }}
      >
        {t('guide.open')}
      </Button>
    );
  };

  const chooseGoogleKind = (kind: GooglePresetId) => {
    setChosenPreset(kind);
    // Kept with the saved profile at once (as saved: the form's edits stay unsaved).
    if (profile && profile.presetId !== kind) {
      void api
        .invoke('profiles:update', {
          id: profile.id,
          fields: { ...pickProfileFields(profile), presetId: kind },
        })
        .then((result) => result.ok && onSaved(result.value, false));
    }
  };

  /** What "Find settings" asks about first: the From address, else the username if it is one. */
  const findInput = isValidAddress(form.values.from.trim())
    ? form.values.from.trim()
    : isValidAddress(form.values.username.trim())
      ? form.values.username.trim()
      : '';

  const side =
    googlePreset || preset ? (
      <div className={styles.side}>
        {googleKind && googlePreset && (
          <Suspense fallback={null}>
            <GmailGuide
              preset={googlePreset}
              kind={googleKind}
              form={form}
              refs={refs}
              profile={profile}
              focus={guideFocus}
              onKindChange={chooseGoogleKind}
              onPasswordSaved={(saved) => {
                notify(t('profile.toast.passwordSaved'));
                onSaved(saved, false);
              }}
              onSend={() => startSend(false)}
            />
          </Suspense>
        )}
        {preset && (
          <AboutPreset
            preset={preset}
            port={form.values.port}
            security={form.values.security}
            onUsePort={(settings) => form.applySettings(settings)}
          />
        )}
      </div>
    ) : null;

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
          onExport={isNew ? null : () => setDialog('export')}
          onDelete={isNew ? null : () => setDialog('delete')}
        />
        {profile?.broken && (
          <MessageBar
            intent="warning"
            layout="multiline"
            className={styles.refused}
            data-testid="profile-broken"
          >
            <MessageBarBody>
              <MessageBarTitle>{t('profile.broken.title')}</MessageBarTitle>
              {t('profile.broken.body', { reason: say(profile.broken) })}
            </MessageBarBody>
          </MessageBar>
        )}
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
        <div className={mergeClasses(styles.body, side !== null && styles.withSide)}>
          <div className={styles.sections}>
            <ServerSection form={form} refs={refs} preset={preset} onFindSettings={() => setDialog('find')} />
            <AuthenticationSection
              form={form}
              refs={refs}
              isNew={isNew}
              passwordSet={profile?.passwordSet ?? false}
              onChangePassword={() => setDialog('password')}
              profile={profile}
              signIn={{
                busy: signingIn,
                signIn: () => void oauthCall('oauth:signIn', t('profile.oauth.signedInToast')),
                signOut: () => void oauthCall('oauth:signOut', t('profile.oauth.signedOutToast')),
                setClientSecret: () => setDialog('clientSecret'),
              }}
            />
            <AddressesSection form={form} refs={refs} />
            <DeliverySection
              form={form}
              refs={refs}
              profile={profile}
              onPasswordSaved={(saved) => {
                notify(t('profile.toast.imapPasswordSaved'));
                onSaved(saved, false);
              }}
            />
            <AdvancedSection form={form} refs={refs} />
          </div>
          {side}
        </div>
        {/* A broken profile is saved to repair it, changed or not. */}
        {(form.dirty || isNew || profile?.broken) && (
          <UnsavedChangesBar isNew={isNew} refused={showRefused} saving={saving} onDiscard={discard} />
        )}
      </form>
      {/* Dialogs sit outside the form: React events bubble through portals, and a dialog's
          own submit must not also save the profile. */}
      {profile && (
        <>
          <Suspense fallback={null}>
            {(dialog === 'password' || dialog === 'clientSecret') && (
              <PasswordDialog
                profile={profile}
                {...(dialog === 'clientSecret' && {
                  kind: 'clientSecret',
                  username: form.values.oauthClientId,
                })}
                open
                onClose={() => setDialog(null)}
                onSaved={(saved) => {
                  setDialog(null);
                  notify(t('profile.toast.passwordSaved'));
                  onSaved(saved, false);
                }}
              />
            )}
            {dialog === 'export' && <ExportDialog profile={profile} onClose={() => setDialog(null)} />}
            {dialog === 'delete' && (
              <DeleteProfileDialog
                profile={profile}
                open
                onClose={() => setDialog(null)}
                onDeleted={() => {
                  setDialog(null);
                  notify(t('profile.toast.deleted', { name: profile.name }));
                  onDeleted();
                }}
              />
            )}
          </Suspense>
          {(dialog === 'send' || dialog === 'dryRun') && form.parsedFields && (
            <Suspense fallback={null}>
              <SendTestDialog
                profile={profile}
                fields={form.parsedFields}
                dryRun={dialog === 'dryRun'}
                onClose={() => setDialog(null)}
                onFinished={onRunFinished}
                onApplyFix={(settings) => applyFix(settings)}
                failureActions={guideAction}
                onFetchAndTrust={fetchAndTrust}
              />
            </Suspense>
          )}
        </>
      )}
      <Suspense fallback={null}>
        {dialog === 'check' && form.probeTarget && (
          <CheckServerDialog
            host={form.probeTarget.host}
            port={form.probeTarget.port}
            security={form.values.security}
            onApply={(settings) => applyFix({ ...settings })}
            onClose={() => setDialog(null)}
          />
        )}
        {dialog === 'find' && (
          <FindSettingsDialog
            initialInput={findInput}
            onUse={(candidate) =>
              applyFix(
                { host: candidate.host, port: candidate.port, security: candidate.security },
                t('autodetect.applied'),
              )
            }
            onClose={() => setDialog(null)}
          />
        )}
      </Suspense>
    </>
  );
}
