import { Coverage } from '../coverage.ts';
import type { Invariant } from '../invariants/index.ts';
import { invariantByName } from '../invariants/index.ts';
import { loadMutant } from '../mutants/load.ts';
import type { Transition } from '../transition.ts';
import { SPEC } from '../transition.ts';
import { Expander } from './expand.ts';
import { FingerprintSet } from './fpset.ts';
import type { Bound } from './memory-bound.ts';
import { MemoryBound } from './memory-bound.ts';
import type { CheckScope } from './scope.ts';
import { expansionFor, rootOf } from './search.ts';
import { SharedFingerprintSet } from './shared-fpset.ts';
import type { CheckState } from './state.ts';

// One worker of the parallel search (parallel.ts), loaded through parallel-worker.mjs. Every worker first runs the
// same breadth-first prefix privately (deterministic, so all agree on it) until a level has enough states to share
// out; worker i then keeps the states of that level at positions i, i + W, ... From there the workers explore
// level by level, a barrier between levels: each expands its own states and admits a successor through the shared
// fingerprint set, so each distinct state is expanded by exactly one worker, and owned by the one that reached it
// first. The level totals and stop flags live in slots used round-robin over three levels, so a slot is reset only
// after every worker has read it. Counts are deterministic (the set of states and their successors does not depend
// on which worker expands what); a violation is only flagged here, and the caller replays the sequential search for
// its shortest, deterministic trace.

export interface WorkerTask {
  readonly scope: CheckScope;
  /** A catalogued mutant's name, or null for the spec. */
  readonly mutant: string | null;
  readonly invariants: readonly string[];
  readonly symmetry: boolean;
  readonly maxStates: number;
  readonly maxDepth: number;
  readonly maxMemoryMB: number;
  readonly coverage: boolean;
  readonly index: number;
  readonly workers: number;
  readonly seen: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}

export interface WorkerResult {
  readonly transitions: number;
  readonly diameter: number;
  readonly stoppedBy: Bound | null;
  readonly violated: boolean;
  readonly coverage: Record<string, unknown> | null;
}

/** A prefix level at least this many states per worker is shared out. */
const SHARE_AT = 64;

// Control slots (Int32Array over `control`).
const ARRIVED = 0;
const GENERATION = 1;
const TOTAL = 2;
const FLAGS = 5;
/** For the progress line: the level being explored and its size (written by worker 0). */
export const DEPTH = 8;
export const FRONTIER = 9;
export const CONTROL_INTS = 10;
const VIOLATED = 1;
const STOPPED = 2;

interface Entry {
  readonly state: CheckState;
  readonly lo: number;
  readonly hi: number;
}

export async function runWorker(task: WorkerTask): Promise<WorkerResult> {
  const transition: Transition = task.mutant === null ? SPEC : await loadMutant(task.mutant);
  const invariants = task.invariants.map((name) => {
    const inv = invariantByName(name);
    if (inv === undefined) throw new Error(`no invariant ${name}`);
    return inv;
  });
  return explore(task, transition, invariants);
}

