import type { FastWorld } from './world.ts';

// The spec's one order for every machine decision (model/machine/rank.ts): negative when task a ranks before b.
// The victim order is its reverse. Seq is unique on a machine, so the order is total and a scan for the best (or
// worst) gives what the spec's sort gives.

export function compareRank(w: FastWorld, a: number, b: number): number {
  const { running, cls, seq } = w.tasks;
  if (!w.config.policy.preemptive && running[a] !== running[b]) return running[a] === 1 ? -1 : 1;
  if (cls[a] !== cls[b]) return cls[b] - cls[a];
  if (running[a] !== running[b]) return running[a] === 1 ? -1 : 1;
  return seq[a] - seq[b];
}

/** Sorts slots in rank order, in place. */
export function sortInRank(w: FastWorld, slots: number[]): void {
  slots.sort((a, b) => compareRank(w, a, b));
}

/** Sorts slots in victim order, in place. */
export function sortInVictimOrder(w: FastWorld, slots: number[]): void {
  slots.sort((a, b) => compareRank(w, b, a));
}
