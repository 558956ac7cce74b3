// The bad-input list of the recommenders' issue, asserted family by family: unknown request options
// and k < 1 (named after the class and method), unknown users and items (fallback or a typed error),
// empty training data, ratings outside the declared scale, duplicate (user, item) rows, and a utility
// expression or requirement naming a missing attribute. Each case checks the error's class and the
// field or option it names.
import { describe, expect, it } from 'vitest';
import { strongRules } from '../../src/association/rules.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { ImplicitAlsRecommender } from '../../src/recommend/collaborative/als.js';
import { BaselineRecommender, PopularityRecommender, RandomRecommender } from '../../src/recommend/collaborative/baseline.js';
import { fitItemKnn, fitKnnBaseline, fitUserKnn, KnnRecommender } from '../../src/recommend/collaborative/knn.js';
import { SvdRecommender } from '../../src/recommend/collaborative/svd.js';
import { ContentRecommender } from '../../src/recommend/content.js';
import { CrossSellRecommender } from '../../src/recommend/cross-sell.js';
import { DemographicRecommender } from '../../src/recommend/demographic.js';
import { cascadeHybrid, switchingHybrid, weightedHybrid } from '../../src/recommend/hybrid.js';
import { Interactions } from '../../src/recommend/interactions.js';
import { KnowledgeRecommender } from '../../src/recommend/knowledge.js';
import type { RatingPredictor, RecommendFor, Recommender } from '../../src/recommend/types.js';
import { UtilityRecommender } from '../../src/recommend/utility.js';

const ratings = Interactions.fromRecords(
  [
    ['ann', 'TV', 5], ['ann', 'DSL', 3], ['ann', 'Fiber', 4],
    ['bob', 'TV', 4], ['bob', 'Backup', 2], ['bob', 'Fiber', 5],
    ['cat', 'DSL', 4], ['cat', 'Backup', 5], ['cat', 'Streaming', 3],
    ['dan', 'TV', 2], ['dan', 'Streaming', 5], ['dan', 'DSL', 1],
  ].map(([user, item, value]) => ({ user: user as string, item: item as string, value: value as number })),
  { scale: [1, 5] },
);
const catalogue = [
  { id: 'TV', attributes: { price: 20, speed: 0, kind: 'tv' } },
  { id: 'DSL', attributes: { price: 30, speed: 50, kind: 'net' } },
  { id: 'Fiber', attributes: { price: 45, speed: 500, kind: 'net' } },
  { id: 'Backup', attributes: { price: 5, speed: 0, kind: 'cloud' } },
  { id: 'Streaming', attributes: { price: 12, speed: 0, kind: 'tv' } },
];
const history = { ann: ['TV', 'DSL', 'Fiber'], bob: ['TV', 'Backup', 'Fiber'], cat: ['DSL', 'Backup', 'Streaming'], dan: ['TV', 'Streaming', 'DSL'] };
const people = { ann: { region: 'north' }, bob: { region: 'north' }, cat: { region: 'south' }, dan: { region: 'south' } };
const baskets = Object.values(history);
const rules = strongRules(TransactionSet.fromArrays(baskets), { minCount: 1, minConfidence: 0.1 }).rules;

/** One family, fitted leniently (default policy) and strictly (`unknown: 'error'` where it has one). */
interface Family {
  cls: string;
  lenient: Recommender;
  strict: Recommender;
  /** What a user the family does not know is asked with (a bare id, or a profile naming the user). */
  stranger: RecommendFor;
  /** The field the strict family's unknown-user error names. */
  unknownUserField: string;
  /** Whether the lenient family answers a stranger (false: it needs something only the user can give). */
  lenientAnswersStranger: boolean;
}

