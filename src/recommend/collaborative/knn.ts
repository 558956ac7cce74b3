/**
 * Neighbourhood collaborative filtering: user-kNN and item-kNN with the similarities and variants of
 * Surprise (`KNNBasic`, `KNNWithMeans`, `KNNBaseline`).
 *
 * In "x/y" terms: x are the entities compared (users when user-based, items when item-based), y the other
 * side. sim(x, x') is computed over the y both rated:
 * - `'cosine'`: Σ r·r' / √(Σ r² · Σ r'²) (sums over the common y only);
 * - `'msd'`: 1 / (1 + Σ (r − r')² / n), n = number of common y;
 * - `'pearson'`: (n Σ r r' − Σ r Σ r') / √((n Σ r² − (Σ r)²)(n Σ r'² − (Σ r')²)), 0 when undefined;
 * - `'pearson-baseline'`: the same correlation of the residuals r − b (b = μ + b_x + b_y, from the ALS
 *   baselines), without centring, shrunk by (n − 1)/(n − 1 + shrinkage);
 * and sim = 0 when n < minSupport. Pairs are never stored: a row of similarities is computed on demand
 * from the sparse CSR/CSC arrays (a scatter over the common entries) and a bounded number of rows is
 * cached, so memory stays O(nnz) even with many items.
 *
 * Prediction of r_ui (Surprise's rules): the neighbours are the x' that rated the target (users who rated
 * i, or items u rated), the k with the largest similarity are kept, and of those only the ones with a
 * positive similarity contribute:
 * - `'basic'`: Σ sim·r / Σ sim; fewer than minK contributors → the global mean;
 * - `'means'`: μ_x + Σ sim·(r − μ_x') / Σ sim; fewer than minK → μ_x;
 * - `'baseline'`: b_ui + Σ sim·(r − b_x'y) / Σ sim; fewer than minK → b_ui.
 * An unknown user or item gets the global mean (Surprise's default prediction) — for the baseline variant,
 * the known parts of the baseline μ + b_u + b_i, as Surprise's KNNBaseline — or a typed error under
 * `unknown: 'error'`. Predictions are clipped to the rating scale.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { optionKeys, rejectUnknownOptions, requireOneOf, type OptionKeySet } from '../../core/validate.js';
import { Interactions, type InteractionsJSON } from '../interactions.js';
import { itemNamer } from '../request.js';
import type { RatingPredictor, Recommendation, RecommendFor, RecommendOptions } from '../types.js';
import { fitBaselines, type Baselines, type BaselineOptions } from './baseline.js';
import {
  checkJSON,
  clip,
  fmt,
  lookupPair,
  nonNeg,
  popularFallback,
  posInt,
  requireTraining,
  resolveRequest,
  resolveUnknown,
  topK,
  type BatchPredictor,
  type CollaborativeOptions,
  type UnknownPolicy,
} from './common.js';

/**
 * The similarity measures of {@link KnnRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, fitUserKnn, type KnnSimilarity } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Up', value: 1 },
 *   { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 * ]);
 * const measures: KnnSimilarity[] = ['cosine', 'msd', 'pearson'];
 * for (const similarity of measures) console.log(similarity, fitUserKnn(data, { similarity }).similarity('ann', 'bob').toFixed(3));
 * // cosine 0.965, msd 0.500, pearson 1.000
 * ```
 */
export type KnnSimilarity = 'cosine' | 'msd' | 'pearson' | 'pearson-baseline';

/**
 * The prediction rules: Surprise's `KNNBasic`, `KNNWithMeans`, `KNNBaseline`.
 *
 * @example
 * ```ts
 * import { Interactions, fitUserKnn, type KnnVariant } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Up', value: 3 },
 *   { user: 'bob', item: 'Heat', value: 3 }, { user: 'bob', item: 'Up', value: 1 }, { user: 'bob', item: 'Alien', value: 2 },
 * ]);
 * for (const variant of ['basic', 'means'] as KnnVariant[]) {
 *   console.log(variant, fitUserKnn(data, { variant, similarity: 'pearson' }).predict('ann', 'Alien'));
 * }
 * // basic 2: bob's rating as is; means 4: ann's mean + bob's deviation (2 − 2)
 * ```
 */
