/**
 * The `-o, --output FILE` flag shared by the commands: which file, in which format (by its extension),
 * and an early check that its folder exists, so that a command fails before any work rather than after.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { FileError, InvalidOptionError } from '../core/errors.js';
import { stringFlag, type ParsedCommandLine } from './args.js';

/** Where `--output` writes: the resolved path, the name as the user gave it, and the format. */
export interface OutputTarget {
  /** The absolute path. */
  path: string;
  /** The name as given on the command line (for messages). */
  shown: string;
  /** `csv` for a `.csv` name, `json` for a `.json` name. */
  kind: 'csv' | 'json';
}

/**
 * Reads `--output`: a file name ending in `.csv` or `.json` (any case), resolved against `cwd`.
 *
 * @returns the target, or `undefined` when the flag was not given.
 * @throws InvalidOptionError naming `--output` for another extension.
 */
export function outputFlag(values: ParsedCommandLine['values'], cwd: string): OutputTarget | undefined {
  const output = stringFlag(values, 'output');
  if (output === undefined) return undefined;
  const ext = extname(output).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    throw new InvalidOptionError('--output', `expected a file name ending in .csv or .json, got ${JSON.stringify(output)}`);
  }
  return { path: resolve(cwd, output), shown: output, kind: ext === '.csv' ? 'csv' : 'json' };
}

/**
 * Fails early, before any work, when the output file's folder does not exist.
 *
 * @throws FileError naming the file.
 */
export async function checkOutputFolder(output: OutputTarget | undefined): Promise<void> {
  if (output === undefined) return;
  const folder = dirname(output.path);
  let isDir = false;
  try {
    isDir = (await stat(folder)).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new FileError(output.shown, 'cannot write: the folder does not exist');
}
