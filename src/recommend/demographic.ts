/**
 * Demographic recommending: users are grouped by their personal attributes (age band, gender, region,
 * contract, any categorical or numeric attribute), and a user is recommended what their group consumes.
 * It needs no rating history, so it serves new users: a profile with attributes only is enough.
 *
 * Two ways to form the group ({@link DemographicOptions.mode}):
 * - `'segment'` (default): the users with exactly the same values of the chosen attributes (numeric
 *   attributes cut into bands by {@link DemographicOptions.bands}; a missing value is its own category);
 * - `'nearest'`: the `neighbours` users most similar by attributes, each weighted by its similarity
 *   (a Gower-style similarity: the mean over the attributes both users have of 1/0 for equal/unequal
 *   categories and `1 − |x − y| / range` for numbers).
 *
 * **Shrinkage.** The score of item i is the group's share of consumers of i, shrunk toward the item's
 * global share: `score(i) = (c_G(i) + m · p(i)) / (n_G + m)`, where `c_G(i)` is the (similarity-weighted)
 * number of group members who consumed i, `n_G` the (weighted) size of the group, `p(i)` the share of all
 * users who consumed i, and `m` the {@link DemographicOptions.shrinkage} (default 10). This is the
 * posterior mean of the group's rate under a Beta prior worth `m` pseudo-users centred on the global rate:
 * a small group barely moves away from global popularity, a large one speaks for itself, and an unknown
 * segment (no member) gets global popularity.
 *
 * **Leave-self-out.** For a known user, the group is the *other* users: in `'segment'` mode a user is
 * not counted in their own segment (neither their consumption in `c_G(i)` nor themselves in `n_G`), as
 * `'nearest'` mode never counts a user among their own neighbours. Otherwise a user's own history would
 * inflate the scores of the items they already have and shrink the weight of everyone else's, more so
 * the smaller the segment; a user alone in their segment gets global popularity. This applies when the
 * request names a known user (`'u1'` or `{ user: 'u1', … }`) whose stored attributes put them in the
 * segment asked for; a profile with attributes only is a new user and counts no one out. The global
 * share `p(i)` is over all users, the user included.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions, requireFinite, requireInteger, requireOneOf } from '../core/validate.js';
import { allowedItems, asProfile, fmt, ItemCatalogue, profileItems, readHistory, resolveK, topK, type HistoryInput, type HistoryRecord } from './request.js';
import type { Recommendation, RecommendFor, RecommendOptions, Recommender } from './types.js';

/**
 * A user attribute's value: a category (string or boolean), a number, or null (missing).
 *
 * @example
 * ```ts
 * import { DemographicRecommender, type AttributeValue } from 'crm-mining';
 * const ann: Record<string, AttributeValue> = { age: 34, region: 'north', senior: false, contract: null }; // null: unknown
 * const rec = DemographicRecommender.fit({ ann }, { ann: ['DSL'] });
 * console.log(rec.attributes); // ['age', 'region', 'senior', 'contract']
 * ```
 */
export type AttributeValue = string | number | boolean | null;

/**
 * Users' attributes: a record of user id → attributes, or an array of `{ id, attributes }`.
 *
 * @example
 * ```ts
 * import { DemographicRecommender, type UserAttributesInput } from 'crm-mining';
 * // the same users in the two accepted shapes
 * const asRecord: UserAttributesInput = { c1: { region: 'north' }, c2: { region: 'south' } };
 * const asRows: UserAttributesInput = [{ id: 'c1', attributes: { region: 'north' } }, { id: 'c2', attributes: { region: 'south' } }];
 * const history = { c1: ['DSL'], c2: ['TV'] };
 * const a = DemographicRecommender.fit(asRecord, history).recommend({ attributes: { region: 'south' } }, { k: 1 });
 * const b = DemographicRecommender.fit(asRows, history).recommend({ attributes: { region: 'south' } }, { k: 1 });
 * console.log(a[0].item, b[0].item); // TV TV
 * ```
 */
export type UserAttributesInput =
  | Readonly<Record<string, Readonly<Record<string, AttributeValue>>>>
  | readonly { readonly id: string; readonly attributes: Readonly<Record<string, AttributeValue>> }[];

