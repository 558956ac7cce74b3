// Data-reading benchmark: CSV files read into typed data by our `readCsv` (and `readInteractions` on the
// ratings), beside the npm CSV parsers a TypeScript user would otherwise pick — fast-csv, csv-parse and
// papaparse — each reading the same file from disk in its usual way. Files: MovieLens latest-small's
// ratings.csv (100,004 rows), telco-churn.csv (7,043 rows, 21 columns) and a generated 1,000,000-row ×
// 6-column CSV (integers, decimals, ids, text with some quoted fields holding commas and doubled quotes).
// Beside them, formats no peer reads, timed for ours alone (and a baseline build): the ratings written as
// MovieLens 100k's u.data (tab-separated, no header) for `readInteractions(path, { format: 'whitespace' })`,
// and the baskets of retail.dat (FIMI) and groceries.csv (basket format) for `readTransactions`.
// Each run is a fresh child process; only the read is timed (the modules are imported before the clock).
//
// Options beyond the common ones: `--lib DIR` measures the library built in DIR (its esm folder) instead of
// dist/esm, and `--baseline DIR` adds rows for another build (for example the previous release), so that a
// change is measured before and after in one run without touching dist/.
import { cpSync, createReadStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BENCH_DATA_DIR,
  ROOT,
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
  mulberry32,
  runNodeChild,
  table,
} from './lib.mjs';

export const title = 'Data reading: CSV files into typed data';

const RATINGS = 'recsys/ml-latest-small/ratings.csv';
const TELCO = 'churn/telco-churn.csv';
const SYNTHETIC_ROWS = 1_000_000;
const SYNTHETIC_VERSION = 1;

/**
 * The data sets: `file` relative to the reference data, or `generated` (`true`: the synthetic CSV; `'udata'`:
 * the ratings as u.data, written from `file`); `sum` names a numeric column to check.
 */
const DATASETS = [
  { key: 'ratings', label: 'ratings.csv (100,004 × 4)', file: RATINGS, rows: 100_004, sum: 'rating' },
  { key: 'telco', label: 'telco-churn.csv (7,043 × 21)', file: TELCO, rows: 7_043, sum: 'MonthlyCharges' },
  { key: 'synthetic', label: `generated (${formatCount(SYNTHETIC_ROWS)} × 6)`, generated: true, rows: SYNTHETIC_ROWS, sum: 'amount' },
  { key: 'udata', label: 'ratings as u.data (100,004 × 4, tabs, no header)', generated: 'udata', file: RATINGS, rows: 100_004 },
  { key: 'retail', label: 'retail.dat (88,162 baskets, FIMI)', file: 'association/retail.dat', rows: 88_162 },
  { key: 'groceries', label: 'groceries.csv (9,835 baskets)', file: 'association/groceries.csv', rows: 9_835 },
];

/** The data sets the CSV readers (ours and the peers) are timed on. */
const CSV_SETS = ['ratings', 'telco', 'synthetic'];
/** The basket files: no peer reads them (the association area times the peers' mining, not their reading). */
const BASKET_SETS = ['retail', 'groceries'];

/** Implementations: `ours` marks this library (or the baseline build); `only` limits one to some data sets. */
const IMPLS = [
  { key: 'ours-readCsv', label: 'crm-mining readCsv', ours: true, only: CSV_SETS },
  { key: 'ours-readInteractions', label: 'crm-mining readInteractions', ours: true, only: ['ratings'] },
  { key: 'ours-readInteractions-ws', label: "crm-mining readInteractions (format: 'whitespace')", ours: true, only: ['udata'] },
  { key: 'ours-readTransactions', label: 'crm-mining readTransactions', ours: true, only: BASKET_SETS },
  { key: 'baseline-readCsv', label: 'baseline build readCsv', baseline: true, only: CSV_SETS },
  { key: 'baseline-readInteractions', label: 'baseline build readInteractions', baseline: true, only: ['ratings'] },
  { key: 'baseline-readInteractions-ws', label: "baseline build readInteractions (format: 'whitespace')", baseline: true, only: ['udata'] },
  { key: 'baseline-readTransactions', label: 'baseline build readTransactions', baseline: true, only: BASKET_SETS },
  { key: 'fast-csv', label: 'fast-csv', pkg: 'fast-csv', only: CSV_SETS },
  { key: 'csv-parse', label: 'csv-parse', pkg: 'csv-parse', only: CSV_SETS },
  { key: 'papaparse', label: 'papaparse', pkg: 'papaparse', only: CSV_SETS },
];

