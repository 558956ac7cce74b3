/**
 * Apriori (Agrawal & Srikant 1994): level-wise candidate generation and counting.
 *
 * Data layout. Frequent items are recoded 0 … F-1 in the order of their ids (so that the order of
 * recoded itemsets is the canonical order). The transactions are recoded, stripped of infrequent items,
 * and identical ones merged with a weight: flat `Int32Array`s `tx`/`txStart`/`txWeight`. The frequent
 * itemsets found so far form a prefix trie stored level by level: level `d` (itemsets of `d` items) is a
 * set of parallel `Int32Array`s `item` (last item), `parent` (index in level `d-1`), `count`, and
 * `childStart`/`childEnd` (the range of its extensions in level `d+1`); siblings are contiguous and sorted,
 * so every level is in lexicographic order. Level 1 is indexed by item directly.
 *
 * Each round k:
 * 1. candidate generation: join every two siblings of level k-1 (itemsets sharing their first k-2
 *    items), then prune a candidate unless every (k-1)-subset is in the trie (found by descending it);
 * 2. counting: each transaction walks the trie (counting method: prefix-trie walk, as in Borgelt's
 *    implementation; for k = 2 a triangular array of pair counts replaces the trie when it is small
 *    enough), skipping branches without candidates;
 * 3. the candidates with count >= minCount become level k; transactions lose items that are in no
 *    frequent k-itemset and transactions too short for the next level.
 *
 * @module
 */
import { LimitExceededError } from '../core/errors.js';
import { throwIfAborted } from '../core/progress.js';
import type { TransactionSet } from '../data/transactions.js';
import { finishItemsets, ItemsetBuffer } from './itemset-buffer.js';
import { resolveItemsetOptions, type FrequentItemsets, type ItemsetOptions } from './itemsets.js';

/** Pair counting uses a triangular array when it has at most this many cells (64 MB). */
const TRIANGLE_LIMIT = 1 << 24;

/** One level of the trie: itemsets of `depth` items. */
interface Level {
  n: number;
  item: Int32Array;
  parent: Int32Array;
  count: Int32Array;
  childStart: Int32Array;
  childEnd: Int32Array;
  /** 1 when some candidate lies below this node (during counting). */
  alive: Uint8Array;
}

function makeLevel(n: number): Level {
  return {
    n,
    item: new Int32Array(n),
    parent: new Int32Array(n),
    count: new Int32Array(n),
    childStart: new Int32Array(n),
    childEnd: new Int32Array(n),
    alive: new Uint8Array(n),
  };
}

/** A growable candidate list (item and parent per candidate). */
class CandidateList {
  item = new Int32Array(1024);
  parent = new Int32Array(1024);
  n = 0;
  push(item: number, parent: number): void {
    if (this.n === this.item.length) {
      const a = new Int32Array(this.n * 2);
      a.set(this.item);
      this.item = a;
      const b = new Int32Array(this.n * 2);
      b.set(this.parent);
      this.parent = b;
    }
    this.item[this.n] = item;
    this.parent[this.n++] = parent;
  }
}

/** Weighted, recoded transactions in flat form. */
interface FlatTransactions {
  tx: Int32Array;
  start: Int32Array;
  weight: Int32Array;
  n: number;
}

/** Sorts the transactions lexicographically and merges identical ones, summing weights. */
function mergeDuplicates(t: FlatTransactions): FlatTransactions {
  const { tx, start, weight, n } = t;
  if (n < 2) return t;
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => {
    const ax = start[x];
    const bx = start[x + 1];
    const ay = start[y];
    const by = start[y + 1];
    const lx = bx - ax;
    const ly = by - ay;
    const l = lx < ly ? lx : ly;
    for (let k = 0; k < l; k++) {
      const d = tx[ax + k] - tx[ay + k];
      if (d !== 0) return d;
    }
    return lx - ly;
  });
  const outTx = new Int32Array(tx.length);
  const outStart = new Int32Array(n + 1);
  const outWeight = new Int32Array(n);
  let m = 0;
  let p = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const a = start[i];
    const b = start[i + 1];
    if (m > 0) {
      const pa = outStart[m - 1];
      const pb = outStart[m];
      if (pb - pa === b - a) {
        let same = true;
        for (let k = 0; k < b - a; k++) {
          if (outTx[pa + k] !== tx[a + k]) {
            same = false;
            break;
          }
        }
        if (same) {
          outWeight[m - 1] += weight[i];
          continue;
        }
      }
    }
    for (let k = a; k < b; k++) outTx[p++] = tx[k];
    outWeight[m] = weight[i];
    outStart[++m] = p;
  }
  return { tx: outTx, start: outStart, weight: outWeight, n: m };
}

