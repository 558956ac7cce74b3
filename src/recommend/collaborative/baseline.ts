/**
 * The simplest collaborative recommenders: popularity, the baseline predictor (global mean + user and
 * item biases, fitted by alternating least squares as Surprise's `BaselineOnly`), and a random predictor
 * (Surprise's `NormalPredictor`) as the floor every real model must beat.
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { Random } from '../../core/rng.js';
import { Interactions, type InteractionsJSON } from '../interactions.js';
import type { RatingPredictor, Recommendation, RecommendFor, Recommender, RecommendOptions } from '../types.js';
import {
  checkJSON,
  clip,
  fmt,
  itemPopularity,
  lookupPair,
  nonNeg,
  popularFallback,
  posInt,
  requireTraining,
  resolveRequest,
  resolveUnknown,
  topK,
  type CollaborativeOptions,
  type UnknownPolicy,
} from './common.js';
import { optionKeys, rejectUnknownOptions } from '../../core/validate.js';

/**
 * Options of the baseline estimates (Surprise's `bsl_options` for ALS).
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender, type BaselineOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 * ]);
 * // weaker regularisation than Surprise's defaults: biases follow the few ratings more closely
 * const options: BaselineOptions = { regItem: 2, regUser: 3, epochs: 15 };
 * console.log(BaselineRecommender.fit(data, options).predict('ann', 'Up').toFixed(2));
 * ```
 */
export interface BaselineOptions extends CollaborativeOptions {
  /** Regularisation of the item biases (default 10, Surprise's `reg_i`). */
  regItem?: number;
  /** Regularisation of the user biases (default 15, Surprise's `reg_u`). */
  regUser?: number;
  /** Number of ALS sweeps (default 10, Surprise's `n_epochs`). */
  epochs?: number;
}

const BASELINE_OPTION_KEYS = optionKeys<BaselineOptions>({
  regItem: true,
  regUser: true,
  epochs: true,
  unknown: true,
});

/**
 * Fitted user and item biases.
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender, type Baselines } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 * ]);
 * const b: Baselines = BaselineRecommender.fit(data).baselines;
 * // one bias per user and per item index, around the global mean
 * console.log(b.mean.toFixed(2), b.userBias.length, b.itemBias.length); // 3.67 2 2
 * ```
 */
export interface Baselines {
  /** The global mean rating μ. */
  readonly mean: number;
  /** b_u per user index (0 for users without ratings). */
  readonly userBias: Float64Array;
  /** b_i per item index (0 for items without ratings). */
  readonly itemBias: Float64Array;
}

/**
 * Fits r̂ = μ + b_u + b_i by alternating least squares: each sweep sets every
 * b_i = Σ_{u∈U_i}(r_ui − μ − b_u) / (reg_i + |U_i|), then every b_u = Σ_{i∈I_u}(r_ui − μ − b_i) / (reg_u + |I_u|),
 * starting from zero biases (Koren 2010, §2.1; Surprise's `baseline_als`).
 *
 * @param data - explicit ratings.
 * @param options - regItem (default 10), regUser (default 15), epochs (default 10).
 *
 * @example
 * ```ts
 * import { Interactions, fitBaselines } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 * ]);
 * const b = fitBaselines(data, { regItem: 0, regUser: 0, epochs: 20 });
 * const heat = data.items.indexOf('Heat');
 * console.log(b.mean, b.itemBias[heat] > 0); // 3.75 true: Heat is rated above average
 * ```
 */
