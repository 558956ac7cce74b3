/**
 * Internal helpers over itemsets stored flat (not part of the public API).
 *
 * Data layout: `n` itemsets as three typed arrays, as in {@link FrequentItemsets}: itemset `i` holds the
 * ids `ids[offsets[i]] … ids[offsets[i + 1] - 1]` (ascending) and has count `counts[i]`.
 *
 * - {@link canonicalOrder}: the permutation that puts itemsets in the canonical order (by length, then
 *   ids lexicographically), by a counting sort on length and an LSD radix sort on the ids inside each
 *   length: O(total ids + lengths · distinct ids), no comparator calls on large groups.
 * - {@link FlatItemsetIndex}: an open-addressing hash table (one `Int32Array` of itemset positions) for
 *   looking itemsets up by their ids, optionally with one position skipped (to find `Y \ {y}` without
 *   building it).
 *
 * @internal
 * @module
 */

/** Smallest power of two >= n (at least 4). */
function pow2AtLeast(n: number): number {
  let s = 4;
  while (s < n) s *= 2;
  return s;
}

/** Groups smaller than this are sorted with a comparator; larger ones with the radix sort. */
const RADIX_THRESHOLD = 512;

/**
 * The permutation `perm` with `perm[r]` = the itemset at rank `r` in canonical order (by length, then ids
 * lexicographically). Ids inside each itemset must already be ascending, and lie in `[0, idRange)`.
 * Stable, so equal itemsets (which miners never produce) keep their order.
 *
 * Complexity: O(N + T + L·idRange) for N itemsets with T ids in all and L distinct lengths, with the
 * `idRange` term replaced by a comparator sort for small groups.
 */
export function canonicalOrder(ids: Int32Array, offsets: Int32Array, n: number, idRange: number): Int32Array {
  let maxLen = 0;
  for (let i = 0; i < n; i++) {
    const len = offsets[i + 1] - offsets[i];
    if (len > maxLen) maxLen = len;
  }
  // Counting sort by length.
  const start = new Int32Array(maxLen + 2);
  for (let i = 0; i < n; i++) start[offsets[i + 1] - offsets[i] + 1]++;
  for (let l = 1; l <= maxLen + 1; l++) start[l] += start[l - 1];
  const perm = new Int32Array(n);
  const fill = start.slice(0, maxLen + 1);
  for (let i = 0; i < n; i++) perm[fill[offsets[i + 1] - offsets[i]]++] = i;

  let tmp: Int32Array | undefined;
  let bucket: Int32Array | undefined;
  for (let len = 1; len <= maxLen; len++) {
    const a = start[len];
    const b = start[len + 1];
    const g = b - a;
    if (g < 2) continue;
    if (g < RADIX_THRESHOLD) {
      const group = perm.subarray(a, b);
      const sorted = Array.from(group).sort((x, y) => {
        const ox = offsets[x];
        const oy = offsets[y];
        for (let k = 0; k < len; k++) {
          const d = ids[ox + k] - ids[oy + k];
          if (d !== 0) return d;
        }
        return x - y;
      });
      group.set(sorted);
      continue;
    }
    if (tmp === undefined || tmp.length < g) tmp = new Int32Array(Math.max(g, tmp ? tmp.length * 2 : 0));
    if (bucket === undefined) bucket = new Int32Array(idRange + 1);
    let src: Int32Array = perm.subarray(a, b);
    let dst: Int32Array = tmp.subarray(0, g);
    for (let p = len - 1; p >= 0; p--) {
      bucket.fill(0);
      for (let r = 0; r < g; r++) bucket[ids[offsets[src[r]] + p] + 1]++;
      for (let v = 1; v <= idRange; v++) bucket[v] += bucket[v - 1];
      for (let r = 0; r < g; r++) {
        const i = src[r];
        dst[bucket[ids[offsets[i] + p]]++] = i;
      }
      const t = src;
      src = dst;
      dst = t;
    }
    // After an odd number of passes the sorted order is in the scratch array.
    if ((len & 1) === 1) perm.set(src, a);
  }
  return perm;
}

/** Applies a permutation (or a selection) to flat itemsets: the result holds `order[0]`, `order[1]`, … */
export function gatherItemsets(
  ids: Int32Array,
  offsets: Int32Array,
  counts: Int32Array,
  order: Int32Array,
  m: number,
): { ids: Int32Array; offsets: Int32Array; counts: Int32Array } {
  let total = 0;
  for (let r = 0; r < m; r++) total += offsets[order[r] + 1] - offsets[order[r]];
  const outIds = new Int32Array(total);
  const outOffsets = new Int32Array(m + 1);
  const outCounts = new Int32Array(m);
  let p = 0;
  for (let r = 0; r < m; r++) {
    const i = order[r];
    const a = offsets[i];
    const b = offsets[i + 1];
    for (let k = a; k < b; k++) outIds[p++] = ids[k];
    outOffsets[r + 1] = p;
    outCounts[r] = counts[i];
  }
  return { ids: outIds, offsets: outOffsets, counts: outCounts };
}

function hashRange(ids: ArrayLike<number>, from: number, to: number, skip: number): number {
  let h = 0x811c9dc5 ^ (to - from - (skip >= 0 ? 1 : 0));
  for (let k = from; k < to; k++) {
    if (k === skip) continue;
    h = Math.imul(h ^ ids[k], 0x9e3779b1);
    h ^= h >>> 15;
  }
  h = Math.imul(h ^ (h >>> 13), 0x85ebca77);
  return h ^ (h >>> 16);
}

/**
 * A hash index over flat itemsets: finds the position of an itemset from its ids in O(length) expected
 * time. Memory: one `Int32Array` of about 2–4 slots per itemset.
 */
export class FlatItemsetIndex {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly ids: Int32Array;
  private readonly offsets: Int32Array;

  /** Indexes the first `n` itemsets of the flat arrays (ids ascending within each itemset). */
  constructor(ids: Int32Array, offsets: Int32Array, n: number) {
    this.ids = ids;
    this.offsets = offsets;
    const size = pow2AtLeast(n * 2 + 1);
    this.mask = size - 1;
    this.table = new Int32Array(size).fill(-1);
    for (let i = 0; i < n; i++) {
      let s = hashRange(ids, offsets[i], offsets[i + 1], -1) & this.mask;
      while (this.table[s] !== -1) s = (s + 1) & this.mask;
      this.table[s] = i;
    }
  }

  /**
   * The position of the itemset whose ids are `query[from..to)` without position `skip` (pass -1 to
   * skip nothing), or -1. The query ids must be ascending.
   */
  find(query: ArrayLike<number>, from: number, to: number, skip = -1): number {
    const len = to - from - (skip >= 0 && skip >= from && skip < to ? 1 : 0);
    const sk = len === to - from ? -1 : skip;
    const ids = this.ids;
    const offsets = this.offsets;
    let s = hashRange(query, from, to, sk) & this.mask;
    for (;;) {
      const i = this.table[s];
      if (i === -1) return -1;
      const a = offsets[i];
      if (offsets[i + 1] - a === len) {
        let q = from;
        let k = a;
        let same = true;
        for (; q < to; q++) {
          if (q === sk) continue;
          if (query[q] !== ids[k++]) {
            same = false;
            break;
          }
        }
        if (same) return i;
      }
      s = (s + 1) & this.mask;
    }
  }
}
