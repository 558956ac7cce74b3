/**
 * Churn rates and the cost of churn: churn rate per period, expected customer lifetime (1 / churn
 * rate), replacements needed to hold the customer base, and the loss caused by a lost customer.
 *
 * @module
 */
import { InvalidOptionError } from '../core/errors.js';

function finiteNonNegative(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InvalidOptionError(name, `expected a finite number >= 0, got ${String(v)}`);
  return v;
}

/** Checks a churn rate in [0, 1]; returns it. */
function churnRateOption(name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new InvalidOptionError(name, `expected a churn rate in [0, 1], got ${String(v)}`);
  return v;
}

/**
 * The churn rate of a period: customers lost during it divided by customers at its start.
 *
 * @param lost - customers lost in the period (0 ≤ lost ≤ atStart).
 * @param atStart - customers at the start of the period (> 0).
 * @returns the churn rate, in [0, 1].
 * @throws InvalidOptionError naming `lost` or `atStart` when out of range.
 *
 * @example
 * ```ts
 * import { churnRate } from 'crm-mining';
 * // 1,000 subscribers on 1 January, 50 of them cancelled during January.
 * console.log(churnRate(50, 1000)); // 0.05
 * ```
 */
export function churnRate(lost: number, atStart: number): number {
  if (typeof atStart !== 'number' || !Number.isFinite(atStart) || !(atStart > 0)) {
    throw new InvalidOptionError('atStart', `expected a positive number of customers, got ${String(atStart)}`);
  }
  finiteNonNegative('lost', lost);
  if (lost > atStart) throw new InvalidOptionError('lost', `${lost} customers lost is more than the ${atStart} at the start`);
  return lost / atStart;
}

/**
 * The expected customer lifetime in periods, T = 1 / churn rate (the mean of the geometric lifetime
 * with constant churn). A churn rate of 0 means an infinite lifetime: that is an error unless a
 * `horizon` is given, which also caps the lifetime (T = min(1 / churn rate, horizon)).
 *
 * @param rate - churn rate per period, in [0, 1].
 * @param horizon - optional cap on the lifetime, in periods (> 0) (default none).
 * @returns the lifetime in periods.
 * @throws InvalidOptionError for a rate outside [0, 1], a rate of 0 without a horizon, or a bad horizon.
 *
 * @example
 * ```ts
 * import { expectedLifetime } from 'crm-mining';
 * console.log(expectedLifetime(0.25)); // 4 periods
 * console.log(expectedLifetime(0.05, 12)); // 12: 1 / 0.05 = 20, capped at the 12-period horizon
 * console.log(expectedLifetime(0, 36)); // 36: no churn, so the horizon is the lifetime
 * ```
 */
export function expectedLifetime(rate: number, horizon?: number): number {
  churnRateOption('churnRate', rate);
  if (horizon !== undefined && (typeof horizon !== 'number' || !(horizon > 0))) {
    throw new InvalidOptionError('horizon', `expected a positive number of periods, got ${String(horizon)}`);
  }
  if (rate === 0) {
    if (horizon === undefined || horizon === Infinity) {
      throw new InvalidOptionError('churnRate', 'a churn rate of 0 means an infinite lifetime; give a finite horizon');
    }
    return horizon;
  }
  const t = 1 / rate;
  return horizon === undefined ? t : Math.min(t, horizon);
}

/**
 * Customers to win per period to keep the base at `customers`: customers × churn rate.
 *
 * @param customers - size of the customer base (≥ 0).
 * @param rate - churn rate per period, in [0, 1].
 *
 * @example
 * ```ts
 * import { replacementsPerPeriod } from 'crm-mining';
 * // 20,000 customers and 3% monthly churn: win 600 new customers a month just to stand still.
 * console.log(replacementsPerPeriod(20_000, 0.03)); // 600
 * ```
 */
export function replacementsPerPeriod(customers: number, rate: number): number {
  finiteNonNegative('customers', customers);
  churnRateOption('churnRate', rate);
  return customers * rate;
}

/**
 * Inputs of {@link churnLoss}.
 *
 * @example
 * ```ts
 * import { churnLoss, type ChurnLossInput } from 'crm-mining';
 * const lostCustomer: ChurnLossInput = { cost: 250, expectedValue: 2000, realizedValue: 800 };
 * console.log(churnLoss(lostCustomer)); // 1450
 * ```
 */
export interface ChurnLossInput {
  /** C_t: what was spent on the customer up to the time t of loss (acquisition and retention cost). */
  cost: number;
  /** V_k: the value the customer was expected to bring over the whole lifetime. */
  expectedValue: number;
  /** V_t: the value the customer had brought by time t. */
  realizedValue: number;
}

/**
 * The loss from one churned customer: V_l = C_t + (V_k − V_t), the cost sunk into the customer plus the
 * value that will now not be earned.
 *
 * @param input - see {@link ChurnLossInput}; every field a finite number.
 * @throws InvalidOptionError naming a non-finite field.
 *
 * @example
 * ```ts
 * import { churnLoss } from 'crm-mining';
 * // Acquisition and service cost 300 so far; expected lifetime value 1500, of which 400 was earned.
 * const loss = churnLoss({ cost: 300, expectedValue: 1500, realizedValue: 400 });
 * console.log(loss); // 1400 = 300 + (1500 - 400)
 * ```
 */
export function churnLoss(input: ChurnLossInput): number {
  for (const k of ['cost', 'expectedValue', 'realizedValue'] as const) {
    if (typeof input[k] !== 'number' || !Number.isFinite(input[k])) throw new InvalidOptionError(k, `expected a finite number, got ${String(input[k])}`);
  }
  return input.cost + (input.expectedValue - input.realizedValue);
}

/**
 * The loss from churn in a group: N · r · V_k (customers × churn rate × expected value per customer).
 *
 * @param customers - N, customers in the group (≥ 0).
 * @param rate - r, churn rate in [0, 1].
 * @param expectedValue - V_k, expected lifetime value per customer.
 * @throws InvalidOptionError naming the bad argument.
 *
 * @example
 * ```ts
 * import { groupChurnLoss } from 'crm-mining';
 * // 5,000 customers, 8% churn, 1,200 expected value each.
 * console.log(groupChurnLoss(5000, 0.08, 1200)); // 480000
 * ```
 */
export function groupChurnLoss(customers: number, rate: number, expectedValue: number): number {
  finiteNonNegative('customers', customers);
  churnRateOption('churnRate', rate);
  if (typeof expectedValue !== 'number' || !Number.isFinite(expectedValue)) {
    throw new InvalidOptionError('expectedValue', `expected a finite number, got ${String(expectedValue)}`);
  }
  return customers * rate * expectedValue;
}
