/**
 * Isolation Forest (Liu, Ting & Zhou 2008), as scikit-learn's `IsolationForest`: each tree is grown on a
 * random subsample of ψ rows drawn without replacement (default ψ = min(256, n)); a node picks a random
 * feature among those not constant in the node and a split value uniform between the node's minimum and
 * maximum of it, and stops at depth ceil(log2 ψ) or when it holds one row (or only equal rows). A row's path
 * length in a tree is the depth of the leaf it reaches plus c(size of that leaf), where
 * c(m) = 2 H(m − 1) − 2 (m − 1) / m (H the harmonic number, ≈ ln + Euler's constant), c(2) = 1, c(m ≤ 1) = 0,
 * the mean path length of an unsuccessful search in a binary search tree. The score is
 * s(x) = 2^(−E[h(x)] / c(ψ)) in (0, 1]: near 1 for rows isolated quickly (anomalies), below 0.5 for
 * ordinary ones. (scikit-learn's `score_samples` is −s.)
 *
 * The trees are stored in flat typed arrays; scoring walks every tree per row.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { Random } from '../core/rng.js';
import { requireFinite, requireInteger, rejectUnknownOptions } from '../core/validate.js';
import { checkDetectorJson, jsonFloats, jsonLabelling, jsonNumber, OutlierDetectorBase, resolveLabelling, type Labelling, type LabelOptions, type OutlierMethod } from './detector.js';
import { ISOLATION_FOREST_OPTION_KEYS } from './option-keys.js';

/**
 * Options of {@link fitIsolationForest}.
 *
 * @example
 * ```ts
 * import { fitIsolationForest, type IsolationForestOptions } from 'crm-mining';
 * const options: IsolationForestOptions = { nTrees: 50, maxSamples: 64, seed: 7 };
 * const forest = fitIsolationForest(Array.from({ length: 100 }, (_, i) => [i % 10, i % 7]), options);
 * console.log(forest.nTrees, forest.maxSamples, forest.maxDepth); // 50 64 6
 * ```
 */
export interface IsolationForestOptions extends LabelOptions {
  /** The number of trees (default 100, as scikit-learn). */
  nTrees?: number;
  /** Rows per tree ψ, at least 2, drawn without replacement (default 256, as scikit-learn); reduced to n when larger. */
  maxSamples?: number;
  /** The depth limit (default ceil(log2 ψ), as the paper and scikit-learn). */
  maxDepth?: number;
  /** Seed of the random subsamples and splits (default 42); the same seed gives the same forest, bit for bit. */
  seed?: number;
}

const EULER = 0.5772156649015329;

/**
 * c(m): the average path length of an unsuccessful search in a binary search tree of m nodes, the
 * normaliser of Isolation Forest path lengths: 0 for m ≤ 1, 1 for m = 2, else 2 (ln(m − 1) + γ) − 2 (m − 1) / m.
 *
 * @throws InvalidOptionError when `m` is not an integer >= 0.
 *
 * @example
 * ```ts
 * import { averagePathLength } from 'crm-mining';
 * // the normaliser of Isolation Forest path lengths for a subsample of 256 rows
 * console.log(averagePathLength(256).toFixed(4)); // 10.2448
 * ```
 */
export function averagePathLength(m: number): number {
  requireInteger('m', m, 0);
  return pathLengthNormaliser(m);
}

/** {@link averagePathLength} without the argument check, for the tree-growing and scoring loops. */
function pathLengthNormaliser(m: number): number {
  if (m <= 1) return 0;
  if (m === 2) return 1;
  return 2 * (Math.log(m - 1) + EULER) - (2 * (m - 1)) / m;
}

/**
 * The flat arrays of a forest. Node `i` is a leaf when `feature[i] < 0`; its children are `left[i]` and `left[i] + 1`.
 *
 * @example
 * ```ts
 * import { fitIsolationForest, type IsolationForest, type IsolationForestNodes } from 'crm-mining';
 * // the flat node arrays are what a forest serialises (see its toJSON().params)
 * const forest: IsolationForest = fitIsolationForest([[1], [2], [3], [4], [50]], { nTrees: 2, seed: 1 });
 * const roots: IsolationForestNodes['roots'] = new Int32Array(forest.nTrees);
 * console.log(roots.length); // 2
 * ```
 */
export interface IsolationForestNodes {
  /** The root node of each tree. */
  roots: Int32Array;
  /** Per node: the split feature, or −1 for a leaf. */
  feature: Int32Array;
  /** Per node: the split value (rows with x ≤ split go left). */
  split: Float64Array;
  /** Per node: the left child (the right child is the next node). */
  left: Int32Array;
  /** Per leaf: its depth + c(leaf size). */
  value: Float64Array;
}

