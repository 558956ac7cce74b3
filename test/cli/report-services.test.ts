/**
 * `crm-mining report --services`: the user's own yes/no service columns are analysed under their own
 * names (baskets, churn profiles, segment service count, next-best offers), a cell that is not a yes/no
 * value is a typed error naming the column, row and value, and on the bundled Telco sample naming
 * Telco's own services explicitly changes nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnProfilesStep, serviceBundlesStep } from '../../src/cli/analyses/association.js';
import { nextBestOfferStep } from '../../src/cli/analyses/next-best-offer.js';
import { rfmStep } from '../../src/cli/analyses/rfm.js';
import { segmentationStep, telcoSegmentationTable } from '../../src/cli/analyses/segmentation.js';
import { readServiceColumns, serviceColumns, SERVICE_NO, SERVICE_NOT_AVAILABLE, SERVICE_YES, TELCO_SERVICES } from '../../src/cli/analyses/services.js';
import { telcoBaskets } from '../../src/cli/analyses/telco.js';
import { analyzeCommand } from '../../src/cli/analyze.js';
import { InvalidInputError } from '../../src/core/errors.js';
import { cli, tempDir } from './helpers.js';
import { csvText, generator, readRows, textTable as table, thrown } from './report-data.js';
import { TELCO_DATA } from './telco-raw.js';

const OWN = ['Newsletter', 'Insurance', 'Support'] as const;
const YES = new Set(['yes', 'y', 'true', '1']);

const inputError = (f: () => unknown): InvalidInputError => thrown(InvalidInputError, f);

/**
 * 300 customers of a made-up insurer: no internet column and none of the Telco services; the three
 * services spelled three ways (yes/no, 1/0, TRUE/false). Insurance goes with Newsletter (80% against
 * 20%), churn with month-to-month contracts and a first year.
 */
function ownCustomers(): { header: string[]; rows: string[][] } {
  const rnd = generator(20240611);
  const header = ['customerID', 'tenure', 'MonthlyCharges', 'TotalCharges', 'Contract', 'Newsletter', 'Insurance', 'Support', 'Churn'];
  const rows: string[][] = [];
  for (let i = 0; i < 300; i++) {
    const tenure = Math.floor(rnd() * 73);
    const monthly = (20 + rnd() * 90).toFixed(2);
    const contract = ['Month-to-month', 'One year', 'Two year'][Math.floor(rnd() * 3)];
    const newsletter = rnd() < 0.5;
    const insurance = rnd() < (newsletter ? 0.8 : 0.2);
    const support = rnd() < 0.4;
    const risk = (contract === 'Month-to-month' ? 0.45 : 0.1) + (tenure < 12 ? 0.2 : 0);
    rows.push([
      `K${String(i + 1).padStart(4, '0')}`,
      String(tenure),
      monthly,
      tenure === 0 ? '' : (tenure * Number(monthly)).toFixed(2),
      contract,
      newsletter ? 'yes' : 'no',
      insurance ? '1' : '0',
      support ? 'TRUE' : 'false',
      rnd() < risk ? 'Yes' : 'No',
    ]);
  }
  return { header, rows };
}

