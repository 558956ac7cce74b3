/**
 * Locating the reference data sets. They live outside the repository, in the folder named by
 * CRM_MINING_DATA (default ../shared/data from the project root, where npm test runs). A test that needs a missing file is
 * skipped with a message naming the file — never passed in silence.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const DATA_DIR = resolve(process.env.CRM_MINING_DATA ?? resolve(process.cwd(), '..', 'shared', 'data'));

/** Absolute path of a reference file, e.g. `dataFile('association/retail.dat')`. */
export function dataFile(relative: string): string {
  return resolve(DATA_DIR, relative);
}

/**
 * Whether the file exists; when it does not, prints which file is missing so the skip is visible.
 * Use as `describe.skipIf(!haveData('association/retail.dat'))(...)`.
 */
export function haveData(relative: string): boolean {
  const p = dataFile(relative);
  const ok = existsSync(p);
  if (!ok) console.warn(`[skipped] reference data file not found: ${p} (set CRM_MINING_DATA)`);
  return ok;
}
