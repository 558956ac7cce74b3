import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Random } from '../../src/core/rng.js';
import { InvalidOptionError } from '../../src/core/errors.js';

describe('Random', () => {
  it('gives the same sequence for the same seed, bit for bit', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = new Random(seed);
        const b = new Random(seed);
        for (let i = 0; i < 50; i++) expect(a.nextUint32()).toBe(b.nextUint32());
      }),
    );
  });

  it('gives different sequences for different seeds', () => {
    const a = Array.from({ length: 8 }, ((r) => () => r.nextUint32())(new Random(1)));
    const b = Array.from({ length: 8 }, ((r) => () => r.nextUint32())(new Random(2)));
    expect(a).not.toEqual(b);
  });

  it('next() stays in [0, 1) and has the mean and variance of a uniform', () => {
    const r = new Random(7);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    // Standard error of the mean is sqrt(1/12/n) ≈ 0.0009; allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.0046);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('int(n) is uniform over [0, n) (chi-square)', () => {
    const r = new Random(3);
    const n = 7;
    const draws = 70_000;
    const counts = new Array(n).fill(0);
    for (let i = 0; i < draws; i++) counts[r.int(n)]++;
    const expected = draws / n;
    const chi2 = counts.reduce((s, c) => s + ((c - expected) ** 2) / expected, 0);
    // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
    expect(chi2).toBeLessThan(22.46);
  });

  it('normal() has mean 0 and variance 1', () => {
    const r = new Random(11);
    let sum = 0;
    let sumSq = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      sum += x;
      sumSq += x * x;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.03);
  });

  it('shuffle is a permutation and sample gives distinct indices in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const r = new Random(seed);
        const a = Int32Array.from({ length: n }, (_, i) => i);
        r.shuffle(a);
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
        const k = Math.floor(n / 2);
        const s = r.sample(n, k);
        expect(s.length).toBe(k);
        expect(new Set(s).size).toBe(k);
        for (const v of s) expect(v >= 0 && v < n).toBe(true);
      }),
    );
  });

  it('fork() is deterministic and independent of later draws of the parent', () => {
    const a = new Random(5).fork();
    const b = new Random(5).fork();
    expect(a.nextUint32()).toBe(b.nextUint32());
  });

  it('rejects bad seeds and bounds with typed errors naming the option', () => {
    expect(() => new Random(Number.NaN)).toThrow(InvalidOptionError);
    expect(() => new Random(Infinity)).toThrow(/seed/);
    expect(() => new Random(1).int(0)).toThrow(/option n/);
    expect(() => new Random(1).int(2.5)).toThrow(InvalidOptionError);
    expect(() => new Random(1).sample(3, 4)).toThrow(/option k/);
  });
});
