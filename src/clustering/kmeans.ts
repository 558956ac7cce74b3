/**
 * k-means clustering (customer segmentation): k-means++ / random / given starting centres, `nInit`
 * restarts keeping the lowest inertia, exact Lloyd iterations (plain, Hamerly or Elkan) or mini-batch
 * k-means, and a fitted {@link KMeansModel} that predicts and round-trips through JSON.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { type Matrix, type MatrixInput, toMatrix } from '../core/matrix.js';
import type { ProgressCallback } from '../core/progress.js';
import { Random } from '../core/rng.js';
import { optionKeys, rejectUnknownOptions, requireInRange, requireInteger, requireNames } from '../core/validate.js';
import { KMEANS_SHARED_KEY_SET } from './option-keys.js';
import { type DistanceMetric, distanceFunction } from './distance.js';
import { kmeansPlusPlus, randomRows } from './init.js';
import { type ExactAlgorithm, runExact } from './lloyd.js';
import { runMiniBatch } from './minibatch.js';

/**
 * The k-means algorithms. `'lloyd'`, `'hamerly'` and `'elkan'` give identical results from the same start.
 *
 * @example
 * ```ts
 * import { fitKMeans, type KMeansAlgorithm } from 'crm-mining';
 * // Mini-batch k-means trades a little inertia for speed on large data.
 * const algorithm: KMeansAlgorithm = 'minibatch';
 * const x = Array.from({ length: 200 }, (_, i) => [i % 2 === 0 ? i / 100 : 10 + i / 100, i % 3]);
 * const model = fitKMeans(x, { k: 2, algorithm, batchSize: 64, seed: 1 });
 * console.log(model.algorithm, model.k); // minibatch 2
 * ```
 */
export type KMeansAlgorithm = ExactAlgorithm | 'minibatch';

/**
 * The k-means algorithm names, for validation and help texts.
 *
 * @example
 * ```ts
 * import { KMEANS_ALGORITHMS } from 'crm-mining';
 * console.log(KMEANS_ALGORITHMS.join(' | ')); // lloyd | hamerly | elkan | minibatch
 * ```
 */
export const KMEANS_ALGORITHMS: readonly KMeansAlgorithm[] = ['lloyd', 'hamerly', 'elkan', 'minibatch'];

/**
 * Options of {@link fitKMeans}.
 *
 * @example
 * ```ts
 * import { fitKMeans, type KMeansOptions } from 'crm-mining';
 * const options: KMeansOptions = { k: 3, nInit: 10, maxIter: 300, seed: 7, algorithm: 'hamerly', featureNames: ['recency', 'frequency'] };
 * const model = fitKMeans([[1, 9], [2, 8], [30, 1], [31, 2], [60, 5], [61, 4]], options);
 * console.log(model.featureNames); // ['recency', 'frequency']
 * ```
 */
export interface KMeansOptions {
  /** The number of clusters (required): an integer in [1, number of distinct rows]. */
  k: number;
  /**
   * Starting centres: `'k-means++'` (default; greedy, 2 + ⌊ln k⌋ candidates per step, as scikit-learn),
   * `'random'` (k distinct rows chosen uniformly), or the centres themselves (k rows of d values; then
   * `nInit` is 1).
   */
  init?: 'k-means++' | 'random' | MatrixInput;
  /** Restarts from different starting centres; the run with the lowest inertia is kept (default 10; 1 for given centres). */
  nInit?: number;
  /**
   * Maximum iterations of one run (default 300). For `'minibatch'` it is the maximum number of passes over
   * the data (default 100, as scikit-learn).
   */
  maxIter?: number;
  /**
   * Convergence tolerance, relative as in scikit-learn: a run stops when the total squared movement of the
   * centres in one iteration, Σⱼ‖cⱼ′ − cⱼ‖², is at most `tol` × the mean of the per-feature variances of
   * the data (default 1e-4; for `'minibatch'` default 0, meaning it stops on `maxNoImprovement`). A run
   * also stops as soon as no label changes (strict convergence). 0 means "until the labels stop changing".
   */
  tol?: number;
  /** Seed of the random starts and mini-batches (default 42). The same seed gives the same result bit for bit. */
  seed?: number;
  /**
   * `'hamerly'` (default: exact, fewest distance computations at low dimension), `'lloyd'` (plain),
   * `'elkan'` (exact, k bounds per point: best for larger k and dimension), or `'minibatch'` (approximate,
   * for data too large for full passes).
   */
  algorithm?: KMeansAlgorithm;
  /** Mini-batch size (default 1024). */
  batchSize?: number;
  /** Mini-batch: stop after this many steps without improvement of the smoothed batch inertia (default 10). */
  maxNoImprovement?: number;
  /** Record the inertia after every assignment step in {@link KMeansModel.inertiaHistory} (default false; exact variants only). */
  trackInertia?: boolean;
  /** Feature names stored with the model (default none). */
  featureNames?: readonly string[];
  /** Called after each restart with `{ phase: 'k-means restarts', done, total: nInit }`. */
  onProgress?: ProgressCallback;
  /** Stops the work between iterations with an AbortedError. */
  signal?: AbortSignal;
}

