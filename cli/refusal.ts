/**
 * Commander's refusals of a command line (an unknown option, a missing value, a value that
 * is not one of the choices, ...) as one catalogue sentence in the reader's language, exit
 * status 2. Commander says what it refused only in its English message, so the values are
 * read back from that message by its code; a message this file does not know (another
 * commander version) still gets a sentence, the generic one. Loaded at every start: it
 * imports no values, and the sentence is put into words where it is said (cli/main.ts).
 */
import type { Command, CommanderError } from 'commander';
import type { Sentence } from '../electron/services/i18n/sentence';

/** A refusal, with the command that refused (named in the sentence: "mail-preflight test needs --to"). */
export class Refusal extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly command: string;

  constructor(error: CommanderError, command: Command) {
    super(error.message);
    this.name = 'Refusal';
    this.code = error.code;
    this.exitCode = error.exitCode;
    const names: string[] = [];
    for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
    this.command = names.join(' ');
  }
}

/** Codes that are not refusals: the help or the version was shown (on stderr when the command needs a subcommand). */
const SHOWN = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version']);

/** `--to <address>` → `--to`: the flag as the reader types it. */
const flagOf = (flags: string) => flags.replace(/\s*[<[].*$/, '');

/** "(Did you mean --to?)" or "(Did you mean one of --to, --from?)" after commander's message. */
const SUGGESTION = /\n\(Did you mean (?:one of )?(.+)\?\)$/;

type Reader = [
  pattern: RegExp,
  sentence: (values: string[], command: string, suggestion?: string) => Sentence,
];

/** Commander's message for each code (after any suggestion is taken off), and the sentence it becomes. */
const READERS: Record<string, Reader> = {
  'commander.unknownOption': [
    /^error: unknown option '(.+)'$/s,
    ([option], command, suggestion): Sentence =>
      suggestion
        ? { key: 'cli.usage.parse.unknownOptionSuggest', params: { command, option: option!, suggestion } }
        : { key: 'cli.usage.parse.unknownOption', params: { command, option: option! } },
  ],
  'commander.unknownCommand': [
    /^error: unknown command '(.+)'$/s,
    ([name], _command, suggestion): Sentence =>
      suggestion
        ? { key: 'cli.usage.parse.unknownCommandSuggest', params: { name: name!, suggestion } }
        : { key: 'cli.usage.parse.unknownCommand', params: { name: name! } },
  ],
  'commander.missingArgument': [
    /^error: missing required argument '(.+)'$/s,
    ([argument], command) => ({
      key: 'cli.usage.parse.missingArgument',
      params: { command, argument: `<${argument}>` },
    }),
  ],
  'commander.optionMissingArgument': [
    /^error: option '(.+)' argument missing$/s,
    ([option]) => ({ key: 'cli.usage.parse.optionMissingArgument', params: { option: option! } }),
  ],
  'commander.missingMandatoryOptionValue': [
    /^error: required option '(.+)' not specified$/s,
    ([option], command) => ({
      key: 'cli.usage.parse.missingMandatoryOption',
      params: { command, option: option! },
    }),
  ],
  'commander.invalidArgument': [
    /^error: option '(.+?)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/s,
    ([option, value, choices]) => ({
      key: 'cli.usage.parse.invalidChoice',
      params: { option: flagOf(option!), value: value!, choices: choices! },
    }),
  ],
  'commander.excessArguments': [
    /^error: too many arguments/,
    (_values, command) => ({ key: 'cli.usage.parse.excessArguments', params: { command } }),
  ],
};

/** The sentence for a refusal, or null when commander only showed the help or the version. */
export function refusalSentence(refusal: Refusal): Sentence | null {
  if (SHOWN.has(refusal.code)) return null;
  const reader = READERS[refusal.code];
  const suggestion = SUGGESTION.exec(refusal.message)?.[1];
  const values = reader?.[0].exec(refusal.message.replace(SUGGESTION, ''));
  return reader && values
    ? reader[1](values.slice(1), refusal.command, suggestion)
    : { key: 'cli.usage.parse.invalid' };
}
