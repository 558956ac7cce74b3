/**
 * Transaction readers. CONTRACT STUB — implemented by the data/readers task.
 * @module
 */
import type { TransactionSet } from './transactions.js';
import type { DataTable } from './table.js';

/** The transaction file formats. */
export type TransactionFormat = 'basket' | 'fimi' | 'long' | 'arff' | 'table';

/** Options of {@link readTransactions}. */
export interface ReadTransactionsOptions {
  /** The file's format. */
  format: TransactionFormat;
  /** Item delimiter for `basket` (default `','`), field delimiter for `long` and `table` (default `','`). */
  delimiter?: string;
}

/** Reads transactions from a file in any supported format. */
export async function readTransactions(path: string, options: ReadTransactionsOptions): Promise<TransactionSet> {
  void path;
  void options;
  throw new Error('not implemented');
}

/** Options of {@link transactionsFromTable}. */
export interface TableTransactionsOptions {
  /** Columns to use (default: all). */
  columns?: readonly string[];
}

/** Builds transactions from a table: each `attribute=value` becomes an item. */
export function transactionsFromTable(table: DataTable, options: TableTransactionsOptions = {}): TransactionSet {
  void table;
  void options;
  throw new Error('not implemented');
}
