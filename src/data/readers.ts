/**
 * Transaction readers: market baskets from text files in the common layouts, and from tables.
 *
 * Formats (each has a synchronous parser from a string and an asynchronous reader from a path):
 *
 * - **basket** ({@link parseBaskets}/{@link readBaskets}): one transaction per line, items separated by a
 *   delimiter (default `,`), as R arules' `read.transactions(format = "basket")` and `groceries.csv`.
 * - **fimi** ({@link parseFimi}/{@link readFimi}): the FIMI repository's `.dat` layout, one transaction per
 *   line, items separated by spaces or tabs (normally integers; kept as names).
 * - **long** ({@link parseLongTransactions}/{@link readLongTransactions}): one `transaction,item` row per
 *   line, as an order-lines export; read as a stream.
 * - **table** ({@link transactionsFromTable}): a {@link DataTable} of nominal or boolean columns, where each
 *   `attribute=value` is an item (Weka's convention); `format: 'table'` reads a CSV file into a table first,
 *   `format: 'arff'` an ARFF file.
 *
 * {@link readTransactions} dispatches on the format. Every reader de-duplicates items within a transaction,
 * assigns item ids in order of first appearance and returns a {@link TransactionSet}.
 *
 * Errors: an input without any transaction is an {@link InvalidInputError} (`no transactions`); a missing or
 * unreadable file is a {@link FileError} naming the path; a malformed line is a {@link ParseError} naming the
 * line (1-based) and what is wrong with it.
 *
 * @module
 */
import { createReadStream } from 'node:fs';
import { CrmMiningError, FileError, InvalidInputError, InvalidOptionError, ParseError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireBoolean, requireOneOf } from '../core/validate.js';
import { readArff } from './arff.js';
import { readCsv, type CsvOptions } from './csv.js';
import { RowScanner, fileChunks, type CsvRowSink } from './csv-parser.js';
import { assertReadableFile, readTextFile, toFileError } from './files.js';
import type { CellValue, Column, DataTable } from './table.js';
import { TransactionBuilder, TransactionSet } from './transactions.js';

// ---------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------

/**
 * The transaction file formats understood by {@link readTransactions}.
 *
 * @example
 * ```ts
 * import { readTransactions, type TransactionFormat } from 'crm-mining';
 * const byExtension: Record<string, TransactionFormat> = { '.dat': 'fimi', '.arff': 'arff', '.csv': 'basket' };
 * const path = 'data/retail.dat';
 * const format = byExtension[path.slice(path.lastIndexOf('.'))] ?? 'basket';
 * const load = () => readTransactions(path, { format }); // reads the file when called
 * console.log(format, typeof load); // fimi function
 * ```
 */
export type TransactionFormat = 'basket' | 'fimi' | 'long' | 'arff' | 'table';

/**
 * The formats, in the order they are documented; for validation and help texts.
 *
 * @example
 * ```ts
 * import { TRANSACTION_FORMATS, type TransactionFormat } from 'crm-mining';
 * const requested = 'fimi';
 * if (!(TRANSACTION_FORMATS as readonly string[]).includes(requested)) {
 *   throw new Error(`--format must be one of ${TRANSACTION_FORMATS.join(', ')}`);
 * }
 * const format = requested as TransactionFormat;
 * console.log(format); // fimi
 * ```
 */
export const TRANSACTION_FORMATS: readonly TransactionFormat[] = ['basket', 'fimi', 'long', 'arff', 'table'];

/**
 * Options shared by every text reader.
 *
 * @example
 * ```ts
 * import { parseFimi, ParseError, type SourceOptions } from 'crm-mining';
 * const options: SourceOptions = { source: 'upload.dat' };
 * try {
 *   parseFimi('1 2\n3\u0000 4\n', options);
 * } catch (err) {
 *   if (err instanceof ParseError) console.log(err.message); // upload.dat: line 2: …
 * }
 * ```
 */
export interface SourceOptions {
  /**
   * A name for the input used in error messages (default: the path for the file readers; none for the
   * string parsers, whose messages then start with `line N:`).
   */
  source?: string;
}

/**
 * Options of {@link parseBaskets} and {@link readBaskets}.
 *
 * Blank lines (empty or only white space) are skipped: they never create an empty transaction. An empty
 * item (`a,,b`, a line that starts with the delimiter, or a line that ends with one, `a,b,`) is a
 * {@link ParseError} naming the line and the item's 1-based position, never an item with an empty name.
 * Trimming does not merge distinct items in the reference file `groceries.csv`: its
 * items `cream cheese ` and `roll products ` (with a trailing space) never occur without it, so both
 * settings of `trim` give the same 169 items with the same counts.
 *
 * @example
 * ```ts
 * import { parseBaskets, type BasketOptions } from 'crm-mining';
 * const options: BasketOptions = { delimiter: '\t', trim: false, quote: false };
 * const baskets = parseBaskets('"tea"\tbiscuits\n', options);
 * console.log(baskets.transaction(0)); // [ '"tea"', 'biscuits' ]
 * ```
 */
export interface BasketOptions extends SourceOptions {
  /** The item delimiter, one character other than a line break or the quote (default `','`). */
  delimiter?: string;
  /**
   * Remove white space around unquoted items, as `String.prototype.trim` does (default true). Quoted
   * items are kept exactly as written between the quotes.
   */
  trim?: boolean;
  /**
   * The quote character, or `false` for none (default `'"'`). An item whose first non-blank character is
   * the quote runs to the matching closing quote and may contain the delimiter and line breaks; a doubled
   * quote inside stands for one quote (as in CSV). A quote elsewhere in an item is an ordinary character.
   */
  quote?: string | false;
}

const BASKET_OPTION_KEYS = optionKeys<BasketOptions>({
  delimiter: true,
  trim: true,
  quote: true,
  source: true,
});

/**
 * Options of {@link parseFimi} and {@link readFimi}.
 *
 * @example
 * ```ts
 * import { parseFimi, type FimiOptions } from 'crm-mining';
 * const options: FimiOptions = { source: 'mushroom.dat' };
 * const baskets = parseFimi('1 3 9\n2 3 9\n', options);
 * console.log(baskets.itemCount); // 4
 * ```
 */
