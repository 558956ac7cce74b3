/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren & Volinsky 2008):
 * preference p_ui = 1 for every observed (u, i) (0 otherwise), confidence c_ui = 1 + α·r_ui (r = the count
 * or value), minimising Σ_ui c_ui (p_ui − x_u·y_i)² + λ(Σ|x_u|² + Σ|y_i|²) over all pairs. Each half-sweep
 * solves, for every user, (YᵀY + Yᵀ(Cᵘ − I)Y + λI) x_u = YᵀCᵘp(u) — YᵀY computed once per sweep, so the
 * per-user cost is O(|I_u| f² + f³) exactly (`solver: 'cholesky'`) or O(steps (f² + |I_u| f)) by a few
 * warm-started conjugate-gradient steps (`solver: 'cg'`, Takács, Pilászy & Tikk 2011) — then the same
 * for the items.
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { Random } from '../../core/rng.js';
import { optionKeys, rejectUnknownOptions, requireOneOf } from '../../core/validate.js';
import { Interactions, type InteractionsJSON } from '../interactions.js';
import { itemNamer } from '../request.js';
import type { Recommendation, RecommendFor, Recommender, RecommendOptions } from '../types.js';
import {
  checkJSON,
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

/**
 * Options of {@link ImplicitAlsRecommender.fit}.
 *
 * @example
 * ```ts
 * import { Interactions, ImplicitAlsRecommender, type ImplicitAlsOptions } from 'crm-mining';
 * const views = Interactions.fromRecords([
 *   { user: 'u1', item: 'news', value: 12 }, { user: 'u1', item: 'sport', value: 3 },
 *   { user: 'u2', item: 'news', value: 7 }, { user: 'u3', item: 'films', value: 9 },
 * ], { kind: 'implicit' });
 * // Hu et al.'s setting for watching counts: confidence 1 + 40·count, exact solves
 * const options: ImplicitAlsOptions = { factors: 4, alpha: 40, regularization: 0.1, iterations: 10, solver: 'cholesky', seed: 1 };
 * console.log(ImplicitAlsRecommender.fit(views, options).recommend('u2', { k: 1 })[0].item);
 * ```
 */
export interface ImplicitAlsOptions extends CollaborativeOptions {
  /** Number of latent factors (default 100, as the `implicit` library). */
  factors?: number;
  /** Regularisation λ (default 0.01). */
  regularization?: number;
  /** Confidence slope α in c = 1 + α·r (default 1; Hu et al. used 40 on TV-watching counts). */
  alpha?: number;
  /** Number of ALS sweeps (default 15). */
  iterations?: number;
  /** `'cg'` (conjugate gradient, default) or `'cholesky'` (exact solve). */
  solver?: 'cg' | 'cholesky';
  /** Conjugate-gradient steps per solve (default 3). */
  cgSteps?: number;
  /** Seed of the initial factors, drawn N(0, 0.01²) (default 42). */
  seed?: number;
}

const IMPLICIT_ALS_OPTION_KEYS = optionKeys<ImplicitAlsOptions>({
  factors: true,
  regularization: true,
  alpha: true,
  iterations: true,
  solver: true,
  cgSteps: true,
  seed: true,
  unknown: true,
});

/**
 * The options of an {@link ImplicitAlsRecommender} with every default filled in.
 *
 * @example
 * ```ts
 * import { Interactions, ImplicitAlsRecommender, type ResolvedAlsOptions } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'u1', item: 'news' }, { user: 'u2', item: 'sport' }]);
 * const used: Readonly<ResolvedAlsOptions> = ImplicitAlsRecommender.fit(data, { factors: 2 }).options;
 * console.log(used.solver, used.cgSteps, used.alpha, used.iterations); // cg 3 1 15
 * ```
 */
export interface ResolvedAlsOptions {
  /** See the options type. */
  factors: number;
  /** See the options type. */
  regularization: number;
  /** See the options type. */
  alpha: number;
  /** See the options type. */
  iterations: number;
  /** See the options type. */
  solver: 'cg' | 'cholesky';
  /** See the options type. */
  cgSteps: number;
  /** See the options type. */
  seed: number;
  /** See the options type. */
  unknown: UnknownPolicy;
}

/**
 * The JSON form of {@link ImplicitAlsRecommender}.
 *
 * @example
 * ```ts
 * import { Interactions, ImplicitAlsRecommender, type ImplicitAlsJSON } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'u1', item: 'news' }, { user: 'u1', item: 'sport' }, { user: 'u2', item: 'news' }]);
 * const json: ImplicitAlsJSON = ImplicitAlsRecommender.fit(data, { factors: 3 }).toJSON();
 * console.log(json.type, json.userFactors.length, json.itemFactors.length); // als 6 6
 * const restored = ImplicitAlsRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(restored.recommend('u2', { k: 1 })[0].item); // sport
 * ```
 */
export interface ImplicitAlsJSON {
  /** Tag. */
  type: 'als';
  /** Options used. */
  options: ResolvedAlsOptions;
  /** User factors, row-major. */
  userFactors: number[];
  /** Item factors, row-major. */
  itemFactors: number[];
  /** Training data. */
  data: InteractionsJSON;
}

function resolveAls(o: ImplicitAlsOptions): ResolvedAlsOptions {
  return {
    factors: posInt('factors', o.factors, 100),
    regularization: nonNeg('regularization', o.regularization, 0.01),
    alpha: nonNeg('alpha', o.alpha, 1),
    iterations: posInt('iterations', o.iterations, 15, 0),
    solver: requireOneOf('solver', o.solver ?? 'cg', ['cg', 'cholesky'] as const),
    cgSteps: posInt('cgSteps', o.cgSteps, 3),
    seed: o.seed ?? 42,
    unknown: resolveUnknown(o.unknown),
  };
}

/** G = Aᵀ A (f × f) for A row-major n × f. */
function gram(a: Float64Array, n: number, f: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    const o = r * f;
    for (let p = 0; p < f; p++) {
      const v = a[o + p];
      if (v === 0) continue;
      const po = p * f;
      for (let q = p; q < f; q++) out[po + q] += v * a[o + q];
    }
  }
  for (let p = 0; p < f; p++) for (let q = 0; q < p; q++) out[p * f + q] = out[q * f + p];
}

