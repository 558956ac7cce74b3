/**
 * Tables as HTML: {@link htmlTable} for notebooks (self-contained, inline alignment), and the one table
 * renderer behind it that the report page (`renderReportHtml`) shares, with its own CSS classes and
 * number format.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireInteger } from '../core/validate.js';
import { DataTable } from '../data/table.js';

/**
 * What {@link htmlTable} shows: a {@link DataTable}, an array of plain records (one object per row;
 * the columns are the union of their keys, in first-seen order), or explicit `{ columns, rows }` with
 * one cell per column in each row (a report's table block has this shape too).
 *
 * @example
 * ```ts
 * import { DataTable, type HtmlTableData } from 'crm-mining';
 * const inputs: HtmlTableData[] = [
 *   DataTable.fromRecords([{ tier: 'A', customers: 1408 }]),
 *   [{ tier: 'A', customers: 1408 }],
 *   { columns: ['tier', 'customers'], rows: [['A', 1408]] },
 * ];
 * console.log(inputs.length); // 3
 * ```
 */
export type HtmlTableData =
  | DataTable
  | readonly Readonly<Record<string, unknown>>[]
  | { readonly columns: readonly string[]; readonly rows: readonly (readonly unknown[])[] };

/**
 * Options of {@link htmlTable}.
 *
 * @example
 * ```ts
 * import type { HtmlTableOptions } from 'crm-mining';
 * const options: HtmlTableOptions = { columns: ['customer', 'spend'], digits: 2, maxRows: 10, caption: 'Top spenders' };
 * console.log(options.maxRows); // 10
 * ```
 */
export interface HtmlTableOptions {
  /** The columns to show, in this order (default: all, in the data's order). Each must be a column of the data. */
  readonly columns?: readonly string[];
  /**
   * Decimals shown for the numbers of a column that has any non-integer number (default 3, an integer in
   * [0, 20]). A column whose numbers are all integers shows them as integers.
   */
  readonly digits?: number;
  /**
   * The most rows shown (default 20; `Infinity` shows every row). When the data has more, the table ends
   * with a line "… N more rows (M in all)", so that a large table does not flood the notebook.
   */
  readonly maxRows?: number;
  /** A caption above the table (default: none). */
  readonly caption?: string;
}

const HTML_TABLE_OPTION_KEYS = optionKeys<HtmlTableOptions>({ columns: true, digits: true, maxRows: true, caption: true });

/**
 * Renders data as an HTML table string, for `display.html(...)` in a Jupyter notebook (tslab kernel)
 * or anywhere else HTML is shown. The table is self-contained: alignment is set inline, so it needs no
 * stylesheet.
 *
 * - Every text (column names, cells, caption) is HTML-escaped.
 * - Numbers are right-aligned, with thousands separators (`en-US`). In a column whose shown numbers are
 *   all integers they are shown as integers (`1,408`); otherwise every number of the column has
 *   `digits` decimals (`0.734`, `1,234.500`). `Infinity` shows as `∞`, `-Infinity` as `−∞`. A column
 *   holding only numbers (and missing cells) has a right-aligned header.
 * - Missing cells (`null`, `undefined`, `NaN`, an invalid `Date`) show a grey en dash `–` with the
 *   tooltip "missing", so that they differ from an empty string (an empty cell).
 * - Dates show as ISO 8601 in UTC: `2024-03-05` at midnight UTC (as the CSV reader makes them),
 *   otherwise `2024-03-05T14:07:00Z`. Booleans show as `true` / `false`, left-aligned like text.
 * - At most `maxRows` rows are shown (default 20), then a line says how many more there are. Only the
 *   rows shown are formatted, so showing a table of 100,000 rows takes little more than showing one of 20.
 *
 * @param data - a {@link DataTable}, an array of records, or `{ columns, rows }` (see {@link HtmlTableData}).
 * @param options - see {@link HtmlTableOptions}.
 * @returns the `<table>` element as a string.
 * @throws InvalidOptionError naming the option when an option is unknown or out of range, or `columns`
 * names a column the data does not have.
 * @throws InvalidInputError naming the row and column when the data is not one of the three shapes, a
 * record is not an object, a row has the wrong number of cells, or a cell is not a string, number,
 * boolean, Date, null or undefined.
 *
 * @example
 * ```ts
 * import { htmlTable, DataTable } from 'crm-mining';
 * // In a notebook: import { display } from 'tslab'; display.html(htmlTable(...));
 * const tiers = [
 *   { tier: 'A', customers: 1408, share: 0.2 },
 *   { tier: 'B & C', customers: 5635, share: 0.8 },
 * ];
 * console.log(htmlTable(tiers, { caption: 'ABC tiers' }).includes('<td style="text-align:right">1,408</td>')); // true
 * console.log(htmlTable({ columns: ['k', 'silhouette'], rows: [[2, 0.41], [3, null]] }, { digits: 2 }).includes('0.41')); // true
 * const big = DataTable.fromRecords(Array.from({ length: 1000 }, (_, i) => ({ id: i })));
 * console.log(htmlTable(big, { maxRows: 5 }).includes('… 995 more rows')); // true
 * ```
 */
