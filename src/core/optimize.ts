/**
 * General-purpose unconstrained minimisation: BFGS (quasi-Newton, with an analytic gradient) and
 * Nelder–Mead (derivative-free). Parameters with bounds, such as the positive parameters of a
 * likelihood, are best optimised on a transformed scale (for example their logarithms).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from './errors.js';
import { optionKeys, rejectUnknownOptions } from './validate.js';

/**
 * An objective with its gradient: returns f(x) and writes ∇f(x) into `grad` (same length as `x`).
 * It may return `Infinity` or `NaN` where it is undefined; the line search then steps back.
 *
 * @example
 * ```ts
 * import { minimizeBfgs, type ObjectiveWithGradient } from 'crm-mining';
 * // negative log-likelihood of an exponential rate λ = exp(θ), optimised on the log scale
 * const waits = [2, 3, 1, 6];
 * const total = waits.reduce((a, b) => a + b, 0);
 * const nll: ObjectiveWithGradient = (theta, grad) => {
 *   const rate = Math.exp(theta[0]);
 *   grad[0] = rate * total - waits.length;
 *   return rate * total - waits.length * theta[0];
 * };
 * console.log(Math.exp(minimizeBfgs(nll, [0]).x[0]).toFixed(4)); // 0.3333 = 4 / 12
 * ```
 */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/**
 * An objective without a gradient, for {@link minimizeNelderMead}.
 *
 * @example
 * ```ts
 * import { minimizeNelderMead, type Objective } from 'crm-mining';
 * const rosenbrock: Objective = (p) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2;
 * const { x, value } = minimizeNelderMead(rosenbrock, [-1, 1], { maxIterations: 2000 });
 * console.log(Array.from(x, (v) => v.toFixed(3)), value); // near [ '1.000', '1.000' ]
 * ```
 */
export type Objective = (x: Float64Array) => number;

/**
 * The outcome of a minimisation.
 *
 * @example
 * ```ts
 * import { minimizeNelderMead, type MinimizeResult } from 'crm-mining';
 * const result: MinimizeResult = minimizeNelderMead((p) => (p[0] - 3) ** 2, [0]);
 * if (!result.converged) console.warn(`stopped early: ${result.message}`);
 * console.log(result.x[0].toFixed(4), result.iterations, result.evaluations); // 3.0000 …
 * ```
 */
export interface MinimizeResult {
  /** The best point found. */
  x: Float64Array;
  /** f at {@link MinimizeResult.x}. */
  value: number;
  /** Euclidean norm of the gradient at `x` (BFGS), or `NaN` (Nelder–Mead). */
  gradientNorm: number;
  /** Iterations performed. */
  iterations: number;
  /** Objective evaluations. */
  evaluations: number;
  /** Whether a convergence test was met (rather than the iteration limit). */
  converged: boolean;
  /** Which test stopped the search, in words. */
  message: string;
}

/**
 * Options of {@link minimizeBfgs}.
 *
 * @example
 * ```ts
 * import { minimizeBfgs, type BfgsOptions } from 'crm-mining';
 * const options: BfgsOptions = { gradientTolerance: 1e-6, maxIterations: 200, maxStep: 1 };
 * const result = minimizeBfgs((p, g) => {
 *   g[0] = 4 * p[0] ** 3;
 *   return p[0] ** 4;
 * }, [2], options);
 * console.log(result.converged, result.message);
 * ```
 */
export interface BfgsOptions {
  /** Stop when the largest absolute gradient component is at most this (default 1e-9). */
  gradientTolerance?: number;
  /**
   * Also stop (as converged) when a step changes f by at most this times (|f| + 1), or no step decreases
   * f, while the largest gradient component is within √`gradientTolerance`: rounding in f then hides
   * further progress, as in a likelihood summed over thousands of terms (default 1e-15).
   */
  functionTolerance?: number;
  /** Maximum number of iterations (default 1000). */
  maxIterations?: number;
  /** Largest Euclidean length of a single step (default 10); guards against overflow in exp-transformed parameters. */
  maxStep?: number;
}

