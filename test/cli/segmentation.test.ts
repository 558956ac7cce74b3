import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentationStep, telcoSegmentationTable } from '../../src/cli/analyses/segmentation.js';
import { analyzeCommand } from '../../src/cli/analyze.js';
import { readCsv } from '../../src/data/csv.js';
import { tempDir } from './helpers.js';

const DATA = resolve(process.cwd(), 'examples/data/telco-churn.csv');

/** The raw file, parsed naively here (no library code): header and rows of cells. */
function rawRows(): { header: string[]; rows: string[][] } {
  const [h, ...lines] = readFileSync(DATA, 'utf8').trimEnd().split(/\r?\n/);
  return { header: h.split(','), rows: lines.map((l) => l.split(',')) };
}

describe('the segmentation step of crm-mining analyze', () => {
  let stdout = '';
  let out = '';
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const t = await tempDir();
    out = t.dir;
    cleanup = t.cleanup;
    await analyzeCommand(['--out', out], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => 0 } }, process.cwd(), [segmentationStep]);
  }, 120_000);
  afterAll(() => cleanup());

  it('labels every customer, keeps the k with the best silhouette, and writes the plot data', async () => {
    const { header, rows } = rawRows();
    const seg = (await readFile(join(out, 'segments.csv'), 'utf8')).trimEnd().split('\n');
    expect(seg[0]).toBe('customerID,segment');
    expect(seg).toHaveLength(rows.length + 1);
    const idCol = header.indexOf('customerID');
    expect(seg.slice(1).map((l) => l.split(',')[0])).toEqual(rows.map((r) => r[idCol]));
    const scores = (await readFile(join(out, 'segment-k-scores.csv'), 'utf8')).trimEnd().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expect(scores.map((s) => s[0])).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = scores.reduce((a, b) => (b[2] > a[2] ? b : a));
    const labels = seg.slice(1).map((l) => Number(l.split(',')[1]));
    expect(Math.max(...labels) + 1).toBe(best[0]);
    expect(stdout).toContain(`Best silhouette: k = ${best[0]}`);
  });

  it('profiles each segment with sizes, churn shares and means that a recount of the raw file confirms', async () => {
    const { header, rows } = rawRows();
    const seg = (await readFile(join(out, 'segments.csv'), 'utf8')).trimEnd().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    const lines = (await readFile(join(out, 'segment-profiles.csv'), 'utf8')).trimEnd().split('\n');
    const cols = lines[0].split(',');
    const tenure = header.indexOf('tenure');
    const churn = header.indexOf('Churn');
    for (const line of lines.slice(1)) {
      const cells = line.split(',');
      const s = Number(cells[0]);
      const members = rows.filter((_, i) => seg[i] === s);
      expect(Number(cells[cols.indexOf('size')])).toBe(members.length);
      const meanTenure = members.reduce((a, r) => a + Number(r[tenure]), 0) / members.length;
      expect(Number(cells[cols.indexOf('tenure_mean')])).toBeCloseTo(meanTenure, 9);
      const churned = members.filter((r) => r[churn] === 'Yes').length / members.length;
      expect(Number(cells[cols.indexOf('churn_share')])).toBeCloseTo(churned, 12);
    }
    expect(stdout).toMatch(/TotalCharges is blank for 11\s+customers/);
  });

  it('builds the features: blank TotalCharges imputed as tenure × MonthlyCharges, services counted', async () => {
    const table = await readCsv(DATA, { inferTypes: false });
    const { features } = telcoSegmentationTable(table, 'telco');
    const { header, rows } = rawRows();
    const tc = header.indexOf('TotalCharges');
    const blank = rows.map((r, i) => (r[tc].trim() === '' ? i : -1)).filter((i) => i >= 0);
    expect(blank).toHaveLength(11);
    for (const i of blank) expect(features.column('TotalCharges').values[i]).toBe(0);
    const services = ['PhoneService', 'MultipleLines', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies'];
    const internet = header.indexOf('InternetService');
    for (const i of [0, 1, 2, 100, 5000]) {
      const r = rows[i];
      const expected = services.filter((s) => r[header.indexOf(s)] === 'Yes').length + (r[internet] === 'No' ? 0 : 1);
      expect(features.column('services').values[i]).toBe(expected);
    }
  });
});
