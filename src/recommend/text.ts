/**
 * Text features for content-based recommending: a small tokenizer, TF-IDF weights, and sparse vectors
 * over typed arrays with their cosine similarity.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe, optionKeys, rejectUnknownOptions } from '../core/validate.js';

/**
 * A short English stop-word list (articles, pronouns, auxiliaries, prepositions and conjunctions): the
 * tokenizer's default. Lower-case.
 *
 * @example
 * ```ts
 * import { ENGLISH_STOP_WORDS, tokenize } from 'crm-mining';
 * console.log(ENGLISH_STOP_WORDS.includes('the'), ENGLISH_STOP_WORDS.includes('not')); // true true
 * // keep negations, which matter in reviews
 * const stopWords = ENGLISH_STOP_WORDS.filter((w) => w !== 'not' && w !== 'no');
 * console.log(tokenize('not the right plan', { stopWords })); // ['not', 'right', 'plan']
 * ```
 */
export const ENGLISH_STOP_WORDS: readonly string[] = Object.freeze(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves'
  ).split(' '),
);

/**
 * Options of {@link tokenize}.
 *
 * @example
 * ```ts
 * import { tokenize, type TokenizeOptions } from 'crm-mining';
 * const options: TokenizeOptions = { stopWords: ['a', 'per'], minLength: 2 };
 * console.log(tokenize('5 GB a month, 10 € per GB', options)); // ['gb', 'month', '10', 'gb']
 * ```
 */
export interface TokenizeOptions {
  /** Words to drop (compared after lower-casing). Default {@link ENGLISH_STOP_WORDS}; pass `[]` to keep every word. */
  stopWords?: readonly string[];
  /** Shortest token kept, in characters (default 1). */
  minLength?: number;
}

const TOKENIZE_OPTION_KEYS = optionKeys<TokenizeOptions>({ stopWords: true, minLength: true });

/**
 * Splits text into tokens: lower-cases it, splits on every character that is not a Unicode letter or
 * digit, and drops empty tokens, tokens shorter than `minLength` and stop words. For example
 * `tokenize("The Cat's hat, 2 cats!")` is `['cat', 's', 'hat', '2', 'cats']`.
 *
 * @throws InvalidInputError when `text` is not a string.
 *
 * @example
 * ```ts
 * import { tokenize } from 'crm-mining';
 * console.log(tokenize('The fastest fibre broadband, now with a free router!'));
 * // ['fastest', 'fibre', 'broadband', 'free', 'router']
 * console.log(tokenize('Up to 1 Gbit/s', { stopWords: [], minLength: 2 })); // ['up', 'to', 'gbit']
 * ```
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  rejectUnknownOptions(options, TOKENIZE_OPTION_KEYS, 'tokenize');
  if (typeof text !== 'string') throw new InvalidInputError(`text: expected a string, got ${describe(text)}`, { field: 'text' });
  const stop = stopWordSet(options.stopWords);
  const minLength = options.minLength ?? 1;
  if (!Number.isInteger(minLength) || minLength < 1) throw new InvalidOptionError('minLength', `expected an integer >= 1, got ${describe(minLength)}`);
  const out: string[] = [];
  for (const token of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (token.length >= minLength && !stop.has(token)) out.push(token);
  }
  return out;
}

const DEFAULT_STOP = new Set(ENGLISH_STOP_WORDS);

function stopWordSet(words: readonly string[] | undefined): ReadonlySet<string> {
  if (words === undefined) return DEFAULT_STOP;
  if (!Array.isArray(words)) throw new InvalidOptionError('stopWords', `expected an array of words, got ${describe(words)}`);
  return new Set(words.map((w) => String(w).toLowerCase()));
}

/**
 * A sparse vector: `indices` strictly increasing feature indices and `values` their weights. Features
 * not listed are 0.
 *
 * @example
 * ```ts
 * import { sparseNorm, type SparseVector } from 'crm-mining';
 * // the vector (0, 0, 1.5, 0, 2): only the non-zero features are stored, indices increasing
 * const v: SparseVector = { indices: Int32Array.of(2, 4), values: Float64Array.of(1.5, 2) };
 * console.log(sparseNorm(v)); // 2.5
 * ```
 */
