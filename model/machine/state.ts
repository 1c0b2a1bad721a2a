import type { Invocation } from '../invocation.ts';
import type { MachineLoad, MachineReport } from '../messages.ts';

// One machine: its cores, its memory and swap (with its swap device), and the functions placed on it (early
// binding: a placed function stays here until it completes or is killed). The machine scheduler (scheduler.ts, with
// a discipline) decides which tasks run; the dispatcher's memory manager (memory-manager.ts) decides which are in
// RAM; the swap device (swap-device.ts) moves memory between RAM and swap, one transfer at a time.

/**
 * Where a task's memory is: in RAM, on its way to swap, in swap, or on its way back. A transfer commits its
 * destination and releases its source when it is asked for (the memory manager counts RAM and swap as committed);
 * physically the memory occupies both until the transfer ends (utilization and idle-list reports count RAM as held).
 */
export type Residency = 'ram' | 'toSwap' | 'swap' | 'toRam';

/** The transfer the swap device is busy with. */
export interface Transfer {
  readonly seq: number;
  readonly endUs: number;
}

export interface Task {
  readonly inv: Invocation;
  /** The class this machine schedules it at (its effective class, or 0 under a class-blind policy). */
  readonly cls: number;
  /** Machine-local placement order: the FCFS key inside a class. A preempted task keeps it. */
  readonly seq: number;
  /** Holds a core (under processor sharing: a share of the cores). */
  readonly running: boolean;
  /** Where its memory is. Only a task in RAM runs. */
  readonly residency: Residency;
  /** When its current (or last) transfer was asked for, and the machine's count of requests then (their order). */
  readonly requestedUs: number;
  readonly requestOrder: number;
  /**
   * Work done, in us of one full core (fractional under processor sharing): all of it while the task does not
   * run; while it runs, as of the machine's virtual clock at `markVUs` (progress.ts workDoneUs adds the rest).
   */
  readonly doneUs: number;
  readonly markVUs: number;
  /**
   * Time spent in RAM since placement (the growth clock of `memoryGrowth: time`): all of it while the task is
   * elsewhere; while it is in RAM, as of `ageMarkUs` (progress.ts growthClockUs adds the rest).
   */
  readonly ageUs: number;
  readonly ageMarkUs: number;
  /** Current footprint (in RAM or in swap). */
  readonly memoryMB: number;
  /** Index of the next child to spawn. */
  readonly nextChild: number;
}

export interface MachineState {
  readonly id: number;
  readonly cores: number;
  readonly ramMB: number;
  /** RAM usable by functions; a memory antagonist lowers it. */
  readonly usableMB: number;
  /** Swap space capacity. */
  readonly swapMB: number;
  /** The swap device's bandwidth (Infinity: transfers take no time, the paper's assumption). */
  readonly swapMBPerS: number;
  readonly transfer: Transfer | null;
  /** Transfers asked for so far (orders swap-outs asked for at the same microsecond). */
  readonly requests: number;
  /** The time the machine's clocks are brought up to. */
  readonly nowUs: number;
  /**
   * The virtual clock: the work each running task has received since the machine started (it advances at the
   * discipline's speed: 1 per us with a core each, cores/n under processor sharing). A running task's progress is
   * its work done at its mark plus how far the clock has moved since.
   */
  readonly virtualUs: number;
  /** In placement (seq) order. */
  readonly tasks: readonly Task[];
  readonly nextSeq: number;
  /** The machine's timer: when the next completion, memory step or child spawn is due (Infinity: none). */
  readonly wakeAtUs: number;
}

export interface MachineSpec {
  readonly cores: number;
  readonly memoryMB: number;
  readonly swapMB: number;
  /** MB per second the swap device moves (default: unlimited). */
  readonly swapMBPerS?: number;
}

export function newMachine(id: number, spec: MachineSpec): MachineState {
  const { cores, memoryMB, swapMB } = spec;
  const swapMBPerS = spec.swapMBPerS ?? Infinity;
  const free = { usableMB: memoryMB, nowUs: 0, virtualUs: 0, tasks: [], nextSeq: 0, wakeAtUs: Infinity };
  return { id, cores, ramMB: memoryMB, swapMB, swapMBPerS, transfer: null, requests: 0, ...free };
}