const KMEANS_OPTION_KEYS = optionKeys<KMeansOptions>({ ...KMEANS_SHARED_KEY_SET, k: true, init: true, onProgress: true });

/**
 * The serialised form of a {@link KMeansModel}.
 *
 * @example
 * ```ts
 * import { fitKMeans, KMeansModel, type KMeansModelJSON } from 'crm-mining';
 * const model = fitKMeans([[0, 0], [0, 1], [9, 9], [9, 8]], { k: 2, seed: 1 });
 * const json: KMeansModelJSON = JSON.parse(JSON.stringify(model.toJSON()));
 * const restored = KMeansModel.fromJSON(json);
 * console.log(json.type, restored.inertia === model.inertia); // kmeans true
 * ```
 */
export interface KMeansModelJSON {
  /** Always `'kmeans'`. */
  type: 'kmeans';
  /** Format version (1). */
  version: 1;
  /** Number of clusters. */
  k: number;
  /** The centres, k rows of d values. */
  centroids: number[][];
  /** Training labels. */
  labels: number[];
  /** Training inertia. */
  inertia: number;
  /** Iterations of the kept run. */
  iterations: number;
  /** Whether the kept run converged. */
  converged: boolean;
  /** The algorithm used. */
  algorithm: KMeansAlgorithm;
  /** Point–centre distance computations over all restarts. */
  distanceComputations: number;
  /** The inertia of each restart. */
  restartInertias: number[];
  /** Inertia per assignment step of the kept run (when tracked). */
  inertiaHistory: number[];
  /** Feature names, when given. */
  featureNames?: string[];
}

/**
 * A fitted k-means model. Immutable.
 *
 * @example
 * ```ts
 * import { fitKMeans } from 'crm-mining';
 * const model = fitKMeans([[0, 0], [0, 1], [9, 9], [9, 8]], { k: 2, seed: 1 });
 * console.log(model.inertia); // 1 (each point is 0.5 from its centre: 4 × 0.25)
 * const [a, b] = model.predict([[1, 1], [8, 8]]);
 * console.log(a !== b); // true: the two new points fall in different clusters
 * console.log(model.transform([[0, 0]]).rows); // 1 row of distances to the 2 centres
 * ```
 */
export class KMeansModel {
  /** Number of clusters. */
  readonly k: number;
  /** The centres (cluster means), k × d. */
  readonly centroids: Matrix;
  /** The cluster of each training row. */
  readonly labels: Int32Array;
  /** Within-cluster sum of squared distances to the centres on the training data (the textbook's SSE). */
  readonly inertia: number;
  /** Iterations of the kept run. */
  readonly iterations: number;
  /** Whether the kept run stopped by convergence rather than `maxIter`. */
  readonly converged: boolean;
  /** The algorithm used. */
  readonly algorithm: KMeansAlgorithm;
  /**
   * Point–centre distance computations of the assignment steps, summed over all restarts (the k-means++
   * seeding and the final inertia pass are not counted). Plain Lloyd does n·k per iteration; Hamerly and
   * Elkan far fewer.
   */
  readonly distanceComputations: number;
  /** The final inertia of each restart, in order. */
  readonly restartInertias: readonly number[];
  /** The inertia after each assignment step of the kept run (empty unless `trackInertia`). */
  readonly inertiaHistory: readonly number[];
  /** Feature names, when given. */
  readonly featureNames: readonly string[] | undefined;

