/**
 * Knowledge-based recommending: match a customer's stated requirements ("price at most 500", "brand
 * in {A, B}", "includes GPS") to the items' properties. When no item meets them all, find the
 * **smallest** set of requirements to relax and the items that relaxation yields.
 *
 * Relaxation is an exact search: every subset of the requirements of size 1, then 2, and so on, is
 * tried (in lexicographic order of requirement positions) until one leaves at least one item; all
 * subsets of that smallest size that work are reported. Each try is an AND of per-requirement bitsets
 * over the items, so a try costs O(requirements × items / 32). The search is capped: at most
 * {@link KnowledgeOptions.maxRelaxed} requirements relaxed (default 5) and at most
 * {@link KnowledgeOptions.maxSubsets} subsets tried (default 1,000,000; beyond it a
 * `LimitExceededError`). With 20 requirements the default cap tries at most 21,699 subsets.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError, LimitExceededError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireInteger } from '../core/validate.js';
import { allowedItems, asProfile, consumedByUser, fmt, ItemCatalogue, profileItems, resolveK, topK, type HistoryInput } from './request.js';
import type { Recommendation, RecommendFor, RecommendOptions, Recommender, RecommenderProfile } from './types.js';

/**
 * An item property: a number, a category, a flag, a list of features, or null (missing).
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, type ItemAttributeValue } from 'crm-mining';
 * const phone: Record<string, ItemAttributeValue> = { price: 399, brand: 'A', dualSim: true, features: ['gps', 'nfc'], colour: null };
 * const rec = KnowledgeRecommender.fit([{ id: 'A1', attributes: phone }]);
 * console.log(rec.query([{ attribute: 'dualSim', equals: true }, { attribute: 'features', includes: 'nfc' }]).items); // ['A1']
 * ```
 */
export type ItemAttributeValue = string | number | boolean | null | readonly string[];

/**
 * An item with named properties (the catalogue of the utility- and knowledge-based families).
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, UtilityRecommender, type AttributedItem } from 'crm-mining';
 * // one catalogue serves both the knowledge- and the utility-based family
 * const plans: AttributedItem[] = [
 *   { id: 'basic', attributes: { price: 20, speed: 50 } },
 *   { id: 'fast', attributes: { price: 35, speed: 500 } },
 * ];
 * console.log(KnowledgeRecommender.fit(plans).query([{ attribute: 'speed', min: 100 }]).items); // ['fast']
 * console.log(UtilityRecommender.fit(plans).recommend({ utility: { weights: { speed: 1 } } }, { k: 1 })[0].item); // fast
 * ```
 */
export interface AttributedItem {
  /** The item's id. */
  readonly id: string;
  /** Its properties, for example `{ price: 399, brand: 'A', features: ['gps', 'wifi'], inStock: true }`. */
  readonly attributes: Readonly<Record<string, ItemAttributeValue>>;
}

/**
 * One stated requirement on one attribute; every predicate given must hold (so `min` and `max` together
 * state a range). An item without a value for the attribute does not meet it.
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, type Requirement } from 'crm-mining';
 * const phones = KnowledgeRecommender.fit([
 *   { id: 'A1', attributes: { price: 299, brand: 'A', features: ['gps'] } },
 *   { id: 'B2', attributes: { price: 549, brand: 'B', features: ['gps', 'nfc'] } },
 * ]);
 * const wants: Requirement[] = [
 *   { attribute: 'price', max: 600 },
 *   { attribute: 'brand', in: ['A', 'B'] },
 *   { attribute: 'features', includes: 'nfc', label: 'pays by phone' },
 * ];
 * console.log(phones.recommend({ requirements: wants })[0].reason); // meets all 3 requirements (price <= 600; brand in {A, B}; pays by phone)
 * ```
 */
