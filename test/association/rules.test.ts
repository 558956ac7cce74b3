import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortedError,
  FileError,
  InvalidInputError,
  InvalidOptionError,
  LimitExceededError,
} from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import { writeFileAtomic } from '../../src/data/files.js';
import { readTransactions } from '../../src/data/readers.js';
import { TransactionSet } from '../../src/data/transactions.js';
import { FrequentItemsets, packItemsets, resolveItemsetOptions } from '../../src/association/itemsets.js';
import {
  RULE_MEASURES,
  RuleSet,
  associationRules,
  formatRule,
  strongRules,
  type AssociationRule,
  type RuleMeasure,
} from '../../src/association/rules.js';
import { bruteForceItemsets } from '../helpers/bruteforce.js';
import { dataFile, haveData } from '../helpers/data.js';

const DIGITS = 12;

/** Frequent itemsets by the brute-force reference miner (independent of fpGrowth/apriori). */
function bruteItemsets(tx: TransactionSet, threshold: { minSupport?: number; minCount?: number }): FrequentItemsets {
  const { minCount } = resolveItemsetOptions(tx, threshold);
  return packItemsets(bruteForceItemsets(tx, minCount), tx.itemNames, tx.size, minCount);
}

/** The number of baskets containing every named item, by scanning them. */
function scanCount(baskets: readonly ReadonlySet<string>[], items: readonly string[]): number {
  let c = 0;
  for (const basket of baskets) if (items.every((i) => basket.has(i))) c++;
  return c;
}

const key = (r: Pick<AssociationRule, 'antecedent' | 'consequent'>): string => `${r.antecedent.join('|')}=>${r.consequent.join('|')}`;

function findRule(rules: RuleSet, antecedent: string[], consequent: string[]): AssociationRule {
  const r = rules.rules.find((x) => key(x) === key({ antecedent, consequent }));
  if (!r) throw new Error(`rule ${formatRule({ antecedent, consequent })} not found`);
  return r;
}

// mlxtend's documented example (note the duplicate Onion in the last basket: it counts once).
const MLXTEND = TransactionSet.fromArrays([
  ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
  ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
  ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
]);

