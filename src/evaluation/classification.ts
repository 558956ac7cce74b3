/**
 * Metrics of predicted classes: the confusion matrix, accuracy, balanced accuracy, and precision, recall
 * and F1 per class with their macro and weighted averages.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions } from '../core/validate.js';
import { checkWeights, requireNonEmpty, type LabelVector, type NumericVector } from './labels.js';

/**
 * A class label as the metrics see it.
 *
 * @example
 * ```ts
 * import { confusionMatrix, type ClassLabel } from 'crm-mining';
 * // fix the row/column order instead of the sorted default
 * const order: ClassLabel[] = ['high', 'medium', 'low'];
 * const cm = confusionMatrix(['low', 'high'], ['low', 'medium'], { labels: order });
 * console.log(Array.from(cm.matrix)); // [ 0, 1, 0, 0, 0, 0, 0, 0, 1 ]
 * ```
 */
export type ClassLabel = number | string | boolean;

/**
 * Options of the predicted-class metrics.
 *
 * @example
 * ```ts
 * import { classificationReport, type ClassMetricOptions } from 'crm-mining';
 * // include a class that never occurs, so the report has a row for it
 * const options: ClassMetricOptions = { labels: ['bronze', 'silver', 'gold'], sampleWeight: [1, 1, 3] };
 * const report = classificationReport(['gold', 'silver', 'gold'], ['gold', 'gold', 'gold'], options);
 * console.log(report.perClass.map((s) => s.support)); // [ 0, 1, 4 ]
 * ```
 */
export interface ClassMetricOptions {
  /**
   * The classes, in the order rows and columns of the confusion matrix follow (default: every label seen
   * in `yTrue` or `yPred`, numbers ascending first, then strings in code-unit order, then booleans).
   */
  labels?: readonly ClassLabel[];
  /** A non-negative weight per sample (default: every sample weighs 1). */
  sampleWeight?: NumericVector;
}

const CLASS_METRIC_OPTION_KEYS = optionKeys<ClassMetricOptions>({ labels: true, sampleWeight: true });
const ACCURACY_OPTION_KEYS = optionKeys<Pick<ClassMetricOptions, 'sampleWeight'>>({ sampleWeight: true });

/**
 * A confusion matrix: `matrix[i * k + j]` is the (weighted) count of samples of true class i predicted j.
 *
 * @example
 * ```ts
 * import { confusionMatrix, type ConfusionMatrix } from 'crm-mining';
 * const cm: ConfusionMatrix = confusionMatrix([0, 1, 1, 0], [0, 1, 0, 0]);
 * const k = cm.labels.length;
 * const falseNegatives = cm.matrix[1 * k + 0]; // true 1, predicted 0
 * console.log(falseNegatives, cm.total); // 1 4
 * ```
 */
export interface ConfusionMatrix {
  /** The classes, in row/column order. */
  readonly labels: readonly ClassLabel[];
  /** `k × k` counts, row-major: rows are true classes, columns predicted classes. */
  readonly matrix: Float64Array;
  /** The (weighted) number of samples. */
  readonly total: number;
}

/**
 * Precision, recall, F1 and support of one class or one average.
 *
 * @example
 * ```ts
 * import { classificationReport, type ClassScores } from 'crm-mining';
 * const report = classificationReport([1, 0, 1, 1], [1, 0, 0, 1]);
 * const weighted: ClassScores = report.weighted;
 * console.log(weighted.support, weighted.recall); // 4 0.75
 * ```
 */
export interface ClassScores {
  /** TP / (TP + FP); 0 when nothing was predicted as the class. */
  readonly precision: number;
  /** TP / (TP + FN) — sensitivity; 0 when the class has no samples. */
  readonly recall: number;
  /** Harmonic mean of precision and recall, 2PR / (P + R); 0 when both are 0. */
  readonly f1: number;
  /** The (weighted) number of samples whose true class it is (for averages: all samples). */
  readonly support: number;
}

