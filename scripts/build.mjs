// Builds the ESM and CommonJS outputs with declarations. The CommonJS folder gets its own
// package.json so Node (and tslab's old "node" resolution) reads its .js files as CommonJS.
// The build is made in a fresh folder beside dist/ and swapped in at the end, so a program using dist/
// while a build runs (a benchmark, a notebook) never sees it half-written or missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync, chmodSync } from 'node:fs';

const tsc = process.platform === 'win32' ? 'node_modules/.bin/tsc.cmd' : 'node_modules/.bin/tsc';
const out = `dist.building-${process.pid}`;
rmSync(out, { recursive: true, force: true });
try {
  execFileSync(tsc, ['-p', 'tsconfig.build.json', '--outDir', `${out}/esm`], { stdio: 'inherit' });
  execFileSync(tsc, ['-p', 'tsconfig.cjs.json', '--outDir', `${out}/cjs`], { stdio: 'inherit' });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  throw err;
}
mkdirSync(`${out}/cjs`, { recursive: true });
writeFileSync(`${out}/cjs/package.json`, '{ "type": "commonjs" }\n');
writeFileSync(`${out}/esm/package.json`, '{ "type": "module" }\n');
// core/lazy-require: resolve heavy dependencies from the package's own location in each build (the
// source form resolves from the working directory, which only suits running from the sources).
writeFileSync(
  `${out}/esm/core/lazy-require.js`,
  "import { createRequire } from 'node:module';\nexport const lazyRequire = createRequire(import.meta.url);\n" +
    'export const lazyImport = (specifier) => import(specifier);\n',
);
writeFileSync(
  `${out}/cjs/core/lazy-require.js`,
  '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.lazyRequire = require;\n' +
    '// A real import() (this file is not compiled), so ES-module-only packages load from CommonJS too.\n' +
    'exports.lazyImport = (specifier) => import(specifier);\n',
);
// Their source maps describe the replaced source form: drop them rather than mislead a debugger.
for (const f of [`${out}/esm/core/lazy-require.js.map`, `${out}/cjs/core/lazy-require.js.map`]) rmSync(f, { force: true });
for (const bin of [`${out}/esm/cli/main.js`, `${out}/cjs/cli/main.js`]) {
  try { chmodSync(bin, 0o755); } catch { /* no CLI yet */ }
}
// Swap: the old build moves aside (a rename, instant) and is deleted after the new one is in place.
const old = `dist.old-${process.pid}`;
let hadOld = true;
try {
  renameSync('dist', old);
} catch {
  hadOld = false;
}
renameSync(out, 'dist');
if (hadOld) rmSync(old, { recursive: true, force: true });
