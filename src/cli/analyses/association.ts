/**
 * The association-rule steps of the analysis job: service bundles (cross-selling) and churn profiles.
 *
 * @module
 */
import type { FrequentItemsets } from '../../association/itemsets.js';
import { mineItemsets } from '../../association/mine.js';
import { associationRules, RuleSet, type AssociationRule } from '../../association/rules.js';
import type { TransactionSet } from '../../data/transactions.js';
import type { ChartSpec, ReportBlock, ReportCell, ReportSection } from '../../report/types.js';
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
    const baskets = telcoBaskets(table, ctx.dataName, ctx.settings.services);
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
    ctx.section(serviceBundlesSection(baskets.size, itemsets.length, rules.rules, distinct.length, shown));
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
    ctx.section(churnProfilesSection(baskets.size, churners, rules.length, distinct.length, shown));
    await ctx.writeOutput('churn-rules.csv', rules.toCSV(), `all ${rules.length} rules => {${CHURN_ITEM}}, by lift`);
  },
};

/** A rule as one line of text: `{A, B} ⇒ {C}`. */
function ruleText(rule: AssociationRule): string {
  return `{${rule.antecedent.join(', ')}} ⇒ {${rule.consequent.join(', ')}}`;
}

/** Rule rows for a report table: rule, support, confidence, lift, count. */
function ruleRows(rules: readonly AssociationRule[], label: (rule: AssociationRule) => string): ReportCell[][] {
  return rules.map((r) => [label(r), r.support, r.confidence, r.lift, r.count]);
}