export interface Requirement {
  /** The attribute it is about. */
  readonly attribute: string;
  /** The value must equal this. */
  readonly equals?: string | number | boolean;
  /** The value must be one of these. */
  readonly in?: readonly (string | number | boolean)[];
  /** The value must be a number ≥ this. */
  readonly min?: number;
  /** The value must be a number ≤ this. */
  readonly max?: number;
  /** The value (a list, or a single string taken as a one-element list) must include every one of these. */
  readonly includes?: string | readonly string[];
  /** How to name it in reasons (default: written from the predicates, for example `price <= 500`). */
  readonly label?: string;
}

/**
 * Writes a requirement as text, for example `price <= 500`, `brand in {A, B}`, `features includes gps`.
 *
 * @example
 * ```ts
 * import { formatRequirement } from 'crm-mining';
 * console.log(formatRequirement({ attribute: 'price', max: 500 })); // price <= 500
 * console.log(formatRequirement({ attribute: 'brand', in: ['A', 'B'] })); // brand in {A, B}
 * console.log(formatRequirement({ attribute: 'storage', min: 64, max: 256 })); // 64 <= storage <= 256
 * console.log(formatRequirement({ attribute: 'features', includes: ['gps', 'nfc'], label: 'GPS and NFC' })); // GPS and NFC
 * ```
 */
export function formatRequirement(r: Requirement): string {
  if (r.label !== undefined) return r.label;
  const parts: string[] = [];
  if (r.equals !== undefined) parts.push(`${r.attribute} = ${String(r.equals)}`);
  if (r.in !== undefined) parts.push(`${r.attribute} in {${r.in.map(String).join(', ')}}`);
  if (r.min !== undefined && r.max !== undefined) parts.push(`${fmt(r.min)} <= ${r.attribute} <= ${fmt(r.max)}`);
  else if (r.min !== undefined) parts.push(`${r.attribute} >= ${fmt(r.min)}`);
  else if (r.max !== undefined) parts.push(`${r.attribute} <= ${fmt(r.max)}`);
  if (r.includes !== undefined) parts.push(`${r.attribute} includes ${typeof r.includes === 'string' ? r.includes : r.includes.join(', ')}`);
  return parts.join(' and ');
}

/**
 * Checks requirements against the attributes items have: each names a known attribute and has at least
 * one well-typed predicate.
 *
 * @param name - the option name for errors (for example `'requirements'` or `'constraints'`).
 * @throws InvalidOptionError naming the requirement (by position) and what is wrong.
 *
 * @example
 * ```ts
 * import { checkRequirements, InvalidOptionError } from 'crm-mining';
 * const known = new Set(['price', 'brand']);
 * checkRequirements([{ attribute: 'price', max: 500 }], known); // fine
 * try {
 *   checkRequirements([{ attribute: 'price', max: 500 }, { attribute: 'colour', equals: 'red' }], known, 'constraints');
 * } catch (err) {
 *   console.log(err instanceof InvalidOptionError); // true: names constraints[1].attribute and the known attributes
 * }
 * ```
 */
export function checkRequirements(requirements: readonly Requirement[], knownAttributes: ReadonlySet<string>, name = 'requirements'): void {
  if (!Array.isArray(requirements)) throw new InvalidOptionError(name, `expected an array of requirements, got ${describe(requirements)}`);
  requirements.forEach((r, i) => {
    const at = `${name}[${i}]`;
    if (r === null || typeof r !== 'object') throw new InvalidOptionError(at, `expected { attribute, equals | in | min | max | includes }, got ${describe(r)}`);
    if (typeof r.attribute !== 'string') throw new InvalidOptionError(`${at}.attribute`, `expected an attribute name, got ${describe(r.attribute)}`);
    if (!knownAttributes.has(r.attribute)) {
      throw new InvalidOptionError(`${at}.attribute`, `no item has the attribute ${JSON.stringify(r.attribute)} (known: ${[...knownAttributes].join(', ')})`);
    }
    if (r.equals === undefined && r.in === undefined && r.min === undefined && r.max === undefined && r.includes === undefined) {
      throw new InvalidOptionError(at, 'expected at least one of equals, in, min, max, includes');
    }
    for (const key of ['min', 'max'] as const) {
      const v = r[key];
      if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) throw new InvalidOptionError(`${at}.${key}`, `expected a number, got ${describe(v)}`);
    }
    if (r.in !== undefined && !Array.isArray(r.in)) throw new InvalidOptionError(`${at}.in`, `expected an array of values, got ${describe(r.in)}`);
    if (r.includes !== undefined && typeof r.includes !== 'string' && !Array.isArray(r.includes)) {
      throw new InvalidOptionError(`${at}.includes`, `expected a string or an array of strings, got ${describe(r.includes)}`);
    }
  });
}

