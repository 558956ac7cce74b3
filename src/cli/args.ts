/**
 * Command-line parsing helpers on top of `node:util` `parseArgs`: turning its errors into
 * {@link UsageError}s, reading numbers, and naming library options by their flags.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { CrmMiningError, InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { requireInteger, suggestOptionKey } from '../core/validate.js';
import { unknownColumnMessage } from './analyses/columns.js';
import { UsageError } from './io.js';

/** The option specification `parseArgs` takes. */
export type OptionSpec = Record<string, OptionDefinition>;

/** One flag of an {@link OptionSpec}. */
export interface OptionDefinition {
  /** `'string'` for a flag with a value, `'boolean'` for a switch. */
  type: 'string' | 'boolean';
  /** A one-letter alias (default: none). */
  short?: string;
}

/** What {@link parseCommandLine} returns: the option values by long name, and the positional arguments. */
export interface ParsedCommandLine {
  /** Option values by long name (`string` for value options, `true` for flags). */
  values: Record<string, string | boolean | undefined>;
  /** The positional arguments, in order. */
  positionals: string[];
}

/**
 * Parses the arguments after the command name strictly. Each of these is a {@link UsageError} naming the
 * flag: an unknown flag (with the closest known flag as a suggestion), a value option at the end or
 * followed by another flag, a value option given an empty or blank value (a blank `--delimiter` is a
 * space or a tab), a value option given twice, and a value given to a switch. A negative number after a value option is its value (`--threshold -0.5`), as is
 * any value written `--flag=VALUE`.
 */
export function parseCommandLine(command: string, args: readonly string[], options: OptionSpec): ParsedCommandLine {
  const prepared = joinValues(command, args, options);
  let parsed: { values: ParsedCommandLine['values']; positionals: string[]; tokens?: ParseToken[] };
  try {
    parsed = parseArgs({ args: prepared, options, allowPositionals: true, strict: true, tokens: true }) as typeof parsed;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    switch (code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(unknownFlagMessage(command, flag ?? message, options), command);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (/does not take an argument/.test(message)) throw new UsageError(`option ${flag} does not take a value`, command);
        throw new UsageError(`option ${flag ?? ''} needs a value`.replace('  ', ' '), command);
      default:
        throw new UsageError(firstLine(message), command);
    }
  }
  const seen = new Map<string, string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option' || options[token.name]?.type !== 'string') continue;
    const value = token.value ?? '';
    // blank is no value, except for a delimiter, where a space or a tab is one
    if (value === '' || (value.trim() === '' && token.name !== 'delimiter')) {
      throw new UsageError(`option --${token.name} needs a value, got ${JSON.stringify(value)}`, command);
    }
    const earlier = seen.get(token.name);
    if (earlier !== undefined) {
      throw new UsageError(`option --${token.name} is given twice (${JSON.stringify(earlier)} and ${JSON.stringify(value)}); give it once`, command);
    }
    seen.set(token.name, value);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

/** The part of a `parseArgs` token this module reads. */
interface ParseToken {
  kind: string;
  name: string;
  value?: string;
}

const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity$|NaN$)/;

/**
 * The arguments with each value option and a following negative number joined as `--flag=-1`, so that
 * `parseArgs` takes the number as the value. A value option at the end, or followed by another flag, is
 * a {@link UsageError} that says which.
 */
function joinValues(command: string, args: readonly string[], options: OptionSpec): string[] {
  const shortNames = new Map<string, string>();
  for (const [name, def] of Object.entries(options)) if (def.short !== undefined) shortNames.set(def.short, name);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = arg.startsWith('--') ? arg.slice(2) : /^-[^-]$/.test(arg) ? shortNames.get(arg[1]) : undefined;
    if (name === undefined || options[name]?.type !== 'string') {
      out.push(arg);
      continue;
    }
    const next = args[i + 1];
    if (next === undefined) throw new UsageError(`option ${arg} needs a value`, command);
    if (NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else if (next.startsWith('-') && next !== '-') {
      throw new UsageError(`option ${arg} needs a value, but ${next} follows it; write --${name}=VALUE for a value that starts with '-'`, command);
    } else {
      out.push(arg);
    }
  }
  return out;
}

/** `unknown option --colums for 'segments'; did you mean --columns?` (the suggestion only when one is close). */
function unknownFlagMessage(command: string, flag: string, options: OptionSpec): string {
  const guess = flag.startsWith('--') ? suggestOptionKey(flag.slice(2).split('=')[0], Object.keys(options)) : undefined;
  return `unknown option ${flag} for '${command}'${guess !== undefined ? `; did you mean --${guess}?` : ''}`;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a flag's value as a finite decimal number (`0.01`, `.5`, `1e-3`, `-2`). Something that is not a
 * finite number (`abc`, `NaN`, `Infinity`, `0x10`, `1e400`) is a {@link UsageError}; whether the number
 * is allowed is the caller's (or the library's) check.
 *
 * @returns the number, or `undefined` when the flag was not given.
 */
export function numberFlag(command: string, values: ParsedCommandLine['values'], name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const x = typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isFinite(x)) throw new UsageError(`option --${name} expects a number, got ${JSON.stringify(v)}`, command);
  return x;
}

/**
 * Reads a flag's value as an integer in `[min, max]`: not a number at all is a {@link UsageError} (as
 * {@link numberFlag}); a number that is not an integer or out of range (`1.5`, `0`, `-1`) is an
 * `InvalidOptionError` naming the flag.
 *
 * @param min - the least value allowed (default: no limit).
 * @param max - the greatest value allowed (default: no limit).
 * @returns the integer, or `undefined` when the flag was not given.
 */
