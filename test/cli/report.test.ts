import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import type { AnalysisStep } from '../../src/cli/analyze.js';
import { packagedSample, reportCommand } from '../../src/cli/report-command.js';
import { errorLine } from '../../src/cli/args.js';
import { ProgressLine, StageProgress } from '../../src/cli/progress.js';
import { cli, expectFailure, expectUsage, tempDir } from './helpers.js';

const HEADER = 'customerID,gender,SeniorCitizen,Partner,Dependents,tenure,PhoneService,MultipleLines,InternetService,OnlineSecurity,OnlineBackup,DeviceProtection,TechSupport,StreamingTV,StreamingMovies,Contract,PaperlessBilling,PaymentMethod,MonthlyCharges,TotalCharges,Churn';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(() => tmp.cleanup());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the report job with the given steps, as `runCli` would report it (thrown errors become exit 1). */
async function report(args: string[], steps: AnalysisStep[], options: { tty?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: options.tty === true }, cwd: tmp.dir };
  try {
    const code = await reportCommand(args, io, tmp.dir, steps);
    return { code, stdout, stderr };
  } catch (err) {
    return { code: 1, stdout, stderr: stderr + `crm-mining: ${errorLine(err)}\n` };
  }
}

/** A step that adds one section with a paragraph, reading the table. */
const okStep = (id: string): AnalysisStep => ({
  id,
  title: `Title ${id}`,
  summary: `summary ${id}`,
  async run(ctx) {
    const t = await ctx.table();
    ctx.print(`${id} saw ${t.rowCount} rows`);
    await ctx.writeOutput(`${id}.csv`, 'a\n1\n', `${id} file`);
    ctx.section({ id, title: `Section ${id}`, blocks: [{ kind: 'paragraph', text: `${id} has ${t.rowCount} rows` }] });
  },
});

const throwing = (id: string, err: () => Error, sections?: AnalysisStep['sections']): AnalysisStep => ({
  id,
  title: `Title ${id}`,
  summary: `summary ${id}`,
  ...(sections !== undefined ? { sections } : {}),
  async run(ctx) {
    ctx.section({ id: `${id}-partial`, title: 'Partial', blocks: [{ kind: 'paragraph', text: 'half done' }] });
    throw err();
  },
});

async function customers(rows = 3): Promise<string> {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`C${i},Female,0,Yes,No,${i + 1},Yes,No,DSL,No,Yes,No,No,No,No,Month-to-month,Yes,Electronic check,29.85,${29.85 * (i + 1)},${i % 2 ? 'Yes' : 'No'}`);
  return tmp.file('customers.csv', lines.join('\n') + '\n');
}

const html = (): string => readFileSync(join(tmp.dir, 'out', 'index.html'), 'utf8');

