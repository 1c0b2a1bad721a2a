import { describe, expect, it } from 'vitest';
import { RunRecorder } from '../../../sim/metrics/recorder.ts';
import { round6 } from '../../../sim/metrics/round.ts';
import { startPolicyRun } from '../../../sim/run/run-policy.ts';
import { parseScenario } from '../../../sim/scenario/parse.ts';

// Swap traffic, swap in use, utilization across machines, the spread summary and the per-class memory figures,
// checked against values worked out by hand.

describe('a hand-worked run (fixtures/scenarios/memory-inversion.yaml, ticks of 5 s)', () => {
  // One machine, 2 cores, 10,000 MB RAM, swap instantaneous (the model does not charge for it yet). Two high
  // invocations of 10 s take 5,000 and 6,000 MB at 0 s: the second is swapped out at once. A low one of 20 s and
  // 5,000 MB arrives at 1 s and runs. At 10 s the first high one completes; the second needs 6,000 MB with 5,000
  // free, so the low one is swapped out and the second high one swapped in; it completes at 20 s, the low one is
  // swapped back in and completes at 31 s. Ticks end at 5, 10, ..., 35 s and see the machine before events then.
  const scenario = parseScenario(
    `durationS: 35
tickS: 5
cluster: { machines: 1, coresPerMachine: 2, memoryMB: 10000, swapMB: 100000, shards: 1 }
policies: [xx]
priceClasses: [{ name: low, pricePerCpuS: 0.5 }, { name: high, pricePerCpuS: 2.0 }]
model: { memoryGrowthSteps: 1 }
workload:
  invocations:
    - { atS: 0, class: high, runtimeS: 10, memoryMB: 5000 }
    - { atS: 0, class: high, runtimeS: 10, memoryMB: 6000 }
    - { atS: 1, class: low, runtimeS: 20, memoryMB: 5000 }
`,
    'memory-inversion.yaml',
  );
  const run = startPolicyRun(scenario, 0, 'memory-inversion.yaml');
  while (!run.simulation.advance(1000));
  const r = run.finish();

  it('attributes swap traffic to the tick in which a transfer finished', () => {
    expect(r.timeline.map((t) => [t.swapTrafficMB.out, t.swapTrafficMB.in])).toEqual([
      [6000, 0], // 0 s: the second high one out
      [0, 0],
      [5000, 6000], // 10 s: the low one out, the second high one in
      [0, 0],
      [0, 5000], // 20 s: the low one in
      [0, 0],
      [0, 0],
    ]);
  });

  it('samples swap in use, utilization and the backlog at each tick end', () => {
    expect(r.timeline.map((t) => t.swapMB.total)).toEqual([6000, 6000, 5000, 5000, 0, 0, 0]);
    expect(r.timeline.map((t) => t.memoryUtil.median)).toEqual([1, 1, 0.6, 0.6, 0.5, 0.5, 0]);
    expect(r.timeline.map((t) => t.backlog)).toEqual([3, 3, 2, 2, 1, 1, 0].map((n) => ({ total: n, onMachines: n })));
  });

  it('totals swap per machine and per class, and says whether the run settled', () => {
    expect(r.machines[0]).toMatchObject({ swappedOutMB: 11_000, swappedInMB: 11_000, kills: 0 });
    expect(r.memory.swapTrafficMB).toEqual({ out: 11_000, in: 11_000 });
    expect(r.memory.classes.map((c) => [c.name, c.swappedOutMB, c.swappedInMB, c.swapIns, c.killed])).toEqual([
      ['low', 5000, 5000, 1, 0],
      ['high', 6000, 6000, 1, 0],
    ]);
    // One machine: no spread across machines.
    expect(r.memory.utilizationSpread).toEqual({ ticks: 7, meanSd: 0, meanRange: 0 });
    // The window [23.3, 35] s holds the ticks ending at 25, 30, 35 s: backlog 1, 1, 0 (falling), no swap.
    expect(r.summary.steadyState).toEqual({
      steady: true,
      backlogSlopePerS: -0.1,
      swapSlopeMBPerS: 0,
      window: [23.3333, 35],
    });
  });
});

describe('the memory section of the recorder', () => {
  const recorder = () =>
    new RunRecorder({ policy: 'xx', classNames: ['low', 'high'], machines: 4, warmupS: 2, tickS: 1, durationS: 4 });

  it('sums and averages the time swap-ins waited, per class, and counts every kill', () => {
    const r = recorder();
    r.onSwapIn(0, 0, 100, 300_000, 1_000_000);
    r.onSwapIn(1, 0, 200, 100_000, 1_500_000);
    r.onSwapIn(2, 1, 50, 0, 3_000_000);
    r.onKill(0, 500_000, 3); // arrived during warmup: not in classes[], but a kill of the run
    r.onKill(1, 2_500_000, 3);
    const result = r.finish({ simulatedS: 4, events: 0, wallS: 0 });
    expect(result.memory.classes).toEqual([
      {
        name: 'low',
        swappedOutMB: 0,
        swappedInMB: 300,
        swapIns: 2,
        swapInWaitS: { total: 0.4, mean: 0.2 },
        killed: 1,
      },
      { name: 'high', swappedOutMB: 0, swappedInMB: 50, swapIns: 1, swapInWaitS: { total: 0, mean: 0 }, killed: 1 },
    ]);
    expect(result.classes.map((c) => c.killed)).toEqual([0, 1]);
    expect(result.machines.map((m) => m.swappedInMB)).toEqual([100, 200, 50, 0]);
  });

  it('has no mean wait for a class that was never swapped in', () => {
    const result = recorder().finish({ simulatedS: 4, events: 0, wallS: 0 });
    expect(result.memory.classes[1].swapInWaitS).toEqual({ total: 0, mean: null });
    expect(result.memory.utilizationSpread).toEqual({ ticks: 0, meanSd: null, meanRange: null });
  });

  it('summarises the spread across machines over the ticks from warmup on', () => {
    const r = recorder();
    const none = new Float64Array(4);
    const utils = [
      [0, 0, 0, 0], // ticks 0 and 1 are warmup
      [0.9, 0.1, 0.1, 0.1],
      [0.2, 0.4, 0.6, 0.8], // median 0.5, sd sqrt(0.05), range 0.6
      [0.5, 0.5, 0.5, 0.5], // sd 0, range 0
    ];
    utils.forEach((u, tick) => {
      r.sampleMachines(tick, Float64Array.from(u), none, none);
    });
    const result = r.finish({ simulatedS: 4, events: 0, wallS: 0 });
    expect(result.memory.utilizationSpread).toEqual({
      ticks: 2,
      meanSd: round6(Math.sqrt(0.05) / 2),
      meanRange: 0.3,
    });
    expect(result.timeline[1].memoryUtil).toMatchObject({
      median: 0.1,
      min: 0.1,
      max: 0.9,
      sd: round6(Math.sqrt(0.12)),
    });
    expect(result.timeline[2].memoryUtil.median).toBe(0.5);
  });
});
