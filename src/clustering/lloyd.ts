/**
 * The exact k-means iteration (Lloyd's algorithm) in three implementations that give identical labels
 * and centres from the same starting centres: plain Lloyd, Hamerly's (one lower bound per point) and
 * Elkan's (k lower bounds per point) triangle-inequality accelerations.
 *
 * How identity is kept: every variant computes a point's squared distances with the same kernel in the
 * same order; a full scan picks the lowest index among exact ties; bounds only skip a centre when it is
 * provably farther by more than a small slack (1e-10 of the data's diameter plus a relative 1e-12), so
 * rounding in the bounds can never skip a centre that plain Lloyd would pick; centres are always
 * recomputed from scratch as the mean of their points in row order; and empty clusters are handled by
 * the same deterministic rule (see {@link runLloyd}).
 *
 * @module
 */
import { AbortedError } from '../core/errors.js';
import { assignNearest, squaredEuclidean } from './distance.js';

/**
 * The exact k-means variants.
 *
 * @example
 * ```ts
 * import { fitKMeans, type ExactAlgorithm } from 'crm-mining';
 * const x = [[1, 2], [1, 4], [10, 2], [10, 4], [5, 20], [6, 21]];
 * // The three exact algorithms give the same clustering; Hamerly and Elkan skip distance computations.
 * for (const algorithm of ['lloyd', 'hamerly', 'elkan'] satisfies ExactAlgorithm[]) {
 *   const model = fitKMeans(x, { k: 3, algorithm, seed: 1 });
 *   console.log(algorithm, model.inertia, model.distanceComputations);
 * }
 * ```
 */
export type ExactAlgorithm = 'lloyd' | 'hamerly' | 'elkan';

/** Inputs of one exact k-means run. */
export interface LloydInput {
  /** n × d data, row-major. */
  x: Float64Array;
  n: number;
  d: number;
  k: number;
  /** Starting centres, k × d (not modified). */
  centres: Float64Array;
  maxIter: number;
  /** The absolute tolerance on the total squared centre shift (already multiplied by the mean variance). */
  tolAbs: number;
  /** Whether to record the inertia after every assignment step. */
  trackInertia: boolean;
  /** Slack for bound comparisons (absolute, in distance units). */
  slack: number;
  signal?: AbortSignal;
}

/** The outcome of one exact k-means run. */
export interface LloydResult {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
  distanceComputations: number;
  inertiaHistory: number[];
  emptyClusterEvents: number;
}

/** Runs one exact k-means with the chosen variant. */
export function runExact(algorithm: ExactAlgorithm, input: LloydInput): LloydResult {
  return new Engine(algorithm, input).run();
}

const REL = 1e-12;

class Engine {
  private readonly x: Float64Array;
  private readonly n: number;
  private readonly d: number;
  private readonly k: number;
  private c: Float64Array;
  private next: Float64Array;
  private readonly labels: Int32Array;
  private readonly counts: Float64Array;
  private readonly shift: Float64Array;
  private distances = 0;
  private emptyEvents = 0;
  // Lloyd: exact squared distance to the assigned centre.
  private minD2: Float64Array | undefined;
  // Hamerly / Elkan bounds (in distance units, not squared).
  private upper: Float64Array | undefined;
  private lower: Float64Array | undefined;
  private half: Float64Array | undefined;
  private cc: Float64Array | undefined;

  constructor(
    private readonly algorithm: ExactAlgorithm,
    private readonly input: LloydInput,
  ) {
    this.x = input.x;
    this.n = input.n;
    this.d = input.d;
    this.k = input.k;
    this.c = new Float64Array(input.centres);
    this.next = new Float64Array(this.k * this.d);
    this.labels = new Int32Array(this.n);
    this.counts = new Float64Array(this.k);
    this.shift = new Float64Array(this.k);
  }

  run(): LloydResult {
    const { maxIter, tolAbs, trackInertia, signal } = this.input;
    const history: number[] = [];
    this.initialAssign();
    if (trackInertia) history.push(this.inertia());
    let iterations = 0;
    let converged = false;
    while (iterations < maxIter) {
      if (signal?.aborted) throw new AbortedError('k-means was aborted');
      iterations++;
      const shiftTotal = this.update();
      const changed = this.assign();
      if (trackInertia) history.push(this.inertia());
      if (changed === 0) {
        converged = true;
        break;
      }
      if (shiftTotal <= tolAbs) {
        converged = true;
        break;
      }
    }
    return {
      centres: this.c,
      labels: this.labels,
      inertia: this.inertia(),
      iterations,
      converged,
      distanceComputations: this.distances,
      inertiaHistory: history,
      emptyClusterEvents: this.emptyEvents,
    };
  }

