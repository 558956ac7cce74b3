/**
 * Pieces shared by the collaborative recommenders: resolving who to recommend for and which items are
 * allowed, top-k selection over typed arrays, the unknown-user/item policy and rating clipping.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../../core/errors.js';
import { describe } from '../../core/validate.js';
import { allowedItems, resolveK, topK as topKAtLeast } from '../request.js';
import type { Interactions } from '../interactions.js';
import type { Recommendation, RecommendFor, RecommendOptions } from '../types.js';

/**
 * What to do with a user or item the training data does not know (or that has no training entries):
 * `'fallback'` answers with the family's documented fallback, `'error'` throws an {@link InvalidInputError}
 * naming the id.
 *
 * @example
 * ```ts
 * import { BaselineRecommender, Interactions, InvalidInputError, type UnknownPolicy } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'm1', value: 4 }, { user: 'b', item: 'm1', value: 2 }]);
 * const unknown: UnknownPolicy = 'error';
 * const strict = BaselineRecommender.fit(data, { unknown });
 * try {
 *   strict.predict('zoe', 'm1');
 * } catch (err) {
 *   console.log(err instanceof InvalidInputError); // true: the message names 'zoe'
 * }
 * console.log(BaselineRecommender.fit(data).predict('zoe', 'm1') > 0); // true: the fallback (item baseline)
 * ```
 */
export type UnknownPolicy = 'fallback' | 'error';

/**
 * Options every collaborative recommender accepts.
 *
 * @example
 * ```ts
 * import { fitUserKnn, Interactions, type CollaborativeOptions } from 'crm-mining';
 * const options: CollaborativeOptions = { unknown: 'fallback' };
 * const data = Interactions.fromRecords([{ user: 'a', item: 'm1', value: 4 }, { user: 'b', item: 'm1', value: 2 }, { user: 'b', item: 'm2', value: 5 }]);
 * const knn = fitUserKnn(data, options);
 * console.log(knn.recommend('new-user', { k: 1 }).length); // 1: an unknown user still gets an answer
 * ```
 */
export interface CollaborativeOptions {
  /** Unknown users and items: fallback or a typed error (default `'fallback'`). */
  unknown?: UnknownPolicy;
}

/**
 * A rating predictor that can also predict many pairs at once (faster for evaluation).
 *
 * @example
 * ```ts
 * import { Interactions, SvdRecommender, type BatchPredictor } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'a', item: 'm1', value: 4 }, { user: 'b', item: 'm2', value: 2 }, { user: 'b', item: 'm1', value: 3 }]);
 * const svd: BatchPredictor = SvdRecommender.fit(data, { seed: 1, epochs: 5 });
 * // one call for a whole test set: faster than predict() pair by pair
 * console.log(svd.predictMany(['a', 'b'], ['m2', 'm1']).length); // 2
 * ```
 */
export interface BatchPredictor {
  /**
   * Predicted ratings for the pairs `(users[k], items[k])`, same rules as `predict`.
   *
   * @param users - user ids.
   * @param items - item ids, as many as users.
   */
  predictMany(users: readonly string[], items: readonly string[]): Float64Array;
}

/** Resolves the unknown-policy option. @internal */
export function resolveUnknown(v: unknown): UnknownPolicy {
  if (v === undefined) return 'fallback';
  if (v !== 'fallback' && v !== 'error') throw new InvalidOptionError('unknown', `expected 'fallback' or 'error', got ${describe(v)}`);
  return v;
}

/** The request resolved against the training data. @internal */
export interface ResolvedRequest {
  /** The user index, or -1 when the user is unknown or has no training entries. */
  user: number;
  /** Profile items (indices) and values, when the request gave a profile with items the catalogue knows. */
  profileItems: Int32Array;
  /** Values of the profile items (ratings, or 1 for a plain list). */
  profileValues: Float64Array;
  /** 1 where an item may be returned. */
  allowed: Uint8Array;
  /** How many to return. */
  k: number;
}

/**
 * Resolves the user or profile, the exclusions (default: consumed items and the profile's items) and the
 * candidates into an allowed-items mask. `where` is the method the request was given to, as the errors
 * name it (e.g. `'SvdRecommender.recommend'`). @internal
 */
