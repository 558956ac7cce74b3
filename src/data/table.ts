/**
 * A parsed table: named, typed columns with missing values kept as missing (`null`).
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';

/**
 * One cell. `null` means missing: it is never turned into 0, `""` or `false`.
 *
 * @example
 * ```ts
 * import { DataTable, type CellValue } from 'crm-mining';
 * const table = DataTable.fromRecords([{ spend: 120 }, { spend: null }, { spend: 80 }]);
 * const spend: readonly CellValue[] = table.column('spend').values;
 * const known = spend.filter((v): v is number => typeof v === 'number'); // null = missing, never 0
 * console.log(known); // [ 120, 80 ]
 * ```
 */
export type CellValue = number | string | boolean | Date | null;

/**
 * The type of a column. `'nominal'` is a string column with a fixed, declared set of values (ARFF).
 *
 * @example
 * ```ts
 * import { parseCsv, type ColumnType } from 'crm-mining';
 * const table = await parseCsv('id,joined,vip\n007,2024-01-05,true\n012,2024-03-17,false\n');
 * const types: Record<string, ColumnType> = Object.fromEntries(table.columns.map((c) => [c.name, c.type]));
 * console.log(types); // { id: 'string', joined: 'date', vip: 'boolean' }
 * ```
 */
export type ColumnType = 'number' | 'string' | 'boolean' | 'date' | 'nominal';

/**
 * A named, typed column.
 *
 * @example
 * ```ts
 * import { DataTable, type Column } from 'crm-mining';
 * const plan: Column = { name: 'plan', type: 'nominal', values: ['basic', 'pro', null], categories: ['basic', 'pro'] };
 * const months: Column = { name: 'months', type: 'number', values: [3, 14, 7] };
 * const table = new DataTable([plan, months]);
 * console.log(table.rowCount, table.columnNames); // 3 [ 'plan', 'months' ]
 * ```
 */
export interface Column {
  /** The column's name (the CSV header or ARFF attribute name). */
  readonly name: string;
  /** Its type; every non-null value is of that type (`number`, `string`, `boolean` or `Date`). */
  readonly type: ColumnType;
  /** One value per row; `null` where missing. */
  readonly values: readonly CellValue[];
  /** For `'nominal'` columns: the declared values, in declaration order. */
  readonly categories?: readonly string[];
}

/**
 * A record: one row as an object keyed by column name.
 *
 * @example
 * ```ts
 * import { DataTable, type DataRecord } from 'crm-mining';
 * const table = DataTable.fromRecords([{ customer: 'c1', spend: 40 }, { customer: 'c2', spend: 95 }]);
 * const big: DataRecord[] = table.toRecords().filter((r) => (r.spend as number) > 50);
 * console.log(big); // [ { customer: 'c2', spend: 95 } ]
 * ```
 */
export type DataRecord = Record<string, CellValue>;

/**
 * A column-oriented table. Produced by the CSV and ARFF readers and by {@link DataTable.fromRecords};
 * consumed by the transaction builders and, in later areas, by encoders that turn it into typed arrays.
 *
 * @example
 * ```ts
 * import { DataTable } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { customer: 'c1', segment: 'retail', spend: 120.5 },
 *   { customer: 'c2', segment: 'b2b', spend: null },
 * ]);
 * console.log(table.rowCount, table.column('spend').type); // 2 number
 * console.log(table.row(1)); // { customer: 'c2', segment: 'b2b', spend: null }
 * console.log(table.select(['spend', 'customer']).columnNames); // [ 'spend', 'customer' ]
 * ```
 */
export class DataTable {
  /** The columns, in file order. */
  readonly columns: readonly Column[];
  /** The number of rows. */
  readonly rowCount: number;
  private readonly byName: Map<string, Column>;

  /**
   * @param columns - columns of equal length with distinct names.
   * @throws InvalidInputError when lengths differ or a name repeats.
   */
  constructor(columns: readonly Column[]) {
    this.columns = columns;
    this.rowCount = columns.length === 0 ? 0 : columns[0].values.length;
    this.byName = new Map();
    for (const c of columns) {
      if (this.byName.has(c.name)) throw new InvalidInputError(`duplicate column name "${c.name}"`, { field: c.name });
      if (c.values.length !== this.rowCount) {
        throw new InvalidInputError(
          `column "${c.name}" has ${c.values.length} values, expected ${this.rowCount} like column "${columns[0].name}"`,
          { field: c.name },
        );
      }
      this.byName.set(c.name, c);
    }
  }

  /** The column names, in order. */
  get columnNames(): string[] {
    return this.columns.map((c) => c.name);
  }

  /** The column with this name. @throws InvalidInputError naming the column when there is none. */
  column(name: string): Column {
    const c = this.byName.get(name);
    if (!c) {
      throw new InvalidInputError(`no column named "${name}"; the columns are ${this.columnNames.map((n) => `"${n}"`).join(', ')}`, {
        field: name,
      });
    }
    return c;
  }

  /** Whether a column of this name exists. */
  hasColumn(name: string): boolean {
    return this.byName.has(name);
  }

  /** Row `i` as a record. */
  row(i: number): DataRecord {
    if (!Number.isInteger(i) || i < 0 || i >= this.rowCount) {
      throw new InvalidInputError(`row ${i} is out of range [0, ${this.rowCount})`, { row: i });
    }
    const r: DataRecord = {};
    for (const c of this.columns) r[c.name] = c.values[i];
    return r;
  }

  /** All rows as records (a copy). */
  toRecords(): DataRecord[] {
    const out: DataRecord[] = new Array(this.rowCount);
    for (let i = 0; i < this.rowCount; i++) out[i] = this.row(i);
    return out;
  }

  /** A table with only the named columns, in the order given. */
  select(names: readonly string[]): DataTable {
    return new DataTable(names.map((n) => this.column(n)));
  }

  /**
   * Builds a table from records. Column types are inferred from the non-null values: all numbers →
   * `'number'`, all booleans → `'boolean'`, all `Date`s → `'date'`, otherwise all strings → `'string'`.
   * `undefined` and `null` are missing. Columns are the union of the records' keys, in first-seen order.
   *
   * @throws InvalidInputError naming the row and field when a column mixes types.
   */
  static fromRecords(records: readonly Record<string, unknown>[]): DataTable {
    const names: string[] = [];
    const seen = new Set<string>();
    for (const r of records) {
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    const columns: Column[] = names.map((name) => {
      let type: ColumnType | undefined;
      const values: CellValue[] = new Array(records.length);
      for (let i = 0; i < records.length; i++) {
        const v = records[i][name];
        if (v === undefined || v === null) {
          values[i] = null;
          continue;
        }
        const t = cellType(v);
        if (t === undefined) {
          throw new InvalidInputError(`row ${i}, field "${name}": unsupported value of type ${typeof v}`, { row: i, field: name });
        }
        if (t === 'number' && !Number.isFinite(v as number)) {
          throw new InvalidInputError(`row ${i}, field "${name}": ${String(v)} is not a finite number (use null for missing)`, {
            row: i,
            field: name,
          });
        }
        if (type === undefined) type = t;
        else if (type !== t) {
          throw new InvalidInputError(`row ${i}, field "${name}": a ${t} in a column of ${type}s`, { row: i, field: name });
        }
        values[i] = v as CellValue;
      }
      return { name, type: type ?? 'string', values };
    });
    return new DataTable(columns);
  }
}

function cellType(v: unknown): ColumnType | undefined {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (v instanceof Date) return 'date';
  return undefined;
}
