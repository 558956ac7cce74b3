// Bad-input audit of the churn area: every public training / computing entry point with each kind of bad
// input that applies to it (see bad-input-helpers.ts). Every case here is rejected before TensorFlow.js is
// loaded, so none trains a network.
import { expect } from 'vitest';
import { DataTable } from '../../src/data/table.js';
import { fitPlatt } from '../../src/churn/calibration.js';
import { crossValidateChurn } from '../../src/churn/cv.js';
import { campaignProfit, retentionThreshold } from '../../src/churn/economics.js';
import { trainChurnModel } from '../../src/churn/model.js';
import { ChurnPreprocessor } from '../../src/churn/preprocess.js';
import { churnLabels, inferChurnSchema, resolvePositive, toChurnTable } from '../../src/churn/schema.js';
import { loadTensorFlow } from '../../src/churn/backend.js';
import { anyValue, audit, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const records = Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, usage: 10 * i, plan: i % 3 === 0 ? 'A' : 'B', Churn: i % 2 === 0 ? 'Yes' : 'No' }));
const table = DataTable.fromRecords(records);
const withRecord = (i: number, patch: Record<string, unknown>) => records.map((r, j) => (j === i ? { ...r, ...patch } : r));
const economics = { value: 300, offerCost: 25, successRate: 0.35 };
const probabilities = [0.9, 0.7, 0.4, 0.2];

