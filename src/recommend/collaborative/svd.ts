/**
 * Biased matrix factorisation ("SVD", Funk 2006; Koren, Bell & Volinsky 2009) trained by stochastic
 * gradient descent with Surprise's defaults: r̂_ui = μ + b_u + b_i + q_i·p_u, minimising
 * Σ (r_ui − r̂_ui)² + λ(b_u² + b_i² + |p_u|² + |q_i|²). For each rating, in user order (Surprise's
 * `all_ratings` order, users and their ratings in a seeded random order; `shuffle: true` visits them in a fresh seeded order each epoch):
 * e = r − r̂; b_u += γ(e − λ b_u); b_i += γ(e − λ b_i); p_u += γ(e q_i − λ p_u); q_i += γ(e p_u − λ q_i)
 * (both factor updates use the old values).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { Random } from '../../core/rng.js';
import { optionKeys, rejectUnknownOptions } from '../../core/validate.js';
import { Interactions, type InteractionsJSON } from '../interactions.js';
import type { RatingPredictor, Recommendation, RecommendFor, RecommendOptions } from '../types.js';
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
 * Options of {@link SvdRecommender.fit}.
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender, type SvdOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 4 }, { user: 'bob', item: 'Up', value: 2 },
 * ]);
 * const options: SvdOptions = { factors: 8, epochs: 50, learningRate: 0.01, regularization: 0.05, seed: 3, trackLoss: true };
 * const svd = SvdRecommender.fit(data, options);
 * console.log(svd.lossHistory.length, svd.lossHistory[49] < svd.lossHistory[0]); // 50 true
 * ```
 */
export interface SvdOptions extends CollaborativeOptions {
  /** Number of latent factors (default 100). */
  factors?: number;
  /** Number of SGD epochs (default 20). */
  epochs?: number;
  /** Learning rate γ for every parameter (default 0.005). */
  learningRate?: number;
  /** Regularisation λ for every parameter (default 0.02). */
  regularization?: number;
  /** Mean of the initial factors (default 0). */
  initMean?: number;
  /** Standard deviation of the initial factors (default 0.1). */
  initStd?: number;
  /** Whether to learn the biases b_u, b_i (default true; false gives plain "PMF"-style factorisation). */
  biased?: boolean;
  /**
   * Visit all ratings in a new random order each epoch (default false: a fixed order drawn once from the
   * seed, users in random order and each user's ratings together, as Surprise visits them).
   */
  shuffle?: boolean;
  /** Seed of the factor initialisation (and shuffling) (default 42). */
  seed?: number;
  /** Record the regularised training loss after each epoch in `lossHistory` (default false). */
  trackLoss?: boolean;
}

/**
 * The options of an {@link SvdRecommender} with every default filled in.
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender, type ResolvedSvdOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Heat', value: 3 }]);
 * const used: Readonly<ResolvedSvdOptions> = SvdRecommender.fit(data, { factors: 4 }).options;
 * console.log(used.factors, used.epochs, used.learningRate, used.regularization, used.seed); // 4 20 0.005 0.02 42
 * ```
 */
export interface ResolvedSvdOptions {
  /** See the options type. */
  factors: number;
  /** See the options type. */
  epochs: number;
  /** See the options type. */
  learningRate: number;
  /** See the options type. */
  regularization: number;
  /** See the options type. */
  initMean: number;
  /** See the options type. */
  initStd: number;
  /** See the options type. */
  biased: boolean;
  /** See the options type. */
  shuffle: boolean;
  /** See the options type. */
  seed: number;
  /** See the options type. */
  trackLoss: boolean;
  /** See the options type. */
  unknown: UnknownPolicy;
}

/**
 * The JSON form of {@link SvdRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender, type SvdJSON } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'Heat', value: 5 }, { user: 'bob', item: 'Up', value: 3 }]);
 * const svd = SvdRecommender.fit(data, { factors: 2 });
 * const json: SvdJSON = svd.toJSON();
 * console.log(json.userFactors.length, json.itemFactors.length); // 4 4: row-major, 2 users/items × 2 factors
 * const restored = SvdRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(restored.predict('ann', 'Up') === svd.predict('ann', 'Up')); // true
 * ```
 */
export interface SvdJSON {
  /** Tag. */
  type: 'svd';
  /** Options used. */
  options: ResolvedSvdOptions;
  /** Global mean. */
  mean: number;
  /** User biases. */
  userBias: number[];
  /** Item biases. */
  itemBias: number[];
  /** User factors, row-major nUsers × factors. */
  userFactors: number[];
  /** Item factors, row-major nItems × factors. */
  itemFactors: number[];
  /** Loss per epoch (empty unless trackLoss). */
  lossHistory: number[];
  /** Training data. */
  data: InteractionsJSON;
}

