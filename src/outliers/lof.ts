/**
 * Local Outlier Factor (Breunig, Kriegel, Ng & Sander 2000), as scikit-learn's `LocalOutlierFactor` and
 * PyOD's `LOF`: the k-distance of a training row is the distance to its k-th nearest other training row;
 * the reachability distance of a to b is max(k-distance(b), d(a, b)); the local reachability density of a
 * is 1 / (mean reachability distance to its k neighbours + 1e-10); and LOF(a) is the mean density of its
 * neighbours divided by its own. About 1 inside a cluster, well above 1 for a row in a sparser region
 * than its neighbours. New rows are scored against the training rows (scikit-learn's `novelty=True`).
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { requireBoolean, requireInteger, rejectUnknownOptions } from '../core/validate.js';
import { checkDetectorJson, jsonFloats, jsonLabelling, jsonNumber, OutlierDetectorBase, resolveLabelling, type Labelling, type LabelOptions, type OutlierMethod } from './detector.js';
import { applyStandardizer, fitStandardizer, nearestNeighbours, type DistanceScaling } from './neighbors.js';
import { LOF_OPTION_KEYS } from './option-keys.js';

/**
 * Options of {@link fitLocalOutlierFactor}.
 *
 * @example
 * ```ts
 * import { fitLocalOutlierFactor, type LofOptions } from 'crm-mining';
 * const options: LofOptions = { k: 2, standardize: true, threshold: 1.5 };
 * const lof = fitLocalOutlierFactor([[1, 10], [2, 20], [1, 15], [2, 12], [9, 90]], options);
 * console.log(lof.threshold); // 1.5
 * ```
 */
export interface LofOptions extends LabelOptions {
  /** Neighbours k, scikit-learn's `n_neighbors` (default 20); reduced to the number of training rows − 1 when larger, as scikit-learn does. */
  k?: number;
  /** Standardise each column (training mean and population standard deviation) before measuring distances (default false). */
  standardize?: boolean;
}

/**
 * A fitted LOF detector; it keeps the (standardised) training rows, their k-distances and densities.
 *
 * @example
 * ```ts
 * import { fitLocalOutlierFactor, type LocalOutlierFactor } from 'crm-mining';
 * const lof: LocalOutlierFactor = fitLocalOutlierFactor([[0], [1], [2], [3], [20]], { k: 2 });
 * // scores near 1: as dense as the neighbours; well above 1: an outlier
 * console.log(Array.from(lof.score([[1.5], [30]])).map((s) => s > 1.5)); // [false, true]
 * ```
 */
export class LocalOutlierFactor extends OutlierDetectorBase {
  /** `'lof'`. */
  readonly method: OutlierMethod = 'lof';
  /** Neighbours k actually used. */
  readonly k: number;
  /** The column standardisation applied before distances, or `null`. */
  readonly standardizer: DistanceScaling | null;
  private readonly train: Matrix;
  private readonly kDistance: Float64Array;
  private readonly density: Float64Array;

  /** Use {@link fitLocalOutlierFactor} or {@link LocalOutlierFactor.fromJSON}. */
  constructor(
    train: Matrix,
    k: number,
    standardizer: DistanceScaling | null,
    kDistance: Float64Array,
    density: Float64Array,
    trainingScores: Float64Array,
    labelling: Labelling,
  ) {
    super(train.cols, trainingScores, labelling);
    this.train = train;
    this.k = k;
    this.standardizer = standardizer;
    this.kDistance = kDistance;
    this.density = density;
  }

  protected scoreMatrix(X: Matrix): Float64Array {
    const q = this.standardizer ? applyStandardizer(X, this.standardizer) : X;
    const nb = nearestNeighbours(this.train, q, this.k);
    const out = new Float64Array(q.rows);
    const k = this.k;
    for (let r = 0; r < q.rows; r++) {
      const o = r * k;
      let reach = 0;
      let dens = 0;
      for (let t = 0; t < k; t++) {
        const j = nb.indices[o + t];
        const d = nb.distances[o + t];
        const kd = this.kDistance[j];
        reach += d > kd ? d : kd;
        dens += this.density[j];
      }
      const own = 1 / (reach / k + 1e-10);
      out[r] = dens / k / own;
    }
    return out;
  }

