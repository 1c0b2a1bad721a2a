import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { childOf } from '../invocation.ts';
import { memoryAtWorkMB } from '../memory-growth.ts';
import type { Message } from '../messages.ts';
import { toBilling } from '../messages.ts';
import { DUE_TOLERANCE_US, nextCheckpointUs } from './progress.ts';
import type { MachineState, Task } from './state.ts';
import { withTask, withoutTask } from './state.ts';

// What the work done brings about, once progress is up to date: a task a rounding error short of its checkpoint is
// at it; children whose start point was reached are started (and inherit the parent's class: invocation.ts
// childOf); a task that has done all its work completes (and is billed); every footprint follows its work done
// (memory-growth.ts), and the machine's timer makes sure this happens at each growth step.

export function processDue(machine: MachineState, config: ModelConfig, outputs: Output[], sent: Message[]) {
  let m = machine;
  for (const task of machine.tasks) {
    if (task.running) m = reachWork(m, atCheckpoint(task, config), outputs, sent);
  }
  return { ...m, tasks: m.tasks.map((t) => withFootprint(t, config)) };
}

/**
 * Float progress within DUE_TOLERANCE_US below a checkpoint is at the checkpoint (processor sharing). Progress is
 * only ever moved up to it: work done past a checkpoint (a wake rounded up to a whole microsecond) is kept.
 */
function atCheckpoint(task: Task, config: ModelConfig): Task {
  const checkpointUs = nextCheckpointUs(task, config);
  const justShort = task.doneUs < checkpointUs && checkpointUs - task.doneUs <= DUE_TOLERANCE_US;
  return justShort ? { ...task, doneUs: checkpointUs } : task;
}

function reachWork(m: MachineState, task: Task, outputs: Output[], sent: Message[]): MachineState {
  const inv = task.inv;
  let nextChild = task.nextChild;
  while (nextChild < inv.children.length && inv.children[nextChild].afterWorkUs <= task.doneUs) {
    outputs.push({ type: 'spawned', atUs: m.nowUs, inv: childOf(inv, inv.children[nextChild].spec, m.nowUs) });
    nextChild++;
  }
  if (task.doneUs >= inv.workUs) {
    outputs.push({ type: 'completed', atUs: m.nowUs, inv, machineId: m.id });
    sent.push(toBilling({ type: 'bill', inv, machineId: m.id }));
    return withoutTask(m, task);
  }
  return withTask(m, { ...task, nextChild });
}

function withFootprint(task: Task, config: ModelConfig): Task {
  const memoryMB = memoryAtWorkMB(task.inv, task.doneUs, config.memoryGrowthSteps);
  return memoryMB === task.memoryMB ? task : { ...task, memoryMB };
}