const BFGS_OPTION_KEYS = optionKeys<BfgsOptions>({
  gradientTolerance: true,
  functionTolerance: true,
  maxIterations: true,
  maxStep: true,
});

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m || Number.isNaN(v)) m = v;
  }
  return m;
}

function checkStart(x0: ArrayLike<number>): Float64Array {
  if (x0.length === 0) throw new InvalidInputError('the starting point is empty', { field: 'x0' });
  const x = Float64Array.from(x0);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new InvalidInputError(`x0[${i}] must be finite, got ${x[i]}`, { field: 'x0' });
  }
  return x;
}

function positiveOption(name: string, value: number | undefined, def: number): number {
  const v = value ?? def;
  if (typeof v !== 'number' || !(v > 0)) throw new InvalidOptionError(name, `expected a positive number, got ${String(v)}`);
  return v;
}

/**
 * Minimises a smooth function with the BFGS quasi-Newton method: the inverse Hessian is built from
 * gradient differences, each step is found by a backtracking line search with the Armijo condition, and
 * the update is skipped when the curvature condition sᵀy > 0 fails. The first inverse-Hessian
 * estimate is scaled by sᵀy / yᵀy after the first step.
 *
 * Cost: O(n²) per iteration plus the evaluations.
 *
 * @param f - objective and gradient; see {@link ObjectiveWithGradient}.
 * @param x0 - starting point (finite, where f is finite).
 * @param options - tolerances and limits; see {@link BfgsOptions}.
 * @returns the result; `converged` is false if `maxIterations` was reached.
 * @throws InvalidInputError when f is not finite at x0; InvalidOptionError for a bad option.
 *
 * @example
 * ```ts
 * import { minimizeBfgs } from 'crm-mining';
 * // f(x, y) = (x − 1)² + 10 (y + 2)², minimum at (1, −2)
 * const result = minimizeBfgs((p, grad) => {
 *   grad[0] = 2 * (p[0] - 1);
 *   grad[1] = 20 * (p[1] + 2);
 *   return (p[0] - 1) ** 2 + 10 * (p[1] + 2) ** 2;
 * }, [0, 0]);
 * console.log(result.converged, Array.from(result.x, (v) => v.toFixed(6))); // true [ '1.000000', '-2.000000' ]
 * ```
 */
export function minimizeBfgs(f: ObjectiveWithGradient, x0: ArrayLike<number>, options: BfgsOptions = {}): MinimizeResult {
  rejectUnknownOptions(options, BFGS_OPTION_KEYS, 'minimizeBfgs');
  const gtol = positiveOption('gradientTolerance', options.gradientTolerance, 1e-9);
  const ftol = positiveOption('functionTolerance', options.functionTolerance, 1e-15);
  const maxIter = positiveOption('maxIterations', options.maxIterations, 1000);
  const maxStep = positiveOption('maxStep', options.maxStep, 10);
  const n = x0.length;
  let x: Float64Array = checkStart(x0);
  let g: Float64Array = new Float64Array(n);
  let fx = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(fx) || !Number.isFinite(maxAbs(g))) {
    throw new InvalidInputError(`the objective or its gradient is not finite at the starting point (f = ${fx})`, { field: 'x0' });
  }
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) H[i * n + i] = 1;
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  let xNew: Float64Array = new Float64Array(n);
  let gNew: Float64Array = new Float64Array(n);
  let first = true;
  let iterations = 0;
  let message = 'iteration limit reached';
  let converged = false;
  while (iterations < maxIter) {
    if (maxAbs(g) <= gtol) {
      converged = true;
      message = 'gradient below tolerance';
      break;
    }
    iterations++;
    // direction p = −H g
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let j = 0; j < n; j++) acc -= H[i * n + j] * g[j];
      p[i] = acc;
    }
    let slope = dot(p, g);
    if (!(slope < 0)) {
      // not a descent direction: reset to steepest descent
      for (let i = 0; i < n * n; i++) H[i] = 0;
      for (let i = 0; i < n; i++) {
        H[i * n + i] = 1;
        p[i] = -g[i];
      }
      slope = dot(p, g);
    }
    const plen = Math.sqrt(dot(p, p));
    let step = plen > maxStep ? maxStep / plen : 1;
    let fNew = NaN;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * p[i];
      fNew = f(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) {
      message = 'line search could not decrease the objective';
      converged = maxAbs(g) <= Math.sqrt(gtol);
      break;
    }
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
    }
    const sy = dot(s, y);
    const fOld = fx;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
    if (sy > 1e-300) {
      if (first) {
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) H[i] *= scale;
        first = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < n; j++) acc += H[i * n + j] * y[j];
        Hy[i] = acc;
      }
      const yHy = dot(y, Hy);
      const c = (1 + rho * yHy) * rho;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += c * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
      }
    }
    if (Math.abs(fOld - fx) <= ftol * (Math.abs(fx) + 1) && maxAbs(g) <= Math.sqrt(gtol)) {
      converged = true;
      message = 'function change below tolerance';
      break;
    }
  }
  if (!converged && maxAbs(g) <= gtol) {
    converged = true;
    message = 'gradient below tolerance';
  }
  return { x, value: fx, gradientNorm: Math.sqrt(dot(g, g)), iterations, evaluations, converged, message };
}

