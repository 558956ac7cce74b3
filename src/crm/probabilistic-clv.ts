/**
 * Probabilistic CLV: the discounted expected margin over a horizon, combining a BG/NBD model (how many
 * purchases) with a Gamma-Gamma model (how much per purchase).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';
import type { BgNbdModel } from './bgnbd.js';
import { checkDiscountRate } from './clv.js';
import type { GammaGammaModel } from './gamma-gamma.js';

/**
 * Per-customer inputs of {@link probabilisticClv}: BG/NBD's x, t_x, T and the mean repeat spend.
 *
 * @example
 * ```ts
 * import { BgNbdModel, GammaGammaModel, probabilisticClv, type ClvCustomers } from 'crm-mining';
 * const bgnbd = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
 * const gammaGamma = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
 * // In weeks: x repeat purchases, the last at t_x, first purchase T weeks ago; mean repeat spend.
 * const customers: ClvCustomers = { frequency: [0, 2, 8], recency: [0, 30, 36], T: [38, 39, 39], monetary: [0, 22.35, 40.1] };
 * console.log(Array.from(probabilisticClv(bgnbd, gammaGamma, customers), (v) => v.toFixed(2))); // ['8.52', '35.86', '241.72']
 * ```
 */
export interface ClvCustomers {
  /** x: repeat purchases. */
  frequency: ArrayLike<number>;
  /** t_x: time of the last purchase, from the first. */
  recency: ArrayLike<number>;
  /** T: time observed, from the first purchase. */
  T: ArrayLike<number>;
  /** Mean value of the repeat purchases: a finite number >= 0 (not used where frequency is 0, where it is usually 0). */
  monetary: ArrayLike<number>;
}

/**
 * Options of {@link probabilisticClv}.
 *
 * @example
 * ```ts
 * import { BgNbdModel, GammaGammaModel, probabilisticClv, type ProbabilisticClvOptions } from 'crm-mining';
 * // Models fitted in weeks; CLV over 3 years in yearly steps, 10% a year, 30% margin.
 * const options: ProbabilisticClvOptions = { periods: 3, periodLength: 52, discountRate: 0.1, margin: 0.3 };
 * const clv = probabilisticClv(
 *   new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }),
 *   new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 }),
 *   { frequency: [4], recency: [30], T: [39], monetary: [31.5] },
 *   options,
 * );
 * console.log(clv[0].toFixed(2)); // 50.36
 * ```
 */
export interface ProbabilisticClvOptions {
  /** Number of periods in the horizon (default 12). */
  periods?: number;
  /**
   * Length of one period in the models' time unit (default 365.25 / 12 / 7 ≈ 4.348: a month, when the
   * models were fitted in weeks, BG/NBD's convention).
   */
  periodLength?: number;
  /** Discount rate per period (> −1) (default 0.01). */
  discountRate?: number;
  /** Profit margin as a fraction of spend (default 1: CLV in revenue). */
  margin?: number;
}

const PROBABILISTIC_CLV_OPTION_KEYS = optionKeys<ProbabilisticClvOptions>({ periods: true, periodLength: true, discountRate: true, margin: true });

/**
 * One pass over the customers before any model is evaluated, so that a bad value is named by its column
 * and row (the models' own checks know neither), and a NaN `monetary` of a one-time buyer, which the
 * Gamma-Gamma model would ignore, is not passed over in silence.
 */
function checkCustomers({ frequency, recency, T, monetary }: ClvCustomers, n: number): void {
  const bad = (i: number, field: string, message: string): InvalidInputError =>
    new InvalidInputError(`${field}: row ${i}: ${message}`, { row: i, field });
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const tx = recency[i];
    const t = T[i];
    const m = monetary[i];
    if (!Number.isInteger(x) || x < 0) throw bad(i, 'frequency', `${String(x)} is not an integer >= 0`);
    if (typeof tx !== 'number' || !Number.isFinite(tx) || tx < 0) throw bad(i, 'recency', `${String(tx)} is not a finite number >= 0`);
    if (typeof t !== 'number' || !Number.isFinite(t) || t < tx) throw bad(i, 'T', `${String(t)} is not a finite number >= recency (${tx})`);
    if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) throw bad(i, 'monetary', `${String(m)} is not a finite amount >= 0`);
  }
}

