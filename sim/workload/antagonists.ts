// A scenario's memory antagonists (sim/scenario/antagonists.ts) as the engine's memory events: at atUs, machine
// machineId's usable memory becomes memoryMB (the model then swaps or kills under the new pressure).
//
// Choices, all seeded by the scenario seed with their own named streams (so adding an antagonist or a process
// never moves the workload's draws, nor another antagonist's):
// - `machines: { fraction }` of listed antagonist i picks max(1, round(fraction x machines)) distinct machines by a
//   partial Fisher-Yates shuffle of stream `antagonists/<i>/machines` (two entries pick independently);
// - the process draws Poisson arrivals over [0, durationS) (`antagonists/process/arrivals`), a uniform machine
//   (`.../machines`), a duration (`.../durations`) and a depth clamped to [0, 1] (`.../depths`) per arrival.
// Times are rounded to whole microseconds, usable memory is rounded down to whole MB (fraction x RAM).
//
// Overlaps: a machine under several antagonists at once has the minimum of what they leave usable (each takes
// its memory independently, and the tightest one binds); when none is active its usable memory is its RAM. Only
// changes are emitted, so an antagonist hidden under a deeper one produces no event. A run that drains lasts at
// least until its last memory event (the engine delivers every event it was given).

import type { SimInput } from '../engine/types.ts';
import type { AntagonistProcessSpec, AntagonistSpec, Scenario } from '../scenario/types.ts';
import { toUs } from './explicit.ts';
import { sampleOnce } from './sample.ts';
import { Draw, draws, stream, type Uniform } from './streams.ts';

export type MemoryEvent = NonNullable<SimInput['memoryEvents']>[number];

/** One antagonist on one machine: its usable memory is at most usableMB over [fromUs, untilUs). */
export interface MachineAntagonist {
  readonly machineId: number;
  readonly fromUs: number;
  readonly untilUs: number;
  readonly usableMB: number;
}

/** The scenario's antagonists as the engine's memory events, sorted by time then machine. */
export function memoryEventsFor(scenario: Scenario, ramMB: readonly number[]): MemoryEvent[] {
  return memoryEventsOf(antagonistsOf(scenario, ramMB), ramMB);
}

/** Every antagonist of the scenario, per machine: the listed ones in order, then the process's. */
export function antagonistsOf(scenario: Scenario, ramMB: readonly number[]): MachineAntagonist[] {
  const listed = scenario.antagonists.flatMap((a, i) => listedOnMachines(a, i, scenario.seed, ramMB));
  const process = scenario.antagonistProcess;
  return process === undefined ? listed : [...listed, ...processAntagonists(process, scenario, ramMB)];
}

function listedOnMachines(a: AntagonistSpec, index: number, seed: number, ramMB: readonly number[]) {
  const ids = Array.isArray(a.machines)
    ? (a.machines as readonly number[])
    : pickMachines(stream(seed, `antagonists/${index}/machines`), (a.machines as { fraction: number }).fraction, ramMB);
  return ids.map(
    (machineId): MachineAntagonist => ({
      machineId,
      fromUs: toUs(a.atS),
      untilUs: a.untilS === undefined ? Infinity : toUs(a.untilS),
      usableMB: a.usableMemoryMB ?? Math.floor((a.usableFraction as number) * ramMB[machineId]),
    }),
  );
}

/** max(1, round(fraction x machines)) distinct machine ids, ascending. */
export function pickMachines(uniform: Uniform, fraction: number, ramMB: readonly number[]): number[] {
  const ids = ramMB.map((_, id) => id);
  const count = Math.min(ids.length, Math.max(1, Math.round(fraction * ids.length)));
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(uniform() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids.slice(0, count).sort((a, b) => a - b);
}

function processAntagonists(p: AntagonistProcessSpec, scenario: Scenario, ramMB: readonly number[]) {
  const name = (what: string) => `antagonists/process/${what}`;
  const arrivals = draws(scenario.seed, name('arrivals'));
  const machines = stream(scenario.seed, name('machines'));
  const durations = new Draw(stream(scenario.seed, name('durations')));
  const depths = new Draw(stream(scenario.seed, name('depths')));
  const out: MachineAntagonist[] = [];
  for (let atS = arrivals.exponential(1 / p.ratePerS); atS < scenario.durationS; ) {
    const machineId = Math.floor(machines() * ramMB.length);
    const depth = Math.min(1, Math.max(0, sampleOnce(p.depth, depths)));
    const fromUs = toUs(atS);
    out.push({
      machineId,
      fromUs,
      untilUs: fromUs + toUs(sampleOnce(p.durationS, durations)),
      usableMB: Math.floor(depth * ramMB[machineId]),
    });
    atS += arrivals.exponential(1 / p.ratePerS);
  }
  return out;
}

/** The changes of each machine's usable memory (the minimum over its active antagonists, else its RAM). */
export function memoryEventsOf(antagonists: readonly MachineAntagonist[], ramMB: readonly number[]): MemoryEvent[] {
  const byMachine = new Map<number, MachineAntagonist[]>();
  for (const a of antagonists) {
    if (!(a.untilUs > a.fromUs)) continue; // lasts no time: changes nothing
    const list = byMachine.get(a.machineId);
    if (list === undefined) byMachine.set(a.machineId, [a]);
    else list.push(a);
  }
  const events: MemoryEvent[] = [];
  for (const [machineId, list] of byMachine) {
    const times = [...new Set(list.flatMap((a) => [a.fromUs, a.untilUs]))].filter(Number.isFinite);
    let level = ramMB[machineId];
    for (const atUs of times.sort((a, b) => a - b)) {
      const active = list.filter((a) => a.fromUs <= atUs && atUs < a.untilUs);
      const next = Math.min(ramMB[machineId], ...active.map((a) => a.usableMB));
      if (next !== level) events.push({ atUs, machineId, memoryMB: next });
      level = next;
    }
  }
  return events.sort((a, b) => a.atUs - b.atUs || a.machineId - b.machineId);
}
