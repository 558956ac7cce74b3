/**
 * Content-based recommending: items are described by their features (categorical attributes, tags and
 * the words of a text), a user's profile is the weighted mean of the feature vectors of the items they
 * consumed, and items are scored by the cosine between the profile and their vector.
 *
 * Item vector: three blocks, each scaled to unit length and then multiplied by its weight
 * ({@link ContentOptions.weights}): categorical attributes one-hot (`genre=Drama` is 1), tags one-hot,
 * and the text's TF-IDF weights ({@link tfidf}: raw count × ln(N / df)).
 *
 * Profile: `p = Σ wᵢ xᵢ / Σ |wᵢ|` over the consumed items i, where `wᵢ = rᵢ − r̄ᵤ` (the rating centred on
 * the user's mean rating, so items rated below the user's mean push the profile away from their
 * features) and `wᵢ = 1` for implicit feedback (no rating) or when centring is off. When every weight
 * is 0 (a user who rated everything alike) every weight becomes 1.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireBoolean, requireFinite, requireOneOf } from '../core/validate.js';
import {
  allowedItems,
  asProfile,
  fmt,
  ItemCatalogue,
  profileItems,
  readHistory,
  resolveK,
  topK,
  type HistoryInput,
} from './request.js';
import { ENGLISH_STOP_WORDS, tfidf, tokenize, type SparseVector } from './text.js';
import type { Recommendation, RecommendFor, RecommendOptions, Recommender } from './types.js';

/**
 * One item with the features the content-based family uses. Every field but `id` is optional.
 *
 * @example
 * ```ts
 * import { ContentRecommender, type ContentItem } from 'crm-mining';
 * const catalogue: ContentItem[] = [
 *   { id: 'heat', attributes: { genre: ['Crime', 'Drama'], year: 1995 }, tags: ['heist'], text: 'A detective hunts a master thief in Los Angeles.' },
 *   { id: 'ronin', attributes: { genre: ['Crime', 'Action'], year: 1998 }, tags: ['heist', 'car chase'] },
 *   { id: 'amelie', attributes: { genre: 'Comedy', year: null }, text: 'A shy waitress in Paris decides to change lives.' },
 * ];
 * const rec = ContentRecommender.fit(catalogue);
 * console.log(rec.featureNames.slice(0, 4)); // ['genre=Crime', 'genre=Drama', 'year=1995', 'heist']
 * ```
 */
export interface ContentItem {
  /** The item's id. */
  readonly id: string;
  /**
   * Categorical attributes: each (name, value) pair is one feature, written `name=value`; an array
   * value gives one feature per element (multi-valued attributes such as genres). Numbers and booleans
   * are treated as categories (`year=1994`); `null` is missing (no feature).
   */
  readonly attributes?: Readonly<Record<string, string | number | boolean | null | readonly string[]>>;
  /** Free tags (each distinct tag is one feature). */
  readonly tags?: readonly string[];
  /** Text (a description, a title, the words of an article), weighted by TF-IDF. */
  readonly text?: string;
}

/**
 * Options of {@link ContentRecommender.fit}.
 *
 * @example
 * ```ts
 * import { ContentRecommender, type ContentOptions } from 'crm-mining';
 * const items = [
 *   { id: 'p1', tags: ['fibre'], text: 'fast fibre broadband' },
 *   { id: 'p2', tags: ['mobile'], text: 'fibre to the home' },
 *   { id: 'p3', tags: ['fibre'], text: 'mobile data plan' },
 * ];
 * // tags count double, the text half; implicit history, so centring does not apply
 * const options: ContentOptions = { weights: { tags: 2, text: 0.5 }, minDocumentFrequency: 1, unknown: 'error' };
 * const rec = ContentRecommender.fit(items, { ann: ['p1'] }, options);
 * console.log(rec.recommend('ann', { k: 1 })[0].item); // p3: the shared tag outweighs the shared word
 * ```
 */
