/**
 * The checks every frequent-itemset miner must pass, shared by fpgrowth.test.ts and apriori.test.ts:
 * exact reference counts, agreement with the brute-force miner on random data, anti-monotone support,
 * closed/maximal definitions, determinism, the maxItemsets guard, abort and progress, bad input.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbortedError, InvalidInputError, InvalidOptionError, LimitExceededError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import { TransactionSet } from '../../src/data/transactions.js';
import type { FrequentItemsets, ItemsetOptions } from '../../src/association/itemsets.js';
import { bruteForceItemsets, type BruteItemset } from '../helpers/bruteforce.js';
import { dataFile, haveData } from '../helpers/data.js';

export type Miner = (transactions: TransactionSet, options: ItemsetOptions) => FrequentItemsets;

/** Reads a reference basket file: one transaction per line, items split on `separator`, trimmed. */
export function loadBaskets(relative: string, separator: RegExp | string): TransactionSet {
  const text = readFileSync(dataFile(relative), 'utf8');
  const baskets: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    baskets.push(
      line
        .split(separator)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    );
  }
  return TransactionSet.fromArrays(baskets);
}

const cache = new Map<string, TransactionSet>();
function reference(relative: string): TransactionSet {
  let t = cache.get(relative);
  if (!t) {
    t = loadBaskets(relative, relative.endsWith('.csv') ? ',' : /\s+/);
    cache.set(relative, t);
  }
  return t;
}

/** mlxtend's documented five-basket example. */
export const MLXTEND = [
  ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
  ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
  ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
];

/** Plain arrays of a result, for deep equality. */
export function plain(r: FrequentItemsets): BruteItemset[] {
  const out: BruteItemset[] = [];
  for (let i = 0; i < r.length; i++) out.push({ ids: Array.from(r.ids(i)), count: r.counts[i] });
  return out;
}

function isSubset(a: number[], b: number[]): boolean {
  return a.length < b.length && a.every((x) => b.includes(x));
}

/** Closed / maximal itemsets by their definitions, from the brute-force list (quadratic; small data only). */
export function bruteSelect(all: BruteItemset[], target: 'closed' | 'maximal'): BruteItemset[] {
  return all.filter(
    (x) => !all.some((y) => isSubset(x.ids, y.ids) && (target === 'maximal' || y.count === x.count)),
  );
}

/** Random small transaction sets: up to 30 transactions over 12 items. */
export const smallTransactions = fc
  .array(fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 12 }), { minLength: 1, maxLength: 30 })
  .map((rows) => TransactionSet.fromArrays(rows.map((r) => r.map((x) => `item${x}`))));

const smallCase = fc.record({
  tx: smallTransactions,
  minCount: fc.integer({ min: 1, max: 8 }),
  maxLength: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
});

export interface ReferenceCase {
  file: string;
  minSupport: number;
  expected: number;
}

/** The exact reference counts of ../shared/data/README.md. */
export const REFERENCE_CASES: ReferenceCase[] = [
  { file: 'association/mushroom.dat', minSupport: 0.5, expected: 153 },
  { file: 'association/mushroom.dat', minSupport: 0.4, expected: 565 },
  { file: 'association/mushroom.dat', minSupport: 0.3, expected: 2735 },
  { file: 'association/mushroom.dat', minSupport: 0.2, expected: 53583 },
  { file: 'association/retail.dat', minSupport: 0.05, expected: 16 },
  { file: 'association/retail.dat', minSupport: 0.01, expected: 159 },
  { file: 'association/retail.dat', minSupport: 0.005, expected: 580 },
  { file: 'association/retail.dat', minSupport: 0.001, expected: 7589 },
  { file: 'association/groceries.csv', minSupport: 0.001, expected: 13492 },
];

