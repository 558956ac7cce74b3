/**
 * The churn model's preprocessing: imputation, standardisation of numeric columns and one-hot encoding
 * of categorical columns, fitted on the training rows only and saved with the model.
 *
 * Rules (the "documented rule" for missing values):
 * - numeric missing cells are replaced by the column's median over the training rows (or the mean, or
 *   a constant, per column through `impute`); the Telco file's 11 blank `TotalCharges` (customers with
 *   tenure 0) are imputed this way by default, and {@link ChurnPreprocessor.missing} counts them;
 * - numeric columns are then standardised with the training mean and standard deviation
 *   ({@link Scaler}, `'standard'`);
 * - categorical columns are one-hot encoded over the categories seen in the training rows
 *   ({@link OneHotEncoder}, `handleUnknown: 'ignore'`): a missing cell, or at prediction a category
 *   never seen in training, encodes as all zeros — "none of the known categories".
 *
 * Each original column is one feature group; explanations and permutation importance work per group.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe } from '../core/validate.js';
import { parseDecimal } from '../data/csv.js';
import { OneHotEncoder, Scaler, type OneHotEncoderJSON, type ScalerJSON } from '../data/encoders.js';
import type { CellValue, DataTable } from '../data/table.js';
import type { ChurnSchema } from './schema.js';

/**
 * How a numeric column's missing cells are filled: `'median'`, `'mean'` (of the training rows), or a constant.
 *
 * @example
 * ```ts
 * import { ChurnPreprocessor, DataTable, type ImputeRule } from 'crm-mining';
 * const table = DataTable.fromRecords([{ charges: 10 }, { charges: null }, { charges: 40 }, { charges: 100 }]);
 * // Fill missing charges with 0 instead of the median: these customers have not been billed yet.
 * const impute: Record<string, ImputeRule> = { charges: 0 };
 * const pre = ChurnPreprocessor.fit(table, undefined, { numeric: ['charges'], categorical: [] }, { impute, logColumns: [] });
 * console.log(pre.imputeValues, pre.missing); // [0] { charges: 1 }
 * ```
 */
export type ImputeRule = 'median' | 'mean' | number;

/**
 * A feature group: the encoded columns `[start, end)` that come from one original column.
 *
 * @example
 * ```ts
 * import { ChurnPreprocessor, DataTable, type FeatureGroup } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { tenure: 2, contract: 'monthly' },
 *   { tenure: 30, contract: 'yearly' },
 *   { tenure: 12, contract: 'two-year' },
 * ]);
 * const pre = ChurnPreprocessor.fit(table, undefined, { numeric: ['tenure'], categorical: ['contract'] });
 * const groups: readonly FeatureGroup[] = pre.groups;
 * console.log(groups.map((g) => `${g.column} [${g.start}, ${g.end})`)); // ['tenure [0, 1)', 'contract [1, 4)']
 * ```
 */
export interface FeatureGroup {
  /** The original column. */
  readonly column: string;
  /** `'numeric'` or `'categorical'`. */
  readonly kind: 'numeric' | 'categorical';
  /** First encoded column. */
  readonly start: number;
  /** One past the last encoded column. */
  readonly end: number;
}

/**
 * The serialised form of a {@link ChurnPreprocessor}.
 *
 * @example
 * ```ts
 * import { ChurnPreprocessor, DataTable, type ChurnPreprocessorJSON } from 'crm-mining';
 * const table = DataTable.fromRecords([{ age: 31, plan: 'basic' }, { age: 58, plan: 'pro' }, { age: null, plan: 'basic' }]);
 * const pre = ChurnPreprocessor.fit(table, undefined, { numeric: ['age'], categorical: ['plan'] });
 * const json: ChurnPreprocessorJSON = JSON.parse(JSON.stringify(pre));
 * const again = ChurnPreprocessor.fromJSON(json);
 * console.log(json.medians, json.modes, again.featureNames); // [44.5] ['basic'] ['age', 'plan=basic', 'plan=pro']
 * ```
 */
