// Classification benchmark: training a CART decision tree (depth 10) on 20,000 × 8 numeric rows and on
// the Telco churn table — our fitDecisionTree beside ml-cart (npm) and scikit-learn's
// DecisionTreeClassifier (Debian python3-sklearn via /usr/bin/python3), all on the same data files —
// plus cross-validated accuracy of every implementation on the same stratified folds.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENCH_DATA_DIR,
  dataFile,
  formatMB,
  formatMs,
  formatRatio,
  haveSklearn,
  interleave,
  log,
  machineInfo,
  machineMarkdown,
  median,
  mulberry32,
  PYTHON,
  ROOT,
  runNodeChild,
  runPythonScript,
  snapshotLibrary,
  table,
} from './lib.mjs';

export const title = 'Classification: CART decision tree (depth 10), 20,000 × 8 numeric rows and Telco churn';

const N = 20_000;
const D = 8;
const DEPTH = 10;
const FOLDS = 10;
const CACHE = BENCH_DATA_DIR;

/** Implementations; `data` lists the data sets each runs on. */
export const IMPLS = [
  { key: 'ours', label: 'crm-mining fitDecisionTree (numeric matrix)' },
  { key: 'ours-table', label: 'crm-mining fitDecisionTree (table: native categorical, missing kept)', only: 'telco' },
  { key: 'ml-cart', label: 'ml-cart 2 DecisionTreeClassifier' },
  { key: 'sklearn', label: 'scikit-learn DecisionTreeClassifier', python: true },
];

/**
 * The synthetic numeric data (written once): 8 uniform features; the class is 1 when
 * x0 + x1·x2 + 0.5·sin(6·x3) + 0.3·noise > 1.1 (about 10 % of labels flipped by the noise), as CSV with a
 * header and the label last, every value written in full precision so every reader sees the same numbers.
 */
