/**
 * Per-customer summary of a transaction log: first and last purchase, recency, frequency, monetary
 * value and tenure, in the conventions of both RFM analysis and the BG/NBD model.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describeTransactionRow, isoDateOfDay, parseDay } from './transaction-log.js';
import type { TransactionLog } from './transaction-log.js';
import { describe, optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * A unit of time for recency and tenure. `'months'` are 365.25 / 12 = 30.4375 days; `'years'` 365.25 days.
 *
 * @example
 * ```ts
 * import { summarizeCustomers, transactionLogFromRecords, type TimeUnit } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [{ c: 'a', d: '2024-01-01', x: 10 }, { c: 'a', d: '2024-01-15', x: 20 }],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const unit: TimeUnit = 'weeks';
 * console.log(summarizeCustomers(log, { unit, observationDate: '2024-01-29' }).T[0]); // 4
 * ```
 */
export type TimeUnit = 'days' | 'weeks' | 'months' | 'years';

/**
 * Days per {@link TimeUnit}.
 *
 * @example
 * ```ts
 * import { DAYS_PER_UNIT } from 'crm-mining';
 * console.log(DAYS_PER_UNIT.weeks, DAYS_PER_UNIT.months); // 7 30.4375
 * // 90 days of recency in months:
 * console.log((90 / DAYS_PER_UNIT.months).toFixed(2)); // 2.96
 * ```
 */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = Object.freeze({ days: 1, weeks: 7, months: 30.4375, years: 365.25 });

/**
 * Options of {@link summarizeCustomers}.
 *
 * @example
 * ```ts
 * import { summarizeCustomers, transactionLogFromRecords, type SummaryOptions } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [
 *     { c: 'a', d: '2024-01-05', x: 50 },
 *     { c: 'a', d: '2024-01-20', x: -20 },
 *     { c: 'a', d: '2024-03-02', x: 30 },
 *   ],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * // Net the refund against the spend; ignore what happened after February (a calibration period).
 * const options: SummaryOptions = { observationDate: '2024-02-29', negativeAmounts: 'net', afterObservation: 'drop' };
 * const summary = summarizeCustomers(log, options);
 * console.log(summary.frequency[0], summary.monetaryTotal[0]); // 1 30
 * ```
 */
export interface SummaryOptions {
  /**
   * The observation date ("now"): a `Date`, `YYYY-MM-DD` or `YYYYMMDD`. Default: the day of the last
   * transaction in the log.
   */
  observationDate?: Date | string;
  /** Unit of `recency`, `tX`, `T` and `recentWindow` (default `'days'`; BG/NBD conventionally uses `'weeks'`). */
  unit?: TimeUnit;
  /**
   * What to do with negative amounts (refunds) (default `'error'`):
   * `'error'` throws an InvalidInputError naming the row; `'drop'` ignores those rows; `'net'` subtracts
   * them from the customer's monetary total (and so from `monetaryMean`), without counting them as
   * purchases or moving any date. A refund from a customer with no purchase is an error under `'net'`.
   */
  negativeAmounts?: 'error' | 'drop' | 'net';
  /**
   * What to do with transactions after the observation date (default `'error'`): `'error'` throws naming
   * the row; `'drop'` ignores them (a calibration period, as in the BG/NBD literature).
   */
  afterObservation?: 'error' | 'drop';
  /**
   * Length of the window, in `unit`s, ending at the observation date, in which `recentFrequency` counts
   * purchases: those on days d with observation − d < window (default: 24 months = 730.5 days, the
   * window of the airline RFM table's frequency).
   */
  recentWindow?: number;
}

const SUMMARY_OPTION_KEYS = optionKeys<SummaryOptions>({
  observationDate: true,
  unit: true,
  negativeAmounts: true,
  afterObservation: true,
  recentWindow: true,
});

