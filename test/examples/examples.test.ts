// Runs every example program (examples/*.ts, found with readdir, so a new one is covered without an edit
// here) the way a user runs it: `node --import tsx examples/<name>.ts` from the repository's root, in a
// child process. Under tsx, tsconfig.json's "paths" point 'crm-mining' at src/index.ts, so the examples
// run against the sources, no build needed. Each must exit with 0 and write nothing to stderr (no warning
// is expected from any of them, so none is tolerated); the examples listed in CHECKS also get one check of
// what they print that would fail if the analysis went wrong.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'crm-mining-examples-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// The examples run two at a time (more on a larger machine): each is a Node process of 100-250 MB that
// is busy for one to six CPU seconds, and the rest of the suite runs beside them.
const SLOTS = Math.max(2, Math.min(4, availableParallelism()));
let busy = 0;
const waiting: (() => void)[] = [];
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busy < SLOTS) busy++;
  else await new Promise<void>((resolve) => waiting.push(resolve)); // the slot is handed over, not re-counted
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  }
}

/** Generous: on a busy shared machine an example can take ten times its usual few seconds. */
const TIMEOUT = 300_000;

/** `node --import tsx examples/<file> ...args` from the repository's root. */
function runExample(file: string, args: readonly string[] = []): Promise<Run> {
  return inSlot(
    () =>
      new Promise<Run>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', join('examples', file), ...args],
          { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, timeout: TIMEOUT - 10_000 },
          (err, stdout, stderr) => {
            const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
            resolve({ code, stdout, stderr });
          },
        );
      }),
  );
}

/** The first match of `re` in `text`, failing the test when there is none. */
function match(text: string, re: RegExp): RegExpMatchArray {
  const m = text.match(re);
  expect(m, `no line matching ${re} in:\n${text}`).not.toBeNull();
  return m!;
}

interface Check {
  /** Extra command-line arguments (for example a private output folder). */
  args?: (dir: string) => string[];
  /** Assertions on the printed output. */
  check: (stdout: string, dir: string) => void;
}

const CHECKS: Record<string, Check> = {
  'market-basket': {
    args: (dir) => ['--out', dir],
    check(stdout, dir) {
      // the first rule of the top-by-lift list is a positive association
      const lift = Number(match(stdout, /^\{.+\} => \{.+\}\s+count \d+, .*lift (\d+(?:\.\d+)?)$/m)[1]);
      expect(lift).toBeGreaterThan(1);
      expect(existsSync(join(dir, 'rules.csv')) && existsSync(join(dir, 'rules.json'))).toBe(true);
    },
  },
  'customer-value': {
    check(stdout) {
      // Pareto: the top fifth of customers bring more than a fifth of the revenue, and the tiers add up
      const share = Number(match(stdout, /top 20% of customers bring (\d+(?:\.\d+)?)% of revenue/)[1]);
      expect(share).toBeGreaterThan(20);
      expect(share).toBeLessThanOrEqual(100);
      const tiers = [...stdout.matchAll(/^ {2}[ABC]: +(\d+) customers/gm)].map((m) => Number(m[1]));
      expect(tiers.reduce((a, b) => a + b, 0)).toBe(Number(match(stdout, /purchases by (\d+) customers/)[1]));
    },
  },
  segmentation: {
    check(stdout) {
      const k = Number(match(stdout, /Chosen: k = (\d+)/)[1]);
      expect(k).toBeGreaterThanOrEqual(2);
      expect(k).toBeLessThanOrEqual(8);
      // one profile line per segment, and the segments together hold every customer
      const sizes = [...stdout.matchAll(/^ +\d+ +(\d+) +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+% /gm)].map((m) => Number(m[1]));
      expect(sizes.length).toBe(k);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(Number(match(stdout, /^(\d+) customers;/m)[1]));
    },
  },
  outliers: {
    check(stdout) {
      const [, flagged, n] = match(stdout, /(\d+) of (\d+) customers flagged/);
      expect(Number(flagged)).toBeGreaterThan(0);
      expect(Number(flagged)).toBeLessThanOrEqual(0.02 * Number(n));
      const [, caught, planted] = match(stdout, /caught (\d+) of (\d+) planted frauds/);
      expect(Number(caught)).toBe(Number(planted));
    },
  },
  'decision-tree': {
    check(stdout) {
      expect(Number(match(stdout, /ROC AUC (\d+(?:\.\d+)?)/)[1])).toBeGreaterThan(0.7);
      match(stdout, /^ +IF .+ THEN Churn = Yes \(\d/m);
    },
  },
  churn: {
    check(stdout) {
      match(stdout, /on the wasm backend/);
      expect(Number(match(stdout, /ROC AUC (\d+(?:\.\d+)?)/)[1])).toBeGreaterThan(0.75);
    },
  },
  recommenders: {
    check(stdout) {
      const [, , best, random] = match(stdout, /Best: (.+), hit rate (\d+(?:\.\d+)?) against (\d+(?:\.\d+)?) for random picks/);
      expect(Number(best)).toBeGreaterThan(Number(random));
    },
  },
  report: {
    args: (dir) => ['--out', dir],
    check(stdout, dir) {
      const [, sections, charts] = match(stdout, /report\.html \((\d+) sections, (\d+) charts/);
      const html = readFileSync(join(dir, 'report.html'), 'utf8');
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html.match(/<section id="section-/g)?.length).toBe(Number(sections));
      expect(html.match(/<svg/g)?.length).toBe(Number(charts));
      expect(readFileSync(join(dir, 'pareto.svg'), 'utf8')).toMatch(/^<svg/);
    },
  },
};

const examples = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.ts'))
  .sort();

describe.concurrent('examples/*.ts run with tsx', () => {
  it('finds the example programs', () => {
    expect(examples).toContain('market-basket.ts');
  });

  for (const file of examples) {
    const name = file.slice(0, -3);
    it(`${file} exits 0 with clean output`, async () => {
      const dir = mkdtempSync(join(out, `${name}-`));
      const spec = CHECKS[name];
      const run = await runExample(file, spec?.args?.(dir) ?? []);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).not.toBe('');
      spec?.check(run.stdout, dir);
    }, TIMEOUT);
  }

  it('bad data gets the library\'s one-line typed error and exit code 1', async () => {
    const bad = join(out, 'not-telco.csv');
    writeFileSync(bad, 'a,b\n1,2\n');
    const run = await runExample('decision-tree.ts', [bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: [^\n]*"Churn"[^\n]*\n$/); // one line, naming the missing column
    const missing = await runExample('segmentation.ts', [join(out, 'missing.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*missing\.csv.*\n$/);
  }, TIMEOUT);
});