/**
 * Options of {@link DemographicRecommender.fit}.
 *
 * @example
 * ```ts
 * import { DemographicRecommender, type DemographicOptions } from 'crm-mining';
 * const users = { c1: { age: 23, region: 'north' }, c2: { age: 29, region: 'north' }, c3: { age: 61, region: 'north' } };
 * const history = { c1: ['Streaming'], c2: ['Streaming', 'DSL'], c3: ['Landline'] };
 * // age bands <30, 30–60, >=60; no shrinkage toward global popularity
 * const options: DemographicOptions = { attributes: ['age'], bands: { age: [30, 60] }, shrinkage: 0 };
 * const rec = DemographicRecommender.fit(users, history, options);
 * console.log(rec.segmentOf({ age: 25 })); // age=<30
 * console.log(rec.recommend({ attributes: { age: 25 } }, { k: 1 })[0].item); // Streaming
 * ```
 */
export interface DemographicOptions {
  /** How the user's group is formed: `'segment'` (default) or `'nearest'` (see the module notes). */
  mode?: 'segment' | 'nearest';
  /** The attributes used (default: every attribute any user has, in first-seen order). */
  attributes?: readonly string[];
  /**
   * Bands for numeric attributes in `'segment'` mode: sorted cut points, for example
   * `{ age: [25, 35, 50, 65] }` gives the bands `<25`, `25–35`, `35–50`, `50–65`, `>=65` (a band holds its
   * lower edge). A numeric attribute without bands is used by its exact value. Default: none.
   */
  bands?: Readonly<Record<string, readonly number[]>>;
  /** `'nearest'` mode: how many most-similar users form the group (default 30). */
  neighbours?: number;
  /** `m`, the weight of global popularity in pseudo-users (default 10; 0: no shrinkage). */
  shrinkage?: number;
  /** An unknown user id: `'ignore'` (default: treated as a user with no attributes, so global popularity) or `'error'`. */
  unknown?: 'ignore' | 'error';
}

const DEMOGRAPHIC_OPTION_KEYS = optionKeys<DemographicOptions>({
  mode: true,
  attributes: true,
  bands: true,
  neighbours: true,
  shrinkage: true,
  unknown: true,
});

/**
 * The JSON form of a {@link DemographicRecommender}: its inputs, from which `fromJSON` refits.
 *
 * @example
 * ```ts
 * import { DemographicRecommender, type DemographicRecommenderJSON } from 'crm-mining';
 * const rec = DemographicRecommender.fit({ c1: { region: 'north' } }, [{ user: 'c1', item: 'DSL', rating: 4 }], { shrinkage: 5 });
 * const json: DemographicRecommenderJSON = rec.toJSON();
 * console.log(json.history, json.options); // [{ user: 'c1', item: 'DSL' }] { shrinkage: 5 }
 * const again = DemographicRecommender.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(again.recommend({ attributes: { region: 'north' } })[0].item); // DSL
 * ```
 */
export interface DemographicRecommenderJSON {
  /** Always `'demographic'`. */
  family: 'demographic';
  /** Each user's attributes. */
  users: Record<string, Record<string, AttributeValue>>;
  /** The history as records (ratings dropped: this family uses who consumed what). */
  history: HistoryRecord[];
  /** The item catalogue, in order. */
  items: string[];
  /** The options. */
  options: DemographicOptions;
}

interface AttributeColumn {
  name: string;
  numeric: boolean;
  /** Numeric values (NaN missing), by user. */
  numbers: Float64Array;
  /** Category codes (−1 missing), by user. */
  codes: Int32Array;
  /** Category labels by code. */
  labels: string[];
  labelIndex: Map<string, number>;
  range: number;
  bands: readonly number[] | undefined;
}

/**
 * The demographic recommender. Scores are shrunk consumption shares in [0, 1]. `recommend` accepts a
 * user id (that user's stored attributes) or a profile `{ attributes, items? }` (a new user: attributes
 * only is enough; `items` only serve as the default exclusion).
 *
 * @example
 * ```ts
 * import { DemographicRecommender } from 'crm-mining';
 * const users = {
 *   c1: { contract: 'Two year', senior: 1 }, c2: { contract: 'Two year', senior: 1 },
 *   c3: { contract: 'Month-to-month', senior: 0 }, c4: { contract: 'Month-to-month', senior: 0 },
 * };
 * const history = { c1: ['TechSupport', 'Landline'], c2: ['TechSupport'], c3: ['Streaming'], c4: ['Streaming', 'Fiber'] };
 * const rec = DemographicRecommender.fit(users, history, { shrinkage: 2 });
 * // a new customer: attributes are enough
 * const [top] = rec.recommend({ attributes: { contract: 'Two year', senior: 1 } }, { k: 1 });
 * console.log(top.item, top.score); // TechSupport 0.75: (2 + 2 · 0.5) / (2 + 2)
 * console.log(top.reason); // 100% of customers in segment contract=Two year, senior=1 have it (2 of 2), shrunk toward 50% overall
 * ```
 */
