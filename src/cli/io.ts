/**
 * What the command-line program reads from and writes to, and its own usage error. Kept apart from
 * `process` so that the whole program can be run in-process by tests.
 *
 * @module
 */

/** A text sink: `process.stdout`, `process.stderr`, or a string collector in tests. */
export interface TextSink {
  /** Writes text as is (no newline added). */
  write(text: string): unknown;
  /** Whether the sink is a terminal; progress indicators are shown only on a terminal. Default: false. */
  isTTY?: boolean;
}

/** The streams and working folder of one run of the command-line program. */
export interface CliIO {
  /** Where results go (tables, JSON). */
  stdout: TextSink;
  /** Where errors, hints and progress go. */
  stderr: TextSink;
  /** The folder relative paths are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

/** Exit status: success. */
export const EXIT_OK = 0;
/** Exit status: the command was well formed but failed (bad data, missing file, bad option value). */
export const EXIT_FAILURE = 1;
/** Exit status: the command line itself was wrong (unknown command or flag, missing argument, not a number). */
export const EXIT_USAGE = 2;

/**
 * A mistake in the command line (as opposed to a problem with the data or an option's value): unknown
 * command or flag, missing `<file>`, a value that is not a number where one is needed. The program
 * prints the message and a hint to run `--help`, and exits with {@link EXIT_USAGE}.
 */
export class UsageError extends Error {
  /** The command the mistake was made in, when known (for the hint). */
  readonly command?: string;
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    if (command !== undefined) this.command = command;
  }
}
