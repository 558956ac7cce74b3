import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { churnProfilesStep, serviceBundlesStep } from '../../src/cli/analyses/association.js';
import { CUSTOMER_VALUE_DEFAULTS, customerValueStep } from '../../src/cli/analyses/customer-value.js';
import { MIN_RFM_CUSTOMERS, rfmStep, simulateTelcoPurchases, simulatedLogNote } from '../../src/cli/analyses/rfm.js';
import { segmentationStep } from '../../src/cli/analyses/segmentation.js';
import type { AnalysisContext, AnalysisStep, TransactionLogSettings } from '../../src/cli/analyze.js';
import { ProgressLine } from '../../src/cli/progress.js';
import { CrmMiningError, InvalidInputError } from '../../src/core/errors.js';
import { readCsv } from '../../src/data/csv.js';
import { DataTable } from '../../src/data/table.js';
import { renderChartSvg } from '../../src/report/charts.js';
import type { ChartSpec, ReportBlock, ReportSection } from '../../src/report/types.js';
import { tempDir } from './helpers.js';
import { hasItem, rawCustomers, TELCO_DATA } from './telco-raw.js';

const DATA = TELCO_DATA;

interface Run {
  sections: ReportSection[];
  stdout: string;
  files: Map<string, string>;
}

/** Runs one step with a context like the job's, in memory: sections, printed text and written files are collected. */
async function runStep(step: AnalysisStep, table: DataTable, transactions?: TransactionLogSettings): Promise<Run> {
  const run: Run = { sections: [], stdout: '', files: new Map() };
  const memo = new Map<string, Promise<unknown>>();
  const sink = { write: (s: string) => void (run.stdout += s), isTTY: false };
  const ctx: AnalysisContext = {
    dataName: 'telco.csv',
    outName: 'out',
    io: { stdout: sink, stderr: { write: () => undefined, isTTY: false } },
    settings: transactions === undefined ? { customerValue: { ...CUSTOMER_VALUE_DEFAULTS } } : { customerValue: { ...CUSTOMER_VALUE_DEFAULTS }, transactions },
    progress: new ProgressLine({ write: () => undefined, isTTY: false }, { enabled: false }),
    table: async () => table,
    shared: <T>(key: string, make: () => T | Promise<T>): Promise<T> => {
      let p = memo.get(key) as Promise<T> | undefined;
      if (p === undefined) memo.set(key, (p = Promise.resolve().then(make)));
      return p;
    },
    writeOutput: async (name, text) => void run.files.set(name, text),
    print: (text = '') => void (run.stdout += text + '\n'),
    section: (s) => void run.sections.push(s),
  };
  await step.run(ctx);
  return run;
}

function only(run: Run, id: string): ReportSection {
  expect(run.sections.map((s) => s.id)).toEqual([id]);
  return run.sections[0];
}

type Of<K extends ReportBlock['kind']> = Extract<ReportBlock, { kind: K }>;
function blocks<K extends ReportBlock['kind']>(s: ReportSection, kind: K): Of<K>[] {
  return s.blocks.filter((b): b is Of<K> => b.kind === kind);
}

/** The `data.values` of a spec, or of its layer `i`. */
function values(spec: ChartSpec, layer?: number): Record<string, unknown>[] {
  const s = (layer === undefined ? spec : (spec.layer as ChartSpec[])[layer]) as { data: { values: Record<string, unknown>[] } };
  return s.data.values;
}

/** Renders every chart of a section; each must give an SVG document with marks. */
async function expectChartsRender(section: ReportSection): Promise<void> {
  for (const chart of blocks(section, 'chart')) {
    const svg = await renderChartSvg(chart.spec);
    expect(svg.startsWith('<svg'), chart.title).toBe(true);
    expect(svg, chart.title).toMatch(/role-mark/);
    expect(chart.description.length).toBeGreaterThan(20);
  }
}

