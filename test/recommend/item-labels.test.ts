import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { RuleSet, type AssociationRule } from '../../src/association/rules.js';
import {
  BaselineRecommender,
  ImplicitAlsRecommender,
  PopularityRecommender,
  RandomRecommender,
  SvdRecommender,
  fitItemKnn,
  fitKnnBaseline,
  fitUserKnn,
} from '../../src/recommend/collaborative/index.js';
import { ContentRecommender } from '../../src/recommend/content.js';
import { CrossSellRecommender } from '../../src/recommend/cross-sell.js';
import { DemographicRecommender } from '../../src/recommend/demographic.js';
import { cascadeHybrid, switchingHybrid, weightedHybrid } from '../../src/recommend/hybrid.js';
import { Interactions } from '../../src/recommend/interactions.js';
import { KnowledgeRecommender } from '../../src/recommend/knowledge.js';
import { UtilityRecommender } from '../../src/recommend/utility.js';
import type { ItemLabels, Recommendation, RecommendFor, RecommendOptions, Recommender } from '../../src/recommend/types.js';

// Hand-built: c consumed 6 (labelled) and 2 (no label), so a reason citing both names one by label and
// one by id. The other users make 1 and 3 co-occur with 6 and 2.
const BASKETS: Record<string, string[]> = { a: ['6', '1', '3'], b: ['6', '2', '3'], d: ['1', '2', '3'], e: ['6', '1'], c: ['6', '2'] };
const TITLES = new Map([
  ['6', 'Heat (1995)'],
  ['1', 'Toy Story (1995)'],
  ['3', 'Godfather, The (1972)'],
]);
const title = (id: string): string => TITLES.get(id) ?? id;
const implicit = Interactions.fromRecords(Object.entries(BASKETS).flatMap(([user, items]) => items.map((item) => ({ user, item }))));
// Explicit ratings: c rates both its items 5, so both count as liked; the others vary.
const RATING: Record<string, number> = { a: 4, b: 5, d: 3, e: 4, c: 5 };
const explicit = Interactions.fromRecords(
  Object.entries(BASKETS).flatMap(([user, items]) => items.map((item, j) => ({ user, item, value: user === 'c' ? 5 : RATING[user] - (j % 2) }))),
);

/** An association rule with the measures a reason cites; the others are placeholders. */
const rule = (antecedent: string[], consequent: string[], support: number, confidence: number, lift: number): AssociationRule => ({
  antecedent,
  consequent,
  count: 1,
  support,
  antecedentSupport: support / confidence,
  consequentSupport: confidence / lift,
  confidence,
  lift,
  leverage: 0,
  conviction: 1,
  zhang: 0,
  jaccard: 0,
  certainty: 0,
  kulczynski: 0,
});

/**
 * Asserts that `labelled` is the reason `plain` is with every item written as `name` writes it: `plain`
 * is `template(ids)` for one of the possible citation orders, and `labelled` is the same template over
 * the same ids, named.
 */
function expectRelabelled(plain: string, labelled: string, orders: readonly string[][], template: (names: string[]) => string, name: (id: string) => string): void {
  const order = orders.find((ids) => template(ids) === plain);
  expect(order, `${plain} is none of ${orders.map((o) => template(o)).join(' | ')}`).toBeDefined();
  expect(labelled).toBe(template(order!.map(name)));
  expect(labelled).not.toBe(plain);
}

/** Items and scores of a labelled request equal those of the plain one. */
function expectSameRanking(plain: Recommendation[], labelled: Recommendation[]): void {
  expect(labelled.map((r) => [r.item, r.score])).toEqual(plain.map((r) => [r.item, r.score]));
  expect(plain.length).toBeGreaterThan(0);
}

