// A one-line progress bar on stderr for long work (a run, a sweep, a long check): what is running, how far it
// is (done / total unit), how long it has taken and about how long is left. It draws only on a terminal, only
// once the work has run for `delayMs` (short runs stay clean), at most every 100 ms, and never when the stream
// is piped or redirected (logs and tests see nothing). clear() erases the line before the final output.

/** Where the bar goes: process.stderr, or anything with a write and an isTTY. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface ProgressOptions {
  /** What is running, e.g. "sweep" or "xx (1/2)"; update() may change it. */
  readonly label: string;
  /** Amount of work in all; undefined when unknown (then no bar and no estimate). */
  readonly total?: number;
  /** Unit of done and total, e.g. "points" or "s simulated". */
  readonly unit: string;
  /** Work done before this session (e.g. points a resumed sweep finds): counted as done, not in the rate. */
  readonly start?: number;
  readonly stream?: ProgressStream;
  /** Nothing is drawn before the work has run this long. Default 1000 ms. */
  readonly delayMs?: number;
  /** Clock in ms (tests). Default performance.now. */
  readonly now?: () => number;
}

const REDRAW_MS = 100;
const BAR_WIDTH = 30;

export class Progress {
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly startMs: number;
  private label: string;
  private lastDrawMs = -Infinity;
  private drawn = false;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.startMs = this.now();
    this.label = options.label;
  }

  /** Reports `done` units of work (of total); `note` is shown after the estimate (e.g. "2 running"). */
  update(done: number, more: { readonly label?: string; readonly note?: string } = {}): void {
    if (more.label !== undefined) this.label = more.label;
    if (this.stream.isTTY !== true) return;
    const nowMs = this.now();
    const elapsedMs = nowMs - this.startMs;
    if (elapsedMs < (this.options.delayMs ?? 1000) || nowMs - this.lastDrawMs < REDRAW_MS) return;
    this.lastDrawMs = nowMs;
    this.stream.write(`\r${this.line(done, elapsedMs / 1000, more.note)}\x1b[K`);
    this.drawn = true;
  }

  /** Erases the bar (if it was drawn), so what follows starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }

  /** The text of the bar: `label [####------] 40% 4/10 unit, 12 s elapsed, ~18 s left, note`. */
  line(done: number, elapsedS: number, note?: string): string {
    const { total, unit, start = 0 } = this.options;
    const parts = [this.label];
    if (total !== undefined && total > 0) {
      const fraction = Math.max(0, Math.min(1, done / total));
      const filled = Math.round(fraction * BAR_WIDTH);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`, `${Math.floor(fraction * 100)}%`);
    }
    const amount =
      total === undefined ? `${amountText(done)} ${unit}` : `${amountText(done)}/${amountText(total)} ${unit}`;
    const times = [amount, `${durationText(elapsedS)} elapsed`];
    const rate = (done - start) / elapsedS;
    if (total !== undefined && rate > 0 && done < total) times.push(`~${durationText((total - done) / rate)} left`);
    if (note !== undefined) times.push(note);
    return `${parts.join(' ')} ${times.join(', ')}`;
  }
}

/** Whole numbers as they are, others with one decimal. */
function amountText(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** `42 s`, `3 min 05 s`, `2 h 07 min`. */
export function durationText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor(s / 60) % 60).padStart(2, '0')} min`;
}
