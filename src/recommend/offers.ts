/**
 * Offer assignment (cross-selling optimisation): from a customer × offer score matrix (propensities from
 * recommenders or response models) give each customer at most one offer, the one worth most, optionally
 * under a capacity per offer (call-centre slots, stock) and a total budget.
 *
 * **What an assignment is worth.** With `p[c][o]` the score (the probability that customer c takes offer
 * o), the value of making offer o to customer c is, by {@link OfferMethod}:
 * - `'naive'`: `p[c][o]` — the offer the customer is most likely to take, whatever it earns;
 * - `'average-benefit'`: `p[c][o] · b̄[o]` — the expected benefit with the offer's *average* benefit
 *   per acceptance `b̄[o]` (for example the product's mean margin), the same for every customer;
 * - `'individual-benefit'`: `p[c][o] · b[c][o]` — the expected benefit with a benefit estimated for
 *   *this* customer (for example the margin predicted from their spending).
 * These follow the usual progression of the cross-selling optimisation literature: from probability
 * alone, to expected value with product-level benefits, to expected value with customer-level benefits.
 * An offer is only made when its value exceeds {@link OfferAssignmentOptions.minValue} (default 0).
 *
 * **Without constraints** every customer gets the offer of highest value (ties: the lower offer index).
 *
 * **With capacities and/or a budget**:
 * - `'exact'` with capacities only: a maximum-value b-matching, solved as a min-cost flow
 *   (source → customer capacity 1; customer → offer capacity 1 at cost −value; offer → sink at the offer's
 *   capacity) by successive shortest paths (Bellman–Ford on the residual graph), augmenting while a path
 *   of negative cost exists. Optimal; O(customers · customers · offers) time, for small instances.
 * - `'exact'` with a budget only (integer costs and budget): a multiple-choice knapsack by dynamic
 *   programming over the budget, O(customers · offers · budget). Optimal.
 * - `'greedy'`: all (customer, offer) pairs by value (by value per unit cost when there is a budget),
 *   best first, each taken when the customer is free and the offer's capacity and the budget allow.
 *   O(P log P) for P pairs; not optimal in general.
 * - `'auto'` (default): exact when it applies and customers × offers ≤ {@link EXACT_LIMIT}, else greedy.
 *
 * @module
 */
import { InvalidOptionError } from '../core/errors.js';
import { toMatrix, type Matrix, type MatrixInput } from '../core/matrix.js';
import { describe, optionKeys, pickOptions, rejectUnknownOptions, requireOneOf } from '../core/validate.js';

/**
 * How the value of an offer to a customer is computed (see the module notes).
 *
 * @example
 * ```ts
 * import { assignOffers, type OfferMethod } from 'crm-mining';
 * const scores = [[0.5, 0.2]]; // likely to take the cheap offer 0, less the premium offer 1
 * const benefit = [10, 80];
 * for (const method of ['naive', 'average-benefit'] as OfferMethod[]) {
 *   console.log(method, assignOffers(scores, { method, benefit }).offerOf[0]);
 * }
 * // naive 0, average-benefit 1 (0.2 · 80 = 16 beats 0.5 · 10 = 5)
 * ```
 */
export type OfferMethod = 'naive' | 'average-benefit' | 'individual-benefit';

/**
 * The largest customers × offers for which `solver: 'auto'` uses an exact method.
 *
 * @example
 * ```ts
 * import { assignOffers, EXACT_LIMIT } from 'crm-mining';
 * declare const scores: number[][]; // customers × offers
 * // 'auto' solves exactly up to EXACT_LIMIT pairs and greedily beyond; force greedy on big runs yourself
 * const solver = scores.length * scores[0].length <= EXACT_LIMIT ? 'exact' : 'greedy';
 * console.log(EXACT_LIMIT, assignOffers(scores, { capacity: [500, 500, 200], solver }).solver); // 20000, then 'min-cost-flow' or 'greedy'
 * ```
 */
export const EXACT_LIMIT = 20_000;

