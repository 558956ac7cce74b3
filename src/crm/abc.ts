/**
 * ABC / Pareto analysis of customer value: ranking, the cumulative-share (Pareto / Lorenz) curve, ABC
 * tiers by cumulative value share, the customer pyramid by customer share, and concentration measures
 * (top-x% share, Gini coefficient).
 *
 * Ranking rule everywhere: by value, largest first; equal values by input order (earlier first).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { rankOrder } from './ranking.js';

/**
 * A tier: a label and its share (of value for ABC, of customers for the pyramid). The last tier may omit `share` and takes the rest.
 *
 * @example
 * ```ts
 * import { abcClassify, type TierSpec } from 'crm-mining';
 * // A/B/C at 70% and 90% of revenue instead of the default 80% and 95%.
 * const tiers: TierSpec[] = [{ label: 'A', share: 0.7 }, { label: 'B', share: 0.2 }, { label: 'C' }];
 * const result = abcClassify([500, 300, 100, 60, 40], tiers);
 * console.log(result.tier); // ['A', 'B', 'B', 'C', 'C']
 * ```
 */
export interface TierSpec {
  /** The tier's label, e.g. `'A'` or `'VIP'`. */
  label: string;
  /** Its share, in (0, 1]; omitted on the last tier, which takes what remains. */
  share?: number;
}

/**
 * The default ABC tiers: A = the first 80% of value, B = the next 15%, C = the rest.
 *
 * @example
 * ```ts
 * import { DEFAULT_ABC_TIERS, abcClassify } from 'crm-mining';
 * console.log(DEFAULT_ABC_TIERS.map((t) => `${t.label}:${t.share ?? 'rest'}`).join(' ')); // A:0.8 B:0.15 C:rest
 * // Passing them explicitly is the same as leaving the argument out.
 * const spend = [120, 80, 15, 5];
 * console.log(abcClassify(spend, DEFAULT_ABC_TIERS).tier); // ['A', 'B', 'C', 'C']
 * ```
 */
export const DEFAULT_ABC_TIERS: readonly TierSpec[] = Object.freeze([
  { label: 'A', share: 0.8 },
  { label: 'B', share: 0.15 },
  { label: 'C' },
]);

/**
 * The default customer pyramid: VIP = top 1% of customers, major = next 4%, ordinary = next 15%, small = the remaining 80%.
 *
 * @example
 * ```ts
 * import { DEFAULT_PYRAMID_TIERS, customerPyramid } from 'crm-mining';
 * // Keep the default labels, but make the top tier the top 10% rather than 1%.
 * const tiers = [{ label: 'VIP', share: 0.1 }, ...DEFAULT_PYRAMID_TIERS.slice(1)];
 * const values = Array.from({ length: 20 }, (_, i) => 1000 / (i + 1));
 * console.log(customerPyramid(values, tiers).tiers.map((t) => t.customers)); // [2, 1, 3, 14]
 * ```
 */
export const DEFAULT_PYRAMID_TIERS: readonly TierSpec[] = Object.freeze([
  { label: 'VIP', share: 0.01 },
  { label: 'major', share: 0.04 },
  { label: 'ordinary', share: 0.15 },
  { label: 'small' },
]);

/**
 * Per-tier totals.
 *
 * @example
 * ```ts
 * import { abcClassify, type TierSummary } from 'crm-mining';
 * const summary: TierSummary[] = abcClassify([500, 300, 100, 60, 40]).tiers;
 * for (const t of summary) console.log(t.label, t.customers, t.valueShare);
 * // A 2 0.8
 * // B 1 0.1
 * // C 2 0.1
 * ```
 */
export interface TierSummary {
  /** The tier label. */
  label: string;
  /** Customers in the tier. */
  customers: number;
  /** Their total value. */
  value: number;
  /** Share of all customers. */
  customerShare: number;
  /** Share of all value. */
  valueShare: number;
}

/**
 * The result of {@link abcClassify} and {@link customerPyramid}; per-customer arrays are in input order.
 *
 * @example
 * ```ts
 * import { customerPyramid, type TierResult } from 'crm-mining';
 * const spend = [40, 500, 100, 300, 60];
 * const result: TierResult = customerPyramid(spend, [{ label: 'top', share: 0.4 }, { label: 'rest' }]);
 * console.log(Array.from(result.order)); // [1, 3, 2, 4, 0]: customer indices, most valuable first
 * console.log(Array.from(result.rank)); // [5, 1, 3, 2, 4]: per customer, in input order
 * console.log(result.tier); // ['rest', 'top', 'rest', 'top', 'rest']
 * ```
 */
