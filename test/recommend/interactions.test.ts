import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { parse as csvParseSync } from 'csv-parse/sync';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrmMiningError, InvalidInputError, InvalidOptionError, ParseError } from '../../src/core/errors.js';
import { csvStreamSettings } from '../../src/data/csv-parser.js';
import { IdMap, Interactions, parseInteractions, readInteractions } from '../../src/recommend/interactions.js';
import { dataFile, haveData } from '../helpers/data.js';

const recs = [
  { user: 'u1', item: 'a', value: 4 },
  { user: 'u2', item: 'b', value: 2 },
  { user: 'u1', item: 'c', value: 5 },
  { user: 'u1', item: 'a', value: 2 },
  { user: 'u3', item: 'b', value: 3 },
];

describe('Interactions', () => {
  it('maps ids densely in first-seen order and stores consistent CSR and CSC', () => {
    const x = Interactions.fromRecords(recs);
    expect(x.users.ids).toEqual(['u1', 'u2', 'u3']);
    expect(x.items.ids).toEqual(['a', 'b', 'c']);
    expect(x.nnz).toBe(4);
    expect(Array.from(x.userPtr)).toEqual([0, 2, 3, 4]);
    // every CSC entry points back at the CSR entry with the same user, item and value
    for (let i = 0; i < x.nItems; i++) {
      for (let p = x.itemPtr[i]; p < x.itemPtr[i + 1]; p++) {
        const e = x.itemEntry[p];
        expect(x.userItems[e]).toBe(i);
        expect(x.entryUser[e]).toBe(x.itemUsers[p]);
        expect(x.userValues[e]).toBe(x.itemValues[p]);
      }
    }
    expect(x.consumed('u1')).toEqual(['a', 'c']);
    expect(x.kind).toBe('explicit');
  });

  it('merges duplicate (user, item) rows by the documented policy', () => {
    expect(Interactions.fromRecords(recs).value('u1', 'a')).toBe(2); // last wins (default)
    expect(Interactions.fromRecords(recs, { duplicates: 'mean' }).value('u1', 'a')).toBe(3);
    expect(Interactions.fromRecords(recs, { duplicates: 'sum' }).value('u1', 'a')).toBe(6);
    expect(Interactions.fromRecords(recs, { duplicates: 'max' }).value('u1', 'a')).toBe(4);
    expect(() => Interactions.fromRecords(recs, { duplicates: 'error' })).toThrow(/rows 0 and 3/);
  });

  it('implicit data counts rows and sums duplicates by default', () => {
    const x = Interactions.fromRecords([
      { user: 1, item: 'x' },
      { user: 1, item: 'x' },
      { user: 2, item: 'y' },
    ]);
    expect(x.kind).toBe('implicit');
    expect(x.value('1', 'x')).toBe(2);
    expect(x.value('2', 'y')).toBe(1);
  });

  it('rejects bad input with typed errors naming the row', () => {
    expect(() => Interactions.fromRecords([])).toThrow(InvalidInputError);
    expect(() => Interactions.fromRecords([{ user: 'a', item: 'b', value: 7 }], { scale: [1, 5] })).toThrow(/row 0: rating 7 is outside/);
    expect(() => Interactions.fromRecords([{ user: 'a', item: 'b', value: Number.NaN }])).toThrow(/row 0/);
    expect(() => Interactions.fromRecords([{ user: '', item: 'b', value: 1 }])).toThrow(/user id is empty/);
    expect(() => Interactions.fromRecords([{ user: 'a', item: 'b', value: -1 }], { kind: 'implicit' })).toThrow(/negative/);
    expect(() => Interactions.fromRecords(recs, { duplicates: 'first' as never })).toThrow(InvalidOptionError);
    expect(() => Interactions.fromRecords(recs, { scale: [5, 1] })).toThrow(InvalidOptionError);
  });

  it('select keeps the id maps and round-trips through JSON', () => {
    const x = Interactions.fromRecords(recs.map((r, k) => ({ ...r, timestamp: 100 + k })));
    const part = x.select([0, 3]);
    expect(part.users).toBe(x.users);
    expect(part.nnz).toBe(2);
    expect(part.userCount(1)).toBe(0);
    expect(part.value('u3', 'b')).toBe(3);
    const back = Interactions.fromJSON(JSON.parse(JSON.stringify(x)));
    expect(back.toJSON()).toEqual(x.toJSON());
    expect(Array.from(back.userTimes ?? [])).toEqual(Array.from(x.userTimes ?? []));
    expect(() => new IdMap(['a', 'a'])).toThrow(CrmMiningError);
  });

  it('reads CSV, TSV and whitespace files, with headers or by position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-inter-'));
    const csv = join(dir, 'r.csv');
    writeFileSync(csv, 'user,item,rating\nu1,i1,4\nu2,i1,3\nu1,i2,5\n');
    const a = await readInteractions(csv, { user: 'user', item: 'item', rating: 'rating' });
    expect(a.nnz).toBe(3);
    expect(a.value('u1', 'i2')).toBe(5);
    const tsv = join(dir, 'r.tsv');
    writeFileSync(tsv, 'u1\ti1\t4\t10\nu2\ti1\t3\t11\n');
    const b = await readInteractions(tsv, { format: 'tsv', header: false, user: '1', item: '2', rating: '3', timestamp: '4' });
    expect(b.value('u2', 'i1')).toBe(3);
    expect(Array.from(b.userTimes ?? [])).toEqual([10, 11]);
    const c = await parseInteractions('1 10 2.5\n1   11 4\n\n2 10 1\n', { format: 'whitespace', header: false, user: '1', item: '2', rating: '3' });
    expect(c.nnz).toBe(3);
    expect(c.value('1', '11')).toBe(4);
    await expect(parseInteractions('u i r\n1 2 x\n', { format: 'whitespace', user: 'u', item: 'i', rating: 'r' })).rejects.toThrow(/line 2/);
    await expect(parseInteractions('u,i\n1,2\n', { user: 'u', item: 'nope' })).rejects.toThrow(/nope/);
    await expect(readInteractions(join(dir, 'missing.csv'), { user: 'u', item: 'i' })).rejects.toThrow(/missing\.csv/);
  });
});

