import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../sim/metrics/document.ts';
import { startPolicyRun } from '../../../sim/run/run-policy.ts';
import { parseScenario } from '../../../sim/scenario/parse.ts';

// cluster.swapMBPerS reaches each machine's swap device: with unlimited bandwidth a swap-in waits for nothing; at
// 200 MB/s (about a slow SATA SSD under mixed load) swap-ins wait for the device, and the same workload is served.

const TEXT = `
durationS: 20
tickS: 1
cluster: { machines: 2, coresPerMachine: 4, memoryMB: 4096, swapMB: 100000, shards: 1 }
policies: [{ name: xx, idleList: false }]
model: { memoryGrowthSteps: 1 }
priceClasses: [{ name: low, pricePerCpuS: 1 }, { name: high, pricePerCpuS: 2 }]
workload:
  functions: 20
  arrivals: [{ fromS: 0, load: 0.9 }]
  runtimeS: { dist: exponential, mean: 0.2 }
  classWeights: [0.5, 0.5]
  memoryMB: { initial: 100, peak: { dist: uniform, min: 500, max: 1500 } }
`;

function run(sets: string[]): RunResult {
  const r = startPolicyRun(parseScenario(TEXT, 'bandwidth.yaml', sets), 0, 'bandwidth.yaml');
  while (!r.simulation.advance(1_000_000));
  return r.finish();
}

const waitedS = (r: RunResult) => r.memory.classes.reduce((sum, c) => sum + c.swapInWaitS.total, 0);

describe('swap bandwidth from the scenario file', () => {
  const unlimited = run([]);
  const slow = run(['cluster.swapMBPerS=200']);

  it('swaps at all (the scenario has memory pressure)', () => {
    expect(unlimited.memory.swapTrafficMB.out).toBeGreaterThan(0);
    expect(slow.memory.swapTrafficMB.out).toBeGreaterThan(0);
  });

  it('costs no waiting when unlimited, and waiting for the device when slow', () => {
    expect(waitedS(unlimited)).toBe(0);
    expect(waitedS(slow)).toBeGreaterThan(0);
  });

  it('serves the same arrivals either way', () => {
    expect(slow.summary.arrived).toBe(unlimited.summary.arrived);
  });

  it('reads "unlimited" as no bandwidth field (a sweep grid can list it beside numbers)', () => {
    const word = parseScenario(TEXT, 'bandwidth.yaml', ['cluster.swapMBPerS=unlimited']);
    expect('swapMBPerS' in word.cluster).toBe(false);
    expect(word).toEqual(parseScenario(TEXT, 'bandwidth.yaml', []));
    const listed = parseScenario(
      TEXT.replace(
        'cluster: { machines: 2, coresPerMachine: 4, memoryMB: 4096, swapMB: 100000, shards: 1 }',
        'cluster: { shards: 1, machineList: [{ cores: 4, memoryMB: 4096, swapMB: 100000, swapMBPerS: unlimited }, ' +
          '{ cores: 4, memoryMB: 4096, swapMB: 100000, swapMBPerS: 500 }] }',
      ),
      'bandwidth.yaml',
    );
    expect(listed.cluster.machineList?.map((m) => m.swapMBPerS)).toEqual([undefined, 500]);
    expect('swapMBPerS' in (listed.cluster.machineList?.[0] ?? {})).toBe(false);
  });

  it('rejects any other word, naming the field and the choices', () => {
    expect(() => parseScenario(TEXT, 'bandwidth.yaml', ['cluster.swapMBPerS=fast'])).toThrow(
      /cluster\.swapMBPerS: a positive number \(MB\/s\) or "unlimited"/,
    );
  });

  it('rejects a bandwidth of zero with the field named', () => {
    expect(() => parseScenario(TEXT, 'bandwidth.yaml', ['cluster.swapMBPerS=0'])).toThrow(/cluster\.swapMBPerS/);
  });
});
