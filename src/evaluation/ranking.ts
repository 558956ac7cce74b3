/**
 * Ranking metrics of a binary classifier's scores: the ROC curve and the area under it, the
 * precision-recall curve and average precision.
 *
 * Every function takes the true labels (0/1, booleans, or any labels with `positive` named) and one score
 * per sample where a higher score means "more likely positive" (a probability, a margin, an outlier score).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';
import {
  BINARY_METRIC_OPTION_KEYS,
  binaryTargets,
  checkScores,
  checkWeights,
  requireNonEmpty,
  type BinaryMetricOptions,
  type LabelVector,
  type NumericVector,
} from './labels.js';

/**
 * A receiver operating characteristic curve, one point per distinct score plus the origin.
 *
 * @example
 * ```ts
 * import { rocCurve, type RocCurve } from 'crm-mining';
 * const roc: RocCurve = rocCurve([true, false, true, false], [0.8, 0.7, 0.6, 0.1]);
 * // the threshold that first reaches a true-positive rate of 100%
 * const i = roc.tpr.findIndex((t) => t === 1);
 * console.log(roc.thresholds[i], roc.fpr[i]); // 0.6 0.5
 * ```
 */
export interface RocCurve {
  /** False-positive rate at each point, from 0 up to 1. */
  readonly fpr: Float64Array;
  /** True-positive rate (recall, sensitivity) at each point, from 0 up to 1. */
  readonly tpr: Float64Array;
  /**
   * The score threshold of each point: samples with score >= threshold are predicted positive. Decreasing;
   * the first is `+Infinity` (nothing predicted positive).
   */
  readonly thresholds: Float64Array;
}

/**
 * A precision-recall curve, one point per distinct score plus the start point (recall 0, precision 1).
 *
 * @example
 * ```ts
 * import { precisionRecallCurve, type PrecisionRecallCurve } from 'crm-mining';
 * const pr: PrecisionRecallCurve = precisionRecallCurve([1, 0, 1, 1, 0], [0.95, 0.9, 0.7, 0.4, 0.2]);
 * // the lowest threshold that keeps precision at 2/3 or more
 * let best = Infinity;
 * for (let i = 0; i < pr.thresholds.length; i++) if (pr.precision[i] >= 2 / 3) best = pr.thresholds[i];
 * console.log(best); // 0.4
 * ```
 */
export interface PrecisionRecallCurve {
  /** Precision at each point: TP / (TP + FP); 1 at the start point. */
  readonly precision: Float64Array;
  /** Recall at each point: TP / P, non-decreasing from 0 to 1. */
  readonly recall: Float64Array;
  /** Score threshold of each point (score >= threshold is positive); decreasing, the first is `+Infinity`. */
  readonly thresholds: Float64Array;
}

/**
 * Options of {@link rocAuc}.
 *
 * @example
 * ```ts
 * import { rocAuc, type RocAucOptions } from 'crm-mining';
 * const options: RocAucOptions = { positive: 'fraud', method: 'trapezoid' };
 * console.log(rocAuc(['fraud', 'ok', 'ok', 'fraud'], [0.9, 0.5, 0.4, 0.45], options)); // 0.75
 * ```
 */
export interface RocAucOptions extends BinaryMetricOptions {
  /**
   * How the area is computed (default `'rank'`): `'rank'` — the Mann–Whitney statistic with tied scores
   * given their average rank (with weights: the weighted count of correctly ordered positive-negative
   * pairs, ties counting one half); `'trapezoid'` — the trapezoid rule over {@link rocCurve}. Both give the
   * same number up to rounding.
   */
  method?: 'rank' | 'trapezoid';
}

const ROC_AUC_OPTION_KEYS = optionKeys<RocAucOptions>({ positive: true, sampleWeight: true, method: true });

interface Prepared {
  y: Uint8Array;
  s: Float64Array;
  w: Float64Array;
  order: Uint32Array; // indices sorted by decreasing score
  pos: number; // weighted
  neg: number; // weighted
}

function prepare(labels: LabelVector, scores: NumericVector, options: BinaryMetricOptions, what: string, needNeg: boolean): Prepared {
  if (labels === null || labels === undefined || typeof labels.length !== 'number') {
    throw new InvalidInputError('labels: expected an array of labels', { field: 'labels' });
  }
  const n = labels.length;
  requireNonEmpty(n);
  const y = binaryTargets(labels, options.positive);
  const s = checkScores(scores, n);
  const w = checkWeights(options.sampleWeight, n);
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) pos += w[i];
    else neg += w[i];
  }
  if (pos <= 0) throw new InvalidInputError(`labels: no positive samples; ${what} needs at least one`, { field: 'labels' });
  if (needNeg && neg <= 0) throw new InvalidInputError(`labels: no negative samples; ${what} needs at least one`, { field: 'labels' });
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => s[b] - s[a] || a - b);
  return { y, s, w, order, pos, neg };
}