export interface ContentOptions {
  /** Words dropped from the text (default {@link ENGLISH_STOP_WORDS}). */
  stopWords?: readonly string[];
  /** A word is a feature only when it occurs in at least this many items' text (default 1). */
  minDocumentFrequency?: number;
  /** Weights of the three feature blocks (default 1 each; 0 switches a block off). */
  weights?: { attributes?: number; tags?: number; text?: number };
  /** Centre ratings on the user's mean rating (default true). */
  centre?: boolean;
  /**
   * What an unknown user id or an unknown item in a profile gets: `'ignore'` (default: an unknown user
   * has an empty profile and gets no recommendations; unknown items are skipped) or `'error'` (an
   * `InvalidInputError` naming it).
   */
  unknown?: 'ignore' | 'error';
}

const CONTENT_OPTION_KEYS = optionKeys<ContentOptions>({
  stopWords: true,
  minDocumentFrequency: true,
  weights: true,
  centre: true,
  unknown: true,
});

type FeatureKind = 0 | 1 | 2; // attribute, tag, word

interface ContentParts {
  catalogue: ItemCatalogue;
  featureNames: readonly string[];
  featureKind: Uint8Array;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  histories: ReadonlyMap<string, { items: Int32Array; ratings: Float64Array }>;
  centre: boolean;
  unknown: 'ignore' | 'error';
}
const KIND_PREFIX = ['a', 't', 'w'] as const;

/**
 * The JSON form of a {@link ContentRecommender}.
 *
 * @example
 * ```ts
 * import { ContentRecommender, type ContentRecommenderJSON } from 'crm-mining';
 * const rec = ContentRecommender.fit([{ id: 'a', tags: ['x', 'y'] }, { id: 'b', tags: ['y'] }], { ann: { a: 4 } });
 * const json: ContentRecommenderJSON = rec.toJSON();
 * console.log(json.features, json.users.ann); // ['t:x', 't:y'] { items: [0], ratings: [4] }
 * console.log(ContentRecommender.fromJSON(JSON.parse(JSON.stringify(json))).recommend('ann')[0].item); // b
 * ```
 */
export interface ContentRecommenderJSON {
  /** Always `'content'`. */
  family: 'content';
  /** The item ids, by index. */
  items: string[];
  /** Feature names, prefixed `a:` (attribute=value), `t:` (tag) or `w:` (word). */
  features: string[];
  /** CSR row pointers of the item × feature matrix. */
  indptr: number[];
  /** CSR feature indices. */
  indices: number[];
  /** CSR values. */
  values: number[];
  /** Each user's history: item indices and ratings (`null` for implicit). */
  users: Record<string, { items: number[]; ratings: (number | null)[] }>;
  /** The options that matter after fitting. */
  options: { centre: boolean; unknown: 'ignore' | 'error' };
}

/**
 * A user profile of the content-based family: the items consumed (with ratings) and the profile vector
 * they give. Immutable; {@link ContentProfile.withItem} (or {@link ContentRecommender.updateProfile}) returns a new profile, updated incrementally
 * (in O(features of the item + number of features), without touching other items' vectors).
 *
 * @example
 * ```ts
 * import { ContentRecommender } from 'crm-mining';
 * const rec = ContentRecommender.fit([
 *   { id: 'heat', tags: ['crime', 'thriller'] },
 *   { id: 'ronin', tags: ['crime', 'action'] },
 *   { id: 'up', tags: ['animation', 'family'] },
 *   { id: 'cars', tags: ['animation', 'action'] },
 * ]);
 * // a session: start empty, add what the visitor rates
 * let profile = rec.profile({ items: [] });
 * profile = rec.updateProfile(profile, 'heat', 5);
 * profile = rec.updateProfile(profile, 'up', 1);
 * console.log(profile.size, profile.itemWeights()); // 2 Float64Array [2, -2]: centred on the mean rating 3
 * console.log(rec.recommend(profile, { k: 1 })[0].item); // ronin
 * ```
 */
export class ContentProfile {
  /** The user's id, when known. */
  readonly user: string | undefined;
  /** The consumed items (catalogue indices), in order. */
  readonly itemIndices: Int32Array;
  /** Their ratings; NaN for implicit feedback. */
  readonly ratings: Float64Array;
  // Running sums over the feature space: A = Σ r x (rated), B = Σ x (rated), C = Σ x (unrated).
  private readonly sumRx: Float64Array;
  private readonly sumX: Float64Array;
  private readonly sumImplicit: Float64Array;
  private readonly centre: boolean;
  private cached: Float64Array | undefined;