describe('associationRules on mlxtend\'s documented example', () => {
  const itemsets = bruteItemsets(MLXTEND, { minSupport: 0.6 });

  it('starts from 11 frequent itemsets', () => {
    expect(itemsets.length).toBe(11);
  });

  it('gives {Eggs} => {Onion} with every measure as mlxtend', () => {
    const rules = associationRules(itemsets, { minConfidence: 0.7 });
    const r = findRule(rules, ['Eggs'], ['Onion']);
    expect(r.count).toBe(3);
    expect(r.support).toBeCloseTo(0.6, DIGITS);
    expect(r.antecedentSupport).toBeCloseTo(0.8, DIGITS);
    expect(r.consequentSupport).toBeCloseTo(0.6, DIGITS);
    expect(r.confidence).toBeCloseTo(0.75, DIGITS);
    expect(r.lift).toBeCloseTo(1.25, DIGITS);
    expect(r.leverage).toBeCloseTo(0.12, DIGITS);
    expect(r.conviction).toBeCloseTo(1.6, DIGITS);
    expect(r.zhang).toBeCloseTo(1.0, DIGITS);
    expect(r.jaccard).toBeCloseTo(0.75, DIGITS);
    expect(r.certainty).toBeCloseTo(0.375, DIGITS);
    expect(r.kulczynski).toBeCloseTo(0.875, DIGITS);
  });

  it('gives {Onion} => {Eggs} with confidence 1, conviction +Infinity, Zhang 0.5', () => {
    const r = findRule(associationRules(itemsets, { minConfidence: 0.7 }), ['Onion'], ['Eggs']);
    expect(r.confidence).toBe(1);
    expect(r.conviction).toBe(Infinity);
    expect(r.zhang).toBeCloseTo(0.5, DIGITS);
  });

  it('with min confidence 0.7 and any-size consequents, lift >= 1.2 leaves exactly 6 rules', () => {
    const rules = associationRules(itemsets, { minConfidence: 0.7, consequents: 'any', filter: { lift: { min: 1.2 } } });
    expect(rules.length).toBe(6);
    // The same through RuleSet.filter, and through a predicate.
    const all = associationRules(itemsets, { minConfidence: 0.7, consequents: 'any' });
    expect(all.filter({ lift: { min: 1.2 } }).length).toBe(6);
    expect(all.filter((r) => r.lift >= 1.2).rules).toEqual(rules.rules);
    // Only 4 of them have a single-item consequent.
    expect(associationRules(itemsets, { minConfidence: 0.7, filter: { lift: { min: 1.2 } } }).length).toBe(4);
  });

  it('keeps items in id order (first appearance) and never makes an empty side', () => {
    const rules = associationRules(itemsets, { minConfidence: 0, consequents: 'any' });
    const order = MLXTEND.itemNames;
    for (const r of rules) {
      expect(r.antecedent.length).toBeGreaterThan(0);
      expect(r.consequent.length).toBeGreaterThan(0);
      for (const side of [r.antecedent, r.consequent]) {
        const ids = side.map((n) => order.indexOf(n));
        expect(ids).toEqual([...ids].sort((a, b) => a - b));
      }
    }
    // {Onion, Kidney Beans, Eggs} has 2^3 - 2 = 6 rules, the 5 pairs 2 each: 16 in all at confidence 0.
    expect(rules.length).toBe(16);
    expect(findRule(rules, ['Eggs'], ['Onion', 'Kidney Beans']).confidence).toBeCloseTo(0.75, DIGITS);
  });

  it('formats rules as {a, b} => {c}', () => {
    const rules = associationRules(itemsets, { minConfidence: 0.7, consequents: 'any' });
    const r = findRule(rules, ['Onion', 'Kidney Beans'], ['Eggs']);
    expect(rules.format(r)).toBe('{Onion, Kidney Beans} => {Eggs}');
    expect(formatRule(r)).toBe('{Onion, Kidney Beans} => {Eggs}');
    const text = rules.sortBy('lift').top(1).toString();
    expect(text).toMatch(/^\{.*\} => \{.*\} {2}count 3, support 0\.6, confidence (0\.75|1), lift 1\.25\n$/);
    expect(new RuleSet([], 5).toString()).toBe('');
  });
});

