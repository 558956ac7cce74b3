import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  customerSummaryRecords,
  parseTransactionLog,
  parseWhitespaceTable,
  readTransactionLog,
  summarizeCustomers,
  transactionLogFromRecords,
} from '../../src/crm/index.js';
import { InvalidInputError, InvalidOptionError, ParseError } from '../../src/core/errors.js';
import { dataFile, haveData } from '../helpers/data.js';

const cols = { customer: 'customer', date: 'date', amount: 'amount' };

function log(records: Record<string, unknown>[]) {
  return transactionLogFromRecords(records, cols);
}

describe('summarizeCustomers on a hand-made log', () => {
  const l = log([
    { customer: 'a', date: '2024-01-01', amount: 10 },
    { customer: 'b', date: '2024-01-05', amount: 5 },
    { customer: 'a', date: '2024-01-15', amount: 20 },
    { customer: 'a', date: '2024-01-15', amount: 30 }, // same day: one purchase day for BG/NBD
    { customer: 'a', date: '2024-01-29', amount: 40 },
  ]);

  it('computes recency, frequency, monetary and tenure by hand', () => {
    const s = summarizeCustomers(l, { observationDate: '2024-02-05' });
    expect(s.customers).toEqual(['a', 'b']);
    expect(Array.from(s.frequency)).toEqual([4, 1]);
    expect(Array.from(s.purchaseDays)).toEqual([3, 1]);
    expect(Array.from(s.repeatFrequency)).toEqual([2, 0]);
    expect(Array.from(s.recency)).toEqual([7, 31]);
    expect(Array.from(s.tX)).toEqual([28, 0]);
    expect(Array.from(s.T)).toEqual([35, 31]);
    expect(Array.from(s.monetaryTotal)).toEqual([100, 5]);
    expect(Array.from(s.monetaryMean)).toEqual([25, 5]);
    // repeat days: Jan 15 (50) and Jan 29 (40)
    expect(Array.from(s.repeatMonetaryMean)).toEqual([45, 0]);
  });

  it('converts units and defaults the observation date to the last purchase', () => {
    const s = summarizeCustomers(l, { unit: 'weeks' });
    expect(s.recency[0]).toBe(0);
    expect(s.T[0]).toBe(4);
    expect(s.tX[0]).toBe(4);
    const rec = customerSummaryRecords(s);
    expect(rec[1]).toMatchObject({ customer: 'b', firstPurchase: '2024-01-05', lastPurchase: '2024-01-05', frequency: 1 });
  });

  it('does not depend on row order', () => {
    const rows = [
      { customer: 'x', date: '2024-03-03', amount: 3 },
      { customer: 'x', date: '2024-03-01', amount: 1 },
      { customer: 'x', date: '2024-03-02', amount: 2 },
    ];
    const s1 = summarizeCustomers(log(rows), { observationDate: '2024-03-10' });
    const s2 = summarizeCustomers(log([...rows].reverse()), { observationDate: '2024-03-10' });
    expect(Array.from(s1.tX)).toEqual(Array.from(s2.tX));
    expect(Array.from(s1.repeatMonetaryMean)).toEqual([2.5]);
    expect(Array.from(s2.repeatMonetaryMean)).toEqual([2.5]);
  });

  it('counts purchases in the recent window', () => {
    const s = summarizeCustomers(l, { observationDate: '2024-02-05', recentWindow: 10 });
    // within 10 days of Feb 5: Jan 29 only
    expect(Array.from(s.recentFrequency)).toEqual([1, 0]);
  });
});

