import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as csvParseSync } from 'csv-parse/sync';
import { parseString as fastCsvParseString } from 'fast-csv';
import {
  CsvScanner,
  WhitespaceScanner,
  DECIMAL_CANONICAL,
  DECIMAL_FIXED,
  DECIMAL_LEADING_ZERO,
  countLineBreaks,
  csvStreamSettings,
  decimalFlags,
  decimalFractionDigits,
  scanDecimal,
} from '../../src/data/csv-parser.js';
import { csvRows, inferCsvColumnType, parseCsv, parseDecimal, parseIsoDate, readCsv } from '../../src/data/csv.js';
import type { CellValue } from '../../src/data/table.js';
import { ParseError } from '../../src/core/errors.js';
import { dataFile, haveData } from '../helpers/data.js';

interface ScannedRow {
  /** The fields; empty for a blank line. */
  fields: string[];
  line: number;
}

/** Runs the scanner over `chunks` (text or UTF-8 bytes) and collects rows and blank lines, or the error. */
function scan(chunks: readonly (string | Uint8Array)[], delimiter = ',', quote = '"'): { rows: ScannedRow[]; error?: unknown } {
  const rows: ScannedRow[] = [];
  const scanner = new CsvScanner(
    { delimiter, quote, source: 'test' },
    {
      rows(s, batch) {
        for (let r = 0; r < batch.count; r++) {
          const fields: string[] = [];
          for (let f = batch.firsts[r]; f < batch.firsts[r] + batch.widths[r]; f++) {
            const a = batch.bounds[2 * f];
            fields.push(a < 0 ? batch.quoted[batch.bounds[2 * f + 1]] : s.slice(a, batch.bounds[2 * f + 1]));
          }
          rows.push({ fields, line: batch.lines[r] });
        }
      },
    },
  );
  try {
    for (const c of chunks) {
      if (typeof c === 'string') scanner.push(c);
      else scanner.pushBytes(c);
    }
    scanner.finish();
  } catch (error) {
    return { rows, error };
  }
  return { rows };
}

/** Splits `whole` at the given cut points (sorted, deduplicated, inside the range). */
function cut<T extends string | Uint8Array>(whole: T, cuts: readonly number[]): T[] {
  const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: T[] = [];
  let from = 0;
  for (const p of points) {
    out.push(whole.slice(from, p) as T);
    from = p;
  }
  out.push(whole.slice(from) as T);
  return out;
}

const WHITE = /^\s|\s$/;

/** One field as RFC 4180 writes it: quoted when it must be (or when `force`), quotes doubled. */
function writeField(f: string, delimiter: string, oneColumn: boolean, force: boolean): string {
  const must = f.includes(delimiter) || f.includes('"') || f.includes('\n') || f.includes('\r') || WHITE.test(f) || (oneColumn && f === '');
  return must || force ? `"${f.replace(/"/g, '""')}"` : f;
}

const cellText = fc.string({
  unit: fc.constantFrom('a', 'Z', '1', '.', ' ', '\t', '\u00a0', ',', ';', '|', '"', '\n', '\r', '\r\n', 'é', '€', '😀'),
  maxLength: 6,
});

const table = fc
  .record({ columns: fc.integer({ min: 1, max: 4 }), rows: fc.integer({ min: 1, max: 8 }) })
  .chain(({ columns, rows }) =>
    fc.record({
      cells: fc.array(fc.array(cellText, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
      force: fc.array(fc.boolean(), { minLength: rows * columns, maxLength: rows * columns }),
      endings: fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: rows, maxLength: rows }),
      finalBreak: fc.boolean(),
      delimiter: fc.constantFrom(',', ';', '\t', '|'),
      cuts: fc.array(fc.nat(), { maxLength: 8 }),
    }),
  );

type Table = typeof table extends fc.Arbitrary<infer T> ? T : never;

