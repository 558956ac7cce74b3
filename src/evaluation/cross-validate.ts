/**
 * Cross-validation: one helper for any model that can be fitted on some rows and scored on others, and a
 * convenience wrapper for estimators with `fit(X, y)` and `predict(X)` on numeric matrices.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { throwIfAborted, type LongRunningOptions } from '../core/progress.js';
import { accuracy, type ClassLabel } from './classification.js';
import type { LabelVector } from './labels.js';
import { kFold, selectRows, stratifiedKFold, type Split } from './splits.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * The per-fold scores of a cross-validation, with their mean and standard deviation.
 *
 * @example
 * ```ts
 * import { crossValidate, kFold, type CrossValidationResult } from 'crm-mining';
 * const values = [4, 8, 15, 16, 23, 42];
 * const result: CrossValidationResult<number> = crossValidate(
 *   kFold(values.length, { k: 3, shuffle: false }),
 *   { fit: (train) => Math.max(...Array.from(train, (i) => values[i])), score: (max, test) => ({ max, tested: test.length }) },
 *   { keepModels: true },
 * );
 * console.log(result.scores.max, result.mean.tested, result.models); // [ 42, 42, 16 ] 2 [ 42, 42, 16 ]
 * ```
 */
export interface CrossValidationResult<M = unknown> {
  /** The number of folds. */
  readonly folds: number;
  /** Each metric's value on each fold, in fold order. */
  readonly scores: Readonly<Record<string, readonly number[]>>;
  /** Each metric's mean over the folds. */
  readonly mean: Readonly<Record<string, number>>;
  /** Each metric's sample standard deviation over the folds (0 for one fold). */
  readonly std: Readonly<Record<string, number>>;
  /** The fitted model of each fold, when `keepModels` was set (otherwise empty). */
  readonly models: readonly M[];
}

/**
 * What {@link crossValidate} needs to know about a model.
 *
 * @example
 * ```ts
 * import { crossValidate, stratifiedKFold, selectRows, type CrossValidationTask } from 'crm-mining';
 * const churned = [1, 0, 0, 1, 0, 0, 1, 0, 0];
 * // a baseline: predict the training churn rate for everyone, score by the Brier score
 * const baseline: CrossValidationTask<number> = {
 *   fit: (train) => selectRows(churned, train).filter((y) => y === 1).length / train.length,
 *   score: (rate, test) => selectRows(churned, test).reduce((s, y) => s + (rate - y) ** 2, 0) / test.length,
 * };
 * console.log(crossValidate(stratifiedKFold(churned, { k: 3 }), baseline).mean.score.toFixed(4)); // 0.2222
 * ```
 */
export interface CrossValidationTask<M> {
  /** Fits a fresh model on the training rows of fold `fold`. */
  fit(train: Int32Array, fold: number): M;
  /**
   * Scores a fitted model on the test rows of its fold: one number (reported as metric `'score'`) or
   * several named metrics (every fold must return the same names).
   */
  score(model: M, test: Int32Array, fold: number): number | Readonly<Record<string, number>>;
}

/**
 * Options of {@link crossValidate}.
 *
 * @example
 * ```ts
 * import { crossValidate, kFold, type CrossValidateOptions } from 'crm-mining';
 * const options: CrossValidateOptions = {
 *   keepModels: false,
 *   onProgress: ({ phase, done, total }) => console.log(phase, done, total),
 * };
 * crossValidate(kFold(6, { k: 3 }), { fit: () => null, score: () => 1 }, options);
 * ```
 */
export interface CrossValidateOptions extends LongRunningOptions {
  /** Keep each fold's fitted model in the result (default false). */
  keepModels?: boolean;
}

const CROSS_VALIDATE_OPTION_KEYS = optionKeys<CrossValidateOptions>({
  keepModels: true,
  onProgress: true,
  signal: true,
});

/**
 * Runs a cross-validation over the given splits (from {@link kFold}, {@link stratifiedKFold} or your
 * own): for each, fits on the training rows and scores on the test rows. The task works on row indices, so
 * any model and any data representation fit — a table, a matrix, a recommender's interactions.
 *
 * @throws InvalidInputError when there are no folds or the folds return different metric names.
 *
 * @example
 * ```ts
 * import { crossValidate, kFold, meanAbsoluteError, selectRows } from 'crm-mining';
 * // how well does "predict the training mean" forecast customer spend?
 * const spend = [120, 80, 95, 300, 60, 150, 110, 90, 70, 200];
 * const result = crossValidate(kFold(spend.length, { k: 5 }), {
 *   fit: (train) => selectRows(spend, train).reduce((a, b) => a + b, 0) / train.length,
 *   score: (mean, test) => meanAbsoluteError(selectRows(spend, test), new Array(test.length).fill(mean)),
 * });
 * console.log(result.folds, result.mean.score.toFixed(1), result.std.score.toFixed(1));
 * ```
 */
