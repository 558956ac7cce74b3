import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { DemographicRecommender } from '../../src/recommend/demographic.js';

const users = {
  u1: { age: 22, region: 'north' },
  u2: { age: 24, region: 'north' },
  u3: { age: 23, region: 'north' },
  u4: { age: 61, region: 'south' },
  u5: { age: 67, region: 'south' },
  u6: { age: 40, region: 'north' },
};
const history = {
  u1: ['game', 'phone'],
  u2: ['game'],
  u3: ['game', 'music'],
  u4: ['radio', 'phone'],
  u5: ['radio'],
  u6: ['phone'],
};

describe('DemographicRecommender', () => {
  const rec = DemographicRecommender.fit(users, history, { bands: { age: [30, 60] }, shrinkage: 2 });

  it('returns results for a new user with attributes only (no history), with the shrinkage formula by hand', () => {
    const recs = rec.recommend({ attributes: { age: 25, region: 'north' } }, { k: 10 });
    expect(recs.length).toBeGreaterThan(0);
    expect(rec.segmentOf({ age: 25, region: 'north' })).toBe('age=<30, region=north');
    // Segment {u1, u2, u3}: game 3 of 3, phone 1, music 1; global shares over 6 users: game 3/6, phone 3/6, music 1/6, radio 2/6.
    const score = new Map(recs.map((r) => [r.item, r.score]));
    const m = 2;
    expect(score.get('game')).toBeCloseTo((3 + m * (3 / 6)) / (3 + m), 14);
    expect(score.get('phone')).toBeCloseTo((1 + m * (3 / 6)) / (3 + m), 14);
    expect(score.get('music')).toBeCloseTo((1 + m * (1 / 6)) / (3 + m), 14);
    expect(score.get('radio')).toBeCloseTo((0 + m * (2 / 6)) / (3 + m), 14);
    expect(recs[0].item).toBe('game');
    expect(recs[0].reason).toMatch(/100% of customers in segment age=<30, region=north/);
  });

  it('falls back to global popularity for a segment nobody is in', () => {
    const recs = rec.recommend({ attributes: { age: 45, region: 'west' } }, { k: 4 });
    expect(recs.map((r) => r.item)).toEqual(['game', 'phone', 'radio', 'music']);
    expect(recs[0].score).toBeCloseTo(3 / 6, 14);
    expect(recs[0].reason).toMatch(/no customer matches/);
  });

  it('excludes a known user\'s items by default', () => {
    const recs = rec.recommend('u4');
    expect(recs.map((r) => r.item)).not.toContain('radio');
    expect(recs.map((r) => r.item)).not.toContain('phone');
  });

  it('nearest mode weighs the most similar users', () => {
    const near = DemographicRecommender.fit(users, history, { mode: 'nearest', neighbours: 2, shrinkage: 0 });
    // The two nearest to (age 65, south) are u5 (sim (1 − 2/45 + 1)/2) and u4 (sim (1 − 4/45 + 1)/2).
    const recs = near.recommend({ attributes: { age: 65, region: 'south' } });
    expect(recs[0].item).toBe('radio');
    expect(recs[0].score).toBeCloseTo(1, 14);
    const s4 = (2 - 4 / 45) / 2;
    const s5 = (2 - 2 / 45) / 2;
    expect(recs[1].item).toBe('phone');
    expect(recs[1].score).toBeCloseTo(s4 / (s4 + s5), 14);
  });

  it('round-trips through JSON and checks options', () => {
    const back = DemographicRecommender.fromJSON(JSON.parse(JSON.stringify(rec)));
    expect(back.recommend({ attributes: { age: 25, region: 'north' } })).toEqual(rec.recommend({ attributes: { age: 25, region: 'north' } }));
    expect(() => DemographicRecommender.fit(users, history, { bands: { region: [1] } })).toThrow(InvalidOptionError);
    expect(() => DemographicRecommender.fit(users, history, { attributes: ['income'] })).toThrow(/income/);
    expect(() => DemographicRecommender.fit(users, history, { shrinkage: -1 })).toThrow(/shrinkage/);
  });
});

describe('DemographicRecommender: a known user is left out of their own segment', () => {
  // Segment A = {a1 bought X, a2 bought Y}; segment B = {b1, b2 both bought X}. p(X) = 3/4, p(Y) = 1/4.
  const users = { a1: { seg: 'A' }, a2: { seg: 'A' }, b1: { seg: 'B' }, b2: { seg: 'B' }, c1: { seg: 'C' } };
  const history = { a1: ['X'], a2: ['Y'], b1: ['X'], b2: ['X'], c1: ['Y'] };
  const m = 1;
  const rec = DemographicRecommender.fit(users, history, { shrinkage: m });
  const pX = 3 / 5;
  const pY = 2 / 5;

  it("scores a1 by the other members only, which changes the ranking", () => {
    const recs = rec.recommend('a1', { exclude: [] });
    // group {a2}: X 0 of 1, Y 1 of 1. Counting a1 itself would give X (1 + m·pX)/3 = 0.533 above Y (1 + m·pY)/3 = 0.467.
    expect(recs.map((r) => r.item)).toEqual(['Y', 'X']);
    const score = new Map(recs.map((r) => [r.item, r.score]));
    expect(score.get('Y')).toBeCloseTo((1 + m * pY) / (1 + m), 14);
    expect(score.get('X')).toBeCloseTo((0 + m * pX) / (1 + m), 14);
    expect(recs[0].reason).toMatch(/\(1 of 1\)/);
    // the same through a profile naming the user, and through scores()
    expect(rec.recommend({ user: 'a1' }, { exclude: [] })).toEqual(recs);
    expect(rec.scores('a1')[rec.catalogue.indexOf('Y')!]).toBeCloseTo((1 + m * pY) / (1 + m), 14);
  });

  it('a new customer with the same attributes counts every member', () => {
    const recs = rec.recommend({ attributes: { seg: 'A' } });
    expect(recs.map((r) => r.item)).toEqual(['X', 'Y']);
    expect(recs[0].score).toBeCloseTo((1 + m * pX) / (2 + m), 14);
    expect(recs[1].score).toBeCloseTo((1 + m * pY) / (2 + m), 14);
  });

  it("a known user asking about another segment leaves no one out", () => {
    const recs = rec.recommend({ user: 'a1', attributes: { seg: 'B' } }, { exclude: [] });
    expect(recs[0].item).toBe('X');
    expect(recs[0].score).toBeCloseTo((2 + m * pX) / (2 + m), 14);
  });

  it('a user alone in their segment gets global popularity', () => {
    const recs = rec.recommend('c1', { exclude: [] });
    expect(recs.map((r) => r.item)).toEqual(['X', 'Y']);
    expect(recs[0].score).toBeCloseTo(pX, 14);
    expect(recs[0].reason).toMatch(/no other customer matches/);
  });
});

