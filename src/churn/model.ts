/**
 * The churn model: schema, preprocessing and a TensorFlow.js network in one fitted object that scores
 * customers, explains the scores, and is saved to and loaded from a folder.
 *
 * Probabilities: the network is trained with class weights (balanced by default), which inflates its
 * probabilities towards 0.5 for the rare class. The model removes that prior shift exactly — it subtracts
 * log(w₊/w₋) from the network's log-odds — so `probability` estimates the real churn probability and the
 * retention economics can use it; optional Platt scaling, fitted on the early-stopping validation rows,
 * corrects what is left. Neither changes the order of customers, so AUC and lift are unaffected.
 *
 * @module
 */
import type * as TF from '@tensorflow/tfjs';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { throwIfAborted, type LongRunningOptions } from '../core/progress.js';
import { Random } from '../core/rng.js';
import { describe, rejectUnknownOptions, requireInRange, requireInteger, requireOneOf } from '../core/validate.js';
import { CHURN_MODEL_OPTION_KEYS } from './option-keys.js';
import type { DataTable } from '../data/table.js';
import { brierScore, calibrationTable, logLoss, type CalibrationBin } from '../evaluation/probabilistic.js';
import { gainsTable, type GainsRow } from '../evaluation/gains.js';
import { rocAuc } from '../evaluation/ranking.js';
import { selectRows, trainTestSplit } from '../evaluation/splits.js';
import { CHURN_BACKENDS, loadTensorFlow, type ChurnBackend, type ResolvedBackend, type Tf } from './backend.js';
import { fitPlatt, sigmoid, type PlattScaling } from './calibration.js';
import { predictLogits, trainNetwork, type ChurnActivation, type EpochRecord, type NetworkSettings } from './network.js';
import { ChurnPreprocessor, type PreprocessOptions } from './preprocess.js';
import { churnLabels, inferChurnSchema, toChurnTable, type ChurnData, type ChurnSchema, type ChurnSchemaOptions } from './schema.js';

/**
 * Class weighting: `'balanced'` (n / (2·n_class), as scikit-learn), `'none'`, or explicit weights.
 *
 * @example
 * ```ts
 * import { trainChurnModel, type ClassWeight } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * // Missing a churner costs three times as much as a needless offer.
 * const classWeight: ClassWeight = { positive: 3, negative: 1 };
 * const model = await trainChurnModel(customers, { target: 'churn', classWeight });
 * console.log(model.settings.classWeights, model.priorShift.toFixed(3)); // { positive: 3, negative: 1 } 1.099
 * ```
 */
export type ClassWeight = 'balanced' | 'none' | { readonly positive: number; readonly negative: number };

/**
 * Options of {@link trainChurnModel}. Everything but `target` has a default.
 *
 * @example
 * ```ts
 * import { trainChurnModel, type ChurnModelOptions } from 'crm-mining';
 * declare const customers: Record<string, unknown>[];
 * const options: ChurnModelOptions = {
 *   target: 'Churn',
 *   id: 'customerID',
 *   hiddenLayers: [16],
 *   epochs: 40,
 *   calibration: 'platt',
 *   seed: 7,
 *   onProgress: (p) => process.stdout.write(`\r${p.phase} ${p.done}/${p.total}`),
 * };
 * const model = await trainChurnModel(customers, options);
 * ```
 */
export interface ChurnModelOptions extends ChurnSchemaOptions, PreprocessOptions, LongRunningOptions {
  /** Units of each hidden layer (default `[32, 16]`); `[]` gives logistic regression. */
  hiddenLayers?: readonly number[];
  /** Activation of the hidden layers (default `'relu'`). */
  activation?: ChurnActivation;
  /** Dropout rate after each hidden layer while training, in [0, 1) (default 0.2). */
  dropout?: number;
  /** L2 penalty on every kernel weight, ≥ 0 (default 1e-4). */
  l2?: number;
  /** Adam's learning rate (default 0.003). */
  learningRate?: number;
  /** Rows per mini-batch (default 128). */
  batchSize?: number;
  /** Most epochs (default 60). */
  epochs?: number;
  /** Early stopping: epochs without improvement of the validation loss before stopping (default 5). */
  patience?: number;
  /** Early stopping: the smallest decrease of the validation loss that counts (default 1e-4). */
  minDelta?: number;
  /**
   * Share of the training rows held out (stratified, seeded) for early stopping and Platt scaling, in
   * [0, 0.5] (default 0.2). With 0 there is no early stopping: all `epochs` run.
   */
  validationFraction?: number;
  /** Class weights in the loss (default `'balanced'`). */
  classWeight?: ClassWeight;
  /** `'platt'` to fit Platt scaling on the validation rows (default `'none'`). */
  calibration?: 'none' | 'platt';
  /** Seed of the initial weights, the validation split, the shuffles and dropout (default 42). */
  seed?: number;
  /** Backend (default `'auto'`: tfjs-node if installed, else wasm, else cpu). */
  backend?: ChurnBackend;
  /** Train on these rows of the data only (default all); the other rows are never read. */
  rows?: ArrayLike<number>;
  /** Called after every epoch. Default: none. */
  onEpoch?: (record: EpochRecord & { readonly epochs: number }) => void;
}


