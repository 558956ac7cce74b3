/**
 * CSV reading (fast-csv, streaming). CONTRACT STUB — implemented by the data/csv task.
 * @module
 */
import type { DataTable, ColumnType } from './table.js';

/** Options of {@link readCsv} and {@link parseCsv}. */
export interface CsvOptions {
  /** Field delimiter (default `','`). */
  delimiter?: string;
  /** Whether the first row is a header (default true). Without one, columns are named `column1`, `column2`, … */
  header?: boolean;
  /** Column types by name; columns not named are inferred (default: infer every column). */
  columnTypes?: Record<string, ColumnType>;
  /** Cell texts that mean missing (default `['', 'NA', 'N/A', 'NaN', 'null', '?']`, compared after trimming). */
  missing?: readonly string[];
  /** Trim white space around cells (default true). */
  trim?: boolean;
  /** A name for the source used in error messages (default: the path, or `'<string>'`). */
  source?: string;
}

/** Reads a CSV file into a table, streaming. */
export async function readCsv(path: string, options: CsvOptions = {}): Promise<DataTable> {
  void path;
  void options;
  throw new Error('not implemented');
}

/** Parses CSV text into a table. */
export async function parseCsv(text: string, options: CsvOptions = {}): Promise<DataTable> {
  void text;
  void options;
  throw new Error('not implemented');
}
