import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, logGamma } from '../../src/core/special.js';
import { InvalidInputError } from '../../src/core/errors.js';

/** |got − want| ≤ tol · max(1, |want|): a relative check that is absolute near 0. */
function close(got: number, want: number, tol = 4e-15): void {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));
}

describe('logGamma', () => {
  it('matches known values to about 15 digits', () => {
    // ln Γ(1/2) = ln √π; ln Γ(n) = ln (n−1)!
    close(logGamma(0.5), 0.5 * Math.log(Math.PI));
    expect(logGamma(1)).toBe(0);
    expect(logGamma(2)).toBe(0);
    close(logGamma(3), Math.log(2));
    close(logGamma(10), Math.log(362880));
    let lf = 0;
    for (let k = 2; k < 100; k++) lf += Math.log(k);
    expect(Math.abs(logGamma(100) - lf) / lf).toBeLessThan(1e-14);
    // Γ(1.5) = √π / 2, Γ(0.1) = 9.513507698668731836...
    close(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2));
    close(logGamma(0.1), Math.log(9.513507698668732));
  });

  it('satisfies the recurrence ln Γ(x + 1) = ln Γ(x) + ln x across the range', () => {
    for (const x of [1e-3, 0.07, 0.3, 0.9, 1.7, 4.2, 9.99, 10.5, 57.3, 1234.5]) {
      close(logGamma(x + 1), logGamma(x) + Math.log(x));
    }
  });

  it('uses the reflection formula for negative arguments and is infinite at the poles', () => {
    // Γ(−0.5) = −2√π
    close(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)));
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });
});

describe('digamma', () => {
  it('matches known values', () => {
    const euler = 0.5772156649015329;
    expect(digamma(1)).toBeCloseTo(-euler, 14);
    expect(digamma(0.5)).toBeCloseTo(-euler - 2 * Math.log(2), 14);
    expect(digamma(2)).toBeCloseTo(1 - euler, 14);
    expect(digamma(10)).toBeCloseTo(-euler + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, k) => s + 1 / k, 0), 13);
  });

  it('is the derivative of logGamma (central differences)', () => {
    for (const x of [0.05, 0.24, 0.8, 2.4, 7.5, 31]) {
      const h = 1e-5 * Math.max(1, x);
      const fd = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
      expect(digamma(x)).toBeCloseTo(fd, 6);
    }
  });

  it('handles negative arguments by reflection and returns NaN at poles', () => {
    // ψ(1 − x) − ψ(x) = π cot(πx)
    const x = -0.3;
    expect(digamma(1 - x) - digamma(x)).toBeCloseTo(Math.PI / Math.tan(Math.PI * x), 12);
    expect(digamma(0)).toBeNaN();
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9]) {
      // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z
      const expected = z === 0 ? 1 : -Math.log(1 - z) / z;
      expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(expected, 12);
      // ₂F₁(a, b; b; z) = (1 − z)^−a
      expect(hyp2f1(0.7, 2.3, 2.3, z)).toBeCloseTo(Math.pow(1 - z, -0.7), 12);
    }
  });

  it('rejects z outside [0, 1) with a typed error', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(InvalidInputError);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(/c must not be/);
  });
});
