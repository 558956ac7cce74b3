/**
 * Feature encoders for customer tables: standard and min-max scaling, a log transform for skewed money
 * columns, and one-hot encoding of categorical columns. Each encoder is fitted once (`fit`), applied to
 * the training data and to new rows (`transform`), and serialised with `toJSON()` / `fromJSON()` so that
 * it travels with the model that was trained on its output.
 *
 * The scalers work on a {@link Matrix} (or anything {@link toMatrix} accepts); {@link prepareFeatures}
 * works on a {@link DataTable} and chains them: numeric columns → optional log1p → scaling, categorical
 * columns → one-hot, concatenated into one matrix.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { type Matrix, type MatrixInput, toMatrix } from '../core/matrix.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';
import type { CellValue, DataTable } from './table.js';

/**
 * Scaling methods: z-scores, the [0, 1] range, or none.
 *
 * @example
 * ```ts
 * import { Scaler, type ScalingMethod } from 'crm-mining';
 * const X = [[10, 1], [20, 3], [30, 5]];
 * for (const method of ['standard', 'minmax', 'none'] as ScalingMethod[]) {
 *   console.log(method, Array.from(Scaler.fit(X, method).transform(X).data));
 * }
 * ```
 */
export type ScalingMethod = 'standard' | 'minmax' | 'none';

/**
 * The serialised form of a {@link Scaler}.
 *
 * @example
 * ```ts
 * import { Scaler, type ScalerJSON } from 'crm-mining';
 * const json: ScalerJSON = Scaler.fit([[0], [10]], 'minmax', ['spend']).toJSON();
 * console.log(json.offset, json.scale, json.names); // [ 0 ] [ 10 ] [ 'spend' ]
 * const restored = Scaler.fromJSON(JSON.parse(JSON.stringify(json)) as ScalerJSON);
 * console.log(restored.transformRow([5])); // Float64Array(1) [ 0.5 ]
 * ```
 */
export interface ScalerJSON {
  /** Always `'scaler'`. */
  type: 'scaler';
  /** The scaling method. */
  method: ScalingMethod;
  /** Per column: the value subtracted (mean, minimum, or 0). */
  offset: number[];
  /** Per column: the divisor (standard deviation, range, or 1; 1 for zero-variance columns). */
  scale: number[];
  /** The column names, when known. */
  names?: string[];
  /** Indices of the columns that were constant in fitting (left unscaled). */
  constant?: number[];
}

/**
 * A fitted per-column affine scaler: `x' = (x − offset) / scale`.
 *
 * - `'standard'`: offset = column mean, scale = population standard deviation (divisor n, as
 *   scikit-learn's `StandardScaler`).
 * - `'minmax'`: offset = column minimum, scale = maximum − minimum (to [0, 1], as `MinMaxScaler`).
 * - `'none'`: offset 0, scale 1 (the identity; lets callers treat "no scaling" uniformly).
 *
 * Zero-variance (constant) columns are left unscaled: their scale is 1 rather than a division by zero,
 * so they become all zeros after centring (standard) or subtracting the minimum (min-max), exactly as
 * scikit-learn does. {@link Scaler.constantColumns} lists them.
 *
 * @example
 * ```ts
 * import { Scaler } from 'crm-mining';
 * const train = [[1, 100], [3, 100], [5, 100]]; // the second column is constant
 * const scaler = Scaler.fit(train, 'standard', ['orders', 'fee']);
 * console.log(Array.from(scaler.transformRow([5, 100]))); // [ 1.224744871391589, 0 ]
 * console.log(scaler.constantColumns); // [ 1 ]
 * const back = scaler.inverseTransform(scaler.transform(train));
 * console.log(Array.from(back.data, (v) => +v.toFixed(9))); // [ 1, 100, 3, 100, 5, 100 ]
 * ```
 */
export class Scaler {
  /** The scaling method. */
  readonly method: ScalingMethod;
  /** Per column: the value subtracted. */
  readonly offset: Float64Array;
  /** Per column: the divisor (never 0). */
  readonly scale: Float64Array;
  /** The column names, when known (used in error messages and profiles). */
  readonly names: readonly string[] | undefined;
  private readonly constant: readonly number[];

