// Bad-input audit of the classification area: every public fitting / predicting entry point with each kind
// of bad input that applies to it (see bad-input-helpers.ts).
import { expect } from 'vitest';
import { DataTable } from '../../src/data/table.js';
import { DecisionTree, DecisionTreeClassifier, fitDecisionTree, fitRegressionTree } from '../../src/classification/tree.js';
import { anyValue, audit, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const X = [[1, 2], [2, 1], [1, 1], [8, 9], [9, 8], [9, 9]];
const y = ['a', 'a', 'a', 'b', 'b', 'b'];
const yNum = [1, 2, 1, 8, 9, 9];
const table = DataTable.fromRecords([
  { bill: 10, plan: 'basic', churn: 'no' },
  { bill: 12, plan: 'basic', churn: 'no' },
  { bill: 90, plan: 'pro', churn: 'yes' },
  { bill: 95, plan: 'pro', churn: 'yes' },
]);
const tree = (): DecisionTree => fitDecisionTree(X, y);
const withInf = X.map((r, i) => (i === 2 ? [r[0], Infinity] : r));
const withString = anyValue(X.map((r, i) => (i === 4 ? ['9', r[1]] : r)));

const rejected: Rejected[] = [
  // fitDecisionTree (matrix)
  { name: 'fitDecisionTree: Infinity cell', call: () => fitDecisionTree(withInf, y), error: InvalidInputError, mentions: ['row 2', 'column 1', 'Infinity'] },
  { name: 'fitDecisionTree: numeric string cell', call: () => fitDecisionTree(withString, y), error: InvalidInputError, mentions: ['row 4', 'column 0'] },
  { name: 'fitDecisionTree: NaN cell with allowMissing false', call: () => fitDecisionTree(X.map((r, i) => (i === 1 ? [Number.NaN, r[1]] : r)), y, { allowMissing: false }), error: InvalidInputError, mentions: ['row 1', 'column 0'] },
  { name: 'fitDecisionTree: ragged rows', call: () => fitDecisionTree([[1, 2], [3], [4, 5], [6, 7]], ['a', 'a', 'b', 'b']), error: InvalidInputError, mentions: ['row 1'] },
  { name: 'fitDecisionTree: 0 rows', call: () => fitDecisionTree([], []), error: InvalidInputError, mentions: ['no rows'] },
  { name: 'fitDecisionTree: 0 columns', call: () => fitDecisionTree([[], []], ['a', 'b']), error: InvalidInputError, mentions: ['no columns'] },
  { name: 'fitDecisionTree: fewer labels than rows', call: () => fitDecisionTree(X, y.slice(0, 4)), error: InvalidInputError, mentions: ['4', '6'] },
  { name: 'fitDecisionTree: labels missing', call: () => fitDecisionTree(X, anyValue(undefined)), mentions: ['y'] },
  { name: 'fitDecisionTree: a single class', call: () => fitDecisionTree(X, ['a', 'a', 'a', 'a', 'a', 'a']), error: InvalidInputError, mentions: ['single class', '"a"'] },
  { name: 'fitDecisionTree: a null label', call: () => fitDecisionTree(X, anyValue(['a', 'a', null, 'b', 'b', 'b'])), error: InvalidInputError, mentions: ['row 2'] },
  { name: 'fitDecisionTree: a NaN label', call: () => fitDecisionTree(X, [0, 0, Number.NaN, 1, 1, 1]), error: InvalidInputError, mentions: ['row 2'] },
  { name: 'fitDecisionTree: maxDepth -1', call: () => fitDecisionTree(X, y, { maxDepth: -1 }), error: InvalidOptionError, mentions: ['maxDepth'] },
  { name: 'fitDecisionTree: maxDepth 1.5', call: () => fitDecisionTree(X, y, { maxDepth: 1.5 }), error: InvalidOptionError, mentions: ['maxDepth', '1.5'] },
  { name: 'fitDecisionTree: minSamplesSplit 1', call: () => fitDecisionTree(X, y, { minSamplesSplit: 1 }), error: InvalidOptionError, mentions: ['minSamplesSplit'] },
  { name: 'fitDecisionTree: minSamplesLeaf 0', call: () => fitDecisionTree(X, y, { minSamplesLeaf: 0 }), error: InvalidOptionError, mentions: ['minSamplesLeaf'] },
  { name: 'fitDecisionTree: minImpurityDecrease NaN', call: () => fitDecisionTree(X, y, { minImpurityDecrease: Number.NaN }), error: InvalidOptionError, mentions: ['minImpurityDecrease'] },
  { name: 'fitDecisionTree: maxFeatures 0', call: () => fitDecisionTree(X, y, { maxFeatures: 0 }), error: InvalidOptionError, mentions: ['maxFeatures'] },
  { name: 'fitDecisionTree: maxFeatures a word', call: () => fitDecisionTree(X, y, { maxFeatures: anyValue('half') }), error: InvalidOptionError, mentions: ['maxFeatures', 'half'] },
  { name: 'fitDecisionTree: ccpAlpha negative', call: () => fitDecisionTree(X, y, { ccpAlpha: -0.1 }), error: InvalidOptionError, mentions: ['ccpAlpha'] },
  { name: 'fitDecisionTree: unknown criterion', call: () => fitDecisionTree(X, y, { criterion: anyValue('mse') }), error: InvalidOptionError, mentions: ['criterion', 'mse'] },
  { name: 'fitDecisionTree: negative sampleWeight', call: () => fitDecisionTree(X, y, { sampleWeight: [1, 1, -1, 1, 1, 1] }), mentions: ['sampleWeight', 'row 2'] },
  { name: 'fitDecisionTree: NaN sampleWeight', call: () => fitDecisionTree(X, y, { sampleWeight: [1, 1, 1, Number.NaN, 1, 1] }), mentions: ['sampleWeight', 'row 3'] },
  { name: 'fitDecisionTree: sampleWeight of the wrong length', call: () => fitDecisionTree(X, y, { sampleWeight: [1, 1] }), mentions: ['sampleWeight', '2'] },
  { name: 'fitDecisionTree: all weights 0', call: () => fitDecisionTree(X, y, { sampleWeight: [0, 0, 0, 0, 0, 0] }), error: InvalidOptionError, mentions: ['sampleWeight', '0'] },
  { name: 'fitDecisionTree: classWeight of an unknown class', call: () => fitDecisionTree(X, y, { classWeight: { c: 2 } }), error: InvalidOptionError, mentions: ['classWeight', '"c"'] },
  { name: 'fitDecisionTree: classWeight negative', call: () => fitDecisionTree(X, y, { classWeight: { a: -2 } }), error: InvalidOptionError, mentions: ['classWeight', '"a"'] },
  { name: 'fitDecisionTree: featureNames of the wrong length', call: () => fitDecisionTree(X, y, { featureNames: ['a'] }), error: InvalidOptionError, mentions: ['featureNames', 'has 1 names, expected 2'] },
  { name: 'fitDecisionTree: featureNames a string', call: () => fitDecisionTree(X, y, { featureNames: anyValue('ab') }), error: InvalidOptionError, mentions: ['featureNames'] },
  // fitDecisionTree (table)
  { name: 'fitDecisionTree table: unknown target', call: () => fitDecisionTree(table, { target: 'churned' }), error: InvalidInputError, mentions: ['target', 'churned'] },
  { name: 'fitDecisionTree table: no target', call: () => fitDecisionTree(table, anyValue({})), error: InvalidOptionError, mentions: ['target'] },
  { name: 'fitDecisionTree table: unknown feature', call: () => fitDecisionTree(table, { target: 'churn', features: ['bil'] }), error: InvalidInputError, mentions: ['no column named "bil"'] },
  { name: 'fitDecisionTree table: a missing target value', call: () => fitDecisionTree(DataTable.fromRecords([{ x: 1, t: 'a' }, { x: 2, t: null }, { x: 3, t: 'b' }]), { target: 't' }), error: InvalidInputError, mentions: ['row 1', 't'] },
  { name: 'fitDecisionTree table: no rows', call: () => fitDecisionTree(DataTable.fromRecords([]), { target: 't' }), mentions: ['t'] },
  { name: 'fitDecisionTree table: a single class', call: () => fitDecisionTree(DataTable.fromRecords([{ x: 1, t: 'a' }, { x: 2, t: 'a' }]), { target: 't' }), error: InvalidInputError, mentions: ['single class'] },
  // fitRegressionTree
  { name: 'fitRegressionTree: NaN target', call: () => fitRegressionTree(X, [1, 2, Number.NaN, 4, 5, 6]), error: InvalidInputError, mentions: ['row 2'] },
  { name: 'fitRegressionTree: Infinity target', call: () => fitRegressionTree(X, [1, 2, 3, Infinity, 5, 6]), error: InvalidInputError, mentions: ['row 3'] },
  { name: 'fitRegressionTree: string target', call: () => fitRegressionTree(X, anyValue([1, 2, 3, 'four', 5, 6])), error: InvalidInputError, mentions: ['row 3'] },
  { name: 'fitRegressionTree: target of the wrong length', call: () => fitRegressionTree(X, [1, 2, 3]), error: InvalidInputError, mentions: ['3', '6'] },
  { name: 'fitRegressionTree: maxDepth NaN', call: () => fitRegressionTree(X, yNum, { maxDepth: Number.NaN }), error: InvalidOptionError, mentions: ['maxDepth'] },
  // DecisionTreeClassifier
  { name: 'DecisionTreeClassifier: maxDepth 0.5', call: () => new DecisionTreeClassifier({ maxDepth: 0.5 }).fit(X, y), error: InvalidOptionError, mentions: ['maxDepth'] },
  { name: 'DecisionTreeClassifier: predict before fit', call: () => new DecisionTreeClassifier().predict(X), mentions: ['fit'] },
  { name: 'DecisionTreeClassifier: a single class', call: () => new DecisionTreeClassifier().fit(X, ['a', 'a', 'a', 'a', 'a', 'a']), error: InvalidInputError, mentions: ['single class'] },
  // DecisionTree methods
  { name: 'predict: wrong number of columns', call: () => tree().predict([[1, 2, 3]]), error: InvalidInputError, mentions: ['3', '2'] },
  { name: 'predict: Infinity cell', call: () => tree().predict([[1, Infinity]]), error: InvalidInputError, mentions: ['row 0', 'column 1'] },
  { name: 'predict: a table for a matrix tree', call: () => tree().predict(table), error: InvalidInputError, mentions: ['feature column "x0" is missing'] },
  { name: 'predictProba: ragged rows', call: () => tree().predictProba([[1, 2], [3]]), error: InvalidInputError, mentions: ['row 1'] },
  { name: 'predictValue on a classification tree', call: () => tree().predictValue(X), mentions: ['regression'] },
  { name: 'rules: minCount negative', call: () => tree().rules({ minCount: -1 }), error: InvalidOptionError, mentions: ['minCount'] },
  { name: 'prune: alpha negative', call: () => tree().prune(-1), error: InvalidOptionError, mentions: ['alpha'] },
  { name: 'prune: alpha NaN', call: () => tree().prune(Number.NaN), error: InvalidOptionError, mentions: ['alpha', 'NaN'] },
  { name: 'DecisionTree.fromJSON: not a tree', call: () => DecisionTree.fromJSON({ type: 'kmeans' }), error: InvalidInputError, mentions: ['tree'] },
  { name: 'DecisionTree.fromJSON: NaN threshold', call: () => DecisionTree.fromJSON(JSON.parse(JSON.stringify(tree().toJSON()).replace(/"threshold":\[[^\]]*\]/, '"threshold":["x",0,0]'))), error: InvalidInputError, mentions: ['nodes.threshold[0]', '"x"'] },
  { name: 'DecisionTree.fromJSON: unknown task', call: () => DecisionTree.fromJSON({ ...tree().toJSON(), task: anyValue('ranking') }), error: InvalidInputError, mentions: ['task', 'ranking'] },
];

const accepted: Accepted[] = [
  {
    name: 'NaN cells as missing values',
    why: 'TreeGrowthOptions.allowMissing defaults to true: NaN and null are missing values, sent down the larger branch (documented)',
    call: () => fitDecisionTree(X.map((r, i) => (i === 1 ? [Number.NaN, r[1]] : r)), y).predict([[Number.NaN, 1], [9, 9]]),
    check: (r) => expect(r).toEqual(['a', 'b']),
  },
  {
    name: 'maxDepth 0',
    why: 'the root is depth 0 (documented on maxDepth): a single-leaf tree predicting the majority class',
    call: () => fitDecisionTree(X, ['a', 'a', 'a', 'a', 'b', 'b'], { maxDepth: 0 }).predict([[9, 9]]),
    check: (r) => expect(r).toEqual(['a']),
  },
  {
    name: 'fitRegressionTree: a constant target',
    why: 'documented on fitRegressionTree: a single leaf predicting the constant (as scikit-learn), finite everywhere',
    call: () => Array.from(fitRegressionTree(X, [3, 3, 3, 3, 3, 3]).predictValue([[0, 0], [9, 9]])),
    check: (r) => expect(r).toEqual([3, 3]),
  },
];

audit('classification: bad input', rejected, accepted);
