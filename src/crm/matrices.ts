/**
 * Value matrices: two-by-two classifications that turn two customer measures into an action, with the
 * thresholds as parameters (default: the medians of the two measures). A value at or above its
 * threshold counts as high. Also the satisfaction grade from perceived vs expected performance, and
 * customer delivered value.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * Thresholds of a two-by-two matrix; each defaults to the median of its measure.
 *
 * @example
 * ```ts
 * import { valueMatrix, type MatrixThresholds } from 'crm-mining';
 * // Fixed business thresholds instead of the medians: current margin ≥ 1000, CLV ≥ 5000.
 * const thresholds: MatrixThresholds = { first: 1000, second: 5000 };
 * console.log(valueMatrix([1500, 200, 900, 3000], [8000, 6000, 1000, 2000], thresholds)); // ['VIP', 'grow', 'abandon', 'maintain']
 * ```
 */
export interface MatrixThresholds {
  /** Threshold on the first (row) measure (default: its median). */
  first?: number;
  /** Threshold on the second (column) measure (default: its median). */
  second?: number;
}

const MATRIX_THRESHOLD_KEYS = optionKeys<MatrixThresholds>({ first: true, second: true });

/** The median of the values (the mean of the two middle values when their number is even). */
function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new InvalidInputError('median of no values', { field: 'values' });
  const s = Float64Array.from(values).sort();
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function checkMeasure(values: ArrayLike<number>, name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
      throw new InvalidInputError(`${name}: row ${i} has ${String(values[i])}, expected a finite number`, { row: i, field: name });
    }
  }
}

/** The threshold on `measure` given as option `option` (the key the caller wrote: `first` or `second`), or the median. */
function threshold(value: number | undefined, values: ArrayLike<number>, option: string, measure: string): number {
  if (value === undefined) return median(values);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError(option, `the threshold on ${measure}: expected a finite number, got ${String(value)}`);
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  if (value < lo || value > hi) {
    throw new InvalidOptionError(option, `the threshold ${value} on ${measure} is outside the range of the values [${lo}, ${hi}], so every customer would fall on one side`);
  }
  return value;
}

/**
 * A generic two-by-two matrix: labels[0] for high/high, [1] high first / low second, [2] low first /
 * high second, [3] low/low.
 */
function quadrants<L extends string>(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  names: [string, string],
  labels: readonly [L, L, L, L],
  thresholds: MatrixThresholds,
): L[] {
  if (first.length !== second.length) {
    throw new InvalidInputError(`${names[0]} and ${names[1]} differ in length (${first.length}, ${second.length})`);
  }
  if (first.length === 0) throw new InvalidInputError(`${names[0]}: no customers`, { field: names[0] });
  checkMeasure(first, names[0]);
  checkMeasure(second, names[1]);
  const t1 = threshold(thresholds.first, first, 'first', names[0]);
  const t2 = threshold(thresholds.second, second, 'second', names[1]);
  const out: L[] = new Array(first.length);
  for (let i = 0; i < first.length; i++) {
    const h1 = first[i] >= t1;
    const h2 = second[i] >= t2;
    out[i] = h1 ? (h2 ? labels[0] : labels[1]) : h2 ? labels[2] : labels[3];
  }
  return out;
}

/**
 * Cells of the customer value matrix.
 *
 * @example
 * ```ts
 * import { valueMatrix, type ValueMatrixCell } from 'crm-mining';
 * const cells: ValueMatrixCell[] = valueMatrix([10, 80, 20, 90], [70, 60, 10, 5]);
 * const toDevelop = cells.flatMap((cell, i) => (cell === 'grow' ? [i] : []));
 * console.log(toDevelop); // [0]
 * ```
 */
export type ValueMatrixCell = 'VIP' | 'grow' | 'maintain' | 'abandon';

/**
 * Current value × future value: high/high → `'VIP'` (keep at all costs), low current / high future →
 * `'grow'` (develop), high current / low future → `'maintain'`, low/low → `'abandon'` (below-zero
 * customers, not worth serving at cost).
 *
 * @param current - current value per customer (e.g. historical margin).
 * @param future - future value per customer (e.g. CLV).
 * @param thresholds - `first` on current value, `second` on future value (default medians).
 * @throws InvalidInputError naming the row of a non-finite value; InvalidOptionError for a threshold
 *   outside the range of its values.
 *
 * @example
 * ```ts
 * import { valueMatrix } from 'crm-mining';
 * const historicalMargin = [120, 900, 40, 650, 300];
 * const clv = [2500, 3100, 150, 400, 1200];
 * // Default thresholds: the medians (300 and 1200); a value at the threshold counts as high.
 * console.log(valueMatrix(historicalMargin, clv)); // ['grow', 'VIP', 'abandon', 'maintain', 'VIP']
 * ```
 */