  private constructor(
    method: ScalingMethod,
    offset: Float64Array,
    scale: Float64Array,
    names: readonly string[] | undefined,
    constant: readonly number[],
  ) {
    this.method = method;
    this.constant = constant;
    this.offset = offset;
    this.scale = scale;
    this.names = names;
  }

  /**
   * Fits a scaler on the columns of `x`.
   *
   * @param x - the training data (finite values only).
   * @param method - `'standard'`, `'minmax'` or `'none'` (default `'standard'`).
   * @param names - optional column names, kept for messages and serialisation.
   * @throws InvalidOptionError for an unknown method; InvalidInputError for non-finite values.
   */
  static fit(x: MatrixInput, method: ScalingMethod = 'standard', names?: readonly string[]): Scaler {
    checkMethod(method);
    const m = toMatrix(x, { name: 'X' });
    if (names !== undefined && names.length !== m.cols) {
      throw new InvalidInputError(`Scaler: ${names.length} names for ${m.cols} columns`);
    }
    const { rows, cols, data } = m;
    const offset = new Float64Array(cols);
    const scale = new Float64Array(cols).fill(1);
    const constant: number[] = [];
    if (method === 'standard') {
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) offset[j] += data[i * cols + j];
      for (let j = 0; j < cols; j++) offset[j] /= rows;
      const ss = new Float64Array(cols);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const d = data[i * cols + j] - offset[j];
          ss[j] += d * d;
        }
      }
      for (let j = 0; j < cols; j++) {
        const sd = Math.sqrt(ss[j] / rows);
        if (sd > 10 * Number.EPSILON * Math.max(1, Math.abs(offset[j]))) scale[j] = sd;
        else constant.push(j);
      }
    } else if (method === 'minmax') {
      const max = new Float64Array(cols).fill(-Infinity);
      offset.fill(Infinity);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const v = data[i * cols + j];
          if (v < offset[j]) offset[j] = v;
          if (v > max[j]) max[j] = v;
        }
      }
      for (let j = 0; j < cols; j++) {
        const r = max[j] - offset[j];
        if (r > 0) scale[j] = r;
        else constant.push(j);
      }
    }
    return new Scaler(method, offset, scale, names === undefined ? undefined : [...names], constant);
  }

  /** The number of columns it was fitted on. */
  get cols(): number {
    return this.offset.length;
  }

  /**
   * Indices of the columns left unscaled because they were constant in the training data (zero variance
   * or zero range): their scale is 1 instead of a division by zero.
   */
  get constantColumns(): number[] {
    return [...this.constant];
  }

  /**
   * Scales `x` (a new matrix; the input is not modified).
   *
   * @throws InvalidInputError when the column count differs from the fitted one or a value is not finite.
   */
  transform(x: MatrixInput): Matrix {
    const m = toMatrix(x, { name: 'X' });
    this.checkCols(m.cols);
    const { rows, cols, data } = m;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[o + j] = (data[o + j] - this.offset[j]) / this.scale[j];
    }
    return { rows, cols, data: out };
  }

  /** Scales one row (a new array). @throws InvalidInputError on a wrong length. */
  transformRow(row: ArrayLike<number>): Float64Array {
    this.checkCols(row.length);
    const out = new Float64Array(row.length);
    for (let j = 0; j < row.length; j++) out[j] = (row[j] - this.offset[j]) / this.scale[j];
    return out;
  }

  /** Maps scaled values back to original units (a new matrix). */
  inverseTransform(x: MatrixInput): Matrix {
    const m = toMatrix(x, { name: 'X' });
    this.checkCols(m.cols);
    const { rows, cols, data } = m;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[o + j] = data[o + j] * this.scale[j] + this.offset[j];
    }
    return { rows, cols, data: out };
  }

  private checkCols(cols: number): void {
    if (cols !== this.offset.length) {
      throw new InvalidInputError(`Scaler: input has ${cols} columns, the scaler was fitted on ${this.offset.length}`);
    }
  }

  /** The serialised form (exact round trip through {@link Scaler.fromJSON}). */
  toJSON(): ScalerJSON {
    const json: ScalerJSON = {
      type: 'scaler',
      method: this.method,
      offset: Array.from(this.offset),
      scale: Array.from(this.scale),
      constant: [...this.constant],
    };
    if (this.names !== undefined) json.names = [...this.names];
    return json;
  }

  /** Restores a scaler from {@link Scaler.toJSON}'s output. @throws InvalidInputError on a malformed object. */
  static fromJSON(json: ScalerJSON): Scaler {
    if (json === null || typeof json !== 'object' || json.type !== 'scaler') {
      throw new InvalidInputError('Scaler.fromJSON: expected an object with type "scaler"');
    }
    checkMethod(json.method);
    const offset = numberArray('offset', json.offset);
    const scale = numberArray('scale', json.scale);
    if (offset.length !== scale.length) throw new InvalidInputError('Scaler.fromJSON: offset and scale differ in length');
    for (let j = 0; j < scale.length; j++) {
      if (!(scale[j] > 0)) throw new InvalidInputError(`Scaler.fromJSON: scale[${j}] is ${scale[j]}, expected > 0`, { field: String(j) });
    }
    const constant = json.constant ?? [];
    for (const c of constant) {
      if (!Number.isInteger(c) || c < 0 || c >= scale.length) throw new InvalidInputError(`Scaler.fromJSON: constant column ${c} out of range`);
    }
    return new Scaler(json.method, offset, scale, json.names, [...constant]);
  }
}

