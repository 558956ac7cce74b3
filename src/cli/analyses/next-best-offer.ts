/**
 * The next-best-offer step of the analysis job, on the Telco sample or the user's own `--services`
 * columns: for each current customer (Churn = No), the services they lack and could add, ranked by a
 * weighted hybrid of three recommender families that fit this data, with the reasons; then one offer
 * per customer under a capacity per service.
 *
 * - **cross-sell rules**: association rules mined from every customer's holdings (services, internet
 *   type, contract), whose consequent is a service; a customer gets the consequents of the rules their
 *   holdings fire, by confidence;
 * - **demographic**: the customer's segment by contract, senior citizen, partner and dependents (those
 *   the file has); the share of the segment holding the service, shrunk toward the overall share;
 * - **popularity**: how many customers hold the service.
 * There are no ratings and no item descriptions beyond the service names, so the content-based,
 * collaborative rating and utility families have nothing to work on here.
 *
 * A service is a candidate for a customer when they lack it and can have it: its cell is a "no" value,
 * not Telco's "No internet service" / "No phone service" (on the Telco sample: the internet add-ons need
 * internet service, multiple lines need phone service). On the Telco layout `PhoneService` is held but
 * not offered; with the user's own services every one can be offered.
 *
 * The report's table gives each offer a short reason ({@link shortOfferReason}); the full reason of the
 * hybrid (each component's normalised score, weight and own reason) is in `next-best-offers.csv`.
 *
 * @module
 */