export function valueMatrix(current: ArrayLike<number>, future: ArrayLike<number>, thresholds: MatrixThresholds = {}): ValueMatrixCell[] {
  rejectUnknownOptions(thresholds, MATRIX_THRESHOLD_KEYS, 'valueMatrix');
  return quadrants(current, future, ['current', 'future'], ['VIP', 'maintain', 'grow', 'abandon'] as const, thresholds);
}

/**
 * Cells of the value-exchange matrix.
 *
 * @example
 * ```ts
 * import { valueExchangeMatrix, type ValueExchangeCell } from 'crm-mining';
 * const cells = valueExchangeMatrix([5, 9, 1, 2], [1, 8, 9, 2]);
 * const counts: Partial<Record<ValueExchangeCell, number>> = {};
 * for (const c of cells) counts[c] = (counts[c] ?? 0) + 1;
 * console.log(counts); // { sensitive: 1, star: 1, 'free-rider': 1, 'below-zero': 1 }
 * ```
 */
export type ValueExchangeCell = 'star' | 'sensitive' | 'free-rider' | 'below-zero';

/**
 * Value created for the firm × value received by the customer: high/high → `'star'`; high created / low
 * received → `'sensitive'` (gives much, gets little: open to competitors' offers); low created / high
 * received → `'free-rider'`; low/low → `'below-zero'`.
 *
 * @param created - value the customer creates for the firm.
 * @param received - value the customer receives from the firm.
 * @param thresholds - `first` on created, `second` on received (default medians).
 *
 * @example
 * ```ts
 * import { valueExchangeMatrix } from 'crm-mining';
 * const created = [1200, 300, 950, 80]; // margin the customer brings
 * const received = [150, 400, 600, 20]; // discounts and service cost spent on the customer
 * console.log(valueExchangeMatrix(created, received, { first: 500, second: 300 })); // ['sensitive', 'free-rider', 'star', 'below-zero']
 * ```
 */
export function valueExchangeMatrix(created: ArrayLike<number>, received: ArrayLike<number>, thresholds: MatrixThresholds = {}): ValueExchangeCell[] {
  rejectUnknownOptions(thresholds, MATRIX_THRESHOLD_KEYS, 'valueExchangeMatrix');
  return quadrants(created, received, ['created', 'received'], ['star', 'sensitive', 'free-rider', 'below-zero'] as const, thresholds);
}

/**
 * Cells of the loyalty matrix.
 *
 * @example
 * ```ts
 * import { loyaltyMatrix, type LoyaltyCell } from 'crm-mining';
 * const advice: Record<LoyaltyCell, string> = {
 *   loyal: 'reward',
 *   latent: 'remove barriers to buying',
 *   spurious: 'build attachment',
 *   disloyal: 'do not invest',
 * };
 * const cells = loyaltyMatrix([9, 3, 8], [0.8, 0.9, 0.2], { first: 5, second: 0.5 });
 * console.log(cells.map((c) => advice[c])); // ['reward', 'build attachment', 'remove barriers to buying']
 * ```
 */
export type LoyaltyCell = 'loyal' | 'latent' | 'spurious' | 'disloyal';

/**
 * Attitude × repurchase rate (Dick & Basu 1994): high attitude and high repurchase → `'loyal'`; high
 * attitude, low repurchase → `'latent'`; low attitude, high repurchase → `'spurious'` (inertia); low/low →
 * `'disloyal'`.
 *
 * @param attitude - relative attitude per customer (e.g. a survey score).
 * @param repurchase - repurchase rate per customer.
 * @param thresholds - `first` on attitude, `second` on repurchase (default medians).
 *
 * @example
 * ```ts
 * import { loyaltyMatrix } from 'crm-mining';
 * const attitude = [9, 8, 3, 2]; // survey score, 1..10
 * const repurchase = [0.9, 0.2, 0.8, 0.1]; // share of purchases made with us
 * console.log(loyaltyMatrix(attitude, repurchase)); // ['loyal', 'latent', 'spurious', 'disloyal']
 * ```
 */
export function loyaltyMatrix(attitude: ArrayLike<number>, repurchase: ArrayLike<number>, thresholds: MatrixThresholds = {}): LoyaltyCell[] {
  rejectUnknownOptions(thresholds, MATRIX_THRESHOLD_KEYS, 'loyaltyMatrix');
  return quadrants(attitude, repurchase, ['attitude', 'repurchase'], ['loyal', 'latent', 'spurious', 'disloyal'] as const, thresholds);
}

