/**
 * Neural churn prediction on TensorFlow.js: schema inference, preprocessing fitted on training rows only,
 * a seeded multilayer perceptron with class weights and early stopping, per-customer probabilities, risk
 * deciles and reasons, retention economics, calibration, save/load, and cross-validation with baselines.
 *
 * @module
 */
export * from './backend.js';
export * from './schema.js';
export * from './preprocess.js';
export * from './network.js';
export * from './calibration.js';
export * from './economics.js';
export * from './model.js';
export * from './cv.js';
export { CHURN_MODEL_FILES } from './persist.js';
