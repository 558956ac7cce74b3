/**
 * Frequent itemsets: the shared options of the miners, the support threshold, and the result type.
 *
 * Data layout of the result ({@link FrequentItemsets}): three typed arrays, no per-itemset objects:
 * `itemIds` (Int32Array, every itemset's ids back to back, ascending within one), `offsets` (Int32Array,
 * `length + 1` entries) and `counts` (Int32Array), in the canonical order (by length, then ids
 * lexicographically). Look-ups by ids go through a typed open-addressing hash index built on first use.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import type { LongRunningOptions } from '../core/progress.js';
import { describe, optionKeys, rejectUnknownOptions, requireInRange, requireInteger } from '../core/validate.js';
import { ITEMSET_KEY_SET } from './option-keys.js';
import type { TransactionSet } from '../data/transactions.js';
import { canonicalOrder, FlatItemsetIndex, gatherItemsets } from './flat.js';

/**
 * Options shared by {@link fpGrowth}, {@link apriori} and {@link mineItemsets}.
 *
 * @example
 * ```ts
 * import { mineItemsets, TransactionSet, type ItemsetOptions } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a', 'b', 'c'], ['a', 'b'], ['a', 'c'], ['b', 'c']]);
 * const options: ItemsetOptions = { minCount: 2, minLength: 2, target: 'closed' };
 * console.log(mineItemsets(baskets, options).toArray()); // the 3 pairs, each in 2 baskets
 * ```
 */
export interface ItemsetOptions extends LongRunningOptions {
  /**
   * Minimum support as a fraction in (0, 1]: an itemset is frequent when `count / N >= minSupport`
   * (compared exactly, so 0.001 of 9,835 transactions means count >= 10, not 9).
   * Give exactly one of `minSupport` and `minCount`.
   */
  minSupport?: number;
  /** Minimum support as an absolute count (an integer >= 1). Give exactly one of `minSupport` and `minCount`. */
  minCount?: number;
  /** Only itemsets with at least this many items are returned (default 1). Smaller ones are still mined. */
  minLength?: number;
  /** Itemsets longer than this are not mined (default: no limit). */
  maxLength?: number;
  /**
   * Memory guard: when mining would produce more than this many itemsets, it stops with a
   * `LimitExceededError` that says how many were found and suggests a higher support (default 5,000,000).
   * It counts every itemset mined, including those shorter than `minLength` and before the closed/maximal
   * selection (they are all held in memory); Apriori also applies it to the candidates of one level.
   */
  maxItemsets?: number;
  /**
   * `'all'` frequent itemsets (default), only `'closed'` ones (no proper superset has the same count), or
   * only `'maximal'` ones (no proper superset is frequent). Both are relative to the mined itemsets: with
   * `maxLength`, supersets longer than `maxLength` are not considered, so every frequent itemset of exactly
   * `maxLength` items is closed and maximal. `minLength` is applied after this selection.
   */
  target?: 'all' | 'closed' | 'maximal';
}

/** Every key of {@link ItemsetOptions}; the compiler checks the list is complete. */
const ITEMSET_OPTION_KEYS = optionKeys<ItemsetOptions>(ITEMSET_KEY_SET);

/**
 * The default for {@link ItemsetOptions.maxItemsets}.
 *
 * @example
 * ```ts
 * import { fpGrowth, TransactionSet, DEFAULT_MAX_ITEMSETS } from 'crm-mining';
 * declare const baskets: TransactionSet;
 * // a very low support on a large file: allow four times the default number of itemsets
 * const itemsets = fpGrowth(baskets, { minSupport: 0.0001, maxItemsets: 4 * DEFAULT_MAX_ITEMSETS });
 * console.log(itemsets.length);
 * ```
 */
export const DEFAULT_MAX_ITEMSETS = 5_000_000;

