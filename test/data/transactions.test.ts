import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInputError } from '../../src/core/errors.js';
import { TransactionBuilder, TransactionSet } from '../../src/data/transactions.js';

/** Sorted copies of each basket's distinct items, for comparing as sets. */
function asSets(baskets: readonly (readonly string[])[]): string[][] {
  return baskets.map((b) => [...new Set(b)].sort());
}

describe('TransactionSet.fromArrays', () => {
  const baskets = [
    ['bread', 'milk'],
    ['milk', 'eggs', 'bread', 'milk'],
    [],
    ['eggs'],
  ];
  const set = TransactionSet.fromArrays(baskets);

  it('assigns ids in order of first appearance', () => {
    expect(set.itemNames).toEqual(['bread', 'milk', 'eggs']);
    expect(set.itemId('bread')).toBe(0);
    expect(set.itemId('eggs')).toBe(2);
    expect(set.itemId('butter')).toBeUndefined();
  });

  it('keeps empty transactions and counts them in size', () => {
    expect(set.size).toBe(4);
    expect(set.itemCount).toBe(3);
    expect(set.transaction(2)).toEqual([]);
  });

  it('stores each transaction sorted by id without duplicates (CSR)', () => {
    expect(Array.from(set.offsets)).toEqual([0, 2, 5, 5, 6]);
    expect(Array.from(set.transactionIds(1))).toEqual([0, 1, 2]);
    expect(set.transaction(1)).toEqual(['bread', 'milk', 'eggs']);
    expect(set.toArrays()).toEqual([['bread', 'milk'], ['bread', 'milk', 'eggs'], [], ['eggs']]);
  });

  it('counts the transactions that contain each item', () => {
    expect(Array.from(set.itemCounts())).toEqual([2, 2, 2]);
  });

  it('keeps transaction ids when given', () => {
    const withIds = TransactionSet.fromArrays([['a'], ['b']], ['o1', 'o2']);
    expect(withIds.ids).toEqual(['o1', 'o2']);
    expect(() => TransactionSet.fromArrays([['a'], ['b']], ['o1'])).toThrow(/ids has 1 entries, expected 2/);
  });

  it('rejects empty and non-string items, naming the transaction', () => {
    expect(() => TransactionSet.fromArrays([['a'], ['b', '']])).toThrow(InvalidInputError);
    expect(() => TransactionSet.fromArrays([['a'], ['b', '']])).toThrow(/transaction 1: .*empty string/);
    expect(() => TransactionSet.fromArrays([['a', 3 as unknown as string]])).toThrow(/transaction 0: .*number/);
  });

  it('rejects a string where an array of items is expected (a string would be split into characters)', () => {
    expect(() => TransactionSet.fromArrays(['milk', 'bread'] as unknown as string[][])).toThrow(
      /transaction 0: expected an array of item names, got the string "milk"/,
    );
  });

  it('de-duplicates items per transaction: the mlxtend example has 5 distinct items in its last basket', () => {
    const mlxtend = TransactionSet.fromArrays([
      ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
      ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
      ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
      ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
      ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
    ]);
    expect(mlxtend.size).toBe(5);
    expect(mlxtend.transactionIds(4).length).toBe(5);
    expect(mlxtend.itemCounts()[mlxtend.itemId('Onion')!]).toBe(3);
    expect(mlxtend.itemCount).toBe(11);
  });

  it('round-trips random baskets as sets, with counts equal to a direct count (property)', () => {
    const item = fc.constantFrom<string>('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 40 }), { minLength: 1, maxLength: 30 }), (baskets) => {
        const s = TransactionSet.fromArrays(baskets);
        expect(s.toArrays().map((t) => [...t].sort())).toEqual(asSets(baskets));
        const counts = s.itemCounts();
        for (const name of s.itemNames) {
          const direct = baskets.filter((b) => b.includes(name)).length;
          expect(counts[s.itemId(name)!]).toBe(direct);
        }
        for (let t = 0; t < s.size; t++) {
          const ids = s.transactionIds(t);
          for (let k = 1; k < ids.length; k++) expect(ids[k]).toBeGreaterThan(ids[k - 1]);
        }
      }),
    );
  });
});

