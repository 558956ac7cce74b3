/**
 * The `recommend` command: evaluates a recommender on an interactions file (k-fold cross-validation or a
 * separate test file) and prints its rating and ranking metrics, or, with `--for USER`, that user's
 * recommendations with reasons. The content-based family also reads an item-attributes CSV (`--items`),
 * the demographic family a user-attributes CSV (`--users`). With `--items FILE --item-label COL`, any family's
 * `--for` output also names each recommended item by that column (for example a movie's title), and reasons
 * name the items they cite by it too (`RecommendOptions.itemLabels`).
 *
 * @module
 */
import { resolve } from 'node:path';
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { requireInteger } from '../core/validate.js';
import { readCsv } from '../data/csv.js';
import type { CellValue, ColumnType, DataTable } from '../data/table.js';
import { ContentRecommender, type ContentItem } from '../recommend/content.js';
import { DemographicRecommender, type AttributeValue } from '../recommend/demographic.js';
import { readInteractions, type InteractionFormat, type Interactions, type ReadInteractionsOptions } from '../recommend/interactions.js';
import {
  BaselineRecommender,
  ImplicitAlsRecommender,
  PopularityRecommender,
  SvdRecommender,
  fitItemKnn,
  fitKnnBaseline,
  fitUserKnn,
} from '../recommend/collaborative/index.js';
import { compare, evaluateRecommender, type FitRecommender, type RecommenderMetrics } from '../recommend/evaluate.js';
import { weightedHybrid } from '../recommend/hybrid.js';
import type { Recommendation, Recommender } from '../recommend/types.js';
import { numberFlag, parseCommandLine, stringFlag, type OptionSpec, type ParsedCommandLine } from './args.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { commandHelp } from './usage.js';

/** The `--algorithm` values of `crm-mining recommend`. */
export const RECOMMEND_ALGORITHMS = [
  'popularity',
  'baseline',
  'user-knn',
  'item-knn',
  'knn-baseline',
  'svd',
  'als',
  'content',
  'demographic',
  'hybrid',
] as const;

/** One `--algorithm` value. */
export type RecommendAlgorithm = (typeof RECOMMEND_ALGORITHMS)[number];