export type KnnVariant = 'basic' | 'means' | 'baseline';

/**
 * Options of {@link KnnRecommender.fit}.
 *
 * @example
 * ```ts
 * import { Interactions, KnnRecommender, type KnnOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 *   { user: 'cat', item: 'Alien', value: 5 }, { user: 'cat', item: 'Up', value: 1 },
 * ]);
 * const options: KnnOptions = { userBased: false, similarity: 'pearson', variant: 'means', k: 20, minSupport: 1 };
 * const knn = KnnRecommender.fit(data, options);
 * console.log(knn.name, knn.predict('bob', 'Alien').toFixed(2)); // item-knn 4.50
 * ```
 */
export interface KnnOptions extends CollaborativeOptions {
  /** Compare users (true) or items (false) (default true, as Surprise). */
  userBased?: boolean;
  /** The similarity (default `'msd'`, as Surprise). */
  similarity?: KnnSimilarity;
  /** The prediction rule (default `'basic'`). */
  variant?: KnnVariant;
  /** The maximum number of neighbours (default 40). */
  k?: number;
  /** The minimum number of contributing neighbours (default 1). */
  minK?: number;
  /** The minimum number of common ratings for a non-zero similarity (default 1). */
  minSupport?: number;
  /** Shrinkage of `'pearson-baseline'` (default 100). */
  shrinkage?: number;
  /** The ALS baseline options for `'baseline'` and `'pearson-baseline'` (defaults regItem 10, regUser 15, epochs 10). */
  baseline?: BaselineOptions;
  /**
   * Item-based `recommend`: how many most-similar items per item are kept for top-N scoring (default 50).
   * The lists are built on the first `recommend` call, ranking neighbours by similarity × n / (n + shrinkage)
   * (n = number of common users) so that pairs sharing one user do not crowd out well-supported ones.
   */
  neighbourList?: number;
}

// The keys every kNN entry point shares; fitUserKnn/fitItemKnn fix userBased, fitKnnBaseline fixes variant.
const KNN_SHARED_KEYS: OptionKeySet<Omit<KnnOptions, 'userBased' | 'variant'>> = {
  similarity: true,
  k: true,
  minK: true,
  minSupport: true,
  shrinkage: true,
  baseline: true,
  neighbourList: true,
  unknown: true,
};
const KNN_OPTION_KEYS = optionKeys<KnnOptions>({ ...KNN_SHARED_KEYS, userBased: true, variant: true });
const KNN_NO_USER_BASED_OPTION_KEYS = optionKeys<Omit<KnnOptions, 'userBased'>>({ ...KNN_SHARED_KEYS, variant: true });
const KNN_BASELINE_OPTION_KEYS = optionKeys<Omit<KnnOptions, 'variant'>>({ ...KNN_SHARED_KEYS, userBased: true });

/**
 * The options of a {@link KnnRecommender} with every default filled in.
 *
 * @example
 * ```ts
 * import { Interactions, fitItemKnn, type ResolvedKnnOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 3 }]);
 * const used: Readonly<ResolvedKnnOptions> = fitItemKnn(data, { k: 5 }).options;
 * console.log(used.userBased, used.similarity, used.k, used.minK, used.shrinkage); // false msd 5 1 100
 * ```
 */
export interface ResolvedKnnOptions {
  /** See the options type. */
  userBased: boolean;
  /** See the options type. */
  similarity: KnnSimilarity;
  /** See the options type. */
  variant: KnnVariant;
  /** See the options type. */
  k: number;
  /** See the options type. */
  minK: number;
  /** See the options type. */
  minSupport: number;
  /** See the options type. */
  shrinkage: number;
  /** See the options type. */
  baseline: { regItem: number; regUser: number; epochs: number };
  /** See the options type. */
  neighbourList: number;
  /** See the options type. */
  unknown: UnknownPolicy;
}

/**
 * The JSON form of {@link KnnRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, fitUserKnn, KnnRecommender, type KnnJSON } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 * ]);
 * const json: KnnJSON = fitUserKnn(data, { k: 10 }).toJSON(); // options and data only: similarities are recomputed
 * const restored = KnnRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(json.type, restored.name, restored.options.k); // knn user-knn 10
 * ```
 */
