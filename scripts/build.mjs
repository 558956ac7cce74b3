// Builds the ESM and CommonJS outputs with declarations. The CommonJS folder gets its own
// package.json so Node (and tslab's old "node" resolution) reads its .js files as CommonJS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';

const tsc = process.platform === 'win32' ? 'node_modules/.bin/tsc.cmd' : 'node_modules/.bin/tsc';
rmSync('dist', { recursive: true, force: true });
execFileSync(tsc, ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(tsc, ['-p', 'tsconfig.cjs.json'], { stdio: 'inherit' });
mkdirSync('dist/cjs', { recursive: true });
writeFileSync('dist/cjs/package.json', '{ "type": "commonjs" }\n');
writeFileSync('dist/esm/package.json', '{ "type": "module" }\n');
// core/lazy-require: resolve heavy dependencies from the package's own location in each build (the
// source form resolves from the working directory, which only suits running from the sources).
writeFileSync(
  'dist/esm/core/lazy-require.js',
  "import { createRequire } from 'node:module';\nexport const lazyRequire = createRequire(import.meta.url);\n",
);
writeFileSync(
  'dist/cjs/core/lazy-require.js',
  '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.lazyRequire = require;\n',
);
// Their source maps describe the replaced source form: drop them rather than mislead a debugger.
for (const f of ['dist/esm/core/lazy-require.js.map', 'dist/cjs/core/lazy-require.js.map']) rmSync(f, { force: true });
for (const bin of ['dist/esm/cli/main.js', 'dist/cjs/cli/main.js']) {
  try { chmodSync(bin, 0o755); } catch { /* no CLI yet */ }
}
