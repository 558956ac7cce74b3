/**
 * Top-k ranking metrics for one ranked list against a set of relevant items (recommender and search
 * evaluation), and the beyond-accuracy measures of a set of lists: catalogue coverage, intra-list
 * diversity and novelty. Relevance is binary: an item is relevant or not. Averaging over users is the
 * caller's job (the recommender evaluation does it).
 *
 * Definitions (rel(r) = 1 when the item at rank r, 1-based, is relevant; R = number of relevant items):
 * - precision@k = Σ_{r≤k} rel(r) / k (k, not the list length, is the denominator);
 * - recall@k = Σ_{r≤k} rel(r) / R;
 * - NDCG@k = DCG@k / IDCG@k with DCG@k = Σ_{r≤k} rel(r) / log2(r + 1), IDCG the DCG of an ideal list
 *   (min(R, k) hits first);
 * - AP@k = Σ_{r≤k} rel(r)·precision@r / min(R, k) (MAP@k is its mean over users);
 * - reciprocal rank = 1 / (rank of the first relevant item), 0 when none in the list (MRR is its mean);
 * - hit@k = 1 when any of the first k items is relevant.
 * With R = 0 every metric is 0 except where noted; evaluation code normally skips such users.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe } from '../core/validate.js';

/**
 * A ranked list of item ids, best first.
 *
 * @example
 * ```ts
 * import { ndcgAtK, type RankedList } from 'crm-mining';
 * const byPopularity: RankedList = ['milk', 'bread', 'eggs'];
 * const personal: RankedList = ['coffee', 'milk', 'filters'];
 * const bought = ['coffee', 'filters'];
 * console.log(ndcgAtK(byPopularity, bought, 3), ndcgAtK(personal, bought, 3).toFixed(3)); // 0 0.920
 * ```
 */
export type RankedList = readonly string[];

/**
 * The relevant items: a set or a list of ids.
 *
 * @example
 * ```ts
 * import { precisionAtK, type RelevantItems } from 'crm-mining';
 * // a Set is the quickest to look up when the same relevant items score many lists
 * const bought: RelevantItems = new Set(['tea', 'jam']);
 * console.log(precisionAtK(['tea', 'scone'], bought, 2), precisionAtK(['jam', 'tea'], bought, 2)); // 0.5 1
 * ```
 */
export type RelevantItems = ReadonlySet<string> | readonly string[];

function relSet(relevant: RelevantItems): ReadonlySet<string> {
  if (relevant instanceof Set) return relevant;
  if (Array.isArray(relevant)) return new Set(relevant);
  throw new InvalidInputError(`relevant: expected a Set or an array of item ids, got ${describe(relevant)}`, { field: 'relevant' });
}

function checkK(k: number): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw new InvalidOptionError('k', `expected an integer >= 1, got ${describe(k)}`);
  return k;
}

function checkList(list: RankedList): RankedList {
  if (!Array.isArray(list)) throw new InvalidInputError(`ranked list: expected an array of item ids, got ${describe(list)}`, { field: 'recommended' });
  return list;
}

/**
 * precision@k: the share of the first k positions holding a relevant item.
 *
 * @example
 * ```ts
 * import { precisionAtK } from 'crm-mining';
 * const recommended = ['p1', 'p7', 'p3', 'p9', 'p4'];
 * console.log(precisionAtK(recommended, ['p3', 'p4', 'p8'], 4)); // 0.25: one of the first 4 is relevant
 * ```
 */
export function precisionAtK(recommended: RankedList, relevant: RelevantItems, k: number): number {
  checkK(k);
  const rel = relSet(relevant);
  const list = checkList(recommended);
  let hits = 0;
  for (let r = 0; r < Math.min(k, list.length); r++) if (rel.has(list[r])) hits++;
  return hits / k;
}

/**
 * recall@k: the share of relevant items found in the first k (0 when there are none).
 *
 * @example
 * ```ts
 * import { recallAtK } from 'crm-mining';
 * const recommended = ['p1', 'p7', 'p3', 'p9', 'p4'];
 * console.log(recallAtK(recommended, new Set(['p3', 'p4', 'p8']), 5).toFixed(3)); // 0.667: 2 of the 3 relevant items
 * ```
 */
