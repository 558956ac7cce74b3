import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TransactionSet } from '../../src/data/transactions.js';
import { apriori } from '../../src/association/apriori.js';
import { fpGrowth } from '../../src/association/fpgrowth.js';
import { LimitExceededError } from '../../src/core/errors.js';
import { MLXTEND, minerSuite, plain, smallTransactions } from './miner-suite.js';

minerSuite('apriori', apriori);

describe('apriori specifics', () => {
  it('gives exactly the output of fpGrowth on random small data, for every target', () => {
    fc.assert(
      fc.property(
        smallTransactions,
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('all' as const, 'closed' as const, 'maximal' as const),
        (tx, minCount, target) => {
          expect(plain(apriori(tx, { minCount, target }))).toEqual(plain(fpGrowth(tx, { minCount, target })));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports one mining report per level, levels increasing', () => {
    const tx = TransactionSet.fromArrays(MLXTEND);
    const levels: number[] = [];
    apriori(tx, { minSupport: 0.6, onProgress: (p) => p.phase === 'mining' && levels.push(p.done) });
    // Frequent itemsets at 0.6 have at most 3 items.
    expect(levels).toEqual([1, 2, 3]);
  });

  it('applies the memory guard to the itemsets of a level as soon as the count is passed', () => {
    // 50 items in each of 3 transactions: 50 frequent items and 1,225 frequent pairs.
    const row = Array.from({ length: 50 }, (_, i) => `i${i}`);
    const tx = TransactionSet.fromArrays([row, row, row]);
    expect(() => apriori(tx, { minCount: 2, maxLength: 2, maxItemsets: 1274 })).toThrow(/more than 1274 frequent itemsets/);
    expect(apriori(tx, { minCount: 2, maxLength: 2, maxItemsets: 1275 }).length).toBe(50 + 1225);
  });

  it('applies the memory guard to the candidates of one level (documented difference from fpGrowth)', () => {
    // Every pair of 10 items occurs in 3 transactions and every triple in 1 (the last one): 55 frequent
    // itemsets at count 2, but all 120 triples are candidates (each of their pairs is frequent).
    const items = Array.from({ length: 10 }, (_, i) => `i${i}`);
    const rows: string[][] = [];
    for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) rows.push([items[a], items[b]], [items[a], items[b]]);
    rows.push(items);
    const tx = TransactionSet.fromArrays(rows);
    expect(fpGrowth(tx, { minCount: 2, maxItemsets: 100 }).length).toBe(55);
    expect(apriori(tx, { minCount: 2, maxItemsets: 120 }).length).toBe(55);
    let caught: unknown;
    try {
      apriori(tx, { minCount: 2, maxItemsets: 100 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LimitExceededError);
    expect((caught as Error).message).toMatch(/more than 100 candidate 3-itemsets/);
    expect((caught as Error).message).toMatch(/raise minSupport/);
  });
});