  /** Builds a model from its parts (normally use {@link fitKMeans} or {@link KMeansModel.fromJSON}). */
  constructor(parts: {
    centroids: Matrix;
    labels: Int32Array;
    inertia: number;
    iterations: number;
    converged: boolean;
    algorithm: KMeansAlgorithm;
    distanceComputations: number;
    restartInertias: readonly number[];
    inertiaHistory: readonly number[];
    featureNames?: readonly string[];
  }) {
    this.k = parts.centroids.rows;
    this.centroids = parts.centroids;
    this.labels = parts.labels;
    this.inertia = parts.inertia;
    this.iterations = parts.iterations;
    this.converged = parts.converged;
    this.algorithm = parts.algorithm;
    this.distanceComputations = parts.distanceComputations;
    this.restartInertias = [...parts.restartInertias];
    this.inertiaHistory = [...parts.inertiaHistory];
    this.featureNames = parts.featureNames === undefined ? undefined : [...parts.featureNames];
  }

  /** The number of features. */
  get dimension(): number {
    return this.centroids.cols;
  }

  /** The number of training rows in each cluster. */
  get sizes(): number[] {
    const s = new Array<number>(this.k).fill(0);
    for (let i = 0; i < this.labels.length; i++) s[this.labels[i]]++;
    return s;
  }

  /**
   * The nearest centre of each row of `x` under `metric` (default `'sqeuclidean'`, the k-means objective;
   * `'euclidean'` gives the same answer). Ties go to the lower cluster index.
   *
   * @throws InvalidInputError on a wrong column count or non-finite values.
   */
  predict(x: MatrixInput, metric: DistanceMetric = 'sqeuclidean'): Int32Array {
    const m = this.check(x);
    const f = distanceFunction(metric);
    const { rows, cols, data } = m;
    const c = this.centroids.data;
    const out = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      let best = Infinity;
      let bi = 0;
      for (let j = 0; j < this.k; j++) {
        const v = f(data, i * cols, c, j * cols, cols);
        if (v < best) {
          best = v;
          bi = j;
        }
      }
      out[i] = bi;
    }
    return out;
  }

  /** The distance of each row of `x` to each centre (rows × k; default metric `'euclidean'`, as scikit-learn's `transform`). */
  transform(x: MatrixInput, metric: DistanceMetric = 'euclidean'): Matrix {
    const m = this.check(x);
    const f = distanceFunction(metric);
    const out = new Float64Array(m.rows * this.k);
    for (let i = 0; i < m.rows; i++) {
      for (let j = 0; j < this.k; j++) out[i * this.k + j] = f(m.data, i * m.cols, this.centroids.data, j * m.cols, m.cols);
    }
    return { rows: m.rows, cols: this.k, data: out };
  }

  private check(x: MatrixInput): Matrix {
    const m = toMatrix(x, { name: 'X' });
    if (m.cols !== this.centroids.cols) {
      throw new InvalidInputError(`X has ${m.cols} columns; the model was fitted on ${this.centroids.cols}`);
    }
    return m;
  }

  /** The serialised form (exact round trip through {@link KMeansModel.fromJSON}). */
  toJSON(): KMeansModelJSON {
    const { rows, cols, data } = this.centroids;
    const centroids: number[][] = [];
    for (let j = 0; j < rows; j++) centroids.push(Array.from(data.subarray(j * cols, (j + 1) * cols)));
    const json: KMeansModelJSON = {
      type: 'kmeans',
      version: 1,
      k: this.k,
      centroids,
      labels: Array.from(this.labels),
      inertia: this.inertia,
      iterations: this.iterations,
      converged: this.converged,
      algorithm: this.algorithm,
      distanceComputations: this.distanceComputations,
      restartInertias: [...this.restartInertias],
      inertiaHistory: [...this.inertiaHistory],
    };
    if (this.featureNames !== undefined) json.featureNames = [...this.featureNames];
    return json;
  }

  /** Restores a model from {@link KMeansModel.toJSON}'s output (or its `JSON.parse`d text). */
  static fromJSON(json: KMeansModelJSON): KMeansModel {
    if (json === null || typeof json !== 'object' || json.type !== 'kmeans' || !Array.isArray(json.centroids)) {
      throw new InvalidInputError('KMeansModel.fromJSON: expected an object with type "kmeans" and centroids');
    }
    const centroids = toMatrix(json.centroids, { name: 'centroids' });
    if (centroids.rows !== json.k) throw new InvalidInputError(`KMeansModel.fromJSON: k is ${json.k} but there are ${centroids.rows} centroids`);
    const labels = Int32Array.from(json.labels ?? []);
    for (let i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= json.k) throw new InvalidInputError(`KMeansModel.fromJSON: label ${i} is out of range`, { row: i });
    }
    return new KMeansModel({
      centroids,
      labels,
      inertia: json.inertia,
      iterations: json.iterations,
      converged: json.converged,
      algorithm: json.algorithm,
      distanceComputations: json.distanceComputations,
      restartInertias: json.restartInertias ?? [],
      inertiaHistory: json.inertiaHistory ?? [],
      ...(json.featureNames !== undefined ? { featureNames: json.featureNames } : {}),
    });
  }
}

