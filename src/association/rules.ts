/**
 * Association rules from frequent itemsets: strong rules, their interest measures, and the
 * {@link RuleSet} that sorts, filters, prints and exports them.
 *
 * A rule X => Y says that transactions containing the itemset X (the antecedent, left-hand side) tend
 * to contain Y (the consequent, right-hand side); X and Y are disjoint and non-empty. In association
 * analysis a rule that satisfies both the minimum support and the minimum confidence is a
 * **strong rule**: {@link strongRules} mines the frequent itemsets (minimum support) and keeps the rules
 * with at least the minimum confidence; {@link associationRules} does the second step on itemsets that
 * are already mined.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError, LimitExceededError } from '../core/errors.js';
import type { LongRunningOptions } from '../core/progress.js';
import { throwIfAborted } from '../core/progress.js';
import { describe, optionKeys, pickOptions, rejectUnknownOptions, requireInRange, requireInteger, requireOneOf, type OptionKeySet } from '../core/validate.js';
import { writeFileAtomic } from '../data/files.js';
import type { TransactionSet } from '../data/transactions.js';
import type { FrequentItemsets } from './itemsets.js';
import { ruleMeasuresFromCounts } from './measures.js';
import { mineItemsets } from './mine.js';
import type { MineItemsetsOptions } from './mine.js';

/**
 * One association rule X => Y with every interest measure. `s(·)` below is support, the fraction of
 * the N transactions that contain an itemset; the measures are defined in `measures.ts` (mlxtend's
 * definitions). Rules are frozen: they never change once made.
 *
 * @example
 * ```ts
 * import { strongRules, TransactionSet, type AssociationRule } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['tea', 'jam'], ['tea', 'jam'], ['tea'], ['scone'], ['scone']]);
 * const { rules } = strongRules(baskets, { minCount: 2, minConfidence: 0.9 });
 * const rule: AssociationRule = rules.rules[0];
 * console.log(rule.antecedent, rule.consequent, rule.count, rule.confidence, rule.lift.toFixed(3)); // [ 'jam' ] [ 'tea' ] 2 1 1.667
 * ```
 */
export interface AssociationRule {
  /** X, the left-hand side: item names in item-id order (the order of first appearance in the data). Never empty. */
  readonly antecedent: readonly string[];
  /** Y, the right-hand side: item names in item-id order. Never empty; disjoint from the antecedent. */
  readonly consequent: readonly string[];
  /** The number of transactions containing X ∪ Y (absolute support). */
  readonly count: number;
  /** `s(XY) = count / N`, the support of the rule. */
  readonly support: number;
  /** `s(X)`, the support of the antecedent. */
  readonly antecedentSupport: number;
  /** `s(Y)`, the support of the consequent. */
  readonly consequentSupport: number;
  /** `s(XY) / s(X)`, an estimate of P(Y | X); in [0, 1]. */
  readonly confidence: number;
  /** `confidence / s(Y) = s(XY) / (s(X) s(Y))`; 1 means independence. */
  readonly lift: number;
  /** `s(XY) − s(X) s(Y)`; 0 means independence. */
  readonly leverage: number;
  /** `(1 − s(Y)) / (1 − confidence)`; `+Infinity` when confidence is 1 (written `"Infinity"` in JSON and CSV). */
  readonly conviction: number;
  /** Zhang's metric `(s(XY) − s(X)s(Y)) / max(s(XY)(1 − s(X)), s(X)(s(Y) − s(XY)))` in [−1, 1]; 0 when it reads 0/0. */
  readonly zhang: number;
  /** `s(XY) / (s(X) + s(Y) − s(XY))`. */
  readonly jaccard: number;
  /** Certainty factor `(confidence − s(Y)) / (1 − s(Y))`; 0 when s(Y) = 1. */
  readonly certainty: number;
  /** `(s(XY)/s(X) + s(XY)/s(Y)) / 2`. */
  readonly kulczynski: number;
}

/**
 * The names of the numeric measures a rule carries.
 *
 * @example
 * ```ts
 * import { strongRules, TransactionSet, type RuleMeasure } from 'crm-mining';
 * declare const baskets: TransactionSet;
 * const sortKey: RuleMeasure = 'conviction';
 * const { rules } = strongRules(baskets, { minSupport: 0.01, minConfidence: 0.5 });
 * for (const rule of rules.sortBy(sortKey).top(3)) console.log(rules.format(rule), rule[sortKey]);
 * ```
 */
export type RuleMeasure =
  | 'count'
  | 'support'
  | 'antecedentSupport'
  | 'consequentSupport'
  | 'confidence'
  | 'lift'
  | 'leverage'
  | 'conviction'
  | 'zhang'
  | 'jaccard'
  | 'certainty'
  | 'kulczynski';

/**
 * Every {@link RuleMeasure}, in the order of the CSV columns.
 *
 * @example
 * ```ts
 * import { RULE_MEASURES, RuleSet } from 'crm-mining';
 * declare const rules: RuleSet;
 * // a compact table with one column per measure
 * console.table(rules.toArray().map((r) => Object.fromEntries(RULE_MEASURES.map((m) => [m, r[m]]))));
 * console.log(RULE_MEASURES.length); // 12
 * ```
 */
export const RULE_MEASURES: readonly RuleMeasure[] = Object.freeze([
  'count',
  'support',
  'antecedentSupport',
  'consequentSupport',
  'confidence',
  'lift',
  'leverage',
  'conviction',
  'zhang',
  'jaccard',
  'certainty',
  'kulczynski',
] as RuleMeasure[]);

/**
 * Inclusive bounds on one measure: a rule passes when `min <= value <= max`. Either end may be left out.
 *
 * @example
 * ```ts
 * import { RuleSet, type MeasureBounds } from 'crm-mining';
 * declare const rules: RuleSet;
 * const interesting: MeasureBounds = { min: 1.5 };
 * const notTooObvious: MeasureBounds = { max: 0.95 };
 * const kept = rules.filter({ lift: interesting, confidence: notTooObvious });
 * console.log(`${kept.length} of ${rules.length} rules kept`);
 * ```
 */