/**
 * The ROC curve: for each distinct score taken as threshold, the false-positive rate and true-positive
 * rate of predicting "positive" for every sample scored at or above it.
 *
 * @param labels - true labels (see {@link BinaryMetricOptions.positive}).
 * @param scores - one finite score per sample, higher meaning more likely positive.
 * @throws InvalidInputError when lengths differ, a score is not finite, or one class is absent.
 *
 * @example
 * ```ts
 * import { rocCurve } from 'crm-mining';
 * const { fpr, tpr, thresholds } = rocCurve([1, 0, 1, 0, 1], [0.9, 0.8, 0.7, 0.3, 0.2]);
 * console.log(Array.from(thresholds)); // [ Infinity, 0.9, 0.8, 0.7, 0.3, 0.2 ]
 * console.log(Array.from(fpr)); // [ 0, 0, 0.5, 0.5, 1, 1 ]
 * console.log(Array.from(tpr, (v) => v.toFixed(3))); // [ '0.000', '0.333', '0.333', '0.667', '0.667', '1.000' ]
 * ```
 */
export function rocCurve(labels: LabelVector, scores: NumericVector, options: BinaryMetricOptions = {}): RocCurve {
  rejectUnknownOptions(options, BINARY_METRIC_OPTION_KEYS, 'rocCurve');
  const { y, s, w, order, pos, neg } = prepare(labels, scores, options, 'a ROC curve', true);
  const n = order.length;
  const fpr: number[] = [0];
  const tpr: number[] = [0];
  const thr: number[] = [Infinity];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (y[i] === 1) tp += w[i];
    else fp += w[i];
    if (k === n - 1 || s[order[k + 1]] !== s[i]) {
      fpr.push(fp / neg);
      tpr.push(tp / pos);
      thr.push(s[i]);
    }
  }
  // Guard against rounding in the weighted sums: the last point is exactly (1, 1).
  fpr[fpr.length - 1] = 1;
  tpr[tpr.length - 1] = 1;
  return { fpr: Float64Array.from(fpr), tpr: Float64Array.from(tpr), thresholds: Float64Array.from(thr) };
}

/**
 * The average rank of each value (1-based; tied values share the mean of the ranks they occupy), as used
 * by the Mann–Whitney U and Spearman statistics.
 *
 * @throws InvalidInputError when a value is not finite.
 *
 * @example
 * ```ts
 * import { averageRanks } from 'crm-mining';
 * console.log(averageRanks([10, 30, 20, 30])); // Float64Array(4) [ 1, 3.5, 2, 3.5 ]: the tied 30s share ranks 3 and 4
 * ```
 */
export function averageRanks(values: NumericVector): Float64Array {
  const v = checkScores(values, values.length, 'values');
  const n = v.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => v[a] - v[b] || a - b);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && v[order[end]] === v[order[start]]) end++;
    const r = (start + 1 + end) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]] = r;
    start = end;
  }
  return ranks;
}

/**
 * Area under the ROC curve: the probability that a random positive is scored above a random negative,
 * ties counting one half. 0.5 is chance, 1 is a perfect ranking.
 *
 * Rank formula (default): AUC = (R₊ − n₊(n₊+1)/2) / (n₊ n₋), where R₊ is the sum of the positives'
 * average ranks among all scores (ascending) — the Mann–Whitney U divided by n₊ n₋.
 *
 * @throws InvalidInputError when lengths differ, a score is not finite, or one class is absent.
 *
 * @example
 * ```ts
 * import { rocAuc } from 'crm-mining';
 * const churned = [1, 0, 1, 0, 1];
 * const risk = [0.9, 0.8, 0.7, 0.3, 0.2];
 * console.log(rocAuc(churned, risk)); // 0.5: 3 of the 6 churner/stayer pairs are ordered correctly
 * console.log(rocAuc(churned, risk, { method: 'trapezoid' })); // 0.5
 * ```
 */