/**
 * The serialised form of a {@link LogTransform}.
 *
 * @example
 * ```ts
 * import { LogTransform, type LogTransformJSON } from 'crm-mining';
 * const json: LogTransformJSON = new LogTransform([0], ['spend', 'visits']).toJSON();
 * console.log(json); // { type: 'log1p', columns: [ 0 ], names: [ 'spend', 'visits' ] }
 * const same = LogTransform.fromJSON(json);
 * console.log(same.columns); // [ 0 ]
 * ```
 */
export interface LogTransformJSON {
  /** Always `'log1p'`. */
  type: 'log1p';
  /** Indices of the transformed columns. */
  columns: number[];
  /** The column names, when known. */
  names?: string[];
}

/**
 * `x' = log(1 + x)` on chosen columns (for right-skewed money columns such as total spend), identity on
 * the others. Negative values are an error naming the column: log1p is only meaningful for amounts ≥ 0.
 * It has no fitted parameters but is serialised like the other encoders so a pipeline round-trips.
 *
 * @example
 * ```ts
 * import { LogTransform } from 'crm-mining';
 * const log = new LogTransform([0], ['spend', 'visits']); // spend only
 * const y = log.transform([[0, 3], [Math.E - 1, 4]]);
 * console.log(Array.from(y.data)); // [ 0, 3, 1, 4 ]
 * console.log(Array.from(log.inverseTransform(y).data, (v) => +v.toFixed(12))); // [ 0, 3, 1.718281828459, 4 ]
 * ```
 */
export class LogTransform {
  /** Indices of the transformed columns. */
  readonly columns: readonly number[];
  /** The column names, when known. */
  readonly names: readonly string[] | undefined;

  /**
   * @param columns - indices of the columns to transform.
   * @param names - optional names of all columns (used in error messages).
   */
  constructor(columns: readonly number[], names?: readonly string[]) {
    for (const c of columns) {
      if (!Number.isInteger(c) || c < 0) throw new InvalidOptionError('columns', `expected non-negative column indices, got ${c}`);
    }
    this.columns = [...columns];
    this.names = names === undefined ? undefined : [...names];
  }

  /**
   * Applies log1p to the chosen columns (a new matrix).
   *
   * @throws InvalidInputError naming the column and row of a negative value, or a column index out of range.
   */
  transform(x: MatrixInput): Matrix {
    const m = toMatrix(x, { name: 'X' });
    const { rows, cols } = m;
    const out = new Float64Array(m.data);
    for (const c of this.columns) {
      if (c >= cols) throw new InvalidInputError(`LogTransform: column ${c} is out of range for ${cols} columns`);
      for (let i = 0; i < rows; i++) {
        const v = out[i * cols + c];
        if (v < 0) {
          const name = this.names?.[c] ?? `column ${c}`;
          throw new InvalidInputError(`log transform of "${name}": row ${i} has ${v}; log1p needs values ≥ 0`, { row: i, field: name });
        }
        out[i * cols + c] = Math.log1p(v);
      }
    }
    return { rows, cols, data: out };
  }