/**
 * The per-class scores with their averages.
 *
 * @example
 * ```ts
 * import { classificationReport, type ClassificationReport } from 'crm-mining';
 * const report: ClassificationReport = classificationReport(['x', 'y', 'y'], ['x', 'y', 'x']);
 * report.labels.forEach((label, i) => {
 *   const { precision, recall, f1 } = report.perClass[i];
 *   console.log(label, precision, recall, f1.toFixed(3)); // x 0.5 1 0.667, then y 1 0.5 0.667
 * });
 * ```
 */
export interface ClassificationReport {
  /** The classes, in the order of `perClass`. */
  readonly labels: readonly ClassLabel[];
  /** Scores of each class, taking that class as positive. */
  readonly perClass: readonly ClassScores[];
  /** Unweighted mean over classes of precision, recall and F1 (each class counts the same). */
  readonly macro: ClassScores;
  /** Mean over classes weighted by support. */
  readonly weighted: ClassScores;
  /** Fraction of samples predicted correctly. */
  readonly accuracy: number;
  /** Mean per-class recall. */
  readonly balancedAccuracy: number;
}

/** An array of labels with none missing (null, undefined or NaN): one pass, naming the vector and row. */
function checkLabelVector(v: LabelVector, name: string): void {
  if (v === null || v === undefined || typeof v.length !== 'number') {
    throw new InvalidInputError(`${name}: expected an array of labels`, { field: name });
  }
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x === null || x === undefined || x !== x) {
      throw new InvalidInputError(`${name}: row ${i} is ${describe(x)}; expected a class label`, { row: i, field: name });
    }
  }
}

/** Both vectors checked, non-empty and of the same length; returns that length. */
function checkLabelPair(yTrue: LabelVector, yPred: LabelVector): number {
  checkLabelVector(yTrue, 'yTrue');
  checkLabelVector(yPred, 'yPred');
  const n = yTrue.length;
  requireNonEmpty(n, 'yTrue');
  if (yPred.length !== n) throw new InvalidInputError(`yPred: has ${yPred.length} values, expected ${n} like yTrue`, { field: 'yPred' });
  return n;
}

function compareLabels(a: ClassLabel, b: ClassLabel): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) {
    const rank = (t: string): number => (t === 'number' ? 0 : t === 'string' ? 1 : 2);
    return rank(ta) - rank(tb);
  }
  if (ta === 'number') return (a as number) - (b as number);
  if (ta === 'boolean') return Number(a) - Number(b);
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}

/**
 * The distinct labels of one or more label vectors, sorted (numbers, then strings, then booleans).
 *
 * @example
 * ```ts
 * import { uniqueLabels } from 'crm-mining';
 * console.log(uniqueLabels(['b', 'a'], [2, 10, 'a'], [true])); // [ 2, 10, 'a', 'b', true ]
 * ```
 */
export function uniqueLabels(...vectors: LabelVector[]): ClassLabel[] {
  const seen = new Set<ClassLabel>();
  for (const v of vectors) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === null || x === undefined || (typeof x === 'number' && Number.isNaN(x))) {
        throw new InvalidInputError(`labels: row ${i} is ${describe(x)}; expected a class label`, { row: i });
      }
      seen.add(x);
    }
  }
  return Array.from(seen).sort(compareLabels);
}

/**
 * The confusion matrix of predicted against true classes.
 *
 * @throws InvalidInputError when the vectors differ in length, are empty, hold a missing label, or hold a
 *   label not in `options.labels`.
 *
 * @example
 * ```ts
 * import { confusionMatrix } from 'crm-mining';
 * const cm = confusionMatrix(['stay', 'churn', 'stay', 'churn', 'stay'], ['stay', 'stay', 'stay', 'churn', 'churn']);
 * console.log(cm.labels); // [ 'churn', 'stay' ]
 * console.log(Array.from(cm.matrix)); // [ 1, 1, 1, 2 ]: row = true class, column = predicted
 * ```
 */
