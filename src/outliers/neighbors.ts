/**
 * Exact k-nearest-neighbour search over typed arrays, and the column standardisation the distance-based
 * detectors can apply first.
 *
 * Up to 16 columns (and from 64 training rows, all values finite) the search walks a k-d tree built per
 * call (median splits on the widest column, 30 rows per leaf, as scikit-learn's default), nearer child
 * first, skipping a node only when its bounding box is strictly farther than the current k-th best.
 * Otherwise it is a brute force that stops summing a candidate's coordinates as soon as the partial sum
 * exceeds the current k-th best (partial distance search). Both keep, per query row, a bounded max-heap
 * of the k best squared Euclidean distances, sum every distance in column order and break ties by the
 * lower training index, so they return the same neighbours and bit-identical distances. Cost: brute force
 * O(n_query · n_train · d) in the worst case; tree build O(n_train · d · log n_train), and a query visits
 * far fewer rows than n_train at low dimension. Memory O(n_query · k + n_train · d).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { toMatrix, type Matrix } from '../core/matrix.js';

/**
 * The k nearest training rows of each query row.
 *
 * @example
 * ```ts
 * import { kNearestNeighbors, toMatrix, type Neighbors } from 'crm-mining';
 * const nn: Neighbors = kNearestNeighbors(toMatrix([[0], [1], [3]]), toMatrix([[2.2]]), 2);
 * // row-major rows × k, nearest first
 * console.log(Array.from(nn.indices), Array.from(nn.distances).map((d) => d.toFixed(1))); // [2, 1] ['0.8', '1.2']
 * ```
 */
export interface Neighbors {
  /** Neighbours per query row. */
  readonly k: number;
  /** `rows × k` training indices, row-major, nearest first. */
  readonly indices: Int32Array;
  /** `rows × k` Euclidean distances matching {@link Neighbors.indices}, ascending. */
  readonly distances: Float64Array;
}

/**
 * The exact k nearest rows of `train` for each row of `query` (Euclidean distance).
 *
 * @param train - the rows searched.
 * @param query - the rows to find neighbours for; `null` means the training rows themselves, each row
 *   excluded from its own neighbours (a duplicate row at distance 0 still counts).
 * @param k - neighbours per row, 1 ≤ k ≤ the number of candidate rows.
 * @throws InvalidOptionError naming `k` when it is out of range; InvalidInputError naming the row and
 *   column of a value that is not finite, or when `query` has another number of columns than `train`.
 *
 * @example
 * ```ts
 * import { kNearestNeighbors, toMatrix } from 'crm-mining';
 * const train = toMatrix([[0, 0], [1, 0], [5, 5]]);
 * // null query: the training rows themselves, each excluded from its own neighbours
 * const nn = kNearestNeighbors(train, null, 1);
 * console.log(Array.from(nn.indices)); // [1, 0, 1]
 * console.log(nn.distances[0]); // 1
 * ```
 */
export function kNearestNeighbors(train: Matrix, query: Matrix | null, k: number): Neighbors {
  toMatrix(train, { name: 'train' });
  if (query !== null) {
    toMatrix(query, { name: 'query' });
    if (query.cols !== train.cols) {
      throw new InvalidInputError(`query: rows have ${query.cols} columns, expected ${train.cols} like train`, { field: 'query' });
    }
  }
  return nearestNeighbours(train, query, k);
}

/** {@link kNearestNeighbors} on matrices the caller has already checked (the detectors check theirs once, at fitting or scoring). */
export function nearestNeighbours(train: Matrix, query: Matrix | null, k: number): Neighbors {
  const self = query === null;
  const q = query ?? train;
  const n = train.rows;
  const candidates = self ? n - 1 : n;
  if (!Number.isInteger(k) || k < 1 || k > candidates) {
    throw new InvalidOptionError('k', `expected an integer in [1, ${candidates}] (the rows available as neighbours), got ${k}`);
  }
  const indices = new Int32Array(q.rows * k);
  const distances = new Float64Array(q.rows * k);
  if (useKdTree(train, q)) {
    const tree = buildKdTree(train, KD_LEAF_SIZE);
    kdTreeSearch(tree, q.data, q.rows, self, k, indices, distances);
  } else {
    bruteForceSearch(train, q, self, k, indices, distances);
  }
  return { k, indices, distances };
}