const SVD_OPTION_KEYS = optionKeys<SvdOptions>({
  factors: true,
  epochs: true,
  learningRate: true,
  regularization: true,
  initMean: true,
  initStd: true,
  biased: true,
  shuffle: true,
  seed: true,
  trackLoss: true,
  unknown: true,
});

function resolveSvd(o: SvdOptions): ResolvedSvdOptions {
  rejectUnknownOptions(o, SVD_OPTION_KEYS, 'SvdRecommender.fit');
  const fin = (name: string, v: unknown, d: number): number => {
    if (v === undefined) return d;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidOptionError(name, `expected a finite number, got ${String(v)}`);
    return v;
  };
  return {
    factors: posInt('factors', o.factors, 100),
    epochs: posInt('epochs', o.epochs, 20, 0),
    learningRate: nonNeg('learningRate', o.learningRate, 0.005),
    regularization: nonNeg('regularization', o.regularization, 0.02),
    initMean: fin('initMean', o.initMean, 0),
    initStd: nonNeg('initStd', o.initStd, 0.1),
    biased: o.biased ?? true,
    shuffle: o.shuffle ?? false,
    seed: fin('seed', o.seed, 42),
    trackLoss: o.trackLoss ?? false,
    unknown: resolveUnknown(o.unknown),
  };
}

/**
 * Biased matrix factorisation trained by SGD (Surprise's `SVD`). `predict`: μ, plus b_u when the user is
 * known, plus b_i when the item is known, plus q_i·p_u when both are; clipped to the scale (or a typed
 * error for unknown ids under `unknown: 'error'`). `recommend` ranks by the predicted rating (unknown
 * users: the most popular items).
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'Heat', value: 5 }, { user: 'ann', item: 'Alien', value: 4 },
 *   { user: 'bob', item: 'Heat', value: 5 }, { user: 'bob', item: 'Alien', value: 5 }, { user: 'bob', item: 'Up', value: 2 },
 *   { user: 'cat', item: 'Up', value: 4 }, { user: 'cat', item: 'Solaris', value: 5 },
 * ], { scale: [1, 5] });
 * const svd = SvdRecommender.fit(data, { factors: 10, epochs: 100, learningRate: 0.01, seed: 7 });
 * console.log(svd.predict('ann', 'Up').toFixed(2)); // clipped to [1, 5]
 * console.log(svd.recommend('ann', { k: 2 })); // ranked by predicted rating, reason 'predicted rating …'
 * ```
 */
export class SvdRecommender implements RatingPredictor, BatchPredictor {
  /** `'svd'`. */
  readonly name = 'svd';
  /** The training data. */
  readonly data: Interactions;
  /** The global mean μ. */
  readonly mean: number;
  /** b_u per user. */
  readonly userBias: Float64Array;
  /** b_i per item. */
  readonly itemBias: Float64Array;
  /** p_u, row-major nUsers × factors. */
  readonly userFactors: Float64Array;
  /** q_i, row-major nItems × factors. */
  readonly itemFactors: Float64Array;
  /** The regularised training loss after each epoch (empty unless `trackLoss`). */
  readonly lossHistory: Float64Array;
  private readonly opts: ResolvedSvdOptions;

  private constructor(data: Interactions, opts: ResolvedSvdOptions, p: { mean: number; bu: Float64Array; bi: Float64Array; pu: Float64Array; qi: Float64Array; loss: Float64Array }) {
    this.data = data;
    this.opts = opts;
    this.mean = p.mean;
    this.userBias = p.bu;
    this.itemBias = p.bi;
    this.userFactors = p.pu;
    this.itemFactors = p.qi;
    this.lossHistory = p.loss;
  }

  /** The options in effect. */
  get options(): Readonly<ResolvedSvdOptions> {
    return this.opts;
  }