export interface KnnJSON {
  /** Tag. */
  type: 'knn';
  /** Options used. */
  options: ResolvedKnnOptions;
  /** Training data. */
  data: InteractionsJSON;
}

function resolveKnnOptions(o: KnnOptions): ResolvedKnnOptions {
  if (o === null || typeof o !== 'object') throw new InvalidOptionError('options', 'expected an object');
  if (o.userBased !== undefined && typeof o.userBased !== 'boolean') throw new InvalidOptionError('userBased', 'expected true or false');
  const b = o.baseline ?? {};
  return {
    userBased: o.userBased ?? true,
    similarity: requireOneOf('similarity', o.similarity ?? 'msd', ['cosine', 'msd', 'pearson', 'pearson-baseline'] as const),
    variant: requireOneOf('variant', o.variant ?? 'basic', ['basic', 'means', 'baseline'] as const),
    k: posInt('k', o.k, 40),
    minK: posInt('minK', o.minK, 1, 0),
    minSupport: posInt('minSupport', o.minSupport, 1, 0),
    shrinkage: nonNeg('shrinkage', o.shrinkage, 100),
    baseline: {
      regItem: nonNeg('baseline.regItem', b.regItem, 10),
      regUser: nonNeg('baseline.regUser', b.regUser, 15),
      epochs: posInt('baseline.epochs', b.epochs, 10),
    },
    neighbourList: posInt('neighbourList', o.neighbourList, 50),
    unknown: resolveUnknown(o.unknown),
  };
}

/**
 * User- or item-based k-nearest-neighbour collaborative filtering (see the module notes for the exact
 * rules). `name` is `'user-knn'`, `'item-knn'` or, for the baseline variant, `'knn-baseline'`.
 *
 * `recommend`: user-based, the k most similar users vote for the items they liked (rated at or above their
 * own mean; any interaction for implicit data), score = Σ similarity; item-based, each item the user liked
 * (or, when none, each consumed item) adds its similarity to its `neighbourList` most similar items,
 * score = Σ similarity (item-based top-N, Deshpande & Karypis 2004). A profile with items works for
 * item-based models; an unknown user without usable profile items gets the most popular items.
 *
 * @example
 * ```ts
 * import { Interactions, KnnRecommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 5 }, { user: 'bob', item: 'Alien', value: 4 }, { user: 'bob', item: 'Up', value: 5 },
 *   { user: 'cat', item: 'Heat', value: 1 }, { user: 'cat', item: 'Solaris', value: 5 },
 * ]);
 * const knn = KnnRecommender.fit(data, { userBased: true, similarity: 'msd', k: 2 });
 * const [top] = knn.recommend('ann', { k: 1 });
 * console.log(top.item, top.reason); // Up liked by 1 of your 2 most similar users
 * console.log(knn.predictMany(['ann', 'cat'], ['Up', 'Alien'])); // Float64Array [5, 4]: two predictions in one call
 * ```
 */
export class KnnRecommender implements RatingPredictor, BatchPredictor {
  /** `'user-knn'`, `'item-knn'` or `'knn-baseline'`. */
  readonly name: string;
  /** The training data. */
  readonly data: Interactions;
  /** The fitted ALS baselines (used by the baseline variant and `'pearson-baseline'`). */
  readonly baselines: Baselines;
  private readonly opts: ResolvedKnnOptions;
  // x/y views
  private readonly nX: number;
  private readonly xPtr: Int32Array;
  private readonly xY: Int32Array;
  private readonly xVal: Float64Array;
  private readonly yPtr: Int32Array;
  private readonly yX: Int32Array;
  private readonly yVal: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  private readonly xMean: Float64Array;
  // scratch and cache
  private readonly freq: Int32Array;
  private readonly acc: Float64Array[];
  private readonly touched: Int32Array;
  private readonly cache = new Map<number, Float64Array>();
  private readonly cacheLimit: number;
  private readonly selIdx: Int32Array;
  private readonly selSim: Float64Array;
  private neighbours: { idx: Int32Array; sim: Float64Array; len: Int32Array } | undefined;

