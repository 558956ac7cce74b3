import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { Random } from '../../src/core/rng.js';
import { Interactions } from '../../src/recommend/interactions.js';
import {
  BaselineRecommender,
  ImplicitAlsRecommender,
  KnnRecommender,
  PopularityRecommender,
  RandomRecommender,
  SvdRecommender,
  fitBaselines,
  fitItemKnn,
  fitKnnBaseline,
  fitUserKnn,
} from '../../src/recommend/collaborative/index.js';
import { interactionKFold, leaveNOutSplit, randomSplit, temporalSplit, compare, evaluateRecommender } from '../../src/recommend/evaluate.js';
import type { Recommender } from '../../src/recommend/types.js';

// u1: a=5 b=3 c=4 d=1; u2: a=4 b=1 c=5 e=2; u3: a=1 c=2 d=5 e=4
const small = Interactions.fromRecords([
  { user: 'u1', item: 'a', value: 5 },
  { user: 'u1', item: 'b', value: 3 },
  { user: 'u1', item: 'c', value: 4 },
  { user: 'u1', item: 'd', value: 1 },
  { user: 'u2', item: 'a', value: 4 },
  { user: 'u2', item: 'b', value: 1 },
  { user: 'u2', item: 'c', value: 5 },
  { user: 'u2', item: 'e', value: 2 },
  { user: 'u3', item: 'a', value: 1 },
  { user: 'u3', item: 'c', value: 2 },
  { user: 'u3', item: 'd', value: 5 },
  { user: 'u3', item: 'e', value: 4 },
]);

function randomRatings(seed: number, nUsers: number, nItems: number, density: number): Interactions {
  const rng = new Random(seed);
  const recs = [];
  for (let u = 0; u < nUsers; u++) {
    for (let i = 0; i < nItems; i++) {
      if (rng.next() < density) recs.push({ user: `u${u}`, item: `i${i}`, value: 1 + rng.int(5), timestamp: rng.int(1000) });
    }
  }
  return Interactions.fromRecords(recs);
}

describe('kNN similarities and prediction by hand', () => {
  it('cosine and Pearson between users over their common items', () => {
    // common items of u1 and u2: a, b, c → x = (5, 3, 4), y = (4, 1, 5)
    const cos = fitUserKnn(small, { similarity: 'cosine' });
    expect(cos.similarity('u1', 'u2')).toBeCloseTo((20 + 3 + 20) / Math.sqrt((25 + 9 + 16) * (16 + 1 + 25)), 12);
    const pear = fitUserKnn(small, { similarity: 'pearson' });
    // n Σxy − Σx Σy = 3·43 − 12·10; (n Σx² − (Σx)²) = 3·50 − 144; (n Σy² − (Σy)²) = 3·42 − 100
    expect(pear.similarity('u1', 'u2')).toBeCloseTo((3 * 43 - 120) / Math.sqrt((150 - 144) * (126 - 100)), 12);
    // MSD: 1 / (1 + mean squared difference) = 1 / (1 + (1 + 4 + 1) / 3)
    expect(fitUserKnn(small).similarity('u1', 'u2')).toBeCloseTo(1 / (1 + 2), 12);
    // item-based cosine between a and c: common users u1, u2, u3 → (5, 4, 1) · (4, 5, 2)
    const icos = fitItemKnn(small, { similarity: 'cosine' });
    expect(icos.similarity('a', 'c')).toBeCloseTo((20 + 20 + 2) / Math.sqrt((25 + 16 + 1) * (16 + 25 + 4)), 12);
  });

  it('one user-kNN prediction (basic and with means)', () => {
    const s12 = 43 / Math.sqrt(50 * 42);
    const s13 = (5 + 8 + 5) / Math.sqrt((25 + 16 + 1) * (1 + 4 + 25)); // common a, c, d
    const knn = fitUserKnn(small, { similarity: 'cosine' });
    // neighbours of u1 who rated e: u2 (2) and u3 (4)
    expect(knn.predict('u1', 'e')).toBeCloseTo((s12 * 2 + s13 * 4) / (s12 + s13), 12);
    const means = fitUserKnn(small, { similarity: 'cosine', variant: 'means' });
    const m1 = (5 + 3 + 4 + 1) / 4;
    const m2 = (4 + 1 + 5 + 2) / 4;
    const m3 = (1 + 2 + 5 + 4) / 4;
    expect(means.predict('u1', 'e')).toBeCloseTo(m1 + (s12 * (2 - m2) + s13 * (4 - m3)) / (s12 + s13), 12);
    // k = 1 keeps only the most similar neighbour (u2)
    expect(fitUserKnn(small, { similarity: 'cosine', k: 1 }).predict('u1', 'e')).toBeCloseTo(2, 12);
  });

  it('baselines by ALS: one sweep by hand', () => {
    const b = fitBaselines(small, { epochs: 1, regItem: 10, regUser: 15 });
    const mu = small.globalMean;
    // first sweep: item biases from zero user biases, then user biases from those
    const bi = (sum: number, n: number): number => (sum - n * mu) / (10 + n);
    const ba = bi(5 + 4 + 1, 3);
    const bb = bi(3 + 1, 2);
    const bc = bi(4 + 5 + 2, 3);
    const bd = bi(1 + 5, 2);
    expect(b.itemBias[small.items.indexOf('a')]).toBeCloseTo(ba, 12);
    const bu1 = (5 - mu - ba + (3 - mu - bb) + (4 - mu - bc) + (1 - mu - bd)) / (15 + 4);
    expect(b.userBias[small.users.indexOf('u1')]).toBeCloseTo(bu1, 12);
  });
});

