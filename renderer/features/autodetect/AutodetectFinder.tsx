/**
 * "Find settings": the address-or-domain field with its button, then every candidate
 * autodetect tried — the winner first and marked — with where it came from (preset, MX
 * record, probe), the result as icon and words, the time and the one-sentence reason; a
 * working candidate is applied with one click. Not a form of its own: the dialog around it
 * submits (Enter) by calling `finder.find()`.
 */
import { useId } from 'react';
import {
  Badge,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Search20Regular, Star12Filled } from '@fluentui/react-icons';
import { useTranslation } from 'react-i18next';
import type { AutodetectReport, Candidate } from '../../../electron/services/autodetect/types';
import { presetById } from '../../../electron/services/presets';
import { useFormat } from '../../shared/format';
import { useSharedStyles } from '../../shared/styles';
import { ProbeVerdict, shortResult } from '../check-server/UsualPorts';
import type { Autodetect } from './useAutodetect';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  field: { flex: '1 1 auto' },
  // Lines the button up with the input (the field's label sits above it).
  button: { marginTop: '26px', flexShrink: 0 },
  spinner: { justifyContent: 'flex-start', padding: `${tokens.spacingVerticalXS} 0` },
  server: { width: '216px' },
  source: { width: '104px' },
  time: { width: '64px', textAlign: 'end' },
  action: { width: '72px', textAlign: 'end' },
  cell: { display: 'flex', flexDirection: 'column', gap: '2px', padding: `${tokens.spacingVerticalXS} 0` },
  hostLine: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  host: { overflowWrap: 'anywhere' },
  best: { backgroundColor: tokens.colorBrandBackground2 },
  verdict: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  code: { overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  number: { fontVariantNumeric: 'tabular-nums' },
});

/** The result of one candidate in a word or two (a failed probe in the words of "Check server"). */
function useResultWords() {
  const { t } = useTranslation();
  return (candidate: Candidate) => {
    if (!candidate.ok) return t(`probe.result.${shortResult(candidate.code ?? '')}`);
    return candidate.ms === null ? t('autodetect.result.known') : t('autodetect.result.works');
  };
}

