#!/usr/bin/env node
// The benchmark harness: `npm run bench [area ...] [--reps N] [--timeout S] [--data a,b] [--impl a,b] [--no-write]`
// (npm builds dist/ first). Each area is a file benchmarks/<area>.mjs exporting `title`,
// `run(options) -> markdown` and `prepareChild(spec)` for its child processes; this script runs the
// chosen areas (all of them when none is named), prints each area's markdown and rewrites that area's
// section of benchmarks/RESULTS.md.
import { readdirSync } from 'node:fs';
import { BENCH_DIR, RESULTS_FILE, log, writeResultsSection } from './lib.mjs';

const NOT_AREAS = new Set(['run.mjs', 'lib.mjs', 'child.mjs']);
const available = readdirSync(BENCH_DIR)
  .filter((f) => f.endsWith('.mjs') && !NOT_AREAS.has(f))
  .map((f) => f.slice(0, -'.mjs'.length))
  .sort();

function parseArgs(argv) {
  const areas = [];
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') options.help = true;
    else if (a === '--no-write') options.write = false;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options[a.slice(2, eq)] = a.slice(eq + 1);
      else options[a.slice(2)] = argv[++i];
    } else areas.push(a);
  }
  return { areas, options };
}

const { areas, options } = parseArgs(process.argv.slice(2));
if (options.help) {
  process.stdout.write(
    `usage: npm run bench [area ...] [options]\n` +
      `areas: ${available.join(', ')} (default: all)\n` +
      `options:\n` +
      `  --reps N       runs per measurement (default 5; slow ones get fewer)\n` +
      `  --timeout S    time limit per run in seconds (default 120)\n` +
      `  --data a,b     only these data sets (name prefixes), for development\n` +
      `  --impl a,b     only these implementations (keys), for development\n` +
      `  --no-write     print the results but leave benchmarks/RESULTS.md alone\n`,
  );
  process.exit(0);
}
const unknown = areas.filter((a) => !available.includes(a));
if (unknown.length) {
  log(`unknown area(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
const filtered = options.data !== undefined || options.impl !== undefined;
for (const area of areas.length ? areas : available) {
  const mod = await import(`./${area}.mjs`);
  log(`[${area}] ${mod.title ?? area}`);
  const markdown = await mod.run(options);
  process.stdout.write(markdown + '\n');
  if (options.write === false || filtered) {
    log(`[${area}] ${filtered ? 'filtered run: ' : ''}RESULTS.md left unchanged`);
  } else {
    writeResultsSection(area, markdown);
    log(`[${area}] section written to ${RESULTS_FILE}`);
  }
}
