/**
 * Textbook (deterministic) customer lifetime value: present value of a margin stream, the annuity
 * form, CLV as historical plus future value, and group CLV with lifetime 1 / churn rate.
 *
 * Periods are counted from 1: the margin of period t is discounted by (1 + i)^−t. One-time costs and
 * historical value are at time 0 and not discounted.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { expectedLifetime } from './churn-rate.js';

/**
 * Checks a discount rate (per period, > −1); returns it.
 *
 * @example
 * ```ts
 * import { InvalidOptionError, checkDiscountRate } from 'crm-mining';
 * console.log(checkDiscountRate(0.08)); // 0.08
 * try {
 *   checkDiscountRate(-1.5, 'discountRate');
 * } catch (e) {
 *   console.log(e instanceof InvalidOptionError); // true
 * }
 * ```
 */
export function checkDiscountRate(rate: unknown, name = 'rate'): number {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= -1) {
    throw new InvalidOptionError(name, `expected a discount rate per period greater than -1 (e.g. 0.08 for 8%), got ${String(rate)}`);
  }
  return rate;
}

function finite(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidOptionError(name, `expected a finite number, got ${String(v)}`);
  return v;
}

/**
 * Revenue and cost streams, one entry per period (t = 1, 2, …).
 *
 * @example
 * ```ts
 * import { presentValue, type MarginStream } from 'crm-mining';
 * const stream: MarginStream = { revenue: [1200, 1300, 1400], cost: [700, 750, 800] };
 * // Margins 500, 550, 600 at 10% a period.
 * console.log(presentValue(stream, 0.1).toFixed(2)); // 1359.88
 * ```
 */
export interface MarginStream {
  /** Q_t: revenue in period t. */
  revenue: ArrayLike<number>;
  /** C_t: cost in period t (same length as `revenue`). */
  cost: ArrayLike<number>;
}

/**
 * Present value of a margin stream: Σₜ (Q_t − C_t)(1 + i)^−t for t = 1..n.
 *
 * @param stream - the margins m_t = Q_t − C_t as an array, or revenue and cost arrays.
 * @param rate - discount rate per period i (> −1).
 * @returns the present value.
 * @throws InvalidOptionError for a bad rate; InvalidInputError naming the period of a non-finite entry
 *   or when revenue and cost differ in length.
 *
 * @example
 * ```ts
 * import { presentValue } from 'crm-mining';
 * // 100 at the end of each of two years, discounted at 10%: 100/1.1 + 100/1.21.
 * console.log(presentValue([100, 100], 0.1).toFixed(2)); // 173.55
 * ```
 */
export function presentValue(stream: ArrayLike<number> | MarginStream, rate: number): number {
  checkDiscountRate(rate);
  let revenue: ArrayLike<number>;
  let cost: ArrayLike<number> | undefined;
  if ('revenue' in (stream as object)) {
    revenue = (stream as MarginStream).revenue;
    cost = (stream as MarginStream).cost;
    if (cost === undefined || cost.length !== revenue.length) {
      throw new InvalidInputError(`revenue has ${revenue.length} periods but cost has ${cost?.length ?? 0}`, { field: 'cost' });
    }
  } else {
    revenue = stream as ArrayLike<number>;
  }
  let pv = 0;
  let factor = 1;
  for (let t = 0; t < revenue.length; t++) {
    const m = revenue[t] - (cost ? cost[t] : 0);
    if (!Number.isFinite(m)) throw new InvalidInputError(`period ${t + 1}: margin ${m} is not a finite number`, { row: t, field: cost ? 'revenue/cost' : 'margin' });
    factor /= 1 + rate;
    pv += m * factor;
  }
  return pv;
}

/**
 * The annuity factor a(n, i) = (1 − (1 + i)^−n) / i: the present value of 1 per period for n periods
 * (n may be fractional). For i = 0 it is n; for n = Infinity and i > 0 it is 1 / i (a perpetuity).
 *
 * @param rate - discount rate per period (> −1).
 * @param periods - number of periods n (≥ 0, or Infinity when rate > 0).
 * @throws InvalidOptionError for a bad rate or number of periods (Infinity with rate ≤ 0).
 *
 * @example
 * ```ts
 * import { annuityFactor } from 'crm-mining';
 * console.log(annuityFactor(0.08, 10).toFixed(4)); // 6.7101
 * console.log(annuityFactor(0, 10)); // 10: no discounting
 * console.log(annuityFactor(0.05, Infinity)); // 20: a perpetuity, 1 / 0.05
 * ```
 */
