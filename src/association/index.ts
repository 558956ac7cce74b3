export * from './itemsets.js';
export * from './fpgrowth.js';
export * from './apriori.js';
export * from './mine.js';
export * from './rules.js';
export * from './measures.js';
