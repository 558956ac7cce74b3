/**
 * Retention economics: at which churn probability a retention offer pays.
 *
 * Contacting a customer costs the offer (`offerCost`, spent on everyone contacted). A contacted customer
 * who would have churned stays with probability `successRate`, which saves the value of keeping them
 * (`value`, for example their CLV). So contacting customer i is worth
 *
 *   profitᵢ = yᵢ · successRate · valueᵢ − offerCost
 *
 * where yᵢ is 1 if they would churn. With known outcomes (a validation set) yᵢ is the label: the realised
 * profit; without, yᵢ is replaced by the predicted probability pᵢ: the expected profit. The campaign
 * contacts every customer with probability ≥ threshold; {@link retentionThreshold} scans every distinct
 * probability (and "contact nobody") and returns the threshold with the highest total profit. With one
 * value for everybody and calibrated probabilities, the expected-profit optimum is the break-even
 * probability offerCost / (successRate · value).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { requireFinite, requireInRange } from '../core/validate.js';

/**
 * The economics of a retention offer.
 *
 * @example
 * ```ts
 * import { retentionThreshold, type RetentionEconomics } from 'crm-mining';
 * // A 20 voucher keeps 40% of would-be churners, each worth 500 to keep.
 * const economics: RetentionEconomics = { value: 500, offerCost: 20, successRate: 0.4 };
 * const plan = retentionThreshold({ ...economics, probabilities: [0.9, 0.5, 0.2, 0.05] });
 * console.log(plan.breakEven); // 0.1 = 20 / (0.4 · 500)
 * console.log(plan.contacted); // 3: everyone above the break-even probability
 * ```
 */
export interface RetentionEconomics {
  /**
   * The value of keeping a customer who would have left: one number for everybody (> 0), or one per
   * customer, for example their CLV (each ≥ 0: a customer worth nothing to keep has 0).
   */
  value: number | ArrayLike<number>;
  /** The cost of one offer, spent on every contacted customer (≥ 0). */
  offerCost: number;
  /** The probability that a would-be churner who gets the offer stays, in (0, 1]. */
  successRate: number;
}

/**
 * Input of {@link retentionThreshold}.
 *
 * @example
 * ```ts
 * import { retentionThreshold, type RetentionInput } from 'crm-mining';
 * // A validation set: predicted probabilities and what really happened; per-customer values (CLV).
 * const input: RetentionInput = {
 *   probabilities: [0.8, 0.7, 0.4, 0.3, 0.1],
 *   labels: [1, 0, 1, 0, 0],
 *   value: [900, 300, 1200, 200, 500],
 *   offerCost: 50,
 *   successRate: 0.5,
 * };
 * const plan = retentionThreshold(input);
 * console.log(plan.basis, plan.threshold, plan.profit); // realised 0.4 900
 * ```
 */
export interface RetentionInput extends RetentionEconomics {
  /** Churn probability of each customer. */
  probabilities: ArrayLike<number>;
  /** Known outcomes (1 churned, 0 stayed): the realised profit. Default: none, the expected profit from `probabilities`. */
  labels?: ArrayLike<number | boolean>;
}

/**
 * A retention campaign plan.
 *
 * @example
 * ```ts
 * import { retentionThreshold, type RetentionPlan } from 'crm-mining';
 * // An offer that costs more than it can save: the best plan is to contact nobody.
 * const plan: RetentionPlan = retentionThreshold({ probabilities: [0.9, 0.6], value: 100, offerCost: 80, successRate: 0.5 });
 * console.log(plan.threshold, plan.contacted, plan.profit); // Infinity 0 0
 * console.log(JSON.stringify(plan.threshold)); // null
 * ```
 */
export interface RetentionPlan {
  /**
   * Contact customers with probability ≥ this. `Infinity` when contacting nobody is best (every offer
   * loses money); as JSON that is `null`.
   */
  readonly threshold: number;
  /** Customers contacted at that threshold. */
  readonly contacted: number;
  /** Total profit of the campaign at that threshold (expected, or realised with labels). */
  readonly profit: number;
  /** Profit per customer in the base (profit / number of customers). */
  readonly profitPerCustomer: number;
  /** With one value for everyone: offerCost / (successRate · value), the break-even probability. */
  readonly breakEven?: number;
  /** Whether the profit is realised (labels given) or expected. */
  readonly basis: 'realised' | 'expected';
}

/**
 * Checks the economics; returns the per-customer values. One value for everybody must be > 0 (at 0 or
 * below no offer could ever pay, and every plan would silently be "contact nobody"); a per-customer value
 * must be ≥ 0 (0 is a customer not worth keeping).
 *
 * @throws InvalidOptionError naming `offerCost`, `successRate` or `value` (and the customer) when one is
 *   out of range or not a finite number.
 *
 * @example
 * ```ts
 * import { InvalidOptionError, checkEconomics } from 'crm-mining';
 * console.log(Array.from(checkEconomics({ value: 250, offerCost: 10, successRate: 0.3 }, 3))); // [250, 250, 250]
 * try {
 *   checkEconomics({ value: 250, offerCost: 10, successRate: 0 }, 3);
 * } catch (e) {
 *   console.log(e instanceof InvalidOptionError); // true: successRate must be in (0, 1]
 * }
 * ```
 */
