/**
 * User × item interaction data for the recommenders: explicit ratings or implicit feedback (purchases,
 * clicks, counts), with string ids mapped to dense integers and the matrix stored sparse, both by user
 * (CSR) and by item (CSC), in typed arrays.
 *
 * Rules, in brief:
 * - ids are strings (numbers in the input are turned into their decimal text); {@link IdMap} maps them
 *   to dense indices 0..n-1 in first-seen order;
 * - a (user, item) pair that occurs more than once is merged by the `duplicates` policy: `'last'` (the
 *   later row in input order wins; the default for explicit ratings), `'mean'`, `'sum'` (the default for
 *   implicit counts), `'max'`, or `'error'` (a typed error naming both rows);
 * - explicit ratings must be finite and inside the rating scale (declared, or by default the observed
 *   minimum and maximum); implicit values must be finite and >= 0 (absent values count 1);
 * - within a user's row, entries are sorted by item index (and within an item's column by user index).
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError, ParseError } from '../core/errors.js';
import { describe, optionKeys, pickOptions, rejectUnknownOptions, requireOneOf } from '../core/validate.js';
import { parseCsv, readCsv } from '../data/csv.js';
import { DECIMAL_CANONICAL, WhitespaceScanner, decimalFlags, fileChunks, scanDecimal, type CsvBatch, type CsvRowSink } from '../data/csv-parser.js';
import type { CellValue, ColumnType, DataTable } from '../data/table.js';

/**
 * A bidirectional map between string ids and dense indices 0..size-1 (first-seen order).
 *
 * @example
 * ```ts
 * import { IdMap } from 'crm-mining';
 * const users = new IdMap(['ann', 'bob']);
 * console.log(users.indexOf('bob'), users.indexOf('zoe'), users.id(0)); // 1 -1 ann
 * ```
 */
export class IdMap {
  /** The ids, by index. */
  readonly ids: readonly string[];
  private readonly index: Map<string, number>;

  /**
   * @param ids - distinct ids; index i is `ids[i]`.
   * @throws InvalidInputError when an id repeats.
   */
  constructor(ids: readonly string[]) {
    this.ids = ids.slice();
    this.index = new Map();
    for (let i = 0; i < ids.length; i++) {
      if (this.index.has(ids[i])) throw new InvalidInputError(`id ${describe(ids[i])} appears twice in the id map`, { row: i });
      this.index.set(ids[i], i);
    }
  }

  /** The number of ids. */
  get size(): number {
    return this.ids.length;
  }

  /** The index of `id`, or -1 when it is not mapped. */
  indexOf(id: string): number {
    const i = this.index.get(id);
    return i === undefined ? -1 : i;
  }

  /** Whether `id` is mapped. */
  has(id: string): boolean {
    return this.index.has(id);
  }

  /** The id at `index`. @throws InvalidInputError when out of range. */
  id(index: number): string {
    if (!(index >= 0 && index < this.ids.length)) {
      throw new InvalidInputError(`index ${index} is out of range [0, ${this.ids.length})`);
    }
    return this.ids[index];
  }

  /** The ids as a plain array (JSON form). */
  toJSON(): string[] {
    return this.ids.slice();
  }

  /** Restores a map from {@link IdMap.toJSON}. */
  static fromJSON(json: unknown): IdMap {
    if (!Array.isArray(json) || json.some((x) => typeof x !== 'string')) {
      throw new InvalidInputError('IdMap JSON: expected an array of strings');
    }
    return new IdMap(json as string[]);
  }
}

/**
 * Whether values are explicit ratings or implicit feedback (counts, purchases, clicks).
 *
 * @example
 * ```ts
 * import { Interactions, type InteractionKind } from 'crm-mining';
 * // purchases: the value is a count, not a rating
 * const kind: InteractionKind = 'implicit';
 * const data = Interactions.fromRecords([{ user: 'u1', item: 'DSL', value: 2 }, { user: 'u2', item: 'DSL' }], { kind });
 * console.log(data.kind, data.value('u2', 'DSL')); // implicit 1
 * ```
 */
export type InteractionKind = 'explicit' | 'implicit';

/**
 * How repeated (user, item) rows are merged: `'last'` keeps the value of the later row in input order,
 * `'mean'` averages, `'sum'` adds, `'max'` keeps the largest, `'error'` throws naming both rows.
 *
 * @example
 * ```ts
 * import { Interactions, type DuplicatePolicy } from 'crm-mining';
 * const duplicates: DuplicatePolicy = 'mean';
 * const data = Interactions.fromRecords(
 *   [
 *     { user: 'ann', item: 'm1', value: 3 },
 *     { user: 'ann', item: 'm1', value: 5 },
 *   ],
 *   { duplicates },
 * );
 * console.log(data.value('ann', 'm1'), data.nnz); // 4 1
 * ```
 */
export type DuplicatePolicy = 'last' | 'mean' | 'sum' | 'max' | 'error';

/**
 * The closed interval of valid ratings.
 *
 * @example
 * ```ts
 * import { Interactions, type RatingScale } from 'crm-mining';
 * // declare the scale: a rating outside it is an error naming the row, and predictions are clipped to it
 * const scale: RatingScale = { min: 0.5, max: 5 };
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'm1', value: 4.5 }], { scale });
 * console.log(data.scale); // { min: 0.5, max: 5 }
 * ```
 */
export interface RatingScale {
  /** The lowest valid rating. */
  readonly min: number;
  /** The highest valid rating. */
  readonly max: number;
}

/**
 * Options of the {@link Interactions} builders.
 *
 * @example
 * ```ts
 * import { Interactions, type InteractionOptions } from 'crm-mining';
 * const options: InteractionOptions = { kind: 'explicit', scale: [1, 5], duplicates: 'error' };
 * const data = Interactions.fromRecords([{ user: 1, item: 10, value: 4 }, { user: 2, item: 10, value: 2 }], options);
 * console.log(data.nUsers, data.nItems, data.globalMean); // 2 1 3
 * ```
 */
export interface InteractionOptions {
  /**
   * Explicit ratings or implicit feedback (default: `'explicit'` when values are given, `'implicit'` when
   * there are none, in which case each row counts 1).
   */
  kind?: InteractionKind;
  /** How repeated (user, item) rows are merged (default `'last'` for explicit, `'sum'` for implicit). */
  duplicates?: DuplicatePolicy;
  /**
   * The rating scale (explicit only). Every rating must lie inside it, else an {@link InvalidInputError}
   * names the row. Default: the observed minimum and maximum.
   */
  scale?: RatingScale | readonly [number, number];
  /** Map user ids through this map instead of building one (ids it lacks are added after its own). */
  users?: IdMap;
  /** Map item ids through this map instead of building one (ids it lacks are added after its own). */
  items?: IdMap;
}

