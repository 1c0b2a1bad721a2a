import { compareRank, sortInVictimOrder } from './rank.ts';
import { committedSwapMB, freeMB } from './settle.ts';
import { killTask, setResidency, swapOutTask } from './task-ops.ts';
import { RAM, SWAP, TO_RAM, TO_SWAP } from './tasks.ts';
import type { FastWorld } from './world.ts';

// The dispatcher's memory manager (the spec's model/machine/memory-manager.ts): relieve pressure one victim at a
// time (swap out, kill, or call off a swap-in), and make room for a task in swap without priority inversion.

export function relieveOnce(w: FastWorld, m: number): void {
  const { residency, memoryMB, cls } = w.tasks;
  const policy = w.config.policy;
  let first = -1;
  for (const t of w.onMachine[m]) {
    if (residency[t] === RAM && (first < 0 || compareRank(w, t, first) > 0)) first = t;
  }
  if (first < 0) {
    callOffSwapIn(w, m);
    return;
  }
  if (!policy.swap) {
    killTask(w, m, first);
    return;
  }
  const roomMB = w.swapMB[m] - committedSwapMB(w, m);
  let target = first;
  if (policy.swapOrder === 'firstFit' && memoryMB[first] > roomMB) {
    // The first victim of the same class, in victim order, that fits.
    let fit = -1;
    for (const t of w.onMachine[m]) {
      if (residency[t] !== RAM || cls[t] !== cls[first] || memoryMB[t] > roomMB) continue;
      if (fit < 0 || compareRank(w, t, fit) > 0) fit = t;
    }
    if (fit >= 0) target = fit;
  }
  if (memoryMB[target] <= roomMB) {
    swapOutTask(w, m, target, -1);
    return;
  }
  const reclaim = policy.reclaimSwap ? firstReclaim(w, m, target, roomMB) : -1;
  killTask(w, m, reclaim >= 0 ? reclaim : first);
}

/**
 * The first kill of the spec's reclaimFor: tasks in swap (or on their way) of a strictly lower class, in victim
 * order, are killed until the victim fits; -1 when even all of them would not make room.
 */
function firstReclaim(w: FastWorld, m: number, victim: number, roomMB: number): number {
  const { residency, memoryMB, cls } = w.tasks;
  let worst = -1;
  let lowerMB = 0;
  for (const t of w.onMachine[m]) {
    if ((residency[t] !== SWAP && residency[t] !== TO_SWAP) || cls[t] >= cls[victim]) continue;
    lowerMB += memoryMB[t];
    if (worst < 0 || compareRank(w, t, worst) > 0) worst = t;
  }
  return worst >= 0 && roomMB + lowerMB >= memoryMB[victim] ? worst : -1;
}

function callOffSwapIn(w: FastWorld, m: number): void {
  let task = -1;
  for (const t of w.onMachine[m]) {
    if (w.tasks.residency[t] === TO_RAM && (task < 0 || compareRank(w, t, task) > 0)) task = t;
  }
  if (task < 0) throw new Error(`machine ${m}: memory over capacity with nothing in RAM`);
  const inv = w.tasks.invOf(task);
  w.sink.output?.({
    type: 'swapInCalledOff',
    atUs: w.nowUs,
    invId: inv.id,
    machineId: m,
    cls: inv.effectiveClass,
    memoryMB: w.tasks.memoryMB[task],
  });
  if (w.transferSlot[m] === task) w.transferSlot[m] = -1;
  setResidency(w, m, task, SWAP);
  w.inTransit[m]--;
}

const EMPTY: readonly number[] = [];

/** The tasks to swap out so that swapped task t fits in RAM, in order, or null when no room can be made. */
export function makeRoom(w: FastWorld, m: number, t: number): readonly number[] | null {
  const { residency, memoryMB, cls } = w.tasks;
  const policy = w.config.policy;
  let neededMB = memoryMB[t] - freeMB(w, m);
  if (neededMB <= 0) return EMPTY;
  if (!policy.swap) return null;
  let swapFreeMB = w.swapMB[m] - committedSwapMB(w, m) + memoryMB[t];
  const below: number[] = [];
  for (const x of w.onMachine[m]) {
    if (residency[x] === RAM && cls[x] < cls[t] && compareRank(w, x, t) > 0) below.push(x);
  }
  sortInVictimOrder(w, below);
  const plan: number[] = [];
  for (const victim of below) {
    if (neededMB <= 0) break;
    if (memoryMB[victim] > swapFreeMB) {
      if (policy.swapOrder === 'strict') return null;
      continue;
    }
    plan.push(victim);
    swapFreeMB -= memoryMB[victim];
    neededMB -= memoryMB[victim];
  }
  return neededMB <= 0 ? plan : null;
}
