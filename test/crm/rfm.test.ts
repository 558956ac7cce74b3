import { describe, expect, it } from 'vitest';
import {
  AIRLINE_RFM,
  AIRLINE_RFM_BANDS,
  bandScores,
  DEFAULT_RFM_SEGMENTS,
  quantileScores,
  readTransactionLog,
  rfmAnalysis,
  rfmSegments,
  summarizeCustomers,
  transactionLogFromRecords,
} from '../../src/crm/index.js';
import { DataTable } from '../../src/data/table.js';
import { InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';
import { dataFile, haveData } from '../helpers/data.js';

describe('airline RFM table, band by band', () => {
  const score = (values: number[], which: 'recency' | 'frequency' | 'monetary') => Array.from(bandScores(values, AIRLINE_RFM_BANDS[which], which));

  it('R: months since the last purchase', () => {
    // within 1 month → 5; 1–3 → 4; 3–6 → 3; 6–12 → 2; more than 12 → 1 (upper ends included)
    expect(score([0, 0.5, 1], 'recency')).toEqual([5, 5, 5]);
    expect(score([1.0001, 2, 3], 'recency')).toEqual([4, 4, 4]);
    expect(score([3.0001, 6], 'recency')).toEqual([3, 3]);
    expect(score([6.0001, 12], 'recency')).toEqual([2, 2]);
    expect(score([12.0001, 40], 'recency')).toEqual([1, 1]);
  });

  it('F: purchases in the last 24 months, including the gap at 24', () => {
    expect(score([0, 1], 'frequency')).toEqual([1, 1]);
    expect(score([2, 5], 'frequency')).toEqual([2, 2]);
    expect(score([6, 10], 'frequency')).toEqual([3, 3]);
    expect(score([11, 23], 'frequency')).toEqual([4, 4]);
    expect(score([24, 25, 100], 'frequency')).toEqual([5, 5, 5]);
  });

  it('M: average spend, including the gap between 500 and 501', () => {
    expect(score([0, 499.99, 500], 'monetary')).toEqual([1, 1, 1]);
    expect(score([500.01, 500.5, 501, 1000], 'monetary')).toEqual([2, 2, 2, 2]);
    expect(score([1000.01, 1001, 3000], 'monetary')).toEqual([3, 3, 3]);
    expect(score([3001, 5000], 'monetary')).toEqual([4, 4]);
    expect(score([5000.01, 1e6], 'monetary')).toEqual([5, 5]);
  });

  it('the preset scores a summary with recency in months, the 24-month window and average spend', () => {
    const l = transactionLogFromRecords(
      [
        { c: 'old', d: '2020-01-01', a: 100 }, // 24 months and more before: outside the F window
        { c: 'old', d: '2021-06-01', a: 700 },
        { c: 'new', d: '2021-12-20', a: 6000 },
      ],
      { customer: 'c', date: 'd', amount: 'a' },
    );
    const s = summarizeCustomers(l, { observationDate: '2022-01-01' });
    const res = rfmAnalysis(s, AIRLINE_RFM);
    // old: last purchase 214 days ≈ 7.03 months ago → R 2; 1 purchase in 24 months → F 1; mean 400 → M 1
    expect([res.r[0], res.f[0], res.m[0]]).toEqual([2, 1, 1]);
    expect(res.cell[0]).toBe('211');
    // new: 12 days ago → R 5; 1 purchase → F 1; 6000 → M 5
    expect([res.r[1], res.f[1], res.m[1]]).toEqual([5, 1, 5]);
    expect(res.segment).toEqual(['Hibernating', 'New customers']);
  });

  it('rejects overlapping bands and values in no band', () => {
    expect(() => bandScores([1], [{ score: 1, min: 0, max: 2 }, { score: 2, min: 1, max: 3 }])).toThrow(InvalidOptionError);
    expect(() => bandScores([1], [{ score: 1, min: 0, max: 1, includeMax: true }, { score: 2, min: 1, max: 3 }])).toThrow(/overlap/);
    expect(() => bandScores([0.5, 7], [{ score: 1, min: 0, max: 5 }], 'frequency')).toThrow(/frequency: row 1 has 7, which is in no band/);
  });
});

describe('quantileScores', () => {
  it('splits distinct values into equal bins', () => {
    const v = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(Array.from(quantileScores(v))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(quantileScores(v, { direction: 'lower' }))).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it("gives tied values one score under 'average' and breaks ties by input order under 'first'", () => {
    const v = [1, 1, 1, 1, 2, 3];
    const avg = quantileScores(v, { bins: 3 });
    expect(new Set(Array.from(avg.subarray(0, 4))).size).toBe(1);
    // positions 0..3 average to 1.5 → ⌊1.5·3/6⌋ + 1 = 1
    expect(Array.from(avg)).toEqual([1, 1, 1, 1, 3, 3]);
    expect(Array.from(quantileScores(v, { bins: 3, ties: 'first' }))).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('is monotone in the value and uses every score on distinct data', () => {
    const v = Array.from({ length: 503 }, (_, i) => Math.sin(i) * 1000);
    const s = quantileScores(v, { bins: 7 });
    const idx = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    for (let k = 1; k < idx.length; k++) expect(s[idx[k]]).toBeGreaterThanOrEqual(s[idx[k - 1]]);
    expect(new Set(Array.from(s)).size).toBe(7);
  });

  it('rejects bad options and non-finite values naming the row', () => {
    expect(() => quantileScores([1, 2], { bins: 1 })).toThrow(InvalidOptionError);
    expect(() => quantileScores([1, NaN], {}, 'monetary')).toThrow(/monetary: row 1/);
  });
});

describe('segments', () => {
  it('the default map covers every cell of the 5 × 5 R × F grid', () => {
    const r: number[] = [];
    const f: number[] = [];
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) (r.push(i), f.push(j));
    const seg = rfmSegments(r, f, r.map(() => 3));
    expect(seg).not.toContain('Other');
    expect(seg[0]).toBe('Lost'); // R1 F1
    expect(seg[24]).toBe('Champions'); // R5 F5
    expect(seg[4]).toBe("Can't lose them"); // R1 F5
    expect(new Set(seg).size).toBe(DEFAULT_RFM_SEGMENTS.length);
  });

  it('accepts an overriding map, first match wins', () => {
    const rules = [
      { segment: 'Big spender', m: [5, 5] as const },
      { segment: 'Everyone else' },
    ];
    expect(rfmSegments([1, 5], [1, 5], [5, 1], rules)).toEqual(['Big spender', 'Everyone else']);
  });
});

describe('RFMD: demographics carried along', () => {
  it('joins demographic columns by customer id and keeps unknown customers as missing', () => {
    const l = transactionLogFromRecords(
      [
        { c: 'u1', d: '2024-01-01', a: 1 },
        { c: 'u2', d: '2024-01-02', a: 2 },
      ],
      { customer: 'c', date: 'd', amount: 'a' },
    );
    const demo = DataTable.fromRecords([{ id: 'u2', age: 40, city: 'Lyon' }]);
    const res = rfmAnalysis(summarizeCustomers(l), { demographics: { table: demo, key: 'id' } });
    expect(res.demographics).toEqual([
      { age: null, city: null },
      { age: 40, city: 'Lyon' },
    ]);
    expect(() => rfmAnalysis(summarizeCustomers(l), { demographics: { table: demo, key: 'nope' } })).toThrow(InvalidOptionError);
    expect(() => rfmAnalysis(summarizeCustomers(l), { method: 'bands' })).toThrow(/band tables are required/);
  });
});

describe.skipIf(!haveData('clv/CDNOW_master.txt'))('CDNOW_master end to end', () => {
  it('summarises, scores and tiers 23,570 customers from 69,659 transactions', async () => {
    const l = await readTransactionLog(dataFile('clv/CDNOW_master.txt'), { format: 'whitespace', customer: 'customer_id', date: 'date', amount: 'dollar_value' });
    expect(l.customer.length).toBe(69659);
    const s = summarizeCustomers(l, { negativeAmounts: 'error' });
    expect(s.size).toBe(23570);
    let purchases = 0;
    for (let i = 0; i < s.size; i++) purchases += s.frequency[i];
    expect(purchases).toBe(69659);
    const res = rfmAnalysis(s);
    for (const arr of [res.r, res.f, res.m]) {
      expect(Math.min(...arr)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...arr)).toBeLessThanOrEqual(5);
    }
    // quintiles of distinct-valued monetary totals hold about a fifth each
    const counts = [0, 0, 0, 0, 0];
    for (const m of res.m) counts[m - 1]++;
    for (const c of counts) expect(Math.abs(c - 23570 / 5)).toBeLessThan(23570 * 0.02);
    expect(res.segment).not.toContain('Other');
    const air = rfmAnalysis(s, AIRLINE_RFM);
    expect(air.r.length).toBe(23570);
  });
});

describe('errors', () => {
  it('typed errors for an invalid method', () => {
    const l = transactionLogFromRecords([{ c: 'u', d: '2024-01-01', a: 1 }], { customer: 'c', date: 'd', amount: 'a' });
    expect(() => rfmAnalysis(summarizeCustomers(l), { method: 'kmeans' as never })).toThrow(InvalidOptionError);
    expect(() => rfmSegments([1], [1, 2], [1])).toThrow(InvalidInputError);
  });
});
