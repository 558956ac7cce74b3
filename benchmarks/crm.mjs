// Customer-value benchmark (issue: "summary, RFM and ABC on CDNOW_master well under a second; the BG/NBD
// fit on the 2,357-customer summary under a second"). No JavaScript peer exists for these models and the
// Python reference (lifetimes) is not installable here, so this area reports our own times against the
// issue's absolute targets, each the median of interleaved runs in fresh child processes:
//  - reading CDNOW_master.txt (69,659 rows, whitespace-separated) into a transaction log;
//  - the per-customer summary, RFM scoring (quintiles and segments) and ABC tiers, from the loaded log;
//  - the BG/NBD fit on cdnow_customers_summary.csv and the Gamma-Gamma fit on the 946 customers with
//    repeat purchases in cdnow_customers_summary_with_transactions.csv (files read before timing).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, dataFile, formatMB, formatMs, interleave, log, machineInfo, machineMarkdown, median, runNodeChild, snapshotLibrary, table } from './lib.mjs';

export const title = 'Customer value: summary, RFM, ABC on CDNOW_master; BG/NBD and Gamma-Gamma fits';

const MASTER = 'clv/CDNOW_master.txt';
const SUMMARY = 'clv/cdnow_customers_summary.csv';
const SUMMARY_TX = 'clv/cdnow_customers_summary_with_transactions.csv';

const LOG_COLUMNS = { format: 'whitespace', customer: 'customer_id', date: 'date', amount: 'dollar_value', dateFormat: 'yyyymmdd' };

export async function prepareChild(spec) {
  const lib = await import(pathToFileURL(spec.lib ?? resolve(ROOT, 'dist/esm/index.js')).href);
  if (spec.task === 'read') {
    return {
      run: () => lib.readTransactionLog(spec.file, LOG_COLUMNS),
      summarize: (l) => ({ rows: l.length ?? l.rows ?? null }),
    };
  }
  if (spec.task === 'summary-rfm-abc') {
    const txLog = await lib.readTransactionLog(spec.file, LOG_COLUMNS);
    return {
      run: () => {
        const summary = lib.summarizeCustomers(txLog);
        const rfm = lib.rfmAnalysis(summary);
        const abc = lib.abcClassify(summary.monetaryTotal);
        return { summary, rfm, abc };
      },
      summarize: (r) => ({ customers: r.summary.customers.length }),
    };
  }
  if (spec.task === 'bgnbd') {
    const t = await lib.readCsv(spec.file);
    const col = (n) => Float64Array.from(t.column(n).values);
    const data = { frequency: col('frequency'), recency: col('recency'), T: col('T') };
    return {
      run: () => lib.fitBgNbd(data),
      summarize: (m) => ({ params: m.params ?? m.parameters ?? null, nll: m.negativeLogLikelihood ?? null }),
    };
  }
  if (spec.task === 'gamma-gamma') {
    const t = await lib.readCsv(spec.file);
    const col = (n) => Float64Array.from(t.column(n).values);
    const data = { frequency: col('x'), monetary: col('zbar') };
    return {
      run: () => lib.fitGammaGamma(data),
      summarize: (m) => ({ params: m.params ?? m.parameters ?? null }),
    };
  }
  throw new Error(`unknown task ${spec.task}`);
}

const TASKS = [
  { key: 'read', file: MASTER, what: 'read CDNOW_master.txt (69,659 rows) into a transaction log', target: null },
  { key: 'summary-rfm-abc', file: MASTER, what: 'summary + RFM + ABC of 23,570 customers', target: 1000 },
  { key: 'bgnbd', file: SUMMARY, what: 'BG/NBD fit, 2,357 customers', target: 1000 },
  { key: 'gamma-gamma', file: SUMMARY_TX, what: 'Gamma-Gamma fit, 946 customers', target: null },
];

export async function run(options = {}) {
  const reps = Number(options.reps ?? 5);
  const timeoutMs = Number(options.timeout ?? 120) * 1000;
  const missing = TASKS.map((t) => dataFile(t.file)).filter((f) => !existsSync(f));
  if (missing.length) return `## ${title}\n\nSkipped: ${missing.join(', ')} not found (set CRM_MINING_DATA).\n`;
  const snapshot = snapshotLibrary();
  try {
    const tasks = TASKS.map((t) => ({
      key: t.key,
      maxReps: reps,
      run: () => runNodeChild('crm', { task: t.key, file: dataFile(t.file), lib: snapshot.entry }, { timeoutMs }),
    }));
    const runs = await interleave(tasks, {
      onRun: (t, r) => log(`[crm] ${t.key}: ${r.status === 'ok' ? formatMs(r.ms) : r.message}`),
    });
    const rows = TASKS.map((t) => {
      const ok = (runs.get(t.key) ?? []).filter((r) => r.status === 'ok');
      const ms = median(ok.map((r) => r.ms));
      const peak = median(ok.map((r) => r.maxRssKB));
      const met = t.target === null ? '—' : ms < t.target ? `yes (< ${formatMs(t.target)})` : `no (target < ${formatMs(t.target)})`;
      return [t.what, ok.length ? formatMs(ms) : (runs.get(t.key)?.[0]?.message ?? 'not run'), String(ok.length), ok.length ? formatMB(peak) : '—', met];
    });
    const m = machineInfo();
    return [
      `## ${title}`,
      '',
      `Command: \`npm run bench crm\` — ${reps} interleaved runs per task, each a fresh process; only the named work is timed (files other than the one being read are loaded before the clock starts). No peer: the Python reference (lifetimes) is not installable here, so the targets are the issue's absolute ones.`,
      '',
      machineMarkdown(m),
      '',
      table(['task', 'median time', 'runs', 'peak RSS', 'target met'], rows, ['l', 'r', 'r', 'r', 'l']),
      '',
    ].join('\n');
  } finally {
    snapshot.remove();
  }
}
