import type { World } from './cluster.ts';
import { start, step } from './cluster.ts';
import type { EnabledEvent } from './enabled.ts';
import { enabledEvents } from './enabled.ts';
import type { ModelEvent, Output } from './events.ts';
import type { Invocation } from './invocation.ts';

// A small deterministic driver for tiny worlds (tests, the worked example, counterexample replay): it merges
// external events (arrivals, memory antagonists) with the model's enabled internal events, in time order, and
// answers the model's choices with a `Chooser`. No randomness: every choice comes from the chooser.
//
// Order at equal times: machine wakes, budget releases, idle-list joins, then external events in the order
// given, then shard placements (so simultaneous arrivals are all queued before the shard decides, and
// completions free their cores before anything new is placed).

export interface Chooser {
  /** The machines a shard polls (power of k choices), in the order the tie-break uses. */
  machinesFor(shardId: number, world: World): readonly number[];
  /** The shards a dispatcher compares when it joins an idle list. */
  shardsFor(machineId: number, world: World): readonly number[];
}

/** Polls every machine and compares every shard, in id order: the globally least-loaded choice. */
export const ALL_CHOOSER: Chooser = {
  machinesFor: (_s, w) => w.machines.map((m) => m.id),
  shardsFor: (_m, w) => w.shards.map((s) => s.id),
};

export interface TraceStep {
  readonly event: ModelEvent;
  readonly out: readonly Output[];
  readonly world: World;
}

const KIND_ORDER: Readonly<Record<EnabledEvent['type'], number>> = { wake: 0, release: 1, idleJoin: 2, place: 4 };
const EXTERNAL_ORDER = 3;

/** Turns an enabled event into a concrete one, asking the chooser for its nondeterministic data. */
export function concretize(e: EnabledEvent, world: World, chooser: Chooser): ModelEvent {
  switch (e.type) {
    case 'place':
      return { type: 'place', atUs: e.atUs, shardId: e.shardId, sampledMachines: chooser.machinesFor(e.shardId, world) };
    case 'idleJoin':
      return { type: 'idleJoin', atUs: e.atUs, machineId: e.machineId, sampledShards: chooser.shardsFor(e.machineId, world) };
    default:
      return e;
  }
}

/** The next event: earliest time, then KIND_ORDER, then the lowest component id. */
export function nextEvent(world: World, external: readonly ModelEvent[], externalIndex: number, chooser: Chooser): { event: ModelEvent; external: boolean } | null {
  let best: EnabledEvent | null = null;
  for (const e of enabledEvents(world)) {
    if (best === null || e.atUs < best.atUs || (e.atUs === best.atUs && KIND_ORDER[e.type] < KIND_ORDER[best.type])) best = e;
  }
  const ext = externalIndex < external.length ? external[externalIndex] : undefined;
  if (ext !== undefined && (best === null || ext.atUs < best.atUs || (ext.atUs === best.atUs && EXTERNAL_ORDER < KIND_ORDER[best.type]))) {
    return { event: ext, external: true };
  }
  return best === null ? null : { event: concretize(best, world, chooser), external: false };
}

export interface DriveOptions {
  /**
   * Route each spawned child back into the model as an `arrive` at its spawn time, to this shard (queued after
   * the external events already due then). Without it, spawned children are left to the caller.
   */
  readonly shardFor?: (child: Invocation) => number;
  /** The transition to drive (a mutant, in the property suite); the model's `step` by default. */
  readonly step?: (world: World, ev: ModelEvent) => { world: World; out: Output[] };
}

/**
 * Runs external events (sorted by time) and everything they cause until the world is quiescent or
 * `maxSteps` events have run. Returns every step; the first world is after start-up.
 */
export function drive(
  initial: World,
  external: readonly ModelEvent[],
  chooser: Chooser = ALL_CHOOSER,
  maxSteps = 100_000,
  options: DriveOptions = {},
): { steps: TraceStep[]; world: World; startOut: readonly Output[] } {
  const pending = external.map((e, i) => ({ e, i })).sort((a, b) => a.e.atUs - b.e.atUs || a.i - b.i).map((x) => x.e);
  const transition = options.step ?? step;
  const started = start(initial);
  let world = started.world;
  const steps: TraceStep[] = [];
  let extIndex = 0;
  while (steps.length < maxSteps) {
    const next = nextEvent(world, pending, extIndex, chooser);
    if (next === null) break;
    if (next.external) extIndex++;
    const r = transition(world, next.event);
    world = r.world;
    steps.push({ event: next.event, out: r.out, world });
    if (options.shardFor === undefined) continue;
    for (const o of r.out) {
      if (o.type !== 'spawned') continue;
      let j = extIndex;
      while (j < pending.length && pending[j].atUs <= o.atUs) j++;
      pending.splice(j, 0, { type: 'arrive', atUs: o.atUs, inv: o.inv, shardId: options.shardFor(o.inv) });
    }
  }
  return { steps, world, startOut: started.out };
}
