/**
 * Decision trees (CART): classification with gini, entropy or gain ratio, regression by variance
 * reduction; numeric and native categorical splits; missing values; class and sample weights; minimal
 * cost-complexity pruning; prediction, probabilities, feature importances and JSON round-trips.
 *
 * @module
 */
import { CrmMiningError, InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { isMatrix, toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { describe, optionKeys, rejectUnknownOptions, requireBoolean, requireInRange, requireInteger, type OptionKeySet } from '../core/validate.js';
import { DataTable } from '../data/table.js';
import { uniqueLabels, type ClassLabel } from '../evaluation/classification.js';
import type { LabelVector, NumericVector } from '../evaluation/labels.js';
import type { Estimator } from '../evaluation/cross-validate.js';
import { growTree, type Criterion, type TreeArrays } from './cart.js';
import {
  encodeInput,
  checkedMatrixColumns,
  featureSpecsForMatrix,
  featureSpecsFromTable,
  MISSING_CODE,
  UNKNOWN_CODE,
  type EncodedColumns,
  type TreeFeatureSpec,
  type TreeInput,
} from './encode.js';
import { treeRules, treeToDot, treeToText, type TreeRuleOptions, type TreeRule } from './rules.js';
import { costComplexityPath, pruneArrays, type CostComplexityPath } from './prune.js';

/**
 * Options shared by classification and regression trees.
 *
 * @example
 * ```ts
 * import { fitRegressionTree, type TreeGrowthOptions } from 'crm-mining';
 * const growth: TreeGrowthOptions = { maxDepth: 3, minSamplesLeaf: 2, ccpAlpha: 0.01 };
 * // monthly spend from tenure: a regression tree on the same engine
 * const tree = fitRegressionTree([[1], [2], [3], [20], [21], [22]], [20, 22, 21, 80, 82, 81], growth);
 * console.log(tree.depth <= 3, Array.from(tree.predictValue([[2], [21]]))); // true [21, 81]
 * ```
 */
export interface TreeGrowthOptions {
  /** The deepest a node may be (the root is depth 0; default: unlimited). */
  maxDepth?: number;
  /** A node with fewer training rows is not split (default 2). */
  minSamplesSplit?: number;
  /** Each child must keep at least this many training rows (default 1). */
  minSamplesLeaf?: number;
  /**
   * A split is made only if it lowers the weighted impurity by at least this much, measured as
   * (node weight / total weight) × (node impurity − weighted child impurities) — scikit-learn's definition
   * (default 0).
   */
  minImpurityDecrease?: number;
  /**
   * Features considered at each node, drawn at random with `seed` (default `'all'`): a count ≥ 1, a
   * fraction in (0, 1) of the features (rounded up), `'sqrt'` or `'log2'` of the feature count (rounded
   * up) — for random forests. Features constant at the node do not count; when none of the drawn
   * features allows a split, more are drawn until one does.
   */
  maxFeatures?: number | 'all' | 'sqrt' | 'log2';
  /**
   * For categorical features with more than two classes: with at most this many categories present at a
   * node every subset split is tried (2^(m−1) − 1 of them); with more, categories are ordered by each
   * class's rate in turn and each ordering scanned like a numeric feature (default 10). Two-class and
   * regression trees always use Breiman's ordering by class rate / mean, which is optimal.
   */
  maxExhaustiveCategories?: number;
  /** A non-negative weight per training row (default: 1 each). */
  sampleWeight?: NumericVector;
  /**
   * Minimal cost-complexity pruning parameter: after growing, subtrees whose g(t) ≤ ccpAlpha are collapsed
   * (default 0: no pruning). Choose it from {@link DecisionTree.costComplexityPath} by cross-validation.
   */
  ccpAlpha?: number;
  /** Whether missing feature values are allowed (default true); when false a missing value is an error. */
  allowMissing?: boolean;
  /** Seed of the feature sampling of `maxFeatures` (default 42). */
  seed?: number;
}

/**
 * Options of a classification tree.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type ClassificationTreeOptions } from 'crm-mining';
 * // rare churners weigh more, so the tree does not simply predict "stays" everywhere
 * const options: ClassificationTreeOptions = { criterion: 'entropy', classWeight: 'balanced', maxDepth: 2 };
 * const X = [[1], [2], [3], [4], [5], [6], [7], [8], [30], [40]];
 * const y = ['stay', 'stay', 'stay', 'stay', 'stay', 'stay', 'stay', 'stay', 'churn', 'churn'];
 * console.log(fitDecisionTree(X, y, options).predict([[35]])); // ['churn']
 * ```
 */
export interface ClassificationTreeOptions extends TreeGrowthOptions {
  /**
   * Split criterion (default `'gini'`): `'gini'` impurity 1 − Σ pₖ²; `'entropy'` −Σ pₖ log₂ pₖ (information
   * gain); `'gain-ratio'` C4.5's information gain divided by the split information, among the features whose
   * gain is at least the average.
   */
  criterion?: 'gini' | 'entropy' | 'gain-ratio';
  /**
   * Class weights (default: none, every class weighs 1): `'balanced'` gives class c the weight
   * n / (k · n_c); a map from class label (as text) to weight sets them directly (unlisted classes weigh 1).
   */
  classWeight?: 'balanced' | Readonly<Record<string, number>>;
}

/**
 * Options naming the target and features of a table.
 *
 * @example
 * ```ts
 * import { DataTable, fitDecisionTree, type TableTreeOptions } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { id: 'c1', contract: 'monthly', senior: 1, churn: 'yes' },
 *   { id: 'c2', contract: 'yearly', senior: 0, churn: 'no' },
 *   { id: 'c3', contract: 'monthly', senior: 0, churn: 'yes' },
 *   { id: 'c4', contract: 'yearly', senior: 1, churn: 'no' },
 * ]);
 * const options: TableTreeOptions = { target: 'churn', drop: ['id'], categorical: ['senior'] };
 * const tree = fitDecisionTree(table, options);
 * console.log(tree.features.map((f) => `${f.name}:${f.kind}`)); // ['contract:categorical', 'senior:categorical']
 * ```
 */
export interface TableTreeOptions {
  /** The target column. */
  target: string;
  /** The feature columns (default: every column except the target and `drop`). */
  features?: readonly string[];
  /** Columns to leave out (ids, leaks; default none). */
  drop?: readonly string[];
  /** Number columns to treat as categorical (for example a 0/1 flag or a code; default none). */
  categorical?: readonly string[];
}

/**
 * Options naming the features of a matrix.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type MatrixTreeOptions } from 'crm-mining';
 * const options: MatrixTreeOptions = { featureNames: ['tenure', 'monthly'] };
 * const tree = fitDecisionTree([[2, 90], [3, 85], [40, 30], [50, 25]], ['yes', 'yes', 'no', 'no'], options);
 * console.log(tree.rules()[0].conditionText); // tenure < 40 (the columns are named)
 * ```
 */
export interface MatrixTreeOptions {
  /** A name per column, used in rules and importances (default `x0`, `x1`, …). */
  featureNames?: readonly string[];
}

// The complete key lists of the four option shapes of fitDecisionTree/fitRegressionTree, composed from the
// key sets of their parts (each checked by the compiler against its interface: a new option cannot be missed).
const GROWTH_KEYS: OptionKeySet<TreeGrowthOptions> = {
  maxDepth: true,
  minSamplesSplit: true,
  minSamplesLeaf: true,
  minImpurityDecrease: true,
  maxFeatures: true,
  maxExhaustiveCategories: true,
  sampleWeight: true,
  ccpAlpha: true,
  allowMissing: true,
  seed: true,
};
const CLASSIFICATION_KEYS: OptionKeySet<Omit<ClassificationTreeOptions, keyof TreeGrowthOptions>> = { criterion: true, classWeight: true };
const TABLE_KEYS: OptionKeySet<TableTreeOptions> = { target: true, features: true, drop: true, categorical: true };
const MATRIX_KEYS: OptionKeySet<MatrixTreeOptions> = { featureNames: true };

const TABLE_CLASSIFICATION_TREE_OPTION_KEYS = optionKeys<TableTreeOptions & ClassificationTreeOptions>({ ...TABLE_KEYS, ...CLASSIFICATION_KEYS, ...GROWTH_KEYS });
const MATRIX_CLASSIFICATION_TREE_OPTION_KEYS = optionKeys<MatrixTreeOptions & ClassificationTreeOptions>({ ...MATRIX_KEYS, ...CLASSIFICATION_KEYS, ...GROWTH_KEYS });
const TABLE_REGRESSION_TREE_OPTION_KEYS = optionKeys<TableTreeOptions & TreeGrowthOptions>({ ...TABLE_KEYS, ...GROWTH_KEYS });
const MATRIX_REGRESSION_TREE_OPTION_KEYS = optionKeys<MatrixTreeOptions & TreeGrowthOptions>({ ...MATRIX_KEYS, ...GROWTH_KEYS });

/**
 * Options of prediction.
 *
 * @example
 * ```ts
 * import { DataTable, fitDecisionTree, InvalidInputError, type PredictOptions } from 'crm-mining';
 * const train = DataTable.fromRecords([
 *   { plan: 'basic', churn: 'yes' },
 *   { plan: 'basic', churn: 'yes' },
 *   { plan: 'pro', churn: 'no' },
 * ]);
 * const tree = fitDecisionTree(train, { target: 'churn' });
 * const strict: PredictOptions = { unknownCategory: 'error' };
 * console.log(tree.predict([{ plan: 'enterprise' }])); // follows the heavier branch: ['yes']
 * try {
 *   tree.predict([{ plan: 'enterprise' }], strict);
 * } catch (err) {
 *   console.log(err instanceof InvalidInputError); // true: names the row and the column
 * }
 * ```
 */
export interface PredictOptions {
  /**
   * A category not seen in training (or not seen at the node that splits on it): `'majority'` follows the
   * branch that had more training weight; `'error'` throws an InvalidInputError naming row and column
   * (default `'majority'`).
   */
  unknownCategory?: 'majority' | 'error';
}

const PREDICT_OPTION_KEYS = optionKeys<PredictOptions>({ unknownCategory: true });

/**
 * A node of a fitted tree, as {@link DecisionTree.node} describes it.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type TreeNodeInfo } from 'crm-mining';
 * const tree = fitDecisionTree([[1], [2], [10], [11]], ['a', 'a', 'b', 'b']);
 * const root: TreeNodeInfo = tree.node(0);
 * console.log(root.isLeaf, root.feature, root.threshold, root.samples); // false x0 10 4 (rows with x0 < 10 go left)
 * console.log(tree.node(root.left ?? -1).prediction); // a
 * ```
 */
export interface TreeNodeInfo {
  /** The node id (root 0, preorder). */
  readonly id: number;
  /** Depth (root 0). */
  readonly depth: number;
  /** Whether the node is a leaf. */
  readonly isLeaf: boolean;
  /** The split feature's name (internal nodes only). */
  readonly feature?: string;
  /** Numeric split: values below go left. */
  readonly threshold?: number;
  /** Categorical split: the categories that go left. */
  readonly leftCategories?: readonly string[];
  /** Categorical split: the categories seen at the node that go right. */
  readonly rightCategories?: readonly string[];
  /** Whether a missing value goes left (internal nodes). */
  readonly missingGoesLeft?: boolean;
  /** Child ids (internal nodes). */
  readonly left?: number;
  /** Child ids (internal nodes). */
  readonly right?: number;
  /** Training rows reaching the node. */
  readonly samples: number;
  /** Their total weight. */
  readonly weight: number;
  /** Impurity under the tree's criterion. */
  readonly impurity: number;
  /** Weighted impurity decrease of the node's split: (w/W)·(impurity − Σ child w/w · child impurity); 0 for a leaf. */
  readonly improvement: number;
  /** Predicted class (classification) or value (regression). */
  readonly prediction: ClassLabel;
  /** Classification: unweighted training counts per class, in `classes` order. */
  readonly classCounts?: readonly number[];
  /** Classification: class probabilities (weighted), in `classes` order. */
  readonly probabilities?: readonly number[];
}

/**
 * The JSON form of a {@link DecisionTree} (plain data; `JSON.stringify` safe).
 *
 * @example
 * ```ts
 * import { fitDecisionTree, DecisionTree, type DecisionTreeJSON } from 'crm-mining';
 * const tree = fitDecisionTree([[1], [2], [10], [11]], ['a', 'a', 'b', 'b']);
 * const json: DecisionTreeJSON = JSON.parse(JSON.stringify(tree.toJSON()));
 * const restored = DecisionTree.fromJSON(json);
 * console.log(json.format, restored.predict([[3], [12]])); // crm-mining/decision-tree ['a', 'b']
 * ```
 */
export interface DecisionTreeJSON {
  /** Format tag. */
  readonly format: 'crm-mining/decision-tree';
  /** Format version. */
  readonly version: 1;
  /** `'classification'` or `'regression'`. */
  readonly task: 'classification' | 'regression';
  /** The criterion used. */
  readonly criterion: Criterion;
  /** Target name (may be empty for matrix input). */
  readonly target: string;
  /** Classes (classification). */
  readonly classes: ClassLabel[] | null;
  /** Features. */
  readonly features: TreeFeatureSpec[];
  /** Whether missing values are allowed at prediction. */
  readonly allowMissing: boolean;
  /** Whether the tree was trained on a matrix. */
  readonly matrixInput: boolean;
  /** Node arrays. */
  readonly nodes: {
    feature: number[];
    /** Thresholds; `null` stands for +Infinity (known values left, missing right). */
    threshold: (number | null)[];
    left: number[];
    right: number[];
    missingLeft: number[];
    unknownLeft: number[];
    leftCategories: (number[] | null)[];
    rightCategories: (number[] | null)[];
    nSamples: number[];
    weight: number[];
    impurity: number[];
    value: number[];
    counts: number[];
    depth: number[];
    width: number;
  };
}

interface TreeMeta {
  task: 'classification' | 'regression';
  criterion: Criterion;
  target: string;
  classes: ClassLabel[] | null;
  features: TreeFeatureSpec[];
  allowMissing: boolean;
  matrixInput: boolean;
  /** The unpruned tree (for the pruning path); the same object as `arrays` when not pruned. */
  full: TreeArrays;
}

/**
 * A fitted decision tree. Immutable: {@link DecisionTree.prune} returns a new tree. Build one with
 * {@link fitDecisionTree} (classification) or {@link fitRegressionTree}.
 *
 * @example
 * ```ts
 * import { DataTable, fitDecisionTree } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { contract: 'monthly', tenure: 2, churn: 'yes' },
 *   { contract: 'monthly', tenure: 5, churn: 'yes' },
 *   { contract: 'monthly', tenure: 40, churn: 'no' },
 *   { contract: 'yearly', tenure: 3, churn: 'no' },
 *   { contract: 'yearly', tenure: 30, churn: 'no' },
 * ]);
 * const tree = fitDecisionTree(table, { target: 'churn' });
 * console.log(tree.leafCount, tree.classes); // 3 ['no', 'yes']
 * console.log(tree.predict([{ contract: 'monthly', tenure: 1 }])); // ['yes']
 * console.log(tree.toText());
 * ```
 */
export class DecisionTree {
  /** `'classification'` or `'regression'`. */
  readonly task: 'classification' | 'regression';
  /** The split criterion. */
  readonly criterion: Criterion;
  /** The target column's name (`''` for matrix input without a name). */
  readonly target: string;
  /** The classes, in the order of probability columns (classification; empty for regression). */
  readonly classes: readonly ClassLabel[];
  /** The features, in input order. */
  readonly features: readonly TreeFeatureSpec[];
  /** The node arrays (read-only by convention). */
  readonly arrays: TreeArrays;
  private readonly meta: TreeMeta;
  private memberCache: (Uint8Array | null)[] | undefined;

  /** @internal Use {@link fitDecisionTree}, {@link fitRegressionTree} or {@link DecisionTree.fromJSON}. */
  constructor(arrays: TreeArrays, meta: TreeMeta) {
    this.arrays = arrays;
    this.meta = meta;
    this.task = meta.task;
    this.criterion = meta.criterion;
    this.target = meta.target;
    this.classes = meta.classes ?? [];
    this.features = meta.features;
  }

  /** The number of nodes. */
  get nodeCount(): number {
    return this.arrays.feature.length;
  }

  /** The number of leaves. */
  get leafCount(): number {
    let c = 0;
    for (let i = 0; i < this.arrays.feature.length; i++) if (this.arrays.feature[i] < 0) c++;
    return c;
  }

  /** The depth of the deepest leaf (0 for a single leaf). */
  get depth(): number {
    let d = 0;
    for (let i = 0; i < this.arrays.depth.length; i++) if (this.arrays.depth[i] > d) d = this.arrays.depth[i];
    return d;
  }

  /** Whether the tree was trained on a numeric matrix (then it predicts on matrices too). */
  get trainedOnMatrix(): boolean {
    return this.meta.matrixInput;
  }

  private leafPrediction(id: number): ClassLabel {
    const K = this.arrays.width;
    if (this.task === 'regression') return this.arrays.value[id];
    let best = 0;
    for (let k = 1; k < K; k++) if (this.arrays.value[id * K + k] > this.arrays.value[id * K + best]) best = k;
    return this.classes[best];
  }

  private improvementOf(id: number): number {
    const t = this.arrays;
    if (t.feature[id] < 0) return 0;
    const W = t.weight[0];
    const l = t.left[id];
    const r = t.right[id];
    return (t.weight[id] * t.impurity[id] - t.weight[l] * t.impurity[l] - t.weight[r] * t.impurity[r]) / W;
  }

  /**
   * A description of one node.
   *
   * @throws InvalidInputError when there is no such node.
   */
  node(id: number): TreeNodeInfo {
    const t = this.arrays;
    if (!Number.isInteger(id) || id < 0 || id >= t.feature.length) {
      throw new InvalidInputError(`node ${describe(id)} does not exist; ids are 0..${t.feature.length - 1}`);
    }
    const K = t.width;
    const f = t.feature[id];
    const base: {
      -readonly [P in keyof TreeNodeInfo]: TreeNodeInfo[P];
    } = {
      id,
      depth: t.depth[id],
      isLeaf: f < 0,
      samples: t.nSamples[id],
      weight: t.weight[id],
      impurity: t.impurity[id],
      improvement: this.improvementOf(id),
      prediction: this.leafPrediction(id),
    };
    if (this.task === 'classification') {
      const counts: number[] = [];
      const probs: number[] = [];
      for (let k = 0; k < K; k++) {
        counts.push(t.counts[id * K + k]);
        probs.push(t.weight[id] > 0 ? t.value[id * K + k] / t.weight[id] : 0);
      }
      base.classCounts = counts;
      base.probabilities = probs;
    }
    if (f >= 0) {
      const spec = this.features[f];
      base.feature = spec.name;
      base.left = t.left[id];
      base.right = t.right[id];
      base.missingGoesLeft = t.missingLeft[id] === 1;
      if (spec.kind === 'categorical') {
        base.leftCategories = Array.from(t.leftCategories[id]!, (c) => spec.categories![c]);
        base.rightCategories = Array.from(t.rightCategories[id]!, (c) => spec.categories![c]);
      } else base.threshold = t.threshold[id];
    }
    return base;
  }

  private members(): (Uint8Array | null)[] {
    if (this.memberCache) return this.memberCache;
    const t = this.arrays;
    const out: (Uint8Array | null)[] = new Array(t.feature.length).fill(null);
    for (let id = 0; id < t.feature.length; id++) {
      const f = t.feature[id];
      if (f < 0 || this.features[f].kind !== 'categorical') continue;
      // 0 = unseen at node, 1 = left, 2 = right
      const m = new Uint8Array(this.features[f].categories!.length);
      for (const c of t.leftCategories[id]!) m[c] = 1;
      for (const c of t.rightCategories[id]!) m[c] = 2;
      out[id] = m;
    }
    this.memberCache = out;
    return out;
  }

  private encode(input: TreeInput, options: PredictOptions): EncodedColumns {
    const unknown = options.unknownCategory ?? 'majority';
    if (unknown !== 'majority' && unknown !== 'error') {
      throw new InvalidOptionError('unknownCategory', `expected 'majority' or 'error', got ${describe(unknown)}`);
    }
    return encodeInput(input, this.features, this.meta.allowMissing, unknown === 'error');
  }

  private leavesOf(enc: EncodedColumns): Int32Array {
    const t = this.arrays;
    const { feature, threshold, left, right, missingLeft, unknownLeft } = t;
    const members = this.members();
    const cols = enc.columns;
    const out = new Int32Array(enc.n);
    for (let i = 0; i < enc.n; i++) {
      let id = 0;
      let f = feature[0];
      while (f >= 0) {
        const x = cols[f][i];
        const mem = members[id];
        let goLeft: boolean;
        if (mem === null) goLeft = x !== x ? missingLeft[id] === 1 : x < threshold[id];
        else if (x === MISSING_CODE) goLeft = missingLeft[id] === 1;
        else if (x === UNKNOWN_CODE) goLeft = unknownLeft[id] === 1;
        else {
          const s = mem[x];
          goLeft = s === 0 ? unknownLeft[id] === 1 : s === 1;
        }
        id = goLeft ? left[id] : right[id];
        f = feature[id];
      }
      out[i] = id;
    }
    return out;
  }

  /**
   * The leaf each input row falls into (node ids).
   *
   * @throws InvalidInputError on a missing feature column, a bad value, or an unseen category with
   *   `unknownCategory: 'error'`.
   */
  apply(input: TreeInput, options: PredictOptions = {}): Int32Array {
    rejectUnknownOptions(options, PREDICT_OPTION_KEYS, 'DecisionTree.apply');
    return this.leavesOf(this.encode(input, options));
  }

  /** Predicts the class (classification) or value (regression) of each input row. */
  predict(input: TreeInput, options: PredictOptions = {}): ClassLabel[] {
    rejectUnknownOptions(options, PREDICT_OPTION_KEYS, 'DecisionTree.predict');
    const leaves = this.apply(input, options);
    const out: ClassLabel[] = new Array(leaves.length);
    for (let i = 0; i < leaves.length; i++) out[i] = this.leafPrediction(leaves[i]);
    return out;
  }

  /**
   * Regression: the predicted value of each input row.
   *
   * @throws InvalidInputError on a classification tree.
   */
  predictValue(input: TreeInput, options: PredictOptions = {}): Float64Array {
    rejectUnknownOptions(options, PREDICT_OPTION_KEYS, 'DecisionTree.predictValue');
    if (this.task !== 'regression') throw new InvalidInputError('predictValue is for regression trees; use predict or predictProba');
    const leaves = this.apply(input, options);
    const out = new Float64Array(leaves.length);
    for (let i = 0; i < leaves.length; i++) out[i] = this.arrays.value[leaves[i]];
    return out;
  }

  /**
   * Classification: each row's class probabilities (the weighted class shares of its leaf), one column per
   * class in `classes` order.
   *
   * @throws InvalidInputError on a regression tree.
   */
  predictProba(input: TreeInput, options: PredictOptions = {}): Matrix {
    rejectUnknownOptions(options, PREDICT_OPTION_KEYS, 'DecisionTree.predictProba');
    if (this.task !== 'classification') throw new InvalidInputError('predictProba is for classification trees; use predictValue');
    const leaves = this.apply(input, options);
    const K = this.arrays.width;
    const data = new Float64Array(leaves.length * K);
    for (let i = 0; i < leaves.length; i++) {
      const id = leaves[i];
      const w = this.arrays.weight[id];
      for (let k = 0; k < K; k++) data[i * K + k] = w > 0 ? this.arrays.value[id * K + k] / w : 1 / K;
    }
    return { rows: leaves.length, cols: K, data };
  }

  /**
   * Classification: each row's probability of one class — the score to pass to `rocAuc` or `gainsTable`.
   *
   * @throws InvalidInputError when the class is not one of `classes`.
   */
  probabilityOf(input: TreeInput, cls: ClassLabel, options: PredictOptions = {}): Float64Array {
    rejectUnknownOptions(options, PREDICT_OPTION_KEYS, 'DecisionTree.probabilityOf');
    const k = this.classes.indexOf(cls);
    if (k < 0) throw new InvalidInputError(`class ${describe(cls)} is not one of the tree's classes (${this.classes.map(String).join(', ')})`);
    const p = this.predictProba(input, options);
    const out = new Float64Array(p.rows);
    for (let i = 0; i < p.rows; i++) out[i] = p.data[i * p.cols + k];
    return out;
  }

  /**
   * Feature importances: each feature's total weighted impurity decrease over the splits on it (mean
   * decrease in impurity), normalised to sum to 1 (all 0 for a single-leaf tree).
   */
  featureImportances(): Record<string, number> {
    const imp = new Float64Array(this.features.length);
    let total = 0;
    for (let id = 0; id < this.arrays.feature.length; id++) {
      const f = this.arrays.feature[id];
      if (f < 0) continue;
      const g = Math.max(0, this.improvementOf(id));
      imp[f] += g;
      total += g;
    }
    const out: Record<string, number> = {};
    this.features.forEach((s, j) => {
      out[s.name] = total > 0 ? imp[j] / total : 0;
    });
    return out;
  }

  /**
   * The minimal cost-complexity pruning path of the grown (unpruned) tree: the effective alphas at which
   * subtrees collapse, with the total leaf impurity and leaf count after each.
   */
  costComplexityPath(): CostComplexityPath {
    return costComplexityPath(this.meta.full);
  }

  /**
   * The subtree of minimal cost-complexity for `alpha`, pruned from the grown tree (so pruning a pruned
   * tree with a smaller alpha gives the larger tree back). Trees for growing alphas are nested.
   *
   * @throws InvalidOptionError when alpha is negative or not finite.
   */
  prune(alpha: number): DecisionTree {
    const a = requireInRange('alpha', alpha, 0, Number.MAX_VALUE);
    return new DecisionTree(pruneArrays(this.meta.full, a), this.meta);
  }

  /**
   * The tree as IF-THEN rules, one per leaf, each feature's conditions along the path merged into one
   * (`tenure in [12, 24)`, `Contract in {One year, Two year}`), with the leaf's count, confidence and class
   * distribution.
   */
  rules(options: TreeRuleOptions = {}): TreeRule[] {
    return treeRules(this, options);
  }

  /** The tree as indented text, one line per branch, leaves with their prediction, count and confidence. */
  toText(): string {
    return treeToText(this);
  }

  /** The tree in Graphviz dot, for `dot -Tsvg`. */
  toDot(): string {
    return treeToDot(this);
  }

  /** The plain-data form; {@link DecisionTree.fromJSON} restores an identical tree (the pruning path is of the tree as saved). */
  toJSON(): DecisionTreeJSON {
    const t = this.arrays;
    return {
      format: 'crm-mining/decision-tree',
      version: 1,
      task: this.task,
      criterion: this.criterion,
      target: this.target,
      classes: this.meta.classes ? [...this.meta.classes] : null,
      features: this.features.map((f) => ({ ...f, ...(f.categories ? { categories: [...f.categories] } : {}) })),
      allowMissing: this.meta.allowMissing,
      matrixInput: this.meta.matrixInput,
      nodes: {
        feature: Array.from(t.feature),
        threshold: Array.from(t.threshold, (x) => (x === Infinity ? null : x)),
        left: Array.from(t.left),
        right: Array.from(t.right),
        missingLeft: Array.from(t.missingLeft),
        unknownLeft: Array.from(t.unknownLeft),
        leftCategories: t.leftCategories.map((c) => (c ? Array.from(c) : null)),
        rightCategories: t.rightCategories.map((c) => (c ? Array.from(c) : null)),
        nSamples: Array.from(t.nSamples),
        weight: Array.from(t.weight),
        impurity: Array.from(t.impurity),
        value: Array.from(t.value),
        counts: Array.from(t.counts),
        depth: Array.from(t.depth),
        width: t.width,
      },
    };
  }

  /**
   * Restores a tree from {@link DecisionTree.toJSON} output.
   *
   * @throws InvalidInputError when the data is not a saved tree or is inconsistent.
   */
  static fromJSON(json: unknown): DecisionTree {
    const j = json as DecisionTreeJSON;
    if (j === null || typeof j !== 'object' || j.format !== 'crm-mining/decision-tree' || j.version !== 1) {
      throw new InvalidInputError('not a saved decision tree (expected format "crm-mining/decision-tree", version 1)');
    }
    const n = j.nodes;
    const m = n?.feature?.length ?? 0;
    if (m === 0 || !Array.isArray(j.features)) throw new InvalidInputError('saved decision tree: no nodes or no features');
    for (const key of ['threshold', 'left', 'right', 'missingLeft', 'unknownLeft', 'leftCategories', 'rightCategories', 'nSamples', 'weight', 'impurity', 'depth'] as const) {
      if (!Array.isArray(n[key]) || n[key].length !== m) throw new InvalidInputError(`saved decision tree: nodes.${key} should have ${m} entries`);
    }
    if (j.task !== 'classification' && j.task !== 'regression') throw new InvalidInputError(`saved decision tree: task is ${describe(j.task)}, expected 'classification' or 'regression'`, { field: 'task' });
    if (n.value.length !== m * n.width || n.counts.length !== m * n.width) throw new InvalidInputError('saved decision tree: nodes.value/counts have the wrong length');
    for (let i = 0; i < m * n.width; i++) {
      if (typeof n.value[i] !== 'number' || !Number.isFinite(n.value[i])) throw savedValue('value', i, n.value[i]);
      if (typeof n.counts[i] !== 'number' || !Number.isFinite(n.counts[i])) throw savedValue('counts', i, n.counts[i]);
    }
    for (let id = 0; id < m; id++) {
      const f = n.feature[id];
      if (!Number.isInteger(f)) throw savedValue('feature', id, f);
      const t = n.threshold[id];
      if (t !== null && (typeof t !== 'number' || Number.isNaN(t))) throw savedValue('threshold', id, t);
      if (f >= j.features.length) throw new InvalidInputError(`saved decision tree: node ${id} splits on feature ${f}, but there are ${j.features.length}`);
      if (f >= 0 && (n.left[id] <= id || n.right[id] <= id || n.left[id] >= m || n.right[id] >= m)) {
        throw new InvalidInputError(`saved decision tree: node ${id} has invalid children`);
      }
    }
    const arrays: TreeArrays = {
      feature: Int32Array.from(n.feature),
      threshold: Float64Array.from(n.threshold, (x) => (x === null ? Infinity : x)),
      left: Int32Array.from(n.left),
      right: Int32Array.from(n.right),
      missingLeft: Uint8Array.from(n.missingLeft),
      unknownLeft: Uint8Array.from(n.unknownLeft),
      leftCategories: n.leftCategories.map((c) => (c ? Int32Array.from(c) : null)),
      rightCategories: n.rightCategories.map((c) => (c ? Int32Array.from(c) : null)),
      nSamples: Int32Array.from(n.nSamples),
      weight: Float64Array.from(n.weight),
      impurity: Float64Array.from(n.impurity),
      value: Float64Array.from(n.value),
      counts: Float64Array.from(n.counts),
      depth: Int32Array.from(n.depth),
      width: n.width,
    };
    return new DecisionTree(arrays, {
      task: j.task,
      criterion: j.criterion,
      target: j.target,
      classes: j.classes,
      features: j.features,
      allowMissing: j.allowMissing,
      matrixInput: j.matrixInput,
      full: arrays,
    });
  }
}

/** A saved tree's node array holding something other than a number where one is needed. */
function savedValue(key: string, index: number, value: unknown): InvalidInputError {
  return new InvalidInputError(`saved decision tree: nodes.${key}[${index}] is ${describe(value)}, expected a number`, { field: `nodes.${key}` });
}

// ---------------------------------------------------------------------------------------------------
// Fitting

interface Resolved {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  minImpurityDecrease: number;
  maxFeatures: number;
  maxExhaustiveCategories: number;
  ccpAlpha: number;
  allowMissing: boolean;
  seed: number;
}

function resolveGrowth(o: TreeGrowthOptions, p: number): Resolved {
  const maxDepth = o.maxDepth === undefined || o.maxDepth === Infinity ? Infinity : requireInteger('maxDepth', o.maxDepth, 0);
  let maxFeatures = p;
  const mf = o.maxFeatures ?? 'all';
  if (mf === 'sqrt') maxFeatures = Math.max(1, Math.ceil(Math.sqrt(p)));
  else if (mf === 'log2') maxFeatures = Math.max(1, Math.ceil(Math.log2(p)));
  else if (mf === 'all') maxFeatures = p;
  else if (typeof mf === 'number' && mf > 0 && mf < 1) maxFeatures = Math.max(1, Math.ceil(mf * p));
  else if (typeof mf === 'number' && Number.isInteger(mf) && mf >= 1) maxFeatures = Math.min(p, mf);
  else throw new InvalidOptionError('maxFeatures', `expected a count >= 1, a fraction in (0, 1), 'sqrt', 'log2' or 'all', got ${describe(mf)}`);
  const seed = o.seed ?? 42;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new InvalidOptionError('seed', `expected a finite number, got ${describe(seed)}`);
  return {
    maxDepth,
    minSamplesSplit: requireInteger('minSamplesSplit', o.minSamplesSplit ?? 2, 2),
    minSamplesLeaf: requireInteger('minSamplesLeaf', o.minSamplesLeaf ?? 1, 1),
    minImpurityDecrease: requireInRange('minImpurityDecrease', o.minImpurityDecrease ?? 0, 0, Number.MAX_VALUE),
    maxFeatures,
    maxExhaustiveCategories: requireInteger('maxExhaustiveCategories', o.maxExhaustiveCategories ?? 10, 2, 20),
    ccpAlpha: requireInRange('ccpAlpha', o.ccpAlpha ?? 0, 0, Number.MAX_VALUE),
    allowMissing: requireBoolean('allowMissing', o.allowMissing ?? true),
    seed,
  };
}

interface Prepared {
  specs: TreeFeatureSpec[];
  enc: EncodedColumns;
  targetValues: ArrayLike<unknown>;
  target: string;
  matrixInput: boolean;
}

function prepareInput(
  data: DataTable | MatrixInput,
  yOrOptions: LabelVector | NumericVector | (TableTreeOptions & TreeGrowthOptions) | undefined,
  options: (MatrixTreeOptions & TreeGrowthOptions) | undefined,
): { prep: Prepared; opts: TreeGrowthOptions & Partial<TableTreeOptions> & MatrixTreeOptions } {
  if (data instanceof DataTable) {
    const opts = (yOrOptions ?? {}) as TableTreeOptions & TreeGrowthOptions;
    if (typeof opts !== 'object' || Array.isArray(opts) || ArrayBuffer.isView(opts)) {
      throw new InvalidOptionError('target', 'with a DataTable pass the options object { target: "column" } as the second argument');
    }
    if (typeof opts.target !== 'string' || opts.target === '') throw new InvalidOptionError('target', 'expected the name of the target column');
    if (!data.hasColumn(opts.target)) {
      throw new InvalidInputError(`target column "${opts.target}" not found; the columns are ${data.columnNames.map((c) => `"${c}"`).join(', ')}`, { field: opts.target });
    }
    for (const d of opts.drop ?? []) {
      if (!data.hasColumn(d)) throw new InvalidOptionError('drop', `no column named "${d}"`);
    }
    const features = opts.features ?? data.columnNames.filter((n) => n !== opts.target && !(opts.drop ?? []).includes(n));
    const specs = featureSpecsFromTable(data, opts.target, features, opts.categorical);
    const allowMissing = opts.allowMissing ?? true;
    const enc = encodeInput(data, specs, allowMissing);
    if (data.rowCount === 0) throw new InvalidInputError('the table has no rows');
    return { prep: { specs: markMissing(specs, enc), enc, targetValues: data.column(opts.target).values, target: opts.target, matrixInput: false }, opts };
  }
  const opts = options ?? {};
  if (yOrOptions === undefined || typeof (yOrOptions as ArrayLike<unknown>).length !== 'number') {
    throw new InvalidInputError('y: with a matrix pass the targets as the second argument, one per row');
  }
  const y = yOrOptions as ArrayLike<unknown>;
  const allowMissing = opts.allowMissing ?? true;
  if (!isMatrix(data) && Array.isArray(data)) {
    // Check row lengths up front for a clear message.
    const first = (data as readonly ArrayLike<number>[])[0]?.length;
    (data as readonly ArrayLike<number>[]).forEach((r, i) => {
      if (r?.length !== first) throw new InvalidInputError(`X: row ${i} has ${r?.length ?? 0} values, expected ${first} like row 0`, { row: i });
    });
  }
  // A Matrix is only checked for its shape here: its values are checked while they are copied into columns
  // (one pass instead of three: toMatrix's check, the copy, and the search for missing values).
  const m = isMatrix(data) ? checkMatrixShape(data) : toMatrix(data, { name: 'X', allowMissing });
  if (y.length !== m.rows) throw new InvalidInputError(`y: has ${y.length} values, expected ${m.rows} (one per row of X)`, { field: 'y' });
  const specs = featureSpecsForMatrix(m.cols, opts.featureNames);
  const enc = checkedMatrixColumns(m, allowMissing, 'X');
  const marked = specs.map((s, j) => (enc.missing[j] === 1 ? { ...s, hasMissing: true } : s));
  return { prep: { specs: marked, enc, targetValues: y, target: 'y', matrixInput: true }, opts };
}

/** The shape checks `toMatrix` makes on a Matrix (its values are checked by checkedMatrixColumns). */
function checkMatrixShape(m: Matrix): Matrix {
  if (m.data.length !== m.rows * m.cols) {
    throw new InvalidInputError(`X: data has ${m.data.length} values, expected rows × cols = ${m.rows * m.cols}`);
  }
  if (m.rows === 0) throw new InvalidInputError('X: no rows; expected at least one');
  if (m.cols === 0) throw new InvalidInputError('X: rows have no columns; expected at least one');
  return m;
}

/**
 * Checks the target values of a classification fit and writes a code per row into `codes`, numbering the
 * labels in order of first appearance; returns those labels.
 *
 * @throws InvalidInputError on a missing value or one that is not text, a number or a boolean.
 */
function labelCodes(tv: ArrayLike<unknown>, n: number, target: string, codes: Int32Array): ClassLabel[] {
  const firstSeen: ClassLabel[] = [];
  const index = new Map<unknown, number>();
  let last: unknown = undefined;
  let lastCode = -1;
  for (let i = 0; i < n; i++) {
    const v = tv[i];
    if (v !== last || lastCode < 0) {
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        throw new InvalidInputError(`row ${i}: the target "${target}" is missing; drop such rows before fitting`, { row: i, field: target });
      }
      if (!(typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')) {
        throw new InvalidInputError(`row ${i}: the target "${target}" is ${describe(v)}, expected a class label (text, number or boolean)`, { row: i, field: target });
      }
      let code = index.get(v);
      if (code === undefined) {
        code = firstSeen.length;
        firstSeen.push(v);
        index.set(v, code);
      }
      last = v;
      lastCode = code;
    }
    codes[i] = lastCode;
  }
  return firstSeen;
}

function markMissing(specs: TreeFeatureSpec[], enc: EncodedColumns): TreeFeatureSpec[] {
  return specs.map((s, j) => {
    const c = enc.columns[j];
    let has = false;
    for (let i = 0; i < c.length && !has; i++) has = s.kind === 'numeric' ? c[i] !== c[i] : c[i] < 0;
    return has ? { ...s, hasMissing: true } : s;
  });
}

function checkSampleWeight(sw: NumericVector | undefined, n: number): Float64Array {
  const w = new Float64Array(n).fill(1);
  if (sw === undefined) return w;
  if (sw.length !== n) throw new InvalidOptionError('sampleWeight', `has ${sw.length} values, expected ${n} (one per row)`);
  for (let i = 0; i < n; i++) {
    const v = sw[i];
    if (typeof v !== 'number' || !(v >= 0) || v === Infinity) throw new InvalidOptionError('sampleWeight', `row ${i} is ${describe(v)}, expected a finite number >= 0`);
    w[i] = v;
  }
  return w;
}

function growthInput(prep: Prepared, w: Float64Array): { categorical: Uint8Array; nCategories: Int32Array } {
  const p = prep.specs.length;
  const categorical = new Uint8Array(p);
  const nCategories = new Int32Array(p);
  prep.specs.forEach((s, j) => {
    if (s.kind === 'categorical') {
      categorical[j] = 1;
      nCategories[j] = s.categories!.length;
    }
  });
  void w;
  return { categorical, nCategories };
}

/**
 * Fits a classification tree (CART).
 *
 * With a table: `fitDecisionTree(table, { target: 'Churn', drop: ['customerID'] })` — number and date
 * columns are numeric features, string, nominal and boolean columns categorical ones (split natively by
 * subsets of categories, never one-hot encoded), `null` cells are missing values. With a matrix:
 * `fitDecisionTree(X, y, options)` — every column numeric, NaN missing.
 *
 * Missing values: at each split, rows missing the feature go to whichever child gives the larger impurity
 * decrease (both are tried for every candidate split); at prediction a missing value follows that side,
 * and if no training row reaching the node missed the feature, the child with more training weight.
 *
 * @throws InvalidInputError on a missing target column, a missing target value, a single class, rows of
 *   different lengths, a non-number in a numeric feature, or NaN/missing when `allowMissing` is false.
 * @throws InvalidOptionError on a bad option.
 *
 * @example
 * ```ts
 * import { fitDecisionTree } from 'crm-mining';
 * // bill and age → high-value customer
 * const X = [[1200, 40], [1500, 45], [300, 40], [1300, 25], [400, 60], [1100, 38]];
 * const y = ['high', 'high', 'low', 'low', 'low', 'high'];
 * const tree = fitDecisionTree(X, y, { featureNames: ['bill', 'age'] });
 * for (const rule of tree.rules({ onlyClass: 'high' })) console.log(rule.text);
 * // IF bill >= 1100 AND age >= 38 THEN y = high (100.0%, 3 rows)
 * ```
 */
export function fitDecisionTree(table: DataTable, options: TableTreeOptions & ClassificationTreeOptions): DecisionTree;
export function fitDecisionTree(X: MatrixInput, y: LabelVector, options?: MatrixTreeOptions & ClassificationTreeOptions): DecisionTree;
export function fitDecisionTree(
  data: DataTable | MatrixInput,
  yOrOptions?: LabelVector | (TableTreeOptions & ClassificationTreeOptions),
  maybeOptions?: MatrixTreeOptions & ClassificationTreeOptions,
): DecisionTree {
  if (data instanceof DataTable) rejectUnknownOptions(yOrOptions, TABLE_CLASSIFICATION_TREE_OPTION_KEYS, 'fitDecisionTree');
  else rejectUnknownOptions(maybeOptions, MATRIX_CLASSIFICATION_TREE_OPTION_KEYS, 'fitDecisionTree');
  const { prep, opts } = prepareInput(data, yOrOptions as LabelVector, maybeOptions);
  const o = opts as ClassificationTreeOptions;
  const criterion = o.criterion ?? 'gini';
  if (criterion !== 'gini' && criterion !== 'entropy' && criterion !== 'gain-ratio') {
    throw new InvalidOptionError('criterion', `expected 'gini', 'entropy' or 'gain-ratio', got ${describe(criterion)}`);
  }
  const r = resolveGrowth(o, prep.specs.length);
  const n = prep.enc.n;
  const yClass = new Int32Array(n);
  // Codes in order of first appearance, then renumbered in the order of the sorted classes.
  const firstSeen = labelCodes(prep.targetValues, n, prep.target, yClass);
  const classes = uniqueLabels(firstSeen);
  if (classes.length < 2) {
    throw new InvalidInputError(`the target "${prep.target}" has a single class (${describe(classes[0])}); a classifier needs at least two`, { field: prep.target });
  }
  const K = classes.length;
  const recode = new Int32Array(K);
  firstSeen.forEach((c, k) => (recode[k] = classes.indexOf(c)));
  const classCount = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const c = recode[yClass[i]];
    yClass[i] = c;
    classCount[c]++;
  }
  const w = checkSampleWeight(o.sampleWeight, n);
  const cw = new Float64Array(K).fill(1);
  if (o.classWeight === 'balanced') {
    for (let k = 0; k < K; k++) cw[k] = n / (K * classCount[k]);
  } else if (o.classWeight !== undefined) {
    if (typeof o.classWeight !== 'object' || o.classWeight === null) {
      throw new InvalidOptionError('classWeight', `expected 'balanced' or a map from class to weight, got ${describe(o.classWeight)}`);
    }
    const names = new Set(classes.map(String));
    for (const [key, val] of Object.entries(o.classWeight)) {
      if (!names.has(key)) throw new InvalidOptionError('classWeight', `"${key}" is not one of the classes (${classes.map(String).join(', ')})`);
      if (typeof val !== 'number' || !(val >= 0) || val === Infinity) throw new InvalidOptionError('classWeight', `the weight of "${key}" is ${describe(val)}, expected a finite number >= 0`);
    }
    classes.forEach((c, k) => {
      const v = (o.classWeight as Record<string, number>)[String(c)];
      if (v !== undefined) cw[k] = v;
    });
  }
  for (let i = 0; i < n; i++) w[i] *= cw[yClass[i]];
  const { categorical, nCategories } = growthInput(prep, w);
  const full = growTree(
    { n, columns: prep.enc.columns, categorical, nCategories, yClass, nClasses: K, yValue: null, w },
    { ...r, criterion },
  );
  if (!(full.weight[0] > 0)) throw new InvalidOptionError('sampleWeight', 'the total weight of the training rows is 0');
  const arrays = r.ccpAlpha > 0 ? pruneArrays(full, r.ccpAlpha) : full;
  return new DecisionTree(arrays, {
    task: 'classification',
    criterion,
    target: prep.target,
    classes,
    features: prep.specs,
    allowMissing: r.allowMissing,
    matrixInput: prep.matrixInput,
    full,
  });
}

/**
 * Fits a regression tree (CART with variance reduction: each split minimises the weighted sum of the
 * children's variances; leaves predict the weighted mean). Same inputs, options and missing-value
 * handling as {@link fitDecisionTree}; the target must be numeric.
 *
 * @throws InvalidInputError on a missing or non-numeric target value. A constant target is accepted: the
 *   tree is then a single leaf predicting that value (as scikit-learn).
 *
 * @example
 * ```ts
 * import { fitRegressionTree } from 'crm-mining';
 * // expected monthly spend by tenure band
 * const tree = fitRegressionTree([[1], [3], [5], [24], [30], [36]], [30, 32, 31, 70, 72, 74], { maxDepth: 1 });
 * console.log(tree.task, Array.from(tree.predictValue([[2], [28]]))); // regression [31, 72]
 * ```
 */
export function fitRegressionTree(table: DataTable, options: TableTreeOptions & TreeGrowthOptions): DecisionTree;
export function fitRegressionTree(X: MatrixInput, y: NumericVector, options?: MatrixTreeOptions & TreeGrowthOptions): DecisionTree;
export function fitRegressionTree(
  data: DataTable | MatrixInput,
  yOrOptions?: NumericVector | (TableTreeOptions & TreeGrowthOptions),
  maybeOptions?: MatrixTreeOptions & TreeGrowthOptions,
): DecisionTree {
  if (data instanceof DataTable) rejectUnknownOptions(yOrOptions, TABLE_REGRESSION_TREE_OPTION_KEYS, 'fitRegressionTree');
  else rejectUnknownOptions(maybeOptions, MATRIX_REGRESSION_TREE_OPTION_KEYS, 'fitRegressionTree');
  const { prep, opts } = prepareInput(data, yOrOptions, maybeOptions);
  const r = resolveGrowth(opts, prep.specs.length);
  const n = prep.enc.n;
  const yValue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = prep.targetValues[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidInputError(`row ${i}: the target "${prep.target}" is ${describe(v)}, expected a finite number`, { row: i, field: prep.target });
    }
    yValue[i] = v;
  }
  const w = checkSampleWeight(opts.sampleWeight, n);
  const { categorical, nCategories } = growthInput(prep, w);
  const full = growTree(
    { n, columns: prep.enc.columns, categorical, nCategories, yClass: null, nClasses: 1, yValue, w },
    { ...r, criterion: 'squared-error' },
  );
  if (!(full.weight[0] > 0)) throw new InvalidOptionError('sampleWeight', 'the total weight of the training rows is 0');
  const arrays = r.ccpAlpha > 0 ? pruneArrays(full, r.ccpAlpha) : full;
  return new DecisionTree(arrays, {
    task: 'regression',
    criterion: 'squared-error',
    target: prep.target,
    classes: null,
    features: prep.specs,
    allowMissing: r.allowMissing,
    matrixInput: prep.matrixInput,
    full,
  });
}

