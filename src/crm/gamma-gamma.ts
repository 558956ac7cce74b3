/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: using
 * iso-value curves"; Colombo & Jiang 1999): a customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers (γ is called v here, as in the lifetimes package). Fitted on customers
 * with at least one repeat purchase, from x (repeat purchases) and m (their mean value).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { minimizeBfgs } from '../core/optimize.js';
import type { BfgsOptions } from '../core/optimize.js';
import { digamma, logGamma } from '../core/special.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * Per-customer inputs of the Gamma-Gamma model.
 *
 * @example
 * ```ts
 * import { gammaGammaNegativeLogLikelihood, type GammaGammaData } from 'crm-mining';
 * // Customer 2 has no repeat purchase, so it is skipped (its monetary value is not used).
 * const data: GammaGammaData = { frequency: [3, 1, 0, 6], monetary: [25.5, 60, 0, 18.2] };
 * console.log(gammaGammaNegativeLogLikelihood(data, { p: 6, q: 4, v: 15 }).toFixed(3)); // 12.546
 * ```
 */
export interface GammaGammaData {
  /** x: number of (repeat) transactions; customers with x = 0 are skipped. */
  frequency: ArrayLike<number>;
  /** m: mean value of those transactions (> 0 where x > 0; a finite number >= 0, such as 0, where x = 0). */
  monetary: ArrayLike<number>;
}

/**
 * The three Gamma-Gamma parameters.
 *
 * @example
 * ```ts
 * import { GammaGammaModel, type GammaGammaParameters } from 'crm-mining';
 * // The CDNOW estimates (Fader, Hardie & Lee 2005).
 * const params: GammaGammaParameters = { p: 6.25, q: 3.74, v: 15.44 };
 * console.log(new GammaGammaModel(params).meanTransactionValue().toFixed(2)); // 35.22
 * ```
 */
export interface GammaGammaParameters {
  /** Shape of the per-transaction gamma distribution. */
  p: number;
  /** Shape of the gamma distribution of the scale ν across customers. */
  q: number;
  /** Scale (rate) γ of that distribution ("v" in lifetimes). */
  v: number;
}

/**
 * A fitted Gamma-Gamma model as JSON.
 *
 * @example
 * ```ts
 * import { GammaGammaModel, type GammaGammaJson } from 'crm-mining';
 * const model = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
 * const json: GammaGammaJson = model.toJSON();
 * console.log(JSON.stringify(json)); // {"p":6.25,"q":3.74,"v":15.44,"logLikelihood":null}: NaN, as not fitted
 * console.log(GammaGammaModel.fromJSON(JSON.parse(JSON.stringify(json))).q); // 3.74
 * ```
 */
export interface GammaGammaJson extends GammaGammaParameters {
  /** The maximised log-likelihood (NaN when not fitted). */
  logLikelihood: number;
}

/**
 * Options of {@link fitGammaGamma}.
 *
 * @example
 * ```ts
 * import { fitGammaGamma, type GammaGammaFitOptions } from 'crm-mining';
 * declare const repeatPurchases: Int32Array, meanRepeatSpend: Float64Array;
 * const options: GammaGammaFitOptions = { start: { p: 5, q: 3, v: 10 }, optimizer: { gradientTolerance: 1e-7 } };
 * const model = fitGammaGamma({ frequency: repeatPurchases, monetary: meanRepeatSpend }, options);
 * console.log(model.p, model.q, model.v);
 * ```
 */
export interface GammaGammaFitOptions {
  /** Starting parameters (default p = 1, q = 1, v = 1). */
  start?: Partial<GammaGammaParameters>;
  /** BFGS settings (default gradient tolerance 1e-9 on the log-parameters, 1000 iterations). */
  optimizer?: BfgsOptions;
}

const GAMMA_GAMMA_FIT_OPTION_KEYS = optionKeys<GammaGammaFitOptions>({
  start: true,
  optimizer: true,
});

interface Prepared {
  x: Float64Array;
  m: Float64Array;
  lnX: Float64Array;
  lnM: Float64Array;
}