export type FimiOptions = SourceOptions;

const FIMI_OPTION_KEYS = optionKeys<FimiOptions>({
  source: true,
});

/**
 * Options of {@link parseLongTransactions} and {@link readLongTransactions}.
 *
 * Each non-blank row names one transaction id and one item; rows are grouped by transaction id in order
 * of first appearance (rows of one transaction need not be adjacent) and the ids are kept in
 * {@link TransactionSet.ids}. Further columns are ignored. An empty transaction id or item, or a row with
 * too few fields, is a {@link ParseError} naming the line.
 *
 * @example
 * ```ts
 * import { parseLongTransactions, type LongTransactionsOptions } from 'crm-mining';
 * // an export with columns date, customer, order, product: use order (index 2) and product (index 3)
 * const options: LongTransactionsOptions = { header: false, transactionColumn: 2, itemColumn: 3 };
 * const baskets = parseLongTransactions('2024-01-02,c1,o1,tea\n2024-01-02,c1,o1,jam\n', options);
 * console.log(baskets.ids, baskets.transaction(0)); // [ 'o1' ] [ 'tea', 'jam' ]
 * ```
 */
export interface LongTransactionsOptions extends SourceOptions {
  /** The field delimiter, one character other than a line break or the quote (default `','`). */
  delimiter?: string;
  /** Whether the first non-blank row is a header naming the columns (default true). */
  header?: boolean;
  /**
   * The column holding the transaction id: a header name, or a 0-based column index (default 0, the
   * first column). Names need `header: true`.
   */
  transactionColumn?: string | number;
  /** The column holding the item: a header name, or a 0-based column index (default 1, the second column). */
  itemColumn?: string | number;
  /** Remove white space around unquoted fields (default true). */
  trim?: boolean;
  /** The quote character, or `false` for none (default `'"'`); as in {@link BasketOptions.quote}. */
  quote?: string | false;
}

const LONG_TRANSACTIONS_OPTION_KEYS = optionKeys<LongTransactionsOptions>({
  delimiter: true,
  header: true,
  transactionColumn: true,
  itemColumn: true,
  trim: true,
  quote: true,
  source: true,
});

/**
 * Options of {@link transactionsFromTable}.
 *
 * Each used cell becomes the item named exactly `attribute=value` (the column name, `=`, and the value as
 * text), which is Weka's convention; missing cells (`null`) and empty strings contribute nothing. A row
 * whose cells are all missing gives an empty transaction (it still counts towards N).
 *
 * @example
 * ```ts
 * import { DataTable, transactionsFromTable, type TableTransactionsOptions } from 'crm-mining';
 * const table = DataTable.fromRecords([{ phone: true, internet: false, contract: 'monthly', tenure: 5 }]);
 * const options: TableTransactionsOptions = { exclude: ['contract'], numeric: 'item', booleanFalse: 'item' };
 * console.log(transactionsFromTable(table, options).transaction(0)); // [ 'phone=true', 'internet=false', 'tenure=5' ]
 * ```
 */
export interface TableTransactionsOptions {
  /** The columns to use, by name, in this order (default: all columns). */
  columns?: readonly string[];
  /** Columns not to use, by name, for example an id column (default: none). */
  exclude?: readonly string[];
  /**
   * A column whose values (as text) become the transaction ids in {@link TransactionSet.ids}; it is not
   * used as items (default: none, no ids). Every row must have a value there.
   */
  idColumn?: string;
  /**
   * What to do with a used numeric (or date) column: `'error'` (default) throws an
   * {@link InvalidInputError} naming the column, `'skip'` leaves the column out, `'item'` makes an item of
   * each value like any other column (`tenure=34`; dates as ISO-8601 text).
   */
  numeric?: 'error' | 'skip' | 'item';
  /**
   * What a boolean column contributes for `false`: `'skip'` (default) nothing, `'item'` the item
   * `attribute=false`. For `true` it always contributes `attribute=true`.
   */
  booleanFalse?: 'skip' | 'item';
}

const TABLE_TRANSACTIONS_OPTION_KEYS = optionKeys<TableTransactionsOptions>({
  columns: true,
  exclude: true,
  idColumn: true,
  numeric: true,
  booleanFalse: true,
});

/**
 * Options of {@link readTransactions}: the format and the options of the reader it selects. Options that
 * do not apply to the chosen format are ignored.
 *
 * @example
 * ```ts
 * import { readTransactions, type ReadTransactionsOptions } from 'crm-mining';
 * // a Telco-style CSV: each categorical column=value becomes an item; the id column names the transactions
 * const options: ReadTransactionsOptions = { format: 'table', idColumn: 'customerID', numeric: 'skip' };
 * declare const path: string;
 * const transactions = await readTransactions(path, options);
 * console.log(transactions.size);
 * ```
 */
export interface ReadTransactionsOptions
  extends Omit<BasketOptions, 'delimiter' | 'trim' | 'quote'>,
    Omit<LongTransactionsOptions, 'delimiter' | 'trim' | 'quote' | 'header'>,
    TableTransactionsOptions {
  /** The file's format. */
  format: TransactionFormat;
  /**
   * Item delimiter for `basket`, field delimiter for `long` and `table` (default `','`). Not used by
   * `fimi` (spaces and tabs) or `arff`.
   */
  delimiter?: string;
  /** Remove white space around items (`basket`) or fields (`long`, `table`) (default true). */
  trim?: boolean;
  /** Quote character for `basket`, `long` and `table`, or `false` for none in `basket` and `long` (default `'"'`). */
  quote?: string | false;
  /** Whether the file has a header row, for `long` and `table` (default true). */
  header?: boolean;
  /**
   * For `table`: whether the CSV reader infers column types (default true, so numeric columns are
   * recognised and handled by {@link TableTransactionsOptions.numeric}); `false` reads every column as text.
   */
  inferTypes?: boolean;
}

const READ_TRANSACTIONS_OPTION_KEYS = optionKeys<ReadTransactionsOptions>({
  format: true,
  delimiter: true,
  trim: true,
  quote: true,
  header: true,
  inferTypes: true,
  source: true,
  transactionColumn: true,
  itemColumn: true,
  columns: true,
  exclude: true,
  idColumn: true,
  numeric: true,
  booleanFalse: true,
});

