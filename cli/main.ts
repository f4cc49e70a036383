/**
 * mail-preflight: the command line over the same services as the app.
 *
 *   mail-preflight test [settings] --to ADDR [--no-send] [--json]
 *   mail-preflight probe --host HOST [--port P] | --domain DOMAIN
 *   mail-preflight login --profile NAME [--device]   (and logout --profile NAME)
 *   mail-preflight export [settings] --format F [--output FILE] [--include-secrets] | --list-formats
 *   mail-preflight profiles export [--profile NAME]... [--output FILE] | import FILE [--replace | --keep-both]
 *
 * Exit status: 0 the check passed; 1 it ran and failed (diagnosed); 2 bad usage or input
 * (one line on stderr, nothing sent). With --json, stdout holds exactly one JSON object.
 *
 * This file only declares the commands and their flags. It must stay light: every start of
 * the tool pays for what it imports (`--help` and a refused connection are timed against
 * `node -e 0` and swaks in `npm run bench`). To add a command:
 *   1. put its work in `cli/commands/<name>.ts`, exporting `<name>Command(options)` that
 *      resolves to the exit status, and its options type;
 *   2. declare it here, its action being
 *      `lazy<XOptions>(async () => (await import('./commands/<name>')).<name>Command)`,
 *      and import only its options *type* statically (`import type`).
 * A new flag of an existing command is declared here and read in that command's module.
 * Lint (eslint.config.js) refuses a static value import here of anything but commander,
 * package.json and ./exit (the error classes load when one is caught): the services and the libraries
 * under them (nodemailer, imapflow, mailauth, node-forge, conf, zod, ...) load only on the
 * path that uses them. The executable, cli/mail-preflight.ts, checks the Node version and
 * then imports this file.
 */
