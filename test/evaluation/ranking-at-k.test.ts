import { describe, expect, it } from 'vitest';
import {
  averagePrecisionAtK,
  catalogueCoverage,
  hitAtK,
  intraListDiversity,
  ndcgAtK,
  novelty,
  precisionAtK,
  recallAtK,
  reciprocalRank,
} from '../../src/evaluation/ranking-at-k.js';
import { InvalidOptionError } from '../../src/core/errors.js';

// relevant items b and d; the list has them at ranks 2 and 4
const list = ['a', 'b', 'c', 'd', 'e'];
const rel = new Set(['b', 'd', 'z']);

describe('ranking metrics at k', () => {
  it('match hand computations', () => {
    expect(precisionAtK(list, rel, 4)).toBeCloseTo(2 / 4, 12);
    expect(precisionAtK(['b'], rel, 4)).toBeCloseTo(1 / 4, 12); // k is the denominator
    expect(recallAtK(list, rel, 4)).toBeCloseTo(2 / 3, 12);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAtK(list, rel, 4)).toBeCloseTo(dcg / idcg, 12);
    expect(averagePrecisionAtK(list, rel, 4)).toBeCloseTo((1 / 2 + 2 / 4) / 3, 12);
    expect(averagePrecisionAtK(list, ['b'], 4)).toBeCloseTo(1 / 2, 12);
    expect(reciprocalRank(list, rel)).toBeCloseTo(1 / 2, 12);
    expect(hitAtK(list, rel, 1)).toBe(0);
    expect(hitAtK(list, rel, 2)).toBe(1);
    expect(ndcgAtK(['b', 'd', 'z'], rel, 3)).toBeCloseTo(1, 12);
  });

  it('coverage, diversity and novelty', () => {
    expect(catalogueCoverage([['a', 'b'], ['b', 'c']], 10)).toBeCloseTo(0.3, 12);
    expect(intraListDiversity(['a', 'b', 'c'], (x, y) => (x === 'a' || y === 'a' ? 1 : 0))).toBeCloseTo(2 / 3, 12);
    const pop = new Map([
      ['a', 50],
      ['b', 25],
    ]);
    expect(novelty(['a', 'b'], pop, 100)).toBeCloseTo((1 + 2) / 2, 12);
  });

  it('rejects k < 1', () => {
    expect(() => precisionAtK(list, rel, 0)).toThrow(InvalidOptionError);
    expect(() => ndcgAtK(list, rel, 1.5)).toThrow(InvalidOptionError);
  });
});
