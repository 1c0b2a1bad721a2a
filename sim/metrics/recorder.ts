// What the engine calls while a run goes on, and the run object it hands back at the end.
// Class statistics skip invocations that arrived during warmup (arrivalUs < warmupS * 1e6); the timeline,
// the per-machine figures, the memory section (memory.ts) and the summary totals count everything.
// Class indices are whatever the engine reports (normally the effective class, 0 = lowest).

import type { ClassResult, MachineResult, RunResult } from './document.ts';
import { LatencyStats } from './latency.ts';
import { MemoryRecorder } from './memory.ts';
import { round6, round6OrNull } from './round.ts';
import { steadyStateOf } from './steady-state.ts';
import { Timeline } from './timeline.ts';
import { WaitStats } from './wait.ts';

export interface RecorderOptions {
  readonly policy: string;
  readonly classNames: readonly string[];
  readonly machines: number;
  readonly warmupS: number;
  readonly tickS: number;
  readonly durationS: number;
}

export interface FinishFields {
  readonly simulatedS: number;
  readonly events: number;
  readonly wallS: number;
}

export class RunRecorder {
  private readonly warmupUs: number;
  private readonly classCount: number;
  private readonly latency: LatencyStats[];
  private readonly placementWait: WaitStats[];
  private readonly classArrived: Float64Array;
  private readonly classCompleted: Float64Array;
  private readonly classKilled: Float64Array;
  private totalArrived = 0;
  private totalCompleted = 0;
  private totalKilled = 0;
  readonly timeline: Timeline;
  // Per machine: sums and maxima over the ticks sampled.
  private readonly utilSum: Float64Array;
  private readonly utilMax: Float64Array;
  private readonly swapSum: Float64Array;
  private readonly swapMax: Float64Array;
  private samples = 0;
  private readonly swappedOutMB: Float64Array;
  /** machines x classes, row-major. */
  private readonly swappedOutByClassMB: Float64Array;
  private readonly kills: Float64Array;
  private readonly swappedInMB: Float64Array;
  private readonly memory: MemoryRecorder;
  /** Per sampled tick, for the steady-state verdict: its end (s), the backlog, the swap in use (MB). */
  private readonly series = { atS: [] as number[], backlog: [] as number[], swapMB: [] as number[] };

  constructor(private readonly options: RecorderOptions) {
    const m = options.machines;
    this.classCount = options.classNames.length;
    const c = this.classCount;
    this.warmupUs = options.warmupS * 1e6;
    this.latency = options.classNames.map(() => new LatencyStats());
    this.placementWait = options.classNames.map(() => new WaitStats());
    this.classArrived = new Float64Array(c);
    this.classCompleted = new Float64Array(c);
    this.classKilled = new Float64Array(c);
    this.timeline = new Timeline(options.classNames, options.tickS * 1e6, options.durationS * 1e6);
    this.utilSum = new Float64Array(m);
    this.utilMax = new Float64Array(m).fill(-Infinity);
    this.swapSum = new Float64Array(m);
    this.swapMax = new Float64Array(m).fill(-Infinity);
    this.swappedOutMB = new Float64Array(m);
    this.swappedOutByClassMB = new Float64Array(m * c);
    this.kills = new Float64Array(m);
    this.swappedInMB = new Float64Array(m);
    this.memory = new MemoryRecorder(options.classNames);
  }

  onArrival(classIndex: number, arrivalUs: number): void {
    this.totalArrived++;
    this.timeline.onArrival(classIndex, arrivalUs);
    if (arrivalUs >= this.warmupUs) this.classArrived[classIndex]++;
  }

  onPlacement(classIndex: number, arrivalUs: number, placedUs: number): void {
    if (arrivalUs >= this.warmupUs) this.placementWait[classIndex].record(placedUs - arrivalUs);
  }

  onCompletion(classIndex: number, arrivalUs: number, completionUs: number, workUs: number): void {
    this.totalCompleted++;
    const latencyUs = completionUs - arrivalUs;
    this.timeline.onCompletion(classIndex, arrivalUs, latencyUs);
    if (arrivalUs >= this.warmupUs) {
      this.classCompleted[classIndex]++;
      this.latency[classIndex].record(latencyUs, workUs);
    }
  }

