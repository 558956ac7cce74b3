import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { PopularityRecommender } from '../../src/recommend/collaborative/baseline.js';
import { ContentRecommender } from '../../src/recommend/content.js';
import { DemographicRecommender } from '../../src/recommend/demographic.js';
import { cascadeHybrid, HybridRecommender, switchingHybrid, weightedHybrid } from '../../src/recommend/hybrid.js';
import { Interactions } from '../../src/recommend/interactions.js';
import type { Recommender } from '../../src/recommend/types.js';

const items = [
  { id: 'A', attributes: { kind: 'x' } },
  { id: 'B', attributes: { kind: 'x' } },
  { id: 'C', attributes: { kind: 'y' } },
  { id: 'D', attributes: { kind: 'y' } },
  { id: 'E', attributes: { kind: 'z' } },
];
const history = [
  { user: 'u1', item: 'A' },
  { user: 'u1', item: 'C' },
  { user: 'u2', item: 'A' },
  { user: 'u2', item: 'B' },
  { user: 'u3', item: 'D' },
  { user: 'u3', item: 'E' },
  { user: 'u4', item: 'A' },
];
const users = { u1: { g: 'p' }, u2: { g: 'p' }, u3: { g: 'q' }, u4: { g: 'q' } };

describe('hybrids', () => {
  const content = ContentRecommender.fit(items, history);
  const demographic = DemographicRecommender.fit(users, history, { shrinkage: 1 }, items.map((i) => i.id));
  const popularity = PopularityRecommender.fit(Interactions.fromRecords(history.map((h) => ({ user: h.user, item: h.item }))));

  it('weighted: min-max normalised scores combined with weights, equal to the combination of the components\' own lists', () => {
    const components: { recommender: Recommender; weight: number }[] = [
      { recommender: content, weight: 2 },
      { recommender: demographic, weight: 1 },
      { recommender: popularity, weight: 1 },
    ];
    const hybrid = weightedHybrid(components, { depth: 10 });
    const got = hybrid.recommend('u4', { k: 10 });
    const want = new Map<string, number>();
    for (const { recommender, weight } of components) {
      const list = recommender.recommend('u4', { k: 10 });
      const scores = list.map((x) => x.score);
      const lo = Math.min(...scores);
      const hi = Math.max(...scores);
      for (const x of list) want.set(x.item, (want.get(x.item) ?? 0) + (weight / 4) * (hi > lo ? (x.score - lo) / (hi - lo) : 1));
    }
    expect(got.map((x) => x.item).sort()).toEqual([...want.keys()].sort());
    for (const x of got) expect(x.score).toBeCloseTo(want.get(x.item)!, 14);
    for (let i = 1; i < got.length; i++) expect(got[i - 1].score).toBeGreaterThanOrEqual(got[i].score);
    expect(got.map((x) => x.item)).not.toContain('A'); // consumed by u4
    expect(got[0].reason).toMatch(/^weighted /);
  });

  it('weighted with rank normalisation gives (n − r) / n', () => {
    const h = weightedHybrid([{ recommender: popularity, weight: 1 }], { normalise: 'rank', depth: 3 });
    const got = h.recommend({ items: [] }, { k: 3 });
    expect(got.map((x) => x.score)).toEqual([1, 2 / 3, 1 / 3]);
  });

  it('switching: demographic below the threshold, content above', () => {
    const h = switchingHybrid({ below: demographic, above: content, minInteractions: 2, counts: { u1: 2, u4: 1 } });
    expect(h.recommend('u1')[0].reason).toMatch(/^content, since the customer has 2 interactions/);
    expect(h.recommend('u4')[0].reason).toMatch(/^demographic, since the customer has 1 interaction /);
    expect(h.recommend({ attributes: { g: 'q' } })[0].reason).toMatch(/^demographic/);
    expect(h.recommend('u1').map((x) => x.item)).toEqual(content.recommend('u1').map((x) => x.item));
  });

  it('cascade: the later stage re-orders the first stage\'s shortlist', () => {
    const h = cascadeHybrid([popularity, content], { depth: 3 });
    const shortlist = popularity.recommend('u4', { k: 3 }).map((x) => x.item);
    const got = h.recommend('u4', { k: 3 }).map((x) => x.item);
    expect(got.sort()).toEqual(shortlist.slice().sort());
    const reordered = content.recommend('u4', { k: 3, candidates: shortlist }).map((x) => x.item);
    expect(h.recommend('u4', { k: 3 }).map((x) => x.item).slice(0, reordered.length)).toEqual(reordered);
  });

  it('round-trips through JSON with a restore function, and checks its options', () => {
    const h = weightedHybrid([
      { recommender: content, weight: 1 },
      { recommender: demographic, weight: 3 },
    ]);
    const restore = (j: unknown): Recommender => {
      const family = (j as { family?: string }).family;
      return family === 'content' ? ContentRecommender.fromJSON(j) : DemographicRecommender.fromJSON(j);
    };
    const back = HybridRecommender.fromJSON(JSON.parse(JSON.stringify(h)), restore);
    expect(back.recommend('u3')).toEqual(h.recommend('u3'));
    expect(() => weightedHybrid([])).toThrow(InvalidOptionError);
    expect(() => weightedHybrid([{ recommender: content, weight: 0 }])).toThrow(/weight/);
    expect(() => switchingHybrid({ below: content, above: content, minInteractions: 0 })).toThrow(/minInteractions/);
  });
});