export function annuityFactor(rate: number, periods: number): number {
  checkDiscountRate(rate);
  if (typeof periods !== 'number' || Number.isNaN(periods) || periods < 0) {
    throw new InvalidOptionError('periods', `expected a number of periods >= 0, got ${String(periods)}`);
  }
  if (periods === Infinity) {
    if (!(rate > 0)) throw new InvalidOptionError('periods', 'an infinite number of periods needs a positive discount rate');
    return 1 / rate;
  }
  if (rate === 0) return periods;
  return (1 - Math.pow(1 + rate, -periods)) / rate;
}

/**
 * The annuity form of CLV: a constant margin m per period for n periods, m · a(n, i).
 *
 * @param margin - margin per period.
 * @param rate - discount rate per period (> −1).
 * @param periods - number of periods.
 *
 * @example
 * ```ts
 * import { annuityValue, presentValue } from 'crm-mining';
 * // 1000 a year for 5 years at 8%: the closed form equals the sum of the discounted margins.
 * console.log(annuityValue(1000, 0.08, 5).toFixed(2)); // 3992.71
 * console.log(presentValue([1000, 1000, 1000, 1000, 1000], 0.08).toFixed(2)); // 3992.71
 * ```
 */
export function annuityValue(margin: number, rate: number, periods: number): number {
  finite('margin', margin);
  return margin * annuityFactor(rate, periods);
}

/**
 * Inputs of {@link customerLifetimeValue}.
 *
 * @example
 * ```ts
 * import { customerLifetimeValue, type ClvInput } from 'crm-mining';
 * // Uneven future margins instead of a constant one, and an acquisition cost.
 * const input: ClvInput = { margins: [400, 600, 600], rate: 0.1, oneTimeCost: 150 };
 * console.log(customerLifetimeValue(input).total.toFixed(2)); // 1160.29
 * ```
 */
export interface ClvInput {
  /** Value already realised (not discounted) (default 0). */
  historicalValue?: number;
  /** Constant future margin per period; give this or `margins`. */
  margin?: number;
  /** Future margins per period t = 1..n; give this or `margin`. */
  margins?: ArrayLike<number>;
  /** Number of future periods, with `margin`. */
  periods?: number;
  /** Discount rate per period (> −1). */
  rate: number;
  /** A one-time cost at time 0 (e.g. acquisition), subtracted undiscounted (default 0). */
  oneTimeCost?: number;
}

/**
 * CLV split into its parts.
 *
 * @example
 * ```ts
 * import { customerLifetimeValue, type ClvResult } from 'crm-mining';
 * const clv: ClvResult = customerLifetimeValue({ historicalValue: 500, margin: 200, periods: 3, rate: 0 });
 * console.log(clv); // { historicalValue: 500, futureValue: 600, oneTimeCost: 0, total: 1100 }
 * ```
 */
export interface ClvResult {
  /** Historical value. */
  historicalValue: number;
  /** Present value of the future margins. */
  futureValue: number;
  /** The one-time cost subtracted. */
  oneTimeCost: number;
  /** historicalValue + futureValue − oneTimeCost. */
  total: number;
}

/**
 * CLV as historical value plus the present value of future margins, less a one-time cost.
 * Example: 3000 historical plus 1000 a year for 10 years at 8% gives 9710.08.
 *
 * @param input - see {@link ClvInput}.
 * @throws InvalidOptionError naming the option at fault (a rate ≤ −1, neither or both of `margin` and
 *   `margins`, `margin` without `periods`).
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'crm-mining';
 * // 3000 earned so far, then 1000 a year for 10 years at 8%.
 * const clv = customerLifetimeValue({ historicalValue: 3000, margin: 1000, periods: 10, rate: 0.08 });
 * console.log(clv.futureValue.toFixed(2)); // 6710.08
 * console.log(clv.total.toFixed(2)); // 9710.08
 * ```
 */