function explore(task: WorkerTask, transition: Transition, invariants: readonly Invariant[]): WorkerResult {
  const { scope, maxStates, maxDepth } = task;
  const coverage = task.coverage ? new Coverage() : undefined;
  const { state: root, start } = rootOf(scope, transition, invariants.length > 0 || coverage !== undefined);
  // The prefix is explored by every worker: only worker 0 records its coverage and counts its transitions.
  const mine = task.index === 0 ? coverage : undefined;
  mine?.recordStart({ result: start });
  const options = { scope, transition, invariants, symmetry: task.symmetry };
  const prefixEx = new Expander({ ...options, coverage: mine }, expansionFor(scope), root);
  const ex = new Expander({ ...options, coverage }, expansionFor(scope), root);
  const shared = new SharedFingerprintSet(task.seen);
  const ctl = new Int32Array(task.control);
  const seenHere = new FingerprintSet();
  let depth = 0;
  let stoppedBy: Bound | null = null;
  const memory = new MemoryBound(task.maxMemoryMB);
  let next: Entry[] = [];

  const keep = (s: CheckState, e: Expander): void => {
    if (depth + 1 < maxDepth) next.push({ state: s, lo: e.fp.lo, hi: e.fp.hi });
    else stoppedBy ??= 'depth';
  };
  // The prefix decides by the worker's own set (so every worker sees the same prefix) and fills the shared one.
  const admitPrefix = (s: CheckState): boolean => {
    prefixEx.fingerprint(s);
    const { lo, hi } = prefixEx.fp;
    shared.add(lo, hi);
    if (!seenHere.add(lo, hi)) return false;
    keep(s, prefixEx);
    if (seenHere.size >= maxStates) {
      stoppedBy = 'states';
      prefixEx.stop = true;
    }
    return true;
  };
  const admitShared = (s: CheckState): boolean => {
    ex.fingerprint(s);
    if (!shared.add(ex.fp.lo, ex.fp.hi)) return false;
    keep(s, ex);
    const bound = shared.size >= maxStates || shared.full ? 'states' : memory.exceeded() ? 'memory' : null;
    if (bound !== null) {
      stoppedBy = bound;
      ex.stop = true;
    }
    return true;
  };
  const result = (violated: boolean): WorkerResult => ({
    transitions: ex.transitions + (task.index === 0 ? prefixEx.transitions : 0),
    diameter: depth,
    stoppedBy,
    violated,
    coverage: coverage === undefined ? null : coverage.toJSON(),
  });

  admitPrefix(root);
  let level: Entry[] = [{ state: root, lo: prefixEx.fp.lo, hi: prefixEx.fp.hi }];
  next = [];
  while (level.length > 0 && level.length < SHARE_AT * task.workers) {
    for (const e of level) {
      if (prefixEx.expand(e.state, e.lo, e.hi, admitPrefix) !== null) return result(true);
      if (prefixEx.stop) return result(false);
    }
    if (next.length > 0) depth++;
    level = next;
    next = [];
  }
  level = level.filter((_, j) => j % task.workers === task.index);
  for (;;) {
    const slot = depth % 3;
    for (const e of level) {
      if (Atomics.load(ctl, FLAGS + slot) !== 0) break;
      if (ex.expand(e.state, e.lo, e.hi, admitShared) !== null) {
        Atomics.or(ctl, FLAGS + slot, VIOLATED);
        break;
      }
      if (ex.stop) {
        Atomics.or(ctl, FLAGS + slot, STOPPED);
        break;
      }
    }
    // Also at every level's end: a worker's share may never reach the per-state check's period.
    if (stoppedBy === null && memory.over()) {
      stoppedBy = 'memory';
      Atomics.or(ctl, FLAGS + slot, STOPPED);
    }
    if (task.index === 0) {
      ctl[TOTAL + ((depth + 1) % 3)] = 0;
      ctl[FLAGS + ((depth + 1) % 3)] = 0;
    }
    Atomics.add(ctl, TOTAL + slot, next.length);
    barrier(ctl, task.workers);
    const flags = Atomics.load(ctl, FLAGS + slot);
    if (flags !== 0) {
      // Another worker stopped the search: this one is incomplete for the same reason.
      stoppedBy ??= 'states';
      return result((flags & VIOLATED) !== 0);
    }
    const total = Atomics.load(ctl, TOTAL + slot);
    if (total === 0) return result(false);
    depth++;
    if (task.index === 0) {
      Atomics.store(ctl, DEPTH, depth);
      Atomics.store(ctl, FRONTIER, total);
    }
    level = next;
    next = [];
  }
}

/** Waits until every worker has arrived (the last to arrive opens the next generation). */
function barrier(ctl: Int32Array, workers: number): void {
  const generation = Atomics.load(ctl, GENERATION);
  if (Atomics.add(ctl, ARRIVED, 1) === workers - 1) {
    Atomics.store(ctl, ARRIVED, 0);
    Atomics.add(ctl, GENERATION, 1);
    Atomics.notify(ctl, GENERATION);
    return;
  }
  while (Atomics.load(ctl, GENERATION) === generation) Atomics.wait(ctl, GENERATION, generation);
}
