/**
 * The RFM step of the analysis job: recency, frequency and monetary scores (quintiles) per customer and
 * the named segments they fall in (Champions … Lost), from a purchase log.
 *
 * The purchase log is the user's (`--transactions FILE`, read with the library's `readTransactionLog`)
 * when given. A customer file such as the bundled Telco sample has no purchase dates, so without one the
 * step simulates a one-year log of add-on purchases for its customers, deterministically (seeded), driven
 * by their data, and says so ({@link simulatedLogNote}):
 *
 * - each customer buys as a Poisson process at a yearly rate of
 *   2 + 0.04 · MonthlyCharges + 0.6 · services (services = internet + phone/add-on services, 0..9, or
 *   the count of the user's `--services` columns held), so from about 3 to about 12 purchases a year on
 *   the Telco sample;
 * - from the later of the year's start and the day they joined (tenure months back, at a random day of
 *   that month) to the reference date — or, for a customer who churned, to a day drawn uniformly in that
 *   span, after which they buy nothing (so churners have a larger recency and fewer purchases);
 * - each purchase is 10–30% (uniform) of the customer's monthly charges, in cents.
 *
 * The simulated log and the per-customer scores are written to the output folder.
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { Random } from '../../core/rng.js';
import { DEFAULT_RFM_SEGMENTS, rfmAnalysis, type RfmResult } from '../../crm/rfm.js';
import { summarizeCustomers } from '../../crm/summary.js';
import { dayNumber, isoDateOfDay, readTransactionLog, type TransactionLog } from '../../crm/transaction-log.js';
import type { DataTable } from '../../data/table.js';
import type { ChartSpec, ReportBlock, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { textTable, toCsv } from '../format.js';
import { telcoSegmentationTable } from './segmentation.js';
import type { ServiceColumns } from './services.js';

/** The settings of the simulated purchase log (fixed; stated in the output). */
export const RFM_SIMULATION = Object.freeze({
  /** The seed of the simulation's random numbers. */
  seed: 2024,
  /** The reference ("observation") date: the last day of the simulated year. */
  referenceDate: '2024-12-31',
  /** The simulated period, in days, ending at the reference date. */
  days: 365,
});

/** The fewest customers with a purchase the RFM step scores (quintiles need a spread); fewer is an InvalidInputError. */
export const MIN_RFM_CUSTOMERS = 10;

/**
 * The sentence that says the purchase log is simulated, in the terminal text and the report: it names the
 * Telco sample only when the customer file is the bundled one.
 *
 * @param bundledSample - whether the customer file is the bundled Telco sample (default false).
 */
export function simulatedLogNote(bundledSample = false): string {
  return bundledSample
    ? 'simulated purchase log: the bundled Telco sample has no purchase dates; pass --transactions FILE for your own'
    : 'simulated purchase log: this customer file has no purchase dates; pass --transactions FILE (customer, date, amount) to score real purchases';
}

/** A simulated purchase log (see the module comment) and what it was made from. */
export interface SimulatedPurchases {
  /** The purchases, in customer order (file order), each customer's in date order. */
  log: TransactionLog;
  /** The customers in the table. */
  customers: number;
  /** Of them, those with no purchase in the simulated year. */
  withoutPurchase: number;
  /** The reference date as a day number (days since 1970-01-01). */
  referenceDay: number;
}

/**
 * Simulates a one-year purchase log of add-on purchases for the customers of a file without purchase
 * dates (the Telco sample, or the user's own; see the module comment). The same table and seed give the
 * same log.
 *
 * @param table - the customer table (Telco columns, or the user's mapped to them), every column as text.
 * @param source - the file name for error messages.
 * @param seed - the seed (default {@link RFM_SIMULATION}.seed).
 * @param serviceColumns - the service columns counted (default: the Telco services).
 * @throws InvalidInputError naming the column, and the row, of a missing column or a bad value.
 */
