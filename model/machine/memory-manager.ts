import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { compareRank, inVictimOrder } from './rank.ts';
import type { MachineState, Task } from './state.ts';
import { committedRamMB, committedSwapMB, freeMB, machineWith, taskWith } from './state.ts';
import { killTask, swapOutTask } from './task-ops.ts';

// The dispatcher's memory manager (paper 3.2): "When memory pressure occurs, the dispatcher uses price
// class-based swapping to move low price class functions off the machine's memory ... in the case that memory
// still runs out it resorts to killing." Pressure is committed RAM (in RAM or on its way back) above usable RAM.
// Victims are resident tasks in victim order (rank.ts): the next one is swapped out if swap has room for it.
// - swapOrder strict: if it does not fit it is killed. firstFit: the next victim of the same class that fits is
//   swapped instead, and the first is killed only when none of its class fits (never a higher class while a lower
//   one is resident: only lower classes are swapped while lower-class memory can be swapped or killed, paper 4.3).
// - reclaimSwap: before a victim is killed because swap is full, tasks in swap (or on their way there) of a strictly
//   lower class are killed (lowest class, latest placement first) if that makes room for it: swap is kept for the
//   higher classes.
// Without swap (policy swap: false) pressure kills. A machine holding only top-class tasks swaps and kills them in
// the same order, last resort; the results count every swap and kill by class.
//
// No priority inversion through memory: a task waiting in swap may take memory back from resident tasks of strictly
// lower class that rank below it, running ones included (taken off their cores, then swapped out), in victim order
// and by the swap rule; if that cannot make room, it cannot run (roomFor returns null).

export function isOverCapacity(m: MachineState): boolean {
  return committedRamMB(m) > m.usableMB;
}

function fitsInSwap(m: MachineState, t: Task): boolean {
  return t.memoryMB <= m.swapMB - committedSwapMB(m);
}

/** Relieves pressure by one action: a swap-out, a kill, or a swap-in called off. Call while over capacity. */
export function relieveOnce(m: MachineState, config: ModelConfig, outputs: Output[]): MachineState {
  const resident = m.tasks.filter((t) => t.residency === 'ram');
  if (resident.length === 0) return callOffSwapIn(m, config, outputs);
  const victims = inVictimOrder(resident, config.policy);
  const first = victims[0];
  if (!config.policy.swap) return killTask(m, first, outputs);
  const sameClass = victims.filter((t) => t.cls === first.cls);
  const target = config.policy.swapOrder === 'firstFit' ? (sameClass.find((t) => fitsInSwap(m, t)) ?? first) : first;
  if (fitsInSwap(m, target)) return swapOutTask(m, target, -1, outputs);
  const reclaim = config.policy.reclaimSwap ? reclaimFor(m, target, config) : [];
  return killTask(m, reclaim.length > 0 ? reclaim[0] : first, outputs);
}

/**
 * Tasks in swap (or on their way) of a strictly lower class than `victim` whose kills, in victim order, make room in
 * swap for it; empty when even all of them would not.
 */
function reclaimFor(m: MachineState, victim: Task, config: ModelConfig): Task[] {
  const lower = inVictimOrder(
    m.tasks.filter((t) => (t.residency === 'swap' || t.residency === 'toSwap') && t.cls < victim.cls),
    config.policy,
  );
  let roomMB = m.swapMB - committedSwapMB(m);
  const kills: Task[] = [];
  for (const t of lower) {
    if (roomMB >= victim.memoryMB) break;
    kills.push(t);
    roomMB += t.memoryMB;
  }
  return roomMB >= victim.memoryMB ? kills : [];
}

/** Pressure with nothing resident (only swap-ins on their way): the worst-ranked of them is called off. */
function callOffSwapIn(m: MachineState, config: ModelConfig, outputs: Output[]): MachineState {
  const incoming = inVictimOrder(
    m.tasks.filter((t) => t.residency === 'toRam'),
    config.policy,
  );
  if (incoming.length === 0) throw new Error(`machine ${m.id}: memory over capacity with nothing in RAM`);
  const task = incoming[0];
  const { id } = task.inv;
  outputs.push({
    type: 'swapInCalledOff',
    atUs: m.nowUs,
    invId: id,
    machineId: m.id,
    cls: task.inv.effectiveClass,
    memoryMB: task.memoryMB,
  });
  const transfer = m.transfer?.seq === task.seq ? null : m.transfer;
  const back = taskWith(task, { residency: 'swap' });
  return machineWith(m, { transfer, tasks: m.tasks.map((t) => (t.seq === task.seq ? back : t)) });
}

/**
 * The tasks to swap out so that swapped `task` fits in RAM, in order, or null when no room can be made. The task's
 * own swap space counts as free (a swap-in releases it when asked for).
 */
export function roomFor(m: MachineState, task: Task, config: ModelConfig): Task[] | null {
  let neededMB = task.memoryMB - freeMB(m);
  if (neededMB <= 0) return [];
  if (!config.policy.swap) return null;
  let swapFreeMB = m.swapMB - committedSwapMB(m) + task.memoryMB;
  const below = m.tasks.filter(
    (t) => t.residency === 'ram' && t.cls < task.cls && compareRank(t, task, config.policy) > 0,
  );
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
