import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { assignOffers, offerValues } from '../../src/recommend/offers.js';

/** The best total over every assignment (each customer: one offer or none) meeting the capacities and budget. */
function bruteForce(v: number[][], capacity?: number[], cost?: number[], budget?: number): number {
  const n = v.length;
  const m = v[0].length;
  let best = 0;
  const pick = new Array<number>(n).fill(-1);
  const rec = (c: number): void => {
    if (c === n) {
      const counts = new Array<number>(m).fill(0);
      let total = 0;
      let spent = 0;
      for (let i = 0; i < n; i++) {
        if (pick[i] < 0) continue;
        counts[pick[i]]++;
        total += v[i][pick[i]];
        if (cost) spent += cost[pick[i]];
      }
      if (capacity && counts.some((x, o) => x > capacity[o])) return;
      if (budget !== undefined && spent > budget) return;
      best = Math.max(best, total);
      return;
    }
    for (let o = -1; o < m; o++) {
      if (o >= 0 && !(v[c][o] > 0)) continue;
      pick[c] = o;
      rec(c + 1);
    }
  };
  rec(0);
  return best;
}

describe('assignOffers', () => {
  const p = [
    [0.5, 0.2, 0.1],
    [0.3, 0.4, 0.05],
    [0.6, 0.1, 0.3],
  ];

  it('naive, average-benefit and individual-benefit values, by hand', () => {
    expect(Array.from(assignOffers(p).offerOf)).toEqual([0, 1, 0]);
    const avg = assignOffers(p, { method: 'average-benefit', benefit: [10, 30, 50] });
    // customer 0: 5, 6, 5 → offer 1; customer 1: 3, 12, 2.5 → 1; customer 2: 6, 3, 15 → 2
    expect(Array.from(avg.offerOf)).toEqual([1, 1, 2]);
    expect(avg.total).toBeCloseTo(6 + 12 + 15, 12);
    const b = [
      [100, 10, 10],
      [10, 10, 500],
      [10, 10, 10],
    ];
    const ind = assignOffers(p, { method: 'individual-benefit', benefits: b });
    // customer 0: 50, 2, 1 → 0; customer 1: 3, 4, 25 → 2; customer 2: 6, 1, 3 → 0
    expect(Array.from(ind.offerOf)).toEqual([0, 2, 0]);
    expect(Array.from(offerValues(p, { method: 'individual-benefit', benefits: b }).data.slice(3, 6))).toEqual([3, 4, 25]);
  });

  it('exact with capacities respects them and matches brute force (property)', () => {
    const matrix = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.integer({ min: 1, max: 3 }).chain((m) =>
        fc.record({
          v: fc.array(fc.array(fc.double({ min: -0.2, max: 1, noNaN: true }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
          capacity: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: m, maxLength: m }),
        }),
      ),
    );
    fc.assert(
      fc.property(matrix, ({ v, capacity }) => {
        const r = assignOffers(v, { capacity, solver: 'exact' });
        expect(r.solver).toBe('min-cost-flow');
        r.counts.forEach((c, o) => expect(c).toBeLessThanOrEqual(capacity[o]));
        expect(r.total).toBeCloseTo(bruteForce(v, capacity), 9);
        const g = assignOffers(v, { capacity, solver: 'greedy' });
        g.counts.forEach((c, o) => expect(c).toBeLessThanOrEqual(capacity[o]));
        expect(g.total).toBeLessThanOrEqual(r.total + 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('exact with a budget (integer costs) matches brute force; greedy stays within the budget', () => {
    const matrix = fc.integer({ min: 1, max: 6 }).chain((n) =>
      fc.integer({ min: 1, max: 3 }).chain((m) =>
        fc.record({
          v: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n }),
          cost: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: m, maxLength: m }),
          budget: fc.integer({ min: 0, max: 10 }),
        }),
      ),
    );
    fc.assert(
      fc.property(matrix, ({ v, cost, budget }) => {
        const r = assignOffers(v, { cost, budget, solver: 'exact' });
        expect(r.solver).toBe('knapsack');
        expect(r.cost).toBeLessThanOrEqual(budget);
        expect(r.total).toBeCloseTo(bruteForce(v, undefined, cost, budget), 9);
        const g = assignOffers(v, { cost, budget, solver: 'greedy' });
        expect(g.cost).toBeLessThanOrEqual(budget);
      }),
      { numRuns: 200 },
    );
  });

  it('greedy with both a capacity and a budget respects both; exact refuses', () => {
    const r = assignOffers(p, { capacity: [1, 1, 1], cost: [1, 2, 3], budget: 3 });
    expect(r.solver).toBe('greedy');
    expect(r.cost).toBeLessThanOrEqual(3);
    r.counts.forEach((c) => expect(c).toBeLessThanOrEqual(1));
    expect(() => assignOffers(p, { capacity: [1, 1, 1], cost: [1, 2, 3], budget: 3, solver: 'exact' })).toThrow(InvalidOptionError);
  });

  it('rejects bad options', () => {
    expect(() => assignOffers(p, { method: 'average-benefit' })).toThrow(/benefit/);
    expect(() => assignOffers(p, { capacity: [1, 2] })).toThrow(/capacity/);
    expect(() => assignOffers(p, { capacity: [1, -1, 2] })).toThrow(/capacity\[1\]/);
    expect(() => assignOffers(p, { budget: 3 })).toThrow(/cost/);
    expect(() => assignOffers([[NaN]])).toThrow(/scores/);
  });
});
