/**
 * The report as one self-contained HTML page: inline CSS, every chart rendered to inline SVG when the
 * page is built, no script and no address outside the page, so that it opens offline, from a file or
 * an e-mail attachment, and prints cleanly.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { renderChartSvg } from './charts.js';
import type { ReportBlock, ReportCell, ReportSection } from './types.js';
import { optionKeys, rejectUnknownOptions } from '../core/validate.js';
import { escapeHtml, formatInfinity, renderTableHtml, type TableFlavour } from './table.js';

/**
 * What the page says about itself in its header.
 *
 * @example
 * ```ts
 * import type { ReportMeta } from 'crm-mining';
 * const meta: ReportMeta = { title: 'CRM report', dataName: 'customers.csv', generatedAt: new Date(), version: '0.1.0' };
 * ```
 */
export interface ReportMeta {
  /** The page title and main heading. */
  readonly title: string;
  /** The data file as the user named it. */
  readonly dataName: string;
  /** When the report was made (shown in UTC, to the minute). */
  readonly generatedAt: Date;
  /** The version of crm-mining that made it. */
  readonly version: string;
  /** Short plain-text lines shown under the header, for example how the data's columns were read (default: none). */
  readonly notes?: readonly string[];
}

const REPORT_META_KEYS = optionKeys<ReportMeta>({
  title: true,
  dataName: true,
  generatedAt: true,
  version: true,
  notes: true,
});

const SECTION_ID = /^[A-Za-z0-9-]+$/;
const esc = escapeHtml;

/**
 * Renders report sections to one self-contained HTML page: a header (title, data file, date, library
 * version), a table of contents, then one `<section id="section-<id>" class="report-section">` per
 * section with its heading, summary and blocks. Charts become inline SVG inside
 * `<figure class="chart" data-chart="<title>">` with the chart's description as text alternative; an
 * absent section (see {@link ReportSection.absent}) gets the class `absent` and a visible notice saying
 * why. All text is escaped; the page has no script and refers to nothing outside itself.
 *
 * @param sections - the sections, in page order; ids must be distinct and made of letters, digits and dashes.
 * @param meta - the header's facts (see {@link ReportMeta}).
 * @returns the page, starting with `<!DOCTYPE html>`.
 * @throws InvalidInputError naming the section when an id is malformed or repeated, or a chart cannot be rendered.
 *
 * @example
 * ```ts
 * import { renderReportHtml } from 'crm-mining';
 * const html = await renderReportHtml(
 *   [
 *     {
 *       id: 'tiers',
 *       title: 'ABC tiers',
 *       blocks: [
 *         { kind: 'table', columns: ['Tier', 'Customers'], rows: [['A', 1408], ['B', 2112]] },
 *         {
 *           kind: 'chart',
 *           title: 'Customers per tier',
 *           description: 'Tier A has 1,408 customers, tier B 2,112.',
 *           spec: {
 *             data: { values: [{ tier: 'A', n: 1408 }, { tier: 'B', n: 2112 }] },
 *             mark: 'bar',
 *             encoding: { x: { field: 'tier', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
 *           },
 *         },
 *       ],
 *     },
 *     { id: 'rfm', title: 'RFM segments', blocks: [], absent: 'the data has no purchase dates' },
 *   ],
 *   { title: 'CRM report', dataName: 'customers.csv', generatedAt: new Date(), version: '0.1.0' },
 * );
 * console.log(html.includes('id="section-tiers"')); // true
 * ```
 */