export function htmlTable(data: HtmlTableData, options: HtmlTableOptions = {}): string {
  rejectUnknownOptions(options, HTML_TABLE_OPTION_KEYS, 'htmlTable');
  const opts = options ?? {};
  const digits = opts.digits === undefined ? 3 : requireInteger('digits', opts.digits, 0, 20);
  const maxRows =
    opts.maxRows === undefined ? 20 : opts.maxRows === Infinity ? Infinity : requireInteger('maxRows', opts.maxRows, 0);
  if (opts.caption !== undefined && typeof opts.caption !== 'string') {
    throw new InvalidOptionError('caption', `expected a string, got ${describe(opts.caption)}`);
  }
  const source = tableSource(data);
  const columns = opts.columns === undefined ? source.columns : pickColumns(opts.columns, source.columns);
  const shown = Math.min(source.rowCount, maxRows);
  const rows: unknown[][] = new Array(shown);
  for (let i = 0; i < shown; i++) rows[i] = columns.map((c) => source.cell(i, c.index));
  const names = columns.map((c) => c.name);
  return renderTableHtml(names, rows, notebookFlavour(digits), { caption: opts.caption, totalRows: source.rowCount });
}

/** The data seen through one interface: its columns, its row count, and cell (row, column index). */
interface TableSource {
  readonly columns: readonly PickedColumn[];
  readonly rowCount: number;
  cell(row: number, column: number): unknown;
}

/** A column picked by {@link pickColumns}: its name and its index in the source. */
interface PickedColumn {
  readonly name: string;
  readonly index: number;
}

function tableSource(data: unknown): TableSource {
  const named = (names: readonly string[]) => names.map((name, index) => ({ name, index }));
  if (data instanceof DataTable || isTableLike(data)) {
    const cols = data.columns;
    return { columns: named(cols.map((c) => c.name)), rowCount: data.rowCount, cell: (i, c) => cols[c].values[i] };
  }
  if (Array.isArray(data)) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i++) {
      const r: unknown = data[i];
      if (typeof r !== 'object' || r === null || Array.isArray(r)) {
        throw new InvalidInputError(`htmlTable: row ${i} is ${describe(r)}; expected a record (an object keyed by column name)`, { row: i });
      }
      for (const k of Object.keys(r)) {
        if (!seen.has(k)) {
          seen.add(k);
          names.push(k);
        }
      }
    }
    const records = data as readonly Record<string, unknown>[];
    return {
      columns: named(names),
      rowCount: records.length,
      cell: (i, c) => (Object.prototype.hasOwnProperty.call(records[i], names[c]) ? records[i][names[c]] : undefined),
    };
  }
  if (typeof data === 'object' && data !== null && Array.isArray((data as { rows?: unknown }).rows)) {
    const { columns, rows } = data as { columns: unknown; rows: unknown[] };
    if (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string')) {
      throw new InvalidInputError(`htmlTable: columns must be an array of column names (strings), got ${describe(columns)}`, { field: 'columns' });
    }
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!Array.isArray(r) || r.length !== columns.length) {
        const got = Array.isArray(r) ? `${r.length} cells` : describe(r);
        throw new InvalidInputError(`htmlTable: row ${i} has ${got}, expected an array of ${columns.length} cells (one per column)`, { row: i });
      }
    }
    return { columns: named(columns as string[]), rowCount: rows.length, cell: (i, c) => (rows[i] as unknown[])[c] };
  }
  throw new InvalidInputError(
    `htmlTable: expected a DataTable, an array of records or { columns, rows }, got ${describe(data)}`,
    { field: 'data' },
  );
}

/** A DataTable made by another copy of the library (a notebook can load two): the same shape, another class. */
function isTableLike(data: unknown): data is DataTable {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { rowCount?: unknown; columns?: unknown };
  return (
    typeof d.rowCount === 'number' &&
    Array.isArray(d.columns) &&
    d.columns.every((c) => typeof c === 'object' && c !== null && typeof c.name === 'string' && Array.isArray(c.values))
  );
}

function pickColumns(wanted: unknown, available: readonly PickedColumn[]): PickedColumn[] {
  if (!Array.isArray(wanted)) throw new InvalidOptionError('columns', `expected an array of column names, got ${describe(wanted)}`);
  return wanted.map((name: unknown, k) => {
    const found = typeof name === 'string' ? available.find((c) => c.name === name) : undefined;
    if (found === undefined) {
      const list = available.map((c) => JSON.stringify(c.name)).join(', ');
      throw new InvalidOptionError(`columns[${k}]`, `no column named ${describe(name)}; the columns are ${list === '' ? '(none)' : list}`);
    }
    return found;
  });
}

/**
 * How one kind of table looks: the attributes that align its cells (inline styles in a notebook, CSS
 * classes in the report) and how it writes numbers and missing cells.
 *
 * @internal
 */
