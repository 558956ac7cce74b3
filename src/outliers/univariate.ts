/**
 * Univariate, per-column detectors: z-score, modified z-score (median and MAD; Iglewicz & Hoaglin 1993)
 * and Tukey's IQR fences (Tukey 1977). Each column gets a score for how far a value lies outside that
 * column's centre (or box), in units of its spread; a row's score is the largest of its column scores, so
 * a row is flagged when any one column is extreme. {@link UnivariateDetector.columnScores} gives the
 * per-column scores, which say which column made a row stand out.
 *
 * - `zscore`: |x − mean| / standard deviation (sample, n − 1). Natural cut-off 3.
 * - `mad`: the modified z-score 0.6745 · |x − median| / MAD, MAD the median absolute deviation from the
 *   median (0.6745 = Φ⁻¹(0.75) makes it comparable to a z-score under normality). When MAD = 0 (more than
 *   half the values equal), the mean absolute deviation from the median times 1.253314 (√(π/2)) takes its
 *   place. Natural cut-off 3.5 (Iglewicz & Hoaglin).
 * - `iqr`: the distance beyond the box [Q1, Q3] in units of IQR = Q3 − Q1 (quartiles by linear
 *   interpolation, NumPy's default): 0 inside the box, above 1.5 outside Tukey's inner fences
 *   Q1 − 1.5 IQR and Q3 + 1.5 IQR, above 3 outside the outer fences. Natural cut-off 1.5.
 *
 * A column with no spread (constant, or IQR 0 for `iqr`) cannot be scored: it contributes 0 and is listed
 * in {@link UnivariateDetector.skippedColumns} (never a division by zero).
 *
 * @module
 */
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { requireOneOf, rejectUnknownOptions } from '../core/validate.js';
import { checkDetectorJson, jsonFloats, jsonLabelling, OutlierDetectorBase, quantileOfSorted, resolveLabelling, type Labelling, type LabelOptions, type OutlierMethod } from './detector.js';
import { UNIVARIATE_OPTION_KEYS } from './option-keys.js';

/**
 * The univariate methods.
 *
 * @example
 * ```ts
 * import { fitUnivariateDetector, type UnivariateMethod } from 'crm-mining';
 * const rows = [[10], [12], [11], [13], [12], [60]];
 * for (const method of ['zscore', 'mad', 'iqr'] satisfies UnivariateMethod[]) {
 *   console.log(method, Array.from(fitUnivariateDetector(rows, method).trainingLabels()).join(''));
 * }
 * ```
 */
export type UnivariateMethod = 'zscore' | 'mad' | 'iqr';

/**
 * The natural cut-off of each univariate method, used when neither contamination nor threshold is given.
 *
 * @example
 * ```ts
 * import { UNIVARIATE_THRESHOLDS } from 'crm-mining';
 * console.log(UNIVARIATE_THRESHOLDS.zscore, UNIVARIATE_THRESHOLDS.mad, UNIVARIATE_THRESHOLDS.iqr); // 3 3.5 1.5
 * ```
 */
export const UNIVARIATE_THRESHOLDS: Readonly<Record<UnivariateMethod, number>> = Object.freeze({ zscore: 3, mad: 3.5, iqr: 1.5 });

/**
 * Options of {@link fitUnivariateDetector}: labelling only. Default: the method's natural cut-off ({@link UNIVARIATE_THRESHOLDS}).
 *
 * @example
 * ```ts
 * import { fitUnivariateDetector, type UnivariateOptions } from 'crm-mining';
 * // a stricter cut-off than the default 3 standard deviations
 * const options: UnivariateOptions = { threshold: 2 };
 * const detector = fitUnivariateDetector([[10], [12], [11], [13], [12], [30]], 'zscore', options);
 * console.log(detector.threshold); // 2
 * ```
 */
export type UnivariateOptions = LabelOptions;

/**
 * A fitted univariate detector: per column the interval [low, high] that scores 0 and the spread that scales distances from it.
 *
 * @example
 * ```ts
 * import { fitUnivariateDetector, type UnivariateDetector } from 'crm-mining';
 * const detector: UnivariateDetector = fitUnivariateDetector([[1, 5], [2, 5], [3, 5], [2, 5], [40, 5]], 'iqr');
 * // the constant second column cannot flag anything and is skipped
 * console.log(detector.skippedColumns); // [1]
 * // per-column scores show which feature made a row an outlier
 * console.log(detector.columnScores([[40, 5]]).data[0] > 1.5); // true
 * ```
 */
export class UnivariateDetector extends OutlierDetectorBase {
  /** `'zscore'`, `'mad'` or `'iqr'`. */
  readonly method: OutlierMethod;
  /** Per column: the mean (`zscore`), median (`mad`) or Q1 (`iqr`). */
  readonly low: Float64Array;
  /** Per column: the mean, median, or Q3. */
  readonly high: Float64Array;
  /** Per column: standard deviation, MAD / 0.6745, or IQR; 0 for a skipped column. */
  readonly spread: Float64Array;

  /** Use {@link fitUnivariateDetector} or {@link UnivariateDetector.fromJSON}. */
  constructor(method: UnivariateMethod, low: Float64Array, high: Float64Array, spread: Float64Array, trainingScores: Float64Array, labelling: Labelling) {
    super(low.length, trainingScores, labelling);
    this.method = method;
    this.low = low;
    this.high = high;
    this.spread = spread;
  }

