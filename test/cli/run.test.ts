import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/version.js';
import { cli, expectFailure, expectUsage, MLXTEND_BASKETS, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let baskets: string;

beforeAll(async () => {
  tmp = await tempDir();
  baskets = await tmp.file('b.csv', MLXTEND_BASKETS.map((b) => b.join(',')).join('\n') + '\n');
});
afterAll(() => tmp.cleanup());

describe('help and version', () => {
  it('--help, -h and help print the usage and exit 0', async () => {
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^crm-mining: /);
      for (const command of ['rules', 'itemsets', 'value', 'clv-fit', 'analyze']) expect(r.stdout).toContain(`crm-mining ${command}`);
    }
  });

  it('each command has its own help, by flag or by `help <command>`', async () => {
    for (const command of ['rules', 'itemsets', 'value', 'clv-fit', 'analyze']) {
      const a = await cli([command, '--help']);
      const b = await cli(['help', command]);
      expect(a.code).toBe(0);
      expect(a.stdout).toMatch(new RegExp(`^Usage: crm-mining ${command}`));
      expect(b.stdout).toBe(a.stdout);
    }
    expect((await cli(['rules', '-h'])).stdout).toContain('--min-confidence');
  });

  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(await readFile(join(process.cwd(), 'package.json'), 'utf8'));
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
    expect(VERSION).toBe(pkg.version);
  });
});

describe('usage errors exit 2 with one line and a hint', () => {
  it('no command, an unknown command, a flag before the command', async () => {
    expectUsage(await cli([]), /missing command/);
    expectUsage(await cli(['rulez', baskets]), /unknown command "rulez"/);
    expectUsage(await cli(['--min-support', '0.1']), /expected a command before --min-support/);
    expectUsage(await cli(['help', 'nope']), /no help for "nope"/);
  });

  it('an unknown flag, a flag of another command, a value flag without a value, a value given to a switch', async () => {
    expectUsage(await cli(['rules', baskets, '--min-support', '0.6', '--frobnicate']), /unknown option --frobnicate for 'rules'/);
    expectUsage(await cli(['itemsets', baskets, '--min-support', '0.6', '--min-confidence', '0.5']), /unknown option --min-confidence for 'itemsets'/);
    expectUsage(await cli(['rules', baskets, '--min-support']), /option --min-support needs a value/);
    expectUsage(await cli(['rules', baskets, '--min-support', '0.6', '--json=yes']), /--json does not take a value/);
    expectUsage(await cli(['analyze', '--data']), /--data needs a value/);
  });

  it('a missing <file>, or two', async () => {
    expectUsage(await cli(['rules', '--min-support', '0.5']), /missing <file>/);
    expectUsage(await cli(['itemsets', '--min-support', '0.5']), /missing <file>/);
    expectUsage(await cli(['rules', baskets, baskets, '--min-support', '0.5']), /unexpected argument/);
    expectUsage(await cli(['analyze', 'somefile.csv']), /'analyze' takes no file/);
  });

  it('a value that is not a number where one is needed', async () => {
    expectUsage(await cli(['rules', baskets, '--min-support', 'lots']), /option --min-support expects a number, got "lots"/);
    expectUsage(await cli(['rules', baskets, '--min-support', '0.5', '--min-confidence', '']), /option --min-confidence needs a value, got ""/);
    expectUsage(await cli(['rules', baskets, '--min-support', '0.5', '--top', 'ten']), /--top expects a number/);
    expectUsage(await cli(['itemsets', baskets, '--min-count', '3x']), /--min-count expects a number/);
    expectUsage(await cli(['itemsets', baskets, '--min-support', '0.5', '--max-length', 'two']), /--max-length expects a number/);
  });

  it('neither or both of --min-support and --min-count', async () => {
    expectUsage(await cli(['rules', baskets]), /missing --min-support .* or --min-count/);
    expectUsage(await cli(['itemsets', baskets, '--min-support', '0.5', '--min-count', '2']), /either --min-support or --min-count, not both/);
  });
});

describe('failures exit 1 with one line naming the problem', () => {
  it('option values out of range name the flag', async () => {
    expectFailure(await cli(['rules', baskets, '--min-support', '1.5']), /option --min-support: expected a number in \(0, 1\], got 1\.5/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0']), /option --min-support/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--min-confidence', '2']), /option --min-confidence: .*got 2/);
    expectFailure(await cli(['rules', baskets, '--min-count', '2.5']), /option --min-count: expected an integer/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--top', '0']), /option --top: expected an integer/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--max-length', '0']), /option --max-length/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--format', 'xml']), /option --format: expected one of 'basket'/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--algorithm', 'eclat']), /option --algorithm: expected one of 'fpgrowth', 'apriori'/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--consequents', 'two']), /option --consequents/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--sort', 'beauty']), /option --sort: expected one of .*'lift'/);
    expectFailure(await cli(['rules', baskets, '--min-support', '0.5', '--exclude', 'id']), /option --exclude: only applies to --format table or arff/);
  });

  it('a missing file names the file', async () => {
    const missing = join(tmp.dir, 'no-such.csv');
    expectFailure(await cli(['rules', missing, '--min-support', '0.5']), /no-such\.csv.*no such file/);
    expectFailure(await cli(['itemsets', missing, '--min-support', '0.5']), /no-such\.csv.*no such file/);
  });

  it('a relative file is found relative to the working folder', async () => {
    const r = await cli(['itemsets', 'b.csv', '--min-support', '0.6', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).transactions).toBe(5);
  });

  it('bad data names the line', async () => {
    const bad = await tmp.file('bad-basket.csv', 'milk,bread\nbeer,,chips\n');
    expectFailure(await cli(['rules', bad, '--min-support', '0.5']), /bad-basket\.csv.*line 2/);
    const numericTable = await tmp.file('num.csv', 'id,colour\n1,red\n2,blue\n');
    expectFailure(await cli(['rules', numericTable, '--format', 'table', '--min-support', '0.5']), /column "id" is numeric/);
    const ok = await cli(['itemsets', numericTable, '--format', 'table', '--exclude', 'id', '--min-support', '0.5', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).itemsets.map((s: { items: string[] }) => s.items)).toEqual([['colour=red'], ['colour=blue']]);
  });
});
