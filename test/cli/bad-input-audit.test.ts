/**
 * The command line against bad input, as a user scripting it meets it: for every command, a missing
 * file, a directory, an empty file, a file with only a header, an unknown or misspelt flag, a flag
 * without its value or given twice, numbers that are not numbers or not allowed, a column flag naming a
 * missing column, a missing <file>, and `--json` with an error. The convention checked everywhere: nothing
 * on stdout; a usage error exits 2 with one `crm-mining: …` line and a hint; a failure exits 1 with one
 * `crm-mining: …` line naming the flag, column or file; never a stack trace.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectFailure, expectUsage, MLXTEND_BASKETS, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
const run = (argv: string[]) => cli(argv, { cwd: tmp.dir });

const TELCO_LINES = readFileSync(join(process.cwd(), 'examples/data/telco-churn.csv'), 'utf8').split('\n');

beforeAll(async () => {
  tmp = await tempDir();
  await tmp.file('baskets.csv', MLXTEND_BASKETS.map((b) => b.join(',')).join('\n') + '\n');
  await tmp.file('tx.csv', 'customer,date,amount\nc1,2024-01-02,10\nc2,2024-01-05,20\nc1,2024-02-01,15\n');
  await tmp.file('summary.csv', 'x,t_x,T,m\n2,5,10,20\n0,0,8,0\n1,3,9,15\n');
  const rows = ['id,a,b,label,cls'];
  for (let i = 0; i < 12; i++) rows.push(`r${i},${(i * 7) % 5},${(i * 3) % 4},${i === 5 ? 1 : 0},${i % 2 === 0 ? 'yes' : 'no'}`);
  await tmp.file('num.csv', rows.join('\n') + '\n');
  await tmp.file('telco.csv', TELCO_LINES.slice(0, 41).join('\n') + '\n');
  await tmp.file('empty.csv', '');
  await tmp.file('header-tx.csv', 'customer,date,amount\n');
  await tmp.file('header-summary.csv', 'x,t_x,T,m\n');
  await tmp.file('header-num.csv', 'id,a,b,label,cls\n');
  await tmp.file('header-telco.csv', TELCO_LINES[0] + '\n');
  await mkdir(join(tmp.dir, 'folder'));
  await mkdir(join(tmp.dir, 'folder.json'));
});
afterAll(() => tmp.cleanup());

/** One command as the matrix exercises it. */
interface Command {
  name: string;
  /** The arguments of a good run with `file` as the input (a positional, or `--input` for report). */
  args: (file: string) => string[];
  /** A good input file. */
  file: string;
  /** A file with only a header (or nothing, for the basket format, which has no header). */
  headerOnly: string;
  /** The message for an empty file and for a header-only file. */
  empty: RegExp;
  headerMessage: RegExp;
  /** Whether the command takes --json. */
  json: boolean;
  /** A misspelt flag and the flag it should suggest. */
  typo: [string, string];
  /** A value flag to give twice / leave without a value. */
  valueFlag: string;
  /** Numeric flags: any value not a number is a usage error. */
  numbers: string[];
  /** Integer flags, each with values that must fail with exit 1 naming the flag. */
  integers: [string, string[]][];
  /** Flags that name columns. */
  columns: string[];
  /** The arguments without the <file> (undefined: the command takes no <file>). */
  withoutFile?: string[];
}