function percentText(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/**
 * The report section of the service-bundle step: key figures, the strongest rules and a support ×
 * confidence scatter of every strong rule coloured by lift.
 *
 * @param customers - the number of baskets.
 * @param itemsets - the number of frequent itemsets.
 * @param strong - every rule meeting the thresholds.
 * @param distinct - how many of them are not redundant.
 * @param shown - the rules of the table (the strongest non-redundant ones).
 */
function serviceBundlesSection(
  customers: number,
  itemsets: number,
  strong: readonly AssociationRule[],
  distinct: number,
  shown: readonly AssociationRule[],
): ReportSection {
  const { minSupport, minConfidence } = ASSOCIATION_SETTINGS;
  const blocks: ReportBlock[] = [
    {
      kind: 'metrics',
      items: [
        { label: 'Customers (baskets)', value: customers.toLocaleString('en-US') },
        { label: 'Frequent itemsets', value: itemsets.toLocaleString('en-US'), note: `support ≥ ${minSupport}` },
        { label: 'Strong rules', value: strong.length.toLocaleString('en-US'), note: `confidence ≥ ${minConfidence}` },
        { label: 'Not redundant', value: distinct.toLocaleString('en-US') },
      ],
    },
  ];
  if (strong.length === 0) {
    blocks.push({ kind: 'paragraph', text: `No strong rules at these thresholds (support ≥ ${minSupport}, confidence ≥ ${minConfidence}).` });
  } else {
    blocks.push(
      {
        kind: 'table',
        caption: `The ${shown.length} strongest rules by lift (redundant rules left out; all ${strong.length} are in rules.csv)`,
        columns: ['rule', 'support', 'confidence', 'lift', 'count'],
        rows: ruleRows(shown, ruleText),
      },
      {
        kind: 'chart',
        title: 'Every strong rule: support × confidence, coloured by lift',
        description: `A scatter plot of the ${strong.length} rules with confidence ≥ ${minConfidence}: support on the horizontal axis, confidence on the vertical, colour by lift (from ${strong.reduce((a, r) => Math.min(a, r.lift), Infinity).toFixed(2)} to ${strong.reduce((a, r) => Math.max(a, r.lift), 0).toFixed(2)}).`,
        spec: ruleScatterSpec(strong),
      },
      {
        kind: 'paragraph',
        text: 'Read a rule {A, B} ⇒ {C} as: customers with A and B also have C with the given confidence, which is lift times more often than customers in general. A high-lift rule whose right side a customer lacks is a cross-selling lead.',
      },
    );
  }
  return {
    id: 'service-bundles',
    title: serviceBundlesStep.title,
    summary: 'Which services go together: association rules (FP-Growth) over one basket per customer, strongest by lift.',
    blocks,
  };
}

/** Support × confidence scatter of rules, coloured by lift (high lift drawn last, on top). */
function ruleScatterSpec(rules: readonly AssociationRule[]): ChartSpec {
  const values = rules
    .map((r) => ({ rule: ruleText(r), support: r.support, confidence: r.confidence, lift: r.lift, count: r.count }))
    .sort((a, b) => a.lift - b.lift);
  return {
    data: { values },
    mark: { type: 'circle', opacity: 0.75, size: 36 },
    encoding: {
      x: { field: 'support', type: 'quantitative', title: 'support (share of customers)', scale: { zero: false }, axis: { format: '.0%' } },
      y: { field: 'confidence', type: 'quantitative', title: 'confidence', scale: { zero: false }, axis: { format: '.0%' } },
      color: { field: 'lift', type: 'quantitative', title: 'lift', scale: { scheme: 'viridis' } },
    },
  };
}

/**
 * The report section of the churn-profile step: the rules ⇒ {Churn} and a bar chart of the churn rate
 * within each profile against the base churn rate.
 *
 * @param customers - the number of baskets.
 * @param churners - how many of them churned.
 * @param found - the number of rules ⇒ {Churn} meeting the thresholds.
 * @param distinct - how many of them are not redundant.
 * @param shown - the rules of the table (the strongest non-redundant ones).
 */
function churnProfilesSection(
  customers: number,
  churners: number,
  found: number,
  distinct: number,
  shown: readonly AssociationRule[],
): ReportSection {
  const { minSupport, churnMinConfidence } = ASSOCIATION_SETTINGS;
  const rate = customers > 0 ? churners / customers : 0;
  const blocks: ReportBlock[] = [
    {
      kind: 'metrics',
      items: [
        { label: 'Customers', value: customers.toLocaleString('en-US') },
        { label: 'Churned', value: churners.toLocaleString('en-US') },
        { label: 'Base churn rate', value: percentText(rate) },
        { label: `Rules ⇒ {${CHURN_ITEM}}`, value: found.toLocaleString('en-US'), note: `${distinct} not redundant` },
      ],
    },
  ];
  if (shown.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text:
        churners === 0
          ? 'No customer in the data churned, so there is no churn profile to find.'
          : `No profile reaches support ≥ ${minSupport} and churn confidence ≥ ${churnMinConfidence}.`,
    });
  } else {
    const profile = (r: AssociationRule): string => r.antecedent.join(', ');
    blocks.push(
      {
        kind: 'table',
        caption: `The ${shown.length} strongest profiles by lift (redundant rules left out; all ${found} are in churn-rules.csv)`,
        columns: ['profile ⇒ {Churn}', 'support', 'confidence', 'lift', 'count'],
        rows: ruleRows(shown, profile),
      },
      {
        kind: 'chart',
        title: 'Churn rate within each profile against the base rate',
        description: `Horizontal bars: the churn rate (confidence) of each of the ${shown.length} profiles, from ${percentText(Math.min(...shown.map((r) => r.confidence)))} to ${percentText(Math.max(...shown.map((r) => r.confidence)))}; a dashed line marks the base churn rate of ${percentText(rate)}.`,
        spec: churnBarSpec(
          shown.map((r) => ({ profile: profile(r), confidence: r.confidence, lift: r.lift })),
          rate,
        ),
      },
      {
        kind: 'paragraph',
        text: `Confidence is the churn rate within the profile; lift is how many times the base rate (${percentText(rate)}) that is. These customers are the first to approach with a retention offer.`,
      },
    );
  }
  return {
    id: 'churn-profiles',
    title: churnProfilesStep.title,
    summary: `Which customer profiles go with churn: association rules ⇒ {${CHURN_ITEM}} against the base churn rate.`,
    blocks,
  };
}

/** Horizontal bars of the churn rate per profile (in the given order), with the base rate as a dashed rule. */
function churnBarSpec(rows: readonly { profile: string; confidence: number; lift: number }[], base: number): ChartSpec {
  return {
    width: 360,
    height: Math.max(60, 22 * rows.length),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', color: '#d1495b' },
        encoding: {
          y: { field: 'profile', type: 'nominal', sort: null, title: null, axis: { labelLimit: 420 } },
          x: { field: 'confidence', type: 'quantitative', title: 'churn rate in the profile', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
        },
      },
      {
        data: { values: [{ confidence: base, label: `base rate ${percentText(base)}` }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#333', strokeWidth: 1.5 },
        encoding: { x: { field: 'confidence', type: 'quantitative' } },
      },
      {
        data: { values: [{ confidence: base, label: `base rate ${percentText(base)}` }] },
        mark: { type: 'text', align: 'left', dx: 4, dy: -4, baseline: 'bottom', fontSize: 11, color: '#333' },
        encoding: { x: { field: 'confidence', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } },
      },
    ],
  };
}
