import type { BudgetState } from './budget.ts';
import { NEW_BUDGET } from './budget.ts';
import type { ModelConfig } from './config.ts';
import type { DispatcherState } from './dispatcher/state.ts';
import { newDispatcher } from './dispatcher/state.ts';
import type { MachineSpec, MachineState } from './machine/state.ts';
import { newMachine, reportOf } from './machine/state.ts';
import type { InFlight } from './network.ts';
import type { ShardState } from './shard/state.ts';
import { newShard } from './shard/state.ts';

// The whole system's state: one state per component (the components of paper section 3.2: shards, machines with
// their dispatchers, plus the budget), the messages in flight between them, and the time of the last event.
// Immutable: `step` returns a new world.

export interface World {
  readonly config: ModelConfig;
  readonly nowUs: number;
  readonly shards: readonly ShardState[];
  readonly machines: readonly MachineState[];
  readonly dispatchers: readonly DispatcherState[];
  readonly budget: BudgetState;
  /** Messages on their way over a delayed link (network.ts), in send order. */
  readonly inFlight: readonly InFlight[];
  /** The number of delayed messages sent so far (the next one's seq). */
  readonly sentDelayed: number;
}

export interface ClusterSpec {
  readonly shards: number;
  readonly machines: readonly MachineSpec[];
}

export function initialWorld(config: ModelConfig, spec: ClusterSpec): World {
  if (!Number.isInteger(spec.shards) || spec.shards < 1)
    throw new Error(`a cluster needs >= 1 shard, got ${spec.shards}`);
  if (spec.machines.length < 1) throw new Error('a cluster needs >= 1 machine');
  const shards = Array.from({ length: spec.shards }, (_, id) => newShard(id, config));
  const machines = spec.machines.map((m, id) => newMachine(id, m));
  const dispatchers = machines.map((m) => newDispatcher(m.id, reportOf(m)));
  return { config, nowUs: 0, shards, machines, dispatchers, budget: NEW_BUDGET, inFlight: [], sentDelayed: 0 };
}
