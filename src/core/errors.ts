/**
 * Typed errors. Every error the library throws on bad input is a {@link CrmMiningError}; its subclasses
 * say which kind of problem it is, and the message names the field, row, line or option at fault and
 * what was expected.
 *
 * @module
 */

/**
 * Base class of every error this library throws on purpose. `code` is a stable machine-readable tag.
 *
 * @example
 * ```ts
 * import { CrmMiningError, fpGrowth, TransactionSet } from 'crm-mining';
 * try {
 *   fpGrowth(TransactionSet.fromArrays([['a']]), { minSupport: 2 });
 * } catch (err) {
 *   // every deliberate error of the library is a CrmMiningError with a stable code
 *   if (err instanceof CrmMiningError) console.log(err.code, err.message);
 * }
 * ```
 */
export class CrmMiningError extends Error {
  /** A stable tag for programs: `'INVALID_OPTION'`, `'INVALID_INPUT'`, `'PARSE_ERROR'`, `'FILE_ERROR'`, `'LIMIT_EXCEEDED'`, `'ABORTED'`, `'NOT_FITTED'`. */
  readonly code: string;
  constructor(message: string, code = 'CRM_MINING_ERROR') {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * An option has a value outside its documented range or of the wrong type.
 *
 * @example
 * ```ts
 * import { InvalidOptionError, Random } from 'crm-mining';
 * try {
 *   new Random(Number.NaN);
 * } catch (err) {
 *   if (err instanceof InvalidOptionError) console.log(err.option); // seed
 * }
 * ```
 */
export class InvalidOptionError extends CrmMiningError {
  /** The option's name, as the caller wrote it (for example `minSupport`). */
  readonly option: string;
  constructor(option: string, message: string) {
    super(`option ${option}: ${message}`, 'INVALID_OPTION');
    this.option = option;
  }
}

/**
 * The data passed in is unusable: empty, wrong shape, a bad value in a named row or field.
 *
 * @example
 * ```ts
 * import { InvalidInputError, toMatrix } from 'crm-mining';
 * try {
 *   toMatrix([[1, 2], [3]]);
 * } catch (err) {
 *   if (err instanceof InvalidInputError) console.log(err.row, err.message); // 1 X: row 1 has 1 values, expected 2 like row 0
 * }
 * ```
 */
export class InvalidInputError extends CrmMiningError {
  /** The row (0-based record index) at fault, when one is. */
  readonly row?: number;
  /** The field or column at fault, when one is. */
  readonly field?: string;
  constructor(message: string, where: { row?: number; field?: string } = {}) {
    super(message, 'INVALID_INPUT');
    if (where.row !== undefined) this.row = where.row;
    if (where.field !== undefined) this.field = where.field;
  }
}

/**
 * A text format (CSV, ARFF, basket, FIMI) could not be read; `line` is 1-based as an editor shows it.
 *
 * @example
 * ```ts
 * import { ParseError, parseCsv } from 'crm-mining';
 * try {
 *   await parseCsv('id,amount\n1,10\n2,abc\n', { columnTypes: { amount: 'number' } });
 * } catch (err) {
 *   if (err instanceof ParseError) console.log(err.line, err.column); // 3 amount
 * }
 * ```
 */
export class ParseError extends CrmMiningError {
  /** 1-based line number in the source. */
  readonly line: number;
  /** The column (name or 1-based number) at fault, when one is. */
  readonly column?: string | number;
  /** The file or source name, when known. */
  readonly source?: string;
  constructor(message: string, where: { line: number; column?: string | number; source?: string }) {
    const place =
      (where.source !== undefined ? `${where.source}: ` : '') +
      `line ${where.line}` +
      (where.column !== undefined ? `, column ${where.column}` : '');
    super(`${place}: ${message}`, 'PARSE_ERROR');
    this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
    if (where.source !== undefined) this.source = where.source;
  }
}

/**
 * A file could not be read or written (missing, a directory, no permission).
 *
 * @example
 * ```ts
 * import { FileError, readCsv } from 'crm-mining';
 * try {
 *   await readCsv('/no/such/customers.csv');
 * } catch (err) {
 *   if (err instanceof FileError) console.log(err.path); // /no/such/customers.csv
 * }
 * ```
 */
export class FileError extends CrmMiningError {
  /** The path involved. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`, 'FILE_ERROR');
    this.path = path;
  }
}

/**
 * A guard on size or memory was hit (for example `maxItemsets`); the message says what to change.
 *
 * @example
 * ```ts
 * import { LimitExceededError, fpGrowth, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a', 'b', 'c'], ['a', 'b', 'c']]);
 * try {
 *   fpGrowth(baskets, { minSupport: 0.5, maxItemsets: 3 }); // 7 itemsets are frequent
 * } catch (err) {
 *   if (err instanceof LimitExceededError) console.log(err.limit); // maxItemsets
 * }
 * ```
 */
export class LimitExceededError extends CrmMiningError {
  /** The option whose limit was reached. */
  readonly limit: string;
  constructor(limit: string, message: string) {
    super(message, 'LIMIT_EXCEEDED');
    this.limit = limit;
  }
}

/**
 * Work was stopped through an `AbortSignal`.
 *
 * @example
 * ```ts
 * import { AbortedError, fpGrowth, TransactionSet } from 'crm-mining';
 * const controller = new AbortController();
 * controller.abort();
 * try {
 *   fpGrowth(TransactionSet.fromArrays([['a', 'b']]), { minSupport: 0.5, signal: controller.signal });
 * } catch (err) {
 *   console.log(err instanceof AbortedError); // true
 * }
 * ```
 */
export class AbortedError extends CrmMiningError {
  constructor(message = 'the operation was aborted') {
    super(message, 'ABORTED');
  }
}