/**
 * Options of {@link assignOffers}.
 *
 * @example
 * ```ts
 * import { assignOffers, type OfferAssignmentOptions } from 'crm-mining';
 * const scores = [[0.4, 0.3], [0.5, 0.1], [0.2, 0.6]];
 * // a budget of 10 for offers costing 4 and 5; only offers worth more than 0.15 are made
 * const options: OfferAssignmentOptions = { cost: [4, 5], budget: 10, minValue: 0.15 };
 * const a = assignOffers(scores, options);
 * console.log(Array.from(a.offerOf), a.cost, a.solver); // [-1, 0, 1] 9 knapsack
 * ```
 */
export interface OfferAssignmentOptions {
  /** How values are computed (default `'naive'`). */
  method?: OfferMethod;
  /** `'average-benefit'`: each offer's average benefit per acceptance (one number per offer). */
  benefit?: readonly number[];
  /** `'individual-benefit'`: the customer × offer benefit matrix. */
  benefits?: MatrixInput;
  /** The most customers each offer may go to (one non-negative integer per offer; default: no limit). */
  capacity?: readonly number[];
  /** What making each offer to one customer costs (one non-negative number per offer); needed with `budget`. */
  cost?: readonly number[];
  /** The most the offers made may cost in total (default: no limit). */
  budget?: number;
  /** An offer is only made when its value is strictly above this (default 0). */
  minValue?: number;
  /** `'auto'` (default), `'exact'` or `'greedy'` (see the module notes). */
  solver?: 'auto' | 'exact' | 'greedy';
}

const OFFER_ASSIGNMENT_OPTION_KEYS = optionKeys<OfferAssignmentOptions>({
  method: true,
  benefit: true,
  benefits: true,
  capacity: true,
  cost: true,
  budget: true,
  minValue: true,
  solver: true,
});

const OFFER_VALUE_OPTION_KEYS = optionKeys<Pick<OfferAssignmentOptions, 'method' | 'benefit' | 'benefits'>>({ method: true, benefit: true, benefits: true });

/**
 * The result of {@link assignOffers}.
 *
 * @example
 * ```ts
 * import { assignOffers, type OfferAssignment } from 'crm-mining';
 * const benefits = [[100, 30], [40, 60]]; // margin expected from each customer on each offer
 * const a: OfferAssignment = assignOffers([[0.1, 0.5], [0.3, 0.3]], { method: 'individual-benefit', benefits });
 * console.log(Array.from(a.offerOf), Array.from(a.value), a.total, Array.from(a.counts)); // [1, 1] [15, 18] 33 [0, 2]
 * ```
 */
export interface OfferAssignment {
  /** The offer index of each customer, −1 for none. */
  readonly offerOf: Int32Array;
  /** The value of each customer's assignment (0 for none). */
  readonly value: Float64Array;
  /** The total value. */
  readonly total: number;
  /** How many customers got each offer. */
  readonly counts: Int32Array;
  /** The total cost (0 without `cost`). */
  readonly cost: number;
  /** The method used. */
  readonly method: OfferMethod;
  /** The solver that ran: `'unconstrained'`, `'min-cost-flow'`, `'knapsack'` or `'greedy'`. */
  readonly solver: 'unconstrained' | 'min-cost-flow' | 'knapsack' | 'greedy';
}

function numberList(name: string, v: unknown, n: number, integer: boolean): Float64Array {
  if (!Array.isArray(v) || v.length !== n) throw new InvalidOptionError(name, `expected ${n} numbers (one per offer), got ${describe(v)}`);
  const out = new Float64Array(n);
  for (let o = 0; o < n; o++) {
    const x = v[o];
    if (typeof x !== 'number' || !(x >= 0) || x === Infinity || (integer && !Number.isInteger(x))) {
      throw new InvalidOptionError(`${name}[${o}]`, `expected a non-negative ${integer ? 'integer' : 'finite number'}, got ${describe(x)}`);
    }
    out[o] = x;
  }
  return out;
}

/**
 * The value matrix of a method: `p`, `p · b̄` or `p · b` (see the module notes).
 *
 * @throws InvalidOptionError when the method's benefits are missing or of the wrong shape.
 *
 * @example
 * ```ts
 * import { offerValues } from 'crm-mining';
 * const scores = [[0.3, 0.1], [0.2, 0.25]]; // P(customer takes offer)
 * const v = offerValues(scores, { method: 'average-benefit', benefit: [10, 50] }); // mean margin per offer
 * console.log(Array.from(v.data)); // [3, 5, 2, 12.5]: row after row, p · b̄
 * ```
 */
