// Outlier benchmark: Isolation Forest on 100,000 × 8 and LOF on 10,000 × 8 (the first rows of the same
// file) — our fitIsolationForest / fitLocalOutlierFactor beside scikit-learn (Debian python3-sklearn via
// /usr/bin/python3) and, for Isolation Forest, the npm `isolation-forest` package. Timed: fit plus the
// scores of the training rows. Correctness in the same run: the ROC-AUC of each implementation's scores
// against the planted outliers.
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

export const title = 'Outliers: Isolation Forest (100,000 × 8) and LOF (10,000 × 8)';

const N = 100_000;
const N_LOF = 10_000;
const D = 8;

export const IMPLS = [
  { key: 'ours-iforest', task: 'iforest', label: 'crm-mining fitIsolationForest', ours: true },
  { key: 'sklearn-iforest', task: 'iforest', label: 'scikit-learn IsolationForest', python: true },
  { key: 'npm-iforest', task: 'iforest', label: 'isolation-forest 0.0.9 (npm)' },
  { key: 'ours-lof', task: 'lof', label: 'crm-mining fitLocalOutlierFactor (k-d tree k-NN)', ours: true },
  { key: 'sklearn-lof', task: 'lof', label: 'scikit-learn LocalOutlierFactor (auto: KD-tree)', python: true },
];

/**
 * The data file: 8 Gaussian blobs (unit spread, centres uniform in [-10, 10]^8) and 5 % uniform noise in
 * [-14, 14]^8 (the planted outliers), from a fixed seed, shuffled. float64 features row-major, then one
 * float64 label per row (1 = noise).
 */
export function dataPath() {
  const file = resolve(BENCH_DATA_DIR, `outliers-${N}x${D}.f64`);
  if (existsSync(file)) return file;
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const blobs = gaussianBlobs({ seed: 2024, n: N, d: D, k: 8, noiseShare: 0.05, noiseHalfWidth: 14 });
  const x = new Float64Array(N * D + N);
  x.set(blobs.x);
  x.set(blobs.labels, N * D);
  writeFileSync(file, Buffer.from(x.buffer));
  return file;
}

function readData(file, n) {
  const buf = readFileSync(file);
  const all = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
  return { X: all.slice(0, n * D), y: all.slice(N * D, N * D + n) };
}

/** ROC-AUC by the rank-sum (average ranks for ties); not timed. */
function auc(y, s) {
  const n = y.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[a] - s[b]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && s[idx[j + 1]] === s[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (y[idx[t]] === 1) rankSum += r;
    i = j + 1;
  }
  for (let i = 0; i < n; i++) pos += y[i];
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (n - pos));
}

export async function prepareChild(spec) {
  const n = spec.task === 'lof' ? N_LOF : N;
  const { X, y } = readData(spec.file, n);
  if (spec.impl.startsWith('ours')) {
    const lib = await import(pathToFileURL(spec.lib ?? resolve(ROOT, 'dist/esm/index.js')).href);
    const matrix = { rows: n, cols: D, data: X };
    return {
      run: () => (spec.task === 'lof' ? lib.fitLocalOutlierFactor(matrix) : lib.fitIsolationForest(matrix, { seed: spec.seed })).trainingScores,
      summarize: (scores) => ({ auc: auc(y, scores) }),
    };
  }
  if (spec.impl === 'npm-iforest') {
    const { IsolationForest } = await import('isolation-forest');
    const rows = [];
    for (let i = 0; i < n; i++) {
      const o = {};
      for (let t = 0; t < D; t++) o['f' + t] = X[i * D + t];
      rows.push(o);
    }
    return {
      run: () => {
        const f = new IsolationForest(100, 256);
        f.fit(rows);
        return f.scores();
      },
      summarize: (scores) => ({ auc: auc(y, scores) }),
    };
  }
  throw new Error(`unknown implementation ${spec.impl}`);
}

