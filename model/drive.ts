import type { ModelEvent, Output } from './events.ts';
import type { Invocation } from './invocation.ts';
import type { Microstep, StepResult } from './router.ts';
import { start, step } from './router.ts';
import type { EnabledEvent } from './timers.ts';
import { compareEvents, enabledEvents } from './timers.ts';
import type { World } from './world.ts';

// A small deterministic driver for tiny worlds (hand-worked tests, examples, replays): it merges external events
// (arrivals, antagonists) with the model's timers in the canonical order (timers.ts compareEvents, the order the
// simulator's engines follow) and answers the model's choices with a Chooser. No randomness.

export interface Chooser {
  /** The machines a shard polls (power of k choices), in the order the tie-break uses. */
  machinesFor(shardId: number, world: World): readonly number[];
  /** The shards a dispatcher compares when it joins an idle list. */
  shardsFor(machineId: number, world: World): readonly number[];
  /** The shard the load balancer routes a spawned child to. */
  shardForChild(child: Invocation, world: World): number;
}

/** Polls every machine and compares every shard, in id order; children go to shard 0. */
export const ALL_CHOOSER: Chooser = {
  machinesFor: (_s, w) => w.machines.map((m) => m.id),
  shardsFor: (_m, w) => w.shards.map((s) => s.id),
  shardForChild: () => 0,
};

export interface TraceStep {
  readonly event: ModelEvent;
  readonly out: readonly Output[];
  readonly microsteps: readonly Microstep[];
  readonly world: World;
}

/** A timer with the chooser's answer to its nondeterministic choice. */
export function concretize(e: EnabledEvent, world: World, chooser: Chooser): ModelEvent {
  switch (e.type) {
    case 'place':
      return { ...e, sampledMachines: chooser.machinesFor(e.shardId, world) };
    case 'idleJoin':
      return { ...e, sampledShards: chooser.shardsFor(e.machineId, world) };
    default:
      return e;
  }
}

export interface DriveOptions {
  readonly chooser?: Chooser;
  readonly maxSteps?: number;
  /** The transition to drive (a mutant, in the property suite); the model's `step` and `start` by default. */
  readonly step?: (world: World, ev: ModelEvent) => StepResult;
  readonly start?: (world: World) => StepResult;
}

export interface DriveResult {
  readonly start: StepResult;
  readonly steps: TraceStep[];
  readonly world: World;
}

/** Runs the external events and everything they cause until nothing is left or `maxSteps` events have run. */
export function drive(initial: World, external: readonly ModelEvent[], options: DriveOptions = {}): DriveResult {
  const chooser = options.chooser ?? ALL_CHOOSER;
  const transition = options.step ?? step;
  const pending = [...external].sort(compareEvents);
  const started = (options.start ?? start)(initial);
  let world = started.world;
  const steps: TraceStep[] = [];
  while (steps.length < (options.maxSteps ?? 100_000)) {
    const timer = enabledEvents(world).sort(compareEvents)[0];
    const useExternal = pending.length > 0 && (timer === undefined || compareEvents(pending[0], timer) <= 0);
    if (!useExternal && timer === undefined) break;
    const event = useExternal ? (pending.shift() as ModelEvent) : concretize(timer, world, chooser);
    const r = transition(world, event);
    world = r.world;
    steps.push({ event, out: r.outputs, microsteps: r.microsteps, world });
    for (const o of r.outputs) {
      if (o.type !== 'spawned') continue;
      pending.push({ type: 'arrive', atUs: o.atUs, inv: o.inv, shardId: chooser.shardForChild(o.inv, world) });
      pending.sort(compareEvents);
    }
  }
  return { start: started, steps, world };
}

/** Every output of a run, in order, start-up outputs first. */
export function outputsOf(run: DriveResult): Output[] {
  return [...run.start.outputs, ...run.steps.flatMap((s) => s.out)];
}