export async function renderReportHtml(sections: readonly ReportSection[], meta: ReportMeta): Promise<string> {
  rejectUnknownOptions(meta, REPORT_META_KEYS, 'renderReportHtml');
  const seen = new Set<string>();
  for (const s of sections) {
    if (typeof s.id !== 'string' || !SECTION_ID.test(s.id)) {
      throw new InvalidInputError(`renderReportHtml: section id ${JSON.stringify(s.id)} must be letters, digits and dashes`, { field: 'id' });
    }
    if (seen.has(s.id)) throw new InvalidInputError(`renderReportHtml: two sections have the id "${s.id}"`, { field: 'id' });
    seen.add(s.id);
  }
  const chartCounter = { n: 0 };
  const body: string[] = [];
  for (const s of sections) body.push(await renderSection(s, chartCounter));

  const toc = sections
    .map(
      (s) =>
        `<li><a href="#section-${s.id}">${esc(s.title)}</a>${s.absent !== undefined ? ' <span class="toc-absent">(not available)</span>' : ''}</li>`,
    )
    .join('\n');
  const notes = (meta.notes ?? []).map((n) => `<li>${esc(n)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="crm-mining ${esc(meta.version)}">
<title>${esc(meta.title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header class="report-header">
<h1>${esc(meta.title)}</h1>
<dl class="facts">
<div><dt>Data</dt><dd>${esc(meta.dataName)}</dd></div>
<div><dt>Generated</dt><dd><time datetime="${esc(meta.generatedAt.toISOString())}">${esc(formatDate(meta.generatedAt))}</time></dd></div>
<div><dt>crm-mining</dt><dd>${esc(meta.version)}</dd></div>
</dl>
${notes !== '' ? `<ul class="notes">${notes}</ul>\n` : ''}</header>
<nav class="toc" aria-label="Contents">
<h2>Contents</h2>
<ol>
${toc}
</ol>
</nav>
<main>
${body.join('\n')}
</main>
<footer class="report-footer">Made by crm-mining ${esc(meta.version)} on ${esc(formatDate(meta.generatedAt))}. Charts: Vega-Lite, rendered to SVG when the page was made; the page needs no network.</footer>
</body>
</html>
`;
}

async function renderSection(s: ReportSection, counter: { n: number }): Promise<string> {
  const parts: string[] = [];
  parts.push(`<section id="section-${s.id}" class="report-section${s.absent !== undefined ? ' absent' : ''}" aria-labelledby="heading-${s.id}">`);
  parts.push(`<h2 id="heading-${s.id}">${esc(s.title)}</h2>`);
  if (s.summary !== undefined && s.summary !== '') parts.push(`<p class="summary">${esc(s.summary)}</p>`);
  if (s.absent !== undefined) {
    parts.push(`<div class="absent-notice" role="note"><strong>Not available for this data.</strong> ${esc(s.absent)}</div>`);
  }
  for (const block of s.blocks) parts.push(await renderBlock(block, s.id, counter));
  parts.push('</section>');
  return parts.join('\n');
}

async function renderBlock(block: ReportBlock, sectionId: string, counter: { n: number }): Promise<string> {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${esc(block.text)}</p>`;
    case 'list':
      return `<ul class="items">${block.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'metrics':
      return `<div class="metrics">${block.items
        .map(
          (m) =>
            `<div class="metric"><div class="metric-label">${esc(m.label)}</div><div class="metric-value">${esc(m.value)}</div>${
              m.note !== undefined ? `<div class="metric-note">${esc(m.note)}</div>` : ''
            }</div>`,
        )
        .join('')}</div>`;
    case 'table':
      return renderTable(block.columns, block.rows, block.caption);
    case 'chart': {
      let svg: string;
      try {
        svg = await renderChartSvg(block.spec);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new InvalidInputError(`section "${sectionId}", chart "${block.title}": ${message}`, { field: 'spec' });
      }
      counter.n++;
      return `<figure class="chart" data-chart="${esc(block.title)}" role="group" aria-label="${esc(block.title)}">
${labelSvg(prefixSvgIds(svg, `chart${counter.n}-`), block.title, block.description)}
<figcaption><span class="chart-title">${esc(block.title)}.</span> ${esc(block.description)}</figcaption>
</figure>`;
    }
    default: {
      const kind = (block as { kind?: unknown }).kind;
      throw new InvalidInputError(`section "${sectionId}": unknown block kind ${JSON.stringify(kind)}`, { field: 'kind' });
    }
  }
}

/** The report's tables: CSS classes for alignment, numbers to at most four decimals, missing cells empty. */
const REPORT_TABLE: TableFlavour = {
  who: 'renderReportHtml',
  numAttr: ' class="num"',
  textAttr: '',
  captionAttr: '',
  nanIsMissing: false,
  formatNumber,
  missingCell: () => '<td></td>',
};

function renderTable(columns: readonly string[], rows: readonly (readonly ReportCell[])[], caption?: string): string {
  return `<div class="table-wrap">${renderTableHtml(columns, rows, REPORT_TABLE, { caption })}</div>`;
}

/** A number with thousands separators and at most four decimals; infinities as ∞, NaN as an empty mark. */
function formatNumber(v: number): string {
  if (Number.isNaN(v)) return '–';
  return formatInfinity(v) ?? v.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

function formatDate(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Makes an SVG's ids unique on the page: vega numbers its gradients and clip paths per chart
 * (`gradient_0`, `clip1`), so two charts on one page would point at each other's definitions.
 */
function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}${id})`)
    .replace(/\b(xlink:href|href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${prefix}${id}"`);
}

