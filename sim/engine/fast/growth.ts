import { memoryAtMB, nextGrowthUs } from '../../../model/memory-growth.ts';
import type { FastWorld } from './world.ts';

// A memo of each task's memory level on its growth clock: the spec's memoryAtMB and nextGrowthUs are constant
// while the clock stays in [fromUs, nextUs), so they are computed again (by the spec's own functions, hence
// exactly) only when the clock leaves that range.

export function refreshGrowth(w: FastWorld, t: number, clockUs: number): void {
  const g = w.growth;
  if (clockUs >= g.fromUs[t] && clockUs < g.nextUs[t]) return;
  const inv = w.tasks.invOf(t);
  g.levelMB[t] = memoryAtMB(inv, clockUs, w.config);
  const nextUs = nextGrowthUs(inv, clockUs, w.config);
  g.nextUs[t] = nextUs;
  g.fromUs[t] = clockUs;
  // A step to a level of the same size (whole MB) changes nothing: a wake for it alone can be taken quickly.
  g.nextSilent[t] = nextUs !== Infinity && memoryAtMB(inv, nextUs, w.config) === g.levelMB[t] ? 1 : 0;
}

/** The spec's memoryAtMB(inv, clockUs). */
export function levelMB(w: FastWorld, t: number, clockUs: number): number {
  refreshGrowth(w, t, clockUs);
  return w.growth.levelMB[t];
}

/** The spec's nextGrowthUs(inv, clockUs). */
export function nextLevelUs(w: FastWorld, t: number, clockUs: number): number {
  refreshGrowth(w, t, clockUs);
  return w.growth.nextUs[t];
}

/** Forgets a slot's memos (a new task in it). */
export function resetGrowth(w: FastWorld, t: number): void {
  w.growth.fromUs[t] = Infinity;
  w.growth.nextUs[t] = -Infinity;
  forgetCheckpoint(w, t);
}

/** Forgets the memo of the task's next checkpoint (its next child changed). */
export function forgetCheckpoint(w: FastWorld, t: number): void {
  w.growth.checkpointFromUs[t] = Infinity;
  w.growth.checkpointUs[t] = -Infinity;
}

export class GrowthMemo {
  fromUs = new Float64Array(0);
  nextUs = new Float64Array(0);
  levelMB = new Float64Array(0);
  checkpointFromUs = new Float64Array(0);
  checkpointUs = new Float64Array(0);
  /** 1 when the memoized checkpoint is only a step to a memory level of the same size. */
  checkpointSilent = new Uint8Array(0);
  nextSilent = new Uint8Array(0);

  ensure(n: number): void {
    if (n <= this.fromUs.length) return;
    const size = Math.max(1024, this.fromUs.length * 2, n);
    for (const f of ['fromUs', 'nextUs', 'levelMB', 'checkpointFromUs', 'checkpointUs'] as const) {
      const a = new Float64Array(size);
      a.set(this[f]);
      this[f] = a;
    }
    for (const f of ['checkpointSilent', 'nextSilent'] as const) {
      const a = new Uint8Array(size);
      a.set(this[f]);
      this[f] = a;
    }
  }
}