const INTERACTION_OPTION_KEYS = optionKeys<InteractionOptions>({
  kind: true,
  duplicates: true,
  scale: true,
  users: true,
  items: true,
});

/**
 * One interaction as a record.
 *
 * @example
 * ```ts
 * import { Interactions, type InteractionRecord } from 'crm-mining';
 * const records: InteractionRecord[] = [
 *   { user: 'ann', item: 'Heat', value: 4, timestamp: new Date('2024-03-01') },
 *   { user: 'bob', item: 'Heat', value: 5, timestamp: new Date('2024-03-02') },
 * ];
 * console.log(Interactions.fromRecords(records).consumed('ann')); // ['Heat']
 * ```
 */
export interface InteractionRecord {
  /** The user's id. */
  user: string | number;
  /** The item's id. */
  item: string | number;
  /** The rating (explicit) or count/weight (implicit); default 1 for implicit data. */
  value?: number;
  /** When it happened (epoch number, or a Date taken as milliseconds); optional. */
  timestamp?: number | Date;
}

/**
 * Column-wise input of {@link Interactions.fromColumns}.
 *
 * @example
 * ```ts
 * import { Interactions, type InteractionColumns } from 'crm-mining';
 * const columns: InteractionColumns = {
 *   users: ['ann', 'ann', 'bob'],
 *   items: ['DSL', 'TV', 'DSL'],
 * };
 * // no values: implicit feedback, each row counts 1
 * const data = Interactions.fromColumns(columns);
 * console.log(data.kind, data.nnz); // implicit 3
 * ```
 */
export interface InteractionColumns {
  /** User id per row. */
  users: ArrayLike<string | number>;
  /** Item id per row. */
  items: ArrayLike<string | number>;
  /** Rating or count per row (optional: absent means implicit data with value 1). */
  values?: ArrayLike<number>;
  /** Timestamp per row (optional). */
  timestamps?: ArrayLike<number>;
}

interface InteractionParts {
  kind: InteractionKind;
  scale: RatingScale;
  users: IdMap;
  items: IdMap;
  userPtr: Int32Array;
  userItems: Int32Array;
  userValues: Float64Array;
  userTimes: Float64Array | null;
}

/**
 * The JSON form of {@link Interactions}.
 *
 * @example
 * ```ts
 * import { Interactions, type InteractionsJSON } from 'crm-mining';
 * const data = Interactions.fromRecords([{ user: 'ann', item: 'm1', value: 4 }]);
 * const json: InteractionsJSON = data.toJSON();
 * const restored = Interactions.fromJSON(JSON.parse(JSON.stringify(json)));
 * console.log(json.type, restored.value('ann', 'm1')); // interactions 4
 * ```
 */
export interface InteractionsJSON {
  /** Format tag. */
  type: 'interactions';
  /** Explicit or implicit. */
  kind: InteractionKind;
  /** Rating scale. */
  scale: RatingScale;
  /** User ids by index. */
  users: string[];
  /** Item ids by index. */
  items: string[];
  /** CSR row pointers. */
  userPtr: number[];
  /** CSR item indices. */
  userItems: number[];
  /** CSR values. */
  userValues: number[];
  /** CSR timestamps, or null. */
  userTimes: number[] | null;
}

/**
 * A sparse user × item matrix of interactions, immutable. Both orientations are stored:
 * CSR by user (`userPtr`, `userItems`, `userValues`, `userTimes`) and CSC by item (`itemPtr`,
 * `itemUsers`, `itemValues`, `itemEntry`). Entry `e` (0..nnz-1) is the e-th CSR entry; its user is
 * `entryUser[e]`. Users or items of the id maps with no entries are allowed (for example after a split
 * that keeps the whole id maps): they count as unknown to the recommenders.
 *
 * @example
 * ```ts
 * import { Interactions } from 'crm-mining';
 * const data = Interactions.fromRecords([
 *   { user: 'ann', item: 'm1', value: 4 },
 *   { user: 'ann', item: 'm2', value: 2 },
 *   { user: 'bob', item: 'm1', value: 5 },
 * ]);
 * console.log(data.nUsers, data.nItems, data.nnz); // 2 2 3
 * console.log(data.itemCount(data.items.indexOf('m1'))); // 2 users rated m1
 * console.log(data.consumed('ann')); // ['m1', 'm2']
 * ```
 */
export class Interactions {
  /** Explicit ratings or implicit feedback. */
  readonly kind: InteractionKind;
  /** The rating scale (for implicit data: the observed min and max values). */
  readonly scale: RatingScale;
  /** User ids ↔ indices. */
  readonly users: IdMap;
  /** Item ids ↔ indices. */
  readonly items: IdMap;
  /** CSR: entries of user u are `userPtr[u] .. userPtr[u+1]-1` (length nUsers+1). */
  readonly userPtr: Int32Array;
  /** CSR: the item index of each entry, ascending within a user. */
  readonly userItems: Int32Array;
  /** CSR: the value of each entry. */
  readonly userValues: Float64Array;
  /** CSR: the timestamp of each entry, or null when there were none. */
  readonly userTimes: Float64Array | null;
  /** The user index of each CSR entry. */
  readonly entryUser: Int32Array;
  /** CSC: entries of item i are `itemPtr[i] .. itemPtr[i+1]-1` (length nItems+1). */
  readonly itemPtr: Int32Array;
  /** CSC: the user index of each entry, ascending within an item. */
  readonly itemUsers: Int32Array;
  /** CSC: the value of each entry. */
  readonly itemValues: Float64Array;
  /** CSC: the CSR entry number of each CSC entry. */
  readonly itemEntry: Int32Array;
  /** The mean of all values (0 when empty). */
  readonly globalMean: number;

