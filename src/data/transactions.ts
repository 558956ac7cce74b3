/**
 * A set of transactions (market baskets) stored compactly: item names are kept once, items are
 * integer ids inside, and each transaction is a sorted, duplicate-free run of ids in one `Int32Array`.
 *
 * @module
 */
import { InvalidInputError } from '../core/errors.js';

/**
 * Transactions in compressed-row form: transaction `t` holds the ids
 * `items[offsets[t]] … items[offsets[t + 1] - 1]`, sorted ascending and distinct. Item `id` is named
 * `itemNames[id]`. Ids are assigned in order of first appearance. Immutable once built.
 *
 * Empty transactions are allowed and count towards {@link TransactionSet.size} (and so towards the
 * denominator of support), as in R arules.
 *
 * @example
 * ```ts
 * import { TransactionSet } from 'crm-mining';
 * const baskets = TransactionSet.fromArrays([
 *   ['bread', 'milk'],
 *   ['bread', 'butter', 'bread'], // a duplicate counts once
 *   [],
 * ]);
 * console.log(baskets.size, baskets.itemCount); // 3 3
 * console.log(baskets.transaction(1), baskets.itemCounts()); // [ 'bread', 'butter' ] Int32Array(3) [ 2, 1, 1 ]
 * ```
 */
export class TransactionSet {
  /** All transactions' item ids, concatenated. */
  readonly items: Int32Array;
  /** `size + 1` offsets into {@link TransactionSet.items}. */
  readonly offsets: Int32Array;
  /** The name of each item id. */
  readonly itemNames: readonly string[];
  /** Optional per-transaction identifiers (for example order numbers from a long-format file). */
  readonly ids?: readonly string[];
  private readonly nameIndex: Map<string, number>;

  /**
   * Low-level constructor; most callers use {@link TransactionSet.fromArrays} or a reader in `data/`.
   * Checks the structure (offsets monotone, ids in range, sorted and distinct within a transaction).
   *
   * @throws InvalidInputError when the arrays are inconsistent.
   */
  constructor(items: Int32Array, offsets: Int32Array, itemNames: readonly string[], ids?: readonly string[]) {
    if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== items.length) {
      throw new InvalidInputError('offsets must start at 0 and end at items.length');
    }
    const built = builtIndex;
    builtIndex = null;
    // from TransactionBuilder.build: sorted, distinct and in range by construction, names indexed
    this.nameIndex = built ?? checkedNameIndex(items, offsets, itemNames);
    if (ids !== undefined && ids.length !== offsets.length - 1) {
      throw new InvalidInputError(`ids has ${ids.length} entries, expected ${offsets.length - 1}`);
    }
    this.items = items;
    this.offsets = offsets;
    this.itemNames = itemNames;
    if (ids !== undefined) this.ids = ids;
  }

  /** The number of transactions (N, the denominator of support). */
  get size(): number {
    return this.offsets.length - 1;
  }

  /** The number of distinct items. */
  get itemCount(): number {
    return this.itemNames.length;
  }

  /** The ids of transaction `t` (a view; do not modify). */
  transactionIds(t: number): Int32Array {
    return this.items.subarray(this.offsets[t], this.offsets[t + 1]);
  }

  /** The item names of transaction `t`, in id order. */
  transaction(t: number): string[] {
    const out: string[] = [];
    for (let k = this.offsets[t]; k < this.offsets[t + 1]; k++) out.push(this.itemNames[this.items[k]]);
    return out;
  }

  /** The id of the named item, or `undefined` when no transaction contains it. */
  itemId(name: string): number | undefined {
    return this.nameIndex.get(name);
  }

  /** How many transactions contain each item, indexed by id. */
  itemCounts(): Int32Array {
    const c = new Int32Array(this.itemNames.length);
    for (let k = 0; k < this.items.length; k++) c[this.items[k]]++;
    return c;
  }

  /** All transactions as arrays of item names (a copy). */
  toArrays(): string[][] {
    const out: string[][] = new Array(this.size);
    for (let t = 0; t < this.size; t++) out[t] = this.transaction(t);
    return out;
  }

  /**
   * Builds transactions from arrays of item names. Duplicate items within a transaction count once.
   * Names are used as given (no trimming here; the text readers trim).
   *
   * @throws InvalidInputError naming the transaction when an item is not a non-empty string.
   */
  static fromArrays(baskets: Iterable<Iterable<string>>, ids?: readonly string[]): TransactionSet {
    const builder = new TransactionBuilder();
    let t = 0;
    for (const basket of baskets) {
      if (typeof basket === 'string') {
        // A string is iterable, but its characters are not its items: almost surely a missing array.
        throw new InvalidInputError(`transaction ${t}: expected an array of item names, got the string ${JSON.stringify(basket)}`, {
          row: t,
        });
      }
      const row: string[] = [];
      for (const item of basket) {
        if (typeof item !== 'string' || item.length === 0) {
          throw new InvalidInputError(
            `transaction ${t}: every item must be a non-empty string, got ${item === '' ? 'an empty string' : typeof item}`,
            { row: t },
          );
        }
        row.push(item);
      }
      builder.add(row);
      t++;
    }
    return builder.build(ids);
  }
}

/**
 * Set by {@link TransactionBuilder.build} for the one TransactionSet it constructs: the name index of its
 * items, whose transactions need no checking (they are sorted, distinct and in range by construction).
 */