/**
 * The resolved training settings, saved with the model.
 *
 * @example
 * ```ts
 * import { type ChurnModel, type ChurnTrainingSettings } from 'crm-mining';
 * declare const model: ChurnModel;
 * // Every setting, with the defaults filled in and the class weights computed from the training rows.
 * const settings: ChurnTrainingSettings = model.settings;
 * console.log(settings.hiddenLayers, settings.learningRate, settings.classWeights);
 * ```
 */
export interface ChurnTrainingSettings extends NetworkSettings {
  /** Validation share. */
  validationFraction: number;
  /** Class weights actually used. */
  classWeights: { positive: number; negative: number };
  /** Calibration. */
  calibration: 'none' | 'platt';
  /** Seed. */
  seed: number;
}

/**
 * One scored customer.
 *
 * @example
 * ```ts
 * import { type ChurnModel, type ChurnPrediction } from 'crm-mining';
 * declare const model: ChurnModel, customers: Record<string, unknown>[];
 * const scored: ChurnPrediction[] = model.predict(customers);
 * const riskiest = scored.filter((s) => s.decile === 1).sort((a, b) => b.probability - a.probability);
 * for (const s of riskiest.slice(0, 5)) console.log(s.id, s.probability.toFixed(3));
 * ```
 */
export interface ChurnPrediction {
  /** The id column's value, or the row index when the model has no id column or the data lacks it. */
  readonly id: string | number;
  /** Churn probability. */
  readonly probability: number;
  /** Risk decile, 1 = the riskiest tenth of the training customers, 10 = the safest. */
  readonly decile: number;
}

/**
 * One driver of a customer's score.
 *
 * @example
 * ```ts
 * import { type ChurnDriver, type ChurnModel } from 'crm-mining';
 * declare const model: ChurnModel;
 * const [one] = model.explain([{ tenure: 2, MonthlyCharges: 95, Contract: 'Month-to-month' }]);
 * const why: readonly ChurnDriver[] = one.drivers;
 * for (const d of why) console.log(`${d.column} = ${d.value} (typical ${d.typical}): +${(100 * d.effect).toFixed(1)} points`);
 * ```
 */
export interface ChurnDriver {
  /** The original column. */
  readonly column: string;
  /** The customer's value (as text; `'(missing)'` when missing). */
  readonly value: string;
  /** The typical value it is compared with (training median or mode). */
  readonly typical: string;
  /** Probability now minus probability with this column at its typical value: > 0 raises the risk. */
  readonly effect: number;
}

/**
 * A scored customer with the reasons.
 *
 * @example
 * ```ts
 * import { type ChurnExplanation, type ChurnModel } from 'crm-mining';
 * declare const model: ChurnModel, atRisk: Record<string, unknown>[];
 * const explained: ChurnExplanation[] = model.explain(atRisk, { top: 2 });
 * for (const e of explained) console.log(e.id, e.probability.toFixed(2), e.drivers.map((d) => d.column).join(', '));
 * console.log(explained[0].effects); // the effect of every feature column, drivers or not
 * ```
 */
export interface ChurnExplanation extends ChurnPrediction {
  /** The columns that raise the risk most, largest effect first (at most `top`; only positive effects). */
  readonly drivers: readonly ChurnDriver[];
  /** The effect of every feature column, in feature order. */
  readonly effects: Readonly<Record<string, number>>;
}