  /** Inverse (expm1 on the chosen columns; a new matrix). */
  inverseTransform(x: MatrixInput): Matrix {
    const m = toMatrix(x, { name: 'X' });
    const out = new Float64Array(m.data);
    for (const c of this.columns) for (let i = 0; i < m.rows; i++) out[i * m.cols + c] = Math.expm1(out[i * m.cols + c]);
    return { rows: m.rows, cols: m.cols, data: out };
  }

  /** The serialised form. */
  toJSON(): LogTransformJSON {
    const json: LogTransformJSON = { type: 'log1p', columns: [...this.columns] };
    if (this.names !== undefined) json.names = [...this.names];
    return json;
  }

  /** Restores from {@link LogTransform.toJSON}'s output. */
  static fromJSON(json: LogTransformJSON): LogTransform {
    if (json === null || typeof json !== 'object' || json.type !== 'log1p' || !Array.isArray(json.columns)) {
      throw new InvalidInputError('LogTransform.fromJSON: expected an object with type "log1p" and columns');
    }
    return new LogTransform(json.columns, json.names);
  }
}

/**
 * What {@link OneHotEncoder} does with a category not seen in fitting, or a missing value.
 *
 * @example
 * ```ts
 * import { OneHotEncoder, type UnknownCategoryHandling } from 'crm-mining';
 * const handleUnknown: UnknownCategoryHandling = 'ignore';
 * const encoder = OneHotEncoder.fit('channel', ['web', 'store'], handleUnknown);
 * console.log(Array.from(encoder.transform(['phone', null]).data)); // [ 0, 0, 0, 0 ]: unknown and missing are all zeros
 * ```
 */
export type UnknownCategoryHandling = 'error' | 'ignore';

/**
 * The serialised form of a {@link OneHotEncoder}.
 *
 * @example
 * ```ts
 * import { OneHotEncoder, type OneHotEncoderJSON } from 'crm-mining';
 * const saved: OneHotEncoderJSON = { type: 'one-hot', name: 'tier', categories: ['gold', 'silver'], handleUnknown: 'error' };
 * const encoder = OneHotEncoder.fromJSON(saved);
 * console.log(encoder.featureNames); // [ 'tier=gold', 'tier=silver' ]
 * ```
 */
export interface OneHotEncoderJSON {
  /** Always `'one-hot'`. */
  type: 'one-hot';
  /** The column name. */
  name: string;
  /** The categories, in output order. */
  categories: string[];
  /** Unknown-category handling. */
  handleUnknown: UnknownCategoryHandling;
}

/**
 * One-hot encoding of one categorical column: one 0/1 output per category seen in fitting, in sorted
 * order (as scikit-learn's `OneHotEncoder`). Values are compared as strings (`String(v)`), so numbers and
 * booleans work as categories too.
 *
 * @example
 * ```ts
 * import { OneHotEncoder } from 'crm-mining';
 * const encoder = OneHotEncoder.fit('contract', ['monthly', 'yearly', 'monthly', 'two-year']);
 * console.log(encoder.categories); // [ 'monthly', 'two-year', 'yearly' ] (sorted)
 * const m = encoder.transform(['yearly', 'monthly']);
 * console.log(m.rows, m.cols, Array.from(m.data)); // 2 3 [ 0, 0, 1, 1, 0, 0 ]
 * ```
 */
export class OneHotEncoder {
  /** The column name (used in output names and errors). */
  readonly name: string;
  /** The categories, in output order. */
  readonly categories: readonly string[];
  /**
   * Unknown or missing values: `'error'` (default) throws naming the row; `'ignore'` encodes them as all
   * zeros.
   */
  readonly handleUnknown: UnknownCategoryHandling;
  private readonly index: Map<string, number>;

