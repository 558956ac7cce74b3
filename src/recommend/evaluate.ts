/**
 * Evaluating recommenders: splits of interaction data (random, per-user leave-n-out, temporal, k-fold),
 * one evaluation of a recommender on a split (rating accuracy where it predicts ratings, ranking quality
 * at k, beyond-accuracy measures), and {@link compare}, which runs several recommenders on the same folds
 * and gives one table.
 *
 * Protocol of the ranking metrics: for every user who has at least one relevant test item and training
 * history, the recommender returns its top k (excluding, by default, the user's training items); a test
 * item is relevant when its value is at least `relevanceThreshold` (default: every test item is). The
 * metrics of `evaluation/ranking-at-k` are averaged over those users.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { Random } from '../core/rng.js';
import { describe, optionKeys, pickOptions, rejectUnknownOptions } from '../core/validate.js';
import { meanAbsoluteError, rootMeanSquaredError } from '../evaluation/regression.js';
import {
  averagePrecisionAtK,
  catalogueCoverage,
  hitAtK,
  intraListDiversity,
  ndcgAtK,
  novelty,
  precisionAtK,
  recallAtK,
  reciprocalRank,
} from '../evaluation/ranking-at-k.js';
import type { Interactions } from './interactions.js';
import { canPredict, type Recommender } from './types.js';

/**
 * A training part and a test part over the same id maps.
 *
 * @example
 * ```ts
 * import { Interactions, randomSplit, fitItemKnn, type InteractionSplit } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'a', item: 'x', value: 4 }, { user: 'a', item: 'y', value: 2 }, { user: 'b', item: 'x', value: 5 },
 *   { user: 'b', item: 'z', value: 3 }, { user: 'c', item: 'y', value: 1 },
 * ]);
 * const split: InteractionSplit = randomSplit(data, { testFraction: 0.4 });
 * const model = fitItemKnn(split.train); // fit on train only, score on test
 * console.log(split.train.nnz + split.test.nnz === data.nnz, model.name); // true item-knn
 * ```
 */
export interface InteractionSplit {
  /** Training interactions. */
  readonly train: Interactions;
  /** Held-out interactions. */
  readonly test: Interactions;
}

function perm(n: number, seed: number): Int32Array {
  const rng = new Random(seed);
  const p = new Int32Array(n);
  for (let k = 0; k < n; k++) p[k] = k;
  for (let a = n - 1; a > 0; a--) {
    const b = rng.int(a + 1);
    const t = p[a];
    p[a] = p[b];
    p[b] = t;
  }
  return p;
}

function splitByMask(data: Interactions, isTest: Uint8Array): InteractionSplit {
  const tr: number[] = [];
  const te: number[] = [];
  for (let e = 0; e < isTest.length; e++) (isTest[e] ? te : tr).push(e);
  if (tr.length === 0) throw new InvalidInputError('split: the training part is empty');
  if (te.length === 0) throw new InvalidInputError('split: the test part is empty');
  return { train: data.select(tr), test: data.select(te) };
}

function fraction(name: string, v: unknown, d: number): number {
  if (v === undefined) return d;
  if (typeof v !== 'number' || !(v > 0 && v < 1)) throw new InvalidOptionError(name, `expected a number in (0, 1), got ${describe(v)}`);
  return v;
}

/**
 * A random split of the interactions.
 *
 * @param data - the interactions.
 * @param options - testFraction (default 0.2), seed (default 42).
 *
 * @example
 * ```ts
 * import { Interactions, randomSplit } from 'crm-mining';
 * const data = Interactions.fromRecords(
 *   Array.from({ length: 10 }, (_, n) => ({ user: `u${n % 4}`, item: `m${n}`, value: 1 + (n % 5) })),
 * );
 * const { train, test } = randomSplit(data, { testFraction: 0.3, seed: 1 });
 * console.log(train.nnz, test.nnz); // 7 3
 * console.log(train.items === test.items); // true: both parts share the id maps
 * ```
 */
