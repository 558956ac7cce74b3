/**
 * The customer-value step of the analysis job, on the Telco sample or the user's own customer table. The
 * data has no purchase dates, so RFM and BG/NBD do not apply; instead the step uses what it has (tenure in
 * months, monthly charges, total charges, contract and churn):
 *
 * - group CLV by contract type (whatever values the contract column holds, listed in `compareContracts`
 *   order: Telco's in commitment order, any others alphabetically): monthly churn rate r estimated from the data, expected lifetime
 *   T = 1 / r months (capped by a horizon), margin = monthly charges × a margin share, discounted at a
 *   monthly rate; and the expected loss to churn per month, N · r · V;
 * - ABC / Pareto tiers of all customers by `TotalCharges` (historical value), with the Gini coefficient
 *   and the share of value held by the top 20%;
 * - the value matrix of the current customers: current value (historical) × future value (expected
 *   remaining value) → VIP / grow / maintain / abandon.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { abcClassify, customerPyramid, giniCoefficient, paretoCurve, topShare, type TierResult } from '../../crm/abc.js';
import { groupChurnLoss } from '../../crm/churn-rate.js';
import { annuityFactor, checkDiscountRate, groupLifetimeValue } from '../../crm/clv.js';
import { valueMatrix, type ValueMatrixCell } from '../../crm/matrices.js';
import { parseDecimal } from '../../data/csv.js';
import type { DataTable } from '../../data/table.js';
import type { ChartSpec, ReportBlock, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { textTable, toCsv } from '../format.js';
import { compareContracts } from './telco.js';

/** The assumptions of the customer-value step; the job's flags set them. */
export interface CustomerValueSettings {
  /**
   * The share of the monthly charges that is margin, in (0, 1] (default 1: the data has no cost figures,
   * so values are revenue-based). Applied to historical and future value alike.
   */
  marginShare: number;
  /** The yearly discount rate (default 0.08, as in the textbook's CLV examples); monthly (1 + d)^(1/12) − 1. */
  annualDiscountRate: number;
  /**
   * Cap on the expected lifetime, in months (default 120, ten years, the span of the textbook's CLV
   * examples). Contract customers churn so rarely that 1 / r runs to decades; the cap keeps the
   * extrapolation within a planning horizon.
   */
  horizonMonths: number;
}

/** The defaults of {@link CustomerValueSettings}. */
export const CUSTOMER_VALUE_DEFAULTS: Readonly<CustomerValueSettings> = Object.freeze({
  marginShare: 1,
  annualDiscountRate: 0.08,
  horizonMonths: 120,
});

/**
 * Checks the settings.
 *
 * @throws InvalidOptionError naming the flag (`--margin-share`, `--discount-rate`, `--horizon`).
 */
export function checkCustomerValueSettings(s: CustomerValueSettings): CustomerValueSettings {
  if (typeof s.marginShare !== 'number' || !(s.marginShare > 0 && s.marginShare <= 1)) {
    throw new InvalidOptionError('--margin-share', `expected the share of the charges that is margin, in (0, 1], got ${String(s.marginShare)}`);
  }
  checkDiscountRate(s.annualDiscountRate, '--discount-rate');
  if (typeof s.horizonMonths !== 'number' || !Number.isFinite(s.horizonMonths) || !(s.horizonMonths > 0)) {
    throw new InvalidOptionError('--horizon', `expected a positive number of months, got ${String(s.horizonMonths)}`);
  }
  return s;
}

/** The monthly discount rate equivalent to a yearly one: (1 + d)^(1/12) − 1. */
export function monthlyRate(annual: number): number {
  return Math.pow(1 + annual, 1 / 12) - 1;
}

/** One contract group of the group-CLV table. */
export interface ContractGroup {
  /** The `Contract` value. */
  contract: string;
  /** Customers in the data with this contract. */
  customers: number;
  /** Of them, those who left (`Churn` = `Yes`). */
  churned: number;
  /** Customer-months of exposure: the sum of `tenure` over the group. */
  exposureMonths: number;
  /** Monthly churn rate, churned / exposureMonths (capped at 1). */
  churnRate: number;
  /** Expected lifetime in months, 1 / churnRate, before the horizon cap (Infinity for a rate of 0). */
  lifetimeUncapped: number;
  /** The lifetime used: min(1 / churnRate, horizon). */
  lifetime: number;
  /** Current (not churned) customers. */
  active: number;
  /** Mean monthly margin of the current customers (monthly charges × margin share). */
  meanMargin: number;
  /** CLV of an average current customer: meanMargin × a(lifetime, monthly rate). */
  clvPerCustomer: number;
  /** Future value of the group's current customers: the sum of their margins × a(lifetime, monthly rate). */
  futureValue: number;
  /** Expected value lost to churn per month: active × churnRate × clvPerCustomer (N · r · V). */
  lossPerMonth: number;
}

