/**
 * Seeded data splits: train/test, k-fold and stratified k-fold, as row indices; and {@link selectRows} to
 * take those rows out of a table, a matrix or an array.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { isMatrix, type Matrix } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { optionKeys, rejectUnknownOptions, requireBoolean, requireInteger } from '../core/validate.js';
import { DataTable, type CellValue, type Column } from '../data/table.js';
import type { LabelVector } from './labels.js';
import { uniqueLabels } from './classification.js';

/**
 * One split of rows `0..n-1`: training rows and test rows, each ascending, disjoint, together all rows.
 *
 * @example
 * ```ts
 * import { kFold, type Split } from 'crm-mining';
 * // a hand-made time split next to seeded folds: train on the past, test on the last month
 * const n = 12;
 * const byTime: Split = { train: Int32Array.from({ length: n - 3 }, (_, i) => i), test: Int32Array.of(9, 10, 11) };
 * const splits: Split[] = [...kFold(n, { k: 3 }), byTime];
 * console.log(splits.length); // 4
 * ```
 */
export interface Split {
  /** Row indices to train on, ascending. */
  readonly train: Int32Array;
  /** Row indices to test on, ascending. */
  readonly test: Int32Array;
}

/**
 * Options of {@link trainTestSplit}.
 *
 * @example
 * ```ts
 * import { trainTestSplit, type TrainTestSplitOptions } from 'crm-mining';
 * // the last 20 rows (the most recent customers) as the test set, no shuffle
 * const options: TrainTestSplitOptions = { testSize: 20, shuffle: false };
 * const { test } = trainTestSplit(100, options);
 * console.log(test[0], test[test.length - 1]); // 80 99
 * ```
 */
export interface TrainTestSplitOptions {
  /**
   * The test set: a fraction in (0, 1) of the rows, or a whole number of rows ≥ 1 (default 0.25). The
   * number of test rows is the fraction times n, rounded; each side keeps at least one row.
   */
  testSize?: number;
  /** Seed of the shuffle (default 42). */
  seed?: number;
  /** Whether to shuffle before splitting (default true); when false the last rows are the test set. */
  shuffle?: boolean;
  /** Labels to stratify on: each class gets (as near as possible) the same share in test (default: none). */
  stratify?: LabelVector;
}

const TRAIN_TEST_SPLIT_OPTION_KEYS = optionKeys<TrainTestSplitOptions>({
  testSize: true,
  seed: true,
  shuffle: true,
  stratify: true,
});

/**
 * Options of {@link kFold} and {@link stratifiedKFold}.
 *
 * @example
 * ```ts
 * import { kFold, type KFoldOptions } from 'crm-mining';
 * const options: KFoldOptions = { k: 4, shuffle: false };
 * console.log(kFold(8, options).map((f) => Array.from(f.test))); // [ [ 0, 1 ], [ 2, 3 ], [ 4, 5 ], [ 6, 7 ] ]
 * ```
 */
export interface KFoldOptions {
  /** The number of folds, 2 ≤ k ≤ n (default 5). */
  k?: number;
  /** Whether to shuffle rows before cutting folds (default true). */
  shuffle?: boolean;
  /** Seed of the shuffle (default 42). */
  seed?: number;
}

const KFOLD_OPTION_KEYS = optionKeys<KFoldOptions>({
  k: true,
  shuffle: true,
  seed: true,
});

function checkN(n: number): void {
  if (!Number.isInteger(n) || n < 2) throw new InvalidInputError(`n: expected an integer number of rows >= 2, got ${n}`);
}

function sorted(a: number[]): Int32Array {
  return Int32Array.from(a).sort();
}

function classIndex(labels: LabelVector): Int32Array {
  const classes = uniqueLabels(labels);
  const map = new Map<unknown, number>();
  classes.forEach((c, i) => map.set(c, i));
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = map.get(labels[i]) ?? 0;
  return out;
}

