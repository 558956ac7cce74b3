/**
 * Cluster-quality metrics: inertia, silhouette (exact and sampled), Davies–Bouldin and
 * Calinski–Harabasz, with scikit-learn's definitions.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { type Matrix, type MatrixInput, toMatrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { optionKeys, rejectUnknownOptions, requireInteger } from '../core/validate.js';
import { type DistanceMetric, distanceFunction, euclidean, squaredEuclidean } from './distance.js';

/**
 * Cluster labels: one non-negative integer per row.
 *
 * @example
 * ```ts
 * import { silhouetteScore, type LabelsInput } from 'crm-mining';
 * // plain arrays and typed arrays (such as a model's labels) are both accepted
 * const labels: LabelsInput = new Int32Array([0, 0, 1, 1]);
 * console.log(silhouetteScore([[0], [1], [10], [11]], labels) > 0.8); // true
 * ```
 */
export type LabelsInput = ArrayLike<number>;

interface Checked {
  m: Matrix;
  labels: Int32Array;
  /** max label + 1 */
  k: number;
  counts: Float64Array;
  /** number of non-empty clusters */
  clusters: number;
}

function check(x: MatrixInput, labelsIn: LabelsInput, what: string): Checked {
  const m = toMatrix(x, { name: 'X' });
  if (labelsIn === null || typeof labelsIn !== 'object' || typeof labelsIn.length !== 'number') {
    throw new InvalidInputError(`${what}: labels must be an array of cluster numbers`);
  }
  if (labelsIn.length !== m.rows) {
    throw new InvalidInputError(`${what}: ${labelsIn.length} labels for ${m.rows} rows`);
  }
  const labels = new Int32Array(m.rows);
  let k = 0;
  for (let i = 0; i < m.rows; i++) {
    const v = labelsIn[i];
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new InvalidInputError(`${what}: label of row ${i} is ${String(v)}, expected a non-negative integer`, { row: i });
    }
    labels[i] = v;
    if (v + 1 > k) k = v + 1;
  }
  const counts = new Float64Array(k);
  for (let i = 0; i < m.rows; i++) counts[labels[i]]++;
  let clusters = 0;
  for (let j = 0; j < k; j++) if (counts[j] > 0) clusters++;
  return { m, labels, k, counts, clusters };
}

function needClusters(what: string, c: Checked): void {
  if (c.clusters < 2 || c.clusters > c.m.rows - 1) {
    throw new InvalidInputError(`${what}: the labels form ${c.clusters} cluster(s) over ${c.m.rows} rows; expected 2 to ${c.m.rows - 1}`);
  }
}

/**
 * The cluster means (k × d, k = max label + 1; an empty cluster's row is zeros).
 *
 * @example
 * ```ts
 * import { clusterMeans } from 'crm-mining';
 * const means = clusterMeans([[1, 2], [3, 4], [10, 10]], [0, 0, 1]);
 * console.log(Array.from(means.data)); // [2, 3, 10, 10]
 * ```
 */
export function clusterMeans(x: MatrixInput, labels: LabelsInput): Matrix {
  const c = check(x, labels, 'clusterMeans');
  return means(c);
}

function means(c: Checked): Matrix {
  const { m, labels, k, counts } = c;
  const d = m.cols;
  const out = new Float64Array(k * d);
  for (let i = 0; i < m.rows; i++) {
    const o = labels[i] * d;
    for (let t = 0; t < d; t++) out[o + t] += m.data[i * d + t];
  }
  for (let j = 0; j < k; j++) if (counts[j] > 0) for (let t = 0; t < d; t++) out[j * d + t] /= counts[j];
  return { rows: k, cols: d, data: out };
}

/**
 * Inertia: Σ squared Euclidean distance of each row to its cluster's centre. With `centres` omitted the
 * centres are the cluster means (the within-cluster sum of squares).
 *
 * @example
 * ```ts
 * import { inertia } from 'crm-mining';
 * // sum of squared distances to each cluster's mean: (1 + 1) + 0
 * console.log(inertia([[0, 0], [2, 0], [10, 10]], [0, 0, 1])); // 2
 * ```
 */
export function inertia(x: MatrixInput, labels: LabelsInput, centres?: MatrixInput): number {
  const c = check(x, labels, 'inertia');
  const cm = centres === undefined ? means(c) : toMatrix(centres, { name: 'centres' });
  if (cm.cols !== c.m.cols) throw new InvalidInputError(`inertia: centres have ${cm.cols} columns, X has ${c.m.cols}`);
  if (cm.rows < c.k) throw new InvalidInputError(`inertia: ${cm.rows} centres but labels go up to ${c.k - 1}`);
  let s = 0;
  const d = c.m.cols;
  for (let i = 0; i < c.m.rows; i++) s += squaredEuclidean(c.m.data, i * d, cm.data, c.labels[i] * d, d);
  return s;
}

