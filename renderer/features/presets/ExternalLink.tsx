/**
 * A link to a provider's page. A normal `<a target="_blank">`: the main process opens
 * http(s) links in the system browser (the app itself never navigates away).
 */
import type { ReactNode } from 'react';
import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { Open12Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  link: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  icon: { flexShrink: 0 },
});

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  return (
    <Link href={href} target="_blank" rel="noreferrer" className={styles.link}>
      {children}
      <Open12Regular aria-hidden className={styles.icon} />
      <span className={shared.visuallyHidden}>{t('common.opensInBrowser')}</span>
    </Link>
  );
}
