/**
 * Minimal cost-complexity pruning (Breiman et al., ch. 3): the weakest-link sequence of nested subtrees.
 *
 * The cost of a subtree T is R_α(T) = R(T) + α·|leaves(T)|, with R the sum over its leaves of
 * (leaf weight / total weight) × leaf impurity — the same measure scikit-learn's `ccp_alpha` uses. For each
 * internal node t, g(t) = (R(t) − R(T_t)) / (|leaves(T_t)| − 1) is the α at which collapsing t into a leaf
 * stops costing; repeatedly collapsing the nodes of smallest g gives the pruning path.
 *
 * @module
 * @internal
 */
import type { TreeArrays } from './cart.js';

/**
 * The effective alphas of the weakest-link pruning sequence.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type CostComplexityPath } from 'crm-mining';
 * const X = [[1], [2], [3], [4], [5], [6], [7], [8]];
 * const y = ['a', 'a', 'b', 'a', 'b', 'b', 'a', 'b'];
 * const tree = fitDecisionTree(X, y);
 * const path: CostComplexityPath = tree.costComplexityPath();
 * // each alpha gives a smaller tree; pick one by cross-validation, then prune
 * console.log(Array.from(path.leaves)); // leaf counts, decreasing to 1
 * console.log(tree.prune(path.alphas[path.alphas.length - 1]).leafCount); // 1
 * ```
 */
export interface CostComplexityPath {
  /** Increasing alphas; the first is 0 (the full tree). Pruning with alpha in [alphas[i], alphas[i+1]) gives tree i. */
  readonly alphas: Float64Array;
  /** Total leaf impurity R(T) of each subtree in the sequence (non-decreasing). */
  readonly impurities: Float64Array;
  /** Number of leaves of each subtree (decreasing, down to 1). */
  readonly leaves: Int32Array;
}

interface State {
  collapsed: Uint8Array;
  reachable: Uint8Array;
  subR: Float64Array;
  subLeaves: Int32Array;
}

function nodeR(t: TreeArrays, total: number, id: number): number {
  return (t.weight[id] / total) * t.impurity[id];
}

function refresh(t: TreeArrays, total: number, s: State): void {
  const m = t.feature.length;
  s.reachable.fill(0);
  s.reachable[0] = 1;
  for (let id = 0; id < m; id++) {
    if (!s.reachable[id] || s.collapsed[id] || t.feature[id] < 0) continue;
    s.reachable[t.left[id]] = 1;
    s.reachable[t.right[id]] = 1;
  }
  for (let id = m - 1; id >= 0; id--) {
    if (!s.reachable[id]) continue;
    if (s.collapsed[id] || t.feature[id] < 0) {
      s.subR[id] = nodeR(t, total, id);
      s.subLeaves[id] = 1;
    } else {
      s.subR[id] = s.subR[t.left[id]] + s.subR[t.right[id]];
      s.subLeaves[id] = s.subLeaves[t.left[id]] + s.subLeaves[t.right[id]];
    }
  }
}

/** Runs the weakest-link sequence; calls `step(alpha)` after each collapse round; stops when `step` returns false. */
function weakestLink(t: TreeArrays, onRound: (alpha: number, s: State) => boolean): State {
  const m = t.feature.length;
  const total = t.weight[0];
  const s: State = {
    collapsed: new Uint8Array(m),
    reachable: new Uint8Array(m),
    subR: new Float64Array(m),
    subLeaves: new Int32Array(m),
  };
  refresh(t, total, s);
  for (;;) {
    let gMin = Infinity;
    for (let id = 0; id < m; id++) {
      if (!s.reachable[id] || s.collapsed[id] || t.feature[id] < 0) continue;
      const g = (nodeR(t, total, id) - s.subR[id]) / (s.subLeaves[id] - 1);
      if (g < gMin) gMin = g;
    }
    if (gMin === Infinity) break;
    if (gMin < 0) gMin = 0; // rounding
    const tol = 1e-12 + 1e-9 * gMin;
    if (!onRound(gMin, s)) break;
    for (let id = 0; id < m; id++) {
      if (!s.reachable[id] || s.collapsed[id] || t.feature[id] < 0) continue;
      const g = (nodeR(t, total, id) - s.subR[id]) / (s.subLeaves[id] - 1);
      if (g <= gMin + tol) s.collapsed[id] = 1;
    }
    refresh(t, total, s);
  }
  return s;
}