/**
 * Whether a value meets a requirement (a missing value never does).
 *
 * @example
 * ```ts
 * import { meetsRequirement } from 'crm-mining';
 * console.log(meetsRequirement(449, { attribute: 'price', min: 300, max: 500 })); // true
 * console.log(meetsRequirement(['gps', 'wifi'], { attribute: 'features', includes: ['gps', 'nfc'] })); // false: no nfc
 * console.log(meetsRequirement(null, { attribute: 'price', max: 500 })); // false: a missing value never meets
 * ```
 */
export function meetsRequirement(value: ItemAttributeValue | undefined, r: Requirement): boolean {
  if (value === null || value === undefined) return false;
  if (r.equals !== undefined && value !== r.equals) return false;
  if (r.in !== undefined && (Array.isArray(value) || !(r.in as readonly unknown[]).includes(value))) return false;
  if (r.min !== undefined && (typeof value !== 'number' || value < r.min)) return false;
  if (r.max !== undefined && (typeof value !== 'number' || value > r.max)) return false;
  if (r.includes !== undefined) {
    const have: readonly unknown[] = Array.isArray(value) ? value : [value];
    const need = typeof r.includes === 'string' ? [r.includes] : r.includes;
    for (const n of need) if (!have.includes(n)) return false;
  }
  return true;
}

/**
 * Reads and checks an item catalogue with attributes.
 *
 * @example
 * ```ts
 * import { readAttributedItems, InvalidInputError } from 'crm-mining';
 * const { catalogue, attributes } = readAttributedItems([
 *   { id: 'p1', attributes: { price: 299, features: ['gps'] } },
 *   { id: 'p2', attributes: { price: 549, brand: 'B' } },
 * ]);
 * console.log(catalogue.size, [...attributes]); // 2 ['price', 'features', 'brand']
 * try {
 *   readAttributedItems([{ id: 'p3', attributes: { price: Number.NaN } }]);
 * } catch (err) {
 *   console.log(err instanceof InvalidInputError); // true: items[0].attributes.price is not a finite number
 * }
 * ```
 */
export function readAttributedItems(items: readonly AttributedItem[], name = 'items'): { catalogue: ItemCatalogue; attributes: Set<string> } {
  if (!Array.isArray(items) || items.length === 0) {
    throw new InvalidInputError(`${name}: expected a non-empty array of { id, attributes }, got ${describe(items)}`, { field: name });
  }
  const attributes = new Set<string>();
  items.forEach((it, r) => {
    if (it === null || typeof it !== 'object' || it.attributes === null || typeof it.attributes !== 'object') {
      throw new InvalidInputError(`${name}[${r}]: expected { id, attributes }, got ${describe(it)}`, { row: r });
    }
    for (const [a, v] of Object.entries(it.attributes)) {
      const ok =
        v === null ||
        typeof v === 'string' ||
        typeof v === 'boolean' ||
        (typeof v === 'number' && Number.isFinite(v)) ||
        (Array.isArray(v) && v.every((e) => typeof e === 'string'));
      if (!ok) throw new InvalidInputError(`${name}[${r}].attributes.${a}: expected a finite number, string, boolean, array of strings or null, got ${describe(v)}`, { row: r, field: a });
      attributes.add(a);
    }
  });
  return { catalogue: new ItemCatalogue(items.map((it) => it.id), name), attributes };
}

