// Per-tick statistics. Invocation counts and latencies are bucketed by *arrival* time (so a bucket's p99 is
// the tail seen by the requests that arrived in it, as in the paper's Figure 3); machine samples by the tick
// at which the engine sampled them. Latency per bucket and class uses a small histogram (2 significant digits),
// created only when the bucket sees a completion. Counts are plain 32-bit arrays (packed counts cost 15% of a
// whole run) unless the run has so many buckets that their memory would matter; then they are packed.
// Swap traffic goes to the tick in which a transfer finished, for the ticks of the arrival window only (the engine
// samples no machine after it, so a drained tail would be a timeline of traffic without memory); ticks past the
// window (a child that arrives while the run drains) have null traffic, as they have null memory samples.

import type { Histogram } from 'hdr-histogram-js';
import { type Spread, spreadOf } from './across-machines.ts';
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
  private memMedian: number[] = [];
  private memSd: number[] = [];
  private swapTotal: number[] = [];
  private backlog: number[] = [];
  private onMachines: number[] = [];
  private readonly trafficOutMB: Float64Array;
  private readonly trafficInMB: Float64Array;
  private scratch = new Float64Array(0);
  private ticks: number;
  /** The ticks of the arrival window. */
  private readonly windowTicks: number;

  constructor(
    private readonly classNames: readonly string[],
    private readonly tickUs: number,
    durationUs: number,
  ) {
    this.ticks = Math.ceil(durationUs / tickUs);
    this.windowTicks = this.ticks;
    this.trafficOutMB = new Float64Array(this.windowTicks);
    this.trafficInMB = new Float64Array(this.windowTicks);
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

  /** A swap transfer of `memoryMB` that finished at atUs. */
  onSwapTraffic(direction: 'out' | 'in', memoryMB: number, atUs: number): void {
    const tick = this.tickOf(atUs);
    if (tick >= this.windowTicks) return;
    (direction === 'out' ? this.trafficOutMB : this.trafficInMB)[tick] += memoryMB;
  }

  /**
   * Every machine at the end of tick `tick`: utilisation (0..1), swap use (MB) and functions on it; `backlog` is
   * the invocations in the system then (arrived, neither completed nor killed).
   */
  sampleMachines(
    tick: number,
    utils: Float64Array,
    swapMB: Float64Array,
    functions: Float64Array,
    backlog: number,
  ): { util: Spread; swap: Spread } {
    this.grow(tick);
    if (this.scratch.length < utils.length) this.scratch = new Float64Array(utils.length);
    const util = spreadOf(utils, this.scratch);
    const swap = spreadOf(swapMB, this.scratch);
    this.memMean[tick] = util.mean;
    this.memMin[tick] = util.min;
    this.memMax[tick] = util.max;
    this.memMedian[tick] = util.median;
    this.memSd[tick] = util.sd;
    this.swapMean[tick] = swap.mean;
    this.swapMax[tick] = swap.max;
    this.swapTotal[tick] = swap.sum;
    this.backlog[tick] = backlog;
    let onMachines = 0;
    for (let m = 0; m < functions.length; m++) onMachines += functions[m];
    this.onMachines[tick] = onMachines;
    return { util, swap };
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
        memoryUtil: {
          mean: nan(this.memMean[t]),
          min: nan(this.memMin[t]),
          max: nan(this.memMax[t]),
          median: nan(this.memMedian[t]),
          sd: nan(this.memSd[t]),
        },
        swapMB: { mean: nan(this.swapMean[t]), max: nan(this.swapMax[t]), total: nan(this.swapTotal[t]) },
        swapTrafficMB: { out: nan(this.trafficOutMB[t]), in: nan(this.trafficInMB[t]) },
        backlog: { total: nan(this.backlog[t]), onMachines: nan(this.onMachines[t]) },
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
