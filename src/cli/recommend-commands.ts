/**
 * The `recommend` command: evaluates a recommender on an interactions file (k-fold cross-validation or a
 * separate test file) and prints its rating and ranking metrics, or, with `--for USER`, that user's
 * recommendations with reasons.
 *
 * @module
 */
import { resolve } from 'node:path';
import { InvalidOptionError } from '../core/errors.js';
import { requireInteger } from '../core/validate.js';
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
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

function fitterFor(algorithm: RecommendAlgorithm, seed: number): FitRecommender {
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
    case 'hybrid':
      return (d) =>
        weightedHybrid([
          { recommender: ImplicitAlsRecommender.fit(d, { seed }), weight: 1 },
          { recommender: PopularityRecommender.fit(d), weight: 0.5 },
        ]);
    default:
      throw new UsageError(
        `--algorithm ${algorithm} is not available in 'recommend': it needs ${algorithm === 'content' ? 'item features' : 'user attributes'}, and this command reads only interactions (use the library's ${algorithm === 'content' ? 'ContentRecommender' : 'DemographicRecommender'})`,
        'recommend',
      );
  }
}

/** The JSON object `crm-mining recommend --json` prints when evaluating (the CLI contract). */
export interface RecommendEvaluationJson {
  /** The --algorithm value. */
  algorithm: string;
  /** RMSE (rating predictors only). */
  rmse?: number;
  /** MAE (rating predictors only). */
  mae?: number;
  /** Mean precision@k. */
  precisionAtK: number;
  /** Mean recall@k. */
  recallAtK: number;
  /** Mean NDCG@k. */
  ndcgAtK: number;
  /** Catalogue coverage. */
  coverage: number;
  /** Seconds spent fitting (mean over folds with --cv). */
  fitSeconds: number;
}

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
  const fit = fitterFor(algorithm, seed);

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
