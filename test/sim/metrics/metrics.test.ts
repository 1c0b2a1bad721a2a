import { describe, expect, it } from 'vitest';
import { formatResults, type RunResult, resultsDocument, timelineCsv } from '../../../sim/metrics/document.ts';
import { CDF_FRACTIONS, LatencyStats } from '../../../sim/metrics/latency.ts';
import { RunRecorder } from '../../../sim/metrics/recorder.ts';
import { round6 } from '../../../sim/metrics/round.ts';
import { draws } from '../../../sim/workload/streams.ts';

/** Nearest-rank percentile of a sorted array. */
function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length - 1e-9) - 1)]; // 1e-9: 0.999 * 50000 is 49950.000...01
}

describe('LatencyStats', () => {
  it('matches a sorted-array reference within HDR precision (0.1%)', () => {
    const d = draws(3, 'latency');
    const stats = new LatencyStats();
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const us = Math.round(d.pareto(1.5, 20_000));
      values.push(us);
      stats.record(us, 10_000);
    }
    values.sort((a, b) => a - b);
    const s = stats.summary();
    const check = (got: number | null, want: number) =>
      expect(Math.abs((got as number) - want) / want).toBeLessThan(0.002);
    check(s.latencyS.p50, nearestRank(values, 50) / 1e6);
    check(s.latencyS.p90, nearestRank(values, 90) / 1e6);
    check(s.latencyS.p99, nearestRank(values, 99) / 1e6);
    check(s.latencyS.p999, nearestRank(values, 99.9) / 1e6);
    expect(s.latencyS.max).toBe(round6(values[values.length - 1] / 1e6));
    check(s.latencyS.mean, values.reduce((a, b) => a + b, 0) / values.length / 1e6);
    check(s.slowdown.p99, nearestRank(values, 99) / 10_000);
  });

  it('reports nulls when empty', () => {
    expect(new LatencyStats().summary().latencyS.p99).toBeNull();
  });
});

function sampleRun(policy: string): RunResult {
  const r = new RunRecorder({ policy, classNames: ['low', 'high'], machines: 3, warmupS: 1, tickS: 1, durationS: 3 });
  r.onArrival(0, 500_000); // during warmup: timeline only
  r.onCompletion(0, 500_000, 900_000, 100_000);
  r.onArrival(1, 1_200_000);
  r.onCompletion(1, 1_200_000, 1_500_000, 150_000);
  r.onArrival(0, 2_100_000);
  r.onKill(0, 2_100_000, 2);
  r.onSwapOut(1, 0, 512.5, 1_500_000);
  r.onSwapIn(1, 0, 512.5, 250_000, 2_000_000);
  for (let t = 0; t < 3; t++)
    r.sampleMachines(
      t,
      Float64Array.from([0.1 * t, 0.5, 0.9]),
      Float64Array.from([0, 100 * t, 0]),
      Float64Array.from([t, 1, 0]),
    );
  return r.finish({ simulatedS: 3, events: 42, wallS: 0.123456789 });
}