  private constructor(data: Interactions, opts: ResolvedKnnOptions) {
    this.data = data;
    this.opts = opts;
    this.name = opts.variant === 'baseline' ? 'knn-baseline' : opts.userBased ? 'user-knn' : 'item-knn';
    this.baselines = fitBaselines(data, opts.baseline);
    if (opts.userBased) {
      this.nX = data.nUsers;
      this.xPtr = data.userPtr;
      this.xY = data.userItems;
      this.xVal = data.userValues;
      this.yPtr = data.itemPtr;
      this.yX = data.itemUsers;
      this.yVal = data.itemValues;
      this.bx = this.baselines.userBias;
      this.by = this.baselines.itemBias;
    } else {
      this.nX = data.nItems;
      this.xPtr = data.itemPtr;
      this.xY = data.itemUsers;
      this.xVal = data.itemValues;
      this.yPtr = data.userPtr;
      this.yX = data.userItems;
      this.yVal = data.userValues;
      this.bx = this.baselines.itemBias;
      this.by = this.baselines.userBias;
    }
    this.xMean = new Float64Array(this.nX);
    for (let x = 0; x < this.nX; x++) {
      let s = 0;
      for (let e = this.xPtr[x]; e < this.xPtr[x + 1]; e++) s += this.xVal[e];
      const n = this.xPtr[x + 1] - this.xPtr[x];
      this.xMean[x] = n > 0 ? s / n : data.globalMean;
    }
    this.freq = new Int32Array(this.nX);
    this.acc = [0, 1, 2, 3, 4].map(() => new Float64Array(this.nX));
    this.touched = new Int32Array(this.nX);
    this.cacheLimit = Math.max(4, Math.floor(32_000_000 / (8 * Math.max(1, this.nX))));
    this.selIdx = new Int32Array(opts.k);
    this.selSim = new Float64Array(opts.k);
  }

  /**
   * Fits (the baselines; similarities are computed on demand).
   *
   * @param data - explicit ratings (implicit data works with `'cosine'` and the basic variant).
   * @param options - see {@link KnnOptions}; defaults userBased true, similarity `'msd'`, variant `'basic'`,
   *   k 40, minK 1, minSupport 1, shrinkage 100.
   * @throws InvalidInputError for empty data; InvalidOptionError for a bad option (k < 1, an unknown similarity).
   */
  static fit(data: Interactions, options: KnnOptions = {}): KnnRecommender {
    rejectUnknownOptions(options, KNN_OPTION_KEYS, 'KnnRecommender.fit');
    requireTraining(data, 'KnnRecommender.fit');
    return new KnnRecommender(data, resolveKnnOptions(options));
  }

  /** The options in effect. */
  get options(): Readonly<ResolvedKnnOptions> {
    return this.opts;
  }

  /**
   * The similarities of entity `x` (user index when user-based, item index otherwise) to every entity of
   * its kind; 1 for itself, 0 where nothing is shared. The returned array must not be modified.
   */
  similarityRow(x: number): Float64Array {
    const hit = this.cache.get(x);
    if (hit) return hit;
    const row = this.computeRow(x);
    if (this.cache.size >= this.cacheLimit) this.cache.delete(this.cache.keys().next().value as number);
    this.cache.set(x, row);
    return row;
  }

  /** The similarity of two users (user-based) or two items (item-based) by id. */
  similarity(a: string, b: string): number {
    const map = this.opts.userBased ? this.data.users : this.data.items;
    const xa = map.indexOf(a);
    const xb = map.indexOf(b);
    if (xa < 0) throw new InvalidInputError(`unknown ${this.opts.userBased ? 'user' : 'item'} ${JSON.stringify(a)}`);
    if (xb < 0) throw new InvalidInputError(`unknown ${this.opts.userBased ? 'user' : 'item'} ${JSON.stringify(b)}`);
    return this.similarityRow(xa)[xb];
  }