/** In-place Cholesky of an SPD f × f matrix (lower triangle), then solves for b in place. */
function choleskySolve(m: Float64Array, f: number, b: Float64Array): void {
  for (let j = 0; j < f; j++) {
    let d = m[j * f + j];
    for (let k = 0; k < j; k++) d -= m[j * f + k] * m[j * f + k];
    d = Math.sqrt(Math.max(d, 1e-300));
    m[j * f + j] = d;
    for (let i = j + 1; i < f; i++) {
      let s = m[i * f + j];
      for (let k = 0; k < j; k++) s -= m[i * f + k] * m[j * f + k];
      m[i * f + j] = s / d;
    }
  }
  for (let i = 0; i < f; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= m[i * f + k] * b[k];
    b[i] = s / m[i * f + i];
  }
  for (let i = f - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < f; k++) s -= m[k * f + i] * b[k];
    b[i] = s / m[i * f + i];
  }
}

/**
 * Solves all rows of X given Y (one half-sweep). ptr/idx/val: the CSR of X's side. Modifies X in place.
 */
function solveSide(
  X: Float64Array,
  Y: Float64Array,
  nY: number,
  nX: number,
  ptr: Int32Array,
  idx: Int32Array,
  val: Float64Array,
  o: ResolvedAlsOptions,
): void {
  const f = o.factors;
  const YtY = new Float64Array(f * f);
  gram(Y, nY, f, YtY);
  for (let p = 0; p < f; p++) YtY[p * f + p] += o.regularization;
  const alpha = o.alpha;
  const r = new Float64Array(f);
  const pvec = new Float64Array(f);
  const ap = new Float64Array(f);
  const A = new Float64Array(f * f);
  const b = new Float64Array(f);
  for (let x = 0; x < nX; x++) {
    const a0 = ptr[x];
    const a1 = ptr[x + 1];
    const xo = x * f;
    if (a1 === a0) {
      for (let k = 0; k < f; k++) X[xo + k] = 0;
      continue;
    }
    if (o.solver === 'cholesky') {
      A.set(YtY);
      b.fill(0);
      for (let e = a0; e < a1; e++) {
        const yo = idx[e] * f;
        const c = 1 + alpha * val[e];
        for (let p = 0; p < f; p++) {
          const v = Y[yo + p];
          b[p] += c * v;
          const w = (c - 1) * v;
          const po = p * f;
          for (let q = 0; q <= p; q++) A[po + q] += w * Y[yo + q];
        }
      }
      for (let p = 0; p < f; p++) for (let q = p + 1; q < f; q++) A[p * f + q] = A[q * f + p];
      choleskySolve(A, f, b);
      for (let k = 0; k < f; k++) X[xo + k] = b[k];
      continue;
    }
    // Conjugate gradient, warm-started at the current x: r = b − A x.
    for (let p = 0; p < f; p++) {
      let s = 0;
      const po = p * f;
      for (let q = 0; q < f; q++) s -= YtY[po + q] * X[xo + q];
      r[p] = s;
    }
    for (let e = a0; e < a1; e++) {
      const yo = idx[e] * f;
      const c = 1 + alpha * val[e];
      let dot = 0;
      for (let k = 0; k < f; k++) dot += Y[yo + k] * X[xo + k];
      const coef = c - (c - 1) * dot;
      for (let k = 0; k < f; k++) r[k] += coef * Y[yo + k];
    }
    let rs = 0;
    for (let k = 0; k < f; k++) {
      pvec[k] = r[k];
      rs += r[k] * r[k];
    }
    for (let step = 0; step < o.cgSteps && rs > 1e-20; step++) {
      for (let p = 0; p < f; p++) {
        let s = 0;
        const po = p * f;
        for (let q = 0; q < f; q++) s += YtY[po + q] * pvec[q];
        ap[p] = s;
      }
      for (let e = a0; e < a1; e++) {
        const yo = idx[e] * f;
        const c = 1 + alpha * val[e];
        let dot = 0;
        for (let k = 0; k < f; k++) dot += Y[yo + k] * pvec[k];
        const w = (c - 1) * dot;
        for (let k = 0; k < f; k++) ap[k] += w * Y[yo + k];
      }
      let pap = 0;
      for (let k = 0; k < f; k++) pap += pvec[k] * ap[k];
      if (!(pap > 0)) break;
      const step_ = rs / pap;
      let rsNew = 0;
      for (let k = 0; k < f; k++) {
        X[xo + k] += step_ * pvec[k];
        r[k] -= step_ * ap[k];
        rsNew += r[k] * r[k];
      }
      const beta = rsNew / rs;
      for (let k = 0; k < f; k++) pvec[k] = r[k] + beta * pvec[k];
      rs = rsNew;
    }
  }
}

