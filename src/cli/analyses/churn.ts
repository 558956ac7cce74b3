/**
 * The neural churn step of `crm-mining analyze`: the churn MLP on TensorFlow.js trained on 75% of the
 * Telco customers (stratified, seeded) with a progress line per epoch, tested on the other 25% beside
 * logistic regression: ROC-AUC, the lift table by decile, calibration (Brier score), the global drivers
 * (permutation importance), the profit-maximising contact threshold, and the riskiest held-out customers
 * with their reasons. Writes every customer's score. The service columns reach the model in one
 * spelling each (`churnCustomers` in `churn-tree.ts`).
 *
 * @module
 */
import { checkEconomics, logisticOptions, retentionThreshold, trainChurnModel, type ChurnModelOptions, type RetentionPlan } from '../../churn/index.js';
import { InvalidInputError } from '../../core/errors.js';
import { brierScore, gainsTable, rocAuc, rocCurve, selectRows, trainTestSplit, type GainsRow } from '../../evaluation/index.js';
import type { ChartSpec, ReportBlock, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { churnCustomers, requireChurnData } from './churn-tree.js';
import { liftText, reasonText, thresholdText } from '../churn-commands.js';
import { textTable, toCsv } from '../format.js';

/** The settings of the churn step (fixed; stated in the output). */
export const CHURN_JOB_SETTINGS = Object.freeze({
  /** Share of customers held out for testing (stratified on Churn). */
  testSize: 0.25,
  /** Seed of the split and the model. */
  seed: 42,
  /** Months of monthly charges a retained churner is worth (the value of keeping them). */
  valueMonths: 24,
  /** Cost of one retention offer. */
  offerCost: 50,
  /** Share of would-be churners an offer keeps. */
  successRate: 0.25,
  /** Riskiest held-out customers listed. */
  top: 10,
  /** Fewest customers the step runs on (a quarter is held out; the lift table has ten deciles). */
  minCustomers: 200,
  /** Fewest churners and fewest stayers the step runs on. */
  minPerClass: 20,
});

/** Most points drawn per curve in the report's charts (a curve is thinned evenly, keeping its ends). */
const CURVE_POINTS = 200;

/** Indices 0..n-1 thinned to about `max`, always keeping the first and last and every index in `keep`. */
function thinned(n: number, max: number, keep: readonly number[] = []): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out = new Set<number>([0, n - 1, ...keep.filter((k) => k >= 0 && k < n)]);
  const step = (n - 1) / (max - 1);
  for (let t = 1; t < max - 1; t++) out.add(Math.round(t * step));
  return [...out].sort((a, b) => a - b);
}

/**
 * The realised profit of the campaign at every distinct held-out probability taken as threshold (the same
 * scan as {@link retentionThreshold}); one point per threshold, from the highest probability down.
 */
export function profitCurve(probabilities: ArrayLike<number>, labels: ArrayLike<number>, value: ArrayLike<number>, offerCost: number, successRate: number): { threshold: number; contacted: number; profit: number }[] {
  const n = probabilities.length;
  const v = checkEconomics({ value, offerCost, successRate }, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[b] - probabilities[a]);
  const out: { threshold: number; contacted: number; profit: number }[] = [];
  let cum = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    cum += (labels[i] === 1 ? successRate * v[i] : 0) - offerCost;
    if (k + 1 < n && probabilities[order[k + 1]] === probabilities[i]) continue;
    out.push({ threshold: probabilities[i], contacted: k + 1, profit: cum });
  }
  return out;
}

const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;
const money = (x: number): string => Math.round(x).toLocaleString('en-US');

/** What the churn-model section shows. */
interface ModelFindings {
  y: readonly number[];
  p: ArrayLike<number>;
  pLogistic: ArrayLike<number>;
  auc: number;
  aucLogistic: number;
  brier: number;
  /** The value of keeping each held-out customer (the economics' `value`). */
  value: readonly number[];
  plan: RetentionPlan;
  drivers: readonly { column: string; importance: number }[];
  riskiest: readonly { id: unknown; probability: number; left: boolean; reasons: string }[];
  description: string;
}

