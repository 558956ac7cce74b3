// Bad-input audit of the crm area: every public computing / fitting entry point with each kind of bad
// input that applies to it (see bad-input-helpers.ts).
import { expect } from 'vitest';
import { DataTable } from '../../src/data/table.js';
import { abcClassify, customerPyramid, giniCoefficient, lorenzCurve, paretoCurve, topShare, type TierResult } from '../../src/crm/abc.js';
import { BgNbdModel, fitBgNbd } from '../../src/crm/bgnbd.js';
import { fitGammaGamma, GammaGammaModel } from '../../src/crm/gamma-gamma.js';
import { churnLoss, churnRate, expectedLifetime, groupChurnLoss, replacementsPerPeriod } from '../../src/crm/churn-rate.js';
import { annuityFactor, annuityValue, customerLifetimeValue, groupLifetimeValue, presentValue } from '../../src/crm/clv.js';
import { probabilisticClv } from '../../src/crm/probabilistic-clv.js';
import { customerDeliveredValue, loyaltyMatrix, satisfaction, valueExchangeMatrix, valueMatrix } from '../../src/crm/matrices.js';
import { customerValueReport, fitClvFromTable } from '../../src/crm/report.js';
import { bandScores, quantileScores, rfmAnalysis, rfmSegments } from '../../src/crm/rfm.js';
import { summarizeCustomers } from '../../src/crm/summary.js';
import { dateOfDay, dayNumber, isoDateOfDay, parseDay, parseTransactionLog, parseWhitespaceTable, transactionLogFromRecords, transactionLogFromTable, type TransactionLog } from '../../src/crm/transaction-log.js';
import { anyValue, audit, expectAllFinite, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const cols = { customer: 'c', date: 'd', amount: 'x' } as const;
const records = [
  { c: 'a', d: '2024-01-03', x: 20 },
  { c: 'b', d: '2024-02-14', x: 300 },
  { c: 'a', d: '2024-03-01', x: 25 },
  { c: 'c', d: '2024-03-20', x: 60 },
];
const log = (): TransactionLog => transactionLogFromRecords(records, cols);
const summary = () => summarizeCustomers(log(), { observationDate: '2024-03-31' });
const emptyLog: TransactionLog = { customerIds: [], customer: new Int32Array(0), day: new Int32Array(0), amount: new Float64Array(0) };
const bg = new BgNbdModel({ r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 });
const gg = new GammaGammaModel({ p: 6.25, q: 3.74, v: 15.44 });
const rfmData = { frequency: [2, 0, 5], recency: [10, 0, 30], T: [40, 20, 38] };
const clvCustomers = { ...rfmData, monetary: [20, 0, 35] };

const rejected: Rejected[] = [
  // abc.ts
  { name: 'abcClassify: NaN value', call: () => abcClassify([5, Number.NaN, 3]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'abcClassify: negative value', call: () => abcClassify([5, -2, 3]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'abcClassify: Infinity', call: () => abcClassify([5, Infinity]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'abcClassify: a numeric string', call: () => abcClassify(anyValue([5, '3'])), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'abcClassify: null cell', call: () => abcClassify(anyValue([5, null])), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'abcClassify: no customers', call: () => abcClassify([]), error: InvalidInputError, mentions: ['values'] },
  { name: 'abcClassify: all zero', call: () => abcClassify([0, 0]), error: InvalidInputError, mentions: ['values', 'all values are 0'] },
  { name: 'abcClassify: share > 1', call: () => abcClassify([1, 2], [{ label: 'A', share: 1.5 }, { label: 'B' }]), error: InvalidOptionError, mentions: ['tiers'] },
  { name: 'abcClassify: shares adding up to more than 1', call: () => abcClassify([1, 2], [{ label: 'A', share: 0.7 }, { label: 'B', share: 0.7 }, { label: 'C' }]), error: InvalidOptionError, mentions: ['tiers'] },
  { name: 'customerPyramid: NaN value', call: () => customerPyramid([1, Number.NaN]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'customerPyramid: no customers', call: () => customerPyramid([]), error: InvalidInputError, mentions: ['values'] },
  { name: 'paretoCurve: no customers', call: () => paretoCurve([]), error: InvalidInputError, mentions: ['values'] },
  { name: 'lorenzCurve: negative value', call: () => lorenzCurve([1, -1]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'topShare: fraction NaN', call: () => topShare([1, 2], Number.NaN), error: InvalidOptionError, mentions: ['fraction', 'NaN'] },
  { name: 'topShare: fraction > 1', call: () => topShare([1, 2], 1.5), error: InvalidOptionError, mentions: ['fraction'] },
  { name: 'giniCoefficient: no customers', call: () => giniCoefficient([]), error: InvalidInputError, mentions: ['values'] },
  { name: 'giniCoefficient: undefined cell', call: () => giniCoefficient(anyValue([1, undefined])), error: InvalidInputError, mentions: ['values', 'row 1'] },
  // bgnbd.ts
  { name: 'fitBgNbd: NaN frequency', call: () => fitBgNbd({ ...rfmData, frequency: [2, Number.NaN, 5] }), error: InvalidInputError, mentions: ['frequency', 'row 1'] },
  { name: 'fitBgNbd: fractional frequency', call: () => fitBgNbd({ ...rfmData, frequency: [2, 0.5, 5] }), error: InvalidInputError, mentions: ['frequency', 'row 1'] },
  { name: 'fitBgNbd: negative recency', call: () => fitBgNbd({ ...rfmData, recency: [10, -1, 30] }), error: InvalidInputError, mentions: ['recency', 'row 1'] },
  { name: 'fitBgNbd: recency > T', call: () => fitBgNbd({ ...rfmData, recency: [50, 0, 30] }), error: InvalidInputError, mentions: ['recency', 'row 0'] },
  { name: 'fitBgNbd: T of 0', call: () => fitBgNbd({ ...rfmData, T: [40, 0, 38] }), error: InvalidInputError, mentions: ['T', 'row 1'] },
  { name: 'fitBgNbd: unequal lengths', call: () => fitBgNbd({ ...rfmData, T: [40, 20] }), error: InvalidInputError, mentions: ['T', '2', '3'] },
  { name: 'fitBgNbd: no customers', call: () => fitBgNbd({ frequency: [], recency: [], T: [] }), error: InvalidInputError, mentions: ['customers'] },
  { name: 'fitBgNbd: missing column', call: () => fitBgNbd(anyValue({ frequency: [1], recency: [1] })), error: InvalidInputError, mentions: ['T'] },
  { name: 'fitBgNbd: start NaN', call: () => fitBgNbd(rfmData, { start: { r: Number.NaN } }), error: InvalidOptionError, mentions: ['option r', 'NaN'] },
  { name: 'BgNbdModel: negative parameter', call: () => new BgNbdModel({ r: -1, alpha: 1, a: 1, b: 1 }), mentions: ['r'] },
  { name: 'BgNbdModel.fromJSON: missing parameter', call: () => BgNbdModel.fromJSON(anyValue({ r: 1, alpha: 1, a: 1 })), mentions: ['b'] },
  { name: 'probabilityAlive: NaN', call: () => bg.probabilityAlive(Number.NaN, 1, 2), error: InvalidOptionError, mentions: ['frequency', 'NaN'] },
  { name: 'probabilityAlive: tx > T', call: () => bg.probabilityAlive(1, 5, 2), error: InvalidOptionError, mentions: ['option T', 'recency (5)'] },
  { name: 'expectedPurchases: negative t', call: () => bg.expectedPurchases(-1), mentions: ['t'] },
  { name: 'conditionalExpectedPurchases: Infinity', call: () => bg.conditionalExpectedPurchases(Infinity, 1, 1, 2), mentions: ['t'] },
  // gamma-gamma.ts
  { name: 'fitGammaGamma: negative monetary', call: () => fitGammaGamma({ frequency: [1, 2, 3], monetary: [10, -5, 20] }), error: InvalidInputError, mentions: ['monetary', 'row 1'] },
  { name: 'fitGammaGamma: NaN monetary', call: () => fitGammaGamma({ frequency: [1, 2, 3], monetary: [10, Number.NaN, 20] }), error: InvalidInputError, mentions: ['monetary', 'row 1'] },
  { name: 'fitGammaGamma: unequal lengths', call: () => fitGammaGamma({ frequency: [1, 2, 3], monetary: [10, 20] }), error: InvalidInputError, mentions: ['monetary'] },
  { name: 'fitGammaGamma: no repeat customers', call: () => fitGammaGamma({ frequency: [0, 0], monetary: [0, 0] }), error: InvalidInputError, mentions: ['frequency'] },
  { name: 'conditionalExpectedValue: negative m', call: () => gg.conditionalExpectedValue(2, -3), mentions: ['m'] },
  { name: 'GammaGammaModel.fromJSON: NaN', call: () => GammaGammaModel.fromJSON(anyValue({ p: 1, q: Number.NaN, v: 1 })), mentions: ['q'] },
  // churn-rate.ts
  { name: 'churnRate: lost > atStart', call: () => churnRate(12, 10), mentions: ['lost'] },
  { name: 'churnRate: atStart 0', call: () => churnRate(0, 0), mentions: ['atStart'] },
  { name: 'churnRate: NaN', call: () => churnRate(Number.NaN, 10), mentions: ['lost', 'NaN'] },
  { name: 'expectedLifetime: rate > 1', call: () => expectedLifetime(1.5), mentions: ['rate'] },
  { name: 'expectedLifetime: negative horizon', call: () => expectedLifetime(0.2, -1), mentions: ['horizon'] },
  { name: 'replacementsPerPeriod: negative customers', call: () => replacementsPerPeriod(-5, 0.1), mentions: ['customers'] },
  { name: 'churnLoss: NaN cost', call: () => churnLoss({ cost: Number.NaN, expectedValue: 10, realizedValue: 2 }), mentions: ['cost', 'NaN'] },
  { name: 'groupChurnLoss: rate NaN', call: () => groupChurnLoss(100, Number.NaN, 10), mentions: ['rate'] },
  // clv.ts
  { name: 'presentValue: NaN margin', call: () => presentValue([10, Number.NaN], 0.1), error: InvalidInputError, mentions: ['period 2', 'NaN'] },
  { name: 'presentValue: unequal revenue and cost', call: () => presentValue({ revenue: [10, 20], cost: [1] }, 0.1), error: InvalidInputError, mentions: ['cost'] },
  { name: 'presentValue: rate -1', call: () => presentValue([10], -1), error: InvalidOptionError, mentions: ['rate'] },
  { name: 'annuityFactor: negative periods', call: () => annuityFactor(0.1, -1), error: InvalidOptionError, mentions: ['periods'] },
  { name: 'annuityValue: margin NaN', call: () => annuityValue(Number.NaN, 0.1, 3), mentions: ['margin'] },
  { name: 'customerLifetimeValue: no margin', call: () => customerLifetimeValue({ rate: 0.1 }), mentions: ['margin'] },
  { name: 'customerLifetimeValue: margin NaN', call: () => customerLifetimeValue({ rate: 0.1, margin: Number.NaN, periods: 3 }), mentions: ['margin'] },
  { name: 'customerLifetimeValue: rate a string', call: () => customerLifetimeValue({ rate: anyValue('0.1'), margin: 5, periods: 3 }), error: InvalidOptionError, mentions: ['rate'] },
  { name: 'expectedLifetime: rate 0 without horizon', call: () => expectedLifetime(0), error: InvalidOptionError, mentions: ['churnRate', 'horizon'] },
  { name: 'groupLifetimeValue: churnRate 0 without horizon', call: () => groupLifetimeValue({ customers: 100, margin: 5, churnRate: 0, rate: 0 }), mentions: ['churnRate'] },
  { name: 'groupLifetimeValue: negative customers', call: () => groupLifetimeValue({ customers: -100, margin: 5, churnRate: 0.2, rate: 0.1 }), mentions: ['customers'] },
  // probabilistic-clv.ts
  { name: 'probabilisticClv: NaN monetary', call: () => probabilisticClv(bg, gg, { ...clvCustomers, monetary: [20, Number.NaN, 35] }), error: InvalidInputError, mentions: ['monetary', 'row 1'] },
  { name: 'probabilisticClv: negative monetary', call: () => probabilisticClv(bg, gg, { ...clvCustomers, monetary: [20, 0, -35] }), error: InvalidInputError, mentions: ['monetary', 'row 2'] },
  { name: 'probabilisticClv: unequal lengths', call: () => probabilisticClv(bg, gg, { ...clvCustomers, monetary: [20, 0] }), error: InvalidInputError, mentions: ['monetary'] },
  { name: 'probabilisticClv: recency > T', call: () => probabilisticClv(bg, gg, { ...clvCustomers, recency: [50, 0, 30] }), error: InvalidInputError, mentions: ['recency', 'row 0'] },
  { name: 'probabilisticClv: periods 0', call: () => probabilisticClv(bg, gg, clvCustomers, { periods: 0 }), error: InvalidOptionError, mentions: ['periods'] },
  { name: 'probabilisticClv: discountRate NaN', call: () => probabilisticClv(bg, gg, clvCustomers, { discountRate: Number.NaN }), error: InvalidOptionError, mentions: ['discountRate'] },
  { name: 'probabilisticClv: periodLength 0', call: () => probabilisticClv(bg, gg, clvCustomers, { periodLength: 0 }), error: InvalidOptionError, mentions: ['periodLength'] },
  // matrices.ts
  { name: 'valueMatrix: unequal lengths', call: () => valueMatrix([1, 2, 3], [1, 2]), error: InvalidInputError, mentions: ['future'] },
  { name: 'valueMatrix: NaN', call: () => valueMatrix([1, Number.NaN], [1, 2]), error: InvalidInputError, mentions: ['current', 'row 1'] },
  { name: 'valueMatrix: no customers', call: () => valueMatrix([], []), error: InvalidInputError, mentions: ['current'] },
  { name: 'valueMatrix: threshold NaN', call: () => valueMatrix([1, 2], [1, 2], { first: Number.NaN }), error: InvalidOptionError, mentions: ['option first', 'current', 'NaN'] },
  { name: 'valueExchangeMatrix: null cell', call: () => valueExchangeMatrix([1, 2], anyValue([1, null])), error: InvalidInputError, mentions: ['received', 'row 1'] },
  { name: 'loyaltyMatrix: a string', call: () => loyaltyMatrix(anyValue(['high', 2]), [1, 2]), error: InvalidInputError, mentions: ['attitude', 'row 0'] },
  { name: 'satisfaction: negative tolerance', call: () => satisfaction([1, 2], [1, 2], -1), error: InvalidOptionError, mentions: ['tolerance'] },
  { name: 'satisfaction: unequal lengths', call: () => satisfaction([1, 2], [1]), error: InvalidInputError, mentions: ['expected'] },
  { name: 'customerDeliveredValue: NaN', call: () => customerDeliveredValue(Number.NaN, 2), mentions: ['value'] },
  { name: 'customerDeliveredValue: NaN cost part', call: () => customerDeliveredValue(10, { monetary: 5, time: Number.NaN }), mentions: ['cost.time'] },
  // rfm.ts
  { name: 'quantileScores: NaN', call: () => quantileScores([1, Number.NaN, 3]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'quantileScores: bins 0', call: () => quantileScores([1, 2, 3], { bins: 0 }), error: InvalidOptionError, mentions: ['bins'] },
  { name: 'bandScores: NaN', call: () => bandScores([1, Number.NaN], [{ score: 1 }]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'bandScores: no band for a value', call: () => bandScores([1, 50], [{ score: 1, max: 10 }]), error: InvalidInputError, mentions: ['values', 'row 1'] },
  { name: 'bandScores: band min > max', call: () => bandScores([1], [{ score: 1, min: 5, max: 2 }]), error: InvalidOptionError, mentions: ['bands'] },
  { name: 'rfmSegments: unequal lengths', call: () => rfmSegments([1, 2], [1, 2], [1]), error: InvalidInputError, mentions: ['m'] },
  { name: 'rfmSegments: score NaN', call: () => rfmSegments([1, Number.NaN], [1, 2], [1, 2]), error: InvalidInputError, mentions: ['r: row 1', 'NaN'] },
  { name: 'rfmAnalysis: bins 0', call: () => rfmAnalysis(summary(), { bins: 0 }), error: InvalidOptionError, mentions: ['bins'] },
  { name: 'rfmAnalysis: not a summary', call: () => rfmAnalysis(anyValue({ customers: ['a'] })), error: InvalidInputError, mentions: ['summary'] },
  {
    name: 'rfmAnalysis: duplicate customer ids in demographics',
    call: () => rfmAnalysis(summary(), { demographics: { table: DataTable.fromRecords([{ id: 'a', age: 30 }, { id: 'a', age: 40 }]), key: 'id' } }),
    error: InvalidInputError,
    mentions: ['demographics', 'customer "a"'],
  },
  // summary.ts
  { name: 'summarizeCustomers: unparseable observationDate', call: () => summarizeCustomers(log(), { observationDate: '31/03/2024' }), error: InvalidOptionError, mentions: ['observationDate', '31/03/2024'] },
  { name: 'summarizeCustomers: Invalid Date', call: () => summarizeCustomers(log(), { observationDate: new Date(Number.NaN) }), error: InvalidOptionError, mentions: ['observationDate'] },
  { name: 'summarizeCustomers: purchase after observationDate', call: () => summarizeCustomers(log(), { observationDate: '2024-03-01' }), error: InvalidInputError, mentions: ['observation'] },
  {
    name: 'summarizeCustomers: negative amount',
    call: () => summarizeCustomers(transactionLogFromRecords([...records, { c: 'b', d: '2024-03-05', x: -10 }], cols)),
    error: InvalidInputError,
    mentions: ['row 4', 'negative'],
  },
  { name: 'summarizeCustomers: empty log', call: () => summarizeCustomers(emptyLog), error: InvalidInputError, mentions: ['log is empty'] },
  { name: 'summarizeCustomers: empty log with an observation date', call: () => summarizeCustomers(emptyLog, { observationDate: '2024-01-01' }), error: InvalidInputError, mentions: ['no purchase remains'] },
  { name: 'summarizeCustomers: NaN amount in a hand-built log', call: () => summarizeCustomers({ ...log(), amount: Float64Array.of(20, 300, Number.NaN, 60) }), error: InvalidInputError, mentions: ['row 2', 'amount NaN'] },
  { name: 'summarizeCustomers: recentWindow negative', call: () => summarizeCustomers(log(), { recentWindow: -1 }), error: InvalidOptionError, mentions: ['recentWindow'] },
  { name: 'summarizeCustomers: not a log', call: () => summarizeCustomers(anyValue([{ c: 'a' }])), error: InvalidInputError, mentions: ['log'] },
  // transaction-log.ts
  { name: 'transactionLogFromRecords: unparseable date', call: () => transactionLogFromRecords([{ c: 'a', d: '2024-02-30', x: 5 }], cols), error: InvalidInputError, mentions: ['row 0', '"d"', '2024-02-30'] },
  { name: 'transactionLogFromRecords: non-numeric amount', call: () => transactionLogFromRecords([{ c: 'a', d: '2024-02-01', x: 5 }, { c: 'a', d: '2024-02-01', x: 'ten' }], cols), error: InvalidInputError, mentions: ['row 1', '"x"'] },
  { name: 'transactionLogFromRecords: NaN amount', call: () => transactionLogFromRecords([{ c: 'a', d: '2024-02-01', x: Number.NaN }], cols), error: InvalidInputError, mentions: ['row 0', '"x"'] },
  { name: 'transactionLogFromRecords: missing customer id', call: () => transactionLogFromRecords([{ c: null, d: '2024-02-01', x: 5 }], cols), error: InvalidInputError, mentions: ['row 0', '"c"', 'customer id'] },
  { name: 'transactionLogFromRecords: unknown column', call: () => transactionLogFromRecords(records, { ...cols, amount: 'amount' }), error: InvalidOptionError, mentions: ['amount', '"amount"'] },
  { name: 'transactionLogFromTable: bad dateFormat', call: () => transactionLogFromTable(DataTable.fromRecords(records), { ...cols, dateFormat: anyValue('us') }), error: InvalidOptionError, mentions: ['dateFormat'] },
  { name: 'parseTransactionLog: bad date, named by line', call: () => parseTransactionLog('c,d,x\na,2024-01-01,5\nb,yesterday,3\n', cols), error: InvalidInputError, mentions: ['row 1', '"d"', 'yesterday'] },
  { name: 'parseWhitespaceTable: row of the wrong length', call: () => parseWhitespaceTable('a b c\n1 2 3\n4 5\n'), mentions: ['line 3'] },
  { name: 'dayNumber: month 13', call: () => dayNumber(2024, 13, 1), error: InvalidOptionError, mentions: ['option month', '13'] },
  { name: 'dayNumber: 30 February', call: () => dayNumber(2024, 2, 30), error: InvalidOptionError, mentions: ['option day', '[1, 29]'] },
  { name: 'dayNumber: NaN year', call: () => dayNumber(Number.NaN, 1, 1), error: InvalidOptionError, mentions: ['option year', 'NaN'] },
  { name: 'dateOfDay: NaN', call: () => dateOfDay(Number.NaN), error: InvalidOptionError, mentions: ['option day', 'NaN'] },
  { name: 'isoDateOfDay: fractional day', call: () => isoDateOfDay(1.5), error: InvalidOptionError, mentions: ['option day', '1.5'] },
  // report.ts
  { name: 'customerValueReport: not a log', call: () => customerValueReport(anyValue({})), error: InvalidInputError, mentions: ['log'] },
  { name: 'fitClvFromTable: unknown column', call: () => fitClvFromTable(DataTable.fromRecords([{ f: 1, r: 2, t: 3 }]), { frequency: 'f', recency: 'r', T: 'T' }), mentions: ['T'] },
  {
    name: 'fitClvFromTable: missing cell',
    call: () => fitClvFromTable(DataTable.fromRecords([{ f: 1, r: 2, t: 3 }, { f: null, r: 2, t: 3 }]), { frequency: 'f', recency: 'r', T: 't' }),
    error: InvalidInputError,
    mentions: ['f', 'row 1'],
  },
  {
    name: 'fitClvFromTable: text cell',
    call: () => fitClvFromTable(DataTable.fromRecords([{ f: 1, r: 2, t: 3 }, { f: 2, r: 'x', t: 3 }]), { frequency: 'f', recency: 'r', T: 't' }),
    error: InvalidInputError,
    mentions: ['r'],
  },
];

const accepted: Accepted[] = [
  {
    name: 'customerPyramid: all values 0',
    why: 'tiers are by share of customers, so they are defined without value; value shares are then 0 (TSDoc: cumulativeShare 0 when the total is 0)',
    call: () => customerPyramid([0, 0, 0, 0]),
    check: (r) => {
      const t = r as TierResult;
      expectAllFinite(t.cumulativeShare);
      for (const s of t.tiers) expect(Number.isFinite(s.valueShare), s.label).toBe(true);
    },
  },
  {
    name: 'presentValue: an empty stream',
    why: 'no cash flows have present value 0 (the empty sum)',
    call: () => presentValue([], 0.1),
    check: (r) => expect(r).toBe(0),
  },
  {
    name: 'fitGammaGamma: zero-frequency customers among repeat ones',
    why: 'one-time buyers carry no repeat-spend information and are left out of the fit (documented on GammaGammaData)',
    call: () => fitGammaGamma({ frequency: [0, 1, 2, 3, 4], monetary: [0, 10, 20, 15, 30] }),
    check: (r) => {
      const m = r as GammaGammaModel;
      expectAllFinite([m.p, m.q, m.v, m.logLikelihood]);
    },
  },
  {
    name: 'annuityFactor: a fractional number of periods',
    why: 'documented on annuityFactor: n may be fractional (the closed form is defined for any n >= 0)',
    call: () => annuityFactor(0.1, 2.5),
    check: (r) => {
      expect(r).toBeGreaterThan(annuityFactor(0.1, 2));
      expect(r).toBeLessThan(annuityFactor(0.1, 3));
    },
  },
  {
    name: 'customerDeliveredValue: a negative component',
    why: 'documented: the result is a plain difference of sums and no component must be positive (a rebate is a negative cost)',
    call: () => customerDeliveredValue(10, { monetary: 5, time: -1 }),
    check: (r) => expect(r).toBe(6),
  },
  {
    name: 'parseDay: a date that does not parse',
    why: 'documented on parseDay: undefined when the value is not a date (a probe for callers); the readers turn it into an error naming row and column',
    call: () => [parseDay('2024-13-01'), parseDay('31/03/2024'), parseDay(new Date(Number.NaN))],
    check: (r) => expect(r).toEqual([undefined, undefined, undefined]),
  },
  {
    name: 'quantileScores: no values',
    why: 'documented: no values give no scores (an empty array), nothing to be NaN',
    call: () => quantileScores([]),
    check: (r) => expect((r as Int32Array).length).toBe(0),
  },
];

audit('crm: bad input', rejected, accepted);
