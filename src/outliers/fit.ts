/**
 * One entry point for every detector: {@link fitOutlierDetector} picks the method by name (as the CLI's
 * `--method`), and {@link outlierDetectorFromJSON} rebuilds any detector from its JSON.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import type { MatrixInput } from '../core/matrix.js';
import { optionKeys, pickOptions, rejectUnknownOptions, requireOneOf } from '../core/validate.js';
import { OUTLIER_METHODS, type OutlierDetector, type OutlierMethod } from './detector.js';
import { fitIsolationForest, IsolationForest, type IsolationForestOptions } from './iforest.js';
import { fitKnnDetector, KnnDetector, type KnnDetectorOptions } from './knn.js';
import { fitLocalOutlierFactor, LocalOutlierFactor, type LofOptions } from './lof.js';
import { fitMahalanobis, MahalanobisDetector, type MahalanobisOptions } from './mahalanobis.js';
import {
  ISOLATION_FOREST_KEY_SET,
  ISOLATION_FOREST_OPTION_KEYS,
  KNN_DETECTOR_KEY_SET,
  KNN_DETECTOR_OPTION_KEYS,
  LOF_KEY_SET,
  LOF_OPTION_KEYS,
  MAHALANOBIS_KEY_SET,
  MAHALANOBIS_OPTION_KEYS,
  UNIVARIATE_KEY_SET,
  UNIVARIATE_OPTION_KEYS,
} from './option-keys.js';
import { fitUnivariateDetector, UnivariateDetector, type UnivariateOptions } from './univariate.js';

/**
 * Options of {@link fitOutlierDetector}: the method and the options of that method's own fit function
 * (options of another method are accepted and not used; a key that no method has is an
 * `InvalidOptionError`).
 *
 * @example
 * ```ts
 * import { fitOutlierDetector, type OutlierDetectorOptions } from 'crm-mining';
 * const options: OutlierDetectorOptions = { method: 'knn', k: 2, aggregate: 'mean', standardize: true };
 * const detector = fitOutlierDetector([[1, 10], [2, 12], [1, 11], [2, 10], [9, 60]], options);
 * console.log(detector.method, detector.nFeatures); // knn 2
 * ```
 */
export interface OutlierDetectorOptions extends IsolationForestOptions, KnnDetectorOptions, LofOptions, MahalanobisOptions {
  /** The detector: `'iforest'`, `'lof'`, `'knn'`, `'zscore'`, `'mad'`, `'iqr'` or `'mahalanobis'` (required). */
  method: OutlierMethod;
  /** Neighbours k for `knn` (default 5) and `lof` (default 20). */
  k?: number;
}

const OUTLIER_DETECTOR_OPTION_KEYS = optionKeys<OutlierDetectorOptions>({
  ...ISOLATION_FOREST_KEY_SET,
  ...KNN_DETECTOR_KEY_SET,
  ...LOF_KEY_SET,
  ...MAHALANOBIS_KEY_SET,
  ...UNIVARIATE_KEY_SET,
  method: true,
});

/**
 * Fits the named detector to the rows.
 *
 * @throws InvalidOptionError naming `method` for an unknown method, and whatever the method's fit throws.
 *
 * @example
 * ```ts
 * import { fitOutlierDetector } from 'crm-mining';
 * const spend = [[120, 3], [130, 4], [125, 3], [118, 2], [122, 3], [900, 1]]; // amount, visits
 * const detector = fitOutlierDetector(spend, { method: 'iforest', nTrees: 50, seed: 1, contamination: 0.2 });
 * console.log(detector.trainingLabels()[5]); // 1
 * ```
 */
export function fitOutlierDetector(X: MatrixInput, options: OutlierDetectorOptions): OutlierDetector {
  rejectUnknownOptions(options, OUTLIER_DETECTOR_OPTION_KEYS, 'fitOutlierDetector');
  const method = requireOneOf('method', options?.method, OUTLIER_METHODS);
  switch (method) {
    case 'iforest':
      return fitIsolationForest(X, pickOptions<IsolationForestOptions>(options, ISOLATION_FOREST_OPTION_KEYS));
    case 'lof':
      return fitLocalOutlierFactor(X, pickOptions<LofOptions>(options, LOF_OPTION_KEYS));
    case 'knn':
      return fitKnnDetector(X, pickOptions<KnnDetectorOptions>(options, KNN_DETECTOR_OPTION_KEYS));
    case 'mahalanobis':
      return fitMahalanobis(X, pickOptions<MahalanobisOptions>(options, MAHALANOBIS_OPTION_KEYS));
    default:
      return fitUnivariateDetector(X, method, pickOptions<UnivariateOptions>(options, UNIVARIATE_OPTION_KEYS));
  }
}

/**
 * Rebuilds any detector from its `toJSON()` output (also after `JSON.stringify`/`JSON.parse`). @throws InvalidInputError for malformed JSON.
 *
 * @example
 * ```ts
 * import { fitOutlierDetector, outlierDetectorFromJSON } from 'crm-mining';
 * const detector = fitOutlierDetector([[1], [2], [3], [2], [30]], { method: 'zscore', threshold: 1.5 });
 * const saved = JSON.stringify(detector);
 * const loaded = outlierDetectorFromJSON(JSON.parse(saved));
 * console.log(loaded.method, Array.from(loaded.label([[30]]))); // zscore [1]
 * ```
 */
export function outlierDetectorFromJSON(json: unknown): OutlierDetector {
  const method = (json as { method?: unknown } | null)?.method;
  switch (method) {
    case 'iforest':
      return IsolationForest.fromJSON(json);
    case 'lof':
      return LocalOutlierFactor.fromJSON(json);
    case 'knn':
      return KnnDetector.fromJSON(json);
    case 'mahalanobis':
      return MahalanobisDetector.fromJSON(json);
    case 'zscore':
    case 'mad':
    case 'iqr':
      return UnivariateDetector.fromJSON(json);
    default:
      throw new InvalidInputError(`outlier detector JSON: unknown method ${JSON.stringify(method)}; expected one of ${OUTLIER_METHODS.join(', ')}`, { field: 'method' });
  }
}