  private constructor(p: InteractionParts) {
    this.kind = p.kind;
    this.scale = p.scale;
    this.users = p.users;
    this.items = p.items;
    this.userPtr = p.userPtr;
    this.userItems = p.userItems;
    this.userValues = p.userValues;
    this.userTimes = p.userTimes;
    const nU = p.users.size;
    const nI = p.items.size;
    const nnz = p.userItems.length;
    const entryUser = new Int32Array(nnz);
    for (let u = 0; u < nU; u++) for (let e = p.userPtr[u]; e < p.userPtr[u + 1]; e++) entryUser[e] = u;
    this.entryUser = entryUser;
    const itemPtr = new Int32Array(nI + 1);
    for (let e = 0; e < nnz; e++) itemPtr[p.userItems[e] + 1]++;
    for (let i = 0; i < nI; i++) itemPtr[i + 1] += itemPtr[i];
    const fill = itemPtr.slice(0, nI);
    const itemUsers = new Int32Array(nnz);
    const itemValues = new Float64Array(nnz);
    const itemEntry = new Int32Array(nnz);
    let sum = 0;
    for (let e = 0; e < nnz; e++) {
      const pos = fill[p.userItems[e]]++;
      itemUsers[pos] = entryUser[e];
      itemValues[pos] = p.userValues[e];
      itemEntry[pos] = e;
      sum += p.userValues[e];
    }
    this.itemPtr = itemPtr;
    this.itemUsers = itemUsers;
    this.itemValues = itemValues;
    this.itemEntry = itemEntry;
    this.globalMean = nnz === 0 ? 0 : sum / nnz;
  }

  /** The number of users in the id map. */
  get nUsers(): number {
    return this.users.size;
  }

  /** The number of items in the id map. */
  get nItems(): number {
    return this.items.size;
  }

  /** The number of stored (user, item) entries. */
  get nnz(): number {
    return this.userItems.length;
  }

  /** How many entries user index `u` has. */
  userCount(u: number): number {
    return this.userPtr[u + 1] - this.userPtr[u];
  }

  /** How many entries item index `i` has. */
  itemCount(i: number): number {
    return this.itemPtr[i + 1] - this.itemPtr[i];
  }

  /** The CSR entry of (u, i) by binary search, or -1. */
  entryOf(u: number, i: number): number {
    let lo = this.userPtr[u];
    let hi = this.userPtr[u + 1] - 1;
    const items = this.userItems;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = items[mid];
      if (v === i) return mid;
      if (v < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The value of (user id, item id), or undefined when there is no entry. */
  value(user: string, item: string): number | undefined {
    const u = this.users.indexOf(user);
    const i = this.items.indexOf(item);
    if (u < 0 || i < 0) return undefined;
    const e = this.entryOf(u, i);
    return e < 0 ? undefined : this.userValues[e];
  }

  /** The item ids a user has interacted with (empty for an unknown user). */
  consumed(user: string): string[] {
    const u = this.users.indexOf(user);
    if (u < 0) return [];
    const out: string[] = [];
    for (let e = this.userPtr[u]; e < this.userPtr[u + 1]; e++) out.push(this.items.ids[this.userItems[e]]);
    return out;
  }

  /**
   * A new Interactions with only the given CSR entries, keeping the same id maps, kind and scale (users
   * and items left with no entries stay in the maps). Used by the splits.
   *
   * @param entries - CSR entry numbers, each in [0, nnz), no repeats (any order).
   */
  select(entries: ArrayLike<number>): Interactions {
    const nnz = this.nnz;
    const keep = new Uint8Array(nnz);
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k];
      if (!(e >= 0 && e < nnz) || !Number.isInteger(e)) throw new InvalidInputError(`entry ${e} is out of range [0, ${nnz})`, { row: k });
      if (keep[e]) throw new InvalidInputError(`entry ${e} is selected twice`, { row: k });
      keep[e] = 1;
    }
    const nU = this.nUsers;
    const n = entries.length;
    const userPtr = new Int32Array(nU + 1);
    const userItems = new Int32Array(n);
    const userValues = new Float64Array(n);
    const userTimes = this.userTimes ? new Float64Array(n) : null;
    let p = 0;
    for (let u = 0; u < nU; u++) {
      for (let e = this.userPtr[u]; e < this.userPtr[u + 1]; e++) {
        if (!keep[e]) continue;
        userItems[p] = this.userItems[e];
        userValues[p] = this.userValues[e];
        if (userTimes) userTimes[p] = (this.userTimes as Float64Array)[e];
        p++;
      }
      userPtr[u + 1] = p;
    }
    return new Interactions({ kind: this.kind, scale: this.scale, users: this.users, items: this.items, userPtr, userItems, userValues, userTimes });
  }

  /** A JSON-serialisable form; {@link Interactions.fromJSON} restores an identical object. */
  toJSON(): InteractionsJSON {
    return {
      type: 'interactions',
      kind: this.kind,
      scale: { min: this.scale.min, max: this.scale.max },
      users: this.users.toJSON(),
      items: this.items.toJSON(),
      userPtr: Array.from(this.userPtr),
      userItems: Array.from(this.userItems),
      userValues: Array.from(this.userValues),
      userTimes: this.userTimes ? Array.from(this.userTimes) : null,
    };
  }

  /** Restores from {@link Interactions.toJSON}. @throws InvalidInputError on a malformed object. */
  static fromJSON(json: unknown): Interactions {
    const j = json as InteractionsJSON;
    if (!j || typeof j !== 'object' || j.type !== 'interactions') {
      throw new InvalidInputError('Interactions JSON: expected an object with type "interactions"');
    }
    const users = IdMap.fromJSON(j.users);
    const items = IdMap.fromJSON(j.items);
    const userPtr = Int32Array.from(j.userPtr);
    const userItems = Int32Array.from(j.userItems);
    const userValues = Float64Array.from(j.userValues);
    if (userPtr.length !== users.size + 1 || userItems.length !== userValues.length || userPtr[users.size] !== userItems.length) {
      throw new InvalidInputError('Interactions JSON: userPtr, userItems and userValues do not agree in length');
    }
    for (let e = 0; e < userItems.length; e++) {
      if (!(userItems[e] >= 0 && userItems[e] < items.size)) throw new InvalidInputError(`Interactions JSON: userItems[${e}] is out of range`);
    }
    return new Interactions({
      kind: requireOneOf('kind', j.kind, ['explicit', 'implicit'] as const),
      scale: { min: Number(j.scale?.min), max: Number(j.scale?.max) },
      users,
      items,
      userPtr,
      userItems,
      userValues,
      userTimes: j.userTimes ? Float64Array.from(j.userTimes) : null,
    });
  }