export interface MeasureBounds {
  /** The smallest value kept (inclusive). Default: no lower bound. */
  min?: number;
  /** The largest value kept (inclusive). Default: no upper bound. `Infinity` keeps infinite conviction. */
  max?: number;
}

/**
 * Which rules to keep: either bounds on measures, all of which must hold (for example
 * `{ lift: { min: 1.2 }, conviction: { max: 10 } }`), or a predicate that returns `true` for the rules
 * to keep (for example `(r) => r.consequent.includes('whole milk')`).
 *
 * @example
 * ```ts
 * import { strongRules, TransactionSet, type RuleFilter } from 'crm-mining';
 * declare const baskets: TransactionSet;
 * const byBounds: RuleFilter = { lift: { min: 1.2 }, conviction: { max: 10 } };
 * const aboutMilk: RuleFilter = (rule) => rule.consequent.includes('whole milk');
 * const { rules } = strongRules(baskets, { minSupport: 0.001, minConfidence: 0.5, filter: byBounds });
 * console.log(rules.filter(aboutMilk).length);
 * ```
 */
export type RuleFilter = { readonly [M in RuleMeasure]?: MeasureBounds } | ((rule: AssociationRule) => boolean);

/**
 * The default for {@link RuleOptions.maxRules}.
 *
 * @example
 * ```ts
 * import { associationRules, DEFAULT_MAX_RULES, type FrequentItemsets } from 'crm-mining';
 * declare const itemsets: FrequentItemsets;
 * // low confidence on many itemsets: allow more rules than the default guard
 * const rules = associationRules(itemsets, { minConfidence: 0.1, maxRules: 10 * DEFAULT_MAX_RULES });
 * console.log(rules.length);
 * ```
 */
export const DEFAULT_MAX_RULES = 1_000_000;

/**
 * Options of {@link associationRules}.
 *
 * @example
 * ```ts
 * import { associationRules, fpGrowth, TransactionSet, type RuleOptions } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a', 'b', 'c'], ['a', 'b', 'c'], ['a', 'b'], ['c']]);
 * const options: RuleOptions = { minConfidence: 0.6, consequents: 'any', minLength: 3 };
 * const rules = associationRules(fpGrowth(baskets, { minCount: 2 }), options);
 * console.log(rules.toArray().map((r) => rules.format(r))); // every split of {a, b, c}: '{b, c} => {a}', …, '{a} => {b, c}'
 * ```
 */
export interface RuleOptions extends LongRunningOptions {
  /**
   * Minimum confidence in [0, 1] (default 0.8): a rule is kept when `count(X ∪ Y) / count(X) >= minConfidence`
   * (the ratio of counts, so that 4/5 meets 0.8).
   */
  minConfidence?: number;
  /**
   * `'single'` (default): exactly one item on the right-hand side, the convention of R arules and Weka.
   * `'any'`: consequents of any size (as mlxtend's `association_rules`), generated level-wise from the
   * single-item ones (ap-genrules), pruned by the anti-monotonicity of confidence: moving items from the
   * antecedent into the consequent never raises confidence.
   */
  consequents?: 'single' | 'any';
  /** Keep only the rules that pass this filter (bounds on measures or a predicate). Default: keep all. */
  filter?: RuleFilter;
  /**
   * Fewest items in a rule, antecedent and consequent together (default 2; every rule has at least 2
   * items, so 1 and 2 mean the same).
   */
  minLength?: number;
  /** Most items in a rule, antecedent and consequent together (default: no limit). */
  maxLength?: number;
  /**
   * Memory guard: when more than this many rules pass the confidence and the filter, generation stops
   * with a `LimitExceededError` that says what to raise (default 1,000,000).
   */
  maxRules?: number;
}

/**
 * Options of {@link strongRules}: the itemset options (minimum support and so on) and the rule options.
 *
 * @example
 * ```ts
 * import { strongRules, TransactionSet, type StrongRulesOptions } from 'crm-mining';
 * const options: StrongRulesOptions = {
 *   minSupport: 0.5,
 *   minConfidence: 0.6,
 *   maxLength: 3, // at most 3 items per rule
 *   algorithm: 'apriori',
 *   signal: AbortSignal.timeout(30_000),
 * };
 * const { rules } = strongRules(TransactionSet.fromArrays([['a', 'b'], ['a', 'b'], ['b', 'c'], ['a']]), options);
 * console.log(rules.toString());
 * ```
 */
export interface StrongRulesOptions extends Omit<MineItemsetsOptions, 'target' | 'minLength' | 'maxLength'>, RuleOptions {}

const RULE_KEYS: OptionKeySet<RuleOptions> = {
  minConfidence: true,
  consequents: true,
  filter: true,
  minLength: true,
  maxLength: true,
  maxRules: true,
  onProgress: true,
  signal: true,
};
const RULE_OPTION_KEYS = optionKeys<RuleOptions>(RULE_KEYS);
const STRONG_RULES_OPTION_KEYS = optionKeys<StrongRulesOptions>({ ...RULE_KEYS, minSupport: true, minCount: true, maxItemsets: true, algorithm: true });

/**
 * The result of {@link strongRules}.
 *
 * @example
 * ```ts
 * import { strongRules, TransactionSet, type StrongRules } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['a', 'b'], ['a', 'b'], ['a', 'c'], ['b']]);
 * const result: StrongRules = strongRules(baskets, { minCount: 2, minConfidence: 0.5 });
 * console.log(result.itemsets.length, result.rules.length); // 3 2
 * ```
 */
export interface StrongRules {
  /** Every frequent itemset (target `'all'`, all lengths up to `maxLength`). */
  itemsets: FrequentItemsets;
  /** The strong rules. */
  rules: RuleSet;
}