function syntheticCsv() {
  const file = resolve(CACHE, `cart-${N}x${D}.csv`);
  if (existsSync(file)) return file;
  mkdirSync(CACHE, { recursive: true });
  const rand = mulberry32(2024);
  const lines = [[...Array.from({ length: D }, (_, j) => `x${j}`), 'y'].join(',')];
  for (let i = 0; i < N; i++) {
    const x = Array.from({ length: D }, () => rand());
    const y = x[0] + x[1] * x[2] + 0.5 * Math.sin(6 * x[3]) + 0.3 * (rand() - 0.5) > 1.1 ? 1 : 0;
    lines.push([...x.map(String), String(y)].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Telco as the numeric matrix every peer needs: numeric columns as is (blank TotalCharges → 0, tenure 0), one-hot for the rest. */
function telcoNumericCsv(source) {
  const file = resolve(CACHE, 'telco-onehot.csv');
  if (existsSync(file)) return file;
  mkdirSync(CACHE, { recursive: true });
  const text = readFileSync(source, 'utf8').trim().split(/\r?\n/);
  const header = text[0].split(',');
  const rows = text.slice(1).map((l) => l.split(','));
  const numeric = new Set(['tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen']);
  const outHeader = [];
  const makers = [];
  header.forEach((h, j) => {
    if (h === 'customerID' || h === 'Churn') return;
    if (numeric.has(h)) {
      outHeader.push(h);
      makers.push((r) => [r[j].trim() === '' ? '0' : r[j]]);
    } else {
      const cats = [...new Set(rows.map((r) => r[j]))].sort();
      for (const c of cats) outHeader.push(`${h}=${c}`);
      makers.push((r) => cats.map((c) => (r[j] === c ? '1' : '0')));
    }
  });
  const churn = header.indexOf('Churn');
  const lines = [[...outHeader, 'y'].join(',')];
  for (const r of rows) lines.push([...makers.flatMap((m) => m(r)), r[churn] === 'Yes' ? '1' : '0'].join(','));
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function readNumericCsv(file) {
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const cols = lines[0].split(',').length - 1;
  const X = [];
  const y = [];
  for (let i = 1; i < lines.length; i++) {
    const v = lines[i].split(',').map(Number);
    y.push(v[cols]);
    X.push(v.slice(0, cols));
  }
  return { X, y, cols };
}

function foldsFile(name, folds) {
  const file = resolve(CACHE, `cart-folds-${name}.json`);
  writeFileSync(file, JSON.stringify(folds.map((f) => Array.from(f.test))));
  return file;
}

/** Our library's functions, from the area modules of a built copy (the whole index loads every area). */
async function loadOurs(entry) {
  const base = dirname(entry);
  const parts = await Promise.all(
    ['classification/index.js', 'evaluation/index.js', 'data/csv.js', 'core/matrix.js'].map((p) => import(pathToFileURL(resolve(base, p)).href)),
  );
  return Object.assign({}, ...parts);
}

export async function prepareChild(spec) {
  const lib = spec.impl.startsWith('ours') ? await loadOurs(spec.lib ?? resolve(ROOT, 'dist/esm/index.js')) : null;
  const folds = spec.folds ? JSON.parse(readFileSync(spec.folds, 'utf8')) : null;
  const trainOf = (test, n) => {
    const inTest = new Uint8Array(n);
    for (const i of test) inTest[i] = 1;
    const train = [];
    for (let i = 0; i < n; i++) if (!inTest[i]) train.push(i);
    return train;
  };
  if (spec.impl === 'ours-table') {
    const table = await lib.readCsv(spec.table);
    const options = { target: 'Churn', drop: ['customerID'], maxDepth: DEPTH };
    const y = table.column('Churn').values;
    if (folds) {
      return {
        run: () =>
          folds.map((test) => {
            const tree = lib.fitDecisionTree(lib.selectRows(table, trainOf(test, table.rowCount)), options);
            return lib.accuracy(lib.selectRows(y, test), tree.predict(lib.selectRows(table, test)));
          }),
        summarize: (acc) => ({ accuracyPerFold: acc }),
      };
    }
    return { run: () => lib.fitDecisionTree(table, options), summarize: (t) => ({ leaves: t.leafCount }) };
  }
  const { X, y } = readNumericCsv(spec.file);
  if (spec.impl === 'ours') {
    const m = lib.toMatrix(X);
    if (folds) {
      return {
        run: () =>
          folds.map((test) => {
            const tree = lib.fitDecisionTree(lib.selectRows(m, trainOf(test, m.rows)), lib.selectRows(y, trainOf(test, m.rows)), { maxDepth: DEPTH });
            return lib.accuracy(lib.selectRows(y, test), tree.predict(lib.selectRows(m, test)));
          }),
        summarize: (acc) => ({ accuracyPerFold: acc }),
      };
    }
    return { run: () => lib.fitDecisionTree(m, y, { maxDepth: DEPTH }), summarize: (t) => ({ leaves: t.leafCount }) };
  }
  if (spec.impl === 'ml-cart') {
    const { DecisionTreeClassifier } = await import('ml-cart');
    const fit = (rows, labels) => {
      const c = new DecisionTreeClassifier({ maxDepth: DEPTH });
      c.train(rows, labels);
      return c;
    };
    if (folds) {
      return {
        run: () =>
          folds.map((test) => {
            const train = trainOf(test, X.length);
            const c = fit(train.map((i) => X[i]), train.map((i) => y[i]));
            const pred = c.predict(test.map((i) => X[i]));
            let hit = 0;
            test.forEach((i, k) => (hit += pred[k] === y[i] ? 1 : 0));
            return hit / test.length;
          }),
        summarize: (acc) => ({ accuracyPerFold: acc }),
      };
    }
    return { run: () => fit(X, y), summarize: () => ({}) };
  }
  throw new Error(`unknown implementation ${spec.impl}`);
}

const PY_SCRIPT = `
import sys, time, json
import numpy as np
from sklearn.tree import DecisionTreeClassifier
file, folds_file, idle = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
data = np.loadtxt(file, delimiter=',', skiprows=1)
X, y = data[:, :-1], data[:, -1].astype(int)
if idle:
    print('@@bench-result ' + json.dumps({'ms': None, 'idle': True}))
    sys.exit(0)
if folds_file != '-':
    folds = json.load(open(folds_file))
    t0 = time.perf_counter()
    acc = []
    for test in folds:
        mask = np.ones(len(y), dtype=bool); mask[test] = False
        clf = DecisionTreeClassifier(max_depth=${DEPTH}, random_state=0).fit(X[mask], y[mask])
        acc.append(float((clf.predict(X[test]) == y[test]).mean()))
    ms = (time.perf_counter() - t0) * 1000
    print('@@bench-result ' + json.dumps({'ms': ms, 'accuracyPerFold': acc}))
else:
    t0 = time.perf_counter()
    clf = DecisionTreeClassifier(max_depth=${DEPTH}, random_state=0).fit(X, y)
    ms = (time.perf_counter() - t0) * 1000
    print('@@bench-result ' + json.dumps({'ms': ms, 'leaves': int(clf.get_n_leaves())}))
`;

async function runPython(file, folds, idle, timeoutMs) {
  return runPythonScript(PY_SCRIPT, [file, folds ?? '-', idle ? '1' : '0'], { timeoutMs });
}


function mean(xs) {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

export async function run(options = {}) {
  const reps = Number(options.reps ?? 5);
  const timeoutMs = Number(options.timeout ?? 120) * 1000;
  const only = options.impl ? String(options.impl).split(',') : null;
  const dataOnly = options.data ? String(options.data).split(',') : null;
  const snapshot = snapshotLibrary();
  const sklearn = await haveSklearn();
  const notes = [];
  const lib = await loadOurs(snapshot.entry);
  try {
    const telcoSource = dataFile('churn/telco-churn.csv');
    const datasets = [{ name: 'synthetic-20000x8', file: syntheticCsv() }];
    if (existsSync(telcoSource)) datasets.push({ name: 'telco', file: telcoNumericCsv(telcoSource), table: telcoSource });
    else notes.push(`telco-churn: skipped (${telcoSource} not found)`);
    const sections = [];
    for (const ds of datasets.filter((d) => !dataOnly || dataOnly.some((p) => d.name.startsWith(p)))) {
      const { y, X } = readNumericCsv(ds.file);
      const folds = foldsFile(ds.name, lib.stratifiedKFold(y, { k: FOLDS, seed: 42 }));
      const impls = IMPLS.filter((i) => (!only || only.includes(i.key)) && (!i.only || ds.name.startsWith(i.only))).filter((i) => {
        if (i.python && !sklearn) {
          notes.push(`${i.label}: skipped (${PYTHON} with scikit-learn not found; apt-get install python3-sklearn)`);
          return false;
        }
        return true;
      });
      const spec = (impl, extra = {}) => ({ impl: impl.key, file: ds.file, table: ds.table, lib: snapshot.entry, ...extra });
      const tasks = impls.map((impl) => ({
        key: impl.key,
        maxReps: reps,
        run: () => (impl.python ? runPython(ds.file, null, false, timeoutMs) : runNodeChild('classification', spec(impl), { timeoutMs })),
      }));
      log(`  ${ds.name}: ${X.length} rows × ${X[0].length} columns`);
      const runs = await interleave(tasks, {
        slowReps: (ms) => (ms > 40_000 ? 1 : ms > 15_000 ? 3 : reps),
        onRun: (t, r) => log(`  ${ds.name} ${t.key}: ${r.status === 'ok' ? formatMs(r.ms) : r.message}`),
      });
      const idleNode = await runNodeChild('classification', spec({ key: 'ours' }, { idle: true }), { timeoutMs });
      const idlePy = sklearn ? await runPython(ds.file, null, true, timeoutMs) : null;
      // Cross-validation on the same folds (one run each; ml-cart only where one fit takes < 10 s).
      const cv = new Map();
      for (const impl of impls) {
        const first = (runs.get(impl.key) ?? []).find((r) => r.status === 'ok');
        if (impl.key === 'ml-cart' && (!first || first.ms * FOLDS > 100_000)) {
          cv.set(impl.key, { status: 'skipped', message: `not run (${FOLDS} fits would take over ${formatMs(100_000)})` });
          continue;
        }
        const r = impl.python ? await runPython(ds.file, folds, false, timeoutMs * 3) : await runNodeChild('classification', spec(impl, { folds }), { timeoutMs: timeoutMs * 3 });
        log(`  ${ds.name} ${impl.key} ${FOLDS}-fold: ${r.status === 'ok' ? mean(r.result.accuracyPerFold).toFixed(4) : r.message}`);
        cv.set(impl.key, r);
      }
      const oursMs = median((runs.get('ours') ?? []).filter((r) => r.status === 'ok').map((r) => r.ms));
      const skCv = cv.get('sklearn');
      const skAcc = skCv && skCv.status === 'ok' ? mean(skCv.result.accuracyPerFold) : NaN;
      const rows = impls.map((impl) => {
        const all = runs.get(impl.key) ?? [];
        const ok = all.filter((r) => r.status === 'ok');
        const c = cv.get(impl.key);
        const acc = c && c.status === 'ok' ? mean(c.result.accuracyPerFold) : NaN;
        const accText = Number.isFinite(acc) ? `${acc.toFixed(4)}${impl.key !== 'sklearn' && Number.isFinite(skAcc) ? ` (${acc - skAcc >= 0 ? '+' : ''}${(100 * (acc - skAcc)).toFixed(2)} pt)` : ''}` : (c?.message ?? '');
        if (ok.length === 0) return [impl.label, all[0]?.message ?? 'no run', '', '', '', accText];
        const ms = median(ok.map((r) => r.ms));
        const rss = Math.max(...ok.map((r) => r.maxRssKB));
        const idle = impl.python ? idlePy?.maxRssKB : idleNode.maxRssKB;
        return [
          impl.label,
          formatMs(ms),
          impl.key === 'ours' ? '1' : formatRatio(ms, oursMs),
          `${formatMB(rss)} (${Number.isFinite(idle) ? formatMB(rss - idle) : '?'} above idle)`,
          ok[0].result.leaves !== undefined ? String(ok[0].result.leaves) : '',
          accText,
        ];
      });
      sections.push(
        `### ${ds.name === 'telco' ? 'Telco churn (7,043 customers)' : `${N.toLocaleString('en')} × ${D} numeric`}`,
        '',
        ds.name === 'telco'
          ? 'Peers and "numeric matrix" get the same one-hot matrix (numeric columns as is, blank TotalCharges → 0, ' +
              'one 0/1 column per category); "table" fits the CSV table itself with native categorical splits and the blanks kept missing.'
          : `Uniform features; class 1 when x0 + x1·x2 + 0.5·sin(6·x3) + noise > 1.1 (noise flips about 10 % of labels).`,
        '',
        table(['implementation', 'median fit time', 'ratio', 'peak memory', 'leaves', `${FOLDS}-fold accuracy (vs scikit-learn)`], rows, ['l', 'r', 'r', 'r', 'r', 'r']),
        '',
      );
    }
    const m = machineInfo();
    return [
      `## ${title}`,
      '',
      machineMarkdown(m, [`scikit-learn: ${sklearn ? 'yes' : 'not installed'}`]),
      '',
      `Every implementation: gini, max depth ${DEPTH}, otherwise its defaults, on the same CSV file. Timed: one fit on all rows ` +
        `(data already parsed into each library's input). Ratio = peer median / our median on the numeric matrix (above 1: we are faster). ` +
        `Peak memory: the child's max RSS, and what the fit added above an idle child that loaded the same data. ` +
        `Accuracy: ${FOLDS}-fold cross-validation on the same stratified folds (our stratifiedKFold, seed 42) for every implementation.`,
      '',
      ...sections,
      ...(notes.length ? notes.map((s) => `- ${s}`) : []),
    ].join('\n');
  } finally {
    snapshot.remove();
  }
}