/** The per-customer and per-group results of {@link telcoCustomerValue}. */
export interface TelcoCustomerValue {
  /** Customer ids, in file order. */
  ids: string[];
  /** Per customer: contract. */
  contract: string[];
  /** Per customer: whether the customer left. */
  churned: Uint8Array;
  /** Per customer: tenure in months. */
  tenure: Float64Array;
  /** Per customer: monthly charges. */
  monthlyCharges: Float64Array;
  /** Per customer: total charges (0 where blank: customers with tenure 0, not billed yet). */
  totalCharges: Float64Array;
  /** Per customer: historical value, totalCharges × margin share. */
  historicalValue: Float64Array;
  /** Per customer: expected remaining value (0 for a churned customer). */
  futureValue: Float64Array;
  /** Per customer: the contract group's index in {@link TelcoCustomerValue.groups}. */
  group: Int32Array;
  /** The contract groups. */
  groups: ContractGroup[];
  /** All customers pooled: churned, exposure, churn rate and uncapped lifetime. */
  pooled: { customers: number; churned: number; exposureMonths: number; churnRate: number; lifetimeUncapped: number };
  /** The customers at the start of the last month (tenure ≥ 1) and the share of them who left in it. */
  lastMonth: { atStart: number; churnRate: number };
  /** The monthly discount rate used. */
  monthlyRate: number;
}

/**
 * Computes the group CLV and each customer's historical and future value from the Telco table.
 *
 * The churn rate: the data is a snapshot in which `Churn` = `Yes` marks customers who left in the last
 * month, and `tenure` is how many months each customer has been (or was) a customer. The monthly churn
 * rate of a group is estimated as churners / customer-months of exposure (the sum of the tenures): the
 * maximum-likelihood estimate of a constant monthly hazard when the customers who stay are right-censored.
 * The literal one-period reading (churners / customers at the start of the month) gives about 27% a month,
 * an expected lifetime under four months against a mean tenure of 32 months observed: the sample holds
 * far more churners than one month of a real customer base would, so that reading is reported but not
 * used. Customers who left before the snapshot month are not in the data, so the exposure estimate is, if
 * anything, low.
 *
 * Future value: under a constant hazard the expected remaining lifetime does not depend on tenure, so a
 * current customer's future value is margin × a(T, i) with T the group's lifetime (capped by the horizon)
 * and a(T, i) the annuity factor; a churned customer's is 0.
 *
 * @param table - the Telco table, every column as text.
 * @param source - the file name, for error messages.
 * @param settings - margin share, discount rate and horizon.
 * @throws InvalidInputError naming the row, line and column of a missing or unreadable value.
 */
