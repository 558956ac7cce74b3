/**
 * Hybrid recommenders: several recommenders combined into one. A hybrid is itself a
 * {@link Recommender}, so hybrids nest.
 *
 * - **Weighted** ({@link weightedHybrid}): each component returns its top `depth` items; its scores are
 *   normalised to [0, 1] over that list — `'minmax'` (default): `(s − min) / (max − min)`, 1 for every
 *   item when all scores are equal; `'rank'`: `(n − r) / n` for the item at 0-based rank r of n, which
 *   ignores the score scale altogether — and an item a component did not return gets 0 from it. The
 *   hybrid score is `Σ w_c ŝ_c / Σ w_c`, in [0, 1]. Normalising per list makes families with different
 *   scales (cosines, shares, confidences, ratings) comparable; the price is that the score is relative
 *   to each component's own list.
 * - **Switching** ({@link switchingHybrid}): one component or the other by the number of interactions
 *   the user has (for example demographic below 5, collaborative from 5 on): the chosen component's
 *   scores and reasons, unchanged.
 * - **Cascade / re-ranking** ({@link cascadeHybrid}): the first stage shortlists `depth` items; each
 *   later stage re-orders the shortlist (asked with `candidates` = the shortlist): the items it scores come
 *   first in its order, the rest keep their previous order. Score: `(n − r) / n` for final rank r of the
 *   n shortlisted items.
 *
 * Exclusion: the caller's `exclude` and `candidates` are passed to every component. Without `exclude`,
 * each component applies its own default (the items it knows the user consumed) and the hybrid also drops
 * the profile's `items`. The caller's `itemLabels` is passed to every component too, so the components'
 * reasons, which the hybrid's reason quotes, name items by label.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireInteger, requireOneOf } from '../core/validate.js';
import { Interactions } from './interactions.js';
import { asProfile, fmt, profileItems, resolveK } from './request.js';
import type { Recommendation, RecommendFor, RecommendOptions, Recommender } from './types.js';

/**
 * One component of a weighted hybrid.
 *
 * @example
 * ```ts
 * import { weightedHybrid, PopularityRecommender, BaselineRecommender, Interactions, type WeightedComponent } from 'crm-mining';
 * const ratings = Interactions.fromRecords([{ user: 'a', item: 'x', value: 5 }, { user: 'b', item: 'y', value: 2 }, { user: 'b', item: 'x', value: 4 }]);
 * const components: WeightedComponent[] = [
 *   { recommender: BaselineRecommender.fit(ratings), weight: 0.8 },
 *   { recommender: PopularityRecommender.fit(ratings), weight: 0.2 },
 * ];
 * console.log(weightedHybrid(components).components.map((r) => r.name)); // ['baseline', 'popularity']
 * ```
 */
export interface WeightedComponent {
  /** The recommender. */
  readonly recommender: Recommender;
  /** Its weight (> 0). */
  readonly weight: number;
}

/**
 * Options of {@link weightedHybrid}.
 *
 * @example
 * ```ts
 * import { weightedHybrid, PopularityRecommender, SvdRecommender, Interactions, type WeightedHybridOptions } from 'crm-mining';
 * declare const ratings: Interactions;
 * // ratings (1–5) and user counts are on different scales: combine ranks, from the top 100 of each
 * const options: WeightedHybridOptions = { normalise: 'rank', depth: 100 };
 * const hybrid = weightedHybrid([
 *   { recommender: SvdRecommender.fit(ratings), weight: 3 },
 *   { recommender: PopularityRecommender.fit(ratings), weight: 1 },
 * ], options);
 * console.log(hybrid.recommend('u1', { k: 5 }));
 * ```
 */
export interface WeightedHybridOptions {
  /** How scores are put on one scale: `'minmax'` (default) or `'rank'` (see the module notes). */
  normalise?: 'minmax' | 'rank';
  /** How many items each component is asked for (default `max(50, 5k)` per request). */
  depth?: number;
}

const WEIGHTED_HYBRID_OPTION_KEYS = optionKeys<WeightedHybridOptions>({
  normalise: true,
  depth: true,
});

