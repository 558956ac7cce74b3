import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/core/errors.js';
import { ContentRecommender, type ContentItem } from '../../src/recommend/content.js';

const S = Math.SQRT1_2;
const items: ContentItem[] = [
  { id: 'A', attributes: { genre: 'drama' } },
  { id: 'B', attributes: { genre: 'comedy' } },
  { id: 'C', attributes: { genre: ['drama', 'comedy'] } },
  { id: 'D', attributes: { genre: 'drama', year: 1994 } },
  { id: 'E', tags: ['noir'] },
];

function dense(rec: ContentRecommender, item: string): Map<string, number> {
  const v = rec.itemVector(item);
  const out = new Map<string, number>();
  v.indices.forEach((f, j) => out.set(rec.featureNames[f], v.values[j]));
  return out;
}

describe('ContentRecommender', () => {
  const history = [
    { user: 'u', item: 'A', rating: 5 },
    { user: 'u', item: 'B', rating: 1 },
    { user: 'w', item: 'A' },
  ];
  const rec = ContentRecommender.fit(items, history);

  it('builds unit-length attribute blocks (one-hot, multi-valued split evenly)', () => {
    const c = dense(rec, 'C');
    expect([...c.keys()].sort()).toEqual(['genre=comedy', 'genre=drama']);
    for (const v of c.values()) expect(v).toBeCloseTo(S, 15);
    const d = dense(rec, 'D');
    expect([...d.keys()].sort()).toEqual(['genre=drama', 'year=1994']);
    for (const v of d.values()) expect(v).toBeCloseTo(S, 15);
    expect([...dense(rec, 'A').values()]).toEqual([1]);
  });

  it('scores by cosine to the mean-centred profile, by hand', () => {
    // Weights 5−3 = 2 and 1−3 = −2: profile = (2·A − 2·B) / 4 = (drama 0.5, comedy −0.5).
    const p = rec.profile('u').vector();
    const byName = new Map(rec.featureNames.map((n, f) => [n, p[f]]));
    expect(byName.get('genre=drama')).toBeCloseTo(0.5, 15);
    expect(byName.get('genre=comedy')).toBeCloseTo(-0.5, 15);
    const recs = rec.recommend('u', { k: 10 });
    const score = new Map(recs.map((r) => [r.item, r.score]));
    // D: (0.5·S) / (|p| = S · 1) = 0.5; C: 0.5·S − 0.5·S = 0.
    expect(score.get('D')).toBeCloseTo(0.5, 14);
    expect(score.get('C')).toBeCloseTo(0, 14);
    expect(recs[0].item).toBe('D');
    expect(recs[0].reason).toContain('genre=drama');
    // consumed items are excluded by default; E has no feature in common → cosine 0 but still scored
    expect(score.has('A')).toBe(false);
    expect(score.has('B')).toBe(false);
  });

  it('implicit feedback weighs items 1', () => {
    const recs = rec.recommend('w');
    expect(recs[0].item).toBe('C'); // cos(A, C) = S = cos(A, D); tie to the lower index
    expect(recs[0].score).toBeCloseTo(S, 14);
    expect(recs[1].item).toBe('D');
  });

  it('updates a profile incrementally, equal to building it from scratch', () => {
    const p1 = rec.updateProfile(rec.profile('u'), 'E', 4);
    const fresh = rec.profile({ items: { A: 5, B: 1, E: 4 } }).vector();
    const inc = p1.vector();
    for (let f = 0; f < fresh.length; f++) expect(inc[f]).toBeCloseTo(fresh[f], 14);
    // replacing a rating
    const p2 = rec.updateProfile(p1, 'A', 2);
    const fresh2 = rec.profile({ items: { A: 2, B: 1, E: 4 } }).vector();
    const inc2 = p2.vector();
    for (let f = 0; f < fresh2.length; f++) expect(inc2[f]).toBeCloseTo(fresh2[f], 14);
    // the original profile is unchanged
    expect(rec.profile('u').size).toBe(2);
  });

  it('withRating returns a new recommender; the old one is unchanged', () => {
    const next = rec.withRating('u', 'E', 5);
    expect(next.recommend('u').map((r) => r.item)).not.toContain('E');
    expect(rec.recommend('u').map((r) => r.item)).toContain('E');
    const newUser = rec.withRating('new', 'D');
    expect(newUser.recommend('new')[0].item).toBe('A');
    expect(rec.recommend('new')).toEqual([]);
  });

  it('uses text TF-IDF and names matching words in the reason', () => {
    const r = ContentRecommender.fit(
      [
        { id: 'n1', text: 'Detective solves a murder in the rain' },
        { id: 'n2', text: 'A detective story: another murder' },
        { id: 'n3', text: 'Cooking pasta at home' },
        { id: 'n4', text: 'Gardening at home in the rain' },
      ],
      { u: ['n1'] },
    );
    const recs = r.recommend('u');
    expect(recs[0].item).toBe('n2');
    expect(recs[0].reason).toMatch(/word "(detective|murder)"/);
  });

  it('round-trips through JSON', () => {
    const back = ContentRecommender.fromJSON(JSON.parse(JSON.stringify(rec.withRating('u', 'E', 3))));
    expect(back.recommend('u')).toEqual(rec.withRating('u', 'E', 3).recommend('u'));
  });

  it('rejects bad input with typed errors', () => {
    expect(() => ContentRecommender.fit([], [])).toThrow(InvalidInputError);
    expect(() => ContentRecommender.fit([{ id: 'x' }, { id: 'x' }], [])).toThrow(/duplicate/);
    expect(() => ContentRecommender.fit(items, [{ user: 'u', item: 'Z' }], { unknown: 'error' })).toThrow(/"Z"/);
    expect(() => rec.recommend('u', { k: 0 })).toThrow(/option k/);
    const strict = ContentRecommender.fit(items, [], { unknown: 'error' });
    expect(() => strict.recommend('nobody')).toThrow(/nobody/);
  });
});