/** Leaf size of the k-d tree (rows per leaf; scikit-learn's default is 30 as well). */
const KD_LEAF_SIZE = 30;
/** The k-d tree is used up to this many columns; above it pruning rarely pays and the brute force is used. */
const KD_MAX_DIMS = 16;
/** Below this many training rows the brute force is used (building a tree would not pay off). */
const KD_MIN_ROWS = 64;

/** Whether to search with a k-d tree: few columns, enough rows, and only finite values (the bounds need them). */
function useKdTree(train: Matrix, q: Matrix): boolean {
  if (train.cols > KD_MAX_DIMS || train.rows < KD_MIN_ROWS) return false;
  return allFinite(train.data) && (q === train || allFinite(q.data));
}

function allFinite(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v - v !== 0) return false; // NaN or ±Infinity
  }
  return true;
}

/** Exact search by brute force with partial distance pruning; fills `indices` and `distances`. */
function bruteForceSearch(train: Matrix, q: Matrix, self: boolean, k: number, indices: Int32Array, distances: Float64Array): void {
  const d = train.cols;
  const n = train.rows;
  const X = train.data;
  const Q = q.data;
  // Max-heap of size k over squared distances; ties: the larger index is "worse".
  const hd = new Float64Array(k);
  const hi = new Int32Array(k);
  for (let r = 0; r < q.rows; r++) {
    const qo = r * d;
    let size = 0;
    let worst = Infinity;
    for (let j = 0; j < n; j++) {
      if (self && j === r) continue;
      const xo = j * d;
      let s = 0;
      let c = 0;
      for (; c < d; c++) {
        const t = Q[qo + c] - X[xo + c];
        s += t * t;
        if (s > worst) break;
      }
      if (c < d) continue; // pruned: already worse than the k-th best
      if (size < k) {
        heapPush(hd, hi, size++, s, j);
        if (size === k) worst = hd[0];
      } else {
        if (s === worst) continue; // equal distance, higher index: keep the earlier row
        heapReplaceRoot(hd, hi, k, s, j);
        worst = hd[0];
      }
    }
    popHeap(hd, hi, k, distances, indices, r * k);
  }
}

/**
 * A k-d tree over the training rows: the rows copied in leaf order (`points`, row-major) with their
 * original indices (`index`), and per node its row range, children (−1 for a leaf) and the exact bounding
 * box of its rows (`lo`/`hi`, node-major, `dims` values per node). Node 0 is the root.
 */
interface KdTree {
  readonly dims: number;
  readonly points: Float64Array;
  readonly index: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly nodes: number;
}

/**
 * Builds a {@link KdTree}: each node with more than `leafSize` rows is split at the median of its widest
 * column (by row count, so the tree is balanced and at most 2·⌈log₂(n / leafSize)⌉ deep).
 */
function buildKdTree(train: Matrix, leafSize: number): KdTree {
  const { rows: n, cols: d, data: X } = train;
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  // A node with m > leafSize rows splits into halves of at least ⌊m/2⌋ ≥ ⌊(leafSize+1)/2⌋ rows.
  const minLeaf = Math.max(1, (leafSize + 1) >> 1);
  const cap = 2 * Math.max(1, Math.floor(n / minLeaf)) + 1;
  const start = new Int32Array(cap);
  const end = new Int32Array(cap);
  const left = new Int32Array(cap);
  const right = new Int32Array(cap);
  const lo = new Float64Array(cap * d);
  const hi = new Float64Array(cap * d);
  let nodes = 1;
  start[0] = 0;
  end[0] = n;
  // Nodes are created in breadth-first order, so walking them by id processes every parent before its children.
  for (let node = 0; node < nodes; node++) {
    const s = start[node];
    const e = end[node];
    const bo = node * d;
    for (let c = 0; c < d; c++) {
      lo[bo + c] = Infinity;
      hi[bo + c] = -Infinity;
    }
    for (let t = s; t < e; t++) {
      const xo = perm[t] * d;
      for (let c = 0; c < d; c++) {
        const v = X[xo + c];
        if (v < lo[bo + c]) lo[bo + c] = v;
        if (v > hi[bo + c]) hi[bo + c] = v;
      }
    }
    let dim = 0;
    let spread = -1;
    for (let c = 0; c < d; c++) {
      const w = hi[bo + c] - lo[bo + c];
      if (w > spread) {
        spread = w;
        dim = c;
      }
    }
    if (e - s <= leafSize || spread <= 0) {
      left[node] = -1;
      right[node] = -1;
      continue;
    }
    const mid = (s + e) >> 1;
    selectNth(perm, X, d, dim, s, e - 1, mid);
    const l = nodes++;
    const r = nodes++;
    start[l] = s;
    end[l] = mid;
    start[r] = mid;
    end[r] = e;
    left[node] = l;
    right[node] = r;
  }
  const points = new Float64Array(n * d);
  for (let t = 0; t < n; t++) {
    const xo = perm[t] * d;
    const po = t * d;
    for (let c = 0; c < d; c++) points[po + c] = X[xo + c];
  }
  return { dims: d, points, index: perm, start, end, left, right, lo, hi, nodes };
}

