import { describe, expect, it } from 'vitest';
import { memoryStats, memoryStatsLines } from '../../../sim/report/memory-stats.ts';
import { startPolicyRun } from '../../../sim/run/run-policy.ts';
import { parseScenario } from '../../../sim/scenario/parse.ts';

// The Figure 4 figures of a small run under memory pressure: they agree with the run's own results.
const TEXT = `
durationS: 12
warmupS: 2
tickS: 1
cluster: { machines: 3, coresPerMachine: 4, memoryMB: 4096, swapMB: 100000, shards: 1 }
policies: [xx]
model: { memoryGrowthSteps: 1 }
priceClasses: [{ name: low, pricePerCpuS: 1 }, { name: high, pricePerCpuS: 2 }]
workload:
  functions: 20
  arrivals: [{ fromS: 0, load: 0.9 }]
  runtimeS: { dist: exponential, mean: 0.2 }
  classWeights: [0.5, 0.5]
  memoryMB: { initial: 100, peak: { dist: uniform, min: 500, max: 1500 } }
`;

describe('memoryStats', () => {
  const r = startPolicyRun(parseScenario(TEXT, 'stats.yaml'), 0, 'stats.yaml');
  while (!r.simulation.advance(1_000_000));
  const run = r.finish();
  const s = memoryStats(run, 2);

  it('averages the per-tick cluster mean from warmup on', () => {
    const ticks = run.timeline.filter((t) => t.startS >= 2 && t.memoryUtil.mean !== null);
    expect(ticks).toHaveLength(10);
    const mean = ticks.reduce((a, t) => a + (t.memoryUtil.mean as number), 0) / ticks.length;
    expect(s.utilMean).toBeCloseTo(mean, 9);
  });

  it('bounds the per-tick spread by its worst tick', () => {
    expect(s.tickRange.mean).not.toBeNull();
    expect(s.tickRange.mean as number).toBeLessThanOrEqual(s.tickRange.max as number);
    expect(s.tickRange.p95 as number).toBeLessThanOrEqual(s.tickRange.max as number);
  });

  it('splits the swapped volume by class, and finds the first swap', () => {
    expect(run.memory.swapTrafficMB.out).toBeGreaterThan(0);
    expect(Object.values(s.swappedShare).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(s.firstSwap).not.toBeNull();
    expect(s.killed).toBe(run.summary.killed);
    expect(memoryStatsLines(s)[0]).toMatch(/^xx: average memory utilization \d+\.\d%/);
  });
});
