// Area "association": frequent-itemset mining. Our fpGrowth and apriori beside the npm packages
// node-fpgrowth and node-apriori and, where Debian's weka is installed, Weka's FPGrowth — on
// retail.dat, mushroom.dat and groceries.csv at the supports below, all in one run.
//
// Every (implementation, data set, support) run is a fresh child process (see lib.mjs and child.mjs).
// Node children parse the file the same way for every implementation, build the input the
// implementation takes, and time only the mining call. Weka runs in a JVM through a small driver
// (weka/CrmMiningFPGrowthBench.java) that times Weka's own mining steps inside the JVM.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENCH_DIR,
  ROOT,
  dataDir,
  dataFile,
  formatCount,
  formatMB,
  formatMs,
  formatRatio,
  interleave,
  log,
  machineInfo,
  machineMarkdown,
  median,
  runNodeChild,
  runProcess,
  snapshotLibrary,
  table,
} from './lib.mjs';

/** The section title in RESULTS.md. */
export const title = 'Association: frequent itemsets';

/**
 * The data sets and supports, with the reference counts of frequent itemsets from
 * ../shared/data/README.md (computed independently of this project). Supports are in descending order
 * per data set: a peer that times out at one support is not run at the lower ones (its work only grows).
 */
export const DATASETS = [
  { name: 'retail.dat', file: 'association/retail.dat', supports: [0.01, 0.005, 0.001], reference: { 0.01: 159, 0.005: 580, 0.001: 7589 } },
  { name: 'mushroom.dat', file: 'association/mushroom.dat', supports: [0.3, 0.2], reference: { 0.3: 2735, 0.2: 53583 } },
  { name: 'groceries.csv', file: 'association/groceries.csv', supports: [0.001], reference: { 0.001: 13492 } },
];

const require = createRequire(import.meta.url);
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(resolve(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};

/**
 * The implementations. `ours` names the implementation of ours that a peer is compared with; `input`
 * is the kind of prepared input (its idle child is the memory baseline).
 */
export const IMPLS = [
  { key: 'ours-fpgrowth', label: 'crm-mining fpGrowth', input: 'ours' },
  { key: 'node-fpgrowth', label: `node-fpgrowth ${pkgVersion('node-fpgrowth')}`, input: 'arrays', ours: 'ours-fpgrowth' },
  { key: 'weka-fpgrowth', label: 'Weka FPGrowth', input: 'weka', ours: 'ours-fpgrowth' },
  { key: 'ours-apriori', label: 'crm-mining apriori', input: 'ours' },
  { key: 'node-apriori', label: `node-apriori ${pkgVersion('node-apriori')}`, input: 'arrays', ours: 'ours-apriori' },
];

/** The targets of the issue: our implementation at least `factor` times faster than the peer. */
const TARGETS = [
  { ours: 'ours-fpgrowth', peer: 'node-fpgrowth', factor: 2, memory: true, cases: [['retail.dat', 0.001], ['mushroom.dat', 0.2]] },
  { ours: 'ours-apriori', peer: 'node-apriori', factor: 10, memory: false, cases: 'all' },
];

// ---------------------------------------------------------------------------------------------------
// Parsing (shared by the parent, for the ARFF files, and by the Node children)

/**
 * Reads a basket file into arrays of item names: `.csv` is split on commas (groceries: one basket per
 * line, no header, no quoting), anything else on whitespace (FIMI `.dat`). Items are trimmed, empty
 * tokens dropped, and duplicates within a basket removed (first occurrence kept). An empty line is an
 * empty basket; only the final newline does not start one.
 */
export function readBaskets(path) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const sep = path.endsWith('.csv') ? ',' : /\s+/;
  const baskets = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const seen = new Set();
    for (const raw of lines[i].split(sep)) {
      const item = raw.trim();
      if (item) seen.add(item);
    }
    baskets[i] = Array.from(seen);
  }
  return baskets;
}

// ---------------------------------------------------------------------------------------------------
// The child side: prepare the input of one implementation and return what to time.