/** Reorders `perm[a..b]` (inclusive) so that `perm[nth]` holds the row whose column `dim` has that rank, smaller values before it and larger after. */
function selectNth(perm: Int32Array, X: Float64Array, d: number, dim: number, a: number, b: number, nth: number): void {
  while (b > a) {
    // Median of three as pivot value.
    const m = (a + b) >> 1;
    const va = X[perm[a] * d + dim];
    const vm = X[perm[m] * d + dim];
    const vb = X[perm[b] * d + dim];
    const pivot = va < vm ? (vm < vb ? vm : va < vb ? vb : va) : va < vb ? va : vm < vb ? vb : vm;
    let i = a;
    let j = b;
    while (i <= j) {
      while (X[perm[i] * d + dim] < pivot) i++;
      while (X[perm[j] * d + dim] > pivot) j--;
      if (i <= j) {
        const t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) b = j;
    else if (nth >= i) a = i;
    else return;
  }
}

/**
 * Exact k-NN search in a {@link KdTree}, depth first, nearer child first. A node is skipped only when the
 * squared distance from the query to its bounding box is strictly greater than the current k-th best; that
 * bound is summed over the columns in the same order as a row distance, and floating-point subtraction,
 * squaring and addition are monotone, so it never exceeds the computed distance of any row in the box:
 * the kept neighbours, their distances (bit for bit) and the tie rule (lower index first) are those of the
 * brute force.
 */
function kdTreeSearch(
  tree: KdTree,
  Q: Float64Array,
  queries: number,
  self: boolean,
  k: number,
  indices: Int32Array,
  distances: Float64Array,
): void {
  const { dims: d, points: P, index: idx, start, end, left, right, lo, hi } = tree;
  const hd = new Float64Array(k);
  const hi2 = new Int32Array(k);
  // Depth-first with both children pushed per inner node: at most depth + 1 ≤ log₂(n) + 1 entries.
  const stack = new Int32Array(256);
  const stackBound = new Float64Array(256);
  for (let r = 0; r < queries; r++) {
    const skip = self ? r : -1; // a self query never counts its own row
    const qo = r * d;
    let size = 0;
    let worst = Infinity;
    let worstIdx = 0x7fffffff;
    let sp = 0;
    stack[sp] = 0;
    stackBound[sp] = 0;
    sp++;
    while (sp > 0) {
      sp--;
      const node = stack[sp];
      if (stackBound[sp] > worst) continue;
      const l = left[node];
      if (l >= 0) {
        const rn = right[node];
        const bl = boxDistance(Q, qo, lo, hi, l * d, d);
        const br = boxDistance(Q, qo, lo, hi, rn * d, d);
        // Push the farther child first so the nearer one is searched first.
        if (bl <= br) {
          if (br <= worst) {
            stack[sp] = rn;
            stackBound[sp++] = br;
          }
          if (bl <= worst) {
            stack[sp] = l;
            stackBound[sp++] = bl;
          }
        } else {
          if (bl <= worst) {
            stack[sp] = l;
            stackBound[sp++] = bl;
          }
          if (br <= worst) {
            stack[sp] = rn;
            stackBound[sp++] = br;
          }
        }
        continue;
      }
      const e = end[node];
      for (let t = start[node]; t < e; t++) {
        const j = idx[t];
        if (j === skip) continue;
        const po = t * d;
        // Sum in column order; check against the k-th best only every 8 columns (a branch per column costs
        // more than it saves at these dimensions).
        let s = 0;
        let c = 0;
        for (;;) {
          const stop = c + 8 < d ? c + 8 : d;
          for (; c < stop; c++) {
            const u = Q[qo + c] - P[po + c];
            s += u * u;
          }
          if (c === d || s > worst) break;
        }
        if (s > worst) continue; // worse than the k-th best
        if (size < k) {
          heapPush(hd, hi2, size++, s, j);
          if (size === k) {
            worst = hd[0];
            worstIdx = hi2[0];
          }
        } else {
          if (s === worst && j > worstIdx) continue; // equal distance, higher index: keep the earlier row
          heapReplaceRoot(hd, hi2, k, s, j);
          worst = hd[0];
          worstIdx = hi2[0];
        }
      }
    }
    popHeap(hd, hi2, k, distances, indices, r * k);
  }
}

/** Squared distance from query row `Q[qo..]` to the box at `lo/hi[bo..]`, summed in column order (0 inside the box). */
function boxDistance(Q: Float64Array, qo: number, lo: Float64Array, hi: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let c = 0; c < d; c++) {
    const v = Q[qo + c];
    const a = lo[bo + c];
    if (v < a) {
      const u = a - v;
      s += u * u;
    } else {
      const b = hi[bo + c];
      if (v > b) {
        const u = v - b;
        s += u * u;
      }
    }
  }
  return s;
}

