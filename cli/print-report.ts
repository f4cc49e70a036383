/**
 * How a run reads on a terminal (diagnosis first, then the evidence) and as `--json`
 * (exactly the report object of DESIGN.md, one JSON document on stdout).
 */
import type { ProbeReport } from '../electron/services/smtp/probe';
import type { DnsCheckReport } from '../electron/services/dns-check/types';
import type { AutodetectReport } from '../electron/services/autodetect/types';
import type { DeliveryReport } from '../electron/services/delivery/types';
import type { RunProgress, RunRecord, RunReport } from '../electron/services/smtp/report';
import { ENGLISH, joinSentences, say, type Translate } from '../electron/services/i18n';
import { authorizationSentence } from '../electron/services/smtp/tls-authorization';

/** A phase's label in the table ("Connect", "接続"); protocol words stay as they are. */
function phaseLabel(phase: string, t: Translate): string {
  return isPhase(phase) ? t(`phases.${phase}`) : phase;
}

function isPhase(phase: string): phase is keyof typeof ENGLISH.phases {
  return Object.hasOwn(ENGLISH.phases, phase);
}

/** "certificate verified", or "not verified: <why> (CODE)" with Node's code beside its sentence. */
function tlsVerdict(
  tls: { authorized: boolean; authorizationError?: string | null | undefined },
  t: Translate,
): string {
  if (tls.authorized) return t('cli.report.certificateVerified');
  const code = tls.authorizationError;
  return code
    ? t('cli.report.notVerifiedCode', { reason: say(authorizationSentence(code), t), code })
    : t('cli.report.notVerified', { reason: t('cli.report.unknown') });
}

/**
 * Text from a server (replies, banners, EHLO keywords, certificate fields) is untrusted: a
 * control character or an escape sequence in it must not act on the terminal. Every one
 * (C0 but tab and line feed, DEL, C1) is shown as its \xNN form instead: ESC reads "\x1b".
 * Line feeds stay, as the lines printed here are joined by them.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * The run's warnings in the reader's language: the report keeps them in English (the JSON
 * contract) and, where the run made them so, as sentences beside them; a warning with no
 * sentence stays as it is.
 */
function warningsIn(record: RunRecord, t: Translate): string[] {
  const sentences = record.warningSentences ?? [];
  return (record.warnings ?? []).map((warning) => {
    const match = sentences.find((s) => say(s) === warning);
    return match ? say(match, t) : warning;
  });
}

/** The report as the JSON contract orders it, followed by the fields added since. */
export function toJson(record: RunRecord): string {
  const report: RunReport & { runId: string; startedAt: string } = {
    ok: record.ok,
    verdict: record.verdict,
    code: record.code,
    phase: record.phase,
    summary: record.summary,
    fix: record.fix,
    server: record.server,
    tls: record.tls,
    timings: record.timings,
    messageId: record.messageId,
    queueId: record.queueId,
    transcript: record.transcript,
    runId: record.id,
    startedAt: record.startedAt,
    ...(record.dns ? { dns: record.dns } : {}),
    ...(record.delivery ? { delivery: record.delivery } : {}),
    ...(record.warnings?.length ? { warnings: record.warnings } : {}),
    ...(record.advice ? { advice: record.advice } : {}),
    ...(record.auth ? { auth: record.auth } : {}),
  };
  return JSON.stringify(report, null, 2);
}

export function progressLine(progress: RunProgress, t: Translate): string | null {
  if (progress.state === 'running' || progress.state === 'skipped') return null;
  const mark = progress.state === 'ok' ? '✓' : '✗';
  return `  ${mark} ${phaseLabel(progress.phase, t).padEnd(10)} ${t('units.ms', { value: String(progress.ms ?? 0).padStart(6) })}`;
}

export function humanReport(record: RunRecord, t: Translate): string {
  const lines: string[] = [];
  if (record.ok) {
    lines.push('', record.summary);
  } else {
    const phase = record.phase ? phaseLabel(record.phase, t) : t('cli.report.theSession');
    lines.push('', t('cli.report.failedAt', { phase, summary: record.summary, code: record.code }));
    if (record.fix) {
      lines.push(t('cli.report.fix', { text: record.fix.text }));
      const change = Object.entries(record.fix.settings).map(([k, v]) => `${k}=${String(v)}`);
      if (change.length) lines.push(t('cli.report.settingsChange', { changes: change.join(', ') }));
    }
  }
  const reply = record.server.response;
  if (reply) lines.push(t('cli.report.serverSaid', { code: reply.code, text: reply.text }));
  if (record.tls) {
    const { protocol, cipher } = record.tls;
    lines.push(t('cli.report.tls', { protocol, cipher, verdict: tlsVerdict(record.tls, t) }));
  }
  for (const warning of warningsIn(record, t)) lines.push(t('cli.report.warning', { text: warning }));
  if (record.delivery) lines.push('', deliveryText(record.delivery, t));
  if (record.dns) lines.push('', dnsText(record.dns, t));
  return terminalSafe(lines.join('\n'));
}

