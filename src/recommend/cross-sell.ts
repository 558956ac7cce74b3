/**
 * Cross-selling by association rules: recommend the consequents of the rules whose antecedents the
 * customer's basket contains ("customers who have DSL and OnlineBackup also have TechSupport").
 *
 * An item's score is the best value of the ranking measure ({@link CrossSellOptions.rankBy}: confidence
 * or lift) among the rules that fire for the basket and have the item in their consequent; ties go to
 * the rule with more support, then the catalogue order. The reason cites that rule.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireOneOf } from '../core/validate.js';
import { formatRule, RuleSet, type AssociationRule, type RuleSetJSON } from '../association/rules.js';
import { allowedItems, asProfile, fmt, ItemCatalogue, itemNamer, profileItems, resolveK, topK } from './request.js';
import type { Recommendation, RecommendFor, RecommendOptions, Recommender } from './types.js';

/**
 * Options of {@link CrossSellRecommender.fromRules}.
 *
 * @example
 * ```ts
 * import { CrossSellRecommender, strongRules, TransactionSet, type CrossSellOptions } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([['DSL', 'Backup'], ['DSL', 'Backup', 'TV'], ['DSL', 'TV'], ['TV', 'Streaming'], ['TV', 'Streaming']]);
 * const { rules } = strongRules(baskets, { minCount: 2, minConfidence: 0.5 });
 * const options: CrossSellOptions = { rankBy: 'lift', baskets: { c42: ['TV'] }, items: ['Fiber'] };
 * const rec = CrossSellRecommender.fromRules(rules, options);
 * console.log(rec.recommend('c42').map((r) => r.item)); // ['Streaming', 'DSL']: lift 1.67 before lift 0.83
 * ```
 */
export interface CrossSellOptions {
  /** The measure that ranks the consequents: `'confidence'` (default) or `'lift'`. */
  rankBy?: 'confidence' | 'lift';
  /** Each known customer's basket (default none: baskets come with the request as `{ items }`). */
  baskets?: Readonly<Record<string, readonly string[]>>;
  /** Extra catalogue items (default: the items of the rules and the baskets). */
  items?: readonly string[];
  /**
   * A customer id with no basket in `baskets`, or a basket item no rule or catalogue knows:
   * `'ignore'` (default: an empty basket, so no rule fires and nothing is recommended; unknown items are
   * skipped) or `'error'` (an `InvalidInputError` naming the user or the item).
   */
  unknown?: 'ignore' | 'error';
}

const CROSS_SELL_OPTION_KEYS = optionKeys<CrossSellOptions>({
  rankBy: true,
  baskets: true,
  items: true,
  unknown: true,
});

/**
 * The JSON form of a {@link CrossSellRecommender}.
 *
 * @example
 * ```ts
 * import { CrossSellRecommender, strongRules, TransactionSet, type CrossSellRecommenderJSON } from 'crm-mining';
 * const { rules } = strongRules(TransactionSet.fromArrays([['DSL', 'Backup'], ['DSL', 'Backup'], ['DSL']]), { minCount: 2, minConfidence: 0.6 });
 * const json: CrossSellRecommenderJSON = CrossSellRecommender.fromRules(rules).toJSON();
 * const again = CrossSellRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(json.family, again.recommend({ items: ['DSL'] })[0].item); // cross-sell Backup
 * ```
 */
export interface CrossSellRecommenderJSON {
  /** Always `'cross-sell'`. */
  family: 'cross-sell';
  /** The rules, as {@link RuleSet.toJSON} writes them. */
  rules: RuleSetJSON;
  /** The options. */
  options: CrossSellOptions;
}