// The bounded max-heap both searches keep per query: squared distances `hd` with row indices `hi`,
// ordered by (distance, index) — of two rows at the same distance the larger index is the worse.

/** Adds (s, j) to a heap holding `size` entries (sift up). */
function heapPush(hd: Float64Array, hi: Int32Array, size: number, s: number, j: number): void {
  let p = size;
  while (p > 0) {
    const parent = (p - 1) >> 1;
    if (hd[parent] > s || (hd[parent] === s && hi[parent] > j)) break;
    hd[p] = hd[parent];
    hi[p] = hi[parent];
    p = parent;
  }
  hd[p] = s;
  hi[p] = j;
}

/** Replaces the root (the worst of the k kept) of a full heap by (s, j) (sift down). */
function heapReplaceRoot(hd: Float64Array, hi: Int32Array, k: number, s: number, j: number): void {
  let p = 0;
  for (;;) {
    const l = 2 * p + 1;
    if (l >= k) break;
    const rr = l + 1;
    let m = l;
    if (rr < k && (hd[rr] > hd[l] || (hd[rr] === hd[l] && hi[rr] > hi[l]))) m = rr;
    if (hd[m] < s || (hd[m] === s && hi[m] < j)) break;
    hd[p] = hd[m];
    hi[p] = hi[m];
    p = m;
  }
  hd[p] = s;
  hi[p] = j;
}

/** Empties a full max-heap (`hd`/`hi` of size k) into ascending order at `base`, taking square roots. */
function popHeap(hd: Float64Array, hi: Int32Array, k: number, distances: Float64Array, indices: Int32Array, base: number): void {
  for (let t = k - 1; t >= 0; t--) {
    distances[base + t] = Math.sqrt(hd[0]);
    indices[base + t] = hi[0];
    // the last entry replaces the root of the heap shrunk to size t
    heapReplaceRoot(hd, hi, t, hd[t], hi[t]);
  }
}

/**
 * Column means and scales for standardisation: `(x − mean) / scale`.
 *
 * @example
 * ```ts
 * import { fitKnnDetector, type DistanceScaling } from 'crm-mining';
 * // A DistanceScaling holds column means and population standard deviations; the k-NN and LOF
 * // detectors fit one when asked to standardise, so a column in dollars does not drown one in years.
 * const detector = fitKnnDetector([[30, 1000], [40, 1200], [35, 900], [80, 1100]], { k: 1, standardize: true });
 * const scaling: DistanceScaling = { mean: new Float64Array([46.25, 1050]), scale: new Float64Array([19.8, 111.8]) };
 * console.log(detector.method, scaling.mean.length); // knn 2
 * ```
 */
export interface DistanceScaling {
  /** The column means of the training rows. */
  readonly mean: Float64Array;
  /** The column standard deviations (population, as scikit-learn's StandardScaler); 1 for a constant column, which is then only centred. */
  readonly scale: Float64Array;
}

/** Fits a {@link DistanceScaling} to the columns of `X` (population standard deviation; a constant column gets scale 1, never a division by zero). */
export function fitStandardizer(X: Matrix): DistanceScaling {
  const { rows, cols, data } = X;
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const t = data[i * cols + j] - mean[j];
      scale[j] += t * t;
    }
  }
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt(scale[j] / rows);
    scale[j] = sd > 0 ? sd : 1;
  }
  return { mean, scale };
}

/** A standardised copy of `X` (the input is not modified). */
export function applyStandardizer(X: Matrix, s: DistanceScaling): Matrix {
  const { rows, cols, data } = X;
  const out = new Float64Array(data.length);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[o + j] = (data[o + j] - s.mean[j]) / s.scale[j];
  }
  return { rows, cols, data: out };
}
