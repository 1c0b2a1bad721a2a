// Swap, kills and the spread of memory utilization over a whole run: the `memory` section of a run's results.
// Per class: swap traffic, swap-ins and the time they waited, kills (warmup included: swap events carry no
// arrival time, so one rule for all of them). The spread is averaged over the ticks sampled from warmupS on,
// where class statistics start too (an empty cluster filling up is not how machines differ).

import type { ClassMemory, MemoryResult } from './document.ts';
import { round6, round6OrNull } from './round.ts';

export class MemoryRecorder {
  private readonly swappedOutMB: Float64Array;
  private readonly swappedInMB: Float64Array;
  private readonly swapIns: Float64Array;
  private readonly swapInWaitUs: Float64Array;
  private readonly killed: Float64Array;
  private trafficOutMB = 0;
  private trafficInMB = 0;
  private spreadTicks = 0;
  private sdSum = 0;
  private rangeSum = 0;

  constructor(private readonly classNames: readonly string[]) {
    const c = classNames.length;
    this.swappedOutMB = new Float64Array(c);
    this.swappedInMB = new Float64Array(c);
    this.swapIns = new Float64Array(c);
    this.swapInWaitUs = new Float64Array(c);
    this.killed = new Float64Array(c);
  }

  onSwapOut(classIndex: number, memoryMB: number): void {
    this.swappedOutMB[classIndex] += memoryMB;
    this.trafficOutMB += memoryMB;
  }

  onSwapIn(classIndex: number, memoryMB: number, waitedUs: number): void {
    this.swappedInMB[classIndex] += memoryMB;
    this.swapIns[classIndex]++;
    this.swapInWaitUs[classIndex] += waitedUs;
    this.trafficInMB += memoryMB;
  }

  onKill(classIndex: number): void {
    this.killed[classIndex]++;
  }

  /** One sampled tick in the measurement window: the sd and the max - min of utilization across machines. */
  sampleSpread(sd: number, range: number): void {
    this.spreadTicks++;
    this.sdSum += sd;
    this.rangeSum += range;
  }

  result(): MemoryResult {
    const classes: ClassMemory[] = this.classNames.map((name, c) => ({
      name,
      swappedOutMB: round6(this.swappedOutMB[c]),
      swappedInMB: round6(this.swappedInMB[c]),
      swapIns: this.swapIns[c],
      swapInWaitS: {
        total: round6(this.swapInWaitUs[c] / 1e6),
        mean: round6OrNull(this.swapIns[c] === 0 ? NaN : this.swapInWaitUs[c] / this.swapIns[c] / 1e6),
      },
      killed: this.killed[c],
    }));
    const n = this.spreadTicks;
    return {
      classes,
      swapTrafficMB: { out: round6(this.trafficOutMB), in: round6(this.trafficInMB) },
      utilizationSpread: {
        ticks: n,
        meanSd: round6OrNull(n === 0 ? NaN : this.sdSum / n),
        meanRange: round6OrNull(n === 0 ? NaN : this.rangeSum / n),
      },
    };
  }
}
