/**
 * The one shape every outlier detector has: fitted once on training rows, it scores new rows (higher =
 * more anomalous) and labels them as outliers by a score threshold, which is either given or set from a
 * contamination share of the training rows.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { requireFinite, requireInRange } from '../core/validate.js';

/**
 * The detectors of this area, by the names the CLI's `--method` uses.
 *
 * @example
 * ```ts
 * import { fitOutlierDetector, type OutlierMethod } from 'crm-mining';
 * const method: OutlierMethod = 'lof';
 * const detector = fitOutlierDetector([[1, 1], [1, 2], [2, 1], [2, 2], [9, 9]], { method, k: 2 });
 * console.log(detector.method); // lof
 * ```
 */
export type OutlierMethod = 'iforest' | 'lof' | 'knn' | 'zscore' | 'mad' | 'iqr' | 'mahalanobis';

/**
 * Every method name, in the order the CLI lists them.
 *
 * @example
 * ```ts
 * import { OUTLIER_METHODS } from 'crm-mining';
 * console.log(OUTLIER_METHODS.join(', ')); // iforest, lof, knn, zscore, mad, iqr, mahalanobis
 * ```
 */
export const OUTLIER_METHODS: readonly OutlierMethod[] = Object.freeze(['iforest', 'lof', 'knn', 'zscore', 'mad', 'iqr', 'mahalanobis']);

/**
 * How a fitted detector turns scores into labels. Give at most one of the two; when neither is given the
 * detector's own default applies (stated in each detector's options).
 *
 * @example
 * ```ts
 * import { fitKnnDetector, type LabelOptions } from 'crm-mining';
 * const rows = [[1, 1], [1, 2], [2, 1], [2, 2], [1.5, 1.5], [9, 9]];
 * // either a share of the training rows …
 * const byShare: LabelOptions = { contamination: 0.2 };
 * // … or a fixed score threshold
 * const byScore: LabelOptions = { threshold: 3 };
 * console.log(Array.from(fitKnnDetector(rows, { k: 2, ...byShare }).trainingLabels())); // [0, 0, 0, 0, 0, 1]
 * console.log(Array.from(fitKnnDetector(rows, { k: 2, ...byScore }).trainingLabels())); // [0, 0, 0, 0, 0, 1]
 * ```
 */
export interface LabelOptions {
  /**
   * The share of the training rows to label as outliers, in (0, 0.5]. The threshold becomes the
   * `(1 − contamination)` quantile of the training scores (linear interpolation, as NumPy's percentile and
   * PyOD), and a row is an outlier when its score is strictly above it.
   */
  contamination?: number;
  /** A fixed score threshold: a row is an outlier when its score is strictly above it. */
  threshold?: number;
}

/**
 * The labelling a detector settled on when it was fitted.
 *
 * @example
 * ```ts
 * import { resolveLabelling, type Labelling } from 'crm-mining';
 * const scores = new Float64Array([0.1, 0.2, 0.3, 0.4, 5]);
 * const labelling: Labelling = resolveLabelling(scores, { contamination: 0.25 }, {});
 * console.log(labelling.threshold, labelling.contamination); // 0.4 0.25
 * ```
 */
export interface Labelling {
  /** The score above which a row is an outlier. */
  readonly threshold: number;
  /** The contamination share the threshold came from, or `null` when the threshold was given or is the method's natural cut-off. */
  readonly contamination: number | null;
}

/**
 * What every detector serialises to: its method, labelling, training scores, and its own parameters.
 *
 * @example
 * ```ts
 * import { fitIsolationForest, outlierDetectorFromJSON, type OutlierDetectorJson } from 'crm-mining';
 * const forest = fitIsolationForest([[1, 2], [2, 1], [1, 1], [2, 2], [8, 9]], { nTrees: 10, seed: 1 });
 * const json: OutlierDetectorJson = JSON.parse(JSON.stringify(forest.toJSON()));
 * const again = outlierDetectorFromJSON(json);
 * console.log(json.method, again.score([[8, 9]])[0] === forest.score([[8, 9]])[0]); // iforest true
 * ```
 */
export interface OutlierDetectorJson {
  /** The method name. */
  method: OutlierMethod;
  /** The number of feature columns the detector was fitted on. */
  nFeatures: number;
  /** The score threshold. */
  threshold: number;
  /** The contamination share behind the threshold, or `null`. */
  contamination: number | null;
  /** The scores of the training rows. */
  trainingScores: number[];
  /** The method's own fitted parameters. */
  params: Record<string, unknown>;
}

/**
 * A fitted outlier detector. Fitted models never change; `score` and `label` accept the same inputs as
 * fitting (arrays of rows or a {@link Matrix}) with the same number of columns.
 *
 * @example
 * ```ts
 * import { fitOutlierDetector, type OutlierDetector } from 'crm-mining';
 * const train = [[20, 1], [22, 1], [21, 2], [19, 1], [23, 2], [20, 2]]; // amount, items
 * const detector: OutlierDetector = fitOutlierDetector(train, { method: 'mahalanobis' });
 * const scores = detector.score([[21, 1], [90, 1]]);
 * console.log(scores[1] > scores[0]); // true: the unusual amount scores higher
 * console.log(Array.from(detector.label([[21, 1], [90, 1]]))); // [0, 1]
 * ```
 */
