/**
 * Charts rendered in Node: a Vega-Lite specification is compiled by vega-lite to a Vega specification
 * and rendered by vega's headless view to an SVG string, with no browser, canvas or network. Vega and
 * Vega-Lite are loaded on first use (they are ES-module-only and take a few hundred milliseconds to
 * load), so importing the library stays cheap.
 *
 * Why Vega-Lite: one declarative JSON grammar for every chart of the report and the notebooks, output
 * as static SVG (no script in the page, so it opens offline and cannot raise console errors), and a
 * project maintained for a decade by the University of Washington Interactive Data Lab with regular
 * releases.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';
import { lazyImport } from '../core/lazy-require.js';
import type { ChartSpec } from './types.js';

interface VegaLiteModule {
  compile(spec: unknown, options?: { logger?: unknown }): { spec: unknown };
}
interface VegaView {
  toSVG(): Promise<string>;
  finalize(): void;
}
interface VegaModule {
  parse(spec: unknown): unknown;
  View: new (runtime: unknown, options: { renderer: 'none'; logLevel?: number }) => VegaView;
  logger(level: number): unknown;
  readonly Error: number;
}

let loaded: Promise<{ vega: VegaModule; vegaLite: VegaLiteModule }> | undefined;

function loadVega(): Promise<{ vega: VegaModule; vegaLite: VegaLiteModule }> {
  loaded ??= Promise.all([lazyImport('vega'), lazyImport('vega-lite')]).then(([vega, vegaLite]) => ({
    vega: vega as VegaModule,
    vegaLite: vegaLite as VegaLiteModule,
  }));
  return loaded;
}

/** The look shared by every chart (font, sizes), merged under a specification's own `config`. */
const BASE_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, anchor: 'start' },
};

/**
 * Renders a Vega-Lite chart to an SVG document (a string starting with `<svg`), for embedding in a
 * page or showing in a notebook (tslab's `display.svg`).
 *
 * @param spec - a Vega-Lite specification with inline data (`data.values`); `width`/`height` default
 *   to 480 × 280 pixels when the specification sets neither.
 * @throws InvalidInputError when vega-lite or vega rejects the specification (the message is theirs).
 *
 * @example
 * ```ts
 * import { renderChartSvg } from 'crm-mining';
 * const svg = await renderChartSvg({
 *   data: { values: [{ tier: 'A', revenue: 80 }, { tier: 'B', revenue: 15 }, { tier: 'C', revenue: 5 }] },
 *   mark: 'bar',
 *   encoding: { x: { field: 'tier', type: 'nominal' }, y: { field: 'revenue', type: 'quantitative' } },
 * });
 * console.log(svg.startsWith('<svg')); // true
 * ```
 */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new InvalidInputError('renderChartSvg: the chart specification must be a Vega-Lite object', { field: 'spec' });
  }
  const { vega, vegaLite } = await loadVega();
  const full = {
    width: 480,
    height: 280,
    ...spec,
    config: { ...BASE_CONFIG, ...((spec.config as object | undefined) ?? {}) },
  };
  let view: VegaView | undefined;
  try {
    // Warnings (for example about an encoding vega-lite would draw differently) stay out of the
    // terminal and the notebook; errors still throw.
    const compiled = vegaLite.compile(full, { logger: vega.logger(vega.Error) }).spec;
    view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
    return await view.toSVG();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new InvalidInputError(`renderChartSvg: the chart could not be rendered: ${message}`, { field: 'spec' });
  } finally {
    view?.finalize();
  }
}
