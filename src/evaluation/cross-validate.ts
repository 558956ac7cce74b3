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

/** The per-fold scores of a cross-validation, with their mean and standard deviation. */
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

/** What {@link crossValidate} needs to know about a model. */
export interface CrossValidationTask<M> {
  /** Fits a fresh model on the training rows of fold `fold`. */
  fit(train: Int32Array, fold: number): M;
  /**
   * Scores a fitted model on the test rows of its fold: one number (reported as metric `'score'`) or
   * several named metrics (every fold must return the same names).
   */
  score(model: M, test: Int32Array, fold: number): number | Readonly<Record<string, number>>;
}

/** Options of {@link crossValidate}. */
export interface CrossValidateOptions extends LongRunningOptions {
  /** Keep each fold's fitted model in the result (default false). */
  keepModels?: boolean;
}

/**
 * Runs a cross-validation over the given splits (from {@link kFold}, {@link stratifiedKFold} or your
 * own): for each, fits on the training rows and scores on the test rows. The task works on row indices, so
 * any model and any data representation fit — a table, a matrix, a recommender's interactions.
 *
 * @throws InvalidInputError when there are no folds or the folds return different metric names.
 */
export function crossValidate<M>(folds: readonly Split[], task: CrossValidationTask<M>, options: CrossValidateOptions = {}): CrossValidationResult<M> {
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
 */
export interface Estimator<Y extends ClassLabel = ClassLabel> {
  /** Trains on the rows of `X` with targets `y`. */
  fit(X: Matrix, y: Y[]): unknown;
  /** Predicts one target per row of `X`. */
  predict(X: Matrix): ArrayLike<Y>;
}

/** Options of {@link crossValidateEstimator}. */
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

/**
 * Cross-validates an estimator with `fit(X, y)` / `predict(X)`: a fresh estimator from `factory` per
 * fold, trained on the fold's training rows of `X` and `y` and scored on its test rows.
 *
 * @throws InvalidInputError when `X` and `y` differ in length; InvalidOptionError on bad options.
 */
export function crossValidateEstimator<Y extends ClassLabel>(
  factory: () => Estimator<Y>,
  X: MatrixInput,
  y: LabelVector & ArrayLike<Y>,
  options: CrossValidateEstimatorOptions<Y> = {},
): CrossValidationResult<Estimator<Y>> {
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
    options,
  );
}
