/**
 * `crm-mining analyze`: the CRM analysis job that `npm start` runs on the data shipped in
 * `examples/data/`. The job is a list of {@link AnalysisStep}s run in order; adding an analysis is adding
 * one step to {@link ANALYSIS_STEPS}. Steps share the data (read once) and anything one step computes for
 * another through {@link AnalysisContext.shared}, print their section, and write their files through
 * {@link AnalysisContext.writeOutput} (atomically, into the output folder).
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FileError } from '../core/errors.js';
import { readCsv } from '../data/csv.js';
import { writeFileAtomic } from '../data/files.js';
import type { DataTable } from '../data/table.js';
import type { ReportSection } from '../report/types.js';
import { churnProfilesStep, serviceBundlesStep } from './analyses/association.js';
import { checkCustomerValueSettings, CUSTOMER_VALUE_DEFAULTS, customerValueStep, type CustomerValueSettings } from './analyses/customer-value.js';
import { segmentationStep } from './analyses/segmentation.js';
import { churnTreeStep } from './analyses/churn-tree.js';
import { churnModelStep } from './analyses/churn.js';
import { outliersStep } from './analyses/outliers.js';
import { nextBestOfferStep } from './analyses/next-best-offer.js';
import { TELCO_BASKET_DESCRIPTION } from './analyses/telco.js';
import { numberFlag, parseCommandLine, stringFlag, type OptionSpec } from './args.js';
import { EXIT_OK, UsageError, type CliIO } from './io.js';
import { ProgressLine } from './progress.js';
import { commandHelp } from './usage.js';

/** The data file the job reads unless `--data` says otherwise (relative to the working folder). */
export const DEFAULT_DATA = 'examples/data/telco-churn.csv';
/** The output folder the job writes to unless `--out` says otherwise (relative to the working folder). */
export const DEFAULT_OUT = 'out';

/** The job's assumptions that its flags set. */
export interface AnalysisSettings {
  /** The customer-value step's margin share, discount rate and horizon (`--margin-share`, `--discount-rate`, `--horizon`). */
  readonly customerValue: CustomerValueSettings;
}

/** What a step can use: the data, the output folder, the terminal, and values shared between steps. */
export interface AnalysisContext {
  /** The data file as the user named it (for messages). */
  readonly dataName: string;
  /** The output folder as the user named it (for messages). */
  readonly outName: string;
  /** Where the step prints its section. */
  readonly io: CliIO;
  /** The job's settings (from its flags, or their defaults). */
  readonly settings: AnalysisSettings;
  /** The progress line (standard error, on a terminal only). */
  readonly progress: ProgressLine;
  /** The customer table, every column as text (`readCsv` with `inferTypes: false`); read once. */
  table(): Promise<DataTable>;
  /** A value computed once per run under `key` and shared by the steps that ask for it. */
  shared<T>(key: string, make: () => T | Promise<T>): Promise<T>;
  /**
   * Writes `text` atomically to the file `name` in the output folder and records it (with `description`)
   * for the job's closing list of files.
   */
  writeOutput(name: string, text: string, description: string): Promise<void>;
  /** Prints text (a newline is added). */
  print(text?: string): void;
  /**
   * Adds a section to the HTML report (`crm-mining report`). A step may add one section or several
   * (each with its own id), in the order they should appear; text printed with {@link print} is the
   * terminal's view of the same findings.
   */
  section(section: ReportSection): void;
}

/** One analysis of the job. */
export interface AnalysisStep {
  /** A short identifier, for example `'service-bundles'`. */
  readonly id: string;
  /** The section title. */
  readonly title: string;
  /** One line on what it finds, printed in the job's opening lines. */
  readonly summary: string;
  /** Runs the analysis: prints its section and writes its files. */
  run(context: AnalysisContext): Promise<void>;
}

/** The steps of the job, in order. Later analyses (segmentation, churn model, …) are appended here. */
export const ANALYSIS_STEPS: readonly AnalysisStep[] = [serviceBundlesStep, churnProfilesStep, customerValueStep, segmentationStep, churnTreeStep, churnModelStep, outliersStep, nextBestOfferStep];

