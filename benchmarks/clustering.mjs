// Clustering benchmark: k-means on 100,000 × 8 points with k = 8 (one run, no restarts, k-means++
// start, at most 300 iterations) — our Hamerly, Elkan, Lloyd and mini-batch beside ml-kmeans (npm) and
// scikit-learn's KMeans (Debian python3-sklearn via /usr/bin/python3), all on the same binary data file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENCH_DATA_DIR,
  formatMB,
  formatMs,
  formatRatio,
  gaussianBlobs,
  haveSklearn,
  interleave,
  log,
  machineInfo,
  machineMarkdown,
  median,
  PYTHON,
  ROOT,
  runNodeChild,
  runPythonScript,
  snapshotLibrary,
  table,
} from './lib.mjs';

export const title = 'Clustering: k-means, 100,000 × 8, k = 8';

const N = 100_000;
const D = 8;
const K = 8;

export const IMPLS = [
  { key: 'ours-hamerly', label: 'crm-mining fitKMeans (hamerly)' },
  { key: 'ours-elkan', label: 'crm-mining fitKMeans (elkan)' },
  { key: 'ours-lloyd', label: 'crm-mining fitKMeans (lloyd)' },
  { key: 'ours-minibatch', label: 'crm-mining fitKMeans (minibatch, batch 1024)' },
  { key: 'ml-kmeans', label: 'ml-kmeans 7 (kmeans++)' },
  { key: 'sklearn-lloyd', label: "scikit-learn KMeans(algorithm='lloyd')", python: true },
  { key: 'sklearn-elkan', label: "scikit-learn KMeans(algorithm='elkan')", python: true },
];

/**
 * The data file: 8 Gaussian blobs (unit spread, centres uniform in [-10, 10]^8) plus 10 % uniform
 * noise, from a fixed seed, as little-endian float64, row-major. Written once into node_modules/.cache.
 */
export function dataPath() {
  const file = resolve(BENCH_DATA_DIR, `kmeans-${N}x${D}.f64`);
  if (existsSync(file)) return file;
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const { x } = gaussianBlobs({ seed: 12345, n: N, d: D, k: K, noiseShare: 0.1, noiseHalfWidth: 12 });
  writeFileSync(file, Buffer.from(x.buffer));
  return file;
}

function readData(file) {
  const buf = readFileSync(file);
  return new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
}

export async function prepareChild(spec) {
  const flat = readData(spec.file);
  const n = flat.length / D;
  if (spec.impl.startsWith('ours')) {
    const lib = await import(pathToFileURL(spec.lib ?? resolve(ROOT, 'dist/esm/index.js')).href);
    const matrix = { rows: n, cols: D, data: flat };
    const algorithm = spec.impl.slice('ours-'.length);
    return {
      run: () => lib.fitKMeans(matrix, { k: K, nInit: 1, seed: spec.seed, algorithm, maxIter: algorithm === 'minibatch' ? 100 : 300 }),
      summarize: (m) => ({ inertia: m.inertia, iterations: m.iterations, distances: m.distanceComputations }),
    };
  }
  if (spec.impl === 'ml-kmeans') {
    const { kmeans } = await import('ml-kmeans');
    const rows = [];
    for (let i = 0; i < n; i++) rows.push(Array.from(flat.subarray(i * D, (i + 1) * D)));
    return {
      run: () => kmeans(rows, K, { initialization: 'kmeans++', seed: spec.seed, maxIterations: 300 }),
      summarize: (r) => {
        // ml-kmeans reports no inertia: compute it from its clusters and centroids (not timed)
        let inertia = 0;
        for (let i = 0; i < n; i++) {
          const c = r.centroids[r.clusters[i]];
          for (let t = 0; t < D; t++) inertia += (rows[i][t] - c[t]) ** 2;
        }
        return { inertia, iterations: r.iterations };
      },
    };
  }
  throw new Error(`unknown implementation ${spec.impl}`);
}

const PY_SCRIPT = `
import sys, time, json
import numpy as np
from sklearn.cluster import KMeans
file, algorithm, seed, idle = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == '1'
X = np.fromfile(file, dtype='<f8').reshape(-1, ${D})
if idle:
    print('@@bench-result ' + json.dumps({'ms': None, 'idle': True}))
    sys.exit(0)
t0 = time.perf_counter()
km = KMeans(n_clusters=${K}, n_init=1, init='k-means++', max_iter=300, algorithm=algorithm, random_state=seed).fit(X)
ms = (time.perf_counter() - t0) * 1000
print('@@bench-result ' + json.dumps({'ms': ms, 'inertia': float(km.inertia_), 'iterations': int(km.n_iter_)}))
`;