export function simulateTelcoPurchases(table: DataTable, source: string, seed: number = RFM_SIMULATION.seed, serviceColumns?: ServiceColumns): SimulatedPurchases {
  const { features, ids, churn } = telcoSegmentationTable(table, source, serviceColumns);
  if (churn === undefined) throw new InvalidInputError(`${source}: no column "Churn"; the simulated purchase log needs it`, { field: 'Churn' });
  const n = features.rowCount;
  const tenure = features.column('tenure').values as readonly number[];
  const monthly = features.column('MonthlyCharges').values as readonly number[];
  const services = features.column('services').values as readonly number[];
  const [y, m, d] = RFM_SIMULATION.referenceDate.split('-').map(Number);
  const ref = dayNumber(y, m, d);
  const yearStart = ref - RFM_SIMULATION.days + 1;
  const rng = new Random(seed);
  let rows = 0;
  let customer: Int32Array = new Int32Array(4 * n + 16);
  let day: Int32Array = new Int32Array(customer.length);
  let amount: Float64Array = new Float64Array(customer.length);
  const customerIds: string[] = [];
  let withoutPurchase = 0;
  for (let i = 0; i < n; i++) {
    const joined = ref - Math.floor((tenure[i] + rng.next()) * 30.4375);
    const start = Math.max(yearStart, joined);
    const end = churn[i] === 1 ? start + Math.floor(rng.next() * (ref - start + 1)) : ref;
    const perDay = (2 + 0.04 * monthly[i] + 0.6 * services[i]) / 365;
    const k = customerIds.length;
    let t = start - Math.log(1 - rng.next()) / perDay;
    let bought = 0;
    while (t < end + 1) {
      if (rows === customer.length) {
        customer = grownInt(customer);
        day = grownInt(day);
        amount = grownFloat(amount);
      }
      customer[rows] = k;
      day[rows] = Math.floor(t);
      amount[rows] = Math.max(0.01, Math.round(100 * monthly[i] * (0.1 + 0.2 * rng.next())) / 100);
      rows++;
      bought++;
      t -= Math.log(1 - rng.next()) / perDay;
    }
    if (bought > 0) customerIds.push(ids[i]);
    else withoutPurchase++;
  }
  return {
    log: { customerIds, customer: customer.slice(0, rows), day: day.slice(0, rows), amount: amount.slice(0, rows) },
    customers: n,
    withoutPurchase,
    referenceDay: ref,
  };
}

function grownInt(a: Int32Array): Int32Array {
  const b = new Int32Array(2 * a.length);
  b.set(a);
  return b;
}

function grownFloat(a: Float64Array): Float64Array {
  const b = new Float64Array(2 * a.length);
  b.set(a);
  return b;
}

/** A transaction log as CSV: `customer,date,amount`, dates as `YYYY-MM-DD`. */
function logToCsv(log: TransactionLog): string {
  const lines: string[] = ['customer,date,amount'];
  for (let r = 0; r < log.customer.length; r++) lines.push(`${csvText(log.customerIds[log.customer[r]])},${isoDateOfDay(log.day[r])},${log.amount[r].toFixed(2)}`);
  return lines.join('\n') + '\n';
}

function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Customers, share and mean recency / frequency / monetary value per segment, in the segment map's order. */
export interface RfmSegmentSize {
  /** The segment's name. */
  segment: string;
  /** Customers in it. */
  customers: number;
  /** Their share of the customers scored. */
  share: number;
  /** Mean days since the last purchase. */
  recency: number;
  /** Mean number of purchases. */
  frequency: number;
  /** Mean total spend. */
  monetary: number;
}

/**
 * Segment sizes of an RFM result: one entry per segment with at least one customer, in the order of
 * {@link DEFAULT_RFM_SEGMENTS} (then any other segment names, such as `'Other'`, in order of appearance).
 */