/** Called by child.mjs in a fresh process: `spec` is `{ impl, file, minSupport, idle }`. */
export async function prepareChild(spec) {
  let baskets = readBaskets(spec.file);
  if (spec.impl === 'ours-fpgrowth' || spec.impl === 'ours-apriori' || spec.impl === 'ours') {
    // The package's entry, as a user imports it; what the import itself costs is reported too.
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const lib = await import(pathToFileURL(spec.lib ?? resolve(ROOT, 'dist/esm/index.js')).href);
    const info = { importMs: performance.now() - t0, importRssKB: (process.memoryUsage().rss - rss0) / 1024 };
    const tx = lib.TransactionSet.fromArrays(baskets);
    baskets = null; // only the TransactionSet stays alive
    const mine = spec.impl === 'ours-apriori' ? lib.apriori : lib.fpGrowth;
    return {
      run: () => mine(tx, { minSupport: spec.minSupport }),
      summarize: (out) => ({ count: out.length }),
      info,
    };
  }
  if (spec.impl === 'node-fpgrowth' || spec.impl === 'arrays') {
    const { FPGrowth } = require('node-fpgrowth');
    return {
      run: () => new FPGrowth(spec.minSupport).exec(baskets),
      summarize: (out) => ({ count: out.length, distinct: distinctItemsets(out) }),
    };
  }
  if (spec.impl === 'node-apriori') {
    const { Apriori } = require('node-apriori');
    return {
      run: () => new Apriori(spec.minSupport).exec(baskets),
      summarize: (out) => ({ count: out.itemsets.length, distinct: distinctItemsets(out.itemsets) }),
    };
  }
  throw new Error(`unknown implementation ${spec.impl}`);
}

/** The number of distinct item sets in a peer's `[{ items }]` output (a check for duplicates). */
function distinctItemsets(list) {
  const keys = new Set();
  for (const s of list) keys.add(Array.from(new Set(s.items)).sort().join('\u0000'));
  return keys.size;
}

// ---------------------------------------------------------------------------------------------------
// Weka

/** Finds Weka and a JDK; compiles the driver. Returns null (with the reason in `why`) when absent. */
function setUpWeka(tmp) {
  const jar = process.env.WEKA_JAR ?? '/usr/share/java/weka.jar';
  if (!existsSync(jar)) return { ok: false, why: `Weka not installed (${jar} not found; on Debian: apt-get install weka)` };
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.status !== 0) return { ok: false, why: 'Weka is installed but `java` does not run' };
  const javaVersion = (java.stderr.split('\n')[0] || '').trim();
  const version = /weka-([\d.]+)\.jar$/.exec(realpathSync(jar))?.[1] ?? basename(realpathSync(jar));
  const classes = resolve(tmp, 'classes');
  const javac = spawnSync(
    'javac',
    ['-nowarn', '-cp', jar, '-d', classes, resolve(BENCH_DIR, 'weka/CrmMiningFPGrowthBench.java')],
    { encoding: 'utf8' },
  );
  const driver = javac.status === 0;
  if (!driver) log(`[association] javac unavailable or failed (${(javac.stderr || String(javac.error)).split('\n')[0]}); using the stock Weka command line`);
  return { ok: true, jar, classes, driver, version, javaVersion };
}

/** Writes the baskets as a sparse ARFF file: one {0,1} attribute per item, `{index 1, ...}` per basket. */
function writeSparseArff(baskets, path, relation) {
  const ids = new Map();
  const names = [];
  const rows = new Array(baskets.length);
  for (let t = 0; t < baskets.length; t++) {
    const row = [];
    for (const item of baskets[t]) {
      let id = ids.get(item);
      if (id === undefined) {
        id = names.length;
        ids.set(item, id);
        names.push(item);
      }
      row.push(id);
    }
    row.sort((a, b) => a - b);
    rows[t] = `{${row.map((id) => `${id} 1`).join(',')}}`;
  }
  const quote = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const header = [`@relation ${quote(relation)}`, ...names.map((n) => `@attribute ${quote(n)} {0,1}`), '@data'];
  writeFileSync(path, header.join('\n') + '\n' + rows.join('\n') + '\n');
}

/**
 * One Weka measurement. With the driver: the time is Weka's mining alone, measured inside the JVM,
 * and the itemset count is Weka's. Without it (no javac): the stock command line's wall time minus the
 * median wall time of a run at support 1.0 (JVM start-up, ARFF loading; nothing is frequent), and no count.
 */