function prepare(data: GammaGammaData): Prepared {
  const { frequency, monetary } = data;
  const n = frequency?.length ?? 0;
  if (monetary?.length !== n) throw new InvalidInputError(`Gamma-Gamma: frequency and monetary differ in length (${n}, ${monetary?.length})`);
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = frequency[i];
    const m = monetary[i];
    if (!Number.isInteger(x) || x < 0) throw new InvalidInputError(`Gamma-Gamma: row ${i}: frequency ${x} is not an integer >= 0`, { row: i, field: 'frequency' });
    if (x === 0) {
      // not used, but NaN or a negative amount here is bad data, not a one-time buyer's 0
      if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) {
        throw new InvalidInputError(`Gamma-Gamma: row ${i}: monetary ${String(m)} is not a finite number >= 0`, { row: i, field: 'monetary' });
      }
      continue;
    }
    if (!Number.isFinite(m) || !(m > 0)) {
      throw new InvalidInputError(`Gamma-Gamma: row ${i}: monetary ${m} must be a finite number > 0 for a customer with repeat purchases`, { row: i, field: 'monetary' });
    }
    xs.push(x);
    ms.push(m);
  }
  if (xs.length === 0) throw new InvalidInputError('Gamma-Gamma: no customer with frequency > 0', { field: 'frequency' });
  const x = Float64Array.from(xs);
  const m = Float64Array.from(ms);
  return { x, m, lnX: x.map(Math.log), lnM: m.map(Math.log) };
}

/**
 * Negative log-likelihood and gradient with respect to (ln p, ln q, ln v). Per customer:
 * ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + (px − 1) ln m + px ln x − (px + q) ln(xm + v).
 */
function objective(d: Prepared): (theta: Float64Array, grad: Float64Array) => number {
  const n = d.x.length;
  return (theta, grad) => {
    const p = Math.exp(theta[0]);
    const q = Math.exp(theta[1]);
    const v = Math.exp(theta[2]);
    if (!(p > 0 && q > 0 && v > 0) || !Number.isFinite(p + q + v)) {
      grad.fill(NaN);
      return NaN;
    }
    const lgq = logGamma(q);
    const psq = digamma(q);
    const lnV = Math.log(v);
    let ll = 0;
    let gp = 0;
    let gq = 0;
    let gv = 0;
    for (let i = 0; i < n; i++) {
      const x = d.x[i];
      const px = p * x;
      const lnXmV = Math.log(x * d.m[i] + v);
      const psPxq = digamma(px + q);
      ll += logGamma(px + q) - logGamma(px) - lgq + q * lnV + (px - 1) * d.lnM[i] + px * d.lnX[i] - (px + q) * lnXmV;
      gp += x * (psPxq - digamma(px) + d.lnM[i] + d.lnX[i] - lnXmV);
      gq += psPxq - psq + lnV - lnXmV;
      gv += q / v - (px + q) / (x * d.m[i] + v);
    }
    grad[0] = -gp * p;
    grad[1] = -gq * q;
    grad[2] = -gv * v;
    return -ll;
  };
}

/**
 * The Gamma-Gamma negative log-likelihood at given parameters, with the gradient with respect to
 * (ln p, ln q, ln v) written into `gradient` when given (exported for checks).
 *
 * @param data - see {@link GammaGammaData}.
 * @param params - the parameters.
 * @param gradient - optional array of length 3.
 *
 * @example
 * ```ts
 * import { gammaGammaNegativeLogLikelihood } from 'crm-mining';
 * const data = { frequency: [2, 4, 1], monetary: [30, 22.5, 80] };
 * // A better fit has a lower negative log-likelihood:
 * const a = gammaGammaNegativeLogLikelihood(data, { p: 6, q: 4, v: 15 });
 * const b = gammaGammaNegativeLogLikelihood(data, { p: 1, q: 1, v: 1 });
 * console.log(a < b); // true
 * ```
 */
export function gammaGammaNegativeLogLikelihood(data: GammaGammaData, params: GammaGammaParameters, gradient?: Float64Array): number {
  const g = gradient ?? new Float64Array(3);
  return objective(prepare(data))(Float64Array.of(Math.log(params.p), Math.log(params.q), Math.log(params.v)), g);
}

function checkParams(p: GammaGammaParameters): void {
  for (const k of ['p', 'q', 'v'] as const) {
    if (typeof p?.[k] !== 'number' || !(p[k] > 0) || !Number.isFinite(p[k])) throw new InvalidOptionError(k, `expected a finite number > 0, got ${String(p?.[k])}`);
  }
}

/**
 * A fitted (or given) Gamma-Gamma model. Immutable.
 *
 * @example
 * ```ts
 * import { GammaGammaModel } from 'crm-mining';
 * const model = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
 * // Expected spend per purchase: a single purchase of 100 is pulled towards the population mean
 * // (35.22); ten purchases averaging 100 are pulled much less.
 * console.log(model.conditionalExpectedValue(1, 100).toFixed(2)); // 80.26
 * console.log(model.conditionalExpectedValue(10, 100).toFixed(2)); // 97.28
 * ```
 */