/**
 * Options of {@link silhouetteSamples} and {@link silhouetteScore}.
 *
 * @example
 * ```ts
 * import { silhouetteScore, type SilhouetteOptions } from 'crm-mining';
 * const x = Array.from({ length: 400 }, (_, i) => [i % 2 === 0 ? i : 1000 + i]);
 * const labels = x.map((_, i) => i % 2);
 * // on large data, estimate from a seeded sample instead of all n² distances
 * const options: SilhouetteOptions = { metric: 'manhattan', sampleSize: 100, seed: 1 };
 * console.log(silhouetteScore(x, labels, options) > 0); // true
 * ```
 */
export interface SilhouetteOptions {
  /** The distance (default `'euclidean'`, as scikit-learn). */
  metric?: DistanceMetric;
  /**
   * {@link silhouetteScore} only: compute on a random subset of this many rows (distances among the
   * subset only, as scikit-learn's `sample_size`) instead of all n rows (O(n²)). Default: all rows.
   */
  sampleSize?: number;
  /** Seed of the subset (default 42). */
  seed?: number;
}

const SILHOUETTE_OPTION_KEYS = optionKeys<SilhouetteOptions>({ metric: true, sampleSize: true, seed: true });

/**
 * The silhouette of each row (Rousseeuw 1987): s = (b − a) / max(a, b), where a is the mean distance
 * to the other rows of its own cluster and b the lowest mean distance to the rows of another cluster.
 * A row alone in its cluster gets 0 (as scikit-learn), as does a row with a = b = 0. O(n² d) time,
 * O(n k) memory.
 *
 * @throws InvalidInputError when the labels form fewer than 2 or more than n − 1 clusters.
 *
 * @example
 * ```ts
 * import { silhouetteSamples } from 'crm-mining';
 * const s = silhouetteSamples([[0], [1], [10], [11]], [0, 0, 1, 1]);
 * // first row: a = 1 (to its partner), b = mean(10, 11) = 10.5, s = (10.5 - 1) / 10.5
 * console.log(s[0].toFixed(4)); // 0.9048
 * ```
 */
export function silhouetteSamples(x: MatrixInput, labels: LabelsInput, options: SilhouetteOptions = {}): Float64Array {
  rejectUnknownOptions(options, SILHOUETTE_OPTION_KEYS, 'silhouetteSamples');
  const c = check(x, labels, 'silhouette');
  needClusters('silhouette', c);
  return silhouetteOf(c, distanceFunction(options.metric ?? 'euclidean'));
}

function silhouetteOf(c: Checked, f: (a: Float64Array, ao: number, b: Float64Array, bo: number, d: number) => number): Float64Array {
  const { m, labels, k, counts } = c;
  const { rows: n, cols: d, data } = m;
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const li = labels[i];
    const io = i * d;
    const si = i * k;
    for (let j = i + 1; j < n; j++) {
      const v = f(data, io, data, j * d, d);
      sums[si + labels[j]] += v;
      sums[j * k + li] += v;
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const li = labels[i];
    if (counts[li] <= 1) continue;
    const a = sums[i * k + li] / (counts[li] - 1);
    let b = Infinity;
    for (let j = 0; j < k; j++) {
      if (j === li || counts[j] === 0) continue;
      const v = sums[i * k + j] / counts[j];
      if (v < b) b = v;
    }
    const mx = a > b ? a : b;
    out[i] = mx > 0 ? (b - a) / mx : 0;
  }
  return out;
}

/**
 * The mean silhouette (in [−1, 1]; higher = tighter, better separated clusters). Exact by default;
 * with `sampleSize`, the silhouette of a seeded random subset.
 *
 * @throws InvalidInputError when the labels (of the subset) form fewer than 2 or more than n − 1
 *   clusters; InvalidOptionError for a bad `sampleSize`.
 *
 * @example
 * ```ts
 * import { silhouetteScore } from 'crm-mining';
 * const x = [[0], [1], [10], [11]];
 * console.log(silhouetteScore(x, [0, 0, 1, 1]) > silhouetteScore(x, [0, 1, 0, 1])); // true: the natural split scores higher
 * ```
 */
export function silhouetteScore(x: MatrixInput, labels: LabelsInput, options: SilhouetteOptions = {}): number {
  rejectUnknownOptions(options, SILHOUETTE_OPTION_KEYS, 'silhouetteScore');
  let c = check(x, labels, 'silhouette');
  const f = distanceFunction(options.metric ?? 'euclidean');
  if (options.sampleSize !== undefined && options.sampleSize < c.m.rows) {
    const size = requireInteger('sampleSize', options.sampleSize, 2, c.m.rows);
    const idx = new Random(options.seed ?? 42).sample(c.m.rows, size);
    const d = c.m.cols;
    const data = new Float64Array(size * d);
    const sub = new Int32Array(size);
    for (let s = 0; s < size; s++) {
      data.set(c.m.data.subarray(idx[s] * d, (idx[s] + 1) * d), s * d);
      sub[s] = c.labels[idx[s]];
    }
    c = check({ rows: size, cols: d, data }, sub, 'silhouette (sample)');
  } else if (options.sampleSize !== undefined) {
    requireInteger('sampleSize', options.sampleSize, 2);
  }
  needClusters('silhouette', c);
  const s = silhouetteOf(c, f);
  let total = 0;
  for (let i = 0; i < s.length; i++) total += s[i];
  return total / s.length;
}

