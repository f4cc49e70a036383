/**
 * mail-preflight: the command line over the same services as the app.
 *
 *   mail-preflight test [settings] --to ADDR [--no-send] [--json]
 *   mail-preflight probe --host HOST [--port P] | --domain DOMAIN
 *   mail-preflight login --profile NAME [--device]   (and logout --profile NAME)
 *   mail-preflight export [settings] --format F [--output FILE] [--include-secrets] | --list-formats
 *   mail-preflight profiles export [--profile NAME]... [--output FILE] | import FILE [--replace | --keep-both]
 *   mail-preflight profiles set-auth NAME oauth2 --provider P --client-id ID [...] | password [--password-env VAR]
 *
 * Exit status: 0 the check passed; 1 it ran and failed (diagnosed); 2 bad usage or input
 * (one line on stderr, nothing sent). With --json, stdout holds exactly one JSON object.
 *
 * This file only declares the commands and their flags. It must stay light: every start of
 * the tool pays for what it imports (`--help` and a refused connection are timed against
 * `node -e 0` and swaks in `npm run bench`). To add a command:
 *   1. put its work in `cli/commands/<name>.ts`, exporting `<name>Command(...arguments,
 *      options)` that runs through `speaking()` (cli/language.ts: its translator, and its
 *      usage errors said as one line) and resolves to the exit status;
 *   2. declare it here, its action being
 *      `lazy(async () => (await import('./commands/<name>')).<name>Command)`.
 * A new flag of an existing command is declared here, its description in the catalogues
 * (`cli.help.<command>.<flag>` in locales/en.json and ja.json: the help speaks the reader's
 * language, cli/help.ts), and read in that command's module.
 * Lint (eslint.config.js) refuses a static value import here of anything but commander,
 * package.json, ./exit, ./help and ./refusal (the translator loads when something is
 * refused or caught): the services and the libraries
 * under them (nodemailer, imapflow, mailauth, node-forge, conf, zod, ...) load only on the
 * path that uses them. The executable, cli/mail-preflight.ts, checks the Node version and
 * then imports this file.
 */
