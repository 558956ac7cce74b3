/**
 * `crm-mining recommend` against bad input in its other files, beyond the audit matrix (which covers the
 * interactions <file> and the number flags): `--test`, `--items` (with `--item-id`, `--item-label`,
 * `--item-text`, `--item-tags`, `--items-format`, `--items-no-header`), `--users` (with `--user-id`) and
 * the whitespace and header-less formats. The same rules as every command: files named as given (never
 * the resolved path) and checked before any work, one column-error format naming the flag, exit 1 with
 * one `crm-mining: …` line and nothing on stdout.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectFailure, type CliRun } from './helpers.js';
import { tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;

/** Runs in the temporary folder and checks that no message names the folder's absolute path. */
async function run(argv: string[]): Promise<CliRun> {
  const r = await cli(argv, { cwd: tmp.dir });
  expect(r.stderr).not.toContain(tmp.dir);
  return r;
}

beforeAll(async () => {
  tmp = await tempDir();
  const rows = ['user,item,rating'];
  for (let u = 0; u < 6; u++) for (let i = 0; i < 5; i++) if ((u + i) % 3 !== 0) rows.push(`u${u},i${i},${1 + ((u * i) % 5)}`);
  await tmp.file('r.csv', rows.join('\n') + '\n');
  await tmp.file('r.tsv', rows.slice(1).map((l) => l.replace(/,/g, '\t')).join('\n') + '\n');
  await tmp.file('r.txt', rows.slice(1).map((l) => l.replace(/,/g, '   ')).join('\n') + '\n');
  await tmp.file('bad-rating.txt', 'u1 i1 4\nu1 i2 3\nu2 i1 five\n');
  await tmp.file('bad-rating.csv', 'user,item,rating\nu1,i1,4\nu2,i1,five\n');
  await tmp.file('test.csv', 'user,item,rating\nu1,i0,4\nu2,i3,2\n');
  await tmp.file('test-no-rating.csv', 'user,item\nu1,i0\n');
  await tmp.file('test-off-scale.csv', 'user,item,rating\nu1,i0,4\nu2,i3,9\n');
  await tmp.file('empty.csv', '');
  await tmp.file('header.csv', 'id,title,genres\n');
  await tmp.file('items.csv', 'id,title,genres,blurb\n' + [0, 1, 2, 3, 4].map((i) => `i${i},Film ${i},Drama|Comedy,a tale`).join('\n') + '\n');
  await tmp.file('items-blank-id.csv', 'id,title\ni0,Film 0\n,Nameless\n');
  await tmp.file('items.txt', [0, 1, 2].map((i) => `i${i}|Film ${i}|Drama`).join('\n') + '\n');
  await tmp.file('users.csv', 'cust,region\n' + [0, 1, 2, 3, 4, 5].map((u) => `u${u},${u % 2 === 0 ? 'north' : 'south'}`).join('\n') + '\n');
  await mkdir(join(tmp.dir, 'folder'));
});
afterAll(() => tmp.cleanup());

const base = ['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--rating', 'rating'];
const labels = [...base, '--algorithm', 'popularity', '--for', 'u1', '--items', 'items.csv', '--item-id', 'id', '--item-label', 'title'];
const content = [...base, '--algorithm', 'content', '--items', 'items.csv', '--item-id', 'id'];
const demographic = [...base, '--algorithm', 'demographic', '--users', 'users.csv', '--user-id', 'cust'];

