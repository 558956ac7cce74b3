import { describe, expect, it } from 'vitest';
import {
  calinskiHarabasz,
  chooseK,
  daviesBouldin,
  elbow,
  fitKMeans,
  inertia,
  segmentProfiles,
  silhouetteSamples,
  silhouetteScore,
} from '../../src/clustering/index.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { loadIris } from './iris.js';

// Four points on a line: cluster 0 = {0, 1}, cluster 1 = {4, 6}.
const line = [[0], [1], [4], [6]];
const lineLabels = [0, 0, 1, 1];

describe('silhouette', () => {
  it('matches the hand computation on a small example', () => {
    // x=0: a=1, b=(4+6)/2=5 → 0.8;  x=1: a=1, b=(3+5)/2=4 → 0.75
    // x=4: a=2, b=(4+3)/2=3.5 → 1.5/3.5;  x=6: a=2, b=(6+5)/2=5.5 → 3.5/5.5
    const s = silhouetteSamples(line, lineLabels);
    const expected = [0.8, 0.75, 1.5 / 3.5, 3.5 / 5.5];
    expected.forEach((v, i) => expect(s[i]).toBeCloseTo(v, 14));
    expect(silhouetteScore(line, lineLabels)).toBeCloseTo(expected.reduce((a, b) => a + b) / 4, 14);
  });

  it('gives a singleton cluster 0 and uses the chosen metric', () => {
    const s = silhouetteSamples([[0, 0], [0, 1], [5, 5]], [0, 0, 1]);
    expect(s[2]).toBe(0);
    // manhattan: x=(0,0): a=1, b=10 → 0.9
    expect(silhouetteSamples([[0, 0], [0, 1], [5, 5]], [0, 0, 1], { metric: 'manhattan' })[0]).toBeCloseTo(0.9, 14);
  });

  it('sampled silhouette is seeded and equals the exact one when the sample is everything', () => {
    const { x } = loadIris();
    const m = fitKMeans(x, { k: 3, seed: 1 });
    const exact = silhouetteScore(x, m.labels);
    expect(silhouetteScore(x, m.labels, { sampleSize: 150 })).toBe(exact);
    const a = silhouetteScore(x, m.labels, { sampleSize: 60, seed: 5 });
    expect(silhouetteScore(x, m.labels, { sampleSize: 60, seed: 5 })).toBe(a);
    expect(Math.abs(a - exact)).toBeLessThan(0.1);
  });

  it('rejects one cluster, n clusters and mismatched labels', () => {
    expect(() => silhouetteScore(line, [0, 0, 0, 0])).toThrow(/1 cluster\(s\) over 4 rows; expected 2 to 3/);
    expect(() => silhouetteScore(line, [0, 1, 2, 3])).toThrow(InvalidInputError);
    expect(() => silhouetteScore(line, [0, 1])).toThrow(/2 labels for 4 rows/);
    expect(() => silhouetteScore(line, [0, 1, -1, 1])).toThrow(/row 2/);
  });
});

describe('Davies–Bouldin, Calinski–Harabasz, inertia', () => {
  it('match the hand computation', () => {
    // centres 0.5 and 5; S = 0.5 and 1; distance 4.5 → DB = 1.5 / 4.5
    expect(daviesBouldin(line, lineLabels)).toBeCloseTo(1 / 3, 14);
    // overall mean 2.75; B = 2·2.25² + 2·2.25² = 20.25; W = 0.5 + 2 = 2.5; CH = 20.25 / (2.5 / 2)
    expect(calinskiHarabasz(line, lineLabels)).toBeCloseTo(16.2, 12);
    expect(inertia(line, lineLabels)).toBeCloseTo(2.5, 14);
    expect(inertia(line, lineLabels, [[0], [5]])).toBeCloseTo(1 + 1 + 1, 14);
  });

  it('agree with the k-means model on Iris', () => {
    const { x } = loadIris();
    const m = fitKMeans(x, { k: 3, seed: 1 });
    expect(inertia(x, m.labels)).toBeCloseTo(m.inertia, 8);
  });
});

describe('choosing k', () => {
  it('scores every k and picks the silhouette maximum on well-separated blobs', () => {
    const x: number[][] = [];
    const centres = [[0, 0], [10, 0], [0, 10], [10, 10]];
    for (const [cx, cy] of centres) for (let i = 0; i < 15; i++) x.push([cx + ((i * 7) % 5) / 5, cy + ((i * 3) % 5) / 5]);
    const r = chooseK(x, { kMin: 2, kMax: 7, seed: 3, nInit: 3 });
    expect(r.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(r.bestK).toBe(4);
    expect(r.elbowK).toBe(4);
    expect(r.best.k).toBe(4);
    for (let i = 1; i < r.scores.length; i++) expect(r.scores[i].inertia).toBeLessThanOrEqual(r.scores[i - 1].inertia + 1e-9);
  });

  it('elbow picks the sharpest bend', () => {
    expect(elbow([{ k: 1, inertia: 100 }, { k: 2, inertia: 20 }, { k: 3, inertia: 15 }, { k: 4, inertia: 12 }])).toBe(2);
  });

  it('rejects an empty range', () => {
    expect(() => chooseK([[0], [1], [2]], { kMin: 3, kMax: 5 })).toThrow(/option kMax/);
  });
});

describe('segment profiles', () => {
  it('reports size, share, means and differences from the population', () => {
    const raw = [[10, 100], [20, 100], [30, 400], [40, 400]];
    const p = segmentProfiles(raw, [0, 0, 1, 1], { featureNames: ['tenure', 'spend'] });
    expect(p).toHaveLength(2);
    expect(p[0].size).toBe(2);
    expect(p[0].share).toBe(0.5);
    expect(p[0].centroid).toEqual([15, 100]);
    const tenure = p[1].features[0];
    expect(tenure.populationMean).toBe(25);
    expect(tenure.difference).toBe(10);
    expect(tenure.relativeDifference).toBeCloseTo(0.4, 14);
    expect(tenure.zScore).toBeCloseTo(10 / Math.sqrt(125), 12);
    expect(p[1].description).toMatch(/^spend high \(\+1\.0 sd\), tenure high/);
    expect(p[0].description).toMatch(/spend low \(−1\.0 sd\)/);
  });
});
