import { describe, expect, it } from 'vitest';
import {
  annuityFactor,
  annuityValue,
  churnLoss,
  churnRate,
  customerLifetimeValue,
  expectedLifetime,
  groupChurnLoss,
  groupLifetimeValue,
  presentValue,
  replacementsPerPeriod,
} from '../../src/crm/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';

// The textbook's examples use an 8% discount rate over 10 years and truncate to whole units.
const rate = 0.08;
const years = 10;

describe("the textbook's CLV examples (floor of the exact value)", () => {
  it('historical value 3000 plus 1000 a year → 9710; with a one-time cost of 500 → 9210', () => {
    const clv = customerLifetimeValue({ historicalValue: 3000, margin: 1000, periods: years, rate });
    expect(Math.floor(clv.total)).toBe(9710);
    expect(clv.historicalValue).toBe(3000);
    const withCost = customerLifetimeValue({ historicalValue: 3000, margin: 1000, periods: years, rate, oneTimeCost: 500 });
    expect(Math.floor(withCost.total)).toBe(9210);
  });

  it('revenue model: 500 a year → 3355, 550 a year → 3690; margin model: 500 − 200 → 2013, 550 − 300 → 1677', () => {
    const revA = annuityValue(500, rate, years);
    const revB = annuityValue(550, rate, years);
    const marA = presentValue({ revenue: new Array(years).fill(500), cost: new Array(years).fill(200) }, rate);
    const marB = presentValue({ revenue: new Array(years).fill(550), cost: new Array(years).fill(300) }, rate);
    expect(Math.floor(revA)).toBe(3355);
    expect(Math.floor(revB)).toBe(3690);
    expect(Math.floor(marA)).toBe(2013);
    expect(Math.floor(marB)).toBe(1677);
    // the two customers swap rank between the revenue and the margin model
    expect(revB).toBeGreaterThan(revA);
    expect(marA).toBeGreaterThan(marB);
  });

  it('the annuity form equals the explicit sum of discounted margins', () => {
    const stream = Array.from({ length: 7 }, () => 123.4);
    expect(annuityValue(123.4, 0.05, 7)).toBeCloseTo(presentValue(stream, 0.05), 9);
    expect(annuityFactor(0, 4)).toBe(4);
    expect(annuityFactor(0.1, Infinity)).toBeCloseTo(10, 12);
    // margins given period by period
    const clv = customerLifetimeValue({ margins: [100, 200], rate: 0.1 });
    expect(clv.futureValue).toBeCloseTo(100 / 1.1 + 200 / 1.21, 10);
  });
});

describe('churn rates: two firms of 100 customers losing 20 and 10 a year', () => {
  it('churn rates 20% and 10%, lifetimes 5 and 10 years, 20 and 10 replacements a year', () => {
    const a = churnRate(20, 100);
    const b = churnRate(10, 100);
    expect(a).toBeCloseTo(0.2, 15);
    expect(b).toBeCloseTo(0.1, 15);
    expect(expectedLifetime(a)).toBeCloseTo(5, 12);
    expect(expectedLifetime(b)).toBeCloseTo(10, 12);
    expect(replacementsPerPeriod(100, a)).toBeCloseTo(20, 12);
    expect(replacementsPerPeriod(100, b)).toBeCloseTo(10, 12);
    const g = groupLifetimeValue({ customers: 100, margin: 1000, churnRate: a, rate });
    expect(g.lifetime).toBeCloseTo(5, 12);
    expect(g.replacementsPerPeriod).toBeCloseTo(20, 12);
    expect(g.perCustomer).toBeCloseTo(annuityValue(1000, rate, 5), 9);
    expect(g.total).toBeCloseTo(100 * g.perCustomer, 6);
  });

  it('a churn rate of 0 is an infinite lifetime: an error unless a horizon is given', () => {
    expect(() => expectedLifetime(0)).toThrow(InvalidOptionError);
    expect(() => groupLifetimeValue({ customers: 10, margin: 1, churnRate: 0, rate })).toThrow(/churnRate/);
    expect(expectedLifetime(0, 12)).toBe(12);
    expect(expectedLifetime(0.05, 12)).toBe(12); // the horizon caps 1 / 0.05 = 20
    expect(groupLifetimeValue({ customers: 10, margin: 1, churnRate: 0, rate: 0, horizon: 3 }).total).toBe(30);
  });
});

describe('churn loss', () => {
  it('V_l = C_t + (V_k − V_t) for one customer and N · r · V_k for a group', () => {
    expect(churnLoss({ cost: 200, expectedValue: 5000, realizedValue: 1500 })).toBe(3700);
    expect(groupChurnLoss(100, 0.2, 5000)).toBeCloseTo(100000, 8);
  });
});

describe('bad input', () => {
  it('discount rates <= −1 are rejected naming the option', () => {
    expect(() => annuityFactor(-1, 5)).toThrow(/option rate/);
    expect(() => customerLifetimeValue({ margin: 1, periods: 2, rate: -1.5 })).toThrow(InvalidOptionError);
    expect(() => presentValue([1, 2], -2)).toThrow(InvalidOptionError);
  });

  it('other bad input', () => {
    expect(() => churnRate(120, 100)).toThrow(/option lost/);
    expect(() => churnRate(1, 0)).toThrow(/option atStart/);
    expect(() => expectedLifetime(1.2)).toThrow(InvalidOptionError);
    expect(() => presentValue([1, NaN], 0.1)).toThrow(/period 2/);
    expect(() => presentValue({ revenue: [1, 2], cost: [1] }, 0.1)).toThrow(InvalidInputError);
    expect(() => customerLifetimeValue({ margin: 1, rate: 0.1 })).toThrow(/option periods/);
    expect(() => annuityFactor(0, Infinity)).toThrow(InvalidOptionError);
  });
});
