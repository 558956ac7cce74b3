export * from './errors.js';
export * from './rng.js';
export * from './progress.js';
export * from './validate.js';
export * from './special.js';
export * from './optimize.js';
export * from './matrix.js';
