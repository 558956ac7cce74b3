import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { toMatrix } from '../../src/core/matrix.js';
import { minimizeBfgs, minimizeNelderMead } from '../../src/core/optimize.js';
import { optionKeys, rejectUnknownOptions } from '../../src/core/validate.js';
import { DataTable } from '../../src/data/table.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { parseCsv, readCsv } from '../../src/data/csv.js';
import { parseArff } from '../../src/data/arff.js';
import { parseBaskets, parseFimi, parseLongTransactions, readTransactions, transactionsFromTable } from '../../src/data/readers.js';
import { apriori } from '../../src/association/apriori.js';
import { fpGrowth } from '../../src/association/fpgrowth.js';
import { mineItemsets } from '../../src/association/mine.js';
import { associationRules, strongRules } from '../../src/association/rules.js';
import { fitBgNbd } from '../../src/crm/bgnbd.js';
import { fitGammaGamma } from '../../src/crm/gamma-gamma.js';
import { parseTransactionLog, parseWhitespaceTable } from '../../src/crm/transaction-log.js';
import { summarizeCustomers } from '../../src/crm/summary.js';
import { rfmAnalysis } from '../../src/crm/rfm.js';
import { customerValueReport } from '../../src/crm/report.js';
import { chooseK } from '../../src/clustering/choose-k.js';
import { fitKMeans } from '../../src/clustering/kmeans.js';
import { fitOutlierDetector } from '../../src/outliers/fit.js';
import { fitIsolationForest } from '../../src/outliers/iforest.js';
import { fitKnnDetector } from '../../src/outliers/knn.js';
import { fitLocalOutlierFactor } from '../../src/outliers/lof.js';
import { fitMahalanobis } from '../../src/outliers/mahalanobis.js';
import { fitUnivariateDetector } from '../../src/outliers/univariate.js';
import { DecisionTreeClassifier, fitDecisionTree, fitRegressionTree } from '../../src/classification/tree.js';
import { crossValidate, crossValidateEstimator } from '../../src/evaluation/cross-validate.js';
import { kFold, stratifiedKFold, trainTestSplit } from '../../src/evaluation/splits.js';
import { crossValidateChurn } from '../../src/churn/cv.js';
import { trainChurnModel } from '../../src/churn/model.js';
import { Interactions, parseInteractions } from '../../src/recommend/interactions.js';
import { fitItemKnn, fitKnnBaseline, fitUserKnn, KnnRecommender } from '../../src/recommend/collaborative/knn.js';
import { ImplicitAlsRecommender } from '../../src/recommend/collaborative/als.js';
import { BaselineRecommender, fitBaselines, PopularityRecommender, RandomRecommender } from '../../src/recommend/collaborative/baseline.js';
import { ContentRecommender } from '../../src/recommend/content.js';
import { DemographicRecommender } from '../../src/recommend/demographic.js';
import { KnowledgeRecommender } from '../../src/recommend/knowledge.js';
import { UtilityRecommender } from '../../src/recommend/utility.js';
import { CrossSellRecommender } from '../../src/recommend/cross-sell.js';
import { cascadeHybrid, switchingHybrid, weightedHybrid } from '../../src/recommend/hybrid.js';
import { assignOffers } from '../../src/recommend/offers.js';
import { renderReportHtml } from '../../src/report/html.js';

// Option objects are typed; the misspelt keys below are what an untyped caller (JavaScript, JSON
// settings, a cast) would pass, so each call goes through `any`.
/* eslint-disable @typescript-eslint/no-explicit-any */
const bad = (o: Record<string, unknown>): any => o;

const baskets = TransactionSet.fromArrays([['a', 'b'], ['a', 'c'], ['a', 'b', 'c'], ['b']]);
const X = [[1, 2], [2, 1], [1, 1], [8, 9], [9, 8], [9, 9]];
const y = ['a', 'a', 'a', 'b', 'b', 'b'];
const table = DataTable.fromRecords([
  { x: 1, c: 'a' },
  { x: 2, c: 'b' },
]);
const interactions = Interactions.fromRecords([
  { user: 'u1', item: 'i1', value: 5 },
  { user: 'u2', item: 'i2', value: 3 },
]);