/**
 * Options of {@link KnowledgeRecommender.fit}.
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, type KnowledgeOptions } from 'crm-mining';
 * const items = [
 *   { id: 'A1', attributes: { price: 299, battery: 3000 } },
 *   { id: 'B2', attributes: { price: 549, battery: 4500 } },
 *   { id: 'C3', attributes: { price: 449, battery: 5000 } },
 * ];
 * const options: KnowledgeOptions = {
 *   requirements: { ann: [{ attribute: 'price', max: 500 }] },
 *   history: { ann: ['A1'] }, // ann already has A1
 *   rankBy: { attribute: 'battery', order: 'desc' },
 *   maxRelaxed: 2,
 * };
 * console.log(KnowledgeRecommender.fit(items, options).recommend('ann').map((r) => r.item)); // ['C3']
 * ```
 */
export interface KnowledgeOptions {
  /**
   * Who consumed what, for the default exclusion of a known user's items (default none: a bare user id
   * then excludes nothing unless the request says so). Converted to records for the JSON form.
   */
  history?: HistoryInput;
  /** Each known user's stated requirements (default none: requirements then come with the request). */
  requirements?: Readonly<Record<string, readonly Requirement[]>>;
  /** The most requirements a relaxation may drop (default 5). */
  maxRelaxed?: number;
  /** The most subsets the relaxation search may try before a `LimitExceededError` (default 1,000,000). */
  maxSubsets?: number;
  /**
   * Orders the items that meet the requirements: by this numeric attribute, `'asc'` or `'desc'`
   * (default: none, the catalogue's order).
   */
  rankBy?: { readonly attribute: string; readonly order?: 'asc' | 'desc' };
}

const KNOWLEDGE_OPTION_KEYS = optionKeys<KnowledgeOptions>({
  history: true,
  requirements: true,
  maxRelaxed: true,
  maxSubsets: true,
  rankBy: true,
});

/**
 * The answer of {@link KnowledgeRecommender.query}.
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, type KnowledgeResult } from 'crm-mining';
 * const rec = KnowledgeRecommender.fit([
 *   { id: 'A1', attributes: { price: 299, brand: 'A', gps: false } },
 *   { id: 'B2', attributes: { price: 549, brand: 'B', gps: true } },
 * ]);
 * // nothing is cheap, brand B and has GPS: the smallest relaxation drops the price limit
 * const r: KnowledgeResult = rec.query([{ attribute: 'price', max: 400 }, { attribute: 'brand', equals: 'B' }, { attribute: 'gps', equals: true }]);
 * console.log(r.items, r.relaxedIndices, r.alternatives); // ['B2'] [0] [[0]]
 * ```
 */
export interface KnowledgeResult {
  /** The items meeting every requirement not relaxed, in rank order. */
  readonly items: string[];
  /** The smallest set of requirements relaxed ([] when every requirement can be met; `null` when no relaxation within the cap yields an item). */
  readonly relaxed: Requirement[] | null;
  /** Positions (in the requirement list) of the relaxed requirements. */
  readonly relaxedIndices: number[] | null;
  /** Every relaxation of that smallest size that yields items, as position lists (the first is `relaxedIndices`). */
  readonly alternatives: number[][];
  /** How many subsets the search tried. */
  readonly subsetsTried: number;
}

/**
 * A profile for the knowledge-based family: the stated requirements (and the usual profile fields).
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, type RequirementsProfile } from 'crm-mining';
 * const rec = KnowledgeRecommender.fit([
 *   { id: 'tariff-s', attributes: { monthly: 15, dataGb: 5 } },
 *   { id: 'tariff-m', attributes: { monthly: 25, dataGb: 20 } },
 *   { id: 'tariff-l', attributes: { monthly: 40, dataGb: 100 } },
 * ]);
 * // a visitor states needs in a web form; they already hold tariff-s
 * const visitor: RequirementsProfile = { requirements: [{ attribute: 'dataGb', min: 5 }, { attribute: 'monthly', max: 30 }], items: ['tariff-s'] };
 * console.log(rec.recommend(visitor).map((r) => r.item)); // ['tariff-m']
 * ```
 */
