/**
 * `crm-mining segments`: customer segmentation from a CSV file — k-means on chosen numeric columns
 * (scaled), with k given or chosen by silhouette over a range, printed as a segment table or, with
 * `--json`, as the JSON object of the CLI contract.
 *
 * @module
 */
import { chooseK, type KScore } from '../clustering/choose-k.js';
import { fitKMeans, KMEANS_ALGORITHMS, type KMeansAlgorithm, type KMeansModel } from '../clustering/kmeans.js';
import { silhouetteScore } from '../clustering/metrics.js';
import { segmentProfiles } from '../clustering/profiles.js';
import { InvalidOptionError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { requireOneOf } from '../core/validate.js';
import { readCsv } from '../data/csv.js';
import { prepareFeatures, type ScalingMethod } from '../data/encoders.js';
import { writeFileAtomic } from '../data/files.js';
import type { DataTable } from '../data/table.js';
import { fileArgument, delimiterFlag, fileRowError, integerFlag, listFlag, numberFlag, parseCommandLine, renameOption, requireColumns, stringFlag, type OptionSpec } from './args.js';
import { formatNumber, textTable, toCsv } from './format.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { checkInputFile, checkOutputFolder, outputFlag } from './output.js';
import { commandHelp } from './usage.js';

/** Defaults of the `segments` command, as its help text states them. */
export const SEGMENTS_DEFAULTS: {
  /** `--scale`. */
  readonly scale: ScalingMethod;
  /** `--n-init`. */
  readonly nInit: number;
  /** `--seed`. */
  readonly seed: number;
  /** `--algorithm`. */
  readonly algorithm: KMeansAlgorithm;
  /** `--k-range` with `--k auto`. */
  readonly kRange: readonly [number, number];
  /** Rows above which the silhouette is computed on a seeded sample of this many rows. */
  readonly silhouetteSample: number;
} = { scale: 'standard', nInit: 10, seed: 42, algorithm: 'hamerly', kRange: [2, 10], silhouetteSample: 10000 };

/** The flags of `crm-mining segments`. */
export const SEGMENTS_OPTIONS: OptionSpec = {
  columns: { type: 'string' },
  k: { type: 'string' },
  'k-range': { type: 'string' },
  scale: { type: 'string' },
  'n-init': { type: 'string' },
  seed: { type: 'string' },
  algorithm: { type: 'string' },
  delimiter: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * The JSON object `crm-mining segments --json` prints (the CLI contract). `inertia` and `centroids` are
 * in the scaled feature space (with `--scale none`, the raw one); `centroidsOriginal` are the same
 * centres' segment means in the columns' original units. `silhouette` is null when k = 1.
 */
export interface SegmentsJson {
  /** The number of segments. */
  k: number;
  /** Within-segment sum of squares in the scaled space. */
  inertia: number;
  /** Mean silhouette (Euclidean, scaled space); exact up to 10,000 rows, else on a seeded 10,000-row sample. */
  silhouette: number | null;
  /** Iterations of the kept k-means run. */
  iterations: number;
  /** The segment of each data row, in file order. */
  labels: number[];
  /** The centres in the scaled space, k rows, one value per column. */
  centroids: number[][];
  /** The feature columns, in centroid order. */
  columns: string[];
  /** The segment means in original units, k rows. */
  centroidsOriginal: number[][];
  /** With `--k auto`: the scores of every k tried (the data of an elbow/silhouette plot). */
  kScores?: KScore[];
}

function parseKRange(text: string): [number, number] {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  if (!m) throw new UsageError(`option --k-range expects MIN..MAX such as 2..10, got ${JSON.stringify(text)}`, 'segments');
  return [Number(m[1]), Number(m[2])];
}

/** Every column whose non-missing values are all numbers. */
function numericColumns(table: DataTable): string[] {
  return table.columns.filter((c) => c.type === 'number').map((c) => c.name);
}

function rows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

const FLAGS: Record<string, string> = { k: '--k', kMin: '--k-range', kMax: '--k-range', nInit: '--n-init', seed: '--seed' };



/**
 * `crm-mining segments <file.csv> --columns a,b,c [--k N | --k auto --k-range 2..10] [--scale …]
 * [--n-init 10] [--seed S] [--algorithm …] [--json] [-o FILE]`.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function segmentsCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'segments';
  const { values, positionals } = parseCommandLine(command, args, SEGMENTS_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file.csv>', 'a CSV file of customers');
  const kText = stringFlag(values, 'k')?.trim();
  const auto = kText === undefined || kText === 'auto';
  const k = auto ? undefined : numberFlag(command, values, 'k');
  const kRangeText = stringFlag(values, 'k-range');
  if (kRangeText !== undefined && !auto) throw new UsageError('option --k-range goes with --k auto', command);
  const [kMin, kMax] = kRangeText === undefined ? SEGMENTS_DEFAULTS.kRange : parseKRange(kRangeText);
  const scale = requireOneOf('--scale', stringFlag(values, 'scale') ?? SEGMENTS_DEFAULTS.scale, ['standard', 'minmax', 'none'] as const);
  const algorithm = requireOneOf('--algorithm', stringFlag(values, 'algorithm') ?? SEGMENTS_DEFAULTS.algorithm, KMEANS_ALGORITHMS);
  const nInit = numberFlag(command, values, 'n-init') ?? SEGMENTS_DEFAULTS.nInit;
  const seed = integerFlag(command, values, 'seed') ?? SEGMENTS_DEFAULTS.seed;
  const named = listFlag(values, 'columns');
  const output = outputFlag(values, cwd);
  await checkOutputFolder(output);
  const delimiter = delimiterFlag(values);

  const table = await readCsv(await checkInputFile(file, cwd), {
    source: file,
    ...(delimiter !== undefined ? { delimiter } : {}),
  });
  if (named !== undefined) requireColumns('--columns', named, table.columnNames, file);
  const columns = named ?? numericColumns(table);
  if (columns.length === 0) throw new InvalidOptionError('--columns', `${file} has no numeric column; name the feature columns`);
  let prepared;
  try {
    prepared = prepareFeatures(table, { numeric: columns, scale });
  } catch (err) {
    throw fileRowError(err, file);
  }
  const x = prepared.matrix;
  const common = { nInit, seed, algorithm, featureNames: columns };
  const sample = x.rows > SEGMENTS_DEFAULTS.silhouetteSample ? SEGMENTS_DEFAULTS.silhouetteSample : undefined;
  let model: KMeansModel;
  let kScores: KScore[] | undefined;
  try {
    if (auto) {
      const r = chooseK(x, { ...common, kMin, kMax, ...(sample !== undefined ? { silhouetteSampleSize: sample } : {}) });
      kScores = r.scores;
      model = r.best;
    } else {
      model = fitKMeans(x, { ...common, k: k! });
    }
  } catch (err) {
    throw renameOption(err, FLAGS);
  }
  const silhouette =
    model.k >= 2 && model.k < x.rows ? silhouetteScore(x, model.labels, { seed, ...(sample !== undefined ? { sampleSize: sample } : {}) }) : null;
  const profiles = segmentProfiles(prepared.raw, model.labels, { featureNames: columns });
  const json: SegmentsJson = {
    k: model.k,
    inertia: model.inertia,
    silhouette,
    iterations: model.iterations,
    labels: Array.from(model.labels),
    centroids: rows(model.centroids),
    columns,
    centroidsOriginal: profiles.map((p) => p.centroid),
    ...(kScores !== undefined ? { kScores } : {}),
  };
  if (output !== undefined) {
    const text =
      output.kind === 'json'
        ? JSON.stringify(json, null, 2) + '\n'
        : toCsv(['row', 'segment'], json.labels.map((l, i) => [i + 1, l]));
    await writeFileAtomic(output.path, text);
  }
  if (values.json === true) {
    io.stdout.write(JSON.stringify(json) + '\n');
    return EXIT_OK;
  }
  let out = `${file}: ${x.rows} rows, ${columns.length} feature column(s) (${columns.join(', ')}), scale ${scale}, algorithm ${algorithm}\n`;
  if (kScores !== undefined) {
    out += `\nChoosing k by silhouette over ${kMin}..${Math.min(kMax, x.rows - 1)}:\n`;
    out += textTable(kScores, [
      { header: 'k', cell: (s) => String(s.k), align: 'right' },
      { header: 'inertia', cell: (s) => formatNumber(s.inertia), align: 'right' },
      { header: 'silhouette', cell: (s) => s.silhouette.toFixed(4), align: 'right' },
      { header: 'Davies-Bouldin', cell: (s) => s.daviesBouldin.toFixed(4), align: 'right' },
      { header: 'Calinski-Harabasz', cell: (s) => formatNumber(s.calinskiHarabasz), align: 'right' },
    ]);
  }
  out += `\nk = ${model.k}, inertia ${formatNumber(model.inertia)}, silhouette ${silhouette === null ? 'n/a' : silhouette.toFixed(4)}, ${model.iterations} iteration(s)\n\n`;
  out += segmentTable(profiles, columns);
  if (output !== undefined) out += `\nWrote ${output.shown}.\n`;
  io.stdout.write(out);
  return EXIT_OK;
}

/** The segment table: size, share, each column's segment mean and its difference from the population in sd. */
export function segmentTable(profiles: ReturnType<typeof segmentProfiles>, columns: readonly string[]): string {
  return textTable(profiles, [
    { header: 'segment', cell: (p) => String(p.segment), align: 'right' },
    { header: 'size', cell: (p) => String(p.size), align: 'right' },
    { header: 'share', cell: (p) => `${(100 * p.share).toFixed(1)}%`, align: 'right' },
    ...columns.map((c, t) => ({
      header: c,
      cell: (p: (typeof profiles)[number]) => `${formatNumber(p.features[t].mean)} (${p.features[t].zScore >= 0 ? '+' : ''}${p.features[t].zScore.toFixed(1)})`,
      align: 'right' as const,
    })),
    { header: 'description', cell: (p) => p.description },
  ]);
}
