/**
 * Classification: CART decision and regression trees with native categorical splits, missing values,
 * pruning, and export as IF-THEN rules, text, Graphviz dot and JSON.
 *
 * @module
 */
export {
  DecisionTree,
  DecisionTreeClassifier,
  fitDecisionTree,
  fitRegressionTree,
  type ClassificationTreeOptions,
  type DecisionTreeJSON,
  type MatrixTreeOptions,
  type PredictOptions,
  type TableTreeOptions,
  type TreeGrowthOptions,
  type TreeNodeInfo,
} from './tree.js';
export type { TreeFeatureSpec, TreeInput } from './encode.js';
export type { TreeArrays, Criterion } from './cart.js';
export type { CostComplexityPath } from './prune.js';
export { rulesToText, formatValue, type RuleCondition, type TreeRuleOptions, type TreeRule } from './rules.js';
