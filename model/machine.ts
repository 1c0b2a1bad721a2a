import type { ModelConfig } from './config.ts';
import { schedClass } from './config.ts';
import type { Output } from './events.ts';
import type { Invocation } from './invocation.ts';
import { childOf, memoryAtWorkMB, memoryWorkIntegralMBUs, nextGrowthWorkUs } from './invocation.ts';
import { MachineDraft } from './machine-draft.ts';
import type { Machine, Task } from './machine-state.ts';
import { taskWith } from './machine-state.ts';
import { makeRoomFor, relievePressure } from './memory.ts';
import { progressUs } from './progress.ts';

// The machine scheduler (paper 3.2): a preemptive priority scheduler, FCFS within a class, with SCHED_FIFO
// semantics; or, for Hermod, processor sharing. Reducers take a Machine and return a new Machine, appending
// what they observe to `out` (a fresh array owned by the caller's step).

/** Tolerance, in us of work, for processor-sharing checkpoints computed in floating point (see psTolerance). */
const PS_EPSILON = 1e-3;

/** Places an invocation on the machine (early binding: it stays here). */
export function machineAssign(m: Machine, inv: Invocation, atUs: number, config: ModelConfig, out: Output[]): Machine {
  const d = new MachineDraft(m);
  syncTo(d, atUs, config);
  // What is due at this instant happens first (a task finishing now completes rather than being preempted).
  processDue(d, config, out);
  const memoryMB = memoryAtWorkMB(inv, 0, config.memoryGrowthSteps);
  const task: Task = {
    inv,
    prio: schedClass(config, inv.effectiveClass),
    seq: d.nextSeq++,
    state: 'waiting',
    doneUs: 0,
    markUs: atUs,
    markV: d.psV,
    stallUs: 0,
    memoryMB,
    nextChild: 0,
    checkpoint: Infinity,
  };
  d.residentMB += memoryMB;
  if (config.policy.discipline === 'ps') {
    insertByCheckpoint(d.running, withCheckpoint(d, taskWith(task, { state: 'running' }), config));
  } else {
    d.enqueue(task);
  }
  settle(d, config, out);
  return d.toMachine();
}

/** The machine's timer: handles every completion, memory step and child spawn due by `atUs`. */
export function machineWake(m: Machine, atUs: number, config: ModelConfig, out: Output[]): Machine {
  const d = new MachineDraft(m);
  syncTo(d, atUs, config);
  processDue(d, config, out);
  settle(d, config, out);
  return d.toMachine();
}

/** A memory antagonist changes the memory usable by functions; the dispatcher reacts like to any pressure. */
export function machineSetUsableMemory(m: Machine, atUs: number, memoryMB: number, config: ModelConfig, out: Output[]): Machine {
  const d = new MachineDraft(m);
  syncTo(d, atUs, config);
  processDue(d, config, out);
  d.usableMB = Math.max(0, Math.min(memoryMB, d.ramMB));
  settle(d, config, out);
  return d.toMachine();
}

function psRate(d: MachineDraft): number {
  return d.running.length === 0 ? 0 : Math.min(1, d.cores / d.running.length);
}

function syncTo(d: MachineDraft, atUs: number, config: ModelConfig): void {
  if (atUs < d.nowUs) throw new Error(`machine ${d.id}: event at ${atUs}us is before the machine's time ${d.nowUs}us`);
  if (config.policy.discipline === 'ps') d.psV += (atUs - d.nowUs) * psRate(d);
  d.nowUs = atUs;
}

/** Work at which something next happens to the task: completion, a memory step, or a child spawn. */
function nextCheckpointWorkUs(task: Task, doneUs: number, config: ModelConfig): number {
  const inv = task.inv;
  let next = inv.workUs;
  const growth = nextGrowthWorkUs(inv, doneUs, config.memoryGrowthSteps);
  if (growth < next) next = growth;
  const child = inv.children[task.nextChild];
  if (child !== undefined && child.afterWorkUs < next) next = Math.max(child.afterWorkUs, doneUs);
  return next;
}

/** Brings a running task's progress up to now and recomputes when its next checkpoint is due. */
function withCheckpoint(d: MachineDraft, task: Task, config: ModelConfig): Task {
  const doneUs = progressUs(d, task, config);
  const remainingStallUs = Math.max(0, task.markUs + task.stallUs - d.nowUs);
  const next = nextCheckpointWorkUs(task, doneUs, config);
  if (config.policy.discipline === 'ps') {
    return taskWith(task, { doneUs, markV: d.psV, markUs: d.nowUs, stallUs: 0, checkpoint: d.psV + (next - doneUs) });
  }
  return taskWith(task, { doneUs, markUs: d.nowUs, stallUs: remainingStallUs, checkpoint: d.nowUs + remainingStallUs + (next - doneUs) });
}

