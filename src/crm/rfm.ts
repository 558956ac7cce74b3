/**
 * RFM analysis: recency, frequency and monetary scores per customer, by quantiles or by band tables
 * (with the textbook's airline table as a preset), named segments from the scores, and demographic
 * columns carried along (RFMD).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import type { CellValue, DataRecord } from '../data/table.js';
import { DataTable } from '../data/table.js';
import { rankPositions } from './ranking.js';
import { DAYS_PER_UNIT } from './summary.js';
import type { CustomerSummary, TimeUnit } from './summary.js';
import { describe, optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * Options of {@link quantileScores}.
 *
 * @example
 * ```ts
 * import { quantileScores, type QuantileScoreOptions } from 'crm-mining';
 * // Recency in days: fewer days since the last purchase is better, so it scores higher.
 * const options: QuantileScoreOptions = { bins: 3, direction: 'lower' };
 * console.log(Array.from(quantileScores([5, 40, 200, 12, 90, 365], options))); // [3, 2, 1, 3, 2, 1]
 * ```
 */
export interface QuantileScoreOptions {
  /** Number of scores, 1..bins (default 5); at least 2. */
  bins?: number;
  /** `'higher'`: larger values get higher scores (frequency, monetary); `'lower'`: smaller values do (recency) (default `'higher'`). */
  direction?: 'higher' | 'lower';
  /**
   * How tied values are scored (default `'average'`):
   * `'average'`: every value of a tie group gets the score of the group's average position, so equal
   * values always share a score (bins may then hold unequal numbers of customers);
   * `'first'`: ties are broken by input order (the earlier row ranks lower), giving bins as equal as
   * possible but different scores to equal values.
   */
  ties?: 'average' | 'first';
}

function checkValues(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
      throw new InvalidInputError(`${name}: row ${i} has ${String(values[i])}, expected a finite number`, { row: i, field: name });
    }
  }
}

/**
 * Quantile scores 1..bins. The values are ordered (ascending for `'higher'`, descending for `'lower'`;
 * equal values by input order); the value at 0-based position p of n gets score ⌊p · bins / n⌋ + 1, where
 * under `ties: 'average'` p is the average position of its tie group.
 *
 * Cost: O(n log n).
 *
 * @param values - one value per customer.
 * @param options - see {@link QuantileScoreOptions}.
 * @param name - the name used in error messages (default `'values'`).
 * @returns the scores, in input order (no values give no scores: an empty array).
 * @throws InvalidOptionError for a bad option; InvalidInputError naming the row of a non-finite value.
 *
 * @example
 * ```ts
 * import { quantileScores } from 'crm-mining';
 * const purchases = [1, 1, 1, 2, 5, 9];
 * console.log(Array.from(quantileScores(purchases, { bins: 3 }))); // [1, 1, 1, 2, 3, 3]: ties share a score
 * console.log(Array.from(quantileScores(purchases, { bins: 3, ties: 'first' }))); // [1, 1, 2, 2, 3, 3]
 * ```
 */
export function quantileScores(values: ArrayLike<number>, options: QuantileScoreOptions = {}, name = 'values'): Int32Array {
  const bins = options.bins ?? 5;
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new InvalidOptionError('bins', `expected an integer in [2, 100], got ${String(bins)}`);
  const direction = options.direction ?? 'higher';
  if (direction !== 'higher' && direction !== 'lower') throw new InvalidOptionError('direction', `expected 'higher' or 'lower', got ${JSON.stringify(direction)}`);
  const ties = options.ties ?? 'average';
  if (ties !== 'average' && ties !== 'first') throw new InvalidOptionError('ties', `expected 'average' or 'first', got ${JSON.stringify(ties)}`);
  checkValues(values, name);
  const n = values.length;
  const { position, tieStart, tieEnd } = rankPositions(values, direction === 'lower');
  const scores = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = ties === 'average' ? (tieStart[i] + tieEnd[i]) / 2 : position[i];
    scores[i] = Math.min(bins, Math.floor((p * bins) / n) + 1);
  }
  return scores;
}

