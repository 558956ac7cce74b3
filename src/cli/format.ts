/**
 * How the command-line program shows results: the JSON shapes of its contract, CSV, and aligned
 * text tables.
 *
 * @module
 */
import { formatRule, type AssociationRule } from '../association/rules.js';
import type { Itemset } from '../association/itemsets.js';

/**
 * The measures a rule carries in the CLI's JSON output, in output order (the CLI contract; the library's
 * `RuleSet.toJSON` adds `antecedentSupport` and `consequentSupport`, which the CLI leaves out).
 */
export const JSON_RULE_MEASURES = [
  'count',
  'support',
  'confidence',
  'lift',
  'leverage',
  'conviction',
  'zhang',
  'jaccard',
  'certainty',
  'kulczynski',
] as const;

/** A number as JSON allows: finite numbers as is, ±Infinity as the strings `"Infinity"`/`"-Infinity"`, NaN as null. */
export type JsonNumber = number | 'Infinity' | '-Infinity' | null;

/** One rule in the CLI's JSON output. */
export interface RuleJson {
  /** The items on the left-hand side. */
  antecedent: string[];
  /** The items on the right-hand side. */
  consequent: string[];
  /** The number of transactions holding every item of the rule. */
  count: number;
  /** `s(XY)`, the fraction of transactions holding every item of the rule. */
  support: JsonNumber;
  /** `s(XY) / s(X)`. */
  confidence: JsonNumber;
  /** `confidence / s(Y)`; 1 means independence. */
  lift: JsonNumber;
  /** `s(XY) − s(X) s(Y)`. */
  leverage: JsonNumber;
  /** `(1 − s(Y)) / (1 − confidence)`; the string `"Infinity"` when confidence is 1. */
  conviction: JsonNumber;
  /** Zhang's metric, in [−1, 1]. */
  zhang: JsonNumber;
  /** `s(XY) / (s(X) + s(Y) − s(XY))`. */
  jaccard: JsonNumber;
  /** The certainty factor `(confidence − s(Y)) / (1 − s(Y))`. */
  certainty: JsonNumber;
  /** `(confidence + s(XY) / s(Y)) / 2`. */
  kulczynski: JsonNumber;
}

/** Turns a number into its JSON form (see {@link JsonNumber}). */
export function jsonNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return null;
}

/** One rule in the CLI's JSON shape, keys in contract order. */
export function ruleToJson(r: AssociationRule): RuleJson {
  return {
    antecedent: [...r.antecedent],
    consequent: [...r.consequent],
    count: r.count,
    support: jsonNumber(r.support),
    confidence: jsonNumber(r.confidence),
    lift: jsonNumber(r.lift),
    leverage: jsonNumber(r.leverage),
    conviction: jsonNumber(r.conviction),
    zhang: jsonNumber(r.zhang),
    jaccard: jsonNumber(r.jaccard),
    certainty: jsonNumber(r.certainty),
    kulczynski: jsonNumber(r.kulczynski),
  };
}

/** `{a, b}`: an itemset as the tables and CSV files show it. */
export function itemsetText(items: readonly string[]): string {
  return `{${items.join(', ')}}`;
}

/**
 * A number for a table: integers as they are, others to 4 significant digits (without trailing
 * zeros), `Infinity` spelled out.
 */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Number.isInteger(x)) return String(x);
  const s = x.toPrecision(4);
  if (s.includes('e')) return s;
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** One CSV field, quoted when it holds a delimiter, quote, line break or leading/trailing space. */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? csvNumber(value) : value;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvNumber(x: number): string {
  if (Number.isNaN(x)) return '';
  return String(x); // full precision; Infinity stays "Infinity"
}

/** CSV text (header plus rows, `\n` line ends, a final newline). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  let out = header.map(csvField).join(',') + '\n';
  for (const row of rows) out += row.map(csvField).join(',') + '\n';
  return out;
}

/** Itemsets as CSV: `items,size,count,support`, items written as `{a, b}`. */
export function itemsetsToCsv(itemsets: readonly Itemset[]): string {
  return toCsv(
    ['items', 'size', 'count', 'support'],
    itemsets.map((s) => [itemsetText(s.items), s.items.length, s.count, s.support]),
  );
}

/** A column of a text table. */
export interface TableColumn<T> {
  /** The header. */
  header: string;
  /** The cell text of a row. */
  cell: (row: T, index: number) => string;
  /** Alignment (default `'left'`). */
  align?: 'left' | 'right';
}

/** An aligned text table: header, a rule of dashes, one line per row; columns two spaces apart. */
export function textTable<T>(rows: readonly T[], columns: readonly TableColumn<T>[]): string {
  const cells = rows.map((r, i) => columns.map((c) => c.cell(r, i)));
  const widths = columns.map((c, j) => Math.max(c.header.length, ...cells.map((row) => row[j].length)));
  const line = (texts: readonly string[]): string =>
    texts
      .map((t, j) => (columns[j].align === 'right' ? t.padStart(widths[j]) : t.padEnd(widths[j])))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of cells) out.push(line(row));
  return out.join('\n') + '\n';
}

/** The table of rules the CLI prints: rank, rule, support, confidence, lift, leverage, conviction, count. */
export function rulesTable(rules: readonly AssociationRule[]): string {
  const num = (m: 'support' | 'confidence' | 'lift' | 'leverage' | 'conviction'): TableColumn<AssociationRule> => ({
    header: m,
    cell: (r) => formatNumber(r[m]),
    align: 'right',
  });
  return textTable(rules, [
    { header: '#', cell: (_r, i) => String(i + 1), align: 'right' },
    { header: 'rule', cell: (r) => formatRule(r) },
    num('support'),
    num('confidence'),
    num('lift'),
    num('leverage'),
    num('conviction'),
    { header: 'count', cell: (r) => String(r.count), align: 'right' },
  ]);
}

/** The table of itemsets the CLI prints: rank, items, size, count, support. */
export function itemsetsTable(itemsets: readonly Itemset[]): string {
  return textTable(itemsets, [
    { header: '#', cell: (_s, i) => String(i + 1), align: 'right' },
    { header: 'items', cell: (s) => itemsetText(s.items) },
    { header: 'size', cell: (s) => String(s.items.length), align: 'right' },
    { header: 'count', cell: (s) => String(s.count), align: 'right' },
    { header: 'support', cell: (s) => formatNumber(s.support), align: 'right' },
  ]);
}
