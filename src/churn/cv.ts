/**
 * Stratified k-fold cross-validation of the churn model, with baselines in the same folds: logistic
 * regression (the same pipeline with no hidden layer) and, when one is supplied, any other scorer such
 * as a decision tree. Preprocessing is fitted inside each fold on that fold's training rows only.
 *
 * @module
 */
import { InvalidOptionError } from '../core/errors.js';
import { throwIfAborted } from '../core/progress.js';
import { rejectUnknownOptions, requireInteger } from '../core/validate.js';
import { CHURN_CROSS_VALIDATION_OPTION_KEYS } from './option-keys.js';
import type { DataTable } from '../data/table.js';
import { rocAuc } from '../evaluation/ranking.js';
import { selectRows, stratifiedKFold } from '../evaluation/splits.js';
import type { ResolvedBackend } from './backend.js';
import { logisticOptions, trainChurnModel, type ChurnModelOptions } from './model.js';
import type { ChurnPreprocessorJSON } from './preprocess.js';
import { churnLabels, inferChurnSchema, toChurnTable, type ChurnData, type ChurnSchema } from './schema.js';

/**
 * A baseline scorer: fitted on one fold's training rows, it returns a churn score per test row (higher =
 * more likely to churn). For example a decision tree's probability of the positive class.
 *
 * @example
 * ```ts
 * import { crossValidateChurn, type ChurnBaseline } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * // A rule of thumb to beat: the shorter the tenure, the higher the risk.
 * const shortTenure: ChurnBaseline = (_train, test) => test.column('tenure').values.map((v) => -Number(v));
 * const cv = await crossValidateChurn(customers, { target: 'churn', folds: 5, baselines: { shortTenure } });
 * console.log(cv.auc, cv.baselines); // the MLP's mean AUC, then { logistic: …, shortTenure: … }
 * ```
 */
export type ChurnBaseline = (train: DataTable, test: DataTable, schema: ChurnSchema) => ArrayLike<number> | Promise<ArrayLike<number>>;

/**
 * Options of {@link crossValidateChurn}: the model's options plus these.
 *
 * @example
 * ```ts
 * import { crossValidateChurn, type ChurnCrossValidationOptions } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * const options: ChurnCrossValidationOptions = { target: 'churn', folds: 10, logistic: false, hiddenLayers: [16], epochs: 30, seed: 3 };
 * const cv = await crossValidateChurn(customers, options);
 * console.log(cv.aucPerFold.map((a) => a.toFixed(3)).join(' '));
 * ```
 */
export interface ChurnCrossValidationOptions extends Omit<ChurnModelOptions, 'rows'> {
  /** The number of folds, ≥ 2 (default 5). */
  folds?: number;
  /** Also cross-validate logistic regression in the same folds (default true). */
  logistic?: boolean;
  /** More baselines by name (default none), for example `{ tree: (train, test, schema) => … }`. */
  baselines?: Readonly<Record<string, ChurnBaseline>>;
  /** Called when a fold is done. Default: none. */
  onFold?: (fold: ChurnFoldResult) => void;
}


/**
 * One fold's outcome.
 *
 * @example
 * ```ts
 * import { crossValidateChurn, type ChurnFoldResult } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * const onFold = (f: ChurnFoldResult) => console.log(`fold ${f.fold}: AUC ${f.auc.toFixed(3)}, ${f.test.length} test rows, best epoch ${f.bestEpoch}`);
 * await crossValidateChurn(customers, { target: 'churn', onFold });
 * ```
 */
export interface ChurnFoldResult {
  /** 0-based fold. */
  readonly fold: number;
  /** Training rows. */
  readonly train: Int32Array;
  /** Test rows. */
  readonly test: Int32Array;
  /** The MLP's ROC-AUC on the test rows. */
  readonly auc: number;
  /** Each baseline's ROC-AUC on the test rows. */
  readonly baselines: Readonly<Record<string, number>>;
  /** The epoch the MLP kept. */
  readonly bestEpoch: number;
  /** The fold's preprocessing (fitted on its training rows only). */
  readonly preprocessing: ChurnPreprocessorJSON;
}

/**
 * The result of {@link crossValidateChurn}.
 *
 * @example
 * ```ts
 * import { crossValidateChurn, retentionThreshold, type ChurnCrossValidation } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * const cv: ChurnCrossValidation = await crossValidateChurn(customers, { target: 'churn' });
 * // Out-of-fold probabilities are honest predictions for every row: use them to plan a campaign.
 * const plan = retentionThreshold({ probabilities: cv.outOfFold, labels: cv.labels, value: 400, offerCost: 30, successRate: 0.3 });
 * console.log(cv.auc, cv.baselines.logistic, plan.threshold, plan.profit);
 * ```
 */
