import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { DataTable } from '../../src/data/table.js';
import { parseCsv } from '../../src/data/csv.js';
import { ChurnPreprocessor } from '../../src/churn/preprocess.js';
import { churnLabels, inferChurnSchema, resolvePositive } from '../../src/churn/schema.js';
import { syntheticChurn } from './synthetic.js';

describe('inferChurnSchema', () => {
  it('finds numeric and categorical columns, the id and the positive label', () => {
    const t = syntheticChurn({ rows: 50 });
    const s = inferChurnSchema(t, { target: 'Churn' });
    expect(s.numeric).toEqual(['usage', 'noise']);
    expect(s.categorical).toEqual(['plan']);
    expect(s.positive).toBe('Yes');
    // the text id column is all distinct: left out, with the reason
    expect(s.ignored).toContainEqual({ column: 'id', reason: 'all distinct' });
    expect(s.ignored).toContainEqual({ column: 'Churn', reason: 'target' });
  });

  it('applies overrides, drop and id', () => {
    const t = syntheticChurn({ rows: 50 });
    const s = inferChurnSchema(t, { target: 'Churn', id: 'id', drop: ['noise'], columnTypes: { usage: 'ignore' } });
    expect(s.id).toBe('id');
    expect(s.numeric).toEqual([]);
    expect(s.categorical).toEqual(['plan']);
    expect(s.ignored.map((c) => c.reason)).toEqual(['id', 'override', 'dropped', 'target']);
  });

  it('infers the positive value of booleans, 0/1 and yes/no labels', () => {
    const mk = (values: unknown[]) => DataTable.fromRecords(values.map((v, i) => ({ x: i, y: v })));
    expect(resolvePositive(mk([true, false, true]), 'y')).toBe(true);
    expect(resolvePositive(mk([0, 1, 0]), 'y')).toBe(1);
    expect(resolvePositive(mk(['no', 'YES']), 'y')).toBe('YES');
    expect(Array.from(churnLabels(mk(['no', 'YES', 'no']), 'y', 'YES'))).toEqual([0, 1, 0]);
  });

  it('rejects a missing label column, three labels without positive, an unknown positive and a missing label', () => {
    const t = DataTable.fromRecords([{ x: 1, y: 'a' }, { x: 2, y: 'b' }, { x: 3, y: 'c' }]);
    expect(() => inferChurnSchema(t, { target: 'Churn' })).toThrow(InvalidInputError);
    expect(() => inferChurnSchema(t, { target: 'Churn' })).toThrow(/no label column "Churn"/);
    expect(() => inferChurnSchema(t, { target: 'y' })).toThrow(/3 distinct values.*positive/);
    // naming the positive value makes a three-valued label usable: the others are negative
    expect(inferChurnSchema(t, { target: 'y', positive: 'c' }).positive).toBe('c');
    expect(() => inferChurnSchema(t, { target: 'y', positive: 'z' })).toThrow(InvalidOptionError);
    const holes = DataTable.fromRecords([{ x: 1, y: 'Yes' }, { x: 2, y: null }, { x: 3, y: 'No' }]);
    expect(() => inferChurnSchema(holes, { target: 'y' })).toThrow(/row 1 is missing/);
    const ambiguous = DataTable.fromRecords([{ x: 1, y: 'red' }, { x: 2, y: 'blue' }]);
    expect(() => inferChurnSchema(ambiguous, { target: 'y' })).toThrow(/cannot tell which/);
  });
});

