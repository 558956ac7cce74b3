/**
 * ARFF, Weka's attribute-relation file format: a header of `@relation` and `@attribute` lines, then
 * `@data` and one instance per line, dense (`sunny,85,FALSE,no`) or sparse (`{0 sunny, 3 no}`).
 *
 * What is read, following Weka's `ArffLoader`:
 * - keywords (`@relation`, `@attribute`, `@data`, type names) in any case; `%` starts a comment anywhere
 *   outside quotes; blank lines are skipped;
 * - names and values unquoted, or quoted with `'` or `"`, with backslash escapes (`\\`, `\'`, `\"`, `\%`,
 *   `\n`, `\r`, `\t`; any other escaped character stands for itself);
 * - values in a row are separated by commas; an unquoted value runs to the next comma and is trimmed, so it
 *   may hold inner spaces (Weka would split it; rows separated by white space alone are not accepted);
 * - attribute types `numeric`, `real`, `integer` (all three give a `'number'` column; integers are not
 *   checked for integrality, as in Weka), nominal `{a, b, 'c d'}`, `string`, and `date [format]`;
 *   `relational` attributes are not supported (an error says so);
 * - `?` (unquoted) is missing → `null`; a quoted `'?'` is the text `?`;
 * - in a sparse row, an omitted attribute is not missing: it is Weka's internal value 0, that is `0` for a
 *   numeric attribute, the FIRST declared value for a nominal one, the epoch `1970-01-01T00:00:00Z` for a
 *   date (all three as Weka's `SparseToNonSparse` gives them), and `''` for a string attribute (Weka 3.6+
 *   fills in its placeholder `*WEKA*DUMMY*STRING*FOR*STRING*ATTRIBUTES*` there; an empty string is our
 *   stand-in for "no text", and it is not missing);
 * - an instance weight `{w}` at the end of a row (`a,b,{2}` or `{0 a}, {2}`) is read into
 *   {@link ArffData.weights}.
 *
 * Date formats are a subset of Java's `SimpleDateFormat`, see {@link compileArffDateFormat}. Dates are read
 * as UTC (Weka uses the JVM's time zone), so results do not depend on the machine.
 *
 * @module
 */
import { InvalidInputError, ParseError } from '../core/errors.js';
import { DataTable } from './table.js';
import type { CellValue, Column } from './table.js';
import { readTextFile } from './files.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * One ARFF attribute declaration.
 *
 * @example
 * ```ts
 * import { parseArff, type ArffAttribute } from 'crm-mining';
 * const arff = parseArff("@relation r\n@attribute plan {basic, pro}\n@attribute joined date 'yyyy-MM-dd'\n@data\npro,2024-02-01\n");
 * const nominal: ArffAttribute[] = arff.attributes.filter((a) => a.kind === 'nominal');
 * console.log(nominal); // [ { name: 'plan', kind: 'nominal', values: [ 'basic', 'pro' ] } ]
 * ```
 */
export interface ArffAttribute {
  /** The attribute's name, unquoted. */
  name: string;
  /** Its kind (`numeric`, `real` and `integer` declarations are all `'numeric'`). */
  kind: 'numeric' | 'nominal' | 'string' | 'date';
  /** For nominal attributes, the declared values in order. */
  values?: string[];
  /** For date attributes, the declared format (default ISO-8601 `yyyy-MM-dd'T'HH:mm:ss`). */
  dateFormat?: string;
}

/**
 * A parsed ARFF file.
 *
 * @example
 * ```ts
 * import { parseArff, type ArffData } from 'crm-mining';
 * const data: ArffData = parseArff('@relation visits\n@attribute pages numeric\n@data\n3,{2}\n5\n');
 * console.log(data.relation, data.table.column('pages').values, data.weights); // visits [ 3, 5 ] Float64Array(2) [ 2, 1 ]
 * ```
 */
export interface ArffData {
  /** The `@relation` name. */
  relation: string;
  /** The attributes in order. */
  attributes: ArffAttribute[];
  /** The data as a table: numeric → `'number'`, nominal → `'nominal'`, string → `'string'`, date → `'date'`; `?` → null. */
  table: DataTable;
  /**
   * Instance weights, one per row, present only when at least one row gives a weight `{w}`; rows without
   * one weigh 1 (Weka's default).
   */
  weights?: Float64Array;
}

