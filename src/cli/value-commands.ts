/**
 * The customer-value commands: `value` (per-customer recency, frequency, monetary value, RFM scores and
 * segment, ABC tier, and with `--clv` the BG/NBD and Gamma-Gamma fits, from a transaction log) and
 * `clv-fit` (BG/NBD and Gamma-Gamma from a per-customer summary table). Both print aligned tables or, with
 * `--json`, the JSON object of the CLI contract, and can write their result to a file atomically.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { requireInteger, requireOneOf } from '../core/validate.js';
import { giniCoefficient, topShare } from '../crm/abc.js';
import type { BgNbdJson } from '../crm/bgnbd.js';
import type { GammaGammaParameters } from '../crm/gamma-gamma.js';
import { customerValueReport, fitClvFromTable, type ClvFit, type ValueReport, type ValueReportRow } from '../crm/report.js';
import { DEFAULT_RFM_SEGMENTS } from '../crm/rfm.js';
import { summarizeCustomers, type SummaryOptions, type TimeUnit } from '../crm/summary.js';
import { isoDateOfDay, readWhitespaceTable, transactionLogFromTable, type TransactionLog } from '../crm/transaction-log.js';
import { readCsv } from '../data/csv.js';
import { writeFileAtomic } from '../data/files.js';
import type { DataTable } from '../data/table.js';
import { fileArgument, delimiterFlag, numberFlag, parseCommandLine, requireColumns, stringFlag, type OptionSpec, type ParsedCommandLine } from './args.js';
import { formatNumber, textTable, toCsv } from './format.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { checkInputFile, checkOutputFolder, outputFlag } from './output.js';
import { ProgressLine } from './progress.js';
import { commandHelp } from './usage.js';

/** Defaults of the `value` command, as its help text states them. */
export const VALUE_DEFAULTS: {
  /** `--format`. */
  readonly format: 'csv' | 'whitespace';
  /** `--date-format`: `auto` reads 8-digit values as YYYYMMDD and everything else as ISO `YYYY-MM-DD`. */
  readonly dateFormat: 'auto';
  /** `--unit` of recency. */
  readonly unit: TimeUnit;
  /** `--refunds`: what a negative amount does. */
  readonly refunds: 'error' | 'drop' | 'net';
  /** `--top`: customers listed in the table (the JSON lists all). */
  readonly top: number;
} = { format: 'csv', dateFormat: 'auto', unit: 'days', refunds: 'error', top: 10 };

/** The flags of `crm-mining value`. */
export const VALUE_OPTIONS: OptionSpec = {
  customer: { type: 'string' },
  date: { type: 'string' },
  amount: { type: 'string' },
  format: { type: 'string' },
  delimiter: { type: 'string' },
  'date-format': { type: 'string' },
  'observation-date': { type: 'string' },
  unit: { type: 'string' },
  refunds: { type: 'string' },
  clv: { type: 'boolean' },
  top: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
};

