/**
 * `crm-mining churn --value V`: the value of keeping a customer must be > 0. The check runs before the
 * file is read or a model is trained, and the message names the flag.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, expectFailure, expectUsage, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
  await tmp.file('c.csv', 'id,tenure,Churn\nc1,3,Yes\nc2,40,No\nc3,5,Yes\nc4,60,No\n');
});
afterAll(() => tmp.cleanup());

describe('crm-mining churn --value', () => {
  it('0 or a negative value fails with exit 1 naming --value, before any work', async () => {
    for (const [value, shown] of [['0', '0'], ['-1', '-1'], ['-0.5', '-0\\.5'], ['0.0', '0'], ['-0', '0']]) {
      const r = await cli(['churn', 'c.csv', '--target', 'Churn', '--value', value, '--json'], { cwd: tmp.dir });
      expectFailure(r, new RegExp(`^crm-mining: option --value: expected the value of keeping a customer, a finite number > 0, got ${shown}\\n$`));
    }
    // Before any work: a missing file is not even looked at.
    expectFailure(await cli(['churn', 'nope.csv', '--target', 'Churn', '--value', '0'], { cwd: tmp.dir }), /^crm-mining: option --value: /);
  });

  it('a value that is not a number is a usage error; a small positive value is accepted', async () => {
    expectUsage(await cli(['churn', 'c.csv', '--target', 'Churn', '--value', 'lots'], { cwd: tmp.dir }), /option --value expects a number, got "lots"/);
    const ok = await cli(['churn', 'c.csv', '--target', 'Churn', '--id', 'id', '--value', '0.01', '--epochs', '1', '--json'], { cwd: tmp.dir });
    expect(ok.code, ok.stderr).toBe(0);
  });
});