export function fitBaselines(data: Interactions, options: BaselineOptions = {}): Baselines {
  rejectUnknownOptions(options, BASELINE_OPTION_KEYS, 'fitBaselines');
  requireTraining(data, 'fitBaselines');
  const regI = nonNeg('regItem', options.regItem, 10);
  const regU = nonNeg('regUser', options.regUser, 15);
  const epochs = posInt('epochs', options.epochs, 10);
  const mu = data.globalMean;
  const nU = data.nUsers;
  const nI = data.nItems;
  const bu = new Float64Array(nU);
  const bi = new Float64Array(nI);
  const { userPtr, userItems, userValues, itemPtr, itemUsers, itemValues } = data;
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = 0; i < nI; i++) {
      let dev = 0;
      const a = itemPtr[i];
      const b = itemPtr[i + 1];
      for (let e = a; e < b; e++) dev += itemValues[e] - mu - bu[itemUsers[e]];
      bi[i] = b > a ? dev / (regI + (b - a)) : 0;
    }
    for (let u = 0; u < nU; u++) {
      let dev = 0;
      const a = userPtr[u];
      const b = userPtr[u + 1];
      for (let e = a; e < b; e++) dev += userValues[e] - mu - bi[userItems[e]];
      bu[u] = b > a ? dev / (regU + (b - a)) : 0;
    }
  }
  return { mean: mu, userBias: bu, itemBias: bi };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Options of {@link PopularityRecommender.fit}.
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender, type PopularityOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'TV' }, { user: 'b', item: 'TV' }, { user: 'b', item: 'DSL' }]);
 * console.log(PopularityRecommender.fit(data).recommend('stranger', { k: 1 })[0].item); // TV: the fallback answers everyone
 * const options: PopularityOptions = { unknown: 'error' }; // strict: a user with no history is an error
 * try {
 *   PopularityRecommender.fit(data, options).recommend('stranger');
 * } catch (err) {
 *   console.log((err as Error).message); // PopularityRecommender.recommend: unknown user "stranger": ...
 * }
 * ```
 */
export type PopularityOptions = CollaborativeOptions;

const POPULARITY_OPTION_KEYS = optionKeys<PopularityOptions>({
  unknown: true,
});

/**
 * Recommends the items most users interacted with (score = number of users), the same list for everyone
 * minus the user's exclusions. Unknown users get the same list (popularity needs no history), unless the
 * option `unknown: 'error'` asks for a typed error naming the user.
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'a', item: 'TV' }, { user: 'b', item: 'TV' }, { user: 'c', item: 'TV' },
 *   { user: 'b', item: 'DSL' }, { user: 'c', item: 'DSL' }, { user: 'c', item: 'Fiber' },
 * ]);
 * const pop = PopularityRecommender.fit(data);
 * console.log(pop.recommend('a', { k: 2 }).map((r) => r.reason)); // ['popular: 2 users', 'popular: 1 users']
 * const copy = PopularityRecommender.fromJSON(JSON.parse(JSON.stringify(pop)));
 * console.log(copy.recommend('a', { k: 1 })[0].item); // DSL
 * ```
 */
export class PopularityRecommender implements Recommender {
  /** `'popularity'`. */
  readonly name = 'popularity';
  /** The training data. */
  readonly data: Interactions;
  private readonly counts: Float64Array;
  private readonly unknown: UnknownPolicy;

  private constructor(data: Interactions, unknown: UnknownPolicy) {
    this.data = data;
    this.unknown = unknown;
    this.counts = itemPopularity(data);
  }

  /**
   * Counts users per item.
   *
   * @param data - interactions (explicit or implicit).
   * @param options - `unknown` only (default `'fallback'`: unknown users get the popular items).
   * @throws InvalidInputError for empty data.
   */
  static fit(data: Interactions, options: PopularityOptions = {}): PopularityRecommender {
    rejectUnknownOptions(options, POPULARITY_OPTION_KEYS, 'PopularityRecommender.fit');
    requireTraining(data, 'PopularityRecommender.fit');
    return new PopularityRecommender(data, resolveUnknown(options.unknown));
  }

  /** The top-k items by number of users; reason `"popular: N users"`. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const req = resolveRequest(this.data, forWhom, options, this.unknown, 'PopularityRecommender.recommend');
    const top = topK(this.counts, req.allowed, req.k);
    return Array.from(top, (i) => ({ item: this.data.items.ids[i], score: this.counts[i], reason: `popular: ${this.counts[i]} users` }));
  }

  /** JSON form (the training data and the unknown-user policy). */
  toJSON(): { type: 'popularity'; data: InteractionsJSON; unknown: UnknownPolicy } {
    return { type: 'popularity', data: this.data.toJSON(), unknown: this.unknown };
  }

  /** Restores from {@link PopularityRecommender.toJSON} (a form without `unknown` means `'fallback'`). */
  static fromJSON(json: unknown): PopularityRecommender {
    const j = checkJSON(json, 'popularity');
    return new PopularityRecommender(Interactions.fromJSON(j.data), resolveUnknown(j.unknown));
  }
}

// ---------------------------------------------------------------------------------------------------------

/**
 * The JSON form of {@link BaselineRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender, type BaselineJSON } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 3 }]);
 * const json: BaselineJSON = BaselineRecommender.fit(data).toJSON();
 * console.log(json.type, json.options.regUser, json.userBias.length); // baseline 15 2
 * const restored = BaselineRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(restored.predict('ann', 'Heat') === BaselineRecommender.fit(data).predict('ann', 'Heat')); // true
 * ```
 */
export interface BaselineJSON {
  /** Tag. */
  type: 'baseline';
  /** Options used. */
  options: { regItem: number; regUser: number; epochs: number; unknown: UnknownPolicy };
  /** Global mean. */
  mean: number;
  /** User biases. */
  userBias: number[];
  /** Item biases. */
  itemBias: number[];
  /** Training data. */
  data: InteractionsJSON;
}

