/**
 * The next-best-offer step of the analysis job, on the Telco sample: for each current customer (Churn =
 * No), the services they lack and could add, ranked by a weighted hybrid of three recommender families
 * that fit this data, with the reasons; then one offer per customer under a capacity per service.
 *
 * - **cross-sell rules**: association rules mined from every customer's holdings (services, internet
 *   type, contract), whose consequent is a service; a customer gets the consequents of the rules their
 *   holdings fire, by confidence;
 * - **demographic**: the customer's segment by contract, senior citizen, partner and dependents; the
 *   share of the segment holding the service, shrunk toward the overall share;
 * - **popularity**: how many customers hold the service.
 * There are no ratings and no item descriptions beyond the service names, so the content-based,
 * collaborative rating and utility families have nothing to work on here.
 *
 * A service is a candidate for a customer when they lack it and can have it: the internet add-ons need
 * internet service, multiple lines need phone service.
 *
 * @module
 */
import { strongRules } from '../../association/rules.js';
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

/** The settings of the next-best-offer step. */
export const NEXT_BEST_OFFER_SETTINGS = {
  /** The services that can be offered (a customer holding one has it as an item). */
  services: ['MultipleLines', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'] as const,
  /** The customer attributes of the demographic segments. */
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
} as const;

const INTERNET_ADD_ONS = new Set(['OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies']);

interface Customer {
  id: string;
  holdings: string[];
  eligible: string[];
  attributes: Record<string, string>;
  active: boolean;
}

function readCustomers(table: DataTable, source: string): Customer[] {
  const col = (name: string): readonly (string | null)[] => {
    if (!table.hasColumn(name)) throw new InvalidInputError(`${source}: no column "${name}"; is this the Telco customer-churn file?`, { field: name });
    return table.column(name).values.map((v) => (v === null ? null : String(v)));
  };
  const S = NEXT_BEST_OFFER_SETTINGS;
  const ids = col('customerID');
  const internet = col('InternetService');
  const phone = col('PhoneService');
  const contract = col('Contract');
  const churn = col('Churn');
  const services = S.services.map((s) => ({ name: s, values: col(s) }));
  const attrs = S.segmentBy.map((a) => ({ name: a, values: col(a) }));
  const out: Customer[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const holdings: string[] = [];
    const eligible: string[] = [];
    const hasInternet = internet[r] !== null && internet[r] !== 'No';
    const hasPhone = phone[r] === 'Yes';
    if (hasPhone) holdings.push('PhoneService');
    if (hasInternet) holdings.push(`Internet=${internet[r]}`);
    holdings.push(`Contract=${contract[r] ?? 'unknown'}`);
    for (const s of services) {
      const v = s.values[r];
      if (v === 'Yes') holdings.push(s.name);
      else if (v === 'No' && (INTERNET_ADD_ONS.has(s.name) ? hasInternet : hasPhone)) eligible.push(s.name);
    }
    const attributes: Record<string, string> = {};
    for (const a of attrs) attributes[a.name] = a.values[r] ?? 'missing';
    out.push({ id: ids[r] ?? `row ${r + 1}`, holdings, eligible, attributes, active: churn[r] !== 'Yes' });
  }
  return out;
}

/** The id and title of the next-best-offer step's report section. */
export const NEXT_BEST_OFFERS_SECTION = Object.freeze({ id: 'next-best-offers', title: 'Next best offers' });

/** What the next-best-offers section shows. */
interface OfferFindings {
  active: readonly Customer[];
  lists: readonly Recommendation[][];
  ruleCount: number;
  capacity: number;
  free: { counts: ArrayLike<number>; total: number };
  assigned: { counts: ArrayLike<number>; total: number; offerOf: ArrayLike<number>; solver: string };
}

/** The report section of the next-best-offer step. */
function offerSection(f: OfferFindings): ReportSection {
  const S = NEXT_BEST_OFFER_SETTINGS;
  const sample: number[] = [];
  for (let i = 0; i < f.active.length && sample.length < S.reportCustomers; i++) if (f.lists[i].length > 0) sample.push(i);
  const rows: (string | number | null)[][] = [];
  for (const i of sample) {
    f.lists[i].slice(0, S.top).forEach((r, rank) => rows.push([rank === 0 ? f.active[i].id : null, rank + 1, r.item, Number(r.score.toFixed(3)), r.reason]));
  }
  let offered = 0;
  for (let i = 0; i < f.assigned.offerOf.length; i++) if (f.assigned.offerOf[i] >= 0) offered++;
  const canAdd = f.lists.reduce((n, l) => n + (l.length > 0 ? 1 : 0), 0);
  const chart: ChartSpec = {
    title: `Customers assigned per service (capacity ${f.capacity.toLocaleString('en-US')} each)`,
    data: { values: S.services.map((service, o) => ({ service, assigned: f.assigned.counts[o], unconstrained: f.free.counts[o], capacity: f.capacity })) },
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
          `support ≥ ${S.minSupport} and confidence ≥ ${S.minConfidence} and a service on the right), the customer's demographic segment by ${S.segmentBy.join(', ')} ` +
          `(weight ${W.demographic}; the segment's share holding the service, shrunk toward the overall share by ${S.shrinkage} pseudo-customers), and popularity ` +
          `(weight ${W.popularity}). Each component's scores are min-max normalised before weighting. Only services a customer lacks and can have are candidates ` +
          '(internet add-ons need internet service, multiple lines need phone service). There are no ratings or item descriptions, so the collaborative and content-based families have nothing to work on here.',
      },
      {
        kind: 'table',
        caption: `Top ${S.top} offers for the first ${sample.length} current customers who can add a service`,
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
    const customers = readCustomers(table, ctx.dataName);
    const active = customers.filter((c) => c.active);
    if (active.length === 0) {
      throw new InvalidInputError(`${ctx.dataName}: no current customers (every row has Churn = Yes), so there is nobody to make an offer to`, { field: 'Churn' });
    }
    const serviceSet = new Set<string>(S.services);

    ctx.progress.start('fitting the recommenders');
    let lists: Recommendation[][];
    let hybrid;
    let ruleCount = 0;
    try {
      const baskets = TransactionSet.fromArrays(customers.map((c) => c.holdings));
      const rules = strongRules(baskets, {
        minSupport: S.minSupport,
        minConfidence: S.minConfidence,
        consequents: 'single',
        filter: (r) => serviceSet.has(r.consequent[0]),
      }).rules;
      ruleCount = rules.length;
      const crossSell = CrossSellRecommender.fromRules(rules, { rankBy: 'confidence', items: [...S.services] });
      const served = customers.flatMap((c) => c.holdings.filter((h) => serviceSet.has(h)).map((item) => ({ user: c.id, item })));
      const demographic = DemographicRecommender.fit(
        Object.fromEntries(customers.map((c) => [c.id, c.attributes])),
        served,
        { attributes: [...S.segmentBy], shrinkage: S.shrinkage },
        [...S.services],
      );
      const popularity = PopularityRecommender.fit(Interactions.fromRecords(served));
      hybrid = weightedHybrid([
        { recommender: crossSell, weight: S.weights.crossSell },
        { recommender: demographic, weight: S.weights.demographic },
        { recommender: popularity, weight: S.weights.popularity },
      ]);
      ctx.progress.done();
      ctx.progress.start('recommending');
      lists = active.map((c) => (c.eligible.length === 0 ? [] : hybrid!.recommend({ user: c.id, items: c.holdings, attributes: c.attributes }, { k: S.services.length, candidates: c.eligible })));
      ctx.print(
        `${active.length} current customers; ${rules.length} cross-sell rules (support >= ${S.minSupport}, confidence >= ${S.minConfidence}) with a service on the right. ` +
          `Hybrid weights: cross-sell ${S.weights.crossSell}, demographic ${S.weights.demographic} (segments by ${S.segmentBy.join(', ')}, shrinkage ${S.shrinkage}), ` +
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
      ctx.print(`  ${c.id} (${S.segmentBy.map((a) => `${a}=${c.attributes[a]}`).join(', ')}; holds ${c.holdings.join(', ')}):`);
      for (const r of lists[i].slice(0, 2)) ctx.print(`    ${r.item}  ${formatNumber(r.score)}  ${r.reason}`);
    }

    // Offer assignment: at most one offer per customer, each service to at most capacityShare of the customers.
    const m = S.services.length;
    const scores = active.map((_, i) => {
      const row = new Array<number>(m).fill(0);
      for (const r of lists[i]) row[S.services.indexOf(r.item as (typeof S.services)[number])] = r.score;
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
        S.services.map((s, o) => ({ s, o })),
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

    ctx.section(offerSection({ active, lists, ruleCount, capacity: capacity[0], free, assigned }));

    const rows: (string | number)[][] = [];
    active.forEach((c, i) => lists[i].slice(0, S.top).forEach((r, rank) => rows.push([c.id, rank + 1, r.item, r.score, r.reason])));
    await ctx.writeOutput('next-best-offers.csv', toCsv(['customerID', 'rank', 'service', 'score', 'reason'], rows), `the top ${S.top} services per current customer, with reasons`);
    const assignRows = active.map((c, i) => [c.id, assigned.offerOf[i] >= 0 ? S.services[assigned.offerOf[i]] : '', assigned.value[i]]);
    await ctx.writeOutput('offer-assignment.csv', toCsv(['customerID', 'offer', 'score'], assignRows), `one offer per current customer under a capacity of ${capacity[0]} per service`);
  },
};
