/**
 * Small file helpers shared by the readers (internal to the data area, but exported for reuse).
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { FileError } from '../core/errors.js';

/**
 * Turns a Node.js file-system error into a {@link FileError} naming the path and the problem in words
 * (`no such file`, `is a directory`, `permission denied`, or the system's own message).
 *
 * @param path - the path that was being read.
 * @param err - the error Node.js raised.
 */
export function toFileError(path: string, err: unknown): FileError {
  if (err instanceof FileError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new FileError(path, 'no such file');
    case 'EISDIR':
      return new FileError(path, 'is a directory, expected a file');
    case 'EACCES':
    case 'EPERM':
      return new FileError(path, 'permission denied');
    default:
      return new FileError(path, `cannot read: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Reads a whole text file as UTF-8 (a leading byte-order mark is removed).
 *
 * @param path - the file to read.
 * @returns the file's text.
 * @throws FileError naming the path when the file is missing (`no such file`), is a directory, or cannot be read.
 */
export async function readTextFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw toFileError(path, err);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Checks that `path` names an existing regular file, before a stream is opened on it.
 *
 * @param path - the file to check.
 * @throws FileError naming the path when it is missing (`no such file`), is a directory, or cannot be read.
 */
export async function assertReadableFile(path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new FileError(path, 'is a directory, expected a file');
  } catch (err) {
    throw toFileError(path, err);
  }
}
