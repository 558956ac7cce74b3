import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { closedOrMaximalMask } from '../../src/association/closed.js';
import { canonicalOrder, FlatItemsetIndex } from '../../src/association/flat.js';
import { packItemsets, resolveItemsetOptions, type ItemsetOptions } from '../../src/association/itemsets.js';

function transactionsOfSize(n: number): TransactionSet {
  const baskets: string[][] = [];
  for (let t = 0; t < n; t++) baskets.push(t % 2 === 0 ? ['a', 'b'] : ['b']);
  return TransactionSet.fromArrays(baskets);
}

describe('resolveItemsetOptions', () => {
  const tx = transactionsOfSize(10);

  it('resolves a fraction to the smallest count c with c / N >= minSupport, exactly', () => {
    // 0.001 of 9,835 is 9.835: count 10, not 9 (the classic rounding mistake).
    expect(resolveItemsetOptions(transactionsOfSize(9835), { minSupport: 0.001 }).minCount).toBe(10);
    // Exactly on a count: 0.3 of 10 is 3 (3 / 10 >= 0.3 in floating point).
    expect(resolveItemsetOptions(tx, { minSupport: 0.3 }).minCount).toBe(3);
    expect(resolveItemsetOptions(tx, { minSupport: 1 }).minCount).toBe(10);
    expect(resolveItemsetOptions(tx, { minSupport: 1e-9 }).minCount).toBe(1);
  });

  it('agrees with the definition count / N >= minSupport for random N and support', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (n, s) => {
        const c = resolveItemsetOptions(transactionsOfSize(n), { minSupport: s }).minCount;
        expect(c / n >= s).toBe(true);
        if (c > 1) expect((c - 1) / n >= s).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it('fills in the documented defaults', () => {
    expect(resolveItemsetOptions(tx, { minCount: 2 })).toEqual({
      minCount: 2,
      minLength: 1,
      maxLength: Infinity,
      maxItemsets: 5_000_000,
      target: 'all',
    });
  });

  const bad: [string, ItemsetOptions, string][] = [
    ['minSupport 0', { minSupport: 0 }, 'minSupport'],
    ['minSupport 1.5', { minSupport: 1.5 }, 'minSupport'],
    ['minSupport -0.1', { minSupport: -0.1 }, 'minSupport'],
    ['minSupport NaN', { minSupport: NaN }, 'minSupport'],
    ['minCount -1', { minCount: -1 }, 'minCount'],
    ['minCount 0', { minCount: 0 }, 'minCount'],
    ['minCount 2.5', { minCount: 2.5 }, 'minCount'],
    ['both given', { minSupport: 0.1, minCount: 2 }, 'minSupport/minCount'],
    ['neither given', {}, 'minSupport'],
    ['maxLength 0', { minCount: 1, maxLength: 0 }, 'maxLength'],
    ['maxLength below minLength', { minCount: 1, minLength: 3, maxLength: 2 }, 'maxLength'],
    ['minLength 1.5', { minCount: 1, minLength: 1.5 }, 'minLength'],
    ['maxItemsets 0', { minCount: 1, maxItemsets: 0 }, 'maxItemsets'],
    ['target', { minCount: 1, target: 'frequent' as never }, 'target'],
  ];
  for (const [name, options, option] of bad) {
    it(`rejects ${name} with an InvalidOptionError naming ${option}`, () => {
      let caught: unknown;
      try {
        resolveItemsetOptions(tx, options);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InvalidOptionError);
      expect((caught as InvalidOptionError).option).toBe(option);
      expect((caught as Error).message).toContain(option);
    });
  }

  it('rejects an empty transaction set', () => {
    expect(() => resolveItemsetOptions(TransactionSet.fromArrays([]), { minSupport: 0.5 })).toThrow(InvalidInputError);
  });
});

/** Naive canonical comparator, written independently of src/association/flat.ts. */
function naiveCompare(a: number[], b: number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return 0;
}

const distinctSets = fc
  .uniqueArray(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }), {
    maxLength: 1500,
    selector: (s) => [...s].sort((x, y) => x - y).join(','),
  })
  .map((sets) => sets.map((ids, i) => ({ ids, count: i + 1 })));