function isDue(d: MachineDraft, task: Task, config: ModelConfig): boolean {
  return config.policy.discipline === 'ps' ? task.checkpoint <= d.psV + psTolerance(d.psV) : task.checkpoint <= d.nowUs;
}

/** Float tolerance of virtual-time comparisons: absolute near 0, relative (far above the ulp) for long runs. */
function psTolerance(psV: number): number {
  return Math.max(PS_EPSILON, Math.abs(psV) * 1e-12);
}

// Under processor sharing `running` is kept sorted by checkpoint (every task progresses at the same rate, so
// the order never changes between events): the next due task is always first, which keeps an overloaded
// machine with thousands of tasks at O(log n) lookups per event instead of a scan.
function insertByCheckpoint(running: Task[], task: Task): void {
  let lo = 0;
  let hi = running.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = running[mid];
    if (t.checkpoint < task.checkpoint || (t.checkpoint === task.checkpoint && t.seq < task.seq)) lo = mid + 1;
    else hi = mid;
  }
  running.splice(lo, 0, task);
}

function processDue(d: MachineDraft, config: ModelConfig, out: Output[]): void {
  if (config.policy.discipline === 'ps') {
    while (d.running.length > 0 && isDue(d, d.running[0], config)) {
      const task = handleDue(d, d.running.shift() as Task, config, out);
      if (task !== null) insertByCheckpoint(d.running, task);
    }
    return;
  }
  for (let i = 0; i < d.running.length; ) {
    if (!isDue(d, d.running[i], config)) {
      i++;
      continue;
    }
    const task = handleDue(d, d.running[i], config, out);
    if (task === null) d.running.splice(i, 1);
    else {
      d.running[i] = task;
      i++;
    }
  }
}

/** A running task reached its checkpoint: spawn due children, then complete it or step its memory. */
function handleDue(d: MachineDraft, task: Task, config: ModelConfig, out: Output[]): Task | null {
  let doneUs = progressUs(d, task, config);
  if (config.policy.discipline === 'ps') {
    // Due within PS_EPSILON of the checkpoint: snap to it exactly, or a memory step or child spawn a hair away
    // would be found "due" again forever (a livelock the verification suite found).
    // Every checkpoint lies at an integer amount of work, so progress a rounding error below an integer is at it.
    const checkpointWorkUs = task.doneUs + (task.checkpoint - task.markV);
    if (doneUs < checkpointWorkUs) doneUs = checkpointWorkUs;
    const up = Math.ceil(doneUs);
    if (up - doneUs <= psTolerance(d.psV)) doneUs = up;
    if (doneUs > task.inv.workUs) doneUs = task.inv.workUs;
  }
  // Children whose start point has been reached are started now (inheritance: childOf takes the max class).
  let nextChild = task.nextChild;
  while (nextChild < task.inv.children.length && task.inv.children[nextChild].afterWorkUs <= doneUs) {
    out.push({ type: 'spawned', atUs: d.nowUs, inv: childOf(task.inv, task.inv.children[nextChild].spec, d.nowUs) });
    nextChild++;
  }
  if (doneUs >= task.inv.workUs) {
    d.residentMB -= task.memoryMB;
    out.push(completion(task.inv, d.id, d.nowUs, config));
    return null;
  }
  const memoryMB = memoryAtWorkMB(task.inv, doneUs, config.memoryGrowthSteps);
  d.residentMB += memoryMB - task.memoryMB;
  // Re-mark at now with the (snapped) progress, so withCheckpoint does not recompute it from the old mark.
  // A due task has spent any swap-in stall already (the checkpoint lies after it).
  return withCheckpoint(d, taskWith(task, { nextChild, memoryMB, doneUs, markUs: d.nowUs, markV: d.psV, stallUs: 0 }), config);
}

function completion(inv: Invocation, machineId: number, atUs: number, config: ModelConfig): Output {
  const cpuCost = (inv.workUs / 1e6) * config.priceClasses[inv.effectiveClass].pricePerCpuS;
  const memoryCost = (memoryWorkIntegralMBUs(inv, config.memoryGrowthSteps) / (1024 * 1e6)) * config.memoryPricePerGBs;
  return { type: 'completed', atUs, inv, machineId, cpuCost, memoryCost };
}

/** Brings the machine to a stable state: cores filled by rank, memory within RAM, the next wake computed. */
function settle(d: MachineDraft, config: ModelConfig, out: Output[]): void {
  // Relieving pressure may free cores (a kill, or a running task swapped out); fill them again. Starting a task
  // never creates pressure (a swapped task starts only if it fits), so this ends after a few rounds.
  for (;;) {
    if (config.policy.discipline === 'priority') reschedule(d, config, out);
    else readmitSwapped(d, config, out);
    if (!relievePressure(d, config, out)) break;
  }
  d.wakeAtUs = nextWakeUs(d, config);
}

