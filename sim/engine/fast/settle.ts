import { makeRoom, relieveOnce } from './memory.ts';
import { compareRank, sortInRank } from './rank.ts';
import { finishTransfer, preemptTask, startTask, swapInTask, swapOutTask } from './task-ops.ts';
import { RAM, SWAP, TO_RAM, TO_SWAP } from './tasks.ts';
import type { FastWorld } from './world.ts';

// The machine scheduler (the spec's model/machine/scheduler.ts and swap-device.ts): repeat the first action that
// applies until none does: the swap device; memory pressure; the best waiting candidate; eager swap-in.

export function settle(w: FastWorld, m: number): void {
  const maxRounds = 20 * (w.onMachine[m].length + 1);
  for (let round = 0; round <= maxRounds; round++) if (!nextAction(w, m)) return;
  throw new Error(`machine ${m}: the scheduler did not settle in ${maxRounds} rounds`);
}

function nextAction(w: FastWorld, m: number): boolean {
  if ((w.transferSlot[m] >= 0 || w.inTransit[m] > 0) && deviceStep(w, m)) return true;
  // Nothing is over unbounded memory: the sum need not be taken.
  if (w.usableMB[m] !== Infinity && committedRamMB(w, m) > w.usableMB[m]) {
    relieveOnce(w, m);
    return true;
  }
  if (schedule(w, m)) return true;
  return w.config.policy.swapIn === 'eager' && eagerSwapIn(w, m);
}

export function committedRamMB(w: FastWorld, m: number): number {
  const { residency, memoryMB } = w.tasks;
  let total = 0;
  for (const t of w.onMachine[m]) if (residency[t] === RAM || residency[t] === TO_RAM) total += memoryMB[t];
  return total;
}

export function committedSwapMB(w: FastWorld, m: number): number {
  const { residency, memoryMB } = w.tasks;
  let total = 0;
  for (const t of w.onMachine[m]) if (residency[t] === SWAP || residency[t] === TO_SWAP) total += memoryMB[t];
  return total;
}

export function freeMB(w: FastWorld, m: number): number {
  return w.usableMB[m] - committedRamMB(w, m);
}

/** One step of the swap device: finish the transfer that has ended, or start the next. */
function deviceStep(w: FastWorld, m: number): boolean {
  const busy = w.transferSlot[m];
  if (busy >= 0) {
    if (w.transferEndUs[m] > w.nowUs) return false;
    w.transferSlot[m] = -1;
    finishTransfer(w, m, busy);
    return true;
  }
  const next = nextTransfer(w, m);
  if (next < 0) return false;
  const bandwidth = w.swapMBPerS[m];
  w.transferSlot[m] = next;
  w.transferEndUs[m] = w.nowUs + (bandwidth === Infinity ? 0 : Math.ceil((w.tasks.memoryMB[next] / bandwidth) * 1e6));
  return true;
}

/** Swap-outs first in the order asked for, then swap-ins best-ranked first; -1 when none waits. */
function nextTransfer(w: FastWorld, m: number): number {
  const { residency, requestOrder } = w.tasks;
  let out = -1;
  let into = -1;
  for (const t of w.onMachine[m]) {
    if (residency[t] === TO_SWAP) {
      if (out < 0 || requestOrder[t] < requestOrder[out]) out = t;
    } else if (residency[t] === TO_RAM && (into < 0 || compareRank(w, t, into) < 0)) into = t;
  }
  return out >= 0 ? out : into;
}

/** The first candidate in rank order that can act: brought back from swap, started, or given a preempted core. */
function schedule(w: FastWorld, m: number): boolean {
  const { running, residency } = w.tasks;
  const slots = w.discipline.slots(w.cores[m]);
  // Every task wholly in RAM (the usual case): the waiting tasks are the heap's, and only its top can act.
  if (w.notInRam[m] === 0) {
    const top = w.waitingOn[m].top();
    return top >= 0 && actInRam(w, m, top, slots);
  }
  let best = -1;
  let allInRam = true;
  for (const t of w.onMachine[m]) {
    if (running[t] === 1 || (residency[t] !== RAM && residency[t] !== SWAP)) continue;
    if (residency[t] !== RAM) allInRam = false;
    if (best < 0 || compareRank(w, t, best) < 0) best = t;
  }
  if (best < 0) return false;
  // Usually every waiting task is in RAM: then only the first in rank order can act.
  if (allInRam) return actInRam(w, m, best, slots);
  const order = w.onMachine[m].filter((t) => running[t] === 0 && (residency[t] === RAM || residency[t] === SWAP));
  sortInRank(w, order);
  for (const t of order) {
    if (residency[t] === RAM) return actInRam(w, m, t, slots);
    const room = makeRoom(w, m, t);
    if (room === null || !willRun(w, m, t, slots)) continue;
    for (const victim of room) swapOutTask(w, m, victim, w.tasks.invOf(t).id);
    swapInTask(w, m, t);
    return true;
  }
  return false;
}

/** A waiting task in RAM: it starts on a free core, or takes the lowest-ranked running task's core by class. */
function actInRam(w: FastWorld, m: number, t: number, slots: number): boolean {
  if (w.runningCount[m] < slots) {
    startTask(w, m, t);
    return true;
  }
  if (!w.config.policy.preemptive) return false;
  const lowest = lowestRunning(w, m);
  if (w.tasks.cls[t] <= w.tasks.cls[lowest]) return false;
  preemptTask(w, m, lowest, w.tasks.invOf(t).id);
  return true;
}

function lowestRunning(w: FastWorld, m: number): number {
  let lowest = -1;
  for (const t of w.runningOn[m].members()) if (lowest < 0 || compareRank(w, t, lowest) > 0) lowest = t;
  return lowest;
}

/** Whether a task in swap would run if it were back: a core is free for it, or it would take one by class. */
function willRun(w: FastWorld, m: number, t: number, slots: number): boolean {
  const { residency, running, cls } = w.tasks;
  let incoming = 0;
  let lower = 0;
  for (const x of w.onMachine[m]) {
    if (residency[x] === TO_RAM) incoming++;
    if (running[x] === 1 && cls[x] < cls[t]) lower++;
  }
  if (w.runningCount[m] + incoming < slots) return true;
  if (!w.config.policy.preemptive) return false;
  return incoming < lower;
}

/** Eager swap-in: the best-ranked task in swap that fits in free RAM as it is comes back. */
function eagerSwapIn(w: FastWorld, m: number): boolean {
  const free = freeMB(w, m);
  let best = -1;
  for (const t of w.onMachine[m]) {
    if (w.tasks.residency[t] !== SWAP || w.tasks.memoryMB[t] > free) continue;
    if (best < 0 || compareRank(w, t, best) < 0) best = t;
  }
  if (best < 0) return false;
  swapInTask(w, m, best);
  return true;
}