/**
 * Global importance of one column.
 *
 * @example
 * ```ts
 * import { type ChurnModel, type FeatureImportance } from 'crm-mining';
 * declare const model: ChurnModel, testRows: Record<string, unknown>[];
 * const importance: FeatureImportance[] = model.permutationImportance(testRows, { repeats: 5, seed: 1 });
 * for (const f of importance.slice(0, 5)) console.log(f.column, f.importance.toFixed(3), `± ${f.std.toFixed(3)}`);
 * ```
 */
export interface FeatureImportance {
  /** The original column. */
  readonly column: string;
  /** Mean drop of ROC-AUC when the column is shuffled across customers. */
  readonly importance: number;
  /** Standard deviation of the drop over the repeats. */
  readonly std: number;
}

/**
 * What {@link ChurnModel.evaluate} returns.
 *
 * @example
 * ```ts
 * import { type ChurnEvaluation, type ChurnModel } from 'crm-mining';
 * import type { DataTable } from 'crm-mining';
 * declare const model: ChurnModel, test: DataTable;
 * const evaluation: ChurnEvaluation = model.evaluate(test);
 * console.log(`AUC ${evaluation.auc.toFixed(3)}, Brier ${evaluation.brier.toFixed(3)}`);
 * console.log(`top decile lift ${evaluation.gains[0].lift.toFixed(2)}`);
 * ```
 */
export interface ChurnEvaluation {
  /** Rows evaluated. */
  readonly rows: number;
  /** Churners among them. */
  readonly positives: number;
  /** ROC-AUC. */
  readonly auc: number;
  /** Log loss. */
  readonly logLoss: number;
  /** Brier score. */
  readonly brier: number;
  /** Cumulative gains and lift by decile. */
  readonly gains: readonly GainsRow[];
  /** Reliability table (10 equal-width bins). */
  readonly calibration: readonly CalibrationBin[];
}

/**
 * The JSON saved beside the network (`churn.json`).
 *
 * @example
 * ```ts
 * import { type ChurnModel, type ChurnModelJSON } from 'crm-mining';
 * declare const model: ChurnModel;
 * // Everything but the network weights: what churn.json holds.
 * const json: ChurnModelJSON = model.toJSON();
 * console.log(json.format, json.version, json.schema.target, json.decileCuts.length); // crm-mining/churn-model 1 churn 9
 * ```
 */
export interface ChurnModelJSON {
  /** Always `'crm-mining/churn-model'`. */
  format: 'crm-mining/churn-model';
  /** Format version, 1. */
  version: 1;
  /** The schema. */
  schema: ChurnSchema;
  /** The preprocessing. */
  preprocessing: ReturnType<ChurnPreprocessor['toJSON']>;
  /** The training settings. */
  settings: ChurnTrainingSettings;
  /** The backend the network was trained on. */
  backend: ResolvedBackend;
  /** log(w₊/w₋), subtracted from the network's log-odds. */
  priorShift: number;
  /** Platt scaling, when fitted. */
  platt: PlattScaling | null;
  /** Decile cut points (9 probabilities, decreasing). */
  decileCuts: number[];
  /** Per-epoch history. */
  history: EpochRecord[];
  /** The epoch whose weights were kept. */
  bestEpoch: number;
  /** Whether training stopped early. */
  stoppedEarly: boolean;
}

const ACTIVATIONS: readonly ChurnActivation[] = ['relu', 'elu', 'selu', 'tanh', 'sigmoid'];

/**
 * Validates and fills the defaults of the training settings.
 *
 * @example
 * ```ts
 * import { InvalidOptionError, resolveTrainingOptions } from 'crm-mining';
 * const s = resolveTrainingOptions({ target: 'churn', hiddenLayers: [] });
 * console.log(s.hiddenLayers, s.batchSize, s.classWeight, s.backend); // [] 128 balanced auto
 * try {
 *   resolveTrainingOptions({ target: 'churn', dropout: 1 });
 * } catch (e) {
 *   console.log(e instanceof InvalidOptionError); // true: dropout must be below 1
 * }
 * ```
 */