describe('service columns', () => {
  it('take the Telco layout without --services, or with exactly the Telco names in any order', () => {
    const telco = serviceColumns();
    expect(telco.names).toEqual([...TELCO_SERVICES]);
    expect(telco.telco).toBe(true);
    expect(telco.offers).toEqual(TELCO_SERVICES.filter((s) => s !== 'PhoneService'));
    const reversed = serviceColumns([...TELCO_SERVICES].reverse());
    expect(reversed.telco).toBe(true);
    expect(reversed.offers).toEqual([...TELCO_SERVICES].reverse().filter((s) => s !== 'PhoneService'));
    const own = serviceColumns([...OWN]);
    expect(own.telco).toBe(false);
    expect(own.offers).toEqual([...OWN]);
    const some = serviceColumns(['PhoneService', 'StreamingTV']); // a subset of Telco's is the user's own
    expect(some.telco).toBe(false);
    expect(some.offers).toEqual(['PhoneService', 'StreamingTV']);
  });

  it('read yes/no, true/false, 1/0 and y/n in any case and Telco\'s "No … service"', () => {
    const t = table({ a: ['Yes', ' no ', 'TRUE', 'false', '1', '0', 'Y', 'n', 'No internet service', 'no PHONE service'] });
    const [a] = readServiceColumns(t, serviceColumns(['a']), 'c.csv');
    expect(a.name).toBe('a');
    const Y = SERVICE_YES;
    const N = SERVICE_NO;
    expect([...a.states]).toEqual([Y, N, Y, N, Y, N, Y, N, SERVICE_NOT_AVAILABLE, SERVICE_NOT_AVAILABLE]);
  });

  it('refuse any other cell, an empty one included, naming the column, the row, its line and the value', () => {
    const bad = inputError(() => readServiceColumns(table({ a: ['yes', 'yes'], b: ['no', 'maybe'] }), serviceColumns(['a', 'b']), 'c.csv'));
    expect(bad.message).toMatch(/^c\.csv: row 2 \(line 3\), service column "b": expected yes\/no, true\/false, 1\/0 or y\/n .*got "maybe"$/);
    expect(bad.row).toBe(1);
    expect(bad.field).toBe('b');
    expect(inputError(() => readServiceColumns(table({ a: [null] }), serviceColumns(['a']), 'c.csv')).message).toMatch(/row 1 \(line 2\), service column "a": .*got an empty cell/);
    const missing = inputError(() => readServiceColumns(table({ a: ['yes'] }), serviceColumns(['a', 'Insurance']), 'c.csv', 'the basket builder'));
    expect(missing.message).toMatch(/no column "Insurance"; the basket builder reads the service columns a, Insurance/);
  });

  it('make basket items and a service count named after the user\'s columns, with no internet column needed', () => {
    const t = table({
      customerID: ['a', 'b', 'c'],
      tenure: ['3', '20', '40'],
      MonthlyCharges: ['10', '20', '30'],
      TotalCharges: ['30', '400', '1200'],
      Contract: ['Month-to-month', 'One year', 'Two year'],
      Newsletter: ['yes', 'no', 'YES'],
      Insurance: ['0', '1', '1'],
      Churn: ['Yes', 'No', 'No'],
    });
    const services = serviceColumns(['Newsletter', 'Insurance']);
    const baskets = telcoBaskets(t, 'c.csv', services);
    const items = (r: number): string[] => baskets.transaction(r).sort();
    expect(items(0)).toEqual(['Churn', 'Contract=Month-to-month', 'Newsletter', 'Tenure<12m']);
    expect(items(1)).toEqual(['Contract=One year', 'Insurance']);
    expect(items(2)).toEqual(['Contract=Two year', 'Insurance', 'Newsletter']);
    const seg = telcoSegmentationTable(t, 'c.csv', services);
    expect(seg.features.column('services').values).toEqual([1, 1, 2]);
    expect(seg.servicesCounted).toBe('the 2 service columns Newsletter, Insurance, 0..2');
    // The Telco layout still needs the internet column.
    expect(inputError(() => telcoBaskets(t, 'c.csv')).message).toMatch(/no column "PhoneService"/);
  });
});

