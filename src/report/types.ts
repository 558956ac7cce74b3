/**
 * The shape of a report: sections made of blocks (text, tables, key figures, charts). The analysis
 * steps of `crm-mining report` describe what they found in these terms; `renderReportHtml` turns a
 * list of sections into one self-contained HTML page, with every chart rendered to inline SVG.
 *
 * @module
 */

/**
 * A chart as a Vega-Lite specification (https://vega.github.io/vega-lite/): a plain object with inline
 * `data.values`. Typed loosely on purpose, so that the library's declarations do not depend on
 * vega-lite's (which TypeScript's older module resolution, used by tslab, cannot always read).
 *
 * @example
 * ```ts
 * import type { ChartSpec } from 'crm-mining';
 * const spec: ChartSpec = {
 *   data: { values: [{ k: 2, silhouette: 0.41 }, { k: 3, silhouette: 0.47 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'k', type: 'ordinal' }, y: { field: 'silhouette', type: 'quantitative' } },
 * };
 * ```
 */
export interface ChartSpec {
  readonly [key: string]: unknown;
}

/**
 * A table cell: text, a number (shown with thousands separators and at most four decimals), or null
 * (an empty cell).
 *
 * @example
 * ```ts
 * import type { ReportCell } from 'crm-mining';
 * const row: ReportCell[] = ['Fiber optic', 3096, 0.4189, null];
 * ```
 */
export type ReportCell = string | number | null;

/**
 * One block of a report section.
 *
 * - `paragraph`: a paragraph of plain text (escaped; no markup).
 * - `metrics`: key figures shown as tiles (`label` above, `value` large, optional `note` below).
 * - `table`: a table with a header row; numbers are right-aligned.
 * - `chart`: a Vega-Lite chart, rendered to inline SVG when the page is built; `description` is its
 *   text alternative (read by screen readers, shown when the chart cannot render).
 * - `list`: a bulleted list of plain-text items.
 *
 * @example
 * ```ts
 * import type { ReportBlock } from 'crm-mining';
 * const blocks: ReportBlock[] = [
 *   { kind: 'paragraph', text: '1,869 of 7,043 customers left.' },
 *   { kind: 'metrics', items: [{ label: 'Churn rate', value: '26.5%' }] },
 *   { kind: 'table', columns: ['Tier', 'Customers'], rows: [['A', 1408], ['B', 2112]] },
 * ];
 * ```
 */
export type ReportBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | {
      readonly kind: 'metrics';
      readonly items: readonly { readonly label: string; readonly value: string; readonly note?: string }[];
    }
  | {
      readonly kind: 'table';
      readonly caption?: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly ReportCell[])[];
    }
  | { readonly kind: 'chart'; readonly title: string; readonly description: string; readonly spec: ChartSpec }
  | { readonly kind: 'list'; readonly items: readonly string[] };

/**
 * One section of a report. A section whose analysis could not run on the data keeps its place in the
 * report, with `absent` saying why (for example "too few customers to fit a tree: 12 rows, need 50").
 *
 * @example
 * ```ts
 * import type { ReportSection } from 'crm-mining';
 * const section: ReportSection = {
 *   id: 'churn-tree',
 *   title: 'Who churns: decision-tree rules',
 *   blocks: [{ kind: 'list', items: ['IF Contract = Month-to-month AND tenure < 6 THEN churn (63%)'] }],
 * };
 * ```
 */
export interface ReportSection {
  /** A short identifier, used as the section's HTML id (`section-<id>`); letters, digits and dashes. */
  readonly id: string;
  /** The section heading. */
  readonly title: string;
  /** One sentence under the heading saying what the section shows (optional). */
  readonly summary?: string;
  /** The content, in order. */
  readonly blocks: readonly ReportBlock[];
  /** Set when the analysis could not run: why, in one sentence (the blocks are then usually empty). */
  readonly absent?: string;
}
