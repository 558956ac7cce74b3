/**
 * Metrics of predicted probabilities: log loss, the Brier score and a reliability (calibration) table.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { isMatrix, toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { describe, optionKeys, rejectUnknownOptions, requireInteger, requireInRange } from '../core/validate.js';
import { binaryTargets, checkScores, checkWeights, requireNonEmpty, type BinaryMetricOptions, type LabelVector, type NumericVector } from './labels.js';
import type { ClassLabel } from './classification.js';

/**
 * Options of {@link logLoss} and {@link brierScore}.
 *
 * @example
 * ```ts
 * import { logLoss, type ProbabilityMetricOptions } from 'crm-mining';
 * const options: ProbabilityMetricOptions = { positive: 'yes', eps: 1e-6 };
 * // a confident miss is clipped to 1e-6, so the loss stays finite
 * console.log(logLoss(['yes', 'no'], [0, 0], options).toFixed(3)); // 6.908
 * ```
 */
export interface ProbabilityMetricOptions extends BinaryMetricOptions {
  /**
   * For a probability matrix (one column per class): the class of each column, in order (required with a
   * matrix; ignored with a vector of positive-class probabilities).
   */
  classes?: readonly ClassLabel[];
  /** Probabilities are clipped to [eps, 1 − eps] before the logarithm (default 1e-15). */
  eps?: number;
}

const PROBABILITY_METRIC_OPTION_KEYS = optionKeys<ProbabilityMetricOptions>({ classes: true, eps: true, positive: true, sampleWeight: true });

/** Every value in [0, 1]; `cols` > 1 for a row-major matrix, so that the row and column are named. */
function checkProbabilities(p: Float64Array, name: string, cols = 1): void {
  for (let i = 0; i < p.length; i++) {
    if (p[i] < 0 || p[i] > 1) {
      const row = Math.floor(i / cols);
      const where = cols > 1 ? `row ${row}, column ${i % cols}` : `row ${row}`;
      throw new InvalidInputError(`${name}: ${where} is ${p[i]}, expected a probability in [0, 1]`, { row, field: name });
    }
  }
}

function isVector(x: NumericVector | MatrixInput): x is NumericVector {
  if (isMatrix(x)) return false;
  return !(Array.isArray(x) && x.length > 0 && typeof x[0] === 'object');
}

interface Prepared {
  k: number; // number of columns (2 for the binary case: [1-p, p])
  probs: Float64Array; // n × k
  target: Int32Array; // column index of each sample's true class
  w: Float64Array;
}

function prepare(labels: LabelVector, probabilities: NumericVector | MatrixInput, options: ProbabilityMetricOptions): Prepared {
  if (labels === null || labels === undefined || typeof labels.length !== 'number') {
    throw new InvalidInputError('labels: expected an array of labels', { field: 'labels' });
  }
  const n = labels.length;
  requireNonEmpty(n);
  const w = checkWeights(options.sampleWeight, n);
  if (isVector(probabilities)) {
    const p = checkScores(probabilities, n, 'probabilities');
    checkProbabilities(p, 'probabilities');
    const y = binaryTargets(labels, options.positive);
    const probs = new Float64Array(2 * n);
    const target = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      probs[2 * i] = 1 - p[i];
      probs[2 * i + 1] = p[i];
      target[i] = y[i];
    }
    return { k: 2, probs, target, w };
  }
  const m: Matrix = toMatrix(probabilities, { name: 'probabilities' });
  if (m.rows !== n) throw new InvalidInputError(`probabilities: has ${m.rows} rows, expected ${n} (one per label)`, { field: 'probabilities' });
  const classes = options.classes;
  if (!classes) throw new InvalidOptionError('classes', 'required with a probability matrix: the class of each column');
  if (classes.length !== m.cols) throw new InvalidOptionError('classes', `has ${classes.length} classes, expected ${m.cols} (one per column)`);
  checkProbabilities(m.data, 'probabilities', m.cols);
  const index = new Map<ClassLabel, number>();
  classes.forEach((c, j) => index.set(c, j));
  const target = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = index.get(labels[i]);
    if (j === undefined) throw new InvalidInputError(`labels: row ${i} is ${describe(labels[i])}, not one of the classes`, { row: i, field: 'labels' });
    target[i] = j;
  }
  return { k: m.cols, probs: m.data, target, w };
}

