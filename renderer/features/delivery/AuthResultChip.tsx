/**
 * One SPF, DKIM or DMARC result as the receiving side (or Mail Preflight) judged it: a chip
 * with an icon and the words ("SPF pass"), green for pass, red for fail, neutral otherwise.
 */
import { Badge, type BadgeProps } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular, DismissCircle16Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AuthResult } from '../../../electron/services/delivery/types';

function look(result: string): { color: BadgeProps['color']; Icon: typeof Circle16Regular } {
  const value = result.toLowerCase();
  if (value === 'pass') return { color: 'success', Icon: CheckmarkCircle16Filled };
  if (value === 'fail') return { color: 'danger', Icon: DismissCircle16Filled };
  return { color: 'informative', Icon: Circle16Regular };
}

export function AuthResultChip({ result }: { result: AuthResult }) {
  const { t } = useTranslation();
  const { color, Icon } = look(result.result);
  return (
    <Badge
      appearance="tint"
      shape="rounded"
      color={color}
      icon={<Icon aria-hidden />}
      data-testid="auth-result"
      data-result={result.result.toLowerCase()}
    >
      {t('delivery.auth.chip', { method: result.method.toUpperCase(), result: result.result.toLowerCase() })}
    </Badge>
  );
}