  /**
   * Trains by SGD.
   *
   * @param data - explicit ratings.
   * @param options - see {@link SvdOptions} (defaults: 100 factors, 20 epochs, learning rate 0.005,
   *   regularisation 0.02, initial factors N(0, 0.1), seed 42).
   * @throws InvalidInputError for empty or implicit data; InvalidOptionError for a bad option.
   */
  static fit(data: Interactions, options: SvdOptions = {}): SvdRecommender {
    requireTraining(data, 'SvdRecommender.fit', true);
    const o = resolveSvd(options);
    const f = o.factors;
    const nU = data.nUsers;
    const nI = data.nItems;
    const rng = new Random(o.seed);
    const pu = new Float64Array(nU * f);
    const qi = new Float64Array(nI * f);
    for (let k = 0; k < pu.length; k++) pu[k] = o.initMean + o.initStd * rng.normal();
    for (let k = 0; k < qi.length; k++) qi[k] = o.initMean + o.initStd * rng.normal();
    const bu = new Float64Array(nU);
    const bi = new Float64Array(nI);
    const mu = data.globalMean;
    const lr = o.learningRate;
    const reg = o.regularization;
    const nnz = data.nnz;
    const eu = data.entryUser;
    const ei = data.userItems;
    const ev = data.userValues;
    // Visiting order: Surprise's `all_ratings` after its shuffled split is "users in a random order, each
    // user's ratings in a random order", fixed across epochs; this draws that order from the seed.
    const order = new Int32Array(nnz);
    {
      const users = new Int32Array(nU);
      for (let u = 0; u < nU; u++) users[u] = u;
      shuffleInPlace(users, 0, nU, rng);
      let q = 0;
      for (let t = 0; t < nU; t++) {
        const u = users[t];
        const a = q;
        for (let e = data.userPtr[u]; e < data.userPtr[u + 1]; e++) order[q++] = e;
        shuffleInPlace(order, a, q, rng);
      }
    }
    const loss = new Float64Array(o.trackLoss ? o.epochs : 0);
    const biased = o.biased;
    for (let ep = 0; ep < o.epochs; ep++) {
      if (o.shuffle) shuffleInPlace(order, 0, nnz, rng);
      sgdEpoch(order, eu, ei, ev, pu, qi, bu, bi, f, mu, lr, reg, biased);
      if (o.trackLoss) loss[ep] = trainingLoss(eu, ei, ev, pu, qi, bu, bi, f, mu, reg);
    }
    return new SvdRecommender(data, o, { mean: mu, bu, bi, pu, qi, loss });
  }

  private estimate(u: number, i: number): number {
    let est = this.mean;
    if (u >= 0) est += this.userBias[u];
    if (i >= 0) est += this.itemBias[i];
    if (u >= 0 && i >= 0) {
      const f = this.opts.factors;
      const pu = this.userFactors;
      const qi = this.itemFactors;
      const uo = u * f;
      const io = i * f;
      for (let k = 0; k < f; k++) est += qi[io + k] * pu[uo + k];
    }
    return clip(est, this.data.scale.min, this.data.scale.max);
  }

  /** The predicted rating, clipped to the scale. */
  predict(user: string, item: string): number {
    const [u, i] = lookupPair(this.data, user, item, this.opts.unknown, 'SvdRecommender.predict');
    return this.estimate(u, i);
  }

  /** Predictions for many pairs. */
  predictMany(users: readonly string[], items: readonly string[]): Float64Array {
    if (users.length !== items.length) throw new InvalidInputError(`predictMany: ${users.length} users but ${items.length} items`);
    const out = new Float64Array(users.length);
    for (let q = 0; q < users.length; q++) {
      const [u, i] = lookupPair(this.data, users[q], items[q], this.opts.unknown, 'SvdRecommender.predictMany');
      out[q] = this.estimate(u, i);
    }
    return out;
  }

  /** Top-k by predicted rating; reason `"predicted rating 4.6"`. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const req = resolveRequest(this.data, forWhom, options, this.opts.unknown, 'SvdRecommender.recommend');
    if (req.user < 0) return popularFallback(this.data, req);
    const scores = new Float64Array(this.data.nItems);
    for (let i = 0; i < scores.length; i++) scores[i] = req.allowed[i] ? this.estimate(req.user, i) : -Infinity;
    return Array.from(topK(scores, req.allowed, req.k), (i) => ({
      item: this.data.items.ids[i],
      score: scores[i],
      reason: `predicted rating ${fmt(scores[i])}`,
    }));
  }

  /** JSON form. */
  toJSON(): SvdJSON {
    return {
      type: 'svd',
      options: { ...this.opts },
      mean: this.mean,
      userBias: Array.from(this.userBias),
      itemBias: Array.from(this.itemBias),
      userFactors: Array.from(this.userFactors),
      itemFactors: Array.from(this.itemFactors),
      lossHistory: Array.from(this.lossHistory),
      data: this.data.toJSON(),
    };
  }

  /** Restores from {@link SvdRecommender.toJSON}. */
  static fromJSON(json: unknown): SvdRecommender {
    const j = checkJSON(json, 'svd') as unknown as SvdJSON;
    const data = Interactions.fromJSON(j.data);
    const o = resolveSvd(j.options ?? {});
    if (j.userFactors?.length !== data.nUsers * o.factors || j.itemFactors?.length !== data.nItems * o.factors) {
      throw new InvalidInputError('svd JSON: factor matrices do not match the data and the number of factors');
    }
    return new SvdRecommender(data, o, {
      mean: Number(j.mean),
      bu: Float64Array.from(j.userBias),
      bi: Float64Array.from(j.itemBias),
      pu: Float64Array.from(j.userFactors),
      qi: Float64Array.from(j.itemFactors),
      loss: Float64Array.from(j.lossHistory ?? []),
    });
  }
}

