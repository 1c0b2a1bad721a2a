import { loadScenario } from '../scenario/parse.ts';
import type { Scenario } from '../scenario/types.ts';

// The benchmark's workload (issue 10): fig3's cluster shape (8 cores a machine, 4 shards, unbounded memory) at a
// steady load of 0.7, exponential runtimes of 100 ms, two classes, functions of 100 MB growing in the default 4
// steps, and the policy with every knob at its default (XX: idle list on, k = 3).

export function benchScenario(machines: number, policy: string, durationS: number): Scenario {
  return loadScenario('fixtures/paper/fig3.yaml', [
    `cluster.machines=${machines}`,
    `durationS=${durationS}`,
    'warmupS=0',
    `tickS=${Math.min(1, durationS)}`,
    'drain=false',
    'workload.arrivals=[{fromS: 0, load: 0.7}]',
    'workload.runtimeS={dist: exponential, mean: 0.1}',
    'priceClasses=[{name: low, pricePerCpuS: 1}, {name: high, pricePerCpuS: 2}]',
    'workload.classWeights=[0.5, 0.5]',
    'workload.memoryMB={initial: 100, peak: 100}',
    'model={}',
    `policies=[{name: ${policy}}]`,
  ]);
}
