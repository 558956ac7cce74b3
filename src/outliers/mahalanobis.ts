/**
 * Mahalanobis distance detector: the score of a row x is its squared Mahalanobis distance
 * (x − μ)ᵀ Σ⁻¹ (x − μ) from a location μ and covariance Σ fitted on the training rows. Under a multivariate
 * normal model the squared distance follows a chi-square distribution with p degrees of freedom, so the
 * natural cut-off is its 0.975 quantile.
 *
 * - `covariance: 'classical'` (default): the mean and the maximum-likelihood covariance. Outliers pull
 *   both towards themselves and can hide each other (masking).
 * - `covariance: 'mcd'`: the Minimum Covariance Determinant (Rousseeuw 1984) by FastMCD (Rousseeuw & Van
 *   Driessen 1999), as scikit-learn's `MinCovDet`: the h = ⌊(n + p + 1) / 2⌋ rows whose covariance has the
 *   smallest determinant, found from `nStarts` random (p + 1)-row starts improved by C-steps (each keeps the
 *   h rows nearest to the current fit; the determinant never rises), the 10 best run to convergence; then
 *   scaled for consistency at the normal model (× median(d²) / χ²_p(0.5)) and re-weighted (mean and
 *   covariance of the rows with d² ≤ χ²_p(0.975)). Resists up to about half the rows being outliers.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { logGamma } from '../core/special.js';
import { requireFinite, requireInRange, requireInteger, requireOneOf, rejectUnknownOptions } from '../core/validate.js';
import { checkDetectorJson, jsonFloats, jsonLabelling, OutlierDetectorBase, resolveLabelling, type Labelling, type LabelOptions, type OutlierMethod } from './detector.js';
import { MAHALANOBIS_OPTION_KEYS } from './option-keys.js';

/**
 * Options of {@link fitMahalanobis}.
 *
 * @example
 * ```ts
 * import { fitMahalanobis, type MahalanobisOptions } from 'crm-mining';
 * // robust covariance (FastMCD): the outliers cannot pull the mean and covariance towards themselves
 * const options: MahalanobisOptions = { covariance: 'mcd', supportFraction: 0.75, nStarts: 10, seed: 7, contamination: 0.1 };
 * const detector = fitMahalanobis([[1, 1], [1, 2], [2, 1], [2, 2], [1.5, 1.4], [1.2, 1.8], [1.8, 1.1], [1.6, 1.9], [1.3, 1.2], [20, 20]], options);
 * console.log(detector.covarianceKind, detector.trainingLabels()[9]); // mcd 1
 * ```
 */
export interface MahalanobisOptions extends LabelOptions {
  /** `'classical'` (mean and covariance; default) or `'mcd'` (robust: Minimum Covariance Determinant by FastMCD). */
  covariance?: 'classical' | 'mcd';
  /** MCD: the share of rows in the determinant-minimising subset, in [0.5, 1] (default (n + p + 1) / (2n), the most robust). */
  supportFraction?: number;
  /** MCD: random starts (default 30). */
  nStarts?: number;
  /** MCD: seed of the random starts (default 42). */
  seed?: number;
}

/**
 * The regularised lower incomplete gamma function P(a, x) (series for x < a + 1, continued fraction
 * otherwise; Numerical Recipes' scheme), accurate to about 1e-14.
 *
 * @throws InvalidOptionError when `a` is not a finite number > 0 or `x` is NaN or negative.
 *
 * @example
 * ```ts
 * import { regularizedGammaP } from 'crm-mining';
 * // P(1, x) = 1 − e^(−x)
 * console.log(regularizedGammaP(1, 2).toFixed(6), (1 - Math.exp(-2)).toFixed(6)); // 0.864665 0.864665
 * ```
 */
export function regularizedGammaP(a: number, x: number): number {
  requireInRange('a', a, 0, Infinity, { minInclusive: false, maxInclusive: false });
  requireInRange('x', x, 0, Infinity);
  return gammaP(a, x);
}

/** {@link regularizedGammaP} without the argument checks, for the bisection of {@link chiSquareQuantile}. */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  // Lentz's continued fraction for Q(a, x).
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - lg) * h;
}

