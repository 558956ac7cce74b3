import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strongRules } from '../../src/association/rules.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { ContentRecommender } from '../../src/recommend/content.js';
import { CrossSellRecommender } from '../../src/recommend/cross-sell.js';
import { DemographicRecommender } from '../../src/recommend/demographic.js';
import { cascadeHybrid, switchingHybrid, weightedHybrid } from '../../src/recommend/hybrid.js';
import { KnowledgeRecommender } from '../../src/recommend/knowledge.js';
import { UtilityRecommender } from '../../src/recommend/utility.js';
import type { RecommendFor, Recommender } from '../../src/recommend/types.js';

const ITEMS = ['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7'];
const attributed = ITEMS.map((id, i) => ({ id, attributes: { price: 10 * ((i * 7) % 5) + 5, brand: i % 2 === 0 ? 'A' : 'B', tags: i % 3 === 0 ? ['x'] : ['y'] } }));
const baskets = [
  ['i0', 'i1', 'i2'],
  ['i0', 'i1'],
  ['i1', 'i2', 'i3'],
  ['i4', 'i5'],
  ['i4', 'i5', 'i6'],
  ['i0', 'i7'],
  ['i2', 'i3', 'i6'],
];
const history = baskets.flatMap((b, u) => b.map((item) => ({ user: `u${u}`, item })));
const users = Object.fromEntries(baskets.map((_, u) => [`u${u}`, { age: 20 + 7 * u, segment: u % 3 === 0 ? 'a' : 'b' }]));

const content = ContentRecommender.fit(
  attributed.map((it) => ({ id: it.id, attributes: { brand: it.attributes.brand }, tags: it.attributes.tags, text: `item ${it.id} costs ${it.attributes.price}` })),
  history,
);
const demographic = DemographicRecommender.fit(users, history, { bands: { age: [40] } }, ITEMS);
const nearest = DemographicRecommender.fit(users, history, { mode: 'nearest', neighbours: 3 }, ITEMS);
const utility = UtilityRecommender.fit(attributed, { history, specs: Object.fromEntries(Object.keys(users).map((u) => [u, { expression: '-price' }])) });
const knowledge = KnowledgeRecommender.fit(attributed, {
  history,
  requirements: Object.fromEntries(Object.keys(users).map((u) => [u, [{ attribute: 'price', max: 30 }, { attribute: 'brand', equals: 'A' }]])),
});
const crossSell = CrossSellRecommender.fromRules(strongRules(TransactionSet.fromArrays(baskets), { minCount: 1, minConfidence: 0.1 }).rules, {
  baskets: Object.fromEntries(baskets.map((b, u) => [`u${u}`, b])),
  items: ITEMS,
});
const families: Recommender[] = [content, demographic, nearest, utility, knowledge, crossSell];
const hybrids: Recommender[] = [
  weightedHybrid(families.map((recommender, i) => ({ recommender, weight: i + 1 }))),
  weightedHybrid([{ recommender: content, weight: 1 }, { recommender: crossSell, weight: 1 }], { normalise: 'rank', depth: 3 }),
  switchingHybrid({ below: demographic, above: content, minInteractions: 3, counts: { u0: 3, u1: 2 } }),
  cascadeHybrid([demographic, utility, content], { depth: 5 }),
];

describe('no recommender ever returns an excluded item (property, every family and the hybrids)', () => {
  const all = [...families, ...hybrids];
  const request = fc.record({
    user: fc.integer({ min: 0, max: baskets.length - 1 }),
    exclude: fc.option(fc.subarray(ITEMS), { nil: undefined }),
    candidates: fc.option(fc.subarray(ITEMS), { nil: undefined }),
    k: fc.integer({ min: 1, max: 10 }),
    asProfile: fc.boolean(),
  });

  for (const rec of all) {
    it(`${rec.name}${(rec as { kind?: string }).kind ? ` (${(rec as { kind?: string }).kind})` : ''}`, () => {
      fc.assert(
        fc.property(request, ({ user, exclude, candidates, k, asProfile }) => {
          const id = `u${user}`;
          const forWhom: RecommendFor = asProfile
            ? ({
                user: id,
                items: baskets[user],
                attributes: users[id],
                requirements: [{ attribute: 'price', max: 40 }],
                utility: { expression: 'price' },
              } as RecommendFor)
            : id;
          const options = { k, ...(exclude !== undefined ? { exclude } : {}), ...(candidates !== undefined ? { candidates } : {}) };
          const got = rec.recommend(forWhom, options);
          const ids = got.map((x) => x.item);
          expect(ids.length).toBeLessThanOrEqual(k);
          expect(new Set(ids).size).toBe(ids.length);
          const banned = exclude ?? baskets[user];
          for (const item of ids) {
            expect(banned).not.toContain(item);
            if (candidates !== undefined) expect(candidates).toContain(item);
          }
          for (const x of got) {
            expect(Number.isFinite(x.score)).toBe(true);
            expect(x.reason.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
