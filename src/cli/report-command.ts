/**
 * `crm-mining report` (and its older name `analyze`): runs every analysis step on a customer table,
 * prints each step's findings, writes the steps' files and one self-contained HTML page,
 * `<out>/index.html`, with a section per step. What `npm start` runs on the bundled Telco sample.
 *
 * Fatal (one line on standard error, exit code 1, no report written): a missing or empty input file, a
 * column flag naming a column the file does not have (the message suggests the closest name when one
 * is close), a bad flag value, an `--out` that names a file, a `--transactions` file that is missing, empty or lacks a named column, and no step able
 * to run at all. A step that fails with a library error ({@link CrmMiningError}, for example data too
 * small for that analysis) does not stop the job: its section is marked absent with the error as the
 * reason and the other steps go on. Any other exception is a bug and propagates (no report).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CrmMiningError, FileError, InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { lazyRequire } from '../core/lazy-require.js';
import { csvRows, readCsv } from '../data/csv.js';
import { writeFileAtomic } from '../data/files.js';
import type { DataTable } from '../data/table.js';
import { renderReportHtml } from '../report/html.js';
import type { ReportSection } from '../report/types.js';
import { mapColumns, unknownColumnMessage, type ColumnMapping } from './analyses/columns.js';
import { checkCustomerValueSettings, CUSTOMER_VALUE_DEFAULTS } from './analyses/customer-value.js';
import { serviceColumns } from './analyses/services.js';
import { basketDescription, contractValues } from './analyses/telco.js';
import type { AnalysisContext, AnalysisSettings, AnalysisStep, TransactionLogSettings } from './analyze.js';
import { listFlag, numberFlag, parseCommandLine, stringFlag, type OptionSpec } from './args.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { checkInputFile, checkOutputDirectory } from './output.js';
import { StageProgress } from './progress.js';
import { commandHelp } from './usage.js';
import { VERSION } from './version.js';

/** The data file the job reads unless `--input` says otherwise (relative to the working folder). */
export const DEFAULT_DATA = 'examples/data/telco-churn.csv';

/**
 * The Telco sample as the installed package ships it (`examples/data/telco-churn.csv` beside its
 * package.json), or `undefined` when it cannot be found.
 */
