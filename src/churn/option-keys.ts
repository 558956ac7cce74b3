/**
 * The option keys of {@link trainChurnModel} and {@link crossValidateChurn}, for rejecting unknown
 * options. Internal (not re-exported): the two lists share every model option, so they are composed from
 * one key set, which the compiler checks against the options interfaces.
 *
 * @internal
 * @module
 */
import { optionKeys, type OptionKeySet } from '../core/validate.js';
import type { ChurnCrossValidationOptions } from './cv.js';
import type { ChurnModelOptions } from './model.js';

/** Every model option except `rows` (cross-validation chooses the rows itself). */
const MODEL_KEYS: OptionKeySet<Omit<ChurnModelOptions, 'rows'>> = {
  hiddenLayers: true,
  activation: true,
  dropout: true,
  l2: true,
  learningRate: true,
  batchSize: true,
  epochs: true,
  patience: true,
  minDelta: true,
  validationFraction: true,
  classWeight: true,
  calibration: true,
  seed: true,
  backend: true,
  onEpoch: true,
  target: true,
  positive: true,
  id: true,
  drop: true,
  columnTypes: true,
  maxCategories: true,
  impute: true,
  logColumns: true,
  onProgress: true,
  signal: true,
};

/** The options {@link trainChurnModel} accepts. @internal */
export const CHURN_MODEL_OPTION_KEYS = optionKeys<ChurnModelOptions>({ ...MODEL_KEYS, rows: true });

/** The options {@link crossValidateChurn} accepts. @internal */
export const CHURN_CROSS_VALIDATION_OPTION_KEYS = optionKeys<ChurnCrossValidationOptions>({
  ...MODEL_KEYS,
  folds: true,
  logistic: true,
  baselines: true,
  onFold: true,
});