describe('itemLabels: collaborative families that cite consumed items', () => {
  const orders = [
    ['6', '2'],
    ['2', '6'],
  ];

  it('item-kNN (implicit): "similar to A and B" names 6 by its label and 2, which has none, by its id', () => {
    const knn = fitItemKnn(implicit, { similarity: 'cosine' });
    const plain = knn.recommend('c');
    const labelled = knn.recommend('c', { itemLabels: TITLES });
    expectSameRanking(plain, labelled);
    for (let q = 0; q < plain.length; q++) expectRelabelled(plain[q].reason, labelled[q].reason, orders, ([x, y]) => `similar to ${x} and ${y}`, title);
    expect(labelled[0].reason).toContain('Heat (1995)');
  });

  it('item-kNN and KNNBaseline (explicit): "similar to A you rated r" with labels', () => {
    for (const knn of [fitItemKnn(explicit), fitKnnBaseline(explicit, { userBased: false })]) {
      const plain = knn.recommend('c');
      const labelled = knn.recommend('c', { itemLabels: TITLES });
      expectSameRanking(plain, labelled);
      const orders1 = [['6', '2'], ['2', '6'], ['6'], ['2']];
      const template = (names: string[]): string => 'similar to ' + names.map((n) => `${n} you rated 5`).join(' and ');
      for (let q = 0; q < plain.length; q++) {
        const order = orders1.find((ids) => template(ids) === plain[q].reason);
        expect(order, plain[q].reason).toBeDefined();
        expect(labelled[q].reason).toBe(template(order!.map(title)));
      }
    }
  });

  it('ALS: "users who liked A and B also liked this" with labels', () => {
    const als = ImplicitAlsRecommender.fit(implicit, { seed: 3, factors: 2 });
    const plain = als.recommend('c');
    const labelled = als.recommend('c', { itemLabels: TITLES });
    expectSameRanking(plain, labelled);
    for (let q = 0; q < plain.length; q++) {
      expectRelabelled(plain[q].reason, labelled[q].reason, orders, ([x, y]) => `users who liked ${x} and ${y} also liked this`, title);
    }
  });

  it('a profile request ({ items }) is labelled the same way', () => {
    const knn = fitItemKnn(implicit, { similarity: 'cosine' });
    const plain = knn.recommend({ items: ['1', '2'] });
    const labelled = knn.recommend({ items: ['1', '2'] }, { itemLabels: TITLES });
    expectSameRanking(plain, labelled);
    const both = [
      ['1', '2'],
      ['2', '1'],
    ];
    for (let q = 0; q < plain.length; q++) expectRelabelled(plain[q].reason, labelled[q].reason, both, ([x, y]) => `similar to ${x} and ${y}`, title);
  });

  it('a function works like the Map; undefined, null and "" mean "no label"', () => {
    const knn = fitItemKnn(implicit, { similarity: 'cosine' });
    const byMap = knn.recommend('c', { itemLabels: TITLES });
    expect(knn.recommend('c', { itemLabels: (id) => TITLES.get(id) })).toEqual(byMap);
    const plain = knn.recommend('c');
    for (const none of [() => undefined, () => null, () => '', new Map<string, string | null>([['6', null], ['2', '']])] as ItemLabels[]) {
      expect(knn.recommend('c', { itemLabels: none })).toEqual(plain);
    }
    // Labels are asked only for the items a reason names.
    const asked = new Set<string>();
    knn.recommend('c', {
      itemLabels: (id) => {
        asked.add(id);
        return undefined;
      },
    });
    expect([...asked].sort()).toEqual(['2', '6']);
  });
});

