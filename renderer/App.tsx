/**
 * The frame: sidebar (profiles with their status, the test log, "New profile", which opens
 * the preset picker) and one working pane. Start-up notices sit above the pane; leaving a
 * profile with unsaved changes asks first.
 */
import { Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { hasBridge } from './api';
import { EmptyState } from './features/frame/EmptyState';
import { LanguagePicker } from './features/frame/LanguagePicker';
import { Sidebar } from './features/frame/Sidebar';
import { StartupNotices } from './features/frame/StartupNotices';
import { useAppInfo } from './features/frame/useAppInfo';
import { useProfiles } from './features/frame/useProfiles';
import { sameView, type View } from './features/frame/view';
import { ProfileEditor } from './features/profile/ProfileEditor';
import { newProfileStart } from './features/presets/presetSetup';
import { ProfilesFileMenu } from './features/profile-transfer/ProfilesFileMenu';
import { CertificateFlowsProvider } from './features/trusted-certificates/CertificateFlows';
import { lazyNamed } from './shared/lazyNamed';
import { NotifyProvider } from './shared/notify';

// Loaded when first shown: the first screen is the profile form (see npm run bench).
const TestLogScreen = lazyNamed(() => import('./features/log/TestLogScreen'), 'TestLogScreen');
const SslKeysScreen = lazyNamed(() => import('./features/ssl-keys/SslKeysScreen'), 'SslKeysScreen');
const TrustedCertificatesScreen = lazyNamed(
  () => import('./features/trusted-certificates/TrustedCertificatesScreen'),
  'TrustedCertificatesScreen',
);
const PresetPicker = lazyNamed(() => import('./features/presets/PresetPicker'), 'PresetPicker');
const LeaveDialog = lazyNamed(() => import('./features/frame/LeaveDialog'), 'LeaveDialog');

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: '248px minmax(0, 1fr)',
    height: '100%',
    overflow: 'hidden',
    fontFamily: tokens.fontFamilyBase,
  },
  main: { display: 'flex', flexDirection: 'column', minWidth: 0, minHeight: 0 },
  pane: { flex: '1 1 auto', minHeight: 0, overflowY: 'auto', position: 'relative' },
  paneFixed: { flex: '1 1 auto', minHeight: 0, overflow: 'hidden' },
  center: { display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' },
  bare: { padding: tokens.spacingHorizontalXL },
});

export function App() {
  const { t } = useTranslation();
  const styles = useStyles();
  if (!hasBridge()) {
    return (
      <div className={styles.bare}>
        <MessageBar intent="error">
          <MessageBarBody>{t('errors.noBridge')}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return (
    <NotifyProvider>
      <Frame />
    </NotifyProvider>
  );
}

function Frame() {
  const { t } = useTranslation();
  const styles = useStyles();
  const appInfo = useAppInfo();
  const profiles = useProfiles();
  // null until the user picks something: then the first profile (if any) is shown.
  const [chosen, setView] = useState<View | null>(null);
  const [pending, setPending] = useState<View | null>(null);
  const [picking, setPicking] = useState(false);
  const dirty = useRef(false);

  const first = profiles.items[0];
  const firstId = first?.id;
  const view = useMemo<View>(
    () => chosen ?? (firstId ? { kind: 'profile', id: firstId } : { kind: 'none' }),
    [chosen, firstId],
  );

  const navigate = useCallback(
    (next: View) => {
      if (sameView(next, view)) return;
      if (dirty.current) setPending(next);
      else setView(next);
    },
    [view],
  );

  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const selected = view.kind === 'profile' ? profiles.items.find((p) => p.id === view.id) : undefined;

  const loading = (
    <div className={styles.center}>
      <Spinner label={t('common.loading')} />
    </div>
  );
  let content;
  if (!profiles.loaded) {
    content = loading;
  } else if (view.kind === 'log') {
    content = <TestLogScreen profiles={profiles.items} />;
  } else if (view.kind === 'ssl-keys') {
    content = <SslKeysScreen onProfilesChanged={() => void profiles.refresh()} />;
  } else if (view.kind === 'trusted') {
    content = <TrustedCertificatesScreen onProfilesChanged={() => void profiles.refresh()} />;
  } else if (view.kind === 'new' || selected) {
    content = (
      <ProfileEditor
        key={selected?.id ?? `new-${view.kind === 'new' ? view.start.nonce : ''}`}
        profile={selected ?? null}
        start={view.kind === 'new' ? view.start : undefined}
        onDirtyChange={onDirtyChange}
        onSaved={(profile, created) => {
          if (created) dirty.current = false;
          // A new profile is shown as itself once the list holds it.
          void profiles.refresh().then(() => created && setView({ kind: 'profile', id: profile.id }));
        }}
        onDeleted={() => {
          dirty.current = false;
          void profiles.refresh().then((items) => {
            const next = items?.[0];
            setView(next ? { kind: 'profile', id: next.id } : { kind: 'none' });
          });
        }}
        onRunFinished={() => void profiles.refresh()}
      />
    );
  } else {
    content = (
      <EmptyState
        onStart={(presetId) => navigate({ kind: 'new', start: newProfileStart(presetId) })}
        onMore={() => setPicking(true)}
      />
    );
  }

  return (
    <div className={styles.root}>
      <Sidebar
        profiles={profiles.items}
        view={view}
        onNavigate={navigate}
        onNewProfile={() => setPicking(true)}
        profileActions={
          <ProfilesFileMenu profileCount={profiles.items.length} onImported={profiles.refresh} />
        }
        footer={
          <LanguagePicker info={appInfo.info} onChange={(choice) => void appInfo.setLanguage(choice)} />
        }
      />
      <main className={styles.main}>
        <StartupNotices info={appInfo.info} error={appInfo.error ?? profiles.error} />
        <div className={view.kind === 'log' ? styles.paneFixed : styles.pane}>
          <CertificateFlowsProvider profile={selected} onGoTo={(page) => navigate({ kind: page })}>
            <Suspense fallback={loading}>{content}</Suspense>
          </CertificateFlowsProvider>
        </div>
      </main>
      {picking && (
        <Suspense fallback={null}>
          <PresetPicker
            onClose={() => setPicking(false)}
            onChoose={(start) => {
              setPicking(false);
              navigate({ kind: 'new', start });
            }}
          />
        </Suspense>
      )}
      {pending !== null && (
        <Suspense fallback={null}>
          <LeaveDialog
            open
            onStay={() => setPending(null)}
            onLeave={() => {
              dirty.current = false;
              if (pending) setView(pending);
              setPending(null);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
