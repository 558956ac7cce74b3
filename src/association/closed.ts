/**
 * Closed and maximal frequent itemsets, selected from the mined frequent itemsets.
 *
 * Data layout: works on flat itemsets (`ids`/`offsets`/`counts` typed arrays, as in
 * {@link FrequentItemsets}) and returns a `Uint8Array` mask, 1 = keep. A hash index
 * ({@link FlatItemsetIndex}) finds, for each itemset Y and each of its items y, the subset `Y \ {y}`.
 *
 * Definitions, relative to the itemsets that were mined (every frequent itemset of at most `maxLength`
 * items):
 * - X is **closed** when no mined proper superset has the same count;
 * - X is **maximal** when no mined proper superset exists (no frequent superset within `maxLength`).
 *
 * Without `maxLength` these are the textbook definitions. With `maxLength`, an itemset of exactly
 * `maxLength` items is always closed and maximal (its supersets were not mined). It suffices to look at
 * supersets with one more item: if a proper superset Y of X has the same count, every itemset between
 * them has that count too, and those with one more item than X were mined (they are frequent and no
 * longer than Y).
 *
 * Complexity: O(T) expected time for T ids in all, O(N) extra memory for N itemsets.
 *
 * @internal
 * @module
 */
import { FlatItemsetIndex } from './flat.js';

/**
 * Marks which of the `n` flat itemsets are closed (`target = 'closed'`) or maximal (`'maximal'`) among
 * them. The itemsets must be downward closed up to their longest length (as mined), ids ascending
 * within each.
 */
export function closedOrMaximalMask(
  ids: Int32Array,
  offsets: Int32Array,
  counts: Int32Array,
  n: number,
  target: 'closed' | 'maximal',
): Uint8Array {
  const keep = new Uint8Array(n).fill(1);
  const index = new FlatItemsetIndex(ids, offsets, n);
  const closed = target === 'closed';
  for (let y = 0; y < n; y++) {
    const a = offsets[y];
    const b = offsets[y + 1];
    if (b - a < 2) continue;
    const c = counts[y];
    for (let q = a; q < b; q++) {
      const x = index.find(ids, a, b, q);
      if (x < 0) continue;
      if (!closed || counts[x] === c) keep[x] = 0;
    }
  }
  return keep;
}