// ---------------------------------------------------------------------------------------------------------
// readTransactions
// ---------------------------------------------------------------------------------------------------------

/**
 * Reads transactions from a file in any supported format.
 *
 * - `basket`: {@link readBaskets} (options `delimiter`, `trim`, `quote`, `source`).
 * - `fimi`: {@link readFimi} (option `source`).
 * - `long`: {@link readLongTransactions} (options `delimiter`, `header`, `transactionColumn`, `itemColumn`,
 *   `trim`, `quote`, `source`).
 * - `table`: reads the file with `readCsv` (options `delimiter`, `header`, `trim`, `quote`, `inferTypes`), then
 *   {@link transactionsFromTable} (options `columns`, `exclude`, `idColumn`, `numeric`, `booleanFalse`).
 * - `arff`: reads the file with `readArff`, then {@link transactionsFromTable}: each nominal
 *   `attribute=value` is an item named exactly that, and a missing value (`?`) gives no item, so Weka's
 *   market-basket files (attributes `{t}`) give items `attribute=t`.
 *
 * @param path - the file to read.
 * @param options - the format and the options of its reader.
 * @returns the transactions.
 * @throws InvalidOptionError when the format or an option is invalid.
 * @throws FileError naming the path when the file cannot be read.
 * @throws ParseError naming the line when the file is malformed.
 * @throws InvalidInputError when there are no transactions, or a table column cannot be used.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readTransactions, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'order-lines.csv');
 * await writeFileAtomic(path, 'order,product\nA1,coffee\nA2,tea\nA1,milk\n');
 * const baskets = await readTransactions(path, { format: 'long' });
 * console.log(baskets.ids, baskets.toArrays()); // [ 'A1', 'A2' ] [ [ 'coffee', 'milk' ], [ 'tea' ] ]
 * ```
 */
export async function readTransactions(path: string, options: ReadTransactionsOptions): Promise<TransactionSet> {
  rejectUnknownOptions(options, READ_TRANSACTIONS_OPTION_KEYS, 'readTransactions');
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('format', `expected one of ${TRANSACTION_FORMATS.map((f) => `'${f}'`).join(', ')}, got no options`);
  }
  const format = requireOneOf('format', options.format, TRANSACTION_FORMATS);
  switch (format) {
    case 'basket':
      return readBaskets(path, pick(options, ['delimiter', 'trim', 'quote', 'source']));
    case 'fimi':
      return readFimi(path, pick(options, ['source']));
    case 'long':
      return readLongTransactions(
        path,
        pick(options, ['delimiter', 'header', 'transactionColumn', 'itemColumn', 'trim', 'quote', 'source']),
      );
    case 'table': {
      const tableOptions = checkTableOptions(options);
      const csvOptions: CsvOptions = pick(options, ['delimiter', 'header', 'trim', 'source', 'inferTypes']);
      if (typeof options.quote === 'string') csvOptions.quote = options.quote;
      const table = await readCsv(path, csvOptions);
      return tableTransactions(table, tableOptions, options.source ?? path);
    }
    case 'arff': {
      const tableOptions = checkTableOptions(options);
      const arff = await readArff(path);
      return tableTransactions(arff.table, tableOptions, options.source ?? path);
    }
  }
}