export function resolveTrainingOptions(options: ChurnModelOptions): Omit<ChurnTrainingSettings, 'classWeights'> & { classWeight: ClassWeight; backend: ChurnBackend } {
  const hidden = options.hiddenLayers ?? [32, 16];
  if (!Array.isArray(hidden)) throw new InvalidOptionError('hiddenLayers', `expected an array of unit counts, got ${describe(hidden)}`);
  hidden.forEach((u, k) => requireInteger(`hiddenLayers[${k}]`, u, 1, 4096));
  const activation = requireOneOf('activation', options.activation ?? 'relu', ACTIVATIONS);
  const dropout = requireInRange('dropout', options.dropout ?? 0.2, 0, 1, { maxInclusive: false });
  const l2 = requireInRange('l2', options.l2 ?? 1e-4, 0, 10);
  const learningRate = requireInRange('learningRate', options.learningRate ?? 0.003, 0, 10, { minInclusive: false });
  const batchSize = requireInteger('batchSize', options.batchSize ?? 128, 1, 1 << 20);
  const epochs = requireInteger('epochs', options.epochs ?? 60, 1, 100000);
  const patience = requireInteger('patience', options.patience ?? 5, 1, 100000);
  const minDelta = requireInRange('minDelta', options.minDelta ?? 1e-4, 0, 1);
  const validationFraction = requireInRange('validationFraction', options.validationFraction ?? 0.2, 0, 0.5);
  const calibration = requireOneOf('calibration', options.calibration ?? 'none', ['none', 'platt'] as const);
  const seed = options.seed ?? 42;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new InvalidOptionError('seed', `expected a finite number, got ${describe(seed)}`);
  const classWeight = options.classWeight ?? 'balanced';
  if (classWeight !== 'balanced' && classWeight !== 'none') {
    if (classWeight === null || typeof classWeight !== 'object') throw new InvalidOptionError('classWeight', `expected 'balanced', 'none' or { positive, negative }, got ${describe(classWeight)}`);
    requireInRange('classWeight.positive', classWeight.positive, 0, Infinity, { minInclusive: false });
    requireInRange('classWeight.negative', classWeight.negative, 0, Infinity, { minInclusive: false });
  }
  const backend = options.backend ?? 'auto';
  requireOneOf('backend', backend, CHURN_BACKENDS);
  return {
    hiddenLayers: [...hidden],
    activation,
    dropout,
    l2,
    learningRate,
    batchSize,
    epochs,
    patience,
    minDelta,
    validationFraction,
    calibration,
    seed,
    classWeight,
    backend,
  };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '(missing)';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function decileCuts(probabilities: Float64Array): number[] {
  const a = Float64Array.from(probabilities).sort();
  const n = a.length;
  const cuts: number[] = [];
  for (let k = 1; k <= 9; k++) cuts.push(a[Math.min(n - 1, Math.max(0, Math.floor(n * (1 - k / 10))))]);
  return cuts;
}

/** Switches the global tfjs backend to `name` (already initialised, so the switch is immediate). */
function useBackend(tf: Tf, backend: ResolvedBackend): void {
  const name = backend === 'node' ? 'tensorflow' : backend;
  if (tf.getBackend() === name) return;
  void tf.setBackend(name);
  if (tf.getBackend() !== name) throw new InvalidOptionError('backend', `could not switch TensorFlow.js to the ${backend} backend`);
}

/**
 * A fitted churn model. It never changes after fitting; {@link ChurnModel.dispose} frees the network's
 * tensors when it is no longer needed.
 *
 * @example
 * ```ts
 * import { ChurnModel, trainChurnModel } from 'crm-mining';
 * declare const history: Record<string, unknown>[], thisMonth: Record<string, unknown>[];
 * const model = await trainChurnModel(history, { target: 'churn', id: 'customer' });
 * await model.save('models/churn'); // model.json, weights.bin, churn.json
 * model.dispose();
 * const loaded = await ChurnModel.load('models/churn');
 * console.log(loaded.predict(thisMonth).slice(0, 3)); // [{ id, probability, decile }, …]
 * ```
 */
export class ChurnModel {
  /** The schema. */
  readonly schema: ChurnSchema;
  /** The fitted preprocessing. */
  readonly preprocessor: ChurnPreprocessor;
  /** The resolved training settings. */
  readonly settings: ChurnTrainingSettings;
  /** The backend the model was trained on (and predicts on). */
  readonly backend: ResolvedBackend;
  /** Per-epoch losses. */
  readonly history: readonly EpochRecord[];
  /** The epoch whose weights were kept. */
  readonly bestEpoch: number;
  /** Whether early stopping ended training before `epochs`. */
  readonly stoppedEarly: boolean;
  /** log(w₊/w₋) removed from the network's log-odds. */
  readonly priorShift: number;
  /** Platt scaling, when fitted. */
  readonly platt: PlattScaling | null;
  /** Probabilities cutting the training customers into risk deciles (9, decreasing). */
  readonly decileCuts: readonly number[];
  /** The TensorFlow.js network: encoded features in, log-odds out. */
  readonly network: TF.Sequential;
  private readonly tf: Tf;

  /** @internal Use {@link trainChurnModel} or {@link ChurnModel.load}. */
  constructor(tf: Tf, network: TF.Sequential, json: Omit<ChurnModelJSON, 'format' | 'version' | 'preprocessing'>, preprocessor: ChurnPreprocessor) {
    this.tf = tf;
    this.network = network;
    this.schema = json.schema;
    this.preprocessor = preprocessor;
    this.settings = json.settings;
    this.backend = json.backend;
    this.history = json.history;
    this.bestEpoch = json.bestEpoch;
    this.stoppedEarly = json.stoppedEarly;
    this.priorShift = json.priorShift;
    this.platt = json.platt;
    this.decileCuts = json.decileCuts;
  }

  /** The encoded feature names. */
  get featureNames(): string[] {
    return this.preprocessor.featureNames;
  }

  /** Maps network log-odds to probabilities (prior shift, then Platt). */
  probabilitiesFromLogits(logits: Float64Array): Float64Array {
    const out = new Float64Array(logits.length);
    for (let i = 0; i < logits.length; i++) {
      let z = logits[i] - this.priorShift;
      if (this.platt) z = this.platt.a * z + this.platt.b;
      out[i] = sigmoid(z);
    }
    return out;
  }

  /** Probabilities of already-encoded rows. */
  probabilitiesOfEncoded(x: Float32Array, rows: number): Float64Array {
    useBackend(this.tf, this.backend);
    return this.probabilitiesFromLogits(predictLogits(this.tf, this.network, x, rows, this.preprocessor.width));
  }

  /**
   * The churn probability of each row. Missing cells are imputed and unseen categories encode as zeros
   * (see {@link ChurnPreprocessor}); the label column, if present, is not read.
   *
   * @throws InvalidInputError naming a missing feature column, or the row and column of text in a numeric column.
   */
  predictProbabilities(data: ChurnData): Float64Array {
    const table = toChurnTable(data);
    const enc = this.preprocessor.transform(table);
    return this.probabilitiesOfEncoded(enc.data, enc.rows);
  }

  /** The risk decile of a probability: 1 for the riskiest tenth of the training customers, 10 for the safest. */
  decileOf(probability: number): number {
    let d = 1;
    for (const c of this.decileCuts) if (probability < c) d++;
    return d;
  }

  private ids(table: DataTable): (string | number)[] {
    const id = this.schema.id;
    const out: (string | number)[] = new Array(table.rowCount);
    if (id !== undefined && table.hasColumn(id)) {
      const v = table.column(id).values;
      for (let i = 0; i < out.length; i++) out[i] = v[i] === null ? i : typeof v[i] === 'number' ? (v[i] as number) : cellText(v[i]);
    } else for (let i = 0; i < out.length; i++) out[i] = i;
    return out;
  }

  /** Scores customers: id, probability and risk decile. */
  predict(data: ChurnData): ChurnPrediction[] {
    const table = toChurnTable(data);
    const p = this.predictProbabilities(table);
    const ids = this.ids(table);
    return Array.from(p, (probability, i) => ({ id: ids[i], probability, decile: this.decileOf(probability) }));
  }

  /**
   * Scores customers and says why: for each feature column, the change in probability when that column
   * alone is replaced by its typical value (training median or most frequent category). Drivers are the
   * columns with the largest positive change.
   *
   * @param top - drivers per customer (default 3).
   */
  explain(data: ChurnData, { top = 3 }: { top?: number } = {}): ChurnExplanation[] {
    requireInteger('top', top, 0, 1000);
    const table = toChurnTable(data);
    const enc = this.preprocessor.transform(table);
    const { rows, cols } = enc;
    const groups = this.preprocessor.groups;
    const g = groups.length;
    const typical = this.preprocessor.typicalRow();
    const base = this.probabilitiesOfEncoded(enc.data, rows);
    const ids = this.ids(table);
    const out: ChurnExplanation[] = [];
    const chunkRows = Math.max(1, Math.floor(50000 / Math.max(1, g)));
    for (let s = 0; s < rows; s += chunkRows) {
      const e = Math.min(rows, s + chunkRows);
      const m = (e - s) * g;
      const x = new Float32Array(m * cols);
      for (let i = s; i < e; i++) {
        const src = enc.data.subarray(i * cols, (i + 1) * cols);
        for (let k = 0; k < g; k++) {
          const o = ((i - s) * g + k) * cols;
          x.set(src, o);
          for (let c = groups[k].start; c < groups[k].end; c++) x[o + c] = typical[c];
        }
      }
      const replaced = this.probabilitiesOfEncoded(x, m);
      for (let i = s; i < e; i++) {
        const effects: Record<string, number> = {};
        const list: ChurnDriver[] = [];
        for (let k = 0; k < g; k++) {
          const column = groups[k].column;
          const effect = base[i] - replaced[(i - s) * g + k];
          effects[column] = effect;
          list.push({ column, value: cellText(table.column(column).values[i]), typical: this.preprocessor.typicalValue(column), effect });
        }
        list.sort((a, b) => b.effect - a.effect);
        const drivers = list.filter((d) => d.effect > 0).slice(0, top);
        out.push({ id: ids[i], probability: base[i], decile: this.decileOf(base[i]), drivers, effects });
      }
    }
    return out;
  }

  private labelsOf(table: DataTable): Uint8Array {
    if (!table.hasColumn(this.schema.target)) {
      throw new InvalidInputError(`no label column "${this.schema.target}" in the data; evaluation needs the outcomes`, { field: this.schema.target });
    }
    return churnLabels(table, this.schema.target, this.schema.positive);
  }

  /**
   * Permutation importance: how much ROC-AUC drops when one column's values are shuffled across the
   * customers (the column's link to the outcome broken, everything else kept). Sorted, largest first.
   *
   * @param data - labelled customers, preferably not the training rows.
   * @param options - `repeats` shuffles per column (default 3), `seed` (default 42).
   * @throws InvalidInputError when the data has no label column or one class only.
   */
  permutationImportance(data: ChurnData, { repeats = 3, seed = 42 }: { repeats?: number; seed?: number } = {}): FeatureImportance[] {
    requireInteger('repeats', repeats, 1, 1000);
    const table = toChurnTable(data);
    const y = this.labelsOf(table);
    const enc = this.preprocessor.transform(table);
    const { rows, cols } = enc;
    const base = rocAuc(y, this.probabilitiesOfEncoded(enc.data, rows));
    const rng = new Random(seed);
    const x = new Float32Array(enc.data);
    const perm = new Int32Array(rows);
    const out: FeatureImportance[] = [];
    for (const group of this.preprocessor.groups) {
      const drops: number[] = [];
      for (let r = 0; r < repeats; r++) {
        for (let i = 0; i < rows; i++) perm[i] = i;
        rng.shuffle(perm);
        for (let i = 0; i < rows; i++) {
          for (let c = group.start; c < group.end; c++) x[i * cols + c] = enc.data[perm[i] * cols + c];
        }
        drops.push(base - rocAuc(y, this.probabilitiesOfEncoded(x, rows)));
      }
      for (let i = 0; i < rows; i++) for (let c = group.start; c < group.end; c++) x[i * cols + c] = enc.data[i * cols + c];
      const mean = drops.reduce((a, b) => a + b, 0) / repeats;
      const std = repeats > 1 ? Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / (repeats - 1)) : 0;
      out.push({ column: group.column, importance: mean, std });
    }
    return out.sort((a, b) => b.importance - a.importance);
  }

  /**
   * ROC-AUC, log loss, Brier score, the gains/lift table by decile and the reliability table on labelled data.
   *
   * @throws InvalidInputError when the data has no label column, fewer than 10 rows, or one class only.
   */
  evaluate(data: ChurnData): ChurnEvaluation {
    const table = toChurnTable(data);
    const y = this.labelsOf(table);
    const p = this.predictProbabilities(table);
    let positives = 0;
    for (let i = 0; i < y.length; i++) positives += y[i];
    if (positives === 0 || positives === y.length) throw new InvalidInputError('evaluation needs churners and non-churners among the rows');
    return {
      rows: y.length,
      positives,
      auc: rocAuc(y, p),
      logLoss: logLoss(y, p),
      brier: brierScore(y, p),
      gains: gainsTable(y, p),
      calibration: calibrationTable(y, p),
    };
  }

  /** The model without the network weights, as saved in `churn.json`. */
  toJSON(): ChurnModelJSON {
    return {
      format: 'crm-mining/churn-model',
      version: 1,
      schema: this.schema,
      preprocessing: this.preprocessor.toJSON(),
      settings: this.settings,
      backend: this.backend,
      priorShift: this.priorShift,
      platt: this.platt,
      decileCuts: [...this.decileCuts],
      history: [...this.history],
      bestEpoch: this.bestEpoch,
      stoppedEarly: this.stoppedEarly,
    };
  }

  /**
   * Saves the model to a folder (created if needed): `model.json` and `weights.bin` in the TensorFlow.js
   * layers format (written by this library, no tfjs-node needed), and `churn.json` with the schema,
   * preprocessing and settings. Existing files of these names are replaced atomically.
   *
   * @throws FileError when the folder cannot be written.
   */
  async save(dir: string): Promise<void> {
    const { saveChurnModel } = await import('./persist.js');
    await saveChurnModel(this, dir);
  }

  /**
   * Loads a model saved by {@link ChurnModel.save}.
   *
   * @param backend - the backend to predict on (default: the one it was trained on when available, else
   *   `'auto'`). Predictions on another backend can differ in the last digits.
   * @throws FileError when the folder or a file is missing or corrupt.
   */
  static async load(dir: string, { backend }: { backend?: ChurnBackend } = {}): Promise<ChurnModel> {
    const { loadChurnModel } = await import('./persist.js');
    return loadChurnModel(dir, backend);
  }

  /** Frees the network's tensors. The model cannot predict afterwards. */
  dispose(): void {
    this.network.dispose();
  }
}

