import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  brierScore,
  calibrationTable,
  classificationReport,
  confusionMatrix,
  gainsTable,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  r2Score,
  rootMeanSquaredError,
} from '../../src/evaluation/index.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';

const yTrue = ['a', 'a', 'a', 'b', 'b', 'c'];
const yPred = ['a', 'b', 'a', 'b', 'c', 'c'];

describe('confusion matrix and class metrics', () => {
  it('counts true × predicted', () => {
    const cm = confusionMatrix(yTrue, yPred);
    expect(cm.labels).toEqual(['a', 'b', 'c']);
    expect(Array.from(cm.matrix)).toEqual([2, 1, 0, 0, 1, 1, 0, 0, 1]);
  });

  it('accuracy, balanced accuracy and per-class scores match hand values', () => {
    expect(accuracy(yTrue, yPred)).toBeCloseTo(4 / 6, 12);
    // recalls: a 2/3, b 1/2, c 1
    expect(balancedAccuracy(yTrue, yPred)).toBeCloseTo((2 / 3 + 1 / 2 + 1) / 3, 12);
    const r = classificationReport(yTrue, yPred);
    // precisions: a 2/2, b 1/2, c 1/2
    expect(r.perClass[0]).toMatchObject({ precision: 1, recall: 2 / 3, support: 3 });
    expect(r.perClass[1].precision).toBeCloseTo(0.5, 12);
    expect(r.perClass[2].f1).toBeCloseTo(2 / 3, 12);
    expect(r.macro.precision).toBeCloseTo((1 + 0.5 + 0.5) / 3, 12);
    expect(r.weighted.recall).toBeCloseTo((3 * (2 / 3) + 2 * 0.5 + 1) / 6, 12);
    expect(r.weighted.recall).toBeCloseTo(r.accuracy, 12); // weighted recall is accuracy
  });

  it('rejects mismatched lengths and unknown labels', () => {
    expect(() => accuracy([1, 2], [1])).toThrow(/yPred: has 1 values, expected 2/);
    expect(() => confusionMatrix(['a'], ['z'], { labels: ['a'] })).toThrow(InvalidInputError);
  });
});

describe('probability metrics', () => {
  it('log loss and Brier score by hand', () => {
    const y = [1, 0, 1];
    const p = [0.8, 0.3, 0.6];
    expect(logLoss(y, p)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7) + Math.log(0.6)) / 3, 12);
    expect(brierScore(y, p)).toBeCloseTo((0.04 + 0.09 + 0.16) / 3, 12);
  });

  it('multi-class log loss on a probability matrix agrees with the binary form', () => {
    const y = ['n', 'y', 'y'];
    const probs = [
      [0.9, 0.1],
      [0.4, 0.6],
      [0.2, 0.8],
    ];
    expect(logLoss(y, probs, { classes: ['n', 'y'] })).toBeCloseTo(logLoss(y, [0.1, 0.6, 0.8], { positive: 'y' }), 12);
    expect(brierScore(y, probs, { classes: ['n', 'y'] })).toBeCloseTo(2 * brierScore(y, [0.1, 0.6, 0.8], { positive: 'y' }), 12);
    expect(() => logLoss(y, probs)).toThrow(InvalidOptionError);
    expect(() => logLoss([1], [1.5])).toThrow(/probability/);
  });

  it('calibration table bins predictions', () => {
    const t = calibrationTable([0, 1, 1, 0], [0.05, 0.95, 0.9, 0.15], { bins: 2 });
    expect(t[0]).toMatchObject({ count: 2, observedRate: 0 });
    expect(t[1].meanPredicted).toBeCloseTo(0.925, 12);
  });
});

describe('gains and lift', () => {
  it('captures positives from the top decile down', () => {
    const n = 100;
    const y = Array.from({ length: n }, (_, i) => (i < 20 ? 1 : 0));
    const s = Array.from({ length: n }, (_, i) => n - i); // perfect ranking
    const g = gainsTable(y, s);
    expect(g).toHaveLength(10);
    expect(g[0]).toMatchObject({ count: 10, positives: 10, lift: 5 });
    expect(g[1].gain).toBe(1);
    expect(g[9].cumulativeLift).toBe(1);
    expect(() => gainsTable([1, 0], [1, 2])).toThrow(/fewer than/);
  });
});

describe('regression metrics', () => {
  it('by hand', () => {
    const t = [3, -0.5, 2, 7];
    const p = [2.5, 0, 2, 8];
    expect(meanSquaredError(t, p)).toBeCloseTo(0.375, 12);
    expect(rootMeanSquaredError(t, p)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(meanAbsoluteError(t, p)).toBeCloseTo(0.5, 12);
    // mean 2.875; ss_tot = 0.015625+11.390625+0.765625+17.015625 = 29.1875; ss_res = 1.5
    expect(r2Score(t, p)).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(() => r2Score([1, 1], [1, 2])).toThrow(InvalidInputError);
  });
});

describe('calibrationTable with quantile bins', () => {
  it("puts the inner edges at NumPy's interpolated percentiles (scikit-learn's strategy='quantile'), so counts are equal", () => {
    const p = [0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.3, 0.6];
    const bins = calibrationTable([0, 0, 0, 1, 0, 0, 1, 1], p, { bins: 4, strategy: 'quantile' });
    // np.percentile(p, [25, 50, 75]) = 0.0275, 0.065, 0.15 (positions 1.75, 3.5, 5.25 between order statistics)
    expect(bins.slice(0, 3).map((b) => b.upper)).toEqual([0.0275, 0.065, 0.15].map((x) => expect.closeTo(x, 12)));
    expect(bins.map((b) => b.count)).toEqual([2, 2, 2, 2]);
    expect(bins[3].observedRate).toBe(1);
  });
});
