import type { Invocation } from './invocation.ts';

// Inputs: every event carries its time and every nondeterministic choice the real system would make
// (which shard the load balancer picked, which machines a shard polled, which shards a dispatcher compared).

export type ModelEvent =
  /** An invocation reaches the shard the load balancer routed it to. */
  | { readonly type: 'arrive'; readonly atUs: number; readonly inv: Invocation; readonly shardId: number }
  /** The shard makes one placement decision; `sampledMachines` are the k machines it polls if its idle list is empty. */
  | { readonly type: 'place'; readonly atUs: number; readonly shardId: number; readonly sampledMachines: readonly number[] }
  /** The shard re-checks its throttled invocations against their tenants' budgets. */
  | { readonly type: 'release'; readonly atUs: number; readonly shardId: number }
  /** The machine's timer: completions, memory growth steps and child spawns that are due. */
  | { readonly type: 'wake'; readonly atUs: number; readonly machineId: number }
  /** The dispatcher joins the idle list of the shard with the shortest list among `sampledShards`. */
  | { readonly type: 'idleJoin'; readonly atUs: number; readonly machineId: number; readonly sampledShards: readonly number[] }
  /** A memory antagonist: the memory usable by functions on the machine changes. */
  | { readonly type: 'setUsableMemory'; readonly atUs: number; readonly machineId: number; readonly memoryMB: number };

export type EventType = ModelEvent['type'];

// Outputs: requests the driver must turn into future input events (adding the nondeterministic data), and
// observations for metrics and traces.

export type Output =
  | { readonly type: 'needPlace'; readonly atUs: number; readonly shardId: number }
  | { readonly type: 'needRelease'; readonly atUs: number; readonly shardId: number }
  | { readonly type: 'needWake'; readonly atUs: number; readonly machineId: number }
  | { readonly type: 'needJoin'; readonly atUs: number; readonly machineId: number }
  /** A running parent started a child; the driver routes it to a shard with an `arrive` event. */
  | { readonly type: 'spawned'; readonly atUs: number; readonly inv: Invocation }
  | { readonly type: 'throttled'; readonly atUs: number; readonly invId: number; readonly shardId: number }
  | { readonly type: 'placed'; readonly atUs: number; readonly invId: number; readonly shardId: number; readonly machineId: number }
  /** byInvId: the task that took the core, or -1 when memory pressure swapped the running task out. */
  | { readonly type: 'preempted'; readonly atUs: number; readonly invId: number; readonly machineId: number; readonly byInvId: number }
  | { readonly type: 'swappedOut'; readonly atUs: number; readonly invId: number; readonly machineId: number; readonly cls: number; readonly memoryMB: number }
  | { readonly type: 'swappedIn'; readonly atUs: number; readonly invId: number; readonly machineId: number; readonly cls: number; readonly memoryMB: number }
  | { readonly type: 'completed'; readonly atUs: number; readonly inv: Invocation; readonly machineId: number; readonly cpuCost: number; readonly memoryCost: number }
  | { readonly type: 'killed'; readonly atUs: number; readonly inv: Invocation; readonly machineId: number };

export type OutputType = Output['type'];