/**
 * Log loss (cross-entropy): −(1/N) Σᵢ log pᵢ(yᵢ), the mean negative log-probability given to the true
 * class. Takes either a vector of positive-class probabilities (binary) or a matrix with one column per
 * class and `options.classes`. Probabilities are clipped to [eps, 1 − eps] and, for a matrix, not
 * renormalised.
 *
 * @throws InvalidInputError when a probability is outside [0, 1] or a label is not a class.
 *
 * @example
 * ```ts
 * import { logLoss } from 'crm-mining';
 * console.log(logLoss([1, 0], [0.8, 0.1]).toFixed(4)); // 0.1643: −(ln 0.8 + ln 0.9) / 2
 * // a matrix with one column per class
 * console.log(logLoss(['a', 'c'], [[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], { classes: ['a', 'b', 'c'] }).toFixed(4)); // 0.2899
 * ```
 */
export function logLoss(labels: LabelVector, probabilities: NumericVector | MatrixInput, options: ProbabilityMetricOptions = {}): number {
  rejectUnknownOptions(options, PROBABILITY_METRIC_OPTION_KEYS, 'logLoss');
  const eps = requireInRange('eps', options.eps ?? 1e-15, 0, 0.5, { maxInclusive: false });
  const { k, probs, target, w } = prepare(labels, probabilities, options);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < target.length; i++) {
    let p = probs[i * k + target[i]];
    if (p < eps) p = eps;
    else if (p > 1 - eps) p = 1 - eps;
    sum -= w[i] * Math.log(p);
    total += w[i];
  }
  return sum / total;
}

/**
 * The Brier score: with a vector of positive-class probabilities, (1/N) Σᵢ (pᵢ − yᵢ)² (0 is perfect, 0.25
 * is always saying 0.5); with a matrix, the multi-class form (1/N) Σᵢ Σⱼ (pᵢⱼ − [yᵢ = j])² (twice the binary
 * value for two classes).
 *
 * @example
 * ```ts
 * import { brierScore } from 'crm-mining';
 * console.log(brierScore([1, 0, 1], [0.9, 0.2, 0.6]).toFixed(4)); // 0.0700: (0.01 + 0.04 + 0.16) / 3
 * console.log(brierScore([1, 0], [0.5, 0.5])); // 0.25: always saying 0.5
 * ```
 */
export function brierScore(labels: LabelVector, probabilities: NumericVector | MatrixInput, options: ProbabilityMetricOptions = {}): number {
  rejectUnknownOptions(options, PROBABILITY_METRIC_OPTION_KEYS, 'brierScore');
  const binary = isVector(probabilities);
  const { k, probs, target, w } = prepare(labels, probabilities, options);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < target.length; i++) {
    let s = 0;
    if (binary) {
      const d = probs[i * 2 + 1] - target[i];
      s = d * d;
    } else {
      for (let j = 0; j < k; j++) {
        const d = probs[i * k + j] - (target[i] === j ? 1 : 0);
        s += d * d;
      }
    }
    sum += w[i] * s;
    total += w[i];
  }
  return sum / total;
}

/**
 * One bin of a {@link calibrationTable}.
 *
 * @example
 * ```ts
 * import { calibrationTable, type CalibrationBin } from 'crm-mining';
 * declare const churned: number[];
 * declare const predicted: number[];
 * const bins: CalibrationBin[] = calibrationTable(churned, predicted);
 * // the bins where the model is off by more than 10 points
 * const off = bins.filter((b) => b.count > 0 && Math.abs(b.meanPredicted - b.observedRate) > 0.1);
 * console.log(off.map((b) => `${b.lower}–${b.upper}`));
 * ```
 */
export interface CalibrationBin {
  /** Lower edge of the bin's probability range (inclusive). */
  readonly lower: number;
  /** Upper edge (exclusive, except the last bin which includes 1). */
  readonly upper: number;
  /** The (weighted) number of samples in the bin. */
  readonly count: number;
  /** Mean predicted probability in the bin (NaN when the bin is empty). */
  readonly meanPredicted: number;
  /** Observed fraction of positives in the bin (NaN when the bin is empty). */
  readonly observedRate: number;
}

