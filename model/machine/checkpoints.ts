import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { childOf } from '../invocation.ts';
import { memoryAtMB } from '../memory-growth.ts';
import type { Message } from '../messages.ts';
import { toBilling } from '../messages.ts';
import { DUE_TOLERANCE_US, growthClockUs, nextCheckpointUs, workDoneUs } from './progress.ts';
import type { MachineState, Task } from './state.ts';
import { machineWith, taskWith, withoutTask, withTask } from './state.ts';

// What the work done brings about, once progress is up to date: a task a rounding error short of its checkpoint is
// at it; children whose start point was reached are started (and inherit the parent's class: invocation.ts
// childOf); a task that has done all its work completes (and is billed); every footprint follows its work done
// (or its age in RAM: memory-growth.ts), and the machine's timer makes sure this happens at each growth step.

export function processDue(machine: MachineState, config: ModelConfig, outputs: Output[], sent: Message[]) {
  let m = machine;
  for (const task of machine.tasks) {
    if (!task.running) continue;
    const doneUs = atCheckpoint(m, task, config);
    if (doneUs !== workDoneUs(m, task) || reachedSomething(task, doneUs)) m = reachWork(m, task, doneUs, outputs, sent);
  }
  return withFootprints(m, config);
}

/** Whether `doneUs` of work reaches the task's next child's start point or its end. */
function reachedSomething(task: Task, doneUs: number): boolean {
  const child = task.inv.children[task.nextChild];
  return doneUs >= task.inv.workUs || (child !== undefined && child.afterWorkUs <= doneUs);
}

/**
 * The task's work done, where float progress within DUE_TOLERANCE_US below a checkpoint is at the checkpoint
 * (processor sharing). Progress is only ever moved up to it: work done past a checkpoint (a wake rounded up to a
 * whole microsecond) is kept.
 */
function atCheckpoint(m: MachineState, task: Task, config: ModelConfig): number {
  const checkpointUs = nextCheckpointUs(m, task, config);
  const doneUs = workDoneUs(m, task);
  return doneUs < checkpointUs && checkpointUs - doneUs <= DUE_TOLERANCE_US ? checkpointUs : doneUs;
}

function reachWork(m: MachineState, task: Task, doneUs: number, outputs: Output[], sent: Message[]): MachineState {
  const inv = task.inv;
  let nextChild = task.nextChild;
  while (nextChild < inv.children.length && inv.children[nextChild].afterWorkUs <= doneUs) {
    outputs.push({ type: 'spawned', atUs: m.nowUs, inv: childOf(inv, inv.children[nextChild].spec, m.nowUs) });
    nextChild++;
  }
  if (doneUs >= inv.workUs) {
    outputs.push({ type: 'completed', atUs: m.nowUs, inv, machineId: m.id });
    sent.push(toBilling({ type: 'bill', inv, machineId: m.id }));
    return withoutTask(m, task);
  }
  // Re-marked at the clock's reading, with the work done as it was settled here.
  return withTask(m, taskWith(task, { doneUs, markVUs: m.virtualUs, nextChild }));
}

/** Every footprint at the level its growth clock gives (the machine unchanged when none moved). */
function withFootprints(m: MachineState, config: ModelConfig): MachineState {
  if (m.tasks.every((t) => footprintMB(m, t, config) === t.memoryMB)) return m;
  const tasks = m.tasks.map((t) => {
    const memoryMB = footprintMB(m, t, config);
    return memoryMB === t.memoryMB ? t : taskWith(t, { memoryMB });
  });
  return machineWith(m, { tasks });
}

function footprintMB(m: MachineState, t: Task, config: ModelConfig): number {
  return memoryAtMB(t.inv, growthClockUs(m, t, config), config);
}
