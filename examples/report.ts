/**
 * A small HTML report of your own: sections of key figures, tables and charts (Vega-Lite specifications,
 * rendered to inline SVG in Node), written as one self-contained page that opens offline. The same
 * building blocks make the report of `crm-mining report` / `npm start`.
 *
 * Two sections on the bundled Telco customers: churn by contract, and the Pareto curve of revenue with
 * the ABC tiers. One chart is also written on its own as an SVG file.
 *
 * Run it from the project's root:
 *   npx tsx examples/report.ts              (or: npm run example report) — writes into a new temporary folder
 *   npx tsx examples/report.ts --out DIR    writes DIR/report.html and DIR/pareto.svg
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  abcClassify,
  CrmMiningError,
  paretoCurve,
  readCsv,
  renderChartSvg,
  renderReportHtml,
  topShare,
  type ChartSpec,
  type ReportSection,
} from 'crm-mining';

/** The bundled sample, found next to this file whatever the working directory. */
const TELCO = fileURLToPath(new URL('data/telco-churn.csv', import.meta.url));

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

async function main(args: string[]): Promise<void> {
  const outDir = args[0] === '--out' && args[1] ? args[1] : await mkdtemp(join(tmpdir(), 'crm-report-'));
  await mkdir(outDir, { recursive: true });
  const customers = await readCsv(TELCO);

  // Section 1: churn by contract: key figures, a table and a bar chart.
  const contract = customers.column('Contract').values.map(String);
  const churn = customers.column('Churn').values;
  const groups = new Map<string, { customers: number; churned: number }>();
  contract.forEach((c, i) => {
    const g = groups.get(c) ?? { customers: 0, churned: 0 };
    g.customers++;
    if (churn[i] === 'Yes') g.churned++;
    groups.set(c, g);
  });
  const churned = churn.filter((v) => v === 'Yes').length;
  const byContract = [...groups].map(([name, g]) => ({ contract: name, customers: g.customers, rate: g.churned / g.customers }));
  const churnChart: ChartSpec = {
    data: { values: byContract },
    mark: 'bar',
    encoding: {
      x: { field: 'contract', type: 'nominal', title: 'Contract', sort: null, axis: { labelAngle: 0 } },
      y: { field: 'rate', type: 'quantitative', title: 'Churn rate', axis: { format: '%' } },
    },
  };
  const churnSection: ReportSection = {
    id: 'churn-by-contract',
    title: 'Churn by contract',
    summary: 'Who left in the last month, by the kind of contract they had.',
    blocks: [
      {
        kind: 'metrics',
        items: [
          { label: 'Customers', value: customers.rowCount.toLocaleString('en-US') },
          { label: 'Churn rate', value: percent(churned / customers.rowCount), note: `${churned.toLocaleString('en-US')} customers left` },
        ],
      },
      { kind: 'table', columns: ['Contract', 'Customers', 'Churn rate'], rows: byContract.map((g) => [g.contract, g.customers, percent(g.rate)]) },
      {
        kind: 'chart',
        title: 'Churn rate by contract',
        description: byContract.map((g) => `${g.contract}: ${percent(g.rate)}`).join(', '),
        spec: churnChart,
      },
    ],
  };

  // Section 2: the Pareto curve of revenue (TotalCharges; blank for customers not billed yet) and ABC tiers.
  const revenue = customers.column('TotalCharges').values.map((v) => (typeof v === 'number' ? v : 0));
  const curve = paretoCurve(revenue);
  const points: { customers: number; revenue: number }[] = [];
  const step = Math.max(1, Math.floor(curve.customerShare.length / 100)); // about 100 points draw the curve
  for (let i = 0; i < curve.customerShare.length; i += step) points.push({ customers: curve.customerShare[i], revenue: curve.valueShare[i] });
  points.push({ customers: 1, revenue: 1 });
  const paretoChart: ChartSpec = {
    data: { values: points },
    mark: 'line',
    encoding: {
      x: { field: 'customers', type: 'quantitative', title: 'Share of customers, most valuable first', axis: { format: '%' } },
      y: { field: 'revenue', type: 'quantitative', title: 'Share of revenue', axis: { format: '%' } },
    },
  };
  const abc = abcClassify(revenue);
  const top20 = topShare(revenue, 0.2);
  const valueSection: ReportSection = {
    id: 'customer-value',
    title: 'Customer value: Pareto and ABC',
    summary: `The top 20% of customers bring ${percent(top20)} of revenue.`,
    blocks: [
      { kind: 'chart', title: 'Pareto curve of revenue', description: `The top 20% of customers bring ${percent(top20)} of revenue.`, spec: paretoChart },
      {
        kind: 'table',
        caption: 'ABC tiers: A brings the first 80% of revenue, B the next 15%, C the rest.',
        columns: ['Tier', 'Customers', 'Share of customers', 'Share of revenue'],
        rows: abc.tiers.map((t) => [t.label, t.customers, percent(t.customerShare), percent(t.valueShare)]),
      },
    ],
  };

  // The page, written whole; and one chart on its own, as an SVG file.
  const { version } = createRequire(import.meta.url)('crm-mining/package.json') as { version: string };
  const sections = [churnSection, valueSection];
  const html = await renderReportHtml(sections, { title: 'Telco customers', dataName: 'telco-churn.csv', generatedAt: new Date(), version });
  const page = join(outDir, 'report.html');
  await writeFile(page, html);
  const svg = join(outDir, 'pareto.svg');
  await writeFile(svg, await renderChartSvg(paretoChart));
  const charts = sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'chart').length;
  console.log(`Churn rate ${percent(churned / customers.rowCount)}; the top 20% of customers bring ${percent(top20)} of revenue.`);
  console.log(`wrote ${page} (${sections.length} sections, ${charts} charts, ${Math.round(html.length / 1024)} KB)`);
  console.log(`wrote ${svg}`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  // The library's errors say what was wrong and where; anything else is a bug worth its stack trace.
  console.error(err instanceof CrmMiningError ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