export interface ChurnPreprocessorJSON {
  /** Always `'churn-preprocessor'`. */
  type: 'churn-preprocessor';
  /** Numeric columns. */
  numeric: string[];
  /** Categorical columns. */
  categorical: string[];
  /** The rule of each numeric column. */
  imputeRules: ImputeRule[];
  /** Numeric columns log1p-transformed before scaling. */
  logColumns?: string[];
  /** The fill value of each numeric column. */
  imputeValues: number[];
  /** The median of each numeric column over the training rows (its typical value). */
  medians: number[];
  /** The most frequent category of each categorical column over the training rows (null when none). */
  modes: (string | null)[];
  /** Missing cells per column in the training rows. */
  missing: Record<string, number>;
  /** The number of training rows. */
  rows: number;
  /** The scaler of the numeric block. */
  scaler: ScalerJSON;
  /** One encoder per categorical column. */
  encoders: OneHotEncoderJSON[];
}

/**
 * What {@link ChurnPreprocessor.transform} returns.
 *
 * @example
 * ```ts
 * import { ChurnPreprocessor, DataTable, type EncodedRows } from 'crm-mining';
 * const train = DataTable.fromRecords([{ calls: 2, plan: 'basic' }, { calls: 6, plan: 'pro' }]);
 * const pre = ChurnPreprocessor.fit(train, undefined, { numeric: ['calls'], categorical: ['plan'] });
 * // A category never seen in training encodes as all zeros, and is counted.
 * const enc: EncodedRows = pre.transform(DataTable.fromRecords([{ calls: 4, plan: 'pro' }, { calls: 8, plan: 'enterprise' }]));
 * console.log(enc.rows, enc.cols, Array.from(enc.data), enc.unseen); // 2 3 [0, 0, 1, 2, 0, 0] { plan: 1 }
 * ```
 */
export interface EncodedRows {
  /** Row-major encoded features (float32, what the network eats). */
  readonly data: Float32Array;
  /** Rows. */
  readonly rows: number;
  /** Encoded columns. */
  readonly cols: number;
  /** Missing cells filled, per column (only columns with some). */
  readonly imputed: Readonly<Record<string, number>>;
  /** Categories not seen in training (encoded as all zeros), per column (only columns with some). */
  readonly unseen: Readonly<Record<string, number>>;
}

/**
 * Options of {@link ChurnPreprocessor.fit}.
 *
 * @example
 * ```ts
 * import { ChurnPreprocessor, DataTable, type PreprocessOptions } from 'crm-mining';
 * const table = DataTable.fromRecords([1, 2, 3, 5, 8, 400].map((total) => ({ total, tenure: total % 7 })));
 * const options: PreprocessOptions = { impute: { tenure: 'mean' }, logColumns: ['total'] };
 * const pre = ChurnPreprocessor.fit(table, undefined, { numeric: ['total', 'tenure'], categorical: [] }, options);
 * console.log(pre.logColumns, pre.imputeRules); // ['total'] ['median', 'mean']
 * ```
 */
export interface PreprocessOptions {
  /** Per numeric column, how missing cells are filled (default `'median'` for every column). */
  impute?: Readonly<Record<string, ImputeRule>>;
  /**
   * Numeric columns to take log(1 + x) of before scaling, for right-skewed amounts such as total charges.
   * Default `'auto'`: every numeric column whose training values are all ≥ 0, take more than two distinct
   * values and have a skewness above 0.75 (the Telco file's `TotalCharges`); `[]` for none. Named columns
   * must hold values ≥ 0 (an error names the row otherwise).
   */
  logColumns?: readonly string[] | 'auto';
}

