import type { Invocation } from '../invocation.ts';
import type { MachineLoad, MachineReport } from '../messages.ts';

// One machine: its cores, its memory and swap, and the functions placed on it (early binding: a placed function
// stays here until it completes or is killed). The machine scheduler (scheduler.ts, with a discipline) decides
// which tasks run; the dispatcher's memory manager (memory-manager.ts) decides which are resident.

export interface Task {
  readonly inv: Invocation;
  /** The class this machine schedules it at (its effective class, or 0 under a class-blind policy). */
  readonly cls: number;
  /** Machine-local placement order: the FCFS key inside a class. A preempted task keeps it. */
  readonly seq: number;
  /** Holds a core (under processor sharing: a share of the cores). */
  readonly running: boolean;
  /** Its memory is in swap, not in RAM. A swapped task never runs. */
  readonly swapped: boolean;
  /** Work done, in us of one full core, as of the machine's `nowUs` (fractional under processor sharing). */
  readonly doneUs: number;
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
  /** The time the tasks' progress is brought up to. */
  readonly nowUs: number;
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
}

export function newMachine(id: number, spec: MachineSpec): MachineState {
  const { cores, memoryMB, swapMB } = spec;
  return { id, cores, ramMB: memoryMB, usableMB: memoryMB, swapMB, nowUs: 0, tasks: [], nextSeq: 0, wakeAtUs: Infinity };
}

const sum = (tasks: readonly Task[]) => tasks.reduce((total, t) => total + t.memoryMB, 0);

export function residentMB(m: MachineState): number {
  return sum(m.tasks.filter((t) => !t.swapped));
}

export function swapUsedMB(m: MachineState): number {
  return sum(m.tasks.filter((t) => t.swapped));
}

export function freeMB(m: MachineState): number {
  return m.usableMB - residentMB(m);
}

export function runningCount(m: MachineState): number {
  return m.tasks.filter((t) => t.running).length;
}

export function reportOf(m: MachineState): MachineReport {
  return { freeMB: freeMB(m), functions: m.tasks.length, cores: m.cores };
}

export function loadOf(m: MachineState, cls: number): MachineLoad {
  const running = runningCount(m);
  return {
    machineId: m.id,
    functions: m.tasks.length,
    functionsAtOrAbove: m.tasks.filter((t) => t.cls >= cls).length,
    freeCores: Math.max(0, m.cores - running),
    waiting: m.tasks.length - running,
  };
}

/** The machine with one task replaced (matched by seq). */
export function withTask(m: MachineState, task: Task): MachineState {
  return { ...m, tasks: m.tasks.map((t) => (t.seq === task.seq ? task : t)) };
}

export function withoutTask(m: MachineState, task: Task): MachineState {
  return { ...m, tasks: m.tasks.filter((t) => t.seq !== task.seq) };
}
