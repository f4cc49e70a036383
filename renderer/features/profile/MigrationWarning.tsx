/**
 * Under the server address: the seed's cloud → server case. A vendor-hosted relay that
 * refuses outside connections, or a private or loopback address that the server receiving
 * this configuration may not reach (the sentence comes from the presets' migration check,
 * which keeps the list of hosted relays as data).
 */
import { useMemo } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { migrationWarning } from '../../../electron/services/presets';
import { useFormStyles } from './formStyles';
import { say } from '../../i18n';

export function MigrationWarning({ host, id }: { host: string; id?: string }) {
  const { t } = useTranslation();
  const styles = useFormStyles();
  const warning = useMemo(() => migrationWarning(host), [host]);
  if (!warning) return null;
  return (
    <MessageBar
      intent="warning"
      layout="multiline"
      className={styles.warning}
      id={id}
      data-testid="migration-warning"
      data-kind={warning.kind}
    >
      <MessageBarBody>
        <MessageBarTitle>{t(`migration.${warning.kind}`)}</MessageBarTitle>
        {say(warning.sentence)}
      </MessageBarBody>
    </MessageBar>
  );
}