export function crossValidate<M>(folds: readonly Split[], task: CrossValidationTask<M>, options: CrossValidateOptions = {}): CrossValidationResult<M> {
  rejectUnknownOptions(options, CROSS_VALIDATE_OPTION_KEYS, 'crossValidate');
  if (!Array.isArray(folds) || folds.length === 0) throw new InvalidInputError('folds: expected at least one split');
  const scores: Record<string, number[]> = {};
  const models: M[] = [];
  let names: string[] | undefined;
  for (let f = 0; f < folds.length; f++) {
    throwIfAborted(options.signal);
    const model = task.fit(folds[f].train, f);
    const raw = task.score(model, folds[f].test, f);
    const rec: Readonly<Record<string, number>> = typeof raw === 'number' ? { score: raw } : raw;
    const keys = Object.keys(rec).sort();
    if (names === undefined) {
      names = keys;
      for (const k of keys) scores[k] = [];
    } else if (keys.join('\u0000') !== names.join('\u0000')) {
      throw new InvalidInputError(`fold ${f} returned metrics ${keys.join(', ')}, expected ${names.join(', ')} like fold 0`);
    }
    for (const k of keys) {
      const v = rec[k];
      if (typeof v !== 'number' || Number.isNaN(v)) throw new InvalidInputError(`fold ${f}: metric ${k} is ${String(v)}, expected a number`);
      scores[k].push(v);
    }
    if (options.keepModels) models.push(model);
    options.onProgress?.({ phase: 'cross-validation', done: f + 1, total: folds.length });
  }
  const mean: Record<string, number> = {};
  const std: Record<string, number> = {};
  for (const k of names ?? []) {
    const v = scores[k];
    let sum = 0;
    for (const x of v) sum += x;
    const m = sum / v.length;
    let ss = 0;
    for (const x of v) ss += (x - m) * (x - m);
    mean[k] = m;
    std[k] = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
  }
  return { folds: folds.length, scores, mean, std, models };
}

/**
 * A model in the scikit-learn shape: `fit(X, y)` on a numeric matrix and labels, then `predict(X)`.
 * `fit` may train in place, or return the fitted model (anything with `predict`), which is then used.
 *
 * @example
 * ```ts
 * import { crossValidateEstimator, type Estimator, type Matrix } from 'crm-mining';
 * // a one-feature threshold rule in the fit/predict shape
 * class Threshold implements Estimator<number> {
 *   private cut = 0;
 *   fit(X: Matrix, y: number[]): void {
 *     let maxNegative = -Infinity;
 *     let minPositive = Infinity;
 *     for (let i = 0; i < X.rows; i++) {
 *       const x = X.data[i * X.cols];
 *       if (y[i] === 1) minPositive = Math.min(minPositive, x);
 *       else maxNegative = Math.max(maxNegative, x);
 *     }
 *     this.cut = (maxNegative + minPositive) / 2;
 *   }
 *   predict(X: Matrix): number[] {
 *     return Array.from({ length: X.rows }, (_, i) => (X.data[i * X.cols] >= this.cut ? 1 : 0));
 *   }
 * }
 * const cv = crossValidateEstimator(() => new Threshold(), [[1], [2], [3], [7], [8], [9]], [0, 0, 0, 1, 1, 1], { k: 3 });
 * console.log(cv.mean.accuracy); // 1
 * ```
 */
export interface Estimator<Y extends ClassLabel = ClassLabel> {
  /** Trains on the rows of `X` with targets `y`. */
  fit(X: Matrix, y: Y[]): unknown;
  /** Predicts one target per row of `X`. */
  predict(X: Matrix): ArrayLike<Y>;
}