/** The ROC curves (model and logistic baseline) and the chance diagonal. */
function rocChart(f: ModelFindings): ChartSpec {
  const values: { model: string; fpr: number; tpr: number; order: number }[] = [];
  for (const [name, scores] of [
    [`MLP (AUC ${f.auc.toFixed(3)})`, f.p],
    [`logistic regression (AUC ${f.aucLogistic.toFixed(3)})`, f.pLogistic],
  ] as const) {
    const roc = rocCurve(f.y, scores);
    for (const i of thinned(roc.fpr.length, CURVE_POINTS)) values.push({ model: name, fpr: roc.fpr[i], tpr: roc.tpr[i], order: i });
  }
  return {
    title: `ROC curve on held-out customers: AUC ${f.auc.toFixed(3)}`,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          x: { field: 'fpr', type: 'quantitative', title: 'false-positive rate (stayers contacted)', scale: { domain: [0, 1] } },
          y: { field: 'tpr', type: 'quantitative', title: 'true-positive rate (churners reached)', scale: { domain: [0, 1] } },
          order: { field: 'order', type: 'quantitative' },
          color: { field: 'model', type: 'nominal', title: null, legend: { labelLimit: 260, orient: 'bottom-right' }, scale: { range: ['#e45756', '#4c78a8'] } },
        },
      },
      {
        data: { values: [{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }] },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x: { field: 'fpr', type: 'quantitative' }, y: { field: 'tpr', type: 'quantitative' } },
      },
    ],
    width: 360,
    height: 360,
  };
}

/** Cumulative gains by decile, with the random-contact diagonal. */
function gainsChart(model: readonly GainsRow[], logistic: readonly GainsRow[]): ChartSpec {
  const values = [
    { model: 'MLP', share: 0, gain: 0 },
    ...model.map((g) => ({ model: 'MLP', share: g.cumulativeShare, gain: g.gain })),
    { model: 'logistic regression', share: 0, gain: 0 },
    ...logistic.map((g) => ({ model: 'logistic regression', share: g.cumulativeShare, gain: g.gain })),
    { model: 'random contact', share: 0, gain: 0 },
    { model: 'random contact', share: 1, gain: 1 },
  ];
  return {
    title: 'Cumulative gains: share of churners reached by contacting the riskiest customers first',
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'share', type: 'quantitative', title: 'customers contacted (riskiest first)', axis: { format: '.0%' } },
      y: { field: 'gain', type: 'quantitative', title: 'churners reached', axis: { format: '.0%' } },
      color: { field: 'model', type: 'nominal', title: null, legend: { labelLimit: 260, orient: 'bottom-right' }, scale: { domain: ['MLP', 'logistic regression', 'random contact'], range: ['#e45756', '#4c78a8', '#999'] } },
    },
  };
}

/** Lift of each decile alone. */
function liftChart(model: readonly GainsRow[]): ChartSpec {
  return {
    title: 'Lift by decile: churn rate of each tenth against the average',
    layer: [
      {
        data: { values: model.map((g) => ({ decile: g.group, lift: g.lift, rate: g.rate })) },
        mark: { type: 'bar', color: '#e45756' },
        encoding: {
          x: { field: 'decile', type: 'ordinal', title: 'risk decile (1 = riskiest tenth)', axis: { labelAngle: 0 } },
          y: { field: 'lift', type: 'quantitative', title: 'lift' },
        },
      },
      { mark: { type: 'rule', strokeDash: [4, 4], color: '#333' }, encoding: { y: { datum: 1 } } },
    ],
  };
}

