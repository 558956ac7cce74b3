import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, LimitExceededError } from '../../src/core/errors.js';
import { KnowledgeRecommender, meetsRequirement, type AttributedItem, type Requirement } from '../../src/recommend/knowledge.js';

const cameras: AttributedItem[] = [
  { id: 'c1', attributes: { price: 300, brand: 'A', zoom: 10, features: ['wifi'] } },
  { id: 'c2', attributes: { price: 550, brand: 'B', zoom: 30, features: ['wifi', 'gps'] } },
  { id: 'c3', attributes: { price: 800, brand: 'A', zoom: 20, features: ['gps'] } },
];

/** Every subset of positions 0..m−1 (as sorted arrays). */
function subsets(m: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << m; mask++) {
    const s: number[] = [];
    for (let j = 0; j < m; j++) if (mask & (1 << j)) s.push(j);
    out.push(s);
  }
  return out;
}

describe('KnowledgeRecommender', () => {
  const rec = KnowledgeRecommender.fit(cameras, { rankBy: { attribute: 'price', order: 'asc' } });

  it('returns the items meeting every requirement', () => {
    const reqs: Requirement[] = [{ attribute: 'features', includes: 'gps' }, { attribute: 'price', max: 900 }];
    const r = rec.query(reqs);
    expect(r.relaxed).toEqual([]);
    expect(r.items).toEqual(['c2', 'c3']); // by price ascending
    const recs = rec.recommend({ requirements: reqs });
    expect(recs.map((x) => x.item)).toEqual(['c2', 'c3']);
    expect(recs[0].score).toBe(1);
    expect(recs[0].reason).toMatch(/meets all 2 requirements/);
  });

  it('relaxes the smallest set when nothing meets them all', () => {
    const reqs: Requirement[] = [
      { attribute: 'brand', equals: 'A' },
      { attribute: 'price', max: 600 },
      { attribute: 'features', includes: ['gps'] },
      { attribute: 'zoom', min: 15 },
    ];
    const r = rec.query(reqs);
    // Relaxing brand leaves c2 (550, gps, zoom 30); relaxing price leaves c3 (brand A, gps, zoom 20);
    // relaxing features or zoom leaves nothing. The first in position order is reported.
    expect(r.relaxedIndices).toEqual([0]);
    expect(r.items).toEqual(['c2']);
    expect(r.alternatives).toEqual([[0], [1]]);
    const recs = rec.recommend({ requirements: reqs });
    expect(recs[0].score).toBe(3 / 4);
    expect(recs[0].reason).toMatch(/relaxed: brand = A/);
  });

  it('the relaxation is the smallest one (property: against brute force over all subsets)', () => {
    const item = fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.constantFrom('x', 'y', 'z'), c: fc.subarray(['p', 'q', 'r']) });
    const req = fc.oneof(
      fc.record({ attribute: fc.constant('a'), min: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ attribute: fc.constant('a'), max: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ attribute: fc.constant('b'), equals: fc.constantFrom('x', 'y', 'z') }),
      fc.record({ attribute: fc.constant('b'), in: fc.subarray(['x', 'y', 'z']) }),
      fc.record({ attribute: fc.constant('c'), includes: fc.subarray(['p', 'q', 'r']) }),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 8 }), fc.array(req, { minLength: 0, maxLength: 7 }), (rows, reqs) => {
        const items = rows.map((r, i) => ({ id: `i${i}`, attributes: { a: r.a, b: r.b, c: r.c } }));
        const k = KnowledgeRecommender.fit(items, { maxRelaxed: 7 });
        const got = k.query(reqs as Requirement[]);
        // Brute force: the sizes of the subsets whose removal leaves an item.
        const works = subsets(reqs.length).filter((drop) =>
          items.some((it) => reqs.every((r, j) => drop.includes(j) || meetsRequirement(it.attributes[r.attribute as 'a'], r as Requirement))),
        );
        const best = Math.min(...works.map((w) => w.length));
        expect(got.relaxedIndices!.length).toBe(best);
        const smallest = works.filter((w) => w.length === best).map((w) => JSON.stringify(w)).sort();
        expect(got.alternatives.map((w) => JSON.stringify(w)).sort()).toEqual(smallest);
        // The items reported are exactly those meeting the kept requirements.
        const kept = items.filter((it) => reqs.every((r, j) => got.relaxedIndices!.includes(j) || meetsRequirement(it.attributes[r.attribute as 'a'], r as Requirement)));
        expect(got.items.sort()).toEqual(kept.map((i) => i.id).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('respects the caps and checks requirements', () => {
    const impossible: Requirement[] = [
      { attribute: 'price', max: 100 },
      { attribute: 'zoom', min: 100 },
    ];
    const capped = KnowledgeRecommender.fit(cameras, { maxRelaxed: 1 });
    expect(capped.query(impossible).relaxed).toBeNull();
    expect(capped.recommend({ requirements: impossible })).toEqual([]);
    expect(() => KnowledgeRecommender.fit(cameras, { maxSubsets: 2 }).query(impossible)).toThrow(LimitExceededError);
    expect(() => rec.query([{ attribute: 'weight', max: 1 }])).toThrow(/"weight"/);
    expect(() => rec.query([{ attribute: 'price' }])).toThrow(InvalidOptionError);
  });

  it('round-trips through JSON', () => {
    const back = KnowledgeRecommender.fromJSON(JSON.parse(JSON.stringify(rec)));
    const reqs: Requirement[] = [{ attribute: 'price', min: 400 }];
    expect(back.recommend({ requirements: reqs })).toEqual(rec.recommend({ requirements: reqs }));
  });
});
