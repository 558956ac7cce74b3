/**
 * Turning a table or a matrix into the tree's typed columns: numeric features as Float64Array (NaN =
 * missing), categorical features as category codes (−1 = missing, −2 = a category not seen in training).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { isMatrix, toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { describe, requireNames } from '../core/validate.js';
import { DataTable, type CellValue, type DataRecord } from '../data/table.js';

/**
 * How one feature is used by a tree.
 *
 * @example
 * ```ts
 * import { DataTable, fitDecisionTree, type TreeFeatureSpec } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { plan: 'basic', spend: 20, churn: 'yes' },
 *   { plan: 'pro', spend: 80, churn: 'no' },
 * ]);
 * const specs: readonly TreeFeatureSpec[] = fitDecisionTree(table, { target: 'churn' }).features;
 * console.log(specs.map((s) => [s.name, s.kind, s.categories ?? []])); // [['plan', 'categorical', ['basic', 'pro']], ['spend', 'numeric', []]]
 * ```
 */
export interface TreeFeatureSpec {
  /** The column name (for a matrix: `featureNames[j]`, default `x0`, `x1`, …). */
  readonly name: string;
  /** `'numeric'`: split by a threshold; `'categorical'`: split by a subset of categories. */
  readonly kind: 'numeric' | 'categorical';
  /** For categorical features: the categories seen in training, as text; the code of a category is its index. */
  readonly categories?: readonly string[];
  /** For numeric features: whether the column held dates (values are then milliseconds since the epoch). */
  readonly isDate?: boolean;
  /** Whether the training data had missing values in this feature. */
  readonly hasMissing?: boolean;
}

/**
 * Input a fitted tree predicts on: a table, records, or a numeric matrix (for trees fitted on a matrix).
 *
 * @example
 * ```ts
 * import { DataTable, fitDecisionTree, type TreeInput } from 'crm-mining';
 * const tree = fitDecisionTree(DataTable.fromRecords([{ age: 20, buys: 'no' }, { age: 60, buys: 'yes' }]), { target: 'buys' });
 * // a tree fitted on a table predicts on a table or on plain records
 * const rows: TreeInput = [{ age: 25 }, { age: 70 }];
 * console.log(tree.predict(rows)); // ['no', 'yes']
 * ```
 */
export type TreeInput = DataTable | readonly DataRecord[] | MatrixInput;

/** Code of a missing categorical value. */
export const MISSING_CODE = -1;
/** Code of a category not seen in training. */
export const UNKNOWN_CODE = -2;

/** The encoded feature columns. @internal */
export interface EncodedColumns {
  n: number;
  columns: Float64Array[];
}

function isRecordArray(x: unknown): x is readonly DataRecord[] {
  return Array.isArray(x) && (x.length === 0 || (typeof x[0] === 'object' && x[0] !== null && !Array.isArray(x[0]) && !ArrayBuffer.isView(x[0])));
}

/** Chooses and describes the features of a training table. @internal */
export function featureSpecsFromTable(
  table: DataTable,
  target: string | undefined,
  features: readonly string[] | undefined,
  categorical: readonly string[] = [],
): TreeFeatureSpec[] {
  const names = features ? [...features] : table.columnNames.filter((n) => n !== target);
  if (names.length === 0) throw new InvalidInputError('the table has no feature columns besides the target');
  for (const c of categorical) {
    if (!names.includes(c)) throw new InvalidOptionError('categorical', `"${c}" is not one of the feature columns`);
  }
  const out: TreeFeatureSpec[] = [];
  for (const name of names) {
    if (name === target) throw new InvalidOptionError('features', `the target "${name}" cannot also be a feature`);
    const col = table.column(name);
    if ((col.type === 'number' || col.type === 'date') && !categorical.includes(name)) {
      out.push(col.type === 'date' ? { name, kind: 'numeric', isDate: true } : { name, kind: 'numeric' });
      continue;
    }
    let cats: string[];
    if (col.type === 'nominal' && col.categories) cats = [...col.categories];
    else {
      const seen = new Set<string>();
      for (const v of col.values) if (v !== null) seen.add(cellText(v));
      cats = Array.from(seen).sort();
    }
    out.push({ name, kind: 'categorical', categories: cats });
  }
  return out;
}

/** Specs for a numeric matrix. @internal */
export function featureSpecsForMatrix(cols: number, featureNames: readonly string[] | undefined): TreeFeatureSpec[] {
  if (featureNames !== undefined) requireNames('featureNames', featureNames, cols);
  const out: TreeFeatureSpec[] = [];
  for (let j = 0; j < cols; j++) out.push({ name: featureNames ? featureNames[j] : `x${j}`, kind: 'numeric' });
  return out;
}

/** The text of a cell as a category. @internal */
export function cellText(v: Exclude<CellValue, null>): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * Encodes input rows with the given specs.
 *
 * @throws InvalidInputError on a missing column, a non-number in a numeric feature, a row of the wrong
 *   length, or (when `allowMissing` is false) a missing value.
 * @internal
 */
