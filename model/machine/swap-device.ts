import type { Output } from '../events.ts';
import type { Policy } from '../policy.ts';
import { compareRank } from './rank.ts';
import type { MachineState, Task } from './state.ts';
import { machineWith } from './state.ts';
import { current, finishTransfer } from './task-ops.ts';

// The machine's swap device (an SSD): it moves one task's memory at a time, taking memoryMB / swapMBPerS for it
// (whole microseconds, rounded up; no time at all with unlimited bandwidth, the paper's assumption). The order it
// serves transfers in: swap-outs first, in the order asked for (freeing RAM is what everything else waits for);
// then swap-ins, the best-ranked task first (the highest class, as the scheduler would run it). A transfer in
// progress is never interrupted.

/** How long the device takes to move the task's memory. */
export function transferUs(m: MachineState, task: Task): number {
  return m.swapMBPerS === Infinity ? 0 : Math.ceil((task.memoryMB / m.swapMBPerS) * 1e6);
}

function isInTransfer(m: MachineState, t: Task): boolean {
  return m.transfer?.seq === t.seq;
}

/** The transfer the device serves next, or undefined when none waits. */
export function nextTransfer(m: MachineState, policy: Policy): Task | undefined {
  const outs = m.tasks.filter((t) => t.residency === 'toSwap' && !isInTransfer(m, t));
  if (outs.length > 0) return outs.reduce((a, t) => (t.requestOrder < a.requestOrder ? t : a));
  const ins = m.tasks.filter((t) => t.residency === 'toRam' && !isInTransfer(m, t));
  return ins.length === 0 ? undefined : ins.reduce((a, t) => (compareRank(t, a, policy) < 0 ? t : a));
}

/**
 * One step of the device at the machine's time: finish the transfer that has ended, or start the next one.
 * Returns null when there is nothing to do now (busy until later, or idle with nothing asked for).
 */
export function deviceStep(m: MachineState, policy: Policy, outputs: Output[]): MachineState | null {
  if (m.transfer !== null) {
    if (m.transfer.endUs > m.nowUs) return null;
    const seq = m.transfer.seq;
    const task = m.tasks.find((t) => t.seq === seq);
    const idle = machineWith(m, { transfer: null });
    return task === undefined ? idle : finishTransfer(idle, current(idle, task), outputs);
  }
  const next = nextTransfer(m, policy);
  if (next === undefined) return null;
  return machineWith(m, { transfer: { seq: next.seq, endUs: m.nowUs + transferUs(m, next) } });
}
