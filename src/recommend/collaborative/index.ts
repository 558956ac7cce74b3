/**
 * Collaborative recommenders: popularity, the baseline predictor, user/item k-nearest neighbours, biased
 * matrix factorisation ("SVD") and implicit-feedback ALS, plus a random predictor as the floor.
 *
 * @module
 */
export type { UnknownPolicy, CollaborativeOptions, BatchPredictor } from './common.js';
export * from './baseline.js';
export * from './knn.js';
export * from './svd.js';
export * from './als.js';
