import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import {
  DataTable,
  FeaturePipeline,
  LogTransform,
  OneHotEncoder,
  prepareFeatures,
  Scaler,
} from '../../src/data/index.js';

const x = [
  [1, 10, 5],
  [2, 20, 5],
  [3, 60, 5],
];

describe('Scaler', () => {
  it('standardises with the population standard deviation and leaves constant columns unscaled', () => {
    const s = Scaler.fit(x, 'standard');
    const t = s.transform(x);
    // column 0: mean 2, sd sqrt(2/3)
    expect(t.data[0]).toBeCloseTo(-1 / Math.sqrt(2 / 3), 14);
    expect(t.data[6]).toBeCloseTo(1 / Math.sqrt(2 / 3), 14);
    // constant column 2: centred, not divided by zero
    expect([t.data[2], t.data[5], t.data[8]]).toEqual([0, 0, 0]);
    expect(s.constantColumns).toEqual([2]);
    // each scaled column has mean 0 and (non-constant) variance 1
    for (const j of [0, 1]) {
      const col = [t.data[j], t.data[3 + j], t.data[6 + j]];
      const mean = col.reduce((a, b) => a + b) / 3;
      expect(mean).toBeCloseTo(0, 14);
      expect(col.reduce((a, b) => a + (b - mean) ** 2, 0) / 3).toBeCloseTo(1, 14);
    }
    const back = s.inverseTransform(t);
    Array.from(back.data).forEach((v, i) => expect(v).toBeCloseTo(x.flat()[i], 12));
  });

  it('min-max scales to [0, 1] and applies the fitted range to new rows', () => {
    const s = Scaler.fit(x, 'minmax');
    const t = s.transform(x);
    expect([t.data[1], t.data[4], t.data[7]]).toEqual([0, 0.2, 1]);
    expect(Array.from(s.transformRow([4, 110, 5]))).toEqual([1.5, 2, 0]);
    expect(s.constantColumns).toEqual([2]);
  });

  it('round-trips through JSON and does not modify its input', () => {
    const copy = x.map((r) => [...r]);
    const s = Scaler.fit(x, 'standard', ['a', 'b', 'c']);
    expect(x).toEqual(copy);
    const back = Scaler.fromJSON(JSON.parse(JSON.stringify(s)));
    expect(Array.from(back.transform(x).data)).toEqual(Array.from(s.transform(x).data));
    expect(back.names).toEqual(['a', 'b', 'c']);
    expect(back.constantColumns).toEqual([2]);
  });

  it('rejects bad methods, non-finite values and wrong widths', () => {
    expect(() => Scaler.fit(x, 'robust' as never)).toThrow(InvalidOptionError);
    expect(() => Scaler.fit([[1], [NaN]])).toThrow(/row 1, column 0 is NaN/);
    expect(() => Scaler.fit(x).transform([[1, 2]])).toThrow(/fitted on 3/);
  });
});

describe('LogTransform', () => {
  it('log1p on chosen columns only, inverse with expm1', () => {
    const l = new LogTransform([1]);
    const t = l.transform([[5, 0], [6, Math.E - 1]]);
    expect(Array.from(t.data)).toEqual([5, 0, 6, 1]);
    const back = l.inverseTransform(t);
    expect(back.data[3]).toBeCloseTo(Math.E - 1, 14);
  });

  it('names the column of a negative amount', () => {
    const l = new LogTransform([1], ['tenure', 'TotalCharges']);
    expect(() => l.transform([[1, 2], [1, -3]])).toThrow(/"TotalCharges": row 1 has -3/);
  });
});

describe('OneHotEncoder', () => {
  it('encodes sorted categories and handles unknown values as configured', () => {
    const e = OneHotEncoder.fit('contract', ['Two year', 'Month-to-month', 'One year', 'Month-to-month']);
    expect(e.categories).toEqual(['Month-to-month', 'One year', 'Two year']);
    expect(Array.from(e.transform(['One year', 'Two year']).data)).toEqual([0, 1, 0, 0, 0, 1]);
    expect(() => e.transform(['Weekly'])).toThrow(/row 0 has category "Weekly", not seen in fitting/);
    const lenient = OneHotEncoder.fit('contract', ['a', null, 'b'], 'ignore');
    expect(Array.from(lenient.transform(['c', 'b']).data)).toEqual([0, 0, 0, 1]);
    expect(() => OneHotEncoder.fit('contract', ['a', null])).toThrow(/row 1 is missing/);
    expect(OneHotEncoder.fromJSON(JSON.parse(JSON.stringify(e))).toJSON()).toEqual(e.toJSON());
  });
});

describe('prepareFeatures', () => {
  const table = DataTable.fromRecords([
    { id: 'a', tenure: 1, spend: 0, plan: 'basic' },
    { id: 'b', tenure: 10, spend: 99, plan: 'premium' },
    { id: 'c', tenure: 30, spend: 999, plan: 'basic' },
  ]);

  it('chains log1p, scaling and one-hot and reapplies the fitted pipeline to new rows', () => {
    const p = prepareFeatures(table, { numeric: ['tenure', 'spend'], log: ['spend'], categorical: ['plan'], scale: 'minmax' });
    expect(p.featureNames).toEqual(['tenure', 'spend', 'plan=basic', 'plan=premium']);
    expect(p.matrix.rows).toBe(3);
    expect(p.matrix.cols).toBe(4);
    // spend: log1p(0)=0, log1p(99)=ln 100, log1p(999)=ln 1000 → min-max 0, 2/3, 1
    expect(p.matrix.data[1]).toBe(0);
    expect(p.matrix.data[5]).toBeCloseTo(2 / 3, 14);
    expect(Array.from(p.matrix.data.subarray(8, 12))).toEqual([1, 1, 1, 0]);
    expect(Array.from(p.raw.data)).toEqual([1, 0, 10, 99, 30, 999]);
    // new rows through the serialised pipeline give the same features
    const back = FeaturePipeline.fromJSON(JSON.parse(JSON.stringify(p.pipeline.toJSON())));
    expect(Array.from(back.transform(table).data)).toEqual(Array.from(p.matrix.data));
    // centres map back to original units
    const orig = back.inverseTransform(p.matrix);
    expect(orig.data[5]).toBeCloseTo(99, 9);
    expect(orig.data[8]).toBeCloseTo(30, 12);
  });

  it('rejects missing values, unknown columns and bad specs with the column named', () => {
    const missing = DataTable.fromRecords([{ t: 1 }, { t: null }]);
    expect(() => prepareFeatures(missing, { numeric: ['t'] })).toThrow(/column "t": row 1 is missing/);
    expect(() => prepareFeatures(table, { numeric: ['nope'] })).toThrow(/no column named "nope"/);
    expect(() => prepareFeatures(table, { numeric: ['tenure'], log: ['spend'] })).toThrow(/option log/);
    expect(() => prepareFeatures(table, {})).toThrow(InvalidOptionError);
    expect(() => prepareFeatures(table, { numeric: ['id'] })).toThrow(InvalidInputError);
  });
});
