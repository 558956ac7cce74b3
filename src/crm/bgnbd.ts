/**
 * The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting your customers the easy way"):
 * while alive, a customer buys in a Poisson process with rate λ ~ Gamma(r, α); after each purchase the
 * customer drops out with probability p ~ Beta(a, b). Fitted by maximum likelihood on each customer's
 * (x, t_x, T): repeat purchases, time of the last purchase and time observed, both from the first
 * purchase.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { minimizeBfgs } from '../core/optimize.js';
import type { BfgsOptions } from '../core/optimize.js';
import { digamma, hyp2f1, logGamma } from '../core/special.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * Per-customer inputs of the BG/NBD model (the lifetimes package's names).
 *
 * @example
 * ```ts
 * import { bgnbdNegativeLogLikelihood, type BgNbdData } from 'crm-mining';
 * // Three customers, times in weeks: x repeat purchases, the last at t_x, observed for T weeks.
 * const data: BgNbdData = { frequency: [0, 2, 5], recency: [0, 10.5, 30], T: [12, 20, 32] };
 * console.log(bgnbdNegativeLogLikelihood(data, { r: 0.5, alpha: 5, a: 0.8, b: 2.5 }).toFixed(3)); // 24.477
 * ```
 */
export interface BgNbdData {
  /** x: repeat purchases (an integer ≥ 0). */
  frequency: ArrayLike<number>;
  /** t_x: time from the first to the last purchase (0 when x = 0). */
  recency: ArrayLike<number>;
  /** T: time from the first purchase to the end of observation (≥ t_x, > 0). */
  T: ArrayLike<number>;
}

/**
 * The four BG/NBD parameters.
 *
 * @example
 * ```ts
 * import { BgNbdModel, type BgNbdParameters } from 'crm-mining';
 * // The CDNOW estimates of Fader, Hardie & Lee (2005), in weeks.
 * const params: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
 * const model = new BgNbdModel(params);
 * console.log(model.expectedPurchases(52).toFixed(3)); // 1.446 purchases in a new customer's first year
 * ```
 */
export interface BgNbdParameters {
  /** Shape of the gamma distribution of purchase rates. */
  r: number;
  /** Scale parameter (rate) of the gamma distribution of purchase rates, in the data's time unit. */
  alpha: number;
  /** First shape of the beta distribution of drop-out probabilities. */
  a: number;
  /** Second shape of the beta distribution of drop-out probabilities. */
  b: number;
}

/**
 * A fitted BG/NBD model as JSON: the parameters and the log-likelihood at them.
 *
 * @example
 * ```ts
 * import { BgNbdModel, type BgNbdJson } from 'crm-mining';
 * const saved: BgNbdJson = JSON.parse('{"r":0.243,"alpha":4.414,"a":0.793,"b":2.426,"logLikelihood":-9582.43}');
 * const model = BgNbdModel.fromJSON(saved);
 * console.log(model.r, model.logLikelihood); // 0.243 -9582.43
 * ```
 */
export interface BgNbdJson extends BgNbdParameters {
  /** The maximised log-likelihood (a negative number; its negation is the usual "negative log-likelihood"). */
  logLikelihood: number;
}

/**
 * Options of {@link fitBgNbd}.
 *
 * @example
 * ```ts
 * import { fitBgNbd, type BgNbdFitOptions } from 'crm-mining';
 * declare const x: number[], tx: number[], T: number[];
 * // Start near a previous fit and allow more iterations.
 * const options: BgNbdFitOptions = { start: { r: 0.25, alpha: 4, a: 0.8, b: 2.4 }, optimizer: { maxIterations: 5000 } };
 * const model = fitBgNbd({ frequency: x, recency: tx, T }, options);
 * console.log(model.toJSON());
 * ```
 */
export interface BgNbdFitOptions {
  /** Starting parameters (default r = 1, α = mean T, a = 1, b = 1). */
  start?: Partial<BgNbdParameters>;
  /** BFGS settings (default gradient tolerance 1e-9 on the log-parameters, 1000 iterations). */
  optimizer?: BfgsOptions;
}

