/**
 * The churn table's schema: which column is the label (and which of its values means "churned"), which
 * is an id, which columns are numeric features, which are categorical, and which are left out and why.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe } from '../core/validate.js';
import { DataTable, type CellValue } from '../data/table.js';

/**
 * How a column is used: a numeric feature, a categorical feature (one-hot), or not at all.
 *
 * @example
 * ```ts
 * import { DataTable, inferChurnSchema, type FeatureKind } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { plan: 1, calls: 3, left: 'no' },
 *   { plan: 2, calls: 9, left: 'yes' },
 *   { plan: 1, calls: 0, left: 'no' },
 * ]);
 * // `plan` holds codes, not amounts: treat it as a category.
 * const columnTypes: Record<string, FeatureKind> = { plan: 'categorical' };
 * const schema = inferChurnSchema(table, { target: 'left', columnTypes });
 * console.log(schema.numeric, schema.categorical); // ['calls'] ['plan']
 * ```
 */
export type FeatureKind = 'numeric' | 'categorical' | 'ignore';

/**
 * A label value: the positive ("churned") class is one of these.
 *
 * @example
 * ```ts
 * import { DataTable, churnLabels, type LabelValue } from 'crm-mining';
 * const table = DataTable.fromRecords([{ status: 'cancelled' }, { status: 'active' }, { status: 'paused' }]);
 * const churned: LabelValue = 'cancelled';
 * console.log(Array.from(churnLabels(table, 'status', churned))); // [1, 0, 0]
 * ```
 */
export type LabelValue = string | number | boolean;

/**
 * The data a churn model accepts: a parsed table, or an array of records keyed by column name.
 *
 * @example
 * ```ts
 * import { DataTable, toChurnTable, type ChurnData } from 'crm-mining';
 * // Either form is accepted wherever churn data is expected.
 * const asRecords: ChurnData = [{ tenure: 3, churn: 'Yes' }, { tenure: 40, churn: 'No' }];
 * const asTable: ChurnData = DataTable.fromRecords([{ tenure: 3, churn: 'Yes' }]);
 * console.log(toChurnTable(asRecords).rowCount, toChurnTable(asTable).rowCount); // 2 1
 * ```
 */
export type ChurnData = DataTable | readonly Record<string, unknown>[];

/**
 * Options that decide the schema (see {@link inferChurnSchema}).
 *
 * @example
 * ```ts
 * import { DataTable, inferChurnSchema, type ChurnSchemaOptions } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { customerID: 'A-1', tenure: 2, contract: 'Month-to-month', note: 'called twice', Churn: 'Yes' },
 *   { customerID: 'B-7', tenure: 48, contract: 'Two year', note: '', Churn: 'No' },
 * ]);
 * const options: ChurnSchemaOptions = { target: 'Churn', id: 'customerID', drop: ['note'] };
 * const schema = inferChurnSchema(table, options);
 * console.log(schema.positive, schema.numeric, schema.categorical); // Yes ['tenure'] ['contract']
 * ```
 */
export interface ChurnSchemaOptions {
  /** The label column (required). */
  target: string;
  /**
   * The label value that means "churned". Default: inferred when the label has exactly two values — `true`
   * for booleans, `1` for 0/1 numbers, otherwise the value that reads as yes (`yes`, `y`, `true`, `1`,
   * `churn`, `churned`, `left`, `positive`, any case). When given, every other value is negative, so a
   * label with more than two values is allowed.
   */
  positive?: LabelValue;
  /** An id column, kept for output and never a feature (default: none, but see {@link ChurnSchemaOptions.columnTypes}). */
  id?: string;
  /** Columns to leave out (default none). */
  drop?: readonly string[];
  /**
   * Per-column overrides of the inferred kind (default: none). Inference: number columns are numeric;
   * boolean, string and nominal columns are categorical; date columns are ignored (derive a number such as
   * tenure from them instead); a text column whose values are all distinct (more than 20 rows) is ignored
   * as an id; a categorical column with more than `maxCategories` values is ignored. Forcing `'numeric'`
   * on a text column reads its cells as decimal numbers, and a cell that is not one is an error naming the
   * row and column.
   */
  columnTypes?: Readonly<Record<string, FeatureKind>>;
  /** The most distinct values a column may have and still be inferred categorical (default 50). */
  maxCategories?: number;
}