/**
 * One train/test split of rows 0..n−1.
 *
 * @param n - the number of rows (≥ 2).
 * @throws InvalidOptionError when `testSize` leaves either side empty.
 *
 * @example
 * ```ts
 * import { trainTestSplit } from 'crm-mining';
 * const { train, test } = trainTestSplit(10, { testSize: 0.3, seed: 7 });
 * console.log(train.length, test.length); // 7 3
 * // stratified: each class keeps its share in the test set
 * const labels = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
 * const strat = trainTestSplit(labels.length, { testSize: 0.5, stratify: labels });
 * console.log(Array.from(strat.test, (i) => labels[i]).sort().join('')); // aaabb
 * ```
 */
export function trainTestSplit(n: number, options: TrainTestSplitOptions = {}): Split {
  rejectUnknownOptions(options, TRAIN_TEST_SPLIT_OPTION_KEYS, 'trainTestSplit');
  checkN(n);
  const testSize = options.testSize ?? 0.25;
  const shuffle = requireBoolean('shuffle', options.shuffle ?? true);
  let f: number;
  if (typeof testSize !== 'number' || !(testSize > 0)) throw new InvalidOptionError('testSize', `expected a fraction in (0, 1) or a row count >= 1, got ${String(testSize)}`);
  if (testSize < 1) f = testSize;
  else {
    requireInteger('testSize', testSize, 1, n - 1);
    f = testSize / n;
  }
  const nTest = Math.floor(n * f + 0.5);
  if (nTest < 1 || nTest > n - 1) {
    throw new InvalidOptionError('testSize', `${String(testSize)} of ${n} rows gives ${nTest} test rows; each side needs at least one`);
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) new Random(options.seed ?? 42).shuffle(order);
  if (options.stratify === undefined) {
    const test = sorted(Array.from(order.subarray(n - nTest)));
    const train = sorted(Array.from(order.subarray(0, n - nTest)));
    return { train, test };
  }
  if (options.stratify.length !== n) {
    throw new InvalidOptionError('stratify', `has ${options.stratify.length} labels, expected ${n} (one per row)`);
  }
  const cls = classIndex(options.stratify);
  // Stable sort of the (shuffled) order by class, then systematic sampling along it: every class gets
  // round(share) test rows up to one, and the total is exactly nTest.
  const byClass = Array.from(order).sort((a, b) => cls[a] - cls[b]);
  const fe = nTest / n;
  const test: number[] = [];
  const train: number[] = [];
  for (let j = 0; j < n; j++) {
    if (Math.floor((j + 1) * fe + 0.5) > Math.floor(j * fe + 0.5)) test.push(byClass[j]);
    else train.push(byClass[j]);
  }
  return { train: sorted(train), test: sorted(test) };
}

function foldsFromAssignment(fold: Int32Array, k: number): Split[] {
  const out: Split[] = [];
  const n = fold.length;
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
    out.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return out;
}

/**
 * k-fold cross-validation splits: rows (shuffled with the seed unless `shuffle` is false) cut into k
 * folds of sizes differing by at most one; fold f is the test set of split f.
 *
 * @example
 * ```ts
 * import { kFold } from 'crm-mining';
 * const folds = kFold(10, { k: 3 });
 * console.log(folds.map((f) => f.test.length)); // [ 4, 3, 3 ]
 * console.log(folds.map((f) => f.train.length + f.test.length)); // [ 10, 10, 10 ]
 * ```
 */
export function kFold(n: number, options: KFoldOptions = {}): Split[] {
  rejectUnknownOptions(options, KFOLD_OPTION_KEYS, 'kFold');
  checkN(n);
  const k = requireInteger('k', options.k ?? 5, 2, n);
  const shuffle = requireBoolean('shuffle', options.shuffle ?? true);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) new Random(options.seed ?? 42).shuffle(order);
  const fold = new Int32Array(n);
  const size = Math.floor(n / k);
  const extra = n % k;
  let p = 0;
  for (let f = 0; f < k; f++) {
    const c = size + (f < extra ? 1 : 0);
    for (let t = 0; t < c; t++) fold[order[p++]] = f;
  }
  return foldsFromAssignment(fold, k);
}

