// The metric functions, clustering and outlier helpers, decision-tree prediction and rules, and the other
// remaining options-taking entry points reject unknown option keys (the same rejectUnknownOptions as
// test/core/unknown-options.test.ts and unknown-options-more.test.ts cover for the rest).
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { hyp2f1 } from '../../src/core/special.js';
import {
  accuracy,
  balancedAccuracy,
  binaryScores,
  classificationReport,
  confusionMatrix,
} from '../../src/evaluation/classification.js';
import { averagePrecision, precisionRecallCurve, rocAuc, rocCurve } from '../../src/evaluation/ranking.js';
import { gainsTable } from '../../src/evaluation/gains.js';
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from '../../src/evaluation/regression.js';
import { silhouetteSamples, silhouetteScore } from '../../src/clustering/metrics.js';
import { segmentProfiles } from '../../src/clustering/profiles.js';
import { entityBaselineScores } from '../../src/outliers/entity.js';
import { fitDecisionTree, fitRegressionTree } from '../../src/classification/tree.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { DataTable } from '../../src/data/table.js';
import { prepareFeatures } from '../../src/data/encoders.js';
import { mineItemsets } from '../../src/association/mine.js';
import { associationRules } from '../../src/association/rules.js';
import { BgNbdModel } from '../../src/crm/bgnbd.js';
import { GammaGammaModel } from '../../src/crm/gamma-gamma.js';
import { probabilisticClv } from '../../src/crm/probabilistic-clv.js';
import { loyaltyMatrix, valueExchangeMatrix, valueMatrix } from '../../src/crm/matrices.js';
import { assignOffers, offerValues } from '../../src/recommend/offers.js';
import { Interactions } from '../../src/recommend/interactions.js';
import { PopularityRecommender } from '../../src/recommend/collaborative/baseline.js';
import { SvdRecommender } from '../../src/recommend/collaborative/svd.js';
import { weightedHybrid } from '../../src/recommend/hybrid.js';
import { rejects, rejectsAsync } from '../helpers/options.js';

const truth = [1, 0, 1, 1, 0, 0, 1, 0];
const guess = [1, 0, 0, 1, 0, 1, 1, 0];
const scores = [0.9, 0.2, 0.4, 0.8, 0.1, 0.6, 0.7, 0.3];

describe('unknown option keys in the classification, ranking, gains and regression metrics', () => {
  it('names the key and suggests the closest known one', () => {
    rejects(() => confusionMatrix(truth, guess, { label: [0, 1] } as never), 'label', 'labels');
    rejects(() => accuracy(truth, guess, { sampleWeights: truth.map(() => 1) } as never), 'sampleWeights', 'sampleWeight');
    // accuracy takes only sampleWeight: labels is not among its options
    rejects(() => accuracy(truth, guess, { labels: [0, 1] } as never), 'labels');
    rejects(() => balancedAccuracy(truth, guess, { lables: [0, 1] } as never), 'lables', 'labels');
    rejects(() => classificationReport(truth, guess, { average: 'macro' } as never), 'average');
    rejects(() => binaryScores(truth, guess, 1, { Labels: [0, 1] } as never), 'Labels', 'labels');
    rejects(() => rocCurve(truth, scores, { postive: 1 } as never), 'postive', 'positive');
    rejects(() => rocAuc(truth, scores, { methd: 'trapezoid' } as never), 'methd', 'method');
    rejects(() => precisionRecallCurve(truth, scores, { pos: 1 } as never), 'pos');
    rejects(() => averagePrecision(truth, scores, { sampleweight: truth.map(() => 1) } as never), 'sampleweight', 'sampleWeight');
    rejects(() => gainsTable(truth, scores, { group: 4 } as never), 'group', 'groups');
    // gainsTable has no sample weights
    rejects(() => gainsTable(truth, scores, { sampleWeight: truth.map(() => 1) } as never), 'sampleWeight');
    rejects(() => meanSquaredError(scores, truth, { weights: truth } as never), 'weights');
    rejects(() => rootMeanSquaredError(scores, truth, { sampleWeigth: truth } as never), 'sampleWeigth', 'sampleWeight');
    rejects(() => meanAbsoluteError(scores, truth, { squared: true } as never), 'squared');
    rejects(() => r2Score(scores, truth, { adjusted: true } as never), 'adjusted');
  });

  it('names the function the options were given to', () => {
    expect(() => balancedAccuracy(truth, guess, { lables: [0, 1] } as never)).toThrow(/balancedAccuracy\(\)/);
    expect(() => rootMeanSquaredError(scores, truth, { x: 1 } as never)).toThrow(/rootMeanSquaredError\(\)/);
    expect(() => rocAuc(truth, scores, { x: 1 } as never)).toThrow(/rocAuc\(\)/);
  });

  it('still accepts every documented key', () => {
    const w = truth.map((_, i) => 1 + (i % 2));
    expect(confusionMatrix(truth, guess, { labels: [0, 1], sampleWeight: w }).labels).toEqual([0, 1]);
    expect(accuracy(truth, guess, { sampleWeight: w })).toBeGreaterThan(0);
    expect(binaryScores(truth, guess, 1, { labels: [0, 1], sampleWeight: w }).support).toBeGreaterThan(0);
    const rank = rocAuc(truth, scores, { positive: 1, sampleWeight: w, method: 'rank' });
    const trapezoid = rocAuc(truth, scores, { positive: 1, sampleWeight: w, method: 'trapezoid' });
    expect(trapezoid).toBeCloseTo(rank, 12);
    expect(averagePrecision(truth, scores, { positive: 1, sampleWeight: w })).toBeGreaterThan(0);
    expect(gainsTable(truth, scores, { positive: 1, groups: 4 }).length).toBe(4);
    expect(r2Score(scores, truth, { sampleWeight: w })).toBeLessThan(1);
  });
});