/**
 * One band of a band table: values in the interval between `min` and `max` get `score`. Each end is
 * stated explicitly as included or not; the default is the half-open interval [min, max).
 *
 * @example
 * ```ts
 * import { bandScores, type ScoreBand } from 'crm-mining';
 * // Bands are half-open [min, max) unless stated otherwise.
 * const bands: ScoreBand[] = [
 *   { score: 1, max: 100, label: 'under 100' },
 *   { score: 2, min: 100, max: 500 },
 *   { score: 3, min: 500, label: '500 and more' },
 * ];
 * console.log(Array.from(bandScores([99.99, 100, 499, 500, 12_000], bands))); // [1, 2, 2, 3, 3]
 * ```
 */
export interface ScoreBand {
  /** The score given to values in this band (an integer). */
  score: number;
  /** Lower end (default `-Infinity`). */
  min?: number;
  /** Upper end (default `Infinity`). */
  max?: number;
  /** Whether `min` itself is in the band (default true). */
  includeMin?: boolean;
  /** Whether `max` itself is in the band (default false). */
  includeMax?: boolean;
  /** A human-readable description, e.g. `'1–3 months'` (default none). */
  label?: string;
}

interface ResolvedBand {
  score: number;
  min: number;
  max: number;
  includeMin: boolean;
  includeMax: boolean;
}

function resolveBands(bands: readonly ScoreBand[], option: string): ResolvedBand[] {
  if (!Array.isArray(bands) || bands.length === 0) throw new InvalidOptionError(option, 'expected a non-empty array of bands');
  const out = bands.map((b, i) => {
    const r: ResolvedBand = {
      score: b.score,
      min: b.min ?? -Infinity,
      max: b.max ?? Infinity,
      includeMin: b.includeMin ?? true,
      includeMax: b.includeMax ?? false,
    };
    if (!Number.isInteger(r.score)) throw new InvalidOptionError(`${option}[${i}].score`, `expected an integer, got ${String(b.score)}`);
    if (Number.isNaN(r.min) || Number.isNaN(r.max) || r.min > r.max || (r.min === r.max && !(r.includeMin && r.includeMax))) {
      throw new InvalidOptionError(`${option}[${i}]`, `the interval from ${r.min} to ${r.max} is empty or invalid`);
    }
    return r;
  });
  const sorted = out.map((b, i) => ({ b, i })).sort((x, y) => x.b.min - y.b.min || Number(y.b.includeMin) - Number(x.b.includeMin));
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1].b;
    const b = sorted[k].b;
    if (a.max > b.min || (a.max === b.min && a.includeMax && b.includeMin)) {
      throw new InvalidOptionError(option, `bands ${sorted[k - 1].i} and ${sorted[k].i} overlap`);
    }
  }
  return out;
}

function inBand(v: number, b: ResolvedBand): boolean {
  return (b.includeMin ? v >= b.min : v > b.min) && (b.includeMax ? v <= b.max : v < b.max);
}

/**
 * Scores values by a band table.
 *
 * @param values - one value per customer.
 * @param bands - non-overlapping bands; see {@link ScoreBand}.
 * @param name - the dimension's name, used in error messages (default `'values'`).
 * @returns the scores, in input order.
 * @throws InvalidOptionError when bands overlap or are empty; InvalidInputError naming the row when a
 *   value falls in no band or is not finite.
 *
 * @example
 * ```ts
 * import { AIRLINE_RFM_BANDS, InvalidInputError, bandScores } from 'crm-mining';
 * // Months since the last flight, scored by the airline table: [0, 1] → 5, (1, 3] → 4, …
 * console.log(Array.from(bandScores([0.5, 1, 2, 7, 18], AIRLINE_RFM_BANDS.recency, 'recency'))); // [5, 5, 4, 2, 1]
 * try {
 *   bandScores([-1], AIRLINE_RFM_BANDS.recency, 'recency');
 * } catch (e) {
 *   console.log(e instanceof InvalidInputError, (e as Error).message); // true recency: row 0 has -1, which is in no band
 * }
 * ```
 */