  onKill(classIndex: number, arrivalUs: number, machineId: number): void {
    this.totalKilled++;
    this.kills[machineId]++;
    this.memory.onKill(classIndex);
    if (arrivalUs >= this.warmupUs) this.classKilled[classIndex]++;
  }

  /** A swap-out of `mb` finished at atUs. */
  onSwapOut(machineId: number, classIndex: number, mb: number, atUs: number): void {
    this.swappedOutMB[machineId] += mb;
    this.swappedOutByClassMB[machineId * this.classCount + classIndex] += mb;
    this.memory.onSwapOut(classIndex, mb);
    this.timeline.onSwapTraffic('out', mb, atUs);
  }

  /** A swap-in of `mb` finished at atUs, after the task waited waitedUs for it. */
  onSwapIn(machineId: number, classIndex: number, mb: number, waitedUs: number, atUs: number): void {
    this.swappedInMB[machineId] += mb;
    this.memory.onSwapIn(classIndex, mb, waitedUs);
    this.timeline.onSwapTraffic('in', mb, atUs);
  }

  /**
   * Once per tick, at its end: every machine's memory utilisation (used / RAM, 0..1), swap in use (MB) and
   * functions (running, waiting or swapped). The backlog is counted here: arrivals less completions and kills.
   */
  sampleMachines(tickIndex: number, utils: Float64Array, swapMB: Float64Array, functions: Float64Array): void {
    this.samples++;
    for (let m = 0; m < utils.length; m++) {
      this.utilSum[m] += utils[m];
      if (utils[m] > this.utilMax[m]) this.utilMax[m] = utils[m];
      this.swapSum[m] += swapMB[m];
      if (swapMB[m] > this.swapMax[m]) this.swapMax[m] = swapMB[m];
    }
    const backlog = this.totalArrived - this.totalCompleted - this.totalKilled;
    const spread = this.timeline.sampleMachines(tickIndex, utils, swapMB, functions, backlog);
    const { tickS } = this.options;
    if (tickIndex * tickS * 1e6 >= this.warmupUs)
      this.memory.sampleSpread(spread.util.sd, spread.util.max - spread.util.min);
    this.series.atS.push((tickIndex + 1) * tickS);
    this.series.backlog.push(backlog);
    this.series.swapMB.push(spread.swap.sum);
  }

  finish(fields: FinishFields): RunResult {
    const names = this.options.classNames;
    const classes: ClassResult[] = names.map((name, c) => ({
      name,
      arrived: this.classArrived[c],
      completed: this.classCompleted[c],
      killed: this.classKilled[c],
      ...this.latency[c].summary(),
      placementWaitS: this.placementWait[c].summaryS(),
      latencyCdfS: this.latency[c].cdfS(),
    }));
    const n = this.samples;
    const machines: MachineResult[] = [];
    for (let m = 0; m < this.options.machines; m++) {
      const byClass: Record<string, number> = {};
      names.forEach((name, c) => {
        byClass[name] = round6(this.swappedOutByClassMB[m * this.classCount + c]);
      });
      machines.push({
        id: m,
        memoryUtil: {
          mean: round6OrNull(n === 0 ? NaN : this.utilSum[m] / n),
          max: round6OrNull(n === 0 ? NaN : this.utilMax[m]),
        },
        swapMB: {
          mean: round6OrNull(n === 0 ? NaN : this.swapSum[m] / n),
          max: round6OrNull(n === 0 ? NaN : this.swapMax[m]),
        },
        swappedOutMB: round6(this.swappedOutMB[m]),
        swappedOutByClassMB: byClass,
        kills: this.kills[m],
        swappedInMB: round6(this.swappedInMB[m]),
      });
    }
    return {
      policy: this.options.policy,
      summary: {
        arrived: this.totalArrived,
        completed: this.totalCompleted,
        killed: this.totalKilled,
        simulatedS: round6(fields.simulatedS),
        events: fields.events,
        wallS: round6(fields.wallS),
        steadyState: steadyStateOf(this.series, this.options.durationS),
      },
      classes,
      machines,
      timeline: this.timeline.entries(),
      memory: this.memory.result(),
    };
  }
}