  /** @internal Use {@link ContentRecommender.profile}. */
  constructor(
    user: string | undefined,
    itemIndices: Int32Array,
    ratings: Float64Array,
    sums: { sumRx: Float64Array; sumX: Float64Array; sumImplicit: Float64Array },
    centre: boolean,
  ) {
    this.user = user;
    this.itemIndices = itemIndices;
    this.ratings = ratings;
    this.sumRx = sums.sumRx;
    this.sumX = sums.sumX;
    this.sumImplicit = sums.sumImplicit;
    this.centre = centre;
  }

  /** The number of consumed items. */
  get size(): number {
    return this.itemIndices.length;
  }

  /**
   * The profile vector `Σ wᵢ xᵢ / Σ |wᵢ|` (dense over the feature space; all zeros when the profile is
   * empty). Computed once from the running sums.
   */
  vector(): Float64Array {
    if (this.cached !== undefined) return this.cached;
    const { weights, mean } = this.weights();
    const f = this.sumX.length;
    const out = new Float64Array(f);
    let denom = 0;
    for (let i = 0; i < weights.length; i++) denom += Math.abs(weights[i]);
    if (denom > 0) {
      const allOnes = weights.allOnes;
      if (allOnes) {
        for (let j = 0; j < f; j++) out[j] = (this.sumX[j] + this.sumImplicit[j]) / denom;
      } else if (this.centre) {
        for (let j = 0; j < f; j++) out[j] = (this.sumRx[j] - mean * this.sumX[j] + this.sumImplicit[j]) / denom;
      } else {
        for (let j = 0; j < f; j++) out[j] = (this.sumRx[j] + this.sumImplicit[j]) / denom;
      }
    }
    this.cached = out;
    return out;
  }

  /** The weight of each consumed item (aligned with {@link ContentProfile.itemIndices}). */
  itemWeights(): Float64Array {
    return this.weights().weights;
  }

  private weights(): { weights: Float64Array & { allOnes?: boolean }; mean: number } {
    const n = this.ratings.length;
    let sum = 0;
    let rated = 0;
    for (let i = 0; i < n; i++) {
      if (!Number.isNaN(this.ratings[i])) {
        sum += this.ratings[i];
        rated++;
      }
    }
    const mean = rated > 0 ? sum / rated : 0;
    const w = new Float64Array(n) as Float64Array & { allOnes?: boolean };
    let any = false;
    for (let i = 0; i < n; i++) {
      const r = this.ratings[i];
      w[i] = Number.isNaN(r) ? 1 : this.centre ? r - mean : r;
      if (w[i] !== 0) any = true;
    }
    if (!any && n > 0) {
      w.fill(1);
      w.allOnes = true;
    }
    return { weights: w, mean };
  }

  /**
   * A new profile that also holds `item` with `rating` (NaN or omitted: implicit); when the profile
   * already holds the item, its rating is replaced. This profile is unchanged.
   *
   * Prefer {@link ContentRecommender.updateProfile}, which looks the vector up by item id.
   *
   * @param itemIndex - the item's catalogue index.
   * @param vector - the item's feature vector (from the recommender that made this profile).
   * @param rating - the rating (default NaN: implicit feedback).
   * @param previous - the vector the item had when it was added (default `vector`).
   */
  withItem(itemIndex: number, vector: SparseVector, rating = NaN, previous?: SparseVector): ContentProfile {
    const at = this.itemIndices.indexOf(itemIndex);
    const sumRx = this.sumRx.slice();
    const sumX = this.sumX.slice();
    const sumImplicit = this.sumImplicit.slice();
    let items = this.itemIndices;
    let ratings = this.ratings;
    if (at >= 0) {
      const old = this.ratings[at];
      addInto(Number.isNaN(old) ? sumImplicit : sumX, previous ?? vector, -1);
      if (!Number.isNaN(old)) addInto(sumRx, previous ?? vector, -old);
      ratings = ratings.slice();
      ratings[at] = rating;
    } else {
      items = new Int32Array(items.length + 1);
      items.set(this.itemIndices);
      items[items.length - 1] = itemIndex;
      ratings = new Float64Array(this.ratings.length + 1);
      ratings.set(this.ratings);
      ratings[ratings.length - 1] = rating;
    }
    if (Number.isNaN(rating)) addInto(sumImplicit, vector, 1);
    else {
      addInto(sumX, vector, 1);
      addInto(sumRx, vector, rating);
    }
    return new ContentProfile(this.user, items, ratings, { sumRx, sumX, sumImplicit }, this.centre);
  }
}

