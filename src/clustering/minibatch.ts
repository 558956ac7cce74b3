/**
 * Mini-batch k-means (Sculley 2010), as scikit-learn's `MiniBatchKMeans`: each step draws a random batch
 * of rows (with replacement), assigns it to the nearest centres, and moves each centre towards the mean
 * of its batch points with a per-centre learning rate 1 / (points it has seen so far).
 *
 * @module
 */
import { AbortedError } from '../core/errors.js';
import type { Random } from '../core/rng.js';
import { assignNearest } from './distance.js';

/** Inputs of one mini-batch run. */
export interface MiniBatchInput {
  x: Float64Array;
  n: number;
  d: number;
  k: number;
  centres: Float64Array;
  batchSize: number;
  /** Maximum passes over the data (epochs): steps = ⌈maxIter · n / batchSize⌉. */
  maxIter: number;
  /** Stop after this many steps without improvement of the smoothed batch inertia. */
  maxNoImprovement: number;
  /** Absolute tolerance on the total squared centre shift of a step (0 disables). */
  tolAbs: number;
  rng: Random;
  signal?: AbortSignal;
}

/** The outcome of a mini-batch run (labels and inertia come from one final full assignment pass). */
export interface MiniBatchResult {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
  distanceComputations: number;
}

/** Runs mini-batch k-means from the given centres. */
export function runMiniBatch(input: MiniBatchInput): MiniBatchResult {
  const { x, n, d, k, batchSize, maxIter, maxNoImprovement, tolAbs, rng, signal } = input;
  const c = new Float64Array(input.centres);
  const seen = new Float64Array(k);
  const sums = new Float64Array(k * d);
  const batchCounts = new Float64Array(k);
  const batch = new Int32Array(batchSize);
  const batchLabels = new Int32Array(batchSize);
  const steps = Math.ceil((maxIter * n) / batchSize);
  const alpha = Math.min(1, (2 * batchSize) / (n + 1));
  let ewa = NaN;
  let bestEwa = Infinity;
  let noImprovement = 0;
  let distances = 0;
  let step = 0;
  let converged = false;
  while (step < steps) {
    if (signal?.aborted) throw new AbortedError('mini-batch k-means was aborted');
    step++;
    for (let b = 0; b < batchSize; b++) batch[b] = rng.int(n);
    let batchInertia = 0;
    batchCounts.fill(0);
    sums.fill(0);
    for (let b = 0; b < batchSize; b++) {
      const xo = batch[b] * d;
      batchInertia += assignNearest(x, xo, c, k, d, batchLabels, b);
      const bi = batchLabels[b];
      batchCounts[bi]++;
      const co = bi * d;
      for (let t = 0; t < d; t++) sums[co + t] += x[xo + t];
    }
    distances += batchSize * k;
    let shiftTotal = 0;
    for (let j = 0; j < k; j++) {
      const nb = batchCounts[j];
      if (nb === 0) continue;
      const total = seen[j] + nb;
      const co = j * d;
      for (let t = 0; t < d; t++) {
        const old = c[co + t];
        const v = (old * seen[j] + sums[co + t]) / total;
        const diff = v - old;
        shiftTotal += diff * diff;
        c[co + t] = v;
      }
      seen[j] = total;
    }
    batchInertia /= batchSize;
    ewa = Number.isNaN(ewa) ? batchInertia : ewa * (1 - alpha) + batchInertia * alpha;
    if (tolAbs > 0 && step > 1 && shiftTotal <= tolAbs) {
      converged = true;
      break;
    }
    if (ewa < bestEwa) {
      bestEwa = ewa;
      noImprovement = 0;
    } else if (++noImprovement >= maxNoImprovement) {
      converged = true;
      break;
    }
  }
  const labels = new Int32Array(n);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += assignNearest(x, i * d, c, k, d, labels, i);
  distances += n * k;
  return { centres: c, labels, inertia, iterations: step, converged, distanceComputations: distances };
}
