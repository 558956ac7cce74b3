/**
 * `crm-mining outliers`: scores every row of a CSV file with one outlier detector and labels the most
 * anomalous ones; with `--label` (a 0/1 column, left out of the features) it also reports the ROC-AUC of
 * the scores against it. Prints a table of the top rows or, with `--json`, the object of the CLI contract.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import type { Matrix } from '../core/matrix.js';
import { readCsv } from '../data/csv.js';
import { writeFileAtomic } from '../data/files.js';
import type { DataTable } from '../data/table.js';
import { rocAuc } from '../evaluation/ranking.js';
import { OUTLIER_METHODS, type OutlierMethod } from '../outliers/detector.js';
import { fitOutlierDetector } from '../outliers/fit.js';
import { fileArgument, delimiterFlag, integerFlag, listFlag, numberFlag, parseCommandLine, renameOption, requireColumns, stringFlag, type OptionSpec } from './args.js';
import { formatNumber, textTable, toCsv } from './format.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { checkInputFile, checkOutputFolder, outputFlag } from './output.js';
import { commandHelp } from './usage.js';

/** Defaults of the `outliers` command, as its help text states them. */
export const OUTLIERS_DEFAULTS: {
  /** `--seed` (Isolation Forest, MCD). */
  readonly seed: number;
  /** `--top`: rows listed in the table (the JSON lists all). */
  readonly top: number;
} = { seed: 42, top: 10 };

