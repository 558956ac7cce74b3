import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError, InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { DataTable } from '../../src/data/table.js';
import { rocAuc } from '../../src/evaluation/ranking.js';
import { selectRows } from '../../src/evaluation/splits.js';
import { ChurnModel, crossValidateChurn, loadTensorFlow, trainChurnModel, type ChurnModelOptions } from '../../src/churn/index.js';
import { syntheticChurn } from './synthetic.js';

const table = syntheticChurn({ rows: 400, seed: 11 });
const fresh = syntheticChurn({ rows: 200, seed: 12 });
const small: ChurnModelOptions = { target: 'Churn', id: 'id', hiddenLayers: [8], epochs: 15, batchSize: 32, learningRate: 0.02, backend: 'wasm', seed: 5 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'churn-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('backends', () => {
  it('loads the wasm backend from the package files and the cpu backend, and reports which', async () => {
    const wasm = await loadTensorFlow('wasm');
    expect(wasm.backend).toBe('wasm');
    expect(wasm.tf.getBackend()).toBe('wasm');
    expect(wasm.wasmPath).toMatch(/@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]$/);
    const cpu = await loadTensorFlow('cpu');
    expect(cpu.backend).toBe('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    await expect(loadTensorFlow('gpu' as never)).rejects.toThrow(InvalidOptionError);
  });
});

describe('trainChurnModel', () => {
  it('learns the synthetic signal and gives calibrated-looking probabilities', async () => {
    const model = await trainChurnModel(table, small);
    expect(model.backend).toBe('wasm');
    const p = model.predictProbabilities(fresh);
    const y = Array.from(fresh.column('Churn').values, (v) => (v === 'Yes' ? 1 : 0));
    expect(rocAuc(y, p)).toBeGreaterThan(0.75);
    // the prior-shift correction keeps the mean probability near the churn rate despite balanced weights
    const rate = y.reduce((a: number, b) => a + b, 0) / y.length;
    const meanP = p.reduce((a, b) => a + b, 0) / p.length;
    expect(Math.abs(meanP - rate)).toBeLessThan(0.1);
    expect(model.history.length).toBeGreaterThanOrEqual(model.bestEpoch);
    model.dispose();
  });

  it('gives identical predictions for two fits with the same seed, and different ones for another seed', async () => {
    const a = await trainChurnModel(table, small);
    const b = await trainChurnModel(table, small);
    const c = await trainChurnModel(table, { ...small, seed: 6 });
    const pa = a.predictProbabilities(fresh);
    expect(Array.from(b.predictProbabilities(fresh))).toEqual(Array.from(pa));
    expect(Array.from(c.predictProbabilities(fresh))).not.toEqual(Array.from(pa));
    for (const m of [a, b, c]) m.dispose();
  });

  it('is deterministic on the cpu backend too', async () => {
    const opts = { ...small, backend: 'cpu' as const, epochs: 5 };
    const a = await trainChurnModel(table, opts);
    const b = await trainChurnModel(table, opts);
    expect(a.backend).toBe('cpu');
    expect(Array.from(b.predictProbabilities(fresh))).toEqual(Array.from(a.predictProbabilities(fresh)));
    a.dispose();
    b.dispose();
  });

  it('scores, ranks into deciles and explains customers, with missing values and unseen categories', async () => {
    const model = await trainChurnModel(table, { ...small, calibration: 'platt' });
    expect(model.platt).not.toBeNull();
    const odd = DataTable.fromRecords([
      { id: 'x1', usage: 20, noise: 0, plan: 'C' },
      { id: 'x2', usage: null, noise: null, plan: 'never-seen' },
      { id: 'x3', usage: 80, noise: 0, plan: 'A' },
    ]);
    const preds = model.predict(odd);
    expect(preds.map((p) => p.id)).toEqual(['x1', 'x2', 'x3']);
    for (const p of preds) {
      expect(p.probability).toBeGreaterThan(0);
      expect(p.probability).toBeLessThan(1);
      expect(p.decile).toBeGreaterThanOrEqual(1);
      expect(p.decile).toBeLessThanOrEqual(10);
    }
    // low usage on plan C is the riskiest profile by construction, high usage on plan A the safest
    expect(preds[0].probability).toBeGreaterThan(preds[2].probability);
    expect(preds[0].decile).toBeLessThanOrEqual(preds[2].decile);
    const [why] = model.explain(odd.toRecords().slice(0, 1), { top: 2 });
    expect(why.drivers.length).toBeGreaterThan(0);
    expect(why.drivers.map((d) => d.column)).toContain('usage');
    // each effect is the probability minus the probability with that column set to its typical value
    const typicalUsage = { id: 'x1', usage: Number(model.preprocessor.typicalValue('usage')), noise: 0, plan: 'C' };
    const [pTypical] = model.predictProbabilities([typicalUsage]);
    expect(why.effects.usage).toBeCloseTo(why.probability - pTypical, 6);
    const importance = model.permutationImportance(fresh, { repeats: 2 });
    expect(importance.map((f) => f.column).slice(0, 2).sort()).toEqual(['plan', 'usage']);
    const ev = model.evaluate(fresh);
    expect(ev.gains).toHaveLength(10);
    expect(ev.gains[0].lift).toBeGreaterThan(1);
    expect(ev.brier).toBeGreaterThan(0);
    expect(ev.brier).toBeLessThan(0.25);
    model.dispose();
  });

  it('round-trips through save and load with identical predictions', async () => {
    const model = await trainChurnModel(table, { ...small, calibration: 'platt' });
    const out = join(dir, 'model');
    await model.save(out);
    const back = await ChurnModel.load(out);
    expect(back.backend).toBe('wasm');
    expect(back.schema).toEqual(model.schema);
    expect(back.platt).toEqual(model.platt);
    expect(back.decileCuts).toEqual(model.decileCuts);
    expect(Array.from(back.predictProbabilities(fresh))).toEqual(Array.from(model.predictProbabilities(fresh)));
    expect(back.predict(fresh)).toEqual(model.predict(fresh));
    const manifest = JSON.parse(await readFile(join(out, 'model.json'), 'utf8'));
    expect(manifest.format).toBe('layers-model');
    expect(manifest.weightsManifest[0].paths).toEqual(['weights.bin']);
    model.dispose();
    back.dispose();
  });

  it('rejects a missing or corrupt model folder with a FileError', async () => {
    await expect(ChurnModel.load(join(dir, 'nothing-here'))).rejects.toThrow(FileError);
    const model = await trainChurnModel(table, { ...small, epochs: 2 });
    const out = join(dir, 'corrupt');
    await model.save(out);
    await writeFile(join(out, 'weights.bin'), Buffer.alloc(10));
    await expect(ChurnModel.load(out)).rejects.toThrow(/corrupt weights/);
    await model.save(out);
    await writeFile(join(out, 'churn.json'), '{ not json');
    await expect(ChurnModel.load(out)).rejects.toThrow(FileError);
    model.dispose();
  });

  it('rejects bad input with typed errors', async () => {
    const oneClass = DataTable.fromRecords(Array.from({ length: 10 }, (_, i) => ({ x: i, y: 'No', z: i % 2 ? 'Yes' : 'No' })));
    await expect(trainChurnModel(oneClass, { target: 'y', positive: 'No', backend: 'cpu' })).rejects.toThrow(/one class only/);
    await expect(trainChurnModel(oneClass, { target: 'Churn' })).rejects.toThrow(InvalidInputError);
    const textual = DataTable.fromRecords(Array.from({ length: 10 }, (_, i) => ({ x: i === 4 ? 'lots' : String(i), y: i % 2 ? 'Yes' : 'No' })));
    await expect(trainChurnModel(textual, { target: 'y', columnTypes: { x: 'numeric' }, backend: 'cpu' })).rejects.toThrow(/"x": row 4 is "lots"/);
    await expect(trainChurnModel(table, { ...small, dropout: 1 })).rejects.toThrow(InvalidOptionError);
    await expect(trainChurnModel(table, { ...small, hiddenLayers: [0] })).rejects.toThrow(/hiddenLayers\[0\]/);
  });
});