/** A copy of `options` with only the named keys that are set. */
function pick<T extends object, K extends keyof T>(options: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (options[k] !== undefined) out[k] = options[k];
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Basket format
// ---------------------------------------------------------------------------------------------------------

/**
 * Parses basket text: one transaction per line, items separated by the delimiter. Duplicate items in a
 * line count once. See {@link BasketOptions} for blank lines, empty items and trimming.
 *
 * @param text - the whole text (a leading byte-order mark is ignored).
 * @param options - delimiter, trimming, quoting, and a source name for messages.
 * @returns the transactions, one per non-blank line, item ids in order of first appearance.
 * @throws ParseError naming the line for an empty item (`empty item at position 2`), a trailing delimiter,
 *   an unterminated quote, text after a closing quote, or a control character.
 * @throws InvalidInputError when there is no transaction at all.
 * @throws InvalidOptionError when an option is invalid.
 *
 * @example
 * ```ts
 * import { parseBaskets } from 'crm-mining';
 * const baskets = parseBaskets('citrus fruit,margarine\n\nwhole milk,"cream, sour",whole milk\n');
 * console.log(baskets.size, baskets.transaction(1)); // 2 [ 'whole milk', 'cream, sour' ]
 * ```
 */
export function parseBaskets(text: string, options: BasketOptions = {}): TransactionSet {
  rejectUnknownOptions(options, BASKET_OPTION_KEYS, 'parseBaskets');
  requireText(text);
  const builder = new TransactionBuilder();
  const source = options.source;
  const scanner = new RecordScanner(scannerOptions(options), source, (fields, quoted, line) => {
    for (let k = 0; k < fields.length; k++) {
      const item = fields[k];
      if (item.length === 0 || (!quoted[k] && isBlank(item))) {
        const where = `empty item at position ${k + 1}`;
        const why =
          k === fields.length - 1 && fields.length > 1
            ? ' (the line ends with a delimiter; remove it)'
            : k === 0
              ? ' (the line starts with a delimiter)'
              : ' (nothing between two delimiters)';
        throw new ParseError(where + why, { line, source });
      }
      builder.pushId(builder.idOf(item));
    }
    builder.endTransaction();
  });
  scanner.push(stripBom(text));
  scanner.end();
  return finish(builder, source);
}

/**
 * Reads a basket file (see {@link parseBaskets}), for example `groceries.csv`.
 *
 * @param path - the file to read.
 * @param options - as for {@link parseBaskets}; `source` defaults to the path.
 * @throws FileError naming the path when the file cannot be read; otherwise as {@link parseBaskets}.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readBaskets, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'baskets.txt');
 * await writeFileAtomic(path, 'bread;milk\nbread;butter\n');
 * const baskets = await readBaskets(path, { delimiter: ';' });
 * console.log(baskets.size, baskets.itemCount); // 2 3
 * ```
 */
export async function readBaskets(path: string, options: BasketOptions = {}): Promise<TransactionSet> {
  rejectUnknownOptions(options, BASKET_OPTION_KEYS, 'readBaskets');
  scannerOptions(options); // check options before touching the file
  const text = await readTextFile(path);
  return parseBaskets(text, { ...options, source: options.source ?? path });
}

// ---------------------------------------------------------------------------------------------------------
// FIMI format
// ---------------------------------------------------------------------------------------------------------

/** Integer item tokens below this value (written without a leading zero) are looked up in a table, not a map. */
const FAST_TOKEN_MAX = 1 << 16;

/**
 * Parses FIMI `.dat` text: one transaction per line, items separated by spaces or tabs (extra and
 * trailing blanks are fine). Items are kept as names (`"39"`), so `"007"` and `"7"` are different items.
 * Blank lines are skipped; duplicate items in a line count once.
 *
 * @param text - the whole text (a leading byte-order mark is ignored).
 * @param options - a source name for messages.
 * @returns the transactions, one per non-blank line, item ids in order of first appearance.
 * @throws ParseError naming the line when it holds a control character (a binary file, for example).
 * @throws InvalidInputError when there is no transaction at all.
 *
 * @example
 * ```ts
 * import { parseFimi } from 'crm-mining';
 * const baskets = parseFimi('39 41 48\n38 39\n\n32 41  48\n');
 * console.log(baskets.size, baskets.itemCount, baskets.transaction(2)); // 3 5 [ '41', '48', '32' ]
 * ```
 */
export function parseFimi(text: string, options: FimiOptions = {}): TransactionSet {
  rejectUnknownOptions(options, FIMI_OPTION_KEYS, 'parseFimi');
  requireText(text);
  const scanner = new FimiScanner(options.source);
  scanner.push(text);
  scanner.finish();
  return finish(scanner.builder, options.source);
}

/** No rows: for scanners that consume the text themselves. */
const NO_ROWS: CsvRowSink = { rows() {} };

/**
 * Reads FIMI text a chunk at a time (see {@link parseFimi}): each complete line becomes a transaction as it
 * arrives, its tokens mapped to item ids, an integer token by its value without creating a string.
 */
class FimiScanner extends RowScanner {
  readonly builder = new TransactionBuilder();
  /** Item ids of the integer tokens below FAST_TOKEN_MAX written without a leading zero, by value (-1: none yet). */
  private fast = new Int32Array(1024).fill(-1);
  /** The next `\n` and `\r` at or after the current place in the text being scanned (its length: none). */
  private nextLF = -1;
  private nextCR = -1;

  constructor(private readonly fimiSource: string | undefined) {
    super(fimiSource ?? '', NO_ROWS);
  }

  protected scan(text: string, final: boolean): number {
    const n = text.length;
    this.nextLF = -1;
    this.nextCR = -1;
    let i = 0;
    while (i < n) {
      if (this.nextLF < i) this.nextLF = indexOrLength(text, '\n', i);
      if (this.nextCR < i) this.nextCR = indexOrLength(text, '\r', i);
      const end = Math.min(this.nextLF, this.nextCR);
      // a line not ended yet, or a \r that may be the first half of \r\n, waits for more text
      if ((end === n || (end === n - 1 && end === this.nextCR)) && !final) break;
      this.addLine(text, i, end);
      i = end;
      if (i < n) {
        if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
        i++;
        this.line++;
      }
    }
    return i;
  }

  /** Adds the transaction of the line `text[i, end)` (none when it holds no item). */
  private addLine(text: string, i: number, end: number): void {
    const builder = this.builder;
    let items = 0;
    while (i < end) {
      let c = text.charCodeAt(i);
      if (c === 32 || c === 9) {
        i++;
        continue;
      }
      if (c < 32) throw controlCharError(c, this.line, this.fimiSource);
      const start = i;
      let value = 0;
      let digits = c >= 48 && c <= 57 && (c !== 48 || !isTokenChar(text.charCodeAt(i + 1)));
      while (i < end) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9) break;
        if (c < 32) throw controlCharError(c, this.line, this.fimiSource);
        if (digits) {
          if (c >= 48 && c <= 57 && value < FAST_TOKEN_MAX) value = value * 10 + (c - 48);
          else digits = false;
        }
        i++;
      }
      builder.pushId(digits && value < FAST_TOKEN_MAX ? this.fastId(value, text, start, i) : builder.idOf(text.slice(start, i)));
      items++;
    }
    if (items > 0) builder.endTransaction();
  }

  /** The item id of the integer token `value`, written as `text[start, end)`. */
  private fastId(value: number, text: string, start: number, end: number): number {
    let fast = this.fast;
    if (value >= fast.length) {
      let cap = fast.length * 2;
      while (cap <= value) cap *= 2;
      const grown = new Int32Array(cap).fill(-1);
      grown.set(fast);
      fast = this.fast = grown;
    }
    let id = fast[value];
    if (id < 0) {
      id = this.builder.idOf(text.slice(start, end));
      fast[value] = id;
    }
    return id;
  }
}

function isTokenChar(c: number): boolean {
  // NaN (past the end) compares false, so it counts as a separator.
  return c > 32;
}

/**
 * Reads a FIMI `.dat` file (see {@link parseFimi}), for example `retail.dat` or `mushroom.dat`, as a stream
 * (64 KiB at a time, each line read as it arrives), so the file is never held whole as one string.
 *
 * @param path - the file to read.
 * @param options - `source` defaults to the path.
 * @throws FileError naming the path when the file cannot be read; otherwise as {@link parseFimi}.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readFimi, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'sample.dat');
 * await writeFileAtomic(path, '1 2 3\n2 3\n3\n');
 * const baskets = await readFimi(path);
 * console.log(baskets.itemCounts()); // Int32Array(3) [ 1, 2, 3 ]
 * ```
 */
export async function readFimi(path: string, options: FimiOptions = {}): Promise<TransactionSet> {
  rejectUnknownOptions(options, FIMI_OPTION_KEYS, 'readFimi');
  const source = options.source ?? path;
  const scanner = new FimiScanner(source);
  for await (const chunk of fileChunks(path)) scanner.pushBytes(chunk);
  scanner.finish();
  return finish(scanner.builder, source);
}

