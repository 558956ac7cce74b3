/**
 * The report sections of the churn-tree, churn-model, outliers and next-best-offer steps, each run on the
 * bundled Telco file with a fake analysis context: the section ids the browser test expects, contents
 * checked against the step's own files and against the raw data, every chart rendered to SVG, and the
 * typed errors on data too small for a step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHURN_TREE_SETTINGS, churnTreeStep } from '../../src/cli/analyses/churn-tree.js';
import { CHURN_JOB_SETTINGS, churnModelStep } from '../../src/cli/analyses/churn.js';
import { CUSTOMER_VALUE_DEFAULTS } from '../../src/cli/analyses/customer-value.js';
import { NEXT_BEST_OFFER_SETTINGS, nextBestOfferStep } from '../../src/cli/analyses/next-best-offer.js';
import { outliersStep } from '../../src/cli/analyses/outliers.js';
import type { AnalysisContext, AnalysisStep } from '../../src/cli/analyze.js';
import { ProgressLine } from '../../src/cli/progress.js';
import { hasItem } from './telco-raw.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { readCsv } from '../../src/data/csv.js';
import { DataTable } from '../../src/data/table.js';
import { selectRows } from '../../src/evaluation/index.js';
import { renderChartSvg } from '../../src/report/charts.js';
import type { ChartSpec, ReportBlock, ReportSection } from '../../src/report/types.js';

const DATA = resolve(process.cwd(), 'examples/data/telco-churn.csv');

interface Run {
  sections: ReportSection[];
  printed: string;
  files: Map<string, string>;
}

/** Runs a step on a table with a context like the job's (no terminal, files kept in memory). */
async function runStep(step: AnalysisStep, table: DataTable): Promise<Run> {
  const run: Run = { sections: [], printed: '', files: new Map() };
  const sink = { write: (s: string) => void (run.printed += s), isTTY: false };
  const memo = new Map<string, Promise<unknown>>();
  const ctx: AnalysisContext = {
    dataName: 'telco.csv',
    outName: 'out',
    io: { stdout: sink, stderr: { write: () => undefined, isTTY: false } },
    settings: { customerValue: CUSTOMER_VALUE_DEFAULTS },
    progress: new ProgressLine({ write: () => undefined, isTTY: false }),
    table: async () => table,
    shared: <T>(key: string, make: () => T | Promise<T>): Promise<T> => {
      if (!memo.has(key)) memo.set(key, Promise.resolve().then(make));
      return memo.get(key) as Promise<T>;
    },
    writeOutput: async (name, text) => void run.files.set(name, text),
    print: (text = '') => void (run.printed += text + '\n'),
    section: (s) => void run.sections.push(s),
  };
  await step.run(ctx);
  return run;
}

/** The CSV text of a step's file as rows of named cells (the step's CSV files quote no field used here). */
function csvRows(text: string | undefined): Record<string, string>[] {
  expect(text).toBeDefined();
  const [header, ...lines] = text!.trimEnd().split('\n');
  const names = header.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(names.map((n, i) => [n, cells[i]]));
  });
}

function blocksOf<K extends ReportBlock['kind']>(s: ReportSection, kind: K): Extract<ReportBlock, { kind: K }>[] {
  return s.blocks.filter((b): b is Extract<ReportBlock, { kind: K }> => b.kind === kind);
}

function metric(s: ReportSection, label: RegExp): string {
  const items = blocksOf(s, 'metrics').flatMap((b) => b.items);
  const item = items.find((i) => label.test(i.label));
  expect(item, `metric ${label}`).toBeDefined();
  return item!.value;
}

function chartValues(spec: ChartSpec): Record<string, unknown>[] {
  return (spec.data as { values: Record<string, unknown>[] }).values;
}