export interface SparseVector {
  /** Feature indices, strictly increasing. */
  readonly indices: Int32Array;
  /** The weights, aligned with `indices`. */
  readonly values: Float64Array;
}

/**
 * The dot product of two sparse vectors (a merge over their sorted indices).
 *
 * @example
 * ```ts
 * import { sparseDot, type SparseVector } from 'crm-mining';
 * const a: SparseVector = { indices: Int32Array.of(0, 3, 7), values: Float64Array.of(1, 2, 3) };
 * const b: SparseVector = { indices: Int32Array.of(3, 7, 9), values: Float64Array.of(4, 0.5, 8) };
 * console.log(sparseDot(a, b)); // 9.5: only features 3 and 7 are shared (2·4 + 3·0.5)
 * ```
 */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  const ai = a.indices;
  const bi = b.indices;
  while (i < ai.length && j < bi.length) {
    const x = ai[i];
    const y = bi[j];
    if (x === y) {
      s += a.values[i++] * b.values[j++];
    } else if (x < y) i++;
    else j++;
  }
  return s;
}

/**
 * The Euclidean (L2) norm of a sparse vector.
 *
 * @example
 * ```ts
 * import { sparseNorm } from 'crm-mining';
 * console.log(sparseNorm({ indices: Int32Array.of(2, 5), values: Float64Array.of(3, 4) })); // 5
 * ```
 */
export function sparseNorm(a: SparseVector): number {
  let s = 0;
  for (let i = 0; i < a.values.length; i++) s += a.values[i] * a.values[i];
  return Math.sqrt(s);
}

/**
 * The cosine similarity `a·b / (‖a‖ ‖b‖)` of two sparse vectors, in [−1, 1]; NaN when either vector is
 * all zeros (the angle is undefined).
 *
 * @example
 * ```ts
 * import { tfidf, tokenize, cosineSimilarity } from 'crm-mining';
 * const docs = ['fibre broadband with router', 'fast fibre broadband', 'mobile phone contract', 'phone insurance'];
 * const { vectors } = tfidf(docs.map((d) => tokenize(d)));
 * console.log(cosineSimilarity(vectors[0], vectors[1]).toFixed(3)); // 0.333: they share 'fibre' and 'broadband'
 * console.log(cosineSimilarity(vectors[0], vectors[2])); // 0: nothing in common
 * ```
 */
export function cosineSimilarity(a: SparseVector, b: SparseVector): number {
  const na = sparseNorm(a);
  const nb = sparseNorm(b);
  if (na === 0 || nb === 0) return NaN;
  return sparseDot(a, b) / (na * nb);
}

/**
 * Options of {@link tfidf}.
 *
 * @example
 * ```ts
 * import { tfidf, tokenize, type TfidfOptions } from 'crm-mining';
 * const descriptions = ['red wool scarf', 'blue wool hat', 'red cotton shirt', 'zebra-print cotton scarf'];
 * // drop words that occur in a single description: they cannot relate two items
 * const options: TfidfOptions = { minDocumentFrequency: 2 };
 * console.log(tfidf(descriptions.map((d) => tokenize(d)), options).vocabulary); // ['red', 'wool', 'scarf', 'cotton']
 * ```
 */
export interface TfidfOptions {
  /** A term is kept only when it occurs in at least this many documents (default 1: every term). */
  minDocumentFrequency?: number;
}

const TFIDF_OPTION_KEYS = optionKeys<TfidfOptions>({ minDocumentFrequency: true });

/**
 * The result of {@link tfidf}.
 *
 * @example
 * ```ts
 * import { tfidf, type TfidfResult } from 'crm-mining';
 * const r: TfidfResult = tfidf([['fibre', 'tv'], ['fibre', 'mobile'], ['fibre']]);
 * console.log(r.vocabulary, r.documentFrequency); // ['fibre', 'tv', 'mobile'] Int32Array [3, 1, 1]
 * console.log(r.idf[0], r.vectors[2].indices.length); // 0 0: a term in every document weighs nothing
 * ```
 */
