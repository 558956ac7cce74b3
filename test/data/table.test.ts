import { describe, expect, it } from 'vitest';
import { DataTable } from '../../src/data/table.js';
import { InvalidInputError } from '../../src/core/errors.js';

describe('DataTable', () => {
  it('infers column types from records and keeps missing values as null', () => {
    const t = DataTable.fromRecords([
      { id: 'a', amount: 10.5, vip: true, since: new Date('2020-01-02') },
      { id: 'b', amount: null, vip: undefined },
      { id: 'c', amount: 0, vip: false, since: new Date('2021-03-04') },
    ]);
    expect(t.rowCount).toBe(3);
    expect(t.columnNames).toEqual(['id', 'amount', 'vip', 'since']);
    expect(t.columns.map((c) => c.type)).toEqual(['string', 'number', 'boolean', 'date']);
    expect(t.column('amount').values).toEqual([10.5, null, 0]);
    expect(t.column('vip').values).toEqual([true, null, false]);
    expect(t.row(1)).toEqual({ id: 'b', amount: null, vip: null, since: null });
  });

  it('round-trips through records and selects columns', () => {
    const records = [
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ];
    const t = DataTable.fromRecords(records);
    expect(t.toRecords()).toEqual(records);
    expect(t.select(['b']).toRecords()).toEqual([{ b: 'x' }, { b: 'y' }]);
  });

  it('names the row and field of a mixed-type column', () => {
    expect(() => DataTable.fromRecords([{ a: 1 }, { a: 'two' }])).toThrow('row 1, field "a": a string in a column of numbers');
    expect(() => DataTable.fromRecords([{ a: Number.NaN }])).toThrow(InvalidInputError);
    expect(() => DataTable.fromRecords([{ a: {} }])).toThrow(/row 0, field "a"/);
  });

  it('rejects columns of unequal length, duplicate names and unknown columns', () => {
    expect(
      () =>
        new DataTable([
          { name: 'a', type: 'number', values: [1, 2] },
          { name: 'b', type: 'number', values: [1] },
        ]),
    ).toThrow(/column "b" has 1 values, expected 2/);
    expect(
      () =>
        new DataTable([
          { name: 'a', type: 'number', values: [1] },
          { name: 'a', type: 'number', values: [1] },
        ]),
    ).toThrow(/duplicate column name "a"/);
    const t = DataTable.fromRecords([{ a: 1 }]);
    expect(() => t.column('z')).toThrow('no column named "z"; the columns are "a"');
    expect(() => t.row(5)).toThrow(/row 5 is out of range/);
  });
});
