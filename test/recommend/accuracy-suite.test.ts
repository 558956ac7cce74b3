/**
 * Accuracy suite on MovieLens latest-small (2016 edition, 100,004 ratings): 5-fold rating accuracy of the
 * Surprise-style predictors and ranking quality at 10 of the top-N families. Needs
 * ../shared/data/recsys/ml-latest-small/ratings.csv (skipped, with a message, when absent).
 *
 * Reference: Surprise's published 5-fold RMSEs on ML-100k (a different sample of the same size) are
 * SVD 0.934, k-NN baseline 0.931, centred k-NN 0.951, k-NN basic 0.980, baseline only 0.944, random 1.518.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dataFile, haveData } from '../helpers/data.js';
import { readInteractions, type Interactions } from '../../src/recommend/interactions.js';
import {
  BaselineRecommender,
  ImplicitAlsRecommender,
  PopularityRecommender,
  RandomRecommender,
  SvdRecommender,
  fitItemKnn,
  fitKnnBaseline,
  fitUserKnn,
} from '../../src/recommend/collaborative/index.js';
import { compare, formatComparison, interactionKFold, type InteractionSplit, type RecommenderMetrics } from '../../src/recommend/evaluate.js';
import { weightedHybrid } from '../../src/recommend/hybrid.js';

const FILE = 'recsys/ml-latest-small/ratings.csv';

describe.skipIf(!haveData(FILE))('MovieLens latest-small, 5-fold', () => {
  let data: Interactions;
  let splits: InteractionSplit[];
  beforeAll(async () => {
    data = await readInteractions(dataFile(FILE), { user: 'userId', item: 'movieId', rating: 'rating', timestamp: 'timestamp', scale: [0.5, 5] });
    splits = interactionKFold(data, { folds: 5, seed: 1 });
  });

  it('reads the whole file', () => {
    expect(data.nnz).toBe(100004);
    expect(data.nUsers).toBe(671);
    expect(data.nItems).toBe(9066);
  });

  it('rating accuracy: RMSE and MAE in Surprise order and near its figures', () => {
    const res = compare(
      {
        random: (d) => RandomRecommender.fit(d),
        baseline: (d) => BaselineRecommender.fit(d),
        'user-knn': (d) => fitUserKnn(d),
        'item-knn': (d) => fitItemKnn(d),
        'knn-baseline': (d) => fitKnnBaseline(d),
        // the configuration Surprise's documentation advises for KNNBaseline: pearson_baseline, item-based
        'knn-baseline-item-pb': (d) => fitKnnBaseline(d, { similarity: 'pearson-baseline', userBased: false }),
        svd: (d) => SvdRecommender.fit(d),
      },
      data,
      { splits, ranking: false },
    );
    console.log(formatComparison(res.rows));
    const by = Object.fromEntries(res.rows.map((r) => [r.algorithm, r])) as Record<string, RecommenderMetrics>;
    const rmse = (n: string): number => by[n].rmse as number;
    // everything beats random by a wide margin; random lands near Surprise's 1.518 (ratings here have 10 levels)
    for (const n of ['baseline', 'user-knn', 'item-knn', 'knn-baseline', 'svd']) expect(rmse(n)).toBeLessThan(rmse('random') - 0.4);
    expect(Math.abs(rmse('random') - 1.518)).toBeLessThan(0.12);
    // the baseline variant improves on plain kNN; the baseline beats plain user-kNN
    expect(rmse('knn-baseline')).toBeLessThan(rmse('user-knn'));
    expect(rmse('baseline')).toBeLessThan(rmse('user-knn'));
    // SVD and kNN-baseline are within 0.01 of the baseline. On this sample the baseline is marginally ahead
    // in RMSE — and so it is for an independent NumPy implementation of Surprise's algorithms on the same
    // folds (benchmarks/recommend-surprise-check.py: baseline 0.8933 identical to the last digit, SVD
    // 0.8966–0.8972, KNNBaseline 0.8988), so the ML-100k ordering does not carry over to this file; see
    // algorithms/matrix-factorisation.md. In MAE, kNN-baseline does beat the baseline.
    const mae = (n: string): number => by[n].mae as number;
    expect(Math.abs(rmse('svd') - rmse('baseline'))).toBeLessThan(0.01);
    expect(Math.abs(rmse('knn-baseline') - rmse('baseline'))).toBeLessThan(0.01);
    expect(mae('knn-baseline')).toBeLessThan(mae('baseline'));
    // with the similarity Surprise advises for it (pearson-baseline, item-based), kNN-baseline beats the
    // baseline clearly in RMSE and MAE (0.875 against 0.893 on these folds)
    expect(rmse('knn-baseline-item-pb')).toBeLessThan(rmse('baseline') - 0.01);
    expect(mae('knn-baseline-item-pb')).toBeLessThan(mae('baseline') - 0.01);
    // close to Surprise's ML-100k figures (a different sample: within 0.07)
    const surprise: Record<string, number> = { baseline: 0.944, 'user-knn': 0.98, 'knn-baseline': 0.931, svd: 0.934 };
    for (const [n, ref] of Object.entries(surprise)) expect(Math.abs(rmse(n) - ref), n).toBeLessThan(0.07);
    for (const r of res.rows) expect(r.mae as number).toBeLessThan(r.rmse as number);
  });

  it('SVD beats the baseline on well-rated items and loses on rarely rated ones', () => {
    // Splits the held-out ratings by how many training ratings their item has. ML-100k averages 59 ratings
    // per item, this file 11: SVD's advantage on well-rated items is outweighed here by the noise of barely
    // trained item factors (N(0, 0.1) initial values moved by a handful of updates) on the rare ones.
    const bins = [
      { lo: 1, hi: 19 },
      { lo: 50, hi: Infinity },
    ];
    const sq = bins.map(() => ({ n: 0, baseline: 0, svd: 0 }));
    for (const { train, test } of splits) {
      const baseline = BaselineRecommender.fit(train);
      const svd = SvdRecommender.fit(train);
      for (let u = 0; u < test.users.ids.length; u++) {
        const user = test.users.id(u);
        for (let e = test.userPtr[u]; e < test.userPtr[u + 1]; e++) {
          const item = test.items.id(test.userItems[e]);
          const ti = train.items.indexOf(item);
          const count = ti < 0 ? 0 : train.itemCount(ti);
          const b = bins.findIndex((bin) => count >= bin.lo && count <= bin.hi);
          if (b < 0) continue;
          const r = test.userValues[e];
          sq[b].n++;
          sq[b].baseline += (baseline.predict(user, item) - r) ** 2;
          sq[b].svd += (svd.predict(user, item) - r) ** 2;
        }
      }
    }
    const [rare, wellRated] = sq.map((s) => ({ n: s.n, baseline: Math.sqrt(s.baseline / s.n), svd: Math.sqrt(s.svd / s.n) }));
    console.log('items with 1-19 training ratings', rare, '\nitems with 50 or more', wellRated);
    expect(rare.n).toBeGreaterThan(10000);
    expect(wellRated.n).toBeGreaterThan(10000);
    expect(wellRated.svd).toBeLessThan(wellRated.baseline);
    expect(rare.svd).toBeGreaterThan(rare.baseline);
  });

  it('ranking at 10: ALS and the hybrid beat popularity, every family beats a random list', () => {
    const als = (d: Interactions) => ImplicitAlsRecommender.fit(d, { factors: 32, iterations: 8 });
    const res = compare(
      {
        random: (d) => RandomRecommender.fit(d),
        popularity: (d) => PopularityRecommender.fit(d),
        'item-knn': (d) => fitItemKnn(d),
        als,
        hybrid: (d) => weightedHybrid([{ recommender: als(d), weight: 1 }, { recommender: PopularityRecommender.fit(d), weight: 0.5 }]),
      },
      data,
      { splits, rating: false, k: 10, relevanceThreshold: 4, maxUsers: 200 },
    );
    console.log(formatComparison(res.rows));
    const by = Object.fromEntries(res.rows.map((r) => [r.algorithm, r])) as Record<string, RecommenderMetrics>;
    for (const n of ['popularity', 'item-knn', 'als', 'hybrid']) expect(by[n].ndcgAtK, n).toBeGreaterThan(by.random.ndcgAtK * 3);
    expect(by.als.ndcgAtK).toBeGreaterThan(by.popularity.ndcgAtK);
    expect(by.hybrid.ndcgAtK).toBeGreaterThan(by.popularity.ndcgAtK);
    expect(by.als.precisionAtK).toBeGreaterThan(by.popularity.precisionAtK);
    // popularity covers the fewest items
    expect(by.popularity.coverage).toBeLessThan(by.als.coverage);
  });
});
