/**
 * The churn-tree step of `crm-mining analyze`: a CART decision tree that predicts `Churn` from the Telco
 * customers' contract, services, charges and tenure; evaluated on a held-out stratified 25% split
 * (accuracy beside the "nobody churns" baseline, ROC AUC, lift of the top decile), then read as IF-THEN
 * rules in plain language. The tree is kept small (depth ≤ 4, at least 50 customers per leaf) so that a
 * manager can read every rule.
 *
 * Features: every column except `customerID` and `Churn`; `tenure`, `MonthlyCharges` and `TotalCharges`
 * numeric (the 11 blank `TotalCharges` of customers with tenure 0 are kept as missing values — the tree
 * routes them to the side that fits them best), `SeniorCitizen` (0/1) and every text column categorical;
 * the service columns in one spelling each ({@link churnCustomers}).
 *
 * @module
 */
import { fitDecisionTree, type DecisionTree, type TreeRule } from '../../classification/index.js';
import { InvalidInputError } from '../../core/errors.js';
import { parseDecimal } from '../../data/csv.js';
import { DataTable, type CellValue, type Column } from '../../data/table.js';
import { accuracy, gainsTable, rocAuc, selectRows, trainTestSplit } from '../../evaluation/index.js';
import type { ChartSpec, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { textTable, toCsv } from '../format.js';
import { normaliseServiceColumns, TELCO_SERVICE_COLUMNS } from './services.js';

/** The settings of the churn-tree step (fixed; stated in the output). */
export const CHURN_TREE_SETTINGS = Object.freeze({
  /** Share of customers held out for testing (stratified on Churn). */
  testSize: 0.25,
  /** Seed of the split. */
  seed: 42,
  /** Deepest leaf. */
  maxDepth: 4,
  /** Fewest customers per leaf. */
  minSamplesLeaf: 50,
  /** Rules shown per class. */
  topRules: 5,
  /** Fewest customers the step runs on (a quarter is held out, and a leaf needs 50). */
  minCustomers: 200,
  /** Fewest churners and fewest stayers the step runs on (the held-out quarter needs both classes). */
  minPerClass: 20,
});

/** The numeric columns of the Telco table; the other feature columns are categorical. */
export const CHURN_TREE_NUMERIC = ['tenure', 'MonthlyCharges', 'TotalCharges'] as const;

/**
 * Types the Telco table read as text: the numeric columns parsed (blank → missing), the rest kept as
 * text (categorical), `customerID` dropped.
 *
 * @throws InvalidInputError naming the column and data row of a value that is not a number, or a missing
 *   `Churn` column or value.
 */
export function telcoTreeTable(table: DataTable, source: string): DataTable {
  if (!table.hasColumn('Churn')) throw new InvalidInputError(`${source}: no column "Churn"; the churn-tree step needs it`, { field: 'Churn' });
  const numeric = new Set<string>(CHURN_TREE_NUMERIC);
  const cols: Column[] = [];
  for (const c of table.columns) {
    if (c.name === 'customerID') continue;
    if (numeric.has(c.name)) {
      const values: CellValue[] = c.values.map((v, r) => {
        if (v === null) return null;
        const x = typeof v === 'number' ? v : parseDecimal(String(v));
        if (x === undefined || !Number.isFinite(x)) {
          throw new InvalidInputError(`${source}: data row ${r + 1}, column "${c.name}": ${JSON.stringify(v)} is not a number`, { row: r, field: c.name });
        }
        return x;
      });
      cols.push({ name: c.name, type: 'number', values });
    } else {
      const values = c.values.map((v, r) => {
        if (v === null && c.name === 'Churn') throw new InvalidInputError(`${source}: data row ${r + 1}: Churn is empty`, { row: r, field: 'Churn' });
        return v === null ? null : String(v);
      });
      cols.push({ name: c.name, type: 'string', values });
    }
  }
  return new DataTable(cols);
}

/**
 * The customer table the churn tree and the churn model read: the job's table with the service columns
 * (the Telco services, or the user's `--services`) in one spelling each, `Yes` / `No` (and Telco's
 * `No phone service` / `No internet service`), so that a column mixing `yes`, `Y` and `1` is one
 * category, not three. Made once and shared by both churn steps; the bundled Telco sample is already
 * spelled this way and reaches them unchanged.
 *
 * @throws InvalidInputError naming the column, row and value of a service cell that is not a yes/no value.
 */
export function churnCustomers(ctx: AnalysisContext): Promise<DataTable> {
  return ctx.shared('churn-customers', async () => normaliseServiceColumns(await ctx.table(), ctx.settings.services ?? TELCO_SERVICE_COLUMNS, ctx.dataName));
}

/** A rule in plain language for a retention manager. */
export function plainRule(r: TreeRule, customers = 'customers'): string {
  const conds = r.conditions.map((c) => c.text).join(', and ');
  const verb = r.prediction === 'Yes' ? 'left' : 'stayed';
  const share = r.confidence === null ? '' : `${(100 * r.confidence).toFixed(0)}% of them ${verb}`;
  return `${r.count} ${customers} with ${conds || 'any profile'}: ${share}`;
}

/**
 * A rule as one line of the report: `IF Contract = Month-to-month AND tenure < 6 THEN churn (63%, 412
 * customers)`.
 */
export function reportRule(r: TreeRule): string {
  const outcome = r.prediction === 'Yes' ? 'churn' : 'stay';
  const share = r.confidence === null ? '' : `${(100 * r.confidence).toFixed(0)}%, `;
  return `IF ${r.conditionText} THEN ${outcome} (${share}${r.count.toLocaleString('en-US')} customers)`;
}

/**
 * Refuses data a churn step cannot honestly train and test on: fewer than `customers` rows, or fewer than
 * `perClass` customers who left (`Churn = Yes`) or who stayed.
 *
 * @param analysis - the step's name in the message, for example `'the churn tree'`.
 * @param why - why that many customers are needed, in parentheses after the count.
 * @throws InvalidInputError saying what is missing.
 */
export function requireChurnData(
  churn: readonly string[],
  source: string,
  analysis: string,
  need: { readonly customers: number; readonly perClass: number; readonly why: string },
): void {
  let yes = 0;
  for (const v of churn) if (v === 'Yes') yes++;
  const no = churn.length - yes;
  if (churn.length < need.customers) {
    throw new InvalidInputError(`${source}: too few customers for ${analysis}: ${churn.length}, need at least ${need.customers} (${need.why})`, { field: 'Churn' });
  }
  if (yes < need.perClass || no < need.perClass) {
    throw new InvalidInputError(
      `${source}: ${analysis} needs at least ${need.perClass} customers who left (Churn = Yes) and ${need.perClass} who stayed; the data has ${yes} and ${no}`,
      { field: 'Churn' },
    );
  }
}

const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;

/** The report section of the churn tree. */
function treeSection(
  tree: DecisionTree,
  test: { customers: number; accuracy: number; baseline: number; auc: number; topLift: number; topRate: number },
  risky: readonly TreeRule[],
  loyal: readonly TreeRule[],
): ReportSection {
  const s = CHURN_TREE_SETTINGS;
  const rules = tree.rules({ sortBy: 'confidence' });
  const importances = Object.entries(tree.featureImportances())
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  const importanceChart: ChartSpec = {
    title: 'What the tree splits on (share of the impurity decrease)',
    data: { values: importances.map(([feature, importance]) => ({ feature, importance })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: '-x', title: null },
      x: { field: 'importance', type: 'quantitative', title: 'importance', axis: { format: '.0%' } },
    },
    height: { step: 22 },
  };
  const ruleChart: ChartSpec = {
    title: 'Rules: how many customers each covers and how sure it is',
    data: {
      values: rules.map((r) => ({
        rule: r.conditionText,
        outcome: r.prediction === 'Yes' ? 'churn' : 'stay',
        customers: r.count,
        confidence: r.confidence ?? 0,
      })),
    },
    mark: { type: 'point', filled: true, size: 80, opacity: 0.8 },
    encoding: {
      x: { field: 'customers', type: 'quantitative', title: 'customers in the leaf' },
      y: { field: 'confidence', type: 'quantitative', title: 'confidence', scale: { domain: [0.5, 1] }, axis: { format: '.0%' } },
      color: { field: 'outcome', type: 'nominal', title: 'predicts', scale: { domain: ['churn', 'stay'], range: ['#e45756', '#4c78a8'] } },
    },
  };
  return {
    ...CHURN_TREE_SECTION,
    summary: `A small CART tree (depth ≤ ${s.maxDepth}, at least ${s.minSamplesLeaf} customers per leaf) predicting churn, tested on a held-out ${100 * s.testSize}% of the customers and read as IF-THEN rules.`,
    blocks: [
      {
        kind: 'metrics',
        items: [
          { label: 'Accuracy (held-out)', value: pct(test.accuracy), note: `"nobody churns" scores ${pct(test.baseline)}` },
          { label: 'ROC AUC (held-out)', value: test.auc.toFixed(3), note: `${test.customers.toLocaleString('en-US')} test customers` },
          { label: 'Top-decile lift', value: test.topLift.toFixed(2), note: `${pct(test.topRate)} of the riskiest tenth left` },
          { label: 'Rules', value: String(tree.leafCount), note: 'one per leaf, tree fitted on all customers' },
        ],
      },
      { kind: 'paragraph', text: 'Who leaves (rules predicting churn, most certain first), then the largest groups who stay:' },
      { kind: 'list', items: [...risky, ...loyal].map(reportRule) },
      {
        kind: 'table',
        caption: 'Every rule of the tree (fitted on all customers), most certain first',
        columns: ['Conditions', 'Predicts', 'Customers', 'Confidence'],
        rows: rules.map((r) => [r.conditionText, r.prediction === 'Yes' ? 'churn' : 'stay', r.count, r.confidence === null ? null : pct(r.confidence)]),
      },
      {
        kind: 'chart',
        title: 'Feature importances',
        description: `Bar chart of the tree's feature importances: ${importances
          .slice(0, 5)
          .map(([k, v]) => `${k} ${pct(v, 0)}`)
          .join(', ')}.`,
        spec: importanceChart,
      },
      {
        kind: 'chart',
        title: 'Rule confidence against size',
        description: `Scatter of the ${rules.length} rules: customers covered on the x axis, confidence on the y axis, coloured by the predicted outcome.`,
        spec: ruleChart,
      },
    ],
  };
}

/** The id and title of the churn-tree step's report section. */
export const CHURN_TREE_SECTION = Object.freeze({ id: 'churn-tree', title: 'Who churns: decision-tree rules' });

/** The churn-tree step (see the module comment). */
export const churnTreeStep: AnalysisStep = {
  id: 'churn-tree',
  title: 'Churn decision tree (CART)',
  summary: 'a small decision tree predicting churn, tested on held-out customers, read as IF-THEN rules',
  sections: [CHURN_TREE_SECTION],
  async run(ctx: AnalysisContext): Promise<void> {
    const table = telcoTreeTable(await churnCustomers(ctx), ctx.dataName);
    const s = CHURN_TREE_SETTINGS;
    const churn = table.column('Churn').values as string[];
    requireChurnData(churn, ctx.dataName, 'the churn tree', {
      customers: s.minCustomers,
      perClass: s.minPerClass,
      why: `a quarter is held out for testing and a leaf holds at least ${s.minSamplesLeaf}`,
    });
    const split = trainTestSplit(table.rowCount, { testSize: s.testSize, seed: s.seed, stratify: churn });
    const train = selectRows(table, split.train);
    const test = selectRows(table, split.test);
    const options = { target: 'Churn', maxDepth: s.maxDepth, minSamplesLeaf: s.minSamplesLeaf } as const;
    const heldOut: DecisionTree = fitDecisionTree(train, options);
    const truth = selectRows(churn, split.test);
    const acc = accuracy(truth, heldOut.predict(test));
    const p = heldOut.probabilityOf(test, 'Yes');
    const auc = rocAuc(truth, p, { positive: 'Yes' });
    const gains = gainsTable(truth, p, { positive: 'Yes' });
    let stay = 0;
    for (const v of truth) if (v === 'No') stay++;

    const tree = fitDecisionTree(table, options);
    const blank = table.column('TotalCharges').values.filter((v) => v === null).length;
    ctx.print(
      `${table.rowCount} customers, ${table.columns.length - 1} features (tenure, MonthlyCharges, TotalCharges numeric; the rest categorical, split natively).`,
    );
    ctx.print(`TotalCharges is blank for ${blank} new customers: kept as missing values, routed by the tree.`);
    ctx.print(`CART, gini, depth <= ${s.maxDepth}, >= ${s.minSamplesLeaf} customers per leaf.`);
    ctx.print(`Held-out test (${split.test.length} customers, stratified ${100 * s.testSize}%, seed ${s.seed}; trained on the other ${split.train.length}):`);
    ctx.print(`  accuracy ${acc.toFixed(3)} (predicting "nobody churns" scores ${(stay / truth.length).toFixed(3)}), ROC AUC ${auc.toFixed(3)}`);
    ctx.print(
      `  top decile by churn probability: ${(100 * gains[0].rate).toFixed(1)}% churners, lift ${gains[0].lift.toFixed(2)}; ` +
        `the top 30% hold ${(100 * gains[2].gain).toFixed(1)}% of all churners`,
    );
    const imp = Object.entries(tree.featureImportances())
      .filter(([, v]) => v > 0.01)
      .sort((a, b) => b[1] - a[1]);
    ctx.print(`Tree on all customers: ${tree.leafCount} rules; what drives it: ${imp.map(([k, v]) => `${k} ${(100 * v).toFixed(0)}%`).join(', ')}`);
    const rules = tree.rules();
    const risky = tree.rules({ onlyClass: 'Yes', sortBy: 'confidence' }).slice(0, s.topRules);
    const loyal = tree.rules({ onlyClass: 'No', sortBy: 'count' }).slice(0, s.topRules);
    ctx.print('');
    ctx.print('Who leaves (rules predicting churn, most certain first):');
    for (const r of risky) ctx.print(`  - ${plainRule(r)}`);
    if (risky.length === 0) ctx.print('  (no leaf has a churn majority)');
    ctx.print('Who stays (largest groups):');
    for (const r of loyal) ctx.print(`  - ${plainRule(r)}`);
    ctx.section(
      treeSection(tree, { customers: truth.length, accuracy: acc, baseline: stay / truth.length, auc, topLift: gains[0].lift, topRate: gains[0].rate }, risky, loyal),
    );
    ctx.print('');
    ctx.print(
      textTable(gains.slice(0, 5), [
        { header: 'decile', cell: (g) => String(g.group), align: 'right' },
        { header: 'customers', cell: (g) => String(g.count), align: 'right' },
        { header: 'churn rate', cell: (g) => `${(100 * g.rate).toFixed(1)}%`, align: 'right' },
        { header: 'lift', cell: (g) => g.lift.toFixed(2), align: 'right' },
        { header: 'cum. gain', cell: (g) => `${(100 * g.gain).toFixed(1)}%`, align: 'right' },
      ]).trimEnd(),
    );

    await ctx.writeOutput('churn-tree-rules.txt', rules.map((r) => r.text).join('\n') + '\n', 'the churn tree as IF-THEN rules (one per leaf, all customers)');
    await ctx.writeOutput(
      'churn-tree-rules.csv',
      toCsv(
        ['conditions', 'prediction', 'customers', 'confidence', 'churned', 'stayed'],
        rules.map((r) => [r.conditionText, String(r.prediction), r.count, r.confidence ?? 0, r.distribution.Yes ?? 0, r.distribution.No ?? 0]),
      ),
      'the same rules as a table: conditions, prediction, customers, confidence, churned/stayed counts',
    );
    await ctx.writeOutput('churn-tree.json', JSON.stringify(tree.toJSON()) + '\n', 'the fitted tree (DecisionTree.fromJSON restores it)');
    await ctx.writeOutput('churn-tree.dot', tree.toDot(), 'the tree in Graphviz dot (dot -Tsvg churn-tree.dot > tree.svg)');
  },
};