/** The table as CSV text; `ending` overrides the random line endings (for csv-parse, which detects one). */
function writeTable(t: Table, ending?: string): string {
  const oneColumn = t.cells[0].length === 1;
  let text = '';
  t.cells.forEach((row, r) => {
    text += row.map((f, k) => writeField(f, t.delimiter, oneColumn, t.force[r * row.length + k])).join(t.delimiter);
    if (r < t.cells.length - 1 || t.finalBreak) text += ending ?? t.endings[r];
  });
  return text;
}

/** The 1-based line of each row of a table written with `writeTable`: a quoted line break counts. */
function expectedLines(t: Table): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const row of t.cells) {
    lines.push(line);
    line += 1 + row.reduce((n, f) => n + countLineBreaks(f), 0);
  }
  return lines;
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-csv-parser-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `body` with the file readers reading `bytes` bytes at a time. */
async function withChunkSize<T>(bytes: number, body: () => Promise<T>): Promise<T> {
  const saved = csvStreamSettings.highWaterMark;
  csvStreamSettings.highWaterMark = bytes;
  try {
    return await body();
  } finally {
    csvStreamSettings.highWaterMark = saved;
  }
}

describe('CsvScanner: round trip of RFC 4180 text (property)', () => {
  it('reads back every generated table, whatever the chunk boundaries (text and UTF-8 bytes)', () => {
    fc.assert(
      fc.property(table, (t) => {
        const text = writeTable(t);
        const want = t.cells.map((fields, r) => ({ fields, line: expectedLines(t)[r] }));
        const whole = scan([text], t.delimiter);
        expect(whole.error).toBeUndefined();
        expect(whole.rows).toEqual(want);
        // text chunks (a boundary may fall inside a quoted field, a \r\n or a surrogate pair)
        expect(scan(cut(text, t.cuts), t.delimiter).rows).toEqual(want);
        // byte chunks (a boundary may fall inside a multi-byte UTF-8 character)
        expect(scan(cut(new Uint8Array(Buffer.from(text, 'utf8')), t.cuts), t.delimiter).rows).toEqual(want);
        // one character at a time
        expect(scan(Array.from(text), t.delimiter).rows).toEqual(want);
      }),
      { numRuns: 400, seed: 424242 },
    );
  });

  it('agrees with csv-parse on the same texts (one line ending per text, as csv-parse detects it)', () => {
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n', '\r'), (t, ending) => {
        const text = writeTable(t, ending);
        const theirs = csvParseSync(text, { delimiter: t.delimiter, bom: true }) as string[][];
        expect(scan([text], t.delimiter).rows.map((r) => r.fields)).toEqual(theirs);
      }),
      { numRuns: 300, seed: 77 },
    );
  });

  it('readCsv (in small chunks), csvRows and parseCsv read the table back with its header', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 40 }), fc.boolean(), async (t, chunk, bom) => {
        const names = t.cells[0].map((_, k) => `c${k + 1}`);
        const body = writeTable(t);
        const text = (bom ? '\ufeff' : '') + names.join(t.delimiter) + t.endings[0] + body;
        const path = join(dir, `t${file++}.csv`);
        writeFileSync(path, text);
        const options = { delimiter: t.delimiter, inferTypes: false, missing: [], trim: false };
        const fromText = await parseCsv(text, options);
        const fromFile = await withChunkSize(chunk, () => readCsv(path, options));
        const rows: Record<string, string | null>[] = [];
        await withChunkSize(chunk, async () => {
          for await (const r of csvRows(path, options)) rows.push(r);
        });
        for (const [k, name] of names.entries()) {
          const want = t.cells.map((row) => row[k]);
          expect(fromText.column(name).values).toEqual(want);
          expect(fromFile.column(name).values).toEqual(want);
          expect(rows.map((r) => r[name])).toEqual(want);
        }
      }),
      { numRuns: 150, seed: 99 },
    );
  });
});