  private constructor(name: string, categories: readonly string[], handleUnknown: UnknownCategoryHandling) {
    this.name = name;
    this.categories = categories;
    this.handleUnknown = handleUnknown;
    this.index = new Map(categories.map((c, i) => [c, i]));
  }

  /**
   * Fits on a column's values.
   *
   * @param name - the column name.
   * @param values - the values; `null` (missing) is an error in fitting unless `handleUnknown` is `'ignore'`.
   * @param handleUnknown - default `'error'`.
   */
  static fit(name: string, values: readonly CellValue[], handleUnknown: UnknownCategoryHandling = 'error'): OneHotEncoder {
    if (handleUnknown !== 'error' && handleUnknown !== 'ignore') {
      throw new InvalidOptionError('handleUnknown', `expected 'error' or 'ignore', got ${String(handleUnknown)}`);
    }
    const set = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        if (handleUnknown === 'error') {
          throw new InvalidInputError(`one-hot column "${name}": row ${i} is missing; fill it or use handleUnknown 'ignore'`, {
            row: i,
            field: name,
          });
        }
        continue;
      }
      set.add(cellKey(v));
    }
    if (set.size === 0) throw new InvalidInputError(`one-hot column "${name}": no values to learn categories from`, { field: name });
    return new OneHotEncoder(name, [...set].sort(), handleUnknown);
  }

  /** Output names, `name=category`. */
  get featureNames(): string[] {
    return this.categories.map((c) => `${this.name}=${c}`);
  }

  /**
   * Writes the encoding of `values` into `out` (row-major, `stride` values per row, starting at column
   * `offset`), which must be zero there already.
   *
   * @throws InvalidInputError naming the row for an unknown or missing value when `handleUnknown` is `'error'`.
   */
  encodeInto(values: readonly CellValue[], out: Float64Array, stride: number, offset: number): void {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const c = v === null || v === undefined ? undefined : this.index.get(cellKey(v));
      if (c === undefined) {
        if (this.handleUnknown === 'ignore') continue;
        throw new InvalidInputError(
          v === null || v === undefined
            ? `one-hot column "${this.name}": row ${i} is missing`
            : `one-hot column "${this.name}": row ${i} has category ${JSON.stringify(cellKey(v))}, not seen in fitting`,
          { row: i, field: this.name },
        );
      }
      out[i * stride + offset + c] = 1;
    }
  }

  /** The encoding of `values` as a new matrix (one row per value). */
  transform(values: readonly CellValue[]): Matrix {
    const cols = this.categories.length;
    const data = new Float64Array(values.length * cols);
    this.encodeInto(values, data, cols, 0);
    return { rows: values.length, cols, data };
  }

  /** The serialised form. */
  toJSON(): OneHotEncoderJSON {
    return { type: 'one-hot', name: this.name, categories: [...this.categories], handleUnknown: this.handleUnknown };
  }

  /** Restores from {@link OneHotEncoder.toJSON}'s output. */
  static fromJSON(json: OneHotEncoderJSON): OneHotEncoder {
    if (json === null || typeof json !== 'object' || json.type !== 'one-hot' || !Array.isArray(json.categories)) {
      throw new InvalidInputError('OneHotEncoder.fromJSON: expected an object with type "one-hot" and categories');
    }
    return new OneHotEncoder(json.name, [...json.categories], json.handleUnknown ?? 'error');
  }
}

/**
 * Which columns of a table become features, and how.
 *
 * @example
 * ```ts
 * import { DataTable, prepareFeatures, type FeatureSpec } from 'crm-mining';
 * const spec: FeatureSpec = { numeric: ['recency', 'monetary'], log: ['monetary'], scale: 'minmax' };
 * const table = DataTable.fromRecords([{ recency: 5, monetary: 300 }, { recency: 40, monetary: 20 }]);
 * console.log(Array.from(prepareFeatures(table, spec).matrix.data)); // [ 0, 1, 1, 0 ]
 * ```
 */