export interface OutlierDetector {
  /** The method name. */
  readonly method: OutlierMethod;
  /** The number of feature columns. */
  readonly nFeatures: number;
  /**
   * The scores of the training rows (for k-NN and LOF computed without counting a row as its own
   * neighbour, as scikit-learn and PyOD do).
   */
  readonly trainingScores: Float64Array;
  /** The score above which a row is an outlier. */
  readonly threshold: number;
  /** The contamination share behind {@link OutlierDetector.threshold}, or `null`. */
  readonly contamination: number | null;
  /** Scores new rows: one score per row, higher = more anomalous. @throws InvalidInputError for a bad row or a wrong number of columns. */
  score(X: MatrixInput): Float64Array;
  /** Labels new rows: 1 = outlier (score above the threshold), 0 = inlier. */
  label(X: MatrixInput): Uint8Array;
  /** The labels of the training rows (from {@link OutlierDetector.trainingScores}). */
  trainingLabels(): Uint8Array;
  /** A JSON-ready description from which {@link outlierDetectorFromJSON} rebuilds the same detector. */
  toJSON(): OutlierDetectorJson;
}

/**
 * The `q` quantile (0 ≤ q ≤ 1) of the values with linear interpolation between order statistics
 * (NumPy's default, Hyndman–Fan type 7). Does not modify `values`.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) throw new InvalidInputError('quantile of no values');
  const sorted = Float64Array.from(values).sort();
  return quantileOfSorted(sorted, q);
}

/** {@link quantile} of values already sorted ascending. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  const frac = pos - lo;
  return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/** The median of the values (a copy is sorted). */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/**
 * Checks the labelling options and turns them into a threshold: a given threshold is used as is; a
 * contamination share (given, or `defaults.contamination`) becomes the `(1 − contamination)` quantile of
 * the training scores; otherwise `defaults.threshold` (the method's natural cut-off) is used.
 *
 * @throws InvalidOptionError for a contamination outside (0, 0.5], a non-finite threshold, or both given;
 *   InvalidInputError naming the row of a NaN training score.
 *
 * @example
 * ```ts
 * import { resolveLabelling } from 'crm-mining';
 * const scores = new Float64Array([1, 2, 3, 4, 100]);
 * // no option given: fall back to the method's natural cut-off
 * console.log(resolveLabelling(scores, {}, { threshold: 3.5 }).threshold); // 3.5
 * // a contamination share becomes the (1 − share) quantile of the training scores
 * console.log(resolveLabelling(scores, { contamination: 0.5 }, {}).threshold); // 3
 * ```
 */
export function resolveLabelling(
  trainingScores: Float64Array,
  options: LabelOptions,
  defaults: { contamination?: number; threshold?: number },
): Labelling {
  const { contamination, threshold } = options;
  for (let i = 0; i < trainingScores.length; i++) {
    if (Number.isNaN(trainingScores[i])) throw nanScore('trainingScores', i);
  }
  if (contamination !== undefined && threshold !== undefined) {
    throw new InvalidOptionError('contamination', 'give either contamination or threshold, not both');
  }
  if (threshold !== undefined) return { threshold: requireFinite('threshold', threshold), contamination: null };
  if (contamination !== undefined) {
    requireInRange('contamination', contamination, 0, 0.5, { minInclusive: false });
    return { threshold: quantile(trainingScores, 1 - contamination), contamination };
  }
  if (defaults.threshold !== undefined) return { threshold: defaults.threshold, contamination: null };
  const c = defaults.contamination ?? 0.1;
  return { threshold: quantile(trainingScores, 1 - c), contamination: c };
}

/**
 * Labels scores: 1 where the score is above the threshold, else 0.
 *
 * @throws InvalidOptionError for a threshold that is not finite; InvalidInputError naming the row of a NaN score.
 *
 * @example
 * ```ts
 * import { labelScores } from 'crm-mining';
 * console.log(Array.from(labelScores([0.2, 3.1, 0.9, 3], 3))); // [0, 1, 0, 0]: strictly above the threshold
 * ```
 */
export function labelScores(scores: ArrayLike<number>, threshold: number): Uint8Array {
  requireFinite('threshold', threshold);
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s !== s) throw nanScore('scores', i); // NaN is above no threshold: it would be labelled normal in silence
    out[i] = s > threshold ? 1 : 0;
  }
  return out;
}

function nanScore(field: string, row: number): InvalidInputError {
  return new InvalidInputError(`${field}: row ${row} is NaN, expected a score`, { row, field });
}

/**
 * The shared part of every detector: input checks, labelling, and the JSON envelope. Each method
 * subclasses it and supplies {@link OutlierDetectorBase.scoreMatrix} and its parameters.
 *
 * @example
 * ```ts
 * import { OutlierDetectorBase, fitUnivariateDetector } from 'crm-mining';
 * // every detector of the library shares this base: input checks, labelling and the JSON envelope
 * const detector = fitUnivariateDetector([[1], [2], [3], [2], [50]], 'iqr');
 * console.log(detector instanceof OutlierDetectorBase); // true
 * ```
 */