/**
 * Options of {@link parseArff}.
 *
 * @example
 * ```ts
 * import { parseArff, ParseError, type ArffOptions } from 'crm-mining';
 * const options: ArffOptions = { source: 'upload.arff' };
 * try {
 *   parseArff('@relation r\n@attribute n numeric\n@data\nabc\n', options);
 * } catch (err) {
 *   if (err instanceof ParseError) console.log(err.source, err.line); // upload.arff 4
 * }
 * ```
 */
export interface ArffOptions {
  /** A name for the source used in error messages (default `'<string>'` for {@link parseArff}, the path for {@link readArff}). */
  source?: string;
}

const ARFF_OPTION_KEYS = optionKeys<ArffOptions>({
  source: true,
});

/**
 * Weka's default date format, ISO-8601 without a zone.
 *
 * @example
 * ```ts
 * import { compileArffDateFormat, ARFF_DEFAULT_DATE_FORMAT } from 'crm-mining';
 * const parse = compileArffDateFormat(ARFF_DEFAULT_DATE_FORMAT); // yyyy-MM-dd'T'HH:mm:ss
 * console.log(parse('2024-06-30T09:15:00')?.toISOString()); // 2024-06-30T09:15:00.000Z
 * ```
 */
export const ARFF_DEFAULT_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

// ---------------------------------------------------------------------------------------------------------
// Dates

/**
 * A compiled date format: parses a text into a `Date` (UTC), or returns undefined when it does not match.
 *
 * @example
 * ```ts
 * import { compileArffDateFormat, type ArffDateParser } from 'crm-mining';
 * const parsers: ArffDateParser[] = ['yyyy-MM-dd', 'dd.MM.yyyy'].map(compileArffDateFormat);
 * const parseAny = (text: string): Date | undefined => parsers.map((p) => p(text)).find((d) => d !== undefined);
 * console.log(parseAny('24.12.2023')?.toISOString()); // 2023-12-24T00:00:00.000Z
 * ```
 */
export type ArffDateParser = (text: string) => Date | undefined;