  /**
   * Builds interactions from records `{ user, item, value?, timestamp? }`.
   *
   * @param records - the rows, in input order (which decides `'last'` among duplicates).
   * @param options - see {@link InteractionOptions}.
   * @throws InvalidInputError for an empty input, a missing id, a bad value or a rating outside the scale
   *   (naming the row), or a duplicate under `duplicates: 'error'`.
   */
  static fromRecords(records: readonly InteractionRecord[], options: InteractionOptions = {}): Interactions {
    rejectUnknownOptions(options, INTERACTION_OPTION_KEYS, 'Interactions.fromRecords');
    if (!Array.isArray(records)) throw new InvalidInputError('interactions: expected an array of records');
    const n = records.length;
    const users: (string | number)[] = new Array(n);
    const items: (string | number)[] = new Array(n);
    let hasValues = false;
    let hasTimes = false;
    for (let r = 0; r < n; r++) {
      const rec = records[r];
      if (rec === null || typeof rec !== 'object') throw new InvalidInputError(`interactions: row ${r} is ${describe(rec)}, expected a record`, { row: r });
      users[r] = rec.user;
      items[r] = rec.item;
      if (rec.value !== undefined) hasValues = true;
      if (rec.timestamp !== undefined) hasTimes = true;
    }
    let values: Float64Array | undefined;
    if (hasValues) {
      values = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const v = records[r].value;
        if (v === undefined) {
          if (options.kind === 'implicit') values[r] = 1;
          else throw new InvalidInputError(`interactions: row ${r} has no value while other rows do`, { row: r, field: 'value' });
        } else values[r] = checkNumber(v, r, 'value');
      }
    }
    let times: Float64Array | undefined;
    if (hasTimes) {
      times = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const t = records[r].timestamp;
        times[r] = t instanceof Date ? t.getTime() : t === undefined ? NaN : checkNumber(t, r, 'timestamp');
        if (Number.isNaN(times[r])) throw new InvalidInputError(`interactions: row ${r} has no valid timestamp while other rows do`, { row: r, field: 'timestamp' });
      }
    }
    return Interactions.fromColumns({ users, items, values, timestamps: times }, options);
  }

  /**
   * Builds interactions from parallel columns.
   *
   * @param columns - user ids, item ids, optional values and timestamps, one per row.
   * @param options - see {@link InteractionOptions}.
   * @throws InvalidInputError as {@link Interactions.fromRecords}.
   */
  static fromColumns(columns: InteractionColumns, options: InteractionOptions = {}): Interactions {
    rejectUnknownOptions(options, INTERACTION_OPTION_KEYS, 'Interactions.fromColumns');
    const opts = resolveOptions(options, columns.values !== undefined);
    const n = columns.users?.length ?? 0;
    if (columns.items?.length !== n) {
      throw new InvalidInputError(`interactions: ${columns.items?.length ?? 0} item ids for ${n} user ids`, { field: 'items' });
    }
    if (columns.values && columns.values.length !== n) {
      throw new InvalidInputError(`interactions: ${columns.values.length} values for ${n} rows`, { field: 'values' });
    }
    if (columns.timestamps && columns.timestamps.length !== n) {
      throw new InvalidInputError(`interactions: ${columns.timestamps.length} timestamps for ${n} rows`, { field: 'timestamps' });
    }
    if (n === 0) throw new InvalidInputError('interactions: no rows; expected at least one (user, item) interaction');
    const userIds = opts.users ? opts.users.ids.slice() : [];
    const itemIds = opts.items ? opts.items.ids.slice() : [];
    const userIndex = new Map<string, number>();
    const itemIndex = new Map<string, number>();
    for (let k = 0; k < userIds.length; k++) userIndex.set(userIds[k], k);
    for (let k = 0; k < itemIds.length; k++) itemIndex.set(itemIds[k], k);
    const ru = new Int32Array(n);
    const ri = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      ru[r] = mapId(columns.users[r], r, 'user', userIndex, userIds);
      ri[r] = mapId(columns.items[r], r, 'item', itemIndex, itemIds);
    }
    return Interactions.fromIndexed(ru, ri, userIds, itemIds, columns.values, columns.timestamps, options);
  }

  /**
   * The part of {@link Interactions.fromColumns} after the ids are mapped: row `r` (of at least one) is user
   * `userIds[ru[r]]` and item `itemIds[ri[r]]`; checks the values and timestamps, sorts, and merges
   * duplicates. For the library's readers, which map ids as they parse.
   *
   * @internal
   */
  static fromIndexed(
    ru: Int32Array,
    ri: Int32Array,
    userIds: string[],
    itemIds: string[],
    values: ArrayLike<number> | undefined,
    timestamps: ArrayLike<number> | undefined,
    options: InteractionOptions,
  ): Interactions {
    const opts = resolveOptions(options, values !== undefined);
    const n = ru.length;
    const vals = new Float64Array(n);
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < n; r++) {
      const v = values ? values[r] : 1;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new InvalidInputError(`interactions: row ${r}: value is ${describe(v)}, expected a finite number`, { row: r, field: 'value' });
      }
      if (opts.kind === 'implicit' && v < 0) {
        throw new InvalidInputError(`interactions: row ${r}: implicit value ${v} is negative; expected a count or weight >= 0`, { row: r, field: 'value' });
      }
      if (opts.scale && (v < opts.scale.min || v > opts.scale.max)) {
        throw new InvalidInputError(
          `interactions: row ${r}: rating ${v} is outside the rating scale [${opts.scale.min}, ${opts.scale.max}]`,
          { row: r, field: 'value' },
        );
      }
      vals[r] = v;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    let times: Float64Array | null = null;
    if (timestamps) {
      times = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const t = timestamps[r];
        if (typeof t !== 'number' || !Number.isFinite(t)) {
          throw new InvalidInputError(`interactions: row ${r}: timestamp is ${describe(t)}, expected a finite number`, { row: r, field: 'timestamp' });
        }
        times[r] = t;
      }
    }
    const nU = userIds.length;
    const nI = itemIds.length;
    // Stable radix sort of rows by (user, item): by item first, then by user.
    const byItem = countingOrder(ri, nI, null);
    const order = countingOrder(ru, nU, byItem);
    // Merge duplicates (adjacent after the sort, in input order).
    const userPtr = new Int32Array(nU + 1);
    const outItems = new Int32Array(n);
    const outVals = new Float64Array(n);
    const outTimes = times ? new Float64Array(n) : null;
    let p = 0;
    let k = 0;
    while (k < n) {
      const r0 = order[k];
      const u = ru[r0];
      const it = ri[r0];
      let end = k + 1;
      while (end < n && ru[order[end]] === u && ri[order[end]] === it) end++;
      let v = vals[r0];
      let t = times ? times[r0] : 0;
      if (end - k > 1) {
        const policy = opts.duplicates;
        if (policy === 'error') {
          throw new InvalidInputError(
            `interactions: rows ${r0} and ${order[k + 1]} both give user ${describe(userIds[u])} and item ${describe(itemIds[it])} (duplicates: 'error'; use 'last', 'mean', 'sum' or 'max')`,
            { row: order[k + 1] },
          );
        }
        let s = 0;
        let mx = -Infinity;
        for (let q = k; q < end; q++) {
          const vq = vals[order[q]];
          s += vq;
          if (vq > mx) mx = vq;
          if (times && times[order[q]] > t) t = times[order[q]];
        }
        const last = order[end - 1];
        if (policy === 'last') {
          v = vals[last];
          if (times) t = times[last];
        } else if (policy === 'mean') v = s / (end - k);
        else if (policy === 'sum') v = s;
        else v = mx;
      }
      outItems[p] = it;
      outVals[p] = v;
      if (outTimes) outTimes[p] = t;
      p++;
      userPtr[u + 1] = p;
      k = end;
    }
    for (let u = 0; u < nU; u++) if (userPtr[u + 1] < userPtr[u]) userPtr[u + 1] = userPtr[u];
    const scale = opts.scale ?? { min: lo, max: hi };
    return new Interactions({
      kind: opts.kind,
      scale,
      users: new IdMap(userIds),
      items: new IdMap(itemIds),
      userPtr,
      userItems: outItems.slice(0, p),
      userValues: outVals.slice(0, p),
      userTimes: outTimes ? outTimes.slice(0, p) : null,
    });
  }

  /**
   * Builds interactions from a parsed table (for example from `readCsv`).
   *
   * @param table - the table.
   * @param columns - which columns hold the user id, item id, and optionally the rating/count and timestamp.
   *   Numeric or date timestamps are accepted (dates become epoch milliseconds).
   * @param options - see {@link InteractionOptions}.
   * @throws InvalidInputError naming a missing column, or a row with a missing id, value or timestamp.
   */
  static fromTable(table: DataTable, columns: InteractionColumnNames, options: InteractionOptions = {}): Interactions {
    rejectUnknownOptions(options, INTERACTION_OPTION_KEYS, 'Interactions.fromTable');
    const uc = table.column(columns.user);
    const ic = table.column(columns.item);
    const n = table.rowCount;
    const users = idColumn(uc.values, columns.user);
    const items = idColumn(ic.values, columns.item);
    let values: Float64Array | undefined;
    if (columns.rating !== undefined) {
      const vc = table.column(columns.rating).values;
      values = new Float64Array(n);
      for (let r = 0; r < n; r++) values[r] = numberCell(vc[r], r, columns.rating);
    }
    let timestamps: Float64Array | undefined;
    if (columns.timestamp !== undefined) {
      const tc = table.column(columns.timestamp).values;
      timestamps = new Float64Array(n);
      for (let r = 0; r < n; r++) {
        const c = tc[r];
        timestamps[r] = c instanceof Date ? c.getTime() : numberCell(c, r, columns.timestamp);
      }
    }
    return Interactions.fromColumns({ users, items, values, timestamps }, options);
  }
}