/**
 * Options of {@link switchingHybrid}.
 *
 * @example
 * ```ts
 * import { switchingHybrid, PopularityRecommender, fitUserKnn, Interactions, type SwitchingHybridOptions } from 'crm-mining';
 * const ratings = Interactions.fromRecords([
 *   { user: 'a', item: 'x', value: 5 }, { user: 'a', item: 'y', value: 4 }, { user: 'b', item: 'x', value: 4 }, { user: 'c', item: 'z', value: 2 },
 * ]);
 * const options: SwitchingHybridOptions = {
 *   below: PopularityRecommender.fit(ratings),
 *   above: fitUserKnn(ratings),
 *   minInteractions: 2, // fewer than 2 ratings: popularity
 *   counts: { a: 2, b: 1, c: 1 }, // or the Interactions itself
 * };
 * const hybrid = switchingHybrid(options);
 * console.log(hybrid.recommend('b', { k: 1 })[0].reason.startsWith('popularity')); // true
 * ```
 */
export interface SwitchingHybridOptions {
  /** The component for users with fewer than `minInteractions` interactions (for example demographic). */
  readonly below: Recommender;
  /** The component for the others (for example a collaborative one). */
  readonly above: Recommender;
  /** The switch point (an integer ≥ 1). */
  readonly minInteractions: number;
  /**
   * How many interactions each known user has: a record, or an {@link Interactions} (its per-user counts).
   * A profile's `items` count instead when given. Default: none known, so a bare user id counts 0.
   */
  readonly counts?: Readonly<Record<string, number>> | Interactions;
}

const SWITCHING_HYBRID_OPTION_KEYS = optionKeys<SwitchingHybridOptions>({
  below: true,
  above: true,
  minInteractions: true,
  counts: true,
});

/**
 * Options of {@link cascadeHybrid}.
 *
 * @example
 * ```ts
 * import { cascadeHybrid, PopularityRecommender, ImplicitAlsRecommender, Interactions, type CascadeHybridOptions } from 'crm-mining';
 * declare const purchases: Interactions;
 * // the 200 most popular products, re-ranked by the personal ALS scores
 * const options: CascadeHybridOptions = { depth: 200 };
 * const hybrid = cascadeHybrid([PopularityRecommender.fit(purchases), ImplicitAlsRecommender.fit(purchases)], options);
 * console.log(hybrid.kind, hybrid.recommend('c1', { k: 10 }).length);
 * ```
 */
export interface CascadeHybridOptions {
  /** How many items the first stage shortlists (default `max(50, 5k)` per request). */
  depth?: number;
}

const CASCADE_HYBRID_OPTION_KEYS = optionKeys<CascadeHybridOptions>({
  depth: true,
});

/**
 * The JSON form of a {@link HybridRecommender}: its kind, settings and each component's own JSON.
 *
 * @example
 * ```ts
 * import { weightedHybrid, HybridRecommender, PopularityRecommender, ContentRecommender, Interactions, type HybridRecommenderJSON, type Recommender } from 'crm-mining';
 * const history = Interactions.fromRecords([{ user: 'ann', item: 'heat' }, { user: 'bob', item: 'up' }]);
 * const hybrid = weightedHybrid([
 *   { recommender: PopularityRecommender.fit(history), weight: 1 },
 *   { recommender: ContentRecommender.fit([{ id: 'heat', tags: ['crime'] }, { id: 'up', tags: ['family'] }], history), weight: 1 },
 * ]);
 * const json: HybridRecommenderJSON = JSON.parse(JSON.stringify(hybrid.toJSON()));
 * // dispatch each component's JSON to its family (popularity's JSON is tagged `type`, content's `family`)
 * const restore = (c: unknown): Recommender => ((c as { family?: string }).family === 'content' ? ContentRecommender.fromJSON(c) : PopularityRecommender.fromJSON(c));
 * console.log(json.kind, json.weights, HybridRecommender.fromJSON(json, restore).components.map((r) => r.name)); // weighted [1, 1] ['popularity', 'content']
 * ```
 */
