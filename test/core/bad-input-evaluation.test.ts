// Bad-input audit of the evaluation area: every public metric, split and cross-validation entry point with
// each kind of bad input that applies to it (see bad-input-helpers.ts).
import { expect } from 'vitest';
import { zeros } from '../../src/core/matrix.js';
import { accuracy, balancedAccuracy, binaryScores, classificationReport, confusionMatrix, uniqueLabels } from '../../src/evaluation/classification.js';
import { crossValidate, crossValidateEstimator } from '../../src/evaluation/cross-validate.js';
import { gainsTable } from '../../src/evaluation/gains.js';
import { brierScore, calibrationTable, logLoss } from '../../src/evaluation/probabilistic.js';
import { averagePrecisionAtK, catalogueCoverage, hitAtK, intraListDiversity, ndcgAtK, novelty, precisionAtK, recallAtK, reciprocalRank } from '../../src/evaluation/ranking-at-k.js';
import { averagePrecision, averageRanks, precisionRecallCurve, rocAuc, rocCurve } from '../../src/evaluation/ranking.js';
import { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from '../../src/evaluation/regression.js';
import { kFold, selectRows, stratifiedKFold, trainTestSplit } from '../../src/evaluation/splits.js';
import { DecisionTreeClassifier } from '../../src/classification/tree.js';
import { anyValue, audit, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const yTrue = [0, 1, 1, 0, 1, 0];
const yPred = [0, 1, 0, 0, 1, 1];
const scores = [0.1, 0.9, 0.4, 0.2, 0.8, 0.6];
const X = [[1], [2], [3], [10], [11], [12]];
const yCls = ['a', 'a', 'a', 'b', 'b', 'b'];

const rejected: Rejected[] = [];

// label-vs-label metrics
for (const [name, metric] of [
  ['confusionMatrix', confusionMatrix],
  ['accuracy', accuracy],
  ['balancedAccuracy', balancedAccuracy],
  ['classificationReport', classificationReport],
] as const) {
  rejected.push(
    { name: `${name}: unequal lengths`, call: () => metric(yTrue, yPred.slice(0, 4)), error: InvalidInputError, mentions: ['4', '6'] },
    { name: `${name}: no samples`, call: () => metric([], []), error: InvalidInputError, mentions: ['no samples'] },
    { name: `${name}: a null label`, call: () => metric(anyValue([0, null, 1]), [0, 1, 1]), error: InvalidInputError, mentions: ['row 1'] },
    { name: `${name}: a NaN label`, call: () => metric([0, 1, 1], [0, Number.NaN, 1]), error: InvalidInputError, mentions: ['row 1', 'NaN'] },
    { name: `${name}: labels not an array`, call: () => metric(anyValue(undefined), yPred), error: InvalidInputError, mentions: ['yTrue'] },
  );
}
rejected.push(
  { name: 'accuracy: negative sampleWeight', call: () => accuracy(yTrue, yPred, { sampleWeight: [1, 1, -1, 1, 1, 1] }), error: InvalidOptionError, mentions: ['sampleWeight', 'row 2'] },
  { name: 'accuracy: NaN sampleWeight', call: () => accuracy(yTrue, yPred, { sampleWeight: [1, 1, Number.NaN, 1, 1, 1] }), error: InvalidOptionError, mentions: ['sampleWeight', 'row 2'] },
  { name: 'accuracy: sampleWeight of the wrong length', call: () => accuracy(yTrue, yPred, { sampleWeight: [1, 1] }), error: InvalidOptionError, mentions: ['sampleWeight', '2 values'] },
  { name: 'accuracy: all weights 0', call: () => accuracy(yTrue, yPred, { sampleWeight: [0, 0, 0, 0, 0, 0] }), error: InvalidOptionError, mentions: ['sampleWeight', 'all weights are 0'] },
  { name: 'binaryScores: positive not a class', call: () => binaryScores(yTrue, yPred, 7), mentions: ['positive', '7'] },
  { name: 'uniqueLabels: a NaN label', call: () => uniqueLabels([1, Number.NaN]), error: InvalidInputError, mentions: ['row 1', 'NaN'] },
);

// score-vs-label metrics
for (const [name, metric] of [
  ['rocCurve', rocCurve],
  ['rocAuc', rocAuc],
  ['precisionRecallCurve', precisionRecallCurve],
  ['averagePrecision', averagePrecision],
  ['gainsTable', gainsTable],
  ['logLoss', logLoss],
  ['brierScore', brierScore],
  ['calibrationTable', calibrationTable],
] as const) {
  rejected.push(
    { name: `${name}: NaN score`, call: () => metric(yTrue, [0.1, Number.NaN, 0.4, 0.2, 0.8, 0.6]), error: InvalidInputError, mentions: ['row 1', 'NaN'] },
    { name: `${name}: Infinity score`, call: () => metric(yTrue, [0.1, 0.9, Infinity, 0.2, 0.8, 0.6]), error: InvalidInputError, mentions: ['row 2', 'Infinity'] },
    { name: `${name}: null score`, call: () => metric(yTrue, anyValue([0.1, 0.9, 0.4, null, 0.8, 0.6])), error: InvalidInputError, mentions: ['row 3', 'null'] },
    { name: `${name}: string score`, call: () => metric(yTrue, anyValue([0.1, 0.9, 0.4, 0.2, '0.8', 0.6])), error: InvalidInputError, mentions: ['row 4', '"0.8"'] },
    { name: `${name}: scores of the wrong length`, call: () => metric(yTrue, [0.1, 0.9]), error: InvalidInputError, mentions: ['2 values', 'expected 6'] },
    { name: `${name}: no samples`, call: () => metric([], []), error: InvalidInputError, mentions: ['no samples'] },
    { name: `${name}: labels not 0/1 without positive`, call: () => metric(['x', 'y', 'y', 'x', 'y', 'x'], scores), error: InvalidInputError, mentions: ['row 0', 'positive'] },
  );
}
for (const [name, metric] of [['rocCurve', rocCurve], ['rocAuc', rocAuc], ['precisionRecallCurve', precisionRecallCurve], ['averagePrecision', averagePrecision]] as const) {
  rejected.push({ name: `${name}: no positive`, call: () => metric([0, 0, 0], [0.2, 0.5, 0.9]), error: InvalidInputError, mentions: ['positive'] });
}
rejected.push(
  { name: 'logLoss: probability above 1', call: () => logLoss(yTrue, [0.1, 1.2, 0.4, 0.2, 0.8, 0.6]), error: InvalidInputError, mentions: ['row 1', '1.2'] },
  { name: 'brierScore: negative probability', call: () => brierScore(yTrue, [0.1, 0.9, -0.4, 0.2, 0.8, 0.6]), error: InvalidInputError, mentions: ['row 2', '-0.4'] },
  { name: 'logLoss: eps 0.7', call: () => logLoss(yTrue, scores, { eps: 0.7 }), error: InvalidOptionError, mentions: ['eps'] },
  { name: 'calibrationTable: bins 0', call: () => calibrationTable(yTrue, scores, { bins: 0 }), error: InvalidOptionError, mentions: ['bins'] },
  { name: 'gainsTable: groups 0', call: () => gainsTable(yTrue, scores, { groups: 0 }), error: InvalidOptionError, mentions: ['groups'] },
  { name: 'rocAuc: unknown method', call: () => rocAuc(yTrue, scores, { method: anyValue('mann') }), error: InvalidOptionError, mentions: ['method', 'mann'] },
  { name: 'averageRanks: NaN', call: () => averageRanks([1, Number.NaN]), error: InvalidInputError, mentions: ['row 1'] },
  { name: 'logLoss: matrix probability above 1', call: () => logLoss(['a', 'b'], [[0.5, 0.5], [0.2, 1.8]], { classes: ['a', 'b'] }), error: InvalidInputError, mentions: ['row 1, column 1', '1.8'] },
);

// regression metrics
for (const [name, metric] of [
  ['meanSquaredError', meanSquaredError],
  ['rootMeanSquaredError', rootMeanSquaredError],
  ['meanAbsoluteError', meanAbsoluteError],
  ['r2Score', r2Score],
] as const) {
  rejected.push(
    { name: `${name}: NaN prediction`, call: () => metric([1, 2, 3], [1, Number.NaN, 3]), error: InvalidInputError, mentions: ['yPred', 'row 1'] },
    { name: `${name}: Infinity truth`, call: () => metric([1, -Infinity, 3], [1, 2, 3]), error: InvalidInputError, mentions: ['yTrue', 'row 1'] },
    { name: `${name}: unequal lengths`, call: () => metric([1, 2, 3], [1, 2]), error: InvalidInputError, mentions: ['2 values', 'expected 3'] },
    { name: `${name}: no samples`, call: () => metric([], []), error: InvalidInputError, mentions: ['no samples'] },
    { name: `${name}: string value`, call: () => metric([1, 2, 3], anyValue([1, '2', 3])), error: InvalidInputError, mentions: ['yPred', 'row 1'] },
  );
}
rejected.push({ name: 'r2Score: constant truth', call: () => r2Score([2, 2, 2], [1, 2, 3]), error: InvalidInputError, mentions: ['yTrue', 'constant'] });

// ranking@k
for (const [name, metric] of [['precisionAtK', precisionAtK], ['recallAtK', recallAtK], ['ndcgAtK', ndcgAtK], ['averagePrecisionAtK', averagePrecisionAtK], ['hitAtK', hitAtK]] as const) {
  rejected.push(
    { name: `${name}: k 0`, call: () => metric(['a'], ['a'], 0), error: InvalidOptionError, mentions: ['option k', '0'] },
    { name: `${name}: k NaN`, call: () => metric(['a'], ['a'], Number.NaN), error: InvalidOptionError, mentions: ['option k', 'NaN'] },
    { name: `${name}: list not an array`, call: () => metric(anyValue('abc'), ['a'], 2), error: InvalidInputError, mentions: ['ranked list'] },
  );
}
rejected.push(
  { name: 'reciprocalRank: list not an array', call: () => reciprocalRank(anyValue(null), ['a']), error: InvalidInputError, mentions: ['ranked list'] },
  { name: 'catalogueCoverage: catalogueSize 0', call: () => catalogueCoverage([['a']], 0), error: InvalidOptionError, mentions: ['catalogueSize'] },
  { name: 'intraListDiversity: distance returns NaN', call: () => intraListDiversity(['a', 'b'], () => Number.NaN), error: InvalidInputError, mentions: ['distance', 'NaN'] },
  { name: 'novelty: nUsers 0', call: () => novelty(['a'], new Map([['a', 1]]), 0), error: InvalidOptionError, mentions: ['nUsers'] },
  { name: 'novelty: popularity above nUsers', call: () => novelty(['a'], new Map([['a', 5]]), 2), error: InvalidInputError, mentions: ['popularity', '"a"', '5'] },
  { name: 'novelty: NaN popularity', call: () => novelty(['a'], new Map([['a', Number.NaN]]), 2), error: InvalidInputError, mentions: ['popularity', '"a"', 'NaN'] },
  { name: 'novelty: nUsers Infinity', call: () => novelty(['a'], new Map([['a', 1]]), Infinity), error: InvalidOptionError, mentions: ['nUsers'] },
);

// splits and cross-validation
rejected.push(
  { name: 'trainTestSplit: n 1', call: () => trainTestSplit(1), mentions: ['n', '1'] },
  { name: 'trainTestSplit: n NaN', call: () => trainTestSplit(Number.NaN), mentions: ['n', 'NaN'] },
  { name: 'trainTestSplit: testSize 0', call: () => trainTestSplit(10, { testSize: 0 }), error: InvalidOptionError, mentions: ['testSize'] },
  { name: 'trainTestSplit: testSize 10 of 10 rows', call: () => trainTestSplit(10, { testSize: 10 }), error: InvalidOptionError, mentions: ['testSize', '[1, 9]'] },
  { name: 'trainTestSplit: stratify of the wrong length', call: () => trainTestSplit(10, { stratify: [0, 1] }), mentions: ['stratify', '2'] },
  { name: 'kFold: k 1', call: () => kFold(10, { k: 1 }), error: InvalidOptionError, mentions: ['option k'] },
  { name: 'kFold: k above n', call: () => kFold(3, { k: 5 }), mentions: ['k', '5', '3'] },
  { name: 'kFold: n 2.5', call: () => kFold(2.5), mentions: ['n', '2.5'] },
  { name: 'stratifiedKFold: a null label', call: () => stratifiedKFold(anyValue(['a', null, 'a', 'b', 'b', 'b']), { k: 2 }), error: InvalidInputError, mentions: ['row 1'] },
  { name: 'selectRows: index out of range', call: () => selectRows([1, 2, 3], [0, 5]), error: InvalidInputError, mentions: ['5'] },
  { name: 'selectRows: fractional index', call: () => selectRows(Float64Array.of(1, 2, 3), [0.5]), error: InvalidInputError, mentions: ['0.5'] },
  { name: 'selectRows: Matrix index negative', call: () => selectRows(zeros(3, 2), [-1]), error: InvalidInputError, mentions: ['-1'] },
  { name: 'crossValidate: no folds', call: () => crossValidate([], { fit: () => 0, score: () => 1 }), mentions: ['folds'] },
  { name: 'crossValidate: a score that is NaN', call: () => crossValidate(kFold(6, { k: 2 }), { fit: () => 0, score: () => Number.NaN }), mentions: ['fold 0', 'NaN'] },
  { name: 'crossValidateEstimator: labels of the wrong length', call: () => crossValidateEstimator(() => new DecisionTreeClassifier(), X, yCls.slice(0, 4), { k: 2 }), error: InvalidInputError, mentions: ['4', '6'] },
  { name: 'crossValidateEstimator: NaN cell', call: () => crossValidateEstimator(() => new DecisionTreeClassifier(), [[1], [2], [Infinity], [10], [11], [12]], yCls, { k: 2 }), error: InvalidInputError, mentions: ['row 2, column 0'] },
  { name: 'crossValidateEstimator: k above the rows', call: () => crossValidateEstimator(() => new DecisionTreeClassifier(), X, yCls, { k: 7 }), mentions: ['k', '7'] },
  { name: 'crossValidateEstimator: 0 rows', call: () => crossValidateEstimator(() => new DecisionTreeClassifier(), [], [], { k: 2 }), error: InvalidInputError, mentions: ['no rows'] },
);

const accepted: Accepted[] = [
  {
    name: 'hitAtK with k above the list length',
    why: 'documented: a list shorter than k is scored over its length (the missing positions hold nothing relevant)',
    call: () => hitAtK(['a'], ['b'], 10),
    check: (r) => expect(r).toBe(0),
  },
  {
    name: 'rocAuc with tied scores',
    why: 'ties count one half (the rank method, documented on rocAuc): finite',
    call: () => rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]),
    check: (r) => expect(r).toBe(0.5),
  },
  {
    name: 'recallAtK with no relevant items',
    why: 'documented on recallAtK: 0 when there are none (a user without held-out items)',
    call: () => recallAtK(['a'], [], 2),
    check: (r) => expect(r).toBe(0),
  },
  {
    name: 'trainTestSplit with testSize 1',
    why: 'documented: a testSize >= 1 is a row count, so 1 means one test row',
    call: () => trainTestSplit(10, { testSize: 1, seed: 1 }),
    check: (r) => expect((r as { test: Int32Array }).test.length).toBe(1),
  },
  {
    name: 'stratifiedKFold with a class smaller than k',
    why: 'documented dealing: the class rows are dealt round-robin, so a rare class lands in fewer folds (scikit-learn warns; the folds are still a partition)',
    call: () => stratifiedKFold(['a', 'a', 'a', 'b'], { k: 2, seed: 1 }),
    check: (r) => expect((r as { test: Int32Array }[]).reduce((n, f) => n + f.test.length, 0)).toBe(4),
  },
  {
    name: 'logLoss with matrix rows not summing to 1',
    why: 'documented on logLoss: a matrix is not renormalised; each value is a probability in [0, 1], so the loss is finite',
    call: () => logLoss(['a', 'b'], [[0.5, 0.9], [0.2, 0.8]], { classes: ['a', 'b'] }),
    check: (r) => expect(r).toBeCloseTo(-(Math.log(0.5) + Math.log(0.8)) / 2, 12),
  },
  {
    name: 'crossValidateEstimator with a NaN cell',
    why: 'the decision tree takes NaN as a missing value (allowMissing defaults to true), so the cross-validation runs',
    call: () => crossValidateEstimator(() => new DecisionTreeClassifier(), [[1], [2], [Number.NaN], [10], [11], [12]], yCls, { k: 2, seed: 1 }),
    check: (r) => expect(Number.isFinite((r as { mean: Record<string, number> }).mean.accuracy)).toBe(true),
  },
];

audit('evaluation: bad input', rejected, accepted);