describe('crossValidateChurn', () => {
  it('reports per-fold AUC beside logistic regression and another baseline, and out-of-fold probabilities', async () => {
    const cv = await crossValidateChurn(table, { ...small, folds: 3, epochs: 3, baselines: { constant: (_train, test) => new Float64Array(test.rowCount) } });
    expect(cv.folds).toBe(3);
    expect(cv.aucPerFold).toHaveLength(3);
    expect(cv.baselinesPerFold.logistic).toHaveLength(3);
    expect(cv.baselines.logistic).toBeGreaterThan(0.6);
    expect(cv.baselines.constant).toBe(0.5); // all scores tied
    expect(cv.auc).toBeCloseTo(cv.aucPerFold.reduce((a, b) => a + b, 0) / 3, 12);
    // every row was a test row exactly once and got a probability there
    const seen = new Int32Array(table.rowCount);
    for (const d of cv.details) for (const i of d.test) seen[i]++;
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
    expect(Array.from(cv.outOfFold).every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('never lets validation rows reach the scaler or the encoder', async () => {
    // the test rows of every fold carry an extreme usage and a category of their own; if a fold's
    // preprocessing saw any of them, its mean would jump and the category would appear
    const base = syntheticChurn({ rows: 120, seed: 3 }).toRecords();
    const poisoned = DataTable.fromRecords(base);
    const cv = await crossValidateChurn(poisoned, { ...small, folds: 3, epochs: 1, logistic: false, validationFraction: 0 });
    for (const fold of cv.details) {
      const recs = base.map((r) => ({ ...r }));
      for (const i of fold.test) {
        recs[i].usage = 1e9;
        recs[i].plan = 'poison';
      }
      // refit this fold on the poisoned copy: the result must not change
      const model = await trainChurnModel(DataTable.fromRecords(recs), { ...small, epochs: 1, validationFraction: 0, rows: fold.train });
      expect(model.preprocessor.toJSON()).toEqual(fold.preprocessing);
      expect(model.preprocessor.encoders[0].categories).not.toContain('poison');
      model.dispose();
    }
    expect(selectRows(poisoned, cv.details[0].test).rowCount).toBe(cv.details[0].test.length);
  });
});