/** The flags of `crm-mining recommend`. */
export const RECOMMEND_OPTIONS: OptionSpec = {
  user: { type: 'string' },
  item: { type: 'string' },
  rating: { type: 'string' },
  timestamp: { type: 'string' },
  format: { type: 'string' },
  'no-header': { type: 'boolean' },
  algorithm: { type: 'string' },
  cv: { type: 'string' },
  test: { type: 'string' },
  k: { type: 'string' },
  seed: { type: 'string' },
  for: { type: 'string' },
  items: { type: 'string' },
  'item-id': { type: 'string' },
  'item-text': { type: 'string' },
  'item-tags': { type: 'string' },
  'item-label': { type: 'string' },
  'items-format': { type: 'string' },
  'items-no-header': { type: 'boolean' },
  users: { type: 'string' },
  'user-id': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const NEEDS_ITEMS = '--algorithm content needs --items FILE (a CSV of item attributes, one row per item)';
const NEEDS_USERS = '--algorithm demographic needs --users FILE (a CSV of user attributes, one row per user)';

/** What the attribute-based families read besides the interactions. */
interface SideData {
  items?: ContentItem[];
  users?: { id: string; attributes: Record<string, AttributeValue> }[];
}

function fitterFor(algorithm: RecommendAlgorithm, seed: number, side: SideData): FitRecommender {
  switch (algorithm) {
    case 'popularity':
      return (d) => PopularityRecommender.fit(d);
    case 'baseline':
      return (d) => BaselineRecommender.fit(d);
    case 'user-knn':
      return (d) => fitUserKnn(d);
    case 'item-knn':
      return (d) => fitItemKnn(d);
    case 'knn-baseline':
      return (d) => fitKnnBaseline(d);
    case 'svd':
      return (d) => SvdRecommender.fit(d, { seed });
    case 'als':
      return (d) => ImplicitAlsRecommender.fit(d, { seed });
    case 'content': {
      const items = side.items;
      if (items === undefined) throw new UsageError(NEEDS_ITEMS, 'recommend');
      return (d) => ContentRecommender.fit(items, d);
    }
    case 'demographic': {
      const users = side.users;
      if (users === undefined) throw new UsageError(NEEDS_USERS, 'recommend');
      return (d) => DemographicRecommender.fit(users, d);
    }
    case 'hybrid':
      return (d) =>
        weightedHybrid([
          { recommender: ImplicitAlsRecommender.fit(d, { seed }), weight: 1 },
          { recommender: PopularityRecommender.fit(d), weight: 0.5 },
        ]);
  }
}

/** A cell of an attributes file as an attribute value: dates become ISO text; missing stays null. */
function attributeValue(v: CellValue): AttributeValue {
  return v instanceof Date ? v.toISOString() : v;
}

/** How an attributes file is laid out: the flag that names it, its field delimiter, and whether it has a header row. */
interface AttributesFile {
  flag: string;
  delimiter: string;
  header: boolean;
}

/** The `--items-format` values and their field delimiters. */
const ITEMS_DELIMITERS: Readonly<Record<string, string>> = { csv: ',', tsv: '\t', pipe: '|' };

/** The `--users` file: always comma-separated with a header row. */
const USERS_FILE: AttributesFile = { flag: '--users', delimiter: ',', header: true };

/** A column flag's value as the table names it: without a header, a position `2` is the column `column2`. */
function columnOf(name: string, file: AttributesFile): string {
  return !file.header && /^[0-9]+$/.test(name) ? `column${name}` : name;
}

/** A table's column name as the command line writes it (the inverse of {@link columnOf}). */
function flagNameOf(column: string, file: AttributesFile): string {
  return !file.header && /^column[0-9]+$/.test(column) ? column.slice('column'.length) : column;
}

/**
 * Reads an attributes file: the id column and the listed `[column, flag]` columns as text, every other
 * column typed by inference when `typed` (else as text). Checks that the named columns exist (the message
 * lists the file's columns) and that ids are present and distinct, naming the file, the line and the flag.
 */
async function readAttributes(
  path: string,
  file: AttributesFile,
  idColumn: string,
  idFlag: string,
  textColumns: readonly [string, string][],
  typed: boolean,
): Promise<{ table: DataTable; ids: string[] }> {
  const csv = { delimiter: file.delimiter, header: file.header };
  const probe = await readCsv(path, { ...csv, inferTypes: false });
  const need: [string, string][] = [[idColumn, idFlag], ...textColumns];
  for (const [col, f] of need) {
    if (!probe.hasColumn(col)) {
      const names = probe.columnNames.map((n) => JSON.stringify(flagNameOf(n, file))).join(', ');
      throw new InvalidInputError(`${file.flag} ${path}: no column named ${JSON.stringify(flagNameOf(col, file))} (from ${f}); the columns are ${names}`, {
        field: col,
      });
    }
  }
  let table = probe;
  if (typed) {
    const columnTypes: Record<string, ColumnType> = {};
    for (const [col] of need) columnTypes[col] = 'string';
    table = await readCsv(path, { ...csv, columnTypes });
  }
  const firstLine = file.header ? 2 : 1;
  const idValues = table.column(idColumn).values;
  const ids: string[] = new Array(table.rowCount);
  const seen = new Map<string, number>();
  for (let r = 0; r < table.rowCount; r++) {
    const id = idValues[r];
    if (typeof id !== 'string' || id === '') {
      throw new InvalidInputError(`${file.flag} ${path}: line ${r + firstLine}: the id column ${JSON.stringify(flagNameOf(idColumn, file))} is empty`, {
        row: r + firstLine,
        field: idColumn,
      });
    }
    const before = seen.get(id);
    if (before !== undefined) {
      throw new InvalidInputError(`${file.flag} ${path}: line ${r + firstLine}: id ${JSON.stringify(id)} repeats (first on line ${before + firstLine})`, {
        row: r + firstLine,
        field: idColumn,
      });
    }
    seen.set(id, r);
    ids[r] = id;
  }
  if (table.rowCount === 0) throw new InvalidInputError(`${file.flag} ${path}: no data rows`, { field: file.flag });
  return { table, ids };
}

/** The columns of `--items FILE` that the command line names (table names; see {@link columnOf}). */
interface ItemsColumns {
  id: string;
  /** The flag the id column came from: `--item-id`, or `--item` by default. */
  idFlag: string;
  text?: string;
  tags?: string;
  label?: string;
}

/** What `--items FILE` gives: the content family's items (when `content`) and the labels (when `--item-label`). */
interface ItemsData {
  items?: ContentItem[];
  labels?: Map<string, string | null>;
}

/**
 * Reads `--items FILE`: with `content`, the content-based family's items (every column but the id, text,
 * tags and label columns is an attribute); with a label column, each item's label (null where the cell is
 * missing).
 */
async function readItemsFile(path: string, file: AttributesFile, cols: ItemsColumns, content: boolean): Promise<ItemsData> {
  const special: [string, string][] = [];
  if (cols.text !== undefined) special.push([cols.text, '--item-text']);
  if (cols.tags !== undefined) special.push([cols.tags, '--item-tags']);
  if (cols.label !== undefined) special.push([cols.label, '--item-label']);
  const { table, ids } = await readAttributes(path, file, cols.id, cols.idFlag, special, content);
  const out: ItemsData = {};
  if (cols.label !== undefined) {
    const values = table.column(cols.label).values;
    out.labels = new Map();
    for (let r = 0; r < ids.length; r++) {
      const v = values[r];
      out.labels.set(ids[r], typeof v === 'string' ? v : null);
    }
  }
  if (!content) return out;
  const attributeColumns = table.columns.filter((c) => c.name !== cols.id && c.name !== cols.text && c.name !== cols.tags && c.name !== cols.label);
  const text = cols.text !== undefined ? table.column(cols.text).values : undefined;
  const tags = cols.tags !== undefined ? table.column(cols.tags).values : undefined;
  out.items = new Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of attributeColumns) attributes[c.name] = attributeValue(c.values[r]);
    const item: { id: string; attributes: Record<string, AttributeValue>; text?: string; tags?: string[] } = { id: ids[r], attributes };
    const t = text?.[r];
    if (typeof t === 'string') item.text = t;
    const g = tags?.[r];
    if (typeof g === 'string') item.tags = g.split('|');
    out.items[r] = item;
  }
  return out;
}