/**
 * Fits k-means: `nInit` runs from different starting centres, keeping the one with the lowest inertia
 * (the first such on ties).
 *
 * Empty clusters (a centre that lost all its points) are handled deterministically: in index order each
 * empty cluster takes the point farthest from its own centre (ties → lower row), never emptying the donor
 * cluster, and its centre moves there; every exact variant applies the same rule, so they stay identical.
 *
 * @param x - rows of numbers (finite; no NaN), all of the same length.
 * @throws InvalidOptionError for k < 1, k above the number of distinct rows, or a bad option;
 *   InvalidInputError for NaN/Infinity (naming row and column), ragged rows or badly shaped given centres.
 *
 * @example
 * ```ts
 * import { fitKMeans } from 'crm-mining';
 * const customers = [[1, 20], [2, 22], [1.5, 21], [40, 90], [42, 95], [41, 92]]; // tenure, monthly bill
 * const model = fitKMeans(customers, { k: 2, seed: 42 });
 * console.log(model.sizes); // [3, 3] (which cluster is numbered 0 depends on the seed)
 * console.log(model.labels[0] === model.labels[1], model.labels[0] === model.labels[3]); // true false
 * ```
 */
export function fitKMeans(x: MatrixInput, options: KMeansOptions): KMeansModel {
  rejectUnknownOptions(options, KMEANS_OPTION_KEYS, 'fitKMeans');
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('k', 'options with k are required');
  const m = toMatrix(x, { name: 'X' });
  const { rows: n, cols: d, data } = m;
  const k = requireInteger('k', options.k, 1);
  const algorithm = options.algorithm ?? 'hamerly';
  if (!KMEANS_ALGORITHMS.includes(algorithm)) {
    throw new InvalidOptionError('algorithm', `expected one of ${KMEANS_ALGORITHMS.map((a) => `'${a}'`).join(', ')}, got ${String(algorithm)}`);
  }
  const minibatch = algorithm === 'minibatch';
  const init = options.init ?? 'k-means++';
  const given = typeof init === 'string' ? undefined : toMatrix(init, { name: 'init' });
  if (typeof init === 'string' && init !== 'k-means++' && init !== 'random') {
    throw new InvalidOptionError('init', `expected 'k-means++', 'random' or a matrix of centres, got ${JSON.stringify(init)}`);
  }
  if (given !== undefined && (given.rows !== k || given.cols !== d)) {
    throw new InvalidInputError(`init: the given centres are ${given.rows} × ${given.cols}, expected k × d = ${k} × ${d}`);
  }
  const nInit = given !== undefined ? 1 : requireInteger('nInit', options.nInit ?? 10, 1);
  const maxIter = requireInteger('maxIter', options.maxIter ?? (minibatch ? 100 : 300), 1);
  const tol = requireInRange('tol', options.tol ?? (minibatch ? 0 : 1e-4), 0, Infinity);
  const seed = options.seed ?? 42;
  const rng = new Random(seed);
  const batchSize = requireInteger('batchSize', options.batchSize ?? 1024, 1);
  const maxNoImprovement = requireInteger('maxNoImprovement', options.maxNoImprovement ?? 10, 1);
  if (options.featureNames !== undefined) requireNames('featureNames', options.featureNames, d);
  const distinct = countDistinctUpTo(data, n, d, k);
  if (distinct < k) {
    throw new InvalidOptionError('k', `k = ${k} but the data has only ${distinct} distinct row${distinct === 1 ? '' : 's'}; choose k ≤ ${distinct}`);
  }
  const { meanVariance, diameter } = spread(data, n, d);
  const tolAbs = tol * meanVariance;
  const slack = 1e-10 * diameter;

  let best: { centres: Float64Array; labels: Int32Array; inertia: number; iterations: number; converged: boolean; history: number[] } | undefined;
  let distances = 0;
  const restartInertias: number[] = [];
  // Mini-batch: starting centres are chosen on a subsample (as scikit-learn's init_size = 3 · batchSize).
  const initRows = minibatch && n > 3 * batchSize && n > k ? rng.sample(n, Math.max(3 * batchSize, k)) : undefined;
  for (let r = 0; r < nInit; r++) {
    const start =
      given !== undefined
        ? new Float64Array(given.data)
        : init === 'random'
          ? randomRows(data, n, d, k, rng, initRows)
          : kmeansPlusPlus(data, n, d, k, rng, initRows);
    let run: { centres: Float64Array; labels: Int32Array; inertia: number; iterations: number; converged: boolean; history: number[] };
    if (minibatch) {
      const res = runMiniBatch({
        x: data, n, d, k, centres: start, batchSize, maxIter, maxNoImprovement, tolAbs, rng,
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      distances += res.distanceComputations;
      run = { ...res, history: [] };
    } else {
      const res = runExact(algorithm, {
        x: data, n, d, k, centres: start, maxIter, tolAbs, slack,
        trackInertia: options.trackInertia ?? false,
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      distances += res.distanceComputations;
      run = { ...res, history: res.inertiaHistory };
    }
    restartInertias.push(run.inertia);
    if (best === undefined || run.inertia < best.inertia) best = run;
    options.onProgress?.({ phase: 'k-means restarts', done: r + 1, total: nInit });
  }
  const b = best!;
  return new KMeansModel({
    centroids: { rows: k, cols: d, data: b.centres },
    labels: b.labels,
    inertia: b.inertia,
    iterations: b.iterations,
    converged: b.converged,
    algorithm,
    distanceComputations: distances,
    restartInertias,
    inertiaHistory: b.history,
    ...(options.featureNames !== undefined ? { featureNames: options.featureNames } : {}),
  });
}

/** Counts distinct rows, stopping once `limit` are found. */
function countDistinctUpTo(x: Float64Array, n: number, d: number, limit: number): number {
  const seen = new Set<string>();
  for (let i = 0; i < n && seen.size < limit; i++) {
    let key = '';
    for (let t = 0; t < d; t++) key += (t === 0 ? '' : ',') + String(x[i * d + t] === 0 ? 0 : x[i * d + t]);
    seen.add(key);
  }
  return seen.size;
}

/** Mean per-feature variance (scikit-learn's tolerance scale) and the bounding-box diagonal. */
function spread(x: Float64Array, n: number, d: number): { meanVariance: number; diameter: number } {
  const mean = new Float64Array(d);
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = x[i * d + t];
      mean[t] += v;
      if (v < min[t]) min[t] = v;
      if (v > max[t]) max[t] = v;
    }
  }
  for (let t = 0; t < d; t++) mean[t] /= n;
  const ss = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = x[i * d + t] - mean[t];
      ss[t] += v * v;
    }
  }
  let mv = 0;
  let diag = 0;
  for (let t = 0; t < d; t++) {
    mv += ss[t] / n;
    diag += (max[t] - min[t]) * (max[t] - min[t]);
  }
  return { meanVariance: mv / d, diameter: Math.sqrt(diag) };
}
