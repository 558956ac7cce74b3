/**
 * Transaction logs for customer-value analysis: one row per purchase with a customer id, a date and an
 * amount, held as typed arrays (customer index, day number, amount). Read from a CSV file (through
 * `data/`), from whitespace-separated text such as the CDNOW files, or from a {@link DataTable}.
 *
 * Dates are kept at day resolution as day numbers: whole days since 1970-01-01 (UTC). A time of day, if
 * any, is dropped, so purchases on the same day fall on the same day number.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError, ParseError } from '../core/errors.js';
import { parseCsv, parseDecimal, parseIsoDate, readCsv } from '../data/csv.js';
import { readTextFile } from '../data/files.js';
import { DataTable } from '../data/table.js';
import type { CellValue, Column } from '../data/table.js';
import { optionKeys, rejectUnknownOptions, requireInteger } from '../core/validate.js';

/** Milliseconds in a day. */
const DAY_MS = 86_400_000;

/**
 * How dates are written: `'yyyymmdd'` (8 digits, as a number or text, e.g. `19970101`), `'iso'`
 * (`YYYY-MM-DD`, optionally with a time; or `Date` cells), or `'auto'`: 8-digit values are read as
 * yyyymmdd, everything else as ISO.
 *
 * @example
 * ```ts
 * import { parseDay, type DateFormat } from 'crm-mining';
 * const format: DateFormat = 'yyyymmdd';
 * console.log(parseDay('19970101', format)); // 9862
 * console.log(parseDay('1997-01-01', format)); // undefined: not 8 digits
 * console.log(parseDay('1997-01-01', 'auto')); // 9862
 * ```
 */
export type DateFormat = 'yyyymmdd' | 'iso' | 'auto';

/**
 * A transaction log in columnar form. Row `i` is a purchase (or, with a negative amount, a refund) by
 * customer `customerIds[customer[i]]` on day `day[i]` of `amount[i]`.
 *
 * @example
 * ```ts
 * import { transactionLogFromRecords, type TransactionLog } from 'crm-mining';
 * const log: TransactionLog = transactionLogFromRecords(
 *   [
 *     { id: 'ann', when: '2024-03-01', spend: 40 },
 *     { id: 'bob', when: '2024-03-02', spend: 15.5 },
 *     { id: 'ann', when: '2024-03-09', spend: 22 },
 *   ],
 *   { customer: 'id', date: 'when', amount: 'spend' },
 * );
 * console.log(log.customerIds, Array.from(log.customer)); // ['ann', 'bob'] [0, 1, 0]
 * console.log(Array.from(log.amount)); // [40, 15.5, 22]
 * ```
 */
export interface TransactionLog {
  /** The distinct customer ids, in order of first appearance. */
  readonly customerIds: readonly string[];
  /** Per row: index into {@link TransactionLog.customerIds}. */
  readonly customer: Int32Array;
  /** Per row: day number (whole days since 1970-01-01 UTC). */
  readonly day: Int32Array;
  /** Per row: amount (money). */
  readonly amount: Float64Array;
  /**
   * The 1-based source line of row 0 when rows map one-to-one onto lines (whitespace files); used to
   * name lines in error messages. Undefined when rows are only known by their 0-based index.
   */
  readonly firstLine?: number;
}

/**
 * Names where a row is, for error messages: `line N` when lines are known, otherwise `row N` (0-based).
 *
 * @example
 * ```ts
 * import { describeTransactionRow } from 'crm-mining';
 * console.log(describeTransactionRow({}, 4)); // row 4
 * // A log read from a whitespace file whose first data row is on line 2:
 * console.log(describeTransactionRow({ firstLine: 2 }, 4)); // line 6
 * ```
 */
export function describeTransactionRow(log: Pick<TransactionLog, 'firstLine'>, row: number): string {
  return log.firstLine !== undefined ? `line ${log.firstLine + row}` : `row ${row}`;
}