/**
 * One rule as {@link RuleSet.toJSON} writes it; `conviction` is the string `"Infinity"` when infinite.
 *
 * @example
 * ```ts
 * import { RuleSet, type RuleJSON } from 'crm-mining';
 * // a rule written by another tool: the two side supports are derived when absent
 * const rule: RuleJSON = {
 *   antecedent: ['milk'], consequent: ['bread'], count: 3, support: 0.6, confidence: 0.75, lift: 0.9375,
 *   leverage: -0.04, conviction: 0.8, zhang: -0.25, jaccard: 0.6, certainty: -0.25, kulczynski: 0.75,
 * };
 * const set = RuleSet.fromJSON({ transactions: 5, itemsets: 0, rules: [rule] });
 * console.log(set.get(0)?.antecedentSupport); // 0.7999999999999999: support / confidence = 0.6 / 0.75, off in the last digit
 * ```
 */
export interface RuleJSON {
  /** X, the item names of the left-hand side. */
  antecedent: string[];
  /** Y, the item names of the right-hand side. */
  consequent: string[];
  /** Transactions containing X ∪ Y. */
  count: number;
  /** s(XY). */
  support: number;
  /** s(X). Optional when reading: derived as support / confidence when absent. */
  antecedentSupport?: number;
  /** s(Y). Optional when reading: derived as confidence / lift when absent. */
  consequentSupport?: number;
  /** Confidence. */
  confidence: number;
  /** Lift. */
  lift: number;
  /** Leverage. */
  leverage: number;
  /** Conviction, `"Infinity"` for +Infinity (JSON has no Infinity). */
  conviction: number | 'Infinity';
  /** Zhang's metric. */
  zhang: number;
  /** Jaccard coefficient. */
  jaccard: number;
  /** Certainty factor. */
  certainty: number;
  /** Kulczynski measure. */
  kulczynski: number;
}

/**
 * The JSON form of a {@link RuleSet} (the CLI's output shape).
 *
 * @example
 * ```ts
 * import { writeFile } from 'node:fs/promises';
 * import { strongRules, TransactionSet, type RuleSetJSON } from 'crm-mining';
 * const { rules } = strongRules(TransactionSet.fromArrays([['a', 'b'], ['a', 'b'], ['a']]), { minCount: 2, minConfidence: 1 });
 * const json: RuleSetJSON = rules.toJSON();
 * console.log(json.transactions, json.rules[0].conviction); // 3 Infinity
 * await writeFile('rules.json', JSON.stringify(json)); // conviction is written as "Infinity"
 * ```
 */
export interface RuleSetJSON {
  /** N, the number of transactions mined. */
  transactions: number;
  /** The number of frequent itemsets the rules came from. */
  itemsets: number;
  /** The rules, in the rule set's order. */
  rules: RuleJSON[];
}

/**
 * Options of {@link RuleSet.toCSV}.
 *
 * @example
 * ```ts
 * import { RuleSet, type RuleCSVOptions } from 'crm-mining';
 * declare const rules: RuleSet;
 * // for a spreadsheet on Windows: items joined by ' & ', CRLF line ends
 * const options: RuleCSVOptions = { itemSeparator: ' & ', lineEnding: '\r\n' };
 * await rules.writeCSV('rules.csv', options);
 * ```
 */
export interface RuleCSVOptions {
  /** Joins the items within the antecedent and within the consequent column (default `', '`). */
  itemSeparator?: string;
  /** Ends each line, the last one included (default `'\n'`). */
  lineEnding?: '\n' | '\r\n';
}

const RULE_CSV_OPTION_KEYS = optionKeys<RuleCSVOptions>({ itemSeparator: true, lineEnding: true });

// ---------------------------------------------------------------------------------------------------
// Filters

type Predicate = (rule: AssociationRule) => boolean;

/** Checks a {@link RuleFilter} and turns it into a predicate. `name` is the option's name for errors. */
function compileFilter(name: string, filter: RuleFilter | undefined): Predicate | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'function') return filter;
  if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
    throw new InvalidOptionError(name, `expected bounds per measure (e.g. { lift: { min: 1.2 } }) or a function, got ${describe(filter)}`);
  }
  const measures: RuleMeasure[] = [];
  const mins: number[] = [];
  const maxs: number[] = [];
  for (const key of Object.keys(filter)) {
    if (!(RULE_MEASURES as readonly string[]).includes(key)) {
      throw new InvalidOptionError(`${name}.${key}`, `unknown measure; expected one of ${RULE_MEASURES.join(', ')}`);
    }
    const bounds = (filter as Record<string, unknown>)[key];
    if (bounds === undefined) continue;
    if (bounds === null || typeof bounds !== 'object' || Array.isArray(bounds)) {
      throw new InvalidOptionError(`${name}.${key}`, `expected { min?, max? }, got ${describe(bounds)}`);
    }
    const { min, max } = bounds as MeasureBounds;
    for (const [end, v] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) {
        throw new InvalidOptionError(`${name}.${key}.${end}`, `expected a number, got ${describe(v)}`);
      }
    }
    const lo = min ?? -Infinity;
    const hi = max ?? Infinity;
    if (lo > hi) throw new InvalidOptionError(`${name}.${key}`, `min (${lo}) is greater than max (${hi})`);
    measures.push(key as RuleMeasure);
    mins.push(lo);
    maxs.push(hi);
  }
  if (measures.length === 0) return undefined;
  return (rule) => {
    for (let k = 0; k < measures.length; k++) {
      const v = rule[measures[k]];
      if (!(v >= mins[k] && v <= maxs[k])) return false;
    }
    return true;
  };
}

// ---------------------------------------------------------------------------------------------------
// RuleSet

/**
 * Formats a rule as `{a, b} => {c}`.
 *
 * @example
 * ```ts
 * import { formatRule } from 'crm-mining';
 * console.log(formatRule({ antecedent: ['diapers', 'milk'], consequent: ['beer'] })); // {diapers, milk} => {beer}
 * ```
 */
export function formatRule(rule: Pick<AssociationRule, 'antecedent' | 'consequent'>): string {
  return `{${rule.antecedent.join(', ')}} => {${rule.consequent.join(', ')}}`;
}

