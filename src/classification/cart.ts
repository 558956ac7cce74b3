/**
 * The CART growing engine: binary splits on presorted numeric features and native categorical subsets,
 * missing values routed to the better side, everything on typed arrays.
 *
 * Each numeric feature is sorted once (missing values last). Every node owns one contiguous segment of
 * each sorted index array; splitting a node partitions its segments stably in place, so every child's
 * segments stay sorted and no node ever copies the data or sorts again. The work is split into small
 * methods so that the JIT optimises each hot loop on its own.
 *
 * @module
 * @internal
 */
import { Random } from '../core/rng.js';

/**
 * A split criterion. @internal
 *
 * @example
 * ```ts
 * import { fitDecisionTree, fitRegressionTree, type Criterion } from 'crm-mining';
 * const classification: Criterion = fitDecisionTree([[1], [9]], ['a', 'b'], { criterion: 'gain-ratio' }).criterion;
 * const regression: Criterion = fitRegressionTree([[1], [9]], [10, 90]).criterion;
 * console.log(classification, regression); // gain-ratio squared-error
 * ```
 */
export type Criterion = 'gini' | 'entropy' | 'gain-ratio' | 'squared-error';

/**
 * The flat arrays of a tree; node 0 is the root, children always have larger ids than their parent.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type TreeArrays } from 'crm-mining';
 * const tree = fitDecisionTree([[1], [2], [10], [11]], ['a', 'a', 'b', 'b']);
 * const arrays: TreeArrays = tree.arrays;
 * // node 0 is the root; a leaf has feature −1
 * console.log(arrays.feature[0], arrays.threshold[0], Array.from(arrays.nSamples)); // 0 10 [4, 2, 2]
 * ```
 */
export interface TreeArrays {
  /** Split feature of each node; −1 for a leaf. */
  readonly feature: Int32Array;
  /** Numeric split: rows with value < threshold go left (+Infinity: known values left, missing right). */
  readonly threshold: Float64Array;
  /** Left child id (−1 for a leaf). */
  readonly left: Int32Array;
  /** Right child id (−1 for a leaf). */
  readonly right: Int32Array;
  /** 1 when a missing value goes left. */
  readonly missingLeft: Uint8Array;
  /** 1 when a category unseen at this node (or in training) goes left. */
  readonly unknownLeft: Uint8Array;
  /** Categorical split: the codes that go left (sorted); null for numeric splits and leaves. */
  readonly leftCategories: readonly (Int32Array | null)[];
  /** Categorical split: the codes seen at the node that go right (sorted); others follow `unknownLeft`. */
  readonly rightCategories: readonly (Int32Array | null)[];
  /** Training rows reaching the node. */
  readonly nSamples: Int32Array;
  /** Their total weight (sample weight × class weight). */
  readonly weight: Float64Array;
  /** Node impurity under the criterion (gini, entropy in bits, or variance). */
  readonly impurity: Float64Array;
  /** Per node: `width` values — the weighted class distribution (classification) or the weighted mean (regression). */
  readonly value: Float64Array;
  /** Per node: `width` unweighted class counts (classification) or `[count]` (regression). */
  readonly counts: Float64Array;
  /** Depth of each node (root 0). */
  readonly depth: Int32Array;
  /** Values per node in `value` and `counts`: the number of classes, or 1 for regression. */
  readonly width: number;
}

/** What the engine grows from. @internal */
export interface GrowInput {
  n: number;
  columns: Float64Array[];
  categorical: Uint8Array; // 1 for categorical features
  nCategories: Int32Array;
  /** Class codes (classification) — or null for regression. */
  yClass: Int32Array | null;
  nClasses: number;
  /** Targets for regression — or null. */
  yValue: Float64Array | null;
  /** Weight of each row (sample weight × class weight). */
  w: Float64Array;
}

/** Growing parameters (resolved). @internal */
export interface GrowParams {
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxFeatures: number;
  maxExhaustiveCategories: number;
  seed: number;
}

const LOG2E = Math.LOG2E;
// What a feature scan returns. A constant feature at a node is constant in the whole subtree. (Results
// are returned rather than stored in fields: a store on a rarely taken path of a hot, optimised scan
// would deoptimise it again and again.)
const NO_SPLIT = 0;
const SPLIT = 1;
const CONSTANT = 2;
const NEG_INF = -Infinity;
const RADIX_MIN = 512;

/**
 * Sorts `idx` (row ids) by `v[id]` ascending, stably (ties keep their order). LSD radix sort on the
 * IEEE-754 bits for large inputs, a comparison sort for small ones. Values must not be NaN. `scratch`
 * (optional) supplies the radix sort's buffers, to reuse them across columns.
 * @internal
 */
