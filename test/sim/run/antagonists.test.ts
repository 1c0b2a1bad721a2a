import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../sim/metrics/document.ts';
import { startPolicyRun } from '../../../sim/run/run-policy.ts';
import { parseScenario } from '../../../sim/scenario/parse.ts';
import { memoryEventsFor } from '../../../sim/workload/antagonists.ts';

// Antagonists end to end: a cluster whose memory is never short on its own, where a quarter of the machines lose
// all their usable memory from 10 s to 20 s. Swap-outs must happen on exactly those machines and inside that
// window, and what went out comes back after it.

const TEXT = `
durationS: 30
tickS: 1
cluster: { machines: 8, coresPerMachine: 4, memoryMB: 16384, swapMB: 100000, shards: 2 }
policies: [{ name: xx, idleList: false }]
model: { memoryGrowthSteps: 1 }
workload:
  functions: 50
  arrivals: [{ fromS: 0, load: 0.7 }]
  runtimeS: { dist: exponential, mean: 0.1 }
  memoryMB: { initial: 100, peak: { dist: uniform, min: 200, max: 1000 } }
antagonists:
  - { machines: { fraction: 0.25 }, atS: 10, untilS: 20, usableFraction: 0 }
`;

function run(sets: string[] = []): RunResult {
  const scenario = parseScenario(TEXT, 'e2e.yaml', sets);
  const r = startPolicyRun(scenario, 0, 'e2e.yaml');
  while (!r.simulation.advance(1_000_000));
  return r.finish();
}

const ticksWith = (r: RunResult, direction: 'out' | 'in') =>
  r.timeline.filter((t) => (t.swapTrafficMB[direction] ?? 0) > 0).map((t) => t.tick);

describe('memory antagonists in a run', () => {
  const chosen = memoryEventsFor(parseScenario(TEXT, 'e2e.yaml'), Array(8).fill(16384))
    .filter((e) => e.atUs === 10e6)
    .map((e) => e.machineId);
  const withAntagonists = run();

  it('needs them to swap at all (without them memory is never short)', () => {
    const without = run(['antagonists=[]']);
    expect(without.machines.every((m) => m.swappedOutMB === 0)).toBe(true);
    expect(without.summary.arrived).toBe(withAntagonists.summary.arrived); // the same workload
  });

  it('swaps out on exactly the chosen machines', () => {
    expect(chosen).toHaveLength(2);
    const swapped = withAntagonists.machines.filter((m) => m.swappedOutMB > 0).map((m) => m.id);
    expect(swapped).toEqual(chosen);
  });

  it('swaps out only during the window, and back in once memory is restored', () => {
    // Swap is instantaneous in the model today; a swap device would move the last transfers a little later.
    const outTicks = ticksWith(withAntagonists, 'out');
    expect(outTicks[0]).toBe(10);
    expect(outTicks.every((t) => t >= 10 && t < 20)).toBe(true);
    expect(ticksWith(withAntagonists, 'in')).toContain(20);
    expect(withAntagonists.memory.swapTrafficMB.in).toBe(withAntagonists.memory.swapTrafficMB.out);
    // Swap in use: nothing before the window, something at its end, nothing once the machines got memory back.
    const swapAt = (tick: number) => withAntagonists.timeline[tick].swapMB.total as number;
    expect(swapAt(9)).toBe(0);
    expect(swapAt(19)).toBeGreaterThan(0);
    expect(swapAt(21)).toBe(0);
    expect(withAntagonists.summary.completed).toBe(withAntagonists.summary.arrived); // nothing killed or lost
  });
});
