/** `mail-preflight test`: one run from a profile or from flags, reported for a person or as JSON. */
import { randomUUID } from 'node:crypto';
import { cliLanguage, type Language } from '../../electron/services/i18n/languages';
import { addressSchema } from '../../electron/services/settings/profile-schema';
import { openServices } from '../open-services';
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

export async function testCommand(options: TestOptions): Promise<number> {
  if (!addressSchema.safeParse(options.to).success)
    throw new UsageError(`--to “${options.to}” is not an email address.`);
  const services = await openServices({
    dnsServer: options.dnsServer,
    profiles: options.profile !== undefined,
  });
  const settings = await resolveSettings(options, () => services);
  const record = await services.runs.run(
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
      language: cliLanguage(options.lang, process.env),
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