/**
 * Converts a calendar date to its day number (days since 1970-01-01 UTC).
 *
 * @throws InvalidOptionError naming `year`, `month` or `day` when it is not an integer or not a day of
 *   the calendar (month 13 or 30 February is an error, not a roll-over into the next month).
 *
 * @example
 * ```ts
 * import { dayNumber, isoDateOfDay } from 'crm-mining';
 * const start = dayNumber(2024, 2, 28);
 * console.log(start); // 19781
 * console.log(isoDateOfDay(start + 1)); // 2024-02-29 (a leap year)
 * ```
 */
export function dayNumber(year: number, month: number, day: number): number {
  requireInteger('year', year, -200000, 200000);
  requireInteger('month', month, 1, 12);
  requireInteger('day', day, 1, daysInMonth(year, month));
  return utcDayNumber(year, month, day);
}

/** {@link dayNumber} of a date already checked (the date parsers check theirs). */
function utcDayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/**
 * The UTC date at the start of day number `day`.
 *
 * @throws InvalidOptionError when `day` is not an integer within ±100,000,000 (the range of a `Date`).
 *
 * @example
 * ```ts
 * import { dateOfDay, dayNumber } from 'crm-mining';
 * const d = dateOfDay(dayNumber(1997, 1, 1));
 * console.log(d.toISOString()); // 1997-01-01T00:00:00.000Z
 * ```
 */
export function dateOfDay(day: number): Date {
  requireInteger('day', day, -1e8, 1e8);
  return new Date(day * DAY_MS);
}

/**
 * `YYYY-MM-DD` of a day number.
 *
 * @example
 * ```ts
 * import { isoDateOfDay, transactionLogFromRecords } from 'crm-mining';
 * const log = transactionLogFromRecords([{ c: 'a', d: '20240115', x: 9.99 }], { customer: 'c', date: 'd', amount: 'x' });
 * console.log(isoDateOfDay(log.day[0])); // 2024-01-15
 * ```
 */
export function isoDateOfDay(day: number): string {
  return dateOfDay(day).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Parses `YYYYMMDD` text; undefined when it is not a valid calendar date. */
function parseYyyymmdd(text: string): number | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return undefined;
  return utcDayNumber(y, m, d);
}

/**
 * Parses one date cell to a day number.
 *
 * @param value - a `Date`, an 8-digit number (yyyymmdd) or a string.
 * @param format - see {@link DateFormat}.
 * @returns the day number, or undefined when the value is not a date in that format.
 *
 * @example
 * ```ts
 * import { parseDay } from 'crm-mining';
 * console.log(parseDay(19970325)); // 9945: an 8-digit number is read as yyyymmdd
 * console.log(parseDay('1997-03-25T18:30:00Z')); // 9945: the time of day is dropped
 * console.log(parseDay('1997-02-30')); // undefined: no such date
 * ```
 */
export function parseDay(value: CellValue, format: DateFormat = 'auto'): number | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) && format !== 'yyyymmdd' ? Math.floor(t / DAY_MS) : undefined;
  }
  if (typeof value === 'number') {
    if (format === 'iso' || !Number.isInteger(value)) return undefined;
    return parseYyyymmdd(String(value));
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (format === 'yyyymmdd' || (format === 'auto' && /^\d{8}$/.test(text))) return parseYyyymmdd(text);
  const d = parseIsoDate(text);
  return d === undefined ? undefined : Math.floor(d.getTime() / DAY_MS);
}

/**
 * Options of {@link parseWhitespaceTable} and {@link readWhitespaceTable}.
 *
 * @example
 * ```ts
 * import { parseWhitespaceTable, type WhitespaceTableOptions } from 'crm-mining';
 * // A file with no header line: columns are named '1', '2', ….
 * const options: WhitespaceTableOptions = { header: false, source: 'purchases.txt' };
 * const table = parseWhitespaceTable('00001 19970101 11.77\n00002 19970112 12.00\n', options);
 * console.log(table.columnNames); // ['1', '2', '3']
 * ```
 */
export interface WhitespaceTableOptions {
  /**
   * Whether the first non-blank line is a header (default `'auto'`: it is a header when none of its fields
   * is a number). Without a header the columns are named by 1-based position: `'1'`, `'2'`, ….
   */
  header?: boolean | 'auto';
  /** A name for the source in error messages (default `'<string>'`, or the path). */
  source?: string;
}

