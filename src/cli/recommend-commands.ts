/**
 * The `recommend` command: evaluates a recommender on an interactions file (k-fold cross-validation or a
 * separate test file) and prints its rating and ranking metrics, or, with `--for USER`, that user's
 * recommendations with reasons. The content-based family also reads an item-attributes CSV (`--items`),
 * the demographic family a user-attributes CSV (`--users`).
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
import type { Recommender } from '../recommend/types.js';
import { numberFlag, parseCommandLine, stringFlag, type OptionSpec } from './args.js';
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

/**
 * Reads an attributes CSV (header row, comma-separated): the id column as text, the listed text columns as
 * text, every other column typed by inference. Checks that the named columns exist and that ids are
 * present and distinct, naming the file, the line and the flag.
 */
async function readAttributes(path: string, flag: string, idColumn: string, idFlag: string, textColumns: readonly [string, string][]): Promise<{ table: DataTable; ids: string[] }> {
  const probe = await readCsv(path, { inferTypes: false });
  const names = probe.columnNames;
  const need: [string, string][] = [[idColumn, idFlag], ...textColumns];
  for (const [col, f] of need) {
    if (!probe.hasColumn(col)) {
      throw new InvalidInputError(`${flag} ${path}: no column named ${JSON.stringify(col)} (from ${f}); the columns are ${names.map((n) => JSON.stringify(n)).join(', ')}`, {
        field: col,
      });
    }
  }
  const columnTypes: Record<string, ColumnType> = {};
  for (const [col] of need) columnTypes[col] = 'string';
  const table = await readCsv(path, { columnTypes });
  const idValues = table.column(idColumn).values;
  const ids: string[] = new Array(table.rowCount);
  const seen = new Map<string, number>();
  for (let r = 0; r < table.rowCount; r++) {
    const id = idValues[r];
    if (typeof id !== 'string' || id === '') {
      throw new InvalidInputError(`${flag} ${path}: line ${r + 2}: the id column ${JSON.stringify(idColumn)} is empty`, { row: r + 2, field: idColumn });
    }
    const before = seen.get(id);
    if (before !== undefined) {
      throw new InvalidInputError(`${flag} ${path}: line ${r + 2}: id ${JSON.stringify(id)} repeats (first on line ${before + 2})`, { row: r + 2, field: idColumn });
    }
    seen.set(id, r);
    ids[r] = id;
  }
  if (table.rowCount === 0) throw new InvalidInputError(`${flag} ${path}: no data rows`, { field: flag });
  return { table, ids };
}

/** Reads `--items FILE` into the content-based family's items. */
async function readContentItems(path: string, idColumn: string, idFlag: string, textColumn: string | undefined, tagsColumn: string | undefined): Promise<ContentItem[]> {
  const special: [string, string][] = [];
  if (textColumn !== undefined) special.push([textColumn, '--item-text']);
  if (tagsColumn !== undefined) special.push([tagsColumn, '--item-tags']);
  const { table, ids } = await readAttributes(path, '--items', idColumn, idFlag, special);
  const attributeColumns = table.columns.filter((c) => c.name !== idColumn && c.name !== textColumn && c.name !== tagsColumn);
  const text = textColumn !== undefined ? table.column(textColumn).values : undefined;
  const tags = tagsColumn !== undefined ? table.column(tagsColumn).values : undefined;
  const out: ContentItem[] = new Array(ids.length);
  for (let r = 0; r < ids.length; r++) {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of attributeColumns) attributes[c.name] = attributeValue(c.values[r]);
    const item: { id: string; attributes: Record<string, AttributeValue>; text?: string; tags?: string[] } = { id: ids[r], attributes };
    const t = text?.[r];
    if (typeof t === 'string') item.text = t;
    const g = tags?.[r];
    if (typeof g === 'string') item.tags = g.split('|');
    out[r] = item;
  }
  return out;
}

/** Reads `--users FILE` into the demographic family's user attributes. */
async function readUserAttributes(path: string, idColumn: string, idFlag: string): Promise<{ id: string; attributes: Record<string, AttributeValue> }[]> {
  const { table, ids } = await readAttributes(path, '--users', idColumn, idFlag, []);
  const attributeColumns = table.columns.filter((c) => c.name !== idColumn);
  return ids.map((id, r) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const c of attributeColumns) attributes[c.name] = attributeValue(c.values[r]);
    return { id, attributes };
  });
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
  const itemsFile = stringFlag(values, 'items');
  const usersFile = stringFlag(values, 'users');
  const itemIdFlag = stringFlag(values, 'item-id');
  const itemText = stringFlag(values, 'item-text');
  const itemTags = stringFlag(values, 'item-tags');
  const userIdFlag = stringFlag(values, 'user-id');
  if (algorithm !== 'content') {
    for (const [name, v] of [['items', itemsFile], ['item-id', itemIdFlag], ['item-text', itemText], ['item-tags', itemTags]] as const) {
      if (v !== undefined) throw new UsageError(`--${name} is only used by --algorithm content (the algorithm is ${algorithm})`, command);
    }
  } else if (itemsFile === undefined) {
    for (const [name, v] of [['item-id', itemIdFlag], ['item-text', itemText], ['item-tags', itemTags]] as const) {
      if (v !== undefined) throw new UsageError(`--${name} describes the --items FILE, which is missing`, command);
    }
  }
  if (algorithm !== 'demographic') {
    for (const [name, v] of [['users', usersFile], ['user-id', userIdFlag]] as const) {
      if (v !== undefined) throw new UsageError(`--${name} is only used by --algorithm demographic (the algorithm is ${algorithm})`, command);
    }
  } else if (usersFile === undefined && userIdFlag !== undefined) {
    throw new UsageError('--user-id describes the --users FILE, which is missing', command);
  }
  if (itemText !== undefined && itemText === itemTags) throw new UsageError(`--item-text and --item-tags name the same column ${JSON.stringify(itemText)}`, command);
  const itemId = itemIdFlag ?? item;
  if (itemText !== undefined && itemText === itemId) throw new UsageError(`--item-text names the id column ${JSON.stringify(itemText)}`, command);
  if (itemTags !== undefined && itemTags === itemId) throw new UsageError(`--item-tags names the id column ${JSON.stringify(itemTags)}`, command);
  if (algorithm === 'content' && itemsFile === undefined) throw new UsageError(NEEDS_ITEMS, command);
  if (algorithm === 'demographic' && usersFile === undefined) throw new UsageError(NEEDS_USERS, command);
  const side: SideData = {};
  if (itemsFile !== undefined) side.items = await readContentItems(resolve(cwd, itemsFile), itemId, itemIdFlag !== undefined ? '--item-id' : '--item', itemText, itemTags);
  if (usersFile !== undefined) side.users = await readUserAttributes(resolve(cwd, usersFile), userIdFlag ?? user, userIdFlag !== undefined ? '--user-id' : '--user');
  const fit = fitterFor(algorithm, seed, side);

  const data = await readInteractions(resolve(cwd, file), readOptions);
  if (forUser !== undefined) {
    const model: Recommender = fit(data);
    const recs = model.recommend(forUser, { k });
    if (values.json === true) io.stdout.write(JSON.stringify({ recommendations: recs }, null, 2) + '\n');
    else {
      io.stdout.write(`Top ${k} for ${forUser} (${algorithm}):\n`);
      recs.forEach((r, q) => io.stdout.write(`${String(q + 1).padStart(3)}. ${r.item}  ${r.score.toPrecision(4)}  ${r.reason}\n`));
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