/** The flags of `crm-mining clv-fit`. */
export const CLV_FIT_OPTIONS: OptionSpec = {
  frequency: { type: 'string' },
  recency: { type: 'string' },
  T: { type: 'string' },
  monetary: { type: 'string' },
  delimiter: { type: 'string' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
};

/** The JSON object `crm-mining value --json` prints (the CLI contract): `bgnbd` and `gammaGamma` with `--clv` only. */
export interface ValueJson {
  /** The number of customers. */
  customers: number;
  /** One row per customer, in order of first appearance in the file. */
  rows: ValueReportRow[];
  /** BG/NBD parameters and log-likelihood, time unit weeks (with `--clv`). */
  bgnbd?: BgNbdJson;
  /** Gamma-Gamma parameters (with `--clv`). */
  gammaGamma?: GammaGammaParameters;
}

/** The JSON object `crm-mining clv-fit --json` prints (the CLI contract): `gammaGamma` with `--monetary` only. */
export interface ClvFitJson {
  /** BG/NBD parameters and log-likelihood, in the time unit of the summary table. */
  bgnbd: BgNbdJson;
  /** Gamma-Gamma parameters (with `--monetary`). */
  gammaGamma?: GammaGammaParameters;
}

function requiredColumn(command: string, values: ParsedCommandLine['values'], flag: string, what: string): string {
  const v = stringFlag(values, flag);
  if (v === undefined) throw new UsageError(`missing --${flag} COL: the column that holds ${what}`, command);
  return v.trim();
}

/**
 * Checks a column flag of `value` against the file's columns: a name from the header, or a 1-based
 * position (as the library reads it).
 *
 * @throws InvalidOptionError naming the flag, the column and the file.
 */
function requireColumnRef(flag: string, ref: string, table: DataTable, file: string): void {
  if (table.hasColumn(ref)) return;
  const n = table.columns.length;
  if (/^\d+$/.test(ref)) {
    const k = Number(ref);
    if (k >= 1 && k <= n) return;
    throw new InvalidOptionError(flag, `no column at position ${ref} in ${file}: it has ${n} column${n === 1 ? '' : 's'} (${table.columnNames.map((c) => `"${c}"`).join(', ')})`);
  }
  requireColumns(flag, [ref], table.columnNames, file);
}


/**
 * Rewords a library input error about a row of the file for the command line: the library numbers rows
 * from 0 and names its own options in hints (`negativeAmounts: 'drop'`); here rows are "data row K",
 * counted from 1 after the header, with the file's name, and hints name the flags. Keeps the type and
 * fields; other errors pass through.
 */
function fileRowError(err: unknown, file: string): unknown {
  if (!(err instanceof InvalidInputError)) return err;
  let message = err.message
    .replace(/use negativeAmounts: 'drop' or 'net' to accept refunds/, 'use --refunds drop or --refunds net to accept refunds')
    .replace(/\(use afterObservation: 'drop' for a calibration period\)/, '(give a later --observation-date)');
  if (err.row !== undefined) {
    const at = new RegExp(`^((?:BG/NBD|Gamma-Gamma): )?row ${err.row}\\b`);
    if (at.test(message)) message = message.replace(at, (_m, model: string | undefined) => `${file}: ${model ?? ''}data row ${err.row! + 1}`);
  }
  if (message === err.message) return err;
  const where: { row?: number; field?: string } = {};
  if (err.row !== undefined) where.row = err.row;
  if (err.field !== undefined) where.field = err.field;
  return new InvalidInputError(message, where);
}

/** A number for a parameter table: 7 significant digits. */
function parameterText(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(7))) : String(x);
}

function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function money(x: number): string {
  return x.toFixed(2);
}

/** The parameter lines of a BG/NBD and Gamma-Gamma fit, as the text output prints them. */
function fitTables(fit: ClvFit, unit?: 'weeks'): string {
  const unitName = unit ?? "the table's time unit";
  const rows: { name: string; value: number; meaning: string }[] = [
    { name: 'r', value: fit.bgnbd.r, meaning: 'purchase rates ~ Gamma(shape r, rate alpha)' },
    { name: 'alpha', value: fit.bgnbd.alpha, meaning: `(alpha in ${unitName})` },
    { name: 'a', value: fit.bgnbd.a, meaning: 'drop-out probability after a purchase ~ Beta(a, b)' },
    { name: 'b', value: fit.bgnbd.b, meaning: '' },
    { name: 'log-likelihood', value: fit.bgnbd.logLikelihood, meaning: 'maximised' },
  ];
  let out = `BG/NBD (Fader, Hardie & Lee 2005), maximum likelihood; time in ${unitName}:\n`;
  out += textTable(rows, [
    { header: 'parameter', cell: (r) => r.name },
    { header: 'value', cell: (r) => parameterText(r.value), align: 'right' },
    { header: 'meaning', cell: (r) => r.meaning },
  ]);
  const { r, alpha, a, b } = fit.bgnbd;
  out += `Mean purchase rate of a customer while alive: r/alpha = ${parameterText(r / alpha)} per ${unit === 'weeks' ? 'week' : 'unit of time'}; ` +
    `mean drop-out probability after a purchase: a/(a+b) = ${parameterText(a / (a + b))}.\n`;
  if (fit.gammaGamma !== undefined) {
    const { p, q, v } = fit.gammaGamma;
    out += '\nGamma-Gamma spend model (mean spend per repeat purchase), maximum likelihood:\n';
    out += textTable(
      [
        { name: 'p', value: p },
        { name: 'q', value: q },
        { name: 'v', value: v },
      ],
      [
        { header: 'parameter', cell: (x) => x.name },
        { header: 'value', cell: (x) => parameterText(x.value), align: 'right' },
      ],
    );
    out += q > 1 ? `Mean spend per transaction across customers: p·v/(q−1) = ${parameterText((p * v) / (q - 1))}.\n` : 'q <= 1: the population mean spend is not finite.\n';
  }
  return out;
}