const PY_SCRIPT = `
import sys, time, json
import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.neighbors import LocalOutlierFactor
from sklearn.metrics import roc_auc_score
file, task, seed, idle = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == '1'
N, D = ${N}, ${D}
raw = np.fromfile(file, dtype='<f8')
n = ${N_LOF} if task == 'lof' else N
X = raw[:N * D].reshape(N, D)[:n].copy()
y = raw[N * D:][:n]
if idle:
    print('@@bench-result ' + json.dumps({'ms': None, 'idle': True}))
    sys.exit(0)
t0 = time.perf_counter()
if task == 'lof':
    s = -LocalOutlierFactor(n_neighbors=20).fit(X).negative_outlier_factor_
else:
    s = -IsolationForest(random_state=seed).fit(X).score_samples(X)
ms = (time.perf_counter() - t0) * 1000
print('@@bench-result ' + json.dumps({'ms': ms, 'auc': float(roc_auc_score(y, s))}))
`;

async function runPython(task, file, seed, idle, timeoutMs) {
  return runPythonScript(PY_SCRIPT, [file, task, seed, idle ? '1' : '0'], { timeoutMs });
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
    const tasks = impls.map((impl) => {
      let rep = 0;
      return {
        key: impl.key,
        maxReps: reps,
        run: () => {
          const seed = rep++;
          return impl.python
            ? runPython(impl.task, file, seed, false, timeoutMs)
            : runNodeChild('outliers', { impl: impl.key, task: impl.task, file, lib: snapshot.entry, seed }, { timeoutMs });
        },
      };
    });
    const runs = await interleave(tasks, {
      slowReps: (ms) => (ms > 40_000 ? 1 : ms > 15_000 ? 3 : reps),
      onRun: (t, r) => log(`  ${t.key}: ${r.status === 'ok' ? formatMs(r.ms) + ` AUC ${r.result.auc.toFixed(4)}` : r.message}`),
    });
    const idle = {};
    for (const task of ['iforest', 'lof']) {
      idle[task] = {
        node: (await runNodeChild('outliers', { impl: `ours-${task}`, task, file, lib: snapshot.entry, seed: 0, idle: true }, { timeoutMs })).maxRssKB,
        py: sklearn ? (await runPython(task, file, 0, true, timeoutMs)).maxRssKB : NaN,
      };
    }
    const rows = impls.map((impl) => {
      const all = runs.get(impl.key) ?? [];
      const ok = all.filter((r) => r.status === 'ok');
      if (ok.length === 0) return [impl.label, all[0]?.message ?? 'no run', '', '', ''];
      const ms = median(ok.map((r) => r.ms));
      const ours = median((runs.get(`ours-${impl.task}`) ?? []).filter((r) => r.status === 'ok').map((r) => r.ms));
      const rss = Math.max(...ok.map((r) => r.maxRssKB));
      const base = impl.python ? idle[impl.task].py : idle[impl.task].node;
      const aucs = ok.map((r) => r.result.auc);
      return [
        impl.label,
        formatMs(ms),
        impl.ours ? '1' : formatRatio(ms, ours),
        `${formatMB(rss)} (${Number.isFinite(base) ? formatMB(rss - base) : '?'} above idle)`,
        `${Math.min(...aucs).toFixed(4)} – ${Math.max(...aucs).toFixed(4)}`,
      ];
    });
    return [
      `## ${title}`,
      '',
      machineMarkdown(machineInfo(), [`scikit-learn: ${sklearn ? 'yes' : 'not installed'}`]),
      '',
      `Data: ${N.toLocaleString('en')} × ${D} float64 (8 Gaussian blobs, unit spread, and 5 % uniform noise: the planted outliers; fixed seed), ` +
        `one binary file read by every implementation; LOF uses its first ${N_LOF.toLocaleString('en')} rows. Defaults everywhere: Isolation Forest ` +
        `100 trees × 256 rows; LOF k = 20. Timed: fit plus the scores of the training rows (data already in each library's input format). ` +
        `Repetition r uses seed r. Ratio = peer median / our median (above 1: we are faster). AUC: ROC-AUC of the scores against the planted ` +
        `outliers, range over the repetitions. Note: the npm isolation-forest package grows every tree on all rows instead of a 256-row subsample.`,
      '',
      table(['implementation', 'median time', 'ratio', 'peak memory', 'ROC-AUC'], rows, ['l', 'r', 'r', 'r', 'r']),
      ...(skipped.length ? ['', ...skipped.map((x) => `- ${x}`)] : []),
    ].join('\n');
  } finally {
    snapshot.remove();
  }
}
