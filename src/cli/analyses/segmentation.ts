/**
 * The segmentation step of `crm-mining analyze`: the Telco customers clustered on value and behaviour
 * (k-means, k chosen by silhouette), with the segment profiles a marketer reads and each segment's
 * churn share.
 *
 * Features (one row per customer):
 * - `tenure`: months as a customer;
 * - `MonthlyCharges`: the current monthly bill;
 * - `TotalCharges`: everything billed so far, log1p-transformed (it is right-skewed). It is blank for the
 *   11 customers with tenure 0 (not billed yet); they are kept and their value imputed as
 *   tenure × MonthlyCharges, which is 0 for them — the honest value of a customer not yet billed;
 * - `services`: how many of the eight add-on/phone services (PhoneService … StreamingMovies) plus
 *   internet the customer has (0..9); with the user's own `--services` columns, how many of them the
 *   customer has, plus 1 for internet service when the file has an `InternetService` column.
 *
 * All four are standardised (z-scores); k-means (Hamerly, k-means++, 10 restarts, seed 42) is fitted for
 * k = 2..8 and the k with the highest silhouette (exact, Euclidean, scaled space) is kept.
 *
 * @module
 */
import { chooseK } from '../../clustering/choose-k.js';
import { segmentProfiles } from '../../clustering/profiles.js';
import { InvalidInputError } from '../../core/errors.js';
import { parseDecimal } from '../../data/csv.js';
import { prepareFeatures } from '../../data/encoders.js';
import { DataTable } from '../../data/table.js';
import type { KScore } from '../../clustering/choose-k.js';
import type { SegmentProfile } from '../../clustering/profiles.js';
import type { Matrix } from '../../core/matrix.js';
import type { ChartSpec, ReportBlock, ReportSection } from '../../report/types.js';
import type { AnalysisContext, AnalysisStep } from '../analyze.js';
import { formatNumber, textTable, toCsv } from '../format.js';
import { segmentTable } from '../segment-commands.js';
import { readServiceColumns, SERVICE_YES, TELCO_SERVICE_COLUMNS, type ServiceColumns } from './services.js';

/** The settings of the segmentation step (fixed; stated in the output). */
export const SEGMENTATION_DEFAULTS = Object.freeze({
  /** The k tried. */
  kMin: 2,
  /** The k tried. */
  kMax: 8,
  /** k-means restarts per k. */
  nInit: 10,
  /** Seed. */
  seed: 42,
});

/** The fewest customers the segmentation step clusters; fewer is an InvalidInputError saying so. */
export const MIN_SEGMENT_CUSTOMERS = 20;

/** The feature columns of the segmentation, in order. */
export const SEGMENTATION_FEATURES = ['tenure', 'MonthlyCharges', 'TotalCharges', 'services'] as const;

/**
 * Builds the numeric feature table of the customers (see the module comment): the columns of
 * {@link SEGMENTATION_FEATURES}, plus `customerID` and `churn` (1/0) when present.
 *
 * @param table - the customer table, every column as text.
 * @param source - the file name for messages.
 * @param services - the service columns counted in `services` (default: the Telco services); with the
 *   user's own, the `InternetService` column is optional.
 * @returns the features, ids and churn flags, and `servicesCounted`: what the `services` feature
 *   counts, in words (for example `internet + phone/add-on services, 0..9`).
 * @throws InvalidInputError naming the column, and the data row, of a missing column or a bad value.
 */