export function transcriptText(record: RunRecord): string {
  return terminalSafe(record.transcript.map((l) => `${l.dir}: ${l.line}`).join('\n'));
}

/** The probe as a table: one line per port, then what to use. */
export function humanProbe(report: ProbeReport, t: Translate): string {
  const mode = { tls: 'SMTPS', starttls: 'STARTTLS', none: t('cli.probe.plain') } as const;
  const lines = report.ports.map((p) => {
    const head = `  ${String(p.port).padEnd(5)} ${(p.security ? mode[p.security] : '—').padEnd(9)} ${t('units.ms', { value: String(p.ms).padStart(5) })}  `;
    if (p.code !== 'OK') return `${head}✗ ${p.summary} [${p.code}]`;
    const tls = p.tls
      ? t('cli.probe.tls', { protocol: p.tls.protocol, verdict: tlsVerdict(p.tls, t) })
      : t('cli.probe.noTls');
    const before =
      p.capabilitiesBeforeTls && p.security === 'starttls'
        ? `\n${' '.repeat(26)}${t('cli.probe.beforeStarttls', { list: p.capabilitiesBeforeTls.join(', ') })}`
        : '';
    const offers = t('cli.probe.offers', { list: p.capabilities.join(', ') || t('cli.probe.nothing') });
    return `${head}✓ ${p.banner ?? ''}\n${' '.repeat(26)}${tls}${before}\n${' '.repeat(26)}${offers}`;
  });
  return terminalSafe(
    [
      t('cli.probe.heading', { host: report.host, ms: report.timings.total }),
      ...lines,
      '',
      report.fix ? joinSentences([report.summary, report.fix.text]) : report.summary,
    ].join('\n'),
  );
}

const STATUS_MARK = { pass: '✓', warn: '!', fail: '✗', info: '·' } as const;

/** The From-domain findings, one per line with its fix under it. */
export function dnsText(report: DnsCheckReport, t: Translate): string {
  const lines = [t('cli.dns.heading', { domain: report.domain })];
  for (const finding of report.findings) {
    lines.push(
      `  ${STATUS_MARK[finding.status]} ${finding.check.toUpperCase().padEnd(9)} ${finding.summary}`,
    );
    if (finding.fix) lines.push(`${' '.repeat(14)}${t('cli.report.fix', { text: finding.fix })}`);
  }
  return terminalSafe(lines.join('\n'));
}

/** Autodetect: every candidate with why it won or lost, the winner first. */
export function humanAutodetect(report: AutodetectReport, t: Translate): string {
  const mode = { tls: 'SMTPS', starttls: 'STARTTLS', none: t('cli.probe.plain') } as const;
  const lines = [t('cli.autodetect.heading', { domain: report.domain, ms: report.timings.total })];
  for (const c of report.candidates) {
    const mark = c === report.best ? '→' : c.ok ? '✓' : '✗';
    const time = c.ms === null ? t(`autodetect.source.${c.source}`) : t('units.ms', { value: c.ms });
    lines.push(
      `  ${mark} ${`${c.host}:${c.port}`.padEnd(32)} ${mode[c.security].padEnd(9)} ${time.padStart(7)}  ${c.reason}`,
    );
  }
  lines.push(
    '',
    report.best
      ? t('cli.autodetect.use', {
          host: report.best.host,
          port: report.best.port,
          security: mode[report.best.security],
        })
      : t('cli.autodetect.none'),
  );
  return terminalSafe(lines.join('\n'));
}

/** Where the message was found, its hops and its authentication results. */
export function deliveryText(delivery: DeliveryReport, t: Translate): string {
  const found = { folder: delivery.folder ?? t('cli.delivery.theMailbox'), ms: delivery.arrivalMs ?? 0 };
  const lines = [
    delivery.found
      ? joinSentences([
          t(delivery.spam ? 'cli.delivery.foundJunk' : 'cli.delivery.found', found),
          ...(delivery.deleted ? [t('cli.delivery.deleted')] : []),
        ])
      : t('cli.delivery.notFound'),
  ];
  if (delivery.leftSeen) {
    lines.push(
      `  ${t('cli.delivery.leftSeen', { folder: delivery.folder ?? t('cli.delivery.thatFolder') })}`,
    );
  }
  if (delivery.cleanupError)
    lines.push(`  ${t('cli.delivery.notDeleted', { reason: delivery.cleanupError })}`);
  for (const hop of delivery.hops) {
    const route = t('cli.delivery.hop', { from: hop.from ?? '?', by: hop.by ?? '?' });
    const via = hop.with ? ` ${t('cli.delivery.hopWith', { protocol: hop.with })}` : '';
    const delay = hop.delayMs !== null ? ` (+${t('units.ms', { value: hop.delayMs })})` : '';
    lines.push(`  ${route}${via}${delay}`);
  }
  for (const auth of delivery.authentication) {
    lines.push(
      `  ${auth.method.toUpperCase()}: ${auth.result}${auth.explanation ? ` — ${auth.explanation}` : ''}`,
    );
  }
  return terminalSafe(lines.join('\n'));
}
