import { describe, expect, it } from 'vitest';
import { renderChartSvg } from '../../src/report/charts.js';
import { InvalidInputError } from '../../src/core/errors.js';

describe('renderChartSvg', () => {
  it('renders a Vega-Lite bar chart to SVG with one bar per row and the axis titles', async () => {
    const svg = await renderChartSvg({
      data: { values: [{ tier: 'A', revenue: 80 }, { tier: 'B', revenue: 15 }, { tier: 'C', revenue: 5 }] },
      mark: 'bar',
      encoding: { x: { field: 'tier', type: 'nominal' }, y: { field: 'revenue', type: 'quantitative' } },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="');
    expect(svg.match(/role-mark[^"]*"/g)?.length).toBeGreaterThan(0);
    // three bars: the mark group holds one path per datum
    const marks = svg.split('class="mark-rect role-mark marks"')[1] ?? '';
    expect((marks.split('</g>')[0].match(/<path /g) ?? []).length).toBe(3);
    expect(svg).toContain('revenue');
  });

  it('throws a typed error for a specification vega-lite rejects', async () => {
    await expect(renderChartSvg({ data: { values: [] }, mark: 'no-such-mark' })).rejects.toBeInstanceOf(InvalidInputError);
  });
});
