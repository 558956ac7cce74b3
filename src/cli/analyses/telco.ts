/**
 * The IBM Telco customer-churn sample as market baskets: which items a customer's basket holds, and
 * the builder that makes them from the CSV table through the library's public API.
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { parseDecimal } from '../../data/csv.js';
import type { DataTable } from '../../data/table.js';
import { TransactionSet } from '../../data/transactions.js';

/** The yes/no service columns; a `Yes` gives the item named like the column (for example `StreamingTV`). */
export const TELCO_SERVICES = [
  'PhoneService',
  'MultipleLines',
  'OnlineSecurity',
  'OnlineBackup',
  'DeviceProtection',
  'TechSupport',
  'StreamingTV',
  'StreamingMovies',
] as const;

/** The item of a customer who left (`Churn` = `Yes`). */
export const CHURN_ITEM = 'Churn';

/** The item of a customer in their first year (`tenure` < 12 months). */
export const FIRST_YEAR_ITEM = 'Tenure<12m';

/** How each basket is made, in words, for the job's output and the README. */
export const TELCO_BASKET_DESCRIPTION = [
  `a service the customer has (value "Yes") is an item named after it: ${TELCO_SERVICES.join(', ')}`,
  'InternetService gives "Internet=DSL" or "Internet=Fiber optic" (nothing for customers without internet)',
  'Contract gives "Contract=Month-to-month", "Contract=One year" or "Contract=Two year"',
  `a customer in their first year (tenure < 12 months) gets "${FIRST_YEAR_ITEM}"`,
  `a customer who left (Churn = "Yes") gets "${CHURN_ITEM}"`,
];

const SERVICE_VALUES = ['Yes', 'No', 'No phone service', 'No internet service'];
const INTERNET_VALUES: Record<string, string | null> = { DSL: 'Internet=DSL', 'Fiber optic': 'Internet=Fiber optic', No: null };
const CONTRACT_VALUES = ['Month-to-month', 'One year', 'Two year'];
const YES_NO = ['Yes', 'No'];

/**
 * Turns the Telco table (every column read as text) into one basket per customer, as described by
 * {@link TELCO_BASKET_DESCRIPTION}. The transaction ids are the `customerID`s when that column exists.
 *
 * @param table - the table as `readCsv(path, { inferTypes: false })` returns it.
 * @param source - the file name for error messages.
 * @throws InvalidInputError naming the column when one is missing, or the row, line and column when a
 *   cell holds a value other than the expected ones (or is empty).
 */
export function telcoBaskets(table: DataTable, source: string): TransactionSet {
  const text = (name: string): readonly (string | null)[] => {
    if (!table.hasColumn(name)) {
      throw new InvalidInputError(`${source}: no column "${name}"; is this the Telco customer-churn file? The columns are ${table.columnNames.join(', ')}`, {
        field: name,
      });
    }
    return table.column(name).values.map((v) => (v === null ? null : String(v)));
  };
  const bad = (row: number, column: string, value: string | null, expected: readonly string[]): InvalidInputError =>
    new InvalidInputError(
      `${source}: row ${row + 1} (line ${row + 2}), column "${column}": expected ${expected.map((e) => `"${e}"`).join(', ')}, got ${
        value === null ? 'an empty cell' : JSON.stringify(value)
      }`,
      { row, field: column },
    );

  const services = TELCO_SERVICES.map((name) => ({ name, values: text(name) }));
  const internet = text('InternetService');
  const contract = text('Contract');
  const tenure = text('tenure');
  const churn = text('Churn');
  const ids = table.hasColumn('customerID') ? text('customerID') : undefined;

  const baskets: string[][] = new Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const basket: string[] = [];
    for (const s of services) {
      const v = s.values[r];
      if (v === null || !SERVICE_VALUES.includes(v)) throw bad(r, s.name, v, SERVICE_VALUES);
      if (v === 'Yes') basket.push(s.name);
    }
    const i = internet[r];
    if (i === null || !(i in INTERNET_VALUES)) throw bad(r, 'InternetService', i, Object.keys(INTERNET_VALUES));
    const internetItem = INTERNET_VALUES[i];
    if (internetItem !== null) basket.push(internetItem);
    const c = contract[r];
    if (c === null || !CONTRACT_VALUES.includes(c)) throw bad(r, 'Contract', c, CONTRACT_VALUES);
    basket.push(`Contract=${c}`);
    const t = tenure[r] === null ? undefined : parseDecimal(tenure[r] as string);
    if (t === undefined || !(t >= 0)) throw bad(r, 'tenure', tenure[r], ['a number of months >= 0']);
    if (t < 12) basket.push(FIRST_YEAR_ITEM);
    const ch = churn[r];
    if (ch === null || !YES_NO.includes(ch)) throw bad(r, 'Churn', ch, YES_NO);
    if (ch === 'Yes') basket.push(CHURN_ITEM);
    baskets[r] = basket;
  }
  if (ids !== undefined) {
    const idTexts = ids.map((v, r) => v ?? `row ${r + 1}`);
    return TransactionSet.fromArrays(baskets, idTexts);
  }
  return TransactionSet.fromArrays(baskets);
}