/**
 * The options of the logistic-regression baseline derived from a model's options: no hidden layer, no
 * dropout, and (unless given) a larger learning rate of 0.01, since the problem is convex.
 *
 * @example
 * ```ts
 * import { logisticOptions, trainChurnModel } from 'crm-mining';
 * console.log(logisticOptions({ target: 'churn', epochs: 80 })); // { target: 'churn', epochs: 80, hiddenLayers: [], dropout: 0, learningRate: 0.01 }
 * declare const customers: Record<string, unknown>[];
 * const baseline = await trainChurnModel(customers, logisticOptions({ target: 'churn' }));
 * ```
 */
export function logisticOptions(options: ChurnModelOptions): ChurnModelOptions {
  return { ...options, hiddenLayers: [], dropout: 0, learningRate: options.learningRate ?? 0.01 };
}

/**
 * Trains a churn model: infers the schema, splits off stratified validation rows for early stopping,
 * fits the preprocessing on the remaining training rows only, trains the network and sets the decile
 * cut points on all training rows.
 *
 * @throws InvalidOptionError for a bad option; InvalidInputError for a bad label (missing column, not two
 *   values, one class in the training rows) or text in a numeric column (row and column named).
 *
 * @example
 * ```ts
 * import { trainChurnModel } from 'crm-mining';
 * // A small made-up customer base: short-tenure customers on monthly contracts tend to leave.
 * const customers = Array.from({ length: 120 }, (_, i) => ({
 *   id: `c${i}`,
 *   tenure: (i * 7) % 72,
 *   monthly: 20 + ((i * 13) % 90),
 *   contract: i % 3 === 0 ? 'two-year' : 'monthly',
 *   churn: (i * 7) % 72 < 18 && i % 3 !== 0 ? 'Yes' : 'No',
 * }));
 * // Small data: a small network, small batches, few epochs.
 * const model = await trainChurnModel(customers, { target: 'churn', id: 'id', hiddenLayers: [8], batchSize: 16, epochs: 20, seed: 7 });
 * const scored = model.predict([
 *   { id: 'new', tenure: 3, monthly: 95, contract: 'monthly' },
 *   { id: 'loyal', tenure: 60, monthly: 30, contract: 'two-year' },
 * ]);
 * console.log(scored); // [{ id: 'new', probability, decile }, { id: 'loyal', … }]: 'new' has the far higher risk
 * ```
 */
