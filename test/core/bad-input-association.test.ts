// Bad-input audit of the association area: every public mining / computing entry point with each kind of
// bad input that applies to it (see bad-input-helpers.ts).
import { expect } from 'vitest';
import { TransactionSet } from '../../src/data/transactions.js';
import { apriori } from '../../src/association/apriori.js';
import { fpGrowth } from '../../src/association/fpgrowth.js';
import { mineItemsets } from '../../src/association/mine.js';
import { associationRules, RuleSet, strongRules } from '../../src/association/rules.js';
import { confidence, conviction, lift, ruleMeasures, ruleMeasuresFromCounts, zhang } from '../../src/association/measures.js';
import type { FrequentItemsets } from '../../src/association/itemsets.js';
import { anyValue, audit, InvalidInputError, InvalidOptionError, type Accepted, type Rejected } from './bad-input-helpers.js';

const baskets = TransactionSet.fromArrays([['a', 'b'], ['a', 'c'], ['a', 'b', 'c'], ['b']]);
const none = TransactionSet.fromArrays([]);
const itemsets = (): FrequentItemsets => fpGrowth(baskets, { minCount: 1 });

const miners = [
  ['fpGrowth', fpGrowth],
  ['apriori', apriori],
  ['mineItemsets', mineItemsets],
] as const;

const rejected: Rejected[] = [];
for (const [name, mine] of miners) {
  rejected.push(
    { name: `${name}: 0 transactions`, call: () => mine(none, { minSupport: 0.5 }), error: InvalidInputError, mentions: ['no transactions'] },
    { name: `${name}: not a TransactionSet`, call: () => mine(anyValue([['a', 'b']]), { minSupport: 0.5 }), error: InvalidInputError, mentions: ['transactions', 'TransactionSet'] },
    { name: `${name}: no options`, call: () => mine(baskets, anyValue(undefined)), error: InvalidOptionError, mentions: ['minSupport'] },
    { name: `${name}: minSupport 0`, call: () => mine(baskets, { minSupport: 0 }), error: InvalidOptionError, mentions: ['minSupport', '(0, 1]'] },
    { name: `${name}: minSupport > 1`, call: () => mine(baskets, { minSupport: 1.5 }), error: InvalidOptionError, mentions: ['minSupport', '1.5'] },
    { name: `${name}: minSupport < 0`, call: () => mine(baskets, { minSupport: -0.1 }), error: InvalidOptionError, mentions: ['minSupport'] },
    { name: `${name}: minSupport NaN`, call: () => mine(baskets, { minSupport: Number.NaN }), error: InvalidOptionError, mentions: ['minSupport', 'NaN'] },
    { name: `${name}: minSupport a string`, call: () => mine(baskets, { minSupport: anyValue('0.5') }), error: InvalidOptionError, mentions: ['minSupport', '"0.5"'] },
    { name: `${name}: minCount 0`, call: () => mine(baskets, { minCount: 0 }), error: InvalidOptionError, mentions: ['minCount'] },
    { name: `${name}: minCount fractional`, call: () => mine(baskets, { minCount: 1.5 }), error: InvalidOptionError, mentions: ['minCount', '1.5'] },
    { name: `${name}: minCount Infinity`, call: () => mine(baskets, { minCount: Infinity }), error: InvalidOptionError, mentions: ['minCount'] },
    { name: `${name}: both minSupport and minCount`, call: () => mine(baskets, { minSupport: 0.5, minCount: 2 }), error: InvalidOptionError, mentions: ['minSupport/minCount'] },
    { name: `${name}: maxLength 0`, call: () => mine(baskets, { minCount: 1, maxLength: 0 }), error: InvalidOptionError, mentions: ['maxLength'] },
    { name: `${name}: minLength 0`, call: () => mine(baskets, { minCount: 1, minLength: 0 }), error: InvalidOptionError, mentions: ['minLength'] },
    { name: `${name}: maxLength < minLength`, call: () => mine(baskets, { minCount: 1, minLength: 3, maxLength: 2 }), error: InvalidOptionError, mentions: ['maxLength', 'minLength'] },
    { name: `${name}: maxItemsets 0`, call: () => mine(baskets, { minCount: 1, maxItemsets: 0 }), error: InvalidOptionError, mentions: ['maxItemsets'] },
    { name: `${name}: unknown target`, call: () => mine(baskets, { minCount: 1, target: anyValue('open') }), error: InvalidOptionError, mentions: ['target', '"open"'] },
  );
}

