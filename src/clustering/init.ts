/**
 * k-means initialisation: greedy k-means++ (as scikit-learn) and uniform random choice of k rows.
 *
 * @module
 */
import type { Random } from '../core/rng.js';
import { squaredEuclidean } from './distance.js';

/**
 * Greedy k-means++ seeding (Arthur and Vassilvitskii 2007, with scikit-learn's greedy trials): the first
 * centre is a uniformly random row; each next centre is chosen among `2 + ⌊ln k⌋` candidates, each drawn
 * with probability proportional to its squared distance to the nearest centre chosen so far, keeping the
 * candidate that most reduces the total squared distance (the potential).
 *
 * @param x - rows × d, row-major.
 * @param rows - only these row indices are used (all rows when `undefined`).
 * @returns k × d centres, row-major.
 *
 * @example
 * ```ts
 * import { kmeansPlusPlus, Random } from 'crm-mining';
 * // four points in two groups, flat row-major (n = 4 rows, d = 2 columns)
 * const x = new Float64Array([0, 0, 0, 1, 10, 10, 10, 11]);
 * const centres = kmeansPlusPlus(x, 4, 2, 2, new Random(42));
 * console.log(centres.length); // 4: two centres of two values, one picked from each group
 * ```
 */
export function kmeansPlusPlus(x: Float64Array, n: number, d: number, k: number, rng: Random, rows?: Int32Array): Float64Array {
  if (rows !== undefined) {
    // Work on a contiguous copy of the chosen rows: no indirection in the hot loops.
    const sub = new Float64Array(rows.length * d);
    for (let i = 0; i < rows.length; i++) sub.set(x.subarray(rows[i] * d, (rows[i] + 1) * d), i * d);
    return kmeansPlusPlus(sub, rows.length, d, k, rng);
  }
  const m = n;
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(m) * d;
  centres.set(x.subarray(first, first + d), 0);
  let closest = new Float64Array(m);
  let pot = 0;
  for (let i = 0; i < m; i++) {
    const v = squaredEuclidean(x, i * d, centres, 0, d);
    closest[i] = v;
    pot += v;
  }
  const cumsum = new Float64Array(m);
  let cand = new Float64Array(m);
  let best = new Float64Array(m);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < m; i++) {
      acc += closest[i];
      cumsum[i] = acc;
    }
    let bestPot = Infinity;
    let bestRow = -1;
    for (let t = 0; t < trials; t++) {
      const r = rng.next() * acc;
      // searchsorted(cumsum, r, side='left'): first i with cumsum[i] >= r
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumsum[mid] < r) lo = mid + 1;
        else hi = mid;
      }
      const id = lo < m ? lo : m - 1;
      const off = id * d;
      let p = 0;
      for (let i = 0; i < m; i++) {
        const v = squaredEuclidean(x, i * d, x, off, d);
        const w = v < closest[i] ? v : closest[i];
        cand[i] = w;
        p += w;
      }
      if (p < bestPot) {
        bestPot = p;
        bestRow = off;
        const tmp = best;
        best = cand;
        cand = tmp;
      }
    }
    centres.set(x.subarray(bestRow, bestRow + d), c * d);
    const tmp = closest;
    closest = best;
    best = tmp;
    pot = bestPot;
  }
  void pot;
  return centres;
}

/**
 * k distinct rows chosen uniformly at random (Forgy), as the centres.
 *
 * @example
 * ```ts
 * import { randomRows, Random } from 'crm-mining';
 * const x = new Float64Array([0, 0, 0, 1, 10, 10, 10, 11]);
 * // two distinct rows of the four, chosen uniformly (Forgy initialisation)
 * const centres = randomRows(x, 4, 2, 2, new Random(7));
 * console.log(Array.from(centres));
 * ```
 */
export function randomRows(x: Float64Array, n: number, d: number, k: number, rng: Random, rows?: Int32Array): Float64Array {
  const m = rows === undefined ? n : rows.length;
  const pick = rng.sample(m, k);
  const centres = new Float64Array(k * d);
  for (let c = 0; c < k; c++) {
    const off = (rows === undefined ? pick[c] : rows[pick[c]]) * d;
    centres.set(x.subarray(off, off + d), c * d);
  }
  return centres;
}
