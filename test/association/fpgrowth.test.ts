import { describe, expect, it } from 'vitest';
import { TransactionSet } from '../../src/data/transactions.js';
import { apriori } from '../../src/association/apriori.js';
import { fpGrowth } from '../../src/association/fpgrowth.js';
import { mineItemsets } from '../../src/association/mine.js';
import { InvalidOptionError } from '../../src/core/errors.js';
import { MLXTEND, minerSuite, plain } from './miner-suite.js';

minerSuite('fpGrowth', fpGrowth);

describe('fpGrowth specifics', () => {
  it('is the default of mineItemsets, and mineItemsets dispatches on algorithm', () => {
    const tx = TransactionSet.fromArrays(MLXTEND);
    const fp = plain(fpGrowth(tx, { minSupport: 0.4 }));
    expect(plain(mineItemsets(tx, { minSupport: 0.4 }))).toEqual(fp);
    expect(plain(mineItemsets(tx, { minSupport: 0.4, algorithm: 'apriori' }))).toEqual(fp);
    expect(() => mineItemsets(tx, { minSupport: 0.4, algorithm: 'eclat' as never })).toThrow(InvalidOptionError);
  });

  it('handles a single-path tree with maxLength (combinations capped by length)', () => {
    // Nested transactions form one path a-b-c-d-e with counts 5, 4, 3, 2, 1.
    const rows = [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd', 'e']];
    const tx = TransactionSet.fromArrays(rows);
    const r = fpGrowth(tx, { minCount: 1, maxLength: 2 });
    expect(r.length).toBe(5 + 10);
    expect(r.countOf([tx.itemId('b')!, tx.itemId('e')!])).toBe(1);
    expect(r.countOf([tx.itemId('a')!, tx.itemId('c')!])).toBe(3);
  });

  it('reports mining progress per frequent item, ending at the total', () => {
    const tx = TransactionSet.fromArrays(MLXTEND);
    const mining: { done: number; total?: number }[] = [];
    fpGrowth(tx, { minSupport: 0.2, onProgress: (p) => p.phase === 'mining' && mining.push(p) });
    expect(mining.length).toBeGreaterThan(0);
    const last = mining[mining.length - 1];
    expect(last.done).toBe(last.total);
    for (let i = 1; i < mining.length; i++) expect(mining[i].done).toBeGreaterThan(mining[i - 1].done);
  });

  it('agrees with apriori on transactions with many distinct items (wide first tree)', () => {
    const rows: string[][] = [];
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let t = 0; t < 2000; t++) {
      const row: string[] = [];
      const len = 1 + Math.floor(next() * 12);
      for (let k = 0; k < len; k++) row.push(`p${Math.floor(next() ** 2 * 300)}`);
      rows.push(row);
    }
    const tx = TransactionSet.fromArrays(rows);
    for (const minCount of [2, 5, 20]) {
      expect(plain(fpGrowth(tx, { minCount }))).toEqual(plain(apriori(tx, { minCount })));
    }
  });
});