/** Keeps only items with `keepItem[x] = 1`, and transactions with at least `minLen` of them. */
function trimTransactions(t: FlatTransactions, keepItem: Uint8Array, minLen: number): FlatTransactions {
  const { tx, start, weight, n } = t;
  const outTx = new Int32Array(tx.length);
  const outStart = new Int32Array(n + 1);
  const outWeight = new Int32Array(n);
  let m = 0;
  let p = 0;
  for (let i = 0; i < n; i++) {
    const p0 = p;
    for (let k = start[i]; k < start[i + 1]; k++) if (keepItem[tx[k]] === 1) outTx[p++] = tx[k];
    if (p - p0 < minLen) {
      p = p0;
      continue;
    }
    outWeight[m] = weight[i];
    outStart[++m] = p;
  }
  return { tx: outTx.subarray(0, p), start: outStart.subarray(0, m + 1), weight: outWeight.subarray(0, m), n: m };
}

/** Index of `item` among `items[from..to)` (sorted ascending), or -1. */
function binarySearch(items: Int32Array, from: number, to: number, item: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = items[mid];
    if (v < item) lo = mid + 1;
    else if (v > item) hi = mid - 1;
    else return mid;
  }
  return -1;
}

function tooManyCandidates(limit: number, k: number, minCount: number): never {
  throw new LimitExceededError(
    'maxItemsets',
    `Apriori would have to count more than ${limit} candidate ${k}-itemsets (minimum count ${minCount}): raise ` +
      `minSupport (or minCount), set maxLength, use FP-Growth, or raise maxItemsets if you have the memory`,
  );
}

/**
 * Mines frequent itemsets with Apriori (Agrawal & Srikant 1994), the textbook level-wise algorithm:
 * candidate k-itemsets are joined from frequent (k-1)-itemsets that share their first k-2 items, pruned
 * unless every (k-1)-subset is frequent, and counted in one pass over the transactions by walking a
 * prefix trie of the candidates (pairs: a triangular count array when there are at most 2^24 of them).
 * Output is identical to {@link fpGrowth}'s (canonical order: by length, then ids lexicographically).
 *
 * Complexity: one pass over the (shrinking) transactions per level, each transaction walking the trie
 * branches its items lead to; memory is the frequent itemsets plus one level of candidates. Slower than
 * FP-Growth on dense data or low support, where the candidates are many.
 *
 * Options (see {@link ItemsetOptions}): exactly one of `minSupport`/`minCount`; `minLength` (default 1),
 * `maxLength` (default: no limit), `maxItemsets` (default 5,000,000: the limit on the itemsets mined, and
 * for Apriori also on the candidates of one level), `target` (default `'all'`; closed and maximal are
 * relative to the itemsets of at most `maxLength` items). Progress phases: `'counting items'`, then
 * `'counting candidates'` (done/total in transactions, a few reports per level) and `'mining'` once per
 * level (`done` = levels finished). The signal is checked per level, every 4,096 transactions and every
 * 4,096 candidate parents.
 *
 * @param transactions - The transactions to mine.
 * @param options - The support threshold and the other options.
 * @returns The frequent itemsets, in canonical order.
 * @throws InvalidOptionError for bad options; InvalidInputError for an empty transaction set;
 *   LimitExceededError when more than `maxItemsets` itemsets (or candidates of one level) are found;
 *   AbortedError when aborted.
 *
 * @example
 * ```ts
 * import { apriori, fpGrowth, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a', 'b', 'c'], ['a', 'b'], ['a', 'c'], ['a'], ['b', 'c']]);
 * const levelWise = apriori(baskets, { minCount: 2, maxLength: 2 });
 * console.log(levelWise.toArray().map((s) => s.items.join('') + ':' + s.count)); // [ 'a:4', 'b:3', 'c:3', 'ab:2', 'ac:2', 'bc:2' ]
 * // the same itemsets, in the same order, as FP-Growth
 * console.log(levelWise.counts.join() === fpGrowth(baskets, { minCount: 2, maxLength: 2 }).counts.join()); // true
 * ```
 */
