import { stringify } from 'yaml';
import type { InvocationTemplate } from '../model/index.ts';
import type { Counterexample } from './runner.ts';
import { optionalKnobsOf } from './scenario.ts';

// A counterexample as a scenario file (workload.invocations), so `priceclass run` reproduces it in the simulator.
// What a scenario file cannot say is reported as notes: the simulator routes arrivals and children to shards and
// samples machines and shards with its seeded streams, and orders same-time events canonically, where the suite
// let the choice tape decide; memory antagonists are dropped if the file format has none.

export function scenarioFileOf(cx: Counterexample, source: string): { yaml: string; notes: string[] } {
  const s = cx.scenario;
  const notes = [
    'invocation ids are renumbered in arrival order; shard routing, sampled machines and shards, and the order of ' +
      "same-time events come from the simulator (seeded, canonical order), not from the counterexample's choice tape",
  ];
  if (s.antagonists.length > 0)
    notes.push(
      `${s.antagonists.length} memory antagonist event(s) were dropped: scenario files cannot express them yet`,
    );
  const uniform = s.machines.every(
    (m) =>
      m.cores === s.machines[0].cores && m.memoryMB === s.machines[0].memoryMB && m.swapMB === s.machines[0].swapMB,
  );
  const first = s.machines[0];
  const lastAtUs = Math.max(0, ...s.arrivals.map((a) => a.atUs));
  const doc = {
    name: `replay-${cx.property}${cx.mutant ? `-${cx.mutant}` : ''}`,
    seed: cx.seed,
    durationS: (lastAtUs + 1) / 1e6,
    warmupS: 0,
    tickS: (lastAtUs + 1) / 1e6,
    drain: true,
    // Machines that differ are listed one by one.
    cluster: uniform
      ? {
          machines: s.machines.length,
          coresPerMachine: first.cores,
          memoryMB: first.memoryMB,
          swapMB: first.swapMB,
          shards: s.shards,
        }
      : { machineList: s.machines, shards: s.shards },
    policies: [s.policy],
    priceClasses: s.classes,
    // The file lists invocations by arrival time (ties keep their order); ids are renumbered in that order.
    workload: { invocations: sortedByTime(s.arrivals).map((a) => invocationOf(a.template, a.atUs)) },
    model: {
      memoryGrowthSteps: s.memoryGrowthSteps,
      ...optionalKnobsOf(s),
      idleThresholdMB: s.idleThresholdMB,
      idleUpdateDeltaMB: s.idleUpdateDeltaMB,
    },
    budgets: s.budgets,
  };
  const header = `# Written by \`priceclass replay ${source} --scenario\`: ${cx.property}: ${cx.message}\n`;
  return { yaml: header + stringify(doc), notes };
}

function sortedByTime<T extends { atUs: number }>(arrivals: readonly T[]): T[] {
  return arrivals
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.atUs - y.a.atUs || x.i - y.i)
    .map((x) => x.a);
}

function invocationOf(t: InvocationTemplate, atUs: number): Record<string, unknown> {
  return { atS: atUs / 1e6, ...body(t) };
}

function body(t: InvocationTemplate): Record<string, unknown> {
  const children = t.children.map((c) => ({ afterS: c.afterWorkUs / 1e6, ...body(c.spec) }));
  return {
    class: t.declaredClass,
    runtimeS: t.workUs / 1e6,
    memoryMB:
      t.initialMemoryMB === t.peakMemoryMB ? t.peakMemoryMB : { initial: t.initialMemoryMB, peak: t.peakMemoryMB },
    tenant: t.tenantId,
    function: t.functionId,
    ...(children.length > 0 ? { children } : {}),
  };
}
