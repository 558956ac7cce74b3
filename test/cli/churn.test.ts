import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChurnModel } from '../../src/churn/index.js';
import { readCsv } from '../../src/data/csv.js';
import { analyzeCommand } from '../../src/cli/analyze.js';
import { churnModelStep } from '../../src/cli/analyses/churn.js';
import { cli } from './helpers.js';

let dir: string;
let csv: string;

/** 240 customers whose churn follows tenure and contract, written as a CSV with an id and a blank cell. */
function customers(): string {
  const lines = ['id,tenure,monthly,contract,Churn'];
  let s = 12345;
  const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 240; i++) {
    const tenure = Math.floor(rand() * 72);
    const contract = ['Month-to-month', 'One year', 'Two year'][Math.floor(rand() * 3)];
    const monthly = (20 + rand() * 100).toFixed(2);
    const risk = (contract === 'Month-to-month' ? 0.5 : 0.1) * (tenure < 12 ? 1.5 : 0.6);
    lines.push(`c${i},${i === 7 ? '' : tenure},${monthly},${contract},${rand() < risk ? 'Yes' : 'No'}`);
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'churn-cli-'));
  csv = join(dir, 'customers.csv');
  await writeFile(csv, customers());
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('crm-mining churn', () => {
  it('prints the contract JSON with --cv: backend, rows, per-fold AUC, baselines and the threshold', async () => {
    const r = await cli(['churn', csv, '--target', 'Churn', '--id', 'id', '--cv', '3', '--epochs', '5', '--backend', 'wasm', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['backend', 'rows', 'cv', 'threshold']);
    expect(json.backend).toBe('wasm');
    expect(json.rows).toBe(240);
    expect(json.cv.folds).toBe(3);
    expect(json.cv.aucPerFold).toHaveLength(3);
    expect(json.cv.auc).toBeCloseTo(json.cv.aucPerFold.reduce((a: number, b: number) => a + b, 0) / 3, 12);
    expect(Object.keys(json.cv.baselines)).toEqual(['logistic', 'tree']);
    for (const v of [json.cv.auc, json.cv.baselines.logistic, json.cv.baselines.tree]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(json.threshold === null || (json.threshold >= 0 && json.threshold <= 1)).toBe(true);
  });

  it('scores every customer without --cv and saves a model that loads back with the same probabilities', async () => {
    const out = join(dir, 'model');
    const r = await cli(['churn', csv, '--target', 'Churn', '--id', 'id', '--epochs', '5', '--backend', 'cpu', '--model-out', out, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.backend).toBe('cpu');
    expect(json.predictions).toHaveLength(240);
    expect(json.predictions[0].id).toBe('c0');
    expect(new Set(json.predictions.map((p: { decile: number }) => p.decile)).size).toBeGreaterThan(5);
    // the row with a blank tenure is scored too (imputed), not dropped
    expect(json.predictions[7].probability).toBeGreaterThan(0);
    const model = await ChurnModel.load(out);
    const again = model.predict(await readCsv(csv));
    expect(again.map((p) => p.probability)).toEqual(json.predictions.map((p: { probability: number }) => p.probability));
    const saved = JSON.parse(await readFile(join(out, 'churn.json'), 'utf8'));
    expect(saved.preprocessing.missing).toEqual({ tenure: 1 });
    model.dispose();
  });

  it('prints the lift table, the threshold and the riskiest customers with reasons as text', async () => {
    const r = await cli(['churn', csv, '--target', 'Churn', '--id', 'id', '--epochs', '5', '--top', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/decile\s+customers\s+churners/);
    expect(r.stdout).toMatch(/Profit-maximising threshold|No threshold pays/);
    expect(r.stdout).toMatch(/The 3 riskiest customers and why/);
  });

  it('fails with one line for a missing label column, a bad label and a bad backend', async () => {
    const noLabel = await cli(['churn', csv, '--target', 'Left']);
    expect(noLabel.code).toBe(1);
    expect(noLabel.stderr).toMatch(/^crm-mining: option --target: no column "Left" in .*customers\.csv \(the columns are "id", /);
    const three = join(dir, 'three.csv');
    await writeFile(three, 'x,y\n1,a\n2,b\n3,c\n4,a\n');
    const bad = await cli(['churn', three, '--target', 'y']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/3 distinct values/);
    const badBackend = await cli(['churn', csv, '--target', 'Churn', '--backend', 'gpu']);
    expect(badBackend.code).toBe(1);
    expect(badBackend.stderr).toMatch(/--backend/);
    const usage = await cli(['churn', csv]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing --target/);
  });
});

describe('the neural churn step of the main job', () => {
  it('trains on the bundled customers, prints AUC, lift, threshold and reasons, and writes every score', async () => {
    let stdout = '';
    const out = join(dir, 'job');
    const code = await analyzeCommand(['--out', out], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true } }, process.cwd(), [churnModelStep]);
    expect(code).toBe(0);
    const auc = Number(/ROC AUC (\d\.\d+)/.exec(stdout)?.[1]);
    expect(auc).toBeGreaterThan(0.8);
    expect(stdout).toMatch(/TotalCharges is blank for 11 new customers/);
    expect(stdout).toMatch(/decile\s+customers\s+churners/);
    expect(stdout).toMatch(/Profit-maximising threshold \(held-out, realised\)/);
    expect(stdout).toMatch(/riskiest held-out customers and why/);
    const scores = (await readFile(join(out, 'churn-scores.csv'), 'utf8')).trim().split('\n');
    expect(scores).toHaveLength(7044);
    expect(scores[0]).toBe('customerID,probability,decile,heldOut');
  });
});