/** Processor sharing: swapped tasks rejoin the running set, highest class and earliest first, while they fit. */
function readmitSwapped(d: MachineDraft, config: ModelConfig, out: Output[]): void {
  for (let prio = d.queues.length - 1; prio >= 0; prio--) {
    const q = d.queues[prio];
    for (let index = 0; index < q.length; ) {
      const t = q[index];
      if (t.memoryMB > d.usableMB - d.residentMB) {
        index++;
        continue;
      }
      d.dequeueAt(prio, index);
      d.swapUsedMB -= t.memoryMB;
      d.residentMB += t.memoryMB;
      out.push({ type: 'swappedIn', atUs: d.nowUs, invId: t.inv.id, machineId: d.id, cls: t.inv.effectiveClass, memoryMB: t.memoryMB });
      insertByCheckpoint(d.running, withCheckpoint(d, taskWith(t, { state: 'running', markV: d.psV }), config));
    }
  }
}

/**
 * Fills free cores with the best waiting tasks and preempts while a waiting task outranks a running one.
 * Rank: higher class first, then lower seq (FCFS). A swapped task can run only if memory can be made for it
 * (memory.ts); a task that cannot is skipped, so the next runnable one takes the core (work conserving).
 */
function reschedule(d: MachineDraft, config: ModelConfig, out: Output[]): void {
  for (;;) {
    const cand = bestRunnable(d, config);
    if (cand === null) return;
    const task = d.queues[cand.prio][cand.index];
    if (d.running.length < d.cores) {
      start(d, cand.prio, cand.index, config, out);
      continue;
    }
    if (!config.policy.preemptive) return;
    const victimIndex = preemptionVictim(d);
    const victim = d.running[victimIndex];
    if (task.prio <= victim.prio) return;
    // SCHED_FIFO: the preempted task keeps its progress and goes back to the head of its class (its seq is
    // lower than any waiting task of that class, so ordered insertion puts it first).
    const doneUs = progressUs(d, victim, config);
    const stallUs = Math.max(0, victim.markUs + victim.stallUs - d.nowUs);
    d.running.splice(victimIndex, 1);
    d.enqueue(taskWith(victim, { state: 'waiting', doneUs, stallUs, checkpoint: Infinity }));
    out.push({ type: 'preempted', atUs: d.nowUs, invId: victim.inv.id, machineId: d.id, byInvId: task.inv.id });
    // A core is free now; the next iteration starts the candidate (it still ranks first).
  }
}

/** The lowest-ranked running task: lowest class, then the latest arrival. */
function preemptionVictim(d: MachineDraft): number {
  let best = 0;
  for (let i = 1; i < d.running.length; i++) {
    const t = d.running[i];
    const b = d.running[best];
    if (t.prio < b.prio || (t.prio === b.prio && t.seq > b.seq)) best = i;
  }
  return best;
}

function bestRunnable(d: MachineDraft, config: ModelConfig): { prio: number; index: number } | null {
  for (let prio = d.queues.length - 1; prio >= 0; prio--) {
    const q = d.queues[prio];
    for (let index = 0; index < q.length; index++) {
      const t = q[index];
      if (t.state === 'waiting' || makeRoomFor(d, t, config, null)) return { prio, index };
    }
  }
  return null;
}

function start(d: MachineDraft, prio: number, index: number, config: ModelConfig, out: Output[]): void {
  let task = d.dequeueAt(prio, index);
  let stallUs = task.stallUs;
  if (task.state === 'swapped') {
    makeRoomFor(d, task, config, out);
    d.swapUsedMB -= task.memoryMB;
    d.residentMB += task.memoryMB;
    if (config.swapMBPerS > 0) stallUs += Math.ceil((task.memoryMB / config.swapMBPerS) * 1e6);
    out.push({ type: 'swappedIn', atUs: d.nowUs, invId: task.inv.id, machineId: d.id, cls: task.inv.effectiveClass, memoryMB: task.memoryMB });
  }
  task = taskWith(task, { state: 'running', markUs: d.nowUs, stallUs });
  d.running.push(withCheckpoint(d, task, config));
}

function nextWakeUs(d: MachineDraft, config: ModelConfig): number {
  if (config.policy.discipline === 'ps') {
    if (d.running.length === 0) return Infinity;
    return psWakeUs(d, d.running[0].checkpoint);
  }
  let min = Infinity;
  for (const t of d.running) if (t.checkpoint < min) min = t.checkpoint;
  return min;
}

function psWakeUs(d: MachineDraft, min: number): number {
  const dt = (min - d.psV) / psRate(d);
  return d.nowUs + Math.max(1, Math.ceil(dt - 1e-9));
}