export function offerValues(scores: MatrixInput, options: Pick<OfferAssignmentOptions, 'method' | 'benefit' | 'benefits'> = {}): Matrix {
  rejectUnknownOptions(options, OFFER_VALUE_OPTION_KEYS, 'offerValues');
  const p = toMatrix(scores, { name: 'scores' });
  const method = requireOneOf('method', options.method ?? 'naive', ['naive', 'average-benefit', 'individual-benefit'] as const);
  const out = new Float64Array(p.data);
  if (method === 'average-benefit') {
    if (options.benefit === undefined) throw new InvalidOptionError('benefit', "the 'average-benefit' method needs the average benefit of each offer");
    if (!Array.isArray(options.benefit) || options.benefit.length !== p.cols) throw new InvalidOptionError('benefit', `expected ${p.cols} numbers (one per offer), got ${describe(options.benefit)}`);
    options.benefit.forEach((b, o) => {
      if (typeof b !== 'number' || !Number.isFinite(b)) throw new InvalidOptionError(`benefit[${o}]`, `expected a finite number, got ${describe(b)}`);
    });
    for (let c = 0; c < p.rows; c++) for (let o = 0; o < p.cols; o++) out[c * p.cols + o] *= options.benefit[o];
  } else if (method === 'individual-benefit') {
    if (options.benefits === undefined) throw new InvalidOptionError('benefits', "the 'individual-benefit' method needs the customer × offer benefit matrix");
    const b = toMatrix(options.benefits, { name: 'benefits' });
    if (b.rows !== p.rows || b.cols !== p.cols) throw new InvalidOptionError('benefits', `expected a ${p.rows} × ${p.cols} matrix like scores, got ${b.rows} × ${b.cols}`);
    for (let q = 0; q < out.length; q++) out[q] *= b.data[q];
  }
  return { rows: p.rows, cols: p.cols, data: out };
}

/**
 * Assigns each customer at most one offer (see the module notes for the methods and solvers).
 *
 * @param scores - customers × offers scores (propensities), finite numbers.
 * @param options - see {@link OfferAssignmentOptions}.
 * @throws InvalidInputError for a bad score or benefit (naming the row and column); InvalidOptionError for
 *   a bad option, or `solver: 'exact'` where no exact method applies (both a capacity and a budget, or a
 *   budget with non-integer costs).
 *
 * @example
 * ```ts
 * import { assignOffers } from 'crm-mining';
 * // 3 customers × 2 offers: propensities, and one call-centre slot for offer 0
 * const scores = [
 *   [0.6, 0.5],
 *   [0.7, 0.2],
 *   [0.1, 0.05],
 * ];
 * const free = assignOffers(scores);
 * console.log(Array.from(free.offerOf)); // [0, 0, 0]: everyone's favourite
 * const limited = assignOffers(scores, { capacity: [1, 3], solver: 'exact' });
 * console.log(Array.from(limited.offerOf), limited.total.toFixed(2), limited.solver); // [1, 0, 1] 1.25 min-cost-flow
 * ```
 */
