import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/core/rng.js';
import { rocAuc } from '../../src/evaluation/ranking.js';
import { fitIsolationForest } from '../../src/outliers/index.js';
import { cli, expectFailure, expectUsage, tempDir } from './helpers.js';

/** 60 inliers near (10, 20) and 3 far rows; `known` marks the far ones; `id` is a text column. */
function csv(): { text: string; rows: number[][] } {
  const r = new Random(5);
  const rows: number[][] = [];
  for (let i = 0; i < 60; i++) rows.push([10 + r.normal(), 20 + 2 * r.normal(), 0]);
  rows.push([30, 20, 1], [10, 60, 1], [-10, -20, 1]);
  const text = 'id,spend,visits,known\n' + rows.map((x, i) => `c${i},${x[0]},${x[1]},${x[2]}`).join('\n') + '\n';
  return { text, rows };
}

describe('crm-mining outliers', () => {
  let t: Awaited<ReturnType<typeof tempDir>>;
  let file: string;
  const { text, rows } = csv();
  beforeAll(async () => {
    t = await tempDir();
    file = await t.file('c.csv', text);
  });
  afterAll(() => t.cleanup());

  it('prints the JSON of the contract; --columns omitted means the numeric columns except the label', async () => {
    const r = await cli(['outliers', file, '--method', 'iforest', '--label', 'known', '--seed', '7', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.columns).toEqual(['spend', 'visits']);
    expect(j.scores).toHaveLength(63);
    expect(j.labels).toHaveLength(63);
    // The same as the library with the same seed on the same columns.
    const lib = fitIsolationForest(rows.map((x) => [x[0], x[1]]), { seed: 7 });
    expect(j.scores).toEqual(Array.from(lib.trainingScores));
    expect(j.rocAuc).toBeCloseTo(rocAuc(rows.map((x) => x[2]), lib.trainingScores), 12);
    expect(j.rocAuc).toBe(1);
    expect(j.labels.slice(60)).toEqual([1, 1, 1]);
    expect(j.contamination).toBe(0.1);
  });

  it('each method runs; mad uses its natural cut-off; --contamination and --threshold label as asked', async () => {
    for (const method of ['iforest', 'lof', 'knn', 'zscore', 'mad', 'iqr', 'mahalanobis']) {
      const r = await cli(['outliers', file, '--method', method, '--columns', 'spend,visits', '--json']);
      expect(r.code, method).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(j.method).toBe(method);
      expect(j.rocAuc).toBeUndefined();
      expect(j.labels.slice(60), method).toEqual([1, 1, 1]);
    }
    const mad = JSON.parse((await cli(['outliers', file, '--method', 'mad', '--json'])).stdout);
    expect(mad.threshold).toBe(3.5);
    expect(mad.contamination).toBeNull();
    const c = JSON.parse((await cli(['outliers', file, '--method', 'knn', '--contamination', '0.2', '--json'])).stdout);
    // above the interpolated 80th percentile of 63 distinct scores (position 0.8 × 62 = 49.6): ranks 50..62
    expect(c.labels.reduce((s: number, v: number) => s + v, 0)).toBe(13);
    const th = JSON.parse((await cli(['outliers', file, '--method', 'zscore', '--threshold', '2', '--json'])).stdout);
    expect(th.labels).toEqual(th.scores.map((s: number) => (s > 2 ? 1 : 0)));
    const robust = JSON.parse((await cli(['outliers', file, '--method', 'mahalanobis', '--robust', '--columns', 'spend,visits', '--json'])).stdout);
    expect(robust.labels.slice(60)).toEqual([1, 1, 1]);
  });

  it('prints a table of the top rows and writes the scores', async () => {
    const r = await cli(['outliers', file, '--method', 'lof', '--columns', 'spend,visits', '--top', '3', '-o', 'scores.csv'], { cwd: t.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/63 rows, 2 feature column\(s\) \(spend, visits\), method lof/);
    expect(r.stdout).toMatch(/Top 3 by score/);
    const written = (await readFile(`${t.dir}/scores.csv`, 'utf8')).trim().split('\n');
    expect(written[0]).toBe('row,score,outlier');
    expect(written).toHaveLength(64);
  });

  it('bad input: usage errors and one-line failures naming the flag, row or column', async () => {
    expectUsage(await cli(['outliers', file]), /missing --method/);
    expectUsage(await cli(['outliers', '--method', 'lof']), /missing <file.csv>/);
    expectUsage(await cli(['outliers', file, '--method', 'lof', '--contamination', 'lots']), /--contamination expects a number/);
    expectFailure(await cli(['outliers', file, '--method', 'dbscan']), /option --method: expected one of iforest/);
    expectFailure(await cli(['outliers', file, '--method', 'lof', '--contamination', '0.7']), /option --contamination: expected a number in \(0, 0.5\]/);
    expectFailure(await cli(['outliers', file, '--method', 'lof', '--contamination', '0']), /option --contamination/);
    expectFailure(await cli(['outliers', file, '--method', 'lof', '--columns', 'spend,nope']), /no column "nope"/);
    expectFailure(await cli(['outliers', file, '--method', 'lof', '--label', 'spend', '--columns', 'spend']), /label column "spend" cannot also be a feature/);
    expectFailure(await cli(['outliers', file, '--method', 'lof', '--columns', 'id']), /data row 1, column "id" is "c0", expected a number/);
    const gap = await t.file('gap.csv', 'a,b\n1,2\n3,\n4,5\n');
    expectFailure(await cli(['outliers', gap, '--method', 'iqr']), /data row 2, column "b" is missing/);
    const badLabel = await t.file('lab.csv', 'a,b,y\n1,2,0\n3,4,2\n4,5,1\n');
    expectFailure(await cli(['outliers', badLabel, '--method', 'iqr', '--label', 'y']), /data row 2, label column "y" is "2", expected 0 or 1/);
    const help = await cli(['help', 'outliers']);
    expect(help.stdout).toMatch(/--method M/);
  });
});