export function integerFlag(command: string, values: ParsedCommandLine['values'], name: string, min = -Infinity, max = Infinity): number | undefined {
  const x = numberFlag(command, values, name);
  if (x === undefined) return undefined;
  return requireInteger(`--${name}`, x, min, max);
}

/**
 * The one `<file>` argument of a command.
 *
 * @param name - how the help names it (`<file>`, `<file.csv>`).
 * @param what - what the command needs, for the message (`a transaction file`).
 * @throws UsageError when it is missing or there is more than one.
 */
export function fileArgument(command: string, positionals: readonly string[], name: string, what: string): string {
  if (positionals.length === 0) throw new UsageError(`missing ${name}: '${command}' needs ${what}`, command);
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[1])}: '${command}' takes one ${name}`, command);
  return positionals[0];
}

/** A string flag's value, or `undefined` when not given. */
export function stringFlag(values: ParsedCommandLine['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** `--delimiter`: `\t` (backslash and t, as typed in a shell) or `tab` mean a tab; anything else is used as is. */
export function delimiterFlag(values: ParsedCommandLine['values']): string | undefined {
  const v = stringFlag(values, 'delimiter');
  return v === '\\t' || v === 'tab' ? '\t' : v;
}

/**
 * A comma-separated list flag's items (trimmed, empty ones dropped), or `undefined` when not given.
 *
 * @throws InvalidOptionError naming the flag when the list has no item (`--columns ,`).
 */
export function listFlag(values: ParsedCommandLine['values'], name: string): string[] | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new InvalidOptionError(`--${name}`, `expected a comma-separated list of names, got ${JSON.stringify(v)}`);
  return items;
}

/**
 * Checks that every column a flag names is in the file: an unknown one is an `InvalidOptionError`
 * naming the flag, the column and the file, with the closest column name when one is close
 * (`option --columns: no column "tenur" in c.csv; did you mean "tenure"? (the columns are …)`).
 *
 * @param flag - the flag, as `--columns`.
 * @param names - the columns the flag names.
 * @param columns - the file's columns.
 * @param file - the file as the user named it.
 */
export function requireColumns(flag: string, names: readonly string[], columns: readonly string[], file: string): void {
  for (const name of names) if (!columns.includes(name)) throw new InvalidOptionError(flag, unknownColumnMessage(name, file, columns));
}

/** The flags of library options, for error messages: `minSupport` is `--min-support` on the command line. */
const FLAG_OF_OPTION: Record<string, string> = {
  minSupport: '--min-support',
  minCount: '--min-count',
  maxLength: '--max-length',
  minConfidence: '--min-confidence',
  consequents: '--consequents',
  algorithm: '--algorithm',
  format: '--format',
  delimiter: '--delimiter',
  columns: '--columns',
  exclude: '--exclude',
  numeric: '--numeric',
  sortBy: '--sort',
  sort: '--sort',
  measure: '--sort',
  // customer value (`value`, `clv-fit`)
  customer: '--customer',
  date: '--date',
  amount: '--amount',
  dateFormat: '--date-format',
  observationDate: '--observation-date',
  unit: '--unit',
  negativeAmounts: '--refunds',
  frequency: '--frequency',
  recency: '--recency',
  T: '--T',
  monetary: '--monetary',
};

/**
 * The one-line message of an error for `crm-mining: <message>`: a library {@link InvalidOptionError} is
 * reworded to name the command-line flag instead of the option (`option --min-support: …`), and line
 * breaks are folded so that the message stays on one line.
 */
export function errorLine(err: unknown): string {
  let message: string;
  if (err instanceof InvalidOptionError) {
    const flag = FLAG_OF_OPTION[err.option];
    const prefix = `option ${err.option}: `;
    message = flag !== undefined && err.message.startsWith(prefix) ? `option ${flag}: ${err.message.slice(prefix.length)}` : err.message;
  } else if (err instanceof CrmMiningError || err instanceof UsageError) {
    message = err.message;
  } else {
    message = `unexpected error: ${err instanceof Error ? err.message : String(err)}`;
  }
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function firstLine(s: string): string {
  return s.split(/\r?\n/)[0];
}

/**
 * Rewords a library {@link InvalidOptionError} to name the command's flag instead of the option
 * (`option --n-init: …` rather than `option nInit: …`), for commands whose option names mean different
 * flags than the shared table here (`k` is `--k` for segments, `--cv` for tree). Other errors pass through.
 */
export function renameOption(err: unknown, flags: Readonly<Record<string, string>>): unknown {
  if (!(err instanceof InvalidOptionError) || flags[err.option] === undefined) return err;
  const prefix = `option ${err.option}: `;
  return new InvalidOptionError(flags[err.option], err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message);
}

/**
 * Rewords a library error about a row (0-based) as the file's "data row K" (1-based, after the header),
 * prefixed by the file name. An error without a row passes through, or with `prefixAll` gets the file
 * name too. Other errors pass through.
 */
export function fileRowError(err: unknown, file: string, prefixAll = false): unknown {
  if (!(err instanceof InvalidInputError)) return err;
  if (err.row === undefined) {
    return prefixAll ? new InvalidInputError(`${file}: ${err.message}`, err.field !== undefined ? { field: err.field } : {}) : err;
  }
  const message = err.message.replace(new RegExp(`\\brow ${err.row}\\b`), `data row ${err.row + 1}`);
  return new InvalidInputError(`${file}: ${message}`, { row: err.row, ...(err.field !== undefined ? { field: err.field } : {}) });
}
