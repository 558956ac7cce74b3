/** Apriori. CONTRACT STUB — implemented by the association/mining task. @module */
import type { TransactionSet } from '../data/transactions.js';
import type { FrequentItemsets, ItemsetOptions } from './itemsets.js';

/** Mines frequent itemsets with Apriori. */
export function apriori(transactions: TransactionSet, options: ItemsetOptions): FrequentItemsets {
  void transactions;
  void options;
  throw new Error('not implemented');
}
