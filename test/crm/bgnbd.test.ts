import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BgNbdModel,
  bgnbdNegativeLogLikelihood,
  fitBgNbd,
  fitGammaGamma,
  fitClvFromTable,
  GammaGammaModel,
  gammaGammaNegativeLogLikelihood,
  probabilisticClv,
} from '../../src/crm/index.js';
import { finiteDifferenceGradient } from '../../src/core/optimize.js';
import { Random } from '../../src/core/rng.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { readCsv } from '../../src/data/csv.js';
import { dataFile, haveData } from '../helpers/data.js';

function readSummary(file: string): Record<string, number[]> {
  const [head, ...lines] = readFileSync(dataFile(file), 'utf8').trim().split(/\r?\n/);
  const names = head.split(',');
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, [] as number[]]));
  for (const line of lines) line.split(',').forEach((v, k) => out[names[k]].push(Number(v)));
  return out;
}

/** Within half a unit of the last digit shown, plus one unit of slack for the reference's own stopping rule. */
function toDigits(got: number, shown: number, decimals: number): void {
  expect(Math.abs(got - shown)).toBeLessThanOrEqual(1.5 * 10 ** -decimals);
}

const FILE = 'clv/cdnow_customers_summary.csv';
const FILE_TX = 'clv/cdnow_customers_summary_with_transactions.csv';