const DATE_FIELDS: Record<string, { group: string; key: 'y' | 'M' | 'd' | 'H' | 'm' | 's' | 'S' }> = {
  yyyy: { group: '(\\d{4})', key: 'y' },
  MM: { group: '(\\d{1,2})', key: 'M' },
  dd: { group: '(\\d{1,2})', key: 'd' },
  HH: { group: '(\\d{1,2})', key: 'H' },
  mm: { group: '(\\d{1,2})', key: 'm' },
  ss: { group: '(\\d{1,2})', key: 's' },
  SSS: { group: '(\\d{1,3})', key: 'S' },
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles a date format of the subset of Java's `SimpleDateFormat` that ARFF files use in practice:
 * the fields `yyyy` (4-digit year), `MM` (month 1–12), `dd` (day of month), `HH` (hour 0–23), `mm` (minute),
 * `ss` (second) and `SSS` (milliseconds); text in single quotes (`'T'`, `''` for a quote) and any
 * character that is not a letter (`-`, `/`, `:`, `.`, space, …) stand for themselves. Fields may be given
 * with one or two digits where Java accepts that (`MM` matches `1` and `01`). Fields left out default to
 * January, day 1, 00:00:00.000. Values are read as UTC and their ranges are checked (`2023-02-30` fails).
 *
 * @param format - the pattern, for example `yyyy-MM-dd'T'HH:mm:ss` (Weka's default) or `dd/MM/yyyy HH:mm`.
 * @returns a parser for the format.
 * @throws InvalidInputError naming the pattern and the unsupported letters (for example `MMM`, `EEE`, `a`,
 *   `hh`, `Z`), or when a field appears twice.
 *
 * @example
 * ```ts
 * import { compileArffDateFormat } from 'crm-mining';
 * const parse = compileArffDateFormat('dd/MM/yyyy HH:mm');
 * console.log(parse('05/11/2023 18:45')?.toISOString()); // 2023-11-05T18:45:00.000Z
 * console.log(parse('2023-11-05')); // undefined: does not match the format
 * ```
 */
export function compileArffDateFormat(format: string): ArffDateParser {
  let regex = '^';
  const keys: ('y' | 'M' | 'd' | 'H' | 'm' | 's' | 'S')[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'") {
      if (format[i + 1] === "'") {
        regex += "'";
        i += 2;
        continue;
      }
      const end = format.indexOf("'", i + 1);
      if (end < 0) throw new InvalidInputError(`date format "${format}": a quoted literal is not closed`);
      regex += escapeRegex(format.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < format.length && format[j] === c) j++;
      const run = format.slice(i, j);
      const field = DATE_FIELDS[run];
      if (!field) {
        throw new InvalidInputError(
          `date format "${format}": "${run}" is not supported (supported: yyyy, MM, dd, HH, mm, ss, SSS, quoted text and punctuation)`,
        );
      }
      if (keys.includes(field.key)) throw new InvalidInputError(`date format "${format}": "${run}" appears twice`);
      keys.push(field.key);
      regex += field.group;
      i = j;
      continue;
    }
    regex += escapeRegex(c);
    i++;
  }
  const re = new RegExp(regex + '$');
  return (text: string) => {
    const m = re.exec(text);
    if (!m) return undefined;
    const v = { y: 1970, M: 1, d: 1, H: 0, m: 0, s: 0, S: 0 };
    for (let k = 0; k < keys.length; k++) v[keys[k]] = Number(m[k + 1]);
    if (v.M < 1 || v.M > 12 || v.d < 1 || v.d > daysInMonth(v.y, v.M) || v.H > 23 || v.m > 59 || v.s > 59) return undefined;
    const d = new Date(0);
    d.setUTCFullYear(v.y, v.M - 1, v.d);
    d.setUTCHours(v.H, v.m, v.s, v.S);
    return d;
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// ---------------------------------------------------------------------------------------------------------
// Lexing

interface Token {
  text: string;
  quoted: boolean;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

/** A cursor over one line (comments already removed). */
class LineCursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly line: number,
    readonly source: string,
  ) {}

  error(message: string, column?: string | number): ParseError {
    return new ParseError(message, column === undefined ? { line: this.line, source: this.source } : { line: this.line, column, source: this.source });
  }

  skipSpace(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos];
  }

  /** A quoted string starting at the cursor (which is on the quote). */
  quoted(): string {
    const q = this.text[this.pos];
    const start = this.pos;
    this.pos++;
    let out = '';
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '\\' && this.pos + 1 < this.text.length) {
        const e = this.text[this.pos + 1];
        out += ESCAPES[e] ?? e;
        this.pos += 2;
        continue;
      }
      if (c === q) {
        this.pos++;
        return out;
      }
      out += c;
      this.pos++;
    }
    throw this.error(`unterminated quoted text starting ${JSON.stringify(this.text.slice(start, start + 20))}`);
  }

  /** A word: quoted, or unquoted up to white space or one of `stops`. */
  word(stops: string): Token | undefined {
    this.skipSpace();
    if (this.pos >= this.text.length) return undefined;
    const c = this.text[this.pos];
    if (c === "'" || c === '"') return { text: this.quoted(), quoted: true };
    const start = this.pos;
    while (this.pos < this.text.length) {
      const d = this.text[this.pos];
      if (d === ' ' || d === '\t' || stops.includes(d)) break;
      this.pos++;
    }
    return { text: this.text.slice(start, this.pos), quoted: false };
  }

  /** A value: quoted, or unquoted up to one of `stops` (white space inside is kept, ends trimmed). */
  value(stops: string): Token {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === "'" || c === '"') {
      const text = this.quoted();
      return { text, quoted: true };
    }
    const start = this.pos;
    while (this.pos < this.text.length && !stops.includes(this.text[this.pos])) this.pos++;
    return { text: this.text.slice(start, this.pos).trim(), quoted: false };
  }
}

/** Removes a `%` comment (outside quotes) from a line. */
function stripComment(line: string): string {
  if (!line.includes('%')) return line;
  let q = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '\\') i++;
      else if (c === q) q = '';
    } else if (c === "'" || c === '"') q = c;
    else if (c === '%') return line.slice(0, i);
  }
  return line;
}

// ---------------------------------------------------------------------------------------------------------
// Header

