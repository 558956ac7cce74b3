// Runs the market-basket example in-process, through its exported main(), and checks what it returns
// against the raw transactions (and, with the reference data, against R's arules). Every example is also
// run as a program by examples.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RuleSet } from '../../src/index.js';
import { main as marketBasket } from '../../examples/market-basket.js';
import { dataFile, haveData } from '../helpers/data.js';

const out = mkdtempSync(join(tmpdir(), 'crm-mining-examples-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('examples/market-basket.ts', () => {
  it('market-basket mines strong rules from the bundled Telco sample, sorted by lift, and exports them', async () => {
    const outDir = join(out, 'telco');
    const r = await marketBasket({ outDir, quiet: true });
    expect(r.transactions.size).toBe(7043); // one basket per customer of the bundled file
    expect(r.rules.length).toBeGreaterThan(0);
    const n = r.transactions.size;
    const baskets = r.transactions.toArrays().map((b) => new Set(b));
    for (const rule of r.rules) {
      // strong: support and confidence at least their minimum, checked against the raw transactions
      let both = 0;
      let lhs = 0;
      for (const basket of baskets) {
        if (rule.antecedent.every((i) => basket.has(i))) {
          lhs++;
          if (rule.consequent.every((i) => basket.has(i))) both++;
        }
      }
      expect(both).toBe(rule.count);
      expect(both / n).toBeGreaterThanOrEqual(r.minSupport);
      expect(both / lhs).toBeGreaterThanOrEqual(r.minConfidence);
    }
    for (let i = 1; i < r.rules.length; i++) expect(r.rules.rules[i - 1].lift).toBeGreaterThanOrEqual(r.rules.rules[i].lift);
    // the exports hold the same rules
    const fromJson = RuleSet.fromJSON(readFileSync(r.files.json, 'utf8'));
    expect(fromJson.rules).toEqual(r.rules.rules);
    const csvLines = readFileSync(r.files.csv, 'utf8').trimEnd().split('\n');
    expect(csvLines.length).toBe(r.rules.length + 1);
  });

  it('market-basket rejects a bad threshold with a typed error naming the option', async () => {
    await expect(marketBasket({ outDir: join(out, 'bad'), quiet: true, minSupport: 1.5 })).rejects.toThrow(/minSupport/);
  });

  describe.skipIf(!haveData('association/groceries.csv'))('on groceries.csv', () => {
    it('reproduces the arules reference: 410 rules at support 0.001 and confidence 0.8', async () => {
      const r = await marketBasket({
        file: dataFile('association/groceries.csv'),
        format: 'basket',
        minSupport: 0.001,
        minConfidence: 0.8,
        outDir: join(out, 'groceries'),
        quiet: true,
      });
      expect(r.transactions.size).toBe(9835);
      expect(r.itemsets.length).toBe(13492);
      expect(r.rules.length).toBe(410);
      const best = r.rules.rules[0];
      expect([...best.antecedent].sort()).toEqual(['liquor', 'red/blush wine']);
      expect(best.consequent).toEqual(['bottled beer']);
      expect(best.count).toBe(19);
      expect(best.lift).toBeCloseTo(11.235269, 5);
    });
  });
});