/**
 * A column left out of the features, and why.
 *
 * @example
 * ```ts
 * import { DataTable, inferChurnSchema, type IgnoredColumn } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { id: 'a', signedUp: new Date('2023-01-05'), spend: 20, churned: true },
 *   { id: 'b', signedUp: new Date('2024-03-01'), spend: 55, churned: false },
 * ]);
 * const ignored: readonly IgnoredColumn[] = inferChurnSchema(table, { target: 'churned', id: 'id' }).ignored;
 * console.log(ignored.map((c) => `${c.column}: ${c.reason}`)); // ['id: id', 'signedUp: date', 'churned: target']
 * ```
 */
export interface IgnoredColumn {
  /** The column name. */
  readonly column: string;
  /** Why: `'target'`, `'id'`, `'dropped'`, `'override'`, `'date'`, `'all distinct'`, `'too many categories'`, `'no values'`. */
  readonly reason: string;
}

/**
 * The resolved schema of a churn model; saved with it.
 *
 * @example
 * ```ts
 * import { DataTable, inferChurnSchema, type ChurnSchema } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { tenure: 1, internet: 'fiber', churn: 1 },
 *   { tenure: 30, internet: 'dsl', churn: 0 },
 * ]);
 * const schema: ChurnSchema = inferChurnSchema(table, { target: 'churn' });
 * console.log(schema); // { target: 'churn', positive: 1, numeric: ['tenure'], categorical: ['internet'], ignored: [{ column: 'churn', reason: 'target' }] }
 * ```
 */
export interface ChurnSchema {
  /** The label column. */
  readonly target: string;
  /** The label value that means "churned". */
  readonly positive: LabelValue;
  /** The id column, when there is one. */
  readonly id?: string;
  /** Numeric feature columns, in table order. */
  readonly numeric: readonly string[];
  /** Categorical feature columns, in table order. */
  readonly categorical: readonly string[];
  /** Columns not used as features, with the reason. */
  readonly ignored: readonly IgnoredColumn[];
}

const YES = new Set(['yes', 'y', 'true', '1', 'churn', 'churned', 'left', 'positive', 't']);
const KINDS: readonly FeatureKind[] = ['numeric', 'categorical', 'ignore'];

/**
 * Turns records into a table (a table is returned as is).
 *
 * @example
 * ```ts
 * import { toChurnTable } from 'crm-mining';
 * const table = toChurnTable([
 *   { tenure: 5, contract: 'monthly', churn: 'Yes' },
 *   { tenure: 61, contract: 'two-year', churn: 'No' },
 * ]);
 * console.log(table.columnNames, table.rowCount); // ['tenure', 'contract', 'churn'] 2
 * ```
 */
export function toChurnTable(data: ChurnData, name = 'data'): DataTable {
  if (data instanceof DataTable) return data;
  if (!Array.isArray(data)) throw new InvalidInputError(`${name}: expected a DataTable or an array of records, got ${describe(data)}`, { field: name });
  for (let i = 0; i < data.length; i++) {
    const r: unknown = data[i];
    if (r === null || typeof r !== 'object' || Array.isArray(r)) {
      throw new InvalidInputError(`${name}: row ${i} is ${describe(r)}, expected a record (an object keyed by column name)`, { row: i });
    }
  }
  return DataTable.fromRecords(data);
}

/** Every row has an id and no id repeats: a repeated customer would be trained on twice (and leak across folds). */
function checkIds(table: DataTable, id: string): void {
  const values = table.column(id).values;
  const first = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const key = v === null ? '' : labelKey(v).trim();
    if (key === '') throw new InvalidInputError(`id column "${id}": row ${i} has no id`, { row: i, field: id });
    const seen = first.get(key);
    if (seen !== undefined) {
      throw new InvalidInputError(`id column "${id}": ${JSON.stringify(key)} appears in row ${i} and in row ${seen}; ids must be unique`, { row: i, field: id });
    }
    first.set(key, i);
  }
}

function labelKey(v: CellValue): string {
  return v instanceof Date ? v.toISOString() : String(v);
}