const BGNBD_FIT_OPTION_KEYS = optionKeys<BgNbdFitOptions>({
  start: true,
  optimizer: true,
});

/** Checked, compact data: distinct x values and, per customer, an index into them. */
interface PreparedData {
  n: number;
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  xIndex: Int32Array;
  xs: Float64Array;
}

function prepare(data: BgNbdData): PreparedData {
  const { frequency, recency, T } = data;
  const n = frequency?.length ?? 0;
  if (n === 0) throw new InvalidInputError('BG/NBD: no customers', { field: 'frequency' });
  if (recency?.length !== n || T?.length !== n) {
    throw new InvalidInputError(`BG/NBD: frequency, recency and T differ in length (${n}, ${recency?.length}, ${T?.length})`);
  }
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const tt = new Float64Array(n);
  const xIndex = new Int32Array(n);
  const seen = new Map<number, number>();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = frequency[i];
    const ri = recency[i];
    const Ti = T[i];
    if (!Number.isInteger(xi) || xi < 0) throw new InvalidInputError(`BG/NBD: row ${i}: frequency ${xi} is not an integer >= 0`, { row: i, field: 'frequency' });
    if (!Number.isFinite(ri) || ri < 0) throw new InvalidInputError(`BG/NBD: row ${i}: recency ${ri} is not a finite number >= 0`, { row: i, field: 'recency' });
    if (!Number.isFinite(Ti) || !(Ti > 0)) throw new InvalidInputError(`BG/NBD: row ${i}: T ${Ti} is not a finite number > 0`, { row: i, field: 'T' });
    if (ri > Ti * (1 + 1e-12)) throw new InvalidInputError(`BG/NBD: row ${i}: recency ${ri} is greater than T ${Ti}`, { row: i, field: 'recency' });
    if (xi > 0 && !(ri > 0)) throw new InvalidInputError(`BG/NBD: row ${i}: frequency ${xi} > 0 needs recency > 0, got ${ri}`, { row: i, field: 'recency' });
    x[i] = xi;
    tx[i] = ri;
    tt[i] = Ti;
    let k = seen.get(xi);
    if (k === undefined) {
      k = xs.length;
      xs.push(xi);
      seen.set(xi, k);
    }
    xIndex[i] = k;
  }
  return { n, x, tx, T: tt, xIndex, xs: Float64Array.from(xs) };
}

/**
 * The BG/NBD negative log-likelihood and its gradient with respect to the log-parameters
 * (ln r, ln α, ln a, ln b). Per customer, with A₁…A₄ as in Fader, Hardie & Lee (2005):
 * ln L = A₁ + A₂ + ln(e^{A₃} + δ_{x>0} e^{A₄}), where
 * A₁ = ln Γ(r + x) − ln Γ(r) + r ln α, A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x),
 * A₃ = −(r + x) ln(α + T), A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + t_x).
 */
