import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRows, inferCsvColumnType, parseCsv, parseDecimal, parseIsoDate, readCsv } from '../../src/data/csv.js';
import { readTextFile } from '../../src/data/files.js';
import { FileError, InvalidInputError, InvalidOptionError, ParseError } from '../../src/core/errors.js';
import { dataFile, haveData } from '../helpers/data.js';

async function parseError(p: Promise<unknown>): Promise<ParseError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a ParseError, got a result');
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crm-csv-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('parseCsv: structure', () => {
  it('uses the first row as the header and infers column types', async () => {
    const t = await parseCsv('id,name,score,active,joined\n1,Ann,2.5,true,2020-01-31\n2,Bob,-3,FALSE,2021-12-01\n');
    expect(t.columnNames).toEqual(['id', 'name', 'score', 'active', 'joined']);
    expect(t.rowCount).toBe(2);
    expect(t.columns.map((c) => c.type)).toEqual(['number', 'string', 'number', 'boolean', 'date']);
    expect(t.column('score').values).toEqual([2.5, -3]);
    expect(t.column('active').values).toEqual([true, false]);
    expect(t.column('joined').values).toEqual([new Date(Date.UTC(2020, 0, 31)), new Date(Date.UTC(2021, 11, 1))]);
    expect(t.row(1)).toEqual({ id: 2, name: 'Bob', score: -3, active: false, joined: new Date(Date.UTC(2021, 11, 1)) });
  });

  it('names columns column1..N without a header, and keeps the first row as data', async () => {
    const t = await parseCsv('1,a\n2,b\n', { header: false });
    expect(t.columnNames).toEqual(['column1', 'column2']);
    expect(t.rowCount).toBe(2);
    expect(t.column('column1').values).toEqual([1, 2]);
  });

  it('honours the delimiter option (semicolon, tab)', async () => {
    const semi = await parseCsv('a;b\n1,5;x\n', { delimiter: ';' });
    expect(semi.column('a').values).toEqual(['1,5']);
    const tab = await parseCsv('a\tb\n1\tx y\n', { delimiter: '\t' });
    expect(tab.column('a').values).toEqual([1]);
    expect(tab.column('b').values).toEqual(['x y']);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', async () => {
    const t = await parseCsv('a,b\n"x, y","he said ""hi"""\n"two\nlines",z\n');
    expect(t.column('a').values).toEqual(['x, y', 'two\nlines']);
    expect(t.column('b').values).toEqual(['he said "hi"', 'z']);
  });

  it('handles CRLF line endings and a byte-order mark', async () => {
    const t = await parseCsv('\ufeffa,b\r\n1,2\r\n3,4\r\n');
    expect(t.columnNames).toEqual(['a', 'b']);
    expect(t.column('b').values).toEqual([2, 4]);
  });

  it('skips blank lines between rows of a multi-column table', async () => {
    const t = await parseCsv('a,b\n1,2\n\n3,4\n\n');
    expect(t.column('a').values).toEqual([1, 3]);
  });

  it('treats an inner blank line of a one-column table as a missing cell, but not trailing ones', async () => {
    const t = await parseCsv('x\n1\n\n3\n\n\n');
    expect(t.column('x').values).toEqual([1, null, 3]);
  });

  it('trims cells and header names by default; trim: false keeps cell spaces', async () => {
    const t = await parseCsv(' a , b \n 1 , x y \n');
    expect(t.columnNames).toEqual(['a', 'b']);
    expect(t.column('a').values).toEqual([1]);
    expect(t.column('b').values).toEqual(['x y']);
    const raw = await parseCsv('a,b\n 1 , x \n', { trim: false, inferTypes: false });
    expect(raw.column('a').values).toEqual([' 1 ']);
    expect(raw.column('b').values).toEqual([' x ']);
  });

  it('names an empty header cell by its position', async () => {
    const t = await parseCsv(',v\nr1,1\n');
    expect(t.columnNames).toEqual(['column1', 'v']);
  });
});