import { strongRules, type AssociationRule, type RuleSet } from '../../association/rules.js';
import { InvalidInputError } from '../../core/errors.js';
import type { DataTable } from '../../data/table.js';
import { TransactionSet } from '../../data/transactions.js';
import { PopularityRecommender } from '../../recommend/collaborative/baseline.js';
import { CrossSellRecommender } from '../../recommend/cross-sell.js';
import { DemographicRecommender } from '../../recommend/demographic.js';
import { weightedHybrid } from '../../recommend/hybrid.js';
import { Interactions } from '../../recommend/interactions.js';
import { assignOffers } from '../../recommend/offers.js';
import type { Recommendation } from '../../recommend/types.js';
import type { ChartSpec, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { formatNumber, textTable, toCsv } from '../format.js';
import { readServiceColumns, SERVICE_NO, SERVICE_YES, TELCO_SERVICE_COLUMNS, type ServiceColumns } from './services.js';

/** The settings of the next-best-offer step. */
export const NEXT_BEST_OFFER_SETTINGS = {
  /**
   * The services that can be offered on the Telco layout (a customer holding one has it as an item);
   * with the user's own `--services` columns, every one of them can be offered.
   */
  services: ['MultipleLines', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'] as const,
  /** The customer attributes of the demographic segments (those the file has; `Contract` is required). */
  segmentBy: ['Contract', 'SeniorCitizen', 'Partner', 'Dependents'] as const,
  /** Minimum support of the cross-sell itemsets. */
  minSupport: 0.05,
  /** Minimum confidence of the cross-sell rules. */
  minConfidence: 0.4,
  /** Weights of the hybrid's components. */
  weights: { crossSell: 0.5, demographic: 0.3, popularity: 0.2 },
  /** Shrinkage of the demographic shares toward the overall share, in pseudo-customers. */
  shrinkage: 10,
  /** How many services are listed per customer in the output file. */
  top: 3,
  /** How many customers are shown on screen. */
  show: 5,
  /** Capacity of each service's campaign, as a share of the current customers. */
  capacityShare: 0.1,
  /** How many customers the report's table shows. */
  reportCustomers: 6,
  /** The most antecedent items a short reason names (the rest are counted: `+2 more`). */
  reasonItems: 3,
} as const;

interface Customer {
  id: string;
  holdings: string[];
  eligible: string[];
  attributes: Record<string, string>;
  active: boolean;
}

/** The customers with their holdings and the services they could add, and what the step read. */
interface OfferData {
  customers: Customer[];
  /** The services that can be offered. */
  offers: readonly string[];
  /** The customer attributes of the demographic segments. */
  segmentBy: readonly string[];
}

/**
 * Reads the customers: their holdings (the services they have, internet type and contract) and the
 * services they could add (a "no" cell of an offerable service; a "No internet service" / "No phone
 * service" cell is a service they cannot have).
 */
function readCustomers(table: DataTable, source: string, services: ServiceColumns): OfferData {
  const col = (name: string): readonly (string | null)[] => {
    if (!table.hasColumn(name)) throw new InvalidInputError(`${source}: no column "${name}"; is this the Telco customer-churn file?`, { field: name });
    return table.column(name).values.map((v) => (v === null ? null : String(v)));
  };
  const S = NEXT_BEST_OFFER_SETTINGS;
  const ids = col('customerID');
  const internet = services.telco || table.hasColumn('InternetService') ? col('InternetService') : undefined;
  const contract = col('Contract');
  const churn = col('Churn');
  const read = readServiceColumns(table, services, source, 'the next-best-offer step');
  const offerSet = new Set(services.offers);
  // Holdings in a fixed order: the services that are not offered (Telco's phone line), internet,
  // contract, then the offerable services.
  const base = read.filter((s) => !offerSet.has(s.name));
  const offerable = read.filter((s) => offerSet.has(s.name));
  const segmentBy = S.segmentBy.filter((a) => a === 'Contract' || table.hasColumn(a));
  const attrs = segmentBy.map((a) => ({ name: a, values: col(a) }));
  const customers: Customer[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const holdings: string[] = [];
    const eligible: string[] = [];
    for (const s of base) if (s.states[r] === SERVICE_YES) holdings.push(s.name);
    if (internet !== undefined && internet[r] !== null && internet[r] !== 'No') holdings.push(`Internet=${internet[r]}`);
    holdings.push(`Contract=${contract[r] ?? 'unknown'}`);
    for (const s of offerable) {
      if (s.states[r] === SERVICE_YES) holdings.push(s.name);
      else if (s.states[r] === SERVICE_NO) eligible.push(s.name);
    }
    const attributes: Record<string, string> = {};
    for (const a of attrs) attributes[a.name] = a.values[r] ?? 'missing';
    customers.push({ id: ids[r] ?? `row ${r + 1}`, holdings, eligible, attributes, active: churn[r] !== 'Yes' });
  }
  return { customers, offers: offerable.map((s) => s.name), segmentBy };
}

/** The id and title of the next-best-offer step's report section. */
export const NEXT_BEST_OFFERS_SECTION = Object.freeze({ id: 'next-best-offers', title: 'Next best offers' });

/** What the next-best-offers section shows. */
interface OfferFindings {
  active: readonly Customer[];
  offers: readonly string[];
  segmentBy: readonly string[];
  telco: boolean;
  lists: readonly Recommendation[][];
  /** The short reason of each offer in the report's table, by customer index and rank. */
  reasonOf: (customer: number, r: Recommendation) => string;
  ruleCount: number;
  capacity: number;
  free: { counts: ArrayLike<number>; total: number };
  assigned: { counts: ArrayLike<number>; total: number; offerOf: ArrayLike<number>; solver: string };
}

/** What a short reason is made from: the facts behind the hybrid's three components, for one customer and service. */
export interface OfferReasonFacts {
  /**
   * The share of the other customers in the customer's segment (those with the same segment attributes)
   * who have the service; absent when nobody else is in the segment.
   */
  readonly segmentShare?: number;
  /** The share of all customers who have the service. */
  readonly overallShare: number;
  /** The cross-sell rule the customer's holdings fire for the service (the most confident), if any. */
  readonly rule?: Pick<AssociationRule, 'antecedent' | 'consequent' | 'confidence'>;
}

/** A share as a whole percentage: `62%`, `<1%` for a small non-zero share. */
function wholePercent(x: number): string {
  return x > 0 && x < 0.005 ? '<1%' : `${Math.round(100 * x)}%`;
}

/**
 * The short reason of an offer in the report's table. Readable here means: one line of at most two
 * plain facts a sales person can repeat, in a fixed order, without the hybrid's arithmetic —
 *
 * 1. `people like you: 62% of similar customers have it` (the demographic component: the share of the
 *    other customers in the customer's segment, those with the same contract, senior citizen, partner
 *    and dependents; left out when nobody else is in the segment);
 * 2. the cross-sell rule their holdings fire, `rule {A, B} ⇒ C conf 0.71` (at most
 *    {@link NEXT_BEST_OFFER_SETTINGS}.reasonItems items on the left, the rest counted as `+N more`), or
 *    when no rule fires, the popularity component: `38% of all customers have it`.
 *
 * Whole percentages and two-decimal confidences. The full reason stays in `next-best-offers.csv`.
 *
 * @example
 * ```ts
 * shortOfferReason({ segmentShare: 0.62, overallShare: 0.4, rule: { antecedent: ['A', 'B'], consequent: ['C'], confidence: 0.714 } });
 * // 'people like you: 62% of similar customers have it; rule {A, B} ⇒ C conf 0.71'
 * ```
 */
export function shortOfferReason(facts: OfferReasonFacts): string {
  const parts: string[] = [];
  if (facts.segmentShare !== undefined) parts.push(`people like you: ${wholePercent(facts.segmentShare)} of similar customers have it`);
  const r = facts.rule;
  if (r === undefined) {
    parts.push(`${wholePercent(facts.overallShare)} of all customers have it`);
  } else {
    const n = NEXT_BEST_OFFER_SETTINGS.reasonItems;
    const left = r.antecedent.slice(0, n).join(', ') + (r.antecedent.length > n ? ` +${r.antecedent.length - n} more` : '');
    parts.push(`rule {${left}} ⇒ ${r.consequent.join(', ')} conf ${r.confidence.toFixed(2)}`);
  }
  return parts.join('; ');
}

/**
 * The facts behind each offer (see {@link shortOfferReason}), from the same customers, segments and
 * rules the hybrid used: the segment shares count every other customer (churned too) with the same
 * segment attributes, and the rule is chosen as the cross-sell recommender chooses it (highest
 * confidence, then higher support, then the first in its rule order).
 */
function offerReasonFacts(data: OfferData, rules: readonly AssociationRule[]): (customer: Customer, service: string) => OfferReasonFacts {
  const { customers, offers, segmentBy } = data;
  const m = offers.length;
  const offerIndex = new Map(offers.map((o, k) => [o, k]));
  const keyOf = (c: Customer): string => segmentBy.map((a) => c.attributes[a]).join('\u0000');
  const segments = new Map<string, { size: number; counts: Int32Array }>();
  const overall = new Int32Array(m);
  for (const c of customers) {
    const key = keyOf(c);
    let g = segments.get(key);
    if (g === undefined) segments.set(key, (g = { size: 0, counts: new Int32Array(m) }));
    g.size++;
    for (const h of c.holdings) {
      const k = offerIndex.get(h);
      if (k !== undefined) {
        g.counts[k]++;
        overall[k]++;
      }
    }
  }
  return (customer, service) => {
    const k = offerIndex.get(service)!;
    const g = segments.get(keyOf(customer))!;
    const held = new Set(customer.holdings);
    let best: AssociationRule | undefined;
    for (const rule of rules) {
      if (rule.consequent[0] !== service || !rule.antecedent.every((a) => held.has(a))) continue;
      if (best === undefined || rule.confidence > best.confidence || (rule.confidence === best.confidence && rule.support > best.support)) best = rule;
    }
    const others = g.size - 1; // the customer themself is left out of "similar customers"
    return {
      ...(others > 0 ? { segmentShare: (g.counts[k] - (held.has(service) ? 1 : 0)) / others } : {}),
      overallShare: overall[k] / customers.length,
      ...(best !== undefined ? { rule: best } : {}),
    };
  };
}

/** The report section of the next-best-offer step. */
function offerSection(f: OfferFindings): ReportSection {
  const S = NEXT_BEST_OFFER_SETTINGS;
  const sample: number[] = [];
  for (let i = 0; i < f.active.length && sample.length < S.reportCustomers; i++) if (f.lists[i].length > 0) sample.push(i);
  const rows: (string | number | null)[][] = [];
  for (const i of sample) {
    f.lists[i].slice(0, S.top).forEach((r, rank) => rows.push([rank === 0 ? f.active[i].id : null, rank + 1, r.item, Number(r.score.toFixed(3)), f.reasonOf(i, r)]));
  }
  let offered = 0;
  for (let i = 0; i < f.assigned.offerOf.length; i++) if (f.assigned.offerOf[i] >= 0) offered++;
  const canAdd = f.lists.reduce((n, l) => n + (l.length > 0 ? 1 : 0), 0);
  const chart: ChartSpec = {
    title: `Customers assigned per service (capacity ${f.capacity.toLocaleString('en-US')} each)`,
    data: { values: f.offers.map((service, o) => ({ service, assigned: f.assigned.counts[o], unconstrained: f.free.counts[o], capacity: f.capacity })) },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: { field: 'service', type: 'nominal', title: null, sort: null, axis: { labelAngle: -30 } },
          y: { field: 'assigned', type: 'quantitative', title: 'customers' },
        },
      },
      {
        mark: { type: 'tick', color: '#f58518', thickness: 3 },
        encoding: { x: { field: 'service', type: 'nominal', sort: null }, y: { field: 'unconstrained', type: 'quantitative' } },
      },
      { mark: { type: 'rule', color: '#e45756', strokeDash: [5, 4] }, encoding: { y: { datum: f.capacity } } },
    ],
  };
  const W = S.weights;
  const candidates = f.telco
    ? '(internet add-ons need internet service, multiple lines need phone service)'
    : '(a "no" cell; a "No internet service" or "No phone service" cell marks a service the customer cannot have)';
  return {
    ...NEXT_BEST_OFFERS_SECTION,
    summary: 'For each current customer, the services they lack and could add, ranked with reasons; then one offer each, with a cap on every service’s campaign.',
    blocks: [
      {
        kind: 'metrics',
        items: [
          { label: 'Current customers', value: f.active.length.toLocaleString('en-US'), note: `${canAdd.toLocaleString('en-US')} can add a service` },
          { label: 'Customers with an offer', value: offered.toLocaleString('en-US'), note: `at most ${f.capacity.toLocaleString('en-US')} per service` },
          {
            label: 'Score kept under the capacity',
            value: f.free.total > 0 ? `${((100 * f.assigned.total) / f.free.total).toFixed(1)}%` : '—',
            note: 'of the total score without capacities',
          },
        ],
      },
      {
        kind: 'paragraph',
        text:
          `The ranking is a weighted hybrid of three recommenders that fit this data: cross-sell association rules (weight ${W.crossSell}; ${f.ruleCount} rules with ` +
          `support ≥ ${S.minSupport} and confidence ≥ ${S.minConfidence} and a service on the right), the customer's demographic segment by ${f.segmentBy.join(', ')} ` +
          `(weight ${W.demographic}; the segment's share holding the service, shrunk toward the overall share by ${S.shrinkage} pseudo-customers), and popularity ` +
          `(weight ${W.popularity}). Each component's scores are min-max normalised before weighting. Only services a customer lacks and can have are candidates ` +
          `${candidates}. There are no ratings or item descriptions, so the collaborative and content-based families have nothing to work on here.`,
      },
      {
        kind: 'table',
        caption:
          `Top ${S.top} offers for the first ${sample.length} current customers who can add a service. Why: the share of similar customers ` +
          `(the other customers with the same ${f.segmentBy.join(', ')}) who have the service, and the cross-sell rule the customer's holdings fire (or, without one, the share of all customers); ` +
          'the full reason, with each component’s score and weight, is in next-best-offers.csv',
        columns: ['Customer', 'Rank', 'Service', 'Score', 'Why'],
        rows,
      },
      {
        kind: 'chart',
        title: 'Offer assignment under the capacity',
        description:
          `Bars: customers assigned each service (one offer per customer, solver ${f.assigned.solver}); orange ticks: how many would get it without capacities; ` +
          `dashed line: the capacity of ${f.capacity} (${formatNumber(100 * S.capacityShare)}% of the current customers).`,
        spec: chart,
      },
    ],
  };
}

