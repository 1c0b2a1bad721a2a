import type { ModelConfig } from '../config.ts';
import { nextGrowthUs } from '../memory-growth.ts';
import { disciplineOf } from './discipline.ts';
import type { MachineState, Task } from './state.ts';
import { machineWith, runningCount } from './state.ts';

// Time on a machine: the virtual clock advances at the discipline's speed, and so does every running task; something
// happens to a running task at its next checkpoint (completion, a memory growth step, a child spawn), and the
// machine's timer is set for the earliest one. When memory grows with time, a task in RAM also steps up at whole
// microseconds of its age, running or not.

/**
 * Checkpoints lie at whole microseconds of work; progress under processor sharing is a float sum of fractions of
 * time and may land a rounding error short of one. A task within this much work of its checkpoint is at it.
 */
export const DUE_TOLERANCE_US = 1e-6;

/** The machine with its clocks brought up to `atUs`. */
export function advanceTo(m: MachineState, atUs: number, config: ModelConfig): MachineState {
  if (atUs < m.nowUs) throw new Error(`machine ${m.id}: time ${atUs}us is before its time ${m.nowUs}us`);
  if (atUs === m.nowUs) return m;
  const workUs = disciplineOf(config.policy).workDoneUs(atUs - m.nowUs, runningCount(m), m.cores);
  return machineWith(m, { nowUs: atUs, virtualUs: m.virtualUs + workUs });
}

/** Work the task has done as of the machine's clock. */
export function workDoneUs(m: MachineState, task: Task): number {
  return task.running ? task.doneUs + (m.virtualUs - task.markVUs) : task.doneUs;
}

/** Time the task has spent in RAM since placement, as of the machine's clock. */
export function growthAgeUs(m: MachineState, task: Task): number {
  return task.residency === 'ram' ? task.ageUs + (m.nowUs - task.ageMarkUs) : task.ageUs;
}

/** The reading of the task's growth clock (memory-growth.ts): its work done, or its age in RAM. */
export function growthClockUs(m: MachineState, task: Task, config: ModelConfig): number {
  return config.memoryGrowth === 'time' ? growthAgeUs(m, task) : workDoneUs(m, task);
}

/** Work at which the next thing happens to the task: completion, a memory step (when memory grows with work), or a
 * child spawn. */
export function nextCheckpointUs(m: MachineState, task: Task, config: ModelConfig): number {
  const inv = task.inv;
  const child = inv.children[task.nextChild];
  const childUs = child === undefined ? Infinity : child.afterWorkUs;
  const growthUs = config.memoryGrowth === 'time' ? Infinity : nextGrowthUs(inv, workDoneUs(m, task), config);
  return Math.min(inv.workUs, growthUs, childUs);
}

/**
 * When the machine's timer must fire: the earliest checkpoint of a running task, the next memory step of a task in
 * RAM when memory grows with time, or the end of the swap device's transfer (Infinity: nothing to wait for).
 */
export function nextWakeUs(m: MachineState, config: ModelConfig): number {
  const discipline = disciplineOf(config.policy);
  const running = runningCount(m);
  let wakeUs = m.transfer?.endUs ?? Infinity;
  for (const t of m.tasks) {
    if (config.memoryGrowth === 'time' && t.residency === 'ram') {
      const ageUs = growthAgeUs(m, t);
      const atUs = m.nowUs + (nextGrowthUs(t.inv, ageUs, config) - ageUs);
      if (atUs < wakeUs) wakeUs = atUs;
    }
    if (!t.running) continue;
    const leftUs = nextCheckpointUs(m, t, config) - workDoneUs(m, t) - DUE_TOLERANCE_US;
    const atUs = m.nowUs + (leftUs <= 0 ? 0 : discipline.timeForWorkUs(leftUs, running, m.cores));
    if (atUs < wakeUs) wakeUs = atUs;
  }
  return wakeUs;
}