describe('parseCsv: missing values', () => {
  it('keeps the default markers as null, never 0 or ""', async () => {
    const t = await parseCsv('n,s\n1,a\n,\nNA,N/A\nNaN,null\n?, \n5,b\n');
    expect(t.column('n').type).toBe('number');
    expect(t.column('n').values).toEqual([1, null, null, null, null, 5]);
    expect(t.column('s').type).toBe('string');
    expect(t.column('s').values).toEqual(['a', null, null, null, null, 'b']);
  });

  it('compares markers after trimming, and a quoted blank is missing too', async () => {
    const t = await parseCsv('n,s\n 1 ,"  "\n  NA  ,x\n');
    expect(t.column('n').values).toEqual([1, null]);
    expect(t.column('s').values).toEqual([null, 'x']);
  });

  it('uses a custom marker list', async () => {
    const t = await parseCsv('n,s\n-999,\n2,NA\n', { missing: ['-999'] });
    expect(t.column('n').values).toEqual([null, 2]);
    expect(t.column('s').values).toEqual(['', 'NA']);
  });

  it('infers a type from the non-missing cells only; an all-missing column is string', async () => {
    const t = await parseCsv('a,b\nNA,\n1.5,\n');
    expect(t.column('a').type).toBe('number');
    expect(t.column('b').type).toBe('string');
    expect(t.column('b').values).toEqual([null, null]);
  });
});

describe('parseCsv: types', () => {
  it('keeps numeric text exact and accepts exponents', async () => {
    const t = await parseCsv('x\n0.1\n1e3\n-2.5E-3\n.5\n+7\n');
    expect(t.column('x').values).toEqual([0.1, 1000, -0.0025, 0.5, 7]);
  });

  it('infers string for numbers with junk, hex, Infinity, or leading zeros', async () => {
    for (const bad of ['12abc', '0x10', 'Infinity', '007']) {
      const t = await parseCsv(`x\n1\n${bad}\n`);
      expect(t.column('x').type, bad).toBe('string');
      expect(t.column('x').values, bad).toEqual(['1', bad]);
    }
  });

  it('does not infer Yes/No, t/f or 1/0 as boolean', async () => {
    const t = await parseCsv('churn,flag,bit\nYes,t,1\nNo,f,0\n');
    expect(t.column('churn').type).toBe('string');
    expect(t.column('flag').type).toBe('string');
    expect(t.column('bit').type).toBe('number');
  });

  it('reads yes/no, t/f and 1/0 as booleans when columnTypes asks for boolean', async () => {
    const t = await parseCsv('churn,flag,bit\nYes,t,1\nno,F,0\n', {
      columnTypes: { churn: 'boolean', flag: 'boolean', bit: 'boolean' },
    });
    expect(t.column('churn').values).toEqual([true, false]);
    expect(t.column('flag').values).toEqual([true, false]);
    expect(t.column('bit').values).toEqual([true, false]);
  });

  it('reads ISO dates and date-times as UTC, with offsets applied', async () => {
    const t = await parseCsv('d\n2024-02-29\n2024-03-01T10:20:30\n2024-03-01 10:20\n2024-03-01T10:20:30.250Z\n2024-03-01T12:00:00+02:00\n');
    expect(t.column('d').type).toBe('date');
    expect((t.column('d').values as Date[]).map((d) => d.toISOString())).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2024-03-01T10:20:30.000Z',
      '2024-03-01T10:20:00.000Z',
      '2024-03-01T10:20:30.250Z',
      '2024-03-01T10:00:00.000Z',
    ]);
  });

  it('does not infer impossible dates as dates', async () => {
    const t = await parseCsv('d\n2023-02-29\n2023-01-01\n');
    expect(t.column('d').type).toBe('string');
  });

  it('columnTypes overrides inference: codes as strings, leading zeros as numbers', async () => {
    const t = await parseCsv('zip,n\n02134,007\n10001,1\n', { columnTypes: { zip: 'string', n: 'number' } });
    expect(t.column('zip').values).toEqual(['02134', '10001']);
    expect(t.column('n').values).toEqual([7, 1]);
  });

  it("'nominal' keeps the text and lists the distinct values in first-seen order", async () => {
    const t = await parseCsv('c\nb\na\nb\nNA\n', { columnTypes: { c: 'nominal' } });
    expect(t.column('c').type).toBe('nominal');
    expect(t.column('c').values).toEqual(['b', 'a', 'b', null]);
    expect(t.column('c').categories).toEqual(['b', 'a']);
  });

  it('inferTypes: false makes every unnamed column a string column, missing still null', async () => {
    const t = await parseCsv('a,b,c\n1,true,2020-01-01\nNA,x,\n', { inferTypes: false, columnTypes: { a: 'number' } });
    expect(t.columns.map((c) => c.type)).toEqual(['number', 'string', 'string']);
    expect(t.column('a').values).toEqual([1, null]);
    expect(t.column('b').values).toEqual(['true', 'x']);
    expect(t.column('c').values).toEqual(['2020-01-01', null]);
  });

  it('a cell that does not parse as the requested type is a ParseError naming line and column', async () => {
    const e = await parseError(parseCsv('id,TotalCharges\n1,2.5\n2,abc\n', { columnTypes: { TotalCharges: 'number' } }));
    expect(e.line).toBe(3);
    expect(e.column).toBe('TotalCharges');
    expect(e.message).toBe('<string>: line 3, column TotalCharges: expected a number, got "abc"');
    const e2 = await parseError(parseCsv('x\n12abc\n', { columnTypes: { x: 'number' } }));
    expect(e2.message).toContain('"12abc"');
    const e3 = await parseError(parseCsv('d\n2023-02-30\n', { columnTypes: { d: 'date' }, source: 'dates.csv' }));
    expect(e3.message).toMatch(/^dates\.csv: line 2, column d: expected an ISO-8601 date/);
    const e4 = await parseError(parseCsv('b\nmaybe\n', { columnTypes: { b: 'boolean' } }));
    expect(e4.column).toBe('b');
  });

  it('counts the lines of multi-line quoted fields when naming a line', async () => {
    const e = await parseError(parseCsv('a,n\n"one\ntwo\nthree",1\nx,oops\n', { columnTypes: { n: 'number' } }));
    expect(e.line).toBe(5);
  });
});

