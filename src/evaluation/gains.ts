/**
 * Cumulative gains and lift by group (decile by default): the table a retention marketer reads to decide
 * how many of the highest-scored customers to contact.
 *
 * @module
 */
import { optionKeys, rejectUnknownOptions, requireInteger } from '../core/validate.js';
import { binaryTargets, checkScores, requireNonEmpty, type BinaryMetricOptions, type LabelVector, type NumericVector } from './labels.js';
import { InvalidInputError } from '../core/errors.js';

/**
 * One group (decile) of a {@link gainsTable}, groups ordered from the highest scores down.
 *
 * @example
 * ```ts
 * import { gainsTable, type GainsRow } from 'crm-mining';
 * declare const churned: boolean[];
 * declare const risk: Float64Array;
 * const deciles: GainsRow[] = gainsTable(churned, risk);
 * // the smallest share of customers to contact to reach 80% of the churners
 * const enough = deciles.find((row) => row.gain >= 0.8);
 * console.log(enough?.cumulativeShare, enough?.cumulativeLift);
 * ```
 */
export interface GainsRow {
  /** 1 for the highest-scored group. */
  readonly group: number;
  /** Samples in this group. */
  readonly count: number;
  /** Positives in this group. */
  readonly positives: number;
  /** Positive rate in this group: positives / count. */
  readonly rate: number;
  /** Lift of this group alone: rate / overall positive rate. */
  readonly lift: number;
  /** Samples in groups 1..this one. */
  readonly cumulativeCount: number;
  /** Positives in groups 1..this one. */
  readonly cumulativePositives: number;
  /** Fraction of all samples in groups 1..this one (the x axis of a gains chart). */
  readonly cumulativeShare: number;
  /** Gain: fraction of all positives captured by groups 1..this one (the y axis of a gains chart). */
  readonly gain: number;
  /** Cumulative lift: gain / cumulativeShare, how many times better than contacting at random. */
  readonly cumulativeLift: number;
}

/**
 * Options of {@link gainsTable}.
 *
 * @example
 * ```ts
 * import { gainsTable, type GainsOptions } from 'crm-mining';
 * const options: GainsOptions = { groups: 4, positive: 'yes' };
 * const rows = gainsTable(['yes', 'no', 'yes', 'no', 'no', 'no', 'no', 'no'], [8, 7, 6, 5, 4, 3, 2, 1], options);
 * console.log(rows.map((r) => r.lift)); // [ 2, 2, 0, 0 ]
 * ```
 */
export interface GainsOptions extends Omit<BinaryMetricOptions, 'sampleWeight'> {
  /** The number of groups (default 10: deciles). */
  groups?: number;
}

const GAINS_OPTION_KEYS = optionKeys<GainsOptions>({ positive: true, groups: true });

/**
 * Cumulative gains and lift: samples sorted by decreasing score (ties in input order) and cut into
 * `groups` groups of equal size (the first `n mod groups` groups hold one extra sample); for each group its
 * positive rate and lift, and the cumulative share of positives captured (gain) and cumulative lift.
 *
 * @throws InvalidInputError when there are fewer samples than groups, no positive sample, or a bad score.
 *
 * @example
 * ```ts
 * import { gainsTable } from 'crm-mining';
 * const churned = [1, 1, 0, 1, 0, 0, 0, 1, 0, 0];
 * const risk = [0.9, 0.8, 0.75, 0.7, 0.5, 0.4, 0.3, 0.25, 0.2, 0.1];
 * const rows = gainsTable(churned, risk, { groups: 5 });
 * // contacting the top 40% reaches 3 of the 4 churners
 * console.log(rows[1].cumulativeShare, rows[1].gain, rows[1].cumulativeLift); // 0.4 0.75 1.875
 * ```
 */
export function gainsTable(labels: LabelVector, scores: NumericVector, options: GainsOptions = {}): GainsRow[] {
  rejectUnknownOptions(options, GAINS_OPTION_KEYS, 'gainsTable');
  const groups = requireInteger('groups', options.groups ?? 10, 1, 1_000_000);
  const n = labels.length;
  requireNonEmpty(n);
  const y = binaryTargets(labels, options.positive);
  const s = checkScores(scores, n);
  if (n < groups) throw new InvalidInputError(`labels: ${n} samples are fewer than the ${groups} groups asked for`, { field: 'labels' });
  let totalPos = 0;
  for (let i = 0; i < n; i++) totalPos += y[i];
  if (totalPos === 0) throw new InvalidInputError('labels: no positive samples; gains need at least one', { field: 'labels' });
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => s[b] - s[a] || a - b);
  const base = totalPos / n;
  const size = Math.floor(n / groups);
  const extra = n % groups;
  const rows: GainsRow[] = [];
  let k = 0;
  let cumCount = 0;
  let cumPos = 0;
  for (let g = 0; g < groups; g++) {
    const count = size + (g < extra ? 1 : 0);
    let pos = 0;
    for (let t = 0; t < count; t++) pos += y[order[k++]];
    cumCount += count;
    cumPos += pos;
    const rate = pos / count;
    const share = cumCount / n;
    const gain = cumPos / totalPos;
    rows.push({
      group: g + 1,
      count,
      positives: pos,
      rate,
      lift: rate / base,
      cumulativeCount: cumCount,
      cumulativePositives: cumPos,
      cumulativeShare: share,
      gain,
      cumulativeLift: gain / share,
    });
  }
  return rows;
}
