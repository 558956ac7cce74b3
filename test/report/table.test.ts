import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { DataTable } from '../../src/data/table.js';
import { htmlTable, type HtmlTableOptions } from '../../src/report/table.js';

/** The text of each `<td>` of each body row (tags stripped, entities as written). */
function bodyCells(html: string): string[][] {
  const body = html.slice(html.indexOf('<tbody>'), html.indexOf('</tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]));
}
/** The text of each `<th>`. */
function headCells(html: string): string[] {
  return [...html.matchAll(/<th(?:\s[^>]*)?>(.*?)<\/th>/g)].map((m) => m[1]);
}

const RECORDS = [
  { name: 'Ann', visits: 1234, spend: 12.5 },
  { name: 'Bob', visits: 7, spend: 3 },
];

describe('htmlTable', () => {
  it('renders the same table from a DataTable, an array of records and { columns, rows }', () => {
    const fromRecords = htmlTable(RECORDS);
    const fromTable = htmlTable(DataTable.fromRecords(RECORDS));
    const fromRows = htmlTable({ columns: ['name', 'visits', 'spend'], rows: RECORDS.map((r) => [r.name, r.visits, r.spend]) });
    expect(fromTable).toBe(fromRecords);
    expect(fromRows).toBe(fromRecords);
    expect(headCells(fromRecords)).toEqual(['name', 'visits', 'spend']);
    expect(bodyCells(fromRecords)).toEqual([
      ['Ann', '1,234', '12.500'],
      ['Bob', '7', '3.000'],
    ]);
    expect(fromRecords.startsWith('<table>')).toBe(true);
    expect(fromRecords.endsWith('</table>')).toBe(true);
  });

  it('takes the union of the records\' keys as columns, a key a record lacks being a missing cell', () => {
    const html = htmlTable([{ a: 'x' }, { b: 2 }]);
    expect(headCells(html)).toEqual(['a', 'b']);
    const cells = bodyCells(html);
    expect(cells[0][1]).toBe('–');
    expect(cells[1][0]).toBe('–');
  });

  it('escapes column names, cells and the caption', () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;';
    const html = htmlTable({ columns: [evil], rows: [[evil]] }, { caption: evil });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('"x"');
    expect(html).toContain(`<caption style="text-align:left;font-weight:bold">${escaped}</caption>`);
    expect(headCells(html)).toEqual([escaped]);
    expect(bodyCells(html)).toEqual([[escaped]]);
    // a record key is a column name too
    expect(headCells(htmlTable([{ [evil]: 1 }]))).toEqual([escaped]);
  });

  it('right-aligns numbers, with separators, integers as integers and other columns to `digits` decimals', () => {
    const html = htmlTable({ columns: ['label', 'count', 'share'], rows: [['a', 1234567, 0.12345], ['b', -2000, 1], ['c', 0, 1234.5]] });
    expect(html).toContain('<th scope="col" style="text-align:left">label</th><th scope="col" style="text-align:right">count</th>');
    expect(html).toContain('<td style="text-align:right">1,234,567</td>');
    expect(html).toContain('<td style="text-align:left">a</td>');
    expect(bodyCells(html).map((r) => r.slice(1))).toEqual([
      ['1,234,567', '0.123'],
      ['-2,000', '1.000'], // 1 in a column of fractions keeps the column's decimals
      ['0', '1,234.500'],
    ]);
    const two = bodyCells(htmlTable({ columns: ['x'], rows: [[2.345678], [1e6 + 0.5]] }, { digits: 1 }));
    expect(two).toEqual([['2.3'], ['1,000,000.5']]);
    expect(bodyCells(htmlTable({ columns: ['x'], rows: [[0.6]] }, { digits: 0 }))).toEqual([['1']]);
    expect(bodyCells(htmlTable({ columns: ['x'], rows: [[Infinity], [-Infinity], [5]] }))).toEqual([['∞'], ['−∞'], ['5']]);
  });

  it('shows null, undefined, NaN and an invalid Date as a marked missing cell, unlike an empty string', () => {
    const html = htmlTable({
      columns: ['n', 's'],
      rows: [
        [null, ''],
        [undefined, new Date(Number.NaN)],
        [Number.NaN, 'x'],
        [4, null],
      ],
    });
    const missingNum = '<td style="text-align:right;color:#999" title="missing">–</td>';
    const missingText = '<td style="text-align:left;color:#999" title="missing">–</td>';
    const rows = html.slice(html.indexOf('<tbody>')).split('\n').filter((l) => l.startsWith('<tr>'));
    expect(rows[0]).toBe(`<tr>${missingNum}<td style="text-align:left"></td></tr>`);
    expect(rows[1]).toBe(`<tr>${missingNum}${missingText}</tr>`);
    expect(rows[2]).toBe(`<tr>${missingNum}<td style="text-align:left">x</td></tr>`);
    expect(rows[3]).toBe(`<tr><td style="text-align:right">4</td>${missingText}</tr>`);
    // a column of numbers and missing cells is still a number column
    expect(html).toContain('<th scope="col" style="text-align:right">n</th>');
  });

  it('shows dates as ISO dates in UTC and booleans as words', () => {
    const cells = bodyCells(
      htmlTable([
        { d: new Date(Date.UTC(2024, 2, 5)), ok: true },
        { d: new Date(Date.UTC(2024, 2, 5, 14, 7)), ok: false },
        { d: new Date(Date.UTC(2024, 2, 5, 14, 7, 1, 250)), ok: null },
      ]),
    );
    expect(cells.map((r) => r[0])).toEqual(['2024-03-05', '2024-03-05T14:07:00Z', '2024-03-05T14:07:01.250Z']);
    expect(cells.map((r) => r[1]).slice(0, 2)).toEqual(['true', 'false']);
  });

  it('shows at most maxRows rows (default 20) and says how many more there are', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => i);
    const big = new DataTable([
      { name: 'id', type: 'number', values: ids },
      { name: 'label', type: 'string', values: ids.map((i) => `row ${i}`) },
    ]);
    const html = htmlTable(big);
    const cells = bodyCells(html);
    expect(cells).toHaveLength(20);
    expect(cells[19][0]).toBe('19');
    expect(html).toContain('<tfoot><tr><td colspan="2" style="text-align:left">… 99,980 more rows (100,000 in all)</td></tr></tfoot>');

    const five = htmlTable(Array.from({ length: 6 }, (_, i) => ({ i })), { maxRows: 5 });
    expect(bodyCells(five)).toHaveLength(5);
    expect(five).toContain('… 1 more row (6 in all)');

    expect(htmlTable(big, { maxRows: 0 })).toContain('… 100,000 more rows');
    expect(bodyCells(htmlTable(big.select(['id']), { maxRows: 50 }))).toHaveLength(50);
    const all = htmlTable(Array.from({ length: 45 }, (_, i) => ({ i })), { maxRows: Infinity });
    expect(bodyCells(all)).toHaveLength(45);
    expect(all).not.toContain('<tfoot>');
    const exact = htmlTable(Array.from({ length: 20 }, (_, i) => ({ i })));
    expect(bodyCells(exact)).toHaveLength(20);
    expect(exact).not.toContain('<tfoot>');
  });

  it('shows the columns option\'s columns, in its order', () => {
    for (const data of [RECORDS, DataTable.fromRecords(RECORDS), { columns: ['name', 'visits', 'spend'], rows: [['Ann', 1234, 12.5], ['Bob', 7, 3]] }]) {
      const html = htmlTable(data, { columns: ['spend', 'name'] });
      expect(headCells(html)).toEqual(['spend', 'name']);
      expect(bodyCells(html)).toEqual([
        ['12.500', 'Ann'],
        ['3.000', 'Bob'],
      ]);
    }
  });

  it('rejects unknown and bad options, naming the option', () => {
    const bad: [HtmlTableOptions, RegExp][] = [
      [{ maxrows: 5 } as HtmlTableOptions, /option maxrows: unknown option for htmlTable\(\); did you mean maxRows\?/],
      [{ digits: -1 }, /option digits: expected an integer in \[0, 20\]/],
      [{ digits: 2.5 }, /option digits/],
      [{ maxRows: -1 }, /option maxRows/],
      [{ maxRows: Number.NaN }, /option maxRows/],
      [{ caption: 42 as unknown as string }, /option caption: expected a string/],
      [{ columns: ['name', 'nope'] }, /option columns\[1\]: no column named "nope"; the columns are "name", "visits", "spend"/],
      [{ columns: 'name' as unknown as string[] }, /option columns: expected an array/],
    ];
    for (const [options, message] of bad) {
      expect(() => htmlTable(RECORDS, options)).toThrow(InvalidOptionError);
      expect(() => htmlTable(RECORDS, options)).toThrow(message);
    }
    expect(() => htmlTable(RECORDS, 'wide' as unknown as HtmlTableOptions)).toThrow(InvalidOptionError);
  });

  it('rejects data of no known shape, naming the row and column at fault', () => {
    expect(() => htmlTable(42 as never)).toThrow(InvalidInputError);
    expect(() => htmlTable([{ a: 1 }, 'b'] as never)).toThrow(/row 1 is "b"; expected a record/);
    expect(() => htmlTable({ columns: ['a', 'b'], rows: [[1, 2], [3]] })).toThrow(/row 1 has 1 cells, expected an array of 2 cells/);
    expect(() => htmlTable({ columns: [1, 2] as never, rows: [] })).toThrow(/columns must be an array of column names/);
    expect(() => htmlTable([{ a: 1 }, { a: { nested: true } }])).toThrow(/row 1, column "a": cannot show a value of type object/);
    expect(() => htmlTable({ columns: ['a'], rows: [[[1, 2]]] })).toThrow(/row 0, column "a": cannot show an array/);
  });

  it('renders an empty table with its header only', () => {
    const html = htmlTable({ columns: ['a', 'b'], rows: [] });
    expect(headCells(html)).toEqual(['a', 'b']);
    expect(bodyCells(html)).toEqual([]);
    expect(html).not.toContain('more row');
  });
});
