// Shared helpers of the benchmark harness: locating data, running one measurement in a fresh child
// process (with a time limit and its peak memory), medians and ratios, the machine description, and
// rewriting one area's section of benchmarks/RESULTS.md. Each area (benchmarks/<area>.mjs) uses these.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the harness (benchmarks/). */
export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
/** The project's root (where package.json is). */
export const ROOT = resolve(BENCH_DIR, '..');
/** The file the harness writes. */
export const RESULTS_FILE = resolve(BENCH_DIR, 'RESULTS.md');

/** Lines printed by a child that carry its result start with this marker. */
export const RESULT_MARKER = '@@bench-result ';

/**
 * The reference data folder: $CRM_MINING_DATA (relative paths are taken from the project root),
 * default ../shared/data beside the project.
 */
export function dataDir() {
  return resolve(ROOT, process.env.CRM_MINING_DATA ?? '../shared/data');
}

/** Absolute path of a reference data file, e.g. `dataFile('association/retail.dat')`. */
export function dataFile(relative) {
  return resolve(dataDir(), relative);
}

/**
 * Copies the built library (dist/esm) to node_modules/.cache/crm-mining-bench/<pid>/ so that a rebuild
 * by someone else during a long run cannot pull it from under the children (from there, its own
 * dependencies still resolve through the project's node_modules). Returns the path of the entry
 * module to import and a function that removes the copy.
 */