export interface FeatureSpec {
  /** Numeric columns (in this order), scaled by `scale`. Default: none. */
  numeric?: readonly string[];
  /** Numeric columns (a subset of `numeric`) to log1p before scaling: skewed money columns. Default: none. */
  log?: readonly string[];
  /** Categorical columns to one-hot encode (not scaled: they stay 0/1). Default: none. */
  categorical?: readonly string[];
  /** Scaling of the numeric columns (default `'standard'`). */
  scale?: ScalingMethod;
  /** Unknown/missing categories in `categorical` columns (default `'error'`). */
  handleUnknown?: UnknownCategoryHandling;
}

const FEATURE_SPEC_KEYS = optionKeys<FeatureSpec>({ numeric: true, log: true, categorical: true, scale: true, handleUnknown: true });

/**
 * The serialised form of a {@link FeaturePipeline}.
 *
 * @example
 * ```ts
 * import { DataTable, FeaturePipeline, prepareFeatures, type FeaturePipelineJSON } from 'crm-mining';
 * const table = DataTable.fromRecords([{ spend: 10, plan: 'a' }, { spend: 30, plan: 'b' }]);
 * const { pipeline } = prepareFeatures(table, { numeric: ['spend'], categorical: ['plan'] });
 * const json: FeaturePipelineJSON = JSON.parse(JSON.stringify(pipeline));
 * const restored = FeaturePipeline.fromJSON(json); // ships with a saved model
 * console.log(restored.featureNames); // [ 'spend', 'plan=a', 'plan=b' ]
 * ```
 */
export interface FeaturePipelineJSON {
  /** Always `'feature-pipeline'`. */
  type: 'feature-pipeline';
  /** Numeric column names. */
  numeric: string[];
  /** The log1p step over the numeric block. */
  log: LogTransformJSON;
  /** The scaler over the numeric block. */
  scaler: ScalerJSON;
  /** One encoder per categorical column. */
  categorical: OneHotEncoderJSON[];
}

/**
 * A fitted chain that turns table rows into a feature matrix: numeric columns → log1p (chosen columns)
 * → scaling; then each categorical column one-hot encoded, appended in order. Missing numeric values are
 * an error naming the row and column (impute them first).
 *
 * @example
 * ```ts
 * import { DataTable, prepareFeatures } from 'crm-mining';
 * const train = DataTable.fromRecords([{ spend: 100, plan: 'basic' }, { spend: 300, plan: 'pro' }]);
 * const { pipeline } = prepareFeatures(train, { numeric: ['spend'], categorical: ['plan'] });
 * // later: the same scaling and encoding for new customers
 * const fresh = DataTable.fromRecords([{ spend: 200, plan: 'pro' }]);
 * console.log(Array.from(pipeline.transform(fresh).data)); // [ 0, 0, 1 ]
 * console.log(Array.from(pipeline.inverseTransform([[1, 0, 1]]).data)); // [ 300, 0, 1 ]
 * ```
 */
export class FeaturePipeline {
  /** Numeric column names, in output order. */
  readonly numeric: readonly string[];
  /** The log step (over the numeric block). */
  readonly log: LogTransform;
  /** The scaler (over the numeric block). */
  readonly scaler: Scaler;
  /** The one-hot encoders, in output order after the numeric block. */
  readonly categorical: readonly OneHotEncoder[];

  /** Builds a pipeline from fitted parts (normally use {@link prepareFeatures} or {@link FeaturePipeline.fromJSON}). */
  constructor(numeric: readonly string[], log: LogTransform, scaler: Scaler, categorical: readonly OneHotEncoder[]) {
    this.numeric = [...numeric];
    this.log = log;
    this.scaler = scaler;
    this.categorical = [...categorical];
  }

  /** The names of the output features (numeric names, then `column=category`). */
  get featureNames(): string[] {
    const out = [...this.numeric];
    for (const e of this.categorical) out.push(...e.featureNames);
    return out;
  }

  /**
   * The numeric block of `table` in original units (no log, no scaling): rows × numeric columns.
   *
   * @throws InvalidInputError naming the row and column of a missing or non-numeric value.
   */
  rawNumeric(table: DataTable): Matrix {
    return numericBlock(table, this.numeric);
  }