/** Reads a numeric cell; null for missing. @throws InvalidInputError naming the row and column. */
function numericCell(v: CellValue, row: number, column: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new InvalidInputError(`column "${column}": row ${row} is ${v}, expected a finite number`, { row, field: column });
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const x = parseDecimal(v);
    if (x !== undefined) return x;
  }
  throw new InvalidInputError(`column "${column}": row ${row} is ${describe(v instanceof Date ? v.toISOString() : v)}, expected a number`, {
    row,
    field: column,
  });
}

function skewness(x: Float64Array): number {
  const n = x.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
}

function logValue(x: number, row: number, column: string): number {
  if (x < 0) throw new InvalidInputError(`column "${column}": row ${row} is ${x}; a log-transformed column needs values >= 0`, { row, field: column });
  return Math.log1p(x);
}

function categoryKey(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  return n % 2 === 1 ? sorted[(n - 1) >> 1] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
}

/**
 * Fitted preprocessing of a churn table (see the module rules). Immutable; `toJSON()`/`fromJSON()`
 * round-trip it exactly.
 *
 * @example
 * ```ts
 * import { ChurnPreprocessor, DataTable } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { tenure: 1, charges: 70, contract: 'monthly' },
 *   { tenure: 24, charges: null, contract: 'yearly' },
 *   { tenure: 60, charges: 105, contract: 'yearly' },
 *   { tenure: 5, charges: 30, contract: null },
 * ]);
 * // Fit on rows 0-2 only (the training rows); row 3 is never read by fit.
 * const pre = ChurnPreprocessor.fit(table, [0, 1, 2], { numeric: ['tenure', 'charges'], categorical: ['contract'] });
 * console.log(pre.featureNames, pre.missing); // ['tenure', 'charges', 'contract=monthly', 'contract=yearly'] { charges: 1 }
 * const enc = pre.transform(table, [3]); // standardised numbers, then one-hot (a missing category is all zeros)
 * console.log(enc.cols, enc.imputed); // 4 { contract: 1 }
 * ```
 */
export class ChurnPreprocessor {
  /** Numeric columns, in encoded order. */
  readonly numeric: readonly string[];
  /** Categorical columns, in encoded order after the numeric block. */
  readonly categorical: readonly string[];
  /** The rule used for each numeric column's missing cells. */
  readonly imputeRules: readonly ImputeRule[];
  /** The value filled into each numeric column's missing cells (in the column's own units). */
  readonly imputeValues: readonly number[];
  /** Numeric columns log1p-transformed before scaling. */
  readonly logColumns: readonly string[];
  private readonly isLog: Uint8Array;
  /** Training median of each numeric column (its "typical value" in explanations). */
  readonly medians: readonly number[];
  /** Training mode of each categorical column (its "typical value"), null when the column had no values. */
  readonly modes: readonly (string | null)[];
  /** Missing cells per feature column in the training rows (imputed numeric, all-zero categorical). */
  readonly missing: Readonly<Record<string, number>>;
  /** The number of rows the preprocessing was fitted on. */
  readonly fittedRows: number;
  /** The standard scaler of the numeric block. */
  readonly scaler: Scaler;
  /** One one-hot encoder per categorical column. */
  readonly encoders: readonly OneHotEncoder[];
  /** The feature groups, one per original column. */
  readonly groups: readonly FeatureGroup[];
  /** The encoded width. */
  readonly width: number;

