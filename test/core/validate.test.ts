import { describe, expect, it } from 'vitest';
import {
  CrmMiningError,
  FileError,
  InvalidInputError,
  InvalidOptionError,
  LimitExceededError,
  ParseError,
} from '../../src/core/errors.js';
import { requireBoolean, requireFinite, requireInRange, requireInteger, requireOneOf } from '../../src/core/validate.js';

describe('typed errors', () => {
  it('are all CrmMiningErrors with a stable code and their own name', () => {
    const errors = [
      new InvalidOptionError('minSupport', 'bad'),
      new InvalidInputError('bad', { row: 3, field: 'x' }),
      new ParseError('bad', { line: 7, column: 'b', source: 'f.csv' }),
      new FileError('/no/such', 'missing'),
      new LimitExceededError('maxItemsets', 'too many'),
    ];
    const codes = errors.map((e) => e.code);
    expect(new Set(codes).size).toBe(errors.length);
    for (const e of errors) {
      expect(e).toBeInstanceOf(CrmMiningError);
      expect(e).toBeInstanceOf(Error);
      expect(e.name).toBe(e.constructor.name);
    }
  });

  it('put the place at fault in the message', () => {
    expect(new InvalidOptionError('minSupport', 'expected x').message).toBe('option minSupport: expected x');
    const p = new ParseError('expected a number', { line: 12, column: 'TotalCharges', source: 'telco.csv' });
    expect(p.message).toBe('telco.csv: line 12, column TotalCharges: expected a number');
    expect(p.line).toBe(12);
    expect(new FileError('/a/b.csv', 'no such file').message).toContain('/a/b.csv');
    const i = new InvalidInputError('row 4: bad', { row: 4, field: 'amount' });
    expect([i.row, i.field]).toEqual([4, 'amount']);
  });
});

describe('validation helpers', () => {
  it('requireInRange respects open and closed ends', () => {
    expect(requireInRange('minSupport', 1, 0, 1, { minInclusive: false })).toBe(1);
    expect(() => requireInRange('minSupport', 0, 0, 1, { minInclusive: false })).toThrow(
      'option minSupport: expected a number in (0, 1], got 0',
    );
    expect(() => requireInRange('p', Number.NaN, 0, 1)).toThrow(InvalidOptionError);
    expect(() => requireInRange('p', '0.5', 0, 1)).toThrow(/got "0.5"/);
  });

  it('requireInteger rejects fractions, out-of-range values and non-numbers', () => {
    expect(requireInteger('k', 3, 1)).toBe(3);
    expect(() => requireInteger('k', 2.5, 1)).toThrow(/option k: expected an integer in \[1, Infinity\], got 2.5/);
    expect(() => requireInteger('k', 0, 1)).toThrow(InvalidOptionError);
    expect(() => requireInteger('k', undefined)).toThrow(/got undefined/);
  });

  it('requireFinite, requireOneOf and requireBoolean', () => {
    expect(requireFinite('x', -2)).toBe(-2);
    expect(() => requireFinite('x', Infinity)).toThrow(/option x/);
    expect(requireOneOf('algorithm', 'apriori', ['fpgrowth', 'apriori'] as const)).toBe('apriori');
    expect(() => requireOneOf('algorithm', 'eclat', ['fpgrowth', 'apriori'] as const)).toThrow(
      "option algorithm: expected one of 'fpgrowth', 'apriori', got \"eclat\"",
    );
    expect(requireBoolean('trim', false)).toBe(false);
    expect(() => requireBoolean('trim', 'yes')).toThrow(/option trim/);
  });
});