interface Case {
  area: string;
  name: string;
  /** Calls the entry point with the misspelt option (sync or async). */
  call: () => unknown;
  /** The offending key. */
  key: string;
  /** The suggested known key (see suggestOptionKey), or undefined when none is a sensible guess. */
  suggestion: string | undefined;
}

const cases: Case[] = [
  // core
  { area: 'core', name: 'toMatrix', call: () => toMatrix(X, bad({ allowMising: true })), key: 'allowMising', suggestion: 'allowMissing' },
  { area: 'core', name: 'minimizeBfgs', call: () => minimizeBfgs((x, g) => ((g[0] = 2 * x[0]), x[0] ** 2), [1], bad({ maxIterations: 5, tolerance: 1e-9 })), key: 'tolerance', suggestion: 'gradientTolerance' },
  { area: 'core', name: 'minimizeNelderMead', call: () => minimizeNelderMead((x) => x[0] ** 2, [1], bad({ maxIteration: 5 })), key: 'maxIteration', suggestion: 'maxIterations' },
  // data
  { area: 'data', name: 'parseCsv', call: () => parseCsv('a\n1\n', bad({ delimeter: ';' })), key: 'delimeter', suggestion: 'delimiter' },
  { area: 'data', name: 'readCsv', call: () => readCsv('/no/such/file.csv', bad({ headers: false })), key: 'headers', suggestion: 'header' },
  { area: 'data', name: 'parseArff', call: () => parseArff('@relation r\n@attribute a numeric\n@data\n1\n', bad({ sources: 'x' })), key: 'sources', suggestion: 'source' },
  { area: 'data', name: 'parseBaskets', call: () => parseBaskets('a,b\n', bad({ Delimiter: ';' })), key: 'Delimiter', suggestion: 'delimiter' },
  { area: 'data', name: 'parseFimi', call: () => parseFimi('1 2\n', bad({ header: true })), key: 'header', suggestion: undefined },
  { area: 'data', name: 'parseLongTransactions', call: () => parseLongTransactions('t,i\n1,a\n', bad({ itemColum: 'i' })), key: 'itemColum', suggestion: 'itemColumn' },
  { area: 'data', name: 'readTransactions', call: () => readTransactions('/no/such/file.dat', bad({ format: 'basket', delimitter: ' ' })), key: 'delimitter', suggestion: 'delimiter' },
  { area: 'data', name: 'transactionsFromTable', call: () => transactionsFromTable(table, bad({ exlude: ['x'] })), key: 'exlude', suggestion: 'exclude' },
  // association
  { area: 'association', name: 'fpGrowth', call: () => fpGrowth(baskets, bad({ minSuport: 0.5 })), key: 'minSuport', suggestion: 'minSupport' },
  { area: 'association', name: 'apriori', call: () => apriori(baskets, bad({ minCount: 1, maxlen: 2 })), key: 'maxlen', suggestion: 'maxLength' },
  { area: 'association', name: 'mineItemsets', call: () => mineItemsets(baskets, bad({ minCount: 1, algoritm: 'apriori' })), key: 'algoritm', suggestion: 'algorithm' },
  { area: 'association', name: 'associationRules', call: () => associationRules(fpGrowth(baskets, { minCount: 1 }), bad({ minConfidance: 0.5 })), key: 'minConfidance', suggestion: 'minConfidence' },
  { area: 'association', name: 'strongRules', call: () => strongRules(baskets, bad({ minSupport: 0.25, maxRule: 10 })), key: 'maxRule', suggestion: 'maxRules' },
  // crm
  { area: 'crm', name: 'fitBgNbd', call: () => fitBgNbd({ frequency: [1, 0], recency: [2, 0], T: [5, 5] }, bad({ stat: {} })), key: 'stat', suggestion: 'start' },
  { area: 'crm', name: 'fitBgNbd (optimizer)', call: () => fitBgNbd({ frequency: [1, 0, 2], recency: [2, 0, 4], T: [5, 5, 6] }, bad({ optimizer: { iterations: 5 } })), key: 'iterations', suggestion: 'maxIterations' },
  { area: 'crm', name: 'fitGammaGamma', call: () => fitGammaGamma({ frequency: [1, 2], monetary: [10, 20] }, bad({ optimiser: {} })), key: 'optimiser', suggestion: 'optimizer' },
  { area: 'crm', name: 'parseWhitespaceTable', call: () => parseWhitespaceTable('a b\n1 2\n', bad({ hedaer: true })), key: 'hedaer', suggestion: 'header' },
  { area: 'crm', name: 'parseTransactionLog', call: () => parseTransactionLog('c,d,a\n', bad({ customer: 'c', date: 'd', amount: 'a', dateformat: 'iso' })), key: 'dateformat', suggestion: 'dateFormat' },
  { area: 'crm', name: 'summarizeCustomers', call: () => summarizeCustomers(undefined as any, bad({ units: 'weeks' })), key: 'units', suggestion: 'unit' },
  { area: 'crm', name: 'rfmAnalysis', call: () => rfmAnalysis(undefined as any, bad({ bin: 5 })), key: 'bin', suggestion: 'bins' },
  { area: 'crm', name: 'customerValueReport', call: () => customerValueReport(undefined as any, bad({ abcTiers: [0.8] })), key: 'abcTiers', suggestion: undefined },
  // clustering
  { area: 'clustering', name: 'chooseK', call: () => chooseK(X, bad({ kRange: [2, 4] })), key: 'kRange', suggestion: undefined },
  { area: 'clustering', name: 'fitKMeans', call: () => fitKMeans(X, bad({ k: 2, maxIterations: 5 })), key: 'maxIterations', suggestion: 'maxIter' },
  { area: 'clustering', name: 'fitKMeans (case)', call: () => fitKMeans(X, bad({ k: 2, ninit: 3 })), key: 'ninit', suggestion: 'nInit' },
  // outliers
  { area: 'outliers', name: 'fitOutlierDetector', call: () => fitOutlierDetector(X, bad({ method: 'iforest', ntree: 10 })), key: 'ntree', suggestion: 'nTrees' },
  { area: 'outliers', name: 'fitIsolationForest', call: () => fitIsolationForest(X, bad({ maxSample: 4 })), key: 'maxSample', suggestion: 'maxSamples' },
  { area: 'outliers', name: 'fitKnnDetector', call: () => fitKnnDetector(X, bad({ aggregation: 'mean' })), key: 'aggregation', suggestion: undefined },
  { area: 'outliers', name: 'fitLocalOutlierFactor', call: () => fitLocalOutlierFactor(X, bad({ standardise: true })), key: 'standardise', suggestion: 'standardize' },
  { area: 'outliers', name: 'fitMahalanobis', call: () => fitMahalanobis(X, bad({ contamintion: 0.1 })), key: 'contamintion', suggestion: 'contamination' },
  { area: 'outliers', name: 'fitUnivariateDetector', call: () => fitUnivariateDetector(X, 'zscore', bad({ treshold: 2 })), key: 'treshold', suggestion: 'threshold' },
  // classification
  { area: 'classification', name: 'fitDecisionTree (matrix)', call: () => fitDecisionTree(X, y, bad({ max_depth: 2 })), key: 'max_depth', suggestion: 'maxDepth' },
  { area: 'classification', name: 'fitDecisionTree (table)', call: () => fitDecisionTree(table, bad({ target: 'c', maxdepth: 2 })), key: 'maxdepth', suggestion: 'maxDepth' },
  { area: 'classification', name: 'fitDecisionTree (table key on a matrix)', call: () => fitDecisionTree(X, y, bad({ target: 'c' })), key: 'target', suggestion: undefined },
  { area: 'classification', name: 'fitRegressionTree', call: () => fitRegressionTree(X, [1, 2, 3, 4, 5, 6], bad({ criterion: 'mse' })), key: 'criterion', suggestion: undefined },
  { area: 'classification', name: 'DecisionTreeClassifier', call: () => new DecisionTreeClassifier(bad({ minSampleLeaf: 2 })), key: 'minSampleLeaf', suggestion: 'minSamplesLeaf' },
  // evaluation
  { area: 'evaluation', name: 'crossValidate', call: () => crossValidate(kFold(6, { k: 2 }), { fit: () => 0, score: () => ({}) }, bad({ keepModel: true })), key: 'keepModel', suggestion: 'keepModels' },
  { area: 'evaluation', name: 'crossValidateEstimator', call: () => crossValidateEstimator(() => new DecisionTreeClassifier(), X, y, bad({ nFolds: 3 })), key: 'nFolds', suggestion: 'folds' },
  { area: 'evaluation', name: 'trainTestSplit', call: () => trainTestSplit(10, bad({ testFraction: 0.2 })), key: 'testFraction', suggestion: undefined },
  { area: 'evaluation', name: 'kFold', call: () => kFold(10, bad({ folds: 3 })), key: 'folds', suggestion: undefined },
  { area: 'evaluation', name: 'stratifiedKFold', call: () => stratifiedKFold(y, bad({ Seed: 1 })), key: 'Seed', suggestion: 'seed' },
  // churn (the check comes before the TensorFlow.js backend is loaded)
  { area: 'churn', name: 'trainChurnModel', call: () => trainChurnModel(table, bad({ target: 'c', epoch: 3 })), key: 'epoch', suggestion: 'epochs' },
  { area: 'churn', name: 'crossValidateChurn', call: () => crossValidateChurn(table, bad({ target: 'c', fold: 3 })), key: 'fold', suggestion: 'folds' },
  // recommend
  { area: 'recommend', name: 'fitItemKnn', call: () => fitItemKnn(interactions, bad({ kind: 'cosine' })), key: 'kind', suggestion: undefined },
  { area: 'recommend', name: 'fitUserKnn', call: () => fitUserKnn(interactions, bad({ similarites: 'cosine' })), key: 'similarites', suggestion: 'similarity' },
  { area: 'recommend', name: 'fitUserKnn (userBased is set by the function)', call: () => fitUserKnn(interactions, bad({ userBased: false })), key: 'userBased', suggestion: undefined },
  { area: 'recommend', name: 'fitKnnBaseline', call: () => fitKnnBaseline(interactions, bad({ shrinkge: 100 })), key: 'shrinkge', suggestion: 'shrinkage' },
  { area: 'recommend', name: 'KnnRecommender.fit', call: () => KnnRecommender.fit(interactions, bad({ neighbours: 5 })), key: 'neighbours', suggestion: undefined },
  { area: 'recommend', name: 'ImplicitAlsRecommender.fit', call: () => ImplicitAlsRecommender.fit(interactions, bad({ factor: 4 })), key: 'factor', suggestion: 'factors' },
  { area: 'recommend', name: 'PopularityRecommender.fit', call: () => PopularityRecommender.fit(interactions, bad({ seed: 1 })), key: 'seed', suggestion: undefined },
  { area: 'recommend', name: 'BaselineRecommender.fit', call: () => BaselineRecommender.fit(interactions, bad({ regItems: 5 })), key: 'regItems', suggestion: 'regItem' },
  { area: 'recommend', name: 'fitBaselines', call: () => fitBaselines(interactions, bad({ epochs: 5, regUsr: 5 })), key: 'regUsr', suggestion: 'regUser' },
  { area: 'recommend', name: 'RandomRecommender.fit', call: () => RandomRecommender.fit(interactions, bad({ sed: 1 })), key: 'sed', suggestion: 'seed' },
  { area: 'recommend', name: 'ContentRecommender.fit', call: () => ContentRecommender.fit([], [], bad({ stopwords: [] })), key: 'stopwords', suggestion: 'stopWords' },
  { area: 'recommend', name: 'DemographicRecommender.fit', call: () => DemographicRecommender.fit([], [], bad({ neighbors: 5 })), key: 'neighbors', suggestion: 'neighbours' },
  { area: 'recommend', name: 'KnowledgeRecommender.fit', call: () => KnowledgeRecommender.fit([], bad({ maxRelax: 1 })), key: 'maxRelax', suggestion: 'maxRelaxed' },
  { area: 'recommend', name: 'UtilityRecommender.fit', call: () => UtilityRecommender.fit([], bad({ spec: [] })), key: 'spec', suggestion: 'specs' },
  { area: 'recommend', name: 'CrossSellRecommender.fromRules', call: () => CrossSellRecommender.fromRules([], bad({ rankby: 'lift' })), key: 'rankby', suggestion: 'rankBy' },
  { area: 'recommend', name: 'weightedHybrid', call: () => weightedHybrid([], bad({ normalize: true })), key: 'normalize', suggestion: 'normalise' },
  { area: 'recommend', name: 'switchingHybrid', call: () => switchingHybrid(bad({ minInteraction: 3 })), key: 'minInteraction', suggestion: 'minInteractions' },
  { area: 'recommend', name: 'cascadeHybrid', call: () => cascadeHybrid([], bad({ dept: 3 })), key: 'dept', suggestion: 'depth' },
  { area: 'recommend', name: 'Interactions.fromRecords', call: () => Interactions.fromRecords([], bad({ duplicate: 'sum' })), key: 'duplicate', suggestion: 'duplicates' },
  { area: 'recommend', name: 'parseInteractions', call: () => parseInteractions('u,i\n', bad({ user: 'u', item: 'i', ratings: 'r' })), key: 'ratings', suggestion: 'rating' },
  { area: 'recommend', name: 'assignOffers', call: () => assignOffers([[1]], bad({ capacty: [1] })), key: 'capacty', suggestion: 'capacity' },
  // report
  { area: 'report', name: 'renderReportHtml', call: () => renderReportHtml([], bad({ title: 't', dataName: 'd', generatedAt: new Date(0), version: '1', note: [] })), key: 'note', suggestion: 'notes' },
  { area: 'report', name: 'renderReportHtml (no suggestion)', call: () => renderReportHtml([], bad({ title: 't', dataName: 'd', generatedAt: new Date(0), version: '1', subtitle: 'x' })), key: 'subtitle', suggestion: undefined },
];