export function confusionMatrix(yTrue: LabelVector, yPred: LabelVector, options: ClassMetricOptions = {}): ConfusionMatrix {
  rejectUnknownOptions(options, CLASS_METRIC_OPTION_KEYS, 'confusionMatrix');
  const n = checkLabelPair(yTrue, yPred);
  const labels = options.labels ? [...options.labels] : uniqueLabels(yTrue, yPred);
  const index = new Map<ClassLabel, number>();
  labels.forEach((l, i) => index.set(l, i));
  const w = checkWeights(options.sampleWeight, n);
  const k = labels.length;
  const matrix = new Float64Array(k * k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = index.get(yTrue[i]);
    const b = index.get(yPred[i]);
    if (a === undefined) throw new InvalidInputError(`yTrue: row ${i} is ${describe(yTrue[i])}, not one of the labels`, { row: i, field: 'yTrue' });
    if (b === undefined) throw new InvalidInputError(`yPred: row ${i} is ${describe(yPred[i])}, not one of the labels`, { row: i, field: 'yPred' });
    matrix[a * k + b] += w[i];
    total += w[i];
  }
  return { labels, matrix, total };
}

/**
 * Fraction of samples whose predicted class equals the true class (weighted when weights are given).
 *
 * @throws InvalidInputError when the vectors differ in length, are empty or hold a missing label (null,
 *   undefined or NaN, naming the vector and row); InvalidOptionError for a bad `sampleWeight`.
 *
 * @example
 * ```ts
 * import { accuracy } from 'crm-mining';
 * console.log(accuracy([1, 0, 1, 1], [1, 0, 0, 1])); // 0.75
 * console.log(accuracy([1, 0, 1, 1], [1, 0, 0, 1], { sampleWeight: [1, 1, 2, 1] })); // 0.6
 * ```
 */
export function accuracy(yTrue: LabelVector, yPred: LabelVector, options: Pick<ClassMetricOptions, 'sampleWeight'> = {}): number {
  rejectUnknownOptions(options, ACCURACY_OPTION_KEYS, 'accuracy');
  const n = checkLabelPair(yTrue, yPred);
  const w = checkWeights(options.sampleWeight, n);
  let hit = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += w[i];
    if (yTrue[i] === yPred[i]) hit += w[i];
  }
  return hit / total;
}

/**
 * Balanced accuracy: the mean over the classes present in `yTrue` of each class's recall. Equal to
 * accuracy on balanced data; 1/k for a constant prediction.
 *
 * @example
 * ```ts
 * import { accuracy, balancedAccuracy } from 'crm-mining';
 * // 9 stayers, 1 churner; a model that always says "stay"
 * const truth = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
 * const lazy = new Array(10).fill(0);
 * console.log(accuracy(truth, lazy), balancedAccuracy(truth, lazy)); // 0.9 0.5
 * ```
 */
export function balancedAccuracy(yTrue: LabelVector, yPred: LabelVector, options: ClassMetricOptions = {}): number {
  rejectUnknownOptions(options, CLASS_METRIC_OPTION_KEYS, 'balancedAccuracy');
  const cm = confusionMatrix(yTrue, yPred, options);
  const k = cm.labels.length;
  let sum = 0;
  let present = 0;
  for (let a = 0; a < k; a++) {
    let row = 0;
    for (let b = 0; b < k; b++) row += cm.matrix[a * k + b];
    if (row > 0) {
      sum += cm.matrix[a * k + a] / row;
      present++;
    }
  }
  return sum / present;
}

function scores(tp: number, fp: number, fn: number, support: number): ClassScores {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support };
}

