import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowView, toMatrix, toRows, zeros } from '../../src/core/matrix.js';
import { InvalidInputError } from '../../src/core/errors.js';

describe('toMatrix', () => {
  it('copies arrays of rows into a row-major Float64Array and back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((cols) =>
          fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: cols, maxLength: cols }), {
            minLength: 1,
            maxLength: 10,
          }),
        ),
        (rows) => {
          const m = toMatrix(rows);
          expect(m.rows).toBe(rows.length);
          expect(m.cols).toBe(rows[0].length);
          expect(toRows(m)).toEqual(rows);
          expect(Array.from(rowView(m, m.rows - 1))).toEqual(rows[rows.length - 1]);
        },
      ),
    );
  });

  it('does not share the caller data and passes a valid Matrix through', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ];
    const m = toMatrix(rows);
    rows[0][0] = 99;
    expect(m.data[0]).toBe(1);
    const z = zeros(2, 3);
    expect(toMatrix(z)).toBe(z);
  });

  it('names the row and column of bad values', () => {
    expect(() => toMatrix([[1, 2], [3]])).toThrow('X: row 1 has 1 values, expected 2 like row 0');
    expect(() => toMatrix([[1, Number.NaN]], { name: 'features' })).toThrow('features: row 0, column 1 is NaN, expected a finite number');
    expect(() => toMatrix([[1], [Infinity]])).toThrow(InvalidInputError);
    expect(() => toMatrix([[1, '2' as unknown as number]])).toThrow(/row 0, column 1 is string/);
    expect(() => toMatrix([])).toThrow(/no rows/);
    expect(() => toMatrix([[]])).toThrow(/no columns/);
    expect(() => toMatrix({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(/expected rows × cols = 4/);
  });

  it('allows NaN as missing only when asked', () => {
    const m = toMatrix([[Number.NaN, 1]], { allowMissing: true });
    expect(Number.isNaN(m.data[0])).toBe(true);
    expect(() => toMatrix([[Infinity, 1]], { allowMissing: true })).toThrow(/Infinity/);
  });
});