function objective(d: PreparedData): (theta: Float64Array, grad: Float64Array) => number {
  const m = d.xs.length;
  const lgx = new Float64Array(m);
  const dRx = new Float64Array(m);
  const dAx = new Float64Array(m);
  const dBx = new Float64Array(m);
  return (theta, grad) => {
    const r = Math.exp(theta[0]);
    const alpha = Math.exp(theta[1]);
    const a = Math.exp(theta[2]);
    const b = Math.exp(theta[3]);
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) {
      grad.fill(NaN);
      return NaN;
    }
    const lgr = logGamma(r);
    const lgab = logGamma(a + b);
    const lgb = logGamma(b);
    const psr = digamma(r);
    const psab = digamma(a + b);
    const psb = digamma(b);
    for (let k = 0; k < m; k++) {
      const x = d.xs[k];
      lgx[k] = logGamma(r + x) - lgr + lgab + logGamma(b + x) - lgb - logGamma(a + b + x);
      const psabx = digamma(a + b + x);
      dRx[k] = digamma(r + x) - psr;
      dAx[k] = psab - psabx;
      dBx[k] = psab + digamma(b + x) - psb - psabx;
    }
    const lnAlpha = Math.log(alpha);
    const lnA = Math.log(a);
    let ll = 0;
    let gr = 0;
    let gal = 0;
    let ga = 0;
    let gb = 0;
    for (let i = 0; i < d.n; i++) {
      const k = d.xIndex[i];
      const x = d.x[i];
      const rx = r + x;
      const lnAT = Math.log(alpha + d.T[i]);
      const a3 = -rx * lnAT;
      let lse: number;
      let w4 = 0;
      let lnAtx = 0;
      if (x > 0) {
        lnAtx = Math.log(alpha + d.tx[i]);
        const a4 = lnA - Math.log(b + x - 1) - rx * lnAtx;
        const mx = a3 > a4 ? a3 : a4;
        const e3 = Math.exp(a3 - mx);
        const e4 = Math.exp(a4 - mx);
        lse = mx + Math.log(e3 + e4);
        w4 = e4 / (e3 + e4);
      } else {
        lse = a3;
      }
      const w3 = 1 - w4;
      ll += lgx[k] + r * lnAlpha + lse;
      gr += dRx[k] + lnAlpha - w3 * lnAT - w4 * lnAtx;
      gal += r / alpha - (w3 * rx) / (alpha + d.T[i]) - (x > 0 ? (w4 * rx) / (alpha + d.tx[i]) : 0);
      ga += dAx[k] + w4 / a;
      gb += dBx[k] - (x > 0 ? w4 / (b + x - 1) : 0);
    }
    grad[0] = -gr * r;
    grad[1] = -gal * alpha;
    grad[2] = -ga * a;
    grad[3] = -gb * b;
    return -ll;
  };
}

/**
 * The BG/NBD negative log-likelihood of data at given parameters, and its gradient with respect to the
 * log-parameters (ln r, ln α, ln a, ln b) written into `gradient` when given (exported for checks).
 *
 * @param data - per-customer x, t_x, T; see {@link BgNbdData}.
 * @param params - the parameters.
 * @param gradient - optional array of length 4 to receive the gradient.
 * @throws InvalidInputError naming the row of invalid data.
 *
 * @example
 * ```ts
 * import { bgnbdNegativeLogLikelihood } from 'crm-mining';
 * const data = { frequency: [0, 1, 4], recency: [0, 3, 25], T: [30, 30, 30] };
 * const gradient = new Float64Array(4); // receives d(-ln L)/d(ln r, ln α, ln a, ln b)
 * const nll = bgnbdNegativeLogLikelihood(data, { r: 1, alpha: 10, a: 1.5, b: 3 }, gradient);
 * console.log(nll.toFixed(4), Array.from(gradient, (g) => g.toFixed(3))); // 18.8967 ['0.104', '-0.084', '0.217', '-0.120']
 * ```
 */
export function bgnbdNegativeLogLikelihood(data: BgNbdData, params: BgNbdParameters, gradient?: Float64Array): number {
  const f = objective(prepare(data));
  const g = gradient ?? new Float64Array(4);
  return f(Float64Array.of(Math.log(params.r), Math.log(params.alpha), Math.log(params.a), Math.log(params.b)), g);
}

function checkParams(p: BgNbdParameters): void {
  for (const k of ['r', 'alpha', 'a', 'b'] as const) {
    if (typeof p?.[k] !== 'number' || !(p[k] > 0) || !Number.isFinite(p[k])) throw new InvalidOptionError(k, `expected a finite number > 0, got ${String(p?.[k])}`);
  }
}