export interface RequirementsProfile extends RecommenderProfile {
  /** The stated requirements. */
  readonly requirements?: readonly Requirement[];
}

/**
 * The JSON form of a {@link KnowledgeRecommender}.
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender, type KnowledgeRecommenderJSON } from 'crm-mining';
 * const rec = KnowledgeRecommender.fit([{ id: 'A1', attributes: { price: 299 } }], { maxRelaxed: 3 });
 * const json: KnowledgeRecommenderJSON = rec.toJSON();
 * console.log(json.family, json.items.length, json.options); // knowledge 1 { maxRelaxed: 3 }
 * const again = KnowledgeRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(again.query([{ attribute: 'price', max: 300 }]).items); // ['A1']
 * ```
 */
export interface KnowledgeRecommenderJSON {
  /** Always `'knowledge'`. */
  family: 'knowledge';
  /** The catalogue. */
  items: AttributedItem[];
  /** The options. */
  options: KnowledgeOptions;
}

/**
 * The knowledge-based recommender. Score: the share of the stated requirements an item meets (1 when it
 * meets all; less when some had to be relaxed). `recommend` accepts a user id (requirements given at
 * fit) or a {@link RequirementsProfile}. Default exclusion: the profile's items, or a known user's
 * items in `options.history`.
 *
 * @example
 * ```ts
 * import { KnowledgeRecommender } from 'crm-mining';
 * const cameras = KnowledgeRecommender.fit([
 *   { id: 'cam-1', attributes: { price: 350, zoom: 10, waterproof: false } },
 *   { id: 'cam-2', attributes: { price: 650, zoom: 30, waterproof: false } },
 *   { id: 'cam-3', attributes: { price: 480, zoom: 5, waterproof: true } },
 * ]);
 * const needs = [{ attribute: 'price', max: 500 }, { attribute: 'zoom', min: 20 }, { attribute: 'waterproof', equals: true }];
 * const [top] = cameras.recommend({ requirements: needs }, { k: 1 });
 * console.log(top.item, top.score.toFixed(2)); // cam-3 0.67: no camera meets all 3, relaxing the zoom leaves cam-3
 * console.log(top.reason); // meets 2 of 3 requirements (price <= 500; waterproof = true); no item meets them all, so relaxed: zoom >= 20
 * ```
 */
export class KnowledgeRecommender implements Recommender {
  /** `'knowledge'`. */
  readonly name = 'knowledge';
  /** The item catalogue. */
  readonly catalogue: ItemCatalogue;
  private readonly items: readonly AttributedItem[];
  private readonly attributeNames: Set<string>;
  private readonly consumed: Map<string, number[]>;
  private readonly options: KnowledgeOptions;
  private readonly maxRelaxed: number;
  private readonly maxSubsets: number;
  private readonly rankKey: Float64Array | undefined;

  private constructor(items: readonly AttributedItem[], options: KnowledgeOptions) {
    const { catalogue, attributes } = readAttributedItems(items);
    this.catalogue = catalogue;
    this.items = items.map((it) => ({ id: it.id, attributes: { ...it.attributes } }));
    this.attributeNames = attributes;
    const history = consumedByUser(options.history, catalogue);
    this.consumed = history.consumed;
    this.options = options.history === undefined ? { ...options } : { ...options, history: history.records };
    this.maxRelaxed = requireInteger('maxRelaxed', options.maxRelaxed ?? 5, 0);
    this.maxSubsets = requireInteger('maxSubsets', options.maxSubsets ?? 1_000_000, 1);
    if (options.requirements !== undefined) {
      for (const [u, reqs] of Object.entries(options.requirements)) checkRequirements(reqs, attributes, `requirements.${u}`);
    }
    if (options.rankBy !== undefined) {
      const { attribute, order = 'desc' } = options.rankBy;
      if (!attributes.has(attribute)) throw new InvalidOptionError('rankBy.attribute', `no item has the attribute ${JSON.stringify(attribute)}`);
      if (order !== 'asc' && order !== 'desc') throw new InvalidOptionError('rankBy.order', `expected 'asc' or 'desc', got ${describe(order)}`);
      const sign = order === 'asc' ? -1 : 1;
      this.rankKey = Float64Array.from(items, (it) => {
        const v = it.attributes[attribute];
        return typeof v === 'number' ? sign * v : -Infinity;
      });
    }
  }

