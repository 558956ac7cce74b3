import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../src/core/rng.js';
import { cli, expectUsage } from './helpers.js';

let dir: string;
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
  await writeFile(join(dir, 'r.csv'), lines.join('\n') + '\n');
  await writeFile(join(dir, 'r.tsv'), noHeader.join('\n') + '\n');
  await writeFile(join(dir, 'test.csv'), 'user,item,rating\nu1,i3,4\nu2,i5,2\nnewbie,i1,3\n');
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
    expectUsage(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--algorithm', 'magic'], { cwd: dir }), /--algorithm/);
    expectUsage(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--algorithm', 'content'], { cwd: dir }), /not available/);
    expectUsage(await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--cv', '3', '--test', 'test.csv'], { cwd: dir }), /not both/);
    const bad = await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'nope'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nope/);
    const k0 = await cli(['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--k', '0'], { cwd: dir });
    expect(k0.code).toBe(1);
    expect(k0.stderr).toMatch(/k/);
  });
});