/** Value rows as CSV, in the JSON's key order. */
function valueRowsCsv(rows: readonly ValueReportRow[]): string {
  return toCsv(
    ['customer', 'recency', 'frequency', 'monetary', 'r', 'f', 'm', 'segment', 'abc'],
    rows.map((x) => [x.customer, x.recency, x.frequency, x.monetary, x.r, x.f, x.m, x.segment, x.abc]),
  );
}

interface GroupTotals {
  label: string;
  customers: number;
  value: number;
  recency: number;
  frequency: number;
}

function groupBy(rows: readonly ValueReportRow[], key: (r: ValueReportRow) => string, order: readonly string[]): GroupTotals[] {
  const groups = new Map<string, GroupTotals>();
  for (const label of order) groups.set(label, { label, customers: 0, value: 0, recency: 0, frequency: 0 });
  for (const r of rows) {
    const k = key(r);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { label: k, customers: 0, value: 0, recency: 0, frequency: 0 }));
    g.customers++;
    g.value += r.monetary;
    g.recency += r.recency;
    g.frequency += r.frequency;
  }
  return [...groups.values()].filter((g) => g.customers > 0);
}

/** The text output of `value`: what was read, segments, ABC tiers and concentration, the top customers, the fits. */
function valueText(report: ValueReport, info: { file: string; transactions: number; observation: string; observationGiven: boolean; unit: TimeUnit; top: number }): string {
  const rows = report.rows;
  const total = rows.reduce((s, r) => s + r.monetary, 0);
  let out =
    `${report.customers} customers from ${info.transactions} transactions in ${info.file}; observation date ${info.observation}` +
    `${info.observationGiven ? '' : ' (the last purchase)'}; recency in ${info.unit}.\n\n`;

  const segments = groupBy(rows, (r) => r.segment, DEFAULT_RFM_SEGMENTS.map((s) => s.segment)).sort((a, b) => b.customers - a.customers);
  out += 'RFM segments (quintile scores 1-5 on recency, frequency and total spend; the segment is named from R and F):\n';
  out += textTable(segments, [
    { header: 'segment', cell: (g) => g.label },
    { header: 'customers', cell: (g) => String(g.customers), align: 'right' },
    { header: 'share', cell: (g) => percent(g.customers / report.customers), align: 'right' },
    { header: 'spend', cell: (g) => money(g.value), align: 'right' },
    { header: 'spend share', cell: (g) => percent(total > 0 ? g.value / total : 0), align: 'right' },
    { header: 'mean recency', cell: (g) => formatNumber(g.recency / g.customers), align: 'right' },
    { header: 'mean frequency', cell: (g) => formatNumber(g.frequency / g.customers), align: 'right' },
  ]);

  const tiers = groupBy(rows, (r) => r.abc, ['A', 'B', 'C']);
  out += '\nABC tiers by total spend (A: the customers making the first 80% of spend, B: the next 15%, C: the rest):\n';
  out += textTable(tiers, [
    { header: 'tier', cell: (g) => g.label },
    { header: 'customers', cell: (g) => String(g.customers), align: 'right' },
    { header: 'share', cell: (g) => percent(g.customers / report.customers), align: 'right' },
    { header: 'spend', cell: (g) => money(g.value), align: 'right' },
    { header: 'spend share', cell: (g) => percent(total > 0 ? g.value / total : 0), align: 'right' },
  ]);
  if (total > 0) {
    const spend = Float64Array.from(rows, (r) => r.monetary);
    out += `The top 20% of customers hold ${percent(topShare(spend, 0.2))} of spend; Gini coefficient ${giniCoefficient(spend).toFixed(3)}.\n`;
  }

  const shown = Math.min(info.top, rows.length);
  const byValue = rows.map((_r, i) => i).sort((a, b) => rows[b].monetary - rows[a].monetary || a - b).slice(0, shown);
  out += `\nTop ${shown} customers by total spend:\n`;
  out += textTable(
    byValue.map((i) => rows[i]),
    [
      { header: '#', cell: (_r, k) => String(k + 1), align: 'right' },
      { header: 'customer', cell: (r) => r.customer },
      { header: 'recency', cell: (r) => formatNumber(r.recency), align: 'right' },
      { header: 'frequency', cell: (r) => String(r.frequency), align: 'right' },
      { header: 'monetary', cell: (r) => money(r.monetary), align: 'right' },
      { header: 'RFM', cell: (r) => `${r.r}${r.f}${r.m}` },
      { header: 'segment', cell: (r) => r.segment },
      { header: 'abc', cell: (r) => r.abc },
    ],
  );
  if (report.bgnbd !== undefined) {
    out += '\n' + fitTables({ bgnbd: report.bgnbd, ...(report.gammaGamma !== undefined ? { gammaGamma: report.gammaGamma } : {}) }, 'weeks');
  }
  return out;
}