  private constructor(json: ChurnPreprocessorJSON) {
    this.numeric = [...json.numeric];
    this.categorical = [...json.categorical];
    this.imputeRules = [...json.imputeRules];
    this.imputeValues = [...json.imputeValues];
    this.logColumns = [...(json.logColumns ?? [])];
    this.isLog = Uint8Array.from(this.numeric, (c) => (this.logColumns.includes(c) ? 1 : 0));
    this.medians = [...json.medians];
    this.modes = [...json.modes];
    this.missing = { ...json.missing };
    this.fittedRows = json.rows;
    this.scaler = Scaler.fromJSON(json.scaler);
    this.encoders = json.encoders.map((e) => OneHotEncoder.fromJSON(e));
    if (this.scaler.cols !== this.numeric.length) throw new InvalidInputError('preprocessing: the scaler does not match the numeric columns');
    if (this.encoders.length !== this.categorical.length) throw new InvalidInputError('preprocessing: the encoders do not match the categorical columns');
    const groups: FeatureGroup[] = [];
    let at = 0;
    for (const c of this.numeric) groups.push({ column: c, kind: 'numeric', start: at, end: ++at });
    for (const e of this.encoders) {
      groups.push({ column: e.name, kind: 'categorical', start: at, end: at + e.categories.length });
      at += e.categories.length;
    }
    this.groups = groups;
    this.width = at;
  }