/** The flags of `crm-mining outliers`. */
export const OUTLIERS_OPTIONS: OptionSpec = {
  columns: { type: 'string' },
  method: { type: 'string' },
  seed: { type: 'string' },
  contamination: { type: 'string' },
  threshold: { type: 'string' },
  k: { type: 'string' },
  robust: { type: 'boolean' },
  label: { type: 'string' },
  delimiter: { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
};

/** The JSON object `crm-mining outliers --json` prints (the CLI contract); `rocAuc` with `--label` only. */
export interface OutliersJson {
  /** One score per data row, in file order; higher = more anomalous. */
  scores: number[];
  /** One label per data row: 1 = outlier, 0 = inlier. */
  labels: number[];
  /** The ROC-AUC of the scores against the `--label` column (with `--label`). */
  rocAuc?: number;
  /** The method used. */
  method: OutlierMethod;
  /** The feature columns used, in order. */
  columns: string[];
  /** The score threshold above which a row is labelled 1. */
  threshold: number;
  /** The contamination share the threshold came from, or `null` (a given threshold or the method's natural cut-off). */
  contamination: number | null;
}

const FLAGS: Record<string, string> = { contamination: '--contamination', threshold: '--threshold', k: '--k', seed: '--seed', method: '--method' };


/**
 * The named columns of the table as a matrix of numbers. A missing or non-numeric cell is an
 * InvalidInputError naming the file's data row (1-based, after the header) and the column.
 */
export function numericMatrix(table: DataTable, columns: readonly string[], file: string): Matrix {
  const rows = table.rowCount;
  const cols = columns.length;
  const data = new Float64Array(rows * cols);
  columns.forEach((name, j) => {
    const col = table.column(name);
    for (let i = 0; i < rows; i++) {
      const v = col.values[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError(
          `${file}: data row ${i + 1}, column "${name}" is ${v === null ? 'missing' : JSON.stringify(String(v))}, expected a number (remove or fill the row)`,
          { row: i, field: name },
        );
      }
      data[i * cols + j] = v;
    }
  });
  return { rows, cols, data };
}

/** The `--label` column as 0/1 (numbers 0/1 or booleans). */
function labelColumn(table: DataTable, name: string, file: string): Uint8Array {
  const col = table.column(name);
  const out = new Uint8Array(table.rowCount);
  for (let i = 0; i < out.length; i++) {
    const v = col.values[i];
    if (v === 1 || v === true) out[i] = 1;
    else if (v === 0 || v === false) out[i] = 0;
    else {
      throw new InvalidInputError(`${file}: data row ${i + 1}, label column "${name}" is ${v === null ? 'missing' : JSON.stringify(String(v))}, expected 0 or 1`, {
        row: i,
        field: name,
      });
    }
  }
  return out;
}

/**
 * `crm-mining outliers <file.csv> --method M [--columns a,b,c] [--seed S] [--contamination x | --threshold t]
 * [--k N] [--robust] [--label COL] [--top N] [--json] [-o FILE]`.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function outliersCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'outliers';
  const { values, positionals } = parseCommandLine(command, args, OUTLIERS_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file.csv>', 'a CSV file');
  const methodText = stringFlag(values, 'method');
  if (methodText === undefined) throw new UsageError(`missing --method: one of ${OUTLIER_METHODS.join(', ')}`, command);
  if (!(OUTLIER_METHODS as readonly string[]).includes(methodText)) {
    throw new InvalidOptionError('--method', `expected one of ${OUTLIER_METHODS.join(', ')}, got ${JSON.stringify(methodText)}`);
  }
  const method = methodText as OutlierMethod;
  const seed = integerFlag(command, values, 'seed') ?? OUTLIERS_DEFAULTS.seed;
  const contamination = numberFlag(command, values, 'contamination');
  const threshold = numberFlag(command, values, 'threshold');
  if (contamination !== undefined && threshold !== undefined) throw new UsageError('give either --contamination or --threshold, not both', command);
  const k = numberFlag(command, values, 'k');
  if (k !== undefined && method !== 'lof' && method !== 'knn') throw new InvalidOptionError('--k', `only applies to --method lof or knn, not ${method}`);
  if (values.robust === true && method !== 'mahalanobis') throw new InvalidOptionError('--robust', `only applies to --method mahalanobis, not ${method}`);
  const top = integerFlag(command, values, 'top', 0) ?? OUTLIERS_DEFAULTS.top;
  const labelName = stringFlag(values, 'label');
  const named = listFlag(values, 'columns');
  const output = outputFlag(values, cwd);
  await checkOutputFolder(output);
  const delimiter = delimiterFlag(values);

  const table = await readCsv(await checkInputFile(file, cwd), {
    source: file,
    ...(delimiter !== undefined ? { delimiter } : {}),
  });
  if (labelName !== undefined) requireColumns('--label', [labelName], table.columnNames, file);
  if (named !== undefined) requireColumns('--columns', named, table.columnNames, file);
  const columns = named ?? table.columns.filter((c) => c.type === 'number' && c.name !== labelName).map((c) => c.name);
  if (columns.length === 0) throw new InvalidOptionError('--columns', `${file} has no numeric column besides the label; name the feature columns`);
  if (labelName !== undefined && columns.includes(labelName)) {
    throw new InvalidOptionError('--columns', `the label column "${labelName}" cannot also be a feature`);
  }
  const X = numericMatrix(table, columns, file);
  const y = labelName !== undefined ? labelColumn(table, labelName, file) : undefined;

  let detector;
  try {
    detector = fitOutlierDetector(X, {
      method,
      seed,
      standardize: true,
      covariance: values.robust === true ? 'mcd' : 'classical',
      ...(contamination !== undefined ? { contamination } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      ...(k !== undefined ? { k } : {}),
    });
  } catch (err) {
    throw renameOption(err, FLAGS);
  }
  const scores = detector.trainingScores;
  const labels = detector.trainingLabels();
  const json: OutliersJson = {
    scores: Array.from(scores),
    labels: Array.from(labels),
    ...(y !== undefined ? { rocAuc: rocAuc(y, scores) } : {}),
    method,
    columns,
    threshold: detector.threshold,
    contamination: detector.contamination,
  };
  if (output !== undefined) {
    const text =
      output.kind === 'json'
        ? JSON.stringify(json, null, 2) + '\n'
        : toCsv(['row', 'score', 'outlier'], json.scores.map((s, i) => [i + 1, s, json.labels[i]]));
    await writeFileAtomic(output.path, text);
  }
  if (values.json === true) {
    io.stdout.write(JSON.stringify(json) + '\n');
    return EXIT_OK;
  }
  const flagged = json.labels.reduce((s, v) => s + v, 0);
  let out = `${file}: ${X.rows} rows, ${columns.length} feature column(s) (${columns.join(', ')}), method ${method}\n`;
  out += `threshold ${formatNumber(detector.threshold)}${detector.contamination !== null ? ` (contamination ${detector.contamination})` : ''}: ${flagged} outlier(s)`;
  out += json.rocAuc !== undefined ? `, ROC-AUC against "${labelName}" ${json.rocAuc.toFixed(4)}\n` : '\n';
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, top);
  if (order.length > 0) {
    out += `\nTop ${order.length} by score:\n`;
    out += textTable(order, [
      { header: 'row', cell: (i) => String(i + 1), align: 'right' },
      { header: 'score', cell: (i) => formatNumber(scores[i]), align: 'right' },
      { header: 'outlier', cell: (i) => (labels[i] === 1 ? 'yes' : 'no') },
      ...columns.map((c, j) => ({ header: c, cell: (i: number) => formatNumber(X.data[i * X.cols + j]), align: 'right' as const })),
    ]);
  }
  if (output !== undefined) out += `\nWrote ${output.shown}.\n`;
  io.stdout.write(out);
  return EXIT_OK;
}
