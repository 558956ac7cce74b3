/**
 * One-call customer-value reports, in the shapes the command line prints: per-customer RFM and ABC from a
 * transaction log (with optional BG/NBD and Gamma-Gamma fits), and BG/NBD / Gamma-Gamma fits from a
 * summary table.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { parseDecimal } from '../data/csv.js';
import type { DataTable } from '../data/table.js';
import { abcClassify, DEFAULT_ABC_TIERS } from './abc.js';
import type { TierSpec } from './abc.js';
import { fitBgNbd } from './bgnbd.js';
import type { BgNbdJson } from './bgnbd.js';
import { fitGammaGamma } from './gamma-gamma.js';
import type { GammaGammaParameters } from './gamma-gamma.js';
import { rfmAnalysis } from './rfm.js';
import type { RfmOptions } from './rfm.js';
import { summarizeCustomers } from './summary.js';
import type { SummaryOptions } from './summary.js';
import type { TransactionLog } from './transaction-log.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * One customer's row of a {@link ValueReport}.
 *
 * @example
 * ```ts
 * import { customerValueReport, transactionLogFromRecords, type ValueReportRow } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [{ c: 'a', d: '2024-01-10', x: 60 }, { c: 'b', d: '2024-01-20', x: 40 }],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const [first]: ValueReportRow[] = customerValueReport(log, { rfm: { bins: 2 } }).rows;
 * console.log(first); // { customer: 'a', recency: 10, frequency: 1, monetary: 60, r: 1, f: 1, m: 2, segment: 'Lost', abc: 'A' }
 * ```
 */
export interface ValueReportRow {
  /** Customer id. */
  customer: string;
  /** Time since the last purchase, in the report's unit. */
  recency: number;
  /** Number of purchase transactions. */
  frequency: number;
  /** Total spend. */
  monetary: number;
  /** R score. */
  r: number;
  /** F score. */
  f: number;
  /** M score. */
  m: number;
  /** RFM segment. */
  segment: string;
  /** ABC tier by total spend. */
  abc: string;
}

/**
 * BG/NBD and Gamma-Gamma fits, as printed by `crm-mining value --clv` and `crm-mining clv-fit`.
 *
 * @example
 * ```ts
 * import { BgNbdModel, GammaGammaModel, fitClvFromTable, type ClvFit } from 'crm-mining';
 * import type { DataTable } from 'crm-mining';
 * declare const summaryTable: DataTable;
 * const fit: ClvFit = fitClvFromTable(summaryTable, { frequency: 'x', recency: 't_x', T: 'T', monetary: 'zbar' });
 * // Turn the plain numbers back into models for predictions.
 * const bgnbd = BgNbdModel.fromJSON(fit.bgnbd);
 * const gammaGamma = fit.gammaGamma && new GammaGammaModel(fit.gammaGamma);
 * console.log(bgnbd.probabilityAlive(3, 20, 39), gammaGamma?.meanTransactionValue());
 * ```
 */
export interface ClvFit {
  /** BG/NBD parameters and log-likelihood (time unit: that of the data; weeks from a transaction log). */
  bgnbd: BgNbdJson;
  /** Gamma-Gamma parameters, when monetary values were given. */
  gammaGamma?: GammaGammaParameters;
}

/**
 * The result of {@link customerValueReport}: `{ customers, rows }`, plus the fits with `clv: true`.
 *
 * @example
 * ```ts
 * import { customerValueReport, type ValueReport } from 'crm-mining';
 * import type { TransactionLog } from 'crm-mining';
 * declare const log: TransactionLog;
 * const report: ValueReport = customerValueReport(log, { clv: true });
 * console.log(report.customers, report.rows.filter((r) => r.abc === 'A').length);
 * if (report.bgnbd) console.log(`BG/NBD r = ${report.bgnbd.r}, alpha = ${report.bgnbd.alpha} (weeks)`);
 * ```
 */
export interface ValueReport extends Partial<ClvFit> {
  /** Number of customers. */
  customers: number;
  /** One row per customer, in order of first appearance. */
  rows: ValueReportRow[];
}

/**
 * Options of {@link customerValueReport}.
 *
 * @example
 * ```ts
 * import { customerValueReport, transactionLogFromRecords, type ValueReportOptions } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [
 *     { c: 'a', d: '2024-01-03', x: 50 }, { c: 'b', d: '2024-02-11', x: 20 },
 *     { c: 'c', d: '2024-03-05', x: 300 }, { c: 'a', d: '2024-03-20', x: 70 },
 *   ],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * // Recency in weeks from the end of March, RFM terciles, a two-tier ABC split at 70% of revenue.
 * const options: ValueReportOptions = { observationDate: '2024-03-31', unit: 'weeks', rfm: { bins: 3 }, abc: [{ label: 'top', share: 0.7 }, { label: 'rest' }] };
 * const report = customerValueReport(log, options);
 * console.log(report.rows.map((r) => `${r.customer} ${r.recency.toFixed(1)}w ${r.abc}`)); // ['a 1.6w rest', 'b 7.0w rest', 'c 3.7w top']
 * ```
 */