function lastDay(log: TransactionLog): number {
  let max = -Infinity;
  for (let i = 0; i < log.day.length; i++) if (log.day[i] > max) max = log.day[i];
  return max;
}

/**
 * `crm-mining value <file> --customer COL --date COL --amount COL …`: per-customer recency, frequency,
 * monetary value, RFM scores and segment and ABC tier from a transaction log; with `--clv` also the
 * BG/NBD and Gamma-Gamma fits on the same transactions (in weeks).
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function valueCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'value';
  const { values, positionals } = parseCommandLine(command, args, VALUE_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file>', 'a transaction file (customer, date, amount per row)');
  const customer = requiredColumn(command, values, 'customer', 'the customer id (a name, or a 1-based position)');
  const date = requiredColumn(command, values, 'date', 'the purchase date (a name, or a 1-based position)');
  const amount = requiredColumn(command, values, 'amount', 'the amount (a name, or a 1-based position)');
  const top = numberFlag(command, values, 'top');
  const format = requireOneOf('--format', stringFlag(values, 'format') ?? VALUE_DEFAULTS.format, ['csv', 'whitespace'] as const);
  const dateFormat = requireOneOf('--date-format', stringFlag(values, 'date-format') ?? VALUE_DEFAULTS.dateFormat, ['yyyymmdd', 'iso', 'auto'] as const);
  const unit = requireOneOf('--unit', stringFlag(values, 'unit') ?? VALUE_DEFAULTS.unit, ['days', 'weeks', 'months', 'years'] as const);
  const refunds = requireOneOf('--refunds', stringFlag(values, 'refunds') ?? VALUE_DEFAULTS.refunds, ['error', 'drop', 'net'] as const);
  const observation = stringFlag(values, 'observation-date');
  if (observation !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(observation.trim())) {
    throw new InvalidOptionError('--observation-date', `expected a date YYYY-MM-DD, got ${JSON.stringify(observation)}`);
  }
  const delimiter = delimiterFlag(values);
  if (delimiter !== undefined && format !== 'csv') throw new InvalidOptionError('--delimiter', 'only applies to --format csv');
  const topN = top === undefined ? VALUE_DEFAULTS.top : requireInteger('--top', top, 1);
  const output = outputFlag(values, cwd);
  await checkOutputFolder(output);
  const path = await checkInputFile(file, cwd);
  const summaryOptions: SummaryOptions = { unit, negativeAmounts: refunds };
  if (observation !== undefined) summaryOptions.observationDate = observation.trim();
  const progress = new ProgressLine(io.stderr);
  let log: TransactionLog;
  let report: ValueReport;
  try {
    try {
      progress.start(`reading ${file}`);
      const table =
        format === 'whitespace'
          ? await readWhitespaceTable(path, { source: file })
          : await readCsv(path, { inferTypes: false, source: file, ...(delimiter !== undefined ? { delimiter } : {}) });
      if (table.rowCount === 0) throw new InvalidInputError(`${file}: no purchases (the file has no data rows)`);
      for (const [flag, ref] of [
        ['--customer', customer],
        ['--date', date],
        ['--amount', amount],
      ] as const) {
        requireColumnRef(flag, ref, table, file);
      }
      log = transactionLogFromTable(table, { customer, date, amount, dateFormat });
      progress.start('summarising');
      // summarised once here so that errors about rows of the file (refunds, purchases after the
      // observation date) are told apart from the fits' errors, whose rows are customers
      summarizeCustomers(log, summaryOptions);
    } catch (err) {
      throw fileRowError(err, file);
    }
    if (values.clv === true) progress.start('fitting BG/NBD and Gamma-Gamma');
    report = customerValueReport(log, { ...summaryOptions, clv: values.clv === true });
  } finally {
    progress.done();
  }

  const json: ValueJson = { customers: report.customers, rows: report.rows };
  if (report.bgnbd !== undefined) json.bgnbd = report.bgnbd;
  if (report.gammaGamma !== undefined) json.gammaGamma = report.gammaGamma;
  const jsonText = JSON.stringify(json, null, 2) + '\n';
  if (output !== undefined) await writeFileAtomic(output.path, output.kind === 'csv' ? valueRowsCsv(report.rows) : jsonText);
  if (values.json === true) {
    io.stdout.write(jsonText);
    return EXIT_OK;
  }
  io.stdout.write(
    valueText(report, {
      file,
      transactions: log.customer.length,
      observation: observation?.trim() ?? isoDateOfDay(lastDay(log)),
      observationGiven: observation !== undefined,
      unit,
      top: topN,
    }),
  );
  if (output !== undefined) io.stdout.write(`\nWrote ${report.customers} customers to ${output.shown}.\n`);
  return EXIT_OK;
}

/**
 * `crm-mining clv-fit <summary.csv> --frequency COL --recency COL --T COL [--monetary COL]`: fits BG/NBD
 * (and Gamma-Gamma with `--monetary`) from a per-customer summary table.
 *
 * @returns the exit code (0); failures are thrown.
 */