const ANALYZE_OPTIONS: OptionSpec = {
  data: { type: 'string' },
  out: { type: 'string' },
  'margin-share': { type: 'string' },
  'discount-rate': { type: 'string' },
  horizon: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/**
 * `crm-mining analyze [--data FILE] [--out DIR]`: runs every step of {@link ANALYSIS_STEPS}.
 *
 * @param steps - the steps to run (default {@link ANALYSIS_STEPS}; tests may pass others).
 * @returns the exit code (0); failures are thrown.
 */
export async function analyzeCommand(
  args: readonly string[],
  io: CliIO,
  cwd: string,
  steps: readonly AnalysisStep[] = ANALYSIS_STEPS,
): Promise<number> {
  const { values, positionals } = parseCommandLine('analyze', args, ANALYZE_OPTIONS);
  if (values.help === true) {
    io.stdout.write(commandHelp('analyze'));
    return EXIT_OK;
  }
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}: 'analyze' takes no file (use --data FILE)`, 'analyze');
  }
  const settings: AnalysisSettings = {
    customerValue: checkCustomerValueSettings({
      marginShare: numberFlag('analyze', values, 'margin-share') ?? CUSTOMER_VALUE_DEFAULTS.marginShare,
      annualDiscountRate: numberFlag('analyze', values, 'discount-rate') ?? CUSTOMER_VALUE_DEFAULTS.annualDiscountRate,
      horizonMonths: numberFlag('analyze', values, 'horizon') ?? CUSTOMER_VALUE_DEFAULTS.horizonMonths,
    }),
  };
  const dataName = stringFlag(values, 'data') ?? DEFAULT_DATA;
  const outName = stringFlag(values, 'out') ?? DEFAULT_OUT;
  const dataPath = resolve(cwd, dataName);
  const outPath = resolve(cwd, outName);
  const print = (text = ''): void => {
    io.stdout.write(text + '\n');
  };

  print('crm-mining analyze: analytical CRM on the IBM Telco customer-churn sample.');
  print('Each customer becomes a market basket, and association rules (FP-Growth) show which services go');
  print('together (cross-selling) and which customer profiles go with churn. A basket holds:');
  for (const line of TELCO_BASKET_DESCRIPTION) print(`  - ${line}`);
  print('Then every other area of the library runs on the same customers, one step each:');
  print('Steps:');
  steps.forEach((s, i) => print(`  ${i + 1}. ${s.title}: ${s.summary}`));
  print(`Data: ${dataName}   Output folder: ${outName}`);

  const progress = new ProgressLine(io.stderr);
  const written: { name: string; description: string }[] = [];
  const sections: ReportSection[] = [];
  const memo = new Map<string, Promise<unknown>>();
  let outReady: Promise<void> | undefined;
  const context: AnalysisContext = {
    dataName,
    outName,
    io,
    settings,
    progress,
    table: () =>
      context.shared('table', async () => {
        progress.start(`reading ${dataName}`);
        try {
          if (values.data === undefined && !existsSync(dataPath)) {
            throw new FileError(dataName, `no such file in ${cwd} (run from the project folder, or give --data FILE)`);
          }
          return await readCsv(dataPath, { inferTypes: false, source: dataName });
        } finally {
          progress.done();
        }
      }),
    shared: <T>(key: string, make: () => T | Promise<T>): Promise<T> => {
      let p = memo.get(key) as Promise<T> | undefined;
      if (p === undefined) {
        p = Promise.resolve().then(make);
        memo.set(key, p);
      }
      return p;
    },
    writeOutput: async (name, text, description) => {
      outReady ??= mkdir(outPath, { recursive: true }).then(
        () => undefined,
        (err: unknown) => {
          throw new FileError(outName, `cannot create the output folder: ${(err as { code?: string }).code ?? String(err)}`);
        },
      );
      await outReady;
      await writeFileAtomic(join(outPath, name), text);
      written.push({ name, description });
    },
    print,
    section: (section) => {
      sections.push(section);
    },
  };

  for (let i = 0; i < steps.length; i++) {
    print();
    print(`== ${i + 1}. ${steps[i].title} ==`);
    await steps[i].run(context);
  }

  print();
  if (written.length > 0) {
    print(`Wrote ${written.length} files to ${outPath}:`);
    const width = Math.max(...written.map((w) => w.name.length));
    for (const w of written) print(`  ${w.name.padEnd(width)}  ${w.description}`);
  }
  return EXIT_OK;
}