export class DemographicRecommender implements Recommender {
  /** `'demographic'`. */
  readonly name = 'demographic';
  /** The items any user consumed, plus any given in `items` at fit. */
  readonly catalogue: ItemCatalogue;
  private readonly userIds: string[];
  private readonly userIndex: Map<string, number>;
  private readonly columns: AttributeColumn[];
  private readonly userPtr: Int32Array;
  private readonly userItems: Int32Array;
  private readonly globalShare: Float64Array;
  private readonly segments: Map<string, { size: number; counts: Float64Array }>;
  private readonly mode: 'segment' | 'nearest';
  private readonly neighbours: number;
  private readonly shrinkage: number;
  private readonly unknown: 'ignore' | 'error';
  private readonly json: DemographicRecommenderJSON;

  private constructor(json: DemographicRecommenderJSON) {
    this.json = json;
    const o = json.options;
    this.mode = requireOneOf('mode', o.mode ?? 'segment', ['segment', 'nearest'] as const);
    this.neighbours = requireInteger('neighbours', o.neighbours ?? 30, 1);
    this.shrinkage = requireFinite('shrinkage', o.shrinkage ?? 10);
    if (this.shrinkage < 0) throw new InvalidOptionError('shrinkage', `expected a number >= 0, got ${this.shrinkage}`);
    this.unknown = requireOneOf('unknown', o.unknown ?? 'ignore', ['ignore', 'error'] as const);

    // Users: those with attributes, then those only in the history.
    this.userIds = Object.keys(json.users);
    this.userIndex = new Map(this.userIds.map((u, i) => [u, i]));
    const consumed = readHistory(json.history);
    for (const u of consumed.keys()) {
      if (!this.userIndex.has(u)) {
        this.userIndex.set(u, this.userIds.length);
        this.userIds.push(u);
      }
    }
    const itemIds = json.items.slice();
    const seen = new Set(itemIds);
    for (const m of consumed.values()) for (const it of m.keys()) if (!seen.has(it)) (seen.add(it), itemIds.push(it));
    if (itemIds.length === 0) throw new InvalidInputError('history: no item was consumed; the demographic recommender needs some consumption to recommend', { field: 'history' });
    this.catalogue = new ItemCatalogue(itemIds);
    const nu = this.userIds.length;
    this.userPtr = new Int32Array(nu + 1);
    const flat: number[] = [];
    for (let u = 0; u < nu; u++) {
      const m = consumed.get(this.userIds[u]);
      if (m !== undefined) for (const it of m.keys()) flat.push(this.catalogue.indexOf(it)!);
      this.userPtr[u + 1] = flat.length;
    }
    this.userItems = Int32Array.from(flat);
    const ni = this.catalogue.size;
    this.globalShare = new Float64Array(ni);
    for (let p = 0; p < this.userItems.length; p++) this.globalShare[this.userItems[p]] += 1;
    for (let i = 0; i < ni; i++) this.globalShare[i] /= nu;

    // Attribute columns.
    const names = o.attributes !== undefined ? o.attributes.slice() : [...new Set(this.userIds.flatMap((u) => Object.keys(json.users[u] ?? {})))];
    if (o.attributes !== undefined) {
      if (!Array.isArray(o.attributes)) throw new InvalidOptionError('attributes', `expected an array of attribute names, got ${describe(o.attributes)}`);
      const known = new Set(Object.values(json.users).flatMap((a) => Object.keys(a)));
      for (const a of names) if (!known.has(a)) throw new InvalidOptionError('attributes', `no user has the attribute ${JSON.stringify(a)}`);
    }
    this.columns = names.map((name) => this.column(name, o.bands?.[name]));
    if (o.bands !== undefined) {
      for (const b of Object.keys(o.bands)) if (!names.includes(b)) throw new InvalidOptionError(`bands.${b}`, `${JSON.stringify(b)} is not one of the attributes used (${names.join(', ')})`);
    }

    // Segment counts.
    this.segments = new Map();
    if (this.mode === 'segment') {
      for (let u = 0; u < nu; u++) {
        const key = this.segmentKey((c) => this.cellLabel(c, u));
        let s = this.segments.get(key);
        if (s === undefined) this.segments.set(key, (s = { size: 0, counts: new Float64Array(ni) }));
        s.size++;
        for (let p = this.userPtr[u]; p < this.userPtr[u + 1]; p++) s.counts[this.userItems[p]] += 1;
      }
    }
  }

