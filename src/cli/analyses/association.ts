/**
 * The association-rule steps of the analysis job: service bundles (cross-selling) and churn profiles.
 *
 * @module
 */
import type { FrequentItemsets } from '../../association/itemsets.js';
import { mineItemsets } from '../../association/mine.js';
import { associationRules, RuleSet, type AssociationRule } from '../../association/rules.js';
import type { TransactionSet } from '../../data/transactions.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { formatNumber, itemsetsToCsv, ruleToJson, rulesTable } from '../format.js';
import { CHURN_ITEM, telcoBaskets } from './telco.js';

/** The thresholds of the association steps. */
export const ASSOCIATION_SETTINGS = {
  /** Minimum support of the itemsets both steps use (5% of the customers, about 350). */
  minSupport: 0.05,
  /** Minimum confidence of the service-bundle rules. */
  minConfidence: 0.7,
  /** How many service-bundle rules are printed (all are written). */
  top: 15,
  /**
   * Minimum confidence of the churn rules. Lower than for bundles because churn is the rarer outcome
   * (about 27% of the customers): a rule that doubles that rate is worth seeing at 50% confidence.
   */
  churnMinConfidence: 0.5,
  /** How many churn rules are printed (all are written). */
  churnTop: 10,
} as const;

/** The baskets and their frequent itemsets, computed once for both steps. */
async function basketsAndItemsets(ctx: AnalysisContext): Promise<{ baskets: TransactionSet; itemsets: FrequentItemsets }> {
  return ctx.shared('telco-itemsets', async () => {
    const table = await ctx.table();
    const baskets = telcoBaskets(table, ctx.dataName);
    ctx.progress.start('FP-Growth');
    try {
      const itemsets = mineItemsets(baskets, {
        algorithm: 'fpgrowth',
        minSupport: ASSOCIATION_SETTINGS.minSupport,
        onProgress: ctx.progress.callback(),
      });
      return { baskets, itemsets };
    } finally {
      ctx.progress.done();
    }
  });
}

/**
 * Removes redundant rules: a rule is redundant when a rule with the same consequent and a strictly
 * smaller antecedent has at least its confidence (R arules' `is.redundant`); for example
 * `{Internet=Fiber optic, PhoneService, Tenure<12m} => {Churn}` when `{Internet=Fiber optic, Tenure<12m} =>
 * {Churn}` is as confident. Keeps the order.
 */
export function nonRedundant(rules: readonly AssociationRule[]): AssociationRule[] {
  const byConsequent = new Map<string, { rule: AssociationRule; items: Set<string> }[]>();
  for (const rule of rules) {
    const key = JSON.stringify(rule.consequent);
    let list = byConsequent.get(key);
    if (list === undefined) byConsequent.set(key, (list = []));
    list.push({ rule, items: new Set(rule.antecedent) });
  }
  return rules.filter((rule) => {
    const list = byConsequent.get(JSON.stringify(rule.consequent))!;
    const mine = new Set(rule.antecedent);
    return !list.some(
      (other) =>
        other.rule !== rule &&
        other.items.size < mine.size &&
        other.rule.confidence >= rule.confidence &&
        [...other.items].every((item) => mine.has(item)),
    );
  });
}

