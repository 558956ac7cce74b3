/**
 * FP-Growth (Han, Pei & Yin 2000): frequent itemsets without candidate generation.
 *
 * Data layout. Items are recoded by descending frequency and infrequent ones dropped. The first tree is
 * built from the recoded transactions sorted lexicographically (no child look-up; nodes in depth-first
 * order). Every FP-tree
 * (the first one and each conditional one) is a set of parallel typed arrays, node 0 being the root:
 * `nodeItem`, `nodeCount`, `nodeParent` and `nodeNext` (the node-link: next node with the same item), all
 * `Int32Array`; per item of the tree, `head` (first node of its node-link), `support` and `toOriginal`
 * (the item's id in the transactions). Items of a conditional tree are numbered locally, by descending
 * support within that conditional pattern base. In a conditional tree, children are found through one
 * shared open-addressing hash table keyed by (parent node, item), so a tree is never searched child by
 * child. One tree object per recursion depth is kept and its arrays reused; a conditional tree is built
 * from the node-links of its parent: one walk up the tree copies the prefix paths into a reused flat
 * buffer ([length, count, items …] per path) while counting their items, a second pass over that buffer
 * inserts the frequent items of each path. A tree that is a
 * single path emits all combinations of its nodes directly. Results go into growable `Int32Array`s,
 * then into canonical order by a radix sort.
 *
 * @module
 */
import { throwIfAborted, type ProgressCallback } from '../core/progress.js';
import type { TransactionSet } from '../data/transactions.js';
import { finishItemsets, ItemsetBuffer } from './itemset-buffer.js';
import { resolveItemsetOptions, type FrequentItemsets, type ItemsetOptions } from './itemsets.js';

/** One FP-tree: parallel typed arrays, node 0 is the root. Reused across recursion at one depth. */
class FpTree {
  /** Number of items in this tree (local ids 0 … m-1, by descending support). */
  m = 0;
  toOriginal: Int32Array;
  support: Int32Array;
  head: Int32Array;
  nNodes = 1;
  nodeItem: Int32Array;
  nodeCount: Int32Array;
  nodeParent: Int32Array;
  nodeNext: Int32Array;
  /** 1 when the node has a child (to detect single paths while building). */
  hasChild: Uint8Array;
  /** Whether every node has at most one child. */
  single = true;

  constructor(itemCapacity: number, nodeCapacity: number) {
    this.toOriginal = new Int32Array(itemCapacity);
    this.support = new Int32Array(itemCapacity);
    this.head = new Int32Array(itemCapacity);
    this.nodeItem = new Int32Array(nodeCapacity);
    this.nodeCount = new Int32Array(nodeCapacity);
    this.nodeParent = new Int32Array(nodeCapacity);
    this.nodeNext = new Int32Array(nodeCapacity);
    this.hasChild = new Uint8Array(nodeCapacity);
  }

  /** Empties the tree for `m` items, with room for about `expectedNodes` nodes (it grows as needed). */
  reset(m: number, expectedNodes: number): void {
    if (this.toOriginal.length < m) {
      const cap = Math.max(m, this.toOriginal.length * 2);
      this.toOriginal = new Int32Array(cap);
      this.support = new Int32Array(cap);
      this.head = new Int32Array(cap);
    }
    if (this.nodeItem.length < expectedNodes) this.grow(expectedNodes);
    this.m = m;
    this.head.fill(-1, 0, m);
    this.nNodes = 1;
    this.nodeItem[0] = -1;
    this.nodeCount[0] = 0;
    this.nodeParent[0] = -1;
    this.hasChild[0] = 0;
    this.single = true;
  }

  /** Grows the node arrays to at least `minCapacity` nodes, keeping the nodes built so far. */
  grow(minCapacity: number): void {
    const cap = Math.max(minCapacity, this.nodeItem.length * 2);
    const n = this.nNodes;
    const item = new Int32Array(cap);
    item.set(this.nodeItem.subarray(0, n));
    this.nodeItem = item;
    const count = new Int32Array(cap);
    count.set(this.nodeCount.subarray(0, n));
    this.nodeCount = count;
    const parent = new Int32Array(cap);
    parent.set(this.nodeParent.subarray(0, n));
    this.nodeParent = parent;
    const next = new Int32Array(cap);
    next.set(this.nodeNext.subarray(0, n));
    this.nodeNext = next;
    const has = new Uint8Array(cap);
    has.set(this.hasChild.subarray(0, n));
    this.hasChild = has;
  }
}