  /** The columns (0-based) with no spread, which contribute 0 to every score. */
  get skippedColumns(): number[] {
    const out: number[] = [];
    for (let j = 0; j < this.spread.length; j++) if (!(this.spread[j] > 0)) out.push(j);
    return out;
  }

  /** The per-column scores of the rows (same shape as the input); a row's score is its row maximum. */
  columnScores(X: MatrixInput): Matrix {
    const m = this.checkInput(X);
    const out = new Float64Array(m.data.length);
    perColumn(m, this.low, this.high, this.spread, out);
    return { rows: m.rows, cols: m.cols, data: out };
  }

  protected scoreMatrix(X: Matrix): Float64Array {
    return rowMax(X, this.low, this.high, this.spread);
  }

  protected params(): Record<string, unknown> {
    return { low: Array.from(this.low), high: Array.from(this.high), spread: Array.from(this.spread) };
  }

  /** Rebuilds a detector from {@link UnivariateDetector.toJSON}'s output. @throws InvalidInputError for malformed JSON. */
  static fromJSON(json: unknown): UnivariateDetector {
    const method = requireOneOf('method', (json as { method?: unknown } | null)?.method, ['zscore', 'mad', 'iqr'] as const);
    const j = checkDetectorJson(json, method);
    const p = j.params;
    return new UnivariateDetector(
      method,
      jsonFloats(p, 'low', j.nFeatures),
      jsonFloats(p, 'high', j.nFeatures),
      jsonFloats(p, 'spread', j.nFeatures),
      Float64Array.from(j.trainingScores),
      jsonLabelling(j),
    );
  }
}

function perColumn(m: Matrix, low: Float64Array, high: Float64Array, spread: Float64Array, out: Float64Array): void {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const s = spread[j];
      const x = data[o + j];
      out[o + j] = s > 0 ? (x > high[j] ? (x - high[j]) / s : x < low[j] ? (low[j] - x) / s : 0) : 0;
    }
  }
}

function rowMax(m: Matrix, low: Float64Array, high: Float64Array, spread: Float64Array): Float64Array {
  const { rows, cols, data } = m;
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let best = 0;
    for (let j = 0; j < cols; j++) {
      const s = spread[j];
      if (!(s > 0)) continue;
      const x = data[o + j];
      const v = x > high[j] ? (x - high[j]) / s : x < low[j] ? (low[j] - x) / s : 0;
      if (v > best) best = v;
    }
    out[i] = best;
  }
  return out;
}

/**
 * Fits a univariate detector column by column.
 *
 * @param method - `'zscore'`, `'mad'` or `'iqr'`.
 * @throws InvalidInputError for non-finite values or ragged rows; InvalidOptionError for an unknown
 *   method, a contamination outside (0, 0.5] or a non-finite threshold.
 *
 * @example
 * ```ts
 * import { fitUnivariateDetector } from 'crm-mining';
 * const amounts = [[20], [22], [19], [21], [20], [23], [18], [250]];
 * const detector = fitUnivariateDetector(amounts, 'mad'); // modified z-score, flags above 3.5
 * console.log(Array.from(detector.trainingLabels())); // [0, 0, 0, 0, 0, 0, 0, 1]
 * ```
 */
export function fitUnivariateDetector(X: MatrixInput, method: UnivariateMethod, options: UnivariateOptions = {}): UnivariateDetector {
  rejectUnknownOptions(options, UNIVARIATE_OPTION_KEYS, 'fitUnivariateDetector');
  requireOneOf('method', method, ['zscore', 'mad', 'iqr'] as const);
  const m = toMatrix(X, { name: 'X' });
  const { rows, cols, data } = m;
  const low = new Float64Array(cols);
  const high = new Float64Array(cols);
  const spread = new Float64Array(cols);
  const col = new Float64Array(rows);
  const dev = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) col[i] = data[i * cols + j];
    if (method === 'zscore') {
      let mean = 0;
      for (let i = 0; i < rows; i++) mean += col[i];
      mean /= rows;
      let ss = 0;
      for (let i = 0; i < rows; i++) ss += (col[i] - mean) * (col[i] - mean);
      low[j] = high[j] = mean;
      spread[j] = rows > 1 ? Math.sqrt(ss / (rows - 1)) : 0;
    } else {
      col.sort();
      if (method === 'iqr') {
        low[j] = quantileOfSorted(col, 0.25);
        high[j] = quantileOfSorted(col, 0.75);
        spread[j] = high[j] - low[j];
      } else {
        const med = quantileOfSorted(col, 0.5);
        let meanAbs = 0;
        for (let i = 0; i < rows; i++) {
          dev[i] = Math.abs(col[i] - med);
          meanAbs += dev[i];
        }
        meanAbs /= rows;
        dev.sort();
        const mad = quantileOfSorted(dev, 0.5);
        low[j] = high[j] = med;
        spread[j] = mad > 0 ? mad / 0.6745 : meanAbs * 1.253314;
      }
    }
  }
  const scores = rowMax(m, low, high, spread);
  return new UnivariateDetector(method, low, high, spread, scores, resolveLabelling(scores, options, { threshold: UNIVARIATE_THRESHOLDS[method] }));
}
