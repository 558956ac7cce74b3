/**
 * Synchronous, on-demand loading of heavy dependencies (math.js costs seconds and tens of megabytes to
 * import), so that importing this library stays cheap and only the feature that needs one pays for it.
 *
 * This source form resolves packages from the working directory, which is right when the library runs
 * from its own sources (the tests). The build replaces the compiled file with one that resolves from the
 * package's own location: `createRequire(import.meta.url)` in the ES-module build, the module's own
 * `require` in the CommonJS build (see `scripts/build.mjs`).
 *
 * @internal
 * @module
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** A `require` for loading a dependency at the moment it is first needed. @internal */
export const lazyRequire: NodeJS.Require = createRequire(join(process.cwd(), 'package.json'));

/**
 * An `import()` for loading an ES-module-only dependency (vega, vega-lite) at the moment it is first
 * needed, from either build. The TypeScript compiler turns `import()` into `require()` in the CommonJS
 * build, which cannot load modules with top-level await; the build therefore replaces this file with a
 * hand-written one whose `import()` is the runtime's own (see `scripts/build.mjs`). @internal
 */
export const lazyImport = (specifier: string): Promise<unknown> => import(specifier);