export function randomSplit(data: Interactions, options: { testFraction?: number; seed?: number } = {}): InteractionSplit {
  rejectUnknownOptions(options, ['testFraction', 'seed'], 'randomSplit');
  const f = fraction('testFraction', options.testFraction, 0.2);
  const n = data.nnz;
  const p = perm(n, options.seed ?? 42);
  const nTest = Math.round(f * n);
  const mask = new Uint8Array(n);
  for (let q = 0; q < nTest; q++) mask[p[q]] = 1;
  return splitByMask(data, mask);
}

/**
 * Per-user leave-n-out: for every user with more than `n` interactions, `n` of them go to the test part,
 * chosen at random (`by: 'random'`, default) or the latest by timestamp (`by: 'latest'`).
 *
 * @param data - the interactions.
 * @param options - n (default 1), by (default `'random'`), seed (default 42).
 * @throws InvalidInputError for `by: 'latest'` without timestamps.
 *
 * @example
 * ```ts
 * import { Interactions, leaveNOutSplit } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5, timestamp: 1 }, { user: 'ann', item: 'Alien', value: 4, timestamp: 2 },
 *   { user: 'ann', item: 'Up', value: 3, timestamp: 3 },
 *   { user: 'bob', item: 'Heat', value: 4, timestamp: 1 }, { user: 'bob', item: 'Up', value: 2, timestamp: 5 },
 * ]);
 * // hold out each user's latest interaction
 * const { test } = leaveNOutSplit(data, { n: 1, by: 'latest' });
 * console.log(test.consumed('ann'), test.consumed('bob')); // ['Up'] ['Up']
 * ```
 */
export function leaveNOutSplit(data: Interactions, options: { n?: number; by?: 'random' | 'latest'; seed?: number } = {}): InteractionSplit {
  rejectUnknownOptions(options, ['n', 'by', 'seed'], 'leaveNOutSplit');
  const n = options.n ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new InvalidOptionError('n', `expected an integer >= 1, got ${describe(n)}`);
  const by = options.by ?? 'random';
  if (by !== 'random' && by !== 'latest') throw new InvalidOptionError('by', `expected 'random' or 'latest', got ${describe(by)}`);
  if (by === 'latest' && !data.userTimes) throw new InvalidInputError("leaveNOutSplit: by 'latest' needs timestamps, and the data has none");
  const rng = new Random(options.seed ?? 42);
  const mask = new Uint8Array(data.nnz);
  for (let u = 0; u < data.nUsers; u++) {
    const a = data.userPtr[u];
    const cnt = data.userPtr[u + 1] - a;
    if (cnt <= n) continue;
    const idx = Array.from({ length: cnt }, (_, q) => a + q);
    if (by === 'latest') {
      const t = data.userTimes as Float64Array;
      idx.sort((x, y) => t[y] - t[x] || y - x);
    } else {
      for (let q = cnt - 1; q > 0; q--) {
        const b = rng.int(q + 1);
        [idx[q], idx[b]] = [idx[b], idx[q]];
      }
    }
    for (let q = 0; q < n; q++) mask[idx[q]] = 1;
  }
  return splitByMask(data, mask);
}

/**
 * A temporal split: interactions at or after the cutoff time are the test part. The cutoff is given, or
 * the timestamp below which `1 − testFraction` of the interactions fall.
 *
 * @param data - interactions with timestamps.
 * @param options - cutoff (a timestamp), or testFraction (default 0.2).
 * @throws InvalidInputError without timestamps, or when one part would be empty.
 *
 * @example
 * ```ts
 * import { Interactions, temporalSplit } from 'crm-mining';
 * const day = (d: string) => new Date(`2024-03-${d}`);
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'DSL', timestamp: day('01') }, { user: 'bob', item: 'DSL', timestamp: day('02') },
 *   { user: 'ann', item: 'TV', timestamp: day('10') }, { user: 'bob', item: 'Router', timestamp: day('12') },
 * ]);
 * // train on what happened before the 10th, test on the rest
 * const { train, test } = temporalSplit(data, { cutoff: day('10').getTime() });
 * console.log(train.nnz, test.nnz); // 2 2
 * ```
 */