describe('itemLabels: cross-sell names the rule’s antecedent and consequent by label', () => {
  const rules = new RuleSet([rule(['6', '2'], ['3', '9'], 0.25, 0.75, 1.5), rule(['6'], ['1'], 0.5, 0.5, 2)]);
  const rec = CrossSellRecommender.fromRules(rules);

  it('every item of the cited rule is written by its label, an unlabelled one by its id', () => {
    const labels = new Map([...TITLES, ['9', 'Alien (1979)']]);
    const got = rec.recommend({ items: ['6', '2'] }, { itemLabels: labels });
    expect(got.map((r) => r.item)).toEqual(['3', '9', '1']);
    const both = 'rule {Heat (1995), 2} => {Godfather, The (1972), Alien (1979)}: customers with Heat (1995) and 2 also have Godfather, The (1972) and Alien (1979) (confidence 0.75, lift 1.5, support 0.25)';
    expect(got[0].reason).toBe(both);
    expect(got[1].reason).toBe(both);
    expect(got[2].reason).toBe('rule {Heat (1995)} => {Toy Story (1995)}: customers with Heat (1995) also have Toy Story (1995) (confidence 0.5, lift 2, support 0.5)');
  });

  it('without labels the reason is the id form, identical to the call without the option', () => {
    const plain = rec.recommend({ items: ['6', '2'] });
    expect(plain[0].reason).toBe('rule {6, 2} => {3, 9}: customers with 6 and 2 also have 3 and 9 (confidence 0.75, lift 1.5, support 0.25)');
    expect(rec.recommend({ items: ['6', '2'] }, { itemLabels: new Map() })).toEqual(plain);
  });
});

// Every family, for the checks that do not depend on the reason's wording.
const ITEMS = ['6', '1', '2', '3'];
const attributed = ITEMS.map((id, i) => ({ id, attributes: { price: 10 + 5 * i, brand: i % 2 === 0 ? 'A' : 'B' } }));
const history = Object.entries(BASKETS).flatMap(([user, items]) => items.map((item) => ({ user, item })));
const users = Object.fromEntries(Object.keys(BASKETS).map((u, i) => [u, { segment: i % 2 === 0 ? 'x' : 'y' }]));
const knn = fitItemKnn(implicit, { similarity: 'cosine' });
const families: Record<string, Recommender> = {
  popularity: PopularityRecommender.fit(implicit),
  baseline: BaselineRecommender.fit(explicit),
  random: RandomRecommender.fit(explicit, { seed: 1 }),
  svd: SvdRecommender.fit(explicit, { seed: 1, epochs: 5 }),
  'user-knn': fitUserKnn(explicit),
  'item-knn': knn,
  'knn-baseline': fitKnnBaseline(explicit),
  als: ImplicitAlsRecommender.fit(implicit, { seed: 3, factors: 2 }),
  content: ContentRecommender.fit(
    attributed.map((it) => ({ id: it.id, attributes: { brand: it.attributes.brand } })),
    history,
  ),
  demographic: DemographicRecommender.fit(users, history, {}, ITEMS),
  knowledge: KnowledgeRecommender.fit(attributed, { history, requirements: { c: [{ attribute: 'price', max: 30 }] } }),
  utility: UtilityRecommender.fit(attributed, { history, specs: { c: { expression: '-price' } } }),
  'cross-sell': CrossSellRecommender.fromRules([rule(['6'], ['3'], 0.2, 0.5, 1.25)], { baskets: BASKETS }),
};
const NAMES_ITEMS = new Set(['item-knn', 'als', 'cross-sell']);