/** RAM the tasks are committed to: in RAM, or on their way to it. Pressure is this above usable RAM. */
export function committedRamMB(m: MachineState): number {
  let total = 0;
  for (const t of m.tasks) if (t.residency === 'ram' || t.residency === 'toRam') total += t.memoryMB;
  return total;
}

/** Swap the tasks are committed to: in swap, or on their way to it. */
export function committedSwapMB(m: MachineState): number {
  let total = 0;
  for (const t of m.tasks) if (t.residency === 'swap' || t.residency === 'toSwap') total += t.memoryMB;
  return total;
}

/** RAM physically held: everything not wholly in swap (a transfer holds both ends until it is done). */
export function heldRamMB(m: MachineState): number {
  let total = 0;
  for (const t of m.tasks) if (t.residency !== 'swap') total += t.memoryMB;
  return total;
}

/** Swap physically held. */
export function heldSwapMB(m: MachineState): number {
  let total = 0;
  for (const t of m.tasks) if (t.residency !== 'ram') total += t.memoryMB;
  return total;
}

/** RAM free for new commitments (room for a swap-in, a placement's footprint). */
export function freeMB(m: MachineState): number {
  return m.usableMB - committedRamMB(m);
}

export function runningCount(m: MachineState): number {
  let n = 0;
  for (const t of m.tasks) if (t.running) n++;
  return n;
}

/** What the dispatcher learns: free RAM as held (memory on its way to swap frees nothing until it is there). */
export function reportOf(m: MachineState): MachineReport {
  return { freeMB: m.usableMB - heldRamMB(m), functions: m.tasks.length, cores: m.cores };
}

export function loadOf(m: MachineState, cls: number): MachineLoad {
  const running = runningCount(m);
  let atOrAbove = 0;
  for (const t of m.tasks) if (t.cls >= cls) atOrAbove++;
  return {
    machineId: m.id,
    functions: m.tasks.length,
    functionsAtOrAbove: atOrAbove,
    freeCores: Math.max(0, m.cores - running),
    waiting: m.tasks.length - running,
  };
}

/** The machine with one task replaced (matched by seq). */
export function withTask(m: MachineState, task: Task): MachineState {
  return machineWith(m, { tasks: m.tasks.map((t) => (t.seq === task.seq ? task : t)) });
}

export function withoutTask(m: MachineState, task: Task): MachineState {
  return machineWith(m, { tasks: m.tasks.filter((t) => t.seq !== task.seq) });
}

// Copies with some fields changed are built field by field rather than with a spread: every task (and every
// machine) then has one object shape, which keeps V8's property access fast (a spread of objects of mixed shapes
// is several times slower). `??` is safe: no field is ever null or undefined.

export function taskWith(t: Task, c: Partial<Task>): Task {
  return {
    inv: c.inv ?? t.inv,
    cls: c.cls ?? t.cls,
    seq: c.seq ?? t.seq,
    running: c.running ?? t.running,
    residency: c.residency ?? t.residency,
    requestedUs: c.requestedUs ?? t.requestedUs,
    requestOrder: c.requestOrder ?? t.requestOrder,
    doneUs: c.doneUs ?? t.doneUs,
    markVUs: c.markVUs ?? t.markVUs,
    ageUs: c.ageUs ?? t.ageUs,
    ageMarkUs: c.ageMarkUs ?? t.ageMarkUs,
    memoryMB: c.memoryMB ?? t.memoryMB,
    nextChild: c.nextChild ?? t.nextChild,
  };
}

export function machineWith(m: MachineState, c: Partial<MachineState>): MachineState {
  return {
    id: m.id,
    cores: m.cores,
    ramMB: m.ramMB,
    usableMB: c.usableMB ?? m.usableMB,
    swapMB: m.swapMB,
    swapMBPerS: m.swapMBPerS,
    transfer: c.transfer === undefined ? m.transfer : c.transfer,
    requests: c.requests ?? m.requests,
    nowUs: c.nowUs ?? m.nowUs,
    virtualUs: c.virtualUs ?? m.virtualUs,
    tasks: c.tasks ?? m.tasks,
    nextSeq: c.nextSeq ?? m.nextSeq,
    wakeAtUs: c.wakeAtUs ?? m.wakeAtUs,
  };
}
