/**
 * The one contract every recommender family implements.
 *
 * A recommender is fitted on the data its family needs (interactions, item features, user attributes, a
 * utility specification or requirements) and then answers, for one user or user profile, the top-k items
 * with a score and a short human-readable reason, leaving out the items the caller excludes (by default
 * those the user already consumed). Families that can estimate a rating also implement
 * {@link RatingPredictor}. A hybrid is itself a {@link Recommender} built from others.
 *
 * @module
 */

/**
 * One recommended item.
 *
 * @example
 * ```ts
 * import { PopularityRecommender, Interactions, type Recommendation } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'TV' }, { user: 'b', item: 'TV' }, { user: 'b', item: 'DSL' }]);
 * const [top]: Recommendation[] = PopularityRecommender.fit(data).recommend('a', { k: 1 });
 * console.log(top); // { item: 'DSL', score: 1, reason: 'popular: 1 users' }
 * ```
 */
export interface Recommendation {
  /** The item's id, as in the input data. */
  item: string;
  /** The family's score: higher is better. Comparable within one call; families document their scale. */
  score: number;
  /**
   * A short, human-readable reason, e.g. `"customers who bought DSL also bought OnlineBackup (confidence 0.71)"`.
   * Items it cites are named by id, or by label with {@link RecommendOptions.itemLabels}.
   */
  reason: string;
}

/**
 * Options of {@link Recommender.recommend}.
 *
 * @example
 * ```ts
 * import { PopularityRecommender, Interactions, type RecommendOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'TV' }, { user: 'b', item: 'TV' }, { user: 'b', item: 'DSL' }, { user: 'c', item: 'Fiber' }]);
 * // only offer what is in stock, and allow items the user already has
 * const options: RecommendOptions = { k: 2, candidates: ['TV', 'Fiber'], exclude: [] };
 * console.log(PopularityRecommender.fit(data).recommend('a', options).map((r) => r.item)); // ['TV', 'Fiber']
 * ```
 */
export interface RecommendOptions {
  /** How many items at most (default 10). */
  k?: number;
  /**
   * Items never to return. Default: the items the user already consumed in the training data (for a
   * user id), or those listed in the profile. Pass an empty array to allow consumed items.
   */
  exclude?: Iterable<string>;
  /** When given, only these items are considered. Default: the whole catalogue the recommender knows. */
  candidates?: Iterable<string>;
  /**
   * How reasons name items (see {@link ItemLabels}): a map from item id to label, or a function that
   * gives an id's label. An item with no label (absent, `undefined`, `null` or `''`) is named by its id.
   * Default: none, so reasons name items by id. Only the `reason` text changes: `item` stays the id, and
   * items, scores and order are those of the same request without it. Hybrids pass it to their
   * components. Families whose reasons name no item (popularity, baseline, SVD, user-kNN, content,
   * demographic, knowledge, utility) accept it and change nothing.
   *
   * @example
   * ```ts
   * import { fitItemKnn, Interactions } from 'crm-mining';
   * const data = Interactions.fromRecords([
   *   { user: 'a', item: '6' }, { user: 'a', item: '1' }, { user: 'b', item: '6' }, { user: 'b', item: '1' }, { user: 'c', item: '6' },
   * ]);
   * const titles = new Map([['6', 'Heat (1995)'], ['1', 'Toy Story (1995)']]);
   * const knn = fitItemKnn(data, { similarity: 'cosine' });
   * console.log(knn.recommend('c', { k: 1 })[0].reason); // similar to 6
   * console.log(knn.recommend('c', { k: 1, itemLabels: titles })[0].reason); // similar to Heat (1995)
   * ```
   */
  itemLabels?: ItemLabels;
}

/**
 * Human labels for item ids, as {@link RecommendOptions.itemLabels} takes them: a map from id to label
 * (JSON-friendly: `new Map(Object.entries(record))`), or a function from id to label (for labels computed
 * or looked up elsewhere). A missing label (`undefined`, `null` or the empty string) means "name the item
 * by its id"; anything else that is not a string is an `InvalidOptionError` naming the id.
 *
 * @example
 * ```ts
 * import type { ItemLabels } from 'crm-mining';
 * const byMap: ItemLabels = new Map([['6', 'Heat (1995)'], ['1', 'Toy Story (1995)']]);
 * const byFunction: ItemLabels = (id) => (id.startsWith('sku-') ? `product ${id.slice(4)}` : undefined);
 * console.log(typeof byMap, typeof byFunction); // object function
 * ```
 */