  /**
   * Fits the preprocessing on the given rows of `table` only: no other row is read.
   *
   * @param table - the data.
   * @param rows - the training rows (default all).
   * @param schema - which columns are numeric and categorical.
   * @throws InvalidInputError naming the row and column of text in a numeric column, or a numeric column
   *   with no value in the training rows; InvalidOptionError for a bad `impute` rule.
   */
  static fit(table: DataTable, rows: ArrayLike<number> | undefined, schema: Pick<ChurnSchema, 'numeric' | 'categorical'>, options: PreprocessOptions = {}): ChurnPreprocessor {
    const idx = rows ?? Int32Array.from({ length: table.rowCount }, (_, i) => i);
    const n = idx.length;
    if (n === 0) throw new InvalidInputError('preprocessing: no training rows');
    const impute = options.impute ?? {};
    for (const [c, rule] of Object.entries(impute)) {
      if (!schema.numeric.includes(c)) throw new InvalidOptionError(`impute.${c}`, `"${c}" is not a numeric feature column`);
      if (rule !== 'median' && rule !== 'mean' && !(typeof rule === 'number' && Number.isFinite(rule))) {
        throw new InvalidOptionError(`impute.${c}`, `expected 'median', 'mean' or a finite number, got ${describe(rule)}`);
      }
    }
    const autoLog = options.logColumns === undefined || options.logColumns === 'auto';
    if (!autoLog && !Array.isArray(options.logColumns)) throw new InvalidOptionError('logColumns', `expected 'auto' or an array of column names, got ${describe(options.logColumns)}`);
    const logColumns: string[] = autoLog ? [] : [...(options.logColumns as readonly string[])];
    for (const c of logColumns) if (!schema.numeric.includes(c)) throw new InvalidOptionError('logColumns', `"${c}" is not a numeric feature column`);
    const p = schema.numeric.length;
    const block = new Float64Array(n * p);
    const missing: Record<string, number> = {};
    const imputeRules: ImputeRule[] = [];
    const imputeValues: number[] = [];
    const medians: number[] = [];
    for (let j = 0; j < p; j++) {
      const name = schema.numeric[j];
      const values = table.column(name).values;
      const present: number[] = [];
      const holes: number[] = [];
      for (let t = 0; t < n; t++) {
        const x = numericCell(values[idx[t]], idx[t], name);
        if (x === null) holes.push(t);
        else {
          block[t * p + j] = x;
          present.push(x);
        }
      }
      if (present.length === 0) throw new InvalidInputError(`column "${name}": no values in the training rows; drop it or fill it`, { field: name });
      const sorted = Float64Array.from(present).sort();
      const med = median(sorted);
      let sum = 0;
      for (const x of present) sum += x;
      const rule = impute[name] ?? 'median';
      const fill = rule === 'median' ? med : rule === 'mean' ? sum / present.length : rule;
      for (const t of holes) block[t * p + j] = fill;
      if (autoLog && sorted[0] >= 0 && sorted[0] !== sorted[sorted.length - 1] && skewness(sorted) > 0.75) {
        let distinct = 1;
        for (let k = 1; k < sorted.length && distinct <= 2; k++) if (sorted[k] !== sorted[k - 1]) distinct++;
        if (distinct > 2) logColumns.push(name);
      }
      if (logColumns.includes(name)) {
        for (let t = 0; t < n; t++) block[t * p + j] = logValue(block[t * p + j], idx[t], name);
      }
      if (holes.length > 0) missing[name] = holes.length;
      imputeRules.push(rule);
      imputeValues.push(fill);
      medians.push(med);
    }
    // A table may have no numeric feature at all (only categories): the numeric block is then empty.
    const scaler =
      p === 0
        ? Scaler.fromJSON({ type: 'scaler', method: 'standard', offset: [], scale: [], constant: [], names: [] })
        : Scaler.fit({ rows: n, cols: p, data: block }, 'standard', schema.numeric);
    const encoders: OneHotEncoderJSON[] = [];
    const modes: (string | null)[] = [];
    for (const name of schema.categorical) {
      const values = table.column(name).values;
      const sub: CellValue[] = new Array(n);
      const counts = new Map<string, number>();
      let holes = 0;
      for (let t = 0; t < n; t++) {
        const k = categoryKey(values[idx[t]]);
        sub[t] = k;
        if (k === null) holes++;
        else counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      if (holes > 0) missing[name] = holes;
      let mode: string | null = null;
      let best = -1;
      for (const k of [...counts.keys()].sort()) {
        const c = counts.get(k) ?? 0;
        if (c > best) {
          best = c;
          mode = k;
        }
      }
      modes.push(mode);
      if (counts.size === 0) encoders.push({ type: 'one-hot', name, categories: [], handleUnknown: 'ignore' });
      else encoders.push(OneHotEncoder.fit(name, sub, 'ignore').toJSON());
    }
    return new ChurnPreprocessor({
      type: 'churn-preprocessor',
      numeric: [...schema.numeric],
      categorical: [...schema.categorical],
      imputeRules,
      logColumns,
      imputeValues,
      medians,
      modes,
      missing,
      rows: n,
      scaler: scaler.toJSON(),
      encoders,
    });
  }

  /** Encoded column names: numeric column names, then `column=category`. */
  get featureNames(): string[] {
    const out = [...this.numeric];
    for (const e of this.encoders) out.push(...e.featureNames);
    return out;
  }

  /**
   * Encodes rows of `table` (all rows, or the given ones). Numeric missing cells get the fitted fill value;
   * missing or unseen categories encode as all zeros (both are counted in the result).
   *
   * @throws InvalidInputError naming a feature column the table lacks, or the row and column of text in a
   *   numeric column.
   */
  transform(table: DataTable, rows?: ArrayLike<number>): EncodedRows {
    const n = rows === undefined ? table.rowCount : rows.length;
    const w = this.width;
    const out = new Float32Array(n * w);
    const imputed: Record<string, number> = {};
    const unseen: Record<string, number> = {};
    for (const c of [...this.numeric, ...this.categorical]) {
      if (!table.hasColumn(c)) {
        throw new InvalidInputError(`no column "${c}", a feature of this model; the columns are ${table.columnNames.map((x) => `"${x}"`).join(', ')}`, { field: c });
      }
    }
    const { offset, scale } = this.scaler;
    for (let j = 0; j < this.numeric.length; j++) {
      const name = this.numeric[j];
      const values = table.column(name).values;
      let holes = 0;
      for (let t = 0; t < n; t++) {
        const i = rows === undefined ? t : rows[t];
        let x = numericCell(values[i], i, name);
        if (x === null) {
          x = this.imputeValues[j];
          holes++;
        }
        if (this.isLog[j] === 1) x = logValue(x, i, name);
        out[t * w + j] = (x - offset[j]) / scale[j];
      }
      if (holes > 0) imputed[name] = holes;
    }
    for (let g = 0; g < this.encoders.length; g++) {
      const e = this.encoders[g];
      const group = this.groups[this.numeric.length + g];
      const values = table.column(e.name).values;
      const index = new Map(e.categories.map((c, k) => [c, k]));
      let holes = 0;
      let fresh = 0;
      for (let t = 0; t < n; t++) {
        const i = rows === undefined ? t : rows[t];
        const k = categoryKey(values[i]);
        if (k === null) {
          holes++;
          continue;
        }
        const c = index.get(k);
        if (c === undefined) fresh++;
        else out[t * w + group.start + c] = 1;
      }
      if (holes > 0) imputed[e.name] = holes;
      if (fresh > 0) unseen[e.name] = fresh;
    }
    return { data: out, rows: n, cols: w, imputed, unseen };
  }

  /** The encoding of a "typical" customer: every numeric column at its training median, every categorical at its mode. */
  typicalRow(): Float32Array {
    const out = new Float32Array(this.width);
    const { offset, scale } = this.scaler;
    for (let j = 0; j < this.numeric.length; j++) {
      const x = this.isLog[j] === 1 ? Math.log1p(this.medians[j]) : this.medians[j];
      out[j] = (x - offset[j]) / scale[j];
    }
    for (let g = 0; g < this.encoders.length; g++) {
      const mode = this.modes[g];
      const c = mode === null ? -1 : this.encoders[g].categories.indexOf(mode);
      if (c >= 0) out[this.groups[this.numeric.length + g].start + c] = 1;
    }
    return out;
  }

  /** The typical value of a column, as text for explanations. */
  typicalValue(column: string): string {
    const j = this.numeric.indexOf(column);
    if (j >= 0) return String(this.medians[j]);
    const g = this.categorical.indexOf(column);
    if (g >= 0) return this.modes[g] ?? '(none)';
    throw new InvalidInputError(`"${column}" is not a feature of this model`, { field: column });
  }

  /** The serialised form. */
  toJSON(): ChurnPreprocessorJSON {
    return {
      type: 'churn-preprocessor',
      numeric: [...this.numeric],
      categorical: [...this.categorical],
      imputeRules: [...this.imputeRules],
      logColumns: [...this.logColumns],
      imputeValues: [...this.imputeValues],
      medians: [...this.medians],
      modes: [...this.modes],
      missing: { ...this.missing },
      rows: this.fittedRows,
      scaler: this.scaler.toJSON(),
      encoders: this.encoders.map((e) => e.toJSON()),
    };
  }

  /** Restores from {@link ChurnPreprocessor.toJSON}'s output. @throws InvalidInputError on a malformed object. */
  static fromJSON(json: ChurnPreprocessorJSON): ChurnPreprocessor {
    if (json === null || typeof json !== 'object' || json.type !== 'churn-preprocessor') {
      throw new InvalidInputError('preprocessing: expected an object with type "churn-preprocessor"');
    }
    const arrays: (keyof ChurnPreprocessorJSON)[] = ['numeric', 'categorical', 'imputeRules', 'imputeValues', 'medians', 'modes', 'encoders'];
    for (const k of arrays) if (!Array.isArray(json[k])) throw new InvalidInputError(`preprocessing: ${k} is not an array`, { field: k });
    const p = json.numeric.length;
    if (json.imputeValues.length !== p || json.medians.length !== p || json.imputeRules.length !== p) {
      throw new InvalidInputError('preprocessing: numeric settings do not match the numeric columns');
    }
    if (json.modes.length !== json.categorical.length) throw new InvalidInputError('preprocessing: modes do not match the categorical columns');
    for (const k of ['imputeValues', 'medians'] as const) {
      json[k].forEach((v, j) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new InvalidInputError(`preprocessing: ${k}[${j}] is ${describe(v)}, expected a finite number`, { field: k });
        }
      });
    }
    return new ChurnPreprocessor(json);
  }
}