describe('itemLabels: every family', () => {
  for (const [name, fitted] of Object.entries(families)) {
    // The random recommender draws anew on every call: each call gets a fresh one with the same seed.
    const rec: Recommender = name === 'random' ? { name, recommend: (f, o) => RandomRecommender.fit(explicit, { seed: 1 }).recommend(f, o), toJSON: () => ({}) } : fitted;
    it(`${name}: the option is accepted; items and scores never change; reasons change only where the family names items`, () => {
      const plain = rec.recommend('c', { k: 3 });
      expect(plain.length, name).toBeGreaterThan(0);
      // Without labels (absent, empty Map, a function that knows nothing): the output of the call without the option.
      expect(rec.recommend('c', { k: 3, itemLabels: new Map() })).toEqual(plain);
      expect(rec.recommend('c', { k: 3, itemLabels: () => undefined })).toEqual(plain);
      const labelled = rec.recommend('c', { k: 3, itemLabels: TITLES });
      expectSameRanking(plain, labelled);
      if (NAMES_ITEMS.has(name)) {
        expect(labelled.map((r) => r.reason)).not.toEqual(plain.map((r) => r.reason));
        for (const r of labelled) expect(r.reason, name).toContain('Heat (1995)');
      } else {
        expect(labelled, name).toEqual(plain);
      }
    });

    it(`${name}: a bad itemLabels is an InvalidOptionError naming the option and the method`, () => {
      for (const bad of ['titles', 42, { '6': 'Heat' }, null]) {
        const call = (): unknown => rec.recommend('c', { itemLabels: bad } as unknown as RecommendOptions);
        expect(call, String(bad)).toThrow(InvalidOptionError);
        expect(call, String(bad)).toThrow(/option itemLabels: \w+\.recommend\(\): expected a Map of item id → label or a function/);
      }
    });
  }

  it('a label that is not a string is an InvalidOptionError naming the item', () => {
    const call = (): unknown => knn.recommend('c', { itemLabels: new Map([['6', 7]]) as unknown as ItemLabels });
    expect(call).toThrow(InvalidOptionError);
    expect(call).toThrow(/the label of item "6" is 7; expected a string/);
  });
});

describe('itemLabels: hybrids pass the labels to their components', () => {
  /** A recommender that records the options it is asked with. */
  class Spy implements Recommender {
    readonly name = 'spy';
    readonly seen: (RecommendOptions | undefined)[] = [];
    recommend(_forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
      this.seen.push(options);
      return [{ item: '3', score: 1, reason: 'spy' }];
    }
    toJSON(): unknown {
      return {};
    }
  }

  it('every kind hands the very same itemLabels to every component, nested hybrids included', () => {
    const labels: ItemLabels = (id) => TITLES.get(id);
    const spies = [new Spy(), new Spy(), new Spy(), new Spy(), new Spy()];
    const hybrids = [
      weightedHybrid([{ recommender: spies[0], weight: 1 }]),
      switchingHybrid({ below: spies[1], above: spies[1], minInteractions: 1 }),
      cascadeHybrid([spies[2], spies[3]]),
      weightedHybrid([{ recommender: cascadeHybrid([spies[4]]), weight: 1 }]),
    ];
    for (const h of hybrids) h.recommend('c', { k: 2, itemLabels: labels });
    for (const s of spies) {
      expect(s.seen.length).toBeGreaterThan(0);
      for (const o of s.seen) expect(o?.itemLabels).toBe(labels);
    }
    const quiet = new Spy();
    weightedHybrid([{ recommender: quiet, weight: 1 }]).recommend('c', { k: 2 });
    expect(quiet.seen.every((o) => o !== undefined && !('itemLabels' in o))).toBe(true);
  });

  it('the hybrid’s reason carries the component’s labelled reason', () => {
    const pop = families.popularity;
    const kinds: [string, Recommender][] = [
      ['weighted', weightedHybrid([{ recommender: knn, weight: 1 }, { recommender: pop, weight: 1 }])],
      ['switching', switchingHybrid({ below: pop, above: knn, minInteractions: 1, counts: { c: 2 } })],
      ['cascade', cascadeHybrid([pop, knn])],
    ];
    const knnLabelled = new Map(knn.recommend('c', { itemLabels: TITLES }).map((r) => [r.item, r.reason]));
    const knnPlain = new Map(knn.recommend('c').map((r) => [r.item, r.reason]));
    for (const [kind, h] of kinds) {
      const plain = h.recommend('c', { k: 2 });
      const labelled = h.recommend('c', { k: 2, itemLabels: TITLES });
      expectSameRanking(plain, labelled);
      for (let q = 0; q < labelled.length; q++) {
        const item = labelled[q].item;
        expect(labelled[q].reason, kind).toContain(knnLabelled.get(item)!);
        expect(plain[q].reason, kind).toContain(knnPlain.get(item)!);
        expect(labelled[q].reason, kind).not.toContain(knnPlain.get(item)!);
      }
    }
  });
});
