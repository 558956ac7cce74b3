/**
 * `crm-mining tree`: a CART decision tree from a CSV or ARFF file — optional k-fold cross-validated
 * accuracy, and the IF-THEN rules of the tree trained on all rows, as text or, with `--json`, as the JSON
 * object of the CLI contract.
 *
 * @module
 */
import { extname } from 'node:path';
import { fitDecisionTree, type ClassificationTreeOptions, type DecisionTree, type TreeRule } from '../classification/index.js';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { requireOneOf } from '../core/validate.js';
import { parseArff } from '../data/arff.js';
import { readTextFile } from '../data/files.js';
import { readCsv } from '../data/csv.js';
import type { DataTable } from '../data/table.js';
import { accuracy, crossValidate, selectRows, stratifiedKFold, type ClassLabel } from '../evaluation/index.js';
import { fileArgument, fileRowError, integerFlag, listFlag, numberFlag, parseCommandLine, renameOption, requireColumns, stringFlag, type OptionSpec } from './args.js';
import { checkInputFile } from './output.js';
import { formatNumber } from './format.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { commandHelp } from './usage.js';

/** Defaults of the `tree` command, as its help text states them. */
export const TREE_DEFAULTS: {
  /** `--criterion`. */
  readonly criterion: 'gini' | 'entropy' | 'gain-ratio';
  /** `--min-samples-leaf`. */
  readonly minSamplesLeaf: number;
  /** `--ccp-alpha`. */
  readonly ccpAlpha: number;
  /** `--seed` (of the folds). */
  readonly seed: number;
} = { criterion: 'gini', minSamplesLeaf: 1, ccpAlpha: 0, seed: 42 };

/** The flags of `crm-mining tree`. */
export const TREE_OPTIONS: OptionSpec = {
  target: { type: 'string' },
  format: { type: 'string' },
  drop: { type: 'string' },
  criterion: { type: 'string' },
  'max-depth': { type: 'string' },
  'min-samples-leaf': { type: 'string' },
  'ccp-alpha': { type: 'string' },
  cv: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

/** One rule in the JSON output. */
export interface TreeRuleJson {
  /** The conditions joined by ` AND ` (`TRUE` for a one-leaf tree). */
  conditions: string;
  /** The predicted class. */
  class: ClassLabel;
  /** Training rows in the leaf. */
  count: number;
  /** Share of those rows in the predicted class. */
  confidence: number;
}

/** The JSON object `crm-mining tree --json` prints (the CLI contract); `cv` only with `--cv`. */
export interface TreeJson {
  /** The classes of the target, in order. */
  classes: ClassLabel[];
  /** Stratified k-fold cross-validation (with `--cv K`). */
  cv?: { folds: number; accuracy: number; accuracyPerFold: number[] };
  /** The rules of the tree trained on all rows, one per leaf, left to right. */
  rules: TreeRuleJson[];
}

const FLAGS: Record<string, string> = {
  criterion: '--criterion',
  maxDepth: '--max-depth',
  minSamplesLeaf: '--min-samples-leaf',
  ccpAlpha: '--ccp-alpha',
  seed: '--seed',
  k: '--cv',
  drop: '--drop',
  target: '--target',
};



/** A rule as the contract's JSON shape. */
export function ruleJson(r: TreeRule): TreeRuleJson {
  return { conditions: r.conditionText, class: r.prediction, count: r.count, confidence: r.confidence ?? 0 };
}

/**
 * `crm-mining tree <file> --target COL [--format csv|arff] [--drop a,b] [--criterion …] [--max-depth N]
 * [--min-samples-leaf N] [--ccp-alpha x] [--cv K] [--seed S] [--json]`.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function treeCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'tree';
  const { values, positionals } = parseCommandLine(command, args, TREE_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file>', 'a CSV or ARFF file');
  const target = stringFlag(values, 'target')?.trim();
  if (target === undefined || target === '') throw new UsageError('missing --target COL: the column that holds the class', command);
  const format = requireOneOf('--format', stringFlag(values, 'format') ?? (extname(file).toLowerCase() === '.arff' ? 'arff' : 'csv'), ['csv', 'arff'] as const);
  const criterion = requireOneOf('--criterion', stringFlag(values, 'criterion') ?? TREE_DEFAULTS.criterion, ['gini', 'entropy', 'gain-ratio'] as const);
  const maxDepth = numberFlag(command, values, 'max-depth');
  const minSamplesLeaf = numberFlag(command, values, 'min-samples-leaf') ?? TREE_DEFAULTS.minSamplesLeaf;
  const ccpAlpha = numberFlag(command, values, 'ccp-alpha') ?? TREE_DEFAULTS.ccpAlpha;
  const cv = integerFlag(command, values, 'cv', 2);
  const seed = integerFlag(command, values, 'seed') ?? TREE_DEFAULTS.seed;
  const drop = listFlag(values, 'drop') ?? [];

  const path = await checkInputFile(file, cwd);
  const table: DataTable = format === 'arff' ? parseArff(await readTextFile(path), { source: file }).table : await readCsv(path, { source: file });
  if (table.rowCount === 0) throw new InvalidInputError(`${file}: no data rows`);
  requireColumns('--target', [target], table.columnNames, file);
  requireColumns('--drop', drop, table.columnNames, file);

  const options: ClassificationTreeOptions & { target: string; drop: string[] } = {
    target,
    drop,
    criterion,
    minSamplesLeaf,
    ccpAlpha,
    seed,
    ...(maxDepth !== undefined ? { maxDepth } : {}),
  };
  let tree: DecisionTree;
  let cvResult: TreeJson['cv'];
  try {
    tree = fitDecisionTree(table, options);
    if (cv !== undefined) {
      if (cv > table.rowCount) throw new InvalidOptionError('--cv', `${cv} folds for ${table.rowCount} rows; expected at most one fold per row`);
      const labels = table.column(target).values as ClassLabel[];
      const r = crossValidate(stratifiedKFold(labels, { k: cv, seed }), {
        fit: (train) => fitDecisionTree(selectRows(table, train), options),
        score: (model, test) => accuracy(selectRows(labels, test), model.predict(selectRows(table, test))),
      });
      cvResult = { folds: cv, accuracy: r.mean.score, accuracyPerFold: [...r.scores.score] };
    }
  } catch (err) {
    throw fileRowError(renameOption(err, FLAGS), file);
  }
  const rules = tree.rules();
  const json: TreeJson = { classes: [...tree.classes], ...(cvResult ? { cv: cvResult } : {}), rules: rules.map(ruleJson) };
  if (values.json === true) {
    io.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return EXIT_OK;
  }
  const lines: string[] = [];
  lines.push(`Decision tree (CART, ${criterion}) for "${target}" on ${table.rowCount} rows: ${tree.leafCount} leaves, depth ${tree.depth}`);
  lines.push(`Classes: ${tree.classes.map(String).join(', ')}`);
  if (cvResult) {
    lines.push(
      `Cross-validated accuracy (${cvResult.folds}-fold stratified, seed ${seed}): ${formatNumber(cvResult.accuracy)} ` +
        `(folds ${cvResult.accuracyPerFold.map((a) => formatNumber(a)).join(', ')})`,
    );
  }
  const imp = Object.entries(tree.featureImportances())
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5);
  if (imp.length > 0) lines.push(`Most important features: ${imp.map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`).join(', ')}`);
  lines.push('');
  lines.push(`Rules (one per leaf, tree trained on all rows):`);
  for (const r of rules) lines.push(`  ${r.text}`);
  io.stdout.write(lines.join('\n') + '\n');
  return EXIT_OK;
}
