/**
 * The sidebar: the app's name, the profiles (each with its last-run status as icon, word
 * and colour), the test log, the "New profile" button (a preset or Custom) and, beside it,
 * the profile actions that act on the whole list (export and import of a profiles file).
 */
import {
  Button,
  Nav,
  NavDivider,
  NavItem,
  NavSectionHeader,
  Text,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  Add20Regular,
  Certificate20Regular,
  DocumentBulletList20Regular,
  KeyMultiple20Regular,
  MailCheckmark24Filled,
  Warning20Filled,
} from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileListItem } from '../../../electron/ipc/contract';
import { StatusIcon, useStatusLabel, type RunStatus } from '../../shared/status';
import { useSharedStyles } from '../../shared/styles';
import { NAV_LOG, NAV_SSL_KEYS, NAV_TRUSTED, navValue, type View } from './view';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    height: '100%',
    backgroundColor: tokens.colorNeutralBackground4,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalM}`,
    color: tokens.colorBrandForeground1,
  },
  brandName: { color: tokens.colorNeutralForeground1 },
  nav: {
    flex: '1 1 auto',
    minHeight: 0,
    overflowY: 'auto',
    backgroundColor: 'transparent',
    padding: `0 ${tokens.spacingHorizontalS}`,
  },
  newRow: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    margin: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalS}`,
  },
  itemText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  broken: { color: tokens.colorPaletteDarkOrangeForeground1 },
  brokenWord: { marginLeft: tokens.spacingHorizontalXS, color: tokens.colorPaletteDarkOrangeForeground1 },
  empty: {
    display: 'block',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    color: tokens.colorNeutralForeground3,
  },
});

export function profileStatus(profile: ProfileListItem): RunStatus {
  return profile.lastRun?.verdict ?? 'never';
}

export function Sidebar({
  profiles,
  view,
  onNavigate,
  onNewProfile,
  profileActions,
  footer,
}: {
  profiles: ProfileListItem[];
  view: View;
  onNavigate(view: View): void;
  /** Opens the preset picker. */
  onNewProfile(): void;
  /** Beside "New profile": actions on the whole list (the profiles file menu). */
  profileActions?: ReactNode;
  /** Below the navigation (the language picker). */
  footer?: ReactNode;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const statusLabel = useStatusLabel();

  return (
    <aside className={styles.root} aria-label={t('frame.sidebarLabel')}>
      <div className={styles.brand}>
        <MailCheckmark24Filled aria-hidden />
        <Text weight="semibold" size={400} className={styles.brandName}>
          {t('app.name')}
        </Text>
      </div>
      <Nav
        className={styles.nav}
        aria-label={t('frame.navLabel')}
        // Never undefined: Fluent decides once whether the Nav is controlled.
        selectedValue={navValue(view) ?? ''}
        onNavItemSelect={(_, data) => {
          const value = String(data.value);
          if (value === NAV_LOG) onNavigate({ kind: 'log' });
          else if (value === NAV_SSL_KEYS) onNavigate({ kind: 'ssl-keys' });
          else if (value === NAV_TRUSTED) onNavigate({ kind: 'trusted' });
          else if (value.startsWith('profile:'))
            onNavigate({ kind: 'profile', id: value.slice('profile:'.length) });
        }}
      >
        <NavSectionHeader>{t('frame.profiles')}</NavSectionHeader>
        {profiles.length === 0 && (
          <Text size={200} className={styles.empty}>
            {t('frame.noProfilesShort')}
          </Text>
        )}
        {profiles.map((profile) => {
          if (profile.broken) {
            return (
              <NavItem
                key={profile.id}
                value={`profile:${profile.id}`}
                icon={<Warning20Filled className={styles.broken} aria-hidden />}
              >
                <span className={styles.itemText}>{profile.name || t('frame.unnamedProfile')}</span>
                <span className={styles.brokenWord}>{t('frame.brokenProfile')}</span>
              </NavItem>
            );
          }
          const status = profileStatus(profile);
          const word = statusLabel(status, profile.lastRun?.dryRun);
          return (
            <NavItem
              key={profile.id}
              value={`profile:${profile.id}`}
              icon={
                <Tooltip content={t('frame.lastTest', { status: word })} relationship="description" withArrow>
                  <span>
                    <StatusIcon status={status} />
                  </span>
                </Tooltip>
              }
            >
              <span className={styles.itemText}>{profile.name}</span>
              <span className={shared.visuallyHidden}>{t('frame.lastTestSr', { status: word })}</span>
            </NavItem>
          );
        })}
        <div className={styles.newRow}>
          <Button
            appearance="secondary"
            size="small"
            icon={<Add20Regular />}
            aria-haspopup="dialog"
            onClick={onNewProfile}
          >
            {t('frame.newProfile')}
          </Button>
          {profileActions}
        </div>
        <NavDivider />
        <NavItem value={NAV_SSL_KEYS} icon={<KeyMultiple20Regular />}>
          {t('frame.sslKeys')}
        </NavItem>
        <NavItem value={NAV_TRUSTED} icon={<Certificate20Regular />}>
          {t('frame.trustedCertificates')}
        </NavItem>
        <NavItem value={NAV_LOG} icon={<DocumentBulletList20Regular />}>
          {t('frame.testLog')}
        </NavItem>
      </Nav>
      {footer}
    </aside>
  );
}
