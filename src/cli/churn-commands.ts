/**
 * `crm-mining churn`: the neural churn model from a CSV file — stratified k-fold ROC-AUC beside logistic
 * regression and a decision tree (`--cv K`), or per-customer probabilities and risk deciles from a model
 * trained on all rows; the profit-maximising contact threshold either way; optionally the model saved.
 *
 * @module
 */
import { resolve } from 'node:path';
import { fitDecisionTree } from '../classification/index.js';
import {
  crossValidateChurn,
  retentionThreshold,
  trainChurnModel,
  type ChurnBackend,
  type ChurnBaseline,
  type ChurnModel,
  type ChurnModelOptions,
} from '../churn/index.js';
import { requireOneOf } from '../core/validate.js';
import { readCsv } from '../data/csv.js';
import type { DataTable } from '../data/table.js';
import { gainsTable } from '../evaluation/gains.js';
import { fileArgument, fileRowError, integerFlag, listFlag, numberFlag, parseCommandLine, renameOption, requireColumns, stringFlag, type OptionSpec } from './args.js';
import { checkInputFile, checkOutputDirectory } from './output.js';
import { formatNumber, textTable } from './format.js';
import { EXIT_OK, UsageError, type CliIO, type TextSink } from './io.js';
import { ProgressLine } from './progress.js';
import { commandHelp } from './usage.js';

/** Defaults of the `churn` command, as its help text states them. */
export const CHURN_DEFAULTS: {
  /** `--seed`. */
  readonly seed: number;
  /** `--backend`. */
  readonly backend: ChurnBackend;
  /** `--value`: the value of keeping a customer who would have left. */
  readonly value: number;
  /** `--offer-cost`: the cost of one retention offer. */
  readonly offerCost: number;
  /** `--success-rate`: the share of would-be churners an offer keeps. */
  readonly successRate: number;
  /** `--top`: riskiest customers listed in the text output. */
  readonly top: number;
} = { seed: 42, backend: 'auto', value: 1000, offerCost: 50, successRate: 0.25, top: 10 };