/**
 * The baseline predictor r̂_ui = μ + b_u + b_i (Surprise's `BaselineOnly` with ALS). `predict` clips to the
 * rating scale; an unknown user or item contributes no bias (so a pair with both unknown gets μ), or a
 * typed error under `unknown: 'error'`. `recommend` ranks by the predicted rating.
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 5 }, { user: 'bob', item: 'Up', value: 2 },
 *   { user: 'cat', item: 'Up', value: 1 },
 * ]);
 * const model = BaselineRecommender.fit(data);
 * console.log(model.predict('cat', 'Heat') > model.predict('cat', 'Alien')); // true: Heat's bias is higher
 * console.log(model.recommend('cat', { k: 1 })[0].item); // Heat
 * console.log(model.predict('new-user', 'new-film') === data.globalMean); // true: no biases to add
 * ```
 */
export class BaselineRecommender implements RatingPredictor {
  /** `'baseline'`. */
  readonly name = 'baseline';
  /** The training data. */
  readonly data: Interactions;
  /** The fitted biases. */
  readonly baselines: Baselines;
  private readonly opts: BaselineJSON['options'];

  private constructor(data: Interactions, baselines: Baselines, opts: BaselineJSON['options']) {
    this.data = data;
    this.baselines = baselines;
    this.opts = opts;
  }

  /**
   * Fits the biases by ALS.
   *
   * @param data - explicit ratings.
   * @param options - regItem (default 10), regUser (default 15), epochs (default 10), unknown (default `'fallback'`).
   * @throws InvalidInputError for empty or implicit data; InvalidOptionError for a bad option.
   */
  static fit(data: Interactions, options: BaselineOptions = {}): BaselineRecommender {
    rejectUnknownOptions(options, BASELINE_OPTION_KEYS, 'BaselineRecommender.fit');
    requireTraining(data, 'BaselineRecommender.fit', true);
    const opts = {
      regItem: nonNeg('regItem', options.regItem, 10),
      regUser: nonNeg('regUser', options.regUser, 15),
      epochs: posInt('epochs', options.epochs, 10),
      unknown: resolveUnknown(options.unknown),
    };
    return new BaselineRecommender(data, fitBaselines(data, opts), opts);
  }

  /** μ + b_u + b_i, clipped to the scale. */
  predict(user: string, item: string): number {
    const [u, i] = lookupPair(this.data, user, item, this.opts.unknown, 'BaselineRecommender.predict');
    const b = this.baselines;
    const est = b.mean + (u >= 0 ? b.userBias[u] : 0) + (i >= 0 ? b.itemBias[i] : 0);
    return clip(est, this.data.scale.min, this.data.scale.max);
  }

  /** Top-k by predicted rating; reason `"predicted rating 4.2 (item bias +0.61)"`. Unknown users: most popular. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const req = resolveRequest(this.data, forWhom, options, this.opts.unknown, 'BaselineRecommender.recommend');
    if (req.user < 0) return popularFallback(this.data, req);
    const b = this.baselines;
    const base = b.mean + b.userBias[req.user];
    const scores = new Float64Array(this.data.nItems);
    for (let i = 0; i < scores.length; i++) scores[i] = clip(base + b.itemBias[i], this.data.scale.min, this.data.scale.max);
    return Array.from(topK(scores, req.allowed, req.k), (i) => ({
      item: this.data.items.ids[i],
      score: scores[i],
      reason: `predicted rating ${fmt(scores[i])} (item bias ${b.itemBias[i] >= 0 ? '+' : ''}${fmt(b.itemBias[i])})`,
    }));
  }

  /** JSON form. */
  toJSON(): BaselineJSON {
    return {
      type: 'baseline',
      options: { ...this.opts },
      mean: this.baselines.mean,
      userBias: Array.from(this.baselines.userBias),
      itemBias: Array.from(this.baselines.itemBias),
      data: this.data.toJSON(),
    };
  }

