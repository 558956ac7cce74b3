// Bad-input audit of the outliers area: every public fitting / scoring entry point with each kind of bad
// input that applies to it (see bad-input-helpers.ts).
import { expect } from 'vitest';
import { toMatrix } from '../../src/core/matrix.js';
import { labelScores, resolveLabelling } from '../../src/outliers/detector.js';
import { entityBaselineScores } from '../../src/outliers/entity.js';
import { fitOutlierDetector, outlierDetectorFromJSON } from '../../src/outliers/fit.js';
import { averagePathLength, fitIsolationForest } from '../../src/outliers/iforest.js';
import { fitKnnDetector } from '../../src/outliers/knn.js';
import { fitLocalOutlierFactor } from '../../src/outliers/lof.js';
import { chiSquareQuantile, fitMahalanobis, regularizedGammaP } from '../../src/outliers/mahalanobis.js';
import { kNearestNeighbors } from '../../src/outliers/neighbors.js';
import { fitUnivariateDetector } from '../../src/outliers/univariate.js';
import { anyValue, audit, expectAllFinite, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const X = [[1, 2], [2, 1], [1, 1], [1.5, 1.5], [2, 2], [9, 9], [1.2, 1.8], [1.8, 1.2]];
const bad = {
  NaN: X.map((r, i) => (i === 3 ? [r[0], Number.NaN] : r)),
  Infinity: X.map((r, i) => (i === 3 ? [r[0], Infinity] : r)),
  null: anyValue(X.map((r, i) => (i === 3 ? [r[0], null] : r))),
  string: anyValue(X.map((r, i) => (i === 3 ? [r[0], '1.5'] : r))),
};

const fitters = [
  ['fitIsolationForest', (x: number[][]) => fitIsolationForest(x, { nTrees: 5, seed: 1 })],
  ['fitKnnDetector', (x: number[][]) => fitKnnDetector(x, { k: 2 })],
  ['fitLocalOutlierFactor', (x: number[][]) => fitLocalOutlierFactor(x, { k: 2 })],
  ['fitMahalanobis', (x: number[][]) => fitMahalanobis(x)],
  ['fitUnivariateDetector zscore', (x: number[][]) => fitUnivariateDetector(x, 'zscore')],
  ['fitUnivariateDetector mad', (x: number[][]) => fitUnivariateDetector(x, 'mad')],
  ['fitUnivariateDetector iqr', (x: number[][]) => fitUnivariateDetector(x, 'iqr')],
  ['fitOutlierDetector lof', (x: number[][]) => fitOutlierDetector(x, { method: 'lof', k: 2 })],
] as const;

const rejected: Rejected[] = [];
for (const [name, fit] of fitters) {
  rejected.push(
    { name: `${name}: NaN cell`, call: () => fit(bad.NaN), error: InvalidInputError, mentions: ['row 3, column 1', 'NaN'] },
    { name: `${name}: Infinity cell`, call: () => fit(bad.Infinity), error: InvalidInputError, mentions: ['row 3, column 1', 'Infinity'] },
    { name: `${name}: null cell`, call: () => fit(bad.null), error: InvalidInputError, mentions: ['row 3, column 1', 'null'] },
    { name: `${name}: numeric string`, call: () => fit(bad.string), error: InvalidInputError, mentions: ['row 3, column 1', 'string'] },
    { name: `${name}: ragged rows`, call: () => fit([[1, 2], [3], [4, 5], [6, 7]]), error: InvalidInputError, mentions: ['row 1', 'expected 2'] },
    { name: `${name}: 0 rows`, call: () => fit([]), error: InvalidInputError, mentions: ['no rows'] },
    { name: `${name}: 0 columns`, call: () => fit([[], [], []]), error: InvalidInputError, mentions: ['no columns'] },
    { name: `${name}: score() with a NaN cell`, call: () => fit(X).score(bad.NaN), error: InvalidInputError, mentions: ['row 3, column 1'] },
    { name: `${name}: score() with a wrong column count`, call: () => fit(X).score([[1, 2, 3]]), error: InvalidInputError, mentions: ['rows have 3 values, expected 2'] },
    { name: `${name}: contamination 0`, call: () => fitOutlierDetectorFor(name, { contamination: 0 }), error: InvalidOptionError, mentions: ['contamination'] },
    { name: `${name}: contamination 0.7`, call: () => fitOutlierDetectorFor(name, { contamination: 0.7 }), error: InvalidOptionError, mentions: ['contamination', '0.7'] },
    { name: `${name}: threshold NaN`, call: () => fitOutlierDetectorFor(name, { threshold: Number.NaN }), error: InvalidOptionError, mentions: ['threshold', 'NaN'] },
  );
}

/** The same detector through fitOutlierDetector with extra labelling options. */
function fitOutlierDetectorFor(name: string, labelling: { contamination?: number; threshold?: number }): unknown {
  if (name.startsWith('fitIsolationForest')) return fitIsolationForest(X, { nTrees: 5, seed: 1, ...labelling });
  if (name.startsWith('fitKnnDetector')) return fitKnnDetector(X, { k: 2, ...labelling });
  if (name.startsWith('fitMahalanobis')) return fitMahalanobis(X, labelling);
  if (name.startsWith('fitUnivariateDetector')) return fitUnivariateDetector(X, name.split(' ')[1] as 'zscore', labelling);
  return fitLocalOutlierFactor(X, { k: 2, ...labelling });
}

rejected.push(
  { name: 'fitOutlierDetector: unknown method', call: () => fitOutlierDetector(X, { method: anyValue('svm') }), error: InvalidOptionError, mentions: ['method', 'svm'] },
  { name: 'fitOutlierDetector: no method', call: () => fitOutlierDetector(X, anyValue({})), error: InvalidOptionError, mentions: ['method'] },
  { name: 'fitUnivariateDetector: unknown method', call: () => fitUnivariateDetector(X, anyValue('grubbs')), error: InvalidOptionError, mentions: ['method', 'grubbs'] },
  { name: 'fitIsolationForest: nTrees 0', call: () => fitIsolationForest(X, { nTrees: 0 }), error: InvalidOptionError, mentions: ['nTrees'] },
  { name: 'fitIsolationForest: maxSamples 1', call: () => fitIsolationForest(X, { maxSamples: 1 }), error: InvalidOptionError, mentions: ['maxSamples'] },
  { name: 'fitIsolationForest: maxDepth -1', call: () => fitIsolationForest(X, { maxDepth: -1 }), error: InvalidOptionError, mentions: ['maxDepth'] },
  { name: 'fitIsolationForest: seed NaN', call: () => fitIsolationForest(X, { seed: Number.NaN }), error: InvalidOptionError, mentions: ['seed'] },
  { name: 'fitIsolationForest: one row', call: () => fitIsolationForest([[1, 2]]), error: InvalidInputError, mentions: ['X: 1 row', 'at least 2'] },
  { name: 'fitKnnDetector: k 0', call: () => fitKnnDetector(X, { k: 0 }), error: InvalidOptionError, mentions: ['option k'] },
  { name: 'fitKnnDetector: k = n', call: () => fitKnnDetector(X, { k: 8 }), error: InvalidOptionError, mentions: ['option k', '8'] },
  { name: 'fitKnnDetector: unknown aggregate', call: () => fitKnnDetector(X, { aggregate: anyValue('max') }), error: InvalidOptionError, mentions: ['aggregate', 'max'] },
  { name: 'fitLocalOutlierFactor: k 0', call: () => fitLocalOutlierFactor(X, { k: 0 }), error: InvalidOptionError, mentions: ['option k'] },
  { name: 'fitLocalOutlierFactor: k 2.5', call: () => fitLocalOutlierFactor(X, { k: 2.5 }), error: InvalidOptionError, mentions: ['option k', '2.5'] },
  { name: 'fitLocalOutlierFactor: one row', call: () => fitLocalOutlierFactor([[1, 2]]), error: InvalidInputError, mentions: ['X'] },
  { name: 'fitMahalanobis: fewer rows than columns + 1', call: () => fitMahalanobis([[1, 2, 3], [4, 5, 6]]), error: InvalidInputError, mentions: ['rows'] },
  { name: 'fitMahalanobis: a constant column (singular covariance)', call: () => fitMahalanobis(X.map((r) => [r[0], 5])), error: InvalidInputError, mentions: ['column 1 is constant'] },
  { name: 'fitMahalanobis: supportFraction 0.3', call: () => fitMahalanobis(X, { covariance: 'mcd', supportFraction: 0.3 }), error: InvalidOptionError, mentions: ['supportFraction'] },
  { name: 'fitMahalanobis: unknown covariance', call: () => fitMahalanobis(X, { covariance: anyValue('shrunk') }), error: InvalidOptionError, mentions: ['covariance', 'shrunk'] },
  { name: 'outlierDetectorFromJSON: not a detector', call: () => outlierDetectorFromJSON({ method: 'lof' }), error: InvalidInputError, mentions: ['lof'] },
  { name: 'outlierDetectorFromJSON: unknown method', call: () => outlierDetectorFromJSON({ type: 'outlier-detector', method: 'svm' }), mentions: ['method', 'svm'] },
  // low-level helpers
  { name: 'labelScores: threshold NaN', call: () => labelScores([1, 2], Number.NaN), error: InvalidOptionError, mentions: ['threshold', 'NaN'] },
  { name: 'labelScores: NaN score', call: () => labelScores([1, Number.NaN], 1.5), error: InvalidInputError, mentions: ['scores', 'row 1'] },
  { name: 'resolveLabelling: both contamination and threshold', call: () => resolveLabelling(Float64Array.of(1, 2), { contamination: 0.1, threshold: 1 }, {}), error: InvalidOptionError, mentions: ['contamination', 'threshold'] },
  { name: 'resolveLabelling: NaN training score', call: () => resolveLabelling(Float64Array.of(1, Number.NaN, 3), { contamination: 0.1 }, {}), error: InvalidInputError, mentions: ['row 1'] },
  { name: 'kNearestNeighbors: NaN in a Matrix', call: () => kNearestNeighbors({ rows: 3, cols: 1, data: Float64Array.of(0, Number.NaN, 2) }, null, 1), error: InvalidInputError, mentions: ['row 1, column 0'] },
  { name: 'kNearestNeighbors: query of another width', call: () => kNearestNeighbors(toMatrix(X), toMatrix([[1, 2, 3]]), 1), error: InvalidInputError, mentions: ['3 columns', '2'] },
  { name: 'kNearestNeighbors: k above the rows', call: () => kNearestNeighbors(toMatrix(X), null, 8), error: InvalidOptionError, mentions: ['option k', '[1, 7]'] },
  { name: 'averagePathLength: negative size', call: () => averagePathLength(-3), error: InvalidOptionError, mentions: ['option m', '-3'] },
  { name: 'chiSquareQuantile: q 1.5', call: () => chiSquareQuantile(1.5, 2), error: InvalidOptionError, mentions: ['q', '1.5'] },
  { name: 'chiSquareQuantile: dof 0', call: () => chiSquareQuantile(0.5, 0), error: InvalidOptionError, mentions: ['dof'] },
  { name: 'regularizedGammaP: NaN', call: () => regularizedGammaP(Number.NaN, 1), mentions: ['a', 'NaN'] },
  // entity baselines
  { name: 'entityBaselineScores: NaN amount', call: () => entityBaselineScores(['a', 'a'], [1, Number.NaN]), error: InvalidInputError, mentions: ['row 1', 'amount', 'NaN'] },
  { name: 'entityBaselineScores: unequal lengths', call: () => entityBaselineScores(['a'], [1, 2]), error: InvalidInputError, mentions: ['entities', '1 values', 'expected 2'] },
  { name: 'entityBaselineScores: missing entity', call: () => entityBaselineScores(anyValue(['a', null]), [1, 2]), error: InvalidInputError, mentions: ['row 1', 'entity'] },
  { name: 'entityBaselineScores: Invalid Date order', call: () => entityBaselineScores(['a', 'a'], [1, 2], [new Date(0), new Date(Number.NaN)]), error: InvalidInputError, mentions: ['row 1'] },
  { name: 'entityBaselineScores: minHistory 0', call: () => entityBaselineScores(['a'], [1], undefined, { minHistory: 0 }), error: InvalidOptionError, mentions: ['minHistory'] },
);

const accepted: Accepted[] = [
  {
    name: 'a constant column for the univariate detectors',
    why: 'documented on UnivariateDetector: a column with no spread scores 0 everywhere rather than dividing by 0',
    call: () => fitUnivariateDetector(X.map((r) => [r[0], 5]), 'zscore').score(X.map((r) => [r[0], 5])),
    check: (r) => expectAllFinite(r as Float64Array),
  },
  {
    name: 'duplicate rows for LOF',
    why: 'scikit-learn behaviour, documented on LocalOutlierFactor: duplicates get finite scores (reachability floored by 1e-10)',
    call: () => fitLocalOutlierFactor([[1, 1], [1, 1], [1, 1], [5, 5]], { k: 2 }).trainingScores,
    check: (r) => expectAllFinite(r as Float64Array),
  },
  {
    name: 'averagePathLength of 0 and 1',
    why: 'c(0) = c(1) = 0 by definition (Liu et al.), documented on averagePathLength',
    call: () => [averagePathLength(0), averagePathLength(1)],
    check: (r) => expect(r).toEqual([0, 0]),
  },
];

audit('outliers: bad input', rejected, accepted);