  /** Applies the fitted chain to a table holding (at least) the pipeline's columns. */
  transform(table: DataTable): Matrix {
    const raw = this.rawNumeric(table);
    const num = this.scaler.transform(this.log.transform(raw));
    let cols = this.numeric.length;
    for (const e of this.categorical) cols += e.categories.length;
    const rows = table.rowCount;
    const data = new Float64Array(rows * cols);
    const nn = this.numeric.length;
    for (let i = 0; i < rows; i++) for (let j = 0; j < nn; j++) data[i * cols + j] = num.data[i * nn + j];
    let off = nn;
    for (const e of this.categorical) {
      e.encodeInto(table.column(e.name).values, data, cols, off);
      off += e.categories.length;
    }
    return { rows, cols, data };
  }

  /**
   * Maps feature-space points (for example k-means centres) back to original units: the numeric block
   * un-scaled and expm1'd; one-hot columns are left as they are (a centre's value there is the share of
   * the category).
   */
  inverseTransform(x: MatrixInput): Matrix {
    const m = toMatrix(x, { name: 'X' });
    const nn = this.numeric.length;
    if (m.cols !== this.featureNames.length) {
      throw new InvalidInputError(`FeaturePipeline: input has ${m.cols} columns, expected ${this.featureNames.length}`);
    }
    const out = new Float64Array(m.data);
    if (nn > 0) {
      const block = new Float64Array(m.rows * nn);
      for (let i = 0; i < m.rows; i++) for (let j = 0; j < nn; j++) block[i * nn + j] = m.data[i * m.cols + j];
      const back = this.log.inverseTransform(this.scaler.inverseTransform({ rows: m.rows, cols: nn, data: block }));
      for (let i = 0; i < m.rows; i++) for (let j = 0; j < nn; j++) out[i * m.cols + j] = back.data[i * nn + j];
    }
    return { rows: m.rows, cols: m.cols, data: out };
  }

  /** The serialised form (exact round trip). */
  toJSON(): FeaturePipelineJSON {
    return {
      type: 'feature-pipeline',
      numeric: [...this.numeric],
      log: this.log.toJSON(),
      scaler: this.scaler.toJSON(),
      categorical: this.categorical.map((e) => e.toJSON()),
    };
  }

  /** Restores from {@link FeaturePipeline.toJSON}'s output. */
  static fromJSON(json: FeaturePipelineJSON): FeaturePipeline {
    if (json === null || typeof json !== 'object' || json.type !== 'feature-pipeline' || !Array.isArray(json.numeric)) {
      throw new InvalidInputError('FeaturePipeline.fromJSON: expected an object with type "feature-pipeline"');
    }
    return new FeaturePipeline(
      json.numeric,
      LogTransform.fromJSON(json.log),
      Scaler.fromJSON(json.scaler),
      (json.categorical ?? []).map((c) => OneHotEncoder.fromJSON(c)),
    );
  }
}

/**
 * What {@link prepareFeatures} returns.
 *
 * @example
 * ```ts
 * import { DataTable, prepareFeatures, type PreparedFeatures } from 'crm-mining';
 * const table = DataTable.fromRecords([{ spend: 50, orders: 1 }, { spend: 950, orders: 9 }]);
 * const prepared: PreparedFeatures = prepareFeatures(table, { numeric: ['spend', 'orders'] });
 * console.log(Array.from(prepared.matrix.data)); // [ -1, -1, 1, 1 ] (z-scores, ready for clustering)
 * console.log(Array.from(prepared.raw.data)); // [ 50, 1, 950, 9 ] (original units, for profiles)
 * ```
 */
export interface PreparedFeatures {
  /** The feature matrix (rows × features), ready for clustering. */
  matrix: Matrix;
  /** The numeric columns in original units (rows × numeric columns), for segment profiles. */
  raw: Matrix;
  /** The output feature names. */
  featureNames: string[];
  /** The fitted pipeline: apply it to new rows, serialise it with the model. */
  pipeline: FeaturePipeline;
}

