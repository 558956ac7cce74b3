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
import { InvalidInputError, InvalidOptionError, ParseError } from '../core/errors.js';
import { requireOneOf } from '../core/validate.js';
import { csvRows, readCsv, type CsvOptions } from '../data/csv.js';
import { fileChunks } from '../data/csv-parser.js';
import type { CellValue, ColumnType, DataTable } from '../data/table.js';
import { ContentRecommender, type ContentItem } from '../recommend/content.js';
import { DemographicRecommender, type AttributeValue } from '../recommend/demographic.js';
import { readInteractions, type InteractionColumnNames, type InteractionOptions, type Interactions } from '../recommend/interactions.js';
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
import { fileArgument, fileRowError, integerFlag, parseCommandLine, renameOption, requireColumns, stringFlag, type OptionSpec, type ParsedCommandLine } from './args.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { checkInputFile } from './output.js';
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

/** The library options of the recommenders and evaluators, by the flags that set them. */
const FLAGS: Readonly<Record<string, string>> = { k: '--k', folds: '--cv', seed: '--seed' };

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

/** How a file is laid out: its field delimiter (`undefined`: runs of spaces and tabs) and whether it has a header row. */
interface Layout {
  delimiter: string | undefined;
  header: boolean;
}

/**
 * A file the command reads, checked to exist before any work ({@link checkInputFile}): the name as the
 * user gave it (every message uses it), the resolved path, the flag that named it, and its layout.
 */
interface InputFile extends Layout {
  shown: string;
  path: string;
  /** `--test`, `--items`, `--users`; `undefined` for the <file>. */
  flag: string | undefined;
}

async function inputFile(shown: string, cwd: string, flag: string | undefined, layout: Layout): Promise<InputFile> {
  return { shown, path: await checkInputFile(shown, cwd, flag), flag, ...layout };
}

/** The `--items-format` values and their field delimiters. */
const ITEMS_DELIMITERS: Readonly<Record<string, string>> = { csv: ',', tsv: '\t', pipe: '|' };

/** The `--users` file: always comma-separated with a header row. */
const USERS_LAYOUT: Layout = { delimiter: ',', header: true };

/** A column flag's value as the table names it: without a header, a position `2` is the column `column2`. */
function columnOf(name: string, layout: Layout): string {
  return !layout.header && /^[0-9]+$/.test(name) ? `column${name}` : name;
}

/** A table's column name as the command line writes it (the inverse of {@link columnOf}). */
function flagNameOf(column: string, layout: Layout): string {
  return !layout.header && /^column[0-9]+$/.test(column) ? column.slice('column'.length) : column;
}

function csvOptions(f: InputFile): CsvOptions {
  return { delimiter: f.delimiter ?? ',', header: f.header, source: f.shown };
}

/**
 * Checks, before any file is read whole, that each `[flag, column]` names a column of `f` (only the first
 * row of a CSV is read): an unknown one is the shared column error naming the flag, the column and the
 * file as given (`option --rating: no column "score" in r.csv; did you mean …`), with the columns as the
 * command line writes them (positions without a header). An empty or header-only file fails here too,
 * with the reader's own message.
 */
async function requireFileColumns(f: InputFile, named: readonly (readonly [string, string | undefined])[]): Promise<void> {
  let columns: string[] | undefined;
  if (f.delimiter === undefined) {
    const first = await firstLine(f.path);
    if (first === undefined) throw new InvalidInputError(`${f.shown}: no rows (the file is empty)`);
    const fields = first.split(/[ \t]+/);
    columns = f.header ? fields : fields.map((_, k) => `column${k + 1}`);
  } else {
    for await (const row of csvRows(f.path, csvOptions(f))) {
      columns = Object.keys(row);
      break;
    }
    // An empty or header-only file: the reader says which.
    if (columns === undefined) await readCsv(f.path, csvOptions(f));
  }
  if (columns === undefined) return;
  const shown = columns.map((c) => flagNameOf(c, f));
  for (const [flag, name] of named) if (name !== undefined && !columns.includes(columnOf(name, f))) requireColumns(flag, [name], shown, f.shown);
}