export interface ValueReportOptions extends Omit<SummaryOptions, 'unit'> {
  /** Unit of the rows' recency (default `'days'`). */
  unit?: SummaryOptions['unit'];
  /** RFM scoring (default: quintiles, total spend; see {@link RfmOptions}). */
  rfm?: RfmOptions;
  /** ABC tiers on total spend (default A 80%, B 15%, C the rest). */
  abc?: readonly TierSpec[];
  /** Also fit BG/NBD and Gamma-Gamma on the same transactions, in weeks (default false). */
  clv?: boolean;
}

const VALUE_REPORT_OPTION_KEYS = optionKeys<ValueReportOptions>({
  unit: true,
  rfm: true,
  abc: true,
  clv: true,
  observationDate: true,
  negativeAmounts: true,
  afterObservation: true,
  recentWindow: true,
});

/**
 * Summarises a transaction log, scores RFM, tiers customers by ABC and, with `clv: true`, fits BG/NBD
 * (on repeat purchases, t_x and T in weeks) and Gamma-Gamma (on the customers with repeat purchases and
 * their mean repeat spend; customers whose repeat purchases are all worth 0 are left out of that fit,
 * as the model needs a positive mean). Customers whose first purchase is on the observation day (T = 0)
 * are left out of the BG/NBD fit: their likelihood is 1 whatever the parameters.
 *
 * @param log - the transactions.
 * @param options - see {@link ValueReportOptions}.
 * @returns `{ customers, rows }`, with `bgnbd` and `gammaGamma` when `clv` is true.
 * @throws the typed errors of {@link summarizeCustomers}, {@link rfmAnalysis}, {@link abcClassify} and the fits.
 *
 * @example
 * ```ts
 * import { customerValueReport, parseTransactionLog } from 'crm-mining';
 * const log = await parseTransactionLog(
 *   'customer,date,amount\nann,2024-01-05,120\nbob,2024-01-09,35\nann,2024-02-20,80\ncid,2024-03-01,15\nbob,2024-03-28,40\n',
 *   { customer: 'customer', date: 'date', amount: 'amount' },
 * );
 * const report = customerValueReport(log, { observationDate: '2024-03-31', rfm: { bins: 3 } });
 * for (const row of report.rows) console.log(row.customer, `${row.r}${row.f}${row.m}`, row.segment, row.abc);
 * // ann 123 Lost A
 * // bob 322 About to sleep B
 * // cid 211 Hibernating C
 * ```
 */
