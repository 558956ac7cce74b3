/**
 * Ranking helpers shared by RFM and ABC (internal to the crm area).
 *
 * @module
 */

function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rank positions of finite values: `position[i]` is row i's 0-based place when the values are ordered
 * ascending (or descending), equal values by input order (earlier first). `tieStart`/`tieEnd` give the
 * first and last position of each row's tie group. Uses the native numeric sort of a `Float64Array`
 * and binary search, so no comparator callback runs.
 *
 * @param values - finite numbers.
 * @param descending - order largest first (default false).
 */
export function rankPositions(
  values: ArrayLike<number>,
  descending = false,
): { position: Int32Array; tieStart: Int32Array; tieEnd: Int32Array } {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const used = new Int32Array(n + 1);
  const position = new Int32Array(n);
  const tieStart = new Int32Array(n);
  const tieEnd = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const lb = lowerBound(sorted, v);
    const ub = upperBound(sorted, v);
    const start = descending ? n - ub : lb;
    position[i] = start + used[lb]++;
    tieStart[i] = start;
    tieEnd[i] = start + (ub - lb) - 1;
  }
  return { position, tieStart, tieEnd };
}

/** Row indices in rank order: `order[p]` is the row at position p (see {@link rankPositions}). */
export function rankOrder(values: ArrayLike<number>, descending = false): Int32Array {
  const { position } = rankPositions(values, descending);
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[position[i]] = i;
  return order;
}
