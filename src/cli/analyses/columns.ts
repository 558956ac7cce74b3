/**
 * Pointing the report at a user's own customer table: the column flags of `crm-mining report`
 * (`--id`, `--churn`, `--churn-yes`, `--tenure`, `--monthly`, `--total`, `--contract`, `--internet`)
 * name the user's columns, and {@link mapColumns} renames them to the Telco role names the analysis
 * steps read (`customerID`, `Churn`, `tenure`, …), so that the steps themselves never change. The yes/no
 * service columns of `--services` are not renamed: the steps read them under the user's names (see
 * `services.ts`). Also {@link unknownColumnMessage}, the message (with its "did you mean") of every
 * unknown column a command-line flag names.
 *
 * @module
 */
import { InvalidOptionError } from '../../core/errors.js';
import { suggestOptionKey } from '../../core/validate.js';
import { DataTable, type CellValue, type Column } from '../../data/table.js';

/** The single-column roles, with the Telco column name the steps read and the flag that renames it. */
export const COLUMN_ROLES = [
  { role: 'id', flag: '--id', canonical: 'customerID' },
  { role: 'churn', flag: '--churn', canonical: 'Churn' },
  { role: 'tenure', flag: '--tenure', canonical: 'tenure' },
  { role: 'monthly', flag: '--monthly', canonical: 'MonthlyCharges' },
  { role: 'total', flag: '--total', canonical: 'TotalCharges' },
  { role: 'contract', flag: '--contract', canonical: 'Contract' },
  { role: 'internet', flag: '--internet', canonical: 'InternetService' },
] as const;

/** A single-column role of {@link COLUMN_ROLES}. */
export type ColumnRole = (typeof COLUMN_ROLES)[number]['role'];

/** The user's names for the columns the steps use; every field is optional (default: the Telco name). */
export type ColumnMapping = { readonly [R in ColumnRole]?: string } & {
  /** The churn column's value that means "left" (`--churn-yes`; default `Yes`). */
  readonly churnYes?: string;
  /**
   * The user's yes/no service columns (`--services a,b,c`), analysed under their own names, in this
   * order (default: the Telco services PhoneService, MultipleLines, …).
   */
  readonly services?: readonly string[];
};

/** What {@link mapColumns} did. */
export interface MappedColumns {
  /** The table with the user's columns under the Telco names (unchanged when nothing was mapped). */
  readonly table: DataTable;
  /** Each renaming, in flag order, for the job's opening lines and the report header. */
  readonly renamed: readonly { readonly from: string; readonly to: string }[];
  /** Columns left out because a flag gave their name to another column. */
  readonly dropped: readonly string[];
}

/**
 * `no column "X" in FILE; did you mean "Y"? (the columns are …)`, for an unknown column a flag named. The
 * suggestion is the column {@link suggestOptionKey} finds close (same name apart from case and `_`/`-`,
 * an abbreviation, or a near spelling), and is left out when no column is close.
 */
export function unknownColumnMessage(name: string, source: string, columns: readonly string[]): string {
  const guess = suggestOptionKey(name, columns);
  const list = columns.length <= 12 ? columns.map((c) => `"${c}"`).join(', ') : `${columns.slice(0, 12).map((c) => `"${c}"`).join(', ')}, …`;
  return `no column "${name}" in ${source}${guess !== undefined ? `; did you mean "${guess}"?` : ''} (the columns are ${list})`;
}

/**
 * Renames the user's columns to the Telco role names the analysis steps read, and maps the churn
 * column's values to `Yes` / `No` when `--churn` or `--churn-yes` was given (the `churnYes` value is
 * `Yes`, any other value `No`, an empty cell stays empty). A column that already has a Telco name which
 * a flag gives to another column is left out (it would otherwise be analysed as an ordinary column, and
 * an old churn label would leak into the churn model as a feature).
 *
 * @param table - the customer table, every column as text.
 * @param mapping - the user's column names (see {@link ColumnMapping}).
 * @param source - the file name, for messages.
 * @throws InvalidOptionError naming the flag when it names a column the table does not have (with the
 *   closest existing name), when two flags name the same column (or `--services` names one twice), when
 *   `--services` names a role's column (for example `Churn` or `Contract`), or when `churnYes` is in no
 *   cell of the churn column or that column holds more than two different values.
 */