/**
 * The first line of a file that is not blank, trimmed (`undefined` when there is none), read in chunks
 * until it ends: lines end at `\n`, `\r\n` or `\r`, as the whitespace reader has them.
 */
async function firstLine(path: string): Promise<string | undefined> {
  const decoder = new TextDecoder();
  let text = '';
  let from = 0;
  for await (const chunk of fileChunks(path)) {
    text += decoder.decode(chunk, { stream: true });
    if (from === 0) text = text.replace(/^[ \t\r\n]+/, '');
    const end = text.slice(from).search(/[\r\n]/);
    if (end >= 0) return text.slice(0, from + end).trim();
    from = text.length;
  }
  text = (text + decoder.decode()).replace(/^[ \t\r\n]+/, '');
  return /^[^\r\n]+/.exec(text)?.[0].trim();
}

/** A parse error naming a column by position as the command line does (`3`, not `column3`, without a header). */
function namedParseError(err: unknown, f: InputFile): unknown {
  if (!(err instanceof ParseError) || typeof err.column !== 'string') return err;
  const column = flagNameOf(err.column, f);
  if (column === err.column) return err;
  const place = `${err.source !== undefined ? `${err.source}: ` : ''}line ${err.line}, column ${err.column}: `;
  const message = err.message.startsWith(place) ? err.message.slice(place.length) : err.message;
  return new ParseError(message, { line: err.line, column, ...(err.source !== undefined ? { source: err.source } : {}) });
}

/**
 * Reads an interactions file (after {@link requireFileColumns}) with `readInteractions`, every message
 * naming the file as the user gave it, a bad row as its "data row K" and a column as the flag gave it.
 */
async function readInteractionsFile(f: InputFile, names: InteractionColumnNames, options: InteractionOptions): Promise<Interactions> {
  const format = f.delimiter === undefined ? 'whitespace' : f.delimiter === '\t' ? 'tsv' : 'csv';
  try {
    return await readInteractions(f.path, { ...names, ...options, format, header: f.header, source: f.shown });
  } catch (err) {
    throw fileRowError(namedParseError(err, f), f.shown, true);
  }
}

/**
 * Reads an attributes file (after {@link requireFileColumns}): the id column and the `text` columns as
 * text, every other column typed by inference when `typed` (else as text). Ids must be present and
 * distinct; the message names the file as given and the data row.
 */
async function readAttributes(f: InputFile, id: string, idFlag: string, text: readonly string[], typed: boolean): Promise<{ table: DataTable; ids: string[] }> {
  const columnTypes: Record<string, ColumnType> = {};
  for (const col of [id, ...text]) columnTypes[col] = 'string';
  const table = await readCsv(f.path, typed ? { ...csvOptions(f), columnTypes } : { ...csvOptions(f), inferTypes: false });
  const idValues = table.column(id).values;
  const ids: string[] = new Array(table.rowCount);
  const seen = new Map<string, number>();
  for (let r = 0; r < table.rowCount; r++) {
    const v = idValues[r];
    if (typeof v !== 'string' || v === '') {
      throw new InvalidInputError(`${f.shown}: data row ${r + 1}: the id column ${JSON.stringify(flagNameOf(id, f))} (${idFlag}) is empty`, { row: r, field: id });
    }
    const before = seen.get(v);
    if (before !== undefined) {
      throw new InvalidInputError(`${f.shown}: data row ${r + 1}: id ${JSON.stringify(v)} repeats (first on data row ${before + 1})`, { row: r, field: id });
    }
    seen.set(v, r);
    ids[r] = v;
  }
  return { table, ids };
}

