import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitKMeans, KMeansModel, type KMeansAlgorithm } from '../../src/clustering/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { loadIris } from './iris.js';

const iris = loadIris().x;

/** Plain textbook Lloyd over number[][] (no library code): labels and centres from given centres. */
function naiveLloyd(x: number[][], start: number[][], maxIter = 300): { labels: number[]; centres: number[][] } {
  let centres = start.map((c) => [...c]);
  let labels: number[] = [];
  for (let it = 0; it < maxIter; it++) {
    const next = x.map((p) => {
      let best = Infinity;
      let bi = 0;
      centres.forEach((c, j) => {
        const d = c.reduce((s, v, t) => s + (p[t] - v) ** 2, 0);
        if (d < best) {
          best = d;
          bi = j;
        }
      });
      return bi;
    });
    if (next.every((l, i) => l === labels[i])) break;
    labels = next;
    centres = centres.map((c, j) => {
      const members = x.filter((_, i) => labels[i] === j);
      return c.map((_, t) => members.reduce((s, p) => s + p[t], 0) / members.length);
    });
  }
  return { labels, centres };
}

describe('k-means on Iris', () => {
  it('reaches the known global minimum 78.851441 over many seeds, never below it', () => {
    const inertias: number[] = [];
    for (let seed = 0; seed < 25; seed++) inertias.push(fitKMeans(iris, { k: 3, nInit: 1, seed }).inertia);
    const best = Math.min(...inertias);
    expect(best).toBeCloseTo(78.851441, 6);
    for (const v of inertias) expect(v).toBeGreaterThanOrEqual(78.851441 - 1e-6);
    // with restarts, one call finds it
    expect(fitKMeans(iris, { k: 3, nInit: 10, seed: 1 }).inertia).toBeCloseTo(78.851441, 6);
  });

  it('finds both local optima: 78.851441 and 78.855666 occur, nothing else between them and 80', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const v = fitKMeans(iris, { k: 3, nInit: 1, seed, init: 'random', maxIter: 300, tol: 0 }).inertia;
      if (v < 80) seen.add(v.toFixed(6));
    }
    expect([...seen].sort()).toEqual(['78.851441', '78.855666']);
  });

  it('Hamerly and Elkan give exactly the labels and centres of plain Lloyd from the same start', () => {
    for (let seed = 0; seed < 12; seed++) {
      const runs = (['lloyd', 'hamerly', 'elkan'] as KMeansAlgorithm[]).map((algorithm) =>
        fitKMeans(iris, { k: 3 + (seed % 4), nInit: 1, seed, algorithm, init: seed % 2 === 0 ? 'k-means++' : 'random' }),
      );
      const [l, h, e] = runs;
      expect(Array.from(h.labels)).toEqual(Array.from(l.labels));
      expect(Array.from(e.labels)).toEqual(Array.from(l.labels));
      expect(Array.from(h.centroids.data)).toEqual(Array.from(l.centroids.data));
      expect(Array.from(e.centroids.data)).toEqual(Array.from(l.centroids.data));
      expect(h.inertia).toBe(l.inertia);
      expect(h.iterations).toBe(l.iterations);
      // the bounds pay: fewer distance computations than n·k per iteration
      expect(h.distanceComputations).toBeLessThan(l.distanceComputations);
      expect(e.distanceComputations).toBeLessThan(l.distanceComputations);
    }
  });

  it('agrees with a naive Lloyd written in the test from the same given centres', () => {
    const start = [iris[0], iris[60], iris[120]];
    const ref = naiveLloyd(iris, start);
    const m = fitKMeans(iris, { k: 3, init: start, tol: 0, algorithm: 'elkan' });
    expect(Array.from(m.labels)).toEqual(ref.labels);
    const c = m.centroids.data;
    ref.centres.flat().forEach((v, i) => expect(c[i]).toBeCloseTo(v, 10));
    expect(m.converged).toBe(true);
  });
});

