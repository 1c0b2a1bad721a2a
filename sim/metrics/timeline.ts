// Per-tick statistics. Invocation counts and latencies are bucketed by *arrival* time (so a bucket's p99 is
// the tail seen by the requests that arrived in it, as in the paper's Figure 3); machine samples by the tick
// at which the engine sampled them. Latency per bucket and class uses a small histogram (2 significant digits),
// created only when the bucket sees a completion. Counts are plain 32-bit arrays (packed counts cost 15% of a
// whole run) unless the run has so many buckets that their memory would matter; then they are packed.

import type { Histogram } from 'hdr-histogram-js';
import type { TimelineEntry } from './document.ts';
import { newHistogram } from './latency.ts';

/** Above this many (tick, class) buckets, ~10 KB each unpacked, histograms are packed to bound memory. */
const PACK_ABOVE_BUCKETS = 4000;

import { round6, round6OrNull } from './round.ts';

export class Timeline {
  private arrived: number[] = [];
  private completed: number[] = [];
  private histograms: (Histogram | undefined)[] = [];
  private memMean: number[] = [];
  private memMin: number[] = [];
  private memMax: number[] = [];
  private swapMean: number[] = [];
  private swapMax: number[] = [];
  private ticks: number;

  constructor(
    private readonly classNames: readonly string[],
    private readonly tickUs: number,
    durationUs: number,
  ) {
    this.ticks = Math.ceil(durationUs / tickUs);
    this.packed = this.ticks * classNames.length > PACK_ABOVE_BUCKETS;
  }

  private readonly packed: boolean;

  tickOf(atUs: number): number {
    return Math.floor(atUs / this.tickUs);
  }

  onArrival(cls: number, arrivalUs: number): void {
    const i = this.slot(this.tickOf(arrivalUs), cls);
    this.arrived[i] = (this.arrived[i] ?? 0) + 1;
  }

  onCompletion(cls: number, arrivalUs: number, latencyUs: number): void {
    const i = this.slot(this.tickOf(arrivalUs), cls);
    this.completed[i] = (this.completed[i] ?? 0) + 1;
    let h = this.histograms[i];
    if (h === undefined) this.histograms[i] = h = newHistogram(2, this.packed);
    h.recordValue(Math.max(1, Math.round(latencyUs)));
  }

  /** Utilisation (0..1) and swap use (MB) of every machine at the end of tick `tick`. */
  sampleMachines(tick: number, utils: Float64Array, swapMB: Float64Array): void {
    this.grow(tick);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let swapSum = 0;
    let swapMax = -Infinity;
    for (let m = 0; m < utils.length; m++) {
      const u = utils[m];
      sum += u;
      if (u < min) min = u;
      if (u > max) max = u;
      const s = swapMB[m];
      swapSum += s;
      if (s > swapMax) swapMax = s;
    }
    const n = utils.length;
    this.memMean[tick] = n === 0 ? NaN : sum / n;
    this.memMin[tick] = n === 0 ? NaN : min;
    this.memMax[tick] = n === 0 ? NaN : max;
    this.swapMean[tick] = n === 0 ? NaN : swapSum / n;
    this.swapMax[tick] = n === 0 ? NaN : swapMax;
  }

  entries(): TimelineEntry[] {
    const out: TimelineEntry[] = [];
    const nan = (v: number | undefined) => round6OrNull(v ?? NaN);
    for (let t = 0; t < this.ticks; t++) {
      out.push({
        tick: t,
        startS: round6((t * this.tickUs) / 1e6),
        classes: this.classNames.map((name, c) => {
          const i = t * this.classNames.length + c;
          const h = this.histograms[i];
          return {
            name,
            arrived: this.arrived[i] ?? 0,
            completed: this.completed[i] ?? 0,
            latencyS: {
              p50: h === undefined ? null : round6(h.getValueAtPercentile(50) / 1e6),
              p99: h === undefined ? null : round6(h.getValueAtPercentile(99) / 1e6),
            },
          };
        }),
        memoryUtil: { mean: nan(this.memMean[t]), min: nan(this.memMin[t]), max: nan(this.memMax[t]) },
        swapMB: { mean: nan(this.swapMean[t]), max: nan(this.swapMax[t]) },
      });
    }
    return out;
  }

  private slot(tick: number, cls: number): number {
    this.grow(tick);
    return tick * this.classNames.length + cls;
  }

  /** Ticks past durationS appear when the run drains (completions and samples after the last arrival). */
  private grow(tick: number): void {
    if (tick >= this.ticks) this.ticks = tick + 1;
  }
}