function freezeRule(rule: AssociationRule): AssociationRule {
  if (!Object.isFrozen(rule)) {
    Object.freeze(rule.antecedent);
    Object.freeze(rule.consequent);
    Object.freeze(rule);
  }
  return rule;
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function numberText(x: number): string {
  return x === Infinity ? 'Infinity' : String(x);
}

function short(x: number): string {
  return x === Infinity ? 'Infinity' : String(Number(x.toPrecision(6)));
}

/**
 * A sortable, filterable, exportable list of association rules. Immutable: {@link RuleSet.sortBy},
 * {@link RuleSet.filter} and {@link RuleSet.top} return new rule sets.
 *
 * The order of a rule set from {@link associationRules} is deterministic: by the frequent itemset
 * X ∪ Y in the itemsets' canonical order (by length, then by item ids), then by the consequent's length,
 * then by the consequent's item ids lexicographically.
 *
 * @example
 * ```ts
 * import { strongRules, RuleSet, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([
 *   ['bread', 'milk'],
 *   ['bread', 'diapers', 'beer', 'eggs'],
 *   ['milk', 'diapers', 'beer', 'cola'],
 *   ['bread', 'milk', 'diapers', 'beer'],
 *   ['bread', 'milk', 'diapers', 'cola'],
 * ]);
 * const { rules } = strongRules(baskets, { minSupport: 0.4, minConfidence: 0.6 });
 * const best = rules.filter({ lift: { min: 1.1 } }).sortBy('confidence').top(3);
 * console.log(best.toString());
 * // {cola} => {milk}  count 2, support 0.4, confidence 1, lift 1.25
 * // {beer} => {diapers}  count 3, support 0.6, confidence 1, lift 1.25
 * // {cola} => {diapers}  count 2, support 0.4, confidence 1, lift 1.25
 * console.log(best.toCSV().split('\n')[0]); // antecedent,consequent,count,support,…
 * const copy = RuleSet.fromJSON(JSON.stringify(best)); // exact round trip
 * console.log(copy.length === best.length); // true
 * ```
 */
export class RuleSet implements Iterable<AssociationRule> {
  /** The rules, in this set's order (frozen). */
  readonly rules: readonly AssociationRule[];
  /** N, the number of transactions the rules were mined from. */
  readonly transactionCount: number;
  /** The number of frequent itemsets the rules were generated from. */
  readonly itemsetCount: number;

  /**
   * Wraps rules in a rule set (the array is copied and the rules frozen). Most callers get a rule set from
   * {@link associationRules}, {@link strongRules} or {@link RuleSet.fromJSON}.
   *
   * @param rules - the rules, in the order to keep (default: none).
   * @param transactionCount - N, the number of transactions mined (default 0: unknown).
   * @param itemsetCount - the number of frequent itemsets the rules came from (default 0: unknown).
   * @throws InvalidInputError when `rules` is not an array or a count is not a non-negative integer.
   */
  constructor(rules: readonly AssociationRule[] = [], transactionCount = 0, itemsetCount = 0) {
    if (!Array.isArray(rules)) throw new InvalidInputError(`rules: expected an array of rules, got ${describe(rules)}`, { field: 'rules' });
    for (const [field, v] of [
      ['transactionCount', transactionCount],
      ['itemsetCount', itemsetCount],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) {
        throw new InvalidInputError(`${field}: expected a non-negative integer, got ${describe(v)}`, { field });
      }
    }
    const copy = rules.slice();
    for (let i = 0; i < copy.length; i++) freezeRule(copy[i]);
    this.rules = Object.freeze(copy);
    this.transactionCount = transactionCount;
    this.itemsetCount = itemsetCount;
  }

  /** The number of rules. */
  get length(): number {
    return this.rules.length;
  }

  /** Rule `i` (0-based), or `undefined` outside the set. */
  get(i: number): AssociationRule | undefined {
    return this.rules[i];
  }

  /** Iterates over the rules in order. */
  [Symbol.iterator](): Iterator<AssociationRule> {
    return this.rules[Symbol.iterator]();
  }

  /** The rules as a new array (the rules themselves are shared and frozen). */
  toArray(): AssociationRule[] {
    return this.rules.slice();
  }

  private derive(rules: readonly AssociationRule[]): RuleSet {
    return new RuleSet(rules, this.transactionCount, this.itemsetCount);
  }

  /**
   * A new rule set sorted by one measure. The sort is stable and total: rules with equal values keep
   * their order in this set (so sorting by a second key first and then by the first key sorts by both),
   * and `+Infinity` (conviction) sorts above every finite value. Measures are never NaN.
   *
   * @param measure - the measure to sort by.
   * @param order - `'desc'` (default: largest first) or `'asc'`.
   * @throws InvalidOptionError for an unknown measure or order.
   */
  sortBy(measure: RuleMeasure, order: 'asc' | 'desc' = 'desc'): RuleSet {
    requireOneOf('measure', measure, RULE_MEASURES);
    requireOneOf('order', order, ['asc', 'desc'] as const);
    const sign = order === 'asc' ? 1 : -1;
    const sorted = this.rules.slice().sort((a, b) => {
      const x = a[measure];
      const y = b[measure];
      return x < y ? -sign : x > y ? sign : 0;
    });
    return this.derive(sorted);
  }

  /**
   * A new rule set with the rules that pass the filter, in the same order.
   *
   * @param filter - bounds on measures (all must hold, bounds inclusive) or a predicate.
   * @throws InvalidOptionError for an unknown measure or bounds that are not numbers.
   */
  filter(filter: RuleFilter): RuleSet {
    const keep = compileFilter('filter', filter);
    if (keep === undefined) return this.derive(this.rules);
    return this.derive(this.rules.filter((r) => keep(r)));
  }

  /**
   * A new rule set with the first `n` rules (all of them when there are fewer). Sort first to get the
   * best ones, for example `rules.sortBy('lift').top(10)`.
   *
   * @param n - a non-negative integer.
   * @throws InvalidOptionError when `n` is not a non-negative integer.
   */
  top(n: number): RuleSet {
    requireInteger('n', n, 0);
    return this.derive(this.rules.slice(0, n));
  }

  /**
   * Formats a rule as `{a, b} => {c}` (the same as {@link formatRule}).
   *
   * @param rule - any rule (not necessarily of this set).
   */
  format(rule: Pick<AssociationRule, 'antecedent' | 'consequent'>): string {
    return formatRule(rule);
  }

  /**
   * One line per rule: `{a, b} => {c}` followed by count, support, confidence and lift (6 significant
   * digits), for example `{Eggs} => {Onion}  count 3, support 0.6, confidence 0.75, lift 1.25`. The empty
   * string when there are no rules.
   */
  toString(): string {
    let out = '';
    for (const r of this.rules) {
      out +=
        `${formatRule(r)}  count ${r.count}, support ${short(r.support)}, ` +
        `confidence ${short(r.confidence)}, lift ${short(r.lift)}\n`;
    }
    return out;
  }

  /**
   * The rules as CSV: a header `antecedent,consequent,` followed by every measure in
   * {@link RULE_MEASURES} order, then one line per rule. The items of each side are joined by
   * `itemSeparator` into one field; a field is quoted (RFC 4180, `"` doubled) when it contains a
   * comma, a quote, a line break, or leading or trailing white space. Numbers are written in full
   * precision (JavaScript's shortest round-trip form); infinite conviction as `Infinity`.
   *
   * @param options - separator and line ending (defaults `', '` and `'\n'`).
   * @throws InvalidOptionError for a line ending other than `'\n'` or `'\r\n'`, or a separator that is not a string.
   */
  toCSV(options: RuleCSVOptions = {}): string {
    rejectUnknownOptions(options, RULE_CSV_OPTION_KEYS, 'RuleSet.toCSV');
    const sep = options.itemSeparator ?? ', ';
    if (typeof sep !== 'string') throw new InvalidOptionError('itemSeparator', `expected a string, got ${describe(sep)}`);
    const eol = requireOneOf('lineEnding', options.lineEnding ?? '\n', ['\n', '\r\n'] as const);
    const lines: string[] = [['antecedent', 'consequent', ...RULE_MEASURES].join(',')];
    for (const r of this.rules) {
      let line = csvField(r.antecedent.join(sep)) + ',' + csvField(r.consequent.join(sep));
      for (const m of RULE_MEASURES) line += ',' + numberText(r[m]);
      lines.push(line);
    }
    return lines.join(eol) + eol;
  }

  /**
   * The CLI's JSON shape: `{ transactions, itemsets, rules: [{ antecedent, consequent, count, support,
   * antecedentSupport, consequentSupport, confidence, lift, leverage, conviction, zhang, jaccard,
   * certainty, kulczynski }] }`, with infinite conviction as the string `"Infinity"`. `JSON.stringify`
   * calls it; {@link RuleSet.fromJSON} reads it back exactly.
   */
  toJSON(): RuleSetJSON {
    const rules: RuleJSON[] = new Array(this.rules.length);
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i];
      rules[i] = {
        antecedent: r.antecedent.slice(),
        consequent: r.consequent.slice(),
        count: r.count,
        support: r.support,
        antecedentSupport: r.antecedentSupport,
        consequentSupport: r.consequentSupport,
        confidence: r.confidence,
        lift: r.lift,
        leverage: r.leverage,
        conviction: r.conviction === Infinity ? 'Infinity' : r.conviction,
        zhang: r.zhang,
        jaccard: r.jaccard,
        certainty: r.certainty,
        kulczynski: r.kulczynski,
      };
    }
    return { transactions: this.transactionCount, itemsets: this.itemsetCount, rules };
  }

  /**
   * Reads a rule set from {@link RuleSet.toJSON}'s shape (an object, or its JSON text). The round trip
   * `RuleSet.fromJSON(JSON.parse(JSON.stringify(set)))` gives the same rules bit for bit; `"Infinity"` (or
   * the number `Infinity`) becomes +Infinity conviction. When `antecedentSupport`/`consequentSupport` are
   * missing (JSON written by other tools) they are derived as `support / confidence` and
   * `confidence / lift`, which can differ from the original in the last digit.
   *
   * @param json - the parsed object or the JSON text.
   * @throws InvalidInputError naming the rule (index) and field when the shape or a value is wrong.
   */
  static fromJSON(json: unknown): RuleSet {
    let data = json;
    if (typeof data === 'string') {
      try {
        data = JSON.parse(data) as unknown;
      } catch (err) {
        throw new InvalidInputError(`rule set JSON: cannot parse: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new InvalidInputError(`rule set JSON: expected an object { transactions, itemsets, rules }, got ${describe(data)}`);
    }
    const obj = data as Record<string, unknown>;
    const transactions = obj.transactions;
    if (typeof transactions !== 'number' || !Number.isInteger(transactions) || transactions < 0) {
      throw new InvalidInputError(`rule set JSON: transactions: expected a non-negative integer, got ${describe(transactions)}`, {
        field: 'transactions',
      });
    }
    const itemsets = obj.itemsets ?? 0;
    if (typeof itemsets !== 'number' || !Number.isInteger(itemsets) || itemsets < 0) {
      throw new InvalidInputError(`rule set JSON: itemsets: expected a non-negative integer, got ${describe(itemsets)}`, {
        field: 'itemsets',
      });
    }
    if (!Array.isArray(obj.rules)) {
      throw new InvalidInputError(`rule set JSON: rules: expected an array, got ${describe(obj.rules)}`, { field: 'rules' });
    }
    const rules: AssociationRule[] = new Array(obj.rules.length);
    for (let i = 0; i < obj.rules.length; i++) rules[i] = ruleFromJSON(obj.rules[i], i);
    return new RuleSet(rules, transactions, itemsets);
  }

  /**
   * Writes {@link RuleSet.toCSV} to a file atomically (all or nothing; see `writeFileAtomic`).
   *
   * @param path - the file to create or replace.
   * @param options - as for {@link RuleSet.toCSV}.
   * @throws FileError naming the path when it cannot be written; an existing file is then left unchanged.
   */
  async writeCSV(path: string, options: RuleCSVOptions = {}): Promise<void> {
    rejectUnknownOptions(options, RULE_CSV_OPTION_KEYS, 'RuleSet.writeCSV');
    await writeFileAtomic(path, this.toCSV(options));
  }

  /**
   * Writes {@link RuleSet.toJSON} (indented by 2 spaces) to a file atomically (all or nothing).
   *
   * @param path - the file to create or replace.
   * @throws FileError naming the path when it cannot be written; an existing file is then left unchanged.
   */
  async writeJSON(path: string): Promise<void> {
    await writeFileAtomic(path, JSON.stringify(this.toJSON(), null, 2) + '\n');
  }
}

function ruleFromJSON(value: unknown, i: number): AssociationRule {
  const where = (field: string): string => `rule set JSON: rules[${i}].${field}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(`rule set JSON: rules[${i}]: expected an object, got ${describe(value)}`, { row: i });
  }
  const r = value as Record<string, unknown>;
  const items = (field: 'antecedent' | 'consequent'): string[] => {
    const v = r[field];
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string' && x.length > 0)) {
      throw new InvalidInputError(`${where(field)}: expected a non-empty array of non-empty item names, got ${describe(v)}`, {
        row: i,
        field,
      });
    }
    return (v as string[]).slice();
  };
  const num = (field: string, allowInfinity = false): number | undefined => {
    const v = r[field];
    if (v === undefined) return undefined;
    if (allowInfinity && (v === 'Infinity' || v === Infinity)) return Infinity;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidInputError(
        `${where(field)}: expected a finite number${allowInfinity ? ' or "Infinity"' : ''}, got ${describe(v)}`,
        { row: i, field },
      );
    }
    return v;
  };
  const required = (field: string, allowInfinity = false): number => {
    const v = num(field, allowInfinity);
    if (v === undefined) throw new InvalidInputError(`${where(field)}: missing`, { row: i, field });
    return v;
  };
  const antecedent = items('antecedent');
  const consequent = items('consequent');
  const count = required('count');
  if (!Number.isInteger(count) || count < 1) {
    throw new InvalidInputError(`${where('count')}: expected a positive integer, got ${count}`, { row: i, field: 'count' });
  }
  const support = required('support');
  const confidence = required('confidence');
  const lift = required('lift');
  return {
    antecedent,
    consequent,
    count,
    support,
    antecedentSupport: num('antecedentSupport') ?? support / confidence,
    consequentSupport: num('consequentSupport') ?? confidence / lift,
    confidence,
    lift,
    leverage: required('leverage'),
    conviction: required('conviction', true),
    zhang: required('zhang'),
    jaccard: required('jaccard'),
    certainty: required('certainty'),
    kulczynski: required('kulczynski'),
  };
}