/**
 * Decides the positive label value.
 *
 * @throws InvalidInputError when the label column is missing, has a missing cell (row named), has one
 *   value only, or has other than two values with no `positive` named; InvalidOptionError when `positive`
 *   does not occur.
 *
 * @example
 * ```ts
 * import { DataTable, resolvePositive } from 'crm-mining';
 * const table = DataTable.fromRecords([{ Churn: 'No' }, { Churn: 'Yes' }, { Churn: 'No' }]);
 * console.log(resolvePositive(table, 'Churn')); // Yes: the value that reads as yes
 * console.log(resolvePositive(table, 'Churn', 'No')); // No: named explicitly
 * ```
 */
export function resolvePositive(table: DataTable, target: string, positive?: LabelValue): LabelValue {
  const col = table.column(target);
  const seen = new Map<string, LabelValue>();
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (v === null) throw new InvalidInputError(`label "${target}": row ${i} is missing; every training row needs a label`, { row: i, field: target });
    const k = labelKey(v);
    if (!seen.has(k)) seen.set(k, v instanceof Date ? k : v);
  }
  const values = [...seen.values()];
  if (positive !== undefined) {
    if (typeof positive !== 'string' && typeof positive !== 'number' && typeof positive !== 'boolean') {
      throw new InvalidOptionError('positive', `expected a string, number or boolean, got ${describe(positive)}`);
    }
    const hit = seen.get(String(positive));
    if (hit === undefined) {
      throw new InvalidOptionError('positive', `${JSON.stringify(positive)} does not occur in label "${target}"; its values are ${values.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    return hit;
  }
  if (values.length !== 2) {
    throw new InvalidInputError(
      `label "${target}" has ${values.length} distinct value${values.length === 1 ? '' : 's'} (${values
        .slice(0, 10)
        .map((v) => JSON.stringify(v))
        .join(', ')}${values.length > 10 ? ', …' : ''}); expected two, or name the churn value with positive`,
      { field: target },
    );
  }
  const bools = values.filter((v) => v === true);
  if (bools.length === 1) return true;
  const ones = values.filter((v) => v === 1);
  if (ones.length === 1 && values.some((v) => v === 0)) return 1;
  const yes = values.filter((v) => YES.has(String(v).trim().toLowerCase()));
  if (yes.length === 1) return yes[0];
  throw new InvalidInputError(
    `label "${target}": cannot tell which of ${values.map((v) => JSON.stringify(v)).join(' and ')} means churned; name it with positive`,
    { field: target },
  );
}

/**
 * The 0/1 churn label of each row (1 = `positive`).
 *
 * @throws InvalidInputError naming the row of a missing label.
 *
 * @example
 * ```ts
 * import { DataTable, churnLabels, resolvePositive } from 'crm-mining';
 * const table = DataTable.fromRecords([{ left: 0 }, { left: 1 }, { left: 1 }, { left: 0 }]);
 * const positive = resolvePositive(table, 'left'); // 1
 * const y = churnLabels(table, 'left', positive);
 * console.log(Array.from(y)); // [0, 1, 1, 0]
 * ```
 */
export function churnLabels(table: DataTable, target: string, positive: LabelValue): Uint8Array {
  const col = table.column(target);
  const p = String(positive);
  const y = new Uint8Array(col.values.length);
  for (let i = 0; i < y.length; i++) {
    const v = col.values[i];
    if (v === null) throw new InvalidInputError(`label "${target}": row ${i} is missing`, { row: i, field: target });
    y[i] = labelKey(v) === p ? 1 : 0;
  }
  return y;
}

/**
 * Infers the schema of a churn table (see {@link ChurnSchemaOptions} for the rules) and checks the label.
 *
 * @throws InvalidOptionError when `target` is not given, an option names a column that does not exist or
 *   an override kind is unknown; InvalidInputError for a bad label (see {@link resolvePositive}), for an
 *   `id` column with a missing or repeated id (naming the rows), or when no feature column is left.
 *
 * @example
 * ```ts
 * import { DataTable, inferChurnSchema } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { customerID: '0001-A', tenure: 1, MonthlyCharges: 70.7, Contract: 'Month-to-month', Churn: 'Yes' },
 *   { customerID: '0002-B', tenure: 34, MonthlyCharges: 56.95, Contract: 'One year', Churn: 'No' },
 *   { customerID: '0003-C', tenure: 2, MonthlyCharges: 53.85, Contract: 'Month-to-month', Churn: 'Yes' },
 * ]);
 * const schema = inferChurnSchema(table, { target: 'Churn', id: 'customerID' });
 * console.log(schema.positive, schema.numeric, schema.categorical); // Yes ['tenure', 'MonthlyCharges'] ['Contract']
 * ```
 */
export function inferChurnSchema(table: DataTable, options: ChurnSchemaOptions): ChurnSchema {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'expected an object with at least target');
  const { target } = options;
  if (typeof target !== 'string' || target === '') throw new InvalidOptionError('target', `expected the name of the label column, got ${describe(target)}`);
  if (!table.hasColumn(target)) {
    throw new InvalidInputError(`no label column "${target}"; the columns are ${table.columnNames.map((n) => `"${n}"`).join(', ')}`, { field: target });
  }
  const maxCategories = options.maxCategories ?? 50;
  if (!Number.isInteger(maxCategories) || maxCategories < 2) throw new InvalidOptionError('maxCategories', `expected an integer >= 2, got ${describe(maxCategories)}`);
  const checkColumn = (option: string, name: unknown): string => {
    if (typeof name !== 'string' || !table.hasColumn(name)) {
      throw new InvalidOptionError(option, `no column ${describe(name)}; the columns are ${table.columnNames.map((n) => `"${n}"`).join(', ')}`);
    }
    return name;
  };
  const id = options.id === undefined ? undefined : checkColumn('id', options.id);
  if (id !== undefined) checkIds(table, id);
  const drop = new Set<string>();
  if (options.drop !== undefined) {
    if (!Array.isArray(options.drop)) throw new InvalidOptionError('drop', 'expected an array of column names');
    for (const d of options.drop) drop.add(checkColumn('drop', d));
  }
  const overrides = options.columnTypes ?? {};
  for (const [name, kind] of Object.entries(overrides)) {
    checkColumn(`columnTypes.${name}`, name);
    if (!KINDS.includes(kind)) throw new InvalidOptionError(`columnTypes.${name}`, `expected 'numeric', 'categorical' or 'ignore', got ${describe(kind)}`);
  }
  const positive = resolvePositive(table, target, options.positive);

  const numeric: string[] = [];
  const categorical: string[] = [];
  const ignored: IgnoredColumn[] = [];
  for (const col of table.columns) {
    const name = col.name;
    if (name === target) {
      ignored.push({ column: name, reason: 'target' });
      continue;
    }
    if (name === id) {
      ignored.push({ column: name, reason: 'id' });
      continue;
    }
    if (drop.has(name)) {
      ignored.push({ column: name, reason: 'dropped' });
      continue;
    }
    const forced = overrides[name];
    if (forced === 'ignore') {
      ignored.push({ column: name, reason: 'override' });
      continue;
    }
    if (forced === 'numeric') {
      numeric.push(name);
      continue;
    }
    const distinct = new Set<string>();
    let present = 0;
    for (const v of col.values) {
      if (v === null) continue;
      present++;
      if (distinct.size <= table.rowCount) distinct.add(labelKey(v));
    }
    if (forced === 'categorical') {
      categorical.push(name);
      continue;
    }
    if (present === 0) {
      ignored.push({ column: name, reason: 'no values' });
      continue;
    }
    if (col.type === 'number') {
      numeric.push(name);
      continue;
    }
    if (col.type === 'date') {
      ignored.push({ column: name, reason: 'date' });
      continue;
    }
    if (col.type !== 'boolean' && present > 20 && distinct.size === present) {
      ignored.push({ column: name, reason: 'all distinct' });
      continue;
    }
    if (distinct.size > maxCategories) {
      ignored.push({ column: name, reason: 'too many categories' });
      continue;
    }
    categorical.push(name);
  }
  if (numeric.length + categorical.length === 0) {
    throw new InvalidInputError(`no feature columns left besides the label "${target}" (ignored: ${ignored.map((c) => `${c.column} (${c.reason})`).join(', ')})`);
  }
  const schema: ChurnSchema = { target, positive, numeric, categorical, ignored };
  return id === undefined ? schema : { ...schema, id };
}
