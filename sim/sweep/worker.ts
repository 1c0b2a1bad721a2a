// Runs one sweep point (every policy of its scenario) on a worker thread and returns the per-class statistics.
// Loaded through worker.mjs, which registers tsx first: a worker thread does not inherit a programmatic loader.

import type { EngineName } from '../engine/simulate.ts';
import { startPolicyRun } from '../run/run-policy.ts';
import type { Scenario } from '../scenario/types.ts';
import type { PointRun } from './point-file.ts';

export interface PointTask {
  readonly scenario: Scenario;
  readonly fileName: string;
  readonly engine?: EngineName;
}

export function runPoint(task: PointTask): PointRun[] {
  const runs: PointRun[] = [];
  for (let i = 0; i < task.scenario.policies.length; i++) {
    const run = startPolicyRun(task.scenario, i, task.fileName, undefined, task.engine);
    while (!run.simulation.advance(1_000_000));
    const r = run.finish();
    // Timeline and per-machine results stay out of the point file: the sweep reports per-class statistics.
    runs.push({ policy: r.policy, summary: r.summary, classes: r.classes, memory: { classes: r.memory.classes } });
  }
  return runs;
}