describe('bad input', () => {
  it('names the row of an unparseable date', async () => {
    const text = 'customer,date,amount\nc1,2024-01-01,3\nc2,2024-13-01,4\n';
    await expect(parseTransactionLog(text, cols)).rejects.toThrow(/row 1, column "date"/);
  });

  it('names the row of a missing customer id and of a bad amount', () => {
    expect(() => log([{ customer: 'a', date: '2024-01-01', amount: 1 }, { date: '2024-01-02', amount: 1 }])).toThrow(/row 1.*missing customer id/);
    expect(() => log([{ customer: 'a', date: '2024-01-01', amount: 'ten' }])).toThrow(InvalidInputError);
  });

  it('refunds: error by default, or dropped, or netted', () => {
    const l = log([
      { customer: 'a', date: '2024-01-01', amount: 50 },
      { customer: 'a', date: '2024-01-03', amount: -20 },
      { customer: 'a', date: '2024-01-02', amount: 30 },
    ]);
    expect(() => summarizeCustomers(l)).toThrow(/row 1: negative amount -20/);
    const dropped = summarizeCustomers(l, { negativeAmounts: 'drop' });
    expect(dropped.monetaryTotal[0]).toBe(80);
    expect(dropped.frequency[0]).toBe(2);
    const net = summarizeCustomers(l, { negativeAmounts: 'net' });
    expect(net.monetaryTotal[0]).toBe(60);
    expect(net.frequency[0]).toBe(2);
    expect(net.lastDay[0]).toBe(dropped.lastDay[0]);
    expect(() => summarizeCustomers(l, { negativeAmounts: 'keep' as never })).toThrow(InvalidOptionError);
  });

  it('rejects a purchase after the observation date unless asked to drop it', () => {
    const l = log([
      { customer: 'a', date: '2024-01-01', amount: 1 },
      { customer: 'a', date: '2024-02-01', amount: 1 },
    ]);
    expect(() => summarizeCustomers(l, { observationDate: '2024-01-15' })).toThrow(/row 1: purchase on 2024-02-01 is after the observation date 2024-01-15/);
    expect(summarizeCustomers(l, { observationDate: '2024-01-15', afterObservation: 'drop' }).frequency[0]).toBe(1);
    expect(() => summarizeCustomers(l, { observationDate: '15/01/2024' })).toThrow(InvalidOptionError);
  });
});

describe('whitespace files', () => {
  it('detects a header, keeps ids as text and names columns by position without one', () => {
    const withHeader = parseWhitespaceTable(' id  date amount\n 001 20240101  1.5\n\n 002 20240102 2\n');
    expect(withHeader.columnNames).toEqual(['id', 'date', 'amount']);
    expect(withHeader.column('id').values).toEqual(['001', '002']);
    const noHeader = parseWhitespaceTable('001 20240101 1.5\n002 20240102 2\n');
    expect(noHeader.columnNames).toEqual(['1', '2', '3']);
    expect(noHeader.rowCount).toBe(2);
    expect(() => parseWhitespaceTable('a b\n1 2\n3\n')).toThrow(ParseError);
    expect(() => parseWhitespaceTable('a b\n1 2\n3\n')).toThrow(/line 3/);
  });

  it('reads yyyymmdd dates and position-named columns', async () => {
    const l = await parseTransactionLog('7 20240229 3.5\n7 20240301 1\n', { format: 'whitespace', customer: 1, date: '2', amount: 3 });
    const s = summarizeCustomers(l);
    expect(s.customers).toEqual(['7']);
    expect(s.tX[0]).toBe(1); // 2024 is a leap year
    await expect(parseTransactionLog('7 20230229 3.5\n', { format: 'whitespace', customer: 1, date: 2, amount: 3 })).rejects.toThrow(/row 0, column "2"/);
  });
});

describe.skipIf(!haveData('clv/CDNOW_sample.txt') || !haveData('clv/cdnow_customers_summary_with_transactions.csv'))(
  'CDNOW sample against the published summary',
  () => {
    it('reproduces x, t_x, T and z̄ of cdnow_customers_summary_with_transactions.csv (39-week calibration period)', async () => {
      // columns: original id, new id (1..2357), date, CDs, dollars; calibration ends 1997-09-30
      const l = await readTransactionLog(dataFile('clv/CDNOW_sample.txt'), { format: 'whitespace', customer: 2, date: 3, amount: 5 });
      const s = summarizeCustomers(l, { unit: 'weeks', observationDate: '1997-09-30', afterObservation: 'drop' });
      const lines = readFileSync(dataFile('clv/cdnow_customers_summary_with_transactions.csv'), 'utf8').trim().split(/\r?\n/).slice(1);
      expect(s.size).toBe(lines.length);
      const byId = new Map(s.customers.map((c, i) => [String(Number(c)), i]));
      let checked = 0;
      for (const line of lines) {
        const [id, x, tx, T, zbar] = line.split(',');
        const i = byId.get(id);
        expect(i, `customer ${id}`).toBeDefined();
        expect(s.repeatFrequency[i!]).toBe(Number(x));
        expect(Math.abs(s.tX[i!] - Number(tx))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(s.T[i!] - Number(T))).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(s.repeatMonetaryMean[i!] - Number(zbar))).toBeLessThanOrEqual(0.005 + 1e-9);
        checked++;
      }
      expect(checked).toBe(2357);
    });
  },
);