// ---------------------------------------------------------------------------------------------------
// Generation

interface ResolvedRuleOptions {
  minConfidence: number;
  consequents: 'single' | 'any';
  filter: Predicate | undefined;
  minLength: number;
  maxLength: number;
  maxRules: number;
  onProgress: LongRunningOptions['onProgress'];
  signal: AbortSignal | undefined;
}

function resolveRuleOptions(options: RuleOptions): ResolvedRuleOptions {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', `expected an object, got ${describe(options)}`);
  }
  const minConfidence =
    options.minConfidence === undefined ? 0.8 : requireInRange('minConfidence', options.minConfidence, 0, 1);
  const consequents = requireOneOf('consequents', options.consequents ?? 'single', ['single', 'any'] as const);
  const filter = compileFilter('filter', options.filter);
  const minLength = options.minLength === undefined ? 2 : requireInteger('minLength', options.minLength, 1);
  const maxLength = options.maxLength === undefined ? Infinity : requireInteger('maxLength', options.maxLength, 2);
  if (maxLength < minLength) {
    throw new InvalidOptionError('maxLength', `must be at least minLength (${minLength}), got ${maxLength}`);
  }
  const maxRules = options.maxRules === undefined ? DEFAULT_MAX_RULES : requireInteger('maxRules', options.maxRules, 1);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') {
    throw new InvalidOptionError('onProgress', `expected a function, got ${describe(options.onProgress)}`);
  }
  return {
    minConfidence,
    consequents,
    filter,
    minLength: Math.max(2, minLength),
    maxLength,
    maxRules,
    onProgress: options.onProgress,
    signal: options.signal,
  };
}

