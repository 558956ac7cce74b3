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

  it('a range with an unlimited end reads as one comparison, never as Infinity or Number.MAX_VALUE', () => {
    expect(() => requireInRange('tol', -1, 0, Infinity)).toThrow(/option tol: expected a number >= 0, got -1$/);
    expect(() => requireInRange('rate', 0, 0, Infinity, { minInclusive: false })).toThrow(/option rate: expected a number > 0, got 0$/);
    expect(() => requireInRange('shift', 2, -Infinity, 1, { maxInclusive: false })).toThrow(/option shift: expected a number < 1, got 2$/);
    // Number.MAX_VALUE as the upper end keeps Infinity out, and the message says so.
    expect(() => requireInRange('ccpAlpha', -0.5, 0, Number.MAX_VALUE)).toThrow(/option ccpAlpha: expected a finite number >= 0, got -0.5$/);
    expect(() => requireInRange('ccpAlpha', Infinity, 0, Number.MAX_VALUE)).toThrow(/expected a finite number >= 0, got Infinity$/);
    expect(requireInRange('tol', Infinity, 0, Infinity)).toBe(Infinity);
    expect(() => requireInRange('x', Number.NaN, -Infinity, Infinity)).toThrow(/option x: expected a number, got NaN$/);
    for (const call of [() => requireInteger('k', 0, 1), () => requireInRange('a', -1, 0, Number.MAX_VALUE), () => requireInRange('a', -1, 0, Infinity)]) {
      expect(call).toThrow(InvalidOptionError);
      expect(call).not.toThrow(/Infinity\]|1\.7976931348623157e\+308/);
    }
  });

  it('requireInteger rejects fractions, out-of-range values and non-numbers', () => {
    expect(requireInteger('k', 3, 1)).toBe(3);
    expect(() => requireInteger('k', 2.5, 1)).toThrow(/option k: expected an integer >= 1, got 2.5$/);
    expect(() => requireInteger('k', 2.5, 1, 100)).toThrow(/option k: expected an integer in \[1, 100\], got 2.5$/);
    expect(() => requireInteger('k', 5, -Infinity, 4)).toThrow(/option k: expected an integer <= 4, got 5$/);
    expect(() => requireInteger('seed', 1.5)).toThrow(/option seed: expected an integer, got 1.5$/);
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