const WHITESPACE_TABLE_OPTION_KEYS = optionKeys<WhitespaceTableOptions>({
  header: true,
  source: true,
});

/**
 * Parses whitespace-separated text (fields separated by runs of spaces or tabs, one record per line,
 * leading and trailing white space ignored, blank lines skipped) into a table whose columns are all
 * `'string'` (ids such as `00001` keep their zeros; numbers and dates are parsed later, by the consumer).
 *
 * @param text - the text.
 * @param options - see {@link WhitespaceTableOptions}.
 * @returns the table.
 * @throws ParseError naming the line when a line has a different number of fields than the first.
 *
 * @example
 * ```ts
 * import { parseWhitespaceTable } from 'crm-mining';
 * const text = ` customer_id  date number_of_cds  dollar_value
 *  00001 19970101  1   11.77
 *  00002 19970112  1   12.00
 * `;
 * const table = parseWhitespaceTable(text); // the header is detected: no field in it is a number
 * console.log(table.columnNames); // ['customer_id', 'date', 'number_of_cds', 'dollar_value']
 * console.log(table.column('customer_id').values); // ['00001', '00002']: text, leading zeros kept
 * ```
 */
export function parseWhitespaceTable(text: string, options: WhitespaceTableOptions = {}): DataTable {
  rejectUnknownOptions(options, WHITESPACE_TABLE_OPTION_KEYS, 'parseWhitespaceTable');
  const headerOpt = options.header ?? 'auto';
  if (headerOpt !== 'auto' && typeof headerOpt !== 'boolean') {
    throw new InvalidOptionError('header', `expected true, false or 'auto', got ${JSON.stringify(headerOpt)}`);
  }
  const source = options.source ?? '<string>';
  let names: string[] | undefined;
  let width = -1;
  let cols: string[][] = [];
  let fields: string[] = [];
  let line = 1;
  const len = text.length;
  let i = 0;
  // one pass over the characters: fields are runs of characters other than space, tab, CR and LF
  while (i <= len) {
    const c = i < len ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      if (fields.length > 0) {
        if (width < 0) {
          width = fields.length;
          const isHeader = headerOpt === 'auto' ? fields.every((f) => parseDecimal(f) === undefined) : headerOpt;
          cols = Array.from({ length: width }, () => []);
          if (isHeader) {
            const seen = new Set<string>();
            for (const f of fields) {
              if (seen.has(f)) throw new ParseError(`duplicate column name "${f}" in the header`, { line, source });
              seen.add(f);
            }
            names = fields;
          } else {
            names = fields.map((_, k) => String(k + 1));
          }
          if (isHeader) {
            fields = [];
            if (c === 13 && i + 1 < len && text.charCodeAt(i + 1) === 10) i++;
            line++;
            i++;
            continue;
          }
        }
        if (fields.length !== width) {
          throw new ParseError(`expected ${width} fields, found ${fields.length}`, { line, source });
        }
        for (let k = 0; k < width; k++) cols[k].push(fields[k]);
        fields = [];
      }
      if (c === 13 && i + 1 < len && text.charCodeAt(i + 1) === 10) i++;
      line++;
      i++;
      continue;
    }
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < len) {
      const d = text.charCodeAt(j);
      if (d === 32 || d === 9 || d === 10 || d === 13) break;
      j++;
    }
    fields.push(text.slice(i, j));
    i = j;
  }
  if (names === undefined) return new DataTable([]);
  const columns: Column[] = names.map((name, k) => ({ name, type: 'string', values: cols[k] }));
  return new DataTable(columns);
}

