/** `mail-preflight probe`: what one server offers (--host), or the settings for a domain (--domain). */
import { sentence, type Language, type Translate } from '../../electron/services/i18n';
import { RULES } from '../../electron/services/settings/field-rules';
import { speaking } from '../language';
import { openRunner } from '../open-runner';
import { humanAutodetect, humanProbe } from '../print-report';
import { parseSeconds, tlsFromFlags } from '../settings-from-flags';
import { EXIT, UsageError } from '../usage-error';

export interface ProbeOptions {
  host?: string;
  domain?: string;
  dnsServer?: string;
  port?: string;
  ca?: string[];
  servername?: string;
  timeout?: string;
  json?: boolean;
  lang?: Language;
}

export function probeCommand(options: ProbeOptions): Promise<number> {
  return speaking(options.lang, (t, language) => probe(options, t, language));
}

async function probe(options: ProbeOptions, t: Translate, language: Language): Promise<number> {
  if ((options.host === undefined) === (options.domain === undefined)) {
    throw new UsageError(sentence('cli.usage.hostOrDomain'));
  }
  if (options.domain !== undefined) return autodetect(options.domain, options, t, language);
  const host = options.host!;
  const port = options.port === undefined ? undefined : Number(options.port);
  const problem = RULES.host(host) ?? (port === undefined ? null : RULES.port(port));
  if (problem) throw new UsageError(sentence(problem));
  const timeoutMs = parseSeconds(options.timeout, '--timeout');
  const report = await openRunner().probe(host.trim(), port, {
    tls: await tlsFromFlags(options),
    ...(timeoutMs ? { timeoutMs } : {}),
    language,
  });
  process.stdout.write((options.json ? JSON.stringify(report, null, 2) : humanProbe(report, t)) + '\n');
  return report.ok ? EXIT.passed : EXIT.failed;
}

async function autodetect(
  domain: string,
  options: ProbeOptions,
  t: Translate,
  language: Language,
): Promise<number> {
  if (options.port !== undefined) throw new UsageError(sentence('cli.usage.portWithHost'));
  const input = domain.trim();
  if (!input || /[\s\r\n]/.test(input))
    throw new UsageError(sentence('cli.usage.notDomain', { value: domain }));
  const timeoutMs = parseSeconds(options.timeout, '--timeout');
  const report = await openRunner({ dnsServer: options.dnsServer }).autodetect(input, {
    tls: await tlsFromFlags(options),
    ...(timeoutMs ? { probeTimeoutMs: timeoutMs } : {}),
    language,
  });
  process.stdout.write((options.json ? JSON.stringify(report, null, 2) : humanAutodetect(report, t)) + '\n');
  return report.best ? EXIT.passed : EXIT.failed;
}
