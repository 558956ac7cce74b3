/**
 * Input-validation helpers: each checks one option or value and throws a typed error naming it.
 *
 * @module
 */
import { InvalidOptionError } from './errors.js';

/** Checks that `value` is a finite number; returns it. */
export function requireFinite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError(name, `expected a finite number, got ${describe(value)}`);
  }
  return value;
}

/** Checks that `value` is an integer in [min, max]; returns it. */
export function requireInteger(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(name, `expected an integer in ${range(min, max, true, true)}, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks that `value` is a finite number in the interval between `min` and `max`, each end open or
 * closed as given; returns it.
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

/** Checks that `value` is one of `allowed`; returns it. */
export function requireOneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidOptionError(name, `expected one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

/** Checks that `value` is a boolean; returns it. */
export function requireBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidOptionError(name, `expected true or false, got ${describe(value)}`);
  }
  return value;
}

/** A short, safe rendering of a value for an error message. */
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