describe('SVD', () => {
  it('training loss falls every epoch', () => {
    const data = randomRatings(3, 40, 30, 0.3);
    const m = SvdRecommender.fit(data, { factors: 10, epochs: 20, trackLoss: true });
    expect(m.lossHistory.length).toBe(20);
    for (let e = 1; e < 20; e++) expect(m.lossHistory[e]).toBeLessThan(m.lossHistory[e - 1]);
  });

  it('same seed, same model; JSON round-trip predicts the same', () => {
    const data = randomRatings(4, 20, 15, 0.4);
    const a = SvdRecommender.fit(data, { factors: 5, seed: 9 });
    const b = SvdRecommender.fit(data, { factors: 5, seed: 9 });
    expect(Array.from(a.userFactors)).toEqual(Array.from(b.userFactors));
    const c = SvdRecommender.fromJSON(JSON.parse(JSON.stringify(a)));
    expect(c.predict('u1', 'i3')).toBe(a.predict('u1', 'i3'));
    expect(c.recommend('u2')).toEqual(a.recommend('u2'));
  });

  it('clips to the scale and handles unknown ids by option', () => {
    const data = randomRatings(5, 20, 15, 0.4);
    const m = SvdRecommender.fit(data, { factors: 5 });
    const p = m.predict('nobody', 'i1');
    expect(p).toBeCloseTo(Math.min(5, Math.max(1, m.mean + m.itemBias[data.items.indexOf('i1')])), 12);
    const strict = SvdRecommender.fit(data, { factors: 5, unknown: 'error' });
    expect(() => strict.predict('nobody', 'i1')).toThrow(/unknown user "nobody"/);
    expect(() => strict.recommend('nobody')).toThrow(InvalidInputError);
  });
});

describe('bad input', () => {
  it('typed errors', () => {
    expect(() => KnnRecommender.fit(small, { k: 0 })).toThrow(InvalidOptionError);
    expect(() => KnnRecommender.fit(small, { similarity: 'jaccard' as never })).toThrow(InvalidOptionError);
    expect(() => PopularityRecommender.fit(small).recommend('u1', { k: 0 })).toThrow(InvalidOptionError);
    const implicit = Interactions.fromRecords([{ user: 'a', item: 'b' }]);
    expect(() => SvdRecommender.fit(implicit)).toThrow(/explicit ratings/);
    expect(() => BaselineRecommender.fit({} as Interactions)).toThrow(InvalidInputError);
    expect(() => SvdRecommender.fit(small, { initMean: Number.NaN })).toThrow(InvalidOptionError);
    expect(() => SvdRecommender.fit(small, { initMean: Number.NaN })).toThrow(/initMean/);
  });

  it('evaluation rejects a maxUsers that is not a whole number of at least 1', () => {
    const split = randomSplit(small, { testFraction: 0.3, seed: 1 });
    for (const maxUsers of [0, -1, 2.5, Number.NaN]) {
      expect(() => evaluateRecommender((d) => PopularityRecommender.fit(d), split, { maxUsers })).toThrow(InvalidOptionError);
    }
    expect(evaluateRecommender((d) => PopularityRecommender.fit(d), split, { maxUsers: 1 }).algorithm).toBe('popularity');
  });
});

