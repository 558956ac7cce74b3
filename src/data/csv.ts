/**
 * CSV reading, streaming through fast-csv: from a file ({@link readCsv}, {@link csvRows}) or from a string
 * ({@link parseCsv}), into a typed {@link DataTable} with missing cells kept as `null`.
 *
 * Parsing rules, in brief (each is detailed on {@link CsvOptions}):
 * - the first row is the header unless `header: false`; header names are trimmed; a repeated name is an error;
 * - fields may be quoted with `"` (a doubled `""` inside a quoted field is one quote); quoted fields may span lines;
 * - every row must have as many fields as the header (or the first row); lines are counted as an editor does
 *   (1-based, the header is line 1, a quoted field spanning lines counts each of them);
 * - blank lines are skipped, except in a one-column table, where a blank line between rows is a missing cell;
 * - cells equal (after trimming) to one of the `missing` markers are `null`;
 * - column types are inferred from the non-missing cells unless given (see {@link inferCsvColumnType}).
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parse as fastCsvParse, parseString as fastCsvParseString } from 'fast-csv';
import { CrmMiningError, InvalidInputError, InvalidOptionError, ParseError } from '../core/errors.js';
import { DataTable } from './table.js';
import type { CellValue, Column, ColumnType } from './table.js';
import { assertReadableFile, readTextFile, toFileError } from './files.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * The default cell texts that mean missing: `''`, `'NA'`, `'N/A'`, `'NaN'`, `'null'`, `'?'`.
 *
 * @example
 * ```ts
 * import { parseCsv, DEFAULT_MISSING_MARKERS } from 'crm-mining';
 * // also treat '-' as missing, keeping the usual markers
 * const table = await parseCsv('id,score\n1,-\n2,NA\n3,7\n', { missing: [...DEFAULT_MISSING_MARKERS, '-'] });
 * console.log(table.column('score').values); // [ null, null, 7 ]
 * ```
 */
export const DEFAULT_MISSING_MARKERS: readonly string[] = Object.freeze(['', 'NA', 'N/A', 'NaN', 'null', '?']);

/**
 * Options of {@link readCsv}, {@link parseCsv} and {@link csvRows}.
 *
 * @example
 * ```ts
 * import { parseCsv, type CsvOptions } from 'crm-mining';
 * const options: CsvOptions = {
 *   delimiter: '\t',
 *   header: false,
 *   columnTypes: { column1: 'string' }, // keep the ids as text
 *   source: 'export.tsv',
 * };
 * const table = await parseCsv('001\t5\n002\t8\n', options);
 * console.log(table.columnNames, table.column('column1').values); // [ 'column1', 'column2' ] [ '001', '002' ]
 * ```
 */
export interface CsvOptions {
  /** Field delimiter, one character (default `','`; for example `';'` or `'\t'`). */
  delimiter?: string;
  /** Quote character, one character; inside a quoted field it is escaped by doubling it (default `'"'`). */
  quote?: string;
  /**
   * Whether the first row is a header (default true). Header names are trimmed; an empty header name
   * becomes `column<i>` (its 1-based position); a repeated name is a {@link ParseError}.
   * Without a header, columns are named `column1`, `column2`, … and the first row is data.
   */
  header?: boolean;
  /**
   * Column types by name; columns not named are inferred (default: infer every column, or every column is
   * `'string'` when `inferTypes` is false). A cell that does not parse as the requested type is a
   * {@link ParseError} naming its line and column. `'number'`: a decimal number such as `-1.5`, `.5` or
   * `1e3` (no hex, no `Infinity`); `'boolean'`: `true/false`, `t/f`, `yes/no`, `y/n` or `1/0`, in any case
   * (inference only accepts `true/false`); `'date'`: ISO-8601 (see {@link parseIsoDate});
   * `'string'`: the text as is; `'nominal'`: the text, with the distinct values in first-seen order as the
   * column's categories. A name that is not a column is an {@link InvalidOptionError}.
   */
  columnTypes?: Record<string, ColumnType>;
  /**
   * Whether to infer the types of columns not named in `columnTypes` (default true). When false, every
   * such column is `'string'` (missing markers still give `null`).
   */
  inferTypes?: boolean;
  /** Cell texts that mean missing (default `['', 'NA', 'N/A', 'NaN', 'null', '?']`, compared after trimming). */
  missing?: readonly string[];
  /** Trim white space around cells (default true). Header names are always trimmed. */
  trim?: boolean;
  /** A name for the source used in error messages (default: the path, or `'<string>'`). */
  source?: string;
}