/**
 * CLV per customer: Σ_{k=1..K} margin · E[Z | x, m] · (E[Y(k·L) | x, t_x, T] − E[Y((k−1)·L) | x, t_x, T]) / (1 + d)^k,
 * with K periods of length L, E[Y] from the BG/NBD model and E[Z] from the Gamma-Gamma model.
 *
 * @param bgnbd - a fitted BG/NBD model.
 * @param gammaGamma - a fitted Gamma-Gamma model.
 * @param customers - see {@link ClvCustomers}.
 * @param options - see {@link ProbabilisticClvOptions}.
 * @returns CLV per customer.
 * @throws InvalidOptionError for a bad option (a discount rate ≤ −1, a non-positive period length, …);
 *   InvalidInputError when the arrays differ in length, or naming the column and row of a value that is
 *   not finite, negative, a fractional frequency or a recency above T.
 *
 * @example
 * ```ts
 * import { BgNbdModel, GammaGammaModel, customerSummaryRecords, probabilisticClv, summarizeCustomers } from 'crm-mining';
 * import type { TransactionLog } from 'crm-mining';
 * declare const log: TransactionLog;
 * // BG/NBD's x, t_x, T and Gamma-Gamma's mean repeat spend all come from the summary, in weeks.
 * const s = summarizeCustomers(log, { unit: 'weeks' });
 * const bgnbd = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }); // or fitBgNbd(...)
 * const gammaGamma = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 }); // or fitGammaGamma(...)
 * const clv = probabilisticClv(bgnbd, gammaGamma, { frequency: s.repeatFrequency, recency: s.tX, T: s.T, monetary: s.repeatMonetaryMean });
 * console.log(customerSummaryRecords(s).map((r, i) => ({ customer: r.customer, clv12Months: clv[i] })));
 * ```
 */
export function probabilisticClv(
  bgnbd: BgNbdModel,
  gammaGamma: GammaGammaModel,
  customers: ClvCustomers,
  options: ProbabilisticClvOptions = {},
): Float64Array {
  rejectUnknownOptions(options, PROBABILISTIC_CLV_OPTION_KEYS, 'probabilisticClv');
  const periods = options.periods ?? 12;
  if (!Number.isInteger(periods) || periods < 1) throw new InvalidOptionError('periods', `expected an integer >= 1, got ${String(periods)}`);
  const len = options.periodLength ?? 365.25 / 12 / 7;
  if (typeof len !== 'number' || !(len > 0) || !Number.isFinite(len)) throw new InvalidOptionError('periodLength', `expected a finite number > 0, got ${String(len)}`);
  const rate = checkDiscountRate(options.discountRate ?? 0.01, 'discountRate');
  const margin = options.margin ?? 1;
  if (typeof margin !== 'number' || !Number.isFinite(margin)) throw new InvalidOptionError('margin', `expected a finite number, got ${String(margin)}`);
  const { frequency, recency, T, monetary } = customers;
  const n = frequency.length;
  if (recency.length !== n || T.length !== n || monetary.length !== n) {
    throw new InvalidInputError(`frequency, recency, T and monetary differ in length (${n}, ${recency.length}, ${T.length}, ${monetary.length})`);
  }
  checkCustomers(customers, n);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const spend = gammaGamma.conditionalExpectedValue(x, x > 0 ? monetary[i] : 0);
    let prev = 0;
    let value = 0;
    for (let k = 1; k <= periods; k++) {
      const cum = bgnbd.conditionalExpectedPurchases(k * len, x, recency[i], T[i]);
      value += (margin * spend * (cum - prev)) / Math.pow(1 + rate, k);
      prev = cum;
    }
    out[i] = value;
  }
  return out;
}
