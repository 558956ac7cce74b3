/**
 * Distances between points stored in flat row-major typed arrays, for k-means `predict` and the
 * cluster-quality metrics.
 *
 * @module
 */
import { InvalidOptionError } from '../core/errors.js';

/**
 * A distance between two points. k-means itself always minimises squared Euclidean distance; the
 * metrics and `predict` accept any of these (the textbook: "similarity is measured by a distance
 * function the user defines").
 *
 * - `'euclidean'`: √Σ(aᵢ − bᵢ)².
 * - `'sqeuclidean'`: Σ(aᵢ − bᵢ)² (not a metric: no triangle inequality; fine for nearest-centre).
 * - `'manhattan'`: Σ|aᵢ − bᵢ| (city block).
 * - `'cosine'`: 1 − a·b / (‖a‖‖b‖), in [0, 2]; a zero vector is at distance 1 from every other point
 *   (as scikit-learn, which leaves a zero vector unnormalised), and 0 from itself only when both are zero.
 *
 * @example
 * ```ts
 * import { fitKMeans, type DistanceMetric } from 'crm-mining';
 * const model = fitKMeans([[1, 0], [2, 0], [0, 5], [0, 6]], { k: 2, seed: 3 });
 * const metric: DistanceMetric = 'cosine';
 * // Assign new rows to the nearest centre by cosine distance (k-means itself fits by squared Euclidean).
 * console.log(Array.from(model.predict([[3, 0.1], [0.1, 3]], metric)));
 * ```
 */
export type DistanceMetric = 'euclidean' | 'sqeuclidean' | 'manhattan' | 'cosine';

/**
 * The distance metrics, for validation and help texts.
 *
 * @example
 * ```ts
 * import { DISTANCE_METRICS } from 'crm-mining';
 * console.log(DISTANCE_METRICS.join(', ')); // euclidean, sqeuclidean, manhattan, cosine
 * ```
 */
export const DISTANCE_METRICS: readonly DistanceMetric[] = ['euclidean', 'sqeuclidean', 'manhattan', 'cosine'];

/**
 * A distance between point `a` (at offset `ao`) and point `b` (at offset `bo`), both of `d` values.
 *
 * @example
 * ```ts
 * import type { DistanceFunction } from 'crm-mining';
 * // Chebyshev (maximum) distance, written to the same signature as the library's distances
 * const chebyshev: DistanceFunction = (a, ao, b, bo, d) => {
 *   let m = 0;
 *   for (let t = 0; t < d; t++) m = Math.max(m, Math.abs(a[ao + t] - b[bo + t]));
 *   return m;
 * };
 * console.log(chebyshev(new Float64Array([0, 0]), 0, new Float64Array([3, -4]), 0, 2)); // 4
 * ```
 */
export type DistanceFunction = (a: Float64Array, ao: number, b: Float64Array, bo: number, d: number) => number;

/**
 * Squared Euclidean distance between two points in flat arrays (the k-means hot-loop kernel).
 *
 * @example
 * ```ts
 * import { squaredEuclidean } from 'crm-mining';
 * const points = new Float64Array([0, 0, 3, 4]); // two points of 2 values each
 * console.log(squaredEuclidean(points, 0, points, 2, 2)); // 25
 * ```
 */
export function squaredEuclidean(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const diff = a[ao + t] - b[bo + t];
    s += diff * diff;
  }
  return s;
}

/**
 * The centre nearest to point `xo` of `x` by squared Euclidean distance (ties to the lowest index): writes
 * its index to `labels[at]` and returns the squared distance. The assignment step shared by Lloyd and
 * mini-batch k-means.
 *
 * @example
 * ```ts
 * import { assignNearest } from 'crm-mining';
 * const centres = new Float64Array([0, 0, 10, 10]); // k = 2 centres, d = 2
 * const point = new Float64Array([9, 8]);
 * const labels = new Int32Array(1);
 * const d2 = assignNearest(point, 0, centres, 2, 2, labels, 0);
 * console.log(labels[0], d2); // 1 5
 * ```
 */
export function assignNearest(x: Float64Array, xo: number, c: Float64Array, k: number, d: number, labels: Int32Array, at: number): number {
  let best = Infinity;
  let bi = 0;
  for (let j = 0; j < k; j++) {
    const v = squaredEuclidean(x, xo, c, j * d, d);
    if (v < best) {
      best = v;
      bi = j;
    }
  }
  labels[at] = bi;
  return best;
}

/**
 * Euclidean distance between two points in flat arrays.
 *
 * @example
 * ```ts
 * import { euclidean } from 'crm-mining';
 * const a = new Float64Array([0, 0]);
 * const b = new Float64Array([3, 4]);
 * console.log(euclidean(a, 0, b, 0, 2)); // 5
 * ```
 */
export function euclidean(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  return Math.sqrt(squaredEuclidean(a, ao, b, bo, d));
}

/**
 * Manhattan (city-block) distance between two points in flat arrays.
 *
 * @example
 * ```ts
 * import { manhattan } from 'crm-mining';
 * const a = new Float64Array([0, 0]);
 * const b = new Float64Array([3, -4]);
 * console.log(manhattan(a, 0, b, 0, 2)); // 7
 * ```
 */
export function manhattan(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += Math.abs(a[ao + t] - b[bo + t]);
  return s;
}

/**
 * Cosine distance between two points in flat arrays (see {@link DistanceMetric}).
 *
 * @example
 * ```ts
 * import { cosine } from 'crm-mining';
 * const a = new Float64Array([1, 0]);
 * const b = new Float64Array([0, 2]);
 * console.log(cosine(a, 0, b, 0, 2)); // 1 (orthogonal)
 * console.log(cosine(a, 0, a, 0, 2)); // 0 (same direction)
 * ```
 */
export function cosine(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let t = 0; t < d; t++) {
    const x = a[ao + t];
    const y = b[bo + t];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 && nb === 0) return 0;
  if (na === 0 || nb === 0) return 1;
  const sim = dot / Math.sqrt(na * nb);
  return 1 - (sim > 1 ? 1 : sim < -1 ? -1 : sim);
}

/**
 * The distance function for a metric name.
 *
 * @throws InvalidOptionError naming `option` for an unknown metric.
 *
 * @example
 * ```ts
 * import { distanceFunction } from 'crm-mining';
 * const dist = distanceFunction('manhattan');
 * const rows = new Float64Array([1, 1, 4, 5]);
 * console.log(dist(rows, 0, rows, 2, 2)); // 7
 * ```
 */
export function distanceFunction(metric: DistanceMetric, option = 'metric'): DistanceFunction {
  switch (metric) {
    case 'euclidean':
      return euclidean;
    case 'sqeuclidean':
      return squaredEuclidean;
    case 'manhattan':
      return manhattan;
    case 'cosine':
      return cosine;
    default:
      throw new InvalidOptionError(option, `expected one of ${DISTANCE_METRICS.map((m) => `'${m}'`).join(', ')}, got ${String(metric)}`);
  }
}
