/**
 * The complete key lists of the detectors' options, shared by each detector's fit function (which
 * rejects any other key) and {@link fitOutlierDetector} (which accepts the union and passes each
 * detector only its own keys). Internal: not re-exported from the package. `optionKeys` makes the
 * compiler check that each list names exactly the keys of its interface.
 *
 * @module
 */
import { optionKeys, type OptionKeySet } from '../core/validate.js';
import type { LabelOptions } from './detector.js';
import type { IsolationForestOptions } from './iforest.js';
import type { KnnDetectorOptions } from './knn.js';
import type { LofOptions } from './lof.js';
import type { MahalanobisOptions } from './mahalanobis.js';
import type { UnivariateOptions } from './univariate.js';

/** The labelling keys every detector accepts. */
const LABEL_KEYS: OptionKeySet<LabelOptions> = { contamination: true, threshold: true };

/** Key sets of each detector's options, for composing ({@link fitOutlierDetector} takes their union). */
export const ISOLATION_FOREST_KEY_SET: OptionKeySet<IsolationForestOptions> = { ...LABEL_KEYS, nTrees: true, maxSamples: true, maxDepth: true, seed: true };
export const KNN_DETECTOR_KEY_SET: OptionKeySet<KnnDetectorOptions> = { ...LABEL_KEYS, k: true, aggregate: true, standardize: true };
export const LOF_KEY_SET: OptionKeySet<LofOptions> = { ...LABEL_KEYS, k: true, standardize: true };
export const MAHALANOBIS_KEY_SET: OptionKeySet<MahalanobisOptions> = { ...LABEL_KEYS, covariance: true, supportFraction: true, nStarts: true, seed: true };
export const UNIVARIATE_KEY_SET: OptionKeySet<UnivariateOptions> = LABEL_KEYS;

/** Keys of {@link IsolationForestOptions}. */
export const ISOLATION_FOREST_OPTION_KEYS = optionKeys<IsolationForestOptions>(ISOLATION_FOREST_KEY_SET);
/** Keys of {@link KnnDetectorOptions}. */
export const KNN_DETECTOR_OPTION_KEYS = optionKeys<KnnDetectorOptions>(KNN_DETECTOR_KEY_SET);
/** Keys of {@link LofOptions}. */
export const LOF_OPTION_KEYS = optionKeys<LofOptions>(LOF_KEY_SET);
/** Keys of {@link MahalanobisOptions}. */
export const MAHALANOBIS_OPTION_KEYS = optionKeys<MahalanobisOptions>(MAHALANOBIS_KEY_SET);
/** Keys of {@link UnivariateOptions}. */
export const UNIVARIATE_OPTION_KEYS = optionKeys<UnivariateOptions>(UNIVARIATE_KEY_SET);