/**
 * Which columns of a table hold what (see {@link Interactions.fromTable}).
 *
 * @example
 * ```ts
 * import { DataTable, Interactions, type InteractionColumnNames } from 'crm-mining';
 * const table = DataTable.fromRecords([
 *   { customer: 'c1', product: 'router', qty: 1 },
 *   { customer: 'c2', product: 'router', qty: 2 },
 * ]);
 * const columns: InteractionColumnNames = { user: 'customer', item: 'product', rating: 'qty' };
 * const data = Interactions.fromTable(table, columns, { kind: 'implicit' });
 * console.log(data.value('c2', 'router')); // 2
 * ```
 */
export interface InteractionColumnNames {
  /** The user-id column. */
  user: string;
  /** The item-id column. */
  item: string;
  /** The rating (explicit) or count (implicit) column; absent means implicit data with value 1. */
  rating?: string;
  /** The timestamp column (numbers or ISO dates), optional. */
  timestamp?: string;
}

/**
 * The text formats {@link readInteractions} understands.
 *
 * @example
 * ```ts
 * import { parseInteractions, type InteractionFormat } from 'crm-mining';
 * // MovieLens 100k's u.data: user, item, rating, timestamp separated by tabs, no header
 * const format: InteractionFormat = 'whitespace';
 * const data = await parseInteractions('196\t242\t3\t881250949\n186\t302\t3\t891717742\n', {
 *   format,
 *   header: false,
 *   user: '1',
 *   item: '2',
 *   rating: '3',
 *   timestamp: '4',
 * });
 * console.log(data.nnz, data.value('196', '242')); // 2 3
 * ```
 */
export type InteractionFormat = 'csv' | 'tsv' | 'whitespace';

/**
 * Options of {@link readInteractions} and {@link parseInteractions}.
 *
 * @example
 * ```ts
 * import { readInteractions, type ReadInteractionsOptions } from 'crm-mining';
 * const options: ReadInteractionsOptions = { user: 'userId', item: 'movieId', rating: 'rating', timestamp: 'timestamp', scale: [0.5, 5] };
 * // e.g. MovieLens latest-small's ratings.csv
 * const ratings = await readInteractions('ratings.csv', options);
 * console.log(ratings.nUsers, ratings.nItems);
 * ```
 */