describe('readInteractions and parseInteractions: the source option', () => {
  const opts = { user: 'user', item: 'item', rating: 'rating' };

  it('names the given source, not the path, in a parse error of a CSV or whitespace file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-inter-src-'));
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'user,item,rating\nann,m1,4\nbob,m1,five\n');
    const txt = join(dir, 'bad.txt');
    writeFileSync(txt, 'user item rating\nann m1 4\nbob m1 five\n');
    for (const [path, format] of [[csv, 'csv'], [txt, 'whitespace']] as const) {
      const err = await readInteractions(path, { ...opts, format, source: 'my ratings' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParseError);
      expect((err as ParseError).source).toBe('my ratings');
      expect((err as ParseError).line).toBe(3);
      expect((err as ParseError).message).toMatch(/^my ratings: line 3, column rating: /);
      expect((err as ParseError).message).not.toContain(dir);
      // without the option, the path is the source
      const byPath = await readInteractions(path, { ...opts, format }).catch((e: unknown) => e);
      expect((byPath as ParseError).source).toBe(path);
    }
  });

  it('names the given source when parsing text (default <string>), also for a missing column of a whitespace header', async () => {
    const err = await parseInteractions('user,item,rating\nann,m1,x\n', { ...opts, source: 'pasted' }).catch((e: unknown) => e);
    expect((err as ParseError).source).toBe('pasted');
    const plain = await parseInteractions('user,item,rating\nann,m1,x\n', opts).catch((e: unknown) => e);
    expect((plain as ParseError).source).toBe('<string>');
    await expect(parseInteractions('a b\n1 2\n', { format: 'whitespace', user: 'a', item: 'z', source: 'pasted' })).rejects.toThrow(/^pasted: no column named "z"/);
  });

  it('rejects a source that is not a string', async () => {
    await expect(parseInteractions('user,item\nann,m1\n', { user: 'user', item: 'item', source: 7 as unknown as string })).rejects.toThrow(InvalidOptionError);
  });
});

