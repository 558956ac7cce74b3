import { describe, expect, it } from 'vitest';
import { customerValueReport, readTransactionLog, transactionLogFromRecords } from '../../src/crm/index.js';
import { dataFile, haveData } from '../helpers/data.js';

describe('customerValueReport', () => {
  it('returns { customers, rows } with one row per customer in the CLI shape', () => {
    const records: Record<string, unknown>[] = [];
    for (let c = 0; c < 10; c++) {
      for (let k = 0; k <= c; k++) records.push({ id: `c${c}`, day: `2024-01-${String(1 + 2 * k).padStart(2, '0')}`, amt: 10 * (c + 1) });
    }
    const log = transactionLogFromRecords(records, { customer: 'id', date: 'day', amount: 'amt' });
    const rep = customerValueReport(log, { observationDate: '2024-02-01' });
    expect(rep.customers).toBe(10);
    expect(rep.rows).toHaveLength(10);
    expect(Object.keys(rep.rows[0]).sort()).toEqual(['abc', 'customer', 'f', 'frequency', 'm', 'monetary', 'r', 'recency', 'segment'].sort());
    const last = rep.rows[9];
    expect(last).toMatchObject({ customer: 'c9', frequency: 10, monetary: 1000, recency: 13 /* Jan 19 to Feb 1 */, f: 5, m: 5, abc: 'A' });
    expect(rep.rows[0]).toMatchObject({ customer: 'c0', frequency: 1, monetary: 10, f: 1, m: 1, abc: 'C' });
    expect(rep.bgnbd).toBeUndefined();
  });
});

describe.skipIf(!haveData('clv/CDNOW_master.txt'))('customerValueReport on CDNOW_master with --clv', () => {
  it('reports 23,570 customers and fits both models on the same transactions in weeks', async () => {
    const log = await readTransactionLog(dataFile('clv/CDNOW_master.txt'), { format: 'whitespace', customer: 'customer_id', date: 'date', amount: 'dollar_value' });
    const rep = customerValueReport(log, { clv: true });
    expect(rep.customers).toBe(23570);
    expect(rep.rows).toHaveLength(23570);
    const { r, alpha, a, b, logLikelihood } = rep.bgnbd!;
    for (const v of [r, alpha, a, b]) expect(v).toBeGreaterThan(0);
    expect(logLikelihood).toBeLessThan(0);
    expect(rep.gammaGamma!.q).toBeGreaterThan(1);
  });
});