export function rocAuc(labels: LabelVector, scores: NumericVector, options: RocAucOptions = {}): number {
  rejectUnknownOptions(options, ROC_AUC_OPTION_KEYS, 'rocAuc');
  const method = options.method ?? 'rank';
  if (method !== 'rank' && method !== 'trapezoid') {
    throw new InvalidOptionError('method', `expected 'rank' or 'trapezoid', got ${String(method)}`);
  }
  if (method === 'trapezoid') {
    const { fpr, tpr } = rocCurve(labels, scores, { positive: options.positive, sampleWeight: options.sampleWeight });
    let area = 0;
    for (let k = 1; k < fpr.length; k++) area += ((fpr[k] - fpr[k - 1]) * (tpr[k] + tpr[k - 1])) / 2;
    return area;
  }
  const { y, s, w, order, pos, neg } = prepare(labels, scores, options, 'ROC AUC', true);
  const n = order.length;
  if (options.sampleWeight === undefined) {
    // Classic Mann–Whitney with average ranks; order is descending, so rank of position k is n - k.
    let rankSum = 0;
    let start = 0;
    while (start < n) {
      let end = start + 1;
      while (end < n && s[order[end]] === s[order[start]]) end++;
      // positions start..end-1 (descending) hold ascending ranks n-end+1 .. n-start
      const r = (n - end + 1 + (n - start)) / 2;
      let posInGroup = 0;
      for (let k = start; k < end; k++) posInGroup += y[order[k]];
      rankSum += posInGroup * r;
      start = end;
    }
    return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
  }
  // Weighted: sum over tie groups of W+(group) · (W-(lower scores) + ½ W-(group)).
  let pairs = 0;
  let negBelow = neg;
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && s[order[end]] === s[order[start]]) end++;
    let gp = 0;
    let gn = 0;
    for (let k = start; k < end; k++) {
      const i = order[k];
      if (y[i] === 1) gp += w[i];
      else gn += w[i];
    }
    negBelow -= gn;
    pairs += gp * (negBelow + gn / 2);
    start = end;
  }
  return pairs / (pos * neg);
}

/**
 * The precision-recall curve: for each distinct score taken as threshold, the precision and recall of
 * predicting "positive" for every sample scored at or above it, starting from (recall 0, precision 1).
 *
 * @throws InvalidInputError when lengths differ, a score is not finite, or there is no positive sample.
 *
 * @example
 * ```ts
 * import { precisionRecallCurve } from 'crm-mining';
 * const { precision, recall } = precisionRecallCurve([1, 1, 0, 1], [0.9, 0.8, 0.6, 0.3]);
 * console.log(Array.from(recall, (v) => v.toFixed(2))); // [ '0.00', '0.33', '0.67', '0.67', '1.00' ]
 * console.log(Array.from(precision, (v) => v.toFixed(2))); // [ '1.00', '1.00', '1.00', '0.67', '0.75' ]
 * ```
 */
export function precisionRecallCurve(labels: LabelVector, scores: NumericVector, options: BinaryMetricOptions = {}): PrecisionRecallCurve {
  rejectUnknownOptions(options, BINARY_METRIC_OPTION_KEYS, 'precisionRecallCurve');
  const { y, s, w, order, pos } = prepare(labels, scores, options, 'a precision-recall curve', false);
  const n = order.length;
  const precision: number[] = [1];
  const recall: number[] = [0];
  const thr: number[] = [Infinity];
  let tp = 0;
  let predicted = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    predicted += w[i];
    if (y[i] === 1) tp += w[i];
    if (k === n - 1 || s[order[k + 1]] !== s[i]) {
      precision.push(predicted > 0 ? tp / predicted : 1);
      recall.push(tp / pos);
      thr.push(s[i]);
    }
  }
  recall[recall.length - 1] = 1;
  return { precision: Float64Array.from(precision), recall: Float64Array.from(recall), thresholds: Float64Array.from(thr) };
}

/**
 * Average precision: AP = Σₖ (Rₖ − Rₖ₋₁) · Pₖ over the thresholds of {@link precisionRecallCurve} (the
 * step-wise area, without interpolation — the same definition as scikit-learn's
 * `average_precision_score`). 1 for a perfect ranking; the positive rate for a random one.
 *
 * @throws InvalidInputError when lengths differ, a score is not finite, or there is no positive sample.
 *
 * @example
 * ```ts
 * import { averagePrecision } from 'crm-mining';
 * // (1/3)·1 + (1/3)·1 + (1/3)·0.75
 * console.log(averagePrecision([1, 1, 0, 1], [0.9, 0.8, 0.6, 0.3]).toFixed(4)); // 0.9167
 * ```
 */
export function averagePrecision(labels: LabelVector, scores: NumericVector, options: BinaryMetricOptions = {}): number {
  rejectUnknownOptions(options, BINARY_METRIC_OPTION_KEYS, 'averagePrecision');
  const { precision, recall } = precisionRecallCurve(labels, scores, options);
  let ap = 0;
  for (let k = 1; k < recall.length; k++) ap += (recall[k] - recall[k - 1]) * precision[k];
  return ap;
}
