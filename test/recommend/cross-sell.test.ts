import { describe, expect, it } from 'vitest';
import { strongRules } from '../../src/association/rules.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { CrossSellRecommender } from '../../src/recommend/cross-sell.js';

const baskets = [
  ['bread', 'milk'],
  ['bread', 'butter', 'milk'],
  ['bread', 'butter'],
  ['beer', 'chips'],
  ['beer', 'chips', 'bread'],
  ['milk', 'butter'],
  ['bread', 'butter', 'jam'],
];

describe('CrossSellRecommender', () => {
  const { rules } = strongRules(TransactionSet.fromArrays(baskets), { minCount: 2, minConfidence: 0.5, consequents: 'any' });

  for (const rankBy of ['confidence', 'lift'] as const) {
    it(`recommends the consequents of firing rules, best ${rankBy} first, citing the rule`, () => {
      const rec = CrossSellRecommender.fromRules(rules, { rankBy });
      const basket = ['bread'];
      const recs = rec.recommend({ items: basket }, { k: 10 });
      // Expected, from the rules directly: for each consequent item not in the basket, the best measure over rules whose antecedent ⊆ basket.
      const best = new Map<string, number>();
      for (const r of rules) {
        if (!r.antecedent.every((a) => basket.includes(a))) continue;
        for (const c of r.consequent) if (!basket.includes(c)) best.set(c, Math.max(best.get(c) ?? -Infinity, r[rankBy]));
      }
      expect(recs.length).toBe(best.size);
      expect(best.size).toBeGreaterThan(0);
      for (const x of recs) expect(x.score).toBe(best.get(x.item));
      for (let i = 1; i < recs.length; i++) expect(recs[i - 1].score).toBeGreaterThanOrEqual(recs[i].score);
      expect(recs[0].reason).toMatch(/^rule \{bread\} => \{.*\}: customers with bread also have/);
      expect(recs.map((x) => x.item)).not.toContain('bread');
    });
  }

  it('serves known customers from their baskets and round-trips through JSON', () => {
    const rec = CrossSellRecommender.fromRules(rules, { baskets: { ann: ['beer'] } });
    const recs = rec.recommend('ann');
    expect(recs[0].item).toBe('chips');
    expect(recs[0].score).toBe(1);
    const back = CrossSellRecommender.fromJSON(JSON.parse(JSON.stringify(rec)));
    expect(back.recommend('ann')).toEqual(recs);
    expect(rec.recommend({ items: [] })).toEqual([]);
  });
});