/**
 * A fitted Isolation Forest.
 *
 * @example
 * ```ts
 * import { fitIsolationForest, type IsolationForest } from 'crm-mining';
 * const forest: IsolationForest = fitIsolationForest([[1], [2], [3], [2], [1], [40]], { nTrees: 100, seed: 3 });
 * // an isolated row needs fewer random splits: a shorter mean path
 * const [inlier, outlier] = forest.meanPathLength([[2], [40]]);
 * console.log(outlier < inlier); // true
 * ```
 */
export class IsolationForest extends OutlierDetectorBase {
  /** `'iforest'`. */
  readonly method: OutlierMethod = 'iforest';
  /** The number of trees. */
  readonly nTrees: number;
  /** Rows per tree ψ actually used. */
  readonly maxSamples: number;
  /** The depth limit. */
  readonly maxDepth: number;
  private readonly forest: IsolationForestNodes;

  /** Use {@link fitIsolationForest} or {@link IsolationForest.fromJSON}. */
  constructor(nFeatures: number, maxSamples: number, maxDepth: number, forest: IsolationForestNodes, trainingScores: Float64Array, labelling: Labelling) {
    super(nFeatures, trainingScores, labelling);
    this.nTrees = forest.roots.length;
    this.maxSamples = maxSamples;
    this.maxDepth = maxDepth;
    this.forest = forest;
  }

  protected scoreMatrix(X: Matrix): Float64Array {
    return scoreForest(this.forest, X, this.maxSamples);
  }

  /**
   * The mean path length E[h(x)] of each row over the trees (smaller = isolated sooner = more anomalous).
   */
  meanPathLength(X: MatrixInput): Float64Array {
    const m = this.checkInput(X);
    const s = scoreForest(this.forest, m, this.maxSamples);
    const c = pathLengthNormaliser(this.maxSamples);
    for (let i = 0; i < s.length; i++) s[i] = -Math.log2(s[i]) * c;
    return s;
  }

  protected params(): Record<string, unknown> {
    const f = this.forest;
    return {
      maxSamples: this.maxSamples,
      maxDepth: this.maxDepth,
      roots: Array.from(f.roots),
      feature: Array.from(f.feature),
      split: Array.from(f.split),
      left: Array.from(f.left),
      value: Array.from(f.value),
    };
  }

  /** Rebuilds a forest from {@link IsolationForest.toJSON}'s output. @throws InvalidInputError for malformed JSON. */
  static fromJSON(json: unknown): IsolationForest {
    const j = checkDetectorJson(json, 'iforest');
    const p = j.params;
    const feature = jsonFloats(p, 'feature');
    const nodes = feature.length;
    const forest: IsolationForestNodes = {
      roots: Int32Array.from(jsonFloats(p, 'roots')),
      feature: Int32Array.from(feature),
      split: jsonFloats(p, 'split', nodes),
      left: Int32Array.from(jsonFloats(p, 'left', nodes)),
      value: jsonFloats(p, 'value', nodes),
    };
    for (let i = 0; i < nodes; i++) {
      if (forest.feature[i] >= j.nFeatures || (forest.feature[i] >= 0 && (forest.left[i] < 0 || forest.left[i] + 1 >= nodes))) {
        throw new InvalidInputError(`iforest detector JSON: node ${i} refers to a missing feature or child`, { field: 'params' });
      }
    }
    return new IsolationForest(j.nFeatures, jsonNumber(p, 'maxSamples'), jsonNumber(p, 'maxDepth'), forest, Float64Array.from(j.trainingScores), jsonLabelling(j));
  }
}

function scoreForest(f: IsolationForestNodes, X: Matrix, psi: number): Float64Array {
  const { rows, cols, data } = X;
  const { roots, feature, split, left, value } = f;
  const nTrees = roots.length;
  const out = new Float64Array(rows);
  const cn = pathLengthNormaliser(psi);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let total = 0;
    for (let t = 0; t < nTrees; t++) {
      let node = roots[t];
      let fe = feature[node];
      while (fe >= 0) {
        node = data[o + fe] <= split[node] ? left[node] : left[node] + 1;
        fe = feature[node];
      }
      total += value[node];
    }
    out[i] = cn > 0 ? Math.pow(2, -total / nTrees / cn) : 1;
  }
  return out;
}