  private computeRow(x: number, row: Float64Array = new Float64Array(this.nX), supportShrink = false): Float64Array {
    const { xPtr, xY, xVal, yPtr, yX, yVal, freq, touched } = this;
    const [a0, a1, a2, a3, a4] = this.acc;
    const sim = this.opts.similarity;
    const mu = this.baselines.mean;
    const bx = this.bx;
    const by = this.by;
    let nt = 0;
    // One specialised scatter loop per similarity (no branching in the inner loop).
    for (let e = xPtr[x]; e < xPtr[x + 1]; e++) {
      const y = xY[e];
      const r = xVal[e];
      const f0 = yPtr[y];
      const f1 = yPtr[y + 1];
      if (sim === 'msd') {
        for (let f = f0; f < f1; f++) {
          const x2 = yX[f];
          if (freq[x2]++ === 0) touched[nt++] = x2;
          const d = r - yVal[f];
          a0[x2] += d * d;
        }
      } else if (sim === 'cosine') {
        const rr = r * r;
        for (let f = f0; f < f1; f++) {
          const x2 = yX[f];
          if (freq[x2]++ === 0) touched[nt++] = x2;
          const r2 = yVal[f];
          a0[x2] += r * r2;
          a1[x2] += rr;
          a2[x2] += r2 * r2;
        }
      } else if (sim === 'pearson') {
        const rr = r * r;
        for (let f = f0; f < f1; f++) {
          const x2 = yX[f];
          if (freq[x2]++ === 0) touched[nt++] = x2;
          const r2 = yVal[f];
          a0[x2] += r * r2;
          a1[x2] += r;
          a2[x2] += r2;
          a3[x2] += rr;
          a4[x2] += r2 * r2;
        }
      } else {
        const pb = mu + by[y];
        const d1 = r - (pb + bx[x]);
        const dd = d1 * d1;
        for (let f = f0; f < f1; f++) {
          const x2 = yX[f];
          if (freq[x2]++ === 0) touched[nt++] = x2;
          const d2 = yVal[f] - (pb + bx[x2]);
          a0[x2] += d1 * d2;
          a1[x2] += dd;
          a2[x2] += d2 * d2;
        }
      }
    }
    row.fill(0);
    const minSupport = this.opts.minSupport;
    const shrink = this.opts.shrinkage;
    for (let t = 0; t < nt; t++) {
      const x2 = touched[t];
      const n = freq[x2];
      let s = 0;
      if (n >= minSupport) {
        if (sim === 'cosine') {
          const den = Math.sqrt(a1[x2] * a2[x2]);
          s = den > 0 ? a0[x2] / den : 0;
        } else if (sim === 'msd') {
          s = 1 / (a0[x2] / n + 1);
        } else if (sim === 'pearson') {
          const num = n * a0[x2] - a1[x2] * a2[x2];
          const den = Math.sqrt(Math.max(0, n * a3[x2] - a1[x2] * a1[x2]) * Math.max(0, n * a4[x2] - a2[x2] * a2[x2]));
          s = den > 0 ? num / den : 0;
        } else {
          const den = Math.sqrt(a1[x2] * a2[x2]);
          s = den > 0 ? (a0[x2] / den) * ((n - 1) / (n - 1 + shrink)) : 0;
        }
      }
      row[x2] = supportShrink ? (s * n) / (n + shrink) : s;
      freq[x2] = 0;
      a0[x2] = 0;
      a1[x2] = 0;
      a2[x2] = 0;
      a3[x2] = 0;
      a4[x2] = 0;
    }
    row[x] = 1;
    return row;
  }

