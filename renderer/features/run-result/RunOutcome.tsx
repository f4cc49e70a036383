/**
 * The success line: "Accepted by mail.example.com in 412 ms (queued as 4F2A1)", or with the
 * delivery check "Delivered to Inbox in 2.4 s (512 ms after the server accepted it)".
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { RunRecord } from '../../../electron/services/smtp/report';
import { useFormat } from '../../shared/format';
import { useFolderName } from '../delivery/DeliveryDetails';

export function RunOutcome({ record }: { record: RunRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const folderName = useFolderName();
  const duration = format.duration(record.timings.total);
  let text: string;
  const found = record.delivery?.found ? record.delivery : null;
  if (record.verdict === 'delivered' && found)
    text =
      found.arrivalMs === null
        ? t('run.outcome.deliveredTo', { folder: folderName(found.folder), duration })
        : t('run.outcome.deliveredToAfter', {
            folder: folderName(found.folder),
            duration,
            arrival: format.duration(found.arrivalMs),
          });
  else if (record.verdict === 'delivered') text = t('run.outcome.delivered', { duration });
  else if (record.dryRun) text = t('run.outcome.checked', { host: record.host, duration });
  else if (record.queueId)
    text = t('run.outcome.acceptedQueued', { host: record.host, duration, queueId: record.queueId });
  else text = t('run.outcome.accepted', { host: record.host, duration });
  return (
    <MessageBar intent="success" data-testid="run-outcome">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
