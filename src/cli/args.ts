/**
 * Command-line parsing helpers on top of `node:util` `parseArgs`: turning its errors into
 * {@link UsageError}s, reading numbers, and naming library options by their flags.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { CrmMiningError, InvalidInputError, InvalidOptionError } from '../core/errors.js';
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
 * Parses the arguments after the command name strictly: unknown flags, a value option without a value
 * and a flag given a value are {@link UsageError}s naming the flag.
 */
export function parseCommandLine(command: string, args: readonly string[], options: OptionSpec): ParsedCommandLine {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as ParsedCommandLine['values'], positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    const message = err instanceof Error ? err.message : String(err);
    const flag = /'(-[^' ]+)/.exec(message)?.[1];
    switch (code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`unknown option ${flag ?? message} for '${command}'`, command);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        if (/does not take an argument/.test(message)) throw new UsageError(`option ${flag} does not take a value`, command);
        if (/ambiguous/.test(message)) {
          throw new UsageError(`option ${flag} needs a value; write ${flag}=VALUE for a value that starts with '-'`, command);
        }
        throw new UsageError(`option ${flag ?? ''} needs a value`.replace('  ', ' '), command);
      default:
        throw new UsageError(firstLine(message), command);
    }
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads a flag's value as a decimal number (`0.01`, `.5`, `1e-3`, `-2`). Something that is not a number
 * at all is a {@link UsageError}; whether the number is allowed is the caller's (or the library's) check.
 *
 * @returns the number, or `undefined` when the flag was not given.
 */
export function numberFlag(command: string, values: ParsedCommandLine['values'], name: string): number | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !NUMBER.test(v.trim())) {
    throw new UsageError(`option --${name} expects a number, got ${JSON.stringify(v)}`, command);
  }
  return Number(v.trim());
}

/** A string flag's value, or `undefined` when not given. */
export function stringFlag(values: ParsedCommandLine['values'], name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A comma-separated list flag's items (trimmed, empty ones dropped), or `undefined` when not given. */
export function listFlag(values: ParsedCommandLine['values'], name: string): string[] | undefined {
  const v = stringFlag(values, name);
  if (v === undefined) return undefined;
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
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