/** The columns of `--items FILE` that the command line names, as given (see {@link columnOf}), with their flags. */
interface ItemsColumns {
  id: string;
  text?: string;
  tags?: string;
  label?: string;
}

/** The `[flag, column]` pairs of the `--items` file, for {@link requireFileColumns}. */
function itemsColumnFlags(cols: ItemsColumns): [string, string | undefined][] {
  return [
    ['--item-id', cols.id],
    ['--item-text', cols.text],
    ['--item-tags', cols.tags],
    ['--item-label', cols.label],
  ];
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
async function readItemsFile(f: InputFile, given: ItemsColumns, content: boolean): Promise<ItemsData> {
  const id = columnOf(given.id, f);
  const text = given.text !== undefined ? columnOf(given.text, f) : undefined;
  const tags = given.tags !== undefined ? columnOf(given.tags, f) : undefined;
  const label = given.label !== undefined ? columnOf(given.label, f) : undefined;
  const special = [text, tags, label].filter((c): c is string => c !== undefined);
  const { table, ids } = await readAttributes(f, id, '--item-id', special, content);
  const out: ItemsData = {};
  if (label !== undefined) {
    const values = table.column(label).values;
    out.labels = new Map();
    for (let r = 0; r < ids.length; r++) {
      const v = values[r];
      out.labels.set(ids[r], typeof v === 'string' ? v : null);
    }
  }
  if (!content) return out;
  const attributeColumns = table.columns.filter((c) => c.name !== id && c.name !== text && c.name !== tags && c.name !== label);
  const textValues = text !== undefined ? table.column(text).values : undefined;
  const tagValues = tags !== undefined ? table.column(tags).values : undefined;
  out.items = new Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of attributeColumns) attributes[c.name] = attributeValue(c.values[r]);
    const item: { id: string; attributes: Record<string, AttributeValue>; text?: string; tags?: string[] } = { id: ids[r], attributes };
    const t = textValues?.[r];
    if (typeof t === 'string') item.text = t;
    const g = tagValues?.[r];
    if (typeof g === 'string') item.tags = g.split('|');
    out.items[r] = item;
  }
  return out;
}

/** Reads `--users FILE` into the demographic family's user attributes. */
async function readUserAttributes(f: InputFile, idColumn: string): Promise<{ id: string; attributes: Record<string, AttributeValue> }[]> {
  const { table, ids } = await readAttributes(f, idColumn, '--user-id', [], true);
  const attributeColumns = table.columns.filter((c) => c.name !== idColumn);
  return ids.map((id, r) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of attributeColumns) attributes[c.name] = attributeValue(c.values[r]);
    return { id, attributes };
  });
}

/** What the `--items` flags ask for: the file as given, its layout, and its columns. */
interface ItemsRequest {
  name: string;
  layout: Layout;
  cols: ItemsColumns;
}

/**
 * Checks the flags that describe `--items FILE` against the algorithm and `--for`, and resolves them:
 * `--item-text` and `--item-tags` only apply to `content`; another family reads the file only for the
 * labels of the `--for` output, so it needs `--item-label` and `--for`.
 *
 * @returns the request, or `undefined` when there is no `--items` (an error when `content` needs it).
 */