describe.skipIf(!haveData(FILE))('BG/NBD on cdnow_customers_summary.csv (2,357 customers)', () => {
  const d = readSummary(FILE);
  const data = { frequency: d.frequency, recency: d.recency, T: d.T };
  const model = fitBgNbd(data);

  it('reproduces r, alpha, a, b and the negative log-likelihood to the digits of the reference', () => {
    expect(d.frequency.length).toBe(2357);
    toDigits(model.r, 0.242593, 6);
    toDigits(model.alpha, 4.413532, 6);
    toDigits(model.a, 0.792886, 6);
    toDigits(model.b, 2.425752, 6);
    expect(-model.logLikelihood).toBeCloseTo(9582.4256, 4);
  });

  it('is a maximum: the gradient vanishes and nearby points are worse', () => {
    const g = new Float64Array(4);
    const nll = bgnbdNegativeLogLikelihood(data, model, g);
    expect(nll).toBeCloseTo(-model.logLikelihood, 9);
    // relative to a log-likelihood of about 1e4, a gradient of 1e-4 is at the rounding floor of the sum
    for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-4);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.999, 1.001]) {
        expect(bgnbdNegativeLogLikelihood(data, { ...model.toJSON(), [k]: model[k] * f })).toBeGreaterThan(nll);
      }
    }
  });

  it('the analytic gradient matches central differences away from the optimum', () => {
    const at = { r: 0.5, alpha: 3, a: 1.4, b: 0.9 };
    const g = new Float64Array(4);
    bgnbdNegativeLogLikelihood(data, at, g);
    const fd = finiteDifferenceGradient(
      (th) => bgnbdNegativeLogLikelihood(data, { r: Math.exp(th[0]), alpha: Math.exp(th[1]), a: Math.exp(th[2]), b: Math.exp(th[3]) }),
      [Math.log(at.r), Math.log(at.alpha), Math.log(at.a), Math.log(at.b)],
    );
    for (let k = 0; k < 4; k++) expect(Math.abs(g[k] - fd[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd[k])));
  });

  it("gives Fader & Hardie's published E[Y(39)] = 1.226 for the customer with x = 2, t_x = 30.43, T = 38.86", () => {
    expect(model.conditionalExpectedPurchases(39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it('fits from a summary table read through data/ in the CLI shape', async () => {
    const table = await readCsv(dataFile(FILE));
    const fit = fitClvFromTable(table, { frequency: 'frequency', recency: 'recency', T: 'T' });
    expect(Object.keys(fit.bgnbd).sort()).toEqual(['a', 'alpha', 'b', 'logLikelihood', 'r']);
    toDigits(fit.bgnbd.r, 0.242593, 6);
    expect(fit.gammaGamma).toBeUndefined();
    expect(() => fitClvFromTable(table, { frequency: 'x', recency: 'recency', T: 'T' })).toThrow(InvalidOptionError);
  });
});

describe('BG/NBD model properties', () => {
  const m = new BgNbdModel({ r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 });

  it('P(alive) is 1 without repeat purchases and falls as the last purchase recedes', () => {
    expect(m.probabilityAlive(0, 0, 30)).toBe(1);
    const recent = m.probabilityAlive(3, 29, 30);
    const old = m.probabilityAlive(3, 5, 30);
    expect(recent).toBeGreaterThan(old);
    expect(recent).toBeLessThanOrEqual(1);
    expect(old).toBeGreaterThan(0);
  });

  it('E[X(t)] agrees with a simulation of the BG/NBD story', () => {
    const rng = new Random(7);
    const gamma = (shape: number): number => {
      // Marsaglia–Tsang, with the boost for shape < 1
      if (shape < 1) return gamma(shape + 1) * Math.pow(rng.next(), 1 / shape);
      const d = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * d);
      for (;;) {
        const z = rng.normal();
        const v = (1 + c * z) ** 3;
        if (v <= 0) continue;
        if (Math.log(rng.next()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
      }
    };
    const t = 39;
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const lambda = gamma(m.r) / m.alpha;
      const x1 = gamma(m.a);
      const p = x1 / (x1 + gamma(m.b));
      let time = 0;
      let count = 0;
      for (;;) {
        time += -Math.log(1 - rng.next()) / lambda;
        if (time > t) break;
        count++;
        if (rng.next() < p) break;
      }
      sum += count;
      sumSq += count * count;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / n);
    expect(Math.abs(m.expectedPurchases(t) - mean)).toBeLessThan(4 * se);
  });

  it('E[Y(t) | x, t_x, T] grows with t and is 0 at t = 0', () => {
    expect(m.conditionalExpectedPurchases(0, 2, 10, 20)).toBe(0);
    const a = m.conditionalExpectedPurchases(10, 2, 10, 20);
    const b = m.conditionalExpectedPurchases(50, 2, 10, 20);
    expect(b).toBeGreaterThan(a);
    expect(a).toBeGreaterThan(0);
  });

  it('round-trips through JSON exactly', () => {
    const json = JSON.parse(JSON.stringify(new BgNbdModel(m, -123.456)));
    const back = BgNbdModel.fromJSON(json);
    expect(back.toJSON()).toEqual({ r: m.r, alpha: m.alpha, a: m.a, b: m.b, logLikelihood: -123.456 });
  });

  it('rejects bad data naming the row, and bad parameters naming them', () => {
    expect(() => fitBgNbd({ frequency: [1, 2.5], recency: [1, 1], T: [2, 2] })).toThrow(/row 1: frequency 2.5/);
    expect(() => fitBgNbd({ frequency: [1], recency: [5], T: [2] })).toThrow(/recency 5 is greater than T 2/);
    expect(() => fitBgNbd({ frequency: [], recency: [], T: [] })).toThrow(InvalidInputError);
    expect(() => new BgNbdModel({ r: -1, alpha: 1, a: 1, b: 1 })).toThrow(/option r/);
    expect(() => m.conditionalExpectedPurchases(-1, 0, 0, 1)).toThrow(InvalidOptionError);
  });
});

describe.skipIf(!haveData(FILE_TX))('Gamma-Gamma on the 946 customers with x > 0', () => {
  const d = readSummary(FILE_TX);
  const data = { frequency: d.x, monetary: d.zbar };
  const model = fitGammaGamma(data);

  it('reproduces p, q, v to the digits of the reference', () => {
    expect(d.x.filter((x) => x > 0).length).toBe(946);
    toDigits(model.p, 6.2488, 4);
    toDigits(model.q, 3.7446, 4);
    toDigits(model.v, 15.4477, 4);
  });

  it('the analytic gradient matches central differences and vanishes at the fit', () => {
    const g = new Float64Array(3);
    gammaGammaNegativeLogLikelihood(data, { p: 2, q: 5, v: 30 }, g);
    const fd = finiteDifferenceGradient(
      (th) => gammaGammaNegativeLogLikelihood(data, { p: Math.exp(th[0]), q: Math.exp(th[1]), v: Math.exp(th[2]) }),
      [Math.log(2), Math.log(5), Math.log(30)],
    );
    for (let k = 0; k < 3; k++) expect(Math.abs(g[k] - fd[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd[k])));
    gammaGammaNegativeLogLikelihood(data, model, g);
    for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-4);
  });

  it('the conditional expected spend lies between the population mean and the customer mean', () => {
    const pop = model.meanTransactionValue();
    for (const [x, mbar] of [
      [1, 5],
      [4, 80],
      [20, 30],
    ]) {
      const e = model.conditionalExpectedValue(x, mbar);
      expect(e).toBeGreaterThanOrEqual(Math.min(pop, mbar));
      expect(e).toBeLessThanOrEqual(Math.max(pop, mbar));
    }
    expect(model.conditionalExpectedValue(0, 0)).toBe(pop);
    expect(GammaGammaModel.fromJSON(JSON.parse(JSON.stringify(model))).toJSON()).toEqual(model.toJSON());
  });

  it('fits both models from the summary table in the CLI shape, and prices customers', async () => {
    const table = await readCsv(dataFile(FILE_TX));
    const fit = fitClvFromTable(table, { frequency: 'x', recency: 't_x', T: 'T', monetary: 'zbar' });
    toDigits(fit.gammaGamma!.p, 6.2488, 4);
    toDigits(fit.bgnbd.alpha, 4.413532, 6);
    const bg = BgNbdModel.fromJSON(fit.bgnbd);
    const clv = probabilisticClv(bg, model, { frequency: d.x, recency: d.t_x, T: d.T, monetary: d.zbar }, { periods: 12, discountRate: 0.01 });
    expect(clv.length).toBe(d.x.length);
    for (const v of clv) expect(v).toBeGreaterThanOrEqual(0);
    // with no discounting and margin 1, CLV is expected purchases over the horizon times expected spend
    const one = probabilisticClv(bg, model, { frequency: [2], recency: [30.43], T: [38.86], monetary: [22.35] }, { periods: 9, periodLength: 39 / 9, discountRate: 0 });
    expect(one[0]).toBeCloseTo(bg.conditionalExpectedPurchases(39, 2, 30.43, 38.86) * model.conditionalExpectedValue(2, 22.35), 9);
    expect(() => probabilisticClv(bg, model, { frequency: [2], recency: [1], T: [3], monetary: [1] }, { discountRate: -1 })).toThrow(/discountRate/);
  });

  it('rejects a non-positive mean spend for a repeat buyer, naming the row', () => {
    expect(() => fitGammaGamma({ frequency: [0, 2], monetary: [0, 0] })).toThrow(/row 1: monetary 0/);
    expect(() => fitGammaGamma({ frequency: [0], monetary: [0] })).toThrow(/no customer with frequency > 0/);
  });
});