/**
 * The Davies–Bouldin index (lower is better, 0 is best): the mean over clusters of the largest
 * (Sᵢ + Sⱼ) / ‖cᵢ − cⱼ‖, with Sᵢ the mean Euclidean distance of cluster i's rows to its mean cᵢ.
 * Returns 0 when every Sᵢ or every centre distance is 0 (as scikit-learn).
 *
 * @throws InvalidInputError when the labels form fewer than 2 or more than n − 1 clusters.
 *
 * @example
 * ```ts
 * import { daviesBouldin } from 'crm-mining';
 * const x = [[0], [1], [10], [11]];
 * // lower is better: compact, well-separated clusters
 * console.log(daviesBouldin(x, [0, 0, 1, 1]) < daviesBouldin(x, [0, 1, 1, 1])); // true
 * ```
 */
export function daviesBouldin(x: MatrixInput, labels: LabelsInput): number {
  const c = check(x, labels, 'Davies–Bouldin');
  needClusters('Davies–Bouldin', c);
  const cm = means(c);
  const { m, k, counts } = c;
  const d = m.cols;
  const s = new Float64Array(k);
  for (let i = 0; i < m.rows; i++) s[c.labels[i]] += euclidean(m.data, i * d, cm.data, c.labels[i] * d, d);
  let anyS = false;
  for (let j = 0; j < k; j++) {
    if (counts[j] > 0) s[j] /= counts[j];
    if (s[j] > 1e-15) anyS = true;
  }
  let anyC = false;
  let total = 0;
  let used = 0;
  for (let i = 0; i < k; i++) {
    if (counts[i] === 0) continue;
    let worst = 0;
    for (let j = 0; j < k; j++) {
      if (j === i || counts[j] === 0) continue;
      const dist = euclidean(cm.data, i * d, cm.data, j * d, d);
      if (dist > 1e-15) anyC = true;
      const r = dist === 0 ? 0 : (s[i] + s[j]) / dist;
      if (r > worst) worst = r;
    }
    total += worst;
    used++;
  }
  if (!anyS || !anyC) return 0;
  return total / used;
}

/**
 * The Calinski–Harabasz index (variance-ratio criterion; higher is better):
 * [B / (k − 1)] / [W / (n − k)], B the between-cluster and W the within-cluster sum of squares, k the
 * number of non-empty clusters. Returns 1 when W = 0 (as scikit-learn).
 *
 * @throws InvalidInputError when the labels form fewer than 2 or more than n − 1 clusters.
 *
 * @example
 * ```ts
 * import { calinskiHarabasz } from 'crm-mining';
 * const x = [[0], [1], [10], [11]];
 * // higher is better: between-cluster dispersion over within-cluster dispersion
 * console.log(calinskiHarabasz(x, [0, 0, 1, 1]) > calinskiHarabasz(x, [0, 1, 0, 1])); // true
 * ```
 */
export function calinskiHarabasz(x: MatrixInput, labels: LabelsInput): number {
  const c = check(x, labels, 'Calinski–Harabasz');
  needClusters('Calinski–Harabasz', c);
  const cm = means(c);
  const { m, counts, clusters } = c;
  const { rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t] += m.data[i * d + t];
  for (let t = 0; t < d; t++) mean[t] /= n;
  let w = 0;
  for (let i = 0; i < n; i++) w += squaredEuclidean(m.data, i * d, cm.data, c.labels[i] * d, d);
  let b = 0;
  for (let j = 0; j < c.k; j++) if (counts[j] > 0) b += counts[j] * squaredEuclidean(cm.data, j * d, mean, 0, d);
  if (w === 0) return 1;
  return (b * (n - clusters)) / (w * (clusters - 1));
}

/**
 * Checks a metric name (for CLI code). @throws InvalidOptionError naming `option`.
 *
 * @example
 * ```ts
 * import { checkMetric, InvalidOptionError } from 'crm-mining';
 * console.log(checkMetric('manhattan')); // manhattan
 * try {
 *   checkMetric('hamming', 'distance');
 * } catch (err) {
 *   console.log(err instanceof InvalidOptionError); // true: the message names the option 'distance'
 * }
 * ```
 */
export function checkMetric(metric: unknown, option = 'metric'): DistanceMetric {
  distanceFunction(metric as DistanceMetric, option);
  return metric as DistanceMetric;
}

