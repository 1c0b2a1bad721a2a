import { childOf } from '../../../model/invocation.ts';
import { BILL, LOAD_REPLY, REPORT } from './fifo.ts';
import { forgetCheckpoint, levelMB, resetGrowth } from './growth.ts';
import { send } from './network.ts';
import {
  advanceTo,
  DUE_TOLERANCE_US,
  dueCandidates,
  growthClockUs,
  nextCheckpointUs,
  nextWakeUs,
  refreshKey,
  workDoneUs,
} from './progress.ts';
import { settle } from './settle.ts';
import { removeTask } from './task-ops.ts';
import { RAM, SWAP } from './tasks.ts';
import type { FastWorld } from './world.ts';

// The machine component (the spec's model/machine/handler.ts and checkpoints.ts): every change brings the clocks
// up to now, processes what is due, applies the change, settles, sets the timer and reports to the dispatcher.

const NOTHING = 0;
const PLACE = 1;
const USABLE = 2;

export function boot(w: FastWorld, m: number): void {
  change(w, m, NOTHING, 0, false);
}

export function wake(w: FastWorld, m: number): void {
  // The timer that fired is spent: a wake due at this same instant must be asked for again.
  w.wakeAtUs[m] = Infinity;
  if (w.silentWake[m] === 1) silentWake(w, m);
  else change(w, m, NOTHING, 0, true);
}

/**
 * A wake at which running tasks only step to memory levels of the same size: the spec's change finds nothing due
 * (work is whole microseconds, so exactly at the checkpoint), no footprint moves, the machine stays settled and
 * its report is the one its dispatcher has. Only the clocks advance and the timer is set again.
 */
function silentWake(w: FastWorld, m: number): void {
  advanceTo(w, m, w.nowUs);
  const wakeAtUs = nextWakeUs(w, m);
  if (wakeAtUs !== Infinity) w.sink.needWake(wakeAtUs, m);
  w.wakeAtUs[m] = wakeAtUs;
}

export function assign(w: FastWorld, m: number, slot: number): void {
  change(w, m, PLACE, slot, false);
}

export function setUsableMemory(w: FastWorld, m: number, memoryMB: number): void {
  change(w, m, USABLE, memoryMB, false);
}

function change(w: FastWorld, m: number, kind: number, arg: number, timerFired: boolean): void {
  const oldWakeUs = w.wakeAtUs[m];
  advanceTo(w, m, w.nowUs);
  if (timerFired || w.nowUs >= oldWakeUs) processDue(w, m);
  if (kind === PLACE) place(w, m, arg);
  else if (kind === USABLE) w.usableMB[m] = Math.max(0, Math.min(arg, w.ramMB[m]));
  settle(w, m);
  const wakeAtUs = nextWakeUs(w, m);
  if (wakeAtUs !== Infinity && wakeAtUs !== oldWakeUs) w.sink.needWake(wakeAtUs, m);
  w.wakeAtUs[m] = wakeAtUs;
  if (w.config.policy.idleList) w.fifo.push(REPORT, m, w.usableMB[m] - heldRamMB(w, m), w.onMachine[m].length);
}

/** A placement lands: the function waits, resident at its initial memory, until the scheduler starts it. */
function place(w: FastWorld, m: number, t: number): void {
  const tasks = w.tasks;
  const inv = tasks.invOf(t);
  tasks.cls[t] = w.config.policy.classAware ? inv.effectiveClass : 0;
  tasks.seq[t] = w.nextSeq[m]++;
  tasks.running[t] = 0;
  tasks.residency[t] = RAM;
  tasks.requestedUs[t] = 0;
  tasks.requestOrder[t] = 0;
  tasks.doneUs[t] = 0;
  tasks.markVUs[t] = 0;
  tasks.ageUs[t] = 0;
  tasks.ageMarkUs[t] = w.nowUs;
  w.growth.ensure(t + 1);
  resetGrowth(w, t);
  tasks.memoryMB[t] = levelMB(w, t, 0);
  tasks.nextChild[t] = 0;
  w.onMachine[m].push(t);
  w.waitingOn[m].insert(t);
  w.classCount[m * w.classes + tasks.cls[t]]++;
}

/** The machine's tasks as processDue found them (it removes tasks from the live list as they complete). */
let scratch = new Int32Array(64);
const due: number[] = [];

