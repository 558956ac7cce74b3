import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { renderReportHtml, type ReportMeta } from '../../src/report/html.js';
import type { ChartSpec, ReportSection } from '../../src/report/types.js';

const META: ReportMeta = { title: 'Test report', dataName: 'customers.csv', generatedAt: new Date(Date.UTC(2024, 2, 5, 14, 7)), version: '9.8.7' };

/** A scatter coloured by a quantitative field: vega gives it a gradient legend, which has an id. */
const gradientChart = (n: number): ChartSpec => ({
  data: { values: [{ x: 1, y: 2, z: n }, { x: 2, y: 1, z: n + 5 }] },
  mark: 'point',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 'z', type: 'quantitative' } },
});

/** The text between `<section id="section-ID"` and its closing tag. */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`<section id="section-${id}"`);
  expect(start, id).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf('</section>', start) + '</section>'.length);
}

describe('renderReportHtml', () => {
  it('escapes every text it is given', async () => {
    const evil = `<script>alert("x")</script> & 'q'`;
    const html = await renderReportHtml(
      [
        {
          id: 'a',
          title: evil,
          summary: evil,
          blocks: [
            { kind: 'paragraph', text: evil },
            { kind: 'list', items: [evil] },
            { kind: 'metrics', items: [{ label: evil, value: evil, note: evil }] },
            { kind: 'table', caption: evil, columns: [evil], rows: [[evil]] },
          ],
        },
        { id: 'b', title: 'B', blocks: [], absent: evil },
      ],
      { ...META, title: evil, dataName: evil, version: evil, notes: [evil] },
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain(`"x"`);
    const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;';
    // title (twice: <title> and <h1>), data, version (meta, header, footer), note, toc, h2, summary,
    // paragraph, list, metric label/value/note, caption, header cell, cell, absent reason
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(18);
  });

  it('has a header with the data file, the date and the version, and a contents list linking every section', async () => {
    const sections: ReportSection[] = [
      { id: 'first', title: 'First section', blocks: [{ kind: 'paragraph', text: 'one' }] },
      { id: 'second-2', title: 'Second section', blocks: [], absent: 'too few rows' },
    ];
    const html = await renderReportHtml(sections, META);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(header).toContain('customers.csv');
    expect(header).toContain('2024-03-05 14:07 UTC');
    expect(header).toContain('9.8.7');
    const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    for (const s of sections) {
      expect(nav).toContain(`<a href="#section-${s.id}">${s.title}</a>`);
      expect(html).toContain(`<section id="section-${s.id}" class="report-section`);
    }
    expect(html.indexOf('section-first"')).toBeLessThan(html.indexOf('section-second-2"'));
  });

  it('marks an absent section and shows its reason', async () => {
    const html = await renderReportHtml(
      [
        { id: 'ok', title: 'Present', blocks: [{ kind: 'paragraph', text: 'here' }] },
        { id: 'gone', title: 'Missing', blocks: [], absent: 'needs at least 50 customers, got 12' },
      ],
      META,
    );
    const gone = sectionHtml(html, 'gone');
    expect(gone).toMatch(/class="report-section absent"/);
    expect(gone).toMatch(/class="absent-notice"[^>]*>.*needs at least 50 customers, got 12/);
    expect(sectionHtml(html, 'ok')).not.toContain('absent');
  });

  it('right-aligns number columns and formats numbers with separators and at most four decimals', async () => {
    const html = await renderReportHtml(
      [{ id: 't', title: 'T', blocks: [{ kind: 'table', columns: ['Name', 'Value'], rows: [['a', 1234567.891234], ['b', null], ['c', 0.5]] }] }],
      META,
    );
    expect(html).toContain('<th scope="col">Name</th><th scope="col" class="num">Value</th>');
    expect(html).toContain('<td class="num">1,234,567.8912</td>');
    expect(html).toContain('<td class="num">0.5</td>');
    expect(html).toMatch(/<tr><td>b<\/td><td><\/td><\/tr>/);
  });

  it('renders each chart to inline SVG in a figure with its title, description and unique ids', async () => {
    const html = await renderReportHtml(
      [
        {
          id: 'charts',
          title: 'Charts',
          blocks: [
            { kind: 'chart', title: 'First & best', description: 'Two points, coloured by z.', spec: gradientChart(1) },
            { kind: 'chart', title: 'Second', description: 'Two more points.', spec: gradientChart(2) },
          ],
        },
      ],
      META,
    );
    const figures = [...html.matchAll(/<figure class="chart" data-chart="([^"]*)"[\s\S]*?<\/figure>/g)];
    expect(figures.map((f) => f[1])).toEqual(['First &amp; best', 'Second']);
    const ids: string[] = [];
    for (const [figure] of figures) {
      expect(figure).toMatch(/<svg[^>]* role="img" aria-label="[^"]+"/);
      expect(figure).toMatch(/<figcaption>.*<\/figcaption>/s);
      const own = [...figure.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
      expect(own.length).toBeGreaterThan(0); // the gradient legend
      // every reference points at an id defined in the same figure
      for (const m of figure.matchAll(/url\(#([^)]+)\)/g)) expect(own).toContain(m[1]);
      ids.push(...own);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(html).toContain('Two points, coloured by z.');
  });

  it('has no script and no address outside the page except the SVG namespaces', async () => {
    const html = await renderReportHtml(
      [{ id: 'c', title: 'C', blocks: [{ kind: 'chart', title: 'c', description: 'd', spec: gradientChart(3) }] }],
      META,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    const urls = [...html.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(['http://www.w3.org/2000/svg', 'http://www.w3.org/1999/xlink']).toContain(u);
    expect(html).not.toMatch(/<link[^>]+href="(?!data:)/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
  });

  it('rejects malformed and repeated section ids, and names the section of a chart that cannot render', async () => {
    await expect(renderReportHtml([{ id: 'a b', title: 'x', blocks: [] }], META)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      renderReportHtml(
        [
          { id: 'a', title: 'x', blocks: [] },
          { id: 'a', title: 'y', blocks: [] },
        ],
        META,
      ),
    ).rejects.toThrow(/two sections have the id "a"/);
    await expect(
      renderReportHtml([{ id: 'bad', title: 'x', blocks: [{ kind: 'chart', title: 'Broken', description: 'd', spec: { mark: 'no-such-mark', data: { values: [] } } }] }], META),
    ).rejects.toThrow(/section "bad", chart "Broken"/);
  });
});