const families: Family[] = [
  { cls: 'PopularityRecommender', lenient: PopularityRecommender.fit(ratings), strict: PopularityRecommender.fit(ratings, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'BaselineRecommender', lenient: BaselineRecommender.fit(ratings), strict: BaselineRecommender.fit(ratings, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'RandomRecommender', lenient: RandomRecommender.fit(ratings, { seed: 1 }), strict: RandomRecommender.fit(ratings, { seed: 1, unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'KnnRecommender', lenient: fitUserKnn(ratings), strict: fitUserKnn(ratings, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'KnnRecommender', lenient: fitItemKnn(ratings), strict: fitItemKnn(ratings, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'KnnRecommender', lenient: fitKnnBaseline(ratings), strict: fitKnnBaseline(ratings, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'SvdRecommender', lenient: SvdRecommender.fit(ratings, { seed: 1, factors: 3, epochs: 5 }), strict: SvdRecommender.fit(ratings, { seed: 1, factors: 3, epochs: 5, unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'ImplicitAlsRecommender', lenient: ImplicitAlsRecommender.fit(ratings, { seed: 1, factors: 2 }), strict: ImplicitAlsRecommender.fit(ratings, { seed: 1, factors: 2, unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'ContentRecommender', lenient: ContentRecommender.fit(catalogue, history), strict: ContentRecommender.fit(catalogue, history, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'DemographicRecommender', lenient: DemographicRecommender.fit(people, history), strict: DemographicRecommender.fit(people, history, { unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'DemographicRecommender', lenient: DemographicRecommender.fit(people, history, { mode: 'nearest' }), strict: DemographicRecommender.fit(people, history, { mode: 'nearest', unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  { cls: 'CrossSellRecommender', lenient: CrossSellRecommender.fromRules(rules, { baskets: history }), strict: CrossSellRecommender.fromRules(rules, { baskets: history, unknown: 'error' }), stranger: 'zoe', unknownUserField: 'user', lenientAnswersStranger: true },
  // utility and knowledge need the user's own specification or requirements: a stranger without one is always an error
  { cls: 'UtilityRecommender', lenient: UtilityRecommender.fit(catalogue, { history, specs: { ann: { expression: '-price' } } }), strict: UtilityRecommender.fit(catalogue, { history }), stranger: 'zoe', unknownUserField: 'utility', lenientAnswersStranger: false },
  { cls: 'KnowledgeRecommender', lenient: KnowledgeRecommender.fit(catalogue, { history, requirements: { ann: [{ attribute: 'price', max: 40 }] } }), strict: KnowledgeRecommender.fit(catalogue, { history }), stranger: 'zoe', unknownUserField: 'requirements', lenientAnswersStranger: false },
];
const pop = PopularityRecommender.fit(ratings);
const hybrids: Recommender[] = [
  weightedHybrid([{ recommender: pop, weight: 1 }, { recommender: fitItemKnn(ratings), weight: 1 }]),
  switchingHybrid({ below: pop, above: fitItemKnn(ratings), minInteractions: 2 }),
  cascadeHybrid([pop, fitItemKnn(ratings)]),
];
const requestable: [string, Recommender][] = [
  ...families.map((f) => [f.cls, f.lenient] as [string, Recommender]),
  ...hybrids.map((h) => ['HybridRecommender', h] as [string, Recommender]),
];
const label = (cls: string, r: Recommender): string => `${cls} (${r.name}${(r as { kind?: string }).kind ? ` ${(r as { kind?: string }).kind}` : ''})`;

/** What `call` threw (or undefined). */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** Asserts an InvalidInputError naming `field` (and the pattern in its message, when given). */
function expectInputError(call: () => unknown, field: string, message?: RegExp): void {
  const err = thrown(call);
  expect(err).toBeInstanceOf(InvalidInputError);
  expect((err as InvalidInputError).field).toBe(field);
  if (message) expect((err as Error).message).toMatch(message);
}

/** Asserts an InvalidOptionError naming `option` (and the pattern in its message, when given). */
function expectOptionError(call: () => unknown, option: string, message?: RegExp): void {
  const err = thrown(call);
  expect(err).toBeInstanceOf(InvalidOptionError);
  expect((err as InvalidOptionError).option).toBe(option);
  if (message) expect((err as Error).message).toMatch(message);
}

describe('recommend() options: errors name the class and method', () => {
  it.each(requestable.map(([cls, r]) => [label(cls, r), cls, r] as const))('%s', (_label, cls, r) => {
    const user = 'ann'; // known to every family (utility and knowledge have her specification)
    // a misspelt request option: named, with the class and method, and the suggestion
    expectOptionError(() => r.recommend(user, { K: 3 } as never), 'K', new RegExp(`unknown option for ${cls}\\.recommend\\(\\); did you mean k\\?`));
    expectOptionError(() => r.recommend(user, { candidate: ['TV'] } as never), 'candidate', new RegExp(`${cls}\\.recommend\\(\\); did you mean candidates\\?`));
    expect((thrown(() => r.recommend(user, { K: 3 } as never)) as Error).message).not.toMatch(/for recommend\(\)/);
    // k < 1, and a k that is not an integer
    for (const k of [0, -1, 1.5]) expectOptionError(() => r.recommend(user, { k }), 'k', new RegExp(`${cls}\\.recommend\\(\\): expected an integer >= 1, got ${k}`));
    // the same request with k = 1 is fine
    expect(r.recommend(user, { k: 1 }).length).toBeLessThanOrEqual(1);
  });
});

describe('unknown users: the fallback answers, the strict option raises a typed error naming the user', () => {
  it.each(families.map((f) => [label(f.cls, f.lenient), f] as const))('%s', (_label, f) => {
    if (f.lenientAnswersStranger) expect(() => f.lenient.recommend(f.stranger)).not.toThrow();
    expectInputError(() => f.strict.recommend(f.stranger), f.unknownUserField, /"zoe"/);
    // a known user is fine under the strict policy where the family keeps histories by user
    if (f.unknownUserField === 'user') expect(Array.isArray(f.strict.recommend('ann'))).toBe(true);
  });
});

describe('unknown items: a typed error naming the item where the family is strict', () => {
  const predictors = families.filter((f) => typeof (f.strict as Partial<RatingPredictor>).predict === 'function');

  it('covers every rating predictor', () => {
    expect(predictors.map((f) => f.cls).sort()).toEqual(['BaselineRecommender', 'KnnRecommender', 'KnnRecommender', 'KnnRecommender', 'RandomRecommender', 'SvdRecommender']);
  });

  it.each(predictors.map((f) => [label(f.cls, f.strict), f] as const))('%s.predict', (_label, f) => {
    const strict = f.strict as RatingPredictor;
    expectInputError(() => strict.predict('ann', 'Radio'), 'item', new RegExp(`${f.cls}\\.predict: unknown item "Radio"`));
    expectInputError(() => strict.predict('zoe', 'TV'), 'user', new RegExp(`${f.cls}\\.predict: unknown user "zoe"`));
    const lenient = f.lenient as RatingPredictor;
    const r = lenient.predict('zoe', 'Radio');
    expect(r).toBeGreaterThanOrEqual(1);
    expect(r).toBeLessThanOrEqual(5);
  });

  it('content and cross-sell profiles with an unknown item', () => {
    const content = families.find((f) => f.cls === 'ContentRecommender')!;
    expectInputError(() => content.strict.recommend({ items: ['TV', 'Radio'] }), 'items', /"Radio"/);
    expect(content.lenient.recommend({ items: ['TV', 'Radio'] }).length).toBeGreaterThan(0);
    const crossSell = families.find((f) => f.cls === 'CrossSellRecommender')!;
    expectInputError(() => crossSell.strict.recommend({ items: ['TV', 'Radio'] }), 'items', /"Radio"/);
    expect(crossSell.lenient.recommend({ items: ['TV', 'Radio'] }).length).toBeGreaterThan(0);
  });
});

describe('empty training data: a typed error naming the input', () => {
  const empty = ratings.select([]);
  const cases: [string, () => unknown, 'input' | 'option', string][] = [
    ['PopularityRecommender.fit', () => PopularityRecommender.fit(empty), 'input', 'data'],
    ['BaselineRecommender.fit', () => BaselineRecommender.fit(empty), 'input', 'data'],
    ['RandomRecommender.fit', () => RandomRecommender.fit(empty), 'input', 'data'],
    ['KnnRecommender.fit', () => KnnRecommender.fit(empty), 'input', 'data'],
    ['KnnRecommender.fit', () => fitItemKnn(empty), 'input', 'data'],
    ['SvdRecommender.fit', () => SvdRecommender.fit(empty), 'input', 'data'],
    ['ImplicitAlsRecommender.fit', () => ImplicitAlsRecommender.fit(empty), 'input', 'data'],
    ['ContentRecommender.fit', () => ContentRecommender.fit([], history), 'input', 'items'],
    ['DemographicRecommender.fit', () => DemographicRecommender.fit(people, {}), 'input', 'history'],
    ['UtilityRecommender.fit', () => UtilityRecommender.fit([]), 'input', 'items'],
    ['KnowledgeRecommender.fit', () => KnowledgeRecommender.fit([]), 'input', 'items'],
    ['CrossSellRecommender.fromRules', () => CrossSellRecommender.fromRules([]), 'input', 'rules'],
    ['weightedHybrid', () => weightedHybrid([]), 'option', 'components'],
    ['cascadeHybrid', () => cascadeHybrid([]), 'option', 'stages'],
  ];

  it.each(cases)('%s', (name, call, kind, field) => {
    if (kind === 'input') {
      expectInputError(call, field);
      // the collaborative families say which function got the empty data
      if (field === 'data') expect((thrown(call) as Error).message).toContain(`${name}: data: the training data is empty`);
    } else expectOptionError(call, field);
  });

  it('an empty record list is refused when the interactions are built', () => {
    expect(thrown(() => Interactions.fromRecords([]))).toBeInstanceOf(InvalidInputError);
  });
});

describe('ratings outside the declared scale, and non-finite ratings', () => {
  it('Interactions (the collaborative families) name the row and the scale', () => {
    const err = thrown(() => Interactions.fromRecords([{ user: 'a', item: 'x', value: 3 }, { user: 'b', item: 'x', value: 6 }], { scale: [1, 5] }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as InvalidInputError).row).toBe(1);
    expect((err as Error).message).toMatch(/rating 6 is outside the rating scale \[1, 5\]/);
  });

  it('histories of the content and demographic families name the record and the field', () => {
    expectInputError(() => ContentRecommender.fit(catalogue, [{ user: 'ann', item: 'TV', rating: Number.NaN }]), 'rating', /history\[0\]\.rating/);
    expectInputError(() => ContentRecommender.fit(catalogue, { ann: { TV: Number.POSITIVE_INFINITY } }), 'items');
    expectInputError(() => DemographicRecommender.fit(people, [{ user: 'ann', item: 'TV', rating: Number.NaN }]), 'rating');
  });
});

describe('duplicate (user, item) rows', () => {
  const dup = [
    { user: 'a', item: 'x', value: 2 },
    { user: 'b', item: 'y', value: 4 },
    { user: 'a', item: 'x', value: 5 },
  ];

  it("Interactions: duplicates 'error' names both rows; 'last' keeps the last, 'mean' averages", () => {
    const err = thrown(() => Interactions.fromRecords(dup, { duplicates: 'error' }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect((err as Error).message).toMatch(/rows 0 and 2 both give user "a" and item "x"/);
    expect(Interactions.fromRecords(dup, { duplicates: 'last' }).value('a', 'x')).toBe(5);
    expect(Interactions.fromRecords(dup, { duplicates: 'mean' }).value('a', 'x')).toBe(3.5);
  });

  it('history records of the content family: the last rating wins (as documented on HistoryInput)', () => {
    const withDuplicate = ContentRecommender.fit(catalogue, [
      { user: 'ann', item: 'TV', rating: 1 },
      { user: 'ann', item: 'Fiber', rating: 3 },
      { user: 'ann', item: 'TV', rating: 5 },
    ]);
    const lastOnly = ContentRecommender.fit(catalogue, [
      { user: 'ann', item: 'TV', rating: 5 },
      { user: 'ann', item: 'Fiber', rating: 3 },
    ]);
    const firstOnly = ContentRecommender.fit(catalogue, [
      { user: 'ann', item: 'TV', rating: 1 },
      { user: 'ann', item: 'Fiber', rating: 3 },
    ]);
    expect(Array.from(withDuplicate.scores('ann'))).toEqual(Array.from(lastOnly.scores('ann')));
    expect(Array.from(withDuplicate.scores('ann'))).not.toEqual(Array.from(firstOnly.scores('ann')));
  });
});

describe('a utility expression or a requirement naming a missing attribute', () => {
  it('names the attribute and where it was given', () => {
    expectOptionError(() => UtilityRecommender.fit(catalogue, { specs: { ann: { expression: 'speed - pirce' } } }), 'specs.ann.expression', /"pirce"/);
    const utility = UtilityRecommender.fit(catalogue);
    expectOptionError(() => utility.recommend({ utility: { expression: '2 * qualty' } } as RecommendFor), 'profile.utility.expression', /"qualty"/);
    expectOptionError(() => utility.recommend({ utility: { weights: { qualty: 1 } } } as RecommendFor), 'profile.utility.weights.qualty', /"qualty"/);
    const knowledge = KnowledgeRecommender.fit(catalogue);
    expectOptionError(() => knowledge.recommend({ requirements: [{ attribute: 'price', max: 40 }, { attribute: 'colour', equals: 'red' }] } as RecommendFor), 'requirements[1].attribute', /"colour"/);
    // the same requests with real attributes work
    expect(utility.recommend({ utility: { expression: 'speed - price' } } as RecommendFor, { k: 1 })[0].item).toBe('Fiber');
    expect(knowledge.recommend({ requirements: [{ attribute: 'price', max: 10 }] } as RecommendFor).map((r) => r.item)).toEqual(['Backup']);
  });
});