  /** Restores from {@link BaselineRecommender.toJSON}. */
  static fromJSON(json: unknown): BaselineRecommender {
    const j = checkJSON(json, 'baseline') as unknown as BaselineJSON;
    const data = Interactions.fromJSON(j.data);
    if (j.userBias?.length !== data.nUsers || j.itemBias?.length !== data.nItems) {
      throw new InvalidInputError('baseline JSON: bias vectors do not match the data');
    }
    return new BaselineRecommender(
      data,
      { mean: Number(j.mean), userBias: Float64Array.from(j.userBias), itemBias: Float64Array.from(j.itemBias) },
      { ...j.options, unknown: resolveUnknown(j.options?.unknown) },
    );
  }
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Options of {@link RandomRecommender.fit}.
 *
 * @example
 * ```ts
 * import { Interactions, RandomRecommender, type RandomOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 1 }]);
 * const options: RandomOptions = { seed: 7 };
 * // the same seed gives the same sequence of draws
 * console.log(RandomRecommender.fit(data, options).predict('ann', 'Heat') === RandomRecommender.fit(data, options).predict('ann', 'Heat')); // true
 * ```
 */
export interface RandomOptions extends CollaborativeOptions {
  /** Seed of the generator (default 42). */
  seed?: number;
}

const RANDOM_OPTION_KEYS = optionKeys<RandomOptions>({
  seed: true,
  unknown: true,
});

/**
 * Predicts a random rating drawn from N(μ̂, σ̂²) fitted to the training ratings (maximum likelihood),
 * clipped to the scale: Surprise's `NormalPredictor`, the floor other predictors must beat. Draws come
 * from a generator seeded at fit time, so a fresh model with the same seed predicts the same sequence.
 * `recommend` ranks allowed items in a seeded random order (score in [0, 1)).
 *
 * @example
 * ```ts
 * import { Interactions, RandomRecommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 3 }, { user: 'bob', item: 'Up', value: 1 },
 * ], { scale: [1, 5] });
 * const floor = RandomRecommender.fit(data, { seed: 1 });
 * console.log(floor.mean, floor.sd.toFixed(3)); // 3 1.633
 * const r = floor.predict('ann', 'Up'); // a draw from N(3, 1.633²), clipped to [1, 5]
 * console.log(r >= 1 && r <= 5); // true
 * ```
 */
export class RandomRecommender implements RatingPredictor {
  /** `'random'`. */
  readonly name = 'random';
  /** The training data. */
  readonly data: Interactions;
  /** Mean of the training ratings. */
  readonly mean: number;
  /** Standard deviation of the training ratings. */
  readonly sd: number;
  private readonly seed: number;
  private readonly rng: Random;
  private readonly unknown: UnknownPolicy;

  private constructor(data: Interactions, seed: number, unknown: UnknownPolicy) {
    this.data = data;
    this.seed = seed;
    this.unknown = unknown;
    this.rng = new Random(seed);
    const v = data.userValues;
    let s = 0;
    for (let e = 0; e < v.length; e++) s += (v[e] - data.globalMean) ** 2;
    this.mean = data.globalMean;
    this.sd = Math.sqrt(s / v.length);
  }

  /**
   * @param data - ratings.
   * @param options - seed (default 42) and `unknown` (default `'fallback'`: unknown users and items get a
   *   draw like any other; `'error'`: a typed error naming them).
   */
  static fit(data: Interactions, options: RandomOptions = {}): RandomRecommender {
    rejectUnknownOptions(options, RANDOM_OPTION_KEYS, 'RandomRecommender.fit');
    requireTraining(data, 'RandomRecommender.fit');
    return new RandomRecommender(data, options.seed ?? 42, resolveUnknown(options.unknown));
  }

  /** A random rating from N(μ̂, σ̂²), clipped to the scale. */
  predict(user: string, item: string): number {
    lookupPair(this.data, user, item, this.unknown, 'RandomRecommender.predict');
    return clip(this.mean + this.sd * this.rng.normal(), this.data.scale.min, this.data.scale.max);
  }

  /** Allowed items in random order; reason `"random"`. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const req = resolveRequest(this.data, forWhom, options, this.unknown, 'RandomRecommender.recommend');
    const scores = new Float64Array(this.data.nItems);
    for (let i = 0; i < scores.length; i++) scores[i] = this.rng.next();
    return Array.from(topK(scores, req.allowed, req.k), (i) => ({ item: this.data.items.ids[i], score: scores[i], reason: 'random' }));
  }

  /** JSON form (data, seed and unknown policy; the restored model restarts its random sequence). */
  toJSON(): { type: 'random'; seed: number; data: InteractionsJSON; unknown: UnknownPolicy } {
    return { type: 'random', seed: this.seed, data: this.data.toJSON(), unknown: this.unknown };
  }

  /** Restores from {@link RandomRecommender.toJSON} (a form without `unknown` means `'fallback'`). */
  static fromJSON(json: unknown): RandomRecommender {
    const j = checkJSON(json, 'random');
    return new RandomRecommender(Interactions.fromJSON(j.data), Number(j.seed), resolveUnknown(j.unknown));
  }
}