describe('parseCsv: errors', () => {
  it('a row with the wrong number of fields names its line', async () => {
    const e = await parseError(parseCsv('a,b\n1,2\n3\n4,5\n'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/expected 2 fields.*got 1/);
    const e2 = await parseError(parseCsv('a,b\n"x\ny",2\n1,2,3\n'));
    expect(e2.line).toBe(4);
  });

  it('checks the field count against the first row when there is no header', async () => {
    const e = await parseError(parseCsv('1,2,3\n1,2\n', { header: false }));
    expect(e.line).toBe(2);
  });

  it('an unterminated quote names the line where it opened', async () => {
    const e = await parseError(parseCsv('a,b\n1,2\n3,"open\n5,6\n'));
    expect(e.line).toBe(3);
    expect(e.message).toMatch(/unterminated quoted field/);
  });

  it('text after a closing quote names its line', async () => {
    const e = await parseError(parseCsv('a,b\n1,2\n3,"x"y\n'));
    expect(e.line).toBe(3);
  });

  it('a duplicate header name is an error naming it', async () => {
    const e = await parseError(parseCsv('id,x,id\n1,2,3\n'));
    expect(e.line).toBe(1);
    expect(e.column).toBe('id');
    expect(e.message).toContain('duplicate column name "id"');
  });

  it('empty text and a header without rows are InvalidInputError ("no rows")', async () => {
    await expect(parseCsv('')).rejects.toThrow(InvalidInputError);
    await expect(parseCsv('')).rejects.toThrow(/no rows/);
    await expect(parseCsv('\n\n')).rejects.toThrow(/no rows/);
    await expect(parseCsv('a,b\n')).rejects.toThrow(/no rows/);
  });

  it('rejects bad options with InvalidOptionError naming the option', async () => {
    await expect(parseCsv('a\n1\n', { delimiter: ';;' })).rejects.toThrow(InvalidOptionError);
    await expect(parseCsv('a\n1\n', { delimiter: '"' })).rejects.toThrow(/delimiter/);
    await expect(parseCsv('a\n1\n', { columnTypes: { b: 'number' } })).rejects.toThrow(/columnTypes\.b.*no column "b"/);
    await expect(parseCsv('a\n1\n', { columnTypes: { a: 'int' as never } })).rejects.toThrow(/columnTypes\.a/);
    await expect(parseCsv('a\n1\n', { missing: 'NA' as never })).rejects.toThrow(/option missing/);
  });
});

describe('readCsv, csvRows and readTextFile', () => {
  it('reads a file to the same table as parseCsv on its text', async () => {
    const text = 'a,b,c\n1,"x,\ny",2020-01-01\nNA,z,\n';
    const path = join(dir, 'small.csv');
    writeFileSync(path, text);
    const fromFile = await readCsv(path);
    const fromText = await parseCsv(text);
    expect(fromFile.columns).toEqual(fromText.columns);
    expect(fromFile.column('a').values).toEqual([1, null]);
  });

  it('names the path in parse errors from a file', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b\n1,2\n3,"4\n');
    const e = await parseError(readCsv(path));
    expect(e.message).toContain(path);
    expect(e.line).toBe(3);
  });

  it('a missing file is a FileError naming the path', async () => {
    const path = join(dir, 'nope.csv');
    await expect(readCsv(path)).rejects.toThrow(FileError);
    await expect(readCsv(path)).rejects.toThrow(`${path}: no such file`);
    await expect(readCsv(dir)).rejects.toThrow(/is a directory/);
    await expect(readTextFile(path)).rejects.toThrow(FileError);
  });

  it('readTextFile reads text and drops a byte-order mark', async () => {
    const path = join(dir, 'bom.txt');
    writeFileSync(path, '\ufeffhello\n');
    expect(await readTextFile(path)).toBe('hello\n');
  });

  it('csvRows streams untyped rows with null for missing', async () => {
    const path = join(dir, 'rows.csv');
    writeFileSync(path, 'a;b\n1;x\n;y\n');
    const rows = [];
    for await (const r of csvRows(path, { delimiter: ';' })) rows.push(r);
    expect(rows).toEqual([
      { a: '1', b: 'x' },
      { a: null, b: 'y' },
    ]);
    await expect(
      (async () => {
        for await (const r of csvRows(join(dir, 'absent.csv'))) void r;
      })(),
    ).rejects.toThrow(FileError);
  });
});