/** Every number in a section is finite and no text says NaN or undefined. */
function expectClean(s: ReportSection): void {
  const walk = (v: unknown, path: string): void => {
    if (typeof v === 'number') expect(Number.isFinite(v), path).toBe(true);
    else if (typeof v === 'string') expect(v, path).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(s, s.id);
}

async function expectChartsRender(s: ReportSection): Promise<void> {
  const charts = blocksOf(s, 'chart');
  expect(charts.length).toBeGreaterThan(0);
  for (const c of charts) {
    expect(c.description.length, c.title).toBeGreaterThan(20);
    const svg = await renderChartSvg(c.spec);
    expect(svg.startsWith('<svg'), c.title).toBe(true);
    expect(svg).toMatch(/role-mark/);
  }
}

const numberOf = (text: string): number => Number(text.replace(/[,%]/g, ''));

describe.skipIf(!existsSync(DATA))('report sections of the churn, outlier and offer steps (bundled Telco data)', () => {
  let table: DataTable;
  let raw: Record<string, string>[];
  beforeAll(async () => {
    table = await readCsv(DATA, { inferTypes: false });
    const [header, ...lines] = readFileSync(DATA, 'utf8').trimEnd().split(/\r?\n/);
    const names = header.split(',');
    raw = lines.map((l) => Object.fromEntries(l.split(',').map((c, i) => [names[i], c])));
  });

  describe('churn-tree', () => {
    let run: Run;
    let section: ReportSection;
    beforeAll(async () => {
      run = await runStep(churnTreeStep, table);
      expect(run.sections).toHaveLength(1);
      section = run.sections[0];
    });

    it('has the contract id and the held-out accuracy and AUC the terminal prints', () => {
      expect(section.id).toBe('churn-tree');
      expect(section.title).toMatch(/churn/i);
      expect(churnTreeStep.sections?.map((s) => s.id)).toEqual(['churn-tree']);
      const printedAuc = Number(/ROC AUC ([\d.]+)/.exec(run.printed)![1]);
      const printedAcc = Number(/accuracy ([\d.]+)/.exec(run.printed)![1]);
      expect(numberOf(metric(section, /AUC/))).toBeCloseTo(printedAuc, 3);
      expect(numberOf(metric(section, /Accuracy/)) / 100).toBeCloseTo(printedAcc, 3);
      expectClean(section);
    });

    it('lists the top rules in plain language and tabulates every leaf of the tree', () => {
      const [list] = blocksOf(section, 'list');
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.length).toBeLessThanOrEqual(2 * CHURN_TREE_SETTINGS.topRules);
      for (const item of list.items) expect(item).toMatch(/^IF .+ THEN (churn|stay) \(\d+%, [\d,]+ customers\)$/);
      expect(list.items.some((i) => / THEN churn /.test(i))).toBe(true);
      const [rules] = blocksOf(section, 'table');
      expect(rules.columns).toEqual(['Conditions', 'Predicts', 'Customers', 'Confidence']);
      // one row per rule of the written rule file, and the leaves partition the customers
      const csv = csvRows(run.files.get('churn-tree-rules.csv'));
      expect(rules.rows).toHaveLength(csv.length);
      expect(rules.rows.reduce((n, r) => n + (r[2] as number), 0)).toBe(raw.length);
      for (const r of rules.rows) {
        const conf = numberOf(r[3] as string);
        expect(conf).toBeGreaterThanOrEqual(50);
        expect(conf).toBeLessThanOrEqual(100);
      }
      // the churn rules of the list are leaves whose majority left, per the raw data in the CSV
      for (const r of csv) expect(r.prediction === 'Yes').toBe(Number(r.churned) > Number(r.stayed));
    });

    it('charts the importances (summing to 1) and renders every chart', async () => {
      const chart = blocksOf(section, 'chart').find((c) => /importance/i.test(c.title))!;
      const values = chartValues(chart.spec);
      const total = values.reduce((s, v) => s + (v.importance as number), 0);
      expect(total).toBeCloseTo(1, 6);
      await expectChartsRender(section);
    });
  });

  describe('churn-model (one training run)', () => {
    let run: Run;
    let section: ReportSection;
    let chart: (title: RegExp) => ChartSpec;
    beforeAll(async () => {
      run = await runStep(churnModelStep, table);
      expect(run.sections).toHaveLength(1);
      section = run.sections[0];
      chart = (title) => {
        const c = blocksOf(section, 'chart').find((b) => title.test(b.title));
        expect(c, String(title)).toBeDefined();
        return c!.spec;
      };
    }, 120_000);

    it('has the contract id, the printed AUC and the five tiles', () => {
      expect(section.id).toBe('churn-model');
      const printedAuc = Number(/ROC AUC ([\d.]+)/.exec(run.printed)![1]);
      expect(numberOf(metric(section, /AUC/))).toBeCloseTo(printedAuc, 3);
      const brier = numberOf(metric(section, /Brier/));
      expect(brier).toBeGreaterThan(0);
      expect(brier).toBeLessThan(0.25);
      for (const label of [/threshold/i, /contact/i, /profit/i]) metric(section, label);
      expectClean(section);
    });

    it('draws ROC curves monotone from (0,0) to (1,1), the logistic baseline and the diagonal, AUC in the title', () => {
      const spec = chart(/ROC/);
      expect(String(spec.title)).toContain(metric(section, /AUC/));
      const layers = spec.layer as ChartSpec[];
      const curves = chartValues(layers[0]);
      const models = [...new Set(curves.map((v) => v.model as string))];
      expect(models).toHaveLength(2);
      expect(models.some((m) => /logistic/.test(m))).toBe(true);
      for (const m of models) {
        const pts = curves.filter((v) => v.model === m).sort((a, b) => (a.order as number) - (b.order as number));
        expect([pts[0].fpr, pts[0].tpr]).toEqual([0, 0]);
        expect([pts.at(-1)!.fpr, pts.at(-1)!.tpr]).toEqual([1, 1]);
        for (let i = 1; i < pts.length; i++) {
          expect(pts[i].fpr as number).toBeGreaterThanOrEqual(pts[i - 1].fpr as number);
          expect(pts[i].tpr as number).toBeGreaterThanOrEqual(pts[i - 1].tpr as number);
        }
      }
      expect(chartValues(layers[1])).toEqual([{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]);
    });

    it('draws cumulative gains by decile from 0 to 100% and lift per decile', () => {
      const gains = chartValues(chart(/gains/i));
      for (const m of ['MLP', 'logistic regression']) {
        const pts = gains.filter((v) => v.model === m);
        expect(pts).toHaveLength(11);
        expect(pts[0]).toMatchObject({ share: 0, gain: 0 });
        expect(pts[10].share).toBeCloseTo(1, 12);
        expect(pts[10].gain).toBeCloseTo(1, 12);
        for (let i = 1; i < pts.length; i++) expect(pts[i].gain as number).toBeGreaterThanOrEqual(pts[i - 1].gain as number);
        expect(pts[3].gain as number).toBeGreaterThan(0.3); // better than random contact at 30%
      }
      const lift = chartValues((chart(/lift/i).layer as ChartSpec[])[0]);
      expect(lift.map((v) => v.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(lift[0].lift as number).toBeGreaterThan(1);
    });

    it('marks the threshold of maximum profit, and that profit is the one recomputed from the scores and the raw data', () => {
      const values = chartValues(chart(/profit/i));
      const chosen = values.filter((v) => v.chosen === true);
      expect(chosen).toHaveLength(1);
      const best = Math.max(...values.map((v) => v.profit as number));
      expect(chosen[0].profit).toBe(best);
      const threshold = chosen[0].threshold as number;
      expect(metric(section, /threshold/i)).toBe(threshold.toFixed(3));
      expect(run.printed).toContain(`probability >= ${threshold.toFixed(3)}`);
      // The realised profit at that threshold, from the written scores and the raw file.
      const s = CHURN_JOB_SETTINGS;
      const byId = new Map(raw.map((r) => [r.customerID, r]));
      let profit = 0;
      let contacted = 0;
      for (const r of csvRows(run.files.get('churn-scores.csv'))) {
        if (r.heldOut !== '1' || Number(r.probability) < threshold - 1e-6) continue;
        const c = byId.get(r.customerID)!;
        contacted++;
        profit += (c.Churn === 'Yes' ? s.successRate * s.valueMonths * Number(c.MonthlyCharges) : 0) - s.offerCost;
      }
      expect(numberOf(metric(section, /Customers to contact/))).toBe(contacted);
      expect(Math.abs(profit - best)).toBeLessThan(1);
      expect(numberOf(metric(section, /profit/i))).toBe(Math.round(best));
    });

    it('renders every chart', async () => {
      await expectChartsRender(section);
    });
  });

  describe('outliers', () => {
    let run: Run;
    let section: ReportSection;
    beforeAll(async () => {
      run = await runStep(outliersStep, table);
      expect(run.sections).toHaveLength(1);
      section = run.sections[0];
    });

    it('counts and lists the flagged customers, most anomalous first', () => {
      expect(section.id).toBe('outliers');
      expectClean(section);
      const scores = csvRows(run.files.get('outlier-scores.csv'));
      const flagged = scores.filter((r) => r.outlier === '1').sort((a, b) => Number(b.iforestScore) - Number(a.iforestScore));
      expect(flagged.length).toBeGreaterThan(0);
      expect(numberOf(metric(section, /^Outliers/))).toBe(flagged.length);
      expect(numberOf(metric(section, /share/i))).toBeCloseTo((100 * flagged.length) / raw.length, 1);
      const [list] = blocksOf(section, 'table');
      expect(list.columns.slice(0, 5)).toEqual(['Customer', 'Tenure', 'Monthly charges', 'Total charges', 'Score']);
      expect(list.rows.map((r) => r[0])).toEqual(flagged.slice(0, list.rows.length).map((r) => r.customerID));
      const byId = new Map(raw.map((r) => [r.customerID, r]));
      for (const r of list.rows) {
        const c = byId.get(r[0] as string)!;
        expect(r[1]).toBe(Number(c.tenure));
        expect(r[2]).toBe(Number(c.MonthlyCharges));
        expect(r[5]).toMatch(/^(tenure|MonthlyCharges|TotalCharges) .* (above|below) the median/);
      }
    });

    it('highlights exactly the flagged customers in the scatter, and renders it', async () => {
      const flagged = new Set(csvRows(run.files.get('outlier-scores.csv')).filter((r) => r.outlier === '1').map((r) => r.customerID));
      const points = chartValues(blocksOf(section, 'chart')[0].spec);
      const red = points.filter((p) => p.outlier === 'outlier').map((p) => p.customer as string);
      expect(new Set(red)).toEqual(flagged);
      for (const p of points) if (p.outlier !== 'outlier') expect(flagged.has(p.customer as string)).toBe(false);
      await expectChartsRender(section);
    });
  });

  describe('next-best-offers', () => {
    let run: Run;
    let section: ReportSection;
    beforeAll(async () => {
      run = await runStep(nextBestOfferStep, table);
      expect(run.sections).toHaveLength(1);
      section = run.sections[0];
    });

    it('assigns at most the capacity per service, and the tiles agree with the assignment file', () => {
      expect(section.id).toBe('next-best-offers');
      expect(nextBestOfferStep.sections?.map((s) => s.id)).toEqual(['next-best-offers']);
      expectClean(section);
      const current = raw.filter((r) => r.Churn !== 'Yes').length;
      const capacity = Math.ceil(NEXT_BEST_OFFER_SETTINGS.capacityShare * current);
      const bars = chartValues(blocksOf(section, 'chart')[0].spec);
      expect(bars.map((b) => b.service)).toEqual([...NEXT_BEST_OFFER_SETTINGS.services]);
      for (const b of bars) {
        expect(b.capacity).toBe(capacity);
        expect(b.assigned as number).toBeLessThanOrEqual(capacity);
      }
      const assignment = csvRows(run.files.get('offer-assignment.csv'));
      const given = assignment.filter((r) => r.offer !== '');
      expect(numberOf(metric(section, /with an offer/))).toBe(given.length);
      expect(bars.reduce((n, b) => n + (b.assigned as number), 0)).toBe(given.length);
      for (const b of bars) expect(b.assigned).toBe(given.filter((r) => r.offer === b.service).length);
      expect(numberOf(metric(section, /Current customers/))).toBe(current);
    });

    it('offers each sampled customer only services they lack and can have, with a reason, and describes the hybrid', async () => {
      const [offers] = blocksOf(section, 'table');
      expect(offers.columns).toEqual(['Customer', 'Rank', 'Service', 'Score', 'Why']);
      expect(offers.rows.length).toBeGreaterThan(0);
      const byId = new Map(raw.map((r) => [r.customerID, r]));
      let customer: Record<string, string> | undefined;
      for (const row of offers.rows) {
        if (row[0] !== null) customer = byId.get(row[0] as string);
        expect(customer).toBeDefined();
        expect(customer!.Churn).toBe('No');
        expect(customer![row[2] as string]).toBe('No'); // lacks it (not "No internet service")
        expect((row[4] as string).length).toBeGreaterThan(0);
      }
      const text = blocksOf(section, 'paragraph').map((p) => p.text).join(' ');
      expect(text).toMatch(/cross-sell/);
      expect(text).toMatch(/demographic/);
      expect(text).toMatch(/popularity/);
      await expectChartsRender(section);
    });
    it('gives each offer in the table a short reason whose figures are recounted from the raw data, and keeps the full one in the CSV', () => {
      const [offers] = blocksOf(section, 'table');
      const byId = new Map(raw.map((r) => [r.customerID, r]));
      const segmentBy = NEXT_BEST_OFFER_SETTINGS.segmentBy;
      const full = run.files.get('next-best-offers.csv')!.split('\n');
      const pct = (x: number): string => (x > 0 && x < 0.005 ? '<1%' : `${Math.round(100 * x)}%`);
      let customer: Record<string, string> | undefined;
      let withRule = 0;
      for (const row of offers.rows) {
        if (row[0] !== null) customer = byId.get(row[0] as string);
        const c = customer!;
        const service = row[2] as string;
        const why = row[4] as string;
        const line = full.find((l) => l.startsWith(`${c.customerID},${row[1]},${service},`));
        expect(line, `${c.customerID} ${service} in next-best-offers.csv`).toMatch(/weighted [\d.]+ = cross-sell/);
        expect(why.length, why).toBeLessThan(line!.length / 2);
        expect(why).not.toMatch(/weighted|×/);
        const m = /^people like you: (\S+) of similar customers have it; (?:rule \{([^}]*)\} ⇒ (\S+) conf (\d\.\d\d)|(\S+) of all customers have it)$/.exec(why);
        expect(m, why).not.toBeNull();
        // The share of the other customers with the same contract, senior citizen, partner and dependents.
        const others = raw.filter((o) => o !== c && segmentBy.every((a) => o[a] === c[a]));
        expect(m![1]).toBe(pct(others.filter((o) => o[service] === 'Yes').length / others.length));
        if (m![2] !== undefined) {
          withRule++;
          expect(m![3]).toBe(service);
          const more = /^(.*) \+(\d+) more$/.exec(m![2]);
          const items = (more ? more[1] : m![2]).split(', ');
          for (const item of items) expect(hasItem(c, item), `${c.customerID} holds ${item}`).toBe(true);
          expect(line).toContain(`rule {${items.join(', ')}${more ? ', ' : '} => {'}`); // the rule the cross-sell recommender chose
          if (more === null) {
            const fire = raw.filter((o) => items.every((item) => hasItem(o, item)));
            expect(m![4]).toBe((fire.filter((o) => o[service] === 'Yes').length / fire.length).toFixed(2));
          } else {
            expect(items).toHaveLength(NEXT_BEST_OFFER_SETTINGS.reasonItems);
          }
        } else {
          expect(m![5]).toBe(pct(raw.filter((o) => o[service] === 'Yes').length / raw.length));
        }
      }
      expect(withRule).toBeGreaterThan(0);
    });
  });

  describe('data too small or degenerate', () => {
    const first = (n: number, keep: (r: number) => boolean = () => true): DataTable => {
      const rows: number[] = [];
      const churn = table.column('Churn').values;
      for (let i = 0; i < table.rowCount && rows.length < n; i++) if (keep(i) && churn[i] !== null) rows.push(i);
      return selectRows(table, rows);
    };
    const isChurn = (i: number): boolean => table.column('Churn').values[i] === 'Yes';

    it('the churn tree and the churn model refuse 8 customers, or one class, with a typed error saying why', async () => {
      for (const step of [churnTreeStep, churnModelStep]) {
        const tiny = runStep(step, first(8));
        await expect(tiny).rejects.toBeInstanceOf(InvalidInputError);
        await expect(tiny).rejects.toThrow(/too few customers .*: 8, need at least/);
        const oneClass = runStep(step, first(400, (i) => !isChurn(i)));
        await expect(oneClass).rejects.toBeInstanceOf(InvalidInputError);
        await expect(oneClass).rejects.toThrow(/customers who left \(Churn = Yes\).*the data has 0 and 400/);
      }
    });

    it('outliers refuse 8 customers and give a clean section for 12', async () => {
      await expect(runStep(outliersStep, first(8))).rejects.toThrow(/too few customers for outlier detection: 8/);
      const run = await runStep(outliersStep, first(12));
      expect(run.sections).toHaveLength(1);
      expectClean(run.sections[0]);
      await expectChartsRender(run.sections[0]);
    });

    it('next-best-offers: no current customer is a typed error; 8 customers give a clean section', async () => {
      const allGone = runStep(nextBestOfferStep, first(30, isChurn));
      await expect(allGone).rejects.toBeInstanceOf(InvalidInputError);
      await expect(allGone).rejects.toThrow(/no current customers/);
      const run = await runStep(nextBestOfferStep, first(8));
      expect(run.sections).toHaveLength(1);
      expectClean(run.sections[0]);
      const bars = chartValues(blocksOf(run.sections[0], 'chart')[0].spec);
      for (const b of bars) expect(b.assigned as number).toBeLessThanOrEqual(b.capacity as number);
      await expectChartsRender(run.sections[0]);
    });
  });
});