/**
 * One customer's summary as a plain record (see {@link CustomerSummary} for the meaning of each field).
 *
 * @example
 * ```ts
 * import { customerSummaryRecords, summarizeCustomers, transactionLogFromRecords, type CustomerSummaryRecord } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [{ c: 'a', d: '2024-01-01', x: 10 }, { c: 'a', d: '2024-01-11', x: 30 }],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const [rec]: CustomerSummaryRecord[] = customerSummaryRecords(summarizeCustomers(log, { observationDate: '2024-01-31' }));
 * console.log(rec.firstPurchase, rec.recency, rec.repeatFrequency, rec.repeatMonetaryMean); // 2024-01-01 20 1 30
 * ```
 */
export interface CustomerSummaryRecord {
  /** Customer id. */
  customer: string;
  /** First purchase, `YYYY-MM-DD`. */
  firstPurchase: string;
  /** Last purchase, `YYYY-MM-DD`. */
  lastPurchase: string;
  /** Time from the last purchase to the observation date. */
  recency: number;
  /** Number of purchase transactions. */
  frequency: number;
  /** Purchases in the recent window. */
  recentFrequency: number;
  /** Repeat purchases (distinct purchase days − 1), BG/NBD's x. */
  repeatFrequency: number;
  /** Time from the first to the last purchase, BG/NBD's t_x. */
  tX: number;
  /** Time from the first purchase to the observation date, BG/NBD's T. */
  T: number;
  /** Total spend. */
  monetaryTotal: number;
  /** Spend per purchase transaction. */
  monetaryMean: number;
  /** Mean spend per repeat purchase day (0 when there is none), Gamma-Gamma's z̄. */
  repeatMonetaryMean: number;
}

/**
 * Per-customer summary in columnar form; entry `i` of every array belongs to `customers[i]`.
 * Customers appear in order of first appearance in the log; a customer with no purchase (only dropped
 * rows) is left out.
 *
 * @example
 * ```ts
 * import { summarizeCustomers, transactionLogFromRecords, type CustomerSummary } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [
 *     { c: 'a', d: '2024-01-01', x: 10 },
 *     { c: 'a', d: '2024-01-01', x: 5 }, // same day: one purchase day
 *     { c: 'a', d: '2024-01-08', x: 20 },
 *   ],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const s: CustomerSummary = summarizeCustomers(log, { observationDate: '2024-01-15', unit: 'weeks' });
 * // RFM's view: 3 transactions; BG/NBD's view: 1 repeat purchase, t_x = 1 week, T = 2 weeks.
 * console.log(s.frequency[0], s.repeatFrequency[0], s.tX[0], s.T[0]); // 3 1 1 2
 * ```
 */
export interface CustomerSummary {
  /** Customer ids. */
  readonly customers: readonly string[];
  /** Number of customers. */
  readonly size: number;
  /** The observation date as a day number (days since 1970-01-01 UTC). */
  readonly observationDay: number;
  /** The unit of `recency`, `tX`, `T`. */
  readonly unit: TimeUnit;
  /** Day number of the first purchase. */
  readonly firstDay: Int32Array;
  /** Day number of the last purchase. */
  readonly lastDay: Int32Array;
  /** Time from the last purchase to the observation date, in `unit`s (RFM's recency). */
  readonly recency: Float64Array;
  /** Number of purchase transactions (rows with amount ≥ 0) (RFM's frequency). */
  readonly frequency: Int32Array;
  /** Purchase transactions in the recent window (see {@link SummaryOptions.recentWindow}). */
  readonly recentFrequency: Int32Array;
  /** Distinct purchase days (same-day purchases merged into one). */
  readonly purchaseDays: Int32Array;
  /** Repeat purchases, `purchaseDays − 1` (BG/NBD's x, "frequency" in the lifetimes package). */
  readonly repeatFrequency: Int32Array;
  /** Time from the first to the last purchase, in `unit`s (BG/NBD's t_x, "recency" in lifetimes). */
  readonly tX: Float64Array;
  /** Time from the first purchase to the observation date, in `unit`s (BG/NBD's T, the tenure). */
  readonly T: Float64Array;
  /** Total spend (net of refunds under `negativeAmounts: 'net'`) (RFM's monetary, total). */
  readonly monetaryTotal: Float64Array;
  /** `monetaryTotal / frequency` (RFM's monetary, mean). */
  readonly monetaryMean: Float64Array;
  /**
   * Mean value of the repeat purchase days: the sum over days after the first purchase day of that day's
   * purchases, divided by `repeatFrequency`; 0 when `repeatFrequency` is 0 (Gamma-Gamma's z̄, lifetimes'
   * "monetary_value").
   */
  readonly repeatMonetaryMean: Float64Array;
}