export type ItemLabels = ReadonlyMap<string, string | null> | ((id: string) => string | null | undefined);

/**
 * Who to recommend for: a known user id (a string), or a profile a family understands (for example the
 * items in a basket, stated requirements, or attributes of a new user). Each family documents the
 * profiles it accepts.
 *
 * @example
 * ```ts
 * import { PopularityRecommender, Interactions, type RecommendFor } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'TV' }, { user: 'b', item: 'DSL' }, { user: 'c', item: 'DSL' }]);
 * const known: RecommendFor = 'a';
 * const basket: RecommendFor = { items: ['DSL'] }; // a visitor we only know by their basket
 * const rec = PopularityRecommender.fit(data);
 * console.log(rec.recommend(known, { k: 1 })[0].item, rec.recommend(basket, { k: 1 })[0].item); // DSL TV
 * ```
 */
export type RecommendFor = string | RecommenderProfile;

/**
 * A profile for a user the recommender may not know: any of these fields, as the family needs.
 *
 * @example
 * ```ts
 * import type { RecommenderProfile } from 'crm-mining';
 * // what a family may need to know about a user it has never seen
 * const newcomer: RecommenderProfile = {
 *   items: { 'The Matrix': 5, Heat: 4 }, // rated items (content-based, collaborative)
 *   attributes: { ageBand: '25-34', region: 'north' }, // demographic
 * };
 * console.log(Object.keys(newcomer.items ?? {}).length); // 2
 * ```
 */
export interface RecommenderProfile {
  /** A user id, when the user is known. */
  user?: string;
  /** Items the user consumed or holds (a basket, a history), optionally with ratings. */
  items?: readonly string[] | Readonly<Record<string, number>>;
  /** The user's attributes (demographic families). */
  attributes?: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The contract of every recommender family. Fitted recommenders are immutable.
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender, fitItemKnn, type Recommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'a', item: 'TV', value: 5 }, { user: 'a', item: 'DSL', value: 4 },
 *   { user: 'b', item: 'TV', value: 4 }, { user: 'b', item: 'Fiber', value: 2 },
 *   { user: 'c', item: 'DSL', value: 5 },
 * ]);
 * // any family behind the one contract
 * const families: Recommender[] = [PopularityRecommender.fit(data), fitItemKnn(data)];
 * for (const r of families) console.log(r.name, r.recommend('c', { k: 2 }).map((x) => x.item));
 * ```
 */
export interface Recommender {
  /** The family's name, e.g. `'item-knn'`, `'svd'`, `'content'`, `'hybrid'`. */
  readonly name: string;
  /** The top-k items for a user or profile, best first, never an excluded item. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[];
  /** A JSON-serialisable form; the family's static `fromJSON` restores an identical recommender. */
  toJSON(): unknown;
}

/**
 * A recommender that can also estimate a rating.
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender, type RatingPredictor } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'a', item: 'm1', value: 5 }, { user: 'a', item: 'm2', value: 3 },
 *   { user: 'b', item: 'm1', value: 4 }, { user: 'c', item: 'm2', value: 2 },
 * ]);
 * const svd: RatingPredictor = SvdRecommender.fit(data, { seed: 1 });
 * const r = svd.predict('c', 'm1');
 * console.log(r >= 2 && r <= 5); // true: clipped to the training scale
 * ```
 */
export interface RatingPredictor extends Recommender {
  /**
   * The estimated rating of `item` by `user`, on the training data's scale (clipped to it). Unknown users
   * or items get the family's documented fallback (or a typed error when the family is asked to be strict).
   */
  predict(user: string, item: string): number;
}

/**
 * Whether a recommender can predict ratings.
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender, BaselineRecommender, canPredict, type Recommender } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'm1', value: 4 }, { user: 'b', item: 'm1', value: 2 }]);
 * const recommenders: Recommender[] = [PopularityRecommender.fit(data), BaselineRecommender.fit(data)];
 * for (const r of recommenders) console.log(r.name, canPredict(r) ? r.predict('a', 'm1').toFixed(2) : 'ranks only');
 * ```
 */
export function canPredict(r: Recommender): r is RatingPredictor {
  return typeof (r as Partial<RatingPredictor>).predict === 'function';
}