export function checkEconomics(e: RetentionEconomics, n: number): Float64Array {
  requireFinite('offerCost', e.offerCost);
  if (e.offerCost < 0) throw new InvalidOptionError('offerCost', `expected a cost >= 0, got ${e.offerCost}`);
  requireInRange('successRate', e.successRate, 0, 1, { minInclusive: false });
  const v = new Float64Array(n);
  if (typeof e.value === 'number') {
    if (!(Number.isFinite(e.value) && e.value > 0)) {
      throw new InvalidOptionError('value', `expected the value of keeping a customer, a finite number > 0, got ${String(e.value)}`);
    }
    v.fill(e.value);
  } else {
    if (e.value === null || typeof e.value !== 'object' || e.value.length !== n) {
      throw new InvalidOptionError('value', `expected a number or ${n} values (one per customer)`);
    }
    for (let i = 0; i < n; i++) {
      const x = e.value[i];
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
        throw new InvalidOptionError('value', `customer ${i} has ${String(x)}, expected a finite number >= 0 (the value of keeping them)`);
      }
      v[i] = x;
    }
  }
  return v;
}

/**
 * The probability threshold that maximises the campaign's profit (see the module description). Ties go
 * to the higher threshold (fewer offers for the same profit).
 *
 * @throws InvalidInputError for a probability outside [0, 1] or a label other than 0/1; InvalidOptionError
 *   for bad economics.
 *
 * @example
 * ```ts
 * import { retentionThreshold } from 'crm-mining';
 * const probabilities = [0.92, 0.75, 0.41, 0.33, 0.18, 0.09, 0.04];
 * const plan = retentionThreshold({ probabilities, value: 300, offerCost: 25, successRate: 0.35 });
 * // Expected profit of contacting customer i: pᵢ · 0.35 · 300 − 25, so contact while pᵢ ≥ 25 / 105.
 * console.log(plan.threshold, plan.contacted, plan.profit.toFixed(2)); // 0.33 4 153.05
 * console.log(plan.breakEven?.toFixed(3)); // 0.238
 * ```
 */
export function retentionThreshold(input: RetentionInput): RetentionPlan {
  const gain = customerGains(input);
  const p = input.probabilities;
  const n = p.length;
  const y = input.labels;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let bestProfit = 0;
  let bestThreshold = Infinity;
  let bestCount = 0;
  let cum = 0;
  for (let k = 0; k < n; k++) {
    cum += gain[order[k]];
    // Only a boundary between distinct probabilities is a threshold.
    if (k + 1 < n && p[order[k + 1]] === p[order[k]]) continue;
    if (cum > bestProfit + 1e-9 * Math.max(1, Math.abs(bestProfit))) {
      bestProfit = cum;
      bestThreshold = p[order[k]];
      bestCount = k + 1;
    }
  }
  const plan: RetentionPlan = {
    threshold: bestThreshold,
    contacted: bestCount,
    profit: bestProfit,
    profitPerCustomer: bestProfit / n,
    basis: y === undefined ? 'expected' : 'realised',
  };
  if (typeof input.value === 'number') return { ...plan, breakEven: Math.min(1, input.offerCost / (input.successRate * input.value)) };
  return plan;
}

/**
 * The profit of contacting every customer with probability ≥ `threshold` (expected, or realised with labels).
 *
 * @throws as {@link retentionThreshold}; InvalidOptionError when `threshold` is NaN.
 *
 * @example
 * ```ts
 * import { campaignProfit } from 'crm-mining';
 * const input = { probabilities: [0.9, 0.6, 0.3, 0.1], value: 200, offerCost: 15, successRate: 0.5 };
 * // Expected profit when contacting everyone at or above each cut-off:
 * for (const t of [0.9, 0.6, 0.3, 0]) console.log(t, campaignProfit(input, t));
 * // 0.9 75
 * // 0.6 120
 * // 0.3 135
 * // 0 130
 * ```
 */
export function campaignProfit(input: RetentionInput, threshold: number): number {
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new InvalidOptionError('threshold', `expected a probability threshold (a number, Infinity for nobody), got ${String(threshold)}`);
  }
  const gain = customerGains(input);
  let total = 0;
  for (let i = 0; i < gain.length; i++) if (input.probabilities[i] >= threshold) total += gain[i];
  return total;
}

/**
 * Checks the input once (probabilities in [0, 1], labels 0/1, the economics) and returns each customer's
 * gain if contacted: outcome · successRate · value − offerCost, the outcome being the label when given,
 * else the probability.
 */
function customerGains(input: RetentionInput): Float64Array {
  const p = input.probabilities;
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number') throw new InvalidInputError('probabilities: expected an array of numbers');
  const n = p.length;
  if (n === 0) throw new InvalidInputError('probabilities: no customers');
  const value = checkEconomics(input, n);
  const y = input.labels;
  if (y !== undefined && y.length !== n) throw new InvalidInputError(`labels: has ${y.length} values, expected ${n}`, { field: 'labels' });
  const gain = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pi = p[i];
    if (typeof pi !== 'number' || !(pi >= 0 && pi <= 1)) {
      throw new InvalidInputError(`probabilities: customer ${i} has ${String(pi)}, expected a number in [0, 1]`, { row: i, field: 'probabilities' });
    }
    let outcome = pi;
    if (y !== undefined) {
      const yi = y[i];
      if (yi !== 0 && yi !== 1 && yi !== true && yi !== false) {
        throw new InvalidInputError(`labels: customer ${i} has ${String(yi)}, expected 0 or 1`, { row: i, field: 'labels' });
      }
      outcome = yi === true || yi === 1 ? 1 : 0;
    }
    gain[i] = outcome * input.successRate * value[i] - input.offerCost;
  }
  return gain;
}