/**
 * Options of {@link crossValidateEstimator}.
 *
 * @example
 * ```ts
 * import { crossValidateEstimator, DecisionTreeClassifier, kFold, accuracy } from 'crm-mining';
 * import type { ClassLabel, CrossValidateEstimatorOptions } from 'crm-mining';
 * declare const X: number[][];
 * declare const y: string[];
 * const options: CrossValidateEstimatorOptions<ClassLabel> = {
 *   folds: kFold(X.length, { k: 10, seed: 3 }), // fixed folds shared with another model's run
 *   metrics: { accuracy },
 * };
 * console.log(crossValidateEstimator(() => new DecisionTreeClassifier(), X, y, options).mean.accuracy);
 * ```
 */
export interface CrossValidateEstimatorOptions<Y extends ClassLabel> extends CrossValidateOptions {
  /** The splits to use (default: made from `k`, `seed` and `stratified`). */
  folds?: readonly Split[];
  /** The number of folds when `folds` is not given (default 5). */
  k?: number;
  /** Seed of the fold shuffle (default 42). */
  seed?: number;
  /** Stratify folds on `y` (default true; use false for regression targets). */
  stratified?: boolean;
  /**
   * The metrics, each computed from the test rows' true and predicted targets (default
   * `{ accuracy }`).
   */
  metrics?: Readonly<Record<string, (yTrue: Y[], yPred: ArrayLike<Y>) => number>>;
}

const CROSS_VALIDATE_ESTIMATOR_OPTION_KEYS = optionKeys<CrossValidateEstimatorOptions<ClassLabel>>({
  folds: true,
  k: true,
  seed: true,
  stratified: true,
  metrics: true,
  keepModels: true,
  onProgress: true,
  signal: true,
});

/**
 * Cross-validates an estimator with `fit(X, y)` / `predict(X)`: a fresh estimator from `factory` per
 * fold, trained on the fold's training rows of `X` and `y` and scored on its test rows.
 *
 * @throws InvalidInputError when `X` and `y` differ in length; InvalidOptionError on bad options.
 *
 * @example
 * ```ts
 * import { crossValidateEstimator, DecisionTreeClassifier, balancedAccuracy } from 'crm-mining';
 * const X = [[1, 20], [2, 25], [3, 30], [4, 35], [10, 2], [11, 4], [12, 1], [13, 3]];
 * const y = ['stay', 'stay', 'stay', 'stay', 'churn', 'churn', 'churn', 'churn'];
 * const cv = crossValidateEstimator(() => new DecisionTreeClassifier(), X, y, {
 *   k: 4,
 *   metrics: { balanced: balancedAccuracy },
 * });
 * console.log(cv.scores.balanced); // one score per fold
 * ```
 */
export function crossValidateEstimator<Y extends ClassLabel>(
  factory: () => Estimator<Y>,
  X: MatrixInput,
  y: LabelVector & ArrayLike<Y>,
  options: CrossValidateEstimatorOptions<Y> = {},
): CrossValidationResult<Estimator<Y>> {
  rejectUnknownOptions(options, CROSS_VALIDATE_ESTIMATOR_OPTION_KEYS, 'crossValidateEstimator');
  const m = toMatrix(X, { name: 'X', allowMissing: true });
  if (y.length !== m.rows) throw new InvalidInputError(`y: has ${y.length} values, expected ${m.rows} (one per row of X)`, { field: 'y' });
  const yy = Array.from(y) as Y[];
  const folds =
    options.folds ??
    ((options.stratified ?? true)
      ? stratifiedKFold(yy, { k: options.k ?? 5, seed: options.seed ?? 42 })
      : kFold(m.rows, { k: options.k ?? 5, seed: options.seed ?? 42 }));
  const metrics = options.metrics ?? { accuracy: (t: Y[], p: ArrayLike<Y>) => accuracy(t, p) };
  if (Object.keys(metrics).length === 0) throw new InvalidOptionError('metrics', 'expected at least one metric');
  return crossValidate<Estimator<Y>>(
    folds,
    {
      fit(train) {
        const est = factory();
        const out = est.fit(selectRows(m, train), selectRows(yy, train));
        const fitted = out !== null && typeof out === 'object' && typeof (out as Estimator<Y>).predict === 'function' ? (out as Estimator<Y>) : est;
        return fitted;
      },
      score(model, test) {
        const pred = model.predict(selectRows(m, test));
        const truth = selectRows(yy, test);
        const r: Record<string, number> = {};
        for (const [name, fn] of Object.entries(metrics)) r[name] = fn(truth, pred);
        return r;
      },
    },
    // only crossValidate's own options go on (folds, k, seed, ... are this function's)
    {
      ...(options.keepModels !== undefined ? { keepModels: options.keepModels } : {}),
      ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    },
  );
}
