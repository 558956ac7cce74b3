/** FP-Growth. CONTRACT STUB — implemented by the association/mining task. @module */
import type { TransactionSet } from '../data/transactions.js';
import type { FrequentItemsets, ItemsetOptions } from './itemsets.js';

/** Mines frequent itemsets with FP-Growth. */
export function fpGrowth(transactions: TransactionSet, options: ItemsetOptions): FrequentItemsets {
  void transactions;
  void options;
  throw new Error('not implemented');
}