describe('TransactionSet constructor checks its structure', () => {
  const names = ['a', 'b', 'c'];
  it('accepts consistent arrays', () => {
    const s = new TransactionSet(Int32Array.from([0, 2, 1]), Int32Array.from([0, 2, 3]), names);
    expect(s.toArrays()).toEqual([['a', 'c'], ['b']]);
  });
  it('rejects offsets that do not start at 0 or end at items.length', () => {
    expect(() => new TransactionSet(Int32Array.from([0]), Int32Array.from([1, 1]), names)).toThrow(InvalidInputError);
    expect(() => new TransactionSet(Int32Array.from([0, 1]), Int32Array.from([0, 1]), names)).toThrow(/end at items.length/);
  });
  it('rejects decreasing offsets', () => {
    expect(() => new TransactionSet(Int32Array.from([0, 1, 2]), Int32Array.from([0, 2, 1, 3]), names)).toThrow(
      /offsets decrease at transaction 1/,
    );
  });
  it('rejects ids out of range, unsorted or repeated within a transaction', () => {
    expect(() => new TransactionSet(Int32Array.from([0, 3]), Int32Array.from([0, 2]), names)).toThrow(/item id 3 out of range/);
    expect(() => new TransactionSet(Int32Array.from([1, 0]), Int32Array.from([0, 2]), names)).toThrow(/sorted ascending/);
    expect(() => new TransactionSet(Int32Array.from([1, 1]), Int32Array.from([0, 2]), names)).toThrow(/sorted ascending and distinct/);
  });
  it('rejects repeated item names (two ids for one item would split its support)', () => {
    expect(() => new TransactionSet(Int32Array.from([0, 1]), Int32Array.from([0, 2]), ['a', 'a'])).toThrow(
      /"a" names both item 0 and item 1/,
    );
  });
});

describe('TransactionBuilder', () => {
  it('de-duplicates and sorts ids, including long transactions', () => {
    const b = new TransactionBuilder();
    const names = Array.from({ length: 100 }, (_, i) => `i${i}`);
    for (const n of names) b.idOf(n);
    const long = Array.from({ length: 300 }, (_, k) => (k * 37) % 100); // every id three times, shuffled
    b.addIds(long);
    b.addIds([5, 3, 5, 3, 4]);
    b.addIds([]);
    const s = b.build();
    expect(Array.from(s.transactionIds(0))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(s.transactionIds(1))).toEqual([3, 4, 5]);
    expect(s.transactionIds(2).length).toBe(0);
    expect(s.size).toBe(3);
  });

  it('grows past its initial capacity without losing items', () => {
    const b = new TransactionBuilder();
    for (let t = 0; t < 500; t++) b.add([`x${t % 7}`, `y${t % 11}`, `z${t}`]);
    const s = b.build();
    expect(s.size).toBe(500);
    expect(s.items.length).toBe(1500);
    expect(s.transaction(499).sort()).toEqual(['x2', 'y4', 'z499'].sort());
  });

  it('rejects ids that idOf did not assign, naming the transaction', () => {
    const b = new TransactionBuilder();
    b.add(['a', 'b']);
    expect(() => b.addIds([0, 2])).toThrow(InvalidInputError);
    expect(() => b.addIds([0, 2])).toThrow(/transaction 1: item id 2/);
    expect(() => b.addIds([-1])).toThrow(/item id -1/);
    expect(() => b.addIds([0.5])).toThrow(/item id 0.5/);
    // the failed calls added nothing
    expect(b.size).toBe(1);
    expect(b.build().toArrays()).toEqual([['a', 'b']]);
  });

  it('builds independent sets when build is called twice', () => {
    const b = new TransactionBuilder();
    b.add(['a']);
    const first = b.build();
    b.add(['b']);
    const second = b.build();
    expect(first.size).toBe(1);
    expect(first.itemNames).toEqual(['a']);
    expect(second.toArrays()).toEqual([['a'], ['b']]);
  });
});