/** `args` with `flag`'s value replaced (or the flag and value appended when absent). */
function setFlag(args: string[], flag: string, value: string): string[] {
  const i = args.indexOf(flag);
  return i < 0 ? [...args, flag, value] : [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}

describe('crm-mining recommend: the files a flag names', () => {
  it('a missing file or a directory given to --test, --items or --users fails naming the file as given and the flag', async () => {
    for (const [args, flag] of [
      [[...base, '--test', 'test.csv'], '--test'],
      [labels, '--items'],
      [demographic, '--users'],
    ] as const) {
      expectFailure(await run(setFlag([...args], flag, 'nope.csv')), new RegExp(`^crm-mining: nope\\.csv: no such file \\(${flag}\\)\\n$`));
      expectFailure(await run(setFlag([...args], flag, 'folder')), new RegExp(`^crm-mining: folder: is a directory, expected a file \\(${flag}\\)\\n$`));
    }
  });

  it('an empty or header-only --items file fails naming the file', async () => {
    expectFailure(await run(setFlag(labels, '--items', 'empty.csv')), /^crm-mining: empty\.csv: no rows/);
    expectFailure(await run(setFlag(labels, '--items', 'header.csv')), /^crm-mining: header\.csv: no rows after the header/);
  });

  it('every column flag of --items names a column of the file, with the shared message and suggestion', async () => {
    for (const [args, flag] of [
      [labels, '--item-id'],
      [labels, '--item-label'],
      [content, '--item-text'],
      [content, '--item-tags'],
    ] as const) {
      expectFailure(await run(setFlag([...args], flag, 'nosuch')), new RegExp(`^crm-mining: option ${flag}: no column "nosuch" in items\\.csv \\(the columns are "id", "title", "genres", "blurb"\\)\\n$`));
    }
    expectFailure(await run(setFlag(labels, '--item-label', 'Title')), /^crm-mining: option --item-label: no column "Title" in items\.csv; did you mean "title"\?/);
    expectFailure(await run(setFlag(content, '--item-tags', 'genre')), /did you mean "genres"\?/);
  });

  it('--items-no-header and --items-format name columns by position; an empty id names the data row and the flag', async () => {
    const pipe = [...base, '--algorithm', 'popularity', '--for', 'u1', '--items', 'items.txt', '--items-format', 'pipe', '--items-no-header', '--item-id', '1'];
    expect((await run([...pipe, '--item-label', '2'])).code).toBe(0);
    expectFailure(await run([...pipe, '--item-label', '7']), /^crm-mining: option --item-label: no column "7" in items\.txt \(the columns are "1", "2", "3"\)\n$/);
    // Read as the default csv, items.txt has one column.
    expectFailure(await run([...pipe.filter((a) => a !== '--items-format' && a !== 'pipe'), '--item-label', '2']), /^crm-mining: option --item-label: no column "2" in items\.txt \(the columns are "1"\)/);
    expectFailure(await run(setFlag(labels, '--items', 'items-blank-id.csv')), /^crm-mining: items-blank-id\.csv: data row 2: the id column "id" \(--item-id\) is empty\n$/);
  });

  it('--user-id names a column of --users, by default the --user name', async () => {
    expectFailure(await run(setFlag(demographic, '--user-id', 'customer')), /^crm-mining: option --user-id: no column "customer" in users\.csv; did you mean "cust"\? \(the columns are "cust", "region"\)\n$/);
    const defaulted = demographic.slice(0, -2);
    expectFailure(await run(defaulted), /^crm-mining: option --user-id: no column "user" in users\.csv/);
  });

  it('--test: its columns are checked like the <file>, and a bad row names the test file and the row', async () => {
    expectFailure(await run([...base, '--test', 'test-no-rating.csv']), /^crm-mining: option --rating: no column "rating" in test-no-rating\.csv \(the columns are "user", "item"\)\n$/);
    expectFailure(await run([...base, '--test', 'empty.csv']), /^crm-mining: empty\.csv: no rows/);
    // The training file's observed scale is the test file's scale: 9 is outside it.
    expectFailure(await run([...base, '--test', 'test-off-scale.csv', '--algorithm', 'baseline']), /^crm-mining: test-off-scale\.csv: interactions: data row 2: .*9/);
    expect((await run([...base, '--test', 'test.csv', '--algorithm', 'baseline', '--json'])).code).toBe(0);
  });
});

describe('crm-mining recommend: formats, ordering and names', () => {
  it('without a header, column flags are positions in the message too (csv, tsv and whitespace)', async () => {
    for (const [file, format] of [
      ['r.tsv', 'tsv'],
      ['r.txt', 'whitespace'],
    ] as const) {
      const args = ['recommend', file, '--format', format, '--no-header', '--user', '1', '--item', '2', '--rating', '3'];
      expect((await run([...args, '--for', 'u1', '--json'])).code, file).toBe(0);
      expectFailure(await run(setFlag(args, '--rating', '5')), new RegExp(`^crm-mining: option --rating: no column "5" in ${file.replace('.', '\\.')} \\(the columns are "1", "2", "3"\\)\\n$`));
    }
    expectFailure(await run(['recommend', 'r.txt', '--format', 'whitespace', '--user', 'u0', '--item', 'nosuch']), /^crm-mining: option --item: no column "nosuch" in r\.txt/);
  });

  it('a malformed number names the file as given, the line and the column (csv and whitespace)', async () => {
    expectFailure(await run(['recommend', 'bad-rating.csv', '--user', 'user', '--item', 'item', '--rating', 'rating']), /^crm-mining: bad-rating\.csv: line 3, column rating: /);
    expectFailure(
      await run(['recommend', 'bad-rating.txt', '--format', 'whitespace', '--no-header', '--user', '1', '--item', '2', '--rating', '3']),
      /^crm-mining: bad-rating\.txt: line 3, column 3: "five" is not a number\n$/,
    );
  });

  it('every file and column is checked before any file is read whole', async () => {
    // The <file> has a bad row, but a missing --users file or a misspelt --items column is reported first.
    const bad = ['recommend', 'bad-rating.csv', '--user', 'user', '--item', 'item', '--rating', 'rating'];
    expectFailure(await run([...bad, '--algorithm', 'demographic', '--users', 'nope.csv']), /^crm-mining: nope\.csv: no such file \(--users\)/);
    expectFailure(await run([...bad, '--algorithm', 'content', '--items', 'items.csv', '--item-id', 'id', '--item-tags', 'genre']), /^crm-mining: option --item-tags: /);
    expectFailure(await run([...bad, '--test', 'test-no-rating.csv']), /^crm-mining: option --rating: no column "rating" in test-no-rating\.csv/);
  });

  it('messages name the flags, never the library options (k, folds, seed, columnTypes)', async () => {
    const failures = [
      await run([...base, '--k', '0']),
      await run([...base, '--cv', '1']),
      await run([...base, '--cv', '1000']),
      await run([...base, '--seed', '0.5']),
      await run(setFlag(base, '--rating', 'nosuch')),
    ];
    for (const r of failures) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^crm-mining: option --(k|cv|seed|rating): /);
      expect(r.stderr).not.toMatch(/option (k|folds|seed|cv|columnTypes[.\w]*):/);
    }
    expect(failures[2].stderr).toMatch(/option --cv: 1000 folds for \d+ interactions in r\.csv; expected at most one fold per interaction/);
  });

  it('flags that only apply to one algorithm say so and name the flag', async () => {
    expectFailure(await run([...base, '--algorithm', 'svd', '--item-text', 'blurb']), /^crm-mining: option --item-text: only applies to --algorithm content, not svd\n$/);
    expectFailure(await run([...base, '--user-id', 'cust']), /^crm-mining: option --user-id: only applies to --algorithm demographic, not svd\n$/);
  });
});