/**
 * Implicit-feedback ALS (see the module notes). Scores are x_u·y_i (a preference estimate, not a rating:
 * the family does not implement `predict`). A profile with items (and optional counts) for an unknown
 * user is folded in by one exact least-squares solve against the item factors; an unknown user without
 * profile items gets the most popular items. Reasons name the two consumed items that contribute most
 * (c_uj · y_i·y_j): `"users who liked X and Y also liked this"`.
 *
 * @example
 * ```ts
 * import { Interactions, ImplicitAlsRecommender } from 'crm-mining';
 * const purchases = Interactions.fromRecords([
 *   { user: 'c1', item: 'DSL' }, { user: 'c1', item: 'Router' }, { user: 'c1', item: 'Backup' },
 *   { user: 'c2', item: 'DSL' }, { user: 'c2', item: 'Router' },
 *   { user: 'c3', item: 'TV' }, { user: 'c3', item: 'Streaming' },
 *   { user: 'c4', item: 'TV' },
 * ]);
 * const als = ImplicitAlsRecommender.fit(purchases, { factors: 4, alpha: 10, seed: 5 });
 * console.log(als.recommend('c2', { k: 1 })[0]); // Backup, reason 'users who liked … also liked this'
 * // a visitor known only by a basket is folded in against the item factors
 * console.log(als.recommend({ items: ['TV'] }, { k: 1 })[0].item); // Streaming
 * ```
 */
export class ImplicitAlsRecommender implements Recommender {
  /** `'als'`. */
  readonly name = 'als';
  /** The training data. */
  readonly data: Interactions;
  /** x_u, row-major nUsers × factors. */
  readonly userFactors: Float64Array;
  /** y_i, row-major nItems × factors. */
  readonly itemFactors: Float64Array;
  private readonly opts: ResolvedAlsOptions;

  private constructor(data: Interactions, opts: ResolvedAlsOptions, xu: Float64Array, yi: Float64Array) {
    this.data = data;
    this.opts = opts;
    this.userFactors = xu;
    this.itemFactors = yi;
  }

  /** The options in effect. */
  get options(): Readonly<ResolvedAlsOptions> {
    return this.opts;
  }