export async function clvFitCommand(args: readonly string[], io: CliIO, cwd: string): Promise<number> {
  const command = 'clv-fit';
  const { values, positionals } = parseCommandLine(command, args, CLV_FIT_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const file = fileArgument(command, positionals, '<file>', 'a per-customer summary CSV (repeat purchases, recency, T)');
  const frequency = requiredColumn(command, values, 'frequency', 'the repeat purchases x');
  const recency = requiredColumn(command, values, 'recency', 'the time t_x from the first to the last purchase');
  const T = requiredColumn(command, values, 'T', 'the time T from the first purchase to the end of observation');
  const monetary = stringFlag(values, 'monetary')?.trim();
  const delimiter = delimiterFlag(values);
  const output = outputFlag(values, cwd);
  await checkOutputFolder(output);
  const path = await checkInputFile(file, cwd);

  const progress = new ProgressLine(io.stderr);
  let fit: ClvFit;
  let customers: number;
  let repeatBuyers = 0;
  try {
    progress.start(`reading ${file}`);
    const table = await readCsv(path, { source: file, inferTypes: false, ...(delimiter !== undefined ? { delimiter } : {}) });
    customers = table.rowCount;
    if (customers === 0) throw new InvalidInputError(`${file}: no customers (the table has no rows)`);
    requireColumns('--frequency', [frequency], table.columnNames, file);
    requireColumns('--recency', [recency], table.columnNames, file);
    requireColumns('--T', [T], table.columnNames, file);
    if (monetary !== undefined) requireColumns('--monetary', [monetary], table.columnNames, file);
    progress.start(monetary !== undefined ? 'fitting BG/NBD and Gamma-Gamma' : 'fitting BG/NBD');
    try {
      fit = fitClvFromTable(table, { frequency, recency, T, ...(monetary !== undefined ? { monetary } : {}) });
    } catch (err) {
      // the table's rows are the customers, so the fits' row numbers are rows of the file
      throw fileRowError(err, file);
    }
    const x = table.column(frequency).values;
    for (const v of x) if (Number(v) > 0) repeatBuyers++;
  } finally {
    progress.done();
  }

  const json: ClvFitJson = { bgnbd: fit.bgnbd };
  if (fit.gammaGamma !== undefined) json.gammaGamma = fit.gammaGamma;
  const jsonText = JSON.stringify(json, null, 2) + '\n';
  if (output !== undefined) {
    const text =
      output.kind === 'json'
        ? jsonText
        : toCsv(
            ['model', 'parameter', 'value'],
            [
              ...(['r', 'alpha', 'a', 'b', 'logLikelihood'] as const).map((k) => ['bgnbd', k, fit.bgnbd[k]]),
              ...(fit.gammaGamma !== undefined ? (['p', 'q', 'v'] as const).map((k) => ['gammaGamma', k, fit.gammaGamma![k]]) : []),
            ],
          );
    await writeFileAtomic(output.path, text);
  }
  if (values.json === true) {
    io.stdout.write(jsonText);
    return EXIT_OK;
  }
  io.stdout.write(
    `${customers} customers in ${file} (x = ${frequency}, t_x = ${recency}, T = ${T}${monetary !== undefined ? `, mean repeat spend = ${monetary}` : ''}); ` +
      `${repeatBuyers} with repeat purchases${monetary !== undefined ? ' (the Gamma-Gamma fit uses those)' : ''}.\n\n`,
  );
  io.stdout.write(fitTables(fit));
  if (output !== undefined) io.stdout.write(`\nWrote the parameters to ${output.shown}.\n`);
  return EXIT_OK;
}