/** Profit of the campaign against the threshold, the chosen threshold marked. */
function profitChart(f: ModelFindings): ChartSpec {
  const s = CHURN_JOB_SETTINGS;
  const curve = profitCurve(f.p, f.y, f.value, s.offerCost, s.successRate);
  const chosen = Number.isFinite(f.plan.threshold) ? curve.findIndex((c) => c.threshold === f.plan.threshold) : -1;
  const values = thinned(curve.length, CURVE_POINTS, [chosen]).map((i) => ({ ...curve[i], chosen: i === chosen }));
  return {
    title: Number.isFinite(f.plan.threshold)
      ? `Campaign profit by threshold: best at ${f.plan.threshold.toFixed(3)} (${money(f.plan.profit)})`
      : 'Campaign profit by threshold: no threshold pays',
    data: { values },
    layer: [
      {
        mark: { type: 'line', color: '#4c78a8' },
        encoding: {
          x: { field: 'threshold', type: 'quantitative', title: 'contact customers with churn probability ≥', scale: { domain: [0, 1] } },
          y: { field: 'profit', type: 'quantitative', title: 'profit on held-out customers' },
        },
      },
      { mark: { type: 'rule', color: '#333' }, encoding: { y: { datum: 0 } } },
      {
        transform: [{ filter: 'datum.chosen' }],
        mark: { type: 'rule', strokeDash: [4, 4], color: '#e45756' },
        encoding: { x: { field: 'threshold', type: 'quantitative' } },
      },
      {
        transform: [{ filter: 'datum.chosen' }],
        mark: { type: 'point', filled: true, size: 90, color: '#e45756' },
        encoding: { x: { field: 'threshold', type: 'quantitative' }, y: { field: 'profit', type: 'quantitative' } },
      },
    ],
  };
}

/** The report section of the churn model. */
function modelSection(f: ModelFindings): ReportSection {
  const s = CHURN_JOB_SETTINGS;
  const gains = gainsTable(f.y, f.p);
  const gainsLogistic = gainsTable(f.y, f.pLogistic);
  const n = f.y.length;
  const pays = Number.isFinite(f.plan.threshold);
  const blocks: ReportBlock[] = [
    {
      kind: 'metrics',
      items: [
        { label: 'ROC AUC (held-out)', value: f.auc.toFixed(3), note: `logistic regression ${f.aucLogistic.toFixed(3)}` },
        { label: 'Brier score', value: f.brier.toFixed(3), note: 'mean squared error of the probabilities; lower is better' },
        { label: 'Contact threshold', value: pays ? f.plan.threshold.toFixed(3) : 'none', note: pays ? 'churn probability that maximises profit' : 'no threshold pays' },
        { label: 'Customers to contact', value: f.plan.contacted.toLocaleString('en-US'), note: `of ${n.toLocaleString('en-US')} held-out customers (${pct(f.plan.contacted / n)})` },
        { label: 'Campaign profit', value: money(f.plan.profit), note: 'realised on the held-out customers' },
      ],
    },
    { kind: 'paragraph', text: f.description },
    {
      kind: 'paragraph',
      text:
        `Retention economics: keeping a would-be churner is worth ${s.valueMonths} months of their monthly charges, an offer costs ${s.offerCost} ` +
        `and keeps ${pct(s.successRate, 0)} of the churners who get it. ` +
        (pays
          ? `Contacting the held-out customers with a churn probability of at least ${f.plan.threshold.toFixed(3)} (${f.plan.contacted} of ${n}) earns the most: ${money(f.plan.profit)}.`
          : 'At these terms no contact threshold makes money: contact nobody.'),
    },
    { kind: 'chart', title: 'ROC curve', description: `ROC curves of the MLP (AUC ${f.auc.toFixed(3)}) and logistic regression (AUC ${f.aucLogistic.toFixed(3)}) on the ${n} held-out customers, with the diagonal of a random score.`, spec: rocChart(f) },
    { kind: 'chart', title: 'Cumulative gains', description: `Share of churners reached against share of customers contacted, riskiest first; the top 30% hold ${pct(gains[2].gain)} of the churners.`, spec: gainsChart(gains, gainsLogistic) },
    { kind: 'chart', title: 'Lift by decile', description: `Churn rate of each risk decile against the average; the riskiest tenth has lift ${gains[0].lift.toFixed(2)}.`, spec: liftChart(gains) },
    {
      kind: 'table',
      caption: 'Gains and lift by decile (held-out customers)',
      columns: ['Decile', 'Customers', 'Churners', 'Churn rate', 'Lift', 'Cumulative gain', 'Cumulative lift'],
      rows: gains.map((g) => [g.group, g.count, g.positives, pct(g.rate), Number(g.lift.toFixed(2)), pct(g.gain), Number(g.cumulativeLift.toFixed(2))]),
    },
    {
      kind: 'chart',
      title: 'Profit by threshold',
      description: pays
        ? `Realised profit of contacting every held-out customer at or above each churn probability; the maximum, ${money(f.plan.profit)}, is at ${f.plan.threshold.toFixed(3)} (marked).`
        : 'Realised profit of contacting every held-out customer at or above each churn probability; it is never positive.',
      spec: profitChart(f),
    },
    {
      kind: 'paragraph',
      text: `What drives churn overall (drop of AUC when the column is shuffled): ${f.drivers.map((d) => `${d.column} ${d.importance.toFixed(3)}`).join(', ')}.`,
    },
    {
      kind: 'table',
      caption: `The ${f.riskiest.length} riskiest held-out customers and why (effect on the probability against a typical customer)`,
      columns: ['Customer', 'Churn probability', 'Left?', 'Reasons'],
      rows: f.riskiest.map((r) => [String(r.id), Number(r.probability.toFixed(3)), r.left ? 'yes' : 'no', r.reasons]),
    },
  ];
  return {
    ...CHURN_MODEL_SECTION,
    summary: `A neural network scoring each customer's churn risk, tested on a held-out ${100 * s.testSize}% beside logistic regression, and the contact threshold that maximises a retention campaign's profit.`,
    blocks,
  };
}