// ---------------------------------------------------------------------------------------------------------
// Long (transaction, item) format
// ---------------------------------------------------------------------------------------------------------

/** Collects long-format rows: transaction index and item id pairs, grouped at the end. */
class LongCollector {
  private readonly builder = new TransactionBuilder();
  private readonly txIndex = new Map<string, number>();
  private readonly txIds: string[] = [];
  private pairTx = new Int32Array(4096);
  private pairItem = new Int32Array(4096);
  private pairs = 0;
  private headerPending: boolean;
  private sawHeader = false;
  private txCol = -1;
  private itemCol = -1;
  private txName = '';
  private itemName = '';
  private readonly needed: number;

  constructor(
    private readonly options: LongTransactionsOptions,
    private readonly source: string | undefined,
  ) {
    this.headerPending = options.header ?? true;
    const tc = options.transactionColumn ?? 0;
    const ic = options.itemColumn ?? 1;
    checkColumnOption('transactionColumn', tc, this.headerPending);
    checkColumnOption('itemColumn', ic, this.headerPending);
    if (tc === ic) throw new InvalidOptionError('itemColumn', `must differ from transactionColumn, both are ${describe(tc)}`);
    if (typeof tc === 'number') {
      this.txCol = tc;
      this.txName = `column ${tc + 1}`;
    }
    if (typeof ic === 'number') {
      this.itemCol = ic;
      this.itemName = `column ${ic + 1}`;
    }
    this.needed = Math.max(this.txCol, this.itemCol) + 1;
  }

  row(fields: string[], quoted: boolean[], line: number): void {
    if (this.headerPending) {
      this.headerPending = false;
      this.sawHeader = true;
      this.resolveHeader(fields);
      return;
    }
    if (fields.length <= this.txCol || fields.length <= this.itemCol) {
      throw new ParseError(
        `expected at least ${Math.max(this.txCol, this.itemCol) + 1} fields (${this.txName} and ${this.itemName}), found ${fields.length}`,
        { line, source: this.source },
      );
    }
    const tx = fields[this.txCol];
    const item = fields[this.itemCol];
    if (tx.length === 0 || (!quoted[this.txCol] && isBlank(tx))) {
      throw new ParseError(`empty transaction id in ${this.txName}`, { line, source: this.source });
    }
    if (item.length === 0 || (!quoted[this.itemCol] && isBlank(item))) {
      throw new ParseError(`empty item in ${this.itemName}`, { line, source: this.source });
    }
    let t = this.txIndex.get(tx);
    if (t === undefined) {
      t = this.txIds.length;
      this.txIds.push(tx);
      this.txIndex.set(tx, t);
    }
    const id = this.builder.idOf(item);
    if (this.pairs === this.pairTx.length) {
      const cap = this.pairs * 2;
      const a = new Int32Array(cap);
      a.set(this.pairTx);
      this.pairTx = a;
      const b = new Int32Array(cap);
      b.set(this.pairItem);
      this.pairItem = b;
    }
    this.pairTx[this.pairs] = t;
    this.pairItem[this.pairs] = id;
    this.pairs++;
  }

  private resolveHeader(names: string[]): void {
    const find = (option: 'transactionColumn' | 'itemColumn', wanted: string | number): number => {
      if (typeof wanted === 'number') {
        if (wanted >= names.length) {
          throw new InvalidOptionError(option, `column index ${wanted} is out of range: the header has ${names.length} columns (indexes are 0-based)`);
        }
        return wanted;
      }
      const first = names.indexOf(wanted);
      if (first < 0) {
        throw new InvalidOptionError(option, `no column named ${describe(wanted)}; the header names ${names.map((n) => describe(n)).join(', ')}`);
      }
      if (names.indexOf(wanted, first + 1) >= 0) {
        throw new InvalidOptionError(option, `the header names ${describe(wanted)} more than once; give a 0-based column index instead`);
      }
      return first;
    };
    this.txCol = find('transactionColumn', this.options.transactionColumn ?? 0);
    this.itemCol = find('itemColumn', this.options.itemColumn ?? 1);
    if (this.txCol === this.itemCol) {
      throw new InvalidOptionError('itemColumn', `names the same column as transactionColumn (${describe(names[this.txCol])})`);
    }
    this.txName = `column ${describe(names[this.txCol])}`;
    this.itemName = `column ${describe(names[this.itemCol])}`;
  }

  finish(): TransactionSet {
    const nTx = this.txIds.length;
    const start = new Int32Array(nTx + 1);
    for (let k = 0; k < this.pairs; k++) start[this.pairTx[k] + 1]++;
    for (let t = 0; t < nTx; t++) start[t + 1] += start[t];
    const grouped = new Int32Array(this.pairs);
    const fill = start.slice(0, nTx);
    for (let k = 0; k < this.pairs; k++) grouped[fill[this.pairTx[k]]++] = this.pairItem[k];
    for (let t = 0; t < nTx; t++) {
      for (let k = start[t]; k < start[t + 1]; k++) this.builder.pushId(grouped[k]);
      this.builder.endTransaction();
    }
    return finish(this.builder, this.source, this.txIds, this.sawHeader ? 'the input has a header but no data rows' : undefined);
  }
}

function checkColumnOption(option: string, value: unknown, header: boolean): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidOptionError(option, `expected a column name or a 0-based column index (an integer >= 0), got ${describe(value)}`);
    }
    return;
  }
  if (typeof value === 'string') {
    if (!header) throw new InvalidOptionError(option, `a column name (${describe(value)}) needs header: true; give a 0-based column index instead`);
    return;
  }
  throw new InvalidOptionError(option, `expected a column name or a 0-based column index, got ${describe(value)}`);
}

