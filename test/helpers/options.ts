// Assertions for the unknown-option check (rejectUnknownOptions): the call fails with an InvalidOptionError
// naming the key, saying which function it was given to, and suggesting the close known key when one is.
import { expect } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';

function expectUnknownOption(error: unknown, key: string, suggestion?: string): void {
  expect(error).toBeInstanceOf(InvalidOptionError);
  expect((error as InvalidOptionError).option).toBe(key);
  expect((error as Error).message).toContain('unknown option for');
  if (suggestion) expect((error as Error).message).toContain(`did you mean ${suggestion}?`);
}

/** Asserts that `call` throws the unknown-option error for `key` (with `suggestion`, when given). */
export function rejects(call: () => unknown, key: string, suggestion?: string): void {
  let error: unknown;
  try {
    call();
  } catch (err) {
    error = err;
  }
  expectUnknownOption(error, key, suggestion);
}

/** {@link rejects} for an asynchronous call. */
export async function rejectsAsync(call: () => Promise<unknown>, key: string, suggestion?: string): Promise<void> {
  let error: unknown;
  try {
    await call();
  } catch (err) {
    error = err;
  }
  expectUnknownOption(error, key, suggestion);
}
