import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { UtilityRecommender } from '../../src/recommend/utility.js';
import type { AttributedItem } from '../../src/recommend/knowledge.js';

const laptops: AttributedItem[] = [
  { id: 'L1', attributes: { quality: 0.9, price: 1500, vendorReliability: 0.6, inStock: true, brand: 'A' } },
  { id: 'L2', attributes: { quality: 0.7, price: 900, vendorReliability: 0.95, inStock: true, brand: 'B' } },
  { id: 'L3', attributes: { quality: 0.8, price: 1200, vendorReliability: 0.9, inStock: false, brand: 'B' } },
  { id: 'L4', attributes: { quality: 0.5, price: 600, vendorReliability: 0.8, inStock: true, brand: 'C' } },
];

describe('UtilityRecommender', () => {
  const rec = UtilityRecommender.fit(laptops);

  it('ranks by a math.js utility including a non-product factor (vendor reliability), equal to the hand computation', () => {
    const expression = '0.5*quality + 0.3*(1 - price/maxPrice) + 0.2*vendorReliability';
    const u = (q: number, p: number, r: number): number => 0.5 * q + 0.3 * (1 - p / 1500) + 0.2 * r;
    const hand = [
      ['L1', u(0.9, 1500, 0.6)],
      ['L2', u(0.7, 900, 0.95)],
      ['L3', u(0.8, 1200, 0.9)],
      ['L4', u(0.5, 600, 0.8)],
    ] as [string, number][];
    hand.sort((a, b) => b[1] - a[1]);
    const recs = rec.recommend({ utility: { expression } }, { k: 4 });
    expect(recs.map((r) => r.item)).toEqual(hand.map((h) => h[0]));
    recs.forEach((r, i) => expect(r.score).toBeCloseTo(hand[i][1], 14));
    // The reason lists the three terms, which sum to the utility.
    const top = rec.utilities({ utility: { expression } }).find((x) => x.item === recs[0].item)!;
    expect(top.contributions.map((c) => c.name)).toEqual(['quality', 'price', 'vendorReliability']);
    expect(top.contributions.reduce((s, c) => s + c.value, 0)).toBeCloseTo(top.utility, 14);
    expect(recs[0].reason).toMatch(/^utility [\d.]+ = quality [\d.]+ \+ price [\d.]+ \+ vendorReliability [\d.]+$/);
  });

  it('hard constraints remove items (availability as an attribute)', () => {
    const recs = rec.recommend({ utility: { expression: 'quality', constraints: [{ attribute: 'inStock', equals: true }] } });
    expect(recs.map((r) => r.item)).toEqual(['L1', 'L2', 'L4']);
    expect(recs[0].reason).toContain('inStock = true');
  });

  it('weights with value functions (linear lower-is-better, ideal point, threshold, categorical), by hand', () => {
    const spec = {
      weights: {
        price: { weight: 2, value: { type: 'linear' as const, higherIsBetter: false } },
        quality: { weight: 1, value: { type: 'ideal' as const, ideal: 0.8, tolerance: 0.4 } },
        vendorReliability: { weight: 1, value: { type: 'threshold' as const, threshold: 0.9 } },
        brand: { weight: 0.5, value: { type: 'categorical' as const, values: { B: 1, C: 0.4 } } },
      },
    };
    const hand = (price: number, q: number, r: number, brand: number): number =>
      2 * (1 - (price - 600) / 900) + Math.max(0, 1 - Math.abs(q - 0.8) / 0.4) + (r >= 0.9 ? 1 : 0) + 0.5 * brand;
    const want = new Map([
      ['L1', hand(1500, 0.9, 0.6, 0)],
      ['L2', hand(900, 0.7, 0.95, 1)],
      ['L3', hand(1200, 0.8, 0.9, 1)],
      ['L4', hand(600, 0.5, 0.8, 0.4)],
    ]);
    const got = rec.utilities({ utility: spec });
    for (const g of got) expect(g.utility).toBeCloseTo(want.get(g.item)!, 14);
    const best = [...want.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(rec.recommend({ utility: spec }, { k: 1 })[0].item).toBe(best);
  });

  it('names a missing attribute in an expression or weights', () => {
    expect(() => rec.recommend({ utility: { expression: '0.5*quality + 0.5*warranty' } })).toThrow(InvalidOptionError);
    expect(() => rec.recommend({ utility: { expression: '0.5*quality + 0.5*warranty' } })).toThrow(/"warranty"/);
    expect(() => rec.recommend({ utility: { weights: { colour: 1 } } })).toThrow(/"colour"/);
    expect(() => rec.recommend({ utility: { expression: 'quality +' } })).toThrow(InvalidOptionError);
    expect(() => UtilityRecommender.fit(laptops, { specs: { bob: { expression: 'speed' } } })).toThrow(/specs\.bob.*"speed"/);
  });

  it('an item lacking a needed value is an error naming it, or skipped', () => {
    const items = [...laptops, { id: 'L5', attributes: { quality: null, price: 100, vendorReliability: 1, inStock: true, brand: 'D' } }];
    expect(() => UtilityRecommender.fit(items).recommend({ utility: { expression: 'quality' } })).toThrow(InvalidInputError);
    expect(() => UtilityRecommender.fit(items).recommend({ utility: { expression: 'quality' } })).toThrow(/"L5".*"quality"/);
    const skip = UtilityRecommender.fit(items, { missingValues: 'skip' }).recommend({ utility: { expression: 'quality' } }, { k: 10 });
    expect(skip.map((r) => r.item)).not.toContain('L5');
  });

  it('serves known users from specs and round-trips through JSON', () => {
    const r = UtilityRecommender.fit(laptops, { specs: { ann: { expression: '-price' } } });
    expect(r.recommend('ann', { k: 1 })[0].item).toBe('L4');
    const back = UtilityRecommender.fromJSON(JSON.parse(JSON.stringify(r)));
    expect(back.recommend('ann')).toEqual(r.recommend('ann'));
  });
});