export interface TfidfResult {
  /** The kept terms, in order of first appearance; term `t` is feature index `t` of the vectors. */
  readonly vocabulary: readonly string[];
  /** Document frequency of each term: how many documents contain it. */
  readonly documentFrequency: Int32Array;
  /** `idf(t) = ln(N / df(t))`, N the number of documents. */
  readonly idf: Float64Array;
  /** One vector per document: `tf(t, d) · idf(t)`, where tf is the raw count of t in d. Not normalised. */
  readonly vectors: readonly SparseVector[];
}

/**
 * TF-IDF weights of tokenized documents: the weight of term t in document d is
 * `tf(t, d) · ln(N / df(t))` with tf the raw count, N the number of documents and df the number of
 * documents containing t (the classic Salton form, without smoothing: a term in every document weighs 0).
 * Terms in fewer than `minDocumentFrequency` documents are dropped. Zero weights are not stored.
 *
 * @param documents - each document as its tokens (see {@link tokenize}).
 * @throws InvalidOptionError when `minDocumentFrequency` is not an integer ≥ 1.
 *
 * @example
 * ```ts
 * import { tfidf } from 'crm-mining';
 * const result = tfidf([['dsl', 'router', 'router'], ['dsl', 'tv'], ['tv', 'sport']]);
 * console.log(result.vocabulary); // ['dsl', 'router', 'tv', 'sport']
 * console.log(result.idf[1].toFixed(3), result.vectors[0].values[1].toFixed(3)); // 1.099 2.197: ln 3, and twice that for 2 occurrences
 * console.log(tfidf([['dsl', 'router'], ['dsl', 'tv']], { minDocumentFrequency: 2 }).vocabulary); // ['dsl']
 * ```
 */
export function tfidf(documents: readonly (readonly string[])[], options: TfidfOptions = {}): TfidfResult {
  rejectUnknownOptions(options, TFIDF_OPTION_KEYS, 'tfidf');
  const minDf = options.minDocumentFrequency ?? 1;
  if (!Number.isInteger(minDf) || minDf < 1) {
    throw new InvalidOptionError('minDocumentFrequency', `expected an integer >= 1, got ${describe(minDf)}`);
  }
  if (!Array.isArray(documents)) throw new InvalidInputError(`documents: expected an array of token arrays, got ${describe(documents)}`);
  const n = documents.length;
  for (let d = 0; d < n; d++) {
    const doc: unknown = documents[d];
    if (!Array.isArray(doc)) {
      throw new InvalidInputError(`documents[${d}]: expected an array of tokens (use tokenize(text) for a string), got ${describe(doc)}`, { row: d });
    }
    for (let t = 0; t < doc.length; t++) {
      if (typeof doc[t] !== 'string') throw new InvalidInputError(`documents[${d}][${t}]: expected a token string, got ${describe(doc[t])}`, { row: d });
    }
  }
  // Document frequencies over all terms.
  const allIndex = new Map<string, number>();
  const allDf: number[] = [];
  for (let d = 0; d < n; d++) {
    const seen = new Set<string>(documents[d]);
    for (const t of seen) {
      const i = allIndex.get(t);
      if (i === undefined) {
        allIndex.set(t, allDf.length);
        allDf.push(1);
      } else allDf[i]++;
    }
  }
  const vocabulary: string[] = [];
  const index = new Map<string, number>();
  for (const [t, i] of allIndex) {
    if (allDf[i] >= minDf) {
      index.set(t, vocabulary.length);
      vocabulary.push(t);
    }
  }
  const df = new Int32Array(vocabulary.length);
  const idf = new Float64Array(vocabulary.length);
  for (let t = 0; t < vocabulary.length; t++) {
    df[t] = allDf[allIndex.get(vocabulary[t])!];
    idf[t] = Math.log(n / df[t]);
  }
  const vectors: SparseVector[] = new Array(n);
  for (let d = 0; d < n; d++) {
    const counts = new Map<number, number>();
    for (const t of documents[d]) {
      const i = index.get(t);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const keys = [...counts.keys()].filter((i) => idf[i] > 0).sort((a, b) => a - b);
    const indices = Int32Array.from(keys);
    const values = new Float64Array(keys.length);
    for (let j = 0; j < keys.length; j++) values[j] = counts.get(keys[j])! * idf[keys[j]];
    vectors[d] = { indices, values };
  }
  return { vocabulary, documentFrequency: df, idf, vectors };
}