describe('RunRecorder and the results document', () => {
  it('has exactly the documented shape', () => {
    const run = sampleRun('xx');
    expect(Object.keys(run)).toEqual(['policy', 'summary', 'classes', 'machines', 'timeline', 'memory']);
    expect(run.summary).toEqual({
      arrived: 3,
      completed: 2,
      killed: 1,
      simulatedS: 3,
      events: 42,
      wallS: 0.123457,
      // Two ticks end in the last third [2, 3] of the arrival window: too few to judge.
      steadyState: { steady: null, backlogSlopePerS: null, swapSlopeMBPerS: null, window: [2, 3] },
    });
    expect(run.classes.map((c) => [c.name, c.arrived, c.completed, c.killed])).toEqual([
      ['low', 1, 0, 1],
      ['high', 1, 1, 0],
    ]);
    const keys = ['name', 'arrived', 'completed', 'killed', 'latencyS', 'slowdown', 'placementWaitS', 'latencyCdfS'];
    expect(Object.keys(run.classes[1])).toEqual(keys);
    expect(Object.keys(run.classes[1].placementWaitS)).toEqual(['mean', 'p99', 'max']);
    expect(Object.keys(run.classes[1].latencyS)).toEqual(['mean', 'p50', 'p90', 'p99', 'p999', 'max']);
    expect(Object.keys(run.classes[1].slowdown)).toEqual(['mean', 'p50', 'p99']);
    expect(run.classes[1].latencyS.max).toBe(0.3);
    // The distribution: 19 fractions, latencies non-decreasing, the last the exact maximum.
    const cdf = run.classes[1].latencyCdfS;
    expect(cdf.map((p) => p.fraction)).toEqual([...CDF_FRACTIONS]);
    expect(cdf.every((p, i) => i === 0 || p.latencyS >= cdf[i - 1].latencyS)).toBe(true);
    expect(cdf.at(-1)).toEqual({ fraction: 1, latencyS: 0.3 });
    expect(run.classes[0].latencyCdfS.length).toBe(run.classes[0].completed > 0 ? 19 : 0);
    expect(run.classes[1].slowdown.mean).toBe(2);
    expect(run.machines[1]).toEqual({
      id: 1,
      memoryUtil: { mean: 0.5, max: 0.5 },
      swapMB: { mean: 100, max: 200 },
      swappedOutMB: 512.5,
      swappedOutByClassMB: { low: 512.5, high: 0 },
      kills: 0,
      swappedInMB: 512.5,
    });
    expect(run.machines[2].kills).toBe(1);
    expect(run.timeline.length).toBe(3);
    const t0 = run.timeline[0];
    expect(Object.keys(t0)).toEqual(['tick', 'startS', 'classes', 'memoryUtil', 'swapMB', 'swapTrafficMB', 'backlog']);
    expect(t0.classes[0]).toMatchObject({ name: 'low', arrived: 1, completed: 1 }); // warmup is in the timeline
    // Timeline histograms keep 2 significant digits (within 1%).
    expect(Math.abs((t0.classes[0].latencyS.p99 as number) / 0.4 - 1)).toBeLessThan(0.01);
    expect(t0.classes[1].latencyS).toEqual({ p50: null, p99: null });
    const mean = (0.2 + 0.5 + 0.9) / 3;
    const sd = Math.sqrt(((0.2 - mean) ** 2 + (0.5 - mean) ** 2 + (0.9 - mean) ** 2) / 3);
    expect(run.timeline[2].memoryUtil).toEqual({ mean: round6(mean), min: 0.2, max: 0.9, median: 0.5, sd: round6(sd) });
    expect(run.timeline[2].swapMB).toEqual({ mean: round6(200 / 3), max: 200, total: 200 });
    // The swap-out finished at 1.5 s (tick 1), the swap-in at 2 s (tick 2).
    expect(run.timeline.map((t) => t.swapTrafficMB)).toEqual([
      { out: 0, in: 0 },
      { out: 512.5, in: 0 },
      { out: 0, in: 512.5 },
    ]);
    // This run records every event before its samples: the backlog is 3 arrived - 2 completed - 1 killed at each;
    // the functions on machines are summed per tick ([0, 1, 0], [1, 1, 0], [2, 1, 0]).
    expect(run.timeline.map((t) => t.backlog)).toEqual([
      { total: 0, onMachines: 1 },
      { total: 0, onMachines: 2 },
      { total: 0, onMachines: 3 },
    ]);
  });

  it('serialises stably and to CSV', () => {
    const doc = resultsDocument([sampleRun('xx'), sampleRun('hermod')]);
    const text = formatResults(doc);
    expect(formatResults(JSON.parse(text))).toBe(text);
    const csv = timelineCsv(doc.runs).trim().split('\n');
    expect(csv[0]).toBe(
      'policy,tick,startS,class,arrived,completed,p50S,p99S,' +
        'memoryUtilMean,memoryUtilMin,memoryUtilMax,swapMBMean,swapMBMax,' +
        'memoryUtilMedian,memoryUtilSd,swapMBTotal,swapTrafficOutMB,swapTrafficInMB,backlog,backlogOnMachines',
    );
    expect(csv.length).toBe(1 + 2 * 3 * 2);
    expect(csv[1]).toMatch(/^xx,0,0,low,1,1,0\.4\d*,0\.4\d*,0\.466667,0,0\.9,0,0,0\.5,0\.368179,0,0,0,0,1$/);
  });

  it('extends the timeline when samples come after the arrival window (drain)', () => {
    const r = new RunRecorder({ policy: 'xx', classNames: ['a'], machines: 1, warmupS: 0, tickS: 1, durationS: 2 });
    r.sampleMachines(4, Float64Array.of(0.5), Float64Array.of(0), Float64Array.of(0));
    r.onSwapOut(0, 0, 100, 1_500_000);
    r.onSwapOut(0, 0, 100, 4_500_000); // past the arrival window: in the totals, not in the timeline
    const result = r.finish({ simulatedS: 5, events: 0, wallS: 0 });
    expect(result.timeline.length).toBe(5);
    expect(result.timeline.map((t) => t.swapTrafficMB.out)).toEqual([0, 100, null, null, null]);
    expect(result.machines[0].swappedOutMB).toBe(200);
  });
});

describe('placement wait', () => {
  it('is the time from arrival to placement, per class, after warmup only', () => {
    const options = { policy: 'xx', classNames: ['low', 'high'], machines: 1, warmupS: 1, tickS: 1, durationS: 10 };
    const recorder = new RunRecorder(options);
    recorder.onPlacement(0, 0.5e6, 0.9e6); // arrived during warmup: not counted
    recorder.onPlacement(0, 2e6, 2.004e6);
    recorder.onPlacement(0, 3e6, 3.002e6);
    recorder.onPlacement(1, 4e6, 4e6);
    const run = recorder.finish({ simulatedS: 10, events: 0, wallS: 0 });
    const wait = run.classes[0].placementWaitS;
    expect([wait.mean, wait.max]).toEqual([0.003, 0.004]);
    expect(wait.p99).toBeCloseTo(0.004, 5); // the histogram keeps 3 significant digits

    expect(run.classes[1].placementWaitS.max).toBe(0);
  });
});