function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(resolve(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

// ---------------------------------------------------------------------------------------------------------
// The generated file

/** Writes the synthetic CSV once (seeded, so every run reads the same bytes); returns its path. */
function syntheticFile() {
  const path = resolve(BENCH_DATA_DIR, `data-${SYNTHETIC_ROWS}x6-v${SYNTHETIC_VERSION}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const rand = mulberry32(20261128);
  const cities = ['Berlin', 'Lyon', 'Porto', 'Graz', 'Turku', 'Gent', 'Cork', 'Brno'];
  const parts = ['order_id,customer,amount,quantity,note,score\n'];
  let buffer = '';
  for (let i = 1; i <= SYNTHETIC_ROWS; i++) {
    const customer = `C${String(Math.floor(rand() * 50_000)).padStart(5, '0')}`;
    const amount = (rand() * 500).toFixed(2);
    const quantity = 1 + Math.floor(rand() * 9);
    const r = rand();
    const city = cities[Math.floor(rand() * cities.length)];
    // about one note in ten is quoted: a comma inside, and now and then a doubled quote
    const note = r < 0.08 ? `"${city}, store ${Math.floor(rand() * 90)}"` : r < 0.1 ? `"said ""call back"", ${city}"` : `${city} web`;
    const score = rand().toFixed(6);
    buffer += `${i},${customer},${amount},${quantity},${note},${score}\n`;
    if (buffer.length > 1 << 20) {
      parts.push(buffer);
      buffer = '';
    }
  }
  parts.push(buffer);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, parts.join(''));
  renameSync(temp, path);
  return path;
}

/** Writes the ratings as MovieLens 100k's u.data (tab-separated, no header) once; returns its path. */
function udataFile(ratingsPath) {
  const path = resolve(BENCH_DATA_DIR, 'ratings-udata-v1.tsv');
  if (existsSync(path)) return path;
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const lines = readFileSync(ratingsPath, 'utf8').split(/\r?\n/);
  // ratings.csv has no quoted fields: each comma is a field boundary
  const body = lines.slice(1).filter((l) => l.length > 0).map((l) => l.replaceAll(',', '\t'));
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${body.join('\n')}\n`);
  renameSync(temp, path);
  return path;
}

// ---------------------------------------------------------------------------------------------------------
// Child side

/** Sum of a numeric column in a table (our readCsv): a check that numbers were parsed alike. */
function tableSum(t, column) {
  let s = 0;
  for (const v of t.column(column).values) if (typeof v === 'number') s += v;
  return s;
}

/** Sum of a field over records (a peer's output); text is converted with Number, as a user would. */
function recordSum(rows, column) {
  let s = 0;
  for (const r of rows) {
    const v = typeof r[column] === 'number' ? r[column] : Number(r[column]);
    if (Number.isFinite(v)) s += v;
  }
  return s;
}

async function readFastCsv(file) {
  const { parseFile } = await import('fast-csv');
  return () =>
    new Promise((done, fail) => {
      const rows = [];
      parseFile(file, { headers: true })
        .on('data', (r) => rows.push(r))
        .on('error', fail)
        .on('end', () => done(rows));
    });
}

async function readCsvParse(file) {
  const { parse } = await import('csv-parse');
  return async () => {
    const rows = [];
    for await (const r of createReadStream(file).pipe(parse({ columns: true, cast: true }))) rows.push(r);
    return rows;
  };
}

async function readPapaparse(file) {
  const Papa = (await import('papaparse')).default;
  return () =>
    new Promise((done, fail) => {
      Papa.parse(createReadStream(file), {
        header: true,
        dynamicTyping: true,
        skipEmptyLines: true,
        complete: (result) => done(result.data),
        error: fail,
      });
    });
}

export async function prepareChild(spec) {
  const { impl, file, sum } = spec;
  if (impl.startsWith('ours-') || impl.startsWith('baseline-')) {
    const lib = await import(pathToFileURL(spec.lib).href);
    if (spec.idle) return { run: () => null };
    if (impl.endsWith('readInteractions-ws')) {
      const columns = { format: 'whitespace', header: false, user: '1', item: '2', rating: '3', timestamp: '4' };
      return {
        run: () => lib.readInteractions(file, columns),
        summarize: (x) => ({ rows: x.nnz, sum: x.userValues.reduce((a, b) => a + b, 0) }),
      };
    }
    if (impl.endsWith('readTransactions')) {
      const format = file.endsWith('.dat') ? 'fimi' : 'basket';
      return {
        run: () => lib.readTransactions(file, { format }),
        // the check's sum: the number of (transaction, item) entries
        summarize: (tx) => ({ rows: tx.size, sum: tx.items.length }),
      };
    }
    if (impl.endsWith('readInteractions')) {
      const columns = { user: 'userId', item: 'movieId', rating: 'rating', timestamp: 'timestamp' };
      return {
        run: () => lib.readInteractions(file, columns),
        summarize: (x) => ({ rows: x.nnz, sum: x.userValues.reduce((a, b) => a + b, 0) }),
      };
    }
    return {
      run: () => lib.readCsv(file),
      summarize: (t) => ({ rows: t.rowCount, sum: tableSum(t, sum), numeric: t.columns.filter((c) => c.type === 'number').length }),
    };
  }
  const read = impl === 'fast-csv' ? await readFastCsv(file) : impl === 'csv-parse' ? await readCsvParse(file) : await readPapaparse(file);
  if (spec.idle) return { run: () => null };
  return { run: read, summarize: (rows) => ({ rows: rows.length, sum: recordSum(rows, sum) }) };
}

// ---------------------------------------------------------------------------------------------------------
// Parent side

/** Copies a built library folder (esm) under node_modules/.cache so that its dependencies resolve. */
function snapshotBuild(dir, tag) {
  const src = resolve(dir);
  if (!existsSync(resolve(src, 'index.js'))) throw new Error(`${src}/index.js is missing: build the library there first`);
  const dest = resolve(ROOT, 'node_modules/.cache/crm-mining-bench', `${process.pid}-${tag}`);
  cpSync(src, resolve(dest, 'esm'), { recursive: true });
  return { entry: resolve(dest, 'esm/index.js'), remove: () => rmSync(dest, { recursive: true, force: true }) };
}

function sumCheck(result, expected) {
  if (!result || !Number.isFinite(result.sum) || !Number.isFinite(expected)) return '';
  return Math.abs(result.sum - expected) <= 1e-6 * Math.max(1, Math.abs(expected)) ? '' : ` (sum ${result.sum} ≠ ${expected})`;
}

export async function run(options = {}) {
  const reps = Number(options.reps ?? 5);
  const timeoutMs = Number(options.timeout ?? 120) * 1000;
  const onlyData = options.data ? String(options.data).split(',') : null;
  const onlyImpl = options.impl ? String(options.impl).split(',') : null;
  const started = performance.now();
  const sets = [];
  for (const d of DATASETS) {
    if (onlyData && !onlyData.some((p) => d.key.startsWith(p))) continue;
    if (d.generated === true) {
      log(`[data] writing the ${formatCount(d.rows)}-row CSV (once) ...`);
      sets.push({ ...d, path: syntheticFile() });
      continue;
    }
    if (d.generated === 'udata') {
      const source = dataFile(d.file);
      if (!existsSync(source)) {
        log(`[data] skipped ${d.label}: ${source} not found (set CRM_MINING_DATA)`);
        sets.push({ ...d, path: source, missing: true });
      } else sets.push({ ...d, path: udataFile(source) });
      continue;
    }
    const path = dataFile(d.file);
    if (!existsSync(path)) {
      log(`[data] skipped ${d.label}: ${path} not found (set CRM_MINING_DATA)`);
      sets.push({ ...d, path, missing: true });
    } else sets.push({ ...d, path });
  }
  const libDir = options.lib ? resolve(String(options.lib)) : resolve(ROOT, 'dist/esm');
  const lib = snapshotBuild(libDir, 'lib');
  const baseline = options.baseline ? snapshotBuild(String(options.baseline), 'baseline') : null;
  try {
    const impls = IMPLS.filter((i) => (!i.baseline || baseline) && (!onlyImpl || onlyImpl.includes(i.key)));
    const specFor = (impl, d, extra = {}) => ({
      impl: impl.key,
      file: d.path,
      sum: d.sum,
      lib: impl.baseline ? baseline.entry : lib.entry,
      ...extra,
    });
    const tasks = [];
    for (const d of sets) {
      if (d.missing) continue;
      for (const impl of impls) {
        if (impl.only && !impl.only.includes(d.key)) continue;
        tasks.push({
          key: `${d.key}/${impl.key}`,
          d,
          impl,
          maxReps: reps,
          run: () => runNodeChild('data', specFor(impl, d), { timeoutMs }),
        });
      }
    }
    const runs = await interleave(tasks, {
      slowReps: (ms) => (ms > 40_000 ? 1 : ms > 15_000 ? 3 : reps),
      onRun: (t, r) => log(`[data] ${t.key}: ${r.status === 'ok' ? formatMs(r.ms) : r.message}`),
    });
    // idle children: the modules imported, nothing read (one per implementation kind)
    const idle = new Map();
    for (const impl of impls) {
      if (!impl.key.endsWith('readCsv') && !impl.pkg) continue;
      const d = sets.find((s) => !s.missing);
      if (!d) break;
      const r = await runNodeChild('data', specFor(impl, d, { idle: true }), { timeoutMs });
      idle.set(impl.key, r.maxRssKB);
    }
    // our readers share one idle child: the library imported
    const idleOf = (impl) => idle.get(impl.pkg ? impl.key : impl.key.replace(/-read.*$/, '-readCsv'));

    const rows = [];
    const summary = [];
    for (const d of sets) {
      if (d.missing) {
        rows.push([d.label, 'skipped: file not found', '', '', '', '', '', '']);
        continue;
      }
      const medianOf = (impl) => {
        const ok = (runs.get(`${d.key}/${impl.key}`) ?? []).filter((r) => r.status === 'ok');
        return { ok, ms: median(ok.map((r) => r.ms)) };
      };
      const ours = medianOf({ key: 'ours-readCsv' });
      // the sums are checked against our first reader timed on this data set
      const first = IMPLS.find((i) => i.ours && (!i.only || i.only.includes(d.key)));
      const expectedSum = medianOf(first).ok[0]?.result?.sum;
      for (const impl of impls) {
        if (impl.only && !impl.only.includes(d.key)) continue;
        const all = runs.get(`${d.key}/${impl.key}`) ?? [];
        const { ok, ms } = medianOf(impl);
        const name = impl.pkg ? `${impl.label} ${packageVersion(impl.pkg)}` : impl.label;
        if (ok.length === 0) {
          rows.push([d.label, name, all[0]?.message ?? 'not run', '—', '0', '—', '—', '—']);
          continue;
        }
        const res = ok[0].result;
        const check = res.rows === d.rows ? `${formatCount(res.rows)} ✓${sumCheck(res, expectedSum)}` : `${formatCount(res.rows)} ✗ (expected ${formatCount(d.rows)})`;
        const peak = Math.max(...ok.map((r) => r.maxRssKB));
        const idlePeak = idleOf(impl);
        // a baseline is compared with the same reader of this build, a peer with readCsv
        const reference = impl.baseline ? medianOf({ key: impl.key.replace(/^baseline-/, 'ours-') }) : ours;
        const ratio = impl.ours ? '—' : formatRatio(ms, reference.ms);
        rows.push([
          d.label,
          name,
          check,
          formatMs(ms),
          String(ok.length),
          ratio,
          formatMB(peak),
          Number.isFinite(idlePeak) ? formatMB(peak - idlePeak) : '—',
        ]);
        if (!impl.ours && Number.isFinite(ms) && Number.isFinite(reference.ms)) summary.push({ d, impl, name, ratio: ms / reference.ms });
      }
    }
    const peersBeaten = summary.filter((s) => s.impl.pkg);
    const slowest = peersBeaten.length ? Math.min(...peersBeaten.map((s) => s.ratio)) : NaN;
    const ratings = runs.get('ratings/ours-readCsv')?.filter((r) => r.status === 'ok') ?? [];
    const ratingsMs = median(ratings.map((r) => r.ms));
    const m = machineInfo();
    const extra = [
      `Peers: fast-csv ${packageVersion('fast-csv')}, csv-parse ${packageVersion('csv-parse')}, papaparse ${packageVersion('papaparse')}`,
      `Library under test: ${options.lib ? `\`${libDir}\`` : 'dist/esm'}${baseline ? `; baseline build: \`${resolve(String(options.baseline))}\`` : ''}`,
    ];
    return [
      `## ${title}`,
      '',
      `Command: \`npm run bench data\` — ${reps} interleaved runs per measurement, each a fresh process; whole run ${formatMs(performance.now() - started)}.`,
      '',
      machineMarkdown(m, extra),
      '',
      'Timed: reading one file from disk into typed data, after the modules are imported. Ours: `readCsv(path)` (a ' +
        'column-oriented `DataTable`, column types inferred, numbers parsed, missing cells `null`) and, on the ratings, ' +
        '`readInteractions(path, { user, item, rating, timestamp })` (the CSR/CSC interaction matrix). Peers, each in its ' +
        'usual file-reading mode, producing one object per row: fast-csv `parseFile(path, { headers: true })` (text ' +
        'only: it has no type conversion), csv-parse `createReadStream(path).pipe(parse({ columns: true, cast: true }))` ' +
        'and papaparse `Papa.parse(createReadStream(path), { header: true, dynamicTyping: true, skipEmptyLines: true })`. ' +
        'The check compares the row count with the file and the sum of a numeric column (rating, MonthlyCharges, amount) ' +
        'with ours. Peak memory is the whole child; "above idle" subtracts a child that imported the same modules and read nothing.',
      '',
      'Formats no peer here reads, so ours (and the baseline build, when given) only: the ratings written as MovieLens ' +
        "100k's u.data (tab-separated, no header) read with `readInteractions(path, { format: 'whitespace', header: false, " +
        "user: '1', item: '2', rating: '3', timestamp: '4' })`, and `readTransactions(path, { format })` on retail.dat " +
        "(`'fimi'`) and groceries.csv (`'basket'`; the association area gives the peers their baskets ready-made). Their " +
        'checks compare the row (basket) count with the file and the sum of the ratings (the number of basket entries) ' +
        'with ours.',
      '',
      `- Slowest peer ratio (peer time / ours, readCsv): ${Number.isFinite(slowest) ? formatRatio(slowest, 1) : 'n/a'}` +
        `${Number.isFinite(slowest) ? (slowest > 1 ? ' — faster than every peer' : ' — not faster than every peer') : ''}`,
      `- ratings.csv with readCsv: ${formatMs(ratingsMs)} (target: well under 300 ms)`,
      '',
      table(['data', 'implementation', 'rows (check)', 'median time', 'runs', 'ratio peer/ours', 'peak RSS', 'above idle'], rows, [
        'l',
        'l',
        'l',
        'r',
        'r',
        'r',
        'r',
        'r',
      ]),
    ].join('\n');
  } finally {
    lib.remove();
    baseline?.remove();
  }
}