/**
 * Options of {@link minimizeNelderMead}.
 *
 * @example
 * ```ts
 * import { minimizeNelderMead, type NelderMeadOptions } from 'crm-mining';
 * const options: NelderMeadOptions = { initialStep: 5, pointTolerance: 1e-6, maxIterations: 500 };
 * const result = minimizeNelderMead((p) => Math.abs(p[0] - 40) + Math.abs(p[1] + 10), [0, 0], options);
 * console.log(Array.from(result.x, Math.round)); // [ 40, -10 ]
 * ```
 */
export interface NelderMeadOptions {
  /** Stop when the simplex's function values span at most this times (|f_best| + 1e-300) (default 1e-12). */
  functionTolerance?: number;
  /** Stop when every vertex lies within this distance of the best one, per coordinate (default 1e-10). */
  pointTolerance?: number;
  /** Maximum number of iterations (default 200 × n). */
  maxIterations?: number;
  /** Size of the initial simplex: vertex i is x0 + step · eᵢ (default 0.1, or 0.05 · |x0ᵢ| when larger). */
  initialStep?: number;
}

const NELDER_MEAD_OPTION_KEYS = optionKeys<NelderMeadOptions>({
  functionTolerance: true,
  pointTolerance: true,
  maxIterations: true,
  initialStep: true,
});

/**
 * Minimises a function with the Nelder–Mead simplex method (reflection 1, expansion 2, contraction ½,
 * shrink ½). Needs no gradient; slower and less precise than {@link minimizeBfgs} on smooth problems.
 *
 * @param f - the objective; `NaN` or `Infinity` counts as worse than any finite value.
 * @param x0 - starting point.
 * @param options - see {@link NelderMeadOptions}.
 * @returns the result (`gradientNorm` is `NaN`).
 *
 * @example
 * ```ts
 * import { minimizeNelderMead } from 'crm-mining';
 * // a non-smooth objective: the sum of absolute deviations is minimal at the median
 * const data = [1, 2, 4, 7, 30];
 * const result = minimizeNelderMead((p) => data.reduce((s, v) => s + Math.abs(v - p[0]), 0), [10]);
 * console.log(result.x[0].toFixed(3)); // 4.000
 * ```
 */