/**
 * Fits a {@link FeaturePipeline} on `table` and applies it: the usual first step before clustering
 * customers.
 *
 * @throws InvalidOptionError when no column is named, a `log` column is not in `numeric`, or a column
 *   appears twice; InvalidInputError naming the row and column of a missing, non-numeric or negative
 *   (log) value, or a missing category.
 *
 * @example
 * ```ts
 * import { DataTable, prepareFeatures } from 'crm-mining';
 * const customers = DataTable.fromRecords([
 *   { spend: 1200, visits: 14, region: 'north' },
 *   { spend: 80, visits: 2, region: 'south' },
 *   { spend: 450, visits: 6, region: 'north' },
 * ]);
 * const { matrix, featureNames } = prepareFeatures(customers, {
 *   numeric: ['spend', 'visits'],
 *   log: ['spend'],
 *   categorical: ['region'],
 * });
 * console.log(matrix.rows, featureNames); // 3 [ 'spend', 'visits', 'region=north', 'region=south' ]
 * ```
 */
export function prepareFeatures(table: DataTable, spec: FeatureSpec): PreparedFeatures {
  rejectUnknownOptions(spec, FEATURE_SPEC_KEYS, 'prepareFeatures');
  const numeric = [...(spec.numeric ?? [])];
  const categorical = [...(spec.categorical ?? [])];
  const logCols = [...(spec.log ?? [])];
  const scale = spec.scale ?? 'standard';
  checkMethod(scale);
  if (numeric.length + categorical.length === 0) {
    throw new InvalidOptionError('numeric', 'no feature columns given; name at least one numeric or categorical column');
  }
  const seen = new Set<string>();
  for (const c of [...numeric, ...categorical]) {
    if (seen.has(c)) throw new InvalidOptionError('numeric', `column "${c}" is named twice`);
    seen.add(c);
    table.column(c); // throws naming the column when absent
  }
  const logIdx = logCols.map((c) => {
    const j = numeric.indexOf(c);
    if (j < 0) throw new InvalidOptionError('log', `column "${c}" is not one of the numeric columns`);
    return j;
  });
  const log = new LogTransform(logIdx, numeric);
  const raw = numericBlock(table, numeric);
  let scaler: Scaler;
  if (numeric.length > 0) {
    scaler = Scaler.fit(log.transform(raw), scale, numeric);
  } else {
    scaler = Scaler.fromJSON({ type: 'scaler', method: 'none', offset: [], scale: [] });
  }
  const encoders = categorical.map((c) => OneHotEncoder.fit(c, table.column(c).values, spec.handleUnknown ?? 'error'));
  const pipeline = new FeaturePipeline(numeric, log, scaler, encoders);
  return { matrix: pipeline.transform(table), raw, featureNames: pipeline.featureNames, pipeline };
}

function numericBlock(table: DataTable, names: readonly string[]): Matrix {
  const rows = table.rowCount;
  const cols = names.length;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const col = table.column(names[j]);
    const values = col.values;
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      let x: number;
      if (typeof v === 'number') x = v;
      else if (typeof v === 'boolean') x = v ? 1 : 0;
      else {
        throw new InvalidInputError(
          v === null
            ? `column "${col.name}": row ${i} is missing; impute or drop it before scaling`
            : `column "${col.name}": row ${i} is ${JSON.stringify(String(v))}, expected a number`,
          { row: i, field: col.name },
        );
      }
      if (!Number.isFinite(x)) {
        throw new InvalidInputError(`column "${col.name}": row ${i} is ${x}, expected a finite number`, { row: i, field: col.name });
      }
      data[i * cols + j] = x;
    }
  }
  return { rows, cols, data };
}

function cellKey(v: Exclude<CellValue, null>): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

function checkMethod(method: unknown): asserts method is ScalingMethod {
  if (method !== 'standard' && method !== 'minmax' && method !== 'none') {
    throw new InvalidOptionError('scale', `expected 'standard', 'minmax' or 'none', got ${String(method)}`);
  }
}

function numberArray(name: string, a: unknown): Float64Array {
  if (!Array.isArray(a)) throw new InvalidInputError(`fromJSON: ${name} is not an array`, { field: name });
  const out = new Float64Array(a.length);
  for (let j = 0; j < a.length; j++) {
    const v: unknown = a[j];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidInputError(`fromJSON: ${name}[${j}] is ${String(v)}, expected a finite number`, { field: name });
    }
    out[j] = v;
  }
  return out;
}
