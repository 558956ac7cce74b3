/**
 * The complete key lists of the detectors' options, shared by each detector's fit function (which
 * rejects any other key) and {@link fitOutlierDetector} (which accepts the union and passes each
 * detector only its own keys). Internal: not re-exported from the package. `optionKeys` makes the
 * compiler check that each list names exactly the keys of its interface.
 *
 * @module
 */
import { optionKeys } from '../core/validate.js';
import type { IsolationForestOptions } from './iforest.js';
import type { KnnDetectorOptions } from './knn.js';
import type { LofOptions } from './lof.js';
import type { MahalanobisOptions } from './mahalanobis.js';
import type { UnivariateOptions } from './univariate.js';

/** Keys of {@link IsolationForestOptions}. */
export const ISOLATION_FOREST_OPTION_KEYS = optionKeys<IsolationForestOptions>({
  nTrees: true,
  maxSamples: true,
  maxDepth: true,
  seed: true,
  contamination: true,
  threshold: true,
});

/** Keys of {@link KnnDetectorOptions}. */
export const KNN_DETECTOR_OPTION_KEYS = optionKeys<KnnDetectorOptions>({
  k: true,
  aggregate: true,
  standardize: true,
  contamination: true,
  threshold: true,
});

/** Keys of {@link LofOptions}. */
export const LOF_OPTION_KEYS = optionKeys<LofOptions>({
  k: true,
  standardize: true,
  contamination: true,
  threshold: true,
});

/** Keys of {@link MahalanobisOptions}. */
export const MAHALANOBIS_OPTION_KEYS = optionKeys<MahalanobisOptions>({
  covariance: true,
  supportFraction: true,
  nStarts: true,
  seed: true,
  contamination: true,
  threshold: true,
});

/** Keys of {@link UnivariateOptions}. */
export const UNIVARIATE_OPTION_KEYS = optionKeys<UnivariateOptions>({
  contamination: true,
  threshold: true,
});