export interface HybridRecommenderJSON {
  /** Always `'hybrid'`. */
  family: 'hybrid';
  /** Which kind. */
  kind: 'weighted' | 'switching' | 'cascade';
  /** The components' JSON, in order (switching: below, above). */
  components: unknown[];
  /** Weighted: the weights. */
  weights?: number[];
  /** The settings. */
  options: { normalise?: 'minmax' | 'rank'; depth?: number; minInteractions?: number; counts?: Record<string, number> };
}

type HybridConfig =
  | { kind: 'weighted'; components: WeightedComponent[]; normalise: 'minmax' | 'rank'; depth: number | undefined }
  | { kind: 'switching'; below: Recommender; above: Recommender; minInteractions: number; counts: Map<string, number> }
  | { kind: 'cascade'; stages: Recommender[]; depth: number | undefined };

function resolveDepth(name: string, depth: number | undefined): number | undefined {
  return depth === undefined ? undefined : requireInteger(name, depth, 1);
}

/**
 * A hybrid of other recommenders (see the module notes); build one with {@link weightedHybrid}, {@link switchingHybrid} or {@link cascadeHybrid}.
 *
 * @example
 * ```ts
 * import { weightedHybrid, cascadeHybrid, PopularityRecommender, fitItemKnn, Interactions, HybridRecommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'a', item: 'DSL' }, { user: 'a', item: 'Router' }, { user: 'b', item: 'DSL' }, { user: 'b', item: 'Router' },
 *   { user: 'c', item: 'TV' }, { user: 'c', item: 'DSL' }, { user: 'd', item: 'DSL' },
 * ]);
 * const blend = weightedHybrid([{ recommender: fitItemKnn(data, { similarity: 'cosine' }), weight: 1 }, { recommender: PopularityRecommender.fit(data), weight: 1 }]);
 * // hybrids are recommenders, so they nest
 * const nested: HybridRecommender = cascadeHybrid([blend, PopularityRecommender.fit(data)]);
 * console.log(nested.kind, nested.components.map((r) => r.name)); // cascade ['hybrid', 'popularity']
 * console.log(blend.recommend('d', { k: 1 })[0].item); // Router
 * ```
 */
export class HybridRecommender implements Recommender {
  /** `'hybrid'`. */
  readonly name = 'hybrid';
  /** The kind of hybrid. */
  readonly kind: 'weighted' | 'switching' | 'cascade';
  private readonly config: HybridConfig;

  private constructor(config: HybridConfig) {
    this.config = config;
    this.kind = config.kind;
  }

  /** @internal */
  static create(config: HybridConfig): HybridRecommender {
    return new HybridRecommender(config);
  }

  /** The components, in order (switching: below, above). */
  get components(): Recommender[] {
    const c = this.config;
    return c.kind === 'weighted' ? c.components.map((x) => x.recommender) : c.kind === 'switching' ? [c.below, c.above] : c.stages.slice();
  }

  /** The hybrid's recommendations (see the module notes for each kind). */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const k = resolveK(options, 'HybridRecommender.recommend');
    const profile = asProfile(forWhom);
    let drop: Set<string> | undefined;
    if (options?.exclude === undefined && profile.items !== undefined) drop = new Set(profileItems(profile).ids);
    if (options?.exclude !== undefined) drop = new Set([...options.exclude].map(String));
    const c = this.config;
    const depthOf = (d: number | undefined): number => d ?? Math.max(50, 5 * k);
    const ask = (r: Recommender, kk: number, candidates?: Iterable<string>): Recommendation[] => {
      const o: RecommendOptions = { k: kk };
      if (options?.exclude !== undefined) o.exclude = options.exclude;
      if (candidates !== undefined) o.candidates = candidates;
      else if (options?.candidates !== undefined) o.candidates = options.candidates;
      if (options?.itemLabels !== undefined) o.itemLabels = options.itemLabels;
      const list = r.recommend(forWhom, o);
      return drop === undefined ? list : list.filter((x) => !drop!.has(x.item));
    };

