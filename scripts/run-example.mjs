// Runs one example program as a user of the package would: compiles examples/<name>.ts with tsc into
// dist-examples/ and runs it with node. `import ... from 'crm-mining'` resolves to this package itself
// (package self-reference through its "exports"), so run `npm run build` first: `npm run example`
// does. Usage: node scripts/run-example.mjs <name> [arguments for the example]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [name, ...args] = process.argv.slice(2);
const available = readdirSync('examples').filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3));
if (!name || !available.includes(name.replace(/\.ts$/, ''))) {
  console.error(`usage: npm run example <name> [-- arguments]\nexamples: ${available.join(', ')}`);
  process.exit(2);
}
if (!existsSync('dist/esm/index.js')) {
  console.error("dist/ is missing: run 'npm run build' first (npm run example does)");
  process.exit(1);
}
const base = name.replace(/\.ts$/, '');
const tsc = join('node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');
// Compiled on its own (not with tsconfig.json, whose "paths" point 'crm-mining' at the sources), so the
// example is type-checked against the built package's declarations, as a user's program would be.
execFileSync(
  tsc,
  [
    join('examples', `${base}.ts`),
    '--outDir', 'dist-examples',
    '--rootDir', 'examples',
    '--module', 'nodenext',
    '--moduleResolution', 'nodenext',
    '--target', 'es2022',
    '--strict',
    '--skipLibCheck',
    '--types', 'node',
  ],
  { stdio: 'inherit' },
);
const run = spawnSync(process.execPath, [join('dist-examples', `${base}.js`), ...args], { stdio: 'inherit' });
process.exit(run.status ?? 1);