export class GammaGammaModel {
  /** Shape p. */
  readonly p: number;
  /** Shape q. */
  readonly q: number;
  /** Scale v (γ). */
  readonly v: number;
  /** Log-likelihood on the fitting data (NaN when not fitted). */
  readonly logLikelihood: number;

  /**
   * @param params - p, q, v, each > 0.
   * @param logLikelihood - the log-likelihood on the fitting data (default NaN).
   */
  constructor(params: GammaGammaParameters, logLikelihood = NaN) {
    checkParams(params);
    this.p = params.p;
    this.q = params.q;
    this.v = params.v;
    this.logLikelihood = logLikelihood;
  }

  /** The population mean transaction value, E[Z] = p v / (q − 1); requires q > 1. */
  meanTransactionValue(): number {
    if (!(this.q > 1)) throw new InvalidOptionError('q', `the mean spend is infinite for q <= 1 (q = ${this.q})`);
    return (this.p * this.v) / (this.q - 1);
  }

  /**
   * E[Z | x, m]: expected mean transaction value of a customer with x transactions of mean m,
   * p (v + x m) / (p x + q − 1): a weighted average of the population mean and the customer's own mean.
   * For x = 0 it is the population mean.
   *
   * @param x - number of transactions (integer ≥ 0).
   * @param m - their mean value (ignored when x = 0).
   */
  conditionalExpectedValue(x: number, m: number): number {
    if (!Number.isInteger(x) || x < 0) throw new InvalidOptionError('frequency', `expected an integer >= 0, got ${x}`);
    if (x === 0) return this.meanTransactionValue();
    if (!Number.isFinite(m) || m < 0) throw new InvalidOptionError('monetary', `expected a finite number >= 0, got ${m}`);
    const den = this.p * x + this.q - 1;
    if (!(den > 0)) throw new InvalidOptionError('q', `p x + q - 1 must be positive (got ${den})`);
    return (this.p * (this.v + x * m)) / den;
  }

  /** The parameters and log-likelihood as JSON; {@link GammaGammaModel.fromJSON} reads it back exactly. */
  toJSON(): GammaGammaJson {
    return { p: this.p, q: this.q, v: this.v, logLikelihood: this.logLikelihood };
  }

  /**
   * Rebuilds a model from {@link GammaGammaModel.toJSON}'s output.
   *
   * @param json - the JSON object.
   */
  static fromJSON(json: GammaGammaJson): GammaGammaModel {
    return new GammaGammaModel(json, typeof json.logLikelihood === 'number' ? json.logLikelihood : NaN);
  }
}

/**
 * Fits the Gamma-Gamma model by maximum likelihood (BFGS on the log-parameters, analytic gradient),
 * on the customers with frequency > 0.
 *
 * @param data - see {@link GammaGammaData}.
 * @param options - see {@link GammaGammaFitOptions}.
 * @throws InvalidInputError naming the row of invalid data, when no customer has frequency > 0, or when
 *   the optimiser does not converge.
 *
 * @example
 * ```ts
 * import { fitGammaGamma, readCsv } from 'crm-mining';
 * // x = repeat purchases, zbar = their mean value; customers with x = 0 are skipped.
 * const table = await readCsv('cdnow_customers_summary_with_transactions.csv');
 * const model = fitGammaGamma({ frequency: table.column('x').values as number[], monetary: table.column('zbar').values as number[] });
 * console.log(model.p.toFixed(4), model.q.toFixed(4), model.v.toFixed(4)); // 6.2488 3.7446 15.4477
 * ```
 */
export function fitGammaGamma(data: GammaGammaData, options: GammaGammaFitOptions = {}): GammaGammaModel {
  rejectUnknownOptions(options, GAMMA_GAMMA_FIT_OPTION_KEYS, 'fitGammaGamma');
  const d = prepare(data);
  const s = options.start ?? {};
  const start: GammaGammaParameters = { p: s.p ?? 1, q: s.q ?? 1, v: s.v ?? 1 };
  checkParams(start);
  const res = minimizeBfgs(objective(d), [Math.log(start.p), Math.log(start.q), Math.log(start.v)], {
    gradientTolerance: 1e-9,
    maxIterations: 1000,
    ...options.optimizer,
  });
  if (!res.converged) {
    throw new InvalidInputError(`Gamma-Gamma: the fit did not converge (${res.message} after ${res.iterations} iterations; gradient norm ${res.gradientNorm})`);
  }
  return new GammaGammaModel({ p: Math.exp(res.x[0]), q: Math.exp(res.x[1]), v: Math.exp(res.x[2]) }, -res.value);
}
