import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { dataFile, haveData } from '../helpers/data.js';
import { cli, expectFailure, expectUsage, tempDir } from './helpers.js';

/** The fields of one CSV line (quotes and doubled quotes handled), read without library code. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let p = 0; p < line.length; p++) {
    const ch = line[p];
    if (quoted) {
      if (ch === '"' && line[p + 1] === '"') {
        cell += '"';
        p++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

interface Rec {
  item: string;
  score: number;
  reason: string;
  label?: string | null;
}

async function recommendations(args: string[], cwd: string): Promise<Rec[]> {
  const r = await cli([...args, '--json'], { cwd });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout).recommendations as Rec[];
}

/** The recommendations without their labels. */
const unlabelled = (recs: readonly Rec[]): Rec[] => recs.map(({ item, score, reason }) => ({ item, score, reason }));

// Hand-built data: m5 is rated but not in the items file; m4's title cell is empty; m9 is in the items file
// but nobody rated it, and shares its title with m1 (a remake), so a title used as a content attribute
// would pull m9 toward the users who liked m1.
const RATINGS = ['user,item,rating', 'ann,m1,5', 'ann,m2,4', 'bob,m1,4', 'bob,m3,5', 'bob,m4,2', 'cat,m2,3', 'cat,m3,4', 'dan,m5,1', 'dan,m3,2'];
const TITLES: Record<string, string | null> = {
  m1: 'Heat (1995)',
  m2: 'Toy Story (1995)',
  m3: 'Godfather, The (1972)',
  m4: null,
  m9: 'Heat (1995)',
};
const GENRES: Record<string, string> = { m1: 'Action|Crime', m2: 'Animation|Comedy', m3: 'Crime|Drama', m4: 'Comedy', m9: 'Drama' };
const IDS = Object.keys(TITLES);
const quote = (s: string | null): string => (s === null ? '' : `"${s.replace(/"/g, '""')}"`);

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const t = await tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  await t.file('r.csv', RATINGS.join('\n') + '\n');
  await t.file('r.tsv', RATINGS.slice(1).map((l) => l.replace(/,/g, '\t')).join('\n') + '\n');
  await t.file('items.csv', ['id,title,genres', ...IDS.map((id) => `${id},${quote(TITLES[id])},${GENRES[id]}`)].join('\n') + '\n');
  await t.file('items-no-title.csv', ['id,genres', ...IDS.map((id) => `${id},${GENRES[id]}`)].join('\n') + '\n');
  await t.file('items.tsv', ['id\ttitle\tgenres', ...IDS.map((id) => `${id}\t${TITLES[id] ?? ''}\t${GENRES[id]}`)].join('\n') + '\n');
  // With | as the field delimiter, a field holding | is quoted.
  await t.file('items.txt', IDS.map((id) => `${id}|${TITLES[id] ?? ''}|"${GENRES[id]}"`).join('\n') + '\n');
});
afterAll(async () => {
  await cleanup();
});

const base = ['recommend', 'r.csv', '--user', 'user', '--item', 'item', '--rating', 'rating'];
const labelled = ['--items', 'items.csv', '--item-id', 'id', '--item-label', 'title'];