export interface TableFlavour {
  /** The function named in error messages. */
  readonly who: string;
  /** The attribute string of a right-aligned (number) cell or header, with its leading space. */
  readonly numAttr: string;
  /** The attribute string of a text cell or header, with its leading space (or ''). */
  readonly textAttr: string;
  /** The attribute string of the caption, with its leading space (or ''). */
  readonly captionAttr: string;
  /** Whether `NaN` is a missing cell (otherwise it is a number, given to `formatNumber`). */
  readonly nanIsMissing: boolean;
  /** A finite or infinite number as text (unescaped); `integerColumn` says whether all of its column's numbers are integers. */
  formatNumber(v: number, integerColumn: boolean): string;
  /** The whole `<td>` of a missing cell. */
  missingCell(numericColumn: boolean): string;
}

/**
 * Renders a table: a header row, one row per entry of `rows`, and, when `totalRows` is larger than the
 * rows given, a last line saying how many rows are not shown. A column is numeric (right-aligned header)
 * when there is a row and every cell of it is a number or missing. Every text is escaped.
 *
 * @throws InvalidInputError naming the row and column of a cell that is not a string, number, boolean,
 * Date, null or undefined.
 * @internal
 */
export function renderTableHtml(
  names: readonly string[],
  rows: readonly (readonly unknown[])[],
  flavour: TableFlavour,
  { caption, totalRows = rows.length }: { caption?: string; totalRows?: number } = {},
): string {
  const kinds = rows.map((r, i) => names.map((name, j) => cellKind(r[j], flavour, i, name)));
  const numeric = names.map((_c, j) => rows.length > 0 && kinds.every((k) => k[j] === 'missing' || k[j] === 'number'));
  const integer = names.map((_c, j) => rows.every((r, i) => kinds[i][j] !== 'number' || !Number.isFinite(r[j]) || Number.isInteger(r[j])));
  const head = names.map((c, j) => `<th scope="col"${numeric[j] ? flavour.numAttr : flavour.textAttr}>${escapeHtml(c)}</th>`).join('');
  const body = rows
    .map(
      (r, i) =>
        `<tr>${names
          .map((_c, j) => {
            const v = r[j];
            switch (kinds[i][j]) {
              case 'missing':
                return flavour.missingCell(numeric[j]);
              case 'number':
                return `<td${flavour.numAttr}>${escapeHtml(flavour.formatNumber(v as number, integer[j]))}</td>`;
              case 'date':
                return `<td${flavour.textAttr}>${escapeHtml(isoDate(v as Date))}</td>`;
              default:
                return `<td${flavour.textAttr}>${escapeHtml(String(v))}</td>`;
            }
          })
          .join('')}</tr>`,
    )
    .join('\n');
  const more = totalRows - rows.length;
  const foot =
    more > 0
      ? `<tfoot><tr><td colspan="${Math.max(1, names.length)}"${flavour.textAttr}>… ${more.toLocaleString('en-US')} more row${more === 1 ? '' : 's'} (${totalRows.toLocaleString('en-US')} in all)</td></tr></tfoot>`
      : '';
  return `<table>${caption !== undefined ? `<caption${flavour.captionAttr}>${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>${foot}</table>`;
}

type CellKind = 'missing' | 'number' | 'text' | 'date';

function cellKind(v: unknown, flavour: TableFlavour, row: number, column: string): CellKind {
  if (v === null || v === undefined) return 'missing';
  switch (typeof v) {
    case 'number':
      return Number.isNaN(v) && flavour.nanIsMissing ? 'missing' : 'number';
    case 'string':
    case 'boolean':
      return 'text';
    default:
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'missing' : 'date';
      throw new InvalidInputError(
        `${flavour.who}: row ${row}, column ${JSON.stringify(column)}: cannot show ${Array.isArray(v) ? 'an array' : `a value of type ${typeof v}`}; expected a string, number, boolean, Date or null`,
        { row, field: column },
      );
  }
}

/** A Date in ISO 8601, UTC: the date alone at midnight, else to the second (and milliseconds when there are any). */
function isoDate(d: Date): string {
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/** `∞` or `−∞` for an infinite number, else undefined. */
export function formatInfinity(v: number): string | undefined {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  return undefined;
}

function notebookFlavour(digits: number): TableFlavour {
  const fixed = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return {
    who: 'htmlTable',
    numAttr: ' style="text-align:right"',
    textAttr: ' style="text-align:left"',
    captionAttr: ' style="text-align:left;font-weight:bold"',
    nanIsMissing: true,
    formatNumber: (v, integerColumn) => formatInfinity(v) ?? v.toLocaleString('en-US', integerColumn ? { maximumFractionDigits: 0 } : fixed),
    missingCell: (numericColumn) =>
      `<td style="text-align:${numericColumn ? 'right' : 'left'};color:#999" title="missing">–</td>`,
  };
}

/**
 * Escapes the five characters that matter in HTML text and attribute values.
 *
 * @internal
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
