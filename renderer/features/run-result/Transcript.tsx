/** The SMTP conversation, verbatim and monospace (credentials were redacted in main), with Copy. */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { TranscriptLine } from '../../../electron/services/smtp/report';
import { useNotify } from '../../shared/notify';
import { useSharedStyles } from '../../shared/styles';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    marginBottom: tokens.spacingVerticalXS,
  },
  client: { color: tokens.colorBrandForeground1 },
  server: { color: tokens.colorNeutralForeground1 },
  dir: { color: tokens.colorNeutralForeground3, userSelect: 'none' },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function transcriptText(lines: TranscriptLine[]): string {
  return lines.map((l) => `${l.dir}: ${l.line}`).join('\n');
}

export function Transcript({ lines }: { lines: TranscriptLine[] }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const notify = useNotify();

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(transcriptText(lines));
      notify(t('run.evidence.copied'));
    } catch {
      notify(t('run.evidence.copyFailed'), 'error');
    }
  };

  if (lines.length === 0) return <Text className={styles.hint}>{t('run.evidence.noTranscript')}</Text>;
  return (
    <div>
      <div className={styles.bar}>
        <Text size={200} className={styles.hint}>
          {t('run.evidence.transcriptHint')}
        </Text>
        <Button size="small" appearance="subtle" icon={<Copy16Regular />} onClick={() => void copy()}>
          {t('run.evidence.copy')}
        </Button>
      </div>
      <pre
        className={shared.monoBlock}
        data-testid="transcript"
        tabIndex={0}
        aria-label={t('run.evidence.transcript')}
      >
        {lines.map((l, i) => (
          <div key={i} className={l.dir === 'C' ? styles.client : styles.server}>
            <span className={styles.dir}>{l.dir === 'C' ? 'C: ' : 'S: '}</span>
            {l.line}
          </div>
        ))}
      </pre>
    </div>
  );
}
