/**
 * Outlier detection: univariate (z-score, modified z-score, IQR fences), per-entity baselines,
 * Mahalanobis (classical or MCD), k-NN distance, Local Outlier Factor and Isolation Forest, all with one
 * detector shape (fit, score, label by contamination or threshold, JSON round-trip).
 *
 * @module
 */
export {
  OUTLIER_METHODS,
  OutlierDetectorBase,
  labelScores,
  resolveLabelling,
  type LabelOptions,
  type Labelling,
  type OutlierDetector,
  type OutlierDetectorJson,
  type OutlierMethod,
} from './detector.js';
export { kNearestNeighbors, type DistanceScaling, type Neighbors } from './neighbors.js';
export * from './univariate.js';
export * from './entity.js';
export * from './mahalanobis.js';
export * from './knn.js';
export * from './lof.js';
export * from './iforest.js';
export * from './fit.js';