export function telcoSegmentationTable(
  table: DataTable,
  source: string,
  services: ServiceColumns = TELCO_SERVICE_COLUMNS,
): { features: DataTable; ids: string[]; churn: Uint8Array | undefined; servicesCounted: string } {
  const withInternet = services.telco || table.hasColumn('InternetService');
  const need = ['tenure', 'MonthlyCharges', 'TotalCharges', ...(withInternet ? ['InternetService'] : []), ...services.names];
  for (const name of need) {
    if (!table.hasColumn(name)) throw new InvalidInputError(`${source}: no column "${name}"; the segmentation step needs ${need.join(', ')}`, { field: name });
  }
  const n = table.rowCount;
  const text = (name: string): readonly (string | null)[] => table.column(name).values as readonly (string | null)[];
  const num = (name: string, r: number, v: string | null): number => {
    const x = v === null ? undefined : parseDecimal(v);
    if (x === undefined || !(x >= 0)) {
      throw new InvalidInputError(`${source}: data row ${r + 1}, column "${name}": ${JSON.stringify(v)} is not a number >= 0`, { row: r, field: name });
    }
    return x;
  };
  const tenureCol = text('tenure');
  const monthlyCol = text('MonthlyCharges');
  const totalCol = text('TotalCharges');
  const internet = withInternet ? text('InternetService') : undefined;
  const serviceCols = readServiceColumns(table, services, source, 'the segmentation step');
  const tenure: number[] = new Array(n);
  const monthly: number[] = new Array(n);
  const total: number[] = new Array(n);
  const count: number[] = new Array(n);
  for (let r = 0; r < n; r++) {
    tenure[r] = num('tenure', r, tenureCol[r]);
    monthly[r] = num('MonthlyCharges', r, monthlyCol[r]);
    total[r] = totalCol[r] === null ? tenure[r] * monthly[r] : num('TotalCharges', r, totalCol[r]);
    let c = internet !== undefined && internet[r] !== null && internet[r] !== 'No' ? 1 : 0;
    for (const col of serviceCols) if (col.states[r] === SERVICE_YES) c++;
    count[r] = c;
  }
  const features = new DataTable([
    { name: 'tenure', type: 'number', values: tenure },
    { name: 'MonthlyCharges', type: 'number', values: monthly },
    { name: 'TotalCharges', type: 'number', values: total },
    { name: 'services', type: 'number', values: count },
  ]);
  const ids = table.hasColumn('customerID') ? text('customerID').map((v, i) => v ?? `row${i + 1}`) : Array.from({ length: n }, (_, i) => `row${i + 1}`);
  let churn: Uint8Array | undefined;
  if (table.hasColumn('Churn')) churn = Uint8Array.from(text('Churn'), (v) => (v === 'Yes' ? 1 : 0));
  const m = services.names.length;
  const servicesCounted = services.telco
    ? `internet + phone/add-on services, 0..${m + 1}`
    : `${withInternet ? 'internet + ' : ''}the ${m} service column${m === 1 ? '' : 's'} ${services.names.join(', ')}, 0..${m + (withInternet ? 1 : 0)}`;
  return { features, ids, churn, servicesCounted };
}

/** The segmentation step (see the module comment). */
export const segmentationStep: AnalysisStep = {
  id: 'segmentation',
  title: 'Customer segments (k-means)',
  summary: 'customers clustered on tenure, charges and service count; k chosen by silhouette; segment profiles',
  sections: [{ id: 'segments', title: 'Customer segments (k-means)' }],
  async run(ctx: AnalysisContext): Promise<void> {
    const table = await ctx.table();
    const { features, ids, churn, servicesCounted } = telcoSegmentationTable(table, ctx.dataName, ctx.settings.services);
    const blank = (table.column('TotalCharges').values as readonly (string | null)[]).filter((v) => v === null).length;
    const prepared = prepareFeatures(features, { numeric: [...SEGMENTATION_FEATURES], log: ['TotalCharges'], scale: 'standard' });
    const { kMin, nInit, seed } = SEGMENTATION_DEFAULTS;
    const distinct = distinctRows(prepared.matrix);
    if (features.rowCount < MIN_SEGMENT_CUSTOMERS || distinct <= kMin) {
      throw new InvalidInputError(
        `${ctx.dataName}: too few customers to segment: ${features.rowCount} (${distinct} with distinct features), need at least ${MIN_SEGMENT_CUSTOMERS} with more than ${kMin} distinct`,
      );
    }
    const kMax = Math.min(SEGMENTATION_DEFAULTS.kMax, distinct - 1);
    ctx.progress.start('clustering customers');
    let result;
    try {
      result = chooseK(prepared.matrix, { kMin, kMax, nInit, seed, algorithm: 'hamerly' });
    } finally {
      ctx.progress.done();
    }
    const model = result.best;
    const names = [...SEGMENTATION_FEATURES];
    const profiles = segmentProfiles(prepared.raw, model.labels, { featureNames: names });
    const churnBy = new Float64Array(model.k);
    if (churn !== undefined) for (let i = 0; i < churn.length; i++) churnBy[model.labels[i]] += churn[i];
    let overallChurn = 0;
    if (churn !== undefined) for (let i = 0; i < churn.length; i++) overallChurn += churn[i];

    ctx.print(`${features.rowCount} customers; features ${names.join(', ')} (services = ${servicesCounted});`);
    ctx.print(`TotalCharges log1p-transformed; all standardised. TotalCharges is blank for ${blank}`);
    ctx.print('customers with tenure 0 (not billed yet): imputed as tenure × MonthlyCharges = 0.');
    ctx.print(`k-means (Hamerly, k-means++, ${nInit} restarts, seed ${seed}) for k = ${kMin}..${kMax}:`);
    ctx.print(
      textTable(result.scores, [
        { header: 'k', cell: (s) => String(s.k), align: 'right' },
        { header: 'inertia', cell: (s) => formatNumber(s.inertia), align: 'right' },
        { header: 'silhouette', cell: (s) => s.silhouette.toFixed(4), align: 'right' },
        { header: 'Davies-Bouldin', cell: (s) => s.daviesBouldin.toFixed(4), align: 'right' },
        { header: 'Calinski-Harabasz', cell: (s) => formatNumber(s.calinskiHarabasz), align: 'right' },
      ]).trimEnd(),
    );
    ctx.print(`Best silhouette: k = ${result.bestK} (elbow of the inertia curve: k = ${result.elbowK}).`);
    ctx.print('');
    ctx.print('Segments (mean per feature, in brackets its difference from all customers in standard deviations):');
    ctx.print(segmentTable(profiles, names).trimEnd());
    if (churn !== undefined) {
      ctx.print('');
      ctx.print(`Churn share per segment (all customers: ${((100 * overallChurn) / churn.length).toFixed(1)}%): ${profiles.map((p) => `${p.segment}: ${p.size > 0 ? ((100 * churnBy[p.segment]) / p.size).toFixed(1) : '0.0'}%`).join(', ')}`);
    }

    ctx.section(
      segmentsSection(result.scores, result.bestK, result.elbowK, profiles, names, churn === undefined ? undefined : churnBy, churn === undefined ? 0 : overallChurn / churn.length, features, model.labels, servicesCounted),
    );

    await ctx.writeOutput(
      'segments.csv',
      toCsv(['customerID', 'segment'], ids.map((id, i) => [id, model.labels[i]])),
      'the segment of each customer (k-means on tenure, charges and service count)',
    );
    await ctx.writeOutput(
      'segment-profiles.csv',
      toCsv(
        ['segment', 'size', 'share', ...names.flatMap((nm) => [`${nm}_mean`, `${nm}_z`]), 'churn_share', 'description'],
        profiles.map((p) => [
          p.segment,
          p.size,
          p.share,
          ...p.features.flatMap((f) => [f.mean, f.zScore]),
          p.size > 0 ? churnBy[p.segment] / p.size : 0,
          p.description,
        ]),
      ),
      'per segment: size, share, feature means and differences (sd), churn share',
    );
    await ctx.writeOutput(
      'segment-k-scores.csv',
      toCsv(['k', 'inertia', 'silhouette', 'davies_bouldin', 'calinski_harabasz'], result.scores.map((s) => [s.k, s.inertia, s.silhouette, s.daviesBouldin, s.calinskiHarabasz])),
      'inertia and quality scores per k (elbow / silhouette plot data)',
    );
  },
};