/**
 * Parses long-format text: one `transaction,item` row per line (an order-lines export), with a header
 * by default. See {@link LongTransactionsOptions}.
 *
 * @param text - the whole text (a leading byte-order mark is ignored).
 * @param options - delimiter, header, the two columns, trimming, quoting, and a source name.
 * @returns the transactions in order of their ids' first appearance, with {@link TransactionSet.ids}.
 * @throws ParseError naming the line for a short row, an empty id or item, or bad quoting.
 * @throws InvalidOptionError when an option is invalid or names a column the header lacks.
 * @throws InvalidInputError when there is no data row.
 *
 * @example
 * ```ts
 * import { parseLongTransactions } from 'crm-mining';
 * const text = 'sku|order\nP1|o7\nP2|o9\nP3|o7\n';
 * const baskets = parseLongTransactions(text, { delimiter: '|', transactionColumn: 'order', itemColumn: 'sku' });
 * console.log(baskets.ids, baskets.toArrays()); // [ 'o7', 'o9' ] [ [ 'P1', 'P3' ], [ 'P2' ] ]
 * ```
 */
export function parseLongTransactions(text: string, options: LongTransactionsOptions = {}): TransactionSet {
  rejectUnknownOptions(options, LONG_TRANSACTIONS_OPTION_KEYS, 'parseLongTransactions');
  requireText(text);
  const scan = scannerOptions(options);
  if (options.header !== undefined) requireBoolean('header', options.header);
  const collector = new LongCollector(options, options.source);
  const scanner = new RecordScanner(scan, options.source, (f, q, line) => collector.row(f, q, line));
  scanner.push(stripBom(text));
  scanner.end();
  return collector.finish();
}

/**
 * Reads a long-format file as a stream (see {@link parseLongTransactions}), so a large order-lines export
 * is never held in memory as one string.
 *
 * @param path - the file to read.
 * @param options - as for {@link parseLongTransactions}; `source` defaults to the path.
 * @throws FileError naming the path when the file cannot be read; otherwise as {@link parseLongTransactions}.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readLongTransactions, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'lines.csv');
 * await writeFileAtomic(path, 'o1,apples\no2,pears\no1,pears\n');
 * const baskets = await readLongTransactions(path, { header: false });
 * console.log(baskets.size, baskets.transaction(0)); // 2 [ 'apples', 'pears' ]
 * ```
 */
export async function readLongTransactions(path: string, options: LongTransactionsOptions = {}): Promise<TransactionSet> {
  rejectUnknownOptions(options, LONG_TRANSACTIONS_OPTION_KEYS, 'readLongTransactions');
  const scan = scannerOptions(options);
  if (options.header !== undefined) requireBoolean('header', options.header);
  const source = options.source ?? path;
  const collector = new LongCollector(options, source);
  await assertReadableFile(path);
  const scanner = new RecordScanner(scan, source, (f, q, line) => collector.row(f, q, line));
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      scanner.push(first ? stripBom(chunk) : chunk);
      first = false;
    }
  } catch (err) {
    stream.destroy();
    // Our own errors (from the rows) and programming errors pass through; system errors name the path.
    if (err instanceof CrmMiningError || !(typeof err === 'object' && err !== null && 'code' in err)) throw err;
    throw toFileError(path, err);
  }
  scanner.end();
  return collector.finish();
}

// ---------------------------------------------------------------------------------------------------------
// Tables (and so CSV tables and ARFF)
// ---------------------------------------------------------------------------------------------------------

interface CheckedTableOptions {
  columns?: readonly string[];
  exclude: readonly string[];
  idColumn?: string;
  numeric: 'error' | 'skip' | 'item';
  booleanFalse: 'skip' | 'item';
}

function checkNames(option: string, value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new InvalidOptionError(option, `expected an array of column names, got ${describe(value)}`);
  }
  return value as string[];
}

function checkTableOptions(options: TableTransactionsOptions): CheckedTableOptions {
  const columns = checkNames('columns', options.columns);
  const exclude = checkNames('exclude', options.exclude) ?? [];
  if (options.idColumn !== undefined && typeof options.idColumn !== 'string') {
    throw new InvalidOptionError('idColumn', `expected a column name, got ${describe(options.idColumn)}`);
  }
  const numeric = requireOneOf('numeric', options.numeric ?? 'error', ['error', 'skip', 'item'] as const);
  const booleanFalse = requireOneOf('booleanFalse', options.booleanFalse ?? 'skip', ['skip', 'item'] as const);
  const out: CheckedTableOptions = { exclude, numeric, booleanFalse };
  if (columns !== undefined) out.columns = columns;
  if (options.idColumn !== undefined) out.idColumn = options.idColumn;
  return out;
}

/**
 * Builds transactions from a table: row `r` becomes transaction `r`, and each used cell the item named
 * exactly `attribute=value` (Weka's convention). Nominal and string columns give one item per value; a
 * boolean column gives `attribute=true` (and `attribute=false` only with `booleanFalse: 'item'`); numeric
 * and date columns are an error unless `numeric` says otherwise; missing cells give nothing. Item ids are
 * assigned in order of first appearance, row by row and column by column.
 *
 * @param table - the table, for example from `readCsv` or `readArff`.
 * @param options - which columns, an id column, and what numeric and false boolean cells give.
 * @returns one transaction per row (rows with no item give empty transactions).
 * @throws InvalidOptionError when an option is invalid or names a column the table lacks.
 * @throws InvalidInputError when the table has no rows or no usable column, when a used column is numeric
 *   (`column "tenure" is numeric: …`) with `numeric: 'error'`, or when the id column has a missing value.
 *
 * @example
 * ```ts
 * import { DataTable, transactionsFromTable } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { id: 'c1', plan: 'pro', paperless: true, tenure: 34 },
 *   { id: 'c2', plan: 'basic', paperless: false, tenure: 2 },
 * ]);
 * const tx = transactionsFromTable(table, { idColumn: 'id', numeric: 'skip' });
 * console.log(tx.toArrays()); // [ [ 'plan=pro', 'paperless=true' ], [ 'plan=basic' ] ]
 * ```
 */
export function transactionsFromTable(table: DataTable, options: TableTransactionsOptions = {}): TransactionSet {
  rejectUnknownOptions(options, TABLE_TRANSACTIONS_OPTION_KEYS, 'transactionsFromTable');
  return tableTransactions(table, checkTableOptions(options), undefined);
}