describe('CsvScanner: the rules beyond RFC 4180 (as fast-csv, the former parser, had them)', () => {
  /** fast-csv's rows for `text` (blank lines as []), or the error it raised. */
  function fastCsv(text: string): Promise<{ rows: string[][]; error?: unknown }> {
    return new Promise((resolve) => {
      const rows: string[][] = [];
      fastCsvParseString(text, { headers: false, delimiter: ',', quote: '"', escape: '"', trim: false, ignoreEmpty: false })
        .on('data', (r: string[]) => rows.push(r))
        .on('error', (error: unknown) => resolve({ rows, error }))
        .on('end', () => resolve({ rows }));
    });
  }

  const messy = fc.string({ unit: fc.constantFrom(',', '"', '\n', '\r', '\r\n', ' ', '\t', 'a', 'é', '\u00a0'), maxLength: 24 });

  it('finds the same rows as fast-csv in any text, and the same line for each (trimmed fields)', async () => {
    await fc.assert(
      fc.asyncProperty(messy, async (text) => {
        const ours = scan([text]);
        const theirs = await fastCsv(text);
        expect(ours.error !== undefined, JSON.stringify(text)).toBe(theirs.error !== undefined);
        if (ours.error !== undefined) {
          expect(ours.error).toBeInstanceOf(ParseError);
          return;
        }
        // fast-csv drops the white space of a row's first field when a delimiter follows it directly
        // ("  ,x" gives "", "x"); cells are trimmed by default, so compare trimmed fields
        const trimmed = (rows: string[][]) => rows.map((r) => r.map((f) => f.trim()));
        expect(trimmed(ours.rows.map((r) => r.fields)), JSON.stringify(text)).toEqual(trimmed(theirs.rows));
        // the former line numbering: each row starts one line after the previous one and its quoted breaks
        let line = 1;
        for (const [i, r] of theirs.rows.entries()) {
          expect(ours.rows[i].line).toBe(line);
          line += 1 + r.reduce((n, f) => n + countLineBreaks(f), 0);
        }
      }),
      { numRuns: 1500, seed: 2024 },
    );
  });

  it('drops white space around quoted fields, keeps a quote inside an unquoted field, and skips white-space lines', () => {
    expect(scan(['a,  "x, y" \t,b\n']).rows[0].fields).toEqual(['a', 'x, y', 'b']);
    expect(scan(['ab"c,d\n']).rows[0].fields).toEqual(['ab"c', 'd']);
    expect(scan([' \t \n1,2\n   ']).rows).toEqual([
      { fields: [], line: 1 },
      { fields: ['1', '2'], line: 2 },
    ]);
    // the delimiter is not white space, even when it is a tab
    expect(scan(['\t\n'], '\t').rows[0].fields).toEqual(['', '']);
    // trim: false keeps the spaces of a first field (fast-csv lost them before a delimiter)
    expect(scan(['  ,x\n']).rows[0].fields).toEqual(['  ', 'x']);
  });

  it('a byte-order mark is dropped at the start only, even when its bytes arrive split', () => {
    const bytes = new Uint8Array(Buffer.from('\ufeffa,b\n1,\ufeff\n', 'utf8'));
    expect(scan([bytes.slice(0, 1), bytes.slice(1, 2), bytes.slice(2)]).rows.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['1', '\ufeff'],
    ]);
  });

  it('reports an unclosed quote at the line where it opened, and text after a closing quote at its line', () => {
    const open = scan(['a\n"x\n', 'y\nz']);
    expect(open.error).toBeInstanceOf(ParseError);
    expect((open.error as ParseError).line).toBe(2);
    expect(open.rows).toEqual([{ fields: ['a'], line: 1 }]);
    const after = scan(['a,b\n"x\ny"z,1\n']);
    expect((after.error as ParseError).line).toBe(3);
    expect((after.error as ParseError).message).toMatch(/unexpected "z" after a closing "/);
  });

  it('reads a quoted field much longer than the chunks in linear passes', () => {
    const long = 'x'.repeat(300_000) + '""' + 'y\n'.repeat(50_000);
    const text = `a,"${long}",b\r\nc,d,e`;
    const chunks = cut(text, Array.from({ length: 200 }, (_, i) => i * 3000 + 7));
    const { rows, error } = scan(chunks);
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.fields)).toEqual([
      ['a', long.replace('""', '"'), 'b'],
      ['c', 'd', 'e'],
    ]);
    expect(rows[1].line).toBe(50_002);
  });
});