describe('unknown option keys in clustering, outlier, tree and other helpers', () => {
  const x = [[0, 0], [0, 1], [1, 0], [9, 9], [9, 8], [8, 9]];
  const labels = [0, 0, 0, 1, 1, 1];

  it('clustering metrics, profiles and entity baselines', () => {
    rejects(() => silhouetteSamples(x, labels, { metrc: 'manhattan' } as never), 'metrc', 'metric');
    rejects(() => silhouetteScore(x, labels, { sample_size: 4 } as never), 'sample_size');
    rejects(() => segmentProfiles(x, labels, { featureName: ['a', 'b'] } as never), 'featureName', 'featureNames');
    rejects(() => entityBaselineScores(['a', 'a', 'a'], [1, 2, 3], undefined, { minHistroy: 1 } as never), 'minHistroy', 'minHistory');
    expect(silhouetteScore(x, labels, { metric: 'euclidean', sampleSize: 4, seed: 7 })).toBeGreaterThan(0);
    expect(segmentProfiles(x, labels, { featureNames: ['a', 'b'], describeTop: 1 }).length).toBe(2);
  });

  it('decision-tree prediction and rules', () => {
    const tree = fitDecisionTree(x, ['n', 'n', 'n', 'y', 'y', 'y']);
    rejects(() => tree.predict(x, { unknownCatgory: 'error' } as never), 'unknownCatgory', 'unknownCategory');
    rejects(() => tree.apply(x, { unknown: 'error' } as never), 'unknown');
    rejects(() => tree.predictProba(x, { unknowncategory: 'error' } as never), 'unknowncategory', 'unknownCategory');
    rejects(() => tree.probabilityOf(x, 'y', { strict: true } as never), 'strict');
    rejects(() => tree.rules({ sortby: 'count' } as never), 'sortby', 'sortBy');
    rejects(() => tree.rules({ minCoun: 2 } as never), 'minCoun', 'minCount');
    expect(() => tree.predict(x, { x: 1 } as never)).toThrow(/DecisionTree\.predict\(\)/);
    const reg = fitRegressionTree(x, [1, 1, 1, 5, 5, 5]);
    rejects(() => reg.predictValue(x, { unknownCategory: 'error', round: true } as never), 'round');
    expect(tree.predict(x, { unknownCategory: 'error' })).toEqual(['n', 'n', 'n', 'y', 'y', 'y']);
    expect(tree.rules({ sortBy: 'count', onlyClass: 'y', minCount: 1 }).length).toBe(1);
  });

  it('rule CSV, probabilistic CLV, hypergeometric series, value matrices and feature specs', async () => {
    const tx = TransactionSet.fromArrays([['a', 'b'], ['a', 'b'], ['a', 'c'], ['b', 'c'], ['a', 'b', 'c']]);
    const rules = associationRules(mineItemsets(tx, { minSupport: 0.4 }), { minConfidence: 0.5 });
    rejects(() => rules.toCSV({ separator: ';' } as never), 'separator');
    rejects(() => rules.toCSV({ lineEndings: '\r\n' } as never), 'lineEndings', 'lineEnding');
    await rejectsAsync(() => rules.writeCSV('/nonexistent-dir/never-written.csv', { itemSeperator: ';' } as never), 'itemSeperator', 'itemSeparator');
    expect(rules.toCSV({ itemSeparator: ' & ', lineEnding: '\r\n' }).endsWith('\r\n')).toBe(true);

    const bgnbd = new BgNbdModel({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 });
    const gammaGamma = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
    const customers = { frequency: [2], recency: [30], T: [38], monetary: [22] };
    rejects(() => probabilisticClv(bgnbd, gammaGamma, customers, { period: 3 } as never), 'period', 'periods');
    rejects(() => probabilisticClv(bgnbd, gammaGamma, customers, { discount: 0.1 } as never), 'discount');
    rejects(() => hyp2f1(0.5, 1.5, 2.5, 0.5, { tol: 1e-8 } as never), 'tol');
    rejects(() => hyp2f1(0.5, 1.5, 2.5, 0.5, { maxTerm: 10 } as never), 'maxTerm', 'maxTerms');
    expect(hyp2f1(0.5, 1.5, 2.5, 0.5, { tolerance: 1e-12, maxTerms: 10_000 })).toBeGreaterThan(1);

    rejects(() => valueMatrix([1, 2, 3], [3, 2, 1], { frist: 2 } as never), 'frist', 'first');
    rejects(() => valueExchangeMatrix([1, 2, 3], [3, 2, 1], { third: 2 } as never), 'third');
    rejects(() => loyaltyMatrix([1, 2, 3], [3, 2, 1], { seconds: 2 } as never), 'seconds', 'second');

    const table = DataTable.fromRecords([{ spend: 1, region: 'n' }, { spend: 2, region: 's' }, { spend: 4, region: 'n' }]);
    rejects(() => prepareFeatures(table, { numeric: ['spend'], categorial: ['region'] } as never), 'categorial', 'categorical');
    expect(prepareFeatures(table, { numeric: ['spend'], categorical: ['region'], log: ['spend'], scale: 'standard', handleUnknown: 'error' }).featureNames.length).toBe(3);
  });

  it('offer values pass only their own keys on from assignOffers', () => {
    const p = [[0.5, 0.2], [0.1, 0.7]];
    rejects(() => offerValues(p, { benefitz: [1, 2] } as never), 'benefitz', 'benefit');
    // budget is an assignOffers option, not one of offerValues'
    rejects(() => offerValues(p, { method: 'naive', budget: 3 } as never), 'budget');
    const a = assignOffers(p, { method: 'average-benefit', benefit: [2, 1], budget: 10, cost: [1, 1], minValue: 0, solver: 'exact' });
    expect(a.offerOf.length).toBe(2);
  });

  it('recommend() rejects unknown request keys, and the hybrid passes only request keys on', () => {
    const data = Interactions.fromRecords(
      Array.from({ length: 30 }, (_, r) => ({ user: `u${r % 6}`, item: `i${(r * 5) % 7}`, value: 1 + (r % 4) })),
      { duplicates: 'last' },
    );
    const pop = PopularityRecommender.fit(data);
    rejects(() => pop.recommend('u1', { K: 3 } as never), 'K', 'k');
    rejects(() => pop.recommend('u1', { excludes: ['i1'] } as never), 'excludes', 'exclude');
    const svd = SvdRecommender.fit(data, { factors: 2, epochs: 3, seed: 1 });
    rejects(() => svd.recommend('u1', { candidate: ['i1'] } as never), 'candidate', 'candidates');
    const hybrid = weightedHybrid([{ recommender: pop, weight: 1 }, { recommender: svd, weight: 1 }]);
    rejects(() => hybrid.recommend('u1', { top: 2 } as never), 'top');
    expect(hybrid.recommend('u1', { k: 2, exclude: ['i0'], candidates: ['i0', 'i1', 'i2', 'i3'] }).length).toBeLessThanOrEqual(2);
  });
});
