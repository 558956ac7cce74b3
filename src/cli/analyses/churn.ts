/**
 * The neural churn step of `crm-mining analyze`: the churn MLP on TensorFlow.js trained on 75% of the
 * Telco customers (stratified, seeded) with a progress line per epoch, tested on the other 25% beside
 * logistic regression: ROC-AUC, the lift table by decile, calibration (Brier score), the global drivers
 * (permutation importance), the profit-maximising contact threshold, and the riskiest held-out customers
 * with their reasons. Writes every customer's score.
 *
 * @module
 */
import { logisticOptions, retentionThreshold, trainChurnModel, type ChurnModelOptions } from '../../churn/index.js';
import { brierScore, rocAuc, selectRows, trainTestSplit } from '../../evaluation/index.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
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
});

/** The Telco columns read as numbers (the table arrives as text). */
const TELCO_NUMERIC = ['SeniorCitizen', 'tenure', 'MonthlyCharges', 'TotalCharges'] as const;

/** The churn-model step (see the module comment). */
export const churnModelStep: AnalysisStep = {
  id: 'churn-model',
  title: 'Neural churn model (TensorFlow.js)',
  summary: 'an MLP scoring every customer: AUC and lift on held-out customers, the profit-maximising threshold, the riskiest customers and why',
  async run(ctx: AnalysisContext): Promise<void> {
    const s = CHURN_JOB_SETTINGS;
    const table = await ctx.table();
    const options: ChurnModelOptions = {
      target: 'Churn',
      id: 'customerID',
      seed: s.seed,
      columnTypes: Object.fromEntries(TELCO_NUMERIC.filter((c) => table.hasColumn(c)).map((c) => [c, 'numeric' as const])),
    };
    const churn = table.column('Churn').values.map((v) => String(v));
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
      const auc = rocAuc(y, p);
      const aucLogistic = rocAuc(y, logistic.predictProbabilities(test));
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
          `(logistic regression ${aucLogistic.toFixed(3)}), Brier score ${brierScore(y, p).toFixed(3)}`,
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