export function bandScores(values: ArrayLike<number>, bands: readonly ScoreBand[], name = 'values'): Int32Array {
  const rb = resolveBands(bands, `${name} bands`);
  checkValues(values, name);
  const n = values.length;
  const scores = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let found = -1;
    for (let k = 0; k < rb.length; k++) {
      if (inBand(v, rb[k])) {
        found = k;
        break;
      }
    }
    if (found < 0) throw new InvalidInputError(`${name}: row ${i} has ${v}, which is in no band`, { row: i, field: name });
    scores[i] = rb[found].score;
  }
  return scores;
}

/**
 * Band tables for the three RFM dimensions, with the units they expect.
 *
 * @example
 * ```ts
 * import { rfmAnalysis, summarizeCustomers, transactionLogFromRecords, type RfmBandTable } from 'crm-mining';
 * // A two-level table: recent (≤ 30 days) or not, repeat buyer or not, big spender (≥ 100) or not.
 * const bands: RfmBandTable = {
 *   recency: [{ score: 2, min: 0, max: 30, includeMax: true }, { score: 1, min: 30, includeMin: false }],
 *   frequency: [{ score: 1, max: 2 }, { score: 2, min: 2 }],
 *   monetary: [{ score: 1, max: 100 }, { score: 2, min: 100 }],
 * };
 * const log = transactionLogFromRecords(
 *   [{ c: 'a', d: '2024-05-01', x: 80 }, { c: 'a', d: '2024-05-25', x: 70 }, { c: 'b', d: '2024-03-01', x: 20 }],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const rfm = rfmAnalysis(summarizeCustomers(log, { observationDate: '2024-05-31' }), { method: 'bands', bands });
 * console.log(rfm.cell); // ['222', '111']
 * ```
 */
export interface RfmBandTable {
  /** Recency bands, for recency in `recencyUnit`s. */
  recency: readonly ScoreBand[];
  /** Frequency bands. */
  frequency: readonly ScoreBand[];
  /** Monetary bands. */
  monetary: readonly ScoreBand[];
}

/**
 * The textbook's airline RFM table, with its gaps closed by explicit half-open intervals:
 *
 * - R, months since the last purchase: [0, 1] → 5; (1, 3] → 4; (3, 6] → 3; (6, 12] → 2; more than 12 → 1.
 * - F, purchases in the last 24 months: [0, 2) → 1; [2, 6) → 2; [6, 11) → 3; [11, 24) → 4; 24 or more → 5
 *   (the source's "11–23" and "more than 24" leave 24 itself out; it scores 5 here).
 * - M, average spend: up to 500 → 1; (500, 1000] → 2; (1000, 3000] → 3; (3000, 5000] → 4; above 5000 → 5
 *   (the source's "up to 500" and "501–1000" leave the values strictly between 500 and 501 out; they score 2).
 *
 * @example
 * ```ts
 * import { AIRLINE_RFM_BANDS } from 'crm-mining';
 * for (const band of AIRLINE_RFM_BANDS.frequency) console.log(band.score, band.label);
 * // 1 fewer than 2
 * // 2 2–5
 * // 3 6–10
 * // 4 11–23
 * // 5 24 or more
 * ```
 */