/** Step 1: which services go together, for cross-selling. */
export const serviceBundlesStep: AnalysisStep = {
  id: 'service-bundles',
  title: 'Service bundles (cross-selling)',
  summary: `association rules at support >= ${ASSOCIATION_SETTINGS.minSupport} and confidence >= ${ASSOCIATION_SETTINGS.minConfidence}, strongest by lift`,
  async run(ctx) {
    const { baskets, itemsets } = await basketsAndItemsets(ctx);
    ctx.progress.start('generating rules');
    let rules: RuleSet;
    try {
      rules = associationRules(itemsets, { minConfidence: ASSOCIATION_SETTINGS.minConfidence, consequents: 'single', onProgress: ctx.progress.callback() }).sortBy('lift');
    } finally {
      ctx.progress.done();
    }
    const distinct = nonRedundant(rules.rules);
    const shown = distinct.slice(0, ASSOCIATION_SETTINGS.top);
    ctx.print(
      `${baskets.size} customers, ${baskets.itemCount} items; ${itemsets.length} frequent itemsets (support >= ${ASSOCIATION_SETTINGS.minSupport}, ` +
        `count >= ${itemsets.minCount}); ${rules.length} rules with confidence >= ${ASSOCIATION_SETTINGS.minConfidence}, ${distinct.length} of them not redundant.`,
    );
    if (shown.length === 0) {
      ctx.print('No rule reaches these thresholds.');
    } else {
      ctx.print(`The ${shown.length} strongest by lift (redundant rules left out; all ${rules.length} are in rules.csv):`);
      ctx.print();
      ctx.io.stdout.write(rulesTable(shown));
      ctx.print();
      ctx.print('Read a rule {A, B} => {C} as: customers with A and B also have C with the given confidence, which is');
      ctx.print('lift times more often than customers in general. A high-lift rule whose right side a customer lacks is');
      ctx.print('a cross-selling lead.');
    }
    const json = {
      transactions: baskets.size,
      itemsets: itemsets.length,
      minSupport: ASSOCIATION_SETTINGS.minSupport,
      minConfidence: ASSOCIATION_SETTINGS.minConfidence,
      rules: rules.rules.map(ruleToJson),
    };
    await ctx.writeOutput('rules.csv', rules.toCSV(), `all ${rules.length} rules, by lift`);
    await ctx.writeOutput('rules.json', JSON.stringify(json, null, 2) + '\n', `the same rules as JSON, with the counts and thresholds`);
    const order = itemsets.toArray().sort((a, b) => b.count - a.count);
    await ctx.writeOutput('itemsets.csv', itemsetsToCsv(order), `all ${itemsets.length} frequent itemsets, by support`);
  },
};

/** Step 2: which customer profiles go with churn. */
export const churnProfilesStep: AnalysisStep = {
  id: 'churn-profiles',
  title: 'Churn profiles',
  summary: `rules => {${CHURN_ITEM}} at confidence >= ${ASSOCIATION_SETTINGS.churnMinConfidence}, against the base churn rate`,
  async run(ctx) {
    const { baskets, itemsets } = await basketsAndItemsets(ctx);
    const churnId = baskets.itemId(CHURN_ITEM);
    const churners = churnId === undefined ? 0 : baskets.itemCounts()[churnId];
    const rate = churners / baskets.size;
    ctx.print(`${churners} of ${baskets.size} customers left: a base churn rate of ${formatNumber(100 * rate)}%.`);
    let rules = new RuleSet([], baskets.size, itemsets.length);
    if (churners > 0) {
      ctx.progress.start('generating churn rules');
      try {
        rules = associationRules(itemsets, {
          minConfidence: ASSOCIATION_SETTINGS.churnMinConfidence,
          consequents: 'single',
          onProgress: ctx.progress.callback(),
          filter: (r) => r.consequent.length === 1 && r.consequent[0] === CHURN_ITEM,
        }).sortBy('lift');
      } finally {
        ctx.progress.done();
      }
    }
    const distinct = nonRedundant(rules.rules);
    const shown = distinct.slice(0, ASSOCIATION_SETTINGS.churnTop);
    if (shown.length === 0) {
      ctx.print(`No profile reaches support >= ${ASSOCIATION_SETTINGS.minSupport} and churn confidence >= ${ASSOCIATION_SETTINGS.churnMinConfidence}.`);
    } else {
      ctx.print(
        `${rules.length} rules => {${CHURN_ITEM}} with support >= ${ASSOCIATION_SETTINGS.minSupport} and confidence >= ${ASSOCIATION_SETTINGS.churnMinConfidence}, ` +
          `${distinct.length} not redundant; the ${shown.length} strongest by lift:`,
      );
      ctx.print();
      ctx.io.stdout.write(rulesTable(shown));
      ctx.print();
      ctx.print(`Confidence is the churn rate within the profile; lift is how many times the base rate (${formatNumber(100 * rate)}%) that is.`);
      ctx.print('These customers are the first to approach with a retention offer.');
    }
    await ctx.writeOutput('churn-rules.csv', rules.toCSV(), `all ${rules.length} rules => {${CHURN_ITEM}}, by lift`);
  },
};