export function apriori(transactions: TransactionSet, options: ItemsetOptions): FrequentItemsets {
  const opts = resolveItemsetOptions(transactions, options, 'apriori');
  const { onProgress, signal } = options;
  throwIfAborted(signal);
  const minCount = opts.minCount;
  const maxLength = opts.maxLength;
  const limit = opts.maxItemsets;
  const out = new ItemsetBuffer(limit, minCount, transactions.size);

  // Level 1: frequent items, recoded in id order.
  const itemCounts = transactions.itemCounts();
  const dense = new Int32Array(itemCounts.length).fill(-1);
  const frequent: number[] = [];
  for (let id = 0; id < itemCounts.length; id++) {
    if (itemCounts[id] >= minCount) {
      dense[id] = frequent.length;
      frequent.push(id);
    }
  }
  const nF = frequent.length;
  const toOriginal = Int32Array.from(frequent);
  const levels: Level[] = [makeLevel(0)]; // level 0: the root, unused
  const level1 = makeLevel(nF);
  for (let d = 0; d < nF; d++) {
    level1.item[d] = d;
    level1.count[d] = itemCounts[toOriginal[d]];
    const p = out.reserve(1);
    out.ids[p] = toOriginal[d];
    out.commit(1, level1.count[d]);
  }
  levels.push(level1);
  onProgress?.({ phase: 'counting items', done: 1, total: 1 });
  onProgress?.({ phase: 'mining', done: 1 });
  if (nF < 2 || maxLength < 2) return finishItemsets(out, transactions, opts, true);

  // Recode the transactions, dropping infrequent items and transactions with fewer than 2 of them.
  let data: FlatTransactions;
  {
    const src = transactions.items;
    const so = transactions.offsets;
    const tx = new Int32Array(src.length);
    const start = new Int32Array(transactions.size + 1);
    const weight = new Int32Array(transactions.size);
    let m = 0;
    let p = 0;
    for (let t = 0; t < transactions.size; t++) {
      const p0 = p;
      for (let k = so[t]; k < so[t + 1]; k++) {
        const d = dense[src[k]];
        if (d >= 0) tx[p++] = d;
      }
      if (p - p0 < 2) {
        p = p0;
        continue;
      }
      weight[m] = 1;
      start[++m] = p;
    }
    data = mergeDuplicates({ tx: tx.subarray(0, p), start: start.subarray(0, m + 1), weight, n: m });
  }

  const path = new Int32Array(Math.max(nF, 2) + 1);
  const cand = new Int32Array(Math.max(nF, 2) + 1);
  const anc = new Int32Array(Math.max(nF, 2) + 1);

  for (let k = 2; k <= maxLength; k++) {
    throwIfAborted(signal);
    const prev = levels[k - 1];
    let level: Level;
    if (k === 2 && (nF * (nF - 1)) / 2 <= TRIANGLE_LIMIT) {
      level = countPairs(data, nF, minCount, prev, signal, onProgress);
    } else {
      const cands = generateCandidates(levels, k, limit, minCount, cand, anc, signal);
      if (cands.n === 0) break;
      level = countCandidates(levels, k, cands, data, minCount, signal, onProgress);
    }
    if (level.n === 0) break;
    levels.push(level);
    // Emit level k (already in lexicographic order) and mark the items still in use.
    const keepItem = new Uint8Array(nF);
    for (let i = 0; i < level.n; i++) {
      let node = i;
      for (let d = k; d >= 1; d--) {
        const it = levels[d].item[node];
        path[d - 1] = it;
        keepItem[it] = 1;
        node = levels[d].parent[node];
      }
      const p = out.reserve(k);
      const ids = out.ids;
      for (let q = 0; q < k; q++) ids[p + q] = toOriginal[path[q]];
      out.commit(k, level.count[i]);
    }
    onProgress?.({ phase: 'mining', done: k });
    if (level.n < k + 1 || k === maxLength) break; // k+1 candidates need k+1 frequent k-subsets
    data = trimTransactions(data, keepItem, k + 1);
    if (data.n === 0) break;
  }
  return finishItemsets(out, transactions, opts, true);
}