const rejected: Rejected[] = [
  // schema
  { name: 'inferChurnSchema: no target', call: () => inferChurnSchema(table, anyValue({})), error: InvalidOptionError, mentions: ['target'] },
  { name: 'inferChurnSchema: unknown target', call: () => inferChurnSchema(table, { target: 'churn' }), error: InvalidInputError, mentions: ['"churn"'] },
  { name: 'inferChurnSchema: unknown id column', call: () => inferChurnSchema(table, { target: 'Churn', id: 'customer' }), error: InvalidOptionError, mentions: ['id', '"customer"'] },
  { name: 'inferChurnSchema: duplicate ids', call: () => inferChurnSchema(DataTable.fromRecords(withRecord(5, { id: 'c2' })), { target: 'Churn', id: 'id' }), error: InvalidInputError, mentions: ['id', '"c2"', 'row 5', 'row 2'] },
  { name: 'inferChurnSchema: a missing id', call: () => inferChurnSchema(DataTable.fromRecords(withRecord(4, { id: null })), { target: 'Churn', id: 'id' }), error: InvalidInputError, mentions: ['id', 'row 4'] },
  { name: 'inferChurnSchema: maxCategories 1', call: () => inferChurnSchema(table, { target: 'Churn', maxCategories: 1 }), error: InvalidOptionError, mentions: ['maxCategories'] },
  { name: 'inferChurnSchema: a bad columnTypes kind', call: () => inferChurnSchema(table, { target: 'Churn', columnTypes: { usage: anyValue('integer') } }), error: InvalidOptionError, mentions: ['columnTypes.usage', 'integer'] },
  { name: 'resolvePositive: positive not a label', call: () => resolvePositive(table, 'Churn', 'Maybe'), mentions: ['Maybe'] },
  { name: 'churnLabels: a missing label', call: () => churnLabels(DataTable.fromRecords(withRecord(3, { Churn: null })), 'Churn', 'Yes'), error: InvalidInputError, mentions: ['row 3', 'Churn'] },
  { name: 'toChurnTable: not a table', call: () => toChurnTable(anyValue('customers.csv')), error: InvalidInputError, mentions: ['data'] },
    // training: checked before the backend loads
  { name: 'trainChurnModel: one class only', call: () => trainChurnModel(records.map((r) => ({ ...r, Churn: 'No' })), { target: 'Churn', positive: 'Yes' }), error: InvalidOptionError, mentions: ['positive', '"Yes" does not occur'] },
  { name: 'trainChurnModel: one class only, positive not named', call: () => trainChurnModel(records.map((r) => ({ ...r, Churn: 'No' })), { target: 'Churn' }), error: InvalidInputError, mentions: ['Churn'] },
  { name: 'trainChurnModel: fewer than 4 rows', call: () => trainChurnModel(records.slice(0, 3), { target: 'Churn' }), error: InvalidInputError, mentions: ['at least 4 rows'] },
  { name: 'trainChurnModel: Infinity in a numeric column', call: () => trainChurnModel(withRecord(6, { usage: Infinity }), { target: 'Churn', backend: 'cpu' }), error: InvalidInputError, mentions: ['usage', 'row 6'] },
  { name: 'trainChurnModel: epochs 0', call: () => trainChurnModel(records, { target: 'Churn', epochs: 0 }), error: InvalidOptionError, mentions: ['epochs'] },
  { name: 'trainChurnModel: learningRate NaN', call: () => trainChurnModel(records, { target: 'Churn', learningRate: Number.NaN }), error: InvalidOptionError, mentions: ['learningRate', 'NaN'] },
  { name: 'trainChurnModel: hiddenLayers with 0 units', call: () => trainChurnModel(records, { target: 'Churn', hiddenLayers: [8, 0] }), error: InvalidOptionError, mentions: ['hiddenLayers[1]'] },
  { name: 'trainChurnModel: dropout 1', call: () => trainChurnModel(records, { target: 'Churn', dropout: 1 }), error: InvalidOptionError, mentions: ['dropout'] },
  { name: 'trainChurnModel: validationFraction 0.9', call: () => trainChurnModel(records, { target: 'Churn', validationFraction: 0.9 }), error: InvalidOptionError, mentions: ['validationFraction'] },
  { name: 'trainChurnModel: classWeight negative', call: () => trainChurnModel(records, { target: 'Churn', classWeight: { positive: -1, negative: 1 } }), error: InvalidOptionError, mentions: ['classWeight.positive'] },
  { name: 'trainChurnModel: rows out of range', call: () => trainChurnModel(records, { target: 'Churn', rows: [0, 1, 2, 99] }), error: InvalidInputError, mentions: ['99'] },
  { name: 'trainChurnModel: duplicate ids', call: () => trainChurnModel(withRecord(7, { id: 'c1' }), { target: 'Churn', id: 'id' }), error: InvalidInputError, mentions: ['"c1"'] },
  { name: 'crossValidateChurn: folds 1', call: () => crossValidateChurn(records, { target: 'Churn', folds: 1 }), error: InvalidOptionError, mentions: ['folds'] },
  { name: 'crossValidateChurn: folds above the rows', call: () => crossValidateChurn(records, { target: 'Churn', folds: 13 }), error: InvalidOptionError, mentions: ['folds', '13'] },
  { name: 'loadTensorFlow: unknown backend', call: () => loadTensorFlow(anyValue('gpu')), error: InvalidOptionError, mentions: ['backend', 'gpu'] },
  // preprocessing
  { name: 'ChurnPreprocessor.fit: NaN in a numeric column', call: () => ChurnPreprocessor.fit(DataTable.fromRecords(withRecord(2, { usage: Number.NaN })), undefined, { numeric: ['usage'], categorical: [] }), error: InvalidInputError, mentions: ['usage', 'row 2'] },
  { name: 'ChurnPreprocessor.fit: unknown column', call: () => ChurnPreprocessor.fit(table, undefined, { numeric: ['bill'], categorical: [] }), mentions: ['bill'] },
  { name: 'ChurnPreprocessor.transform: text in a numeric column', call: () => ChurnPreprocessor.fit(table, undefined, { numeric: ['usage'], categorical: ['plan'] }).transform(DataTable.fromRecords([{ usage: 'lots', plan: 'A' }])), error: InvalidInputError, mentions: ['usage', 'row 0'] },
  { name: 'ChurnPreprocessor.fromJSON: NaN mean', call: () => ChurnPreprocessor.fromJSON(anyValue({ ...ChurnPreprocessor.fit(table, undefined, { numeric: ['usage'], categorical: [] }).toJSON(), medians: [null] })), error: InvalidInputError, mentions: ['medians[0]', 'null'] },
  // calibration
  { name: 'fitPlatt: NaN logit', call: () => fitPlatt([0.1, Number.NaN, 2], [0, 1, 1]), error: InvalidInputError, mentions: ['logits: row 1', 'NaN'] },
  { name: 'fitPlatt: unequal lengths', call: () => fitPlatt([0.1, 1, 2], [0, 1]), error: InvalidInputError, mentions: ['3', '2'] },
  { name: 'fitPlatt: a label of 2', call: () => fitPlatt([0.1, 1, 2], [0, 1, 2]), error: InvalidInputError, mentions: ['labels: row 2', 'expected 0 or 1'] },
  { name: 'fitPlatt: one class', call: () => fitPlatt([0.1, 1, 2], [1, 1, 1]), error: InvalidInputError, mentions: ['class'] },
  // economics
  { name: 'retentionThreshold: probability above 1', call: () => retentionThreshold({ ...economics, probabilities: [0.9, 1.3, 0.2] }), error: InvalidInputError, mentions: ['customer 1', '1.3'] },
  { name: 'retentionThreshold: NaN probability', call: () => retentionThreshold({ ...economics, probabilities: [0.9, Number.NaN, 0.2] }), error: InvalidInputError, mentions: ['customer 1', 'NaN'] },
  { name: 'retentionThreshold: no customers', call: () => retentionThreshold({ ...economics, probabilities: [] }), error: InvalidInputError, mentions: ['probabilities'] },
  { name: 'retentionThreshold: negative offerCost', call: () => retentionThreshold({ ...economics, offerCost: -5, probabilities }), error: InvalidOptionError, mentions: ['offerCost', '-5'] },
  { name: 'retentionThreshold: successRate 0', call: () => retentionThreshold({ ...economics, successRate: 0, probabilities }), error: InvalidOptionError, mentions: ['successRate'] },
  { name: 'retentionThreshold: value per customer of the wrong length', call: () => retentionThreshold({ ...economics, value: [300, 200], probabilities }), error: InvalidOptionError, mentions: ['value', '4 values'] },
  { name: 'retentionThreshold: NaN value', call: () => retentionThreshold({ ...economics, value: [300, Number.NaN, 1, 2], probabilities }), error: InvalidOptionError, mentions: ['value', 'customer 1'] },
  { name: 'retentionThreshold: labels of the wrong length', call: () => retentionThreshold({ ...economics, probabilities, labels: [1, 0] }), error: InvalidInputError, mentions: ['labels', '2'] },
  { name: 'retentionThreshold: a label of 2', call: () => retentionThreshold({ ...economics, probabilities, labels: [1, 0, 2, 0] }), error: InvalidInputError, mentions: ['labels', 'customer 2'] },
  { name: 'campaignProfit: NaN probability', call: () => campaignProfit({ ...economics, probabilities: [0.9, Number.NaN] }, 0.5), error: InvalidInputError, mentions: ['customer 1', 'NaN'] },
  { name: 'campaignProfit: a label of 2', call: () => campaignProfit({ ...economics, probabilities: [0.9, 0.8], labels: [1, 2] }, 0.5), error: InvalidInputError, mentions: ['labels', 'customer 1'] },
  { name: 'campaignProfit: threshold NaN', call: () => campaignProfit({ ...economics, probabilities }, Number.NaN), error: InvalidOptionError, mentions: ['threshold', 'NaN'] },
];

const accepted: Accepted[] = [
  {
    name: 'retentionThreshold when every offer loses money',
    why: 'documented on RetentionPlan.threshold: Infinity means contacting nobody is best (null in JSON); the profit is 0, finite',
    call: () => retentionThreshold({ value: 10, offerCost: 50, successRate: 0.5, probabilities }),
    check: (r) => {
      const plan = r as { threshold: number; contacted: number; profit: number };
      expect(plan.threshold).toBe(Infinity);
      expect(plan.contacted).toBe(0);
      expect(plan.profit).toBe(0);
    },
  },
  {
    name: 'campaignProfit with threshold Infinity',
    why: 'the threshold a plan can return: nobody is contacted, profit 0',
    call: () => campaignProfit({ ...economics, probabilities }, Infinity),
    check: (r) => expect(r).toBe(0),
  },
  {
    name: 'toChurnTable with no records',
    why: 'converting no records gives an empty table (predicting for no customers gives no predictions); training rejects it (at least 4 rows)',
    call: () => toChurnTable([]).rowCount,
    check: (r) => expect(r).toBe(0),
  },
];

audit('churn: bad input', rejected, accepted);