/**
 * Finds the position of an itemset by its ids. When the itemsets are in the canonical order (by length,
 * then lexicographically by ascending ids), a binary search within the block of that length, with no
 * allocation; otherwise the itemsets' own hash index.
 */
class ItemsetLookup {
  private readonly fi: FrequentItemsets;
  private readonly canonical: boolean;
  /** blockStart[len] .. blockStart[len + 1]: the itemsets of length `len` (canonical order only). */
  private readonly blockStart: Int32Array;

  constructor(fi: FrequentItemsets) {
    this.fi = fi;
    const { itemIds, offsets } = fi;
    const n = fi.length;
    let canonical = true;
    let maxLen = 0;
    for (let i = 0; i < n && canonical; i++) {
      const a = offsets[i];
      const b = offsets[i + 1];
      const len = b - a;
      if (len < maxLen) canonical = false;
      for (let k = a + 1; k < b && canonical; k++) if (itemIds[k - 1] >= itemIds[k]) canonical = false;
      if (canonical && i > 0 && len === offsets[i] - offsets[i - 1]) {
        // Strictly increasing lexicographically within a length block.
        const p = offsets[i - 1];
        let cmp = 0;
        for (let k = 0; k < len && cmp === 0; k++) cmp = itemIds[p + k] - itemIds[a + k];
        if (cmp >= 0) canonical = false;
      }
      if (len > maxLen) maxLen = len;
    }
    this.canonical = canonical;
    this.blockStart = new Int32Array(maxLen + 2);
    if (canonical) {
      // blockStart[len] = first itemset with length >= len.
      let i = 0;
      for (let len = 0; len <= maxLen + 1; len++) {
        while (i < n && offsets[i + 1] - offsets[i] < len) i++;
        this.blockStart[len] = i;
      }
    }
  }