  /** Prediction for known indices (u, i >= 0), unclipped. */
  private estimate(u: number, i: number, given?: Float64Array): number {
    const ub = this.opts.userBased;
    const x = ub ? u : i;
    const y = ub ? i : u;
    const row = given ?? this.similarityRow(x);
    const { yPtr, yX, yVal } = this;
    const a = yPtr[y];
    const b = yPtr[y + 1];
    const k = this.opts.k;
    // Select the k neighbours with the largest similarity (ties: earlier entry wins), as a min-heap of
    // entries; selS mirrors their similarities so the heap compares without the double indirection.
    const sel = this.selIdx;
    const selS = this.selSim;
    let size = 0;
    let top = 0; // the similarity at the heap root once the heap is full
    for (let f = a; f < b; f++) {
      const s = row[yX[f]];
      if (size < k) {
        let c = size++;
        while (c > 0) {
          const p = (c - 1) >> 1;
          const sp = selS[p];
          if (s < sp || (s === sp && f > sel[p])) {
            sel[c] = sel[p];
            selS[c] = sp;
            c = p;
          } else break;
        }
        sel[c] = f;
        selS[c] = s;
        top = selS[0];
      } else if (s > top || (s === top && f < sel[0])) {
        let c = 0;
        for (;;) {
          const l = 2 * c + 1;
          if (l >= size) break;
          let m = l;
          if (l + 1 < size) {
            const sl = selS[l];
            const sr = selS[l + 1];
            if (sr < sl || (sr === sl && sel[l + 1] > sel[l])) m = l + 1;
          }
          const sm = selS[m];
          if (sm < s || (sm === s && sel[m] > f)) {
            sel[c] = sel[m];
            selS[c] = sm;
            c = m;
          } else break;
        }
        sel[c] = f;
        selS[c] = s;
        top = selS[0];
      }
    }
    const variant = this.opts.variant;
    const bs = this.baselines;
    const mu = bs.mean;
    let sumSim = 0;
    let sumR = 0;
    let actual = 0;
    for (let q = 0; q < size; q++) {
      const f = sel[q];
      const x2 = yX[f];
      const s = selS[q];
      if (!(s > 0)) continue;
      let r = yVal[f];
      if (variant === 'means') r -= this.xMean[x2];
      else if (variant === 'baseline') r -= mu + this.bx[x2] + this.by[y];
      sumSim += s;
      sumR += s * r;
      actual++;
    }
    if (variant === 'basic') {
      if (actual < this.opts.minK || sumSim === 0) return mu;
      return sumR / sumSim;
    }
    const base = variant === 'means' ? this.xMean[x] : mu + bs.userBias[u] + bs.itemBias[i];
    if (actual < this.opts.minK || sumSim === 0) return base;
    return base + sumR / sumSim;
  }

  /**
   * The prediction when the user or the item is unknown (index −1): the baseline variant keeps the known
   * parts of its baseline, μ + b_u (known user) + b_i (known item), as Surprise's KNNBaseline does; the
   * others fall back to the global mean μ (Surprise's default prediction).
   */
  private unknownEstimate(u: number, i: number): number {
    if (this.opts.variant !== 'baseline') return this.data.globalMean;
    const bs = this.baselines;
    return bs.mean + (u >= 0 ? bs.userBias[u] : 0) + (i >= 0 ? bs.itemBias[i] : 0);
  }

  /** The predicted rating (see the module notes), clipped to the scale. */
  predict(user: string, item: string): number {
    const [u, i] = lookupPair(this.data, user, item, this.opts.unknown, 'KnnRecommender.predict');
    const est = u < 0 || i < 0 ? this.unknownEstimate(u, i) : this.estimate(u, i);
    return clip(est, this.data.scale.min, this.data.scale.max);
  }

  /** Predictions for many pairs, grouped so each similarity row is computed once. */
  predictMany(users: readonly string[], items: readonly string[]): Float64Array {
    if (users.length !== items.length) throw new InvalidInputError(`predictMany: ${users.length} users but ${items.length} items`);
    const n = users.length;
    const us = new Int32Array(n);
    const is = new Int32Array(n);
    for (let q = 0; q < n; q++) [us[q], is[q]] = lookupPair(this.data, users[q], items[q], this.opts.unknown, 'KnnRecommender.predictMany');
    const key = this.opts.userBased ? us : is;
    const order = Array.from({ length: n }, (_, q) => q).sort((a, b) => key[a] - key[b] || a - b);
    const out = new Float64Array(n);
    const { min, max } = this.data.scale;
    const scratch = new Float64Array(this.nX);
    let current = -1;
    for (const q of order) {
      let est = this.unknownEstimate(us[q], is[q]);
      if (us[q] >= 0 && is[q] >= 0) {
        if (key[q] !== current) {
          current = key[q];
          this.computeRow(current, scratch);
        }
        est = this.estimate(us[q], is[q], scratch);
      }
      out[q] = clip(est, min, max);
    }
    return out;
  }

