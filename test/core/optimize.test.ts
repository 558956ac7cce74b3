import { describe, expect, it } from 'vitest';
import { finiteDifferenceGradient, minimizeBfgs, minimizeNelderMead } from '../../src/core/optimize.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';

const rosenbrock = (x: Float64Array, g?: Float64Array): number => {
  const a = 1 - x[0];
  const b = x[1] - x[0] * x[0];
  if (g) {
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
  }
  return a * a + 100 * b * b;
};

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum (1, 1) to high precision', () => {
    const res = minimizeBfgs(rosenbrock, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 8);
    expect(res.x[1]).toBeCloseTo(1, 8);
    expect(res.value).toBeLessThan(1e-15);
  });

  it('minimises a quadratic exactly and reports the gradient norm', () => {
    // f = Σ (i+1)(x_i − i)²
    const f = (x: Float64Array, g: Float64Array): number => {
      let s = 0;
      for (let i = 0; i < x.length; i++) {
        s += (i + 1) * (x[i] - i) ** 2;
        g[i] = 2 * (i + 1) * (x[i] - i);
      }
      return s;
    };
    const res = minimizeBfgs(f, new Float64Array(6));
    for (let i = 0; i < 6; i++) expect(res.x[i]).toBeCloseTo(i, 9);
    expect(res.gradientNorm).toBeLessThan(1e-8);
  });

  it('steps back from points where the objective is not finite', () => {
    // defined only for x > 0: f = x − ln x, minimum at 1
    const f = (x: Float64Array, g: Float64Array): number => {
      g[0] = 1 - 1 / x[0];
      return x[0] > 0 ? x[0] - Math.log(x[0]) : NaN;
    };
    const res = minimizeBfgs(f, [0.01]);
    expect(res.x[0]).toBeCloseTo(1, 8);
  });

  it('rejects a non-finite start and bad options', () => {
    expect(() => minimizeBfgs(rosenbrock, [NaN, 0])).toThrow(InvalidInputError);
    expect(() => minimizeBfgs(rosenbrock, [0, 0], { gradientTolerance: -1 })).toThrow(InvalidOptionError);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum without a gradient', () => {
    const res = minimizeNelderMead((x) => rosenbrock(x), [-1.2, 1], { maxIterations: 5000 });
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 4);
    expect(res.x[1]).toBeCloseTo(1, 4);
    expect(Number.isNaN(res.gradientNorm)).toBe(true);
  });
});

describe('finiteDifferenceGradient', () => {
  it('agrees with the analytic Rosenbrock gradient', () => {
    const x = Float64Array.of(0.3, -0.7);
    const g = new Float64Array(2);
    rosenbrock(x, g);
    const fd = finiteDifferenceGradient((y) => rosenbrock(y), x);
    expect(fd[0]).toBeCloseTo(g[0], 5);
    expect(fd[1]).toBeCloseTo(g[1], 5);
  });
});