/**
 * Reads a whitespace-separated file; see {@link parseWhitespaceTable}.
 *
 * @param path - the file.
 * @param options - see {@link WhitespaceTableOptions}.
 * @throws FileError when the file cannot be read; ParseError for a malformed line.
 *
 * @example
 * ```ts
 * import { readWhitespaceTable, transactionLogFromTable } from 'crm-mining';
 * // The CDNOW master file: customer id, date (YYYYMMDD), number of CDs, dollar value.
 * const table = await readWhitespaceTable('CDNOW_master.txt');
 * const log = transactionLogFromTable(table, { customer: 'customer_id', date: 'date', amount: 'dollar_value' });
 * console.log(table.rowCount, log.customerIds.length); // 69659 23570
 * ```
 */
export async function readWhitespaceTable(path: string, options: WhitespaceTableOptions = {}): Promise<DataTable> {
  rejectUnknownOptions(options, WHITESPACE_TABLE_OPTION_KEYS, 'readWhitespaceTable');
  const text = await readTextFile(path);
  return parseWhitespaceTable(text, { source: path, ...options });
}

/**
 * Which columns hold the customer id, the purchase date and the amount.
 *
 * @example
 * ```ts
 * import { DataTable, transactionLogFromTable, type TransactionColumns } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { shopper: 7, day: '03/01/2024', total: 12 },
 *   { shopper: 8, day: '2024-01-04', total: 30 },
 * ]);
 * const columns: TransactionColumns = { customer: 'shopper', date: 'day', amount: 'total', dateFormat: 'iso' };
 * try {
 *   transactionLogFromTable(table, columns);
 * } catch (e) {
 *   console.log((e as Error).message); // row 0, column "day": cannot read "03/01/2024" as a date (iso)
 * }
 * ```
 */
export interface TransactionColumns {
  /** Customer id column: a name, or a 1-based position (`2` or `'2'`) when no column has that name. */
  customer: string | number;
  /** Purchase date column (name or 1-based position). */
  date: string | number;
  /** Amount column (name or 1-based position). */
  amount: string | number;
  /** How dates are written (default `'auto'`); see {@link DateFormat}. */
  dateFormat?: DateFormat;
}

function resolveColumn(table: DataTable, ref: string | number, option: string): Column {
  if (typeof ref === 'string' && table.hasColumn(ref)) return table.column(ref);
  const text = String(ref);
  if (/^\d+$/.test(text)) {
    const k = Number(text);
    if (k >= 1 && k <= table.columns.length) return table.columns[k - 1];
  }
  throw new InvalidOptionError(
    option,
    `no column named ${JSON.stringify(ref)} and no column at that position; the columns are ${table.columnNames
      .map((n) => `"${n}"`)
      .join(', ')}`,
  );
}

/**
 * Builds a {@link TransactionLog} from a table (CSV, whitespace or records).
 *
 * @param table - the table.
 * @param columns - which columns to use; see {@link TransactionColumns}.
 * @param firstLine - the 1-based source line of the table's row 0, when rows map onto lines (default: unknown).
 * @returns the log; customer ids are the cells' text (numbers are written in decimal).
 * @throws InvalidOptionError for an unknown column; InvalidInputError naming the row and column for a
 *   missing customer id, an unparseable date or a missing or non-numeric amount.
 *
 * @example
 * ```ts
 * import { DataTable, transactionLogFromTable } from 'crm-mining';
 * // Columns may also be given by 1-based position.
 * const table = DataTable.fromRecords([
 *   { a: 'c1', b: '2024-05-01', c: 10 },
 *   { a: 'c2', b: '2024-05-01', c: 25 },
 *   { a: 'c1', b: '2024-05-20', c: 5 },
 * ]);
 * const log = transactionLogFromTable(table, { customer: 1, date: 2, amount: 3 });
 * console.log(log.customerIds, Array.from(log.day)); // ['c1', 'c2'] [19844, 19844, 19863]
 * ```
 */
