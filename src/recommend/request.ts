/**
 * What every recommender family in this folder does the same way: reading `k`, `exclude` and
 * `candidates` of a {@link RecommendOptions}, an item catalogue (id ↔ index), a user's history as given
 * by the caller, and the top-k selection over a score array.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions } from '../core/validate.js';
import { Interactions } from './interactions.js';
import type { ItemLabels, RecommendFor, RecommendOptions, RecommenderProfile } from './types.js';

/** The default of {@link RecommendOptions.k}. */
export const DEFAULT_K = 10;

/**
 * One user–item event of a history: the user consumed (bought, clicked, rated) the item, with an
 * optional explicit rating. Families that only need "who consumed what" ignore the rating.
 *
 * @example
 * ```ts
 * import { ContentRecommender, type HistoryRecord } from 'crm-mining';
 * const history: HistoryRecord[] = [
 *   { user: 'ann', item: 'heat', rating: 5 },
 *   { user: 'ann', item: 'amelie', rating: 2 },
 * ];
 * const items = [
 *   { id: 'heat', tags: ['crime', 'thriller'] },
 *   { id: 'amelie', tags: ['romance', 'comedy'] },
 *   { id: 'ronin', tags: ['crime', 'action'] },
 * ];
 * const rec = ContentRecommender.fit(items, history);
 * console.log(rec.recommend('ann', { k: 1 })[0].item); // ronin
 * ```
 */
export interface HistoryRecord {
  /** The user's id. */
  readonly user: string;
  /** The item's id. */
  readonly item: string;
  /** An explicit rating (any finite number), or absent for implicit feedback. */
  readonly rating?: number | null;
}

/**
 * A history as the content-based and demographic families accept it: an {@link Interactions} (explicit
 * values are ratings; implicit values, counts, count as consumption without a rating), an array of
 * {@link HistoryRecord}s, or a map from user id to the items they consumed (an array of ids, or a record
 * of item → rating). Duplicate (user, item) pairs in records: the last one wins.
 *
 * @example
 * ```ts
 * import type { HistoryInput } from 'crm-mining';
 * // two of the three ways to say who consumed what (the third: an Interactions)
 * const asMap: HistoryInput = { ann: ['TV', 'DSL'], bob: { TV: 4 } };
 * const asRecords: HistoryInput = [{ user: 'ann', item: 'TV' }, { user: 'ann', item: 'DSL' }, { user: 'bob', item: 'TV', rating: 4 }];
 * console.log(Object.keys(asMap).length, asRecords.length); // 2 3
 * ```
 */
export type HistoryInput =
  | Interactions
  | readonly HistoryRecord[]
  | Readonly<Record<string, readonly string[] | Readonly<Record<string, number>>>>;

/** A user's consumed items (catalogue indices) with their ratings (NaN where none was given). */
export interface UserHistory {
  /** Indices into the catalogue, in first-seen order. */
  readonly items: Int32Array;
  /** The ratings, aligned with `items`; NaN for implicit feedback. */
  readonly ratings: Float64Array;
}

/**
 * Item ids ↔ dense indices 0..n−1, in first-seen order.
 *
 * @example
 * ```ts
 * import { ItemCatalogue } from 'crm-mining';
 * const catalogue = new ItemCatalogue(['DSL', 'Fiber', 'TV']);
 * console.log(catalogue.size, catalogue.indexOf('TV'), catalogue.indexOf('Radio')); // 3 2 undefined
 * ```
 */
export class ItemCatalogue {
  /** The item ids, by index. */
  readonly ids: readonly string[];
  private readonly index: Map<string, number>;

  /** @param ids - distinct item ids. @throws InvalidInputError on a duplicate or a non-string id. */
  constructor(ids: readonly string[], what = 'items') {
    const index = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (typeof id !== 'string' || id.length === 0) {
        throw new InvalidInputError(`${what}[${i}]: expected a non-empty string id, got ${describe(id)}`, { row: i, field: 'id' });
      }
      if (index.has(id)) throw new InvalidInputError(`${what}[${i}]: duplicate item id ${JSON.stringify(id)}`, { row: i, field: 'id' });
      index.set(id, i);
    }
    this.ids = Object.freeze(ids.slice());
    this.index = index;
  }

  /** The number of items. */
  get size(): number {
    return this.ids.length;
  }

  /** The index of an item, or `undefined` when unknown. */
  indexOf(id: string): number | undefined {
    return this.index.get(id);
  }
}