export const AIRLINE_RFM_BANDS: RfmBandTable = Object.freeze({
  recency: Object.freeze([
    { score: 5, min: 0, max: 1, includeMin: true, includeMax: true, label: 'within 1 month' },
    { score: 4, min: 1, max: 3, includeMin: false, includeMax: true, label: '1–3 months' },
    { score: 3, min: 3, max: 6, includeMin: false, includeMax: true, label: '3–6 months' },
    { score: 2, min: 6, max: 12, includeMin: false, includeMax: true, label: '6–12 months' },
    { score: 1, min: 12, max: Infinity, includeMin: false, includeMax: false, label: 'more than 12 months' },
  ]),
  frequency: Object.freeze([
    { score: 1, min: 0, max: 2, label: 'fewer than 2' },
    { score: 2, min: 2, max: 6, label: '2–5' },
    { score: 3, min: 6, max: 11, label: '6–10' },
    { score: 4, min: 11, max: 24, label: '11–23' },
    { score: 5, min: 24, max: Infinity, label: '24 or more' },
  ]),
  monetary: Object.freeze([
    { score: 1, min: -Infinity, max: 500, includeMin: false, includeMax: true, label: 'up to 500' },
    { score: 2, min: 500, max: 1000, includeMin: false, includeMax: true, label: '501–1000' },
    { score: 3, min: 1000, max: 3000, includeMin: false, includeMax: true, label: '1001–3000' },
    { score: 4, min: 3000, max: 5000, includeMin: false, includeMax: true, label: '3001–5000' },
    { score: 5, min: 5000, max: Infinity, includeMin: false, includeMax: false, label: 'above 5000' },
  ]),
}) as RfmBandTable;

/**
 * A segment rule: customers whose scores lie in every given inclusive range get `segment`. Rules are
 * tried in order; the first match wins.
 *
 * @example
 * ```ts
 * import { rfmSegments, type SegmentRule } from 'crm-mining';
 * const rules: SegmentRule[] = [
 *   { segment: 'Big spenders', m: [5, 5] },
 *   { segment: 'Active', r: [4, 5] },
 * ];
 * console.log(rfmSegments([5, 2, 1], [3, 3, 1], [5, 4, 1], rules, 'Rest')); // ['Big spenders', 'Rest', 'Rest']
 * ```
 */
export interface SegmentRule {
  /** The segment's name. */
  segment: string;
  /** Inclusive range of the R score (default: any). */
  r?: readonly [number, number];
  /** Inclusive range of the F score (default: any). */
  f?: readonly [number, number];
  /** Inclusive range of the M score (default: any). */
  m?: readonly [number, number];
}

/**
 * The default segment map, on the R × F grid of 1..5 scores (M is not used). It covers all 25 cells:
 *
 * | R \ F | 1 | 2 | 3 | 4 | 5 |
 * |---|---|---|---|---|---|
 * | 5 | New customers | Potential loyalists | Potential loyalists | Champions | Champions |
 * | 4 | Promising | Potential loyalists | Potential loyalists | Loyal | Loyal |
 * | 3 | About to sleep | About to sleep | Need attention | Loyal | Loyal |
 * | 2 | Hibernating | Hibernating | At risk | At risk | Can't lose them |
 * | 1 | Lost | Lost | At risk | At risk | Can't lose them |
 *
 * @example
 * ```ts
 * import { DEFAULT_RFM_SEGMENTS, rfmSegments } from 'crm-mining';
 * console.log(DEFAULT_RFM_SEGMENTS.length, DEFAULT_RFM_SEGMENTS[0]); // 11 { segment: 'Champions', r: [5, 5], f: [4, 5] }
 * // Put a high-value rule in front of the defaults: the first matching rule wins.
 * const rules = [{ segment: 'Whales', m: [5, 5] as const }, ...DEFAULT_RFM_SEGMENTS];
 * console.log(rfmSegments([5, 5], [5, 5], [5, 3], rules)); // ['Whales', 'Champions']
 * ```
 */
export const DEFAULT_RFM_SEGMENTS: readonly SegmentRule[] = Object.freeze([
  { segment: 'Champions', r: [5, 5], f: [4, 5] },
  { segment: 'Loyal', r: [3, 4], f: [4, 5] },
  { segment: 'Potential loyalists', r: [4, 5], f: [2, 3] },
  { segment: 'New customers', r: [5, 5], f: [1, 1] },
  { segment: 'Promising', r: [4, 4], f: [1, 1] },
  { segment: 'Need attention', r: [3, 3], f: [3, 3] },
  { segment: 'About to sleep', r: [3, 3], f: [1, 2] },
  { segment: "Can't lose them", r: [1, 2], f: [5, 5] },
  { segment: 'At risk', r: [1, 2], f: [3, 4] },
  { segment: 'Hibernating', r: [2, 2], f: [1, 2] },
  { segment: 'Lost', r: [1, 1], f: [1, 2] },
] as const);