export function temporalSplit(data: Interactions, options: { cutoff?: number; testFraction?: number } = {}): InteractionSplit {
  rejectUnknownOptions(options, ['cutoff', 'testFraction'], 'temporalSplit');
  const t = data.userTimes;
  if (!t) throw new InvalidInputError('temporalSplit: the data has no timestamps');
  let cutoff = options.cutoff;
  if (cutoff === undefined) {
    const f = fraction('testFraction', options.testFraction, 0.2);
    const sorted = Float64Array.from(t).sort();
    cutoff = sorted[Math.min(sorted.length - 1, Math.floor((1 - f) * sorted.length))];
  } else if (typeof cutoff !== 'number' || !Number.isFinite(cutoff)) throw new InvalidOptionError('cutoff', `expected a finite number, got ${describe(cutoff)}`);
  const mask = new Uint8Array(data.nnz);
  for (let e = 0; e < t.length; e++) if (t[e] >= cutoff) mask[e] = 1;
  return splitByMask(data, mask);
}

/**
 * K-fold cross-validation over the interactions (Surprise's `KFold`): a seeded shuffle, then k folds of
 * (nearly) equal size; fold f is the test part of split f.
 *
 * @param data - the interactions.
 * @param options - folds (default 5), seed (default 42).
 *
 * @example
 * ```ts
 * import { Interactions, interactionKFold } from 'crm-mining';
 * const data = Interactions.fromRecords(
 *   Array.from({ length: 10 }, (_, n) => ({ user: `u${n % 3}`, item: `m${n % 4}`, value: 1 + (n % 5) })),
 * );
 * const folds = interactionKFold(data, { folds: 5, seed: 7 });
 * // every interaction is in exactly one test part
 * console.log(folds.length, folds.map((f) => f.test.nnz)); // 5 [2, 2, 2, 2, 2]
 * ```
 */
export function interactionKFold(data: Interactions, options: { folds?: number; seed?: number } = {}): InteractionSplit[] {
  rejectUnknownOptions(options, ['folds', 'seed'], 'interactionKFold');
  const k = options.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new InvalidOptionError('folds', `expected an integer >= 2, got ${describe(k)}`);
  const n = data.nnz;
  if (n < k) throw new InvalidInputError(`interactionKFold: ${n} interactions cannot make ${k} folds`);
  const p = perm(n, options.seed ?? 42);
  const out: InteractionSplit[] = [];
  for (let f = 0; f < k; f++) {
    const mask = new Uint8Array(n);
    const a = Math.floor((f * n) / k);
    const b = Math.floor(((f + 1) * n) / k);
    for (let q = a; q < b; q++) mask[p[q]] = 1;
    out.push(splitByMask(data, mask));
  }
  return out;
}

/**
 * A way to fit a recommender on training data.
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender, fitUserKnn, compare, type FitRecommender } from 'crm-mining';
 * // fitting functions, so each fold trains a fresh model on its own training part
 * const candidates: Record<string, FitRecommender> = {
 *   'svd (8 factors)': (train) => SvdRecommender.fit(train, { factors: 8, seed: 1 }),
 *   'user-knn (pearson)': (train) => fitUserKnn(train, { similarity: 'pearson' }),
 * };
 * declare const ratings: Interactions;
 * console.log(compare(candidates, ratings, { folds: 3 }).rows.map((r) => [r.algorithm, r.rmse]));
 * ```
 */
export type FitRecommender = (train: Interactions) => Recommender;

/**
 * Options of {@link evaluateRecommender} and {@link compare}.
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender, randomSplit, evaluateRecommender, type EvaluateOptions } from 'crm-mining';
 * declare const ratings: Interactions;
 * // rank for 500 sampled users; only test ratings of 4 or more count as hits
 * const options: EvaluateOptions = { k: 5, relevanceThreshold: 4, maxUsers: 500, seed: 1, rating: false };
 * const m = evaluateRecommender((train) => PopularityRecommender.fit(train), randomSplit(ratings), options);
 * console.log(m.users <= 500, m.precisionAtK);
 * ```
 */
export interface EvaluateOptions {
  /** List length for the ranking metrics (default 10). */
  k?: number;
  /** A test item is relevant when its value is at least this (default: every test item is relevant). */
  relevanceThreshold?: number;
  /** Compute the ranking metrics (default true). */
  ranking?: boolean;
  /** Compute RMSE/MAE when the recommender predicts ratings (default true). */
  rating?: boolean;
  /** Rank for at most this many test users, a seeded sample (default: all). */
  maxUsers?: number;
  /** Seed of the user sample (default 42). */
  seed?: number;
}