/** Registers the whole suite for one miner. */
export function minerSuite(name: string, mine: Miner): void {
  describe(`${name}: mlxtend example`, () => {
    const tx = TransactionSet.fromArrays(MLXTEND);

    it('finds the 11 itemsets at min support 0.6, with their counts', () => {
      const r = mine(tx, { minSupport: 0.6 });
      expect(r.length).toBe(11);
      const names = (i: number) => r.get(i).items.slice().sort().join('+');
      const byName = new Map(Array.from({ length: r.length }, (_, i) => [names(i), r.counts[i]]));
      // Counts read off the five baskets by hand.
      expect(byName.get('Kidney Beans')).toBe(5);
      expect(byName.get('Eggs')).toBe(4);
      expect(byName.get('Onion')).toBe(3); // the duplicate Onion counts once
      expect(byName.get('Eggs+Kidney Beans')).toBe(4);
      expect(byName.get('Eggs+Kidney Beans+Onion')).toBe(3);
      expect(byName.has('Milk+Yogurt')).toBe(false); // count 2 < 3
      expect(r.transactionCount).toBe(5);
      expect(r.minCount).toBe(3);
    });

    it('applies minLength after mining and maxLength during it', () => {
      const all = plain(mine(tx, { minSupport: 0.6 }));
      expect(plain(mine(tx, { minSupport: 0.6, minLength: 2 }))).toEqual(all.filter((s) => s.ids.length >= 2));
      expect(plain(mine(tx, { minSupport: 0.6, maxLength: 2 }))).toEqual(all.filter((s) => s.ids.length <= 2));
      expect(plain(mine(tx, { minSupport: 0.6, minLength: 3, maxLength: 3 }))).toEqual(all.filter((s) => s.ids.length === 3));
    });

    it('gives an empty result when nothing is frequent', () => {
      const r = mine(TransactionSet.fromArrays([['a'], ['b'], []]), { minCount: 2 });
      expect(r.length).toBe(0);
    });
  });

  describe(`${name}: exact reference counts`, () => {
    for (const c of REFERENCE_CASES) {
      describe.skipIf(!haveData(c.file))(c.file, () => {
        it(`min support ${c.minSupport} gives ${c.expected} itemsets`, () => {
          const tx = reference(c.file);
          const r = mine(tx, { minSupport: c.minSupport });
          expect(r.length).toBe(c.expected);
          // Every count meets the exact threshold, and the canonical order holds.
          for (let i = 0; i < r.length; i++) expect(r.counts[i] / tx.size >= c.minSupport).toBe(true);
          for (let i = 1; i < r.length; i++) {
            const a = r.ids(i - 1);
            const b = r.ids(i);
            let cmp = a.length - b.length;
            for (let k = 0; cmp === 0 && k < a.length; k++) cmp = a[k] - b[k];
            expect(cmp).toBeLessThan(0);
          }
        });
      });
    }
  });

  describe(`${name}: properties on random small data`, () => {
    it('agrees exactly with brute force (ids and counts)', () => {
      fc.assert(
        fc.property(smallCase, ({ tx, minCount, maxLength }) => {
          const expected = bruteForceItemsets(tx, minCount, maxLength);
          expect(plain(mine(tx, { minCount, maxLength }))).toEqual(expected);
        }),
        { numRuns: 200 },
      );
    });

    it('is anti-monotone: every subset of a result is in it with a count at least as high', () => {
      fc.assert(
        fc.property(smallCase, ({ tx, minCount }) => {
          const r = mine(tx, { minCount });
          for (let i = 0; i < r.length; i++) {
            const ids = Array.from(r.ids(i));
            for (let drop = 0; drop < ids.length && ids.length > 1; drop++) {
              const sub = ids.filter((_, k) => k !== drop);
              const c = r.countOf(sub);
              expect(c).toBeDefined();
              expect(c!).toBeGreaterThanOrEqual(r.counts[i]);
            }
          }
        }),
        { numRuns: 100 },
      );
    });

    it('selects closed and maximal itemsets by their definitions (relative to maxLength)', () => {
      fc.assert(
        fc.property(smallCase, ({ tx, minCount, maxLength }) => {
          const all = bruteForceItemsets(tx, minCount, maxLength);
          expect(plain(mine(tx, { minCount, maxLength, target: 'closed' }))).toEqual(bruteSelect(all, 'closed'));
          expect(plain(mine(tx, { minCount, maxLength, target: 'maximal' }))).toEqual(bruteSelect(all, 'maximal'));
          const minLength = Math.min(2, maxLength ?? 2);
          expect(plain(mine(tx, { minCount, maxLength, target: 'closed', minLength }))).toEqual(
            bruteSelect(all, 'closed').filter((s) => s.ids.length >= minLength),
          );
        }),
        { numRuns: 100 },
      );
    });

    it('gives identical output for the same input twice', () => {
      fc.assert(
        fc.property(smallCase, ({ tx, minCount }) => {
          const a = mine(tx, { minCount });
          const b = mine(tx, { minCount });
          expect(Array.from(b.itemIds)).toEqual(Array.from(a.itemIds));
          expect(Array.from(b.offsets)).toEqual(Array.from(a.offsets));
          expect(Array.from(b.counts)).toEqual(Array.from(a.counts));
        }),
        { numRuns: 50 },
      );
    });

    it('does not modify the transactions', () => {
      fc.assert(
        fc.property(smallCase, ({ tx, minCount }) => {
          const items = tx.items.slice();
          const offsets = tx.offsets.slice();
          mine(tx, { minCount });
          expect(tx.items).toEqual(items);
          expect(tx.offsets).toEqual(offsets);
        }),
        { numRuns: 20 },
      );
    });
  });

  describe(`${name}: dense data (long single paths, many itemsets)`, () => {
    it('matches brute force when all 14 items occur together often', () => {
      const rows: string[][] = [];
      const all = Array.from({ length: 14 }, (_, i) => `x${i}`);
      for (let t = 0; t < 12; t++) rows.push(all.filter((_, i) => (t + i) % 7 !== 0 || t < 6));
      const tx = TransactionSet.fromArrays(rows);
      const everything = bruteForceItemsets(tx, 1);
      for (const minCount of [1, 3, 6, 10]) {
        expect(plain(mine(tx, { minCount }))).toEqual(everything.filter((s) => s.count >= minCount));
      }
    });
  });

  describe(`${name}: guards, abort, progress, bad input`, () => {
    const tx = TransactionSet.fromArrays(MLXTEND);

    it('stops with a LimitExceededError naming the count and suggesting a higher support', () => {
      let caught: unknown;
      try {
        mine(tx, { minSupport: 0.2, maxItemsets: 10 });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(LimitExceededError);
      expect((caught as LimitExceededError).limit).toBe('maxItemsets');
      expect((caught as Error).message).toMatch(/more than 10 frequent itemsets/);
      expect((caught as Error).message).toMatch(/raise minSupport/);
    });

    it('does not throw when the result has exactly maxItemsets itemsets', () => {
      expect(mine(tx, { minSupport: 0.6, maxItemsets: 11 }).length).toBe(11);
      expect(() => mine(tx, { minSupport: 0.6, maxItemsets: 10 })).toThrow(LimitExceededError);
    });

    it('stops with an AbortedError when the signal is aborted', () => {
      const controller = new AbortController();
      controller.abort();
      expect(() => mine(tx, { minSupport: 0.6, signal: controller.signal })).toThrow(AbortedError);
    });

    it('stops with an AbortedError when aborted while mining', () => {
      const controller = new AbortController();
      const onProgress = (p: Progress) => {
        if (p.phase === 'mining') controller.abort();
      };
      expect(() => mine(tx, { minSupport: 0.2, signal: controller.signal, onProgress })).toThrow(AbortedError);
    });

    it('reports progress with phase names and done <= total', () => {
      const reports: Progress[] = [];
      mine(tx, { minSupport: 0.4, onProgress: (p) => reports.push(p) });
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.map((p) => p.phase)).toContain('counting items');
      expect(reports.map((p) => p.phase)).toContain('mining');
      for (const p of reports) {
        expect(p.done).toBeGreaterThanOrEqual(0);
        if (p.total !== undefined) expect(p.done).toBeLessThanOrEqual(p.total);
      }
    });

    it('rejects an empty transaction set', () => {
      expect(() => mine(TransactionSet.fromArrays([]), { minSupport: 0.5 })).toThrow(InvalidInputError);
    });

    const bad: [string, ItemsetOptions][] = [
      ['minSupport 0', { minSupport: 0 }],
      ['minSupport 1.5', { minSupport: 1.5 }],
      ['minSupport -0.1', { minSupport: -0.1 }],
      ['minSupport NaN', { minSupport: NaN }],
      ['minCount -1', { minCount: -1 }],
      ['minCount 2.5', { minCount: 2.5 }],
      ['both minSupport and minCount', { minSupport: 0.5, minCount: 2 }],
      ['neither minSupport nor minCount', {}],
    ];
    for (const [what, options] of bad) {
      it(`rejects ${what} with an InvalidOptionError`, () => {
        expect(() => mine(tx, options)).toThrow(InvalidOptionError);
      });
    }
  });
}