/** Rejects what is not a {@link TransactionLog} (an array of records, say) before the loops index into it. */
function checkLogShape(log: unknown): asserts log is TransactionLog {
  const l = log as Partial<TransactionLog> | null;
  const arrayLike = (a: unknown): boolean => a !== null && typeof a === 'object' && typeof (a as ArrayLike<number>).length === 'number';
  if (l === null || typeof l !== 'object' || !Array.isArray(l.customerIds) || !arrayLike(l.customer) || !arrayLike(l.day) || !arrayLike(l.amount)) {
    throw new InvalidInputError(
      `log: expected a TransactionLog { customerIds, customer, day, amount } (see transactionLogFromRecords), got ${describe(log)}`,
      { field: 'log' },
    );
  }
}

function parseObservation(value: Date | string): number {
  const d = value instanceof Date ? parseDay(value, 'iso') : typeof value === 'string' ? parseDay(value, 'auto') : undefined;
  if (d === undefined) {
    throw new InvalidOptionError('observationDate', `expected a Date, YYYY-MM-DD or YYYYMMDD, got ${JSON.stringify(value)}`);
  }
  return d;
}

/**
 * Summarises a transaction log per customer.
 *
 * Cost: O(n + c) for n rows and c customers (a counting sort groups rows by customer into an
 * `Int32Array` index; rows of one customer are put in date order by insertion sort, which is linear when
 * they already are).
 *
 * @param log - the transactions.
 * @param options - observation date, unit, refunds; see {@link SummaryOptions}.
 * @returns the summary.
 * @throws InvalidOptionError for a bad option; InvalidInputError when `log` is not a TransactionLog, naming
 *   the row for a refund (under `'error'`), a purchase after the observation date (under `'error'`) or a
 *   non-finite amount, or when no purchase remains.
 *
 * @example
 * ```ts
 * import { summarizeCustomers, transactionLogFromRecords } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [
 *     { customer: 'ann', date: '2024-01-10', amount: 40 },
 *     { customer: 'bob', date: '2024-02-01', amount: 15 },
 *     { customer: 'ann', date: '2024-03-01', amount: 60 },
 *   ],
 *   { customer: 'customer', date: 'date', amount: 'amount' },
 * );
 * const summary = summarizeCustomers(log, { observationDate: '2024-03-31' });
 * console.log(summary.customers, Array.from(summary.recency)); // ['ann', 'bob'] [30, 59]
 * console.log(Array.from(summary.monetaryTotal)); // [100, 15]
 * ```
 */
