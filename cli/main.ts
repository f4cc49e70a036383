/**
 * mail-preflight: the command line over the same services as the app.
 *
 *   mail-preflight test [settings] --to ADDR [--no-send] [--json]
 *
 * Exit status: 0 the check passed; 1 it ran and failed (diagnosed); 2 bad usage or input
 * (one line on stderr, nothing sent). With --json, stdout holds exactly one JSON object.
 */
import { randomUUID } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { AppError } from '../electron/services/errors';
import { defaultDataDir } from '../electron/services/paths';
import { createServices, type Services } from '../electron/services/services';
import { confStoreFactory } from '../electron/services/settings/conf-store';
import { addressSchema, hostSchema, portSchema } from '../electron/services/settings/profile-schema';
import { describeIssues } from '../electron/services/messages';
import {
  humanAutodetect,
  humanProbe,
  humanReport,
  progressLine,
  toJson,
  transcriptText,
} from './print-report';
import { parseSeconds, resolveSettings, tlsFromFlags, type TestFlags } from './settings-from-flags';
import { EXIT, UsageError } from './usage-error';

interface TestOptions extends TestFlags {
  dnsServer?: string;
  send: boolean;
  json?: boolean;
  transcript?: boolean;
}

function openServices(dnsServer?: string): Services {
  const dataDir = defaultDataDir();
  return createServices({
    dataDir,
    version: pkg.version,
    storeFactory: confStoreFactory(dataDir),
    ...(dnsServer ? { resolver: resolverFor(dnsServer) } : {}),
  });
}

/** A resolver that asks one DNS server (--dns-server 192.0.2.53 or 127.0.0.1:5353). */
function resolverFor(server: string): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 1 });
  try {
    resolver.setServers([server]);
  } catch {
    throw new UsageError(`--dns-server “${server}” is not an IP address (with an optional :port).`);
  }
  return resolver;
}

async function testCommand(options: TestOptions): Promise<number> {
  if (!addressSchema.safeParse(options.to).success)
    throw new UsageError(`--to “${options.to}” is not an email address.`);
  let services: Services | undefined;
  const lazyServices = () => (services ??= openServices(options.dnsServer));
  const settings = await resolveSettings(options, lazyServices);
  const record = await lazyServices().runs.run(
    {
      runId: randomUUID(),
      profileId: settings.profileId,
      fields: settings.fields,
      password: settings.password,
      to: options.to,
      dryRun: !options.send,
      tls: settings.tls,
      imapPassword: settings.imapPassword,
      ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    },
    options.json
      ? undefined
      : (progress) => {
          const line = progressLine(progress);
          if (line) process.stdout.write(line + '\n');
        },
  );
  if (options.json) {
    process.stdout.write(toJson(record) + '\n');
  } else {
    process.stdout.write(humanReport(record) + '\n');
    if (options.transcript || !record.ok)
      process.stdout.write('\nTranscript:\n' + transcriptText(record) + '\n');
  }
  return record.ok ? EXIT.passed : EXIT.failed;
}

interface ProbeOptions {
  host?: string;
  domain?: string;
  dnsServer?: string;
  port?: string;
  ca?: string[];
  servername?: string;
  timeout?: string;
  json?: boolean;
}

