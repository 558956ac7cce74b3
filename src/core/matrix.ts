/**
 * Dense matrices over typed arrays: the one numeric input format every numeric algorithm converts to
 * once, at its boundary.
 *
 * @module
 */
import { InvalidInputError } from './errors.js';
import { optionKeys, rejectUnknownOptions } from './validate.js';

/**
 * A dense, row-major matrix: element (i, j) is `data[i * cols + j]`. Algorithms treat it as read-only
 * and never modify a caller's matrix.
 *
 * @example
 * ```ts
 * import type { Matrix } from 'crm-mining';
 * // two customers, three features, row after row
 * const m: Matrix = { rows: 2, cols: 3, data: Float64Array.from([5, 120, 0.4, 2, 80, 0.9]) };
 * const spendOfSecond = m.data[1 * m.cols + 1];
 * console.log(spendOfSecond); // 80
 * ```
 */
export interface Matrix {
  /** The number of rows (samples). */
  readonly rows: number;
  /** The number of columns (features). */
  readonly cols: number;
  /** `rows * cols` values, row after row. */
  readonly data: Float64Array;
}

/**
 * What numeric algorithms accept: an array of equal-length rows, or a {@link Matrix}.
 *
 * @example
 * ```ts
 * import { toMatrix, zeros, type MatrixInput } from 'crm-mining';
 * const inputs: MatrixInput[] = [[[1, 2], [3, 4]], [Float64Array.of(1, 2)], zeros(3, 2)];
 * for (const input of inputs) {
 *   const m = toMatrix(input);
 *   console.log(m.rows, m.cols);
 * }
 * ```
 */
export type MatrixInput = readonly (readonly number[])[] | readonly Float64Array[] | Matrix;

/**
 * Options of {@link toMatrix}.
 *
 * @example
 * ```ts
 * import { toMatrix, type ToMatrixOptions } from 'crm-mining';
 * const options: ToMatrixOptions = { name: 'features', allowMissing: true };
 * const X = toMatrix([[1, Number.NaN], [2, 3]], options); // NaN marks a missing value
 * console.log(Number.isNaN(X.data[1])); // true
 * ```
 */
export interface ToMatrixOptions {
  /** The name used in error messages (default `'X'`). */
  name?: string;
  /** Whether NaN is allowed as a marker of a missing value (default false: NaN and ±Infinity are errors). */
  allowMissing?: boolean;
  /** Whether a matrix with no rows is allowed (default false). */
  allowEmpty?: boolean;
}

const TO_MATRIX_OPTION_KEYS = optionKeys<ToMatrixOptions>({
  name: true,
  allowMissing: true,
  allowEmpty: true,
});

/**
 * A new matrix of zeros.
 *
 * @example
 * ```ts
 * import { zeros, toRows } from 'crm-mining';
 * const m = zeros(2, 3);
 * m.data[1 * m.cols + 2] = 5; // element (1, 2)
 * console.log(toRows(m)); // [ [ 0, 0, 0 ], [ 0, 0, 5 ] ]
 * ```
 */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Whether a value has the shape of a {@link Matrix}.
 *
 * @example
 * ```ts
 * import { isMatrix, zeros } from 'crm-mining';
 * console.log(isMatrix(zeros(2, 2))); // true
 * console.log(isMatrix([[1, 2], [3, 4]])); // false: an array of rows, not a Matrix
 * ```
 */
export function isMatrix(x: unknown): x is Matrix {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as Matrix).data instanceof Float64Array &&
    Number.isInteger((x as Matrix).rows) &&
    Number.isInteger((x as Matrix).cols)
  );
}

