/**
 * CSV reading, streaming through the library's own scanner: from a file ({@link readCsv}, {@link csvRows},
 * read in chunks of 64 KiB) or from a string ({@link parseCsv}), into a typed {@link DataTable} with missing
 * cells kept as `null`.
 *
 * Parsing rules, in brief (each is detailed on {@link CsvOptions}):
 * - the first row is the header unless `header: false`; header names are trimmed; a repeated name is an error;
 * - rows end at `\n`, `\r\n` or a lone `\r`; a byte-order mark at the start is dropped; files are read as UTF-8;
 * - fields may be quoted with `"` (a doubled `""` inside a quoted field is one quote); quoted fields may span lines;
 *   white space around a quoted field is ignored, and only white space may follow its closing quote before the
 *   delimiter or the end of the line; a quote inside an unquoted field is an ordinary character;
 * - every row must have as many fields as the header (or the first row); lines are counted as an editor does
 *   (1-based, the header is line 1, a quoted field spanning lines counts each of them);
 * - blank lines (empty or only white space) are skipped, except in a one-column table, where a blank line
 *   between rows is a missing cell;
 * - cells equal (after trimming) to one of the `missing` markers are `null`;
 * - column types are inferred from the non-missing cells unless given (see {@link inferCsvColumnType}).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError, ParseError } from '../core/errors.js';
import { DataTable } from './table.js';
import type { CellValue, Column, ColumnType } from './table.js';
import {
  CsvScanner,
  DECIMAL_CANONICAL,
  DECIMAL_FIXED,
  DECIMAL_LEADING_ZERO,
  decimalFlags,
  decimalFractionDigits,
  fileChunks,
  isSpaceCode,
  scanDecimal,
  type CsvBatch,
  type CsvRowSink,
} from './csv-parser.js';
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
// Cells: trimming and missing markers

/** Whether `c` is white space or a line break (what `String.prototype.trim` removes). */
function isTrimmed(c: number): boolean {
  return c === 10 || c === 13 || isSpaceCode(c);
}

/** Turns a field's text into a cell: trimmed unless `trim: false`, `null` when (trimmed) it is a missing marker. */
class CellReader {
  readonly trim: boolean;
  private readonly missing: Set<string>;
  private readonly missingEmpty: boolean;
  private readonly longestMarker: number;
  /** For ASCII first characters: whether some marker starts with it. */
  private readonly markerStarts = new Uint8Array(128);
  /** The markers that look like numbers (`-999`), or null when none does (the default markers). */
  readonly numericMarkers: Set<string> | null;

  constructor(opts: ResolvedCsvOptions) {
    this.trim = opts.trim;
    this.missing = opts.missing;
    this.missingEmpty = opts.missing.has('');
    let longest = 0;
    const numeric = new Set<string>();
    for (const m of opts.missing) {
      longest = Math.max(longest, m.length);
      const c = m.charCodeAt(0);
      if (c < 128) this.markerStarts[c] = 1;
      if (m.length > 0 && !Number.isNaN(scanDecimal(m, 0, m.length))) numeric.add(m);
    }
    this.longestMarker = longest;
    this.numericMarkers = numeric.size > 0 ? numeric : null;
  }

  /** The text with surrounding white space removed (the text itself when there is none). */
  trimmed(text: string): string {
    const n = text.length;
    return n > 0 && (isTrimmed(text.charCodeAt(0)) || isTrimmed(text.charCodeAt(n - 1))) ? text.trim() : text;
  }

  /** Whether trimmed text is a missing marker. */
  isMissing(t: string): boolean {
    const n = t.length;
    if (n === 0) return this.missingEmpty;
    if (n > this.longestMarker) return false;
    const c = t.charCodeAt(0);
    if (c < 128 && this.markerStarts[c] === 0) return false;
    return this.missing.has(t);
  }