function matches(range: readonly [number, number] | undefined, v: number): boolean {
  return range === undefined || (v >= range[0] && v <= range[1]);
}

/**
 * Names a segment per customer from its R, F and M scores.
 *
 * @param r - R scores.
 * @param f - F scores.
 * @param m - M scores.
 * @param rules - ordered rules, first match wins (default {@link DEFAULT_RFM_SEGMENTS}).
 * @param otherLabel - the segment of customers no rule matches (default `'Other'`).
 * @returns one segment name per customer.
 * @throws InvalidInputError when the arrays differ in length, or naming the array and row of a score
 *   that is not a finite number.
 *
 * @example
 * ```ts
 * import { rfmSegments } from 'crm-mining';
 * const r = [5, 1, 3, 2];
 * const f = [5, 1, 3, 5];
 * const m = [4, 2, 3, 5];
 * console.log(rfmSegments(r, f, m)); // ['Champions', 'Lost', 'Need attention', "Can't lose them"]
 * ```
 */
export function rfmSegments(
  r: ArrayLike<number>,
  f: ArrayLike<number>,
  m: ArrayLike<number>,
  rules: readonly SegmentRule[] = DEFAULT_RFM_SEGMENTS,
  otherLabel = 'Other',
): string[] {
  if (r.length !== f.length || r.length !== m.length) {
    throw new InvalidInputError(`the score arrays differ in length (r ${r.length}, f ${f.length}, m ${m.length})`);
  }
  if (!Array.isArray(rules)) throw new InvalidOptionError('segments', 'expected an array of segment rules');
  // a score that is not a finite number would match no rule and land in the other segment in silence
  checkValues(r, 'r');
  checkValues(f, 'f');
  checkValues(m, 'm');
  const out: string[] = new Array(r.length);
  for (let i = 0; i < r.length; i++) {
    let name = otherLabel;
    for (const rule of rules) {
      if (matches(rule.r, r[i]) && matches(rule.f, f[i]) && matches(rule.m, m[i])) {
        name = rule.segment;
        break;
      }
    }
    out[i] = name;
  }
  return out;
}

/**
 * Demographic columns to carry along (RFMD).
 *
 * @example
 * ```ts
 * import { DataTable, rfmAnalysis, summarizeCustomers, transactionLogFromRecords, type RfmDemographics } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [{ c: 'c1', d: '2024-01-02', x: 30 }, { c: 'c2', d: '2024-01-09', x: 90 }],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const people = DataTable.fromRecords([{ id: 'c1', age: 34, region: 'north' }, { id: 'c2', age: 58, region: 'south' }]);
 * const demographics: RfmDemographics = { table: people, key: 'id', columns: ['region'] };
 * const rfm = rfmAnalysis(summarizeCustomers(log), { bins: 2, demographics });
 * console.log(rfm.demographics); // [{ region: 'north' }, { region: 'south' }]
 * ```
 */
export interface RfmDemographics {
  /** The table with one row per customer. */
  table: DataTable;
  /** The column holding the customer id (compared as text). */
  key: string;
  /** The columns to carry (default: all but `key`). */
  columns?: readonly string[];
}

/**
 * Options of {@link rfmAnalysis}.
 *
 * @example
 * ```ts
 * import { rfmAnalysis, summarizeCustomers, transactionLogFromRecords, type RfmOptions } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [
 *     { c: 'a', d: '2024-01-03', x: 20 },
 *     { c: 'b', d: '2024-02-14', x: 300 },
 *     { c: 'a', d: '2024-03-01', x: 25 },
 *     { c: 'c', d: '2024-03-20', x: 60 },
 *   ],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * // Terciles, average spend per purchase instead of total spend.
 * const options: RfmOptions = { bins: 3, monetary: 'mean', ties: 'first' };
 * const rfm = rfmAnalysis(summarizeCustomers(log, { observationDate: '2024-03-31' }), options);
 * console.log(rfm.customers, rfm.cell); // ['a', 'b', 'c'] ['231', '113', '322']
 * ```
 */
