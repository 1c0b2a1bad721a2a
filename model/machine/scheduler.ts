import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { disciplineOf } from './discipline.ts';
import { isOverCapacity, relieveOnce, roomFor } from './memory-manager.ts';
import { compareRank, inRankOrder, inVictimOrder } from './rank.ts';
import type { MachineState, Task } from './state.ts';
import { runningCount } from './state.ts';
import { current, preemptTask, startTask, swapInTask, swapOutTask } from './task-ops.ts';

// The machine scheduler (paper 3.2): "a preemptive priority scheduler: it preempts lower price class functions to
// run higher price class ones ... Within price classes the machine scheduler is first come first served". After
// anything changes, the machine settles by repeating the first of these that applies, one action at a time:
//   1. memory over capacity: the memory manager relieves it by one victim (swap out or kill);
//   2. a free slot and a runnable waiting task: the best one (rank order) starts, swapped back in first if it was
//      in swap ("swaps the low price class function back in when ... the function will be run");
//   3. the best runnable waiting task is of a strictly higher class than the lowest-ranked running task, and the
//      policy preempts: that running task leaves its core (the next round starts the waiting one).
// Runnable: resident, or in swap with room makeable for it (memory-manager.ts roomFor). A task that is not
// runnable is passed over, so the next runnable one takes the core (work conservation over priority: it cannot
// run). The fixpoint is what the properties check: no pressure, no free slot beside a runnable waiting task, no
// runnable waiting task of a class above a running one (when preemptive).

interface Candidate {
  readonly task: Task;
  /** What must leave RAM for it to come in (empty when it is resident or fits). */
  readonly room: readonly Task[];
}

export function settle(machine: MachineState, config: ModelConfig, outputs: Output[]): MachineState {
  const slots = disciplineOf(config.policy).slots(machine.cores);
  // Each round swaps, kills, starts or preempts a task; a task moves down the victim order or up the rank order.
  const maxRounds = 10 * (machine.tasks.length + 1);
  let m = machine;
  for (let round = 0; round <= maxRounds; round++) {
    if (isOverCapacity(m)) {
      m = relieveOnce(m, config, outputs);
      continue;
    }
    const best = bestRunnableWaiting(m, config);
    if (best === null) return m;
    if (runningCount(m) < slots) {
      m = start(m, best, outputs);
      continue;
    }
    const lowest = inVictimOrder(
      m.tasks.filter((t) => t.running),
      config.policy,
    )[0];
    if (!config.policy.preemptive || best.task.cls <= lowest.cls) return m;
    m = preemptTask(m, lowest, best.task.inv.id, outputs);
  }
  throw new Error(`machine ${machine.id}: the scheduler did not settle in ${maxRounds} rounds`);
}

/** The best-ranked waiting task that can run: resident, or in swap with room makeable for it. */
function bestRunnableWaiting(m: MachineState, config: ModelConfig): Candidate | null {
  const waiting = m.tasks.filter((t) => !t.running);
  // Usually every waiting task is resident: the best is then simply the first in rank order.
  if (waiting.every((t) => !t.swapped)) {
    const best = firstInRank(waiting, config);
    return best === undefined ? null : { task: best, room: [] };
  }
  for (const task of inRankOrder(waiting, config.policy)) {
    if (!task.swapped) return { task, room: [] };
    const room = roomFor(m, task, config);
    if (room !== null) return { task, room };
  }
  return null;
}

function firstInRank(tasks: readonly Task[], config: ModelConfig): Task | undefined {
  let best = tasks[0];
  for (const t of tasks) if (compareRank(t, best, config.policy) < 0) best = t;
  return best;
}

function start(machine: MachineState, c: Candidate, outputs: Output[]): MachineState {
  let m = machine;
  for (const victim of c.room) m = swapOutTask(m, current(m, victim), c.task.inv.id, outputs);
  if (c.task.swapped) m = swapInTask(m, current(m, c.task), outputs);
  return startTask(m, current(m, c.task), outputs);
}
