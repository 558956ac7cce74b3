// Bad-input audit of the clustering area: every public fitting / computing entry point with each kind of
// bad input that applies to it (see bad-input-helpers.ts).
import { expect } from 'vitest';
import { chooseK, elbow } from '../../src/clustering/choose-k.js';
import { fitKMeans, KMeansModel } from '../../src/clustering/kmeans.js';
import { calinskiHarabasz, clusterMeans, daviesBouldin, inertia, silhouetteSamples, silhouetteScore } from '../../src/clustering/metrics.js';
import { segmentProfiles } from '../../src/clustering/profiles.js';
import { distanceFunction } from '../../src/clustering/distance.js';
import { anyValue, audit, expectAllFinite, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const X = [[1, 2], [2, 1], [1, 1], [8, 9], [9, 8], [9, 9]];
const labels = [0, 0, 0, 1, 1, 1];
const withNaN = [[1, 2], [2, 1], [1, 1], [8, Number.NaN], [9, 8], [9, 9]];
const withInf = [[1, 2], [2, 1], [1, -Infinity], [8, 9], [9, 8], [9, 9]];
const withNull = anyValue([[1, 2], [2, 1], [1, 1], [8, 9], [null, 8], [9, 9]]);
const withString = anyValue([[1, 2], [2, 1], [1, 1], [8, 9], [9, 8], [9, '9']]);
const ragged = [[1, 2], [2, 1], [1], [8, 9]];
const model = (): KMeansModel => fitKMeans(X, { k: 2, seed: 1 });

const matrixCases = (name: string, call: (x: typeof X) => unknown): Rejected[] => [
  { name: `${name}: NaN cell`, call: () => call(withNaN), error: InvalidInputError, mentions: ['row 3, column 1', 'NaN'] },
  { name: `${name}: -Infinity cell`, call: () => call(withInf), error: InvalidInputError, mentions: ['row 2, column 1', '-Infinity'] },
  { name: `${name}: null cell`, call: () => call(withNull), error: InvalidInputError, mentions: ['row 4, column 0', 'null'] },
  { name: `${name}: numeric string`, call: () => call(withString), error: InvalidInputError, mentions: ['row 5, column 1', 'string'] },
  { name: `${name}: ragged rows`, call: () => call(ragged), error: InvalidInputError, mentions: ['row 2', '1 values', 'expected 2'] },
  { name: `${name}: 0 rows`, call: () => call([]), error: InvalidInputError, mentions: ['no rows'] },
  { name: `${name}: 0 columns`, call: () => call([[], []]), error: InvalidInputError, mentions: ['no columns'] },
];

const metrics = [
  ['clusterMeans', clusterMeans],
  ['inertia', inertia],
  ['silhouetteSamples', silhouetteSamples],
  ['silhouetteScore', silhouetteScore],
  ['daviesBouldin', daviesBouldin],
  ['calinskiHarabasz', calinskiHarabasz],
] as const;

const rejected: Rejected[] = [
  ...matrixCases('fitKMeans', (x) => fitKMeans(x, { k: 2 })),
  ...matrixCases('chooseK', (x) => chooseK(x, { kMin: 2, kMax: 3 })),
  ...matrixCases('KMeansModel.predict', (x) => model().predict(x)),
  ...matrixCases('segmentProfiles', (x) => segmentProfiles(x, x.map(() => 0))),
  { name: 'fitKMeans: k 0', call: () => fitKMeans(X, { k: 0 }), error: InvalidOptionError, mentions: ['option k', '0'] },
  { name: 'fitKMeans: k fractional', call: () => fitKMeans(X, { k: 2.5 }), error: InvalidOptionError, mentions: ['option k', '2.5'] },
  { name: 'fitKMeans: k NaN', call: () => fitKMeans(X, { k: Number.NaN }), error: InvalidOptionError, mentions: ['option k', 'NaN'] },
  { name: 'fitKMeans: k a string', call: () => fitKMeans(X, { k: anyValue('2') }), error: InvalidOptionError, mentions: ['option k', '"2"'] },
  { name: 'fitKMeans: k missing', call: () => fitKMeans(X, anyValue({})), error: InvalidOptionError, mentions: ['option k'] },
  { name: 'fitKMeans: no options', call: () => fitKMeans(X, anyValue(undefined)), error: InvalidOptionError, mentions: ['option k'] },
  { name: 'fitKMeans: k above the distinct rows', call: () => fitKMeans([[1, 1], [1, 1], [2, 2]], { k: 3 }), error: InvalidOptionError, mentions: ['option k', '2 distinct rows'] },
  { name: 'fitKMeans: nInit 0', call: () => fitKMeans(X, { k: 2, nInit: 0 }), error: InvalidOptionError, mentions: ['nInit'] },
  { name: 'fitKMeans: maxIter -1', call: () => fitKMeans(X, { k: 2, maxIter: -1 }), error: InvalidOptionError, mentions: ['maxIter'] },
  { name: 'fitKMeans: tol negative', call: () => fitKMeans(X, { k: 2, tol: -1e-4 }), error: InvalidOptionError, mentions: ['tol'] },
  { name: 'fitKMeans: tol NaN', call: () => fitKMeans(X, { k: 2, tol: Number.NaN }), error: InvalidOptionError, mentions: ['tol', 'NaN'] },
  { name: 'fitKMeans: seed NaN', call: () => fitKMeans(X, { k: 2, seed: Number.NaN }), error: InvalidOptionError, mentions: ['seed'] },
  { name: 'fitKMeans: batchSize 0', call: () => fitKMeans(X, { k: 2, algorithm: 'minibatch', batchSize: 0 }), error: InvalidOptionError, mentions: ['batchSize'] },
  { name: 'fitKMeans: unknown algorithm', call: () => fitKMeans(X, { k: 2, algorithm: anyValue('kmedoids') }), error: InvalidOptionError, mentions: ['algorithm', 'kmedoids'] },
  { name: 'fitKMeans: unknown init', call: () => fitKMeans(X, { k: 2, init: anyValue('forgy') }), error: InvalidOptionError, mentions: ['init', 'forgy'] },
  { name: 'fitKMeans: init centres of the wrong shape', call: () => fitKMeans(X, { k: 2, init: [[1, 2, 3], [4, 5, 6]] }), error: InvalidInputError, mentions: ['init', '2 × 3'] },
  { name: 'fitKMeans: init centres with NaN', call: () => fitKMeans(X, { k: 2, init: [[1, 2], [Number.NaN, 5]] }), error: InvalidInputError, mentions: ['init', 'row 1, column 0'] },
  { name: 'fitKMeans: featureNames of the wrong length', call: () => fitKMeans(X, { k: 2, featureNames: ['a'] }), error: InvalidOptionError, mentions: ['featureNames', 'has 1 names, expected 2'] },
  { name: 'fitKMeans: featureNames not an array', call: () => fitKMeans(X, { k: 2, featureNames: anyValue('ab') }), error: InvalidOptionError, mentions: ['featureNames'] },
  { name: 'chooseK: kMin 1', call: () => chooseK(X, { kMin: 1 }), error: InvalidOptionError, mentions: ['kMin'] },
  { name: 'chooseK: kMax < kMin', call: () => chooseK(X, { kMin: 4, kMax: 3 }), error: InvalidOptionError, mentions: ['kMax', '4..3'] },
  { name: 'chooseK: too few rows for any k', call: () => chooseK([[1], [2]]), error: InvalidInputError, mentions: ['X: 2 rows', 'at least 3'] },
  { name: 'KMeansModel.predict: wrong number of columns', call: () => model().predict([[1, 2, 3]]), error: InvalidInputError, mentions: ['3 columns', 'fitted on 2'] },
  { name: 'KMeansModel.predict: unknown metric', call: () => model().predict(X, anyValue('chebyshev')), error: InvalidOptionError, mentions: ['metric', 'chebyshev'] },
  { name: 'KMeansModel.transform: NaN cell', call: () => model().transform(withNaN), error: InvalidInputError, mentions: ['row 3, column 1'] },
  { name: 'KMeansModel.fromJSON: not a model', call: () => KMeansModel.fromJSON(anyValue({ type: 'tree' })), error: InvalidInputError, mentions: ['kmeans'] },
  { name: 'KMeansModel.fromJSON: NaN centroid', call: () => KMeansModel.fromJSON({ ...model().toJSON(), centroids: [[1, Number.NaN], [2, 2]] }), error: InvalidInputError, mentions: ['centroids', 'row 0, column 1'] },
  { name: 'distanceFunction: unknown metric', call: () => distanceFunction(anyValue('hamming')), error: InvalidOptionError, mentions: ['metric', 'hamming'] },
  { name: 'elbow: no scores', call: () => elbow([]), error: InvalidInputError, mentions: ['scores'] },
  { name: 'elbow: NaN inertia', call: () => elbow([{ k: 2, inertia: 10 }, { k: 3, inertia: Number.NaN }, { k: 4, inertia: 2 }]), error: InvalidInputError, mentions: ['scores[1].inertia', 'NaN'] },
  { name: 'elbow: k not increasing', call: () => elbow([{ k: 3, inertia: 10 }, { k: 2, inertia: 5 }, { k: 4, inertia: 2 }]), error: InvalidInputError, mentions: ['scores[1].k'] },
  { name: 'segmentProfiles: labels of the wrong length', call: () => segmentProfiles(X, [0, 1]), error: InvalidInputError, mentions: ['2 labels for 6 rows'] },
  { name: 'segmentProfiles: negative label', call: () => segmentProfiles(X, [0, 0, -1, 1, 1, 1]), error: InvalidInputError, mentions: ['row 2', '-1'] },
  { name: 'segmentProfiles: labels missing', call: () => segmentProfiles(X, anyValue(undefined)), error: InvalidInputError, mentions: ['labels'] },
  { name: 'segmentProfiles: featureNames of the wrong length', call: () => segmentProfiles(X, labels, { featureNames: ['a'] }), error: InvalidOptionError, mentions: ['featureNames', 'has 1 names, expected 2'] },
  { name: 'segmentProfiles: describeTop negative', call: () => segmentProfiles(X, labels, { describeTop: -1 }), error: InvalidOptionError, mentions: ['describeTop'] },
];

for (const [name, metric] of metrics) {
  rejected.push(
    ...matrixCases(name, (x) => metric(x, x.map((_, i) => (i < 3 ? 0 : 1)))),
    { name: `${name}: labels of the wrong length`, call: () => metric(X, [0, 1, 0]), error: InvalidInputError, mentions: ['3 labels for 6 rows'] },
    { name: `${name}: NaN label`, call: () => metric(X, [0, 0, Number.NaN, 1, 1, 1]), error: InvalidInputError, mentions: ['row 2', 'NaN'] },
    { name: `${name}: fractional label`, call: () => metric(X, [0, 0, 0.5, 1, 1, 1]), error: InvalidInputError, mentions: ['row 2', '0.5'] },
    { name: `${name}: labels not an array`, call: () => metric(X, anyValue(null)), error: InvalidInputError, mentions: ['labels'] },
  );
}
for (const [name, metric] of [['silhouetteScore', silhouetteScore], ['daviesBouldin', daviesBouldin], ['calinskiHarabasz', calinskiHarabasz]] as const) {
  rejected.push({ name: `${name}: a single cluster`, call: () => metric(X, [0, 0, 0, 0, 0, 0]), error: InvalidInputError, mentions: ['1 cluster(s)', 'expected 2 to 5'] });
}
rejected.push(
  { name: 'silhouetteScore: sampleSize 1', call: () => silhouetteScore(X, labels, { sampleSize: 1 }), error: InvalidOptionError, mentions: ['sampleSize'] },
  { name: 'inertia: centres with fewer columns', call: () => inertia(X, labels, [[1], [2]]), error: InvalidInputError, mentions: ['centres have 1 columns'] },
);

const accepted: Accepted[] = [
  {
    name: 'k = 1',
    why: 'KMeansOptions.k is documented as an integer in [1, number of distinct rows]: one cluster is the mean',
    call: () => fitKMeans(X, { k: 1 }),
    check: (r) => {
      const m = r as KMeansModel;
      expectAllFinite(m.centroids.data);
      expect(m.centroids.data[0]).toBeCloseTo(5, 12);
    },
  },
  {
    name: 'silhouetteSamples with a singleton cluster',
    why: 'scikit-learn convention, documented on silhouetteSamples: a point alone in its cluster scores 0',
    call: () => silhouetteSamples([[0], [1], [2], [10]], [0, 0, 0, 1]),
    check: (r) => {
      expectAllFinite(r as Float64Array);
      expect((r as Float64Array)[3]).toBe(0);
    },
  },
];

audit('clustering: bad input', rejected, accepted);