  /** Σ squared distance of each point to its assigned centre (exact, row order). */
  inertia(): number {
    const { x, n, d, c, labels } = this;
    let s = 0;
    for (let i = 0; i < n; i++) s += squaredEuclidean(x, i * d, c, labels[i] * d, d);
    return s;
  }

  private initialAssign(): void {
    const { x, n, d, k, c, labels } = this;
    if (this.algorithm === 'lloyd') {
      this.minD2 = new Float64Array(n);
    } else {
      this.upper = new Float64Array(n);
      this.lower = new Float64Array(this.algorithm === 'hamerly' ? n : n * k);
      this.half = new Float64Array(k);
      if (this.algorithm === 'elkan') this.cc = new Float64Array(k * k);
    }
    const { minD2, upper, lower } = this;
    const elkan = this.algorithm === 'elkan';
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      let best = Infinity;
      let second = Infinity;
      let bi = 0;
      for (let j = 0; j < k; j++) {
        const v = squaredEuclidean(x, xo, c, j * d, d);
        if (elkan) lower![i * k + j] = Math.sqrt(v);
        if (v < best) {
          second = best;
          best = v;
          bi = j;
        } else if (v < second) second = v;
      }
      labels[i] = bi;
      if (minD2 !== undefined) minD2[i] = best;
      if (upper !== undefined) {
        upper[i] = Math.sqrt(best);
        if (!elkan) lower![i] = Math.sqrt(second);
      }
    }
    this.distances += n * k;
  }

  /**
   * The update step: each centre becomes the mean of its points. Returns Σ‖new − old‖².
   *
   * Empty clusters (deterministic, as scikit-learn's idea of relocating to far points): the empty
   * clusters, in index order, each take the point farthest from its assigned centre (squared distance
   * to the centre it was assigned to in the last assignment step; ties → lower row index), skipping
   * points whose cluster would be left empty; the point is relabelled to the empty cluster, whose centre
   * becomes that point.
   */
  private update(): number {
    const { x, n, d, k, labels, counts } = this;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[labels[i]]++;
    let empties = 0;
    for (let j = 0; j < k; j++) if (counts[j] === 0) empties++;
    if (empties > 0) this.relocate(empties);
    const next = this.next;
    next.fill(0);
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      const co = labels[i] * d;
      for (let t = 0; t < d; t++) next[co + t] += x[xo + t];
    }
    for (let j = 0; j < k; j++) {
      const cnt = counts[j];
      const co = j * d;
      if (cnt === 0) for (let t = 0; t < d; t++) next[co + t] = this.c[co + t];
      else for (let t = 0; t < d; t++) next[co + t] /= cnt;
    }
    let total = 0;
    const old = this.c;
    for (let j = 0; j < k; j++) {
      const s2 = squaredEuclidean(old, j * d, next, j * d, d);
      total += s2;
      this.shift[j] = Math.sqrt(s2);
    }
    this.next = old;
    this.c = next;
    if (this.algorithm !== 'lloyd') this.updateBounds();
    return total;
  }

  private relocate(empties: number): void {
    const { x, n, d, k, labels, counts, c } = this;
    this.emptyEvents++;
    // Exact squared distance of each point to its assigned (current) centre.
    let dist = this.minD2;
    if (dist === undefined) {
      dist = new Float64Array(n);
      for (let i = 0; i < n; i++) dist[i] = squaredEuclidean(x, i * d, c, labels[i] * d, d);
      this.distances += n;
    }
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const dd = dist;
    order.sort((a, b) => (dd[b] !== dd[a] ? dd[b] - dd[a] : a - b));
    let p = 0;
    for (let j = 0; j < k && empties > 0; j++) {
      if (counts[j] !== 0) continue;
      while (p < n && counts[labels[order[p]]] <= 1) p++;
      if (p >= n) break; // cannot happen when k ≤ distinct points; leave the cluster empty-safe below
      const i = order[p++];
      counts[labels[i]]--;
      labels[i] = j;
      counts[j] = 1;
      empties--;
      if (this.upper !== undefined) {
        // Force a full recomputation for this point in the next assignment step.
        this.upper[i] = Infinity;
        if (this.algorithm === 'hamerly') this.lower![i] = 0;
        else this.lower!.fill(0, i * k, (i + 1) * k);
      }
      if (this.minD2 !== undefined) this.minD2[i] = 0;
    }
    // With k ≤ the number of distinct points a donor always exists (pigeonhole); were one missing, the
    // cluster keeps its old centre (see update()).
  }

  private updateBounds(): void {
    const { n, k, d, labels, shift, c } = this;
    const upper = this.upper!;
    const lower = this.lower!;
    if (this.algorithm === 'hamerly') {
      let m1 = 0;
      let m1j = -1;
      let m2 = 0;
      for (let j = 0; j < k; j++) {
        const s = shift[j];
        if (s > m1) {
          m2 = m1;
          m1 = s;
          m1j = j;
        } else if (s > m2) m2 = s;
      }
      for (let i = 0; i < n; i++) {
        const a = labels[i];
        upper[i] += shift[a];
        lower[i] -= a === m1j ? m2 : m1;
      }
    } else {
      for (let i = 0; i < n; i++) {
        upper[i] += shift[labels[i]];
        const o = i * k;
        for (let j = 0; j < k; j++) {
          const v = lower[o + j] - shift[j];
          lower[o + j] = v > 0 ? v : 0;
        }
      }
    }
    // Half the distance from each centre to its nearest other centre.
    const half = this.half!;
    const cc = this.cc;
    half.fill(Infinity);
    for (let j = 0; j < k; j++) {
      for (let j2 = j + 1; j2 < k; j2++) {
        const v = 0.5 * Math.sqrt(squaredEuclidean(c, j * d, c, j2 * d, d));
        if (cc !== undefined) {
          cc[j * k + j2] = v;
          cc[j2 * k + j] = v;
        }
        if (v < half[j]) half[j] = v;
        if (v < half[j2]) half[j2] = v;
      }
    }
  }

  /** The assignment step; returns the number of points whose label changed. */
  private assign(): number {
    if (this.algorithm === 'lloyd') return this.assignLloyd();
    if (this.algorithm === 'hamerly') return this.assignHamerly();
    return this.assignElkan();
  }

  private assignLloyd(): number {
    const { x, n, d, k, c, labels } = this;
    const minD2 = this.minD2!;
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const before = labels[i];
      minD2[i] = assignNearest(x, i * d, c, k, d, labels, i);
      if (labels[i] !== before) changed++;
    }
    this.distances += n * k;
    return changed;
  }

  private assignHamerly(): number {
    const { x, n, d, k, c, labels } = this;
    const upper = this.upper!;
    const lower = this.lower!;
    const half = this.half!;
    const slack = this.input.slack;
    let changed = 0;
    let computed = 0;
    for (let i = 0; i < n; i++) {
      const a = labels[i];
      const h = half[a];
      const l = lower[i];
      const m = h > l ? h : l;
      let u = upper[i];
      if (u * (1 + REL) + slack < m) continue;
      const xo = i * d;
      u = Math.sqrt(squaredEuclidean(x, xo, c, a * d, d));
      computed++;
      upper[i] = u;
      if (u * (1 + REL) + slack < m) continue;
      let best = Infinity;
      let second = Infinity;
      let bi = 0;
      for (let j = 0; j < k; j++) {
        const v = squaredEuclidean(x, xo, c, j * d, d);
        if (v < best) {
          second = best;
          best = v;
          bi = j;
        } else if (v < second) second = v;
      }
      computed += k;
      upper[i] = Math.sqrt(best);
      lower[i] = Math.sqrt(second);
      if (bi !== a) {
        labels[i] = bi;
        changed++;
      }
    }
    this.distances += computed;
    return changed;
  }

  private assignElkan(): number {
    const { x, n, d, k, c, labels } = this;
    const upper = this.upper!;
    const lower = this.lower!;
    const half = this.half!;
    const cc = this.cc!;
    const slack = this.input.slack;
    let changed = 0;
    let computed = 0;
    for (let i = 0; i < n; i++) {
      const a0 = labels[i];
      let a = a0;
      let u = upper[i];
      if (u * (1 + REL) + slack < half[a]) continue;
      const xo = i * d;
      const lo = i * k;
      let tight = false;
      let d2a = 0;
      for (let j = 0; j < k; j++) {
        if (j === a) continue;
        const lb = lower[lo + j];
        const hc = cc[a * k + j];
        let bound = lb > hc ? lb : hc;
        if (u * (1 + REL) + slack < bound) continue;
        if (!tight) {
          d2a = squaredEuclidean(x, xo, c, a * d, d);
          computed++;
          u = Math.sqrt(d2a);
          lower[lo + a] = u;
          tight = true;
          bound = lb > hc ? lb : hc;
          if (u * (1 + REL) + slack < bound) continue;
        }
        const v = squaredEuclidean(x, xo, c, j * d, d);
        computed++;
        const dj = Math.sqrt(v);
        lower[lo + j] = dj;
        if (v < d2a || (v === d2a && j < a)) {
          a = j;
          d2a = v;
          u = dj;
        }
      }
      upper[i] = u;
      if (a !== a0) {
        labels[i] = a;
        changed++;
      }
    }
    this.distances += computed;
    return changed;
  }
}