describe('crm-mining report: fatal cases write no report', () => {
  it('a missing input file', async () => {
    const r = await cli(['report', '--input', 'nope.csv', '--out', 'out'], { cwd: tmp.dir });
    expectFailure(r, /^crm-mining: nope\.csv: no such file\n$/);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  });

  it('without --input and without the sample in the working folder, reads the copy the package ships', async () => {
    const shipped = packagedSample();
    expect(shipped).toBeDefined();
    expect(existsSync(shipped as string)).toBe(true);
    expect(existsSync(join(tmp.dir, 'examples'))).toBe(false);
    const r = await report(['--out', 'out'], [okStep('a')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Data: ${shipped}`);
  });

  it('an empty file and a file with only a header', async () => {
    await tmp.file('empty.csv', '');
    await tmp.file('header.csv', HEADER + '\n');
    for (const [file, message] of [
      ['empty.csv', /^crm-mining: empty\.csv: no rows/],
      ['header.csv', /^crm-mining: header\.csv: no rows after the header/],
    ] as const) {
      const r = await cli(['report', '--input', file, '--out', 'out'], { cwd: tmp.dir });
      expectFailure(r, message);
      expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
    }
  });

  it('a column flag naming a column that does not exist suggests the closest name', async () => {
    await customers();
    const r = await cli(['report', '--input', 'customers.csv', '--churn', 'churned', '--out', 'out'], { cwd: tmp.dir });
    expectFailure(r, /^crm-mining: option --churn: no column "churned" in customers\.csv; did you mean "Churn"\?/);
    const r2 = await cli(['report', '--input', 'customers.csv', '--monthly', 'monthlycharge', '--out', 'out'], { cwd: tmp.dir });
    expectFailure(r2, /did you mean "MonthlyCharges"\?/);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  });

  it('bad flag values', async () => {
    await customers();
    for (const [args, message] of [
      [['--churn-yes', 'Left'], /option --churn-yes: no cell of the churn column "Churn" in customers\.csv is "Left"/],
      [['--services', 'PhoneService,PhoneService'], /option --services: column "PhoneService" is already given to --services/],
      [['--margin-share', '2'], /option --margin-share: /],
    ] as const) {
      const r = await cli(['report', '--input', 'customers.csv', '--out', 'out', ...args], { cwd: tmp.dir });
      expectFailure(r, message);
    }
    expectUsage(await cli(['report', '--input', 'customers.csv', '--out', 'out', '--tenure', ' '], { cwd: tmp.dir }), /option --tenure needs a value, got " "/);
    const usage = await cli(['report', '--tx-date', 'd', '--out', 'out'], { cwd: tmp.dir });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/option --tx-date goes with --transactions FILE/);
    expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
  });

  it('a --transactions file that is missing, empty or lacks a column', async () => {
    await customers();
    await tmp.file('tx.csv', 'cust,date,amount\nC1,2024-01-02,10\n');
    await tmp.file('tx-empty.csv', 'cust,date,amount\n');
    for (const [args, message] of [
      [['--transactions', 'none.csv'], /^crm-mining: none\.csv: no such file/],
      [['--transactions', 'tx-empty.csv', '--tx-customer', 'cust'], /^crm-mining: tx-empty\.csv: no data rows/],
      [['--transactions', 'tx.csv'], /^crm-mining: option --tx-customer: no column "customer" in tx\.csv; did you mean "cust"\?/],
      [['--transactions', 'tx.csv', '--tx-customer', 'cust', '--tx-amount', 'amout'], /option --tx-amount: no column "amout" in tx\.csv; did you mean "amount"\?/],
    ] as const) {
      const r = await report(['--input', 'customers.csv', '--out', 'out', ...args], [okStep('a')]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(tmp.dir, 'out'))).toBe(false);
    }
    const ok = await report(['--input', 'customers.csv', '--out', 'out', '--transactions', 'tx.csv', '--tx-customer', 'cust'], [
      {
        ...okStep('a'),
        async run(ctx) {
          expect(ctx.settings.transactions).toEqual({ name: 'tx.csv', path: join(tmp.dir, 'tx.csv'), customer: 'cust', date: 'date', amount: 'amount' });
          ctx.section({ id: 'a', title: 'A', blocks: [] });
        },
      },
    ]);
    expect(ok.code).toBe(0);
    expect(html()).toContain('Purchase log: tx.csv.');
  });

  it('a step that fails with something other than a library error is a bug: it propagates and no report is written', async () => {
    await customers();
    await expect(
      reportCommand(['--input', 'customers.csv', '--out', 'out'], { stdout: { write: () => true }, stderr: { write: () => true }, cwd: tmp.dir }, tmp.dir, [
        okStep('a'),
        throwing('b', () => new TypeError('x is undefined')),
        okStep('c'),
      ]),
    ).rejects.toThrow(TypeError);
    expect(existsSync(join(tmp.dir, 'out', 'a.csv'))).toBe(true); // the first step ran
    expect(existsSync(join(tmp.dir, 'out', 'c.csv'))).toBe(false); // the job stopped
    expect(existsSync(join(tmp.dir, 'out', 'index.html'))).toBe(false);
  });

  it('no step able to run is a failure', async () => {
    await customers();
    const r = await report(['--input', 'customers.csv', '--out', 'out'], [throwing('a', () => new InvalidInputError('too few rows: 3, need 50'))]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('crm-mining: no analysis could run on customers.csv: too few rows: 3, need 50');
    expect(existsSync(join(tmp.dir, 'out', 'index.html'))).toBe(false);
  });
});

describe('crm-mining report: a step the data does not allow', () => {
  it('is shown as absent with the reason while the other sections are present', async () => {
    await customers(4);
    const r = await report(['--input', 'customers.csv', '--out', 'out'], [
      okStep('first'),
      throwing('broken', () => new InvalidInputError('needs at least 50 customers, got 4'), [
        { id: 'broken-a', title: 'Broken A' },
        { id: 'broken-b', title: 'Broken B' },
      ]),
      throwing('plain', () => new InvalidInputError('no column "X"')),
      { id: 'bare', title: 'Bare step', summary: 's', run: () => Promise.reject(new InvalidInputError('nothing to cluster')) },
      okStep('last'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Not available: needs at least 50 customers, got 4');
    expect(r.stderr).toContain('[2/5] Title broken: not available: needs at least 50 customers, got 4\n');
    expect(r.stderr).toMatch(/\[5\/5\] Title last: done in \d+\.\d s\n$/);
    const page = html();
    const ids = [...page.matchAll(/<section id="section-([^"]+)" class="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(ids).toEqual([
      ['first', 'report-section'],
      ['broken-a', 'report-section absent'],
      ['broken-b', 'report-section absent'],
      ['broken-partial', 'report-section absent'], // added before the failure: kept as absent, its content dropped
      ['plain-partial', 'report-section absent'], // what the step added before failing stands for it
      ['bare', 'report-section absent'], // nothing declared or added: one section named after the step
      ['last', 'report-section'],
    ]);
    expect(page).not.toContain('half done');
    expect(page).toContain('needs at least 50 customers, got 4');
    expect(page).toContain('last has 4 rows');
    expect(r.stdout).toMatch(/\n {2}index\.html +the report page: 7 sections, 5 not available for this data\nOpen .*index\.html in a browser/);
  });
});

describe('crm-mining report: the page and the files', () => {
  it('writes the steps\' files and index.html into --out, replacing an existing page whole', async () => {
    await customers();
    await mkdir(join(tmp.dir, 'out'));
    await writeFile(join(tmp.dir, 'out', 'index.html'), 'OLD PAGE '.repeat(100000));
    const r = await report(['--input', 'customers.csv', '--out', 'out'], [okStep('a'), okStep('b')]);
    expect(r.code).toBe(0);
    const page = html();
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).not.toContain('OLD PAGE');
    expect(readdirSync(join(tmp.dir, 'out')).sort()).toEqual(['a.csv', 'b.csv', 'index.html']); // no temporary file left
    expect(r.stdout).toMatch(/Wrote 3 files to .*\n {2}a\.csv +a file\n {2}b\.csv +b file\n {2}index\.html +the report page: 2 sections\n/);
  });

  it('keeps an existing page unchanged when the job fails', async () => {
    await customers();
    await mkdir(join(tmp.dir, 'out'));
    await writeFile(join(tmp.dir, 'out', 'index.html'), 'previous report');
    const r = await report(['--input', 'customers.csv', '--out', 'out', '--churn', 'nope'], [okStep('a')]);
    expect(r.code).toBe(1);
    expect(await readFile(join(tmp.dir, 'out', 'index.html'), 'utf8')).toBe('previous report');
  });

  it('gives the steps the user\'s columns under the Telco names, and says so in the page', async () => {
    await tmp.file('mine.csv', 'client,left,months,extra\nA,1,3,x\nB,0,10,y\nC,0,,z\n');
    let seen: Record<string, unknown>[] = [];
    const r = await report(['--input', 'mine.csv', '--out', 'out', '--id', 'client', '--churn', 'left', '--churn-yes', '1', '--tenure', 'months'], [
      {
        ...okStep('a'),
        async run(ctx) {
          seen = (await ctx.table()).toRecords();
          ctx.section({ id: 'a', title: 'A', blocks: [] });
        },
      },
    ]);
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      { customerID: 'A', Churn: 'Yes', tenure: '3', extra: 'x' },
      { customerID: 'B', Churn: 'No', tenure: '10', extra: 'y' },
      { customerID: 'C', Churn: 'No', tenure: null, extra: 'z' },
    ]);
    expect(r.stdout).toContain('Columns read as the Telco roles: client as customerID, left as Churn, months as tenure.');
    expect(html()).toContain('Columns read as the Telco roles: client as customerID, left as Churn, months as tenure.');
  });

  it('analyze is the same job under its older name, with --data for --input', async () => {
    await customers();
    let out = '';
    const code = await reportCommand(['--data', 'customers.csv', '--out', 'out'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } }, tmp.dir, [okStep('a')], 'analyze');
    expect(code).toBe(0);
    expect(out.startsWith('crm-mining analyze:')).toBe(true);
    expect(html()).toContain('a has 3 rows');
    const both = await report(['--data', 'x.csv', '--input', 'y.csv'], [okStep('a')]);
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/give the input file once/);
  });
});

describe('progress per step', () => {
  it('on a terminal: one redrawn line per step, a bar when the step reports counts, erased at the end', async () => {
    await customers();
    const r = await report(['--input', 'customers.csv', '--out', 'out'], [
      okStep('a'),
      {
        ...okStep('b'),
        async run(ctx) {
          ctx.progress.start('mining');
          ctx.progress.update({ phase: '', done: 5, total: 10 });
          ctx.progress.done();
          ctx.section({ id: 'b', title: 'B', blocks: [] });
        },
      },
    ], { tty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('[1/2] Title a...');
    expect(r.stderr).toContain('[2/2] Title b  mining...');
    expect(r.stderr).not.toContain('done in'); // no plain lines on a terminal
    expect(r.stderr.endsWith('\r\u001b[2K')).toBe(true); // the line is erased at the end
  });

  it('draws a bar with the percentage from the library\'s progress reports', () => {
    let out = '';
    const stages = new StageProgress({ write: (s: string) => (out += s), isTTY: true }, 9, { intervalMs: 0 });
    stages.begin(2, 'Churn tree');
    stages.line.update({ done: 5, total: 10, phase: 'splitting' });
    expect(out).toContain('[3/9] Churn tree  [#####.....] 50%  splitting 5/10');
    stages.line.update({ phase: '', done: 10, total: 10 });
    expect(out).toContain('[##########] 100%');
    stages.end();
    expect(out.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('off a terminal: one plain line per step with its time, and nothing redrawn', () => {
    let out = '';
    let clock = 1000;
    const stages = new StageProgress({ write: (s: string) => (out += s) }, 2, { now: () => clock });
    stages.begin(0, 'Rules');
    stages.line.start('FP-Growth');
    stages.line.update({ phase: '', done: 1, total: 2 });
    clock += 1234;
    stages.end();
    stages.begin(1, 'Tree');
    stages.end('too few rows');
    expect(out).toBe('[1/2] Rules: done in 1.2 s\n[2/2] Tree: not available: too few rows\n');
  });

  it('a plain progress line keeps its old look without a stage, and fits the terminal width', () => {
    let out = '';
    const line = new ProgressLine({ write: (s: string) => (out += s), isTTY: true }, { intervalMs: 0 });
    line.start('counting');
    line.update({ phase: '', done: 3, total: 4 });
    expect(out).toContain('counting 3/4 (75%)');
    out = '';
    const narrow = new ProgressLine(Object.assign({ write: (s: string) => (out += s), isTTY: true }, { columns: 20 }), { intervalMs: 0 });
    narrow.start('a very long label that does not fit');
    expect(out.replace('\r\u001b[2K', '').length).toBe(19);
  });
});
