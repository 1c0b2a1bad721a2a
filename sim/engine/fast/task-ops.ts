import type { SwapObservation } from '../../../model/events.ts';
import { dueKeyVUs, growthAgeUs, workDoneUs } from './progress.ts';
import { RAM, SWAP, TO_RAM, TO_SWAP } from './tasks.ts';
import type { FastWorld } from './world.ts';

// What happens to a task on a machine (the spec's model/machine/task-ops.ts), in place, each with its observation.

export function startTask(w: FastWorld, m: number, t: number): void {
  const tasks = w.tasks;
  w.sink.output?.({ type: 'started', atUs: w.nowUs, invId: tasks.invOf(t).id, machineId: m });
  tasks.running[t] = 1;
  tasks.markVUs[t] = w.virtualUs[m];
  w.runningCount[m]++;
  w.waitingOn[m].remove(t);
  tasks.dueVUs[t] = dueKeyVUs(w, m, t);
  w.runningOn[m].insert(t);
}

export function preemptTask(w: FastWorld, m: number, t: number, byInvId: number): void {
  const tasks = w.tasks;
  w.sink.output?.({ type: 'preempted', atUs: w.nowUs, invId: tasks.invOf(t).id, machineId: m, byInvId });
  tasks.doneUs[t] = workDoneUs(w, m, t);
  tasks.running[t] = 0;
  w.runningCount[m]--;
  w.runningOn[m].remove(t);
  w.waitingOn[m].insert(t);
}

export function swapOutTask(w: FastWorld, m: number, t: number, byInvId: number): void {
  if (w.tasks.running[t] === 1) preemptTask(w, m, t, byInvId);
  if (w.sink.output !== undefined) w.sink.output({ ...observation(w, m, t), type: 'swappingOut', byInvId });
  request(w, m, t, TO_SWAP);
}

export function swapInTask(w: FastWorld, m: number, t: number): void {
  if (w.sink.output !== undefined) w.sink.output({ ...observation(w, m, t), type: 'swappingIn' });
  request(w, m, t, TO_RAM);
}

function request(w: FastWorld, m: number, t: number, residency: number): void {
  const tasks = w.tasks;
  // Leaving RAM stops the task's age (the growth clock of memoryGrowth: time) where it is.
  tasks.ageUs[t] = growthAgeUs(w, m, t);
  setResidency(w, m, t, residency);
  w.inTransit[m]++;
  tasks.requestedUs[t] = w.nowUs;
  tasks.requestOrder[t] = w.requests[m]++;
}

/** The swap device finished moving a task's memory. */
export function finishTransfer(w: FastWorld, m: number, t: number): void {
  const tasks = w.tasks;
  const inv = tasks.invOf(t);
  const memoryMB = tasks.memoryMB[t];
  const cls = inv.effectiveClass;
  const requestedUs = tasks.requestedUs[t];
  w.inTransit[m]--;
  if (tasks.residency[t] === TO_SWAP) {
    if (w.sink.output !== undefined) w.sink.output({ ...observation(w, m, t), type: 'swappedOut', requestedUs });
    setResidency(w, m, t, SWAP);
    w.sink.observer.swappedOut(m, cls, memoryMB, w.nowUs);
    return;
  }
  if (w.sink.output !== undefined) w.sink.output({ ...observation(w, m, t), type: 'swappedIn', requestedUs });
  setResidency(w, m, t, RAM);
  tasks.ageMarkUs[t] = w.nowUs;
  w.sink.observer.swappedIn(m, cls, memoryMB, w.nowUs - requestedUs, w.nowUs);
}

/** Kills a task; a transfer of its memory in progress stops with it. */
export function killTask(w: FastWorld, m: number, t: number): void {
  const inv = w.tasks.invOf(t);
  w.sink.output?.({ type: 'killed', atUs: w.nowUs, inv, machineId: m });
  w.sink.observer.killed(inv, w.nowUs, m);
  removeTask(w, m, t);
  if (w.transferSlot[m] === t) w.transferSlot[m] = -1;
}

/** Takes a task off its machine (completed or killed); its slot is freed after the step. */
export function removeTask(w: FastWorld, m: number, t: number): void {
  const list = w.onMachine[m];
  list.splice(list.indexOf(t), 1);
  const tasks = w.tasks;
  if (tasks.residency[t] === TO_SWAP || tasks.residency[t] === TO_RAM) w.inTransit[m]--;
  if (tasks.residency[t] !== RAM) w.notInRam[m]--;
  w.classCount[m * w.classes + tasks.cls[t]]--;
  if (tasks.running[t] === 1) {
    w.runningCount[m]--;
    w.runningOn[m].remove(t);
  } else w.waitingOn[m].remove(t);
  tasks.running[t] = 0;
  tasks.release(t);
}

/** Moves a task's memory to another residency, keeping the machine's count of tasks not wholly in RAM. */
export function setResidency(w: FastWorld, m: number, t: number, residency: number): void {
  const tasks = w.tasks;
  if (tasks.residency[t] === RAM && residency !== RAM) w.notInRam[m]++;
  else if (tasks.residency[t] !== RAM && residency === RAM) w.notInRam[m]--;
  tasks.residency[t] = residency;
}

export function observation(w: FastWorld, m: number, t: number): SwapObservation {
  const inv = w.tasks.invOf(t);
  return { atUs: w.nowUs, invId: inv.id, machineId: m, cls: inv.effectiveClass, memoryMB: w.tasks.memoryMB[t] };
}
