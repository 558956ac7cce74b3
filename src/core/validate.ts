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
 * Checks that `value` is an integer in [min, max]; returns it.
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
    throw new InvalidOptionError(name, `expected an integer in ${range(min, max, true, true)}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is a finite number in the interval between `min` and `max`, each end open or
 * closed as given; returns it.
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
    throw new InvalidOptionError(name, `expected a number in ${range(min, max, minInclusive, maxInclusive)}, got ${describe(value)}`);
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

function range(min: number, max: number, minIn: boolean, maxIn: boolean): string {
  return `${minIn ? '[' : '('}${min === -Infinity ? '-Infinity' : min}, ${max === Infinity ? 'Infinity' : max}${maxIn ? ']' : ')'}`;
}