/** Runs `call` and returns what it threw (synchronously or as a rejected promise), or undefined. */
async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('unknown options are rejected at every public entry point', () => {
  it('covers at least two entry points of every area', () => {
    const areas = ['core', 'data', 'association', 'crm', 'clustering', 'outliers', 'classification', 'evaluation', 'churn', 'recommend', 'report'];
    for (const area of areas) expect(cases.filter((c) => c.area === area).length, area).toBeGreaterThanOrEqual(2);
  });

  it.each(cases.map((c) => [`${c.area}: ${c.name} { ${c.key} }`, c] as const))('%s', async (_label, c) => {
    const err = await thrown(c.call);
    expect(err).toBeInstanceOf(InvalidOptionError);
    const e = err as InvalidOptionError;
    expect(e.option).toBe(c.key);
    expect(e.message).toContain(`option ${c.key}:`);
    expect(e.message).toContain('unknown option for ');
    if (c.suggestion !== undefined) expect(e.message).toContain(`did you mean ${c.suggestion}?`);
    else expect(e.message).not.toContain('did you mean');
  });
});

describe('functions that pass options on accept the keys they legitimately pass', () => {
  it('mineItemsets and strongRules keep their own keys from the inner calls', () => {
    expect(mineItemsets(baskets, { minCount: 2, algorithm: 'apriori' }).length).toBe(fpGrowth(baskets, { minCount: 2 }).length);
    const { rules } = strongRules(baskets, { minSupport: 0.25, minConfidence: 0.5, algorithm: 'apriori', maxItemsets: 100 });
    expect(rules.length).toBeGreaterThan(0);
  });

  it("fitOutlierDetector accepts another method's option and the detector gets only its own", () => {
    // k is a knn/lof option: accepted for iforest (the union), not passed to fitIsolationForest
    const d = fitOutlierDetector(X, { method: 'iforest', k: 3, nTrees: 10, seed: 1 });
    expect(d.method).toBe('iforest');
    expect(fitOutlierDetector(X, { method: 'zscore', nTrees: 10, threshold: 2 }).method).toBe('zscore');
  });

  it('chooseK passes k-means options on without its own', () => {
    const r = chooseK(X, { kMin: 2, kMax: 3, seed: 1, nInit: 2, silhouetteSampleSize: 6 });
    expect(r.scores.map((s) => s.k)).toEqual([2, 3]);
  });

  it('crossValidateEstimator passes only crossValidate options on', () => {
    const r = crossValidateEstimator(() => new DecisionTreeClassifier({ maxDepth: 1 }), X, y, { k: 2, seed: 3, keepModels: false });
    expect(r.folds).toBe(2);
    expect(r.models.length).toBe(0);
  });

  it('parseInteractions passes only the Interactions options on', async () => {
    const data = await parseInteractions('u,i,r\nu1,a,5\nu2,b,3\n', { user: 'u', item: 'i', rating: 'r', duplicates: 'last' });
    expect(data.nnz).toBe(2);
    expect(data.nUsers).toBe(2);
  });
});

