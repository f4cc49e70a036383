/** A fix's settings in words: "Protocol: SMTPS, Port: 465" (and "IMAP port to 993" for the delivery check). */
import { useTranslation } from 'react-i18next';
import { SECURITY_MODES, type Security } from '../../../electron/services/settings/profile';

const LABELLED = ['name', 'host', 'port', 'security', 'anonymous', 'username', 'from', 'replyTo'] as const;
type Labelled = (typeof LABELLED)[number];

/** The delivery check's settings in a fix (`{ delivery: { port: 993 } }`) and their form labels. */
const DELIVERY_LABELLED = {
  host: 'deliveryHost',
  servername: 'deliveryHost',
  port: 'deliveryPort',
  security: 'deliverySecurity',
  username: 'deliveryUsername',
} as const;

export function useDescribeSettings() {
  const { t } = useTranslation();
  const describeDelivery = (settings: object) =>
    Object.entries(settings).map(([key, value]) => {
      const field = DELIVERY_LABELLED[key as keyof typeof DELIVERY_LABELLED] as
        (typeof DELIVERY_LABELLED)[keyof typeof DELIVERY_LABELLED] | undefined;
      const label = field ? t(`profile.fields.${field}`) : key;
      const shown =
        key === 'security' && (SECURITY_MODES as readonly unknown[]).includes(value)
          ? t(`delivery.security.${value as Security}`)
          : String(value);
      return t('run.settingChange', { label, value: shown });
    });
  return (settings: Record<string, unknown>) =>
    Object.entries(settings)
      .flatMap(([key, value]) => {
        if (key === 'delivery' && typeof value === 'object' && value !== null) return describeDelivery(value);
        const label = (LABELLED as readonly string[]).includes(key)
          ? t(`profile.fields.${key as Labelled}`)
          : key;
        let shown: string;
        if (key === 'security' && (SECURITY_MODES as readonly unknown[]).includes(value))
          shown = t(`security.${value as Security}`);
        else if (typeof value === 'boolean') shown = value ? t('common.on') : t('common.off');
        else shown = String(value);
        return t('run.settingChange', { label, value: shown });
      })
      .join(t('common.listSeparator'));
}
