/**
 * Helpers for the CLI tests: a captured run of the program in-process, temporary folders, and a naive
 * reference count of itemsets and single-consequent rules over arrays of item names (no library code).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../src/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the program in-process with captured streams. */
export async function cli(argv: string[], options: { cwd?: string; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.tty === true },
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
  return { code, stdout, stderr };
}

/** A usage error: exit 2, one message line and one hint line on stderr, nothing on stdout. */
export function expectUsage(r: CliRun, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^crm-mining: /);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^Run 'crm-mining (--help|help [\w-]+)' for usage\.$/);
}

/** A failure: exit 1, exactly one line on stderr, nothing on stdout. */
export function expectFailure(r: CliRun, message: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^crm-mining: /);
  expect(r.stderr).toMatch(message);
}

/** A fresh temporary folder; `cleanup` removes it. */
export async function tempDir(): Promise<{ dir: string; file: (name: string, text: string) => Promise<string>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'crm-mining-cli-'));
  return {
    dir,
    file: async (name, text) => {
      const p = join(dir, name);
      await writeFile(p, text, 'utf8');
      return p;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** mlxtend's documented example (five baskets; the duplicate Onion counts once). */
export const MLXTEND_BASKETS = [
  ['Milk', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Dill', 'Onion', 'Nutmeg', 'Kidney Beans', 'Eggs', 'Yogurt'],
  ['Milk', 'Apple', 'Kidney Beans', 'Eggs'],
  ['Milk', 'Unicorn', 'Corn', 'Kidney Beans', 'Yogurt'],
  ['Corn', 'Onion', 'Onion', 'Kidney Beans', 'Ice cream', 'Eggs'],
];

/** Every itemset (as a sorted name list) with count >= minCount, by enumerating subsets. */
export function naiveItemsets(baskets: readonly (readonly string[])[], minCount: number): Map<string, { items: string[]; count: number }> {
  const counts = new Map<string, { items: string[]; count: number }>();
  for (const b of baskets) {
    const items = [...new Set(b)].sort();
    for (let mask = 1; mask < 1 << items.length; mask++) {
      const sub = items.filter((_x, k) => (mask & (1 << k)) !== 0);
      const key = sub.join('\u0000');
      const e = counts.get(key);
      if (e) e.count++;
      else counts.set(key, { items: sub, count: 1 });
    }
  }
  for (const [k, v] of counts) if (v.count < minCount) counts.delete(k);
  return counts;
}

/** Single-consequent rules with confidence >= minConfidence, keyed `a,b=>c` (sorted names). */
export function naiveRules(
  baskets: readonly (readonly string[])[],
  minCount: number,
  minConfidence: number,
): Map<string, { count: number; confidence: number; lift: number }> {
  const sets = naiveItemsets(baskets, minCount);
  const n = baskets.length;
  const out = new Map<string, { count: number; confidence: number; lift: number }>();
  for (const { items, count } of sets.values()) {
    if (items.length < 2) continue;
    for (const y of items) {
      const x = items.filter((i) => i !== y);
      const cx = sets.get(x.join('\u0000'))!.count;
      const cy = sets.get(y)!.count;
      const confidence = count / cx;
      if (confidence >= minConfidence) out.set(`${x.join(',')}=>${y}`, { count, confidence, lift: (confidence * n) / cy });
    }
  }
  return out;
}

/** The key of a rule as {@link naiveRules} makes it. */
export function ruleKey(r: { antecedent: string[]; consequent: string[] }): string {
  return `${[...r.antecedent].sort().join(',')}=>${[...r.consequent].sort().join(',')}`;
}
