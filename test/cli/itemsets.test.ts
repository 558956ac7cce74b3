import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFile, haveData } from '../helpers/data.js';
import { cli, MLXTEND_BASKETS, naiveItemsets, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let baskets: string;

beforeAll(async () => {
  tmp = await tempDir();
  baskets = await tmp.file('mlxtend.csv', MLXTEND_BASKETS.map((b) => b.join(',')).join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

describe('crm-mining itemsets', () => {
  it('--json prints { transactions, itemsets: [{ items, count, support }] } matching a naive count, by support', async () => {
    const r = await cli(['itemsets', baskets, '--min-support', '0.4', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['itemsets', 'transactions']);
    expect(out.transactions).toBe(5);
    const expected = naiveItemsets(MLXTEND_BASKETS, 2); // 0.4 of 5 = count 2
    expect(out.itemsets.length).toBe(expected.size);
    for (const s of out.itemsets) {
      expect(Object.keys(s)).toEqual(['items', 'count', 'support']);
      const e = expected.get([...s.items].sort().join('\u0000'));
      expect(e, s.items.join(',')).toBeDefined();
      expect(s.count).toBe(e!.count);
      expect(s.support).toBeCloseTo(e!.count / 5, 12);
    }
    for (let i = 1; i < out.itemsets.length; i++) expect(out.itemsets[i - 1].count).toBeGreaterThanOrEqual(out.itemsets[i].count);
    expect(out.itemsets[0]).toEqual({ items: ['Kidney Beans'], count: 5, support: 1 });
  });

  it('gives the documented 11 itemsets at support 0.6, and --top limits only the list', async () => {
    const all = JSON.parse((await cli(['itemsets', baskets, '--min-support', '0.6', '--json'])).stdout);
    expect(all.itemsets.length).toBe(11);
    const top = JSON.parse((await cli(['itemsets', baskets, '--min-support', '0.6', '--json', '--top', '4'])).stdout);
    expect(top.transactions).toBe(5);
    expect(top.itemsets).toEqual(all.itemsets.slice(0, 4));
  });

  it('prints a table and a summary without --json, and writes --output files', async () => {
    const out = join(tmp.dir, 'sets.csv');
    const r = await cli(['itemsets', baskets, '--min-support', '0.6', '--top', '3', '--output', out]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*#\s+items\s+size\s+count\s+support$/);
    expect(lines[2]).toMatch(/^\s*1\s+\{Kidney Beans\}\s+1\s+5\s+1$/);
    expect(r.stdout).toContain('11 frequent itemsets');
    expect(r.stdout).toContain('top 3');
    expect(r.stdout).toContain(`Wrote 3 itemsets to ${out}`);
    const csv = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(csv[0]).toBe('items,size,count,support');
    expect(csv[1]).toBe('{Kidney Beans},1,5,1');
    expect(csv).toHaveLength(4);
    const jsonOut = join(tmp.dir, 'sets.json');
    expect((await cli(['itemsets', baskets, '--min-support', '0.6', '--output', jsonOut])).code).toBe(0);
    expect(JSON.parse(await readFile(jsonOut, 'utf8'))).toEqual(JSON.parse((await cli(['itemsets', baskets, '--min-support', '0.6', '--json'])).stdout));
  });
});

describe.skipIf(!haveData('association/mushroom.dat'))('reference result: mushroom.dat (FIMI)', () => {
  it('gives 153 itemsets at support 0.5 and 565 at 0.4', async () => {
    for (const [support, expected] of [
      ['0.5', 153],
      ['0.4', 565],
    ] as const) {
      const r = await cli(['itemsets', dataFile('association/mushroom.dat'), '--format', 'fimi', '--min-support', support, '--json', '--top', '1']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.transactions).toBe(8124);
      expect(out.itemsets).toHaveLength(1);
      const summary = await cli(['itemsets', dataFile('association/mushroom.dat'), '--format', 'fimi', '--min-support', support, '--top', '1']);
      expect(summary.stdout).toContain(`${expected} frequent itemsets`);
    }
  });
});
