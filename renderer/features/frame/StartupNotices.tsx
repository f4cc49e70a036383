/**
 * What start-up has to tell: each `notices[]` entry once (dismissible), and a persistent
 * warning while the OS keychain is unavailable (passwords cannot be saved or read).
 */
import { useState, type ReactElement } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarGroup,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss20Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../electron/ipc/contract';

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
  },
});

export function StartupNotices({ info, error }: { info: AppInfo | null; error: string | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [dismissed, setDismissed] = useState<number[]>([]);
  const notices = (info?.notices ?? [])
    .map((text, index) => ({ text, index }))
    .filter((n) => !dismissed.includes(n.index));
  const keychainDown = info !== null && !info.keychain.available;
  if (!error && !keychainDown && notices.length === 0) return null;

  const bars: ReactElement[] = [];
  if (error) {
    bars.push(
      <MessageBar intent="error" key="info-error" data-testid="startup-error">
        <MessageBarBody>{error}</MessageBarBody>
      </MessageBar>,
    );
  }
  if (keychainDown) {
    bars.push(
      <MessageBar intent="warning" key="keychain" layout="multiline" data-testid="keychain-warning">
        <MessageBarBody>
          <MessageBarTitle>{t('notices.keychainTitle')}</MessageBarTitle>
          {info?.keychain.message ?? t('notices.keychainFallback')}
        </MessageBarBody>
      </MessageBar>,
    );
  }
  for (const notice of notices) {
    bars.push(
      <MessageBar
        intent="warning"
        key={`notice-${notice.index}`}
        layout="multiline"
        data-testid="startup-notice"
      >
        <MessageBarBody>{notice.text}</MessageBarBody>
        <MessageBarActions
          containerAction={
            <Button
              appearance="transparent"
              aria-label={t('common.dismiss')}
              icon={<Dismiss20Regular />}
              onClick={() => setDismissed((d) => [...d, notice.index])}
            />
          }
        />
      </MessageBar>,
    );
  }

  return (
    <MessageBarGroup className={styles.group} animate="exit-only">
      {bars}
    </MessageBarGroup>
  );
}