/**
 * One frequent itemset, with names resolved.
 *
 * @example
 * ```ts
 * import { fpGrowth, TransactionSet, type Itemset } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['tea', 'jam'], ['tea'], ['jam', 'tea'], ['coffee']]);
 * const pairs: Itemset[] = [...fpGrowth(baskets, { minCount: 2 })].filter((s) => s.items.length === 2);
 * console.log(pairs); // [ { items: [ 'tea', 'jam' ], count: 2, support: 0.5 } ]
 * ```
 */
export interface Itemset {
  /** Item names, in item-id order (the order of first appearance in the data). */
  items: string[];
  /** The number of transactions that contain every item. */
  count: number;
  /** `count / N`. */
  support: number;
}

/**
 * The checked options with the support threshold resolved to a count.
 *
 * @example
 * ```ts
 * import { resolveItemsetOptions, TransactionSet, type ResolvedItemsetOptions } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a'], ['b'], ['a', 'b']]);
 * const resolved: ResolvedItemsetOptions = resolveItemsetOptions(baskets, { minSupport: 0.5 });
 * console.log(resolved.minCount, resolved.maxLength); // 2 Infinity
 * ```
 */
export interface ResolvedItemsetOptions {
  /** The smallest count that is frequent. */
  minCount: number;
  /** Shortest itemset returned (default 1). */
  minLength: number;
  /** Longest itemset mined (`Infinity` when not limited). */
  maxLength: number;
  /** The memory guard (default {@link DEFAULT_MAX_ITEMSETS}). */
  maxItemsets: number;
  /** Which itemsets are returned (default `'all'`). */
  target: 'all' | 'closed' | 'maximal';
}

/**
 * Checks the options against the data and resolves the support threshold to a count: the smallest
 * integer `c` with `c / N >= minSupport`, computed with the same floating-point comparison a user would
 * write, so that it never rounds the wrong way.
 *
 * @param where - the function named in the error for a key that is not an {@link ItemsetOptions} key
 *   (default `'resolveItemsetOptions'`; fpGrowth and apriori pass their own names).
 * @throws InvalidOptionError for an unknown key, a support outside (0, 1], a count that is not a positive
 *   integer, both or neither given, or lengths that are not positive integers.
 * @throws InvalidInputError when `transactions` is not a TransactionSet or there are none.
 *
 * @example
 * ```ts
 * import { resolveItemsetOptions, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a'], ['a', 'b'], ['b'], ['a', 'c'], ['c'], ['a'], ['b']]);
 * // 0.3 of 7 transactions: the smallest count c with c / 7 >= 0.3 is 3
 * const resolved = resolveItemsetOptions(baskets, { minSupport: 0.3, maxLength: 2 });
 * console.log(resolved); // { minCount: 3, minLength: 1, maxLength: 2, maxItemsets: 5000000, target: 'all' }
 * ```
 */
export function resolveItemsetOptions(
  transactions: TransactionSet,
  options: ItemsetOptions,
  where = 'resolveItemsetOptions',
): ResolvedItemsetOptions {
  rejectUnknownOptions(options, ITEMSET_OPTION_KEYS, where);
  checkTransactionSet(transactions, where);
  options = options ?? {};
  const n = transactions.size;
  if (n === 0) throw new InvalidInputError('there are no transactions: expected at least one');
  const hasSupport = options.minSupport !== undefined;
  const hasCount = options.minCount !== undefined;
  if (hasSupport === hasCount) {
    throw new InvalidOptionError(
      hasSupport ? 'minSupport/minCount' : 'minSupport',
      hasSupport
        ? 'give either minSupport (a fraction) or minCount (a count), not both'
        : 'required: a fraction in (0, 1], or give minCount as an absolute count',
    );
  }
  let minCount: number;
  if (hasSupport) {
    const s = requireInRange('minSupport', options.minSupport, 0, 1, { minInclusive: false });
    minCount = Math.max(1, Math.ceil(s * n));
    while (minCount > 1 && (minCount - 1) / n >= s) minCount--;
    while (minCount / n < s) minCount++;
  } else {
    minCount = requireInteger('minCount', options.minCount, 1);
  }
  const minLength = options.minLength === undefined ? 1 : requireInteger('minLength', options.minLength, 1);
  const maxLength = options.maxLength === undefined ? Infinity : requireInteger('maxLength', options.maxLength, 1);
  if (maxLength < minLength) {
    throw new InvalidOptionError('maxLength', `must be at least minLength (${minLength}), got ${maxLength}`);
  }
  const maxItemsets =
    options.maxItemsets === undefined ? DEFAULT_MAX_ITEMSETS : requireInteger('maxItemsets', options.maxItemsets, 1);
  const target = options.target ?? 'all';
  if (target !== 'all' && target !== 'closed' && target !== 'maximal') {
    throw new InvalidOptionError('target', `expected 'all', 'closed' or 'maximal', got ${JSON.stringify(target)}`);
  }
  return { minCount, minLength, maxLength, maxItemsets, target };
}

