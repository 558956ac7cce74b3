import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { cosineSimilarity, sparseDot, tfidf, tokenize } from '../../src/recommend/text.js';

describe('tokenize', () => {
  it('lower-cases, splits on non-letters/digits and drops stop words', () => {
    expect(tokenize("The Cat's hat, 2 cats!")).toEqual(['cat', 's', 'hat', '2', 'cats']);
    expect(tokenize('Über-fast ÜBER', { stopWords: [] })).toEqual(['über', 'fast', 'über']);
    expect(tokenize('a the an', { stopWords: [] })).toEqual(['a', 'the', 'an']);
    expect(tokenize('a the an')).toEqual([]);
    expect(tokenize('ab c de', { stopWords: [], minLength: 2 })).toEqual(['ab', 'de']);
  });
});

describe('tfidf', () => {
  it('weights raw counts by ln(N / df), by hand', () => {
    const docs = ['the cat sat', 'the dog sat', 'a cat cat dog', 'bird'].map((d) => tokenize(d));
    const r = tfidf(docs);
    expect(r.vocabulary).toEqual(['cat', 'sat', 'dog', 'bird']);
    expect(Array.from(r.documentFrequency)).toEqual([2, 2, 2, 1]);
    const ln2 = Math.log(4 / 2);
    const ln4 = Math.log(4);
    const dense = (d: number): number[] => {
      const out = [0, 0, 0, 0];
      r.vectors[d].indices.forEach((t, j) => (out[t] = r.vectors[d].values[j]));
      return out;
    };
    expect(dense(0)).toEqual([ln2, ln2, 0, 0]);
    expect(dense(2)).toEqual([2 * ln2, 0, ln2, 0]);
    expect(dense(3)).toEqual([0, 0, 0, ln4]);
  });

  it('drops terms below the minimum document frequency and terms in every document', () => {
    const r = tfidf([['x', 'y'], ['x', 'z'], ['x', 'y']], { minDocumentFrequency: 2 });
    expect(r.vocabulary).toEqual(['x', 'y']);
    // x is in every document: idf 0, so no weight is stored.
    expect(Array.from(r.vectors[1].indices)).toEqual([]);
    expect(() => tfidf([], { minDocumentFrequency: 0 })).toThrow(InvalidOptionError);
  });
});

describe('sparse cosine', () => {
  it('matches the hand computation', () => {
    const a = { indices: Int32Array.from([0, 2, 5]), values: Float64Array.from([1, 2, 3]) };
    const b = { indices: Int32Array.from([2, 3, 5]), values: Float64Array.from([4, 1, -1]) };
    expect(sparseDot(a, b)).toBe(2 * 4 + 3 * -1);
    expect(cosineSimilarity(a, b)).toBeCloseTo(5 / (Math.sqrt(14) * Math.sqrt(18)), 14);
    expect(cosineSimilarity(a, { indices: new Int32Array(0), values: new Float64Array(0) })).toBeNaN();
  });
});

describe('tfidf input checks', () => {
  it('rejects a document that is a string rather than a token array, naming it', async () => {
    const { InvalidInputError } = await import('../../src/core/errors.js');
    expect(() => tfidf(['fibre broadband'] as unknown as string[][])).toThrow(InvalidInputError);
    expect(() => tfidf([['ok'], 'fibre broadband'] as unknown as string[][])).toThrow(/documents\[1\]: expected an array of tokens/);
    expect(() => tfidf([['ok', 3]] as unknown as string[][])).toThrow(/documents\[0\]\[1\]: expected a token string/);
  });
});
