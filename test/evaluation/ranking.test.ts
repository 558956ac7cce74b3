import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { averagePrecision, averageRanks, precisionRecallCurve, rocAuc, rocCurve } from '../../src/evaluation/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';

function bruteAuc(y: number[], s: number[], w?: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      const ww = (w?.[i] ?? 1) * (w?.[j] ?? 1);
      den += ww;
      num += ww * (s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0);
    }
  }
  return num / den;
}

describe('rocAuc', () => {
  it('matches a hand count of ordered pairs', () => {
    // positives 0.9, 0.7, 0.6; negatives 0.8, 0.2: 4 of 6 pairs ordered correctly
    const y = [1, 0, 1, 1, 0];
    const s = [0.9, 0.8, 0.7, 0.6, 0.2];
    expect(rocAuc(y, s)).toBeCloseTo(4 / 6, 12);
    expect(rocAuc(y, s, { method: 'trapezoid' })).toBeCloseTo(4 / 6, 12);
  });

  it('counts ties as one half', () => {
    expect(rocAuc([1, 0], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([1, 0, 1, 0], [1, 1, 2, 0])).toBeCloseTo(bruteAuc([1, 0, 1, 0], [1, 1, 2, 0]), 12);
  });

  it('rank formula, trapezoid and brute force agree on random data with ties (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (rows) => {
          const y = rows.map((r) => r[0]);
          if (!y.includes(0) || !y.includes(1)) return;
          const s = rows.map((r) => r[1] / 2);
          const w = rows.map((r) => r[2]);
          const expected = bruteAuc(y, s);
          expect(rocAuc(y, s)).toBeCloseTo(expected, 10);
          expect(rocAuc(y, Float64Array.from(s), { method: 'trapezoid' })).toBeCloseTo(expected, 10);
          const ew = bruteAuc(y, s, w);
          expect(rocAuc(y, s, { sampleWeight: w })).toBeCloseTo(ew, 10);
          expect(rocAuc(y, s, { sampleWeight: w, method: 'trapezoid' })).toBeCloseTo(ew, 10);
        },
      ),
    );
  });

  it('accepts string labels with a named positive class and booleans', () => {
    expect(rocAuc(['yes', 'no', 'yes'], [0.9, 0.1, 0.4], { positive: 'yes' })).toBe(1);
    expect(rocAuc([true, false, false], [0.1, 0.4, 0.5])).toBe(0);
  });

  it('rejects bad input with typed errors', () => {
    expect(() => rocAuc([1, 1], [0.2, 0.3])).toThrow(InvalidInputError);
    expect(() => rocAuc([1, 0], [0.2])).toThrow(/scores: has 1 values, expected 2/);
    expect(() => rocAuc([1, 0], [0.2, NaN])).toThrow(/row 1/);
    expect(() => rocAuc(['a', 'b'], [0.2, 0.3])).toThrow(/positive/);
    expect(() => rocAuc([1, 0], [0.2, 0.3], { method: 'x' as 'rank' })).toThrow(InvalidOptionError);
    expect(() => rocAuc([], [])).toThrow(InvalidInputError);
  });
});

describe('rocCurve', () => {
  it('has one point per distinct score plus the origin, monotone, ending at (1,1)', () => {
    const c = rocCurve([1, 0, 1, 1, 0], [0.9, 0.8, 0.7, 0.7, 0.2]);
    expect(Array.from(c.thresholds)).toEqual([Infinity, 0.9, 0.8, 0.7, 0.2]);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 1 / 3, 1 / 3, 1, 1]);
  });
});

describe('precision-recall', () => {
  it('average precision matches the hand computation', () => {
    // descending: +(P1,R1/3) -(1/2,1/3) +(2/3,2/3) +(3/4,1) -(3/5,1)
    const y = [1, 0, 1, 1, 0];
    const s = [0.9, 0.8, 0.7, 0.6, 0.2];
    const c = precisionRecallCurve(y, s);
    expect(Array.from(c.recall)).toEqual([0, 1 / 3, 1 / 3, 2 / 3, 1, 1]);
    expect(c.precision[3]).toBeCloseTo(2 / 3, 12);
    expect(averagePrecision(y, s)).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 12);
  });

  it('is 1 for a perfect ranking and needs a positive', () => {
    expect(averagePrecision([0, 1, 1, 0], [0.1, 0.8, 0.9, 0.3])).toBe(1);
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/no positive/);
  });
});

describe('averageRanks', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(Array.from(averageRanks([10, 20, 10, 30, 20]))).toEqual([1.5, 3.5, 1.5, 5, 3.5]);
  });
});