export interface RfmOptions {
  /** `'quantile'` scores or `'bands'` (band tables) (default `'quantile'`). */
  method?: 'quantile' | 'bands';
  /** Number of quantile scores (default 5). */
  bins?: number;
  /** Tie rule of the quantile scores (default `'average'`); see {@link QuantileScoreOptions.ties}. */
  ties?: 'average' | 'first';
  /** Band tables, required when `method` is `'bands'` (default none; e.g. {@link AIRLINE_RFM_BANDS}). */
  bands?: RfmBandTable;
  /** Unit in which recency is scored (default: the summary's unit). */
  recencyUnit?: TimeUnit;
  /** Frequency scored: `'all'` purchases or those in the summary's `'recent'` window (default `'all'`). */
  frequency?: 'all' | 'recent';
  /** Monetary value scored: `'total'` spend or `'mean'` spend per purchase (default `'total'`). */
  monetary?: 'total' | 'mean';
  /** Segment rules (default {@link DEFAULT_RFM_SEGMENTS}). */
  segments?: readonly SegmentRule[];
  /** Segment for customers no rule matches (default `'Other'`). */
  otherSegment?: string;
  /** Demographic columns to carry along (RFMD) (default none). */
  demographics?: RfmDemographics;
}

const RFM_OPTION_KEYS = optionKeys<RfmOptions>({
  method: true,
  bins: true,
  ties: true,
  bands: true,
  recencyUnit: true,
  frequency: true,
  monetary: true,
  segments: true,
  otherSegment: true,
  demographics: true,
});

/**
 * The textbook's airline scoring as {@link rfmAnalysis} options: bands {@link AIRLINE_RFM_BANDS},
 * recency in months, frequency in the summary's recent window (24 months by default), monetary as the
 * average spend.
 *
 * @example
 * ```ts
 * import { AIRLINE_RFM, rfmAnalysis, summarizeCustomers, transactionLogFromRecords } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [
 *     { pax: 'P1', flown: '2023-11-20', fare: 450 },
 *     { pax: 'P1', flown: '2024-02-10', fare: 620 },
 *     { pax: 'P2', flown: '2022-12-01', fare: 3900 },
 *   ],
 *   { customer: 'pax', date: 'flown', amount: 'fare' },
 * );
 * const rfm = rfmAnalysis(summarizeCustomers(log, { observationDate: '2024-03-01' }), AIRLINE_RFM);
 * console.log(rfm.cell); // ['522', '114']: P1 flew within a month, twice, 535 on average
 * ```
 */
export const AIRLINE_RFM: Readonly<RfmOptions> = Object.freeze({
  method: 'bands',
  bands: AIRLINE_RFM_BANDS,
  recencyUnit: 'months',
  frequency: 'recent',
  monetary: 'mean',
});

/**
 * The result of {@link rfmAnalysis}; entry `i` of every array belongs to `customers[i]`.
 *
 * @example
 * ```ts
 * import { rfmAnalysis, summarizeCustomers, transactionLogFromRecords, type RfmResult } from 'crm-mining';
 * const log = transactionLogFromRecords(
 *   [{ c: 'x', d: '2024-04-01', x: 10 }, { c: 'y', d: '2024-04-20', x: 50 }, { c: 'y', d: '2024-04-28', x: 50 }],
 *   { customer: 'c', date: 'd', amount: 'x' },
 * );
 * const rfm: RfmResult = rfmAnalysis(summarizeCustomers(log), { bins: 2 });
 * // The raw values scored sit next to the scores: y bought twice, 100 in total, on the last day of the log.
 * console.log(rfm.frequency[1], rfm.monetary[1], rfm.recency[1], rfm.cell[1]); // 2 100 0 222
 * ```
 */
