/**
 * The one contract every recommender family implements.
 *
 * A recommender is fitted on the data its family needs (interactions, item features, user attributes, a
 * utility specification or requirements) and then answers, for one user or user profile, the top-k items
 * with a score and a short human-readable reason, leaving out the items the caller excludes (by default
 * those the user already consumed). Families that can estimate a rating also implement
 * {@link RatingPredictor}. A hybrid is itself a {@link Recommender} built from others.
 *
 * @module
 */

/** One recommended item. */
export interface Recommendation {
  /** The item's id, as in the input data. */
  item: string;
  /** The family's score: higher is better. Comparable within one call; families document their scale. */
  score: number;
  /** A short, human-readable reason, e.g. `"customers who bought DSL also bought OnlineBackup (confidence 0.71)"`. */
  reason: string;
}

/** Options of {@link Recommender.recommend}. */
export interface RecommendOptions {
  /** How many items at most (default 10). */
  k?: number;
  /**
   * Items never to return. Default: the items the user already consumed in the training data (for a
   * user id), or those listed in the profile. Pass an empty array to allow consumed items.
   */
  exclude?: Iterable<string>;
  /** When given, only these items are considered. Default: the whole catalogue the recommender knows. */
  candidates?: Iterable<string>;
}

/**
 * Who to recommend for: a known user id (a string), or a profile a family understands (for example the
 * items in a basket, stated requirements, or attributes of a new user). Each family documents the
 * profiles it accepts.
 */
export type RecommendFor = string | RecommenderProfile;

/** A profile for a user the recommender may not know: any of these fields, as the family needs. */
export interface RecommenderProfile {
  /** A user id, when the user is known. */
  user?: string;
  /** Items the user consumed or holds (a basket, a history), optionally with ratings. */
  items?: readonly string[] | Readonly<Record<string, number>>;
  /** The user's attributes (demographic families). */
  attributes?: Readonly<Record<string, string | number | boolean | null>>;
}

/** The contract of every recommender family. Fitted recommenders are immutable. */
export interface Recommender {
  /** The family's name, e.g. `'item-knn'`, `'svd'`, `'content'`, `'hybrid'`. */
  readonly name: string;
  /** The top-k items for a user or profile, best first, never an excluded item. */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[];
  /** A JSON-serialisable form; the family's static `fromJSON` restores an identical recommender. */
  toJSON(): unknown;
}

/** A recommender that can also estimate a rating. */
export interface RatingPredictor extends Recommender {
  /**
   * The estimated rating of `item` by `user`, on the training data's scale (clipped to it). Unknown users
   * or items get the family's documented fallback (or a typed error when the family is asked to be strict).
   */
  predict(user: string, item: string): number;
}

/** Whether a recommender can predict ratings. */
export function canPredict(r: Recommender): r is RatingPredictor {
  return typeof (r as Partial<RatingPredictor>).predict === 'function';
}