export function recallAtK(recommended: RankedList, relevant: RelevantItems, k: number): number {
  checkK(k);
  const rel = relSet(relevant);
  if (rel.size === 0) return 0;
  const list = checkList(recommended);
  let hits = 0;
  for (let r = 0; r < Math.min(k, list.length); r++) if (rel.has(list[r])) hits++;
  return hits / rel.size;
}

/**
 * NDCG@k with binary gains and log2(rank + 1) discounts (0 when there are no relevant items).
 *
 * @example
 * ```ts
 * import { ndcgAtK } from 'crm-mining';
 * console.log(ndcgAtK(['a', 'x', 'b'], ['a', 'b'], 3).toFixed(4)); // 0.9197: b at rank 3 instead of 2
 * console.log(ndcgAtK(['a', 'b', 'x'], ['a', 'b'], 3)); // 1
 * ```
 */
export function ndcgAtK(recommended: RankedList, relevant: RelevantItems, k: number): number {
  checkK(k);
  const rel = relSet(relevant);
  if (rel.size === 0) return 0;
  const list = checkList(recommended);
  let dcg = 0;
  for (let r = 0; r < Math.min(k, list.length); r++) if (rel.has(list[r])) dcg += 1 / Math.log2(r + 2);
  let idcg = 0;
  for (let r = 0; r < Math.min(k, rel.size); r++) idcg += 1 / Math.log2(r + 2);
  return dcg / idcg;
}

/**
 * AP@k: mean of precision@r over the ranks r ≤ k of relevant items, divided by min(R, k).
 *
 * @example
 * ```ts
 * import { averagePrecisionAtK } from 'crm-mining';
 * // hits at ranks 1 and 3: (1/1 + 2/3) / min(2, 5)
 * console.log(averagePrecisionAtK(['a', 'x', 'b', 'y', 'z'], ['a', 'b'], 5).toFixed(4)); // 0.8333
 * ```
 */
export function averagePrecisionAtK(recommended: RankedList, relevant: RelevantItems, k: number): number {
  checkK(k);
  const rel = relSet(relevant);
  if (rel.size === 0) return 0;
  const list = checkList(recommended);
  let hits = 0;
  let sum = 0;
  for (let r = 0; r < Math.min(k, list.length); r++) {
    if (rel.has(list[r])) {
      hits++;
      sum += hits / (r + 1);
    }
  }
  return sum / Math.min(rel.size, k);
}

/**
 * 1 / (rank of the first relevant item) over the whole list; 0 when none is relevant.
 *
 * @example
 * ```ts
 * import { reciprocalRank } from 'crm-mining';
 * console.log(reciprocalRank(['x', 'y', 'a'], ['a', 'b'])); // 0.3333333333333333: the first hit is at rank 3
 * console.log(reciprocalRank(['x', 'y'], ['a'])); // 0
 * ```
 */
export function reciprocalRank(recommended: RankedList, relevant: RelevantItems): number {
  const rel = relSet(relevant);
  const list = checkList(recommended);
  for (let r = 0; r < list.length; r++) if (rel.has(list[r])) return 1 / (r + 1);
  return 0;
}

/**
 * 1 when any of the first k items is relevant, else 0.
 *
 * @example
 * ```ts
 * import { hitAtK } from 'crm-mining';
 * // hit rate@3 over users: the mean of hitAtK
 * const users = [
 *   { recommended: ['a', 'b', 'c'], bought: ['c'] },
 *   { recommended: ['d', 'e', 'f'], bought: ['z'] },
 * ];
 * console.log(users.reduce((s, u) => s + hitAtK(u.recommended, u.bought, 3), 0) / users.length); // 0.5
 * ```
 */
export function hitAtK(recommended: RankedList, relevant: RelevantItems, k: number): number {
  checkK(k);
  const rel = relSet(relevant);
  const list = checkList(recommended);
  for (let r = 0; r < Math.min(k, list.length); r++) if (rel.has(list[r])) return 1;
  return 0;
}