export function customerValueReport(log: TransactionLog, options: ValueReportOptions = {}): ValueReport {
  rejectUnknownOptions(options, VALUE_REPORT_OPTION_KEYS, 'customerValueReport');
  const { rfm: rfmOpts, abc: abcTiers, clv, ...summaryOpts } = options;
  const summary = summarizeCustomers(log, summaryOpts);
  const rfm = rfmAnalysis(summary, rfmOpts ?? {});
  const abc = abcClassify(summary.monetaryTotal, abcTiers ?? DEFAULT_ABC_TIERS);
  const rows: ValueReportRow[] = new Array(summary.size);
  for (let i = 0; i < summary.size; i++) {
    rows[i] = {
      customer: summary.customers[i],
      recency: summary.recency[i],
      frequency: summary.frequency[i],
      monetary: summary.monetaryTotal[i],
      r: rfm.r[i],
      f: rfm.f[i],
      m: rfm.m[i],
      segment: rfm.segment[i],
      abc: abc.tier[i],
    };
  }
  const report: ValueReport = { customers: summary.size, rows };
  if (clv) {
    const weeks = summarizeCustomers(log, { ...summaryOpts, unit: 'weeks', observationDate: summaryOpts.observationDate ?? isoDay(summary.observationDay) });
    // A customer whose first purchase is on the observation day has x = 0, t_x = 0 and T = 0: their
    // likelihood (α / (α + T))^r is 1 whatever the parameters, so they carry no information and are left
    // out of the fit (the model itself needs T > 0). The default observation day, the last purchase in the
    // log, makes such customers common.
    let informative = 0;
    for (let i = 0; i < weeks.size; i++) if (weeks.T[i] > 0) informative++;
    let bgData = { frequency: weeks.repeatFrequency as ArrayLike<number>, recency: weeks.tX as ArrayLike<number>, T: weeks.T as ArrayLike<number> };
    if (informative < weeks.size) {
      const frequency = new Int32Array(informative);
      const recency = new Float64Array(informative);
      const T = new Float64Array(informative);
      for (let i = 0, k = 0; i < weeks.size; i++) {
        if (!(weeks.T[i] > 0)) continue;
        frequency[k] = weeks.repeatFrequency[i];
        recency[k] = weeks.tX[i];
        T[k++] = weeks.T[i];
      }
      bgData = { frequency, recency, T };
    }
    const model = fitBgNbd(bgData);
    report.bgnbd = model.toJSON();
    // customers whose repeat purchases are all worth 0 carry no information on spend; leave them out
    const ggFrequency = Int32Array.from(weeks.repeatFrequency);
    for (let i = 0; i < ggFrequency.length; i++) if (!(weeks.repeatMonetaryMean[i] > 0)) ggFrequency[i] = 0;
    const gg = fitGammaGamma({ frequency: ggFrequency, monetary: weeks.repeatMonetaryMean });
    report.gammaGamma = { p: gg.p, q: gg.q, v: gg.v };
  }
  return report;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Column names of a summary table for {@link fitClvFromTable}.
 *
 * @example
 * ```ts
 * import { fitClvFromTable, readCsv, type ClvFitColumns } from 'crm-mining';
 * // cdnow_customers_summary_with_transactions.csv has columns ID, x, t_x, T, zbar (weeks and dollars).
 * const table = await readCsv('cdnow_customers_summary_with_transactions.csv');
 * const columns: ClvFitColumns = { frequency: 'x', recency: 't_x', T: 'T', monetary: 'zbar' };
 * const fit = fitClvFromTable(table, columns);
 * const { p, q, v } = fit.gammaGamma!;
 * console.log(p.toFixed(4), q.toFixed(4), v.toFixed(4)); // 6.2488 3.7446 15.4477
 * ```
 */
export interface ClvFitColumns {
  /** Repeat purchases column (x). */
  frequency: string;
  /** Recency column (t_x). */
  recency: string;
  /** Tenure column (T). */
  T: string;
  /** Mean repeat spend column (z̄); when given, Gamma-Gamma is fitted too (default none). */
  monetary?: string;
}

function numericColumn(table: DataTable, name: string, option: string): Float64Array {
  if (!table.hasColumn(name)) {
    throw new InvalidOptionError(option, `no column named ${JSON.stringify(name)}; the columns are ${table.columnNames.map((n) => `"${n}"`).join(', ')}`);
  }
  const values = table.column(name).values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const num = typeof v === 'number' ? v : typeof v === 'string' ? parseDecimal(v) : undefined;
    if (num === undefined || !Number.isFinite(num)) {
      throw new InvalidInputError(`row ${i}, column "${name}": expected a number, got ${JSON.stringify(v)}`, { row: i, field: name });
    }
    out[i] = num;
  }
  return out;
}

/**
 * Fits BG/NBD (and Gamma-Gamma when a monetary column is named) from a per-customer summary table such
 * as `cdnow_customers_summary.csv`.
 *
 * @param table - the summary table (numbers or numeric text).
 * @param columns - see {@link ClvFitColumns}.
 * @returns `{ bgnbd: { r, alpha, a, b, logLikelihood }, gammaGamma?: { p, q, v } }`.
 * @throws InvalidOptionError for an unknown column; InvalidInputError naming the row of a bad value.
 *
 * @example
 * ```ts
 * import { fitClvFromTable, readCsv } from 'crm-mining';
 * const table = await readCsv('cdnow_customers_summary.csv'); // ID, frequency, recency, T (weeks)
 * const { bgnbd } = fitClvFromTable(table, { frequency: 'frequency', recency: 'recency', T: 'T' });
 * console.log(bgnbd.r.toFixed(5), bgnbd.alpha.toFixed(5), bgnbd.a.toFixed(5), bgnbd.b.toFixed(5)); // 0.24259 4.41353 0.79289 2.42575
 * console.log((-bgnbd.logLikelihood).toFixed(4)); // 9582.4256
 * ```
 */
export function fitClvFromTable(table: DataTable, columns: ClvFitColumns): ClvFit {
  const frequency = numericColumn(table, columns.frequency, 'frequency');
  const recency = numericColumn(table, columns.recency, 'recency');
  const T = numericColumn(table, columns.T, 'T');
  const result: ClvFit = { bgnbd: fitBgNbd({ frequency, recency, T }).toJSON() };
  if (columns.monetary !== undefined) {
    const monetary = numericColumn(table, columns.monetary, 'monetary');
    const gg = fitGammaGamma({ frequency, monetary });
    result.gammaGamma = { p: gg.p, q: gg.q, v: gg.v };
  }
  return result;
}