function itemsFlags(values: ParsedCommandLine['values'], algorithm: RecommendAlgorithm, item: string, hasFor: boolean): ItemsRequest | undefined {
  const command = 'recommend';
  const name = stringFlag(values, 'items');
  const idFlag = stringFlag(values, 'item-id');
  const text = stringFlag(values, 'item-text');
  const tags = stringFlag(values, 'item-tags');
  const label = stringFlag(values, 'item-label');
  const format = stringFlag(values, 'items-format');
  const noHeader = values['items-no-header'] === true;
  if (algorithm !== 'content') {
    for (const [flag, v] of [['--item-text', text], ['--item-tags', tags]] as const) {
      if (v !== undefined) throw new InvalidOptionError(flag, `only applies to --algorithm content, not ${algorithm}`);
    }
  }
  if (name === undefined) {
    const described: [string, unknown][] = [['item-id', idFlag], ['item-text', text], ['item-tags', tags], ['item-label', label], ['items-format', format], ['items-no-header', noHeader || undefined]];
    for (const [flag, v] of described) {
      if (v !== undefined) throw new UsageError(`--${flag} describes the --items FILE, which is missing`, command);
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
  const delimiter = ITEMS_DELIMITERS[requireOneOf('--items-format', format ?? 'csv', Object.keys(ITEMS_DELIMITERS))];
  if (text !== undefined && text === tags) throw new UsageError(`--item-text and --item-tags name the same column ${JSON.stringify(text)}`, command);
  const id = idFlag ?? item;
  if (text !== undefined && text === id) throw new UsageError(`--item-text names the id column ${JSON.stringify(text)}`, command);
  if (tags !== undefined && tags === id) throw new UsageError(`--item-tags names the id column ${JSON.stringify(tags)}`, command);
  const cols: ItemsColumns = { id };
  if (text !== undefined) cols.text = text;
  if (tags !== undefined) cols.tags = tags;
  if (label !== undefined) cols.label = label;
  return { name, layout: { delimiter, header: !noHeader }, cols };
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
 * Runs `crm-mining recommend` (its help text is `commandHelp('recommend')`). Every file (the interactions,
 * `--test`, `--items`, `--users`) is checked to exist, and every column flag against its file's header,
 * before any file is read whole; messages name files as the user gave them.
 *
 * @returns the exit code (0); failures are thrown (a {@link UsageError} for a wrong command line, a
 *   library error for a bad value or bad data) and turned into exit codes by the caller.
 */
export async function recommendCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'recommend';
  const { values, positionals } = parseCommandLine(command, args, RECOMMEND_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp('recommend'));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file>', 'an interactions file (CSV, TSV or whitespace)');
  const user = stringFlag(values, 'user');
  const item = stringFlag(values, 'item');
  if (!user) throw new UsageError('missing --user COL (the user-id column)', command);
  if (!item) throw new UsageError('missing --item COL (the item-id column)', command);
  const rating = stringFlag(values, 'rating');
  const timestamp = stringFlag(values, 'timestamp');
  const format = requireOneOf('--format', stringFlag(values, 'format') ?? 'csv', ['csv', 'tsv', 'whitespace'] as const);
  const algorithmFlag = stringFlag(values, 'algorithm');
  const algorithm = requireOneOf('--algorithm', algorithmFlag ?? (rating !== undefined ? 'svd' : 'als'), RECOMMEND_ALGORITHMS);
  const cv = integerFlag(command, values, 'cv', 2);
  const testFile = stringFlag(values, 'test');
  if (cv !== undefined && testFile !== undefined) throw new UsageError('give --cv K or --test FILE, not both', command);
  const k = integerFlag(command, values, 'k', 1) ?? 10;
  const seed = integerFlag(command, values, 'seed') ?? 42;
  const forUser = stringFlag(values, 'for');
  if (forUser !== undefined && (cv !== undefined || testFile !== undefined)) throw new UsageError('--for USER prints recommendations; it does not go with --cv or --test', command);
  const itemsRequest = itemsFlags(values, algorithm, item, forUser !== undefined);
  const usersFile = stringFlag(values, 'users');
  const userId = stringFlag(values, 'user-id');
  if (algorithm !== 'demographic') {
    for (const [flag, v] of [['--users', usersFile], ['--user-id', userId]] as const) {
      if (v !== undefined) throw new InvalidOptionError(flag, `only applies to --algorithm demographic, not ${algorithm}`);
    }
  } else if (usersFile === undefined && userId !== undefined) {
    throw new UsageError('--user-id describes the --users FILE, which is missing', command);
  }
  if (algorithm === 'demographic' && usersFile === undefined) throw new UsageError(NEEDS_USERS, command);

  // Every file exists, and every column flag names a column of its file, before any work.
  const layout: Layout = { delimiter: format === 'whitespace' ? undefined : format === 'tsv' ? '\t' : ',', header: values['no-header'] !== true };
  const main = await inputFile(file, cwd, undefined, layout);
  const test = testFile !== undefined ? await inputFile(testFile, cwd, '--test', layout) : undefined;
  const items = itemsRequest !== undefined ? await inputFile(itemsRequest.name, cwd, '--items', itemsRequest.layout) : undefined;
  const users = usersFile !== undefined ? await inputFile(usersFile, cwd, '--users', USERS_LAYOUT) : undefined;
  const names: InteractionColumnNames = { user, item, ...(rating !== undefined ? { rating } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
  const interactionColumns = [['--user', user], ['--item', item], ['--rating', rating], ['--timestamp', timestamp]] as const;
  await requireFileColumns(main, interactionColumns);
  if (test !== undefined) await requireFileColumns(test, interactionColumns);
  if (items !== undefined && itemsRequest !== undefined) await requireFileColumns(items, itemsColumnFlags(itemsRequest.cols));
  if (users !== undefined) await requireFileColumns(users, [['--user-id', userId ?? user]]);

  const side: SideData = {};
  let labels: Map<string, string | null> | undefined;
  if (items !== undefined && itemsRequest !== undefined) {
    const read = await readItemsFile(items, itemsRequest.cols, algorithm === 'content');
    if (read.items !== undefined) side.items = read.items;
    labels = read.labels;
  }
  if (users !== undefined) side.users = await readUserAttributes(users, userId ?? user);
  const fit = fitterFor(algorithm, seed, side);
  const data = await readInteractionsFile(main, names, {});
  const testData = test !== undefined ? await readInteractionsFile(test, names, { users: data.users, items: data.items, ...(data.scale !== undefined ? { scale: data.scale } : {}) }) : undefined;
  const folds = cv ?? 5;
  if (forUser === undefined && testData === undefined && folds > data.nnz) {
    throw new InvalidOptionError('--cv', `${folds} folds for ${data.nnz} interactions in ${file}; expected at most one fold per interaction`);
  }

  let metrics: RecommenderMetrics;
  try {
    if (forUser !== undefined) {
      const model: Recommender = fit(data);
      const recs = model.recommend(forUser, labels === undefined ? { k } : { k, itemLabels: labels });
      const out: RecommendationJson[] = labels === undefined ? recs : recs.map((r) => ({ ...r, label: labels.get(r.item) ?? null }));
      writeRecommendations(io, out, { k, forUser, algorithm, json: values.json === true });
      return EXIT_OK;
    }
    const rated = data.kind === 'explicit';
    metrics =
      testData !== undefined
        ? evaluateRecommender(fit, { train: data, test: testData }, { k, seed, rating: rated })
        : compare({ [algorithm]: fit }, data, { folds, seed, k, rating: rated }).rows[0];
  } catch (err) {
    throw renameOption(err, FLAGS);
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

/** Prints `--for USER`'s recommendations: the contract's JSON, or one numbered line each. */
function writeRecommendations(io: CliIO, out: readonly RecommendationJson[], o: { k: number; forUser: string; algorithm: string; json: boolean }): void {
  if (o.json) {
    io.stdout.write(JSON.stringify({ recommendations: out }, null, 2) + '\n');
    return;
  }
  io.stdout.write(`Top ${o.k} for ${o.forUser} (${o.algorithm}):\n`);
  for (let q = 0; q < out.length; q++) {
    const r = out[q];
    const name = r.label === undefined ? '' : `  ${r.label ?? '(no label)'}`;
    io.stdout.write(`${String(q + 1).padStart(3)}. ${r.item}${name}  ${r.score.toPrecision(4)}  ${r.reason}\n`);
  }
}