export abstract class OutlierDetectorBase implements OutlierDetector {
  /** The method name. */
  abstract readonly method: OutlierMethod;
  /** The number of feature columns. */
  readonly nFeatures: number;
  /** The scores of the training rows. */
  readonly trainingScores: Float64Array;
  /** The score above which a row is an outlier. */
  readonly threshold: number;
  /** The contamination share behind the threshold, or `null`. */
  readonly contamination: number | null;

  /**
   * @param nFeatures - the number of columns.
   * @param trainingScores - the training rows' scores.
   * @param labelling - the threshold and where it came from.
   */
  protected constructor(nFeatures: number, trainingScores: Float64Array, labelling: Labelling) {
    this.nFeatures = nFeatures;
    this.trainingScores = trainingScores;
    this.threshold = labelling.threshold;
    this.contamination = labelling.contamination;
  }

  /** Scores rows already checked and converted. */
  protected abstract scoreMatrix(X: Matrix): Float64Array;

  /** The method's fitted parameters for {@link OutlierDetectorBase.toJSON}. */
  protected abstract params(): Record<string, unknown>;

  /** Scores new rows (higher = more anomalous). */
  score(X: MatrixInput): Float64Array {
    return this.scoreMatrix(this.checkInput(X));
  }

  /** Labels new rows: 1 = outlier. */
  label(X: MatrixInput): Uint8Array {
    return labelScores(this.score(X), this.threshold);
  }

  /** The labels of the training rows. */
  trainingLabels(): Uint8Array {
    return labelScores(this.trainingScores, this.threshold);
  }

  /** The JSON description of the detector. */
  toJSON(): OutlierDetectorJson {
    return {
      method: this.method,
      nFeatures: this.nFeatures,
      threshold: this.threshold,
      contamination: this.contamination,
      trainingScores: Array.from(this.trainingScores),
      params: this.params(),
    };
  }

  /** Converts and checks rows to score: finite values and the fitted number of columns. */
  protected checkInput(X: MatrixInput): Matrix {
    const m = toMatrix(X, { name: 'X' });
    if (m.cols !== this.nFeatures) {
      throw new InvalidInputError(`X: rows have ${m.cols} values, expected ${this.nFeatures} like the rows the ${this.method} detector was fitted on`);
    }
    return m;
  }
}

/** Checks the common envelope of a detector's JSON and returns it typed. @throws InvalidInputError naming the bad field. */
export function checkDetectorJson(json: unknown, method: OutlierMethod): OutlierDetectorJson {
  const j = json as Partial<OutlierDetectorJson> | null;
  if (j === null || typeof j !== 'object') throw new InvalidInputError(`${method} detector JSON: expected an object`);
  if (j.method !== method) throw new InvalidInputError(`${method} detector JSON: method is ${JSON.stringify(j.method)}, expected "${method}"`, { field: 'method' });
  if (!Number.isInteger(j.nFeatures) || (j.nFeatures as number) < 1) throw new InvalidInputError(`${method} detector JSON: nFeatures must be a positive integer`, { field: 'nFeatures' });
  if (typeof j.threshold !== 'number' || !Number.isFinite(j.threshold)) throw new InvalidInputError(`${method} detector JSON: threshold must be a finite number`, { field: 'threshold' });
  if (j.contamination !== null && typeof j.contamination !== 'number') throw new InvalidInputError(`${method} detector JSON: contamination must be a number or null`, { field: 'contamination' });
  if (!Array.isArray(j.trainingScores)) throw new InvalidInputError(`${method} detector JSON: trainingScores must be an array`, { field: 'trainingScores' });
  if (j.params === null || typeof j.params !== 'object') throw new InvalidInputError(`${method} detector JSON: params must be an object`, { field: 'params' });
  return j as OutlierDetectorJson;
}

/** Reads a numeric array field of a detector's JSON as a Float64Array. @throws InvalidInputError when it is not an array of numbers of the expected length. */
export function jsonFloats(params: Record<string, unknown>, field: string, length?: number): Float64Array {
  const v = params[field];
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) {
    throw new InvalidInputError(`detector JSON: params.${field} must be an array of ${length ?? 'some'} numbers`, { field });
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number') throw new InvalidInputError(`detector JSON: params.${field}[${i}] is not a number`, { field });
    out[i] = v[i] as number;
  }
  return out;
}

/** Reads a numeric field of a detector's JSON. @throws InvalidInputError when it is not a finite number. */
export function jsonNumber(params: Record<string, unknown>, field: string): number {
  const v = params[field];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`detector JSON: params.${field} must be a finite number`, { field });
  return v;
}

/** The labelling stored in a detector's JSON. */
export function jsonLabelling(j: OutlierDetectorJson): Labelling {
  return { threshold: j.threshold, contamination: j.contamination };
}