export interface RfmResult {
  /** Customer ids (as in the summary). */
  customers: readonly string[];
  /** The recency scored, in `recencyUnit`s. */
  recency: Float64Array;
  /** The frequency scored. */
  frequency: Float64Array;
  /** The monetary value scored. */
  monetary: Float64Array;
  /** R scores. */
  r: Int32Array;
  /** F scores. */
  f: Int32Array;
  /** M scores. */
  m: Int32Array;
  /** The RFM cell, e.g. `'545'` (R, F, M digits; scores above 9 are written in full, separated by dots). */
  cell: string[];
  /** Segment names. */
  segment: string[];
  /** RFMD: the carried demographic fields per customer (`null` where the customer is not in the table). */
  demographics?: DataRecord[];
}

/** Rejects what is not a {@link CustomerSummary} before its arrays are indexed (an undefined column would read as NaN). */
function checkSummaryShape(summary: unknown): void {
  const s = summary as Partial<CustomerSummary> | null;
  const fields = ['lastDay', 'frequency', 'recentFrequency', 'monetaryTotal', 'monetaryMean'] as const;
  const ok =
    s !== null &&
    typeof s === 'object' &&
    Number.isInteger(s.size) &&
    Array.isArray(s.customers) &&
    s.customers.length === s.size &&
    Number.isFinite(s.observationDay) &&
    fields.every((f) => (s[f] as ArrayLike<number> | undefined)?.length === s.size);
  if (!ok) {
    throw new InvalidInputError(`summary: expected a CustomerSummary from summarizeCustomers, got ${describe(summary)}`, { field: 'summary' });
  }
}

/**
 * RFM analysis of a customer summary: the three values, their scores, the RFM cell and a segment.
 *
 * @param summary - from {@link summarizeCustomers}.
 * @param options - see {@link RfmOptions}; {@link AIRLINE_RFM} gives the airline table.
 * @returns the scores.
 * @throws InvalidOptionError for a bad option (for example `'bands'` without band tables);
 *   InvalidInputError when `summary` is not a CustomerSummary, or naming the row when a value falls in no band.
 *
 * @example
 * ```ts
 * import { rfmAnalysis, summarizeCustomers, transactionLogFromRecords } from 'crm-mining';
 * const rows = [
 *   ['c1', '2024-01-05', 120], ['c1', '2024-03-28', 80], ['c2', '2023-10-11', 35],
 *   ['c3', '2024-03-30', 410], ['c3', '2024-02-02', 95], ['c3', '2024-03-02', 60],
 *   ['c4', '2023-12-24', 15], ['c5', '2024-03-15', 55],
 * ].map(([customer, date, amount]) => ({ customer, date, amount }));
 * const log = transactionLogFromRecords(rows, { customer: 'customer', date: 'date', amount: 'amount' });
 * const rfm = rfmAnalysis(summarizeCustomers(log, { observationDate: '2024-03-31' })); // quintiles
 * console.log(rfm.customers.map((c, i) => `${c} ${rfm.cell[i]} ${rfm.segment[i]}`));
 * // ['c1 444 Loyal', 'c2 122 Lost', 'c3 555 Champions', 'c4 221 Hibernating', 'c5 323 About to sleep']
 * ```
 */
