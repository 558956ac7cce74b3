/**
 * Probability calibration for the churn model: Platt scaling (a logistic regression on the model's
 * log-odds) and the small helpers it needs. The reliability table and the Brier score come from
 * `evaluation/` ({@link calibrationTable}, {@link brierScore}).
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';

/**
 * Platt scaling: p = σ(a · z + b), z the model's log-odds.
 *
 * @example
 * ```ts
 * import { sigmoid, type PlattScaling } from 'crm-mining';
 * // A model that is over-confident: Platt scaling shrinks its log-odds (a < 1).
 * const platt: PlattScaling = { a: 0.5, b: -0.2 };
 * const logOdds = 3;
 * console.log(sigmoid(logOdds).toFixed(3), sigmoid(platt.a * logOdds + platt.b).toFixed(3)); // 0.953 0.786
 * ```
 */
export interface PlattScaling {
  /** Slope on the log-odds. */
  readonly a: number;
  /** Intercept. */
  readonly b: number;
}

/**
 * The logistic function, stable for large |z|.
 *
 * @example
 * ```ts
 * import { sigmoid } from 'crm-mining';
 * console.log(sigmoid(0)); // 0.5
 * console.log(sigmoid(Math.log(3)).toFixed(2)); // 0.75: log-odds of 3 to 1
 * console.log(sigmoid(-800)); // 0, with no overflow warning or NaN
 * ```
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * Fits Platt scaling by Newton's method on the log loss, with Platt's smoothed targets
 * ((N₊ + 1)/(N₊ + 2) for positives, 1/(N₋ + 2) for negatives) so a separable set does not drive the
 * slope to infinity.
 *
 * @param logits - the model's log-odds on held-out rows.
 * @param labels - their 0/1 outcomes.
 * @throws InvalidInputError when lengths differ, a logit is not finite or a label not 0/1 (naming the row),
 *   or one class is absent.
 *
 * @example
 * ```ts
 * import { fitPlatt, sigmoid } from 'crm-mining';
 * // Held-out log-odds from a model and what happened to those customers.
 * const logits = [-3, -2.5, -1, -0.5, 0.2, 0.8, 1.5, 2.4, -1.8, 3.1];
 * const labels = [0, 0, 0, 1, 0, 1, 1, 1, 0, 1];
 * const { a, b } = fitPlatt(logits, labels);
 * const calibrated = logits.map((z) => sigmoid(a * z + b));
 * console.log(a > 0, calibrated.length); // true 10
 * ```
 */
export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): PlattScaling {
  const n = logits.length;
  if (labels.length !== n) throw new InvalidInputError(`Platt scaling: ${n} log-odds but ${labels.length} labels`);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (typeof logits[i] !== 'number' || !Number.isFinite(logits[i])) {
      throw new InvalidInputError(`Platt scaling: logits: row ${i} is ${String(logits[i])}, expected a finite log-odds`, { row: i, field: 'logits' });
    }
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new InvalidInputError(`Platt scaling: labels: row ${i} is ${String(y)}, expected 0 or 1`, { row: i, field: 'labels' });
    pos += y;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) throw new InvalidInputError('Platt scaling needs both classes among the held-out rows');
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < n; i++) {
      const z = logits[i];
      const p = sigmoid(a * z + b);
      const t = labels[i] === 1 ? hi : lo;
      const d = p - t;
      const w = p * (1 - p);
      ga += d * z;
      gb += d;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}
