// The replay page's data: every step of every run with the world after it, in a compact form, and each
// microstep as the one component it changed (the page applies them in turn to the world before the step).

import type { MachineState, Microstep, ShardState, World } from '../../model/index.ts';
import type { TraceDoc, TraceLine, TraceRun } from '../render.ts';
import { eventText, microstepText, outputText } from '../render.ts';

/** [invocation id, class, running (1) or not (0), residency, memory MB]. */
export type TaskSnap = readonly [number, number, 0 | 1, string, number];

export interface MachineSnap {
  readonly id: number;
  readonly cores: number;
  readonly usableMB: number;
  readonly swapMB: number;
  readonly tasks: readonly TaskSnap[];
}

export interface ShardSnap {
  readonly id: number;
  /** Invocation ids waiting, one list per class. */
  readonly queues: readonly (readonly number[])[];
  /** [machine id, free MB] in idle-list order. */
  readonly idle: readonly (readonly [number, number])[];
}

export interface WorldSnap {
  readonly nowUs: number;
  readonly machines: readonly MachineSnap[];
  readonly shards: readonly ShardSnap[];
  /** Invocations a budget holds. */
  readonly held: readonly number[];
}

export interface MicroSnap {
  readonly text: string;
  readonly machine?: MachineSnap;
  readonly shard?: ShardSnap;
}

/** Step 0 is the initial world (no event); step k > 0 is the world after the k-th event. */
export interface StepSnap {
  readonly atUs: number;
  readonly event: string;
  readonly outputs: readonly string[];
  readonly violations: readonly string[];
  readonly world: WorldSnap;
  readonly micro: readonly MicroSnap[];
}

export interface RunSnap {
  readonly title: string;
  readonly steps: readonly StepSnap[];
  /** The step that shows the violation (in this numbering), or null. */
  readonly violationStep: number | null;
}

export function machineSnap(m: MachineState): MachineSnap {
  const tasks = m.tasks.map(
    (t): TaskSnap => [t.inv.id, t.inv.effectiveClass, t.running ? 1 : 0, t.residency, t.memoryMB],
  );
  return { id: m.id, cores: m.cores, usableMB: m.usableMB, swapMB: m.swapMB, tasks };
}

export function shardSnap(s: ShardState): ShardSnap {
  return {
    id: s.id,
    queues: s.queues.map((q) => q.map((i) => i.inv.id)),
    idle: s.idle.map((e) => [e.machineId, e.freeMB] as const),
  };
}

export function worldSnap(w: World): WorldSnap {
  return {
    nowUs: w.nowUs,
    machines: w.machines.map(machineSnap),
    shards: w.shards.map(shardSnap),
    held: w.budget.held.map((h) => h.inv.id),
  };
}

/** A microstep as text and the machine or shard it left behind (dispatchers, budget and billing are not drawn). */
function microSnap(ms: Microstep, index: number): MicroSnap {
  const text = microstepText(ms, index)
    .trim()
    .replace(/^\.\d+ /, '');
  if (ms.to.kind === 'machine') return { text, machine: machineSnap(ms.state as MachineState) };
  if (ms.to.kind === 'shard') return { text, shard: shardSnap(ms.state as ShardState) };
  return { text };
}

function stepSnap(line: TraceLine): StepSnap {
  return {
    atUs: line.event.atUs,
    event: eventText(line.event),
    outputs: line.out.flatMap((o) => outputText(o) ?? []),
    violations: line.violations.map((v) => `${v.property}: ${v.message}`),
    world: worldSnap(line.world),
    micro: (line.microsteps ?? []).map(microSnap),
  };
}

export function runSnap(r: TraceRun, index: number): RunSnap {
  const initial: StepSnap = {
    atUs: r.initial.nowUs,
    event: 'initial world',
    outputs: [],
    violations: [],
    world: worldSnap(r.initial),
    micro: [],
  };
  const steps = [initial, ...r.lines.map(stepSnap)];
  const flagged = r.lines.findIndex((l) => l.violations.length > 0);
  const at = flagged >= 0 ? flagged : (r.highlight ?? -1);
  return { title: r.title ?? `run ${index + 1}`, steps, violationStep: at >= 0 ? at + 1 : null };
}

export function docRuns(d: TraceDoc): RunSnap[] {
  return d.runs.map(runSnap);
}
