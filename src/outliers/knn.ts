/**
 * k-NN distance outlier detector (Ramaswamy, Rastogi & Shim 2000; Angiulli & Pizzuti 2002): a row's score
 * is its distance to its k-th nearest training row, or the mean (or median) distance to its k nearest.
 * Defaults follow PyOD's `KNN` (k = 5, the k-th distance).
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { requireBoolean, requireInteger, requireOneOf, rejectUnknownOptions } from '../core/validate.js';
import {
  checkDetectorJson,
  jsonFloats,
  jsonLabelling,
  jsonNumber,
  OutlierDetectorBase,
  resolveLabelling,
  type Labelling,
  type LabelOptions,
  type OutlierMethod,
} from './detector.js';
import { applyStandardizer, fitStandardizer, nearestNeighbours, type Neighbors, type DistanceScaling } from './neighbors.js';
import { KNN_DETECTOR_OPTION_KEYS } from './option-keys.js';

/**
 * How the k neighbour distances become one score.
 *
 * @example
 * ```ts
 * import { fitKnnDetector, type KnnAggregate } from 'crm-mining';
 * const rows = [[0], [1], [2], [10]];
 * for (const aggregate of ['kth', 'mean', 'median'] satisfies KnnAggregate[]) {
 *   console.log(aggregate, Array.from(fitKnnDetector(rows, { k: 2, aggregate }).trainingScores));
 * }
 * ```
 */
export type KnnAggregate = 'kth' | 'mean' | 'median';

/**
 * Options of {@link fitKnnDetector}.
 *
 * @example
 * ```ts
 * import { fitKnnDetector, type KnnDetectorOptions } from 'crm-mining';
 * const options: KnnDetectorOptions = { k: 3, aggregate: 'mean', standardize: true, contamination: 0.1 };
 * const detector = fitKnnDetector([[1, 100], [2, 110], [1, 95], [2, 105], [1, 102], [9, 400]], options);
 * console.log(detector.trainingLabels()[5]); // 1
 * ```
 */
export interface KnnDetectorOptions extends LabelOptions {
  /** Neighbours k (default 5, as PyOD); at most the number of training rows − 1. */
  k?: number;
  /** `'kth'`: distance to the k-th neighbour (default, PyOD's `largest`); `'mean'` or `'median'` of the k distances. */
  aggregate?: KnnAggregate;
  /** Standardise each column (training mean and population standard deviation) before measuring distances (default false). */
  standardize?: boolean;
}

function aggregateRow(n: Neighbors, r: number, how: KnnAggregate, buf: Float64Array): number {
  const k = n.k;
  const o = r * k;
  if (how === 'kth') return n.distances[o + k - 1];
  if (how === 'mean') {
    let s = 0;
    for (let t = 0; t < k; t++) s += n.distances[o + t];
    return s / k;
  }
  for (let t = 0; t < k; t++) buf[t] = n.distances[o + t]; // already ascending
  return k % 2 === 1 ? buf[(k - 1) >> 1] : 0.5 * (buf[k / 2 - 1] + buf[k / 2]);
}

function scoresOf(n: Neighbors, rows: number, how: KnnAggregate): Float64Array {
  const out = new Float64Array(rows);
  const buf = new Float64Array(n.k);
  for (let r = 0; r < rows; r++) out[r] = aggregateRow(n, r, how, buf);
  return out;
}

/**
 * A fitted k-NN distance detector; it keeps the (standardised) training rows.
 *
 * @example
 * ```ts
 * import { fitKnnDetector, type KnnDetector } from 'crm-mining';
 * const detector: KnnDetector = fitKnnDetector([[0, 0], [0, 1], [1, 0], [1, 1]], { k: 1, threshold: 2 });
 * console.log(Array.from(detector.label([[0.5, 0.5], [5, 5]]))); // [0, 1]
 * ```
 */
