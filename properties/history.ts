import type { Invocation, ModelConfig, ModelEvent, Output, World } from '../model/index.ts';
import { fifoItems } from '../model/index.ts';

// What a run has seen so far, beyond the current world: the facts that per-step invariants need and that a
// single world cannot tell (which invocations exist, which have finished, the time bound for eventual completion).
// Immutable: `advance` returns a new History, so the explorer can keep one per state.

export type StepFn = (world: World, ev: ModelEvent) => { world: World; out: Output[] };

export interface Bound {
  /** Time of the last external event (arrival or antagonist). */
  readonly lastExternalUs: number;
  /** Work of every invocation, children included. */
  readonly totalWorkUs: number;
  /** Number of invocations, children included. */
  readonly invocations: number;
}

export interface History {
  /** The real model's config (a mutant may run another one; invariants judge against this). */
  readonly spec: ModelConfig;
  /** The transition under test (the real `step` or a mutant's), for the determinism check. */
  readonly step: StepFn;
  readonly bound: Bound;
  /** Index of the step just taken (0-based). */
  readonly stepIndex: number;
  /** Every invocation that has arrived, as admitted by its shard (after a possible demotion), or was spawned. */
  readonly known: ReadonlyMap<number, Invocation>;
  /** Spawned children not yet arrived at a shard. */
  readonly inFlight: ReadonlySet<number>;
  /** Finished invocations. */
  readonly done: ReadonlyMap<number, 'completed' | 'killed'>;
  /** The latest budget release time the model announced (0 if none). */
  readonly maxReleaseUs: number;
}

export function newHistory(spec: ModelConfig, step: StepFn, bound: Bound): History {
  return { spec, step, bound, stepIndex: -1, known: new Map(), inFlight: new Set(), done: new Map(), maxReleaseUs: 0 };
}

/** The invocation with this id as it sits in a shard of `w` (queued or throttled), if it is there. */
function inShard(w: World, shardId: number, id: number): Invocation | undefined {
  const s = w.shards[shardId];
  for (const q of s.queues) for (const item of fifoItems(q)) if (item.inv.id === id) return item.inv;
  for (const item of s.throttled) if (item.inv.id === id) return item.inv;
  return undefined;
}

export function advance(h: History, ev: ModelEvent, out: readonly Output[], next: World): History {
  let known = h.known;
  let inFlight = h.inFlight;
  let done = h.done;
  let maxReleaseUs = h.maxReleaseUs;
  if (ev.type === 'arrive') {
    known = new Map(known);
    (known as Map<number, Invocation>).set(ev.inv.id, inShard(next, ev.shardId, ev.inv.id) ?? ev.inv);
    if (inFlight.has(ev.inv.id)) {
      inFlight = new Set(inFlight);
      (inFlight as Set<number>).delete(ev.inv.id);
    }
  }
  for (const o of out) {
    if (o.type === 'spawned') {
      if (known === h.known) known = new Map(known);
      (known as Map<number, Invocation>).set(o.inv.id, o.inv);
      if (inFlight === h.inFlight) inFlight = new Set(inFlight);
      (inFlight as Set<number>).add(o.inv.id);
    } else if (o.type === 'completed' || o.type === 'killed') {
      if (done === h.done) done = new Map(done);
      (done as Map<number, 'completed' | 'killed'>).set(o.inv.id, o.type);
    } else if (o.type === 'needRelease') {
      maxReleaseUs = Math.max(maxReleaseUs, o.atUs);
    }
  }
  return { ...h, stepIndex: h.stepIndex + 1, known, inFlight, done, maxReleaseUs };
}