describe('ChurnPreprocessor', () => {
  it('names the row and column of text in a numeric column', async () => {
    const t = await parseCsv('amount,Churn\n1,Yes\n2,No\nabc,No\n', { inferTypes: false });
    const schema = inferChurnSchema(t, { target: 'Churn', columnTypes: { amount: 'numeric' } });
    const err = (() => {
      try {
        ChurnPreprocessor.fit(t, undefined, schema);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).row).toBe(2);
    expect((err as InvalidInputError).field).toBe('amount');
    expect((err as Error).message).toMatch(/"amount": row 2 is "abc", expected a number/);
  });

  it('imputes a missing number with the training median and counts it', () => {
    const t = DataTable.fromRecords([
      { a: 1, c: 'x' },
      { a: null, c: 'y' },
      { a: 3, c: 'x' },
      { a: 10, c: null },
    ]);
    const pre = ChurnPreprocessor.fit(t, undefined, { numeric: ['a'], categorical: ['c'] }, { logColumns: [] });
    expect(pre.imputeValues[0]).toBe(3); // median of 1, 3, 10
    expect(pre.missing).toEqual({ a: 1, c: 1 });
    const enc = pre.transform(t);
    const { offset, scale } = pre.scaler;
    expect(enc.data[1 * enc.cols]).toBeCloseTo((3 - offset[0]) / scale[0], 6);
    // a missing category encodes as all zeros
    expect(Array.from(enc.data.subarray(3 * enc.cols + 1, 4 * enc.cols))).toEqual([0, 0]);
    expect(enc.imputed).toEqual({ a: 1, c: 1 });
    // a constant fill value can be asked for instead
    const zero = ChurnPreprocessor.fit(t, undefined, { numeric: ['a'], categorical: ['c'] }, { impute: { a: 0 }, logColumns: [] });
    expect(zero.imputeValues[0]).toBe(0);
  });

  it('is fitted on the training rows only: the scaler and the encoder never see the other rows', () => {
    // rows 0..5 are training rows; rows 6, 7 hold an extreme value and a category of their own
    const t = DataTable.fromRecords([
      { a: 1, c: 'x' },
      { a: 2, c: 'y' },
      { a: 3, c: 'x' },
      { a: 4, c: 'y' },
      { a: 5, c: 'x' },
      { a: 6, c: 'y' },
      { a: 1e6, c: 'only-in-validation' },
      { a: -1e6, c: 'only-in-validation' },
    ]);
    const train = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const pre = ChurnPreprocessor.fit(t, train, { numeric: ['a'], categorical: ['c'] }, { logColumns: [] });
    const mean = 3.5;
    const sd = Math.sqrt([1, 2, 3, 4, 5, 6].reduce((s, v) => s + (v - mean) ** 2, 0) / 6);
    expect(pre.scaler.offset[0]).toBeCloseTo(mean, 12);
    expect(pre.scaler.scale[0]).toBeCloseTo(sd, 12);
    expect(pre.encoders[0].categories).toEqual(['x', 'y']);
    expect(pre.fittedRows).toBe(6);
    // at prediction the validation-only category is unseen: all zeros, counted
    const enc = pre.transform(t, [6, 7]);
    expect(enc.unseen).toEqual({ c: 2 });
    expect(enc.data[1]).toBe(0);
    expect(enc.data[2]).toBe(0);
  });

  it('log-transforms skewed non-negative columns under the default rule and round-trips through JSON', () => {
    const records = Array.from({ length: 200 }, (_, i) => ({ money: Math.exp(i / 20), flat: i % 7, flag: i % 2, c: i % 3 === 0 ? 'p' : 'q' }));
    const t = DataTable.fromRecords(records);
    const pre = ChurnPreprocessor.fit(t, undefined, { numeric: ['money', 'flat', 'flag'], categorical: ['c'] });
    expect(pre.logColumns).toEqual(['money']);
    const back = ChurnPreprocessor.fromJSON(JSON.parse(JSON.stringify(pre.toJSON())));
    expect(Array.from(back.transform(t).data)).toEqual(Array.from(pre.transform(t).data));
    expect(Array.from(back.typicalRow())).toEqual(Array.from(pre.typicalRow()));
    expect(() => ChurnPreprocessor.fit(t, undefined, { numeric: ['money'], categorical: [] }, { logColumns: ['nope'] })).toThrow(InvalidOptionError);
  });

  it('rejects a table without a feature column at prediction', () => {
    const t = syntheticChurn({ rows: 30 });
    const pre = ChurnPreprocessor.fit(t, undefined, { numeric: ['usage'], categorical: ['plan'] });
    expect(() => pre.transform(DataTable.fromRecords([{ usage: 1 }]))).toThrow(/no column "plan"/);
  });
});

describe('ChurnPreprocessor with categorical features only', () => {
  it('encodes a table without any numeric feature (empty numeric block) and round-trips through JSON', () => {
    const table = DataTable.fromRecords([
      { plan: 'basic', region: 'north', churn: 'Yes' },
      { plan: 'pro', region: 'south', churn: 'No' },
      { plan: 'basic', region: 'south', churn: 'No' },
    ]);
    const schema = inferChurnSchema(table, { target: 'churn' });
    expect(schema.numeric).toEqual([]);
    const pre = ChurnPreprocessor.fit(table, undefined, schema);
    expect(pre.width).toBe(4); // basic, pro, north, south
    const x = pre.transform(table);
    expect(x.rows).toBe(3);
    // each row has exactly one plan and one region
    for (let r = 0; r < 3; r++) {
      let ones = 0;
      for (let j = 0; j < 4; j++) ones += x.data[r * 4 + j];
      expect(ones).toBe(2);
    }
    const again = ChurnPreprocessor.fromJSON(JSON.parse(JSON.stringify(pre.toJSON())));
    expect(Array.from(again.transform(table).data)).toEqual(Array.from(x.data));
  });
});
