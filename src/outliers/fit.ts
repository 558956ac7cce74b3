/**
 * One entry point for every detector: {@link fitOutlierDetector} picks the method by name (as the CLI's
 * `--method`), and {@link outlierDetectorFromJSON} rebuilds any detector from its JSON.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import type { MatrixInput } from '../core/matrix.js';
import { requireOneOf } from '../core/validate.js';
import { OUTLIER_METHODS, type OutlierDetector, type OutlierMethod } from './detector.js';
import { fitIsolationForest, IsolationForest, type IsolationForestOptions } from './iforest.js';
import { fitKnnDetector, KnnDetector, type KnnDetectorOptions } from './knn.js';
import { fitLocalOutlierFactor, LocalOutlierFactor, type LofOptions } from './lof.js';
import { fitMahalanobis, MahalanobisDetector, type MahalanobisOptions } from './mahalanobis.js';
import { fitUnivariateDetector, UnivariateDetector } from './univariate.js';

/**
 * Options of {@link fitOutlierDetector}: the method and the options of that method's own fit function
 * (options that do not apply to the method are ignored).
 */
export interface OutlierDetectorOptions extends IsolationForestOptions, KnnDetectorOptions, LofOptions, MahalanobisOptions {
  /** The detector: `'iforest'`, `'lof'`, `'knn'`, `'zscore'`, `'mad'`, `'iqr'` or `'mahalanobis'` (required). */
  method: OutlierMethod;
  /** Neighbours k for `knn` (default 5) and `lof` (default 20). */
  k?: number;
}

/**
 * Fits the named detector to the rows.
 *
 * @throws InvalidOptionError naming `method` for an unknown method, and whatever the method's fit throws.
 */
export function fitOutlierDetector(X: MatrixInput, options: OutlierDetectorOptions): OutlierDetector {
  const method = requireOneOf('method', options.method, OUTLIER_METHODS);
  switch (method) {
    case 'iforest':
      return fitIsolationForest(X, options);
    case 'lof':
      return fitLocalOutlierFactor(X, options);
    case 'knn':
      return fitKnnDetector(X, options);
    case 'mahalanobis':
      return fitMahalanobis(X, options);
    default:
      return fitUnivariateDetector(X, method, { contamination: options.contamination, threshold: options.threshold });
  }
}

/** Rebuilds any detector from its `toJSON()` output (also after `JSON.stringify`/`JSON.parse`). @throws InvalidInputError for malformed JSON. */
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