export function argsortByValue(v: Float64Array, idx: Int32Array, scratch?: RadixScratch): void {
  const n = idx.length;
  if (n < RADIX_MIN) {
    const order = Array.from(idx);
    order.sort((a, b) => v[a] - v[b] || a - b);
    for (let k = 0; k < n; k++) idx[k] = order[k];
    return;
  }
  // The IEEE-754 bits of each value as two 32-bit words, mapped so that unsigned order is numeric order.
  const sc = scratch !== undefined && scratch.bits.length >= n ? scratch : newRadixScratch(n);
  const lo = sc.lo;
  const hi = sc.hi;
  radixKeys(v, idx, n, sc.bits, sc.u, lo, hi);
  // Six passes of 11, 11 and 10 bits per 32-bit word, least significant first; the six histograms are
  // counted in one read pass up front (a permutation does not change them).
  const count = sc.count;
  count.fill(0);
  radixHistograms(lo, hi, n, count);
  let srcLo = lo;
  let srcHi = hi;
  let srcId: Int32Array = idx;
  let dstLo = sc.lo2;
  let dstHi = sc.hi2;
  let dstId: Int32Array = sc.id2;
  for (let pass = 0; pass < 6; pass++) {
    const keys = pass >= 3 ? srcHi : srcLo;
    const shift = (pass % 3) * 11;
    const mask = pass % 3 === 2 ? 0x3ff : 0x7ff;
    const off = pass * 2048;
    // A pass where every key has the same digit changes nothing (common: integer or 0/1 data).
    if (count[off + ((keys[0] >>> shift) & mask)] === n) continue;
    let sum = 0;
    for (let d = off; d < off + 2048; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    radixScatter(keys, shift, mask, off, count, n, srcLo, srcHi, srcId, dstLo, dstHi, dstId);
    const tl = srcLo;
    srcLo = dstLo;
    dstLo = tl;
    const th = srcHi;
    srcHi = dstHi;
    dstHi = th;
    const ti = srcId;
    srcId = dstId;
    dstId = ti;
  }
  if (srcId !== idx) idx.set(srcId.subarray(0, n));
}

/** The sort keys of v[idx[0..n)]: their IEEE-754 bits as two words, mapped so that unsigned order is numeric order. */
function radixKeys(v: Float64Array, idx: Int32Array, n: number, bits: Float64Array, u: Uint32Array, lo: Uint32Array, hi: Uint32Array): void {
  for (let k = 0; k < n; k++) bits[k] = v[idx[k]];
  for (let k = 0; k < n; k++) {
    const a = u[2 * k];
    const b = u[2 * k + 1];
    if (b >= 0x80000000) {
      lo[k] = ~a >>> 0;
      hi[k] = ~b >>> 0;
    } else {
      lo[k] = a;
      hi[k] = (b | 0x80000000) >>> 0;
    }
  }
}

/** The six digit histograms of the radix sort, in one pass. */
function radixHistograms(lo: Uint32Array, hi: Uint32Array, n: number, count: Int32Array): void {
  for (let k = 0; k < n; k++) {
    const a = lo[k];
    const b = hi[k];
    count[a & 0x7ff]++;
    count[2048 + ((a >>> 11) & 0x7ff)]++;
    count[4096 + (a >>> 22)]++;
    count[6144 + (b & 0x7ff)]++;
    count[8192 + ((b >>> 11) & 0x7ff)]++;
    count[10240 + (b >>> 22)]++;
  }
}

/** One stable counting-sort pass of the radix sort (`count` holds the start of each digit at `off`). */
function radixScatter(
  keys: Uint32Array,
  shift: number,
  mask: number,
  off: number,
  count: Int32Array,
  n: number,
  srcLo: Uint32Array,
  srcHi: Uint32Array,
  srcId: Int32Array,
  dstLo: Uint32Array,
  dstHi: Uint32Array,
  dstId: Int32Array,
): void {
  for (let k = 0; k < n; k++) {
    const pos = count[off + ((keys[k] >>> shift) & mask)]++;
    dstLo[pos] = srcLo[k];
    dstHi[pos] = srcHi[k];
    dstId[pos] = srcId[k];
  }
}

/** Reusable buffers of {@link argsortByValue} (one set serves every column of a fit). @internal */
export interface RadixScratch {
  bits: Float64Array;
  u: Uint32Array;
  lo: Uint32Array;
  hi: Uint32Array;
  lo2: Uint32Array;
  hi2: Uint32Array;
  id2: Int32Array;
  count: Int32Array;
}

/** Buffers for sorting up to `n` values. @internal */
export function newRadixScratch(n: number): RadixScratch {
  const bits = new Float64Array(n);
  return {
    bits,
    u: new Uint32Array(bits.buffer),
    lo: new Uint32Array(n),
    hi: new Uint32Array(n),
    lo2: new Uint32Array(n),
    hi2: new Uint32Array(n),
    id2: new Int32Array(n),
    count: new Int32Array(6 * 2048),
  };
}

/**
 * Whether a column holds at most two distinct known values (0/1 indicators, one-hot columns) and no −0
 * (which the radix sort would order before +0); if so, `out` receives [lower value, higher value (NaN
 * when there is only one), number of missing values]. One pass.
 */
function twoValued(v: Float64Array, out: Float64Array): boolean {
  out[0] = NaN;
  out[1] = NaN;
  const nMiss = twoValuesScan(v, out);
  if (nMiss < 0) return false;
  const a = out[0];
  const b = out[1];
  // −0 === 0, so a column with both 0 and −0 passes the scan: reject any zero that is −0.
  if ((a === 0 || b === 0) && hasNegativeZero(v)) return false;
  const lowIsA = b !== b || a < b;
  out[0] = lowIsA ? a : b;
  out[1] = lowIsA ? b : a;
  out[2] = nMiss;
  return true;
}

/**
 * The loop of {@link twoValued}: out[0] and out[1] (NaN on entry) receive the first two distinct known
 * values; returns the number of missing values, or −1 at a third distinct value.
 */
function twoValuesScan(v: Float64Array, out: Float64Array): number {
  const n = v.length;
  let a = NaN;
  let b = NaN;
  let nMiss = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x === a || x === b) continue;
    if (x !== x) nMiss++;
    else if (a !== a) {
      a = x;
      out[0] = x;
    } else if (b !== b) {
      b = x;
      out[1] = x;
    } else return -1;
  }
  return nMiss;
}

function hasNegativeZero(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] === 0 && 1 / v[i] < 0) return true;
  return false;
}

/**
 * The stable argsort (missing values last) of a column for which {@link twoValued} gave `info`: rows of
 * the lower value, then of the higher one, then missing ones, each group in row order — the order the
 * general presort gives.
 */
function presortTwoValued(v: Float64Array, info: Float64Array, idx: Int32Array): void {
  const n = v.length;
  const low = info[0];
  const high = info[1];
  let nLow = 0;
  for (let i = 0; i < n; i++) if (v[i] === low) nLow++;
  let pLow = 0;
  let pHigh = nLow;
  let pMiss = n - info[2];
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x === low) idx[pLow++] = i;
    else if (x === high) idx[pHigh++] = i;
    else idx[pMiss++] = i;
  }
}

/** Fills idx with the rows of known (non-NaN) values, then those of missing ones, each in row order; returns the number known. */
function knownFirst(v: Float64Array, idx: Int32Array, tmp: Int32Array): number {
  const known = knownRows(v, idx, tmp);
  idx.set(tmp.subarray(0, v.length - known), known);
  return known;
}

/** Rows of known values to idx[0..), rows of missing ones to tmp[0..), in row order; returns the number known. */
function knownRows(v: Float64Array, idx: Int32Array, tmp: Int32Array): number {
  const n = v.length;
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x === x) idx[a++] = i;
    else tmp[b++] = i;
  }
  return a;
}

/**
 * The first position of the last run of equal values in the sorted, NaN-free segment idx[start..end) of
 * column v (binary search; the segment holds at least two distinct values, so the result is > start).
 */
function lastRunStart(v: Float64Array, idx: Int32Array, start: number, end: number): number {
  const last = v[idx[end - 1]];
  let lo = start;
  let hi = end - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v[idx[mid]] < last) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// The hot loops below are free functions whose only statement after the loop is `return` of a local.
// In a fresh process the first call of each runs long enough to be optimised in the middle of the loop
// (on-stack replacement), before any code after the loop has run; code there would then lack type
// feedback and throw the optimised code away at every later call (measured: hundreds of deoptimisations
// per fit). Keeping the loops alone in their functions avoids that.

/** Sets goLeft for the rows[start..end) of a numeric split; returns how many go left. */
function markByThreshold(
  v: Float64Array,
  rows: Int32Array,
  start: number,
  end: number,
  threshold: number,
  missingLeft: boolean,
  goLeft: Uint8Array,
): number {
  let nl = 0;
  const miss = missingLeft ? 1 : 0;
  for (let k = start; k < end; k++) {
    const i = rows[k];
    const x = v[i];
    const l = x !== x ? miss : x < threshold ? 1 : 0;
    goLeft[i] = l;
    nl += l;
  }
  return nl;
}