/**
 * Precision, recall and F1 of every class, with the per-class table as computed from a confusion matrix.
 *
 * @example
 * ```ts
 * import { confusionMatrix, reportFromConfusion } from 'crm-mining';
 * const cm = confusionMatrix([0, 0, 1, 1, 2], [0, 1, 1, 1, 2]);
 * const report = reportFromConfusion(cm); // no second pass over the data
 * console.log(report.perClass.map((s) => s.recall)); // [ 0.5, 1, 1 ]
 * ```
 */
export function reportFromConfusion(cm: ConfusionMatrix): ClassificationReport {
  const k = cm.labels.length;
  const perClass: ClassScores[] = [];
  let hit = 0;
  for (let c = 0; c < k; c++) {
    let col = 0;
    let row = 0;
    for (let j = 0; j < k; j++) {
      row += cm.matrix[c * k + j];
      col += cm.matrix[j * k + c];
    }
    const tp = cm.matrix[c * k + c];
    hit += tp;
    perClass.push(scores(tp, col - tp, row - tp, row));
  }
  let mp = 0;
  let mr = 0;
  let mf = 0;
  let wp = 0;
  let wr = 0;
  let wf = 0;
  let recallSum = 0;
  let present = 0;
  for (const s of perClass) {
    mp += s.precision / k;
    mr += s.recall / k;
    mf += s.f1 / k;
    wp += (s.precision * s.support) / cm.total;
    wr += (s.recall * s.support) / cm.total;
    wf += (s.f1 * s.support) / cm.total;
    if (s.support > 0) {
      recallSum += s.recall;
      present++;
    }
  }
  return {
    labels: cm.labels,
    perClass,
    macro: { precision: mp, recall: mr, f1: mf, support: cm.total },
    weighted: { precision: wp, recall: wr, f1: wf, support: cm.total },
    accuracy: hit / cm.total,
    balancedAccuracy: present > 0 ? recallSum / present : 0,
  };
}

/**
 * Precision, recall and F1 per class (each class taken in turn as positive), their macro average (every
 * class counts the same) and weighted average (by support), accuracy and balanced accuracy. A ratio whose
 * denominator is zero counts as 0.
 *
 * @example
 * ```ts
 * import { classificationReport } from 'crm-mining';
 * const report = classificationReport(['a', 'a', 'b', 'b', 'b'], ['a', 'b', 'b', 'b', 'a']);
 * console.log(report.labels, report.perClass.map((s) => s.f1)); // [ 'a', 'b' ] [ 0.5, 0.6666666666666666 ]
 * console.log(report.accuracy, report.macro.f1.toFixed(4)); // 0.6 0.5833
 * ```
 */
export function classificationReport(yTrue: LabelVector, yPred: LabelVector, options: ClassMetricOptions = {}): ClassificationReport {
  rejectUnknownOptions(options, CLASS_METRIC_OPTION_KEYS, 'classificationReport');
  return reportFromConfusion(confusionMatrix(yTrue, yPred, options));
}

/**
 * Precision, recall and F1 of one class taken as positive.
 *
 * @param positive - the positive class label.
 * @throws InvalidInputError when `positive` occurs in neither vector and is not in `options.labels`.
 *
 * @example
 * ```ts
 * import { binaryScores } from 'crm-mining';
 * const s = binaryScores(['churn', 'stay', 'churn', 'stay'], ['churn', 'churn', 'stay', 'stay'], 'churn');
 * console.log(s); // { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 }
 * ```
 */
export function binaryScores(yTrue: LabelVector, yPred: LabelVector, positive: ClassLabel, options: ClassMetricOptions = {}): ClassScores {
  rejectUnknownOptions(options, CLASS_METRIC_OPTION_KEYS, 'binaryScores');
  const labels = options.labels ?? uniqueLabels(yTrue, yPred);
  const at = labels.indexOf(positive);
  if (at < 0) throw new InvalidInputError(`positive: ${describe(positive)} is not one of the labels`, { field: 'positive' });
  return classificationReport(yTrue, yPred, { ...options, labels }).perClass[at];
}
