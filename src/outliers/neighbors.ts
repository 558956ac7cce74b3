/**
 * Exact k-nearest-neighbour search by brute force over typed arrays, and the column standardisation the
 * distance-based detectors can apply first.
 *
 * The search keeps, per query row, a bounded max-heap of the k best squared Euclidean distances and stops
 * summing a candidate's coordinates as soon as the partial sum exceeds the current k-th best (partial
 * distance search), so most candidates cost a few coordinates. Cost O(n_query · n_train · d) in the worst
 * case, memory O(n_query · k). Exact: ties are broken by the lower training index.
 *
 * @module
 */
import { InvalidOptionError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';

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
 * @throws InvalidOptionError naming `k` when it is out of range.
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
  const self = query === null;
  const q = query ?? train;
  const d = train.cols;
  const n = train.rows;
  const candidates = self ? n - 1 : n;
  if (!Number.isInteger(k) || k < 1 || k > candidates) {
    throw new InvalidOptionError('k', `expected an integer in [1, ${candidates}] (the rows available as neighbours), got ${k}`);
  }
  const X = train.data;
  const Q = q.data;
  const indices = new Int32Array(q.rows * k);
  const distances = new Float64Array(q.rows * k);
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
        // sift up
        let p = size++;
        while (p > 0) {
          const parent = (p - 1) >> 1;
          if (hd[parent] > s || (hd[parent] === s && hi[parent] > j)) break;
          hd[p] = hd[parent];
          hi[p] = hi[parent];
          p = parent;
        }
        hd[p] = s;
        hi[p] = j;
        if (size === k) worst = hd[0];
      } else {
        if (s === worst) continue; // equal distance, higher index: keep the earlier row
        // replace the root and sift down
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
        worst = hd[0];
      }
    }
    // Pop the heap into ascending order.
    const base = r * k;
    for (let t = k - 1; t >= 0; t--) {
      distances[base + t] = Math.sqrt(hd[0]);
      indices[base + t] = hi[0];
      const lastD = hd[t];
      const lastI = hi[t];
      let p = 0;
      for (;;) {
        const l = 2 * p + 1;
        if (l >= t) break;
        const rr = l + 1;
        let m = l;
        if (rr < t && (hd[rr] > hd[l] || (hd[rr] === hd[l] && hi[rr] > hi[l]))) m = rr;
        if (hd[m] < lastD || (hd[m] === lastD && hi[m] < lastI)) break;
        hd[p] = hd[m];
        hi[p] = hi[m];
        p = m;
      }
      hd[p] = lastD;
      hi[p] = lastI;
    }
  }
  return { k, indices, distances };
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