  /** The position of the itemset with the `len` ascending ids in `ids[0..len)`, or -1. */
  indexOf(ids: Int32Array, len: number): number {
    if (!this.canonical) return this.fi.indexOf(ids.subarray(0, len));
    if (len + 1 >= this.blockStart.length) return -1;
    const { itemIds, offsets } = this.fi;
    let lo = this.blockStart[len];
    let hi = this.blockStart[len + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = offsets[mid];
      let cmp = 0;
      for (let k = 0; k < len && cmp === 0; k++) cmp = itemIds[p + k] - ids[k];
      if (cmp === 0) return mid;
      if (cmp < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/**
 * Generates the association rules X => Y from frequent itemsets: for every frequent itemset Z with at
 * least two items and every split of Z into a non-empty antecedent X and a non-empty consequent
 * Y = Z \ X (one item when `consequents` is `'single'`), the rule is kept when
 * `count(Z) / count(X) >= minConfidence` and it passes `filter`. With itemsets mined at a minimum
 * support these are the **strong rules**: support and confidence both at least their minimum.
 *
 * Rule order (deterministic): by the itemset Z in the itemsets' canonical order (by length, then by
 * item ids), then by the consequent's length, then by the consequent's item ids lexicographically.
 * Items within each side are in item-id order (the order of first appearance in the data). Measures
 * are computed by {@link ruleMeasuresFromCounts}.
 *
 * @param itemsets - every frequent itemset (mined with target `'all'` and minLength 1: each subset of a
 *   frequent itemset must be present, since its count is the antecedent's or consequent's count).
 * @param options - minimum confidence (default 0.8), consequent size (default `'single'`), filter, rule
 *   length limits, the `maxRules` guard (default 1,000,000), progress and abort signal.
 * @returns the rules, as a {@link RuleSet}.
 * @throws InvalidOptionError for an option outside its range (minConfidence outside [0, 1], an unknown
 *   measure in `filter`, …).
 * @throws InvalidInputError when a subset of a frequent itemset is missing from `itemsets` (closed or
 *   maximal itemsets, or mined with minLength > 1), or the itemsets hold no transactions.
 * @throws LimitExceededError when more than `maxRules` rules pass.
 * @throws AbortedError when `signal` is aborted.
 *
 * @example
 * ```ts
 * import { associationRules, fpGrowth, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([
 *   ['bread', 'milk'],
 *   ['bread', 'diapers', 'beer', 'eggs'],
 *   ['milk', 'diapers', 'beer', 'cola'],
 *   ['bread', 'milk', 'diapers', 'beer'],
 *   ['bread', 'milk', 'diapers', 'cola'],
 * ]);
 * const itemsets = fpGrowth(baskets, { minSupport: 0.4 });
 * const rules = associationRules(itemsets, { minConfidence: 0.9 });
 * console.log(rules.toString());
 * ```
 */
export function associationRules(itemsets: FrequentItemsets, options: RuleOptions = {}): RuleSet {
  rejectUnknownOptions(options, RULE_OPTION_KEYS, 'associationRules');
  const opt = resolveRuleOptions(options);
  const n = itemsets.transactionCount;
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidInputError(`itemsets: transactionCount must be a positive integer, got ${String(n)}`, {
      field: 'transactionCount',
    });
  }
  const lookup = new ItemsetLookup(itemsets);
  const { itemIds, offsets, counts, itemNames } = itemsets;
  const total = itemsets.length;
  const rules: AssociationRule[] = [];
  const scratch = new Int32Array(64);
  let buffer = scratch;

  const countOf = (ids: Int32Array, len: number, of: number): number => {
    const j = lookup.indexOf(ids, len);
    if (j < 0) {
      const missing = Array.from(ids.subarray(0, len), (id) => itemNames[id]);
      throw new InvalidInputError(
        `itemsets: {${missing.join(', ')}}, a subset of the frequent itemset {${itemsets.get(of).items.join(', ')}}, ` +
          `is missing: association rules need every frequent itemset (mine with target 'all' and minLength 1)`,
        { field: 'itemsets' },
      );
    }
    return counts[j];
  };

  /** Emits the rule Z \ H => H, where `inH[k]` marks the positions of Z in the consequent. */
  const emit = (z: number, inH: Uint8Array, k: number, countZ: number, countX: number, countY: number): void => {
    const base = offsets[z];
    const antecedent: string[] = [];
    const consequent: string[] = [];
    for (let q = 0; q < k; q++) (inH[q] ? consequent : antecedent).push(itemNames[itemIds[base + q]]);
    const m = ruleMeasuresFromCounts(countZ, countX, countY, n);
    const rule: AssociationRule = {
      antecedent,
      consequent,
      count: countZ,
      support: countZ / n,
      antecedentSupport: countX / n,
      consequentSupport: countY / n,
      confidence: m.confidence,
      lift: m.lift,
      leverage: m.leverage,
      conviction: m.conviction,
      zhang: m.zhang,
      jaccard: m.jaccard,
      certainty: m.certainty,
      kulczynski: m.kulczynski,
    };
    if (opt.filter !== undefined && !opt.filter(rule)) return;
    if (rules.length >= opt.maxRules) {
      throw new LimitExceededError(
        'maxRules',
        `more than ${opt.maxRules} rules (maxRules) pass minConfidence ${opt.minConfidence}` +
          `${opt.filter ? ' and the filter' : ''}: raise minConfidence or the minimum support, add a filter, ` +
          `or raise maxRules`,
      );
    }
    rules.push(freezeRule(rule));
  };

  /**
   * Splits Z (positions 0..k-1) by the consequent given as ascending positions `h[0..m)`; writes the
   * antecedent ids into `ant` and the consequent ids into `con` and sets `inH`.
   */
  const split = (base: number, k: number, h: Int32Array, hOff: number, m: number, ant: Int32Array, con: Int32Array, inH: Uint8Array): void => {
    inH.fill(0, 0, k);
    for (let t = 0; t < m; t++) inH[h[hOff + t]] = 1;
    let a = 0;
    let c = 0;
    for (let q = 0; q < k; q++) {
      const id = itemIds[base + q];
      if (inH[q]) con[c++] = id;
      else ant[a++] = id;
    }
  };

  const progressEvery = 512;
  for (let z = 0; z < total; z++) {
    if ((z & (progressEvery - 1)) === 0) {
      throwIfAborted(opt.signal);
      if (z > 0) opt.onProgress?.({ phase: 'generating rules', done: z, total });
    }
    const base = offsets[z];
    const k = offsets[z + 1] - base;
    if (k < opt.minLength || k > opt.maxLength) continue;
    const countZ = counts[z];
    if (buffer.length < 2 * k) buffer = new Int32Array(2 * k);
    const ant = buffer.subarray(0, k);
    const con = buffer.subarray(k, 2 * k);
    const inH = new Uint8Array(k);

    // Level 1: one-item consequents, in id order. `passed` holds the positions (ascending) of the
    // consequents that met minConfidence; they seed the next level when consequents are 'any'.
    let level = new Int32Array(k);
    let levelSize = 0;
    const one = new Int32Array(1);
    for (let q = 0; q < k; q++) {
      one[0] = q;
      split(base, k, one, 0, 1, ant, con, inH);
      const countX = countOf(ant, k - 1, z);
      if (countZ / countX < opt.minConfidence) continue;
      const countY = countOf(con, 1, z);
      level[levelSize++] = q;
      emit(z, inH, k, countZ, countX, countY);
    }
    if (opt.consequents === 'single') continue;

    // Levels m + 1 = 2 .. k - 1 (ap-genrules): join consequents sharing their first m - 1 positions,
    // prune candidates with a size-m subset that failed, then test confidence.
    for (let m = 1; m + 1 <= k - 1 && levelSize >= 2; m++) {
      const known = new Set<string>();
      for (let s = 0; s < levelSize; s++) known.add(level.subarray(s * m, s * m + m).join(','));
      const next: number[] = [];
      const cand = new Int32Array(m + 1);
      const sub = new Int32Array(m);
      for (let s = 0; s < levelSize; s++) {
        for (let t = s + 1; t < levelSize; t++) {
          let samePrefix = true;
          for (let p = 0; p < m - 1 && samePrefix; p++) if (level[s * m + p] !== level[t * m + p]) samePrefix = false;
          if (!samePrefix) break; // the level is sorted: later t cannot share the prefix either
          for (let p = 0; p < m; p++) cand[p] = level[s * m + p];
          cand[m] = level[t * m + m - 1];
          // Prune: every size-m subset (dropping one of the first m - 1 positions) must have passed.
          let ok = true;
          for (let drop = 0; drop < m - 1 && ok; drop++) {
            let w = 0;
            for (let p = 0; p <= m; p++) if (p !== drop) sub[w++] = cand[p];
            if (!known.has(sub.join(','))) ok = false;
          }
          if (!ok) continue;
          split(base, k, cand, 0, m + 1, ant, con, inH);
          const countX = countOf(ant, k - m - 1, z);
          if (countZ / countX < opt.minConfidence) continue;
          const countY = countOf(con, m + 1, z);
          for (let p = 0; p <= m; p++) next.push(cand[p]);
          emit(z, inH, k, countZ, countX, countY);
        }
      }
      level = Int32Array.from(next);
      levelSize = next.length / (m + 1);
    }
  }
  throwIfAborted(opt.signal);
  opt.onProgress?.({ phase: 'generating rules', done: total, total });
  return new RuleSet(rules, n, total);
}

/**
 * Mines the strong rules of a transaction set in one call: the frequent itemsets with
 * {@link mineItemsets} (minimum support, FP-Growth by default), then {@link associationRules} (minimum
 * confidence). A rule is strong when its support is at least the minimum support and its confidence at
 * least the minimum confidence.
 *
 * The rule options are checked before mining starts. Itemsets are mined with target `'all'` and every
 * length up to `maxLength` (a rule's length is its itemset's), since rules need every subset's count.
 *
 * @example
 * ```ts
 * import { parseBaskets, strongRules } from 'crm-mining';
 * const baskets = parseBaskets('bread,milk\nbread,diapers,beer,eggs\nmilk,diapers,beer,cola\nbread,milk,diapers,beer\nbread,milk,diapers,cola\n');
 * const { itemsets, rules } = strongRules(baskets, { minSupport: 0.4, minConfidence: 0.8 });
 * console.log(itemsets.length, rules.length); // 17 7
 * console.log(rules.sortBy('lift').top(3).toString());
 * ```
 *
 * @param transactions - the transactions to mine.
 * @param options - `minSupport` or `minCount` (one is required), `minConfidence` (default 0.8),
 *   `consequents` (default `'single'`), `filter`, `minLength`/`maxLength` of a rule, `maxItemsets`
 *   (default 5,000,000), `maxRules` (default 1,000,000), `algorithm` (default `'fpgrowth'`),
 *   `onProgress`, `signal`.
 * @returns the frequent itemsets and the strong rules.
 * @throws InvalidOptionError, InvalidInputError, LimitExceededError, AbortedError as
 *   {@link mineItemsets} and {@link associationRules} do.
 */
export function strongRules(transactions: TransactionSet, options: StrongRulesOptions): StrongRules {
  if (options === null || typeof options !== 'object') {
    throw new InvalidOptionError('options', `expected an object with minSupport or minCount, got ${describe(options)}`);
  }
  rejectUnknownOptions(options, STRONG_RULES_OPTION_KEYS, 'strongRules');
  const ruleOptions = resolveRuleOptions(options);
  const mineOptions: MineItemsetsOptions = {
    minLength: 1,
    target: 'all',
  };
  if (options.minSupport !== undefined) mineOptions.minSupport = options.minSupport;
  if (options.minCount !== undefined) mineOptions.minCount = options.minCount;
  if (ruleOptions.maxLength !== Infinity) mineOptions.maxLength = ruleOptions.maxLength;
  if (options.maxItemsets !== undefined) mineOptions.maxItemsets = options.maxItemsets;
  if (options.algorithm !== undefined) mineOptions.algorithm = options.algorithm;
  if (options.onProgress !== undefined) mineOptions.onProgress = options.onProgress;
  if (options.signal !== undefined) mineOptions.signal = options.signal;
  const itemsets = mineItemsets(transactions, mineOptions);
  // only the rule options go on: the itemset ones (minSupport, algorithm, ...) are not associationRules' keys
  return { itemsets, rules: associationRules(itemsets, pickOptions(options, RULE_OPTION_KEYS)) };
}
