/**
 * Reading a tree: IF-THEN rules with merged conditions, indented text and Graphviz dot.
 *
 * @module
 */
import { InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions } from '../core/validate.js';
import type { ClassLabel } from '../evaluation/classification.js';
import type { TreeFeatureSpec } from './encode.js';
import type { DecisionTree } from './tree.js';

/**
 * One feature's merged condition on a rule's path.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type RuleCondition } from 'crm-mining';
 * const tree = fitDecisionTree([[2], [3], [40], [50]], ['yes', 'yes', 'no', 'no'], { featureNames: ['tenure'] });
 * const condition: RuleCondition = tree.rules()[0].conditions[0];
 * console.log(condition.feature, condition.kind, condition.max, condition.text); // tenure numeric 40 tenure < 40
 * ```
 */
export interface RuleCondition {
  /** The feature's name. */
  readonly feature: string;
  /** `'numeric'` (an interval) or `'categorical'` (a set of categories). */
  readonly kind: 'numeric' | 'categorical';
  /** Numeric: inclusive lower bound (absent: unbounded). */
  readonly min?: number;
  /** Numeric: exclusive upper bound (absent: unbounded). */
  readonly max?: number;
  /** Categorical: the training categories that satisfy the rule. */
  readonly values?: readonly string[];
  /** Whether rows missing this feature follow this path. */
  readonly includesMissing: boolean;
  /** The condition as text, e.g. `tenure in [12, 24)` or `Contract = Month-to-month`. */
  readonly text: string;
}

/**
 * One IF-THEN rule: the path to one leaf.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type TreeRule } from 'crm-mining';
 * const tree = fitDecisionTree([[2], [3], [4], [40], [50]], ['yes', 'yes', 'no', 'no', 'no'], { featureNames: ['tenure'], maxDepth: 1 });
 * const [first]: TreeRule[] = tree.rules();
 * console.log(first.conditionText, first.prediction, first.count, first.confidence); // tenure < 4 yes 2 1
 * ```
 */
export interface TreeRule {
  /** The leaf's node id. */
  readonly leaf: number;
  /** The merged conditions, one per feature, in the order the features are first tested on the path. */
  readonly conditions: readonly RuleCondition[];
  /** The conditions joined by ` AND ` (`TRUE` for a tree that is a single leaf). */
  readonly conditionText: string;
  /** The predicted class (classification) or mean value (regression). */
  readonly prediction: ClassLabel;
  /** Training rows in the leaf. */
  readonly count: number;
  /** The leaf's share of all training rows. */
  readonly support: number;
  /** Classification: the share of the leaf's training rows in the predicted class; regression: null. */
  readonly confidence: number | null;
  /** Classification: training rows per class (keyed by the class as text); regression: empty. */
  readonly distribution: Readonly<Record<string, number>>;
  /** The whole rule in plain language, e.g. `IF tenure < 12 AND Contract = Month-to-month THEN Churn = Yes (68.0%, 412 rows)`. */
  readonly text: string;
}

/**
 * Options of {@link DecisionTree.rules}.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, type TreeRuleOptions } from 'crm-mining';
 * const tree = fitDecisionTree([[1], [2], [3], [10], [11], [30]], ['y', 'y', 'n', 'n', 'n', 'y']);
 * const options: TreeRuleOptions = { onlyClass: 'y', sortBy: 'count', minCount: 1 };
 * for (const r of tree.rules(options)) console.log(r.count, r.text);
 * ```
 */
export interface TreeRuleOptions {
  /** Order of the rules (default `'tree'`: leaves left to right): or by `'count'` or `'confidence'`, descending. */
  sortBy?: 'tree' | 'count' | 'confidence';
  /** Only rules predicting this class (default: all). */
  onlyClass?: ClassLabel;
  /** Only rules with at least this many training rows (default 0). */
  minCount?: number;
}

const TREE_RULE_OPTION_KEYS = optionKeys<TreeRuleOptions>({ sortBy: true, onlyClass: true, minCount: true });

/**
 * Formats a threshold for people: 6 significant digits, dates as ISO dates.
 *
 * @example
 * ```ts
 * import { formatValue } from 'crm-mining';
 * console.log(formatValue(21.500000001)); // 21.5
 * console.log(formatValue(Date.UTC(2024, 0, 15), { name: 'signup', kind: 'numeric', isDate: true })); // 2024-01-15
 * ```
 */