export function snapshotLibrary() {
  const src = resolve(ROOT, 'dist/esm');
  if (!existsSync(resolve(src, 'index.js'))) {
    throw new Error('dist/esm/index.js is missing: run `npm run build` (npm run bench does)');
  }
  const dir = resolve(ROOT, 'node_modules/.cache/crm-mining-bench', String(process.pid));
  cpSync(src, resolve(dir, 'esm'), { recursive: true });
  return { entry: resolve(dir, 'esm/index.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Progress messages go to stderr so that stdout stays clean. */
export function log(...parts) {
  process.stderr.write(parts.join(' ') + '\n');
}

/** The median of the finite numbers in `xs` (NaN for none). */
export function median(xs) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Milliseconds for a table: `812 ms`, `3.41 s`. */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(0)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Kilobytes (as rusage reports them) as MB with no decimals. */
export function formatMB(kb) {
  if (!Number.isFinite(kb)) return '—';
  return `${(kb / 1024).toFixed(0)} MB`;
}

/** A count with thousands separators. */
export function formatCount(n) {
  return Number.isFinite(n) ? n.toLocaleString('en-US') : '—';
}

/**
 * A wall-time ratio peer / ours as text. `peer` is `{ ms, lowerBound }`: when the peer did not finish
 * within its time limit, `ms` is that limit and the ratio is a lower bound (`>= 12.3x`).
 */
export function formatRatio(peerMs, oursMs, lowerBound = false) {
  if (!Number.isFinite(peerMs) || !Number.isFinite(oursMs) || oursMs <= 0) return 'n/a';
  const r = peerMs / oursMs;
  const digits = r >= 100 ? 0 : r >= 10 ? 1 : 2;
  return `${lowerBound ? '>= ' : ''}${r.toFixed(digits)}x`;
}

/** The machine the results were taken on, as facts for the results file. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus.length ? cpus[0].model.replace(/\s+/g, ' ').trim() : 'unknown',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** The machine facts as markdown list lines. */
export function machineMarkdown(m, extra = []) {
  return [
    `- Date: ${m.date}`,
    `- CPU: ${m.cpu}, ${m.cores} cores`,
    `- Memory: ${m.memoryGiB.toFixed(1)} GiB`,
    `- Node: ${m.node}; OS: ${m.os}`,
    ...extra.map((e) => `- ${e}`),
  ].join('\n');
}

/** Whether `/usr/bin/time` (GNU time, for the peak memory of non-Node children) is there. */
export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs one command as a fresh child process in its own process group, with a time limit.
 *
 * With `measureRss`, the command runs under GNU `time -v` (when installed) and the result carries the
 * child's peak resident set size; without GNU time the peak is sampled from /proc/<pid>/status (VmHWM,
 * itself a high-water mark, so sampling misses only growth after the last sample).
 *
 * Resolves (never rejects) to `{ status, code, signal, wallMs, stdout, stderr, maxRssKB }` where status
 * is 'ok' (exit 0), 'timeout' (killed at the limit), 'oom' (out of memory) or 'error'.
 */
export function runProcess(command, args, { timeoutMs = 120_000, measureRss = false, env, cwd = ROOT } = {}) {
  return new Promise((resolveRun) => {
    let cmd = command;
    let argv = args;
    const useTime = measureRss && GNU_TIME;
    if (useTime) {
      argv = ['-v', command, ...args];
      cmd = GNU_TIME;
    }
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, env: env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let sampledHwm = NaN;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killGroup = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    const sampler =
      measureRss && !useTime
        ? setInterval(() => {
            const hwm = readVmHwmKB(child.pid);
            if (Number.isFinite(hwm)) sampledHwm = Number.isFinite(sampledHwm) ? Math.max(sampledHwm, hwm) : hwm;
          }, 25)
        : null;
    child.on('error', (err) => {
      stderr += String(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (sampler) clearInterval(sampler);
      const wallMs = performance.now() - started;
      let maxRssKB = NaN;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
        if (m) maxRssKB = Number(m[1]);
        const exit = /Exit status:\s*(\d+)/.exec(stderr);
        if (exit && code === 0) code = Number(exit[1]);
        const sig = /Command terminated by signal (\d+)/.exec(stderr);
        if (sig && code === 0) code = 128 + Number(sig[1]);
      } else if (measureRss) {
        maxRssKB = sampledHwm;
      }
      let status = 'ok';
      if (timedOut) status = 'timeout';
      else if (/heap out of memory|OutOfMemoryError|Cannot allocate memory/i.test(stderr)) status = 'oom';
      else if (code !== 0 || signal) status = 'error';
      resolveRun({ status, code, signal, wallMs, stdout, stderr, maxRssKB });
    });
  });
}

function readVmHwmKB(pid) {
  try {
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : NaN;
  } catch {
    return NaN;
  }
}

/**
 * Runs one measurement of an area in a fresh Node process: `benchmarks/child.mjs <area> <spec>`. The
 * child prepares its input, times only the work, and reports `{ ms, maxRssKB, ... }` on a marker line.
 *
 * Resolves to `{ status, ms, maxRssKB, result, message, wallMs }`; `result` is whatever the area's child
 * reported (for example an itemset count), `message` explains a failure.
 */
export async function runNodeChild(area, spec, { timeoutMs = 120_000, nodeArgs = [] } = {}) {
  const args = ['--expose-gc', ...nodeArgs, resolve(BENCH_DIR, 'child.mjs'), area, JSON.stringify(spec)];
  const run = await runProcess(process.execPath, args, { timeoutMs });
  const line = run.stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  const result = line ? JSON.parse(line.slice(RESULT_MARKER.length)) : null;
  let status = run.status;
  if (status === 'ok' && !result) status = 'error';
  if (result && result.error) status = 'error';
  return {
    status,
    ms: result && Number.isFinite(result.ms) ? result.ms : NaN,
    maxRssKB: result ? result.maxRssKB : NaN,
    result,
    wallMs: run.wallMs,
    message: failureMessage(status, run, result, timeoutMs),
  };
}

/** A one-line reason for a failed run. */
export function failureMessage(status, run, result, timeoutMs) {
  if (status === 'ok') return '';
  if (status === 'timeout') return `> ${Math.round(timeoutMs / 1000)} s (timed out)`;
  if (status === 'oom') return `out of memory after ${formatMs(run.wallMs)}`;
  if (result && result.error) return `error: ${result.error}`;
  const lines = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^\s*at /.test(l) && !/^(Command being timed|User time|System time|Percent of CPU)/.test(l));
  const msg = lines.find((l) => /Error|error|Exception/.test(l)) ?? lines[0] ?? `exit code ${run.code}`;
  return `error: ${msg.slice(0, 160)}`;
}

/**
 * Runs measurements repeatedly and interleaved: in each round, every task that still needs runs
 * gets one (A B C A B C ...), so slow drift of a shared machine hits all competitors alike.
 *
 * Each task is `{ key, run: () => Promise<{ status, ms, ... }>, maxReps }`. A task stops after a
 * failed run (timeout, out of memory, error) and its repetitions shrink when its first run is slow:
 * `slowReps(ms)` returns the total number of runs it should get, given its first time.
 * Resolves to a Map key -> array of runs.
 */
export async function interleave(tasks, { slowReps = () => Infinity, onRun = () => {} } = {}) {
  const runs = new Map(tasks.map((t) => [t.key, []]));
  const limit = new Map(tasks.map((t) => [t.key, t.maxReps]));
  for (;;) {
    const due = tasks.filter((t) => {
      const r = runs.get(t.key);
      return r.length < limit.get(t.key) && !(r.length && r[r.length - 1].status !== 'ok');
    });
    if (due.length === 0) break;
    for (const t of due) {
      const r = await t.run();
      runs.get(t.key).push(r);
      if (runs.get(t.key).length === 1 && r.status === 'ok') {
        limit.set(t.key, Math.max(1, Math.min(limit.get(t.key), slowReps(r.ms))));
      }
      onRun(t, r);
    }
  }
  return runs;
}

/**
 * Replaces (or appends) one area's section in benchmarks/RESULTS.md, keeping every other area's section.
 * Sections are delimited by HTML comments `<!-- bench:<area>:start -->` … `<!-- bench:<area>:end -->`.
 */
export function writeResultsSection(area, markdown, file = RESULTS_FILE) {
  const start = `<!-- bench:${area}:start -->`;
  const end = `<!-- bench:${area}:end -->`;
  const header =
    '# Benchmark results\n\n' +
    'Written by `npm run bench [area]` (benchmarks/run.mjs); running one area rewrites only its own section. ' +
    'How the numbers are taken: [README.md](README.md). Ratios are peer time / our time (above 1: we are faster), ' +
    'from medians of interleaved runs on a shared machine; absolute times are given for context only.\n';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a >= 0 && b > a) text = text.slice(0, a) + block + text.slice(b + end.length);
  else text = text.replace(/\s*$/, '\n\n') + block + '\n';
  writeFileSync(file, text);
}

