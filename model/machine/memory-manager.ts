import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { compareRank, inVictimOrder } from './rank.ts';
import type { MachineState, Task } from './state.ts';
import { freeMB, residentMB, swapUsedMB } from './state.ts';
import { killTask, swapOutTask } from './task-ops.ts';

// The dispatcher's memory manager (paper 3.2): "When memory pressure occurs, the dispatcher uses price
// class-based swapping to move low price class functions off the machine's memory ... in the case that memory
// still runs out it resorts to killing." Victims go in victim order (rank.ts). Under pressure the next victim is
// swapped out if swap has room for it, else killed (swapOrder strict); with swapOrder firstFit the first victim
// in order that fits in swap is swapped, and the first victim is killed only when none fits. Without swap
// (policy swap: false) pressure kills. Only resident tasks are victims: a swapped task frees no RAM.
//
// No priority inversion through memory: a task waiting in swap may take memory back from tasks of strictly
// lower class that rank below it, running ones included (taken off their cores, then swapped out), in victim
// order and by the same swap rule; if that cannot make room, it is not runnable (roomFor returns null).

/** Relieves pressure by one victim: swaps it out or kills it. Call while resident memory exceeds usable RAM. */
export function relieveOnce(m: MachineState, config: ModelConfig, outputs: Output[]): MachineState {
  const victims = inVictimOrder(
    m.tasks.filter((t) => !t.swapped),
    config.policy,
  );
  if (victims.length === 0) throw new Error(`machine ${m.id}: memory over capacity with nothing resident`);
  const swapFreeMB = m.swapMB - swapUsedMB(m);
  const fits = (t: Task) => config.policy.swap && t.memoryMB <= swapFreeMB;
  const target =
    config.policy.swapOrder === 'firstFit' ? victims.find(fits) : fits(victims[0]) ? victims[0] : undefined;
  return target === undefined ? killTask(m, victims[0], outputs) : swapOutTask(m, target, -1, outputs);
}

/**
 * The tasks to swap out so that swapped `task` fits in RAM, in order, or null when no room can be made. The
 * task's own swap space counts as free (it leaves swap as it comes in).
 */
export function roomFor(m: MachineState, task: Task, config: ModelConfig): Task[] | null {
  let neededMB = task.memoryMB - freeMB(m);
  if (neededMB <= 0) return [];
  if (!config.policy.swap) return null;
  let swapFreeMB = m.swapMB - swapUsedMB(m) + task.memoryMB;
  const below = m.tasks.filter((t) => !t.swapped && t.cls < task.cls && compareRank(t, task, config.policy) > 0);
  const plan: Task[] = [];
  for (const victim of inVictimOrder(below, config.policy)) {
    if (neededMB <= 0) break;
    if (victim.memoryMB > swapFreeMB) {
      if (config.policy.swapOrder === 'strict') return null;
      continue;
    }
    plan.push(victim);
    swapFreeMB -= victim.memoryMB;
    neededMB -= victim.memoryMB;
  }
  return neededMB <= 0 ? plan : null;
}

export function isOverCapacity(m: MachineState): boolean {
  return residentMB(m) > m.usableMB;
}
