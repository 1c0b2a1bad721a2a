import type { Invocation } from './invocation.ts';

// The state of one machine: its machine scheduler's cores and per-class queues, its memory and swap, and its
// dispatcher's idle-list bookkeeping. Plain readonly data; reducers in machine.ts return new values.

export type TaskState = 'waiting' | 'running' | 'swapped';

/** An invocation placed on a machine (early binding: it stays here until it completes or is killed). */
export interface Task {
  readonly inv: Invocation;
  /** The class this machine schedules it at (its effective class, or 0 under a class-blind policy). */
  readonly prio: number;
  /** Machine-local arrival order: the FCFS key inside a class. A preempted task keeps it, so it is at the head. */
  readonly seq: number;
  /** 'waiting' and 'running' are resident in RAM; 'swapped' is not running and lives in swap. */
  readonly state: TaskState;
  /** Work done (us of one core) as of the mark below. */
  readonly doneUs: number;
  /** Priority discipline: when the current run segment started (progress accrues after `stallUs`). */
  readonly markUs: number;
  /** Processor sharing: the machine's virtual time when `doneUs` was last brought up to date. */
  readonly markV: number;
  /** Swap-in time still to spend on the core before the work progresses. */
  readonly stallUs: number;
  /** Current footprint (resident or in swap). */
  readonly memoryMB: number;
  /** Index of the next child to spawn. */
  readonly nextChild: number;
  /** When the next completion, memory step or child spawn is due: absolute us (priority) or virtual time (PS). */
  readonly checkpoint: number;
}

export interface DispatcherState {
  /** The shard whose idle list holds this machine, or -1. A machine is on at most one list. */
  readonly idleShard: number;
  /** A join was requested and the driver has not yet answered with the sampled shards. */
  readonly joinRequested: boolean;
  /** What the machine's entry on its shard's list says (the shard's view; may lag by idleUpdateDeltaMB). */
  readonly reportedFreeMB: number;
  readonly reportedFunctions: number;
}

export interface Machine {
  readonly id: number;
  readonly cores: number;
  readonly ramMB: number;
  /** RAM usable by functions; a memory antagonist lowers it. */
  readonly usableMB: number;
  readonly swapCapacityMB: number;
  /** The last time this machine's state was brought up to date. */
  readonly nowUs: number;
  readonly residentMB: number;
  readonly swapUsedMB: number;
  readonly running: readonly Task[];
  /** One queue per scheduling class, each sorted by seq: the waiting and swapped tasks. */
  readonly queues: readonly (readonly Task[])[];
  readonly queued: number;
  readonly nextSeq: number;
  /** Processor sharing: virtual time, the work each task has received since the machine started. */
  readonly psV: number;
  /** When this machine next needs a `wake` (Infinity if nothing is running). */
  readonly wakeAtUs: number;
  readonly dispatcher: DispatcherState;
}

export interface MachineSpec {
  readonly cores: number;
  readonly memoryMB: number;
  readonly swapMB: number;
}

export function newMachine(id: number, spec: MachineSpec, classCount: number): Machine {
  const queues: (readonly Task[])[] = [];
  for (let c = 0; c < classCount; c++) queues.push([]);
  return {
    id,
    cores: spec.cores,
    ramMB: spec.memoryMB,
    usableMB: spec.memoryMB,
    swapCapacityMB: spec.swapMB,
    nowUs: 0,
    residentMB: 0,
    swapUsedMB: 0,
    running: [],
    queues,
    queued: 0,
    nextSeq: 0,
    psV: 0,
    wakeAtUs: Infinity,
    dispatcher: { idleShard: -1, joinRequested: false, reportedFreeMB: 0, reportedFunctions: 0 },
  };
}

/** Functions on the machine: running plus waiting plus swapped (the paper's "number of functions"). */
export function functionCount(m: Machine): number {
  return m.running.length + m.queued;
}

/** Functions of class `cls` or higher (the `loadCounts: equalOrHigher` view of load). */
export function functionCountAtOrAbove(m: Machine, cls: number): number {
  let n = 0;
  for (const t of m.running) if (t.prio >= cls) n++;
  for (let c = cls; c < m.queues.length; c++) n += m.queues[c].length;
  return n;
}

export function freeMemoryMB(m: Machine): number {
  return m.usableMB - m.residentMB;
}

/** Cores not running anything. Under processor sharing every core is busy while tasks >= cores. */
export function freeCores(m: Machine): number {
  return Math.max(0, m.cores - m.running.length);
}

/** A copy of a task with some fields replaced, built field by field (a spread is several times slower here). */
export function taskWith(t: Task, p: Partial<Task>): Task {
  return {
    inv: t.inv,
    prio: t.prio,
    seq: t.seq,
    state: p.state ?? t.state,
    doneUs: p.doneUs ?? t.doneUs,
    markUs: p.markUs ?? t.markUs,
    markV: p.markV ?? t.markV,
    stallUs: p.stallUs ?? t.stallUs,
    memoryMB: p.memoryMB ?? t.memoryMB,
    nextChild: p.nextChild ?? t.nextChild,
    checkpoint: p.checkpoint ?? t.checkpoint,
  };
}