/**
 * Options of {@link calibrationTable}.
 *
 * @example
 * ```ts
 * import { calibrationTable, type CalibrationOptions } from 'crm-mining';
 * // 4 bins by quantile rather than by width, for scores crowded near 0
 * const options: CalibrationOptions = { bins: 4, strategy: 'quantile' };
 * const labels = [0, 0, 0, 1, 0, 0, 1, 1];
 * const bins = calibrationTable(labels, [0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.3, 0.6], options);
 * console.log(bins.map((b) => b.count)); // [2, 2, 2, 2]: inner edges at the 25th, 50th and 75th percentiles
 * ```
 */
export interface CalibrationOptions extends BinaryMetricOptions {
  /** The number of bins (default 10). */
  bins?: number;
  /**
   * `'uniform'`: equal-width bins over [0, 1]; `'quantile'`: bins of (near-)equal count, their inner edges
   * at the sample quantiles of the probabilities with linear interpolation, as scikit-learn's
   * `calibration_curve(strategy='quantile')` (default `'uniform'`).
   */
  strategy?: 'uniform' | 'quantile';
}

const CALIBRATION_OPTION_KEYS = optionKeys<CalibrationOptions>({ bins: true, strategy: true, positive: true, sampleWeight: true });

/**
 * A reliability table: predicted probabilities grouped into bins, each with its mean prediction and the
 * observed positive rate. A calibrated model has the two close in every bin.
 *
 * @example
 * ```ts
 * import { calibrationTable } from 'crm-mining';
 * const bins = calibrationTable([0, 0, 1, 0, 1, 1], [0.1, 0.2, 0.3, 0.6, 0.8, 0.9], { bins: 2 });
 * for (const b of bins) console.log(b.lower, b.upper, b.count, b.meanPredicted.toFixed(2), b.observedRate.toFixed(2));
 * // 0 0.5 3 0.20 0.33
 * // 0.5 1 3 0.77 0.67
 * ```
 */
export function calibrationTable(labels: LabelVector, probabilities: NumericVector, options: CalibrationOptions = {}): CalibrationBin[] {
  rejectUnknownOptions(options, CALIBRATION_OPTION_KEYS, 'calibrationTable');
  const bins = requireInteger('bins', options.bins ?? 10, 1, 10000);
  const strategy = options.strategy ?? 'uniform';
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    throw new InvalidOptionError('strategy', `expected 'uniform' or 'quantile', got ${describe(strategy)}`);
  }
  const n = labels.length;
  requireNonEmpty(n);
  const y = binaryTargets(labels, options.positive);
  const p = checkScores(probabilities, n, 'probabilities');
  checkProbabilities(p, 'probabilities');
  const w = checkWeights(options.sampleWeight, n);
  const edges = new Float64Array(bins + 1);
  if (strategy === 'uniform') {
    for (let b = 0; b <= bins; b++) edges[b] = b / bins;
  } else {
    // Sample quantiles with linear interpolation between order statistics (NumPy's percentile, as
    // scikit-learn's calibration_curve(strategy='quantile')); a value equal to an edge goes up.
    const sorted = Float64Array.from(p).sort();
    for (let b = 0; b <= bins; b++) {
      const pos = (b * (n - 1)) / bins;
      const lo = Math.floor(pos);
      const hi = Math.min(n - 1, lo + 1);
      edges[b] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
    edges[0] = 0;
    edges[bins] = 1;
  }
  const cnt = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    let b = 0;
    while (b < bins - 1 && p[i] >= edges[b + 1]) b++;
    cnt[b] += w[i];
    sp[b] += w[i] * p[i];
    sy[b] += w[i] * y[i];
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    out.push({
      lower: edges[b],
      upper: edges[b + 1],
      count: cnt[b],
      meanPredicted: cnt[b] > 0 ? sp[b] / cnt[b] : NaN,
      observedRate: cnt[b] > 0 ? sy[b] / cnt[b] : NaN,
    });
  }
  return out;
}