const CSV_OPTION_KEYS = optionKeys<CsvOptions>({
  delimiter: true,
  quote: true,
  header: true,
  columnTypes: true,
  inferTypes: true,
  missing: true,
  trim: true,
  source: true,
});

/**
 * One CSV row as {@link csvRows} yields it: the cells by column name, `null` where missing, not typed.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { csvRows, writeFileAtomic, type CsvRow } from 'crm-mining';
 * const path = join(tmpdir(), 'contacts.csv');
 * await writeFileAtomic(path, 'email,phone\na@example.com,\nb@example.com,555-0101\n');
 * const noPhone: CsvRow[] = [];
 * for await (const row of csvRows(path)) if (row.phone === null) noPhone.push(row);
 * console.log(noPhone); // [ { email: 'a@example.com', phone: null } ]
 * ```
 */
export type CsvRow = Record<string, string | null>;

// ---------------------------------------------------------------------------------------------------------
// Options

interface ResolvedCsvOptions {
  delimiter: string;
  quote: string;
  header: boolean;
  columnTypes: Record<string, ColumnType>;
  inferTypes: boolean;
  missing: Set<string>;
  trim: boolean;
  source: string;
}

const COLUMN_TYPES: readonly ColumnType[] = ['number', 'string', 'boolean', 'date', 'nominal'];

