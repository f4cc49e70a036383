/**
 * How a run reads on a terminal (diagnosis first, then the evidence) and as `--json`
 * (exactly the report object of DESIGN.md, one JSON document on stdout).
 */
import type { ProbeReport } from '../electron/services/smtp/probe';
import type { DnsCheckReport } from '../electron/services/dns-check/types';
import type { AutodetectReport } from '../electron/services/autodetect/types';
import type { DeliveryReport } from '../electron/services/delivery/types';
import type { RunProgress, RunRecord, RunReport } from '../electron/services/smtp/report';

const PHASE_LABELS: Record<string, string> = {
  dns: 'DNS',
  connect: 'Connect',
  tls: 'TLS',
  greeting: 'Greeting',
  ehlo: 'EHLO',
  starttls: 'STARTTLS',
  auth: 'AUTH',
  mail: 'MAIL FROM',
  rcpt: 'RCPT TO',
  data: 'DATA',
  delivery: 'Delivery',
};

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

export function progressLine(progress: RunProgress): string | null {
  if (progress.state === 'running' || progress.state === 'skipped') return null;
  const mark = progress.state === 'ok' ? '✓' : '✗';
  return `  ${mark} ${(PHASE_LABELS[progress.phase] ?? progress.phase).padEnd(10)} ${String(progress.ms ?? 0).padStart(6)} ms`;
}

export function humanReport(record: RunRecord): string {
  const lines: string[] = [];
  if (record.ok) {
    lines.push('', record.summary);
  } else {
    lines.push(
      '',
      `Failed at ${PHASE_LABELS[record.phase ?? ''] ?? 'the session'}: ${record.summary} [${record.code}]`,
    );
    if (record.fix) {
      lines.push(`Fix: ${record.fix.text}`);
      const change = Object.entries(record.fix.settings).map(([k, v]) => `${k}=${String(v)}`);
      if (change.length) lines.push(`Settings change: ${change.join(', ')}`);
    }
  }
  const reply = record.server.response;
  if (reply) lines.push(`Server said: ${reply.code} ${reply.text}`);
  if (record.tls) {
    lines.push(
      `TLS: ${record.tls.protocol} ${record.tls.cipher}, ${record.tls.authorized ? 'certificate verified' : `not verified (${record.tls.authorizationError ?? 'unknown'})`}`,
    );
  }
  for (const warning of record.warnings ?? []) lines.push(`Warning: ${warning}`);
  if (record.delivery) lines.push('', deliveryText(record.delivery));
  if (record.dns) lines.push('', dnsText(record.dns));
  return terminalSafe(lines.join('\n'));
}

export function transcriptText(record: RunRecord): string {
  return terminalSafe(record.transcript.map((l) => `${l.dir}: ${l.line}`).join('\n'));
}

/** The probe as a table: one line per port, then what to use. */
export function humanProbe(report: ProbeReport): string {
  const mode = { tls: 'SMTPS', starttls: 'STARTTLS', none: 'plain' } as const;
  const lines = report.ports.map((p) => {
    const head = `  ${String(p.port).padEnd(5)} ${(p.security ? mode[p.security] : '—').padEnd(9)} ${String(p.ms).padStart(5)} ms  `;
    if (p.code !== 'OK') return `${head}✗ ${p.summary} [${p.code}]`;
    const tls = p.tls
      ? `${p.tls.protocol}, ${p.tls.authorized ? 'certificate verified' : `not verified (${p.tls.authorizationError})`}`
      : 'no TLS';
    const before =
      p.capabilitiesBeforeTls && p.security === 'starttls'
        ? `\n${' '.repeat(26)}before STARTTLS: ${p.capabilitiesBeforeTls.join(', ')}`
        : '';
    return `${head}✓ ${p.banner ?? ''}\n${' '.repeat(26)}${tls}${before}\n${' '.repeat(26)}offers: ${p.capabilities.join(', ') || '(nothing)'}`;
  });
  return terminalSafe(
    [
      `Probed ${report.host} in ${report.timings.total} ms:`,
      ...lines,
      '',
      report.fix ? `${report.summary} ${report.fix.text}` : report.summary,
    ].join('\n'),
  );
}

const STATUS_MARK = { pass: '✓', warn: '!', fail: '✗', info: '·' } as const;

/** The From-domain findings, one per line with its fix under it. */
export function dnsText(report: DnsCheckReport): string {
  const lines = [`DNS of ${report.domain}:`];
  for (const finding of report.findings) {
    lines.push(
      `  ${STATUS_MARK[finding.status]} ${finding.check.toUpperCase().padEnd(9)} ${finding.summary}`,
    );
    if (finding.fix) lines.push(`${' '.repeat(14)}Fix: ${finding.fix}`);
  }
  return terminalSafe(lines.join('\n'));
}

/** Autodetect: every candidate with why it won or lost, the winner first. */
export function humanAutodetect(report: AutodetectReport): string {
  const mode = { tls: 'SMTPS', starttls: 'STARTTLS', none: 'plain' } as const;
  const lines = [`Settings for ${report.domain} (${report.timings.total} ms):`];
  for (const c of report.candidates) {
    const mark = c === report.best ? '→' : c.ok ? '✓' : '✗';
    const time = c.ms === null ? c.source : `${c.ms} ms`;
    lines.push(
      `  ${mark} ${`${c.host}:${c.port}`.padEnd(32)} ${mode[c.security].padEnd(9)} ${time.padStart(7)}  ${c.reason}`,
    );
  }
  lines.push(
    '',
    report.best
      ? `Use ${report.best.host}:${report.best.port} with ${mode[report.best.security]}.`
      : 'No working settings were found.',
  );
  return terminalSafe(lines.join('\n'));
}

/** Where the message was found, its hops and its authentication results. */
export function deliveryText(delivery: DeliveryReport): string {
  const lines = [
    delivery.found
      ? `Found in ${delivery.folder ?? 'the mailbox'}${delivery.spam ? ' (junk)' : ''}, ${delivery.arrivalMs ?? 0} ms after the server accepted it${delivery.deleted ? '; deleted' : ''}.`
      : 'Not found in the mailbox.',
  ];
  if (delivery.leftSeen) {
    lines.push(
      `  Not deleted: the IMAP server does not offer UIDPLUS, so deleting it would also remove every message marked as deleted in ${delivery.folder ?? 'that folder'}; it was marked as read and left there.`,
    );
  }
  if (delivery.cleanupError) lines.push(`  Not deleted: ${delivery.cleanupError}`);
  for (const hop of delivery.hops) {
    lines.push(
      `  hop: ${hop.from ?? '?'} → ${hop.by ?? '?'}${hop.with ? ` with ${hop.with}` : ''}${hop.delayMs !== null ? ` (+${hop.delayMs} ms)` : ''}`,
    );
  }
  for (const auth of delivery.authentication) {
    lines.push(
      `  ${auth.method.toUpperCase()}: ${auth.result}${auth.explanation ? ` — ${auth.explanation}` : ''}`,
    );
  }
  return terminalSafe(lines.join('\n'));
}
