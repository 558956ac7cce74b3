import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crossValidate, crossValidateEstimator, kFold, selectRows, stratifiedKFold, trainTestSplit } from '../../src/evaluation/index.js';
import { DataTable } from '../../src/data/table.js';
import { InvalidOptionError } from '../../src/core/errors.js';
import type { Matrix } from '../../src/core/matrix.js';

function partition(train: Int32Array, test: Int32Array, n: number): void {
  const seen = new Uint8Array(n);
  for (const i of train) seen[i]++;
  for (const i of test) seen[i]++;
  expect(Array.from(seen).every((c) => c === 1)).toBe(true);
}

describe('splits', () => {
  it('k-fold: every row tested exactly once, folds within one of each other (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 2, max: 10 }), fc.integer(), (n, k, seed) => {
        if (k > n) return;
        const folds = kFold(n, { k, seed });
        const tested = new Uint8Array(n);
        for (const f of folds) {
          partition(f.train, f.test, n);
          for (const i of f.test) tested[i]++;
          expect(Math.abs(f.test.length - n / k)).toBeLessThan(1);
        }
        expect(Array.from(tested).every((c) => c === 1)).toBe(true);
      }),
    );
  });

  it('stratified k-fold keeps the class mix in every fold', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? 'churn' : 'stay'));
    for (const f of stratifiedKFold(labels, { k: 10, seed: 7 })) {
      partition(f.train, f.test, 100);
      expect(f.test.length).toBe(10);
      expect(Array.from(f.test).filter((i) => labels[i] === 'churn')).toHaveLength(2);
    }
  });

  it('train/test split: sizes, seeds, stratification', () => {
    const s = trainTestSplit(100, { testSize: 0.3, seed: 1 });
    partition(s.train, s.test, 100);
    expect(s.test.length).toBe(30);
    expect(trainTestSplit(100, { testSize: 0.3, seed: 1 })).toEqual(s);
    expect(trainTestSplit(100, { testSize: 0.3, seed: 2 }).test).not.toEqual(s.test);
    const labels = Array.from({ length: 100 }, (_, i) => (i < 20 ? 1 : 0));
    const st = trainTestSplit(100, { testSize: 25, stratify: labels });
    expect(st.test.length).toBe(25);
    expect(Array.from(st.test).filter((i) => labels[i] === 1)).toHaveLength(5);
    expect(() => trainTestSplit(10, { testSize: 0.01 })).toThrow(InvalidOptionError);
  });

  it('selectRows takes rows out of tables, matrices and arrays', () => {
    const t = DataTable.fromRecords([{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3, b: null }]);
    expect(selectRows(t, [2, 0]).toRecords()).toEqual([{ a: 3, b: null }, { a: 1, b: 'x' }]);
    const m: Matrix = { rows: 3, cols: 2, data: Float64Array.from([1, 2, 3, 4, 5, 6]) };
    expect(Array.from(selectRows(m, [1]).data)).toEqual([3, 4]);
    expect(() => selectRows([1, 2], [2])).toThrow(/index 0 is 2/);
  });
});

describe('cross-validation', () => {
  it('fits on train rows only and reports per-fold scores', () => {
    const n = 50;
    const folds = kFold(n, { k: 5 });
    const r = crossValidate(folds, {
      fit: (train) => new Set(train),
      score: (seen, test) => ({ leaked: Array.from(test).filter((i) => seen.has(i)).length, size: test.length }),
    });
    expect(r.scores.leaked).toEqual([0, 0, 0, 0, 0]);
    expect(r.mean.size).toBe(10);
  });

  it('cross-validates an estimator with fit/predict (a threshold learner)', () => {
    const X = Array.from({ length: 40 }, (_, i) => [i]);
    const y = X.map(([v]) => (v >= 20 ? 'hi' : 'lo'));
    class Stump {
      cut = 0;
      fit(Xm: Matrix, yy: string[]): void {
        let lo = -Infinity;
        for (let i = 0; i < Xm.rows; i++) if (yy[i] === 'lo') lo = Math.max(lo, Xm.data[i]);
        this.cut = lo + 0.5;
      }
      predict(Xm: Matrix): string[] {
        return Array.from(Xm.data, (v) => (v > this.cut ? 'hi' : 'lo'));
      }
    }
    const r = crossValidateEstimator(() => new Stump(), X, y, { k: 4 });
    expect(r.folds).toBe(4);
    expect(r.scores.accuracy.length).toBe(4);
    expect(r.mean.accuracy).toBeGreaterThan(0.9);
  });
});