describe('rule order and options', () => {
  const itemsets = bruteItemsets(MLXTEND, { minSupport: 0.6 });

  it('orders rules by itemset (canonical order), then consequent length, then consequent ids', () => {
    const rules = associationRules(itemsets, { minConfidence: 0, consequents: 'any' });
    const id = (n: string): number => MLXTEND.itemNames.indexOf(n);
    const sortKey = (r: AssociationRule): number[] => {
      const all = [...r.antecedent, ...r.consequent].map(id).sort((a, b) => a - b);
      return [all.length, ...all, r.consequent.length, ...r.consequent.map(id)];
    };
    const keys = rules.rules.map(sortKey);
    for (let i = 1; i < keys.length; i++) {
      const a = keys[i - 1];
      const b = keys[i];
      let cmp = 0;
      for (let k = 0; k < Math.min(a.length, b.length) && cmp === 0; k++) cmp = a[k] - b[k];
      expect(cmp).toBeLessThan(0);
    }
    // Deterministic: the same input gives the same rules in the same order.
    expect(associationRules(itemsets, { minConfidence: 0, consequents: 'any' }).rules).toEqual(rules.rules);
  });

  it('rejects minConfidence outside [0, 1] and other bad options with InvalidOptionError', () => {
    for (const minConfidence of [-0.1, 1.5, NaN]) {
      expect(() => associationRules(itemsets, { minConfidence })).toThrow(InvalidOptionError);
    }
    expect(() => associationRules(itemsets, { minConfidence: 2 })).toThrow(/minConfidence/);
    expect(() => associationRules(itemsets, { consequents: 'many' as 'any' })).toThrow(/consequents/);
    expect(() => associationRules(itemsets, { filter: { lifts: { min: 1 } } as never })).toThrow(/filter\.lifts/);
    expect(() => associationRules(itemsets, { filter: { lift: { min: 'x' as unknown as number } } })).toThrow(InvalidOptionError);
    expect(() => associationRules(itemsets, { filter: { lift: { min: 2, max: 1 } } })).toThrow(/min \(2\) is greater than max/);
    expect(() => associationRules(itemsets, { maxRules: 0 })).toThrow(/maxRules/);
    expect(() => associationRules(itemsets, { minLength: 3, maxLength: 2 })).toThrow(/maxLength/);
  });

  it('uses 0.8 as the default minimum confidence', () => {
    const dflt = associationRules(itemsets);
    expect(dflt.rules).toEqual(associationRules(itemsets, { minConfidence: 0.8 }).rules);
    expect(dflt.rules.every((r) => r.confidence >= 0.8)).toBe(true);
    expect(associationRules(itemsets, { minConfidence: 0.7 }).length).toBeGreaterThan(dflt.length);
  });

  it('keeps the bounds of every measure inclusive, Infinity included', () => {
    const all = associationRules(itemsets, { minConfidence: 0, consequents: 'any' });
    const finite = all.filter({ conviction: { max: 1e300 } });
    const infinite = all.filter({ conviction: { min: Infinity } });
    expect(finite.length + infinite.length).toBe(all.length);
    expect(infinite.length).toBeGreaterThan(0);
    expect(infinite.rules.every((r) => r.confidence === 1)).toBe(true);
    const exact = all.filter({ lift: { min: 1.25, max: 1.25 } });
    expect(exact.length).toBeGreaterThan(0);
    expect(exact.rules.every((r) => r.lift === 1.25)).toBe(true);
  });

  it('limits the rule length with minLength/maxLength', () => {
    const long = associationRules(itemsets, { minConfidence: 0, consequents: 'any', minLength: 3 });
    expect(long.length).toBe(6);
    expect(long.rules.every((r) => r.antecedent.length + r.consequent.length === 3)).toBe(true);
    const short = associationRules(itemsets, { minConfidence: 0, consequents: 'any', maxLength: 2 });
    expect(short.length).toBe(10);
  });

  it('stops with LimitExceededError naming maxRules', () => {
    let caught: unknown;
    try {
      associationRules(itemsets, { minConfidence: 0, consequents: 'any', maxRules: 5 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LimitExceededError);
    expect((caught as LimitExceededError).limit).toBe('maxRules');
    expect((caught as Error).message).toMatch(/more than 5 rules \(maxRules\)/);
    // Exactly at the limit is fine.
    expect(associationRules(itemsets, { minConfidence: 0, consequents: 'any', maxRules: 16 }).length).toBe(16);
  });

  it('reports progress up to the total and honours an aborted signal', () => {
    const reports: Progress[] = [];
    associationRules(itemsets, { onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThan(0);
    const last = reports[reports.length - 1];
    expect(last).toEqual({ phase: 'generating rules', done: itemsets.length, total: itemsets.length });
    const controller = new AbortController();
    controller.abort();
    expect(() => associationRules(itemsets, { signal: controller.signal })).toThrow(AbortedError);
  });

  it('rejects itemsets that lack a subset (closed/maximal itemsets, or minLength > 1)', () => {
    const full = bruteForceItemsets(MLXTEND, 3);
    const noSingletons = packItemsets(
      full.filter((s) => s.ids.length > 1),
      MLXTEND.itemNames,
      MLXTEND.size,
      3,
    );
    expect(() => associationRules(noSingletons)).toThrow(InvalidInputError);
    expect(() => associationRules(noSingletons)).toThrow(/is missing: association rules need every frequent itemset/);
  });

  it('works on itemsets that are not in canonical order (hash lookup)', () => {
    const full = bruteForceItemsets(MLXTEND, 3);
    const reversed = full.slice().reverse();
    const ids = new Int32Array(reversed.flatMap((s) => s.ids));
    const offsets = new Int32Array(reversed.length + 1);
    reversed.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.ids.length));
    const odd = new FrequentItemsets(ids, offsets, Int32Array.from(reversed.map((s) => s.count)), MLXTEND.itemNames, 5, 3);
    const a = associationRules(odd, { minConfidence: 0, consequents: 'any' }).rules.map(key).sort();
    const b = associationRules(itemsets, { minConfidence: 0, consequents: 'any' }).rules.map(key).sort();
    expect(a).toEqual(b);
  });
});

describe('RuleSet', () => {
  const itemsets = bruteItemsets(MLXTEND, { minSupport: 0.6 });
  const rules = associationRules(itemsets, { minConfidence: 0.5, consequents: 'any' });

  it('has length, iteration, get, top and is immutable', () => {
    expect(rules.length).toBe(rules.rules.length);
    expect([...rules]).toEqual(rules.rules);
    expect(rules.get(0)).toBe(rules.rules[0]);
    expect(rules.get(rules.length)).toBeUndefined();
    expect(rules.top(3).rules).toEqual(rules.rules.slice(0, 3));
    expect(rules.top(1000).length).toBe(rules.length);
    expect(rules.top(0).length).toBe(0);
    expect(() => rules.top(-1)).toThrow(InvalidOptionError);
    expect(Object.isFrozen(rules.rules)).toBe(true);
    expect(Object.isFrozen(rules.rules[0])).toBe(true);
    expect(Object.isFrozen(rules.rules[0].antecedent)).toBe(true);
    expect(rules.transactionCount).toBe(5);
    expect(rules.itemsetCount).toBe(11);
  });

  it('sorts by any measure, descending by default, Infinity above everything', () => {
    const byConviction = rules.sortBy('conviction');
    const values = byConviction.rules.map((r) => r.conviction);
    expect(values[0]).toBe(Infinity);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
    const asc = rules.sortBy('support', 'asc').rules.map((r) => r.support);
    for (let i = 1; i < asc.length; i++) expect(asc[i]).toBeGreaterThanOrEqual(asc[i - 1]);
    expect(rules.sortBy('lift').length).toBe(rules.length);
    expect(() => rules.sortBy('height' as RuleMeasure)).toThrow(InvalidOptionError);
    expect(() => rules.sortBy('lift', 'up' as 'asc')).toThrow(InvalidOptionError);
    // The original is untouched.
    expect(rules.rules).toEqual(associationRules(itemsets, { minConfidence: 0.5, consequents: 'any' }).rules);
  });

  it('writes CSV with a header of every measure, quoted items and Infinity', () => {
    const csv = rules.toCSV();
    const lines = csv.split('\n');
    expect(lines[0]).toBe(['antecedent', 'consequent', ...RULE_MEASURES].join(','));
    expect(lines[lines.length - 1]).toBe('');
    expect(lines.length).toBe(rules.length + 2);
    const onionEggs = lines.find((l) => l.startsWith('Onion,Eggs,'));
    expect(onionEggs).toBeDefined();
    expect(onionEggs!.split(',')[2 + RULE_MEASURES.indexOf('conviction')]).toBe('Infinity');
    expect(csv).toContain('"Onion, Kidney Beans",Eggs,');

    const tricky = new RuleSet(
      [{ ...rules.rules[0], antecedent: ['say "hi"', 'a,b'], consequent: [' padded'] }],
      5,
    );
    const row = tricky.toCSV({ itemSeparator: ';', lineEnding: '\r\n' }).split('\r\n')[1];
    expect(row.startsWith('"say ""hi"";a,b"," padded",')).toBe(true);
    // Parses back to the right number of fields with an RFC 4180 reader.
    expect(parseCsvLine(row)).toHaveLength(2 + RULE_MEASURES.length);
    expect(parseCsvLine(row).slice(0, 2)).toEqual(['say "hi";a,b', ' padded']);
  });

  it('writes the CLI JSON shape with "Infinity" and reads it back exactly', () => {
    const json = rules.toJSON();
    expect(json.transactions).toBe(5);
    expect(json.itemsets).toBe(11);
    expect(json.rules).toHaveLength(rules.length);
    const r0 = json.rules[0];
    for (const field of ['antecedent', 'consequent', 'count', 'support', 'confidence', 'lift', 'leverage', 'conviction', 'zhang', 'jaccard', 'certainty', 'kulczynski']) {
      expect(r0).toHaveProperty(field);
    }
    const text = JSON.stringify(rules);
    expect(text).toContain('"conviction":"Infinity"');
    expect(text).not.toContain('null');
    const back = RuleSet.fromJSON(JSON.parse(text));
    expect(back.rules).toEqual(rules.rules);
    expect(back.transactionCount).toBe(rules.transactionCount);
    expect(back.itemsetCount).toBe(rules.itemsetCount);
    expect(back.rules.some((r) => r.conviction === Infinity)).toBe(true);
    expect(RuleSet.fromJSON(text).rules).toEqual(rules.rules);
  });

  it('round-trips an empty rule set and checks the constructor\'s arguments', () => {
    const empty = RuleSet.fromJSON(JSON.stringify(new RuleSet()));
    expect(empty.length).toBe(0);
    expect(empty.toCSV()).toBe(['antecedent', 'consequent', ...RULE_MEASURES].join(',') + '\n');
    expect(() => new RuleSet([], -1)).toThrow(InvalidInputError);
    expect(() => new RuleSet({} as never, 5)).toThrow(InvalidInputError);
  });

  it('reads JSON without the antecedent/consequent supports by deriving them', () => {
    const json = rules.toJSON();
    for (const r of json.rules) {
      delete r.antecedentSupport;
      delete r.consequentSupport;
    }
    const back = RuleSet.fromJSON(json);
    back.rules.forEach((r, i) => {
      expect(r.antecedentSupport).toBeCloseTo(rules.rules[i].antecedentSupport, DIGITS);
      expect(r.consequentSupport).toBeCloseTo(rules.rules[i].consequentSupport, DIGITS);
    });
  });

  it('rejects bad JSON with an error naming the rule and field', () => {
    const good = rules.toJSON();
    const bad = (mutate: (j: ReturnType<RuleSet['toJSON']>) => void): unknown => {
      const j = JSON.parse(JSON.stringify(good)) as ReturnType<RuleSet['toJSON']>;
      mutate(j);
      return j;
    };
    expect(() => RuleSet.fromJSON('{nope')).toThrow(InvalidInputError);
    expect(() => RuleSet.fromJSON([])).toThrow(InvalidInputError);
    expect(() => RuleSet.fromJSON(bad((j) => (j.transactions = -1)))).toThrow(/transactions/);
    expect(() => RuleSet.fromJSON(bad((j) => (j.transactions = 1.5)))).toThrow(/transactions/);
    expect(() => RuleSet.fromJSON(bad((j) => ((j.rules[2] as unknown as Record<string, unknown>).lift = 'big')))).toThrow(
      /rules\[2\]\.lift: expected a finite number/,
    );
    expect(() => RuleSet.fromJSON(bad((j) => ((j.rules[1] as unknown as Record<string, unknown>).zhang = 'Infinity')))).toThrow(
      /rules\[1\]\.zhang/,
    );
    expect(() => RuleSet.fromJSON(bad((j) => (j.rules[0].antecedent = [])))).toThrow(/rules\[0\]\.antecedent/);
    expect(() => RuleSet.fromJSON(bad((j) => delete (j.rules[0] as Partial<(typeof j.rules)[0]>).confidence))).toThrow(
      /rules\[0\]\.confidence: missing/,
    );
    expect(() => RuleSet.fromJSON(bad((j) => (j.rules[0].count = 2.5)))).toThrow(/rules\[0\]\.count/);
  });
});

/** A minimal RFC 4180 line parser for the test (no embedded line breaks). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let s = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          s += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else s += line[i++];
      }
      out.push(s);
      i++; // the comma
    } else {
      const j = line.indexOf(',', i);
      const end = j < 0 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

describe('writing rules to files (all or nothing)', () => {
  const rules = associationRules(bruteItemsets(MLXTEND, { minSupport: 0.6 }), { minConfidence: 0.7, consequents: 'any' });

  it('writes CSV and JSON that read back, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-rules-'));
    await rules.writeCSV(join(dir, 'rules.csv'));
    await rules.writeJSON(join(dir, 'rules.json'));
    expect(await readFile(join(dir, 'rules.csv'), 'utf8')).toBe(rules.toCSV());
    expect(RuleSet.fromJSON(await readFile(join(dir, 'rules.json'), 'utf8')).rules).toEqual(rules.rules);
    expect((await readdir(dir)).sort()).toEqual(['rules.csv', 'rules.json']);
  });

  it('replaces an existing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-rules-'));
    const path = join(dir, 'out.txt');
    await writeFile(path, 'old content');
    await writeFileAtomic(path, 'new content');
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('fails with FileError naming the path when the folder is missing or the path is a directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crm-rules-'));
    const missing = join(dir, 'no-such-folder', 'rules.csv');
    await expect(rules.writeCSV(missing)).rejects.toBeInstanceOf(FileError);
    await expect(rules.writeCSV(missing)).rejects.toThrow(/no-such-folder.*folder does not exist/);
    const sub = join(dir, 'sub');
    await mkdir(sub);
    await writeFile(join(sub, 'keep'), 'x');
    await expect(writeFileAtomic(sub, 'text')).rejects.toBeInstanceOf(FileError);
    // Nothing half-written is left behind, and the directory is untouched.
    expect((await readdir(dir)).sort()).toEqual(['sub']);
    expect(await readdir(sub)).toEqual(['keep']);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties on random small transaction sets.

const ALPHABET = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
const randomTransactions = fc.array(fc.subarray(ALPHABET, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 14 });

describe('properties (fast-check, against a direct scan)', () => {
  it('confidence and supports match a scan; every rule meets minConfidence; single ⊆ any; any = all splits', () => {
    fc.assert(
      fc.property(
        randomTransactions,
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(0, 0.3, 0.5, 0.6, 2 / 3, 0.75, 0.8, 1),
        (baskets, minCount, minConfidence) => {
          const tx = TransactionSet.fromArrays(baskets);
          const sets = baskets.map((b) => new Set(b));
          const n = tx.size;
          const itemsets = bruteItemsets(tx, { minCount });
          const single = associationRules(itemsets, { minConfidence });
          const any = associationRules(itemsets, { minConfidence, consequents: 'any' });
          const anyKeys = new Set(any.rules.map(key));
          const problems: string[] = [];
          const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12;
          for (const r of any) {
            const cXY = scanCount(sets, [...r.antecedent, ...r.consequent]);
            const cX = scanCount(sets, r.antecedent);
            const cY = scanCount(sets, r.consequent);
            const where = formatRule(r);
            if (r.count !== cXY) problems.push(`${where}: count ${r.count}, scanned ${cXY}`);
            if (r.count < minCount) problems.push(`${where}: count below minCount`);
            if (!close(r.support, cXY / n)) problems.push(`${where}: support`);
            if (!close(r.antecedentSupport, cX / n)) problems.push(`${where}: antecedentSupport`);
            if (!close(r.consequentSupport, cY / n)) problems.push(`${where}: consequentSupport`);
            if (!close(r.confidence, cXY / n / (cX / n))) problems.push(`${where}: confidence ${r.confidence}`);
            if (!(r.confidence >= minConfidence)) problems.push(`${where}: confidence below ${minConfidence}`);
            if (r.antecedent.length === 0 || r.consequent.length === 0) problems.push(`${where}: empty side`);
            if (r.antecedent.some((i) => r.consequent.includes(i))) problems.push(`${where}: sides overlap`);
          }
          for (const r of single) {
            if (r.consequent.length !== 1) problems.push(`${formatRule(r)}: single rule with ${r.consequent.length} consequents`);
            if (!anyKeys.has(key(r))) problems.push(`${formatRule(r)}: single rule missing from 'any'`);
          }
          expect(problems).toEqual([]);
          expect(single.rules).toEqual(any.rules.filter((r) => r.consequent.length === 1));
          // Completeness of the level-wise (pruned) generation: every split of every frequent itemset
          // whose confidence, scanned directly, meets the minimum.
          const expected = new Set<string>();
          for (const set of itemsets) {
            const k = set.items.length;
            if (k < 2) continue;
            for (let mask = 1; mask < (1 << k) - 1; mask++) {
              const consequent = set.items.filter((_, b) => mask & (1 << b));
              const antecedent = set.items.filter((_, b) => !(mask & (1 << b)));
              if (set.count / scanCount(sets, antecedent) >= minConfidence) expected.add(key({ antecedent, consequent }));
            }
          }
          expect([...anyKeys].sort()).toEqual([...expected].sort());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sorting is stable and total for every measure and order', () => {
    fc.assert(
      fc.property(
        randomTransactions,
        fc.constantFrom(...RULE_MEASURES),
        fc.constantFrom<'asc' | 'desc'>('asc', 'desc'),
        (baskets, measure, order) => {
          const tx = TransactionSet.fromArrays(baskets);
          const rules = associationRules(bruteItemsets(tx, { minCount: 1 }), { minConfidence: 0, consequents: 'any' });
          const position = new Map(rules.rules.map((r, i) => [r, i] as const));
          const sorted = rules.sortBy(measure, order).rules;
          expect(sorted).toHaveLength(rules.length);
          expect(new Set(sorted).size).toBe(rules.length);
          const problems: string[] = [];
          for (let i = 1; i < sorted.length; i++) {
            const a = sorted[i - 1][measure];
            const b = sorted[i][measure];
            if (Number.isNaN(a) || Number.isNaN(b)) problems.push(`NaN at ${i}`);
            else if (a === b) {
              if (!(position.get(sorted[i - 1])! < position.get(sorted[i])!)) problems.push(`tie at ${i} reordered`);
            } else if (order === 'desc' ? !(a > b) : !(a < b)) problems.push(`out of order at ${i}: ${a}, ${b}`);
          }
          expect(problems).toEqual([]);
          // Sorting twice is the same as sorting once (a total order leaves nothing to reorder).
          expect(rules.sortBy(measure, order).sortBy(measure, order).rules).toEqual(sorted);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// strongRules (needs the real miner).

describe('strongRules', () => {
  it('mines itemsets and rules in one call (mlxtend example)', () => {
    const { itemsets, rules } = strongRules(MLXTEND, { minSupport: 0.6, minConfidence: 0.7, consequents: 'any' });
    expect(itemsets.length).toBe(11);
    expect(rules.rules).toEqual(associationRules(bruteItemsets(MLXTEND, { minSupport: 0.6 }), { minConfidence: 0.7, consequents: 'any' }).rules);
    expect(rules.filter({ lift: { min: 1.2 } }).length).toBe(6);
  });

  it('checks the rule options before mining', () => {
    expect(() => strongRules(MLXTEND, { minSupport: 0.6, minConfidence: 1.1 })).toThrow(/minConfidence/);
    expect(() => strongRules(MLXTEND, { minConfidence: 0.5 })).toThrow(/minSupport/);
  });
});

describe.skipIf(!haveData('association/groceries.csv'))('Groceries (R arules reference)', () => {
  let tx: TransactionSet;
  beforeAll(async () => {
    // One basket per line, comma-separated; the basket reader trims item names.
    tx = await readTransactions(dataFile('association/groceries.csv'), { format: 'basket' });
  });

  it('has 9,835 baskets and 169 items', () => {
    expect(tx.size).toBe(9835);
    expect(tx.itemCount).toBe(169);
  });

  it('minSupport 0.001, minConfidence 0.8, single consequents: 13,492 itemsets, 410 rules, top lift as arules', () => {
    const { itemsets, rules } = strongRules(tx, { minSupport: 0.001, minConfidence: 0.8 });
    expect(itemsets.minCount).toBe(10);
    expect(itemsets.length).toBe(13492);
    expect(rules.length).toBe(410);
    const best = rules.sortBy('lift').get(0)!;
    expect(best.antecedent).toEqual(expect.arrayContaining(['liquor', 'red/blush wine']));
    expect(best.antecedent).toHaveLength(2);
    expect(best.consequent).toEqual(['bottled beer']);
    expect(best.count).toBe(19);
    expect(best.support).toBeCloseTo(0.001931876, 9);
    expect(best.confidence).toBeCloseTo(0.9047619, 7);
    expect(best.lift).toBeCloseTo(11.235269, 6);
    expect(rules.rules.every((r) => r.count >= 10 && r.confidence >= 0.8 && r.consequent.length === 1)).toBe(true);
  });

  it('rounding the threshold down to count >= 9 gives 712 rules (the classic mistake)', () => {
    const { rules } = strongRules(tx, { minCount: 9, minConfidence: 0.8 });
    expect(rules.length).toBe(712);
  });
});
