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
  private stage = '';

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

  /**
   * Sets the stage drawn at the start of every line (for example `[3/8] Churn tree`), or clears it with
   * `undefined`. While a stage is set, a report with a known total is drawn as a bar
   * (`[3/8] Churn tree  [#####.....] 50%  FP-Growth 5/10`).
   */
  setStage(stage: string | undefined): void {
    this.stage = stage ?? '';
  }

  /** Starts a phase: draws `label…` at once. */
  start(label: string): void {
    this.label = label;
    this.last = 0;
    this.draw(`${[this.stage, label].filter((t) => t !== '').join('  ')}...`, true);
  }

  /** A callback for the library's `onProgress` option that redraws the line with the counts. */
  callback(): ProgressCallback {
    return (p: Progress) => this.update(p);
  }

  /** Redraws the line with a progress report (throttled). */
  update(p: Progress): void {
    if (!this.enabled) return;
    const phase = p.phase ? (this.label !== '' ? `${this.label}: ${p.phase}` : p.phase) : this.label;
    let text = `${phase !== '' ? `${phase} ` : ''}${p.done.toLocaleString('en-US')}`;
    if (p.total !== undefined && p.total > 0) {
      const pct = Math.min(100, Math.floor((100 * p.done) / p.total));
      text += `/${p.total.toLocaleString('en-US')}`;
      if (this.stage !== '') {
        const filled = Math.round(pct / 10);
        text = `${this.stage}  [${'#'.repeat(filled)}${'.'.repeat(10 - filled)}] ${pct}%  ${text}`;
      } else {
        text += ` (${pct}%)`;
      }
    } else if (this.stage !== '') {
      text = `${this.stage}  ${text}`;
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
    // A line longer than the terminal would wrap, and the erase would then clear only its last part.
    const columns = (this.sink as { columns?: unknown }).columns;
    const line = `${FRAMES[this.frame]} ${text}`;
    this.sink.write(ERASE_LINE + (typeof columns === 'number' && columns > 1 && line.length >= columns ? line.slice(0, columns - 1) : line));
    this.shown = true;
  }
}

/**
 * Progress per stage of a multi-stage job (the report's analysis steps), on standard error. On a
 * terminal, the stage's line is redrawn as it goes (`[3/8] Churn tree  [#####.....] 50%` when a step
 * reports counts through {@link ProgressLine.callback}, else a spinner) and erased when the stage ends;
 * elsewhere (a log, CI), one plain line per stage when it ends: `[3/8] Churn tree: done in 1.2 s`. A
 * stage that could not run is reported on both as `[3/8] Churn tree: not available: <reason>`.
 */
export class StageProgress {
  /** The line the stages draw on; give it to the steps as their progress line. */
  readonly line: ProgressLine;
  private readonly sink: TextSink;
  private readonly total: number;
  private readonly now: () => number;
  private prefix = '';
  private started = 0;

  /**
   * @param sink - where to write (normally standard error).
   * @param total - the number of stages.
   * @param options - `enabled` overrides the terminal check (default: `sink.isTTY === true`);
   *   `intervalMs` is the least time between redraws (default 100); `now` is the clock in milliseconds
   *   (default `Date.now`).
   */
  constructor(sink: TextSink, total: number, options: { enabled?: boolean; intervalMs?: number; now?: () => number } = {}) {
    this.sink = sink;
    this.total = total;
    this.now = options.now ?? Date.now;
    this.line = new ProgressLine(sink, { ...(options.enabled !== undefined ? { enabled: options.enabled } : {}), ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}) });
  }

  /** Starts stage `index` (0-based) called `title`. */
  begin(index: number, title: string): void {
    this.prefix = `[${index + 1}/${this.total}] ${title}`;
    this.started = this.now();
    this.line.setStage(this.prefix);
    this.line.start('');
  }

  /** Ends the current stage; `absent` is why it could not run, when it could not. */
  end(absent?: string): void {
    this.line.done();
    this.line.setStage(undefined);
    if (absent !== undefined) {
      this.sink.write(`${this.prefix}: not available: ${absent.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
    } else if (!this.line.enabled) {
      this.sink.write(`${this.prefix}: done in ${((this.now() - this.started) / 1000).toFixed(1)} s\n`);
    }
  }
}
