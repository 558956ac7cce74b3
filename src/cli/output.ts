/**
 * The files a command reads and writes: an early check that an input file exists and is a file
 * ({@link checkInputFile}), and the `-o, --output FILE` flag shared by the commands: which file, in which
 * format (by its extension), and an early check that its folder exists, so that a command fails before
 * any work rather than after.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { FileError, InvalidOptionError } from '../core/errors.js';
import { assertReadableFile } from '../data/files.js';
import { stringFlag, type ParsedCommandLine } from './args.js';

/**
 * Checks, before any reading, that the file a command was given exists and is a file, and resolves it.
 * The error names the file as the user wrote it (not the resolved path), as every later message does.
 *
 * @param file - the file as given on the command line.
 * @param cwd - the folder a relative name is resolved against.
 * @param flag - the flag that named the file (`--test`), for the message; default: none (the `<file>` argument).
 * @returns the absolute path.
 * @throws FileError naming the file when it does not exist, is a directory, or cannot be read.
 */
export async function checkInputFile(file: string, cwd: string, flag?: string): Promise<string> {
  const path = resolve(cwd, file);
  try {
    await assertReadableFile(path, file);
  } catch (err) {
    if (flag === undefined || !(err instanceof FileError)) throw err;
    throw new FileError(file, `${err.message.slice(file.length + 2)} (${flag})`);
  }
  return path;
}

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
 * Fails early, before any work, when the output file's folder does not exist or the output names a folder.
 *
 * @throws FileError naming the file as the user gave it.
 */
export async function checkOutputFolder(output: OutputTarget | undefined): Promise<void> {
  if (output === undefined) return;
  if (!(await isDirectory(dirname(output.path)))) throw new FileError(output.shown, 'cannot write: the folder does not exist');
  if (await isDirectory(output.path)) throw new FileError(output.shown, 'cannot write: it is a directory, expected a file');
}

/**
 * Fails early, before any work, when a folder the command will write into (`--out`, `--model-out`)
 * exists as a file. A folder that does not exist yet is fine: the command creates it.
 *
 * @param folder - the folder as the user gave it.
 * @param cwd - the folder a relative name is resolved against.
 * @param flag - the flag that named it, for the message.
 * @throws FileError naming the folder.
 */
export async function checkOutputDirectory(folder: string, cwd: string, flag: string): Promise<void> {
  const path = resolve(cwd, folder);
  let file = false;
  try {
    file = !(await stat(path)).isDirectory();
  } catch {
    file = false;
  }
  if (file) throw new FileError(folder, `is a file, expected a folder (${flag})`);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