describe('CsvScanner: plain rows between quoted ones', () => {
  it('splits each kind of row alike in one chunk and in pieces, whatever comes between the quotes and \\r', () => {
    // plain rows (the fast path) around rows with quotes, a lone \r, blank lines and leading blanks
    const text = 'a,b\r\n1,2\r\n"x",3\r\n4,5\n6\r7\n\n8,"y\r\nz"\n 9,10\n11,12\r\n13,14';
    const expected = [['a', 'b'], ['1', '2'], ['x', '3'], ['4', '5'], ['6'], ['7'], [], ['8', 'y\r\nz'], [' 9', '10'], ['11', '12'], ['13', '14']];
    const lines = [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12];
    for (let size = 1; size <= text.length; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const { rows, error } = scan(chunks);
      expect(error, `chunks of ${size}`).toBeUndefined();
      expect(rows.map((r) => r.fields), `chunks of ${size}`).toEqual(expected);
      expect(rows.map((r) => r.line), `chunks of ${size}`).toEqual(lines);
    }
  });
});

/** The rows of whitespace-separated text by the rules' definition: lines, trimmed, split at runs of spaces and tabs. */
function whitespaceRows(text: string): ScannedRow[] {
  const rows: ScannedRow[] = [];
  text.split(/\r\n|\n|\r/).forEach((l, k) => {
    const t = l.trim(); // (trim drops a byte-order mark too)
    if (t !== '') rows.push({ fields: t.split(/[ \t]+/), line: k + 1 });
  });
  return rows;
}

/** Runs a {@link WhitespaceScanner} over `chunks` (text or UTF-8 bytes) and collects its rows. */
function scanWhitespace(chunks: readonly (string | Uint8Array)[]): ScannedRow[] {
  const rows: ScannedRow[] = [];
  const scanner = new WhitespaceScanner('test', {
    rows(s, batch) {
      for (let r = 0; r < batch.count; r++) {
        const fields: string[] = [];
        for (let f = batch.firsts[r]; f < batch.firsts[r] + batch.widths[r]; f++) fields.push(s.slice(batch.bounds[2 * f], batch.bounds[2 * f + 1]));
        rows.push({ fields, line: batch.lines[r] });
      }
    },
  });
  for (const c of chunks) {
    if (typeof c === 'string') scanner.push(c);
    else scanner.pushBytes(c);
  }
  scanner.finish();
  return rows;
}

