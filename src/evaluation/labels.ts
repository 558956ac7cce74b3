/**
 * Shared input checks of the evaluation metrics: score vectors, binary targets and sample weights.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys } from '../core/validate.js';

/**
 * A vector of numbers: a plain array or any typed array.
 *
 * @example
 * ```ts
 * import { rocAuc, type NumericVector } from 'crm-mining';
 * // any array-like of numbers: a plain array, a Float64Array, …
 * const scores: NumericVector = Float64Array.of(0.9, 0.2, 0.7, 0.4);
 * console.log(rocAuc([1, 0, 1, 0], scores)); // 1
 * ```
 */
export type NumericVector = ArrayLike<number>;

/**
 * A vector of class labels: numbers, strings or booleans (one per sample).
 *
 * @example
 * ```ts
 * import { accuracy, type LabelVector } from 'crm-mining';
 * const truth: LabelVector = ['churn', 'stay', 'stay', 'churn'];
 * const predicted: LabelVector = ['churn', 'stay', 'churn', 'churn'];
 * console.log(accuracy(truth, predicted)); // 0.75
 * ```
 */
export type LabelVector = ArrayLike<number | string | boolean>;

/**
 * Options shared by the binary (two-class) metrics.
 *
 * @example
 * ```ts
 * import { averagePrecision, type BinaryMetricOptions } from 'crm-mining';
 * // labels that are not 0/1: name the positive class; weigh the recent customers double
 * const options: BinaryMetricOptions = { positive: 'churned', sampleWeight: [2, 2, 1, 1] };
 * console.log(averagePrecision(['churned', 'active', 'churned', 'active'], [0.8, 0.6, 0.4, 0.1], options));
 * ```
 */
export interface BinaryMetricOptions {
  /**
   * The label of the positive class (default: labels must be 0/1 or false/true, and 1 / true is positive).
   * Every other label counts as negative.
   */
  positive?: number | string | boolean;
  /** A non-negative weight per sample (default: every sample weighs 1). */
  sampleWeight?: NumericVector;
}

/** The keys of {@link BinaryMetricOptions}, for `rejectUnknownOptions` in the binary-label metrics. */
export const BINARY_METRIC_OPTION_KEYS = optionKeys<BinaryMetricOptions>({ positive: true, sampleWeight: true });

/**
 * Turns labels into a 0/1 vector (1 = positive).
 *
 * @throws InvalidInputError when labels are not 0/1 or booleans and no `positive` is given.
 */
export function binaryTargets(labels: LabelVector, positive: number | string | boolean | undefined, name = 'labels'): Uint8Array {
  const n = labels.length;
  const out = new Uint8Array(n);
  if (positive === undefined) {
    for (let i = 0; i < n; i++) {
      const v = labels[i];
      if (v === 1 || v === true) out[i] = 1;
      else if (v === 0 || v === false) out[i] = 0;
      else {
        throw new InvalidInputError(
          `${name}: row ${i} is ${describe(v)}; expected 0/1 or false/true (or pass the option positive naming the positive class)`,
          { row: i, field: name },
        );
      }
    }
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (v === null || v === undefined) {
      throw new InvalidInputError(`${name}: row ${i} is missing; expected a label`, { row: i, field: name });
    }
    out[i] = v === positive || (v === true && positive === 1) || (v === 1 && positive === true) ? 1 : 0;
  }
  return out;
}

/** Checks scores: same length as the labels, every value finite. Returns them as a Float64Array (copied when needed). */
export function checkScores(scores: NumericVector, n: number, name = 'scores'): Float64Array {
  if (scores === null || scores === undefined || typeof scores.length !== 'number') {
    throw new InvalidInputError(`${name}: expected an array of numbers`, { field: name });
  }
  if (scores.length !== n) {
    throw new InvalidInputError(`${name}: has ${scores.length} values, expected ${n} (one per label)`, { field: name });
  }
  const out = scores instanceof Float64Array ? scores : Float64Array.from(scores);
  for (let i = 0; i < n; i++) {
    const v = out[i];
    if (typeof scores[i] !== 'number' || v - v !== 0) {
      throw new InvalidInputError(`${name}: row ${i} is ${describe(scores[i])}, expected a finite number`, { row: i, field: name });
    }
  }
  return out;
}

/** Checks sample weights (length n, finite, non-negative, positive total); returns them, or all-ones when absent. */
export function checkWeights(weights: NumericVector | undefined, n: number, name = 'sampleWeight'): Float64Array {
  if (weights === undefined) return new Float64Array(n).fill(1);
  if (weights.length !== n) {
    throw new InvalidOptionError(name, `has ${weights.length} values, expected ${n} (one per sample)`);
  }
  const w = Float64Array.from(weights);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = w[i];
    if (!(v >= 0) || v === Infinity) throw new InvalidOptionError(name, `row ${i} is ${describe(weights[i])}, expected a finite number >= 0`);
    total += v;
  }
  if (n > 0 && total <= 0) throw new InvalidOptionError(name, 'all weights are 0; expected a positive total');
  return w;
}

/** Throws when there are no samples. */
export function requireNonEmpty(n: number, name = 'labels'): void {
  if (n === 0) throw new InvalidInputError(`${name}: no samples; expected at least one`, { field: name });
}
