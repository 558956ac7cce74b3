/**
 * `crm-mining report` on a customer file that is not Telco's: its own column names (mapped with the role
 * flags), its own contract values (`basic` / `plus` / `pro`), its own services spelled several ways in one
 * column (`yes`, `Yes`, `y`, `1`, …). The RFM note does not call the file the Telco sample, the churn tree
 * and model see one category per service meaning, and the contract-dependent sections run on the user's
 * plan values. On the bundled Telco sample the churn steps see the table unchanged.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rfmStep, simulatedLogNote } from '../../src/cli/analyses/rfm.js';
import { normaliseServiceColumns, serviceColumns, TELCO_SERVICE_COLUMNS } from '../../src/cli/analyses/services.js';
import { basketDescription, compareContracts, contractValues, TELCO_CONTRACTS } from '../../src/cli/analyses/telco.js';
import { analyzeCommand } from '../../src/cli/analyze.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { readCsv } from '../../src/data/csv.js';
import { cli, tempDir } from './helpers.js';
import { csvText, generator, readRows, textTable as table, thrown } from './report-data.js';
import { TELCO_DATA } from './telco-raw.js';

const SERVICES = ['Newsletter', 'Insurance', 'Support'] as const;
const PLANS = ['basic', 'plus', 'pro'] as const;
/** How each service column spells "has it" and "lacks it": several spellings mixed within one column. */
const SPELLINGS: Record<(typeof SERVICES)[number], { yes: string[]; no: string[] }> = {
  Newsletter: { yes: ['yes', 'Yes', 'Y'], no: ['no', 'No', 'n'] },
  Insurance: { yes: ['1', 'y', 'TRUE'], no: ['0', 'n', 'false'] },
  Support: { yes: ['yes', 'Yes', '1', 'y'], no: ['no', 'No', '0', 'N'] },
};
const YES = new Set(['yes', 'y', 'true', '1']);

/**
 * 300 customers of a made-up software firm, under its own column names. Churn goes with lacking Support
 * (strongly) and with the basic plan, so that the churn tree splits on Support.
 */
function ownCustomers(): { header: string[]; rows: string[][] } {
  const rnd = generator(7_302_024);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const header = ['client', 'months', 'fee', 'billed', 'plan', ...SERVICES, 'left'];
  const rows: string[][] = [];
  for (let i = 0; i < 300; i++) {
    const months = Math.floor(rnd() * 61);
    const plan = pick(PLANS);
    const fee = (plan === 'basic' ? 15 : plan === 'plus' ? 35 : 60) + rnd() * 20;
    const has = SERVICES.map((s) => rnd() < (s === 'Support' ? 0.5 : 0.45));
    const risk = 0.05 + (has[2] ? 0 : 0.55) + (plan === 'basic' ? 0.15 : 0) + (months < 12 ? 0.1 : 0);
    rows.push([
      `S-${1000 + i}`,
      String(months),
      fee.toFixed(2),
      months === 0 ? '' : (months * fee).toFixed(2),
      plan,
      ...SERVICES.map((s, k) => pick(has[k] ? SPELLINGS[s].yes : SPELLINGS[s].no)),
      rnd() < risk ? 'gone' : 'active',
    ]);
  }
  return { header, rows };
}

/** The HTML of one report section (from its opening tag to the next section's). */
function sectionHtml(html: string, id: string): string {
  const start = html.indexOf(`id="section-${id}"`);
  expect(start, id).toBeGreaterThan(0);
  const end = html.indexOf('id="section-', start + 1);
  return html.slice(start, end < 0 ? undefined : end);
}