/** Sets goLeft for the rows[start..end) of a categorical split; returns how many go left. */
function markByMask(v: Float64Array, rows: Int32Array, start: number, end: number, mask: Uint8Array, missingLeft: boolean, goLeft: Uint8Array): number {
  let nl = 0;
  const miss = missingLeft ? 1 : 0;
  for (let k = start; k < end; k++) {
    const i = rows[k];
    const c = v[i];
    const l = c < 0 ? miss : mask[c] === 1 ? 1 : 0;
    goLeft[i] = l;
    nl += l;
  }
  return nl;
}

/** Moves the ids of arr[start..end) flagged in goLeft to the front, in order, the others to tmp[0..); returns the end of the front part. */
function splitByFlag(arr: Int32Array, start: number, end: number, goLeft: Uint8Array, tmp: Int32Array): number {
  let a = start;
  let b = 0;
  for (let k = start; k < end; k++) {
    const i = arr[k];
    if (goLeft[i] === 1) arr[a++] = i;
    else tmp[b++] = i;
  }
  return a;
}

/** Adds w[i] to tot[y[i]] and 1 to cnt[y[i]] for the rows[start..end). */
function addClassTotals(rows: Int32Array, start: number, end: number, y: Int32Array, w: Float64Array, tot: Float64Array, cnt: Float64Array): void {
  for (let k = start; k < end; k++) {
    const i = rows[k];
    const c = y[i];
    tot[c] += w[i];
    cnt[c] += 1;
  }
}

/**
 * For the rows[start..end) whose value is `low`: adds w[i] to acc[y[i]]; returns their number. (The
 * rows are in row order, like the lower-valued rows of a presorted segment, so the sums are the same.)
 */
function addLowRows(v: Float64Array, low: number, rows: Int32Array, start: number, end: number, y: Int32Array, w: Float64Array, acc: Float64Array): number {
  let nl = 0;
  for (let k = start; k < end; k++) {
    const i = rows[k];
    if (v[i] !== low) continue;
    acc[y[i]] += w[i];
    nl++;
  }
  return nl;
}

/**
 * The gini threshold scan of a presorted segment without missing values (see Grower.scanGini): returns
 * the best score (−Infinity for none) and leaves its left weight in out[0] and threshold in out[1].
 */
function giniScan(
  v: Float64Array,
  idx: Int32Array,
  y: Int32Array,
  w: Float64Array,
  leftAcc: Float64Array,
  rightAcc: Float64Array,
  start: number,
  stop: number,
  nKnown: number,
  minLeaf: number,
  nodeW: number,
  base: number,
  tol: number,
  sqR0: number,
  out: Float64Array,
): number {
  let sqL = 0;
  let sqR = sqR0;
  let bestScore = NEG_INF;
  let lW = 0;
  let vi = v[idx[start]];
  for (let k = start; k < stop; k++) {
    const i = idx[k];
    const wi = w[i];
    const c = y[i];
    const l = leftAcc[c];
    const r = rightAcc[c];
    sqL += wi * (2 * l + wi);
    sqR -= wi * (2 * r - wi);
    leftAcc[c] = l + wi;
    rightAcc[c] = r - wi;
    lW += wi;
    const vn = v[idx[k + 1]];
    if (vn === vi) continue;
    vi = vn;
    const nl = k - start + 1;
    if (nl < minLeaf || nKnown - nl < minLeaf) continue;
    const wr = nodeW - lW;
    const score = base + (lW > 0 ? sqL / lW : 0) + (wr > 0 ? sqR / wr : 0);
    if (bestScore === NEG_INF || score > bestScore + tol) {
      bestScore = score;
      out[0] = lW;
      out[1] = vn;
    }
  }
  return bestScore;
}

/** How many values of v equal x. */
function countEqual(v: Float64Array, x: number): number {
  let c = 0;
  for (let i = 0; i < v.length; i++) if (v[i] === x) c++;
  return c;
}

/** Adds 1 to perRow[i + 1] for each row i where v[i] equals x; returns how many. */
function countRows(v: Float64Array, x: number, perRow: Int32Array): number {
  let c = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === x) {
      perRow[i + 1]++;
      c++;
    }
  }
  return c;
}

/** Writes `slot` into each row's next free place (next[i]) for the rows where v[i] equals x. */
function placeRows(v: Float64Array, x: number, slot: number, next: Int32Array, slots: Int32Array): void {
  for (let i = 0; i < v.length; i++) if (v[i] === x) slots[next[i]++] = slot;
}

/**
 * For the rows[start..end): adds w[i] to acc[slot·K + y[i]] and 1 to cnt[slot] for every slot listed for
 * row i in the CSR lists (slots[starts[i]..starts[i + 1])).
 */
function addSparseRows(
  rows: Int32Array,
  start: number,
  end: number,
  starts: Int32Array,
  slots: Int32Array,
  y: Int32Array,
  w: Float64Array,
  K: number,
  acc: Float64Array,
  cnt: Float64Array,
): void {
  for (let k = start; k < end; k++) {
    const i = rows[k];
    const c = y[i];
    const wi = w[i];
    const e = starts[i + 1];
    for (let q = starts[i]; q < e; q++) {
      const s = slots[q];
      acc[s * K + c] += wi;
      cnt[s] += 1;
    }
  }
}

/** Grows one tree; see the module comment. */
class Grower {
  private readonly n: number;
  private readonly p: number;
  private readonly K: number;
  private readonly regression: boolean;
  private readonly columns: Float64Array[];
  private readonly categorical: Uint8Array;
  private readonly nCategories: Int32Array;
  private readonly yClass: Int32Array;
  private readonly yValue: Float64Array;
  private readonly w: Float64Array;
  private readonly params: GrowParams;
  private readonly gini: boolean;
  private readonly gainRatio: boolean;
  private readonly fastGini: boolean;
  private readonly rng: Random;

  /** Presorted row ids of each numeric feature (null for categorical and binary features). */
  private readonly sorted: (Int32Array | null)[];
  /** 1 for a numeric feature with at most two distinct values and no missing value. */
  private readonly binary: Uint8Array;
  /** The lower and the higher value of each binary feature (NaN: only one value). */
  private readonly binLow: Float64Array;
  private readonly binHigh: Float64Array;
  /**
   * Binary features under gini, all at once: per row, the slots of the binary features whose value at
   * that row is the feature's rarer one (CSR: sparseStart, sparseSlot); binFeature[slot] is the feature,
   * binSlot[f] the slot of feature f (−1: none), binRareIsLow[slot] whether the rarer value is the lower.
   * At each node one pass over its rows adds up every binary feature's rarer rows (binAcc, binN).
   */
  private sparseStart: Int32Array = new Int32Array(0);
  private sparseSlot: Int32Array = new Int32Array(0);
  private readonly binSlot: Int32Array;
  private binRareIsLow: Uint8Array = new Uint8Array(0);
  private binAcc: Float64Array = new Float64Array(0);
  private binN: Float64Array = new Float64Array(0);
  private nBinary = 0;
  private readonly rows: Int32Array;
  private readonly goLeft: Uint8Array;
  private readonly tmp: Int32Array;
  private readonly featureOrder: Int32Array;
  private totalWeight = 0;

