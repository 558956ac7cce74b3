import { describe, expect, it } from 'vitest';
import { rejectUnknownOptions, suggestOptionKey } from '../../src/core/validate.js';

// Known-key lists modelled on real option sets of the library.
const KNN = ['similarity', 'k', 'minK', 'minSupport', 'shrinkage', 'baseline', 'neighbourList', 'unknown', 'variant'];
const OPTIMIZER = ['maxIterations', 'gradientTolerance', 'initialStep'];
const TREE = ['maxDepth', 'minSamplesLeaf', 'minSamplesSplit', 'sampleWeight', 'seed'];
const REPORT = ['title', 'dataName', 'generatedAt', 'version', 'notes'];
const TOKENIZE = ['stopWords', 'minLength', 'minLeaf'];
const SHORT = ['k', 'by', 'seed', 'bins'];

describe('suggestOptionKey: good suggestions', () => {
  it.each([
    // tier 1: case and separators only
    ['Seed', TREE, 'seed'],
    ['MAXDEPTH', TREE, 'maxDepth'],
    ['max_depth', TREE, 'maxDepth'],
    ['sample-weight', TREE, 'sampleWeight'],
    ['K', KNN, 'k'],
    // tier 2: abbreviation (prefix either way) or whole camelCase words
    ['maxIter', OPTIMIZER, 'maxIterations'],
    ['iterations', OPTIMIZER, 'maxIterations'],
    ['tolerance', OPTIMIZER, 'gradientTolerance'],
    ['seedd', TREE, 'seed'],
    ['weight', TREE, 'sampleWeight'],
    ['minLen', TOKENIZE, 'minLength'], // a prefix beats minLeaf, which is only 2 edits away
    ['support', KNN, 'minSupport'],
    // tier 3: near spellings, the limit growing with the key's length
    ['sed', SHORT, 'seed'], // 3 characters: 1 edit
    ['bye', SHORT, 'by'],
    ['bin', SHORT, 'bins'],
    ['simlarity', KNN, 'similarity'],
    ['shrinkgae', KNN, 'shrinkage'], // a transposition is one edit
    ['minSuport', KNN, 'minSupport'],
    ['varinat', KNN, 'variant'],
    ['minSampleLeaf', TREE, 'minSamplesLeaf'],
    ['minSamplesLaef', TREE, 'minSamplesLeaf'],
  ] as const)('%s → %s', (key, known, expected) => {
    expect(suggestOptionKey(key, known)).toBe(expected);
  });
});

describe('suggestOptionKey: no suggestion where a guess would mislead', () => {
  it.each([
    ['kind', KNN], // minK is 2 edits from a 4-letter key
    ['x', SHORT], // k is 1 edit, but that is the whole key
    ['kk', SHORT],
    ['neighbours', KNN], // shares a stem with neighbourList, yet neither extends the other
    ['max', TREE], // a prefix of maxDepth, but less than half of it
    ['min', TREE],
    ['subtitle', REPORT], // ends with title, but not as a whole camelCase word
    ['depth', ['minSupport', 'maxLength', 'seed']],
    ['criterion', TREE],
    ['', TREE],
  ] as const)('%s', (key, known) => {
    expect(suggestOptionKey(key, known)).toBeUndefined();
  });

  it('gives nothing when there are no known keys', () => {
    expect(suggestOptionKey('seed', [])).toBeUndefined();
  });
});

describe('suggestOptionKey: choosing among several', () => {
  it('prefers the closer tier, then the smaller difference, then the first listed key', () => {
    // the same key ignoring case beats an abbreviation
    expect(suggestOptionKey('seed', ['seedUsers', 'SEED'])).toBe('SEED');
    // an abbreviation beats a near spelling
    expect(suggestOptionKey('minLen', ['minLeaf', 'minLength'])).toBe('minLength');
    // among abbreviations, the one closest in length
    expect(suggestOptionKey('period', ['periodLength', 'periods'])).toBe('periods');
    // among near spellings, the fewest edits
    expect(suggestOptionKey('regUsr', ['regItem', 'regUsers', 'regUser'])).toBe('regUser');
    // a full tie goes to the first listed
    expect(suggestOptionKey('benefitz', ['method', 'benefits', 'benefitx'])).toBe('benefits');
  });

  it('is the suggestion rejectUnknownOptions puts in its message', () => {
    expect(() => rejectUnknownOptions({ maxIter: 5 }, OPTIMIZER, 'minimize')).toThrow('option maxIter: unknown option for minimize(); did you mean maxIterations?');
    expect(() => rejectUnknownOptions({ kind: 'cosine' }, KNN, 'fitItemKnn')).toThrow(`option kind: unknown option for fitItemKnn(); known options are ${KNN.join(', ')}`);
  });
});