export function telcoCustomerValue(table: DataTable, source: string, settings: CustomerValueSettings): TelcoCustomerValue {
  checkCustomerValueSettings(settings);
  const text = (name: string): readonly (string | null)[] => {
    if (!table.hasColumn(name)) {
      throw new InvalidInputError(`${source}: no column "${name}"; the customer-value step needs customerID, tenure, MonthlyCharges, TotalCharges, Contract and Churn`, {
        field: name,
      });
    }
    return table.column(name).values.map((v) => (v === null ? null : String(v)));
  };
  const bad = (row: number, column: string, value: string | null, expected: string): InvalidInputError =>
    new InvalidInputError(
      `${source}: row ${row + 1} (line ${row + 2}), column "${column}": expected ${expected}, got ${value === null ? 'an empty cell' : JSON.stringify(value)}`,
      { row, field: column },
    );
  const idCol = text('customerID');
  const tenureCol = text('tenure');
  const monthlyCol = text('MonthlyCharges');
  const totalCol = text('TotalCharges');
  const contractCol = text('Contract');
  const churnCol = text('Churn');

  const n = table.rowCount;
  if (n === 0) throw new InvalidInputError(`${source}: no customers`);
  const ids: string[] = new Array(n);
  const contract: string[] = new Array(n);
  const churned = new Uint8Array(n);
  const tenure = new Float64Array(n);
  const monthlyCharges = new Float64Array(n);
  const totalCharges = new Float64Array(n);
  const number = (r: number, column: string, cell: string | null, expected: string): number => {
    const v = cell === null ? undefined : parseDecimal(cell);
    if (v === undefined || !Number.isFinite(v) || v < 0) throw bad(r, column, cell, expected);
    return v;
  };
  const groupNames: string[] = [];
  for (let r = 0; r < n; r++) {
    ids[r] = idCol[r] ?? `row ${r + 1}`;
    tenure[r] = number(r, 'tenure', tenureCol[r], 'a number of months >= 0');
    monthlyCharges[r] = number(r, 'MonthlyCharges', monthlyCol[r], 'an amount >= 0');
    // TotalCharges is blank for customers with tenure 0 (not billed yet): their historical value is 0
    totalCharges[r] = totalCol[r] === null && tenure[r] === 0 ? 0 : number(r, 'TotalCharges', totalCol[r], 'an amount >= 0 (blank only when tenure is 0)');
    const c = contractCol[r];
    if (c === null) throw bad(r, 'Contract', c, 'a contract type');
    contract[r] = c;
    if (!groupNames.includes(c)) groupNames.push(c);
    const ch = churnCol[r];
    if (ch !== 'Yes' && ch !== 'No') throw bad(r, 'Churn', ch, '"Yes" or "No"');
    churned[r] = ch === 'Yes' ? 1 : 0;
  }
  groupNames.sort(compareContracts); // any contract values; Telco's in commitment order

  const i = monthlyRate(settings.annualDiscountRate);
  const m = settings.marginShare;
  const g = groupNames.length;
  const count = new Float64Array(g);
  const lost = new Float64Array(g);
  const exposure = new Float64Array(g);
  const active = new Float64Array(g);
  const marginSum = new Float64Array(g);
  const group = new Int32Array(n);
  let atStart = 0;
  let lostLastMonth = 0;
  for (let r = 0; r < n; r++) {
    const k = groupNames.indexOf(contract[r]);
    group[r] = k;
    count[k]++;
    exposure[k] += tenure[r];
    if (churned[r]) lost[k]++;
    else {
      active[k]++;
      marginSum[k] += m * monthlyCharges[r];
    }
    if (tenure[r] >= 1) {
      atStart++;
      if (churned[r]) lostLastMonth++;
    }
  }
  const rate = (d: number, e: number): number => (e > 0 ? Math.min(1, d / e) : d > 0 ? 1 : 0);
  const groups: ContractGroup[] = groupNames.map((name, k) => {
    const churnRate = rate(lost[k], exposure[k]);
    const meanMargin = active[k] > 0 ? marginSum[k] / active[k] : 0;
    const clv = groupLifetimeValue({ customers: active[k], margin: meanMargin, churnRate, rate: i, horizon: settings.horizonMonths });
    return {
      contract: name,
      customers: count[k],
      churned: lost[k],
      exposureMonths: exposure[k],
      churnRate,
      lifetimeUncapped: churnRate > 0 ? 1 / churnRate : Infinity,
      lifetime: clv.lifetime,
      active: active[k],
      meanMargin,
      clvPerCustomer: clv.perCustomer,
      futureValue: clv.total,
      lossPerMonth: groupChurnLoss(active[k], churnRate, clv.perCustomer),
    };
  });
  const factors = groups.map((gr) => annuityFactor(i, gr.lifetime));
  const historicalValue = new Float64Array(n);
  const futureValue = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    historicalValue[r] = m * totalCharges[r];
    futureValue[r] = churned[r] ? 0 : m * monthlyCharges[r] * factors[group[r]];
  }
  let totalLost = 0;
  let totalExposure = 0;
  for (let k = 0; k < g; k++) {
    totalLost += lost[k];
    totalExposure += exposure[k];
  }
  const pooledRate = rate(totalLost, totalExposure);
  return {
    ids,
    contract,
    churned,
    tenure,
    monthlyCharges,
    totalCharges,
    historicalValue,
    futureValue,
    group,
    groups,
    pooled: { customers: n, churned: totalLost, exposureMonths: totalExposure, churnRate: pooledRate, lifetimeUncapped: pooledRate > 0 ? 1 / pooledRate : Infinity },
    lastMonth: { atStart, churnRate: atStart > 0 ? lostLastMonth / atStart : 0 },
    monthlyRate: i,
  };
}