describe('crm-mining report --services on a customer table with its own services', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const data = ownCustomers();
  let stdout = '';
  let html = '';
  let files: string[] = [];

  beforeAll(async () => {
    tmp = await tempDir();
    await tmp.file('insurer.csv', csvText(data.header, data.rows));
    const r = await cli(['report', '--input', 'insurer.csv', '--services', OWN.join(','), '--out', 'out'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    stdout = r.stdout;
    html = readFileSync(join(tmp.dir, 'out', 'index.html'), 'utf8');
    files = readdirSync(join(tmp.dir, 'out'));
  }, 180_000);
  afterAll(() => tmp.cleanup());

  const raw = (): Record<string, string>[] => data.rows.map((row) => Object.fromEntries(data.header.map((h, i) => [h, row[i]])));

  it('runs the service steps, lists the services in the header, and no Telco service name appears anywhere', () => {
    for (const id of ['service-bundles', 'churn-profiles', 'segments', 'rfm', 'next-best-offers']) {
      expect(html, id).toContain(`id="section-${id}"`);
      expect(html, id).not.toMatch(new RegExp(`id="section-${id}" class="report-section absent"`));
    }
    const note = 'Service columns (yes/no), analysed under their own names: Newsletter, Insurance, Support.';
    expect(stdout).toContain(note);
    expect(html).toContain(note);
    expect(stdout).not.toMatch(/read as the Telco roles/);
    expect(stdout).toContain('is an item named after its column: Newsletter, Insurance, Support');
    expect(html).toContain('services = the 3 service columns Newsletter, Insurance, Support, 0..3');
    for (const name of files) {
      const text = readFileSync(join(tmp.dir, 'out', name), 'utf8');
      for (const telco of TELCO_SERVICES) expect(text.includes(telco), `${telco} in ${name}`).toBe(false);
    }
    expect(stdout).not.toMatch(new RegExp(TELCO_SERVICES.join('|')));
  });

  it('finds the planted rule {Newsletter} => {Insurance} with the confidence recounted from the file', () => {
    const customers = raw();
    const withNewsletter = customers.filter((c) => YES.has(c.Newsletter.toLowerCase()));
    const both = withNewsletter.filter((c) => YES.has(c.Insurance.toLowerCase()));
    const rules = readFileSync(join(tmp.dir, 'out', 'rules.csv'), 'utf8');
    const line = rules.split('\n').find((l) => l.startsWith('Newsletter,Insurance,'));
    expect(line, rules.split('\n').slice(0, 3).join('\n')).toBeDefined();
    expect(html).toMatch(/\{Newsletter\} ⇒ \{Insurance\}/);
    const header = rules.split('\n')[0].split(',');
    const confidence = Number(line!.split(',')[header.indexOf('confidence')]);
    expect(confidence).toBeCloseTo(both.length / withNewsletter.length, 6);
  });

  it('offers current customers only the user\'s services they lack, and gives each at most one', () => {
    const byId = new Map(raw().map((c) => [c.customerID, c]));
    const offers = readRows(join(tmp.dir, 'out', 'next-best-offers.csv'));
    expect(offers.length).toBeGreaterThan(50);
    for (const o of offers) {
      const c = byId.get(o.customerID)!;
      expect(OWN as readonly string[]).toContain(o.service);
      expect(c.Churn).toBe('No');
      expect(YES.has(c[o.service].toLowerCase()), `${o.customerID} ${o.service}`).toBe(false);
    }
    const assignment = readRows(join(tmp.dir, 'out', 'offer-assignment.csv'));
    expect(assignment.length).toBe(raw().filter((c) => c.Churn === 'No').length);
    for (const a of assignment) if (a.offer !== '') expect(OWN as readonly string[]).toContain(a.offer);
    // The segments are by contract only: the file has no SeniorCitizen, Partner or Dependents.
    expect(html).toMatch(/demographic segment by Contract \(weight/);
  });

  it('a cell that is not yes/no makes the service steps not available, naming the column, row and value', async () => {
    const rows = data.rows.map((r) => [...r]);
    rows[4][data.header.indexOf('Support')] = 'maybe';
    await tmp.file('bad.csv', csvText(data.header, rows));
    const r = await cli(['report', '--input', 'bad.csv', '--services', OWN.join(','), '--out', 'bad'], { cwd: tmp.dir });
    expect(r.code, r.stderr).toBe(0);
    const page = readFileSync(join(tmp.dir, 'bad', 'index.html'), 'utf8');
    // the churn tree and model read the service columns too (in one spelling each), so they stop as well
    for (const id of ['service-bundles', 'churn-profiles', 'segments', 'churn-tree', 'churn-model', 'next-best-offers']) {
      expect(page, id).toContain(`id="section-${id}" class="report-section absent"`);
    }
    expect(r.stdout).toMatch(/Not available: row 5 \(line 6\), service column "Support": expected yes\/no.*got "maybe"/);
    expect(page).toContain('row 5 (line 6), service column &quot;Support&quot;');
    expect(page).not.toContain('id="section-customer-value" class="report-section absent"'); // the other steps go on
  }, 180_000);
});

describe.skipIf(!existsSync(TELCO_DATA))('the bundled Telco sample with and without naming its services', () => {
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  const steps = [serviceBundlesStep, churnProfilesStep, rfmStep, segmentationStep, nextBestOfferStep];
  const quiet = { stdout: { write: () => true, isTTY: false }, stderr: { write: () => true, isTTY: false } };

  beforeAll(async () => {
    tmp = await tempDir();
    expect(await analyzeCommand(['--data', TELCO_DATA, '--out', 'default'], quiet as never, tmp.dir, steps)).toBe(0);
    expect(await analyzeCommand(['--data', TELCO_DATA, '--services', TELCO_SERVICES.join(','), '--out', 'named'], quiet as never, tmp.dir, steps)).toBe(0);
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('writes the same CSV files, byte for byte', () => {
    const csv = readdirSync(join(tmp.dir, 'default')).filter((f) => f.endsWith('.csv')).sort();
    expect(csv).toEqual(expect.arrayContaining(['rules.csv', 'churn-rules.csv', 'itemsets.csv', 'segments.csv', 'rfm.csv', 'next-best-offers.csv', 'offer-assignment.csv']));
    expect(readdirSync(join(tmp.dir, 'named')).filter((f) => f.endsWith('.csv')).sort()).toEqual(csv);
    for (const f of csv) expect(readFileSync(join(tmp.dir, 'named', f), 'utf8') === readFileSync(join(tmp.dir, 'default', f), 'utf8'), f).toBe(true);
  });

  it('still reads the Telco services as items and never offers PhoneService', () => {
    const items = readFileSync(join(tmp.dir, 'default', 'itemsets.csv'), 'utf8');
    for (const s of TELCO_SERVICES) expect(items, s).toContain(s);
    const offered = new Set(readRows(join(tmp.dir, 'default', 'next-best-offers.csv')).map((r) => r.service));
    expect(offered.has('PhoneService')).toBe(false);
    expect(offered.size).toBeGreaterThan(3);
  });
});