export function resolveRequest(
  data: Interactions,
  forWhom: RecommendFor,
  options: RecommendOptions | undefined,
  unknown: UnknownPolicy,
  where: string,
): ResolvedRequest {
  const k = resolveK(options, where);
  let userId: string | undefined;
  let profileItems: Int32Array = new Int32Array(0);
  let profileValues: Float64Array = new Float64Array(0);
  if (typeof forWhom === 'string') userId = forWhom;
  else if (forWhom !== null && typeof forWhom === 'object') {
    if (forWhom.user !== undefined) {
      if (typeof forWhom.user !== 'string') throw new InvalidInputError(`${where}: profile.user: expected a string, got ${describe(forWhom.user)}`, { field: 'user' });
      userId = forWhom.user;
    }
    if (forWhom.items !== undefined) {
      const idx: number[] = [];
      const val: number[] = [];
      const push = (id: string, v: number): void => {
        const i = data.items.indexOf(String(id));
        if (i >= 0) {
          idx.push(i);
          val.push(v);
        }
      };
      if (Array.isArray(forWhom.items)) for (const id of forWhom.items as readonly string[]) push(id, 1);
      else {
        for (const [id, v] of Object.entries(forWhom.items as Record<string, number>)) {
          if (typeof v !== 'number' || !Number.isFinite(v)) {
            throw new InvalidInputError(`${where}: profile.items: the value of ${describe(id)} is ${describe(v)}, expected a finite number`, { field: 'items' });
          }
          push(id, v);
        }
      }
      profileItems = Int32Array.from(idx);
      profileValues = Float64Array.from(val);
    }
  } else {
    throw new InvalidInputError(`${where}: expected a user id or a profile object, got ${describe(forWhom)}`, { field: 'user' });
  }
  let user = -1;
  if (userId !== undefined) {
    user = data.users.indexOf(userId);
    if (user >= 0 && data.userCount(user) === 0) user = -1;
    if (user < 0 && unknown === 'error') {
      throw new InvalidInputError(`${where}: unknown user ${describe(userId)}: it has no training interactions (option unknown: 'fallback' recommends anyway)`, {
        field: 'user',
      });
    }
  }
  const consumed: number[] = [];
  if (user >= 0) for (let e = data.userPtr[user]; e < data.userPtr[user + 1]; e++) consumed.push(data.userItems[e]);
  for (let q = 0; q < profileItems.length; q++) consumed.push(profileItems[q]);
  const allowed = allowedItems(data.items, options, consumed);
  // Items with no training entries are not part of the catalogue a collaborative model can rank.
  for (let i = 0; i < data.nItems; i++) if (allowed[i] && data.itemPtr[i + 1] === data.itemPtr[i]) allowed[i] = 0;
  return { user, profileItems, profileValues, allowed, k };
}

/**
 * The indices of the k best allowed scores, best first; ties broken by the smaller index. Scores that are
 * NaN or -Infinity are never returned. @internal
 */
export function topK(scores: Float64Array, allowed: Uint8Array, k: number): Int32Array {
  return topKAtLeast(scores, allowed, k, -Number.MAX_VALUE);
}

/** Item popularity (number of users with an entry) per item index. @internal */
export function itemPopularity(data: Interactions): Float64Array {
  const out = new Float64Array(data.nItems);
  for (let i = 0; i < data.nItems; i++) out[i] = data.itemPtr[i + 1] - data.itemPtr[i];
  return out;
}

/** The fallback recommendation for a user nobody knows: the most popular allowed items. @internal */
export function popularFallback(data: Interactions, req: ResolvedRequest): Recommendation[] {
  const pop = itemPopularity(data);
  const top = topK(pop, req.allowed, req.k);
  return Array.from(top, (i) => ({
    item: data.items.ids[i],
    score: pop[i],
    reason: `popular: ${pop[i]} users (no history for this user)`,
  }));
}

/** Clips a rating to the scale. @internal */
export function clip(v: number, min: number, max: number): number {
  return v < min ? min : v > max ? max : v;
}

/**
 * Looks up a (user, item) pair; -1 for unknown or entry-less ones, or throws under the 'error' policy.
 * `where` names the method in the errors (e.g. `'SvdRecommender.predict'`). @internal
 */
export function lookupPair(data: Interactions, user: string, item: string, unknown: UnknownPolicy, where: string): [number, number] {
  if (typeof user !== 'string') throw new InvalidInputError(`${where}: user must be a string id, got ${describe(user)}`, { field: 'user' });
  if (typeof item !== 'string') throw new InvalidInputError(`${where}: item must be a string id, got ${describe(item)}`, { field: 'item' });
  let u = data.users.indexOf(user);
  let i = data.items.indexOf(item);
  if (u >= 0 && data.userCount(u) === 0) u = -1;
  if (i >= 0 && data.itemCount(i) === 0) i = -1;
  if (unknown === 'error') {
    if (u < 0) throw new InvalidInputError(`${where}: unknown user ${describe(user)}: no training ratings (option unknown: 'fallback' predicts anyway)`, { field: 'user' });
    if (i < 0) throw new InvalidInputError(`${where}: unknown item ${describe(item)}: no training ratings (option unknown: 'fallback' predicts anyway)`, { field: 'item' });
  }
  return [u, i];
}

/** Formats a rating for a reason text (at most two decimals). @internal */
export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Checks that the training data is usable; `who` names the function in the errors. @internal */
export function requireTraining(data: Interactions, who: string, explicit = false): void {
  if (!data || typeof data !== 'object' || typeof (data as Interactions).nnz !== 'number') {
    throw new InvalidInputError(`${who}: data: expected an Interactions object (see Interactions.fromRecords / readInteractions), got ${describe(data)}`, { field: 'data' });
  }
  if (data.nnz === 0) throw new InvalidInputError(`${who}: data: the training data is empty; expected at least one interaction`, { field: 'data' });
  if (explicit && data.kind !== 'explicit') {
    throw new InvalidInputError(`${who}: data: needs explicit ratings, got implicit feedback (use 'als' or 'popularity' for implicit data)`, { field: 'data' });
  }
}

/** Checks a positive integer option. @internal */
export function posInt(name: string, v: unknown, def: number, min = 1): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new InvalidOptionError(name, `expected an integer >= ${min}, got ${describe(v)}`);
  return v;
}

/** Checks a non-negative finite number option. @internal */
export function nonNeg(name: string, v: unknown, def: number): number {
  if (v === undefined) return def;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InvalidOptionError(name, `expected a finite number >= 0, got ${describe(v)}`);
  return v;
}

/** Checks a serialised model tag. @internal */
export function checkJSON(json: unknown, type: string): Record<string, unknown> {
  if (!json || typeof json !== 'object' || (json as { type?: unknown }).type !== type) {
    throw new InvalidInputError(`expected the JSON of a ${type} recommender (type: "${type}")`);
  }
  return json as Record<string, unknown>;
}