/** The Telco columns read as numbers (the table arrives as text). */
const TELCO_NUMERIC = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'] as const;

/** The id and title of the churn-model step's report section. */
export const CHURN_MODEL_SECTION = Object.freeze({ id: 'churn-model', title: 'Churn model: who to contact, and what it earns' });

/** The churn-model step (see the module comment). */
export const churnModelStep: AnalysisStep = {
  id: 'churn-model',
  title: 'Neural churn model (TensorFlow.js)',
  summary: 'an MLP scoring every customer: AUC and lift on held-out customers, the profit-maximising threshold, the riskiest customers and why',
  sections: [CHURN_MODEL_SECTION],
  async run(ctx: AnalysisContext): Promise<void> {
    const s = CHURN_JOB_SETTINGS;
    const table = await churnCustomers(ctx); // the service columns in one spelling each
    const options: ChurnModelOptions = {
      target: 'Churn',
      id: 'customerID',
      seed: s.seed,
      columnTypes: Object.fromEntries(TELCO_NUMERIC.filter((c) => table.hasColumn(c)).map((c) => [c, 'numeric' as const])),
    };
    if (!table.hasColumn('Churn')) throw new InvalidInputError(`${ctx.dataName}: no column "Churn"; the churn model needs it`, { field: 'Churn' });
    const churn = table.column('Churn').values.map((v) => String(v));
    requireChurnData(churn, ctx.dataName, 'the churn model', {
      customers: s.minCustomers,
      perClass: s.minPerClass,
      why: 'a quarter is held out for testing, scored by decile',
    });
    const split = trainTestSplit(table.rowCount, { testSize: s.testSize, seed: s.seed, stratify: churn });
    const test = selectRows(table, split.test);
    const y = Array.from(split.test, (i) => (churn[i] === 'Yes' ? 1 : 0));

    ctx.progress.start('training the churn network');
    const model = await trainChurnModel(table, {
      ...options,
      rows: split.train,
      onEpoch: (r) => ctx.progress.update({ phase: `epoch, validation loss ${r.valLoss.toFixed(4)}`, done: r.epoch, total: r.epochs }),
    });
    ctx.progress.start('training logistic regression');
    const logistic = await trainChurnModel(table, logisticOptions({ ...options, rows: split.train }));
    ctx.progress.done();
    try {
      const p = model.predictProbabilities(test);
      const pLogistic = logistic.predictProbabilities(test);
      const auc = rocAuc(y, p);
      const aucLogistic = rocAuc(y, pLogistic);
      const brier = brierScore(y, p);
      const blank = table.column('TotalCharges').values.filter((v) => v === null || String(v).trim() === '').length;
      ctx.print(
        `MLP ${model.settings.hiddenLayers.join('-')} (${model.settings.activation}, dropout ${model.settings.dropout}, L2 ${model.settings.l2}) on the ${model.backend} backend; ` +
          `${model.preprocessor.width} inputs from ${model.schema.numeric.length} numeric and ${model.schema.categorical.length} categorical columns`,
      );
      ctx.print(
        `Trained on ${split.train.length} customers (20% of them held out for early stopping: kept epoch ${model.bestEpoch} of ${model.history.length}); ` +
          `class weights ${model.settings.classWeights.positive.toFixed(2)} (churn) / ${model.settings.classWeights.negative.toFixed(2)}.`,
      );
      ctx.print(
        `TotalCharges is blank for ${blank} new customers: imputed with the training median (${model.preprocessor.typicalValue('TotalCharges')}); ` +
          `log-scaled columns: ${model.preprocessor.logColumns.join(', ') || 'none'}.`,
      );
      ctx.print(
        `Held-out test (${split.test.length} customers, stratified ${100 * s.testSize}%, seed ${s.seed}): ROC AUC ${auc.toFixed(3)} ` +
          `(logistic regression ${aucLogistic.toFixed(3)}), Brier score ${brier.toFixed(3)}`,
      );
      ctx.print('');
      ctx.print('Cumulative gains and lift by decile (held-out customers):');
      ctx.print(liftText(y, p));
      const drivers = model.permutationImportance(test, { repeats: 2, seed: s.seed }).slice(0, 6);
      ctx.print('');
      ctx.print(`What drives churn overall (drop of AUC when the column is shuffled): ${drivers.map((d) => `${d.column} ${d.importance.toFixed(3)}`).join(', ')}`);
      const monthly = test.column('MonthlyCharges').values.map((v) => Number(v) * s.valueMonths);
      const economics = { value: monthly, offerCost: s.offerCost, successRate: s.successRate };
      const plan = retentionThreshold({ probabilities: p, labels: y, ...economics });
      ctx.print(
        thresholdText(plan, { value: NaN, offerCost: s.offerCost, successRate: s.successRate }, 'held-out, realised').replace(
          'value NaN',
          `value ${s.valueMonths} x MonthlyCharges`,
        ),
      );
      const order = Array.from(p.keys())
        .sort((a, b) => p[b] - p[a])
        .slice(0, s.top);
      const explained = model.explain(order.map((i) => test.row(i)));
      ctx.print('');
      ctx.print(`The ${order.length} riskiest held-out customers and why (effect on the probability against a typical customer):`);
      ctx.print(
        textTable(explained, [
          { header: 'customer', cell: (r) => String(r.id) },
          { header: 'probability', cell: (r) => r.probability.toFixed(3), align: 'right' },
          { header: 'left?', cell: (_r, k) => (y[order[k]] === 1 ? 'yes' : 'no') },
          { header: 'reasons', cell: (r) => reasonText(r.drivers) },
        ]).trimEnd(),
      );
      ctx.section(
        modelSection({
          y,
          p,
          pLogistic,
          auc,
          aucLogistic,
          brier,
          value: monthly,
          plan,
          drivers,
          riskiest: explained.map((r, k) => ({ id: r.id, probability: r.probability, left: y[order[k]] === 1, reasons: reasonText(r.drivers) })),
          description:
            `MLP ${model.settings.hiddenLayers.join('-')} (${model.settings.activation}) on ${model.preprocessor.width} inputs, trained on ${split.train.length} customers ` +
            `and tested on the other ${split.test.length} (stratified, seed ${s.seed}); logistic regression on the same inputs is the baseline.`,
        }),
      );
      const all = model.predict(table);
      const heldOut = new Uint8Array(table.rowCount);
      for (const i of split.test) heldOut[i] = 1;
      await ctx.writeOutput(
        'churn-scores.csv',
        toCsv(
          ['customerID', 'probability', 'decile', 'heldOut'],
          all.map((q, i) => [String(q.id), q.probability, q.decile, heldOut[i]]),
        ),
        'churn probability and risk decile (1 = riskiest tenth) of every customer; heldOut 1 = not used in training',
      );
    } finally {
      model.dispose();
      logistic.dispose();
    }
  },
};