/**
 * The q quantile (0 < q < 1) of the chi-square distribution with `dof` degrees of freedom (bisection on P(dof/2, x/2), to 1e-12 relative).
 *
 * @throws InvalidOptionError when `q` is outside (0, 1) or `dof` is not a finite number > 0.
 *
 * @example
 * ```ts
 * import { chiSquareQuantile } from 'crm-mining';
 * // the 97.5% cut-off of squared Mahalanobis distances in two dimensions
 * console.log(chiSquareQuantile(0.975, 2).toFixed(4)); // 7.3778
 * ```
 */
export function chiSquareQuantile(q: number, dof: number): number {
  requireInRange('q', q, 0, 1, { minInclusive: false, maxInclusive: false });
  requireInRange('dof', dof, 0, Infinity, { minInclusive: false, maxInclusive: false });
  const a = dof / 2;
  let lo = 0;
  let hi = Math.max(1, dof);
  while (gammaP(a, hi / 2) < q) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (gammaP(a, mid / 2) < q) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Mean and MLE covariance of the listed rows (all rows when `subset` is null). */
function meanCov(m: Matrix, subset: Int32Array | null, count: number): { mean: Float64Array; cov: Float64Array } {
  const { cols: p, data } = m;
  const mean = new Float64Array(p);
  const cov = new Float64Array(p * p);
  for (let t = 0; t < count; t++) {
    const o = (subset ? subset[t] : t) * p;
    for (let j = 0; j < p; j++) mean[j] += data[o + j];
  }
  for (let j = 0; j < p; j++) mean[j] /= count;
  const c = new Float64Array(p);
  for (let t = 0; t < count; t++) {
    const o = (subset ? subset[t] : t) * p;
    for (let j = 0; j < p; j++) c[j] = data[o + j] - mean[j];
    for (let a = 0; a < p; a++) {
      const ca = c[a];
      for (let b = 0; b <= a; b++) cov[a * p + b] += ca * c[b];
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) {
      cov[a * p + b] /= count;
      cov[b * p + a] = cov[a * p + b];
    }
  }
  return { mean, cov };
}

/** Lower Cholesky factor of a p×p symmetric matrix, or null when it is not (numerically) positive definite. */
function cholesky(A: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  let maxDiag = 0;
  for (let j = 0; j < p; j++) maxDiag = Math.max(maxDiag, A[j * p + j]);
  const tol = 1e-12 * Math.max(maxDiag, 1e-300);
  for (let j = 0; j < p; j++) {
    let s = A[j * p + j];
    for (let k = 0; k < j; k++) s -= L[j * p + k] * L[j * p + k];
    if (!(s > tol)) return null;
    const d = Math.sqrt(s);
    L[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let t = A[i * p + j];
      for (let k = 0; k < j; k++) t -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = t / d;
    }
  }
  return L;
}

function logDet(L: Float64Array, p: number): number {
  let s = 0;
  for (let j = 0; j < p; j++) s += Math.log(L[j * p + j]);
  return 2 * s;
}

/** Squared Mahalanobis distances of all rows given the mean and the Cholesky factor. */
function sqDistances(m: Matrix, mean: Float64Array, L: Float64Array, out: Float64Array): Float64Array {
  const { rows, cols: p, data } = m;
  const z = new Float64Array(p);
  for (let i = 0; i < rows; i++) {
    const o = i * p;
    let s = 0;
    for (let a = 0; a < p; a++) {
      let t = data[o + a] - mean[a];
      for (let b = 0; b < a; b++) t -= L[a * p + b] * z[b];
      t /= L[a * p + a];
      z[a] = t;
      s += t * t;
    }
    out[i] = s;
  }
  return out;
}

/** The indices of the h smallest values (ties by lower index). */
function smallest(values: Float64Array, h: number, out: Int32Array): Int32Array {
  const sorted = Float64Array.from(values).sort();
  const cut = sorted[h - 1];
  let below = 0;
  for (let k = 0; k < h && sorted[k] < cut; k++) below++;
  let t = 0;
  let ties = h - below;
  for (let i = 0; i < values.length && t < h; i++) {
    if (values[i] < cut) out[t++] = i;
    else if (values[i] === cut && ties > 0) {
      out[t++] = i;
      ties--;
    }
  }
  return out;
}

interface Fit {
  mean: Float64Array;
  L: Float64Array;
  logDet: number;
  subset: Int32Array;
}

function cStep(m: Matrix, mean: Float64Array, L: Float64Array, h: number, d2: Float64Array): Fit | null {
  sqDistances(m, mean, L, d2);
  const subset = smallest(d2, h, new Int32Array(h));
  const mc = meanCov(m, subset, h);
  const L2 = cholesky(mc.cov, m.cols);
  if (L2 === null) return null;
  return { mean: mc.mean, L: L2, logDet: logDet(L2, m.cols), subset };
}

function fastMcd(m: Matrix, h: number, nStarts: number, rng: Random): { mean: Float64Array; L: Float64Array } {
  const { rows: n, cols: p } = m;
  const d2 = new Float64Array(n);
  const fits: Fit[] = [];
  for (let s = 0; s < nStarts; s++) {
    const perm = rng.sample(n, n);
    let size = Math.min(p + 1, h);
    let L: Float64Array | null = null;
    let mc = meanCov(m, perm, size);
    while ((L = cholesky(mc.cov, p)) === null && size < h) {
      size++;
      mc = meanCov(m, perm, size);
    }
    if (L === null) continue;
    let fit: Fit | null = { mean: mc.mean, L, logDet: logDet(L, p), subset: perm.slice(0, size) };
    for (let step = 0; step < 2 && fit !== null; step++) fit = cStep(m, fit.mean, fit.L, h, d2);
    if (fit !== null) fits.push(fit);
  }
  if (fits.length === 0) {
    throw new InvalidInputError(`X: the robust (MCD) covariance is singular: more than ${h} of the ${n} rows lie on a hyperplane (a constant or collinear column); remove it or use covariance 'classical'`);
  }
  fits.sort((a, b) => a.logDet - b.logDet);
  let best: Fit = fits[0];
  for (const start of fits.slice(0, 10)) {
    let fit = start;
    for (let it = 0; it < 100; it++) {
      const next = cStep(m, fit.mean, fit.L, h, d2);
      if (next === null || next.logDet >= fit.logDet - 1e-12 * Math.max(1, Math.abs(fit.logDet))) break;
      fit = next;
    }
    if (fit.logDet < best.logDet) best = fit;
  }
  // Consistency factor at the normal model, then one re-weighting step.
  sqDistances(m, best.mean, best.L, d2);
  const sortedD2 = Float64Array.from(d2).sort();
  const med = 0.5 * (sortedD2[(n - 1) >> 1] + sortedD2[n >> 1]);
  const factor = med / chiSquareQuantile(0.5, p);
  const rootF = Math.sqrt(factor);
  const Lc = best.L.map((v) => v * rootF);
  sqDistances(m, best.mean, Lc, d2);
  const cut = chiSquareQuantile(0.975, p);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (d2[i] <= cut) keep.push(i);
  const mc = meanCov(m, Int32Array.from(keep), keep.length);
  const L = keep.length > p ? cholesky(mc.cov, p) : null;
  if (L === null) return { mean: best.mean, L: Lc };
  return { mean: mc.mean, L };
}

/**
 * A fitted Mahalanobis detector: location, covariance (as its Cholesky factor) and the estimator used.
 *
 * @example
 * ```ts
 * import { fitMahalanobis, type MahalanobisDetector } from 'crm-mining';
 * const detector: MahalanobisDetector = fitMahalanobis([[0, 0], [2, 0], [0, 2], [2, 2]]);
 * console.log(Array.from(detector.location)); // [1, 1]
 * console.log(Array.from(detector.covariance)); // [1, 0, 0, 1] (population covariance, row-major)
 * ```
 */
export class MahalanobisDetector extends OutlierDetectorBase {
  /** `'mahalanobis'`. */
  readonly method: OutlierMethod = 'mahalanobis';
  /** `'classical'` or `'mcd'`. */
  readonly covarianceKind: 'classical' | 'mcd';
  /** The fitted location μ. */
  readonly location: Float64Array;
  private readonly L: Float64Array;

  /** Use {@link fitMahalanobis} or {@link MahalanobisDetector.fromJSON}. */
  constructor(kind: 'classical' | 'mcd', location: Float64Array, choleskyFactor: Float64Array, trainingScores: Float64Array, labelling: Labelling) {
    super(location.length, trainingScores, labelling);
    this.covarianceKind = kind;
    this.location = location;
    this.L = choleskyFactor;
  }

  /** The fitted covariance Σ, p × p row-major (rebuilt from its Cholesky factor). */
  get covariance(): Float64Array {
    const p = this.nFeatures;
    const L = this.L;
    const out = new Float64Array(p * p);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) {
        let s = 0;
        for (let k = 0; k <= b; k++) s += L[a * p + k] * L[b * p + k];
        out[a * p + b] = out[b * p + a] = s;
      }
    }
    return out;
  }

  protected scoreMatrix(X: Matrix): Float64Array {
    return sqDistances(X, this.location, this.L, new Float64Array(X.rows));
  }

  protected params(): Record<string, unknown> {
    return { covariance: this.covarianceKind, location: Array.from(this.location), cholesky: Array.from(this.L) };
  }

  /** Rebuilds a detector from {@link MahalanobisDetector.toJSON}'s output. @throws InvalidInputError for malformed JSON. */
  static fromJSON(json: unknown): MahalanobisDetector {
    const j = checkDetectorJson(json, 'mahalanobis');
    const p = j.params;
    const kind = requireOneOf('covariance', p.covariance, ['classical', 'mcd'] as const);
    return new MahalanobisDetector(kind, jsonFloats(p, 'location', j.nFeatures), jsonFloats(p, 'cholesky', j.nFeatures * j.nFeatures), Float64Array.from(j.trainingScores), jsonLabelling(j));
  }
}