/** The keys of {@link RecommendOptions}: every recommender's `recommend` rejects any other key. */
export const RECOMMEND_OPTION_KEYS = optionKeys<RecommendOptions>({ k: true, exclude: true, candidates: true, itemLabels: true });

/**
 * How a reason writes an item: its label from {@link RecommendOptions.itemLabels}, or its id when the
 * option is absent or gives no label (`undefined`, `null` or `''`). Every family that names items in a
 * reason writes them through this function, so labels work the same way everywhere. Labels are looked
 * up (and checked) only for the items a reason names.
 *
 * @throws InvalidOptionError when `itemLabels` is neither a Map nor a function (at once), or when it gives
 *   an item a label that is not a string (when that item is named), naming `where` and the id.
 */
export function itemNamer(options: RecommendOptions | undefined, where: string): (id: string) => string {
  const labels: ItemLabels | undefined = options?.itemLabels;
  if (labels === undefined) return (id) => id;
  let lookup: (id: string) => unknown;
  if (typeof labels === 'function') lookup = labels;
  else if (labels !== null && typeof labels === 'object' && typeof (labels as { get?: unknown }).get === 'function') lookup = (id) => labels.get(id);
  else {
    throw new InvalidOptionError('itemLabels', `${where}(): expected a Map of item id → label or a function (id) => label, got ${describe(labels)}`);
  }
  return (id) => {
    const label = lookup(id);
    if (label === undefined || label === null || label === '') return id;
    if (typeof label !== 'string') {
      throw new InvalidOptionError('itemLabels', `${where}(): the label of item ${JSON.stringify(id)} is ${describe(label)}; expected a string (or undefined for none)`);
    }
    return label;
  };
}

/**
 * Checks the option keys, `itemLabels` (see {@link itemNamer}) and `k` (default {@link DEFAULT_K}): an
 * integer ≥ 1. `where` is the method the options were given to, as the errors name it (e.g.
 * `'SvdRecommender.recommend'`).
 */
export function resolveK(options: RecommendOptions | undefined, where: string): number {
  rejectUnknownOptions(options, RECOMMEND_OPTION_KEYS, where);
  itemNamer(options, where);
  const k = options?.k ?? DEFAULT_K;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
    throw new InvalidOptionError('k', `${where}(): expected an integer >= 1, got ${describe(k)}`);
  }
  return k;
}

function iterableOf(name: string, value: unknown): Iterable<unknown> {
  if (typeof value === 'string' || value === null || typeof value !== 'object' || !(Symbol.iterator in value)) {
    throw new InvalidOptionError(name, `expected an iterable of item ids (an array or a Set), got ${describe(value)}`);
  }
  return value as Iterable<unknown>;
}

/**
 * What {@link allowedItems} needs of a catalogue: its size and an id → index lookup that answers
 * `undefined` or -1 for an unknown id (an {@link ItemCatalogue}, or the item `IdMap` of an `Interactions`).
 */
export interface ItemLookup {
  /** The number of items. */
  readonly size: number;
  /** The index of an item id, or `undefined` / -1 when unknown. */
  indexOf(id: string): number | undefined;
}

/**
 * The mask of items a request may return: `candidates` (default all) minus `exclude` (default
 * `defaultExclude`). Unknown ids in either list are ignored: an unknown candidate cannot be scored and
 * an unknown excluded item cannot be returned anyway.
 *
 * @throws InvalidOptionError when `exclude` or `candidates` is not an iterable of strings.
 */