  private neighbourLists(): { idx: Int32Array; sim: Float64Array; len: Int32Array } {
    if (this.neighbours) return this.neighbours;
    const m = this.opts.neighbourList;
    const nX = this.nX;
    const idx = new Int32Array(nX * m);
    const sim = new Float64Array(nX * m);
    const len = new Int32Array(nX);
    const allowed = new Uint8Array(nX).fill(1);
    const row = new Float64Array(nX);
    for (let x = 0; x < nX; x++) {
      this.computeRow(x, row, true);
      row[x] = 0;
      allowed[x] = 0;
      for (let x2 = 0; x2 < nX; x2++) if (!(row[x2] > 0)) row[x2] = -Infinity;
      const top = topK(row, allowed, m);
      allowed[x] = 1;
      len[x] = top.length;
      for (let q = 0; q < top.length; q++) {
        idx[x * m + q] = top[q];
        sim[x * m + q] = row[top[q]];
      }
    }
    this.neighbours = { idx, sim, len };
    return this.neighbours;
  }

  /** Top-k items (see the class notes); reasons name the neighbours or the similar consumed items. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const data = this.data;
    const req = resolveRequest(data, forWhom, options, this.opts.unknown, 'KnnRecommender.recommend');
    const nI = data.nItems;
    const explicit = data.kind === 'explicit';
    const scores = new Float64Array(nI).fill(-Infinity);
    if (this.opts.userBased) {
      if (req.user < 0) return popularFallback(data, req);
      const u = req.user;
      const row = this.similarityRow(u);
      const cand = Float64Array.from(row, (s) => (s > 0 ? s : -Infinity));
      const okUsers = new Uint8Array(data.nUsers).fill(1);
      okUsers[u] = 0;
      const nbrs = topK(cand, okUsers, this.opts.k);
      const votes = new Int32Array(nI);
      for (const v of nbrs) {
        const mean = this.xMean[v];
        for (let e = data.userPtr[v]; e < data.userPtr[v + 1]; e++) {
          if (explicit && data.userValues[e] < mean) continue;
          const i = data.userItems[e];
          scores[i] = (scores[i] === -Infinity ? 0 : scores[i]) + row[v];
          votes[i]++;
        }
      }
      return Array.from(topK(scores, req.allowed, req.k), (i) => ({
        item: data.items.ids[i],
        score: scores[i],
        reason: `liked by ${votes[i]} of your ${nbrs.length} most similar users`,
      }));
    }
    // item-based
    let its: Int32Array;
    let vals: Float64Array;
    if (req.profileItems.length > 0) {
      its = req.profileItems;
      vals = req.profileValues;
    } else if (req.user >= 0) {
      its = data.userItems.subarray(data.userPtr[req.user], data.userPtr[req.user + 1]);
      vals = data.userValues.subarray(data.userPtr[req.user], data.userPtr[req.user + 1]);
    } else return popularFallback(data, req);
    let mean = 0;
    for (let q = 0; q < vals.length; q++) mean += vals[q];
    mean /= vals.length;
    const liked = new Uint8Array(its.length);
    let nLiked = 0;
    for (let q = 0; q < its.length; q++) if (!explicit || vals[q] >= mean) (liked[q] = 1), nLiked++;
    if (nLiked === 0) liked.fill(1);
    const nl = this.neighbourLists();
    const m = this.opts.neighbourList;
    const best = new Int32Array(nI).fill(-1);
    const bestS = new Float64Array(nI);
    const second = new Int32Array(nI).fill(-1);
    const secondS = new Float64Array(nI);
    for (let q = 0; q < its.length; q++) {
      if (!liked[q]) continue;
      const j = its[q];
      for (let t = 0; t < nl.len[j]; t++) {
        const i = nl.idx[j * m + t];
        const s = nl.sim[j * m + t];
        scores[i] = (scores[i] === -Infinity ? 0 : scores[i]) + s;
        if (s > bestS[i] || best[i] < 0) {
          second[i] = best[i];
          secondS[i] = bestS[i];
          best[i] = q;
          bestS[i] = s;
        } else if (s > secondS[i] || second[i] < 0) {
          second[i] = q;
          secondS[i] = s;
        }
      }
    }
    const name = itemNamer(options, 'KnnRecommender.recommend');
    const why = (q: number): string => (explicit ? `${name(data.items.ids[its[q]])} you rated ${fmt(vals[q])}` : name(data.items.ids[its[q]]));
    return Array.from(topK(scores, req.allowed, req.k), (i) => ({
      item: data.items.ids[i],
      score: scores[i],
      reason: `similar to ${why(best[i])}` + (second[i] >= 0 ? ` and ${why(second[i])}` : ''),
    }));
  }

  /** JSON form (options and training data; similarities are recomputed on demand). */
  toJSON(): KnnJSON {
    return { type: 'knn', options: { ...this.opts, baseline: { ...this.opts.baseline } }, data: this.data.toJSON() };
  }