function tableTransactions(table: DataTable, options: CheckedTableOptions, source: string | undefined): TransactionSet {
  const prefix = source !== undefined ? `${source}: ` : '';
  const known = (option: string, name: string): void => {
    if (!table.hasColumn(name)) {
      throw new InvalidOptionError(option, `no column named ${describe(name)}; the columns are ${table.columnNames.map((n) => describe(n)).join(', ')}`);
    }
  };
  for (const name of options.columns ?? []) known('columns', name);
  for (const name of options.exclude) known('exclude', name);
  if (options.idColumn !== undefined) known('idColumn', options.idColumn);

  if (table.rowCount === 0) throw new InvalidInputError(`${prefix}no transactions: the table has no rows`);
  const excluded = new Set(options.exclude);
  if (options.idColumn !== undefined) excluded.add(options.idColumn);
  const wanted = options.columns ?? table.columnNames;
  const seen = new Set<string>();
  const used: Column[] = [];
  for (const name of wanted) {
    if (excluded.has(name) || seen.has(name)) continue;
    seen.add(name);
    const column = table.column(name);
    if (column.type === 'number' || column.type === 'date') {
      if (options.numeric === 'skip') continue;
      if (options.numeric === 'error') {
        throw new InvalidInputError(
          `${prefix}column ${describe(name)} is ${column.type === 'number' ? 'numeric' : 'a date column'}: discretise it first or list the columns to use ` +
            `(options columns/exclude), or set numeric to 'skip' or 'item'`,
          { field: name },
        );
      }
    }
    used.push(column);
  }
  if (used.length === 0) {
    throw new InvalidInputError(`${prefix}no columns to use as items (columns: ${table.columnNames.map((n) => describe(n)).join(', ')})`);
  }

  let ids: string[] | undefined;
  if (options.idColumn !== undefined) {
    const values = table.column(options.idColumn).values;
    ids = new Array<string>(table.rowCount);
    for (let r = 0; r < table.rowCount; r++) {
      const v = values[r];
      if (v === null || v === '') {
        throw new InvalidInputError(`${prefix}row ${r}: the id column ${describe(options.idColumn)} is missing`, {
          row: r,
          field: options.idColumn,
        });
      }
      ids[r] = cellText(v);
    }
  }

  const builder = new TransactionBuilder();
  // One value → item id map per column, so each distinct cell value is named once.
  const maps = used.map(() => new Map<unknown, number>());
  const skipFalse = options.booleanFalse === 'skip';
  const scratch: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    scratch.length = 0;
    for (let c = 0; c < used.length; c++) {
      const column = used[c];
      const v = column.values[r];
      if (v === null || v === '' || (v === false && skipFalse)) continue;
      const key = v instanceof Date ? v.getTime() : v;
      let id = maps[c].get(key);
      if (id === undefined) {
        if (typeof v === 'number' && !Number.isFinite(v)) {
          throw new InvalidInputError(`${prefix}row ${r}, column ${describe(column.name)}: ${v} is not a finite number`, { row: r, field: column.name });
        }
        id = builder.idOf(`${column.name}=${cellText(v)}`);
        maps[c].set(key, id);
      }
      scratch.push(id);
    }
    builder.addIds(scratch);
  }
  return builder.build(ids);
}

function cellText(v: Exclude<CellValue, null>): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  return String(v);
}

// ---------------------------------------------------------------------------------------------------------
// Shared helpers: a delimited-record scanner that works on a whole string or on a stream of chunks
// ---------------------------------------------------------------------------------------------------------

interface ScannerOptions {
  delimiter: number;
  quote: number; // -1: none
  trim: boolean;
}

function scannerOptions(options: { delimiter?: string; trim?: boolean; quote?: string | false }): ScannerOptions {
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length !== 1 || delimiter === '\n' || delimiter === '\r') {
    throw new InvalidOptionError('delimiter', `expected one character other than a line break, got ${describe(delimiter)}`);
  }
  const trim = requireBoolean('trim', options.trim ?? true);
  const quote = options.quote ?? '"';
  if (quote !== false && (typeof quote !== 'string' || quote.length !== 1 || quote === '\n' || quote === '\r')) {
    throw new InvalidOptionError('quote', `expected one character other than a line break, or false, got ${describe(quote)}`);
  }
  if (quote === delimiter) throw new InvalidOptionError('quote', `must differ from the delimiter ${describe(delimiter)}`);
  return { delimiter: delimiter.charCodeAt(0), quote: quote === false ? -1 : quote.charCodeAt(0), trim };
}

type RecordHandler = (fields: string[], quoted: boolean[], line: number) => void;

/**
 * Splits text into records of fields. Records end at `\n`, `\r\n` or `\r` outside quotes. Blank records
 * (one unquoted field of white space only) are skipped. Text may arrive in chunks: an incomplete last
 * record is carried over to the next chunk.
 */
class RecordScanner {
  private carry = '';
  private line = 1;
  /** The previous chunk ended with `\r`: a `\n` at the start of the next one belongs to it. */
  private pendingCR = false;
  private readonly fields: string[] = [];
  private readonly quoted: boolean[] = [];
  private readonly delimiterChar: string;
  /** Whether the text being scanned has no control character (but tabs and line breaks). */
  private clean = false;
  /** In clean text: the next delimiter, `\n` and `\r` at or after the current place (-1: not searched, n: none). */
  private nextDelimiter = -1;
  private nextLF = -1;
  private nextCR = -1;
  /** Set by {@link quotedField}: the field's text and the line it ends on. */
  private quotedValue = '';
  private quotedLine = 0;

  constructor(
    private readonly opts: ScannerOptions,
    private readonly source: string | undefined,
    private readonly onRecord: RecordHandler,
  ) {
    this.delimiterChar = String.fromCharCode(opts.delimiter);
  }

  /** In clean text: where the unquoted field starting at `i` ends (at a delimiter, a line break or the end). */
  private fieldEnd(text: string, i: number): number {
    if (this.nextDelimiter < i) this.nextDelimiter = indexOrLength(text, this.delimiterChar, i);
    if (this.nextLF < i) this.nextLF = indexOrLength(text, '\n', i);
    if (this.nextCR < i) this.nextCR = indexOrLength(text, '\r', i);
    return Math.min(this.nextDelimiter, this.nextLF, this.nextCR);
  }

