import { describe, expect, expectTypeOf, it } from 'vitest';
import { DecisionTreeClassifier } from '../../src/classification/tree.js';
import { crossValidateEstimator, type Estimator } from '../../src/evaluation/cross-validate.js';
import type { ClassLabel } from '../../src/evaluation/classification.js';

// The type checks below are compile-time (the project's `tsc --noEmit` covers test/); the runtime
// assertions check that the labels the types promise are the labels the classifier returns.
const X = [[1], [2], [3], [4], [10], [11], [12], [13]];
const yText = ['lo', 'lo', 'lo', 'lo', 'hi', 'hi', 'hi', 'hi'];
const yCode = [0, 0, 0, 0, 1, 1, 1, 1];

describe('DecisionTreeClassifier label typing for crossValidateEstimator', () => {
  it('infers the call without a type argument (labels default to ClassLabel)', () => {
    const cv = crossValidateEstimator(() => new DecisionTreeClassifier({ maxDepth: 2 }), X, yText, { k: 4, seed: 1 });
    expectTypeOf(cv.models).toEqualTypeOf<readonly Estimator<ClassLabel>[]>();
    expect(cv.scores.accuracy.length).toBe(4);
    expect(cv.mean.accuracy).toBeGreaterThan(0.5);
  });

  it('a classifier typed with its labels works with metrics written for those labels', () => {
    const seen: string[] = [];
    const labelsOf = (truth: string[], predicted: ArrayLike<string>): number => {
      for (let i = 0; i < predicted.length; i++) seen.push(predicted[i].toUpperCase()); // a string method: the type promised strings
      return truth.length;
    };
    const cv = crossValidateEstimator(() => new DecisionTreeClassifier<string>(), X, yText, { k: 4, seed: 1, metrics: { labelsOf } });
    expectTypeOf(cv.models).toEqualTypeOf<readonly Estimator<string>[]>();
    expect(cv.scores.labelsOf).toEqual([2, 2, 2, 2]);
    expect(seen.length).toBe(8);
    for (const s of seen) expect(['LO', 'HI']).toContain(s);

    const codes = crossValidateEstimator(() => new DecisionTreeClassifier<number>(), X, yCode, {
      k: 2,
      metrics: { numbers: (_t: number[], p: ArrayLike<number>) => Array.from(p).filter((v) => Number.isInteger(v + 0)).length },
    });
    expect(codes.scores.numbers).toEqual([4, 4]);
  });

  it('predict returns the training labels with their type', () => {
    const clf = new DecisionTreeClassifier<number>();
    clf.fit(X, yCode);
    const p = clf.predict([[0], [20]]);
    expectTypeOf(p).toEqualTypeOf<number[]>();
    expect(p).toEqual([0, 1]);
    const flags = new DecisionTreeClassifier<boolean>();
    flags.fit(X, yCode.map((v) => v === 1));
    expect(flags.predict([[0], [20]])).toEqual([false, true]);
  });

  it('rejects, at compile time, a classifier whose label type does not match y', () => {
    // @ts-expect-error: a string-label classifier cannot be trained on numeric labels
    const call = (): unknown => crossValidateEstimator(() => new DecisionTreeClassifier<string>(), X, yCode, { k: 2 });
    expect(typeof call).toBe('function');
    // @ts-expect-error: the same mistake on the classifier itself
    new DecisionTreeClassifier<string>().fit(X, yCode);
  });
});
