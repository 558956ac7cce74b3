/**
 * Internal: the growable output buffer the miners write into, and the last step every miner shares
 * (canonical order, closed/maximal selection, minLength filter, packing into {@link FrequentItemsets}).
 *
 * Data layout: `ids` (Int32Array, grows by doubling) holds every itemset's item ids back to back,
 * ascending within an itemset; `offsets` (Int32Array, `length + 1` entries) and `counts` (Int32Array)
 * grow the same way. No per-itemset objects are created.
 *
 * @internal
 * @module
 */
import { LimitExceededError } from '../core/errors.js';
import type { TransactionSet } from '../data/transactions.js';
import { closedOrMaximalMask } from './closed.js';
import { canonicalOrder, gatherItemsets } from './flat.js';
import { FrequentItemsets, type ResolvedItemsetOptions } from './itemsets.js';

/** Growable flat storage for mined itemsets, with the `maxItemsets` guard built in. */
export class ItemsetBuffer {
  /** Item ids of all itemsets, back to back. */
  ids: Int32Array;
  /** `length + 1` offsets into `ids` (only the first `length + 1` are valid). */
  offsets: Int32Array;
  /** Counts (only the first `length` are valid). */
  counts: Int32Array;
  /** Number of itemsets stored. */
  length = 0;
  /** Number of ids stored. */
  used = 0;
  private readonly limit: number;
  private readonly minCount: number;
  private readonly transactionCount: number;

  constructor(limit: number, minCount: number, transactionCount: number, initial = 1024) {
    this.limit = limit;
    this.minCount = minCount;
    this.transactionCount = transactionCount;
    this.ids = new Int32Array(initial * 4);
    this.offsets = new Int32Array(initial + 1);
    this.counts = new Int32Array(initial);
  }

  /**
   * Makes room for one more itemset of `len` ids and returns the position in `ids` where they go.
   * Throws the `maxItemsets` error as soon as the limit is passed.
   */
  reserve(len: number): number {
    if (this.length >= this.limit) this.tooMany();
    if (this.length + 1 >= this.offsets.length) {
      const cap = this.counts.length * 2;
      const o = new Int32Array(cap + 1);
      o.set(this.offsets);
      this.offsets = o;
      const c = new Int32Array(cap);
      c.set(this.counts);
      this.counts = c;
    }
    if (this.used + len > this.ids.length) {
      let cap = this.ids.length * 2;
      while (cap < this.used + len) cap *= 2;
      const g = new Int32Array(cap);
      g.set(this.ids.subarray(0, this.used));
      this.ids = g;
    }
    return this.used;
  }

  /** Finishes the itemset whose `len` ids were written at the position {@link ItemsetBuffer.reserve} returned. */
  commit(len: number, count: number): void {
    this.used += len;
    this.counts[this.length] = count;
    this.offsets[++this.length] = this.used;
  }

  private tooMany(): never {
    const s = this.minCount / this.transactionCount;
    throw new LimitExceededError(
      'maxItemsets',
      `more than ${this.limit} frequent itemsets were found (mining stopped at ${this.limit + 1}, with minimum ` +
        `count ${this.minCount}, support ${s.toPrecision(3)}): raise minSupport (or minCount), set maxLength, ` +
        `or raise the maxItemsets option if you have the memory`,
    );
  }
}

/**
 * Turns a miner's buffer into the result: canonical order (skipped when `canonical` says the buffer is
 * already in it), then the `target` selection, then the `minLength` filter.
 */
export function finishItemsets(
  buffer: ItemsetBuffer,
  transactions: TransactionSet,
  options: ResolvedItemsetOptions,
  canonical: boolean,
): FrequentItemsets {
  const n = buffer.length;
  let ids = buffer.ids;
  let offsets = buffer.offsets;
  let counts = buffer.counts;
  if (!canonical) {
    const perm = canonicalOrder(ids, offsets, n, transactions.itemCount);
    ({ ids, offsets, counts } = gatherItemsets(ids, offsets, counts, perm, n));
  }
  const keep = options.target === 'all' ? undefined : closedOrMaximalMask(ids, offsets, counts, n, options.target);
  let m = 0;
  const select = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (keep !== undefined && keep[i] === 0) continue;
    if (offsets[i + 1] - offsets[i] < options.minLength) continue;
    select[m++] = i;
  }
  if (m < n || ids.length !== offsets[n] || counts.length !== n) {
    ({ ids, offsets, counts } = gatherItemsets(ids, offsets, counts, select, m));
  }
  return new FrequentItemsets(ids, offsets, counts, transactions.itemNames, transactions.size, options.minCount);
}
