import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssociationRule } from '../../src/association/rules.js';
import { ASSOCIATION_SETTINGS, nonRedundant } from '../../src/cli/analyses/association.js';
import { analyzeCommand, type AnalysisStep } from '../../src/cli/analyze.js';
import { cli, tempDir, type CliRun } from './helpers.js';
import { hasItem, rawCustomers, TELCO_DATA } from './telco-raw.js';

const DATA = TELCO_DATA;

interface PrintedRule {
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number;
  count: number;
}

/** The rule rows of the section that starts with `== n.` in the job's output. */
function printedRules(stdout: string, section: number): PrintedRule[] {
  const start = stdout.indexOf(`== ${section}.`);
  const end = stdout.indexOf(`== ${section + 1}.`, start);
  const text = stdout.slice(start, end < 0 ? undefined : end);
  const rows: PrintedRule[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*\d+\s+\{(.*)\} => \{(.*)\}\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)$/.exec(line);
    if (!m) continue;
    rows.push({
      antecedent: m[1].split(', '),
      consequent: m[2].split(', '),
      support: Number(m[3]),
      confidence: Number(m[4]),
      lift: Number(m[5]),
      count: Number(m[8]),
    });
  }
  return rows;
}

describe.skipIf(!existsSync(DATA))('crm-mining analyze on the bundled Telco data', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: CliRun;

  beforeAll(async () => {
    tmp = await tempDir();
    run = await cli(['analyze', '--data', DATA, '--out', 'results'], { cwd: tmp.dir });
  }, 300_000); // the whole job, with every chart rendered; the shared machine can be slow
  afterAll(() => tmp.cleanup());

  it('succeeds and first says what it does', () => {
    // standard error holds only the per-step progress lines (not a terminal: one plain line per step)
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^\\[${i + 1}/${lines.length}\\] .+: done in \\d+\\.\\d s$`)));
    expect(run.code).toBe(0);
    const first = run.stdout.split('\n').slice(0, 3).join(' ');
    expect(first).toMatch(/Telco customer-churn/);
    expect(first).toMatch(/association rules/);
  });

  it('writes rules.csv and rules.json (relative --out resolved against the working folder) with rules meeting the thresholds', async () => {
    const out = join(tmp.dir, 'results');
    for (const f of ['rules.csv', 'rules.json', 'itemsets.csv', 'churn-rules.csv', 'customer-value.csv', 'customer-value-groups.csv']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const json = JSON.parse(await readFile(join(out, 'rules.json'), 'utf8'));
    expect(json.transactions).toBe(7043);
    expect(json.rules.length).toBeGreaterThan(0);
    for (const r of json.rules) {
      expect(r.support).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minSupport);
      expect(r.confidence).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minConfidence);
      expect(r.consequent).toHaveLength(1);
    }
    const csvLines = (await readFile(join(out, 'rules.csv'), 'utf8')).trimEnd().split('\n');
    expect(csvLines[0]).toMatch(/^antecedent,consequent,count,support,.*confidence,lift/);
    expect(csvLines.length - 1).toBe(json.rules.length);
    // Every file in the folder is listed (the count grows as analysis steps are added).
    const written = readdirSync(out).filter((f) => !f.startsWith('.'));
    expect(run.stdout).toContain(`Wrote ${written.length} files to ${out}`);
    for (const f of written) expect(run.stdout).toMatch(new RegExp(`\\n  ${f.replace(/[.]/g, '\\.')} `));
  });

  it('prints the top rules by lift, each meeting the thresholds, with counts that a recount of the raw file confirms', () => {
    const rules = printedRules(run.stdout, 1);
    expect(rules.length).toBe(ASSOCIATION_SETTINGS.top);
    const customers = rawCustomers();
    expect(customers.length).toBe(7043);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      expect(r.support).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minSupport);
      expect(r.confidence).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minConfidence);
      if (i > 0) expect(rules[i - 1].lift).toBeGreaterThanOrEqual(r.lift);
      const both = customers.filter((c) => [...r.antecedent, ...r.consequent].every((item) => hasItem(c, item))).length;
      const left = customers.filter((c) => r.antecedent.every((item) => hasItem(c, item))).length;
      expect(r.count).toBe(both);
      expect(both / customers.length).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minSupport);
      expect(both / left).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minConfidence);
      expect(Math.abs(r.confidence - both / left)).toBeLessThan(0.0005);
    }
  });

  it('prints churn profiles: rules => {Churn} above their threshold, against the true base rate', () => {
    const customers = rawCustomers();
    const churners = customers.filter((c) => c.Churn === 'Yes').length;
    expect(churners).toBe(1869); // as the data README documents
    expect(run.stdout).toContain(`${churners} of 7043 customers left`);
    const rules = printedRules(run.stdout, 2);
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      expect(r.consequent).toEqual(['Churn']);
      expect(r.confidence).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.churnMinConfidence);
      expect(r.support).toBeGreaterThanOrEqual(ASSOCIATION_SETTINGS.minSupport);
      const both = customers.filter((c) => c.Churn === 'Yes' && r.antecedent.every((item) => hasItem(c, item))).length;
      expect(r.count).toBe(both);
    }
  });
});

/** The text of the section that starts with `== n.` in the job's output. */
function section(stdout: string, n: number): string {
  const start = stdout.indexOf(`== ${n}.`);
  const end = stdout.indexOf(`== ${n + 1}.`, start);
  return stdout.slice(start, end < 0 ? stdout.indexOf('\nWrote ', start) : end);
}

/** A CSV file without quoted fields as records. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [names[i], c])));
}

/**
 * The customer-value figures computed here from the raw file, by the rules the step documents: monthly
 * churn rate per contract = churners / sum of tenure; T = min(1 / rate, horizon); future value of a
 * current customer = margin share × MonthlyCharges × (1 − (1 + i)^−T) / i with i the monthly rate; 0 for
 * a churned one; historical value = margin share × TotalCharges (blank = 0).
 */
function expectedValues(customers: Record<string, string>[], marginShare: number, annualRate: number, horizon: number) {
  const i = Math.pow(1 + annualRate, 1 / 12) - 1;
  const groups = new Map<string, { churned: number; exposure: number }>();
  for (const c of customers) {
    const g = groups.get(c.Contract) ?? { churned: 0, exposure: 0 };
    g.exposure += Number(c.tenure);
    if (c.Churn === 'Yes') g.churned++;
    groups.set(c.Contract, g);
  }
  const rate = (contract: string): number => groups.get(contract)!.churned / groups.get(contract)!.exposure;
  const future = customers.map((c) => {
    if (c.Churn === 'Yes') return 0;
    const T = Math.min(1 / rate(c.Contract), horizon);
    const factor = i === 0 ? T : (1 - Math.pow(1 + i, -T)) / i;
    return marginShare * Number(c.MonthlyCharges) * factor;
  });
  const historical = customers.map((c) => marginShare * (c.TotalCharges.trim() === '' ? 0 : Number(c.TotalCharges)));
  return { groups, rate, future, historical };
}

describe.skipIf(!existsSync(DATA))('crm-mining analyze: the customer-value step', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let run: CliRun;
  let text: string;
  const customers = existsSync(DATA) ? rawCustomers() : [];

  beforeAll(async () => {
    tmp = await tempDir();
    run = await cli(['analyze', '--data', DATA, '--out', tmp.dir]);
    text = section(run.stdout, 3);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('states the churn-rate estimate with the figures a recount of the raw file gives', () => {
    expect(run.code).toBe(0);
    const churned = customers.filter((c) => c.Churn === 'Yes').length;
    const exposure = customers.reduce((s, c) => s + Number(c.tenure), 0);
    expect(text).toContain(`churners / customer-months of tenure = ${churned} / ${exposure} = ${((100 * churned) / exposure).toFixed(3)}%`);
    expect(text).toMatch(/revenue-based: margin = 100% of the monthly charges/);
    // per contract: churn rate in the table row
    const { groups } = expectedValues(customers, 1, 0.08, 120);
    for (const [contract, g] of groups) {
      const row = text.split('\n').find((l) => l.startsWith(contract + ' '));
      expect(row, contract).toBeDefined();
      const cells = row!.slice(contract.length).trim().split(/\s+/);
      expect(Number(cells[0])).toBe(customers.filter((c) => c.Contract === contract).length);
      expect(Number(cells[1])).toBe(g.churned);
      expect(cells[2]).toBe(`${((100 * g.churned) / g.exposure).toFixed(3)}%`);
    }
  });

  it('writes each customer\'s future value and CLV as margin × a(T, i), 0 for those who left', async () => {
    const rows = csvRecords(await readFile(join(tmp.dir, 'customer-value.csv'), 'utf8'));
    expect(rows).toHaveLength(customers.length);
    const { future, historical } = expectedValues(customers, 1, 0.08, 120);
    rows.forEach((r, k) => {
      expect(r.customerID).toBe(customers[k].customerID);
      expect(Number(r.futureValue)).toBeCloseTo(future[k], 6);
      expect(Number(r.clv)).toBeCloseTo(historical[k] + future[k], 6);
      expect(r.valueCell === 'churned').toBe(customers[k].Churn === 'Yes');
    });
  });

  it('tiers by total charges (ABC), and reports the Gini coefficient and the top-20% share recomputed here', async () => {
    const value = customers.map((c) => (c.TotalCharges.trim() === '' ? 0 : Number(c.TotalCharges)));
    const n = value.length;
    const total = value.reduce((a, b) => a + b, 0);
    const asc = [...value].sort((a, b) => a - b);
    let lorenzArea = 0; // trapezoids under the Lorenz curve
    let cum = 0;
    for (const v of asc) {
      const before = cum;
      cum += v;
      lorenzArea += (before + cum) / (2 * total * n);
    }
    const gini = 1 - 2 * lorenzArea;
    const desc = [...asc].reverse();
    const top = desc.slice(0, Math.floor(0.2 * n)).reduce((a, b) => a + b, 0) + (0.2 * n - Math.floor(0.2 * n)) * desc[Math.floor(0.2 * n)];
    expect(text).toContain(`The top 20% of customers hold ${((100 * top) / total).toFixed(1)}% of total charges; Gini coefficient ${gini.toFixed(4)}.`);
    // A: customers until the cumulative share passes 80% (ties in file order)
    const order = value.map((v, k) => ({ v, k })).sort((a, b) => b.v - a.v || a.k - b.k);
    let acc = 0;
    const tiers = { A: 0, B: 0, C: 0 };
    for (const x of order) {
      acc += x.v;
      tiers[acc / total <= 0.8 + 1e-12 ? 'A' : acc / total <= 0.95 + 1e-12 ? 'B' : 'C']++;
    }
    for (const [tier, count] of Object.entries(tiers)) expect(text).toMatch(new RegExp(`\n${tier} +${count} `));
    const rows = csvRecords(await readFile(join(tmp.dir, 'customer-value.csv'), 'utf8'));
    expect(rows.filter((r) => r.abc === 'A').length).toBe(tiers.A);
  });

  it('places the current customers in the value matrix by the medians of current and future value', () => {
    const { future, historical } = expectedValues(customers, 1, 0.08, 120);
    const active = customers.map((c, k) => ({ c, k })).filter(({ c }) => c.Churn === 'No');
    const median = (xs: number[]): number => {
      const s = [...xs].sort((a, b) => a - b);
      const h = s.length >> 1;
      return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
    };
    const mc = median(active.map(({ k }) => historical[k]));
    const mf = median(active.map(({ k }) => future[k]));
    const counts = { VIP: 0, grow: 0, maintain: 0, abandon: 0 };
    for (const { k } of active) {
      const hc = historical[k] >= mc;
      const hf = future[k] >= mf;
      counts[hc ? (hf ? 'VIP' : 'maintain') : hf ? 'grow' : 'abandon']++;
    }
    expect(text).toContain(`Value matrix of the ${active.length} current customers`);
    for (const [cell, count] of Object.entries(counts)) expect(text).toMatch(new RegExp(`\n${cell} +${count} `));
  });

  it('follows --margin-share, --discount-rate and --horizon, and rejects bad values naming the flag', async () => {
    const out = join(tmp.dir, 'alt');
    const r = await cli(['analyze', '--data', DATA, '--out', out, '--margin-share', '0.5', '--discount-rate', '0', '--horizon', '60']);
    expect(r.code).toBe(0);
    expect(section(r.stdout, 3)).toContain('margin = 50% of the charges');
    const rows = csvRecords(await readFile(join(out, 'customer-value.csv'), 'utf8'));
    const { future, rate } = expectedValues(customers, 0.5, 0, 60);
    rows.forEach((row, k) => {
      expect(Number(row.futureValue)).toBeCloseTo(future[k], 6);
      expect(Number(row.lifetimeMonths)).toBeCloseTo(Math.min(60, 1 / rate(customers[k].Contract)), 9);
    });
    for (const [flag, value] of [
      ['--margin-share', '1.5'],
      ['--margin-share', '0'],
      ['--discount-rate', '-1'],
      ['--horizon', '0'],
    ]) {
      const bad = await cli(['analyze', '--data', DATA, '--out', join(tmp.dir, 'bad'), `${flag}=${value}`]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(new RegExp(`^crm-mining: option ${flag}: .*\n$`));
      expect(existsSync(join(tmp.dir, 'bad'))).toBe(false);
    }
    const notNumber = await cli(['analyze', '--data', DATA, '--margin-share', 'half']);
    expect(notNumber.code).toBe(2);
  });
});

describe('crm-mining analyze failures', () => {
  it('explains a missing data file in one line and writes nothing', async () => {
    // (without --data/--input the job falls back to the sample the package ships: see test/cli/report.test.ts)
    const tmp = await tempDir();
    try {
      const r = await cli(['analyze', '--data', 'missing.csv', '--out', 'o'], { cwd: tmp.dir });
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^crm-mining: missing\.csv: no such file/);
      expect(existsSync(join(tmp.dir, 'o'))).toBe(false);
    } finally {
      await tmp.cleanup();
    }
  });

  it('names the row and column of an unexpected value in the absent sections, and fails when no step can run', async () => {
    const tmp = await tempDir();
    try {
      const header = readFileSync(DATA, 'utf8').split('\n', 1)[0];
      const good = '1,Female,0,Yes,No,5,Yes,No,DSL,No,Yes,No,No,No,No,Month-to-month,Yes,Electronic check,29.85,29.85,No';
      const bad = good.replace(',DSL,', ',Cable,'); // any contract value is accepted; the internet values are Telco's
      const file = await tmp.file('telco.csv', [header, good, bad].join('\n') + '\n');
      const r = await cli(['analyze', '--data', file, '--out', join(tmp.dir, 'o')]);
      // the basket steps reject the file; the job goes on and the report says why they are missing
      expect(r.code).toBe(0);
      const reason = /row 2 \(line 3\), column "InternetService": expected .*got "Cable"/;
      expect(r.stdout).toMatch(new RegExp(`== 1\\. .*\\n(.*\\n)*?Not available: ${reason.source}`));
      const page = readFileSync(join(tmp.dir, 'o', 'index.html'), 'utf8');
      const section = page.slice(page.indexOf('<section id="section-service-bundles"'));
      expect(section.slice(0, section.indexOf('</section>'))).toMatch(/class="report-section absent"[\s\S]*row 2 \(line 3\), column &quot;InternetService&quot;/);
      const noChurn = await tmp.file('other.csv', 'a,b\n1,2\n');
      const r2 = await cli(['analyze', '--data', noChurn, '--out', join(tmp.dir, 'o2')]);
      expect(r2.code).toBe(1);
      expect(r2.stderr).toMatch(/crm-mining: no analysis could run on .*other\.csv: no column "PhoneService"/);
      expect(existsSync(join(tmp.dir, 'o2'))).toBe(false);
    } finally {
      await tmp.cleanup();
    }
  });
});

describe('the analysis job as a list of steps', () => {
  it('runs each given step in order with the shared table, prints its section and lists its files', async () => {
    const tmp = await tempDir();
    try {
      const file = await tmp.file('t.csv', 'customerID,Churn\nA,Yes\nB,No\nC,No\n');
      const seen: string[] = [];
      const step = (id: string): AnalysisStep => ({
        id,
        title: `Step ${id}`,
        summary: `does ${id}`,
        async run(ctx) {
          const table = await ctx.table();
          const again = await ctx.table();
          expect(again).toBe(table); // read once
          seen.push(id);
          ctx.print(`${id}: ${table.rowCount} rows`);
          await ctx.writeOutput(`${id}.txt`, `${id}\n`, `the ${id} file`);
        },
      });
      let stdout = '';
      const code = await analyzeCommand(['--data', file, '--out', 'o'], { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, cwd: tmp.dir }, tmp.dir, [
        step('first'),
        step('second'),
      ]);
      expect(code).toBe(0);
      expect(seen).toEqual(['first', 'second']);
      expect(stdout).toMatch(/1\. Step first: does first\n {2}2\. Step second: does second/);
      expect(stdout.indexOf('== 1. Step first ==')).toBeLessThan(stdout.indexOf('first: 3 rows'));
      expect(stdout.indexOf('first: 3 rows')).toBeLessThan(stdout.indexOf('== 2. Step second =='));
      expect(await readFile(join(tmp.dir, 'o', 'second.txt'), 'utf8')).toBe('second\n');
      expect(stdout).toMatch(/Wrote 3 files to .*\n {2}first\.txt +the first file\n {2}second\.txt +the second file\n {2}index\.html +the report page/);
    } finally {
      await tmp.cleanup();
    }
  });

  it('drops a rule when a rule with a smaller antecedent and the same consequent is at least as confident', () => {
    const rule = (antecedent: string[], consequent: string[], confidence: number): AssociationRule =>
      ({ antecedent, consequent, confidence }) as unknown as AssociationRule;
    const general = rule(['a'], ['c'], 0.8);
    const weaker = rule(['a', 'b'], ['c'], 0.8); // redundant: {a} => {c} is as confident
    const stronger = rule(['a', 'd'], ['c'], 0.9); // kept: more confident than {a} => {c}
    const otherSide = rule(['a', 'b'], ['e'], 0.5); // kept: a different consequent
    const unrelated = rule(['b'], ['c'], 0.7); // kept: no rule with a smaller antecedent
    expect(nonRedundant([stronger, weaker, general, otherSide, unrelated])).toEqual([stronger, general, otherSide, unrelated]);
  });
});
