// Latency and slowdown percentiles in bounded memory: HDR histograms (pure-JS build), integer microseconds,
// 3 significant digits (percentiles within 0.1%), auto-resizing. Means and maxima are tracked exactly.

import { build, type Histogram } from 'hdr-histogram-js';
import { round6OrNull } from './round.ts';

export interface LatencySummary {
  readonly latencyS: {
    mean: number | null;
    p50: number | null;
    p90: number | null;
    p99: number | null;
    p999: number | null;
    max: number | null;
  };
  readonly slowdown: { mean: number | null; p50: number | null; p99: number | null };
}

/** The fractions of completions at which a class's latency distribution is kept (results: latencyCdfS). */
export const CDF_FRACTIONS: readonly number[] = [
  0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9995, 0.9999, 1,
];

export function newHistogram(significantDigits: 2 | 3 = 3, packed = false): Histogram {
  return build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 2,
    autoResize: true,
    numberOfSignificantValueDigits: significantDigits,
    bitBucketSize: packed ? 'packed' : 32,
    useWebAssembly: false,
  });
}

export class LatencyStats {
  private readonly latencyUs = newHistogram();
  /** Slowdown x 1000 as an integer (a slowdown of 1.234 is recorded as 1234). */
  private readonly slowdownMilli = newHistogram();
  private count = 0;
  private latencySumUs = 0;
  private slowdownSum = 0;
  private maxLatencyUs = 0;

  /** `latencyUs` from arrival to completion; `runtimeUs` the work alone (slowdown = latency / runtime). */
  record(latencyUs: number, runtimeUs: number): void {
    const lat = Math.max(1, Math.round(latencyUs));
    const slowdown = latencyUs / Math.max(1, runtimeUs);
    this.latencyUs.recordValue(lat);
    this.slowdownMilli.recordValue(Math.max(1, Math.round(slowdown * 1000)));
    this.count++;
    this.latencySumUs += latencyUs;
    this.slowdownSum += slowdown;
    if (latencyUs > this.maxLatencyUs) this.maxLatencyUs = latencyUs;
  }

  get size(): number {
    return this.count;
  }

  /** Percentile in microseconds (NaN when empty). */
  percentileUs(p: number): number {
    return this.count === 0 ? NaN : this.latencyUs.getValueAtPercentile(p);
  }

  /**
   * The latency distribution: the latency (s) within which each fraction of CDF_FRACTIONS completed (HDR, within
   * 0.1%, and never above the exact maximum, which is the last point). Empty when nothing completed.
   */
  cdfS(): { fraction: number; latencyS: number }[] {
    if (this.count === 0) return [];
    return CDF_FRACTIONS.map((fraction) => ({
      fraction,
      // A bucket's upper end can pass the exact maximum: no point of the curve goes beyond it.
      latencyS: round6OrNull(Math.min(this.percentileUs(fraction * 100), this.maxLatencyUs) / 1e6) ?? 0,
    }));
  }

  summary(): LatencySummary {
    const n = this.count;
    const s = (us: number) => round6OrNull(n === 0 ? NaN : us / 1e6);
    const sd = (milli: number) => round6OrNull(n === 0 ? NaN : milli / 1000);
    return {
      latencyS: {
        mean: s(this.latencySumUs / n),
        p50: s(this.percentileUs(50)),
        p90: s(this.percentileUs(90)),
        p99: s(this.percentileUs(99)),
        p999: s(this.percentileUs(99.9)),
        max: s(this.maxLatencyUs),
      },
      slowdown: {
        mean: round6OrNull(n === 0 ? NaN : this.slowdownSum / n),
        p50: sd(n === 0 ? NaN : this.slowdownMilli.getValueAtPercentile(50)),
        p99: sd(n === 0 ? NaN : this.slowdownMilli.getValueAtPercentile(99)),
      },
    };
  }
}
