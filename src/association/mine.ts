/** The one entry point for itemset mining. @module */
import type { TransactionSet } from '../data/transactions.js';
import { InvalidOptionError } from '../core/errors.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';
import { ITEMSET_KEY_SET } from './option-keys.js';
import { apriori } from './apriori.js';
import { fpGrowth } from './fpgrowth.js';
import type { FrequentItemsets, ItemsetOptions } from './itemsets.js';

/**
 * Options of {@link mineItemsets}: the shared itemset options plus the algorithm.
 *
 * @example
 * ```ts
 * import { mineItemsets, TransactionSet, type MineItemsetsOptions } from 'crm-mining';
 * const options: MineItemsetsOptions = { minSupport: 0.5, algorithm: 'fpgrowth', maxLength: 3 };
 * const itemsets = mineItemsets(TransactionSet.fromArrays([['x', 'y'], ['x']]), options);
 * console.log(itemsets.length); // 3: {x}, {y} and {x, y} are each in at least half the baskets
 * ```
 */
export interface MineItemsetsOptions extends ItemsetOptions {
  /** `'fpgrowth'` (default) or `'apriori'`; both give identical output. */
  algorithm?: 'fpgrowth' | 'apriori';
}

const MINE_ITEMSETS_OPTION_KEYS = optionKeys<MineItemsetsOptions>({ ...ITEMSET_KEY_SET, algorithm: true });

/**
 * Mines frequent itemsets with the chosen algorithm (FP-Growth by default).
 *
 * @example
 * ```ts
 * import { mineItemsets, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a', 'b'], ['a', 'b', 'c'], ['a', 'c']]);
 * const maximal = mineItemsets(baskets, { minCount: 2, target: 'maximal', algorithm: 'apriori' });
 * console.log(maximal.toArray().map((s) => s.items)); // [ [ 'a', 'b' ], [ 'a', 'c' ] ]
 * ```
 */
export function mineItemsets(transactions: TransactionSet, options: MineItemsetsOptions): FrequentItemsets {
  rejectUnknownOptions(options, MINE_ITEMSETS_OPTION_KEYS, 'mineItemsets');
  const { algorithm = 'fpgrowth', ...itemsetOptions } = options ?? {};
  if (algorithm === 'fpgrowth') return fpGrowth(transactions, itemsetOptions);
  if (algorithm === 'apriori') return apriori(transactions, itemsetOptions);
  throw new InvalidOptionError('algorithm', `expected 'fpgrowth' or 'apriori', got ${JSON.stringify(algorithm)}`);
}
