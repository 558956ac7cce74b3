/**
 * Reports: sections of text, tables, key figures and charts, rendered to a self-contained HTML page
 * (`crm-mining report`, `npm start`) or, chart by chart, to SVG for notebooks; and single tables to HTML
 * for notebooks (`htmlTable`).
 *
 * @module
 */
export * from './types.js';
export * from './charts.js';
export * from './html.js';
export { htmlTable, type HtmlTableData, type HtmlTableOptions } from './table.js';
