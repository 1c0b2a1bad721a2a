import { describe, expect, it } from 'vitest';
import { benchScenario } from '../../../sim/bench/bench-scenario.ts';
import { conformScenario } from '../../../sim/conform/compare.ts';

// The benchmark's workload (memory in 4 steps of the same size: the fast engine's silent wakes) conforms.

describe('conformance on the benchmark workload', () => {
  for (const policy of ['xx', 'hermod', 'openwhisk', 'knative']) {
    it(policy, () => {
      const [r] = conformScenario(benchScenario(20, policy, 1), 'bench');
      expect(r.divergence).toBeNull();
      expect(r.resultsDiffer).toBeNull();
    }, 60_000);
  }
});