export function summarizeCustomers(log: TransactionLog, options: SummaryOptions = {}): CustomerSummary {
  rejectUnknownOptions(options, SUMMARY_OPTION_KEYS, 'summarizeCustomers');
  const unit = options.unit ?? 'days';
  if (!(unit in DAYS_PER_UNIT)) {
    throw new InvalidOptionError('unit', `expected 'days', 'weeks', 'months' or 'years', got ${JSON.stringify(unit)}`);
  }
  const perUnit = DAYS_PER_UNIT[unit];
  const negative = options.negativeAmounts ?? 'error';
  if (negative !== 'error' && negative !== 'drop' && negative !== 'net') {
    throw new InvalidOptionError('negativeAmounts', `expected 'error', 'drop' or 'net', got ${JSON.stringify(negative)}`);
  }
  const after = options.afterObservation ?? 'error';
  if (after !== 'error' && after !== 'drop') {
    throw new InvalidOptionError('afterObservation', `expected 'error' or 'drop', got ${JSON.stringify(after)}`);
  }
  const windowUnits = options.recentWindow ?? 730.5 / perUnit;
  if (typeof windowUnits !== 'number' || !(windowUnits > 0)) {
    throw new InvalidOptionError('recentWindow', `expected a positive number of ${unit}, got ${String(windowUnits)}`);
  }
  const windowDays = windowUnits * perUnit;
  checkLogShape(log);
  const { customer, day, amount } = log;
  const n = customer.length;
  if (day.length !== n || amount.length !== n) {
    throw new InvalidInputError(`the log's arrays differ in length (customer ${n}, day ${day.length}, amount ${amount.length})`);
  }
  const nCust = log.customerIds.length;
  let obs: number;
  if (options.observationDate !== undefined) {
    obs = parseObservation(options.observationDate);
  } else {
    if (n === 0) throw new InvalidInputError('the transaction log is empty');
    obs = -Infinity;
    for (let i = 0; i < n; i++) if (day[i] > obs) obs = day[i];
  }
  // 0 = dropped, 1 = purchase, 2 = refund netted
  const kind = new Uint8Array(n);
  const count = new Int32Array(nCust + 1);
  for (let i = 0; i < n; i++) {
    const c = customer[i];
    if (c < 0 || c >= nCust) throw new InvalidInputError(`${describeTransactionRow(log, i)}: customer index ${c} out of range`, { row: i });
    const a = amount[i];
    if (!Number.isFinite(a)) throw new InvalidInputError(`${describeTransactionRow(log, i)}: amount ${a} is not a finite number`, { row: i, field: 'amount' });
    if (day[i] > obs) {
      if (after === 'error') {
        throw new InvalidInputError(
          `${describeTransactionRow(log, i)}: purchase on ${isoDateOfDay(day[i])} is after the observation date ${isoDateOfDay(obs)} (use afterObservation: 'drop' for a calibration period)`,
          { row: i, field: 'date' },
        );
      }
      continue;
    }
    if (a < 0) {
      if (negative === 'error') {
        throw new InvalidInputError(
          `${describeTransactionRow(log, i)}: negative amount ${a} (a refund); use negativeAmounts: 'drop' or 'net' to accept refunds`,
          { row: i, field: 'amount' },
        );
      }
      if (negative === 'drop') continue;
      kind[i] = 2;
    } else {
      kind[i] = 1;
    }
    count[c + 1]++;
  }
  // counting sort of kept rows by customer
  for (let c = 0; c < nCust; c++) count[c + 1] += count[c];
  const offsets = count;
  const pos = offsets.slice(0, nCust);
  const order = new Int32Array(offsets[nCust]);
  for (let i = 0; i < n; i++) if (kind[i] !== 0) order[pos[customer[i]]++] = i;

  const firstDay = new Int32Array(nCust);
  const lastDay = new Int32Array(nCust);
  const frequency = new Int32Array(nCust);
  const recentFrequency = new Int32Array(nCust);
  const purchaseDays = new Int32Array(nCust);
  const total = new Float64Array(nCust);
  const repeatTotal = new Float64Array(nCust);
  const keep = new Uint8Array(nCust);
  let kept = 0;
  for (let c = 0; c < nCust; c++) {
    const lo = offsets[c];
    const hi = offsets[c + 1];
    // insertion sort of this customer's rows by day (stable)
    for (let j = lo + 1; j < hi; j++) {
      const r = order[j];
      const d = day[r];
      let k = j - 1;
      while (k >= lo && day[order[k]] > d) {
        order[k + 1] = order[k];
        k--;
      }
      order[k + 1] = r;
    }
    let nPurch = 0;
    let nRecent = 0;
    let nDays = 0;
    let first = 0;
    let last = 0;
    let tot = 0;
    let rep = 0;
    let prevDay = Number.NaN;
    let firstRefundRow = -1;
    for (let j = lo; j < hi; j++) {
      const r = order[j];
      const a = amount[r];
      tot += a;
      if (kind[r] === 2) {
        if (firstRefundRow < 0) firstRefundRow = r;
        continue;
      }
      const d = day[r];
      if (nPurch === 0) first = d;
      last = d;
      nPurch++;
      if (obs - d < windowDays) nRecent++;
      if (d !== prevDay) {
        nDays++;
        prevDay = d;
      }
      if (nDays > 1) rep += a;
    }
    if (nPurch === 0) {
      if (firstRefundRow >= 0) {
        throw new InvalidInputError(`${describeTransactionRow(log, firstRefundRow)}: a refund from customer "${log.customerIds[c]}", who has no purchase`, {
          row: firstRefundRow,
          field: 'amount',
        });
      }
      continue;
    }
    keep[c] = 1;
    kept++;
    firstDay[c] = first;
    lastDay[c] = last;
    frequency[c] = nPurch;
    recentFrequency[c] = nRecent;
    purchaseDays[c] = nDays;
    total[c] = tot;
    repeatTotal[c] = rep;
  }
  if (kept === 0) throw new InvalidInputError('no purchase remains after dropping rows; the summary would be empty');

  const customers: string[] = new Array(kept);
  const out = {
    firstDay: new Int32Array(kept),
    lastDay: new Int32Array(kept),
    recency: new Float64Array(kept),
    frequency: new Int32Array(kept),
    recentFrequency: new Int32Array(kept),
    purchaseDays: new Int32Array(kept),
    repeatFrequency: new Int32Array(kept),
    tX: new Float64Array(kept),
    T: new Float64Array(kept),
    monetaryTotal: new Float64Array(kept),
    monetaryMean: new Float64Array(kept),
    repeatMonetaryMean: new Float64Array(kept),
  };
  let k = 0;
  for (let c = 0; c < nCust; c++) {
    if (!keep[c]) continue;
    customers[k] = log.customerIds[c];
    out.firstDay[k] = firstDay[c];
    out.lastDay[k] = lastDay[c];
    out.recency[k] = (obs - lastDay[c]) / perUnit;
    out.frequency[k] = frequency[c];
    out.recentFrequency[k] = recentFrequency[c];
    out.purchaseDays[k] = purchaseDays[c];
    out.repeatFrequency[k] = purchaseDays[c] - 1;
    out.tX[k] = (lastDay[c] - firstDay[c]) / perUnit;
    out.T[k] = (obs - firstDay[c]) / perUnit;
    out.monetaryTotal[k] = total[c];
    out.monetaryMean[k] = total[c] / frequency[c];
    out.repeatMonetaryMean[k] = purchaseDays[c] > 1 ? repeatTotal[c] / (purchaseDays[c] - 1) : 0;
    k++;
  }
  return { customers, size: kept, observationDay: obs, unit, ...out };
}

