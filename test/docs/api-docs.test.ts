// The API reference's promise: every export of the package has a TSDoc summary and an @example, and
// every example type-checks against the real API (a user copying one gets a compiling program).
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without declarations
import { checkDocs } from '../../scripts/check-docs.mjs';

interface DocsCheck {
  exports: number;
  checked: number;
  missing: { name: string; file: string; what: string }[];
  errors: string[];
}

describe('API docs', () => {
  const result = checkDocs() as DocsCheck;

  it('documents every export with a summary and an @example', () => {
    expect(result.exports).toBeGreaterThan(500);
    expect(result.missing.map((m) => `${m.name} (src/${m.file}): ${m.what}`)).toEqual([]);
  });

  it('has examples that type-check against the API', () => {
    expect(result.checked).toBeGreaterThanOrEqual(result.exports + 5); // every export, plus the README's code blocks
    expect(result.errors).toEqual([]);
  });
}, 120_000);
