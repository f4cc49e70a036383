/** A fix's settings in words: "Protocol: SMTPS, Port: 465". */
import { useTranslation } from 'react-i18next';
import { SECURITY_MODES, type Security } from '../../../electron/services/settings/profile-schema';

const LABELLED = ['name', 'host', 'port', 'security', 'anonymous', 'username', 'from', 'replyTo'] as const;
type Labelled = (typeof LABELLED)[number];

export function useDescribeSettings() {
  const { t } = useTranslation();
  return (settings: Record<string, unknown>) =>
    Object.entries(settings)
      .map(([key, value]) => {
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