export function rfmSegmentSizes(rfm: RfmResult): RfmSegmentSize[] {
  const order = DEFAULT_RFM_SEGMENTS.map((s) => s.segment);
  for (const s of rfm.segment) if (!order.includes(s)) order.push(s);
  const k = order.length;
  const count = new Float64Array(k);
  const r = new Float64Array(k);
  const f = new Float64Array(k);
  const m = new Float64Array(k);
  const index = new Map(order.map((s, j) => [s, j]));
  const n = rfm.segment.length;
  for (let i = 0; i < n; i++) {
    const j = index.get(rfm.segment[i])!;
    count[j]++;
    r[j] += rfm.recency[i];
    f[j] += rfm.frequency[i];
    m[j] += rfm.monetary[i];
  }
  const out: RfmSegmentSize[] = [];
  for (let j = 0; j < k; j++) {
    if (count[j] === 0) continue;
    out.push({ segment: order[j], customers: count[j], share: count[j] / n, recency: r[j] / count[j], frequency: f[j] / count[j], monetary: m[j] / count[j] });
  }
  return out;
}

/** Horizontal bars: customers per segment, in segment-map order. */
function segmentBarsSpec(sizes: readonly RfmSegmentSize[]): ChartSpec {
  return {
    width: 360,
    height: Math.max(60, 24 * sizes.length),
    data: { values: sizes.map((s) => ({ segment: s.segment, customers: s.customers, share: s.share })) },
    mark: { type: 'bar', color: '#1f77b4' },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: null, title: null },
      x: { field: 'customers', type: 'quantitative', title: 'customers' },
    },
  };
}

/** Where the log came from, for the section and the terminal. */
interface LogSource {
  /** What the log holds, in a sentence or two. */
  detail: string;
  /** The note that says it is simulated ({@link simulatedLogNote}); absent for the user's own log. */
  note?: string;
}

