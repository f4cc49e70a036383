/** `mail-preflight probe`: what one server offers (--host), or the settings for a domain (--domain). */
import { describeIssues } from '../../electron/services/messages';
import { hostSchema, portSchema } from '../../electron/services/settings/profile-schema';
import { openServices } from '../open-services';
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
}

export async function probeCommand(options: ProbeOptions): Promise<number> {
  if ((options.host === undefined) === (options.domain === undefined)) {
    throw new UsageError(
      'Give --host HOST (what this server offers) or --domain DOMAIN (find the settings), not both.',
    );
  }
  if (options.domain !== undefined) return autodetectCommand(options.domain, options);
  const host = hostSchema.safeParse(options.host);
  if (!host.success) throw new UsageError(describeIssues(host.error.issues));
  const port = options.port === undefined ? undefined : portSchema.safeParse(Number(options.port));
  if (port && !port.success) throw new UsageError(describeIssues(port.error.issues));
  const timeoutMs = parseSeconds(options.timeout, '--timeout');
  const services = await openServices({ profiles: false });
  const report = await services.runs.probe(host.data.trim(), port?.data, {
    tls: await tlsFromFlags(options),
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  process.stdout.write((options.json ? JSON.stringify(report, null, 2) : humanProbe(report)) + '\n');
  return report.ok ? EXIT.passed : EXIT.failed;
}

async function autodetectCommand(domain: string, options: ProbeOptions): Promise<number> {
  if (options.port !== undefined)
    throw new UsageError('--port goes with --host; --domain probes the usual ports.');
  const input = domain.trim();
  if (!input || /[\s\r\n]/.test(input))
    throw new UsageError(`--domain “${domain}” is not an address or a domain.`);
  const timeoutMs = parseSeconds(options.timeout, '--timeout');
  const services = await openServices({ dnsServer: options.dnsServer, profiles: false });
  const report = await services.runs.autodetect(input, {
    tls: await tlsFromFlags(options),
    ...(timeoutMs ? { probeTimeoutMs: timeoutMs } : {}),
  });
  process.stdout.write((options.json ? JSON.stringify(report, null, 2) : humanAutodetect(report)) + '\n');
  return report.best ? EXIT.passed : EXIT.failed;
}
