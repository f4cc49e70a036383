/**
 * `mail-preflight export`: the tested settings as a target's own configuration, from a
 * profile or from flags (as `test` takes them). Secrets are placeholders unless
 * --include-secrets, which writes only to --output (created 0600). A profile the target
 * cannot express is one sentence and exit 1, with nothing written.
 */
import { basename } from 'node:path';
import {
  EXPORT_FORMAT_IDS,
  exportFormat,
  isExportFormatId,
  listFormats,
  renderExport,
  subjectOf,
  writePrivateFile,
  type ExportFormatId,
  type ExportLang,
  type ExportSubject,
} from '../../electron/services/export';
import { sentence, type Language, type Translate } from '../../electron/services/i18n';
import type { Services } from '../../electron/services/services';
import { speaking } from '../language';
import { openServices } from '../open-services';
import { fieldsFromFlags, passwordFromFlags, profileFromFlag, type TestFlags } from '../settings-from-flags';
import { EXIT, UsageError } from '../usage-error';

export interface ExportOptions extends Omit<TestFlags, 'to'> {
  format?: string;
  output?: string;
  includeSecrets?: boolean;
  listFormats?: boolean;
  json?: boolean;
  lang?: Language;
}

function formatList(lang: ExportLang, json: boolean, t: Translate): string {
  const formats = listFormats(lang);
  if (json) return JSON.stringify(formats, null, 2);
  const width = Math.max(...formats.map((f) => f.id.length));
  return formats
    .map((f) => {
      const line = `${f.id.padEnd(width)}  ${f.title}: ${f.target} (${f.fileName})`;
      return f.apply ? `${line}\n${' '.repeat(width + 2)}${t('cli.export.apply', { how: f.apply })}` : line;
    })
    .join('\n');
}

function chosenFormat(format: string | undefined): ExportFormatId {
  if (format === undefined)
    throw new UsageError(sentence('cli.usage.giveFormat', { choices: EXPORT_FORMAT_IDS.join(', ') }));
  if (!isExportFormatId(format))
    throw new UsageError(
      sentence('cli.usage.noFormat', { value: format, choices: EXPORT_FORMAT_IDS.join(', ') }),
    );
  return format;
}

/** A saved profile (its SSL key, trusted certificates, newest run) or the settings given as flags. */
async function subjectFrom(
  options: ExportOptions,
  services: () => Promise<Services>,
): Promise<ExportSubject> {
  const includeSecrets = options.includeSecrets === true;
  const given = await passwordFromFlags(options, process.env);
  if (given !== null && !includeSecrets) throw new UsageError(sentence('cli.usage.passwordOnlyWithSecrets'));
  if (options.profile !== undefined) {
    const opened = await services();
    const profile = profileFromFlag(options, opened);
    const subject = await opened.exports.subjectForProfile(profile.id, includeSecrets && given === null);
    return given === null ? subject : { ...subject, password: given };
  }
  const fields = fieldsFromFlags(options, given, includeSecrets);
  // The certificate files are named, not read: an export says which files go where.
  return subjectOf(fields, {
    clientKey: options.clientCert ? basename(options.clientCert) : null,
    trustedCertificates: (options.ca ?? []).map((file) => basename(file)),
    lastRun: null,
    password: given,
  });
}

export function exportCommand(options: ExportOptions): Promise<number> {
  return speaking(options.lang, (t, lang) => exportIn(options, t, lang));
}

async function exportIn(options: ExportOptions, t: Translate, lang: ExportLang): Promise<number> {
  if (options.listFormats) {
    process.stdout.write(formatList(lang, options.json === true, t) + '\n');
    return EXIT.passed;
  }
  if (options.json) throw new UsageError(sentence('cli.usage.jsonWithList'));
  const format = chosenFormat(options.format);
  if (options.includeSecrets && !options.output)
    throw new UsageError(sentence('cli.usage.secretsNeedOutput'));
  const subject = await subjectFrom(options, () => openServices({ t }));
  const result = renderExport(format, subject, lang);
  if (!result.ok) {
    process.stderr.write(`mail-preflight: ${result.reason}\n`);
    return EXIT.failed;
  }
  if (subject.lastRun?.verdict === 'failed') {
    const failed = { name: subject.profileName, code: subject.lastRun.code };
    process.stderr.write(`mail-preflight: ${t('cli.export.lastRunFailed', failed)}\n`);
  }
  // A format without comments (JSON) carries no notes: they go to stderr, so stdout stays one document.
  if (!exportFormat(format).comment) for (const note of result.notes) process.stderr.write(`# ${note}\n`);
  if (options.output) {
    await writePrivateFile(options.output, result.text);
    const wrote = result.containsSecret ? 'cli.export.wroteWithPassword' : 'cli.export.wrote';
    process.stdout.write(`${t(wrote, { file: options.output, format })}\n`);
  } else {
    process.stdout.write(result.text);
  }
  return EXIT.passed;
}