  push(chunk: string): void {
    this.scan(this.carry.length > 0 ? this.carry + chunk : chunk, false);
  }

  end(): void {
    this.scan(this.carry, true);
    this.carry = '';
  }

  private scan(text: string, final: boolean): void {
    // Without control characters (the usual case), an unquoted field is found with indexOf, not char by char.
    this.clean = !CONTROL_CHARACTER.test(text);
    this.nextDelimiter = -1;
    this.nextLF = -1;
    this.nextCR = -1;
    let p = 0;
    if (this.pendingCR && text.charCodeAt(0) === 10) p = 1;
    this.pendingCR = false;
    const n = text.length;
    while (p < n) {
      const next = this.record(text, p, final);
      if (next < 0) break;
      p = next;
    }
    this.carry = p < n ? text.slice(p) : '';
  }

  /**
   * Parses the quoted field whose opening quote is at `j`, on line `line`: leaves its text in
   * {@link quotedValue} and the line it ends on in {@link quotedLine}, and returns where the delimiter or
   * line break after it is, or -1 when the text ends inside the field and more may come. (A method of its
   * own, so that the usual unquoted fields are read by a small function, compiled early.)
   */
  private quotedField(text: string, j: number, line: number, final: boolean): number {
    const { delimiter, quote } = this.opts;
    const n = text.length;
    const fieldNumber = this.fields.length + 1;
    const openLine = line;
    let value = '';
    let k = j + 1;
    for (;;) {
      const close = text.indexOf(String.fromCharCode(quote), k);
      if (close < 0) {
        if (!final) return -1;
        throw new ParseError(`unterminated quote in field ${fieldNumber} (opened on this line)`, { line: openLine, source: this.source });
      }
      for (let m = k; m < close; m++) {
        const c = text.charCodeAt(m);
        if (c === 10 || (c === 13 && text.charCodeAt(m + 1) !== 10)) line++;
        else if (c < 32 && c !== 9 && c !== 13) throw controlCharError(c, line, this.source);
      }
      value += text.slice(k, close);
      if (close + 1 >= n && !final) return -1; // a doubled quote may straddle chunks
      if (text.charCodeAt(close + 1) === quote) {
        value += String.fromCharCode(quote);
        k = close + 2;
        continue;
      }
      k = close + 1;
      break;
    }
    while (k < n) {
      const c = text.charCodeAt(k);
      if ((c === 32 || c === 9) && c !== delimiter) k++;
      else break;
    }
    if (k < n) {
      const c = text.charCodeAt(k);
      if (c !== delimiter && c !== 10 && c !== 13) {
        throw new ParseError(`unexpected text after the closing quote of field ${fieldNumber}`, { line, source: this.source });
      }
    } else if (!final) {
      return -1;
    }
    this.quotedValue = value;
    this.quotedLine = line;
    return k;
  }

  /**
   * Parses one record starting at `p`; returns the position after its line break, or -1 when the text
   * ends inside the record and more may come.
   */
  private record(text: string, p: number, final: boolean): number {
    const { delimiter, quote, trim } = this.opts;
    const fields = this.fields;
    const quoted = this.quoted;
    fields.length = 0;
    quoted.length = 0;
    const n = text.length;
    const startLine = this.line;
    let line = startLine;
    let i = p;
    for (;;) {
      // One field starting at i.
      let j = i;
      if (quote >= 0) {
        while (j < n) {
          const c = text.charCodeAt(j);
          if ((c === 32 || c === 9) && c !== delimiter) j++;
          else break;
        }
      }
      if (quote >= 0 && j < n && text.charCodeAt(j) === quote) {
        const k = this.quotedField(text, j, line, final);
        if (k < 0) return -1;
        line = this.quotedLine;
        fields.push(this.quotedValue);
        quoted.push(true);
        i = k;
      } else {
        let k = i;
        if (this.clean) k = this.fieldEnd(text, i);
        else {
          while (k < n) {
            const c = text.charCodeAt(k);
            if (c === delimiter || c === 10 || c === 13) break;
            if (c < 32 && c !== 9) throw controlCharError(c, line, this.source);
            k++;
          }
        }
        if (k >= n && !final) return -1;
        const raw = text.slice(i, k);
        fields.push(trim ? raw.trim() : raw);
        quoted.push(false);
        i = k;
      }
      // After a field: a delimiter, a line break, or the end.
      if (i < n && text.charCodeAt(i) === delimiter) {
        i++;
        continue;
      }
      break;
    }
    // Line break (or the end of the final text).
    if (i < n) {
      if (text.charCodeAt(i) === 13) {
        if (i + 1 < n) {
          if (text.charCodeAt(i + 1) === 10) i++;
        } else if (!final) {
          this.pendingCR = true;
        }
      }
      i++;
      line++;
    }
    this.line = line;
    const blank = fields.length === 1 && !quoted[0] && isBlank(fields[0]);
    if (!blank) this.onRecord(fields, quoted, startLine);
    return i;
  }
}

/** A control character other than a tab or a line break. */
const CONTROL_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

/** `text.indexOf(what, from)`, or `text.length` when there is none. */
function indexOrLength(text: string, what: string, from: number): number {
  const at = text.indexOf(what, from);
  return at < 0 ? text.length : at;
}

function isBlank(s: string): boolean {
  return s.length === 0 || s.trim().length === 0;
}

function controlCharError(c: number, line: number, source: string | undefined): ParseError {
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return new ParseError(`unexpected control character U+${hex} (is this a binary file?)`, { line, source });
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function requireText(text: unknown): void {
  if (typeof text !== 'string') throw new InvalidInputError(`expected the text to parse as a string, got ${describe(text)}`);
}

function finish(
  builder: TransactionBuilder,
  source: string | undefined,
  ids?: readonly string[],
  why = 'the input is empty or has only blank lines',
): TransactionSet {
  if (builder.size === 0) throw new InvalidInputError(`${source !== undefined ? `${source}: ` : ''}no transactions: ${why}`);
  return builder.build(ids);
}
