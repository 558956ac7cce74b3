import { describe, expect, it } from 'vitest';
import {
  abcClassify,
  customerPyramid,
  giniCoefficient,
  lorenzCurve,
  paretoCurve,
  readTransactionLog,
  summarizeCustomers,
  topShare,
} from '../../src/crm/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { dataFile, haveData } from '../helpers/data.js';

describe('abcClassify', () => {
  it('assigns tiers by cumulative value share, the crossing customer to the next tier', () => {
    // ranked: 50 (0.50), 30 (0.80), 10 (0.90), 5 (0.95), 5 (1.00)
    const res = abcClassify([5, 30, 50, 10, 5]);
    expect(res.tier).toEqual(['B', 'A', 'A', 'B', 'C']);
    expect(Array.from(res.rank)).toEqual([4, 2, 1, 3, 5]);
    expect(Array.from(res.order)).toEqual([2, 1, 3, 0, 4]);
    expect(res.cumulativeShare[1]).toBeCloseTo(0.8, 12);
    expect(res.tiers.map((t) => t.customers)).toEqual([2, 2, 1]);
    expect(res.tiers[0].valueShare).toBeCloseTo(0.8, 12);
  });

  it('takes configurable tiers and checks them', () => {
    const res = abcClassify([60, 30, 10], [{ label: 'top', share: 0.5 }, { label: 'rest' }]);
    expect(res.tier).toEqual(['rest', 'rest', 'rest']); // 60% already crosses 50%
    expect(() => abcClassify([1], [{ label: 'A', share: 0.9 }, { label: 'B', share: 0.2 }])).toThrow(InvalidOptionError);
    expect(() => abcClassify([1], [{ label: 'A', share: 1.5 }, { label: 'B' }])).toThrow(/tiers\[0\]\.share/);
    expect(() => abcClassify([1, -2])).toThrow(/row 1 has -2/);
    expect(() => abcClassify([0, 0])).toThrow(InvalidInputError);
  });
});

describe('customerPyramid', () => {
  it('splits 200 customers 1% / 4% / 15% / 80% by rank', () => {
    const v = Array.from({ length: 200 }, (_, i) => 200 - i);
    const res = customerPyramid(v);
    expect(res.tiers.map((t) => t.customers)).toEqual([2, 8, 30, 160]);
    expect(res.tier[0]).toBe('VIP');
    expect(res.tier[2]).toBe('major');
    expect(res.tier[199]).toBe('small');
    const custom = customerPyramid(v, [{ label: 'top', share: 0.5 }, { label: 'bottom' }]);
    expect(custom.tiers.map((t) => t.customers)).toEqual([100, 100]);
  });
});

describe('concentration', () => {
  it('Gini: 0 for equal values, (n − 1)/n for one holder, and a hand example', () => {
    expect(giniCoefficient([3, 3, 3, 3])).toBe(0);
    expect(giniCoefficient([0, 0, 0, 8])).toBeCloseTo(0.75, 14);
    // [1, 2, 3, 4]: Σ(2i − n − 1)x = −3 − 2 + 3 + 12 = 10; 10 / (4 · 10) = 0.25
    expect(giniCoefficient([4, 1, 3, 2])).toBeCloseTo(0.25, 14);
  });

  it('Gini equals one minus twice the area under the Lorenz curve', () => {
    const v = Array.from({ length: 97 }, (_, i) => ((i * 37) % 23) + (i % 5) * 0.5);
    const l = lorenzCurve(v);
    let area = 0;
    for (let k = 1; k < l.customerShare.length; k++) {
      area += ((l.customerShare[k] - l.customerShare[k - 1]) * (l.valueShare[k] + l.valueShare[k - 1])) / 2;
    }
    expect(giniCoefficient(v)).toBeCloseTo(1 - 2 * area, 12);
  });

  it('Pareto curve and top shares', () => {
    const c = paretoCurve([10, 40, 50]);
    expect(Array.from(c.valueShare)).toEqual([0, 0.5, 0.9, 1]);
    expect(topShare([10, 40, 50], 1 / 3)).toBeCloseTo(0.5, 12);
    expect(topShare([10, 40, 50], 0)).toBe(0);
    expect(topShare([10, 40, 50], 1)).toBe(1);
    // halfway between the first and second customer
    expect(topShare([10, 40, 50], 0.5)).toBeCloseTo(0.7, 12);
    expect(() => topShare([1], 1.2)).toThrow(InvalidOptionError);
  });
});

describe.skipIf(!haveData('clv/CDNOW_master.txt'))('CDNOW_master ABC', () => {
  it('tiers 23,570 customers with consistent totals', async () => {
    const l = await readTransactionLog(dataFile('clv/CDNOW_master.txt'), { format: 'whitespace', customer: 'customer_id', date: 'date', amount: 'dollar_value' });
    const s = summarizeCustomers(l);
    const res = abcClassify(s.monetaryTotal);
    const total = res.tiers.reduce((a, t) => a + t.customers, 0);
    expect(total).toBe(23570);
    expect(res.tiers[0].valueShare).toBeLessThanOrEqual(0.8 + 1e-12);
    expect(res.tiers[0].valueShare + res.tiers[1].valueShare).toBeLessThanOrEqual(0.95 + 1e-12);
    // the 80/20 question: the top 20% of CDNOW customers hold well over half the revenue
    const top20 = topShare(s.monetaryTotal, 0.2);
    expect(top20).toBeGreaterThan(0.5);
    expect(giniCoefficient(s.monetaryTotal)).toBeGreaterThan(0.4);
  });
});