  /** The cell for a field's text. */
  cell(text: string): string | null {
    const t = this.trimmed(text);
    if (this.isMissing(t)) return null;
    return this.trim ? t : text;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Records: header, field counts, blank lines

/** The text of field `f` of a batch. */
function fieldText(s: string, batch: CsvBatch, f: number): string {
  const a = batch.bounds[2 * f];
  return a < 0 ? batch.quoted[batch.bounds[2 * f + 1]] : s.slice(a, batch.bounds[2 * f + 1]);
}

/**
 * The part of reading shared by tables and row streams: the header (or first row) gives the column names
 * and the width, every other row must have that many fields, and blank lines are skipped, except in a
 * one-column table, where a blank line followed by a row is a missing cell.
 */
abstract class RecordSink implements CsvRowSink {
  /** The column names, set once the header (or first row) is read; undefined while the input has shown no row. */
  names: string[] | undefined;
  private width = -1;
  private headerLine = 0;
  private seenData = false;
  private readonly pendingBlankLines: number[] = [];
  protected readonly cells: CellReader;
  /** Per data row of the batch being handed over: the index of its first field, or -1 for one missing cell. */
  protected dataFirsts = new Int32Array(256);
  /** Per data row of the batch being handed over: its line. */
  protected dataLines = new Int32Array(256);

  constructor(protected readonly opts: ResolvedCsvOptions) {
    this.cells = new CellReader(opts);
  }

  /** The column names are known (before the first data row). */
  protected abstract begin(names: string[]): void;
  /** Called once, at the first data row (or missing cell), before it is handed over. */
  protected firstData(): void {}
  /** The next `count` data rows, described by {@link dataFirsts} and {@link dataLines}. */
  protected abstract data(s: string, batch: CsvBatch, count: number): void;

  rows(s: string, batch: CsvBatch): void {
    const pending = this.pendingBlankLines;
    const room = batch.count + pending.length;
    if (room > this.dataFirsts.length) {
      this.dataFirsts = new Int32Array(Math.max(room, 2 * this.dataFirsts.length));
      this.dataLines = new Int32Array(this.dataFirsts.length);
    }
    const firsts = this.dataFirsts;
    const lines = this.dataLines;
    let m = 0;
    for (let r = 0; r < batch.count; r++) {
      const count = batch.widths[r];
      const line = batch.lines[r];
      if (count === 0) {
        // leading blank lines are skipped; in a one-column table a blank line is a missing cell, unless it is trailing
        if (this.width === 1) pending.push(line);
        continue;
      }
      if (this.width < 0 && this.start(s, batch, r)) continue;
      if (count !== this.width) {
        if (m > 0) this.data(s, batch, m); // the rows before it first
        const what = this.opts.header ? `as in the header on line ${this.headerLine}` : 'as in the first row';
        throw new ParseError(`expected ${this.width} fields (${what}), got ${count}`, { line, source: this.opts.source });
      }
      if (!this.seenData) {
        this.seenData = true;
        this.firstData();
      }
      for (let b = 0; b < pending.length; b++) {
        firsts[m] = -1;
        lines[m++] = pending[b];
      }
      pending.length = 0;
      firsts[m] = batch.firsts[r];
      lines[m++] = line;
    }
    if (m > 0) this.data(s, batch, m);
  }

  /** Reads the first row: the header (returns true) or, without one, the names (returns false: it is data). */
  private start(s: string, batch: CsvBatch, r: number): boolean {
    const count = batch.widths[r];
    this.width = count;
    if (this.opts.header) {
      const fields: string[] = new Array(count);
      for (let k = 0; k < count; k++) fields[k] = fieldText(s, batch, batch.firsts[r] + k);
      this.names = headerNames(fields, batch.lines[r], this.opts);
      this.headerLine = batch.lines[r];
      this.begin(this.names);
      return true;
    }
    const names: string[] = new Array(count);
    for (let k = 0; k < count; k++) names[k] = `column${k + 1}`;
    this.names = names;
    this.begin(names);
    return false;
  }
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

/** Rows as {@link CsvRow} objects, queued until {@link RowQueue.take} (for {@link csvRows}). */
class RowQueue extends RecordSink {
  private queue: CsvRow[] = [];

  protected begin(): void {}

  protected data(s: string, batch: CsvBatch, count: number): void {
    const names = this.names as string[];
    for (let r = 0; r < count; r++) {
      const f = this.dataFirsts[r];
      const row: CsvRow = {};
      if (f < 0) row[names[0]] = null;
      else for (let k = 0; k < names.length; k++) row[names[k]] = this.cells.cell(fieldText(s, batch, f + k));
      this.queue.push(row);
    }
  }

  /** The rows queued so far (the queue is emptied). */
  take(): CsvRow[] {
    const rows = this.queue;
    this.queue = [];
    return rows;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Columns, collected as the rows stream in

/** A column whose cells are kept as text (string, nominal, boolean, date, or inferred and not numeric). */
const TEXT = 0;
/** An inferred column whose cells have all been numbers so far: kept as numbers only. */
const NUMBERS = 1;
/** A column of the requested type 'number'. */
const REQUIRED_NUMBERS = 2;

/** A text column reuses the string of an equal earlier numeric cell while it has met at most this many distinct ones. */
const MAX_DISTINCT_NUMBERS = 1 << 16;
/** A text column reuses the cell of an equal earlier text while it has met at most this many distinct ones (categories). */
const MAX_DISTINCT_TEXTS = 1 << 10;
/** A text column compares its fields in place with its distinct texts while it has met at most this many. */
const MAX_RECENT_TEXTS = 8;
/** The format of a numeric cell whose text is kept as it is. */
const ODD = 255;

/**
 * One column's cells, added a batch at a time into one array (sized from an estimate of the row count, so
 * that it rarely grows). A column that may be numeric parses its cells straight from the text, never
 * slicing them; should a cell turn out not to be a number, the earlier cells are turned back into their
 * texts and the column goes on as text: `String(value)`, `value.toFixed(d)` or the text itself, as noted
 * per cell in `formats` (allocated at the first cell `String` would not give back). A text column reuses
 * the string of a repeated cell: the previous one (sorted ids), or that of an earlier equal cell while the
 * column has few distinct values (categories, numeric ids), which saves memory and garbage collection.
 */
class ColumnCells {
  private mode: number;
  /** The cells so far (`n` of them): numbers in a numeric mode, strings in TEXT mode, null where missing. */
  private values: (number | string | null)[] | undefined;
  private n = 0;
  /** In a numeric mode: the number of cells that are not missing. */
  private present = 0;
  /**
   * In NUMBERS mode, once a cell is not written as `String(value)` gives it: per cell, 0 for that, `d + 1`
   * for `value.toFixed(d)`, ODD for a text kept in `oddTexts`.
   */
  private formats: Uint8Array | null = null;
  private oddTexts: string[] = [];
  /** In TEXT mode: the last raw field and its cell. */
  private prevRaw = '';
  private prevCell: string | null;
  /** In TEXT mode: the cell of each distinct text, and the string of each numeric text (null once too many). */
  private byText: Map<string, string | null> | null = new Map();
  private byNumber: Map<number, string> | null;
  /**
   * In TEXT mode, while the column has met at most {@link MAX_RECENT_TEXTS} distinct texts: those texts and
   * their cells, compared in place before a field is sliced (0 texts once there are more).
   */
  private readonly recentRaw: string[] = [];
  private readonly recentCell: (string | null)[] = [];
  private recentCount = 0;
  /** Whether a numeric cell may be a missing marker (`missing: ['-999']`): then each is checked. */
  private readonly numericMarkers: Set<string> | null;
  /** For 'number' columns: the first cell that is not a number. */
  private badRow = -1;
  private badText = '';

  constructor(
    readonly name: string,
    readonly requested: ColumnType | undefined,
    inferTypes: boolean,
    private readonly cells: CellReader,
    private readonly expectedRows: number,
  ) {
    this.mode = requested === 'number' ? REQUIRED_NUMBERS : requested === undefined && inferTypes ? NUMBERS : TEXT;
    this.prevCell = cells.cell('');
    this.numericMarkers = cells.numericMarkers;
    this.byNumber = this.numericMarkers === null ? new Map() : null;
  }

  /**
   * Creates the array for the expected rows: a one-element literal stretched to that length is a fast array
   * of its kind at once (new Array(n) would first fill n holes, then be converted, all n of them, at the
   * first number written). The kind is guessed from the first cell, `f`: small integers (half the memory of
   * doubles), doubles, or references (text, or a missing cell, which a number column stores as null).
   */
  private create(s: string, batch: CsvBatch, f: number): void {
    let values: (number | string | null)[] = [''];
    const a = f < 0 ? -1 : batch.bounds[2 * f];
    if (this.mode !== TEXT && a >= 0) {
      const v = scanDecimal(s, a, batch.bounds[2 * f + 1]);
      if (Number.isInteger(v) && Math.abs(v) < 2 ** 30) values = [0];
      else if (v === v) values = [0.5];
    }
    values.length = this.expectedRows;
    this.values = values;
  }

  /** Adds field `k` of each of the `count` rows whose first fields are `firsts` (-1: a missing cell). */
  addBatch(s: string, batch: CsvBatch, firsts: Int32Array, count: number, k: number): void {
    if (this.values === undefined) this.create(s, batch, firsts[0] < 0 ? -1 : firsts[0] + k);
    let r = 0;
    if (this.mode !== TEXT) r = this.addNumbers(s, batch, firsts, count, k);
    if (r < count) this.addTexts(s, batch, firsts, r, count, k);
  }

  /** Adds cells to a numeric column; returns the row after the one that turned it into text (or `count`). */
  private addNumbers(s: string, batch: CsvBatch, firsts: Int32Array, count: number, k: number): number {
    const values = this.values as (number | null)[];
    const bounds = batch.bounds;
    const plain = this.numericMarkers === null;
    let n = this.n;
    let present = this.present;
    for (let r = 0; r < count; r++) {
      const f = firsts[r];
      if (f < 0) {
        values[n++] = null;
        continue;
      }
      const j = 2 * (f + k);
      const a = bounds[j];
      if (a >= 0) {
        const v = scanDecimal(s, a, bounds[j + 1]);
        if (v === v && plain) {
          // the common cases: a number written as JavaScript writes it, or with trailing zeros
          const flags = decimalFlags;
          if (flags === DECIMAL_CANONICAL) {
            values[n++] = v;
            present++;
            continue;
          }
          if (flags === DECIMAL_FIXED) {
            if (this.mode === NUMBERS) this.setFormat(n, decimalFractionDigits + 1);
            values[n++] = v;
            present++;
            continue;
          }
        }
      }
      this.n = n;
      this.present = present;
      if (!this.addNumber(a >= 0 ? s.slice(a, bounds[j + 1]) : batch.quoted[bounds[j + 1]])) return r + 1;
      n = this.n;
      present = this.present;
    }
    this.n = n;
    this.present = present;
    return count;
  }

  /**
   * Adds any other cell to a numeric column: a missing marker, a number written another way, or a cell
   * that is not a number, which turns an inferred column into text (then returns false).
   */
  private addNumber(raw: string): boolean {
    const values = this.values as (number | string | null)[];
    const v = scanDecimal(raw, 0, raw.length);
    if (v === v) {
      const flags = decimalFlags;
      if (this.numericMarkers !== null && this.numericMarkers.has(raw)) values[this.n++] = null;
      else if ((flags & DECIMAL_LEADING_ZERO) !== 0 && this.mode === NUMBERS) return this.toText(raw); // (no white space to trim)
      else this.addParsed(v, (flags & DECIMAL_CANONICAL) !== 0 ? 0 : (flags & DECIMAL_FIXED) !== 0 ? decimalFractionDigits + 1 : ODD, raw);
      return true;
    }
    // the slow path: white space, an exponent, many digits, a missing marker, or not a number
    const cell = this.cells.cell(raw);
    if (cell === null) {
      values[this.n++] = null;
      return true;
    }
    const num = parseDecimal(cell);
    if (num !== undefined && (this.mode === REQUIRED_NUMBERS || !LEADING_ZERO.test(cell.trim()))) {
      this.addParsed(num, ODD, cell);
      return true;
    }
    if (this.mode === NUMBERS) return this.toText(cell);
    if (this.badRow < 0) {
      this.badRow = this.n;
      this.badText = cell;
    }
    values[this.n++] = null;
    return true;
  }

  /** Adds a number written as `format` says (see {@link formats}); `text` is the cell's text. */
  private addParsed(v: number, format: number, text: string): void {
    if (format !== 0 && this.mode === NUMBERS) {
      this.setFormat(this.n, format);
      if (format === ODD) this.oddTexts.push(text);
    }
    (this.values as number[])[this.n++] = v;
    this.present++;
  }

  private setFormat(i: number, format: number): void {
    let formats = this.formats;
    if (formats === null || i >= formats.length) {
      const grown = new Uint8Array(Math.max(i + 1, this.expectedRows, 2 * (formats?.length ?? 0)));
      if (formats !== null) grown.set(formats);
      formats = this.formats = grown;
    }
    formats[i] = format;
  }

  /** Turns a numeric column into a text column, then adds `cell`; returns false. */
  private toText(cell: string): false {
    const values = this.values as (number | string | null)[];
    const formats = this.formats;
    let odd = 0;
    for (let i = 0; i < this.n; i++) {
      const v = values[i] as number | null;
      if (v === null) continue;
      const format = formats === null || i >= formats.length ? 0 : formats[i];
      values[i] = format === 0 ? String(v) : format === ODD ? this.oddTexts[odd++] : v.toFixed(format - 1);
    }
    values[this.n++] = cell;
    this.mode = TEXT;
    this.formats = null;
    this.oddTexts = [];
    return false;
  }

  /** Adds the cells of rows `from` to `count` to a text column. */
  private addTexts(s: string, batch: CsvBatch, firsts: Int32Array, from: number, count: number, k: number): void {
    const bounds = batch.bounds;
    const values = this.values as (string | null)[];
    const recentRaw = this.recentRaw;
    // the state the loop reads on every cell is kept in locals, and stored back before a call that uses it
    let n = this.n;
    let prevRaw = this.prevRaw;
    let prevCell = this.prevCell;
    for (let r = from; r < count; r++) {
      const f = firsts[r];
      if (f < 0) {
        values[n++] = null;
        continue;
      }
      const j = 2 * (f + k);
      const a = bounds[j];
      const e = bounds[j + 1];
      const length = e - a;
      if (a >= 0) {
        if (length === prevRaw.length && s.startsWith(prevRaw, a)) {
          values[n++] = prevCell;
          continue;
        }
        // one of the column's first few distinct texts (categories): no new string needed to find it
        let q = this.recentCount - 1;
        while (q >= 0 && (recentRaw[q].length !== length || !s.startsWith(recentRaw[q], a))) q--;
        if (q >= 0) {
          prevRaw = recentRaw[q];
          prevCell = this.recentCell[q];
          values[n++] = prevCell;
          continue;
        }
      }
      this.n = n;
      if (a < 0) this.addText(batch.quoted[e]);
      else {
        // a number written as JavaScript writes it starts with a digit or '-'
        const c = length > 0 ? s.charCodeAt(a) : 0;
        const byNumber = this.byNumber;
        if (byNumber === null || !((c >= 48 && c <= 57) || c === 45) || !this.addNumeric(s, a, e, byNumber)) this.addText(s.slice(a, e));
      }
      n = this.n;
      prevRaw = this.prevRaw;
      prevCell = this.prevCell;
    }
    this.n = n;
    this.prevRaw = prevRaw;
    this.prevCell = prevCell;
  }

  /** Adds a text cell, reusing the cell of an earlier equal text while there are few distinct ones. */
  private addText(raw: string): void {
    let cell: string | null | undefined;
    const byText = this.byText;
    if (byText !== null) {
      cell = byText.get(raw);
      if (cell === undefined) {
        cell = this.cells.cell(raw);
        if (byText.size < MAX_DISTINCT_TEXTS) {
          byText.set(raw, cell);
          // the first few distinct texts are looked for in place, as long as they are all there are
          if (byText.size <= MAX_RECENT_TEXTS) {
            this.recentRaw[this.recentCount] = raw;
            this.recentCell[this.recentCount++] = cell;
          } else this.recentCount = 0;
        } else this.byText = null; // too many distinct values to be worth it
      }
    } else cell = this.cells.cell(raw);
    this.prevRaw = raw;
    this.prevCell = cell;
    (this.values as (string | null)[])[this.n++] = cell;
  }

  /**
   * Adds `s[a, e)` when it is a number written as JavaScript writes it (then the cell is that text: it has no
   * white space and, with no numeric missing markers, is not missing), reusing the string of an earlier
   * equal cell. Returns false for any other text.
   */
  private addNumeric(s: string, a: number, e: number, byNumber: Map<number, string>): boolean {
    const v = scanDecimal(s, a, e);
    if (v !== v || decimalFlags !== DECIMAL_CANONICAL) return false;
    let cell = byNumber.get(v);
    if (cell === undefined) {
      cell = s.slice(a, e);
      if (byNumber.size < MAX_DISTINCT_NUMBERS) byNumber.set(v, cell);
      else this.byNumber = null; // too many distinct values to be worth it
    }
    this.prevRaw = cell;
    this.prevCell = cell;
    (this.values as (string | null)[])[this.n++] = cell;
    return true;
  }

  /** The finished column. @throws ParseError for a cell that does not parse as the requested type. */
  finish(lines: Int32Array, opts: ResolvedCsvOptions): Column {
    const values = this.values ?? [];
    values.length = this.n;
    if (this.mode === TEXT) return convertColumn(this.name, values as (string | null)[], lines, this.requested, opts);
    if (this.badRow >= 0) {
      throw new ParseError(`expected a number, got ${JSON.stringify(this.badText)}`, {
        line: lines[this.badRow],
        column: this.name,
        source: opts.source,
      });
    }
    // an inferred column with no non-missing cell is a string column (of nulls)
    const type = this.present > 0 || this.mode === REQUIRED_NUMBERS ? 'number' : 'string';
    return { name: this.name, type, values: values as (number | null)[] };
  }
}

/** Collects the rows into columns and builds the {@link DataTable} (for {@link readCsv} and {@link parseCsv}). */
class TableBuilder extends RecordSink {
  private columns: ColumnCells[] = [];
  private lines = new Int32Array(1024);
  private rowCount = 0;
  /** Characters read up to the last complete row. */
  private consumed = 0;

  /**
   * @param opts - the options.
   * @param sizeHint - the input's length (characters or bytes; 0 when unknown), to size the columns from the
   *   first batch's row length.
   */
  constructor(
    opts: ResolvedCsvOptions,
    private readonly sizeHint: number,
  ) {
    super(opts);
  }

  protected begin(): void {}

  protected override firstData(): void {
    checkColumnTypes(this.names as string[], this.opts); // fail on a misspelt column before reading on
  }

  override rows(s: string, batch: CsvBatch): void {
    this.consumed += batch.end;
    super.rows(s, batch);
  }

  protected data(s: string, batch: CsvBatch, count: number): void {
    const total = this.rowCount + count;
    if (this.rowCount === 0) {
      // the first rows show how long a row is: expect as many more as the rest of the input holds
      const estimate = Math.ceil(((total * this.sizeHint) / Math.max(1, this.consumed)) * 1.01) + 64;
      const expected = this.sizeHint > this.consumed ? Math.min(estimate, Math.ceil(this.sizeHint / 2) + total + 64) : total;
      const names = this.names as string[];
      this.columns = names.map((name) => new ColumnCells(name, this.opts.columnTypes[name], this.opts.inferTypes, this.cells, expected));
      this.lines = new Int32Array(expected);
    }
    if (total > this.lines.length) {
      const grown = new Int32Array(Math.max(total, 2 * this.lines.length));
      grown.set(this.lines.subarray(0, this.rowCount));
      this.lines = grown;
    }
    this.lines.set(this.dataLines.subarray(0, count), this.rowCount);
    this.rowCount = total;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) columns[k].addBatch(s, batch, this.dataFirsts, count, k);
  }

  /** The table. @throws InvalidInputError when there are no rows; ParseError for a cell of the wrong type. */
  table(): DataTable {
    const names = this.names;
    const opts = this.opts;
    if (names === undefined) throw new InvalidInputError(`${opts.source}: no rows (the CSV input is empty)`);
    if (this.rowCount === 0) {
      checkColumnTypes(names, opts);
      throw new InvalidInputError(`${opts.source}: no rows after the header`);
    }
    const lines = this.lines.subarray(0, this.rowCount);
    return new DataTable(this.columns.map((c) => c.finish(lines, opts)));
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
  const fast = scanDecimal(text, 0, text.length);
  if (fast === fast) return fast;
  const t = text.trim();
  // the regular expression only matches text that starts with a digit, a sign or a point (testing that
  // first spares compiling it for a file with no such text)
  const c = t.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) || !DECIMAL.test(t)) return undefined;
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
  const t = text.trim();
  // a date starts with four digits and a hyphen (testing that first spares running, and compiling, the
  // regular expression for text that is no date)
  const c = t.charCodeAt(0);
  if (t.length < 10 || t.charCodeAt(4) !== 45 || !(c >= 48 && c <= 57)) return undefined;
  const m = ISO_DATE.exec(t);
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
  lines: ArrayLike<number>,
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
// Sources

function newScanner(opts: ResolvedCsvOptions, sink: CsvRowSink): CsvScanner {
  return new CsvScanner({ delimiter: opts.delimiter, quote: opts.quote, source: opts.source }, sink);
}

/** Streams a file through a table builder's scanner to its end. */
async function scanFile(path: string, opts: ResolvedCsvOptions): Promise<TableBuilder> {
  const file = { size: 0 };
  const chunks = fileChunks(path, file);
  let builder: TableBuilder | undefined;
  let scanner: CsvScanner | undefined;
  for await (const chunk of chunks) {
    if (builder === undefined) {
      builder = new TableBuilder(opts, file.size);
      scanner = newScanner(opts, builder);
    }
    (scanner as CsvScanner).pushBytes(chunk);
  }
  builder ??= new TableBuilder(opts, 0);
  scanner?.finish();
  return builder;
}

/** Runs `step`, returning what it threw (undefined when nothing). */
function attempt(step: () => void): unknown {
  try {
    step();
    return undefined;
  } catch (err) {
    return err ?? new Error('CSV scanning failed');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Reads a CSV file into a typed table, streaming it from disk in chunks of 64 KiB.
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
  return (await scanFile(path, opts)).table();
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
  if (typeof text !== 'string') throw new InvalidInputError(`expected CSV text as a string, got ${typeof text}`);
  const builder = new TableBuilder(opts, text.length);
  const scanner = newScanner(opts, builder);
  scanner.push(text);
  scanner.finish();
  return builder.table();
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
  const queue = new RowQueue(opts);
  const scanner = newScanner(opts, queue);
  // rows before a malformed one are yielded before its error is thrown
  for await (const chunk of fileChunks(path)) {
    const failure = attempt(() => scanner.pushBytes(chunk));
    yield* queue.take();
    if (failure !== undefined) throw failure;
  }
  const failure = attempt(() => scanner.finish());
  yield* queue.take();
  if (failure !== undefined) throw failure;
}
