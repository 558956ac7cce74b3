/**
 * The command-line program `crm-mining`, as a function that can run in-process: {@link runCli} takes the
 * arguments and the streams, and returns the exit code. `main.ts` is the executable that calls it.
 *
 * Commands: `rules`, `itemsets`, `value`, `clv-fit`, `segments`, `outliers`, `tree`, `recommend`, `churn`, `report`, `analyze`, `help`; flags `--help`/`-h` and `--version`. Exit codes:
 * {@link EXIT_OK} (0) on success; {@link EXIT_FAILURE} (1) when the command failed (bad data, missing file,
 * an option value out of range), with one line `crm-mining: <message>` on standard error;
 * {@link EXIT_USAGE} (2) when the command line was wrong, with that line and a hint to run `--help`.
 *
 * @module
 */
import { analyzeCommand, ANALYSIS_STEPS } from './analyze.js';
import { reportCommand } from './report-command.js';
import { churnCommand } from './churn-commands.js';
import { suggestOptionKey } from '../core/validate.js';
import { errorLine } from './args.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from './io.js';
import { itemsetsCommand, rulesCommand } from './mine-commands.js';
import { commandHelp, type CommandName } from './usage.js';
import { outliersCommand } from './outlier-commands.js';
import { recommendCommand } from './recommend-commands.js';
import { segmentsCommand } from './segment-commands.js';
import { treeCommand } from './tree-commands.js';
import { clvFitCommand, valueCommand } from './value-commands.js';
import { VERSION } from './version.js';

/** The program name, as errors and help print it. */
export const PROGRAM = 'crm-mining';

const COMMANDS: Record<CommandName, (args: readonly string[], io: CliIO, cwd: string) => Promise<number>> = {
  rules: rulesCommand,
  itemsets: itemsetsCommand,
  value: valueCommand,
  'clv-fit': clvFitCommand,
  segments: segmentsCommand,
  outliers: outliersCommand,
  tree: treeCommand,
  recommend: recommendCommand,
  churn: churnCommand,
  report: (args, io, cwd) => reportCommand(args, io, cwd, ANALYSIS_STEPS),
  analyze: (args, io, cwd) => analyzeCommand(args, io, cwd),
};

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

/**
 * Runs the command-line program.
 *
 * @param argv - the arguments after the program name (`process.argv.slice(2)`).
 * @param io - standard output and error, and the working folder (default `process.cwd()`).
 * @returns the exit code: 0 success, 1 failure, 2 usage error. It never throws for a failure of the
 *   command; errors are printed as one line on `io.stderr`.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const [first, ...rest] = argv;
  try {
    if (first === undefined) throw new UsageError('missing command: expected rules, itemsets, value, clv-fit, segments, outliers, tree, recommend, churn, report, analyze or help');
    if (first === '--help' || first === '-h') {
      io.stdout.write(commandHelp());
      return EXIT_OK;
    }
    if (first === 'help') {
      const topic = rest[0];
      if (rest.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(rest[1])}: 'help' takes at most one command`);
      if (topic === undefined) io.stdout.write(commandHelp());
      else if (isCommand(topic)) io.stdout.write(commandHelp(topic));
      else throw new UsageError(`no help for ${JSON.stringify(topic)}: the commands are rules, itemsets, value, clv-fit, segments, outliers, tree, recommend, churn, report, analyze`);
      return EXIT_OK;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT_OK;
    }
    const meant = first.startsWith('--') ? suggestOptionKey(first.slice(2), ['help', 'version']) : undefined;
    if (meant !== undefined) throw new UsageError(`unknown option ${first} (did you mean --${meant}?)`);
    if (first.startsWith('-')) throw new UsageError(`expected a command before ${first}: rules, itemsets, value, clv-fit, segments, outliers, tree, recommend, churn, report, analyze or help`);
    if (!isCommand(first)) {
      const guess = suggestOptionKey(first, [...Object.keys(COMMANDS), 'help']);
      throw new UsageError(
        `unknown command ${JSON.stringify(first)}${guess !== undefined ? ` (did you mean ${guess}?)` : ''}: expected rules, itemsets, value, clv-fit, segments, outliers, tree, recommend, churn, report, analyze or help`,
      );
    }
    return await COMMANDS[first](rest, io, cwd);
  } catch (err) {
    io.stderr.write(`${PROGRAM}: ${errorLine(err)}\n`);
    if (err instanceof UsageError) {
      const help = err.command !== undefined ? `${PROGRAM} help ${err.command}` : `${PROGRAM} --help`;
      io.stderr.write(`Run '${help}' for usage.\n`);
      return EXIT_USAGE;
    }
    if (process.env.CRM_MINING_DEBUG && err instanceof Error && err.stack) io.stderr.write(err.stack + '\n');
    return EXIT_FAILURE;
  }
}
