/**
 * `--help` in the reader's language: the words come from the `cli.help` section of that
 * language's catalogue (locales/<lang>.json), loaded alone and read as plain data. The help
 * texts have no placeholders and no plurals, so the translator (i18next and every catalogue)
 * is not needed here: every start of the command line builds the help, and `--help` is timed
 * against `node -e 0` (`npm run bench`).
 *
 * The flags, the command names and the usage line's syntax stay as they are in every language.
 */
import { stripVTControlCharacters } from 'node:util';
import type { Help, HelpConfiguration } from 'commander';
import type en from '../locales/en.json';
import { cliLanguage, isLanguage, type Language } from '../electron/services/i18n/languages';

export type HelpWords = (typeof en)['cli']['help'];

/**
 * The language of this start: `--lang` when the command line names one (commander has not
 * read it yet), else LC_ALL, LC_MESSAGES, LANG.
 */
export function languageOf(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const args = argv.slice(2);
  const end = args.indexOf('--');
  let flag: string | undefined;
  for (const [index, arg] of (end === -1 ? args : args.slice(0, end)).entries()) {
    if (arg === '--lang') flag = args[index + 1];
    else if (arg.startsWith('--lang=')) flag = arg.slice('--lang='.length);
  }
  return cliLanguage(isLanguage(flag) ? flag : undefined, env);
}

/**
 * The help's words in one language: only the `cli.help` section of that language's
 * catalogue is loaded (the build makes it a module of its own, locales/help-section.d.ts).
 */
export async function helpWords(language: Language): Promise<HelpWords> {
  const section = language === 'ja' ? import('../locales/ja.json?help') : import('../locales/en.json?help');
  // The section of a catalogue whose keys the parity test holds to en.json's.
  return (await section).default as HelpWords;
}

/**
 * Commander's help in those words: its headings ("Usage:", "Options:", ...), the allowed
 * values of an option, and line breaks that suit the language (measured in terminal
 * columns: a Japanese character takes two, and a line may break between two of them).
 */
export function helpConfiguration(words: HelpWords): HelpConfiguration {
  const titles: Record<string, string> = {
    'Usage:': words.titles.usage,
    'Arguments:': words.titles.arguments,
    'Options:': words.titles.options,
    'Global Options:': words.titles.globalOptions,
    'Commands:': words.titles.commands,
  };
  return {
    styleTitle: (title) => titles[title] ?? title,
    optionDescription: (option) =>
      option.argChoices
        ? `${option.description} (${words.choices} ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')})`
        : option.description,
    displayWidth: columns,
    boxWrap(this: Help, text: string, width: number): string {
      return width < this.minWidthToWrap ? text : wrap(text, width);
    },
  };
}

/** East Asian wide characters (CJK, kana, hangul, full-width forms): two terminal columns each. */
const WIDE_CHARACTERS =
  '\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
const WIDE = new RegExp(`[${WIDE_CHARACTERS}]`, 'gu');

function columns(text: string): number {
  const plain = stripVTControlCharacters(text);
  return plain.length + (plain.match(WIDE)?.length ?? 0);
}

/**
 * Where a line may break: before a Latin word (as commander breaks), and between two wide
 * characters; an opening bracket stays with what follows it and closing punctuation with
 * what precedes it (Japanese line breaking, kinsoku).
 */
const CHUNK = new RegExp(
  `\\s*[（「『【〈《]*(?:[${WIDE_CHARACTERS}]|[^\\s${WIDE_CHARACTERS}]+)[、。，．）」』】〉》？！ー・：]*`,
  'gu',
);

function wrap(text: string, width: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const chunk of line.match(CHUNK) ?? []) {
        if (current && columns(current) + columns(chunk) > width) {
          lines.push(current);
          current = chunk.trimStart();
        } else {
          current += chunk;
        }
      }
      return [...lines, current].join('\n');
    })
    .join('\n');
}