export function rfmAnalysis(summary: CustomerSummary, options: RfmOptions = {}): RfmResult {
  rejectUnknownOptions(options, RFM_OPTION_KEYS, 'rfmAnalysis');
  checkSummaryShape(summary);
  const method = options.method ?? 'quantile';
  if (method !== 'quantile' && method !== 'bands') throw new InvalidOptionError('method', `expected 'quantile' or 'bands', got ${JSON.stringify(method)}`);
  const n = summary.size;
  const recencyUnit = options.recencyUnit ?? summary.unit;
  if (!(recencyUnit in DAYS_PER_UNIT)) throw new InvalidOptionError('recencyUnit', `expected 'days', 'weeks', 'months' or 'years', got ${JSON.stringify(recencyUnit)}`);
  const freqKind = options.frequency ?? 'all';
  if (freqKind !== 'all' && freqKind !== 'recent') throw new InvalidOptionError('frequency', `expected 'all' or 'recent', got ${JSON.stringify(freqKind)}`);
  const monKind = options.monetary ?? 'total';
  if (monKind !== 'total' && monKind !== 'mean') throw new InvalidOptionError('monetary', `expected 'total' or 'mean', got ${JSON.stringify(monKind)}`);
  const recency = new Float64Array(n);
  const perUnit = DAYS_PER_UNIT[recencyUnit];
  for (let i = 0; i < n; i++) recency[i] = (summary.observationDay - summary.lastDay[i]) / perUnit;
  const frequency = Float64Array.from(freqKind === 'all' ? summary.frequency : summary.recentFrequency);
  const monetary = Float64Array.from(monKind === 'total' ? summary.monetaryTotal : summary.monetaryMean);
  let r: Int32Array;
  let f: Int32Array;
  let m: Int32Array;
  if (method === 'quantile') {
    const q: QuantileScoreOptions = { bins: options.bins ?? 5, ties: options.ties ?? 'average' };
    r = quantileScores(recency, { ...q, direction: 'lower' }, 'recency');
    f = quantileScores(frequency, { ...q, direction: 'higher' }, 'frequency');
    m = quantileScores(monetary, { ...q, direction: 'higher' }, 'monetary');
  } else {
    const bands = options.bands;
    if (bands === undefined || typeof bands !== 'object') throw new InvalidOptionError('bands', "band tables are required with method 'bands' (e.g. AIRLINE_RFM_BANDS)");
    r = bandScores(recency, bands.recency, 'recency');
    f = bandScores(frequency, bands.frequency, 'frequency');
    m = bandScores(monetary, bands.monetary, 'monetary');
  }
  const segment = rfmSegments(r, f, m, options.segments ?? DEFAULT_RFM_SEGMENTS, options.otherSegment ?? 'Other');
  const cell: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    cell[i] = r[i] <= 9 && f[i] <= 9 && m[i] <= 9 && r[i] >= 0 && f[i] >= 0 && m[i] >= 0 ? `${r[i]}${f[i]}${m[i]}` : `${r[i]}.${f[i]}.${m[i]}`;
  }
  const result: RfmResult = { customers: summary.customers, recency, frequency, monetary, r, f, m, cell, segment };
  if (options.demographics !== undefined) result.demographics = carryDemographics(summary.customers, options.demographics);
  return result;
}

function carryDemographics(customers: readonly string[], demo: RfmDemographics): DataRecord[] {
  if (!(demo.table instanceof DataTable)) throw new InvalidOptionError('demographics.table', 'expected a DataTable');
  if (!demo.table.hasColumn(demo.key)) throw new InvalidOptionError('demographics.key', `no column named ${JSON.stringify(demo.key)} in the demographics table`);
  const names = demo.columns ?? demo.table.columnNames.filter((c) => c !== demo.key);
  for (const c of names) {
    if (!demo.table.hasColumn(c)) throw new InvalidOptionError('demographics.columns', `no column named ${JSON.stringify(c)} in the demographics table`);
  }
  const keyVals = demo.table.column(demo.key).values;
  const index = new Map<string, number>();
  for (let i = 0; i < keyVals.length; i++) {
    const v = keyVals[i];
    if (v === null) continue;
    const k = String(v);
    if (index.has(k)) throw new InvalidInputError(`demographics: customer ${JSON.stringify(k)} appears twice (rows ${index.get(k)} and ${i})`, { row: i, field: demo.key });
    index.set(k, i);
  }
  const cols = names.map((c) => demo.table.column(c).values);
  return customers.map((id) => {
    const row = index.get(id);
    const rec: Record<string, CellValue> = {};
    for (let j = 0; j < names.length; j++) rec[names[j]] = row === undefined ? null : cols[j][row];
    return rec;
  });
}