/**
 * A classification tree in the estimator shape (`fit(X, y)` returns the fitted {@link DecisionTree}), for
 * {@link crossValidateEstimator} and similar helpers.
 *
 * `Y` is the type of the class labels (default {@link ClassLabel}, any label). The tree predicts only
 * labels it was trained on, so a classifier trained on `Y` labels predicts `Y[]`. Passed to
 * `crossValidateEstimator` as `() => new DecisionTreeClassifier()`, the call needs no type argument;
 * when the metrics (or a typed options object) work on a narrower label type such as `string`, say so
 * on the classifier, `new DecisionTreeClassifier<string>()`, and the call infers the rest (a factory's
 * `new` expression cannot take its type argument from the call it is passed to).
 *
 * @example
 * ```ts
 * import { DecisionTreeClassifier, crossValidateEstimator } from 'crm-mining';
 * const X = [[1], [2], [3], [4], [10], [11], [12], [13]];
 * const y = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'];
 * const cv = crossValidateEstimator(() => new DecisionTreeClassifier({ maxDepth: 2 }), X, y, { k: 4, seed: 1 });
 * console.log(cv.mean.accuracy, cv.scores.accuracy.length); // the mean accuracy over the 4 folds, 4
 * // a metric written for string labels: the classifier states its label type
 * const share = (truth: string[], predicted: ArrayLike<string>): number => {
 *   let hits = 0;
 *   for (let i = 0; i < truth.length; i++) if (truth[i] === 'b' && predicted[i] === 'b') hits++;
 *   return hits / truth.length;
 * };
 * const typed = crossValidateEstimator(() => new DecisionTreeClassifier<string>(), X, y, { k: 4, metrics: { share } });
 * console.log(typed.scores.share.length); // 4
 * ```
 */
