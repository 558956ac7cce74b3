/**
 * Helpers for the report tests that make their own customer files: a seeded generator, a text table, CSV
 * text in and out, and the typed error a call throws.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { DataTable } from '../../src/data/table.js';

/** A small seeded generator (mulberry32), so that a synthetic file is the same on every run. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A table of text columns, as the report reads a file. */
export const textTable = (cols: Record<string, (string | null)[]>): DataTable =>
  new DataTable(Object.entries(cols).map(([name, values]) => ({ name, type: 'string' as const, values })));

/** CSV text of a header and rows (cells with no commas or quotes). */
export const csvText = (header: readonly string[], rows: readonly (readonly string[])[]): string => [header, ...rows].map((r) => r.join(',')).join('\n') + '\n';

/** A CSV file written by the report as rows of named cells (the fields read here hold no commas). */
export function readRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [names[i], c])));
}

/** The error `f` throws, checked to be an instance of `type`; fails the test when `f` returns. */
export function thrown<E extends Error>(type: new (...args: never[]) => E, f: () => unknown): E {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    return err as E;
  }
  throw new Error(`expected ${type.name}`);
}
