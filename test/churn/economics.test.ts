import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidOptionError } from '../../src/core/errors.js';
import { campaignProfit, retentionThreshold } from '../../src/churn/economics.js';

/** Brute force: try every distinct probability as the threshold, plus "nobody"; ties go to fewer offers. */
function bruteForce(p: number[], y: number[] | undefined, value: number[], cost: number, success: number): { threshold: number; profit: number } {
  const candidates = [...new Set(p)].sort((a, b) => b - a);
  let best = { threshold: Infinity, profit: 0 };
  for (const t of candidates) {
    let profit = 0;
    for (let i = 0; i < p.length; i++) if (p[i] >= t) profit += (y ? y[i] : p[i]) * success * value[i] - cost;
    if (profit > best.profit + 1e-9) best = { threshold: t, profit };
  }
  return best;
}

describe('retentionThreshold', () => {
  it('matches a hand-computed example', () => {
    // value 200, offer 30, success 0.5: a churner contacted is worth 100 - 30 = 70, a stayer costs 30.
    const probabilities = [0.9, 0.8, 0.7, 0.4, 0.3, 0.1];
    const labels = [1, 0, 1, 1, 0, 0];
    // cumulative realised profit by threshold: 0.9 → 70, 0.8 → 40, 0.7 → 110, 0.4 → 180, 0.3 → 150, 0.1 → 120
    const plan = retentionThreshold({ probabilities, labels, value: 200, offerCost: 30, successRate: 0.5 });
    expect(plan.threshold).toBe(0.4);
    expect(plan.contacted).toBe(4);
    expect(plan.profit).toBeCloseTo(180, 10);
    expect(plan.breakEven).toBeCloseTo(0.3, 12);
    expect(plan.basis).toBe('realised');
    expect(campaignProfit({ probabilities, labels, value: 200, offerCost: 30, successRate: 0.5 }, 0.4)).toBeCloseTo(180, 10);
    expect(bruteForce(probabilities, labels, Array(6).fill(200), 30, 0.5)).toEqual({ threshold: 0.4, profit: 180 });
  });

  it('contacts nobody when every offer loses money', () => {
    const plan = retentionThreshold({ probabilities: [0.2, 0.1], value: 100, offerCost: 50, successRate: 0.5 });
    expect(plan.threshold).toBe(Infinity);
    expect(plan.contacted).toBe(0);
    expect(plan.profit).toBe(0);
  });

  it('equals a brute-force scan on random small examples (expected and realised, per-customer values, ties)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean(), fc.integer({ min: 10, max: 500 })), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (rows, cost, s10, useLabels) => {
          const p = rows.map((r) => r[0] / 20); // coarse grid: many ties
          const y = rows.map((r) => (r[1] ? 1 : 0));
          const v = rows.map((r) => r[2]);
          const success = s10 / 10;
          const plan = retentionThreshold({ probabilities: p, labels: useLabels ? y : undefined, value: v, offerCost: cost, successRate: success });
          const brute = bruteForce(p, useLabels ? y : undefined, v, cost, success);
          expect(plan.threshold).toBe(brute.threshold);
          expect(plan.profit).toBeCloseTo(brute.profit, 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects bad economics and probabilities', () => {
    expect(() => retentionThreshold({ probabilities: [0.5], value: 10, offerCost: -1, successRate: 0.5 })).toThrow(InvalidOptionError);
    expect(() => retentionThreshold({ probabilities: [0.5], value: 10, offerCost: 1, successRate: 0 })).toThrow(/successRate/);
    expect(() => retentionThreshold({ probabilities: [1.5], value: 10, offerCost: 1, successRate: 0.5 })).toThrow(/customer 0/);
    expect(() => retentionThreshold({ probabilities: [0.5, 0.2], value: [1], offerCost: 1, successRate: 0.5 })).toThrow(/value/);
  });

  it('rejects a customer value of 0 or below (one for everybody) and a negative per-customer value, naming the option', () => {
    const base = { probabilities: [0.9, 0.5, 0.2], offerCost: 10, successRate: 0.5 };
    for (const value of [0, -0, -1, -250, Number.NaN, Infinity]) {
      for (const call of [() => retentionThreshold({ ...base, value }), () => campaignProfit({ ...base, value }, 0.5)]) {
        expect(call, String(value)).toThrow(InvalidOptionError);
        expect(call, String(value)).toThrow(/^option value: expected the value of keeping a customer, a finite number > 0, got /);
      }
    }
    const negative = () => retentionThreshold({ ...base, value: [100, -5, 100] });
    expect(negative).toThrow(InvalidOptionError);
    expect(negative).toThrow(/^option value: customer 1 has -5, expected a finite number >= 0/);
    expect(() => campaignProfit({ ...base, value: [100, 100, -0.5] }, 0)).toThrow(/^option value: customer 2 has -0\.5/);
    // The smallest positive value is allowed, and a per-customer 0 is a customer not worth keeping.
    expect(retentionThreshold({ ...base, value: Number.MIN_VALUE }).contacted).toBe(0);
    const plan = retentionThreshold({ ...base, value: [0, 100, 0] });
    expect(plan.contacted).toBe(2); // down to p 0.5: 0.9 · 0.5 · 0 − 10 = −10, then 0.5 · 0.5 · 100 − 10 = 15
    expect(plan.profit).toBeCloseTo(5, 12);
  });
});