  /** Restores from {@link KnnRecommender.toJSON}. */
  static fromJSON(json: unknown): KnnRecommender {
    const j = checkJSON(json, 'knn') as unknown as KnnJSON;
    return new KnnRecommender(Interactions.fromJSON(j.data), resolveKnnOptions(j.options));
  }
}

/**
 * User-based kNN (Surprise's defaults: MSD, k 40, minK 1, `KNNBasic`); see {@link KnnRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, fitUserKnn } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 5 }, { user: 'bob', item: 'Alien', value: 4 }, { user: 'bob', item: 'Up', value: 5 },
 *   { user: 'cat', item: 'Heat', value: 1 }, { user: 'cat', item: 'Up', value: 2 },
 * ]);
 * const knn = fitUserKnn(data, { similarity: 'msd', k: 10 });
 * console.log(knn.name, knn.similarity('ann', 'bob')); // user-knn 1: identical common ratings
 * console.log(knn.predict('ann', 'Up').toFixed(2)); // 4.83: bob (sim 1) rated it 5, cat (sim 1/17) rated it 2
 * ```
 */
export function fitUserKnn(data: Interactions, options: Omit<KnnOptions, 'userBased'> = {}): KnnRecommender {
  rejectUnknownOptions(options, KNN_NO_USER_BASED_OPTION_KEYS, 'fitUserKnn');
  return KnnRecommender.fit(data, { ...options, userBased: true });
}

/**
 * Item-based kNN (MSD, k 40, minK 1, `KNNBasic` unless told); see {@link KnnRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, fitItemKnn } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'u1', item: 'DSL' }, { user: 'u1', item: 'Router' },
 *   { user: 'u2', item: 'DSL' }, { user: 'u2', item: 'Router' },
 *   { user: 'u3', item: 'DSL' }, { user: 'u3', item: 'TV' },
 *   { user: 'u4', item: 'DSL' },
 * ]);
 * // implicit purchases: cosine similarity between item columns
 * const knn = fitItemKnn(data, { similarity: 'cosine' });
 * console.log(knn.name, knn.recommend('u4', { k: 2 }).map((r) => r.item)); // item-knn ['Router', 'TV']
 * console.log(knn.recommend({ items: ['Router'] }, { k: 1 })[0].item); // DSL: a visitor known only by a basket
 * ```
 */
export function fitItemKnn(data: Interactions, options: Omit<KnnOptions, 'userBased'> = {}): KnnRecommender {
  rejectUnknownOptions(options, KNN_NO_USER_BASED_OPTION_KEYS, 'fitItemKnn');
  return KnnRecommender.fit(data, { ...options, userBased: false });
}

/**
 * kNN with baselines (Surprise's `KNNBaseline`; user-based and MSD by default, `similarity:
 * 'pearson-baseline'` is the usual choice); see {@link KnnRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, fitKnnBaseline } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Alien', value: 4 }, { user: 'bob', item: 'Up', value: 3 },
 *   { user: 'cat', item: 'Heat', value: 2 }, { user: 'cat', item: 'Up', value: 1 },
 * ]);
 * const knn = fitKnnBaseline(data, { similarity: 'pearson-baseline', shrinkage: 10 });
 * console.log(knn.name, knn.options.userBased); // knn-baseline true
 * console.log(knn.predict('ann', 'Up').toFixed(2));
 * ```
 */
export function fitKnnBaseline(data: Interactions, options: Omit<KnnOptions, 'variant'> = {}): KnnRecommender {
  rejectUnknownOptions(options, KNN_BASELINE_OPTION_KEYS, 'fitKnnBaseline');
  return KnnRecommender.fit(data, { ...options, variant: 'baseline' });
}