describe('crm-mining recommend --items FILE --item-label COL', () => {
  it('adds the label of each recommended item, null when the file lacks the item or its cell is empty', async () => {
    const recs = await recommendations([...base, '--algorithm', 'popularity', '--for', 'ann', ...labelled], dir);
    // ann consumed m1 and m2; the catalogue of the interactions also has m3, m4 and m5.
    expect(recs.map((r) => r.item).sort()).toEqual(['m3', 'm4', 'm5']);
    for (const r of recs) {
      expect(Object.keys(r).sort()).toEqual(['item', 'label', 'reason', 'score']);
      expect(r.label, r.item).toBe(r.item in TITLES ? TITLES[r.item] : null);
    }
  });

  it('items and scores are those of the run without it; reasons name the items they cite by label', async () => {
    // An id written by its title; m4 (empty cell) and m5 (not in the file) have none, so stay ids.
    const named = (reason: string): string => reason.replace(/\bm\d\b/g, (id) => TITLES[id] ?? id);
    for (const algorithm of ['popularity', 'item-knn', 'baseline', 'als', 'hybrid']) {
      const plain = await recommendations([...base, '--algorithm', algorithm, '--for', 'cat'], dir);
      for (const r of plain) expect(Object.keys(r).sort(), algorithm).toEqual(['item', 'reason', 'score']);
      const withLabels = await recommendations([...base, '--algorithm', algorithm, '--for', 'cat', ...labelled], dir);
      expect(withLabels.length, algorithm).toBeGreaterThan(0);
      expect(withLabels.map((r) => [r.item, r.score]), algorithm).toEqual(plain.map((r) => [r.item, r.score]));
      expect(withLabels.map((r) => r.reason), algorithm).toEqual(plain.map((r) => named(r.reason)));
      // item-knn, als and the hybrid (als inside) cite cat's items m2 and m3, which have titles.
      const cites = algorithm === 'item-knn' || algorithm === 'als' || algorithm === 'hybrid';
      expect(withLabels.some((r) => r.reason !== plain.find((p) => p.item === r.item)!.reason), algorithm).toBe(cites);
    }
  });

  it('prints the label after the id in the text output', async () => {
    const r = await cli([...base, '--algorithm', 'popularity', '--for', 'ann', ...labelled], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Top 10 for ann (popularity):');
    expect(lines.slice(1)).toHaveLength(3);
    for (const line of lines.slice(1)) {
      const id = /^\s+\d+\. (m\d) /.exec(line)![1];
      const afterId = line.slice(line.indexOf(id) + id.length);
      expect(afterId.startsWith(`  ${TITLES[id] ?? '(no label)'}  `), line).toBe(true);
    }
    // item-knn's reasons cite what cat rated (m2 and m3) by their titles.
    const knn = await cli([...base, '--algorithm', 'item-knn', '--for', 'cat', ...labelled], { cwd: dir });
    expect(knn.code, knn.stderr).toBe(0);
    const reasons = knn.stdout.trimEnd().split('\n').slice(1);
    expect(reasons.length).toBeGreaterThan(0);
    for (const line of reasons) expect(line, line).toMatch(/ {2}similar to (Toy Story \(1995\)|Godfather, The \(1972\)) you rated \d/);
  });

  it('content: the label column is not an attribute; items nobody rated get their label', async () => {
    const content = [...base, '--algorithm', 'content', '--item-tags', 'genres', '--item-id', 'id'];
    for (const u of ['ann', 'bob', 'dan']) {
      const withLabels = await recommendations([...content, '--items', 'items.csv', '--item-label', 'title', '--for', u], dir);
      const noTitle = await recommendations([...content, '--items', 'items-no-title.csv', '--for', u], dir);
      expect(unlabelled(withLabels), u).toEqual(noTitle);
      for (const r of withLabels) expect(r.label, r.item).toBe(TITLES[r.item]);
    }
    const ann = await recommendations([...content, '--items', 'items.csv', '--item-label', 'title', '--for', 'ann'], dir);
    expect(ann.find((r) => r.item === 'm9')?.label).toBe('Heat (1995)');
    // Evaluating content with --item-label is allowed (it only keeps the label column out of the attributes).
    const cv = await cli([...content, '--items', 'items.csv', '--item-label', 'title', '--cv', '2', '--json'], { cwd: dir });
    expect(cv.code, cv.stderr).toBe(0);
    expect(JSON.parse(cv.stdout).algorithm).toBe('content');
  });

  it('--items-format tsv and pipe, and --items-no-header with positions', async () => {
    const expected = await recommendations([...base, '--algorithm', 'popularity', '--for', 'ann', ...labelled], dir);
    const tsv = await recommendations([...base, '--algorithm', 'popularity', '--for', 'ann', '--items', 'items.tsv', '--items-format', 'tsv', '--item-id', 'id', '--item-label', 'title'], dir);
    expect(tsv).toEqual(expected);
    // Interactions without a header too: --item 2 is the default id column, position 2 of items.txt is not,
    // so --item-id 1 names it.
    const positional = ['recommend', 'r.tsv', '--format', 'tsv', '--no-header', '--user', '1', '--item', '2', '--rating', '3', '--algorithm', 'popularity', '--for', 'ann'];
    const pipe = await recommendations([...positional, '--items', 'items.txt', '--items-format', 'pipe', '--items-no-header', '--item-id', '1', '--item-label', '2'], dir);
    expect(pipe).toEqual(expected);
  });

  it('a label or id column the file lacks fails on one line naming the flag and the file as given, and listing the columns', async () => {
    expectFailure(
      await cli([...base, '--for', 'ann', '--algorithm', 'popularity', '--items', 'items.csv', '--item-id', 'id', '--item-label', 'name'], { cwd: dir }),
      /^crm-mining: option --item-label: no column "name" in items\.csv \(the columns are "id", "title", "genres"\)\n$/,
    );
    // Without --item-id the id column is --item's name, "item", which items.csv does not have.
    expectFailure(
      await cli([...base, '--for', 'ann', '--algorithm', 'popularity', '--items', 'items.csv', '--item-label', 'title'], { cwd: dir }),
      /^crm-mining: option --item-id: no column "item" in items\.csv \(the columns are "id", "title", "genres"\)\n$/,
    );
    // Without a header, columns are positions, in the message too.
    expectFailure(
      await cli([...base, '--for', 'ann', '--algorithm', 'popularity', '--items', 'items.txt', '--items-format', 'pipe', '--items-no-header', '--item-id', '1', '--item-label', '4'], { cwd: dir }),
      /^crm-mining: option --item-label: no column "4" in items\.txt \(the columns are "1", "2", "3"\)\n$/,
    );
  });

  it('usage errors: the flags need --items; other families need --item-label and --for', async () => {
    const pop = [...base, '--algorithm', 'popularity'];
    expectUsage(await cli([...pop, '--for', 'ann', '--item-label', 'title'], { cwd: dir }), /--item-label describes the --items FILE, which is missing/);
    expectUsage(await cli([...pop, '--for', 'ann', '--items-no-header'], { cwd: dir }), /--items-no-header describes the --items FILE/);
    expectUsage(await cli([...pop, '--for', 'ann', '--items', 'items.csv', '--item-id', 'id'], { cwd: dir }), /--items with --algorithm popularity .*--item-label COL/);
    expectUsage(await cli([...pop, ...labelled, '--cv', '2'], { cwd: dir }), /--item-label .*needs --for USER/);
  });

  it('a value the flags do not allow fails with exit 1 naming the flag', async () => {
    const pop = [...base, '--algorithm', 'popularity'];
    expectFailure(await cli([...pop, '--for', 'ann', ...labelled, '--items-format', 'xls'], { cwd: dir }), /^crm-mining: option --items-format: expected one of 'csv', 'tsv', 'pipe', got "xls"/);
    expectFailure(await cli([...pop, '--for', 'ann', ...labelled, '--items-format', 'toString'], { cwd: dir }), /^crm-mining: option --items-format: expected one of/);
    expectFailure(await cli([...pop, '--for', 'ann', ...labelled, '--item-tags', 'genres'], { cwd: dir }), /^crm-mining: option --item-tags: only applies to --algorithm content, not popularity/);
  });
});

describe.skipIf(!haveData('recsys/ml-latest-small/ratings.csv') || !haveData('recsys/ml-latest-small/movies.csv'))('MovieLens titles (ml-latest-small)', () => {
  const ratings = dataFile('recsys/ml-latest-small/ratings.csv');
  const movies = dataFile('recsys/ml-latest-small/movies.csv');
  const args = ['recommend', ratings, '--user', 'userId', '--item', 'movieId', '--rating', 'rating', '--items', movies, '--item-label', 'title'];
  let titles: Map<string, string>;
  let rated: Map<string, Set<string>>;
  let counts: Map<string, number>;
  beforeAll(async () => {
    titles = new Map();
    for (const line of (await readFile(movies, 'utf8')).split(/\r?\n/).slice(1)) {
      if (line === '') continue;
      const f = csvFields(line);
      titles.set(f[0], f[1]);
    }
    rated = new Map();
    counts = new Map();
    for (const line of (await readFile(ratings, 'utf8')).split(/\r?\n/).slice(1)) {
      if (line === '') continue;
      const [u, m] = line.split(',');
      if (!rated.has(u)) rated.set(u, new Set());
      rated.get(u)!.add(m);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
  });

  it('popularity recommends the most-rated movie, Forrest Gump, by its title to a user who has not rated it', async () => {
    let top = '';
    for (const [m, c] of counts) if (top === '' || c > counts.get(top)!) top = m;
    expect(titles.get(top)).toBe('Forrest Gump (1994)');
    const user = [...rated.keys()].find((u) => !rated.get(u)!.has(top))!;
    const recs = await recommendations([...args, '--algorithm', 'popularity', '--for', user, '--k', '5'], process.cwd());
    expect(recs[0].item).toBe(top);
    expect(recs[0].label).toBe('Forrest Gump (1994)');
    for (const r of recs) expect(r.label, r.item).toBe(titles.get(r.item));
  });

  it('content on the genres: every recommended movie carries its movies.csv title', async () => {
    const recs = await recommendations([...args, '--algorithm', 'content', '--item-tags', 'genres', '--for', '1'], process.cwd());
    expect(recs).toHaveLength(10);
    for (const r of recs) {
      expect(rated.get('1')!.has(r.item), r.item).toBe(false);
      expect(r.label, r.item).toBe(titles.get(r.item));
      expect(typeof r.label).toBe('string');
    }
  });
});
