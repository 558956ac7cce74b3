// Runs one example program: `node --import tsx examples/<name>.ts [arguments]`, from the repository's root.
// tsx runs the TypeScript as it is; tsconfig.json's "paths" map the `crm-mining` the examples import to
// src/index.ts, so no build is needed (a user with the package installed gets the built package through
// its "exports" instead, with the same program). The test suite runs every example the same way
// (test/examples/examples.test.ts). Usage: npm run example <name> [-- arguments for the example]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [name, ...args] = process.argv.slice(2);
const base = (name ?? '').replace(/^examples[\\/]/, '').replace(/\.ts$/, '');
const available = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));
if (!available.includes(base)) {
  console.error(`usage: npm run example <name> [-- arguments]\nexamples: ${available.join(', ')}`);
  process.exit(2);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', join('examples', `${base}.ts`), ...args], { cwd: root, stdio: 'inherit' });
if (run.error) {
  console.error(`could not start node: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
