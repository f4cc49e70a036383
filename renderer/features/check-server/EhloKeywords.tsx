/**
 * The EHLO keywords a server listed, verbatim, as small badges. The ones that decide how a
 * message can go out (STARTTLS, AUTH and its mechanisms, SIZE, SMTPUTF8, …) stand out.
 */
import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';

const NOTABLE =
  /^(STARTTLS|AUTH|SIZE|SMTPUTF8|8BITMIME|PIPELINING|DSN|ENHANCEDSTATUSCODES|REQUIRETLS)(?=$|[\s=])/i;

export function isNotableKeyword(keyword: string): boolean {
  return NOTABLE.test(keyword);
}

const useStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  badge: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightRegular },
  notable: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function EhloKeywords({ keywords, label }: { keywords: string[]; label: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (keywords.length === 0) return <Text className={styles.muted}>{t('probe.ehlo.none')}</Text>;
  return (
    <ul className={styles.list} aria-label={label}>
      {keywords.map((keyword, index) => {
        const notable = isNotableKeyword(keyword);
        return (
          <li key={`${keyword}-${index}`} data-notable={notable || undefined}>
            <Badge
              shape="rounded"
              appearance={notable ? 'tint' : 'outline'}
              color={notable ? 'brand' : 'informative'}
              className={mergeClasses(styles.badge, notable && styles.notable)}
            >
              {keyword}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
