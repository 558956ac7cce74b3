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
for (const bin of ['dist/esm/cli/main.js', 'dist/cjs/cli/main.js']) {
  try { chmodSync(bin, 0o755); } catch { /* no CLI yet */ }
}
