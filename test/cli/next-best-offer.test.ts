import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEXT_BEST_OFFER_SETTINGS, nextBestOfferStep, shortOfferReason } from '../../src/cli/analyses/next-best-offer.js';
import { analyzeCommand } from '../../src/cli/analyze.js';
import { tempDir } from './helpers.js';

const DATA = resolve(process.cwd(), 'examples/data/telco-churn.csv');

/** The customers of the bundled file as rows of named cells (the file has no quoted fields). */
function rawCustomers(): Record<string, string>[] {
  const [header, ...lines] = readFileSync(DATA, 'utf8').trimEnd().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

function csvRows(text: string): string[][] {
  // The files quote fields with commas; the ids and service names have none, so the first three fields split safely.
  return text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
}

describe.skipIf(!existsSync(DATA))('analyze: next-best-offer step on the bundled Telco data', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let stdout = '';
  let code = -1;

  beforeAll(async () => {
    tmp = await tempDir();
    const io = {
      stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
      stderr: { write: () => true, isTTY: false },
    };
    code = await analyzeCommand(['--data', DATA, '--out', 'results'], io as never, tmp.dir, [nextBestOfferStep]);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('prints offers with reasons and the assignment', () => {
    expect(code).toBe(0);
    expect(stdout).toMatch(/== 1\. Next best offer ==/);
    expect(stdout).toMatch(/weighted [\d.]+ = cross-sell/);
    expect(stdout).toMatch(/solver: /);
  });

  it('offers only services the current customer lacks and can have', async () => {
    const raw = new Map(rawCustomers().map((c) => [c.customerID, c]));
    const rows = csvRows(await readFile(join(tmp.dir, 'results', 'next-best-offers.csv'), 'utf8'));
    expect(rows.length).toBeGreaterThan(1000);
    for (const [id, rank, service] of rows) {
      const c = raw.get(id)!;
      expect(c.Churn).toBe('No');
      expect(c[service]).toBe('No'); // not "Yes", nor "No internet service" / "No phone service"
      expect(Number(rank)).toBeLessThanOrEqual(NEXT_BEST_OFFER_SETTINGS.top);
    }
  });

  it('gives each customer at most one offer, each service within its capacity', async () => {
    const rows = csvRows(await readFile(join(tmp.dir, 'results', 'offer-assignment.csv'), 'utf8'));
    const active = rawCustomers().filter((c) => c.Churn === 'No');
    expect(rows.length).toBe(active.length);
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    const cap = Math.ceil(NEXT_BEST_OFFER_SETTINGS.capacityShare * active.length);
    const counts = new Map<string, number>();
    for (const [, offer] of rows) if (offer !== '') counts.set(offer, (counts.get(offer) ?? 0) + 1);
    for (const n of counts.values()) expect(n).toBeLessThanOrEqual(cap);
    expect(counts.size).toBeGreaterThan(1);
  });
});

describe('the short reason of an offer', () => {
  it('names the share of similar customers and the rule, or the overall share when no rule fires', () => {
    const rule = { antecedent: ['A', 'B'], consequent: ['C'], confidence: 0.7149 };
    expect(shortOfferReason({ segmentShare: 0.615, overallShare: 0.4, rule })).toBe('people like you: 62% of similar customers have it; rule {A, B} ⇒ C conf 0.71');
    expect(shortOfferReason({ segmentShare: 0.004, overallShare: 0.384 })).toBe('people like you: <1% of similar customers have it; 38% of all customers have it');
    expect(shortOfferReason({ overallShare: 0 })).toBe('0% of all customers have it'); // nobody else in the segment
  });

  it('lists at most reasonItems items of a long rule and counts the rest', () => {
    const n = NEXT_BEST_OFFER_SETTINGS.reasonItems;
    const antecedent = Array.from({ length: n + 2 }, (_x, k) => `s${k}`);
    const why = shortOfferReason({ segmentShare: 0.5, overallShare: 0.5, rule: { antecedent, consequent: ['X'], confidence: 0.5 } });
    expect(why).toContain(`rule {${antecedent.slice(0, n).join(', ')} +2 more} ⇒ X conf 0.50`);
  });
});