/** Step: the next best offers and their assignment under a capacity. */
export const nextBestOfferStep: AnalysisStep = {
  id: 'next-best-offer',
  title: 'Next best offer',
  summary: 'the services each current customer lacks, ranked by a hybrid of cross-sell rules, demographic segments and popularity, then one offer each under a capacity',
  sections: [NEXT_BEST_OFFERS_SECTION],
  async run(ctx: AnalysisContext) {
    const S = NEXT_BEST_OFFER_SETTINGS;
    const table = await ctx.table();
    const services = ctx.settings.services ?? TELCO_SERVICE_COLUMNS;
    const data = readCustomers(table, ctx.dataName, services);
    const { customers, offers, segmentBy } = data;
    const active = customers.filter((c) => c.active);
    if (active.length === 0) {
      throw new InvalidInputError(`${ctx.dataName}: no current customers (every row has Churn = Yes), so there is nobody to make an offer to`, { field: 'Churn' });
    }
    if (offers.length === 0) throw new InvalidInputError(`${ctx.dataName}: no service can be offered (the service columns are ${services.names.join(', ')})`);
    const serviceSet = new Set<string>(offers);

    ctx.progress.start('fitting the recommenders');
    let lists: Recommendation[][];
    let hybrid;
    let rules: RuleSet;
    try {
      const baskets = TransactionSet.fromArrays(customers.map((c) => c.holdings));
      rules = strongRules(baskets, {
        minSupport: S.minSupport,
        minConfidence: S.minConfidence,
        consequents: 'single',
        filter: (r) => serviceSet.has(r.consequent[0]),
      }).rules;
      const crossSell = CrossSellRecommender.fromRules(rules, { rankBy: 'confidence', items: [...offers] });
      const served = customers.flatMap((c) => c.holdings.filter((h) => serviceSet.has(h)).map((item) => ({ user: c.id, item })));
      const demographic = DemographicRecommender.fit(
        Object.fromEntries(customers.map((c) => [c.id, c.attributes])),
        served,
        { attributes: [...segmentBy], shrinkage: S.shrinkage },
        [...offers],
      );
      const popularity = PopularityRecommender.fit(Interactions.fromRecords(served));
      hybrid = weightedHybrid([
        { recommender: crossSell, weight: S.weights.crossSell },
        { recommender: demographic, weight: S.weights.demographic },
        { recommender: popularity, weight: S.weights.popularity },
      ]);
      ctx.progress.done();
      ctx.progress.start('recommending');
      lists = active.map((c) => (c.eligible.length === 0 ? [] : hybrid!.recommend({ user: c.id, items: c.holdings, attributes: c.attributes }, { k: offers.length, candidates: c.eligible })));
      ctx.print(
        `${active.length} current customers; ${rules.length} cross-sell rules (support >= ${S.minSupport}, confidence >= ${S.minConfidence}) with a service on the right. ` +
          `Hybrid weights: cross-sell ${S.weights.crossSell}, demographic ${S.weights.demographic} (segments by ${segmentBy.join(', ')}, shrinkage ${S.shrinkage}), ` +
          `popularity ${S.weights.popularity}; each component's scores min-max normalised.`,
      );
    } finally {
      ctx.progress.done();
    }

    // On screen: the first customers' offers with reasons.
    ctx.print();
    ctx.print(`Top offers for the first ${S.show} current customers who can add a service:`);
    let shown = 0;
    for (let i = 0; i < active.length && shown < S.show; i++) {
      if (lists[i].length === 0) continue;
      shown++;
      const c = active[i];
      ctx.print(`  ${c.id} (${segmentBy.map((a) => `${a}=${c.attributes[a]}`).join(', ')}; holds ${c.holdings.join(', ')}):`);
      for (const r of lists[i].slice(0, 2)) ctx.print(`    ${r.item}  ${formatNumber(r.score)}  ${r.reason}`);
    }

    // Offer assignment: at most one offer per customer, each service to at most capacityShare of the customers.
    const m = offers.length;
    const offerIndex = new Map(offers.map((o, k) => [o, k]));
    const scores = active.map((_, i) => {
      const row = new Array<number>(m).fill(0);
      for (const r of lists[i]) row[offerIndex.get(r.item)!] = r.score;
      return row;
    });
    const capacity = new Array<number>(m).fill(Math.ceil(S.capacityShare * active.length));
    const free = assignOffers(scores);
    const assigned = assignOffers(scores, { capacity });
    ctx.print();
    ctx.print(
      `Offer assignment (one offer per customer, naive method: the hybrid score), each service to at most ${capacity[0]} customers ` +
        `(${formatNumber(100 * S.capacityShare)}% of ${active.length}); solver: ${assigned.solver}.`,
    );
    ctx.io.stdout.write(
      textTable(
        offers.map((s, o) => ({ s, o })),
        [
          { header: 'service', cell: (r) => r.s },
          { header: 'unconstrained', cell: (r) => String(free.counts[r.o]), align: 'right' },
          { header: 'assigned', cell: (r) => String(assigned.counts[r.o]), align: 'right' },
        ],
      ),
    );
    const offered = assigned.offerOf.reduce((n, o) => n + (o >= 0 ? 1 : 0), 0);
    ctx.print(
      `${offered} customers get an offer; total score ${formatNumber(assigned.total)} against ${formatNumber(free.total)} without capacities ` +
        `(${formatNumber((100 * assigned.total) / (free.total || 1))}%).`,
    );

    const facts = offerReasonFacts(data, rules.rules);
    ctx.section(
      offerSection({
        active,
        offers,
        segmentBy,
        telco: services.telco,
        lists,
        reasonOf: (i, r) => shortOfferReason(facts(active[i], r.item)),
        ruleCount: rules.length,
        capacity: capacity[0],
        free,
        assigned,
      }),
    );

    const rows: (string | number)[][] = [];
    active.forEach((c, i) => lists[i].slice(0, S.top).forEach((r, rank) => rows.push([c.id, rank + 1, r.item, r.score, r.reason])));
    await ctx.writeOutput('next-best-offers.csv', toCsv(['customerID', 'rank', 'service', 'score', 'reason'], rows), `the top ${S.top} services per current customer, with reasons`);
    const assignRows = active.map((c, i) => [c.id, assigned.offerOf[i] >= 0 ? offers[assigned.offerOf[i]] : '', assigned.value[i]]);
    await ctx.writeOutput('offer-assignment.csv', toCsv(['customerID', 'offer', 'score'], assignRows), `one offer per current customer under a capacity of ${capacity[0]} per service`);
  },
};
