/**
 * `mail-preflight profiles export|import`: profiles as a JSON file without secrets, to move
 * them between workstations. Import checks the whole file first (one line per problem on
 * stderr, exit 2, nothing imported) and never overwrites a profile unless --replace, or
 * adds it under a new name with --keep-both.
 */
import { readFile } from 'node:fs/promises';
import { writePrivateFile } from '../../electron/services/export';
import type { ConflictChoice } from '../../electron/services/profile-transfer';
import { openServices } from '../open-services';
import { EXIT, UsageError } from '../usage-error';

export interface ProfilesExportOptions {
  profile?: string[];
  output?: string;
}

export interface ProfilesImportOptions {
  replace?: boolean;
  keepBoth?: boolean;
}

export async function profilesExportCommand(options: ProfilesExportOptions): Promise<number> {
  const services = await openServices();
  const ids = options.profile?.map((name) => {
    const profile = services.profiles.findByName(name);
    if (!profile) throw new UsageError(`There is no profile named “${name}”.`);
    return profile.id;
  });
  const text = await services.transfer.exportFile(ids);
  if (options.output) {
    await writePrivateFile(options.output, text);
    process.stdout.write(
      `Wrote ${options.output} (${ids?.length ?? services.profiles.all().length} profiles, no secrets).\n`,
    );
  } else process.stdout.write(text);
  return EXIT.passed;
}

export async function profilesImportCommand(file: string, options: ProfilesImportOptions): Promise<number> {
  if (options.replace && options.keepBoth) throw new UsageError('Give --replace or --keep-both, not both.');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(`Cannot read ${file}.`);
  });
  const choice: ConflictChoice = options.replace ? 'replace' : options.keepBoth ? 'keep-both' : 'refuse';
  const outcome = await (await openServices()).transfer.importFile(text, choice);
  if (!outcome.ok) {
    for (const problem of outcome.problems) process.stderr.write(`mail-preflight: ${problem}\n`);
    if (outcome.conflicts.length)
      process.stderr.write(
        'mail-preflight: add --replace to overwrite, or --keep-both to import under a new name.\n',
      );
    process.stderr.write('mail-preflight: nothing was imported.\n');
    return EXIT.usage;
  }
  for (const warning of outcome.warnings) process.stderr.write(`mail-preflight: ${warning}\n`);
  const parts = [
    outcome.imported.length ? `Imported ${outcome.imported.map((n) => `“${n}”`).join(', ')}.` : '',
    outcome.replaced.length ? `Replaced ${outcome.replaced.map((n) => `“${n}”`).join(', ')}.` : '',
  ];
  process.stdout.write(parts.filter(Boolean).join(' ') + '\n');
  return EXIT.passed;
}
