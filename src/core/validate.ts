/**
 * Input-validation helpers: each checks one option or value and throws a typed error naming it.
 *
 * @module
 */
import { InvalidOptionError } from './errors.js';

/**
 * Checks that `value` is a finite number; returns it.
 *
 * @example
 * ```ts
 * import { requireFinite } from 'crm-mining';
 * const rate = requireFinite('discountRate', 0.1); // returns the value
 * try {
 *   requireFinite('discountRate', Number.NaN);
 * } catch (err) {
 *   console.log((err as Error).message); // option discountRate: expected a finite number, got NaN
 * }
 * console.log(rate);
 * ```
 */
export function requireFinite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError(name, `expected a finite number, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is an integer in [min, max]; returns it. The message states the range as
 * `in [1, 100]`, or with one end unlimited as `>= 1` (`<= 0`), or not at all when neither end is a limit.
 *
 * @example
 * ```ts
 * import { requireInteger } from 'crm-mining';
 * const k = requireInteger('k', 5, 1); // an integer of at least 1
 * try {
 *   requireInteger('k', 2.5, 1, 100);
 * } catch (err) {
 *   console.log((err as Error).message); // option k: expected an integer in [1, 100], got 2.5
 * }
 * console.log(k);
 * ```
 */
export function requireInteger(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(name, `expected an integer${bounds(min, max, true, true)}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is a finite number in the interval between `min` and `max`, each end open or
 * closed as given; returns it. The message states the interval as `in (0, 1]`, or with one end unlimited
 * (`Infinity`, or `Number.MAX_VALUE` to keep out `Infinity` too) as `>= 0` (`> 0`, `<= 1`, `< 1`); with a
 * `Number.MAX_VALUE` end it reads `expected a finite number >= 0`.
 *
 * @example
 * ```ts
 * import { requireInRange } from 'crm-mining';
 * requireInRange('minSupport', 0.01, 0, 1, { minInclusive: false }); // accepted: 0 < 0.01 <= 1
 * try {
 *   requireInRange('minSupport', 0, 0, 1, { minInclusive: false });
 * } catch (err) {
 *   console.log((err as Error).message); // option minSupport: expected a number in (0, 1], got 0
 * }
 * ```
 */
export function requireInRange(
  name: string,
  value: unknown,
  min: number,
  max: number,
  { minInclusive = true, maxInclusive = true }: { minInclusive?: boolean; maxInclusive?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (minInclusive ? value >= min : value > min) &&
    (maxInclusive ? value <= max : value < max);
  if (!ok) {
    throw new InvalidOptionError(name, `expected a ${finiteBound(min, max, minInclusive, maxInclusive) ? 'finite ' : ''}number${bounds(min, max, minInclusive, maxInclusive)}, got ${describe(value)}`);
  }
  return value as number;
}

/**
 * Checks that `value` is one of `allowed`; returns it.
 *
 * @example
 * ```ts
 * import { requireOneOf } from 'crm-mining';
 * const input: unknown = 'median';
 * try {
 *   const method = requireOneOf('method', input, ['mean', 'sum'] as const);
 *   console.log(method);
 * } catch (err) {
 *   console.log((err as Error).message); // option method: expected one of 'mean', 'sum', got "median"
 * }
 * ```
 */
export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidOptionError(name, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/**
 * Checks that `value` is a boolean; returns it.
 *
 * @example
 * ```ts
 * import { requireBoolean } from 'crm-mining';
 * const header = requireBoolean('header', true);
 * try {
 *   requireBoolean('header', 'yes');
 * } catch (err) {
 *   console.log((err as Error).message); // option header: expected true or false, got "yes"
 * }
 * console.log(header);
 * ```
 */
export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidOptionError(name, `expected true or false, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is an array of exactly `length` strings (feature or column names, one per column);
 * returns it. A string of the right length, or names that are numbers, are rejected instead of being
 * taken as names.
 *
 * @example
 * ```ts
 * import { requireNames } from 'crm-mining';
 * const names = requireNames('featureNames', ['tenure', 'bill'], 2);
 * try {
 *   requireNames('featureNames', ['tenure'], 2);
 * } catch (err) {
 *   console.log((err as Error).message); // option featureNames: has 1 names, expected 2 (one per column)
 * }
 * console.log(names);
 * ```
 */
export function requireNames(name: string, value: unknown, length: number): readonly string[] {
  if (!Array.isArray(value)) throw new InvalidOptionError(name, `expected an array of ${length} names, got ${describe(value)}`);
  if (value.length !== length) throw new InvalidOptionError(name, `has ${value.length} names, expected ${length} (one per column)`);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') throw new InvalidOptionError(`${name}[${i}]`, `expected a name (a string), got ${describe(value[i])}`);
  }
  return value as readonly string[];
}

/**
 * A short, safe rendering of a value for an error message.
 *
 * @example
 * ```ts
 * import { describe } from 'crm-mining';
 * console.log(describe([1, 2, 3])); // an array of length 3
 * console.log(describe('x'.repeat(50))); // the string, cut to 40 characters and quoted
 * console.log(describe(null)); // null
 * ```
 */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 37) + '...' : value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return typeof value;
}

/** Whether an end is no limit in words: ±Infinity, or ±`Number.MAX_VALUE` (the largest finite number, inclusive). */
function unbounded(end: number, inclusive: boolean): boolean {
  return end === Infinity || end === -Infinity || (inclusive && (end === Number.MAX_VALUE || end === -Number.MAX_VALUE));
}

/** Whether an end at ±`Number.MAX_VALUE` makes the range "finite" (it then excludes ±Infinity). */
function finiteBound(min: number, max: number, minIn: boolean, maxIn: boolean): boolean {
  return (minIn && min === -Number.MAX_VALUE) || (maxIn && max === Number.MAX_VALUE);
}

/**
 * The range of a message, after "expected an integer" or "expected a number": ` in [1, 10]` or
 * ` in (0, 1]` when both ends are limits, ` >= 1` or ` > 0` (` <= 9`, ` < 0`) when one is, and nothing
 * when neither is, so that a message never reads `in [1, Infinity]` or `in [0, 1.7976931348623157e+308]`.
 */
function bounds(min: number, max: number, minIn: boolean, maxIn: boolean): string {
  const noMin = unbounded(min, minIn);
  const noMax = unbounded(max, maxIn);
  if (noMin && noMax) return '';
  if (noMax) return ` ${minIn ? '>=' : '>'} ${min}`;
  if (noMin) return ` ${maxIn ? '<=' : '<'} ${max}`;
  return ` in ${minIn ? '[' : '('}${min}, ${max}${maxIn ? ']' : ')'}`;
}

/**
 * Every key of an options type, including the keys of each member when the type is a union (plain
 * `keyof` of a union keeps only the keys its members share).
 *
 * @example
 * ```ts
 * import type { OptionKey } from 'crm-mining';
 * type Shape = { kind: 'circle'; radius?: number } | { kind: 'square'; side?: number };
 * const key: OptionKey<Shape> = 'side'; // 'kind' | 'radius' | 'side'
 * console.log(key);
 * ```
 */
export type OptionKey<T> = T extends unknown ? Extract<keyof T, string> : never;

/**
 * The complete list of an options type's keys, as {@link optionKeys} returns it.
 *
 * @example
 * ```ts
 * import { optionKeys, type OptionKeyList } from 'crm-mining';
 * interface PlotOptions { width?: number; height?: number }
 * const PLOT_OPTION_KEYS: OptionKeyList<PlotOptions> = optionKeys<PlotOptions>({ width: true, height: true });
 * console.log(PLOT_OPTION_KEYS); // [ 'width', 'height' ]
 * ```
 */
export type OptionKeyList<T> = readonly OptionKey<T>[];

/**
 * Every key of an options type mapped to `true`: the argument of {@link optionKeys}. Options types that
 * share keys (one interface extending another) compose their key sets by spreading, and the compiler
 * still checks each composed set is complete.
 *
 * @example
 * ```ts
 * import { optionKeys, type OptionKeySet } from 'crm-mining';
 * interface SizeOptions { width?: number; height?: number }
 * interface PlotOptions extends SizeOptions { title?: string }
 * const SIZE_KEYS: OptionKeySet<SizeOptions> = { width: true, height: true };
 * const PLOT_OPTION_KEYS = optionKeys<PlotOptions>({ ...SIZE_KEYS, title: true });
 * console.log(PLOT_OPTION_KEYS); // [ 'width', 'height', 'title' ]
 * ```
 */
export type OptionKeySet<T> = { readonly [K in OptionKey<T>]-?: true };

/**
 * Lists the keys of an options type so that TypeScript checks the list is complete: the argument is an
 * object literal with one `true` per key, and the compiler rejects it when a key of `T` is missing or
 * when it names a key `T` does not have. Adding an option to the interface without adding it here is a
 * compile error, so the list used by {@link rejectUnknownOptions} cannot fall behind the interface.
 *
 * @example
 * ```ts
 * import { optionKeys } from 'crm-mining';
 * interface FitOptions { maxIterations?: number; tolerance?: number; seed?: number }
 * const FIT_OPTION_KEYS = optionKeys<FitOptions>({ maxIterations: true, tolerance: true, seed: true });
 * console.log(FIT_OPTION_KEYS); // [ 'maxIterations', 'tolerance', 'seed' ]
 * // optionKeys<FitOptions>({ maxIterations: true, tolerance: true }) does not compile: seed is missing
 * ```
 */
export function optionKeys<T>(keys: OptionKeySet<T>): OptionKeyList<T> {
  return Object.freeze(Object.keys(keys)) as unknown as OptionKeyList<T>;
}

/**
 * Checks that an options object has no key outside `known`, so that a misspelt or unsupported option
 * is an error instead of being silently ignored. Throws {@link InvalidOptionError} naming the first
 * unknown key, the function it was given to (`where`) and, when {@link suggestOptionKey} finds a
 * sensible guess among the known keys, that key as a suggestion; otherwise the message lists the known
 * keys.
 * `undefined` and `null` options are accepted (the function's defaults apply); any other non-object is
 * rejected.
 *
 * @example
 * ```ts
 * import { rejectUnknownOptions, InvalidOptionError } from 'crm-mining';
 * const KNOWN = ['minSupport', 'maxLength'] as const;
 * rejectUnknownOptions({ minSupport: 0.1 }, KNOWN, 'mine'); // fine
 * rejectUnknownOptions(undefined, KNOWN, 'mine'); // fine: the defaults apply
 * try {
 *   rejectUnknownOptions({ minSuport: 0.1 }, KNOWN, 'mine');
 * } catch (err) {
 *   // option minSuport: unknown option for mine(); did you mean minSupport?
 *   if (err instanceof InvalidOptionError) console.log(err.option, err.message);
 * }
 * ```
 */
export function rejectUnknownOptions(options: unknown, known: readonly string[], where: string): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') {
    throw new InvalidOptionError('options', `${where}(): expected an options object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = suggestOptionKey(key, known);
    const hint =
      suggestion !== undefined
        ? `did you mean ${suggestion}?`
        : known.length === 0
          ? 'it takes no options'
          : `known options are ${known.join(', ')}`;
    throw new InvalidOptionError(key, `unknown option for ${where}(); ${hint}`);
  }
}

/**
 * The part of an options object that a function taking fewer options accepts: a new object with only
 * the keys of `keys` that `options` has. For passing a checked options object on to an inner function
 * that would reject the outer function's own keys (see {@link rejectUnknownOptions}).
 *
 * @example
 * ```ts
 * import { optionKeys, pickOptions } from 'crm-mining';
 * interface InnerOptions { seed?: number }
 * interface OuterOptions extends InnerOptions { folds?: number }
 * const INNER_KEYS = optionKeys<InnerOptions>({ seed: true });
 * const outer: OuterOptions = { folds: 5, seed: 7 };
 * console.log(pickOptions(outer, INNER_KEYS)); // { seed: 7 }
 * ```
 */
export function pickOptions<T>(options: object, keys: OptionKeyList<T>): T {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in options) out[key] = (options as Record<string, unknown>)[key];
  return out as T;
}

/**
 * The known option key that an unknown `key` most likely meant, or `undefined` when none is a sensible
 * guess: the "did you mean" of {@link rejectUnknownOptions}.
 *
 * Keys are compared ignoring case, `_` and `-` (so `max_depth` and `MAXDEPTH` both mean `maxDepth`).
 * The first of these three tiers that any known key meets gives the suggestion:
 *
 * 1. the same key apart from case and separators;
 * 2. an abbreviation or extension: one key is a prefix of the other, or equals a run of whole camelCase
 *    words inside it (`maxIter` → `maxIterations`, `seedd` → `seed`, `tolerance` → `gradientTolerance`,
 *    but not `subtitle` → `title`), where the shorter of the two has at least 3 characters and at least half
 *    the length of the longer (so `max` does not suggest `maxDepth`); among several, the one closest in
 *    length;
 * 3. a near spelling: an optimal-string-alignment edit distance (a transposition counts as one edit) of
 *    at most 0 for keys of 1–2 characters, 1 for 3–4 characters and 2 for longer keys (so `kind` does not
 *    suggest `minK`, but `sed` suggests `seed` and `minSuport` suggests `minSupport`); among several, the
 *    one with the fewest edits.
 *
 * Remaining ties go to the key listed first in `known`.
 *
 * @param key - the unknown key, as the caller spelt it.
 * @param known - the keys the function accepts.
 * @example
 * ```ts
 * import { suggestOptionKey } from 'crm-mining';
 * const known = ['maxIterations', 'minK', 'seed', 'sampleWeight'];
 * console.log(suggestOptionKey('maxIter', known)); // maxIterations: an abbreviation
 * console.log(suggestOptionKey('Seed', known)); // seed: only the case differs
 * console.log(suggestOptionKey('sampleWieght', known)); // sampleWeight: a transposition
 * console.log(suggestOptionKey('kind', known)); // undefined: two edits is too many for a 4-letter key
 * ```
 */
export function suggestOptionKey(key: string, known: readonly string[]): string | undefined {
  const a = normaliseKey(key);
  if (a.length === 0) return undefined;
  const aWords = camelWords(key);
  const limit = a.length <= 2 ? 0 : a.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestTier = 4;
  let bestCost = Infinity;
  for (const candidate of known) {
    const b = normaliseKey(candidate);
    let tier: number;
    let cost: number;
    if (a === b) {
      tier = 1;
      cost = 0;
    } else if (abbreviates(a, aWords, b, camelWords(candidate))) {
      tier = 2;
      cost = Math.abs(a.length - b.length);
    } else {
      cost = editDistance(a, b, limit + 1);
      if (cost > limit) continue;
      tier = 3;
    }
    if (tier < bestTier || (tier === bestTier && cost < bestCost)) {
      best = candidate;
      bestTier = tier;
      bestCost = cost;
    }
  }
  return best;
}

/** A key lower-cased without `_` and `-`. */
function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** The lower-cased words of a camelCase, snake_case or kebab-case key (`sampleWeight` → sample, weight). */
function camelWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter((w) => w.length > 0);
}

/**
 * Whether one of two normalised keys abbreviates or extends the other (tier 2 of
 * {@link suggestOptionKey}): a prefix, or a run of whole words of the longer, with the shorter
 * at least 3 characters and at least half as long.
 */
function abbreviates(a: string, aWords: readonly string[], b: string, bWords: readonly string[]): boolean {
  const [short, long, shortWords, longWords] = a.length <= b.length ? [a, b, aWords, bWords] : [b, a, bWords, aWords];
  if (short.length < 3 || 2 * short.length < long.length) return false;
  if (long.startsWith(short)) return true;
  // a run of whole words of the longer key, e.g. "weight" in "sample weight limit"
  const n = shortWords.length;
  for (let i = 0; i + n <= longWords.length; i++) {
    let same = true;
    for (let j = 0; j < n && same; j++) same = longWords[i + j] === shortWords[j];
    if (same) return true;
  }
  return false;
}

/** Optimal-string-alignment distance between a and b, or `limit` when it is at least `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin >= limit) return limit;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n], limit);
}
