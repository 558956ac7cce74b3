export * from './table.js';
export * from './files.js';
export * from './transactions.js';
export * from './csv.js';
export * from './arff.js';
export * from './readers.js';
export * from './encoders.js';