export function packagedSample(): string | undefined {
  try {
    const file = join(dirname(lazyRequire.resolve('crm-mining/package.json')), DEFAULT_DATA);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
/** The folder the report and the steps' files go to unless `--out` says otherwise (relative to the working folder). */
export const DEFAULT_OUT = 'report';
/** The report page's file name in the output folder. */
export const REPORT_FILE = 'index.html';

const REPORT_OPTIONS: OptionSpec = {
  input: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  transactions: { type: 'string' },
  'tx-customer': { type: 'string' },
  'tx-date': { type: 'string' },
  'tx-amount': { type: 'string' },
  id: { type: 'string' },
  churn: { type: 'string' },
  'churn-yes': { type: 'string' },
  tenure: { type: 'string' },
  monthly: { type: 'string' },
  total: { type: 'string' },
  contract: { type: 'string' },
  internet: { type: 'string' },
  services: { type: 'string' },
  'margin-share': { type: 'string' },
  'discount-rate': { type: 'string' },
  horizon: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * Runs the report job: `crm-mining report [--input FILE] [column flags] [--transactions FILE …] [--out DIR]`.
 *
 * @param args - the arguments after the command name.
 * @param io - the streams; progress goes to `io.stderr` (a bar on a terminal, one line per step otherwise).
 * @param cwd - the folder relative paths are resolved against.
 * @param steps - the analysis steps, in order (the program passes `ANALYSIS_STEPS`).
 * @param command - the name the user typed (`report`, or its older name `analyze`), for messages and help.
 * @returns the exit code (0); failures are thrown.
 */
export async function reportCommand(
  args: readonly string[],
  io: CliIO,
  cwd: string,
  steps: readonly AnalysisStep[],
  command: 'report' | 'analyze' = 'report',
): Promise<number> {
  const { values, positionals } = parseCommandLine(command, args, REPORT_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}: '${command}' takes no file (use --input FILE)`, command);
  }
  if (values.input !== undefined && values.data !== undefined) {
    throw new UsageError('give the input file once: --input FILE (--data is its older name)', command);
  }
  const inputFlag = stringFlag(values, 'input') ?? stringFlag(values, 'data');
  const txFlags = ['tx-customer', 'tx-date', 'tx-amount'].filter((f) => values[f] !== undefined);
  if (values.transactions === undefined && txFlags.length > 0) {
    throw new UsageError(`option --${txFlags[0]} goes with --transactions FILE`, command);
  }
  const mapping = columnMapping(values);
  const services = serviceColumns(mapping.services);
  // Without --input: the sample in the working folder (a clone of the repository), else the copy the
  // package ships (an installed package), so `npx crm-mining report` works anywhere.
  const localSample = existsSync(resolve(cwd, DEFAULT_DATA)) ? resolve(cwd, DEFAULT_DATA) : undefined;
  const sample = localSample ?? packagedSample();
  const dataName = inputFlag ?? (localSample !== undefined ? DEFAULT_DATA : (sample ?? DEFAULT_DATA));
  const dataPath = resolve(cwd, dataName);
  const settings: AnalysisSettings = {
    customerValue: checkCustomerValueSettings({
      marginShare: numberFlag(command, values, 'margin-share') ?? CUSTOMER_VALUE_DEFAULTS.marginShare,
      annualDiscountRate: numberFlag(command, values, 'discount-rate') ?? CUSTOMER_VALUE_DEFAULTS.annualDiscountRate,
      horizonMonths: numberFlag(command, values, 'horizon') ?? CUSTOMER_VALUE_DEFAULTS.horizonMonths,
    }),
    ...(values.transactions !== undefined ? { transactions: transactionSettings(values, cwd) } : {}),
    services,
    bundledSample: dataPath === sample, // --input naming the sample's own path counts too
  };
  const outName = stringFlag(values, 'out') ?? DEFAULT_OUT;
  const outPath = resolve(cwd, outName);
  const progress = new StageProgress(io.stderr, steps.length);
  const print = (text = ''): void => {
    progress.line.done(); // never write results after a half-drawn progress line
    io.stdout.write(text + '\n');
  };

  // Everything that makes the whole job impossible is checked before anything is printed or written.
  progress.line.start(`reading ${dataName}`);
  let table: DataTable;
  let notes: string[];
  try {
    if (!existsSync(dataPath) && inputFlag === undefined) {
      throw new FileError(dataName, `no such file in ${cwd} (run from the project folder, or give --input FILE)`);
    }
    await checkInputFile(dataName, cwd);
    await checkOutputDirectory(outName, cwd, '--out');
    const mapped = mapColumns(await readCsv(dataPath, { inferTypes: false, source: dataName }), mapping, dataName);
    table = mapped.table;
    notes = [
      ...(mapped.renamed.length > 0 ? [`Columns read as the Telco roles: ${mapped.renamed.map((r) => `${r.from} as ${r.to}`).join(', ')}.`] : []),
      ...(mapped.dropped.length > 0 ? [`Left out (their names went to the columns above): ${mapped.dropped.join(', ')}.`] : []),
      ...(mapping.services !== undefined ? [`Service columns (yes/no), analysed under their own names: ${services.names.join(', ')}.`] : []),
    ];
    if (settings.transactions !== undefined) {
      await checkTransactions(settings.transactions, cwd);
      notes.push(`Purchase log: ${settings.transactions.name}.`);
    }
  } finally {
    progress.line.done();
  }
  print(`crm-mining ${command}: analytical CRM on the IBM Telco customer-churn sample (or your own customer table).`);
  print('Each customer becomes a market basket, and association rules (FP-Growth) show which services go');
  print('together (cross-selling) and which customer profiles go with churn. A basket holds:');
  for (const line of basketDescription(services, contractValues(table) ?? [])) print(`  - ${line}`);
  print('Then every other area of the library runs on the same customers, one step each:');
  print('Steps:');
  steps.forEach((s, i) => print(`  ${i + 1}. ${s.title}: ${s.summary}`));
  print(`Data: ${dataName}   Output folder: ${outName}`);

  for (const note of notes) print(note);

  const written: { name: string; description: string }[] = [];
  const sections: ReportSection[] = [];
  const memo = new Map<string, Promise<unknown>>();
  let outReady: Promise<void> | undefined;
  const ensureOut = (): Promise<void> =>
    (outReady ??= mkdir(outPath, { recursive: true }).then(
      () => undefined,
      (err: unknown) => {
        throw new FileError(outName, `cannot create the output folder: ${(err as { code?: string }).code ?? String(err)}`);
      },
    ));
  const context: AnalysisContext = {
    dataName,
    outName,
    io,
    settings,
    progress: progress.line,
    table: () => context.shared('table', () => table),
    shared: <T>(key: string, make: () => T | Promise<T>): Promise<T> => {
      let p = memo.get(key) as Promise<T> | undefined;
      if (p === undefined) {
        p = Promise.resolve().then(make);
        memo.set(key, p);
      }
      return p;
    },
    writeOutput: async (name, text, description) => {
      await ensureOut();
      await writeFileAtomic(join(outPath, name), text);
      written.push({ name, description });
    },
    print,
    section: (section) => {
      sections.push(section);
    },
  };

  let ran = 0;
  let firstFailure: string | undefined;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    print();
    print(`== ${i + 1}. ${step.title} ==`);
    const before = sections.length;
    progress.begin(i, step.title);
    try {
      await step.run(context);
    } catch (err) {
      progress.line.done();
      if (!(err instanceof CrmMiningError)) throw err; // a bug, not the data: no report
      // The page and the terminal already name the data file: a reason need not start with it.
      let reason = err.message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
      if (reason.startsWith(`${dataName}: `)) reason = reason.slice(dataName.length + 2);
      firstFailure ??= reason;
      const partial = sections.splice(before);
      for (const s of absentSections(step, partial)) sections.push({ id: s.id, title: s.title, blocks: [], absent: reason });
      print(`Not available: ${reason}`);
      progress.end(reason);
      continue;
    }
    progress.end();
    ran++;
  }
  if (ran === 0 && steps.length > 0) {
    throw new InvalidInputError(`no analysis could run on ${dataName}: ${firstFailure ?? 'no steps'}`);
  }

  progress.line.start('rendering the charts and writing the report page');
  const reportPath = join(outPath, REPORT_FILE);
  try {
    const html = await renderReportHtml(sections, {
      title: `CRM analysis report: ${basename(dataName)}`,
      dataName,
      generatedAt: new Date(),
      version: VERSION,
      notes,
    });
    await ensureOut();
    await writeFileAtomic(reportPath, html);
  } finally {
    progress.line.done();
  }
  const absent = sections.filter((s) => s.absent !== undefined).length;
  written.push({
    name: REPORT_FILE,
    description: `the report page: ${sections.length} sections${absent > 0 ? `, ${absent} not available for this data` : ''}`,
  });

  print();
  print(`Wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${outPath}:`);
  const width = Math.max(...written.map((w) => w.name.length));
  for (const w of written) print(`  ${w.name.padEnd(width)}  ${w.description}`);
  print(`Open ${reportPath} in a browser to see the report.`);
  return EXIT_OK;
}

/** The sections a failed step stands for: those it declared, those it added before failing, else one named after it. */
function absentSections(step: AnalysisStep, partial: readonly ReportSection[]): { id: string; title: string }[] {
  const out: { id: string; title: string }[] = [];
  const add = (id: string, title: string): void => {
    if (!out.some((s) => s.id === id)) out.push({ id, title });
  };
  for (const s of step.sections ?? []) add(s.id, s.title);
  for (const s of partial) add(s.id, s.title);
  if (out.length === 0) add(step.id, step.title);
  return out;
}

function columnMapping(values: Record<string, string | boolean | undefined>): ColumnMapping {
  const services = listFlag(values, 'services');
  const mapping: Record<string, unknown> = {};
  for (const role of ['id', 'churn', 'tenure', 'monthly', 'total', 'contract', 'internet'] as const) {
    const v = stringFlag(values, role);
    if (v !== undefined) mapping[role] = v.trim();
  }
  const yes = stringFlag(values, 'churn-yes');
  if (yes !== undefined) mapping.churnYes = yes.trim();
  if (services !== undefined) mapping.services = services;
  return mapping as ColumnMapping;
}

function transactionSettings(values: Record<string, string | boolean | undefined>, cwd: string): TransactionLogSettings {
  const name = stringFlag(values, 'transactions') as string;
  const column = (flag: string, fallback: string): string => {
    return stringFlag(values, flag)?.trim() ?? fallback;
  };
  return {
    name,
    path: resolve(cwd, name),
    customer: column('tx-customer', 'customer'),
    date: column('tx-date', 'date'),
    amount: column('tx-amount', 'amount'),
  };
}

/** The purchase log exists, has a data row, and has the named columns (only its first row is read). */
async function checkTransactions(tx: TransactionLogSettings, cwd: string): Promise<void> {
  await checkInputFile(tx.name, cwd, '--transactions');
  let first: Record<string, string | null> | undefined;
  for await (const row of csvRows(tx.path, { source: tx.name })) {
    first = row;
    break;
  }
  if (first === undefined) throw new InvalidInputError(`${tx.name}: no data rows (--transactions needs a purchase log with a header row)`);
  const columns = Object.keys(first);
  for (const [flag, name] of [
    ['--tx-customer', tx.customer],
    ['--tx-date', tx.date],
    ['--tx-amount', tx.amount],
  ] as const) {
    if (!columns.includes(name)) throw new InvalidOptionError(flag, unknownColumnMessage(name, tx.name, columns));
  }
}