describe('every collaborative family', () => {
  const families: Record<string, (d: Interactions) => Recommender> = {
    popularity: (d) => PopularityRecommender.fit(d),
    baseline: (d) => BaselineRecommender.fit(d),
    random: (d) => RandomRecommender.fit(d),
    'user-knn': (d) => fitUserKnn(d, { similarity: 'pearson' }),
    'item-knn': (d) => fitItemKnn(d, { similarity: 'cosine' }),
    'knn-baseline': (d) => fitKnnBaseline(d, { similarity: 'pearson-baseline' }),
    svd: (d) => SvdRecommender.fit(d, { factors: 4, epochs: 5 }),
    als: (d) => ImplicitAlsRecommender.fit(d, { factors: 4, iterations: 3 }),
  };

  it('never returns an excluded item (default: consumed items)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 6 }), (seed, k, ex) => {
        const data = randomRatings(seed, 8, 12, 0.35);
        const exclude = ex.map((i) => `i${i}`);
        for (const [name, fit] of Object.entries(families)) {
          const r = fit(data);
          for (const user of data.users.ids) {
            const consumed = new Set(data.consumed(user));
            for (const rec of r.recommend(user, { k })) {
              if (consumed.has(rec.item)) throw new Error(`${name} returned consumed ${rec.item} for ${user}`);
            }
            const listed = r.recommend(user, { k, exclude });
            expect(listed.length).toBeLessThanOrEqual(k);
            for (const rec of listed) if (exclude.includes(rec.item)) throw new Error(`${name} returned excluded ${rec.item}`);
            for (const rec of r.recommend({ user, items: ['i0', 'i1'] }, { k })) {
              if (consumed.has(rec.item) || rec.item === 'i0' || rec.item === 'i1') throw new Error(`${name} returned a profile item`);
            }
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('round-trips through JSON and honours candidates', () => {
    const data = randomRatings(11, 12, 10, 0.4);
    for (const [name, fit] of Object.entries(families)) {
      if (name === 'random') continue;
      const r = fit(data);
      const Cls = { popularity: PopularityRecommender, baseline: BaselineRecommender, svd: SvdRecommender, als: ImplicitAlsRecommender }[name] ?? KnnRecommender;
      const back = (Cls as { fromJSON(j: unknown): Recommender }).fromJSON(JSON.parse(JSON.stringify(r)));
      expect(back.recommend('u3', { k: 5 }), name).toEqual(r.recommend('u3', { k: 5 }));
      const only = r.recommend('u3', { k: 5, candidates: ['i2', 'i7'], exclude: [] });
      for (const rec of only) expect(['i2', 'i7']).toContain(rec.item);
      for (const rec of r.recommend('u3')) expect(typeof rec.reason).toBe('string');
    }
  });
});

describe('splits and compare', () => {
  const data = randomRatings(21, 30, 25, 0.3);
  it('k-fold test parts partition the data', () => {
    const folds = interactionKFold(data, { folds: 4, seed: 1 });
    expect(folds.reduce((s, f) => s + f.test.nnz, 0)).toBe(data.nnz);
    for (const f of folds) expect(f.train.nnz + f.test.nnz).toBe(data.nnz);
  });
  it('leave-n-out holds out n per user, temporal holds out the latest', () => {
    const s = leaveNOutSplit(data, { n: 2 });
    for (let u = 0; u < data.nUsers; u++) if (data.userCount(u) > 2) expect(s.test.userCount(u)).toBe(2);
    const t = temporalSplit(data, { testFraction: 0.25 });
    let maxTrain = -Infinity;
    let minTest = Infinity;
    for (const v of t.train.userTimes ?? []) maxTrain = Math.max(maxTrain, v);
    for (const v of t.test.userTimes ?? []) minTest = Math.min(minTest, v);
    expect(maxTrain).toBeLessThan(minTest);
    const r = randomSplit(data, { testFraction: 0.2 });
    expect(r.test.nnz).toBe(Math.round(0.2 * data.nnz));
  });
  it('compare gives one row per recommender; rating metrics only for predictors', () => {
    const res = compare({ pop: (d) => PopularityRecommender.fit(d), base: (d) => BaselineRecommender.fit(d) }, data, { folds: 3, k: 5 });
    expect(res.rows.map((r) => r.algorithm)).toEqual(['pop', 'base']);
    expect(res.rows[0].rmse).toBeUndefined();
    expect(res.rows[1].rmse).toBeGreaterThan(0);
    expect(res.folds.base.length).toBe(3);
    for (const r of res.rows) expect(r.precisionAtK).toBeGreaterThanOrEqual(0);
  });
});

describe('kNN-baseline with an unknown user or item', () => {
  it("keeps the known parts of the baseline (Surprise's KNNBaseline), while plain kNN falls back to the global mean", () => {
    const data = Interactions.fromRecords([
      { user: 'a', item: 'x', value: 5 },
      { user: 'a', item: 'y', value: 5 },
      { user: 'b', item: 'x', value: 1 },
      { user: 'b', item: 'z', value: 2 },
      { user: 'c', item: 'y', value: 4 },
    ]);
    const knn = fitKnnBaseline(data);
    const { mean, userBias, itemBias } = knn.baselines;
    const ua = data.users.indexOf('a');
    const iy = data.items.indexOf('y');
    // known user, unknown item: μ + b_a; unknown user, known item: μ + b_y; both unknown: μ
    expect(knn.predict('a', 'new-item')).toBeCloseTo(mean + userBias[ua], 12);
    expect(knn.predict('new-user', 'y')).toBeCloseTo(mean + itemBias[iy], 12);
    expect(knn.predict('new-user', 'new-item')).toBeCloseTo(mean, 12);
    expect(userBias[ua]).not.toBe(0); // so the first expectation really differs from μ
    expect(Array.from(knn.predictMany(['a', 'new-user'], ['new-item', 'y']))).toEqual([knn.predict('a', 'new-item'), knn.predict('new-user', 'y')]);
    expect(fitUserKnn(data).predict('a', 'new-item')).toBe(data.globalMean);
  });
});
