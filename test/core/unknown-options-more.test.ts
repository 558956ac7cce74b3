// The entry points of evaluate.ts, svd.ts, text.ts and probabilistic.ts reject unknown option keys too
// (the same rejectUnknownOptions as test/core/unknown-options.test.ts covers for the rest).
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/core/errors.js';
import { brierScore, calibrationTable, logLoss } from '../../src/evaluation/probabilistic.js';
import { Interactions } from '../../src/recommend/interactions.js';
import { SvdRecommender } from '../../src/recommend/collaborative/svd.js';
import { PopularityRecommender } from '../../src/recommend/collaborative/baseline.js';
import { compare, evaluateRecommender, interactionKFold, leaveNOutSplit, randomSplit, temporalSplit } from '../../src/recommend/evaluate.js';
import { tfidf, tokenize } from '../../src/recommend/text.js';
import { rejects } from '../helpers/options.js';

const data = Interactions.fromRecords(
  Array.from({ length: 40 }, (_, r) => ({ user: `u${r % 8}`, item: `i${(r * 3) % 7}`, value: 1 + (r % 5), timestamp: r })),
  { duplicates: 'last' },
);

describe('unknown option keys in evaluation, SVD, text and probability metrics', () => {
  it('names the key and suggests the closest known one', () => {
    const split = randomSplit(data, { testFraction: 0.25, seed: 1 });
    rejects(() => SvdRecommender.fit(data, { factor: 10 } as never), 'factor', 'factors');
    rejects(() => randomSplit(data, { testFraktion: 0.2 } as never), 'testFraktion', 'testFraction');
    rejects(() => leaveNOutSplit(data, { bye: 'latest' } as never), 'bye', 'by');
    rejects(() => temporalSplit(data, { cutof: 10 } as never), 'cutof', 'cutoff');
    rejects(() => interactionKFold(data, { fold: 3 } as never), 'fold', 'folds');
    rejects(() => evaluateRecommender((d) => PopularityRecommender.fit(d), split, { maxUser: 3 } as never), 'maxUser', 'maxUsers');
    rejects(() => compare({ pop: (d) => PopularityRecommender.fit(d) }, data, { fold: 2 } as never), 'fold', 'folds');
    rejects(() => tokenize('fibre broadband', { minLen: 2 } as never), 'minLen');
    rejects(() => tfidf([['a']], { minDocumentFrequncy: 1 } as never), 'minDocumentFrequncy', 'minDocumentFrequency');
    rejects(() => logLoss([0, 1], [0.2, 0.8], { epsilon: 1e-9 } as never), 'epsilon');
    rejects(() => brierScore([0, 1], [0.2, 0.8], { positiv: 1 } as never), 'positiv', 'positive');
    rejects(() => calibrationTable([0, 1], [0.2, 0.8], { bin: 2 } as never), 'bin', 'bins');
  });

  it('still accepts every documented key, and compare passes only evaluation keys on', () => {
    const res = compare({ pop: (d) => PopularityRecommender.fit(d) }, data, { folds: 2, seed: 3, k: 3, rating: false, onFold: () => undefined });
    expect(res.rows[0].algorithm).toBe('pop');
    expect(calibrationTable([0, 1, 1], [0.2, 0.8, 0.6], { bins: 2, strategy: 'quantile', positive: 1 }).length).toBe(2);
  });
});