/** Reads `--users FILE` into the demographic family's user attributes. */
async function readUserAttributes(path: string, idColumn: string, idFlag: string): Promise<{ id: string; attributes: Record<string, AttributeValue> }[]> {
  const { table, ids } = await readAttributes(path, USERS_FILE, idColumn, idFlag, [], true);
  const attributeColumns = table.columns.filter((c) => c.name !== idColumn);
  return ids.map((id, r) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of attributeColumns) attributes[c.name] = attributeValue(c.values[r]);
    return { id, attributes };
  });
}

/** What the `--items` flags ask for: the file, its layout, and its columns. */
interface ItemsRequest {
  path: string;
  file: AttributesFile;
  cols: ItemsColumns;
}

/**
 * Checks the flags that describe `--items FILE` against the algorithm and `--for`, and resolves them:
 * `--item-text` and `--item-tags` are for `content` only; another family reads the file only for the
 * labels of the `--for` output, so it needs `--item-label` and `--for`.
 *
 * @returns the request, or `undefined` when there is no `--items` (an error when `content` needs it).
 */
function itemsFlags(values: ParsedCommandLine['values'], algorithm: RecommendAlgorithm, item: string, hasFor: boolean): ItemsRequest | undefined {
  const command = 'recommend';
  const path = stringFlag(values, 'items');
  const idFlag = stringFlag(values, 'item-id');
  const text = stringFlag(values, 'item-text');
  const tags = stringFlag(values, 'item-tags');
  const label = stringFlag(values, 'item-label');
  const format = stringFlag(values, 'items-format');
  const noHeader = values['items-no-header'] === true;
  if (algorithm !== 'content') {
    for (const [name, v] of [['item-text', text], ['item-tags', tags]] as const) {
      if (v !== undefined) throw new UsageError(`--${name} is only used by --algorithm content (the algorithm is ${algorithm})`, command);
    }
  }
  if (path === undefined) {
    const described: [string, unknown][] = [['item-id', idFlag], ['item-text', text], ['item-tags', tags], ['item-label', label], ['items-format', format], ['items-no-header', noHeader || undefined]];
    for (const [name, v] of described) {
      if (v !== undefined) throw new UsageError(`--${name} describes the --items FILE, which is missing`, command);
    }
    if (algorithm === 'content') throw new UsageError(NEEDS_ITEMS, command);
    return undefined;
  }
  if (algorithm !== 'content') {
    if (label === undefined) {
      throw new UsageError(`--items with --algorithm ${algorithm} only names the items of the --for output: add --item-label COL (attributes are used by --algorithm content only)`, command);
    }
    if (!hasFor) throw new UsageError(`--item-label names the items of the --for output; with --algorithm ${algorithm} it needs --for USER`, command);
  }
  if (format !== undefined && !Object.prototype.hasOwnProperty.call(ITEMS_DELIMITERS, format)) {
    throw new UsageError(`--items-format must be ${Object.keys(ITEMS_DELIMITERS).join(', ')}; got ${JSON.stringify(format)}`, command);
  }
  if (text !== undefined && text === tags) throw new UsageError(`--item-text and --item-tags name the same column ${JSON.stringify(text)}`, command);
  const id = idFlag ?? item;
  if (text !== undefined && text === id) throw new UsageError(`--item-text names the id column ${JSON.stringify(text)}`, command);
  if (tags !== undefined && tags === id) throw new UsageError(`--item-tags names the id column ${JSON.stringify(tags)}`, command);
  const file: AttributesFile = { flag: '--items', delimiter: ITEMS_DELIMITERS[format ?? 'csv'], header: !noHeader };
  const cols: ItemsColumns = { id: columnOf(id, file), idFlag: idFlag !== undefined ? '--item-id' : '--item' };
  if (text !== undefined) cols.text = columnOf(text, file);
  if (tags !== undefined) cols.tags = columnOf(tags, file);
  if (label !== undefined) cols.label = columnOf(label, file);
  return { path, file, cols };
}