export function minimizeNelderMead(f: Objective, x0: ArrayLike<number>, options: NelderMeadOptions = {}): MinimizeResult {
  rejectUnknownOptions(options, NELDER_MEAD_OPTION_KEYS, 'minimizeNelderMead');
  const start = checkStart(x0);
  const n = start.length;
  const ftol = positiveOption('functionTolerance', options.functionTolerance, 1e-12);
  const xtol = positiveOption('pointTolerance', options.pointTolerance, 1e-10);
  const maxIter = positiveOption('maxIterations', options.maxIterations, 200 * n);
  const step = positiveOption('initialStep', options.initialStep, 0.1);
  const val = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const pts = new Float64Array((n + 1) * n);
  const fv = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j < n; j++) pts[i * n + j] = start[j];
    if (i > 0) pts[i * n + i - 1] += Math.max(step, 0.05 * Math.abs(start[i - 1]));
  }
  let evaluations = 0;
  for (let i = 0; i <= n; i++) {
    fv[i] = val(pts.subarray(i * n, (i + 1) * n));
    evaluations++;
  }
  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  let message = 'iteration limit reached';
  const sortSimplex = (): void => {
    for (let i = 0; i <= n; i++) order[i] = i;
    order.sort((a, b) => fv[a] - fv[b] || a - b);
  };
  while (iterations < maxIter) {
    sortSimplex();
    const best = order[0];
    const worst = order[n];
    const fBest = fv[best];
    let spread = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(pts[order[i] * n + j] - pts[best * n + j]));
    }
    if (Math.abs(fv[worst] - fBest) <= ftol * (Math.abs(fBest) + 1e-300) && spread <= xtol) {
      converged = true;
      message = 'simplex converged';
      break;
    }
    iterations++;
    centroid.fill(0);
    for (let i = 0; i < n; i++) {
      const v = order[i];
      for (let j = 0; j < n; j++) centroid[j] += pts[v * n + j] / n;
    }
    for (let j = 0; j < n; j++) xr[j] = centroid[j] + (centroid[j] - pts[worst * n + j]);
    const fr = val(xr);
    evaluations++;
    const fSecond = fv[order[n - 1]];
    if (fr < fBest) {
      for (let j = 0; j < n; j++) xe[j] = centroid[j] + 2 * (centroid[j] - pts[worst * n + j]);
      const fe = val(xe);
      evaluations++;
      const src = fe < fr ? xe : xr;
      for (let j = 0; j < n; j++) pts[worst * n + j] = src[j];
      fv[worst] = Math.min(fe, fr);
      continue;
    }
    if (fr < fSecond) {
      for (let j = 0; j < n; j++) pts[worst * n + j] = xr[j];
      fv[worst] = fr;
      continue;
    }
    const outside = fr < fv[worst];
    for (let j = 0; j < n; j++) {
      xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j]) : centroid[j] + 0.5 * (pts[worst * n + j] - centroid[j]);
    }
    const fc = val(xc);
    evaluations++;
    if (fc < (outside ? fr : fv[worst])) {
      for (let j = 0; j < n; j++) pts[worst * n + j] = xc[j];
      fv[worst] = fc;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const v = order[i];
      for (let j = 0; j < n; j++) pts[v * n + j] = pts[best * n + j] + 0.5 * (pts[v * n + j] - pts[best * n + j]);
      fv[v] = val(pts.subarray(v * n, (v + 1) * n));
      evaluations++;
    }
  }
  sortSimplex();
  const b = order[0];
  return {
    x: Float64Array.from(pts.subarray(b * n, (b + 1) * n)),
    value: fv[b],
    gradientNorm: NaN,
    iterations,
    evaluations,
    converged,
    message,
  };
}

/**
 * A central finite-difference gradient, for checking analytic gradients:
 * ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ) with hᵢ = step · max(1, |xᵢ|).
 *
 * @param f - the function.
 * @param x - the point.
 * @param step - relative step (default 1e-6).
 * @returns the approximate gradient.
 *
 * @example
 * ```ts
 * import { finiteDifferenceGradient } from 'crm-mining';
 * // check an analytic gradient: ∇(x² + xy) = (2x + y, x)
 * const numeric = finiteDifferenceGradient((p) => p[0] ** 2 + p[0] * p[1], [3, 4]);
 * console.log(Array.from(numeric, (v) => v.toFixed(4))); // [ '10.0000', '3.0000' ]
 * ```
 */
export function finiteDifferenceGradient(f: Objective, x: ArrayLike<number>, step = 1e-6): Float64Array {
  const n = x.length;
  const g = new Float64Array(n);
  const xp = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    const h = step * Math.max(1, Math.abs(xp[i]));
    const orig = xp[i];
    xp[i] = orig + h;
    const fp = f(xp);
    xp[i] = orig - h;
    const fm = f(xp);
    xp[i] = orig;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}