/** Level 2 by a triangular array of pair counts: cell (a, b), a < b, at a·F − a(a+1)/2 + b − a − 1. */
function countPairs(
  data: FlatTransactions,
  nF: number,
  minCount: number,
  level1: Level,
  signal: AbortSignal | undefined,
  onProgress: ItemsetOptions['onProgress'],
): Level {
  const tri = new Int32Array((nF * (nF - 1)) / 2);
  const rowBase = new Int32Array(nF);
  for (let a = 0; a < nF; a++) rowBase[a] = a * nF - (a * (a + 1)) / 2 - a - 1;
  const { tx, start, weight, n } = data;
  const step = Math.max(4096, Math.ceil(n / 10));
  for (let t = 0; t < n; t++) {
    const e = start[t + 1];
    const w = weight[t];
    for (let i = start[t]; i < e - 1; i++) {
      const base = rowBase[tx[i]];
      for (let j = i + 1; j < e; j++) tri[base + tx[j]] += w;
    }
    if ((t + 1) % step === 0) {
      throwIfAborted(signal);
      onProgress?.({ phase: 'counting candidates', done: t + 1, total: n });
    }
  }
  let m = 0;
  for (let c = 0; c < tri.length; c++) if (tri[c] >= minCount) m++;
  const level = makeLevel(m);
  let i = 0;
  for (let a = 0; a < nF; a++) {
    level1.childStart[a] = i;
    const base = rowBase[a];
    for (let b = a + 1; b < nF; b++) {
      const c = tri[base + b];
      if (c >= minCount) {
        level.item[i] = b;
        level.parent[i] = a;
        level.count[i++] = c;
      }
    }
    level1.childEnd[a] = i;
  }
  return level;
}

/**
 * Joins siblings of level k-1 and prunes candidates with an infrequent (k-1)-subset. Candidates come out
 * grouped by parent, each group sorted, so in lexicographic order; sets `childStart`/`childEnd` of level
 * k-1 to the candidate ranges.
 */
function generateCandidates(
  levels: Level[],
  k: number,
  limit: number,
  minCount: number,
  cand: Int32Array,
  anc: Int32Array,
  signal: AbortSignal | undefined,
): CandidateList {
  const prev = levels[k - 1];
  const out = new CandidateList();
  const nPrev = prev.n;
  // Siblings in level k-1 are the children of one level k-2 node (for k = 2: all of level 1).
  let g = 0;
  while (g < nPrev) {
    let h = g + 1;
    if (k === 2) h = nPrev;
    else while (h < nPrev && prev.parent[h] === prev.parent[g]) h++;
    for (let i = g; i < h; i++) {
      if ((i & 4095) === 4095) throwIfAborted(signal);
      prev.childStart[i] = out.n;
      if (i + 1 < h) {
        // The items of itemset i, and its ancestors: anc[d] = node at depth d (anc[k-1] = i).
        let node = i;
        for (let d = k - 1; d >= 1; d--) {
          anc[d] = node;
          cand[d - 1] = levels[d].item[node];
          node = levels[d].parent[node];
        }
        for (let j = i + 1; j < h; j++) {
          cand[k - 1] = prev.item[j];
          if (allSubsetsFrequent(levels, k, cand, anc)) {
            if (out.n >= limit) tooManyCandidates(limit, k, minCount);
            out.push(prev.item[j], i);
          }
        }
      }
      prev.childEnd[i] = out.n;
    }
    g = h;
  }
  return out;
}

/**
 * Whether every (k-1)-subset of `cand[0..k)` is in the trie. The two subsets that drop one of the last
 * two items are the joined itemsets themselves; the others drop position q < k-2 and are found by
 * descending from the ancestor at depth q.
 */
