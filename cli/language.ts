/**
 * The language a command speaks to a person: `--lang`, else LC_ALL, LC_MESSAGES, LANG
 * (DESIGN.md "Languages"). Loaded by the command modules, never by cli/main.ts.
 */
import { AppError } from '../electron/services/errors';
import { cliLanguage, loadTranslator, type Language, type Translate } from '../electron/services/i18n';
import { EXIT, UsageError } from './usage-error';

/**
 * Runs a command with its translator; a usage error (or a service's refusal of the input)
 * becomes one line on stderr in that language and exit status 2.
 */
export async function speaking(
  flag: Language | undefined,
  command: (t: Translate, language: Language) => Promise<number>,
): Promise<number> {
  const language = cliLanguage(flag, process.env);
  const t = await loadTranslator(language);
  try {
    return await command(t, language);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof AppError)) throw error;
    process.stderr.write(`mail-preflight: ${error.say(t)}\n`);
    return EXIT.usage;
  }
}