export function assignOffers(scores: MatrixInput, options: OfferAssignmentOptions = {}): OfferAssignment {
  rejectUnknownOptions(options, OFFER_ASSIGNMENT_OPTION_KEYS, 'assignOffers');
  const method = requireOneOf('method', options.method ?? 'naive', ['naive', 'average-benefit', 'individual-benefit'] as const);
  const v = offerValues(scores, pickOptions(options, OFFER_VALUE_OPTION_KEYS));
  const n = v.rows;
  const m = v.cols;
  const solver = requireOneOf('solver', options.solver ?? 'auto', ['auto', 'exact', 'greedy'] as const);
  const minValue = options.minValue ?? 0;
  if (typeof minValue !== 'number' || !Number.isFinite(minValue)) throw new InvalidOptionError('minValue', `expected a finite number, got ${describe(minValue)}`);
  const capacity = options.capacity !== undefined ? numberList('capacity', options.capacity, m, true) : undefined;
  const cost = options.cost !== undefined ? numberList('cost', options.cost, m, false) : undefined;
  const budget = options.budget;
  if (budget !== undefined) {
    if (typeof budget !== 'number' || !(budget >= 0)) throw new InvalidOptionError('budget', `expected a number >= 0, got ${describe(budget)}`);
    if (cost === undefined) throw new InvalidOptionError('cost', 'a budget needs the cost of each offer');
  }

  let offerOf: Int32Array;
  let used: OfferAssignment['solver'];
  if (capacity === undefined && budget === undefined) {
    offerOf = unconstrained(v, minValue);
    used = 'unconstrained';
  } else {
    const integerBudget = budget !== undefined && Number.isInteger(budget) && cost!.every((x) => Number.isInteger(x));
    const exactApplies = (capacity !== undefined) !== (budget !== undefined) && (budget === undefined || integerBudget);
    if (solver === 'exact' && !exactApplies) {
      throw new InvalidOptionError(
        'solver',
        capacity !== undefined && budget !== undefined
          ? "no exact method here for a capacity and a budget together; use solver 'greedy'"
          : "the exact budget method needs integer costs and an integer budget; use solver 'greedy'",
      );
    }
    const exact = solver === 'exact' || (solver === 'auto' && exactApplies && n * m <= EXACT_LIMIT && (budget === undefined || n * m * budget <= 50_000_000));
    if (exact && capacity !== undefined) {
      offerOf = minCostFlow(v, capacity, minValue);
      used = 'min-cost-flow';
    } else if (exact) {
      offerOf = knapsack(v, cost!, budget!, minValue);
      used = 'knapsack';
    } else {
      offerOf = greedy(v, minValue, capacity, cost, budget);
      used = 'greedy';
    }
  }
  const value = new Float64Array(n);
  const counts = new Int32Array(m);
  let total = 0;
  let spent = 0;
  for (let c = 0; c < n; c++) {
    const o = offerOf[c];
    if (o < 0) continue;
    value[c] = v.data[c * m + o];
    total += value[c];
    counts[o]++;
    if (cost !== undefined) spent += cost[o];
  }
  return { offerOf, value, total, counts, cost: spent, method, solver: used };
}

function unconstrained(v: Matrix, minValue: number): Int32Array {
  const out = new Int32Array(v.rows).fill(-1);
  for (let c = 0; c < v.rows; c++) {
    let best = minValue;
    for (let o = 0; o < v.cols; o++) {
      const x = v.data[c * v.cols + o];
      if (x > best) {
        best = x;
        out[c] = o;
      }
    }
  }
  return out;
}

function greedy(v: Matrix, minValue: number, capacity: Float64Array | undefined, cost: Float64Array | undefined, budget: number | undefined): Int32Array {
  const n = v.rows;
  const m = v.cols;
  const pairs: number[] = [];
  for (let q = 0; q < n * m; q++) if (v.data[q] > minValue) pairs.push(q);
  const key = new Float64Array(n * m);
  for (const q of pairs) {
    const c = budget !== undefined && cost !== undefined ? cost[q % m] : 0;
    key[q] = c > 0 ? v.data[q] / c : budget !== undefined ? Infinity : v.data[q];
  }
  // With a budget, free offers come first (key Infinity), then by value per unit cost; ties by value, then pair order.
  pairs.sort((a, b) => key[b] - key[a] || v.data[b] - v.data[a] || a - b);
  const out = new Int32Array(n).fill(-1);
  const left = capacity !== undefined ? capacity.slice() : undefined;
  let money = budget ?? Infinity;
  for (const q of pairs) {
    const c = Math.floor(q / m);
    const o = q % m;
    if (out[c] >= 0) continue;
    if (left !== undefined && left[o] < 1) continue;
    const price = cost !== undefined ? cost[o] : 0;
    if (budget !== undefined && price > money) continue;
    out[c] = o;
    if (left !== undefined) left[o]--;
    money -= price;
  }
  return out;
}

