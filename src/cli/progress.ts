/**
 * A one-line progress indicator for the terminal. It writes only when its sink is a terminal, redraws
 * the same line (carriage return and erase-line), at most every 100 ms, and erases itself when done,
 * so that it never mixes with results.
 *
 * @module
 */
import type { Progress, ProgressCallback } from '../core/progress.js';
import type { TextSink } from './io.js';

const ERASE_LINE = '\r\u001b[2K';
const FRAMES = ['|', '/', '-', '\\'];

/** A status line on a terminal; does nothing when the sink is not a terminal. */
export class ProgressLine {
  private readonly sink: TextSink;
  /** Whether anything is drawn at all (the sink is a terminal). */
  readonly enabled: boolean;
  private readonly intervalMs: number;
  private label = '';
  private last = 0;
  private frame = 0;
  private shown = false;

  /**
   * @param sink - where to draw (normally standard error).
   * @param options - `enabled` overrides the terminal check (default: `sink.isTTY === true`);
   *   `intervalMs` is the least time between redraws (default 100).
   */
  constructor(sink: TextSink, options: { enabled?: boolean; intervalMs?: number } = {}) {
    this.sink = sink;
    this.enabled = options.enabled ?? sink.isTTY === true;
    this.intervalMs = options.intervalMs ?? 100;
  }

  /** Starts a phase: draws `label…` at once. */
  start(label: string): void {
    this.label = label;
    this.last = 0;
    this.draw(`${label}...`, true);
  }

  /** A callback for the library's `onProgress` option that redraws the line with the counts. */
  callback(): ProgressCallback {
    return (p: Progress) => this.update(p);
  }

  /** Redraws the line with a progress report (throttled). */
  update(p: Progress): void {
    if (!this.enabled) return;
    const phase = p.phase ? `${this.label}: ${p.phase}` : this.label;
    let text = `${phase} ${p.done.toLocaleString('en-US')}`;
    if (p.total !== undefined && p.total > 0) {
      const pct = Math.min(100, Math.floor((100 * p.done) / p.total));
      text += `/${p.total.toLocaleString('en-US')} (${pct}%)`;
    }
    this.draw(text, false);
  }

  /** Erases the line. */
  done(): void {
    if (this.enabled && this.shown) this.sink.write(ERASE_LINE);
    this.shown = false;
  }

  private draw(text: string, force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < this.intervalMs) return;
    this.last = now;
    this.frame = (this.frame + 1) % FRAMES.length;
    this.sink.write(`${ERASE_LINE}${FRAMES[this.frame]} ${text}`);
    this.shown = true;
  }
}
