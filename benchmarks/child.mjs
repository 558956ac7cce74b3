// One measurement in a fresh Node process: `node --expose-gc benchmarks/child.mjs <area> '<spec JSON>'`.
//
// The area module (benchmarks/<area>.mjs) exports `prepareChild(spec)`, which loads the data and builds
// the input the implementation wants (none of that is timed) and returns `{ run, summarize }`. This
// script then collects garbage, times `run()` alone, lets `summarize(output)` describe the output
// (for example count the itemsets; not timed) and prints one marker line with
// `{ ms, maxRssKB, rssBeforeKB, ...info, ...summary }` (`info`: optional facts about the preparation). With `spec.idle` it prepares the input but runs nothing:
// that child's peak memory is the baseline ("idle child") the other measurements are compared with.
//
// maxRssKB is process.resourceUsage().maxRSS: the peak resident set size of the whole process
// (Node itself, the loaded data and the work).
import { RESULT_MARKER } from './lib.mjs';

const [area, specJson] = process.argv.slice(2);

function report(obj) {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(obj)}\n`);
}

try {
  const spec = JSON.parse(specJson);
  const mod = await import(`./${area}.mjs`);
  const job = await mod.prepareChild(spec);
  if (globalThis.gc) {
    globalThis.gc();
    globalThis.gc();
  }
  const rssBeforeKB = process.memoryUsage().rss / 1024;
  if (spec.idle) {
    report({ ms: null, idle: true, rssBeforeKB, maxRssKB: process.resourceUsage().maxRSS, ...(job.info ?? {}) });
  } else {
    const t0 = performance.now();
    const output = await job.run();
    const ms = performance.now() - t0;
    const maxRssKB = process.resourceUsage().maxRSS;
    const summary = job.summarize ? job.summarize(output) : {};
    report({ ms, maxRssKB, rssBeforeKB, ...(job.info ?? {}), ...summary });
  }
} catch (err) {
  report({ error: String(err && err.message ? err.message : err).split('\n')[0] });
  process.exitCode = 1;
}
