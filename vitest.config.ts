import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// vitest 5 targets Node >= 22; on Node 20 its failure reporter calls Map.groupBy, which Node 20 lacks.
// This config file runs in the main process before any reporter, so the polyfill goes here.
if (typeof (Map as unknown as { groupBy?: unknown }).groupBy !== 'function') {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const g = groups.get(k);
        if (g) g.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

export default defineConfig({
  resolve: {
    // The examples import the package by name, as a user would; under the tests that name is the source.
    alias: { 'crm-mining': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // In CI a JSON report is written too, so .ci/run can print a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
  },
});
