/** `mail-preflight test`: one run from a profile or from flags, reported for a person or as JSON. */
import { randomUUID } from 'node:crypto';
import type { Language } from '../../electron/services/i18n/languages';
import { sentence, type Translate } from '../../electron/services/i18n';
import { RULES } from '../../electron/services/settings/field-rules';
import { speaking } from '../language';
import { openRunner } from '../open-runner';
import { humanReport, progressLine, toJson, transcriptText } from '../print-report';
import { resolveSettings, type TestFlags } from '../settings-from-flags';
import { EXIT, UsageError } from '../usage-error';

export interface TestOptions extends TestFlags {
  dnsServer?: string;
  send: boolean;
  json?: boolean;
  transcript?: boolean;
  lang?: Language;
}

export function testCommand(options: TestOptions): Promise<number> {
  return speaking(options.lang, (t, language) => run(options, t, language));
}

async function run(options: TestOptions, t: Translate, language: Language): Promise<number> {
  if (RULES.address(options.to))
    throw new UsageError(sentence('cli.usage.toNotAddress', { value: options.to }));
  // A saved profile opens the services (settings, keychain); a run from flags only the runner.
  const services =
    options.profile === undefined
      ? null
      : await (await import('../open-services')).openServices({ dnsServer: options.dnsServer, t });
  const settings = await resolveSettings(options, services, process.env, t);
  const runner = services?.runs ?? openRunner({ dnsServer: options.dnsServer });
  const record = await runner.run(
    {
      runId: randomUUID(),
      profileId: settings.profileId,
      fields: settings.fields,
      password: settings.password,
      accessToken: settings.accessToken,
      to: options.to,
      dryRun: !options.send,
      tls: settings.tls,
      imapPassword: settings.imapPassword,
      imapCa: settings.imapCa,
      language,
      ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    },
    options.json
      ? undefined
      : (progress) => {
          const line = progressLine(progress, t);
          if (line) process.stdout.write(line + '\n');
        },
  );
  if (options.json) {
    process.stdout.write(toJson(record) + '\n');
  } else {
    process.stdout.write(humanReport(record, t) + '\n');
    if (options.transcript || !record.ok)
      process.stdout.write(`\n${t('cli.report.transcript')}\n${transcriptText(record)}\n`);
  }
  return record.ok ? EXIT.passed : EXIT.failed;
}
