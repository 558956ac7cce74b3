/**
 * Typed errors. Every error the library throws on bad input is a {@link CrmMiningError}; its subclasses
 * say which kind of problem it is, and the message names the field, row, line or option at fault and
 * what was expected.
 *
 * @module
 */

/** Base class of every error this library throws on purpose. `code` is a stable machine-readable tag. */
export class CrmMiningError extends Error {
  /** A stable tag for programs: `'INVALID_OPTION'`, `'INVALID_INPUT'`, `'PARSE_ERROR'`, `'FILE_ERROR'`, `'LIMIT_EXCEEDED'`, `'NOT_FITTED'`. */
  readonly code: string;
  constructor(message: string, code = 'CRM_MINING_ERROR') {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An option has a value outside its documented range or of the wrong type. */
export class InvalidOptionError extends CrmMiningError {
  /** The option's name, as the caller wrote it (for example `minSupport`). */
  readonly option: string;
  constructor(option: string, message: string) {
    super(`option ${option}: ${message}`, 'INVALID_OPTION');
    this.option = option;
  }
}

/** The data passed in is unusable: empty, wrong shape, a bad value in a named row or field. */
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

/** A text format (CSV, ARFF, basket, FIMI) could not be read; `line` is 1-based as an editor shows it. */
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

/** A file could not be read or written (missing, a directory, no permission). */
export class FileError extends CrmMiningError {
  /** The path involved. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`, 'FILE_ERROR');
    this.path = path;
  }
}

/** A guard on size or memory was hit (for example `maxItemsets`); the message says what to change. */
export class LimitExceededError extends CrmMiningError {
  /** The option whose limit was reached. */
  readonly limit: string;
  constructor(limit: string, message: string) {
    super(message, 'LIMIT_EXCEEDED');
    this.limit = limit;
  }
}

/** Work was stopped through an `AbortSignal`. */
export class AbortedError extends CrmMiningError {
  constructor(message = 'the operation was aborted') {
    super(message, 'ABORTED');
  }
}
