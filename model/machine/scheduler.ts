import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { disciplineOf } from './discipline.ts';
import { isOverCapacity, relieveOnce, roomFor } from './memory-manager.ts';
import { compareRank, inRankOrder, inVictimOrder } from './rank.ts';
import type { MachineState, Task } from './state.ts';
import { freeMB, runningCount } from './state.ts';
import { deviceStep } from './swap-device.ts';
import { current, preemptTask, startTask, swapInTask, swapOutTask } from './task-ops.ts';

// The machine scheduler (paper 3.2): "a preemptive priority scheduler: it preempts lower price class functions to
// run higher price class ones ... Within price classes the machine scheduler is first come first served". After
// anything changes, the machine settles by repeating the first of these that applies, one action at a time:
//   1. the swap device finishes the transfer that has ended, or starts the next (swap-device.ts);
//   2. memory over capacity: the memory manager relieves it by one victim (swap out, kill);
//   3. the best waiting candidate (rank order) among tasks in RAM and tasks in swap that could run (room makeable
//      for them, memory-manager.ts roomFor):
//      - in RAM, with a core free: it starts;
//      - in swap, if it will run (a core is free for it, counting the swap-ins already on their way, or it outranks
//        a running task by class and the policy preempts): room is made and its swap-in asked for ("swaps the low
//        price class function back in when ... the function will be run"); a swap-in on its way is no candidate;
//      - in RAM, every core taken, of a strictly higher class than the lowest-ranked running task, and the policy
//        preempts: that task leaves its core (the next round starts the candidate);
//   4. with eager swap-in, the best-ranked task in swap that fits in free RAM as it is: its swap-in is asked for.
// A task that cannot run (in swap, no room makeable) is passed over, so the next runnable one takes the core; a
// task in RAM may take a free core while a better one is on its way back (work conservation), and loses it when
// that one arrives if it is of a lower class. The fixpoint is what the properties check.

interface Candidate {
  readonly task: Task;
  /** What must leave RAM for it to come in (empty when it is in RAM or fits). */
  readonly room: readonly Task[];
}

export function settle(machine: MachineState, config: ModelConfig, outputs: Output[]): MachineState {
  // Each round finishes or starts a transfer, swaps, kills, starts or preempts a task; bounded by the tasks.
  const maxRounds = 20 * (machine.tasks.length + 1);
  let m = machine;
  for (let round = 0; round <= maxRounds; round++) {
    const next = nextAction(m, config, outputs);
    if (next === null) return m;
    m = next;
  }
  throw new Error(`machine ${machine.id}: the scheduler did not settle in ${maxRounds} rounds`);
}

/** The machine after the first action that applies, or null when it has settled. */
function nextAction(m: MachineState, config: ModelConfig, outputs: Output[]): MachineState | null {
  const device = deviceStep(m, config.policy, outputs);
  if (device !== null) return device;
  if (isOverCapacity(m)) return relieveOnce(m, config, outputs);
  const scheduled = schedule(m, config, outputs);
  if (scheduled !== null) return scheduled;
  return config.policy.swapIn === 'eager' ? eagerSwapIn(m, config, outputs) : null;
}

/** The first candidate in rank order that can act: brought back from swap, started, or given a preempted core. */
function schedule(m: MachineState, config: ModelConfig, outputs: Output[]): MachineState | null {
  const slots = disciplineOf(config.policy).slots(m.cores);
  for (const c of candidates(m, config)) {
    if (c.task.residency === 'swap') {
      if (willRun(m, c.task, slots, config)) return bringBack(m, c, outputs);
      continue;
    }
    if (runningCount(m) < slots) return startTask(m, c.task, outputs);
    const lowest = lowestRunning(m, config);
    if (!config.policy.preemptive || c.task.cls <= lowest.cls) return null;
    return preemptTask(m, lowest, c.task.inv.id, outputs);
  }
  return null;
}

/** The running task that loses its core first: the first in victim order. */
function lowestRunning(m: MachineState, config: ModelConfig): Task {
  const runners = m.tasks.filter((t) => t.running);
  return inVictimOrder(runners, config.policy)[0];
}

/** Whether a task in swap would run if it were back: a core is free for it, or it would take one by class. */
function willRun(m: MachineState, task: Task, slots: number, config: ModelConfig): boolean {
  const incoming = m.tasks.filter((t) => t.residency === 'toRam').length;
  if (runningCount(m) + incoming < slots) return true;
  if (!config.policy.preemptive) return false;
  const lower = m.tasks.filter((t) => t.running && t.cls < task.cls).length;
  return incoming < lower;
}

/** The waiting tasks that could run, best first: in RAM, or in swap with room makeable for them. */
function* candidates(m: MachineState, config: ModelConfig): Generator<Candidate> {
  const waiting = m.tasks.filter((t) => !t.running && (t.residency === 'ram' || t.residency === 'swap'));
  // Usually every waiting task is in RAM: then only the first in rank order can act.
  if (waiting.every((t) => t.residency === 'ram')) {
    const best = firstInRank(waiting, config);
    if (best !== undefined) yield { task: best, room: [] };
    return;
  }
  for (const task of inRankOrder(waiting, config.policy)) {
    if (task.residency === 'ram') yield { task, room: [] };
    else {
      const room = roomFor(m, task, config);
      if (room !== null) yield { task, room };
    }
  }
}

function firstInRank(tasks: readonly Task[], config: ModelConfig): Task | undefined {
  let best = tasks[0];
  for (const t of tasks) if (compareRank(t, best, config.policy) < 0) best = t;
  return best;
}

/** Makes room for a task in swap (its victims go to swap) and asks for its swap-in. */
function bringBack(machine: MachineState, c: Candidate, outputs: Output[]): MachineState {
  let m = machine;
  for (const victim of c.room) m = swapOutTask(m, current(m, victim), c.task.inv.id, outputs);
  return swapInTask(m, current(m, c.task), outputs);
}

/** Eager swap-in: the best-ranked task in swap that fits in free RAM as it is comes back, whether it runs or not. */
function eagerSwapIn(m: MachineState, config: ModelConfig, outputs: Output[]): MachineState | null {
  const fitting = m.tasks.filter((t) => t.residency === 'swap' && t.memoryMB <= freeMB(m));
  const best = firstInRank(fitting, config);
  return best === undefined ? null : swapInTask(m, best, outputs);
}