const EVALUATE_OPTION_KEYS = optionKeys<EvaluateOptions>({ k: true, relevanceThreshold: true, ranking: true, rating: true, maxUsers: true, seed: true });

/**
 * The metrics of one recommender on one split (or their means over folds).
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender, randomSplit, evaluateRecommender, type RecommenderMetrics } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'a', item: 'TV' }, { user: 'a', item: 'DSL' }, { user: 'b', item: 'TV' }, { user: 'b', item: 'DSL' },
 *   { user: 'c', item: 'TV' }, { user: 'c', item: 'Fiber' }, { user: 'd', item: 'TV' }, { user: 'd', item: 'DSL' },
 * ]);
 * const m: RecommenderMetrics = evaluateRecommender((t) => PopularityRecommender.fit(t), randomSplit(data, { testFraction: 0.25 }), { k: 2 });
 * console.log(m.rmse); // undefined: popularity does not predict ratings
 * console.log(m.k, m.users, m.recallAtK, m.coverage);
 * ```
 */
export interface RecommenderMetrics {
  /** The recommender's name (or the name given to {@link compare}). */
  algorithm: string;
  /** Root-mean-square error of predicted ratings (only when it predicts ratings). */
  rmse?: number;
  /** Mean absolute error of predicted ratings (only when it predicts ratings). */
  mae?: number;
  /** Mean precision@k over the ranked users. */
  precisionAtK: number;
  /** Mean recall@k. */
  recallAtK: number;
  /** Mean NDCG@k. */
  ndcgAtK: number;
  /** Mean AP@k (MAP@k). */
  mapAtK: number;
  /** Mean reciprocal rank of the first relevant item in the top k. */
  mrr: number;
  /** Share of ranked users with at least one relevant item in the top k. */
  hitRate: number;
  /** Catalogue coverage of all the lists: the share of the catalogue (training items, plus items only the recommender knows) that appears in some list. */
  coverage: number;
  /** Mean novelty (self-information, bits) of the lists. */
  novelty: number;
  /** Mean intra-list diversity, distance = 1 − cosine of the items' sets of users in training. */
  diversity: number;
  /** Seconds spent fitting. */
  fitSeconds: number;
  /** Number of users ranked. */
  users: number;
  /** The k used. */
  k: number;
}

function consumerCosineDistance(train: Interactions): (a: string, b: string) => number {
  return (a, b) => {
    const i = train.items.indexOf(a);
    const j = train.items.indexOf(b);
    if (i < 0 || j < 0) return 1;
    const ni = train.itemCount(i);
    const nj = train.itemCount(j);
    if (ni === 0 || nj === 0) return 1;
    let p = train.itemPtr[i];
    let q = train.itemPtr[j];
    const pe = train.itemPtr[i + 1];
    const qe = train.itemPtr[j + 1];
    const us = train.itemUsers;
    let common = 0;
    while (p < pe && q < qe) {
      if (us[p] === us[q]) {
        common++;
        p++;
        q++;
      } else if (us[p] < us[q]) p++;
      else q++;
    }
    return 1 - common / Math.sqrt(ni * nj);
  };
}

/**
 * Fits (when given a fitting function) and evaluates one recommender on a split.
 *
 * @param recommender - a fitted recommender (fitted on `split.train`), or a function fitting one.
 * @param split - train and test parts (ids are matched by name; the split functions share id maps).
 * @param options - see {@link EvaluateOptions}.
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender, leaveNOutSplit, evaluateRecommender } from 'crm-mining';
 * const users = ['ann', 'bob', 'cat', 'dan'];
 * const films = ['Heat', 'Alien', 'Up', 'Solaris', 'Brazil'];
 * const data = Interactions.fromRecords(
 *   users.flatMap((user, u) => films.map((item, i) => ({ user, item, value: 1 + ((u + 2 * i) % 5) }))),
 * );
 * const split = leaveNOutSplit(data, { n: 1, seed: 3 });
 * const m = evaluateRecommender((train) => BaselineRecommender.fit(train), split, { k: 3 });
 * console.log(m.algorithm, m.users, m.rmse! > 0); // baseline 4 true
 * console.log(m.hitRate, m.ndcgAtK.toFixed(3)); // share of users whose held-out film is in their top 3
 * ```
 */