/**
 * Converts the input to a contiguous {@link Matrix}, checking it: every row the same length, every value
 * a finite number (or NaN when `allowMissing`), at least one row and one column. A `Matrix` input is
 * checked and returned as is (not copied); arrays are copied, so the caller's data is never shared.
 *
 * @throws InvalidInputError naming the row and column at fault.
 *
 * @example
 * ```ts
 * import { toMatrix } from 'crm-mining';
 * const X = toMatrix([
 *   [1, 20],
 *   [2, 35],
 *   [3, 50],
 * ]);
 * console.log(X.rows, X.cols, X.data[1 * X.cols + 1]); // 3 2 35
 * ```
 */
export function toMatrix(input: MatrixInput, options: ToMatrixOptions = {}): Matrix {
  rejectUnknownOptions(options, TO_MATRIX_OPTION_KEYS, 'toMatrix');
  const name = options.name ?? 'X';
  if (isMatrix(input)) {
    if (input.data.length !== input.rows * input.cols) {
      throw new InvalidInputError(`${name}: data has ${input.data.length} values, expected rows × cols = ${input.rows * input.cols}`);
    }
    checkSize(name, input.rows, input.cols, options);
    checkValues(name, input, options);
    return input;
  }
  if (!Array.isArray(input)) {
    throw new InvalidInputError(`${name}: expected an array of rows or a Matrix, got ${typeof input}`);
  }
  const rows = input.length;
  const first = rows > 0 ? input[0] : undefined;
  const cols = first === undefined ? 0 : first.length;
  checkSize(name, rows, cols, options);
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = input[i];
    if (row === null || typeof row !== 'object' || typeof (row as { length?: unknown }).length !== 'number') {
      throw new InvalidInputError(`${name}: row ${i} is not an array of numbers`, { row: i });
    }
    if (row.length !== cols) {
      throw new InvalidInputError(`${name}: row ${i} has ${row.length} values, expected ${cols} like row 0`, { row: i });
    }
    for (let j = 0; j < cols; j++) {
      const v = row[j];
      if (typeof v !== 'number') {
        throw new InvalidInputError(`${name}: row ${i}, column ${j} is ${v === null ? 'null' : typeof v}, expected a number`, {
          row: i,
          field: String(j),
        });
      }
      data[i * cols + j] = v;
    }
  }
  const m = { rows, cols, data };
  checkValues(name, m, options);
  return m;
}

/**
 * Row `i` of a matrix as a view (no copy).
 *
 * @example
 * ```ts
 * import { rowView, toMatrix } from 'crm-mining';
 * const X = toMatrix([[1, 2], [3, 4]]);
 * const second = rowView(X, 1); // shares X's storage
 * console.log(Array.from(second)); // [ 3, 4 ]
 * ```
 */
export function rowView(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/**
 * The matrix as an array of plain number arrays (a copy).
 *
 * @example
 * ```ts
 * import { toMatrix, toRows } from 'crm-mining';
 * const X = toMatrix([new Float64Array([1, 2]), new Float64Array([3, 4])]);
 * console.log(toRows(X)); // [ [ 1, 2 ], [ 3, 4 ] ]
 * ```
 */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(rowView(m, i));
  return out;
}

function checkSize(name: string, rows: number, cols: number, options: ToMatrixOptions): void {
  if (rows === 0 && !options.allowEmpty) throw new InvalidInputError(`${name}: no rows; expected at least one`);
  if (rows > 0 && cols === 0) throw new InvalidInputError(`${name}: rows have no columns; expected at least one`);
}

function checkValues(name: string, m: Matrix, options: ToMatrixOptions): void {
  const { data, cols } = m;
  for (let k = 0; k < data.length; k++) {
    const v = data[k];
    if (v - v !== 0) {
      // NaN or ±Infinity
      if (Number.isNaN(v) && options.allowMissing) continue;
      const i = Math.floor(k / cols);
      const j = k % cols;
      throw new InvalidInputError(
        `${name}: row ${i}, column ${j} is ${String(v)}, expected a finite number${options.allowMissing ? ' or NaN for missing' : ''}`,
        { row: i, field: String(j) },
      );
    }
  }
}
