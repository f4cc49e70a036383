/**
 * `mail-preflight profiles export|import`: profiles as a JSON file without secrets, to move
 * them between workstations. Import checks the whole file first (one line per problem on
 * stderr, exit 2, nothing imported) and never overwrites a profile unless --replace, or
 * adds it under a new name with --keep-both.
 */
import { readFile } from 'node:fs/promises';
import { writePrivateFile } from '../../electron/services/export';
import type { ConflictChoice } from '../../electron/services/profile-transfer';
import { joinSentences, say, sentence, type Language, type Translate } from '../../electron/services/i18n';
import { speaking } from '../language';
import { openServices } from '../open-services';
import { EXIT, UsageError } from '../usage-error';

export interface ProfilesExportOptions {
  profile?: string[];
  output?: string;
  lang?: Language;
}

export interface ProfilesImportOptions {
  replace?: boolean;
  keepBoth?: boolean;
  lang?: Language;
}

export function profilesExportCommand(options: ProfilesExportOptions): Promise<number> {
  return speaking(options.lang, (t) => exportProfiles(options, t));
}

async function exportProfiles(options: ProfilesExportOptions, t: Translate): Promise<number> {
  const services = await openServices({ t });
  const ids = options.profile?.map((name) => {
    const profile = services.profiles.findByName(name);
    if (!profile) throw new UsageError(sentence('cli.usage.noProfile', { name }));
    return profile.id;
  });
  const text = await services.transfer.exportFile(ids);
  if (options.output) {
    await writePrivateFile(options.output, text);
    const count = ids?.length ?? services.profiles.all().length;
    process.stdout.write(`${t('cli.profiles.wrote', { file: options.output, count })}\n`);
  } else process.stdout.write(text);
  return EXIT.passed;
}

export function profilesImportCommand(file: string, options: ProfilesImportOptions): Promise<number> {
  return speaking(options.lang, (t) => importProfiles(file, options, t));
}

/** “a”, “b” (「a」、「b」 in Japanese). */
function quotedNames(names: readonly string[], t: Translate): string {
  return names.map((name) => t('cli.profiles.name', { name })).join(t('cli.profiles.separator'));
}

async function importProfiles(file: string, options: ProfilesImportOptions, t: Translate): Promise<number> {
  if (options.replace && options.keepBoth) throw new UsageError(sentence('cli.usage.replaceOrKeepBoth'));
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(sentence('cli.usage.cannotReadFile', { file }));
  });
  const choice: ConflictChoice = options.replace ? 'replace' : options.keepBoth ? 'keep-both' : 'refuse';
  const outcome = await (await openServices({ t })).transfer.importFile(text, file, choice);
  if (!outcome.ok) {
    for (const problem of outcome.problems) process.stderr.write(`mail-preflight: ${say(problem, t)}\n`);
    if (outcome.conflicts.length) process.stderr.write(`mail-preflight: ${t('cli.profiles.conflictHint')}\n`);
    process.stderr.write(`mail-preflight: ${t('cli.profiles.nothingImported')}\n`);
    return EXIT.usage;
  }
  for (const warning of outcome.warnings) process.stderr.write(`mail-preflight: ${say(warning, t)}\n`);
  const parts = [
    outcome.imported.length ? t('cli.profiles.imported', { names: quotedNames(outcome.imported, t) }) : '',
    outcome.replaced.length ? t('cli.profiles.replaced', { names: quotedNames(outcome.replaced, t) }) : '',
  ];
  process.stdout.write(joinSentences(parts.filter(Boolean)) + '\n');
  return EXIT.passed;
}
