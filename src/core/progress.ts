/**
 * Progress reporting and cancellation for long work.
 *
 * @module
 */
import { AbortedError } from './errors.js';

/**
 * One progress report. `done`/`total` count units of the named phase; `total` may be unknown.
 *
 * @example
 * ```ts
 * import { apriori, TransactionSet, type Progress } from 'crm-mining';
 * const reports: Progress[] = [];
 * apriori(TransactionSet.fromArrays([['a', 'b'], ['a']]), { minSupport: 0.5, onProgress: (p) => reports.push(p) });
 * for (const { phase, done, total } of reports) console.log(phase, done, total ?? '?');
 * ```
 */
export interface Progress {
  /** What is being done, for example `'counting items'` or `'mining'`. */
  phase: string;
  /** Units finished so far in this phase. */
  done: number;
  /** Units in this phase, when known. */
  total?: number;
}

/**
 * A callback that receives progress reports. It must not throw; it should return quickly.
 *
 * @example
 * ```ts
 * import { fpGrowth, TransactionSet, type ProgressCallback } from 'crm-mining';
 * const log: ProgressCallback = ({ phase, done, total }) => {
 *   console.log(`${phase}: ${done}${total !== undefined ? ` of ${total}` : ''}`);
 * };
 * fpGrowth(TransactionSet.fromArrays([['a', 'b'], ['b', 'c']]), { minSupport: 0.5, onProgress: log });
 * ```
 */
export type ProgressCallback = (progress: Progress) => void;

/**
 * Options shared by every long-running operation.
 *
 * @example
 * ```ts
 * import { fpGrowth, TransactionSet, type LongRunningOptions } from 'crm-mining';
 * const run: LongRunningOptions = {
 *   signal: AbortSignal.timeout(60_000), // give up after a minute
 *   onProgress: (p) => console.log(p.phase, p.done),
 * };
 * const itemsets = fpGrowth(TransactionSet.fromArrays([['a', 'b'], ['a']]), { minSupport: 0.5, ...run });
 * console.log(itemsets.length); // 3
 * ```
 */
export interface LongRunningOptions {
  /** Called now and then with the work done so far. Default: none. */
  onProgress?: ProgressCallback;
  /** Stops the work with an {@link AbortedError} when aborted. Default: none. */
  signal?: AbortSignal;
}

/**
 * Throws {@link AbortedError} if the signal has been aborted.
 *
 * @example
 * ```ts
 * import { throwIfAborted, type LongRunningOptions } from 'crm-mining';
 * function sumSlowly(values: number[], options: LongRunningOptions = {}): number {
 *   let total = 0;
 *   for (let i = 0; i < values.length; i++) {
 *     if (i % 1000 === 0) throwIfAborted(options.signal); // AbortedError once aborted
 *     total += values[i];
 *   }
 *   return total;
 * }
 * console.log(sumSlowly([1, 2, 3])); // 6
 * ```
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}