function labelSvg(svg: string, title: string, description: string): string {
  return svg.replace(/^<svg\b([^>]*)>/, (_m, attrs: string) => `<svg${attrs} role="img" aria-label="${esc(`${title}: ${description}`)}"><title>${esc(title)}</title><desc>${esc(description)}</desc>`);
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --line: #d9dee3; --soft: #f4f6f8; --accent: #1d5fa8; --warn-bg: #fff6e0; --warn-line: #e0b040; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0 auto; max-width: 1060px; padding: 1.5rem 1.25rem 3rem; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.5; }
h1 { font-size: 1.9rem; margin: 0 0 .5rem; letter-spacing: -.01em; }
h2 { font-size: 1.35rem; margin: 0 0 .4rem; }
a { color: var(--accent); }
.report-header { border-bottom: 2px solid var(--ink); padding-bottom: .9rem; margin-bottom: 1.2rem; }
.facts { display: flex; flex-wrap: wrap; gap: .4rem 2rem; margin: 0; color: var(--muted); }
.facts div { display: flex; gap: .4rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.notes { margin: .6rem 0 0; padding-left: 1.2rem; color: var(--muted); font-size: .92rem; }
.toc { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1.2rem; margin-bottom: 2rem; }
.toc h2 { font-size: 1rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.toc ol { margin: 0; padding-left: 1.4rem; columns: 2 18rem; }
.toc-absent { color: var(--muted); font-size: .9em; }
.report-section { padding: 1.4rem 0 1.6rem; border-top: 1px solid var(--line); }
.report-section .summary { color: var(--muted); margin-top: 0; font-size: 1.02rem; }
.absent-notice { background: var(--warn-bg); border-left: 4px solid var(--warn-line); padding: .6rem .9rem; margin: .8rem 0; }
.metrics { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
.metric { flex: 1 1 10rem; border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; background: #fff; }
.metric-label { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
.metric-value { font-size: 1.5rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.metric-note { font-size: .85rem; color: var(--muted); }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding-bottom: .35rem; }
th, td { padding: .3rem .65rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); background: var(--soft); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
ul.items { padding-left: 1.3rem; }
figure.chart { margin: 1.2rem 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .88rem; color: var(--muted); margin-top: .35rem; max-width: 48rem; }
.chart-title { font-weight: 600; color: var(--ink); }
.report-footer { margin-top: 2rem; padding-top: .8rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .toc { break-after: page; }
  .report-section { break-before: auto; }
  figure.chart, .metrics, tr, .absent-notice { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  tbody tr:nth-child(even) { background: none; }
}
`;