describe('packItemsets and canonical order', () => {
  it('orders by length, then ids lexicographically, sorting ids inside each itemset (also above the radix threshold)', () => {
    fc.assert(
      fc.property(distinctSets, (sets) => {
        const names = Array.from({ length: 41 }, (_, i) => `i${i}`);
        const packed = packItemsets(sets, names, 100, 1);
        const expected = sets
          .map((s) => ({ ids: [...s.ids].sort((x, y) => x - y), count: s.count }))
          .sort((a, b) => naiveCompare(a.ids, b.ids));
        expect(packed.length).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) {
          expect(Array.from(packed.ids(i))).toEqual(expected[i].ids);
          expect(packed.counts[i]).toBe(expected[i].count);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('canonicalOrder sorts a large group with the radix sort', () => {
    // 3,000 distinct 3-itemsets over 20 ids, in scrambled order.
    const triples: number[][] = [];
    for (let a = 0; a < 20; a++) for (let b = a + 1; b < 20; b++) for (let c = b + 1; c < 20; c++) triples.push([a, b, c]);
    const scrambled = triples.map((t, i) => ({ t, key: (i * 7919) % triples.length })).sort((x, y) => x.key - y.key);
    const ids = new Int32Array(scrambled.length * 3);
    const offsets = new Int32Array(scrambled.length + 1);
    scrambled.forEach((s, i) => {
      ids.set(s.t, i * 3);
      offsets[i + 1] = (i + 1) * 3;
    });
    const perm = canonicalOrder(ids, offsets, scrambled.length, 20);
    const out = Array.from(perm, (i) => scrambled[i].t);
    expect(out).toEqual(triples);
  });

  it('packs an empty list', () => {
    const packed = packItemsets([], ['a'], 3, 1);
    expect(packed.length).toBe(0);
    expect(packed.offsets.length).toBe(1);
  });
});

describe('FrequentItemsets look-ups', () => {
  const names = ['a', 'b', 'c', 'd'];
  const packed = packItemsets(
    [
      { ids: [2, 0], count: 3 },
      { ids: [0], count: 5 },
      { ids: [2], count: 4 },
      { ids: [3, 2, 0], count: 2 },
    ],
    names,
    10,
    2,
  );

  it('finds itemsets by ids in any order', () => {
    expect(packed.countOf([0, 2])).toBe(3);
    expect(packed.countOf([2, 0])).toBe(3);
    expect(packed.countOf([0, 3, 2])).toBe(2);
    expect(packed.indexOf([0])).toBe(0);
    expect(packed.get(packed.indexOf([0, 2]))).toEqual({ items: ['a', 'c'], count: 3, support: 0.3 });
  });

  it('returns undefined / -1 for itemsets that are not there', () => {
    expect(packed.countOf([1])).toBeUndefined();
    expect(packed.countOf([0, 3])).toBeUndefined();
    expect(packed.countOf([])).toBeUndefined();
    expect(packed.indexOf([0, 2, 3, 1])).toBe(-1);
  });

  it('serialises to the CLI JSON shape', () => {
    const json = packed.toJSON();
    expect(json.transactions).toBe(10);
    expect(json.itemsets.map((s) => s.items.join(' '))).toEqual(['a', 'c', 'a c', 'a c d']);
  });
});

describe('FlatItemsetIndex', () => {
  it('finds every itemset, and every itemset with one position skipped when present', () => {
    const sets = [[1], [2], [1, 2], [1, 2, 5]];
    const ids = Int32Array.from(sets.flat());
    const offsets = Int32Array.from([0, 1, 2, 4, 7]);
    const index = new FlatItemsetIndex(ids, offsets, sets.length);
    sets.forEach((s, i) => expect(index.find(Int32Array.from(s), 0, s.length)).toBe(i));
    expect(index.find(ids, 4, 7, 6)).toBe(2); // {1, 2, 5} without 5
    expect(index.find(ids, 4, 7, 5)).toBe(-1); // {1, 5}
    expect(index.find(ids, 2, 4, 2)).toBe(1); // {1, 2} without 1
  });
});

describe('closedOrMaximalMask', () => {
  it('marks closed and maximal itemsets of a hand-made example', () => {
    // a:4, b:3, c:2, ab:3, ac:2, bc:2, abc:2
    const sets = [
      { ids: [0], count: 4 },
      { ids: [1], count: 3 },
      { ids: [2], count: 2 },
      { ids: [0, 1], count: 3 },
      { ids: [0, 2], count: 2 },
      { ids: [1, 2], count: 2 },
      { ids: [0, 1, 2], count: 2 },
    ];
    const p = packItemsets(sets, ['a', 'b', 'c'], 5, 2);
    const closed = closedOrMaximalMask(p.itemIds, p.offsets, p.counts, p.length, 'closed');
    const maximal = closedOrMaximalMask(p.itemIds, p.offsets, p.counts, p.length, 'maximal');
    const pick = (mask: Uint8Array) =>
      Array.from({ length: p.length }, (_, i) => i)
        .filter((i) => mask[i] === 1)
        .map((i) => p.get(i).items.join(''));
    expect(pick(closed)).toEqual(['a', 'ab', 'abc']);
    expect(pick(maximal)).toEqual(['abc']);
  });
});