  // Scratch.
  private readonly nodeTot: Float64Array;
  private readonly nodeCnt: Float64Array;
  private readonly missTot: Float64Array;
  private readonly leftAcc: Float64Array;
  private readonly rightAcc: Float64Array;
  private readonly bufL: Float64Array;
  private readonly bufR: Float64Array;
  private readonly catW: Float64Array;
  private readonly catN: Int32Array;
  private readonly catSum: Float64Array;
  private readonly catSq: Float64Array;
  private readonly catWt: Float64Array;
  private readonly catOrder: Int32Array;
  private readonly catKey: Float64Array;
  private readonly present: Int32Array;
  /** What {@link giniScan} returns besides the score: the best split's left weight and threshold. */
  private readonly scanOut = new Float64Array(2);
  /** What {@link twoValued} reports for the feature being presorted. */
  private readonly twoInfo = new Float64Array(3);

  // Current node.
  private start = 0;
  private end = 0;
  private nodeW = 0;
  private nodeImpW = 0;
  private rSum = 0;
  private rSq = 0;
  // Missing values of the current feature at the node.
  private mN = 0;
  private mSum = 0;
  private mSq = 0;
  private mW = 0;
  // Best candidate of the current feature.
  private cScore = -Infinity;
  private cThreshold = 0;
  private cMissingLeft = false;
  private cWl = 0;
  private cWr = 0;
  private cMask: Uint8Array | null = null;
  /** Features known constant in the current node's subtree (not scanned, not partitioned). */
  private constant: Uint8Array = new Uint8Array(0);

  // Gain ratio: the best split of each feature at the current node (reused from node to node).
  private readonly grGain: number[] = [];
  private readonly grRatio: number[] = [];
  private readonly grFeature: number[] = [];
  private readonly grThreshold: number[] = [];
  private readonly grMask: (Uint8Array | null)[] = [];
  private readonly grMissingLeft: boolean[] = [];
  private readonly grWl: number[] = [];
  private readonly grScore: number[] = [];

  // Output.
  private readonly oFeature: number[] = [];
  private readonly oThreshold: number[] = [];
  private readonly oLeft: number[] = [];
  private readonly oRight: number[] = [];
  private readonly oMissingLeft: number[] = [];
  private readonly oUnknownLeft: number[] = [];
  private readonly oCats: (Int32Array | null)[] = [];
  private readonly oRCats: (Int32Array | null)[] = [];
  private readonly oN: number[] = [];
  private readonly oW: number[] = [];
  private readonly oImp: number[] = [];
  private readonly oValue: number[] = [];
  private readonly oCounts: number[] = [];
  private readonly oDepth: number[] = [];

  constructor(data: GrowInput, params: GrowParams) {
    this.n = data.n;
    this.p = data.columns.length;
    this.regression = data.yClass === null;
    this.K = this.regression ? 1 : data.nClasses;
    this.columns = data.columns;
    this.categorical = data.categorical;
    this.nCategories = data.nCategories;
    this.yClass = data.yClass ?? new Int32Array(0);
    this.yValue = data.yValue ?? new Float64Array(0);
    this.w = data.w;
    this.params = params;
    this.gini = params.criterion === 'gini';
    this.gainRatio = params.criterion === 'gain-ratio';
    this.fastGini = !this.regression && this.gini;
    this.rng = new Random(params.seed);
    const n = this.n;
    const K = this.K;
    this.rows = new Int32Array(n);
    for (let i = 0; i < n; i++) this.rows[i] = i;
    this.goLeft = new Uint8Array(n);
    this.tmp = new Int32Array(n);
    this.featureOrder = new Int32Array(this.p);
    for (let f = 0; f < this.p; f++) this.featureOrder[f] = f;
    this.nodeTot = new Float64Array(K);
    this.nodeCnt = new Float64Array(K);
    this.missTot = new Float64Array(K);
    this.leftAcc = new Float64Array(K);
    this.rightAcc = new Float64Array(K);
    this.bufL = new Float64Array(K);
    this.bufR = new Float64Array(K);
    let maxCats = 1;
    for (let f = 0; f < this.p; f++) if (this.nCategories[f] > maxCats) maxCats = this.nCategories[f];
    this.catW = new Float64Array(maxCats * K);
    this.catN = new Int32Array(maxCats);
    this.catSum = new Float64Array(maxCats);
    this.catSq = new Float64Array(maxCats);
    this.catWt = new Float64Array(maxCats);
    this.catOrder = new Int32Array(maxCats);
    this.catKey = new Float64Array(maxCats);
    this.present = new Int32Array(maxCats);
    this.sorted = new Array<Int32Array | null>(this.p).fill(null);
    const scratch = n >= RADIX_MIN ? newRadixScratch(n) : undefined;
    this.binary = new Uint8Array(this.p);
    this.binLow = new Float64Array(this.p);
    this.binHigh = new Float64Array(this.p);
    for (let f = 0; f < this.p; f++) if (!this.categorical[f]) this.sorted[f] = this.presort(f, scratch);
    this.binSlot = new Int32Array(this.p).fill(-1);
    if (this.fastGini) this.buildSparse();
    let tw = 0;
    for (let i = 0; i < n; i++) tw += this.w[i];
    this.totalWeight = tw;
  }

  /** Sets up the per-row lists of rarer binary values (see sparseStart). */
  private buildSparse(): void {
    const { n, p } = this;
    let m = 0;
    for (let f = 0; f < p; f++) if (this.binary[f] === 1) this.binSlot[f] = m++;
    this.nBinary = m;
    if (m === 0) return;
    const rareIsLow = new Uint8Array(m);
    const rareValue = new Float64Array(m);
    const perRow = new Int32Array(n + 1);
    let total = 0;
    for (let f = 0; f < p; f++) {
      const slot = this.binSlot[f];
      if (slot < 0) continue;
      const v = this.columns[f];
      const low = this.binLow[f];
      const nLow = countEqual(v, low);
      rareIsLow[slot] = nLow <= n - nLow ? 1 : 0;
      rareValue[slot] = rareIsLow[slot] === 1 ? low : this.binHigh[f];
      total += countRows(v, rareValue[slot], perRow);
    }
    // perRow[i + 1] holds row i's count: prefix sums give each row's start.
    for (let i = 0; i < n; i++) perRow[i + 1] += perRow[i];
    const slots = new Int32Array(total);
    const next = perRow.slice(0, n);
    for (let f = 0; f < p; f++) {
      const slot = this.binSlot[f];
      if (slot >= 0) placeRows(this.columns[f], rareValue[slot], slot, next, slots);
    }
    this.sparseStart = perRow;
    this.sparseSlot = slots;
    this.binRareIsLow = rareIsLow;
    this.binAcc = new Float64Array(m * this.K);
    this.binN = new Float64Array(m);
  }