export function encodeInput(input: TreeInput, specs: readonly TreeFeatureSpec[], allowMissing: boolean, unknownAsError = false): EncodedColumns {
  const p = specs.length;
  if (input instanceof DataTable || isRecordArray(input)) {
    const table = input instanceof DataTable ? input : DataTable.fromRecords(input);
    const n = table.rowCount;
    const columns: Float64Array[] = [];
    for (const spec of specs) {
      if (!table.hasColumn(spec.name)) {
        throw new InvalidInputError(`feature column "${spec.name}" is missing from the input`, { field: spec.name });
      }
      const values = table.column(spec.name).values;
      const out = new Float64Array(n);
      if (spec.kind === 'numeric') {
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (v === null) {
            if (!allowMissing) throw new InvalidInputError(`row ${i}, column "${spec.name}": missing value, and missing values are not allowed (allowMissing: false)`, { row: i, field: spec.name });
            out[i] = NaN;
          } else if (typeof v === 'number') {
            if (!Number.isFinite(v)) {
              if (Number.isNaN(v) && allowMissing) {
                out[i] = NaN;
                continue;
              }
              throw new InvalidInputError(`row ${i}, column "${spec.name}": ${String(v)} is not a finite number${allowMissing ? '' : ' (missing values are not allowed)'}`, { row: i, field: spec.name });
            }
            out[i] = v;
          } else if (v instanceof Date) out[i] = v.getTime();
          else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
          else throw new InvalidInputError(`row ${i}, column "${spec.name}": ${describe(v)} is not a number (the feature is numeric)`, { row: i, field: spec.name });
        }
      } else {
        const codes = new Map<string, number>();
        spec.categories!.forEach((c, k) => codes.set(c, k));
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
            if (!allowMissing) throw new InvalidInputError(`row ${i}, column "${spec.name}": missing value, and missing values are not allowed (allowMissing: false)`, { row: i, field: spec.name });
            out[i] = MISSING_CODE;
          } else {
            const code = codes.get(cellText(v));
            if (code === undefined && unknownAsError) {
              throw new InvalidInputError(`row ${i}, column "${spec.name}": category ${describe(cellText(v))} was not seen in training`, { row: i, field: spec.name });
            }
            out[i] = code ?? UNKNOWN_CODE;
          }
        }
      }
      columns.push(out);
    }
    return { n, columns };
  }
  if (!isMatrix(input) && !Array.isArray(input)) {
    throw new InvalidInputError(`input: expected a DataTable, an array of records, an array of rows or a Matrix, got ${describe(input)}`);
  }
  if (specs.some((s) => s.kind !== 'numeric')) {
    throw new InvalidInputError('input: this tree has categorical features; pass a DataTable or records, not a numeric matrix');
  }
  const m = toMatrix(input, { name: 'X', allowMissing });
  if (m.cols !== p) throw new InvalidInputError(`X: rows have ${m.cols} values, expected ${p} (one per feature)`);
  return matrixColumns(m);
}

/** The columns of a matrix with, per column, whether it holds a missing value (NaN). @internal */
export interface CheckedColumns extends EncodedColumns {
  /** 1 for a column with at least one NaN. */
  missing: Uint8Array;
}

/**
 * The columns of a matrix whose shape is valid, checking every value on the way (one sequential pass, the
 * check of `toMatrix` and the copy into columns at once): ±Infinity is an error, and so is NaN unless
 * `allowMissing`.
 *
 * @throws InvalidInputError naming the row and column of the first value that is not allowed.
 * @internal
 */
export function checkedMatrixColumns(m: Matrix, allowMissing: boolean, name = 'X'): CheckedColumns {
  const { rows, cols, data } = m;
  const columns: Float64Array[] = new Array(cols);
  for (let j = 0; j < cols; j++) columns[j] = new Float64Array(rows);
  const missing = new Uint8Array(cols);
  // The copy stops at each non-finite value (rare: missing values), which is judged here, then resumes.
  for (let k = copyUntilNonFinite(data, cols, columns, 0); k >= 0; k = copyUntilNonFinite(data, cols, columns, k + 1)) {
    const v = data[k];
    const j = k % cols;
    if (v !== v && allowMissing) {
      missing[j] = 1;
      continue;
    }
    throw new InvalidInputError(`${name}: row ${Math.floor(k / cols)}, column ${j} is ${String(v)}, expected a finite number${allowMissing ? ' or NaN for missing' : ''}`, {
      row: Math.floor(k / cols),
      field: String(j),
    });
  }
  return { n: rows, columns, missing };
}

/** Copies data[from..) (row-major) into the columns; returns the position of the first non-finite value copied, or −1. */
function copyUntilNonFinite(data: Float64Array, cols: number, columns: Float64Array[], from: number): number {
  const len = data.length;
  let i = Math.floor(from / cols);
  let j = from - i * cols;
  for (let k = from; k < len; k++) {
    const x = data[k];
    columns[j][i] = x;
    if (x - x !== 0) return k;
    if (++j === cols) {
      j = 0;
      i++;
    }
  }
  return -1;
}

/**
 * The columns of a matrix that has already been checked (by `toMatrix`), as one Float64Array each.
 * Reads the row-major data in order (one sequential pass), which a cold process runs much faster than a
 * strided pass per column.
 * @internal
 */
export function matrixColumns(m: Matrix): EncodedColumns {
  const { rows, cols, data } = m;
  const columns: Float64Array[] = new Array(cols);
  for (let j = 0; j < cols; j++) columns[j] = new Float64Array(rows);
  let k = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) columns[j][i] = data[k++];
  }
  return { n: rows, columns };
}