  /**
   * Makes the recommender.
   *
   * @param items - the catalogue with properties (ids distinct).
   * @param options - see {@link KnowledgeOptions}.
   * @throws InvalidInputError for a bad item; InvalidOptionError for a bad option or requirement.
   */
  static fit(items: readonly AttributedItem[], options: KnowledgeOptions = {}): KnowledgeRecommender {
    rejectUnknownOptions(options, KNOWLEDGE_OPTION_KEYS, 'KnowledgeRecommender.fit');
    return new KnowledgeRecommender(items, options);
  }

  /** Restores a recommender from {@link KnowledgeRecommender.toJSON}. */
  static fromJSON(json: unknown): KnowledgeRecommender {
    const j = json as KnowledgeRecommenderJSON;
    if (j === null || typeof j !== 'object' || j.family !== 'knowledge') throw new InvalidInputError(`expected the JSON of a knowledge-based recommender (family "knowledge"), got ${describe(json)}`);
    return new KnowledgeRecommender(j.items, j.options);
  }

  /** The JSON form. */
  toJSON(): KnowledgeRecommenderJSON {
    return structuredClone({ family: 'knowledge' as const, items: this.items as AttributedItem[], options: this.options });
  }

  /** One bitset (32 items per word) per requirement: bit i set when item i meets it. */
  private bitsets(requirements: readonly Requirement[]): Uint32Array[] {
    const n = this.catalogue.size;
    const words = (n + 31) >>> 5;
    return requirements.map((r) => {
      const bits = new Uint32Array(words);
      for (let i = 0; i < n; i++) if (meetsRequirement(this.items[i].attributes[r.attribute], r)) bits[i >>> 5] |= 1 << (i & 31);
      return bits;
    });
  }

  /**
   * The items meeting the requirements, or, when none does, the smallest relaxation and its items
   * (see the module notes for the search and its cap). `items` are all the qualifying items, ranked.
   *
   * @throws InvalidOptionError for a bad requirement (naming it); LimitExceededError when the search
   *   would try more than `maxSubsets` subsets.
   */
  query(requirements: readonly Requirement[], allowed?: Uint8Array): KnowledgeResult {
    checkRequirements(requirements, this.attributeNames);
    const n = this.catalogue.size;
    const words = (n + 31) >>> 5;
    const mask = new Uint32Array(words);
    for (let i = 0; i < n; i++) if (allowed === undefined || allowed[i] === 1) mask[i >>> 5] |= 1 << (i & 31);
    const bits = this.bitsets(requirements);
    const m = requirements.length;
    const acc = new Uint32Array(words);
    const keep = new Uint8Array(m);
    let tried = 0;
    // Does relaxing the requirements in `drop` leave an item? (acc gets the surviving items.)
    const survives = (drop: Int32Array, size: number): boolean => {
      tried++;
      if (tried > this.maxSubsets) {
        throw new LimitExceededError('maxSubsets', `the relaxation search tried more than ${this.maxSubsets} subsets of the ${m} requirements; raise maxSubsets or lower maxRelaxed`);
      }
      keep.fill(1);
      for (let j = 0; j < size; j++) keep[drop[j]] = 0;
      acc.set(mask);
      for (let r = 0; r < m; r++) if (keep[r] === 1) for (let w = 0; w < words; w++) acc[w] &= bits[r][w];
      for (let w = 0; w < words; w++) if (acc[w] !== 0) return true;
      return false;
    };
    let found: number[][] = [];
    const combo = new Int32Array(Math.max(m, 1));
    for (let size = 0; size <= Math.min(this.maxRelaxed, m) && found.length === 0; size++) {
      // Lexicographic combinations of `size` positions out of m.
      for (let j = 0; j < size; j++) combo[j] = j;
      for (;;) {
        if (survives(combo, size)) found.push(Array.from(combo.subarray(0, size)));
        let j = size - 1;
        while (j >= 0 && combo[j] === m - size + j) j--;
        if (j < 0) break;
        combo[j]++;
        for (let t = j + 1; t < size; t++) combo[t] = combo[t - 1] + 1;
      }
    }
    if (found.length === 0) return { items: [], relaxed: null, relaxedIndices: null, alternatives: [], subsetsTried: tried };
    found = found.map((f) => f.slice());
    const first = found[0];
    survives(Int32Array.from(first), first.length);
    tried--; // the re-run to fill `acc` is not part of the search
    const ids: number[] = [];
    for (let i = 0; i < n; i++) if ((acc[i >>> 5] >>> (i & 31)) & 1) ids.push(i);
    if (this.rankKey !== undefined) {
      const key = this.rankKey;
      ids.sort((a, b) => key[b] - key[a] || a - b);
    }
    return {
      items: ids.map((i) => this.catalogue.ids[i]),
      relaxed: first.map((r) => requirements[r]),
      relaxedIndices: first,
      alternatives: found,
      subsetsTried: tried,
    };
  }

