/**
 * Progress reporting and cancellation for long work.
 *
 * @module
 */
import { AbortedError } from './errors.js';

/** One progress report. `done`/`total` count units of the named phase; `total` may be unknown. */
export interface Progress {
  /** What is being done, for example `'counting items'` or `'mining'`. */
  phase: string;
  /** Units finished so far in this phase. */
  done: number;
  /** Units in this phase, when known. */
  total?: number;
}

/** A callback that receives progress reports. It must not throw; it should return quickly. */
export type ProgressCallback = (progress: Progress) => void;

/** Options shared by every long-running operation. */
export interface LongRunningOptions {
  /** Called now and then with the work done so far. Default: none. */
  onProgress?: ProgressCallback;
  /** Stops the work with an {@link AbortedError} when aborted. Default: none. */
  signal?: AbortSignal;
}

/** Throws {@link AbortedError} if the signal has been aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError();
}