export function mapColumns(table: DataTable, mapping: ColumnMapping, source: string): MappedColumns {
  const names = table.columnNames;
  const assigned = new Map<string, { flag: string; to: string }>(); // user column -> flag, new name
  const use = (flag: string, column: string, to: string): void => {
    if (!table.hasColumn(column)) throw new InvalidOptionError(flag, unknownColumnMessage(column, source, names));
    const earlier = assigned.get(column);
    if (earlier !== undefined) throw new InvalidOptionError(flag, `column "${column}" is already given to ${earlier.flag}`);
    assigned.set(column, { flag, to });
  };
  for (const { role, flag, canonical } of COLUMN_ROLES) {
    const column = mapping[role];
    if (column !== undefined) use(flag, column, canonical);
  }
  if (mapping.services !== undefined) {
    if (mapping.services.length === 0) throw new InvalidOptionError('--services', 'expected one or more column names separated by commas');
    for (const column of mapping.services) {
      const role = COLUMN_ROLES.find((r) => r.canonical === column);
      if (role !== undefined) {
        throw new InvalidOptionError('--services', `column "${column}" is the ${role.role} column (${role.flag}); a service column is a yes/no column of its own`);
      }
      use('--services', column, column); // kept under its own name
    }
  }

  const targets = new Set([...assigned.values()].map((a) => a.to));
  const renamed: { from: string; to: string }[] = [];
  const dropped: string[] = [];
  const churnFlagGiven = mapping.churn !== undefined || mapping.churnYes !== undefined;
  const columns: Column[] = [];
  for (const column of table.columns) {
    const a = assigned.get(column.name);
    const name = a?.to ?? column.name;
    if (a === undefined && targets.has(column.name)) {
      dropped.push(column.name);
      continue;
    }
    if (a !== undefined && a.to !== column.name) renamed.push({ from: column.name, to: a.to });
    let values = column.values;
    if (name === 'Churn' && churnFlagGiven) values = churnValues(column, mapping.churnYes ?? 'Yes', source);
    columns.push(values === column.values && name === column.name ? column : { name, type: 'string', values });
  }
  if (churnFlagGiven && !columns.some((c) => c.name === 'Churn')) {
    throw new InvalidOptionError('--churn-yes', `${source} has no column "Churn"; name the churn column with --churn COL`);
  }
  const changed = renamed.length > 0 || dropped.length > 0 || columns.some((c, k) => c !== table.columns[k]);
  return { table: changed ? new DataTable(columns) : table, renamed, dropped };
}

function churnValues(column: Column, yes: string, source: string): CellValue[] {
  const distinct = new Set<string>();
  const out: CellValue[] = new Array(column.values.length);
  for (let r = 0; r < column.values.length; r++) {
    const v = column.values[r];
    if (v === null) {
      out[r] = null;
      continue;
    }
    const text = String(v);
    distinct.add(text);
    out[r] = text === yes ? 'Yes' : 'No';
  }
  const shown = [...distinct].slice(0, 5).map((v) => `"${v}"`).join(', ');
  if (!distinct.has(yes)) {
    throw new InvalidOptionError('--churn-yes', `no cell of the churn column "${column.name}" in ${source} is "${yes}"; its values are ${shown}`);
  }
  if (distinct.size > 2) {
    throw new InvalidOptionError(
      '--churn-yes',
      `the churn column "${column.name}" in ${source} holds ${distinct.size} different values (${shown}); expected two (churned or not)`,
    );
  }
  return out;
}