/** The rows of a table whose index `pick` accepts, in order. */
function subset(table: DataTable, pick: (i: number) => boolean): DataTable {
  const keep: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (pick(i)) keep.push(i);
  return new DataTable(table.columns.map((c) => ({ ...c, values: keep.map((i) => c.values[i]) })));
}

/** A Telco-shaped table built from records, every cell as text. */
function telcoTable(rows: Record<string, string>[]): DataTable {
  const names = Object.keys(rows[0]);
  return new DataTable(names.map((name) => ({ name, type: 'string' as const, values: rows.map((r) => r[name]) })));
}

function parseCsvText(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

const ratio = (s: string): number => Number(s.replace('%', '')) / 100;

describe.skipIf(!existsSync(DATA))('report sections of the association, customer-value, RFM and segmentation steps', () => {
  let table: DataTable;
  let customers: Record<string, string>[];
  beforeAll(async () => {
    table = await readCsv(DATA, { inferTypes: false });
    customers = rawCustomers();
  });

  it("'service-bundles': the strongest rules (checked against the raw data) and a scatter of every strong rule", async () => {
    const run = await runStep(serviceBundlesStep, table);
    const s = only(run, 'service-bundles');
    expect(s.title).toBe(serviceBundlesStep.title);
    const [rules] = blocks(s, 'table');
    expect(rules.columns).toEqual(['rule', 'support', 'confidence', 'lift', 'count']);
    expect(rules.rows.length).toBe(15);
    const n = customers.length;
    let lastLift = Infinity;
    for (const row of rules.rows) {
      const m = /^\{(.*)\} ⇒ \{(.*)\}$/.exec(row[0] as string);
      expect(m).not.toBeNull();
      const lhs = m![1].split(', ');
      const rhs = m![2].split(', ');
      const both = customers.filter((c) => [...lhs, ...rhs].every((it) => hasItem(c, it))).length;
      const left = customers.filter((c) => lhs.every((it) => hasItem(c, it))).length;
      const right = customers.filter((c) => rhs.every((it) => hasItem(c, it))).length;
      expect(row[4]).toBe(both);
      expect(row[1] as number).toBeCloseTo(both / n, 10);
      expect(row[2] as number).toBeCloseTo(both / left, 10);
      expect(row[3] as number).toBeCloseTo(both / left / (right / n), 8);
      expect(row[2] as number).toBeGreaterThanOrEqual(0.7);
      expect(row[3] as number).toBeLessThanOrEqual(lastLift);
      lastLift = row[3] as number;
    }
    const [scatter] = blocks(s, 'chart');
    const points = values(scatter.spec);
    // every strong rule, as written to rules.csv (header + one line per rule)
    expect(points.length).toBe(run.files.get('rules.csv')!.trimEnd().split('\n').length - 1);
    for (const p of points) expect(p.confidence as number).toBeGreaterThanOrEqual(0.7);
    expect((scatter.spec.encoding as { color: { field: string } }).color.field).toBe('lift');
    await expectChartsRender(s);
  });

  it("'churn-profiles': rules => {Churn} with the true base rate as the chart's rule line", async () => {
    const run = await runStep(churnProfilesStep, table);
    const s = only(run, 'churn-profiles');
    const base = customers.filter((c) => c.Churn === 'Yes').length / customers.length;
    const [t] = blocks(s, 'table');
    expect(t.rows.length).toBeGreaterThan(0);
    for (const row of t.rows) {
      const lhs = (row[0] as string).split(', ');
      const group = customers.filter((c) => lhs.every((it) => hasItem(c, it)));
      const churned = group.filter((c) => c.Churn === 'Yes').length;
      expect(row[4]).toBe(churned);
      expect(row[2] as number).toBeCloseTo(churned / group.length, 10);
      expect(row[3] as number).toBeCloseTo(churned / group.length / base, 8);
    }
    const [chart] = blocks(s, 'chart');
    expect(values(chart.spec, 0).map((v) => v.profile)).toEqual(t.rows.map((r) => r[0]));
    expect(values(chart.spec, 1)[0].confidence as number).toBeCloseTo(base, 12);
    await expectChartsRender(s);
  });

  it("'customer-value': a concave Pareto curve from (0, 0) to (1, 1), ABC shares adding up to 1, the Gini coefficient", async () => {
    const run = await runStep(customerValueStep, table);
    const s = only(run, 'customer-value');
    expect(s.title).toBe(customerValueStep.title);
    const value = customers.map((c) => (c.TotalCharges.trim() === '' ? 0 : Number(c.TotalCharges)));
    const n = value.length;

    const charts = blocks(s, 'chart');
    const pareto = charts.find((c) => /Pareto/.test(c.title))!;
    const curve = values(pareto.spec, 1) as { customers: number; value: number }[];
    expect(curve[0]).toEqual({ customers: 0, value: 0 });
    expect(curve[curve.length - 1].customers).toBe(1);
    expect(curve[curve.length - 1].value).toBeCloseTo(1, 12);
    for (let k = 1; k < curve.length; k++) {
      expect(curve[k].customers).toBeGreaterThan(curve[k - 1].customers);
      expect(curve[k].value).toBeGreaterThanOrEqual(curve[k - 1].value);
    }
    for (let k = 2; k < curve.length; k++) {
      const s1 = (curve[k - 1].value - curve[k - 2].value) / (curve[k - 1].customers - curve[k - 2].customers);
      const s2 = (curve[k].value - curve[k - 1].value) / (curve[k].customers - curve[k - 1].customers);
      expect(s2).toBeLessThanOrEqual(s1 + 1e-9);
    }
    // the curve's points are the true cumulative shares of the raw values, largest first
    const sorted = [...value].sort((a, b) => b - a);
    const total = sorted.reduce((a, b) => a + b, 0);
    const cum = [0];
    for (const v of sorted) cum.push(cum[cum.length - 1] + v);
    for (const p of curve) expect(p.value).toBeCloseTo(cum[Math.round(p.customers * n)] / total, 9);
    // the cut points: A | B at most 80% of value, B | C at most 95%, both on the curve
    const cuts = values(pareto.spec, 2) as { customers: number; value: number }[];
    expect(cuts).toHaveLength(2);
    expect(cuts[0].value).toBeLessThanOrEqual(0.8 + 1e-12);
    expect(cuts[1].value).toBeLessThanOrEqual(0.95 + 1e-12);
    for (const c of cuts) expect(c.value).toBeCloseTo(cum[Math.round(c.customers * n)] / total, 9);

    const tiers = blocks(s, 'table').find((t) => t.columns[0] === 'tier')!;
    expect(tiers.rows.map((r) => r[0])).toEqual(['A', 'B', 'C']);
    expect(tiers.rows.reduce((a, r) => a + (r[1] as number), 0)).toBe(n);
    expect(Number(tiers.rows[0][1]) / n).toBeCloseTo(cuts[0].customers, 12);
    const bars = values(charts.find((c) => /ABC/.test(c.title))!.spec) as { measure: string; share: number }[];
    for (const measure of ['customers', 'total charges']) {
      expect(bars.filter((b) => b.measure === measure).reduce((a, b) => a + b.share, 0)).toBeCloseTo(1, 12);
    }
    expect(tiers.rows.reduce((a, r) => a + ratio(r[4] as string), 0)).toBeCloseTo(1, 2);

    const asc = [...value].sort((a, b) => a - b);
    let g = 0;
    for (let i = 0; i < n; i++) g += (2 * (i + 1) - n - 1) * asc[i];
    const gini = g / (n * total);
    const tile = blocks(s, 'metrics')[0].items.find((m) => m.label === 'Gini coefficient')!;
    expect(Number(tile.value)).toBeCloseTo(gini, 3);

    const clv = blocks(s, 'table').find((t) => t.columns[0] === 'contract')!;
    expect(clv.rows.map((r) => r[0])).toEqual(['Month-to-month', 'One year', 'Two year', 'all']);
    for (const r of clv.rows.slice(0, 3)) expect(r[1]).toBe(customers.filter((c) => c.Contract === r[0]).length);
    const matrix = blocks(s, 'table').find((t) => t.columns[0] === 'cell')!;
    expect(matrix.rows.reduce((a, r) => a + (r[1] as number), 0)).toBe(customers.filter((c) => c.Churn === 'No').length);
    await expectChartsRender(s);
  });

  describe("'rfm' on the simulated purchase log", () => {
    let run: Run;
    beforeAll(async () => {
      run = await runStep(rfmStep, table);
    });

    it('says plainly that the log is simulated, in the section and the terminal, and writes it', () => {
      const s = only(run, 'rfm');
      expect(s.title).toBe(rfmStep.title);
      // the step's context does not say the file is the bundled sample: the note does not call it Telco
      expect(s.summary).toContain(simulatedLogNote(false));
      expect(run.stdout).toContain(simulatedLogNote(false));
      expect(run.stdout).toMatch(/this customer file has no purchase dates/);
      expect(run.stdout).not.toMatch(/Telco/);
      expect([...run.files.keys()].sort()).toEqual(['rfm-simulated-purchases.csv', 'rfm.csv']);
    });

    it('segment sizes add up to the customers scored, and agree with rfm.csv and the written log', () => {
      const s = only(run, 'rfm');
      const scores = parseCsvText(run.files.get('rfm.csv')!);
      const log = parseCsvText(run.files.get('rfm-simulated-purchases.csv')!);
      const buyers = new Set(log.map((r) => r.customer));
      expect(scores.length).toBe(buyers.size);
      const [t] = blocks(s, 'table');
      expect(t.rows.reduce((a, r) => a + (r[1] as number), 0)).toBe(scores.length);
      expect(t.rows.reduce((a, r) => a + ratio(r[2] as string), 0)).toBeCloseTo(1, 2);
      const [chart] = blocks(s, 'chart');
      expect(values(chart.spec).map((v) => [v.segment, v.customers])).toEqual(t.rows.map((r) => [r[0], r[1]]));
      // per segment: the count and mean frequency recomputed from the log itself
      const perCustomer = new Map<string, number>();
      for (const r of log) perCustomer.set(r.customer, (perCustomer.get(r.customer) ?? 0) + 1);
      for (const row of t.rows) {
        const members = scores.filter((c) => c.segment === row[0]);
        expect(members.length).toBe(row[1]);
        const meanF = members.reduce((a, c) => a + perCustomer.get(c.customer)!, 0) / members.length;
        expect(row[4] as number).toBeCloseTo(meanF, 2);
      }
    });

    it('is driven by the data: churners have larger recency, and every purchase lies in the simulated year', () => {
      const churned = new Set(customers.filter((c) => c.Churn === 'Yes').map((c) => c.customerID));
      const scores = parseCsvText(run.files.get('rfm.csv')!);
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const rChurn = mean(scores.filter((c) => churned.has(c.customer)).map((c) => Number(c.recencyDays)));
      const rStay = mean(scores.filter((c) => !churned.has(c.customer)).map((c) => Number(c.recencyDays)));
      expect(rChurn).toBeGreaterThan(rStay);
      const log = parseCsvText(run.files.get('rfm-simulated-purchases.csv')!);
      expect(log.filter((r) => !(r.date >= '2024-01-01' && r.date <= '2024-12-31' && Number(r.amount) > 0))).toEqual([]);
    });

    it('is deterministic: the same seed gives the same log, another seed another', () => {
      const a = simulateTelcoPurchases(table, 'telco.csv');
      const b = simulateTelcoPurchases(table, 'telco.csv');
      const c = simulateTelcoPurchases(table, 'telco.csv', 7);
      const same = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);
      expect(a.log.day.length).toBeGreaterThan(customers.length);
      expect(same(b.log.day, a.log.day) && same(b.log.amount, a.log.amount) && same(b.log.customer, a.log.customer)).toBe(true);
      expect(b.log.customerIds).toEqual(a.log.customerIds);
      expect(a.log.customerIds.length + a.withoutPurchase).toBe(customers.length);
      expect(same(c.log.day, a.log.day)).toBe(false);
    });

    it('renders its chart', async () => {
      await expectChartsRender(only(run, 'rfm'));
    });
  });

  it("'rfm' on the user's purchase log (--transactions): scores its customers and writes no simulated log", async () => {
    const tmp = await tempDir();
    try {
      const lines = ['cust,day,spent'];
      const expectedF = new Map<string, number>();
      for (let c = 0; c < 12; c++) {
        for (let k = 0; k <= c % 4; k++) {
          lines.push(`c${c},2024-0${1 + ((c + k) % 9)}-1${k},${10 + c + k}`);
          expectedF.set(`c${c}`, (expectedF.get(`c${c}`) ?? 0) + 1);
        }
      }
      const path = join(tmp.dir, 'log.csv');
      await writeFile(path, lines.join('\n') + '\n');
      const run = await runStep(rfmStep, table, { name: 'log.csv', path, customer: 'cust', date: 'day', amount: 'spent' });
      const s = only(run, 'rfm');
      expect(s.summary).not.toContain('simulated');
      expect(run.stdout).not.toContain('simulated');
      expect(blocks(s, 'paragraph')[0].text).toContain('log.csv');
      expect([...run.files.keys()]).toEqual(['rfm.csv']);
      const scores = parseCsvText(run.files.get('rfm.csv')!);
      expect(scores.map((r) => [r.customer, Number(r.frequency)])).toEqual([...expectedF]);
      expect(blocks(s, 'table')[0].rows.reduce((a, r) => a + (r[1] as number), 0)).toBe(12);
    } finally {
      await tmp.cleanup();
    }
  });

  it("'segments' (on every 9th customer): silhouette by k with the best k marked, profiles with the true churn shares", async () => {
    const sample = subset(table, (i) => i % 9 === 0);
    const raw = customers.filter((_, i) => i % 9 === 0);
    const run = await runStep(segmentationStep, sample);
    const s = only(run, 'segments');
    expect(s.title).toBe(segmentationStep.title);
    const charts = blocks(s, 'chart');
    const sil = charts.find((c) => /Silhouette/.test(c.title))!;
    const byK = values(sil.spec, 0) as { k: number; silhouette: number }[];
    expect(byK.map((v) => v.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = values(sil.spec, 1) as { k: number; silhouette: number }[];
    expect(best).toHaveLength(1);
    expect(best[0].silhouette).toBe(Math.max(...byK.map((v) => v.silhouette)));
    const scoresCsv = parseCsvText(run.files.get('segment-k-scores.csv')!);
    expect(byK.map((v) => v.silhouette)).toEqual(scoresCsv.map((r) => Number(r.silhouette)));

    const [profiles] = blocks(s, 'table');
    expect(profiles.rows.length).toBe(best[0].k);
    expect(profiles.rows.reduce((a, r) => a + (r[1] as number), 0)).toBe(raw.length);
    const labels = parseCsvText(run.files.get('segments.csv')!).map((r) => Number(r.segment));
    const churnCol = profiles.columns.indexOf('churn share');
    for (const row of profiles.rows) {
      const members = raw.filter((_, i) => labels[i] === row[0]);
      expect(members.length).toBe(row[1]);
      expect(ratio(row[churnCol] as string)).toBeCloseTo(members.filter((c) => c.Churn === 'Yes').length / members.length, 3);
      const tenure = members.reduce((a, c) => a + Number(c.tenure), 0) / members.length;
      expect(row[profiles.columns.indexOf('tenure')] as number).toBeCloseTo(tenure, 2);
    }
    expect(blocks(s, 'list')[0].items.map((t) => t.split(':')[0])).toEqual(profiles.rows.map((r) => `Segment ${r[0]}`));
    const scatter = charts.find((c) => /tenure and monthly charges/.test(c.title))!;
    expect(values(scatter.spec).length).toBe(raw.length);
    await expectChartsRender(s);
  });

  it('each step declares the ids of the sections it adds (the report shows them as absent when the step fails)', async () => {
    const sample = subset(table, (i) => i % 9 === 0);
    for (const step of [serviceBundlesStep, churnProfilesStep, customerValueStep, rfmStep, segmentationStep]) {
      const declared = (step.sections ?? [{ id: step.id, title: step.title }]).map((s) => [s.id, s.title]);
      const run = await runStep(step, step === segmentationStep ? sample : table);
      expect(run.sections.map((s) => [s.id, s.title]), step.id).toEqual(declared);
    }
    expect([serviceBundlesStep, churnProfilesStep, customerValueStep, rfmStep, segmentationStep].flatMap((s) => (s.sections ?? [s]).map((x) => x.id))).toEqual([
      'service-bundles',
      'churn-profiles',
      'customer-value',
      'rfm',
      'segments',
    ]);
  });

  describe('too-small data: a sensible section or a typed error saying why', () => {
    const base = {
      customerID: 'x',
      gender: 'Female',
      SeniorCitizen: '0',
      Partner: 'No',
      Dependents: 'No',
      tenure: '24',
      PhoneService: 'No',
      MultipleLines: 'No phone service',
      InternetService: 'No',
      OnlineSecurity: 'No internet service',
      OnlineBackup: 'No internet service',
      DeviceProtection: 'No internet service',
      TechSupport: 'No internet service',
      StreamingTV: 'No internet service',
      StreamingMovies: 'No internet service',
      Contract: 'One year',
      PaperlessBilling: 'No',
      PaymentMethod: 'Mailed check',
      MonthlyCharges: '20.05',
      TotalCharges: '481.2',
      Churn: 'No',
    };
    // five customers, each basket a single contract item and no one churned: no rule can be found
    const bare = telcoTable(
      ['One year', 'Two year', 'Month-to-month', 'One year', 'Two year'].map((contract, i) => ({ ...base, customerID: `c${i}`, Contract: contract })),
    );

    it("'service-bundles' says no strong rules were found", async () => {
      const s = only(await runStep(serviceBundlesStep, bare), 'service-bundles');
      expect(blocks(s, 'paragraph')[0].text).toMatch(/No strong rules at these thresholds/);
      expect(blocks(s, 'chart')).toHaveLength(0);
    });

    it("'churn-profiles' says no one churned", async () => {
      const s = only(await runStep(churnProfilesStep, bare), 'churn-profiles');
      expect(blocks(s, 'paragraph')[0].text).toMatch(/No customer in the data churned/);
      expect(blocks(s, 'chart')).toHaveLength(0);
    });

    it("'customer-value' still gives its section on five customers, and a typed error when nobody has been billed", async () => {
      const five = subset(table, (i) => i < 5);
      const s = only(await runStep(customerValueStep, five), 'customer-value');
      await expectChartsRender(s);
      const unbilled = telcoTable([0, 1, 2].map((i) => ({ ...base, customerID: `c${i}`, tenure: '0', TotalCharges: '' })));
      await expect(runStep(customerValueStep, unbilled)).rejects.toBeInstanceOf(InvalidInputError);
    });

    it("'rfm' and 'segments' refuse five customers with an InvalidInputError saying there are too few", async () => {
      const five = subset(table, (i) => i < 5);
      for (const step of [rfmStep, segmentationStep]) {
        const err = await runStep(step, five).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, step.id).toBeInstanceOf(InvalidInputError);
        expect((err as Error).message).toMatch(/too few customers/);
      }
      expect(MIN_RFM_CUSTOMERS).toBeGreaterThan(5);
    });

    it('an empty table gives a typed error from every step, never a TypeError', async () => {
      const empty = subset(table, () => false);
      for (const step of [serviceBundlesStep, churnProfilesStep, customerValueStep, rfmStep, segmentationStep]) {
        const err = await runStep(step, empty).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err, step.id).toBeInstanceOf(CrmMiningError);
      }
    });
  });
});
