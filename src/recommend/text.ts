/**
 * Text features for content-based recommending: a small tokenizer, TF-IDF weights, and sparse vectors
 * over typed arrays with their cosine similarity.
 *
 * @module
 */
import { InvalidInputError, InvalidOptionError } from '../core/errors.js';
import { describe } from '../core/validate.js';

/**
 * A short English stop-word list (articles, pronouns, auxiliaries, prepositions and conjunctions): the
 * tokenizer's default. Lower-case.
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

/** Options of {@link tokenize}. */
export interface TokenizeOptions {
  /** Words to drop (compared after lower-casing). Default {@link ENGLISH_STOP_WORDS}; pass `[]` to keep every word. */
  stopWords?: readonly string[];
  /** Shortest token kept, in characters (default 1). */
  minLength?: number;
}

/**
 * Splits text into tokens: lower-cases it, splits on every character that is not a Unicode letter or
 * digit, and drops empty tokens, tokens shorter than `minLength` and stop words. For example
 * `tokenize("The Cat's hat, 2 cats!")` is `['cat', 's', 'hat', '2', 'cats']`.
 *
 * @throws InvalidInputError when `text` is not a string.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
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
 */
export interface SparseVector {
  /** Feature indices, strictly increasing. */
  readonly indices: Int32Array;
  /** The weights, aligned with `indices`. */
  readonly values: Float64Array;
}

/** The dot product of two sparse vectors (a merge over their sorted indices). */
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

/** The Euclidean (L2) norm of a sparse vector. */
export function sparseNorm(a: SparseVector): number {
  let s = 0;
  for (let i = 0; i < a.values.length; i++) s += a.values[i] * a.values[i];
  return Math.sqrt(s);
}

/**
 * The cosine similarity `a·b / (‖a‖ ‖b‖)` of two sparse vectors, in [−1, 1]; NaN when either vector is
 * all zeros (the angle is undefined).
 */
export function cosineSimilarity(a: SparseVector, b: SparseVector): number {
  const na = sparseNorm(a);
  const nb = sparseNorm(b);
  if (na === 0 || nb === 0) return NaN;
  return sparseDot(a, b) / (na * nb);
}

/** Options of {@link tfidf}. */
export interface TfidfOptions {
  /** A term is kept only when it occurs in at least this many documents (default 1: every term). */
  minDocumentFrequency?: number;
}

/** The result of {@link tfidf}. */
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
 */
export function tfidf(documents: readonly (readonly string[])[], options: TfidfOptions = {}): TfidfResult {
  const minDf = options.minDocumentFrequency ?? 1;
  if (!Number.isInteger(minDf) || minDf < 1) {
    throw new InvalidOptionError('minDocumentFrequency', `expected an integer >= 1, got ${describe(minDf)}`);
  }
  if (!Array.isArray(documents)) throw new InvalidInputError(`documents: expected an array of token arrays, got ${describe(documents)}`);
  const n = documents.length;
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
