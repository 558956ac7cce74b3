import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectFailure, expectUsage, tempDir } from './helpers.js';

const WEATHER_CSV = `outlook,temperature,humidity,windy,play
sunny,85,85,false,no
sunny,80,90,true,no
overcast,83,86,false,yes
rainy,70,96,false,yes
rainy,68,80,false,yes
rainy,65,70,true,no
overcast,64,65,true,yes
sunny,72,95,false,no
sunny,69,70,false,yes
rainy,75,80,false,yes
sunny,75,70,true,yes
overcast,72,90,true,yes
overcast,81,75,false,yes
rainy,71,91,true,no
`;

const WEATHER_ARFF = `@relation weather
@attribute outlook {sunny, overcast, rainy}
@attribute temperature numeric
@attribute humidity numeric
@attribute windy {TRUE, FALSE}
@attribute play {yes, no}
@data
${WEATHER_CSV.split('\n')
  .slice(1)
  .filter((l) => l !== '')
  .map((l) => l.replace(/,(true|false),/, (_m, b: string) => `,${b.toUpperCase()},`))
  .join('\n')}
`;

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
  await tmp.file('weather.csv', WEATHER_CSV);
  await tmp.file('weather.arff', WEATHER_ARFF);
  await tmp.file('one-class.csv', 'a,b\n1,x\n2,x\n');
});
afterAll(() => tmp.cleanup());

interface TreeJson {
  classes: string[];
  cv?: { folds: number; accuracy: number; accuracyPerFold: number[] };
  rules: { conditions: string; class: string; count: number; confidence: number }[];
}

describe('crm-mining tree', () => {
  it('prints the JSON contract: classes, rules of the tree on all rows (covering every row)', async () => {
    const r = await cli(['tree', 'weather.csv', '--target', 'play', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TreeJson;
    expect(j.classes).toEqual(['no', 'yes']);
    expect(j.cv).toBeUndefined();
    expect(j.rules.reduce((s, x) => s + x.count, 0)).toBe(14);
    for (const rule of j.rules) {
      expect(Object.keys(rule).sort()).toEqual(['class', 'conditions', 'confidence', 'count']);
      expect(rule.confidence).toBe(1); // unrestricted tree, consistent data
    }
    expect(j.rules.map((x) => x.conditions)).toContain('outlook = overcast');
  });

  it('reads ARFF nominal attributes as categorical features, with the same tree as the CSV', async () => {
    const a = JSON.parse((await cli(['tree', 'weather.arff', '--target', 'play', '--json'], { cwd: tmp.dir })).stdout) as TreeJson;
    expect(a.classes.sort()).toEqual(['no', 'yes']);
    expect(a.rules.map((x) => x.conditions)).toContain('outlook = overcast');
    expect(a.rules.reduce((s, x) => s + x.count, 0)).toBe(14);
  });

  it('--cv K adds cross-validated accuracy per fold; options shape the tree', async () => {
    const r = await cli(['tree', 'weather.csv', '--target', 'play', '--cv', '3', '--max-depth', '1', '--criterion', 'entropy', '--json'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as TreeJson;
    expect(j.cv!.folds).toBe(3);
    expect(j.cv!.accuracyPerFold).toHaveLength(3);
    expect(j.cv!.accuracy).toBeCloseTo(j.cv!.accuracyPerFold.reduce((s, x) => s + x, 0) / 3, 12);
    expect(j.rules).toHaveLength(2); // a stump
    const leafy = JSON.parse((await cli(['tree', 'weather.csv', '--target', 'play', '--min-samples-leaf', '5', '--json'], { cwd: tmp.dir })).stdout) as TreeJson;
    for (const rule of leafy.rules) expect(rule.count).toBeGreaterThanOrEqual(5);
    const dropped = JSON.parse((await cli(['tree', 'weather.csv', '--target', 'play', '--drop', 'outlook', '--json'], { cwd: tmp.dir })).stdout) as TreeJson;
    for (const rule of dropped.rules) expect(rule.conditions).not.toMatch(/outlook/);
  });

  it('prints readable text without --json', async () => {
    const r = await cli(['tree', 'weather.csv', '--target', 'play', '--cv', '2'], { cwd: tmp.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Cross-validated accuracy \(2-fold stratified, seed 42\)/);
    expect(r.stdout).toMatch(/IF outlook = overcast THEN play = yes \(100\.0%, 4 rows\)/);
  });

  it('bad input: usage errors and failures', async () => {
    expectUsage(await cli(['tree', 'weather.csv'], { cwd: tmp.dir }), /missing --target/);
    expectUsage(await cli(['tree', '--target', 'play'], { cwd: tmp.dir }), /missing <file>/);
    expectUsage(await cli(['tree', 'weather.csv', '--target', 'play', '--max-depth', 'deep'], { cwd: tmp.dir }), /--max-depth expects a number/);
    expectFailure(await cli(['tree', 'weather.csv', '--target', 'nope'], { cwd: tmp.dir }), /option --target: no column "nope" in weather\.csv \(the columns are "outlook", /);
    expectFailure(await cli(['tree', 'one-class.csv', '--target', 'b'], { cwd: tmp.dir }), /single class/);
    expectFailure(await cli(['tree', 'weather.csv', '--target', 'play', '--criterion', 'x'], { cwd: tmp.dir }), /--criterion/);
    expectFailure(await cli(['tree', 'weather.csv', '--target', 'play', '--cv', '1'], { cwd: tmp.dir }), /--cv/);
    expectFailure(await cli(['tree', 'missing.csv', '--target', 'play'], { cwd: tmp.dir }), /missing.csv/);
  });
});