/** The RFM step (see the module comment). */
export const rfmStep: AnalysisStep = {
  id: 'rfm',
  title: 'RFM segments',
  summary: 'recency, frequency and monetary quintiles per customer from a purchase log (simulated when none is given), named segments',
  async run(ctx: AnalysisContext): Promise<void> {
    const given = ctx.settings.transactions;
    let log: TransactionLog;
    let source: LogSource;
    let observationDate: string | undefined;
    let simulated: SimulatedPurchases | undefined;
    if (given !== undefined) {
      ctx.progress.start(`reading ${given.name}`);
      try {
        log = await readTransactionLog(given.path, { customer: given.customer, date: given.date, amount: given.amount });
      } finally {
        ctx.progress.done();
      }
      source = { detail: `Purchase log ${given.name}: ${log.customer.length.toLocaleString('en-US')} purchases by ${log.customerIds.length.toLocaleString('en-US')} customers; recency is counted to its last purchase date.` };
    } else {
      const table = await ctx.table();
      simulated = simulateTelcoPurchases(table, ctx.dataName, RFM_SIMULATION.seed, ctx.settings.services);
      log = simulated.log;
      observationDate = RFM_SIMULATION.referenceDate;
      source = {
        detail:
          `One year of add-on purchases to ${RFM_SIMULATION.referenceDate} (seed ${RFM_SIMULATION.seed}): ` +
          `${log.customer.length.toLocaleString('en-US')} purchases by ${log.customerIds.length.toLocaleString('en-US')} of the ${simulated.customers.toLocaleString('en-US')} customers (${simulated.withoutPurchase.toLocaleString('en-US')} bought nothing); ` +
          'customers with higher charges and more services buy more often, and churners stop buying at a random day before the reference date.',
        note: simulatedLogNote(ctx.settings.bundledSample === true),
      };
    }
    if (log.customerIds.length < MIN_RFM_CUSTOMERS) {
      throw new InvalidInputError(
        `${given?.name ?? ctx.dataName}: too few customers with purchases for RFM quintiles: ${log.customerIds.length}, need at least ${MIN_RFM_CUSTOMERS}`,
      );
    }
    const summary = summarizeCustomers(log, observationDate === undefined ? {} : { observationDate });
    const rfm = rfmAnalysis(summary);
    const sizes = rfmSegmentSizes(rfm);

    if (source.note !== undefined) ctx.print(`Note: ${source.note}.`);
    ctx.print(source.detail);
    ctx.print(`${summary.size} customers scored 1..5 on recency (days since the last purchase), frequency (purchases) and monetary value (total spend) by quintiles;`);
    ctx.print('segments from the R × F grid (Champions … Lost):');
    ctx.io.stdout.write(
      textTable(sizes, [
        { header: 'segment', cell: (s) => s.segment },
        { header: 'customers', cell: (s) => String(s.customers), align: 'right' },
        { header: 'share', cell: (s) => `${(100 * s.share).toFixed(1)}%`, align: 'right' },
        { header: 'mean recency (days)', cell: (s) => s.recency.toFixed(1), align: 'right' },
        { header: 'mean frequency', cell: (s) => s.frequency.toFixed(2), align: 'right' },
        { header: 'mean monetary', cell: (s) => s.monetary.toFixed(2), align: 'right' },
      ]),
    );

    ctx.section(rfmSection(source, summary.size, sizes));

    if (simulated !== undefined) {
      await ctx.writeOutput('rfm-simulated-purchases.csv', logToCsv(log), `the simulated purchase log (customer, date, amount) the RFM scores come from`);
    }
    await ctx.writeOutput(
      'rfm.csv',
      toCsv(
        ['customer', 'recencyDays', 'frequency', 'monetary', 'R', 'F', 'M', 'cell', 'segment'],
        rfm.customers.map((id, i) => [id, rfm.recency[i], rfm.frequency[i], Math.round(100 * rfm.monetary[i]) / 100, rfm.r[i], rfm.f[i], rfm.m[i], rfm.cell[i], rfm.segment[i]]),
      ),
      'per customer: recency, frequency, monetary value, their 1..5 scores, RFM cell and segment',
    );
  },
};

/** The report section of the RFM step. */
function rfmSection(source: LogSource, scored: number, sizes: readonly RfmSegmentSize[]): ReportSection {
  const largest = sizes.reduce((a, b) => (b.customers > a.customers ? b : a), sizes[0]);
  const blocks: ReportBlock[] = [
    { kind: 'paragraph', text: source.note !== undefined ? `Note: ${source.note}. ${source.detail}` : source.detail },
    {
      kind: 'metrics',
      items: [
        { label: 'Customers scored', value: scored.toLocaleString('en-US') },
        { label: 'Segments', value: String(sizes.length) },
        { label: 'Largest segment', value: largest.segment, note: `${(100 * largest.share).toFixed(1)}% of customers` },
      ],
    },
    {
      kind: 'chart',
      title: 'Customers per RFM segment',
      description: `Horizontal bars: ${sizes.map((s) => `${s.segment} ${s.customers}`).join(', ')}.`,
      spec: segmentBarsSpec(sizes),
    },
    {
      kind: 'table',
      caption: 'RFM segments (quintile scores 1..5; segments from the R × F grid)',
      columns: ['segment', 'customers', 'share', 'mean recency (days)', 'mean frequency', 'mean monetary'],
      rows: sizes.map((s) => [s.segment, s.customers, `${(100 * s.share).toFixed(1)}%`, Number(s.recency.toFixed(1)), Number(s.frequency.toFixed(2)), Number(s.monetary.toFixed(2))]),
    },
  ];
  return {
    id: 'rfm',
    title: rfmStep.title,
    summary: source.note !== undefined
      ? `RFM segment sizes from a ${source.note}.`
      : 'RFM segment sizes: customers scored on recency, frequency and monetary value of their purchases.',
    blocks,
  };
}
