import type { ModelConfig } from '../config.ts';
import type { Output } from '../events.ts';
import { childOf } from '../invocation.ts';
import { memoryAtWorkMB } from '../memory-growth.ts';
import type { Message } from '../messages.ts';
import { toBilling } from '../messages.ts';
import { isDue, nextCheckpointUs } from './progress.ts';
import type { MachineState, Task } from './state.ts';
import { withTask, withoutTask } from './state.ts';

// What happens when a running task reaches its checkpoint: children whose start point it reached are started
// (and inherit its class: invocation.ts childOf), then it completes (and is billed) or steps its memory.

export function processDue(machine: MachineState, config: ModelConfig, outputs: Output[], sent: Message[]) {
  let m = machine;
  for (const task of machine.tasks) if (isDue(task, config)) m = reachCheckpoint(m, task, config, outputs, sent);
  return m;
}

function reachCheckpoint(m: MachineState, task: Task, config: ModelConfig, outputs: Output[], sent: Message[]) {
  // At the checkpoint exactly (processor sharing's float progress may be a rounding error short of it).
  const doneUs = nextCheckpointUs(task, config);
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
  const memoryMB = memoryAtWorkMB(inv, doneUs, config.memoryGrowthSteps);
  return withTask(m, { ...task, doneUs, nextChild, memoryMB });
}
