import type { MachineSpec, PriceClass } from '../../model/index.ts';
import type { Scenario } from '../scenario.ts';

// A checker scope is a set of bounds, not a script: the cluster, the classes and the policy are fixed; every
// workload within the bounds is explored. Arrivals (and memory antagonists) are nondeterministic events of the
// exploration: at any instant of `instantsUnits` not before the current time, any shape of `shapes` may arrive at
// any shard, so long as at most `invocations` invocations (children included) arrive in all.
//
// Time: one unit is `unitUs` microseconds of the spec (arrival instants and work are whole units, so the state
// space is finite); memory is in the spec's MB. Everything the model computes from them (completion times under
// processor sharing, swap transfers at a finite bandwidth) is exact microseconds, as in the simulator.

type ScopeModelKnob =
  | 'memoryGrowthSteps'
  | 'memoryGrowth'
  | 'memoryGrowthFrontFraction'
  | 'shardMachineDelayUs'
  | 'dispatcherShardDelayUs'
  | 'idleThresholdMB'
  | 'idleUpdateDeltaMB';

export interface ShapeBounds {
  /** Work sizes, in units. */
  readonly workUnits: readonly number[];
  /** Footprints, MB: [initial, peak] pairs (peak = initial for a fixed footprint). */
  readonly memoryMB: readonly (readonly [number, number])[];
  /** Children up to this depth (0: none); a child starts after `childAfterUnits` of its parent's work. */
  readonly depth: number;
  readonly childAfterUnits: number;
  /** Tenants an invocation may belong to (budgets name some of them). */
  readonly tenants: readonly number[];
}

export interface AntagonistBounds {
  /** At most this many antagonist episodes; each sets a machine's usable memory, then restores it. */
  readonly episodes: number;
  readonly usableMB: readonly number[];
  readonly durationUnits: number;
}

/** A recurring source (liveness): one shape that arrives every `periodUnits`, ids recycled, forever. */
export interface RecurringSource {
  readonly cls: number;
  readonly workUnits: number;
  readonly memoryMB: number;
  readonly periodUnits: number;
  readonly shardId: number;
}

export interface CheckScope {
  readonly name: string;
  readonly description: string;
  readonly unitUs: number;
  readonly policy: Readonly<Record<string, unknown>>;
  readonly classes: readonly PriceClass[];
  readonly shards: number;
  readonly machines: readonly MachineSpec[];
  /** The model knobs a scope sets, as the property suite's scenarios carry them. */
  readonly model: Pick<Scenario, ScopeModelKnob>;
  readonly budgets: Readonly<Record<number, number>>;
  /** At most this many invocations arrive, children included. */
  readonly invocations: number;
  readonly instantsUnits: readonly number[];
  /** Classes an arrival may declare (every class when absent). */
  readonly arrivalClasses?: readonly number[];
  readonly shapes: ShapeBounds;
  readonly antagonists?: AntagonistBounds;
  readonly recurring?: RecurringSource;
  /** Sometimes-properties: kinds of output or message, or coverage situations (coverage.ts), to be reached. */
  readonly sometimes: readonly string[];
  /** Long scopes run in `npm run check:exhaustive`, not in `npm test`. */
  readonly long?: boolean;
}
