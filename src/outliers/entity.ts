/**
 * Per-entity baselines: the textbook's credit-card case. Each transaction's amount is compared with the
 * same account's (customer's) own earlier amounts, not with everyone's: a purchase far above what this
 * account usually spends is suspicious, while an account whose every purchase is large is normal for
 * itself and is not flagged.
 *
 * For each transaction, in time order within its entity, the baseline is the median and the MAD (median
 * absolute deviation) of that entity's earlier amounts (all of them, or the last `window`); the score is
 * the robust z-score 0.6745 · (amount − median) / MAD. When MAD = 0 the mean absolute deviation times
 * 1.253314 takes its place, and the scale is never below `minRelativeScale` × |median| (default 5 %), so an
 * account that always paid exactly the same amount still gets a finite, meaningful score. A transaction
 * whose entity has fewer than `minHistory` earlier transactions has no baseline: score 0, never flagged.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { optionKeys, rejectUnknownOptions, requireFinite, requireInteger, requireOneOf } from '../core/validate.js';
import { quantileOfSorted } from './detector.js';

/**
 * Which side of the baseline counts as anomalous.
 *
 * @example
 * ```ts
 * import { entityBaselineScores, type BaselineDirection } from 'crm-mining';
 * // 'low' flags a sudden drop, e.g. a customer whose spending collapses before churning
 * const direction: BaselineDirection = 'low';
 * const r = entityBaselineScores(['c', 'c', 'c', 'c', 'c'], [100, 104, 98, 101, 10], undefined, { minHistory: 3, direction });
 * console.log(r.flagged[4]); // 1
 * ```
 */
export type BaselineDirection = 'high' | 'low' | 'both';

/**
 * Options of {@link entityBaselineScores}.
 *
 * @example
 * ```ts
 * import { entityBaselineScores, type EntityBaselineOptions } from 'crm-mining';
 * const options: EntityBaselineOptions = { minHistory: 5, window: 20, threshold: 4, direction: 'both' };
 * const days = [1, 2, 3, 4, 5, 6];
 * const r = entityBaselineScores(['x', 'x', 'x', 'x', 'x', 'x'], [5, 6, 5, 7, 6, 60], days, options);
 * console.log(r.historyLength[5], r.flagged[5]); // 5 1
 * ```
 */
export interface EntityBaselineOptions {
  /** Earlier transactions an entity needs before its transactions are scored (default 10: a median and MAD from fewer are too noisy and raise false alarms). */
  minHistory?: number;
  /** Only the last `window` earlier transactions form the baseline (default 0: all earlier ones). */
  window?: number;
  /** A transaction is flagged when its score is above this robust z-score (default 3.5, Iglewicz & Hoaglin). */
  threshold?: number;
  /** `'high'` (default: amounts far above the baseline, the fraud case), `'low'`, or `'both'` (absolute score). */
  direction?: BaselineDirection;
  /** The baseline scale is at least this share of |median| (default 0.05). */
  minRelativeScale?: number;
}

const ENTITY_BASELINE_OPTION_KEYS = optionKeys<EntityBaselineOptions>({
  minHistory: true,
  window: true,
  threshold: true,
  direction: true,
  minRelativeScale: true,
});

/**
 * The result of {@link entityBaselineScores}: one entry per transaction, in input order.
 *
 * @example
 * ```ts
 * import { entityBaselineScores, type EntityBaselineResult } from 'crm-mining';
 * const r: EntityBaselineResult = entityBaselineScores(['a', 'a', 'a', 'a'], [10, 12, 11, 30], undefined, { minHistory: 3 });
 * // the last payment's baseline: the median of 10, 12, 11
 * console.log(r.baselineMedian[3], r.historyLength[3]); // 11 3
 * console.log(Number.isNaN(r.baselineMedian[0])); // true: no history yet
 * ```
 */
export interface EntityBaselineResult {
  /** The robust z-score against the entity's earlier history (signed by `direction`; 0 without a baseline). */
  readonly scores: Float64Array;
  /** 1 where the transaction is flagged. */
  readonly flagged: Uint8Array;
  /** The median of the entity's earlier amounts (NaN without a baseline). */
  readonly baselineMedian: Float64Array;
  /** The scale used (MAD / 0.6745 or its fallback; NaN without a baseline). */
  readonly baselineScale: Float64Array;
  /** How many earlier transactions formed the baseline. */
  readonly historyLength: Int32Array;
}

