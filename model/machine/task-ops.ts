import type { Output, SwapObservation } from '../events.ts';
import { growthAgeUs, workDoneUs } from './progress.ts';
import type { MachineState, Task } from './state.ts';
import { machineWith, taskWith, withoutTask, withTask } from './state.ts';

// The things that happen to a task on a machine, each defined once, each with its observation appended to
// `outputs` (a list owned by the handler call in progress). A task taken off its core keeps the work it has done;
// one that gets a core is marked at the machine's virtual clock, from which its progress counts.

export function startTask(m: MachineState, task: Task, outputs: Output[]): MachineState {
  outputs.push({ type: 'started', atUs: m.nowUs, invId: task.inv.id, machineId: m.id });
  return withTask(m, taskWith(task, { running: true, markVUs: m.virtualUs }));
}

/** Takes a running task off its core; `byInvId` is the task that needs the core or the memory, or -1. */
export function preemptTask(m: MachineState, task: Task, byInvId: number, outputs: Output[]): MachineState {
  outputs.push({ type: 'preempted', atUs: m.nowUs, invId: task.inv.id, machineId: m.id, byInvId });
  return withTask(m, taskWith(task, { running: false, doneUs: workDoneUs(m, task) }));
}

/** Asks for a task's memory to go to swap, taking the task off its core first if it runs. */
export function swapOutTask(m: MachineState, task: Task, byInvId: number, outputs: Output[]): MachineState {
  const stopped = task.running ? preemptTask(m, task, byInvId, outputs) : m;
  outputs.push({ ...observation(m, task), type: 'swappingOut', byInvId });
  return request(stopped, current(stopped, task), 'toSwap');
}

/** Asks for a task's memory to come back from swap. */
export function swapInTask(m: MachineState, task: Task, outputs: Output[]): MachineState {
  outputs.push({ ...observation(m, task), type: 'swappingIn' });
  return request(m, task, 'toRam');
}

function request(m: MachineState, task: Task, residency: 'toSwap' | 'toRam'): MachineState {
  // Leaving RAM stops the task's age (the growth clock of memoryGrowth: time) where it is.
  const ageUs = growthAgeUs(m, task);
  const asked = taskWith(task, { residency, requestedUs: m.nowUs, requestOrder: m.requests, ageUs });
  return machineWith(withTask(m, asked), { requests: m.requests + 1 });
}

/** The swap device finished moving a task's memory. */
export function finishTransfer(m: MachineState, task: Task, outputs: Output[]): MachineState {
  const done = { ...observation(m, task), requestedUs: task.requestedUs };
  if (task.residency === 'toSwap') {
    outputs.push({ ...done, type: 'swappedOut' });
    return withTask(m, taskWith(task, { residency: 'swap' }));
  }
  outputs.push({ ...done, type: 'swappedIn' });
  return withTask(m, taskWith(task, { residency: 'ram', ageMarkUs: m.nowUs }));
}

/** Kills a task; a transfer of its memory in progress stops with it. */
export function killTask(m: MachineState, task: Task, outputs: Output[]): MachineState {
  outputs.push({ type: 'killed', atUs: m.nowUs, inv: task.inv, machineId: m.id });
  const gone = withoutTask(m, task);
  return m.transfer?.seq === task.seq ? machineWith(gone, { transfer: null }) : gone;
}

function observation(m: MachineState, task: Task): SwapObservation {
  return { atUs: m.nowUs, invId: task.inv.id, machineId: m.id, cls: task.inv.effectiveClass, memoryMB: task.memoryMB };
}

/** The task as the machine now holds it (matched by seq). */
export function current(m: MachineState, task: Task): Task {
  const found = m.tasks.find((t) => t.seq === task.seq);
  if (found === undefined) throw new Error(`machine ${m.id}: task ${task.inv.id} is gone`);
  return found;
}
