import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileError, InvalidInputError, InvalidOptionError, ParseError } from '../../src/core/errors.js';
import {
  parseBaskets,
  parseFimi,
  parseLongTransactions,
  readBaskets,
  readFimi,
  readLongTransactions,
  readTransactions,
  transactionsFromTable,
  type TransactionFormat,
} from '../../src/data/readers.js';
import { csvStreamSettings } from '../../src/data/csv-parser.js';
import { DataTable } from '../../src/data/table.js';
import type { TransactionSet } from '../../src/data/transactions.js';
import { dataFile, haveData } from '../helpers/data.js';

/** Each transaction's items, sorted, for comparing as sets. */
function sets(s: TransactionSet): string[][] {
  return s.toArrays().map((t) => [...t].sort());
}

/** Runs `f` and returns the error it throws, failing when it throws none. */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, got a result');
}

async function rejected(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, got a result');
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-readers-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

// -------------------------------------------------------------------------------------------------------
describe('parseBaskets', () => {
  it('reads one basket per line, ids in order of first appearance', () => {
    const s = parseBaskets('milk,bread\nbread,eggs,milk\neggs\n');
    expect(s.size).toBe(3);
    expect(s.itemNames).toEqual(['milk', 'bread', 'eggs']);
    expect(s.toArrays()).toEqual([['milk', 'bread'], ['milk', 'bread', 'eggs'], ['eggs']]);
    expect(s.ids).toBeUndefined();
  });

  it('counts a repeated item once per basket', () => {
    const s = parseBaskets('a,b,a,a\nb,b\n');
    expect(sets(s)).toEqual([['a', 'b'], ['b']]);
    expect(Array.from(s.itemCounts())).toEqual([1, 2]);
  });

  it('trims white space around items by default, and keeps it with trim: false', () => {
    expect(parseBaskets(' a ,  b c \t\n').toArrays()).toEqual([['a', 'b c']]);
    expect(parseBaskets(' a ,  b c \t\n', { trim: false }).toArrays()).toEqual([[' a ', '  b c \t']]);
  });

  it('skips blank and white-space-only lines: they do not create empty baskets', () => {
    const s = parseBaskets('\n\na,b\n   \n\t\nc\n\n');
    expect(s.size).toBe(2);
    expect(parseBaskets('a\n  \nb', { trim: false }).size).toBe(2);
  });

  it('accepts \\r\\n and \\r line ends, a missing final line end and a byte-order mark', () => {
    expect(parseBaskets('a,b\r\nc\r\n').toArrays()).toEqual([['a', 'b'], ['c']]);
    expect(parseBaskets('a,b\rc').toArrays()).toEqual([['a', 'b'], ['c']]);
    expect(parseBaskets('\uFEFFa,b').itemNames).toEqual(['a', 'b']);
  });

  it('uses another delimiter when asked', () => {
    expect(parseBaskets('a;b,c;d\n', { delimiter: ';' }).toArrays()).toEqual([['a', 'b,c', 'd']]);
    expect(parseBaskets('a b\tc d\n', { delimiter: '\t' }).toArrays()).toEqual([['a b', 'c d']]);
  });

  it('reads quoted items: delimiters, doubled quotes and line breaks inside quotes', () => {
    const s = parseBaskets('"salt, coarse",pepper\n"say ""hi""", x \n"two\nlines",y\nz\n');
    expect(s.toArrays()).toEqual([['salt, coarse', 'pepper'], ['say "hi"', 'x'], ['two\nlines', 'y'], ['z']]);
    // white space inside quotes is kept; white space around them is not part of the item
    expect(parseBaskets('  " a " ,b').toArrays()).toEqual([[' a ', 'b']]);
    // a quote inside an unquoted item is an ordinary character
    expect(parseBaskets('5" screen,cable').toArrays()).toEqual([['5" screen', 'cable']]);
    // quote: false reads quotes literally
    expect(parseBaskets('"a,b"', { quote: false }).toArrays()).toEqual([['"a', 'b"']]);
  });

  it('counts lines inside quoted items when naming a later line', () => {
    const e = thrown(() => parseBaskets('"x\ny",a\nb,,c\n'));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).line).toBe(3);
  });

  it('rejects an empty item between two delimiters, naming the line and position', () => {
    const e = thrown(() => parseBaskets('a\nb\nc\nd\ne\nf\na,,b\n'));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).line).toBe(7);
    expect(e.message).toContain('line 7: empty item at position 2');
    // white space only is empty too (it trims to nothing)
    expect(thrown(() => parseBaskets('a,  ,b')).message).toContain('line 1: empty item at position 2');
  });

  it('rejects a leading or trailing delimiter, saying so', () => {
    const lead = thrown(() => parseBaskets('a,b\n,c\n'));
    expect(lead.message).toContain('line 2: empty item at position 1');
    expect(lead.message).toContain('starts with a delimiter');
    const trail = thrown(() => parseBaskets('a,b\nc,d,\n'));
    expect(trail).toBeInstanceOf(ParseError);
    expect(trail.message).toContain('line 2: empty item at position 3');
    expect(trail.message).toContain('ends with a delimiter');
    // a line that is only a delimiter is two empty items, not a blank line
    expect(thrown(() => parseBaskets('a\n,\n')).message).toContain('line 2: empty item at position 1');
  });

  it('rejects an empty quoted item', () => {
    expect(thrown(() => parseBaskets('a,""')).message).toContain('line 1: empty item at position 2');
  });

  it('rejects bad quoting and control characters, naming the line', () => {
    const open = thrown(() => parseBaskets('a\nb,"c\nd\n'));
    expect(open).toBeInstanceOf(ParseError);
    expect(open.message).toMatch(/line 2: unterminated quote in field 2/);
    expect(thrown(() => parseBaskets('a\n"b"c,d')).message).toMatch(/line 2: unexpected text after the closing quote of field 1/);
    const binary = thrown(() => parseBaskets('a,b\nc\u0000d\n'));
    expect(binary).toBeInstanceOf(ParseError);
    expect(binary.message).toMatch(/line 2: unexpected control character U\+0000/);
  });

  it('names the line of a control character anywhere in the text (property)', () => {
    const item = fc.stringMatching(/^[a-z]{1,5}$/);
    const basket = fc.array(item, { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(basket, fc.constantFrom('\n', '\r\n', '\r')), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom('\u0001', '\u0008', '\u000b', '\u001f'),
        (lines, at, control) => {
          const text = lines.map(([b, end]) => b.join(',') + end).join('');
          const p = at % (text.length + 1);
          const bad = text.slice(0, p) + control + text.slice(p);
          // the line of the control character: one more than the line breaks before it
          const line = 1 + (text.slice(0, p).match(/\r\n|\n|\r/g) ?? []).length;
          const e = thrown(() => parseBaskets(bad));
          expect(e).toBeInstanceOf(ParseError);
          expect(e.message).toBe(`line ${line}: unexpected control character U+${control.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} (is this a binary file?)`);
          expect(sets(parseBaskets(text))).toEqual(lines.map(([b]) => [...new Set(b)].sort()));
        },
      ),
    );
  });

  it('names the source in messages when given', () => {
    expect(thrown(() => parseBaskets('a,,b', { source: 'baskets.csv' })).message).toBe(
      'baskets.csv: line 1: empty item at position 2 (nothing between two delimiters)',
    );
  });

  it('rejects input without any basket', () => {
    for (const text of ['', '\n', '  \n\t\n\r\n']) {
      const e = thrown(() => parseBaskets(text));
      expect(e).toBeInstanceOf(InvalidInputError);
      expect(e.message).toMatch(/no transactions/);
    }
    expect(thrown(() => parseBaskets(42 as unknown as string))).toBeInstanceOf(InvalidInputError);
  });

  it('rejects invalid options, naming them', () => {
    for (const delimiter of ['', ',,', '\n']) {
      const e = thrown(() => parseBaskets('a', { delimiter }));
      expect(e).toBeInstanceOf(InvalidOptionError);
      expect((e as InvalidOptionError).option).toBe('delimiter');
    }
    expect((thrown(() => parseBaskets('a', { trim: 'yes' as unknown as boolean })) as InvalidOptionError).option).toBe('trim');
    expect((thrown(() => parseBaskets('a', { quote: ',' })) as InvalidOptionError).option).toBe('quote');
    expect((thrown(() => parseBaskets('a', { quote: '""' })) as InvalidOptionError).option).toBe('quote');
  });

  it('reads back random baskets written as lines (round trip, property)', () => {
    // Items: printable ASCII, including the delimiter, quotes and white space; quoted when needed.
    const item = fc.string({ minLength: 1, maxLength: 8 });
    const write = (it: string): string =>
      /[",\n\r]/.test(it) || it.trim() !== it || it.trim() === '' ? `"${it.replace(/"/g, '""')}"` : it;
    fc.assert(
      fc.property(fc.array(fc.array(item, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }), fc.boolean(), (baskets, crlf) => {
        const text = baskets.map((b) => b.map(write).join(',')).join(crlf ? '\r\n' : '\n');
        const s = parseBaskets(text);
        expect(sets(s)).toEqual(baskets.map((b) => [...new Set(b)].sort()));
      }),
    );
  });

  it('reads back random plain baskets without trimming or quoting (property)', () => {
    const item = fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'b', ' ', '"', 'x') }).filter((s) => s.trim() !== '');
    fc.assert(
      fc.property(fc.array(fc.array(item, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }), (baskets) => {
        const text = baskets.map((b) => b.join(';')).join('\n') + '\n';
        const s = parseBaskets(text, { delimiter: ';', trim: false, quote: false });
        expect(sets(s)).toEqual(baskets.map((b) => [...new Set(b)].sort()));
      }),
    );
  });
});

// -------------------------------------------------------------------------------------------------------
describe('parseFimi', () => {
  it('reads white-space-separated tokens, one basket per line, skipping blank lines', () => {
    const s = parseFimi('1 2 3\n2  3 \n\n   \n3\t4\t\r\n10 1');
    expect(s.size).toBe(4);
    expect(s.itemNames).toEqual(['1', '2', '3', '4', '10']);
    expect(sets(s)).toEqual([['1', '2', '3'], ['2', '3'], ['3', '4'], ['1', '10']]);
  });

  it('keeps tokens as names: 007 and 7 differ, large numbers and words work', () => {
    const s = parseFimi('007 7 0 00 12345678901234 12345678901234 1048576 1048576\nbeer nappies beer\n');
    expect(s.itemNames).toEqual(['007', '7', '0', '00', '12345678901234', '1048576', 'beer', 'nappies']);
    expect(s.transactionIds(0).length).toBe(6);
    expect(s.transactionIds(1).length).toBe(2);
  });

  it('agrees with a direct split on random token lines (property)', () => {
    const token = fc.oneof(
      fc.integer({ min: 0, max: 3000 }).map(String),
      fc.constantFrom('0', '00', '007', '7', '99999999999', '65535', '65536', '1048576', 'x', 'x1'),
    );
    const sep = fc.constantFrom(' ', '  ', '\t', ' \t ');
    const line = fc.array(fc.tuple(token, sep), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), (lines) => {
        const text = lines.map((l) => l.map(([t, s]) => t + s).join('')).join('\n');
        const s = parseFimi(text);
        const direct = lines.map((l) => [...new Set(l.map(([t]) => t))].sort());
        expect(sets(s)).toEqual(direct);
      }),
    );
  });

  it('rejects a control character, naming the line', () => {
    const e = thrown(() => parseFimi('1 2\n3 4\n5\u00016\n', { source: 'x.dat' }));
    expect(e).toBeInstanceOf(ParseError);
    expect(e.message).toMatch(/^x\.dat: line 3: unexpected control character U\+0001/);
  });

  it('reads a file as a stream: in any chunk size, the baskets of parseFimi, or the same error on the same line', async () => {
    const token = fc.constantFrom('0', '7', '007', '65535', '65536', '123456', 'x', 'é', '😀', '\u00a0', '\ufeff');
    const piece = fc.oneof(token, token, fc.constantFrom(' ', '\t', '  ', '\n', '\r\n', '\r', '\n\n'), fc.constantFrom('\u0001', '\u000b'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), async (pieces, chunk) => {
        const text = pieces.join('');
        const path = file(`stream${n++}.dat`, text);
        const outcome = (f: () => TransactionSet): unknown => {
          try {
            const s = f();
            return { baskets: s.toArrays(), names: s.itemNames };
          } catch (e) {
            return { error: (e as Error).message };
          }
        };
        const expected = outcome(() => parseFimi(text, { source: path }));
        const saved = csvStreamSettings.highWaterMark;
        csvStreamSettings.highWaterMark = chunk;
        try {
          const got = await readFimi(path).then(
            (s) => ({ baskets: s.toArrays(), names: s.itemNames }),
            (e: Error) => ({ error: e.message }),
          );
          expect(got).toEqual(expected);
        } finally {
          csvStreamSettings.highWaterMark = saved;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('rejects input without any basket', () => {
    expect(thrown(() => parseFimi(' \n\n\t'))).toBeInstanceOf(InvalidInputError);
    expect(thrown(() => parseFimi('')).message).toMatch(/no transactions/);
  });
});

// -------------------------------------------------------------------------------------------------------
describe('parseLongTransactions', () => {
  it('groups rows by transaction id in order of first appearance, keeping the ids', () => {
    const s = parseLongTransactions('order,item\nA7,milk\nB2,bread\nA7,eggs\nA7,milk\nC1,milk\nB2,milk\n');
    expect(s.ids).toEqual(['A7', 'B2', 'C1']);
    expect(s.itemNames).toEqual(['milk', 'bread', 'eggs']);
    expect(sets(s)).toEqual([['eggs', 'milk'], ['bread', 'milk'], ['milk']]);
  });

  it('chooses columns by header name or 0-based index, ignoring other columns', () => {
    const text = 'line,product,qty,invoice\n1,tea,2,X\n2,jam,1,Y\n3,tea,5,Y\n';
    const byName = parseLongTransactions(text, { transactionColumn: 'invoice', itemColumn: 'product' });
    expect(byName.ids).toEqual(['X', 'Y']);
    expect(sets(byName)).toEqual([['tea'], ['jam', 'tea']]);
    const byIndex = parseLongTransactions(text, { transactionColumn: 3, itemColumn: 1 });
    expect(sets(byIndex)).toEqual(sets(byName));
    expect(byIndex.ids).toEqual(byName.ids);
  });

  it('reads files without a header by index, with other delimiters, quotes and trimming', () => {
    const s = parseLongTransactions(' 1 ; "a;b"\n2;c\n\n1; d \n', { header: false, delimiter: ';' });
    expect(s.ids).toEqual(['1', '2']);
    expect(sets(s)).toEqual([['a;b', 'd'], ['c']]);
  });

  it('agrees with direct grouping on random rows (property)', () => {
    const row = fc.tuple(fc.integer({ min: 1, max: 15 }).map((n) => `T${n}`), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        const s = parseLongTransactions(['tx,item', ...rows.map(([t, i]) => `${t},${i}`)].join('\n'));
        const groups = new Map<string, Set<string>>();
        for (const [t, i] of rows) {
          if (!groups.has(t)) groups.set(t, new Set());
          groups.get(t)!.add(i);
        }
        expect(s.ids).toEqual([...groups.keys()]);
        expect(sets(s)).toEqual([...groups.values()].map((g) => [...g].sort()));
      }),
    );
  });

  it('rejects short rows and empty ids or items, naming the line', () => {
    const short = thrown(() => parseLongTransactions('o,i\n1,a\n2\n'));
    expect(short).toBeInstanceOf(ParseError);
    expect(short.message).toMatch(/line 3: expected at least 2 fields/);
    expect(thrown(() => parseLongTransactions('o,i\n1,a\n\n2,\n')).message).toMatch(/line 4: empty item in column "i"/);
    expect(thrown(() => parseLongTransactions('o,i\n ,a\n')).message).toMatch(/line 2: empty transaction id in column "o"/);
    expect(thrown(() => parseLongTransactions('1,a\n,b', { header: false })).message).toMatch(/line 2: empty transaction id in column 1/);
  });

  it('rejects column options that do not fit the header', () => {
    const cases: [Parameters<typeof parseLongTransactions>[1], string, RegExp][] = [
      [{ itemColumn: 'sku' }, 'itemColumn', /no column named "sku"; the header names "o", "i"/],
      [{ transactionColumn: 5 }, 'transactionColumn', /column index 5 is out of range: the header has 2 columns/],
      [{ transactionColumn: 'o', itemColumn: 0 }, 'itemColumn', /same column/],
      [{ itemColumn: 0 }, 'itemColumn', /must differ from transactionColumn/],
      [{ header: false, itemColumn: 'i' }, 'itemColumn', /needs header: true/],
      [{ transactionColumn: -1 }, 'transactionColumn', /0-based column index/],
      [{ transactionColumn: 1.5 }, 'transactionColumn', /0-based column index/],
    ];
    for (const [options, option, message] of cases) {
      const e = thrown(() => parseLongTransactions('o,i\n1,a\n', options));
      expect(e).toBeInstanceOf(InvalidOptionError);
      expect((e as InvalidOptionError).option).toBe(option);
      expect(e.message).toMatch(message);
    }
    expect(thrown(() => parseLongTransactions('o,o\n1,a\n', { transactionColumn: 'o' })).message).toMatch(/more than once/);
  });

  it('rejects input without any data row', () => {
    const headerOnly = thrown(() => parseLongTransactions('order,item\n\n'));
    expect(headerOnly).toBeInstanceOf(InvalidInputError);
    expect(headerOnly.message).toMatch(/no transactions: the input has a header but no data rows/);
    expect(thrown(() => parseLongTransactions(''))).toBeInstanceOf(InvalidInputError);
  });
});

describe('readLongTransactions (streaming)', () => {
  /**
   * A long-format text of many rows with quoted items and \r\n line ends, and one row `o0,<before>xxx…<after>`
   * placed so that `after` starts exactly at offset 65,535, the last character of the first 64 KiB chunk.
   */
  function bigText(before: string, after: string): string {
    const rows: string[] = ['order,item'];
    for (let k = 0; k < 9000; k++) rows.push(`o${(k * 31) % 1700},${k % 3 === 0 ? `"p,${k % 97}"` : `p${k % 89}`}`);
    const text = rows.join('\r\n') + '\r\n';
    const cut = text.slice(0, 65_000).lastIndexOf('\r\n') + 2;
    const pad = 65_535 - cut - 'o0,'.length - before.length;
    return text.slice(0, cut) + `o0,${before}${'x'.repeat(pad)}${after}\r\n` + text.slice(cut);
  }

  it.each([
    ['a \\r\\n split across chunks', '', '', '\r'],
    ['a doubled quote split across chunks', '"', '""y"', '"'],
    ['a quoted item spanning two chunks', '"', ',yy"', ','],
    ['a closing quote ending the chunk', '"', '",z', '"'],
  ])('gives the same transactions as parsing the whole text, with %s', async (_what, before, after, boundary) => {
    const text = bigText(before, after);
    expect(text[65_535]).toBe(boundary);
    const path = file('long.csv', text);
    const streamed = await readLongTransactions(path);
    const whole = parseLongTransactions(text);
    expect(streamed.size).toBe(whole.size);
    expect(streamed.ids).toEqual(whole.ids);
    expect(streamed.itemNames).toEqual(whole.itemNames);
    expect(differences(streamed.items, whole.items)).toBe(0);
    expect(differences(streamed.offsets, whole.offsets)).toBe(0);
    expect(whole.ids!.length).toBe(1700);
    // Line numbers stay right after the chunk boundary: a bad last row is reported on its own line.
    const badPath = file('long-bad.csv', text + 'lonely\r\n');
    const e = await rejected(readLongTransactions(badPath));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).line).toBe(text.split('\n').length);
  });

  it('names the file and line of a malformed row', async () => {
    const path = file('bad-long.csv', 'o,i\n1,a\n2\n');
    const e = await rejected(readLongTransactions(path));
    expect(e).toBeInstanceOf(ParseError);
    expect(e.message).toBe(`${path}: line 3: expected at least 2 fields (column "o" and column "i"), found 1`);
  });
});

// -------------------------------------------------------------------------------------------------------
describe('transactionsFromTable', () => {
  const table = DataTable.fromRecords([
    { id: 'c1', gender: 'F', contract: 'monthly', paperless: true, tenure: 3 },
    { id: 'c2', gender: 'M', contract: 'yearly', paperless: false, tenure: 40 },
    { id: 'c3', gender: null, contract: null, paperless: null, tenure: null },
    { id: 'c4', gender: 'F', contract: 'yearly', paperless: true, tenure: 40 },
  ]);

  it('makes each attribute=value an item; booleans give attribute=true; missing gives nothing', () => {
    const s = transactionsFromTable(table, { exclude: ['id', 'tenure'] });
    expect(s.size).toBe(4);
    expect(sets(s)).toEqual([
      ['contract=monthly', 'gender=F', 'paperless=true'],
      ['contract=yearly', 'gender=M'],
      [],
      ['contract=yearly', 'gender=F', 'paperless=true'],
    ]);
    expect(s.ids).toBeUndefined();
  });

  it("gives attribute=false with booleanFalse: 'item'", () => {
    const s = transactionsFromTable(table, { columns: ['paperless'], booleanFalse: 'item' });
    expect(s.toArrays()).toEqual([['paperless=true'], ['paperless=false'], [], ['paperless=true']]);
  });

  it('rejects a numeric column by default, naming it; skips or itemises it on request', () => {
    const e = thrown(() => transactionsFromTable(table, { exclude: ['id'] }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect((e as InvalidInputError).field).toBe('tenure');
    expect(e.message).toMatch(/column "tenure" is numeric: discretise it first or list the columns to use/);
    const skipped = transactionsFromTable(table, { exclude: ['id'], numeric: 'skip' });
    expect(skipped.itemNames.some((n) => n.startsWith('tenure'))).toBe(false);
    const items = transactionsFromTable(table, { columns: ['tenure'], numeric: 'item' });
    expect(items.toArrays()).toEqual([['tenure=3'], ['tenure=40'], [], ['tenure=40']]);
    expect(items.itemCount).toBe(2);
  });

  it('keeps the id column as transaction ids, not items', () => {
    const s = transactionsFromTable(table, { idColumn: 'id', columns: ['id', 'gender'] });
    expect(s.ids).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(s.itemNames).toEqual(['gender=F', 'gender=M']);
    const gaps = DataTable.fromRecords([{ id: 'a', x: 'y' }, { id: null, x: 'z' }]);
    expect(thrown(() => transactionsFromTable(gaps, { idColumn: 'id' })).message).toMatch(/row 1: the id column "id" is missing/);
  });

  it('uses nominal columns with the exact attribute=value names', () => {
    const t = new DataTable([
      { name: 'bread and cake', type: 'nominal', categories: ['t'], values: ['t', null, 't'] },
      { name: 'milk-cream', type: 'nominal', categories: ['t'], values: [null, 't', 't'] },
    ]);
    const s = transactionsFromTable(t);
    expect(s.toArrays()).toEqual([['bread and cake=t'], ['milk-cream=t'], ['bread and cake=t', 'milk-cream=t']]);
  });

  it('rejects empty tables, no usable column, and bad options', () => {
    expect(thrown(() => transactionsFromTable(new DataTable([{ name: 'a', type: 'string', values: [] }]))).message).toMatch(/no transactions/);
    expect(thrown(() => transactionsFromTable(table, { columns: ['id'], exclude: ['id'] })).message).toMatch(/no columns to use/);
    const unknown = thrown(() => transactionsFromTable(table, { exclude: ['ID'] }));
    expect(unknown).toBeInstanceOf(InvalidOptionError);
    expect(unknown.message).toMatch(/option exclude: no column named "ID"/);
    expect((thrown(() => transactionsFromTable(table, { columns: ['nope'] })) as InvalidOptionError).option).toBe('columns');
    expect((thrown(() => transactionsFromTable(table, { numeric: 'bin' as 'skip' })) as InvalidOptionError).option).toBe('numeric');
    expect((thrown(() => transactionsFromTable(table, { booleanFalse: 'no' as 'skip' })) as InvalidOptionError).option).toBe('booleanFalse');
    expect((thrown(() => transactionsFromTable(table, { columns: 'gender' as unknown as string[] })) as InvalidOptionError).option).toBe('columns');
  });
});

// -------------------------------------------------------------------------------------------------------
describe('readTransactions', () => {
  it('dispatches on the format', async () => {
    const basket = await readTransactions(file('b.csv', 'a,b\nb;c\n'), { format: 'basket', delimiter: ';' });
    expect(basket.toArrays()).toEqual([['a,b'], ['b', 'c']]);
    const fimi = await readTransactions(file('f.dat', '3 1\n1\n'), { format: 'fimi' });
    expect(sets(fimi)).toEqual([['1', '3'], ['1']]);
    const long = await readTransactions(file('l.csv', 'sku|order\nx|1\ny|1\n'), {
      format: 'long',
      delimiter: '|',
      transactionColumn: 'order',
      itemColumn: 'sku',
    });
    expect(long.ids).toEqual(['1']);
    expect(sets(long)).toEqual([['x', 'y']]);
  });

  it("reads a CSV table with format 'table', passing the column options through", async () => {
    const path = file('t.csv', 'customerID,gender,Churn,tenure\nc1,F,Yes,3\nc2,M,No,40\nc3,F,,1\n');
    const e = await rejected(readTransactions(path, { format: 'table', exclude: ['customerID'] }));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e.message).toContain(path);
    expect(e.message).toMatch(/column "tenure" is numeric/);
    const s = await readTransactions(path, { format: 'table', idColumn: 'customerID', numeric: 'skip' });
    expect(s.ids).toEqual(['c1', 'c2', 'c3']);
    expect(s.toArrays()).toEqual([['gender=F', 'Churn=Yes'], ['gender=M', 'Churn=No'], ['gender=F']]);
    const text = await readTransactions(path, { format: 'table', columns: ['tenure'], inferTypes: false });
    expect(text.toArrays()).toEqual([['tenure=3'], ['tenure=40'], ['tenure=1']]);
  });

  it("reads an ARFF file with format 'arff': items attribute=value, missing values give none", async () => {
    const path = file(
      'basket.arff',
      [
        '@relation supermarket-like',
        "@attribute 'bread and cake' {t}",
        '@attribute milk {t}',
        '@attribute size {small,large}',
        '@data',
        't,?,small',
        '?,t,?',
        't,t,large',
        '',
      ].join('\n'),
    );
    const s = await readTransactions(path, { format: 'arff' });
    expect(s.toArrays()).toEqual([['bread and cake=t', 'size=small'], ['milk=t'], ['bread and cake=t', 'milk=t', 'size=large']]);
    const only = await readTransactions(path, { format: 'arff', exclude: ['size'] });
    expect(only.itemNames).toEqual(['bread and cake=t', 'milk=t']);
  });

  it('rejects an unknown or missing format', async () => {
    const e = await rejected(readTransactions('x', { format: 'xlsx' as TransactionFormat }));
    expect(e).toBeInstanceOf(InvalidOptionError);
    expect(e.message).toMatch(/option format: expected one of 'basket', 'fimi', 'long', 'arff', 'table'/);
    expect(await rejected(readTransactions('x', undefined as unknown as { format: 'basket' }))).toBeInstanceOf(InvalidOptionError);
  });

  it('names a missing file in a FileError, for every format and reader', async () => {
    const missing = join(dir, 'no-such-file.txt');
    const formats: TransactionFormat[] = ['basket', 'fimi', 'long', 'arff', 'table'];
    for (const format of formats) {
      const e = await rejected(readTransactions(missing, { format }));
      expect(e).toBeInstanceOf(FileError);
      expect((e as FileError).path).toBe(missing);
    }
    for (const read of [readBaskets, readFimi, readLongTransactions]) {
      const e = await rejected(read(missing));
      expect(e).toBeInstanceOf(FileError);
      expect(e.message).toBe(`${missing}: no such file`);
    }
    expect(await rejected(readLongTransactions(dir))).toBeInstanceOf(FileError);
  });

  it('names the file in parse errors', async () => {
    const path = file('bad.csv', 'a,b\nc,,d\n');
    const e = await rejected(readBaskets(path));
    expect(e).toBeInstanceOf(ParseError);
    expect((e as ParseError).source).toBe(path);
    expect(e.message).toContain(`${path}: line 2: empty item at position 2`);
  });
});

// -------------------------------------------------------------------------------------------------------
// Reference data sets (../shared/data/association). Expected shapes are from the data README; the
// per-item counts are recomputed here directly from the file text, independently of the readers.

/** Counts, per distinct item name, the lines that contain it, splitting with `sep` (a direct reference). */
function directCounts(text: string, sep: RegExp, clean: (s: string) => string): { lines: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let lines = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    lines++;
    for (const it of new Set(line.split(sep).map(clean).filter((s) => s !== ''))) counts.set(it, (counts.get(it) ?? 0) + 1);
  }
  return { lines, counts };
}

/** The number of positions where two integer arrays differ (plus the length difference). */
function differences(a: Int32Array, b: Int32Array): number {
  let d = Math.abs(a.length - b.length);
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) d++;
  return d;
}

function expectCounts(s: TransactionSet, counts: Map<string, number>): void {
  const c = s.itemCounts();
  const ours = new Map<string, number>();
  for (let id = 0; id < s.itemCount; id++) ours.set(s.itemNames[id], c[id]);
  expect(ours).toEqual(counts);
}

describe.skipIf(!haveData('association/groceries.csv'))('groceries.csv (basket)', () => {
  it('has 9,835 baskets and 169 items with the counts of a direct split', async () => {
    const path = dataFile('association/groceries.csv');
    const s = await readBaskets(path);
    expect(s.size).toBe(9835);
    expect(s.itemCount).toBe(169);
    expectCounts(s, directCounts(readFileSync(path, 'utf8'), /,/, (x) => x.trim()).counts);
    expect(s.itemId('cream cheese')).toBeDefined();
    expect(s.itemId('cream cheese ')).toBeUndefined();
  });

  it('gives the same items and counts with and without trimming (trimming merges no distinct items)', async () => {
    const path = dataFile('association/groceries.csv');
    const trimmed = await readBaskets(path);
    const raw = await readTransactions(path, { format: 'basket', trim: false });
    expect(raw.size).toBe(trimmed.size);
    expect(raw.itemCount).toBe(trimmed.itemCount);
    expect(raw.itemId('cream cheese ')).toBeDefined();
    const rawCounts = raw.itemCounts();
    const trimmedCounts = trimmed.itemCounts();
    for (let id = 0; id < raw.itemCount; id++) {
      const t = trimmed.itemId(raw.itemNames[id].trim());
      expect(t).toBeDefined();
      expect(trimmedCounts[t!]).toBe(rawCounts[id]);
    }
    expect(differences(raw.items, trimmed.items)).toBe(0);
  });
});

describe.skipIf(!haveData('association/retail.dat'))('retail.dat (FIMI)', () => {
  it('has 88,162 baskets and 16,470 items with the counts of a direct split', async () => {
    const path = dataFile('association/retail.dat');
    const s = await readFimi(path);
    expect(s.size).toBe(88162);
    expect(s.itemCount).toBe(16470);
    const direct = directCounts(readFileSync(path, 'utf8'), /\s+/, (x) => x);
    expect(direct.lines).toBe(88162);
    expectCounts(s, direct.counts);
    const viaDispatch = await readTransactions(path, { format: 'fimi' });
    expect(differences(viaDispatch.items, s.items)).toBe(0);
    expect(differences(viaDispatch.offsets, s.offsets)).toBe(0);
  });
});

describe.skipIf(!haveData('association/mushroom.dat'))('mushroom.dat (FIMI)', () => {
  it('has 8,124 baskets of exactly 23 items, 119 items in all', async () => {
    const s = await readFimi(dataFile('association/mushroom.dat'));
    expect(s.size).toBe(8124);
    expect(s.itemCount).toBe(119);
    let other = 0;
    for (let t = 0; t < s.size; t++) if (s.offsets[t + 1] - s.offsets[t] !== 23) other++;
    expect(other).toBe(0);
  });
});

describe('the mlxtend example (basket text)', () => {
  it('has 5 baskets; the duplicate Onion counts once, leaving 5 distinct items', () => {
    const text = [
      'Milk,Onion,Nutmeg,Kidney Beans,Eggs,Yogurt',
      'Dill,Onion,Nutmeg,Kidney Beans,Eggs,Yogurt',
      'Milk,Apple,Kidney Beans,Eggs',
      'Milk,Unicorn,Corn,Kidney Beans,Yogurt',
      'Corn,Onion,Onion,Kidney Beans,Ice cream,Eggs',
    ].join('\n');
    const s = parseBaskets(text);
    expect(s.size).toBe(5);
    expect(s.transaction(4).sort()).toEqual(['Corn', 'Eggs', 'Ice cream', 'Kidney Beans', 'Onion']);
    expect(s.itemCounts()[s.itemId('Onion')!]).toBe(3);
    expect(s.itemCounts()[s.itemId('Kidney Beans')!]).toBe(5);
  });
});