/** Hash slot of the key (parent node, item). */
function slotOf(node: number, item: number, mask: number): number {
  const s = (Math.imul(node, 0x9e3779b1) ^ Math.imul(item + 1, 0x85ebca77)) >>> 0;
  return (s ^ (s >>> 15)) & mask;
}

/**
 * The child-lookup hash table shared by all tree builds (a build finishes before the next starts):
 * slots hold node numbers, -1 = empty; the key (parent, item) is read from the tree's node arrays.
 * Kept at most half full by doubling.
 */
class ChildTable {
  table = new Int32Array(1024);
  mask = 1023;

  /** Clears the table, sized for about `expectedNodes` nodes. */
  reset(expectedNodes: number): void {
    let size = 16;
    while (size < expectedNodes * 2) size *= 2;
    if (this.table.length < size) this.table = new Int32Array(size);
    this.mask = size - 1;
    this.table.fill(-1, 0, size);
  }

  /** Doubles the table and re-inserts the nodes of `tree`. */
  grow(tree: FpTree): void {
    const size = (this.mask + 1) * 2;
    if (this.table.length < size) this.table = new Int32Array(size);
    const t = this.table;
    const mask = size - 1;
    this.mask = mask;
    t.fill(-1, 0, size);
    const nodeItem = tree.nodeItem;
    const nodeParent = tree.nodeParent;
    for (let c = 1; c < tree.nNodes; c++) {
      let s = slotOf(nodeParent[c], nodeItem[c], mask);
      while (t[s] !== -1) s = (s + 1) & mask;
      t[s] = c;
    }
  }
}

/**
 * Inserts the path `path[0..len)` (local item ids, ascending) into `tree` with weight `w`, creating
 * nodes as needed.
 */
function insertPath(tree: FpTree, table: ChildTable, path: Int32Array, len: number, w: number): void {
  if ((tree.nNodes + len) * 2 > table.mask + 1) {
    while ((tree.nNodes + len) * 2 > table.mask + 1) table.grow(tree);
  }
  if (tree.nNodes + len > tree.nodeItem.length) tree.grow(tree.nNodes + len);
  const nodeItem = tree.nodeItem;
  const nodeParent = tree.nodeParent;
  const nodeCount = tree.nodeCount;
  const t = table.table;
  const mask = table.mask;
  let node = 0;
  for (let k = 0; k < len; k++) {
    const item = path[k];
    let s = slotOf(node, item, mask);
    let child: number;
    for (;;) {
      child = t[s];
      if (child === -1 || (nodeParent[child] === node && nodeItem[child] === item)) break;
      s = (s + 1) & mask;
    }
    if (child === -1) {
      child = tree.nNodes++;
      t[s] = child;
      nodeItem[child] = item;
      nodeParent[child] = node;
      nodeCount[child] = 0;
      tree.hasChild[child] = 0;
      tree.nodeNext[child] = tree.head[item];
      tree.head[item] = child;
      if (tree.hasChild[node] === 1) tree.single = false;
      tree.hasChild[node] = 1;
    }
    nodeCount[child] += w;
    node = child;
  }
}