/**
 * One recommendation as `crm-mining recommend --for USER --json` prints it: the item, its score and the
 * reason (the CLI contract); with `--items FILE --item-label COL` also the item's label, `null` for an
 * item the file does not list or whose label cell is empty. Reasons are the recommender's own text; with
 * `--item-label` they name the items they cite by label (by id where the item has none).
 */
export interface RecommendationJson extends Recommendation {
  /** The `--item-label` column's value for the item, or `null`; absent without `--item-label`. */
  label?: string | null;
}

/**
 * The JSON object `crm-mining recommend --json` prints when evaluating (the CLI contract): the metrics of
 * {@link RecommenderMetrics} that the contract names (rmse and mae only for rating predictors; means over
 * folds with --cv).
 */
export type RecommendEvaluationJson = Pick<
  RecommenderMetrics,
  'algorithm' | 'rmse' | 'mae' | 'precisionAtK' | 'recallAtK' | 'ndcgAtK' | 'coverage' | 'fitSeconds'
>;

function contract(algorithm: string, m: RecommenderMetrics): RecommendEvaluationJson {
  const out: RecommendEvaluationJson = { algorithm } as RecommendEvaluationJson;
  if (m.rmse !== undefined) out.rmse = m.rmse;
  if (m.mae !== undefined) out.mae = m.mae;
  out.precisionAtK = m.precisionAtK;
  out.recallAtK = m.recallAtK;
  out.ndcgAtK = m.ndcgAtK;
  out.coverage = m.coverage;
  out.fitSeconds = m.fitSeconds;
  return out;
}

/**
 * Runs `crm-mining recommend` (its help text is `commandHelp('recommend')`).
 *
 * @returns the exit code (0); failures are thrown (a {@link UsageError} for a wrong command line, a
 *   library error for bad data) and turned into exit codes by the caller.
 */
