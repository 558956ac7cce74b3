import { describe, expect, it } from 'vitest';
import { csvField, formatNumber, jsonNumber, textTable, toCsv } from '../../src/cli/format.js';

describe('CLI formatting', () => {
  it('formats numbers to 4 significant digits, integers as they are', () => {
    expect(formatNumber(0.001931876)).toBe('0.001932');
    expect(formatNumber(0.9047619)).toBe('0.9048');
    expect(formatNumber(11.235269)).toBe('11.24');
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(Infinity)).toBe('Infinity');
  });

  it('JSON numbers: Infinity as a string, NaN as null', () => {
    expect(jsonNumber(1.5)).toBe(1.5);
    expect(jsonNumber(Infinity)).toBe('Infinity');
    expect(jsonNumber(-Infinity)).toBe('-Infinity');
    expect(jsonNumber(NaN)).toBeNull();
  });

  it('quotes CSV fields only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('{a, b}')).toBe('"{a, b}"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(Infinity)).toBe('Infinity');
    expect(toCsv(['x', 'y'], [[1, 'a,b']])).toBe('x,y\n1,"a,b"\n');
  });

  it('aligns table columns', () => {
    const t = textTable(
      [
        { name: 'a', v: 1 },
        { name: 'longer', v: 100 },
      ],
      [
        { header: 'name', cell: (r) => r.name },
        { header: 'v', cell: (r) => String(r.v), align: 'right' },
      ],
    );
    expect(t).toBe('name      v\n------  ---\na         1\nlonger  100\n');
  });
});