export function transactionLogFromTable(table: DataTable, columns: TransactionColumns, firstLine?: number): TransactionLog {
  const dateFormat = columns.dateFormat ?? 'auto';
  if (dateFormat !== 'auto' && dateFormat !== 'iso' && dateFormat !== 'yyyymmdd') {
    throw new InvalidOptionError('dateFormat', `expected 'yyyymmdd', 'iso' or 'auto', got ${JSON.stringify(dateFormat)}`);
  }
  const cCol = resolveColumn(table, columns.customer, 'customer');
  const dCol = resolveColumn(table, columns.date, 'date');
  const aCol = resolveColumn(table, columns.amount, 'amount');
  const n = table.rowCount;
  const where = { firstLine };
  const customer = new Int32Array(n);
  const day = new Int32Array(n);
  const amount = new Float64Array(n);
  const ids: string[] = [];
  const index = new Map<string, number>();
  const cv = cCol.values;
  const dv = dCol.values;
  const av = aCol.values;
  const dayCache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const c = cv[i];
    const id = c === null ? '' : c instanceof Date ? c.toISOString() : String(c).trim();
    if (id === '') {
      throw new InvalidInputError(`${describeTransactionRow(where, i)}, column "${cCol.name}": missing customer id`, { row: i, field: cCol.name });
    }
    let k = index.get(id);
    if (k === undefined) {
      k = ids.length;
      ids.push(id);
      index.set(id, k);
    }
    customer[i] = k;
    const dcell = dv[i];
    let d: number | undefined;
    if (typeof dcell === 'string') {
      d = dayCache.get(dcell);
      if (d === undefined) {
        d = parseDay(dcell, dateFormat);
        if (d !== undefined) dayCache.set(dcell, d);
      }
    } else {
      d = parseDay(dcell, dateFormat);
    }
    if (d === undefined) {
      throw new InvalidInputError(
        `${describeTransactionRow(where, i)}, column "${dCol.name}": cannot read ${JSON.stringify(dv[i] instanceof Date ? String(dv[i]) : dv[i])} as a date (${dateFormat === 'auto' ? 'YYYYMMDD or ISO YYYY-MM-DD' : dateFormat})`,
        { row: i, field: dCol.name },
      );
    }
    day[i] = d;
    const a = av[i];
    const v = typeof a === 'number' ? a : typeof a === 'string' ? parseDecimal(a) : undefined;
    if (v === undefined || !Number.isFinite(v)) {
      throw new InvalidInputError(`${describeTransactionRow(where, i)}, column "${aCol.name}": expected an amount (a number), got ${JSON.stringify(a)}`, {
        row: i,
        field: aCol.name,
      });
    }
    amount[i] = v;
  }
  return firstLine === undefined ? { customerIds: ids, customer, day, amount } : { customerIds: ids, customer, day, amount, firstLine };
}

/**
 * Options of {@link readTransactionLog} and {@link parseTransactionLog}.
 *
 * @example
 * ```ts
 * import { parseTransactionLog, type ReadTransactionLogOptions } from 'crm-mining';
 * const options: ReadTransactionLogOptions = { customer: 'client', date: 'date', amount: 'eur', delimiter: ';' };
 * const log = await parseTransactionLog('client;date;eur\nC-1;2024-02-01;19.90\nC-2;2024-02-03;5\n', options);
 * console.log(Array.from(log.amount)); // [19.9, 5]
 * ```
 */
export interface ReadTransactionLogOptions extends TransactionColumns {
  /** `'csv'` (through `data/`'s CSV reader) or `'whitespace'` (default `'csv'`). */
  format?: 'csv' | 'whitespace';
  /** Whether there is a header line (default: true for CSV, `'auto'` for whitespace). */
  header?: boolean | 'auto';
  /** CSV field delimiter (default `','`). */
  delimiter?: string;
}

const READ_TRANSACTION_LOG_OPTION_KEYS = optionKeys<ReadTransactionLogOptions>({
  format: true,
  header: true,
  delimiter: true,
  customer: true,
  date: true,
  amount: true,
  dateFormat: true,
});