export class DecisionTreeClassifier<Y extends ClassLabel = ClassLabel> implements Estimator<Y> {
  /** The options every fit uses. */
  readonly options: MatrixTreeOptions & ClassificationTreeOptions;
  /** @param options - as for {@link fitDecisionTree} (default: all defaults). */
  constructor(options: MatrixTreeOptions & ClassificationTreeOptions = {}) {
    rejectUnknownOptions(options, MATRIX_CLASSIFICATION_TREE_OPTION_KEYS, 'DecisionTreeClassifier');
    this.options = options;
  }
  /** The tree of the last {@link DecisionTreeClassifier.fit} call (undefined before). */
  tree: DecisionTree | undefined;
  /** Fits a tree on a numeric matrix and labels (of type `Y`); keeps and returns it. */
  fit(X: MatrixInput, y: ArrayLike<Y>): DecisionTree {
    this.tree = fitDecisionTree(X, y, this.options);
    return this.tree;
  }
  /**
   * Predicts with the last fitted tree: labels seen in training, hence of type `Y`.
   *
   * @throws CrmMiningError with code `'NOT_FITTED'` before the first fit.
   */
  predict(X: MatrixInput): Y[] {
    if (!this.tree) throw new CrmMiningError('DecisionTreeClassifier: call fit before predict', 'NOT_FITTED');
    return this.tree.predict(X) as Y[];
  }
}

export type { CostComplexityPath, TreeFeatureSpec, TreeInput, TreeArrays };
