/**
 * The `rules` and `itemsets` commands: read transactions from a file, mine frequent itemsets (and rules),
 * and print them as a table or as JSON, optionally writing them to a CSV or JSON file.
 *
 * @module
 */
import { resolve } from 'node:path';
import { associationRules, RULE_MEASURES, type RuleMeasure, type RuleSet } from '../association/rules.js';
import type { FrequentItemsets, Itemset } from '../association/itemsets.js';
import { mineItemsets, type MineItemsetsOptions } from '../association/mine.js';
import { InvalidOptionError } from '../core/errors.js';
import { requireInRange, requireInteger, requireOneOf } from '../core/validate.js';
import { writeFileAtomic } from '../data/files.js';
import { readTransactions, TRANSACTION_FORMATS, type ReadTransactionsOptions, type TransactionFormat } from '../data/readers.js';
import type { TransactionSet } from '../data/transactions.js';
import { fileArgument, delimiterFlag, listFlag, numberFlag, parseCommandLine, stringFlag, type OptionSpec } from './args.js';
import {
  itemsetsTable,
  itemsetsToCsv,
  ruleToJson,
  rulesTable,
  type RuleJson,
} from './format.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { checkInputFile, checkOutputFolder, outputFlag, type OutputTarget } from './output.js';
import { ProgressLine } from './progress.js';
import { commandHelp } from './usage.js';

/** Defaults of the mining commands, as the help text states them. */
export const MINING_DEFAULTS: {
  /** `--format`. */
  readonly format: TransactionFormat;
  /** `--delimiter`. */
  readonly delimiter: string;
  /** `--min-confidence`. */
  readonly minConfidence: number;
  /** `--algorithm`. */
  readonly algorithm: 'fpgrowth' | 'apriori';
  /** `--consequents`. */
  readonly consequents: 'single' | 'any';
  /** `--sort` (always high to low). */
  readonly sort: RuleMeasure;
} = {
  format: 'basket',
  delimiter: ',',
  minConfidence: 0.8,
  algorithm: 'fpgrowth',
  consequents: 'single',
  sort: 'lift',
};

