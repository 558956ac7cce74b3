/**
 * The churn-tree step of `crm-mining analyze`: a CART decision tree that predicts `Churn` from the Telco
 * customers' contract, services, charges and tenure; evaluated on a held-out stratified 25% split
 * (accuracy beside the "nobody churns" baseline, ROC AUC, lift of the top decile), then read as IF-THEN
 * rules in plain language. The tree is kept small (depth ≤ 4, at least 50 customers per leaf) so that a
 * manager can read every rule.
 *
 * Features: every column except `customerID` and `Churn`; `tenure`, `MonthlyCharges` and `TotalCharges`
 * numeric (the 11 blank `TotalCharges` of customers with tenure 0 are kept as missing values — the tree
 * routes them to the side that fits them best), `SeniorCitizen` (0/1) and every text column categorical.
 *
 * @module
 */
import { fitDecisionTree, type DecisionTree, type TreeRule } from '../../classification/index.js';
import { InvalidInputError } from '../../core/errors.js';
import { parseDecimal } from '../../data/csv.js';
import { DataTable, type CellValue, type Column } from '../../data/table.js';
import { accuracy, gainsTable, rocAuc, selectRows, trainTestSplit } from '../../evaluation/index.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { textTable, toCsv } from '../format.js';

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

/** A rule in plain language for a retention manager. */
export function plainRule(r: TreeRule, customers = 'customers'): string {
  const conds = r.conditions.map((c) => c.text).join(', and ');
  const verb = r.prediction === 'Yes' ? 'left' : 'stayed';
  const share = r.confidence === null ? '' : `${(100 * r.confidence).toFixed(0)}% of them ${verb}`;
  return `${r.count} ${customers} with ${conds || 'any profile'}: ${share}`;
}

/** The churn-tree step (see the module comment). */
export const churnTreeStep: AnalysisStep = {
  id: 'churn-tree',
  title: 'Churn decision tree (CART)',
  summary: 'a small decision tree predicting churn, tested on held-out customers, read as IF-THEN rules',
  async run(ctx: AnalysisContext): Promise<void> {
    const table = telcoTreeTable(await ctx.table(), ctx.dataName);
    const s = CHURN_TREE_SETTINGS;
    const churn = table.column('Churn').values as string[];
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
