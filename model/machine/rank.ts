import type { Policy } from '../policy.ts';
import type { Task } from './state.ts';

// One order for every decision on a machine. Rank (who runs first), SCHED_FIFO's: the higher class first; inside
// a class a task holding a core keeps it (FIFO never preempts within a priority), then placement order (a
// preempted task keeps its seq, so it is back at the head of its class). Without preemption a running task
// outranks every waiting one. The victim order (whose memory goes first under pressure, who is killed) is the
// reverse: the lowest class first ("the lowest price class functions will not be run until the high price
// class functions have all finished"), waiting before running, the latest arrival first.

/** Negative when `a` ranks before `b`. */
export function compareRank(a: Task, b: Task, policy: Policy): number {
  if (!policy.preemptive && a.running !== b.running) return a.running ? -1 : 1;
  if (a.cls !== b.cls) return b.cls - a.cls;
  if (a.running !== b.running) return a.running ? -1 : 1;
  return a.seq - b.seq;
}

export function inRankOrder(tasks: readonly Task[], policy: Policy): Task[] {
  return [...tasks].sort((a, b) => compareRank(a, b, policy));
}

export function inVictimOrder(tasks: readonly Task[], policy: Policy): Task[] {
  return [...tasks].sort((a, b) => compareRank(b, a, policy));
}