async function runPython(algorithm, file, seed, idle, timeoutMs) {
  return runPythonScript(PY_SCRIPT, [file, algorithm, seed, idle ? '1' : '0'], { timeoutMs });
}


export async function run(options = {}) {
  const reps = Number(options.reps ?? 5);
  const timeoutMs = Number(options.timeout ?? 120) * 1000;
  const only = options.impl ? String(options.impl).split(',') : null;
  const file = dataPath();
  const snapshot = snapshotLibrary();
  const sklearn = await haveSklearn();
  const skipped = [];
  try {
    const impls = IMPLS.filter((i) => !only || only.includes(i.key)).filter((i) => {
      if (i.python && !sklearn) {
        skipped.push(`${i.label}: skipped (${PYTHON} with scikit-learn not found; apt-get install python3-sklearn)`);
        return false;
      }
      return true;
    });
    const seedOf = (rep) => rep; // each repetition uses a different seed, the same for everyone
    const tasks = impls.map((impl) => {
      let rep = 0;
      return {
        key: impl.key,
        maxReps: reps,
        run: () => {
          const seed = seedOf(rep++);
          return impl.python
            ? runPython(impl.key.slice('sklearn-'.length), file, seed, false, timeoutMs)
            : runNodeChild('clustering', { impl: impl.key, file, lib: snapshot.entry, seed }, { timeoutMs });
        },
      };
    });
    const runs = await interleave(tasks, {
      slowReps: (ms) => (ms > 40_000 ? 1 : ms > 15_000 ? 3 : reps),
      onRun: (t, r) => log(`  ${t.key}: ${r.status === 'ok' ? formatMs(r.ms) + ` inertia ${r.result.inertia.toFixed(1)}` : r.message}`),
    });
    const idleNode = await runNodeChild('clustering', { impl: 'ours-hamerly', file, lib: snapshot.entry, seed: 0, idle: true }, { timeoutMs });
    const idlePy = sklearn ? await runPython('lloyd', file, 0, true, timeoutMs) : null;
    const oursMs = median((runs.get('ours-hamerly') ?? []).filter((r) => r.status === 'ok').map((r) => r.ms));
    const rows = impls.map((impl) => {
      const ok = runs.get(impl.key).filter((r) => r.status === 'ok');
      if (ok.length === 0) return [impl.label, runs.get(impl.key)[0]?.message ?? 'no run', '', '', '', '', ''];
      const ms = median(ok.map((r) => r.ms));
      const rss = Math.max(...ok.map((r) => r.maxRssKB));
      const idle = impl.python ? idlePy?.maxRssKB : idleNode.maxRssKB;
      const inertias = ok.map((r) => r.result.inertia);
      const iters = ok.map((r) => r.result.iterations);
      return [
        impl.label,
        formatMs(ms),
        impl.key === 'ours-hamerly' ? '1' : formatRatio(ms, oursMs),
        `${formatMB(rss)} (${Number.isFinite(idle) ? formatMB(rss - idle) : '?'} above idle)`,
        `${Math.min(...inertias).toFixed(1)} / ${median(inertias).toFixed(1)}`,
        String(median(iters)),
        ok[0].result.distances !== undefined ? (median(ok.map((r) => r.result.distances)) / 1e6).toFixed(1) + ' M' : '',
      ];
    });
    const m = machineInfo();
    return [
      `## ${title}`,
      '',
      machineMarkdown(m, [`scikit-learn: ${sklearn ? 'yes (default OpenMP threads on this machine)' : 'not installed'}`]),
      '',
      `Data: ${N.toLocaleString('en')} × ${D} float64 (8 Gaussian blobs, unit spread, 10 % uniform noise; fixed seed), one binary file read by every implementation. ` +
        `Each run: k = ${K}, one k-means++ start (no restarts: ml-kmeans has none), at most 300 iterations, each library's default tolerance; ` +
        `repetition r uses seed r for everyone. Timed: the fit alone (data already in each library's input format). ` +
        `Ratio = peer median / our Hamerly median (above 1: we are faster). Inertia: best / median over the repetitions ` +
        `(different seeds reach different local optima; ml-kmeans' inertia is computed from its output).`,
      '',
      table(['implementation', 'median time', 'ratio', 'peak memory', 'inertia best / median', 'iterations', 'point-centre distances'], rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r']),
      ...(skipped.length ? ['', ...skipped.map((s) => `- ${s}`)] : []),
    ].join('\n');
  } finally {
    snapshot.remove();
  }
}
