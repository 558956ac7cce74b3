/**
 * Choosing the number of clusters: k-means over a range of k with inertia (for the elbow), silhouette,
 * Davies–Bouldin and Calinski–Harabasz per k, returned as data for a plot.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { type MatrixInput, toMatrix } from '../core/matrix.js';
import { describe, optionKeys, rejectUnknownOptions, requireInteger } from '../core/validate.js';
import { KMEANS_SHARED_KEY_SET } from './option-keys.js';
import { type KMeansModel, type KMeansOptions, fitKMeans } from './kmeans.js';
import { calinskiHarabasz, daviesBouldin, silhouetteScore } from './metrics.js';

/**
 * Options of {@link chooseK}: the k-means options (without `k`) plus the range and silhouette sampling.
 *
 * @example
 * ```ts
 * import { chooseK, type ChooseKOptions } from 'crm-mining';
 * const options: ChooseKOptions = { kMin: 2, kMax: 4, nInit: 5, seed: 7, silhouetteSampleSize: 500 };
 * const result = chooseK([[0], [1], [10], [11], [20], [21]], options);
 * console.log(result.scores.length); // 3 (k = 2, 3, 4)
 * ```
 */
export interface ChooseKOptions extends Omit<KMeansOptions, 'k' | 'init' | 'onProgress'> {
  /** Smallest k tried (default 2). */
  kMin?: number;
  /** Largest k tried (default 10; capped at n − 1). */
  kMax?: number;
  /** Silhouette on a seeded subset of this many rows (default: exact, over all rows). */
  silhouetteSampleSize?: number;
  /** Called after each k with `{ phase: 'choosing k', done, total }`. */
  onProgress?: KMeansOptions['onProgress'];
}

const CHOOSE_K_OPTION_KEYS = optionKeys<ChooseKOptions>({
  ...KMEANS_SHARED_KEY_SET,
  kMin: true,
  kMax: true,
  silhouetteSampleSize: true,
  onProgress: true,
});

/**
 * One k's scores.
 *
 * @example
 * ```ts
 * import { chooseK, type KScore } from 'crm-mining';
 * const { scores } = chooseK([[0], [1], [10], [11], [20], [21]], { kMax: 4, seed: 1 });
 * const lowestDaviesBouldin: KScore = scores.reduce((a, b) => (b.daviesBouldin < a.daviesBouldin ? b : a));
 * console.log(lowestDaviesBouldin.k); // the k whose clusters are most compact relative to their separation
 * ```
 */
export interface KScore {
  /** The number of clusters. */
  k: number;
  /** Inertia (within-cluster sum of squares). */
  inertia: number;
  /** Mean silhouette (higher is better). */
  silhouette: number;
  /** Davies–Bouldin index (lower is better). */
  daviesBouldin: number;
  /** Calinski–Harabasz index (higher is better). */
  calinskiHarabasz: number;
}

/**
 * What {@link chooseK} returns.
 *
 * @example
 * ```ts
 * import { chooseK, type ChooseKResult } from 'crm-mining';
 * const result: ChooseKResult = chooseK([[0], [1], [10], [11], [20], [21]], { kMax: 4, seed: 1 });
 * console.log(result.bestK, result.elbowK, result.best.k === result.bestK); // 3 3 true
 * ```
 */
export interface ChooseKResult {
  /** One entry per k tried, in increasing k: the data for an elbow or silhouette plot. */
  scores: KScore[];
  /** The k with the highest silhouette (the smaller k on ties). */
  bestK: number;
  /**
   * The elbow of the inertia curve: the k farthest below the straight line from the first to the last
   * point, with both axes scaled to [0, 1] (the "kneedle" idea). Equal to `kMin` when fewer than 3 k.
   */
  elbowK: number;
  /** The fitted model for each k, in the same order as `scores`. */
  models: KMeansModel[];
  /** The model of `bestK`. */
  best: KMeansModel;
}

/**
 * Fits k-means for every k in [kMin, kMax] and scores each.
 *
 * @throws InvalidOptionError when kMin < 2, kMax < kMin, or kMax exceeds the distinct rows;
 *   InvalidInputError when X has fewer than 3 rows; the errors of {@link fitKMeans} for bad data.
 *
 * @example
 * ```ts
 * import { chooseK } from 'crm-mining';
 * const x = [[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10], [20, 0], [20, 1], [21, 0]];
 * const result = chooseK(x, { kMin: 2, kMax: 5, seed: 42 });
 * console.log(result.bestK); // 3
 * console.log(result.scores.map((s) => `${s.k}: ${s.silhouette.toFixed(2)}`).join(', '));
 * ```
 */
