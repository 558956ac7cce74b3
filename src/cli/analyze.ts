/**
 * `crm-mining report` / `analyze`: the CRM analysis job that `npm start` runs on the data shipped in
 * `examples/data/`. The job is a list of {@link AnalysisStep}s run in order; adding an analysis is adding
 * one step to {@link ANALYSIS_STEPS}. Steps share the data (read once) and anything one step computes for
 * another through {@link AnalysisContext.shared}, print their section, and write their files through
 * {@link AnalysisContext.writeOutput} (atomically, into the output folder).
 *
 * @module
 */
import type { DataTable } from '../data/table.js';
import type { ReportSection } from '../report/types.js';
import { churnProfilesStep, serviceBundlesStep } from './analyses/association.js';
import { customerValueStep, type CustomerValueSettings } from './analyses/customer-value.js';
import { rfmStep } from './analyses/rfm.js';
import type { ServiceColumns } from './analyses/services.js';
import { segmentationStep } from './analyses/segmentation.js';
import { churnTreeStep } from './analyses/churn-tree.js';
import { churnModelStep } from './analyses/churn.js';
import { outliersStep } from './analyses/outliers.js';
import { nextBestOfferStep } from './analyses/next-best-offer.js';
import type { CliIO } from './io.js';
import type { ProgressLine } from './progress.js';
import { reportCommand } from './report-command.js';

export { DEFAULT_DATA, DEFAULT_OUT } from './report-command.js';

/** The job's assumptions that its flags set. */
export interface AnalysisSettings {
  /** The customer-value step's margin share, discount rate and horizon (`--margin-share`, `--discount-rate`, `--horizon`). */
  readonly customerValue: CustomerValueSettings;
  /**
   * A purchase log for the RFM section (`--transactions FILE` with its column flags); absent when the
   * user gave none, in which case the RFM step says what it uses instead.
   */
  readonly transactions?: TransactionLogSettings;
  /**
   * The yes/no service columns the basket, segmentation, RFM simulation and next-best-offer steps read
   * (`--services`, kept under the user's names); absent: the Telco services
   * (`TELCO_SERVICE_COLUMNS`).
   */
  readonly services?: ServiceColumns;
  /**
   * Whether the customer file is the bundled Telco sample (`examples/data/telco-churn.csv`), so that a
   * step may call it that in its text (default false: the user's own file).
   */
  readonly bundledSample?: boolean;
}

/** Where the RFM section's purchase log is and which of its columns hold what. */
export interface TransactionLogSettings {
  /** The file as the user named it (for messages). */
  readonly name: string;
  /** The file's absolute path. */
  readonly path: string;
  /** The customer id column (default `customer`). */
  readonly customer: string;
  /** The purchase date column, ISO `YYYY-MM-DD` or `YYYYMMDD` (default `date`). */
  readonly date: string;
  /** The amount column (default `amount`). */
  readonly amount: string;
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
  /**
   * The report sections the step adds, by id and title (default: one section with the step's own id
   * and title). When the step fails with a library error, each of them is shown as absent, with the
   * error as the reason.
   */
  readonly sections?: readonly { readonly id: string; readonly title: string }[];
  /** Runs the analysis: prints its section and writes its files. */
  run(context: AnalysisContext): Promise<void>;
}

/** The steps of the job, in order. Later analyses (segmentation, churn model, …) are appended here. */
export const ANALYSIS_STEPS: readonly AnalysisStep[] = [serviceBundlesStep, churnProfilesStep, customerValueStep, rfmStep, segmentationStep, churnTreeStep, churnModelStep, outliersStep, nextBestOfferStep];

/**
 * `crm-mining analyze`: the older name of `crm-mining report` (the same job, flags and output;
 * `--data FILE` is accepted as the older name of `--input FILE`). See {@link reportCommand}.
 *
 * @param steps - the steps to run (default {@link ANALYSIS_STEPS}; tests may pass others).
 * @returns the exit code (0); failures are thrown.
 */
export function analyzeCommand(args: readonly string[], io: CliIO, cwd: string, steps: readonly AnalysisStep[] = ANALYSIS_STEPS): Promise<number> {
  return reportCommand(args, io, cwd, steps, 'analyze');
}