function checkCustomer(x: number, tx: number, T: number): void {
  if (!Number.isInteger(x) || x < 0) throw new InvalidOptionError('frequency', `expected an integer >= 0, got ${x}`);
  if (!Number.isFinite(tx) || tx < 0) throw new InvalidOptionError('recency', `expected a finite number >= 0, got ${tx}`);
  if (!Number.isFinite(T) || T < tx) throw new InvalidOptionError('T', `expected a finite number >= recency (${tx}), got ${T}`);
}

/**
 * A fitted (or given) BG/NBD model. Immutable. Times are in the unit of the data it was fitted on
 * (weeks by convention).
 *
 * @example
 * ```ts
 * import { BgNbdModel } from 'crm-mining';
 * const model = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }); // CDNOW, in weeks
 * // A customer with 2 repeat purchases, the last in week 30 of 39 observed:
 * console.log(model.probabilityAlive(2, 30, 39).toFixed(3)); // 0.720
 * console.log(model.conditionalExpectedPurchases(39, 2, 30, 39).toFixed(3)); // 1.211 purchases in the next 39 weeks
 * // The same customer, silent since week 5: probably gone.
 * console.log(model.probabilityAlive(2, 5, 39).toFixed(3)); // 0.123
 * ```
 */
export class BgNbdModel {
  /** Shape r of the purchase-rate distribution. */
  readonly r: number;
  /** Scale α of the purchase-rate distribution. */
  readonly alpha: number;
  /** Beta shape a of the drop-out probability. */
  readonly a: number;
  /** Beta shape b of the drop-out probability. */
  readonly b: number;
  /** The log-likelihood at the parameters on the fitting data (NaN when not fitted). */
  readonly logLikelihood: number;

  /**
   * @param params - the four parameters, each > 0.
   * @param logLikelihood - the log-likelihood on the fitting data (default NaN).
   * @throws InvalidOptionError naming a parameter that is not a finite number > 0.
   */
  constructor(params: BgNbdParameters, logLikelihood = NaN) {
    checkParams(params);
    this.r = params.r;
    this.alpha = params.alpha;
    this.a = params.a;
    this.b = params.b;
    this.logLikelihood = logLikelihood;
  }

  /**
   * P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} · a / (b + x − 1) · ((α + T) / (α + t_x))^{r + x}).
   *
   * @param x - repeat purchases.
   * @param tx - time of the last purchase (from the first).
   * @param T - time observed (from the first purchase).
   */
  probabilityAlive(x: number, tx: number, T: number): number {
    checkCustomer(x, tx, T);
    if (x === 0) return 1;
    const lnRatio = (this.r + x) * (Math.log(this.alpha + T) - Math.log(this.alpha + tx));
    const lnOdds = Math.log(this.a) - Math.log(this.b + x - 1) + lnRatio;
    return 1 / (1 + Math.exp(lnOdds));
  }

  /**
   * E[X(t)]: expected purchases of a new customer (one just acquired) in (0, t]:
   * (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
   *
   * @param t - length of the period (≥ 0).
   */
  expectedPurchases(t: number): number {
    return this.conditionalExpectedPurchases(t, 0, 0, 0);
  }