async function tableFromText(text: string | undefined, path: string | undefined, options: ReadTransactionLogOptions): Promise<{ table: DataTable; firstLine?: number }> {
  const format = options.format ?? 'csv';
  if (format === 'whitespace') {
    const wsOpts: WhitespaceTableOptions = options.header === undefined ? {} : { header: options.header };
    const table = path !== undefined ? await readWhitespaceTable(path, wsOpts) : parseWhitespaceTable(text ?? '', wsOpts);
    return { table };
  }
  if (format !== 'csv') throw new InvalidOptionError('format', `expected 'csv' or 'whitespace', got ${JSON.stringify(format)}`);
  if (options.header === 'auto') throw new InvalidOptionError('header', "'auto' is only for whitespace files; use true or false for CSV");
  const csvOpts = { inferTypes: false, header: options.header ?? true, ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}) };
  const table = path !== undefined ? await readCsv(path, csvOpts) : await parseCsv(text ?? '', csvOpts);
  return { table };
}

/**
 * Reads a transaction log from a file: CSV (through `data/`'s CSV reader, all cells as text) or
 * whitespace-separated text (such as `CDNOW_master.txt`: a header line, then
 * `customer date(YYYYMMDD) count amount`). Rows are numbered from 0 in error messages.
 *
 * @param path - the file.
 * @param options - columns, format and date format; see {@link ReadTransactionLogOptions}.
 * @throws FileError, ParseError, InvalidOptionError or InvalidInputError naming the problem.
 *
 * @example
 * ```ts
 * import { readTransactionLog, summarizeCustomers } from 'crm-mining';
 * // CDNOW_master.txt: whitespace-separated, header line, dates as YYYYMMDD.
 * const log = await readTransactionLog('CDNOW_master.txt', {
 *   format: 'whitespace',
 *   customer: 'customer_id',
 *   date: 'date',
 *   amount: 'dollar_value',
 *   dateFormat: 'yyyymmdd',
 * });
 * const summary = summarizeCustomers(log, { observationDate: '1998-06-30', unit: 'weeks' });
 * console.log(summary.size); // 23570
 * ```
 */
export async function readTransactionLog(path: string, options: ReadTransactionLogOptions): Promise<TransactionLog> {
  rejectUnknownOptions(options, READ_TRANSACTION_LOG_OPTION_KEYS, 'readTransactionLog');
  const { table } = await tableFromText(undefined, path, options);
  return transactionLogFromTable(table, options);
}

/**
 * Parses a transaction log from text; see {@link readTransactionLog}.
 *
 * @param text - CSV or whitespace-separated text.
 * @param options - see {@link ReadTransactionLogOptions}.
 *
 * @example
 * ```ts
 * import { parseTransactionLog } from 'crm-mining';
 * const csv = `customer,date,amount
 * c1,2024-01-03,25.00
 * c2,2024-01-04,12.50
 * c1,2024-02-10,40.00
 * `;
 * const log = await parseTransactionLog(csv, { customer: 'customer', date: 'date', amount: 'amount' });
 * console.log(log.customerIds, log.amount.length); // ['c1', 'c2'] 3
 * ```
 */
export async function parseTransactionLog(text: string, options: ReadTransactionLogOptions): Promise<TransactionLog> {
  rejectUnknownOptions(options, READ_TRANSACTION_LOG_OPTION_KEYS, 'parseTransactionLog');
  const { table } = await tableFromText(text, undefined, options);
  return transactionLogFromTable(table, options);
}

/**
 * Builds a transaction log from records such as `{ customer: 'c1', date: '2024-01-31', amount: 12.5 }`.
 *
 * @param records - one object per transaction.
 * @param columns - which keys hold the customer, date and amount; see {@link TransactionColumns}.
 *
 * @example
 * ```ts
 * import { transactionLogFromRecords } from 'crm-mining';
 * const orders = [
 *   { customer: 'c1', date: new Date('2024-01-31T23:59:00Z'), amount: 12.5 },
 *   { customer: 'c2', date: new Date('2024-02-01T10:15:00Z'), amount: 80 },
 * ];
 * const log = transactionLogFromRecords(orders, { customer: 'customer', date: 'date', amount: 'amount' });
 * console.log(Array.from(log.day)); // [19753, 19754]
 * ```
 */
export function transactionLogFromRecords(records: readonly Record<string, unknown>[], columns: TransactionColumns): TransactionLog {
  return transactionLogFromTable(DataTable.fromRecords(records), columns);
}