import { Command, type CommanderError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import type { Language } from '../electron/services/i18n/languages';
import type { Sentence } from '../electron/services/i18n/sentence';
import { EXIT } from './exit';
import { helpConfiguration, helpWords, languageOf, type HelpWords } from './help';
import { Refusal, refusalSentence } from './refusal';

/**
 * An action that loads its command's module only when that command runs; it takes what
 * commander gives an action (the arguments, then the options) and sets the exit status.
 */
function lazy<A extends unknown[]>(
  load: () => Promise<(...args: A) => Promise<number>>,
): (...args: A) => Promise<void> {
  return async (...args) => {
    const command = await load();
    process.exitCode = await command(...args);
  };
}

/**
 * --lang of every command that prints for a person: its messages, else LC_ALL, LC_MESSAGES,
 * LANG. Read by the command's module (cli/language.ts), which loads the translator; the help
 * reads it before commander does (cli/help.ts).
 */
function langOption(description: string): Option {
  return new Option('--lang <lang>', description).choices(['en', 'ja']);
}

/** The settings flags `test` and `export` share: a saved profile, a preset, or the server and login. */
function settingsOptions(command: Command, words: HelpWords): Command {
  const settings = words.settings;
  return command
    .option('--profile <name>', settings.profile)
    .option('--preset <name>', settings.preset)
    .option('--region <region>', settings.region)
    .option('--host <host>', settings.host)
    .option('--port <port>', settings.port)
    .addOption(new Option('--security <mode>', settings.security).choices(['none', 'starttls', 'tls']))
    .option('--anonymous', settings.anonymous)
    .option('--user <username>', settings.user);
}

/** The commands and their flags, described in the reader's language. */
function program(words: HelpWords): Command {
  const { settings, test, probe, export: exporting, profiles: transfer, setAuth } = words;
  const cli = new Command('mail-preflight')
    .description(words.program)
    .version(pkg.version, '-V, --version', words.version)
    .helpOption('-h, --help', words.helpOption)
    .helpCommand('help [command]', words.helpCommand)
    .configureHelp(helpConfiguration(words))
    .exitOverride(function (this: Command, error: CommanderError): never {
      throw new Refusal(error, this);
    })
    // Commander's own words stay unsaid: a refusal becomes one sentence in the reader's language (main()).
    .configureOutput({ outputError: () => undefined });

  settingsOptions(
    cli.command('test').description(test.description).requiredOption('--to <address>', test.to),
    words,
  )
    .option('--password-env <var>', test.passwordEnv)
    .option('--password-stdin', test.passwordStdin)
    .option('--allow-plaintext-auth', test.allowPlaintextAuth)
    .addOption(new Option('--auth <method>', test.auth).choices(['password', 'oauth2']))
    .option('--oauth2-token-env <var>', test.oauth2TokenEnv)
    .option('--from <address>', test.from)
    .option('--reply-to <address>', settings.replyTo)
    .option('--ca <file>', settings.ca, collect)
    .option('--servername <name>', settings.servername)
    .option('--client-cert <file>', test.clientCert)
    .option('--client-key <file>', test.clientKey)
    .option('--client-cert-password-env <var>', test.clientCertPasswordEnv)
    .option('--client-cert-alias <alias>', test.clientCertAlias)
    .option('--ehlo <name>', test.ehlo)
    .option('--timeout <seconds>', settings.timeout)
    .option('--no-send', test.noSend)
    .option('--check-dns', test.checkDns)
    .option('--dkim-selector <selector>', test.dkimSelector)
    .option('--dns-server <ip[:port]>', test.dnsServer)
    .option('--verify-delivery', test.verifyDelivery)
    .option('--imap-host <host>', test.imapHost)
    .option('--imap-port <port>', test.imapPort)
    .addOption(new Option('--imap-security <mode>', test.imapSecurity).choices(['none', 'starttls', 'tls']))
    .option('--imap-user <username>', test.imapUser)
    .option('--imap-password-env <var>', test.imapPasswordEnv)
    .option('--delivery-timeout <seconds>', test.deliveryTimeout)
    .option('--imap-ca <file>', test.imapCa, collect)
    .option('--delivery-cleanup', test.deliveryCleanup)
    .addOption(langOption(words.lang.diagnosis))
    .option('--transcript', test.transcript)
    .option('--json', test.json)
    .action(lazy(async () => (await import('./commands/test')).testCommand));
  cli
    .command('probe')
    .description(probe.description)
    .option('--host <host>', settings.host)
    .option('--port <port>', probe.port)
    .option('--domain <domain>', probe.domain)
    .option('--dns-server <ip[:port]>', probe.dnsServer)
    .option('--ca <file>', settings.ca, collect)
    .option('--servername <name>', settings.servername)
    .option('--timeout <seconds>', settings.timeout)
    .option('--json', probe.json)
    .addOption(langOption(words.lang.messages))
    .action(lazy(async () => (await import('./commands/probe')).probeCommand));
  cli
    .command('login')
    .description(words.login.description)
    .requiredOption('--profile <name>', words.login.profile)
    .option('--device', words.login.device)
    .addOption(langOption(words.lang.messages))
    .action(lazy(async () => (await import('./commands/login')).loginCommand));
  cli
    .command('logout')
    .description(words.logout.description)
    .requiredOption('--profile <name>', words.logout.profile)
    .addOption(langOption(words.lang.messages))
    .action(lazy(async () => (await import('./commands/login')).logoutCommand));
  settingsOptions(cli.command('export').description(exporting.description), words)
    .option('--from <address>', exporting.from)
    .option('--reply-to <address>', settings.replyTo)
    .option('--ca <file>', exporting.ca, collect)
    .option('--client-cert <file>', exporting.clientCert)
    .option('--format <format>', exporting.format)
    .option('--output <file>', exporting.output)
    .option('--include-secrets', exporting.includeSecrets)
    .option('--password-env <var>', exporting.passwordEnv)
    .option('--password-stdin', exporting.passwordStdin)
    .addOption(langOption(words.lang.export))
    .option('--list-formats', exporting.listFormats)
    .option('--json', exporting.json)
    .addHelpText('after', `\n${exporting.after}`)
    .action(lazy(async () => (await import('./commands/export')).exportCommand));

  const profiles = cli.command('profiles').description(transfer.description);
  profiles
    .command('export')
    .description(transfer.exportDescription)
    .option('--profile <name>', transfer.exportProfile, collect)
    .option('--output <file>', transfer.exportOutput)
    .addOption(langOption(words.lang.messages))
    .action(lazy(async () => (await import('./commands/profiles')).profilesExportCommand));
  profiles
    .command('import')
    .description(transfer.importDescription)
    .argument('<file>', transfer.importFile)
    .option('--replace', transfer.replace)
    .option('--keep-both', transfer.keepBoth)
    .addOption(langOption(words.lang.messages))
    .action(lazy(async () => (await import('./commands/profiles')).profilesImportCommand));
  profiles
    .command('set-auth')
    .description(setAuth.description)
    .argument('<name>', setAuth.name)
    .argument('<method>', setAuth.method)
    .addOption(
      new Option('--provider <provider>', setAuth.provider).choices(['google', 'microsoft', 'custom']),
    )
    .option('--tenant <tenant>', setAuth.tenant)
    .option('--issuer <url>', setAuth.issuer)
    .option('--authorization-endpoint <url>', setAuth.authorizationEndpoint)
    .option('--token-endpoint <url>', setAuth.tokenEndpoint)
    .option('--device-authorization-endpoint <url>', setAuth.deviceAuthorizationEndpoint)
    .option('--client-id <id>', setAuth.clientId)
    .option('--client-secret-env <var>', setAuth.clientSecretEnv)
    .option('--scopes <scopes>', setAuth.scopes)
    .option('--mailbox <address>', setAuth.mailbox)
    .option('--user <username>', setAuth.user)
    .option('--password-env <var>', setAuth.passwordEnv)
    .option('--password-stdin', setAuth.passwordStdin)
    .addOption(langOption(words.lang.messages))
    .action(lazy(async () => (await import('./commands/set-auth')).setAuthCommand));
  return cli;
}

function collect(value: string, all: string[] = []): string[] {
  return [...all, value];
}

/**
 * One line on stderr in the reader's language, exit status 2. The translator loads here,
 * only when something was refused or thrown: `--help` does not pay for it.
 */
async function complain(language: Language, said: Sentence): Promise<void> {
  const { loadTranslator, say } = await import('../electron/services/i18n');
  process.stderr.write(`mail-preflight: ${say(said, await loadTranslator(language))}\n`);
  process.exitCode = EXIT.usage;
}

export async function main(argv: string[]): Promise<void> {
  const language = languageOf(argv, process.env);
  if (argv.length <= 2) return complain(language, { key: 'cli.usage.parse.noCommand' });
  try {
    await program(await helpWords(language)).parseAsync(argv);
  } catch (error) {
    if (error instanceof Refusal) {
      const said = refusalSentence(error);
      if (said) return complain(language, said);
      process.exitCode = error.exitCode === 0 ? EXIT.passed : EXIT.usage;
      return;
    }
    // A command's own usage errors and refusals are said by the command (cli/language.ts).
    await complain(language, { key: 'cli.usage.parse.unexpected' });
  }
}