export interface TierResult {
  /** Customer indices by rank (0 = most valuable). */
  order: Int32Array;
  /** Per customer: rank, 1 = most valuable. */
  rank: Int32Array;
  /** Per customer: the cumulative value share up to and including this customer, in rank order. */
  cumulativeShare: Float64Array;
  /** Per customer: the tier label. */
  tier: string[];
  /** One entry per tier, in tier order. */
  tiers: TierSummary[];
}

function checkNonNegative(values: ArrayLike<number>, name: string): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new InvalidInputError(`${name}: row ${i} has ${String(v)}, expected a finite number >= 0`, { row: i, field: name });
    }
    total += v;
  }
  if (values.length === 0) throw new InvalidInputError(`${name}: no customers`, { field: name });
  return total;
}

/** Cumulative limits of the tiers, checked; the last limit is 1. */
function tierLimits(tiers: readonly TierSpec[], option: string): number[] {
  if (!Array.isArray(tiers) || tiers.length < 2) throw new InvalidOptionError(option, 'expected at least two tiers');
  const limits: number[] = [];
  let cum = 0;
  for (let k = 0; k < tiers.length; k++) {
    const t = tiers[k];
    if (typeof t?.label !== 'string' || t.label === '') throw new InvalidOptionError(`${option}[${k}].label`, 'expected a non-empty string');
    const last = k === tiers.length - 1;
    if (t.share === undefined) {
      if (!last) throw new InvalidOptionError(`${option}[${k}].share`, 'only the last tier may omit its share');
      limits.push(1);
      continue;
    }
    if (typeof t.share !== 'number' || !(t.share > 0 && t.share <= 1)) {
      throw new InvalidOptionError(`${option}[${k}].share`, `expected a number in (0, 1], got ${String(t.share)}`);
    }
    cum += t.share;
    if (cum > 1 + 1e-9) throw new InvalidOptionError(`${option}[${k}].share`, `the shares add up to ${cum}, more than 1`);
    if (last && Math.abs(cum - 1) > 1e-9) {
      throw new InvalidOptionError(option, `the shares add up to ${cum}; they must add up to 1 (or leave the last share out)`);
    }
    limits.push(last ? 1 : Math.min(cum, 1));
  }
  return limits;
}

function summarise(values: ArrayLike<number>, total: number, tierIndex: Int32Array, tiers: readonly TierSpec[]): TierSummary[] {
  const n = values.length;
  const counts = new Float64Array(tiers.length);
  const sums = new Float64Array(tiers.length);
  for (let i = 0; i < n; i++) {
    counts[tierIndex[i]]++;
    sums[tierIndex[i]] += values[i];
  }
  return tiers.map((t, k) => ({
    label: t.label,
    customers: counts[k],
    value: sums[k],
    customerShare: counts[k] / n,
    valueShare: total > 0 ? sums[k] / total : 0,
  }));
}

/**
 * ABC classification by cumulative value share. Customers are ranked (largest value first); a customer
 * whose cumulative share (including itself) is at most the first limit (0.8 by default, with a 1e-12
 * tolerance for rounding) is in the first tier, else at most the second limit (0.95) in the second,
 * and so on; so the customer that crosses a limit belongs to the next tier.
 *
 * Cost: O(n log n).
 *
 * @param values - one non-negative value per customer (e.g. total spend or CLV).
 * @param tiers - tiers with value shares (default {@link DEFAULT_ABC_TIERS}).
 * @returns per-customer rank, cumulative share and tier, and per-tier totals.
 * @throws InvalidInputError naming the row of a negative or non-finite value, or when all values are 0;
 *   InvalidOptionError for shares outside (0, 1] or adding up to more than 1.
 *
 * @example
 * ```ts
 * import { abcClassify } from 'crm-mining';
 * const revenue = [500, 300, 100, 60, 40]; // one value per customer
 * const abc = abcClassify(revenue);
 * console.log(abc.tier); // ['A', 'A', 'B', 'C', 'C']
 * console.log(Array.from(abc.cumulativeShare)); // [0.5, 0.8, 0.9, 0.96, 1]
 * ```
 */