async function probeCommand(options: ProbeOptions): Promise<number> {
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
  const report = await openServices().runs.probe(host.data.trim(), port?.data, {
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
  const report = await openServices(options.dnsServer).runs.autodetect(input, {
    tls: await tlsFromFlags(options),
    ...(timeoutMs ? { probeTimeoutMs: timeoutMs } : {}),
  });
  process.stdout.write((options.json ? JSON.stringify(report, null, 2) : humanAutodetect(report)) + '\n');
  return report.best ? EXIT.passed : EXIT.failed;
}

function program(): Command {
  const cli = new Command('mail-preflight')
    .description('Prove that outgoing mail (SMTP) settings work, and learn why they do not.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });

  cli
    .command('test')
    .description('Send a test message (or with --no-send, check the envelope only) and diagnose the result.')
    .requiredOption('--to <address>', 'recipient of the test message')
    .option('--profile <name>', 'a profile saved in the app (settings and keychain password)')
    .option(
      '--preset <name>',
      "a provider's settings: gmail, microsoft-365, amazon-ses, sendgrid, … (see --help of probe)",
    )
    .option('--region <region>', 'with --preset amazon-ses: the region, e.g. eu-west-1')
    .option('--host <host>', 'SMTP server address')
    .option('--port <port>', 'SMTP server port (default: the usual port of --security)')
    .addOption(
      new Option('--security <mode>', 'protocol: plain SMTP, STARTTLS, or implicit TLS (SMTPS)').choices([
        'none',
        'starttls',
        'tls',
      ]),
    )
    .option('--anonymous', 'connect without logging in')
    .option('--user <username>', 'login name')
    .option('--password-env <var>', 'read the password from this environment variable')
    .option('--password-stdin', 'read the password from standard input')
    .option('--from <address>', 'sender address (From and MAIL FROM)')
    .option('--reply-to <address>', 'Reply-To address')
    .option('--ca <file>', 'trust this CA certificate (PEM) as well; repeatable', collect)
    .option('--servername <name>', 'verify the certificate (and send SNI) for this name')
    .option(
      '--client-cert <file>',
      'present this client certificate: .p12/.pfx, .pem (key and chain) or .jks',
    )
    .option('--client-key <file>', 'with --client-cert (.pem): the private key in its own file')
    .option(
      '--client-cert-password-env <var>',
      "read the client certificate's passphrase from this environment variable",
    )
    .option('--client-cert-alias <alias>', 'with a .jks holding several keys: the one to use')
    .option('--timeout <seconds>', 'timeout of each step (default 10)')
    .option('--no-send', 'stop after RCPT TO (then RSET, QUIT): nothing is sent')
    .option('--check-dns', "also check the From domain's MX, SPF (for this relay), DMARC and alignment")
    .option('--dkim-selector <selector>', 'with --check-dns: also check this DKIM selector')
    .option(
      '--dns-server <ip[:port]>',
      'with --check-dns: ask this DNS server instead of the system resolver',
    )
    .option(
      '--verify-delivery',
      "watch the recipient's mailbox over IMAP until the message arrives (Inbox or Junk)",
    )
    .option('--imap-host <host>', 'with --verify-delivery: the IMAP server')
    .option(
      '--imap-port <port>',
      'with --verify-delivery: its port (default: the usual one of --imap-security)',
    )
    .addOption(
      new Option('--imap-security <mode>', 'with --verify-delivery: IMAP protocol').choices([
        'none',
        'starttls',
        'tls',
      ]),
    )
    .option('--imap-user <username>', 'with --verify-delivery: the mailbox login')
    .option(
      '--imap-password-env <var>',
      'with --verify-delivery: read the IMAP password from this environment variable',
    )
    .option(
      '--delivery-timeout <seconds>',
      'with --verify-delivery: how long to wait for the message (default 120)',
    )
    .option('--delivery-cleanup', 'with --verify-delivery: delete the test message once found')
    .option('--transcript', 'print the SMTP transcript even when the run passed')
    .option('--json', 'print exactly one JSON object (the report) on stdout')
    .action(async (options: TestOptions) => {
      process.exitCode = await testCommand(options);
    });
  cli
    .command('probe')
    .description(
      'Show what a server offers (banner, EHLO keywords, TLS) without logging in or sending; without --port, probe 465, 587, 25 and 2525 in parallel.',
    )
    .option('--host <host>', 'SMTP server address')
    .option('--port <port>', 'one port to probe')
    .option(
      '--domain <domain>',
      'find the settings for an address or domain: presets, then MX records, then probes',
    )
    .option(
      '--dns-server <ip[:port]>',
      'with --domain: ask this DNS server for MX records instead of the system resolver',
    )
    .option('--ca <file>', 'trust this CA certificate (PEM) as well; repeatable', collect)
    .option('--servername <name>', 'verify the certificate (and send SNI) for this name')
    .option('--timeout <seconds>', 'timeout of each step (default 10)')
    .option('--json', 'print exactly one JSON object on stdout')
    .action(async (options: ProbeOptions) => {
      process.exitCode = await probeCommand(options);
    });
  return cli;
}

function collect(value: string, all: string[] = []): string[] {
  return [...all, value];
}

export async function main(argv: string[]): Promise<void> {
  if (argv.length <= 2) {
    process.stderr.write('mail-preflight: give a command, e.g. “mail-preflight test --help”.\n');
    process.exitCode = EXIT.usage;
    return;
  }
  try {
    await program().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? EXIT.passed : EXIT.usage;
    } else if (error instanceof UsageError || error instanceof AppError) {
      process.stderr.write(`mail-preflight: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write('mail-preflight: an unexpected error stopped the run; nothing was changed.\n');
      process.exitCode = EXIT.usage;
    }
  }
}

await main(process.argv);
