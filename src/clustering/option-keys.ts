/**
 * The key set of the k-means options that `chooseK` passes on, shared by `fitKMeans` and `chooseK`.
 * Internal: not re-exported from the package.
 *
 * @module
 */
import type { OptionKeySet } from '../core/validate.js';
import type { KMeansOptions } from './kmeans.js';

/** The keys of {@link KMeansOptions} that `chooseK` also accepts (all but `k`, `init` and `onProgress`). */
export const KMEANS_SHARED_KEY_SET: OptionKeySet<Omit<KMeansOptions, 'k' | 'init' | 'onProgress'>> = {
  nInit: true,
  maxIter: true,
  tol: true,
  seed: true,
  algorithm: true,
  batchSize: true,
  maxNoImprovement: true,
  trackInertia: true,
  featureNames: true,
  signal: true,
};