export interface ReadInteractionsOptions extends InteractionOptions, InteractionColumnNames {
  /**
   * `'csv'` (comma), `'tsv'` (tab) or `'whitespace'` (default `'csv'`). Whitespace files (MovieLens 100k's
   * `u.data`): lines end at `\n`, `\r\n` or `\r`; each line is trimmed and, unless empty (then skipped),
   * split at runs of spaces and tabs; every line must have as many fields as the first; ratings and
   * timestamps are read as `Number` reads them and must be finite (else a `ParseError` naming the line).
   */
  format?: InteractionFormat;
  /**
   * Whether the first line is a header (default true). Without one, columns are named by their 1-based
   * position: `'1'`, `'2'`, `'3'`, … (`'column1'` etc. are accepted too).
   */
  header?: boolean;
  /**
   * The name of the input in error messages (default: the path for {@link readInteractions}, `'<string>'`
   * for {@link parseInteractions}), as `CsvOptions.source` is for `readCsv`: for example the file
   * name as a user typed it rather than the resolved path.
   *
   * @example
   * ```ts
   * import { ParseError, parseInteractions } from 'crm-mining';
   * try {
   *   await parseInteractions('user item rating\nann m1 five\n', { format: 'whitespace', user: 'user', item: 'item', rating: 'rating', source: 'ratings.txt' });
   * } catch (err) {
   *   if (err instanceof ParseError) console.log(err.message); // ratings.txt: line 2, column rating: "five" is not a number
   * }
   * ```
   */
  source?: string;
}

const READ_INTERACTIONS_OPTION_KEYS = optionKeys<ReadInteractionsOptions>({
  format: true,
  header: true,
  source: true,
  kind: true,
  duplicates: true,
  scale: true,
  users: true,
  items: true,
  user: true,
  item: true,
  rating: true,
  timestamp: true,
});

/**
 * Reads interactions from a CSV, TSV or whitespace-separated file (CSV and TSV through `readCsv`; the
 * whitespace format through a scanner of its own). Either way the file is streamed in chunks of 64 KiB,
 * never held whole as one string, and ids, ratings and timestamps are read as the rows arrive.
 *
 * @param path - the file.
 * @param options - columns, format, header and the {@link InteractionOptions}.
 * @returns the interactions.
 * @throws FileError for a missing or unreadable file; ParseError naming the line of a malformed row or a
 *   non-numeric rating; InvalidInputError as {@link Interactions.fromColumns}.
 *
 * @example
 * ```ts
 * import { readInteractions } from 'crm-mining';
 * const ratings = await readInteractions('ratings.csv', { user: 'userId', item: 'movieId', rating: 'rating' });
 * console.log(`${ratings.nnz} ratings by ${ratings.nUsers} users of ${ratings.nItems} items`);
 * ```
 */
export async function readInteractions(path: string, options: ReadInteractionsOptions): Promise<Interactions> {
  rejectUnknownOptions(options, READ_INTERACTIONS_OPTION_KEYS, 'readInteractions');
  const format = requireOneOf('format', options.format ?? 'csv', ['csv', 'tsv', 'whitespace'] as const);
  const source = sourceName(options, path);
  if (format === 'whitespace') return readWhitespace(path, options, source);
  return tableInteractions(await readCsv(path, csvOptions(options, format, source)), options);
}

/**
 * Parses interactions from text (same rules as {@link readInteractions}).
 *
 * @param text - the file's content.
 * @param options - as {@link readInteractions}.
 *
 * @example
 * ```ts
 * import { parseInteractions } from 'crm-mining';
 * const csv = 'user,item,rating\nann,m1,4\nbob,m1,5\nbob,m2,3\n';
 * const data = await parseInteractions(csv, { user: 'user', item: 'item', rating: 'rating' });
 * console.log(data.globalMean); // 4
 * ```
 */
export async function parseInteractions(text: string, options: ReadInteractionsOptions): Promise<Interactions> {
  rejectUnknownOptions(options, READ_INTERACTIONS_OPTION_KEYS, 'parseInteractions');
  const format = requireOneOf('format', options.format ?? 'csv', ['csv', 'tsv', 'whitespace'] as const);
  const source = sourceName(options, '<string>');
  if (format === 'whitespace') return parseWhitespace(text, options, source);
  return tableInteractions(await parseCsv(text, csvOptions(options, format, source)), options);
}

/** `options.source`, checked, or `fallback` when it is absent. */
function sourceName(options: ReadInteractionsOptions, fallback: string): string {
  const source = options.source ?? fallback;
  if (typeof source !== 'string') throw new InvalidOptionError('source', `expected a string, got ${describe(source)}`);
  return source;
}

// ---------------------------------------------------------------------------------------------------------

/** {@link InteractionOptions} checked, with the defaults filled in. */
interface ResolvedInteractionOptions {
  kind: InteractionKind;
  duplicates: DuplicatePolicy;
  scale: RatingScale | undefined;
  users: IdMap | undefined;
  items: IdMap | undefined;
}

function resolveOptions(options: InteractionOptions, hasValues: boolean): ResolvedInteractionOptions {
  if (options === null || typeof options !== 'object') throw new InvalidOptionError('options', 'expected an object');
  const kind = options.kind === undefined ? (hasValues ? 'explicit' : 'implicit') : requireOneOf('kind', options.kind, ['explicit', 'implicit'] as const);
  if (kind === 'explicit' && !hasValues) {
    throw new InvalidOptionError('kind', "'explicit' needs a rating per row (give values / a rating column)");
  }
  const duplicates =
    options.duplicates === undefined
      ? kind === 'explicit'
        ? 'last'
        : 'sum'
      : requireOneOf('duplicates', options.duplicates, ['last', 'mean', 'sum', 'max', 'error'] as const);
  let scale: RatingScale | undefined;
  if (options.scale !== undefined) {
    const s = options.scale as RatingScale | readonly [number, number];
    const min = Array.isArray(s) ? s[0] : (s as RatingScale).min;
    const max = Array.isArray(s) ? s[1] : (s as RatingScale).max;
    if (typeof min !== 'number' || typeof max !== 'number' || !Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      throw new InvalidOptionError('scale', `expected { min, max } (or [min, max]) with finite min <= max, got ${JSON.stringify(options.scale)}`);
    }
    scale = { min, max };
  }
  return { kind: kind as InteractionKind, duplicates: duplicates as DuplicatePolicy, scale, users: options.users, items: options.items };
}

function mapId(raw: unknown, r: number, field: string, index: Map<string, number>, ids: string[]): number {
  let id: string;
  if (typeof raw === 'string') {
    if (raw === '') throw new InvalidInputError(`interactions: row ${r}: the ${field} id is empty`, { row: r, field });
    id = raw;
  } else if (typeof raw === 'number' && Number.isFinite(raw)) id = String(raw);
  else throw new InvalidInputError(`interactions: row ${r}: the ${field} id is ${describe(raw)}, expected a string or number`, { row: r, field });
  let k = index.get(id);
  if (k === undefined) {
    k = ids.length;
    ids.push(id);
    index.set(id, k);
  }
  return k;
}