  /**
   * Row ids of feature f sorted by value, missing (NaN) last in row order — or null for a two-valued
   * feature without missing values, which is scanned from the node's rows instead (see scanBinaryGini).
   */
  private presort(f: number, scratch: RadixScratch | undefined): Int32Array | null {
    const n = this.n;
    const v = this.columns[f];
    const info = this.twoInfo;
    if (twoValued(v, info)) {
      if (info[2] === 0) {
        this.binary[f] = 1;
        this.binLow[f] = info[0];
        this.binHigh[f] = info[1];
        return null;
      }
      const idx = new Int32Array(n);
      presortTwoValued(v, info, idx);
      return idx;
    }
    const idx = new Int32Array(n);
    const known = knownFirst(v, idx, this.tmp);
    argsortByValue(v, idx.subarray(0, known), scratch);
    return idx;
  }

  private impurity(c: Float64Array, total: number): number {
    if (total <= 0) return 0;
    const K = this.K;
    if (this.gini) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const q = c[k] / total;
        s += q * q;
      }
      return 1 - s;
    }
    let h = 0;
    for (let k = 0; k < K; k++) {
      const q = c[k] / total;
      if (q > 0) h -= q * Math.log(q) * LOG2E;
    }
    return h;
  }

  /** Computes and records the node's statistics; returns its impurity. */
  private openNode(id: number, depth: number): number {
    const { start, end, rows, w } = this;
    let nodeW = 0;
    let imp: number;
    if (this.regression) {
      const y = this.yValue;
      let s = 0;
      let q = 0;
      for (let k = start; k < end; k++) {
        const i = rows[k];
        const wi = w[i];
        s += wi * y[i];
        q += wi * y[i] * y[i];
        nodeW += wi;
      }
      this.rSum = s;
      this.rSq = q;
      const mean = nodeW > 0 ? s / nodeW : 0;
      imp = nodeW > 0 ? Math.max(0, q / nodeW - mean * mean) : 0;
      this.oValue.push(mean);
      this.oCounts.push(end - start);
    } else {
      const K = this.K;
      const tot = this.nodeTot;
      const cnt = this.nodeCnt;
      tot.fill(0);
      cnt.fill(0);
      addClassTotals(rows, start, end, this.yClass, w, tot, cnt);
      for (let k = 0; k < K; k++) nodeW += tot[k];
      imp = this.impurity(tot, nodeW);
      for (let k = 0; k < K; k++) {
        this.oValue.push(tot[k]);
        this.oCounts.push(cnt[k]);
      }
    }
    this.nodeW = nodeW;
    this.nodeImpW = nodeW * imp;
    this.oFeature.push(-1);
    this.oThreshold.push(0);
    this.oLeft.push(-1);
    this.oRight.push(-1);
    this.oMissingLeft.push(0);
    this.oUnknownLeft.push(0);
    this.oCats.push(null);
    this.oRCats.push(null);
    this.oN.push(end - start);
    this.oW.push(nodeW);
    this.oImp.push(imp);
    this.oDepth.push(depth);
    void id;
    return imp;
  }

  /**
   * Evaluates a split whose left part of known values has the given totals (leftAcc for classes), with
   * the missing rows right and — when allowed — left; keeps it in the candidate when better.
   */
  private evalSplit(nl: number, nr: number, lSum: number, lSq: number, lW: number, allowMissLeft: boolean): boolean {
    const K = this.K;
    const mN = this.mN;
    const nodeW = this.nodeW;
    const minLeaf = this.params.minSamplesLeaf;
    let found = false;
    const options = mN > 0 && allowMissLeft ? 2 : 1;
    for (let opt = 0; opt < options; opt++) {
      const ml = opt === 1;
      const nL = nl + (ml ? mN : 0);
      const nR = nr + (ml ? 0 : mN);
      if (nL < minLeaf || nR < minLeaf) continue;
      let wl: number;
      let impL: number;
      let impR: number;
      if (this.regression) {
        const sL = lSum + (ml ? this.mSum : 0);
        const qL = lSq + (ml ? this.mSq : 0);
        wl = lW + (ml ? this.mW : 0);
        const wr0 = nodeW - wl;
        const sR = this.rSum - sL;
        const qR = this.rSq - qL;
        impL = wl > 0 ? Math.max(0, qL / wl - (sL / wl) * (sL / wl)) : 0;
        impR = wr0 > 0 ? Math.max(0, qR / wr0 - (sR / wr0) * (sR / wr0)) : 0;
      } else {
        wl = 0;
        const bufL = this.bufL;
        const bufR = this.bufR;
        for (let k = 0; k < K; k++) {
          const v = this.leftAcc[k] + (ml ? this.missTot[k] : 0);
          bufL[k] = v;
          bufR[k] = this.nodeTot[k] - v;
          wl += v;
        }
        impL = this.impurity(bufL, wl);
        impR = this.impurity(bufR, nodeW - wl);
      }
      const wr = nodeW - wl;
      const score = this.nodeImpW - wl * impL - wr * impR;
      if (this.cScore === -Infinity || score > this.cScore + 1e-12 * Math.abs(this.nodeImpW)) {
        this.cScore = score;
        this.cMissingLeft = mN > 0 ? ml : wl >= wr;
        this.cWl = wl;
        this.cWr = wr;
        found = true;
      }
    }
    return found;
  }

  /** The missing-value totals of feature f's sorted segment [knownEnd, end). */
  private missingStats(idx: Int32Array, knownEnd: number): void {
    const { w, end } = this;
    this.mN = end - knownEnd;
    let s = 0;
    let q = 0;
    let mw = 0;
    if (!this.regression) this.missTot.fill(0);
    for (let k = knownEnd; k < end; k++) {
      const i = idx[k];
      const wi = w[i];
      if (this.regression) {
        const yi = this.yValue[i];
        s += wi * yi;
        q += wi * yi * yi;
      } else this.missTot[this.yClass[i]] += wi;
      mw += wi;
    }
    this.mSum = s;
    this.mSq = q;
    this.mW = mw;
  }

  /** Best threshold of numeric feature f (gini, no missing values): O(1) per row. */
  private scanGini(v: Float64Array, idx: Int32Array, knownEnd: number): number {
    const K = this.K;
    const { start, w, nodeW } = this;
    const y = this.yClass;
    const leftAcc = this.leftAcc;
    const rightAcc = this.rightAcc;
    let sqR = 0;
    for (let c = 0; c < K; c++) {
      leftAcc[c] = 0;
      rightAcc[c] = this.nodeTot[c];
      sqR += this.nodeTot[c] * this.nodeTot[c];
    }
    const nKnown = knownEnd - start;
    const minLeaf = this.params.minSamplesLeaf;
    const base = this.nodeImpW - nodeW;
    const tol = 1e-12 * Math.abs(this.nodeImpW);
    // Rows of the last run of equal values only add to the totals (no threshold follows them): stop before it.
    const stop = lastRunStart(v, idx, start, knownEnd);
    const out = this.scanOut;
    const bestScore = giniScan(v, idx, y, w, leftAcc, rightAcc, start, stop, nKnown, minLeaf, nodeW, base, tol, sqR, out);
    if (bestScore === NEG_INF) return NO_SPLIT;
    const bestWl = out[0];
    const bestTh = out[1];
    this.cScore = bestScore;
    this.cThreshold = bestTh;
    this.cWl = bestWl;
    this.cWr = nodeW - bestWl;
    this.cMissingLeft = bestWl >= nodeW - bestWl;
    return SPLIT;
  }

  /**
   * Best split of a binary feature (two values, none missing): its only threshold is the higher value.
   * The node's rows are in row order, and so are the lower-valued rows of a presorted segment, so adding
   * up the lower-valued rows of `rows` in order gives the very sums the presorted scan gives.
   */
  private scanBinaryGini(f: number): number {
    const K = this.K;
    const v = this.columns[f];
    const low = this.binLow[f];
    const { start, end, rows, w, nodeW } = this;
    const y = this.yClass;
    const leftAcc = this.leftAcc;
    const tot = this.nodeTot;
    const nNode = end - start;
    let nl: number;
    const slot = this.binSlot[f];
    if (slot >= 0) {
      // The node's sums of the rarer value (binarySums): the lower value's are either those or the rest.
      const acc = this.binAcc;
      const low = this.binRareIsLow[slot] === 1;
      nl = low ? this.binN[slot] : nNode - this.binN[slot];
      for (let c = 0; c < K; c++) leftAcc[c] = low ? acc[slot * K + c] : tot[c] - acc[slot * K + c];
    } else {
      leftAcc.fill(0);
      nl = addLowRows(v, low, rows, start, end, y, w, leftAcc);
    }
    if (nl === 0 || nl === nNode) return CONSTANT;
    const minLeaf = this.params.minSamplesLeaf;
    if (nl < minLeaf || nNode - nl < minLeaf) return NO_SPLIT;
    let lW = 0;
    let sqL = 0;
    let sqR = 0;
    for (let c = 0; c < K; c++) {
      const l = leftAcc[c];
      const r = tot[c] - l;
      lW += l;
      sqL += l * l;
      sqR += r * r;
    }
    const wr = nodeW - lW;
    this.cScore = this.nodeImpW - nodeW + (lW > 0 ? sqL / lW : 0) + (wr > 0 ? sqR / wr : 0);
    this.cThreshold = this.binHigh[f];
    this.cWl = lW;
    this.cWr = nodeW - lW;
    this.cMissingLeft = lW >= nodeW - lW;
    return SPLIT;
  }

  /** Best split of a binary feature (see scanBinaryGini), any criterion: the sums of the general scan. */
  private scanBinary(f: number): number {
    const v = this.columns[f];
    const low = this.binLow[f];
    const { start, end, rows, w } = this;
    const regression = this.regression;
    const yv = this.yValue;
    const yc = this.yClass;
    const leftAcc = this.leftAcc;
    leftAcc.fill(0);
    let lSum = 0;
    let lSq = 0;
    let lW = 0;
    let nl = 0;
    if (regression) {
      for (let k = start; k < end; k++) {
        const i = rows[k];
        if (v[i] !== low) continue;
        const wi = w[i];
        const yi = yv[i];
        lSum += wi * yi;
        lSq += wi * yi * yi;
        lW += wi;
        nl++;
      }
    } else {
      nl = addLowRows(v, low, rows, start, end, yc, w, leftAcc);
      for (let c = 0; c < this.K; c++) lW += leftAcc[c];
    }
    const nNode = end - start;
    if (nl === 0 || nl === nNode) return CONSTANT;
    this.mN = 0;
    this.mSum = 0;
    this.mSq = 0;
    this.mW = 0;
    if (!regression) this.missTot.fill(0);
    if (this.evalSplit(nl, nNode - nl, lSum, lSq, lW, true)) {
      this.cThreshold = this.binHigh[f];
      return SPLIT;
    }
    return NO_SPLIT;
  }

  /** Best threshold of numeric feature f, general case (any criterion, missing values). */
  private scanNumeric(f: number): number {
    if (this.binary[f] === 1) return this.fastGini ? this.scanBinaryGini(f) : this.scanBinary(f);
    const v = this.columns[f];
    const idx = this.sorted[f]!;
    const { start, end, w } = this;
    let knownEnd = end;
    while (knownEnd > start && v[idx[knownEnd - 1]] !== v[idx[knownEnd - 1]]) knownEnd--;
    if (knownEnd === start) return CONSTANT; // all missing
    const mN0 = end - knownEnd;
    if (mN0 === 0 && v[idx[start]] === v[idx[knownEnd - 1]]) return CONSTANT;
    if (mN0 === 0 && this.fastGini) {
      this.mN = 0;
      return this.scanGini(v, idx, knownEnd);
    }
    this.missingStats(idx, knownEnd);
    const regression = this.regression;
    const yv = this.yValue;
    const yc = this.yClass;
    const leftAcc = this.leftAcc;
    leftAcc.fill(0);
    let lSum = 0;
    let lSq = 0;
    let lW = 0;
    const nKnown = knownEnd - start;
    let found = false;
    // Without missing values, the rows of the last run of equal values are followed by no candidate split.
    const stop = this.mN > 0 ? knownEnd : lastRunStart(v, idx, start, knownEnd);
    for (let k = start; k < stop; k++) {
      const i = idx[k];
      const wi = w[i];
      if (regression) {
        const yi = yv[i];
        lSum += wi * yi;
        lSq += wi * yi * yi;
      } else leftAcc[yc[i]] += wi;
      lW += wi;
      if (k === knownEnd - 1) {
        // Every known value left, every missing one right: threshold +Infinity ("is known").
        if (this.mN > 0 && this.evalSplit(nKnown, 0, lSum, lSq, lW, false)) {
          this.cThreshold = Infinity;
          found = true;
        }
        break;
      }
      const vn = v[idx[k + 1]];
      if (vn === v[i]) continue;
      const nl = k - start + 1;
      if (this.evalSplit(nl, nKnown - nl, lSum, lSq, lW, true)) {
        this.cThreshold = vn;
        found = true;
      }
    }
    return found ? SPLIT : NO_SPLIT;
  }

  /** Evaluates each prefix of catOrder[0..m) as the left set. */
  private scanOrdering(m: number, nPresent: number, nKnown: number): void {
    const K = this.K;
    const leftAcc = this.leftAcc;
    leftAcc.fill(0);
    let lSum = 0;
    let lSq = 0;
    let lW = 0;
    let nl = 0;
    for (let j = 0; j < nPresent - 1; j++) {
      const c = this.catOrder[j];
      nl += this.catN[c];
      if (this.regression) {
        lSum += this.catSum[c];
        lSq += this.catSq[c];
        lW += this.catWt[c];
      } else {
        for (let k = 0; k < K; k++) {
          leftAcc[k] += this.catW[c * K + k];
          lW += this.catW[c * K + k];
        }
      }
      if (this.evalSplit(nl, nKnown - nl, lSum, lSq, lW, true)) {
        const mask = new Uint8Array(m);
        for (let q = 0; q <= j; q++) mask[this.catOrder[q]] = 1;
        this.cMask = mask;
      }
    }
  }

  private sortCatOrder(nPresent: number): void {
    const key = this.catKey;
    const order = Array.from(this.catOrder.subarray(0, nPresent)).sort((a, b) => key[a] - key[b] || a - b);
    for (let j = 0; j < nPresent; j++) this.catOrder[j] = order[j];
  }

  /** Best subset split of categorical feature f. */
  private scanCategorical(f: number): number {
    const K = this.K;
    const v = this.columns[f];
    const m = this.nCategories[f];
    const { start, end, rows, w } = this;
    const regression = this.regression;
    const catW = this.catW;
    const catN = this.catN;
    if (regression) {
      this.catSum.fill(0, 0, m);
      this.catSq.fill(0, 0, m);
      this.catWt.fill(0, 0, m);
    } else catW.fill(0, 0, m * K);
    catN.fill(0, 0, m);
    let mN = 0;
    let ms = 0;
    let mq = 0;
    let mw = 0;
    if (!regression) this.missTot.fill(0);
    for (let k = start; k < end; k++) {
      const i = rows[k];
      const c = v[i];
      const wi = w[i];
      if (c < 0) {
        mN++;
        mw += wi;
        if (regression) {
          ms += wi * this.yValue[i];
          mq += wi * this.yValue[i] * this.yValue[i];
        } else this.missTot[this.yClass[i]] += wi;
        continue;
      }
      catN[c]++;
      if (regression) {
        const yi = this.yValue[i];
        this.catSum[c] += wi * yi;
        this.catSq[c] += wi * yi * yi;
        this.catWt[c] += wi;
      } else catW[c * K + this.yClass[i]] += wi;
    }
    this.mN = mN;
    this.mSum = ms;
    this.mSq = mq;
    this.mW = mw;
    let nPresent = 0;
    for (let c = 0; c < m; c++) if (catN[c] > 0) this.present[nPresent++] = c;
    if (nPresent === 0 || (nPresent === 1 && mN === 0)) return CONSTANT;
    const nKnown = end - start - mN;
    this.cMask = null;
    for (let j = 0; j < nPresent; j++) this.catOrder[j] = this.present[j];
    if (nPresent === 1) {
      // Only one category and missing values: nothing to order.
    } else if (regression || K === 2) {
      // Breiman: ordering categories by mean target / class-1 rate gives the optimal subset split.
      for (let j = 0; j < nPresent; j++) {
        const c = this.present[j];
        if (regression) this.catKey[c] = this.catWt[c] > 0 ? this.catSum[c] / this.catWt[c] : 0;
        else {
          const tw = catW[c * K] + catW[c * K + 1];
          this.catKey[c] = tw > 0 ? catW[c * K + 1] / tw : 0;
        }
      }
      this.sortCatOrder(nPresent);
      this.scanOrdering(m, nPresent, nKnown);
    } else if (nPresent <= this.params.maxExhaustiveCategories) {
      // Exhaustive over the 2^(m−1) − 1 subsets (the last present category always goes right).
      const leftAcc = this.leftAcc;
      for (let mask = 1; mask < 1 << (nPresent - 1); mask++) {
        leftAcc.fill(0);
        let lW = 0;
        let nl = 0;
        for (let j = 0; j < nPresent - 1; j++) {
          if (!(mask & (1 << j))) continue;
          const c = this.present[j];
          nl += catN[c];
          for (let k = 0; k < K; k++) {
            leftAcc[k] += catW[c * K + k];
            lW += catW[c * K + k];
          }
        }
        if (this.evalSplit(nl, nKnown - nl, 0, 0, lW, true)) {
          const bm = new Uint8Array(m);
          for (let j = 0; j < nPresent - 1; j++) if (mask & (1 << j)) bm[this.present[j]] = 1;
          this.cMask = bm;
        }
      }
    } else {
      // Many categories, more than two classes: one ordering per class (by that class's rate), each
      // scanned like a numeric feature; the best prefix over all orderings wins.
      for (let cls = 0; cls < K; cls++) {
        for (let j = 0; j < nPresent; j++) {
          const c = this.present[j];
          let tw = 0;
          for (let k = 0; k < K; k++) tw += catW[c * K + k];
          this.catKey[c] = tw > 0 ? catW[c * K + cls] / tw : 0;
        }
        this.sortCatOrder(nPresent);
        this.scanOrdering(m, nPresent, nKnown);
      }
    }
    if (mN > 0) {
      // Every present category left, every missing value right.
      const leftAcc = this.leftAcc;
      leftAcc.fill(0);
      let lSum = 0;
      let lSq = 0;
      let lW = 0;
      for (let j = 0; j < nPresent; j++) {
        const c = this.present[j];
        if (regression) {
          lSum += this.catSum[c];
          lSq += this.catSq[c];
          lW += this.catWt[c];
        } else {
          for (let k = 0; k < K; k++) {
            leftAcc[k] += catW[c * K + k];
            lW += catW[c * K + k];
          }
        }
      }
      if (this.evalSplit(nKnown, 0, lSum, lSq, lW, false)) {
        const bm = new Uint8Array(m);
        for (let j = 0; j < nPresent; j++) bm[this.present[j]] = 1;
        this.cMask = bm;
      }
    }
    return this.cMask !== null ? SPLIT : NO_SPLIT;
  }

  /**
   * Partitions the node's rows and every sorted array by goLeft, stably; returns the left count. The
   * sorted arrays are left alone when neither child (at `childDepth`) can be split: only split nodes
   * read them.
   */
  private partition(f: number, threshold: number, mask: Uint8Array | null, missingLeft: boolean, childDepth: number): number {
    const { start, end, rows, goLeft } = this;
    const v = this.columns[f];
    const nl =
      mask !== null ? markByMask(v, rows, start, end, mask, missingLeft, goLeft) : markByThreshold(v, rows, start, end, threshold, missingLeft, goLeft);
    this.partitionArray(rows);
    const params = this.params;
    const larger = Math.max(nl, end - start - nl);
    if (childDepth >= params.maxDepth || larger < params.minSamplesSplit || larger < 2 * params.minSamplesLeaf) return nl;
    const constant = this.constant;
    for (let g = 0; g < this.p; g++) {
      const s = this.sorted[g];
      if (s !== null && constant[g] === 0) this.partitionArray(s);
    }
    return nl;
  }

  /** Stable partition of arr[start..end): left rows compacted in place, right rows through `tmp`. */
  private partitionArray(arr: Int32Array): void {
    const { start, end, tmp } = this;
    const a = splitByFlag(arr, start, end, this.goLeft, tmp);
    arr.set(tmp.subarray(0, end - a), a);
  }

  grow(): TreeArrays {
    const params = this.params;
    const p = this.p;
    // Node stack: start, end, depth, parent, side (0 left, 1 right).
    const stack: number[] = [0, this.n, 0, -1, 0];
    const masks: Uint8Array[] = [new Uint8Array(p)];
    while (stack.length > 0) {
      let constant = masks.pop()!;
      let ownMask = false;
      const side = stack.pop()!;
      const parent = stack.pop()!;
      const depth = stack.pop()!;
      const end = stack.pop()!;
      const start = stack.pop()!;
      const id = this.oFeature.length;
      if (parent >= 0) {
        if (side === 0) this.oLeft[parent] = id;
        else this.oRight[parent] = id;
      }
      this.start = start;
      this.end = end;
      const nNode = end - start;
      const imp = this.openNode(id, depth);
      if (depth >= params.maxDepth || nNode < params.minSamplesSplit || nNode < 2 * params.minSamplesLeaf || imp <= 1e-12 || this.nodeW <= 0) {
        continue;
      }
      // Feature subset for this node: a random order; features constant at the node do not count, and
      // when none of the first maxFeatures allows a split, further features are tried until one does.
      const sampled = params.maxFeatures < p;
      if (sampled) {
        for (let t = 0; t < p - 1; t++) {
          const j = t + this.rng.int(p - t);
          const x = this.featureOrder[t];
          this.featureOrder[t] = this.featureOrder[j];
          this.featureOrder[j] = x;
        }
      }
      let tried = 0;
      let bestFeature = -1;
      let bScore = -Infinity;
      let bThreshold = 0;
      let bMask: Uint8Array | null = null;
      let bMissingLeft = false;
      let bWl = 0;
      let bWr = 0;
      // Gain ratio: each feature's best split by gain; among those with gain >= the mean, the best ratio.
      const grGain = this.grGain;
      const grRatio = this.grRatio;
      const grFeature = this.grFeature;
      const grThreshold = this.grThreshold;
      const grMask = this.grMask;
      const grMissingLeft = this.grMissingLeft;
      const grWl = this.grWl;
      const grScore = this.grScore;
      grGain.length = 0;
      grRatio.length = 0;
      grFeature.length = 0;
      grThreshold.length = 0;
      grMask.length = 0;
      grMissingLeft.length = 0;
      grWl.length = 0;
      grScore.length = 0;
      const tol = 1e-12 * Math.abs(this.nodeImpW);
      if (this.nBinary > 0) {
        this.binAcc.fill(0);
        this.binN.fill(0);
        addSparseRows(this.rows, start, end, this.sparseStart, this.sparseSlot, this.yClass, this.w, this.K, this.binAcc, this.binN);
      }
      for (let t = 0; t < p; t++) {
        if (sampled && tried >= params.maxFeatures && (bestFeature >= 0 || grFeature.length > 0)) break;
        const f = sampled ? this.featureOrder[t] : t;
        if (constant[f] === 1) continue;
        this.cScore = -Infinity;
        this.cMask = null;
        const res = this.categorical[f] ? this.scanCategorical(f) : this.scanNumeric(f);
        if (res === CONSTANT) {
          if (!ownMask) {
            constant = constant.slice();
            ownMask = true;
          }
          constant[f] = 1;
        } else tried++;
        if (res !== SPLIT) continue;
        if (this.gainRatio) {
          const fl = this.cWl / this.nodeW;
          const fr = this.cWr / this.nodeW;
          let splitInfo = 0;
          if (fl > 0) splitInfo -= fl * Math.log2(fl);
          if (fr > 0) splitInfo -= fr * Math.log2(fr);
          const gain = this.cScore / this.nodeW;
          grGain.push(gain);
          grRatio.push(splitInfo > 0 ? gain / splitInfo : 0);
          grFeature.push(f);
          grThreshold.push(this.cThreshold);
          grMask.push(this.cMask);
          grMissingLeft.push(this.cMissingLeft);
          grWl.push(this.cWl);
          grScore.push(this.cScore);
        } else if (bestFeature < 0 || this.cScore > bScore + tol) {
          bestFeature = f;
          bScore = this.cScore;
          bThreshold = this.cThreshold;
          bMask = this.cMask;
          bMissingLeft = this.cMissingLeft;
          bWl = this.cWl;
          bWr = this.cWr;
        }
      }
      if (this.gainRatio && grFeature.length > 0) {
        let meanGain = 0;
        for (const g of grGain) meanGain += g;
        meanGain /= grGain.length;
        let bestRatio = -Infinity;
        for (let q = 0; q < grFeature.length; q++) {
          if (grGain[q] < meanGain - 1e-12) continue;
          if (grRatio[q] > bestRatio + 1e-12) {
            bestRatio = grRatio[q];
            bestFeature = grFeature[q];
            bScore = grScore[q];
            bThreshold = grThreshold[q];
            bMask = grMask[q];
            bMissingLeft = grMissingLeft[q];
            bWl = grWl[q];
            bWr = this.nodeW - grWl[q];
          }
        }
      }
      if (bestFeature < 0) continue;
      if (bScore / this.totalWeight + 1e-12 < params.minImpurityDecrease) continue;

      // Record the split.
      const f = bestFeature;
      this.oFeature[id] = f;
      this.oMissingLeft[id] = bMissingLeft ? 1 : 0;
      this.oUnknownLeft[id] = bWl >= bWr ? 1 : 0;
      if (this.categorical[f]) {
        const mask = bMask!;
        const left: number[] = [];
        const right: number[] = [];
        // Categories seen at the node: recount (the scratch counts belong to the last feature scanned).
        const seen = new Uint8Array(this.nCategories[f]);
        const v = this.columns[f];
        for (let k = start; k < end; k++) {
          const c = v[this.rows[k]];
          if (c >= 0) seen[c] = 1;
        }
        for (let c = 0; c < seen.length; c++) {
          if (mask[c]) left.push(c);
          else if (seen[c]) right.push(c);
        }
        this.oCats[id] = Int32Array.from(left);
        this.oRCats[id] = Int32Array.from(right);
      } else this.oThreshold[id] = bThreshold;
      this.constant = constant;
      const nl = this.partition(f, bThreshold, this.categorical[f] ? bMask : null, bMissingLeft, depth + 1);
      // Right first on the stack so the left child gets the next id (preorder).
      stack.push(start + nl, end, depth + 1, id, 1);
      masks.push(constant);
      stack.push(start, start + nl, depth + 1, id, 0);
      masks.push(constant);
    }
    return {
      feature: Int32Array.from(this.oFeature),
      threshold: Float64Array.from(this.oThreshold),
      left: Int32Array.from(this.oLeft),
      right: Int32Array.from(this.oRight),
      missingLeft: Uint8Array.from(this.oMissingLeft),
      unknownLeft: Uint8Array.from(this.oUnknownLeft),
      leftCategories: this.oCats,
      rightCategories: this.oRCats,
      nSamples: Int32Array.from(this.oN),
      weight: Float64Array.from(this.oW),
      impurity: Float64Array.from(this.oImp),
      value: Float64Array.from(this.oValue),
      counts: Float64Array.from(this.oCounts),
      depth: Int32Array.from(this.oDepth),
      width: this.K,
    };
  }
}

/** Grows a tree. @internal */
export function growTree(data: GrowInput, params: GrowParams): TreeArrays {
  return new Grower(data, params).grow();
}
