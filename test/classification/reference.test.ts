import { describe, expect, it } from 'vitest';
import { fitDecisionTree } from '../../src/classification/index.js';
import { readCsv } from '../../src/data/csv.js';
import { DataTable } from '../../src/data/table.js';
import { Random } from '../../src/core/rng.js';
import { accuracy, crossValidate, kFold, rocAuc, selectRows, stratifiedKFold } from '../../src/evaluation/index.js';
import { dataFile, haveData } from '../helpers/data.js';

describe.skipIf(!haveData('classification/mushrooms.csv'))('mushrooms (UCI), native categorical splits', () => {
  it('10-fold cross-validated accuracy is 1.000', async () => {
    const table = await readCsv(dataFile('classification/mushrooms.csv'));
    expect(table.rowCount).toBe(8124);
    const y = table.column('type').values;
    const r = crossValidate(kFold(table.rowCount, { k: 10, seed: 1 }), {
      fit: (train) => fitDecisionTree(selectRows(table, train), { target: 'type' }),
      score: (tree, test) => accuracy(selectRows(y as string[], test), tree.predict(selectRows(table, test))),
    });
    expect(r.scores.score).toHaveLength(10);
    expect(r.scores.score.every((a) => a === 1)).toBe(true);
    expect(r.mean.score).toBe(1);
    // the root split is on odor, as every tree on this data does
    expect(fitDecisionTree(table, { target: 'type' }).node(0).feature).toBe('odor');
  });
});

describe.skipIf(!haveData('classification/wisc_bc_data.csv'))('Wisconsin breast cancer', () => {
  it('10-fold stratified accuracy is at least 0.92 with default settings; AUC by ranks equals AUC by trapezoid', async () => {
    const table = await readCsv(dataFile('classification/wisc_bc_data.csv'));
    const y = table.column('diagnosis').values as string[];
    const folds = stratifiedKFold(y, { k: 10, seed: 42 });
    const r = crossValidate(folds, {
      fit: (train) => fitDecisionTree(selectRows(table, train), { target: 'diagnosis', drop: ['id'] }),
      score: (tree, test) => {
        const sub = selectRows(table, test);
        const truth = selectRows(y, test);
        return { accuracy: accuracy(truth, tree.predict(sub)) };
      },
    });
    console.log(`wisc_bc 10-fold stratified accuracy ${r.mean.accuracy.toFixed(4)}`);
    expect(r.mean.accuracy).toBeGreaterThanOrEqual(0.92);
    // A shallow tree gives scores with many ties: both AUC formulas must agree.
    const tree = fitDecisionTree(selectRows(table, folds[0].train), { target: 'diagnosis', drop: ['id'], maxDepth: 3 });
    const test = selectRows(table, folds[0].test);
    const p = tree.probabilityOf(test, 'M');
    const truth = selectRows(y, folds[0].test);
    const a = rocAuc(truth, p, { positive: 'M' });
    expect(a).toBeGreaterThan(0.85);
    expect(rocAuc(truth, p, { positive: 'M', method: 'trapezoid' })).toBeCloseTo(a, 12);
  });
});

describe('a planted rule comes back as an exported rule', () => {
  it('bill > 1000 and age in [35, 50] → high-value', () => {
    const rng = new Random(2024);
    const records = [];
    for (let i = 0; i < 3000; i++) {
      const age = 18 + rng.int(60);
      const bill = Math.round(rng.next() * 2000);
      const region = ['north', 'south', 'east', 'west'][rng.int(4)];
      const tenure = rng.int(120);
      records.push({ age, bill, region, tenure, segment: bill > 1000 && age >= 35 && age <= 50 ? 'high-value' : 'regular' });
    }
    const table = DataTable.fromRecords(records);
    const tree = fitDecisionTree(table, { target: 'segment' });
    const rules = tree.rules({ onlyClass: 'high-value' });
    expect(rules).toHaveLength(1);
    const rule = rules[0];
    expect(rule.confidence).toBe(1);
    const byFeature = Object.fromEntries(rule.conditions.map((c) => [c.feature, c]));
    expect(Object.keys(byFeature).sort()).toEqual(['age', 'bill']);
    // Thresholds are data values: age in [35, 51) on integer ages; bill >= the smallest bill above 1000.
    expect(byFeature.age.min).toBe(35);
    expect(byFeature.age.max).toBe(51);
    expect(byFeature.bill.min).toBeGreaterThan(1000);
    expect(byFeature.bill.min).toBeLessThanOrEqual(1002);
    expect(byFeature.bill.max).toBeUndefined();
    expect(rule.conditionText).toMatch(/^(age in \[35, 51\) AND bill >= 100[12]|bill >= 100[12] AND age in \[35, 51\))$/);
    const expected = records.filter((r) => r.segment === 'high-value').length;
    expect(rule.count).toBe(expected);
  });
});