const COMMANDS: Command[] = [
  {
    name: 'rules',
    args: (f) => ['rules', f, '--min-support', '0.4'],
    file: 'baskets.csv',
    headerOnly: 'empty.csv',
    empty: /empty\.csv: no transactions/,
    headerMessage: /empty\.csv: no transactions/,
    json: true,
    typo: ['--min-suport', '--min-support'],
    valueFlag: '--min-confidence',
    numbers: ['--min-confidence', '--top', '--max-length'],
    integers: [
      ['--top', ['-1', '0', '1.5']],
      ['--max-length', ['-1', '0', '1.5']],
    ],
    columns: [],
    withoutFile: ['rules', '--min-support', '0.4'],
  },
  {
    name: 'itemsets',
    args: (f) => ['itemsets', f, '--min-count', '2'],
    file: 'baskets.csv',
    headerOnly: 'empty.csv',
    empty: /empty\.csv: no transactions/,
    headerMessage: /empty\.csv: no transactions/,
    json: true,
    typo: ['--max-lenght', '--max-length'],
    valueFlag: '--top',
    numbers: ['--top', '--max-length'],
    integers: [['--top', ['-1', '0', '1.5']]],
    columns: [],
    withoutFile: ['itemsets', '--min-count', '2'],
  },
  {
    name: 'value',
    args: (f) => ['value', f, '--customer', 'customer', '--date', 'date', '--amount', 'amount'],
    file: 'tx.csv',
    headerOnly: 'header-tx.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-tx\.csv: no rows after the header/,
    json: true,
    typo: ['--ammount', '--amount'],
    valueFlag: '--unit',
    numbers: ['--top'],
    integers: [['--top', ['-1', '0', '1.5']]],
    columns: ['--customer', '--date', '--amount'],
    withoutFile: ['value', '--customer', 'customer', '--date', 'date', '--amount', 'amount'],
  },
  {
    name: 'clv-fit',
    args: (f) => ['clv-fit', f, '--frequency', 'x', '--recency', 't_x', '--T', 'T'],
    file: 'summary.csv',
    headerOnly: 'header-summary.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-summary\.csv: no rows after the header/,
    json: true,
    typo: ['--frequancy', '--frequency'],
    valueFlag: '--monetary',
    numbers: [],
    integers: [],
    columns: ['--frequency', '--recency', '--T', '--monetary'],
    withoutFile: ['clv-fit', '--frequency', 'x', '--recency', 't_x', '--T', 'T'],
  },
  {
    name: 'segments',
    args: (f) => ['segments', f, '--columns', 'a,b', '--k', '2'],
    file: 'num.csv',
    headerOnly: 'header-num.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-num\.csv: no rows after the header/,
    json: true,
    typo: ['--colums', '--columns'],
    valueFlag: '--k',
    numbers: ['--k', '--n-init', '--seed'],
    integers: [
      ['--k', ['-1', '0', '1.5']],
      ['--n-init', ['-1', '0', '1.5']],
      ['--seed', ['1.5']],
    ],
    columns: ['--columns'],
    withoutFile: ['segments', '--columns', 'a,b', '--k', '2'],
  },
  {
    name: 'outliers',
    args: (f) => ['outliers', f, '--method', 'knn', '--columns', 'a,b'],
    file: 'num.csv',
    headerOnly: 'header-num.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-num\.csv: no rows after the header/,
    json: true,
    typo: ['--metod', '--method'],
    valueFlag: '--top',
    numbers: ['--top', '--k', '--contamination', '--threshold', '--seed'],
    integers: [
      ['--top', ['-1', '1.5']],
      ['--k', ['-1', '0', '1.5']],
      ['--seed', ['1.5']],
    ],
    columns: ['--columns', '--label'],
    withoutFile: ['outliers', '--method', 'knn'],
  },
  {
    name: 'tree',
    args: (f) => ['tree', f, '--target', 'cls', '--drop', 'id'],
    file: 'num.csv',
    headerOnly: 'header-num.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-num\.csv: no rows after the header/,
    json: true,
    typo: ['--taget', '--target'],
    valueFlag: '--criterion',
    numbers: ['--max-depth', '--min-samples-leaf', '--ccp-alpha', '--cv', '--seed'],
    integers: [
      ['--max-depth', ['-1', '1.5']],
      ['--min-samples-leaf', ['-1', '0', '1.5']],
      ['--cv', ['-1', '0', '1.5']],
      ['--seed', ['1.5']],
    ],
    columns: ['--target', '--drop'],
    withoutFile: ['tree', '--target', 'cls'],
  },
  {
    name: 'churn',
    args: (f) => ['churn', f, '--target', 'Churn', '--id', 'customerID', '--epochs', '1'],
    file: 'telco.csv',
    headerOnly: 'header-telco.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-telco\.csv: no rows after the header/,
    json: true,
    typo: ['--epoch', '--epochs'],
    valueFlag: '--backend',
    numbers: ['--cv', '--epochs', '--seed', '--value', '--offer-cost', '--success-rate', '--top'],
    integers: [
      ['--cv', ['-1', '0', '1.5']],
      ['--epochs', ['-1', '0', '1.5']],
      ['--seed', ['1.5']],
      ['--top', ['-1', '1.5']],
    ],
    columns: ['--target', '--id', '--drop'],
    withoutFile: ['churn', '--target', 'Churn'],
  },
  {
    name: 'recommend',
    args: (f) => ['recommend', f, '--user', 'customer', '--item', 'date', '--rating', 'amount', '--algorithm', 'popularity', '--cv', '2'],
    file: 'tx.csv',
    headerOnly: 'header-tx.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-tx\.csv: no rows after the header/,
    json: true,
    typo: ['--algoritm', '--algorithm'],
    valueFlag: '--algorithm',
    numbers: ['--cv', '--k', '--seed'],
    integers: [
      ['--cv', ['-1', '0', '1', '1.5']],
      ['--k', ['-1', '0', '1.5']],
      ['--seed', ['1.5']],
    ],
    columns: ['--user', '--item', '--rating', '--timestamp'],
    withoutFile: ['recommend', '--user', 'customer', '--item', 'date'],
  },
  {
    name: 'report',
    args: (f) => ['report', '--input', f, '--out', 'report-out'],
    file: 'telco.csv',
    headerOnly: 'header-telco.csv',
    empty: /empty\.csv: no rows/,
    headerMessage: /header-telco\.csv: no rows after the header/,
    json: false,
    typo: ['--imput', '--input'],
    valueFlag: '--out',
    numbers: ['--margin-share', '--discount-rate', '--horizon'],
    integers: [],
    columns: ['--id', '--churn', '--tenure'],
  },
];