    if (c.kind === 'switching') {
      const count = profile.items !== undefined ? profileItems(profile).ids.length : profile.user !== undefined ? c.counts.get(profile.user) ?? 0 : 0;
      const below = count < c.minInteractions;
      const chosen = below ? c.below : c.above;
      const why = `${chosen.name}, since the customer has ${count} interaction${count === 1 ? '' : 's'} (${below ? '<' : '>='} ${c.minInteractions})`;
      return ask(chosen, k)
        .slice(0, k)
        .map((x) => ({ item: x.item, score: x.score, reason: `${why}: ${x.reason}` }));
    }

    if (c.kind === 'cascade') {
      let list = ask(c.stages[0], depthOf(c.depth));
      const reasons = new Map(list.map((x) => [x.item, `${c.stages[0].name}: ${x.reason}`]));
      for (let s = 1; s < c.stages.length && list.length > 0; s++) {
        const ids = list.map((x) => x.item);
        const again = ask(c.stages[s], ids.length, ids);
        const inShortlist = new Set(ids);
        const first = again.filter((x) => inShortlist.has(x.item));
        const seen = new Set(first.map((x) => x.item));
        for (const x of first) reasons.set(x.item, `${c.stages[s].name}: ${x.reason} (shortlisted by ${c.stages[0].name})`);
        list = [...first, ...list.filter((x) => !seen.has(x.item))];
      }
      const n = list.length;
      return list.slice(0, k).map((x, r) => ({ item: x.item, score: (n - r) / n, reason: reasons.get(x.item)! }));
    }

    // Weighted.
    const depth = depthOf(c.depth);
    const total = new Map<string, number>();
    const parts = new Map<string, string[]>();
    let weightSum = 0;
    for (const { recommender, weight } of c.components) weightSum += weight;
    for (const { recommender, weight } of c.components) {
      const list = ask(recommender, depth);
      const n = list.length;
      if (n === 0) continue;
      let lo = Infinity;
      let hi = -Infinity;
      for (const x of list) {
        if (x.score < lo) lo = x.score;
        if (x.score > hi) hi = x.score;
      }
      list.forEach((x, r) => {
        const norm = c.normalise === 'rank' ? (n - r) / n : hi > lo ? (x.score - lo) / (hi - lo) : 1;
        total.set(x.item, (total.get(x.item) ?? 0) + (weight * norm) / weightSum);
        let p = parts.get(x.item);
        if (p === undefined) parts.set(x.item, (p = []));
        p.push(`${recommender.name} ${fmt(norm)} × ${fmt(weight / weightSum)} (${x.reason})`);
      });
    }
    const ranked = [...total.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return ranked.slice(0, k).map(([item, score]) => ({ item, score, reason: `weighted ${fmt(score)} = ${parts.get(item)!.join(' + ')}` }));
  }

  /** The JSON form: the kind, settings and each component's `toJSON()`. */
  toJSON(): HybridRecommenderJSON {
    const c = this.config;
    if (c.kind === 'weighted') {
      return {
        family: 'hybrid',
        kind: 'weighted',
        components: c.components.map((x) => x.recommender.toJSON()),
        weights: c.components.map((x) => x.weight),
        options: c.depth === undefined ? { normalise: c.normalise } : { normalise: c.normalise, depth: c.depth },
      };
    }
    if (c.kind === 'switching') {
      return {
        family: 'hybrid',
        kind: 'switching',
        components: [c.below.toJSON(), c.above.toJSON()],
        options: { minInteractions: c.minInteractions, counts: Object.fromEntries(c.counts) },
      };
    }
    return { family: 'hybrid', kind: 'cascade', components: c.stages.map((s) => s.toJSON()), options: c.depth === undefined ? {} : { depth: c.depth } };
  }