describe('WhitespaceScanner', () => {
  const whitespaceText = fc.record({
    parts: fc.array(fc.constantFrom('196', '3.5', 'x', 'é', '😀', '"q"', ',', ' ', '  ', '\t', ' \t ', '\n', '\r\n', '\r', '\u000b', '\u00a0', '\ufeff'), {
      maxLength: 40,
    }),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
  });

  it('finds the lines, fields and line numbers of the definition, whatever the chunk boundaries (text and UTF-8 bytes)', () => {
    fc.assert(
      fc.property(whitespaceText, ({ parts, cuts }) => {
        const text = parts.join('');
        const expected = whitespaceRows(text);
        expect(scanWhitespace(cut(text, cuts))).toEqual(expected);
        expect(scanWhitespace(cut(new TextEncoder().encode(text), cuts))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a \\r at the end of a chunk for the next one, and counts blank lines', () => {
    expect(scanWhitespace(['1 2\r', '\n3\t4\r', '\r\n', ' 5 \r'])).toEqual([
      { fields: ['1', '2'], line: 1 },
      { fields: ['3', '4'], line: 2 },
      { fields: ['5'], line: 4 },
    ]);
  });
});

describe('scanDecimal and parseDecimal', () => {
  const REFERENCE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  /** parseDecimal as it was written before the fast path: trim, a regular expression, Number. */
  function referenceDecimal(text: string): number | undefined {
    const t = text.trim();
    if (!REFERENCE.test(t)) return undefined;
    const v = Number(t);
    return Number.isFinite(v) ? v : undefined;
  }
  const numberLike = fc.oneof(
    fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', '-', '+', 'e', 'E', ' ', 'x'), maxLength: 20 }),
    fc.double({ noNaN: true }).map(String),
    fc.integer().map(String),
    fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat({ max: 999_999 }), fc.nat({ max: 4 })).map(
      ([i, f, z]) => `${i}.${'0'.repeat(z)}${f}`,
    ),
  );

  it('parseDecimal equals the regular-expression definition on any text, to the bit', () => {
    fc.assert(
      fc.property(numberLike, (text) => {
        expect(Object.is(parseDecimal(text), referenceDecimal(text)) || parseDecimal(text) === referenceDecimal(text)).toBe(true);
        const fast = scanDecimal(text, 0, text.length);
        if (!Number.isNaN(fast)) {
          expect(Object.is(fast, Number(text))).toBe(true);
          expect((decimalFlags & DECIMAL_LEADING_ZERO) !== 0).toBe(/^[+-]?0\d/.test(text));
          if ((decimalFlags & DECIMAL_CANONICAL) !== 0) expect(String(fast)).toBe(text);
          if ((decimalFlags & DECIMAL_FIXED) !== 0) expect(fast.toFixed(decimalFractionDigits)).toBe(text);
        }
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('marks the usual spellings canonical and the others not', () => {
    const canonical = (t: string) => !Number.isNaN(scanDecimal(t, 0, t.length)) && (decimalFlags & DECIMAL_CANONICAL) !== 0;
    for (const t of ['0', '7', '-3', '2.5', '-0.25', '0.000001', '123456789012345']) expect(canonical(t), t).toBe(true);
    for (const t of ['+7', '-0', '007', '2.50', '5.', '.5', '0.0000001', '1.0']) expect(canonical(t), t).toBe(false);
    const fixed = (t: string) => !Number.isNaN(scanDecimal(t, 0, t.length)) && (decimalFlags & DECIMAL_FIXED) !== 0;
    for (const t of ['2.50', '0.0000001', '1.0', '-3.10', '100.000']) expect(fixed(t), t).toBe(true);
    for (const t of ['2.5', '+2.50', '-0.00', '5.', '.50', '007.0', '12']) expect(fixed(t), t).toBe(false);
  });
});

describe('readCsv: typed columns match the reference rules (property)', () => {
  const numeric = fc.oneof(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
    fc.constantFrom('1.50', '+7', '.5', '5.', '1e3', '-0', '0', '007', '0.0000001', '123456789012345678', '-2.5E-3', ' 3 ', '-4.200', '2000000000'),
  );
  const other = fc.constantFrom('NA', '', '?', 'null', 'N/A', 'NaN', 'x', 'true', 'FALSE', '2024-02-29', '2023-02-29', '1,5', 'a b');
  const column = fc.oneof(
    fc.array(fc.oneof({ weight: 9, arbitrary: numeric }, { weight: 1, arbitrary: other }), { minLength: 1, maxLength: 12 }),
    fc.array(fc.oneof(numeric, other), { minLength: 1, maxLength: 12 }),
    fc.array(fc.constantFrom('true', 'False', 'NA', ''), { minLength: 1, maxLength: 6 }),
    fc.array(fc.constantFrom('2024-02-29', '2021-12-01T10:00', '?'), { minLength: 1, maxLength: 6 }),
  );

  /** The column as the documented rules make it: cells trimmed, markers null, type inferred, values converted. */
  function reference(cells: string[], asString: boolean): { type: string; values: CellValue[] } {
    const missing = new Set(['', 'NA', 'N/A', 'NaN', 'null', '?']);
    const trimmed = cells.map((c) => (missing.has(c.trim()) ? null : c.trim()));
    const type = asString ? 'string' : inferCsvColumnType(trimmed);
    const convert = (c: string): CellValue =>
      type === 'number' ? (parseDecimal(c) as number) : type === 'boolean' ? c.toLowerCase() === 'true' : type === 'date' ? (parseIsoDate(c) as Date) : c;
    return { type, values: trimmed.map((c) => (c === null ? null : convert(c))) };
  }

  it('parseCsv and readCsv (small chunks) give the reference types and values', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(column, fc.boolean()), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 64 }),
        async (spec, chunk) => {
          const n = Math.max(...spec.map(([c]) => c.length));
          const cols = spec.map(([c]) => Array.from({ length: n }, (_, i) => c[i % c.length]));
          // a row of only missing cells in a one-column table would be a blank line: keep one cell present
          if (cols.length === 1) cols[0] = cols[0].map((c) => (c.trim() === '' ? 'NA' : c));
          const names = cols.map((_, k) => `k${k}`);
          const columnTypes: Record<string, 'string'> = {};
          spec.forEach(([, asString], k) => {
            if (asString) columnTypes[names[k]] = 'string';
          });
          const q = (c: string) => (/[",\s]/.test(c) ? `"${c}"` : c);
          const text = names.join(',') + '\n' + Array.from({ length: n }, (_, i) => cols.map((c) => q(c[i])).join(',')).join('\n') + '\n';
          const path = join(dir, `typed${file++}.csv`);
          writeFileSync(path, text);
          const fromText = await parseCsv(text, { columnTypes });
          const fromFile = await withChunkSize(chunk, () => readCsv(path, { columnTypes }));
          for (const [k, name] of names.entries()) {
            const want = reference(cols[k], columnTypes[name] === 'string');
            for (const t of [fromText, fromFile]) {
              const got = t.column(name);
              expect(got.type, `${name}: ${JSON.stringify(cols[k])}`).toBe(want.type);
              expect(got.values).toEqual(want.values);
            }
          }
        },
      ),
      { numRuns: 300, seed: 31337 },
    );
  });
});

describe('csvRows: rows before a malformed one come first', () => {
  it('yields the good rows, then throws the ParseError naming the bad line', async () => {
    for (const [text, line] of [
      ['a,b\n1,2\n3,4\n5\n6,7\n', 4],
      ['a,b\n1,2\n3,4\n5,"x\n', 4],
      ['a,b\n1,2\n3,4\n5,"x"y\n', 4],
    ] as const) {
      const path = join(dir, `partial${line}-${text.length}.csv`);
      writeFileSync(path, text);
      const rows: Record<string, string | null>[] = [];
      let error: unknown;
      try {
        for await (const r of csvRows(path)) rows.push(r);
      } catch (e) {
        error = e;
      }
      expect(rows, text).toEqual([
        { a: '1', b: '2' },
        { a: '3', b: '4' },
      ]);
      expect(error).toBeInstanceOf(ParseError);
      expect((error as ParseError).line).toBe(line);
    }
  });
});

describe.skipIf(!haveData('recsys/ml-latest-small/movies.csv'))('movies.csv (reference data, quoted titles)', () => {
  it('reads the same cells as csv-parse, in any chunk size', async () => {
    const path = dataFile('recsys/ml-latest-small/movies.csv');
    const theirs = csvParseSync(readFileSync(path), { bom: true }) as string[][];
    const [header, ...body] = theirs;
    for (const chunk of [65536, 997]) {
      const t = await withChunkSize(chunk, () => readCsv(path, { inferTypes: false, missing: [], trim: false }));
      const names = header.map((h) => h.trim()); // header names are trimmed ('genres ' in this file)
      expect(t.columnNames).toEqual(names);
      expect(t.rowCount).toBe(body.length);
      names.forEach((name, k) => expect(t.column(name).values).toEqual(body.map((r) => r[k])));
    }
    // typed: movieId is a number column, title and genres are text
    const typed = await readCsv(path);
    expect(typed.columns.map((c) => c.type)).toEqual(['number', 'string', 'string']);
    expect(typed.column('movieId').values).toEqual(body.map((r) => Number(r[0])));
  });
});