export function evaluateRecommender(recommender: Recommender | FitRecommender, split: InteractionSplit, options: EvaluateOptions = {}): RecommenderMetrics {
  rejectUnknownOptions(options, EVALUATE_OPTION_KEYS, 'evaluateRecommender');
  const k = options.k ?? 10;
  if (!Number.isInteger(k) || k < 1) throw new InvalidOptionError('k', `expected an integer >= 1, got ${describe(k)}`);
  if (options.maxUsers !== undefined && (!Number.isInteger(options.maxUsers) || options.maxUsers < 1)) {
    throw new InvalidOptionError('maxUsers', `expected an integer >= 1, got ${describe(options.maxUsers)}`);
  }
  if (options.relevanceThreshold !== undefined && !Number.isFinite(options.relevanceThreshold)) {
    throw new InvalidOptionError('relevanceThreshold', `expected a finite number, got ${describe(options.relevanceThreshold)}`);
  }
  const { train, test } = split;
  let fitSeconds = 0;
  let rec: Recommender;
  if (typeof recommender === 'function') {
    const t0 = performance.now();
    rec = recommender(train);
    fitSeconds = (performance.now() - t0) / 1000;
  } else rec = recommender;
  const out: RecommenderMetrics = {
    algorithm: rec.name,
    precisionAtK: 0,
    recallAtK: 0,
    ndcgAtK: 0,
    mapAtK: 0,
    mrr: 0,
    hitRate: 0,
    coverage: 0,
    novelty: 0,
    diversity: 0,
    fitSeconds,
    users: 0,
    k,
  };
  if ((options.rating ?? true) && canPredict(rec)) {
    const n = test.nnz;
    const users = new Array<string>(n);
    const items = new Array<string>(n);
    for (let e = 0; e < n; e++) {
      users[e] = test.users.ids[test.entryUser[e]];
      items[e] = test.items.ids[test.userItems[e]];
    }
    const batch = (rec as unknown as { predictMany?: (u: readonly string[], i: readonly string[]) => Float64Array }).predictMany;
    let pred: Float64Array;
    if (typeof batch === 'function') pred = batch.call(rec, users, items);
    else {
      pred = new Float64Array(n);
      for (let e = 0; e < n; e++) pred[e] = rec.predict(users[e], items[e]);
    }
    out.rmse = rootMeanSquaredError(test.userValues, pred);
    out.mae = meanAbsoluteError(test.userValues, pred);
  }
  if (options.ranking ?? true) {
    const thr = options.relevanceThreshold;
    let cand: number[] = [];
    for (let u = 0; u < test.nUsers; u++) {
      if (test.userCount(u) === 0) continue;
      const tu = train.users.indexOf(test.users.ids[u]);
      if (tu < 0 || train.userCount(tu) === 0) continue;
      let any = false;
      for (let e = test.userPtr[u]; e < test.userPtr[u + 1]; e++) if (thr === undefined || test.userValues[e] >= thr) any = true;
      if (any) cand.push(u);
    }
    if (options.maxUsers !== undefined && cand.length > options.maxUsers) {
      const p = perm(cand.length, options.seed ?? 42);
      cand = Array.from(p.subarray(0, options.maxUsers), (q) => cand[q]).sort((a, b) => a - b);
    }
    const popularity = new Map<string, number>();
    for (let i = 0; i < train.nItems; i++) if (train.itemCount(i) > 0) popularity.set(train.items.ids[i], train.itemCount(i));
    let nActiveUsers = 0;
    for (let u = 0; u < train.nUsers; u++) if (train.userCount(u) > 0) nActiveUsers++;
    const dist = consumerCosineDistance(train);
    const lists: string[][] = [];
    for (const u of cand) {
      const rel = new Set<string>();
      for (let e = test.userPtr[u]; e < test.userPtr[u + 1]; e++) {
        if (thr === undefined || test.userValues[e] >= thr) rel.add(test.items.ids[test.userItems[e]]);
      }
      const list = rec.recommend(test.users.ids[u], { k }).map((r) => r.item);
      lists.push(list);
      out.precisionAtK += precisionAtK(list, rel, k);
      out.recallAtK += recallAtK(list, rel, k);
      out.ndcgAtK += ndcgAtK(list, rel, k);
      out.mapAtK += averagePrecisionAtK(list, rel, k);
      out.mrr += reciprocalRank(list, rel);
      out.hitRate += hitAtK(list, rel, k);
      out.novelty += novelty(list, popularity, Math.max(1, nActiveUsers));
      out.diversity += intraListDiversity(list, dist);
    }
    const m = cand.length;
    if (m > 0) {
      out.precisionAtK /= m;
      out.recallAtK /= m;
      out.ndcgAtK /= m;
      out.mapAtK /= m;
      out.mrr /= m;
      out.hitRate /= m;
      out.novelty /= m;
      out.diversity /= m;
      // The catalogue is the training items plus any item only the recommender knows (a content
      // recommender can return items nobody consumed yet), so coverage stays within [0, 1].
      const catalogue = new Set(popularity.keys());
      for (const l of lists) for (const it of l) catalogue.add(it);
      out.coverage = catalogueCoverage(lists, Math.max(1, catalogue.size));
    }
    out.users = m;
  }
  return out;
}