  /**
   * Restores a hybrid from {@link HybridRecommender.toJSON}.
   *
   * @param restore - turns one component's JSON back into a recommender (each family has its own
   *   `fromJSON`; dispatch on the tag the JSON carries: `family` for the content, demographic, knowledge,
   *   utility, cross-sell and hybrid families, `type` for the collaborative ones).
   */
  static fromJSON(json: unknown, restore: (component: unknown) => Recommender): HybridRecommender {
    const j = json as HybridRecommenderJSON;
    if (j === null || typeof j !== 'object' || j.family !== 'hybrid' || !Array.isArray(j.components)) {
      throw new InvalidInputError(`expected the JSON of a hybrid recommender (family "hybrid"), got ${describe(json)}`);
    }
    const parts = j.components.map(restore);
    if (j.kind === 'weighted') {
      return weightedHybrid(
        parts.map((recommender, i) => ({ recommender, weight: j.weights?.[i] ?? 1 })),
        j.options.depth === undefined ? { normalise: j.options.normalise ?? 'minmax' } : { normalise: j.options.normalise ?? 'minmax', depth: j.options.depth },
      );
    }
    if (j.kind === 'switching') {
      return switchingHybrid({ below: parts[0], above: parts[1], minInteractions: j.options.minInteractions ?? 1, counts: j.options.counts ?? {} });
    }
    return cascadeHybrid(parts, j.options.depth === undefined ? {} : { depth: j.options.depth });
  }
}

function checkRecommender(name: string, r: unknown): Recommender {
  if (r === null || typeof r !== 'object' || typeof (r as Recommender).recommend !== 'function' || typeof (r as Recommender).toJSON !== 'function') {
    throw new InvalidOptionError(name, `expected a Recommender, got ${describe(r)}`);
  }
  return r as Recommender;
}

/**
 * A weighted hybrid: normalised scores combined with weights (see the module notes).
 *
 * @param components - at least one `{ recommender, weight }` with weight > 0.
 * @param options - `normalise` (default `'minmax'`), `depth` (default `max(50, 5k)`).
 * @throws InvalidOptionError for no components, a weight that is not a positive finite number, or a bad option.
 *
 * @example
 * ```ts
 * import { weightedHybrid, PopularityRecommender, ContentRecommender, Interactions } from 'crm-mining';
 * const history = Interactions.fromRecords([
 *   { user: 'ann', item: 'heat' }, { user: 'bob', item: 'up' }, { user: 'cat', item: 'up' }, { user: 'cat', item: 'ronin' },
 * ]);
 * const items = [{ id: 'heat', tags: ['crime'] }, { id: 'up', tags: ['family'] }, { id: 'ronin', tags: ['crime'] }];
 * const hybrid = weightedHybrid([
 *   { recommender: ContentRecommender.fit(items, history), weight: 2 },
 *   { recommender: PopularityRecommender.fit(history), weight: 1 },
 * ]);
 * console.log(hybrid.recommend('ann', { k: 2 }).map((r) => [r.item, r.score.toFixed(2)])); // [['ronin', '0.67'], ['up', '0.33']]
 * ```
 */
export function weightedHybrid(components: readonly WeightedComponent[], options: WeightedHybridOptions = {}): HybridRecommender {
  rejectUnknownOptions(options, WEIGHTED_HYBRID_OPTION_KEYS, 'weightedHybrid');
  if (!Array.isArray(components) || components.length === 0) throw new InvalidOptionError('components', 'expected at least one { recommender, weight }');
  const list = components.map((c, i) => {
    checkRecommender(`components[${i}].recommender`, c?.recommender);
    if (typeof c.weight !== 'number' || !Number.isFinite(c.weight) || c.weight <= 0) {
      throw new InvalidOptionError(`components[${i}].weight`, `expected a finite number > 0, got ${describe(c.weight)}`);
    }
    return { recommender: c.recommender, weight: c.weight };
  });
  return HybridRecommender.create({
    kind: 'weighted',
    components: list,
    normalise: requireOneOf('normalise', options.normalise ?? 'minmax', ['minmax', 'rank'] as const),
    depth: resolveDepth('depth', options.depth),
  });
}