export function allowedItems(catalogue: ItemLookup, options: RecommendOptions | undefined, defaultExclude: Iterable<number>): Uint8Array {
  const n = catalogue.size;
  const allowed = new Uint8Array(n);
  if (options?.candidates !== undefined) {
    for (const id of iterableOf('candidates', options.candidates)) {
      if (typeof id !== 'string') throw new InvalidOptionError('candidates', `expected item ids (strings), got ${describe(id)}`);
      const i = catalogue.indexOf(id);
      if (i !== undefined && i >= 0) allowed[i] = 1;
    }
  } else {
    allowed.fill(1);
  }
  if (options?.exclude !== undefined) {
    for (const id of iterableOf('exclude', options.exclude)) {
      if (typeof id !== 'string') throw new InvalidOptionError('exclude', `expected item ids (strings), got ${describe(id)}`);
      const i = catalogue.indexOf(id);
      if (i !== undefined && i >= 0) allowed[i] = 0;
    }
  } else {
    for (const i of defaultExclude) allowed[i] = 0;
  }
  return allowed;
}

/**
 * The indices of the (at most) `k` allowed items with the highest scores, best first; ties go to the
 * lower index (the catalogue's order). Items whose score is NaN or below `minScore` are skipped.
 * A bounded binary min-heap over typed arrays: O(n log k).
 */
export function topK(scores: Float64Array, allowed: Uint8Array, k: number, minScore = -Infinity): Int32Array {
  const heapIdx = new Int32Array(k);
  const heapVal = new Float64Array(k);
  let size = 0;
  // "worse" = lower score, or equal score and higher index.
  const worse = (va: number, ia: number, vb: number, ib: number): boolean => va < vb || (va === vb && ia > ib);
  const n = scores.length;
  for (let i = 0; i < n; i++) {
    if (allowed[i] === 0) continue;
    const v = scores[i];
    if (!(v >= minScore)) continue;
    if (size < k) {
      let c = size++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(v, i, heapVal[p], heapIdx[p])) break;
        heapVal[c] = heapVal[p];
        heapIdx[c] = heapIdx[p];
        c = p;
      }
      heapVal[c] = v;
      heapIdx[c] = i;
    } else if (worse(heapVal[0], heapIdx[0], v, i)) {
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && worse(heapVal[r], heapIdx[r], heapVal[l], heapIdx[l]) ? r : l;
        if (!worse(heapVal[m], heapIdx[m], v, i)) break;
        heapVal[c] = heapVal[m];
        heapIdx[c] = heapIdx[m];
        c = m;
      }
      heapVal[c] = v;
      heapIdx[c] = i;
    }
  }
  const out = Array.from(heapIdx.subarray(0, size));
  out.sort((a, b) => (scores[b] !== scores[a] ? scores[b] - scores[a] : a - b));
  return Int32Array.from(out);
}

/** The profile form of a request (a bare user id becomes `{ user }`). */
export function asProfile(forWhom: RecommendFor): RecommenderProfile {
  if (typeof forWhom === 'string') return { user: forWhom };
  if (forWhom === null || typeof forWhom !== 'object') {
    throw new InvalidInputError(`forWhom: expected a user id (string) or a profile object, got ${describe(forWhom)}`, { field: 'forWhom' });
  }
  return forWhom;
}

/**
 * The items of a profile as (id, rating) pairs: an array gives NaN ratings (implicit), a record gives
 * its numbers. Unknown items are kept (the caller decides).
 *
 * @throws InvalidInputError when `items` is neither an array of strings nor a record of finite numbers.
 */
export function profileItems(profile: RecommenderProfile): { ids: string[]; ratings: number[] } {
  const items = profile.items;
  const ids: string[] = [];
  const ratings: number[] = [];
  if (items === undefined) return { ids, ratings };
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) {
      const id: unknown = items[i];
      if (typeof id !== 'string') throw new InvalidInputError(`profile.items[${i}]: expected an item id (string), got ${describe(id)}`, { field: 'items' });
      ids.push(id);
      ratings.push(NaN);
    }
    return { ids, ratings };
  }
  if (typeof items !== 'object' || items === null) {
    throw new InvalidInputError(`profile.items: expected an array of item ids or a record of item → rating, got ${describe(items)}`, { field: 'items' });
  }
  for (const [id, r] of Object.entries(items as Record<string, unknown>)) {
    if (typeof r !== 'number' || !Number.isFinite(r)) {
      throw new InvalidInputError(`profile.items[${JSON.stringify(id)}]: expected a finite rating, got ${describe(r)}`, { field: 'items' });
    }
    ids.push(id);
    ratings.push(r);
  }
  return { ids, ratings };
}

