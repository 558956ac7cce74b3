import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_MEASURES } from '../../src/association/rules.js';
import { dataFile, haveData } from '../helpers/data.js';
import { cli, MLXTEND_BASKETS, naiveItemsets, naiveRules, ruleKey, tempDir } from './helpers.js';

const RULE_KEYS = [
  'antecedent',
  'consequent',
  'count',
  'support',
  'confidence',
  'lift',
  'leverage',
  'conviction',
  'zhang',
  'jaccard',
  'certainty',
  'kulczynski',
];

let tmp: Awaited<ReturnType<typeof tempDir>>;
let baskets: string;

beforeAll(async () => {
  tmp = await tempDir();
  baskets = await tmp.file('mlxtend.csv', MLXTEND_BASKETS.map((b) => b.join(',')).join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

describe('crm-mining rules --json', () => {
  it('prints one object with the contract keys, the counts, and the rules a naive count finds', async () => {
    const r = await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['itemsets', 'rules', 'transactions']);
    expect(out.transactions).toBe(5);
    expect(out.itemsets).toBe(11); // the documented mlxtend result
    expect(out.itemsets).toBe(naiveItemsets(MLXTEND_BASKETS, 3).size);
    const expected = naiveRules(MLXTEND_BASKETS, 3, 0.7);
    expect(out.rules.length).toBe(expected.size);
    for (const rule of out.rules) {
      expect(Object.keys(rule)).toEqual(RULE_KEYS);
      expect(rule.consequent.length).toBe(1);
      const e = expected.get(ruleKey(rule));
      expect(e, ruleKey(rule)).toBeDefined();
      expect(rule.count).toBe(e!.count);
      expect(rule.confidence).toBeCloseTo(e!.confidence, 12);
      expect(rule.lift).toBeCloseTo(e!.lift, 12);
    }
    // sorted by lift, high to low (the default)
    for (let i = 1; i < out.rules.length; i++) expect(out.rules[i - 1].lift).toBeGreaterThanOrEqual(out.rules[i].lift);
  });

  it('gives the documented measures of {Eggs} => {Onion} and writes conviction +Infinity as "Infinity"', async () => {
    const r = await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json']);
    const rules = JSON.parse(r.stdout).rules as Record<string, unknown>[];
    const eggsOnion = rules.find((x) => ruleKey(x as never) === 'Eggs=>Onion')!;
    expect(eggsOnion.support).toBeCloseTo(0.6, 12);
    expect(eggsOnion.confidence).toBeCloseTo(0.75, 12);
    expect(eggsOnion.lift).toBeCloseTo(1.25, 12);
    expect(eggsOnion.leverage).toBeCloseTo(0.12, 12);
    expect(eggsOnion.conviction).toBeCloseTo(1.6, 12);
    expect(eggsOnion.zhang).toBeCloseTo(1.0, 12);
    expect(eggsOnion.jaccard).toBeCloseTo(0.75, 12);
    expect(eggsOnion.certainty).toBeCloseTo(0.375, 12);
    expect(eggsOnion.kulczynski).toBeCloseTo(0.875, 12);
    const onionEggs = rules.find((x) => ruleKey(x as never) === 'Onion=>Eggs')!;
    expect(onionEggs.confidence).toBe(1);
    expect(onionEggs.conviction).toBe('Infinity');
    expect(onionEggs.zhang).toBeCloseTo(0.5, 12);
  });

  it('--top limits the list but not the counts', async () => {
    const all = JSON.parse((await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json'])).stdout);
    const top = JSON.parse((await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json', '--top', '2'])).stdout);
    expect(all.rules.length).toBeGreaterThan(2);
    expect(top.rules.length).toBe(2);
    expect(top.transactions).toBe(all.transactions);
    expect(top.itemsets).toBe(all.itemsets);
    expect(top.rules).toEqual(all.rules.slice(0, 2));
  });

  it('--min-count is the same threshold as the matching --min-support; apriori gives the same as fpgrowth', async () => {
    const bySupport = JSON.parse((await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json'])).stdout);
    const byCount = JSON.parse((await cli(['rules', baskets, '--min-count', '3', '--min-confidence', '0.7', '--json'])).stdout);
    const apriori = JSON.parse(
      (await cli(['rules', baskets, '--min-count', '3', '--min-confidence', '0.7', '--json', '--algorithm', 'apriori'])).stdout,
    );
    expect(byCount).toEqual(bySupport);
    expect(apriori).toEqual(bySupport);
  });

  it('--sort orders by the named measure; --consequents any allows larger right-hand sides', async () => {
    const byConf = JSON.parse(
      (await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json', '--sort', 'confidence'])).stdout,
    );
    for (let i = 1; i < byConf.rules.length; i++) expect(byConf.rules[i - 1].confidence).toBeGreaterThanOrEqual(byConf.rules[i].confidence);
    const any = JSON.parse(
      (await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json', '--consequents', 'any'])).stdout,
    );
    expect(any.rules.length).toBeGreaterThan(byConf.rules.length);
    expect(any.rules.some((r: { consequent: string[] }) => r.consequent.length > 1)).toBe(true);
  });

  it('--max-length bounds the itemsets, and so the rules', async () => {
    const out = JSON.parse((await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--max-length', '2', '--json'])).stdout);
    const expected = [...naiveItemsets(MLXTEND_BASKETS, 3).values()].filter((s) => s.items.length <= 2).length;
    expect(out.itemsets).toBe(expected);
    for (const r of out.rules) expect(r.antecedent.length + r.consequent.length).toBeLessThanOrEqual(2);
  });
});

describe('crm-mining rules (table)', () => {
  it('prints an aligned table with {a, b} => {c} and a summary line', async () => {
    const r = await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--top', '3']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*#\s+rule\s+support\s+confidence\s+lift\s+leverage\s+conviction\s+count$/);
    const rows = lines.slice(2, 5);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^\s*\d+\s+\{[^}]+\} => \{[^}]+\}\s+[\d.]+\s+/);
    // right-aligned numbers: every row has the same length as the header's rule line
    const widths = new Set(lines.slice(1, 5).map((l) => l.length));
    expect(widths.size).toBe(1);
    const total = naiveRules(MLXTEND_BASKETS, 3, 0.7).size;
    expect(lines[lines.length - 1]).toContain(`${total} rules`);
    expect(lines[lines.length - 1]).toContain('11 frequent itemsets');
    expect(lines[lines.length - 1]).toContain('top 3');
  });
});

describe('crm-mining rules with other formats', () => {
  it('reads FIMI, long and table files', async () => {
    const fimi = await tmp.file('t.dat', '1 2 3\n1 2\n2 3\n1 2 3\n');
    const long = await tmp.file('t-long.csv', 'order,item\nA,x\nA,y\nB,x\nB,y\nC,x\n');
    const table = await tmp.file('t-table.csv', 'colour,size\nred,S\nred,S\nblue,L\nred,L\n');
    const f = JSON.parse((await cli(['rules', fimi, '--format', 'fimi', '--min-count', '2', '--min-confidence', '0.5', '--json'])).stdout);
    expect(f.transactions).toBe(4);
    const fExpected = naiveRules([['1', '2', '3'], ['1', '2'], ['2', '3'], ['1', '2', '3']], 2, 0.5);
    expect(f.rules.map(ruleKey).sort()).toEqual([...fExpected.keys()].sort());
    const l = JSON.parse((await cli(['rules', long, '--format', 'long', '--min-count', '2', '--min-confidence', '0.5', '--json'])).stdout);
    expect(l.transactions).toBe(3);
    expect(l.rules.map(ruleKey).sort()).toEqual(['x=>y', 'y=>x']);
    const t = JSON.parse((await cli(['rules', table, '--format', 'table', '--min-count', '2', '--min-confidence', '1', '--json'])).stdout);
    expect(t.transactions).toBe(4);
    expect(t.rules.map(ruleKey)).toEqual(['size=S=>colour=red']);
  });

  it('names ARFF items exactly attribute=value', async () => {
    const arff = await tmp.file(
      'weather.arff',
      '@relation weather\n@attribute outlook {sunny, rainy}\n@attribute play {yes, no}\n@data\nsunny,no\nsunny,no\nrainy,yes\nrainy,yes\nsunny,yes\n',
    );
    const r = await cli(['rules', arff, '--format', 'arff', '--min-count', '2', '--min-confidence', '0.6', '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.transactions).toBe(5);
    const keys = out.rules.map(ruleKey).sort();
    expect(keys).toEqual(['outlook=rainy=>play=yes', 'outlook=sunny=>play=no', 'play=no=>outlook=sunny', 'play=yes=>outlook=rainy']);
  });

  it('uses --delimiter for basket files', async () => {
    const semi = await tmp.file('semi.txt', MLXTEND_BASKETS.map((b) => b.join(';')).join('\n') + '\n');
    const a = JSON.parse((await cli(['rules', semi, '--delimiter', ';', '--min-support', '0.6', '--min-confidence', '0.7', '--json'])).stdout);
    const b = JSON.parse((await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json'])).stdout);
    expect(a).toEqual(b);
    const tabs = await tmp.file('tabs.txt', MLXTEND_BASKETS.map((x) => x.join('\t')).join('\n') + '\n');
    for (const d of ['tab', '\\t', '\t']) {
      const c = JSON.parse((await cli(['rules', tabs, '--delimiter', d, '--min-support', '0.6', '--min-confidence', '0.7', '--json'])).stdout);
      expect(c).toEqual(b);
    }
  });
});

describe('crm-mining rules --output', () => {
  it('writes CSV and JSON files with the listed rules', async () => {
    const csvPath = join(tmp.dir, 'rules-out.csv');
    const jsonPath = join(tmp.dir, 'rules-out.json');
    const printed = JSON.parse((await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--json'])).stdout);
    const r1 = await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '--output', csvPath]);
    expect(r1.code).toBe(0);
    expect(r1.stdout).toContain(`Wrote ${printed.rules.length} rules to ${csvPath}`);
    const csv = (await readFile(csvPath, 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe(['antecedent', 'consequent', ...RULE_MEASURES].join(','));
    expect(csv.length - 1).toBe(printed.rules.length);
    const conviction = RULE_MEASURES.indexOf('conviction') + 2;
    const onionEggs = csv.find((line) => line.startsWith('Onion,Eggs,'))!.split(',');
    expect(onionEggs[2]).toBe('3');
    expect(onionEggs[conviction]).toBe('Infinity');
    // same rules, same order as the JSON (a side with several items is one quoted field)
    const field = (items: string[]): string => (items.length > 1 ? `"${items.join(', ')}"` : items[0]);
    csv.slice(1).forEach((line, i) => {
      const r = printed.rules[i];
      expect(line.startsWith(`${field(r.antecedent)},${field(r.consequent)},${r.count},`), line).toBe(true);
    });
    const r2 = await cli(['rules', baskets, '--min-support', '0.6', '--min-confidence', '0.7', '-o', jsonPath, '--json']);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout)).toEqual(printed); // --json still prints only the JSON
    expect(JSON.parse(await readFile(jsonPath, 'utf8'))).toEqual(printed);
  });

  it('leaves no file behind when the command fails, and keeps an existing file unchanged', async () => {
    const bad = await tmp.file('bad.csv', 'a,b\nc,,d\n');
    const target = join(tmp.dir, 'fail.csv');
    const r = await cli(['rules', bad, '--min-support', '0.5', '--output', target]);
    expect(r.code).toBe(1);
    expect(existsSync(target)).toBe(false);
    await writeFile(target, 'old content\n');
    const r2 = await cli(['rules', bad, '--min-support', '0.5', '--output', target]);
    expect(r2.code).toBe(1);
    expect(await readFile(target, 'utf8')).toBe('old content\n');
    const r3 = await cli(['rules', baskets, '--min-support', '1.5', '--output', target]);
    expect(r3.code).toBe(1);
    expect(await readFile(target, 'utf8')).toBe('old content\n');
    expect((await readdir(tmp.dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rejects an output name that is neither .csv nor .json, and a missing output folder', async () => {
    const r = await cli(['rules', baskets, '--min-support', '0.6', '--output', join(tmp.dir, 'x.txt')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^crm-mining: option --output: .*\.csv or \.json/);
    const r2 = await cli(['rules', baskets, '--min-support', '0.6', '--output', join(tmp.dir, 'no-such-folder', 'x.csv')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/^crm-mining: .*folder does not exist\n$/);
  });
});

describe('progress indicator', () => {
  it('draws on a terminal stderr only, and never touches stdout', async () => {
    const tty = await cli(['rules', baskets, '--min-support', '0.6', '--json'], { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain('FP-Growth');
    expect(tty.stderr.endsWith('\r\u001b[2K')).toBe(true); // erased at the end
    expect(() => JSON.parse(tty.stdout)).not.toThrow();
    const pipe = await cli(['rules', baskets, '--min-support', '0.6', '--json']);
    expect(pipe.stderr).toBe('');
    expect(pipe.stdout).toBe(tty.stdout);
  });
});

describe.skipIf(!haveData('association/groceries.csv'))('reference result: Groceries (R arules)', () => {
  it('support 0.001, confidence 0.8: 13,492 itemsets, 410 rules, the top rule by lift', async () => {
    const r = await cli(['rules', dataFile('association/groceries.csv'), '--min-support', '0.001', '--min-confidence', '0.8', '--json', '--top', '1']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.transactions).toBe(9835);
    expect(out.itemsets).toBe(13492);
    expect(out.rules).toHaveLength(1);
    const top = out.rules[0];
    expect([...top.antecedent].sort()).toEqual(['liquor', 'red/blush wine']);
    expect(top.consequent).toEqual(['bottled beer']);
    expect(top.count).toBe(19);
    expect(top.support).toBeCloseTo(0.001931876, 9);
    expect(top.confidence).toBeCloseTo(0.9047619, 7);
    expect(top.lift).toBeCloseTo(11.235269, 6);
    const table = await cli(['rules', dataFile('association/groceries.csv'), '--min-support', '0.001', '--top', '1']);
    expect(table.stdout).toMatch(/^410 rules .* from 13492 frequent itemsets \(min support 0\.001 = count >= 10\) in 9835 transactions/m);
  });
});