/** `analyze`, the older name of `report`: the same job and checks, with `--data` for `--input`. */
const REPORT = COMMANDS[COMMANDS.length - 1];
COMMANDS.push({ ...REPORT, name: 'analyze', args: (f) => ['analyze', '--data', f, '--out', 'report-out'], numbers: ['--horizon'], columns: ['--monthly'] });

/** `args` with `flag`'s value replaced (or the flag and value appended when absent). */
function setFlag(args: string[], flag: string, value: string): string[] {
  const i = args.indexOf(flag);
  return i < 0 ? [...args, flag, value] : [...args.slice(0, i + 1), value, ...args.slice(i + 2)];
}

describe.each(COMMANDS)('crm-mining $name against bad input', (c) => {
  const json = (args: string[]): string[] => (c.json ? [...args, '--json'] : args);

  it('a missing file, a directory, an empty file and a header-only file fail with exit 1 naming the file as given', async () => {
    expectFailure(await run(json(c.args('nope.csv'))), /^crm-mining: nope\.csv: no such file/);
    expectFailure(await run(json(c.args('folder'))), /^crm-mining: folder: is a directory, expected a file/);
    expectFailure(await run(json(c.args('empty.csv'))), c.empty);
    expectFailure(await run(json(c.args(c.headerOnly))), c.headerMessage);
  });

  it('an unknown flag is a usage error that suggests the flag meant', async () => {
    expectUsage(await run([...c.args(c.file), '--frobnicate', '1']), new RegExp(`unknown option --frobnicate for '${c.name}'$`));
    const [typo, meant] = c.typo;
    expectUsage(await run([...c.args(c.file), typo, '1']), new RegExp(`unknown option ${typo} for '${c.name}'; did you mean ${meant}\\?`));
  });

  it('a value flag at the end, before another flag, empty, or given twice is a usage error naming it', async () => {
    const base = c.args(c.file).filter((_a, i, all) => all[i - 1] !== c.valueFlag && all[i] !== c.valueFlag);
    expectUsage(await run([...base, c.valueFlag]), new RegExp(`option ${c.valueFlag} needs a value$`));
    expectUsage(await run([...base, c.valueFlag, '--help']), new RegExp(`option ${c.valueFlag} needs a value, but --help follows it`));
    expectUsage(await run([...base, c.valueFlag, '']), new RegExp(`option ${c.valueFlag} needs a value, got ""`));
    expectUsage(await run([...base, c.valueFlag, 'a', c.valueFlag, 'b']), new RegExp(`option ${c.valueFlag} is given twice \\("a" and "b"\\)`));
  });

  it('a numeric flag given something that is not a finite number is a usage error naming it', async () => {
    for (const flag of c.numbers) {
      for (const bad of ['abc', 'NaN', 'Infinity', '-Infinity', '1e400', '0x10', '5 items']) {
        expectUsage(await run(json(setFlag(c.args(c.file), flag, bad))), new RegExp(`option ${flag} expects a number, got ${JSON.stringify(bad)}`));
      }
    }
  });

  it('an integer flag given a negative, zero or fractional number it does not allow fails with exit 1 naming it', async () => {
    for (const [flag, values] of c.integers) {
      for (const bad of values) {
        expectFailure(await run(json(setFlag(c.args(c.file), flag, bad))), new RegExp(`^crm-mining: option ${flag}: expected an integer.*got ${bad.replace('.', '\\.')}`));
      }
    }
  });

  it('a column flag naming a column the file lacks fails with exit 1 naming the flag, the column and the file', async () => {
    for (const flag of c.columns) {
      expectFailure(await run(json(setFlag(c.args(c.file), flag, 'nosuch'))), new RegExp(`^crm-mining: option ${flag}: no column "nosuch" in ${c.file.replace('.', '\\.')} \\(the columns are "`));
    }
  });

  it.skipIf(c.withoutFile === undefined)('a missing <file> is a usage error', async () => {
    expectUsage(await run(json(c.withoutFile!)), /missing <file/);
  });
});