/**
 * The rule-based cross-selling recommender. Scores are confidences in [0, 1] or lifts. `recommend`
 * accepts a customer id (basket given at fit) or a profile `{ items }` (the basket). Default exclusion:
 * the basket.
 *
 * @example
 * ```ts
 * import { CrossSellRecommender, strongRules, TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([
 *   ['DSL', 'OnlineBackup', 'TechSupport'], ['DSL', 'OnlineBackup', 'TechSupport'], ['DSL', 'OnlineBackup'],
 *   ['DSL', 'TechSupport'], ['Fiber', 'Streaming'], ['Fiber', 'Streaming', 'TechSupport'],
 * ]);
 * const { rules } = strongRules(baskets, { minCount: 2, minConfidence: 0.6 });
 * const rec = CrossSellRecommender.fromRules(rules);
 * const [top] = rec.recommend({ items: ['DSL', 'OnlineBackup'] }, { k: 1 });
 * console.log(top.item, top.score.toFixed(2)); // TechSupport 0.75: the best rule that fires is {DSL} => {TechSupport}
 * console.log(top.reason); // rule {DSL} => {TechSupport}: customers with DSL also have TechSupport (confidence 0.75, lift 1.13, support 0.5)
 * ```
 */
export class CrossSellRecommender implements Recommender {
  /** `'cross-sell'`. */
  readonly name = 'cross-sell';
  /** The items of the rules, the baskets and `options.items`. */
  readonly catalogue: ItemCatalogue;
  /** The rules. */
  readonly rules: RuleSet;
  private readonly options: CrossSellOptions;
  private readonly rankBy: 'confidence' | 'lift';
  private readonly unknown: 'ignore' | 'error';
  // Rules in CSR form: antecedent and consequent item indices per rule.
  private readonly antPtr: Int32Array;
  private readonly antItems: Int32Array;
  private readonly conPtr: Int32Array;
  private readonly conItems: Int32Array;
  private readonly measure: Float64Array;
  private readonly support: Float64Array;