  /**
   * E[Y(t) | x, t_x, T]: expected purchases in the next t time units of a customer with history
   * (x, t_x, T) (equation 10 of Fader, Hardie & Lee 2005). ₂F₁ is evaluated after Euler's transformation,
   * which makes its parameters (a + b − 1 − r, a − 1; a + b + x − 1) independent of x.
   *
   * @param t - length of the future period (≥ 0).
   * @param x - repeat purchases.
   * @param tx - time of the last purchase.
   * @param T - time observed.
   * @throws InvalidOptionError for invalid arguments, or when a = 1 (the formula's pole).
   */
  conditionalExpectedPurchases(t: number, x: number, tx: number, T: number): number {
    if (!Number.isFinite(t) || t < 0) throw new InvalidOptionError('t', `expected a finite number >= 0, got ${t}`);
    checkCustomer(x, tx, T);
    if (t === 0) return 0;
    const { r, alpha, a, b } = this;
    if (Math.abs(a - 1) < 1e-12) throw new InvalidOptionError('a', 'the closed form of E[Y(t)] is undefined at a = 1');
    const z = t / (alpha + T + t);
    const oneMinusZ = (alpha + T) / (alpha + T + t);
    // ((α+T)/(α+T+t))^{r+x} · ₂F₁(r+x, b+x; a+b+x−1; z) = (1−z)^{a−1} ₂F₁(a+b−1−r, a−1; a+b+x−1; z)
    const term = Math.pow(oneMinusZ, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
    const numerator = ((a + b + x - 1) / (a - 1)) * (1 - term);
    const denominator = x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + tx))) : 1;
    return numerator / denominator;
  }

  /** The parameters and log-likelihood as JSON; {@link BgNbdModel.fromJSON} reads it back exactly. */
  toJSON(): BgNbdJson {
    return { r: this.r, alpha: this.alpha, a: this.a, b: this.b, logLikelihood: this.logLikelihood };
  }

  /**
   * Rebuilds a model from {@link BgNbdModel.toJSON}'s output.
   *
   * @param json - the JSON object (a `null` log-likelihood, as JSON writes NaN, reads as NaN).
   */
  static fromJSON(json: BgNbdJson): BgNbdModel {
    return new BgNbdModel(json, typeof json.logLikelihood === 'number' ? json.logLikelihood : NaN);
  }
}

/**
 * Fits the BG/NBD model by maximum likelihood: BFGS on the log-parameters with the analytic gradient
 * (see {@link bgnbdNegativeLogLikelihood}). Cost per iteration O(n + k) for n customers and k distinct
 * x values (the gamma-function terms depend on x only).
 *
 * @param data - per-customer x, t_x, T; see {@link BgNbdData}.
 * @param options - see {@link BgNbdFitOptions}.
 * @returns the fitted model; `logLikelihood` is the maximum.
 * @throws InvalidInputError naming the row of invalid data (non-integer or negative x, t_x > T, …);
 *   InvalidInputError when the optimiser does not converge.
 *
 * @example
 * ```ts
 * import { fitBgNbd, readCsv } from 'crm-mining';
 * // cdnow_customers_summary.csv: one row per customer, x = frequency, t_x = recency, T, in weeks.
 * const table = await readCsv('cdnow_customers_summary.csv');
 * const column = (name: string) => table.column(name).values as number[];
 * const model = fitBgNbd({ frequency: column('frequency'), recency: column('recency'), T: column('T') });
 * console.log(model.r.toFixed(4), model.alpha.toFixed(4), model.a.toFixed(4), model.b.toFixed(4)); // 0.2426 4.4135 0.7929 2.4258
 * console.log(-model.logLikelihood); // ≈ 9582.43
 * ```
 */
export function fitBgNbd(data: BgNbdData, options: BgNbdFitOptions = {}): BgNbdModel {
  rejectUnknownOptions(options, BGNBD_FIT_OPTION_KEYS, 'fitBgNbd');
  const d = prepare(data);
  let meanT = 0;
  for (let i = 0; i < d.n; i++) meanT += d.T[i] / d.n;
  const s = options.start ?? {};
  const start: BgNbdParameters = { r: s.r ?? 1, alpha: s.alpha ?? meanT, a: s.a ?? 1, b: s.b ?? 1 };
  checkParams(start);
  const f = objective(d);
  const res = minimizeBfgs(f, [Math.log(start.r), Math.log(start.alpha), Math.log(start.a), Math.log(start.b)], {
    gradientTolerance: 1e-9,
    maxIterations: 1000,
    ...options.optimizer,
  });
  if (!res.converged) {
    throw new InvalidInputError(`BG/NBD: the fit did not converge (${res.message} after ${res.iterations} iterations; gradient norm ${res.gradientNorm})`);
  }
  const [lr, la, laa, lb] = res.x;
  return new BgNbdModel({ r: Math.exp(lr), alpha: Math.exp(la), a: Math.exp(laa), b: Math.exp(lb) }, -res.value);
}