describe('helpers', () => {
  it('parseDecimal accepts decimal numbers only', () => {
    expect(parseDecimal(' 42 ')).toBe(42);
    expect(parseDecimal('1.5e2')).toBe(150);
    for (const bad of ['', ' ', '12abc', '0x1F', 'Infinity', 'NaN', '1,5', '--1', '.']) expect(parseDecimal(bad), bad).toBeUndefined();
  });

  it('parseIsoDate validates ranges', () => {
    expect(parseIsoDate('2000-02-29')?.toISOString()).toBe('2000-02-29T00:00:00.000Z');
    for (const bad of ['1900-02-29', '2021-13-01', '2021-04-31', '2021-01-01T24:00', '2021-1-1', '01/02/2021']) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });

  it('inferCsvColumnType ignores nulls', () => {
    expect(inferCsvColumnType([null, '1', null])).toBe('number');
    expect(inferCsvColumnType(['true', null, 'False'])).toBe('boolean');
    expect(inferCsvColumnType([null])).toBe('string');
  });
});

describe('round trip (property)', () => {
  const quote = (s: string) => (/[",\n\r]|^\s|\s$/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
  it('any strings written with CSV quoting read back unchanged', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', 'é', '1', '.'), maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 8 }), async (rows) => {
        const text = 'p,q,r\n' + rows.map((r) => r.map(quote).join(',')).join('\n') + '\n';
        const t = await parseCsv(text, { inferTypes: false, missing: [], trim: false });
        expect(t.rowCount).toBe(rows.length);
        expect(t.column('p').values).toEqual(rows.map((r) => r[0]));
        expect(t.column('q').values).toEqual(rows.map((r) => r[1]));
        expect(t.column('r').values).toEqual(rows.map((r) => r[2]));
      }),
      { numRuns: 150, seed: 20240601 },
    );
  });
});

describe.skipIf(!haveData('churn/telco-churn.csv'))('telco-churn.csv (reference data)', () => {
  it('reads 7,043 rows and 21 columns with the documented types and blanks', async () => {
    const t = await readCsv(dataFile('churn/telco-churn.csv'));
    expect(t.rowCount).toBe(7043);
    expect(t.columns.length).toBe(21);
    const total = t.column('TotalCharges');
    expect(total.type).toBe('number');
    const blanks: number[] = [];
    total.values.forEach((v, i) => {
      if (v === null) blanks.push(i);
      else expect(typeof v).toBe('number');
    });
    expect(blanks.length).toBe(11);
    // the README says the blanks are the new customers (tenure 0)
    const tenure = t.column('tenure');
    expect(tenure.type).toBe('number');
    for (const i of blanks) expect(tenure.values[i]).toBe(0);
    const senior = t.column('SeniorCitizen');
    expect(senior.type).toBe('number');
    expect(new Set(senior.values)).toEqual(new Set([0, 1]));
    const churn = t.column('Churn');
    expect(churn.type).toBe('string');
    expect(churn.values.filter((v) => v === 'Yes').length).toBe(1869);
    expect(churn.values.filter((v) => v === 'No').length).toBe(7043 - 1869);
    expect(t.column('customerID').type).toBe('string');
    expect(t.column('MonthlyCharges').type).toBe('number');
  });

  it('streams the same number of rows with csvRows', async () => {
    let n = 0;
    let blank = 0;
    for await (const r of csvRows(dataFile('churn/telco-churn.csv'))) {
      n++;
      if (r.TotalCharges === null) blank++;
    }
    expect(n).toBe(7043);
    expect(blank).toBe(11);
  });
});