export async function recommendCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'recommend';
  const { values, positionals } = parseCommandLine(command, args, RECOMMEND_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp('recommend'));
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing <file>: expected an interactions file (CSV, TSV or whitespace)', command);
  if (positionals.length > 1) throw new UsageError(`expected one <file>, got ${positionals.length}: ${positionals.join(' ')}`, command);
  const file = positionals[0];
  const user = stringFlag(values, 'user');
  const item = stringFlag(values, 'item');
  if (!user) throw new UsageError('missing --user COL (the user-id column)', command);
  if (!item) throw new UsageError('missing --item COL (the item-id column)', command);
  const rating = stringFlag(values, 'rating');
  const timestamp = stringFlag(values, 'timestamp');
  const format = (stringFlag(values, 'format') ?? 'csv') as InteractionFormat;
  if (!['csv', 'tsv', 'whitespace'].includes(format)) throw new UsageError(`--format must be csv, tsv or whitespace, got ${JSON.stringify(format)}`, command);
  const algorithmFlag = stringFlag(values, 'algorithm');
  if (algorithmFlag !== undefined && !(RECOMMEND_ALGORITHMS as readonly string[]).includes(algorithmFlag)) {
    throw new UsageError(`--algorithm must be one of ${RECOMMEND_ALGORITHMS.join(', ')}; got ${JSON.stringify(algorithmFlag)}`, command);
  }
  const cvFlag = numberFlag(command, values, 'cv');
  const testFile = stringFlag(values, 'test');
  if (cvFlag !== undefined && testFile !== undefined) throw new UsageError('give --cv K or --test FILE, not both', command);
  const kFlag = numberFlag(command, values, 'k');
  const k = kFlag === undefined ? 10 : requireInteger('k', kFlag, 1);
  const seedFlag = numberFlag(command, values, 'seed');
  const seed = seedFlag ?? 42;
  const forUser = stringFlag(values, 'for');
  if (forUser !== undefined && (cvFlag !== undefined || testFile !== undefined)) throw new UsageError('--for USER prints recommendations; it does not go with --cv or --test', command);
  const readOptions: ReadInteractionsOptions = {
    user,
    item,
    format,
    header: values['no-header'] !== true,
    ...(rating !== undefined ? { rating } : {}),
    ...(timestamp !== undefined ? { timestamp } : {}),
  };
  const algorithm = (algorithmFlag ?? (rating !== undefined ? 'svd' : 'als')) as RecommendAlgorithm;
  const itemsRequest = itemsFlags(values, algorithm, item, forUser !== undefined);
  const usersFile = stringFlag(values, 'users');
  const userIdFlag = stringFlag(values, 'user-id');
  if (algorithm !== 'demographic') {
    for (const [name, v] of [['users', usersFile], ['user-id', userIdFlag]] as const) {
      if (v !== undefined) throw new UsageError(`--${name} is only used by --algorithm demographic (the algorithm is ${algorithm})`, command);
    }
  } else if (usersFile === undefined && userIdFlag !== undefined) {
    throw new UsageError('--user-id describes the --users FILE, which is missing', command);
  }
  if (algorithm === 'demographic' && usersFile === undefined) throw new UsageError(NEEDS_USERS, command);
  const side: SideData = {};
  let labels: Map<string, string | null> | undefined;
  if (itemsRequest !== undefined) {
    const read = await readItemsFile(resolve(cwd, itemsRequest.path), itemsRequest.file, itemsRequest.cols, algorithm === 'content');
    if (read.items !== undefined) side.items = read.items;
    labels = read.labels;
  }
  if (usersFile !== undefined) side.users = await readUserAttributes(resolve(cwd, usersFile), userIdFlag ?? user, userIdFlag !== undefined ? '--user-id' : '--user');
  const fit = fitterFor(algorithm, seed, side);

  const data = await readInteractions(resolve(cwd, file), readOptions);
  if (forUser !== undefined) {
    const model: Recommender = fit(data);
    const recs = model.recommend(forUser, labels === undefined ? { k } : { k, itemLabels: labels });
    const out: RecommendationJson[] = labels === undefined ? recs : recs.map((r) => ({ ...r, label: labels.get(r.item) ?? null }));
    if (values.json === true) io.stdout.write(JSON.stringify({ recommendations: out }, null, 2) + '\n');
    else {
      io.stdout.write(`Top ${k} for ${forUser} (${algorithm}):\n`);
      for (let q = 0; q < out.length; q++) {
        const r = out[q];
        const name = r.label === undefined ? '' : `  ${r.label ?? '(no label)'}`;
        io.stdout.write(`${String(q + 1).padStart(3)}. ${r.item}${name}  ${r.score.toPrecision(4)}  ${r.reason}\n`);
      }
    }
    return EXIT_OK;
  }
  let metrics: RecommenderMetrics;
  if (testFile !== undefined) {
    const test: Interactions = await readInteractions(resolve(cwd, testFile), { ...readOptions, users: data.users, items: data.items, scale: data.scale });
    metrics = evaluateRecommender(fit, { train: data, test }, { k, seed, rating: data.kind === 'explicit' });
  } else {
    const folds = cvFlag === undefined ? 5 : cvFlag;
    if (!Number.isInteger(folds) || folds < 2) throw new InvalidOptionError('cv', `expected an integer >= 2, got ${folds}`);
    metrics = compare({ [algorithm]: fit }, data, { folds, seed, k, rating: data.kind === 'explicit' }).rows[0];
  }
  const json = contract(algorithm, metrics);
  if (values.json === true) io.stdout.write(JSON.stringify(json, null, 2) + '\n');
  else {
    const f = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(4));
    io.stdout.write(
      `${algorithm}: ` +
        (json.rmse !== undefined ? `RMSE ${f(json.rmse)}  MAE ${f(json.mae)}  ` : '') +
        `precision@${k} ${f(json.precisionAtK)}  recall@${k} ${f(json.recallAtK)}  NDCG@${k} ${f(json.ndcgAtK)}  coverage ${f(json.coverage)}  fit ${json.fitSeconds.toFixed(2)} s\n`,
    );
  }
  return EXIT_OK;
}