/** Stable counting sort of row numbers by key (applied on top of `prior` order when given). */
function countingOrder(key: Int32Array, nKeys: number, prior: Int32Array | null): Int32Array {
  const n = key.length;
  const count = new Int32Array(nKeys + 1);
  for (let r = 0; r < n; r++) count[key[r] + 1]++;
  for (let k = 0; k < nKeys; k++) count[k + 1] += count[k];
  const out = new Int32Array(n);
  for (let q = 0; q < n; q++) {
    const r = prior ? prior[q] : q;
    out[count[key[r]]++] = r;
  }
  return out;
}

function checkNumber(v: unknown, r: number, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new InvalidInputError(`interactions: row ${r}: ${field} is ${describe(v)}, expected a finite number`, { row: r, field });
  }
  return v;
}

/** The ids of a column: its own array when every cell is a string or a number (no copy), else converted. */
function idColumn(values: readonly CellValue[], name: string): readonly (string | number)[] {
  for (let r = 0; r < values.length; r++) {
    const c = values[r];
    if (typeof c !== 'string' && typeof c !== 'number') return convertIds(values, name);
  }
  return values as readonly (string | number)[];
}

function convertIds(values: readonly CellValue[], name: string): (string | number)[] {
  const out: (string | number)[] = new Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const c = values[r];
    if (c === null) throw new InvalidInputError(`interactions: row ${r}: column "${name}" is missing; expected an id`, { row: r, field: name });
    out[r] = typeof c === 'number' || typeof c === 'string' ? c : c instanceof Date ? c.toISOString() : String(c);
  }
  return out;
}

function numberCell(c: CellValue, r: number, name: string): number {
  if (typeof c === 'number' && Number.isFinite(c)) return c;
  throw new InvalidInputError(`interactions: row ${r}: column "${name}" is ${c === null ? 'missing' : describe(c)}, expected a number`, {
    row: r,
    field: name,
  });
}

function positional(name: string, header: boolean): string {
  if (header) return name;
  return /^[0-9]+$/.test(name) ? `column${name}` : name;
}

function columnNames(options: ReadInteractionsOptions): InteractionColumnNames {
  if (typeof options?.user !== 'string' || typeof options.item !== 'string') {
    throw new InvalidOptionError('user/item', 'expected the names (or 1-based positions without a header) of the user and item columns');
  }
  const header = options.header ?? true;
  return {
    user: positional(options.user, header),
    item: positional(options.item, header),
    rating: options.rating === undefined ? undefined : positional(options.rating, header),
    timestamp: options.timestamp === undefined ? undefined : positional(options.timestamp, header),
  };
}

function csvOptions(options: ReadInteractionsOptions, format: InteractionFormat, source: string) {
  const cols = columnNames(options);
  const columnTypes: Record<string, ColumnType> = { [cols.user]: 'string', [cols.item]: 'string' };
  if (cols.rating !== undefined) columnTypes[cols.rating] = 'number';
  return { delimiter: format === 'tsv' ? '\t' : ',', header: options.header ?? true, columnTypes, source };
}

/** The {@link InteractionOptions} part of the reader's options (the others are the reader's own). */
function interactionOptions(options: ReadInteractionsOptions): InteractionOptions {
  return pickOptions(options, INTERACTION_OPTION_KEYS);
}

function tableInteractions(table: DataTable, options: ReadInteractionsOptions): Interactions {
  return Interactions.fromTable(table, columnNames(options), interactionOptions(options));
}

/** Canonical non-negative integer ids below this are looked up in a table rather than a map. */
const SMALL_ID = 1 << 16;

/**
 * Ids met in text, mapped to dense indices in first-seen order (after those of a given {@link IdMap}),
 * without slicing a field whose id is known: an id written as JavaScript writes a number (`196`, `3.5`) is
 * looked up by its value (a small non-negative integer in a table), any other by its text.
 */
class TextIdIndex {
  readonly ids: string[];
  private small = new Int32Array(1024).fill(-1);
  private readonly byNumber = new Map<number, number>();
  private readonly byText = new Map<string, number>();

  constructor(seed: IdMap | undefined) {
    this.ids = seed ? seed.ids.slice() : [];
    for (let k = 0; k < this.ids.length; k++) {
      const id = this.ids[k];
      this.place(scanDecimal(id, 0, id.length), id, k);
    }
  }

  /** The index of the id `s[a, e)`, added when new. */
  indexOf(s: string, a: number, e: number): number {
    const v = scanDecimal(s, a, e);
    let k: number | undefined;
    if (v === v && decimalFlags === DECIMAL_CANONICAL) {
      if (v >= 0 && v < SMALL_ID && v === Math.floor(v)) {
        if (v < this.small.length && this.small[v] >= 0) return this.small[v];
      } else {
        k = this.byNumber.get(v);
        if (k !== undefined) return k;
      }
      k = this.ids.length;
      this.ids.push(s.slice(a, e));
      this.place(v, '', k);
      return k;
    }
    const text = s.slice(a, e);
    k = this.byText.get(text);
    if (k === undefined) {
      k = this.ids.length;
      this.ids.push(text);
      this.byText.set(text, k);
    }
    return k;
  }

  /** Files index `k` under `v` (what scanDecimal gave for its text, and the flags it left) or else `text`. */
  private place(v: number, text: string, k: number): void {
    if (v !== v || decimalFlags !== DECIMAL_CANONICAL) this.byText.set(text, k);
    else if (v >= 0 && v < SMALL_ID && v === Math.floor(v)) {
      if (v >= this.small.length) {
        let cap = this.small.length * 2;
        while (cap <= v) cap *= 2;
        const grown = new Int32Array(cap).fill(-1);
        grown.set(this.small);
        this.small = grown;
      }
      this.small[v] = k;
    } else this.byNumber.set(v, k);
  }
}

/**
 * Collects the rows of a whitespace-separated interaction file from a {@link WhitespaceScanner}: the first
 * line is the header (or, without one, only gives the number of columns), every line must have as many
 * fields, ids are mapped as they come and ratings and timestamps parsed straight from the text.
 */