/**
 * Fits a Mahalanobis detector. Labelling default: the threshold χ²_p(0.975), p the number of columns.
 *
 * @throws InvalidInputError for non-finite values, ragged rows, too few rows (at least p + 1), or a singular
 *   covariance (a constant or collinear column); InvalidOptionError for a bad option.
 *
 * @example
 * ```ts
 * import { fitMahalanobis } from 'crm-mining';
 * const rows = [[1, 2], [2, 4.1], [3, 5.9], [4, 8.2], [5, 9.9], [3, 1]]; // y ≈ 2x, except the last
 * const detector = fitMahalanobis(rows, { covariance: 'mcd', seed: 1 });
 * const scores = detector.score(rows);
 * console.log(scores.indexOf(Math.max(...scores))); // 5
 * ```
 */
export function fitMahalanobis(X: MatrixInput, options: MahalanobisOptions = {}): MahalanobisDetector {
  rejectUnknownOptions(options, MAHALANOBIS_OPTION_KEYS, 'fitMahalanobis');
  const m = toMatrix(X, { name: 'X' });
  const kind = requireOneOf('covariance', options.covariance ?? 'classical', ['classical', 'mcd'] as const);
  const { rows: n, cols: p } = m;
  if (n < p + 1) throw new InvalidInputError(`X: a ${p}-column covariance needs at least ${p + 1} rows, got ${n}`);
  let mean: Float64Array;
  let L: Float64Array | null;
  if (kind === 'classical') {
    const mc = meanCov(m, null, n);
    mean = mc.mean;
    L = cholesky(mc.cov, p);
    if (L === null) {
      let constant = -1;
      for (let j = 0; j < p && constant < 0; j++) if (!(mc.cov[j * p + j] > 1e-24 * mc.mean[j] * mc.mean[j])) constant = j;
      if (constant >= 0) {
        throw new InvalidInputError(`X: column ${constant} is constant, so the covariance matrix is singular; remove it`, { field: String(constant) });
      }
      throw new InvalidInputError('X: the covariance matrix is singular: a column is a linear combination of others; remove it');
    }
  } else {
    const nStarts = requireInteger('nStarts', options.nStarts ?? 30, 1);
    const rng = new Random(requireFinite('seed', options.seed ?? 42));
    const hDefault = Math.floor((n + p + 1) / 2);
    const h =
      options.supportFraction === undefined
        ? hDefault
        : Math.max(p + 1, Math.min(n, Math.ceil(requireInRange('supportFraction', options.supportFraction, 0.5, 1) * n)));
    const fit = fastMcd(m, Math.min(h, n), nStarts, rng);
    mean = fit.mean;
    L = fit.L;
  }
  const scores = sqDistances(m, mean, L, new Float64Array(n));
  return new MahalanobisDetector(kind, mean, L, scores, resolveLabelling(scores, options, { threshold: chiSquareQuantile(0.975, p) }));
}