/**
 * Satisfaction grades.
 *
 * @example
 * ```ts
 * import { satisfaction, type SatisfactionGrade } from 'crm-mining';
 * const grades: SatisfactionGrade[] = satisfaction([4, 3, 5], [4, 4, 4]);
 * console.log(grades.filter((g) => g === 'dissatisfied').length); // 1
 * ```
 */
export type SatisfactionGrade = 'dissatisfied' | 'satisfied' | 'delighted';

/**
 * Satisfaction from perceived versus expected performance: perceived − expected below −tolerance →
 * `'dissatisfied'`, above +tolerance → `'delighted'`, otherwise `'satisfied'`.
 *
 * @param perceived - perceived performance per customer.
 * @param expected - expected performance per customer (same scale).
 * @param tolerance - half-width of the "satisfied" band (≥ 0) (default 0: only an exact match is satisfied).
 * @throws InvalidInputError naming the row of a non-finite value; InvalidOptionError for a negative tolerance.
 *
 * @example
 * ```ts
 * import { satisfaction } from 'crm-mining';
 * const perceived = [7.5, 6, 9];
 * const expected = [8, 8, 8];
 * console.log(satisfaction(perceived, expected)); // ['dissatisfied', 'dissatisfied', 'delighted']
 * console.log(satisfaction(perceived, expected, 0.5)); // ['satisfied', 'dissatisfied', 'delighted']
 * ```
 */
export function satisfaction(perceived: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 0): SatisfactionGrade[] {
  if (typeof tolerance !== 'number' || !(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new InvalidOptionError('tolerance', `expected a finite number >= 0, got ${String(tolerance)}`);
  }
  if (perceived.length !== expected.length) throw new InvalidInputError(`perceived and expected differ in length (${perceived.length}, ${expected.length})`);
  checkMeasure(perceived, 'perceived');
  checkMeasure(expected, 'expected');
  const out: SatisfactionGrade[] = new Array(perceived.length);
  for (let i = 0; i < perceived.length; i++) {
    const d = perceived[i] - expected[i];
    out[i] = d < -tolerance ? 'dissatisfied' : d > tolerance ? 'delighted' : 'satisfied';
  }
  return out;
}

/**
 * Components of total customer value (Kotler); any subset, each defaults to 0.
 *
 * @example
 * ```ts
 * import { customerDeliveredValue, type CustomerValueParts } from 'crm-mining';
 * const value: CustomerValueParts = { product: 600, service: 150, image: 50 }; // personnel left out: 0
 * console.log(customerDeliveredValue(value, 500)); // 300
 * ```
 */
export interface CustomerValueParts {
  /** Product value. */
  product?: number;
  /** Service value. */
  service?: number;
  /** Personnel value. */
  personnel?: number;
  /** Image value. */
  image?: number;
}

/**
 * Components of total customer cost (Kotler); any subset, each defaults to 0.
 *
 * @example
 * ```ts
 * import { customerDeliveredValue, type CustomerCostParts } from 'crm-mining';
 * const cost: CustomerCostParts = { monetary: 399, time: 40, energy: 15, psychic: 10 };
 * console.log(customerDeliveredValue(520, cost)); // 56
 * ```
 */
export interface CustomerCostParts {
  /** Monetary cost (price). */
  monetary?: number;
  /** Time cost. */
  time?: number;
  /** Energy (effort) cost. */
  energy?: number;
  /** Psychic cost. */
  psychic?: number;
}

function total(x: number | CustomerValueParts | CustomerCostParts, name: string): number {
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new InvalidOptionError(name, `expected a finite number, got ${x}`);
    return x;
  }
  if (x === null || typeof x !== 'object') throw new InvalidOptionError(name, 'expected a number or an object of components');
  let s = 0;
  for (const [k, v] of Object.entries(x)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidOptionError(`${name}.${k}`, `expected a finite number, got ${String(v)}`);
    s += v;
  }
  return s;
}

/**
 * Customer delivered value = total customer value − total customer cost. Each side is a number or its
 * components (summed). Every number must be finite; none needs to be positive (the result is a plain
 * difference, so a rebate may be written as a negative monetary cost).
 *
 * @param value - total customer value, or its parts.
 * @param cost - total customer cost, or its parts.
 * @throws InvalidOptionError naming `value`, `cost` or the component (`cost.time`) that is not a finite number.
 *
 * @example
 * ```ts
 * import { customerDeliveredValue } from 'crm-mining';
 * const delivered = customerDeliveredValue(
 *   { product: 800, service: 120, personnel: 60, image: 20 },
 *   { monetary: 700, time: 50, energy: 30 },
 * );
 * console.log(delivered); // 220: total value 1000 minus total cost 780
 * ```
 */
export function customerDeliveredValue(value: number | CustomerValueParts, cost: number | CustomerCostParts): number {
  return total(value, 'value') - total(cost, 'cost');
}
