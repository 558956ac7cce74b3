import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectUsage } from './helpers.js';

let dir: string;
const irisPath = join(process.cwd(), 'test', 'fixtures', 'iris.csv');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crm-segments-'));
  await writeFile(join(dir, 'blobs.csv'), 'id,a,b,name\n1,0,0,x\n2,0,1,y\n3,1,0,z\n4,10,10,x\n5,10,11,y\n6,11,10,z\n');
  await writeFile(join(dir, 'missing.csv'), 'a,b\n1,2\n3,\n5,6\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crm-mining segments', () => {
  it('prints the contract JSON for a fixed k', async () => {
    const r = await cli(['segments', irisPath, '--columns', 'sepal_length,sepal_width,petal_length,petal_width', '--k', '3', '--scale', 'none', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const key of ['k', 'inertia', 'silhouette', 'iterations', 'labels', 'centroids']) expect(j).toHaveProperty(key);
    expect(j.k).toBe(3);
    expect(j.inertia).toBeCloseTo(78.851441, 6); // raw space with --scale none
    expect(j.labels).toHaveLength(150);
    expect(j.centroids).toHaveLength(3);
    expect(j.centroids[0]).toHaveLength(4);
    expect(j.silhouette).toBeGreaterThan(0.5);
    expect(j.centroidsOriginal).toEqual(j.centroids.map((c: number[]) => c.map((v) => expect.closeTo(v, 10))));
  });

  it('chooses k by silhouette with --k auto and uses every numeric column by default', async () => {
    const r = await cli(['segments', join(dir, 'blobs.csv'), '--k', 'auto', '--k-range', '2..4', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.columns).toEqual(['id', 'a', 'b']);
    expect(j.kScores.map((s: { k: number }) => s.k)).toEqual([2, 3, 4]);
    const best = Math.max(...j.kScores.map((s: { silhouette: number }) => s.silhouette));
    expect(j.kScores.find((s: { k: number }) => s.k === j.k).silhouette).toBe(best);
  });

  it('prints the segment table and writes labels to a CSV file', async () => {
    const r = await cli(['segments', 'blobs.csv', '--columns', 'a,b', '--k', '2', '-o', 'labels.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/k = 2, inertia/);
    expect(r.stdout).toMatch(/segment\s+size\s+share\s+a\s+b/);
    expect(r.stdout).toMatch(/50\.0%/);
    const csv = await readFile(join(dir, 'labels.csv'), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('row,segment');
    expect(lines).toHaveLength(7);
    const seg = lines.slice(1).map((l) => l.split(',')[1]);
    expect(new Set(seg.slice(0, 3)).size).toBe(1);
    expect(new Set(seg.slice(3)).size).toBe(1);
    expect(seg[0]).not.toBe(seg[3]);
  });

  it('is deterministic for a seed', async () => {
    const args = ['segments', irisPath, '--k', '4', '--seed', '9', '--n-init', '2', '--json'];
    expect((await cli(args)).stdout).toBe((await cli(args)).stdout);
  });

  it('reports bad input and bad options as one line', async () => {
    let r = await cli(['segments', 'missing.csv', '--k', '2'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.csv: column "b": data row 2 is missing/);
    r = await cli(['segments', 'blobs.csv', '--columns', 'a,name', '--k', '2'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/column "name": data row 1 is "x", expected a number/);
    r = await cli(['segments', 'blobs.csv', '--columns', 'a,b', '--k', '0'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/option --k: expected an integer/);
    r = await cli(['segments', 'blobs.csv', '--columns', 'a,b', '--k', '9'], { cwd: dir });
    expect(r.stderr).toMatch(/option --k: k = 9 but the data has only 6 distinct rows/);
    r = await cli(['segments', 'blobs.csv', '--scale', 'robust'], { cwd: dir });
    expect(r.stderr).toMatch(/option --scale: expected one of/);
  });

  it('rejects malformed command lines with exit 2', async () => {
    expectUsage(await cli(['segments']), /missing <file.csv>/);
    expectUsage(await cli(['segments', 'x.csv', '--k-range', '2-5']), /--k-range expects MIN..MAX/);
    expectUsage(await cli(['segments', 'x.csv', '--k', 'many']), /--k expects a number/);
    expectUsage(await cli(['segments', 'x.csv', '--bogus']), /unknown option --bogus/);
  });

  it('has help', async () => {
    const r = await cli(['help', 'segments']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: crm-mining segments/);
  });
});