describe('k-means properties', () => {
  const dataArb = fc
    .record({
      n: fc.integer({ min: 6, max: 60 }),
      d: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 6 }),
      seed: fc.integer({ min: 0, max: 1000 }),
      grid: fc.boolean(),
    })
    .chain(({ n, d, k, seed, grid }) =>
      fc
        .array(fc.array(grid ? fc.integer({ min: 0, max: 3 }) : fc.integer({ min: -10000, max: 10000 }).map((v) => v / 1000), { minLength: d, maxLength: d }), {
          minLength: n,
          maxLength: n,
        })
        .map((x) => ({ x, k, seed })),
    )
    .filter(({ x, k }) => new Set(x.map((r) => r.join(','))).size >= k);

  it('inertia never increases between iterations (every variant)', () => {
    fc.assert(
      fc.property(dataArb, ({ x, k, seed }) => {
        for (const algorithm of ['lloyd', 'hamerly', 'elkan'] as const) {
          const m = fitKMeans(x, { k, seed, nInit: 1, algorithm, trackInertia: true, init: 'random', tol: 0 });
          const h = m.inertiaHistory;
          expect(h.length).toBe(m.iterations + 1);
          for (let t = 1; t < h.length; t++) expect(h[t]).toBeLessThanOrEqual(h[t - 1] * (1 + 1e-12) + 1e-12);
          expect(h[h.length - 1]).toBe(m.inertia);
        }
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });

  it('Hamerly and Elkan equal Lloyd on random data, ties and empty clusters included', () => {
    fc.assert(
      fc.property(dataArb, ({ x, k, seed }) => {
        const opts = { k, seed, nInit: 2, init: 'random' as const, tol: 0 };
        const l = fitKMeans(x, { ...opts, algorithm: 'lloyd' });
        for (const algorithm of ['hamerly', 'elkan'] as const) {
          const o = fitKMeans(x, { ...opts, algorithm });
          expect(Array.from(o.labels)).toEqual(Array.from(l.labels));
          expect(Array.from(o.centroids.data)).toEqual(Array.from(l.centroids.data));
        }
        // no empty cluster survives and labels are the nearest centres
        expect(new Set(l.labels).size).toBe(k);
        expect(Array.from(l.predict(x))).toEqual(Array.from(l.labels));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });
});

describe('k-means behaviour', () => {
  it('relocates an empty cluster deterministically to the farthest point', () => {
    // centre 2 is far away and attracts no point; the farthest point from its centre is row 5 (x = 11)
    const x = [[0], [1], [2], [8], [9], [11]];
    const runs = (['lloyd', 'hamerly', 'elkan'] as const).map((algorithm) => fitKMeans(x, { k: 3, init: [[1], [9], [100]], algorithm }));
    for (const m of runs) {
      expect(Array.from(m.labels)).toEqual(Array.from(runs[0].labels));
      expect(new Set(m.labels).size).toBe(3);
      for (const v of m.centroids.data) expect(Number.isFinite(v)).toBe(true);
    }
    expect(runs[0].labels[5]).toBe(2);
    expect(runs[0].centroids.data[2]).toBe(11);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = fitKMeans(iris, { k: 5, seed: 7, nInit: 2 });
    const b = fitKMeans(iris, { k: 5, seed: 7, nInit: 2 });
    expect(Array.from(a.centroids.data)).toEqual(Array.from(b.centroids.data));
    expect(a.restartInertias).toEqual(b.restartInertias);
    const c = fitKMeans(iris, { k: 5, seed: 8, nInit: 2 });
    expect(c.restartInertias).not.toEqual(a.restartInertias);
  });

  it('keeps the restart with the lowest inertia', () => {
    const m = fitKMeans(iris, { k: 4, nInit: 6, seed: 3, init: 'random' });
    expect(m.inertia).toBe(Math.min(...m.restartInertias));
    expect(m.restartInertias).toHaveLength(6);
  });

  it('mini-batch k-means gets close to the exact optimum on Iris', () => {
    const m = fitKMeans(iris, { k: 3, algorithm: 'minibatch', batchSize: 32, seed: 1, nInit: 3 });
    expect(m.inertia).toBeLessThan(78.851441 * 1.05);
    expect(m.labels).toHaveLength(150);
    expect(Array.from(m.predict(iris))).toEqual(Array.from(m.labels));
  });

  it('predict assigns to the nearest centre under each metric; transform gives distances', () => {
    const m = fitKMeans([[0, 0], [0, 1], [10, 10], [10, 11]], { k: 2, seed: 1 });
    const far = m.labels[2];
    expect(Array.from(m.predict([[9, 9], [1, 0]]))).toEqual([far, 1 - far]);
    expect(Array.from(m.predict([[9, 9]], 'manhattan'))).toEqual([far]);
    const t = m.transform([[0, 0.5]]);
    expect(t.data[m.labels[0]]).toBeCloseTo(0, 12);
    expect(t.data[far]).toBeCloseTo(Math.hypot(10, 10), 12);
    // cosine: direction only
    const c = fitKMeans([[1, 0], [2, 0.1], [0, 1], [0.1, 2]], { k: 2, seed: 1 });
    expect(c.predict([[100, 1]], 'cosine')[0]).toBe(c.labels[0]);
  });

  it('round-trips through JSON exactly', () => {
    const m = fitKMeans(iris, { k: 3, seed: 2, nInit: 2, featureNames: ['sl', 'sw', 'pl', 'pw'], trackInertia: true });
    const back = KMeansModel.fromJSON(JSON.parse(JSON.stringify(m.toJSON())));
    expect(back.toJSON()).toEqual(m.toJSON());
    expect(Array.from(back.centroids.data)).toEqual(Array.from(m.centroids.data));
    expect(Array.from(back.predict(iris))).toEqual(Array.from(m.predict(iris)));
    expect(back.featureNames).toEqual(['sl', 'sw', 'pl', 'pw']);
  });
});

describe('k-means bad input', () => {
  it('rejects k < 1 and k above the distinct rows', () => {
    expect(() => fitKMeans(iris, { k: 0 })).toThrow(InvalidOptionError);
    expect(() => fitKMeans(iris, { k: 1.5 })).toThrow(/option k/);
    expect(() => fitKMeans([[1], [1], [2], [2]], { k: 3 })).toThrow(/only 2 distinct rows/);
  });

  it('rejects NaN, Infinity and ragged rows naming the place', () => {
    expect(() => fitKMeans([[1, 2], [NaN, 1], [3, 3]], { k: 2 })).toThrow(/row 1, column 0 is NaN/);
    expect(() => fitKMeans([[1, 2], [2, Infinity], [3, 3]], { k: 2 })).toThrow(InvalidInputError);
    expect(() => fitKMeans([[1, 2], [2], [3, 3]], { k: 2 })).toThrow(/row 1 has 1 values, expected 2/);
  });

  it('rejects bad options and badly shaped given centres', () => {
    expect(() => fitKMeans(iris, { k: 3, algorithm: 'fast' as never })).toThrow(/option algorithm/);
    expect(() => fitKMeans(iris, { k: 3, nInit: 0 })).toThrow(/option nInit/);
    expect(() => fitKMeans(iris, { k: 3, tol: -1 })).toThrow(/option tol/);
    expect(() => fitKMeans(iris, { k: 2, init: [[1, 2, 3, 4]] })).toThrow(/expected k × d = 2 × 4/);
    const m = fitKMeans(iris, { k: 2 });
    expect(() => m.predict([[1, 2]])).toThrow(/fitted on 4/);
  });
});
