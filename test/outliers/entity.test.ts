import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { Random } from '../../src/core/rng.js';
import { entityBaselineScores } from '../../src/outliers/index.js';

/**
 * Synthetic card histories: account A buys small (uniform 30–50), account B always buys large (uniform
 * 3,000–5,000). Bounded noise: no ordinary purchase lies far from its own account's median.
 */
function histories(seed: number): { entity: string[]; amount: number[]; day: number[] } {
  const r = new Random(seed);
  const entity: string[] = [];
  const amount: number[] = [];
  const day: number[] = [];
  for (let d = 0; d < 60; d++) {
    entity.push('A');
    amount.push(Math.round((30 + 20 * r.next()) * 100) / 100);
    day.push(d);
    entity.push('B');
    amount.push(Math.round((3000 + 2000 * r.next()) * 100) / 100);
    day.push(d + 0.5);
  }
  return { entity, amount, day };
}

describe('per-entity baseline', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('finds a planted large purchase and does not flag the account whose every purchase is large (seed %i)', (seed) => {
    const { entity, amount, day } = histories(seed);
    entity.push('A');
    amount.push(1500); // far above A's usual ~40, still below B's every purchase
    day.push(45.2);
    const res = entityBaselineScores(entity, amount, day);
    const planted = amount.length - 1;
    expect(res.flagged[planted]).toBe(1);
    expect(res.historyLength[planted]).toBe(46); // A's purchases on days 0..45 came before day 45.2
    // The planted purchase scores far above everything else …
    let top = 0;
    for (let i = 1; i < res.scores.length; i++) if (res.scores[i] > res.scores[top]) top = i;
    expect(top).toBe(planted);
    // … while the big spender, whose every purchase is 2 to 3 times the planted one, is normal for itself:
    // at most an odd purchase crosses the default 3.5 (early, short histories give noisy baselines) …
    let bCount = 0;
    let bFlagged = 0;
    for (let i = 0; i < entity.length; i++) {
      if (entity[i] !== 'B') continue;
      bCount++;
      bFlagged += res.flagged[i];
    }
    expect(bFlagged / bCount).toBeLessThanOrEqual(0.05);
    // … and with a stricter cut-off only the planted purchase is flagged.
    const strict = entityBaselineScores(entity, amount, day, { threshold: 6 });
    expect(Array.from(strict.flagged.keys()).filter((i) => strict.flagged[i] === 1)).toEqual([planted]);
    // The planted purchase is not part of the baseline of A's later purchases (median stays near 40).
    const laterA = entity.findIndex((e, i) => e === 'A' && day[i] === 59);
    expect(res.baselineMedian[laterA]).toBeGreaterThan(30);
    expect(res.baselineMedian[laterA]).toBeLessThan(50);
  });

  it('needs minHistory earlier transactions, uses only the window, and follows the time order', () => {
    const entity = ['x', 'x', 'x', 'x', 'x'];
    const amount = [10, 12, 11, 100, 9];
    const time = [1, 2, 3, 5, 4]; // the 100 is the latest
    const res = entityBaselineScores(entity, amount, time, { minHistory: 3 });
    expect(Array.from(res.historyLength)).toEqual([0, 1, 2, 4, 3]);
    expect(res.scores[0]).toBe(0);
    expect(Number.isNaN(res.baselineMedian[2])).toBe(true);
    // The 100: history 10, 12, 11, 9 → median 10.5, |dev| 0.5, 1.5, 0.5, 1.5 → MAD 1, scale 1/0.6745
    expect(res.baselineMedian[3]).toBe(10.5);
    expect(res.scores[3]).toBeCloseTo(0.6745 * 89.5, 9);
    expect(res.flagged[3]).toBe(1);
    const windowed = entityBaselineScores(entity, amount, time, { minHistory: 2, window: 2 });
    expect(windowed.historyLength[3]).toBe(2); // only the 11 and the 9
    expect(windowed.baselineMedian[3]).toBe(10);
  });

  it('an account that always paid the same amount still gets a finite score (relative scale floor)', () => {
    const res = entityBaselineScores(['c', 'c', 'c', 'c', 'c', 'c'], [50, 50, 50, 50, 50, 80], undefined, { minHistory: 5 });
    expect(res.baselineScale[5]).toBeCloseTo(2.5, 12); // 5 % of 50
    expect(res.scores[5]).toBeCloseTo(12, 12);
    expect(res.flagged[5]).toBe(1);
  });

  it('direction low and both', () => {
    const e = ['a', 'a', 'a', 'a', 'a', 'a'];
    const amt = [100, 101, 99, 100, 102, 10];
    expect(entityBaselineScores(e, amt, undefined, { minHistory: 5, direction: 'high' }).flagged[5]).toBe(0);
    expect(entityBaselineScores(e, amt, undefined, { minHistory: 5, direction: 'low' }).flagged[5]).toBe(1);
    expect(entityBaselineScores(e, amt, undefined, { minHistory: 5, direction: 'both' }).flagged[5]).toBe(1);
  });

  it('bad input: typed errors naming the row or option', () => {
    expect(() => entityBaselineScores(['a', 'b'], [1])).toThrow(InvalidInputError);
    expect(() => entityBaselineScores(['a', 'b'], [1, NaN])).toThrow(/row 1: amount is NaN/);
    expect(() => entityBaselineScores(['a', ''], [1, 2])).toThrow(/row 1: the entity is missing/);
    expect(() => entityBaselineScores(['a'], [1], [Infinity])).toThrow(/row 0: time/);
    expect(() => entityBaselineScores(['a'], [1], undefined, { minHistory: 0 })).toThrow(InvalidOptionError);
    expect(() => entityBaselineScores(['a'], [1], undefined, { direction: 'up' as never })).toThrow(InvalidOptionError);
  });
});
