import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../sim/metrics/document.ts';
import { startPolicyRun } from '../../sim/run/run-policy.ts';
import { loadScenario } from '../../sim/scenario/parse.ts';

// The paper's Figure 3 claim, checked on the fig3 scenario: XX keeps the high class's per-tick p99 during the
// spike within 1.5x of its pre-spike level, while Hermod's rises several-fold, and XX's low class pays.
// `npm test` runs a scaled-down copy (20 machines, spike from 15 s to 25 s); `npm run validate` the real one.

const full = process.env.PRICECLASS_VALIDATE === 'full';
const sets = full
  ? []
  : [
      'cluster.machines=20',
      'durationS=40',
      'warmupS=3',
      'workload.arrivals[1].fromS=15',
      'workload.arrivals[2].fromS=25',
    ];
const spike = full ? { from: 50, to: 80 } : { from: 15, to: 25 };

function p99s(run: RunResult, cls: string, fromS: number, toS: number): number[] {
  return run.timeline
    .filter((t) => t.startS >= fromS && t.startS < toS)
    .flatMap((t) =>
      t.classes.filter((c) => c.name === cls && c.latencyS.p99 !== null).map((c) => c.latencyS.p99 as number),
    );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('Figure 3: XX isolates the high class from a load spike; Hermod does not', () => {
  const scenario = loadScenario('fixtures/paper/fig3.yaml', sets);
  const runs = scenario.policies.map((_, i) => {
    const run = startPolicyRun(scenario, i, 'fixtures/paper/fig3.yaml');
    while (!run.simulation.advance(Infinity));
    return run.finish();
  });
  const [xx, hermod] = runs;
  const ratio = (run: RunResult, cls: string) =>
    Math.max(...p99s(run, cls, spike.from, spike.to)) / median(p99s(run, cls, scenario.warmupS, spike.from));

  it('XX high class: spike p99 within 1.5x of its pre-spike level', () => {
    expect(ratio(xx, 'high')).toBeLessThan(1.5);
  });
  it("Hermod's high class p99 rises several-fold", () => {
    expect(ratio(hermod, 'high')).toBeGreaterThan(3);
  });
  it("XX's low class pays for it", () => {
    expect(ratio(xx, 'low')).toBeGreaterThan(3);
  });
});