function money(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function percent(x: number, digits = 1): string {
  return `${(100 * x).toFixed(digits)}%`;
}

function months(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : 'infinite';
}

/** What each value-matrix cell means for the firm, as the job prints it. */
const MATRIX_ACTIONS: Record<ValueMatrixCell, string> = {
  VIP: 'high current and future value: keep at all costs',
  grow: 'low current, high future value: develop (cross-sell, upgrade)',
  maintain: 'high current, low future value: maintain at low cost',
  abandon: 'low current and future value: serve at minimum cost',
};

/** Step 3: customer value (group CLV by contract, ABC / Pareto, value matrix). */
export const customerValueStep: AnalysisStep = {
  id: 'customer-value',
  title: 'Customer value (CLV, ABC / Pareto, value matrix)',
  summary: 'group CLV by contract from tenure, monthly charges and churn rate; ABC tiers by total charges; value matrix',
  async run(ctx: AnalysisContext) {
    const table = await ctx.table();
    const s = ctx.settings.customerValue;
    const v = telcoCustomerValue(table, ctx.dataName, s);
    const n = v.ids.length;
    const basis = s.marginShare === 1 ? 'revenue-based: margin = 100% of the monthly charges, as the data has no costs' : `margin = ${percent(s.marginShare, 0)} of the charges`;
    ctx.print(`The data has no purchase dates, so customers are valued from tenure, charges and churn (${basis}).`);
    ctx.print(
      `Churn rate per month = churners / customer-months of tenure = ${v.pooled.churned} / ${v.pooled.exposureMonths} = ${percent(v.pooled.churnRate, 3)} ` +
        `(expected lifetime 1/r = ${months(v.pooled.lifetimeUncapped)} months).`,
    );
    ctx.print(
      `(Read as one period, ${v.pooled.churned} of the ${v.lastMonth.atStart} customers at the start of the month left: ${percent(v.lastMonth.churnRate)}, a lifetime of ` +
        `${months(1 / v.lastMonth.churnRate)} months against a mean tenure of ${months(v.pooled.exposureMonths / n)} months; the sample over-represents churners, so that is not used.)`,
    );
    ctx.print(
      `Group CLV = margin × a(T, i) with T = min(1/r, ${s.horizonMonths} months) and i = ${percent(v.monthlyRate, 3)} a month (${percent(s.annualDiscountRate)} a year), ` +
        `for the ${n - v.pooled.churned} current customers:`,
    );
    ctx.print();
    const totalFuture = v.groups.reduce((a, gr) => a + gr.futureValue, 0);
    const totalLoss = v.groups.reduce((a, gr) => a + gr.lossPerMonth, 0);
    const totalActive = v.groups.reduce((a, gr) => a + gr.active, 0);
    type Row = { name: string; g?: ContractGroup };
    const rows: Row[] = [...v.groups.map((gr) => ({ name: gr.contract, g: gr })), { name: 'all' }];
    ctx.io.stdout.write(
      textTable(rows, [
        { header: 'contract', cell: (r) => r.name },
        { header: 'customers', cell: (r) => String(r.g?.customers ?? n), align: 'right' },
        { header: 'churned', cell: (r) => String(r.g?.churned ?? v.pooled.churned), align: 'right' },
        { header: 'churn/month', cell: (r) => percent(r.g?.churnRate ?? v.pooled.churnRate, 3), align: 'right' },
        { header: '1/r months', cell: (r) => months(r.g?.lifetimeUncapped ?? v.pooled.lifetimeUncapped), align: 'right' },
        { header: 'T used', cell: (r) => (r.g ? months(r.g.lifetime) : '-'), align: 'right' },
        { header: 'margin/month', cell: (r) => (r.g ? r.g.meanMargin.toFixed(2) : '-'), align: 'right' },
        { header: 'CLV/customer', cell: (r) => money(r.g ? r.g.clvPerCustomer : totalActive > 0 ? totalFuture / totalActive : 0), align: 'right' },
        { header: 'future value', cell: (r) => money(r.g?.futureValue ?? totalFuture), align: 'right' },
        { header: 'churn loss/month', cell: (r) => money(r.g?.lossPerMonth ?? totalLoss), align: 'right' },
      ]),
    );
    ctx.print('(margin/month: mean over the current customers; churn loss/month = N · r · CLV/customer, the value the group');
    ctx.print('is expected to lose to churn each month; the "all" row gives the pooled churn rate and sums the groups\' values.)');

    // ABC / Pareto on historical value (total charges), every customer
    ctx.print();
    const abc = abcClassify(v.totalCharges);
    const pyramid = customerPyramid(v.totalCharges);
    const gini = giniCoefficient(v.totalCharges);
    const top20 = topShare(v.totalCharges, 0.2);
    ctx.print('ABC tiers of all customers by total charges (historical value; A: the first 80% of it, B: the next 15%, C: the rest):');
    ctx.io.stdout.write(
      textTable(abc.tiers, [
        { header: 'tier', cell: (t) => t.label },
        { header: 'customers', cell: (t) => String(t.customers), align: 'right' },
        { header: 'share', cell: (t) => percent(t.customerShare), align: 'right' },
        { header: 'total charges', cell: (t) => money(t.value), align: 'right' },
        { header: 'value share', cell: (t) => percent(t.valueShare), align: 'right' },
      ]),
    );
    ctx.print(`The top 20% of customers hold ${percent(top20)} of total charges; Gini coefficient ${gini.toFixed(4)}.`);

    // value matrix of the current customers
    ctx.print();
    const current: number[] = [];
    const future: number[] = [];
    const activeRows: number[] = [];
    for (let r = 0; r < n; r++) {
      if (v.churned[r]) continue;
      activeRows.push(r);
      current.push(v.historicalValue[r]);
      future.push(v.futureValue[r]);
    }
    const cells = activeRows.length > 0 ? valueMatrix(current, future) : [];
    const cellOf: string[] = new Array(n).fill('churned');
    activeRows.forEach((r, k) => (cellOf[r] = cells[k]));
    const medianCurrent = median(current);
    const medianFuture = median(future);
    ctx.print(
      `Value matrix of the ${activeRows.length} current customers: current value (historical) × future value (expected remaining), ` +
        `high at or above the medians (${money(medianCurrent)} and ${money(medianFuture)}):`,
    );
    const order: ValueMatrixCell[] = ['VIP', 'grow', 'maintain', 'abandon'];
    const matrixRows = order.map((cell) => {
      let count = 0;
      let cur = 0;
      let fut = 0;
      cells.forEach((c, k) => {
        if (c !== cell) return;
        count++;
        cur += current[k];
        fut += future[k];
      });
      return { cell, count, cur, fut };
    });
    ctx.io.stdout.write(
      textTable(matrixRows, [
        { header: 'cell', cell: (r) => r.cell },
        { header: 'customers', cell: (r) => String(r.count), align: 'right' },
        { header: 'mean current', cell: (r) => money(r.count > 0 ? r.cur / r.count : 0), align: 'right' },
        { header: 'mean future', cell: (r) => money(r.count > 0 ? r.fut / r.count : 0), align: 'right' },
        { header: 'action', cell: (r) => MATRIX_ACTIONS[r.cell] },
      ]),
    );

    ctx.section(
      customerValueSection({
        v,
        settings: s,
        abc,
        gini,
        top20,
        totals: { future: totalFuture, loss: totalLoss, active: totalActive },
        matrix: { rows: matrixRows, medianCurrent, medianFuture },
      }),
    );

    const csv = toCsv(
      ['customerID', 'contract', 'churned', 'tenure', 'monthlyCharges', 'totalCharges', 'historicalValue', 'monthlyChurnRate', 'lifetimeMonths', 'futureValue', 'clv', 'abc', 'abcRank', 'pyramid', 'valueCell'],
      v.ids.map((id, r) => {
        const gr = v.groups[v.group[r]];
        return [
          id,
          v.contract[r],
          v.churned[r] ? 'Yes' : 'No',
          v.tenure[r],
          v.monthlyCharges[r],
          v.totalCharges[r],
          v.historicalValue[r],
          gr.churnRate,
          gr.lifetime,
          v.futureValue[r],
          v.historicalValue[r] + v.futureValue[r],
          abc.tier[r],
          abc.rank[r],
          pyramid.tier[r],
          cellOf[r],
        ];
      }),
    );
    await ctx.writeOutput('customer-value.csv', csv, `per customer: historical, future and lifetime value, ABC tier, pyramid tier, value-matrix cell`);
    const groupsCsv = toCsv(
      ['contract', 'customers', 'churned', 'exposureMonths', 'monthlyChurnRate', 'lifetimeUncapped', 'lifetimeMonths', 'active', 'meanMargin', 'clvPerCustomer', 'futureValue', 'churnLossPerMonth'],
      v.groups.map((gr) => [
        gr.contract,
        gr.customers,
        gr.churned,
        gr.exposureMonths,
        gr.churnRate,
        gr.lifetimeUncapped,
        gr.lifetime,
        gr.active,
        gr.meanMargin,
        gr.clvPerCustomer,
        gr.futureValue,
        gr.lossPerMonth,
      ]),
    );
    await ctx.writeOutput('customer-value-groups.csv', groupsCsv, 'group CLV by contract: churn rate, lifetime, CLV per customer, churn loss');
  },
};

/** The median (mean of the two middle values for an even count); 0 for none. */
function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = Float64Array.from(values).sort();
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** What the customer-value section shows, as the step computed it. */
interface CustomerValueFindings {
  v: TelcoCustomerValue;
  settings: CustomerValueSettings;
  abc: TierResult;
  gini: number;
  top20: number;
  totals: { future: number; loss: number; active: number };
  matrix: { rows: { cell: ValueMatrixCell; count: number; cur: number; fut: number }[]; medianCurrent: number; medianFuture: number };
}

/** How many points of the Pareto curve the chart draws at most (plus the tier cut points). */
const PARETO_POINTS = 200;

/**
 * The points of the Pareto curve the chart draws: (share of customers, share of value) at about
 * {@link PARETO_POINTS} evenly spaced ranks plus the ends of the tiers, in rank order. A subset of the
 * points of a concave curve, so the drawn curve is concave too. Shares are clamped to 1 (summing in
 * floating point can overshoot it by an ulp).
 */
function paretoPoints(values: ArrayLike<number>, cuts: readonly number[]): { customers: number; value: number }[] {
  const curve = paretoCurve(values);
  const n = values.length;
  const keep = new Uint8Array(n + 1);
  const step = Math.max(1, Math.floor(n / PARETO_POINTS));
  for (let k = 0; k <= n; k += step) keep[k] = 1;
  keep[n] = 1;
  for (const c of cuts) keep[c] = 1;
  const points: { customers: number; value: number }[] = [];
  for (let k = 0; k <= n; k++) if (keep[k]) points.push({ customers: curve.customerShare[k], value: Math.min(1, curve.valueShare[k]) });
  return points;
}

/** The Pareto curve with the diagonal and the tier cut points marked. */
function paretoSpec(points: readonly { customers: number; value: number }[], cuts: readonly { customers: number; value: number; label: string }[]): ChartSpec {
  const x = { field: 'customers', type: 'quantitative', title: 'share of customers (most valuable first)', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  const y = { field: 'value', type: 'quantitative', title: 'share of total charges', scale: { domain: [0, 1] }, axis: { format: '.0%' } };
  return {
    width: 420,
    height: 320,
    layer: [
      {
        data: { values: [{ customers: 0, value: 0 }, { customers: 1, value: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x, y },
      },
      { data: { values: points }, mark: { type: 'line', color: '#1f77b4', strokeWidth: 2 }, encoding: { x, y } },
      {
        data: { values: cuts },
        mark: { type: 'point', filled: true, size: 60, color: '#d1495b' },
        encoding: { x, y },
      },
      {
        data: { values: cuts },
        mark: { type: 'text', align: 'left', dx: 6, dy: 10, fontSize: 11 },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
}

/** Grouped bars per tier: its share of the customers and its share of the value. */
function tierBarsSpec(tiers: TierResult['tiers']): ChartSpec {
  const values = tiers.flatMap((t) => [
    { tier: t.label, measure: 'customers', share: t.customerShare },
    { tier: t.label, measure: 'total charges', share: t.valueShare },
  ]);
  return {
    width: 320,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'tier', type: 'nominal', title: 'tier', axis: { labelAngle: 0 } },
      xOffset: { field: 'measure', type: 'nominal' },
      y: { field: 'share', type: 'quantitative', title: 'share', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
      color: { field: 'measure', type: 'nominal', title: 'share of', scale: { range: ['#8fb8de', '#1f77b4'] } },
    },
  };
}

/** The report section of the customer-value step. */
function customerValueSection(f: CustomerValueFindings): ReportSection {
  const { v, abc } = f;
  const n = v.ids.length;
  const tiers = abc.tiers;
  let rank = 0;
  const cutPoints: { customers: number; value: number; label: string }[] = [];
  const cutRanks: number[] = [];
  let cumValue = 0;
  for (let k = 0; k < tiers.length - 1; k++) {
    rank += tiers[k].customers;
    cumValue += tiers[k].valueShare;
    cutRanks.push(rank);
    cutPoints.push({
      customers: rank / n,
      value: cumValue,
      label: `${tiers[k].label} | ${tiers[k + 1].label}: ${percent(rank / n)} of customers, ${percent(cumValue)} of value`,
    });
  }
  const points = paretoPoints(v.totalCharges, cutRanks);
  const blocks: ReportBlock[] = [
    {
      kind: 'metrics',
      items: [
        { label: 'Customers', value: n.toLocaleString('en-US'), note: `${(n - v.pooled.churned).toLocaleString('en-US')} current` },
        { label: 'Gini coefficient', value: f.gini.toFixed(3), note: 'of total charges (0 = all equal)' },
        { label: 'Top 20% of customers', value: percent(f.top20), note: 'of total charges' },
        { label: 'Churn rate per month', value: percent(v.pooled.churnRate, 2), note: `expected lifetime ${months(v.pooled.lifetimeUncapped)} months` },
        { label: 'Future value', value: money(f.totals.future), note: `of the current customers, horizon ${f.settings.horizonMonths} months` },
      ],
    },
    {
      kind: 'chart',
      title: 'Pareto curve of total charges',
      description: `Cumulative share of total charges against cumulative share of customers, most valuable first, with the diagonal of equal value. ${cutPoints
        .map((c) => `${c.label}.`)
        .join(' ')} Gini coefficient ${f.gini.toFixed(3)}.`,
      spec: paretoSpec(points, cutPoints),
    },
    {
      kind: 'table',
      caption: 'ABC tiers by total charges (A: the first 80% of value, B: the next 15%, C: the rest)',
      columns: ['tier', 'customers', 'share of customers', 'total charges', 'share of value'],
      rows: tiers.map((t) => [t.label, t.customers, percent(t.customerShare), Math.round(t.value), percent(t.valueShare)]),
    },
    {
      kind: 'chart',
      title: 'ABC tiers: share of customers and share of value',
      description: tiers.map((t) => `tier ${t.label}: ${percent(t.customerShare)} of customers, ${percent(t.valueShare)} of value`).join('; ') + '.',
      spec: tierBarsSpec(tiers),
    },
    {
      kind: 'table',
      caption: `Group CLV by contract: margin × a(T, i), T = min(1/r, ${f.settings.horizonMonths} months), i = ${percent(v.monthlyRate, 3)} a month`,
      columns: ['contract', 'customers', 'churn/month', 'T (months)', 'margin/month', 'CLV/customer', 'future value', 'churn loss/month'],
      rows: [
        ...v.groups.map((g) => [g.contract, g.customers, percent(g.churnRate, 3), Number(g.lifetime.toFixed(1)), Number(g.meanMargin.toFixed(2)), Math.round(g.clvPerCustomer), Math.round(g.futureValue), Math.round(g.lossPerMonth)]),
        ['all', n, percent(v.pooled.churnRate, 3), null, null, Math.round(f.totals.active > 0 ? f.totals.future / f.totals.active : 0), Math.round(f.totals.future), Math.round(f.totals.loss)],
      ],
    },
    {
      kind: 'table',
      caption: `Value matrix of the current customers: high at or above the medians of current value (${money(f.matrix.medianCurrent)}) and future value (${money(f.matrix.medianFuture)})`,
      columns: ['cell', 'customers', 'mean current', 'mean future', 'action'],
      rows: f.matrix.rows.map((r) => [r.cell, r.count, Math.round(r.count > 0 ? r.cur / r.count : 0), Math.round(r.count > 0 ? r.fut / r.count : 0), MATRIX_ACTIONS[r.cell]]),
    },
    {
      kind: 'paragraph',
      text: 'The data has no purchase dates, so customers are valued from tenure, charges and churn: the monthly churn rate is churners / customer-months of tenure, and future value assumes it stays constant.',
    },
  ];
  return {
    id: 'customer-value',
    title: customerValueStep.title,
    summary: `How value is spread over the customers (Pareto curve, ABC tiers, Gini ${f.gini.toFixed(3)}), what a customer is worth by contract, and the value matrix.`,
    blocks,
  };
}
