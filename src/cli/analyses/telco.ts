/**
 * The customers as market baskets: which items a customer's basket holds, and the builder that makes
 * them from the CSV table through the library's public API. The service items are the service columns
 * as named (the Telco services by default, or the user's `--services` columns; see `services.ts`); the
 * contract items are the contract column's values as found (Telco's or the user's own, `--contract`).
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { parseDecimal } from '../../data/csv.js';
import type { DataTable } from '../../data/table.js';
import { TransactionSet } from '../../data/transactions.js';
import { readServiceColumns, SERVICE_YES, TELCO_SERVICE_COLUMNS, type ServiceColumns } from './services.js';

export { TELCO_SERVICES } from './services.js';

/** The item of a customer who left (`Churn` = `Yes`). */
export const CHURN_ITEM = 'Churn';

/** The item of a customer in their first year (`tenure` < 12 months). */
export const FIRST_YEAR_ITEM = 'Tenure<12m';

/**
 * The Telco contract values, shortest commitment first. No step needs them: any contract column's values
 * are used as found (an item `Contract=<value>` per customer, a CLV group per value, a demographic
 * segment attribute); these only set the order in which tables list the Telco values (see
 * {@link compareContracts}).
 */
export const TELCO_CONTRACTS: readonly string[] = Object.freeze(['Month-to-month', 'One year', 'Two year']);

/**
 * The order in which the report lists contract values: Telco's in commitment order (month-to-month, one
 * year, two year — an order the Telco names carry and other names do not), then any other value in
 * alphabetical order of its text (the values' own order; for example `basic`, `plus`, `pro`).
 */
export function compareContracts(a: string, b: string): number {
  const rank = (c: string): number => {
    const k = TELCO_CONTRACTS.indexOf(c);
    return k < 0 ? TELCO_CONTRACTS.length : k;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The distinct values of the customer table's `Contract` column in {@link compareContracts} order, or
 * `undefined` when the table has no such column (empty cells are left out).
 */
export function contractValues(table: DataTable): string[] | undefined {
  if (!table.hasColumn('Contract')) return undefined;
  const seen = new Set<string>();
  for (const v of table.column('Contract').values) if (v !== null) seen.add(String(v));
  return [...seen].sort(compareContracts);
}

/** The most contract values {@link basketDescription} lists by name. */
const LISTED_CONTRACTS = 6;

/**
 * How each basket is made, in words, for the job's output and the README.
 *
 * @param services - the service layout (default: the Telco services).
 * @param contracts - the contract values of the file (see {@link contractValues}; default: the Telco
 *   values); the items list them when there are at most six.
 */
export function basketDescription(services: ServiceColumns = TELCO_SERVICE_COLUMNS, contracts: readonly string[] = TELCO_CONTRACTS): string[] {
  const items = contracts.map((c) => `"Contract=${c}"`);
  return [
    services.telco
      ? `a service the customer has (value "Yes") is an item named after it: ${services.names.join(', ')}`
      : `a service the customer has (a yes value: yes, y, true or 1, in any case) is an item named after its column: ${services.names.join(', ')}`,
    services.telco
      ? 'InternetService gives "Internet=DSL" or "Internet=Fiber optic" (nothing for customers without internet)'
      : 'InternetService, when the file has it, gives "Internet=DSL" or "Internet=Fiber optic" (nothing for customers without internet)',
    contracts.length === 0 || contracts.length > LISTED_CONTRACTS
      ? `Contract gives "Contract=<value>", one item per contract value${contracts.length > 0 ? ` (${contracts.length} in this file)` : ''}`
      : `Contract gives ${items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`}`,
    `a customer in their first year (tenure < 12 months) gets "${FIRST_YEAR_ITEM}"`,
    `a customer who left (Churn = "Yes") gets "${CHURN_ITEM}"`,
  ];
}

/** {@link basketDescription} of the Telco services. */
export const TELCO_BASKET_DESCRIPTION: readonly string[] = basketDescription();

const INTERNET_VALUES: Record<string, string | null> = { DSL: 'Internet=DSL', 'Fiber optic': 'Internet=Fiber optic', No: null };
const YES_NO = ['Yes', 'No'];

/**
 * Turns the customer table (every column read as text) into one basket per customer, as described by
 * {@link basketDescription}. The transaction ids are the `customerID`s when that column exists.
 *
 * @param table - the table as `readCsv(path, { inferTypes: false })` returns it.
 * @param source - the file name for error messages.
 * @param services - the service columns (default: the Telco services); with the user's own, the
 *   `InternetService` column is optional.
 * @throws InvalidInputError naming the column when one is missing, or the row, line and column when a
 *   cell holds a value other than the expected ones (or is empty; a contract cell may hold any value).
 */
export function telcoBaskets(table: DataTable, source: string, services: ServiceColumns = TELCO_SERVICE_COLUMNS): TransactionSet {
  const text = (name: string): readonly (string | null)[] => {
    if (!table.hasColumn(name)) {
      throw new InvalidInputError(`${source}: no column "${name}"; is this the Telco customer-churn file? The columns are ${table.columnNames.join(', ')}`, {
        field: name,
      });
    }
    return table.column(name).values.map((v) => (v === null ? null : String(v)));
  };
  const quoted = (values: readonly string[]): string => values.map((e) => `"${e}"`).join(', ');
  const bad = (row: number, column: string, value: string | null, expected: string): InvalidInputError =>
    new InvalidInputError(
      `${source}: row ${row + 1} (line ${row + 2}), column "${column}": expected ${expected}, got ${
        value === null ? 'an empty cell' : JSON.stringify(value)
      }`,
      { row, field: column },
    );

  const serviceCols = readServiceColumns(table, services, source, 'the basket builder');
  const internet = services.telco || table.hasColumn('InternetService') ? text('InternetService') : undefined;
  const contract = text('Contract');
  const tenure = text('tenure');
  const churn = text('Churn');
  const ids = table.hasColumn('customerID') ? text('customerID') : undefined;

  const baskets: string[][] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const basket: string[] = [];
    for (const s of serviceCols) if (s.states[r] === SERVICE_YES) basket.push(s.name);
    if (internet !== undefined) {
      const i = internet[r];
      if (i === null || !Object.hasOwn(INTERNET_VALUES, i)) throw bad(r, 'InternetService', i, quoted(Object.keys(INTERNET_VALUES)));
      const internetItem = INTERNET_VALUES[i];
      if (internetItem !== null) basket.push(internetItem);
    }
    const c = contract[r];
    if (c === null) throw bad(r, 'Contract', c, 'a contract value');
    basket.push(`Contract=${c}`);
    const t = tenure[r] === null ? undefined : parseDecimal(tenure[r] as string);
    if (t === undefined || !(t >= 0)) throw bad(r, 'tenure', tenure[r], 'a number of months >= 0');
    if (t < 12) basket.push(FIRST_YEAR_ITEM);
    const ch = churn[r];
    if (ch === null || !YES_NO.includes(ch)) throw bad(r, 'Churn', ch, quoted(YES_NO));
    if (ch === 'Yes') basket.push(CHURN_ITEM);
    baskets[r] = basket;
  }
  if (ids !== undefined) {
    const idTexts = ids.map((v, r) => v ?? `row ${r + 1}`);
    return TransactionSet.fromArrays(baskets, idTexts);
  }
  return TransactionSet.fromArrays(baskets);
}
