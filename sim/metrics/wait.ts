// A waiting time per class (here: from arrival to placement, the time spent at the shard, held by a budget or
// polling across the network): mean, p99 and max, in bounded memory (an HDR histogram, as latency.ts).

import { newHistogram } from './latency.ts';
import { round6OrNull } from './round.ts';

export interface WaitSummary {
  readonly mean: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export class WaitStats {
  private readonly waitUs = newHistogram();
  private count = 0;
  private sumUs = 0;
  private maxUs = 0;

  record(waitUs: number): void {
    // The histogram's lowest value is 1 us; a wait of 0 is recorded as 1 us there, exactly in the mean and max.
    this.waitUs.recordValue(Math.max(1, Math.round(waitUs)));
    this.count++;
    this.sumUs += waitUs;
    if (waitUs > this.maxUs) this.maxUs = waitUs;
  }

  /** In seconds; null when nothing was recorded. */
  summaryS(): WaitSummary {
    const n = this.count;
    const s = (us: number) => round6OrNull(n === 0 ? NaN : us / 1e6);
    return {
      mean: s(this.sumUs / n),
      p99: s(n === 0 ? NaN : this.waitUs.getValueAtPercentile(99)),
      max: s(this.maxUs),
    };
  }
}