/** The pruning path of a fully grown tree. @internal */
export function costComplexityPath(t: TreeArrays): CostComplexityPath {
  const first = weakestLinkStart(t);
  const alphas: number[] = [0];
  const impurities: number[] = [first.r];
  const leaves: number[] = [first.leaves];
  let rounds = 0;
  const last = weakestLink(t, (alpha, s) => {
    // s is the tree after the previous round's collapse.
    if (rounds > 0) {
      impurities.push(s.subR[0]);
      leaves.push(s.subLeaves[0]);
    }
    alphas.push(alpha);
    rounds++;
    return true;
  });
  if (rounds > 0) {
    impurities.push(last.subR[0]);
    leaves.push(last.subLeaves[0]);
  }
  return { alphas: Float64Array.from(alphas), impurities: Float64Array.from(impurities), leaves: Int32Array.from(leaves) };
}

function weakestLinkStart(t: TreeArrays): { r: number; leaves: number } {
  let r = 0;
  let leaves = 0;
  for (let id = 0; id < t.feature.length; id++) {
    if (t.feature[id] < 0) {
      r += nodeR(t, t.weight[0], id);
      leaves++;
    }
  }
  return { r, leaves };
}

/** The subtree for a given alpha: every node whose g ≤ alpha (in the weakest-link order) is collapsed. @internal */
export function pruneArrays(t: TreeArrays, alpha: number): TreeArrays {
  if (alpha <= 0) return t;
  const s = weakestLink(t, (a) => a <= alpha);
  return compact(t, s.collapsed);
}

/** Copies the nodes reachable from the root, turning collapsed nodes into leaves; keeps preorder ids. */
export function compact(t: TreeArrays, collapsed: Uint8Array): TreeArrays {
  const K = t.width;
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const id = stack.pop()!;
    order.push(id);
    if (t.feature[id] >= 0 && !collapsed[id]) {
      stack.push(t.right[id]);
      stack.push(t.left[id]);
    }
  }
  const m = order.length;
  const newId = new Map<number, number>();
  order.forEach((id, k) => newId.set(id, k));
  const out = {
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    left: new Int32Array(m),
    right: new Int32Array(m),
    missingLeft: new Uint8Array(m),
    unknownLeft: new Uint8Array(m),
    leftCategories: new Array<Int32Array | null>(m).fill(null),
    rightCategories: new Array<Int32Array | null>(m).fill(null),
    nSamples: new Int32Array(m),
    weight: new Float64Array(m),
    impurity: new Float64Array(m),
    value: new Float64Array(m * K),
    counts: new Float64Array(m * K),
    depth: new Int32Array(m),
    width: K,
  };
  for (let k = 0; k < m; k++) {
    const id = order[k];
    const leaf = t.feature[id] < 0 || collapsed[id] === 1;
    out.feature[k] = leaf ? -1 : t.feature[id];
    out.threshold[k] = leaf ? 0 : t.threshold[id];
    out.left[k] = leaf ? -1 : newId.get(t.left[id])!;
    out.right[k] = leaf ? -1 : newId.get(t.right[id])!;
    out.missingLeft[k] = leaf ? 0 : t.missingLeft[id];
    out.unknownLeft[k] = leaf ? 0 : t.unknownLeft[id];
    out.leftCategories[k] = leaf ? null : t.leftCategories[id];
    out.rightCategories[k] = leaf ? null : t.rightCategories[id];
    out.nSamples[k] = t.nSamples[id];
    out.weight[k] = t.weight[id];
    out.impurity[k] = t.impurity[id];
    out.depth[k] = t.depth[id];
    for (let c = 0; c < K; c++) {
      out.value[k * K + c] = t.value[id * K + c];
      out.counts[k * K + c] = t.counts[id * K + c];
    }
  }
  return out;
}