const COMMON_OPTIONS: OptionSpec = {
  format: { type: 'string' },
  delimiter: { type: 'string' },
  'min-support': { type: 'string' },
  'min-count': { type: 'string' },
  'max-length': { type: 'string' },
  algorithm: { type: 'string' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  columns: { type: 'string' },
  exclude: { type: 'string' },
  numeric: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The flags of `crm-mining itemsets`. */
export const ITEMSETS_OPTIONS: OptionSpec = { ...COMMON_OPTIONS };

/** The flags of `crm-mining rules`. */
export const RULES_OPTIONS: OptionSpec = {
  ...COMMON_OPTIONS,
  'min-confidence': { type: 'string' },
  consequents: { type: 'string' },
  sort: { type: 'string' },
};

/** The checked settings shared by both mining commands. */
interface MiningSettings {
  file: string;
  path: string;
  read: ReadTransactionsOptions;
  mine: MineItemsetsOptions;
  top?: number;
  json: boolean;
  output?: OutputTarget;
}

/**
 * Reads and checks the command line of a mining command. Mistakes in the command line itself are
 * {@link UsageError}s; values of the wrong range are `InvalidOptionError`s naming the flag. Everything is
 * checked before the file is read.
 */
function miningSettings(command: string, values: Record<string, string | boolean | undefined>, positionals: string[], cwd: string): MiningSettings {
  const file = fileArgument(command, positionals, '<file>', 'a transaction file');

  const minSupport = numberFlag(command, values, 'min-support');
  const minCount = numberFlag(command, values, 'min-count');
  const maxLength = numberFlag(command, values, 'max-length');
  const top = numberFlag(command, values, 'top');
  if (minSupport === undefined && minCount === undefined) {
    throw new UsageError('missing --min-support (a fraction such as 0.01) or --min-count (a number of transactions)', command);
  }
  if (minSupport !== undefined && minCount !== undefined) {
    throw new UsageError('give either --min-support or --min-count, not both', command);
  }

  const format = requireOneOf('--format', stringFlag(values, 'format') ?? MINING_DEFAULTS.format, TRANSACTION_FORMATS);
  const algorithm = requireOneOf('--algorithm', stringFlag(values, 'algorithm') ?? MINING_DEFAULTS.algorithm, ['fpgrowth', 'apriori'] as const);
  const mine: MineItemsetsOptions = { algorithm };
  if (minSupport !== undefined) mine.minSupport = requireInRange('--min-support', minSupport, 0, 1, { minInclusive: false });
  if (minCount !== undefined) mine.minCount = requireInteger('--min-count', minCount, 1);
  if (maxLength !== undefined) mine.maxLength = requireInteger('--max-length', maxLength, 1);

  const read: ReadTransactionsOptions = { format, source: file };
  const delimiter = delimiterFlag(values);
  if (format === 'fimi' || format === 'arff') {
    if (delimiter !== undefined) throw new InvalidOptionError('--delimiter', `does not apply to --format ${format}`);
  } else {
    read.delimiter = delimiter ?? MINING_DEFAULTS.delimiter;
  }
  const columns = listFlag(values, 'columns');
  const exclude = listFlag(values, 'exclude');
  const numeric = stringFlag(values, 'numeric');
  if (columns !== undefined || exclude !== undefined || numeric !== undefined) {
    if (format !== 'table' && format !== 'arff') {
      const flag = columns !== undefined ? '--columns' : exclude !== undefined ? '--exclude' : '--numeric';
      throw new InvalidOptionError(flag, `only applies to --format table or arff, not ${format}`);
    }
    if (columns !== undefined) read.columns = columns;
    if (exclude !== undefined) read.exclude = exclude;
    if (numeric !== undefined) read.numeric = requireOneOf('--numeric', numeric, ['error', 'skip', 'item'] as const);
  }

  const settings: MiningSettings = { file, path: resolve(cwd, file), read, mine, json: values.json === true };
  if (top !== undefined) settings.top = requireInteger('--top', top, 1);
  const output = outputFlag(values, cwd);
  if (output !== undefined) settings.output = output;
  return settings;
}


/** Reads the file and mines its frequent itemsets, with a progress line on a terminal. */
async function readAndMine(s: MiningSettings, progress: ProgressLine): Promise<{ transactions: TransactionSet; itemsets: FrequentItemsets }> {
  try {
    progress.start(`reading ${s.file}`);
    const transactions = await readTransactions(s.path, s.read);
    progress.start(s.mine.algorithm === 'apriori' ? 'Apriori' : 'FP-Growth');
    const itemsets = mineItemsets(transactions, { ...s.mine, onProgress: progress.callback() });
    return { transactions, itemsets };
  } finally {
    progress.done();
  }
}

function thresholdText(itemsets: FrequentItemsets, s: MiningSettings): string {
  return s.mine.minSupport !== undefined
    ? `min support ${s.mine.minSupport} = count >= ${itemsets.minCount}`
    : `min count ${itemsets.minCount}`;
}

function shownText(listed: number, total: number, what: string): string {
  return listed < total ? `; showing the top ${listed}${what}` : '';
}

/** The JSON object `crm-mining rules --json` prints. */
export interface RulesJson {
  /** The number of transactions read. */
  transactions: number;
  /** The number of frequent itemsets mined. */
  itemsets: number;
  /** The rules listed (all of them, or the top `--top`), sorted by `--sort`. */
  rules: RuleJson[];
}

/** The JSON object `crm-mining itemsets --json` prints. */
export interface ItemsetsJson {
  /** The number of transactions read. */
  transactions: number;
  /** The itemsets listed (all of them, or the top `--top`), by support, high to low. */
  itemsets: Itemset[];
}

/**
 * `crm-mining rules <file> …`: prints the association rules of a transaction file.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function rulesCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const { values, positionals } = parseCommandLine('rules', args, RULES_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp('rules'));
    return EXIT_OK;
  }
  const s = miningSettings('rules', values, positionals, cwd);
  const minConfidence = requireInRange('--min-confidence', numberFlag('rules', values, 'min-confidence') ?? MINING_DEFAULTS.minConfidence, 0, 1);
  const consequents = requireOneOf('--consequents', stringFlag(values, 'consequents') ?? MINING_DEFAULTS.consequents, ['single', 'any'] as const);
  const sort = requireOneOf('--sort', stringFlag(values, 'sort') ?? MINING_DEFAULTS.sort, RULE_MEASURES);
  await checkOutputFolder(s.output);
  await checkInputFile(s.file, cwd);

  const progress = new ProgressLine(io.stderr);
  const { transactions, itemsets } = await readAndMine(s, progress);
  let all: RuleSet;
  try {
    progress.start('generating rules');
    all = associationRules(itemsets, { minConfidence, consequents, onProgress: progress.callback() }).sortBy(sort);
  } finally {
    progress.done();
  }
  const listed = s.top !== undefined ? all.top(s.top) : all;
  const result: RulesJson = { transactions: transactions.size, itemsets: itemsets.length, rules: listed.rules.map(ruleToJson) };

  if (s.output !== undefined) {
    await writeFileAtomic(s.output.path, s.output.kind === 'csv' ? listed.toCSV() : JSON.stringify(result, null, 2) + '\n');
  }
  if (s.json) {
    io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return EXIT_OK;
  }
  if (listed.length > 0) io.stdout.write(rulesTable(listed.rules) + '\n');
  io.stdout.write(
    `${all.length} rules (min confidence ${minConfidence}, ${consequents === 'single' ? 'one item' : 'any number of items'} on the right) ` +
      `from ${itemsets.length} frequent itemsets (${thresholdText(itemsets, s)}) in ${transactions.size} transactions` +
      ` with ${transactions.itemCount} distinct items; sorted by ${sort}${shownText(listed.length, all.length, '')}.\n`,
  );
  if (s.output !== undefined) io.stdout.write(`Wrote ${listed.length} rules to ${s.output.shown}.\n`);
  return EXIT_OK;
}

/**
 * `crm-mining itemsets <file> …`: prints the frequent itemsets of a transaction file, by support.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function itemsetsCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const { values, positionals } = parseCommandLine('itemsets', args, ITEMSETS_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp('itemsets'));
    return EXIT_OK;
  }
  const s = miningSettings('itemsets', values, positionals, cwd);
  await checkOutputFolder(s.output);
  await checkInputFile(s.file, cwd);

  const progress = new ProgressLine(io.stderr);
  const { transactions, itemsets } = await readAndMine(s, progress);
  const order = bySupport(itemsets);
  const count = s.top !== undefined ? Math.min(s.top, order.length) : order.length;
  const listed: Itemset[] = new Array(count);
  for (let k = 0; k < count; k++) listed[k] = itemsets.get(order[k]);
  const result: ItemsetsJson = { transactions: transactions.size, itemsets: listed };

  if (s.output !== undefined) {
    await writeFileAtomic(s.output.path, s.output.kind === 'csv' ? itemsetsToCsv(listed) : JSON.stringify(result, null, 2) + '\n');
  }
  if (s.json) {
    io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return EXIT_OK;
  }
  if (listed.length > 0) io.stdout.write(itemsetsTable(listed) + '\n');
  io.stdout.write(
    `${itemsets.length} frequent itemsets (${thresholdText(itemsets, s)}${s.mine.maxLength !== undefined ? `, at most ${s.mine.maxLength} items` : ''}) ` +
      `in ${transactions.size} transactions with ${transactions.itemCount} distinct items; sorted by support` +
      `${shownText(listed.length, itemsets.length, '')}.\n`,
  );
  if (s.output !== undefined) io.stdout.write(`Wrote ${listed.length} itemsets to ${s.output.shown}.\n`);
  return EXIT_OK;
}

/** Positions of the itemsets ordered by count, high to low; ties keep the canonical order. */
function bySupport(itemsets: FrequentItemsets): Int32Array {
  const order = new Int32Array(itemsets.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const counts = itemsets.counts;
  return order.sort((a, b) => counts[b] - counts[a] || a - b);
}