  private column(name: string, bands: readonly number[] | undefined): AttributeColumn {
    const nu = this.userIds.length;
    let numeric = true;
    let any = false;
    for (const u of this.userIds) {
      const v = this.json.users[u]?.[name];
      if (v === null || v === undefined) continue;
      any = true;
      if (typeof v !== 'number') numeric = false;
      if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') {
        throw new InvalidInputError(`users[${JSON.stringify(u)}].${name}: expected a string, number, boolean or null, got ${describe(v)}`, { field: name });
      }
      if (typeof v === 'number' && !Number.isFinite(v)) {
        throw new InvalidInputError(`users[${JSON.stringify(u)}].${name}: expected a finite number, got ${v}`, { field: name });
      }
    }
    if (!any) numeric = false;
    if (bands !== undefined) {
      if (!Array.isArray(bands) || bands.some((b, i) => typeof b !== 'number' || !Number.isFinite(b) || (i > 0 && b <= bands[i - 1]))) {
        throw new InvalidOptionError(`bands.${name}`, `expected strictly increasing finite numbers, got ${describe(bands)}`);
      }
      if (!numeric) throw new InvalidOptionError(`bands.${name}`, `the attribute ${JSON.stringify(name)} is not numeric`);
    }
    const col: AttributeColumn = {
      name,
      numeric,
      numbers: new Float64Array(nu).fill(NaN),
      codes: new Int32Array(nu).fill(-1),
      labels: [],
      labelIndex: new Map(),
      range: 0,
      bands,
    };
    let lo = Infinity;
    let hi = -Infinity;
    for (let u = 0; u < nu; u++) {
      const v = this.json.users[this.userIds[u]]?.[name];
      if (v === null || v === undefined) continue;
      if (numeric) {
        col.numbers[u] = v as number;
        lo = Math.min(lo, v as number);
        hi = Math.max(hi, v as number);
      }
      col.codes[u] = this.code(col, this.label(col, v));
    }
    col.range = hi > lo ? hi - lo : 0;
    return col;
  }

  private label(col: Pick<AttributeColumn, 'numeric' | 'bands'>, v: AttributeValue): string {
    if (v === null) return 'missing';
    if (col.numeric && typeof v === 'number' && col.bands !== undefined) {
      const b = col.bands;
      if (v < b[0]) return `<${b[0]}`;
      for (let i = 1; i < b.length; i++) if (v < b[i]) return `${b[i - 1]}–${b[i]}`;
      return `>=${b[b.length - 1]}`;
    }
    return String(v);
  }

  private code(col: AttributeColumn, label: string): number {
    let c = col.labelIndex.get(label);
    if (c === undefined) {
      c = col.labels.length;
      col.labelIndex.set(label, c);
      col.labels.push(label);
    }
    return c;
  }

  private cellLabel(c: number, u: number): string {
    const code = this.columns[c].codes[u];
    return code < 0 ? 'missing' : this.columns[c].labels[code];
  }

  private segmentKey(labelOf: (c: number) => string): string {
    return this.columns.map((col, c) => `${col.name}=${labelOf(c)}`).join(', ');
  }

  /**
   * Fits the recommender.
   *
   * @param users - each user's attributes (users without attributes may appear in the history only).
   * @param history - who consumed what (ratings are ignored: consumption is what counts).
   * @param options - see {@link DemographicOptions}.
   * @param items - extra catalogue items no one consumed yet (default none).
   * @throws InvalidInputError for a bad attribute value or history record (naming it) or no consumption
   *   at all; InvalidOptionError for a bad option.
   */
  static fit(users: UserAttributesInput, history: HistoryInput, options: DemographicOptions = {}, items: readonly string[] = []): DemographicRecommender {
    rejectUnknownOptions(options, DEMOGRAPHIC_OPTION_KEYS, 'DemographicRecommender.fit');
    const attrs: Record<string, Record<string, AttributeValue>> = {};
    if (Array.isArray(users)) {
      users.forEach((u, r) => {
        if (u === null || typeof u !== 'object' || typeof u.id !== 'string' || u.attributes === null || typeof u.attributes !== 'object') {
          throw new InvalidInputError(`users[${r}]: expected { id, attributes }, got ${describe(u)}`, { row: r });
        }
        attrs[u.id] = { ...u.attributes };
      });
    } else if (users !== null && typeof users === 'object') {
      for (const [id, a] of Object.entries(users)) {
        if (a === null || typeof a !== 'object') throw new InvalidInputError(`users[${JSON.stringify(id)}]: expected a record of attributes, got ${describe(a)}`, { field: id });
        attrs[id] = { ...a };
      }
    } else {
      throw new InvalidInputError(`users: expected a record of user → attributes or an array of { id, attributes }, got ${describe(users)}`, { field: 'users' });
    }
    const records: HistoryRecord[] = [];
    for (const [user, m] of readHistory(history)) for (const item of m.keys()) records.push({ user, item });
    return new DemographicRecommender({ family: 'demographic', users: attrs, history: records, items: items.slice(), options: { ...options } });
  }

  /** Restores a recommender from {@link DemographicRecommender.toJSON} (by refitting on the stored inputs: identical). */
  static fromJSON(json: unknown): DemographicRecommender {
    const j = json as DemographicRecommenderJSON;
    if (j === null || typeof j !== 'object' || j.family !== 'demographic') throw new InvalidInputError(`expected the JSON of a demographic recommender (family "demographic"), got ${describe(json)}`);
    return new DemographicRecommender(j);
  }

  /** The JSON form (the inputs and options). */
  toJSON(): DemographicRecommenderJSON {
    return structuredClone(this.json);
  }

  /** The attributes used, in order. */
  get attributes(): string[] {
    return this.columns.map((c) => c.name);
  }

  /**
   * The segment a set of attributes falls in (`'segment'` mode's group key), for example
   * `"Contract=Two year, SeniorCitizen=0"`; attributes the profile lacks are `missing`.
   */
  segmentOf(attributes: Readonly<Record<string, AttributeValue>>): string {
    return this.segmentKey((c) => {
      const v = attributes[this.columns[c].name];
      return v === undefined ? 'missing' : this.label(this.columns[c], v);
    });
  }

  private resolve(forWhom: RecommendFor): { attributes: Readonly<Record<string, AttributeValue>>; self: number; exclude: number[] } {
    const p = asProfile(forWhom);
    const self = p.user !== undefined ? this.userIndex.get(p.user) ?? -1 : -1;
    if (p.user !== undefined && self < 0 && p.attributes === undefined && this.unknown === 'error') {
      throw new InvalidInputError(`unknown user ${JSON.stringify(p.user)}: no attributes or history`, { field: 'user' });
    }
    let attributes: Readonly<Record<string, AttributeValue>> = {};
    if (p.attributes !== undefined) {
      if (p.attributes === null || typeof p.attributes !== 'object') throw new InvalidInputError(`profile.attributes: expected a record, got ${describe(p.attributes)}`, { field: 'attributes' });
      attributes = p.attributes;
    } else if (self >= 0) attributes = this.json.users[this.userIds[self]] ?? {};
    let exclude: number[] = [];
    if (p.items !== undefined) {
      for (const id of profileItems(p).ids) {
        const i = this.catalogue.indexOf(id);
        if (i !== undefined) exclude.push(i);
      }
    } else if (self >= 0) exclude = Array.from(this.userItems.subarray(this.userPtr[self], this.userPtr[self + 1]));
    return { attributes, self, exclude };
  }

  /** The group of a request: weighted counts per item and the weighted size, with a description. */
  private group(attributes: Readonly<Record<string, AttributeValue>>, self: number): { counts: Float64Array; size: number; members: number; label: string; selfOut: boolean } {
    if (this.mode === 'segment') {
      const key = this.segmentOf(attributes);
      const s = this.segments.get(key);
      const counts = s !== undefined ? s.counts.slice() : new Float64Array(this.catalogue.size);
      let size = s?.size ?? 0;
      // Leave the user out of their own segment: the group speaks for the other members.
      const selfOut = self >= 0 && s !== undefined && this.segmentKey((c) => this.cellLabel(c, self)) === key;
      if (selfOut) {
        size--;
        for (let p = this.userPtr[self]; p < this.userPtr[self + 1]; p++) counts[this.userItems[p]] -= 1;
      }
      return { counts, size, members: size, label: key, selfOut };
    }
    // Nearest users by Gower-style similarity.
    const nu = this.userIds.length;
    const nc = this.columns.length;
    const qNum = new Float64Array(nc).fill(NaN);
    const qCode = new Int32Array(nc).fill(-2);
    for (let c = 0; c < nc; c++) {
      const col = this.columns[c];
      const v = attributes[col.name];
      if (v === null || v === undefined) continue;
      if (col.numeric && typeof v === 'number') qNum[c] = v;
      else qCode[c] = col.labelIndex.get(this.label(col, v)) ?? -3; // -3: a category no user has
    }
    const sim = new Float64Array(nu);
    for (let u = 0; u < nu; u++) {
      let s = 0;
      let m = 0;
      for (let c = 0; c < nc; c++) {
        const col = this.columns[c];
        if (col.numeric && !Number.isNaN(qNum[c])) {
          const x = col.numbers[u];
          if (Number.isNaN(x)) continue;
          s += col.range > 0 ? Math.max(0, 1 - Math.abs(x - qNum[c]) / col.range) : x === qNum[c] ? 1 : 0;
          m++;
        } else if (qCode[c] !== -2) {
          const code = col.codes[u];
          if (code < 0) continue;
          s += code === qCode[c] ? 1 : 0;
          m++;
        }
      }
      sim[u] = m > 0 ? s / m : 0;
    }
    if (self >= 0) sim[self] = -1;
    const everyone = new Uint8Array(nu).fill(1);
    const near = topK(sim, everyone, Math.min(this.neighbours, nu), 1e-12);
    const counts = new Float64Array(this.catalogue.size);
    let size = 0;
    for (const u of near) {
      const w = sim[u];
      size += w;
      for (let p = this.userPtr[u]; p < this.userPtr[u + 1]; p++) counts[this.userItems[p]] += w;
    }
    return { counts, size, members: near.length, label: `the ${near.length} most similar customers`, selfOut: self >= 0 };
  }

  /** The shrunk score of every catalogue item for a user or profile. */
  scores(forWhom: RecommendFor): Float64Array {
    const r = this.resolve(forWhom);
    const g = this.group(r.attributes, r.self);
    return this.shrunk(g.counts, g.size);
  }

  private shrunk(counts: Float64Array, size: number): Float64Array {
    const n = this.catalogue.size;
    const out = new Float64Array(n);
    const m = this.shrinkage;
    const denom = size + m;
    for (let i = 0; i < n; i++) out[i] = denom > 0 ? (counts[i] + m * this.globalShare[i]) / denom : this.globalShare[i];
    return out;
  }

  /**
   * The top-k items of the user's group by shrunk consumption share, with the group's share, the global
   * share and the group in the reason.
   */
  recommend(forWhom: RecommendFor, options?: RecommendOptions): Recommendation[] {
    const k = resolveK(options, 'DemographicRecommender.recommend');
    const r = this.resolve(forWhom);
    const g = this.group(r.attributes, r.self);
    const scores = this.shrunk(g.counts, g.size);
    const allowed = allowedItems(this.catalogue, options, r.exclude);
    const out: Recommendation[] = [];
    for (const i of topK(scores, allowed, k)) {
      const share = g.size > 0 ? g.counts[i] / g.size : NaN;
      const who = this.mode === 'segment' ? `customers in segment ${g.label}` : g.label;
      const reason =
        g.members === 0
          ? `no ${g.selfOut ? 'other ' : ''}customer matches these attributes (${g.label}); ${pct(this.globalShare[i])} of all customers have it`
          : `${pct(share)} of ${who} have it (${fmt(g.counts[i])} of ${fmt(g.size)}), shrunk toward ${pct(this.globalShare[i])} overall`;
      out.push({ item: this.catalogue.ids[i], score: scores[i], reason });
    }
    return out;
  }
}

function pct(x: number): string {
  return `${fmt(100 * x)}%`;
}
