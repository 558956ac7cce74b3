/** The one entry point for itemset mining. @module */
import type { TransactionSet } from '../data/transactions.js';
import { InvalidOptionError } from '../core/errors.js';
import { apriori } from './apriori.js';
import { fpGrowth } from './fpgrowth.js';
import type { FrequentItemsets, ItemsetOptions } from './itemsets.js';

/** Options of {@link mineItemsets}: the shared itemset options plus the algorithm. */
export interface MineItemsetsOptions extends ItemsetOptions {
  /** `'fpgrowth'` (default) or `'apriori'`; both give identical output. */
  algorithm?: 'fpgrowth' | 'apriori';
}

/** Mines frequent itemsets with the chosen algorithm (FP-Growth by default). */
export function mineItemsets(transactions: TransactionSet, options: MineItemsetsOptions): FrequentItemsets {
  const algorithm = options.algorithm ?? 'fpgrowth';
  if (algorithm === 'fpgrowth') return fpGrowth(transactions, options);
  if (algorithm === 'apriori') return apriori(transactions, options);
  throw new InvalidOptionError('algorithm', `expected 'fpgrowth' or 'apriori', got ${JSON.stringify(algorithm)}`);
}