/**
 * Scores every transaction against its entity's earlier transactions.
 *
 * @param entities - the entity (account, customer) of each transaction.
 * @param amounts - the amount of each transaction (finite numbers).
 * @param order - optional time of each transaction (a number or a Date); transactions of an entity are
 *   taken in this order, ties and no `order` in input order.
 * @throws InvalidInputError for different lengths, a missing entity or a non-finite amount or time
 *   (naming the row); InvalidOptionError for a bad option.
 *
 * @example
 * ```ts
 * import { entityBaselineScores } from 'crm-mining';
 * const accounts = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'A'];
 * const amounts = [20, 22, 19, 21, 500, 480, 510, 495, 400];
 * // each payment is compared with its own account's earlier payments (here after 3 of them)
 * const result = entityBaselineScores(accounts, amounts, undefined, { minHistory: 3 });
 * console.log(Array.from(result.flagged)); // [0, 0, 0, 0, 0, 0, 0, 0, 1]: 400 is normal for B, not for A
 * ```
 */
export function entityBaselineScores(
  entities: ArrayLike<string | number>,
  amounts: ArrayLike<number>,
  order?: ArrayLike<number | Date>,
  options: EntityBaselineOptions = {},
): EntityBaselineResult {
  rejectUnknownOptions(options, ENTITY_BASELINE_OPTION_KEYS, 'entityBaselineScores');
  const minHistory = requireInteger('minHistory', options.minHistory ?? 10, 1);
  const window = requireInteger('window', options.window ?? 0, 0);
  const threshold = requireFinite('threshold', options.threshold ?? 3.5);
  const direction = requireOneOf('direction', options.direction ?? 'high', ['high', 'low', 'both'] as const);
  const minRel = requireFinite('minRelativeScale', options.minRelativeScale ?? 0.05);
  if (minRel < 0) throw new InvalidOptionError('minRelativeScale', `expected a number >= 0, got ${minRel}`);
  const n = amounts.length;
  if (entities.length !== n) throw new InvalidInputError(`entities has ${entities.length} values, expected ${n} (one per amount)`, { field: 'entities' });
  if (order !== undefined && order.length !== n) throw new InvalidInputError(`order has ${order.length} values, expected ${n} (one per amount)`, { field: 'order' });

  const time = new Float64Array(n);
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < n; i++) {
    const a = amounts[i];
    if (typeof a !== 'number' || !Number.isFinite(a)) throw new InvalidInputError(`row ${i}: amount is ${String(a)}, expected a finite number`, { row: i, field: 'amount' });
    const e = entities[i];
    if (e === null || e === undefined || e === '') throw new InvalidInputError(`row ${i}: the entity is missing`, { row: i, field: 'entity' });
    if (order !== undefined) {
      const t = order[i];
      const v = t instanceof Date ? t.getTime() : t;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInputError(`row ${i}: time is ${String(t)}, expected a finite number or a valid Date`, { row: i, field: 'order' });
      time[i] = v;
    } else time[i] = i;
    let g = groups.get(e);
    if (g === undefined) groups.set(e, (g = []));
    g.push(i);
  }

  const scores = new Float64Array(n);
  const flagged = new Uint8Array(n);
  const baselineMedian = new Float64Array(n).fill(NaN);
  const baselineScale = new Float64Array(n).fill(NaN);
  const historyLength = new Int32Array(n);
  let hist = new Float64Array(16);
  let dev = new Float64Array(16);
  for (const rows of groups.values()) {
    rows.sort((a, b) => time[a] - time[b] || a - b);
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t];
      const start = window > 0 ? Math.max(0, t - window) : 0;
      const h = t - start;
      historyLength[i] = h;
      if (h < minHistory) continue;
      if (hist.length < h) {
        hist = new Float64Array(2 * h);
        dev = new Float64Array(2 * h);
      }
      for (let s = 0; s < h; s++) hist[s] = amounts[rows[start + s]];
      const sorted = hist.subarray(0, h).sort();
      const med = quantileOfSorted(sorted, 0.5);
      let meanAbs = 0;
      for (let s = 0; s < h; s++) {
        dev[s] = Math.abs(sorted[s] - med);
        meanAbs += dev[s];
      }
      const devs = dev.subarray(0, h).sort();
      const mad = quantileOfSorted(devs, 0.5);
      let scale = mad > 0 ? mad / 0.6745 : (meanAbs / h) * 1.253314;
      const floor = Math.max(minRel * Math.abs(med), Number.MIN_VALUE);
      if (scale < floor) scale = floor;
      const z = (amounts[i] - med) / scale;
      const score = direction === 'high' ? z : direction === 'low' ? -z : Math.abs(z);
      scores[i] = score;
      flagged[i] = score > threshold ? 1 : 0;
      baselineMedian[i] = med;
      baselineScale[i] = scale;
    }
  }
  return { scores, flagged, baselineMedian, baselineScale, historyLength };
}
