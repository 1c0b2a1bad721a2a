import { describe, expect, it } from 'vitest';
import { startPolicyRun } from '../../sim/run/run-policy.ts';
import { loadScenario, parseScenario } from '../../sim/scenario/parse.ts';

// Trace workloads through the scenario file: the fixtures validate, a short run completes every invocation,
// and a bad trace option is a one-line error naming the scenario field.

describe('trace workloads in scenarios', () => {
  it('both trace fixtures load', () => {
    expect(loadScenario('fixtures/traces/azure2019.yaml').workload.trace?.format).toBe('azure2019');
    expect(loadScenario('fixtures/traces/azure2021.yaml').workload.trace?.format).toBe('azure2021');
  });

  it('a short azure2021 run completes what arrived, for both policies, on the same invocations', () => {
    const scenario = loadScenario('fixtures/traces/azure2021.yaml', ['durationS=900', 'warmupS=0', 'tickS=60']);
    const runs = scenario.policies.map((_, i) => {
      const run = startPolicyRun(scenario, i, 'azure2021.yaml');
      while (!run.simulation.advance(Infinity));
      return run.finish();
    });
    for (const r of runs) {
      expect(r.summary.arrived).toBeGreaterThan(0);
      expect(r.summary.completed + r.summary.killed).toBe(r.summary.arrived);
    }
    expect(runs[0].summary.arrived).toBe(runs[1].summary.arrived);
  });

  it('a bad trace option names the field', () => {
    const text = 'durationS: 10\nworkload:\n  trace: { format: azure2020, path: x.csv }\n';
    expect(() => parseScenario(text, 'bad.yaml')).toThrow(/^bad\.yaml: workload\.trace\.format: /);
  });

  it('arrivals and trace together are refused', () => {
    const text =
      'durationS: 10\nworkload:\n' +
      '  arrivals: [{ fromS: 0, ratePerS: 1 }]\n' +
      '  trace: { format: azure2021, path: x.csv }\n';
    expect(() => parseScenario(text, 'bad.yaml')).toThrow(/^bad\.yaml: workload: exactly one of arrivals .* got two$/);
  });
});
