/**
 * crm-mining: analytical CRM in TypeScript.
 *
 * The public API, re-exported by area: `core` (errors, seeded random numbers, validation, progress),
 * `data` (tables, CSV, ARFF, transactions), `association` (frequent itemsets and association rules).
 *
 * @packageDocumentation
 */
export * from './core/index.js';
export * from './data/index.js';
export * from './association/index.js';
export * from './crm/index.js';
export * from './recommend/index.js';
export * from './evaluation/index.js';
export * from './classification/index.js';
export * from './clustering/index.js';
export * from './outliers/index.js';
export * from './churn/index.js';
export * from './report/index.js';