  private constructor(rules: RuleSet, options: CrossSellOptions) {
    this.rules = rules;
    this.options = options;
    this.rankBy = requireOneOf('rankBy', options.rankBy ?? 'confidence', ['confidence', 'lift'] as const);
    this.unknown = requireOneOf('unknown', options.unknown ?? 'ignore', ['ignore', 'error'] as const);
    const ids: string[] = [];
    const seen = new Set<string>();
    const add = (id: string): void => {
      if (!seen.has(id)) {
        seen.add(id);
        ids.push(id);
      }
    };
    for (const r of rules) {
      r.antecedent.forEach(add);
      r.consequent.forEach(add);
    }
    if (options.baskets !== undefined) {
      if (options.baskets === null || typeof options.baskets !== 'object') throw new InvalidOptionError('baskets', `expected a record of customer → items, got ${describe(options.baskets)}`);
      for (const [c, b] of Object.entries(options.baskets)) {
        if (!Array.isArray(b) || b.some((x) => typeof x !== 'string')) throw new InvalidOptionError(`baskets.${c}`, `expected an array of item ids, got ${describe(b)}`);
        b.forEach(add);
      }
    }
    (options.items ?? []).forEach(add);
    if (ids.length === 0) throw new InvalidInputError('rules: no rules and no items; there is nothing to recommend', { field: 'rules' });
    this.catalogue = new ItemCatalogue(ids);
    const n = rules.length;
    this.antPtr = new Int32Array(n + 1);
    this.conPtr = new Int32Array(n + 1);
    const ant: number[] = [];
    const con: number[] = [];
    this.measure = new Float64Array(n);
    this.support = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const rule = rules.rules[r];
      for (const a of rule.antecedent) ant.push(this.catalogue.indexOf(a)!);
      for (const c of rule.consequent) con.push(this.catalogue.indexOf(c)!);
      this.antPtr[r + 1] = ant.length;
      this.conPtr[r + 1] = con.length;
      this.measure[r] = rule[this.rankBy];
      this.support[r] = rule.support;
    }
    this.antItems = Int32Array.from(ant);
    this.conItems = Int32Array.from(con);
  }

  /**
   * Makes the recommender from association rules (for example `strongRules(...).rules`).
   *
   * @throws InvalidOptionError for a bad option; InvalidInputError when there are neither rules nor items.
   */
  static fromRules(rules: RuleSet | readonly AssociationRule[], options: CrossSellOptions = {}): CrossSellRecommender {
    rejectUnknownOptions(options, CROSS_SELL_OPTION_KEYS, 'CrossSellRecommender.fromRules');
    const set = rules instanceof RuleSet ? rules : new RuleSet(rules as AssociationRule[]);
    return new CrossSellRecommender(set, { ...options });
  }

  /** Restores a recommender from {@link CrossSellRecommender.toJSON}. */
  static fromJSON(json: unknown): CrossSellRecommender {
    const j = json as CrossSellRecommenderJSON;
    if (j === null || typeof j !== 'object' || j.family !== 'cross-sell') throw new InvalidInputError(`expected the JSON of a cross-sell recommender (family "cross-sell"), got ${describe(json)}`);
    return new CrossSellRecommender(RuleSet.fromJSON(j.rules), j.options);
  }

  /** The JSON form (the rules with their measures, and the options). */
  toJSON(): CrossSellRecommenderJSON {
    return { family: 'cross-sell', rules: this.rules.toJSON(), options: structuredClone(this.options) };
  }

  private basketOf(forWhom: RecommendFor): Uint8Array {
    const p = asProfile(forWhom);
    const inBasket = new Uint8Array(this.catalogue.size);
    let ids: string[];
    if (p.items !== undefined) ids = profileItems(p).ids;
    else if (p.user !== undefined) {
      const basket = this.options.baskets?.[p.user];
      if (basket === undefined && this.unknown === 'error') {
        throw new InvalidInputError(`CrossSellRecommender.recommend: unknown user ${JSON.stringify(p.user)}: no basket (give one in options.baskets or as { items })`, { field: 'user' });
      }
      ids = (basket ?? []).slice();
    } else ids = [];
    for (const id of ids) {
      const i = this.catalogue.indexOf(id);
      if (i !== undefined) inBasket[i] = 1;
      else if (this.unknown === 'error') {
        throw new InvalidInputError(`CrossSellRecommender.recommend: basket item ${JSON.stringify(id)} is not in the catalogue (no rule or option names it)`, { field: 'items' });
      }
    }
    return inBasket;
  }

  /**
   * The top-k consequents of the rules that fire for the basket, by the ranking measure, each with the
   * rule as its reason.
   */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const k = resolveK(options, 'CrossSellRecommender.recommend');
    const basket = this.basketOf(forWhom);
    const ni = this.catalogue.size;
    const best = new Float64Array(ni).fill(NaN);
    const bestRule = new Int32Array(ni).fill(-1);
    const n = this.rules.length;
    for (let r = 0; r < n; r++) {
      let fires = true;
      for (let q = this.antPtr[r]; q < this.antPtr[r + 1]; q++) {
        if (basket[this.antItems[q]] === 0) {
          fires = false;
          break;
        }
      }
      if (!fires) continue;
      const m = this.measure[r];
      for (let q = this.conPtr[r]; q < this.conPtr[r + 1]; q++) {
        const i = this.conItems[q];
        const b = bestRule[i];
        if (b < 0 || m > best[i] || (m === best[i] && this.support[r] > this.support[b])) {
          best[i] = m;
          bestRule[i] = r;
        }
      }
    }
    const exclude: number[] = [];
    for (let i = 0; i < ni; i++) if (basket[i] === 1) exclude.push(i);
    const allowed = allowedItems(this.catalogue, options, exclude);
    const name = itemNamer(options, 'CrossSellRecommender.recommend');
    return Array.from(topK(best, allowed, k), (i) => {
      const rule = this.rules.rules[bestRule[i]];
      const named = { antecedent: rule.antecedent.map(name), consequent: rule.consequent.map(name) };
      return {
        item: this.catalogue.ids[i],
        score: best[i],
        reason: `rule ${formatRule(named)}: customers with ${named.antecedent.join(' and ')} also have ${named.consequent.join(' and ')} (confidence ${fmt(rule.confidence)}, lift ${fmt(rule.lift)}, support ${fmt(rule.support)})`,
      };
    });
  }
}