/**
 * A switching hybrid: `below` for users with fewer than `minInteractions` interactions, `above` for the
 * others (see the module notes).
 *
 * @throws InvalidOptionError for a missing component, a bad `minInteractions` or bad counts.
 *
 * @example
 * ```ts
 * import { switchingHybrid, DemographicRecommender, fitItemKnn, Interactions } from 'crm-mining';
 * const history = Interactions.fromRecords([
 *   { user: 'c1', item: 'DSL' }, { user: 'c1', item: 'Router' }, { user: 'c2', item: 'DSL' }, { user: 'c2', item: 'Router' }, { user: 'c3', item: 'TV' },
 * ]);
 * const users = { c1: { region: 'north' }, c2: { region: 'north' }, c3: { region: 'south' } };
 * const hybrid = switchingHybrid({
 *   below: DemographicRecommender.fit(users, history), // newcomers: attributes only
 *   above: fitItemKnn(history, { similarity: 'cosine' }), // customers with a history
 *   minInteractions: 1,
 *   counts: history,
 * });
 * console.log(hybrid.recommend({ attributes: { region: 'south' } }, { k: 1 })[0].reason.split(':')[0]); // demographic, since the customer has 0 interactions (< 1)
 * console.log(hybrid.recommend({ items: ['DSL'] }, { k: 1 })[0].item); // Router, from item-knn
 * ```
 */
export function switchingHybrid(options: SwitchingHybridOptions): HybridRecommender {
  rejectUnknownOptions(options, SWITCHING_HYBRID_OPTION_KEYS, 'switchingHybrid');
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'expected { below, above, minInteractions }');
  const below = checkRecommender('below', options.below);
  const above = checkRecommender('above', options.above);
  const minInteractions = requireInteger('minInteractions', options.minInteractions, 1);
  const counts = new Map<string, number>();
  if (options.counts instanceof Interactions) {
    const x = options.counts;
    for (let u = 0; u < x.nUsers; u++) counts.set(x.users.id(u), x.userCount(u));
  } else if (options.counts !== undefined) {
    if (options.counts === null || typeof options.counts !== 'object') throw new InvalidOptionError('counts', `expected a record of user → count or Interactions, got ${describe(options.counts)}`);
    for (const [u, n] of Object.entries(options.counts)) {
      if (!Number.isInteger(n) || n < 0) throw new InvalidOptionError(`counts.${u}`, `expected a non-negative integer, got ${describe(n)}`);
      counts.set(u, n);
    }
  }
  return HybridRecommender.create({ kind: 'switching', below, above, minInteractions, counts });
}

/**
 * A cascade (re-ranking) hybrid: the first stage shortlists, each later stage re-orders the shortlist
 * (see the module notes).
 *
 * @param stages - at least one recommender, the shortlisting one first.
 * @param options - `depth` (default `max(50, 5k)`).
 * @throws InvalidOptionError for no stages or a bad depth.
 *
 * @example
 * ```ts
 * import { cascadeHybrid, PopularityRecommender, ContentRecommender, Interactions } from 'crm-mining';
 * const history = Interactions.fromRecords([
 *   { user: 'ann', item: 'heat' }, { user: 'bob', item: 'up' }, { user: 'bob', item: 'ronin' }, { user: 'cat', item: 'up' },
 *   { user: 'cat', item: 'cars' }, { user: 'dan', item: 'up' }, { user: 'dan', item: 'cars' },
 * ]);
 * const items = ['heat', 'up', 'ronin', 'cars'].map((id) => ({ id, tags: id === 'heat' || id === 'ronin' ? ['crime'] : ['family'] }));
 * // shortlist the 2 most popular, then re-rank them by content similarity to what ann watched
 * const hybrid = cascadeHybrid([PopularityRecommender.fit(history), ContentRecommender.fit(items, history)], { depth: 2 });
 * console.log(hybrid.recommend('ann').map((r) => r.item)); // ['up', 'cars']
 * ```
 */
export function cascadeHybrid(stages: readonly Recommender[], options: CascadeHybridOptions = {}): HybridRecommender {
  rejectUnknownOptions(options, CASCADE_HYBRID_OPTION_KEYS, 'cascadeHybrid');
  if (!Array.isArray(stages) || stages.length === 0) throw new InvalidOptionError('stages', 'expected at least one recommender');
  stages.forEach((s, i) => checkRecommender(`stages[${i}]`, s));
  return HybridRecommender.create({ kind: 'cascade', stages: stages.slice(), depth: resolveDepth('depth', options.depth) });
}