export function AutodetectFinder({
  finder,
  onUse,
  autoFocus = false,
}: {
  finder: Autodetect;
  onUse(candidate: Candidate, report: AutodetectReport): void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const { state } = finder;
  const running = state.status === 'running';

  return (
    <div className={styles.root} data-testid="autodetect">
      <div className={styles.row}>
        <Field
          className={styles.field}
          label={t('autodetect.inputLabel')}
          hint={t('autodetect.inputHint')}
          validationMessage={finder.error}
        >
          <Input
            value={finder.input}
            autoFocus={autoFocus}
            spellCheck={false}
            autoComplete="off"
            placeholder={t('autodetect.placeholder')}
            onChange={(_, data) => finder.setInput(data.value)}
          />
        </Field>
        <Button
          className={styles.button}
          type="submit"
          appearance="secondary"
          icon={<Search20Regular />}
          disabled={running}
        >
          {t('autodetect.find')}
        </Button>
      </div>
      {running && (
        <Spinner
          size="tiny"
          labelPosition="after"
          className={styles.spinner}
          label={t('autodetect.running')}
        />
      )}
      {state.status === 'refused' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.status === 'done' && <Candidates report={state.report} onUse={onUse} />}
    </div>
  );
}

function Candidates({
  report,
  onUse,
}: {
  report: AutodetectReport;
  onUse(candidate: Candidate, report: AutodetectReport): void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const shared = useSharedStyles();
  const format = useFormat();
  const resultWords = useResultWords();
  const summaryId = useId();
  const usable = report.candidates.some((c) => c.ok);

  return (
    <>
      <Text size={200} className={styles.muted} id={summaryId} data-testid="autodetect-summary">
        {[
          t('autodetect.took', { domain: report.domain, duration: format.duration(report.timings.total) }),
          report.mx &&
            (report.mx.hosts.length > 0
              ? t('autodetect.mx', { hosts: format.list(report.mx.hosts) })
              : t('autodetect.mxNone', { reason: report.mx.error ?? '' })),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {!usable && (
        <MessageBar intent="warning" layout="multiline" data-testid="autodetect-nothing">
          <MessageBarBody>{t('autodetect.nothing', { domain: report.domain })}</MessageBarBody>
        </MessageBar>
      )}
      {report.candidates.length > 0 && (
        <Table
          size="small"
          aria-label={t('autodetect.tableLabel', { domain: report.domain })}
          aria-describedby={summaryId}
          data-testid="autodetect-candidates"
        >
          <TableHeader>
            <TableRow>
              <TableHeaderCell className={styles.server}>{t('autodetect.columns.server')}</TableHeaderCell>
              <TableHeaderCell className={styles.source}>{t('autodetect.columns.source')}</TableHeaderCell>
              <TableHeaderCell>{t('autodetect.columns.result')}</TableHeaderCell>
              <TableHeaderCell className={styles.time}>{t('autodetect.columns.time')}</TableHeaderCell>
              <TableHeaderCell className={styles.action}>
                <span className={shared.visuallyHidden}>{t('autodetect.columns.action')}</span>
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.candidates.map((candidate, index) => {
              const best = index === 0 && report.best !== null;
              const protocol = t(`security.${candidate.security}`);
              const presetName = candidate.presetId ? presetById(candidate.presetId)?.name : undefined;
              return (
                <TableRow
                  key={`${candidate.source}-${candidate.host}-${candidate.port}-${index}`}
                  className={mergeClasses(best && styles.best)}
                  data-source={candidate.source}
                  data-ok={candidate.ok}
                  data-best={best || undefined}
                >
                  <TableCell className={styles.server}>
                    <div className={styles.cell}>
                      <span className={styles.hostLine}>
                        <span className={mergeClasses(shared.mono, styles.host)}>
                          {candidate.host}:{candidate.port}
                        </span>
                        {best && (
                          <Badge size="small" appearance="filled" color="brand" icon={<Star12Filled />}>
                            {t('autodetect.best')}
                          </Badge>
                        )}
                      </span>
                      <Text size={200} className={styles.muted}>
                        {protocol}
                      </Text>
                    </div>
                  </TableCell>
                  <TableCell className={styles.source}>
                    <div className={styles.cell}>
                      <Text size={200}>{t(`autodetect.source.${candidate.source}`)}</Text>
                      {presetName && (
                        <Text size={200} className={styles.muted}>
                          {presetName}
                        </Text>
                      )}
                    </div>
                  </TableCell>
                  <TableCell>
                    <div className={styles.cell}>
                      <ProbeVerdict
                        className={styles.verdict}
                        codeClassName={styles.code}
                        ok={candidate.ok}
                        words={resultWords(candidate)}
                        code={candidate.code}
                      />
                      <Text size={200} className={styles.muted}>
                        {candidate.reason}
                      </Text>
                    </div>
                  </TableCell>
                  <TableCell className={mergeClasses(styles.time, styles.number)}>
                    {candidate.ms === null ? (
                      <>
                        <span aria-hidden>—</span>
                        <span className={shared.visuallyHidden}>{t('autodetect.notProbed')}</span>
                      </>
                    ) : (
                      format.duration(candidate.ms)
                    )}
                  </TableCell>
                  <TableCell className={styles.action}>
                    {candidate.ok && (
                      <Button
                        size="small"
                        appearance={best ? 'primary' : 'secondary'}
                        aria-label={t('autodetect.useLabel', {
                          host: candidate.host,
                          port: candidate.port,
                          protocol,
                        })}
                        onClick={() => onUse(candidate, report)}
                      >
                        {t('autodetect.use')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </>
  );
}
