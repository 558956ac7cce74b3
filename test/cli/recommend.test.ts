import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../src/core/rng.js';
import { cli, expectFailure, expectUsage } from './helpers.js';

/** The items each user consumed in `lines` (rows `user,item,...` or `user\titem\t...`), read without library code. */
function consumedBy(text: string, sep: string, header: boolean): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const rows = text.trim().split('\n').slice(header ? 1 : 0);
  for (const row of rows) {
    const [u, i] = row.split(sep);
    if (!out.has(u)) out.set(u, new Set());
    out.get(u)!.add(i);
  }
  return out;
}

let dir: string;
let ratingsCsv: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-rec-cli-'));
  const rng = new Random(5);
  const lines = ['user,item,rating'];
  const noHeader: string[] = [];
  for (let u = 0; u < 25; u++) {
    for (let i = 0; i < 20; i++) {
      if (rng.next() < 0.4) {
        const r = 1 + rng.int(5);
        lines.push(`u${u},i${i},${r}`);
        noHeader.push(`u${u}\ti${i}\t${r}`);
      }
    }
  }
  ratingsCsv = lines.join('\n') + '\n';
  await writeFile(join(dir, 'r.csv'), ratingsCsv);
  await writeFile(join(dir, 'r.tsv'), noHeader.join('\n') + '\n');
  await writeFile(join(dir, 'test.csv'), 'user,item,rating\nu1,i3,4\nu2,i5,2\nnewbie,i1,3\n');
  // Item attributes: a genre, a numeric year (a category for the content family), a text and tags.
  const genres = ['drama', 'comedy', 'action', 'horror'];
  const words = ['castle', 'river', 'robot', 'garden', 'storm'];
  const items = ['id,genre,year,blurb,tags'];
  for (let i = 0; i < 20; i++) {
    items.push(`i${i},${genres[i % 4]},${2000 + (i % 3)},"a ${words[i % 5]} and a ${words[(i + 2) % 5]} tale",${genres[i % 4]}|t${i % 2}`);
  }
  items.push('unused,drama,2001,"a castle tale",drama');
  await writeFile(join(dir, 'items.csv'), items.join('\n') + '\n');
  // User attributes: a region, an age (numeric) and one user, "newbie", with no history at all.
  const users = ['user,region,age'];
  for (let u = 0; u < 25; u++) users.push(`u${u},${['north', 'south', 'east'][u % 3]},${20 + u}`);
  users.push('newbie,north,30');
  await writeFile(join(dir, 'users.csv'), users.join('\n') + '\n');
  await writeFile(join(dir, 'users-id.csv'), users.map((l, q) => (q === 0 ? l.replace('user', 'cust') : l)).join('\n') + '\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crm-mining recommend', () => {
  it('evaluates every collaborative family with --cv and prints the contract keys', async () => {
    for (const algorithm of ['popularity', 'baseline', 'user-knn', 'item-knn', 'knn-baseline', 'svd', 'als', 'hybrid']) {
      const r = await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--rating', 'rating', '--algorithm', algorithm, '--cv', '3', '--k', '5', '--json'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.algorithm).toBe(algorithm);
      const predicts = ['baseline', 'user-knn', 'item-knn', 'knn-baseline', 'svd'].includes(algorithm);
      expect('rmse' in j, algorithm).toBe(predicts);
      if (predicts) expect(j.mae).toBeLessThan(j.rmse + 1e-12);
      for (const key of ['precisionAtK', 'recallAtK', 'ndcgAtK', 'coverage', 'fitSeconds']) expect(typeof j[key]).toBe('number');
    }
  });

  it('--test FILE, --no-header with positions, and --for USER', async () => {
    const t = await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--rating', 'rating', '--test', 'test.csv', '--algorithm', 'baseline', '--json'], { cwd: dir });
    expect(t.code, t.stderr).toBe(0);
    expect(JSON.parse(t.stdout).rmse).toBeGreaterThan(0);
    const p = await cli(['recommend', 'r.tsv', '--format', 'tsv', '--no-header', '--user', '1', '--item', '2', '--rating', '3', '--algorithm', 'item-knn', '--for', 'u3', '--k', '4', '--json'], { cwd: dir });
    expect(p.code, p.stderr).toBe(0);
    const recs = JSON.parse(p.stdout).recommendations;
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.length).toBeLessThanOrEqual(4);
    for (const rec of recs) expect(Object.keys(rec).sort()).toEqual(['item', 'reason', 'score']);
    const text = await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--for', 'u3'], { cwd: dir });
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Top 10 for u3 \(als\)/);
  });

  it('usage errors exit 2; bad data exits 1', async () => {
    expectUsage(await cli(['recommend', 'r.csv', '--item', 'item'], { cwd: dir }), /--user/);
    expectUsage(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--cv', '3', '--test', 'test.csv'], { cwd: dir }), /not both/);
    // A value a flag does not allow is a failure naming the flag, as in every other command.
    expectFailure(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--algorithm', 'magic'], { cwd: dir }), /^crm-mining: option --algorithm: expected one of 'popularity', .*got "magic"/);
    expectFailure(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--format', 'xlsx'], { cwd: dir }), /^crm-mining: option --format: expected one of 'csv', 'tsv', 'whitespace', got "xlsx"/);
    expectFailure(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'nope'], { cwd: dir }), /^crm-mining: option --item: no column "nope" in r\.csv \(the columns are "user", "item", "rating"\)\n$/);
    expectFailure(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--k', '0'], { cwd: dir }), /^crm-mining: option --k: expected an integer >= 1, got 0\n$/);
  });

  describe('content and demographic', () => {
    const base = ['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--rating', 'rating'];
    const contentArgs = [...base, '--algorithm', 'content', '--items', 'items.csv', '--item-id', 'id', '--item-text', 'blurb', '--item-tags', 'tags'];
    const demographicArgs = [...base, '--algorithm', 'demographic', '--users', 'users.csv'];

    it('evaluate with --cv and print the contract keys without rating metrics', async () => {
      for (const [name, args] of [
        ['content', contentArgs],
        ['demographic', demographicArgs],
      ] as const) {
        const r = await cli([...args, '--cv', '3', '--k', '5', '--json'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        const j = JSON.parse(r.stdout);
        expect(Object.keys(j).sort()).toEqual(['algorithm', 'coverage', 'fitSeconds', 'ndcgAtK', 'precisionAtK', 'recallAtK']);
        expect(j.algorithm).toBe(name);
        // Coverage too: the content family also recommends items nobody consumed in the training fold,
        // and they count in the catalogue, so coverage stays within [0, 1].
        for (const key of ['precisionAtK', 'recallAtK', 'ndcgAtK', 'coverage']) {
          expect(j[key], `${name} ${key}`).toBeGreaterThanOrEqual(0);
          expect(j[key], `${name} ${key}`).toBeLessThanOrEqual(1);
        }
        // Something is recommended to the test users, so coverage is positive.
        expect(j.coverage, name).toBeGreaterThan(0);
      }
      const t = await cli([...contentArgs, '--test', 'test.csv', '--json'], { cwd: dir });
      expect(t.code, t.stderr).toBe(0);
      expect('rmse' in JSON.parse(t.stdout)).toBe(false);
    });

    it('--for USER never recommends an item the user consumed', async () => {
      const consumed = consumedBy(ratingsCsv, ',', true);
      for (const args of [contentArgs, demographicArgs]) {
        for (const u of ['u0', 'u3', 'u17']) {
          const r = await cli([...args, '--for', u, '--k', '20', '--json'], { cwd: dir });
          expect(r.code, r.stderr).toBe(0);
          const recs = JSON.parse(r.stdout).recommendations as { item: string; score: number; reason: string }[];
          expect(recs.length).toBeGreaterThan(0);
          expect(recs.length).toBeLessThanOrEqual(20);
          for (const rec of recs) {
            expect(Object.keys(rec).sort()).toEqual(['item', 'reason', 'score']);
            expect(consumed.get(u)!.has(rec.item), `${args[9]} recommended ${rec.item}, consumed by ${u}`).toBe(false);
            expect(rec.reason.length).toBeGreaterThan(0);
          }
          for (let q = 1; q < recs.length; q++) expect(recs[q].score).toBeLessThanOrEqual(recs[q - 1].score);
        }
      }
      // The content family can recommend a catalogue item no one has consumed yet.
      const all = await cli([...contentArgs, '--for', 'u3', '--k', '30', '--json'], { cwd: dir });
      expect(JSON.parse(all.stdout).recommendations.map((r: { item: string }) => r.item)).toContain('unused');
    });

    it('demographic serves a user with no history from the users file; text output names the algorithm', async () => {
      const r = await cli([...demographicArgs, '--for', 'newbie', '--k', '3', '--json'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).recommendations).toHaveLength(3);
      const text = await cli([...demographicArgs, '--for', 'newbie', '--k', '3'], { cwd: dir });
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/Top 3 for newbie \(demographic\)/);
    });

    it('--item-id and --user-id name the id columns when they differ (for example with --no-header)', async () => {
      const consumed = consumedBy(ratingsCsv, ',', true);
      const p = await cli(
        ['recommend', 'r.tsv', '--format', 'tsv', '--no-header', '--user', '1', '--item', '2', '--rating', '3', '--algorithm', 'content', '--items', 'items.csv', '--item-id', 'id', '--for', 'u3', '--json'],
        { cwd: dir },
      );
      expect(p.code, p.stderr).toBe(0);
      const recs = JSON.parse(p.stdout).recommendations as { item: string }[];
      expect(recs.length).toBeGreaterThan(0);
      for (const rec of recs) expect(consumed.get('u3')!.has(rec.item)).toBe(false);
      const d = await cli([...base, '--algorithm', 'demographic', '--users', 'users-id.csv', '--user-id', 'cust', '--for', 'u3', '--json'], { cwd: dir });
      expect(d.code, d.stderr).toBe(0);
      expect(JSON.parse(d.stdout).recommendations.length).toBeGreaterThan(0);
    });

    it('usage errors name the missing or misplaced flag; a bad attributes file exits 1', async () => {
      expectUsage(await cli([...base, '--algorithm', 'content'], { cwd: dir }), /--items FILE/);
      expectUsage(await cli([...base, '--algorithm', 'demographic'], { cwd: dir }), /--users FILE/);
      expectUsage(await cli([...base, '--algorithm', 'demographic', '--items', 'items.csv'], { cwd: dir }), /--items with --algorithm demographic .*--item-label COL/);
      expectFailure(await cli([...base, '--algorithm', 'als', '--users', 'users.csv'], { cwd: dir }), /^crm-mining: option --users: only applies to --algorithm demographic, not als/);
      expectUsage(await cli([...base, '--algorithm', 'content', '--item-text', 'blurb'], { cwd: dir }), /--item-text.*--items FILE/);
      expectUsage(await cli([...base, '--algorithm', 'demographic', '--user-id', 'cust'], { cwd: dir }), /--user-id.*--users FILE/);
      // The default id column (--item's name, "item") is not in items.csv: --item-id is the flag that fixes it.
      expectFailure(await cli([...base, '--algorithm', 'content', '--items', 'items.csv'], { cwd: dir }), /^crm-mining: option --item-id: no column "item" in items\.csv \(the columns are "id", /);
      expectFailure(await cli([...contentArgs.slice(0, -2), '--item-tags', 'nope'], { cwd: dir }), /^crm-mining: option --item-tags: no column "nope" in items\.csv/);
      await writeFile(join(dir, 'dup.csv'), 'user,region\nu1,north\nu1,south\n');
      expectFailure(await cli([...base, '--algorithm', 'demographic', '--users', 'dup.csv'], { cwd: dir }), /^crm-mining: dup\.csv: data row 2: id "u1" repeats \(first on data row 1\)\n$/);
    });
  });
});
