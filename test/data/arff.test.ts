import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileArffDateFormat, parseArff, readArff } from '../../src/data/arff.js';
import { FileError, InvalidInputError, ParseError } from '../../src/core/errors.js';

function parseError(text: string): ParseError {
  try {
    parseArff(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error('expected a ParseError, got a result');
}

const WEATHER = `% the classic weather data
@relation weather

@attribute outlook {sunny, overcast, rainy}
@attribute temperature numeric
@attribute humidity REAL
@attribute windy {TRUE, FALSE}
@attribute play {yes, no}   % the class

@data
sunny,85,85,FALSE,no
overcast, 83, 86, FALSE, yes
rainy,70,?,TRUE,no
`;

describe('parseArff: dense data', () => {
  it('reads the relation, attributes and typed columns', () => {
    const d = parseArff(WEATHER);
    expect(d.relation).toBe('weather');
    expect(d.attributes).toEqual([
      { name: 'outlook', kind: 'nominal', values: ['sunny', 'overcast', 'rainy'] },
      { name: 'temperature', kind: 'numeric' },
      { name: 'humidity', kind: 'numeric' },
      { name: 'windy', kind: 'nominal', values: ['TRUE', 'FALSE'] },
      { name: 'play', kind: 'nominal', values: ['yes', 'no'] },
    ]);
    const t = d.table;
    expect(t.rowCount).toBe(3);
    expect(t.columns.map((c) => c.type)).toEqual(['nominal', 'number', 'number', 'nominal', 'nominal']);
    expect(t.column('outlook').categories).toEqual(['sunny', 'overcast', 'rainy']);
    expect(t.column('temperature').values).toEqual([85, 83, 70]);
    expect(t.column('humidity').values).toEqual([85, 86, null]);
    expect(t.column('play').values).toEqual(['no', 'yes', 'no']);
    expect(d.weights).toBeUndefined();
  });

  it('accepts keywords and type names in any case, and CRLF line endings', () => {
    const d = parseArff('@RELATION r\r\n@Attribute a NUMERIC\r\n@ATTRIBUTE b Integer\r\n@Data\r\n1,2\r\n');
    expect(d.table.column('a').values).toEqual([1]);
    expect(d.table.column('b').values).toEqual([2]);
  });

  it('reads quoted names and values with single or double quotes and escapes', () => {
    const d = parseArff(
      [
        "@relation 'my relation'",
        "@attribute 'first name' string",
        '@attribute "the class" {\'a b\', "c,d", e}',
        '@attribute note string',
        '@data',
        "'Ann Lee', 'a b', 'it\\'s 100\\% \\\"fine\\\"'",
        '"O\\\'Neil",\'c,d\', "tab\\there % not a comment"   % but this is',
        "'?', e, ?",
      ].join('\n'),
    );
    expect(d.relation).toBe('my relation');
    expect(d.attributes.map((a) => a.name)).toEqual(['first name', 'the class', 'note']);
    expect(d.attributes[1].values).toEqual(['a b', 'c,d', 'e']);
    const t = d.table;
    expect(t.column('first name').values).toEqual(['Ann Lee', "O'Neil", '?']);
    expect(t.column('the class').values).toEqual(['a b', 'c,d', 'e']);
    expect(t.column('note').values).toEqual(['it\'s 100% "fine"', 'tab\there % not a comment', null]);
  });

  it('keeps ? as missing in every kind of attribute', () => {
    const d = parseArff('@relation r\n@attribute n numeric\n@attribute c {x}\n@attribute s string\n@attribute d date\n@data\n?,?,?,?\n');
    expect(d.table.row(0)).toEqual({ n: null, c: null, s: null, d: null });
  });

  it('reads numbers exactly, including exponents', () => {
    const d = parseArff('@relation r\n@attribute n numeric\n@data\n0.1\n-1.5e3\n.25\n');
    expect(d.table.column('n').values).toEqual([0.1, -1500, 0.25]);
  });

  it('reads instance weights at the end of dense rows', () => {
    const d = parseArff('@relation r\n@attribute a numeric\n@attribute b {x,y}\n@data\n1,x,{2.5}\n2,y\n3,x, {0}\n');
    expect(d.table.column('a').values).toEqual([1, 2, 3]);
    expect(d.table.column('b').values).toEqual(['x', 'y', 'x']);
    expect(Array.from(d.weights!)).toEqual([2.5, 1, 0]);
  });

  it('returns an empty table when @data has no rows', () => {
    const d = parseArff('@relation r\n@attribute a numeric\n@data\n% nothing\n');
    expect(d.table.rowCount).toBe(0);
    expect(d.table.columnNames).toEqual(['a']);
  });
});

describe('parseArff: sparse data', () => {
  const HEADER = '@relation s\n@attribute n1 numeric\n@attribute c {first, second, third}\n@attribute n2 numeric\n@attribute s string\n@data\n';

  it('fills omitted attributes with 0 (numeric), the first declared value (nominal) and "" (string)', () => {
    const d = parseArff(HEADER + '{0 5, 3 hello}\n{1 third}\n{2 ?, 3 "x y"}\n');
    const t = d.table;
    expect(t.column('n1').values).toEqual([5, 0, 0]);
    expect(t.column('c').values).toEqual(['first', 'third', 'first']);
    expect(t.column('n2').values).toEqual([0, 0, null]);
    expect(t.column('s').values).toEqual(['hello', '', 'x y']);
  });

  it('fills an omitted date with the epoch', () => {
    const d = parseArff('@relation r\n@attribute n numeric\n@attribute d date yyyy-MM-dd\n@data\n{0 1}\n{1 2020-01-02}\n');
    expect((d.table.column('d').values as Date[]).map((x) => x.toISOString())).toEqual([
      '1970-01-01T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
    ]);
  });

  it('reads an empty sparse row and sparse instance weights', () => {
    const d = parseArff(HEADER + '{}\n{0 1}, {3}\n{1 second} {0.5}\n');
    expect(d.table.row(0)).toEqual({ n1: 0, c: 'first', n2: 0, s: '' });
    expect(d.table.column('c').values).toEqual(['first', 'first', 'second']);
    expect(Array.from(d.weights!)).toEqual([1, 3, 0.5]);
  });

  it('mixes sparse and dense rows', () => {
    const d = parseArff(HEADER + '1,second,2,abc\n{2 7}\n');
    expect(d.table.column('n2').values).toEqual([2, 7]);
    expect(d.table.column('s').values).toEqual(['abc', '']);
  });

  it('rejects bad sparse rows with the line', () => {
    expect(parseError(HEADER + '{0 1}\n{4 1}\n').line).toBe(8);
    expect(parseError(HEADER + '{2 1, 0 1}\n').message).toMatch(/must increase/);
    expect(parseError(HEADER + '{x 1}\n').message).toMatch(/expected an attribute index/);
    expect(parseError(HEADER + '{0 1\n').message).toMatch(/not closed/);
    const e = parseError(HEADER + '{1 fourth}\n');
    expect(e.column).toBe('c');
  });
});

describe('parseArff: dates', () => {
  it('reads the default ISO format as UTC', () => {
    const d = parseArff('@relation r\n@attribute when date\n@data\n2024-02-29T13:45:10\n"2001-01-01T00:00:00"\n');
    expect(d.attributes[0]).toEqual({ name: 'when', kind: 'date', dateFormat: "yyyy-MM-dd'T'HH:mm:ss" });
    expect(d.table.column('when').type).toBe('date');
    expect((d.table.column('when').values as Date[]).map((x) => x.toISOString())).toEqual([
      '2024-02-29T13:45:10.000Z',
      '2001-01-01T00:00:00.000Z',
    ]);
  });

  it('reads quoted and unquoted custom formats', () => {
    const d = parseArff(
      '@relation r\n@attribute a date "dd/MM/yyyy HH:mm"\n@attribute b date yyyy-MM-dd\n@data\n"05/11/2023 09:30",2023-11-05\n',
    );
    expect(d.attributes[0].dateFormat).toBe('dd/MM/yyyy HH:mm');
    expect((d.table.column('a').values[0] as Date).toISOString()).toBe('2023-11-05T09:30:00.000Z');
    expect((d.table.column('b').values[0] as Date).toISOString()).toBe('2023-11-05T00:00:00.000Z');
  });

  it('a date not in the declared format is a ParseError naming line and attribute', () => {
    const e = parseError('@relation r\n@attribute d date yyyy-MM-dd\n@data\n2023-01-01\n2023-02-30\n');
    expect(e.line).toBe(5);
    expect(e.column).toBe('d');
  });

  it('an unsupported date pattern is a clear error', () => {
    const e = parseError('@relation r\n@attribute d date "EEE, d MMM yyyy"\n@data\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/"EEE" is not supported/);
    expect(() => compileArffDateFormat('hh:mm a')).toThrow(InvalidInputError);
  });

  it('compileArffDateFormat handles literals, milliseconds and range checks', () => {
    const p = compileArffDateFormat("yyyy.MM.dd 'at' HH:mm:ss.SSS");
    expect(p('2020.1.2 at 03:04:05.006')?.toISOString()).toBe('2020-01-02T03:04:05.006Z');
    expect(p('2020.13.02 at 03:04:05.006')).toBeUndefined();
    expect(p('2020.01.02 03:04:05.006')).toBeUndefined();
  });
});

describe('parseArff: errors name the line', () => {
  const H = '@relation r\n@attribute n numeric\n@attribute c {a, b}\n@data\n';

  it('wrong number of values', () => {
    const e = parseError(H + '1,a\n2\n');
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/expected 2 values, got 1/);
    expect(parseError(H + '1,a,b\n').line).toBe(5);
  });

  it('a nominal value not declared', () => {
    const e = parseError(H + '1,a\n2,z\n');
    expect(e.line).toBe(6);
    expect(e.column).toBe('c');
    expect(e.message).toContain('"z" is not one of the declared values {a, b}');
  });

  it('a non-number in a numeric attribute', () => {
    const e = parseError(H + '\n% comment\n12abc,a\n');
    expect(e.line).toBe(7);
    expect(e.column).toBe('n');
    expect(parseError(H + 'NaN,a\n').column).toBe('n');
  });

  it('unknown and unsupported attribute types', () => {
    const e = parseError('@relation r\n@attribute x float\n@data\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/unknown type "float"/);
    expect(parseError('@relation r\n@attribute x relational\n@data\n').message).toMatch(/not supported/);
    expect(parseError('@relation r\n@attribute x\n@data\n').message).toMatch(/no type/);
  });

  it('missing @data, missing @relation, duplicates and stray text', () => {
    expect(parseError('@relation r\n@attribute a numeric\n').message).toMatch(/missing @data/);
    expect(parseError('@attribute a numeric\n@data\n').message).toMatch(/expected @relation/);
    expect(parseError('').message).toMatch(/no @relation/);
    expect(parseError('@relation r\n@data\n').message).toMatch(/before any @attribute/);
    expect(parseError('@relation r\n@attribute a numeric\n@attribute a string\n@data\n').message).toMatch(/duplicate attribute name "a"/);
    expect(parseError('@relation r\n@attribute c {a, a}\n@data\n').message).toMatch(/declared twice/);
    expect(parseError('@relation r\n@attribute c {a, b\n@data\n').message).toMatch(/not closed/);
    expect(parseError('@relation r\nhello\n@data\n').line).toBe(2);
  });

  it('an unterminated quote', () => {
    const e = parseError("@relation r\n@attribute s string\n@data\n'abc\n");
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/unterminated/);
  });

  it('names the source', () => {
    expect(() => parseArff('@relation r\n', { source: 'x.arff' })).toThrow(/^x\.arff: line/);
  });
});

describe('readArff', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-arff-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file and names its path in errors', async () => {
    const path = join(dir, 'w.arff');
    writeFileSync(path, WEATHER);
    const d = await readArff(path);
    expect(d.table.rowCount).toBe(3);
    const bad = join(dir, 'bad.arff');
    writeFileSync(bad, WEATHER + 'sunny,1,2,MAYBE,no\n');
    await expect(readArff(bad)).rejects.toThrow(`${bad}: line 14, column windy`);
  });

  it('a missing file is a FileError naming the path', async () => {
    const path = join(dir, 'absent.arff');
    await expect(readArff(path)).rejects.toThrow(FileError);
    await expect(readArff(path)).rejects.toThrow(`${path}: no such file`);
  });
});

// Extra checks against the data sets shipped with Debian's weka package, when it is installed.
const WEKA_EXAMPLES = '/usr/share/doc/weka/examples';
describe.skipIf(!existsSync(join(WEKA_EXAMPLES, 'weather.nominal.arff')))('Weka example data sets (when installed)', () => {
  it('weather.nominal.arff: 14 instances, 5 nominal attributes, 9 play=yes', async () => {
    const d = await readArff(join(WEKA_EXAMPLES, 'weather.nominal.arff'));
    expect(d.table.rowCount).toBe(14);
    expect(d.attributes.every((a) => a.kind === 'nominal')).toBe(true);
    expect(d.table.column('play').values.filter((v) => v === 'yes').length).toBe(9);
  });

  it('iris.arff: 150 instances, 50 of each class', async () => {
    const d = await readArff(join(WEKA_EXAMPLES, 'iris.arff'));
    expect(d.table.rowCount).toBe(150);
    for (const c of d.attributes[4].values!) expect(d.table.column('class').values.filter((v) => v === c).length).toBe(50);
  });
});