/** Rejects anything but a TransactionSet (an array of baskets, say) before the miners index into it. */
function checkTransactionSet(transactions: unknown, where: string): void {
  const t = transactions as Partial<TransactionSet> | null;
  if (
    t === null ||
    typeof t !== 'object' ||
    !(t.items instanceof Int32Array) ||
    !(t.offsets instanceof Int32Array) ||
    typeof t.itemCounts !== 'function'
  ) {
    throw new InvalidInputError(
      `${where}(): transactions: expected a TransactionSet (see TransactionSet.fromArrays), got ${describe(transactions)}`,
      { field: 'transactions' },
    );
  }
}

/**
 * A collection of frequent itemsets, stored compactly. Itemset `i` holds the item ids
 * `itemIds[offsets[i]] … itemIds[offsets[i + 1] - 1]` (ascending) and occurs in `counts[i]` transactions.
 *
 * The order is canonical, the same whichever algorithm mined it: by length, then by the ids
 * lexicographically. Immutable.
 *
 * @example
 * ```ts
 * import { fpGrowth, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['bread', 'milk'], ['bread', 'butter'], ['bread', 'milk', 'butter']]);
 * const itemsets = fpGrowth(baskets, { minCount: 2 });
 * console.log(itemsets.length); // 5
 * for (const { items, count } of itemsets) console.log(items.join(' + '), count); // bread 3, milk 2, …
 * const bread = baskets.itemId('bread')!;
 * const milk = baskets.itemId('milk')!;
 * console.log(itemsets.countOf([milk, bread])); // 2
 * ```
 */
export class FrequentItemsets implements Iterable<Itemset> {
  /** All itemsets' ids, concatenated; within an itemset ascending. */
  readonly itemIds: Int32Array;
  /** `length + 1` offsets into {@link FrequentItemsets.itemIds}. */
  readonly offsets: Int32Array;
  /** The count (absolute support) of each itemset. */
  readonly counts: Int32Array;
  /** The names of the item ids (shared with the transactions). */
  readonly itemNames: readonly string[];
  /** The number of transactions mined (N). */
  readonly transactionCount: number;
  /** The count threshold that was applied. */
  readonly minCount: number;
  private index?: FlatItemsetIndex;

  /**
   * Wraps flat arrays (not copied, not checked; the miners and {@link packItemsets} build them). Ids must
   * be ascending within each itemset and the itemsets in canonical order.
   */
  constructor(
    itemIds: Int32Array,
    offsets: Int32Array,
    counts: Int32Array,
    itemNames: readonly string[],
    transactionCount: number,
    minCount: number,
  ) {
    this.itemIds = itemIds;
    this.offsets = offsets;
    this.counts = counts;
    this.itemNames = itemNames;
    this.transactionCount = transactionCount;
    this.minCount = minCount;
  }

  /** The number of itemsets. */
  get length(): number {
    return this.counts.length;
  }

  /** The ids of itemset `i` (a view; do not modify). */
  ids(i: number): Int32Array {
    return this.itemIds.subarray(this.offsets[i], this.offsets[i + 1]);
  }

  /** The number of items in itemset `i`. */
  size(i: number): number {
    return this.offsets[i + 1] - this.offsets[i];
  }

