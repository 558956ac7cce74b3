/**
 * Regression metrics: mean squared error and its root, mean absolute error, and the coefficient of
 * determination R².
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';
import { checkScores, checkWeights, requireNonEmpty, type NumericVector } from './labels.js';

/**
 * Options of the regression metrics.
 *
 * @example
 * ```ts
 * import { meanAbsoluteError, type RegressionMetricOptions } from 'crm-mining';
 * // the last customer counts three times
 * const options: RegressionMetricOptions = { sampleWeight: [1, 1, 3] };
 * console.log(meanAbsoluteError([10, 20, 30], [12, 20, 29], options)); // 1: (2 + 0 + 3·1) / 5
 * ```
 */
export interface RegressionMetricOptions {
  /** A non-negative weight per sample (default: every sample weighs 1). */
  sampleWeight?: NumericVector;
}

const REGRESSION_METRIC_OPTION_KEYS = optionKeys<RegressionMetricOptions>({ sampleWeight: true });

function prepare(yTrue: NumericVector, yPred: NumericVector, options: RegressionMetricOptions, where: string): [Float64Array, Float64Array, Float64Array] {
  rejectUnknownOptions(options, REGRESSION_METRIC_OPTION_KEYS, where);
  if (yTrue === null || yTrue === undefined || typeof yTrue.length !== 'number') {
    throw new InvalidInputError('yTrue: expected an array of numbers', { field: 'yTrue' });
  }
  const n = yTrue.length;
  requireNonEmpty(n, 'yTrue');
  const t = checkScores(yTrue, n, 'yTrue');
  const p = checkScores(yPred, n, 'yPred');
  return [t, p, checkWeights(options.sampleWeight, n)];
}

/**
 * Mean squared error: (1/N) Σ (yᵢ − ŷᵢ)².
 *
 * @example
 * ```ts
 * import { meanSquaredError } from 'crm-mining';
 * console.log(meanSquaredError([3, 5, 8], [2, 5, 10])); // 1.6666666666666667: (1 + 0 + 4) / 3
 * ```
 */
export function meanSquaredError(yTrue: NumericVector, yPred: NumericVector, options: RegressionMetricOptions = {}): number {
  const [t, p, w] = prepare(yTrue, yPred, options, 'meanSquaredError');
  let s = 0;
  let tw = 0;
  for (let i = 0; i < t.length; i++) {
    const d = t[i] - p[i];
    s += w[i] * d * d;
    tw += w[i];
  }
  return s / tw;
}

/**
 * Root mean squared error: √MSE, in the target's units.
 *
 * @example
 * ```ts
 * import { rootMeanSquaredError } from 'crm-mining';
 * // customer lifetime value in euros: the error is in euros too
 * console.log(rootMeanSquaredError([120, 80, 300], [100, 90, 330]).toFixed(2)); // 21.60
 * ```
 */
export function rootMeanSquaredError(yTrue: NumericVector, yPred: NumericVector, options: RegressionMetricOptions = {}): number {
  rejectUnknownOptions(options, REGRESSION_METRIC_OPTION_KEYS, 'rootMeanSquaredError');
  return Math.sqrt(meanSquaredError(yTrue, yPred, options));
}

/**
 * Mean absolute error: (1/N) Σ |yᵢ − ŷᵢ|.
 *
 * @example
 * ```ts
 * import { meanAbsoluteError } from 'crm-mining';
 * console.log(meanAbsoluteError([120, 80, 300], [100, 90, 330])); // 20
 * ```
 */
export function meanAbsoluteError(yTrue: NumericVector, yPred: NumericVector, options: RegressionMetricOptions = {}): number {
  const [t, p, w] = prepare(yTrue, yPred, options, 'meanAbsoluteError');
  let s = 0;
  let tw = 0;
  for (let i = 0; i < t.length; i++) {
    s += w[i] * Math.abs(t[i] - p[i]);
    tw += w[i];
  }
  return s / tw;
}

/**
 * The coefficient of determination R² = 1 − Σ(yᵢ − ŷᵢ)² / Σ(yᵢ − ȳ)²: 1 is perfect, 0 is predicting the
 * mean, negative is worse than the mean.
 *
 * @throws InvalidInputError when `yTrue` is constant (R² is undefined).
 *
 * @example
 * ```ts
 * import { r2Score } from 'crm-mining';
 * const actual = [1, 2, 3, 4];
 * console.log(r2Score(actual, [1.1, 1.9, 3.2, 3.8]).toFixed(3)); // 0.980
 * console.log(r2Score(actual, [2.5, 2.5, 2.5, 2.5])); // 0: no better than the mean
 * ```
 */
export function r2Score(yTrue: NumericVector, yPred: NumericVector, options: RegressionMetricOptions = {}): number {
  const [t, p, w] = prepare(yTrue, yPred, options, 'r2Score');
  let tw = 0;
  let mean = 0;
  for (let i = 0; i < t.length; i++) {
    tw += w[i];
    mean += w[i] * t[i];
  }
  mean /= tw;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < t.length; i++) {
    const d = t[i] - p[i];
    const e = t[i] - mean;
    ssRes += w[i] * d * d;
    ssTot += w[i] * e * e;
  }
  if (ssTot === 0) throw new InvalidInputError('yTrue: every value is the same; R² is undefined for a constant target', { field: 'yTrue' });
  return 1 - ssRes / ssTot;
}