/**
 * Children reached are spawned, finished tasks complete, and every footprint follows its growth clock. The spec
 * visits every task in placement order. With memory growing with work, a task's footprint can change only where
 * its checkpoint is, so only the running tasks that may be at theirs (progress.ts dueCandidates) are visited, in
 * placement order; the others' footprints stand. With growth on age every task is visited.
 */
function processDue(w: FastWorld, m: number): void {
  if (w.timeGrowth) {
    processEvery(w, m);
    return;
  }
  const tasks = w.tasks;
  for (const t of dueCandidates(w, m, due)) reachIfDue(w, m, t);
  for (const t of due) {
    if (tasks.running[t] === 0) continue;
    const footprintMB = levelMB(w, t, growthClockUs(w, m, t));
    if (footprintMB !== tasks.memoryMB[t]) tasks.memoryMB[t] = footprintMB;
    refreshKey(w, m, t);
  }
}

function processEvery(w: FastWorld, m: number): void {
  const tasks = w.tasks;
  const list = w.onMachine[m];
  const n = list.length;
  if (n > scratch.length) scratch = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) scratch[i] = list[i];
  for (let i = 0; i < n; i++) if (tasks.running[scratch[i]] === 1) reachIfDue(w, m, scratch[i]);
  for (const t of list) {
    const footprintMB = levelMB(w, t, growthClockUs(w, m, t));
    if (footprintMB !== tasks.memoryMB[t]) tasks.memoryMB[t] = footprintMB;
    if (tasks.running[t] === 1) refreshKey(w, m, t);
  }
}

function reachIfDue(w: FastWorld, m: number, t: number): void {
  const workUs = workDoneUs(w, m, t);
  const checkpointUs = nextCheckpointUs(w, m, t);
  const doneUs = workUs < checkpointUs && checkpointUs - workUs <= DUE_TOLERANCE_US ? checkpointUs : workUs;
  if (doneUs !== workUs || reachedSomething(w, t, doneUs)) reachWork(w, m, t, doneUs);
}

function reachedSomething(w: FastWorld, t: number, doneUs: number): boolean {
  const inv = w.tasks.invOf(t);
  const child = inv.children[w.tasks.nextChild[t]];
  return doneUs >= inv.workUs || (child !== undefined && child.afterWorkUs <= doneUs);
}

function reachWork(w: FastWorld, m: number, t: number, doneUs: number): void {
  const tasks = w.tasks;
  const inv = tasks.invOf(t);
  let nextChild = tasks.nextChild[t];
  while (nextChild < inv.children.length && inv.children[nextChild].afterWorkUs <= doneUs) {
    const child = childOf(inv, inv.children[nextChild].spec, w.nowUs);
    w.sink.output?.({ type: 'spawned', atUs: w.nowUs, inv: child });
    w.sink.spawned(child);
    nextChild++;
  }
  if (doneUs >= inv.workUs) {
    w.sink.output?.({ type: 'completed', atUs: w.nowUs, inv, machineId: m });
    w.sink.observer.completed(inv, w.nowUs, m);
    w.fifo.push(BILL, t, m);
    removeTask(w, m, t);
    return;
  }
  tasks.doneUs[t] = doneUs;
  tasks.markVUs[t] = w.virtualUs[m];
  tasks.nextChild[t] = nextChild;
  forgetCheckpoint(w, t);
}

/** RAM physically held: everything not wholly in swap. */
export function heldRamMB(w: FastWorld, m: number): number {
  let total = 0;
  for (const t of w.onMachine[m]) if (w.tasks.residency[t] !== SWAP) total += w.tasks.memoryMB[t];
  return total;
}

/** A shard's load query arrives over the network: the machine answers with its load now. */
export function answerLoad(w: FastWorld, m: number, s: number, cls: number): void {
  const load = new Float64Array(4);
  loadOf(w, m, cls, load, 0);
  send(w, LOAD_REPLY, s, m, 0, 0, load);
}

/** What a polled machine answers, written into `load` (sample order index i). */
export function loadOf(w: FastWorld, m: number, cls: number, load: Float64Array, i: number): void {
  const list = w.onMachine[m];
  const running = w.runningCount[m];
  let atOrAbove = 0;
  for (let c = Math.max(0, cls); c < w.classes; c++) atOrAbove += w.classCount[m * w.classes + c];
  load[4 * i] = list.length;
  load[4 * i + 1] = atOrAbove;
  load[4 * i + 2] = Math.max(0, w.cores[m] - running);
  load[4 * i + 3] = list.length - running;
}