/** A markdown table from a header row and body rows (cells are escaped for `|`). */
export function table(header, rows, align) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  const line = (cells) => `| ${cells.map(esc).join(' | ')} |`;
  const sep = `| ${header.map((_, i) => ((align && align[i]) === 'r' ? '---:' : '---')).join(' | ')} |`;
  return [line(header), sep, ...rows.map(line)].join('\n');
}

/** Debian's Python, which has python3-sklearn (the default `python3` on this machine may not). */
export const PYTHON = '/usr/bin/python3';

/** Whether {@link PYTHON} exists and imports scikit-learn. */
export async function haveSklearn() {
  if (!existsSync(PYTHON)) return false;
  return (await runProcess(PYTHON, ['-c', 'import sklearn'], { timeoutMs: 30_000 })).status === 'ok';
}

/**
 * Runs a Python peer: `python3 -c script ...args` with the time limit and peak memory of
 * {@link runProcess}. The script prints its result as one `@@bench-result {json}` line with at least `ms`.
 * Resolves to `{ status, ms, maxRssKB, result, message }`, the shape `runNodeChild` gives.
 */
export async function runPythonScript(script, args, { timeoutMs = 120_000 } = {}) {
  const run = await runProcess(PYTHON, ['-c', script, ...args.map(String)], { timeoutMs, measureRss: true });
  const line = run.stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  const result = line ? JSON.parse(line.slice(RESULT_MARKER.length)) : null;
  const status = run.status === 'ok' && result ? 'ok' : run.status === 'ok' ? 'error' : run.status;
  return {
    status,
    ms: result && Number.isFinite(result.ms) ? result.ms : NaN,
    maxRssKB: run.maxRssKB,
    result,
    message: status === 'ok' ? '' : `error: ${(run.stderr.split('\n').filter(Boolean).pop() ?? '').slice(0, 160)}`,
  };
}

/** Where the areas write the synthetic and converted data files they generate once (never committed). */
export const BENCH_DATA_DIR = resolve(ROOT, 'node_modules/.cache/crm-mining-bench-data');

/**
 * A small seeded uniform generator in [0, 1) (mulberry32) for the harness's synthetic data: independent
 * of the library under test, so a change to the library's RNG cannot change the benchmark data.
 */
export function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Gaussian blobs with uniform noise, from a fixed seed: `k` centres uniform in [-10, 10]^d, each row a
 * centre plus unit normal noise, or (with probability `noiseShare`) uniform in [-noiseHalfWidth,
 * noiseHalfWidth]^d. Returns the row-major features and a 0/1 label per row (1 = noise).
 */
export function gaussianBlobs({ seed, n, d, k, noiseShare, noiseHalfWidth }) {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => 20 * rand() - 10));
  const x = new Float64Array(n * d);
  const labels = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const noise = rand() < noiseShare;
    const c = centres[Math.floor(rand() * k)];
    for (let t = 0; t < d; t++) x[i * d + t] = noise ? 2 * noiseHalfWidth * rand() - noiseHalfWidth : c[t] + normal();
    labels[i] = noise ? 1 : 0;
  }
  return { x, labels };
}