export function abcClassify(values: ArrayLike<number>, tiers: readonly TierSpec[] = DEFAULT_ABC_TIERS): TierResult {
  const limits = tierLimits(tiers, 'tiers');
  const total = checkNonNegative(values, 'values');
  if (!(total > 0)) throw new InvalidInputError('values: all values are 0, so value shares are undefined', { field: 'values' });
  const n = values.length;
  const order = rankOrder(values, true);
  const rank = new Int32Array(n);
  const cumulativeShare = new Float64Array(n);
  const tierIndex = new Int32Array(n);
  const tier: string[] = new Array(n);
  let cum = 0;
  let k = 0;
  for (let p = 0; p < n; p++) {
    const i = order[p];
    cum += values[i];
    const share = cum / total;
    rank[i] = p + 1;
    cumulativeShare[i] = share;
    while (k < limits.length - 1 && share > limits[k] + 1e-12) k++;
    tierIndex[i] = k;
    tier[i] = tiers[k].label;
  }
  return { order, rank, cumulativeShare, tier, tiers: summarise(values, total, tierIndex, tiers) };
}

/**
 * The customer pyramid: tiers by share of customers in rank order (default VIP 1%, major 4%, ordinary
 * 15%, small 80%). The customer at rank p (1-based) is in the first tier whose cumulative customer share
 * s satisfies p ≤ round(s · n) (rounding halves up).
 *
 * @param values - one non-negative value per customer.
 * @param tiers - tiers with customer shares (default {@link DEFAULT_PYRAMID_TIERS}).
 * @returns per-customer rank, cumulative value share and tier, and per-tier totals.
 * @throws InvalidInputError naming the row of a negative or non-finite value; InvalidOptionError for bad shares.
 *
 * @example
 * ```ts
 * import { customerPyramid } from 'crm-mining';
 * // 100 customers with a long-tailed spend: the default pyramid is 1% VIP, 4% major, 15% ordinary, 80% small.
 * const spend = Array.from({ length: 100 }, (_, i) => Math.round(10_000 / (i + 1)));
 * const pyramid = customerPyramid(spend);
 * for (const t of pyramid.tiers) console.log(t.label, t.customers, t.valueShare.toFixed(2));
 * // VIP 1 0.19
 * // major 4 0.25
 * // ordinary 15 0.25
 * // small 80 0.31
 * ```
 */
export function customerPyramid(values: ArrayLike<number>, tiers: readonly TierSpec[] = DEFAULT_PYRAMID_TIERS): TierResult {
  const limits = tierLimits(tiers, 'tiers');
  const total = checkNonNegative(values, 'values');
  const n = values.length;
  const cuts = limits.map((s) => Math.floor(s * n + 0.5));
  const order = rankOrder(values, true);
  const rank = new Int32Array(n);
  const cumulativeShare = new Float64Array(n);
  const tierIndex = new Int32Array(n);
  const tier: string[] = new Array(n);
  let cum = 0;
  let k = 0;
  for (let p = 0; p < n; p++) {
    const i = order[p];
    cum += values[i];
    rank[i] = p + 1;
    cumulativeShare[i] = total > 0 ? cum / total : 0;
    while (k < cuts.length - 1 && p + 1 > cuts[k]) k++;
    tierIndex[i] = k;
    tier[i] = tiers[k].label;
  }
  return { order, rank, cumulativeShare, tier, tiers: summarise(values, total, tierIndex, tiers) };
}

/**
 * A cumulative-share curve: point k is (customerShare[k], valueShare[k]); k = 0 is (0, 0).
 *
 * @example
 * ```ts
 * import { paretoCurve, type ShareCurve } from 'crm-mining';
 * const curve: ShareCurve = paretoCurve([500, 300, 100, 60, 40]);
 * // Point k: the top k customers (k / n of them) hold valueShare[k] of the value.
 * console.log(curve.customerShare[2], curve.valueShare[2]); // 0.4 0.8
 * ```
 */
export interface ShareCurve {
  /** Share of customers, k / n, for k = 0..n. */
  customerShare: Float64Array;
  /** Share of value held by those customers. */
  valueShare: Float64Array;
}

function curve(values: ArrayLike<number>, descending: boolean): ShareCurve {
  const total = checkNonNegative(values, 'values');
  if (!(total > 0)) throw new InvalidInputError('values: all values are 0, so value shares are undefined', { field: 'values' });
  const n = values.length;
  const order = rankOrder(values, true);
  const customerShare = new Float64Array(n + 1);
  const valueShare = new Float64Array(n + 1);
  let cum = 0;
  for (let p = 0; p < n; p++) {
    cum += values[order[descending ? p : n - 1 - p]];
    customerShare[p + 1] = (p + 1) / n;
    valueShare[p + 1] = cum / total;
  }
  valueShare[n] = 1;
  return { customerShare, valueShare };
}