export async function trainChurnModel(data: ChurnData, options: ChurnModelOptions): Promise<ChurnModel> {
  rejectUnknownOptions(options, CHURN_MODEL_OPTION_KEYS, 'trainChurnModel');
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'expected an object with at least target');
  const settings = resolveTrainingOptions(options);
  const full = toChurnTable(data);
  let table = full;
  if (options.rows !== undefined) {
    if (options.rows === null || typeof options.rows.length !== 'number') throw new InvalidOptionError('rows', 'expected an array of row indices');
    table = selectRows(full, options.rows);
  }
  if (table.rowCount < 4) throw new InvalidInputError(`training needs at least 4 rows, got ${table.rowCount}`);
  const schema = inferChurnSchema(table, options);
  const y = churnLabels(table, schema.target, schema.positive);
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  if (pos === 0 || pos === y.length) {
    throw new InvalidInputError(
      `the training rows hold one class only (${pos === 0 ? 'no' : 'every'} row has ${schema.target} = ${JSON.stringify(schema.positive)}); a churn model needs churners and non-churners`,
      { field: schema.target },
    );
  }
  const n = table.rowCount;
  let fitRows: Int32Array;
  let valRows: Int32Array | undefined;
  if (settings.validationFraction > 0) {
    const split = trainTestSplit(n, { testSize: settings.validationFraction, seed: settings.seed, stratify: y });
    fitRows = split.train;
    valRows = split.test;
  } else {
    fitRows = Int32Array.from({ length: n }, (_, i) => i);
  }
  const pre = ChurnPreprocessor.fit(table, fitRows, schema, options);
  let fitPos = 0;
  for (const i of fitRows) fitPos += y[i];
  const fitNeg = fitRows.length - fitPos;
  if (fitPos === 0 || fitNeg === 0) throw new InvalidInputError('after holding out validation rows, the training rows hold one class only; use more data or validationFraction 0');
  const cw = settings.classWeight;
  const classWeights =
    cw === 'balanced'
      ? { positive: fitRows.length / (2 * fitPos), negative: fitRows.length / (2 * fitNeg) }
      : cw === 'none'
        ? { positive: 1, negative: 1 }
        : { positive: cw.positive, negative: cw.negative };
  const toSet = (idx: Int32Array) => {
    const enc = pre.transform(table, idx);
    const yy = new Float32Array(idx.length);
    const ww = new Float32Array(idx.length);
    for (let t = 0; t < idx.length; t++) {
      yy[t] = y[idx[t]];
      ww[t] = y[idx[t]] === 1 ? classWeights.positive : classWeights.negative;
    }
    return { x: enc.data, y: yy, w: ww, rows: idx.length };
  };
  const trainSet = toSet(fitRows);
  const valSet = valRows && valRows.length > 0 ? toSet(valRows) : undefined;
  throwIfAborted(options.signal);
  const runtime = await loadTensorFlow(settings.backend);
  const { tf } = runtime;
  const epochs = settings.epochs;
  const onEpoch = options.onEpoch;
  const onProgress = options.onProgress;
  const trained = trainNetwork(
    tf,
    trainSet,
    valSet,
    pre.width,
    settings,
    settings.seed,
    (r) => {
      onEpoch?.({ ...r, epochs });
      onProgress?.({ phase: 'training', done: r.epoch, total: epochs });
    },
    () => throwIfAborted(options.signal),
  );
  const priorShift = Math.log(classWeights.positive / classWeights.negative);
  const resolved: ChurnTrainingSettings = {
    hiddenLayers: settings.hiddenLayers,
    activation: settings.activation,
    dropout: settings.dropout,
    l2: settings.l2,
    learningRate: settings.learningRate,
    batchSize: settings.batchSize,
    epochs: settings.epochs,
    patience: settings.patience,
    minDelta: settings.minDelta,
    validationFraction: settings.validationFraction,
    classWeights,
    calibration: settings.calibration,
    seed: settings.seed,
  };
  const partial = {
    schema,
    settings: resolved,
    backend: runtime.backend,
    priorShift,
    platt: null as PlattScaling | null,
    decileCuts: [] as number[],
    history: trained.history,
    bestEpoch: trained.bestEpoch,
    stoppedEarly: trained.stoppedEarly,
  };
  if (settings.calibration === 'platt') {
    const set = valSet ?? trainSet;
    const logits = predictLogits(tf, trained.model, set.x, set.rows, pre.width);
    for (let i = 0; i < logits.length; i++) logits[i] -= priorShift;
    partial.platt = fitPlatt(logits, set.y);
  }
  const draft = new ChurnModel(tf, trained.model, partial, pre);
  const all = pre.transform(table);
  partial.decileCuts = decileCuts(draft.probabilitiesOfEncoded(all.data, all.rows));
  return new ChurnModel(tf, trained.model, partial, pre);
}