  private requirementsOf(forWhom: RecommendFor | RequirementsProfile): { requirements: readonly Requirement[]; exclude: number[] } {
    const p = asProfile(forWhom) as RequirementsProfile;
    let requirements = p.requirements;
    if (requirements === undefined && p.user !== undefined) requirements = this.options.requirements?.[p.user];
    if (requirements === undefined) {
      throw new InvalidInputError(
        p.user !== undefined ? `user ${JSON.stringify(p.user)} has no stated requirements (give them in options.requirements or in the profile)` : 'profile: expected requirements',
        { field: 'requirements' },
      );
    }
    const exclude: number[] = [];
    if (p.items === undefined && p.user !== undefined) exclude.push(...(this.consumed.get(p.user) ?? []));
    for (const id of profileItems(p).ids) {
      const i = this.catalogue.indexOf(id);
      if (i !== undefined) exclude.push(i);
    }
    return { requirements, exclude };
  }

  /**
   * The top-k items meeting the stated requirements (relaxing the fewest when none meets them all),
   * with the requirements met, and any relaxed, as the reason.
   */
  recommend(forWhom: RecommendFor | RequirementsProfile, options?: RecommendOptions): Recommendation[] {
    const k = resolveK(options, 'KnowledgeRecommender.recommend');
    const { requirements, exclude } = this.requirementsOf(forWhom);
    const allowed = allowedItems(this.catalogue, options, exclude);
    const result = this.query(requirements, allowed);
    if (result.relaxed === null) return [];
    const m = requirements.length;
    const met = m - result.relaxed.length;
    const score = m === 0 ? 1 : met / m;
    const scores = new Float64Array(this.catalogue.size).fill(NaN);
    const inResult = result.items.map((id) => this.catalogue.indexOf(id)!);
    // Rank order is the result's order: give decreasing tie-breaking offsets through topK's index order.
    const rank = new Float64Array(this.catalogue.size).fill(NaN);
    inResult.forEach((i, r) => {
      scores[i] = score;
      rank[i] = -r;
    });
    const top = topK(rank, allowed, k);
    const metText = requirements.filter((_, r) => !result.relaxedIndices!.includes(r)).map(formatRequirement);
    const relaxedText = result.relaxed.map(formatRequirement);
    const reason =
      (m === 0 ? 'no requirements stated' : met === m ? `meets all ${m} requirements (${metText.join('; ')})` : `meets ${met} of ${m} requirements (${metText.join('; ') || 'none'})`) +
      (relaxedText.length > 0 ? `; no item meets them all, so relaxed: ${relaxedText.join('; ')}` : '');
    return Array.from(top, (i) => ({ item: this.catalogue.ids[i], score: scores[i], reason }));
  }
}