function allSubsetsFrequent(levels: Level[], k: number, cand: Int32Array, anc: Int32Array): boolean {
  for (let q = k - 3; q >= 0; q--) {
    // Descend from anc[q] (depth q) with cand[q+1 … k-1].
    let node = q === 0 ? -1 : anc[q];
    let depth = q;
    for (let r = q + 1; r < k; r++) {
      const item = cand[r];
      if (depth === 0) {
        node = item; // level 1 is indexed by item
      } else {
        const lv = levels[depth];
        const s = lv.childStart[node];
        const e = lv.childEnd[node];
        if (s >= e) return false;
        node = binarySearch(levels[depth + 1].item, s, e, item);
        if (node < 0) return false;
      }
      depth++;
    }
  }
  return true;
}

/** Counts the candidates of level k by walking the trie for each transaction; returns the frequent ones. */
function countCandidates(
  levels: Level[],
  k: number,
  cands: CandidateList,
  data: FlatTransactions,
  minCount: number,
  signal: AbortSignal | undefined,
  onProgress: ItemsetOptions['onProgress'],
): Level {
  const nc = cands.n;
  const candItem = cands.item;
  const candCount = new Int32Array(nc);
  // Mark the branches that lead to candidates.
  for (let d = 1; d < k; d++) levels[d].alive.fill(0);
  const prev = levels[k - 1];
  for (let i = 0; i < prev.n; i++) {
    if (prev.childEnd[i] > prev.childStart[i]) {
      let node = i;
      for (let d = k - 1; d >= 1 && levels[d].alive[node] === 0; d--) {
        levels[d].alive[node] = 1;
        node = levels[d].parent[node];
      }
    }
  }
  const { tx, start, weight, n } = data;
  const step = Math.max(4096, Math.ceil(n / 10));
  const walk = (node: number, depth: number, pos: number, end: number, w: number): void => {
    const lv = levels[depth];
    let c = lv.childStart[node];
    const ce = lv.childEnd[node];
    if (depth === k - 1) {
      // Children are candidates: intersect tx[pos..end) with candItem[c..ce).
      if (ce - c > 8 * (end - pos)) {
        for (let i = pos; i < end && c < ce; i++) {
          const f = binarySearch(candItem, c, ce, tx[i]);
          if (f >= 0) {
            candCount[f] += w;
            c = f + 1;
          }
        }
      } else {
        let i = pos;
        while (i < end && c < ce) {
          const a = tx[i];
          const b = candItem[c];
          if (a < b) i++;
          else if (a > b) c++;
          else {
            candCount[c] += w;
            i++;
            c++;
          }
        }
      }
      return;
    }
    const next = levels[depth + 1];
    const nItem = next.item;
    const nAlive = next.alive;
    const last = end - (k - depth - 1); // leave room for the remaining items
    let i = pos;
    while (i < last && c < ce) {
      const a = tx[i];
      const b = nItem[c];
      if (a < b) i++;
      else if (a > b) c++;
      else {
        if (nAlive[c] === 1) walk(c, depth + 1, i + 1, end, w);
        i++;
        c++;
      }
    }
  };
  const alive1 = levels[1].alive;
  for (let t = 0; t < n; t++) {
    const e = start[t + 1];
    const w = weight[t];
    const last = e - (k - 1);
    for (let i = start[t]; i < last; i++) {
      const a = tx[i];
      if (alive1[a] === 1) walk(a, 1, i + 1, e, w);
    }
    if ((t + 1) % step === 0) {
      throwIfAborted(signal);
      onProgress?.({ phase: 'counting candidates', done: t + 1, total: n });
    }
  }
  // Keep the frequent candidates; re-point the parents' child ranges.
  let m = 0;
  for (let c = 0; c < nc; c++) if (candCount[c] >= minCount) m++;
  const level = makeLevel(m);
  let i = 0;
  let c = 0;
  for (let p = 0; p < prev.n; p++) {
    const e = prev.childEnd[p];
    prev.childStart[p] = i;
    for (; c < e; c++) {
      if (candCount[c] >= minCount) {
        level.item[i] = candItem[c];
        level.parent[i] = p;
        level.count[i++] = candCount[c];
      }
    }
    prev.childEnd[p] = i;
  }
  return level;
}
