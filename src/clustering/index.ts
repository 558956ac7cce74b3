export * from './distance.js';
export * from './kmeans.js';
export * from './metrics.js';
export * from './choose-k.js';
export * from './profiles.js';
export { kmeansPlusPlus, randomRows } from './init.js';
export type { ExactAlgorithm } from './lloyd.js';
