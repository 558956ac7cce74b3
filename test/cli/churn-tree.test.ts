import { describe, expect, it } from 'vitest';
import { CHURN_TREE_NUMERIC, churnTreeStep, plainRule, telcoTreeTable } from '../../src/cli/analyses/churn-tree.js';
import { fitDecisionTree } from '../../src/classification/index.js';
import { DataTable } from '../../src/data/table.js';
import type { AnalysisContext } from '../../src/cli/analyze.js';
import { InvalidInputError } from '../../src/core/errors.js';

function textTable(n: number): DataTable {
  // Text cells as the job reads them; churn planted on month-to-month contracts with tenure < 12.
  const rows = [];
  for (let i = 0; i < n; i++) {
    const contract = ['Month-to-month', 'One year', 'Two year'][i % 3];
    const tenure = (i * 7) % 72;
    const churn = contract === 'Month-to-month' && tenure < 12 ? 'Yes' : 'No';
    rows.push({ customerID: `C${i}`, Contract: contract, tenure: String(tenure), MonthlyCharges: String(20 + (i % 50)), TotalCharges: tenure === 0 ? null : String(tenure * 30), SeniorCitizen: String(i % 2), Churn: churn });
  }
  return DataTable.fromRecords(rows);
}

describe('churn-tree analysis step', () => {
  it('types the text table: numeric columns parsed, blanks missing, id dropped', () => {
    const t = telcoTreeTable(textTable(30), 'x.csv');
    expect(t.hasColumn('customerID')).toBe(false);
    for (const c of CHURN_TREE_NUMERIC) expect(t.column(c).type).toBe('number');
    expect(t.column('SeniorCitizen').type).toBe('string');
    expect(t.column('TotalCharges').values[0]).toBeNull();
    const bad = DataTable.fromRecords([{ tenure: 'ten', MonthlyCharges: '1', TotalCharges: '1', Churn: 'No' }]);
    expect(() => telcoTreeTable(bad, 'x.csv')).toThrow(/data row 1, column "tenure"/);
    expect(() => telcoTreeTable(DataTable.fromRecords([{ a: '1' }]), 'x.csv')).toThrow(InvalidInputError);
  });

  it('recovers the planted churn rule and writes the rule files', async () => {
    const table = textTable(600);
    const tree = fitDecisionTree(telcoTreeTable(table, 'x.csv'), { target: 'Churn', maxDepth: 4, minSamplesLeaf: 10 });
    const churnRules = tree.rules({ onlyClass: 'Yes' });
    expect(churnRules).toHaveLength(1);
    const conds = Object.fromEntries(churnRules[0].conditions.map((c) => [c.feature, c]));
    expect(Object.keys(conds).sort()).toEqual(['Contract', 'tenure']);
    expect(conds.Contract.text).toBe('Contract = Month-to-month');
    expect(conds.tenure.min).toBeUndefined();
    expect(conds.tenure.max).toBeGreaterThan(9); // month-to-month tenures are multiples of 3: 9 churns, 12 does not
    expect(conds.tenure.max).toBeLessThanOrEqual(12);
    expect(plainRule(churnRules[0])).toMatch(/^\d+ customers with .*Contract = Month-to-month.*: 100% of them left$/);
    const files: string[] = [];
    let printed = '';
    const ctx = {
      dataName: 'x.csv',
      outName: 'out',
      settings: {},
      table: async () => table,
      shared: <T>(_key: string, make: () => T | Promise<T>) => Promise.resolve().then(make),
      print: (t = '') => void (printed += t + '\n'),
      writeOutput: async (name: string) => void files.push(name),
      section: () => undefined,
    } as unknown as AnalysisContext;
    await churnTreeStep.run(ctx);
    expect(files).toEqual(['churn-tree-rules.txt', 'churn-tree-rules.csv', 'churn-tree.json', 'churn-tree.dot']);
    const auc = Number(/ROC AUC ([\d.]+)/.exec(printed)![1]);
    expect(auc).toBeGreaterThan(0.85); // well above chance; leaves of >= 50 rows cannot isolate the ~25 training churners exactly
    expect(printed).toMatch(/Who leaves/);
  });
});