/** The number of distinct rows of a matrix. */
function distinctRows(m: Matrix): number {
  const seen = new Set<string>();
  const row = new Array<number>(m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) row[j] = m.data[i * m.cols + j];
    seen.add(row.join(','));
  }
  return seen.size;
}

/** At most this many customers are drawn in the tenure × charges scatter (every k-th, in file order). */
const SCATTER_POINTS = 1500;

/** Silhouette by k, with the chosen k marked. */
function silhouetteSpec(scores: readonly KScore[], bestK: number): ChartSpec {
  const values = scores.map((s) => ({ k: s.k, silhouette: s.silhouette }));
  const best = values.filter((v) => v.k === bestK).map((v) => ({ ...v, label: `best k = ${bestK}` }));
  const x = { field: 'k', type: 'ordinal', title: 'number of segments k', axis: { labelAngle: 0 } };
  const y = { field: 'silhouette', type: 'quantitative', title: 'mean silhouette', scale: { zero: false } };
  return {
    width: 360,
    layer: [
      { data: { values }, mark: { type: 'line', point: true, color: '#1f77b4' }, encoding: { x, y } },
      { data: { values: best }, mark: { type: 'point', filled: true, size: 140, color: '#d1495b' }, encoding: { x, y } },
      { data: { values: best }, mark: { type: 'text', align: 'left', dx: 10, fontSize: 11, fontWeight: 'bold' }, encoding: { x, y, text: { field: 'label' } } },
    ],
  };
}

/** Churn share per segment as bars, with the overall rate as a dashed rule. */
function churnBySegmentSpec(rows: readonly { segment: string; churn: number }[], overall: number): ChartSpec {
  return {
    width: 320,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'bar', color: '#d1495b' },
        encoding: {
          x: { field: 'segment', type: 'nominal', sort: null, title: null, axis: { labelAngle: 0 } },
          y: { field: 'churn', type: 'quantitative', title: 'churn share', axis: { format: '.0%' } },
        },
      },
      {
        data: { values: [{ churn: overall, label: `all customers ${(100 * overall).toFixed(1)}%` }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#333' },
        encoding: { y: { field: 'churn', type: 'quantitative' } },
      },
    ],
  };
}