describe('the rest of the command-line conventions', () => {
  it('a negative number after a flag is its value, checked as any other value', async () => {
    expectFailure(await run(['rules', 'baskets.csv', '--min-support', '-0.1']), /^crm-mining: option --min-support: expected a number in \(0, 1\], got -0\.1/);
    expectFailure(await run(['outliers', 'num.csv', '--method', 'knn', '--k', '-3']), /^crm-mining: option --k: .*got -3/);
    const spaced = await run(['segments', 'num.csv', '--columns', 'a,b', '--k', '2', '--seed', '-3', '--json']);
    const joined = await run(['segments', 'num.csv', '--columns', 'a,b', '--k', '2', '--seed=-3', '--json']);
    expect(spaced.code).toBe(0);
    expect(spaced.stderr).toBe('');
    expect(JSON.parse(spaced.stdout)).toEqual(JSON.parse(joined.stdout));
  });

  it('a blank value is no value, except for --delimiter, where a space is one', async () => {
    expectUsage(await run(['tree', 'num.csv', '--target', ' ']), /option --target needs a value, got " "/);
    await tmp.file('spaced.txt', MLXTEND_BASKETS.map((b) => b.map((x) => x.replace(/ /g, '_')).join(' ')).join('\n') + '\n');
    const r = await run(['itemsets', 'spaced.txt', '--delimiter', ' ', '--min-count', '5', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).itemsets).toEqual([{ items: ['Kidney_Beans'], count: 5, support: 1 }]);
  });

  it('an empty list names the flag', async () => {
    expectFailure(await run(['segments', 'num.csv', '--columns', ',', '--k', '2']), /^crm-mining: option --columns: expected a comma-separated list of names, got ","/);
  });

  it('a column close to an existing name is suggested; a distant one is not', async () => {
    const near = await run(['tree', 'num.csv', '--target', 'CLS']);
    expectFailure(near, /option --target: no column "CLS" in num\.csv; did you mean "cls"\?/);
    const far = await run(['tree', 'num.csv', '--target', 'nosuch']);
    expect(far.stderr).not.toContain('did you mean');
  });

  it('a value column given by an out-of-range position names the flag and the number of columns', async () => {
    expectFailure(await run(['value', 'tx.csv', '--customer', '1', '--date', '2', '--amount', '7']), /^crm-mining: option --amount: no column at position 7 in tx\.csv: it has 3 columns/);
  });

  it('flags that only apply to some settings say so', async () => {
    expectFailure(await run(['outliers', 'num.csv', '--method', 'iforest', '--k', '5']), /option --k: only applies to --method lof or knn, not iforest/);
    expectFailure(await run(['outliers', 'num.csv', '--method', 'lof', '--robust']), /option --robust: only applies to --method mahalanobis, not lof/);
    expectUsage(await run(['outliers', 'num.csv', '--method', 'iforest', '--contamination', '0.1', '--threshold', '0.5']), /either --contamination or --threshold, not both/);
    expectFailure(await run(['itemsets', 'baskets.csv', '--format', 'fimi', '--delimiter', ';', '--min-count', '2']), /option --delimiter: does not apply to --format fimi/);
  });

  it('output targets that cannot be written fail before any work, naming them as given', async () => {
    expectFailure(await run(['rules', 'baskets.csv', '--min-support', '0.4', '-o', 'folder.json', '--json']), /^crm-mining: folder\.json: cannot write: it is a directory, expected a file/);
    expectFailure(await run(['segments', 'num.csv', '--k', '2', '-o', 'no/such/dir.csv']), /^crm-mining: no\/such\/dir\.csv: cannot write: the folder does not exist/);
    expectFailure(await run(['report', '--input', 'telco.csv', '--out', 'baskets.csv']), /^crm-mining: baskets\.csv: is a file, expected a folder \(--out\)/);
    expectFailure(await run(['churn', 'telco.csv', '--target', 'Churn', '--model-out', 'baskets.csv', '--json']), /^crm-mining: baskets\.csv: is a file, expected a folder \(--model-out\)/);
    expectFailure(await run(['report', '--input', 'telco.csv', '--transactions', 'folder']), /^crm-mining: folder: is a directory, expected a file \(--transactions\)/);
  });

  it('churn economics name the flag, not the library option', async () => {
    expectFailure(await run(['churn', 'telco.csv', '--target', 'Churn', '--success-rate', '2', '--json']), /^crm-mining: option --success-rate: /);
    expectFailure(await run(['churn', 'telco.csv', '--target', 'Churn', '--offer-cost', '-5']), /^crm-mining: option --offer-cost: /);
  });

  it('unknown commands and program options suggest the one meant; help takes one command', async () => {
    expectUsage(await run(['segment', 'num.csv']), /unknown command "segment" \(did you mean segments\?\)/);
    expectUsage(await run(['--verison']), /unknown option --verison \(did you mean --version\?\)/);
    expectUsage(await run(['help', 'tree', 'extra']), /unexpected argument "extra": 'help' takes at most one command/);
  });

  it('help <command> documents what the errors enforce', async () => {
    const main = (await run(['help'])).stdout;
    expect(main).toMatch(/1 the command failed/);
    expect(main).toMatch(/2 the command line\s+was wrong/);
    expect(main).toMatch(/given twice/);
    expect((await run(['help', 'outliers'])).stdout).toMatch(/--k N\s+neighbours for knn .* and lof/);
    expect((await run(['help', 'outliers'])).stdout).toMatch(/--robust\s+mahalanobis:/);
    expect((await run(['help', 'rules'])).stdout).toMatch(/--delimiter C\s+item delimiter \(basket\) or field delimiter \(long, table\)/);
  });
});

/** The tsx loader, by URL: the child runs in the temporary folder, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(createRequire(join(process.cwd(), 'package.json')).resolve('tsx')).href;

/** Runs the real executable (the TypeScript source through tsx) in a child process. */
function spawnCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, join(process.cwd(), 'src/cli/main.ts'), ...args], { cwd: tmp.dir, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stdout, stderr });
    });
  });
}

describe('end to end: the exit status and streams of the real process', () => {
  it('a usage error, a data error with --json, and a success', async () => {
    const usage = await spawnCli(['segments', 'num.csv', '--k']);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toBe("crm-mining: option --k needs a value\nRun 'crm-mining help segments' for usage.\n");

    const data = await spawnCli(['tree', 'num.csv', '--target', 'nosuch', '--json']);
    expect(data.code).toBe(1);
    expect(data.stdout).toBe('');
    expect(data.stderr).toMatch(/^crm-mining: option --target: no column "nosuch" in num\.csv \(the columns are [^\n]*\)\n$/);

    const ok = await spawnCli(['itemsets', 'baskets.csv', '--min-count', '5', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout).transactions).toBe(5);
  });
});
