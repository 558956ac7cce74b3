/**
 * The main job's outlier step on the Telco customers:
 *
 * - Isolation Forest (100 trees, 256 customers per tree, seed 42) on tenure, MonthlyCharges and
 *   TotalCharges, the top 1 % labelled outliers; each listed customer is explained by the column whose
 *   modified z-score (median / MAD over all customers) is largest.
 * - The per-entity idea, where this data allows it: a customer's current monthly bill against their own
 *   average bill so far (TotalCharges / tenure). The data holds no month-by-month history, so the own
 *   baseline is that average; a ratio far from 1 (by its modified z-score over the customers with at
 *   least 6 months of tenure) marks a bill that changed a lot — an up- or down-sell, or a billing error.
 *
 * `TotalCharges` is blank for customers with tenure 0 (not billed yet): taken as 0.
 *
 * @module
 */
import { InvalidInputError } from '../../core/errors.js';
import { parseDecimal } from '../../data/csv.js';
import { fitIsolationForest } from '../../outliers/iforest.js';
import { fitUnivariateDetector } from '../../outliers/univariate.js';
import type { ChartSpec, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { formatNumber, textTable, toCsv } from '../format.js';

/** The columns the Isolation Forest uses. */
export const OUTLIER_FEATURES = ['tenure', 'MonthlyCharges', 'TotalCharges'] as const;

/** Customers listed per table. */
const TOP = 5;

/** The id and title of the outlier step's report section. */
export const OUTLIERS_SECTION = Object.freeze({ id: 'outliers', title: 'Unusual customers' });

/** Fewest customers the step runs on. */
export const OUTLIER_MIN_CUSTOMERS = 10;

/** Flagged customers listed in the report's table (the most anomalous first). */
const REPORT_ROWS = 25;

/** Most ordinary customers drawn in the report's scatter (evenly spaced through the file); every outlier is drawn. */
const SCATTER_INLIERS = 800;

/** What the outliers section shows. */
interface OutlierFindings {
  ids: readonly (string | null)[];
  X: Float64Array;
  scores: ArrayLike<number>;
  labels: ArrayLike<number>;
  threshold: number;
  order: readonly number[];
  why: (i: number) => string;
  eligible: number;
  billFlagged: number;
  billOrder: readonly number[];
  ratio: Float64Array;
  billScores: Float64Array;
}

/** The report section of the outlier step. */
function outlierSection(f: OutlierFindings): ReportSection {
  const n = f.ids.length;
  const X = f.X;
  const id = (i: number): string => f.ids[i] ?? `row ${i + 1}`;
  const flaggedRows = f.order.filter((i) => f.labels[i] === 1);
  const inliers: number[] = [];
  for (let i = 0; i < n; i++) if (f.labels[i] !== 1) inliers.push(i);
  const stride = Math.max(1, Math.ceil(inliers.length / SCATTER_INLIERS));
  const drawn = inliers.filter((_, k) => k % stride === 0);
  const point = (i: number, outlier: boolean) => ({ customer: id(i), tenure: X[i * 3], monthly: X[i * 3 + 1], total: X[i * 3 + 2], score: f.scores[i], outlier: outlier ? 'outlier' : 'other customers' });
  const scatter: ChartSpec = {
    title: 'Tenure and monthly charges, outliers highlighted',
    data: { values: [...drawn.map((i) => point(i, false)), ...flaggedRows.map((i) => point(i, true))] },
    mark: { type: 'point', filled: true },
    encoding: {
      x: { field: 'tenure', type: 'quantitative', title: 'tenure (months)' },
      y: { field: 'monthly', type: 'quantitative', title: 'monthly charges' },
      color: { field: 'outlier', type: 'nominal', title: null, scale: { domain: ['other customers', 'outlier'], range: ['#9ecae9', '#e45756'] } },
      size: { field: 'outlier', type: 'nominal', legend: null, scale: { domain: ['other customers', 'outlier'], range: [12, 60] } },
      opacity: { field: 'outlier', type: 'nominal', legend: null, scale: { domain: ['other customers', 'outlier'], range: [0.5, 1] } },
    },
  };
  const shown = flaggedRows.slice(0, REPORT_ROWS);
  const sampleNote = drawn.length < inliers.length ? ` (${drawn.length.toLocaleString('en-US')} of the ${inliers.length.toLocaleString('en-US')} other customers drawn, evenly spaced through the file)` : '';
  return {
    ...OUTLIERS_SECTION,
    summary: `An Isolation Forest on ${OUTLIER_FEATURES.join(', ')} flags the customers least like the others; each is explained by the column furthest from the median.`,
    blocks: [
      {
        kind: 'metrics',
        items: [
          { label: 'Outliers', value: flaggedRows.length.toLocaleString('en-US'), note: `of ${n.toLocaleString('en-US')} customers` },
          { label: 'Share of customers', value: `${((100 * flaggedRows.length) / n).toFixed(1)}%`, note: `score above ${f.threshold.toFixed(4)}` },
          { label: 'Bills far from own average', value: f.billFlagged.toLocaleString('en-US'), note: `of ${f.eligible.toLocaleString('en-US')} customers with 6+ months` },
        ],
      },
      {
        kind: 'table',
        caption: shown.length < flaggedRows.length ? `The ${shown.length} most anomalous of the ${flaggedRows.length} outliers` : 'The outliers, most anomalous first',
        columns: ['Customer', 'Tenure', 'Monthly charges', 'Total charges', 'Score', 'Why'],
        rows: shown.map((i) => [id(i), X[i * 3], X[i * 3 + 1], X[i * 3 + 2], Number(Number(f.scores[i]).toFixed(4)), f.why(i)]),
      },
      {
        kind: 'chart',
        title: 'Outliers on tenure × monthly charges',
        description: `Scatter of tenure against monthly charges; the ${flaggedRows.length} outliers in red${sampleNote}.`,
        spec: scatter,
      },
      {
        kind: 'paragraph',
        text:
          `Own baseline: each customer's current monthly bill against their own average so far (TotalCharges / tenure), for the ${f.eligible} customers with 6+ months. ` +
          (f.billOrder.length > 0
            ? `${f.billFlagged} bills changed far more than usual (modified z-score of the log ratio above 3.5).`
            : 'Too few such customers to judge (at least 10 are needed).'),
      },
      ...(f.billOrder.length > 0
        ? [
            {
              kind: 'table' as const,
              caption: 'Bills furthest from the customer’s own average',
              columns: ['Customer', 'Tenure', 'Own average', 'Monthly now', 'Now / average', 'Modified z'],
              rows: f.billOrder.slice(0, TOP).map((i) => [id(i), X[i * 3], Number((X[i * 3 + 2] / X[i * 3]).toFixed(2)), X[i * 3 + 1], Number(f.ratio[i].toFixed(2)), Number(f.billScores[i].toFixed(1))]),
            },
          ]
        : []),
    ],
  };
}

async function run(ctx: AnalysisContext): Promise<void> {
  const table = await ctx.table();
  const n = table.rowCount;
  if (n < OUTLIER_MIN_CUSTOMERS) {
    throw new InvalidInputError(`${ctx.dataName}: too few customers for outlier detection: ${n}, need at least ${OUTLIER_MIN_CUSTOMERS}`, { field: 'customerID' });
  }
  for (const c of ['customerID', ...OUTLIER_FEATURES]) {
    if (!table.hasColumn(c)) throw new InvalidInputError(`${ctx.dataName}: no column "${c}"; the outlier step needs it`, { field: c });
  }
  const text = (name: string): readonly (string | null)[] => table.column(name).values as (string | null)[];
  const ids = text('customerID');
  const cols = OUTLIER_FEATURES.map((c) => text(c));
  const X = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) {
      const cell = cols[j][i];
      let v = cell === null ? undefined : parseDecimal(cell);
      if (v === undefined && j === 2 && cell === null && X[i * 3] === 0) v = 0;
      if (v === undefined || !Number.isFinite(v)) {
        throw new InvalidInputError(`${ctx.dataName}: data row ${i + 1}, column "${OUTLIER_FEATURES[j]}" is ${cell === null ? 'missing' : JSON.stringify(cell)}, expected a number`, { row: i, field: OUTLIER_FEATURES[j] });
      }
      X[i * 3 + j] = v;
    }
  }
  const m = { rows: n, cols: 3, data: X };
  ctx.progress.start('isolation forest');
  const forest = fitIsolationForest(m, { seed: 42, contamination: 0.01 });
  ctx.progress.done();
  const mad = fitUnivariateDetector(m, 'mad');
  const colScores = mad.columnScores(m).data;
  const scores = forest.trainingScores;
  const labels = forest.trainingLabels();
  const flagged = labels.reduce((s, v) => s + v, 0);
  const why = (i: number): string => {
    let best = 0;
    for (let j = 1; j < 3; j++) if (colScores[i * 3 + j] > colScores[i * 3 + best]) best = j;
    const med = mad.low[best];
    const v = X[i * 3 + best];
    return `${OUTLIER_FEATURES[best]} ${formatNumber(v)} ${v >= med ? 'above' : 'below'} the median ${formatNumber(med)} (modified z ${colScores[i * 3 + best].toFixed(1)})`;
  };
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  ctx.print(`Isolation Forest (100 trees × 256 customers, seed 42) on ${OUTLIER_FEATURES.join(', ')}: ${flagged} of ${n} customers`);
  ctx.print(`(the top 1 %, score above ${forest.threshold.toFixed(4)}) stand out. The most anomalous:`);
  ctx.print(
    textTable(order.slice(0, TOP), [
      { header: 'customer', cell: (i) => ids[i] ?? String(i + 1) },
      { header: 'score', cell: (i) => scores[i].toFixed(4), align: 'right' },
      { header: 'tenure', cell: (i) => formatNumber(X[i * 3]), align: 'right' },
      { header: 'monthly', cell: (i) => formatNumber(X[i * 3 + 1]), align: 'right' },
      { header: 'total', cell: (i) => formatNumber(X[i * 3 + 2]), align: 'right' },
      { header: 'why', cell: why },
    ]).trimEnd(),
  );

  // Own baseline: the current bill against the customer's own average bill so far.
  const eligible: number[] = [];
  for (let i = 0; i < n; i++) if (X[i * 3] >= 6 && X[i * 3 + 2] > 0) eligible.push(i);
  const ratio = new Float64Array(n).fill(NaN);
  const logRatio: number[][] = [];
  for (const i of eligible) {
    ratio[i] = X[i * 3 + 1] / (X[i * 3 + 2] / X[i * 3]);
    logRatio.push([Math.log(ratio[i])]);
  }
  const billScores = new Float64Array(n);
  let billFlagged = 0;
  let billOrder: number[] = [];
  if (eligible.length >= 10) {
    const billDetector = fitUnivariateDetector(logRatio, 'mad');
    const s = billDetector.trainingScores;
    eligible.forEach((i, t) => (billScores[i] = s[t]));
    billFlagged = billDetector.trainingLabels().reduce((a, v) => a + v, 0);
    billOrder = eligible.slice().sort((a, b) => billScores[b] - billScores[a] || a - b);
  }
  ctx.print();
  ctx.print(`Own baseline: the current monthly bill against the customer's own average so far (TotalCharges / tenure),`);
  ctx.print(`for the ${eligible.length} customers with 6+ months: ${billFlagged} bills changed far more than usual (modified z of the log ratio > 3.5).`);
  if (billOrder.length > 0) {
    ctx.print(
      textTable(billOrder.slice(0, TOP), [
        { header: 'customer', cell: (i) => ids[i] ?? String(i + 1) },
        { header: 'tenure', cell: (i) => formatNumber(X[i * 3]), align: 'right' },
        { header: 'own average', cell: (i) => (X[i * 3 + 2] / X[i * 3]).toFixed(2), align: 'right' },
        { header: 'monthly now', cell: (i) => X[i * 3 + 1].toFixed(2), align: 'right' },
        { header: 'now / average', cell: (i) => ratio[i].toFixed(2), align: 'right' },
        { header: 'modified z', cell: (i) => billScores[i].toFixed(1), align: 'right' },
      ]).trimEnd(),
    );
  }
  ctx.section(
    outlierSection({ ids, X, scores, labels, threshold: forest.threshold, order, why, eligible: eligible.length, billFlagged, billOrder, ratio, billScores }),
  );
  await ctx.writeOutput(
    'outlier-scores.csv',
    toCsv(
      ['customerID', 'iforestScore', 'outlier', 'tenureZ', 'monthlyChargesZ', 'totalChargesZ', 'billRatio', 'billRatioZ'],
      Array.from({ length: n }, (_, i) => [
        ids[i] ?? '',
        scores[i],
        labels[i],
        colScores[i * 3],
        colScores[i * 3 + 1],
        colScores[i * 3 + 2],
        Number.isNaN(ratio[i]) ? '' : ratio[i],
        Number.isNaN(ratio[i]) ? '' : billScores[i],
      ]),
    ),
    'per customer: Isolation Forest score and label, modified z-scores per column, bill vs own average',
  );
}

/** The main job's outlier step. */
export const outliersStep: AnalysisStep = {
  id: 'outliers',
  title: 'Unusual customers (outlier detection)',
  summary: 'Isolation Forest on tenure and charges, and bills far from the customer’s own average',
  sections: [OUTLIERS_SECTION],
  run,
};