/**
 * Stratified k-fold splits: each class's rows (shuffled with the seed unless `shuffle` is false) are dealt
 * round-robin to the folds, continuing from class to class, so every fold has nearly the class mix of the
 * whole and fold sizes differ by at most one.
 *
 * @param labels - one class label per row.
 *
 * @example
 * ```ts
 * import { stratifiedKFold } from 'crm-mining';
 * const churned = [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0];
 * const folds = stratifiedKFold(churned, { k: 3, seed: 1 });
 * console.log(folds.map((f) => Array.from(f.test, (i) => churned[i]).filter((y) => y === 1).length)); // [ 1, 1, 1 ]
 * ```
 */
export function stratifiedKFold(labels: LabelVector, options: KFoldOptions = {}): Split[] {
  rejectUnknownOptions(options, KFOLD_OPTION_KEYS, 'stratifiedKFold');
  const n = labels.length;
  checkN(n);
  const k = requireInteger('k', options.k ?? 5, 2, n);
  const shuffle = requireBoolean('shuffle', options.shuffle ?? true);
  const cls = classIndex(labels);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) new Random(options.seed ?? 42).shuffle(order);
  const byClass = Array.from(order).sort((a, b) => cls[a] - cls[b]);
  const fold = new Int32Array(n);
  for (let j = 0; j < n; j++) fold[byClass[j]] = j % k;
  return foldsFromAssignment(fold, k);
}

/**
 * The given rows of a table, a matrix, a typed array or an array, in the order given (a copy; the input is
 * not changed).
 *
 * @throws InvalidInputError when an index is out of range.
 *
 * @example
 * ```ts
 * import { DataTable, selectRows, trainTestSplit } from 'crm-mining';
 * const table = DataTable.fromRecords([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }]);
 * const labels = [0, 1, 0, 1];
 * const { train, test } = trainTestSplit(table.rowCount, { testSize: 1, shuffle: false });
 * console.log(selectRows(table, train).rowCount, selectRows(labels, test)); // 3 [ 1 ]
 * console.log(selectRows(table, [3, 0]).column('id').values); // [ 'd', 'a' ]
 * ```
 */
export function selectRows(data: DataTable, rows: ArrayLike<number>): DataTable;
export function selectRows(data: Matrix, rows: ArrayLike<number>): Matrix;
export function selectRows(data: Float64Array, rows: ArrayLike<number>): Float64Array;
export function selectRows(data: Int32Array, rows: ArrayLike<number>): Int32Array;
export function selectRows<T>(data: readonly T[], rows: ArrayLike<number>): T[];
export function selectRows<T>(
  data: DataTable | Matrix | Float64Array | Int32Array | readonly T[],
  rows: ArrayLike<number>,
): DataTable | Matrix | Float64Array | Int32Array | T[] {
  const len = data instanceof DataTable ? data.rowCount : isMatrix(data) ? data.rows : data.length;
  for (let t = 0; t < rows.length; t++) {
    const r = rows[t];
    if (!Number.isInteger(r) || r < 0 || r >= len) {
      throw new InvalidInputError(`rows: index ${t} is ${r}, expected an integer row in [0, ${len - 1}]`, { row: t });
    }
  }
  if (data instanceof DataTable) {
    const cols: Column[] = data.columns.map((c) => {
      const v: CellValue[] = new Array(rows.length);
      for (let t = 0; t < rows.length; t++) v[t] = c.values[rows[t]];
      return c.categories ? { name: c.name, type: c.type, values: v, categories: c.categories } : { name: c.name, type: c.type, values: v };
    });
    return new DataTable(cols);
  }
  if (isMatrix(data)) {
    const { cols } = data;
    const out = new Float64Array(rows.length * cols);
    for (let t = 0; t < rows.length; t++) out.set(data.data.subarray(rows[t] * cols, rows[t] * cols + cols), t * cols);
    return { rows: rows.length, cols, data: out };
  }
  if (data instanceof Float64Array) {
    const out = new Float64Array(rows.length);
    for (let t = 0; t < rows.length; t++) out[t] = data[rows[t]];
    return out;
  }
  if (data instanceof Int32Array) {
    const out = new Int32Array(rows.length);
    for (let t = 0; t < rows.length; t++) out[t] = data[rows[t]];
    return out;
  }
  const out: T[] = new Array(rows.length);
  for (let t = 0; t < rows.length; t++) out[t] = (data as readonly T[])[rows[t]];
  return out;
}