  /** Itemset `i` with names resolved. */
  get(i: number): Itemset {
    const items: string[] = [];
    for (let k = this.offsets[i]; k < this.offsets[i + 1]; k++) items.push(this.itemNames[this.itemIds[k]]);
    return { items, count: this.counts[i], support: this.counts[i] / this.transactionCount };
  }

  /** The support (`count / N`) of itemset `i`. */
  support(i: number): number {
    return this.counts[i] / this.transactionCount;
  }

  *[Symbol.iterator](): Iterator<Itemset> {
    for (let i = 0; i < this.length; i++) yield this.get(i);
  }

  /** All itemsets as plain objects. */
  toArray(): Itemset[] {
    const out: Itemset[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.get(i);
    return out;
  }

  /**
   * The count of the itemset with exactly these ids (in any order), or `undefined` when it is not among
   * these itemsets. Builds a hash index on first use.
   */
  countOf(ids: ArrayLike<number>): number | undefined {
    const i = this.indexOf(ids);
    return i < 0 ? undefined : this.counts[i];
  }

  /**
   * The position of the itemset with exactly these ids (in any order; duplicates are not merged), or -1.
   * Builds a hash index on first use (O(total ids) time, about 2–4 `Int32Array` slots per itemset); each
   * look-up then takes O(k log k) for k ids.
   */
  indexOf(ids: ArrayLike<number>): number {
    if (!this.index) this.index = new FlatItemsetIndex(this.itemIds, this.offsets, this.length);
    const q = Int32Array.from(ids as ArrayLike<number>);
    if (q.length > 1) q.sort();
    return this.index.find(q, 0, q.length);
  }

  /** `{ transactions, itemsets: [{ items, count, support }] }`, the CLI's JSON shape. */
  toJSON(): { transactions: number; itemsets: Itemset[] } {
    return { transactions: this.transactionCount, itemsets: this.toArray() };
  }
}

/**
 * Puts itemsets given as (ids, count) pairs into the canonical order (by length, then ids
 * lexicographically) and packs them. `ids` within each itemset need not be sorted. The miners themselves
 * write flat typed arrays and skip this object form; it is kept for callers that build itemsets by hand.
 *
 * Complexity: O(T log k) to sort inside itemsets plus a radix sort over all T ids.
 *
 * @example
 * ```ts
 * import { packItemsets } from 'crm-mining';
 * // itemsets counted elsewhere, as (ids, count) pairs over the items ['tea', 'jam', 'scone'] in 10 baskets
 * const packed = packItemsets(
 *   [{ ids: [2, 0], count: 3 }, { ids: [0], count: 6 }, { ids: [2], count: 4 }],
 *   ['tea', 'jam', 'scone'],
 *   10,
 *   3,
 * );
 * console.log(packed.toArray().map((s) => `${s.items.join('+')}: ${s.count}`)); // [ 'tea: 6', 'scone: 4', 'tea+scone: 3' ]
 * ```
 */
export function packItemsets(
  sets: readonly { ids: ArrayLike<number>; count: number }[],
  itemNames: readonly string[],
  transactionCount: number,
  minCount: number,
): FrequentItemsets {
  const n = sets.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += sets[i].ids.length;
  const ids = new Int32Array(total);
  const offsets = new Int32Array(n + 1);
  const counts = new Int32Array(n);
  let p = 0;
  let range = itemNames.length;
  for (let i = 0; i < n; i++) {
    const s = sets[i].ids;
    const a = p;
    for (let k = 0; k < s.length; k++) {
      const v = s[k];
      if (v >= range) range = v + 1;
      ids[p++] = v;
    }
    if (p - a > 1) ids.subarray(a, p).sort();
    offsets[i + 1] = p;
    counts[i] = sets[i].count;
  }
  const perm = canonicalOrder(ids, offsets, n, range);
  const packed = gatherItemsets(ids, offsets, counts, perm, n);
  return new FrequentItemsets(packed.ids, packed.offsets, packed.counts, itemNames, transactionCount, minCount);
}
