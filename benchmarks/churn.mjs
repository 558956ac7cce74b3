// Churn benchmark on the IBM Telco file (7,043 customers, 45 encoded inputs):
//  - training time per epoch of our MLP (32-16 relu, Adam, batch 128, 80% of the rows; a fixed number
//    of epochs, no early stopping) on the wasm and on the pure-JS cpu backend of TensorFlow.js, beside
//    scikit-learn's MLPClassifier of the same shape (Debian python3-sklearn via /usr/bin/python3) on the
//    same encoded matrix;
//  - prediction throughput for 100,000 rows (the Telco rows repeated), preprocessing included;
//  - the whole stratified 5-fold cross-validation (MLP + logistic baseline, early stopping) on wasm.
// Timed in a fresh child process each: the training call (per-epoch time = the model's own per-epoch
// records, median), the 100,000-row predict call, or the whole crossValidateChurn call.
// `--lib DIR` times the build in DIR instead of dist/esm (see run()).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENCH_DATA_DIR,
  dataFile,
  formatMs,
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

export const title = 'Churn: MLP training per epoch (wasm vs cpu vs scikit-learn), prediction throughput, 5-fold CV';

const FILE = 'churn/telco-churn.csv';
const EPOCHS = 5;
const PREDICT_ROWS = 100_000;

async function loadLib(spec) {
  return import(pathToFileURL(spec.lib ?? resolve(ROOT, 'dist/esm/index.js')).href);
}

// Which wasm binary tfjs chose and with how many threads. tfjs picks the SIMD binary when WebAssembly
// SIMD validates, and never its multi-threaded one under Node (its thread pool needs browser Workers).
async function wasmBuild(tf) {
  const mod = await import('@tensorflow/tfjs-backend-wasm');
  const wasm = typeof mod.getThreadsCount === 'function' ? mod : mod.default;
  return {
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    multithread: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
    threads: wasm.getThreadsCount(),
  };
}

export async function prepareChild(spec) {
  const lib = await loadLib(spec);
  const table = await lib.readCsv(spec.file);
  const base = { target: 'Churn', id: 'customerID', seed: 42 };
  if (spec.task === 'train') {
    const opts = { ...base, backend: spec.backend, epochs: EPOCHS, validationFraction: 0.2, patience: EPOCHS + 1 };
    const runtime = await lib.loadTensorFlow(spec.backend);
    return {
      run: () => lib.trainChurnModel(table, opts),
      summarize: (m) => ({ backend: m.backend, epochMs: median(m.history.map((h) => h.ms)), epochs: m.history.length }),
      info: runtime.backend === 'wasm' ? await wasmBuild(runtime.tf) : {},
    };
  }
  if (spec.task === 'predict') {
    const model = await lib.trainChurnModel(table, { ...base, backend: spec.backend, epochs: 2 });
    const records = table.toRecords();
    const big = Array.from({ length: PREDICT_ROWS }, (_, i) => records[i % records.length]);
    const bigTable = lib.DataTable.fromRecords(big);
    return {
      run: () => model.predictProbabilities(bigTable),
      summarize: (p) => ({ backend: model.backend, rows: p.length }),
    };
  }
  if (spec.task === 'cv') {
    await lib.loadTensorFlow(spec.backend);
    return {
      run: () => lib.crossValidateChurn(table, { ...base, backend: spec.backend, folds: 5 }),
      summarize: (cv) => ({ backend: cv.backend, auc: cv.auc, logistic: cv.baselines.logistic }),
    };
  }
  if (spec.task === 'export') {
    // Writes the encoded training matrix for scikit-learn (float32 features, then float32 labels).
    const schema = lib.inferChurnSchema(table, base);
    const pre = lib.ChurnPreprocessor.fit(table, undefined, schema);
    const enc = pre.transform(table);
    const y = lib.churnLabels(table, 'Churn', schema.positive);
    return {
      run: () => {
        const out = new Float32Array(enc.data.length + enc.rows);
        out.set(enc.data);
        for (let i = 0; i < enc.rows; i++) out[enc.data.length + i] = y[i];
        writeFileSync(spec.out, Buffer.from(out.buffer));
        return enc;
      },
      summarize: (e) => ({ rows: e.rows, cols: e.cols }),
    };
  }
  throw new Error(`unknown task ${spec.task}`);
}

const PY_SCRIPT = `
import sys, time, json, warnings
import numpy as np
from sklearn.neural_network import MLPClassifier
from sklearn.exceptions import ConvergenceWarning
warnings.simplefilter('ignore', ConvergenceWarning)
file, rows, cols, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
raw = np.fromfile(file, dtype='<f4')
X = raw[:rows * cols].reshape(rows, cols).astype(np.float64)
y = raw[rows * cols:].astype(int)
n = int(rows * 0.8)
clf = MLPClassifier(hidden_layer_sizes=(32, 16), activation='relu', solver='adam', alpha=1e-4, batch_size=128,
                    learning_rate_init=0.003, max_iter=epochs, shuffle=True, random_state=42, early_stopping=False, tol=0)
t0 = time.perf_counter()
clf.fit(X[:n], y[:n])
ms = (time.perf_counter() - t0) * 1000
print('@@bench-result ' + json.dumps({'ms': ms, 'epochMs': ms / clf.n_iter_, 'epochs': int(clf.n_iter_)}))
`;

async function runPython(file, rows, cols, timeoutMs) {
  return runPythonScript(PY_SCRIPT, [file, rows, cols, EPOCHS], { timeoutMs });
}