describe('rejectUnknownOptions', () => {
  const KNOWN = ['minSupport', 'maxLength', 'seed'] as const;

  it('accepts known keys, an empty object, undefined and null', () => {
    expect(() => rejectUnknownOptions({ minSupport: 0.1, seed: 1 }, KNOWN, 'f')).not.toThrow();
    expect(() => rejectUnknownOptions({}, KNOWN, 'f')).not.toThrow();
    expect(() => rejectUnknownOptions(undefined, KNOWN, 'f')).not.toThrow();
    expect(() => rejectUnknownOptions(null, KNOWN, 'f')).not.toThrow();
  });

  it('names the key and the function, and suggests a close key ignoring case', () => {
    expect(() => rejectUnknownOptions({ MINSUPPORT: 0.1 }, KNOWN, 'mine')).toThrow('option MINSUPPORT: unknown option for mine(); did you mean minSupport?');
    expect(() => rejectUnknownOptions({ maxLenght: 2 }, KNOWN, 'mine')).toThrow('did you mean maxLength?'); // a transposition is one edit
    expect(() => rejectUnknownOptions({ seeds: 2 }, KNOWN, 'mine')).toThrow('did you mean seed?');
  });

  it('lists the known keys when none is close, and rejects a key set to undefined', () => {
    expect(() => rejectUnknownOptions({ depth: 0.1 }, KNOWN, 'mine')).toThrow('option depth: unknown option for mine(); known options are minSupport, maxLength, seed');
    expect(() => rejectUnknownOptions({ minSuport: undefined }, KNOWN, 'mine')).toThrow(InvalidOptionError);
    expect(() => rejectUnknownOptions({ x: 1 }, [], 'g')).toThrow('it takes no options');
  });

  it('rejects options that are not an object', () => {
    expect(() => rejectUnknownOptions(5, KNOWN, 'mine')).toThrow(/option options: mine\(\): expected an options object, got 5/);
    expect(() => rejectUnknownOptions('fast', KNOWN, 'mine')).toThrow(InvalidOptionError);
  });

  it('optionKeys returns every key it was given', () => {
    interface O {
      a?: number;
      b: string;
    }
    expect(optionKeys<O>({ a: true, b: true })).toEqual(['a', 'b']);
  });
});