function resolveOptions(options: CsvOptions, defaultSource: string): ResolvedCsvOptions {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', `expected an object, got ${options === null ? 'null' : typeof options}`);
  }
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) {
    throw new InvalidOptionError('delimiter', `expected a single character, got ${JSON.stringify(delimiter)}`);
  }
  const quote = options.quote ?? '"';
  if (typeof quote !== 'string' || quote.length !== 1) {
    throw new InvalidOptionError('quote', `expected a single character, got ${JSON.stringify(quote)}`);
  }
  if (delimiter === quote || delimiter === '\n' || delimiter === '\r') {
    throw new InvalidOptionError('delimiter', `${JSON.stringify(delimiter)} cannot be used (it is the quote or a line break)`);
  }
  if (quote === '\n' || quote === '\r') throw new InvalidOptionError('quote', 'a line break cannot be the quote character');
  for (const key of ['header', 'inferTypes', 'trim'] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') {
      throw new InvalidOptionError(key, `expected true or false, got ${JSON.stringify(v)}`);
    }
  }
  const columnTypes = options.columnTypes ?? {};
  if (columnTypes === null || typeof columnTypes !== 'object') {
    throw new InvalidOptionError('columnTypes', 'expected an object mapping column names to types');
  }
  for (const [name, t] of Object.entries(columnTypes)) {
    if (!COLUMN_TYPES.includes(t)) {
      throw new InvalidOptionError(
        `columnTypes.${name}`,
        `expected one of ${COLUMN_TYPES.map((c) => `'${c}'`).join(', ')}, got ${JSON.stringify(t)}`,
      );
    }
  }
  const missingList = options.missing ?? DEFAULT_MISSING_MARKERS;
  if (!Array.isArray(missingList) || missingList.some((m) => typeof m !== 'string')) {
    throw new InvalidOptionError('missing', 'expected an array of strings');
  }
  const source = options.source ?? defaultSource;
  if (typeof source !== 'string') throw new InvalidOptionError('source', 'expected a string');
  return {
    delimiter,
    quote,
    header: options.header ?? true,
    columnTypes,
    inferTypes: options.inferTypes ?? true,
    missing: new Set(missingList.map((m) => m.trim())),
    trim: options.trim ?? true,
    source,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Raw rows with line numbers

interface RawRow {
  /** The fields as fast-csv returns them (an empty array for a blank line). */
  fields: string[];
  /** The 1-based line on which the row starts. */
  line: number;
}

/** Number of line breaks (`\n`, `\r\n` or a lone `\r`) inside a field. */
function countLineBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * Where a CSV text breaks the quoting rules fast-csv enforces: a quoted field never closed, or text after
 * a closing quote. Used only to name the line when fast-csv reports a syntax error without one.
 */
function locateSyntaxError(text: string, delimiter: string, quote: string): { line: number; message: string } | undefined {
  let line = 1;
  let i = 0;
  const n = text.length;
  let atFieldStart = true;
  while (i < n) {
    const ch = text[i];
    if (atFieldStart) {
      // fast-csv allows spaces before an opening quote
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t') && text[j] !== delimiter) j++;
      if (j < n && text[j] === quote) {
        const openLine = line;
        j++;
        let closed = false;
        while (j < n) {
          const c = text[j];
          if (c === quote) {
            if (text[j + 1] === quote) {
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          if (c === '\n' || (c === '\r' && text[j + 1] !== '\n')) line++;
          j++;
        }
        if (!closed) {
          return { line: openLine, message: `unterminated quoted field: the ${quote} opened on this line is never closed` };
        }
        while (j < n && (text[j] === ' ' || text[j] === '\t') && text[j] !== delimiter) j++;
        if (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') {
          return {
            line,
            message: `unexpected ${JSON.stringify(text[j])} after a closing ${quote}: expected ${JSON.stringify(delimiter)} or the end of the line`,
          };
        }
        i = j;
        atFieldStart = false;
        continue;
      }
      atFieldStart = false;
      continue;
    }
    if (ch === delimiter) {
      atFieldStart = true;
      i++;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      i++;
      atFieldStart = true;
    } else {
      i++;
    }
  }
  return undefined;
}

type CsvParser = ReturnType<typeof fastCsvParse>;

/**
 * Iterates fast-csv's rows with their starting line numbers, turning its errors into typed ones:
 * syntax errors into a {@link ParseError} at the offending line, file-system errors into a {@link FileError}.
 */
async function* rawRows(
  parser: CsvParser,
  opts: ResolvedCsvOptions,
  getText: () => Promise<string>,
  path?: string,
): AsyncGenerator<RawRow> {
  let line = 1;
  try {
    for await (const row of parser as AsyncIterable<string[]>) {
      yield { fields: row, line };
      let breaks = 0;
      for (let k = 0; k < row.length; k++) breaks += countLineBreaks(row[k]);
      line += 1 + breaks;
    }
  } catch (err) {
    if (err instanceof CrmMiningError) throw err;
    const code = (err as { code?: unknown } | null)?.code;
    if (path !== undefined && typeof code === 'string') throw toFileError(path, err);
    const text = await getText();
    const found = locateSyntaxError(text, opts.delimiter, opts.quote);
    if (found) throw new ParseError(found.message, { line: found.line, source: opts.source });
    const detail = err instanceof Error ? err.message : String(err);
    throw new ParseError(`malformed CSV (${detail})`, { line, source: opts.source });
  } finally {
    parser.destroy();
  }
}

function fastCsvOptions(opts: ResolvedCsvOptions) {
  return {
    headers: false,
    delimiter: opts.delimiter,
    quote: opts.quote,
    escape: opts.quote,
    trim: false,
    ignoreEmpty: false,
    objectMode: true,
  } as const;
}

function stringRows(text: string, opts: ResolvedCsvOptions): AsyncGenerator<RawRow> {
  if (typeof text !== 'string') throw new InvalidInputError(`expected CSV text as a string, got ${typeof text}`);
  const parser = fastCsvParseString(text, fastCsvOptions(opts)) as CsvParser;
  return rawRows(parser, opts, async () => text);
}

async function fileRows(path: string, opts: ResolvedCsvOptions): Promise<AsyncGenerator<RawRow>> {
  if (typeof path !== 'string' || path.length === 0) throw new InvalidInputError('expected a file path (a non-empty string)');
  await assertReadableFile(path);
  const file = createReadStream(path);
  const parser = fastCsvParse(fastCsvOptions(opts)) as CsvParser;
  // pipeline forwards a read error (for example the file vanishing) to the parser, which the iteration rethrows
  pipeline(file, parser, () => undefined);
  return rawRows(parser, opts, () => readTextFile(path), path);
}

// ---------------------------------------------------------------------------------------------------------
// Records: header, field counts, missing markers, blank lines

interface Records {
  /** The column names, set once the header (or first row) is read; undefined while the input has shown no row. */
  names: string[] | undefined;
}

interface CellRow {
  cells: (string | null)[];
  line: number;
}

/** Whether a raw row is a blank line (fast-csv gives an empty array for one). */
function isBlank(fields: string[]): boolean {
  return fields.length === 0;
}

function headerNames(fields: string[], line: number, opts: ResolvedCsvOptions): string[] {
  const names: string[] = new Array(fields.length);
  const seen = new Map<string, number>();
  for (let k = 0; k < fields.length; k++) {
    let name = fields[k].trim();
    if (name === '') name = `column${k + 1}`;
    const prev = seen.get(name);
    if (prev !== undefined) {
      throw new ParseError(`duplicate column name "${name}" in the header (fields ${prev + 1} and ${k + 1})`, {
        line,
        column: name,
        source: opts.source,
      });
    }
    seen.set(name, k);
    names[k] = name;
  }
  return names;
}

async function* cellRows(raw: AsyncIterable<RawRow>, opts: ResolvedCsvOptions, state: Records): AsyncGenerator<CellRow> {
  let width = -1;
  let headerLine = 0;
  const pendingBlankLines: number[] = [];
  const missing = opts.missing;
  const trim = opts.trim;
  for await (const { fields, line } of raw) {
    if (width < 0) {
      if (isBlank(fields)) continue; // leading blank lines
      width = fields.length;
      if (opts.header) {
        state.names = headerNames(fields, line, opts);
        headerLine = line;
        continue;
      }
      state.names = fields.map((_, k) => `column${k + 1}`);
    }
    if (isBlank(fields)) {
      // in a one-column table a blank line is a missing cell, unless it is trailing
      if (width === 1) pendingBlankLines.push(line);
      continue;
    }
    if (fields.length !== width) {
      const what = opts.header ? `as in the header on line ${headerLine}` : 'as in the first row';
      throw new ParseError(`expected ${width} fields (${what}), got ${fields.length}`, { line, source: opts.source });
    }
    for (const blankLine of pendingBlankLines) yield { cells: [null], line: blankLine };
    pendingBlankLines.length = 0;
    const cells: (string | null)[] = new Array(width);
    for (let k = 0; k < width; k++) {
      const f = fields[k];
      const t = f.trim();
      cells[k] = missing.has(t) ? null : trim ? t : f;
    }
    yield { cells, line };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Typed values

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Parses a decimal number (`12`, `-1.5`, `.5`, `5.`, `1e3`, `+2E-3`); surrounding white space is ignored.
 *
 * @param text - the cell text.
 * @returns the number (exactly `Number(text)`), or undefined when the text is not a finite decimal number
 *   (for example `12abc`, `0x10`, `Infinity`, or an empty string).
 *
 * @example
 * ```ts
 * import { parseDecimal } from 'crm-mining';
 * console.log(parseDecimal(' -1.5 '), parseDecimal('1e3'), parseDecimal('.5')); // -1.5 1000 0.5
 * console.log(parseDecimal('12abc'), parseDecimal('0x10'), parseDecimal('')); // undefined undefined undefined
 * ```
 */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!DECIMAL.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Parses an ISO-8601 date: `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:mm`, `HH:mm:ss` or
 * `HH:mm:ss.fff`, optionally followed by `Z` or an offset `±HH:mm`. A date or time without an offset is
 * read as UTC, so the result does not depend on the machine's time zone. Month, day, hour, minute and
 * second ranges are checked (`2023-02-30` is rejected).
 *
 * @param text - the cell text (surrounding white space is ignored).
 * @returns the date, or undefined when the text is not such a date.
 *
 * @example
 * ```ts
 * import { parseIsoDate } from 'crm-mining';
 * console.log(parseIsoDate('2024-03-01')?.toISOString()); // 2024-03-01T00:00:00.000Z (UTC)
 * console.log(parseIsoDate('2024-03-01 14:30+02:00')?.toISOString()); // 2024-03-01T12:30:00.000Z
 * console.log(parseIsoDate('2023-02-30')); // undefined: there is no 30 February
 * ```
 */
export function parseIsoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-6);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return new Date(d.getTime() - offsetMinutes * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const TRUE_STRICT = new Set(['true']);
const FALSE_STRICT = new Set(['false']);
const TRUE_LOOSE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_LOOSE = new Set(['false', 'f', 'no', 'n', '0']);

function parseBool(text: string, loose: boolean): boolean | undefined {
  const t = text.trim().toLowerCase();
  if ((loose ? TRUE_LOOSE : TRUE_STRICT).has(t)) return true;
  if ((loose ? FALSE_LOOSE : FALSE_STRICT).has(t)) return false;
  return undefined;
}

/**
 * The type inferred for a column from its non-missing cells:
 * - `'number'` when every cell is a finite decimal number ({@link parseDecimal}) and none has a leading
 *   zero before another digit (`007`, `02134`: such columns are codes, and reading them as numbers would
 *   lose the zeros; ask for `'number'` in `columnTypes` to read them as numbers anyway);
 * - `'boolean'` when every cell is `true` or `false` in any case (`Yes`/`No`, `t`/`f` and `1`/`0` are not
 *   inferred as booleans: they are often categories or numbers; ask for `'boolean'` to read them so);
 * - `'date'` when every cell is an ISO-8601 date ({@link parseIsoDate});
 * - `'string'` otherwise, and for a column with no non-missing cell.
 *
 * @param cells - the column's cells, `null` where missing.
 *
 * @example
 * ```ts
 * import { inferCsvColumnType } from 'crm-mining';
 * console.log(inferCsvColumnType(['12', '7.5', null])); // number
 * console.log(inferCsvColumnType(['02134', '10001'])); // string: leading zeros make it a code
 * console.log(inferCsvColumnType(['TRUE', 'false'])); // boolean
 * console.log(inferCsvColumnType(['yes', 'no'])); // string
 * ```
 */
export function inferCsvColumnType(cells: readonly (string | null)[]): 'number' | 'boolean' | 'date' | 'string' {
  let number = true;
  let bool = true;
  let date = true;
  let any = false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c === null) continue;
    any = true;
    if (number && (parseDecimal(c) === undefined || LEADING_ZERO.test(c.trim()))) number = false;
    if (bool && parseBool(c, false) === undefined) bool = false;
    if (date && parseIsoDate(c) === undefined) date = false;
    if (!number && !bool && !date) return 'string';
  }
  if (!any) return 'string';
  if (number) return 'number';
  if (bool) return 'boolean';
  return date ? 'date' : 'string';
}

function convertColumn(
  name: string,
  cells: (string | null)[],
  lines: number[],
  requested: ColumnType | undefined,
  opts: ResolvedCsvOptions,
): Column {
  const type: ColumnType = requested ?? (opts.inferTypes ? inferCsvColumnType(cells) : 'string');
  const n = cells.length;
  if (type === 'string') return { name, type, values: cells };
  if (type === 'nominal') {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const c = cells[i];
      if (c !== null) seen.add(c);
    }
    return { name, type, values: cells, categories: [...seen] };
  }
  const values: CellValue[] = new Array(n);
  const expected = type === 'number' ? 'a number' : type === 'boolean' ? 'a boolean (true/false, yes/no, t/f, y/n, 1/0)' : 'an ISO-8601 date (YYYY-MM-DD)';
  for (let i = 0; i < n; i++) {
    const c = cells[i];
    if (c === null) {
      values[i] = null;
      continue;
    }
    const v = type === 'number' ? parseDecimal(c) : type === 'boolean' ? parseBool(c, true) : parseIsoDate(c);
    if (v === undefined) {
      throw new ParseError(`expected ${expected}, got ${JSON.stringify(c)}`, { line: lines[i], column: name, source: opts.source });
    }
    values[i] = v;
  }
  return { name, type, values };
}

async function buildTable(raw: AsyncIterable<RawRow>, opts: ResolvedCsvOptions): Promise<DataTable> {
  const state: Records = { names: undefined };
  let columns: (string | null)[][] = [];
  const lines: number[] = [];
  let checked = false;
  for await (const { cells, line } of cellRows(raw, opts, state)) {
    if (!checked) {
      checked = true;
      checkColumnTypes(state.names as string[], opts); // fail on a misspelt column before reading on
      columns = (state.names as string[]).map(() => []);
    }
    for (let k = 0; k < cells.length; k++) columns[k].push(cells[k]);
    lines.push(line);
  }
  const names = state.names;
  if (names === undefined) throw new InvalidInputError(`${opts.source}: no rows (the CSV input is empty)`);
  if (!checked) checkColumnTypes(names, opts);
  if (lines.length === 0) throw new InvalidInputError(`${opts.source}: no rows after the header`);
  const out: Column[] = new Array(names.length);
  for (let k = 0; k < names.length; k++) out[k] = convertColumn(names[k], columns[k], lines, opts.columnTypes[names[k]], opts);
  return new DataTable(out);
}

function checkColumnTypes(names: readonly string[], opts: ResolvedCsvOptions): void {
  const set = new Set(names);
  for (const key of Object.keys(opts.columnTypes)) {
    if (!set.has(key)) {
      throw new InvalidOptionError(
        `columnTypes.${key}`,
        `there is no column "${key}" in ${opts.source}; the columns are ${names.map((n) => `"${n}"`).join(', ')}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Reads a CSV file into a typed table, streaming it from disk through fast-csv.
 *
 * @param path - the file to read.
 * @param options - see {@link CsvOptions}; by default the first row is the header, the delimiter is `,`,
 *   cells are trimmed, the default missing markers give `null` and column types are inferred.
 * @returns the table; number columns hold numbers, boolean columns booleans, date columns `Date`s (UTC),
 *   string columns strings, and `null` wherever a cell is missing.
 * @throws FileError naming the path when the file is missing (`no such file`) or unreadable.
 * @throws InvalidInputError when the file has no rows (`no rows`).
 * @throws ParseError naming the line (and column) for a row with the wrong number of fields, an unterminated
 *   quote, a repeated header name, or a cell that does not parse as its column's requested type.
 * @throws InvalidOptionError for a bad option, or a `columnTypes` entry naming no column.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readCsv, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'customers.csv');
 * await writeFileAtomic(path, 'customer;spend;since\nc1;120,5;2021-04-01\nc2;NA;2023-09-15\n');
 * const table = await readCsv(path, { delimiter: ';', columnTypes: { spend: 'string' } });
 * console.log(table.column('since').type, table.column('spend').values); // date [ '120,5', null ]
 * ```
 */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<DataTable> {
  rejectUnknownOptions(options, CSV_OPTION_KEYS, 'readCsv');
  const opts = resolveOptions(options, path);
  return buildTable(await fileRows(path, opts), opts);
}

/**
 * Parses CSV text into a typed table (same rules as {@link readCsv}; errors name the source `'<string>'`
 * unless `options.source` says otherwise).
 *
 * @param text - the CSV text.
 * @param options - see {@link CsvOptions}.
 * @returns the table.
 * @throws InvalidInputError when the text has no rows (`no rows`).
 * @throws ParseError naming the line (and column) of a malformed row or cell.
 * @throws InvalidOptionError for a bad option.
 *
 * @example
 * ```ts
 * import { parseCsv } from 'crm-mining';
 * const table = await parseCsv('customer,orders,vip\nc1,3,true\nc2,,false\n');
 * console.log(table.columns.map((c) => `${c.name}:${c.type}`)); // [ 'customer:string', 'orders:number', 'vip:boolean' ]
 * console.log(table.column('orders').values); // [ 3, null ]
 * ```
 */
export async function parseCsv(text: string, options: CsvOptions = {}): Promise<DataTable> {
  rejectUnknownOptions(options, CSV_OPTION_KEYS, 'parseCsv');
  const opts = resolveOptions(options, '<string>');
  return buildTable(stringRows(text, opts), opts);
}

/**
 * Streams the rows of a CSV file without building a table: each row is an object keyed by column name,
 * with cells as text (trimmed unless `trim: false`) and `null` for missing markers. No types are inferred
 * (`columnTypes` and `inferTypes` are ignored). An empty file yields nothing. Use it for files too large
 * to hold as a table, or to aggregate while reading.
 *
 * @param path - the file to read.
 * @param options - see {@link CsvOptions} (delimiter, quote, header, missing, trim, source).
 * @returns an async iterable of rows; iterate it with `for await`.
 * @throws FileError naming the path when the file is missing or unreadable (on the first iteration).
 * @throws ParseError naming the line of a malformed row (when that row is reached).
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { csvRows, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'orders.csv');
 * await writeFileAtomic(path, 'order,amount\n1,20\n2,NA\n3,15.5\n');
 * let total = 0;
 * for await (const row of csvRows(path)) total += row.amount === null ? 0 : Number(row.amount);
 * console.log(total); // 35.5
 * ```
 */
export async function* csvRows(path: string, options: CsvOptions = {}): AsyncGenerator<CsvRow> {
  rejectUnknownOptions(options, CSV_OPTION_KEYS, 'csvRows');
  const opts = resolveOptions(options, path);
  const state: Records = { names: undefined };
  for await (const { cells } of cellRows(await fileRows(path, opts), opts, state)) {
    const names = state.names as string[];
    const row: CsvRow = {};
    for (let k = 0; k < names.length; k++) row[names[k]] = cells[k];
    yield row;
  }
}