class WhitespaceRows implements CsvRowSink {
  private readonly header: boolean;
  private readonly cols: InteractionColumnNames;
  private names: string[] | undefined;
  private ui = -1;
  private ii = -1;
  private vi = -1;
  private ti = -1;
  readonly users: TextIdIndex;
  readonly items: TextIdIndex;
  /** Per row: the user and item indices, the rating and the timestamp. */
  ru = new Int32Array(1024);
  ri = new Int32Array(1024);
  values = new Float64Array(1024);
  times = new Float64Array(1024);
  count = 0;

  /**
   * @param options - the reader's options.
   * @param source - the source named in errors.
   * @param sizeHint - the input's length (bytes or characters), to size the arrays from the first rows.
   */
  constructor(
    options: ReadInteractionsOptions,
    private readonly source: string,
    private readonly sizeHint: number,
  ) {
    this.header = options.header ?? true;
    this.cols = columnNames(options);
    this.users = new TextIdIndex(options.users);
    this.items = new TextIdIndex(options.items);
  }

  rows(s: string, batch: CsvBatch): void {
    let r = 0;
    if (this.names === undefined) {
      if (batch.count === 0) return;
      this.start(s, batch);
      if (this.header) r = 1;
      // the first rows show how long a row is: expect as many more as the rest of the input holds
      const expected = Math.ceil((batch.count * this.sizeHint * 1.02) / Math.max(1, batch.end)) + 64;
      if (expected > this.ru.length) this.grow(Math.min(expected, this.sizeHint + 64));
    }
    const need = this.count + batch.count - r;
    if (need > this.ru.length) this.grow(need);
    const width = (this.names as string[]).length;
    const bounds = batch.bounds;
    const { ui, ii, vi, ti } = this;
    let n = this.count;
    for (; r < batch.count; r++) {
      const line = batch.lines[r];
      if (batch.widths[r] !== width) {
        this.count = n;
        throw new ParseError(`expected ${width} fields, found ${batch.widths[r]}`, { line, source: this.source });
      }
      const j = 2 * batch.firsts[r];
      this.ru[n] = this.users.indexOf(s, bounds[j + 2 * ui], bounds[j + 2 * ui + 1]);
      this.ri[n] = this.items.indexOf(s, bounds[j + 2 * ii], bounds[j + 2 * ii + 1]);
      if (vi >= 0) this.values[n] = this.number(s, bounds[j + 2 * vi], bounds[j + 2 * vi + 1], line, this.cols.rating as string);
      if (ti >= 0) this.times[n] = this.number(s, bounds[j + 2 * ti], bounds[j + 2 * ti + 1], line, this.cols.timestamp as string);
      n++;
    }
    this.count = n;
  }

  /** Reads the first line: the column names, and where the wanted columns are. */
  private start(s: string, batch: CsvBatch): void {
    const width = batch.widths[0];
    const names: string[] = new Array(width);
    for (let k = 0; k < width; k++) {
      const f = batch.firsts[0] + k;
      names[k] = this.header ? s.slice(batch.bounds[2 * f], batch.bounds[2 * f + 1]) : `column${k + 1}`;
    }
    this.names = names;
    const find = (name: string | undefined): number => {
      if (name === undefined) return -1;
      const k = names.indexOf(name);
      if (k < 0) {
        throw new InvalidInputError(`${this.source}: no column named "${name}"; the columns are ${names.map((x) => `"${x}"`).join(', ')}`, {
          field: name,
        });
      }
      return k;
    };
    this.ui = find(this.cols.user);
    this.ii = find(this.cols.item);
    this.vi = find(this.cols.rating);
    this.ti = find(this.cols.timestamp);
  }

  /** The number `s[a, e)`, as `Number` reads it. @throws ParseError unless it is finite. */
  private number(s: string, a: number, e: number, line: number, column: string): number {
    const fast = scanDecimal(s, a, e);
    if (fast === fast) return fast;
    return parseNum(s.slice(a, e), line, column, this.source);
  }

  /** Makes room for at least `need` rows (and at least twice as many as there was). */
  private grow(need: number): void {
    const cap = Math.max(need, 2 * this.ru.length);
    this.ru = withCapacity(this.ru, cap);
    this.ri = withCapacity(this.ri, cap);
    if (this.vi >= 0) this.values = withCapacity(this.values, cap);
    if (this.ti >= 0) this.times = withCapacity(this.times, cap);
  }

  /** The interactions (after the last row). */
  build(options: ReadInteractionsOptions): Interactions {
    const picked = interactionOptions(options);
    const n = this.count;
    const hasValues = this.vi >= 0;
    if (n === 0) {
      // no data row: the same checks and errors as for empty columns
      return Interactions.fromColumns({ users: [], items: [], values: hasValues ? [] : undefined, timestamps: this.ti >= 0 ? [] : undefined }, picked);
    }
    return Interactions.fromIndexed(
      this.ru.subarray(0, n),
      this.ri.subarray(0, n),
      this.users.ids,
      this.items.ids,
      hasValues ? this.values.subarray(0, n) : undefined,
      this.ti >= 0 ? this.times.subarray(0, n) : undefined,
      picked,
    );
  }
}

/** A copy of `a` with room for `capacity` elements. */
function withCapacity<T extends Int32Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (length: number) => T)(capacity);
  b.set(a);
  return b;
}

/** Reads a whitespace-separated file as a stream (see {@link WhitespaceScanner} and {@link WhitespaceRows}). */
async function readWhitespace(path: string, options: ReadInteractionsOptions, source: string): Promise<Interactions> {
  let rows: WhitespaceRows | undefined;
  let scanner: WhitespaceScanner | undefined;
  const file = { size: 0 };
  for await (const chunk of fileChunks(path, file)) {
    if (rows === undefined) {
      rows = new WhitespaceRows(options, source, file.size);
      scanner = new WhitespaceScanner(source, rows);
    }
    (scanner as WhitespaceScanner).pushBytes(chunk);
  }
  rows ??= new WhitespaceRows(options, source, 0);
  scanner?.finish();
  return rows.build(options);
}

/** Parses whitespace-separated text (as {@link readWhitespace}). */
function parseWhitespace(text: string, options: ReadInteractionsOptions, source: string): Interactions {
  const rows = new WhitespaceRows(options, source, text.length);
  const scanner = new WhitespaceScanner(source, rows);
  scanner.push(text);
  scanner.finish();
  return rows.build(options);
}

function parseNum(s: string, line: number, column: string, source: string): number {
  const v = Number(s);
  if (s === '' || !Number.isFinite(v)) throw new ParseError(`${JSON.stringify(s)} is not a number`, { line, column, source });
  return v;
}