function parseAttribute(cur: LineCursor, seen: Set<string>): ArffAttribute {
  const nameTok = cur.word('{');
  if (!nameTok || nameTok.text === '') throw cur.error('@attribute without a name');
  const name = nameTok.text;
  if (seen.has(name)) throw cur.error(`duplicate attribute name "${name}"`, name);
  cur.skipSpace();
  if (cur.pos >= cur.text.length) throw cur.error(`attribute "${name}" has no type`, name);
  if (cur.peek() === '{') {
    cur.pos++;
    const values: string[] = [];
    const declared = new Set<string>();
    for (;;) {
      cur.skipSpace();
      if (cur.peek() === '}') {
        cur.pos++;
        break;
      }
      if (cur.pos >= cur.text.length) throw cur.error(`attribute "${name}": the list of nominal values is not closed with "}"`, name);
      const v = cur.value(',}');
      if (v.text === '' && !v.quoted) throw cur.error(`attribute "${name}": an empty nominal value in the list`, name);
      if (declared.has(v.text)) throw cur.error(`attribute "${name}": nominal value "${v.text}" is declared twice`, name);
      declared.add(v.text);
      values.push(v.text);
      cur.skipSpace();
      if (cur.peek() === ',') cur.pos++;
      else if (cur.pos >= cur.text.length) throw cur.error(`attribute "${name}": the list of nominal values is not closed with "}"`, name);
      else if (cur.peek() !== '}') throw cur.error(`attribute "${name}": expected "," or "}" in the list of nominal values`, name);
    }
    if (!cur.atEnd()) throw cur.error(`attribute "${name}": unexpected text after the nominal values: ${JSON.stringify(cur.text.slice(cur.pos))}`, name);
    return { name, kind: 'nominal', values };
  }
  const typeTok = cur.word('');
  const type = (typeTok?.text ?? '').toLowerCase();
  let attr: ArffAttribute;
  if (type === 'numeric' || type === 'real' || type === 'integer') attr = { name, kind: 'numeric' };
  else if (type === 'string') attr = { name, kind: 'string' };
  else if (type === 'date') {
    cur.skipSpace();
    let format = ARFF_DEFAULT_DATE_FORMAT;
    if (cur.pos < cur.text.length) {
      const c = cur.peek();
      format = c === "'" || c === '"' ? cur.quoted() : cur.text.slice(cur.pos).trim();
      if (c !== "'" && c !== '"') cur.pos = cur.text.length;
    }
    attr = { name, kind: 'date', dateFormat: format };
  } else if (type === 'relational') {
    throw cur.error(`attribute "${name}": relational attributes are not supported`, name);
  } else {
    throw cur.error(
      `attribute "${name}": unknown type "${typeTok?.text ?? ''}" (expected numeric, real, integer, string, date or {nominal values})`,
      name,
    );
  }
  if (!cur.atEnd()) throw cur.error(`attribute "${name}": unexpected text after the type: ${JSON.stringify(cur.text.slice(cur.pos))}`, name);
  return attr;
}

// ---------------------------------------------------------------------------------------------------------
// Data

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const WEIGHT = /^\{\s*([^{}\s]+)\s*\}$/;

interface ColumnBuilder {
  attr: ArffAttribute;
  values: CellValue[];
  categories?: Set<string>;
  parseDate?: ArffDateParser;
}

function convert(b: ColumnBuilder, tok: Token, cur: LineCursor): CellValue {
  if (!tok.quoted && tok.text === '?') return null;
  const a = b.attr;
  switch (a.kind) {
    case 'numeric': {
      const t = tok.text.trim();
      if (!DECIMAL.test(t) || !Number.isFinite(Number(t))) {
        throw cur.error(`attribute "${a.name}" is numeric, got ${JSON.stringify(tok.text)}`, a.name);
      }
      return Number(t);
    }
    case 'nominal':
      if (!b.categories!.has(tok.text)) {
        throw cur.error(
          `attribute "${a.name}": value ${JSON.stringify(tok.text)} is not one of the declared values {${a.values!.join(', ')}}`,
          a.name,
        );
      }
      return tok.text;
    case 'string':
      return tok.text;
    case 'date': {
      const d = b.parseDate!(tok.text);
      if (d === undefined) throw cur.error(`attribute "${a.name}": ${JSON.stringify(tok.text)} is not a date of the form "${a.dateFormat}"`, a.name);
      return d;
    }
  }
}

function parseWeight(text: string, cur: LineCursor): number {
  const t = text.trim();
  if (!DECIMAL.test(t) || !Number.isFinite(Number(t)) || Number(t) < 0) {
    throw cur.error(`instance weight must be a non-negative number, got ${JSON.stringify(text)}`);
  }
  return Number(t);
}

