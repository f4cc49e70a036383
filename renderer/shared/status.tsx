/**
 * How a run's outcome looks everywhere (sidebar dot, header chip, log table): an icon, a
 * word and a colour together, never colour alone.
 */
import {
  CheckmarkCircle16Filled,
  CheckmarkCircle16Regular,
  Circle16Regular,
  DismissCircle16Filled,
  MailInboxCheckmark16Filled,
} from '@fluentui/react-icons';
import { Badge, makeStyles, mergeClasses, tokens, type BadgeProps } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Verdict } from '../../electron/services/smtp/report';

export type RunStatus = Verdict | 'never';

const useStyles = makeStyles({
  delivered: { color: tokens.colorPaletteGreenForeground1 },
  accepted: { color: tokens.colorPaletteGreenForeground1 },
  failed: { color: tokens.colorPaletteRedForeground1 },
  never: { color: tokens.colorNeutralForeground3 },
  icon: { flexShrink: 0, verticalAlign: 'middle' },
  badge: { whiteSpace: 'nowrap', flexShrink: 0 },
});

const ICONS = {
  delivered: MailInboxCheckmark16Filled,
  accepted: CheckmarkCircle16Filled,
  failed: DismissCircle16Filled,
  never: Circle16Regular,
} as const;

const BADGE_COLOR: Record<RunStatus, BadgeProps['color']> = {
  delivered: 'success',
  accepted: 'success',
  failed: 'danger',
  never: 'informative',
};

/** The coloured status icon; its meaning is carried by the text next to it or a label. */
export function StatusIcon({ status, className }: { status: RunStatus; className?: string }) {
  const styles = useStyles();
  const Icon = ICONS[status];
  return <Icon aria-hidden className={mergeClasses(styles.icon, styles[status], className)} />;
}

/** "Accepted", "Failed", ... for a status. */
export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: RunStatus, dryRun = false) =>
    dryRun && status === 'accepted' ? t('status.checked') : t(`status.${status}`);
}

/** A chip: icon + word (+ optional detail) in the status colour. */
export function VerdictBadge({
  status,
  dryRun = false,
  children,
}: {
  status: RunStatus;
  dryRun?: boolean;
  children?: ReactNode;
}) {
  const label = useStatusLabel();
  const styles = useStyles();
  const Icon = status === 'accepted' && dryRun ? CheckmarkCircle16Regular : ICONS[status];
  return (
    <Badge
      className={styles.badge}
      appearance="tint"
      color={BADGE_COLOR[status]}
      shape="rounded"
      icon={<Icon aria-hidden />}
    >
      {label(status, dryRun)}
      {children}
    </Badge>
  );
}