export class KnnDetector extends OutlierDetectorBase {
  /** `'knn'`. */
  readonly method: OutlierMethod = 'knn';
  /** Neighbours k. */
  readonly k: number;
  /** How the k distances are combined. */
  readonly aggregate: KnnAggregate;
  /** The column standardisation applied before distances, or `null`. */
  readonly standardizer: DistanceScaling | null;
  private readonly train: Matrix;

  /** Use {@link fitKnnDetector} or {@link KnnDetector.fromJSON}. */
  constructor(train: Matrix, k: number, aggregate: KnnAggregate, standardizer: DistanceScaling | null, trainingScores: Float64Array, labelling: Labelling) {
    super(train.cols, trainingScores, labelling);
    this.train = train;
    this.k = k;
    this.aggregate = aggregate;
    this.standardizer = standardizer;
  }

  protected scoreMatrix(X: Matrix): Float64Array {
    const q = this.standardizer ? applyStandardizer(X, this.standardizer) : X;
    return scoresOf(nearestNeighbours(this.train, q, this.k), q.rows, this.aggregate);
  }

  protected params(): Record<string, unknown> {
    return {
      k: this.k,
      aggregate: this.aggregate,
      mean: this.standardizer ? Array.from(this.standardizer.mean) : null,
      scale: this.standardizer ? Array.from(this.standardizer.scale) : null,
      rows: this.train.rows,
      data: Array.from(this.train.data),
    };
  }

  /** Rebuilds a detector from {@link KnnDetector.toJSON}'s output. @throws InvalidInputError for malformed JSON. */
  static fromJSON(json: unknown): KnnDetector {
    const j = checkDetectorJson(json, 'knn');
    const p = j.params;
    const rows = jsonNumber(p, 'rows');
    const data = jsonFloats(p, 'data', rows * j.nFeatures);
    const standardizer = p.mean === null ? null : { mean: jsonFloats(p, 'mean', j.nFeatures), scale: jsonFloats(p, 'scale', j.nFeatures) };
    const aggregate = requireOneOf('aggregate', p.aggregate, ['kth', 'mean', 'median'] as const);
    return new KnnDetector({ rows, cols: j.nFeatures, data }, jsonNumber(p, 'k'), aggregate, standardizer, Float64Array.from(j.trainingScores), jsonLabelling(j));
  }
}

/**
 * Fits a k-NN distance detector. Training scores leave each row out of its own neighbours.
 * Labelling default: contamination 0.1 (PyOD's default).
 *
 * @throws InvalidInputError for non-finite values or ragged rows; InvalidOptionError for a bad `k`,
 *   `aggregate`, `contamination` or `threshold`.
 *
 * @example
 * ```ts
 * import { fitKnnDetector } from 'crm-mining';
 * const rows = [[1, 1], [1, 2], [2, 1], [2, 2], [8, 8]];
 * const detector = fitKnnDetector(rows, { k: 2 });
 * // score = distance to the 2nd nearest training row
 * console.log(detector.score([[1.5, 1.5], [8, 9]]).map((s) => +s.toFixed(2))); // [0.71, 9.22]
 * ```
 */
export function fitKnnDetector(X: MatrixInput, options: KnnDetectorOptions = {}): KnnDetector {
  rejectUnknownOptions(options, KNN_DETECTOR_OPTION_KEYS, 'fitKnnDetector');
  const m = toMatrix(X, { name: 'X' });
  const aggregate = requireOneOf('aggregate', options.aggregate ?? 'kth', ['kth', 'mean', 'median'] as const);
  const standardize = requireBoolean('standardize', options.standardize ?? false);
  if (m.rows < 2) throw new InvalidInputError(`X: k-NN needs at least 2 rows, got ${m.rows}`);
  const k = requireInteger('k', options.k ?? 5, 1, m.rows - 1);
  const standardizer = standardize ? fitStandardizer(m) : null;
  const train = standardizer ? applyStandardizer(m, standardizer) : { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  const scores = scoresOf(nearestNeighbours(train, null, k), m.rows, aggregate);
  return new KnnDetector(train, k, aggregate, standardizer, scores, resolveLabelling(scores, options, { contamination: 0.1 }));
}