/** Customers by tenure and monthly charges, coloured by segment (a sample when there are many). */
function segmentScatterSpec(features: DataTable, labels: ArrayLike<number>): ChartSpec {
  const tenure = features.column('tenure').values as readonly number[];
  const monthly = features.column('MonthlyCharges').values as readonly number[];
  const stride = Math.max(1, Math.ceil(labels.length / SCATTER_POINTS));
  const values: { tenure: number; MonthlyCharges: number; segment: string }[] = [];
  for (let i = 0; i < labels.length; i += stride) values.push({ tenure: tenure[i], MonthlyCharges: monthly[i], segment: `segment ${labels[i]}` });
  return {
    width: 420,
    height: 300,
    data: { values },
    mark: { type: 'circle', size: 16, opacity: 0.6 },
    encoding: {
      x: { field: 'tenure', type: 'quantitative', title: 'tenure (months)' },
      y: { field: 'MonthlyCharges', type: 'quantitative', title: 'monthly charges' },
      color: { field: 'segment', type: 'nominal', title: 'segment', scale: { scheme: 'tableau10' } },
    },
  };
}

/** The report section of the segmentation step. */
function segmentsSection(
  scores: readonly KScore[],
  bestK: number,
  elbowK: number,
  profiles: readonly SegmentProfile[],
  names: readonly string[],
  churnBy: Float64Array | undefined,
  overallChurn: number,
  features: DataTable,
  labels: ArrayLike<number>,
  servicesCounted: string,
): ReportSection {
  const best = scores.find((s) => s.k === bestK);
  const churnShare = (p: SegmentProfile): number | null => (churnBy === undefined ? null : p.size > 0 ? churnBy[p.segment] / p.size : 0);
  const n = labels.length;
  const shown = Math.ceil(n / Math.max(1, Math.ceil(n / SCATTER_POINTS)));
  const blocks: ReportBlock[] = [
    {
      kind: 'metrics',
      items: [
        { label: 'Customers', value: n.toLocaleString('en-US') },
        { label: 'Segments (k)', value: String(bestK), note: `best silhouette of k = ${scores[0].k}..${scores[scores.length - 1].k}` },
        { label: 'Silhouette', value: best === undefined ? '-' : best.silhouette.toFixed(3) },
        { label: 'Elbow of inertia', value: `k = ${elbowK}` },
      ],
    },
    {
      kind: 'chart',
      title: 'Silhouette by number of segments',
      description: `Mean silhouette for k = ${scores.map((s) => `${s.k}: ${s.silhouette.toFixed(3)}`).join(', ')}; the best, k = ${bestK}, is marked.`,
      spec: silhouetteSpec(scores, bestK),
    },
    {
      kind: 'table',
      caption: `Segment profiles: the mean of each feature (services = ${servicesCounted})`,
      columns: ['segment', 'customers', 'share', ...names, ...(churnBy === undefined ? [] : ['churn share'])],
      rows: profiles.map((p) => {
        const c = churnShare(p);
        return [p.segment, p.size, `${(100 * p.share).toFixed(1)}%`, ...p.features.map((f) => Number(f.mean.toFixed(2))), ...(c === null ? [] : [`${(100 * c).toFixed(1)}%`])];
      }),
    },
    { kind: 'list', items: profiles.map((p) => `Segment ${p.segment}: ${p.description}`) },
  ];
  if (churnBy !== undefined) {
    const rows = profiles.map((p) => ({ segment: `segment ${p.segment}`, churn: churnShare(p) ?? 0 }));
    blocks.push({
      kind: 'chart',
      title: 'Churn share per segment',
      description: `${rows.map((r) => `${r.segment}: ${(100 * r.churn).toFixed(1)}%`).join(', ')}; a dashed line marks all customers (${(100 * overallChurn).toFixed(1)}%).`,
      spec: churnBySegmentSpec(rows, overallChurn),
    });
  }
  blocks.push({
    kind: 'chart',
    title: 'Customers by tenure and monthly charges, coloured by segment',
    description: `A scatter plot of ${shown === n ? `all ${n.toLocaleString('en-US')}` : `${shown.toLocaleString('en-US')} of the ${n.toLocaleString('en-US')} (one in ${Math.ceil(n / SCATTER_POINTS)})`} customers: tenure in months against monthly charges, one colour per segment.`,
    spec: segmentScatterSpec(features, labels),
  });
  return {
    id: 'segments',
    title: segmentationStep.title,
    summary: `Customers clustered on tenure, charges and service count by k-means; k = ${bestK} has the best silhouette.`,
    blocks,
  };
}