let builtIndex: Map<string, number> | null = null;

/**
 * Incremental builder used by every transaction reader: assigns ids in order of first appearance,
 * removes duplicates within a transaction and sorts each transaction's ids.
 *
 * @example
 * ```ts
 * import { TransactionBuilder } from 'crm-mining';
 * const builder = new TransactionBuilder();
 * builder.add(['tea', 'scone']);
 * const tea = builder.idOf('tea'); // 0: ids follow first appearance
 * builder.addIds([builder.idOf('jam'), tea]);
 * const baskets = builder.build(['order-1', 'order-2']);
 * console.log(baskets.toArrays(), baskets.ids); // [ [ 'tea', 'scone' ], [ 'tea', 'jam' ] ] [ 'order-1', 'order-2' ]
 * ```
 */
export class TransactionBuilder {
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  /** The ids of the transactions added, then those of the one being added (up to `open`). */
  private items = new Int32Array(1024);
  /** Where the transactions added end. */
  private length = 0;
  /** Where the transaction being added ends (`length` when none is being added). */
  private open = 0;
  /** `size + 1` offsets into `items`. */
  private offsets = new Int32Array(256);
  private count = 0;

  /** The number of transactions added so far. */
  get size(): number {
    return this.count;
  }

  /** The id of `name`, assigning the next id if it is new. */
  idOf(name: string): number {
    let id = this.index.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.index.set(name, id);
    }
    return id;
  }

  /** Adds one transaction given by item names (duplicates allowed; they count once). */
  add(itemNames: readonly string[]): void {
    for (const n of itemNames) this.pushId(this.idOf(n));
    this.endTransaction();
  }

  /**
   * Adds one transaction given by ids from {@link TransactionBuilder.idOf} (duplicates allowed).
   *
   * @throws InvalidInputError naming the transaction when an id is not an integer id already assigned.
   */
  addIds(ids: ArrayLike<number>): void {
    const n = ids.length;
    const nNames = this.names.length;
    for (let k = 0; k < n; k++) {
      const id = ids[k];
      if (!Number.isInteger(id) || id < 0 || id >= nNames) {
        this.open = this.length; // drop the ids pushed so far
        throw new InvalidInputError(
          `transaction ${this.count}: item id ${String(id)} at position ${k} is not an id assigned by idOf (0 to ${nNames - 1})`,
          { row: this.count },
        );
      }
      this.pushId(id);
    }
    this.endTransaction();
  }

  /**
   * Adds `id` to the transaction being added, unchecked: it must come from {@link TransactionBuilder.idOf}.
   * For the library's readers, which end each transaction with {@link TransactionBuilder.endTransaction}.
   *
   * @internal
   */
  pushId(id: number): void {
    if (this.open === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.open++] = id;
  }

  /**
   * Ends the transaction of the ids pushed since the last one ended (none: an empty transaction): sorts
   * them and drops repeats.
   *
   * @internal
   */
  endTransaction(): void {
    const items = this.items;
    const start = this.length;
    const stop = this.open;
    // sort in place (insertion sort for the usual short baskets) and drop repeats
    if (stop - start > 32) {
      items.subarray(start, stop).sort();
    } else {
      for (let k = start + 1; k < stop; k++) {
        const v = items[k];
        let j = k - 1;
        while (j >= start && items[j] > v) {
          items[j + 1] = items[j];
          j--;
        }
        items[j + 1] = v;
      }
    }
    let end = start;
    for (let k = start; k < stop; k++) {
      if (end === start || items[k] !== items[end - 1]) items[end++] = items[k];
    }
    this.length = end;
    this.open = end;
    if (this.count + 1 === this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[++this.count] = end;
  }

  /** Finishes and returns the transaction set. */
  build(ids?: readonly string[]): TransactionSet {
    builtIndex = new Map(this.index);
    try {
      return new TransactionSet(this.items.slice(0, this.length), this.offsets.slice(0, this.count + 1), this.names.slice(), ids);
    } finally {
      builtIndex = null;
    }
  }
}

/**
 * Checks the arrays of a {@link TransactionSet} (each transaction's ids in range, sorted and distinct;
 * the names distinct) and returns the index of the item names.
 *
 * @throws InvalidInputError naming the transaction or the name at fault.
 */
function checkedNameIndex(items: Int32Array, offsets: Int32Array, itemNames: readonly string[]): Map<string, number> {
  const nItems = itemNames.length;
  for (let t = 0; t + 1 < offsets.length; t++) {
    const a = offsets[t];
    const b = offsets[t + 1];
    if (b < a) throw new InvalidInputError(`offsets decrease at transaction ${t}`, { row: t });
    for (let k = a; k < b; k++) {
      const id = items[k];
      if (id < 0 || id >= nItems) throw new InvalidInputError(`transaction ${t}: item id ${id} out of range`, { row: t });
      if (k > a && items[k - 1] >= id) {
        throw new InvalidInputError(`transaction ${t}: item ids must be sorted ascending and distinct`, { row: t });
      }
    }
  }
  const nameIndex = new Map<string, number>();
  for (let id = 0; id < nItems; id++) {
    const first = nameIndex.get(itemNames[id]);
    if (first !== undefined) {
      throw new InvalidInputError(`itemNames: ${JSON.stringify(itemNames[id])} names both item ${first} and item ${id}; names must be distinct`);
    }
    nameIndex.set(itemNames[id], id);
  }
  return nameIndex;
}
