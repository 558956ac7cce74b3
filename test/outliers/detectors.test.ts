import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { Random } from '../../src/core/rng.js';
import {
  averagePathLength,
  chiSquareQuantile,
  fitIsolationForest,
  fitKnnDetector,
  fitLocalOutlierFactor,
  fitMahalanobis,
  fitOutlierDetector,
  fitUnivariateDetector,
  kNearestNeighbors,
  outlierDetectorFromJSON,
  OUTLIER_METHODS,
} from '../../src/outliers/index.js';

/** n points of a 2-D standard normal cloud plus the given extra points. */
function cloud(n: number, seed: number, extra: number[][] = []): number[][] {
  const r = new Random(seed);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push([r.normal(), r.normal()]);
  return out.concat(extra);
}

function dist(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return Math.sqrt(s);
}

/** LOF straight from the definitions (Breunig et al.), with sorting; an independent check. */
function naiveLof(X: number[][], k: number): number[] {
  const n = X.length;
  const nbrs = X.map((x, i) =>
    X.map((y, j) => ({ j, d: dist(x, y) }))
      .filter((e) => e.j !== i)
      .sort((a, b) => a.d - b.d || a.j - b.j)
      .slice(0, k),
  );
  const kd = nbrs.map((l) => l[k - 1].d);
  const lrd = nbrs.map((l) => 1 / (l.reduce((s, e) => s + Math.max(kd[e.j], e.d), 0) / k + 1e-10));
  return Array.from({ length: n }, (_, i) => nbrs[i].reduce((s, e) => s + lrd[e.j], 0) / k / lrd[i]);
}