  /**
   * Trains by alternating least squares.
   *
   * @param data - implicit counts (or explicit values, used as r in c = 1 + α·r).
   * @param options - see {@link ImplicitAlsOptions} (defaults: 100 factors, λ 0.01, α 1, 15 iterations,
   *   conjugate gradient with 3 steps, seed 42).
   * @throws InvalidInputError for empty data; InvalidOptionError for a bad option.
   */
  static fit(data: Interactions, options: ImplicitAlsOptions = {}): ImplicitAlsRecommender {
    rejectUnknownOptions(options, IMPLICIT_ALS_OPTION_KEYS, 'ImplicitAlsRecommender.fit');
    requireTraining(data, 'ImplicitAlsRecommender.fit');
    const o = resolveAls(options);
    const f = o.factors;
    const rng = new Random(o.seed);
    const xu = new Float64Array(data.nUsers * f);
    const yi = new Float64Array(data.nItems * f);
    for (let k = 0; k < xu.length; k++) xu[k] = 0.01 * rng.normal();
    for (let k = 0; k < yi.length; k++) yi[k] = 0.01 * rng.normal();
    for (let it = 0; it < o.iterations; it++) {
      solveSide(xu, yi, data.nItems, data.nUsers, data.userPtr, data.userItems, data.userValues, o);
      solveSide(yi, xu, data.nUsers, data.nItems, data.itemPtr, data.itemUsers, data.itemValues, o);
    }
    return new ImplicitAlsRecommender(data, o, xu, yi);
  }

  /** The user vector for a request: the fitted one, or a fold-in of the profile's items. */
  private userVector(user: number, items: Int32Array, values: Float64Array, hasValues: boolean): Float64Array | undefined {
    const f = this.opts.factors;
    if (items.length === 0) return user >= 0 ? this.userFactors.subarray(user * f, user * f + f) : undefined;
    const ptr = Int32Array.of(0, items.length);
    const vals = hasValues ? values : new Float64Array(items.length).fill(1);
    const x = new Float64Array(f);
    solveSide(x, this.itemFactors, this.data.nItems, 1, ptr, items, vals, { ...this.opts, solver: 'cholesky' });
    return x;
  }

  /** Top-k by x_u·y_i; reasons name the consumed items that contribute most. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const data = this.data;
    const req = resolveRequest(data, forWhom, options, this.opts.unknown, 'ImplicitAlsRecommender.recommend');
    const f = this.opts.factors;
    let its = req.profileItems;
    let vals = req.profileValues;
    const hasValues = typeof forWhom === 'object' && forWhom.items !== undefined && !Array.isArray(forWhom.items);
    const x = this.userVector(its.length > 0 ? -1 : req.user, its, vals, hasValues);
    if (!x) return popularFallback(data, req);
    if (its.length === 0) {
      its = data.userItems.subarray(data.userPtr[req.user], data.userPtr[req.user + 1]);
      vals = data.userValues.subarray(data.userPtr[req.user], data.userPtr[req.user + 1]);
    }
    const Y = this.itemFactors;
    const nI = data.nItems;
    const scores = new Float64Array(nI);
    for (let i = 0; i < nI; i++) {
      if (!req.allowed[i]) continue;
      let s = 0;
      const io = i * f;
      for (let k = 0; k < f; k++) s += x[k] * Y[io + k];
      scores[i] = s;
    }
    const alpha = this.opts.alpha;
    const name = itemNamer(options, 'ImplicitAlsRecommender.recommend');
    return Array.from(topK(scores, req.allowed, req.k), (i) => {
      let b1 = -1;
      let b2 = -1;
      let s1 = -Infinity;
      let s2 = -Infinity;
      const io = i * f;
      for (let q = 0; q < its.length; q++) {
        const jo = its[q] * f;
        let d = 0;
        for (let k = 0; k < f; k++) d += Y[io + k] * Y[jo + k];
        const c = (1 + alpha * vals[q]) * d;
        if (c > s1) {
          b2 = b1;
          s2 = s1;
          b1 = q;
          s1 = c;
        } else if (c > s2) {
          b2 = q;
          s2 = c;
        }
      }
      const names = [b1, b2].filter((q) => q >= 0).map((q) => name(data.items.ids[its[q]]));
      return { item: data.items.ids[i], score: scores[i], reason: `users who liked ${names.join(' and ')} also liked this` };
    });
  }

  /** JSON form. */
  toJSON(): ImplicitAlsJSON {
    return {
      type: 'als',
      options: { ...this.opts },
      userFactors: Array.from(this.userFactors),
      itemFactors: Array.from(this.itemFactors),
      data: this.data.toJSON(),
    };
  }

  /** Restores from {@link ImplicitAlsRecommender.toJSON}. */
  static fromJSON(json: unknown): ImplicitAlsRecommender {
    const j = checkJSON(json, 'als') as unknown as ImplicitAlsJSON;
    const data = Interactions.fromJSON(j.data);
    const o = resolveAls(j.options ?? {});
    if (j.userFactors?.length !== data.nUsers * o.factors || j.itemFactors?.length !== data.nItems * o.factors) {
      throw new InvalidInputError('als JSON: factor matrices do not match the data');
    }
    return new ImplicitAlsRecommender(data, o, Float64Array.from(j.userFactors), Float64Array.from(j.itemFactors));
  }
}