function addInto(dense: Float64Array, v: SparseVector, scale: number): void {
  const idx = v.indices;
  const val = v.values;
  for (let j = 0; j < idx.length; j++) dense[idx[j]] += scale * val[j];
}

/**
 * The content-based recommender. Fit it with {@link ContentRecommender.fit}; it is immutable
 * ({@link ContentRecommender.withRating} returns a new one). Scores are cosines in [−1, 1].
 *
 * `recommend` accepts a user id (the profile from the training history), a {@link ContentProfile}, or a
 * profile `{ items }` (an array of ids: implicit; a record of id → rating: explicit). Default exclusion:
 * the profile's items.
 *
 * @example
 * ```ts
 * import { ContentRecommender } from 'crm-mining';
 * const items = [
 *   { id: 'heat', attributes: { genre: 'Crime' }, tags: ['heist'] },
 *   { id: 'ronin', attributes: { genre: 'Crime' }, tags: ['heist', 'cars'] },
 *   { id: 'amelie', attributes: { genre: 'Comedy' }, tags: ['paris'] },
 * ];
 * const rec = ContentRecommender.fit(items, [{ user: 'ann', item: 'heat', rating: 5 }, { user: 'ann', item: 'amelie', rating: 2 }]);
 * const [top] = rec.recommend('ann', { k: 1 });
 * console.log(top.item, top.reason); // ronin matches genre=Crime, tag "heist" (content similarity …)
 * // new items need no history: add one and it can be recommended at once
 * const withNews = ContentRecommender.fit([...items, { id: 'thief', attributes: { genre: 'Crime' } }], { ann: { heat: 5, amelie: 2 } });
 * console.log(withNews.recommend('ann').map((r) => r.item)); // ['ronin', 'thief']
 * ```
 */
export class ContentRecommender implements Recommender {
  /** `'content'`. */
  readonly name = 'content';
  /** The item catalogue. */
  readonly catalogue: ItemCatalogue;
  /** Feature names: `attribute=value`, `tag`, or the word, with their kind in {@link ContentRecommender.featureKind}. */
  readonly featureNames: readonly string[];
  /** Feature kinds: 0 attribute, 1 tag, 2 word. */
  readonly featureKind: Uint8Array;
  private readonly indptr: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float64Array;
  private readonly norms: Float64Array;
  private readonly histories: ReadonlyMap<string, { items: Int32Array; ratings: Float64Array }>;
  private readonly centre: boolean;
  private readonly unknown: 'ignore' | 'error';