/**
 * Fits an Isolation Forest. Labelling default: contamination 0.1 (PyOD's default).
 *
 * @throws InvalidInputError for non-finite values, ragged rows or fewer than 2 rows; InvalidOptionError
 *   for a bad `nTrees`, `maxSamples` (below 2), `maxDepth`, `seed`, `contamination` or `threshold`.
 *
 * @example
 * ```ts
 * import { fitIsolationForest, Random } from 'crm-mining';
 * const rng = new Random(1);
 * const rows = Array.from({ length: 200 }, () => [rng.normal(), rng.normal()]);
 * rows.push([6, 6]);
 * const forest = fitIsolationForest(rows, { nTrees: 100, seed: 42, contamination: 0.01 });
 * console.log(forest.trainingLabels()[200]); // 1
 * ```
 */
export function fitIsolationForest(X: MatrixInput, options: IsolationForestOptions = {}): IsolationForest {
  rejectUnknownOptions(options, ISOLATION_FOREST_OPTION_KEYS, 'fitIsolationForest');
  const m = toMatrix(X, { name: 'X' });
  // with one row per tree every path has length 0 and every score would be 1, whatever the data
  if (m.rows < 2) throw new InvalidInputError(`X: ${m.rows} row; an isolation forest needs at least 2`);
  const nTrees = requireInteger('nTrees', options.nTrees ?? 100, 1, 1e6);
  const psi = Math.min(requireInteger('maxSamples', options.maxSamples ?? 256, 2), m.rows);
  const maxDepth = requireInteger('maxDepth', options.maxDepth ?? Math.max(0, Math.ceil(Math.log2(Math.max(psi, 2)))), 0, 64);
  const rng = new Random(requireFinite('seed', options.seed ?? 42));
  const { rows, cols, data } = m;

  const cap = nTrees * Math.max(1, 2 * psi - 1);
  const feature = new Int32Array(cap);
  const split = new Float64Array(cap);
  const left = new Int32Array(cap);
  const value = new Float64Array(cap);
  const roots = new Int32Array(nTrees);
  let used = 0;

  const all = new Int32Array(rows);
  const idx = new Int32Array(psi);
  const order = new Int32Array(cols);

  // Grows the subtree of rows idx[lo, hi) into the given node; children are allocated in pairs so that
  // the right child is left + 1.
  const grow = (node: number, lo: number, hi: number, depth: number): void => {
    const size = hi - lo;
    if (depth < maxDepth && size > 1) {
      // A random feature among the non-constant ones (drawn without replacement until one varies).
      for (let c = 0; c < cols; c++) order[c] = c;
      let remaining = cols;
      while (remaining > 0) {
        const pick = rng.int(remaining);
        const f = order[pick];
        order[pick] = order[remaining - 1];
        order[remaining - 1] = f;
        remaining--;
        let mn = Infinity;
        let mx = -Infinity;
        for (let t = lo; t < hi; t++) {
          const v = data[idx[t] * cols + f];
          if (v < mn) mn = v;
          if (v > mx) mx = v;
        }
        if (mx > mn) {
          let s = mn + rng.next() * (mx - mn);
          if (s >= mx) s = mn;
          // Partition idx[lo, hi) into rows with x <= s, then the rest.
          let a = lo;
          let b = hi - 1;
          while (a <= b) {
            if (data[idx[a] * cols + f] <= s) a++;
            else {
              const tmp = idx[a];
              idx[a] = idx[b];
              idx[b] = tmp;
              b--;
            }
          }
          feature[node] = f;
          split[node] = s;
          const l = used;
          used += 2;
          left[node] = l;
          grow(l, lo, a, depth + 1);
          grow(l + 1, a, hi, depth + 1);
          return;
        }
      }
    }
    feature[node] = -1;
    value[node] = depth + pathLengthNormaliser(size);
  };

  for (let i = 0; i < rows; i++) all[i] = i;
  for (let t = 0; t < nTrees; t++) {
    // ψ distinct rows without replacement: a partial Fisher–Yates shuffle of the index array (which stays
    // a permutation from tree to tree, so it need not be reset).
    for (let i = 0; i < psi; i++) {
      const j = i + rng.int(rows - i);
      const tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
      idx[i] = all[i];
    }
    roots[t] = used++;
    grow(roots[t], 0, psi, 0);
  }
  const forest: IsolationForestNodes = {
    roots,
    feature: feature.slice(0, used),
    split: split.slice(0, used),
    left: left.slice(0, used),
    value: value.slice(0, used),
  };
  const scores = scoreForest(forest, m, psi);
  return new IsolationForest(cols, psi, maxDepth, forest, scores, resolveLabelling(scores, options, { contamination: 0.1 }));
}