describe('kNearestNeighbors', () => {
  it('equals sorting all distances (ties by index), with and without the row itself', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 }), { minLength: 3, maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        (rows, kRaw) => {
          const k = Math.min(kRaw, rows.length - 1);
          const train = { rows: rows.length, cols: 2, data: Float64Array.from(rows.flat()) };
          const self = kNearestNeighbors(train, null, k);
          const other = kNearestNeighbors(train, train, k);
          for (let i = 0; i < rows.length; i++) {
            const all = rows.map((r, j) => ({ j, d: dist(rows[i], r) })).sort((a, b) => a.d - b.d || a.j - b.j);
            const withoutSelf = all.filter((e) => e.j !== i);
            for (let t = 0; t < k; t++) {
              expect(self.indices[i * k + t]).toBe(withoutSelf[t].j);
              expect(self.distances[i * k + t]).toBeCloseTo(withoutSelf[t].d, 12);
              expect(other.indices[i * k + t]).toBe(all[t].j);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects k larger than the rows available', () => {
    const train = { rows: 3, cols: 1, data: Float64Array.from([1, 2, 3]) };
    expect(() => kNearestNeighbors(train, null, 3)).toThrow(InvalidOptionError);
  });
});

describe('Isolation Forest', () => {
  it('c(n) is the BST unsuccessful-search path length', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // 2 (ln 255 + γ) − 2·255/256
    expect(averagePathLength(256)).toBeCloseTo(2 * (Math.log(255) + 0.5772156649015329) - (2 * 255) / 256, 12);
    expect(averagePathLength(256)).toBeCloseTo(10.2447, 3);
  });

  it('has the scikit-learn defaults and scores a far point highest', () => {
    const X = cloud(500, 1, [[8, 8]]);
    const f = fitIsolationForest(X, { seed: 3 });
    expect(f.nTrees).toBe(100);
    expect(f.maxSamples).toBe(256);
    expect(f.maxDepth).toBe(8);
    const s = f.trainingScores;
    let top = 0;
    for (let i = 1; i < s.length; i++) if (s[i] > s[top]) top = i;
    expect(top).toBe(500);
    expect(s[500]).toBeGreaterThan(0.6);
    for (const v of s) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    // s = 2^(−E[h]/c(ψ))
    const h = f.meanPathLength([[8, 8]])[0];
    expect(Math.pow(2, -h / averagePathLength(256))).toBeCloseTo(s[500], 12);
  });

  it('is reproducible from its seed and differs between seeds', () => {
    const X = cloud(300, 2);
    const a = fitIsolationForest(X, { seed: 7 }).trainingScores;
    const b = fitIsolationForest(X, { seed: 7 }).trainingScores;
    const c = fitIsolationForest(X, { seed: 8 }).trainingScores;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('caps the subsample at n and handles constant columns', () => {
    const X = Array.from({ length: 50 }, (_, i) => [i, 5]);
    const f = fitIsolationForest(X, { nTrees: 10 });
    expect(f.maxSamples).toBe(50);
    expect(f.maxDepth).toBe(6);
    // Only column 0 varies: the ends of the line are isolated sooner than its middle.
    expect(f.trainingScores[0]).toBeGreaterThan(f.trainingScores[25]);
    expect(f.trainingScores[49]).toBeGreaterThan(f.trainingScores[25]);
  });
});

describe('Local Outlier Factor', () => {
  it('matches the textbook definition computed naively (training scores and new rows)', () => {
    const X = cloud(60, 4, [[4, 4], [4.2, 4.1]]);
    const k = 5;
    const lof = fitLocalOutlierFactor(X, { k });
    const ref = naiveLof(X, k);
    for (let i = 0; i < X.length; i++) expect(lof.trainingScores[i]).toBeCloseTo(ref[i], 9);
    // A new row equal to a training row's position is scored as that row would be with itself as a neighbour.
    const q = [[0.1, -0.2]];
    const withQ = naiveLof(X.concat(q), k);
    const s = lof.score(q)[0];
    // Not identical (a new row does not change the training densities) but close for an inlier.
    expect(s).toBeGreaterThan(0.5);
    expect(Math.abs(s - withQ[X.length])).toBeLessThan(0.3);
  });

  it('is about 1 on a regular grid and defaults to k = 20 (reduced to n − 1)', () => {
    const grid: number[][] = [];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) grid.push([i, j]);
    const lof = fitLocalOutlierFactor(grid);
    expect(lof.k).toBe(20);
    expect(lof.score([[4.5, 4.5]])[0]).toBeCloseTo(1, 0);
    expect(lof.score([[30, 30]])[0]).toBeGreaterThan(3);
    expect(fitLocalOutlierFactor([[0], [1], [3]]).k).toBe(2);
  });
});

describe('k-NN distance detector', () => {
  it('scores the k-th, mean or median neighbour distance', () => {
    const X = [[0], [1], [2], [4], [8]];
    // Row 0's neighbours (itself excluded): 1, 2, 4, 8 → k = 3: kth 4, mean 7/3, median 2.
    expect(fitKnnDetector(X, { k: 3 }).trainingScores[0]).toBe(4);
    expect(fitKnnDetector(X, { k: 3, aggregate: 'mean' }).trainingScores[0]).toBeCloseTo(7 / 3, 12);
    expect(fitKnnDetector(X, { k: 3, aggregate: 'median' }).trainingScores[0]).toBe(2);
    // A new row at 3: distances 1, 1, 2, … → k = 3 gives 2.
    expect(fitKnnDetector(X, { k: 3 }).score([[3]])[0]).toBe(2);
    expect(fitKnnDetector(X.concat([[16]])).k).toBe(5);
    expect(() => fitKnnDetector(X)).toThrow(/option k: expected an integer in \[1, 4\], got 5/);
  });
});

describe('univariate detectors', () => {
  const X = [[1], [2], [3], [4], [100]];
  it('z-score uses the mean and the sample standard deviation', () => {
    const d = fitUnivariateDetector(X, 'zscore');
    const mean = 22;
    const sd = Math.sqrt(((1 - 22) ** 2 + (2 - 22) ** 2 + (3 - 22) ** 2 + (4 - 22) ** 2 + (100 - 22) ** 2) / 4);
    expect(d.trainingScores[4]).toBeCloseTo((100 - mean) / sd, 12);
    expect(d.threshold).toBe(3);
    // With n = 5 even the extreme row stays below 3 (the z-score's masking): (n − 1)/√n < 3.
    expect(d.trainingLabels()[4]).toBe(0);
  });

  it('modified z-score = 0.6745 (x − median) / MAD, cut-off 3.5', () => {
    const d = fitUnivariateDetector(X, 'mad');
    // median 3, absolute deviations 2, 1, 0, 1, 97 → MAD 1
    expect(d.trainingScores[4]).toBeCloseTo(0.6745 * 97, 10);
    expect(d.trainingScores[0]).toBeCloseTo(0.6745 * 2, 10);
    expect(Array.from(d.trainingLabels())).toEqual([0, 0, 0, 0, 1]);
  });

  it('MAD of zero falls back to the mean absolute deviation; a constant column is skipped', () => {
    const d = fitUnivariateDetector([[5, 1], [5, 1], [5, 1], [6, 1], [9, 1]], 'mad');
    // column 0: median 5, MAD 0, mean |dev| = (0+0+0+1+4)/5 = 1 → scale 1.253314
    expect(d.trainingScores[4]).toBeCloseTo(4 / 1.253314, 10);
    expect(d.skippedColumns).toEqual([1]);
    expect(d.score([[5, 1000]])[0]).toBe(0);
  });

  it('IQR fences: distance beyond the box in IQR units, cut-off 1.5', () => {
    const d = fitUnivariateDetector(X, 'iqr');
    // quartiles (linear interpolation) Q1 = 2, Q3 = 4, IQR 2
    expect(d.low[0]).toBe(2);
    expect(d.high[0]).toBe(4);
    expect(d.score([[7], [7.01], [3], [-1.5]])).toEqual(Float64Array.from([1.5, 1.505, 0, 1.75]));
    expect(Array.from(d.label([[7], [7.01]]))).toEqual([0, 1]);
    const cols = d.columnScores([[100]]);
    expect(cols.data[0]).toBe(48);
  });
});

describe('Mahalanobis', () => {
  it('chi-square quantiles', () => {
    expect(chiSquareQuantile(0.975, 1)).toBeCloseTo(5.023886, 5);
    expect(chiSquareQuantile(0.5, 2)).toBeCloseTo(2 * Math.log(2), 9);
    expect(chiSquareQuantile(0.975, 2)).toBeCloseTo(-2 * Math.log(0.025), 9);
    expect(chiSquareQuantile(0.5, 10)).toBeCloseTo(9.341818, 5);
  });

  it('classical: squared distance with the MLE covariance, threshold χ²(0.975)', () => {
    // Points (±1, 0), (0, ±1): mean 0, covariance diag(0.5, 0.5).
    const d = fitMahalanobis([[1, 0], [-1, 0], [0, 1], [0, -1]]);
    expect(d.score([[2, 0]])[0]).toBeCloseTo(8, 12);
    expect(d.score([[1, 1]])[0]).toBeCloseTo(4, 12);
    const cov = d.covariance;
    [0.5, 0, 0, 0.5].forEach((v, i) => expect(cov[i]).toBeCloseTo(v, 12));
    expect(d.threshold).toBeCloseTo(-2 * Math.log(0.025), 9);
  });

  it('MCD resists a planted cluster that masks itself under the classical estimate', () => {
    const planted = Array.from({ length: 60 }, (_, i) => [6 + (i % 5) * 0.05, 6 + Math.floor(i / 5) * 0.02]);
    const X = cloud(240, 5, planted);
    const robust = fitMahalanobis(X, { covariance: 'mcd', seed: 1 });
    const classical = fitMahalanobis(X);
    const flagged = (l: Uint8Array): number => l.subarray(240).reduce((s, v) => s + v, 0);
    expect(flagged(robust.trainingLabels())).toBe(60);
    expect(flagged(classical.trainingLabels())).toBeLessThan(10);
    expect(Math.abs(robust.location[0])).toBeLessThan(0.3);
    expect(classical.location[0]).toBeGreaterThan(1);
  });

  it('a constant column makes the covariance singular: a typed error', () => {
    expect(() => fitMahalanobis([[1, 5], [2, 5], [3, 5], [4, 5]])).toThrow(/singular/);
  });
});

describe('labelling, bad input, JSON', () => {
  const X = cloud(200, 9, [[6, -6]]);

  it('contamination labels that share of distinct training scores; a threshold labels above it', () => {
    const f = fitIsolationForest(X, { contamination: 0.05 });
    const n = f.trainingLabels().reduce((s, v) => s + v, 0);
    expect(n).toBe(Math.floor(201 * 0.05)); // above the 95th percentile (interpolated)
    expect(f.contamination).toBe(0.05);
    expect(fitIsolationForest(X).contamination).toBe(0.1);
    const t = fitIsolationForest(X, { threshold: 0.55 });
    expect(t.contamination).toBeNull();
    expect(Array.from(t.trainingLabels())).toEqual(Array.from(t.trainingScores, (s) => (s > 0.55 ? 1 : 0)));
  });

  it('rejects contamination outside (0, 0.5], both options, NaN/Infinity and ragged rows with typed errors', () => {
    for (const method of OUTLIER_METHODS) {
      for (const c of [0, -0.1, 0.51, 1, NaN]) {
        expect(() => fitOutlierDetector(X, { method, contamination: c })).toThrow(InvalidOptionError);
      }
      expect(() => fitOutlierDetector(X, { method, contamination: 0.1, threshold: 1 })).toThrow(InvalidOptionError);
      expect(() => fitOutlierDetector([[1, 2], [3, NaN], [4, 5], [0, 1]], { method })).toThrow(/row 1, column 1 is NaN/);
      expect(() => fitOutlierDetector([[1, 2], [3, 4], [4, Infinity], [0, 1]], { method })).toThrow(InvalidInputError);
      expect(() => fitOutlierDetector([[1, 2], [3], [4, 5]], { method })).toThrow(/row 1 has 1 values, expected 2/);
      const d = fitOutlierDetector(X, { method });
      expect(() => d.score([[1, 2, 3]])).toThrow(/expected 2/);
      expect(() => d.score([[1, NaN]])).toThrow(InvalidInputError);
    }
    expect(() => fitOutlierDetector(X, { method: 'dbscan' as never })).toThrow(/option method/);
    expect(() => fitLocalOutlierFactor([[1]])).toThrow(InvalidInputError);
  });

  it('every detector round-trips through JSON with identical scores and labels', () => {
    const q = cloud(20, 10, [[5, 5]]);
    for (const method of OUTLIER_METHODS) {
      const d = fitOutlierDetector(X, { method, standardize: true, covariance: 'mcd' });
      const back = outlierDetectorFromJSON(JSON.parse(JSON.stringify(d)));
      expect(back.method).toBe(method);
      expect(Array.from(back.score(q))).toEqual(Array.from(d.score(q)));
      expect(Array.from(back.trainingScores)).toEqual(Array.from(d.trainingScores));
      expect(back.threshold).toBe(d.threshold);
      expect(Array.from(back.label(q))).toEqual(Array.from(d.label(q)));
    }
    expect(() => outlierDetectorFromJSON({ method: 'nope' })).toThrow(InvalidInputError);
  });

  it('does not modify the caller’s rows', () => {
    const rows = cloud(30, 11);
    const copy = rows.map((r) => r.slice());
    for (const method of OUTLIER_METHODS) fitOutlierDetector(rows, { method, standardize: true });
    expect(rows).toEqual(copy);
  });
});