import { Command, CommanderError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import type { LoginOptions } from './commands/login';
import type { ExportOptions } from './commands/export';
import type { ProbeOptions } from './commands/probe';
import type { ProfilesExportOptions, ProfilesImportOptions } from './commands/profiles';
import type { TestOptions } from './commands/test';
import { EXIT } from './exit';

/** An action that loads its command's module only when that command runs. */
function lazy<O>(load: () => Promise<(options: O) => Promise<number>>): (options: O) => Promise<void> {
  return async (options) => {
    const command = await load();
    process.exitCode = await command(options);
  };
}

/**
 * --lang of every command that prints for a person: its messages, else LC_ALL, LC_MESSAGES,
 * LANG. Read by the command's module (cli/language.ts), which loads the translator.
 */
function langOption(what = 'language of the messages'): Option {
  return new Option('--lang <lang>', `${what} (default: LC_ALL, LC_MESSAGES, LANG)`).choices(['en', 'ja']);
}

/** The settings flags `test` and `export` share: a saved profile, a preset, or the server and login. */
function settingsOptions(command: Command): Command {
  return command
    .option(
      '--profile <name>',
      'a profile saved in the app (settings and keychain password); with test, --host, --port, --security, --user override it, and its saved password then stays unsent',
    )
    .option('--preset <name>', "a provider's settings: gmail, microsoft-365, amazon-ses, sendgrid, …")
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
    .option('--user <username>', 'login name');
}

function program(): Command {
  const cli = new Command('mail-preflight')
    .description('Prove that outgoing mail (SMTP) settings work, and learn why they do not.')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.split('\n')[0] + '\n') });

  settingsOptions(
    cli
      .command('test')
      .description(
        'Send a test message (or with --no-send, check the envelope only) and diagnose the result.',
      )
      .requiredOption('--to <address>', 'recipient of the test message'),
  )
    .option('--password-env <var>', 'read the password from this environment variable')
    .option('--password-stdin', 'read the password from standard input')
    .option(
      '--allow-plaintext-auth',
      'log in over --security none to a host that is not loopback (the password crosses the network readable)',
    )
    .addOption(
      new Option('--auth <method>', 'log in with a password or an OAuth2 access token (XOAUTH2)').choices([
        'password',
        'oauth2',
      ]),
    )
    .option(
      '--oauth2-token-env <var>',
      'with --auth oauth2: read a ready access token from this environment variable (for scripts)',
    )
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
    .option(
      '--ehlo <name>',
      "the name given in EHLO (default: this machine's FQDN, else an address literal such as [192.0.2.7])",
    )
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
      'with --verify-delivery: how long to wait for the message, 1-600 (default 120)',
    )
    .option(
      '--imap-ca <file>',
      'with --verify-delivery: trust this CA certificate for IMAP too (beyond --ca); repeatable',
      collect,
    )
    .option('--delivery-cleanup', 'with --verify-delivery: delete the test message once found')
    .addOption(langOption('language of the diagnosis'))
    .option('--transcript', 'print the SMTP transcript even when the run passed')
    .option('--json', 'print exactly one JSON object (the report) on stdout')
    .action(lazy<TestOptions>(async () => (await import('./commands/test')).testCommand));
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
    .addOption(langOption())
    .action(lazy<ProbeOptions>(async () => (await import('./commands/probe')).probeCommand));
  cli
    .command('login')
    .description(
      "Sign a profile in with OAuth2 (Google, Microsoft 365, ...): in this machine's browser, or with --device by a code confirmed on any device.",
    )
    .requiredOption('--profile <name>', 'the profile (set to OAuth2 in the app)')
    .option('--device', 'no browser here: show an address and a code to confirm on another device')
    .addOption(langOption())
    .action(lazy<LoginOptions>(async () => (await import('./commands/login')).loginCommand));
  cli
    .command('logout')
    .description('Sign a profile out: its OAuth2 refresh token leaves the keychain.')
    .requiredOption('--profile <name>', 'the profile')
    .addOption(langOption())
    .action(lazy<LoginOptions>(async () => (await import('./commands/login')).logoutCommand));
  settingsOptions(
    cli
      .command('export')
      .description(
        "Write the tested settings as a target's own configuration (youtrack, youtrack-rest, gitlab, postfix, msmtp, grafana, discourse, nextcloud, django, spring, mattermost, keycloak, env).",
      ),
  )
    .option('--from <address>', 'sender address')
    .option('--reply-to <address>', 'Reply-To address')
    .option('--ca <file>', 'a CA certificate the target must trust (named, not read); repeatable', collect)
    .option('--client-cert <file>', 'the client certificate the target presents (named, not read)')
    .option('--format <format>', 'the target (see --list-formats)')
    .option('--output <file>', 'write to this file (created readable by you only) instead of stdout')
    .option('--include-secrets', 'write the password instead of a placeholder; only with --output')
    .option('--password-env <var>', 'with --include-secrets: the password from this environment variable')
    .option('--password-stdin', 'with --include-secrets: the password from standard input')
    .addOption(langOption('language of the messages, the comments and of youtrack'))
    .option('--list-formats', 'list the formats, what each is for, and how to apply it')
    .option('--json', 'with --list-formats: as JSON')
    .addHelpText(
      'after',
      '\nSecrets: SMTP_PASSWORD stands where the password goes unless --include-secrets --output FILE.\n' +
        '--list-formats also shows the curl call that applies youtrack-rest.\n' +
        'Exit status: 0 written; 1 the target cannot express these settings (nothing written); 2 bad usage.',
    )
    .action(lazy<ExportOptions>(async () => (await import('./commands/export')).exportCommand));

  const profiles = cli
    .command('profiles')
    .description('Move profiles between workstations as a JSON file without secrets.');
  profiles
    .command('export')
    .description('Write the profiles (all, or those named) as JSON, without passwords.')
    .option('--profile <name>', 'only this profile; repeatable', collect)
    .option('--output <file>', 'write to this file instead of stdout')
    .addOption(langOption())
    .action(
      lazy<ProfilesExportOptions>(async () => (await import('./commands/profiles')).profilesExportCommand),
    );
  profiles
    .command('import')
    .description('Import profiles from a JSON file; checks all of it first and imports all or nothing.')
    .argument('<file>', 'a file written by "profiles export" (or the app)')
    .option('--replace', 'overwrite profiles that have the same name')
    .option('--keep-both', 'import a profile whose name exists under a new name, e.g. "Relay (2)"')
    .addOption(langOption())
    .action(async (file: string, options: ProfilesImportOptions) => {
      process.exitCode = await (await import('./commands/profiles')).profilesImportCommand(file, options);
    });
  return cli;
}

function collect(value: string, all: string[] = []): string[] {
  return [...all, value];
}

/**
 * Whether an error is bad usage or input said in one sentence. The error classes load here,
 * only when something was thrown: they bring the translator and its catalogues, which
 * `--help` must not pay for.
 */
async function isUsageProblem(error: unknown): Promise<boolean> {
  const [{ UsageError }, { AppError }] = await Promise.all([
    import('./usage-error'),
    import('../electron/services/errors'),
  ]);
  return error instanceof UsageError || error instanceof AppError;
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
    } else if (await isUsageProblem(error)) {
      process.stderr.write(`mail-preflight: ${(error as Error).message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write('mail-preflight: an unexpected error stopped the run; nothing was changed.\n');
      process.exitCode = EXIT.usage;
    }
  }
}
