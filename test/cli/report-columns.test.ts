import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { mapColumns, unknownColumnMessage } from '../../src/cli/analyses/columns.js';
import { textTable as table, thrown } from './report-data.js';

const optionError = (f: () => unknown): InvalidOptionError => thrown(InvalidOptionError, f);

describe('the message for an unknown column', () => {
  it('suggests a close column (a near spelling, another case, an abbreviation) and nothing when none is close', () => {
    expect(unknownColumnMessage('Chrun', 'c.csv', ['id', 'Churn'])).toBe('no column "Chrun" in c.csv; did you mean "Churn"? (the columns are "id", "Churn")');
    expect(unknownColumnMessage('MONTHLY', 'c.csv', ['monthly_fee', 'Monthly', 'total'])).toContain('did you mean "Monthly"?');
    expect(unknownColumnMessage('tenure_month', 'c.csv', ['Tenure_Months', 'id'])).toContain('did you mean "Tenure_Months"?');
    expect(unknownColumnMessage('nosuch', 'c.csv', ['id', 'tenure'])).toBe('no column "nosuch" in c.csv (the columns are "id", "tenure")');
  });
});

describe('mapColumns', () => {
  it('renames the user\'s columns to the Telco role names and leaves the others alone', () => {
    const t = table({ client: ['a', 'b'], months: ['3', '40'], fee: ['20.5', '70'], plan: ['One year', 'Two year'], extra: ['x', 'y'] });
    const m = mapColumns(t, { id: 'client', tenure: 'months', monthly: 'fee', contract: 'plan' }, 'c.csv');
    expect(m.table.columnNames).toEqual(['customerID', 'tenure', 'MonthlyCharges', 'Contract', 'extra']);
    expect(m.table.column('tenure').values).toEqual(['3', '40']);
    expect(m.table.column('extra')).toBe(t.column('extra'));
    expect(m.renamed).toEqual([
      { from: 'client', to: 'customerID' },
      { from: 'months', to: 'tenure' },
      { from: 'fee', to: 'MonthlyCharges' },
      { from: 'plan', to: 'Contract' },
    ]);
    expect(m.dropped).toEqual([]);
  });

  it('returns the same table when nothing is mapped', () => {
    const t = table({ Churn: ['Yes', 'No'] });
    expect(mapColumns(t, {}, 'c.csv').table).toBe(t);
  });

  it('maps the churn value to Yes and every other value to No, keeping empty cells empty', () => {
    const t = table({ left: ['1', '0', null, '1'] });
    const m = mapColumns(t, { churn: 'left', churnYes: '1' }, 'c.csv');
    expect(m.table.column('Churn').values).toEqual(['Yes', 'No', null, 'Yes']);
  });

  it('keeps the --services columns under their own names, in any number, and refuses a role column as a service', () => {
    const cols = Object.fromEntries(Array.from({ length: 9 }, (_x, k) => [`s${k}`, ['Yes']]));
    const t = table({ ...cols, Churn: ['No'], Contract: ['One year'] });
    const names = Object.keys(cols);
    const m = mapColumns(t, { services: names }, 'c.csv');
    expect(m.table).toBe(t); // nothing renamed, nothing dropped
    expect(m.renamed).toEqual([]);
    const role = optionError(() => mapColumns(t, { services: ['s0', 'Contract'] }, 'c.csv'));
    expect(role.option).toBe('--services');
    expect(role.message).toMatch(/column "Contract" is the contract column \(--contract\)/);
    expect(optionError(() => mapColumns(t, { services: ['Churn'] }, 'c.csv')).message).toMatch(/is the churn column/);
    expect(optionError(() => mapColumns(t, { services: [] }, 'c.csv')).message).toMatch(/expected one or more column names/);
  });

  it('leaves out a column whose Telco name a flag gives to another column', () => {
    const t = table({ Churn: ['old', 'old'], left: ['Yes', 'No'] });
    const m = mapColumns(t, { churn: 'left' }, 'c.csv');
    expect(m.table.columnNames).toEqual(['Churn']);
    expect(m.table.column('Churn').values).toEqual(['Yes', 'No']);
    expect(m.dropped).toEqual(['Churn']);
  });

  it('names the flag and suggests the closest column when a flag names a column that does not exist', () => {
    const t = table({ customer_id: ['a'], Tenure_Months: ['1'] });
    const e = optionError(() => mapColumns(t, { tenure: 'tenure_month' }, 'c.csv'));
    expect(e.option).toBe('--tenure');
    expect(e.message).toMatch(/^option --tenure: no column "tenure_month" in c\.csv; did you mean "Tenure_Months"\?/);
    const s = optionError(() => mapColumns(t, { services: ['customer_id', 'Phone'] }, 'c.csv'));
    expect(s.option).toBe('--services');
  });

  it('rejects one column given to two flags, a --churn-yes value no cell holds, and a churn column with three values', () => {
    const t = table({ a: ['1', '0'], b: ['x', 'y'], c: ['p', 'q'] });
    expect(optionError(() => mapColumns(t, { id: 'a', tenure: 'a' }, 'c.csv')).message).toMatch(/column "a" is already given to --id/);
    const yes = optionError(() => mapColumns(t, { churn: 'a', churnYes: 'Yes' }, 'c.csv'));
    expect(yes.option).toBe('--churn-yes');
    expect(yes.message).toMatch(/no cell of the churn column "a" in c\.csv is "Yes"; its values are "1", "0"/);
    const three = table({ Churn: ['Yes', 'No', 'Maybe'] });
    expect(optionError(() => mapColumns(three, { churnYes: 'Yes' }, 'c.csv')).message).toMatch(/holds 3 different values/);
    expect(optionError(() => mapColumns(table({ x: ['1'] }), { churnYes: '1' }, 'c.csv')).message).toMatch(/no column "Churn"; name the churn column with --churn COL/);
  });
});