rejected.push(
  { name: 'mineItemsets: unknown algorithm', call: () => mineItemsets(baskets, { minCount: 1, algorithm: anyValue('eclat') }), error: InvalidOptionError, mentions: ['algorithm', '"eclat"'] },
  // associationRules
  { name: 'associationRules: not FrequentItemsets', call: () => associationRules(anyValue([{ items: ['a'], count: 1 }])), error: InvalidInputError, mentions: ['itemsets', 'transactionCount'] },
  { name: 'associationRules: minConfidence NaN', call: () => associationRules(itemsets(), { minConfidence: Number.NaN }), error: InvalidOptionError, mentions: ['minConfidence', 'NaN'] },
  { name: 'associationRules: minConfidence < 0', call: () => associationRules(itemsets(), { minConfidence: -0.1 }), error: InvalidOptionError, mentions: ['minConfidence'] },
  { name: 'associationRules: minConfidence > 1', call: () => associationRules(itemsets(), { minConfidence: 1.2 }), error: InvalidOptionError, mentions: ['minConfidence', '1.2'] },
  { name: 'associationRules: maxRules 0', call: () => associationRules(itemsets(), { maxRules: 0 }), error: InvalidOptionError, mentions: ['maxRules'] },
  { name: 'associationRules: minLength 0', call: () => associationRules(itemsets(), { minLength: 0 }), error: InvalidOptionError, mentions: ['minLength'] },
  { name: 'associationRules: maxLength 1', call: () => associationRules(itemsets(), { maxLength: 1 }), error: InvalidOptionError, mentions: ['maxLength'] },
  { name: 'associationRules: unknown consequents', call: () => associationRules(itemsets(), { consequents: anyValue('many') }), error: InvalidOptionError, mentions: ['consequents', '"many"'] },
  { name: 'associationRules: filter bound NaN', call: () => associationRules(itemsets(), { filter: { lift: { min: Number.NaN } } }), error: InvalidOptionError, mentions: ['lift', 'NaN'] },
  { name: 'associationRules: filter on an unknown measure', call: () => associationRules(itemsets(), { filter: anyValue({ lfit: { min: 1 } }) }), error: InvalidOptionError, mentions: ['lfit'] },
  { name: 'associationRules: filter bound a number, not { min, max }', call: () => associationRules(itemsets(), { filter: anyValue({ lift: 1.2 }) }), error: InvalidOptionError, mentions: ['lift'] },
  { name: 'associationRules: filter not an object', call: () => associationRules(itemsets(), { filter: anyValue('lift > 1') }), error: InvalidOptionError, mentions: ['filter'] },
  // strongRules
  { name: 'strongRules: 0 transactions', call: () => strongRules(none, { minSupport: 0.5 }), error: InvalidInputError, mentions: ['no transactions'] },
  { name: 'strongRules: minSupport 0', call: () => strongRules(baskets, { minSupport: 0 }), error: InvalidOptionError, mentions: ['minSupport'] },
  { name: 'strongRules: minConfidence > 1', call: () => strongRules(baskets, { minSupport: 0.25, minConfidence: 2 }), error: InvalidOptionError, mentions: ['minConfidence'] },
  // measures
  { name: 'confidence: NaN support', call: () => confidence(Number.NaN, 0.5), error: InvalidInputError, mentions: ['supportXY', 'NaN'] },
  { name: 'confidence: supportX 0', call: () => confidence(0, 0), error: InvalidInputError, mentions: ['supportX'] },
  { name: 'lift: support > 1', call: () => lift(0.2, 0.4, 1.5), error: InvalidInputError, mentions: ['supportY', '1.5'] },
  { name: 'lift: Infinity', call: () => lift(0.2, Infinity, 0.5), error: InvalidInputError, mentions: ['supportX', 'Infinity'] },
  { name: 'zhang: supportXY > supportX', call: () => zhang(0.5, 0.4, 0.6), error: InvalidInputError, mentions: ['supportXY', 'supportX'] },
  { name: 'conviction: a string', call: () => conviction(anyValue('0.2'), 0.4, 0.5), error: InvalidInputError, mentions: ['supportXY'] },
  { name: 'ruleMeasures: negative support', call: () => ruleMeasures(-0.1, 0.4, 0.5), error: InvalidInputError, mentions: ['supportXY', '-0.1'] },
  { name: 'ruleMeasures: supports that cannot coexist', call: () => ruleMeasures(0.1, 0.6, 0.6), error: InvalidInputError, mentions: ['exceeds 1'] },
  { name: 'ruleMeasuresFromCounts: n 0', call: () => ruleMeasuresFromCounts(0, 1, 1, 0), error: InvalidInputError, mentions: ['n:'] },
  { name: 'ruleMeasuresFromCounts: fractional count', call: () => ruleMeasuresFromCounts(1.5, 2, 2, 4), error: InvalidInputError, mentions: ['countXY', '1.5'] },
  { name: 'ruleMeasuresFromCounts: countX > n', call: () => ruleMeasuresFromCounts(1, 5, 2, 4), error: InvalidInputError, mentions: ['countX'] },
  // RuleSet.fromJSON
  { name: 'RuleSet.fromJSON: bad JSON text', call: () => RuleSet.fromJSON('{'), error: InvalidInputError, mentions: ['rule set JSON'] },
  { name: 'RuleSet.fromJSON: a rule without items', call: () => RuleSet.fromJSON({ transactions: 4, rules: [{ consequent: ['a'] }] }), error: InvalidInputError, mentions: ['rules[0].antecedent'] },
  { name: 'RuleSet.fromJSON: NaN confidence', call: () => RuleSet.fromJSON({ transactions: 4, rules: [{ antecedent: ['a'], consequent: ['b'], count: 2, support: 0.5, confidence: 'NaN', lift: 1 }] }), error: InvalidInputError, mentions: ['rules[0].confidence'] },
);

const accepted: Accepted[] = [
  {
    name: 'an empty basket among the transactions',
    why: 'an empty transaction is a real basket with no items: it counts in N (TransactionSet TSDoc), so supports fall',
    call: () => fpGrowth(TransactionSet.fromArrays([['a'], [], ['a']]), { minCount: 1 }),
    check: (r) => {
      const fi = r as FrequentItemsets;
      expect(fi.transactionCount).toBe(3);
      expect(fi.get(0).support).toBeCloseTo(2 / 3, 12);
    },
  },
  {
    name: 'conviction with confidence 1',
    why: 'conviction is +Infinity by definition when the rule never fails (documented on conviction and RuleMeasures)',
    call: () => conviction(0.4, 0.4, 0.5),
    check: (r) => expect(r).toBe(Infinity),
  },
  {
    name: 'minSupport 1',
    why: 'the upper end of (0, 1] is allowed: only itemsets in every transaction',
    call: () => fpGrowth(baskets, { minSupport: 1 }),
    check: (r) => expect((r as FrequentItemsets).length).toBe(0),
  },
];

audit('association: bad input', rejected, accepted);