/** The flags of `crm-mining churn`. */
export const CHURN_OPTIONS: OptionSpec = {
  target: { type: 'string' },
  positive: { type: 'string' },
  id: { type: 'string' },
  drop: { type: 'string' },
  cv: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  'model-out': { type: 'string' },
  value: { type: 'string' },
  'offer-cost': { type: 'string' },
  'success-rate': { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** The JSON object `crm-mining churn --json` prints (the CLI contract). */
export interface ChurnJson {
  /** The TensorFlow.js backend used: `wasm`, `cpu` or `node`. */
  backend: string;
  /** Rows in the file. */
  rows: number;
  /** With `--cv K`: the cross-validation. */
  cv?: {
    folds: number;
    auc: number;
    aucPerFold: number[];
    baselines: { logistic: number; tree: number };
  };
  /** The profit-maximising probability threshold (null when no offer pays). */
  threshold: number | null;
  /** Without `--cv`: every customer's probability and risk decile from the model trained on all rows. */
  predictions?: { id: string | number; probability: number; decile: number }[];
}

const FLAGS: Record<string, string> = {
  target: '--target',
  positive: '--positive',
  id: '--id',
  drop: '--drop',
  folds: '--cv',
  epochs: '--epochs',
  seed: '--seed',
  backend: '--backend',
  value: '--value',
  offerCost: '--offer-cost',
  successRate: '--success-rate',
};



/**
 * The decision-tree baseline: a CART tree (gini, depth at most 6, at least 20 rows per leaf) on the same
 * feature columns, scored by its leaf's share of churners.
 */
export const treeBaseline: ChurnBaseline = (train, test, schema) => {
  const tree = fitDecisionTree(train, { target: schema.target, features: [...schema.numeric, ...schema.categorical], maxDepth: 6, minSamplesLeaf: 20 });
  return tree.probabilityOf(test, schema.positive);
};

/** An epoch-progress callback that draws on the terminal (nothing when standard error is not a terminal). */
export function epochProgress(sink: TextSink, label: string): { line: ProgressLine; onEpoch: NonNullable<ChurnModelOptions['onEpoch']> } {
  const line = new ProgressLine(sink);
  line.start(label);
  return {
    line,
    onEpoch: (r) => line.update({ phase: `epoch (validation loss ${Number.isFinite(r.valLoss) ? r.valLoss.toFixed(4) : '-'})`, done: r.epoch, total: r.epochs }),
  };
}

/** The reasons of one customer as text: `Contract = Month-to-month (+0.12)`. */
export function reasonText(drivers: readonly { column: string; value: string; effect: number }[]): string {
  if (drivers.length === 0) return '(no single column raises the risk)';
  return drivers.map((d) => `${d.column} = ${d.value} (+${d.effect.toFixed(2)})`).join('; ');
}

/**
 * `crm-mining churn <file.csv> --target COL [--positive VALUE] [--id COL] [--drop a,b] [--cv K] [--epochs N]
 * [--seed S] [--backend wasm|cpu|node] [--model-out DIR] [--value V] [--offer-cost C] [--success-rate S]
 * [--top N] [--json]`.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function churnCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'churn';
  const { values, positionals } = parseCommandLine(command, args, CHURN_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file.csv>', 'a CSV file of customers');
  const target = stringFlag(values, 'target')?.trim();
  if (target === undefined || target === '') throw new UsageError('missing --target COL: the column that says whether the customer left', command);
  const cv = integerFlag(command, values, 'cv', 2, 100);
  const epochs = numberFlag(command, values, 'epochs');
  const seed = integerFlag(command, values, 'seed') ?? CHURN_DEFAULTS.seed;
  const backend = requireOneOf('--backend', stringFlag(values, 'backend') ?? CHURN_DEFAULTS.backend, ['auto', 'wasm', 'cpu', 'node'] as const);
  const value = numberFlag(command, values, 'value') ?? CHURN_DEFAULTS.value;
  const offerCost = numberFlag(command, values, 'offer-cost') ?? CHURN_DEFAULTS.offerCost;
  const successRate = numberFlag(command, values, 'success-rate') ?? CHURN_DEFAULTS.successRate;
  const top = integerFlag(command, values, 'top', 0, 1_000_000) ?? CHURN_DEFAULTS.top;
  const modelOut = stringFlag(values, 'model-out');
  const positive = stringFlag(values, 'positive');
  const id = stringFlag(values, 'id');
  const drop = listFlag(values, 'drop');
  // Check the economics before the slow part.
  try {
    retentionThreshold({ probabilities: [0.5], value, offerCost, successRate });
  } catch (err) {
    throw renameOption(err, FLAGS);
  }

  if (modelOut !== undefined) await checkOutputDirectory(modelOut, cwd, '--model-out');
  const table: DataTable = await readCsv(await checkInputFile(file, cwd), { source: file });
  requireColumns('--target', [target], table.columnNames, file);
  if (id !== undefined) requireColumns('--id', [id], table.columnNames, file);
  if (drop !== undefined) requireColumns('--drop', drop, table.columnNames, file);
  const options: ChurnModelOptions = {
    target,
    seed,
    backend,
    ...(positive !== undefined ? { positive } : {}),
    ...(id !== undefined ? { id } : {}),
    ...(drop !== undefined ? { drop } : {}),
    ...(epochs !== undefined ? { epochs } : {}),
  };
  const economics = { value, offerCost, successRate };
  const json: ChurnJson = { backend: '', rows: table.rowCount, threshold: null };
  const text: string[] = [];
  let model: ChurnModel | undefined;
  try {
    if (cv !== undefined) {
      const progress = epochProgress(io.stderr, `cross-validating (${cv} folds)`);
      let foldsDone = 0;
      const result = await crossValidateChurn(table, {
        ...options,
        folds: cv,
        baselines: { tree: treeBaseline },
        onEpoch: progress.onEpoch,
        onFold: () => progress.line.start(`cross-validating (${cv} folds, ${++foldsDone} done)`),
      });
      progress.line.done();
      const plan = retentionThreshold({ probabilities: result.outOfFold, labels: result.labels, ...economics });
      json.backend = result.backend;
      json.cv = {
        folds: result.folds,
        auc: result.auc,
        aucPerFold: [...result.aucPerFold],
        baselines: { logistic: result.baselines.logistic, tree: result.baselines.tree },
      };
      json.threshold = Number.isFinite(plan.threshold) ? plan.threshold : null;
      text.push(`Churn model (MLP on TensorFlow.js, ${result.backend} backend) for "${target}" on ${table.rowCount} customers`);
      text.push(`Stratified ${result.folds}-fold ROC-AUC (seed ${seed}), preprocessing fitted inside each fold:`);
      text.push(
        textTable(
          [
            { name: 'MLP', mean: result.auc, per: result.aucPerFold },
            { name: 'logistic regression', mean: result.baselines.logistic, per: result.baselinesPerFold.logistic },
            { name: 'decision tree', mean: result.baselines.tree, per: result.baselinesPerFold.tree },
          ],
          [
            { header: 'model', cell: (r) => r.name },
            { header: 'mean AUC', cell: (r) => r.mean.toFixed(4), align: 'right' },
            { header: 'per fold', cell: (r) => r.per.map((a) => a.toFixed(3)).join(' ') },
          ],
        ).trimEnd(),
      );
      text.push('', 'Cumulative gains and lift by decile (out-of-fold probabilities):', liftText(result.labels, result.outOfFold));
      text.push(thresholdText(plan, economics, 'out-of-fold, realised'));
    }
    if (cv === undefined || modelOut !== undefined) {
      const progress = epochProgress(io.stderr, 'training on all rows');
      model = await trainChurnModel(table, { ...options, onEpoch: progress.onEpoch });
      progress.line.done();
      json.backend ||= model.backend;
      if (cv === undefined) {
        const predictions = model.predict(table);
        const y = Array.from(table.column(target).values, (v) => (String(v) === String(model?.schema.positive) ? 1 : 0));
        const p = Float64Array.from(predictions, (q) => q.probability);
        const plan = retentionThreshold({ probabilities: p, labels: y, ...economics });
        json.threshold = Number.isFinite(plan.threshold) ? plan.threshold : null;
        json.predictions = predictions.map((q) => ({ id: q.id, probability: q.probability, decile: q.decile }));
        if (values.json !== true) {
          text.push(`Churn model (MLP ${model.settings.hiddenLayers.join('-') || 'none'}, ${model.backend} backend) trained on ${table.rowCount} customers: kept epoch ${model.bestEpoch} of ${model.history.length}`);
          const missing = Object.entries(model.preprocessor.missing);
          if (missing.length > 0) text.push(`Missing values imputed (training median / all-zero category): ${missing.map(([c, k]) => `${c} ${k}`).join(', ')}`);
          text.push('', 'Cumulative gains and lift by decile (training rows, optimistic):', liftText(y, p));
          text.push(thresholdText(plan, economics, 'training rows, realised'));
          if (top > 0) {
            const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]).slice(0, top);
            const explained = model.explain(selectTableRows(table, order));
            text.push('', `The ${order.length} riskiest customers and why:`);
            text.push(
              textTable(explained, [
                { header: 'id', cell: (r) => String(r.id) },
                { header: 'probability', cell: (r) => r.probability.toFixed(3), align: 'right' },
                { header: 'reasons (effect on the probability against a typical value)', cell: (r) => reasonText(r.drivers) },
              ]).trimEnd(),
            );
          }
        }
      }
      if (modelOut !== undefined) {
        await model.save(resolve(cwd, modelOut));
        if (values.json !== true) text.push('', `Model saved to ${modelOut}`);
      }
    }
  } catch (err) {
    throw fileRowError(renameOption(err, FLAGS), file, true);
  } finally {
    model?.dispose();
  }
  if (values.json === true) {
    // The contract's key order: backend, rows, cv, threshold, predictions.
    const ordered: ChurnJson = { backend: json.backend, rows: json.rows, ...(json.cv ? { cv: json.cv } : {}), threshold: json.threshold };
    if (json.predictions) ordered.predictions = json.predictions;
    io.stdout.write(JSON.stringify(ordered, null, 2) + '\n');
  }
  else io.stdout.write(text.join('\n') + '\n');
  return EXIT_OK;
}

function selectTableRows(table: DataTable, rows: readonly number[]): Record<string, unknown>[] {
  return rows.map((i) => table.row(i));
}

/** The gains/lift table by decile as text. */
export function liftText(labels: ArrayLike<number>, probabilities: ArrayLike<number>): string {
  const rows = gainsTable(labels, probabilities);
  return textTable(rows, [
    { header: 'decile', cell: (r) => String(r.group), align: 'right' },
    { header: 'customers', cell: (r) => String(r.count), align: 'right' },
    { header: 'churners', cell: (r) => String(r.positives), align: 'right' },
    { header: 'rate', cell: (r) => r.rate.toFixed(3), align: 'right' },
    { header: 'lift', cell: (r) => r.lift.toFixed(2), align: 'right' },
    { header: 'gain', cell: (r) => `${(100 * r.gain).toFixed(1)}%`, align: 'right' },
    { header: 'cum. lift', cell: (r) => r.cumulativeLift.toFixed(2), align: 'right' },
  ]).trimEnd();
}

/** The retention plan as text. */
export function thresholdText(
  plan: { threshold: number; contacted: number; profit: number; breakEven?: number },
  e: { value: number; offerCost: number; successRate: number },
  basis: string,
): string {
  const head = `Retention economics: value ${formatNumber(e.value)}, offer cost ${formatNumber(e.offerCost)}, success rate ${formatNumber(e.successRate)}`;
  const be = plan.breakEven !== undefined ? ` (break-even probability ${plan.breakEven.toFixed(3)})` : '';
  if (!Number.isFinite(plan.threshold)) return `\n${head}${be}\nNo threshold pays: contact nobody.`;
  return `\n${head}${be}\nProfit-maximising threshold (${basis}): contact customers with probability >= ${plan.threshold.toFixed(3)}: ${plan.contacted} customers, profit ${formatNumber(Math.round(plan.profit))}`;
}