describe('crm-mining report on a customer file with its own columns, plans and service spellings', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const data = ownCustomers();
  const raw = data.rows.map((row) => Object.fromEntries(data.header.map((h, i) => [h, row[i]])));
  const out = (name: string): string => join(tmp.dir, 'out', name);
  let stdout = '';
  let html = '';

  beforeAll(async () => {
    tmp = await tempDir();
    await tmp.file('software.csv', csvText(data.header, data.rows));
    const flags = ['--id', 'client', '--tenure', 'months', '--monthly', 'fee', '--total', 'billed', '--contract', 'plan', '--churn', 'left', '--churn-yes', 'gone'];
    const r = await cli(['report', '--input', 'software.csv', ...flags, '--services', SERVICES.join(','), '--out', 'out'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    stdout = r.stdout;
    html = readFileSync(out('index.html'), 'utf8');
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('runs every section, none marked not available', () => {
    for (const id of ['service-bundles', 'churn-profiles', 'customer-value', 'rfm', 'segments', 'churn-tree', 'churn-model', 'outliers', 'next-best-offers']) {
      expect(html, id).toContain(`id="section-${id}" class="report-section"`);
    }
    expect(html).not.toContain('report-section absent');
    expect(stdout).not.toContain('Not available');
  });

  it('says the purchase log is simulated because this file has no purchase dates, without calling it the Telco sample', () => {
    const note = simulatedLogNote(false);
    expect(stdout).toContain(`Note: ${note}.`);
    const rfm = sectionHtml(html, 'rfm');
    expect(rfm).toContain('this customer file has no purchase dates');
    expect(rfm).not.toMatch(/Telco/);
    const rfmText = stdout.slice(stdout.indexOf('RFM segments =='), stdout.indexOf('Customer segments (k-means) =='));
    expect(rfmText).toContain('this customer file has no purchase dates');
    expect(rfmText).not.toMatch(/Telco/);
  });

  it('gives the churn tree one category per service meaning, whatever the spelling', () => {
    const tree = JSON.parse(readFileSync(out('churn-tree.json'), 'utf8')) as { features: { name: string; kind: string; categories?: string[] }[] };
    for (const s of SERVICES) {
      const f = tree.features.find((x) => x.name === s);
      expect(f, s).toBeDefined();
      expect(f!.kind).toBe('categorical');
      expect([...f!.categories!].sort(), s).toEqual(['No', 'Yes']);
    }
    // The planted driver is in the rules, written with the one spelling; no raw spelling survives.
    const rules = readRows(out('churn-tree-rules.csv')).map((r) => r.conditions);
    const conditions = rules.flatMap((c) => c.split(' AND '));
    const onServices = conditions.filter((c) => SERVICES.some((s) => c.startsWith(`${s} `)));
    expect(onServices.some((c) => c.startsWith('Support '))).toBe(true);
    for (const c of onServices) expect(c).toMatch(/^\w+ (=|!=) (Yes|No)$/);
  });

  it('gives the churn model the same single spellings (its reasons name Yes / No only)', () => {
    const reasons = [...stdout.matchAll(new RegExp(`\\b(${SERVICES.join('|')}) = (\\w+)`, 'g'))];
    expect(reasons.length).toBeGreaterThan(0);
    for (const m of reasons) expect(['Yes', 'No'], m[0]).toContain(m[2]);
  });

  it('builds contract items, CLV groups and demographic segments from the plan values as found', () => {
    expect(stdout).toContain('Contract gives "Contract=basic", "Contract=plus" or "Contract=pro"');
    const items = readFileSync(out('itemsets.csv'), 'utf8');
    for (const p of PLANS) expect(items, p).toContain(`Contract=${p}`);
    // the groups, with their sizes recounted from the file
    const groups = readRows(out('customer-value-groups.csv'));
    expect(groups.map((g) => g.contract)).toEqual([...PLANS]);
    for (const g of groups) expect(Number(g.customers), g.contract).toBe(raw.filter((c) => c.plan === g.contract).length);
    expect(sectionHtml(html, 'next-best-offers')).toMatch(/demographic segment by Contract \(weight/);
    // every offer goes to a current customer who lacks the service, whatever its spelling
    const byId = new Map(raw.map((c) => [c.client, c]));
    const offers = readRows(out('next-best-offers.csv'));
    expect(offers.length).toBeGreaterThan(20);
    for (const o of offers) {
      const c = byId.get(o.customerID)!;
      expect(c.left).toBe('active');
      expect(YES.has(c[o.service].toLowerCase()), `${o.customerID} ${o.service}`).toBe(false);
    }
    // no Telco contract value is made up anywhere ("One year" alone is also the simulated RFM period)
    for (const name of readdirSync(join(tmp.dir, 'out'))) {
      const text = readFileSync(out(name), 'utf8');
      for (const t of ['Month-to-month', 'Two year', 'Contract=One year']) expect(text.includes(t), `${t} in ${name}`).toBe(false);
    }
    for (const t of TELCO_CONTRACTS) expect(stdout).not.toContain(`Contract=${t}`);
  });
});

describe('normaliseServiceColumns', () => {
  it('spells every service cell Yes / No, keeps Telco\'s two "No … service" values apart, and leaves other columns alone', () => {
    const t = table({
      a: ['yes', 'Y', ' 1 ', 'TRUE', 'no', 'n', '0', 'False', 'No phone service', 'no internet service'],
      other: ['yes', 'Y', '1', 'TRUE', 'no', 'n', '0', 'False', 'x', 'y'],
    });
    const n = normaliseServiceColumns(t, serviceColumns(['a']), 'c.csv');
    expect(n.column('a').values).toEqual(['Yes', 'Yes', 'Yes', 'Yes', 'No', 'No', 'No', 'No', 'No phone service', 'No internet service']);
    expect(n.column('other')).toBe(t.column('other'));
    expect(n.columnNames).toEqual(t.columnNames);
    expect(t.column('a').values[0]).toBe('yes'); // the caller's table is not changed
  });

  it('reads cells as the service reader does: a bad or empty cell names the column, row, line and value', () => {
    const err = (f: () => unknown): InvalidInputError => thrown(InvalidInputError, f);
    expect(err(() => normaliseServiceColumns(table({ a: ['yes', 'maybe'] }), serviceColumns(['a']), 'c.csv')).message).toMatch(
      /^c\.csv: row 2 \(line 3\), service column "a": expected yes\/no.*got "maybe"$/,
    );
    expect(err(() => normaliseServiceColumns(table({ a: ['no', null] }), serviceColumns(['a']), 'c.csv')).message).toMatch(/row 2 \(line 3\).*got an empty cell/);
  });

  it('skips the Telco services a file does not have, and returns the table itself when nothing changes', () => {
    const own = table({ id: ['1', '2'], StreamingTV: ['Yes', 'No'], plan: ['basic', 'pro'] });
    expect(normaliseServiceColumns(own, TELCO_SERVICE_COLUMNS, 'c.csv')).toBe(own);
    const mixed = table({ id: ['1', '2'], StreamingTV: ['yes', 'No'] });
    expect(normaliseServiceColumns(mixed, TELCO_SERVICE_COLUMNS, 'c.csv').column('StreamingTV').values).toEqual(['Yes', 'No']);
  });
});

describe('contract values', () => {
  it('list Telco\'s in commitment order and any others after them alphabetically', () => {
    expect(['Two year', 'pro', 'Month-to-month', 'basic', 'One year', 'plus'].sort(compareContracts)).toEqual([
      'Month-to-month',
      'One year',
      'Two year',
      'basic',
      'plus',
      'pro',
    ]);
    expect(contractValues(table({ Contract: ['pro', null, 'basic', 'pro'] }))).toEqual(['basic', 'pro']);
    expect(contractValues(table({ plan: ['pro'] }))).toBeUndefined();
  });

  it('are named in the basket description when there are few, and counted when there are many', () => {
    expect(basketDescription(undefined, ['gold'])).toContain('Contract gives "Contract=gold"');
    const many = Array.from({ length: 9 }, (_, i) => `tier${i}`);
    const line = basketDescription(undefined, many).find((l) => l.startsWith('Contract'))!;
    expect(line).toContain('9 in this file');
    expect(line).not.toContain('tier0');
  });
});

describe.skipIf(!existsSync(TELCO_DATA))('the bundled Telco sample', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const quiet = { stdout: { write: () => true, isTTY: false }, stderr: { write: () => true, isTTY: false } };
  let bundled = '';
  let copy = '';

  beforeAll(async () => {
    tmp = await tempDir();
    copyFileSync(TELCO_DATA, join(tmp.dir, 'telco-copy.csv'));
    // the bundled file, named relative to the project folder, against a copy of it elsewhere
    expect(await analyzeCommand(['--data', 'examples/data/telco-churn.csv', '--out', join(tmp.dir, 'bundled')], quiet as never, process.cwd(), [rfmStep])).toBe(0);
    expect(await analyzeCommand(['--data', 'telco-copy.csv', '--out', 'copy'], quiet as never, tmp.dir, [rfmStep])).toBe(0);
    bundled = readFileSync(join(tmp.dir, 'bundled', 'index.html'), 'utf8');
    copy = readFileSync(join(tmp.dir, 'copy', 'index.html'), 'utf8');
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('is called the Telco sample in the RFM note only when it is the bundled file', () => {
    expect(bundled).toContain(simulatedLogNote(true));
    expect(simulatedLogNote(true)).toMatch(/Telco sample/);
    expect(copy).toContain(simulatedLogNote(false));
    expect(copy).not.toContain(simulatedLogNote(true));
  });

  it('reaches the churn steps unchanged: its service cells already have the one spelling', async () => {
    const t = await readCsv(TELCO_DATA, { inferTypes: false });
    expect(normaliseServiceColumns(t, TELCO_SERVICE_COLUMNS, 'telco.csv')).toBe(t);
    expect(contractValues(t)).toEqual([...TELCO_CONTRACTS]);
  });
});
