// Shared machinery of the bad-input audit (test/core/bad-input-*.test.ts): each area lists its public
// entry points with the bad inputs that apply, and what must happen — a typed CrmMiningError whose
// message names the field, row or option, or (for input that is legitimately accepted) a result that
// passes a check stated next to the case.
import { describe, expect, it } from 'vitest';
import { CrmMiningError, InvalidInputError, InvalidOptionError } from '../../src/core/errors.js';

/** An error class of the library (InvalidInputError, InvalidOptionError, ...). */
type ErrorClass = abstract new (...args: never[]) => CrmMiningError;

/** Bad input that must be rejected. */
export interface Rejected {
  /** The entry point and the kind of bad input. */
  name: string;
  /** Calls the entry point (sync or async). */
  call: () => unknown;
  /** The expected class (default: any CrmMiningError). */
  error?: ErrorClass;
  /** Text the message must contain: the field, row or option named, and what was expected. */
  mentions: readonly (string | RegExp)[];
}

/** Input that looks odd but is accepted on purpose; `why` says where that is documented. */
export interface Accepted {
  /** The entry point and the input. */
  name: string;
  /** Calls the entry point. */
  call: () => unknown;
  /** Asserts the result is the documented, finite one. */
  check: (result: unknown) => void;
  /** Why it is accepted. */
  why: string;
}

/** Runs `call` and returns what it threw (synchronously or as a rejected promise), or undefined. */
export async function thrown(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** One `it` per case: the rejected ones throw the right typed error, the accepted ones pass their check. */
export function audit(title: string, rejected: readonly Rejected[], accepted: readonly Accepted[] = []): void {
  describe(title, () => {
    it.each(rejected.map((c) => [c.name, c] as const))('rejects %s', async (_name, c) => {
      const err = await thrown(c.call);
      expect(err, 'expected a typed error, but the call returned').toBeInstanceOf(CrmMiningError);
      if (c.error) expect(err).toBeInstanceOf(c.error);
      const message = (err as Error).message;
      for (const m of c.mentions) {
        if (typeof m === 'string') expect(message).toContain(m);
        else expect(message).toMatch(m);
      }
    });
    if (accepted.length > 0) {
      it.each(accepted.map((c) => [c.name, c] as const))('accepts %s', async (_name, c) => {
        c.check(await c.call());
      });
    }
  });
}

/** Asserts every number in `values` is finite. */
export function expectAllFinite(values: ArrayLike<number>, name = 'values'): void {
  for (let i = 0; i < values.length; i++) expect(Number.isFinite(values[i]), `${name}[${i}] = ${values[i]}`).toBe(true);
}

/** Untyped callers (JavaScript, JSON settings, a cast) can pass anything; the cases go through `any`. */
/* eslint-disable @typescript-eslint/no-explicit-any */
export const anyValue = (v: unknown): any => v;

export { InvalidInputError, InvalidOptionError };