export interface ChurnCrossValidation {
  /** The number of folds. */
  readonly folds: number;
  /** Rows. */
  readonly rows: number;
  /** The backend the networks ran on. */
  readonly backend: ResolvedBackend;
  /** Mean ROC-AUC of the MLP over the folds. */
  readonly auc: number;
  /** ROC-AUC of the MLP in each fold. */
  readonly aucPerFold: readonly number[];
  /** Mean ROC-AUC of each baseline (`logistic`, and any given). */
  readonly baselines: Readonly<Record<string, number>>;
  /** Each baseline's ROC-AUC per fold. */
  readonly baselinesPerFold: Readonly<Record<string, readonly number[]>>;
  /** Out-of-fold churn probability of every row (from the fold where it was a test row). */
  readonly outOfFold: Float64Array;
  /** The 0/1 label of every row. */
  readonly labels: Uint8Array;
  /** The per-fold details. */
  readonly details: readonly ChurnFoldResult[];
}

const mean = (a: readonly number[]): number => a.reduce((s, x) => s + x, 0) / a.length;

/**
 * Stratified k-fold cross-validation of the churn MLP (and baselines) on labelled data.
 *
 * @throws as {@link trainChurnModel}; InvalidOptionError for a bad `folds`.
 *
 * @example
 * ```ts
 * import { crossValidateChurn } from 'crm-mining';
 * const customers = Array.from({ length: 90 }, (_, i) => ({
 *   tenure: (i * 11) % 60,
 *   contract: i % 4 === 0 ? 'yearly' : 'monthly',
 *   churn: (i * 11) % 60 < 15 && i % 4 !== 0,
 * }));
 * // 3 folds and a small network: a quick look. The logistic-regression baseline runs in the same folds.
 * const cv = await crossValidateChurn(customers, { target: 'churn', folds: 3, hiddenLayers: [8], batchSize: 16, epochs: 20 });
 * console.log(cv.auc.toFixed(3), cv.baselines.logistic.toFixed(3));
 * ```
 */
export async function crossValidateChurn(data: ChurnData, options: ChurnCrossValidationOptions): Promise<ChurnCrossValidation> {
  rejectUnknownOptions(options, CHURN_CROSS_VALIDATION_OPTION_KEYS, 'crossValidateChurn');
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'expected an object with at least target');
  const table = toChurnTable(data);
  const k = requireInteger('folds', options.folds ?? 5, 2, Math.max(2, table.rowCount));
  const schema = inferChurnSchema(table, options);
  const y = churnLabels(table, schema.target, schema.positive);
  const splits = stratifiedKFold(y, { k, seed: options.seed ?? 42 });
  const extra = options.baselines ?? {};
  const names = [...(options.logistic === false ? [] : ['logistic']), ...Object.keys(extra)];
  const perFold: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const aucs: number[] = [];
  const oof = new Float64Array(table.rowCount);
  const details: ChurnFoldResult[] = [];
  let backend: ResolvedBackend = 'cpu';
  const { folds: _f, logistic: _l, baselines: _b, onFold, ...modelOptions } = options;
  for (let f = 0; f < splits.length; f++) {
    throwIfAborted(options.signal);
    const { train, test } = splits[f];
    const testTable = selectRows(table, test);
    const yTest = selectRows(Array.from(y), test);
    const model = await trainChurnModel(table, { ...modelOptions, rows: train });
    backend = model.backend;
    const p = model.predictProbabilities(testTable);
    for (let t = 0; t < test.length; t++) oof[test[t]] = p[t];
    const auc = rocAuc(yTest, p);
    aucs.push(auc);
    const fold: Record<string, number> = {};
    if (options.logistic !== false) {
      const lr = await trainChurnModel(table, logisticOptions({ ...modelOptions, rows: train, onEpoch: undefined }));
      fold.logistic = rocAuc(yTest, lr.predictProbabilities(testTable));
      lr.dispose();
    }
    for (const [name, fn] of Object.entries(extra)) {
      const scores = await fn(selectRows(table, train), testTable, model.schema);
      fold[name] = rocAuc(yTest, scores);
    }
    for (const n of names) perFold[n].push(fold[n]);
    const result: ChurnFoldResult = { fold: f, train, test, auc, baselines: fold, bestEpoch: model.bestEpoch, preprocessing: model.preprocessor.toJSON() };
    details.push(result);
    onFold?.(result);
    model.dispose();
  }
  return {
    folds: k,
    rows: table.rowCount,
    backend,
    auc: mean(aucs),
    aucPerFold: aucs,
    baselines: Object.fromEntries(names.map((n) => [n, mean(perFold[n])])),
    baselinesPerFold: perFold,
    outOfFold: oof,
    labels: y,
    details,
  };
}