export async function run(options = {}) {
  const reps = Math.min(Number(options.reps ?? 3), 3);
  const timeoutMs = Number(options.timeout ?? 180) * 1000;
  const file = dataFile(FILE);
  if (!existsSync(file)) return `## ${title}\n\nSkipped: ${file} not found (set CRM_MINING_DATA).\n`;
  // `--lib DIR`: time another build of the library (for example a private `tsc --outDir` build) instead of
  // a snapshot of dist/esm; DIR must resolve the package's dependencies (inside the checkout, or beside a
  // node_modules link).
  const snapshot = options.lib ? { entry: resolve(String(options.lib), 'index.js'), remove() {} } : snapshotLibrary();
  const notes = [];
  try {
    const sklearn = await haveSklearn();
    const dir = BENCH_DATA_DIR;
    mkdirSync(dir, { recursive: true });
    const matrix = resolve(dir, 'telco-encoded.f32');
    const exported = await runNodeChild('churn', { task: 'export', file, lib: snapshot.entry, out: matrix }, { timeoutMs });
    if (exported.status !== 'ok') throw new Error(`could not encode the Telco file: ${exported.message}`);
    const { rows, cols } = exported.result;
    const tasks = [
      { key: 'wasm', run: () => runNodeChild('churn', { task: 'train', backend: 'wasm', file, lib: snapshot.entry }, { timeoutMs }) },
      { key: 'cpu', run: () => runNodeChild('churn', { task: 'train', backend: 'cpu', file, lib: snapshot.entry }, { timeoutMs }) },
    ];
    if (sklearn) tasks.push({ key: 'sklearn', run: () => runPython(matrix, rows, cols, timeoutMs) });
    else notes.push(`scikit-learn MLPClassifier: skipped (${PYTHON} with scikit-learn not found; apt-get install python3-sklearn)`);
    for (const t of tasks) t.maxReps = reps;
    const runs = await interleave(tasks, {
      onRun: (t, r) => log(`  train ${t.key}: ${r.status === 'ok' ? `${formatMs(r.result.epochMs)} per epoch` : r.message}`),
    });
    const epochMs = (key) => median((runs.get(key) ?? []).filter((r) => r.status === 'ok').map((r) => r.result.epochMs));
    const wasm = epochMs('wasm');
    const build = (runs.get('wasm') ?? []).find((r) => r.status === 'ok')?.result;
    const trainRows = [
      ['crm-mining, wasm backend', formatMs(wasm), '1.00'],
      ['crm-mining, cpu backend', formatMs(epochMs('cpu')), (epochMs('cpu') / wasm).toFixed(2)],
    ];
    if (sklearn) trainRows.push(['scikit-learn MLPClassifier (32, 16), adam, batch 128', formatMs(epochMs('sklearn')), (epochMs('sklearn') / wasm).toFixed(2)]);

    const predict = [];
    for (const backend of ['wasm', 'cpu']) {
      const r = await runNodeChild('churn', { task: 'predict', backend, file, lib: snapshot.entry }, { timeoutMs });
      log(`  predict ${backend}: ${r.status === 'ok' ? formatMs(r.ms) : r.message}`);
      predict.push([backend, r.status === 'ok' ? formatMs(r.ms) : r.message, r.status === 'ok' ? Math.round(PREDICT_ROWS / (r.ms / 1000)).toLocaleString('en-US') : '']);
    }
    const cv = await runNodeChild('churn', { task: 'cv', backend: 'wasm', file, lib: snapshot.entry }, { timeoutMs });
    log(`  5-fold CV wasm: ${cv.status === 'ok' ? formatMs(cv.ms) : cv.message}`);

    const md = [];
    md.push(`## ${title}`, '');
    md.push(machineMarkdown(machineInfo()));
    md.push('');
    if (options.lib) md.push(`Library under test: \`${resolve(String(options.lib))}\``, '');
    md.push(`Training: ${rows} × ${cols} encoded Telco rows, 80% trained on, ${EPOCHS} epochs, MLP 32-16 relu, Adam (lr 0.003), batch 128; per-epoch time is the median epoch (ratio = time / wasm time, > 1 is slower than wasm).`);
    md.push('');
    md.push(table(['implementation', 'time per epoch', 'ratio to wasm'], trainRows, ['l', 'r', 'r']));
    md.push('');
    if (build && build.simd !== undefined) {
      md.push(
        `wasm build in use: ${build.simd ? 'the SIMD binary' : 'the plain binary (no WebAssembly SIMD here)'}, ${build.threads} thread${build.threads === 1 ? '' : 's'}` +
          `${build.multithread ? '' : ' (tfjs never loads its multi-threaded binary under Node)'}.`,
      );
      md.push('');
    }
    md.push(`Prediction of ${PREDICT_ROWS.toLocaleString('en-US')} rows (preprocessing + network):`);
    md.push('');
    md.push(table(['backend', 'time', 'rows per second'], predict, ['l', 'r', 'r']));
    md.push('');
    md.push(
      cv.status === 'ok'
        ? `Whole stratified 5-fold cross-validation on wasm (MLP with early stopping + logistic baseline): ${formatMs(cv.ms)}; mean ROC-AUC MLP ${cv.result.auc.toFixed(4)}, logistic ${cv.result.logistic.toFixed(4)}.`
        : `Whole 5-fold cross-validation: ${cv.message}`,
    );
    for (const n of notes) md.push('', n);
    return md.join('\n') + '\n';
  } finally {
    snapshot.remove();
  }
}