describe.skipIf(!haveData('recsys/ml-latest-small/ratings.csv'))('readInteractions on MovieLens latest-small (reference data)', () => {
  it('reads 100,004 ratings by 671 users of 9,066 movies, the same as building from parsed records', async () => {
    const path = dataFile('recsys/ml-latest-small/ratings.csv');
    const x = await readInteractions(path, { user: 'userId', item: 'movieId', rating: 'rating', timestamp: 'timestamp' });
    expect(x.nnz).toBe(100_004);
    expect(x.nUsers).toBe(671);
    expect(x.nItems).toBe(9_066);
    expect(x.scale).toEqual({ min: 0.5, max: 5 });
    // an independent route: csv-parse for the text, fromRecords for the matrix
    const rows = csvParseSync(readFileSync(path), { columns: true }) as Record<string, string>[];
    const y = Interactions.fromRecords(
      rows.map((r) => ({ user: r.userId, item: r.movieId, value: Number(r.rating), timestamp: Number(r.timestamp) })),
    );
    expect(x.toJSON()).toEqual(y.toJSON());
  });
});

/**
 * The whitespace format by its definition: lines end at \\n, \\r\\n or \\r; each is trimmed and, unless
 * empty, split at runs of spaces and tabs; the first is the header (or gives the width); numbers are read
 * with Number and must be finite. Returns the interactions' JSON, or the error's class and line.
 */
function whitespaceByDefinition(text: string, header: boolean, withTime: boolean): unknown {
  let names: string[] | undefined;
  const users: string[] = [];
  const items: string[] = [];
  const values: number[] = [];
  const times: number[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let l = 0; l < lines.length; l++) {
    const t = lines[l].trim();
    if (t === '') continue;
    const f = t.split(/[ \t]+/);
    if (names === undefined) {
      names = f;
      // the first line must hold the wanted columns (by name, or by position without a header)
      const wanted = header ? ['u', 'i', 'r', 't'].slice(0, withTime ? 4 : 3) : [];
      if (wanted.some((w) => !f.includes(w)) || f.length < (withTime ? 4 : 3)) return { error: 'InvalidInputError' };
      if (header) continue;
    }
    if (f.length !== names.length) return { error: 'ParseError', line: l + 1 };
    const v = Number(f[2]);
    const ts = withTime ? Number(f[3]) : 0;
    if (!Number.isFinite(v) || !Number.isFinite(ts)) return { error: 'ParseError', line: l + 1 };
    users.push(f[0]);
    items.push(f[1]);
    values.push(v);
    times.push(ts);
  }
  try {
    return Interactions.fromColumns({ users, items, values, timestamps: withTime ? times : undefined }).toJSON();
  } catch (e) {
    return { error: (e as Error).constructor.name };
  }
}

/** The outcome of reading: the interactions' JSON, or the error's class and line. */
async function outcome(read: () => Promise<Interactions>): Promise<unknown> {
  try {
    return (await read()).toJSON();
  } catch (e) {
    if (e instanceof ParseError) return { error: 'ParseError', line: e.line };
    return { error: (e as Error).constructor.name };
  }
}

