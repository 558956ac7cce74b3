/**
 * The yes/no service columns of the report's customer table: which columns they are (the Telco
 * services by default, or the user's own `--services` columns, analysed under their own names), which
 * of them can be offered, and what a cell of one may hold.
 *
 * A service cell is read, ignoring case and surrounding spaces, as
 * - **yes** (the customer has it): `yes`, `y`, `true`, `1`;
 * - **no** (the customer lacks it and could add it): `no`, `n`, `false`, `0`;
 * - **not available** (the customer lacks it and cannot have it): Telco's `No phone service` and
 *   `No internet service` (accepted in any service column, so that a Telco-style file with renamed
 *   columns reads as before).
 * Anything else, an empty cell included, is an {@link InvalidInputError} naming the column, the row (and
 * its line in the file) and the value. The churn tree and the churn model, which read the service columns
 * as categories, see each cell in one spelling ({@link normaliseServiceColumns}): `Yes`, `No`,
 * `No phone service` or `No internet service`.
 *
 * The Telco layout (no `--services`, or `--services` naming exactly the eight Telco services) keeps the
 * Telco rules: the `InternetService` column is required and `PhoneService` is the base line the phone
 * add-ons build on, held but not offered. With the user's own services, every listed service can be
 * offered and the internet column is used only when the file has one.
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { DataTable, type CellValue, type Column } from '../../data/table.js';

/** The Telco yes/no service columns; a `Yes` gives the item named like the column (for example `StreamingTV`). */
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

/** The Telco service that is held but never offered: the phone line that `MultipleLines` builds on. */
export const TELCO_BASE_SERVICE = 'PhoneService';

/** The service columns the report analyses, resolved once from `--services`. */
export interface ServiceColumns {
  /** The service columns, in the order given (default {@link TELCO_SERVICES}). */
  readonly names: readonly string[];
  /**
   * Whether these are the Telco services (no `--services`, or exactly the eight Telco names in any
   * order): then the internet column is required and {@link TELCO_BASE_SERVICE} is not offered.
   */
  readonly telco: boolean;
  /** The services the next-best-offer step may offer: every name but {@link TELCO_BASE_SERVICE} on the Telco layout, else all. */
  readonly offers: readonly string[];
}

/** The service layout of the bundled Telco sample (what the report uses without `--services`). */
export const TELCO_SERVICE_COLUMNS: ServiceColumns = Object.freeze({
  names: TELCO_SERVICES,
  telco: true,
  offers: TELCO_SERVICES.filter((s) => s !== TELCO_BASE_SERVICE),
});

/**
 * The service layout of a `--services` list: {@link TELCO_SERVICE_COLUMNS} when `names` is absent,
 * the Telco layout in the given order when it names exactly the Telco services, else the user's own.
 *
 * @param names - the column names given with `--services` (default: none, the Telco layout).
 */
export function serviceColumns(names?: readonly string[]): ServiceColumns {
  if (names === undefined) return TELCO_SERVICE_COLUMNS;
  const telco = names.length === TELCO_SERVICES.length && TELCO_SERVICES.every((s) => names.includes(s));
  return Object.freeze({ names: [...names], telco, offers: telco ? names.filter((s) => s !== TELCO_BASE_SERVICE) : [...names] });
}

/** A service cell's meaning: the customer lacks the service (and could add it). */
export const SERVICE_NO = 0;
/** A service cell's meaning: the customer has the service. */
export const SERVICE_YES = 1;
/** A service cell's meaning: the customer lacks the service and cannot have it (Telco's "No … service"). */
export const SERVICE_NOT_AVAILABLE = 2;

/** A service cell read: its meaning and its one spelling (what the churn steps see). */
interface ServiceValue {
  readonly state: number;
  readonly text: string;
}

const YES_VALUE: ServiceValue = { state: SERVICE_YES, text: 'Yes' };
const NO_VALUE: ServiceValue = { state: SERVICE_NO, text: 'No' };

/**
 * The accepted cell texts (lower case, trimmed), their meaning and their one spelling. Telco's two
 * "not available" values share a meaning but keep their own spellings (they are different categories
 * to the churn tree and model, as they always were).
 */
