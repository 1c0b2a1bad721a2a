import type { ModelConfig } from './config.ts';
import type { Output } from './events.ts';
import type { MachineDraft } from './machine-draft.ts';
import type { Task } from './machine-state.ts';
import { taskWith } from './machine-state.ts';
import { progressUs } from './progress.ts';

// The dispatcher's memory management (paper 3.2): price-class-based swapping, then killing.
//
// Victim order for swapping: the lowest class first and, inside it, the latest arrival (it will run last),
// among tasks that are resident and not running: "the lowest price class functions will not be run until the
// high price class functions have all finished", so their memory will not be needed soon. When every resident
// task is running (running functions alone outgrow RAM: 8 cores x up to 10 GB on 32 GB), the lowest-ranked
// running task (lowest class, latest arrival) is preempted and swapped out: it waits, with its progress, until
// memory lets it back. (Running tasks are never of a lower class than a waiting one, so this is still
// price-class order.)
// Kill rule (when swap cannot take the next victim, or the policy does not swap): the resident task of the
// lowest class and, inside it, the latest arrival, running or not. Killing a swapped task would free no RAM,
// so kills look only at resident tasks. Killed work is not billed.

/** Index of the next swap victim in the queue of class `prio`, or -1. Scans from the latest arrival. */
function swapVictimIn(q: readonly Task[]): number {
  for (let i = q.length - 1; i >= 0; i--) if (q[i].state === 'waiting') return i;
  return -1;
}

function swapOut(d: MachineDraft, prio: number, index: number, out: Output[]): void {
  const victim = d.queues[prio][index];
  d.replaceInQueue(prio, index, taskWith(victim, { state: 'swapped' }));
  d.residentMB -= victim.memoryMB;
  d.swapUsedMB += victim.memoryMB;
  out.push({ type: 'swappedOut', atUs: d.nowUs, invId: victim.inv.id, machineId: d.id, cls: victim.inv.effectiveClass, memoryMB: victim.memoryMB });
}

/**
 * Whether `task` (swapped, not yet running) can be brought into RAM, swapping out resident non-running tasks
 * of strictly lower class if needed (in victim order, while swap has room: the task's own swap space is
 * freed first). With `out` null this only answers; otherwise it also performs the swap-outs.
 */
export function makeRoomFor(d: MachineDraft, task: Task, config: ModelConfig, out: Output[] | null): boolean {
  let freeMB = d.usableMB - d.residentMB;
  if (task.memoryMB <= freeMB) return true;
  if (!config.policy.swap) return false;
  let swapRoomMB = d.swapCapacityMB - d.swapUsedMB + task.memoryMB;
  const plan: { prio: number; index: number }[] = [];
  for (let prio = 0; prio < task.prio && task.memoryMB > freeMB; prio++) {
    const q = d.queues[prio];
    for (let i = q.length - 1; i >= 0 && task.memoryMB > freeMB; i--) {
      const t = q[i];
      if (t.state !== 'waiting') continue;
      if (t.memoryMB > swapRoomMB) return false; // victims are taken strictly in order
      swapRoomMB -= t.memoryMB;
      freeMB += t.memoryMB;
      plan.push({ prio, index: i });
    }
  }
  if (task.memoryMB > freeMB) return false;
  if (out !== null) for (const v of plan) swapOut(d, v.prio, v.index, out);
  return true;
}

/**
 * Swaps out, then kills, until resident memory fits in usable RAM. Returns whether the running set changed
 * (a kill, or a running task swapped out), so the scheduler fills the freed cores again.
 */
export function relievePressure(d: MachineDraft, config: ModelConfig, out: Output[]): boolean {
  let changed = false;
  while (d.residentMB > d.usableMB) {
    if (config.policy.swap) {
      const swapped = trySwapOne(d, config, out);
      if (swapped === 'waiting') continue;
      if (swapped === 'running') {
        changed = true;
        continue;
      }
    }
    killOne(d, out);
    changed = true;
  }
  return changed;
}

function trySwapOne(d: MachineDraft, config: ModelConfig, out: Output[]): 'waiting' | 'running' | null {
  const firstFit = config.policy.swapOrder === 'firstFit';
  for (let prio = 0; prio < d.queues.length; prio++) {
    const q = d.queues[prio];
    for (let index = q.length - 1; index >= 0; index--) {
      if (q[index].state !== 'waiting') continue;
      if (d.swapUsedMB + q[index].memoryMB <= d.swapCapacityMB) {
        swapOut(d, prio, index, out);
        return 'waiting';
      }
      // strict: the lowest-ranked candidate must go first; if swap cannot hold it, swapping cannot absorb the
      // pressure. firstFit: pass over it to the next candidate in victim order that fits.
      if (!firstFit) return null;
    }
  }
  if (d.running.length === 0) return null;
  let victim = 0;
  for (let i = 1; i < d.running.length; i++) {
    const t = d.running[i];
    const v = d.running[victim];
    if (t.prio < v.prio || (t.prio === v.prio && t.seq > v.seq)) victim = i;
  }
  const task = d.running[victim];
  if (d.swapUsedMB + task.memoryMB > d.swapCapacityMB) return null;
  const doneUs = progressUs(d, task, config);
  const stallUs = Math.max(0, task.markUs + task.stallUs - d.nowUs);
  d.running.splice(victim, 1);
  d.enqueue(taskWith(task, { state: 'swapped', doneUs, stallUs, checkpoint: Infinity }));
  d.residentMB -= task.memoryMB;
  d.swapUsedMB += task.memoryMB;
  out.push({ type: 'preempted', atUs: d.nowUs, invId: task.inv.id, machineId: d.id, byInvId: -1 });
  out.push({ type: 'swappedOut', atUs: d.nowUs, invId: task.inv.id, machineId: d.id, cls: task.inv.effectiveClass, memoryMB: task.memoryMB });
  return 'running';
}

function killOne(d: MachineDraft, out: Output[]): void {
  // Lowest resident class present, then the latest arrival.
  let bestPrio = Infinity;
  let bestSeq = -1;
  let where: { running: boolean; prio: number; index: number } | null = null;
  for (let i = 0; i < d.running.length; i++) {
    const t = d.running[i];
    if (t.prio < bestPrio || (t.prio === bestPrio && t.seq > bestSeq)) {
      bestPrio = t.prio;
      bestSeq = t.seq;
      where = { running: true, prio: t.prio, index: i };
    }
  }
  for (let prio = 0; prio < d.queues.length && prio <= bestPrio; prio++) {
    const index = swapVictimIn(d.queues[prio]);
    if (index < 0) continue;
    const t = d.queues[prio][index];
    if (t.prio < bestPrio || t.seq > bestSeq) {
      bestPrio = t.prio;
      bestSeq = t.seq;
      where = { running: false, prio, index };
    }
    break;
  }
  if (where === null) throw new Error(`machine ${d.id}: memory over capacity with no resident task`);
  const victim = where.running ? d.running.splice(where.index, 1)[0] : d.dequeueAt(where.prio, where.index);
  d.residentMB -= victim.memoryMB;
  out.push({ type: 'killed', atUs: d.nowUs, inv: victim.inv, machineId: d.id });
}