export function customerLifetimeValue(input: ClvInput): ClvResult {
  const rate = checkDiscountRate(input.rate);
  const historicalValue = finite('historicalValue', input.historicalValue ?? 0);
  const oneTimeCost = finite('oneTimeCost', input.oneTimeCost ?? 0);
  let futureValue: number;
  if (input.margins !== undefined) {
    if (input.margin !== undefined) throw new InvalidOptionError('margin', 'give either margin (with periods) or margins, not both');
    futureValue = presentValue(input.margins, rate);
  } else {
    if (input.margin === undefined) throw new InvalidOptionError('margin', 'give margin (with periods) or margins');
    if (input.periods === undefined) throw new InvalidOptionError('periods', 'required with margin');
    futureValue = annuityValue(input.margin, rate, input.periods);
  }
  return { historicalValue, futureValue, oneTimeCost, total: historicalValue + futureValue - oneTimeCost };
}

/**
 * Inputs of {@link groupLifetimeValue}.
 *
 * @example
 * ```ts
 * import { groupLifetimeValue, type GroupClvInput } from 'crm-mining';
 * // With no churn at all the lifetime must be capped by a horizon.
 * const group: GroupClvInput = { customers: 100, margin: 50, churnRate: 0, rate: 0.01, horizon: 24 };
 * console.log(groupLifetimeValue(group).lifetime); // 24
 * ```
 */
export interface GroupClvInput {
  /** Customers in the group. */
  customers: number;
  /** Margin per customer per period. */
  margin: number;
  /** Churn rate per period, in [0, 1]. */
  churnRate: number;
  /** Discount rate per period (> −1). */
  rate: number;
  /** Cap on the lifetime in periods; required when `churnRate` is 0 (default none). */
  horizon?: number;
}

/**
 * Result of {@link groupLifetimeValue}.
 *
 * @example
 * ```ts
 * import { groupLifetimeValue, type GroupClvResult } from 'crm-mining';
 * const result: GroupClvResult = groupLifetimeValue({ customers: 1000, margin: 20, churnRate: 0.5, rate: 0 });
 * console.log(result); // { lifetime: 2, perCustomer: 40, total: 40000, replacementsPerPeriod: 500 }
 * ```
 */
export interface GroupClvResult {
  /** Lifetime T = 1 / churn rate (capped by the horizon), in periods. */
  lifetime: number;
  /** CLV of one customer: margin · a(T, i). */
  perCustomer: number;
  /** customers · perCustomer. */
  total: number;
  /** Customers to win per period to hold the group's size: customers · churn rate. */
  replacementsPerPeriod: number;
}

/**
 * Group CLV: every customer earns `margin` per period over the expected lifetime T = 1 / churn rate
 * (fractional T allowed in the annuity factor), discounted at `rate`; the group's value is N times that.
 *
 * @param input - see {@link GroupClvInput}.
 * @throws InvalidOptionError for a churn rate of 0 without a horizon, a rate ≤ −1, or other bad input.
 *
 * @example
 * ```ts
 * import { groupLifetimeValue } from 'crm-mining';
 * // 2,000 customers, 30 margin a month, 4% monthly churn (lifetime 25 months), 1% monthly discount rate.
 * const group = groupLifetimeValue({ customers: 2000, margin: 30, churnRate: 0.04, rate: 0.01 });
 * console.log(group.lifetime); // 25
 * console.log(group.perCustomer.toFixed(2)); // 660.69
 * console.log(group.replacementsPerPeriod); // 80
 * ```
 */
export function groupLifetimeValue(input: GroupClvInput): GroupClvResult {
  const customers = finite('customers', input.customers);
  if (customers < 0) throw new InvalidOptionError('customers', `expected a number >= 0, got ${customers}`);
  const margin = finite('margin', input.margin);
  checkDiscountRate(input.rate);
  const lifetime = expectedLifetime(input.churnRate, input.horizon);
  const perCustomer = annuityValue(margin, input.rate, lifetime);
  return { lifetime, perCustomer, total: customers * perCustomer, replacementsPerPeriod: customers * input.churnRate };
}