/** Multiple-choice knapsack over an integer budget: each customer takes one offer or none. */
function knapsack(v: Matrix, cost: Float64Array, budget: number, minValue: number): Int32Array {
  const n = v.rows;
  const m = v.cols;
  const B = budget;
  // best[c][b]: the best value of customers 0..c−1 spending at most b; choice[c][b] the offer of customer c−1.
  let prev = new Float64Array(B + 1);
  const choice = new Int32Array(n * (B + 1)).fill(-1);
  for (let c = 0; c < n; c++) {
    const cur = prev.slice();
    for (let o = 0; o < m; o++) {
      const x = v.data[c * m + o];
      if (!(x > minValue)) continue;
      const w = cost[o];
      for (let b = B; b >= w; b--) {
        const cand = prev[b - w] + x;
        if (cand > cur[b]) {
          cur[b] = cand;
          choice[c * (B + 1) + b] = o;
        }
      }
    }
    prev = cur;
  }
  const out = new Int32Array(n).fill(-1);
  let b = B;
  for (let c = n - 1; c >= 0; c--) {
    const o = choice[c * (B + 1) + b];
    out[c] = o;
    if (o >= 0) b -= cost[o];
  }
  return out;
}

/**
 * Maximum-value assignment with offer capacities, as a min-cost flow solved by successive shortest paths
 * (Bellman–Ford, so negative costs are fine), stopping when no negative-cost augmenting path is left.
 */
function minCostFlow(v: Matrix, capacity: Float64Array, minValue: number): Int32Array {
  const n = v.rows;
  const m = v.cols;
  const S = n + m;
  const T = S + 1;
  const nodes = T + 1;
  // Edges in arrays; edge e and e^1 are a pair (forward, backward).
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const head = new Int32Array(nodes).fill(-1);
  const next: number[] = [];
  const addEdge = (a: number, b: number, c: number, w: number): void => {
    to.push(b, a);
    cap.push(c, 0);
    cost.push(w, -w);
    next.push(head[a], head[b]);
    head[a] = to.length - 2;
    head[b] = to.length - 1;
  };
  for (let c = 0; c < n; c++) addEdge(S, c, 1, 0);
  const pairEdge = new Int32Array(n * m).fill(-1);
  for (let c = 0; c < n; c++) {
    for (let o = 0; o < m; o++) {
      const x = v.data[c * m + o];
      if (x > minValue) {
        pairEdge[c * m + o] = to.length;
        addEdge(c, n + o, 1, -x);
      }
    }
  }
  for (let o = 0; o < m; o++) if (capacity[o] > 0) addEdge(n + o, T, capacity[o], 0);

  const toA = Int32Array.from(to);
  const capA = Float64Array.from(cap);
  const costA = Float64Array.from(cost);
  const nextA = Int32Array.from(next);
  const dist = new Float64Array(nodes);
  const via = new Int32Array(nodes);
  const inQueue = new Uint8Array(nodes);
  const queue = new Int32Array(nodes + 1);
  for (;;) {
    // SPFA (queue-based Bellman–Ford) from S.
    dist.fill(Infinity);
    via.fill(-1);
    dist[S] = 0;
    let qh = 0;
    let qt = 0;
    const push = (x: number): void => {
      queue[qt] = x;
      qt = (qt + 1) % queue.length;
      inQueue[x] = 1;
    };
    push(S);
    while (qh !== qt) {
      const a = queue[qh];
      qh = (qh + 1) % queue.length;
      inQueue[a] = 0;
      for (let e = head[a]; e >= 0; e = nextA[e]) {
        if (capA[e] <= 0) continue;
        const b = toA[e];
        const d = dist[a] + costA[e];
        if (d < dist[b] - 1e-12) {
          dist[b] = d;
          via[b] = e;
          if (inQueue[b] === 0) push(b);
        }
      }
    }
    if (!(dist[T] < -1e-12)) break;
    for (let x = T; x !== S; x = toA[via[x] ^ 1]) {
      capA[via[x]] -= 1;
      capA[via[x] ^ 1] += 1;
    }
  }
  const out = new Int32Array(n).fill(-1);
  for (let c = 0; c < n; c++) {
    for (let o = 0; o < m; o++) {
      const e = pairEdge[c * m + o];
      if (e >= 0 && capA[e] === 0) out[c] = o;
    }
  }
  return out;
}