/**
 * The summary as plain records, one per customer (for printing, JSON or a table).
 *
 * @param summary - a summary from {@link summarizeCustomers}.
 *
 * @example
 * ```ts
 * import { customerSummaryRecords, summarizeCustomers, transactionLogFromRecords } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [{ id: 'c1', day: '2024-06-01', eur: 25 }, { id: 'c2', day: '2024-06-03', eur: 70 }],
 *   { customer: 'id', date: 'day', amount: 'eur' },
 * );
 * const records = customerSummaryRecords(summarizeCustomers(log));
 * // The observation date defaults to the last day in the log, 2024-06-03.
 * console.log(records.map((r) => `${r.customer} ${r.lastPurchase} recency ${r.recency}`));
 * // ['c1 2024-06-01 recency 2', 'c2 2024-06-03 recency 0']
 * ```
 */
export function customerSummaryRecords(summary: CustomerSummary): CustomerSummaryRecord[] {
  const rows: CustomerSummaryRecord[] = new Array(summary.size);
  for (let i = 0; i < summary.size; i++) {
    rows[i] = {
      customer: summary.customers[i],
      firstPurchase: isoDateOfDay(summary.firstDay[i]),
      lastPurchase: isoDateOfDay(summary.lastDay[i]),
      recency: summary.recency[i],
      frequency: summary.frequency[i],
      recentFrequency: summary.recentFrequency[i],
      repeatFrequency: summary.repeatFrequency[i],
      tX: summary.tX[i],
      T: summary.T[i],
      monetaryTotal: summary.monetaryTotal[i],
      monetaryMean: summary.monetaryMean[i],
      repeatMonetaryMean: summary.repeatMonetaryMean[i],
    };
  }
  return rows;
}
