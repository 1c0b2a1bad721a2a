import { schedulingClassCount } from '../classes.ts';
import type { ModelConfig } from '../config.ts';
import type { Invocation } from '../invocation.ts';
import type { MachineLoad } from '../messages.ts';

// A global scheduler shard (paper 3.2): "a multi queue, with one queue per price class", an idle list, and the
// placement decision in progress (a poll waiting for the machines' answers).

export interface Queued {
  readonly inv: Invocation;
  /** When it entered this queue; waiting time for the selection rule counts from here. */
  readonly enqueuedUs: number;
}

/** A machine on a shard's idle list, as its dispatcher last reported it. */
export interface IdleEntry {
  readonly machineId: number;
  readonly freeMB: number;
  readonly functions: number;
}

/** A placement waiting for the polled machines' loads: the head it took, and the answers so far (sample order). */
export interface Poll {
  readonly item: Queued;
  readonly cls: number;
  readonly sampled: readonly number[];
  readonly loads: readonly (MachineLoad | null)[];
}

export interface ShardState {
  readonly id: number;
  /** One FIFO per scheduling class, oldest first. */
  readonly queues: readonly (readonly Queued[])[];
  /** The idle list, in the order machines joined. */
  readonly idle: readonly IdleEntry[];
  /** The shard is busy deciding until then (policy.shardDecisionUs after each placement). */
  readonly busyUntilUs: number;
  /** The timer of the next placement decision, or Infinity when none is requested. */
  readonly placeAtUs: number;
  readonly poll: Poll | null;
}

export function newShard(id: number, config: ModelConfig): ShardState {
  const queues = Array.from({ length: schedulingClassCount(config) }, (): readonly Queued[] => []);
  return { id, queues, idle: [], busyUntilUs: 0, placeAtUs: Infinity, poll: null };
}

export function queuedCount(s: ShardState): number {
  return s.queues.reduce((n, q) => n + q.length, 0);
}

/** A copy with some fields changed, built field by field (one object shape for every shard; see taskWith). */
export function shardWith(s: ShardState, c: Partial<ShardState>): ShardState {
  return {
    id: s.id,
    queues: c.queues ?? s.queues,
    idle: c.idle ?? s.idle,
    busyUntilUs: c.busyUntilUs ?? s.busyUntilUs,
    placeAtUs: c.placeAtUs ?? s.placeAtUs,
    poll: c.poll === undefined ? s.poll : c.poll,
  };
}

/** Late binding (policy `hold`): with no machine on its idle list, the shard keeps its work. */
export function isHeld(s: ShardState, config: ModelConfig): boolean {
  return config.policy.idleList && config.policy.whenIdleListEmpty === 'hold' && s.idle.length === 0;
}
