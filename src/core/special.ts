/**
 * Special functions needed by the statistical models: the log-gamma function, the digamma function
 * and the Gauss hypergeometric function ₂F₁ on [0, 1).
 *
 * Accuracy: {@link logGamma} and {@link digamma} shift the argument up to at least 10 with the
 * recurrences Γ(x + 1) = xΓ(x) and ψ(x + 1) = ψ(x) + 1/x and then use the Stirling / de Moivre asymptotic
 * series, which at x ≥ 10 is accurate to the last bit or two of a double (about 15 significant digits,
 * and about 1e-15 absolute near the zeros of log Γ at 1 and 2).
 *
 * @module
 */
import { InvalidInputError } from './errors.js';
import { optionKeys, rejectUnknownOptions } from './validate.js';

const HALF_LOG_TWO_PI = 0.9189385332046728; // 0.5 * ln(2π)

/**
 * The natural logarithm of the absolute value of the gamma function, ln|Γ(x)|.
 *
 * For x ≥ 10 the Stirling series (to the x⁻¹³ term) is used; smaller positive x are shifted up with
 * Γ(x) = Γ(x + n) / (x (x + 1) … (x + n − 1)); negative non-integer x use the reflection formula
 * Γ(x) Γ(1 − x) = π / sin(πx).
 *
 * @param x - any finite number that is not 0 or a negative integer.
 * @returns ln|Γ(x)|; `+Infinity` at 0 and the negative integers (the poles), `NaN` for `NaN`.
 *
 * @example
 * ```ts
 * import { logGamma } from 'crm-mining';
 * console.log(logGamma(5)); // ln(4!) = ln 24 ≈ 3.1781
 * // binomial coefficient C(100, 50) without overflow
 * const lnChoose = logGamma(101) - 2 * logGamma(51);
 * console.log(Math.exp(lnChoose)); // ≈ 1.0089e29
 * ```
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // reflection: ln|Γ(x)| = ln(π / |sin(πx)|) − ln|Γ(1 − x)|
    const s = Math.sin(Math.PI * x);
    return Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x);
  }
  if (x === 1 || x === 2) return 0;
  let shift = 0;
  let prod = 1;
  let y = x;
  while (y < 10) {
    prod *= y;
    y += 1;
    shift = 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  // Stirling series: sum B_{2k} / (2k (2k − 1) y^{2k−1})
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  const lg = (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + series;
  return shift ? lg - Math.log(prod) : lg;
}

/**
 * The digamma function ψ(x) = d/dx ln Γ(x).
 *
 * Positive x are shifted up to at least 10 with ψ(x) = ψ(x + 1) − 1/x and then evaluated with the
 * asymptotic series; negative non-integer x use the reflection ψ(1 − x) − ψ(x) = π cot(πx).
 *
 * @param x - any finite number that is not 0 or a negative integer.
 * @returns ψ(x); `NaN` at the poles (0 and the negative integers) and for `NaN`.
 *
 * @example
 * ```ts
 * import { digamma } from 'crm-mining';
 * console.log(digamma(1)); // −γ ≈ -0.5772
 * // ψ(x + 1) = ψ(x) + 1/x
 * console.log(digamma(3.5) - digamma(2.5)); // ≈ 0.4 = 1/2.5
 * ```
 */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return NaN;
  if (x < 0) return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  let acc = 0;
  let y = x;
  while (y < 10) {
    acc -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 -
          inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 * (1 / 12)))))));
  return acc + Math.log(y) - 0.5 * inv - series;
}

/**
 * Options of {@link hyp2f1}.
 *
 * @example
 * ```ts
 * import { hyp2f1, type Hyp2f1Options } from 'crm-mining';
 * const loose: Hyp2f1Options = { tolerance: 1e-8, maxTerms: 1000 };
 * console.log(hyp2f1(0.5, 1.5, 2.5, 0.9, loose));
 * ```
 */
export interface Hyp2f1Options {
  /** Relative size of the last term at which the series stops (default 1e-15). */
  tolerance?: number;
  /** Maximum number of series terms (default 100000). */
  maxTerms?: number;
}

const HYP2F1_OPTION_KEYS = optionKeys<Hyp2f1Options>({ tolerance: true, maxTerms: true });

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) = Σₖ (a)ₖ (b)ₖ / ((c)ₖ k!) zᵏ by its power series,
 * for 0 ≤ z < 1 (where the series converges). Callers with z close to 1 should first apply a
 * transformation that makes the parameters small (for example Euler's,
 * ₂F₁(a, b; c; z) = (1 − z)^(c − a − b) ₂F₁(c − a, c − b; c; z)), as the BG/NBD code does.
 *
 * @param a - first numerator parameter.
 * @param b - second numerator parameter.
 * @param c - denominator parameter; must not be 0 or a negative integer.
 * @param z - the argument, in [0, 1).
 * @param options - stopping rule; see {@link Hyp2f1Options}.
 * @returns the value of the series.
 * @throws InvalidInputError when z is outside [0, 1), c is a pole, or the series does not converge
 *   within `maxTerms` terms.
 *
 * @example
 * ```ts
 * import { hyp2f1 } from 'crm-mining';
 * // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
 * console.log(hyp2f1(1, 1, 2, 0.5)); // ≈ 1.3863 = 2 ln 2
 * ```
 */
export function hyp2f1(a: number, b: number, c: number, z: number, options: Hyp2f1Options = {}): number {
  rejectUnknownOptions(options, HYP2F1_OPTION_KEYS, 'hyp2f1');
  const tolerance = options.tolerance ?? 1e-15;
  const maxTerms = options.maxTerms ?? 100000;
  if (!(z >= 0 && z < 1)) throw new InvalidInputError(`hyp2f1: z must be in [0, 1), got ${z}`, { field: 'z' });
  if (c <= 0 && Number.isInteger(c)) throw new InvalidInputError(`hyp2f1: c must not be 0 or a negative integer, got ${c}`, { field: 'c' });
  let term = 1;
  let sum = 1;
  for (let k = 0; k < maxTerms; k++) {
    term *= ((a + k) * (b + k)) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (term === 0 || Math.abs(term) <= tolerance * Math.abs(sum)) return sum;
  }
  throw new InvalidInputError(`hyp2f1(${a}, ${b}; ${c}; ${z}): the series did not converge in ${maxTerms} terms`, { field: 'z' });
}