/**
 * Options of {@link compare}.
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender, leaveNOutSplit, compare, type CompareOptions } from 'crm-mining';
 * declare const ratings: Interactions;
 * // three leave-one-out splits with different seeds instead of k-fold, with progress per fold
 * const options: CompareOptions = {
 *   splits: [1, 2, 3].map((seed) => leaveNOutSplit(ratings, { seed })),
 *   k: 10,
 *   onFold: (name, fold, m) => console.log(name, fold, m.ndcgAtK.toFixed(3)),
 * };
 * compare({ baseline: (train) => BaselineRecommender.fit(train) }, ratings, options);
 * ```
 */
export interface CompareOptions extends EvaluateOptions {
  /** Number of folds (default 5). */
  folds?: number;
  /** Use these splits instead of k-fold. */
  splits?: readonly InteractionSplit[];
  /** Called after each (recommender, fold) with its metrics. */
  onFold?: (name: string, fold: number, metrics: RecommenderMetrics) => void;
}

const COMPARE_OPTION_KEYS = optionKeys<CompareOptions>({
  k: true,
  relevanceThreshold: true,
  ranking: true,
  rating: true,
  maxUsers: true,
  seed: true,
  folds: true,
  splits: true,
  onFold: true,
});

/**
 * The result of {@link compare}.
 *
 * @example
 * ```ts
 * import { Interactions, PopularityRecommender, compare, type Comparison } from 'crm-mining';
 * const data = Interactions.fromRecords(
 *   Array.from({ length: 24 }, (_, n) => ({ user: `u${n % 6}`, item: `m${(n * 5) % 7}` })),
 * );
 * const result: Comparison = compare({ popular: (train) => PopularityRecommender.fit(train) }, data, { folds: 4, k: 3 });
 * const [row] = result.rows; // the mean over the 4 folds
 * const perFold = result.folds.popular.map((m) => m.hitRate);
 * console.log(row.hitRate === perFold.reduce((a, b) => a + b) / 4); // true
 * ```
 */
export interface Comparison {
  /** One row per recommender: the means over folds (rmse/mae only for rating predictors). */
  rows: RecommenderMetrics[];
  /** Per recommender name, the metrics of each fold. */
  folds: Record<string, RecommenderMetrics[]>;
}

const MEAN_KEYS = ['rmse', 'mae', 'precisionAtK', 'recallAtK', 'ndcgAtK', 'mapAtK', 'mrr', 'hitRate', 'coverage', 'novelty', 'diversity', 'fitSeconds', 'users'] as const;