  protected params(): Record<string, unknown> {
    return {
      k: this.k,
      mean: this.standardizer ? Array.from(this.standardizer.mean) : null,
      scale: this.standardizer ? Array.from(this.standardizer.scale) : null,
      rows: this.train.rows,
      data: Array.from(this.train.data),
      kDistance: Array.from(this.kDistance),
      density: Array.from(this.density),
    };
  }

  /** Rebuilds a detector from {@link LocalOutlierFactor.toJSON}'s output. @throws InvalidInputError for malformed JSON. */
  static fromJSON(json: unknown): LocalOutlierFactor {
    const j = checkDetectorJson(json, 'lof');
    const p = j.params;
    const rows = jsonNumber(p, 'rows');
    const data = jsonFloats(p, 'data', rows * j.nFeatures);
    const standardizer = p.mean === null ? null : { mean: jsonFloats(p, 'mean', j.nFeatures), scale: jsonFloats(p, 'scale', j.nFeatures) };
    return new LocalOutlierFactor(
      { rows, cols: j.nFeatures, data },
      jsonNumber(p, 'k'),
      standardizer,
      jsonFloats(p, 'kDistance', rows),
      jsonFloats(p, 'density', rows),
      Float64Array.from(j.trainingScores),
      jsonLabelling(j),
    );
  }
}

/**
 * Fits LOF to the rows: exact k nearest neighbours of every training row (itself excluded), k-distances,
 * local reachability densities, and the training rows' LOF scores. Labelling default: contamination 0.1
 * (PyOD's default).
 *
 * @throws InvalidInputError for non-finite values, ragged rows or fewer than 2 rows; InvalidOptionError
 *   for a bad `k`, `contamination` or `threshold`.
 *
 * @example
 * ```ts
 * import { fitLocalOutlierFactor } from 'crm-mining';
 * // a dense cluster and a sparse one: LOF judges each point against its own neighbourhood's density
 * const rows = [[0, 0], [0, 0.1], [0.1, 0], [0.1, 0.1], [10, 10], [10, 12], [12, 10], [12, 12], [1, 1]];
 * const lof = fitLocalOutlierFactor(rows, { k: 3 });
 * const s = lof.trainingScores;
 * console.log(s.indexOf(Math.max(...s))); // 8: near the dense cluster but far for its density
 * ```
 */
export function fitLocalOutlierFactor(X: MatrixInput, options: LofOptions = {}): LocalOutlierFactor {
  rejectUnknownOptions(options, LOF_OPTION_KEYS, 'fitLocalOutlierFactor');
  const m = toMatrix(X, { name: 'X' });
  if (m.rows < 2) throw new InvalidInputError(`X: LOF needs at least 2 rows, got ${m.rows}`);
  const kAsked = requireInteger('k', options.k ?? 20, 1);
  const standardize = requireBoolean('standardize', options.standardize ?? false);
  const k = Math.min(kAsked, m.rows - 1);
  const standardizer = standardize ? fitStandardizer(m) : null;
  const train = standardizer ? applyStandardizer(m, standardizer) : { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data) };
  const nb = nearestNeighbours(train, null, k);
  const n = m.rows;
  const kDistance = new Float64Array(n);
  for (let i = 0; i < n; i++) kDistance[i] = nb.distances[i * k + k - 1];
  const density = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let reach = 0;
    for (let t = 0; t < k; t++) {
      const d = nb.distances[o + t];
      const kd = kDistance[nb.indices[o + t]];
      reach += d > kd ? d : kd;
    }
    density[i] = 1 / (reach / k + 1e-10);
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let s = 0;
    for (let t = 0; t < k; t++) s += density[nb.indices[o + t]];
    scores[i] = s / k / density[i];
  }
  return new LocalOutlierFactor(train, k, standardizer, kDistance, density, scores, resolveLabelling(scores, options, { contamination: 0.1 }));
}