/**
 * The Pareto curve: customers from most to least valuable, cumulative share of value against
 * cumulative share of customers (concave, from (0, 0) to (1, 1)).
 *
 * @param values - one non-negative value per customer, not all 0.
 * @throws InvalidInputError naming the row of a bad value, or when all values are 0.
 *
 * @example
 * ```ts
 * import { paretoCurve } from 'crm-mining';
 * const curve = paretoCurve([500, 300, 100, 60, 40]);
 * console.log(Array.from(curve.customerShare)); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * console.log(Array.from(curve.valueShare)); // [0, 0.5, 0.8, 0.9, 0.96, 1]
 * ```
 */
export function paretoCurve(values: ArrayLike<number>): ShareCurve {
  return curve(values, true);
}

/**
 * The Lorenz curve: customers from least to most valuable (convex, from (0, 0) to (1, 1)).
 *
 * @param values - one non-negative value per customer, not all 0.
 * @throws InvalidInputError naming the row of a bad value, or when all values are 0.
 *
 * @example
 * ```ts
 * import { lorenzCurve } from 'crm-mining';
 * // From the least valuable customer up: the bottom 40% hold 10% of the value.
 * const curve = lorenzCurve([500, 300, 100, 60, 40]);
 * console.log(Array.from(curve.valueShare)); // [0, 0.04, 0.1, 0.2, 0.5, 1]
 * ```
 */
export function lorenzCurve(values: ArrayLike<number>): ShareCurve {
  return curve(values, false);
}

/**
 * The share of total value held by the top `fraction` of customers, read off the Pareto curve with
 * linear interpolation between its points (exact when fraction · n is a whole number).
 *
 * @param values - one non-negative value per customer, not all 0.
 * @param fraction - the share of customers, in [0, 1] (e.g. 0.2 for "the top 20%").
 * @returns the share of value, in [0, 1].
 * @throws InvalidOptionError when `fraction` is outside [0, 1].
 *
 * @example
 * ```ts
 * import { topShare } from 'crm-mining';
 * const spend = [500, 300, 100, 60, 40];
 * console.log(topShare(spend, 0.2)); // 0.5: the top 20% of customers bring half the revenue
 * console.log(topShare(spend, 0.3)); // 0.65, interpolated between the points at 20% and 40%
 * ```
 */
export function topShare(values: ArrayLike<number>, fraction: number): number {
  if (typeof fraction !== 'number' || !(fraction >= 0 && fraction <= 1)) {
    throw new InvalidOptionError('fraction', `expected a number in [0, 1], got ${String(fraction)}`);
  }
  const c = paretoCurve(values);
  const n = values.length;
  const x = fraction * n;
  const k = Math.min(Math.floor(x), n - 1);
  const t = x - k;
  return c.valueShare[k] + t * (c.valueShare[k + 1] - c.valueShare[k]);
}

/**
 * The Gini coefficient of the values: G = Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x) with x₍ᵢ₎ sorted ascending and
 * i = 1..n; 0 when all values are equal, (n − 1)/n when one customer holds everything. Equal to one minus
 * twice the area under the Lorenz curve.
 *
 * @param values - one non-negative value per customer, not all 0.
 * @throws InvalidInputError naming the row of a bad value, or when all values are 0.
 *
 * @example
 * ```ts
 * import { giniCoefficient } from 'crm-mining';
 * console.log(giniCoefficient([10, 10, 10, 10])); // 0: everyone spends the same
 * console.log(giniCoefficient([0, 0, 0, 100])); // 0.75 = (n - 1) / n: one customer holds everything
 * console.log(giniCoefficient([500, 300, 100, 60, 40]).toFixed(3)); // 0.464
 * ```
 */
export function giniCoefficient(values: ArrayLike<number>): number {
  const total = checkNonNegative(values, 'values');
  if (!(total > 0)) throw new InvalidInputError('values: all values are 0, so the Gini coefficient is undefined', { field: 'values' });
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let acc = 0;
  for (let i = 0; i < n; i++) acc += (2 * (i + 1) - n - 1) * sorted[i];
  return acc / (n * total);
}
