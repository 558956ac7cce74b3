/**
 * Evaluation shared by every area: classification, probability and regression metrics, ranking curves,
 * data splits and cross-validation.
 *
 * @module
 */
export type { NumericVector, LabelVector, BinaryMetricOptions } from './labels.js';
export * from './ranking.js';
export * from './classification.js';
export * from './probabilistic.js';
export * from './regression.js';
export * from './gains.js';
export * from './splits.js';
export * from './cross-validate.js';
export * from './ranking-at-k.js';