async function runWeka(weka, arff, minSupport, timeoutMs, fixedMs) {
  const args = weka.driver
    ? ['-cp', `${weka.jar}:${weka.classes}`, 'weka.associations.CrmMiningFPGrowthBench', arff, String(minSupport)]
    : ['-cp', weka.jar, 'weka.associations.FPGrowth', '-t', arff, '-S', '-M', minSupport === 'idle' ? '1.0' : String(minSupport), '-U', '1.0', '-C', '1.1', '-N', '1'];
  const run = await runProcess('java', args, { timeoutMs, measureRss: true });
  const out = { status: run.status, ms: NaN, maxRssKB: run.maxRssKB, wallMs: run.wallMs, result: null, message: '' };
  if (run.status === 'ok' && weka.driver) {
    const line = run.stdout.trim().split('\n').pop();
    try {
      out.result = JSON.parse(line);
      out.ms = out.result.ms;
      if (out.result.error) throw new Error(out.result.error);
    } catch (err) {
      out.status = 'error';
      out.message = `error: ${err.message}`;
    }
  } else if (run.status === 'ok') {
    out.ms = minSupport === 'idle' ? run.wallMs : Math.max(0, run.wallMs - fixedMs);
    out.result = { count: null };
  } else {
    out.message =
      run.status === 'timeout'
        ? `> ${Math.round(timeoutMs / 1000)} s (timed out)`
        : run.status === 'oom'
          ? `out of memory after ${formatMs(run.wallMs)}`
          : `error: ${(run.stderr.split('\n').find((l) => /Exception|Error/.test(l)) ?? `exit ${run.code}`).slice(0, 160)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The parent side: plan, run interleaved, report.

/**
 * Runs the whole area. `options`: `reps` (runs per measurement, default 5), `timeout` (seconds per
 * run, default 120), `data` / `impl` (comma-separated filters, for development). Returns the markdown
 * section for RESULTS.md.
 */
export async function run(options = {}) {
  const reps = Number(options.reps ?? 5);
  const timeoutMs = Number(options.timeout ?? 120) * 1000;
  const onlyData = options.data ? String(options.data).split(',') : null;
  const onlyImpl = options.impl ? String(options.impl).split(',') : null;
  // Fewer runs for slow measurements: 3 when the first took over 15 s, 1 when over 40 s.
  const slowReps = (ms) => (ms > 40_000 ? 1 : ms > 15_000 ? 3 : reps);
  const started = performance.now();
  const machine = machineInfo();
  const notes = [];
  const snapshot = snapshotLibrary();
  const tmp = mkdtempSync(resolve(os.tmpdir(), 'crm-mining-bench-'));
  try {
    let impls = IMPLS.filter((i) => !onlyImpl || onlyImpl.includes(i.key));
    let weka = null;
    if (impls.some((i) => i.key === 'weka-fpgrowth')) {
      weka = setUpWeka(tmp);
      if (!weka.ok) {
        notes.push(`Weka FPGrowth skipped: ${weka.why}.`);
        log(`[association] ${weka.why}: skipping Weka`);
        impls = impls.filter((i) => i.key !== 'weka-fpgrowth');
      } else {
        IMPLS.find((i) => i.key === 'weka-fpgrowth').label = `Weka ${weka.version} FPGrowth`;
      }
    }

    const cases = []; // { data, support, reference, runs: Map, idle }
    for (const ds of DATASETS) {
      if (onlyData && !onlyData.some((d) => ds.name.startsWith(d))) continue;
      const path = dataFile(ds.file);
      if (!existsSync(path)) {
        const msg = `${ds.name} skipped: ${path} not found (set CRM_MINING_DATA to the folder holding association/)`;
        log(`[association] ${msg}`);
        notes.push(msg + '.');
        continue;
      }
      const baskets = readBaskets(path);
      log(`[association] ${ds.name}: ${baskets.length} transactions`);
      let arff = null;
      if (weka && weka.ok && impls.some((i) => i.key === 'weka-fpgrowth')) {
        arff = resolve(tmp, ds.name.replace(/\W+/g, '_') + '.arff');
        writeSparseArff(baskets, arff, ds.name);
      }

      // Memory baselines: an idle child per kind of input (loads the data and builds the input, mines nothing).
      const idle = {};
      const kinds = [...new Set(impls.map((i) => i.input))];
      for (let r = 0; r < 2; r++) {
        for (const kind of kinds) {
          const res =
            kind === 'weka'
              ? await runWeka(weka, arff, 'idle', timeoutMs, 0)
              : await runNodeChild('association', { impl: kind, file: path, lib: snapshot.entry, idle: true }, { timeoutMs });
          (idle[kind] ??= []).push(res);
        }
      }
      for (const [kind, rs] of Object.entries(idle)) {
        const bad = rs.find((x) => x.status !== 'ok');
        if (bad) log(`[association] ${ds.name}: idle ${kind} child failed: ${bad.message}`);
      }
      const okRuns = (rs) => rs.filter((x) => x.status === 'ok');
      const idleRss = Object.fromEntries(Object.entries(idle).map(([k, rs]) => [k, median(okRuns(rs).map((x) => x.maxRssKB))]));
      const importCost = idle.ours
        ? { kb: median(okRuns(idle.ours).map((x) => x.result?.importRssKB)), ms: median(okRuns(idle.ours).map((x) => x.result?.importMs)) }
        : null;
      const fixedMs = median(okRuns(idle.weka ?? []).map((x) => x.wallMs));
      // The time limit applies to the whole child process, the reported time to the work alone: a run
      // killed at the limit ran for at least the limit minus the idle child's wall time (start-up,
      // loading, building the input). That is the lower bound used for its ratio.
      const boundMs = (kind) => Math.max(0, timeoutMs - (median(okRuns(idle[kind] ?? []).map((x) => x.wallMs)) || 0));

      const failedAbove = new Map(); // impl key -> { support, status } of a failure at a higher support
      for (const support of ds.supports) {
        const c = { data: ds.name, support, reference: ds.reference[support], idleRss, importCost, runs: new Map(), skipped: new Map() };
        cases.push(c);
        const tasks = [];
        for (const impl of impls) {
          const prior = failedAbove.get(impl.key);
          if (prior) {
            c.skipped.set(impl.key, prior);
            continue;
          }
          tasks.push({
            key: impl.key,
            maxReps: reps,
            run: async () => {
              const r =
                impl.key === 'weka-fpgrowth'
                  ? await runWeka(weka, arff, support, timeoutMs, fixedMs)
                  : await runNodeChild('association', { impl: impl.key, file: path, lib: snapshot.entry, minSupport: support }, { timeoutMs });
              if (r.status === 'timeout') r.boundMs = boundMs(impl.input);
              return r;
            },
          });
        }
        c.runs = await interleave(tasks, {
          slowReps,
          onRun: (t, r) =>
            log(
              `[association] ${ds.name} ${support} ${t.key}: ` +
                (r.status === 'ok'
                  ? `${formatMs(r.ms)}, ${formatCount(r.result?.count)} itemsets, peak ${formatMB(r.maxRssKB)}`
                  : r.message),
            ),
        });
        for (const [key, rs] of c.runs) {
          const last = rs[rs.length - 1];
          if (last && (last.status === 'timeout' || last.status === 'oom')) {
            failedAbove.set(key, { support, status: last.status, message: last.message, boundMs: last.boundMs });
          }
        }
      }
    }
    const totalMs = performance.now() - started;
    return report({ machine, weka, impls, cases, notes, reps, timeoutMs, totalMs });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    snapshot.remove();
  }
}

/** Summarises one implementation's runs in one case. */
function summarize(c, implKey, timeoutMs) {
  const skipped = c.skipped.get(implKey);
  if (skipped) {
    return {
      status: 'skipped',
      lowerBound: skipped.status === 'timeout',
      ms: skipped.status === 'timeout' ? skipped.boundMs ?? timeoutMs : NaN,
      text:
        skipped.status === 'timeout'
          ? `not run: > ${Math.round(timeoutMs / 1000)} s already at support ${skipped.support}`
          : `not run: ${skipped.message} at support ${skipped.support}`,
      runs: [],
    };
  }
  const runs = c.runs.get(implKey) ?? [];
  const ok = runs.filter((r) => r.status === 'ok');
  const failed = runs.find((r) => r.status !== 'ok');
  const counts = [...new Set(ok.map((r) => r.result?.count))];
  const distinct = [...new Set(ok.map((r) => r.result?.distinct).filter((d) => d !== undefined))];
  if (failed && failed.status === 'timeout') {
    // The timed-out run counts as the limit: the median is then a lower bound of the true median.
    const ms = median([...ok.map((r) => r.ms), failed.boundMs ?? timeoutMs]);
    const text = ok.length ? `>= ${formatMs(ms)} (1 run timed out)` : failed.message;
    return { status: 'timeout', lowerBound: true, ms, text, runs, counts, distinct, maxRssKB: NaN };
  }
  if (failed && ok.length === 0) {
    return { status: failed.status, lowerBound: false, ms: NaN, text: failed.message, runs, counts, distinct, maxRssKB: failed.maxRssKB };
  }
  return {
    status: 'ok',
    lowerBound: false,
    ms: median(ok.map((r) => r.ms)),
    text: formatMs(median(ok.map((r) => r.ms))),
    runs,
    counts,
    distinct,
    maxRssKB: median(ok.map((r) => r.maxRssKB)),
    wallMs: median(ok.map((r) => r.wallMs)),
    loadMs: median(ok.map((r) => r.result?.loadMs)),
  };
}

/** Runs that finished, and the failed one if any: `5`, `0 + 1 timeout`. */
function runsCell(runs) {
  const ok = runs.filter((r) => r.status === 'ok').length;
  const failed = runs.find((r) => r.status !== 'ok');
  return failed ? `${ok} + 1 ${failed.status}` : String(ok);
}

function countCell(s, reference) {
  if (!s.counts || s.counts.length === 0) return '—';
  const parts = s.counts.map((n) => {
    if (n === null || n === undefined) return 'not reported';
    return n === reference ? `${formatCount(n)} ✓` : `${formatCount(n)} ✗ (expected ${formatCount(reference)})`;
  });
  let text = parts.join(' / ');
  if (s.distinct && s.distinct.length && s.distinct.some((d, i) => d !== s.counts[i])) text += `; ${s.distinct.map(formatCount).join('/')} distinct`;
  return text;
}

function report({ machine, weka, impls, cases, notes, reps, timeoutMs, totalMs }) {
  const rows = [];
  const correctness = [];
  const byCase = new Map();
  for (const c of cases) {
    const sums = new Map(impls.map((i) => [i.key, summarize(c, i.key, timeoutMs)]));
    byCase.set(`${c.data}@${c.support}`, sums);
    for (const impl of impls) {
      const s = sums.get(impl.key);
      let ratio = '';
      if (impl.ours) {
        const o = sums.get(impl.ours);
        ratio = o && o.status === 'ok' && Number.isFinite(s.ms) ? formatRatio(s.ms, o.ms, s.lowerBound) : 'n/a';
      }
      const idle = c.idleRss[impl.input];
      rows.push([
        c.data,
        c.support,
        impl.label,
        countCell(s, c.reference),
        s.text,
        runsCell(s.runs),
        impl.ours ? ratio : '—',
        s.status === 'ok' ? formatMB(s.maxRssKB) : '—',
        s.status === 'ok' && Number.isFinite(idle) ? formatMB(Math.max(0, s.maxRssKB - idle)) : '—',
      ]);
      if (s.counts && s.counts.some((n) => n !== null && n !== undefined && n !== c.reference)) {
        correctness.push(`${impl.label} on ${c.data} at ${c.support}: ${countCell(s, c.reference)}.`);
      }
      if (s.distinct && s.distinct.some((d, i) => d !== s.counts[i])) {
        correctness.push(`${impl.label} on ${c.data} at ${c.support} returned duplicate itemsets (${s.distinct.map(formatCount).join('/')} distinct of ${s.counts.map(formatCount).join('/')}).`);
      }
    }
  }

  const unverified = rows.some((r) => r[3].includes('not reported'));

  // Targets
  const targetRows = [];
  const verdicts = [];
  for (const t of TARGETS) {
    const targetCases = t.cases === 'all' ? cases.map((c) => [c.data, c.support]) : t.cases;
    const oursLabel = IMPLS.find((i) => i.key === t.ours).label;
    const peerLabel = IMPLS.find((i) => i.key === t.peer).label;
    let allMet = true;
    let anyMissing = false;
    for (const [data, support] of targetCases) {
      const sums = byCase.get(`${data}@${support}`);
      if (!sums || !sums.get(t.ours) || !sums.get(t.peer)) {
        targetRows.push([`${oursLabel} >= ${t.factor}x ${peerLabel}`, `${data} @ ${support}`, 'not measured', '', 'unknown']);
        anyMissing = true;
        continue;
      }
      const o = sums.get(t.ours);
      const p = sums.get(t.peer);
      const okTime = o.status === 'ok' && Number.isFinite(p.ms);
      const r = okTime ? p.ms / o.ms : NaN;
      let met;
      if (!okTime) met = 'unknown';
      else if (r >= t.factor) met = 'yes';
      else met = p.lowerBound ? `unknown (lower bound < ${t.factor}x)` : 'no';
      let mem = '';
      if (t.memory) {
        if (o.status === 'ok' && p.status === 'ok') {
          const memOk = o.maxRssKB <= p.maxRssKB;
          const c = cases.find((x) => x.data === data && x.support === support);
          const oursIdle = c.idleRss[IMPLS.find((i) => i.key === t.ours).input];
          const peerIdle = c.idleRss[IMPLS.find((i) => i.key === t.peer).input];
          mem =
            `${formatMB(o.maxRssKB)} vs ${formatMB(p.maxRssKB)} ` +
            `(above idle: ${formatMB(Math.max(0, o.maxRssKB - oursIdle))} vs ${formatMB(Math.max(0, p.maxRssKB - peerIdle))})`;
          if (!memOk && met === 'yes') met = 'no (memory)';
          else if (!memOk) met += ', memory: no';
        } else {
          mem = `${formatMB(o.maxRssKB)} vs —`;
          if (met === 'yes') met = 'yes (time; the peer did not finish, so no memory to compare)';
        }
      }
      if (met !== 'yes') allMet = false;
      targetRows.push([`${oursLabel} >= ${t.factor}x ${peerLabel}${t.memory ? ', no more peak memory' : ''}`, `${data} @ ${support}`, okTime ? formatRatio(p.ms, o.ms, p.lowerBound) : 'n/a', mem || '—', met]);
    }
    verdicts.push(`${oursLabel} vs ${peerLabel} (>= ${t.factor}x${t.memory ? ', memory' : ''}): ${anyMissing ? 'not fully measured' : allMet ? 'met' : 'NOT met'}`);
  }

  const header = ['data', 'minSupport', 'implementation', 'itemsets (vs reference)', 'median time', 'runs', 'ratio peer/ours', 'peak RSS', 'above idle'];
  const align = ['l', 'r', 'l', 'l', 'r', 'r', 'r', 'r', 'r'];
  const details = [];
  for (const c of cases) {
    for (const impl of impls) {
      const runs = c.runs.get(impl.key) ?? [];
      if (!runs.length) continue;
      details.push(
        `- ${c.data} @ ${c.support}, ${impl.label}: ` +
          runs.map((r) => (r.status === 'ok' ? formatMs(r.ms) : r.message)).join(', ') +
          (impl.key === 'weka-fpgrowth' && runs.some((r) => r.status === 'ok')
            ? ` (whole JVM process: ${runs.filter((r) => r.status === 'ok').map((r) => formatMs(r.wallMs)).join(', ')})`
            : ''),
      );
    }
  }
  const importLines = cases
    .filter((c, i) => c.importCost && cases.findIndex((d) => d.data === c.data) === i)
    .map((c) => `${formatMB(c.importCost.kb)} / ${formatMs(c.importCost.ms)} (${c.data} child)`);
  const idleLines = cases
    .filter((c, i) => cases.findIndex((d) => d.data === c.data) === i)
    .map((c) => `${c.data}: ` + Object.entries(c.idleRss).map(([k, v]) => `${k === 'ours' ? 'crm-mining TransactionSet' : k === 'arrays' ? 'string[][] (npm peers)' : 'Weka (JVM + ARFF)'} ${formatMB(v)}`).join(', '));

  const wekaLine = weka && weka.ok
    ? `Weka: ${weka.version} (Debian package), ${weka.javaVersion}; ${weka.driver ? 'timed inside the JVM by benchmarks/weka/CrmMiningFPGrowthBench.java' : 'stock command line, fixed cost subtracted'}`
    : `Weka: not run (${weka ? weka.why : 'not selected'})`;

  const md = [
    `## ${title}`,
    '',
    `Command: \`npm run bench association\` — ${reps} interleaved runs per measurement (fewer for slow ones: 3 when the first run took over 15 s, 1 over 40 s), ` +
      `time limit ${Math.round(timeoutMs / 1000)} s per run, each run a fresh process. Whole run: ${formatMs(totalMs)}.`,
    '',
    machineMarkdown(machine, [wekaLine, `Data: ${dataDir()}`]),
    '',
    '### Targets',
    '',
    table(['target', 'case', 'ratio peer/ours', 'peak RSS ours vs peer', 'met'], targetRows),
    '',
    'The memory target is judged on the whole-process peak RSS; "above idle" (peak minus the peak of an idle child with the same input, see below) shows what the mining itself added.',
    '',
    ...verdicts.map((v) => `- ${v}`),
    '',
    '### All measurements',
    '',
    table(header, rows, align),
    '',
    'Ratio: the peer\'s median time / the median time of the same algorithm of ours (node-fpgrowth and Weka vs our fpGrowth, ' +
      'node-apriori vs our apriori); `>=` marks a lower bound from a peer that hit the time limit. ' +
      'Peak RSS: the child process\'s peak resident set size (median over runs); above idle: minus the peak of an idle child that ' +
      'loaded the same data and built the same input but mined nothing.',
    '',
    '### Correctness',
    '',
    correctness.length
      ? correctness.map((x) => `- ${x}`).join('\n')
      : `- Every implementation that finished${unverified ? ' and reported a count' : ''} returned the reference number of frequent itemsets.`,
    '',
    '### Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '- Timed: only the mining call. crm-mining: `fpGrowth(tx, { minSupport })` / `apriori(...)` on a TransactionSet built before the clock starts; the result is the packed FrequentItemsets. ' +
      'npm peers: `new FPGrowth(minSupport).exec(baskets)` / `new Apriori(minSupport).exec(baskets)` on the same parsed baskets (string[][], duplicates within a basket removed, since node-fpgrowth does not de-duplicate), awaited.',
    weka && weka.ok && weka.driver
      ? '- Weka: the driver parses the sparse ARFF written from the same baskets, then times Weka\'s own mining steps (singleton counts, FP-tree, mining) with System.nanoTime; JVM start-up, ARFF parsing and rule generation are not included (the stock `weka.associations.FPGrowth` command line also generates rules and has no way to print the itemset count). Its peak RSS is the whole JVM (GNU time), default heap settings.'
      : weka && weka.ok
        ? '- Weka: stock command line (`-S -M <support> -C 1.1`); time = wall time minus the median wall time of a run at support 1.0 (JVM start-up and ARFF loading), so it still includes rule generation; the itemset count is not reported.'
        : null,
    `- Idle children (peak RSS): ${idleLines.join('; ')}.`,
    importLines.length
      ? `- Importing the package entry (dist/esm/index.js, every area) in our children adds to their RSS and start-up, before any data is loaded: ${importLines.join(', ')}. It is part of our peak RSS and of our idle child.`
      : null,
    `- The time limit applies to the whole child process; a run killed at it is counted as the limit minus the idle child's wall time (process start-up, loading, building the input), a lower bound of its mining time, hence the \`>=\` ratios.`,
    '- A peer that times out (or runs out of memory) at one support is not run at the lower supports of the same data set: its work only grows as support falls; its ratio there is the same lower bound.',
    '',
    '<details><summary>Every run</summary>',
    '',
    ...details,
    '',
    '</details>',
  ].filter((l) => l !== null);
  return md.join('\n');
}