function denseRow(cur: LineCursor, cols: ColumnBuilder[]): number | undefined {
  const toks: Token[] = [];
  let weight: number | undefined;
  for (;;) {
    cur.skipSpace();
    const tok = cur.value(',');
    cur.skipSpace();
    if (cur.pos < cur.text.length && cur.peek() !== ',') {
      throw cur.error(`unexpected ${JSON.stringify(cur.peek())} after value ${toks.length + 1}: expected ","`);
    }
    const isLast = cur.pos >= cur.text.length;
    if (isLast && !tok.quoted && toks.length === cols.length && WEIGHT.test(tok.text)) {
      weight = parseWeight(WEIGHT.exec(tok.text)![1], cur);
    } else toks.push(tok);
    if (isLast) break;
    cur.pos++; // the comma
  }
  if (toks.length !== cols.length) throw cur.error(`expected ${cols.length} values, got ${toks.length}`);
  for (let k = 0; k < cols.length; k++) cols[k].values.push(convert(cols[k], toks[k], cur));
  return weight;
}

function sparseRow(cur: LineCursor, cols: ColumnBuilder[]): number | undefined {
  cur.pos++; // the {
  const given: CellValue[] = new Array(cols.length);
  const has = new Uint8Array(cols.length);
  let last = -1;
  for (;;) {
    cur.skipSpace();
    if (cur.peek() === '}') {
      cur.pos++;
      break;
    }
    if (cur.pos >= cur.text.length) throw cur.error('sparse row is not closed with "}"');
    const idxTok = cur.word(',}');
    const idxText = idxTok?.text ?? '';
    if (!/^\d+$/.test(idxText)) throw cur.error(`sparse row: expected an attribute index, got ${JSON.stringify(idxText)}`);
    const idx = Number(idxText);
    if (idx >= cols.length) throw cur.error(`sparse row: attribute index ${idx} is out of range (there are ${cols.length} attributes, indexed from 0)`);
    if (idx <= last) throw cur.error(`sparse row: attribute indices must increase, got ${idx} after ${last}`);
    last = idx;
    cur.skipSpace();
    if (cur.pos >= cur.text.length || cur.peek() === ',' || cur.peek() === '}') {
      throw cur.error(`sparse row: attribute index ${idx} has no value`, cols[idx].attr.name);
    }
    const tok = cur.value(',}');
    given[idx] = convert(cols[idx], tok, cur);
    has[idx] = 1;
    cur.skipSpace();
    if (cur.peek() === ',') cur.pos++;
    else if (cur.pos >= cur.text.length) throw cur.error('sparse row is not closed with "}"');
    else if (cur.peek() !== '}') throw cur.error('sparse row: expected "," or "}"');
  }
  let weight: number | undefined;
  cur.skipSpace();
  if (cur.peek() === ',') {
    cur.pos++;
    cur.skipSpace();
  }
  if (cur.pos < cur.text.length) {
    const rest = cur.text.slice(cur.pos).trim();
    const m = WEIGHT.exec(rest);
    if (!m) throw cur.error(`unexpected text after the sparse row: ${JSON.stringify(rest)}`);
    weight = parseWeight(m[1], cur);
  }
  for (let k = 0; k < cols.length; k++) {
    const b = cols[k];
    if (has[k]) {
      b.values.push(given[k]);
      continue;
    }
    switch (b.attr.kind) {
      case 'numeric':
        b.values.push(0);
        break;
      case 'nominal':
        if (b.attr.values!.length === 0) throw cur.error(`attribute "${b.attr.name}" has no declared values to default to`, b.attr.name);
        b.values.push(b.attr.values![0]);
        break;
      case 'date':
        b.values.push(new Date(0));
        break;
      case 'string':
        b.values.push('');
        break;
    }
  }
  return weight;
}

// ---------------------------------------------------------------------------------------------------------
// Public API

/**
 * Parses ARFF text (see the module notes for the accepted syntax).
 *
 * @param text - the ARFF text.
 * @param options - `source`: a name used in error messages (default `'<string>'`).
 * @returns the relation name, the attributes and the data as a {@link DataTable}; `weights` when rows give them.
 * @throws ParseError naming the line (and attribute) for: a missing `@relation` or `@data`, an unknown or
 *   unsupported attribute type, a duplicate attribute name, a row with the wrong number of values, a value
 *   not among a nominal attribute's declared values, a non-number in a numeric attribute, a date not in its
 *   attribute's format, a malformed sparse row, or an unterminated quote.
 * @throws InvalidInputError when the input is not a string.
 *
 * @example
 * ```ts
 * import { parseArff } from 'crm-mining';
 * const text = [
 *   '@relation weather',
 *   '@attribute outlook {sunny, rainy}',
 *   '@attribute temperature numeric',
 *   '@data',
 *   'sunny, 85',
 *   'rainy, ?',
 * ].join('\n');
 * const arff = parseArff(text);
 * console.log(arff.relation, arff.table.column('temperature').values); // weather [ 85, null ]
 * ```
 */