describe('readInteractions: the whitespace format, streamed', () => {
  const id = fc.constantFrom('1', '7', '007', '1.0', '42', '70000', 'x', 'é', '😀', '2.5', '-1');
  const number = fc.constantFrom('1', '4', '2.5', '-1', '1e3', '0x10', '.5', '5.', '+2', '007', 'NaN', 'x');
  const sample = fc.record({
    rows: fc.array(
      fc.record({
        fields: fc.tuple(id, id, number, number, number),
        extra: fc.integer({ min: 0, max: 19 }), // 0: one field too many
        separators: fc.array(fc.constantFrom(' ', '\t', '  ', ' \t'), { minLength: 4, maxLength: 4 }),
        lead: fc.constantFrom('', ' ', '\t', '\u00a0', '\u000b'),
        end: fc.constantFrom('\n', '\r\n', '\r', '\n\n', ' \n', '\n \t\n'),
      }),
      { minLength: 1, maxLength: 10 },
    ),
    header: fc.boolean(),
    withTime: fc.boolean(),
    chunk: fc.integer({ min: 1, max: 9 }),
  });
  const dir = mkdtempSync(join(tmpdir(), 'crm-inter-ws-'));

  it('reads what the definition reads (or fails on the same line), in any chunk size, from text and from a file', async () => {
    let file = 0;
    await fc.assert(
      fc.asyncProperty(sample, async ({ rows, header, withTime, chunk }) => {
        const width = withTime ? 4 : 3;
        let text = header ? ['u', 'i', 'r', 't'].slice(0, width).join(' ') + '\n' : '';
        for (const r of rows) text += r.lead + r.fields.slice(0, r.extra === 0 ? width + 1 : width).map((f, k) => (k > 0 ? r.separators[k - 1] : '') + f).join('') + r.end;
        const options = header
          ? { format: 'whitespace' as const, user: 'u', item: 'i', rating: 'r', ...(withTime ? { timestamp: 't' } : {}) }
          : { format: 'whitespace' as const, header: false, user: '1', item: '2', rating: '3', ...(withTime ? { timestamp: '4' } : {}) };
        const expected = whitespaceByDefinition(text, header, withTime);
        expect(await outcome(() => parseInteractions(text, options))).toEqual(expected);
        const path = join(dir, `r${file++}.txt`);
        writeFileSync(path, text);
        const saved = csvStreamSettings.highWaterMark;
        csvStreamSettings.highWaterMark = chunk;
        try {
          expect(await outcome(() => readInteractions(path, options))).toEqual(expected);
        } finally {
          csvStreamSettings.highWaterMark = saved;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps ids as written (007 and 7, 1.0 and 1 are different) and maps ids through a given IdMap', async () => {
    const text = '7 1.0 4\n007 1 3\n7 1 5\n';
    const x = await parseInteractions(text, { format: 'whitespace', header: false, user: '1', item: '2', rating: '3', users: new IdMap(['u0', '7']) });
    expect(x.users.ids).toEqual(['u0', '7', '007']);
    expect(x.items.ids).toEqual(['1.0', '1']);
    expect(x.value('7', '1.0')).toBe(4);
    expect(x.value('7', '1')).toBe(5);
    expect(x.value('007', '1')).toBe(3);
  });

  it('names the line of a short row and of a rating that is not a number, and the missing column', async () => {
    const opts = { format: 'whitespace' as const, header: false, user: '1', item: '2', rating: '3' };
    const short = await parseInteractions('1 2 3\n\n4 5\n', opts).catch((e: unknown) => e);
    expect(short).toBeInstanceOf(ParseError);
    expect((short as ParseError).line).toBe(3);
    expect((short as ParseError).message).toMatch(/expected 3 fields, found 2/);
    const bad = await parseInteractions('1 2 3\r\n4 5 Infinity\r\n', opts).catch((e: unknown) => e);
    expect((bad as ParseError).line).toBe(2);
    expect((bad as ParseError).message).toMatch(/"Infinity" is not a number/);
    await expect(parseInteractions('a b c\n1 2 3\n', { format: 'whitespace', user: 'a', item: 'z' })).rejects.toThrow(/no column named "z"/);
  });
});