/** Sorts `a[from..to)` ascending (insertion sort; paths are short and nearly sorted). */
function insertionSort(a: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= from && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

/** Everything one run needs; kept in one object so the recursion passes a single reference. */
class FpMiner {
  readonly trees: FpTree[] = [];
  readonly table = new ChildTable();
  /** Per-item scratch, indexed by a parent tree's local ids (all zero / -1 between uses). */
  readonly cnt: Int32Array;
  readonly newId: Int32Array;
  readonly touched: Int32Array;
  readonly path: Int32Array;
  /** Scratch for the conditional pattern base, [length, count, items …] per path. */
  base: Int32Array = new Int32Array(4096);
  /** The current prefix, as ids of the transactions. */
  readonly prefix: Int32Array;
  readonly out: ItemsetBuffer;
  readonly minCount: number;
  readonly maxLength: number;
  readonly signal: AbortSignal | undefined;
  builds = 0;

  constructor(nFrequent: number, out: ItemsetBuffer, minCount: number, maxLength: number, signal: AbortSignal | undefined) {
    this.cnt = new Int32Array(nFrequent);
    this.newId = new Int32Array(nFrequent).fill(-1);
    this.touched = new Int32Array(nFrequent);
    this.path = new Int32Array(nFrequent);
    this.prefix = new Int32Array(nFrequent + 1);
    this.out = out;
    this.minCount = minCount;
    this.maxLength = maxLength;
    this.signal = signal;
  }

  treeAt(depth: number): FpTree {
    while (this.trees.length <= depth) this.trees.push(new FpTree(64, 256));
    return this.trees[depth];
  }

  /** Emits `prefix[0..len)` with `count` (ids sorted in the output). */
  emit(len: number, count: number): void {
    const out = this.out;
    const p = out.reserve(len);
    const ids = out.ids;
    const prefix = this.prefix;
    for (let k = 0; k < len; k++) ids[p + k] = prefix[k];
    insertionSort(ids, p, p + len);
    out.commit(len, count);
  }

  /** Emits every combination of the single path of `tree`, each extending `prefix[0..depth)`. */
  emitSinglePath(tree: FpTree, depth: number, start: number): void {
    // Nodes 1 … nNodes-1 form the path in order (each one's parent is the one before).
    const last = tree.nNodes - 1;
    for (let node = start; node <= last; node++) {
      this.prefix[depth] = tree.toOriginal[tree.nodeItem[node]];
      this.emit(depth + 1, tree.nodeCount[node]);
      if (depth + 1 < this.maxLength && node < last) this.emitSinglePath(tree, depth + 1, node + 1);
    }
  }

  /** Mines `tree`, every itemset extending `prefix[0..depth)`. */
  mine(tree: FpTree, depth: number, onProgress: ProgressCallback | undefined): void {
    if (tree.single) {
      if (tree.nNodes > 1) this.emitSinglePath(tree, depth, 1);
      return;
    }
    const m = tree.m;
    const step = Math.max(1, Math.ceil(m / 100));
    for (let j = m - 1; j >= 0; j--) {
      this.prefix[depth] = tree.toOriginal[j];
      this.emit(depth + 1, tree.support[j]);
      if (depth + 1 < this.maxLength && j > 0) {
        const cond = this.treeAt(depth + 1);
        if (this.buildConditional(tree, j, cond)) this.mine(cond, depth + 1, undefined);
      }
      if (depth === 0) {
        throwIfAborted(this.signal);
        const done = m - j;
        if (onProgress !== undefined && (done % step === 0 || j === 0)) onProgress({ phase: 'mining', done, total: m });
      }
    }
  }

  /**
   * Builds the conditional FP-tree of item `j` of `tree` into `cond`. Returns false when no item is
   * frequent in the conditional pattern base.
   */
  buildConditional(tree: FpTree, j: number, cond: FpTree): boolean {
    if ((++this.builds & 1023) === 0) throwIfAborted(this.signal);
    const cnt = this.cnt;
    const touched = this.touched;
    const nodeItem = tree.nodeItem;
    const nodeParent = tree.nodeParent;
    const nodeCount = tree.nodeCount;
    const nodeNext = tree.nodeNext;
    let nTouched = 0;
    // Pass 1: copy the prefix paths of j's nodes into `base` (as [length, count, items leaf-first …])
    // and count their items, so that the tree is walked once.
    let base: Int32Array = this.base;
    let used = 0;
    for (let n = tree.head[j]; n !== -1; n = nodeNext[n]) {
      const c = nodeCount[n];
      const at = used;
      used += 2;
      for (let a = nodeParent[n]; a !== 0; a = nodeParent[a]) {
        const x = nodeItem[a];
        if (cnt[x] === 0) touched[nTouched++] = x;
        cnt[x] += c;
        if (used === base.length) base = this.growBase(used);
        base[used++] = x;
      }
      if (used - at === 2) {
        used = at;
        continue;
      }
      base[at] = used - at - 2;
      base[at + 1] = c;
    }
    const minCount = this.minCount;
    const sel: number[] = [];
    for (let t = 0; t < nTouched; t++) {
      const x = touched[t];
      if (cnt[x] >= minCount) sel.push(x);
    }
    const k = sel.length;
    if (k === 0) {
      for (let t = 0; t < nTouched; t++) cnt[touched[t]] = 0;
      return false;
    }
    // Local ids by descending conditional support; ties by the parent tree's order.
    if (k > 1) sel.sort((x, y) => cnt[y] - cnt[x] || x - y);
    const newId = this.newId;
    cond.reset(k, Math.min(used, 1024));
    for (let r = 0; r < k; r++) {
      const x = sel[r];
      newId[x] = r;
      cond.toOriginal[r] = tree.toOriginal[x];
      cond.support[r] = cnt[x];
    }
    // Pass 2: insert each path, restricted to the frequent items and in local order, with its count.
    const table = this.table;
    table.reset(Math.min(used, 1024));
    const path = this.path;
    let q = 0;
    while (q < used) {
      const len = base[q];
      const c = base[q + 1];
      const e = q + 2 + len;
      let m = 0;
      for (let i = e - 1; i >= q + 2; i--) {
        const r = newId[base[i]];
        if (r >= 0) path[m++] = r;
      }
      q = e;
      if (m === 0) continue;
      if (m > 1) insertionSort(path, 0, m);
      insertPath(cond, table, path, m, c);
    }
    for (let t = 0; t < nTouched; t++) {
      const x = touched[t];
      cnt[x] = 0;
      newId[x] = -1;
    }
    return true;
  }

  /** Doubles the path buffer, keeping its first `used` entries. */
  growBase(used: number): Int32Array {
    const g = new Int32Array(this.base.length * 2);
    g.set(this.base.subarray(0, used));
    this.base = g;
    return g;
  }
}

/**
 * Builds the first FP-tree without any child look-up: the transactions, recoded and sorted by rank, are
 * sorted lexicographically, so each one shares with the tree exactly its longest common prefix with the
 * one before. Nodes come out in depth-first order, so a node's ancestors lie close together in memory.
 */
function buildFirstTree(
  transactions: TransactionSet,
  rank: Int32Array,
  nFrequent: number,
  tree: FpTree,
  signal: AbortSignal | undefined,
  onProgress: ProgressCallback | undefined,
): void {
  const items = transactions.items;
  const txOffsets = transactions.offsets;
  const nTx = transactions.size;
  // Recode: flat[start[i] .. start[i+1]) is transaction i's frequent items by ascending rank.
  const flat = new Int32Array(items.length);
  const start = new Int32Array(nTx + 1);
  let m = 0;
  let p = 0;
  for (let t = 0; t < nTx; t++) {
    const p0 = p;
    for (let k = txOffsets[t]; k < txOffsets[t + 1]; k++) {
      const r = rank[items[k]];
      if (r >= 0) flat[p++] = r;
    }
    if (p === p0) continue;
    if (p - p0 > 1) insertionSort(flat, p0, p);
    start[++m] = p;
  }
  throwIfAborted(signal);
  const order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  order.sort((x, y) => {
    let a = start[x];
    const ea = start[x + 1];
    let b = start[y];
    const eb = start[y + 1];
    while (a < ea && b < eb) {
      const d = flat[a++] - flat[b++];
      if (d !== 0) return d;
    }
    return ea - a - (eb - b);
  });
  throwIfAborted(signal);
  onProgress?.({ phase: 'building tree', done: 0, total: m });
  tree.reset(nFrequent, Math.min(p + 1, 1 << 16));
  const stack = new Int32Array(nFrequent + 1); // stack[d] = node at depth d on the previous path
  let prevStart = 0;
  let prevEnd = 0;
  const step = Math.max(1, Math.ceil(m / 10));
  for (let i = 0; i < m; i++) {
    const s = start[order[i]];
    const e = start[order[i] + 1];
    let lcp = 0;
    const maxL = Math.min(e - s, prevEnd - prevStart);
    while (lcp < maxL && flat[s + lcp] === flat[prevStart + lcp]) lcp++;
    if (tree.nNodes + (e - s - lcp) > tree.nodeItem.length) tree.grow(tree.nNodes + (e - s - lcp));
    const nodeCount = tree.nodeCount;
    for (let d = 1; d <= lcp; d++) nodeCount[stack[d]]++;
    if (lcp < e - s) {
      const nodeItem = tree.nodeItem;
      const nodeParent = tree.nodeParent;
      const nodeNext = tree.nodeNext;
      const hasChild = tree.hasChild;
      const head = tree.head;
      let parent = stack[lcp];
      if (hasChild[parent] === 1) tree.single = false;
      for (let d = lcp; d < e - s; d++) {
        const item = flat[s + d];
        const node = tree.nNodes++;
        nodeItem[node] = item;
        nodeParent[node] = parent;
        nodeCount[node] = 1;
        nodeNext[node] = head[item];
        head[item] = node;
        hasChild[node] = 0;
        hasChild[parent] = 1;
        stack[d + 1] = node;
        parent = node;
      }
    }
    prevStart = s;
    prevEnd = e;
    if ((i + 1) % step === 0) {
      throwIfAborted(signal);
      onProgress?.({ phase: 'building tree', done: i + 1, total: m });
    }
  }
}

/**
 * Mines frequent itemsets with FP-Growth (Han, Pei & Yin 2000). This is the default algorithm of
 * {@link mineItemsets}; its output is identical to {@link apriori}'s (canonical order: by length, then
 * item ids lexicographically; same counts).
 *
 * Two passes over the data: one to count items, one to build the FP-tree (items by descending
 * frequency); then recursive mining of conditional FP-trees, with a single-path shortcut. Time is
 * roughly proportional to the total size of the conditional trees, which is far less than Apriori's
 * candidate counting on dense data; memory is the first FP-tree (at most one node per item occurrence)
 * plus one conditional tree per recursion depth, plus the output (4 bytes per item id and 8 per
 * itemset).
 *
 * Options (see {@link ItemsetOptions}): exactly one of `minSupport`/`minCount`; `minLength` (default 1),
 * `maxLength` (default: no limit), `maxItemsets` (default 5,000,000, counted over every mined itemset,
 * including those shorter than `minLength` and before the closed/maximal selection), `target` (default
 * `'all'`; closed and maximal are relative to the itemsets of at most `maxLength` items). Progress
 * phases: `'counting items'`, `'building tree'`, then `'mining'` with `done`/`total` counted in frequent
 * items (at most about 100 reports). The signal is checked per frequent item and every 1,024
 * conditional trees.
 *
 * @param transactions - The transactions to mine.
 * @param options - The support threshold and the other options.
 * @returns The frequent itemsets, in canonical order.
 * @throws InvalidOptionError for bad options; InvalidInputError for an empty transaction set;
 *   LimitExceededError when more than `maxItemsets` itemsets are found; AbortedError when aborted.
 *
 * @example
 * ```ts
 * import { fpGrowth, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([
 *   ['bread', 'milk'],
 *   ['bread', 'diapers', 'beer', 'eggs'],
 *   ['milk', 'diapers', 'beer', 'cola'],
 *   ['bread', 'milk', 'diapers', 'beer'],
 *   ['bread', 'milk', 'diapers', 'cola'],
 * ]);
 * const itemsets = fpGrowth(baskets, { minSupport: 0.6, minLength: 2 });
 * console.log(itemsets.toArray().map((s) => `${s.items.join('+')} ${s.support}`));
 * // [ 'bread+milk 0.6', 'bread+diapers 0.6', 'milk+diapers 0.6', 'diapers+beer 0.6' ]
 * ```
 */
export function fpGrowth(transactions: TransactionSet, options: ItemsetOptions): FrequentItemsets {
  const opts = resolveItemsetOptions(transactions, options, 'fpGrowth');
  const { onProgress, signal } = options;
  throwIfAborted(signal);
  const nTx = transactions.size;
  const minCount = opts.minCount;

  // Frequent items by descending count (ties by id), recoded 0 … F-1.
  const itemCounts = transactions.itemCounts();
  const frequent: number[] = [];
  for (let id = 0; id < itemCounts.length; id++) if (itemCounts[id] >= minCount) frequent.push(id);
  frequent.sort((a, b) => itemCounts[b] - itemCounts[a] || a - b);
  const nFrequent = frequent.length;
  const rank = new Int32Array(itemCounts.length).fill(-1);
  for (let r = 0; r < nFrequent; r++) rank[frequent[r]] = r;
  onProgress?.({ phase: 'counting items', done: 1, total: 1 });

  const out = new ItemsetBuffer(opts.maxItemsets, minCount, nTx);
  if (nFrequent > 0) {
    const miner = new FpMiner(nFrequent, out, minCount, opts.maxLength, signal);
    const tree = miner.treeAt(0);
    buildFirstTree(transactions, rank, nFrequent, tree, signal, onProgress);
    for (let r = 0; r < nFrequent; r++) {
      tree.toOriginal[r] = frequent[r];
      tree.support[r] = itemCounts[frequent[r]];
    }
    miner.mine(tree, 0, onProgress);
    if (tree.single) onProgress?.({ phase: 'mining', done: nFrequent, total: nFrequent });
  }
  return finishItemsets(out, transactions, opts, false);
}