export function formatValue(x: number, spec?: TreeFeatureSpec): string {
  if (spec?.isDate) {
    const iso = new Date(x).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(Number(x.toPrecision(6)));
}

interface Bound {
  feature: number;
  min: number;
  max: number;
  allowed: Uint8Array | null;
  missing: boolean;
  onlyMissing?: boolean;
}

function conditionOf(b: Bound, spec: TreeFeatureSpec): RuleCondition {
  const miss = b.missing && spec.hasMissing === true;
  const tail = miss ? ' (or missing)' : '';
  if (spec.kind === 'numeric') {
    const hasMin = b.min > -Infinity;
    const hasMax = b.max < Infinity;
    let text: string;
    if (b.onlyMissing) {
      return { feature: spec.name, kind: 'numeric', includesMissing: true, text: `${spec.name} is missing` };
    }
    if (hasMin && hasMax) text = `${spec.name} in [${formatValue(b.min, spec)}, ${formatValue(b.max, spec)})`;
    else if (hasMin) text = `${spec.name} >= ${formatValue(b.min, spec)}`;
    else if (hasMax) text = `${spec.name} < ${formatValue(b.max, spec)}`;
    else text = b.missing ? `${spec.name} is missing` : `${spec.name} is known`;
    const c: { -readonly [K in keyof RuleCondition]: RuleCondition[K] } = { feature: spec.name, kind: 'numeric', includesMissing: b.missing, text: text + (hasMin || hasMax ? tail : '') };
    if (hasMin) c.min = b.min;
    if (hasMax) c.max = b.max;
    return c;
  }
  const cats = spec.categories!;
  const values: string[] = [];
  const excluded: string[] = [];
  for (let k = 0; k < cats.length; k++) (b.allowed![k] ? values : excluded).push(cats[k]);
  let text: string;
  if (values.length === 0) text = `${spec.name} is missing`;
  else if (values.length === 1) text = `${spec.name} = ${values[0]}`;
  else if (excluded.length === 1) text = `${spec.name} != ${excluded[0]}`;
  else if (excluded.length < values.length) text = `${spec.name} not in {${excluded.join(', ')}}`;
  else text = `${spec.name} in {${values.join(', ')}}`;
  return { feature: spec.name, kind: 'categorical', values, includesMissing: b.missing, text: text + (values.length > 0 ? tail : '') };
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** The rules of a tree. @internal (use {@link DecisionTree.rules}) */
export function treeRules(tree: DecisionTree, options: TreeRuleOptions = {}): TreeRule[] {
  rejectUnknownOptions(options, TREE_RULE_OPTION_KEYS, 'DecisionTree.rules');
  const sortBy = options.sortBy ?? 'tree';
  if (sortBy !== 'tree' && sortBy !== 'count' && sortBy !== 'confidence') {
    throw new InvalidOptionError('sortBy', `expected 'tree', 'count' or 'confidence', got ${describe(sortBy)}`);
  }
  const minCount = options.minCount ?? 0;
  if (typeof minCount !== 'number' || !(minCount >= 0)) throw new InvalidOptionError('minCount', `expected a number >= 0, got ${describe(minCount)}`);
  const t = tree.arrays;
  const K = t.width;
  const rootN = t.nSamples[0];
  const out: TreeRule[] = [];
  const targetName = tree.target || 'class';
  // Depth-first with the path of (node, wentLeft).
  const path: [number, boolean][] = [];
  const visit = (id: number): void => {
    if (t.feature[id] >= 0) {
      path.push([id, true]);
      visit(t.left[id]);
      path[path.length - 1][1] = false;
      visit(t.right[id]);
      path.pop();
      return;
    }
    const bounds = new Map<number, Bound>();
    const order: number[] = [];
    for (const [nid, wentLeft] of path) {
      const f = t.feature[nid];
      const spec = tree.features[f];
      let b = bounds.get(f);
      if (!b) {
        b = { feature: f, min: -Infinity, max: Infinity, allowed: spec.kind === 'categorical' ? new Uint8Array(spec.categories!.length).fill(1) : null, missing: true };
        bounds.set(f, b);
        order.push(f);
      }
      if ((t.missingLeft[nid] === 1) !== wentLeft) b.missing = false;
      if (spec.kind === 'numeric') {
        const th = t.threshold[nid];
        if (th === Infinity) {
          if (!wentLeft) b.onlyMissing = true;
        } else if (wentLeft) b.max = Math.min(b.max, th);
        else b.min = Math.max(b.min, th);
      } else {
        const side = new Uint8Array(spec.categories!.length); // 0 unseen at node, 1 left, 2 right
        for (const c of t.leftCategories[nid]!) side[c] = 1;
        for (const c of t.rightCategories[nid]!) side[c] = 2;
        const unseenOk = (t.unknownLeft[nid] === 1) === wentLeft;
        for (let c = 0; c < side.length; c++) {
          const ok = side[c] === 0 ? unseenOk : (side[c] === 1) === wentLeft;
          if (!ok) b.allowed![c] = 0;
        }
      }
    }
    const conditions = order.map((f) => conditionOf(bounds.get(f)!, tree.features[f]));
    const conditionText = conditions.length === 0 ? 'TRUE' : conditions.map((c) => c.text).join(' AND ');
    const count = t.nSamples[id];
    let prediction: ClassLabel;
    let confidence: number | null = null;
    const distribution: Record<string, number> = {};
    if (tree.task === 'classification') {
      let best = 0;
      for (let k = 1; k < K; k++) if (t.value[id * K + k] > t.value[id * K + best]) best = k;
      prediction = tree.classes[best];
      for (let k = 0; k < K; k++) distribution[String(tree.classes[k])] = t.counts[id * K + k];
      confidence = count > 0 ? t.counts[id * K + best] / count : 0;
    } else prediction = t.value[id];
    if (count < minCount) return;
    if (options.onlyClass !== undefined && prediction !== options.onlyClass) return;
    const then =
      tree.task === 'classification'
        ? `${targetName} = ${String(prediction)} (${percent(confidence!)}, ${count} rows)`
        : `${targetName} = ${formatValue(prediction as number)} (${count} rows)`;
    out.push({
      leaf: id,
      conditions,
      conditionText,
      prediction,
      count,
      support: rootN > 0 ? count / rootN : 0,
      confidence,
      distribution,
      text: `IF ${conditionText} THEN ${then}`,
    });
  };
  visit(0);
  if (sortBy === 'count') out.sort((a, b) => b.count - a.count || a.leaf - b.leaf);
  else if (sortBy === 'confidence') out.sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || b.count - a.count || a.leaf - b.leaf);
  return out;
}

function branchText(tree: DecisionTree, id: number, left: boolean): string {
  const t = tree.arrays;
  const spec = tree.features[t.feature[id]];
  const miss = spec.hasMissing === true && (t.missingLeft[id] === 1) === left ? ' (or missing)' : '';
  if (spec.kind === 'numeric') {
    if (t.threshold[id] === Infinity) return `${spec.name} ${left ? 'is known' : 'is missing'}`;
    return `${spec.name} ${left ? '<' : '>='} ${formatValue(t.threshold[id], spec)}${miss}`;
  }
  if (!left && t.rightCategories[id]!.length === 0) return `${spec.name} is missing`;
  const cats = Array.from((left ? t.leftCategories[id] : t.rightCategories[id])!, (c) => spec.categories![c]);
  return `${spec.name} ${cats.length === 1 ? '= ' + cats[0] : 'in {' + cats.join(', ') + '}'}${miss}`;
}

function leafText(tree: DecisionTree, id: number): string {
  const t = tree.arrays;
  const K = t.width;
  if (tree.task === 'regression') return `${formatValue(t.value[id])} (${t.nSamples[id]} rows)`;
  let best = 0;
  for (let k = 1; k < K; k++) if (t.value[id * K + k] > t.value[id * K + best]) best = k;
  const n = t.nSamples[id];
  return `${String(tree.classes[best])} (${n} rows, ${percent(n > 0 ? t.counts[id * K + best] / n : 0)})`;
}

/** The tree as indented text. @internal (use {@link DecisionTree.toText}) */
export function treeToText(tree: DecisionTree): string {
  const t = tree.arrays;
  const lines: string[] = [];
  const visit = (id: number, indent: string): void => {
    for (const left of [true, false]) {
      const child = left ? t.left[id] : t.right[id];
      const head = `${indent}${branchText(tree, id, left)}`;
      if (t.feature[child] < 0) lines.push(`${head}: ${leafText(tree, child)}`);
      else {
        lines.push(head);
        visit(child, indent + '|   ');
      }
    }
  };
  if (t.feature[0] < 0) lines.push(`${leafText(tree, 0)}`);
  else visit(0, '');
  return lines.join('\n') + '\n';
}

function dotEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** The tree in Graphviz dot. @internal (use {@link DecisionTree.toDot}) */
export function treeToDot(tree: DecisionTree): string {
  const t = tree.arrays;
  const lines = ['digraph tree {', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica"];'];
  for (let id = 0; id < t.feature.length; id++) {
    const f = t.feature[id];
    const label = f < 0 ? leafText(tree, id) : `${tree.features[f].name}\\n${t.nSamples[id]} rows`;
    lines.push(`  n${id} [label="${f < 0 ? dotEscape(label) : dotEscape(tree.features[f].name) + '\\n' + t.nSamples[id] + ' rows'}"${f < 0 ? ', style=rounded' : ''}];`);
    if (f >= 0) {
      lines.push(`  n${id} -> n${t.left[id]} [label="${dotEscape(branchText(tree, id, true))}"];`);
      lines.push(`  n${id} -> n${t.right[id]} [label="${dotEscape(branchText(tree, id, false))}"];`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/**
 * Rules as plain text, one `IF … THEN …` line each.
 *
 * @example
 * ```ts
 * import { fitDecisionTree, rulesToText } from 'crm-mining';
 * const tree = fitDecisionTree([[2], [3], [40], [50]], ['yes', 'yes', 'no', 'no'], { featureNames: ['tenure'] });
 * console.log(rulesToText(tree.rules()));
 * // IF tenure < 40 THEN y = yes (100.0%, 2 rows)
 * // IF tenure >= 40 THEN y = no (100.0%, 2 rows)
 * ```
 */
export function rulesToText(rules: readonly TreeRule[]): string {
  return rules.map((r) => r.text).join('\n') + (rules.length > 0 ? '\n' : '');
}