/**
 * Reads a {@link HistoryInput} into per-user lists of (item id, rating) pairs, in first-seen order;
 * a repeated (user, item) pair keeps its first position and its last rating.
 *
 * @throws InvalidInputError naming the record or user at fault.
 */
export function readHistory(input: HistoryInput, name = 'history'): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  const add = (user: string, item: string, rating: number): void => {
    let m = out.get(user);
    if (m === undefined) out.set(user, (m = new Map()));
    m.set(item, rating);
  };
  if (input instanceof Interactions) {
    const explicit = input.kind === 'explicit';
    for (let u = 0; u < input.nUsers; u++) {
      const user = input.users.id(u);
      if (input.userPtr[u + 1] === input.userPtr[u]) continue;
      for (let q = input.userPtr[u]; q < input.userPtr[u + 1]; q++) {
        add(user, input.items.id(input.userItems[q]), explicit ? input.userValues[q] : NaN);
      }
    }
    return out;
  }
  if (Array.isArray(input)) {
    for (let r = 0; r < input.length; r++) {
      const rec: unknown = input[r];
      if (rec === null || typeof rec !== 'object') throw new InvalidInputError(`${name}[${r}]: expected { user, item, rating? }, got ${describe(rec)}`, { row: r });
      const { user, item, rating } = rec as { user: unknown; item: unknown; rating?: unknown };
      if (typeof user !== 'string' || user.length === 0) throw new InvalidInputError(`${name}[${r}].user: expected a non-empty string, got ${describe(user)}`, { row: r, field: 'user' });
      if (typeof item !== 'string' || item.length === 0) throw new InvalidInputError(`${name}[${r}].item: expected a non-empty string, got ${describe(item)}`, { row: r, field: 'item' });
      if (rating !== undefined && rating !== null && (typeof rating !== 'number' || !Number.isFinite(rating))) {
        throw new InvalidInputError(`${name}[${r}].rating: expected a finite number or nothing, got ${describe(rating)}`, { row: r, field: 'rating' });
      }
      add(user, item, typeof rating === 'number' ? rating : NaN);
    }
    return out;
  }
  if (input === null || typeof input !== 'object') {
    throw new InvalidInputError(`${name}: expected an array of { user, item, rating? } or a record of user → items, got ${describe(input)}`, { field: name });
  }
  for (const [user, items] of Object.entries(input)) {
    const parsed = profileItems({ items: items as RecommenderProfile['items'] });
    for (let i = 0; i < parsed.ids.length; i++) add(user, parsed.ids[i], parsed.ratings[i]);
    if (parsed.ids.length === 0 && !out.has(user)) out.set(user, new Map());
  }
  return out;
}

/** A history as records (for JSON) and each user's consumed catalogue indices (unknown items skipped). */
export function consumedByUser(history: HistoryInput | undefined, catalogue: ItemCatalogue): { records: HistoryRecord[]; consumed: Map<string, number[]> } {
  const records: HistoryRecord[] = [];
  const consumed = new Map<string, number[]>();
  if (history === undefined) return { records, consumed };
  for (const [user, m] of readHistory(history)) {
    const list: number[] = [];
    for (const [item, rating] of m) {
      records.push(Number.isNaN(rating) ? { user, item } : { user, item, rating });
      const i = catalogue.indexOf(item);
      if (i !== undefined) list.push(i);
    }
    consumed.set(user, list);
  }
  return { records, consumed };
}

/** A number with at most 3 significant digits, for reasons (`0.714`, `12.3`, `1500`). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 0.001) return x.toExponential(2);
  return String(Number(x.toPrecision(3)));
}