/**
 * Runs several recommenders on the same folds and gives one table of mean metrics.
 *
 * @param recommenders - by display name, a function fitting each on training data.
 * @param data - the interactions (split by seeded k-fold unless `splits` is given).
 * @param options - see {@link CompareOptions}; folds default 5, seed 42, k 10.
 *
 * @example
 * ```ts
 * import { Interactions, BaselineRecommender, PopularityRecommender, compare, formatComparison } from 'crm-mining';
 * const data = Interactions.fromRecords(
 *   Array.from({ length: 40 }, (_, n) => ({ user: `u${n % 8}`, item: `m${(n * 3) % 7}`, value: 1 + (n % 5) })),
 *   { duplicates: 'mean' },
 * );
 * const result = compare(
 *   { popular: (train) => PopularityRecommender.fit(train), baseline: (train) => BaselineRecommender.fit(train) },
 *   data,
 *   { folds: 3, k: 3, seed: 1 },
 * );
 * console.log(result.rows.map((r) => r.algorithm), result.folds.baseline.length); // ['popular', 'baseline'] 3
 * console.log(formatComparison(result.rows));
 * ```
 */
export function compare(recommenders: Readonly<Record<string, FitRecommender>>, data: Interactions, options: CompareOptions = {}): Comparison {
  rejectUnknownOptions(options, COMPARE_OPTION_KEYS, 'compare');
  const names = Object.keys(recommenders);
  if (names.length === 0) throw new InvalidInputError('compare: no recommenders given');
  const splits = options.splits ?? interactionKFold(data, { folds: options.folds ?? 5, seed: options.seed ?? 42 });
  // evaluateRecommender gets its own options only (folds, splits and onFold are compare's).
  const evaluateOptions = pickOptions(options, EVALUATE_OPTION_KEYS);
  const folds: Record<string, RecommenderMetrics[]> = {};
  const rows: RecommenderMetrics[] = [];
  for (const name of names) {
    const fit = recommenders[name];
    if (typeof fit !== 'function') throw new InvalidInputError(`compare: recommenders.${name} is not a function fitting a recommender`, { field: name });
    folds[name] = splits.map((s, f) => {
      const m = evaluateRecommender(fit, s, evaluateOptions);
      m.algorithm = name;
      options.onFold?.(name, f, m);
      return m;
    });
    const mean: RecommenderMetrics = { ...folds[name][0], algorithm: name };
    for (const key of MEAN_KEYS) {
      const vals = folds[name].map((m) => m[key]).filter((v): v is number => typeof v === 'number');
      if (vals.length === 0) delete mean[key as 'rmse'];
      else (mean as unknown as Record<string, number>)[key] = vals.reduce((a, b) => a + b, 0) / vals.length;
    }
    rows.push(mean);
  }
  return { rows, folds };
}

/**
 * Formats {@link Comparison.rows} as an aligned text table (4 decimals; '-' where a metric is absent).
 *
 * @example
 * ```ts
 * import { formatComparison, type RecommenderMetrics } from 'crm-mining';
 * const row: RecommenderMetrics = {
 *   algorithm: 'popularity', precisionAtK: 0.12, recallAtK: 0.3, ndcgAtK: 0.21, mapAtK: 0.15, mrr: 0.25,
 *   hitRate: 0.4, coverage: 0.05, novelty: 2.1, diversity: 0.6, fitSeconds: 0.01, users: 50, k: 5,
 * };
 * console.log(formatComparison([row])); // header 'algorithm  RMSE  MAE  P@5 …'; '-' for the absent RMSE and MAE
 * ```
 */
export function formatComparison(rows: readonly RecommenderMetrics[]): string {
  const k = rows[0]?.k ?? 10;
  const head = ['algorithm', 'RMSE', 'MAE', `P@${k}`, `R@${k}`, `NDCG@${k}`, `MAP@${k}`, 'MRR', 'hit', 'coverage', 'novelty', 'diversity', 'fit s'];
  const body = rows.map((r) => [
    r.algorithm,
    ...[r.rmse, r.mae, r.precisionAtK, r.recallAtK, r.ndcgAtK, r.mapAtK, r.mrr, r.hitRate, r.coverage, r.novelty, r.diversity, r.fitSeconds].map((v) =>
      v === undefined ? '-' : v.toFixed(4),
    ),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c].length)));
  const line = (cells: string[]): string => cells.map((c, q) => (q === 0 ? c.padEnd(widths[q]) : c.padStart(widths[q]))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
