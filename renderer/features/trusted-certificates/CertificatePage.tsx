/**
 * The frame of the SSL keys and Trusted certificates pages: the title with what the page is
 * for and its actions (import, fetch), an error bar when a list or an import failed, then
 * the table, a spinner, or the empty state that says what to do next.
 */
import type { ReactNode } from 'react';
import {
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Button,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL} ${tokens.spacingVerticalXL}`,
    minWidth: 0,
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  heading: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    maxWidth: '640px',
    minWidth: 0,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  description: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexShrink: 0 },
  spinner: { justifyContent: 'flex-start', padding: `${tokens.spacingVerticalM} 0` },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalXXXL} ${tokens.spacingHorizontalXL}`,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
  },
  emptyIcon: { fontSize: '40px', color: tokens.colorBrandForeground1 },
  emptyHint: { color: tokens.colorNeutralForeground3, maxWidth: '520px' },
  emptyActions: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalS,
    flexWrap: 'wrap',
    justifyContent: 'center',
  },
});

/** What the page shows while its list is empty: an icon, a title, a hint and buttons. */
export interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  hint: string;
  actions: ReactNode;
}

export function CertificatePage({
  title,
  description,
  actions,
  error: pageError,
  onDismissError,
  list,
  empty,
  children,
}: {
  title: string;
  description: string;
  actions: ReactNode;
  /** The page's own error (an import that failed); the list's error shows when there is none. */
  error: string | null;
  onDismissError(): void;
  /** The page's list: a spinner until it has loaded, the empty state while it holds nothing. */
  list: { items: readonly unknown[] | null; error: string | null };
  empty: EmptyStateProps;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const error = pageError ?? list.error;
  return (
    <div className={styles.root}>
      <div className={styles.header}>
        <div className={styles.heading}>
          <h1 className={styles.title}>{title}</h1>
          <Text className={styles.description}>{description}</Text>
        </div>
        <div className={styles.actions}>{actions}</div>
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="page-error">
          <MessageBarBody>{error}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                size="small"
                aria-label={t('common.dismiss')}
                icon={<Dismiss16Regular />}
                onClick={onDismissError}
              />
            }
          />
        </MessageBar>
      )}
      {list.items === null ? (
        <Spinner size="small" label={t('common.loading')} className={styles.spinner} />
      ) : (
        <>
          {list.items.length === 0 && !list.error && <CertificateEmptyState {...empty} />}
          {children}
        </>
      )}
    </div>
  );
}

/** What the page is for when it holds nothing yet, and the buttons that fill it. */
function CertificateEmptyState({ icon, title, hint, actions }: EmptyStateProps) {
  const styles = useStyles();
  return (
    <div className={styles.empty} data-testid="empty-state">
      <span className={styles.emptyIcon} aria-hidden>
        {icon}
      </span>
      <Text as="h2" size={400} weight="semibold">
        {title}
      </Text>
      <Text className={styles.emptyHint}>{hint}</Text>
      <div className={styles.emptyActions}>{actions}</div>
    </div>
  );
}