/**
 * Catalogue coverage: the share of the catalogue that appears in at least one of the lists.
 *
 * @param lists - the recommendation lists (one per user).
 * @param catalogueSize - the number of items that could have been recommended (> 0).
 *
 * @example
 * ```ts
 * import { catalogueCoverage } from 'crm-mining';
 * const lists = [['a', 'b'], ['a', 'c'], ['b', 'a']];
 * console.log(catalogueCoverage(lists, 10)); // 0.3: 3 of 10 products are ever recommended
 * ```
 */
export function catalogueCoverage(lists: readonly RankedList[], catalogueSize: number): number {
  if (typeof catalogueSize !== 'number' || !(catalogueSize > 0) || !Number.isInteger(catalogueSize)) {
    throw new InvalidOptionError('catalogueSize', `expected an integer >= 1, got ${describe(catalogueSize)}`);
  }
  const seen = new Set<string>();
  for (const l of lists) for (const it of checkList(l)) seen.add(it);
  return seen.size / catalogueSize;
}

/**
 * Intra-list diversity: the mean pairwise distance between the items of one list (Ziegler et al. 2005);
 * 0 for lists shorter than 2.
 *
 * @param list - one recommendation list.
 * @param distance - a distance between two items, typically 1 − similarity, in [0, 1].
 * @throws InvalidInputError when the distance returns a non-finite number.
 *
 * @example
 * ```ts
 * import { intraListDiversity } from 'crm-mining';
 * const category: Record<string, string> = { tea: 'drinks', coffee: 'drinks', scone: 'bakery' };
 * const distance = (a: string, b: string) => (category[a] === category[b] ? 0 : 1);
 * console.log(intraListDiversity(['tea', 'coffee', 'scone'], distance).toFixed(4)); // 0.6667: 2 of 3 pairs differ
 * ```
 */
export function intraListDiversity(list: RankedList, distance: (a: string, b: string) => number): number {
  checkList(list);
  const n = list.length;
  if (n < 2) return 0;
  let s = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const d = distance(list[a], list[b]);
      if (typeof d !== 'number' || !Number.isFinite(d)) {
        throw new InvalidInputError(`intraListDiversity: distance(${describe(list[a])}, ${describe(list[b])}) is ${describe(d)}, expected a finite number`);
      }
      s += d;
    }
  }
  return s / ((n * (n - 1)) / 2);
}

/**
 * Novelty of a list: the mean self-information −log2(p_i) of its items, with p_i the share of users who
 * consumed item i (Zhou et al. 2010). Items unseen in training count as consumed by one user, so the
 * value stays finite.
 *
 * @param list - one recommendation list.
 * @param popularity - the number of users who consumed each item.
 * @param nUsers - the number of users (> 0).
 * @throws InvalidOptionError when `nUsers` is not a finite number > 0; InvalidInputError naming an item of
 *   the list whose popularity is not a count in [0, nUsers].
 *
 * @example
 * ```ts
 * import { novelty } from 'crm-mining';
 * const buyers = new Map([['bestseller', 50], ['niche', 2]]);
 * console.log(novelty(['bestseller'], buyers, 100)); // 1: −log2(50/100)
 * console.log(novelty(['niche'], buyers, 100).toFixed(3)); // 5.644: rarer items are more novel
 * ```
 */
export function novelty(list: RankedList, popularity: ReadonlyMap<string, number>, nUsers: number): number {
  checkList(list);
  if (!(nUsers > 0) || nUsers === Infinity) throw new InvalidOptionError('nUsers', `expected a finite number > 0, got ${describe(nUsers)}`);
  if (list.length === 0) return 0;
  let s = 0;
  for (const it of list) {
    const count = popularity.get(it) ?? 0;
    if (typeof count !== 'number' || !(count >= 0 && count <= nUsers)) {
      throw new InvalidInputError(`popularity: item ${JSON.stringify(it)} has ${describe(count)}, expected a count in [0, nUsers = ${nUsers}]`, { field: 'popularity' });
    }
    const c = Math.max(1, count);
    s += -Math.log2(Math.min(1, c / nUsers));
  }
  return s / list.length;
}