  private constructor(parts: ContentParts) {
    this.catalogue = parts.catalogue;
    this.featureNames = parts.featureNames;
    this.featureKind = parts.featureKind;
    this.indptr = parts.indptr;
    this.indices = parts.indices;
    this.values = parts.values;
    this.histories = parts.histories;
    this.centre = parts.centre;
    this.unknown = parts.unknown;
    const n = this.catalogue.size;
    this.norms = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let p = this.indptr[i]; p < this.indptr[i + 1]; p++) s += this.values[p] * this.values[p];
      this.norms[i] = Math.sqrt(s);
    }
  }

  /**
   * Builds the item vectors and reads the users' histories.
   *
   * @param items - the catalogue with its features (ids distinct).
   * @param history - who consumed what (default none: profiles then come only from `recommend`'s profile argument).
   * @param options - see {@link ContentOptions}.
   * @throws InvalidInputError for a bad item or history record (naming it), an empty catalogue, or (with
   *   `unknown: 'error'`) a history item not in the catalogue; InvalidOptionError for a bad option.
   */
  static fit(items: readonly ContentItem[], history: HistoryInput = [], options: ContentOptions = {}): ContentRecommender {
    rejectUnknownOptions(options, CONTENT_OPTION_KEYS, 'ContentRecommender.fit');
    if (!Array.isArray(items) || items.length === 0) {
      throw new InvalidInputError(`items: expected a non-empty array of { id, attributes?, tags?, text? }, got ${describe(items)}`, { field: 'items' });
    }
    const centre = requireBoolean('centre', options.centre ?? true);
    const unknown = requireOneOf('unknown', options.unknown ?? 'ignore', ['ignore', 'error'] as const);
    const w = options.weights ?? {};
    const blockWeight = [w.attributes ?? 1, w.tags ?? 1, w.text ?? 1];
    ['weights.attributes', 'weights.tags', 'weights.text'].forEach((name, b) => {
      requireFinite(name, blockWeight[b]);
      if (blockWeight[b] < 0) throw new InvalidOptionError(name, `expected a weight >= 0, got ${blockWeight[b]}`);
    });
    const catalogue = new ItemCatalogue(
      items.map((it, r) => {
        if (it === null || typeof it !== 'object') throw new InvalidInputError(`items[${r}]: expected an object, got ${describe(it)}`, { row: r });
        return it.id;
      }),
    );
    const n = items.length;

    // Attribute and tag features.
    const featureNames: string[] = [];
    const kinds: number[] = [];
    const featureIndex = new Map<string, number>();
    const feature = (kind: FeatureKind, name: string): number => {
      const key = KIND_PREFIX[kind] + ':' + name;
      let f = featureIndex.get(key);
      if (f === undefined) {
        f = featureNames.length;
        featureIndex.set(key, f);
        featureNames.push(name);
        kinds.push(kind);
      }
      return f;
    };
    const attrFeatures: number[][] = new Array(n);
    const tagFeatures: number[][] = new Array(n);
    const docs: string[][] = new Array(n);
    for (let r = 0; r < n; r++) {
      const it = items[r];
      const a = new Set<number>();
      if (it.attributes !== undefined) {
        if (it.attributes === null || typeof it.attributes !== 'object') {
          throw new InvalidInputError(`items[${r}].attributes: expected a record of name → value, got ${describe(it.attributes)}`, { row: r, field: 'attributes' });
        }
        for (const [name, value] of Object.entries(it.attributes)) {
          if (value === null || value === undefined) continue;
          const list = Array.isArray(value) ? value : [value];
          for (const v of list) {
            if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
              throw new InvalidInputError(`items[${r}].attributes.${name}: expected a string, number, boolean or an array of strings, got ${describe(v)}`, {
                row: r,
                field: name,
              });
            }
            a.add(feature(0, `${name}=${String(v)}`));
          }
        }
      }
      attrFeatures[r] = [...a];
      const t = new Set<number>();
      if (it.tags !== undefined) {
        if (!Array.isArray(it.tags)) throw new InvalidInputError(`items[${r}].tags: expected an array of strings, got ${describe(it.tags)}`, { row: r, field: 'tags' });
        for (const tag of it.tags) {
          if (typeof tag !== 'string') throw new InvalidInputError(`items[${r}].tags: expected strings, got ${describe(tag)}`, { row: r, field: 'tags' });
          const clean = tag.trim();
          if (clean.length > 0) t.add(feature(1, clean));
        }
      }
      tagFeatures[r] = [...t];
      if (it.text !== undefined && it.text !== null && typeof it.text !== 'string') {
        throw new InvalidInputError(`items[${r}].text: expected a string, got ${describe(it.text)}`, { row: r, field: 'text' });
      }
      docs[r] = typeof it.text === 'string' ? tokenize(it.text, { stopWords: options.stopWords ?? ENGLISH_STOP_WORDS }) : [];
    }
    const words = tfidf(docs, { minDocumentFrequency: options.minDocumentFrequency ?? 1 });
    const wordBase = featureNames.length;
    for (const word of words.vocabulary) {
      featureNames.push(word);
      kinds.push(2);
    }

    // CSR assembly, each block scaled to unit length times its weight.
    const indptr = new Int32Array(n + 1);
    const idx: number[] = [];
    const val: number[] = [];
    for (let r = 0; r < n; r++) {
      const row: [number, number][] = [];
      const pushBlock = (entries: [number, number][], weight: number): void => {
        if (weight === 0 || entries.length === 0) return;
        let s = 0;
        for (const [, v] of entries) s += v * v;
        const scale = s > 0 ? weight / Math.sqrt(s) : 0;
        for (const [f, v] of entries) if (v !== 0) row.push([f, v * scale]);
      };
      pushBlock(attrFeatures[r].map((f) => [f, 1]), blockWeight[0]);
      pushBlock(tagFeatures[r].map((f) => [f, 1]), blockWeight[1]);
      const wv = words.vectors[r];
      pushBlock(Array.from(wv.indices, (f, j) => [wordBase + f, wv.values[j]] as [number, number]), blockWeight[2]);
      row.sort((x, y) => x[0] - y[0]);
      for (const [f, v] of row) {
        idx.push(f);
        val.push(v);
      }
      indptr[r + 1] = idx.length;
    }

    const histories = new Map<string, { items: Int32Array; ratings: Float64Array }>();
    for (const [user, consumed] of readHistory(history)) {
      const its: number[] = [];
      const rs: number[] = [];
      for (const [id, rating] of consumed) {
        const i = catalogue.indexOf(id);
        if (i === undefined) {
          if (unknown === 'error') throw new InvalidInputError(`history: user ${JSON.stringify(user)} consumed item ${JSON.stringify(id)}, which is not in the catalogue`, { field: 'item' });
          continue;
        }
        its.push(i);
        rs.push(rating);
      }
      histories.set(user, { items: Int32Array.from(its), ratings: Float64Array.from(rs) });
    }
    return new ContentRecommender({
      catalogue,
      featureNames,
      featureKind: Uint8Array.from(kinds),
      indptr,
      indices: Int32Array.from(idx),
      values: Float64Array.from(val),
      histories,
      centre,
      unknown,
    });
  }

  /** The feature vector of an item (its CSR row). @throws InvalidInputError for an unknown item. */
  itemVector(item: string): SparseVector {
    const i = this.catalogue.indexOf(item);
    if (i === undefined) throw new InvalidInputError(`item ${JSON.stringify(item)} is not in the catalogue`, { field: 'item' });
    return this.row(i);
  }

  private row(i: number): SparseVector {
    return { indices: this.indices.subarray(this.indptr[i], this.indptr[i + 1]), values: this.values.subarray(this.indptr[i], this.indptr[i + 1]) };
  }

  /** The users with a history, in first-seen order. */
  get users(): string[] {
    return [...this.histories.keys()];
  }

  /**
   * The profile of a known user, or of a profile `{ items }` (array: implicit; record: ratings).
   *
   * @throws InvalidInputError (with `unknown: 'error'`) for an unknown user or item.
   */
  profile(forWhom: RecommendFor | ContentProfile): ContentProfile {
    if (forWhom instanceof ContentProfile) return forWhom;
    const p = asProfile(forWhom);
    let items: number[] = [];
    let ratings: number[] = [];
    if (p.items !== undefined) {
      const parsed = profileItems(p);
      for (let j = 0; j < parsed.ids.length; j++) {
        const i = this.catalogue.indexOf(parsed.ids[j]);
        if (i === undefined) {
          if (this.unknown === 'error') throw new InvalidInputError(`profile: item ${JSON.stringify(parsed.ids[j])} is not in the catalogue`, { field: 'items' });
          continue;
        }
        const at = items.indexOf(i);
        if (at >= 0) ratings[at] = parsed.ratings[j];
        else {
          items.push(i);
          ratings.push(parsed.ratings[j]);
        }
      }
    } else if (p.user !== undefined) {
      const h = this.histories.get(p.user);
      if (h === undefined) {
        if (this.unknown === 'error') throw new InvalidInputError(`unknown user ${JSON.stringify(p.user)}: no history`, { field: 'user' });
      } else {
        items = Array.from(h.items);
        ratings = Array.from(h.ratings);
      }
    }
    const f = this.featureNames.length;
    const sumRx = new Float64Array(f);
    const sumX = new Float64Array(f);
    const sumImplicit = new Float64Array(f);
    for (let j = 0; j < items.length; j++) {
      const v = this.row(items[j]);
      if (Number.isNaN(ratings[j])) addInto(sumImplicit, v, 1);
      else {
        addInto(sumX, v, 1);
        addInto(sumRx, v, ratings[j]);
      }
    }
    return new ContentProfile(p.user, Int32Array.from(items), Float64Array.from(ratings), { sumRx, sumX, sumImplicit }, this.centre);
  }

  /**
   * A new recommender in which `user` has also consumed `item` (with `rating`, or implicitly): the
   * profile update of the content-based family, without refitting (item vectors and IDF weights are
   * unchanged). This recommender is unchanged.
   *
   * @throws InvalidInputError for an unknown item or a rating that is not finite.
   */
  withRating(user: string, item: string, rating?: number): ContentRecommender {
    const i = this.catalogue.indexOf(item);
    if (i === undefined) throw new InvalidInputError(`item ${JSON.stringify(item)} is not in the catalogue`, { field: 'item' });
    if (rating !== undefined && (typeof rating !== 'number' || !Number.isFinite(rating))) {
      throw new InvalidInputError(`rating: expected a finite number, got ${describe(rating)}`, { field: 'rating' });
    }
    const h = this.histories.get(user) ?? { items: new Int32Array(0), ratings: new Float64Array(0) };
    const at = h.items.indexOf(i);
    let items = h.items;
    const ratings = at >= 0 ? h.ratings.slice() : new Float64Array(h.ratings.length + 1);
    if (at >= 0) ratings[at] = rating ?? NaN;
    else {
      items = new Int32Array(h.items.length + 1);
      items.set(h.items);
      items[h.items.length] = i;
      ratings.set(h.ratings);
      ratings[h.ratings.length] = rating ?? NaN;
    }
    const histories = new Map(this.histories);
    histories.set(user, { items, ratings });
    return new ContentRecommender({ ...this.parts(), histories });
  }

  /**
   * A profile updated with one more rating, incrementally (see {@link ContentProfile.withItem}).
   *
   * @throws InvalidInputError for an unknown item.
   */
  updateProfile(profile: ContentProfile, item: string, rating?: number): ContentProfile {
    const i = this.catalogue.indexOf(item);
    if (i === undefined) throw new InvalidInputError(`item ${JSON.stringify(item)} is not in the catalogue`, { field: 'item' });
    if (rating !== undefined && (typeof rating !== 'number' || !Number.isFinite(rating))) {
      throw new InvalidInputError(`rating: expected a finite number, got ${describe(rating)}`, { field: 'rating' });
    }
    return profile.withItem(i, this.row(i), rating ?? NaN);
  }

  private parts(): ContentParts {
    return {
      catalogue: this.catalogue,
      featureNames: this.featureNames,
      featureKind: this.featureKind,
      indptr: this.indptr,
      indices: this.indices,
      values: this.values,
      histories: this.histories,
      centre: this.centre,
      unknown: this.unknown,
    };
  }

  /**
   * Cosine scores of every item against a profile (NaN for items without features or when the profile
   * is all zeros).
   */
  scores(forWhom: RecommendFor | ContentProfile): Float64Array {
    return this.scoreProfile(this.profile(forWhom).vector());
  }

  private scoreProfile(p: Float64Array): Float64Array {
    let pn = 0;
    for (let j = 0; j < p.length; j++) pn += p[j] * p[j];
    pn = Math.sqrt(pn);
    const n = this.catalogue.size;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const norm = this.norms[i];
      if (norm === 0 || pn === 0) {
        out[i] = NaN;
        continue;
      }
      let s = 0;
      for (let q = this.indptr[i]; q < this.indptr[i + 1]; q++) s += p[this.indices[q]] * this.values[q];
      out[i] = s / (norm * pn);
    }
    return out;
  }

  /**
   * The top-k items by cosine to the profile, each with the features that matched most (largest
   * products of profile and item weights) as the reason.
   */
  recommend(forWhom: RecommendFor | ContentProfile, options?: RecommendOptions): Recommendation[] {
    const k = resolveK(options, 'ContentRecommender.recommend');
    const profile = this.profile(forWhom);
    const p = profile.vector();
    const scores = this.scoreProfile(p);
    const allowed = allowedItems(this.catalogue, options, profile.itemIndices);
    const top = topK(scores, allowed, k);
    const out: Recommendation[] = [];
    for (const i of top) out.push({ item: this.catalogue.ids[i], score: scores[i], reason: this.reason(p, i, scores[i]) });
    return out;
  }

  private reason(p: Float64Array, i: number, score: number): string {
    const matches: { f: number; c: number }[] = [];
    for (let q = this.indptr[i]; q < this.indptr[i + 1]; q++) {
      const c = p[this.indices[q]] * this.values[q];
      if (c > 0) matches.push({ f: this.indices[q], c });
    }
    matches.sort((a, b) => b.c - a.c || a.f - b.f);
    const named = matches.slice(0, 3).map(({ f }) => {
      const kind = this.featureKind[f];
      const name = this.featureNames[f];
      return kind === 0 ? name : kind === 1 ? `tag "${name}"` : `word "${name}"`;
    });
    if (named.length === 0) return `content similarity ${fmt(score)} to the profile (no feature in common with what the user liked)`;
    return `matches ${named.join(', ')} (content similarity ${fmt(score)})`;
  }

  /** The JSON form; {@link ContentRecommender.fromJSON} restores an identical recommender. */
  toJSON(): ContentRecommenderJSON {
    const users: ContentRecommenderJSON['users'] = {};
    for (const [u, h] of this.histories) users[u] = { items: Array.from(h.items), ratings: Array.from(h.ratings, (r) => (Number.isNaN(r) ? null : r)) };
    return {
      family: 'content',
      items: this.catalogue.ids.slice(),
      features: this.featureNames.map((name, f) => KIND_PREFIX[this.featureKind[f]] + ':' + name),
      indptr: Array.from(this.indptr),
      indices: Array.from(this.indices),
      values: Array.from(this.values),
      users,
      options: { centre: this.centre, unknown: this.unknown },
    };
  }

  /**
   * Restores a recommender from {@link ContentRecommender.toJSON}'s output.
   *
   * @throws InvalidInputError when the JSON is not of this family or is inconsistent.
   */
  static fromJSON(json: unknown): ContentRecommender {
    const j = json as ContentRecommenderJSON;
    if (j === null || typeof j !== 'object' || j.family !== 'content') throw new InvalidInputError(`expected the JSON of a content recommender (family "content"), got ${describe(json)}`);
    const catalogue = new ItemCatalogue(j.items);
    const kinds = new Uint8Array(j.features.length);
    const names = j.features.map((f, i) => {
      const kind = KIND_PREFIX.indexOf(f.slice(0, 1) as 'a');
      if (kind < 0 || f[1] !== ':') throw new InvalidInputError(`features[${i}]: expected a name prefixed a:, t: or w:, got ${describe(f)}`);
      kinds[i] = kind;
      return f.slice(2);
    });
    const indptr = Int32Array.from(j.indptr);
    if (indptr.length !== catalogue.size + 1 || indptr[catalogue.size] !== j.indices.length || j.values.length !== j.indices.length) {
      throw new InvalidInputError('content recommender JSON: indptr, indices and values do not fit the items');
    }
    const histories = new Map<string, { items: Int32Array; ratings: Float64Array }>();
    for (const [u, h] of Object.entries(j.users)) {
      histories.set(u, { items: Int32Array.from(h.items), ratings: Float64Array.from(h.ratings, (r) => (r === null ? NaN : r)) });
    }
    return new ContentRecommender({
      catalogue,
      featureNames: names,
      featureKind: kinds,
      indptr,
      indices: Int32Array.from(j.indices),
      values: Float64Array.from(j.values),
      histories,
      centre: j.options.centre,
      unknown: j.options.unknown,
    });
  }
}