export function parseArff(text: string, options: ArffOptions = {}): ArffData {
  rejectUnknownOptions(options, ARFF_OPTION_KEYS, 'parseArff');
  if (typeof text !== 'string') throw new InvalidInputError(`expected ARFF text as a string, got ${typeof text}`);
  const source = options.source ?? '<string>';
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  let relation: string | undefined;
  const attributes: ArffAttribute[] = [];
  const names = new Set<string>();
  let cols: ColumnBuilder[] | undefined;
  let weights: number[] | undefined;
  let rows = 0;
  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    const body = stripComment(lines[li]);
    if (body.trim() === '') continue;
    const cur = new LineCursor(body, lineNo, source);
    if (cols === undefined) {
      // header
      cur.skipSpace();
      const kw = cur.word('{')!.text.toLowerCase();
      if (relation === undefined) {
        if (kw !== '@relation') throw cur.error(`expected @relation, got ${JSON.stringify(body.trim().slice(0, 40))}`);
        const nameTok = cur.word('');
        relation = nameTok?.text ?? '';
        if (!cur.atEnd()) throw cur.error(`unexpected text after the relation name: ${JSON.stringify(cur.text.slice(cur.pos))}`);
        continue;
      }
      if (kw === '@attribute') {
        const a = parseAttribute(cur, names);
        if (a.kind === 'date') {
          try {
            compileArffDateFormat(a.dateFormat!);
          } catch (e) {
            throw cur.error(`attribute "${a.name}": ${(e as Error).message}`, a.name);
          }
        }
        names.add(a.name);
        attributes.push(a);
      } else if (kw === '@data') {
        if (!cur.atEnd()) throw cur.error(`unexpected text after @data: ${JSON.stringify(cur.text.slice(cur.pos))}`);
        if (attributes.length === 0) throw cur.error('@data before any @attribute');
        cols = attributes.map((attr) => ({
          attr,
          values: [],
          categories: attr.kind === 'nominal' ? new Set(attr.values) : undefined,
          parseDate: attr.kind === 'date' ? compileArffDateFormat(attr.dateFormat!) : undefined,
        }));
      } else if (kw === '@relation') {
        throw cur.error('a second @relation');
      } else {
        throw cur.error(`expected @attribute or @data, got ${JSON.stringify(body.trim().slice(0, 40))}`);
      }
      continue;
    }
    // data
    cur.skipSpace();
    const weight = cur.peek() === '{' ? sparseRow(cur, cols) : denseRow(cur, cols);
    if (weight !== undefined) {
      if (weights === undefined) weights = new Array<number>(rows).fill(1);
      weights.push(weight);
    } else if (weights !== undefined) weights.push(1);
    rows++;
  }
  if (cols === undefined) {
    const last = lines.length === 0 ? 1 : lines.length;
    if (relation === undefined) throw new ParseError('no @relation: this is not an ARFF file (or it is empty)', { line: last, source });
    throw new ParseError('missing @data: the header ends without a @data line', { line: last, source });
  }
  const columns: Column[] = cols.map((b) => {
    const a = b.attr;
    const type = a.kind === 'numeric' ? 'number' : a.kind;
    return a.kind === 'nominal' ? { name: a.name, type, values: b.values, categories: a.values! } : { name: a.name, type, values: b.values };
  });
  const data: ArffData = { relation: relation!, attributes, table: new DataTable(columns) };
  if (weights !== undefined) data.weights = Float64Array.from(weights);
  return data;
}

/**
 * Reads an ARFF file (UTF-8; see {@link parseArff}). Error messages name the path.
 *
 * @param path - the file to read.
 * @returns the parsed file.
 * @throws FileError naming the path when the file is missing (`no such file`) or unreadable.
 * @throws ParseError naming the path and line of a malformed part.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readArff, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'basket.arff');
 * await writeFileAtomic(path, '@relation basket\n@attribute bread {t}\n@attribute milk {t}\n@data\nt,?\nt,t\n');
 * const { attributes, table } = await readArff(path);
 * console.log(attributes.map((a) => a.name), table.rowCount); // [ 'bread', 'milk' ] 2
 * ```
 */
export async function readArff(path: string): Promise<ArffData> {
  const text = await readTextFile(path);
  return parseArff(text, { source: path });
}