/**
 * One SGD pass over the ratings in `order` (the update rules of the module notes). Kept as a separate
 * function with every loop invariant a parameter, so that V8 optimises it as a whole function (rather
 * than by on-stack replacement of the epoch loop inside `fit`); the factor loops are unrolled by four.
 * The arithmetic is exactly that of the plain loops: the dot product is accumulated in the same order
 * (k = 0, 1, ..., f − 1, one accumulator) and each factor update uses the same expression.
 */
function sgdEpoch(
  order: Int32Array,
  eu: Int32Array,
  ei: Int32Array,
  ev: Float64Array,
  pu: Float64Array,
  qi: Float64Array,
  bu: Float64Array,
  bi: Float64Array,
  f: number,
  mu: number,
  lr: number,
  reg: number,
  biased: boolean,
): void {
  const nnz = order.length;
  const f4 = f - (f % 4);
  for (let q = 0; q < nnz; q++) {
    const e = order[q];
    const u = eu[e];
    const i = ei[e];
    const uo = u * f;
    const io = i * f;
    const ue4 = uo + f4;
    const ue = uo + f;
    let dot = 0;
    let a = uo;
    let b = io;
    for (; a < ue4; a += 4, b += 4) {
      dot += qi[b] * pu[a];
      dot += qi[b + 1] * pu[a + 1];
      dot += qi[b + 2] * pu[a + 2];
      dot += qi[b + 3] * pu[a + 3];
    }
    for (; a < ue; a++, b++) dot += qi[b] * pu[a];
    const err = ev[e] - (mu + bu[u] + bi[i] + dot);
    if (biased) {
      bu[u] += lr * (err - reg * bu[u]);
      bi[i] += lr * (err - reg * bi[i]);
    }
    for (a = uo, b = io; a < ue4; a += 4, b += 4) {
      const p0 = pu[a];
      const p1 = pu[a + 1];
      const p2 = pu[a + 2];
      const p3 = pu[a + 3];
      const q0 = qi[b];
      const q1 = qi[b + 1];
      const q2 = qi[b + 2];
      const q3 = qi[b + 3];
      pu[a] = p0 + lr * (err * q0 - reg * p0);
      pu[a + 1] = p1 + lr * (err * q1 - reg * p1);
      pu[a + 2] = p2 + lr * (err * q2 - reg * p2);
      pu[a + 3] = p3 + lr * (err * q3 - reg * p3);
      qi[b] = q0 + lr * (err * p0 - reg * q0);
      qi[b + 1] = q1 + lr * (err * p1 - reg * q1);
      qi[b + 2] = q2 + lr * (err * p2 - reg * q2);
      qi[b + 3] = q3 + lr * (err * p3 - reg * q3);
    }
    for (; a < ue; a++, b++) {
      const p0 = pu[a];
      const q0 = qi[b];
      pu[a] = p0 + lr * (err * q0 - reg * p0);
      qi[b] = q0 + lr * (err * p0 - reg * q0);
    }
  }
}

/** The regularised training loss Σ e² + λ(Σ b_u² + Σ b_i² + Σ |p_u|² + Σ |q_i|²). */
function trainingLoss(
  eu: Int32Array,
  ei: Int32Array,
  ev: Float64Array,
  pu: Float64Array,
  qi: Float64Array,
  bu: Float64Array,
  bi: Float64Array,
  f: number,
  mu: number,
  reg: number,
): number {
  const nnz = ev.length;
  let l = 0;
  for (let e = 0; e < nnz; e++) {
    const uo = eu[e] * f;
    const io = ei[e] * f;
    let dot = 0;
    for (let k = 0; k < f; k++) dot += qi[io + k] * pu[uo + k];
    const err = ev[e] - (mu + bu[eu[e]] + bi[ei[e]] + dot);
    l += err * err;
  }
  let r = 0;
  for (let k = 0; k < bu.length; k++) r += bu[k] * bu[k];
  for (let k = 0; k < bi.length; k++) r += bi[k] * bi[k];
  for (let k = 0; k < pu.length; k++) r += pu[k] * pu[k];
  for (let k = 0; k < qi.length; k++) r += qi[k] * qi[k];
  return l + reg * r;
}

function shuffleInPlace(a: Int32Array, from: number, to: number, rng: Random): void {
  for (let x = to - 1; x > from; x--) {
    const y = from + rng.int(x - from + 1);
    const t = a[x];
    a[x] = a[y];
    a[y] = t;
  }
}