const SERVICE_VALUES = new Map<string, ServiceValue>([
  ['yes', YES_VALUE],
  ['y', YES_VALUE],
  ['true', YES_VALUE],
  ['1', YES_VALUE],
  ['no', NO_VALUE],
  ['n', NO_VALUE],
  ['false', NO_VALUE],
  ['0', NO_VALUE],
  ['no phone service', { state: SERVICE_NOT_AVAILABLE, text: 'No phone service' }],
  ['no internet service', { state: SERVICE_NOT_AVAILABLE, text: 'No internet service' }],
]);

/** What a service cell may hold, in words, for messages and the help text. */
export const SERVICE_VALUES_TEXT = 'yes/no, true/false, 1/0 or y/n (any case), or Telco\'s "No phone service" / "No internet service"';

/** One service column read: its name and each customer's {@link SERVICE_NO} / {@link SERVICE_YES} / {@link SERVICE_NOT_AVAILABLE}. */
export interface ServiceColumn {
  /** The column name (and the item name of a customer who has the service). */
  readonly name: string;
  /** The meaning of each row's cell. */
  readonly states: Uint8Array;
}

/**
 * Reads the service columns of the customer table (see the module comment for the accepted values).
 *
 * @param table - the customer table, every column as text.
 * @param services - the service layout.
 * @param source - the file name for messages.
 * @param step - what needs the columns, for the message of a missing one (default `the report`).
 * @throws InvalidInputError naming the column when one is missing, or the column, row, line and value of
 *   a cell that is not a yes/no value (an empty cell included).
 */
export function readServiceColumns(table: DataTable, services: ServiceColumns, source: string, step = 'the report'): ServiceColumn[] {
  return services.names.map((name) => {
    if (!table.hasColumn(name)) {
      throw new InvalidInputError(
        `${source}: no column "${name}"; ${step} reads the service columns ${services.names.join(', ')}${services.telco ? ' (is this the Telco customer-churn file? name your own with --services)' : ''}`,
        { field: name },
      );
    }
    const values = table.column(name).values;
    const states = new Uint8Array(values.length);
    for (let r = 0; r < values.length; r++) states[r] = serviceValue(values[r], name, r, source).state;
    return { name, states };
  });
}

/**
 * The service columns of the customer table with every cell in its one spelling: `Yes`, `No`, or Telco's
 * `No phone service` / `No internet service` (so that `yes`, `Y`, `1` and `TRUE` are one category to the
 * churn tree and the churn model, not four). The cells are read as {@link readServiceColumns} reads
 * them; a service column the table does not have is left out of the check (the churn steps use the
 * columns they find). Every other column is kept as it is, and the table itself is returned when no
 * cell changes (the bundled Telco sample is already spelled this way).
 *
 * @param table - the customer table, every column as text.
 * @param services - the service layout.
 * @param source - the file name for messages.
 * @throws InvalidInputError naming the column, row, line and value of a cell that is not a yes/no value
 *   (an empty cell included), as {@link readServiceColumns} does.
 */
export function normaliseServiceColumns(table: DataTable, services: ServiceColumns, source: string): DataTable {
  const names = new Set(services.names);
  let changed = false;
  const columns = table.columns.map((column): Column => {
    if (!names.has(column.name)) return column;
    const values = column.values;
    const spelled: string[] = new Array(values.length);
    let differs = false;
    for (let r = 0; r < values.length; r++) {
      spelled[r] = serviceValue(values[r], column.name, r, source).text;
      if (spelled[r] !== values[r]) differs = true;
    }
    if (!differs) return column;
    changed = true;
    return { name: column.name, type: 'string', values: spelled };
  });
  return changed ? new DataTable(columns) : table;
}

/** Reads one service cell; the error names the column, row, line and value. */
function serviceValue(v: CellValue, name: string, r: number, source: string): ServiceValue {
  const value = v === null ? undefined : SERVICE_VALUES.get(String(v).trim().toLowerCase());
  if (value === undefined) {
    throw new InvalidInputError(
      `${source}: row ${r + 1} (line ${r + 2}), service column "${name}": expected ${SERVICE_VALUES_TEXT}, got ${v === null ? 'an empty cell' : JSON.stringify(String(v))}`,
      { row: r, field: name },
    );
  }
  return value;
}
