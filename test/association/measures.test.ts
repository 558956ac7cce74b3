import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '../../src/core/errors.js';
import {
  certainty,
  confidence,
  conviction,
  jaccard,
  kulczynski,
  leverage,
  lift,
  ruleMeasures,
  ruleMeasuresFromCounts,
  zhang,
} from '../../src/association/measures.js';

const DIGITS = 12;

describe('interest measures (mlxtend definitions)', () => {
  // mlxtend's documented example: {Eggs} => {Onion} with s(XY) = 0.6, s(Eggs) = 0.8, s(Onion) = 0.6.
  it('reproduces mlxtend for {Eggs} => {Onion}', () => {
    expect(confidence(0.6, 0.8)).toBeCloseTo(0.75, DIGITS);
    expect(lift(0.6, 0.8, 0.6)).toBeCloseTo(1.25, DIGITS);
    expect(leverage(0.6, 0.8, 0.6)).toBeCloseTo(0.12, DIGITS);
    expect(conviction(0.6, 0.8, 0.6)).toBeCloseTo(1.6, DIGITS);
    expect(zhang(0.6, 0.8, 0.6)).toBeCloseTo(1.0, DIGITS);
    expect(jaccard(0.6, 0.8, 0.6)).toBeCloseTo(0.75, DIGITS);
    expect(certainty(0.6, 0.8, 0.6)).toBeCloseTo(0.375, DIGITS);
    expect(kulczynski(0.6, 0.8, 0.6)).toBeCloseTo(0.875, DIGITS);
  });

  it('reproduces mlxtend for {Onion} => {Eggs}: confidence 1, conviction +Infinity, Zhang 0.5', () => {
    expect(confidence(0.6, 0.6)).toBe(1);
    expect(conviction(0.6, 0.6, 0.8)).toBe(Infinity);
    expect(zhang(0.6, 0.6, 0.8)).toBeCloseTo(0.5, DIGITS);
  });

  it('gives the same values from counts, exactly where the fraction is exact', () => {
    const m = ruleMeasuresFromCounts(3, 4, 3, 5);
    expect(m.confidence).toBe(0.75);
    expect(m.lift).toBe(1.25);
    expect(m.leverage).toBeCloseTo(0.12, DIGITS);
    expect(m.conviction).toBe(1.6);
    expect(m.zhang).toBe(1);
    expect(m.jaccard).toBe(0.75);
    expect(m.certainty).toBe(0.375);
    expect(m.kulczynski).toBe(0.875);
    // 4/5 is the number 0.8 (the ratio of supports 4/N / 5/N need not be).
    expect(ruleMeasuresFromCounts(4, 5, 7, 9835).confidence).toBe(0.8);
  });

  it('gives exactly 0 leverage, 0 Zhang, 0 certainty and lift 1 at independence when counted', () => {
    // s(X) = 0.5, s(Y) = 0.4, s(XY) = 0.2 = s(X) s(Y) with n = 10.
    const m = ruleMeasuresFromCounts(2, 5, 4, 10);
    expect(m.leverage).toBe(0);
    expect(m.zhang).toBe(0);
    expect(m.certainty).toBe(0);
    expect(m.lift).toBe(1);
    expect(m.conviction).toBe(1);
  });

  describe('degenerate cases never give NaN', () => {
    it('conviction is +Infinity whenever confidence is 1, including s(Y) = 1', () => {
      expect(conviction(0.3, 0.3, 0.5)).toBe(Infinity);
      expect(conviction(0.3, 0.3, 1)).toBe(Infinity);
      expect(ruleMeasuresFromCounts(3, 3, 10, 10).conviction).toBe(Infinity);
    });

    it('zhang is 0 (independence) when it reads 0/0: s(X) = 1 and s(Y) = s(XY)', () => {
      expect(zhang(0.4, 1, 0.4)).toBe(0);
      expect(ruleMeasuresFromCounts(4, 10, 4, 10).zhang).toBe(0);
    });

    it('an itemset that never occurs is rejected rather than given a value', () => {
      // s(XY) = 0 and s(Y) = s(XY) is impossible for s(Y) > 0, so only s(X) = 1 remains for valid rules;
      // an itemset never occurring is rejected instead.
      expect(() => zhang(0, 0.5, 0)).toThrow(InvalidInputError);
    });

    it('certainty is 0 (independence) when s(Y) = 1', () => {
      expect(certainty(0.3, 0.3, 1)).toBe(0);
      expect(ruleMeasuresFromCounts(3, 3, 10, 10).certainty).toBe(0);
    });

    it('zhang is -1 for perfect dissociation and 1 for perfect association', () => {
      expect(zhang(0, 0.5, 0.5)).toBe(-1);
      expect(ruleMeasuresFromCounts(0, 5, 5, 10).zhang).toBe(-1);
      expect(zhang(0.5, 0.5, 0.5)).toBe(1);
    });
  });

  describe('impossible supports are rejected with a typed error', () => {
    it.each([
      ['s(X) = 0', () => confidence(0, 0)],
      ['s(XY) > s(X)', () => confidence(0.5, 0.4)],
      ['s(XY) > s(Y)', () => lift(0.5, 0.6, 0.4)],
      ['s(Y) = 0', () => lift(0, 0.6, 0)],
      ['support above 1', () => jaccard(0.5, 1.2, 0.6)],
      ['negative support', () => kulczynski(-0.1, 0.5, 0.5)],
      ['NaN', () => leverage(NaN, 0.5, 0.5)],
      ['s(X) + s(Y) − s(XY) > 1', () => conviction(0.1, 0.6, 0.6)],
      ['countXY > countX', () => ruleMeasuresFromCounts(5, 4, 6, 10)],
      ['non-integer count', () => ruleMeasuresFromCounts(1.5, 4, 6, 10)],
      ['countX + countY − countXY > n', () => ruleMeasuresFromCounts(1, 6, 6, 10)],
      ['n = 0', () => ruleMeasuresFromCounts(0, 0, 0, 0)],
    ])('%s', (_name, call) => {
      expect(call).toThrow(InvalidInputError);
    });

    it('names the argument at fault', () => {
      expect(() => confidence(0.5, 0)).toThrow(/supportX/);
      expect(() => lift(0.1, 0.5, 1.5)).toThrow(/supportY/);
    });
  });

  /** Valid counts of a rule: n transactions, X in cx, Y in cy, X ∪ Y in cxy. */
  const validCounts = fc
    .record({ n: fc.integer({ min: 1, max: 100_000 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), c: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ n, a, b, c }) => {
      const cx = 1 + Math.floor(a * (n - 1 + 0.999));
      const cy = 1 + Math.floor(b * (n - 1 + 0.999));
      // X ∪ Y: at least cx + cy − n (both must fit), at most min(cx, cy).
      const lo = Math.max(0, cx + cy - n);
      const hi = Math.min(cx, cy);
      const cxy = lo + Math.floor(c * (hi - lo + 0.999));
      return { n, cx: Math.min(cx, n), cy: Math.min(cy, n), cxy: Math.min(cxy, hi) };
    });

  it('property: counts and supports give the same measures, never NaN, within their ranges', () => {
    fc.assert(
      fc.property(validCounts, ({ n, cx, cy, cxy }) => {
        const fromCounts = ruleMeasuresFromCounts(cxy, cx, cy, n);
        const fromSupports = ruleMeasures(cxy / n, cx / n, cy / n);
        for (const key of Object.keys(fromCounts) as (keyof typeof fromCounts)[]) {
          const a = fromCounts[key];
          const b = fromSupports[key];
          expect(Number.isNaN(a)).toBe(false);
          expect(Number.isNaN(b)).toBe(false);
          if (a === Infinity || b === Infinity) {
            expect(a).toBe(b);
          } else {
            // Relative agreement: the support form carries a few extra roundings.
            expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
          }
        }
        const m = fromCounts;
        expect(m.confidence).toBeGreaterThanOrEqual(0);
        expect(m.confidence).toBeLessThanOrEqual(1);
        expect(m.lift).toBeGreaterThanOrEqual(0);
        expect(Math.abs(m.leverage)).toBeLessThanOrEqual(0.25);
        expect(m.conviction).toBeGreaterThanOrEqual(0);
        expect(Math.abs(m.zhang)).toBeLessThanOrEqual(1 + 1e-12);
        expect(m.jaccard).toBeGreaterThanOrEqual(0);
        expect(m.jaccard).toBeLessThanOrEqual(1);
        expect(m.certainty).toBeLessThanOrEqual(1 + 1e-12);
        expect(m.kulczynski).toBeGreaterThanOrEqual(0);
        expect(m.kulczynski).toBeLessThanOrEqual(1);
        // The signs of leverage, Zhang and certainty agree with lift against 1 (all compare s(XY) with s(X)s(Y)).
        const sign = Math.sign(cxy * n - cx * cy);
        expect(Math.sign(m.leverage)).toBe(sign);
        expect(Math.sign(m.lift - 1)).toBe(sign);
        if (cy < n) expect(Math.sign(m.certainty)).toBe(sign);
        if (m.zhang !== 0) expect(Math.sign(m.zhang)).toBe(sign);
      }),
      { numRuns: 500 },
    );
  });

  it('property: jaccard and kulczynski are symmetric in X and Y; lift and leverage too', () => {
    fc.assert(
      fc.property(validCounts, ({ n, cx, cy, cxy }) => {
        const xy = ruleMeasuresFromCounts(cxy, cx, cy, n);
        const yx = ruleMeasuresFromCounts(cxy, cy, cx, n);
        expect(yx.jaccard).toBe(xy.jaccard);
        expect(yx.kulczynski).toBeCloseTo(xy.kulczynski, DIGITS);
        expect(yx.lift).toBe(xy.lift);
        expect(yx.leverage).toBe(xy.leverage);
      }),
      { numRuns: 200 },
    );
  });
});