export function chooseK(x: MatrixInput, options: ChooseKOptions = {}): ChooseKResult {
  rejectUnknownOptions(options, CHOOSE_K_OPTION_KEYS, 'chooseK');
  const m = toMatrix(x, { name: 'X' });
  if (m.rows < 3) throw new InvalidInputError(`X: ${m.rows} row${m.rows === 1 ? '' : 's'}; choosing k needs at least 3 (k runs from 2 to n − 1)`);
  const kMin = requireInteger('kMin', options.kMin ?? 2, 2);
  const kMax = requireInteger('kMax', Math.min(options.kMax ?? 10, m.rows - 1), 2);
  if (kMax < kMin) throw new InvalidOptionError('kMax', `the range ${kMin}..${kMax} is empty (kMax is capped at n − 1 = ${m.rows - 1})`);
  const { kMin: _a, kMax: _b, silhouetteSampleSize, onProgress, ...km } = options;
  void _a;
  void _b;
  const scores: KScore[] = [];
  const models: KMeansModel[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const model = fitKMeans(m, { ...km, k });
    models.push(model);
    scores.push({
      k,
      inertia: model.inertia,
      silhouette: silhouetteScore(m, model.labels, {
        ...(silhouetteSampleSize !== undefined ? { sampleSize: silhouetteSampleSize } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
      }),
      daviesBouldin: daviesBouldin(m, model.labels),
      calinskiHarabasz: calinskiHarabasz(m, model.labels),
    });
    onProgress?.({ phase: 'choosing k', done: k - kMin + 1, total: kMax - kMin + 1 });
  }
  let bi = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i].silhouette > scores[bi].silhouette) bi = i;
  return { scores, bestK: scores[bi].k, elbowK: elbow(scores), models, best: models[bi] };
}

/**
 * The elbow of an inertia curve (see {@link ChooseKResult.elbowK}).
 *
 * @throws InvalidInputError when there are no scores, the k do not increase, or an inertia is not a
 *   finite number >= 0 (naming `scores[i]`).
 *
 * @example
 * ```ts
 * import { elbow } from 'crm-mining';
 * const scores = [
 *   { k: 1, inertia: 1000 },
 *   { k: 2, inertia: 400 },
 *   { k: 3, inertia: 120 },
 *   { k: 4, inertia: 100 },
 *   { k: 5, inertia: 90 },
 * ];
 * console.log(elbow(scores)); // 3
 * ```
 */
export function elbow(scores: readonly Pick<KScore, 'k' | 'inertia'>[]): number {
  checkScores(scores);
  if (scores.length < 3) return scores[0].k;
  const k0 = scores[0].k;
  const k1 = scores[scores.length - 1].k;
  const y0 = scores[0].inertia;
  const y1 = scores[scores.length - 1].inertia;
  const dy = y0 - y1;
  let best = scores[0].k;
  let bestGap = -Infinity;
  for (const s of scores) {
    const xn = (s.k - k0) / (k1 - k0);
    const yn = dy === 0 ? 0 : (y0 - s.inertia) / dy; // 0 at the first point, 1 at the last
    const gap = yn - xn; // how far the curve has already fallen beyond the straight line
    if (gap > bestGap) {
      bestGap = gap;
      best = s.k;
    }
  }
  return best;
}

/** At least one score; k integers in increasing order; inertia finite and >= 0 (a NaN would never be the elbow, in silence). */
function checkScores(scores: readonly Pick<KScore, 'k' | 'inertia'>[]): void {
  if (!Array.isArray(scores) || scores.length === 0) {
    throw new InvalidInputError(`elbow: scores: expected at least one { k, inertia }, got ${describe(scores)}`, { field: 'scores' });
  }
  for (let i = 0; i < scores.length; i++) {
    const { k, inertia } = scores[i] ?? {};
    if (!Number.isInteger(k) || (i > 0 && (k as number) <= scores[i - 1].k)) {
      throw new InvalidInputError(`elbow: scores[${i}].k is ${String(k)}, expected an integer above the previous k`, { row: i, field: 'k' });
    }
    if (typeof inertia !== 'number' || !Number.isFinite(inertia) || inertia < 0) {
      throw new InvalidInputError(`elbow: scores[${i}].inertia is ${String(inertia)}, expected a finite number >= 0`, { row: i, field: 'inertia' });
    }
  }
}
