import { nextLevelUs } from './growth.ts';
import { RAM } from './tasks.ts';
import type { FastWorld } from './world.ts';

// A machine's clocks (the spec's model/machine/progress.ts), the same arithmetic in the same order: the virtual
// clock advances at the discipline's speed, a running task's work is its mark plus how far the clock moved.

export const DUE_TOLERANCE_US = 1e-6;

export function advanceTo(w: FastWorld, m: number, atUs: number): void {
  const nowUs = w.machineNowUs[m];
  if (atUs < nowUs) throw new Error(`machine ${m}: time ${atUs}us is before its time ${nowUs}us`);
  if (atUs === nowUs) return;
  w.virtualUs[m] += w.discipline.workDoneUs(atUs - nowUs, w.runningCount[m], w.cores[m]);
  w.machineNowUs[m] = atUs;
}

export function workDoneUs(w: FastWorld, m: number, t: number): number {
  const tasks = w.tasks;
  return tasks.running[t] === 1 ? tasks.doneUs[t] + (w.virtualUs[m] - tasks.markVUs[t]) : tasks.doneUs[t];
}

export function growthAgeUs(w: FastWorld, m: number, t: number): number {
  const tasks = w.tasks;
  return tasks.residency[t] === RAM ? tasks.ageUs[t] + (w.machineNowUs[m] - tasks.ageMarkUs[t]) : tasks.ageUs[t];
}

export function growthClockUs(w: FastWorld, m: number, t: number): number {
  return w.timeGrowth ? growthAgeUs(w, m, t) : workDoneUs(w, m, t);
}

/**
 * Work at which the next thing happens to the task (the spec's nextCheckpointUs), memoized: it stays the same while
 * the work done stays in [the work it was computed at, it), until the task's next child changes (reachWork).
 */
export function nextCheckpointUs(w: FastWorld, m: number, t: number): number {
  const doneUs = workDoneUs(w, m, t);
  const g = w.growth;
  if (doneUs >= g.checkpointFromUs[t] && doneUs < g.checkpointUs[t]) return g.checkpointUs[t];
  const inv = w.tasks.invOf(t);
  const child = inv.children[w.tasks.nextChild[t]];
  const childUs = child === undefined ? Infinity : child.afterWorkUs;
  const growthUs = w.timeGrowth ? Infinity : nextLevelUs(w, t, doneUs);
  const checkpointUs = Math.min(inv.workUs, growthUs, childUs);
  g.checkpointFromUs[t] = doneUs;
  g.checkpointUs[t] = checkpointUs;
  g.checkpointSilent[t] = growthUs < inv.workUs && growthUs < childUs && g.nextSilent[t] === 1 ? 1 : 0;
  return checkpointUs;
}

/** A running task's key in its machine's RunningHeap: the virtual clock reading at which its work reaches its next
 * checkpoint (an index only: the wake time and what is due are decided by the spec's arithmetic, below). */
export function dueKeyVUs(w: FastWorld, m: number, t: number): number {
  return w.tasks.markVUs[t] + (nextCheckpointUs(w, m, t) - w.tasks.doneUs[t]);
}

/** Brings a running task's key up to date (its checkpoint moved: it was reached, or a growth step passed). */
export function refreshKey(w: FastWorld, m: number, t: number): void {
  const keyVUs = dueKeyVUs(w, m, t);
  if (keyVUs === w.tasks.dueVUs[t]) return;
  w.tasks.dueVUs[t] = keyVUs;
  w.runningOn[m].update(t);
}

/**
 * How far a key may be from the spec's float arithmetic (work = done + (clock - mark) against the checkpoint): far
 * more than a few rounding errors, so that every task the spec would find due or soonest is among those collected.
 */
function keySlackUs(virtualUs: number): number {
  return 1e-3 + 1e-9 * Math.abs(virtualUs);
}

/** The running tasks that may be due now (keys at most the clock plus the tolerance), in placement order. */
export function dueCandidates(w: FastWorld, m: number, out: number[]): number[] {
  out.length = 0;
  const virtualUs = w.virtualUs[m];
  w.runningOn[m].collectUpTo(virtualUs + DUE_TOLERANCE_US + keySlackUs(virtualUs), out);
  const seq = w.tasks.seq;
  return out.sort((a, b) => seq[a] - seq[b]);
}

/** The running tasks whose wake may be the soonest: the least key (brought up to date first) and those near it. */
function soonestCandidates(w: FastWorld, m: number, out: number[]): number[] {
  out.length = 0;
  const heap = w.runningOn[m];
  for (;;) {
    const t = heap.top();
    if (t < 0) return out;
    const keyVUs = dueKeyVUs(w, m, t);
    if (keyVUs === w.tasks.dueVUs[t]) break;
    w.tasks.dueVUs[t] = keyVUs;
    heap.update(t);
  }
  const leastVUs = w.tasks.dueVUs[heap.top()];
  heap.collectUpTo(leastVUs + keySlackUs(leastVUs), out);
  return out;
}

const candidates: number[] = [];

/**
 * When the machine's timer must fire (Infinity: nothing to wait for). Also notes whether that wake is silent: due
 * only to running tasks stepping to memory levels of the same size, under preemptive priority (whole-microsecond
 * work) with memory growing with work: then nothing but the clocks can change at it (machine.ts wake). The spec
 * takes the least over every task; with growth on work only running tasks count, and only those whose keys are
 * near the least can give it, so only those are evaluated (the spec's arithmetic, any order: the least and the
 * silence do not depend on it). With growth on age every task in RAM counts and all are scanned.
 */
export function nextWakeUs(w: FastWorld, m: number): number {
  const tasks = w.timeGrowth ? w.onMachine[m] : soonestCandidates(w, m, candidates);
  let silent = false;
  const running = w.runningCount[m];
  const nowUs = w.machineNowUs[m];
  let wakeUs = w.transferSlot[m] >= 0 ? w.transferEndUs[m] : Infinity;
  for (const t of tasks) {
    if (w.timeGrowth && w.tasks.residency[t] === RAM) {
      const ageUs = growthAgeUs(w, m, t);
      const atUs = nowUs + (nextLevelUs(w, t, ageUs) - ageUs);
      if (atUs < wakeUs) wakeUs = atUs;
    }
    if (w.tasks.running[t] === 0) continue;
    const leftUs = nextCheckpointUs(w, m, t) - workDoneUs(w, m, t) - DUE_TOLERANCE_US;
    const atUs = nowUs + (leftUs <= 0 ? 0 : w.discipline.timeForWorkUs(leftUs, running, w.cores[m]));
    const quiet = leftUs > 0 && w.growth.checkpointSilent[t] === 1;
    if (atUs < wakeUs) {
      wakeUs = atUs;
      silent = w.silentWakes && quiet;
    } else if (atUs === wakeUs && !quiet) silent = false;
  }
  w.silentWake[m] = silent && wakeUs !== Infinity ? 1 : 0;
  return wakeUs;
}
