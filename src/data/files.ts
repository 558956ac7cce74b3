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
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { toFileError } from 'crm-mining';
 * const path = '/no/such/config.json';
 * try {
 *   await readFile(path, 'utf8');
 * } catch (err) {
 *   console.log(toFileError(path, err).message); // /no/such/config.json: no such file
 * }
 * ```
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
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { readTextFile, writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'notes.txt');
 * await writeFileAtomic(path, '\uFEFFhello\n');
 * console.log(JSON.stringify(await readTextFile(path))); // "hello\n" (the byte-order mark is dropped)
 * ```
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
 * @param shown - the name the error gives the file (default `path`; for example the name as a user typed it).
 * @throws FileError naming the file when it is missing (`no such file`), is a directory, or cannot be read.
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { assertReadableFile, FileError } from 'crm-mining';
 * try {
 *   await assertReadableFile(tmpdir()); // a folder, not a file
 * } catch (err) {
 *   if (err instanceof FileError) console.log(err.message); // …: is a directory, expected a file
 * }
 * ```
 */
export async function assertReadableFile(path: string, shown: string = path): Promise<void> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new FileError(shown, 'is a directory, expected a file');
  } catch (err) {
    throw toFileError(shown, err);
  }
}

// --- Atomic writing (appended by the association/rules task). The imports sit here, not at the top, so
// that this section only appends to the file; ES modules hoist them, so their place does not matter.
import { open as openFile, rename as renameFile, unlink as unlinkFile } from 'node:fs/promises';
import { basename as pathBasename, dirname as pathDirname, join as pathJoin } from 'node:path';

let atomicWriteCounter = 0;

/** Turns a Node.js error raised while writing into a {@link FileError} naming the path. */
function toWriteFileError(path: string, err: unknown): FileError {
  if (err instanceof FileError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new FileError(path, 'cannot write: the folder does not exist');
    case 'EISDIR':
    case 'ENOTEMPTY':
    case 'EEXIST':
      return new FileError(path, 'cannot write: it is a directory, expected a file');
    case 'ENOTDIR':
      return new FileError(path, 'cannot write: a part of the path is not a folder');
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new FileError(path, 'cannot write: permission denied');
    case 'ENOSPC':
      return new FileError(path, 'cannot write: no space left on the device');
    default:
      return new FileError(path, `cannot write: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Writes a text file (UTF-8) so that it is either fully written or not changed at all: the text goes
 * to a temporary file in the same folder (`.<name>.<pid>.<time>.<n>.tmp`), which is flushed to disk and then
 * renamed over `path` (a rename within one folder is atomic). If anything fails, the temporary file is
 * removed and an existing file at `path` keeps its old content.
 *
 * @param path - the file to create or replace.
 * @param text - the whole content.
 * @throws FileError naming the path when the folder does not exist, `path` is a directory, or the file
 *   cannot be written (permission, disk full).
 *
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeFileAtomic } from 'crm-mining';
 * const path = join(tmpdir(), 'segments.json');
 * // readers never see a half-written file: the old content stays until the new one is complete
 * await writeFileAtomic(path, JSON.stringify({ segments: 4 }));
 * ```
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) {
    throw new FileError(String(path), 'expected a non-empty file path');
  }
  const temp = pathJoin(pathDirname(path), `.${pathBasename(path)}.${process.pid}.${Date.now().toString(36)}.${++atomicWriteCounter}.tmp`);
  let created = false;
  try {
    const handle = await openFile(temp, 'wx');
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameFile(temp, path);
    created = false;
  } catch (err) {
    if (created) await unlinkFile(temp).catch(() => undefined);
    throw toWriteFileError(path, err);
  }
}
